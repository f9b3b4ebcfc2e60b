/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-archive-backup.h: backing up the live archive, and restoring it
 * from a backup or a JSON export, by merging or by replacing. */
#pragma once

#include <gio/gio.h>

#include "rostra-importer.h"
#include "rostra-store.h"

G_BEGIN_DECLS

#define ROSTRA_BACKUP_ERROR (rostra_backup_error_quark ())

/**
 * RostraBackupError:
 * @ROSTRA_BACKUP_ERROR_FAILED: any other failure (an SQLite error)
 * @ROSTRA_BACKUP_ERROR_SAME_FILE: the backup would overwrite the live archive
 * @ROSTRA_BACKUP_ERROR_NOT_AN_ARCHIVE: the source is neither a Rostra
 *   archive nor a JSON export (or it is another SQLite database)
 * @ROSTRA_BACKUP_ERROR_FUTURE_SCHEMA: the source comes from a newer Rostra
 * @ROSTRA_BACKUP_ERROR_CORRUPT: the source fails `PRAGMA integrity_check`
 * @ROSTRA_BACKUP_ERROR_BUSY: another program kept the archive locked
 * @ROSTRA_BACKUP_ERROR_FULL: the disk is full
 * @ROSTRA_BACKUP_ERROR_UNSUPPORTED: the archive lives in memory (`:memory:`)
 *   and cannot be replaced or kept beside itself
 *
 * Besides these, the functions below report %G_IO_ERROR for the file
 * system (no such folder, permission denied, %G_IO_ERROR_CANCELLED) and,
 * when merging, the %ROSTRA_IMPORT_ERROR and %ROSTRA_STORE_ERROR of the
 * import. Every message is meant for the user.
 */
typedef enum
{
  ROSTRA_BACKUP_ERROR_FAILED,
  ROSTRA_BACKUP_ERROR_SAME_FILE,
  ROSTRA_BACKUP_ERROR_NOT_AN_ARCHIVE,
  ROSTRA_BACKUP_ERROR_FUTURE_SCHEMA,
  ROSTRA_BACKUP_ERROR_CORRUPT,
  ROSTRA_BACKUP_ERROR_BUSY,
  ROSTRA_BACKUP_ERROR_FULL,
  ROSTRA_BACKUP_ERROR_UNSUPPORTED,
} RostraBackupError;

GQuark rostra_backup_error_quark (void);

/**
 * RostraBackupSourceKind:
 * @ROSTRA_BACKUP_SOURCE_UNKNOWN: neither
 * @ROSTRA_BACKUP_SOURCE_ARCHIVE: an SQLite file (a backup, or an archive)
 * @ROSTRA_BACKUP_SOURCE_JSON: a JSON export (`rostra --export json`)
 */
typedef enum
{
  ROSTRA_BACKUP_SOURCE_UNKNOWN,
  ROSTRA_BACKUP_SOURCE_ARCHIVE,
  ROSTRA_BACKUP_SOURCE_JSON,
} RostraBackupSourceKind;

/**
 * RostraBackupProgressFunc:
 * @n_done: pages copied so far
 * @n_total: pages to copy (it may change while the archive is written to)
 * @user_data: the closure
 *
 * Called on the thread that runs the backup, after every step.
 */
typedef void (*RostraBackupProgressFunc) (guint64 n_done, guint64 n_total, gpointer user_data);

gboolean rostra_archive_backup (RostraStore             *store,
                                GFile                   *destination,
                                RostraBackupProgressFunc progress,
                                gpointer                 user_data,
                                GCancellable            *cancellable,
                                GError                 **error);

RostraBackupSourceKind
rostra_archive_detect_source (GFile *source, GCancellable *cancellable, GError **error);

gboolean rostra_archive_restore_merge (RostraStore         *store,
                                       GFile               *source,
                                       RostraImportReport **report,
                                       GCancellable        *cancellable,
                                       GError             **error);

GFile   *rostra_archive_dup_kept_file (RostraStore *store, GDateTime *when);
gboolean rostra_archive_restore_replace (RostraStore  *store,
                                         GFile        *source,
                                         GFile       **kept,
                                         GCancellable *cancellable,
                                         GError      **error);
gboolean rostra_archive_restore_replace_full (RostraStore  *store,
                                              GFile        *source,
                                              GDateTime    *when,
                                              GFile       **kept,
                                              GCancellable *cancellable,
                                              GError      **error);

G_END_DECLS
