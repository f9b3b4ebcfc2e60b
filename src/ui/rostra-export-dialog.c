/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-export-dialog.c: export annotations in a format and scope to a file.
 *
 * A small modal window: the format (a combo row, each format with a
 * line on what it is for), which annotations (the whole archive, the
 * open speech, the speeches the library's search and filters show, or
 * one tag) and how many that is. "Export…" asks for a file with the
 * native file chooser (the portal in a sandbox), then a worker writes
 * it on a connection of its own, atomically (the file appears when it
 * is complete), while a spinner turns. Then the dialog emits
 * RostraExportDialog::exported and closes; the window shows the toast
 * (rostra_export_dialog_new_toast()), whose button opens the file.
 *
 * Counting runs on a worker too, each change cancelling the count
 * before: the speeches a search shows can take a moment to find.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rostra-engine.h"
#include "rostra-export-dialog.h"
#include "rostra-tag.h"
#include "rostra-ui-utils.h"

struct _RostraExportDialog
{
  AdwWindow parent_instance;

  RostraStore *store;
  gint64       open_article_id; /* 0 when no speech is open or it is gone */
  RostraQuery *query;           /* the library's search and filters; NULL for none */
  GArray      *shown_ids;       /* what @query shows, once a worker found it */

  GCancellable *count_cancellable;
  gboolean      counting;
  GError       *count_error;
  guint         n_annotations;
  guint         n_articles;
  char         *count_text;

  GCancellable         *export_cancellable; /* while exporting */
  GtkFileChooserNative *chooser;
  gboolean              updating; /* setting widgets, not the user */

  GtkWidget       *cancel_button;
  GtkWidget       *export_button;
  GtkWidget       *spinner;
  AdwToastOverlay *toast_overlay;
  GtkWidget       *content;
  AdwComboRow     *format_row;
  GSettings       *settings;
  AdwActionRow    *all_row;
  AdwActionRow    *article_row;
  AdwActionRow    *shown_row;
  AdwActionRow    *tag_row;
  GtkCheckButton  *all_check;
  GtkCheckButton  *article_check;
  GtkCheckButton  *shown_check;
  GtkCheckButton  *tag_check;
  GtkDropDown     *tag_dropdown;
  GtkLabel        *count_label;
};

G_DEFINE_FINAL_TYPE (RostraExportDialog, rostra_export_dialog, ADW_TYPE_WINDOW)

