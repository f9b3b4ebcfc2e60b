/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-exporter.c: writes the archive out, streaming.
 *
 * Articles are written one at a time as the store walks them, so an
 * export needs memory for one article, not for the archive. Exports of
 * annotations hold the annotations in memory (small next to the texts)
 * and write their output in pieces (see rostra-export-private.h).
 *
 * The formats: the JSON backup and Markdown here, HTML, CSV and W3C Web
 * Annotations in rostra-export-html.c, -csv.c and -w3c.c.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rostra-export-private.h"
#include "rostra-tag.h"
#include "rostra-text.h"
#include "rostra-versions.h"

typedef struct
{
  GOutputStream *stream;
  GCancellable  *cancellable;
  gboolean       with_text;
  guint          count;

  /* A scoped backup: only these articles (gint64 ids), each loaded with
   * its text from @store as the walk (without texts) reaches it */
  GHashTable  *only;
  RostraStore *store;
} WriteState;

static gboolean
write_string (GOutputStream *stream, const char *str, GCancellable *cancellable, GError **error)
{
  return g_output_stream_write_all (stream, str, strlen (str), NULL, cancellable, error);
}

static void
add_nullable_string (JsonBuilder *builder, const char *member, const char *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

/**
 * rostra_article_to_json:
 * @article: an article
 * @with_text: add `text`, `imported_from` and `tags`
 *
 * The JSON object of one article, as `--list --json` and the export
 * write it: `{id, uuid, title, source, published, language, annotations}`,
 * `snippet` when it comes from a search (matches between `**`), and,
 * @with_text, `text`, `imported_from` and `tags` (an array of names).
 *
 * Returns: (transfer full): a JSON object node
 */
JsonNode *
rostra_article_to_json (RostraArticle *article, gboolean with_text)
{
  g_autoptr (JsonBuilder) builder = json_builder_new_immutable ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, rostra_article_get_id (article));
  add_nullable_string (builder, "uuid", rostra_article_get_uuid (article));
  add_nullable_string (builder, "title", rostra_article_get_title (article));
  add_nullable_string (builder, "source", rostra_article_get_source (article));
  add_nullable_string (builder, "published", rostra_article_get_published (article));
  add_nullable_string (builder, "language", rostra_article_get_language (article));
  json_builder_set_member_name (builder, "annotations");
  json_builder_add_int_value (builder, rostra_article_get_n_annotations (article));
  add_nullable_string (builder, "speaker", rostra_article_get_speaker (article));
  add_nullable_string (builder, "occasion", rostra_article_get_occasion (article));
  add_nullable_string (builder, "delivered", rostra_article_get_delivered (article));
  add_nullable_string (builder, "memo", rostra_article_get_memo (article));
  if (rostra_article_get_snippet (article) != NULL)
    {
      g_autofree char *snippet =
          rostra_text_snippet_format (rostra_article_get_snippet (article), "**", "**", FALSE);

      add_nullable_string (builder, "snippet", snippet);
    }
  if (with_text)
    {
      add_nullable_string (builder, "text", rostra_article_get_text (article));
      add_nullable_string (builder, "imported_from", rostra_article_get_imported_from (article));
      json_builder_set_member_name (builder, "tags");
      json_builder_begin_array (builder);
      for (const char *const *t = rostra_article_get_tags (article); t && *t; t++)
        json_builder_add_string_value (builder, *t);
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static gboolean
write_article (RostraArticle *article, gpointer user_data, GError **error)
{
  WriteState *state = user_data;
  g_autoptr (RostraArticle) full = NULL;
  g_autoptr (JsonNode) node = NULL;
  g_autofree char *json = NULL;
  gint64           id = rostra_article_get_id (article);

  if (state->only != NULL)
    {
      if (!g_hash_table_contains (state->only, &id))
        return TRUE;
      if (!(full = rostra_store_load_article (state->store, id, error)))
        return FALSE;
      article = full;
    }

  node = rostra_article_to_json (article, state->with_text);
  json = json_to_string (node, FALSE);

  return write_string (state->stream, state->count++ > 0 ? ",\n" : "\n", state->cancellable,
                       error) &&
         write_string (state->stream, json, state->cancellable, error) &&
         !g_cancellable_set_error_if_cancelled (state->cancellable, error);
}

/* Writes `[ {…}, {…} ]`, one article a line, newest first; only those
 * in @only unless it is %NULL. */
static gboolean
write_article_array (RostraStore   *store,
                     GOutputStream *stream,
                     gboolean       with_text,
                     GHashTable    *only,
                     GCancellable  *cancellable,
                     GError       **error)
{
  WriteState state = { stream, cancellable, with_text, 0, only, store };

  return write_string (stream, "[", cancellable, error) &&
         rostra_store_foreach_article (store, with_text && only == NULL, write_article, &state,
                                       error) &&
         write_string (stream, state.count > 0 ? "\n]" : "]", cancellable, error);
}

/**
 * rostra_export_article_list:
 *
 * Writes the JSON array of `--list --json`: every article without its
 * text, newest first.
 */
gboolean
rostra_export_article_list (RostraStore   *store,
                            GOutputStream *stream,
                            GCancellable  *cancellable,
                            GError       **error)
{
  return write_article_array (store, stream, FALSE, NULL, cancellable, error) &&
         write_string (stream, "\n", cancellable, error);
}

static void
add_uint (JsonBuilder *builder, const char *member, guint value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_int_value (builder, value);
}

/**
 * rostra_annotation_to_json:
 * @annotation: an annotation read from the archive
 *
 * The JSON object of one annotation in the backup format:
 * `{id, uuid, article, color, note, tags, created, modified, orphaned,
 * selector: {start, end, exact, prefix, suffix}}`, where `article` is
 * the article's `id` and `start`/`end` count characters of its text.
 *
 * Returns: (transfer full): a JSON object node
 */
JsonNode *
rostra_annotation_to_json (RostraAnnotation *annotation)
{
  g_autoptr (JsonBuilder) builder = json_builder_new_immutable ();
  const char *const *tags = rostra_annotation_get_tags (annotation);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, rostra_annotation_get_id (annotation));
  add_nullable_string (builder, "uuid", rostra_annotation_get_uuid (annotation));
  json_builder_set_member_name (builder, "article");
  json_builder_add_int_value (builder, rostra_annotation_get_article_id (annotation));
  add_nullable_string (builder, "color", rostra_annotation_get_color (annotation));
  add_nullable_string (builder, "note", rostra_annotation_get_note (annotation));
  json_builder_set_member_name (builder, "tags");
  json_builder_begin_array (builder);
  for (guint i = 0; tags[i]; i++)
    json_builder_add_string_value (builder, tags[i]);
  json_builder_end_array (builder);
  add_nullable_string (builder, "created", rostra_annotation_get_created (annotation));
  add_nullable_string (builder, "modified", rostra_annotation_get_modified (annotation));
  json_builder_set_member_name (builder, "orphaned");
  json_builder_add_boolean_value (builder, rostra_annotation_get_orphaned (annotation));
  json_builder_set_member_name (builder, "selector");
  json_builder_begin_object (builder);
  add_uint (builder, "start", rostra_annotation_get_start (annotation));
  add_uint (builder, "end", rostra_annotation_get_end (annotation));
  add_nullable_string (builder, "exact", rostra_annotation_get_exact (annotation));
  add_nullable_string (builder, "prefix", rostra_annotation_get_prefix (annotation));
  add_nullable_string (builder, "suffix", rostra_annotation_get_suffix (annotation));
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static gboolean
write_annotation_array (GListModel    *annotations,
                        GOutputStream *stream,
                        GCancellable  *cancellable,
                        GError       **error)
{
  guint n = g_list_model_get_n_items (annotations);

  if (!write_string (stream, "[", cancellable, error))
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (RostraAnnotation) annotation = g_list_model_get_item (annotations, i);
      g_autoptr (JsonNode) node = rostra_annotation_to_json (annotation);
      g_autofree char *json = json_to_string (node, FALSE);

      if (!write_string (stream, i > 0 ? ",\n" : "\n", cancellable, error) ||
          !write_string (stream, json, cancellable, error))
        return FALSE;
    }

  return write_string (stream, n > 0 ? "\n]" : "]", cancellable, error);
}

/* The translations linked by hand between the articles written (all,
 * or those in @only): `[[id, id], …]`. */
static gboolean
write_translations (RostraStore   *store,
                    GHashTable    *only,
                    GOutputStream *stream,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr (GArray) links = rostra_store_list_translation_links (store, error);
  g_autoptr (GString) json = g_string_new ("[");
  guint written = 0;

  if (links == NULL)
    return FALSE;
  for (guint i = 0; i + 1 < links->len; i += 2)
    {
      gint64 a = g_array_index (links, gint64, i), b = g_array_index (links, gint64, i + 1);

      if (only != NULL && (!g_hash_table_contains (only, &a) || !g_hash_table_contains (only, &b)))
        continue;
      g_string_append_printf (json, "%s[%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT "]",
                              written++ ? ", " : "", a, b);
    }
  g_string_append_c (json, ']');
  return write_string (stream, json->str, cancellable, error);
}

