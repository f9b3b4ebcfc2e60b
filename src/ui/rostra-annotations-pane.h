/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ROSTRA_TYPE_ANNOTATIONS_PANE (rostra_annotations_pane_get_type ())
G_DECLARE_FINAL_TYPE (RostraAnnotationsPane, rostra_annotations_pane, ROSTRA, ANNOTATIONS_PANE, GtkWidget)

G_END_DECLS
