// SPDX-License-Identifier: GPL-3.0-or-later
/* test-faults.c: what the archive core and the command line do when the
 * disk is full, the archive cannot be written, its folder is missing,
 * another program holds it, or it is damaged, not a database or from a
 * newer Rostra: a clear error (ROSTRA_STORE_ERROR_*, or one line on
 * stderr naming the file and exit status 3), and the file left exactly
 * as it was.
 *
 * The disk is filled in-process with `PRAGMA max_page_count` on the
 * store's own connection, and for `rostra --import` with a real limit
 * (RLIMIT_FSIZE) in the child. A file that cannot be written is made
 * by running the child as `nobody` when the test runs as root (for
 * whom permissions do not count).
 */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <grp.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "rostra-anchor.h"
#include "rostra-importer.h"
#include "rostra-store-private.h"
#include "rostra-test-utils.h"

#define NOBODY 65534

/* What the child runs under. */
typedef struct
{
  rlim_t   max_file_size; /* 0: no limit */
  gboolean as_nobody;     /* when the test runs as root */
} Limits;

/* Between fork and exec: async-signal-safe calls only. */
static void
apply_limits (gpointer data)
{
  const Limits *limits = data;

  if (limits->max_file_size > 0)
    {
      struct rlimit rl = { limits->max_file_size, limits->max_file_size };

      /* A write past the limit then fails with EFBIG instead of killing. */
      signal (SIGXFSZ, SIG_IGN);
      setrlimit (RLIMIT_FSIZE, &rl);
    }
  if (limits->as_nobody && geteuid () == 0)
    {
      if (setgroups (0, NULL) != 0 || setgid (NOBODY) != 0 || setuid (NOBODY) != 0)
        _exit (127);
    }
}

/* Runs rostra with @args (NULL-terminated) under @limits (nullable). */
static void
run (RostraTestRun *r, const Limits *limits, const char *const *args)
{
  static const Limits none = { 0 };

  rostra_test_run_rostrav (r, args, apply_limits, (gpointer) (limits ? limits : &none));
}

/* The status, and stderr: exactly one line, holding every one of the
 * NULL-terminated fragments. */
static void
assert_one_line (const RostraTestRun *r, int status, const char *first_fragment, ...)
{
  va_list args;

  g_test_message ("exit %d: %s", r->status, r->err);
  g_assert_cmpint (r->status, ==, status);
  g_assert_nonnull (strchr (r->err, '\n'));
  g_assert_cmpstr (strchr (r->err, '\n') + 1, ==, "");
  va_start (args, first_fragment);
  for (const char *f = first_fragment; f; f = va_arg (args, const char *))
    g_assert_nonnull (strstr (r->err, f));
  va_end (args);
}

static char *
tmp_path (const char *name)
{
  return g_build_filename (rostra_test_tmpdir (), name, NULL);
}

static gboolean
exists_with (const char *path, const char *suffix)
{
  g_autofree char *name = g_strconcat (path, suffix, NULL);

  return g_file_test (name, G_FILE_TEST_EXISTS);
}

/* An archive holding the fixture, closed (no write-ahead log left). */
static char *
make_archive (const char *name, guint n_generated)
{
  g_autofree char *path = tmp_path (name);
  g_autoptr (GError) error = NULL;
  g_autoptr (RostraStore) store = rostra_store_open (path, &error);

  g_assert_no_error (error);
  rostra_test_import_fixture (store);
  if (n_generated > 0)
    {
      g_autofree char *dump_name = g_strdup_printf ("%s.txt", name);
      g_autofree char *dump =
          rostra_test_write_dump (dump_name, "Address", n_generated, n_generated);
      g_autoptr (GFile) dump_file = g_file_new_for_path (dump);

      g_assert_true (rostra_import_file (store, dump_file, NULL, NULL, NULL, NULL, NULL, &error));
      g_assert_no_error (error);
    }
  g_clear_object (&store);
  g_assert_false (exists_with (path, "-wal"));
  return g_steal_pointer (&path);
}

/* Runs `--list` and `--import` on @db under @limits: both must fail
 * with exit status 3 and one line naming @db and holding @reason, and
 * leave @db byte for byte as it was, with no -wal or -shm file where
 * there was none. */