/* The backup format: the articles (all of them, or those in @only),
 * then @annotations, then the translations linked by hand. */
static gboolean
write_backup (RostraStore   *store,
              GHashTable    *only,
              GListModel    *annotations,
              GOutputStream *stream,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autofree char *speakers = _rostra_export_speakers_json (store, error);
  g_autofree char *head = NULL;

  if (speakers == NULL)
    return FALSE;
  head = g_strdup_printf ("{\"format\": \"%s\", \"version\": %d, \"speakers\": %s,\n"
                          "\"articles\": ",
                          ROSTRA_EXPORT_FORMAT, ROSTRA_EXPORT_VERSION, speakers);
  return write_string (stream, head, cancellable, error) &&
         write_article_array (store, stream, TRUE, only, cancellable, error) &&
         write_string (stream, ",\n\"annotations\": ", cancellable, error) &&
         write_annotation_array (annotations, stream, cancellable, error) &&
         write_string (stream, ",\n\"translations\": ", cancellable, error) &&
         write_translations (store, only, stream, cancellable, error) &&
         write_string (stream, "}\n", cancellable, error) &&
         g_output_stream_flush (stream, cancellable, error);
}

/**
 * rostra_export_json:
 *
 * Writes the whole archive as
 * `{format, version, articles: [{…, text, imported_from}], annotations: [{…}]}`
 * (see rostra_annotation_to_json()).
 */
