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
 *
 * Annotation edits are killed too: a helper run (`test-import-kill
 * --edit-annotations DB SEED`) creates, edits and deletes annotations in
 * a loop and reports each edit on stdout once its commit has returned;
 * every reported edit must be on disk afterwards. And `rostra --backup`
 * killed at any moment leaves the archive as it was and the backup
 * either absent (or the older one) or whole; `rostra --import` of such a
 * backup killed merges all of it or nothing.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/wait.h>

#include "rostra-anchor.h"
#include "rostra-annotation.h"
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
  static char *path;

  if (path == NULL)
    path = rostra_test_write_dump ("kill-dump.txt", "Address", N_ENTRIES, 20240611);
  return path;
}

/* Copies the database @from (with its -wal and -shm) over @to; with
 * @from %NULL, removes @to. */
static void
copy_database (const char *from, const char *to)
{
  const char *const suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *src = from ? g_strconcat (from, suffixes[i], NULL) : NULL;
      g_autofree char *dst = g_strconcat (to, suffixes[i], NULL);
      g_autoptr (GFile) src_file = NULL;
      g_autoptr (GFile) dst_file = g_file_new_for_path (dst);
      g_autoptr (GError) error = NULL;

      g_unlink (dst);
      if (src == NULL || !g_file_test (src, G_FILE_TEST_EXISTS))
        continue;
      src_file = g_file_new_for_path (src);
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

/* Starts `rostra --database DB OPTION VALUE`. */
static GPid
spawn_rostra (const char *db, const char *option, const char *value)
{
  return rostra_test_spawn_rostra ((const char *const[]){ "--database", db, option, value, NULL });
}

static GPid
spawn_removal (const char *db, gint64 import_id)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, import_id);
  const char      *argv[] = { self_exe, "--remove-import", db, id, NULL };

  return rostra_test_spawn (argv);
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
  g_autofree char *path = NULL;
  g_autoptr (RostraStore) store = rostra_test_store_new (&path);
  g_autoptr (GError) error = NULL;
  g_autofree char *target = g_build_filename (rostra_test_tmpdir (), name, NULL);

  rostra_test_import_fixture (store);

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
  duration_new = time_run (spawn_rostra (db, "--import", dump));
  counts = check_database (db);
  g_assert_cmpint (counts.articles, ==, base_fresh.articles + N_ENTRIES);
  base_full = check_database (full);
  g_assert_cmpint (base_full.articles, ==, base_fresh.articles + N_ENTRIES);
  copy_database (full, db);
  duration_dup = time_run (spawn_rostra (db, "--import", dump));
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
      finished = kill_after (spawn_rostra (db, "--import", dump), delay);
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
              g_assert_true (reap (spawn_rostra (db, "--import", dump)));
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

/* Annotation edits */

#define N_EDIT_ROUNDS 12

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* Everything an edit may change in @annotation, on one line. */
static char *
annotation_state (RostraAnnotation *annotation)
{
  g_auto (GStrv) tags = g_strdupv ((char **) rostra_annotation_get_tags (annotation));
  g_autofree char *joined = NULL;
  g_autofree char *note = g_strescape (rostra_annotation_get_note (annotation), NULL);

  if (tags != NULL)
    qsort (tags, g_strv_length (tags), sizeof (char *), compare_strings);
  joined = tags ? g_strjoinv (",", tags) : g_strdup ("");
  return g_strdup_printf (
      "%" G_GINT64_FORMAT " %u-%u %s [%s] %s", rostra_annotation_get_article_id (annotation),
      rostra_annotation_get_start (annotation), rostra_annotation_get_end (annotation),
      rostra_annotation_get_color (annotation), joined, note);
}

/* id → state of every annotation in @db (checked sound first). */
static GHashTable *
read_annotations (const char *db)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RostraStore) store = NULL;
  g_autoptr (GListModel) list = NULL;
  GHashTable *states = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  check_database (db);
  store = rostra_store_open (db, &error);
  g_assert_no_error (error);
  list = rostra_store_find_annotations (store, NULL, NULL, NULL, FALSE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr (RostraAnnotation) annotation = g_list_model_get_item (list, i);

      g_hash_table_insert (
          states, g_memdup2 (&(gint64){ rostra_annotation_get_id (annotation) }, sizeof (gint64)),
          annotation_state (annotation));
    }
  return states;
}

