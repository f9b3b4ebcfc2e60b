/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-archive-backup.c: backing up the live archive, and restoring it.
 *
 * A backup is a copy made through SQLite's online backup API on a
 * connection of its own, inside one read transaction: with WAL the copy
 * is one committed state of the archive (before or after a running
 * import, never half of it) while the window and imports keep reading
 * and writing. It is written to a hidden file beside the destination,
 * made a standalone file (journal mode DELETE: no -wal needed), flushed
 * to disk and renamed over the destination, so that the destination is
 * never half a backup.
 *
 * Restoring reads either such a backup (any Rostra archive) or a JSON
 * export. Merging goes through the JSON import in every case (an archive
 * is first copied to a temporary file, never written to, and exported),
 * so that it matches articles by content and annotations by passage as
 * `rostra --import backup.json` does, in one transaction. Replacing
 * validates the source fully on a temporary copy, keeps the live
 * archive as a dated file beside it, and then copies the source into the
 * live archive in place, again through the backup API, in one write
 * transaction: the connections already open on it (the window's) stay
 * valid and see the new content at their next read.
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rostra-sqlite-private.h"
#include "rostra-archive-backup.h"
#include "rostra-exporter.h"
#include "rostra-store-private.h"
#include "rostra-store-recovery.h"

/* Pages copied per step of a backup: 4 MiB with the default page size. */
#define STEP_PAGES      1024
#define BUSY_TIMEOUT_MS 5000
/* A step that finds the archive locked is retried for this long. */
#define BUSY_DEADLINE_US (30 * G_USEC_PER_SEC)
#define BUSY_SLEEP_MS    50
/* How many times the dated copy is taken again when the archive changed
 * while it was being made. */
#define KEPT_ATTEMPTS 5
/* What is read of a source to tell an archive from a JSON export. */
#define DETECT_SIZE 4096

G_DEFINE_QUARK (rostra_backup_error_quark, rostra_backup_error)

static const char *const db_suffixes[] = { "-journal", "-wal", "-shm" };

/* Errors */

static RostraBackupError
error_code_for (int rc)
{
  switch (rc & 0xff)
    {
      case SQLITE_FULL:
        return ROSTRA_BACKUP_ERROR_FULL;
      case SQLITE_BUSY:
      case SQLITE_LOCKED:
        return ROSTRA_BACKUP_ERROR_BUSY;
      case SQLITE_CORRUPT:
        return ROSTRA_BACKUP_ERROR_CORRUPT;
      case SQLITE_NOTADB:
        return ROSTRA_BACKUP_ERROR_NOT_AN_ARCHIVE;
      default:
        return ROSTRA_BACKUP_ERROR_FAILED;
    }
}

/* @what says what failed, as a sentence without its full stop. */
static gboolean
set_sqlite_error (GError **error, int rc, sqlite3 *db, const char *what)
{
  RostraBackupError code = error_code_for (rc);
  const char       *detail = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);

  switch (code)
    {
      case ROSTRA_BACKUP_ERROR_FULL:
        /* Translators: %s says what failed, e.g. “The backup failed”. */
        g_set_error (error, ROSTRA_BACKUP_ERROR, code, _("%s: the disk is full"), what);
        break;
      case ROSTRA_BACKUP_ERROR_BUSY:
        g_set_error (error, ROSTRA_BACKUP_ERROR, code,
                     _("%s: the archive is in use by another program; try again when it is done"),
                        what);
        break;
      default:
        g_set_error (error, ROSTRA_BACKUP_ERROR, code, "%s: %s", what, detail);
        break;
    }
  return FALSE;
}

/* @format says what failed, without its full stop; the system's reason
 * follows it. */
static gboolean
    G_GNUC_PRINTF (3, 4) set_errno_error (GError **error, int saved_errno, const char *format, ...)
{
  g_autofree char *what = NULL;
  va_list          args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), "%s: %s", what,
               g_strerror (saved_errno));
  return FALSE;
}

/* Files and connections */

static gboolean
open_db (const char *path, sqlite3 **db, GError **error)
{
  int rc = _rostra_sqlite_open (path, db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX);

  if (rc != SQLITE_OK)
    {
      g_autofree char *display = g_filename_display_name (path);
      g_autofree char *what = g_strdup_printf (_("“%s” cannot be opened"), display);

      set_sqlite_error (error, rc, *db, what);
      sqlite3_close (*db);
      *db = NULL;
      return FALSE;
    }
  sqlite3_extended_result_codes (*db, 1);
  sqlite3_busy_timeout (*db, BUSY_TIMEOUT_MS);
  return TRUE;
}

/* Removes a database file and the journals SQLite may leave beside it. */
static void
remove_db_files (const char *path)
{
  if (path == NULL)
    return;
  g_unlink (path);
  for (guint i = 0; i < G_N_ELEMENTS (db_suffixes); i++)
    {
      g_autofree char *side = g_strconcat (path, db_suffixes[i], NULL);

      g_unlink (side);
    }
}