static void
assert_cli_refuses (const char *db, const Limits *limits, const char *reason)
{
  static char     *dump; /* articles no archive of these tests holds */
  g_autofree char *before = rostra_test_file_checksum (db);
  g_autofree char *after = NULL;
  gboolean         had_wal = exists_with (db, "-wal");
  gboolean         had_shm = exists_with (db, "-shm");
  g_auto (RostraTestRun) list = { 0 };
  g_auto (RostraTestRun) import = { 0 };

  run (&list, limits, (const char *const[]){ "--database", db, "--list", NULL });
  /* (The rows read before a damaged page may have been listed.) */
  assert_one_line (&list, 3, db, reason, NULL);

  if (dump == NULL)
    dump = rostra_test_write_dump ("new-articles.txt", "Address", 50, 1234);
  run (&import, limits, (const char *const[]){ "--database", db, "--import", dump, NULL });
  assert_one_line (&import, 3, db, reason, NULL);
  g_assert_cmpstr (import.out, ==, "");

  after = rostra_test_file_checksum (db);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (exists_with (db, "-wal"), ==, had_wal);
  g_assert_cmpint (exists_with (db, "-shm"), ==, had_shm);
}

static void
set_max_pages (RostraStore *store, gint64 pages)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA max_page_count = %" G_GINT64_FORMAT, pages);

  g_assert_cmpint (sqlite3_exec (_rostra_store_get_db (store), sql, NULL, NULL, NULL), ==,
                   SQLITE_OK);
}

/* Fills the disk: the archive may not grow by a single page. */
static void
fill_disk (RostraStore *store)
{
  set_max_pages (store, rostra_test_query_int (_rostra_store_get_db (store), "PRAGMA page_count"));
}

static void
assert_disk_full (const GError *error, const char *db)
{
  g_assert_error (error, ROSTRA_STORE_ERROR, ROSTRA_STORE_ERROR_FULL);
  g_assert_nonnull (strstr (error->message, db));
  g_assert_nonnull (strstr (error->message, "full; nothing was changed"));
}

