/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-archive-backup.c: backing up the live archive through SQLite's
 * online backup API (also while `rostra --import` writes to it), and
 * restoring from a backup or a JSON export by merging or replacing. */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/wait.h>

#include "rostra-anchor.h"
#include "rostra-archive-backup.h"
#include "rostra-exporter.h"
#include "rostra-importer.h"
#include "rostra-test-utils.h"

#define N_BIG_ENTRIES 3000

typedef struct
{
  gint64 articles;
  gint64 annotations;
  gint64 imports;
  gint64 tags;
  gint64 article_tags;
  gint64 annotation_tags;
} Counts;

/* Helpers */

/* A new folder of the test's own, for one archive and what goes beside it. */
static char *
new_dir (const char *name)
{
  static guint     counter;
  g_autofree char *leaf = g_strdup_printf ("%s-%u", name, ++counter);

  return rostra_test_new_folder (leaf);
}

static RostraStore *
open_store (const char *path)
{
  g_autoptr (GError) error = NULL;
  RostraStore *store = rostra_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static void
import_path (RostraStore *store, const char *path, const char *const *tags)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  RostraImportOptions options = { NULL, tags };

  g_assert_true (rostra_import_file_full (store, file, &options, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
annotate (RostraStore *store, gint64 article_id, guint start, guint end, const char *note)
{
  static const char *const tags[] = { "Bridges", "infrastructure", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (RostraArticle) article = rostra_store_load_article (store, article_id, &error);
  g_autoptr (RostraAnnotation) a = NULL;
  g_autofree char *exact = NULL, *prefix = NULL, *suffix = NULL;

  g_assert_no_error (error);
  rostra_anchor_describe (rostra_article_get_text (article), start, end, &exact, &prefix, &suffix);
  a = rostra_annotation_new (article_id, start, end, exact, prefix, suffix);
  rostra_annotation_set_note (a, note);
  rostra_annotation_set_color (a, "green");
  rostra_annotation_set_tags (a, tags);
  g_assert_true (rostra_store_add_annotation (store, a, &error));
  g_assert_no_error (error);
}

static gint64
first_article (RostraStore *store, guint index)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) list = rostra_store_list_articles (store, &error);
  g_autoptr (RostraArticle) article = NULL;

  g_assert_no_error (error);
  article = g_list_model_get_item (list, index);
  g_assert_nonnull (article);
  return rostra_article_get_id (article);
}

/* The fixture's three speeches, tagged, two of them annotated. */
static RostraStore *
store_with_annotations (const char *dir, char **path)
{
  static const char *const tags[] = { "council", NULL };
  g_autofree char         *fixture = rostra_test_data_path ("speeches.txt");
  g_autofree char         *db = g_build_filename (dir, "archive.db", NULL);
  RostraStore             *store = open_store (db);

  import_path (store, fixture, tags);
  annotate (store, first_article (store, 0), 10, 40, "First note");
  annotate (store, first_article (store, 1), 5, 25, "Second note");
  if (path)
    *path = g_steal_pointer (&db);
  return store;
}

/* The big dump, made once. */
static const char *
big_dump (void)
{
  static char *path;

  if (path == NULL)
    path = rostra_test_write_dump ("big-dump.txt", "Address", N_BIG_ENTRIES, 20261127);
  return path;
}

/* Opens @path read-only, the way another program would, checks that it
 * is sound and counts what it holds. */
static Counts
check_archive (const char *path)
{
  sqlite3      *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char         *message = NULL;
  Counts        counts;

  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA foreign_key_check", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);

  counts.articles = rostra_test_query_int (db, "SELECT count(*) FROM articles");
  counts.annotations = rostra_test_query_int (db, "SELECT count(*) FROM annotations");
  counts.imports = rostra_test_query_int (db, "SELECT count(*) FROM imports");
  counts.tags = rostra_test_query_int (db, "SELECT count(*) FROM tags");
  counts.article_tags = rostra_test_query_int (db, "SELECT count(*) FROM article_tags");
  counts.annotation_tags = rostra_test_query_int (db, "SELECT count(*) FROM annotation_tags");
  g_assert_cmpint (rostra_test_query_int (db, "SELECT count(*) FROM articles_fts_docsize"), ==,
                   counts.articles);
  g_assert_cmpint (
      rostra_test_query_int (db, "SELECT count(*) FROM imports WHERE finished IS NULL"), ==, 0);
  g_assert_cmpint (rostra_test_query_int (db, "PRAGMA user_version"), ==,
                   ROSTRA_STORE_SCHEMA_VERSION);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);

  /* The search indexes agree with their tables (needs a writable
   * connection: on the file itself, whatever its journal). */
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  sqlite3_exec (
      db,
      "INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1);"
      "INSERT INTO annotations_fts (annotations_fts, rank) VALUES ('integrity-check', 1);",
      NULL, NULL, &message);
  g_assert_cmpstr (message, ==, NULL);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  return counts;
}

static void
assert_counts_equal (Counts a, Counts b)
{
  g_assert_cmpint (a.articles, ==, b.articles);
  g_assert_cmpint (a.annotations, ==, b.annotations);
  g_assert_cmpint (a.imports, ==, b.imports);
  g_assert_cmpint (a.tags, ==, b.tags);
  g_assert_cmpint (a.article_tags, ==, b.article_tags);
  g_assert_cmpint (a.annotation_tags, ==, b.annotation_tags);
}

/* What the archive holds, without its ids: every article's title, date
 * and tags; every annotation's passage, note and tags; sorted. */
static char *
content_summary (const char *path)
{
  static const char *const queries[] = {
    "SELECT group_concat (x, char (10)) FROM (SELECT a.title || '|' || ifnull (a.published, '')"
    " || '|' || ifnull ((SELECT group_concat (t.name) FROM article_tags x JOIN tags t"
    " ON t.id = x.tag_id WHERE x.article_id = a.id), '') AS x FROM articles a ORDER BY x)",
    "SELECT group_concat (x, char (10)) FROM (SELECT n.exact || '|' || n.note || '|' || n.color"
    " || '|' || n.start || '|' || ifnull ((SELECT group_concat (t.name) FROM annotation_tags x"
    " JOIN tags t ON t.id = x.tag_id WHERE x.annotation_id = n.id), '') AS x FROM annotations n"
    " ORDER BY x)",
  };
  GString *summary = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autofree char *part = rostra_test_query_text (path, queries[i]);

      g_string_append_printf (summary, "%s\n--\n", part ? part : "");
    }
  return g_string_free (summary, FALSE);
}

