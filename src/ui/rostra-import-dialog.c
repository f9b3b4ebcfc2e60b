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
 * previewed on a worker thread with a store connection of its own; the
 * import runs on another worker, with another connection, one file
 * after the other, each in its own transaction (see rostra-importer.c).
 * Workers report progress through shared, locked counters and at most
 * one pending idle callback each; the widgets are only touched on the
 * main thread.
 */

#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "rostra-import-dialog.h"
#include "rostra-language.h"
#include "rostra-tag.h"
#include "rostra-text.h"
#include "rostra-ui-utils.h"

/* Speeches listed in a file's preview */
#define PREVIEW_ENTRIES 20
/* Warnings listed in a file's group; the rest on a page of their own */
#define INLINE_WARNINGS 20
/* Tags offered as the tags entry completes */
#define MAX_SUGGESTIONS 8

typedef struct _PreviewJob PreviewJob;
typedef struct _ImportJob  ImportJob;

/* What the import did with a file. */
typedef enum
{
  OUTCOME_NONE, /* not imported: its preview failed, or it held nothing new */
  OUTCOME_PENDING,
  OUTCOME_IMPORTED, /* read through; its import_id is 0 when nothing was new */
  OUTCOME_FAILED,
  OUTCOME_CANCELLED,
} Outcome;

/* A file of the list. Main thread only. */
typedef struct
{
  RostraImportDialog *dialog;
  GFile              *file;
  char               *display_name;
  guint64             size;

  /* The preview: running while @job is set */
  PreviewJob         *job;
  GCancellable       *cancellable;
  RostraImportReport *report; /* set even when the preview failed */
  GError             *error;  /* why the file cannot be imported */

  /* The import */
  Outcome             outcome;
  RostraImportReport *result;
  GError             *result_error;

  AdwPreferencesGroup *group;
  GtkWidget           *status_row; /* reading, or the error */
  GtkProgressBar      *progress_bar;
  AdwEntryRow         *name_row;
} FileItem;

struct _RostraImportDialog
{
  AdwWindow parent_instance;

  char      *database;
  GPtrArray *items; /* FileItem */
  char     **tag_names;

  ImportJob  *import_job; /* while importing */
  gboolean    finished;   /* the summary is shown */
  gboolean    cancelled;
  gboolean    close_pending;
  gboolean    disposed;
  gboolean    busy;
  double      progress;
  const char *page;        /* as last shown */
  gboolean    user_active; /* the user clicked or typed since */

  GtkFileChooserNative *chooser;
  GtkWidget            *suggestions; /* the tags entry's popover */
  GtkListBox           *suggestion_list;

  /* The warnings page, and the row that opened it */
  GtkWidget     *show_all_row;
  GArray        *warning_lines;
  GtkStringList *warning_messages;

  AdwToastOverlay *toast_overlay;
  AdwLeaflet      *leaflet;
  GtkWidget       *main_page;
  AdwWindowTitle  *window_title;
  GtkWidget       *cancel_button;
  GtkWidget       *import_button;
  GtkWidget       *done_button;
  GtkWidget       *add_button;
  GtkStack        *stack;
  GtkWidget       *empty_add_button;
  GtkBox          *file_box;
  AdwEntryRow     *tags_row;
  AdwStatusPage   *progress_page;
  GtkProgressBar  *progress_bar;
  GtkLabel        *progress_label;
  AdwStatusPage   *summary_page;
  GtkWidget       *show_button;
  GtkListBox      *summary_list;
  GtkWidget       *warnings_page;
  AdwWindowTitle  *warnings_title;
  GtkListView     *warnings_view;
  GtkLabel        *warnings_more;
};

G_DEFINE_FINAL_TYPE (RostraImportDialog, rostra_import_dialog, ADW_TYPE_WINDOW)

enum
{
  PROP_0,
  PROP_DATABASE,
  PROP_BUSY,
  PROP_PROGRESS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  IMPORTED,
  SHOW_ARTICLES,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void update_state (RostraImportDialog *self);

static void
show_toast (RostraImportDialog *self, const char *message)
{
  g_autofree char *markup = g_markup_escape_text (message, -1);
  AdwToast        *toast = adw_toast_new (markup);

  adw_toast_set_timeout (toast, 5);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* Text */

/* "A · B · C" of the non-empty parts. */
static char *
join_parts (GPtrArray *parts)
{
  g_ptr_array_add (parts, NULL);
  /* Translators: between the parts of a summary, as in “3 new · 1 warning”. */
  return g_strjoinv (_(" · "), (char **) parts->pdata);
}

static const char *
encoding_label (const char *encoding)
{
  if (g_strcmp0 (encoding, "mixed") == 0)
    /* Translators: the encoding of a file that is mostly UTF-8 with some broken lines. */
    return _("Mixed encoding");
  return encoding;
}

/* "News feed dump · UTF-8 · 23.7 kB" */
static char *
describe_file (FileItem *item)
{
  g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  RostraImportReport *report = item->report;
  guint64             size = report && report->size ? report->size : item->size;

  if (report && report->format && item->error == NULL)
    g_ptr_array_add (parts, g_strdup (rostra_import_format_get_label (report->format)));
  if (report && report->encoding && item->error == NULL)
    g_ptr_array_add (parts, g_strdup (encoding_label (report->encoding)));
  if (size > 0)
    g_ptr_array_add (parts, g_format_size (size));
  return join_parts (parts);
}

static char *
display_name_of (GFile *file)
{
  g_autofree char *basename = g_file_get_basename (file);

  return basename ? g_filename_display_name (basename) : g_file_get_uri (file);
}

/* "12.3 MB of 100.0 MB" */
static char *
format_bytes_of (guint64 bytes, guint64 total)
{
  g_autofree char *done = g_format_size (MIN (bytes, total));
  g_autofree char *all = g_format_size (total);

  /* Translators: how much of a file was read, as in “12.3 MB of 100.0 MB”. */
  return g_strdup_printf (_("%s of %s"), done, all);
}

/* The tags of a comma-separated list: stripped, without empty ones or
 * the same one twice (tag names ignore ASCII case, as the store does).
 * %NULL when there is none. */
static char **
parse_tags (const char *text)
{
  g_auto (GStrv) parts = g_strsplit (text ? text : "", ",", -1);
  g_autoptr (GPtrArray) tags = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; parts[i]; i++)
    {
      char    *tag = g_strstrip (parts[i]);
      gboolean seen = FALSE;

      if (*tag == '\0')
        continue;
      for (guint j = 0; j < tags->len && !seen; j++)
        seen = g_ascii_strcasecmp (g_ptr_array_index (tags, j), tag) == 0;
      if (!seen)
        g_ptr_array_add (tags, g_strdup (tag));
    }
  if (tags->len == 0)
    return NULL;
  g_ptr_array_add (tags, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&tags), FALSE);
}

/* Widgets */

static GtkWidget *
action_row_new (const char *title, const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title ? title : "");
  if (subtitle)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  return row;
}

