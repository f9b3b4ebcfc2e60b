/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Stub, being written. */
#include "config.h"

#include "rostra-annotations-pane.h"

struct _RostraAnnotationsPane
{
  GtkWidget parent_instance;
};

G_DEFINE_FINAL_TYPE (RostraAnnotationsPane, rostra_annotations_pane, GTK_TYPE_WIDGET)

static void
rostra_annotations_pane_class_init (RostraAnnotationsPaneClass *klass)
{
}

static void
rostra_annotations_pane_init (RostraAnnotationsPane *self)
{
}
