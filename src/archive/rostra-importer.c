/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-importer.c: brings dumps into the archive, one transaction per file.
 *
 * A file is imported whole or not at all: its articles are inserted in
 * one transaction, which is rolled back on any error, on cancellation,
 * when the file holds no recognisable entry, and when it holds nothing
 * new (so that importing the same file again changes nothing).
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rostra-importer-private.h"

#define PROGRESS_EVERY 256

G_DEFINE_QUARK (rostra_import_error_quark, rostra_import_error)

static RostraImportReport *
rostra_import_report_copy (const RostraImportReport *report)
{
  RostraImportReport *copy = g_new (RostraImportReport, 1);

  *copy = *report;
  copy->name = g_strdup (report->name);
  copy->path = g_strdup (report->path);
  copy->encoding = g_strdup (report->encoding);
  copy->sha256 = g_strdup (report->sha256);
  copy->warnings = g_array_ref (report->warnings);
  return copy;
}

G_DEFINE_BOXED_TYPE (RostraImportReport,
                     rostra_import_report,
                     rostra_import_report_copy,
                     rostra_import_report_free)

void
rostra_import_report_free (RostraImportReport *report)
{
  if (report == NULL)
    return;
  g_free (report->name);
  g_free (report->path);
  g_free (report->encoding);
  g_free (report->sha256);
  g_array_unref (report->warnings);
  g_free (report);
}

static void
warning_clear (gpointer data)
{
  RostraParseWarning *w = data;

  g_clear_pointer (&w->message, g_free);
}

static RostraImportReport *
report_new (const char *name, const char *path)
{
  RostraImportReport *report = g_new0 (RostraImportReport, 1);

  report->name = g_strdup (name);
  report->path = g_strdup (path);
  report->warnings = g_array_new (FALSE, TRUE, sizeof (RostraParseWarning));
  g_array_set_clear_func (report->warnings, warning_clear);
  return report;
}

static void
report_take_parser_state (RostraImportReport *report, RostraDumpParser *parser)
{
  const RostraParseWarning *w;

  report->size = rostra_dump_parser_get_bytes_read (parser);
  report->encoding = g_strdup (rostra_dump_parser_get_encoding (parser));
  report->sha256 = g_strdup (rostra_dump_parser_get_checksum (parser));
  report->n_warnings = rostra_dump_parser_get_n_warnings (parser);

  for (guint i = 0; (w = rostra_dump_parser_get_warning (parser, i)); i++)
    {
      RostraParseWarning copy = { w->line, g_strdup (w->message) };

      g_array_append_val (report->warnings, copy);
    }
}

void
_rostra_import_report_warn (RostraImportReport *report, guint line, const char *format, ...)
{
  RostraParseWarning w;
  va_list            args;

  va_start (args, format);
  w.line = line;
  w.message = g_strdup_vprintf (format, args);
  va_end (args);
  g_array_append_val (report->warnings, w);
  report->n_warnings++;
}

/* A JSON backup starts with "{" (after an optional BOM and blanks); a
 * dump never does. */
static gboolean
detect_backup (GBufferedInputStream *stream,
               gboolean             *backup,
               GCancellable         *cancellable,
               GError              **error)
{
  const guint8 *data;
  gsize         len, i = 0;

  if (g_buffered_input_stream_fill (stream, 4096, cancellable, error) < 0)
    return FALSE;
  data = g_buffered_input_stream_peek_buffer (stream, &len);

  if (len >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF)
    i = 3;
  while (i < len && g_ascii_isspace (data[i]))
    i++;
  *backup = i < len && data[i] == '{';
  return TRUE;
}

/* Reads every entry into the open transaction. */
static gboolean
import_entries (RostraStore             *store,
                RostraDumpParser        *parser,
                RostraImportReport      *report,
                RostraImportProgressFunc progress,
                gpointer                 user_data,
                GCancellable            *cancellable,
                GError                 **error)
{
  report->import_id =
      rostra_store_add_import (store, report->name, report->path, "feed-dump", error);
  if (report->import_id == 0)
    return FALSE;

  for (;;)
    {
      g_autoptr (RostraDumpEntry) entry = NULL;
      gint64 id;

      if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
          !rostra_dump_parser_next (parser, &entry, cancellable, error))
        return FALSE;
      if (entry == NULL)
        break;

      if (!rostra_store_add_article (store, report->import_id, entry->title, entry->source,
                                     entry->published, entry->language, entry->text, &id, error))
        return FALSE;

      report->n_entries++;
      if (id > 0)
        report->n_new++;
      else
        report->n_duplicates++;
      if (!entry->complete)
        report->n_incomplete++;

      if (progress && report->n_entries % PROGRESS_EVERY == 0)
        progress (rostra_dump_parser_get_bytes_read (parser), report->n_entries, user_data);
    }

  if (progress)
    progress (rostra_dump_parser_get_bytes_read (parser), report->n_entries, user_data);

  if (report->n_entries == 0)
    {
      g_set_error_literal (error, ROSTRA_IMPORT_ERROR, ROSTRA_IMPORT_ERROR_NO_ENTRIES,
                           _("No entry was recognised: an entry is a title line followed by a "
                             "date line such as “27-09-19 02:07:00,”"));
      return FALSE;
    }

  return TRUE;
}

