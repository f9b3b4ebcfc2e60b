/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-export-html.c: annotations as one self-contained HTML page.
 *
 * One file with its style sheet inline and no script: a heading per
 * article with its citation, each passage as a block quote in its
 * highlight colour (and the colour's name, for whoever does not see
 * it), the note, the tags (named for screen readers by a hidden
 * label, not an aria-label, which a list does not take) and the dates.
 * Light and dark follow the reader's `prefers-color-scheme`; printing
 * keeps the colours. An article's title and passages carry its
 * language, `lang=""` when it is unknown (rather than the page's); a
 * note carries its own when Rostra can tell it.
 *
 * Everything user-written (titles, sources, passages, notes, tags, and
 * even the stored colour and language) goes through
 * g_markup_escape_text(), in text and in quoted attribute values alike;
 * control characters HTML does not allow show as U+FFFD.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rostra-export-private.h"
#include "rostra-language.h"
#include "rostra-palette.h"
#include "rostra-text.h"

/* The page's style; the highlight colours follow, from the palette (the
 * window's: rostra-palette.c), each a light tint behind its passage. */
static const char style[] =
    ":root{color-scheme:light dark;--bg:#fafafa;--fg:rgba(0,0,0,.8);--card:#fff;"
    "--dim:rgba(0,0,0,.55);--line:rgba(0,0,0,.1);--pill:rgba(0,0,0,.07)}\n"
    "@media (prefers-color-scheme:dark){:root{--bg:#242424;--fg:#fff;--card:#303030;"
    "--dim:rgba(255,255,255,.6);--line:rgba(255,255,255,.12);--pill:rgba(255,255,255,.1)}}\n"
    "*{box-sizing:border-box}\n"
    "body{margin:0;padding:0 0 3rem;background:var(--bg);color:var(--fg);"
    "font:16px/1.6 Cantarell,\"Noto Sans\",\"Segoe UI\",system-ui,sans-serif}\n"
    "body>header,main{max-width:46rem;margin:0 auto;padding:0 1.5rem}\n"
    "body>header{padding-top:2.5rem}\n"
    "h1{font-size:2rem;line-height:1.2;margin:0 0 .3rem}\n"
    ".summary{margin:0;color:var(--dim)}\n"
    "article{background:var(--card);border-radius:12px;padding:1.25rem 1.5rem;margin:1.5rem 0;"
    "box-shadow:0 0 0 1px var(--line),0 1px 3px rgba(0,0,0,.08)}\n"
    "article h2{font-size:1.35rem;line-height:1.3;margin:0}\n"
    ".citation{margin:.25rem 0 0;color:var(--dim)}\n"
    ".annotation{margin:1.25rem 0 0;padding:1.25rem 0 0;border-top:1px solid var(--line)}\n"
    "blockquote{margin:0;padding:.6rem 1rem;border-left:4px solid var(--mark);"
    "border-radius:0 8px 8px 0;background:var(--tint);white-space:pre-wrap;"
    "font-family:Georgia,\"Noto Serif\",\"DejaVu Serif\",serif;font-size:1.05rem}\n"
    ".orphaned{margin:.5rem 0 0;color:var(--dim);font-style:italic;font-size:.9rem}\n"
    ".is-orphaned blockquote{border-left-style:dashed;background:none;"
    "box-shadow:inset 0 0 0 1px var(--tint)}\n"
    ".note{margin:.75rem 0 0;white-space:pre-wrap;overflow-wrap:anywhere}\n"
    ".tags{list-style:none;margin:.6rem 0 0;padding:0;display:flex;flex-wrap:wrap;gap:.35rem}\n"
    ".tags li{background:var(--pill);border-radius:999px;padding:0 .65rem;font-size:.85rem}\n"
    ".meta{margin:.6rem 0 0;color:var(--dim);font-size:.85rem}\n"
    ".swatch{display:inline-block;width:.75em;height:.75em;margin-right:.4em;border-radius:50%;"
    "background:var(--mark);box-shadow:0 0 0 1px var(--line);vertical-align:-.05em}\n"
    ".empty{color:var(--dim)}\n"
    ".visually-hidden{position:absolute;width:1px;height:1px;margin:-1px;padding:0;"
    "overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0}\n"
    "@media print{:root{--bg:#fff;--fg:#000;--card:#fff;--dim:#555;--line:#ccc}"
    "article{box-shadow:none;border:1px solid var(--line)}"
    ".annotation{break-inside:avoid}"
    "*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}\n";

/* Appends @text, escaped for HTML text and quoted attribute values.
 * HTML has no place for control characters but tab, LF and CR, not even
 * as character references (g_markup_escape_text() writes `&#x1;`):
 * they show as U+FFFD. */
static void
append_escaped (GString *out, const char *text)
{
  g_autoptr (GString) shown = g_string_new (NULL);
  g_autofree char *escaped = NULL;

  for (const char *p = text ? text : ""; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7f && c < 0xa0))
        g_string_append (shown, "\uFFFD");
      else
        g_string_append_unichar (shown, c);
    }
  escaped = g_markup_escape_text (shown->str, shown->len);
  g_string_append (out, escaped);
}

