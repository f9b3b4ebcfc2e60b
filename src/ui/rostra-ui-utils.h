/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-ui-utils.h: small helpers the widgets share. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void rostra_ui_name_controls (GtkWidget *root);
void rostra_ui_set_row_name (GtkWidget *row, const char *name);

G_END_DECLS