static GtkWidget *
status_icon_new (const char *icon_name, const char *css_class)
{
  GtkWidget *image = gtk_image_new_from_icon_name (icon_name);

  if (css_class)
    gtk_widget_add_css_class (image, css_class);
  gtk_accessible_update_property (GTK_ACCESSIBLE (image), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  return image;
}

/* Items */

struct _PreviewJob
{
  gatomicrefcount ref;
  char           *database;
  GFile          *file;

  GMutex   lock;
  guint64  size;           /* lock */
  guint64  bytes_read;     /* lock */
  gboolean update_pending; /* lock */

  FileItem *item; /* main thread only; NULL once the item is gone */
};

static PreviewJob *
preview_job_ref (PreviewJob *job)
{
  g_atomic_ref_count_inc (&job->ref);
  return job;
}

/* Any thread: a job holds nothing of GTK's. */
static void
preview_job_unref (gpointer data)
{
  PreviewJob *job = data;

  if (!g_atomic_ref_count_dec (&job->ref))
    return;
  g_free (job->database);
  g_object_unref (job->file);
  g_mutex_clear (&job->lock);
  g_free (job);
}

static void
file_item_stop_preview (FileItem *item)
{
  if (item->cancellable)
    g_cancellable_cancel (item->cancellable);
  g_clear_object (&item->cancellable);
  if (item->job)
    {
      item->job->item = NULL;
      g_clear_pointer (&item->job, preview_job_unref);
    }
}

static void
file_item_free (gpointer data)
{
  FileItem *item = data;

  file_item_stop_preview (item);
  g_object_unref (item->file);
  g_free (item->display_name);
  g_clear_pointer (&item->report, rostra_import_report_free);
  g_clear_error (&item->error);
  g_clear_pointer (&item->result, rostra_import_report_free);
  g_clear_error (&item->result_error);
  g_free (item);
}

static FileItem *
get_item (RostraImportDialog *self, guint index)
{
  return index < self->items->len ? g_ptr_array_index (self->items, index) : NULL;
}

/* Whether the import would bring anything in from @item. */
static gboolean
file_item_is_importable (FileItem *item)
{
  return item->job == NULL && item->error == NULL && item->report != NULL &&
         (item->report->n_new > 0 || item->report->n_annotations_new > 0);
}

static const char *
file_item_get_name (FileItem *item)
{
  return item->name_row ? gtk_editable_get_text (GTK_EDITABLE (item->name_row)) : "";
}

/* The warnings page */

static void
warning_setup (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *line = gtk_label_new (NULL);
  GtkWidget *message = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (line), 0);
  gtk_label_set_yalign (GTK_LABEL (line), 0);
  gtk_label_set_width_chars (GTK_LABEL (line), 9);
  gtk_widget_set_valign (line, GTK_ALIGN_START);
  gtk_widget_add_css_class (line, "dim-label");
  gtk_widget_add_css_class (line, "numeric");
  gtk_label_set_xalign (GTK_LABEL (message), 0);
  gtk_label_set_yalign (GTK_LABEL (message), 0);
  gtk_widget_set_valign (message, GTK_ALIGN_START);
  gtk_widget_set_hexpand (message, TRUE);
  gtk_label_set_wrap (GTK_LABEL (message), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (message), PANGO_WRAP_WORD_CHAR);
  gtk_box_append (GTK_BOX (box), line);
  gtk_box_append (GTK_BOX (box), message);
  gtk_list_item_set_child (list_item, box);
  gtk_list_item_set_activatable (list_item, FALSE);
}

static void
warning_bind (GtkSignalListItemFactory *factory, GtkListItem *list_item, RostraImportDialog *self)
{
  GtkWidget       *box = gtk_list_item_get_child (list_item);
  GtkWidget       *line = gtk_widget_get_first_child (box);
  GtkWidget       *message = gtk_widget_get_next_sibling (line);
  GtkStringObject *string = gtk_list_item_get_item (list_item);
  guint            position = gtk_list_item_get_position (list_item);
  guint            number = position < self->warning_lines->len
                                ? g_array_index (self->warning_lines, guint, position)
                                : 0;
  g_autofree char *text = NULL;

  /* Translators: where a warning is in a file. */
  text = number > 0 ? g_strdup_printf (_("Line %u"), number) : NULL;
  gtk_label_set_label (GTK_LABEL (line), text ? text : "");
  gtk_label_set_label (GTK_LABEL (message), gtk_string_object_get_string (string));
}

static void
show_all_warnings (RostraImportDialog *self, FileItem *item)
{
  RostraImportReport *report = item->report;
  g_autoptr (GPtrArray) messages = g_ptr_array_new ();
  g_autofree char *more = NULL;
  guint            n_more;

  g_array_set_size (self->warning_lines, 0);
  for (guint i = 0; i < report->warnings->len; i++)
    {
      RostraParseWarning *w = &g_array_index (report->warnings, RostraParseWarning, i);

      g_array_append_val (self->warning_lines, w->line);
      g_ptr_array_add (messages, w->message);
    }
  g_ptr_array_add (messages, NULL);
  gtk_string_list_splice (self->warning_messages, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->warning_messages)),
                          (const char *const *) messages->pdata);

  n_more =
      report->n_warnings > report->warnings->len ? report->n_warnings - report->warnings->len : 0;
  if (n_more > 0)
    more = g_strdup_printf (ngettext ("And %'u more warning, not listed.",
                                      "And %'u more warnings, not listed.", n_more),
                            n_more);
  gtk_label_set_label (self->warnings_more, more ? more : "");
  gtk_widget_set_visible (GTK_WIDGET (self->warnings_more), more != NULL);

  adw_window_title_set_subtitle (self->warnings_title, item->display_name);
  adw_leaflet_set_visible_child (self->leaflet, self->warnings_page);
  gtk_widget_grab_focus (GTK_WIDGET (self->warnings_view));
}

static void
show_all_activated (AdwActionRow *row, FileItem *item)
{
  g_set_weak_pointer (&item->dialog->show_all_row, GTK_WIDGET (row));
  show_all_warnings (item->dialog, item);
}

static void
back_clicked (RostraImportDialog *self)
{
  adw_leaflet_set_visible_child (self->leaflet, self->main_page);
  if (self->show_all_row != NULL)
    gtk_widget_grab_focus (self->show_all_row);
}

/* A file's group */

static void
remove_clicked (GtkButton *button, RostraImportDialog *self)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (
      gtk_widget_get_ancestor (GTK_WIDGET (button), ADW_TYPE_PREFERENCES_GROUP));

  for (guint i = 0; i < self->items->len; i++)
    {
      FileItem *item = g_ptr_array_index (self->items, i);

      if (item->group == group)
        {
          rostra_import_dialog_remove_file (self, i);
          return;
        }
    }
}

static void
file_group_clear (FileItem *item)
{
  if (item->status_row)
    adw_preferences_group_remove (item->group, item->status_row);
  item->status_row = NULL;
  item->progress_bar = NULL;
}

static GtkWidget *
file_group_new (RostraImportDialog *self, FileItem *item)
{
  GtkWidget       *group = adw_preferences_group_new ();
  GtkWidget       *remove = gtk_button_new_from_icon_name ("window-close-symbolic");
  g_autofree char *title = g_markup_escape_text (item->display_name, -1);
  g_autofree char *label = NULL;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);

  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_add_css_class (remove, "circular");
  gtk_widget_add_css_class (remove, "remove-button");
  gtk_widget_set_tooltip_text (remove, _("Remove From List"));
  /* Translators: the accessible name of the button that takes a file off
   * the list of files to import; %s is the file's name. */
  label = g_strdup_printf (_("Remove “%s” from the list"), item->display_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  g_signal_connect_object (remove, "clicked", G_CALLBACK (remove_clicked), self, 0);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), remove);
  return group;
}

