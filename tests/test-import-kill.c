/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-import-kill.c: an import or a removal killed at any moment
 * leaves a sound database holding the file's articles either all or
 * not at all.
 *
 * `rostra --import` is spawned on a dump of a few megabytes and killed
 * with SIGKILL after a random delay spread over the time a whole import
 * takes; then the database is opened the way another program would open
 * it and checked. Removals are killed the same way, in a helper run of
 * this very program (`test-import-kill --remove-import DB ID`).
 */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/wait.h>

#include "rostra-anchor.h"
#include "rostra-importer.h"
#include "rostra-test-utils.h"

#define N_ENTRIES 3000
#define N_ROUNDS  12

static char *self_exe;

typedef struct
{
  gint64 articles;
  gint64 imports;
  gint64 annotations;
} Counts;

/* The generated dump, made once: N_ENTRIES invented speeches. */
static const char *
kill_dump (void)
{
  static const char *const words[] = {
    "harbour", "council", "bridge",  "library", "winter",  "budget", "school", "road",
    "river",   "market",  "orchard", "ferry",   "lantern", "quay",   "timber", "grain",
  };
  static char *path;

  if (path == NULL)
    {
      g_autoptr (GString) s = g_string_new (NULL);
      g_autoptr (GRand) rand = g_rand_new_with_seed (20240611);

      for (guint i = 0; i < N_ENTRIES; i++)
        {
          g_string_append_printf (s, "Address %u to the assembly | The Test Gazette\n\n", i);
          g_string_append_printf (s, "%02u-%02u-19 10:%02u:00,\n\n", 1 + i % 28, 1 + i % 12,
                                  i % 60);
          for (guint p = 0; p < 3; p++)
            {
              for (guint w = 0; w < 40; w++)
                g_string_append_printf (s, "%s%s", w ? " " : "",
                                        words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
              g_string_append (s, ".\n\n");
            }
          g_string_append (s, " \xC2\xBB Lees verder\n\n");
        }
      g_assert_cmpuint (s->len, >, 2 * 1024 * 1024);
      path = rostra_test_write_file ("kill-dump.txt", s->str, s->len);
    }
  return path;
}

static void
copy_database (const char *from, const char *to)
{
  const char *const suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *src = g_strconcat (from, suffixes[i], NULL);
      g_autofree char *dst = g_strconcat (to, suffixes[i], NULL);
      g_autoptr (GFile) src_file = g_file_new_for_path (src);
      g_autoptr (GFile) dst_file = g_file_new_for_path (dst);
      g_autoptr (GError) error = NULL;

      g_unlink (dst);
      if (!g_file_test (src, G_FILE_TEST_EXISTS))
        continue;
      g_file_copy (src_file, dst_file, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
    }
}

/* Opens @path with a connection of its own (which recovers the
 * write-ahead log of a killed writer), checks that it is sound, and
 * counts what it holds. */
static Counts
check_database (const char *path)
{
  sqlite3      *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char         *message = NULL;
  Counts        counts;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
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

  /* The search indexes agree with the tables they index. */
  sqlite3_exec (
      db,
      "INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1);"
      "INSERT INTO annotations_fts (annotations_fts, rank) VALUES ('integrity-check', 1);",
      NULL, NULL, &message);
  g_assert_cmpstr (message, ==, NULL);

  counts.articles = rostra_test_query_int (db, "SELECT count(*) FROM articles");
  counts.imports = rostra_test_query_int (db, "SELECT count(*) FROM imports");
  counts.annotations = rostra_test_query_int (db, "SELECT count(*) FROM annotations");
  g_assert_cmpint (rostra_test_query_int (db, "SELECT count(*) FROM articles_fts_docsize"), ==,
                   counts.articles);
  /* No import was left half-way. */
  g_assert_cmpint (
      rostra_test_query_int (db, "SELECT count(*) FROM imports WHERE finished IS NULL"), ==, 0);
  g_assert_cmpint (
      rostra_test_query_int (db, "SELECT count(*) FROM imports i WHERE n_new !="
                                 " (SELECT count(*) FROM articles a WHERE a.import_id = i.id)"),
      ==, 0);

  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  return counts;
}

static GPid
spawn (const char *const *argv)
{
  g_auto (GStrv) envp = rostra_test_child_environment ();
  g_autoptr (GError) error = NULL;
  GPid pid = 0;

  g_spawn_async (NULL, (char **) argv, envp,
                 G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL |
                     G_SPAWN_STDERR_TO_DEV_NULL,
                 NULL, NULL, &pid, &error);
  g_assert_no_error (error);
  return pid;
}

static GPid
spawn_import (const char *db, const char *dump)
{
  const char *bin = g_getenv ("ROSTRA_BIN");
  const char *argv[] = { bin, "--database", db, "--import", dump, NULL };

  g_assert_nonnull (bin);
  return spawn (argv);
}

static GPid
spawn_removal (const char *db, gint64 import_id)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, import_id);
  const char      *argv[] = { self_exe, "--remove-import", db, id, NULL };

  return spawn (argv);
}

