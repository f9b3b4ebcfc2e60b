/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ROSTRA_TYPE_TAGS_DIALOG (rostra_tags_dialog_get_type ())
G_DECLARE_FINAL_TYPE (RostraTagsDialog, rostra_tags_dialog, ROSTRA, TAGS_DIALOG, GtkWidget)

G_END_DECLS
