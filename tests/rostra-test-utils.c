/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-test-utils.c: helpers shared by the test programs. */

#include "config.h"

#include <fcntl.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "rostra-importer.h"
#include "rostra-test-utils.h"

static char *tmpdir;

static void
remove_tree (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
remove_tmpdir (void)
{
  if (tmpdir && !g_getenv ("ROSTRA_TEST_KEEP"))
    remove_tree (tmpdir);
}

/* A folder for this test program, removed when it exits. */
const char *
rostra_test_tmpdir (void)
{
  if (tmpdir == NULL)
    {
      g_autoptr (GError) error = NULL;

      tmpdir = g_dir_make_tmp ("rostra-test-XXXXXX", &error);
      g_assert_no_error (error);
      atexit (remove_tmpdir);
    }
  return tmpdir;
}

/* The folder @name in the test folder, made with its parents if need
 * be: one folder for each test, where what else appears is checked. */
char *
rostra_test_new_folder (const char *name)
{
  char *dir = g_build_filename (rostra_test_tmpdir (), name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  return dir;
}

/* Compiles the locale @name (say "nl_NL") in UTF-8 into a folder of the
 * test's own, without root (localedef, from the locales package), and
 * points LOCPATH at it, for this process and its children. Returns the
 * locale's name for setlocale() and LC_ALL ("nl_NL.UTF-8"), or %NULL when
 * it cannot be compiled here. */
char *
rostra_test_compile_locale (const char *name)
{
  g_autofree char *dir = g_build_filename (rostra_test_tmpdir (), "locales", NULL);
  g_autofree char *out = NULL;
  g_autofree char *locale = g_strconcat (name, ".UTF-8", NULL);
  g_autofree char *source = g_build_filename ("/usr/share/i18n/locales", name, NULL);
  const char      *argv[] = { "localedef", "-i", name, "-f", "UTF-8", NULL, NULL };
  g_autofree char *localedef = g_find_program_in_path ("localedef");
  int              status = -1;

  if (localedef == NULL || !g_file_test (source, G_FILE_TEST_EXISTS))
    return NULL;
  g_mkdir_with_parents (dir, 0700);
  out = g_build_filename (dir, locale, NULL);
  argv[5] = out;
  if (!g_spawn_sync (NULL, (char **) argv, NULL,
                     G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, NULL, NULL, &status, NULL) ||
      !g_file_test (out, G_FILE_TEST_IS_DIR))
    return NULL;
  g_setenv ("LOCPATH", dir, TRUE);
  return g_steal_pointer (&locale);
}

char *
rostra_test_write_file (const char *name, const char *contents, gssize len)
{
  g_autoptr (GError) error = NULL;
  char *path = g_build_filename (rostra_test_tmpdir (), name, NULL);

  g_file_set_contents (path, contents, len, &error);
  g_assert_no_error (error);
  return path;
}

char *
rostra_test_data_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", name, NULL);
}

/* A new, empty archive in the test folder. */
RostraStore *
rostra_test_store_new (char **path)
{
  static guint counter;
  g_autoptr (GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("archive-%u.db", ++counter);
  g_autofree char *db = g_build_filename (rostra_test_tmpdir (), name, NULL);
  RostraStore     *store = rostra_store_open (db, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  if (path)
    *path = g_steal_pointer (&db);
  return store;
}

/* Imports the fixture, data/speeches.txt (three speeches), into @store. */
void
rostra_test_import_fixture (RostraStore *store)
{
  g_autofree char *fixture = rostra_test_data_path ("speeches.txt");
  g_autoptr (GFile) file = g_file_new_for_path (fixture);
  g_autoptr (GError) error = NULL;

  g_assert_true (rostra_import_file (store, file, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

/* An archive with the fixture's speeches at @path, closed again. */
void
rostra_test_make_archive (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RostraStore) store = rostra_store_open (path, &error);

  g_assert_no_error (error);
  rostra_test_import_fixture (store);
}

/* Parses @data to the end; returns the entries, or %NULL on error. */
GPtrArray *
rostra_test_parse (const char *data, gssize len, RostraDumpParser **parser, GError **error)
{
  g_autoptr (GInputStream) stream = NULL;
  g_autoptr (RostraDumpParser) p = NULL;
  g_autoptr (GPtrArray) entries =
      g_ptr_array_new_with_free_func ((GDestroyNotify) rostra_dump_entry_free);

  if (len < 0)
    len = strlen (data);
  stream = g_memory_input_stream_new_from_data (g_memdup2 (data, len), len, g_free);
  p = rostra_dump_parser_new (stream);

  for (;;)
    {
      RostraDumpEntry *entry = NULL;

      if (!rostra_dump_parser_next (p, &entry, NULL, error))
        return NULL;
      if (entry == NULL)
        break;
      g_ptr_array_add (entries, entry);
    }

  if (parser)
    *parser = g_steal_pointer (&p);
  return g_steal_pointer (&entries);
}

/* Whether @parser warned about @line with a message holding @fragment. */
gboolean
rostra_test_has_warning (RostraDumpParser *parser, guint line, const char *fragment)
{
  const RostraParseWarning *w;

  for (guint i = 0; (w = rostra_dump_parser_get_warning (parser, i)); i++)
    if (w->line == line && strstr (w->message, fragment) != NULL)
      return TRUE;
  return FALSE;
}

/* Runs a query of the test's own (never user input) through a
 * connection of its own, the way another program would see the file,
 * and returns the first column of the first row as text. */
char *
rostra_test_query_text (const char *db_path, const char *sql)
{
  sqlite3      *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char         *value = NULL;

  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

gint64
rostra_test_count_rows (const char *db_path, const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);
  g_autofree char *count = rostra_test_query_text (db_path, sql);

  g_assert_nonnull (count);
  return g_ascii_strtoll (count, NULL, 10);
}

/* The SHA-256 of a file's bytes, to prove it was left untouched. */
char *
rostra_test_file_checksum (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize            len;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, len);
}

/* A "VmHWM:"-like line of /proc/self/status, in kB, or -1: for the
 * benchmarks' memory reports. */
gint64
rostra_test_read_status_kb (const char *field)
{
  g_autofree char *status = NULL;
  g_auto (GStrv) lines = NULL;
  gsize field_len = strlen (field);

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;

  lines = g_strsplit (status, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    if (strncmp (lines[i], field, field_len) == 0 && lines[i][field_len] == ':')
      return g_ascii_strtoll (lines[i] + field_len + 1, NULL, 10);
  return -1;
}

/* The integer in the first column of @sql's first row, on an open
 * connection. */
gint64
rostra_test_query_int (sqlite3 *db, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64        value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/* What was written to @out, a resizable memory stream, as a string. */
static char *
steal_text (GOutputStream *out)
{
  g_assert_true (g_output_stream_write_all (out, "", 1, NULL, NULL, NULL));
  g_assert_true (g_output_stream_close (out, NULL, NULL));
  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
}

/* The whole archive as `rostra --export json` writes it. */
char *
rostra_test_export_json (RostraStore *store)
{
  g_autoptr (GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr (GError) error = NULL;

  g_assert_true (rostra_export_json (store, out, NULL, &error));
  g_assert_no_error (error);
  return steal_text (out);
}

/* The annotations in @scope (%NULL: all) as rostra_export_annotations()
 * writes them in @format; @n (nullable) gets how many it wrote. */
char *
rostra_test_export (RostraStore             *store,
                    RostraExportFormat       format,
                    const RostraExportScope *scope,
                    guint                   *n)
{
  g_autoptr (GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr (GError) error = NULL;

  g_assert_true (rostra_export_annotations (store, format, scope, out, n, NULL, &error));
  g_assert_no_error (error);
  return steal_text (out);
}

/* The root of @text, which must be valid UTF-8 and JSON; unref it. */
JsonNode *
rostra_test_parse_json (const char *text)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;

  g_assert_true (g_utf8_validate (text, -1, NULL));
  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_ref (json_parser_get_root (parser));
}

/* The environment of a `rostra` the tests start: no display (a
 * headless path must not need one), English messages, and the test's
 * own data directory for the default archive. */
char **
rostra_test_child_environment (void)
{
  char **envp = g_get_environ ();

  envp = g_environ_unsetenv (envp, "DISPLAY");
  envp = g_environ_unsetenv (envp, "WAYLAND_DISPLAY");
  envp = g_environ_unsetenv (envp, "LANGUAGE");
  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  envp = g_environ_setenv (envp, "XDG_DATA_HOME", rostra_test_tmpdir (), TRUE);
  return envp;
}

/* Starting `rostra` ($ROSTRA_BIN, set by meson test) */

/* $ROSTRA_BIN and @args, NULL-terminated. */
static GPtrArray *
rostra_argv (const char *const *args)
{
  const char *bin = g_getenv ("ROSTRA_BIN");
  GPtrArray  *argv = g_ptr_array_new ();

  g_assert_nonnull (bin);
  g_ptr_array_add (argv, (gpointer) bin);
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  return argv;
}

void
rostra_test_run_clear (RostraTestRun *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

/* Runs `rostra ARGS…` (@args NULL-terminated, no shell) in the
 * environment of rostra_test_child_environment(), with no display at
 * all: a headless path that touched GTK would fail. @child_setup
 * (nullable) runs in the child before exec, for limits and the like.
 * Fills @run with what it wrote and its exit status. */
void
rostra_test_run_rostrav (RostraTestRun       *run,
                         const char *const   *args,
                         GSpawnChildSetupFunc child_setup,
                         gpointer             user_data)
{
  g_autoptr (GPtrArray) argv = rostra_argv (args);
  g_auto (GStrv) envp = rostra_test_child_environment ();
  g_autoptr (GError) error = NULL;
  int wait_status = 0;

  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, child_setup, user_data,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  run->status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
}

/* rostra_test_run_rostrav() with the arguments given one by one,
 * NULL-terminated, and no child set-up. */
void
rostra_test_run_rostra (RostraTestRun *run, const char *first_arg, ...)
{
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  va_list args_list;

  va_start (args_list, first_arg);
  for (const char *a = first_arg; a; a = va_arg (args_list, const char *))
    g_ptr_array_add (args, (gpointer) a);
  va_end (args_list);
  g_ptr_array_add (args, NULL);
  rostra_test_run_rostrav (run, (const char *const *) args->pdata, NULL, NULL);
}

/* Starts @argv (a program and its arguments, NULL-terminated) in the
 * environment of rostra_test_child_environment(), its output thrown
 * away; reap it with waitpid(). */
GPid
rostra_test_spawn (const char *const *argv)
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

/* rostra_test_spawn() of `rostra ARGS…` (@args NULL-terminated). */
GPid
rostra_test_spawn_rostra (const char *const *args)
{
  g_autoptr (GPtrArray) argv = rostra_argv (args);

  return rostra_test_spawn ((const char *const *) argv->pdata);
}

/* Writes a feed dump of @n_entries invented speeches titled "@title N
 * to the assembly" (three paragraphs of words drawn with @seed, about
 * 800 bytes each) to the test folder. */
char *
rostra_test_write_dump (const char *name, const char *title, guint n_entries, guint32 seed)
{
  static const char *const words[] = {
    "harbour", "council", "bridge",  "library", "winter",  "budget", "school", "road",
    "river",   "market",  "orchard", "ferry",   "lantern", "quay",   "timber", "grain",
  };
  g_autoptr (GString) s = g_string_new (NULL);
  g_autoptr (GRand) rand = g_rand_new_with_seed (seed);

  for (guint i = 0; i < n_entries; i++)
    {
      g_string_append_printf (s, "%s %u to the assembly | The Test Gazette\n\n", title, i);
      g_string_append_printf (s, "%02u-%02u-19 10:%02u:00,\n\n", 1 + i % 28, 1 + i % 12, i % 60);
      for (guint p = 0; p < 3; p++)
        {
          for (guint w = 0; w < 40; w++)
            g_string_append_printf (s, "%s%s", w ? " " : "",
                                    words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
          g_string_append (s, ".\n\n");
        }
      g_string_append (s, " \xC2\xBB Lees verder\n\n");
    }
  return rostra_test_write_file (name, s->str, s->len);
}

/* A digest of every row of every table (the search indexes' shadow
 * tables too) and of the schema version, read through a connection of
 * its own: equal digests mean the archive holds exactly the same. */
char *
rostra_test_db_digest (const char *db_path)
{
  g_autoptr (GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  sqlite3      *db = NULL;
  sqlite3_stmt *tables = NULL;
  char         *digest;

  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_checksum_update (checksum, (const guchar *) "v", 1);
  g_checksum_update (
      checksum, (const guchar *) &(gint64){ rostra_test_query_int (db, "PRAGMA user_version") },
      sizeof (gint64));
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT name FROM sqlite_schema WHERE type = 'table'"
                                       " AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name",
                                       -1, &tables, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (tables) == SQLITE_ROW)
    {
      const char   *table = (const char *) sqlite3_column_text (tables, 0);
      char         *sql = sqlite3_mprintf ("SELECT * FROM \"%w\"", table);
      sqlite3_stmt *rows = NULL;

      g_checksum_update (checksum, (const guchar *) table, -1);
      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &rows, NULL), ==, SQLITE_OK);
      sqlite3_free (sql);
      while (sqlite3_step (rows) == SQLITE_ROW)
        for (int c = 0; c < sqlite3_column_count (rows); c++)
          {
            const void *value = sqlite3_column_blob (rows, c);
            int         len = sqlite3_column_bytes (rows, c);
            guchar      type = (guchar) sqlite3_column_type (rows, c);

            g_checksum_update (checksum, &type, 1);
            g_checksum_update (checksum, (const guchar *) &len, sizeof len);
            if (len > 0)
              g_checksum_update (checksum, value, len);
          }
      g_assert_cmpint (sqlite3_finalize (rows), ==, SQLITE_OK);
    }
  g_assert_cmpint (sqlite3_finalize (tables), ==, SQLITE_OK);
  sqlite3_close (db);
  digest = g_strdup (g_checksum_get_string (checksum));
  return digest;
}

/* CSV, read back by a strict RFC 4180 reader (for the exports) */

/* Reads @csv into rows of fields; fails the test on anything RFC 4180
 * does not allow: a quote inside an unquoted field, a quote not doubled
 * in a quoted one, a bare CR or LF, a last row without CRLF, rows of
 * different lengths. */
GPtrArray *
rostra_test_read_csv (const char *csv)
{
  GPtrArray  *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  GPtrArray  *row = g_ptr_array_new ();
  GString    *field = g_string_new (NULL);
  const char *p = csv;

  g_assert_false (g_str_has_prefix (csv, "\xEF\xBB\xBF"));
  g_assert_true (g_utf8_validate (csv, -1, NULL));

  while (*p != '\0')
    {
      if (*p == '"')
        {
          for (p++;; p++)
            {
              g_assert_true (*p != '\0'); /* an unterminated quoted field */
              if (*p == '"')
                {
                  if (p[1] == '"')
                    {
                      g_string_append_c (field, '"');
                      p++;
                      continue;
                    }
                  p++;
                  break;
                }
              g_string_append_c (field, *p);
            }
          /* After the closing quote: a separator or the end of the row. */
          g_assert_true (*p == ',' || (p[0] == '\r' && p[1] == '\n'));
        }
      else
        {
          for (; *p != ',' && *p != '\r' && *p != '\0'; p++)
            {
              g_assert_true (*p != '"');
              g_assert_true (*p != '\n');
              g_string_append_c (field, *p);
            }
          g_assert_true (*p != '\0'); /* the last row ends with CRLF too */
        }

      g_ptr_array_add (row, g_string_free (g_steal_pointer (&field), FALSE));
      field = g_string_new (NULL);
      if (*p == ',')
        {
          p++;
          continue;
        }

      g_assert_true (p[0] == '\r' && p[1] == '\n');
      p += 2;
      g_ptr_array_add (row, NULL);
      g_ptr_array_add (rows, g_ptr_array_free (row, FALSE));
      row = g_ptr_array_new ();
    }

  g_assert_cmpuint (row->len, ==, 0);
  g_ptr_array_free (row, TRUE);
  g_string_free (field, TRUE);

  for (guint i = 1; i < rows->len; i++)
    g_assert_cmpuint (g_strv_length (g_ptr_array_index (rows, i)), ==,
                      g_strv_length (g_ptr_array_index (rows, 0)));
  return rows;
}

/* What other code of a GTK app does to files it does not own, done to the
 * archive at @path: GIO sniffs the content type of every file of its
 * folder (as the file chooser does), and opens, reads and closes the
 * archive, its log and its index, read-only and read-write. */
void
rostra_test_open_and_close_in_process (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr (GFile) folder = g_file_new_for_path (dir);
  g_autoptr (GFileEnumerator) children = NULL;
  g_autoptr (GError) error = NULL;
  const char *const suffixes[] = { "", "-wal", "-shm" };
  GFileInfo        *info;
  guint             n_guessed = 0;

  children = g_file_enumerate_children (folder, G_FILE_ATTRIBUTE_STANDARD_CONTENT_TYPE,
                                        G_FILE_QUERY_INFO_NONE, NULL, &error);
  g_assert_no_error (error);
  while ((info = g_file_enumerator_next_file (children, NULL, &error)) != NULL)
    {
      n_guessed++;
      g_object_unref (info);
    }
  g_assert_no_error (error);
  g_assert_cmpuint (n_guessed, >=, 3);

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_autoptr (GFile) gfile = g_file_new_for_path (file);
      g_autoptr (GFileInfo) guessed = NULL;
      char buffer[64];
      int  fd = g_open (file, O_RDONLY | O_CLOEXEC, 0);

      g_assert_cmpint (fd, >=, 0);
      g_assert_cmpint (read (fd, buffer, sizeof buffer), >=, 0);
      g_assert_cmpint (close (fd), ==, 0);

      /* Read-write as well, as an editor or a backup tool could. */
      fd = g_open (file, O_RDWR | O_CLOEXEC, 0);
      g_assert_cmpint (fd, >=, 0);
      g_assert_cmpint (close (fd), ==, 0);

      guessed = g_file_query_info (gfile, G_FILE_ATTRIBUTE_STANDARD_CONTENT_TYPE,
                                   G_FILE_QUERY_INFO_NONE, NULL, &error);
      g_assert_no_error (error);
    }
}

/* Adds an invented speech to @store; returns its id. */
gint64
rostra_test_add_speech (RostraStore *store,
                        const char  *title,
                        const char  *source,
                        const char  *published,
                        const char  *language,
                        const char  *text)
{
  g_autoptr (GError) error = NULL;
  gint64 id = 0;

  g_assert_true (
      rostra_store_add_article (store, 0, title, source, published, language, text, &id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* A GAsyncReadyCallback that keeps the result in *@data (a GAsyncResult *) */
void
rostra_test_store_result (GObject *source, GAsyncResult *result, gpointer data)
{
  GAsyncResult **out = data;

  g_assert_null (*out);
  *out = g_object_ref (result);
}

/* Runs the main context until rostra_test_store_result() stored a
 * result in *@result (a minute at most). */
GAsyncResult *
rostra_test_wait_result (GAsyncResult **result)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (*result == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (*result);
  return *result;
}