/* A new, empty, private file in @dir named after @pattern (which holds
 * XXXXXX), for a temporary copy. */
static char *
make_temp_file (const char *dir, const char *pattern, GError **error)
{
  char *path = g_build_filename (dir, pattern, NULL);
  int   fd = g_mkstemp_full (path, O_RDWR | O_CLOEXEC, 0600);

  if (fd < 0)
    {
      int saved_errno = errno;

      g_autofree char *display = g_filename_display_name (dir);

      set_errno_error (error, saved_errno, _("No temporary file can be made in “%s”"), display);
      g_free (path);
      return NULL;
    }
  close (fd);
  return path;
}

static gboolean
sync_path (const char *path, gboolean directory, GError **error)
{
  int fd = g_open (path, (directory ? O_DIRECTORY : 0) | O_RDONLY | O_CLOEXEC, 0);

  if (fd < 0 || (fsync (fd) != 0 && !directory))
    {
      int saved_errno = errno;

      if (fd >= 0)
        close (fd);
      /* Some file systems cannot sync folders; the file itself is what matters. */
      if (directory)
        return TRUE;
      {
        g_autofree char *display = g_filename_display_name (path);

        return set_errno_error (error, saved_errno, _("“%s” cannot be written to disk"), display);
      }
    }
  close (fd);
  return TRUE;
}

/* Whether @a and @b name the same file, or would once @b is created. */
static gboolean
same_file (const char *a, const char *b)
{
  GStatBuf         sa, sb;
  g_autofree char *ca = NULL, *cb = NULL;

  if (g_stat (a, &sa) == 0 && g_stat (b, &sb) == 0)
    return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;

  ca = realpath (a, NULL);
  if (ca == NULL)
    ca = g_canonicalize_filename (a, NULL);
  /* @b may not exist yet: resolve its folder. */
  {
    g_autofree char *dir = g_path_get_dirname (b);
    g_autofree char *base = g_path_get_basename (b);
    g_autofree char *real_dir = realpath (dir, NULL);

    cb = g_build_filename (real_dir ? real_dir : dir, base, NULL);
    if (real_dir == NULL)
      {
        char *canonical = g_canonicalize_filename (cb, NULL);

        g_free (cb);
        cb = canonical;
      }
  }
  return g_str_equal (ca, cb);
}

static gboolean
is_memory (const char *path)
{
  return path == NULL || g_str_equal (path, ":memory:") || *path == '\0';
}

/* Runs SQL of this file's own (never user input), returning the first
 * column of the first row as text in @value when asked. */
static int
query_text (sqlite3 *db, const char *sql, char **value)
{
  sqlite3_stmt *stmt = NULL;
  int           rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    return rc;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && value != NULL)
    *value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static int
query_int (sqlite3 *db, const char *sql, gint64 *value)
{
  g_autofree char *text = NULL;
  int              rc = query_text (db, sql, &text);

  *value = text ? g_ascii_strtoll (text, NULL, 10) : 0;
  return rc;
}

/* The online backup */

/* Copies @src (the database "main" of that connection) into a new file at
 * @dest_path, through a hidden temporary file beside it: @dest_path holds
 * either what it held before or the whole copy. With @no_replace, an
 * existing @dest_path is an error and is left alone. */