static gboolean
file_exists (const char *path)
{
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

/* Whether @dir holds a file whose name contains @fragment. */
static guint
count_files_matching (const char *dir, const char *fragment)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint       n = 0;

  while (d && (name = g_dir_read_name (d)))
    if (strstr (name, fragment) != NULL)
      n++;
  return n;
}

/* No temporary file stays behind. */
static void
assert_no_leftovers (const char *dir)
{
  g_assert_cmpuint (count_files_matching (dir, ".rostra-restore-"), ==, 0);
  g_assert_cmpuint (count_files_matching (dir, ".part"), ==, 0);
}

static void
copy_file (const char *from, const char *to)
{
  g_autoptr (GFile) src = g_file_new_for_path (from);
  g_autoptr (GFile) dst = g_file_new_for_path (to);
  g_autoptr (GError) error = NULL;

  g_file_copy (src, dst, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
}

static void
backup_to (RostraStore *store, const char *dest)
{
  g_autoptr (GFile) file = g_file_new_for_path (dest);
  g_autoptr (GError) error = NULL;

  g_assert_true (rostra_archive_backup (store, file, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
progress_cb (guint64 n_done, guint64 n_total, gpointer user_data)
{
  guint64 *last = user_data;

  g_assert_cmpuint (n_done, <=, n_total);
  last[0] = n_done;
  last[1] = n_total;
  last[2]++;
}

/* Backups */

static void
test_backup_copy (void)
{
  g_autofree char *dir = new_dir ("copy");
  g_autofree char *path = NULL;
  g_autoptr (RostraStore) store = store_with_annotations (dir, &path);
  g_autofree char *dest = g_build_filename (dir, "backup.db", NULL);
  g_autofree char *other_dir = new_dir ("copy-elsewhere");
  g_autofree char *alone = g_build_filename (other_dir, "alone.db", NULL);
  g_autofree char *alone_wal = g_strconcat (alone, "-wal", NULL);
  g_autofree char *dest_wal = g_strconcat (dest, "-wal", NULL);
  g_autofree char *json = NULL, *copy_json = NULL;
  g_autoptr (GFile) dest_file = g_file_new_for_path (dest);
  g_autoptr (GError) error = NULL;
  g_autoptr (RostraStore) copy = NULL;
  guint64 progress[3] = { 0 };
  Counts  live, backup;
  guint8  header[20];
  FILE   *f;

  g_assert_true (rostra_archive_backup (store, dest_file, progress_cb, progress, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (progress[2], >, 0);
  g_assert_cmpuint (progress[0], ==, progress[1]);
  g_assert_cmpuint (progress[1], >, 1);

  /* A file that stands alone: rollback journal, nothing beside it. */
  g_assert_false (file_exists (dest_wal));
  f = fopen (dest, "rb");
  g_assert_nonnull (f);
  g_assert_cmpuint (fread (header, 1, sizeof header, f), ==, sizeof header);
  fclose (f);
  g_assert_cmpint (memcmp (header, "SQLite format 3", 16), ==, 0);
  g_assert_cmpint (header[18], ==, 1);
  g_assert_cmpint (header[19], ==, 1);

  live = check_archive (path);
  g_assert_cmpint (live.articles, ==, 3);
  g_assert_cmpint (live.annotations, ==, 2);
  g_assert_cmpint (live.article_tags, ==, 3);

  /* Copied alone elsewhere, it opens as an archive holding the same. */
  copy_file (dest, alone);
  backup = check_archive (alone);
  assert_counts_equal (live, backup);
  copy = open_store (alone);
  g_assert_cmpint (rostra_store_get_schema_version (copy), ==, ROSTRA_STORE_SCHEMA_VERSION);
  json = rostra_test_export_json (store);
  copy_json = rostra_test_export_json (copy);
  g_assert_cmpstr (json, ==, copy_json);
  g_clear_object (&copy);
  g_assert_false (file_exists (alone_wal));

  /* Again over the first backup, with a stale log beside it: replaced. */
  annotate (store, first_article (store, 2), 0, 12, "Third note");
  g_assert_true (g_file_set_contents (dest_wal, "stale", -1, NULL));
  backup_to (store, dest);
  g_assert_false (file_exists (dest_wal));
  backup = check_archive (dest);
  g_assert_cmpint (backup.annotations, ==, 3);
  assert_no_leftovers (dir);
}

static void
test_backup_same_file (void)
{
  g_autofree char *dir = new_dir ("same");
  g_autofree char *path = NULL;
  g_autoptr (RostraStore) store = store_with_annotations (dir, &path);
  g_autofree char *link = g_build_filename (dir, "link.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *dotted = g_build_filename (dir, ".", "archive.db", NULL);
  g_autofree char *sub = g_build_filename (dir, "sub", NULL);
  g_autofree char *missing = g_build_filename (dir, "no-such-folder", "backup.db", NULL);
  g_autofree char *before = rostra_test_export_json (store);
  g_autofree char *after = NULL;
  const char      *refused[] = { path, dotted, link, wal };

  g_assert_cmpint (symlink (path, link), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr (GFile) file = g_file_new_for_path (refused[i]);
      g_autoptr (GError) error = NULL;

      g_assert_false (rostra_archive_backup (store, file, NULL, NULL, NULL, &error));
      g_assert_error (error, ROSTRA_BACKUP_ERROR, ROSTRA_BACKUP_ERROR_SAME_FILE);
      g_test_message ("%s", error->message);
    }

  /* A folder, and a folder that is not there. */
  g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);
  {
    g_autoptr (GFile) file = g_file_new_for_path (sub);
    g_autoptr (GError) error = NULL;

    g_assert_false (rostra_archive_backup (store, file, NULL, NULL, NULL, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  }
  {
    g_autoptr (GFile) file = g_file_new_for_path (missing);
    g_autoptr (GError) error = NULL;

    g_assert_false (rostra_archive_backup (store, file, NULL, NULL, NULL, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  }

  after = rostra_test_export_json (store);
  g_assert_cmpstr (before, ==, after);
  check_archive (path);
  assert_no_leftovers (dir);
}

/* An archive of a few megabytes (more than one step of the backup). */
static const char *
big_template (void)
{
  static char *path;

  if (path == NULL)
    {
      g_autofree char *dir = new_dir ("big");
      g_autofree char *fixture = rostra_test_data_path ("speeches.txt");
      g_autoptr (RostraStore) store = NULL;

      path = g_build_filename (dir, "archive.db", NULL);
      store = open_store (path);
      import_path (store, fixture, NULL);
      import_path (store, big_dump (), NULL);
    }
  return path;
}

typedef struct
{
  GCancellable *cancellable;
  guint         n_calls;
} CancelState;

static void
cancel_on_progress (guint64 n_done, guint64 n_total, gpointer user_data)
{
  CancelState *state = user_data;

  g_assert_cmpuint (n_done, <, n_total);
  state->n_calls++;
  g_cancellable_cancel (state->cancellable);
}

static void
test_backup_cancel (void)
{
  g_autoptr (RostraStore) store = open_store (big_template ());
  g_autofree char *dir = new_dir ("cancel");
  g_autofree char *dest = g_build_filename (dir, "backup.db", NULL);
  g_autofree char *kept = g_build_filename (dir, "kept.db", NULL);
  g_autoptr (GFile) dest_file = g_file_new_for_path (dest);
  g_autoptr (GFile) kept_file = g_file_new_for_path (kept);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  CancelState      state = { cancellable, 0 };
  g_autofree char *contents = NULL;

  /* Cancelled half-way: no file at all. */
  {
    g_autoptr (GError) error = NULL;

    g_assert_false (
        rostra_archive_backup (store, dest_file, cancel_on_progress, &state, cancellable, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_assert_cmpuint (state.n_calls, ==, 1);
    g_assert_false (file_exists (dest));
    g_assert_cmpuint (count_files_matching (dir, ""), ==, 0);
  }

  /* Cancelled before it starts, over an existing file: which stays. */
  g_assert_true (g_file_set_contents (kept, "an older backup", -1, NULL));
  {
    g_autoptr (GError) error = NULL;

    g_assert_false (rostra_archive_backup (store, kept_file, NULL, NULL, cancellable, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  }
  g_assert_true (g_file_get_contents (kept, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "an older backup");
  g_assert_cmpuint (count_files_matching (dir, ""), ==, 1);
}

/* Whether @pid has ended (successfully); reaps it when it has. */
static gboolean
has_ended (GPid pid)
{
  int   status = 0;
  pid_t r = waitpid (pid, &status, WNOHANG);

  g_assert_cmpint (r, >=, 0);
  if (r == 0)
    return FALSE;
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  return TRUE;
}

static void
test_backup_during_import (void)
{
  g_autofree char *dir = new_dir ("during");
  g_autofree char *path = NULL;
  g_autoptr (RostraStore) store = store_with_annotations (dir, &path);
  g_autoptr (GPtrArray) backups = g_ptr_array_new_with_free_func (g_free);
  guint  n_during = 0, n_before = 0, n_after = 0;
  Counts before;

  if (g_getenv ("ROSTRA_BIN") == NULL)
    {
      g_test_skip ("ROSTRA_BIN is not set (run through meson test)");
      return;
    }
  before = check_archive (path);

  /* Two imports, each backed up over and over while it runs. */
  for (guint round = 0; round < 2; round++)
    {
      g_autofree char *name = g_strdup_printf ("round-%u.txt", round);
      g_autofree char *prefix = g_strdup_printf ("Round %u address", round);
      g_autofree char *dump = rostra_test_write_dump (name, prefix, N_BIG_ENTRIES, 7 + round);
      GPid             pid = rostra_test_spawn_rostra (
                      (const char *const[]){ "--database", path, "--import", dump, NULL });
      gboolean ended = FALSE;
      gint64   base = before.articles + round * N_BIG_ENTRIES;

      while (!ended)
        {
          g_autofree char *dest = g_strdup_printf ("%s/backup-%u-%u.db", dir, round, backups->len);
          gboolean         running = !(ended = has_ended (pid));
          Counts           counts;

          backup_to (store, dest);
          counts = check_archive (dest);
          g_assert_true (counts.articles == base || counts.articles == base + N_BIG_ENTRIES);
          g_assert_cmpint (counts.imports, ==,
                           before.imports + round + (counts.articles == base ? 0 : 1));
          g_assert_cmpint (counts.annotations, ==, before.annotations);
          n_during += running;
          if (counts.articles == base)
            n_before++;
          else
            n_after++;
          g_ptr_array_add (backups, g_steal_pointer (&dest));
          g_usleep (g_test_rand_int_range (0, 20000));
        }
      g_assert_cmpint (check_archive (path).articles, ==, base + N_BIG_ENTRIES);
    }

  g_test_message ("%u backups, %u of them while an import ran; %u before an import's end, "
                  "%u after",
                  backups->len, n_during, n_before, n_after);
  g_assert_cmpuint (n_during, >=, 4);
  g_assert_cmpuint (n_before, >, 0);
  g_assert_cmpuint (n_after, >, 0);

  /* Every one opens as an archive, standing alone. */
  for (guint i = 0; i < backups->len; i += MAX (1, backups->len / 5))
    {
      g_autoptr (RostraStore) copy = open_store (g_ptr_array_index (backups, i));

      g_assert_cmpint (rostra_store_count_articles (copy, NULL), >=, before.articles);
    }
  assert_no_leftovers (dir);
}

static void
test_backup_memory (void)
{
  g_autofree char *fixture = rostra_test_data_path ("speeches.txt");
  g_autofree char *dir = new_dir ("memory");
  g_autofree char *dest = g_build_filename (dir, "backup.db", NULL);
  g_autoptr (RostraStore) store = open_store (":memory:");
  g_autoptr (GFile) source = g_file_new_for_path (dest);
  g_autoptr (GError) error = NULL;
  Counts counts;

  import_path (store, fixture, NULL);
  backup_to (store, dest);
  counts = check_archive (dest);
  g_assert_cmpint (counts.articles, ==, 3);

  g_assert_null (rostra_archive_dup_kept_file (store, NULL));
  g_assert_false (rostra_archive_restore_replace (store, source, NULL, NULL, &error));
  g_assert_error (error, ROSTRA_BACKUP_ERROR, ROSTRA_BACKUP_ERROR_UNSUPPORTED);
}

/* Merging */

/* An archive with the fixture but none of its annotations, and one
 * speech of its own. */
static RostraStore *
partial_store (const char *dir, char **path)
{
  g_autofree char *fixture = rostra_test_data_path ("speeches.txt");
  g_autofree char *own = rostra_test_write_dump ("own.txt", "Own speech", 1, 99);
  g_autofree char *db = g_build_filename (dir, "archive.db", NULL);
  RostraStore     *store = open_store (db);

  import_path (store, fixture, NULL);
  import_path (store, own, NULL);
  if (path)
    *path = g_steal_pointer (&db);
  return store;
}

static void
assert_merge (RostraStore *store,
              const char  *source,
              guint        n_new,
              guint        n_annotations_new,
              const char  *format)
{
  g_autoptr (GFile) file = g_file_new_for_path (source);
  g_autoptr (RostraImportReport) report = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (rostra_archive_restore_merge (store, file, &report, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (report);
  g_assert_cmpstr (report->format, ==, format);
  g_assert_cmpuint (report->n_new, ==, n_new);
  g_assert_cmpuint (report->n_annotations_new, ==, n_annotations_new);
}

static void
test_merge (gconstpointer data)
{
  gboolean         json = GPOINTER_TO_INT (data);
  g_autofree char *dir = new_dir ("merge-source");
  g_autofree char *source_path = NULL;
  g_autoptr (RostraStore) source = store_with_annotations (dir, &source_path);
  g_autofree char *backup = g_build_filename (dir, json ? "backup.json" : "backup.db", NULL);
  g_autofree char *target_dir = new_dir ("merge-target");
  g_autofree char *target_path = NULL;
  g_autoptr (RostraStore) target = partial_store (target_dir, &target_path);
  g_autofree char *empty_dir = new_dir ("merge-empty");
  g_autofree char *empty_path = g_build_filename (empty_dir, "archive.db", NULL);
  g_autoptr (RostraStore) empty = open_store (empty_path);
  g_autofree char *checksum = NULL, *checksum_after = NULL;
  g_autofree char *source_summary = NULL, *empty_summary = NULL;
  Counts           counts;

  if (json)
    {
      g_autofree char *text = rostra_test_export_json (source);

      g_assert_true (g_file_set_contents (backup, text, -1, NULL));
    }
  else
    backup_to (source, backup);
  checksum = rostra_test_file_checksum (backup);

  /* What is missing is added: the annotations; the archive's own stays. */
  assert_merge (target, backup, 0, 2, "rostra-json");
  counts = check_archive (target_path);
  g_assert_cmpint (counts.articles, ==, 4);
  g_assert_cmpint (counts.annotations, ==, 2);
  g_assert_cmpint (counts.annotation_tags, ==, 4);

  /* Twice adds nothing. */
  assert_merge (target, backup, 0, 0, "rostra-json");
  assert_counts_equal (counts, check_archive (target_path));

  /* Into an empty archive: everything, with tags. */
  assert_merge (empty, backup, 3, 2, "rostra-json");
  source_summary = content_summary (source_path);
  empty_summary = content_summary (empty_path);
  g_assert_cmpstr (source_summary, ==, empty_summary);

  /* The backup itself was only read. */
  checksum_after = rostra_test_file_checksum (backup);
  g_assert_cmpstr (checksum, ==, checksum_after);
  assert_no_leftovers (target_dir);
  assert_no_leftovers (empty_dir);
}

/* A backup of an older Rostra (schema 2: no article tags, no UUIDs)
 * still merges, and stays as it was; merged again, it adds nothing. */
static void
test_merge_older_schema (void)
{
  g_autofree char *dir = new_dir ("merge-old");
  g_autoptr (RostraStore) source = store_with_annotations (dir, NULL);
  g_autofree char *backup = g_build_filename (dir, "old.db", NULL);
  g_autofree char *target_dir = new_dir ("merge-old-target");
  g_autofree char *target_path = g_build_filename (target_dir, "archive.db", NULL);
  g_autoptr (RostraStore) target = open_store (target_path);
  g_autofree char *checksum = NULL, *checksum_after = NULL;
  g_autofree char *version = NULL;
  sqlite3         *db = NULL;

  backup_to (source, backup);
  g_assert_cmpint (sqlite3_open (backup, &db), ==, SQLITE_OK);
  g_assert_cmpint (
      sqlite3_exec (
          db,
          ROSTRA_TEST_UNDO_SCHEMA_VERSIONS ROSTRA_TEST_UNDO_SCHEMA_5 ROSTRA_TEST_UNDO_SCHEMA_4
          " DROP TABLE article_tags; PRAGMA user_version = 2;",
          NULL, NULL, NULL),
      ==, SQLITE_OK);
  sqlite3_close (db);
  checksum = rostra_test_file_checksum (backup);

  assert_merge (target, backup, 3, 2, "rostra-json");
  checksum_after = rostra_test_file_checksum (backup);
  g_assert_cmpstr (checksum, ==, checksum_after);
  version = rostra_test_query_text (backup, "PRAGMA user_version");
  g_assert_cmpstr (version, ==, "2");

  /* Its annotations get new UUIDs each time its copy is upgraded: they
   * are found by their content, here and in the archive it came from. */
  assert_merge (target, backup, 0, 0, "rostra-json");
  assert_merge (source, backup, 0, 0, "rostra-json");
}

/* Replacing */

typedef struct
{
  char        *dir;
  char        *path;
  RostraStore *store;  /* the live archive */
  RostraStore *window; /* another connection to it, as the window has */
  char        *source_dir;
  char        *source_path;
  RostraStore *source; /* another archive, to restore from */
  Counts       live_counts;
  char        *live_summary;
  char        *source_summary;
} Replace;

static void
replace_set_up (Replace *r, gconstpointer data)
{
  g_autofree char *dump = rostra_test_write_dump ("other.txt", "Other speech", 5, 42);
  g_autoptr (GListModel) annotations = NULL;
  g_autoptr (GError) error = NULL;

  r->dir = new_dir ("replace");
  r->store = store_with_annotations (r->dir, &r->path);
  r->window = open_store (r->path);
  r->source_dir = new_dir ("replace-source");
  r->source_path = g_build_filename (r->source_dir, "archive.db", NULL);
  r->source = open_store (r->source_path);
  import_path (r->source, dump, NULL);
  annotate (r->source, first_article (r->source, 0), 0, 12, "From the other archive");

  /* The window's statements are prepared (and cached) before. */
  g_assert_cmpint (rostra_store_count_articles (r->window, &error), ==, 3);
  annotations = rostra_store_find_annotations (r->window, NULL, NULL, NULL, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (annotations), ==, 2);

  r->live_counts = check_archive (r->path);
  r->live_summary = content_summary (r->path);
  r->source_summary = content_summary (r->source_path);
}

static void
replace_tear_down (Replace *r, gconstpointer data)
{
  g_clear_object (&r->store);
  g_clear_object (&r->window);
  g_clear_object (&r->source);
  g_free (r->dir);
  g_free (r->path);
  g_free (r->source_dir);
  g_free (r->source_path);
  g_free (r->live_summary);
  g_free (r->source_summary);
}

/* The live archive's store objects still work: they read the new
 * content and write to it. */
static void
assert_stores_work (Replace *r, gint64 n_articles)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) annotations = NULL;
  g_autoptr (GListModel) list = NULL;
  g_autoptr (RostraQuery) query = rostra_query_new ();
  g_autoptr (GArray) ids = NULL;

  g_assert_cmpint (rostra_store_count_articles (r->store, &error), ==, n_articles);
  g_assert_no_error (error);
  g_assert_cmpint (rostra_store_count_articles (r->window, &error), ==, n_articles);
  g_assert_no_error (error);
  list = rostra_store_list_articles (r->window, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, n_articles);
  annotations = rostra_store_find_annotations (r->window, NULL, NULL, NULL, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (annotations), ==, 1);

  query->text = g_strdup ("other");
  ids = rostra_store_query_ids (r->window, query, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, n_articles);

  annotate (r->window, first_article (r->window, 1), 2, 9, "Added after the restore");
  annotate (r->store, first_article (r->store, 2), 2, 9, "And through the other store");
  g_assert_cmpint (check_archive (r->path).annotations, ==, 3);
}

static void
test_replace (Replace *r, gconstpointer data)
{
  gboolean         json = GPOINTER_TO_INT (data);
  g_autofree char *backup =
      g_build_filename (r->source_dir, json ? "backup.json" : "backup.db", NULL);
  g_autoptr (GFile) backup_file = g_file_new_for_path (backup);
  g_autoptr (GDateTime) when = g_date_time_new_local (2026, 11, 27, 10, 45, 1);
  g_autoptr (GFile) kept = NULL;
  g_autoptr (GFile) expected = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *kept_path = NULL, *kept_summary = NULL, *live_summary = NULL;
  g_autofree char *checksum = NULL, *checksum_after = NULL;
  g_autofree char *expected_path =
      g_build_filename (r->dir, "archive-replaced-2026-11-27-104501.db", NULL);

  if (json)
    {
      g_autofree char *text = rostra_test_export_json (r->source);

      g_assert_true (g_file_set_contents (backup, text, -1, NULL));
    }
  else
    backup_to (r->source, backup);
  checksum = rostra_test_file_checksum (backup);

  expected = rostra_archive_dup_kept_file (r->store, when);
  g_assert_cmpstr (g_file_peek_path (expected), ==, expected_path);

  g_assert_true (
      rostra_archive_restore_replace_full (r->store, backup_file, when, &kept, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (kept);
  kept_path = g_file_get_path (kept);
  g_assert_cmpstr (kept_path, ==, expected_path);

  /* The old archive, whole, beside the live one. */
  assert_counts_equal (r->live_counts, check_archive (kept_path));
  kept_summary = content_summary (kept_path);
  g_assert_cmpstr (kept_summary, ==, r->live_summary);

  /* The live archive holds what the source holds. */
  live_summary = content_summary (r->path);
  g_assert_cmpstr (live_summary, ==, r->source_summary);
  g_assert_cmpint (check_archive (r->path).articles, ==, 5);
  assert_stores_work (r, 5);

  checksum_after = rostra_test_file_checksum (backup);
  g_assert_cmpstr (checksum, ==, checksum_after);
  assert_no_leftovers (r->dir);

  /* Again at the same second: a new name, the first copy untouched. */
  {
    g_autoptr (GFile) second = NULL;
    g_autofree char *first_checksum = rostra_test_file_checksum (kept_path);
    g_autofree char *first_after = NULL;

    g_assert_true (
        rostra_archive_restore_replace_full (r->store, backup_file, when, &second, NULL, &error));
    g_assert_no_error (error);
    g_assert_true (g_str_has_suffix (g_file_peek_path (second), "-104501-2.db"));
    g_assert_cmpint (check_archive (g_file_peek_path (second)).annotations, ==, 3);
    first_after = rostra_test_file_checksum (kept_path);
    g_assert_cmpstr (first_checksum, ==, first_after);
    assert_stores_work (r, 5);
  }
}

/* A source with another page size is made to fit the archive's. */
static void
test_replace_page_size (Replace *r, gconstpointer data)
{
  g_autofree char *backup = g_build_filename (r->source_dir, "big-pages.db", NULL);
  g_autoptr (GFile) backup_file = g_file_new_for_path (backup);
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) kept = NULL;
  g_autofree char *live_summary = NULL;
  g_autofree char *source_size = NULL, *live_size = NULL;
  sqlite3         *db = NULL;

  backup_to (r->source, backup);
  g_assert_cmpint (sqlite3_open (backup, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA page_size = 16384; VACUUM;", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  sqlite3_close (db);
  source_size = rostra_test_query_text (backup, "PRAGMA page_size");
  g_assert_cmpstr (source_size, ==, "16384");

  g_assert_true (rostra_archive_restore_replace (r->store, backup_file, &kept, NULL, &error));
  g_assert_no_error (error);
  live_summary = content_summary (r->path);
  g_assert_cmpstr (live_summary, ==, r->source_summary);
  live_size = rostra_test_query_text (r->path, "PRAGMA page_size");
  g_assert_cmpstr (live_size, ==, "4096");
  assert_stores_work (r, 5);
}

static gpointer
cancel_later (gpointer data)
{
  g_usleep (300 * G_TIME_SPAN_MILLISECOND);
  g_cancellable_cancel (data);
  return NULL;
}

/* While another program writes, replacing waits; cancelled meanwhile,
 * it changes nothing and keeps no file. */
static void
test_replace_cancel (Replace *r, gconstpointer data)
{
  g_autofree char *backup = g_build_filename (r->source_dir, "backup.db", NULL);
  g_autoptr (GFile) backup_file = g_file_new_for_path (backup);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GFile) kept = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *summary = NULL;
  GThread         *thread;
  sqlite3         *db = NULL;
  gint64           start;

  backup_to (r->source, backup);
  g_assert_cmpint (sqlite3_open (r->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);

  start = g_get_monotonic_time ();
  thread = g_thread_new ("cancel", cancel_later, cancellable);
  g_assert_false (
      rostra_archive_restore_replace (r->store, backup_file, &kept, cancellable, &error));
  g_thread_join (thread);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 3 * G_USEC_PER_SEC);
  g_assert_null (kept);

  g_assert_cmpint (sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  summary = content_summary (r->path);
  g_assert_cmpstr (summary, ==, r->live_summary);
  g_assert_cmpuint (count_files_matching (r->dir, "-replaced-"), ==, 0);
  assert_no_leftovers (r->dir);
}

static char *
make_bad_source (Replace *r, const char *kind)
{
  g_autofree char *path = g_strdup_printf ("%s/%s.db", r->source_dir, kind);
  sqlite3         *db = NULL;

  if (g_str_equal (kind, "text"))
    {
      g_free (path);
      path = g_strdup_printf ("%s/notes.txt", r->source_dir);
      g_assert_true (g_file_set_contents (path, "Dear diary,\n\nnothing to restore.\n", -1, NULL));
    }
  else if (g_str_equal (kind, "bad-json"))
    {
      g_free (path);
      path = g_strdup_printf ("%s/other.json", r->source_dir);
      g_assert_true (g_file_set_contents (
          path, "{\"format\": \"something-else\", \"articles\": []}", -1, NULL));
    }
  else if (g_str_equal (kind, "other-db"))
    {
      g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE recipes (name TEXT)", NULL, NULL, NULL), ==,
                       SQLITE_OK);
      sqlite3_close (db);
    }
  else if (g_str_equal (kind, "future"))
    {
      g_autofree char *sql =
          g_strdup_printf ("PRAGMA user_version = %d", ROSTRA_STORE_SCHEMA_VERSION + 1);

      backup_to (r->source, path);
      g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
      sqlite3_close (db);
    }
  else if (g_str_equal (kind, "corrupt"))
    {
      g_autofree char *contents = NULL;
      gsize            len;

      /* Every page but the first (the header and the schema) garbled. */
      backup_to (r->source, path);
      g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
      g_assert_cmpuint (len, >, 4 * 4096);
      for (gsize i = 4096; i < len; i++)
        contents[i] = (char) (0x5A ^ (i * 31));
      g_assert_true (g_file_set_contents (path, contents, len, NULL));
    }
  else
    g_assert_not_reached ();
  return g_steal_pointer (&path);
}

static void
test_replace_refused (Replace *r, gconstpointer data)
{
  static const struct
  {
    const char *kind;
    GQuark (*domain) (void);
    int code;
  } cases[] = {
    { "text", rostra_backup_error_quark, ROSTRA_BACKUP_ERROR_NOT_AN_ARCHIVE },
    { "other-db", rostra_backup_error_quark, ROSTRA_BACKUP_ERROR_NOT_AN_ARCHIVE },
    { "future", rostra_backup_error_quark, ROSTRA_BACKUP_ERROR_FUTURE_SCHEMA },
    { "corrupt", rostra_backup_error_quark, ROSTRA_BACKUP_ERROR_CORRUPT },
    { "bad-json", rostra_import_error_quark, ROSTRA_IMPORT_ERROR_BAD_BACKUP },
  };
  g_autofree char *json_before = rostra_test_export_json (r->store);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *source = make_bad_source (r, cases[i].kind);
      g_autoptr (GFile) file = g_file_new_for_path (source);
      g_autofree char *checksum = rostra_test_file_checksum (source);
      g_autofree char *checksum_after = NULL;
      g_autofree char *json_after = NULL;
      g_autoptr (GFile) kept = NULL;
      g_autoptr (GError) error = NULL;
      g_autoptr (GError) merge_error = NULL;
      g_autoptr (RostraImportReport) report = NULL;

      g_assert_false (rostra_archive_restore_replace (r->store, file, &kept, NULL, &error));
      g_assert_error (error, cases[i].domain (), cases[i].code);
      g_test_message ("%s: %s", cases[i].kind, error->message);
      g_assert_null (kept);

      g_assert_false (rostra_archive_restore_merge (r->store, file, &report, NULL, &merge_error));
      g_assert_error (merge_error, cases[i].domain (), cases[i].code);

      /* Nothing changed: not the archive, not the source, no file beside. */
      json_after = rostra_test_export_json (r->store);
      g_assert_cmpstr (json_before, ==, json_after);
      assert_counts_equal (r->live_counts, check_archive (r->path));
      checksum_after = rostra_test_file_checksum (source);
      g_assert_cmpstr (checksum, ==, checksum_after);
      g_assert_cmpuint (count_files_matching (r->dir, "-replaced-"), ==, 0);
      assert_no_leftovers (r->dir);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/archive-backup/copy", test_backup_copy);
  g_test_add_func ("/archive-backup/same-file", test_backup_same_file);
  g_test_add_func ("/archive-backup/cancel", test_backup_cancel);
  g_test_add_func ("/archive-backup/during-import", test_backup_during_import);
  g_test_add_func ("/archive-backup/memory", test_backup_memory);
  g_test_add_data_func ("/archive-backup/merge/archive", GINT_TO_POINTER (FALSE), test_merge);
  g_test_add_data_func ("/archive-backup/merge/json", GINT_TO_POINTER (TRUE), test_merge);
  g_test_add_func ("/archive-backup/merge/older-schema", test_merge_older_schema);
  g_test_add ("/archive-backup/replace/archive", Replace, GINT_TO_POINTER (FALSE), replace_set_up,
              test_replace, replace_tear_down);
  g_test_add ("/archive-backup/replace/json", Replace, GINT_TO_POINTER (TRUE), replace_set_up,
              test_replace, replace_tear_down);
  g_test_add ("/archive-backup/replace/page-size", Replace, NULL, replace_set_up,
              test_replace_page_size, replace_tear_down);
  g_test_add ("/archive-backup/replace/cancel", Replace, NULL, replace_set_up, test_replace_cancel,
              replace_tear_down);
  g_test_add ("/archive-backup/replace/refused", Replace, NULL, replace_set_up,
              test_replace_refused, replace_tear_down);

  return g_test_run ();
}
