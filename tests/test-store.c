/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-store.c: the SQLite archive: schema, migrations, articles. */

#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>

#include "rostra-test-utils.h"

static gint64
add (RostraStore *store, const char *title, const char *published, const char *text)
{
  g_autoptr (GError) error = NULL;
  gint64 id = -1;

  g_assert_true (
      rostra_store_add_article (store, 0, title, NULL, published, "en", text, &id, &error));
  g_assert_no_error (error);
  return id;
}

static void
test_create (void)
{
  g_autofree char *path = NULL;
  g_autoptr (RostraStore) store = rostra_test_store_new (&path);
  g_autofree char         *journal = NULL;
  g_autofree char         *version = NULL;
  static const char *const tables[] = {
    "imports", "articles",        "articles_fts",    "annotations",
    "tags",    "annotation_tags", "annotations_fts",
  };

  g_assert_cmpint (rostra_store_get_schema_version (store), ==, ROSTRA_STORE_SCHEMA_VERSION);
  g_assert_cmpstr (rostra_store_get_path (store), ==, path);

  journal = rostra_test_query_text (path, "PRAGMA journal_mode");
  g_assert_cmpstr (journal, ==, "wal");
  version = rostra_test_query_text (path, "PRAGMA user_version");
  g_assert_cmpint (atoi (version), ==, ROSTRA_STORE_SCHEMA_VERSION);

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    g_assert_cmpint (rostra_test_count_rows (path, tables[i]), ==, 0);
}

static void
test_reopen (void)
{
  g_autofree char *path = NULL;
  g_autoptr (RostraStore) store = rostra_test_store_new (&path);
  g_autoptr (RostraStore) again = NULL;
  g_autoptr (GError) error = NULL;

  add (store, "Kept", "2020-01-01T00:00:00", "Text that stays.");
  g_clear_object (&store);

  again = rostra_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rostra_store_count_articles (again, &error), ==, 1);
  g_assert_cmpint (rostra_store_get_schema_version (again), ==, ROSTRA_STORE_SCHEMA_VERSION);
}

static void
test_creates_folders (void)
{
  g_autofree char *path = g_build_filename (rostra_test_tmpdir (), "a", "b", "archive.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (RostraStore) store = rostra_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

static void
test_migrates_empty_file (void)
{
  g_autofree char *path = rostra_test_write_file ("empty.db", "", 0);
  g_autoptr (GError) error = NULL;
  g_autoptr (RostraStore) store = rostra_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_cmpint (rostra_store_get_schema_version (store), ==, ROSTRA_STORE_SCHEMA_VERSION);
  g_assert_cmpint (rostra_test_count_rows (path, "articles"), ==, 0);
}

/* An archive of schema 1 (before the filter indexes and article tags)
 * is brought up to date, keeping its articles. */
static void
test_upgrade_from_1 (void)
{
  g_autofree char *path = NULL;
  g_autoptr (RostraStore) store = rostra_test_store_new (&path);
  g_autoptr (RostraStore) again = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *indexes = NULL;
  sqlite3         *db;

  add (store, "Old", "2001-01-01T00:00:00", "From an older Rostra.");
  g_clear_object (&store);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (
      sqlite3_exec (
          db,
          ROSTRA_TEST_UNDO_SCHEMA_VERSIONS ROSTRA_TEST_UNDO_SCHEMA_5 ROSTRA_TEST_UNDO_SCHEMA_4
          " DROP INDEX articles_by_source; DROP INDEX articles_by_language;"
          " DROP TABLE article_tags; PRAGMA user_version = 1",
          NULL, NULL, NULL),
      ==, SQLITE_OK);
  sqlite3_close (db);

  again = rostra_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rostra_store_get_schema_version (again), ==, ROSTRA_STORE_SCHEMA_VERSION);
  g_assert_cmpint (rostra_store_count_articles (again, &error), ==, 1);
  indexes = rostra_test_query_text (path, "SELECT count(*) FROM sqlite_master WHERE name IN"
                                          " ('articles_by_source', 'articles_by_language')");
  g_assert_cmpstr (indexes, ==, "2");
  g_clear_pointer (&indexes, g_free);
  indexes = rostra_test_query_text (path, "SELECT count(*) FROM sqlite_master WHERE name IN"
                                          " ('article_tags', 'article_tags_by_tag')");
  g_assert_cmpstr (indexes, ==, "2");
}

/* Every UUID of @table: each a UUID in lower case, none twice. */
static void
assert_uuids (const char *path, const char *table, gint64 n)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count (DISTINCT uuid) FROM %s", table);
  g_autofree char *distinct = rostra_test_query_text (path, sql);
  g_autofree char *expected = g_strdup_printf ("%" G_GINT64_FORMAT, n);
  g_autofree char *all_sql = g_strdup_printf ("SELECT group_concat (uuid, ' ') FROM %s", table);
  g_autofree char *all = rostra_test_query_text (path, all_sql);
  g_auto (GStrv) uuids = g_strsplit (all ? all : "", " ", -1);

  g_assert_cmpint (rostra_test_count_rows (path, table), ==, n);
  g_assert_cmpstr (distinct, ==, expected);
  for (guint i = 0; n > 0 && uuids[i]; i++)
    {
      g_autofree char *lower = g_ascii_strdown (uuids[i], -1);

      g_assert_true (g_uuid_string_is_valid (uuids[i]));
      g_assert_cmpstr (uuids[i], ==, lower);
    }
}