static void
report (const char *what, gint64 id, RostraAnnotation *annotation)
{
  g_autofree char *state = annotation ? annotation_state (annotation) : g_strdup ("-");

  g_print ("%s %" G_GINT64_FORMAT " %s\n", what, id, state);
  fflush (stdout);
}

/* The helper run: edits annotations at random until it is killed. Each
 * edit is announced (`try ID STATE`, ID 0 for a new one, STATE `-` for a
 * deletion) and, once its commit has returned, reported (`ok ID STATE`). */
static int
edit_annotations_main (const char *db, const char *seed)
{
  static const char *const tag_names[] = { "bridges", "budget", "winter", "quotes" };
  const char *const       *colors = rostra_annotation_colors ();
  g_autoptr (GError) error = NULL;
  g_autoptr (RostraStore) store = rostra_store_open (db, &error);
  g_autoptr (GRand) rand = g_rand_new_with_seed (g_ascii_strtoull (seed, NULL, 10));
  g_autoptr (GListModel) articles = NULL;
  g_autoptr (GListModel) existing = NULL;
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (store == NULL || !(articles = rostra_store_list_articles (store, &error)) ||
      !(existing = rostra_store_find_annotations (store, NULL, NULL, NULL, FALSE, &error)))
    goto failed;
  for (guint i = 0; i < g_list_model_get_n_items (existing); i++)
    {
      g_autoptr (RostraAnnotation) annotation = g_list_model_get_item (existing, i);
      gint64 id = rostra_annotation_get_id (annotation);

      g_array_append_val (ids, id);
    }

  for (guint edit = 0; edit < 100000; edit++)
    {
      g_autoptr (RostraAnnotation) annotation = NULL;
      guint  op = ids->len < 3 ? 0 : (guint) g_rand_int_range (rand, 0, 5);
      guint  pick = ids->len ? (guint) g_rand_int_range (rand, 0, ids->len) : 0;
      gint64 id = ids->len ? g_array_index (ids, gint64, pick) : 0;

      if (op == 0)
        {
          g_autoptr (RostraArticle) article = NULL;
          g_autoptr (RostraArticle) row = g_list_model_get_item (
              articles, g_rand_int_range (rand, 0, g_list_model_get_n_items (articles)));
          g_autofree char *exact = NULL, *prefix = NULL, *suffix = NULL;
          guint            length, start;

          if (!(article = rostra_store_load_article (store, rostra_article_get_id (row), &error)))
            goto failed;
          length = g_utf8_strlen (rostra_article_get_text (article), -1);
          start = g_rand_int_range (rand, 0, MAX (length - 40, 1));
          rostra_anchor_describe (rostra_article_get_text (article), start, start + 30, &exact,
                                  &prefix, &suffix);
          annotation = rostra_annotation_new (rostra_article_get_id (article), start, start + 30,
                                              exact, prefix, suffix);
        }
      else if (!(annotation = rostra_store_load_annotation (store, id, &error)))
        goto failed;

      if (op == 0 || op == 1)
        {
          g_autofree char *note =
              g_strdup_printf ("Note of edit %u: “%s”\nsecond line.", edit, seed);

          rostra_annotation_set_note (annotation, note);
        }
      if (op == 0 || op == 2)
        rostra_annotation_set_color (
            annotation, colors[g_rand_int_range (rand, 0, g_strv_length ((char **) colors))]);
      if (op == 0 || op == 3)
        {
          const char *tags[G_N_ELEMENTS (tag_names) + 1] = { NULL };
          guint       n = 0;

          for (guint t = 0; t < G_N_ELEMENTS (tag_names); t++)
            if (g_rand_boolean (rand))
              tags[n++] = tag_names[t];
          rostra_annotation_set_tags (annotation, tags);
        }

      if (op == 0)
        {
          report ("try", 0, annotation);
          if (!rostra_store_add_annotation (store, annotation, &error))
            goto failed;
          id = rostra_annotation_get_id (annotation);
          g_array_append_val (ids, id);
          report ("ok", id, annotation);
        }
      else if (op == 4)
        {
          report ("try", id, NULL);
          if (!rostra_store_delete_annotation (store, id, &error))
            goto failed;
          g_array_remove_index_fast (ids, pick);
          report ("ok", id, NULL);
        }
      else
        {
          report ("try", id, annotation);
          if (!rostra_store_update_annotation (store, annotation, &error))
            goto failed;
          report ("ok", id, annotation);
        }
    }
  return 0;

failed:
  g_printerr ("%s\n", error->message);
  return 1;
}