/**
 * rostra_import_stream:
 * @store: the archive
 * @stream: the dump's bytes
 * @name: the import's name, shown later as "imported from"
 * @path: (nullable): the file the bytes come from
 * @progress: (nullable) (scope call): called as the import goes on
 * @user_data: the closure for @progress
 * @cancellable: (nullable): cancels and rolls back the import
 * @report: (out) (transfer full) (optional): what was found, set even on failure
 * @error: return location for an error
 *
 * Imports one dump, or one JSON backup made by `rostra --export json`,
 * in one transaction: all of its new articles and annotations or none.
 *
 * Returns: %TRUE when the stream was read through (even if every entry
 *   was a duplicate)
 */
gboolean
rostra_import_stream (RostraStore             *store,
                      GInputStream            *stream,
                      const char              *name,
                      const char              *path,
                      RostraImportProgressFunc progress,
                      gpointer                 user_data,
                      GCancellable            *cancellable,
                      RostraImportReport     **report,
                      GError                 **error)
{
  g_autoptr (RostraImportReport) r = report_new (name, path);
  g_autoptr (GInputStream) buffered = NULL;
  gboolean backup, ok;

  g_return_val_if_fail (ROSTRA_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  buffered = g_buffered_input_stream_new (stream);
  ok = detect_backup (G_BUFFERED_INPUT_STREAM (buffered), &backup, cancellable, error);
  if (ok)
    ok = rostra_store_begin (store, error);
  if (ok)
    {
      if (backup)
        ok = _rostra_import_backup (store, buffered, r, cancellable, error);
      else
        {
          g_autoptr (RostraDumpParser) parser = rostra_dump_parser_new (buffered);

          r->format = "feed-dump";
          ok = import_entries (store, parser, r, progress, user_data, cancellable, error);
          report_take_parser_state (r, parser);
          ok = ok &&
               rostra_store_finish_import (store, r->import_id, r->size, r->sha256, r->encoding,
                                           r->n_new, r->n_duplicates, r->n_warnings, error);
        }

      if (ok && r->n_new == 0 && r->n_annotations_new == 0)
        {
          /* Nothing new: leave no trace, not even an empty import. */
          rostra_store_rollback (store);
          r->import_id = 0;
        }
      else if (ok)
        ok = rostra_store_commit (store, error);

      if (ok && r->import_id != 0)
        rostra_store_checkpoint (store);
      else if (!ok)
        {
          rostra_store_rollback (store);
          r->import_id = 0;
          r->n_new = 0;
          r->n_annotations_new = 0;
        }
    }

  if (report)
    *report = g_steal_pointer (&r);
  return ok;
}

/**
 * rostra_import_file:
 * @store: the archive
 * @file: a dump
 * @name: (nullable): the import's name; the file's name when %NULL
 * @progress: (nullable) (scope call): called as the import goes on
 * @user_data: the closure for @progress
 * @cancellable: (nullable): cancels and rolls back the import
 * @report: (out) (transfer full) (optional): what was found, set even on failure
 * @error: return location for an error
 *
 * Like rostra_import_stream(), after making sure @file is a non-empty
 * regular file.
 */
gboolean
rostra_import_file (RostraStore             *store,
                    GFile                   *file,
                    const char              *name,
                    RostraImportProgressFunc progress,
                    gpointer                 user_data,
                    GCancellable            *cancellable,
                    RostraImportReport     **report,
                    GError                 **error)
{
  g_autoptr (GFileInfo) info = NULL;
  g_autoptr (GFileInputStream) stream = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *display = g_filename_display_name (basename);

  g_return_val_if_fail (ROSTRA_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (name == NULL)
    name = display;
  if (report)
    *report = report_new (name, path);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  if (info == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_set_error_literal (error, ROSTRA_IMPORT_ERROR, ROSTRA_IMPORT_ERROR_NOT_FOUND,
                             _("There is no such file"));
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error_literal (error, ROSTRA_IMPORT_ERROR, ROSTRA_IMPORT_ERROR_NOT_A_FILE,
                           _("This is a folder, not a file; name the dump files inside it"));
      return FALSE;
    }
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error_literal (error, ROSTRA_IMPORT_ERROR, ROSTRA_IMPORT_ERROR_NOT_A_FILE,
                           _("This is not a regular file"));
      return FALSE;
    }
  if (g_file_info_get_size (info) == 0)
    {
      g_set_error_literal (error, ROSTRA_IMPORT_ERROR, ROSTRA_IMPORT_ERROR_EMPTY,
                           _("The file is empty"));
      return FALSE;
    }

  stream = g_file_read (file, cancellable, error);
  if (stream == NULL)
    return FALSE;

  if (report)
    g_clear_pointer (report, rostra_import_report_free);
  return rostra_import_stream (store, G_INPUT_STREAM (stream), name, path, progress, user_data,
                               cancellable, report, error);
}