/* Waits for @pid; returns TRUE if it ran to a successful end, FALSE if
 * it was killed. */
static gboolean
reap (GPid pid)
{
  int status = 0;

  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  if (WIFSIGNALED (status))
    {
      g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);
      return FALSE;
    }
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  return TRUE;
}

/* Microseconds @pid takes, run to its end. */
static gint64
time_run (GPid pid)
{
  gint64 start = g_get_monotonic_time ();

  g_assert_true (reap (pid));
  return g_get_monotonic_time () - start;
}

/* Kills @pid after @delay µs; returns whether it had finished by then. */
static gboolean
kill_after (GPid pid, gint64 delay)
{
  g_usleep (delay);
  /* Not reaped yet, so @pid cannot have been reused. */
  kill (pid, SIGKILL);
  return reap (pid);
}

/* Round @round of @n_rounds gets a delay in its own slice of
 * [0, 1.15 × @duration]: random, and spread over the whole run. */
static gint64
random_delay (guint round, guint n_rounds, gint64 duration)
{
  gint64 span = duration * 115 / 100;
  gint64 slice = span / n_rounds;

  return slice * round + g_test_rand_int_range (0, MAX (slice, 2));
}

/* An archive holding the fixture (so never empty); with @with_dump, the
 * generated dump too, one of whose articles carries an annotation. */