/* The row shown while the file is read. */
static void
file_group_show_reading (FileItem *item)
{
  GtkWidget *row = action_row_new (_("Reading the file…"), NULL);
  GtkWidget *spinner = gtk_spinner_new ();
  GtkWidget *bar = gtk_progress_bar_new ();

  gtk_spinner_start (GTK_SPINNER (spinner));
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), spinner);
  gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (bar, 96, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Reading progress"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), bar);
  gtk_widget_add_css_class (row, "reading-row");
  adw_preferences_group_add (item->group, row);
  item->status_row = row;
  item->progress_bar = GTK_PROGRESS_BAR (bar);
}

static void
file_group_show_error (FileItem *item)
{
  GtkWidget *row = action_row_new (_("Cannot be imported"), item->error->message);

  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), status_icon_new ("dialog-error-symbolic", NULL));
  gtk_widget_add_css_class (row, "error");
  gtk_widget_add_css_class (row, "error-row");
  adw_preferences_group_add (item->group, row);
  item->status_row = row;
  adw_preferences_group_set_description (item->group, _("This file will be skipped."));
}

static GtkWidget *
entry_row_new (RostraImportEntry *entry)
{
  g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *subtitle = NULL;
  GtkWidget       *row;
  char            *date = rostra_text_format_date (entry->published, FALSE);

  if (date)
    g_ptr_array_add (parts, date);
  else
    g_ptr_array_add (parts, g_strdup (_("No date")));
  if (entry->language)
    g_ptr_array_add (parts, g_strdup (rostra_language_get_name (entry->language)));
  if (entry->source && *entry->source)
    g_ptr_array_add (parts, g_strdup (entry->source));
  subtitle = join_parts (parts);

  row = action_row_new (entry->title, subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  gtk_widget_add_css_class (row, "entry-row");
  if (entry->duplicate)
    {
      GtkWidget *label = gtk_label_new (_("Already in archive"));

      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "caption");
      gtk_widget_add_css_class (label, "duplicate-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }
  return row;
}

/* "39 new · 3 already in the archive · 2 without an end marker" */
static char *
describe_counts (RostraImportReport *report)
{
  g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  if (report->n_new == 0 && report->n_annotations_new == 0)
    return g_strdup (ngettext ("Already in the archive: the file will be skipped",
                               "All already in the archive: the file will be skipped",
                               report->n_entries));

  /* Translators: speeches of a file that the archive lacks. */
  g_ptr_array_add (parts,
                   g_strdup_printf (ngettext ("%'u new", "%'u new", report->n_new), report->n_new));
  if (report->n_duplicates > 0)
    g_ptr_array_add (parts,
                     g_strdup_printf (ngettext ("%'u already in the archive",
                                                "%'u already in the archive", report->n_duplicates),
                                      report->n_duplicates));
  if (report->n_incomplete > 0)
    g_ptr_array_add (parts,
                     g_strdup_printf (ngettext ("%'u without an end marker",
                                                "%'u without an end marker", report->n_incomplete),
                                      report->n_incomplete));
  return join_parts (parts);
}

static GtkWidget *
annotations_row_new (RostraImportReport *report)
{
  g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  guint            n = report->n_annotations_new + report->n_annotations_duplicates;
  g_autofree char *title = g_strdup_printf (ngettext ("%'u annotation", "%'u annotations", n), n);
  g_autofree char *subtitle = NULL;

  g_ptr_array_add (parts,
                   g_strdup_printf (ngettext ("%'u new", "%'u new", report->n_annotations_new),
                                    report->n_annotations_new));
  if (report->n_annotations_duplicates > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%'u already in the archive",
                                                       "%'u already in the archive",
                                                       report->n_annotations_duplicates),
                                             report->n_annotations_duplicates));
  if (report->n_annotations_repaired > 0)
    /* Translators: annotations whose position was wrong but whose passage was found. */
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%'u repaired", "%'u repaired",
                                                       report->n_annotations_repaired),
                                             report->n_annotations_repaired));
  if (report->n_annotations_orphaned > 0)
    /* Translators: annotations whose passage is no longer in the text. */
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%'u orphaned", "%'u orphaned",
                                                       report->n_annotations_orphaned),
                                             report->n_annotations_orphaned));
  subtitle = join_parts (parts);
  return action_row_new (title, subtitle);
}

static GtkWidget *
warnings_row_new (FileItem *item)
{
  RostraImportReport *report = item->report;
  GtkWidget          *expander = adw_expander_row_new ();
  g_autofree char    *title = g_strdup_printf (
         ngettext ("%'u warning", "%'u warnings", report->n_warnings), report->n_warnings);
  guint n_inline = MIN (report->warnings->len, INLINE_WARNINGS);
  guint n_more = report->n_warnings - n_inline;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), title);
  rostra_ui_set_row_name (expander, title); /* nameless in libadwaita 1.2 */
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander),
                                 _("Lines that were read with a fix, or skipped"));
  adw_expander_row_add_prefix (ADW_EXPANDER_ROW (expander),
                               status_icon_new ("dialog-warning-symbolic", "warning"));
  gtk_widget_add_css_class (expander, "warnings-row");

  for (guint i = 0; i < n_inline; i++)
    {
      RostraParseWarning *w = &g_array_index (report->warnings, RostraParseWarning, i);
      g_autofree char    *line = w->line ? g_strdup_printf (_("Line %u"), w->line) : NULL;
      GtkWidget          *row = action_row_new (w->message, line);

      gtk_widget_add_css_class (row, "warning-row");
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
    }

  if (report->warnings->len > n_inline)
    {
      g_autofree char *all = g_strdup_printf (
          ngettext ("Show All %'u Warnings", "Show All %'u Warnings", report->n_warnings),
          report->n_warnings);
      GtkWidget *row = action_row_new (all, NULL);

      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_widget_add_css_class (row, "show-all-row");
      g_signal_connect (row, "activated", G_CALLBACK (show_all_activated), item);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
    }
  else if (n_more > 0)
    {
      g_autofree char *more = g_strdup_printf (
          ngettext ("And %'u more, not listed", "And %'u more, not listed", n_more), n_more);
      GtkWidget *row = action_row_new (more, NULL);

      gtk_widget_add_css_class (row, "dim-label");
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
    }
  return expander;
}

static GtkWidget *
entries_row_new (RostraImportReport *report)
{
  GtkWidget       *expander = adw_expander_row_new ();
  g_autofree char *title = g_strdup_printf (
      ngettext ("%'u speech", "%'u speeches", report->n_entries), report->n_entries);
  g_autofree char *subtitle = describe_counts (report);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), title);
  rostra_ui_set_row_name (expander, title); /* nameless in libadwaita 1.2 */
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), subtitle);
  gtk_widget_add_css_class (expander, "entries-row");

  for (guint i = 0; i < report->entries->len; i++)
    adw_expander_row_add_row (ADW_EXPANDER_ROW (expander),
                              entry_row_new (g_ptr_array_index (report->entries, i)));

  if (report->n_entries > report->entries->len)
    {
      guint            n_more = report->n_entries - report->entries->len;
      g_autofree char *more = g_strdup_printf (
          ngettext ("And %'u more speech", "And %'u more speeches", n_more), n_more);
      GtkWidget *row = action_row_new (more, NULL);

      gtk_widget_add_css_class (row, "dim-label");
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
    }
  return expander;
}

