/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-export.c: every export format, parsed back by a real parser:
 * JSON with json-glib, HTML with libxml2's HTML parser, Markdown with
 * cmark (rendered to HTML, read with libxml2), CSV with a strict RFC
 * 4180 reader; scopes, counts, atomic files. */

#include "config.h"

#include <cmark.h>
#include <json-glib/json-glib.h>
#include <libxml/HTMLparser.h>
#include <string.h>

#include "rostra-anchor.h"
#include "rostra-exporter.h"
#include "rostra-importer.h"
#include "rostra-language.h"
#include "rostra-store-speakers.h"
#include "rostra-test-utils.h"

typedef gboolean (*ExportFunc) (RostraStore *, GOutputStream *, GCancellable *, GError **);

static JsonNode *
export_and_parse (RostraStore *store, ExportFunc func)
{
  g_autoptr (GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = NULL;

  g_assert_true (func (store, out, NULL, &error));
  g_assert_no_error (error);
  g_output_stream_close (out, NULL, NULL);
  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));

  json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                              &error);
  g_assert_no_error (error);
  return json_node_ref (json_parser_get_root (parser));
}

static RostraStore *
store_with_fixture_at (char **db_path)
{
  RostraStore *store = rostra_test_store_new (db_path);

  rostra_test_import_fixture (store);
  return store;
}

static RostraStore *
store_with_fixture (void)
{
  return store_with_fixture_at (NULL);
}

static void
assert_members (JsonObject *object, const char *const *names)
{
  g_autoptr (GList) members = json_object_get_members (object);

  g_assert_cmpuint (g_list_length (members), ==, g_strv_length ((char **) names));
  for (guint i = 0; names[i]; i++)
    g_assert_true (json_object_has_member (object, names[i]));
}

static void
test_export_json (void)
{
  static const char *const top[] = { "format",      "version",      "speakers", "articles",
                                     "annotations", "translations", NULL };
  static const char *const fields[] = {
    "id",       "uuid",        "title",         "source",   "published",
    "language", "annotations", "speaker",       "occasion", "delivered",
    "memo",     "text",        "imported_from", "tags",     NULL
  };
  g_autoptr (RostraStore) store = store_with_fixture ();
  g_autoptr (JsonNode) root = export_and_parse (store, rostra_export_json);
  JsonObject *object = json_node_get_object (root);
  JsonArray  *articles = json_object_get_array_member (object, "articles");
  JsonObject *first, *last;

  assert_members (object, top);
  g_assert_cmpstr (json_object_get_string_member (object, "format"), ==, "rostra-archive");
  g_assert_cmpint (json_object_get_int_member (object, "version"), ==, 2);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "speakers")), ==,
                    0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "annotations")),
                    ==, 0);
  g_assert_cmpuint (json_array_get_length (articles), ==, 3);

  first = json_array_get_object_element (articles, 0);
  assert_members (first, fields);
  g_assert_cmpstr (json_object_get_string_member (first, "title"), ==,
                   "Mayor Okafor opens the harbour bridge");
  g_assert_cmpstr (json_object_get_string_member (first, "source"), ==, "Riverside Courier");
  g_assert_cmpstr (json_object_get_string_member (first, "published"), ==, "2021-03-14T09:30:00");
  g_assert_cmpstr (json_object_get_string_member (first, "language"), ==, "en");
  g_assert_cmpint (json_object_get_int_member (first, "annotations"), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (first, "imported_from"), ==, "speeches.txt");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (first, "text"), "Friends and"));

  last = json_array_get_object_element (articles, 2);
  g_assert_cmpstr (json_object_get_string_member (last, "published"), ==, "1998-06-30T11:05:00");
  g_assert_true (json_object_get_null_member (last, "source"));
}

static void
test_list_json (void)
{
  static const char *const fields[] = { "id",        "uuid",      "title",       "source",
                                        "published", "language",  "annotations", "speaker",
                                        "occasion",  "delivered", "memo",        NULL };
  g_autoptr (RostraStore) store = store_with_fixture ();
  g_autoptr (JsonNode) root = export_and_parse (store, rostra_export_article_list);
  JsonArray *array = json_node_get_array (root);

  g_assert_cmpuint (json_array_get_length (array), ==, 3);
  for (guint i = 0; i < 3; i++)
    assert_members (json_array_get_object_element (array, i), fields);
  g_assert_cmpstr (
      json_object_get_string_member (json_array_get_object_element (array, 1), "language"), ==,
      "nl");
}

static void
test_empty_archive (void)
{
  g_autoptr (RostraStore) store = rostra_test_store_new (NULL);
  g_autoptr (JsonNode) list = export_and_parse (store, rostra_export_article_list);
  g_autoptr (JsonNode) all = export_and_parse (store, rostra_export_json);

  g_assert_cmpuint (json_array_get_length (json_node_get_array (list)), ==, 0);
  g_assert_cmpuint (
      json_array_get_length (json_object_get_array_member (json_node_get_object (all), "articles")),
      ==, 0);
}

static void
test_escaping (void)
{
  static const char title[] = "Quotes \" and \\ backslash, </script> and a tab\there";
  static const char text[] = "Line one\nLine two with \x01 control and emoji 🎤 and NBSP\xC2\xA0.";
  g_autoptr (RostraStore) store = rostra_test_store_new (NULL);
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GError) error = NULL;
  JsonObject *article;
  gint64      id;

  g_assert_true (
      rostra_store_add_article (store, 0, title, "A | B", NULL, NULL, text, &id, &error));
  root = export_and_parse (store, rostra_export_json);
  article = json_array_get_object_element (
      json_object_get_array_member (json_node_get_object (root), "articles"), 0);

  g_assert_cmpstr (json_object_get_string_member (article, "title"), ==, title);
  g_assert_cmpstr (json_object_get_string_member (article, "text"), ==, text);
  g_assert_cmpstr (json_object_get_string_member (article, "source"), ==, "A | B");
  g_assert_true (json_object_get_null_member (article, "published"));
  g_assert_true (json_object_get_null_member (article, "language"));
  g_assert_true (json_object_get_null_member (article, "imported_from"));
}

/* Annotation exports: a fixture with every kind of annotation */

static const char hostile_note[] = "<script>alert(1)</script>\" onmouseover=\"x";
static const char hostile_title[] = "Hostile <img src=x onerror=alert(1)> \"title\" & co";
static const char hostile_source[] = "Evil & Co <b>bold</b>";
static const char hostile_language[] = "fr\" onload=\"x";

typedef struct
{
  gint64      article;
  guint       start, end;
  const char *exact; /* instead of the text at start..end: an orphan */
  const char *color;
  const char *note;
  const char *tags[3];
} Spec;

/* In export order (articles newest first, then by position), so that
 * an archive restored from the backup gives them the same ids. */
static const Spec specs[] = {
  { 1, 0, 22, NULL, "green", "", { "Bridges", "infrastructure", NULL } },
  { 1,
    76,
    104,
    NULL,
    "red",
    "<script>alert(1)</script>\" onmouseover=\"x\n=SUM(A1)",
    { "-dash", "Bridges", NULL } },
  { 2, 59, 80, NULL, "purple", "Quote \"this\", and, commas\r\nCRLF line", { "bridges", NULL } },
  { 2, 100, 110, "words that were never said", "yellow", "'t Is weg", { NULL } },
  { 3, 0, 15, NULL, "blue", "=1+1", { NULL } },
  { 4, 15, 28, NULL, "yellow", "@mention, and a tab\there", { "Evil <tag>", NULL } },
};