static gboolean
copy_database (sqlite3                 *src,
               const char              *dest_path,
               gboolean                 no_replace,
               RostraBackupProgressFunc progress,
               gpointer                 user_data,
               GCancellable            *cancellable,
               GError                 **error)
{
  g_autofree char *dir = g_path_get_dirname (dest_path);
  g_autofree char *base = g_path_get_basename (dest_path);
  g_autofree char *pattern = g_strconcat (".", base, "-XXXXXX.part", NULL);
  g_autofree char *dest_display = g_filename_display_name (dest_path);
  g_autofree char *tmp = NULL;
  g_autofree char *mode = NULL;
  sqlite3         *dst = NULL;
  sqlite3_backup  *backup = NULL;
  gboolean         in_read = FALSE;
  gint64           deadline = 0;
  int              rc;

  if (!(tmp = make_temp_file (dir, pattern, error)))
    return FALSE;
  if (!open_db (tmp, &dst, error))
    goto failed;
  /* The temporary file is flushed once, when it is complete. */
  sqlite3_exec (dst, "PRAGMA synchronous = OFF", NULL, NULL, NULL);

  /* One read transaction for the whole copy: one committed state of the
   * archive, however much others write meanwhile (WAL lets them). */
  if (sqlite3_get_autocommit (src))
    {
      if ((rc = sqlite3_exec (src, "BEGIN", NULL, NULL, NULL)) != SQLITE_OK ||
          (rc = query_text (src, "SELECT count(*) FROM sqlite_schema", NULL)) != SQLITE_OK)
        {
          set_sqlite_error (error, rc, src, _("The archive cannot be read"));
          goto failed;
        }
      in_read = TRUE;
    }

  if (!(backup = sqlite3_backup_init (dst, "main", src, "main")))
    {
      set_sqlite_error (error, sqlite3_errcode (dst), dst, _("The backup cannot start"));
      goto failed;
    }

  for (;;)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto failed;

      rc = sqlite3_backup_step (backup, STEP_PAGES);
      if (progress)
        progress ((guint64) (sqlite3_backup_pagecount (backup) - sqlite3_backup_remaining (backup)),
                  (guint64) sqlite3_backup_pagecount (backup), user_data);
      if (rc == SQLITE_DONE)
        break;
      if (rc == SQLITE_OK)
        {
          deadline = 0;
          continue;
        }
      if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
        {
          if (deadline == 0)
            deadline = g_get_monotonic_time () + BUSY_DEADLINE_US;
          if (g_get_monotonic_time () < deadline)
            {
              sqlite3_sleep (BUSY_SLEEP_MS);
              continue;
            }
        }
      set_sqlite_error (error, rc, NULL, _("The backup failed"));
      goto failed;
    }

  rc = sqlite3_backup_finish (backup);
  backup = NULL;
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, rc, dst, _("The backup failed"));
      goto failed;
    }
  if (in_read)
    {
      sqlite3_exec (src, "COMMIT", NULL, NULL, NULL);
      in_read = FALSE;
    }

  /* The copy says WAL in its header, as the archive does: make it a file
   * that stands alone, readable without a -wal beside it. */
  if ((rc = query_text (dst, "PRAGMA journal_mode = DELETE", &mode)) != SQLITE_OK ||
      g_strcmp0 (mode, "delete") != 0)
    {
      set_sqlite_error (error, rc != SQLITE_OK ? rc : SQLITE_ERROR, dst, _("The backup failed"));
      goto failed;
    }
  rc = sqlite3_close (dst);
  dst = NULL;
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, rc, NULL, _("The backup failed"));
      goto failed;
    }
  if (!sync_path (tmp, FALSE, error))
    goto failed;

  /* Journals left beside an older file there would be read with the new one. */
  for (guint i = 0; i < G_N_ELEMENTS (db_suffixes); i++)
    {
      g_autofree char *side = g_strconcat (dest_path, db_suffixes[i], NULL);

      g_unlink (side);
    }

  if (no_replace)
    {
      /* link() never replaces a file; not every file system has it. */
      if (link (tmp, dest_path) != 0)
        {
          int saved_errno = errno;

          if (saved_errno == EEXIST || g_file_test (dest_path, G_FILE_TEST_EXISTS))
            {
              set_errno_error (error, EEXIST, _("“%s” cannot be written"), dest_display);
              goto failed;
            }
          if (g_rename (tmp, dest_path) != 0)
            {
              set_errno_error (error, errno, _("“%s” cannot be written"), dest_display);
              goto failed;
            }
        }
      else
        g_unlink (tmp);
    }
  else if (g_rename (tmp, dest_path) != 0)
    {
      set_errno_error (error, errno, _("“%s” cannot be written"), dest_display);
      goto failed;
    }
  sync_path (dir, TRUE, NULL);
  return TRUE;

failed:
  if (backup != NULL)
    sqlite3_backup_finish (backup);
  if (in_read)
    sqlite3_exec (src, "ROLLBACK", NULL, NULL, NULL);
  if (dst != NULL)
    sqlite3_close (dst);
  remove_db_files (tmp);
  return FALSE;
}

static char *
get_local_path (GFile *file, GError **error)
{
  char *path = g_file_get_path (file);

  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("“%s” is not a local file; choose a file on this computer"), uri);
    }
  return path;
}

/* Checks that a backup can go to @dest_path. */
static gboolean
check_destination (const char *live, const char *dest_path, GError **error)
{
  g_autofree char *display = g_filename_display_name (dest_path);
  g_autofree char *dir = g_path_get_dirname (dest_path);

  if (!is_memory (live))
    {
      gboolean same = same_file (live, dest_path);

      for (guint i = 0; !same && i < G_N_ELEMENTS (db_suffixes); i++)
        {
          g_autofree char *side = g_strconcat (live, db_suffixes[i], NULL);

          same = same_file (side, dest_path);
        }
      if (same)
        {
          g_set_error (error, ROSTRA_BACKUP_ERROR, ROSTRA_BACKUP_ERROR_SAME_FILE,
                       _("“%s” is the archive itself; choose another file for the backup"),
                          display);
          return FALSE;
        }
    }

  if (g_file_test (dest_path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                   _("“%s” is a folder; name a file for the backup"), display);
      return FALSE;
    }
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *dir_display = g_filename_display_name (dir);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("There is no folder “%s”"), dir_display);
      return FALSE;
    }
  return TRUE;
}