/* Fills a file's group once its preview is in. */
static void
file_group_show_preview (FileItem *item)
{
  RostraImportReport *report = item->report;
  g_autofree char    *description = NULL;
  g_autofree char    *escaped = NULL;
  GtkWidget          *name_row;

  file_group_clear (item);
  description = describe_file (item);
  escaped = g_markup_escape_text (description, -1);
  adw_preferences_group_set_description (item->group, escaped);

  if (item->error != NULL)
    {
      file_group_show_error (item);
      return;
    }

  name_row = adw_entry_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (name_row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (name_row), _("Name"));
  gtk_widget_set_tooltip_text (name_row, _("Shown as where the speeches were imported from"));
  gtk_editable_set_text (GTK_EDITABLE (name_row), item->display_name);
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (name_row), TRUE);
  gtk_widget_add_css_class (name_row, "name-row");
  adw_preferences_group_add (item->group, name_row);
  item->name_row = ADW_ENTRY_ROW (name_row);

  adw_preferences_group_add (item->group, entries_row_new (report));
  if (report->n_annotations_new + report->n_annotations_duplicates > 0)
    adw_preferences_group_add (item->group, annotations_row_new (report));
  if (report->n_warnings > 0)
    adw_preferences_group_add (item->group, warnings_row_new (item));

  /* Nothing to name when nothing will be imported. */
  gtk_widget_set_visible (name_row, file_item_is_importable (item));
}

/* Previews */

typedef struct
{
  RostraImportReport *report;
  GError             *error;
} PreviewResult;

static void
preview_result_free (gpointer data)
{
  PreviewResult *result = data;

  rostra_import_report_free (result->report);
  g_clear_error (&result->error);
  g_free (result);
}

typedef gpointer (*RefFunc) (gpointer job);

/* Worker threads report progress as often as they like; the main loop
 * gets at most one pending update, which reads the latest numbers.
 * @pending is guarded by @lock; the update clears it. */
static void
schedule_update (GMutex        *lock,
                 gboolean      *pending,
                 GSourceFunc    update,
                 gpointer       job,
                 RefFunc        ref,
                 GDestroyNotify unref)
{
  gboolean schedule;

  g_mutex_lock (lock);
  schedule = !*pending;
  *pending = TRUE;
  g_mutex_unlock (lock);

  if (schedule)
    g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, update, ref (job), unref);
}

static gboolean
preview_update_idle (gpointer data)
{
  PreviewJob      *job = data;
  FileItem        *item = job->item;
  g_autofree char *subtitle = NULL;
  guint64          size, bytes;

  g_mutex_lock (&job->lock);
  size = job->size;
  bytes = job->bytes_read;
  job->update_pending = FALSE;
  g_mutex_unlock (&job->lock);

  if (item == NULL || item->progress_bar == NULL)
    return G_SOURCE_REMOVE;

  item->size = size;
  if (size > 0)
    {
      gtk_progress_bar_set_fraction (item->progress_bar, MIN (1.0, (double) bytes / size));
      subtitle = format_bytes_of (bytes, size);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (item->status_row), subtitle);
    }
  else
    gtk_progress_bar_pulse (item->progress_bar);
  return G_SOURCE_REMOVE;
}

/* Worker thread: at most one update waits for the main loop. */
static void
preview_schedule_update (PreviewJob *job)
{
  schedule_update (&job->lock, &job->update_pending, preview_update_idle, job,
                   (RefFunc) preview_job_ref, preview_job_unref);
}

/* Worker thread */
static void
preview_progress (guint64 bytes_read, guint n_entries, gpointer user_data)
{
  PreviewJob *job = user_data;

  g_mutex_lock (&job->lock);
  job->bytes_read = bytes_read;
  g_mutex_unlock (&job->lock);
  preview_schedule_update (job);
}

static void
preview_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  PreviewJob    *job = task_data;
  PreviewResult *result = g_new0 (PreviewResult, 1);
  g_autoptr (RostraStore) store = NULL;
  g_autoptr (GFileInfo) info = NULL;

  info = g_file_query_info (job->file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                            cancellable, NULL);
  if (info != NULL)
    {
      g_mutex_lock (&job->lock);
      job->size = g_file_info_get_size (info);
      g_mutex_unlock (&job->lock);
      preview_schedule_update (job);
    }

  /* A connection of the worker's own, to compare with the archive. */
  if ((store = rostra_store_open (job->database, &result->error)) != NULL)
    rostra_import_preview_file (store, job->file, PREVIEW_ENTRIES, preview_progress, job,
                                cancellable, &result->report, &result->error);

  g_task_return_pointer (task, result, preview_result_free);
}

static void
preview_done (GObject *source, GAsyncResult *res, gpointer user_data)
{
  PreviewJob    *job = user_data;
  FileItem      *item = job->item;
  PreviewResult *result;
  g_autoptr (GError) error = NULL;

  result = g_task_propagate_pointer (G_TASK (res), &error);

  /* Removed, or the dialog is gone. */
  if (item != NULL)
    {
      RostraImportDialog *self = item->dialog;

      g_mutex_lock (&job->lock);
      item->size = job->size;
      g_mutex_unlock (&job->lock);
      file_item_stop_preview (item);

      if (result != NULL)
        {
          item->report = g_steal_pointer (&result->report);
          item->error = g_steal_pointer (&result->error);
        }
      else
        item->error = g_steal_pointer (&error);

      file_group_show_preview (item);
      update_state (self);
    }

  if (result != NULL)
    preview_result_free (result);
  preview_job_unref (job);
}

static void
file_item_start_preview (RostraImportDialog *self, FileItem *item)
{
  g_autoptr (GTask) task = NULL;
  PreviewJob *job = g_new0 (PreviewJob, 1);

  g_atomic_ref_count_init (&job->ref);
  g_mutex_init (&job->lock);
  job->database = g_strdup (self->database);
  job->file = g_object_ref (item->file);
  job->item = item;
  item->job = job;
  item->cancellable = g_cancellable_new ();

  task = g_task_new (NULL, item->cancellable, preview_done, preview_job_ref (job));
  g_task_set_source_tag (task, file_item_start_preview);
  g_task_set_task_data (task, preview_job_ref (job), preview_job_unref);
  g_task_run_in_thread (task, preview_thread);
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
  item->display_name = display_name_of (file);
  item->group = ADW_PREFERENCES_GROUP (file_group_new (self, item));
  gtk_widget_add_css_class (GTK_WIDGET (item->group), "file-group");
  file_group_show_reading (item);
  gtk_box_append (self->file_box, GTK_WIDGET (item->group));
  g_ptr_array_add (self->items, item);
  file_item_start_preview (self, item);
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

static void
update_state (RostraImportDialog *self)
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
      else if (file_item_is_importable (item))
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
      subtitle = join_parts (parts);
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
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
    }
}

/* Tag suggestions: GtkEntryCompletion needs a GtkEntry, so the tags row
 * gets a small popover of its own, driven from the keyboard while the
 * focus stays in the entry. */

static void
suggestions_hide (RostraImportDialog *self)
{
  if (self->suggestions && gtk_widget_get_visible (self->suggestions))
    gtk_popover_popdown (GTK_POPOVER (self->suggestions));
}

static gboolean
tags_row_has_focus (RostraImportDialog *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  return focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->tags_row));
}

