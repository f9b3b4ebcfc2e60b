/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-imports-dialog.c: past imports, and removing one import's articles.
 *
 * A small modal window listing every past import, newest first, with
 * what it brought in and how much of it is still in the archive; its
 * expander shows the file it was read from. The remove button of a row
 * asks first, and keeps the articles that carry annotations unless the
 * user confirms a second time that their annotations go too.
 *
 * Removing a big import deletes thousands of rows and their search index
 * entries, which takes seconds: a worker does it on a connection of its
 * own while the row shows a spinner, one removal at a time. Closing the
 * dialog meanwhile only hides it; it goes once the removal is done, so
 * that RostraImportsDialog::changed still reaches the window.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rostra-engine.h"
#include "rostra-import-info.h"
#include "rostra-importer.h"
#include "rostra-imports-dialog.h"
#include "rostra-ui-utils.h"

#define ROW_INFO_KEY    "rostra-import-info"
#define ROW_BUTTON_KEY  "rostra-remove-button"
#define ROW_SPINNER_KEY "rostra-remove-spinner"

/* Between the parts of a row's subtitle. */
#define SEPARATOR " · "

struct _RostraImportsDialog
{
  AdwWindow parent_instance;

  RostraStore *store;

  /* The import being removed, 0 when none is */
  gint64   removing_id;
  gboolean close_when_done;

  AdwToastOverlay *toast_overlay;
  GtkStack        *stack;
  GtkListBox      *import_list;
};

G_DEFINE_FINAL_TYPE (RostraImportsDialog, rostra_imports_dialog, ADW_TYPE_WINDOW)

enum
{
  PROP_0,
  PROP_STORE,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static RostraImportInfo *
row_info (GtkWidget *row)
{
  return g_object_get_data (G_OBJECT (row), ROW_INFO_KEY);
}

/* The row of the import @import_id, if the list has one. */
static GtkWidget *
find_row (RostraImportsDialog *self, gint64 import_id)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->import_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      RostraImportInfo *info = row_info (row);

      if (info != NULL && rostra_import_info_get_id (info) == import_id)
        return row;
    }
  return NULL;
}

/* Describing an import */

/* When the import started, in local time; %NULL when unknown. */
static char *
format_started (const char *started)
{
  g_autoptr (GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr (GDateTime) date_time = NULL;
  g_autoptr (GDateTime) local = NULL;

  if (started == NULL || *started == '\0')
    return NULL;
  if (!(date_time = g_date_time_new_from_iso8601 (started, utc)))
    return g_strdup (started);

  local = g_date_time_to_local (date_time);
  /* Translators: when an import was made, on the Imports page; a
   * g_date_time_format() format: “27 Nov 2026, 10:35” */
  return g_date_time_format (local, C_ ("import date", "%-d %b %Y, %H:%M"));
}

/* “12 speeches · 3 annotated · 2 duplicates skipped · 1 warning” */
static char *
format_counts (RostraImportInfo *info)
{
  guint    n_articles = rostra_import_info_get_n_articles (info);
  guint    n_new = rostra_import_info_get_n_new (info);
  guint    n_annotated = rostra_import_info_get_n_annotated (info);
  guint    n_duplicates = rostra_import_info_get_n_duplicates (info);
  guint    n_warnings = rostra_import_info_get_n_warnings (info);
  GString *counts = g_string_new (NULL);

  if (n_articles < n_new)
    /* Translators: the speeches of an import still in the archive, of
     * those it brought in. */
    g_string_append_printf (counts,
                            ngettext ("%u of %u speech left", "%u of %u speeches left", n_new),
                            n_articles, n_new);
  else
    g_string_append_printf (counts, ngettext ("%u speech", "%u speeches", n_articles), n_articles);

  if (n_annotated > 0)
    {
      g_string_append (counts, SEPARATOR);
      /* Translators: how many of an import's speeches carry annotations. */
      g_string_append_printf (counts, ngettext ("%u annotated", "%u annotated", n_annotated),
                              n_annotated);
    }
  if (n_duplicates > 0)
    {
      g_string_append (counts, SEPARATOR);
      /* Translators: entries of a file that were already in the archive. */
      g_string_append_printf (
          counts, ngettext ("%u duplicate skipped", "%u duplicates skipped", n_duplicates),
          n_duplicates);
    }
  if (n_warnings > 0)
    {
      g_string_append (counts, SEPARATOR);
      g_string_append_printf (counts, ngettext ("%u warning", "%u warnings", n_warnings),
                              n_warnings);
    }
  return g_string_free (counts, FALSE);
}

/* Two lines: when and in which format; then the counts. */
static char *
format_subtitle (RostraImportInfo *info)
{
  g_autofree char *date = format_started (rostra_import_info_get_started (info));
  const char      *format = rostra_import_info_get_format (info);
  const char      *label = format != NULL ? rostra_import_format_get_label (format) : NULL;
  g_autofree char *counts = format_counts (info);
  GString         *subtitle = g_string_new (NULL);

  if (date != NULL)
    g_string_append (subtitle, date);
  if (label != NULL)
    {
      if (subtitle->len > 0)
        g_string_append (subtitle, SEPARATOR);
      g_string_append (subtitle, label);
    }
  if (subtitle->len > 0)
    g_string_append_c (subtitle, '\n');
  g_string_append (subtitle, counts);
  return g_string_free (subtitle, FALSE);
}

static GtkWidget *
create_detail_row (const char *title, const char *value, const char *css_class)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value);
  gtk_widget_add_css_class (row, css_class);
  return row;
}

