/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-test-utils.c: helpers shared by the test programs. */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "rostra-exporter.h"
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

/* The whole archive as `rostra --export json` writes it. */
char *
rostra_test_export_json (RostraStore *store)
{
  g_autoptr (GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr (GError) error = NULL;

  g_assert_true (rostra_export_json (store, out, NULL, &error));
  g_assert_no_error (error);
  g_output_stream_write_all (out, "", 1, NULL, NULL, NULL);
  g_output_stream_close (out, NULL, NULL);
  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
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