static void
apply_suggestion (RostraImportDialog *self, const char *name)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->tags_row));
  const char *comma = strrchr (text, ',');
  GString    *value = g_string_new (NULL);

  if (comma != NULL)
    {
      g_string_append_len (value, text, comma - text + 1);
      g_string_append_c (value, ' ');
    }
  g_string_append (value, name);
  g_string_append (value, ", ");
  gtk_editable_set_text (GTK_EDITABLE (self->tags_row), value->str);
  gtk_editable_set_position (GTK_EDITABLE (self->tags_row), -1);
  g_string_free (value, TRUE);
  suggestions_hide (self);
}

static void
suggestion_activated (GtkListBox *list, GtkListBoxRow *row, RostraImportDialog *self)
{
  GtkWidget *label = gtk_list_box_row_get_child (row);

  apply_suggestion (self, gtk_label_get_label (GTK_LABEL (label)));
}

static void
tags_changed (RostraImportDialog *self)
{
  const char      *text = gtk_editable_get_text (GTK_EDITABLE (self->tags_row));
  const char      *prefix = strrchr (text, ',');
  g_autofree char *needle = NULL;
  g_auto (GStrv) present = NULL;
  GtkWidget *child;
  guint      n = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->suggestion_list))) != NULL)
    gtk_list_box_remove (self->suggestion_list, child);

  prefix = prefix ? prefix + 1 : text;
  while (*prefix == ' ')
    prefix++;
  if (self->tag_names == NULL || *prefix == '\0' || !tags_row_has_focus (self))
    {
      suggestions_hide (self);
      return;
    }

  needle = g_utf8_casefold (prefix, -1);
  present = parse_tags (text);
  for (guint i = 0; self->tag_names[i] && n < MAX_SUGGESTIONS; i++)
    {
      const char      *name = self->tag_names[i];
      g_autofree char *folded = g_utf8_casefold (name, -1);
      gboolean         used = FALSE;
      GtkWidget       *label;

      if (strstr (folded, needle) == NULL)
        continue;
      for (guint j = 0; present && present[j] && !used; j++)
        used = g_ascii_strcasecmp (present[j], name) == 0;
      if (used)
        continue;

      label = gtk_label_new (name);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 32);
      gtk_widget_set_margin_start (label, 6);
      gtk_widget_set_margin_end (label, 6);
      gtk_widget_set_margin_top (label, 6);
      gtk_widget_set_margin_bottom (label, 6);
      gtk_list_box_append (self->suggestion_list, label);
      gtk_widget_set_focusable (gtk_widget_get_parent (label), FALSE);
      n++;
    }

  if (n == 0)
    suggestions_hide (self);
  else if (!gtk_widget_get_visible (self->suggestions))
    gtk_popover_popup (GTK_POPOVER (self->suggestions));
}

static void
move_suggestion (RostraImportDialog *self, int delta)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->suggestion_list);
  int            n = 0, index;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->suggestion_list)); child;
       child = gtk_widget_get_next_sibling (child))
    n++;
  if (n == 0)
    return;
  index = row ? gtk_list_box_row_get_index (row) + delta : (delta > 0 ? 0 : n - 1);
  index = (index + n) % n;
  gtk_list_box_select_row (self->suggestion_list,
                           gtk_list_box_get_row_at_index (self->suggestion_list, index));
}

static gboolean
tags_key_pressed (GtkEventControllerKey *controller,
                  guint                  keyval,
                  guint                  keycode,
                  GdkModifierType        state,
                  RostraImportDialog    *self)
{
  GtkListBoxRow *row;

  if (!gtk_widget_get_visible (self->suggestions))
    return FALSE;

  switch (keyval)
    {
      case GDK_KEY_Down:
      case GDK_KEY_KP_Down:
        move_suggestion (self, 1);
        return TRUE;
      case GDK_KEY_Up:
      case GDK_KEY_KP_Up:
        move_suggestion (self, -1);
        return TRUE;
      case GDK_KEY_Escape:
        suggestions_hide (self);
        return TRUE;
      case GDK_KEY_Return:
      case GDK_KEY_ISO_Enter:
      case GDK_KEY_KP_Enter:
      case GDK_KEY_Tab:
        if ((row = gtk_list_box_get_selected_row (self->suggestion_list)) != NULL)
          {
            suggestion_activated (self->suggestion_list, row, self);
            return TRUE;
          }
        suggestions_hide (self);
        return FALSE;
      default:
        return FALSE;
    }
}

static gboolean
check_tags_focus (gpointer user_data)
{
  RostraImportDialog *self = user_data;

  if (!self->disposed && !tags_row_has_focus (self))
    suggestions_hide (self);
  return G_SOURCE_REMOVE;
}

static void
tags_focus_left (RostraImportDialog *self)
{
  g_idle_add_full (G_PRIORITY_DEFAULT, check_tags_focus, g_object_ref (self), g_object_unref);
}

static void
setup_suggestions (RostraImportDialog *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();
  GtkWidget          *list = gtk_list_box_new ();

  self->suggestions = gtk_popover_new ();
  gtk_popover_set_autohide (GTK_POPOVER (self->suggestions), FALSE);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->suggestions), FALSE);
  gtk_popover_set_position (GTK_POPOVER (self->suggestions), GTK_POS_BOTTOM);
  gtk_widget_set_halign (self->suggestions, GTK_ALIGN_START);
  gtk_widget_add_css_class (self->suggestions, "tag-suggestions");

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_SINGLE);
  gtk_list_box_set_activate_on_single_click (GTK_LIST_BOX (list), TRUE);
  gtk_widget_set_focusable (list, FALSE);
  gtk_widget_add_css_class (list, "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Tags in the archive"), -1);
  g_signal_connect_object (list, "row-activated", G_CALLBACK (suggestion_activated), self, 0);
  gtk_popover_set_child (GTK_POPOVER (self->suggestions), list);
  self->suggestion_list = GTK_LIST_BOX (list);
  gtk_widget_set_parent (self->suggestions, GTK_WIDGET (self->tags_row));

  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (tags_key_pressed), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->tags_row), keys);
  g_signal_connect_object (focus, "leave", G_CALLBACK (tags_focus_left), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->tags_row), focus);
}