/* An archive of schema 3 (before UUIDs): its articles and annotations
 * get UUIDs, which stay; new rows get theirs, from the store or, added
 * by another tool, from the archive itself. */
static void
test_upgrade_to_uuids (void)
{
  g_autofree char *path = NULL;
  g_autoptr (RostraStore) store = rostra_test_store_new (&path);
  g_autoptr (RostraStore) again = NULL;
  g_autoptr (RostraArticle) article = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *before = NULL, *after = NULL, *kept = NULL;
  gint64           a, b, c, d;
  sqlite3         *db;

  a = add (store, "One", "2001-01-01T00:00:00", "The first speech.");
  b = add (store, "Two", "2002-01-01T00:00:00", "The second speech.");
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr (RostraAnnotation) n = rostra_annotation_new (a, 4, 9, "first", "The ", " speech");

      g_assert_true (rostra_store_add_annotation (store, n, &error));
      g_assert_no_error (error);
    }
  g_clear_object (&store);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 ROSTRA_TEST_UNDO_SCHEMA_VERSIONS ROSTRA_TEST_UNDO_SCHEMA_5
                                     ROSTRA_TEST_UNDO_SCHEMA_4 " PRAGMA user_version = 3",
                                 NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (db);

  again = rostra_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rostra_store_get_schema_version (again), ==, ROSTRA_STORE_SCHEMA_VERSION);
  assert_uuids (path, "article_uuids", 2);
  assert_uuids (path, "annotations", 3);
  before = rostra_test_query_text (path, "SELECT group_concat (uuid) FROM"
                                         " (SELECT uuid FROM article_uuids ORDER BY article_id)");
  article = rostra_store_load_article (again, b, &error);
  g_assert_no_error (error);
  kept = rostra_test_query_text (path, "SELECT u.uuid FROM article_uuids u JOIN articles a"
                                       " ON a.id = u.article_id WHERE a.title = 'Two'");
  g_assert_cmpstr (rostra_article_get_uuid (article), ==, kept);
  g_clear_object (&again);

  /* They stay when the archive is opened again. */
  again = rostra_store_open (path, &error);
  g_assert_no_error (error);
  after = rostra_test_query_text (path, "SELECT group_concat (uuid) FROM"
                                        " (SELECT uuid FROM article_uuids ORDER BY article_id)");
  g_assert_cmpstr (before, ==, after);

  /* A new article gets one; one from a backup keeps its own unless it
   * is no UUID or another article's. */
  c = add (again, "Three", NULL, "The third speech.");
  g_assert_true (
      rostra_store_add_article_with_uuid (again, 0, "Four", NULL, NULL, NULL, "The fourth speech.",
                                          "6F9619FF-8B86-4D11-B42D-00C04FC964FF", &d, &error));
  g_assert_no_error (error);
  g_clear_object (&article);
  article = rostra_store_load_article_row (again, d, NULL, &error);
  g_assert_cmpstr (rostra_article_get_uuid (article), ==, "6f9619ff-8b86-4d11-b42d-00c04fc964ff");
  g_assert_true (
      rostra_store_add_article_with_uuid (again, 0, "Five", NULL, NULL, NULL, "The fifth speech.",
                                          "6f9619ff-8b86-4d11-b42d-00c04fc964ff", &d, &error));
  g_assert_true (rostra_store_add_article_with_uuid (
      again, 0, "Six", NULL, NULL, NULL, "The sixth speech.", "not-a-uuid", &d, &error));
  g_assert_no_error (error);
  g_assert_cmpint (c, >, 0);
  g_assert_cmpint (d, >, 0);
  g_clear_object (&again);

  /* Rows another tool adds without a UUID get one. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "PRAGMA foreign_keys = ON;"
                                 " INSERT INTO annotations (article_id, start, end, exact, created,"
                                 " modified) VALUES (1, 0, 3, 'The', 'x', 'x');"
                                 " INSERT INTO articles (title, text, hash) VALUES ('Raw', 'Raw.',"
                                 " 'raw')",
                                 NULL, NULL, NULL),
                   ==, SQLITE_OK);
  assert_uuids (path, "article_uuids", 7);
  assert_uuids (path, "annotations", 4);

  /* An article's goes with it. */
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM articles WHERE title = 'Raw'", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (db);
  assert_uuids (path, "article_uuids", 6);
}

