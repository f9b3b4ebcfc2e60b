/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-export.c: the JSON export and article list, parsed back with json-glib. */

#include "config.h"

#include <json-glib/json-glib.h>

#include "rostra-exporter.h"
#include "rostra-importer.h"
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
store_with_fixture (void)
{
  RostraStore     *store = rostra_test_store_new (NULL);
  g_autofree char *path = rostra_test_data_path ("speeches.txt");
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;

  rostra_import_file (store, file, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return store;
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
  static const char *const top[] = { "format", "version", "articles", "annotations", NULL };
  static const char *const fields[] = { "id",       "title",       "source", "published",
                                        "language", "annotations", "text",   "imported_from",
                                        "tags",     NULL };
  g_autoptr (RostraStore) store = store_with_fixture ();
  g_autoptr (JsonNode) root = export_and_parse (store, rostra_export_json);
  JsonObject *object = json_node_get_object (root);
  JsonArray  *articles = json_object_get_array_member (object, "articles");
  JsonObject *first, *last;

  assert_members (object, top);
  g_assert_cmpstr (json_object_get_string_member (object, "format"), ==, "rostra-archive");
  g_assert_cmpint (json_object_get_int_member (object, "version"), ==, 1);
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
  static const char *const fields[] = { "id",       "title",       "source", "published",
                                        "language", "annotations", NULL };
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

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/export/json", test_export_json);
  g_test_add_func ("/export/list-json", test_list_json);
  g_test_add_func ("/export/empty-archive", test_empty_archive);
  g_test_add_func ("/export/escaping", test_escaping);

  return g_test_run ();
}
