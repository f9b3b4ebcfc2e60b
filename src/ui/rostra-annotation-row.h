/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ROSTRA_TYPE_ANNOTATION_ROW (rostra_annotation_row_get_type ())
G_DECLARE_FINAL_TYPE (RostraAnnotationRow, rostra_annotation_row, ROSTRA, ANNOTATION_ROW, GtkWidget)

G_END_DECLS
