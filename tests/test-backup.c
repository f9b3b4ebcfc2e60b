/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-backup.c: the JSON backup (export → import → export), merging
 * without duplicates, anchors checked on import, Markdown export. */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "rostra-anchor.h"
#include "rostra-exporter.h"
#include "rostra-importer.h"
#include "rostra-test-utils.h"

static RostraStore *
store_with_annotations (char **path)
{
  static const char *const tags[] = { "Bridges", "infrastructure", NULL };
  g_autoptr (GError) error = NULL;
  RostraStore *store = rostra_test_store_new (path);
  g_autoptr (GListModel) list = NULL;

  rostra_test_import_fixture (store);
  list = rostra_store_list_articles (store, &error);

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr (RostraArticle) row = g_list_model_get_item (list, i);
      g_autoptr (RostraArticle) article =
          rostra_store_load_article (store, rostra_article_get_id (row), &error);
      g_autoptr (RostraAnnotation) a = NULL;
      g_autofree char *exact = NULL, *prefix = NULL, *suffix = NULL;
      const char      *text = rostra_article_get_text (article);

      rostra_anchor_describe (text, 10, 40, &exact, &prefix, &suffix);
      a = rostra_annotation_new (rostra_article_get_id (article), 10, 40, exact, prefix, suffix);
      rostra_annotation_set_color (a, i ? "purple" : "green");
      rostra_annotation_set_note (a, i ? "A note with <script>alert(1)</script> and *stars*\nline 2"
                                       : "");
      rostra_annotation_set_tags (a, tags);
      g_assert_true (rostra_store_add_annotation (store, a, &error));
      g_assert_no_error (error);
    }
  return store;
}

static RostraImportReport *
import_json (RostraStore *store, const char *json, GError **error)
{
  g_autoptr (GInputStream) in = g_memory_input_stream_new_from_data (g_strdup (json), -1, g_free);
  RostraImportReport *report = NULL;

  rostra_import_stream (store, in, "backup.json", NULL, NULL, NULL, NULL, &report, error);
  return report;
}

/* The export with ids replaced by positions, to compare two archives. */
static char *
normalise (const char *json)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GHashTable) positions =
      g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  JsonObject *root;
  JsonArray  *articles, *annotations;

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  root = json_node_get_object (json_parser_get_root (parser));
  articles = json_object_get_array_member (root, "articles");
  annotations = json_object_get_array_member (root, "annotations");

  for (guint i = 0; i < json_array_get_length (articles); i++)
    {
      JsonObject *a = json_array_get_object_element (articles, i);
      gint64      id = json_object_get_int_member (a, "id");

      g_hash_table_insert (positions, g_memdup2 (&id, sizeof id), GUINT_TO_POINTER (i + 1));
      json_object_set_int_member (a, "id", i + 1);
    }
  for (guint i = 0; i < json_array_get_length (annotations); i++)
    {
      JsonObject *n = json_array_get_object_element (annotations, i);
      gint64      article = json_object_get_int_member (n, "article");

      json_object_set_int_member (n, "id", i + 1);
      json_object_set_int_member (n, "article",
                                  GPOINTER_TO_UINT (g_hash_table_lookup (positions, &article)));
    }
  return json_to_string (json_parser_get_root (parser), TRUE);
}

