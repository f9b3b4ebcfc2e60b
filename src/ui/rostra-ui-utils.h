/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-ui-utils.h: small helpers the widgets share. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void      rostra_ui_name_controls (GtkWidget *root);
void      rostra_ui_set_row_name (GtkWidget *row, const char *name);
AdwToast *rostra_ui_add_toast (AdwToastOverlay *overlay, const char *message, guint timeout);
char     *rostra_ui_casefold (const char *text);
void      rostra_ui_load_palette_css (GdkDisplay *display);

G_END_DECLS
