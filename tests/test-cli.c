/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-cli.c: the headless command line, end to end, with no display. */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "rostra-test-utils.h"

static char *
new_db_path (void)
{
  static guint     counter;
  g_autofree char *name = g_strdup_printf ("cli-%u.db", ++counter);

  return g_build_filename (rostra_test_tmpdir (), name, NULL);
}

static void
test_version (void)
{
  g_auto (RostraTestRun) r = { 0 };

  rostra_test_run_rostra (&r, "--version", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.out, ==, "rostra " PACKAGE_VERSION "\n");
}

static void
test_import_list_export (void)
{
  g_autofree char *db = new_db_path ();
  g_autofree char *fixture = rostra_test_data_path ("speeches.txt");
  g_auto (RostraTestRun) first = { 0 };
  g_auto (RostraTestRun) again = { 0 };
  g_auto (RostraTestRun) list = { 0 };
  g_auto (RostraTestRun) json = { 0 };
  g_auto (RostraTestRun) export = { 0 };
  g_autoptr (JsonNode) list_root = NULL;
  g_autoptr (JsonNode) export_root = NULL;
  g_autoptr (GRegex) iso = g_regex_new ("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d$", 0, 0, NULL);
  g_auto (GStrv) lines = NULL;
  JsonArray *array;

  rostra_test_run_rostra (&first, "--database", db, "--import", fixture, NULL);
  g_assert_cmpint (first.status, ==, 0);
  g_assert_nonnull (
      strstr (first.out, "speeches.txt: 3 new articles, 0 duplicates, 0 warnings (UTF-8)"));
  g_assert_cmpstr (first.err, ==, "");

  rostra_test_run_rostra (&again, "--database", db, "--import", fixture, NULL);
  g_assert_cmpint (again.status, ==, 0);
  g_assert_nonnull (strstr (again.out, "0 new articles, 3 duplicates"));

  rostra_test_run_rostra (&list, "-d", db, "--list", NULL);
  g_assert_cmpint (list.status, ==, 0);
  lines = g_strsplit (g_strchomp (list.out), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  g_assert_nonnull (strstr (lines[0], "2021-03-14"));
  g_assert_nonnull (strstr (lines[0], "Mayor Okafor opens the harbour bridge"));
  g_assert_nonnull (strstr (lines[2], "1998-06-30"));

  rostra_test_run_rostra (&json, "--database", db, "--list", "--json", NULL);
  g_assert_cmpint (json.status, ==, 0);
  list_root = rostra_test_parse_json (json.out);
  array = json_node_get_array (list_root);
  g_assert_cmpuint (json_array_get_length (array), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);

      g_assert_true (g_regex_match (iso, json_object_get_string_member (o, "published"), 0, NULL));
      g_assert_cmpint (json_object_get_int_member (o, "annotations"), ==, 0);
      g_assert_false (json_object_has_member (o, "text"));
    }
  g_assert_cmpstr (
      json_object_get_string_member (json_array_get_object_element (array, 0), "published"), ==,
      "2021-03-14T09:30:00");

  rostra_test_run_rostra (&export, "--database", db, "--export", "json", NULL);
  g_assert_cmpint (export.status, ==, 0);
  export_root = rostra_test_parse_json (export.out);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (export_root), "format"), ==,
                   "rostra-archive");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                        json_node_get_object (export_root), "articles")),
                    ==, 3);
}