static RostraStore *
store_with_annotations (char **path)
{
  RostraStore *store = store_with_fixture_at (path);
  g_autoptr (GError) error = NULL;
  gint64 hostile, import;

  /* An article of its own import, as every article has. */
  import = rostra_store_add_import (store, "hostile.txt", "/tmp/hostile.txt", "dump", &error);
  g_assert_no_error (error);
  g_assert_true (rostra_store_add_article (
      store, import, hostile_title, hostile_source, NULL, hostile_language,
      "Some text with <b>markup</b> & ampersands.", &hostile, &error));
  g_assert_no_error (error);
  g_assert_cmpint (hostile, ==, 4);

  for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
    {
      g_autoptr (RostraArticle) article =
          rostra_store_load_article (store, specs[i].article, &error);
      g_autoptr (RostraAnnotation) a = NULL;
      g_autofree char *exact = NULL, *prefix = NULL, *suffix = NULL;

      g_assert_no_error (error);
      rostra_anchor_describe (rostra_article_get_text (article), specs[i].start, specs[i].end,
                              &exact, &prefix, &suffix);
      a = g_object_new (ROSTRA_TYPE_ANNOTATION, "article-id", specs[i].article, "start",
                        specs[i].start, "end", specs[i].end, "exact",
                        specs[i].exact ? specs[i].exact : exact, "prefix", prefix, "suffix", suffix,
                        "color", specs[i].color, "note", specs[i].note, "tags", specs[i].tags,
                        "orphaned", specs[i].exact != NULL, NULL);
      g_assert_true (rostra_store_add_annotation (store, a, &error));
      g_assert_no_error (error);
      g_assert_cmpint (rostra_annotation_get_id (a), ==, i + 1);
    }
  return store;
}

/* The store's annotations of @scope, in export order. */
static GListModel *
expected_annotations (RostraStore *store, const char *tag, gint64 article)
{
  g_autoptr (GListModel) all = rostra_store_find_annotations (store, NULL, tag, NULL, TRUE, NULL);
  GListStore *list = g_list_store_new (ROSTRA_TYPE_ANNOTATION);

  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr (RostraAnnotation) a = g_list_model_get_item (all, i);

      if (article == 0 || rostra_annotation_get_article_id (a) == article)
        g_list_store_append (list, a);
    }
  return G_LIST_MODEL (list);
}

static void
test_formats (void)
{
  static const char *const names[] = { "json", "markdown", "html", "csv", "w3c" };
  static const char *const extensions[] = { "json", "md", "html", "csv", "jsonld" };
  static const char *const types[] = { "application/json", "text/markdown", "text/html", "text/csv",
                                       "application/ld+json" };
  RostraExportFormat       format;
  g_autofree char         *list = rostra_export_format_list ();

  g_assert_cmpstr (list, ==, "json, markdown, html, csv, w3c");
  for (guint i = 0; i < ROSTRA_EXPORT_N_FORMATS; i++)
    {
      g_assert_true (rostra_export_format_from_string (names[i], &format));
      g_assert_cmpint (format, ==, i);
      g_assert_cmpstr (rostra_export_format_to_string (i), ==, names[i]);
      g_assert_cmpstr (rostra_export_format_get_extension (i), ==, extensions[i]);
      g_assert_cmpstr (rostra_export_format_get_mime_type (i), ==, types[i]);
      g_assert_true (*rostra_export_format_get_label (i));
      g_assert_true (*rostra_export_format_get_description (i));
    }
  g_assert_false (rostra_export_format_from_string ("yaml", &format));
  g_assert_false (rostra_export_format_from_string ("JSON", &format));
  g_assert_false (rostra_export_format_from_string (NULL, &format));
}

/* The backup of the whole archive is what rostra_export_json() writes. */
static void
test_json_whole_archive (void)
{
  g_autoptr (RostraStore) store = store_with_annotations (NULL);
  g_autoptr (RostraExportScope) all = rostra_export_scope_new_all ();
  g_autofree char *unscoped = rostra_test_export (store, ROSTRA_EXPORT_FORMAT_JSON, NULL, NULL);
  g_autofree char *scoped = NULL;
  g_autofree char *legacy = NULL;
  g_autoptr (GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr (JsonNode) root = NULL;
  guint n = 0;

  g_assert_true (rostra_export_json (store, out, NULL, NULL));
  g_output_stream_write_all (out, "", 1, NULL, NULL, NULL);
  g_output_stream_close (out, NULL, NULL);
  legacy = g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
  scoped = rostra_test_export (store, ROSTRA_EXPORT_FORMAT_JSON, all, &n);

  g_assert_cmpstr (unscoped, ==, legacy);
  g_assert_cmpstr (scoped, ==, legacy);
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (specs));

  root = rostra_test_parse_json (legacy);
  g_assert_cmpuint (json_array_get_length (
                        json_object_get_array_member (json_node_get_object (root), "articles")),
                    ==, 4);
  g_assert_cmpuint (json_array_get_length (
                        json_object_get_array_member (json_node_get_object (root), "annotations")),
                    ==, G_N_ELEMENTS (specs));
}

