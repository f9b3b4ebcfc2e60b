/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-imports-dialog.c: past imports, and removing one import's articles. */

#include "config.h"

#include <glib/gi18n.h>

#include "rostra-imports-dialog.h"

struct _RostraImportsDialog
{
  AdwWindow parent_instance;

  RostraStore *store;
};

G_DEFINE_FINAL_TYPE (RostraImportsDialog, rostra_imports_dialog, ADW_TYPE_WINDOW)

static void
rostra_imports_dialog_dispose (GObject *object)
{
  RostraImportsDialog *self = (RostraImportsDialog *) object;

  g_clear_object (&self->store);

  G_OBJECT_CLASS (rostra_imports_dialog_parent_class)->dispose (object);
}

static void
rostra_imports_dialog_class_init (RostraImportsDialogClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rostra_imports_dialog_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rostra/Rostra/rostra-imports-dialog.ui");
}

static void
rostra_imports_dialog_init (RostraImportsDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
rostra_imports_dialog_new (GtkWindow *parent, RostraStore *store)
{
  RostraImportsDialog *self =
      g_object_new (ROSTRA_TYPE_IMPORTS_DIALOG, "transient-for", parent, NULL);

  self->store = g_object_ref (store);
  return GTK_WIDGET (self);
}
