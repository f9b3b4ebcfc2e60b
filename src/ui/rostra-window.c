/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-window.c: the main window.
 *
 * For now a placeholder that opens the archive and says what it holds;
 * the library, reader and annotation panes come next.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rostra-window.h"

struct _RostraWindow
{
  AdwApplicationWindow parent_instance;

  RostraStore *store;

  AdwStatusPage *status_page;
};

G_DEFINE_FINAL_TYPE (RostraWindow, rostra_window, ADW_TYPE_APPLICATION_WINDOW)

static void
show_archive (RostraWindow *self)
{
  RostraApplication *app = ROSTRA_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  g_autofree char   *default_path = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *description = NULL;
  const char      *path = rostra_application_get_database (app);
  gint64           count;

  if (path == NULL)
    path = default_path = rostra_store_default_path ();

  self->store = rostra_store_open (path, &error);
  if (self->store == NULL)
    {
      adw_status_page_set_icon_name (self->status_page, "dialog-error-symbolic");
      adw_status_page_set_title (self->status_page, _("The Archive Cannot Be Opened"));
      adw_status_page_set_description (self->status_page, error->message);
      return;
    }

  count = rostra_store_count_articles (self->store, &error);
  if (count < 0)
    {
      adw_status_page_set_icon_name (self->status_page, "dialog-error-symbolic");
      adw_status_page_set_title (self->status_page, _("The Archive Cannot Be Read"));
      adw_status_page_set_description (self->status_page, error->message);
      return;
    }

  if (count == 0)
    description =
        g_strdup (_("Your archive is empty. Import a dump with “rostra --import FILE”."));
  else
    description =
        g_strdup_printf (ngettext ("Your archive holds %" G_GINT64_FORMAT " speech.",
                                   "Your archive holds %" G_GINT64_FORMAT " speeches.", count),
                         count);
  adw_status_page_set_description (self->status_page, description);
}

static void
rostra_window_dispose (GObject *object)
{
  RostraWindow *self = (RostraWindow *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), ROSTRA_TYPE_WINDOW);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (rostra_window_parent_class)->dispose (object);
}

static void
rostra_window_class_init (RostraWindowClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rostra_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rostra/Rostra/rostra-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RostraWindow, status_page);
}

static void
rostra_window_init (RostraWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

RostraWindow *
rostra_window_new (RostraApplication *application)
{
  RostraWindow *self;

  g_return_val_if_fail (ROSTRA_IS_APPLICATION (application), NULL);

  /* GtkWindow:application is not a construct property: it is only set
   * after constructed(), so the archive is opened here. */
  self = g_object_new (ROSTRA_TYPE_WINDOW, "application", application, NULL);
  show_archive (self);
  return self;
}

/**
 * rostra_window_get_store:
 *
 * Returns: (transfer none) (nullable): the window's archive, %NULL if
 *   it could not be opened
 */
RostraStore *
rostra_window_get_store (RostraWindow *self)
{
  g_return_val_if_fail (ROSTRA_IS_WINDOW (self), NULL);
  return self->store;
}
