/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-import-dialog-preview.c: one group per file in the import dialog:
 * what importing it would do (new speeches, duplicates, annotations), its
 * first speeches and its warnings (all of them on a page of their own when
 * there are many), its name; previewed by a job of the archive's engine. */

#include "config.h"

#include <glib/gi18n.h>

#include "rostra-import-dialog-private.h"
#include "rostra-language.h"
#include "rostra-text-clean.h"
#include "rostra-text.h"
#include "rostra-ui-utils.h"

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
    g_ptr_array_add (parts, g_strdup (_rostra_import_dialog_encoding_label (report->encoding)));
  if (size > 0)
    g_ptr_array_add (parts, g_format_size (size));
  return _rostra_import_dialog_join_parts (parts);
}

char *
_rostra_import_dialog_display_name_of (GFile *file)
{
  g_autofree char *basename = g_file_get_basename (file);

  return basename ? g_filename_display_name (basename) : g_file_get_uri (file);
}

/* "12.3 MB of 100.0 MB" */
char *
_rostra_import_dialog_format_bytes_of (guint64 bytes, guint64 total)
{
  g_autofree char *done = g_format_size (MIN (bytes, total));
  g_autofree char *all = g_format_size (total);

  /* Translators: how much of a file was read, as in “12.3 MB of 100.0 MB”. */
  return g_strdup_printf (_("%s of %s"), done, all);
}

/* Widgets */

GtkWidget *
_rostra_import_dialog_action_row_new (const char *title, const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title ? title : "");
  if (subtitle)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  return row;
}

GtkWidget *
_rostra_import_dialog_status_icon_new (const char *icon_name, const char *css_class)
{
  GtkWidget *image = gtk_image_new_from_icon_name (icon_name);

  if (css_class)
    gtk_widget_add_css_class (image, css_class);
  gtk_accessible_update_property (GTK_ACCESSIBLE (image), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  return image;
}

/* Items */

/* A preview runs on the archive's engine; this is what the dialog
 * keeps of it, on the main thread. */
struct _PreviewJob
{
  gatomicrefcount ref;
  guint64         size;
  guint64         bytes_read;

  FileItem *item; /* NULL once the item is gone */
};

static PreviewJob *
preview_job_ref (PreviewJob *job)
{
  g_atomic_ref_count_inc (&job->ref);
  return job;
}

static void
preview_job_unref (gpointer data)
{
  PreviewJob *job = data;

  if (!g_atomic_ref_count_dec (&job->ref))
    return;
  g_free (job);
}

void
_rostra_import_dialog_file_item_stop_preview (FileItem *item)
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

void
_rostra_import_dialog_file_item_free (gpointer data)
{
  FileItem *item = data;

  _rostra_import_dialog_file_item_stop_preview (item);
  g_object_unref (item->file);
  g_free (item->display_name);
  g_clear_pointer (&item->report, rostra_import_report_free);
  g_clear_error (&item->error);
  g_clear_pointer (&item->result, rostra_import_report_free);
  g_clear_error (&item->result_error);
  g_clear_pointer (&item->entry_speakers, g_hash_table_unref);
  g_free (item);
}

FileItem *
_rostra_import_dialog_get_item (RostraImportDialog *self, guint index)
{
  return index < self->items->len ? g_ptr_array_index (self->items, index) : NULL;
}

/* Whether the import would bring anything in from @item. */
gboolean
_rostra_import_dialog_file_item_is_importable (FileItem *item)
{
  return item->job == NULL && item->error == NULL && item->report != NULL &&
         (item->report->n_new > 0 || item->report->n_annotations_new > 0);
}

const char *
_rostra_import_dialog_file_item_get_name (FileItem *item)
{
  return item->name_row ? gtk_editable_get_text (GTK_EDITABLE (item->name_row)) : "";
}

/* The warnings page */

void
_rostra_import_dialog_warning_setup (GtkSignalListItemFactory *factory,
                                     GtkListItem              *list_item,
                                     gpointer                  user_data)
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

void
_rostra_import_dialog_warning_bind (GtkSignalListItemFactory *factory,
                                    GtkListItem              *list_item,
                                    RostraImportDialog       *self)
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

void
_rostra_import_dialog_back_clicked (RostraImportDialog *self)
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

GtkWidget *
_rostra_import_dialog_file_group_new (RostraImportDialog *self, FileItem *item)
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
void
_rostra_import_dialog_file_group_show_reading (FileItem *item)
{
  GtkWidget *row = _rostra_import_dialog_action_row_new (_("Reading the file…"), NULL);
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
  GtkWidget *row =
      _rostra_import_dialog_action_row_new (_("Cannot be imported"), item->error->message);

  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             _rostra_import_dialog_status_icon_new ("dialog-error-symbolic", NULL));
  gtk_widget_add_css_class (row, "error");
  gtk_widget_add_css_class (row, "error-row");
  adw_preferences_group_add (item->group, row);
  item->status_row = row;
  adw_preferences_group_set_description (item->group, _("This file will be skipped."));
}