/* Backs up the archive of @store to @dest_path. */
static gboolean
backup_to_path (RostraStore             *store,
                const char              *dest_path,
                gboolean                 no_replace,
                RostraBackupProgressFunc progress,
                gpointer                 user_data,
                GCancellable            *cancellable,
                GError                 **error)
{
  const char *live = rostra_store_get_path (store);
  sqlite3    *src = NULL;
  gboolean    ok;

  if (!check_destination (live, dest_path, error))
    return FALSE;

  /* An archive in memory has no other connection: copy from the store's
   * own, on its thread. */
  if (is_memory (live))
    return copy_database (_rostra_store_get_db (store), dest_path, no_replace, progress, user_data,
                          cancellable, error);

  if (!open_db (live, &src, error))
    return FALSE;
  ok = copy_database (src, dest_path, no_replace, progress, user_data, cancellable, error);
  sqlite3_close (src);
  return ok;
}

/**
 * rostra_archive_backup:
 * @store: the archive
 * @destination: the backup file, replaced when it exists; a local file
 * @progress: (nullable) (scope call): called after every step
 * @user_data: the closure for @progress
 * @cancellable: (nullable): stops the backup, leaving no file behind
 * @error: return location for a %ROSTRA_BACKUP_ERROR or %G_IO_ERROR
 *
 * Copies the archive into @destination through SQLite's online backup
 * API, on a connection of its own: the copy is one committed state of
 * the archive while others keep reading and writing it. The copy is a
 * Rostra archive that stands alone (no -wal file needed), of the same
 * schema version. @destination is written only once the copy is complete
 * and on disk: it never holds half a backup, and keeps what it held on
 * failure or cancellation. A @destination that is the archive itself
 * fails with %ROSTRA_BACKUP_ERROR_SAME_FILE.
 *
 * Only @store's path is read (except for an archive in memory), so this
 * may run on any thread; the store's own connection is not used.
 *
 * Returns: %TRUE when @destination holds the backup
 */
gboolean
rostra_archive_backup (RostraStore             *store,
                       GFile                   *destination,
                       RostraBackupProgressFunc progress,
                       gpointer                 user_data,
                       GCancellable            *cancellable,
                       GError                 **error)
{
  g_autofree char *dest_path = NULL;

  g_return_val_if_fail (ROSTRA_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_FILE (destination), FALSE);

  if (!(dest_path = get_local_path (destination, error)))
    return FALSE;
  return backup_to_path (store, dest_path, FALSE, progress, user_data, cancellable, error);
}

/* Sources */

/**
 * rostra_archive_detect_source:
 * @source: a file to restore from
 * @cancellable: (nullable):
 * @error: return location for a %G_IO_ERROR
 *
 * Tells a Rostra archive (any SQLite file: its 16-byte header) from a
 * JSON export (its first character is `{`) by their first bytes.
 *
 * Returns: what @source is; %ROSTRA_BACKUP_SOURCE_UNKNOWN with @error
 *   set when it cannot be read
 */
RostraBackupSourceKind
rostra_archive_detect_source (GFile *source, GCancellable *cancellable, GError **error)
{
  static const char header[16] = "SQLite format 3";
  g_autoptr (GFileInputStream) in = NULL;
  guint8 data[DETECT_SIZE];
  gsize  len = 0, i = 0;

  g_return_val_if_fail (G_IS_FILE (source), ROSTRA_BACKUP_SOURCE_UNKNOWN);

  if (!(in = g_file_read (source, cancellable, error)) ||
      !g_input_stream_read_all (G_INPUT_STREAM (in), data, sizeof data, &len, cancellable, error))
    return ROSTRA_BACKUP_SOURCE_UNKNOWN;

  if (len >= sizeof header && memcmp (data, header, sizeof header) == 0)
    return ROSTRA_BACKUP_SOURCE_ARCHIVE;

  if (len >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF)
    i = 3;
  while (i < len && g_ascii_isspace (data[i]))
    i++;
  if (i < len && data[i] == '{')
    return ROSTRA_BACKUP_SOURCE_JSON;
  return ROSTRA_BACKUP_SOURCE_UNKNOWN;
}

/* The name of @file for messages: its base name, displayable. */
static char *
display_name (GFile *file)
{
  g_autofree char *base = g_file_get_basename (file);

  return g_filename_display_name (base);
}

static RostraBackupSourceKind
detect_or_fail (GFile *source, GCancellable *cancellable, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  RostraBackupSourceKind kind = rostra_archive_detect_source (source, cancellable, &local_error);

  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  else if (kind == ROSTRA_BACKUP_SOURCE_UNKNOWN)
    {
      g_autofree char *name = display_name (source);

      g_set_error (error, ROSTRA_BACKUP_ERROR, ROSTRA_BACKUP_ERROR_NOT_AN_ARCHIVE,
                   _("“%s” is neither a Rostra archive nor a JSON backup; nothing was changed"),
                      name);
    }
  return kind;
}