static void
test_disk_full_import (void)
{
  g_autofree char *db = make_archive ("full-import.db", 0);
  g_autofree char *dump = rostra_test_write_dump ("full-import.txt", "Address", 200, 7);
  g_autoptr (GFile) file = g_file_new_for_path (dump);
  g_autoptr (GError) error = NULL;
  g_autoptr (RostraStore) store = rostra_store_open (db, &error);
  g_autoptr (RostraImportReport) report = NULL;
  g_autofree char *before = rostra_test_db_digest (db);
  g_autofree char *after = NULL;
  gint64           n_articles;

  g_assert_no_error (error);
  n_articles = rostra_store_count_articles (store, &error);
  fill_disk (store);

  g_assert_false (rostra_import_file (store, file, NULL, NULL, NULL, NULL, NULL, &error));
  assert_disk_full (error, db);
  g_clear_error (&error);
  after = rostra_test_db_digest (db);
  g_assert_cmpstr (before, ==, after);

  /* The store still works; with room again, the same import goes through. */
  g_assert_cmpint (rostra_store_count_articles (store, &error), ==, n_articles);
  g_assert_no_error (error);
  set_max_pages (store, G_MAXINT32);
  g_assert_true (rostra_import_file (store, file, NULL, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_new, ==, 200);
  g_assert_cmpint (rostra_store_count_articles (store, &error), ==, n_articles + 200);
}

static char *
long_note (guint n_bytes)
{
  GString *s = g_string_new (NULL);

  while (s->len < n_bytes)
    g_string_append (s, "A note far longer than a page, written when the disk was full. ");
  return g_string_free (s, FALSE);
}

static void
test_disk_full_annotations (void)
{
  g_autofree char *db = make_archive ("full-notes.db", 0);
  g_autofree char *note = long_note (64 * 1024);
  g_autoptr (GError) error = NULL;
  g_autoptr (RostraStore) store = rostra_store_open (db, &error);
  g_autoptr (RostraArticle) article = NULL;
  g_autoptr (RostraAnnotation) existing = NULL;
  g_autoptr (RostraAnnotation) added = NULL;
  g_autoptr (RostraAnnotation) loaded = NULL;
  g_autofree char *exact = NULL, *prefix = NULL, *suffix = NULL;
  g_autofree char *before = NULL, *after = NULL;
  g_autoptr (GListModel) articles = NULL;
  g_autoptr (RostraArticle) first = NULL;
  const char *const tags[] = { "harbour", "winter", NULL };

  g_assert_no_error (error);
  articles = rostra_store_list_articles (store, &error);
  g_assert_no_error (error);
  first = g_list_model_get_item (articles, 0);
  article = rostra_store_load_article (store, rostra_article_get_id (first), &error);
  g_assert_no_error (error);
  rostra_anchor_describe (rostra_article_get_text (article), 0, 12, &exact, &prefix, &suffix);

  existing = rostra_annotation_new (rostra_article_get_id (article), 0, 12, exact, prefix, suffix);
  rostra_annotation_set_note (existing, "Written while there was room.");
  g_assert_true (rostra_store_add_annotation (store, existing, &error));
  g_assert_no_error (error);
  rostra_store_checkpoint (store);
  before = rostra_test_db_digest (db);
  fill_disk (store);

  /* A new annotation with a long note, and the old one given it. */
  added = rostra_annotation_new (rostra_article_get_id (article), 0, 12, exact, prefix, suffix);
  rostra_annotation_set_note (added, note);
  rostra_annotation_set_tags (added, tags);
  g_assert_false (rostra_store_add_annotation (store, added, &error));
  assert_disk_full (error, db);
  g_clear_error (&error);

  rostra_annotation_set_note (existing, note);
  g_assert_false (rostra_store_update_annotation (store, existing, &error));
  assert_disk_full (error, db);
  g_clear_error (&error);

  after = rostra_test_db_digest (db);
  g_assert_cmpstr (before, ==, after);

  /* With room again, the same edits go through. */
  set_max_pages (store, G_MAXINT32);
  g_assert_true (rostra_store_update_annotation (store, existing, &error));
  g_assert_no_error (error);
  g_assert_true (rostra_store_add_annotation (store, added, &error));
  g_assert_no_error (error);
  loaded = rostra_store_load_annotation (store, rostra_annotation_get_id (existing), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rostra_annotation_get_note (loaded), ==, note);
  g_clear_object (&loaded);
  loaded = rostra_store_load_annotation (store, rostra_annotation_get_id (added), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rostra_annotation_get_note (loaded), ==, note);
  g_assert_cmpstrv (rostra_annotation_get_tags (loaded), tags);
}

/* A real limit on the size of any file `rostra --import` writes: the
 * write-ahead log outgrows it and the write fails with EFBIG. */
static void
test_disk_full_cli (void)
{
  g_autofree char *db = make_archive ("full-cli.db", 0);
  g_autofree char *dump = rostra_test_write_dump ("full-cli.txt", "Address", 1000, 11);
  g_autofree char *before = rostra_test_file_checksum (db);
  g_autofree char *digest = rostra_test_db_digest (db);
  g_autofree char *after = NULL;
  g_autofree char *after_digest = NULL;
  g_autofree char *contents = NULL;
  gsize            size;
  Limits           limits = { 0 };
  g_auto (RostraTestRun) import = { 0 };
  g_auto (RostraTestRun) again = { 0 };

  g_assert_true (g_file_get_contents (db, &contents, &size, NULL));
  /* Above the shared-memory index (32 KiB) and the archive itself. */
  g_assert_cmpuint (size, >, 32768);
  limits.max_file_size = size + 16 * 1024;

  run (&import, &limits, (const char *const[]){ "--database", db, "--import", dump, NULL });
  assert_one_line (&import, 3, dump, db, "full; nothing was changed", NULL);
  g_assert_cmpstr (import.out, ==, "");

  after = rostra_test_file_checksum (db);
  g_assert_cmpstr (before, ==, after);
  g_assert_false (exists_with (db, "-wal"));
  g_assert_false (exists_with (db, "-shm"));
  after_digest = rostra_test_db_digest (db);
  g_assert_cmpstr (digest, ==, after_digest);

  /* With room again, the same import goes through. */
  run (&again, NULL, (const char *const[]){ "--database", db, "--import", dump, NULL });
  g_assert_cmpint (again.status, ==, 0);
  g_assert_nonnull (strstr (again.out, "1000 new articles"));
}

/* This program, run again for a child of its own (see main()): valgrind
 * and the sanitizers then check a process that owns all its memory, not
 * a forked copy of the test's heap. */
static char *self_exe;

/* Child: exits with the code of the error rostra_store_open() on @db, or
 * a write transaction on it, gives; 100 when both work, 101 for an
 * error of another kind or one that does not name the file. */
static int
core_error_main (const char *db)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RostraStore) store = rostra_store_open (db, &error);

  if (store != NULL && rostra_store_begin (store, &error))
    return 100;
  if (error->domain != ROSTRA_STORE_ERROR || strstr (error->message, db) == NULL)
    return 101;
  return error->code;
}

