/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-print.c: printing a speech, or saving it as PDF, with its
 * highlights in colour and its notes as numbered endnotes.
 *
 * The document is a list of blocks, each a PangoLayout as wide as the
 * text column: the title and the metadata line (the header, always at
 * the top of page 1), a hairline, the paragraphs of the speech, then
 * the notes and the passages no longer in the text. "begin-print"
 * builds the blocks for the page size of the print context and breaks
 * them into pages line by line, never inside a line, keeping two lines
 * of a paragraph together at the bottom and at the top of a page and a
 * heading with what follows it; "draw-page" draws the lines of a page
 * with pango_cairo_show_layout_line() and its footer.
 *
 * User text is never read as markup: every layout gets plain text and a
 * PangoAttrList. Highlights are backgrounds in a light tint of their
 * palette colour, opaque, so that the text stays black and legible in
 * colour and in grayscale; where passages overlap, the shorter one is
 * on top, as in the reader. A highlight with a note (or tags) gets a
 * superscript number after its passage, in text order, and an entry of
 * that number under "Notes".
 *
 * This file is the glue to GtkPrintOperation (the print dialog, the
 * settings kept between prints, PDF export); rostra-print-document.c
 * builds the blocks and rostra-print-pages.c breaks them into pages and
 * draws them.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "rostra-print-private.h"

/* The settings of the last print, for the next one in this session. */
static GtkPrintSettings *saved_settings;

gboolean
_rostra_print_is_set (const char *str)
{
  return str != NULL && *str != '\0';
}

double
_rostra_print_units_to_points (int units)
{
  return (double) units / PANGO_SCALE;
}

static void
print_job_free (gpointer data)
{
  PrintJob *job = data;

  _rostra_print_clear_document (job);
  g_clear_object (&job->article);
  g_clear_pointer (&job->annotations, g_ptr_array_unref);
  g_free (job->title);
  g_clear_weak_pointer (&job->parent);
  g_free (job);
}

static PrintJob *
get_job (GtkPrintOperation *operation)
{
  return g_object_get_data (G_OBJECT (operation), "rostra-print-job");
}

void
_rostra_print_set_source_rgb (cairo_t *cr, guint32 rgb)
{
  cairo_set_source_rgb (cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0,
                        (rgb & 0xff) / 255.0);
}

/* Signals */

static void
on_begin_print (GtkPrintOperation *operation, GtkPrintContext *context, PrintJob *job)
{
  _rostra_print_clear_document (job);
  _rostra_print_set_up_page (job, context);
  _rostra_print_build_document (job, context);
  gtk_print_operation_set_n_pages (operation, _rostra_print_paginate (job));
}

static void
on_draw_page (GtkPrintOperation *operation, GtkPrintContext *context, int page_nr, PrintJob *job)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  int      n_pages = 0;

  if (job->placements == NULL)
    return;

  g_object_get (operation, "n-pages", &n_pages, NULL);
  for (guint i = 0; i < job->placements->len; i++)
    {
      const Placement *placement = &g_array_index (job->placements, Placement, i);

      if (placement->page == (guint) page_nr)
        _rostra_print_draw_placement (job, cr, placement);
      else if (placement->page > (guint) page_nr)
        break;
    }
  _rostra_print_draw_footer (job, cr, page_nr, n_pages);
}

static void
on_end_print (GtkPrintOperation *operation G_GNUC_UNUSED,
              GtkPrintContext *context     G_GNUC_UNUSED,
              PrintJob                    *job)
{
  _rostra_print_clear_document (job);
}

/* API */

/**
 * rostra_print_operation_new:
 * @article: an article, with its text loaded
 * @annotations: (nullable): a list of #RostraAnnotation of @article,
 *   orphaned ones too, or %NULL for none
 *
 * A print operation for @article: its title, metadata and text, the
 * passages of @annotations highlighted in their colours, their notes
 * as numbered endnotes, and the passages no longer in the text after
 * them. The annotations are those in the list now.
 *
 * Its job name is the title; it counts in points, on the page setup's
 * paper within its margins, offers the page setup in the print dialog
 * and shows its progress.
 *
 * Returns: (transfer full): the print operation
 */
GtkPrintOperation *
rostra_print_operation_new (RostraArticle *article, GListModel *annotations)
{
  GtkPrintOperation *operation;
  PrintJob          *job;

  g_return_val_if_fail (ROSTRA_IS_ARTICLE (article), NULL);
  g_return_val_if_fail (rostra_article_get_text (article) != NULL, NULL);
  g_return_val_if_fail (annotations == NULL || G_IS_LIST_MODEL (annotations), NULL);

  job = g_new0 (PrintJob, 1);
  job->article = g_object_ref (article);
  job->title = g_strdup (_rostra_print_get_title (article));
  job->annotations = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; annotations != NULL && i < g_list_model_get_n_items (annotations); i++)
    {
      GObject *item = g_list_model_get_item (annotations, i);

      if (ROSTRA_IS_ANNOTATION (item))
        g_ptr_array_add (job->annotations, item);
      else
        g_clear_object (&item);
    }

  operation = gtk_print_operation_new ();
  gtk_print_operation_set_job_name (operation, job->title);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_use_full_page (operation, FALSE);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  gtk_print_operation_set_show_progress (operation, TRUE);

  g_object_set_data_full (G_OBJECT (operation), "rostra-print-job", job, print_job_free);
  g_signal_connect (operation, "begin-print", G_CALLBACK (on_begin_print), job);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page), job);
  g_signal_connect (operation, "end-print", G_CALLBACK (on_end_print), job);
  return operation;
}