static void
test_default_database (void)
{
  g_autofree char *fixture = rostra_test_data_path ("speeches.txt");
  g_autofree char *expected =
      g_build_filename (rostra_test_tmpdir (), "rostra", "archive.db", NULL);
  g_auto (RostraTestRun) r = { 0 };

  /* XDG_DATA_HOME points into the test folder. */
  rostra_test_run_rostra (&r, "--import", fixture, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_file_test (expected, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (rostra_test_count_rows (expected, "articles"), ==, 3);
}

static void
test_bad_files (void)
{
  g_autofree char *db = new_db_path ();
  g_autofree char *fixture = rostra_test_data_path ("speeches.txt");
  g_autofree char *empty = rostra_test_write_file ("empty.txt", "", 0);
  g_autofree char *binary =
      rostra_test_write_file ("blob.bin",
                              "\x7f"
                              "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0\x01\0\0\0",
                              24);
  g_autofree char *missing = g_build_filename (rostra_test_tmpdir (), "missing.txt", NULL);
  g_auto (RostraTestRun) r = { 0 };
  g_auto (GStrv) lines = NULL;

  rostra_test_run_rostra (&r, "--database", db, "--import", missing, rostra_test_tmpdir (), empty,
                          binary, fixture, NULL);
  g_assert_cmpint (r.status, ==, 1);

  /* One clear line per bad file; the good one still goes in. */
  lines = g_strsplit (g_strchomp (r.err), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 4);
  g_assert_true (g_str_has_prefix (lines[0], "rostra: ") && strstr (lines[0], missing) &&
                 strstr (lines[0], "no such file"));
  g_assert_nonnull (strstr (lines[1], "folder"));
  g_assert_true (strstr (lines[2], empty) && strstr (lines[2], "empty"));
  g_assert_true (strstr (lines[3], binary) && strstr (lines[3], "binary"));
  g_assert_nonnull (strstr (r.out, "3 new articles"));
  g_assert_cmpint (rostra_test_count_rows (db, "articles"), ==, 3);
  g_assert_cmpint (rostra_test_count_rows (db, "imports"), ==, 1);
}

static void
test_no_entries (void)
{
  g_autofree char *db = new_db_path ();
  g_autofree char *prose =
      rostra_test_write_file ("letter.dump", "Dear editor,\n\nNo dates here.\n", -1);
  g_auto (RostraTestRun) r = { 0 };

  rostra_test_run_rostra (&r, "--database", db, "--import", prose, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "No entry was recognised"));
  g_assert_nonnull (strstr (r.err, "letter.dump:1: warning: "));
  g_assert_cmpint (rostra_test_count_rows (db, "articles"), ==, 0);
}

static void
test_warnings_with_lines (void)
{
  g_autofree char *db = new_db_path ();
  g_autofree char *dump = rostra_test_write_file ("warn.txt",
                                                  "Title\n\n31-02-19 10:00:00,\n\nText\n\n"
                                                  "» Read more\n\nCut off\n\n01-01-20 10:00:00,\n\n"
                                                  "Unfinished\n",
                                                  -1);
  g_autofree char *expected_date = g_strdup_printf ("%s:3: warning: ", dump);
  g_autofree char *expected_eof = g_strdup_printf ("%s:9: warning: ", dump);
  g_auto (RostraTestRun) r = { 0 };

  rostra_test_run_rostra (&r, "--database", db, "--import", dump, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.err, expected_date));
  g_assert_nonnull (strstr (r.err, expected_eof));
  g_assert_nonnull (strstr (r.out, "2 new articles, 0 duplicates, 2 warnings"));
}

static void
test_usage_errors (void)
{
  g_autofree char *db = new_db_path ();
  g_auto (RostraTestRun) json = { 0 };
  g_auto (RostraTestRun) format = { 0 };
  g_auto (RostraTestRun) both = { 0 };
  g_auto (RostraTestRun) nofile = { 0 };

  rostra_test_run_rostra (&json, "--database", db, "--json", NULL);
  g_assert_cmpint (json.status, ==, 2);
  g_assert_nonnull (strstr (json.err, "--json goes with --list, --search or --versions"));

  rostra_test_run_rostra (&format, "--database", db, "--export", "yaml", NULL);
  g_assert_cmpint (format.status, ==, 2);
  g_assert_nonnull (strstr (format.err, "yaml"));

  rostra_test_run_rostra (&both, "--database", db, "--list", "--export", "json", NULL);
  g_assert_cmpint (both.status, ==, 2);

  /* `rostra FILE` without --import opens the window's import dialog:
   * see test-window. */
  rostra_test_run_rostra (&nofile, "--database", db, "--import", NULL);
  g_assert_cmpint (nofile.status, ==, 2);
}

static void
test_bad_archive (void)
{
  static const char notes[] = "My research notes. Not a database.\n";
  g_autofree char  *db = rostra_test_write_file ("notes.db", notes, -1);
  g_autofree char  *fixture = rostra_test_data_path ("speeches.txt");
  g_autofree char  *contents = NULL;
  g_auto (RostraTestRun) list = { 0 };
  g_auto (RostraTestRun) import = { 0 };

  rostra_test_run_rostra (&list, "--database", db, "--list", NULL);
  g_assert_cmpint (list.status, ==, 3);
  g_assert_nonnull (strstr (list.err, "not a Rostra archive"));

  rostra_test_run_rostra (&import, "--database", db, "--import", fixture, NULL);
  g_assert_cmpint (import.status, ==, 3);

  g_file_get_contents (db, &contents, NULL, NULL);
  g_assert_cmpstr (contents, ==, notes);
}