/* The code core_error_main() finds in a child process under @limits. */
static int
core_error_code (const char *db, const Limits *limits)
{
  const char *argv[] = { self_exe, "--core-error-code", db, NULL };
  g_autoptr (GError) error = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, apply_limits, (gpointer) limits, NULL,
                NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

/* A folder only root may write to, holding an archive only root may
 * write to; the child runs as nobody. */
static void
test_not_writable (void)
{
  g_autofree char *dir = tmp_path ("read-only");
  g_autofree char *db = NULL;
  g_autofree char *name = NULL;
  Limits           limits = { .as_nobody = TRUE };

  g_assert_cmpint (g_mkdir (dir, 0755), ==, 0);
  name = g_build_filename ("read-only", "archive.db", NULL);
  db = make_archive (name, 0);
  if (geteuid () == 0)
    /* nobody must reach the folder */
    g_assert_cmpint (g_chmod (rostra_test_tmpdir (), 0711), ==, 0);
  else
    {
      g_assert_cmpint (g_chmod (db, 0444), ==, 0);
      g_assert_cmpint (g_chmod (dir, 0555), ==, 0);
    }

  assert_cli_refuses (db, &limits, "cannot be written");
  g_assert_cmpint (core_error_code (db, &limits), ==, ROSTRA_STORE_ERROR_READ_ONLY);

  g_chmod (dir, 0755);
  g_chmod (rostra_test_tmpdir (), 0700);
}

static void
test_missing_folder (void)
{
  g_autofree char *db = tmp_path ("new/folder/archive.db");
  g_autofree char *file = rostra_test_write_file ("a-file", "not a folder\n", -1);
  g_autofree char *under_file = g_build_filename (file, "archive.db", NULL);
  g_autofree char *locked_dir = tmp_path ("closed");
  g_autofree char *under_locked = g_build_filename (locked_dir, "new", "archive.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (RostraStore) store = NULL;
  Limits limits = { .as_nobody = TRUE };
  g_auto (RostraTestRun) created = { 0 };
  g_auto (RostraTestRun) not_folder = { 0 };
  g_auto (RostraTestRun) not_allowed = { 0 };

  /* A missing folder is made, in the core and from the command line. */
  store = rostra_store_open (db, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_clear_object (&store);
  g_clear_pointer (&db, g_free);
  db = tmp_path ("other/new/folder/archive.db");
  run (&created, NULL, (const char *const[]){ "--database", db, "--list", NULL });
  g_assert_cmpint (created.status, ==, 0);
  g_assert_cmpstr (created.err, ==, "");
  g_assert_true (g_file_test (db, G_FILE_TEST_IS_REGULAR));

  /* A file where the folder should be. */
  store = rostra_store_open (under_file, &error);
  g_assert_error (error, ROSTRA_STORE_ERROR, ROSTRA_STORE_ERROR_OPEN);
  g_assert_nonnull (strstr (error->message, file));
  g_assert_null (store);
  run (&not_folder, NULL, (const char *const[]){ "--database", under_file, "--list", NULL });
  assert_one_line (&not_folder, 3, file, "cannot be created", NULL);

  /* A folder that may not be written to. */
  g_assert_cmpint (g_mkdir (locked_dir, 0555), ==, 0);
  if (geteuid () == 0)
    g_assert_cmpint (g_chmod (rostra_test_tmpdir (), 0711), ==, 0);
  run (&not_allowed, &limits, (const char *const[]){ "--database", under_locked, "--list", NULL });
  g_chmod (rostra_test_tmpdir (), 0700);
  assert_one_line (&not_allowed, 3, locked_dir, "cannot be created", NULL);
  g_assert_false (g_file_test (under_locked, G_FILE_TEST_EXISTS));
}

/* Another process that runs @sql on @db and keeps its connection open
 * until release_lock(). (A connection of this process would not do:
 * reading the file to check it would drop this process's locks.) */
typedef struct
{
  GPid pid;
  int  release_fd;
} HeldLock;

/* Child: runs @sql on @db, writes "y" (or "n") to stdout, and keeps
 * its connection until stdin closes. */
static int
hold_lock_main (const char *db, const char *sql)
{
  sqlite3 *other = NULL;
  char     byte;
  gboolean ok = sqlite3_open (db, &other) == SQLITE_OK &&
                sqlite3_exec (other, sql, NULL, NULL, NULL) == SQLITE_OK;

  byte = ok ? 'y' : 'n';
  if (write (STDOUT_FILENO, &byte, 1) != 1 || !ok)
    {
      sqlite3_close (other);
      return 1;
    }
  while (read (STDIN_FILENO, &byte, 1) > 0)
    ;
  sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL);
  return sqlite3_close (other) == SQLITE_OK ? 0 : 1;
}

static HeldLock
hold_lock (const char *db, const char *sql)
{
  const char *argv[] = { self_exe, "--hold-lock", db, sql, NULL };
  g_autoptr (GError) error = NULL;
  HeldLock held;
  int      ready;
  char     byte;

  g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                            &held.pid, &held.release_fd, &ready, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (read (ready, &byte, 1), ==, 1);
  g_assert_cmpint (byte, ==, 'y');
  close (ready);
  return held;
}

static void
release_lock (HeldLock *held)
{
  int status = 0;

  close (held->release_fd);
  g_assert_cmpint (waitpid (held->pid, &status, 0), ==, held->pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
}

/* Another program holds the archive: in the core a write fails once
 * the busy timeout is over; on the command line, a program that keeps
 * the archive to itself makes both reading and writing fail. */
static void
test_locked (void)
{
  g_autofree char *db = make_archive ("locked.db", 0);
  g_autofree char *fixture = rostra_test_data_path ("speeches.txt");
  g_autofree char *before = rostra_test_file_checksum (db);
  g_autofree char *after = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (RostraStore) store = NULL;
  g_autoptr (GFile) file = g_file_new_for_path (fixture);
  HeldLock held;
  gint64   start;
  g_auto (RostraTestRun) list = { 0 };

  /* A writer elsewhere: reading goes on, writing waits and then fails. */
  held = hold_lock (db, "BEGIN EXCLUSIVE");
  store = rostra_store_open (db, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rostra_store_count_articles (store, &error), >, 0);
  sqlite3_busy_timeout (_rostra_store_get_db (store), 200);
  g_assert_false (rostra_import_file (store, file, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, ROSTRA_STORE_ERROR, ROSTRA_STORE_ERROR_BUSY);
  g_assert_nonnull (strstr (error->message, db));
  g_assert_nonnull (strstr (error->message, "in use by another program"));
  g_clear_error (&error);
  g_clear_object (&store);
  run (&list, NULL, (const char *const[]){ "--database", db, "--list", NULL });
  g_assert_cmpint (list.status, ==, 0);
  g_assert_cmpstr (list.err, ==, "");
  release_lock (&held);

  /* A program that keeps the archive to itself. */
  held = hold_lock (db, "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE;"
                        " SELECT count(*) FROM articles;");
  start = g_get_monotonic_time ();
  assert_cli_refuses (db, NULL, "in use by another program");
  g_test_message ("Both commands gave up after %.1f s",
                  (g_get_monotonic_time () - start) / 1000000.0);
  release_lock (&held);
  after = rostra_test_file_checksum (db);
  g_assert_cmpstr (before, ==, after);
}

static void
overwrite (const char *path, goffset offset, gsize len, guint32 seed)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
  g_autofree guchar *garbage = g_malloc (len);
  FILE              *f = fopen (path, "r+b");

  for (gsize i = 0; i < len; i++)
    garbage[i] = (guchar) g_rand_int (rand);
  g_assert_nonnull (f);
  g_assert_cmpint (fseeko (f, offset, SEEK_SET), ==, 0);
  g_assert_cmpuint (fwrite (garbage, 1, len, f), ==, len);
  g_assert_cmpint (fclose (f), ==, 0);
}

/* Opening @db, or reading its articles at the latest, fails with
 * @code, and the file is left as it was. */
static void
assert_core_refuses (const char *db, RostraStoreError code)
{
  g_autofree char *before = rostra_test_file_checksum (db);
  g_autofree char *after = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (RostraStore) store = rostra_store_open (db, &error);
  g_autoptr (GListModel) list = NULL;

  if (store != NULL)
    {
      list = rostra_store_list_articles (store, &error);
      g_assert_null (list);
    }
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_error (error, ROSTRA_STORE_ERROR, (int) code);
  g_assert_nonnull (strstr (error->message, db));
  g_clear_object (&store);
  after = rostra_test_file_checksum (db);
  g_assert_cmpstr (before, ==, after);
  g_assert_false (exists_with (db, "-wal"));
  g_assert_false (exists_with (db, "-shm"));
}

static void
test_corrupt (void)
{
  g_autofree char *db = make_archive ("corrupt.db", 400);
  g_autofree char *truncated = make_archive ("truncated.db", 400);
  g_autofree char *contents = NULL;
  gsize            size;

  /* Garbage over the middle third of the file. */
  g_assert_true (g_file_get_contents (db, &contents, &size, NULL));
  g_test_message ("The archive has %" G_GSIZE_FORMAT " bytes", size);
  overwrite (db, (size / 3) & ~(goffset) 4095, size / 3, 42);
  assert_core_refuses (db, ROSTRA_STORE_ERROR_CORRUPT);
  assert_cli_refuses (db, NULL, "damaged");

  /* Cut off after the first half. */
  g_assert_cmpint (truncate (truncated, size / 2), ==, 0);
  assert_core_refuses (truncated, ROSTRA_STORE_ERROR_CORRUPT);
  assert_cli_refuses (truncated, NULL, "damaged");
}

static void
test_not_a_database (void)
{
  static const char notes[] = "Minutes of the harbour committee, kept as plain text.\n";
  g_autofree char  *db = rostra_test_write_file ("minutes.db", notes, -1);
  g_autofree char  *header = make_archive ("header-only.db", 0);

  assert_core_refuses (db, ROSTRA_STORE_ERROR_NOT_A_DATABASE);
  assert_cli_refuses (db, NULL, "not a Rostra archive");

  /* A database header with garbage where the schema should be. */
  overwrite (header, 100, 4096 - 100, 3);
  assert_core_refuses (header, ROSTRA_STORE_ERROR_CORRUPT);
  assert_cli_refuses (header, NULL, "damaged");
}

static void
test_future_schema (void)
{
  g_autofree char *db = make_archive ("future.db", 0);
  sqlite3         *other = NULL;

  g_assert_cmpint (sqlite3_open (db, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "PRAGMA user_version = 99", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_close (other), ==, SQLITE_OK);

  assert_core_refuses (db, ROSTRA_STORE_ERROR_FUTURE_SCHEMA);
  assert_cli_refuses (db, NULL, "newer version of Rostra");
}

int
main (int argc, char *argv[])
{
  if (argc == 3 && g_str_equal (argv[1], "--core-error-code"))
    return core_error_main (argv[2]);
  if (argc == 4 && g_str_equal (argv[1], "--hold-lock"))
    return hold_lock_main (argv[2], argv[3]);

  self_exe = g_file_read_link ("/proc/self/exe", NULL);
  if (self_exe == NULL)
    self_exe = g_canonicalize_filename (argv[0], NULL);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/faults/disk-full/import", test_disk_full_import);
  g_test_add_func ("/faults/disk-full/annotations", test_disk_full_annotations);
  g_test_add_func ("/faults/disk-full/cli", test_disk_full_cli);
  g_test_add_func ("/faults/not-writable", test_not_writable);
  g_test_add_func ("/faults/missing-folder", test_missing_folder);
  g_test_add_func ("/faults/locked", test_locked);
  g_test_add_func ("/faults/corrupt", test_corrupt);
  g_test_add_func ("/faults/not-a-database", test_not_a_database);
  g_test_add_func ("/faults/future-schema", test_future_schema);

  return g_test_run ();
}
