/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-window-actions.c: the main window's win.* actions (its menus and
 * shortcuts) and importing: the file chooser, files dropped on the window,
 * the import dialog, the sample speeches, and the list of past imports.
 * Imports run on the archive engine's writer; the list refreshes after. */

#include "config.h"

#include <glib/gi18n.h>

#include "rostra-article-row.h"
#include "rostra-backup-ui.h"
#include "rostra-export-dialog.h"
#include "rostra-import-dialog.h"
#include "rostra-imports-dialog.h"
#include "rostra-preferences.h"
#include "rostra-print.h"
#include "rostra-speakers-dialog.h"
#include "rostra-window-private.h"

#define SAMPLE_URI "resource:///io/github/rostra/Rostra/sample/sample-speeches.txt"

/* Importing */

static void
import_done (GObject *source, GAsyncResult *res, gpointer user_data)
{
  g_autoptr (RostraWindow) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (RostraImportFilesResult) result =
      rostra_engine_import_files_finish (ROSTRA_ENGINE (source), res, &error);
  g_autofree char *message = NULL;

  self->importing = FALSE;
  if (self->store == NULL) /* the archive turned out damaged meanwhile */
    return;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-sample", TRUE);

  if (result == NULL)
    {
      _rostra_window_toast (self, error->message);
      return;
    }

  for (guint i = 0; i < result->failures->len; i++)
    _rostra_window_toast (self, g_ptr_array_index (result->failures, i));

  if (result->n_new > 0)
    message = g_strdup_printf (
        ngettext ("Imported %u new speech", "Imported %u new speeches", result->n_new),
        result->n_new);
  else if (result->n_duplicates > 0)
    message = g_strdup (_("Nothing new: every speech was already in the archive"));
  if (message)
    _rostra_window_toast (self, message);

  _rostra_window_update_filters (self);
  rostra_article_list_refresh (self->articles);
}

/**
 * rostra_window_import:
 * @files: (element-type GFile): the files to import
 * @names: (element-type utf8) (nullable): the imports' names, or %NULL
 *   for the files' names
 *
 * Imports on the archive engine's writer, then refreshes the list and
 * says what happened in a toast.
 */
void
rostra_window_import (RostraWindow *self, GPtrArray *files, GPtrArray *names)
{
  g_return_if_fail (ROSTRA_IS_WINDOW (self));
  g_return_if_fail (self->store != NULL && !self->importing);

  self->importing = TRUE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-sample", FALSE);

  rostra_engine_import_files_async (rostra_engine_get_for_store (self->store), files, names, NULL,
                                    import_done, g_object_ref (self));
}

/* The import dialog */

static void
import_dialog_imported (RostraWindow *self, gint64 import_id)
{
  _rostra_window_update_filters (self);
  rostra_article_list_refresh (self->articles);
}

static void
import_dialog_show_articles (RostraWindow *self, GVariant *ids)
{
  gsize         n = 0;
  const gint64 *values = g_variant_get_fixed_array (ids, &n, sizeof (gint64));

  rostra_window_show_imports (self, values, n);
}

static const char *
import_dialog_page (RostraWindow *self)
{
  return rostra_import_dialog_get_page (ROSTRA_IMPORT_DIALOG (self->import_dialog));
}

/**
 * rostra_window_open_import_dialog:
 * @files: (nullable): #GFile items to preview
 *
 * Shows the import dialog with @files: the one already open, when the
 * user has not started importing from it, or a new one.
 */
