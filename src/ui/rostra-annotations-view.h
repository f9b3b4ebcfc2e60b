/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-annotations-view.h: every annotation of the archive, filtered. */
#pragma once

#include <adwaita.h>

#include "rostra-store.h"

G_BEGIN_DECLS

#define ROSTRA_TYPE_ANNOTATIONS_VIEW (rostra_annotations_view_get_type ())
G_DECLARE_FINAL_TYPE (RostraAnnotationsView,
                      rostra_annotations_view,
                      ROSTRA,
                      ANNOTATIONS_VIEW,
                      GtkWidget)

GtkWidget *rostra_annotations_view_new (void);
void       rostra_annotations_view_set_store (RostraAnnotationsView *self, RostraStore *store);
void       rostra_annotations_view_refresh (RostraAnnotationsView *self);
guint      rostra_annotations_view_get_n_shown (RostraAnnotationsView *self);

G_END_DECLS
