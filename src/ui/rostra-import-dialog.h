/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-import-dialog.h: preview, options, progress and summary of an import. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ROSTRA_TYPE_IMPORT_DIALOG (rostra_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (RostraImportDialog, rostra_import_dialog, ROSTRA, IMPORT_DIALOG, AdwWindow)

GtkWidget *rostra_import_dialog_new (GtkWindow *parent, const char *database);
void       rostra_import_dialog_add_files (RostraImportDialog *self, GListModel *files);

G_END_DECLS
