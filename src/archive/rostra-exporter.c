/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-exporter.c: writes the archive out, streaming.
 *
 * Articles are written one at a time as the store walks them, so an
 * export needs memory for one article, not for the archive.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rostra-exporter.h"
#include "rostra-text.h"

typedef struct
{
  GOutputStream *stream;
  GCancellable  *cancellable;
  gboolean       with_text;
  guint          count;
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
 * write it: `{id, title, source, published, language, annotations}`,
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
  add_nullable_string (builder, "title", rostra_article_get_title (article));
  add_nullable_string (builder, "source", rostra_article_get_source (article));
  add_nullable_string (builder, "published", rostra_article_get_published (article));
  add_nullable_string (builder, "language", rostra_article_get_language (article));
  json_builder_set_member_name (builder, "annotations");
  json_builder_add_int_value (builder, rostra_article_get_n_annotations (article));
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
  g_autoptr (JsonNode) node = rostra_article_to_json (article, state->with_text);
  g_autofree char *json = json_to_string (node, FALSE);

  return write_string (state->stream, state->count++ > 0 ? ",\n" : "\n", state->cancellable,
                       error) &&
         write_string (state->stream, json, state->cancellable, error) &&
         !g_cancellable_set_error_if_cancelled (state->cancellable, error);
}

/* Writes `[ {…}, {…} ]`, one article a line, newest first. */
static gboolean
write_article_array (RostraStore   *store,
                     GOutputStream *stream,
                     gboolean       with_text,
                     GCancellable  *cancellable,
                     GError       **error)
{
  WriteState state = { stream, cancellable, with_text, 0 };

  return write_string (stream, "[", cancellable, error) &&
         rostra_store_foreach_article (store, with_text, write_article, &state, error) &&
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
  return write_article_array (store, stream, FALSE, cancellable, error) &&
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
 * `{id, article, color, note, tags, created, modified, orphaned,
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
write_annotation_array (RostraStore   *store,
                        GOutputStream *stream,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr (GListModel) annotations =
      rostra_store_find_annotations (store, NULL, NULL, NULL, TRUE, error);
  guint n;

  if (annotations == NULL || !write_string (stream, "[", cancellable, error))
    return FALSE;

  n = g_list_model_get_n_items (annotations);
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
  g_autofree char *head =
      g_strdup_printf ("{\"format\": \"%s\", \"version\": %d, \"articles\": ", ROSTRA_EXPORT_FORMAT,
                       ROSTRA_EXPORT_VERSION);

  return write_string (stream, head, cancellable, error) &&
         write_article_array (store, stream, TRUE, cancellable, error) &&
         write_string (stream, ",\n\"annotations\": ", cancellable, error) &&
         write_annotation_array (store, stream, cancellable, error) &&
         write_string (stream, "}\n", cancellable, error) &&
         g_output_stream_flush (stream, cancellable, error);
}

/**
 * rostra_export_search:
 * @query: the search and filters
 *
 * Writes the JSON array of `--search --json`: the articles @query
 * finds, in its order, each with a `snippet`.
 */
gboolean
rostra_export_search (RostraStore       *store,
                      const RostraQuery *query,
                      GOutputStream     *stream,
                      GCancellable      *cancellable,
                      GError           **error)
{
  WriteState state = { stream, cancellable, FALSE, 0 };
  g_autoptr (GArray) ids = rostra_store_query_ids (store, query, cancellable, error);
  g_autofree char *fts = rostra_query_dup_fts (query);

  if (ids == NULL || !write_string (stream, "[", cancellable, error))
    return FALSE;

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr (RostraArticle) article =
          rostra_store_load_article_row (store, g_array_index (ids, gint64, i), fts, error);

      if (article == NULL || !write_article (article, &state, error))
        return FALSE;
    }

  return write_string (stream, state.count > 0 ? "\n]\n" : "]\n", cancellable, error);
}

/* Writes @text as Markdown lines, each after @lead ("> " for quotes). */
static void
append_markdown_lines (GString *out, const char *lead, const char *text)
{
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i]; i++)
    {
      g_autofree char *escaped = rostra_text_markdown_escape (lines[i]);

      g_string_append_printf (out, "%s%s\n", *escaped ? lead : g_strchomp (g_strdup (lead)),
                              escaped);
    }
}

static char *
citation (RostraAnnotation *a)
{
  g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *date =
      rostra_text_format_date (rostra_annotation_get_article_published (a), FALSE);

  if (rostra_annotation_get_article_source (a))
    g_ptr_array_add (parts, g_strdup (rostra_annotation_get_article_source (a)));
  if (date)
    g_ptr_array_add (parts, g_steal_pointer (&date));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (", ", (char **) parts->pdata);
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
  g_autoptr (GListModel) annotations =
      rostra_store_find_annotations (store, NULL, NULL, NULL, TRUE, error);
  g_autoptr (GString) out = g_string_new (NULL);
  gint64 article = 0;
  guint  n;

  if (annotations == NULL)
    return FALSE;

  /* TRANSLATORS: the heading of a Markdown export */
  g_string_append_printf (out, "# %s\n", _("Annotations"));

  n = g_list_model_get_n_items (annotations);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (RostraAnnotation) a = g_list_model_get_item (annotations, i);
      const char *const *tags = rostra_annotation_get_tags (a);

      if (rostra_annotation_get_article_id (a) != article)
        {
          g_autofree char *title =
              rostra_text_markdown_escape (rostra_annotation_get_article_title (a));
          g_autofree char *cite = citation (a);
          g_autofree char *cite_md = rostra_text_markdown_escape (cite);

          article = rostra_annotation_get_article_id (a);
          g_string_append_printf (out, "\n## %s\n\n", title);
          if (*cite_md)
            g_string_append_printf (out, "*%s*\n", cite_md);
        }

      g_string_append_c (out, '\n');
      append_markdown_lines (out, "> ", rostra_annotation_get_exact (a));
      if (rostra_annotation_get_orphaned (a))
        /* TRANSLATORS: under a passage no longer found in its article */
        g_string_append_printf (out, ">\n> *(%s)*\n", _("passage no longer found in the text"));
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

      if (out->len > 64 * 1024 && !write_string (stream, out->str, cancellable, error))
        return FALSE;
      if (out->len > 64 * 1024)
        g_string_truncate (out, 0);
    }

  return write_string (stream, out->str, cancellable, error) &&
         g_output_stream_flush (stream, cancellable, error);
}