/* A suggestion taken (or not) for one speech: its speaker then, in place
 * of the file's. */
typedef struct
{
  FileItem *item;
  guint     line; /* where the speech starts in the file */
} EntryChoice;

static void
entry_speaker_toggled (GtkCheckButton *check, EntryChoice *choice)
{
  const char *name = gtk_check_button_get_label (check);

  if (gtk_check_button_get_active (check))
    g_hash_table_insert (choice->item->entry_speakers, GUINT_TO_POINTER (choice->line),
                         g_strdup (name));
  else
    g_hash_table_remove (choice->item->entry_speakers, GUINT_TO_POINTER (choice->line));
}

/* The speaker suggested for a speech, to accept or not; with the phrase
 * it came from. Never stored unless accepted. */
static GtkWidget *
entry_speaker_new (FileItem *item, RostraImportEntry *entry)
{
  GtkWidget       *check = gtk_check_button_new_with_label (entry->suggested_speaker);
  g_autofree char *tooltip = NULL;

  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (check, "speaker-suggestion");
  if (entry->speaker_evidence != NULL)
    /* Translators: the tooltip of a speaker suggested for a speech; %s
     * is the phrase of its title or lead the suggestion came from. */
    tooltip = g_strdup_printf (_("Suggested from “%s”"), entry->speaker_evidence);
  gtk_widget_set_tooltip_text (check, tooltip);
  EntryChoice *choice = g_new (EntryChoice, 1);

  choice->item = item;
  choice->line = entry->line;
  g_signal_connect_data (check, "toggled", G_CALLBACK (entry_speaker_toggled), choice,
                         (GClosureNotify) (void (*) (void)) g_free, 0);
  return check;
}

static GtkWidget *
entry_row_new (FileItem *item, RostraImportEntry *entry)
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
  subtitle = _rostra_import_dialog_join_parts (parts);

  row = _rostra_import_dialog_action_row_new (entry->title, subtitle);
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
  else if (entry->suggested_speaker != NULL)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), entry_speaker_new (item, entry));
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
  return _rostra_import_dialog_join_parts (parts);
}

/* What the cleaning rules take out of the speeches' text (the raw text
 * is kept: a speech can be shown as it came). */
static GtkWidget *
cleaning_row_new (RostraImportReport *report)
{
  GtkWidget       *expander = adw_expander_row_new ();
  guint            total = 0;
  g_autofree char *title = NULL;

  for (guint rule = 0; rule < ROSTRA_CLEAN_N_RULES; rule++)
    total += report->n_cleaned[rule];
  title = g_strdup_printf (ngettext ("%'u line of news-site leftovers removed",
                                     "%'u lines of news-site leftovers removed", total),
                           total);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), title);
  rostra_ui_set_row_name (expander, title); /* nameless in libadwaita 1.2 */
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander),
                                 _("The text as it came is kept with each speech"));
  gtk_widget_add_css_class (expander, "cleaning-row");
  for (guint rule = 0; rule < ROSTRA_CLEAN_N_RULES; rule++)
    {
      g_autofree char *count = NULL;

      if (report->n_cleaned[rule] == 0)
        continue;
      count = g_strdup_printf (ngettext ("%'u line", "%'u lines", report->n_cleaned[rule]),
                               report->n_cleaned[rule]);
      adw_expander_row_add_row (
          ADW_EXPANDER_ROW (expander),
          _rostra_import_dialog_action_row_new (rostra_clean_rule_get_label (rule), count));
    }
  gtk_widget_set_visible (expander, total > 0);
  return expander;
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
  subtitle = _rostra_import_dialog_join_parts (parts);
  return _rostra_import_dialog_action_row_new (title, subtitle);
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
  adw_expander_row_add_prefix (
      ADW_EXPANDER_ROW (expander),
      _rostra_import_dialog_status_icon_new ("dialog-warning-symbolic", "warning"));
  gtk_widget_add_css_class (expander, "warnings-row");

  for (guint i = 0; i < n_inline; i++)
    {
      RostraParseWarning *w = &g_array_index (report->warnings, RostraParseWarning, i);
      g_autofree char    *line = w->line ? g_strdup_printf (_("Line %u"), w->line) : NULL;
      GtkWidget          *row = _rostra_import_dialog_action_row_new (w->message, line);

      gtk_widget_add_css_class (row, "warning-row");
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
    }

  if (report->warnings->len > n_inline)
    {
      g_autofree char *all = g_strdup_printf (
          ngettext ("Show All %'u Warnings", "Show All %'u Warnings", report->n_warnings),
          report->n_warnings);
      GtkWidget *row = _rostra_import_dialog_action_row_new (all, NULL);

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
      GtkWidget *row = _rostra_import_dialog_action_row_new (more, NULL);

      gtk_widget_add_css_class (row, "dim-label");
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
    }
  return expander;
}

