/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-selection-popover.h: the popover over a selection of the reader's text. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define ROSTRA_TYPE_SELECTION_POPOVER (rostra_selection_popover_get_type ())
G_DECLARE_FINAL_TYPE (RostraSelectionPopover,
                      rostra_selection_popover,
                      ROSTRA,
                      SELECTION_POPOVER,
                      GtkPopover)

void rostra_selection_popover_set_current_color (RostraSelectionPopover *self, const char *color);

G_END_DECLS