static void
test_search (void)
{
  g_autofree char *db = new_db_path ();
  g_autofree char *fixture = rostra_test_data_path ("speeches.txt");
  g_auto (RostraTestRun) import = { 0 };
  g_auto (RostraTestRun) plain = { 0 };
  g_auto (RostraTestRun) json = { 0 };
  g_auto (RostraTestRun) hostile = { 0 };
  g_auto (RostraTestRun) none = { 0 };
  g_autoptr (JsonNode) root = NULL;
  JsonObject *first;

  rostra_test_run_rostra (&import, "--database", db, "--import", fixture, NULL);
  g_assert_cmpint (import.status, ==, 0);

  rostra_test_run_rostra (&plain, "--database", db, "--search", "neighbours", NULL);
  g_assert_cmpint (plain.status, ==, 0);
  g_assert_nonnull (strstr (plain.out, "Mayor Okafor opens the harbour bridge"));
  g_assert_nonnull (strstr (plain.out, "**neighbours**"));

  /* Prefix and diacritics-insensitive, best first, with snippets. */
  rostra_test_run_rostra (&json, "--database", db, "--search", "bibliot", "--json", NULL);
  g_assert_cmpint (json.status, ==, 0);
  root = rostra_test_parse_json (json.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 1);
  first = json_array_get_object_element (json_node_get_array (root), 0);
  g_assert_cmpstr (json_object_get_string_member (first, "language"), ==, "nl");
  g_assert_nonnull (strstr (json_object_get_string_member (first, "snippet"), "**bibliotheek**"));

  rostra_test_run_rostra (&hostile, "--database", db, "--search", "NEAR( \"x AND * -(", "--json",
                          NULL);
  g_assert_cmpint (hostile.status, ==, 0);
  g_assert_cmpstr (hostile.out, ==, "[]\n");

  rostra_test_run_rostra (&none, "--database", db, "--search", "zeppelin", NULL);
  g_assert_cmpint (none.status, ==, 0);
  g_assert_cmpstr (none.out, ==, "");
  g_assert_nonnull (strstr (none.err, "nothing matches"));
}

/* The ids of a `--search --json` answer, in order. */
static GArray *
search_ids (const char *db, const char *text, const char *limit, const char *offset)
{
  g_auto (RostraTestRun) run = { 0 };
  g_autoptr (JsonNode) root = NULL;
  const char *args[] = {
    "--database", db, "--search", text, "--json", NULL, NULL, NULL, NULL, NULL
  };
  GArray    *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  JsonArray *array;
  guint      n = 5;

  if (limit)
    {
      args[n++] = "--limit";
      args[n++] = limit;
    }
  if (offset)
    {
      args[n++] = "--offset";
      args[n++] = offset;
    }
  rostra_test_run_rostrav (&run, args, NULL, NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = rostra_test_parse_json (run.out);
  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);
      gint64      id = json_object_get_int_member (o, "id");

      g_assert_nonnull (strstr (json_object_get_string_member (o, "snippet"), "**"));
      g_array_append_val (ids, id);
    }
  return ids;
}

/* --limit and --offset: pages of the same ranking as the whole answer;
 * the plain output pages alike; both only with --search, and counted. */