gboolean
rostra_export_json (RostraStore   *store,
                    GOutputStream *stream,
                    GCancellable  *cancellable,
                    GError       **error)
{
  return rostra_export_annotations (store, ROSTRA_EXPORT_FORMAT_JSON, NULL, stream, NULL,
                                    cancellable, error);
}

#define ROSTRA_EXPORT_SEARCH_PAGE 256

/**
 * rostra_export_search:
 * @query: the search and filters
 * @offset: how many of the first articles to skip
 * @limit: the most articles to write; 0 for all
 *
 * Writes the JSON array of `--search --json`: the articles @query
 * finds, in its order, from @offset on, each with a `snippet`.
 */
gboolean
rostra_export_search (RostraStore       *store,
                      const RostraQuery *query,
                      guint              offset,
                      guint              limit,
                      GOutputStream     *stream,
                      GCancellable      *cancellable,
                      GError           **error)
{
  WriteState state = { stream, cancellable, FALSE, 0, NULL, NULL };
  g_autoptr (GArray) ids =
      rostra_store_query_range (store, query, offset, limit, cancellable, error);
  g_autofree char *fts = rostra_query_dup_fts (query);

  if (ids == NULL || !write_string (stream, "[", cancellable, error))
    return FALSE;

  /* A page of rows at a time: their snippets come in one pass. */
  for (guint start = 0; start < ids->len; start += ROSTRA_EXPORT_SEARCH_PAGE)
    {
      g_autoptr (GPtrArray) rows = rostra_store_load_rows (
          store, &g_array_index (ids, gint64, start),
          MIN (ROSTRA_EXPORT_SEARCH_PAGE, ids->len - start), fts, cancellable, error);

      if (rows == NULL)
        return FALSE;
      for (guint i = 0; i < rows->len; i++)
        if (!write_article (g_ptr_array_index (rows, i), &state, error))
          return FALSE;
    }

  return write_string (stream, state.count > 0 ? "\n]\n" : "]\n", cancellable, error);
}

/* Shared by the annotation formats */

/**
 * _rostra_export_flush:
 * @all: write everything, not only when a piece is ready
 *
 * Writes what the context gathered once it is a piece's worth (or
 * @all of it), and stops the export when it was cancelled.
 */
gboolean
_rostra_export_flush (RostraExportContext *ctx, gboolean all, GError **error)
{
  if (ctx->out->len > 0 && (all || ctx->out->len >= ROSTRA_EXPORT_CHUNK))
    {
      if (!g_output_stream_write_all (ctx->stream, ctx->out->str, ctx->out->len, NULL,
                                      ctx->cancellable, error))
        return FALSE;
      g_string_truncate (ctx->out, 0);
    }
  return !g_cancellable_set_error_if_cancelled (ctx->cancellable, error);
}

/**
 * _rostra_export_get_article:
 * @id: the article of the annotation being written
 *
 * Returns: (transfer none): the article (without its text), read once
 *   for all its annotations; %NULL with @error set
 */
RostraArticle *
_rostra_export_get_article (RostraExportContext *ctx, gint64 id, GError **error)
{
  if (ctx->article == NULL || rostra_article_get_id (ctx->article) != id)
    {
      g_clear_object (&ctx->article);
      ctx->article = rostra_store_load_article_row (ctx->store, id, NULL, error);
    }
  return ctx->article;
}

/**
 * _rostra_export_color:
 *
 * Returns: the annotation's highlight colour, one of
 *   rostra_annotation_colors() (yellow for anything else), so that it
 *   can name a CSS class
 */
