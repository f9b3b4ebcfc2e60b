/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-window-archive.c: the main window's archive: opening it (and a
 * full check of it on a worker after), and the way out when it cannot be
 * opened: the problem page (RostraArchiveProblem) with a new archive in
 * its place (the old file kept aside, never overwritten), a backup
 * restored into a new archive, or trying again. */

#include "config.h"

#include <glib/gi18n.h>

#include "rostra-archive-backup.h"
#include "rostra-backup-ui.h"
#include "rostra-store-recovery.h"
#include "rostra-window-private.h"

/* The actions that need the archive, off while it cannot be opened
 * (their shortcuts too); win.print and win.undo follow their state. */
static const char *const archive_actions[] = {
  "win.import",  "win.open-sample",      "win.imports",      "win.speakers",
  "win.back-up", "win.restore",          "win.manage-tags",  "win.export-annotations",
  "win.search",  "win.previous-article", "win.next-article", "win.toggle-annotations",
};

/* What the problem page offers, by what went wrong. */
static const char *const problem_actions[] = {
  "win.start-new-archive",
  "win.open-backup",
  "win.try-again",
};

void
_rostra_window_set_archive_actions_enabled (RostraWindow *self, gboolean enabled)
{
  for (guint i = 0; i < G_N_ELEMENTS (archive_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), archive_actions[i], enabled);
  for (guint i = 0; i < G_N_ELEMENTS (problem_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), problem_actions[i], !enabled);
}

/* Forgets the archive: nothing shows it or holds it open any more. */
static void
drop_store (RostraWindow *self)
{
  if (self->articles)
    {
      g_signal_handlers_disconnect_by_data (self->articles, self);
      gtk_single_selection_set_model (self->selection, NULL);
      g_clear_object (&self->articles);
    }
  self->open_id = 0;
  rostra_reader_set_article (self->reader, NULL);
  _rostra_window_reload_annotations (self);
  adw_window_title_set_title (self->content_title, "");
  adw_window_title_set_subtitle (self->content_title, "");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.print", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.edit-details", FALSE);
  _rostra_window_clear_undo (self);
  rostra_annotations_pane_set_store (self->annotations_pane_widget, NULL);
  rostra_annotations_view_set_store (self->annotations_view, NULL);
  g_clear_object (&self->store);
}

/* The page in place of the window's panes: what happened to which file,
 * and what can be done. The file is never written to from here. */
void
_rostra_window_show_problem (RostraWindow *self, const GError *error)
{
  gboolean the_file = rostra_archive_problem_is_the_file (error);

  drop_store (self);
  gtk_revealer_set_reveal_child (self->kept_revealer, FALSE);
  rostra_archive_problem_show (self->problem, error);
  gtk_stack_set_visible_child_name (self->main_stack, "problem");
  _rostra_window_set_archive_actions_enabled (self, FALSE);
  /* Only what the page offers: a file in use is never moved aside. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.start-new-archive", the_file);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-backup", the_file);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-backup-file", the_file);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.try-again", !the_file);
}

/* The file is found damaged on a worker, after the window opened it. */
static void
check_done (GObject *source, GAsyncResult *res, gpointer user_data)
{
  g_autoptr (WindowJob) job = user_data;
  RostraWindow *self = job->window;
  g_autoptr (GError) error = NULL;

  if (rostra_engine_check_finish (ROSTRA_ENGINE (source), res, &error) || error == NULL)
    return;
  /* Still the archive that was checked (not closed nor replaced since)? */
  if (self->disposed || self->store == NULL || self->generation != job->generation)
    return;
  if (error->domain == ROSTRA_STORE_ERROR && (error->code == ROSTRA_STORE_ERROR_CORRUPT ||
                                              error->code == ROSTRA_STORE_ERROR_NOT_A_DATABASE))
    _rostra_window_show_problem (self, error);
}

/* Reads the whole archive once, on a reader of the archive's engine:
 * opening it reads only its first pages. */
static void
check_archive (RostraWindow *self)
{
  rostra_engine_check_async (rostra_engine_get_for_store (self->store), NULL, check_done,
                             _rostra_window_job_new (self));
}

/* Shows @store, which is taken. */
static void
use_store (RostraWindow *self, RostraStore *store)
{
  g_clear_object (&self->store);
  self->store = store;
  self->generation++;

  rostra_annotations_pane_set_store (self->annotations_pane_widget, self->store);
  rostra_annotations_view_set_store (self->annotations_view, self->store);

  self->articles = rostra_article_list_new (self->store);
  g_signal_connect_swapped (self->articles, "loaded", G_CALLBACK (_rostra_window_list_loaded),
                            self);
  /* The first page, then the count, come before "loaded". */
  g_signal_connect_swapped (self->articles, "notify::n-items",
                            G_CALLBACK (_rostra_window_update_list_page), self);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->articles));

  _rostra_window_set_archive_actions_enabled (self, TRUE);
  gtk_stack_set_visible_child_name (self->main_stack, "archive");
  /* The list loads at once; the filters are listed on a worker meanwhile
   * (the query stays the same unless a value it filters on is gone). */
  _rostra_window_apply_query (self);
  _rostra_window_update_filters (self);
}

