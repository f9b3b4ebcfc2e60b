/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-tags-dialog.h: rename and merge the archive's tags. */
#pragma once

#include <adwaita.h>

#include "rostra-store.h"

G_BEGIN_DECLS

#define ROSTRA_TYPE_TAGS_DIALOG (rostra_tags_dialog_get_type ())
G_DECLARE_FINAL_TYPE (RostraTagsDialog, rostra_tags_dialog, ROSTRA, TAGS_DIALOG, AdwWindow)

GtkWidget *rostra_tags_dialog_new (GtkWindow *parent, RostraStore *store);
gboolean   rostra_tags_dialog_rename (RostraTagsDialog *self,
                                      const char       *name,
                                      const char       *new_name,
                                      GError          **error);

G_END_DECLS
