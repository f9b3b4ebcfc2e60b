/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-import-dialog-progress.c: the import dialog while it imports and
 * after: progress per file and in all, a failure, and the summary page
 * (what each file brought, with a way to show the new speeches). */

#include "config.h"

#include <glib/gi18n.h>

#include "rostra-import-dialog-private.h"
#include "rostra-ui-utils.h"

/* The import */

/* The import runs on the archive engine's writer (see
 * rostra-import-batch.c); this is what the dialog keeps of it, on the
 * main thread. */
typedef struct
{
  FileItem *item;
  guint64   size;
} ImportFile;

struct _ImportJob
{
  gatomicrefcount    ref;
  RostraImportBatch *batch;
  GArray            *files; /* ImportFile, in the batch's order */
  guint64            total_size;

  RostraImportDialog *dialog; /* NULL once disposed */
  guint               n_delivered;
};

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
  rostra_import_batch_unref (job->batch);
  g_array_unref (job->files);
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
  g_object_notify_by_pspec (G_OBJECT (self), _rostra_import_dialog_properties[PROP_PROGRESS]);
}

/* Shows where the writer is, and takes in the files it finished
 * (announcing those committed). */
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

  rostra_import_batch_get_progress (job->batch, &current, &done_bytes, &bytes_read, &n_entries,
                                    &n_finished);

  g_object_ref (self);
  while (job->n_delivered < n_finished && job->dialog != NULL)
    {
      FileItem *item;

      gboolean ok;

      f = &g_array_index (job->files, ImportFile, job->n_delivered);
      item = f->item;
      g_clear_pointer (&item->result, rostra_import_report_free);
      g_clear_error (&item->result_error);
      ok = rostra_import_batch_take_result (job->batch, job->n_delivered++, &item->result,
                                            &item->result_error);
      if (ok)
        item->outcome = OUTCOME_IMPORTED;
      else if (g_error_matches (item->result_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        item->outcome = OUTCOME_CANCELLED;
      else
        item->outcome = OUTCOME_FAILED;

      if (item->result != NULL && item->result->import_id != 0)
        g_signal_emit (self, _rostra_import_dialog_signals[IMPORTED], 0, item->result->import_id);
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
      f = &g_array_index (job->files, ImportFile, current);
      /* Translators: the file being imported, as in “File 1 of 2 · speeches.txt”. */
      description = g_strdup_printf (_("File %u of %u · %s"), current + 1, job->files->len,
                                        f->item->display_name);
      entries = g_strdup_printf (ngettext ("%'u entry", "%'u entries", n_entries), n_entries);
      bytes = _rostra_import_dialog_format_bytes_of (bytes_read, f->size);
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

static void
import_progress (guint64 done, guint64 total, gpointer user_data)
{
  import_update (user_data);
}

/* The archive could not be opened at all: every file failed for it. */
static void
import_failed (ImportJob *job, const GError *error)
{
  for (guint i = job->n_delivered; i < job->files->len; i++)
    {
      FileItem *item = g_array_index (job->files, ImportFile, i).item;

      g_clear_error (&item->result_error);
      item->result_error = g_error_copy (error);
      item->outcome = OUTCOME_FAILED;
    }
  job->n_delivered = job->files->len;
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
        subtitle = _rostra_import_dialog_join_parts (parts);
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

  row = _rostra_import_dialog_action_row_new (item->display_name, subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             _rostra_import_dialog_status_icon_new (icon, css));
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
  ImportJob          *job = user_data;
  RostraImportDialog *self = job->dialog ? g_object_ref (job->dialog) : NULL;
  g_autoptr (GError) error = NULL;
  gboolean ran = rostra_engine_import_batch_finish (ROSTRA_ENGINE (source), res, &error);

  if (self == NULL)
    {
      import_job_unref (job);
      return;
    }
  if (!self->disposed && self->import_job == job)
    {
      /* The files the writer finished since the last update. */
      import_update (job);
      if (!ran)
        import_failed (job, error);
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
      _rostra_import_dialog_update_state (self);
      if (self->close_pending)
        gtk_window_destroy (GTK_WINDOW (self));
      else if (gtk_widget_get_visible (self->show_button))
        gtk_widget_grab_focus (self->show_button);
      else
        gtk_widget_grab_focus (self->done_button);
    }

  import_job_unref (job);
  g_object_unref (self);
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
  g_auto (GStrv) tags = NULL;
  ImportJob *job;

  g_return_val_if_fail (ROSTRA_IS_IMPORT_DIALOG (self), FALSE);

  if (!gtk_widget_get_sensitive (self->import_button) || self->import_job != NULL || self->finished)
    return FALSE;

  tags = rostra_tag_completion_parse (gtk_editable_get_text (GTK_EDITABLE (self->tags_row)));
  job = g_new0 (ImportJob, 1);
  g_atomic_ref_count_init (&job->ref);
  job->batch = rostra_import_batch_new ((const char *const *) tags);
  job->files = g_array_new (FALSE, FALSE, sizeof (ImportFile));

  for (guint i = 0; i < self->items->len; i++)
    {
      FileItem        *item = g_ptr_array_index (self->items, i);
      ImportFile       f = { item, 0 };
      g_autofree char *name = NULL;

      g_clear_pointer (&item->result, rostra_import_report_free);
      g_clear_error (&item->result_error);
      item->outcome = OUTCOME_NONE;
      if (!_rostra_import_dialog_file_item_is_importable (item))
        continue;

      name = g_strstrip (g_strdup (_rostra_import_dialog_file_item_get_name (item)));
      f.size = item->report->size;
      rostra_import_batch_add (job->batch, item->file, *name ? name : item->display_name, f.size);
      item->outcome = OUTCOME_PENDING;
      job->total_size += f.size;
      g_array_append_val (job->files, f);
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
  g_object_notify_by_pspec (G_OBJECT (self), _rostra_import_dialog_properties[PROP_PROGRESS]);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_label_set_label (self->progress_label, "");
  adw_status_page_set_title (self->progress_page, _("Importing…"));
  adw_status_page_set_description (self->progress_page, NULL);
  gtk_widget_set_sensitive (self->cancel_button, TRUE);
  rostra_tag_completion_hide (self->completion);
  adw_leaflet_set_visible_child (self->leaflet, self->main_page);

  /* On the archive engine's writer; the callback comes once every file
   * is finished or skipped, even after a cancel. */
  rostra_engine_import_batch_async (_rostra_import_dialog_get_engine (self), job->batch,
                                    import_progress, job, import_done, import_job_ref (job));

  _rostra_import_dialog_update_state (self);
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
  rostra_import_batch_cancel (self->import_job->batch);
  adw_status_page_set_title (self->progress_page, _("Cancelling…"));
  adw_status_page_set_description (self->progress_page,
                                   _("The file being imported is rolled back."));
  gtk_widget_set_sensitive (self->cancel_button, FALSE);
}

/* The dialog goes: its import is cancelled (a file half imported is rolled
 * back) and never reaches back into it. */
void
_rostra_import_dialog_forget_import (RostraImportDialog *self)
{
  if (self->import_job == NULL)
    return;
  rostra_import_batch_cancel (self->import_job->batch);
  self->import_job->dialog = NULL;
  g_clear_pointer (&self->import_job, import_job_unref);
}