static GPid
spawn_editor (const char *db, guint32 seed, int *out_fd)
{
  g_auto (GStrv) envp = rostra_test_child_environment ();
  g_autofree char *seed_arg = g_strdup_printf ("%" G_GUINT32_FORMAT, seed);
  const char      *argv[] = { self_exe, "--edit-annotations", db, seed_arg, NULL };
  g_autoptr (GError) error = NULL;
  GPid pid = 0;

  g_spawn_async_with_pipes (NULL, (char **) argv, envp, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid,
                            NULL, out_fd, NULL, &error);
  g_assert_no_error (error);
  return pid;
}

/* What the parent learnt from the helper's lines: the committed states,
 * and the one edit announced but not reported (if any). */
typedef struct
{
  GHashTable *expected;
  gint64      pending_id; /* -1: none; 0: a new annotation */
  char       *pending_state;
  guint       n_ok;
} EditLog;

static void
apply_line (EditLog *log, const char *line)
{
  g_auto (GStrv) parts = g_strsplit (line, " ", 3);
  gint64 id;

  g_assert_cmpuint (g_strv_length (parts), ==, 3);
  id = g_ascii_strtoll (parts[1], NULL, 10);
  if (g_str_equal (parts[0], "try"))
    {
      g_assert_cmpint (log->pending_id, ==, -1);
      log->pending_id = id;
      g_free (log->pending_state);
      log->pending_state = g_strdup (parts[2]);
      return;
    }

  g_assert_cmpstr (parts[0], ==, "ok");
  g_assert_cmpint (log->pending_id, !=, -1);
  g_assert_cmpstr (parts[2], ==, log->pending_state);
  if (g_str_equal (parts[2], "-"))
    g_assert_true (g_hash_table_remove (log->expected, &id));
  else
    g_hash_table_insert (log->expected, g_memdup2 (&id, sizeof id), g_strdup (parts[2]));
  log->pending_id = -1;
  log->n_ok++;
}

/* Every reported edit is on disk; the announced one is there whole or
 * not at all. Returns whether it was there. */
static gboolean
check_edits (const EditLog *log, GHashTable *on_disk)
{
  GHashTableIter iter;
  gpointer       key, value;
  guint          n_differences = 0;
  gboolean       pending_done = FALSE;

  g_hash_table_iter_init (&iter, on_disk);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const char *expected = g_hash_table_lookup (log->expected, key);

      if (g_strcmp0 (expected, value) == 0)
        continue;
      /* Only the announced edit may differ: a new annotation, or this one changed. */
      n_differences++;
      g_assert_cmpint (log->pending_id, !=, -1);
      g_assert_true ((expected == NULL && log->pending_id == 0) ||
                     log->pending_id == *(gint64 *) key);
      g_assert_cmpstr (value, ==, log->pending_state);
      pending_done = TRUE;
    }

  g_hash_table_iter_init (&iter, log->expected);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (on_disk, key))
      {
        /* Only an announced deletion may be missing. */
        n_differences++;
        g_assert_cmpint (log->pending_id, ==, *(gint64 *) key);
        g_assert_cmpstr (log->pending_state, ==, "-");
        pending_done = TRUE;
      }

  g_assert_cmpuint (n_differences, <=, 1);
  return pending_done;
}