/* ` lang="xx"`; ` lang=""` (an unknown language, which HTML does not
 * take from the page) when @language is %NULL. */
static void
append_lang (GString *out, const char *language)
{
  g_string_append (out, " lang=\"");
  append_escaped (out, language);
  g_string_append_c (out, '"');
}

/* `<time datetime="…">label</time>` */
static void
append_time (GString *out, const char *datetime, const char *label)
{
  g_string_append (out, "<time datetime=\"");
  append_escaped (out, datetime);
  g_string_append (out, "\">");
  append_escaped (out, label);
  g_string_append (out, "</time>");
}

static void
append_article_header (GString *out, RostraAnnotation *a, RostraArticle *article)
{
  const char      *published = rostra_annotation_get_article_published (a);
  const char      *source = rostra_annotation_get_article_source (a);
  const char      *speaker = rostra_article_get_speaker (article);
  g_autofree char *date = rostra_text_format_date (published, FALSE);

  g_string_append (out, "<article>\n<header>\n<h2");
  append_lang (out, rostra_article_get_language (article));
  g_string_append_c (out, '>');
  append_escaped (out, rostra_annotation_get_article_title (a));
  g_string_append (out, "</h2>\n");

  if (source != NULL || date != NULL || speaker != NULL)
    {
      g_string_append (out, "<p class=\"citation\">");
      if (speaker != NULL)
        {
          g_string_append (out, "<span class=\"speaker\">");
          append_escaped (out, speaker);
          g_string_append (out, source != NULL || date != NULL ? "</span>, " : "</span>");
        }
      if (source != NULL)
        append_escaped (out, source);
      if (source != NULL && date != NULL)
        g_string_append (out, ", ");
      if (date != NULL)
        append_time (out, published, date);
      g_string_append (out, "</p>\n");
    }
  g_string_append (out, "</header>\n");
}

static void
append_annotation (GString *out, RostraAnnotation *a, RostraArticle *article)
{
  const char        *color = _rostra_export_color (a);
  const char        *note = rostra_annotation_get_note (a);
  const char        *created = rostra_annotation_get_created (a);
  const char        *modified = rostra_annotation_get_modified (a);
  const char *const *tags = rostra_annotation_get_tags (a);
  g_autofree char   *created_label = _rostra_export_format_time (created);
  g_autofree char   *modified_label = _rostra_export_format_time (modified);

  /* A div: a section would need a heading. */
  g_string_append_printf (
      out, "<div class=\"annotation %s%s\" id=\"annotation-%" G_GINT64_FORMAT "\">\n<blockquote",
      color, rostra_annotation_get_orphaned (a) ? " is-orphaned" : "",
      rostra_annotation_get_id (a));
  append_lang (out, rostra_article_get_language (article));
  g_string_append_c (out, '>');
  append_escaped (out, rostra_annotation_get_exact (a));
  g_string_append (out, "</blockquote>\n");

  if (rostra_annotation_get_orphaned (a))
    {
      g_string_append (out, "<p class=\"orphaned\">(");
      /* TRANSLATORS: under a passage no longer found in its article */
      append_escaped (out, _("passage no longer found in the text"));
      g_string_append (out, ")</p>\n");
    }

  if (note != NULL && *note != '\0')
    {
      const char *language = rostra_language_guess (note);

      /* Unless Rostra can tell, the note is in the page's language: the
       * user's. */
      g_string_append (out, "<p class=\"note\"");
      if (language != NULL)
        append_lang (out, language);
      g_string_append_c (out, '>');
      append_escaped (out, note);
      g_string_append (out, "</p>\n");
    }

  if (tags[0] != NULL)
    {
      g_string_append (out, "<p class=\"visually-hidden\">");
      /* TRANSLATORS: the accessible name of an annotation's tags in an HTML export */
      append_escaped (out, _("Tags"));
      g_string_append (out, "</p>\n<ul class=\"tags\">");
      for (guint i = 0; tags[i] != NULL; i++)
        {
          g_string_append (out, "<li>");
          append_escaped (out, tags[i]);
          g_string_append (out, "</li>");
        }
      g_string_append (out, "</ul>\n");
    }

  g_string_append (out, "<p class=\"meta\"><span class=\"swatch\"></span>");
  append_escaped (out, rostra_annotation_color_label (color));
  if (created_label != NULL)
    {
      g_autoptr (GString) part = g_string_new (NULL);

      append_time (part, created, created_label);
      g_string_append (out, " · ");
      /* TRANSLATORS: when an annotation was made, in an HTML export; %s is a date and time */
      g_string_append_printf (out, _("Created %s"), part->str);
    }
  if (modified_label != NULL && g_strcmp0 (created, modified) != 0)
    {
      g_autoptr (GString) part = g_string_new (NULL);

      append_time (part, modified, modified_label);
      g_string_append (out, " · ");
      /* TRANSLATORS: when an annotation was last changed, in an HTML export; %s is a date and time
       */
      g_string_append_printf (out, _("Modified %s"), part->str);
    }
  g_string_append (out, "</p>\n</div>\n");
}