static RostraImportReport *
import_json (RostraStore *store, const char *json)
{
  g_autoptr (GInputStream) in = g_memory_input_stream_new_from_data (g_strdup (json), -1, g_free);
  g_autoptr (GError) error = NULL;
  RostraImportReport *report = NULL;

  g_assert_true (
      rostra_import_stream (store, in, "backup.json", NULL, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  return report;
}

/* Export, import into an empty archive, export again: the same bytes. */
static void
test_json_round_trip (void)
{
  g_autoptr (RostraStore) a = store_with_annotations (NULL);
  g_autoptr (RostraStore) b = rostra_test_store_new (NULL);
  g_autoptr (RostraStore) c = rostra_test_store_new (NULL);
  g_autofree char *first = rostra_test_export (a, ROSTRA_EXPORT_FORMAT_JSON, NULL, NULL);
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  g_autoptr (RostraImportReport) report = import_json (b, first);
  g_autoptr (RostraImportReport) again = NULL;

  g_assert_cmpuint (report->n_new, ==, 4);
  g_assert_cmpuint (report->n_annotations_new, ==, G_N_ELEMENTS (specs));
  g_assert_cmpuint (report->n_annotations_repaired, ==, 0);
  g_assert_cmpuint (report->n_annotations_orphaned, ==, 1);

  /* The fixture's ids follow the export order, so even they survive. */
  second = rostra_test_export (b, ROSTRA_EXPORT_FORMAT_JSON, NULL, NULL);
  g_assert_cmpstr (second, ==, first);

  /* Whatever the first archive's ids, a restored archive restores to
   * itself byte for byte. */
  again = import_json (c, second);
  third = rostra_test_export (c, ROSTRA_EXPORT_FORMAT_JSON, NULL, NULL);
  g_assert_cmpstr (third, ==, second);
}

static void
assert_backup (const char *json, const gint64 *articles, guint n_articles, guint n_annotations)
{
  g_autoptr (JsonNode) root = rostra_test_parse_json (json);
  JsonObject *object = json_node_get_object (root);
  JsonArray  *list = json_object_get_array_member (object, "articles");
  JsonArray  *notes = json_object_get_array_member (object, "annotations");

  g_assert_cmpstr (json_object_get_string_member (object, "format"), ==, "rostra-archive");
  g_assert_cmpuint (json_array_get_length (list), ==, n_articles);
  for (guint i = 0; i < n_articles; i++)
    {
      JsonObject *article = json_array_get_object_element (list, i);

      g_assert_cmpint (json_object_get_int_member (article, "id"), ==, articles[i]);
      g_assert_nonnull (json_object_get_string_member (article, "text"));
    }

  g_assert_cmpuint (json_array_get_length (notes), ==, n_annotations);
  for (guint i = 0; i < n_annotations; i++)
    {
      gint64 article =
          json_object_get_int_member (json_array_get_object_element (notes, i), "article");
      gboolean found = FALSE;

      for (guint j = 0; j < n_articles; j++)
        found |= articles[j] == article;
      g_assert_true (found);
    }
}

/* A scoped backup holds the scope's articles and annotations, and
 * imports as a backup does. */
static void
test_json_scoped (void)
{
  static const gint64 two[] = { 2 };
  static const gint64 tagged[] = { 1, 2 };
  static const gint64 shown[] = { 1, 3 };
  static const gint64 shown_unordered[] = { 3, 1 };
  g_autoptr (RostraStore) store = store_with_annotations (NULL);
  g_autoptr (RostraExportScope) article = rostra_export_scope_new_article (2);
  g_autoptr (RostraExportScope) tag = rostra_export_scope_new_tag ("BRIDGES");
  g_autoptr (RostraExportScope) ids = rostra_export_scope_new_articles (shown_unordered, 2);
  g_autofree char *one = rostra_test_export (store, ROSTRA_EXPORT_FORMAT_JSON, article, NULL);
  g_autofree char *by_tag = rostra_test_export (store, ROSTRA_EXPORT_FORMAT_JSON, tag, NULL);
  g_autofree char *by_ids = rostra_test_export (store, ROSTRA_EXPORT_FORMAT_JSON, ids, NULL);
  g_autoptr (RostraStore) empty = rostra_test_store_new (NULL);
  g_autoptr (RostraImportReport) report = NULL;
  g_autoptr (GListModel) restored = NULL;

  assert_backup (one, two, 1, 2);
  /* Tags ignore case: “Bridges” and “bridges” are one tag. */
  assert_backup (by_tag, tagged, 2, 3);
  assert_backup (by_ids, shown, 2, 3);

  report = import_json (empty, by_tag);
  g_assert_cmpuint (report->n_new, ==, 2);
  g_assert_cmpuint (report->n_annotations_new, ==, 3);
  restored = rostra_store_find_annotations (empty, NULL, "bridges", NULL, TRUE, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (restored), ==, 3);
}

static void
test_scope_errors (void)
{
  g_autoptr (RostraStore) store = store_with_annotations (NULL);
  g_autoptr (RostraExportScope) missing = rostra_export_scope_new_article (99);
  g_autoptr (RostraExportScope) no_tag = rostra_export_scope_new_tag ("nonexistent");
  g_autoptr (GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr (GError) error = NULL;
  guint n = 7;

  for (guint f = 0; f < ROSTRA_EXPORT_N_FORMATS; f++)
    {
      g_assert_false (rostra_export_annotations (store, f, missing, out, &n, NULL, &error));
      g_assert_error (error, ROSTRA_STORE_ERROR, ROSTRA_STORE_ERROR_NOT_FOUND);
      g_clear_error (&error);
      g_assert_false (rostra_export_annotations (store, f, no_tag, out, &n, NULL, &error));
      g_assert_error (error, ROSTRA_STORE_ERROR, ROSTRA_STORE_ERROR_NOT_FOUND);
      g_assert_nonnull (strstr (error->message, "nonexistent"));
      g_clear_error (&error);
    }
  g_assert_cmpuint (n, ==, 7);
  g_assert_cmpuint (g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out)), ==, 0);
}

static void
test_count (void)
{
  static const gint64 shown[] = { 3, 4, 42 };
  g_autoptr (RostraStore) store = store_with_annotations (NULL);
  g_autoptr (RostraExportScope) article = rostra_export_scope_new_article (1);
  g_autoptr (RostraExportScope) quiet = NULL;
  g_autoptr (RostraExportScope) tag = rostra_export_scope_new_tag ("bridges");
  g_autoptr (RostraExportScope) ids = rostra_export_scope_new_articles (shown, 3);
  g_autoptr (RostraExportScope) none = rostra_export_scope_new_articles (NULL, 0);
  g_autoptr (GError) error = NULL;
  gint64 plain;
  guint  n, m;

  g_assert_true (rostra_export_count (store, ROSTRA_EXPORT_FORMAT_HTML, NULL, &n, &m, NULL, NULL));
  g_assert_cmpuint (n, ==, 6);
  g_assert_cmpuint (m, ==, 4);
  g_assert_true (
      rostra_export_count (store, ROSTRA_EXPORT_FORMAT_CSV, article, &n, &m, NULL, NULL));
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpuint (m, ==, 1);
  g_assert_true (rostra_export_count (store, ROSTRA_EXPORT_FORMAT_W3C, tag, &n, &m, NULL, NULL));
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpuint (m, ==, 2);
  g_assert_true (
      rostra_export_count (store, ROSTRA_EXPORT_FORMAT_MARKDOWN, ids, &n, &m, NULL, NULL));
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpuint (m, ==, 2);
  g_assert_true (rostra_export_count (store, ROSTRA_EXPORT_FORMAT_CSV, none, &n, &m, NULL, NULL));
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpuint (m, ==, 0);

  /* The backup counts its articles, annotated or not. */
  g_assert_true (rostra_store_add_article (store, 0, "Plain", NULL, NULL, NULL, "No notes here.",
                                           &plain, &error));
  quiet = rostra_export_scope_new_article (plain);
  g_assert_true (rostra_export_count (store, ROSTRA_EXPORT_FORMAT_JSON, NULL, &n, &m, NULL, NULL));
  g_assert_cmpuint (n, ==, 6);
  g_assert_cmpuint (m, ==, 5);
  g_assert_true (rostra_export_count (store, ROSTRA_EXPORT_FORMAT_JSON, quiet, &n, &m, NULL, NULL));
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpuint (m, ==, 1);
  g_assert_true (
      rostra_export_count (store, ROSTRA_EXPORT_FORMAT_MARKDOWN, quiet, &n, &m, NULL, NULL));
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpuint (m, ==, 0);
}

/* The articles a search shows, as the window passes them. */
static void
test_query_scope (void)
{
  g_autoptr (RostraStore) store = store_with_annotations (NULL);
  g_autoptr (RostraQuery) query = rostra_query_new ();
  g_autoptr (GArray) ids = NULL;
  g_autoptr (RostraExportScope) scope = NULL;
  g_autofree char *md = NULL;

  query->language = g_strdup ("nl");
  ids = rostra_store_query_ids (store, query, NULL, NULL);
  g_assert_cmpuint (ids->len, ==, 1);
  scope = rostra_export_scope_new_articles ((gint64 *) ids->data, ids->len);
  md = rostra_test_export (store, ROSTRA_EXPORT_FORMAT_MARKDOWN, scope, NULL);

  g_assert_nonnull (strstr (md, "## Burgemeester De Wit over de nieuwe bibliotheek"));
  g_assert_null (strstr (md, "Okafor"));
  g_assert_nonnull (strstr (md, "\n> De nieuwe bibliotheek\n"));
}

static void
test_markdown_scoped (void)
{
  g_autoptr (RostraStore) store = store_with_annotations (NULL);
  g_autoptr (RostraExportScope) tag = rostra_export_scope_new_tag ("-dash");
  g_autofree char *md = rostra_test_export (store, ROSTRA_EXPORT_FORMAT_MARKDOWN, tag, NULL);
  g_autofree char *all = rostra_test_export (store, ROSTRA_EXPORT_FORMAT_MARKDOWN, NULL, NULL);
  g_autoptr (GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autofree char *legacy = NULL;

  g_assert_true (
      g_str_has_prefix (md, "# Annotations\n\n## Mayor Okafor opens the harbour bridge"));
  g_assert_nonnull (strstr (md, "> When we started this project"));
  g_assert_null (strstr (md, "Friends and neighbours"));
  g_assert_null (strstr (md, "<script>"));

  g_assert_true (rostra_export_markdown (store, out, NULL, NULL));
  g_output_stream_write_all (out, "", 1, NULL, NULL, NULL);
  g_output_stream_close (out, NULL, NULL);
  legacy = g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
  g_assert_cmpstr (all, ==, legacy);
}

/* HTML, read back with libxml2's HTML parser */

static void
collect_elements (xmlNode *node, const char *name, GPtrArray *found)
{
  for (; node != NULL; node = node->next)
    {
      if (node->type == XML_ELEMENT_NODE && xmlStrcasecmp (node->name, BAD_CAST name) == 0)
        g_ptr_array_add (found, node);
      collect_elements (node->children, name, found);
    }
}

/* No script element, no event handler attribute, no javascript: URL,
 * and nothing that loads anything. */
static void
assert_inert (xmlNode *node)
{
  static const char *const banned[] = { "script", "img",  "iframe", "object", "embed", "link",
                                        "base",   "form", "svg",    "math",   "b",     NULL };

  for (; node != NULL; node = node->next)
    {
      if (node->type == XML_ELEMENT_NODE)
        {
          g_assert_false (g_strv_contains (banned, (const char *) node->name));
          for (xmlAttr *attr = node->properties; attr != NULL; attr = attr->next)
            {
              g_autofree xmlChar *value = xmlNodeListGetString (node->doc, attr->children, 1);

              g_assert_false (g_ascii_strncasecmp ((const char *) attr->name, "on", 2) == 0);
              g_assert_null (strstr ((const char *) value, "javascript:"));
              g_assert_true (
                  g_strv_contains ((const char *const[]){ "class", "id", "lang", "charset", "name",
                                                          "content", "datetime", NULL },
                                   (const char *) attr->name));
            }
        }
      assert_inert (node->children);
    }
}

static char *
node_text (xmlNode *node)
{
  xmlChar *content = xmlNodeGetContent (node);
  char    *text = g_strdup ((const char *) content);

  xmlFree (content);
  return text;
}

static char *
node_attr (xmlNode *node, const char *name)
{
  xmlChar *value = xmlGetProp (node, BAD_CAST name);
  char    *text = g_strdup ((const char *) value);

  xmlFree (value);
  return text;
}

static gboolean
has_class (xmlNode *node, const char *class_name)
{
  g_autofree char *classes = node_attr (node, "class");
  g_auto (GStrv) names = classes ? g_strsplit (classes, " ", -1) : NULL;

  return names != NULL && g_strv_contains ((const char *const *) names, class_name);
}

/* The first descendant of @node with @class_name, or %NULL. */
static xmlNode *
find_class (xmlNode *node, const char *class_name)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      xmlNode *found;

      if (child->type != XML_ELEMENT_NODE)
        continue;
      if (has_class (child, class_name))
        return child;
      if ((found = find_class (child, class_name)) != NULL)
        return found;
    }
  return NULL;
}