void
_rostra_window_open_archive (RostraWindow *self, const char *path)
{
  g_autoptr (GError) error = NULL;
  RostraStore *store;
  gint64       last;

  g_free (self->path);
  self->path = path ? g_strdup (path) : rostra_store_default_path ();

  store = rostra_store_open (self->path, &error);
  if (store == NULL)
    {
      _rostra_window_show_problem (self, error);
      return;
    }

  use_store (self, store);
  last = _rostra_window_remembered_article (self);
  if (last > 0)
    _rostra_window_open_article (self, last);
  check_archive (self);
}

/* "Try Again": opening may wait for a lock, so off the main thread. */
static void
reopen_done (GObject *source, GAsyncResult *res, gpointer user_data)
{
  g_autoptr (RostraWindow) self = user_data;
  g_autoptr (GError) error = NULL;
  RostraStore *store = rostra_store_open_finish (res, &error);

  if (self->disposed || self->store != NULL)
    {
      g_clear_object (&store);
      return;
    }
  rostra_archive_problem_set_trying (self->problem, FALSE);
  if (store == NULL)
    {
      _rostra_window_show_problem (self, error);
      _rostra_window_toast (self, _("The archive still cannot be opened"));
      return;
    }
  use_store (self, store);
  check_archive (self);
}

static void
try_again_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RostraWindow *self = ROSTRA_WINDOW (widget);

  rostra_archive_problem_set_trying (self->problem, TRUE);
  rostra_store_open_async (self->path, NULL, reopen_done, g_object_ref (self));
}

static void
dismiss_kept (RostraWindow *self)
{
  gtk_revealer_set_reveal_child (self->kept_revealer, FALSE);
}

/* Moves the archive that cannot be opened aside and opens a new, empty
 * one in its place; says where the old file went, in a bar above the
 * list that stays until dismissed (a toast would cut the name short on
 * a narrow window). */
static RostraStore *
start_new_archive (RostraWindow *self)
{
  g_autoptr (GFile) aside = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL;
  RostraStore     *store;

  aside = rostra_store_recovery_move_aside (self->path, NULL, &error);
  /* Gone meanwhile (moved by the user): nothing to keep. */
  if (aside == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      _rostra_window_toast (self, error->message);
      return NULL;
    }
  g_clear_error (&error);

  if (aside != NULL)
    {
      g_autofree char *base = g_file_get_basename (aside);
      g_autofree char *dir = g_path_get_dirname (g_file_peek_path (aside));
      g_autofree char *name = g_filename_display_name (base);
      g_autofree char *folder = g_filename_display_name (dir);

      /* Translators: the first %s is a file name such as
       * archive-damaged-2026-11-27-142501.db, the second its folder. */
      message = g_strdup_printf (_("The old archive was kept as “%s” in %s"), name, folder);
    }

  if (!(store = rostra_store_open (self->path, &error)))
    {
      _rostra_window_show_problem (self, error);
      if (message != NULL)
        _rostra_window_toast (self, message);
      return NULL;
    }

  use_store (self, store);
  if (message != NULL)
    {
      gtk_label_set_label (self->kept_label, message);
      gtk_revealer_set_reveal_child (self->kept_revealer, TRUE);
    }
  return store;
}