static void
test_future_schema (void)
{
  g_autofree char *path = g_build_filename (rostra_test_tmpdir (), "future.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *version = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (RostraStore) store = NULL;
  sqlite3 *db;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (
      sqlite3_exec (db, "CREATE TABLE things (x); PRAGMA user_version = 99", NULL, NULL, NULL), ==,
      SQLITE_OK);
  sqlite3_close (db);
  before = rostra_test_file_checksum (path);

  store = rostra_store_open (path, &error);
  g_assert_error (error, ROSTRA_STORE_ERROR, ROSTRA_STORE_ERROR_FUTURE_SCHEMA);
  g_assert_null (store);
  g_assert_nonnull (strstr (error->message, "newer version"));

  version = rostra_test_query_text (path, "PRAGMA user_version");
  g_assert_cmpstr (version, ==, "99");
  g_assert_cmpint (rostra_test_count_rows (path, "things"), ==, 0);
  after = rostra_test_file_checksum (path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_not_a_database (void)
{
  static const char text[] = "These are my notes, not a database. Do not overwrite them.\n";
  g_autofree char  *path = rostra_test_write_file ("notes.db", text, -1);
  g_autofree char  *contents = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (RostraStore) store = rostra_store_open (path, &error);

  g_assert_error (error, ROSTRA_STORE_ERROR, ROSTRA_STORE_ERROR_NOT_A_DATABASE);
  g_assert_null (store);
  g_assert_nonnull (strstr (error->message, path));

  g_file_get_contents (path, &contents, NULL, NULL);
  g_assert_cmpstr (contents, ==, text);
}

static void
test_duplicates (void)
{
  g_autoptr (RostraStore) store = rostra_test_store_new (NULL);
  g_autoptr (GError) error = NULL;

  g_assert_cmpint (add (store, "Same", "2020-01-01T00:00:00", "Same text."), >, 0);
  g_assert_cmpint (add (store, "Same", "2020-01-01T00:00:00", "Same text."), ==, 0);
  /* Any difference in title, date or text makes another article. */
  g_assert_cmpint (add (store, "Same", "2020-01-02T00:00:00", "Same text."), >, 0);
  g_assert_cmpint (add (store, "Same", NULL, "Same text."), >, 0);
  g_assert_cmpint (add (store, "Same", "2020-01-01T00:00:00", "Other text."), >, 0);
  g_assert_cmpint (add (store, "Other", "2020-01-01T00:00:00", "Same text."), >, 0);
  g_assert_cmpint (rostra_store_count_articles (store, &error), ==, 5);
}

static void
test_list_order (void)
{
  g_autoptr (RostraStore) store = rostra_test_store_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) list = NULL;
  static const char *const expected[] = { "Newest", "Middle", "Oldest", "Undated" };

  add (store, "Middle", "2010-05-05T10:00:00", "b");
  add (store, "Undated", NULL, "d");
  add (store, "Newest", "2020-01-01T00:00:00", "a");
  add (store, "Oldest", "1995-01-01T00:00:00", "c");

  list = rostra_store_list_articles (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 4);
  g_assert_true (g_list_model_get_item_type (list) == ROSTRA_TYPE_ARTICLE);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr (RostraArticle) article = g_list_model_get_item (list, i);

      g_assert_cmpstr (rostra_article_get_title (article), ==, expected[i]);
      /* Lists carry no text: it is read when an article is opened. */
      g_assert_null (rostra_article_get_text (article));
    }
}

static void
test_load_article (void)
{
  g_autoptr (RostraStore) store = rostra_test_store_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (RostraArticle) article = NULL;
  g_autoptr (RostraArticle) missing = NULL;
  g_autoptr (GDateTime) date = NULL;
  g_autofree char *title = NULL;
  gint64           id = add (store, "Loaded", "2021-03-14T09:30:00", "Three words here.");

  article = rostra_store_load_article (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rostra_article_get_id (article), ==, id);
  g_assert_cmpstr (rostra_article_get_text (article), ==, "Three words here.");
  g_assert_cmpuint (rostra_article_get_words (article), ==, 3);
  g_assert_cmpuint (rostra_article_get_n_annotations (article), ==, 0);
  g_assert_cmpstr (rostra_article_get_language (article), ==, "en");
  g_assert_null (rostra_article_get_imported_from (article));

  date = rostra_article_dup_published_date_time (article);
  g_assert_cmpint (g_date_time_get_year (date), ==, 2021);
  g_assert_cmpint (g_date_time_get_hour (date), ==, 9);

  g_object_get (article, "title", &title, NULL);
  g_assert_cmpstr (title, ==, "Loaded");

  missing = rostra_store_load_article (store, id + 100, &error);
  g_assert_error (error, ROSTRA_STORE_ERROR, ROSTRA_STORE_ERROR_NOT_FOUND);
  g_assert_null (missing);
}

static void
test_rollback (void)
{
  g_autoptr (RostraStore) store = rostra_test_store_new (NULL);
  g_autoptr (GError) error = NULL;

  g_assert_true (rostra_store_begin (store, &error));
  add (store, "Gone", NULL, "Rolled back.");
  g_assert_cmpint (rostra_store_count_articles (store, &error), ==, 1);
  rostra_store_rollback (store);
  g_assert_cmpint (rostra_store_count_articles (store, &error), ==, 0);

  g_assert_true (rostra_store_begin (store, &error));
  add (store, "Kept", NULL, "Committed.");
  g_assert_true (rostra_store_commit (store, &error));
  rostra_store_rollback (store); /* nothing open: a no-op */
  g_assert_cmpint (rostra_store_count_articles (store, &error), ==, 1);
}

static void
test_fts_in_sync (void)
{
  g_autofree char *path = NULL;
  g_autoptr (RostraStore) store = rostra_test_store_new (&path);
  g_autofree char *hit = NULL;
  g_autofree char *accent = NULL;
  g_autofree char *none = NULL;
  g_autofree char *expected = NULL;
  gint64           id;

  add (store, "Unrelated", NULL, "Nothing to see.");
  id = add (store, "Talks in Genève", NULL, "The harbour bridge was opened.");
  expected = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  hit = rostra_test_query_text (
      path, "SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'harbour'");
  g_assert_cmpstr (hit, ==, expected);
  /* Diacritics-insensitive: Geneve finds Genève. */
  accent = rostra_test_query_text (
      path, "SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'geneve'");
  g_assert_cmpstr (accent, ==, expected);
  none = rostra_test_query_text (
      path, "SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'railway'");
  g_assert_null (none);
}

static void
test_concurrent_connections (void)
{
  g_autofree char *path = NULL;
  g_autoptr (RostraStore) writer = rostra_test_store_new (&path);
  g_autoptr (RostraStore) reader = NULL;
  g_autoptr (GError) error = NULL;

  reader = rostra_store_open (path, &error);
  g_assert_no_error (error);

  /* WAL: the reader sees the last commit while a write is open. */
  add (writer, "First", NULL, "one");
  g_assert_true (rostra_store_begin (writer, &error));
  add (writer, "Second", NULL, "two");
  g_assert_cmpint (rostra_store_count_articles (reader, &error), ==, 1);
  g_assert_no_error (error);
  g_assert_true (rostra_store_commit (writer, &error));
  g_assert_cmpint (rostra_store_count_articles (reader, &error), ==, 2);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/create", test_create);
  g_test_add_func ("/store/reopen", test_reopen);
  g_test_add_func ("/store/creates-folders", test_creates_folders);
  g_test_add_func ("/store/migrates-empty-file", test_migrates_empty_file);
  g_test_add_func ("/store/upgrade-from-1", test_upgrade_from_1);
  g_test_add_func ("/store/upgrade-to-uuids", test_upgrade_to_uuids);
  g_test_add_func ("/store/future-schema", test_future_schema);
  g_test_add_func ("/store/not-a-database", test_not_a_database);
  g_test_add_func ("/store/duplicates", test_duplicates);
  g_test_add_func ("/store/list-order", test_list_order);
  g_test_add_func ("/store/load-article", test_load_article);
  g_test_add_func ("/store/rollback", test_rollback);
  g_test_add_func ("/store/fts-in-sync", test_fts_in_sync);
  g_test_add_func ("/store/concurrent-connections", test_concurrent_connections);

  return g_test_run ();
}