const char *
_rostra_export_color (RostraAnnotation *annotation)
{
  const char *color = rostra_annotation_get_color (annotation);

  return color != NULL && g_strv_contains (rostra_annotation_colors (), color) ? color : "yellow";
}

/**
 * _rostra_export_format_time:
 * @timestamp: (nullable): an annotation's `created` or `modified`, in UTC
 *
 * Returns: (transfer full) (nullable): the time in the user's time zone
 *   and language, @timestamp itself when it is no readable time
 */
char *
_rostra_export_format_time (const char *timestamp)
{
  g_autoptr (GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr (GDateTime) date_time = NULL;
  g_autoptr (GDateTime) local = NULL;
  char *text;

  if (timestamp == NULL || *timestamp == '\0')
    return NULL;
  if (!(date_time = g_date_time_new_from_iso8601 (timestamp, utc)))
    return g_strdup (timestamp);

  local = g_date_time_to_local (date_time);
  /* TRANSLATORS: when an annotation was made, in exports; a
   * g_date_time_format() format: “27 Nov 2026, 09:15” */
  text = g_date_time_format (local, C_ ("annotation time", "%-d %b %Y, %H:%M"));
  return text ? text : g_strdup (timestamp);
}

/* Markdown */

/* Writes @text as Markdown lines, each after @lead ("> " for quotes).
 * A CR is a line end too (Markdown reads it so); a line starting with a
 * blank starts with its character reference, which no indentation (an
 * indented code block) can come of. A line followed by another one of
 * the same paragraph ends with a backslash, CommonMark's hard line
 * break: without it the two would run together as one line. An empty
 * line stays one: between paragraphs. */
static void
append_markdown_lines (GString *out, const char *lead, const char *text)
{
  g_autofree char *bare_lead = g_strchomp (g_strdup (lead));
  const char      *p = text;

  for (;;)
    {
      gsize            len = strcspn (p, "\r\n");
      g_autofree char *line = g_strndup (p, len);
      g_autofree char *escaped = rostra_text_markdown_escape (line);
      const char      *next;

      g_string_append (out, *escaped ? lead : bare_lead);
      if (escaped[0] == ' ' || escaped[0] == '\t')
        g_string_append_printf (out, "&#%d;%s", escaped[0], escaped + 1);
      else
        g_string_append (out, escaped);

      p += len;
      if (*p == '\0')
        {
          g_string_append_c (out, '\n');
          break;
        }
      p += p[0] == '\r' && p[1] == '\n' ? 2 : 1;
      next = p;
      g_string_append (out,
                       *escaped && *next != '\0' && *next != '\r' && *next != '\n' ? "\\\n" : "\n");
    }
}

static char *
citation (RostraAnnotation *a, RostraArticle *article)
{
  g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *date =
      rostra_text_format_date (rostra_annotation_get_article_published (a), FALSE);

  if (rostra_article_get_speaker (article))
    g_ptr_array_add (parts, g_strdup (rostra_article_get_speaker (article)));
  if (rostra_annotation_get_article_source (a))
    g_ptr_array_add (parts, g_strdup (rostra_annotation_get_article_source (a)));
  if (date)
    g_ptr_array_add (parts, g_steal_pointer (&date));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (", ", (char **) parts->pdata);
}

/* Every annotated article: a heading, its citation, and each passage as
 * a block quote with its note and tags underneath. Everything
 * user-written is escaped. */
static gboolean
write_markdown (RostraExportContext *ctx, GError **error)
{
  GString *out = ctx->out;
  gint64   article = 0;
  guint    n = g_list_model_get_n_items (ctx->annotations);

  /* TRANSLATORS: the heading of a Markdown export */
  g_string_append_printf (out, "# %s\n", _("Annotations"));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (RostraAnnotation) a = g_list_model_get_item (ctx->annotations, i);
      const char *const *tags = rostra_annotation_get_tags (a);

      if (rostra_annotation_get_article_id (a) != article)
        {
          RostraArticle *row =
              _rostra_export_get_article (ctx, rostra_annotation_get_article_id (a), error);
          /* A heading is one line: a title from a backup may hold more. */
          g_autofree char *one_line =
              g_strdelimit (g_strdup (rostra_annotation_get_article_title (a)), "\r\n", ' ');
          g_autofree char *title = rostra_text_markdown_escape (one_line);
          g_autofree char *cite = NULL;
          g_autofree char *cite_md = NULL;

          if (row == NULL)
            return FALSE;
          cite = g_strdelimit (citation (a, row), "\r\n", ' ');
          cite_md = rostra_text_markdown_escape (cite);

          article = rostra_annotation_get_article_id (a);
          g_string_append_printf (out, "\n## %s\n\n", title);
          if (*cite_md)
            g_string_append_printf (out, "*%s*\n", cite_md);
        }

      g_string_append_c (out, '\n');
      append_markdown_lines (out, "> ", rostra_annotation_get_exact (a));
      /* Under the quote, not in it: the passage is only what was said. */
      if (rostra_annotation_get_orphaned (a))
        /* TRANSLATORS: under a passage no longer found in its article */
        g_string_append_printf (out, "\n*(%s)*\n", _("passage no longer found in the text"));
      if (*rostra_annotation_get_note (a))
        {
          g_string_append_c (out, '\n');
          append_markdown_lines (out, "", rostra_annotation_get_note (a));
        }
      if (tags[0] != NULL)
        {
          g_autofree char *joined = g_strjoinv (", ", (char **) tags);
          g_autofree char *escaped = rostra_text_markdown_escape (joined);

          /* TRANSLATORS: the tags of an annotation in a Markdown export */
          g_string_append_printf (out, "\n%s %s\n", _("Tags:"), escaped);
        }

      if (!_rostra_export_flush (ctx, FALSE, error))
        return FALSE;
    }

  return _rostra_export_flush (ctx, TRUE, error);
}

