// SPDX-License-Identifier: GPL-3.0-or-later
/* rostra-store-recovery.c: keeping an archive that cannot be opened aside.
 *
 * When the archive is damaged, is not a database or comes from a newer
 * Rostra, the window offers to start a new one (or to restore a backup
 * into a new one). The old file is never deleted or written to: it is
 * renamed, with its -wal, -shm and -journal files, to a dated name in
 * the same folder, and a name already taken is never reused.
 */

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

#include "rostra-sqlite-private.h"
#include "rostra-store-recovery.h"
#include "rostra-store.h"

/* The files SQLite keeps beside an archive, which belong to it. */
static const char *const companions[] = { "", "-wal", "-shm", "-journal" };

static gboolean
any_exists (const char *path)
{
  for (guint i = 0; i < G_N_ELEMENTS (companions); i++)
    {
      g_autofree char *file = g_strconcat (path, companions[i], NULL);

      if (g_file_test (file, G_FILE_TEST_EXISTS))
        return TRUE;
    }
  return FALSE;
}

/**
 * rostra_store_recovery_dup_kept_file:
 * @path: an archive's file
 * @reason: why it is kept: `damaged`, `replaced`
 * @when: (nullable): the time in the name; now when %NULL
 *
 * The name @path is kept under beside itself: for `archive.db` and
 * `damaged`, `archive-damaged-2026-11-27-142501.db` in the same folder
 * (local time), or with `-2`, `-3`… when that name (or its -wal, -shm or
 * -journal file) is taken. Nothing is created.
 *
 * Returns: (transfer full): the file
 */
GFile *
rostra_store_recovery_dup_kept_file (const char *path, const char *reason, GDateTime *when)
{
  g_autoptr (GDateTime) local = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *stamp = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (reason != NULL, NULL);

  local = when ? g_date_time_to_local (when) : g_date_time_new_now_local ();
  stamp = g_date_time_format (local, "%Y-%m-%d-%H%M%S");
  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  if (g_str_has_suffix (base, ".db") && strlen (base) > 3)
    base[strlen (base) - 3] = '\0';

  for (guint n = 1;; n++)
    {
      g_autofree char *name = n == 1 ? g_strdup_printf ("%s-%s-%s.db", base, reason, stamp)
                                     : g_strdup_printf ("%s-%s-%s-%u.db", base, reason, stamp, n);
      g_autofree char *kept = g_build_filename (dir, name, NULL);

      if (!any_exists (kept))
        return g_file_new_for_path (kept);
    }
}

/**
 * rostra_store_recovery_dup_aside_file:
 * @path: an archive's file
 * @when: (nullable): the time in the name; now when %NULL
 *
 * The name @path is kept as when it is moved aside, damaged:
 * `archive-damaged-2026-11-27-142501.db` (see
 * rostra_store_recovery_dup_kept_file()).
 *
 * Returns: (transfer full): the file
 */
GFile *
rostra_store_recovery_dup_aside_file (const char *path, GDateTime *when)
{
  return rostra_store_recovery_dup_kept_file (path, "damaged", when);
}

/* Gives @from the name @to as well, never replacing a file at @to: a
 * hard link where the file system has them, else a rename once @to is
 * known to be free. */
static gboolean
link_or_rename (const char *from, const char *to, gboolean *renamed, GError **error)
{
  int saved_errno;

  *renamed = FALSE;
  if (link (from, to) == 0)
    return TRUE;
  saved_errno = errno;

  if (saved_errno == EPERM || saved_errno == ENOTSUP || saved_errno == ENOSYS ||
      saved_errno == EOPNOTSUPP || saved_errno == EMLINK)
    {
      if (g_file_test (to, G_FILE_TEST_EXISTS))
        saved_errno = EEXIST;
      else if (g_rename (from, to) == 0)
        {
          *renamed = TRUE;
          return TRUE;
        }
      else
        saved_errno = errno;
    }

  {
    g_autofree char *display = g_filename_display_name (from);
    g_autofree char *display_to = g_filename_display_name (to);

    g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                 /* Translators: the first two %s are file names, the last the reason. */
                 _("“%s” cannot be moved aside to “%s”: %s"), display, display_to,
                    g_strerror (saved_errno));
  }
  return FALSE;
}

/**
 * rostra_store_recovery_move_aside:
 * @path: an archive that cannot be opened
 * @when: (nullable): the time in the new name; now when %NULL
 * @error: return location for a %G_IO_ERROR
 *
 * Renames @path, and its -wal, -shm and -journal files when they are
 * there, to the name rostra_store_recovery_dup_aside_file() gives, in
 * the same folder. Nothing is deleted, written to or replaced: the
 * files are linked under their new names first, and the old names go
 * only once every link is there. On failure every file keeps its old
 * name (the links made so far are removed).
 *
 * Returns: (transfer full) (nullable): the file @path is now, or %NULL
 *   with @error set (also when there is no file at @path)
 */