static void
test_round_trip (void)
{
  g_autoptr (RostraStore) a = store_with_annotations (NULL);
  g_autoptr (RostraStore) b = rostra_test_store_new (NULL);
  g_autofree char *first = rostra_test_export_json (a);
  g_autofree char *second = NULL;
  g_autofree char *n1 = NULL, *n2 = NULL;
  g_autoptr (RostraImportReport) report = NULL;
  g_autoptr (GError) error = NULL;

  report = import_json (b, first, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (report->format, ==, "rostra-json");
  g_assert_cmpuint (report->n_new, ==, 3);
  g_assert_cmpuint (report->n_annotations_new, ==, 2);
  g_assert_cmpuint (report->n_annotations_repaired, ==, 0);
  g_assert_cmpuint (report->n_annotations_orphaned, ==, 0);

  /* Every field survives: the two exports differ only by ids. */
  second = rostra_test_export_json (b);
  n1 = normalise (first);
  n2 = normalise (second);
  g_assert_cmpstr (n1, ==, n2);
}

static void
test_merge_without_duplicates (void)
{
  g_autofree char *path = NULL;
  g_autoptr (RostraStore) store = store_with_annotations (&path);
  g_autofree char *json = rostra_test_export_json (store);
  g_autofree char *before = rostra_test_file_checksum (path);
  g_autoptr (RostraImportReport) report = NULL;
  g_autoptr (GError) error = NULL;

  report = import_json (store, json, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_new, ==, 0);
  g_assert_cmpuint (report->n_duplicates, ==, 3);
  g_assert_cmpuint (report->n_annotations_new, ==, 0);
  g_assert_cmpuint (report->n_annotations_duplicates, ==, 2);
  g_assert_cmpint (rostra_test_count_rows (path, "articles"), ==, 3);
  g_assert_cmpint (rostra_test_count_rows (path, "annotations"), ==, 2);
  g_assert_cmpint (rostra_test_count_rows (path, "imports"), ==, 1);
}

/* @json without its `uuid` members, as a backup of before UUIDs; with
 * @note, the first annotation's note changed to it. */
static char *
strip_uuids (const char *json, const char *note)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *root;
  const char *lists[] = { "articles", "annotations" };

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  root = json_node_get_object (json_parser_get_root (parser));
  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    {
      JsonArray *list = json_object_get_array_member (root, lists[l]);

      for (guint i = 0; i < json_array_get_length (list); i++)
        {
          JsonObject *o = json_array_get_object_element (list, i);

          g_assert_true (g_uuid_string_is_valid (json_object_get_string_member (o, "uuid")));
          json_object_remove_member (o, "uuid");
        }
    }
  if (note != NULL)
    json_object_set_string_member (
        json_array_get_object_element (json_object_get_array_member (root, "annotations"), 0),
        "note", note);
  return json_to_string (json_parser_get_root (parser), FALSE);
}

static void
assert_import (RostraStore *store, const char *json, guint n_new, guint n_there)
{
  g_autoptr (RostraImportReport) report = NULL;
  g_autoptr (GError) error = NULL;

  report = import_json (store, json, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_annotations_new, ==, n_new);
  g_assert_cmpuint (report->n_annotations_duplicates, ==, n_there);
}

/* Three annotations on one passage made in the same second, two of them
 * alike in every field but their UUIDs: a backup restores all three,
 * and imported again adds none. A backup of before UUIDs does the same
 * by comparing whole annotations, each one in the archive standing for
 * one in the file. */