enum
{
  PROP_0,
  PROP_COUNTING,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  EXPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The formats in the order the combo row offers them: the page to read
 * first, the backup last. */
static const RostraExportFormat format_order[] = {
  ROSTRA_EXPORT_FORMAT_HTML, ROSTRA_EXPORT_FORMAT_MARKDOWN, ROSTRA_EXPORT_FORMAT_CSV,
  ROSTRA_EXPORT_FORMAT_W3C,  ROSTRA_EXPORT_FORMAT_JSON,
};

static void start_count (RostraExportDialog *self);

/* Counting, and exporting: jobs of the archive's engine */

static const char *
selected_tag (RostraExportDialog *self)
{
  GtkStringObject *item = gtk_drop_down_get_selected_item (self->tag_dropdown);

  return item != NULL ? gtk_string_object_get_string (item) : NULL;
}

static RostraExportJob *
job_new (RostraExportDialog *self, GFile *file)
{
  RostraExportJob *job = rostra_export_job_new ();

  job->format = rostra_export_dialog_get_format (self);
  job->kind = rostra_export_dialog_get_scope (self);
  job->article_id = self->open_article_id;
  job->tag = g_strdup (selected_tag (self));
  if (self->shown_ids != NULL)
    job->ids = g_array_ref (self->shown_ids);
  else if (self->query != NULL)
    job->query = rostra_query_copy (self->query);
  job->file = file ? g_object_ref (file) : NULL;
  return job;
}

/* The jobs' callbacks hold the dialog weakly: closing it disposes it
 * at once, which cancels its jobs. */
typedef struct
{
  GWeakRef         dialog;
  RostraExportJob *job;
} Reply;

static Reply *
reply_new (RostraExportDialog *self, RostraExportJob *job)
{
  Reply *reply = g_new0 (Reply, 1);

  g_weak_ref_init (&reply->dialog, self);
  reply->job = job;
  return reply;
}

/* Returns (transfer full): the dialog, or NULL when it is gone; takes @job. */
static RostraExportDialog *
reply_steal (Reply *reply, RostraExportJob **job)
{
  RostraExportDialog *self = g_weak_ref_get (&reply->dialog);

  g_weak_ref_clear (&reply->dialog);
  *job = reply->job;
  g_free (reply);
  return self;
}

static void
start_job (RostraExportDialog *self,
           GFile              *file,
           GCancellable       *cancellable,
           GAsyncReadyCallback done)
{
  RostraExportJob *job = job_new (self, file);

  rostra_engine_export_async (rostra_engine_get_for_store (self->store), job, cancellable, done,
                              reply_new (self, job));
}

/* Showing the state */

static gboolean
has_content (RostraExportDialog *self)
{
  if (self->count_error != NULL)
    return FALSE;
  if (rostra_export_dialog_get_format (self) == ROSTRA_EXPORT_FORMAT_JSON)
    return self->n_articles > 0;
  return self->n_annotations > 0;
}

static void
update_count_text (RostraExportDialog *self)
{
  g_autofree char *part = NULL;
  guint            n = self->n_annotations, m = self->n_articles;

  g_clear_pointer (&self->count_text, g_free);

  if (rostra_export_dialog_get_busy (self))
    self->count_text = g_strdup (_("Exporting…"));
  else if (self->counting)
    self->count_text = g_strdup (_("Counting…"));
  else if (self->count_error != NULL)
    self->count_text = g_strdup (self->count_error->message);
  else if (rostra_export_dialog_get_format (self) == ROSTRA_EXPORT_FORMAT_JSON)
    {
      if (m == 0)
        self->count_text = g_strdup (_("There are no speeches to export."));
      else
        {
          /* Translators: “12 annotations”, in “3 speeches with 12
           * annotations will be exported” */
          part = g_strdup_printf (ngettext ("%u annotation", "%u annotations", n), n);
          /* Translators: %s is “12 annotations” */
          self->count_text = g_strdup_printf (ngettext ("%u speech with %s will be exported.",
                                                        "%u speeches with %s will be exported.", m),
                                              m, part);
        }
    }
  else if (n == 0)
    self->count_text = g_strdup (_("There are no annotations to export."));
  else
    {
      /* Translators: “3 speeches”, in “12 annotations from 3 speeches
       * will be exported” */
      part = g_strdup_printf (ngettext ("%u speech", "%u speeches", m), m);
      /* Translators: %s is “3 speeches” */
      self->count_text = g_strdup_printf (ngettext ("%u annotation from %s will be exported.",
                                                    "%u annotations from %s will be exported.", n),
                                          n, part);
    }

  gtk_label_set_text (self->count_label, self->count_text);
}

static void
update_state (RostraExportDialog *self)
{
  gboolean busy = rostra_export_dialog_get_busy (self);

  update_count_text (self);
  gtk_widget_set_sensitive (self->export_button, !busy && !self->counting && has_content (self));
  gtk_widget_set_sensitive (self->content, !busy);
  gtk_widget_set_visible (self->spinner, busy);
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), busy);
}

static void
update_shown_row (RostraExportDialog *self)
{
  g_autofree char *subtitle = NULL;

  if (self->query == NULL)
    subtitle = g_strdup (_("The library shows no list"));
  else if (self->shown_ids == NULL)
    subtitle = g_strdup (_("The speeches the search and filters show"));
  else
    subtitle = g_strdup_printf (ngettext ("The %u speech the search and filters show",
                                          "The %u speeches the search and filters show",
                                          self->shown_ids->len),
                                self->shown_ids->len);
  adw_action_row_set_subtitle (self->shown_row, subtitle);
}

