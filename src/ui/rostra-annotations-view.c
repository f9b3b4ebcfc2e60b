/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Stub, being written. */
#include "config.h"

#include "rostra-annotations-view.h"

struct _RostraAnnotationsView
{
  GtkWidget parent_instance;
};

G_DEFINE_FINAL_TYPE (RostraAnnotationsView, rostra_annotations_view, GTK_TYPE_WIDGET)

static void
rostra_annotations_view_class_init (RostraAnnotationsViewClass *klass)
{
}

static void
rostra_annotations_view_init (RostraAnnotationsView *self)
{
}
