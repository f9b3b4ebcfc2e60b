/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-export-csv.c: annotations as comma-separated values.
 *
 * RFC 4180: a header row, then one row per annotation; CRLF after every
 * row; a field is quoted when it holds a comma, a double quote, a CR or
 * an LF, and a double quote inside a quoted field is doubled. UTF-8
 * without a byte order mark.
 *
 * A spreadsheet would run a cell that starts with `=`, `+`, `-` or `@`
 * (or a tab or CR) as a formula, and takes a leading `'` as the mark of
 * a text cell, dropping it (`'t Is tijd` would lose it): in the
 * user-written columns such a value gets a `'` in front, as OWASP
 * advises against CSV injection, which the spreadsheet drops.
 *
 * An orphaned passage (no longer found in its article's text) has no
 * position: `start` and `end` are empty and `orphaned` says `true`.
 * `speaker` is empty until Rostra knows who speaks (a later version
 * fills it; the column is there so that scripts need no change).
 * README.md documents the columns.
 */

#include "config.h"

#include <string.h>

#include "rostra-export-private.h"
#include "rostra-kwic.h"

static const char header[] = "article_title,source,published,passage,note,tags,color,created,"
                             "modified,start,end,orphaned,article_id,language,speaker\r\n";

/* Appends @value as one field, quoted when it must be; @guard: a value
 * written by a user, which a spreadsheet must not read as a formula. */
static void
append_field (GString *out, const char *value, gboolean guard, gboolean last)
{
  gboolean formula;

  if (value == NULL)
    value = "";

  formula = guard && value[0] != '\0' && strchr ("=+-@\t\r'", value[0]) != NULL;
  if (strpbrk (value, ",\"\r\n") == NULL)
    {
      if (formula)
        g_string_append_c (out, '\'');
      g_string_append (out, value);
    }
  else
    {
      g_string_append_c (out, '"');
      if (formula)
        g_string_append_c (out, '\'');
      for (const char *p = value; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  g_string_append (out, last ? "\r\n" : ",");
}

/**
 * _rostra_export_write_csv:
 *
 * Writes the context's annotations as CSV, one row each.
 */
gboolean
_rostra_export_write_csv (RostraExportContext *ctx, GError **error)
{
  guint n = g_list_model_get_n_items (ctx->annotations);

  g_string_append (ctx->out, header);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (RostraAnnotation) a = g_list_model_get_item (ctx->annotations, i);
      g_autofree char *tags = g_strjoinv ("; ", (char **) rostra_annotation_get_tags (a));
      RostraArticle   *article =
          _rostra_export_get_article (ctx, rostra_annotation_get_article_id (a), error);
      gboolean orphaned = rostra_annotation_get_orphaned (a);
      char     start[24] = "", end[24] = "";

      if (article == NULL)
        return FALSE;
      if (!orphaned)
        {
          g_snprintf (start, sizeof start, "%u", rostra_annotation_get_start (a));
          g_snprintf (end, sizeof end, "%u", rostra_annotation_get_end (a));
        }

      append_field (ctx->out, rostra_annotation_get_article_title (a), TRUE, FALSE);
      append_field (ctx->out, rostra_annotation_get_article_source (a), TRUE, FALSE);
      append_field (ctx->out, rostra_annotation_get_article_published (a), FALSE, FALSE);
      append_field (ctx->out, rostra_annotation_get_exact (a), TRUE, FALSE);
      append_field (ctx->out, rostra_annotation_get_note (a), TRUE, FALSE);
      append_field (ctx->out, tags, TRUE, FALSE);
      append_field (ctx->out, _rostra_export_color (a), FALSE, FALSE);
      append_field (ctx->out, rostra_annotation_get_created (a), FALSE, FALSE);
      append_field (ctx->out, rostra_annotation_get_modified (a), FALSE, FALSE);
      append_field (ctx->out, start, FALSE, FALSE);
      append_field (ctx->out, end, FALSE, FALSE);
      append_field (ctx->out, orphaned ? "true" : "false", FALSE, FALSE);
      append_field (ctx->out, rostra_article_get_uuid (article), FALSE, FALSE);
      append_field (ctx->out, rostra_article_get_language (article), TRUE, FALSE);
      append_field (ctx->out, rostra_article_get_speaker (article), TRUE, TRUE);

      if (!_rostra_export_flush (ctx, FALSE, error))
        return FALSE;
    }

  return _rostra_export_flush (ctx, TRUE, error);
}

/* Concordance lines (rostra-kwic.h) */

static const char kwic_header[] =
    "article_id,title,speaker,source,date,left,match,right,start,end\r\n";

/**
 * rostra_kwic_csv_header:
 * @out: where the CSV goes
 *
 * Appends the header row of a concordance in CSV.
 */
void
rostra_kwic_csv_header (GString *out)
{
  g_string_append (out, kwic_header);
}

/**
 * rostra_kwic_csv_append:
 * @out: where the CSV goes
 * @line: a line of a concordance
 *
 * Appends @line as a CSV row, quoted as the annotations' export is:
 * the article's stable UUID (the annotations' CSV names articles so),
 * title, speaker (empty until the archive knows speakers), source,
 * date, left context, match, right context, and the match's first and
 * after-last characters.
 */
void
rostra_kwic_csv_append (GString *out, const RostraKwicLine *line)
{
  char start[16], end[16];

  g_snprintf (start, sizeof start, "%u", line->start);
  g_snprintf (end, sizeof end, "%u", line->end);
  append_field (out, line->uuid, FALSE, FALSE);
  append_field (out, line->title, TRUE, FALSE);
  append_field (out, line->speaker, TRUE, FALSE);
  append_field (out, line->source, TRUE, FALSE);
  append_field (out, line->published, FALSE, FALSE);
  append_field (out, line->left, TRUE, FALSE);
  append_field (out, line->match, TRUE, FALSE);
  append_field (out, line->right, TRUE, FALSE);
  append_field (out, start, FALSE, FALSE);
  append_field (out, end, FALSE, TRUE);
}
