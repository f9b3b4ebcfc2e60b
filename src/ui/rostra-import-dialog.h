/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-import-dialog.h: preview, options, progress and summary of an import. */
#pragma once

#include <adwaita.h>

#include "rostra-importer.h"

G_BEGIN_DECLS

#define ROSTRA_TYPE_IMPORT_DIALOG (rostra_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (RostraImportDialog, rostra_import_dialog, ROSTRA, IMPORT_DIALOG, AdwWindow)

GtkWidget *rostra_import_dialog_new (GtkWindow *parent, const char *database);
void       rostra_import_dialog_add_files (RostraImportDialog *self, GListModel *files);

/* What the buttons do, and what the dialog shows: for the tests. */
gboolean    rostra_import_dialog_start (RostraImportDialog *self);
void        rostra_import_dialog_cancel (RostraImportDialog *self);
const char *rostra_import_dialog_get_page (RostraImportDialog *self);
gboolean    rostra_import_dialog_get_busy (RostraImportDialog *self);
double      rostra_import_dialog_get_progress (RostraImportDialog *self);
gboolean    rostra_import_dialog_get_can_import (RostraImportDialog *self);
guint       rostra_import_dialog_get_n_files (RostraImportDialog *self);
GFile      *rostra_import_dialog_get_file (RostraImportDialog *self, guint index);
void        rostra_import_dialog_remove_file (RostraImportDialog *self, guint index);
const RostraImportReport *
rostra_import_dialog_get_preview (RostraImportDialog *self, guint index, const GError **error);
const RostraImportReport      *
rostra_import_dialog_get_result (RostraImportDialog *self, guint index, const GError **error);
void rostra_import_dialog_set_tags (RostraImportDialog *self, const char *tags);
void rostra_import_dialog_set_name (RostraImportDialog *self, guint index, const char *name);

G_END_DECLS
