/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-backup.c: libFuzzer target: any bytes as a JSON backup (and,
 * when they do not start with "{", as a dump) into a real archive.
 * Never crashes; a failed import leaves no trace; the archive stays
 * sound. */

#include "config.h"

#include <stdlib.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "rostra-importer.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static RostraStore *store;
static char        *dir;
static char        *path;

/* At exit (libFuzzer's or the replay's): close the archive, leave no files behind. */
static void
remove_archive (void)
{
  static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };

  g_clear_object (&store);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_remove (file);
    }
  g_rmdir (dir);
  g_clear_pointer (&path, g_free);
  g_clear_pointer (&dir, g_free);
}

static gint64
count_imports (void)
{
  sqlite3      *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64        n;

  g_assert (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK);
  g_assert (sqlite3_prepare_v2 (db, "SELECT count(*) FROM imports", -1, &stmt, NULL) == SQLITE_OK);
  g_assert (sqlite3_step (stmt) == SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  g_autoptr (GInputStream) in = g_memory_input_stream_new_from_data (data, size, NULL);
  g_autoptr (RostraImportReport) report = NULL;
  g_autoptr (GError) error = NULL;
  gint64   before;
  gboolean ok;

  if (store == NULL)
    {
      dir = g_dir_make_tmp ("rostra-fuzz-XXXXXX", NULL);
      g_assert (dir != NULL);
      path = g_build_filename (dir, "archive.db", NULL);
      store = rostra_store_open (path, &error);
      g_assert (store != NULL);
      atexit (remove_archive);
    }

  before = count_imports ();
  ok = rostra_import_stream (store, in, "fuzz", "fuzz.json", NULL, NULL, NULL, &report, &error);
  g_assert (report != NULL);
  g_assert (ok == (error == NULL));
  if (!ok || (report->n_new == 0 && report->n_annotations_new == 0))
    g_assert (count_imports () == before);
  return 0;
}
