/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Stub, being written. */
#include "config.h"

#include "rostra-tags-dialog.h"

struct _RostraTagsDialog
{
  GtkWidget parent_instance;
};

G_DEFINE_FINAL_TYPE (RostraTagsDialog, rostra_tags_dialog, GTK_TYPE_WIDGET)

static void
rostra_tags_dialog_class_init (RostraTagsDialogClass *klass)
{
}

static void
rostra_tags_dialog_init (RostraTagsDialog *self)
{
}