static void
test_html (void)
{
  g_autoptr (RostraStore) store = store_with_annotations (NULL);
  g_autofree char *html = rostra_test_export (store, ROSTRA_EXPORT_FORMAT_HTML, NULL, NULL);
  g_autoptr (GListModel) expected = expected_annotations (store, NULL, 0);
  g_autoptr (GPtrArray) sections = g_ptr_array_new ();
  g_autoptr (GPtrArray) headings = g_ptr_array_new ();
  g_autoptr (GPtrArray) styles = g_ptr_array_new ();
  g_autoptr (GPtrArray) metas = g_ptr_array_new ();
  g_autofree char *lang = NULL;
  g_autofree char *heading = NULL;
  htmlDocPtr       doc;
  xmlNode         *root;

  g_assert_true (g_str_has_prefix (html, "<!DOCTYPE html>\n"));
  /* Nothing user-written comes through raw. */
  g_assert_null (strstr (html, "<script"));
  g_assert_null (strstr (html, "<img"));
  g_assert_null (strstr (html, "<b>"));
  g_assert_null (strstr (html, "\" onmouseover"));
  g_assert_null (strstr (html, "\" onload"));

  doc = htmlReadMemory (html, strlen (html), "export.html", "UTF-8",
                        HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
  g_assert_nonnull (doc);
  root = xmlDocGetRootElement (doc);
  g_assert_cmpstr ((const char *) root->name, ==, "html");
  lang = node_attr (root, "lang");
  g_assert_cmpstr (lang, ==, "en");
  assert_inert (root);

  collect_elements (root, "style", styles);
  g_assert_cmpuint (styles->len, ==, 1);
  collect_elements (root, "meta", metas);
  g_assert_true (metas->len >= 1);
  {
    g_autofree char *charset = node_attr (g_ptr_array_index (metas, 0), "charset");

    g_assert_cmpstr (charset, ==, "utf-8");
  }

  /* A heading per article, with its title as text. */
  collect_elements (root, "h2", headings);
  g_assert_cmpuint (headings->len, ==, 4);
  heading = node_text (g_ptr_array_index (headings, 3));
  g_assert_cmpstr (heading, ==, hostile_title);
  {
    g_autofree char *hostile_lang = node_attr (g_ptr_array_index (headings, 3), "lang");
    g_autofree char *nl = node_attr (g_ptr_array_index (headings, 1), "lang");
    g_autofree char *citation = node_text (
        find_class (((xmlNode *) g_ptr_array_index (headings, 3))->parent->parent, "citation"));
    g_autofree char *first = node_text (
        find_class (((xmlNode *) g_ptr_array_index (headings, 0))->parent->parent, "citation"));

    g_assert_cmpstr (hostile_lang, ==, hostile_language);
    g_assert_cmpstr (nl, ==, "nl");
    g_assert_cmpstr (citation, ==, hostile_source);
    g_assert_cmpstr (first, ==, "Riverside Courier, 14 March 2021");
  }

  /* A block per annotation (a div: a section would need a heading): the
   * passage as a block quote in its colour, the note and tags as text,
   * the tags named by a hidden label. */
  collect_elements (root, "section", sections);
  g_assert_cmpuint (sections->len, ==, 0);
  collect_elements (root, "div", sections);
  g_assert_cmpuint (sections->len, ==, g_list_model_get_n_items (expected));
  for (guint i = 0; i < sections->len; i++)
    {
      g_autoptr (RostraAnnotation) a = g_list_model_get_item (expected, i);
      xmlNode *section = g_ptr_array_index (sections, i);
      g_autoptr (GPtrArray) quotes = g_ptr_array_new ();
      g_autoptr (GPtrArray) tags = g_ptr_array_new ();
      xmlNode           *note = find_class (section, "note");
      const char *const *expected_tags = rostra_annotation_get_tags (a);
      g_autofree char   *passage = NULL;

      g_assert_true (has_class (section, "annotation"));
      if (expected_tags[0] != NULL)
        {
          xmlNode         *label = find_class (section, "visually-hidden");
          g_autofree char *text = NULL;

          g_assert_nonnull (label);
          text = node_text (label);
          g_assert_cmpstr (text, ==, "Tags");
          g_assert_cmpstr ((const char *) xmlNextElementSibling (label)->name, ==, "ul");
        }
      g_assert_true (has_class (section, rostra_annotation_get_color (a)));
      collect_elements (section->children, "blockquote", quotes);
      g_assert_cmpuint (quotes->len, ==, 1);
      passage = node_text (g_ptr_array_index (quotes, 0));
      g_assert_cmpstr (passage, ==, rostra_annotation_get_exact (a));

      if (*rostra_annotation_get_note (a))
        {
          g_autofree char *text = NULL;

          g_assert_nonnull (note);
          text = node_text (note);
          g_assert_cmpstr (text, ==, rostra_annotation_get_note (a));
        }
      else
        g_assert_null (note);

      g_assert_true ((find_class (section, "orphaned") != NULL) ==
                     rostra_annotation_get_orphaned (a));

      collect_elements (section->children, "li", tags);
      g_assert_cmpuint (tags->len, ==, g_strv_length ((char **) expected_tags));
      for (guint t = 0; t < tags->len; t++)
        {
          g_autofree char *tag = node_text (g_ptr_array_index (tags, t));

          g_assert_cmpstr (tag, ==, expected_tags[t]);
        }
    }

  /* The note with markup is text, exactly. */
  {
    g_autofree char *text = node_text (find_class (g_ptr_array_index (sections, 1), "note"));

    g_assert_true (g_str_has_prefix (text, hostile_note));
  }

  xmlFreeDoc (doc);
}

/* Markdown, read back by cmark (CommonMark's reference parser) */

/* Appends the text of @node as a browser shows it: a line break (`<br>`)
 * as a line end, any other line end (a soft break) as a space. */
static void
append_shown_text (GString *out, xmlNode *node)
{
  for (; node != NULL; node = node->next)
    {
      if (node->type == XML_TEXT_NODE)
        g_string_append (out, (const char *) node->content);
      else if (node->type == XML_ELEMENT_NODE && xmlStrcmp (node->name, BAD_CAST "br") == 0)
        g_string_append_c (out, '\x01');
      else if (node->type == XML_ELEMENT_NODE)
        append_shown_text (out, node->children);
    }
}

static char *
shown_text (xmlNode *node)
{
  g_autoptr (GString) raw = g_string_new (NULL);
  GString *shown = g_string_new (NULL);

  append_shown_text (raw, node->children);
  for (const char *p = raw->str; *p; p++)
    {
      if (p[0] == '\x01')
        {
          g_string_append_c (shown, '\n');
          if (p[1] == '\n')
            p++;
        }
      else
        g_string_append_c (shown, *p == '\n' ? ' ' : *p);
    }
  return g_strstrip (g_string_free (shown, FALSE));
}

/* @text with its line ends (CRLF, CR) as LF, stripped. */
static char *
lines (const char *text)
{
  g_autoptr (GRegex) ends = g_regex_new ("\r\n?", 0, 0, NULL);

  return g_strstrip (g_regex_replace_literal (ends, text, -1, 0, "\n", 0, NULL));
}

/* What follows the passage of @a in the Markdown: the orphan's label,
 * under the quote, not in it; the note with its line breaks; the tags. */
static void
assert_markdown_annotation (RostraAnnotation *a, xmlNode *quote, GPtrArray *after)
{
  g_autofree char *passage = shown_text (quote);
  g_autofree char *exact = lines (rostra_annotation_get_exact (a));
  g_autoptr (GPtrArray) in_quote = g_ptr_array_new ();
  guint next = 0;

  g_assert_cmpstr (passage, ==, exact);
  collect_elements (quote->children, "em", in_quote);
  g_assert_cmpuint (in_quote->len, ==, 0);

  if (rostra_annotation_get_orphaned (a))
    {
      xmlNode         *label = g_ptr_array_index (after, next++);
      g_autofree char *text = shown_text (label);

      g_assert_cmpstr (text, ==, "(passage no longer found in the text)");
      g_assert_cmpstr ((const char *) label->children->name, ==, "em");
    }
  if (*rostra_annotation_get_note (a))
    {
      /* Its paragraphs, up to the tags. */
      guint end = after->len - (rostra_annotation_get_tags (a)[0] != NULL ? 1 : 0);
      g_autoptr (GString) text = g_string_new (NULL);
      g_autofree char *note = lines (rostra_annotation_get_note (a));

      for (; next < end; next++)
        {
          g_autofree char *paragraph = shown_text (g_ptr_array_index (after, next));

          g_string_append_printf (text, "%s%s", text->len ? "\n\n" : "", paragraph);
        }
      g_assert_cmpstr (text->str, ==, note);
    }
  if (rostra_annotation_get_tags (a)[0] != NULL)
    {
      g_autofree char *text = shown_text (g_ptr_array_index (after, next++));

      g_assert_true (g_str_has_prefix (text, "Tags: "));
    }
  g_assert_cmpuint (next, ==, after->len);
}

static void
test_markdown_read_back (void)
{
  static const char multi_line[] = "First line\nsecond line, & more\r\nthird\n\nA new paragraph";
  g_autoptr (RostraStore) store = store_with_annotations (NULL);
  g_autoptr (RostraAnnotation) edited = rostra_store_load_annotation (store, 5, NULL);
  g_autoptr (GListModel) expected = NULL;
  g_autofree char *md = NULL;
  g_autoptr (GPtrArray) bodies = g_ptr_array_new ();
  g_autoptr (GPtrArray) after = g_ptr_array_new ();
  g_autoptr (RostraAnnotation) current = NULL;
  xmlNode   *quote = NULL;
  char      *html;
  htmlDocPtr doc;
  guint      n = 0;

  /* A note of several lines and two paragraphs. */
  rostra_annotation_set_note (edited, multi_line);
  g_assert_true (rostra_store_update_annotation (store, edited, NULL));
  expected = expected_annotations (store, NULL, 0);
  md = rostra_test_export (store, ROSTRA_EXPORT_FORMAT_MARKDOWN, NULL, NULL);
  html = cmark_markdown_to_html (md, strlen (md), CMARK_OPT_DEFAULT);
  doc = htmlReadMemory (html, strlen (html), "export.html", "UTF-8",
                        HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
  free (html);
  g_assert_nonnull (doc);
  collect_elements (xmlDocGetRootElement (doc), "body", bodies);
  g_assert_cmpuint (bodies->len, ==, 1);

  /* Each passage is a block quote; what follows it up to the next one
   * (or the next article's heading) belongs to it. */
  for (xmlNode *node = ((xmlNode *) g_ptr_array_index (bodies, 0))->children;; node = node->next)
    {
      gboolean is_quote = node && node->type == XML_ELEMENT_NODE &&
                          xmlStrcmp (node->name, BAD_CAST "blockquote") == 0;
      gboolean is_heading = node && node->type == XML_ELEMENT_NODE && node->name[0] == 'h';

      if (node == NULL || is_quote || is_heading)
        {
          if (quote != NULL)
            assert_markdown_annotation (current, quote, after);
          quote = NULL;
          g_clear_object (&current);
          g_ptr_array_set_size (after, 0);
          if (node == NULL)
            break;
          if (is_quote)
            {
              quote = node;
              current = g_list_model_get_item (expected, n++);
            }
        }
      else if (quote != NULL && node->type == XML_ELEMENT_NODE)
        g_ptr_array_add (after, node);
    }
  g_assert_cmpuint (n, ==, g_list_model_get_n_items (expected));
  xmlFreeDoc (doc);
}

/* Every title and passage says its article's language, `lang=""` when
 * it is unknown, so that it does not take the page's; a note says its
 * own when Rostra can tell it. */
static void
test_html_languages (void)
{
  static const char dutch[] =
      "Dit is wat de burgemeester over de brug zei, en het is niet waar: de "
      "raad heeft het plan van de stad nooit gezien.";
  g_autoptr (RostraStore) store = store_with_annotations (NULL);
  g_autoptr (RostraAnnotation) a = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) blocks = g_ptr_array_new ();
  g_autoptr (GListModel) expected = NULL;
  g_autofree char *html = NULL;
  gint64           unknown;
  htmlDocPtr       doc;
  guint            n_unknown = 0, n_dutch_notes = 0;

  g_assert_true (rostra_store_add_article (store, 0, "Untold", NULL, "2030-01-01T00:00:00", NULL,
                                           "A text of no known language.", &unknown, &error));
  g_assert_no_error (error);
  a = rostra_annotation_new (unknown, 0, 6, "A text", "", " of no");
  rostra_annotation_set_note (a, dutch);
  g_assert_true (rostra_store_add_annotation (store, a, &error));
  g_assert_no_error (error);

  expected = expected_annotations (store, NULL, 0);
  html = rostra_test_export (store, ROSTRA_EXPORT_FORMAT_HTML, NULL, NULL);
  doc = htmlReadMemory (html, strlen (html), "export.html", "UTF-8",
                        HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
  g_assert_nonnull (doc);
  collect_elements (xmlDocGetRootElement (doc), "div", blocks);
  g_assert_cmpuint (blocks->len, ==, g_list_model_get_n_items (expected));

  for (guint i = 0; i < blocks->len; i++)
    {
      g_autoptr (RostraAnnotation) item = g_list_model_get_item (expected, i);
      g_autoptr (RostraArticle) article = rostra_store_load_article_row (
          store, rostra_annotation_get_article_id (item), NULL, NULL);
      const char *language = rostra_article_get_language (article);
      xmlNode    *block = g_ptr_array_index (blocks, i);
      g_autoptr (GPtrArray) quotes = g_ptr_array_new ();
      g_autoptr (GPtrArray) titles = g_ptr_array_new ();
      xmlNode         *note = find_class (block, "note");
      g_autofree char *quote_lang = NULL, *title_lang = NULL;

      collect_elements (block->children, "blockquote", quotes);
      collect_elements (block->parent->children, "h2", titles);
      g_assert_true (xmlHasProp (g_ptr_array_index (quotes, 0), BAD_CAST "lang") != NULL);
      g_assert_true (xmlHasProp (g_ptr_array_index (titles, 0), BAD_CAST "lang") != NULL);
      quote_lang = node_attr (g_ptr_array_index (quotes, 0), "lang");
      title_lang = node_attr (g_ptr_array_index (titles, 0), "lang");
      g_assert_cmpstr (quote_lang, ==, language ? language : "");
      g_assert_cmpstr (title_lang, ==, language ? language : "");
      n_unknown += language == NULL;

      if (note != NULL)
        {
          const char      *guess = rostra_language_guess (rostra_annotation_get_note (item));
          g_autofree char *note_lang = node_attr (note, "lang");

          g_assert_cmpstr (note_lang, ==, guess);
          n_dutch_notes += g_strcmp0 (note_lang, "nl") == 0;
        }
    }
  g_assert_cmpuint (n_unknown, ==, 1);
  g_assert_cmpuint (n_dutch_notes, ==, 1);
  xmlFreeDoc (doc);
}

static void
test_html_empty (void)
{
  g_autoptr (RostraStore) store = rostra_test_store_new (NULL);
  g_autofree char *html = rostra_test_export (store, ROSTRA_EXPORT_FORMAT_HTML, NULL, NULL);
  htmlDocPtr       doc = htmlReadMemory (html, strlen (html), "empty.html", "UTF-8",
                                         HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
  g_autoptr (GPtrArray) sections = g_ptr_array_new ();

  g_assert_nonnull (doc);
  collect_elements (xmlDocGetRootElement (doc), "div", sections);
  g_assert_cmpuint (sections->len, ==, 0);
  g_assert_nonnull (strstr (html, "No annotations"));
  g_assert_true (g_str_has_suffix (html, "</html>\n"));
  xmlFreeDoc (doc);
}

/* CSV, read back by a strict RFC 4180 reader (rostra_test_read_csv) */

static void
assert_cell (const char *cell, const char *value, gboolean guarded)
{
  if (value == NULL)
    value = "";
  if (guarded && *value && strchr (ROSTRA_TEST_CSV_GUARDED, *value))
    {
      g_assert_cmpint (cell[0], ==, '\'');
      cell++;
    }
  g_assert_cmpstr (cell, ==, value);
}

static void
test_csv (void)
{
  static const char *const header[] = { "article_title", "source",   "published", "passage",
                                        "note",          "tags",     "color",     "created",
                                        "modified",      "start",    "end",       "orphaned",
                                        "article_id",    "language", "speaker",   NULL };
  g_autoptr (RostraStore) store = store_with_annotations (NULL);
  g_autofree char *csv = rostra_test_export (store, ROSTRA_EXPORT_FORMAT_CSV, NULL, NULL);
  g_autoptr (GPtrArray) rows = rostra_test_read_csv (csv);
  g_autoptr (GListModel) expected = expected_annotations (store, NULL, 0);
  guint n_apostrophes = 0;

  g_assert_true (g_strv_equal ((const char *const *) g_ptr_array_index (rows, 0), header));
  g_assert_cmpuint (rows->len, ==, 1 + g_list_model_get_n_items (expected));

  for (guint i = 1; i < rows->len; i++)
    {
      char **row = g_ptr_array_index (rows, i);
      g_autoptr (RostraAnnotation) a = g_list_model_get_item (expected, i - 1);
      g_autofree char *tags = g_strjoinv ("; ", (char **) rostra_annotation_get_tags (a));
      g_autoptr (RostraArticle) article =
          rostra_store_load_article_row (store, rostra_annotation_get_article_id (a), NULL, NULL);
      gboolean         orphaned = rostra_annotation_get_orphaned (a);
      g_autofree char *start =
          orphaned ? g_strdup ("") : g_strdup_printf ("%u", rostra_annotation_get_start (a));
      g_autofree char *end =
          orphaned ? g_strdup ("") : g_strdup_printf ("%u", rostra_annotation_get_end (a));

      g_assert_cmpuint (g_strv_length (row), ==, g_strv_length ((char **) header));
      assert_cell (row[0], rostra_annotation_get_article_title (a), TRUE);
      assert_cell (row[1], rostra_annotation_get_article_source (a), TRUE);
      assert_cell (row[2], rostra_annotation_get_article_published (a), FALSE);
      assert_cell (row[3], rostra_annotation_get_exact (a), TRUE);
      assert_cell (row[4], rostra_annotation_get_note (a), TRUE);
      assert_cell (row[5], tags, TRUE);
      assert_cell (row[6], rostra_annotation_get_color (a), FALSE);
      assert_cell (row[7], rostra_annotation_get_created (a), FALSE);
      assert_cell (row[8], rostra_annotation_get_modified (a), FALSE);
      /* An orphan's position is stale: none is given, and it says so. */
      assert_cell (row[9], start, FALSE);
      assert_cell (row[10], end, FALSE);
      assert_cell (row[11], orphaned ? "true" : "false", FALSE);
      g_assert_true (g_uuid_string_is_valid (row[12]));
      assert_cell (row[12], rostra_article_get_uuid (article), FALSE);
      assert_cell (row[13], rostra_article_get_language (article), TRUE);
      /* Who spoke: empty when nobody was named (see test_speaker). */
      assert_cell (row[14], rostra_article_get_speaker (article), TRUE);
      /* A spreadsheet drops a leading apostrophe: the guard keeps one. */
      if (g_str_equal (rostra_annotation_get_note (a), "'t Is weg"))
        {
          g_assert_cmpstr (row[4], ==, "''t Is weg");
          g_assert_cmpstr (row[11], ==, "true");
          g_assert_cmpstr (row[9], ==, "");
          n_apostrophes++;
        }
    }
  g_assert_cmpuint (n_apostrophes, ==, 1);

  /* Formula-looking notes and tags are neutralised; commas, quotes and
   * line breaks survive inside quotes. */
  g_assert_cmpstr (((char **) g_ptr_array_index (rows, 2))[5], ==, "'-dash; Bridges");
  g_assert_cmpstr (((char **) g_ptr_array_index (rows, 3))[4], ==,
                   "Quote \"this\", and, commas\r\nCRLF line");
  g_assert_cmpstr (((char **) g_ptr_array_index (rows, 5))[4], ==, "'=1+1");
  g_assert_cmpstr (((char **) g_ptr_array_index (rows, 1))[2], ==, "2021-03-14T09:30:00");
  g_assert_cmpstr (((char **) g_ptr_array_index (rows, 6))[2], ==, "");
}

static void
test_csv_empty (void)
{
  g_autoptr (RostraStore) store = rostra_test_store_new (NULL);
  g_autofree char *csv = rostra_test_export (store, ROSTRA_EXPORT_FORMAT_CSV, NULL, NULL);
  g_autoptr (GPtrArray) rows = rostra_test_read_csv (csv);

  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (csv, ==,
                   "article_title,source,published,passage,note,tags,color,created,modified,"
                   "start,end,orphaned,article_id,language,speaker\r\n");
}

/* W3C Web Annotations */

static JsonObject *
find_selector (JsonArray *selectors, const char *type)
{
  for (guint i = 0; i < json_array_get_length (selectors); i++)
    {
      JsonObject *s = json_array_get_object_element (selectors, i);

      if (g_strcmp0 (json_object_get_string_member (s, "type"), type) == 0)
        return s;
    }
  return NULL;
}

/* `urn:uuid:UUID` */
static char *
uuid_urn (const char *uuid)
{
  g_assert_true (g_uuid_string_is_valid (uuid));
  return g_strconcat ("urn:uuid:", uuid, NULL);
}

/* An agent: a Person (the user, by name) or Software (Rostra). */
static void
assert_agent (JsonObject *agent, const char *type)
{
  const char *name = json_object_get_string_member (agent, "name");

  g_assert_cmpstr (json_object_get_string_member (agent, "type"), ==, type);
  g_assert_nonnull (name);
  if (g_str_equal (type, "Software"))
    {
      g_assert_true (g_str_has_prefix (name, "Rostra "));
      g_assert_true (
          g_str_has_prefix (json_object_get_string_member (agent, "homepage"), "https://"));
    }
  else
    g_assert_true (g_str_equal (name, g_get_real_name ()) ||
                   g_str_equal (name, g_get_user_name ()));
}

static void
test_w3c (void)
{
  g_autoptr (RostraStore) store = store_with_annotations (NULL);
  g_autofree char *json = rostra_test_export (store, ROSTRA_EXPORT_FORMAT_W3C, NULL, NULL);
  g_autoptr (JsonNode) root = rostra_test_parse_json (json);
  g_autoptr (GListModel) expected = expected_annotations (store, NULL, 0);
  JsonObject *collection = json_node_get_object (root);
  JsonObject *page, *part_of;
  JsonArray  *items;

  g_assert_cmpstr (json_object_get_string_member (collection, "@context"), ==,
                   "http://www.w3.org/ns/anno.jsonld");
  g_assert_cmpstr (json_object_get_string_member (collection, "type"), ==, "AnnotationCollection");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (collection, "id"), "urn:uuid:"));
  g_assert_cmpint (json_object_get_int_member (collection, "total"), ==, 6);
  assert_agent (json_object_get_object_member (collection, "generator"), "Software");

  page = json_object_get_object_member (collection, "first");
  g_assert_cmpstr (json_object_get_string_member (page, "type"), ==, "AnnotationPage");
  g_assert_nonnull (json_object_get_string_member (page, "id"));
  /* The page names its collection with its id, label and total. */
  part_of = json_object_get_object_member (page, "partOf");
  g_assert_nonnull (part_of);
  g_assert_cmpstr (json_object_get_string_member (part_of, "id"), ==,
                   json_object_get_string_member (collection, "id"));
  g_assert_cmpstr (json_object_get_string_member (part_of, "label"), ==,
                   json_object_get_string_member (collection, "label"));
  g_assert_cmpint (json_object_get_int_member (part_of, "total"), ==, 6);
  items = json_object_get_array_member (page, "items");
  g_assert_cmpuint (json_array_get_length (items), ==, 6);

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      g_autoptr (RostraAnnotation) a = g_list_model_get_item (expected, i);
      JsonObject        *item = json_array_get_object_element (items, i);
      JsonObject        *target = json_object_get_object_member (item, "target");
      JsonObject        *source = json_object_get_object_member (target, "source");
      JsonArray         *selectors = json_object_get_array_member (target, "selector");
      JsonObject        *quote = find_selector (selectors, "TextQuoteSelector");
      JsonObject        *position = find_selector (selectors, "TextPositionSelector");
      const char *const *tags = rostra_annotation_get_tags (a);
      g_autoptr (RostraArticle) article =
          rostra_store_load_article_row (store, rostra_annotation_get_article_id (a), NULL, NULL);
      g_autofree char *id = uuid_urn (rostra_annotation_get_uuid (a));
      g_autofree char *source_id = uuid_urn (rostra_article_get_uuid (article));
      guint            n_notes = 0, n_tags = 0;

      /* Named by their UUIDs, not by their ids in this archive. */
      g_assert_cmpstr (json_object_get_string_member (item, "id"), ==, id);
      g_assert_cmpstr (json_object_get_string_member (item, "type"), ==, "Annotation");
      assert_agent (json_object_get_object_member (item, "creator"), "Person");
      assert_agent (json_object_get_object_member (item, "generator"), "Software");
      g_assert_cmpstr (json_object_get_string_member (item, "created"), ==,
                       rostra_annotation_get_created (a));
      g_assert_cmpstr (json_object_get_string_member (item, "modified"), ==,
                       rostra_annotation_get_modified (a));

      g_assert_cmpstr (json_object_get_string_member (source, "id"), ==, source_id);
      g_assert_cmpstr (json_object_get_string_member (source, "label"), ==,
                       rostra_annotation_get_article_title (a));
      g_assert_cmpstr (json_object_get_string_member (target, "styleClass"), ==,
                       rostra_annotation_get_color (a));

      g_assert_nonnull (quote);
      g_assert_cmpstr (json_object_get_string_member (quote, "exact"), ==,
                       rostra_annotation_get_exact (a));
      g_assert_cmpstr (json_object_get_string_member (quote, "prefix"), ==,
                       rostra_annotation_get_prefix (a));
      g_assert_cmpstr (json_object_get_string_member (quote, "suffix"), ==,
                       rostra_annotation_get_suffix (a));
      if (rostra_annotation_get_orphaned (a))
        g_assert_null (position);
      else
        {
          g_assert_nonnull (position);
          g_assert_cmpint (json_object_get_int_member (position, "start"), ==,
                           rostra_annotation_get_start (a));
          g_assert_cmpint (json_object_get_int_member (position, "end"), ==,
                           rostra_annotation_get_end (a));
        }

      if (json_object_has_member (item, "body"))
        {
          JsonArray *body = json_object_get_array_member (item, "body");

          for (guint b = 0; b < json_array_get_length (body); b++)
            {
              JsonObject *part = json_array_get_object_element (body, b);
              const char *purpose = json_object_get_string_member (part, "purpose");
              const char *value = json_object_get_string_member (part, "value");

              g_assert_cmpstr (json_object_get_string_member (part, "type"), ==, "TextualBody");
              if (g_str_equal (purpose, "commenting"))
                {
                  const char *language = rostra_language_guess (rostra_annotation_get_note (a));

                  g_assert_cmpstr (value, ==, rostra_annotation_get_note (a));
                  /* The note's language when Rostra can tell it. */
                  if (language != NULL)
                    g_assert_cmpstr (json_object_get_string_member (part, "language"), ==,
                                     language);
                  else
                    g_assert_false (json_object_has_member (part, "language"));
                  n_notes++;
                }
              else
                {
                  g_assert_cmpstr (purpose, ==, "tagging");
                  g_assert_false (json_object_has_member (part, "language"));
                  g_assert_cmpstr (value, ==, tags[n_tags]);
                  n_tags++;
                }
            }
        }
      g_assert_cmpuint (n_notes, ==, *rostra_annotation_get_note (a) ? 1 : 0);
      g_assert_cmpuint (n_tags, ==, g_strv_length ((char **) tags));
    }
}