/* Removing */

static void
update_rows (RostraImportsDialog *self)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->import_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      RostraImportInfo *info = row_info (row);
      GtkWidget        *button = g_object_get_data (G_OBJECT (row), ROW_BUTTON_KEY);
      GtkWidget        *spinner = g_object_get_data (G_OBJECT (row), ROW_SPINNER_KEY);
      gboolean          removing;

      if (info == NULL)
        continue;
      removing = rostra_import_info_get_id (info) == self->removing_id;
      gtk_widget_set_visible (button, !removing);
      gtk_widget_set_sensitive (button, self->removing_id == 0 &&
                                            rostra_import_info_get_n_articles (info) > 0);
      gtk_widget_set_visible (spinner, removing);
      gtk_spinner_set_spinning (GTK_SPINNER (spinner), removing);
    }
}

typedef struct
{
  RostraImportsDialog *dialog;
  gint64               import_id;
  gboolean             with_annotated;
  guint                n_removed;
  guint                n_kept;
} RemoveJob;

static void
remove_job_free (RemoveJob *job)
{
  g_object_unref (job->dialog);
  g_free (job);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RemoveJob, remove_job_free)

static void reload (RostraImportsDialog *self);

static void
remove_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (RemoveJob) job = user_data;
  RostraImportsDialog *self = job->dialog;
  GApplication        *app = g_application_get_default ();
  g_autoptr (GError) error = NULL;
  gboolean         removed;
  g_autofree char *message = NULL;
  GtkWidget       *row;
  int              index = -1;

  /* The engine's writer did it, with a connection of its own: the
   * window kept reading. */
  removed = rostra_engine_remove_import_finish (ROSTRA_ENGINE (source), result, &job->n_removed,
                                                &job->n_kept, &error);
  self->removing_id = 0;
  if (app != NULL)
    g_application_release (app);

  /* Destroyed meanwhile (with its parent) */
  if (self->store == NULL)
    return;

  /* Even after an error: the list may be out of date (nothing changed
   * though, the removal is one transaction). */
  if ((row = find_row (self, job->import_id)) != NULL)
    index = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));
  reload (self);

  /* Keep the focus where it was: on the import, or the row that took its
   * place when it is gone. */
  if ((row = find_row (self, job->import_id)) == NULL && index >= 0)
    {
      GtkListBoxRow *next = gtk_list_box_get_row_at_index (self->import_list, index);

      if (next == NULL && index > 0)
        next = gtk_list_box_get_row_at_index (self->import_list, index - 1);
      row = next != NULL ? GTK_WIDGET (next) : NULL;
    }
  if (row != NULL && gtk_widget_get_visible (GTK_WIDGET (self)))
    gtk_widget_grab_focus (row);

  if (!removed)
    message = g_strdup (error->message);
  else if (job->n_kept > 0 && !job->with_annotated)
    /* Translators: after removing an import's speeches but those that
     * carry annotations. */
    message = g_strdup_printf (ngettext ("Removed %u speech, kept %u annotated",
                                         "Removed %u speeches, kept %u annotated", job->n_removed),
                               job->n_removed, job->n_kept);
  else
    message = g_strdup_printf (
        ngettext ("Removed %u speech", "Removed %u speeches", job->n_removed), job->n_removed);
  rostra_ui_add_toast (self->toast_overlay, message, 5);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  if (error == NULL && job->n_removed > 0)
    g_signal_emit (self, signals[CHANGED], 0);
  if (self->close_when_done)
    gtk_window_destroy (GTK_WINDOW (self));
}