static void
test_kill_annotations (void)
{
  const char      *fresh = template_path (FALSE, NULL);
  g_autofree char *db = g_build_filename (rostra_test_tmpdir (), "kill-edit.db", NULL);
  guint            n_pending_done = 0, n_pending_undone = 0, n_edits = 0;

  GHashTable *states;

  copy_database (fresh, db);
  states = read_annotations (db);
  for (guint round = 0; round < N_EDIT_ROUNDS; round++)
    {
      /* Each round goes on from where the last one left the archive. */
      EditLog     log = { g_steal_pointer (&states), -1, NULL, 0 };
      GHashTable *on_disk = NULL;
      guint       target = g_test_rand_int_range (1, 40);
      gint64      delay = g_test_rand_int_range (0, 5000);
      int         out_fd = -1;
      GPid        pid = spawn_editor (db, g_test_rand_int (), &out_fd);
      FILE       *out = fdopen (out_fd, "r");
      gboolean    killed = FALSE;
      char       *line = NULL;
      size_t      size = 0;
      ssize_t     len;

      /* Read until @target edits were reported, kill a moment later, then
       * read what was written before the kill. */
      g_assert_nonnull (out);
      while ((len = getline (&line, &size, out)) > 0)
        {
          g_assert_cmpint (line[len - 1], ==, '\n');
          line[len - 1] = '\0';
          apply_line (&log, line);
          if (!killed && log.n_ok >= target)
            {
              g_usleep (delay);
              kill (pid, SIGKILL);
              killed = TRUE;
            }
        }
      free (line);
      fclose (out);
      g_assert_true (killed);
      g_assert_false (reap (pid));

      on_disk = read_annotations (db);
      if (log.pending_id != -1 && check_edits (&log, on_disk))
        n_pending_done++;
      else
        {
          check_edits (&log, on_disk);
          n_pending_undone += log.pending_id != -1;
        }
      g_test_message ("Edit round %u: killed %.1f ms after %u reported edits (%u in all); %u "
                      "annotations",
                      round, delay / 1000.0, target, log.n_ok, g_hash_table_size (on_disk));
      n_edits += log.n_ok;
      g_hash_table_unref (log.expected);
      g_free (log.pending_state);
      states = on_disk;
    }
  g_hash_table_unref (states);
  g_test_message ("%u edits reported and found; the edit under way at the kill was on disk %u "
                  "times, not %u times",
                  n_edits, n_pending_done, n_pending_undone);
}

/* Backups */

#define N_BACKUP_ROUNDS 10

/* Removes the hidden files a killed backup left beside @dir's backup;
 * any other file but the backup fails the test. */
static void
clean_backup_dir (const char *dir, const char *backup_name)
{
  g_autoptr (GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)))
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_str_equal (name, backup_name))
        continue;
      g_assert_true (name[0] == '.');
      g_unlink (path);
    }
}

static void
test_kill_backup (void)
{
  const char      *fresh = template_path (FALSE, NULL);
  const char      *full = template_path (TRUE, NULL);
  g_autofree char *db = g_build_filename (rostra_test_tmpdir (), "kill-backup-source.db", NULL);
  g_autofree char *dir = g_build_filename (rostra_test_tmpdir (), "backups", NULL);
  g_autofree char *backup = g_build_filename (dir, "backup.db", NULL);
  g_autofree char *checksum = rostra_test_file_checksum (full);
  Counts           source = check_database (full), older = check_database (fresh), counts;
  gint64           duration;
  guint            n_absent = 0, n_older = 0, n_whole = 0;

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  copy_database (full, db);
  duration = time_run (spawn_rostra (db, "--backup", backup));
  counts = check_database (backup);
  g_assert_cmpint (counts.articles, ==, source.articles);
  g_test_message ("A whole backup takes %.0f ms", duration / 1000.0);

  for (guint round = 0; round < N_BACKUP_ROUNDS; round++)
    {
      /* Odd rounds back up over an older backup. */
      gboolean         over_older = round % 2 == 1;
      gint64           delay = random_delay (round, N_BACKUP_ROUNDS, duration);
      g_autofree char *after = NULL;
      gboolean         finished;

      copy_database (full, db);
      copy_database (fresh, backup);
      if (!over_older)
        copy_database (NULL, backup);
      finished = kill_after (spawn_rostra (db, "--backup", backup), delay);

      /* The archive is as it was, and sound. */
      after = rostra_test_file_checksum (db);
      g_assert_cmpstr (after, ==, checksum);
      counts = check_database (db);
      g_assert_cmpint (counts.articles, ==, source.articles);
      g_assert_cmpint (counts.annotations, ==, source.annotations);

      /* The backup is absent or the older one, or whole. */
      clean_backup_dir (dir, "backup.db");
      if (!g_file_test (backup, G_FILE_TEST_EXISTS))
        {
          g_assert_false (over_older);
          g_assert_false (finished);
          n_absent++;
        }
      else
        {
          counts = check_database (backup);
          if (counts.articles == older.articles && over_older && !finished)
            n_older++;
          else
            {
              g_assert_cmpint (counts.articles, ==, source.articles);
              g_assert_cmpint (counts.imports, ==, source.imports);
              g_assert_cmpint (counts.annotations, ==, source.annotations);
              n_whole++;
            }
        }
      g_test_message ("Backup %u: killed after %.0f ms%s", round, delay / 1000.0,
                      finished ? " (it had finished)" : "");
    }
  g_test_message ("%u killed backups left no file, %u the older backup, %u a whole new one",
                  n_absent, n_older, n_whole);
}

