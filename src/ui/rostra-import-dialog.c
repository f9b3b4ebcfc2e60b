/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-import-dialog.c: preview, options, progress and summary of an import.
 *
 * A modal window with four pages in a stack: "empty" (no file yet),
 * "preview" (one group per file: what an import would do, the file's
 * first speeches and every warning, its name; the tags for all files),
 * "progress" and "summary". A leaflet slides in a page listing every
 * warning of a file when there are too many to show inline.
 *
 * Nothing is written before the user presses Import. Each file is
 * previewed by a job of the archive's engine; the import is another job
 * on the engine's writer, one file after the other, each in its own
 * transaction (see rostra-importer.c). The dialog holds no thread.
 *
 * This file holds the dialog's pages, buttons and life;
 * rostra-import-dialog-private.h says where the rest is.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rostra-import-dialog-private.h"
#include "rostra-ui-utils.h"

G_DEFINE_FINAL_TYPE (RostraImportDialog, rostra_import_dialog, ADW_TYPE_WINDOW)

GParamSpec *_rostra_import_dialog_properties[N_PROPS];

guint _rostra_import_dialog_signals[N_SIGNALS];

/* Text */

/* "A · B · C" of the non-empty parts. */
char *
_rostra_import_dialog_join_parts (GPtrArray *parts)
{
  g_ptr_array_add (parts, NULL);
  /* Translators: between the parts of a summary, as in “3 new · 1 warning”. */
  return g_strjoinv (_(" · "), (char **) parts->pdata);
}

const char *
_rostra_import_dialog_encoding_label (const char *encoding)
{
  if (g_strcmp0 (encoding, "mixed") == 0)
    /* Translators: the encoding of a file that is mostly UTF-8 with some broken lines. */
    return _("Mixed encoding");
  return encoding;
}

static gboolean
is_listed (RostraImportDialog *self, GFile *file)
{
  for (guint i = 0; i < self->items->len; i++)
    if (g_file_equal (((FileItem *) g_ptr_array_index (self->items, i))->file, file))
      return TRUE;
  return FALSE;
}

static void
add_file (RostraImportDialog *self, GFile *file)
{
  FileItem *item = g_new0 (FileItem, 1);

  item->dialog = self;
  item->file = g_object_ref (file);
  item->display_name = _rostra_import_dialog_display_name_of (file);
  item->group = ADW_PREFERENCES_GROUP (_rostra_import_dialog_file_group_new (self, item));
  gtk_widget_add_css_class (GTK_WIDGET (item->group), "file-group");
  _rostra_import_dialog_file_group_show_reading (item);
  gtk_box_append (self->file_box, GTK_WIDGET (item->group));
  g_ptr_array_add (self->items, item);
  _rostra_import_dialog_file_item_start_preview (self, item);
}

/* A new list after a summary. */
static void
reset (RostraImportDialog *self)
{
  GtkWidget *child;

  while (self->items->len > 0)
    rostra_import_dialog_remove_file (self, self->items->len - 1);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->summary_list))) != NULL)
    gtk_list_box_remove (self->summary_list, child);
  self->finished = FALSE;
  self->cancelled = FALSE;
  self->progress = 0;
  gtk_widget_set_sensitive (self->cancel_button, TRUE);
}

/* The state of the buttons and pages */

static const char *
current_page (RostraImportDialog *self)
{
  if (self->import_job != NULL)
    return "progress";
  if (self->finished)
    return "summary";
  return self->items->len > 0 ? "preview" : "empty";
}