static void
test_same_passage_same_second (void)
{
  static const char *const notes[] = { "First thought", "Second thought", "Second thought" };
  g_autofree char         *path = NULL, *fresh_path = NULL, *old_path = NULL;
  g_autoptr (RostraStore) store = rostra_test_store_new (&path);
  g_autoptr (RostraStore) fresh = rostra_test_store_new (&fresh_path);
  g_autoptr (RostraStore) old = rostra_test_store_new (&old_path);
  g_autoptr (RostraArticle) article = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *exact = NULL, *prefix = NULL, *suffix = NULL;
  g_autofree char *json = NULL, *restored = NULL, *n1 = NULL, *n2 = NULL;
  g_autofree char *before_uuids = NULL, *changed = NULL;

  rostra_test_import_fixture (store);
  article = rostra_store_load_article (store, 1, &error);
  g_assert_no_error (error);
  rostra_anchor_describe (rostra_article_get_text (article), 10, 40, &exact, &prefix, &suffix);
  for (guint i = 0; i < G_N_ELEMENTS (notes); i++)
    {
      g_autoptr (RostraAnnotation) a = g_object_new (
          ROSTRA_TYPE_ANNOTATION, "article-id", (gint64) 1, "start", 10, "end", 40, "exact", exact,
          "prefix", prefix, "suffix", suffix, "note", notes[i], "created", "2026-11-27T08:15:00Z",
          "modified", "2026-11-27T08:15:00Z", NULL);

      g_assert_true (rostra_store_restore_annotation (store, a, &error));
      g_assert_no_error (error);
    }
  json = rostra_test_export_json (store);

  /* Restored: all three, with their UUIDs. */
  assert_import (fresh, json, 3, 0);
  restored = rostra_test_export_json (fresh);
  n1 = normalise (json);
  n2 = normalise (restored);
  g_assert_cmpstr (n1, ==, n2);
  assert_import (fresh, json, 0, 3);
  assert_import (store, json, 0, 3);
  g_assert_cmpint (rostra_test_count_rows (fresh_path, "annotations"), ==, 3);
  g_assert_cmpint (rostra_test_count_rows (path, "annotations"), ==, 3);

  /* A backup of before UUIDs: the same, into an empty archive, into
   * itself and into the archive it came from. */
  before_uuids = strip_uuids (json, NULL);
  assert_import (old, before_uuids, 3, 0);
  assert_import (old, before_uuids, 0, 3);
  assert_import (store, before_uuids, 0, 3);
  g_assert_cmpint (rostra_test_count_rows (old_path, "annotations"), ==, 3);
  g_assert_cmpint (rostra_test_count_rows (path, "annotations"), ==, 3);

  /* One field changed: that annotation is another one. */
  changed = strip_uuids (json, "First thought, revised");
  assert_import (old, changed, 1, 2);
  g_assert_cmpint (rostra_test_count_rows (old_path, "annotations"), ==, 4);
}

/* With a UUID, the UUID is the annotation: one whose note changed since
 * is already there. One whose UUID the archive lacks is already there
 * when an annotation is equal to it in every other field (a .db backup
 * of before UUIDs gets new ones when it is upgraded to be merged), and
 * new otherwise. */
static void
test_uuid_then_content (void)
{
  g_autofree char *path = NULL;
  g_autoptr (RostraStore) store = store_with_annotations (&path);
  g_autofree char *json = rostra_test_export_json (store);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autofree char *edited = NULL, *other = NULL, *different = NULL;
  JsonArray       *annotations;

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  annotations = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                              "annotations");
  json_object_set_string_member (json_array_get_object_element (annotations, 0), "note",
                                 "Changed since");
  edited = json_to_string (json_parser_get_root (parser), FALSE);
  assert_import (store, edited, 0, 2);

  json_object_set_string_member (json_array_get_object_element (annotations, 1), "uuid",
                                 "6f9619ff-8b86-4d11-b42d-00c04fc964ff");
  other = json_to_string (json_parser_get_root (parser), FALSE);
  assert_import (store, other, 0, 2);

  json_object_set_string_member (json_array_get_object_element (annotations, 1), "note",
                                 "Another thought");
  different = json_to_string (json_parser_get_root (parser), FALSE);
  assert_import (store, different, 1, 1);
  g_assert_cmpint (rostra_test_count_rows (path, "annotations"), ==, 3);
  g_free (different);
  different = rostra_test_query_text (
      path, "SELECT note FROM annotations WHERE uuid = '6f9619ff-8b86-4d11-b42d-00c04fc964ff'");
  g_assert_cmpstr (different, ==, "Another thought");
}