void
rostra_window_open_import_dialog (RostraWindow *self, GListModel *files)
{
  RostraImportDialog *dialog;

  g_return_if_fail (ROSTRA_IS_WINDOW (self));
  g_return_if_fail (files == NULL || G_IS_LIST_MODEL (files));

  if (self->store == NULL)
    {
      _rostra_window_toast (self, _("Nothing can be imported while the archive cannot be opened"));
      return;
    }

  if (self->import_dialog != NULL && !g_str_equal (import_dialog_page (self), "preview"))
    {
      if (g_str_equal (import_dialog_page (self), "progress"))
        {
          _rostra_window_toast (
              self, _("Wait for the current import to finish, then import these files"));
          gtk_window_present (GTK_WINDOW (self->import_dialog));
          return;
        }
      gtk_window_destroy (GTK_WINDOW (self->import_dialog));
    }

  if (self->import_dialog == NULL)
    {
      self->import_dialog =
          rostra_import_dialog_new (GTK_WINDOW (self), rostra_store_get_path (self->store));
      g_object_add_weak_pointer (G_OBJECT (self->import_dialog), (gpointer *) &self->import_dialog);
      g_signal_connect_object (self->import_dialog, "imported", G_CALLBACK (import_dialog_imported),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->import_dialog, "show-articles",
                               G_CALLBACK (import_dialog_show_articles), self, G_CONNECT_SWAPPED);
    }

  dialog = ROSTRA_IMPORT_DIALOG (self->import_dialog);
  if (files != NULL && g_list_model_get_n_items (files) > 0)
    rostra_import_dialog_add_files (dialog, files);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * rostra_window_get_import_dialog:
 *
 * Returns: (transfer none) (nullable): the open import dialog
 */
GtkWidget *
rostra_window_get_import_dialog (RostraWindow *self)
{
  g_return_val_if_fail (ROSTRA_IS_WINDOW (self), NULL);
  return self->import_dialog;
}

static void
chooser_response (GtkNativeDialog *chooser, int response, gpointer user_data)
{
  RostraWindow *self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));

      if (g_list_model_get_n_items (files) > 0)
        rostra_window_open_import_dialog (self, files);
    }

  g_object_unref (chooser);
}

/**
 * rostra_window_add_import_filters:
 * @chooser: a file chooser
 *
 * Offers the files Rostra imports: text dumps and speeches, backups.
 */
void
rostra_window_add_import_filters (GtkFileChooser *chooser)
{
  g_autoptr (GtkFileFilter) texts = gtk_file_filter_new ();
  g_autoptr (GtkFileFilter) backups = gtk_file_filter_new ();
  g_autoptr (GtkFileFilter) all = gtk_file_filter_new ();

  gtk_file_filter_set_name (texts, _("Text Dumps and Speeches"));
  gtk_file_filter_add_mime_type (texts, "text/plain");
  gtk_file_filter_add_mime_type (texts, "text/markdown");
  gtk_file_filter_add_suffix (texts, "txt");
  gtk_file_filter_add_suffix (texts, "md");
  gtk_file_chooser_add_filter (chooser, texts);
  gtk_file_filter_set_name (backups, _("Rostra Backups"));
  gtk_file_filter_add_mime_type (backups, "application/json");
  gtk_file_filter_add_suffix (backups, "json");
  gtk_file_chooser_add_filter (chooser, backups);
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (chooser, all);
}

static void
import_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RostraWindow         *self = ROSTRA_WINDOW (widget);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Import"), GTK_WINDOW (self),
                                            GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), NULL);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  rostra_window_add_import_filters (GTK_FILE_CHOOSER (chooser));

  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

gboolean
_rostra_window_files_dropped (GtkDropTarget *target,
                              const GValue  *value,
                              double         x,
                              double         y,
                              gpointer       user_data)
{
  RostraWindow *self = user_data;
  g_autoptr (GListStore) files = g_list_store_new (G_TYPE_FILE);
  g_autoptr (GSList) dropped = NULL; /* (transfer container) */

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  dropped = gdk_file_list_get_files (g_value_get_boxed (value));
  for (GSList *l = dropped; l; l = l->next)
    g_list_store_append (files, l->data);
  if (g_list_model_get_n_items (G_LIST_MODEL (files)) == 0)
    return FALSE;

  rostra_window_open_import_dialog (self, G_LIST_MODEL (files));
  return TRUE;
}

/* Past imports */

/**
 * rostra_window_show_imports:
 * @ids: (array length=n_ids): import ids
 *
 * Shows only the articles these imports added, with a bar to show all
 * again; no ids shows all.
 */
void
rostra_window_show_imports (RostraWindow *self, const gint64 *ids, gsize n_ids)
{
  g_return_if_fail (ROSTRA_IS_WINDOW (self));

  g_clear_pointer (&self->query->imports, g_array_unref);
  if (n_ids > 0)
    {
      self->query->imports = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_ids);
      g_array_append_vals (self->query->imports, ids, n_ids);
      gtk_label_set_label (
          self->import_filter_label,
          ngettext ("New speeches of this import", "New speeches of these imports", n_ids));
      adw_view_stack_set_visible_child_name (self->view_stack, "speeches");
    }
  gtk_revealer_set_reveal_child (self->import_filter_revealer, n_ids > 0);
  _rostra_window_apply_query (self);
}