static void
load_tags_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  const char *database = task_data;
  g_autoptr (RostraStore) store = NULL;
  g_autoptr (GListModel) tags = NULL;
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  GError *error = NULL;

  if (!(store = rostra_store_open (database, &error)) ||
      !(tags = rostra_store_list_tags (store, &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  for (guint i = 0; i < g_list_model_get_n_items (tags); i++)
    {
      g_autoptr (RostraTag) tag = g_list_model_get_item (tags, i);

      g_ptr_array_add (names, g_strdup (rostra_tag_get_name (tag)));
    }
  g_ptr_array_add (names, NULL);
  g_task_return_pointer (task, g_ptr_array_free (g_steal_pointer (&names), FALSE),
                         (GDestroyNotify) g_strfreev);
}

static void
load_tags_done (GObject *source, GAsyncResult *res, gpointer user_data)
{
  RostraImportDialog *self = user_data;
  char              **names = g_task_propagate_pointer (G_TASK (res), NULL);

  /* Without the archive's tags, the entry just does not complete. */
  if (!self->disposed && names != NULL)
    {
      g_strfreev (self->tag_names);
      self->tag_names = g_steal_pointer (&names);
      /* The user may have started typing. */
      tags_changed (self);
    }
  g_strfreev (names);
  g_object_unref (self);
}

static void
load_tags (RostraImportDialog *self)
{
  g_autoptr (GTask) task = g_task_new (NULL, NULL, load_tags_done, g_object_ref (self));

  g_task_set_source_tag (task, load_tags);
  g_task_set_task_data (task, g_strdup (self->database), g_free);
  g_task_run_in_thread (task, load_tags_thread);
}

/* The import */

typedef struct
{
  GFile    *file;
  char     *name;
  guint64   size;
  FileItem *item; /* main thread only */

  /* Set by the worker under the job's lock; then left to the main thread */
  gboolean            finished;
  gboolean            ok;
  RostraImportReport *report;
  GError             *error;
} ImportFile;

struct _ImportJob
{
  gatomicrefcount ref;
  char           *database;
  char          **tags;
  GPtrArray      *files; /* ImportFile */
  GCancellable   *cancellable;
  guint64         total_size;

  GMutex   lock;
  guint    current;        /* lock: the file being imported */
  guint64  done_bytes;     /* lock: of the files before it */
  guint64  bytes_read;     /* lock: of the current file */
  guint    n_entries;      /* lock: of the current file */
  guint    n_finished;     /* lock */
  gboolean update_pending; /* lock */

  RostraImportDialog *dialog;      /* main thread only; NULL once disposed */
  guint               n_delivered; /* main thread only */
};

static void
import_file_free (gpointer data)
{
  ImportFile *f = data;

  g_object_unref (f->file);
  g_free (f->name);
  g_clear_pointer (&f->report, rostra_import_report_free);
  g_clear_error (&f->error);
  g_free (f);
}

static ImportJob *
import_job_ref (ImportJob *job)
{
  g_atomic_ref_count_inc (&job->ref);
  return job;
}

static void
import_job_unref (gpointer data)
{
  ImportJob *job = data;

  if (!g_atomic_ref_count_dec (&job->ref))
    return;
  g_free (job->database);
  g_strfreev (job->tags);
  g_ptr_array_unref (job->files);
  g_object_unref (job->cancellable);
  g_mutex_clear (&job->lock);
  g_free (job);
}

static void
set_progress (RostraImportDialog *self, double fraction)
{
  /* Never backwards, even if a file grew since its preview. */
  fraction = CLAMP (fraction, self->progress, 1.0);
  if (fraction == self->progress)
    return;
  self->progress = fraction;
  gtk_progress_bar_set_fraction (self->progress_bar, fraction);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
}

/* Main thread: shows where the worker is, and takes in the files it
 * finished (announcing those committed). */
static void
import_update (ImportJob *job)
{
  RostraImportDialog *self = job->dialog;
  guint               current, n_entries, n_finished;
  guint64             done_bytes, bytes_read;
  ImportFile         *f;
  g_autofree char    *description = NULL;
  g_autofree char    *entries = NULL;
  g_autofree char    *bytes = NULL;
  g_autofree char    *label = NULL;

  if (self == NULL)
    return;

  g_mutex_lock (&job->lock);
  current = job->current;
  n_entries = job->n_entries;
  n_finished = job->n_finished;
  done_bytes = job->done_bytes;
  bytes_read = job->bytes_read;
  job->update_pending = FALSE;
  g_mutex_unlock (&job->lock);

  g_object_ref (self);
  while (job->n_delivered < n_finished && job->dialog != NULL)
    {
      FileItem *item;

      f = g_ptr_array_index (job->files, job->n_delivered++);
      item = f->item;
      item->result = g_steal_pointer (&f->report);
      item->result_error = g_steal_pointer (&f->error);
      if (f->ok)
        item->outcome = OUTCOME_IMPORTED;
      else if (g_error_matches (item->result_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        item->outcome = OUTCOME_CANCELLED;
      else
        item->outcome = OUTCOME_FAILED;

      if (item->result != NULL && item->result->import_id != 0)
        g_signal_emit (self, signals[IMPORTED], 0, item->result->import_id);
    }
  if (job->dialog == NULL)
    {
      g_object_unref (self);
      return;
    }

  if (job->total_size > 0)
    set_progress (self, (double) (done_bytes + bytes_read) / job->total_size);

  if (current < job->files->len && n_finished < job->files->len)
    {
      f = g_ptr_array_index (job->files, current);
      /* Translators: the file being imported, as in “File 1 of 2 · speeches.txt”. */
      description = g_strdup_printf (_("File %u of %u · %s"), current + 1, job->files->len,
                                        f->item->display_name);
      entries = g_strdup_printf (ngettext ("%'u entry", "%'u entries", n_entries), n_entries);
      bytes = format_bytes_of (bytes_read, f->size);
      /* Translators: the entries read so far, then how much of the file,
       * as in “1,024 entries · 12.3 MB of 100.0 MB”. */
      label = g_strdup_printf (_("%s · %s"), entries, bytes);
      if (!self->cancelled)
        {
          g_autofree char *escaped = g_markup_escape_text (description, -1);

          adw_status_page_set_description (self->progress_page, escaped);
        }
      gtk_label_set_label (self->progress_label, label);
    }
  g_object_unref (self);
}

static gboolean
import_update_idle (gpointer data)
{
  import_update (data);
  return G_SOURCE_REMOVE;
}

/* Worker thread */
static void
import_schedule_update (ImportJob *job)
{
  schedule_update (&job->lock, &job->update_pending, import_update_idle, job,
                   (RefFunc) import_job_ref, import_job_unref);
}

/* Worker thread */
static void
import_progress (guint64 bytes_read, guint n_entries, gpointer user_data)
{
  ImportJob *job = user_data;

  g_mutex_lock (&job->lock);
  job->bytes_read = bytes_read;
  job->n_entries = n_entries;
  g_mutex_unlock (&job->lock);
  import_schedule_update (job);
}

static void
import_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *unused)
{
  ImportJob *job = task_data;
  g_autoptr (RostraStore) store = NULL;
  g_autoptr (GError) open_error = NULL;

  /* A connection of the worker's own: the window keeps reading. */
  store = rostra_store_open (job->database, &open_error);

  for (guint i = 0; i < job->files->len; i++)
    {
      ImportFile         *f = g_ptr_array_index (job->files, i);
      RostraImportOptions options = { f->name, (const char *const *) job->tags };
      RostraImportReport *report = NULL;
      GError             *error = NULL;
      gboolean            ok = FALSE;

      g_mutex_lock (&job->lock);
      job->current = i;
      job->bytes_read = 0;
      job->n_entries = 0;
      g_mutex_unlock (&job->lock);
      import_schedule_update (job);

      /* Cancelled: the files left are not even opened. */
      if (store == NULL)
        error = g_error_copy (open_error);
      else if (!g_cancellable_set_error_if_cancelled (job->cancellable, &error))
        ok = rostra_import_file_full (store, f->file, &options, import_progress, job,
                                      job->cancellable, &report, &error);

      g_mutex_lock (&job->lock);
      f->ok = ok;
      f->report = report;
      f->error = error;
      f->finished = TRUE;
      job->done_bytes += f->size;
      job->bytes_read = 0;
      job->n_finished = i + 1;
      g_mutex_unlock (&job->lock);
      import_schedule_update (job);
    }

  g_task_return_boolean (task, TRUE);
}

/* The summary */

static GtkWidget *
summary_row_new (FileItem *item)
{
  g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  RostraImportReport *r = item->result;
  g_autofree char    *subtitle = NULL;
  const char         *icon = NULL;
  const char         *css = NULL;
  GtkWidget          *row;

  switch (item->outcome)
    {
      case OUTCOME_IMPORTED:
        if (r->n_new > 0 || r->n_annotations_new > 0)
          {
            g_ptr_array_add (
                parts, g_strdup_printf (ngettext ("%'u new speech", "%'u new speeches", r->n_new),
                                        r->n_new));
            icon = "emblem-ok-symbolic";
            css = "success";
          }
        else
          {
            g_ptr_array_add (parts, g_strdup (_("Nothing new")));
            icon = "emblem-ok-symbolic";
            css = "dim-label";
          }
        if (r->n_duplicates > 0)
          g_ptr_array_add (
              parts, g_strdup_printf (ngettext ("%'u duplicate", "%'u duplicates", r->n_duplicates),
                                      r->n_duplicates));
        if (r->n_annotations_new > 0)
          g_ptr_array_add (parts,
                           g_strdup_printf (ngettext ("%'u new annotation", "%'u new annotations",
                                                      r->n_annotations_new),
                                            r->n_annotations_new));
        if (r->n_warnings > 0)
          g_ptr_array_add (parts,
                           g_strdup_printf (ngettext ("%'u warning", "%'u warnings", r->n_warnings),
                                            r->n_warnings));
        subtitle = join_parts (parts);
        break;
      case OUTCOME_FAILED:
        subtitle = g_strdup (item->result_error ? item->result_error->message : "");
        icon = "dialog-error-symbolic";
        css = "error";
        break;
      case OUTCOME_CANCELLED:
      case OUTCOME_PENDING:
        subtitle = g_strdup (_("Cancelled — nothing from this file was imported"));
        icon = "process-stop-symbolic";
        css = "warning";
        break;
      case OUTCOME_NONE:
      default:
        if (item->error != NULL)
          {
            /* Translators: %s says why a file could not be imported. */
            subtitle = g_strdup_printf (_("Skipped: %s"), item->error->message);
            icon = "dialog-error-symbolic";
            css = "error";
          }
        else
          {
            subtitle = g_strdup (_("Skipped: nothing new"));
            icon = "emblem-ok-symbolic";
            css = "dim-label";
          }
        break;
    }

  row = action_row_new (item->display_name, subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), status_icon_new (icon, css));
  gtk_widget_add_css_class (row, "summary-row");
  return row;
}

static void
show_summary (RostraImportDialog *self)
{
  guint n_new = 0, n_duplicates = 0, n_committed = 0, n_failed = 0, n_annotations = 0;
  g_autoptr (GPtrArray) sentences = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *description = NULL;
  const char      *title, *icon;
  GtkWidget       *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->summary_list))) != NULL)
    gtk_list_box_remove (self->summary_list, child);

  for (guint i = 0; i < self->items->len; i++)
    {
      FileItem *item = g_ptr_array_index (self->items, i);

      if (item->outcome == OUTCOME_IMPORTED)
        {
          n_new += item->result->n_new;
          n_duplicates += item->result->n_duplicates;
          n_annotations += item->result->n_annotations_new;
          if (item->result->import_id != 0)
            n_committed++;
        }
      else if (item->outcome == OUTCOME_FAILED || item->error != NULL)
        n_failed++;
      gtk_list_box_append (self->summary_list, summary_row_new (item));
    }

  if (self->cancelled)
    {
      title = _("Import Cancelled");
      icon = "process-stop-symbolic";
      if (n_new > 0)
        g_ptr_array_add (sentences,
                         g_strdup_printf (ngettext ("%'u new speech, imported before you "
                                                    "cancelled, stays in the archive.",
                                                    "%'u new speeches, imported before you "
                                                    "cancelled, stay in the archive.",
                                                    n_new),
                                          n_new));
      else if (n_committed > 0)
        g_ptr_array_add (
            sentences,
            g_strdup_printf (ngettext ("%u file was imported before you cancelled.",
                                       "%u files were imported before you cancelled.", n_committed),
                             n_committed));
      else
        g_ptr_array_add (sentences,
                         g_strdup (_("Nothing was imported; the archive is as it was.")));
    }
  else if (n_new > 0 || n_annotations > 0)
    {
      title = _("Import Complete");
      icon = "emblem-ok-symbolic";
      g_ptr_array_add (sentences, g_strdup_printf (ngettext ("%'u new speech was added.",
                                                             "%'u new speeches were added.", n_new),
                                                   n_new));
    }
  else
    {
      title = n_failed > 0 ? _("Nothing Imported") : _("Nothing New");
      icon = n_failed > 0 ? "dialog-error-symbolic" : "emblem-ok-symbolic";
    }

  if (n_duplicates > 0)
    g_ptr_array_add (sentences,
                     g_strdup_printf (ngettext ("%'u was already in the archive.",
                                                "%'u were already in the archive.", n_duplicates),
                                      n_duplicates));
  if (n_annotations > 0)
    g_ptr_array_add (sentences,
                     g_strdup_printf (ngettext ("%'u new annotation was added.",
                                                "%'u new annotations were added.", n_annotations),
                                      n_annotations));
  if (n_failed > 0)
    g_ptr_array_add (sentences,
                     g_strdup_printf (ngettext ("%u file could not be imported.",
                                                "%u files could not be imported.", n_failed),
                                      n_failed));

  g_ptr_array_add (sentences, NULL);
  description = g_strjoinv (" ", (char **) sentences->pdata);
  adw_status_page_set_title (self->summary_page, title);
  adw_status_page_set_icon_name (self->summary_page, icon);
  adw_status_page_set_description (self->summary_page, description);
  gtk_widget_set_visible (self->show_button, n_new > 0);
  if (n_new > 0)
    gtk_widget_remove_css_class (self->done_button, "suggested-action");
  else
    gtk_widget_add_css_class (self->done_button, "suggested-action");
}