/**
 * rostra_export_markdown:
 *
 * Writes every annotated article as Markdown: a heading, its citation,
 * and each passage as a block quote with its note and tags underneath.
 * Everything user-written is escaped.
 */
gboolean
rostra_export_markdown (RostraStore   *store,
                        GOutputStream *stream,
                        GCancellable  *cancellable,
                        GError       **error)
{
  return rostra_export_annotations (store, ROSTRA_EXPORT_FORMAT_MARKDOWN, NULL, stream, NULL,
                                    cancellable, error);
}

/* Formats */

static const struct
{
  const char *name;
  const char *label;
  const char *description;
  const char *extension;
  const char *mime_type;
} formats[ROSTRA_EXPORT_N_FORMATS] = {
  [ROSTRA_EXPORT_FORMAT_JSON] = {
      "json",
      /* TRANSLATORS: an export format */
      N_ ("Rostra Backup (JSON)"),
          N_ ("The speeches with their annotations, to import into Rostra"),
              "json",
              "application/json" },
      [ROSTRA_EXPORT_FORMAT_MARKDOWN] = {
          "markdown",
          /* TRANSLATORS: an export format */
          N_ ("Markdown"),
              N_ ("Plain text with light formatting, for notes and wikis"), "md", "text/markdown" },
          [ROSTRA_EXPORT_FORMAT_HTML] = {
              "html",
              /* TRANSLATORS: an export format */
              N_ ("Web Page (HTML)"),
                  N_ ("One page to read, print or share, in the highlight colours"),
                      "html",
                      "text/html" },
              [ROSTRA_EXPORT_FORMAT_CSV] = {
                  "csv",
                  /* TRANSLATORS: an export format */
                  N_ ("Spreadsheet (CSV)"),
                      N_ ("One row per annotation, for spreadsheets and scripts"),
                          "csv",
                          "text/csv" },
                  [ROSTRA_EXPORT_FORMAT_W3C] = {
                      "w3c",
                      /* TRANSLATORS: an export format */
                      N_ ("Web Annotations (JSON-LD)"),
                          N_ ("The W3C standard, for other annotation tools"),
                              "jsonld",
                              "application/ld+json" },
                  };

/**
 * rostra_export_format_from_string:
 * @name: a format's name on the command line: `json`, `markdown`,
 *   `html`, `csv` or `w3c`
 * @format: (out): the format
 *
 * Returns: whether @name names a format
 */
gboolean
rostra_export_format_from_string (const char *name, RostraExportFormat *format)
{
  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (formats); i++)
    if (g_str_equal (name, formats[i].name))
      {
        *format = i;
        return TRUE;
      }
  return FALSE;
}

/**
 * rostra_export_format_to_string:
 *
 * Returns: the format's name on the command line (`json`, …)
 */
const char *
rostra_export_format_to_string (RostraExportFormat format)
{
  g_return_val_if_fail (format < G_N_ELEMENTS (formats), NULL);
  return formats[format].name;
}

/**
 * rostra_export_format_list:
 *
 * Returns: (transfer full): the formats' names, as `json, markdown, …`
 */
char *
rostra_export_format_list (void)
{
  GString *list = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    g_string_append_printf (list, "%s%s", i > 0 ? ", " : "", formats[i].name);
  return g_string_free (list, FALSE);
}

/**
 * rostra_export_format_get_label:
 *
 * Returns: the format's name in the user's language
 */
const char *
rostra_export_format_get_label (RostraExportFormat format)
{
  g_return_val_if_fail (format < G_N_ELEMENTS (formats), NULL);
  return _(formats[format].label);
}