static void
print_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RostraWindow  *self = ROSTRA_WINDOW (widget);
  RostraArticle *article = rostra_reader_get_article (self->reader);
  g_autoptr (GError) error = NULL;

  if (article == NULL)
    return;
  if (!rostra_print_article (GTK_WINDOW (self), article, self->annotations, &error))
    _rostra_window_toast (self, error->message);
}

static void
edit_details_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RostraWindow  *self = ROSTRA_WINDOW (widget);
  RostraArticle *article = rostra_reader_get_article (self->reader);
  GtkWidget     *dialog;

  if (article == NULL)
    return;
  dialog = rostra_details_dialog_new (GTK_WINDOW (self), article);
  g_signal_connect_object (dialog, "save-requested", G_CALLBACK (_rostra_window_save_details), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
exported (RostraWindow *self, GFile *file, guint n_annotations)
{
  adw_toast_overlay_add_toast (
      self->toast_overlay, rostra_export_dialog_new_toast (GTK_WINDOW (self), file, n_annotations));
}

static void
export_annotations_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RostraWindow *self = ROSTRA_WINDOW (widget);
  GtkWidget    *dialog;

  /* The scopes offered: the open speech, and what the list shows. */
  dialog = rostra_export_dialog_new (GTK_WINDOW (self), self->store, self->open_id,
                                     rostra_article_list_get_query (self->articles));
  g_signal_connect_object (dialog, "exported", G_CALLBACK (exported), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
back_up_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RostraWindow *self = ROSTRA_WINDOW (widget);

  rostra_backup_ui_back_up (GTK_WINDOW (self), self->store, self->toast_overlay);
}

/* After a restore: everything may have changed, or been replaced. */
void
_rostra_window_archive_changed (gpointer user_data)
{
  RostraWindow *self = user_data;

  _rostra_window_clear_undo (self);
  _rostra_window_open_article (self, 0);
  _rostra_window_update_filters (self);
  rostra_article_list_refresh (self->articles);
  rostra_annotations_view_refresh (self->annotations_view);
}

static void
restore_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RostraWindow *self = ROSTRA_WINDOW (widget);

  rostra_backup_ui_restore (GTK_WINDOW (self), self->store, self->toast_overlay,
                            _rostra_window_archive_changed, self);
}

static void
preferences_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RostraWindow *self = ROSTRA_WINDOW (widget);

  gtk_window_present (GTK_WINDOW (rostra_preferences_window_new (GTK_WINDOW (self), self->path)));
}

static void
clear_import_filter_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  rostra_window_show_imports (ROSTRA_WINDOW (widget), NULL, 0);
}

static void
imports_changed (RostraWindow *self)
{
  _rostra_window_update_filters (self);
  rostra_article_list_refresh (self->articles);
}

static void
imports_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RostraWindow *self = ROSTRA_WINDOW (widget);
  GtkWidget    *dialog = rostra_imports_dialog_new (GTK_WINDOW (self), self->store);

  g_signal_connect_object (dialog, "changed", G_CALLBACK (imports_changed), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
speakers_changed (RostraWindow *self)
{
  _rostra_window_update_filters (self);
  rostra_article_list_refresh (self->articles);
  if (self->open_id != 0)
    _rostra_window_reload_article (self);
}

static void
speakers_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RostraWindow *self = ROSTRA_WINDOW (widget);
  GtkWidget    *dialog;

  if (self->store == NULL)
    return;
  dialog = rostra_speakers_dialog_new (GTK_WINDOW (self), self->store);
  g_signal_connect_object (dialog, "changed", G_CALLBACK (speakers_changed), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
open_sample_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (files, g_file_new_for_uri (SAMPLE_URI));
  g_ptr_array_add (names, g_strdup (_("Sample Speeches")));
  rostra_window_import (ROSTRA_WINDOW (widget), files, names);
}

/* Navigation */

static gboolean
focus_in_list (RostraWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  return focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->list_view));
}