/* Where temporary copies go: beside the archive, on the same disk. */
static char *
temp_dir_for (RostraStore *store)
{
  const char *live = rostra_store_get_path (store);

  return is_memory (live) ? g_strdup (g_get_tmp_dir ()) : g_path_get_dirname (live);
}

/* Copies the archive @source (with a -wal beside it, if any) to
 * @tmp_path, leaving @source untouched. */
static gboolean
copy_source (GFile *source, const char *tmp_path, GCancellable *cancellable, GError **error)
{
  g_autoptr (GFile) tmp = g_file_new_for_path (tmp_path);
  g_autofree char *source_path = g_file_get_path (source);
  g_autofree char *wal_path = source_path ? g_strconcat (source_path, "-wal", NULL) : NULL;

  if (!g_file_copy (source, tmp, G_FILE_COPY_OVERWRITE | G_FILE_COPY_TARGET_DEFAULT_PERMS,
                    cancellable, NULL, NULL, error))
    return FALSE;

  if (wal_path != NULL && g_file_test (wal_path, G_FILE_TEST_IS_REGULAR))
    {
      g_autoptr (GFile) wal = g_file_new_for_path (wal_path);
      g_autofree char *tmp_wal_path = g_strconcat (tmp_path, "-wal", NULL);
      g_autoptr (GFile) tmp_wal = g_file_new_for_path (tmp_wal_path);

      if (!g_file_copy (wal, tmp_wal, G_FILE_COPY_OVERWRITE | G_FILE_COPY_TARGET_DEFAULT_PERMS,
                        cancellable, NULL, NULL, error))
        return FALSE;
    }
  return TRUE;
}

/* Checks that the copy at @path is a whole Rostra archive this version
 * can read; @name is the source's name for the messages. */
static gboolean
validate_archive (const char *path, const char *name, GError **error)
{
  g_autofree char *check = NULL;
  sqlite3         *db = NULL;
  gint64           version = 0, n_tables = 0;
  int              rc;
  gboolean         ok = FALSE;

  if (!open_db (path, &db, error))
    return FALSE;

  if ((rc = query_int (db, "PRAGMA user_version", &version)) != SQLITE_OK)
    {
      if ((rc & 0xff) == SQLITE_NOTADB)
        g_set_error (error, ROSTRA_BACKUP_ERROR, ROSTRA_BACKUP_ERROR_NOT_AN_ARCHIVE,
                     _("“%s” is not a Rostra archive (not a database); nothing was changed"),
                        name);
      else if ((rc & 0xff) == SQLITE_CORRUPT)
        g_set_error (error, ROSTRA_BACKUP_ERROR, ROSTRA_BACKUP_ERROR_CORRUPT,
                     _("“%s” is damaged (%s); nothing was changed"), name, sqlite3_errmsg (db));
      else
        set_sqlite_error (error, rc, db, _("The backup cannot be read"));
      goto out;
    }

  if (version > ROSTRA_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, ROSTRA_BACKUP_ERROR, ROSTRA_BACKUP_ERROR_FUTURE_SCHEMA,
                   _("“%s” was written by a newer version of Rostra (schema %d; this version "
                     "knows up to %d); nothing was changed"),
                      name, (int) version, ROSTRA_STORE_SCHEMA_VERSION);
      goto out;
    }

  rc = query_int (db,
                  "SELECT count(*) FROM sqlite_schema WHERE type = 'table'"
                  " AND name IN ('articles', 'annotations', 'imports', 'tags')",
                  &n_tables);
  if (rc != SQLITE_OK && (rc & 0xff) != SQLITE_CORRUPT)
    {
      set_sqlite_error (error, rc, db, _("The backup cannot be read"));
      goto out;
    }
  if (rc == SQLITE_OK && (version < 1 || n_tables != 4))
    {
      g_set_error (error, ROSTRA_BACKUP_ERROR, ROSTRA_BACKUP_ERROR_NOT_AN_ARCHIVE,
                   _("“%s” is a database, but not a Rostra archive; nothing was changed"), name);
      goto out;
    }

  rc = query_text (db, "PRAGMA integrity_check", &check);
  if (rc != SQLITE_OK || g_strcmp0 (check, "ok") != 0)
    {
      g_set_error (error, ROSTRA_BACKUP_ERROR, ROSTRA_BACKUP_ERROR_CORRUPT,
                   _("“%s” is damaged (%s); nothing was changed"), name,
                      check != NULL ? check : sqlite3_errmsg (db));
      goto out;
    }
  ok = TRUE;

out:
  sqlite3_close (db);
  return ok;
}

/* Copies the archive @source to a temporary file in @dir, checks it, and
 * brings its schema up to date there. */