/* The body language of a note Rostra can tell the language of, and ids
 * that stay the same in an archive restored from the backup. */
static void
test_w3c_language_and_restore (void)
{
  static const char note[] = "Dit is wat de burgemeester over de brug zei, en het is niet waar: de "
                             "raad heeft het plan van de stad nooit gezien.";
  g_autoptr (RostraStore) store = store_with_annotations (NULL);
  g_autoptr (RostraStore) restored = rostra_test_store_new (NULL);
  g_autoptr (RostraAnnotation) a = rostra_store_load_annotation (store, 1, NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *backup = NULL, *before = NULL, *after = NULL;
  g_autoptr (JsonNode) first = NULL;
  g_autoptr (JsonNode) second = NULL;
  g_autoptr (RostraImportReport) report = NULL;
  g_autoptr (GInputStream) in = NULL;
  JsonArray  *items, *restored_items;
  JsonObject *body;

  g_assert_cmpstr (rostra_language_guess (note), ==, "nl");
  rostra_annotation_set_note (a, note);
  g_assert_true (rostra_store_update_annotation (store, a, &error));
  g_assert_no_error (error);

  before = rostra_test_export (store, ROSTRA_EXPORT_FORMAT_W3C, NULL, NULL);
  first = rostra_test_parse_json (before);
  items = json_object_get_array_member (
      json_object_get_object_member (json_node_get_object (first), "first"), "items");
  body = json_array_get_object_element (
      json_object_get_array_member (json_array_get_object_element (items, 0), "body"), 0);
  g_assert_cmpstr (json_object_get_string_member (body, "value"), ==, note);
  g_assert_cmpstr (json_object_get_string_member (body, "language"), ==, "nl");

  /* Restored elsewhere: every annotation and article keeps its id. */
  backup = rostra_test_export (store, ROSTRA_EXPORT_FORMAT_JSON, NULL, NULL);
  in = g_memory_input_stream_new_from_data (g_strdup (backup), -1, g_free);
  g_assert_true (
      rostra_import_stream (restored, in, "backup.json", NULL, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  after = rostra_test_export (restored, ROSTRA_EXPORT_FORMAT_W3C, NULL, NULL);
  second = rostra_test_parse_json (after);
  restored_items = json_object_get_array_member (
      json_object_get_object_member (json_node_get_object (second), "first"), "items");
  g_assert_cmpuint (json_array_get_length (restored_items), ==, json_array_get_length (items));
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *x = json_array_get_object_element (items, i);
      JsonObject *y = json_array_get_object_element (restored_items, i);
      JsonObject *source_x =
          json_object_get_object_member (json_object_get_object_member (x, "target"), "source");
      JsonObject *source_y =
          json_object_get_object_member (json_object_get_object_member (y, "target"), "source");

      g_assert_cmpstr (json_object_get_string_member (x, "id"), ==,
                       json_object_get_string_member (y, "id"));
      g_assert_cmpstr (json_object_get_string_member (source_x, "id"), ==,
                       json_object_get_string_member (source_y, "id"));
    }
}

static void
test_w3c_empty (void)
{
  g_autoptr (RostraStore) store = rostra_test_store_new (NULL);
  g_autofree char *json = rostra_test_export (store, ROSTRA_EXPORT_FORMAT_W3C, NULL, NULL);
  g_autoptr (JsonNode) root = rostra_test_parse_json (json);
  JsonObject *collection = json_node_get_object (root);

  g_assert_cmpint (json_object_get_int_member (collection, "total"), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                        json_object_get_object_member (collection, "first"), "items")),
                    ==, 0);
}