static gboolean
focus_selected_row (gpointer user_data)
{
  RostraWindow *self = user_data;
  guint         position = gtk_single_selection_get_selected (self->selection);
  gint64        id;

  if (self->disposed || self->articles == NULL || position == GTK_INVALID_LIST_POSITION ||
      !focus_in_list (self))
    return G_SOURCE_REMOVE;
  id = rostra_article_list_get_id (self->articles, position);
  for (GtkWidget *item = gtk_widget_get_first_child (GTK_WIDGET (self->list_view)); item != NULL;
       item = gtk_widget_get_next_sibling (item))
    {
      GtkWidget     *row = gtk_widget_get_first_child (item);
      RostraArticle *article = ROSTRA_IS_ARTICLE_ROW (row)
                                   ? rostra_article_row_get_article (ROSTRA_ARTICLE_ROW (row))
                                   : NULL;

      if (article != NULL && rostra_article_get_id (article) == id)
        {
          gtk_widget_grab_focus (item);
          break;
        }
    }
  return G_SOURCE_REMOVE;
}

static void
move_selection (RostraWindow *self, int delta)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->articles));
  guint position = gtk_single_selection_get_selected (self->selection);
  guint next;

  if (n == 0)
    return;
  if (position == GTK_INVALID_LIST_POSITION)
    next = delta > 0 ? 0 : n - 1;
  else if ((delta < 0 && position == 0) || (delta > 0 && position + 1 >= n))
    return;
  else
    next = position + delta;

  gtk_single_selection_set_selected (self->selection, next);
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", next);

  /* The focus follows the selection when it was in the list: it would
   * stay, ringed, on the row left behind. The row shows once the list
   * has scrolled to it. */
  if (focus_in_list (self))
    g_idle_add_full (G_PRIORITY_LOW, focus_selected_row, g_object_ref (self), g_object_unref);
}

static void
previous_article_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  move_selection (ROSTRA_WINDOW (widget), -1);
}

static void
next_article_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  move_selection (ROSTRA_WINDOW (widget), +1);
}

static void
search_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RostraWindow *self = ROSTRA_WINDOW (widget);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->sidebar_clamp));
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
toggle_annotations_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RostraWindow *self = ROSTRA_WINDOW (widget);

  adw_flap_set_reveal_flap (self->annotations_flap,
                            !adw_flap_get_reveal_flap (self->annotations_flap));
}

static void
match_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RostraWindow *self = ROSTRA_WINDOW (widget);

  if (g_str_equal (action_name, "win.next-match"))
    rostra_reader_next_match (self->reader);
  else
    rostra_reader_previous_match (self->reader);
}

static void
reader_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RostraWindow    *self = ROSTRA_WINDOW (widget);
  g_autofree char *name = g_strconcat ("reader.", action_name + strlen ("win."), NULL);

  gtk_widget_activate_action (GTK_WIDGET (self->reader), name, NULL);
}

void
_rostra_window_class_init_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.open-sample", NULL, open_sample_action);
  gtk_widget_class_install_action (widget_class, "win.imports", NULL, imports_action);
  gtk_widget_class_install_action (widget_class, "win.speakers", NULL, speakers_action);
  gtk_widget_class_install_action (widget_class, "win.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "win.edit-details", NULL, edit_details_action);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, preferences_action);
  gtk_widget_class_install_action (widget_class, "win.back-up", NULL, back_up_action);
  gtk_widget_class_install_action (widget_class, "win.restore", NULL, restore_action);
  gtk_widget_class_install_action (widget_class, "win.export-annotations", NULL,
                                   export_annotations_action);
  gtk_widget_class_install_action (widget_class, "win.clear-import-filter", NULL,
                                   clear_import_filter_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.previous-article", NULL,
                                   previous_article_action);
  gtk_widget_class_install_action (widget_class, "win.next-article", NULL, next_article_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-annotations", NULL,
                                   toggle_annotations_action);
  gtk_widget_class_install_action (widget_class, "win.next-match", NULL, match_action);
  gtk_widget_class_install_action (widget_class, "win.previous-match", NULL, match_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, reader_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, reader_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-reset", NULL, reader_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.import",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "win.print",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_ALT_MASK,
                                       "win.edit-details", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_comma, GDK_CONTROL_MASK,
                                       "win.preferences", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK,
                                       "win.previous-article", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK, "win.next-article",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.toggle-annotations", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK, "win.next-match",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.previous-match", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "win.zoom-in",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "win.zoom-in",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK,
                                       "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK,
                                       "win.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK,
                                       "win.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "win.zoom-reset",
                                       NULL);
}