/**
 * rostra_export_format_get_description:
 *
 * Returns: what the format is for, in a few words of the user's language
 */
const char *
rostra_export_format_get_description (RostraExportFormat format)
{
  g_return_val_if_fail (format < G_N_ELEMENTS (formats), NULL);
  return _(formats[format].description);
}

/**
 * rostra_export_format_get_extension:
 *
 * Returns: the file name extension, without the dot (`md`, `jsonld`, …)
 */
const char *
rostra_export_format_get_extension (RostraExportFormat format)
{
  g_return_val_if_fail (format < G_N_ELEMENTS (formats), NULL);
  return formats[format].extension;
}

/**
 * rostra_export_format_get_mime_type:
 *
 * Returns: the format's media type (`text/csv`, …)
 */
const char *
rostra_export_format_get_mime_type (RostraExportFormat format)
{
  g_return_val_if_fail (format < G_N_ELEMENTS (formats), NULL);
  return formats[format].mime_type;
}

/* Scopes */

static RostraExportScope *
scope_new (RostraExportScopeKind kind)
{
  RostraExportScope *scope = g_new0 (RostraExportScope, 1);

  scope->kind = kind;
  return scope;
}

/**
 * rostra_export_scope_new_all:
 *
 * Returns: (transfer full): the whole archive
 */
RostraExportScope *
rostra_export_scope_new_all (void)
{
  return scope_new (ROSTRA_EXPORT_SCOPE_ALL);
}

/**
 * rostra_export_scope_new_article:
 * @article_id: an article of the archive
 *
 * Returns: (transfer full): the article and its annotations
 */
RostraExportScope *
rostra_export_scope_new_article (gint64 article_id)
{
  RostraExportScope *scope = scope_new (ROSTRA_EXPORT_SCOPE_ARTICLE);

  scope->article_id = article_id;
  return scope;
}

/**
 * rostra_export_scope_new_articles:
 * @ids: (array length=n_ids) (nullable): articles, those a search and
 *   its filters show, say
 *
 * Returns: (transfer full): these articles and their annotations
 */
RostraExportScope *
rostra_export_scope_new_articles (const gint64 *ids, guint n_ids)
{
  RostraExportScope *scope = scope_new (ROSTRA_EXPORT_SCOPE_ARTICLES);

  scope->article_ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_ids);
  if (n_ids > 0)
    g_array_append_vals (scope->article_ids, ids, n_ids);
  return scope;
}

/**
 * rostra_export_scope_new_tag:
 * @tag: a tag's name
 *
 * Returns: (transfer full): the annotations that carry @tag
 */
RostraExportScope *
rostra_export_scope_new_tag (const char *tag)
{
  RostraExportScope *scope = scope_new (ROSTRA_EXPORT_SCOPE_TAG);

  g_return_val_if_fail (tag != NULL, scope);
  scope->tag = g_strdup (tag);
  return scope;
}

RostraExportScope *
rostra_export_scope_copy (const RostraExportScope *scope)
{
  RostraExportScope *copy;

  if (scope == NULL)
    return NULL;

  copy = scope_new (scope->kind);
  copy->article_id = scope->article_id;
  copy->tag = g_strdup (scope->tag);
  if (scope->article_ids != NULL)
    {
      copy->article_ids =
          g_array_sized_new (FALSE, FALSE, sizeof (gint64), scope->article_ids->len);
      g_array_append_vals (copy->article_ids, scope->article_ids->data, scope->article_ids->len);
    }
  return copy;
}

void
rostra_export_scope_free (RostraExportScope *scope)
{
  if (scope == NULL)
    return;
  g_free (scope->tag);
  g_clear_pointer (&scope->article_ids, g_array_unref);
  g_free (scope);
}

/* What a scope selects */

typedef struct
{
  GListModel *annotations; /* in export order */
  GHashTable *articles;    /* gint64 ids for a scoped backup; NULL: all */
  guint       n_annotated; /* articles the annotations are on */
} Selection;

static void
selection_clear (Selection *selection)
{
  g_clear_object (&selection->annotations);
  g_clear_pointer (&selection->articles, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Selection, selection_clear)

static GHashTable *
id_set_new (void)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

static void
id_set_add (GHashTable *set, gint64 id)
{
  if (!g_hash_table_contains (set, &id))
    g_hash_table_add (set, g_memdup2 (&id, sizeof id));
}

static gboolean
check_tag (RostraStore *store, const char *tag, GError **error)
{
  g_autoptr (GListModel) tags = rostra_store_list_tags (store, error);

  if (tags == NULL)
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (tags); i++)
    {
      g_autoptr (RostraTag) t = g_list_model_get_item (tags, i);

      /* The store compares tag names ignoring ASCII case. */
      if (g_ascii_strcasecmp (rostra_tag_get_name (t), tag) == 0)
        return TRUE;
    }

  g_set_error (error, ROSTRA_STORE_ERROR, ROSTRA_STORE_ERROR_NOT_FOUND,
               _("There is no tag “%s” in the archive"), tag);
  return FALSE;
}