/* `rostra --import BACKUP.db` merges a backup in one transaction: killed,
 * the archive holds all of it or nothing, and the backup is untouched. */
static void
test_kill_merge (void)
{
  const char      *fresh = template_path (FALSE, NULL);
  const char      *full = template_path (TRUE, NULL);
  g_autofree char *backup = g_build_filename (rostra_test_tmpdir (), "kill-merge-backup.db", NULL);
  g_autofree char *db = g_build_filename (rostra_test_tmpdir (), "kill-merge.db", NULL);
  g_autofree char *checksum = NULL;
  Counts           before = check_database (fresh), source = check_database (full), counts;
  gint64           duration;
  guint            n_before = 0, n_after = 0;

  copy_database (full, backup);
  checksum = rostra_test_file_checksum (backup);
  copy_database (fresh, db);
  duration = time_run (spawn_rostra (db, "--import", backup));
  counts = check_database (db);
  g_assert_cmpint (counts.articles, ==, source.articles);
  g_assert_cmpint (counts.annotations, ==, source.annotations);
  g_test_message ("A whole merge takes %.0f ms", duration / 1000.0);

  for (guint round = 0; round < N_ROUNDS / 2; round++)
    {
      gint64           delay = random_delay (round, N_ROUNDS / 2, duration);
      g_autofree char *after = NULL;
      gboolean         finished;

      copy_database (fresh, db);
      finished = kill_after (spawn_rostra (db, "--import", backup), delay);
      after = rostra_test_file_checksum (backup);
      g_assert_cmpstr (after, ==, checksum);
      counts = check_database (db);
      g_test_message ("Merge %u: killed after %.0f ms%s; %" G_GINT64_FORMAT " articles", round,
                      delay / 1000.0, finished ? " (it had finished)" : "", counts.articles);
      if (counts.articles == before.articles)
        {
          g_assert_false (finished);
          g_assert_cmpint (counts.annotations, ==, before.annotations);
          g_assert_cmpint (counts.imports, ==, before.imports);
          n_before++;
        }
      else
        {
          g_assert_cmpint (counts.articles, ==, source.articles);
          g_assert_cmpint (counts.annotations, ==, source.annotations);
          n_after++;
        }
    }
  g_test_message ("%u merges left the archive as it was, %u merged it all", n_before, n_after);
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
  if (argc == 4 && g_str_equal (argv[1], "--edit-annotations"))
    return edit_annotations_main (argv[2], argv[3]);

  self_exe = g_file_read_link ("/proc/self/exe", NULL);
  if (self_exe == NULL)
    self_exe = g_canonicalize_filename (argv[0], NULL);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import-kill/import", test_kill_import);
  g_test_add_func ("/import-kill/removal", test_kill_removal);
  g_test_add_func ("/import-kill/annotations", test_kill_annotations);
  g_test_add_func ("/import-kill/backup", test_kill_backup);
  g_test_add_func ("/import-kill/merge", test_kill_merge);

  return g_test_run ();
}