static void
test_search_range (void)
{
  g_autofree char *db = new_db_path ();
  g_autofree char *dump = rostra_test_write_dump ("ranged.txt", "Address", 60, 14);
  g_auto (RostraTestRun) import = { 0 };
  g_auto (RostraTestRun) plain = { 0 };
  g_auto (RostraTestRun) no_search = { 0 };
  g_auto (RostraTestRun) zero = { 0 };
  g_auto (RostraTestRun) negative = { 0 };
  g_autoptr (GArray) all = NULL;
  g_autoptr (GArray) page = NULL;
  g_autoptr (GArray) rest = NULL;
  g_autoptr (GArray) past = NULL;
  g_autoptr (GArray) three = NULL;
  g_auto (GStrv) lines = NULL;

  rostra_test_run_rostra (&import, "--database", db, "--import", dump, NULL);
  g_assert_cmpint (import.status, ==, 0);

  all = search_ids (db, "lantern", NULL, NULL);
  g_assert_cmpuint (all->len, >, 20);
  page = search_ids (db, "lantern", "10", "5");
  g_assert_cmpuint (page->len, ==, 10);
  g_assert_cmpmem (page->data, 10 * sizeof (gint64), &g_array_index (all, gint64, 5),
                   10 * sizeof (gint64));
  rest = search_ids (db, "lantern", NULL, "20");
  g_assert_cmpuint (rest->len, ==, all->len - 20);
  g_assert_cmpmem (rest->data, rest->len * sizeof (gint64), &g_array_index (all, gint64, 20),
                   rest->len * sizeof (gint64));
  past = search_ids (db, "lantern", "50", "1000");
  g_assert_cmpuint (past->len, ==, 0);
  three = search_ids (db, "lantern", "3", NULL);
  /* --limit 0 is no limit, as GApplication cannot tell it from none. */
  {
    g_autoptr (GArray) unlimited = search_ids (db, "lantern", "0", NULL);

    g_assert_cmpuint (unlimited->len, ==, all->len);
  }
  g_assert_cmpmem (three->data, 3 * sizeof (gint64), all->data, 3 * sizeof (gint64));

  /* The lines: one article and its snippet each. */
  rostra_test_run_rostra (&plain, "--database", db, "--search", "lantern", "--limit", "3", NULL);
  g_assert_cmpint (plain.status, ==, 0);
  lines = g_strsplit (g_strchomp (plain.out), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 6);

  rostra_test_run_rostra (&no_search, "--database", db, "--list", "--limit", "3", NULL);
  g_assert_cmpint (no_search.status, ==, 2);
  g_assert_nonnull (strstr (no_search.err, "--limit and --offset go with --search"));
  rostra_test_run_rostra (&zero, "--database", db, "--search", "x", "--limit", "-3", NULL);
  g_assert_cmpint (zero.status, ==, 2);
  g_assert_nonnull (strstr (zero.err, "--limit"));
  rostra_test_run_rostra (&negative, "--database", db, "--search", "x", "--offset", "-1", NULL);
  g_assert_cmpint (negative.status, ==, 2);
}

static void
test_backup_and_markdown (void)
{
  g_autofree char *db = new_db_path ();
  g_autofree char *copy = new_db_path ();
  g_autofree char *fixture = rostra_test_data_path ("speeches.txt");
  g_autofree char *backup = NULL;
  g_auto (RostraTestRun) import = { 0 };
  g_auto (RostraTestRun) export = { 0 };
  g_auto (RostraTestRun) restore = { 0 };
  g_auto (RostraTestRun) again = { 0 };
  g_auto (RostraTestRun) markdown = { 0 };

  rostra_test_run_rostra (&import, "--database", db, "--import", fixture, NULL);
  rostra_test_run_rostra (&export, "--database", db, "--export", "json", NULL);
  g_assert_cmpint (export.status, ==, 0);
  backup = rostra_test_write_file ("backup.json", export.out, -1);

  /* A backup imports like a dump, into an empty archive or back into its own. */
  rostra_test_run_rostra (&restore, "--database", copy, "--import", backup, NULL);
  g_assert_cmpint (restore.status, ==, 0);
  g_assert_nonnull (strstr (restore.out, "3 new articles"));
  g_assert_nonnull (strstr (restore.out, "0 new annotations"));
  g_assert_cmpint (rostra_test_count_rows (copy, "articles"), ==, 3);

  rostra_test_run_rostra (&again, "--database", db, "--import", backup, NULL);
  g_assert_cmpint (again.status, ==, 0);
  g_assert_nonnull (strstr (again.out, "0 new articles, 3 duplicates"));

  rostra_test_run_rostra (&markdown, "--database", db, "--export", "markdown", NULL);
  g_assert_cmpint (markdown.status, ==, 0);
  g_assert_true (g_str_has_prefix (markdown.out, "# Annotations"));
}

