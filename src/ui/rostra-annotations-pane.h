/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-annotations-pane.h: the annotations of the open speech, beside it. */
#pragma once

#include <adwaita.h>

#include "rostra-annotation.h"
#include "rostra-store.h"

G_BEGIN_DECLS

#define ROSTRA_TYPE_ANNOTATIONS_PANE (rostra_annotations_pane_get_type ())
G_DECLARE_FINAL_TYPE (RostraAnnotationsPane,
                      rostra_annotations_pane,
                      ROSTRA,
                      ANNOTATIONS_PANE,
                      GtkWidget)

GtkWidget *rostra_annotations_pane_new (void);
void       rostra_annotations_pane_set_store (RostraAnnotationsPane *self, RostraStore *store);
void rostra_annotations_pane_set_annotations (RostraAnnotationsPane *self, GListModel *annotations);
void rostra_annotations_pane_select (RostraAnnotationsPane *self, RostraAnnotation *annotation);
void rostra_annotations_pane_edit_note (RostraAnnotationsPane *self, RostraAnnotation *annotation);
guint rostra_annotations_pane_get_n_shown (RostraAnnotationsPane *self);

G_END_DECLS