static void
import_done (GObject *source, GAsyncResult *res, gpointer user_data)
{
  RostraImportDialog *self = user_data;
  ImportJob          *job = g_task_get_task_data (G_TASK (res));

  if (!self->disposed && self->import_job == job)
    {
      /* The files the worker finished since the last update. */
      import_update (job);
    }

  if (!self->disposed && self->import_job == job)
    {
      job->dialog = NULL;
      self->import_job = NULL;
      import_job_unref (job);
      self->finished = TRUE;
      if (self->progress < 1.0 && !self->cancelled)
        set_progress (self, 1.0);
      show_summary (self);
      update_state (self);
      if (self->close_pending)
        gtk_window_destroy (GTK_WINDOW (self));
      else if (gtk_widget_get_visible (self->show_button))
        gtk_widget_grab_focus (self->show_button);
      else
        gtk_widget_grab_focus (self->done_button);
    }

  g_object_unref (self);
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
  g_signal_emit (self, signals[SHOW_ARTICLES], 0, variant);
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
    back_clicked (self);
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
    file_item_stop_preview (g_ptr_array_index (self->items, i));
  return GTK_WINDOW_CLASS (rostra_import_dialog_parent_class)->close_request (window);
}

/* GObject */

static void
rostra_import_dialog_constructed (GObject *object)
{
  RostraImportDialog *self = ROSTRA_IMPORT_DIALOG (object);

  G_OBJECT_CLASS (rostra_import_dialog_parent_class)->constructed (object);

  if (self->database != NULL)
    load_tags (self);
  update_state (self);
}