/* Reads the annotations of @scope, and for a scoped backup the ids of
 * its articles. An article or tag that is not in the archive is an
 * error (%ROSTRA_STORE_ERROR_NOT_FOUND). */
static gboolean
select_scope (RostraStore             *store,
              const RostraExportScope *scope,
              Selection               *selection,
              GCancellable            *cancellable,
              GError                 **error)
{
  RostraExportScopeKind kind = scope ? scope->kind : ROSTRA_EXPORT_SCOPE_ALL;
  g_autoptr (GListModel) all = NULL;
  g_autoptr (GHashTable) annotated = id_set_new ();
  GListStore *kept;
  guint       n;

  switch (kind)
    {
      case ROSTRA_EXPORT_SCOPE_ALL:
        break;
      case ROSTRA_EXPORT_SCOPE_ARTICLE:
        {
          g_autoptr (RostraArticle) row =
              rostra_store_load_article_row (store, scope->article_id, NULL, error);

          if (row == NULL)
            return FALSE;
          selection->articles = id_set_new ();
          id_set_add (selection->articles, scope->article_id);
          break;
        }
      case ROSTRA_EXPORT_SCOPE_ARTICLES:
        selection->articles = id_set_new ();
        for (guint i = 0; scope->article_ids && i < scope->article_ids->len; i++)
          id_set_add (selection->articles, g_array_index (scope->article_ids, gint64, i));
        break;
      case ROSTRA_EXPORT_SCOPE_TAG:
        if (scope->tag == NULL || !check_tag (store, scope->tag, error))
          {
            if (scope->tag == NULL)
              g_set_error_literal (error, ROSTRA_STORE_ERROR, ROSTRA_STORE_ERROR_NOT_FOUND,
                                   _("No tag was given"));
            return FALSE;
          }
        break;
      default:
        g_return_val_if_reached (FALSE);
    }

  all = rostra_store_find_annotations (
      store, NULL, kind == ROSTRA_EXPORT_SCOPE_TAG ? scope->tag : NULL, NULL, TRUE, error);
  if (all == NULL || g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  /* The whole archive, or one tag: the store's list as it is; articles:
   * the annotations on them. */
  n = g_list_model_get_n_items (all);
  if (kind == ROSTRA_EXPORT_SCOPE_ALL || kind == ROSTRA_EXPORT_SCOPE_TAG)
    {
      kept = NULL;
      selection->annotations = g_object_ref (all);
      if (kind == ROSTRA_EXPORT_SCOPE_TAG)
        selection->articles = id_set_new ();
    }
  else
    {
      kept = g_list_store_new (ROSTRA_TYPE_ANNOTATION);
      selection->annotations = G_LIST_MODEL (kept);
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (RostraAnnotation) a = g_list_model_get_item (all, i);
      gint64 article = rostra_annotation_get_article_id (a);

      if (kept != NULL)
        {
          if (!g_hash_table_contains (selection->articles, &article))
            continue;
          g_list_store_append (kept, a);
        }
      else if (kind == ROSTRA_EXPORT_SCOPE_TAG)
        id_set_add (selection->articles, article);
      id_set_add (annotated, article);
    }

  selection->n_annotated = g_hash_table_size (annotated);
  return TRUE;
}

/**
 * rostra_export_count:
 * @format: the format, which decides what @n_articles counts
 * @scope: (nullable): what to export; %NULL for the whole archive
 * @n_annotations: (out) (optional): how many annotations the export
 *   would hold
 * @n_articles: (out) (optional): how many articles it would hold: for
 *   the backup format the articles of the scope, annotated or not; for
 *   the others, the articles the annotations are on
 *
 * Counts what rostra_export_annotations() would write.
 *
 * Returns: %TRUE, or %FALSE with @error set (%ROSTRA_STORE_ERROR_NOT_FOUND
 *   when the scope's article or tag is not in the archive)
 */
gboolean
rostra_export_count (RostraStore             *store,
                     RostraExportFormat       format,
                     const RostraExportScope *scope,
                     guint                   *n_annotations,
                     guint                   *n_articles,
                     GCancellable            *cancellable,
                     GError                 **error)
{
  g_auto (Selection) selection = { NULL };
  guint articles;

  g_return_val_if_fail (ROSTRA_IS_STORE (store), FALSE);

  if (!select_scope (store, scope, &selection, cancellable, error))
    return FALSE;

  articles = selection.n_annotated;
  if (format == ROSTRA_EXPORT_FORMAT_JSON)
    {
      if (selection.articles != NULL)
        articles = g_hash_table_size (selection.articles);
      else
        {
          gint64 total = rostra_store_count_articles (store, error);

          if (total < 0)
            return FALSE;
          articles = (guint) total;
        }
    }

  if (n_annotations != NULL)
    *n_annotations = g_list_model_get_n_items (selection.annotations);
  if (n_articles != NULL)
    *n_articles = articles;
  return TRUE;
}

/**
 * rostra_export_annotations:
 * @format: the format
 * @scope: (nullable): what to export; %NULL for the whole archive
 * @stream: where to write it (left open)
 * @n_annotations: (out) (optional): how many annotations were written
 *
 * Writes the annotations of @scope in @format, ordered by their
 * articles' dates (newest first), then by position. The backup format
 * (%ROSTRA_EXPORT_FORMAT_JSON) of the whole archive is the full backup;
 * scoped, it holds the scope's articles (for a tag: the articles its
 * annotations are on) and annotations, and imports as a backup does.
 *
 * Returns: %TRUE, or %FALSE with @error set: %ROSTRA_STORE_ERROR_NOT_FOUND
 *   when the scope's article or tag is not in the archive, another store
 *   error, a #GIOError from @stream, or %G_IO_ERROR_CANCELLED
 */
gboolean
rostra_export_annotations (RostraStore             *store,
                           RostraExportFormat       format,
                           const RostraExportScope *scope,
                           GOutputStream           *stream,
                           guint                   *n_annotations,
                           GCancellable            *cancellable,
                           GError                 **error)
{
  g_auto (Selection) selection = { NULL };
  RostraExportContext ctx = { 0 };
  gboolean            ok;

  g_return_val_if_fail (ROSTRA_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (format < ROSTRA_EXPORT_N_FORMATS, FALSE);

  if (!select_scope (store, scope, &selection, cancellable, error))
    return FALSE;

  if (format == ROSTRA_EXPORT_FORMAT_JSON)
    ok =
        write_backup (store, selection.articles, selection.annotations, stream, cancellable, error);
  else
    {
      ctx.store = store;
      ctx.annotations = selection.annotations;
      ctx.n_articles = selection.n_annotated;
      ctx.stream = stream;
      ctx.cancellable = cancellable;
      ctx.out = g_string_sized_new (ROSTRA_EXPORT_CHUNK + 4096);

      switch (format)
        {
          case ROSTRA_EXPORT_FORMAT_MARKDOWN:
            ok = write_markdown (&ctx, error);
            break;
          case ROSTRA_EXPORT_FORMAT_HTML:
            ok = _rostra_export_write_html (&ctx, error);
            break;
          case ROSTRA_EXPORT_FORMAT_CSV:
            ok = _rostra_export_write_csv (&ctx, error);
            break;
          case ROSTRA_EXPORT_FORMAT_W3C:
            ok = _rostra_export_write_w3c (&ctx, error);
            break;
          case ROSTRA_EXPORT_FORMAT_JSON:
          default:
            g_assert_not_reached ();
        }

      ok = ok && g_output_stream_flush (stream, cancellable, error);
      g_string_free (ctx.out, TRUE);
      g_clear_object (&ctx.article);
    }

  if (ok && n_annotations != NULL)
    *n_annotations = g_list_model_get_n_items (selection.annotations);
  return ok;
}

/**
 * rostra_export_to_file:
 * @file: the file to write; replaced when it exists
 *
 * rostra_export_annotations() into @file, atomically: the export goes
 * to a temporary file that takes @file's place only once it is
 * complete. On failure or cancellation @file is left as it was.
 */
gboolean
rostra_export_to_file (RostraStore             *store,
                       RostraExportFormat       format,
                       const RostraExportScope *scope,
                       GFile                   *file,
                       guint                   *n_annotations,
                       GCancellable            *cancellable,
                       GError                 **error)
{
  g_autoptr (GFileOutputStream) out = NULL;
  g_autoptr (GCancellable) abort = NULL;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, cancellable, error);
  if (out == NULL)
    return FALSE;

  if (rostra_export_annotations (store, format, scope, G_OUTPUT_STREAM (out), n_annotations,
                                 cancellable, error))
    return g_output_stream_close (G_OUTPUT_STREAM (out), cancellable, error);

  /* Closing with a cancelled cancellable drops the temporary file. */
  abort = g_cancellable_new ();
  g_cancellable_cancel (abort);
  g_output_stream_close (G_OUTPUT_STREAM (out), abort, NULL);
  return FALSE;
}