static char *
prepare_archive_copy (GFile *source, const char *dir, GCancellable *cancellable, GError **error)
{
  g_autofree char *name = display_name (source);
  g_autofree char *tmp = NULL;
  g_autoptr (RostraStore) copy = NULL;
  g_autoptr (GError) local_error = NULL;

  if (!(tmp = make_temp_file (dir, ".rostra-restore-XXXXXX.db", error)))
    return NULL;
  if (!copy_source (source, tmp, cancellable, error) || !validate_archive (tmp, name, error))
    goto failed;

  /* A backup of an older Rostra is migrated, on the copy only. */
  if (!(copy = rostra_store_open (tmp, &local_error)))
    {
      g_set_error (error, ROSTRA_BACKUP_ERROR, ROSTRA_BACKUP_ERROR_FAILED,
                   _("“%s” cannot be read: %s"), name, local_error->message);
      goto failed;
    }
  return g_steal_pointer (&tmp);

failed:
  remove_db_files (tmp);
  return NULL;
}

/* Merging */

/* Exports the archive at @archive to a JSON file in @dir. */
static char *
export_to_temp (const char *archive, const char *dir, GCancellable *cancellable, GError **error)
{
  g_autoptr (RostraStore) store = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (GFileOutputStream) out = NULL;
  g_autoptr (GOutputStream) buffered = NULL;
  g_autofree char *tmp = NULL;

  if (!(store = rostra_store_open (archive, error)) ||
      !(tmp = make_temp_file (dir, ".rostra-restore-XXXXXX.json", error)))
    return NULL;

  file = g_file_new_for_path (tmp);
  if (!(out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_PRIVATE, cancellable, error)))
    goto failed;
  buffered = g_buffered_output_stream_new_sized (G_OUTPUT_STREAM (out), 256 * 1024);
  if (!rostra_export_json (store, buffered, cancellable, error) ||
      !g_output_stream_close (buffered, cancellable, error))
    goto failed;
  return g_steal_pointer (&tmp);

failed:
  g_unlink (tmp);
  return NULL;
}

/**
 * rostra_archive_restore_merge:
 * @store: the archive to merge into
 * @source: a backup made by rostra_archive_backup() (any Rostra archive)
 *   or a JSON export (`rostra --export json`)
 * @report: (out) (transfer full) (optional) (nullable): what the import
 *   added and skipped; set when the source could be read
 * @cancellable: (nullable): stops the merge, which then changes nothing
 * @error: return location for an error
 *
 * Adds what @source holds and the archive lacks, keeping everything in
 * it: articles are matched by content, annotations by their passage, as
 * `rostra --import backup.json` does (see rostra_import_stream()), in
 * one transaction. An archive is read from a temporary copy, never
 * written to; one from an older Rostra is read too, one from a newer
 * Rostra, a damaged one or another database are refused, changing
 * nothing. Merging the same backup twice adds nothing the second time.
 *
 * Uses @store's connection: call it on the store's thread.
 *
 * Returns: %TRUE when @source was read through (even if it added nothing)
 */
gboolean
rostra_archive_restore_merge (RostraStore         *store,
                              GFile               *source,
                              RostraImportReport **report,
                              GCancellable        *cancellable,
                              GError             **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *json = NULL;
  g_autofree char *source_path = NULL;
  g_autofree char *name = NULL;
  g_autoptr (GFile) json_file = NULL;
  g_autoptr (GFileInputStream) in = NULL;
  RostraBackupSourceKind kind;
  gboolean               ok = FALSE;

  g_return_val_if_fail (ROSTRA_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_FILE (source), FALSE);

  if (report)
    *report = NULL;

  kind = detect_or_fail (source, cancellable, error);
  if (kind == ROSTRA_BACKUP_SOURCE_UNKNOWN)
    return FALSE;
  if (kind == ROSTRA_BACKUP_SOURCE_JSON)
    return rostra_import_file (store, source, NULL, NULL, NULL, cancellable, report, error);

  dir = temp_dir_for (store);
  if (!(copy = prepare_archive_copy (source, dir, cancellable, error)) ||
      !(json = export_to_temp (copy, dir, cancellable, error)))
    goto out;

  json_file = g_file_new_for_path (json);
  if (!(in = g_file_read (json_file, cancellable, error)))
    goto out;
  source_path = g_file_get_path (source);
  name = display_name (source);
  ok = rostra_import_stream (store, G_INPUT_STREAM (in), name, source_path, NULL, NULL, cancellable,
                             report, error);

out:
  remove_db_files (copy);
  if (json != NULL)
    g_unlink (json);
  return ok;
}

/* Replacing */

/**
 * rostra_archive_dup_kept_file:
 * @store: the archive
 * @when: (nullable): the time in the name; now when %NULL
 *
 * The file a replaced archive is kept as, beside it: for `archive.db`,
 * `archive-replaced-2026-11-27-104501.db` (local time), or with `-2`,
 * `-3`… when that name is taken. Nothing is created.
 *
 * Returns: (transfer full) (nullable): the file, or %NULL for an archive
 *   in memory
 */
