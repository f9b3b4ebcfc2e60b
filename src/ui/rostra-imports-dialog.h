/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-imports-dialog.h: past imports, and removing one import's articles. */
#pragma once

#include <adwaita.h>

#include "rostra-store.h"

G_BEGIN_DECLS

#define ROSTRA_TYPE_IMPORTS_DIALOG (rostra_imports_dialog_get_type ())
G_DECLARE_FINAL_TYPE (RostraImportsDialog, rostra_imports_dialog, ROSTRA, IMPORTS_DIALOG, AdwWindow)

GtkWidget *rostra_imports_dialog_new (GtkWindow *parent, RostraStore *store);

G_END_DECLS
