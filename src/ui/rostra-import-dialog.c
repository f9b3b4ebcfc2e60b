/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-import-dialog.c: preview, options, progress and summary of an import. */

#include "config.h"

#include <glib/gi18n.h>

#include "rostra-import-dialog.h"

struct _RostraImportDialog
{
  AdwWindow parent_instance;

  char *database;
};

G_DEFINE_FINAL_TYPE (RostraImportDialog, rostra_import_dialog, ADW_TYPE_WINDOW)

static void
rostra_import_dialog_finalize (GObject *object)
{
  RostraImportDialog *self = (RostraImportDialog *) object;

  g_free (self->database);

  G_OBJECT_CLASS (rostra_import_dialog_parent_class)->finalize (object);
}

static void
rostra_import_dialog_class_init (RostraImportDialogClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = rostra_import_dialog_finalize;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rostra/Rostra/rostra-import-dialog.ui");
}

static void
rostra_import_dialog_init (RostraImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
rostra_import_dialog_new (GtkWindow *parent, const char *database)
{
  RostraImportDialog *self = g_object_new (ROSTRA_TYPE_IMPORT_DIALOG, "transient-for", parent, NULL);

  self->database = g_strdup (database);
  return GTK_WIDGET (self);
}

void
rostra_import_dialog_add_files (RostraImportDialog *self, GListModel *files)
{
  g_return_if_fail (ROSTRA_IS_IMPORT_DIALOG (self));
  g_return_if_fail (G_IS_LIST_MODEL (files));
}