/* Confirming */

static void
remove_response (AdwMessageDialog *dialog, const char *response, RostraImportsDialog *self);

static AdwMessageDialog *
new_message_dialog (RostraImportsDialog *self, RostraImportInfo *info)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), NULL, NULL);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), ROW_INFO_KEY, g_object_ref (info), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (remove_response), self, 0);
  return ADW_MESSAGE_DIALOG (dialog);
}

/* The second question, before annotations are deleted. */
static void
confirm_remove_all (RostraImportsDialog *self, RostraImportInfo *info)
{
  AdwMessageDialog *dialog = new_message_dialog (self, info);
  guint             n_articles = rostra_import_info_get_n_articles (info);
  guint             n_annotated = rostra_import_info_get_n_annotated (info);

  if (n_annotated < n_articles)
    adw_message_dialog_format_heading (dialog,
                                       ngettext ("Delete %u Annotated Speech Too?",
                                                 "Delete %u Annotated Speeches Too?", n_annotated),
                                       n_annotated);
  else
    adw_message_dialog_format_heading (
        dialog,
        ngettext ("Delete %u Annotated Speech?", "Delete %u Annotated Speeches?", n_annotated),
        n_annotated);
  adw_message_dialog_set_body (
      dialog,
      ngettext ("Its highlights, notes and tags will be deleted as well. This cannot be undone.",
                "Their highlights, notes and tags will be deleted as well. This cannot be "
                "undone.",
                n_annotated));
  adw_message_dialog_add_response (dialog, "delete-all", _("_Delete All"));
  adw_message_dialog_set_response_appearance (dialog, "delete-all", ADW_RESPONSE_DESTRUCTIVE);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
confirm_remove (RostraImportsDialog *self, RostraImportInfo *info)
{
  AdwMessageDialog *dialog = new_message_dialog (self, info);
  const char       *name = rostra_import_info_get_name (info);
  guint             n_articles = rostra_import_info_get_n_articles (info);
  guint             n_annotated = rostra_import_info_get_n_annotated (info);
  g_autofree char  *removed = NULL;
  g_autofree char  *kept = NULL;
  g_autofree char  *body = NULL;

  adw_message_dialog_format_heading (
      dialog, ngettext ("Remove %u Speech?", "Remove %u Speeches?", n_articles), n_articles);

  /* Translators: %s is the name of an import, usually a file name. */
  removed = g_strdup_printf (ngettext ("The speech imported from “%s” will be removed from the "
                                       "archive.",
                                       "The speeches imported from “%s” will be removed from the "
                                       "archive.",
                                       n_articles),
                             name);

  if (n_annotated == 0)
    {
      body = g_steal_pointer (&removed);
      adw_message_dialog_add_response (dialog, "remove", _("_Remove"));
      adw_message_dialog_set_response_appearance (dialog, "remove", ADW_RESPONSE_DESTRUCTIVE);
    }
  else if (n_annotated < n_articles)
    {
      kept =
          g_strdup_printf (ngettext ("%u of them carries annotations; it is kept.",
                                     "%u of them carry annotations; they are kept.", n_annotated),
                           n_annotated);
      body = g_strconcat (removed, " ", kept, NULL);
      adw_message_dialog_add_responses (
          dialog, "remove", _("Remove _Unannotated"), "remove-all", _("Remove _All…"), NULL);
      adw_message_dialog_set_response_appearance (dialog, "remove", ADW_RESPONSE_DESTRUCTIVE);
    }
  else
    {
      kept = g_strdup (
          ngettext ("It carries annotations.", "All of them carry annotations.", n_articles));
      body = g_strconcat (removed, " ", kept, NULL);
      adw_message_dialog_add_response (dialog, "remove-all", _("Remove _All…"));
    }

  adw_message_dialog_set_body (dialog, body);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
remove_response (AdwMessageDialog *dialog, const char *response, RostraImportsDialog *self)
{
  RostraImportInfo *info = g_object_get_data (G_OBJECT (dialog), ROW_INFO_KEY);
  GtkWidget        *row;

  if (g_strcmp0 (response, "remove") == 0)
    rostra_imports_dialog_remove (self, rostra_import_info_get_id (info), FALSE);
  else if (g_strcmp0 (response, "delete-all") == 0)
    rostra_imports_dialog_remove (self, rostra_import_info_get_id (info), TRUE);
  else if (g_strcmp0 (response, "remove-all") == 0)
    confirm_remove_all (self, info);
  else if ((row = find_row (self, rostra_import_info_get_id (info))) != NULL)
    {
      GtkWidget *button = g_object_get_data (G_OBJECT (row), ROW_BUTTON_KEY);

      gtk_widget_grab_focus (button);
    }
}

static void
remove_clicked (RostraImportsDialog *self, GtkWidget *button)
{
  GtkWidget *row = gtk_widget_get_ancestor (button, ADW_TYPE_EXPANDER_ROW);

  if (row != NULL && row_info (row) != NULL && self->removing_id == 0)
    confirm_remove (self, row_info (row));
}

/* The list */

static GtkWidget *
create_row (RostraImportsDialog *self, RostraImportInfo *info)
{
  const char      *name = rostra_import_info_get_name (info);
  const char      *path = rostra_import_info_get_path (info);
  const char      *encoding = rostra_import_info_get_encoding (info);
  guint64          size = rostra_import_info_get_size (info);
  g_autofree char *subtitle = format_subtitle (info);
  g_autofree char *label = NULL;
  GtkWidget       *row = adw_expander_row_new ();
  GtkWidget       *button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  GtkWidget       *spinner = gtk_spinner_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  /* The row's own list item is nameless in libadwaita 1.2. */
  rostra_ui_set_row_name (row, name);
  gtk_widget_add_css_class (row, "import-row");
  g_object_set_data_full (G_OBJECT (row), ROW_INFO_KEY, g_object_ref (info), g_object_unref);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Remove Speeches…"));
  /* Translators: the accessible name of an import's remove button; %s
   * is the import's name. */
  label = g_strdup_printf (_("Remove the speeches imported from “%s”"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  /* Destructive, yet quiet in a list of many: a red icon, since a flat
   * .destructive-action button draws its white icon on nothing. */
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "error");
  gtk_widget_add_css_class (button, "remove-button");
  g_signal_connect_object (button, "clicked", G_CALLBACK (remove_clicked), self, G_CONNECT_SWAPPED);

  gtk_widget_set_valign (spinner, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (spinner, _("Removing…"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (spinner), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Removing…"), -1);
  gtk_widget_add_css_class (spinner, "remove-spinner");

  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), spinner);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), button);
  g_object_set_data (G_OBJECT (row), ROW_BUTTON_KEY, button);
  g_object_set_data (G_OBJECT (row), ROW_SPINNER_KEY, spinner);

  /* The details */
  if (path != NULL)
    adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                              create_detail_row (_("File"), path, "import-path"));
  if (size > 0)
    {
      g_autofree char *text = g_format_size (size);

      adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                                create_detail_row (_("Size"), text, "import-size"));
    }
  if (encoding != NULL)
    adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                              create_detail_row (_("Encoding"), encoding, "import-encoding"));
  if (path == NULL && size == 0 && encoding == NULL)
    adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (row), FALSE);

  return row;
}