void
_rostra_import_dialog_update_state (RostraImportDialog *self)
{
  const char      *page = current_page (self);
  gboolean         preview = g_str_equal (page, "preview");
  gboolean         summary = g_str_equal (page, "summary");
  gboolean         progress = g_str_equal (page, "progress");
  guint            n_reading = 0, n_importable = 0, n_new = 0;
  g_autofree char *subtitle = NULL;
  gboolean         busy;

  for (guint i = 0; i < self->items->len; i++)
    {
      FileItem *item = g_ptr_array_index (self->items, i);

      if (item->job != NULL)
        n_reading++;
      else if (_rostra_import_dialog_file_item_is_importable (item))
        {
          n_importable++;
          n_new += item->report->n_new;
        }
    }

  if (!g_str_equal (gtk_stack_get_visible_child_name (self->stack), page))
    gtk_stack_set_visible_child_name (self->stack, page);

  gtk_widget_set_visible (self->cancel_button, !summary);
  gtk_widget_set_visible (self->import_button, !summary && !progress);
  gtk_widget_set_sensitive (self->import_button, n_reading == 0 && n_importable > 0);
  gtk_widget_set_visible (self->add_button, preview);
  gtk_widget_set_visible (self->done_button, summary);

  if (preview && n_reading > 0)
    subtitle =
        g_strdup_printf (ngettext ("Reading %u file…", "Reading %u files…", n_reading), n_reading);
  else if (preview && n_importable > 0)
    {
      g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

      g_ptr_array_add (
          parts, g_strdup_printf (ngettext ("%u file", "%u files", n_importable), n_importable));
      g_ptr_array_add (
          parts, g_strdup_printf (ngettext ("%'u new speech", "%'u new speeches", n_new), n_new));
      subtitle = _rostra_import_dialog_join_parts (parts);
    }
  else if (preview)
    subtitle = g_strdup (_("Nothing to import"));
  adw_window_title_set_subtitle (self->window_title, subtitle ? subtitle : "");

  if (preview || g_str_equal (page, "empty"))
    gtk_window_set_default_widget (GTK_WINDOW (self), self->import_button);
  else if (summary)
    gtk_window_set_default_widget (GTK_WINDOW (self), gtk_widget_get_visible (self->show_button)
                                                          ? self->show_button
                                                          : self->done_button);
  else
    gtk_window_set_default_widget (GTK_WINDOW (self), NULL);

  /* Until the user clicks or types on a page, the focus goes where
   * Enter does what the page is for. */
  if (g_strcmp0 (page, self->page) != 0)
    self->user_active = FALSE;
  self->page = page;
  if (!self->user_active && g_str_equal (page, "empty"))
    gtk_widget_grab_focus (self->empty_add_button);
  else if (!self->user_active && preview && gtk_widget_get_sensitive (self->import_button))
    gtk_widget_grab_focus (self->import_button);

  busy = n_reading > 0 || self->import_job != NULL;
  if (busy != self->busy)
    {
      self->busy = busy;
      g_object_notify_by_pspec (G_OBJECT (self), _rostra_import_dialog_properties[PROP_BUSY]);
    }
}

/* Buttons */

static void
import_clicked (RostraImportDialog *self)
{
  rostra_import_dialog_start (self);
}

static void
cancel_clicked (RostraImportDialog *self)
{
  rostra_import_dialog_cancel (self);
}

static void
done_clicked (RostraImportDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static void
show_clicked (RostraImportDialog *self)
{
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GVariant *variant;

  for (guint i = 0; i < self->items->len; i++)
    {
      FileItem *item = g_ptr_array_index (self->items, i);

      if (item->outcome == OUTCOME_IMPORTED && item->result->import_id != 0 &&
          item->result->n_new > 0)
        g_array_append_val (ids, item->result->import_id);
    }

  variant = g_variant_ref_sink (
      g_variant_new_fixed_array (G_VARIANT_TYPE_INT64, ids->data, ids->len, sizeof (gint64)));
  g_object_ref (self);
  g_signal_emit (self, _rostra_import_dialog_signals[SHOW_ARTICLES], 0, variant);
  g_variant_unref (variant);
  if (!self->disposed)
    gtk_window_close (GTK_WINDOW (self));
  g_object_unref (self);
}

static void
chooser_response (GtkNativeDialog *chooser, int response, RostraImportDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));

      rostra_import_dialog_add_files (self, files);
    }
  if (self->chooser == GTK_FILE_CHOOSER_NATIVE (chooser))
    g_clear_object (&self->chooser);
}

