/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-backup-ui.h: "Back Up Archive…" and "Restore…", for the window's actions. */
#pragma once

#include <adwaita.h>

#include "rostra-store.h"

G_BEGIN_DECLS

/**
 * RostraBackupUiChangedFunc:
 * @user_data: the closure given with it
 *
 * Called on the main thread once a restore changed the archive: the
 * window reloads everything it shows.
 */
typedef void (*RostraBackupUiChangedFunc) (gpointer user_data);

typedef enum
{
  ROSTRA_BACKUP_UI_MERGE,
  ROSTRA_BACKUP_UI_REPLACE,
} RostraBackupUiRestoreMode;

/* The menu items: a file chooser, then (restoring) the questions. */
void rostra_backup_ui_back_up (GtkWindow *parent, RostraStore *store, AdwToastOverlay *toasts);
void rostra_backup_ui_restore (GtkWindow                *parent,
                               RostraStore              *store,
                               AdwToastOverlay          *toasts,
                               RostraBackupUiChangedFunc archive_changed,
                               gpointer                  user_data);

/* Without the file choosers (tests, drops, the command line's window). */
GtkWidget *rostra_backup_ui_confirm_restore (GtkWindow                *parent,
                                             RostraStore              *store,
                                             AdwToastOverlay          *toasts,
                                             GFile                    *source,
                                             RostraBackupUiChangedFunc archive_changed,
                                             gpointer                  user_data);
void       rostra_backup_ui_run_back_up (GtkWindow       *parent,
                                         RostraStore     *store,
                                         AdwToastOverlay *toasts,
                                         GFile           *destination);
void       rostra_backup_ui_run_restore (GtkWindow                *parent,
                                         RostraStore              *store,
                                         AdwToastOverlay          *toasts,
                                         GFile                    *source,
                                         RostraBackupUiRestoreMode mode,
                                         RostraBackupUiChangedFunc archive_changed,
                                         gpointer                  user_data);

gboolean rostra_backup_ui_is_busy (GtkWindow *parent);

G_END_DECLS
