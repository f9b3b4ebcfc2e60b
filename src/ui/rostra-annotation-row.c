/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Stub, being written. */
#include "config.h"

#include "rostra-annotation-row.h"

struct _RostraAnnotationRow
{
  GtkWidget parent_instance;
};

G_DEFINE_FINAL_TYPE (RostraAnnotationRow, rostra_annotation_row, GTK_TYPE_WIDGET)

static void
rostra_annotation_row_class_init (RostraAnnotationRowClass *klass)
{
}

static void
rostra_annotation_row_init (RostraAnnotationRow *self)
{
}
