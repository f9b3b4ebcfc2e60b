/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ROSTRA_TYPE_ANNOTATIONS_VIEW (rostra_annotations_view_get_type ())
G_DECLARE_FINAL_TYPE (RostraAnnotationsView, rostra_annotations_view, ROSTRA, ANNOTATIONS_VIEW, GtkWidget)

G_END_DECLS