GFile *
rostra_store_recovery_move_aside (const char *path, GDateTime *when, GError **error)
{
  g_autoptr (GFile) aside = NULL;
  const char *aside_path;
  gboolean    made[G_N_ELEMENTS (companions)] = { FALSE };
  gboolean    renamed[G_N_ELEMENTS (companions)] = { FALSE };
  guint       i;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   /* Translators: %s is a file name. */
                   _("“%s” cannot be moved aside: there is no such file"), display);
      return NULL;
    }

  aside = rostra_store_recovery_dup_aside_file (path, when);
  aside_path = g_file_peek_path (aside);

  for (i = 0; i < G_N_ELEMENTS (companions); i++)
    {
      g_autofree char *from = g_strconcat (path, companions[i], NULL);
      g_autofree char *to = g_strconcat (aside_path, companions[i], NULL);

      if (i > 0 && !g_file_test (from, G_FILE_TEST_EXISTS))
        continue;
      if (!link_or_rename (from, to, &renamed[i], error))
        break;
      made[i] = TRUE;
    }

  if (i < G_N_ELEMENTS (companions))
    {
      /* Back as it was: drop the new links, rename back what was renamed. */
      for (guint j = 0; j < i; j++)
        {
          g_autofree char *from = g_strconcat (path, companions[j], NULL);
          g_autofree char *to = g_strconcat (aside_path, companions[j], NULL);

          if (!made[j])
            continue;
          if (renamed[j])
            g_rename (to, from);
          else
            g_unlink (to);
        }
      return NULL;
    }

  /* Every file has its new name: now the old names go, the main file
   * last, so that SQLite never finds the archive without its journal. */
  for (i = G_N_ELEMENTS (companions); i > 0; i--)
    {
      g_autofree char *from = g_strconcat (path, companions[i - 1], NULL);

      if (made[i - 1] && !renamed[i - 1] && g_unlink (from) != 0)
        {
          int              saved_errno = errno;
          g_autofree char *display = g_filename_display_name (from);
          g_autofree char *display_to = g_filename_display_name (aside_path);

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("“%s” cannot be moved aside to “%s”: %s"), display, display_to,
                          g_strerror (saved_errno));
          return NULL;
        }
    }

  return g_steal_pointer (&aside);
}

/**
 * rostra_store_recovery_quick_check:
 * @path: an archive
 * @error: return location for a %ROSTRA_STORE_ERROR
 *
 * Reads the whole archive at @path on a read-only connection of its
 * own (`PRAGMA quick_check`), as rostra_store_open() does not: a file
 * whose first pages are sound opens even when pages further on are
 * damaged. Any thread; nothing is written.
 *
 * Returns: %TRUE when the check found nothing wrong; %FALSE with
 *   %ROSTRA_STORE_ERROR_CORRUPT (or %ROSTRA_STORE_ERROR_NOT_A_DATABASE)
 *   when it did, %ROSTRA_STORE_ERROR_FAILED when it could not run
 */
gboolean
rostra_store_recovery_quick_check (const char *path, GError **error)
{
  sqlite3         *db = NULL;
  sqlite3_stmt    *stmt = NULL;
  g_autofree char *problem = NULL;
  int              rc;

  g_return_val_if_fail (path != NULL, FALSE);

  rc = _rostra_sqlite_open (path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX);
  if (rc == SQLITE_OK)
    {
      sqlite3_extended_result_codes (db, 1);
      sqlite3_busy_timeout (db, 5000);
      rc = sqlite3_prepare_v2 (db, "PRAGMA quick_check(1)", -1, &stmt, NULL);
    }
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          const char *result = (const char *) sqlite3_column_text (stmt, 0);

          if (g_strcmp0 (result, "ok") != 0)
            problem = g_strdup (result ? result : "?");
          rc = SQLITE_OK;
        }
    }
  if (rc != SQLITE_OK && problem == NULL)
    problem = g_strdup (db ? sqlite3_errmsg (db) : sqlite3_errstr (rc));

  sqlite3_finalize (stmt);
  sqlite3_close (db);

  if (rc == SQLITE_OK && problem == NULL)
    return TRUE;

  if (rc == SQLITE_OK || (rc & 0xff) == SQLITE_CORRUPT)
    g_set_error (error, ROSTRA_STORE_ERROR, ROSTRA_STORE_ERROR_CORRUPT,
                 _("The archive “%s” is damaged (%s); it was left untouched"), path, problem);
  else if ((rc & 0xff) == SQLITE_NOTADB)
    g_set_error (error, ROSTRA_STORE_ERROR, ROSTRA_STORE_ERROR_NOT_A_DATABASE,
                 _("“%s” is not a Rostra archive (not a database); it was left untouched"), path);
  else
    g_set_error (error, ROSTRA_STORE_ERROR, ROSTRA_STORE_ERROR_FAILED,
                 _("Archive error in “%s”: %s"), path, problem);
  return FALSE;
}