/* Every format of every scope: what is written is what was counted. */
static void
test_every_format_and_scope (void)
{
  static const gint64 ids[] = { 2, 4 };
  g_autoptr (RostraStore) store = store_with_annotations (NULL);
  g_autoptr (GPtrArray) scopes =
      g_ptr_array_new_with_free_func ((GDestroyNotify) rostra_export_scope_free);

  g_ptr_array_add (scopes, rostra_export_scope_new_all ());
  g_ptr_array_add (scopes, rostra_export_scope_new_article (3));
  g_ptr_array_add (scopes, rostra_export_scope_new_articles (ids, 2));
  g_ptr_array_add (scopes, rostra_export_scope_new_tag ("Evil <tag>"));

  for (guint s = 0; s < scopes->len; s++)
    for (guint f = 0; f < ROSTRA_EXPORT_N_FORMATS; f++)
      {
        RostraExportScope *copy = rostra_export_scope_copy (g_ptr_array_index (scopes, s));
        g_autofree char   *text = NULL;
        guint              n_counted, n_written;

        g_assert_true (rostra_export_count (store, f, copy, &n_counted, NULL, NULL, NULL));
        text = rostra_test_export (store, f, copy, &n_written);
        g_assert_cmpuint (n_counted, ==, n_written);
        g_assert_true (g_utf8_validate (text, -1, NULL));
        if (f == ROSTRA_EXPORT_FORMAT_JSON || f == ROSTRA_EXPORT_FORMAT_W3C)
          json_node_unref (rostra_test_parse_json (text));
        rostra_export_scope_free (copy);
      }
}