static void
update_all_row (RostraExportDialog *self)
{
  adw_action_row_set_subtitle (self->all_row,
                               rostra_export_dialog_get_format (self) == ROSTRA_EXPORT_FORMAT_JSON
                               ? _("Every speech, and every annotation")
                               : _("Every annotation in the archive"));
}

/* Counting */

static void
count_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (RostraExportJob) job = NULL;
  g_autoptr (RostraExportDialog) self = reply_steal (user_data, &job);
  g_autoptr (GError) error = NULL;
  gboolean ok = rostra_engine_export_finish (ROSTRA_ENGINE (source), result, &error);

  /* Closed meanwhile */
  if (self == NULL || self->store == NULL)
    return;

  /* Whatever the count, the speeches shown are now known. */
  if (self->shown_ids == NULL && job->ids != NULL && job->query != NULL)
    {
      self->shown_ids = g_array_ref (job->ids);
      update_shown_row (self);
    }

  /* A newer count is on its way. */
  if (g_task_get_cancellable (G_TASK (result)) != self->count_cancellable)
    return;

  self->counting = FALSE;
  g_clear_error (&self->count_error);
  if (ok)
    {
      self->n_annotations = job->n_annotations;
      self->n_articles = job->n_articles;
    }
  else
    self->count_error = g_steal_pointer (&error);

  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNTING]);
}

static void
start_count (RostraExportDialog *self)
{
  if (self->count_cancellable != NULL)
    g_cancellable_cancel (self->count_cancellable);
  g_clear_object (&self->count_cancellable);
  self->count_cancellable = g_cancellable_new ();

  start_job (self, NULL, self->count_cancellable, count_done);

  if (!self->counting)
    {
      self->counting = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNTING]);
    }
  update_state (self);
}

/* Exporting */

static void
export_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (RostraExportJob) job = NULL;
  g_autoptr (RostraExportDialog) self = reply_steal (user_data, &job);
  g_autoptr (GError) error = NULL;
  gboolean ok = rostra_engine_export_finish (ROSTRA_ENGINE (source), result, &error);

  /* Closed meanwhile: the export was cancelled, nothing written. */
  if (self == NULL || self->store == NULL)
    return;

  g_clear_object (&self->export_cancellable);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  update_state (self);

  if (!ok)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        rostra_ui_add_toast (self->toast_overlay, error->message, 5);
      return;
    }

  g_signal_emit (self, signals[EXPORTED], 0, job->file, job->n_annotations);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
chooser_response (GtkNativeDialog *chooser, int response, RostraExportDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        rostra_export_dialog_export_to_file (self, file);
    }

  if (self->chooser == GTK_FILE_CHOOSER_NATIVE (chooser))
    g_clear_object (&self->chooser);
}

static void
export_clicked (RostraExportDialog *self)
{
  RostraExportFormat format = rostra_export_dialog_get_format (self);
  g_autofree char   *name = rostra_export_dialog_dup_suggested_name (self);
  g_autofree char *pattern = g_strdup_printf ("*.%s", rostra_export_format_get_extension (format));
  const char      *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
  GtkFileFilter   *filter;

  if (self->chooser != NULL || rostra_export_dialog_get_busy (self))
    return;

  self->chooser =
      gtk_file_chooser_native_new (_("Export Annotations"), GTK_WINDOW (self),
                                      GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  if (documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR))
    {
      g_autoptr (GFile) folder = g_file_new_for_path (documents);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), folder, NULL);
    }

  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, rostra_export_format_get_label (format));
  gtk_file_filter_add_mime_type (filter, rostra_export_format_get_mime_type (format));
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_object_unref (filter);

  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
cancel_clicked (RostraExportDialog *self)
{
  /* Closing cancels an export that is running: nothing is written. */
  gtk_window_close (GTK_WINDOW (self));
}

/* Choosing */

static void
scope_toggled (RostraExportDialog *self, GtkCheckButton *button)
{
  if (!gtk_check_button_get_active (button) || self->updating)
    return;
  start_count (self);
}