static void
add_clicked (RostraImportDialog *self)
{
  GtkFileFilter *filter;

  if (self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (
      _("Add Files"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN, _("_Add"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (self->chooser), TRUE);

  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("Text dumps and speeches"));
  gtk_file_filter_add_suffix (filter, "txt");
  gtk_file_filter_add_suffix (filter, "md");
  gtk_file_filter_add_mime_type (filter, "text/plain");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_object_unref (filter);

  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("Rostra backups"));
  gtk_file_filter_add_suffix (filter, "json");
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_object_unref (filter);

  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("All files"));
  gtk_file_filter_add_pattern (filter, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_object_unref (filter);

  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static gboolean
drop_cb (GtkDropTarget *target, const GValue *value, double x, double y, RostraImportDialog *self)
{
  g_autoptr (GListStore) files = g_list_store_new (G_TYPE_FILE);
  GSList *list;

  if (self->import_job != NULL || !G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  list = gdk_file_list_get_files (g_value_get_boxed (value));
  for (GSList *l = list; l; l = l->next)
    g_list_store_append (files, l->data);
  g_slist_free (list);

  rostra_import_dialog_add_files (self, G_LIST_MODEL (files));
  return TRUE;
}

/* Once the user types or clicks, the focus is left where it is. */
static gboolean
user_key_pressed (GtkEventControllerKey *controller,
                  guint                  keyval,
                  guint                  keycode,
                  GdkModifierType        state,
                  RostraImportDialog    *self)
{
  self->user_active = TRUE;
  return FALSE;
}

static void
user_clicked (RostraImportDialog *self)
{
  self->user_active = TRUE;
}

/* Escape: back from the warnings, or close unless importing. */
static gboolean
escape_pressed (GtkWidget *widget, GVariant *args, gpointer user_data)
{
  RostraImportDialog *self = ROSTRA_IMPORT_DIALOG (widget);

  if (adw_leaflet_get_visible_child (self->leaflet) == self->warnings_page)
    _rostra_import_dialog_back_clicked (self);
  else if (self->import_job == NULL)
    gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}

/* Closing while importing cancels, and closes once the current file is
 * rolled back (the files already committed stay and were announced). */
static gboolean
rostra_import_dialog_close_request (GtkWindow *window)
{
  RostraImportDialog *self = ROSTRA_IMPORT_DIALOG (window);

  if (self->import_job != NULL)
    {
      self->close_pending = TRUE;
      rostra_import_dialog_cancel (self);
      return TRUE;
    }

  for (guint i = 0; i < self->items->len; i++)
    _rostra_import_dialog_file_item_stop_preview (g_ptr_array_index (self->items, i));
  return GTK_WINDOW_CLASS (rostra_import_dialog_parent_class)->close_request (window);
}

/* GObject */

static void
load_tags_done (GObject *source, GAsyncResult *res, gpointer user_data)
{
  RostraImportDialog *self = user_data;
  char **names = rostra_engine_list_tag_names_finish (ROSTRA_ENGINE (source), res, NULL);

  /* Without the archive's tags, the entry just does not complete. */
  if (!self->disposed && names != NULL)
    rostra_tag_completion_set_names (self->completion, (const char *const *) names);
  g_strfreev (names);
  g_object_unref (self);
}

/* On a reader of the archive's engine (the window's, when it shows it) */
static void
load_tags (RostraImportDialog *self)
{
  rostra_engine_list_tag_names_async (_rostra_import_dialog_get_engine (self), NULL, load_tags_done,
                                      g_object_ref (self));
}

static void
rostra_import_dialog_constructed (GObject *object)
{
  RostraImportDialog *self = ROSTRA_IMPORT_DIALOG (object);

  G_OBJECT_CLASS (rostra_import_dialog_parent_class)->constructed (object);

  if (self->database != NULL)
    load_tags (self);
  _rostra_import_dialog_update_state (self);
}

static void
rostra_import_dialog_dispose (GObject *object)
{
  RostraImportDialog *self = ROSTRA_IMPORT_DIALOG (object);

  self->disposed = TRUE;
  _rostra_import_dialog_forget_import (self);
  if (self->items != NULL)
    g_ptr_array_set_size (self->items, 0);
  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  g_clear_weak_pointer (&self->show_all_row);
  gtk_widget_dispose_template (GTK_WIDGET (self), ROSTRA_TYPE_IMPORT_DIALOG);

  G_OBJECT_CLASS (rostra_import_dialog_parent_class)->dispose (object);
}

static void
rostra_import_dialog_finalize (GObject *object)
{
  RostraImportDialog *self = ROSTRA_IMPORT_DIALOG (object);

  g_free (self->database);
  g_clear_object (&self->engine);
  g_clear_object (&self->memory);
  g_ptr_array_unref (self->items);
  g_array_unref (self->warning_lines);
  g_object_unref (self->warning_messages);

  G_OBJECT_CLASS (rostra_import_dialog_parent_class)->finalize (object);
}

static void
rostra_import_dialog_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  RostraImportDialog *self = ROSTRA_IMPORT_DIALOG (object);

  switch (prop_id)
    {
      case PROP_DATABASE:
        g_value_set_string (value, self->database);
        break;
      case PROP_BUSY:
        g_value_set_boolean (value, self->busy);
        break;
      case PROP_PROGRESS:
        g_value_set_double (value, self->progress);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rostra_import_dialog_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  RostraImportDialog *self = ROSTRA_IMPORT_DIALOG (object);

  switch (prop_id)
    {
      case PROP_DATABASE:
        self->database = g_value_dup_string (value);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rostra_import_dialog_class_init (RostraImportDialogClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = rostra_import_dialog_constructed;
  object_class->dispose = rostra_import_dialog_dispose;
  object_class->finalize = rostra_import_dialog_finalize;
  object_class->get_property = rostra_import_dialog_get_property;
  object_class->set_property = rostra_import_dialog_set_property;
  window_class->close_request = rostra_import_dialog_close_request;

  /**
   * RostraImportDialog:database:
   *
   * The path of the archive; previews and the import open their own
   * connections to it.
   */
  _rostra_import_dialog_properties[PROP_DATABASE] =
      g_param_spec_string ("database", NULL, NULL, NULL,
                           G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * RostraImportDialog:busy:
   *
   * Whether a file is being read for its preview, or imported.
   */
  _rostra_import_dialog_properties[PROP_BUSY] =
      g_param_spec_boolean ("busy", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * RostraImportDialog:progress:
   *
   * How much of the import is done, from 0 to 1, over all files; it
   * never goes back.
   */
  _rostra_import_dialog_properties[PROP_PROGRESS] = g_param_spec_double (
      "progress", NULL, NULL, 0, 1, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, _rostra_import_dialog_properties);

  /**
   * RostraImportDialog::imported:
   * @import_id: the import's row
   *
   * A file's import was committed. Emitted on the main thread, once
   * per file, as the import goes on.
   */
  _rostra_import_dialog_signals[IMPORTED] =
      g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                    G_TYPE_NONE, 1, G_TYPE_INT64);

  /**
   * RostraImportDialog::show-articles:
   * @import_ids: a `ax` variant: the imports of this run that added speeches
   *
   * The user asked to see the new speeches; the dialog then closes.
   */
  _rostra_import_dialog_signals[SHOW_ARTICLES] =
      g_signal_new ("show-articles", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                    NULL, G_TYPE_NONE, 1, G_TYPE_VARIANT);

  /* Announced as a dialog, not as one more application window. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_DIALOG);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rostra/Rostra/rostra-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RostraImportDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RostraImportDialog, leaflet);
  gtk_widget_class_bind_template_child (widget_class, RostraImportDialog, main_page);
  gtk_widget_class_bind_template_child (widget_class, RostraImportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, RostraImportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, RostraImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, RostraImportDialog, done_button);
  gtk_widget_class_bind_template_child (widget_class, RostraImportDialog, add_button);
  gtk_widget_class_bind_template_child (widget_class, RostraImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, RostraImportDialog, empty_add_button);
  gtk_widget_class_bind_template_child (widget_class, RostraImportDialog, file_box);
  gtk_widget_class_bind_template_child (widget_class, RostraImportDialog, tags_row);
  gtk_widget_class_bind_template_child (widget_class, RostraImportDialog, progress_page);
  gtk_widget_class_bind_template_child (widget_class, RostraImportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, RostraImportDialog, progress_label);
  gtk_widget_class_bind_template_child (widget_class, RostraImportDialog, summary_page);
  gtk_widget_class_bind_template_child (widget_class, RostraImportDialog, show_button);
  gtk_widget_class_bind_template_child (widget_class, RostraImportDialog, summary_list);
  gtk_widget_class_bind_template_child (widget_class, RostraImportDialog, warnings_page);
  gtk_widget_class_bind_template_child (widget_class, RostraImportDialog, warnings_title);
  gtk_widget_class_bind_template_child (widget_class, RostraImportDialog, warnings_view);
  gtk_widget_class_bind_template_child (widget_class, RostraImportDialog, warnings_more);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked);
  gtk_widget_class_bind_template_callback (widget_class, import_clicked);
  gtk_widget_class_bind_template_callback (widget_class, done_clicked);
  gtk_widget_class_bind_template_callback (widget_class, add_clicked);
  gtk_widget_class_bind_template_callback (widget_class, show_clicked);
  gtk_widget_class_bind_template_callback_full (widget_class, "back_clicked",
                                                G_CALLBACK (_rostra_import_dialog_back_clicked));

  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, escape_pressed, NULL);
}

static void
rostra_import_dialog_init (RostraImportDialog *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkDropTarget      *drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  GtkEventController *keys;
  GtkGesture         *click;
  GtkNoSelection     *selection;

  self->items = g_ptr_array_new_with_free_func (_rostra_import_dialog_file_item_free);
  self->warning_lines = g_array_new (FALSE, FALSE, sizeof (guint));
  self->warning_messages = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  rostra_ui_name_controls (GTK_WIDGET (self));

  g_signal_connect (factory, "setup", G_CALLBACK (_rostra_import_dialog_warning_setup), self);
  g_signal_connect (factory, "bind", G_CALLBACK (_rostra_import_dialog_warning_bind), self);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->warning_messages)));
  gtk_list_view_set_model (self->warnings_view, GTK_SELECTION_MODEL (selection));
  gtk_list_view_set_factory (self->warnings_view, factory);
  g_object_unref (selection);
  g_object_unref (factory);

  self->completion = rostra_tag_completion_attach (GTK_WIDGET (self->tags_row));

  g_signal_connect_object (drop, "drop", G_CALLBACK (drop_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (user_key_pressed), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  click = gtk_gesture_click_new ();
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect_object (click, "pressed", G_CALLBACK (user_clicked), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
}

/**
 * rostra_import_dialog_new:
 * @parent: (nullable): the window the dialog is for
 * @database: the path of the archive
 *
 * Returns: (transfer none): a new dialog with no file yet, not presented
 */
GtkWidget *
rostra_import_dialog_new (GtkWindow *parent, const char *database)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (database != NULL, NULL);

  return g_object_new (ROSTRA_TYPE_IMPORT_DIALOG, "transient-for", parent, "database", database,
                       NULL);
}

/**
 * rostra_import_dialog_add_files:
 * @files: (element-type GFile): files to preview
 *
 * Adds the files not yet listed, and reads each for its preview. After
 * a summary, starts a new list. Ignored (with a toast) while importing.
 */
void
rostra_import_dialog_add_files (RostraImportDialog *self, GListModel *files)
{
  guint n_files;

  g_return_if_fail (ROSTRA_IS_IMPORT_DIALOG (self));
  g_return_if_fail (G_IS_LIST_MODEL (files));

  if (self->import_job != NULL)
    {
      rostra_ui_add_toast (self->toast_overlay, _("Files can be added once this import is over"),
                                                   5);
      return;
    }
  n_files = g_list_model_get_n_items (files);
  if (n_files == 0)
    return;
  if (self->finished)
    reset (self);

  for (guint i = 0; i < n_files; i++)
    {
      g_autoptr (GObject) object = g_list_model_get_item (files, i);

      if (G_IS_FILE (object) && !is_listed (self, G_FILE (object)))
        add_file (self, G_FILE (object));
    }
  _rostra_import_dialog_update_state (self);
}

/**
 * rostra_import_dialog_get_page:
 *
 * Returns: "empty", "preview", "progress" or "summary"
 */
const char *
rostra_import_dialog_get_page (RostraImportDialog *self)
{
  g_return_val_if_fail (ROSTRA_IS_IMPORT_DIALOG (self), NULL);

  return current_page (self);
}

/**
 * rostra_import_dialog_get_busy:
 *
 * Returns: whether a preview or the import is running
 */
gboolean
rostra_import_dialog_get_busy (RostraImportDialog *self)
{
  g_return_val_if_fail (ROSTRA_IS_IMPORT_DIALOG (self), FALSE);

  return self->busy;
}

double
rostra_import_dialog_get_progress (RostraImportDialog *self)
{
  g_return_val_if_fail (ROSTRA_IS_IMPORT_DIALOG (self), 0);

  return self->progress;
}

/**
 * rostra_import_dialog_get_can_import:
 *
 * Returns: whether the Import button is enabled
 */
gboolean
rostra_import_dialog_get_can_import (RostraImportDialog *self)
{
  g_return_val_if_fail (ROSTRA_IS_IMPORT_DIALOG (self), FALSE);

  return gtk_widget_get_sensitive (self->import_button) &&
         gtk_widget_get_visible (self->import_button);
}

guint
rostra_import_dialog_get_n_files (RostraImportDialog *self)
{
  g_return_val_if_fail (ROSTRA_IS_IMPORT_DIALOG (self), 0);

  return self->items->len;
}

/**
 * rostra_import_dialog_get_file:
 *
 * Returns: (transfer none) (nullable): the file at @index of the list
 */
GFile *
rostra_import_dialog_get_file (RostraImportDialog *self, guint index)
{
  FileItem *item;

  g_return_val_if_fail (ROSTRA_IS_IMPORT_DIALOG (self), NULL);

  item = _rostra_import_dialog_get_item (self, index);
  return item ? item->file : NULL;
}

/**
 * rostra_import_dialog_remove_file:
 *
 * What a file's remove button does: stops its preview and takes it off
 * the list. Not while importing.
 */
void
rostra_import_dialog_remove_file (RostraImportDialog *self, guint index)
{
  FileItem *item;

  g_return_if_fail (ROSTRA_IS_IMPORT_DIALOG (self));

  if (self->import_job != NULL || (item = _rostra_import_dialog_get_item (self, index)) == NULL)
    return;

  if (adw_leaflet_get_visible_child (self->leaflet) == self->warnings_page)
    _rostra_import_dialog_back_clicked (self);
  gtk_box_remove (self->file_box, GTK_WIDGET (item->group));
  g_ptr_array_remove_index (self->items, index);
  _rostra_import_dialog_update_state (self);

  /* Keep the focus in the list. */
  if (self->items->len > 0 && !self->finished)
    {
      FileItem *next = _rostra_import_dialog_get_item (self, MIN (index, self->items->len - 1));

      gtk_widget_grab_focus (adw_preferences_group_get_header_suffix (next->group));
    }
  else if (self->items->len == 0)
    gtk_widget_grab_focus (self->empty_add_button);
}

/**
 * rostra_import_dialog_get_preview:
 * @index: a file of the list
 * @error: (out) (optional) (transfer none): why the file cannot be imported
 *
 * Returns: (nullable) (transfer none): the file's preview, %NULL while
 *   it runs (or when the archive could not be opened)
 */
const RostraImportReport *
rostra_import_dialog_get_preview (RostraImportDialog *self, guint index, const GError **error)
{
  FileItem *item;

  g_return_val_if_fail (ROSTRA_IS_IMPORT_DIALOG (self), NULL);

  item = _rostra_import_dialog_get_item (self, index);
  if (error)
    *error = item && item->job == NULL ? item->error : NULL;
  return item && item->job == NULL ? item->report : NULL;
}

/**
 * rostra_import_dialog_get_result:
 * @index: a file of the list
 * @error: (out) (optional) (transfer none): why its import failed, or
 *   %G_IO_ERROR_CANCELLED
 *
 * Returns: (nullable) (transfer none): what the import did with the
 *   file, %NULL when it was not imported (or not yet)
 */
const RostraImportReport *
rostra_import_dialog_get_result (RostraImportDialog *self, guint index, const GError **error)
{
  FileItem *item;

  g_return_val_if_fail (ROSTRA_IS_IMPORT_DIALOG (self), NULL);

  item = _rostra_import_dialog_get_item (self, index);
  if (error)
    *error = item ? item->result_error : NULL;
  return item ? item->result : NULL;
}

void
rostra_import_dialog_set_tags (RostraImportDialog *self, const char *tags)
{
  g_return_if_fail (ROSTRA_IS_IMPORT_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->tags_row), tags ? tags : "");
}

/**
 * rostra_import_dialog_set_name:
 *
 * Sets the name of the import of the file at @index (once its preview
 * is in); an empty name stands for the file's name.
 */
void
rostra_import_dialog_set_name (RostraImportDialog *self, guint index, const char *name)
{
  FileItem *item;

  g_return_if_fail (ROSTRA_IS_IMPORT_DIALOG (self));

  if ((item = _rostra_import_dialog_get_item (self, index)) != NULL && item->name_row != NULL)
    gtk_editable_set_text (GTK_EDITABLE (item->name_row), name ? name : "");
}