static void
save_settings (GtkPrintOperation *operation)
{
  g_set_object (&saved_settings, gtk_print_operation_get_print_settings (operation));
}

static void
show_error (GtkWindow *parent, const char *title, const GError *error)
{
  GtkWidget *dialog;

  /* Translators: the heading of a dialog. */
  dialog = adw_message_dialog_new (parent, _("Could Not Print"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  /* Translators: the text of a dialog; the first %s is
                                   * the title of a speech, the second why it could not
                                   * be printed. */
                                  _("“%s” could not be printed: %s"), title,
                                     error != NULL ? error->message : _("unknown error"));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_done (GtkPrintOperation      *operation,
         GtkPrintOperationResult result,
         gpointer user_data      G_GNUC_UNUSED)
{
  PrintJob *job = get_job (operation);

  if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    save_settings (operation);

  /* Run to its end before gtk_print_operation_run() returned: the
   * caller has the result. */
  if (!job->run_returned)
    return;

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autoptr (GError) error = NULL;

      gtk_print_operation_get_error (operation, &error);
      show_error (job->parent, job->title, error);
    }

  if (job->in_progress)
    {
      job->in_progress = FALSE;
      g_object_unref (operation);
    }
}

/**
 * rostra_print_article:
 * @parent: (nullable): the window the print dialog belongs to
 * @article: an article, with its text loaded
 * @annotations: (nullable): a list of #RostraAnnotation of @article, or
 *   %NULL for none
 * @error: where to put an error
 *
 * Opens the print dialog for @article, as rostra_print_operation_new()
 * lays it out, and prints it or saves it as a file. The dialog and the
 * printing may go on after this returns; an error then shows in a
 * dialog of its own over @parent. The settings chosen are offered again
 * the next time, for this session.
 *
 * Returns: %FALSE with @error set if printing failed at once; %TRUE
 *   when it went on, was done or was cancelled
 */
gboolean
rostra_print_article (GtkWindow     *parent,
                      RostraArticle *article,
                      GListModel    *annotations,
                      GError       **error)
{
  g_autoptr (GtkPrintOperation) operation = NULL;
  g_autoptr (GError) local_error = NULL;
  GtkPrintOperationResult result;
  PrintJob               *job;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), FALSE);
  g_return_val_if_fail (ROSTRA_IS_ARTICLE (article), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  operation = rostra_print_operation_new (article, annotations);
  job = get_job (operation);
  g_set_weak_pointer (&job->parent, parent);
  if (saved_settings != NULL)
    gtk_print_operation_set_print_settings (operation, saved_settings);
  gtk_print_operation_set_allow_async (operation, TRUE);
  g_signal_connect (operation, "done", G_CALLBACK (on_done), NULL);

  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, parent,
                                    &local_error);
  job->run_returned = TRUE;

  switch (result)
    {
      case GTK_PRINT_OPERATION_RESULT_ERROR:
        if (local_error == NULL)
          g_set_error (&local_error, GTK_PRINT_ERROR, GTK_PRINT_ERROR_GENERAL,
                       _("“%s” could not be printed"), job->title);
        g_propagate_error (error, g_steal_pointer (&local_error));
        return FALSE;

      case GTK_PRINT_OPERATION_RESULT_APPLY:
        save_settings (operation);
        break;

      case GTK_PRINT_OPERATION_RESULT_IN_PROGRESS:
        /* Until "done". */
        job->in_progress = TRUE;
        g_object_ref (operation);
        break;

      case GTK_PRINT_OPERATION_RESULT_CANCEL:
      default:
        break;
    }
  return TRUE;
}

/**
 * rostra_print_to_pdf:
 * @article: an article, with its text loaded
 * @annotations: (nullable): a list of #RostraAnnotation of @article, or
 *   %NULL for none
 * @pdf_path: the file to write
 * @error: where to put an error
 *
 * Writes @article as rostra_print_article() prints it to @pdf_path, a
 * PDF file, on the default paper of the user's locale, without a
 * dialog. Returns when the file is written.
 *
 * Returns: %FALSE with @error set if the file could not be written
 */
gboolean
rostra_print_to_pdf (RostraArticle *article,
                     GListModel    *annotations,
                     const char    *pdf_path,
                     GError       **error)
{
  g_autoptr (GtkPrintOperation) operation = NULL;
  g_autoptr (GError) local_error = NULL;
  GtkPrintOperationResult result;

  g_return_val_if_fail (ROSTRA_IS_ARTICLE (article), FALSE);
  g_return_val_if_fail (pdf_path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  operation = rostra_print_operation_new (article, annotations);
  gtk_print_operation_set_show_progress (operation, FALSE);
  gtk_print_operation_set_allow_async (operation, FALSE);
  gtk_print_operation_set_export_filename (operation, pdf_path);

  result =
      gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, &local_error);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR || local_error != NULL)
    {
      g_autofree char *name = g_filename_display_name (pdf_path);

      if (local_error == NULL)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write “%s”"), name);
      else
        g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                    /* Translators: before the reason; %s is a file name. */
                                    _("Could not write “%s”: "), name);
      return FALSE;
    }
  return TRUE;
}