/* Writing a file: all of it or nothing. */
static void
test_to_file (void)
{
  g_autoptr (RostraStore) store = store_with_annotations (NULL);
  g_autofree char *path = rostra_test_write_file ("notes.csv", "precious", -1);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (RostraExportScope) missing = rostra_export_scope_new_article (99);
  g_autoptr (GCancellable) cancelled = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autoptr (GDir) dir = NULL;
  const char *name;
  guint       n = 0;

  g_assert_false (
      rostra_export_to_file (store, ROSTRA_EXPORT_FORMAT_CSV, missing, file, &n, NULL, &error));
  g_assert_error (error, ROSTRA_STORE_ERROR, ROSTRA_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_file_get_contents (path, &contents, NULL, NULL);
  g_assert_cmpstr (contents, ==, "precious");
  g_clear_pointer (&contents, g_free);

  g_cancellable_cancel (cancelled);
  g_assert_false (
      rostra_export_to_file (store, ROSTRA_EXPORT_FORMAT_CSV, NULL, file, &n, cancelled, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_file_get_contents (path, &contents, NULL, NULL);
  g_assert_cmpstr (contents, ==, "precious");
  g_clear_pointer (&contents, g_free);

  g_assert_true (
      rostra_export_to_file (store, ROSTRA_EXPORT_FORMAT_CSV, NULL, file, &n, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 6);
  g_file_get_contents (path, &contents, NULL, NULL);
  g_assert_true (g_str_has_prefix (contents, "article_title,"));

  /* No temporary file is left behind. */
  dir = g_dir_open (rostra_test_tmpdir (), 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_assert_false (g_str_has_prefix (name, ".goutputstream"));
}

/* An export that stops half-way, as when the disk is full. */
static void
test_write_error (void)
{
  g_autoptr (RostraStore) store = store_with_annotations (NULL);
  g_autofree char *buffer = g_malloc (100);

  for (guint f = 0; f < ROSTRA_EXPORT_N_FORMATS; f++)
    {
      g_autoptr (GOutputStream) out = g_memory_output_stream_new (buffer, 100, NULL, NULL);
      g_autoptr (GError) error = NULL;

      g_assert_false (rostra_export_annotations (store, f, NULL, out, NULL, NULL, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
    }
}

/* The speaker of a speech in every annotation format: Markdown's and
 * HTML's citation, a CSV column, W3C's target.source.creator. A name
 * that looks like markup or a formula stays text. */
static void
test_speaker (void)
{
  g_autoptr (RostraStore) store = store_with_annotations (NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *markdown = NULL, *html = NULL, *csv = NULL, *w3c = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (JsonNode) root = NULL;
  RostraArticleMetadata m = { .speaker = "Mayor <b>Okafor</b>" };
  RostraArticleMetadata formula = { .speaker = "=Okafor" };
  JsonArray            *items;
  guint                 n_creators = 0, n_speaker_rows = 0;

  g_assert_true (rostra_store_set_article_metadata (store, 1, ROSTRA_METADATA_SPEAKER, &m, &error));
  g_assert_no_error (error);

  markdown = rostra_test_export (store, ROSTRA_EXPORT_FORMAT_MARKDOWN, NULL, NULL);
  g_assert_nonnull (strstr (markdown, "*Mayor \\<b\\>Okafor\\</b\\>, Riverside Courier, "));
  html = rostra_test_export (store, ROSTRA_EXPORT_FORMAT_HTML, NULL, NULL);
  g_assert_nonnull (strstr (html, "<p class=\"citation\"><span class=\"speaker\">Mayor "
                                  "&lt;b&gt;Okafor&lt;/b&gt;</span>, Riverside Courier, "));

  root = rostra_test_parse_json (
      (w3c = rostra_test_export (store, ROSTRA_EXPORT_FORMAT_W3C, NULL, NULL)));
  items = json_object_get_array_member (
      json_object_get_object_member (json_node_get_object (root), "first"), "items");
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *source = json_object_get_object_member (
          json_object_get_object_member (json_array_get_object_element (items, i), "target"),
          "source");

      if (!json_object_has_member (source, "creator"))
        continue;
      n_creators++;
      g_assert_cmpstr (
          json_object_get_string_member (json_object_get_object_member (source, "creator"), "type"),
          ==, "Person");
      g_assert_cmpstr (
          json_object_get_string_member (json_object_get_object_member (source, "creator"), "name"),
          ==, "Mayor <b>Okafor</b>");
    }
  g_assert_cmpuint (n_creators, >, 0);

  g_assert_true (
      rostra_store_set_article_metadata (store, 1, ROSTRA_METADATA_SPEAKER, &formula, &error));
  csv = rostra_test_export (store, ROSTRA_EXPORT_FORMAT_CSV, NULL, NULL);
  rows = rostra_test_read_csv (csv);
  for (guint i = 1; i < rows->len; i++)
    {
      char **row = g_ptr_array_index (rows, i);

      if (g_str_equal (row[0], "Mayor Okafor opens the harbour bridge"))
        {
          g_assert_cmpstr (row[14], ==, "'=Okafor");
          n_speaker_rows++;
        }
      else
        g_assert_cmpstr (row[14], ==, "");
    }
  g_assert_cmpuint (n_speaker_rows, ==, n_creators);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/export/json", test_export_json);
  g_test_add_func ("/export/speaker", test_speaker);
  g_test_add_func ("/export/list-json", test_list_json);
  g_test_add_func ("/export/empty-archive", test_empty_archive);
  g_test_add_func ("/export/escaping", test_escaping);
  g_test_add_func ("/export/formats", test_formats);
  g_test_add_func ("/export/json-whole-archive", test_json_whole_archive);
  g_test_add_func ("/export/json-round-trip", test_json_round_trip);
  g_test_add_func ("/export/json-scoped", test_json_scoped);
  g_test_add_func ("/export/scope-errors", test_scope_errors);
  g_test_add_func ("/export/count", test_count);
  g_test_add_func ("/export/query-scope", test_query_scope);
  g_test_add_func ("/export/markdown-scoped", test_markdown_scoped);
  g_test_add_func ("/export/html", test_html);
  g_test_add_func ("/export/html-languages", test_html_languages);
  g_test_add_func ("/export/html-empty", test_html_empty);
  g_test_add_func ("/export/markdown-read-back", test_markdown_read_back);
  g_test_add_func ("/export/csv", test_csv);
  g_test_add_func ("/export/csv-empty", test_csv_empty);
  g_test_add_func ("/export/w3c", test_w3c);
  g_test_add_func ("/export/w3c-language-and-restore", test_w3c_language_and_restore);
  g_test_add_func ("/export/w3c-empty", test_w3c_empty);
  g_test_add_func ("/export/every-format-and-scope", test_every_format_and_scope);
  g_test_add_func ("/export/to-file", test_to_file);
  g_test_add_func ("/export/write-error", test_write_error);

  return g_test_run ();
}