static void
start_new_archive_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  start_new_archive (ROSTRA_WINDOW (widget));
}

static void
restore_into_new_archive (RostraWindow *self, GFile *backup)
{
  g_autoptr (GFile) archive = g_file_new_for_path (self->path);
  g_autoptr (GError) error = NULL;
  RostraStore *store;

  if (g_file_equal (backup, archive))
    {
      _rostra_window_toast (self,
                            _("This is the archive that cannot be opened: choose a backup of it"));
      return;
    }
  /* Nothing is moved for a file that is no backup. */
  if (rostra_archive_detect_source (backup, NULL, &error) == ROSTRA_BACKUP_SOURCE_UNKNOWN)
    {
      g_autofree char *base = g_file_get_basename (backup);
      g_autofree char *name = g_filename_display_name (base);
      g_autofree char *message =
          error != NULL
              ? g_strdup (error->message)
              /* Translators: %s is a file name. */
              : g_strdup_printf (_("“%s” is neither a Rostra archive nor a JSON backup"), name);

      _rostra_window_toast (self, message);
      return;
    }

  if ((store = start_new_archive (self)) != NULL)
    rostra_backup_ui_run_restore (GTK_WINDOW (self), store, self->toast_overlay, backup,
                                  ROSTRA_BACKUP_UI_MERGE, _rostra_window_archive_changed, self);
}

static void
backup_chosen (GtkNativeDialog *chooser, int response, gpointer user_data)
{
  RostraWindow *self = user_data;

  if (response == GTK_RESPONSE_ACCEPT && self->store == NULL)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        restore_into_new_archive (self, file);
    }
  g_object_unref (chooser);
}

/* The chooser's answer, as an action: "win.open-backup-file" with a path. */
static void
open_backup_file_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  g_autoptr (GFile) file = g_file_new_for_path (g_variant_get_string (parameter, NULL));

  restore_into_new_archive (ROSTRA_WINDOW (widget), file);
}

static void
open_backup_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RostraWindow *self = ROSTRA_WINDOW (widget);
  g_autoptr (GtkFileFilter) backups = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Restore From a Backup"), GTK_WINDOW (self),
                                            GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (backups, _("Rostra backups (*.db, *.json)"));
  gtk_file_filter_add_suffix (backups, "db");
  gtk_file_filter_add_suffix (backups, "json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), backups);
  /* Backups are often kept beside the archive. */
  {
    g_autofree char *dir = g_path_get_dirname (self->path);
    g_autoptr (GFile) folder = g_file_new_for_path (dir);

    if (g_file_query_file_type (folder, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_DIRECTORY)
      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
  }
  g_signal_connect_object (chooser, "response", G_CALLBACK (backup_chosen), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
_rostra_window_class_init_archive (GtkWidgetClass *widget_class)
{
  g_type_ensure (ROSTRA_TYPE_ARCHIVE_PROBLEM);
  gtk_widget_class_bind_template_callback (widget_class, dismiss_kept);
  gtk_widget_class_install_action (widget_class, "win.start-new-archive", NULL,
                                   start_new_archive_action);
  gtk_widget_class_install_action (widget_class, "win.open-backup", NULL, open_backup_action);
  gtk_widget_class_install_action (widget_class, "win.open-backup-file", "s",
                                   open_backup_file_action);
  gtk_widget_class_install_action (widget_class, "win.try-again", NULL, try_again_action);
}