GFile *
rostra_archive_dup_kept_file (RostraStore *store, GDateTime *when)
{
  const char *live;

  g_return_val_if_fail (ROSTRA_IS_STORE (store), NULL);

  live = rostra_store_get_path (store);
  if (is_memory (live))
    return NULL;
  return rostra_store_recovery_dup_kept_file (live, "replaced", when);
}

/* Makes the page size of the archive at @path @page_size, as a backup
 * into a WAL archive needs the same on both sides. */
static gboolean
match_page_size (const char *path, gint64 page_size, GError **error)
{
  g_autofree char *sql = NULL;
  sqlite3         *db = NULL;
  gint64           current = 0;
  int              rc;

  if (!open_db (path, &db, error))
    return FALSE;
  rc = query_int (db, "PRAGMA page_size", &current);
  if (rc == SQLITE_OK && current != page_size)
    {
      sql = g_strdup_printf ("PRAGMA journal_mode = DELETE; PRAGMA page_size = %" G_GINT64_FORMAT
                             "; VACUUM;",
                             page_size);
      rc = sqlite3_exec (db, sql, NULL, NULL, NULL);
    }
  if (rc != SQLITE_OK)
    set_sqlite_error (error, rc, db, _("The backup cannot be prepared"));
  sqlite3_close (db);
  return rc == SQLITE_OK;
}

/* Brings the JSON export @source into a new archive in @dir. */
static char *
prepare_json_copy (GFile *source, const char *dir, GCancellable *cancellable, GError **error)
{
  g_autofree char *tmp = NULL;
  g_autoptr (RostraStore) copy = NULL;

  if (!(tmp = make_temp_file (dir, ".rostra-restore-XXXXXX.db", error)))
    return NULL;
  if (!(copy = rostra_store_open (tmp, error)) ||
      !rostra_import_file (copy, source, NULL, NULL, NULL, cancellable, NULL, error))
    {
      g_clear_object (&copy);
      remove_db_files (tmp);
      return NULL;
    }
  return g_steal_pointer (&tmp);
}

/* Copies the whole archive at @src_path into the live archive, through
 * @live (a connection of its own on it), in one write transaction. */