/* A backup with annotations: the only way to annotate from the command line. */
static const char annotated_backup[] =
    "{\"format\": \"rostra-archive\", \"version\": 1, \"articles\": [\n"
    "{\"id\": 10, \"title\": \"Mayor opens the bridge\", \"source\": \"The Courier\","
    " \"published\": \"2021-03-14T09:30:00\", \"language\": \"en\","
    " \"text\": \"Friends, today we open the bridge. Let us cross it together.\","
    " \"imported_from\": \"courier.txt\", \"tags\": []},\n"
    "{\"id\": 20, \"title\": \"Senator on the railway\", \"source\": null,"
    " \"published\": \"1998-06-30T11:05:00\", \"language\": \"en\","
    " \"text\": \"Madam President, the railway ties the valley to the country.\","
    " \"imported_from\": \"senate.txt\", \"tags\": []}],\n"
    "\"annotations\": [\n"
    "{\"id\": 1, \"article\": 10, \"color\": \"green\", \"note\": \"<script>alert(1)</script>\","
    " \"tags\": [\"bridges\"], \"created\": \"2026-11-27T08:15:00Z\","
    " \"modified\": \"2026-11-27T08:15:00Z\", \"orphaned\": false,"
    " \"selector\": {\"start\": 0, \"end\": 7, \"exact\": \"Friends\", \"prefix\": \"\","
    " \"suffix\": \", today we open the bridge. Let \"}},\n"
    "{\"id\": 2, \"article\": 10, \"color\": \"red\", \"note\": \"=cmd, \\\"quoted\\\"\","
    " \"tags\": [], \"created\": \"2026-11-27T08:16:00Z\","
    " \"modified\": \"2026-11-27T08:16:00Z\", \"orphaned\": false,"
    " \"selector\": {\"start\": 35, \"end\": 47, \"exact\": \"Let us cross\","
    " \"prefix\": \"oday we open the bridge. \", \"suffix\": \" it together.\"}},\n"
    "{\"id\": 3, \"article\": 20, \"color\": \"blue\", \"note\": \"\","
    " \"tags\": [\"bridges\", \"rail\"], \"created\": \"2026-11-27T08:17:00Z\","
    " \"modified\": \"2026-11-27T08:17:00Z\", \"orphaned\": false,"
    " \"selector\": {\"start\": 0, \"end\": 15, \"exact\": \"Madam President\", \"prefix\": \"\","
    " \"suffix\": \", the railway ties the valley to\"}}]}\n";

/* An archive with the backup above; the ids of its articles. */
static char *
annotated_db (gint64 *bridge, gint64 *railway)
{
  char            *db = new_db_path ();
  g_autofree char *backup = rostra_test_write_file ("annotated.json", annotated_backup, -1);
  g_autofree char *id = NULL;
  g_auto (RostraTestRun) r = { 0 };

  rostra_test_run_rostra (&r, "--database", db, "--import", backup, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "3 new annotations"));

  id =
      rostra_test_query_text (db, "SELECT id FROM articles WHERE title = 'Mayor opens the bridge'");
  *bridge = g_ascii_strtoll (id, NULL, 10);
  g_free (id);
  id =
      rostra_test_query_text (db, "SELECT id FROM articles WHERE title = 'Senator on the railway'");
  *railway = g_ascii_strtoll (id, NULL, 10);
  return db;
}

static guint
count_lines (const char *text, const char *ending)
{
  guint n = 0;

  for (const char *p = text; (p = strstr (p, ending)) != NULL; p += strlen (ending))
    n++;
  return n;
}

