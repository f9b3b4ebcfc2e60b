/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-store-lock.c: no open/close of the archive's files elsewhere in the
 * process can drop the locks SQLite holds on them (issue 13 §1).
 *
 * POSIX advisory locks belong to the process, and any close() of the
 * file releases all of them: GIO guessing the archive's content type for
 * the file chooser was enough for the next `rostra --list` to believe it
 * was the archive's last user, checkpoint and delete the write-ahead log
 * under the window, which then wrote its highlights into a deleted file. */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "rostra-anchor.h"
#include "rostra-sqlite-private.h"
#include "rostra-test-utils.h"

#define TEXT "Citizens, the harbour will be rebuilt by spring. The harbour is ours."

/* SQLite's lock bytes (os.h): a connection holds a read lock on the
 * shared range of the database file while it reads, and in WAL mode a
 * read lock on the "DMS" byte of the -shm file as long as it is open. */
#define PENDING_BYTE 0x40000000
#define SHARED_FIRST (PENDING_BYTE + 2)
#define SHARED_SIZE  510
#define SHM_DMS_BYTE (120 + 8)

typedef struct
{
  char        *path;
  RostraStore *store;
  gint64       article;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->store = rostra_test_store_new (&f->path);
  g_assert_true (rostra_store_add_article (f->store, 0, "The harbour", "Courier",
                                           "2024-05-02T10:00:00", "en", TEXT, &f->article, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  g_free (f->path);
}

static char *
sibling (const char *path, const char *suffix)
{
  return g_strconcat (path, suffix, NULL);
}

static ino_t
inode_of (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_ino;
}

static void
annotate (Fixture *f, const char *passage)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *exact = NULL, *prefix = NULL, *suffix = NULL;
  const char      *at = strstr (TEXT, passage);
  guint            start, end;
  g_autoptr (RostraAnnotation) annotation = NULL;

  g_assert_nonnull (at);
  start = g_utf8_pointer_to_offset (TEXT, at);
  end = start + g_utf8_strlen (passage, -1);
  rostra_anchor_describe (TEXT, start, end, &exact, &prefix, &suffix);
  annotation = rostra_annotation_new (f->article, start, end, exact, prefix, suffix);
  rostra_annotation_set_color (annotation, "yellow");
  g_assert_true (rostra_store_add_annotation (f->store, annotation, &error));
  g_assert_no_error (error);
}

/* The whole sequence of the report: the window's archive is opened and
 * closed in-process, another process opens and closes it, the window
 * writes; the write is on disk for every other process at once and after
 * a restart. */
static void
test_foreign_close_keeps_writes (Fixture *f, gconstpointer data)
{
  g_autofree char *wal = sibling (f->path, "-wal");
  g_autofree char *shm = sibling (f->path, "-shm");
  g_autoptr (GListModel) annotations = NULL;
  g_autoptr (GError) error = NULL;
  ino_t wal_inode;

  g_assert_true (g_file_test (wal, G_FILE_TEST_IS_REGULAR));
  wal_inode = inode_of (wal);

  rostra_test_open_and_close_in_process (f->path);

  /* Another process opens and closes the archive while we have it open. */
  {
    g_auto (RostraTestRun) run = { 0 };

    rostra_test_run_rostra (&run, "--database", f->path, "--list", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "The harbour"));
  }

  /* It knew it was not the last user: our log and index are still there. */
  g_assert_true (g_file_test (wal, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (shm, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (inode_of (wal), ==, wal_inode);

  annotate (f, "the harbour will be rebuilt");

  /* On disk for another process at once… */
  {
    g_auto (RostraTestRun) run = { 0 };

    rostra_test_run_rostra (&run, "--database", f->path, "--export", "csv", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "the harbour will be rebuilt"));
  }

  /* …and after a restart. */
  g_clear_object (&f->store);
  f->store = rostra_store_open (f->path, &error);
  g_assert_no_error (error);
  annotations = rostra_store_list_annotations (f->store, f->article, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (annotations), ==, 1);
}

/* The child's part of locked_for_others(): exits 1 when another process
 * holds a lock on the range that conflicts with a write lock. */
static int
probe (const char *path, const char *start, const char *len)
{
  struct flock lock = { 0 };
  int          fd = g_open (path, O_RDWR | O_CLOEXEC, 0);

  if (fd < 0)
    return 2;
  lock.l_type = F_WRLCK;
  lock.l_whence = SEEK_SET;
  lock.l_start = g_ascii_strtoll (start, NULL, 10);
  lock.l_len = g_ascii_strtoll (len, NULL, 10);
  if (fcntl (fd, F_GETLK, &lock) != 0)
    return 2;
  close (fd);
  return lock.l_type == F_UNLCK ? 0 : 1;
}

/* Whether another process would be refused a write lock on the bytes
 * @start…@start+@len of @path: asked, with classic POSIX locks as SQLite
 * and the `sqlite3` shell take them, from a new process image (this test
 * run as `--probe`), which shares no file description with us. */
static gboolean
locked_for_others (const char *path, off_t start, off_t len)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *start_text = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) start);
  g_autofree char *len_text = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) len);
  const char      *argv[] = { self, "--probe", path, start_text, len_text, NULL };
  g_autoptr (GError) error = NULL;
  int status = -1;

  g_assert_nonnull (self);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL,
                               &status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), <=, 1);
  return WEXITSTATUS (status) == 1;
}

