/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-imports-dialog.h: past imports, and removing one import's articles. */
#pragma once

#include <adwaita.h>

#include "rostra-store.h"

G_BEGIN_DECLS

#define ROSTRA_TYPE_IMPORTS_DIALOG (rostra_imports_dialog_get_type ())
G_DECLARE_FINAL_TYPE (RostraImportsDialog, rostra_imports_dialog, ROSTRA, IMPORTS_DIALOG, AdwWindow)

GtkWidget *rostra_imports_dialog_new (GtkWindow *parent, RostraStore *store);
void
rostra_imports_dialog_remove (RostraImportsDialog *self, gint64 import_id, gboolean with_annotated);
gboolean    rostra_imports_dialog_get_busy (RostraImportsDialog *self);
GtkListBox *rostra_imports_dialog_get_list (RostraImportsDialog *self);
guint       rostra_imports_dialog_get_n_rows (RostraImportsDialog *self);

G_END_DECLS