static void
test_export_formats (void)
{
  gint64           bridge, railway;
  g_autofree char *db = annotated_db (&bridge, &railway);
  g_auto (RostraTestRun) json = { 0 };
  g_auto (RostraTestRun) markdown = { 0 };
  g_auto (RostraTestRun) html = { 0 };
  g_auto (RostraTestRun) csv = { 0 };
  g_auto (RostraTestRun) w3c = { 0 };
  g_autoptr (JsonNode) backup = NULL;
  g_autoptr (JsonNode) collection = NULL;

  rostra_test_run_rostra (&json, "--database", db, "--export", "json", NULL);
  g_assert_cmpint (json.status, ==, 0);
  g_assert_cmpstr (json.err, ==, "");
  backup = rostra_test_parse_json (json.out);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                        json_node_get_object (backup), "annotations")),
                    ==, 3);

  rostra_test_run_rostra (&markdown, "--database", db, "--export", "markdown", NULL);
  g_assert_cmpint (markdown.status, ==, 0);
  g_assert_nonnull (strstr (markdown.out, "## Mayor opens the bridge"));
  g_assert_nonnull (strstr (markdown.out, "\\<script\\>"));

  rostra_test_run_rostra (&html, "--database", db, "--export", "html", NULL);
  g_assert_cmpint (html.status, ==, 0);
  g_assert_true (g_str_has_prefix (html.out, "<!DOCTYPE html>"));
  g_assert_null (strstr (html.out, "<script"));
  g_assert_nonnull (strstr (html.out, "&lt;script&gt;alert(1)&lt;/script&gt;"));
  g_assert_cmpuint (count_lines (html.out, "<blockquote"), ==, 3);

  rostra_test_run_rostra (&csv, "--database", db, "--export", "csv", NULL);
  g_assert_cmpint (csv.status, ==, 0);
  g_assert_true (g_str_has_prefix (
      csv.out, "article_title,source,published,passage,note,tags,color,created,modified,start,end,"
               "orphaned,article_id,language,speaker\r\n"));
  g_assert_cmpuint (count_lines (csv.out, "\r\n"), ==, 4);
  g_assert_nonnull (strstr (csv.out, ",\"'=cmd, \"\"quoted\"\"\","));

  rostra_test_run_rostra (&w3c, "--database", db, "--export", "w3c", NULL);
  g_assert_cmpint (w3c.status, ==, 0);
  collection = rostra_test_parse_json (w3c.out);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (collection), "type"), ==,
                   "AnnotationCollection");
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (collection), "total"), ==, 3);
}

static void
test_export_scopes (void)
{
  gint64           bridge, railway;
  g_autofree char *db = annotated_db (&bridge, &railway);
  g_autofree char *bridge_id = NULL;
  g_autofree char *railway_id = NULL;
  g_auto (RostraTestRun) tag = { 0 };
  g_auto (RostraTestRun) tag_case = { 0 };
  g_auto (RostraTestRun) article = { 0 };
  g_auto (RostraTestRun) backup = { 0 };
  g_auto (RostraTestRun) no_tag = { 0 };
  g_auto (RostraTestRun) no_article = { 0 };
  g_autoptr (JsonNode) root = NULL;

  bridge_id = g_strdup_printf ("%" G_GINT64_FORMAT, bridge);
  railway_id = g_strdup_printf ("%" G_GINT64_FORMAT, railway);

  rostra_test_run_rostra (&tag, "--database", db, "--export", "csv", "--tag", "rail", NULL);
  g_assert_cmpint (tag.status, ==, 0);
  g_assert_cmpuint (count_lines (tag.out, "\r\n"), ==, 2);
  g_assert_nonnull (strstr (tag.out, "Madam President"));

  rostra_test_run_rostra (&tag_case, "--database", db, "--export", "csv", "--tag", "BRIDGES", NULL);
  g_assert_cmpint (tag_case.status, ==, 0);
  g_assert_cmpuint (count_lines (tag_case.out, "\r\n"), ==, 3);

  rostra_test_run_rostra (&article, "--database", db, "--export", "markdown", "--article",
                          bridge_id, NULL);
  g_assert_cmpint (article.status, ==, 0);
  g_assert_nonnull (strstr (article.out, "## Mayor opens the bridge"));
  g_assert_null (strstr (article.out, "Senator"));

  /* A scoped backup: the article and its annotations. */
  rostra_test_run_rostra (&backup, "--database", db, "--export", "json", "--article", railway_id,
                          NULL);
  g_assert_cmpint (backup.status, ==, 0);
  root = rostra_test_parse_json (backup.out);
  g_assert_cmpuint (json_array_get_length (
                        json_object_get_array_member (json_node_get_object (root), "articles")),
                    ==, 1);
  g_assert_cmpuint (json_array_get_length (
                        json_object_get_array_member (json_node_get_object (root), "annotations")),
                    ==, 1);

  rostra_test_run_rostra (&no_tag, "--database", db, "--export", "html", "--tag", "zeppelins",
                          NULL);
  g_assert_cmpint (no_tag.status, ==, 1);
  g_assert_cmpstr (no_tag.out, ==, "");
  g_assert_nonnull (strstr (no_tag.err, "zeppelins"));

  rostra_test_run_rostra (&no_article, "--database", db, "--export", "w3c", "--article", "999",
                          NULL);
  g_assert_cmpint (no_article.status, ==, 1);
  g_assert_cmpstr (no_article.out, ==, "");
  g_assert_nonnull (strstr (no_article.err, "There is no speech 999"));
}