static char *
summary (RostraExportContext *ctx)
{
  guint n = g_list_model_get_n_items (ctx->annotations);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  /* TRANSLATORS: the day of an export, a g_date_time_format() format: “27 November 2026” */
  g_autofree char *today = g_date_time_format (now, C_ ("date format", "%-d %B %Y"));
  g_autofree char *speeches = NULL;
  g_autofree char *annotations = NULL;

  if (n == 0)
    annotations = g_strdup (_("No annotations"));
  else
    {
      /* TRANSLATORS: “3 speeches”, the end of “12 annotations from 3 speeches” */
      speeches =
          g_strdup_printf (ngettext ("%u speech", "%u speeches", ctx->n_articles), ctx->n_articles);
      /* TRANSLATORS: “12 annotations from 3 speeches”; %s is “3 speeches” */
      annotations = g_strdup_printf (
          ngettext ("%u annotation from %s", "%u annotations from %s", n), n, speeches);
    }

  /* TRANSLATORS: under the heading of an HTML export: “12 annotations from
   * 3 speeches · exported 27 November 2026” */
  return g_strdup_printf (_("%s · exported %s"), annotations, today ? today : "");
}

/**
 * _rostra_export_write_html:
 *
 * Writes the context's annotations as one HTML page.
 */
gboolean
_rostra_export_write_html (RostraExportContext *ctx, GError **error)
{
  GString         *out = ctx->out;
  guint            n = g_list_model_get_n_items (ctx->annotations);
  gint64           article_id = 0;
  g_autofree char *line = summary (ctx);
  /* TRANSLATORS: the heading and title of an HTML export */
  const char               *title = _("Annotations");
  guint                     n_colors;
  const RostraPaletteColor *colors = rostra_palette_get_colors (&n_colors);

  g_string_append (out, "<!DOCTYPE html>\n<html");
  /* TRANSLATORS: the language code of this translation (en, nl, de, pt-BR…),
   * for the lang attribute of HTML exports */
  append_lang (out, C_ ("html lang", "en"));
  g_string_append (out, ">\n<head>\n<meta charset=\"utf-8\">\n"
                        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                        "<meta name=\"color-scheme\" content=\"light dark\">\n"
                        "<meta name=\"generator\" content=\"Rostra " PACKAGE_VERSION "\">\n"
                        "<title>");
  append_escaped (out, title);
  g_string_append_printf (out, "</title>\n<style>\n%s", style);
  for (guint i = 0; i < n_colors; i++)
    {
      g_autofree char *css =
          rostra_palette_dup_css (&colors[i], ".{name}{--mark:{hex};--tint:rgba({rgb},{tint})}\n");

      g_string_append (out, css);
    }
  g_string_append (out, "</style>\n</head>\n<body>\n<header>\n<h1>");
  append_escaped (out, title);
  g_string_append (out, "</h1>\n<p class=\"summary\">");
  append_escaped (out, line);
  g_string_append (out, "</p>\n</header>\n<main>\n");

  if (n == 0)
    {
      g_string_append (out, "<p class=\"empty\">");
      /* TRANSLATORS: the body of an HTML export that holds no annotation */
      append_escaped (out, _("There are no annotations to show."));
      g_string_append (out, "</p>\n");
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (RostraAnnotation) a = g_list_model_get_item (ctx->annotations, i);
      RostraArticle *article =
          _rostra_export_get_article (ctx, rostra_annotation_get_article_id (a), error);

      if (article == NULL)
        return FALSE;

      if (rostra_annotation_get_article_id (a) != article_id)
        {
          if (article_id != 0)
            g_string_append (out, "</article>\n");
          article_id = rostra_annotation_get_article_id (a);
          append_article_header (out, a, article);
        }
      append_annotation (out, a, article);

      if (!_rostra_export_flush (ctx, FALSE, error))
        return FALSE;
    }

  if (article_id != 0)
    g_string_append (out, "</article>\n");
  g_string_append (out, "</main>\n</body>\n</html>\n");
  return _rostra_export_flush (ctx, TRUE, error);
}