static char *
make_template_once (const char *name, gboolean with_dump, gint64 *dump_import)
{
  g_autofree char *fixture = rostra_test_data_path ("speeches.txt");
  g_autofree char *path = NULL;
  g_autoptr (RostraStore) store = rostra_test_store_new (&path);
  g_autoptr (GFile) fixture_file = g_file_new_for_path (fixture);
  g_autoptr (GError) error = NULL;
  g_autofree char *target = g_build_filename (rostra_test_tmpdir (), name, NULL);

  g_assert_true (rostra_import_file (store, fixture_file, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  if (with_dump)
    {
      g_autoptr (GFile) dump = g_file_new_for_path (kill_dump ());
      g_autoptr (RostraImportReport) report = NULL;
      g_autoptr (RostraArticle) article = NULL;
      g_autoptr (RostraAnnotation) annotation = NULL;
      g_autofree char *exact = NULL, *prefix = NULL, *suffix = NULL;
      g_autoptr (GArray) ids = NULL;
      g_autoptr (RostraQuery) query = rostra_query_new ();

      g_assert_true (rostra_import_file (store, dump, NULL, NULL, NULL, NULL, &report, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (report->n_new, ==, N_ENTRIES);
      *dump_import = report->import_id;

      query->imports = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_array_append_val (query->imports, report->import_id);
      ids = rostra_store_query_ids (store, query, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (ids->len, ==, N_ENTRIES);
      article = rostra_store_load_article (store, g_array_index (ids, gint64, 0), &error);
      g_assert_no_error (error);
      rostra_anchor_describe (rostra_article_get_text (article), 0, 15, &exact, &prefix, &suffix);
      annotation =
          rostra_annotation_new (rostra_article_get_id (article), 0, 15, exact, prefix, suffix);
      g_assert_true (rostra_store_add_annotation (store, annotation, &error));
      g_assert_no_error (error);
    }

  g_clear_object (&store);
  copy_database (path, target);
  return g_steal_pointer (&target);
}

/* The templates, made once for both tests. */
static const char *
template_path (gboolean with_dump, gint64 *dump_import)
{
  static char  *paths[2];
  static gint64 import_id;

  if (paths[with_dump] == NULL)
    paths[with_dump] =
        make_template_once (with_dump ? "kill-full.db" : "kill-fresh.db", with_dump, &import_id);
  if (dump_import)
    *dump_import = import_id;
  return paths[with_dump];
}

static void
test_kill_import (void)
{
  const char      *dump = kill_dump ();
  const char      *fresh = template_path (FALSE, NULL);
  const char      *full = template_path (TRUE, NULL);
  g_autofree char *db = g_build_filename (rostra_test_tmpdir (), "kill-round.db", NULL);
  Counts           base_fresh, base_full, counts;
  gint64           duration_new, duration_dup;
  guint            n_before = 0, n_after = 0, n_finished = 0, n_resumed = 0;

  /* How long a whole import takes, new and all duplicate. */
  copy_database (fresh, db);
  base_fresh = check_database (db);
  g_assert_cmpint (base_fresh.articles, >, 0);
  duration_new = time_run (spawn_import (db, dump));
  counts = check_database (db);
  g_assert_cmpint (counts.articles, ==, base_fresh.articles + N_ENTRIES);
  base_full = check_database (full);
  g_assert_cmpint (base_full.articles, ==, base_fresh.articles + N_ENTRIES);
  copy_database (full, db);
  duration_dup = time_run (spawn_import (db, dump));
  g_test_message ("A whole import takes %.0f ms; a re-import %.0f ms", duration_new / 1000.0,
                  duration_dup / 1000.0);

  for (guint round = 0; round < N_ROUNDS; round++)
    {
      /* Even rounds import into an archive without the dump, odd ones
       * into one that holds it all already. */
      gboolean new_entries = round % 2 == 0;
      Counts   before = new_entries ? base_fresh : base_full;
      gint64   delay =
          random_delay (round / 2, N_ROUNDS / 2, new_entries ? duration_new : duration_dup);
      gboolean finished;

      copy_database (new_entries ? fresh : full, db);
      finished = kill_after (spawn_import (db, dump), delay);
      counts = check_database (db);
      g_test_message ("Round %u (%s): killed after %.0f ms%s; %" G_GINT64_FORMAT " articles", round,
                      new_entries ? "new" : "duplicates", delay / 1000.0,
                      finished ? " (it had finished)" : "", counts.articles);
      n_finished += finished;
      g_assert_cmpint (counts.annotations, ==, before.annotations);

      if (counts.articles == before.articles)
        {
          /* Nothing at all: not even the import's row. */
          g_assert_cmpint (counts.imports, ==, before.imports);
          g_assert_false (new_entries && finished);
          n_before++;

          /* And the archive takes the same file afterwards, whole. */
          if (new_entries && n_resumed++ == 0)
            {
              g_assert_true (reap (spawn_import (db, dump)));
              counts = check_database (db);
              g_assert_cmpint (counts.articles, ==, before.articles + N_ENTRIES);
            }
        }
      else
        {
          /* Everything, with its finished import row. */
          g_assert_true (new_entries);
          g_assert_cmpint (counts.articles, ==, before.articles + N_ENTRIES);
          g_assert_cmpint (counts.imports, ==, before.imports + 1);
          n_after++;
        }
    }

  g_test_message ("%u rounds left the archive as it was, %u with the whole file; %u imports "
                  "had finished before the kill",
                  n_before, n_after, n_finished);
  g_assert_cmpuint (n_before + n_after, ==, N_ROUNDS);
}

static void
test_kill_removal (void)
{
  gint64           dump_import = 0;
  const char      *full = template_path (TRUE, &dump_import);
  g_autofree char *db = g_build_filename (rostra_test_tmpdir (), "kill-remove-round.db", NULL);
  Counts           before, counts;
  gint64           duration;
  guint            n_kept = 0, n_removed = 0;

  g_assert_cmpint (dump_import, >, 0);
  before = check_database (full);
  g_assert_cmpint (before.annotations, ==, 1);

  copy_database (full, db);
  duration = time_run (spawn_removal (db, dump_import));
  counts = check_database (db);
  g_assert_cmpint (counts.articles, ==, before.articles - N_ENTRIES);
  g_assert_cmpint (counts.imports, ==, before.imports - 1);
  g_assert_cmpint (counts.annotations, ==, 0);
  g_test_message ("A whole removal takes %.0f ms", duration / 1000.0);

  for (guint round = 0; round < N_ROUNDS / 2; round++)
    {
      gint64   delay = random_delay (round, N_ROUNDS / 2, duration);
      gboolean finished;

      copy_database (full, db);
      finished = kill_after (spawn_removal (db, dump_import), delay);
      counts = check_database (db);
      g_test_message ("Removal %u: killed after %.0f ms%s; %" G_GINT64_FORMAT " articles", round,
                      delay / 1000.0, finished ? " (it had finished)" : "", counts.articles);

      if (counts.articles == before.articles)
        {
          g_assert_false (finished);
          g_assert_cmpint (counts.imports, ==, before.imports);
          g_assert_cmpint (counts.annotations, ==, before.annotations);
          n_kept++;
        }
      else
        {
          g_assert_cmpint (counts.articles, ==, before.articles - N_ENTRIES);
          g_assert_cmpint (counts.imports, ==, before.imports - 1);
          g_assert_cmpint (counts.annotations, ==, 0);
          n_removed++;
        }
    }
  g_test_message ("%u removals left the import whole, %u removed it all", n_kept, n_removed);
}

/* The helper run: removes one import (annotated articles too), as the
 * Imports page does, and is killed on the way. */
static int
remove_import_main (const char *db, const char *id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RostraStore) store = rostra_store_open (db, &error);

  if (store == NULL ||
      !rostra_store_remove_import (store, g_ascii_strtoll (id, NULL, 10), TRUE, NULL, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  return 0;
}

int
main (int argc, char *argv[])
{
  if (argc == 4 && g_str_equal (argv[1], "--remove-import"))
    return remove_import_main (argv[2], argv[3]);

  self_exe = g_file_read_link ("/proc/self/exe", NULL);
  if (self_exe == NULL)
    self_exe = g_canonicalize_filename (argv[0], NULL);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import-kill/import", test_kill_import);
  g_test_add_func ("/import-kill/removal", test_kill_removal);

  return g_test_run ();
}
