/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-annotation-row.h: one annotation in the annotations pane. */
#pragma once

#include <adwaita.h>

#include "rostra-annotation.h"

G_BEGIN_DECLS

#define ROSTRA_TYPE_ANNOTATION_ROW (rostra_annotation_row_get_type ())
G_DECLARE_FINAL_TYPE (RostraAnnotationRow, rostra_annotation_row, ROSTRA, ANNOTATION_ROW, GtkWidget)

GtkWidget *rostra_annotation_row_new (void);
void rostra_annotation_row_set_annotation (RostraAnnotationRow *self, RostraAnnotation *annotation);
RostraAnnotation *rostra_annotation_row_get_annotation (RostraAnnotationRow *self);
void              rostra_annotation_row_set_tag_names (RostraAnnotationRow *self, GListModel *tags);
void              rostra_annotation_row_edit_note (RostraAnnotationRow *self);
void     rostra_annotation_row_set_note_unsaved (RostraAnnotationRow *self, gboolean unsaved);
gboolean rostra_annotation_row_get_note_unsaved (RostraAnnotationRow *self);

G_END_DECLS