static GtkWidget *
entries_row_new (FileItem *item)
{
  RostraImportReport *report = item->report;
  GtkWidget          *expander = adw_expander_row_new ();
  g_autofree char    *title = g_strdup_printf (
         ngettext ("%'u speech", "%'u speeches", report->n_entries), report->n_entries);
  g_autofree char *subtitle = describe_counts (report);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), title);
  rostra_ui_set_row_name (expander, title); /* nameless in libadwaita 1.2 */
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), subtitle);
  gtk_widget_add_css_class (expander, "entries-row");

  for (guint i = 0; i < report->entries->len; i++)
    adw_expander_row_add_row (ADW_EXPANDER_ROW (expander),
                              entry_row_new (item, g_ptr_array_index (report->entries, i)));

  if (report->n_entries > report->entries->len)
    {
      guint            n_more = report->n_entries - report->entries->len;
      g_autofree char *more = g_strdup_printf (
          ngettext ("And %'u more speech", "And %'u more speeches", n_more), n_more);
      GtkWidget *row = _rostra_import_dialog_action_row_new (more, NULL);

      gtk_widget_add_css_class (row, "dim-label");
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
    }
  return expander;
}

/* The speaker suggested most often for the file's new speeches, with how
 * many of them; %NULL when none is. */
static const char *
most_suggested (RostraImportReport *report, guint *n_suggested, guint *n_new)
{
  g_autoptr (GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  const char *best = NULL;
  guint       best_count = 0;

  *n_new = 0;
  for (guint i = 0; i < report->entries->len; i++)
    {
      RostraImportEntry *entry = g_ptr_array_index (report->entries, i);
      guint              count;

      if (entry->duplicate)
        continue;
      (*n_new)++;
      if (entry->suggested_speaker == NULL)
        continue;
      count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, entry->suggested_speaker)) + 1;
      g_hash_table_insert (counts, entry->suggested_speaker, GUINT_TO_POINTER (count));
      if (count > best_count)
        {
          best = entry->suggested_speaker;
          best_count = count;
        }
    }
  *n_suggested = best_count;
  return best;
}

static void
use_suggestion_clicked (GtkButton *button, FileItem *item)
{
  guint n_suggested, n_new;

  gtk_editable_set_text (GTK_EDITABLE (item->speaker_row),
                         most_suggested (item->report, &n_suggested, &n_new));
}

/* The speaker of every speech of the file, empty for none; the one
 * suggested most, one click away. */