static void
tag_selected (RostraExportDialog *self)
{
  if (self->updating || selected_tag (self) == NULL)
    return;

  /* Picking a tag means exporting it. */
  if (!gtk_check_button_get_active (self->tag_check))
    gtk_check_button_set_active (self->tag_check, TRUE);
  else
    start_count (self);
}

static void
format_changed (RostraExportDialog *self)
{
  if (self->updating)
    return;
  /* Offered first the next time. */
  g_settings_set_string (self->settings, "export-format",
                         rostra_export_format_to_string (rostra_export_dialog_get_format (self)));
  update_all_row (self);
  start_count (self);
}

/* The combo row's list: each format's name with a line on what it is
 * for, and a check mark on the one chosen. */
static gboolean
selected_to_opacity (GBinding *binding, const GValue *from, GValue *to, gpointer user_data)
{
  g_value_set_double (to, g_value_get_boolean (from) ? 1.0 : 0.0);
  return TRUE;
}

static void
format_item_setup (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *description = gtk_label_new (NULL);
  GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_xalign (GTK_LABEL (description), 0);
  gtk_label_set_wrap (GTK_LABEL (description), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (description), 36);
  gtk_widget_add_css_class (description, "dim-label");
  gtk_widget_add_css_class (description, "caption");
  gtk_widget_set_hexpand (box, TRUE);
  gtk_widget_set_margin_top (row, 3);
  gtk_widget_set_margin_bottom (row, 3);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), description);
  gtk_box_append (GTK_BOX (row), box);
  gtk_box_append (GTK_BOX (row), check);
  g_object_bind_property_full (item, "selected", check, "opacity", G_BINDING_SYNC_CREATE,
                               selected_to_opacity, NULL, NULL, NULL);
  gtk_list_item_set_child (item, row);
}

static void
format_item_bind (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  GtkWidget         *box = gtk_widget_get_first_child (gtk_list_item_get_child (item));
  guint              position = gtk_list_item_get_position (item);
  RostraExportFormat format;

  if (position >= G_N_ELEMENTS (format_order))
    return;
  format = format_order[position];
  gtk_label_set_text (GTK_LABEL (gtk_widget_get_first_child (box)),
                      rostra_export_format_get_label (format));
  gtk_label_set_text (GTK_LABEL (gtk_widget_get_last_child (box)),
                      rostra_export_format_get_description (format));
}

static void
setup_formats (RostraExportDialog *self)
{
  g_autoptr (GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr (GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr (GtkExpression) expression =
      gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");

  for (guint i = 0; i < G_N_ELEMENTS (format_order); i++)
    gtk_string_list_append (labels, rostra_export_format_get_label (format_order[i]));

  g_signal_connect (factory, "setup", G_CALLBACK (format_item_setup), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (format_item_bind), NULL);
  adw_combo_row_set_expression (self->format_row, expression);
  adw_combo_row_set_model (self->format_row, G_LIST_MODEL (labels));
  adw_combo_row_set_list_factory (self->format_row, factory);
  adw_combo_row_set_selected (self->format_row, 0);
  g_signal_connect_object (self->format_row, "notify::selected", G_CALLBACK (format_changed), self,
                           G_CONNECT_SWAPPED);
}

static void
setup_scopes (RostraExportDialog *self)
{
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr (GtkExpression) expression =
      gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  g_autoptr (GListModel) tags = NULL;
  g_autoptr (RostraArticle) article = NULL;
  g_autoptr (GError) error = NULL;

  /* The open speech, if it is still there */
  if (self->open_article_id > 0 &&
      !(article = rostra_store_load_article_row (self->store, self->open_article_id, NULL, NULL)))
    self->open_article_id = 0;
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->article_row), FALSE);
  adw_action_row_set_subtitle (self->article_row, article ? rostra_article_get_title (article)
                                                          : _("No speech is open"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->article_row), article != NULL);

  gtk_widget_set_sensitive (GTK_WIDGET (self->shown_row), self->query != NULL);
  update_shown_row (self);

  if (!(tags = rostra_store_list_tags (self->store, &error)))
    rostra_ui_add_toast (self->toast_overlay, error->message, 5);
  for (guint i = 0; tags != NULL && i < g_list_model_get_n_items (tags); i++)
    {
      g_autoptr (RostraTag) tag = g_list_model_get_item (tags, i);

      gtk_string_list_append (names, rostra_tag_get_name (tag));
    }

  self->updating = TRUE;
  gtk_drop_down_set_expression (self->tag_dropdown, expression);
  gtk_drop_down_set_model (self->tag_dropdown, G_LIST_MODEL (names));
  self->updating = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->tag_row),
                            g_list_model_get_n_items (G_LIST_MODEL (names)) > 0);
  adw_action_row_set_subtitle (self->tag_row, g_list_model_get_n_items (G_LIST_MODEL (names)) > 0
                                                  ? NULL
                                                  : _("No annotation has a tag yet"));
  update_all_row (self);
}