static void
rostra_import_dialog_dispose (GObject *object)
{
  RostraImportDialog *self = ROSTRA_IMPORT_DIALOG (object);

  self->disposed = TRUE;
  if (self->import_job != NULL)
    {
      g_cancellable_cancel (self->import_job->cancellable);
      self->import_job->dialog = NULL;
      g_clear_pointer (&self->import_job, import_job_unref);
    }
  if (self->items != NULL)
    g_ptr_array_set_size (self->items, 0);
  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  g_clear_pointer (&self->suggestions, gtk_widget_unparent);
  g_clear_weak_pointer (&self->show_all_row);
  gtk_widget_dispose_template (GTK_WIDGET (self), ROSTRA_TYPE_IMPORT_DIALOG);

  G_OBJECT_CLASS (rostra_import_dialog_parent_class)->dispose (object);
}

static void
rostra_import_dialog_finalize (GObject *object)
{
  RostraImportDialog *self = ROSTRA_IMPORT_DIALOG (object);

  g_free (self->database);
  g_ptr_array_unref (self->items);
  g_strfreev (self->tag_names);
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
  properties[PROP_DATABASE] =
      g_param_spec_string ("database", NULL, NULL, NULL,
                           G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * RostraImportDialog:busy:
   *
   * Whether a file is being read for its preview, or imported.
   */
  properties[PROP_BUSY] =
      g_param_spec_boolean ("busy", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * RostraImportDialog:progress:
   *
   * How much of the import is done, from 0 to 1, over all files; it
   * never goes back.
   */
  properties[PROP_PROGRESS] = g_param_spec_double ("progress", NULL, NULL, 0, 1, 0,
                                                   G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RostraImportDialog::imported:
   * @import_id: the import's row
   *
   * A file's import was committed. Emitted on the main thread, once
   * per file, as the import goes on.
   */
  signals[IMPORTED] = g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  /**
   * RostraImportDialog::show-articles:
   * @import_ids: a `ax` variant: the imports of this run that added speeches
   *
   * The user asked to see the new speeches; the dialog then closes.
   */
  signals[SHOW_ARTICLES] =
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
  gtk_widget_class_bind_template_callback (widget_class, back_clicked);
  gtk_widget_class_bind_template_callback (widget_class, tags_changed);

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

  self->items = g_ptr_array_new_with_free_func (file_item_free);
  self->warning_lines = g_array_new (FALSE, FALSE, sizeof (guint));
  self->warning_messages = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  rostra_ui_name_controls (GTK_WIDGET (self));

  g_signal_connect (factory, "setup", G_CALLBACK (warning_setup), self);
  g_signal_connect (factory, "bind", G_CALLBACK (warning_bind), self);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->warning_messages)));
  gtk_list_view_set_model (self->warnings_view, GTK_SELECTION_MODEL (selection));
  gtk_list_view_set_factory (self->warnings_view, factory);
  g_object_unref (selection);
  g_object_unref (factory);

  setup_suggestions (self);

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
      show_toast (self, _("Files can be added once this import is over"));
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
  update_state (self);
}

/**
 * rostra_import_dialog_start:
 *
 * What the Import button does: imports every file whose preview found
 * something new, on a worker thread.
 *
 * Returns: %FALSE when there is nothing to import, or previews are
 *   still running, or an import already is
 */
gboolean
rostra_import_dialog_start (RostraImportDialog *self)
{
  g_autoptr (GTask) task = NULL;
  g_autofree char *tags = NULL;
  ImportJob       *job;

  g_return_val_if_fail (ROSTRA_IS_IMPORT_DIALOG (self), FALSE);

  if (!gtk_widget_get_sensitive (self->import_button) || self->import_job != NULL || self->finished)
    return FALSE;

  job = g_new0 (ImportJob, 1);
  g_atomic_ref_count_init (&job->ref);
  g_mutex_init (&job->lock);
  job->database = g_strdup (self->database);
  job->tags = parse_tags (gtk_editable_get_text (GTK_EDITABLE (self->tags_row)));
  job->files = g_ptr_array_new_with_free_func (import_file_free);
  job->cancellable = g_cancellable_new ();

  for (guint i = 0; i < self->items->len; i++)
    {
      FileItem        *item = g_ptr_array_index (self->items, i);
      ImportFile      *f;
      g_autofree char *name = NULL;

      g_clear_pointer (&item->result, rostra_import_report_free);
      g_clear_error (&item->result_error);
      item->outcome = OUTCOME_NONE;
      if (!file_item_is_importable (item))
        continue;

      name = g_strstrip (g_strdup (file_item_get_name (item)));
      f = g_new0 (ImportFile, 1);
      f->file = g_object_ref (item->file);
      f->name = *name ? g_steal_pointer (&name) : g_strdup (item->display_name);
      f->size = item->report->size;
      f->item = item;
      item->outcome = OUTCOME_PENDING;
      job->total_size += f->size;
      g_ptr_array_add (job->files, f);
    }

  if (job->files->len == 0)
    {
      import_job_unref (job);
      return FALSE;
    }

  job->dialog = self;
  self->import_job = job;
  self->cancelled = FALSE;
  self->close_pending = FALSE;
  self->progress = 0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_label_set_label (self->progress_label, "");
  adw_status_page_set_title (self->progress_page, _("Importing…"));
  adw_status_page_set_description (self->progress_page, NULL);
  gtk_widget_set_sensitive (self->cancel_button, TRUE);
  suggestions_hide (self);
  adw_leaflet_set_visible_child (self->leaflet, self->main_page);

  task = g_task_new (NULL, NULL, import_done, g_object_ref (self));
  g_task_set_source_tag (task, rostra_import_dialog_start);
  g_task_set_task_data (task, import_job_ref (job), import_job_unref);
  g_task_run_in_thread (task, import_thread);

  update_state (self);
  gtk_widget_grab_focus (self->cancel_button);
  return TRUE;
}

/**
 * rostra_import_dialog_cancel:
 *
 * What the Cancel button does: while importing, cancels the import
 * (the file being imported is rolled back, the files after it are
 * skipped, the files before it stay); otherwise closes the dialog.
 */
void
rostra_import_dialog_cancel (RostraImportDialog *self)
{
  g_return_if_fail (ROSTRA_IS_IMPORT_DIALOG (self));

  if (self->import_job == NULL)
    {
      gtk_window_close (GTK_WINDOW (self));
      return;
    }
  if (self->cancelled)
    return;

  self->cancelled = TRUE;
  g_cancellable_cancel (self->import_job->cancellable);
  adw_status_page_set_title (self->progress_page, _("Cancelling…"));
  adw_status_page_set_description (self->progress_page,
                                   _("The file being imported is rolled back."));
  gtk_widget_set_sensitive (self->cancel_button, FALSE);
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

  item = get_item (self, index);
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

  if (self->import_job != NULL || (item = get_item (self, index)) == NULL)
    return;

  if (adw_leaflet_get_visible_child (self->leaflet) == self->warnings_page)
    back_clicked (self);
  gtk_box_remove (self->file_box, GTK_WIDGET (item->group));
  g_ptr_array_remove_index (self->items, index);
  update_state (self);

  /* Keep the focus in the list. */
  if (self->items->len > 0 && !self->finished)
    {
      FileItem *next = get_item (self, MIN (index, self->items->len - 1));

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

  item = get_item (self, index);
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

  item = get_item (self, index);
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

  if ((item = get_item (self, index)) != NULL && item->name_row != NULL)
    gtk_editable_set_text (GTK_EDITABLE (item->name_row), name ? name : "");
}