static gboolean
replace_content (sqlite3 *live, const char *src_path, GCancellable *cancellable, GError **error)
{
  sqlite3        *src = NULL;
  sqlite3_backup *backup;
  gint64          deadline = g_get_monotonic_time () + BUSY_DEADLINE_US;
  int             rc;

  if (!open_db (src_path, &src, error))
    return FALSE;
  if (!(backup = sqlite3_backup_init (live, "main", src, "main")))
    {
      set_sqlite_error (error, sqlite3_errcode (live), live, _("The archive cannot be replaced"));
      sqlite3_close (src);
      return FALSE;
    }

  /* All pages in one step: one transaction, which the window's
   * connection sees whole at its next read, or not at all. While another
   * connection writes, wait for it in short turns, to notice a cancel. */
  sqlite3_busy_timeout (live, BUSY_SLEEP_MS);
  while ((rc = sqlite3_backup_step (backup, -1)) != SQLITE_DONE)
    {
      if (((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED) &&
          g_get_monotonic_time () < deadline && !g_cancellable_is_cancelled (cancellable))
        {
          sqlite3_sleep (BUSY_SLEEP_MS);
          continue;
        }
      break;
    }
  sqlite3_busy_timeout (live, BUSY_TIMEOUT_MS);
  if (rc != SQLITE_DONE)
    {
      sqlite3_backup_finish (backup);
      sqlite3_close (src);
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      return set_sqlite_error (error, rc, NULL, _("The archive cannot be replaced"));
    }
  rc = sqlite3_backup_finish (backup);
  sqlite3_close (src);
  if (rc != SQLITE_OK)
    return set_sqlite_error (error, rc, live, _("The archive cannot be replaced"));

  /* Best effort: give the log's space back; readers may hold part of it. */
  sqlite3_wal_checkpoint_v2 (live, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
  return TRUE;
}

/**
 * rostra_archive_restore_replace:
 * @store: the archive to replace
 * @source: a backup (any Rostra archive) or a JSON export
 * @kept: (out) (transfer full) (optional): the dated copy of the archive
 *   as it was, beside it
 * @cancellable: (nullable):
 * @error: return location for an error
 *
 * rostra_archive_restore_replace_full() with the time now.
 */
gboolean
rostra_archive_restore_replace (RostraStore  *store,
                                GFile        *source,
                                GFile       **kept,
                                GCancellable *cancellable,
                                GError      **error)
{
  return rostra_archive_restore_replace_full (store, source, NULL, kept, cancellable, error);
}

/**
 * rostra_archive_restore_replace_full:
 * @store: the archive to replace
 * @source: a backup (any Rostra archive) or a JSON export
 * @when: (nullable): the time in the kept file's name (see
 *   rostra_archive_dup_kept_file()); now when %NULL
 * @kept: (out) (transfer full) (optional): the dated copy of the archive
 *   as it was, beside it
 * @cancellable: (nullable): stops the restore before the archive is
 *   replaced
 * @error: return location for an error
 *
 * Makes the archive hold exactly what @source holds. First @source is
 * checked whole on a temporary copy (never written to): a damaged file,
 * one from a newer Rostra, a database that is no Rostra archive, a JSON
 * file that is no Rostra backup are refused. A JSON export is imported
 * into a new temporary archive. Then the archive is backed up to a
 * dated file beside it (never overwriting a file), and only then is its
 * content replaced, in place and in one transaction, through the
 * backup API: connections open on it, @store's and the window's, stay
 * valid (their statements are prepared again as needed). On any failure
 * the archive is left as it was, and no kept file stays behind.
 *
 * Only @store's path is read, so this may run on any thread.
 *
 * Returns: %TRUE when the archive was replaced
 */
gboolean
rostra_archive_restore_replace_full (RostraStore  *store,
                                     GFile        *source,
                                     GDateTime    *when,
                                     GFile       **kept,
                                     GCancellable *cancellable,
                                     GError      **error)
{
  const char      *live_path;
  g_autofree char *dir = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *kept_path = NULL;
  g_autoptr (GFile) kept_file = NULL;
  g_autoptr (GDateTime) now = NULL;
  RostraBackupSourceKind kind;
  sqlite3               *live = NULL;
  gint64                 page_size = 0, before = 0, after = 0;
  gboolean               ok = FALSE;
  int                    rc;

  g_return_val_if_fail (ROSTRA_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_FILE (source), FALSE);

  if (kept)
    *kept = NULL;

  live_path = rostra_store_get_path (store);
  if (is_memory (live_path))
    {
      g_set_error_literal (error, ROSTRA_BACKUP_ERROR, ROSTRA_BACKUP_ERROR_UNSUPPORTED,
                           _("An archive in memory cannot be replaced"));
      return FALSE;
    }

  /* 1. The replacement, checked whole, in a temporary file. */
  kind = detect_or_fail (source, cancellable, error);
  if (kind == ROSTRA_BACKUP_SOURCE_UNKNOWN)
    return FALSE;
  dir = g_path_get_dirname (live_path);
  if (kind == ROSTRA_BACKUP_SOURCE_ARCHIVE)
    copy = prepare_archive_copy (source, dir, cancellable, error);
  else
    copy = prepare_json_copy (source, dir, cancellable, error);
  if (copy == NULL)
    return FALSE;

  if (!open_db (live_path, &live, error))
    goto out;
  /* The settings of the store's own connections (synchronous = FULL…). */
  sqlite3_exec (live, _rostra_store_connection_pragmas, NULL, NULL, NULL);
  if ((rc = query_int (live, "PRAGMA page_size", &page_size)) != SQLITE_OK)
    {
      set_sqlite_error (error, rc, live, _("The archive cannot be read"));
      goto out;
    }
  if (!match_page_size (copy, page_size, error))
    goto out;

  /* 2. The archive as it is, kept beside it. Taken again if someone
   * wrote to the archive meanwhile, so that it holds the last state. */
  if (when == NULL)
    when = now = g_date_time_new_now_local ();
  for (guint attempt = 0;; attempt++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto out;

      g_clear_object (&kept_file);
      g_clear_pointer (&kept_path, g_free);
      kept_file = rostra_archive_dup_kept_file (store, when);
      kept_path = g_file_get_path (kept_file);

      if ((rc = query_int (live, "PRAGMA data_version", &before)) != SQLITE_OK)
        {
          set_sqlite_error (error, rc, live, _("The archive cannot be read"));
          goto out;
        }
      if (!copy_database (live, kept_path, TRUE, NULL, NULL, cancellable, error))
        {
          g_clear_pointer (&kept_path, g_free);
          goto out;
        }
      if ((rc = query_int (live, "PRAGMA data_version", &after)) != SQLITE_OK)
        {
          set_sqlite_error (error, rc, live, _("The archive cannot be read"));
          goto out;
        }
      if (before == after || attempt + 1 == KEPT_ATTEMPTS)
        break;
      remove_db_files (kept_path);
    }

  /* 3. The archive replaced, in place. */
  if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !replace_content (live, copy, cancellable, error))
    goto out;
  ok = TRUE;

out:
  if (live != NULL)
    sqlite3_close (live);
  remove_db_files (copy);
  if (!ok && kept_path != NULL)
    remove_db_files (kept_path);
  if (ok && kept)
    *kept = g_steal_pointer (&kept_file);
  return ok;
}