/* Escape closes the dialog. */
static gboolean
escape_pressed (GtkWidget *widget, GVariant *args, gpointer user_data)
{
  gtk_window_close (GTK_WINDOW (widget));
  return TRUE;
}

/* GObject */

static void
rostra_export_dialog_dispose (GObject *object)
{
  RostraExportDialog *self = ROSTRA_EXPORT_DIALOG (object);

  if (self->count_cancellable != NULL)
    g_cancellable_cancel (self->count_cancellable);
  if (self->export_cancellable != NULL)
    g_cancellable_cancel (self->export_cancellable);
  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), ROSTRA_TYPE_EXPORT_DIALOG);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (rostra_export_dialog_parent_class)->dispose (object);
}

static void
rostra_export_dialog_finalize (GObject *object)
{
  RostraExportDialog *self = ROSTRA_EXPORT_DIALOG (object);

  g_clear_object (&self->count_cancellable);
  g_clear_object (&self->export_cancellable);
  g_clear_pointer (&self->query, rostra_query_free);
  g_clear_pointer (&self->shown_ids, g_array_unref);
  g_clear_error (&self->count_error);
  g_free (self->count_text);

  G_OBJECT_CLASS (rostra_export_dialog_parent_class)->finalize (object);
}

static void
rostra_export_dialog_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  RostraExportDialog *self = ROSTRA_EXPORT_DIALOG (object);

  switch (prop_id)
    {
      case PROP_COUNTING:
        g_value_set_boolean (value, self->counting);
        break;
      case PROP_BUSY:
        g_value_set_boolean (value, rostra_export_dialog_get_busy (self));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rostra_export_dialog_class_init (RostraExportDialogClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rostra_export_dialog_dispose;
  object_class->finalize = rostra_export_dialog_finalize;
  object_class->get_property = rostra_export_dialog_get_property;

  /**
   * RostraExportDialog:counting:
   *
   * Whether the annotations of the chosen scope are being counted.
   */
  properties[PROP_COUNTING] = g_param_spec_boolean ("counting", NULL, NULL, FALSE,
                                                    G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * RostraExportDialog:busy:
   *
   * Whether an export is being written.
   */
  properties[PROP_BUSY] =
      g_param_spec_boolean ("busy", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RostraExportDialog::exported:
   * @file: the file written
   * @n_annotations: how many annotations it holds
   *
   * The export is complete; the dialog closes right after.
   */
  signals[EXPORTED] = g_signal_new ("exported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_FILE, G_TYPE_UINT);

  /* Announced as a dialog, not as one more application window. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_DIALOG);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rostra/Rostra/rostra-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RostraExportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, RostraExportDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, RostraExportDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, RostraExportDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RostraExportDialog, content);
  gtk_widget_class_bind_template_child (widget_class, RostraExportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, RostraExportDialog, all_row);
  gtk_widget_class_bind_template_child (widget_class, RostraExportDialog, article_row);
  gtk_widget_class_bind_template_child (widget_class, RostraExportDialog, shown_row);
  gtk_widget_class_bind_template_child (widget_class, RostraExportDialog, tag_row);
  gtk_widget_class_bind_template_child (widget_class, RostraExportDialog, all_check);
  gtk_widget_class_bind_template_child (widget_class, RostraExportDialog, article_check);
  gtk_widget_class_bind_template_child (widget_class, RostraExportDialog, shown_check);
  gtk_widget_class_bind_template_child (widget_class, RostraExportDialog, tag_check);
  gtk_widget_class_bind_template_child (widget_class, RostraExportDialog, tag_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RostraExportDialog, count_label);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked);
  gtk_widget_class_bind_template_callback (widget_class, export_clicked);
  gtk_widget_class_bind_template_callback (widget_class, scope_toggled);
  gtk_widget_class_bind_template_callback (widget_class, tag_selected);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, escape_pressed, NULL);
}

static void
rostra_export_dialog_init (RostraExportDialog *self)
{
  self->updating = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  rostra_ui_name_controls (GTK_WIDGET (self));
  setup_formats (self);
  self->settings = g_settings_new (APP_ID);
  {
    g_autofree char   *last = g_settings_get_string (self->settings, "export-format");
    RostraExportFormat format;

    if (rostra_export_format_from_string (last, &format))
      rostra_export_dialog_set_format (self, format);
  }
  self->updating = FALSE;
}

/**
 * rostra_export_dialog_new:
 * @parent: (nullable): the window the dialog is for
 * @store: the archive
 * @open_article_id: the speech open in the reader, 0 for none
 * @current_query: (nullable): the library's search and filters, for the
 *   scope "Speeches Shown in the List"; %NULL when there is no list
 *
 * Returns: (transfer none): a new dialog, not yet presented; it starts
 *   counting the annotations of the whole archive
 */
GtkWidget *
rostra_export_dialog_new (GtkWindow         *parent,
                          RostraStore       *store,
                          gint64             open_article_id,
                          const RostraQuery *current_query)
{
  RostraExportDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ROSTRA_IS_STORE (store), NULL);

  self = g_object_new (ROSTRA_TYPE_EXPORT_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->open_article_id = open_article_id;
  self->query = current_query ? rostra_query_copy (current_query) : NULL;
  setup_scopes (self);
  start_count (self);
  return GTK_WIDGET (self);
}

static void
toast_open (AdwToast *toast, GtkWindow *parent)
{
  GFile           *file = g_object_get_data (G_OBJECT (toast), "rostra-file");
  g_autofree char *uri = g_file_get_uri (file);

  gtk_show_uri (parent, uri, GDK_CURRENT_TIME);
}

/**
 * rostra_export_dialog_new_toast:
 * @parent: (nullable): the window that shows the toast
 * @file: the file RostraExportDialog::exported gave
 * @n_annotations: how many annotations it holds
 *
 * The toast that says an export is done, with a button that opens the
 * file in the application for its type.
 *
 * Returns: (transfer full): the toast, for adw_toast_overlay_add_toast()
 */
AdwToast *
rostra_export_dialog_new_toast (GtkWindow *parent, GFile *file, guint n_annotations)
{
  g_autofree char *title = NULL;
  g_autofree char *markup = NULL;
  AdwToast        *toast;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (n_annotations > 0)
    title = g_strdup_printf (
        ngettext ("Exported %u annotation", "Exported %u annotations", n_annotations),
        n_annotations);
  else
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *display = g_filename_display_name (name);

      /* Translators: %s is the name of the file an export went to */
      title = g_strdup_printf (_("Exported “%s”"), display);
    }

  markup = g_markup_escape_text (title, -1);
  toast = adw_toast_new (markup);
  adw_toast_set_button_label (toast, _("_Open"));
  adw_toast_set_timeout (toast, 5);
  g_object_set_data_full (G_OBJECT (toast), "rostra-file", g_object_ref (file), g_object_unref);
  if (parent != NULL)
    g_signal_connect_object (toast, "button-clicked", G_CALLBACK (toast_open), parent, 0);
  else
    g_signal_connect (toast, "button-clicked", G_CALLBACK (toast_open), NULL);
  return toast;
}

/**
 * rostra_export_dialog_get_format:
 *
 * Returns: the format chosen
 */
RostraExportFormat
rostra_export_dialog_get_format (RostraExportDialog *self)
{
  guint selected;

  g_return_val_if_fail (ROSTRA_IS_EXPORT_DIALOG (self), ROSTRA_EXPORT_FORMAT_HTML);

  selected = adw_combo_row_get_selected (self->format_row);
  return selected < G_N_ELEMENTS (format_order) ? format_order[selected]
                                                : ROSTRA_EXPORT_FORMAT_HTML;
}

/**
 * rostra_export_dialog_set_format:
 *
 * Chooses @format, as the combo row does, and counts anew.
 */
void
rostra_export_dialog_set_format (RostraExportDialog *self, RostraExportFormat format)
{
  g_return_if_fail (ROSTRA_IS_EXPORT_DIALOG (self));

  for (guint i = 0; i < G_N_ELEMENTS (format_order); i++)
    if (format_order[i] == format)
      adw_combo_row_set_selected (self->format_row, i);
}

/**
 * rostra_export_dialog_get_scope:
 *
 * Returns: which annotations are to be exported
 */
RostraExportScopeKind
rostra_export_dialog_get_scope (RostraExportDialog *self)
{
  g_return_val_if_fail (ROSTRA_IS_EXPORT_DIALOG (self), ROSTRA_EXPORT_SCOPE_ALL);

  if (gtk_check_button_get_active (self->article_check))
    return ROSTRA_EXPORT_SCOPE_ARTICLE;
  if (gtk_check_button_get_active (self->shown_check))
    return ROSTRA_EXPORT_SCOPE_ARTICLES;
  if (gtk_check_button_get_active (self->tag_check))
    return ROSTRA_EXPORT_SCOPE_TAG;
  return ROSTRA_EXPORT_SCOPE_ALL;
}

static GtkWidget *
scope_row (RostraExportDialog *self, RostraExportScopeKind kind)
{
  switch (kind)
    {
      case ROSTRA_EXPORT_SCOPE_ARTICLE:
        return GTK_WIDGET (self->article_row);
      case ROSTRA_EXPORT_SCOPE_ARTICLES:
        return GTK_WIDGET (self->shown_row);
      case ROSTRA_EXPORT_SCOPE_TAG:
        return GTK_WIDGET (self->tag_row);
      case ROSTRA_EXPORT_SCOPE_ALL:
      default:
        return GTK_WIDGET (self->all_row);
    }
}

/**
 * rostra_export_dialog_get_scope_sensitive:
 *
 * Returns: whether the scope can be chosen: there is an open speech, a
 *   list of speeches, a tag
 */
gboolean
rostra_export_dialog_get_scope_sensitive (RostraExportDialog *self, RostraExportScopeKind kind)
{
  g_return_val_if_fail (ROSTRA_IS_EXPORT_DIALOG (self), FALSE);
  return gtk_widget_get_sensitive (scope_row (self, kind));
}

/**
 * rostra_export_dialog_set_scope:
 * @kind: which annotations to export
 * @tag: (nullable): for %ROSTRA_EXPORT_SCOPE_TAG, the tag (one the
 *   drop-down lists); %NULL keeps the one selected
 *
 * Chooses the scope, as its row does, and counts anew.
 *
 * Returns: %FALSE when the scope cannot be chosen (its row is
 *   insensitive, or @tag is not in the list)
 */
gboolean
rostra_export_dialog_set_scope (RostraExportDialog   *self,
                                RostraExportScopeKind kind,
                                const char           *tag)
{
  GtkCheckButton *checks[] = { self->all_check, self->article_check, self->shown_check,
                               self->tag_check };

  g_return_val_if_fail (ROSTRA_IS_EXPORT_DIALOG (self), FALSE);
  g_return_val_if_fail (kind < G_N_ELEMENTS (checks), FALSE);

  if (!rostra_export_dialog_get_scope_sensitive (self, kind))
    return FALSE;

  if (kind == ROSTRA_EXPORT_SCOPE_TAG && tag != NULL)
    {
      GListModel *names = gtk_drop_down_get_model (self->tag_dropdown);
      guint       n = names ? g_list_model_get_n_items (names) : 0, i;

      for (i = 0; i < n; i++)
        if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (names), i), tag) == 0)
          break;
      if (i == n)
        return FALSE;

      self->updating = TRUE;
      gtk_drop_down_set_selected (self->tag_dropdown, i);
      self->updating = FALSE;
      if (gtk_check_button_get_active (self->tag_check))
        start_count (self);
    }

  gtk_check_button_set_active (checks[kind], TRUE);
  return TRUE;
}

/**
 * rostra_export_dialog_get_tag:
 *
 * Returns: (nullable): the tag the drop-down shows
 */
const char *
rostra_export_dialog_get_tag (RostraExportDialog *self)
{
  g_return_val_if_fail (ROSTRA_IS_EXPORT_DIALOG (self), NULL);
  return selected_tag (self);
}

/**
 * rostra_export_dialog_get_counting:
 *
 * Returns: whether the annotations of the chosen scope are being counted
 */
gboolean
rostra_export_dialog_get_counting (RostraExportDialog *self)
{
  g_return_val_if_fail (ROSTRA_IS_EXPORT_DIALOG (self), FALSE);
  return self->counting;
}

/**
 * rostra_export_dialog_get_n_annotations:
 *
 * Returns: how many annotations the export would hold; -1 while
 *   counting or when the count failed
 */
gint
rostra_export_dialog_get_n_annotations (RostraExportDialog *self)
{
  g_return_val_if_fail (ROSTRA_IS_EXPORT_DIALOG (self), -1);
  if (self->counting || self->count_error != NULL)
    return -1;
  return (gint) self->n_annotations;
}

/**
 * rostra_export_dialog_get_count_text:
 *
 * Returns: the line under the scopes: how many annotations, from how
 *   many speeches, will be exported
 */
const char *
rostra_export_dialog_get_count_text (RostraExportDialog *self)
{
  g_return_val_if_fail (ROSTRA_IS_EXPORT_DIALOG (self), NULL);
  return self->count_text;
}

/**
 * rostra_export_dialog_get_busy:
 *
 * Returns: whether an export is being written
 */
gboolean
rostra_export_dialog_get_busy (RostraExportDialog *self)
{
  g_return_val_if_fail (ROSTRA_IS_EXPORT_DIALOG (self), FALSE);
  return self->export_cancellable != NULL;
}

/**
 * rostra_export_dialog_dup_suggested_name:
 *
 * Returns: (transfer full): the file name the file chooser suggests:
 *   `rostra-annotations-2026-11-27.html`, or `rostra-backup-…` for the
 *   backup format
 */
char *
rostra_export_dialog_dup_suggested_name (RostraExportDialog *self)
{
  RostraExportFormat format;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");

  g_return_val_if_fail (ROSTRA_IS_EXPORT_DIALOG (self), NULL);

  format = rostra_export_dialog_get_format (self);
  return g_strdup_printf ("rostra-%s-%s.%s",
                          format == ROSTRA_EXPORT_FORMAT_JSON ? "backup" : "annotations", date,
                          rostra_export_format_get_extension (format));
}

/**
 * rostra_export_dialog_export_to_file:
 * @file: where to export
 *
 * Does what "Export…" does once the file is chosen: writes the export
 * on a reader of the archive's engine (RostraExportDialog:busy meanwhile), replacing
 * @file only once it is complete; then emits
 * RostraExportDialog::exported and destroys the dialog. A failure is
 * shown in a toast and leaves the dialog open. One export at a time.
 */
void
rostra_export_dialog_export_to_file (RostraExportDialog *self, GFile *file)
{
  g_return_if_fail (ROSTRA_IS_EXPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (!rostra_export_dialog_get_busy (self));

  self->export_cancellable = g_cancellable_new ();
  start_job (self, file, self->export_cancellable, export_done);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  update_state (self);
}