/* The locks themselves, seen from outside, before and after every kind
 * of in-process open and close of the archive's three files. */
static void
test_locks_survive_foreign_close (Fixture *f, gconstpointer data)
{
  g_autofree char *shm = sibling (f->path, "-shm");
  sqlite3_stmt    *stmt = NULL;
  sqlite3         *db = NULL;

  /* The guard is in place for every connection of the core. */
  g_assert_true (_rostra_sqlite_guard_locks ());

  /* In WAL mode an open connection holds a read lock on the database's
   * shared range and on the index's DMS byte as long as it is open: what
   * tells another process's closing connection that it is not the last. */
  g_assert_true (locked_for_others (f->path, SHARED_FIRST, SHARED_SIZE));
  g_assert_true (locked_for_others (shm, SHM_DMS_BYTE, 1));
  rostra_test_open_and_close_in_process (f->path);
  g_assert_true (locked_for_others (f->path, SHARED_FIRST, SHARED_SIZE));
  g_assert_true (locked_for_others (shm, SHM_DMS_BYTE, 1));

  /* A second connection of our own (as a test, or "Open a Backup…" on
   * the archive itself, makes) shares the process's locks and must not
   * drop them either when it closes. */
  g_assert_cmpint (sqlite3_open_v2 (f->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT title FROM articles", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  rostra_test_open_and_close_in_process (f->path);
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  g_assert_true (locked_for_others (f->path, SHARED_FIRST, SHARED_SIZE));
  g_assert_true (locked_for_others (shm, SHM_DMS_BYTE, 1));

  /* Once the store is closed, nothing of ours is left locked. */
  g_clear_object (&f->store);
  g_assert_false (locked_for_others (f->path, SHARED_FIRST, SHARED_SIZE));
}

int
main (int argc, char *argv[])
{
  /* The child of locked_for_others(). */
  if (argc == 5 && g_str_equal (argv[1], "--probe"))
    return probe (argv[2], argv[3], argv[4]);

  g_test_init (&argc, &argv, NULL);

  g_test_add ("/store-lock/foreign-close-keeps-writes", Fixture, NULL, fixture_set_up,
              test_foreign_close_keeps_writes, fixture_tear_down);
  g_test_add ("/store-lock/locks-survive-foreign-close", Fixture, NULL, fixture_set_up,
              test_locks_survive_foreign_close, fixture_tear_down);

  return g_test_run ();
}