static void
reload (RostraImportsDialog *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) imports = NULL;
  GtkWidget *child;
  guint      n_imports = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->import_list))) != NULL)
    gtk_list_box_remove (self->import_list, child);

  if (self->store != NULL && !(imports = rostra_store_list_imports (self->store, &error)))
    rostra_ui_add_toast (self->toast_overlay, error->message, 5);
  if (imports != NULL)
    n_imports = g_list_model_get_n_items (imports);

  for (guint i = 0; i < n_imports; i++)
    {
      g_autoptr (RostraImportInfo) info = g_list_model_get_item (imports, i);

      gtk_list_box_append (self->import_list, create_row (self, info));
    }
  update_rows (self);

  gtk_stack_set_visible_child_name (self->stack, n_imports > 0 ? "list" : "empty");
}

/* Closing while a removal runs only hides the dialog: it goes when the
 * removal is done, after telling the window. */
static gboolean
rostra_imports_dialog_close_request (GtkWindow *window)
{
  RostraImportsDialog *self = ROSTRA_IMPORTS_DIALOG (window);

  if (self->removing_id != 0)
    {
      self->close_when_done = TRUE;
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
      return TRUE;
    }
  return GTK_WINDOW_CLASS (rostra_imports_dialog_parent_class)->close_request (window);
}