static void
test_anchors_checked (void)
{
  g_autoptr (RostraStore) source = store_with_annotations (NULL);
  g_autoptr (RostraStore) target = rostra_test_store_new (NULL);
  g_autofree char *json = rostra_test_export_json (source);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (RostraImportReport) report = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) all = NULL;
  g_autofree char *edited = NULL;
  JsonArray       *annotations;
  JsonObject      *selector;

  /* One position is wrong but its passage is there; the other passage
   * is nowhere in the text. */
  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  annotations = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                              "annotations");
  selector =
      json_object_get_object_member (json_array_get_object_element (annotations, 0), "selector");
  json_object_set_int_member (selector, "start", 0);
  json_object_set_int_member (selector, "end", 30);
  selector =
      json_object_get_object_member (json_array_get_object_element (annotations, 1), "selector");
  json_object_set_string_member (selector, "exact", "words that were never said");
  edited = json_to_string (json_parser_get_root (parser), FALSE);

  report = import_json (target, edited, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_annotations_new, ==, 2);
  g_assert_cmpuint (report->n_annotations_repaired, ==, 1);
  g_assert_cmpuint (report->n_annotations_orphaned, ==, 1);

  all = rostra_store_find_annotations (target, NULL, NULL, NULL, TRUE, &error);
  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr (RostraAnnotation) a = g_list_model_get_item (all, i);

      if (rostra_annotation_get_orphaned (a))
        g_assert_cmpstr (rostra_annotation_get_exact (a), ==, "words that were never said");
      else
        g_assert_cmpuint (rostra_annotation_get_start (a), ==, 10);
    }
}

static void
assert_bad_backup (const char *json, const char *fragment)
{
  g_autofree char *path = NULL;
  g_autoptr (RostraStore) store = rostra_test_store_new (&path);
  g_autoptr (RostraImportReport) report = NULL;
  g_autoptr (GError) error = NULL;

  report = import_json (store, json, &error);
  g_assert_error (error, ROSTRA_IMPORT_ERROR, ROSTRA_IMPORT_ERROR_BAD_BACKUP);
  g_assert_nonnull (strstr (error->message, fragment));
  g_assert_cmpint (rostra_test_count_rows (path, "articles"), ==, 0);
  g_assert_cmpint (rostra_test_count_rows (path, "imports"), ==, 0);
}

static void
test_bad_backups (void)
{
  assert_bad_backup ("{\"format\": \"rostra-archive\",\n \"articles\": [ {\"id\": 1,", "JSON");
  assert_bad_backup ("{\"format\": \"something-else\", \"articles\": []}", "not a Rostra backup");
  assert_bad_backup ("{\"format\": \"rostra-archive\", \"version\": 99, \"articles\": []}",
                     "newer version");
}

static void
test_markdown (void)
{
  g_autoptr (RostraStore) store = store_with_annotations (NULL);
  g_autoptr (GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr (GError) error = NULL;
  g_autofree char *md = NULL;

  g_assert_true (rostra_export_markdown (store, out, NULL, &error));
  g_assert_no_error (error);
  g_output_stream_write_all (out, "", 1, NULL, NULL, NULL);
  g_output_stream_close (out, NULL, NULL);
  md = g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));

  g_assert_true (g_str_has_prefix (md, "# Annotations\n"));
  /* A heading and citation per annotated article. */
  g_assert_nonnull (strstr (md, "\n## Mayor Okafor opens the harbour bridge\n"));
  g_assert_nonnull (strstr (md, "*Riverside Courier, 14 March 2021*"));
  g_assert_nonnull (strstr (md, "\n> "));
  /* User text cannot inject Markdown or HTML. */
  g_assert_null (strstr (md, "<script>"));
  g_assert_nonnull (strstr (md, "\\<script\\>"));
  g_assert_nonnull (strstr (md, "\\*stars\\*"));
  g_assert_nonnull (strstr (md, "Tags: Bridges, infrastructure"));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/backup/round-trip", test_round_trip);
  g_test_add_func ("/backup/merge-without-duplicates", test_merge_without_duplicates);
  g_test_add_func ("/backup/same-passage-same-second", test_same_passage_same_second);
  g_test_add_func ("/backup/uuid-then-content", test_uuid_then_content);
  g_test_add_func ("/backup/anchors-checked", test_anchors_checked);
  g_test_add_func ("/backup/bad-backups", test_bad_backups);
  g_test_add_func ("/backup/markdown", test_markdown);

  return g_test_run ();
}