static void
test_export_usage (void)
{
  g_autofree char *db = new_db_path ();
  g_auto (RostraTestRun) format = { 0 };
  g_auto (RostraTestRun) both = { 0 };
  g_auto (RostraTestRun) tag_alone = { 0 };
  g_auto (RostraTestRun) article_alone = { 0 };
  g_auto (RostraTestRun) output_alone = { 0 };
  g_auto (RostraTestRun) negative = { 0 };
  g_auto (RostraTestRun) blank = { 0 };

  rostra_test_run_rostra (&format, "--database", db, "--export", "pdf", NULL);
  g_assert_cmpint (format.status, ==, 2);
  g_assert_nonnull (strstr (format.err, "“pdf”"));
  g_assert_nonnull (strstr (format.err, "json, markdown, html, csv, w3c"));

  rostra_test_run_rostra (&both, "--database", db, "--export", "csv", "--tag", "x", "--article",
                          "1", NULL);
  g_assert_cmpint (both.status, ==, 2);
  g_assert_nonnull (strstr (both.err, "--tag and --article cannot be combined"));

  rostra_test_run_rostra (&tag_alone, "--database", db, "--tag", "x", NULL);
  g_assert_cmpint (tag_alone.status, ==, 2);
  g_assert_nonnull (strstr (tag_alone.err, "go with --export"));
  rostra_test_run_rostra (&article_alone, "--database", db, "--list", "--article", "1", NULL);
  g_assert_cmpint (article_alone.status, ==, 2);
  rostra_test_run_rostra (&output_alone, "--database", db, "--output", "x.csv", NULL);
  g_assert_cmpint (output_alone.status, ==, 2);

  rostra_test_run_rostra (&negative, "--database", db, "--export", "csv", "--article", "-1", NULL);
  g_assert_cmpint (negative.status, ==, 2);
  rostra_test_run_rostra (&blank, "--database", db, "--export", "csv", "--tag", " ", NULL);
  g_assert_cmpint (blank.status, ==, 2);

  /* None of them touched the archive. */
  g_assert_false (g_file_test (db, G_FILE_TEST_EXISTS));
}

static void
test_export_output (void)
{
  gint64           bridge, railway;
  g_autofree char *db = annotated_db (&bridge, &railway);
  g_autofree char *path = rostra_test_write_file ("notes.html", "old contents", -1);
  g_autofree char *missing_dir =
      g_build_filename (rostra_test_tmpdir (), "no", "such", "dir", "x.csv", NULL);
  g_autofree char *contents = NULL;
  g_auto (RostraTestRun) to_file = { 0 };
  g_auto (RostraTestRun) failed = { 0 };
  g_auto (RostraTestRun) no_dir = { 0 };
  g_auto (RostraTestRun) dash = { 0 };
  g_auto (RostraTestRun) stdout_html = { 0 };

  rostra_test_run_rostra (&failed, "--database", db, "--export", "html", "--article", "999",
                          "--output", path, NULL);
  g_assert_cmpint (failed.status, ==, 1);
  g_file_get_contents (path, &contents, NULL, NULL);
  g_assert_cmpstr (contents, ==, "old contents");
  g_clear_pointer (&contents, g_free);

  rostra_test_run_rostra (&to_file, "--database", db, "--export", "html", "-o", path, NULL);
  g_assert_cmpint (to_file.status, ==, 0);
  g_assert_cmpstr (to_file.out, ==, "");
  g_assert_cmpstr (to_file.err, ==, "");
  g_file_get_contents (path, &contents, NULL, NULL);
  g_assert_true (g_str_has_prefix (contents, "<!DOCTYPE html>"));

  /* The file holds what standard output would (but for the date). */
  rostra_test_run_rostra (&stdout_html, "--database", db, "--export", "html", NULL);
  g_assert_cmpuint (strlen (stdout_html.out), ==, strlen (contents));

  rostra_test_run_rostra (&no_dir, "--database", db, "--export", "csv", "--output", missing_dir,
                          NULL);
  g_assert_cmpint (no_dir.status, ==, 1);
  g_assert_cmpstr (no_dir.out, ==, "");
  g_assert_nonnull (strstr (no_dir.err, "nothing was written"));
  g_assert_false (g_file_test (missing_dir, G_FILE_TEST_EXISTS));

  rostra_test_run_rostra (&dash, "--database", db, "--export", "csv", "--output", "-", NULL);
  g_assert_cmpint (dash.status, ==, 0);
  g_assert_true (g_str_has_prefix (dash.out, "article_title,"));
}