static GtkWidget *
speaker_row_new (FileItem *item)
{
  GtkWidget  *row = adw_entry_row_new ();
  guint       n_suggested, n_new;
  const char *suggested = most_suggested (item->report, &n_suggested, &n_new);

  item->entry_speakers = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Speaker"));
  gtk_widget_set_tooltip_text (row, _("Who gave these speeches; a speaker checked for a speech "
                                      "below takes its place for that speech"));
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (row), TRUE);
  gtk_widget_add_css_class (row, "speaker-row");
  item->speaker_row = ADW_ENTRY_ROW (row);

  if (suggested != NULL)
    {
      /* Translators: a button that fills in the speaker suggested for a
       * file's speeches; %s is a name. */
      g_autofree char *label = g_strdup_printf (_("Use “%s”"), suggested);
      /* Translators: the tooltip of that button. */
      g_autofree char *tooltip =
          g_strdup_printf (ngettext ("Suggested for %u of its %u new speech",
                                     "Suggested for %u of its %u new speeches", n_new),
                           n_suggested, n_new);
      GtkWidget *button = gtk_button_new_with_label (label);

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_add_css_class (button, "use-suggestion");
      gtk_widget_set_tooltip_text (button, tooltip);
      g_signal_connect (button, "clicked", G_CALLBACK (use_suggestion_clicked), item);
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), button);
    }
  return row;
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

  adw_preferences_group_add (item->group, speaker_row_new (item));
  adw_preferences_group_add (item->group, entries_row_new (item));
  adw_preferences_group_add (item->group, cleaning_row_new (report));
  if (report->n_annotations_new + report->n_annotations_duplicates > 0)
    adw_preferences_group_add (item->group, annotations_row_new (report));
  if (report->n_warnings > 0)
    adw_preferences_group_add (item->group, warnings_row_new (item));

  /* Nothing to name when nothing will be imported. */
  gtk_widget_set_visible (name_row, _rostra_import_dialog_file_item_is_importable (item));
  gtk_widget_set_visible (GTK_WIDGET (item->speaker_row),
                          _rostra_import_dialog_file_item_is_importable (item));
}

/* Previews */

/* The archive's engine: the window's, when it shows the same file. */
RostraEngine *
_rostra_import_dialog_get_engine (RostraImportDialog *self)
{
  if (self->engine != NULL)
    return self->engine;
  if (self->database != NULL && !g_str_equal (self->database, ":memory:"))
    self->engine = rostra_engine_get_for_path (self->database);
  else
    {
      /* A private archive in memory: an empty one to compare with */
      self->memory = rostra_store_open (":memory:", NULL);
      self->engine = g_object_ref (rostra_engine_get_for_store (self->memory));
    }
  return self->engine;
}

static void
preview_progress (guint64 bytes_read, guint64 size, gpointer user_data)
{
  PreviewJob      *job = user_data;
  FileItem        *item = job->item;
  g_autofree char *subtitle = NULL;

  job->bytes_read = bytes_read;
  job->size = size;
  if (item == NULL || item->progress_bar == NULL)
    return;

  item->size = size;
  if (size > 0)
    {
      gtk_progress_bar_set_fraction (item->progress_bar, MIN (1.0, (double) bytes_read / size));
      subtitle = _rostra_import_dialog_format_bytes_of (bytes_read, size);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (item->status_row), subtitle);
    }
  else
    gtk_progress_bar_pulse (item->progress_bar);
}

static void
preview_done (GObject *source, GAsyncResult *res, gpointer user_data)
{
  PreviewJob         *job = user_data;
  FileItem           *item = job->item;
  RostraImportReport *report = NULL;
  g_autoptr (GError) error = NULL;

  rostra_engine_preview_file_finish (ROSTRA_ENGINE (source), res, &report, &error);

  /* Removed, or the dialog is gone. */
  if (item != NULL)
    {
      RostraImportDialog *self = item->dialog;

      item->size = job->size;
      _rostra_import_dialog_file_item_stop_preview (item);
      item->report = g_steal_pointer (&report);
      item->error = g_steal_pointer (&error);
      file_group_show_preview (item);
      _rostra_import_dialog_update_state (self);
    }

  rostra_import_report_free (report);
  preview_job_unref (job);
}

/* On a reader of the archive's engine, which compares with the archive */
void
_rostra_import_dialog_file_item_start_preview (RostraImportDialog *self, FileItem *item)
{
  PreviewJob *job = g_new0 (PreviewJob, 1);

  g_atomic_ref_count_init (&job->ref);
  job->item = item;
  item->job = job;
  item->cancellable = g_cancellable_new ();

  rostra_engine_preview_file_async (_rostra_import_dialog_get_engine (self), item->file,
                                    PREVIEW_ENTRIES, preview_progress, job, item->cancellable,
                                    preview_done, preview_job_ref (job));
}