static gboolean
escape_pressed (GtkWidget *widget, GVariant *args, gpointer user_data)
{
  gtk_window_close (GTK_WINDOW (widget));
  return TRUE;
}

/* GObject */

static void
rostra_imports_dialog_constructed (GObject *object)
{
  RostraImportsDialog *self = ROSTRA_IMPORTS_DIALOG (object);

  G_OBJECT_CLASS (rostra_imports_dialog_parent_class)->constructed (object);

  reload (self);
}

static void
rostra_imports_dialog_dispose (GObject *object)
{
  RostraImportsDialog *self = ROSTRA_IMPORTS_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ROSTRA_TYPE_IMPORTS_DIALOG);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (rostra_imports_dialog_parent_class)->dispose (object);
}

static void
rostra_imports_dialog_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  RostraImportsDialog *self = ROSTRA_IMPORTS_DIALOG (object);

  switch (prop_id)
    {
      case PROP_STORE:
        g_value_set_object (value, self->store);
        break;
      case PROP_BUSY:
        g_value_set_boolean (value, self->removing_id != 0);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rostra_imports_dialog_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  RostraImportsDialog *self = ROSTRA_IMPORTS_DIALOG (object);

  switch (prop_id)
    {
      case PROP_STORE:
        self->store = g_value_dup_object (value);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rostra_imports_dialog_class_init (RostraImportsDialogClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = rostra_imports_dialog_constructed;
  object_class->dispose = rostra_imports_dialog_dispose;
  object_class->get_property = rostra_imports_dialog_get_property;
  object_class->set_property = rostra_imports_dialog_set_property;
  window_class->close_request = rostra_imports_dialog_close_request;

  /**
   * RostraImportsDialog:store:
   *
   * The archive whose imports the dialog lists.
   */
  properties[PROP_STORE] =
      g_param_spec_object ("store", NULL, NULL, ROSTRA_TYPE_STORE,
                           G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * RostraImportsDialog:busy:
   *
   * Whether an import's articles are being removed.
   */
  properties[PROP_BUSY] =
      g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                            G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RostraImportsDialog::changed:
   *
   * Articles were removed from the archive.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                   NULL, NULL, G_TYPE_NONE, 0);

  /* Announced as a dialog, not as one more application window. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_DIALOG);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rostra/Rostra/rostra-imports-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RostraImportsDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RostraImportsDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, RostraImportsDialog, import_list);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, escape_pressed, NULL);
}

static void
rostra_imports_dialog_init (RostraImportsDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  rostra_ui_name_controls (GTK_WIDGET (self));
}

/**
 * rostra_imports_dialog_new:
 * @parent: (nullable): the window the dialog is for
 * @store: the archive
 *
 * Returns: (transfer none): a new dialog, not yet presented
 */
GtkWidget *
rostra_imports_dialog_new (GtkWindow *parent, RostraStore *store)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ROSTRA_IS_STORE (store), NULL);

  return g_object_new (ROSTRA_TYPE_IMPORTS_DIALOG, "transient-for", parent, "store", store, NULL);
}

/**
 * rostra_imports_dialog_remove:
 * @import_id: an import the dialog lists
 * @with_annotated: also remove the articles that carry annotations, and
 *   so their annotations
 *
 * Does what the confirmation dialogs do, without asking: removes the
 * import's articles on the archive engine's writer, with a spinner in its row; then
 * lists the imports anew, emits RostraImportsDialog::changed when
 * articles were removed, and says what happened in a toast.
 * RostraImportsDialog:busy is %TRUE meanwhile. One removal at a time.
 */
void
rostra_imports_dialog_remove (RostraImportsDialog *self, gint64 import_id, gboolean with_annotated)
{
  GApplication *app = g_application_get_default ();
  RemoveJob    *job;

  g_return_if_fail (ROSTRA_IS_IMPORTS_DIALOG (self));
  g_return_if_fail (self->store != NULL);
  g_return_if_fail (import_id > 0);
  g_return_if_fail (self->removing_id == 0);

  job = g_new0 (RemoveJob, 1);
  job->dialog = g_object_ref (self);
  job->import_id = import_id;
  job->with_annotated = with_annotated;

  self->removing_id = import_id;
  update_rows (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);

  /* Quitting waits for the removal's transaction. */
  if (app != NULL)
    g_application_hold (app);

  rostra_engine_remove_import_async (rostra_engine_get_for_store (self->store), import_id,
                                     with_annotated, remove_done, job);
}

/**
 * rostra_imports_dialog_get_busy:
 *
 * Returns: whether an import's articles are being removed
 */
gboolean
rostra_imports_dialog_get_busy (RostraImportsDialog *self)
{
  g_return_val_if_fail (ROSTRA_IS_IMPORTS_DIALOG (self), FALSE);
  return self->removing_id != 0;
}

/**
 * rostra_imports_dialog_get_list:
 *
 * Returns: (transfer none): the list, one #AdwExpanderRow per import
 *   (style class `import-row`), for tests
 */
GtkListBox *
rostra_imports_dialog_get_list (RostraImportsDialog *self)
{
  g_return_val_if_fail (ROSTRA_IS_IMPORTS_DIALOG (self), NULL);
  return self->import_list;
}

/**
 * rostra_imports_dialog_get_n_rows:
 *
 * Returns: how many imports the list shows
 */
guint
rostra_imports_dialog_get_n_rows (RostraImportsDialog *self)
{
  guint n_rows = 0;

  g_return_val_if_fail (ROSTRA_IS_IMPORTS_DIALOG (self), 0);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->import_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (row_info (row) != NULL)
      n_rows++;
  return n_rows;
}