static void
test_help (void)
{
  g_auto (RostraTestRun) r = { 0 };

  rostra_test_run_rostra (&r, "--help", NULL);
  g_assert_cmpint (r.status, ==, 0);
  for (guint i = 0; i < 8; i++)
    g_assert_nonnull (
        strstr (r.out, (const char *[]){ "--database", "--import", "--list", "--json", "--export",
                                         "--tag", "--article", "--output" }[i]));
  g_assert_nonnull (strstr (r.out, "json (a backup), markdown, html, csv, w3c"));
}

/* --backup copies the archive; --import merges such a copy back. */
static void
test_backup_file (void)
{
  g_autofree char *db = new_db_path ();
  g_autofree char *copy = g_build_filename (rostra_test_tmpdir (), "copy.db", NULL);
  g_autofree char *other = new_db_path ();
  g_autofree char *fixture = rostra_test_data_path ("speeches.txt");
  g_autofree char *integrity = NULL;
  g_auto (RostraTestRun) import = { 0 };
  g_auto (RostraTestRun) backup = { 0 };
  g_auto (RostraTestRun) same = { 0 };
  g_auto (RostraTestRun) both = { 0 };
  g_auto (RostraTestRun) merge = { 0 };
  g_auto (RostraTestRun) again = { 0 };

  rostra_test_run_rostra (&import, "--database", db, "--import", fixture, NULL);
  g_assert_cmpint (import.status, ==, 0);

  rostra_test_run_rostra (&backup, "--database", db, "--backup", copy, NULL);
  g_assert_cmpint (backup.status, ==, 0);
  g_assert_nonnull (strstr (backup.out, copy));
  g_assert_cmpint (rostra_test_count_rows (copy, "articles"), ==, 3);
  integrity = rostra_test_query_text (copy, "PRAGMA integrity_check");
  g_assert_cmpstr (integrity, ==, "ok");

  rostra_test_run_rostra (&same, "--database", db, "--backup", db, NULL);
  g_assert_cmpint (same.status, ==, 2);
  g_assert_cmpint (rostra_test_count_rows (db, "articles"), ==, 3);

  rostra_test_run_rostra (&both, "--database", db, "--backup", copy, "--list", NULL);
  g_assert_cmpint (both.status, ==, 2);

  /* The copy merges into another archive, once. */
  rostra_test_run_rostra (&merge, "--database", other, "--import", copy, NULL);
  g_assert_cmpint (merge.status, ==, 0);
  g_assert_nonnull (strstr (merge.out, "3 new articles"));
  g_assert_cmpint (rostra_test_count_rows (other, "articles"), ==, 3);
  rostra_test_run_rostra (&again, "--database", other, "--import", copy, NULL);
  g_assert_cmpint (again.status, ==, 0);
  g_assert_nonnull (strstr (again.out, "0 new articles, 3 duplicates"));
  g_assert_cmpint (rostra_test_count_rows (other, "articles"), ==, 3);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/version", test_version);
  g_test_add_func ("/cli/help", test_help);
  g_test_add_func ("/cli/import-list-export", test_import_list_export);
  g_test_add_func ("/cli/default-database", test_default_database);
  g_test_add_func ("/cli/bad-files", test_bad_files);
  g_test_add_func ("/cli/no-entries", test_no_entries);
  g_test_add_func ("/cli/warnings-with-lines", test_warnings_with_lines);
  g_test_add_func ("/cli/search", test_search);
  g_test_add_func ("/cli/search/range", test_search_range);
  g_test_add_func ("/cli/backup-and-markdown", test_backup_and_markdown);
  g_test_add_func ("/cli/export-formats", test_export_formats);
  g_test_add_func ("/cli/export-scopes", test_export_scopes);
  g_test_add_func ("/cli/export-usage", test_export_usage);
  g_test_add_func ("/cli/export-output", test_export_output);
  g_test_add_func ("/cli/usage-errors", test_usage_errors);
  g_test_add_func ("/cli/bad-archive", test_bad_archive);
  g_test_add_func ("/cli/backup-file", test_backup_file);

  return g_test_run ();
}
