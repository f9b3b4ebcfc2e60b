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

#include <string.h>

#include "rostra-import-pipeline.h"
#include "rostra-importer-private.h"
#include "rostra-store-speakers.h"
#include "rostra-text.h"

#define PROGRESS_EVERY 256
/* How much of a file is read to tell its format. */
#define DETECT_SIZE (64 * 1024)

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
  copy->entries = g_ptr_array_ref (report->entries);
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
  g_ptr_array_unref (report->entries);
  g_free (report);
}

static void
warning_clear (gpointer data)
{
  RostraParseWarning *w = data;

  g_clear_pointer (&w->message, g_free);
}

static void
import_entry_free (gpointer data)
{
  RostraImportEntry *entry = data;

  g_free (entry->title);
  g_free (entry->source);
  g_free (entry->published);
  g_free (entry->suggested_speaker);
  g_free (entry->speaker_evidence);
  g_free (entry);
}

static RostraImportReport *
report_new (const char *name, const char *path)
{
  RostraImportReport *report = g_new0 (RostraImportReport, 1);

  report->name = g_strdup (name);
  /* Stored with the import and shown: a file name that is not UTF-8
   * (caf\xe9.txt) is kept in its readable form. */
  report->path =
      path && !g_utf8_validate (path, -1, NULL) ? g_filename_display_name (path) : g_strdup (path);
  report->warnings = g_array_new (FALSE, TRUE, sizeof (RostraParseWarning));
  g_array_set_clear_func (report->warnings, warning_clear);
  report->entries = g_ptr_array_new_with_free_func (import_entry_free);
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

/**
 * rostra_import_format_get_label:
 * @format: a #RostraImportReport's format
 *
 * Returns: (transfer none): the format's name in the user's language
 */
const char *
rostra_import_format_get_label (const char *format)
{
  if (g_strcmp0 (format, "feed-dump") == 0)
    return _("News feed dump");
  if (g_strcmp0 (format, "plain-text") == 0)
    return _("Plain text, one speech");
  if (g_strcmp0 (format, "rostra-json") == 0)
    return _("Rostra backup (JSON)");
  return format;
}

/**
 * _rostra_import_entry_done:
 * @new_id: the article added, 0 when the entry was a duplicate
 *
 * Gives a new article the run's tags, and keeps the first entries of a
 * preview in @report.
 */
gboolean
_rostra_import_entry_done (RostraImportRun    *run,
                           RostraStore        *store,
                           RostraImportReport *report,
                           const char         *title,
                           const char         *source,
                           const char         *published,
                           const char         *language,
                           guint               line,
                           gint64              new_id,
                           GError            **error)
{
  if (new_id > 0 && !run->preview && run->tags != NULL &&
      !rostra_store_add_article_tags (store, new_id, run->tags, error))
    return FALSE;
  if (new_id > 0 && !run->preview && (run->speaker != NULL || run->entry_speakers != NULL))
    {
      const char           *speaker = run->entry_speakers
                                          ? g_hash_table_lookup (run->entry_speakers, GUINT_TO_POINTER (line))
                                          : NULL;
      RostraArticleMetadata metadata = { .speaker = speaker ? speaker : run->speaker };

      if (metadata.speaker != NULL && !rostra_store_set_article_metadata (
                                          store, new_id, ROSTRA_METADATA_SPEAKER, &metadata, error))
        return FALSE;
    }

  if (report->entries->len < run->max_entries)
    {
      RostraImportEntry *entry = g_new0 (RostraImportEntry, 1);

      entry->title = g_strdup (title);
      entry->source = g_strdup (source);
      entry->published = g_strdup (published);
      /* A backup's language points into its JSON, freed once it is read. */
      entry->language = g_intern_string (language);
      entry->line = line;
      entry->duplicate = new_id == 0;
      g_ptr_array_add (report->entries, entry);
    }
  return TRUE;
}

typedef enum
{
  FORMAT_FEED_DUMP,
  FORMAT_PLAIN_TEXT,
  FORMAT_BACKUP,
} Format;

static gboolean
has_suffix (const char *path, const char *const *suffixes)
{
  g_autofree char *lower = path ? g_ascii_strdown (path, -1) : NULL;

  for (guint i = 0; lower && suffixes[i]; i++)
    if (g_str_has_suffix (lower, suffixes[i]))
      return TRUE;
  return FALSE;
}

/* Whether one of the lines in @data (not all of it, perhaps: the last
 * line may be cut) is a dump's date line. */
static gboolean
has_date_line (const guint8 *data, gsize len)
{
  gsize start = 0;

  while (start < len)
    {
      const guint8    *nl = memchr (data + start, '\n', len - start);
      gsize            end = nl ? (gsize) (nl - data) : len;
      g_autofree char *line = NULL;

      if (end - start < 64)
        {
          line = g_strndup ((const char *) data + start, end - start);
          g_strchomp (line);
          if (rostra_dump_parse_date_line (line, NULL))
            return TRUE;
        }
      start = end + 1;
    }
  return FALSE;
}

/* A JSON backup starts with "{" (after an optional BOM and blanks); a
 * dump never does. A file without a single date line in its first
 * DETECT_SIZE bytes, named .txt or .md, is one speech in plain text;
 * anything else is read as a dump (whose parser explains what is
 * wrong with it). */
static gboolean
detect_format (GBufferedInputStream *stream,
               const char           *path,
               Format               *format,
               GCancellable         *cancellable,
               GError              **error)
{
  static const char *const plain_suffixes[] = { ".txt", ".text", ".md", ".markdown", NULL };
  const guint8            *data;
  gsize                    len, i = 0;

  if (g_buffered_input_stream_fill (stream, DETECT_SIZE, cancellable, error) < 0)
    return FALSE;
  /* Short reads: keep filling until the buffer holds DETECT_SIZE or the end. */
  while (g_buffered_input_stream_get_available (stream) < DETECT_SIZE)
    {
      gssize n = g_buffered_input_stream_fill (
          stream, DETECT_SIZE - g_buffered_input_stream_get_available (stream), cancellable, error);

      if (n < 0)
        return FALSE;
      if (n == 0)
        break;
    }
  data = g_buffered_input_stream_peek_buffer (stream, &len);

  if (len >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF)
    i = 3;
  while (i < len && g_ascii_isspace (data[i]))
    i++;

  if (i < len && data[i] == '{')
    *format = FORMAT_BACKUP;
  else if (len > 0 && !has_date_line (data, len) && has_suffix (path, plain_suffixes))
    *format = FORMAT_PLAIN_TEXT;
  else
    *format = FORMAT_FEED_DUMP;
  return TRUE;
}

/* Adds an entry of a dump or plain-text file, or in a preview finds
 * out whether it would be added. The cleaning rules run first: a
 * cleaned entry is stored with its raw text kept beside it, and is a
 * duplicate of an article with either text (one imported before the
 * rules existed holds the raw one). */
static gboolean
add_entry (RostraStore        *store,
           RostraImportRun    *run,
           RostraImportReport *report,
           RostraDumpEntry    *entry,
           gint64             *id,
           GError            **error)
{
  g_autofree char *hash = NULL;
  g_autofree char *cleaned = NULL;
  guint            counts[ROSTRA_CLEAN_N_RULES];
  gboolean         duplicate;

  cleaned = rostra_text_clean (entry->title, entry->published, entry->text, counts);
  *id = 0;
  if (cleaned != NULL &&
      !rostra_store_find_article (store, entry->title, entry->published, entry->text, id, error))
    return FALSE;

  if (!run->preview)
    {
      if (*id != 0) /* the raw text is there: a duplicate */
        *id = 0;
      else if (!rostra_store_add_article (store, report->import_id, entry->title, entry->source,
                                          entry->published, entry->language,
                                          cleaned ? cleaned : entry->text, id, error) ||
               (*id > 0 && cleaned != NULL &&
                !rostra_store_keep_raw_text (store, *id, entry->text, error)) ||
               /* A new article's versions are found in the import's
                * transaction: a failed import leaves neither. */
               (*id > 0 &&
                !rostra_version_index_add (run->versions, *id, cleaned ? cleaned : entry->text,
                                           entry->language, error)))
        return FALSE;
    }
  else
    {
      hash = rostra_text_content_hash (entry->title, entry->published, entry->text);
      duplicate = g_hash_table_contains (run->seen, hash) || *id != 0;
      if (!duplicate && !rostra_store_find_article (store, entry->title, entry->published,
                                                    cleaned ? cleaned : entry->text, id, error))
        return FALSE;
      duplicate = duplicate || *id != 0;
      g_hash_table_add (run->seen, g_steal_pointer (&hash));
      /* Any id but 0 says "new": nothing was written. */
      *id = duplicate ? 0 : G_MAXINT64;
    }

  if (*id > 0 && cleaned != NULL)
    {
      report->n_texts_cleaned++;
      for (guint r = 0; r < ROSTRA_CLEAN_N_RULES; r++)
        report->n_cleaned[r] += counts[r];
    }
  return TRUE;
}

/* Reads every entry into the open transaction (or, previewing, reads
 * them and writes nothing). */
static gboolean
import_entries (RostraStore             *store,
                RostraImportRun         *run,
                RostraDumpParser        *parser,
                RostraImportReport      *report,
                RostraImportProgressFunc progress,
                gpointer                 user_data,
                GCancellable            *cancellable,
                GError                 **error)
{
  g_autoptr (RostraImportPipeline) pipeline = NULL;

  if (!run->preview)
    {
      report->import_id =
          rostra_store_add_import (store, report->name, report->path, report->format, error);
      if (report->import_id == 0)
        return FALSE;
    }

  /* The parser runs on a thread of its own, a few batches ahead. */
  pipeline = rostra_import_pipeline_new (parser, cancellable);
  for (;;)
    {
      g_autoptr (RostraImportBatch) batch = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
          !rostra_import_pipeline_next (pipeline, &batch, error))
        return FALSE;
      if (batch == NULL)
        break;

      for (guint i = 0; i < batch->entries->len; i++)
        {
          RostraDumpEntry *entry = g_ptr_array_index (batch->entries, i);
          gint64           id;

          if (!add_entry (store, run, report, entry, &id, error) ||
              !_rostra_import_entry_done (run, store, report, entry->title, entry->source,
                                          entry->published, entry->language, entry->first_line, id,
                                          error))
            return FALSE;
          /* The entries a preview keeps get a speaker suggested, all together. */
          if (run->suggester != NULL && report->entries->len > report->n_entries)
            rostra_speaker_suggester_add (run->suggester, entry->title, entry->text);

          report->n_entries++;
          if (id > 0)
            report->n_new++;
          else
            report->n_duplicates++;
          if (!entry->complete)
            report->n_incomplete++;

          if (progress && report->n_entries % PROGRESS_EVERY == 0)
            progress (batch->bytes_read, report->n_entries, user_data);
        }
    }
  /* The parser is the caller's again once its thread has ended. */
  g_clear_pointer (&pipeline, rostra_import_pipeline_free);

  if (progress)
    progress (rostra_dump_parser_get_bytes_read (parser), report->n_entries, user_data);

  if (report->n_entries == 0)
    {
      if (g_strcmp0 (report->format, "plain-text") == 0)
        g_set_error_literal (error, ROSTRA_IMPORT_ERROR, ROSTRA_IMPORT_ERROR_NO_ENTRIES,
                             _("The file holds no text"));
      else
        g_set_error_literal (error, ROSTRA_IMPORT_ERROR, ROSTRA_IMPORT_ERROR_NO_ENTRIES,
                             _("No entry was recognised: an entry is a title line followed by a "
                               "date line such as “27-09-19 02:07:00,”"));
      return FALSE;
    }

  return TRUE;
}

/* The title of a plain-text speech whose first line is no title: the
 * file's name without its extension. */
static char *
fallback_title (const char *name)
{
  const char *dot = strrchr (name, '.');

  if (dot == NULL || dot == name)
    return g_strdup (name);
  return g_strndup (name, dot - name);
}

/* Fills in the suggestions for the entries a preview kept. */
static void
suggest_speakers (RostraSpeakerSuggester *suggester, RostraImportReport *report)
{
  g_autoptr (GPtrArray) suggestions = rostra_speaker_suggester_finish (suggester);

  for (guint i = 0; i < suggestions->len && i < report->entries->len; i++)
    {
      RostraSpeakerSuggestion *s = g_ptr_array_index (suggestions, i);
      RostraImportEntry       *entry = g_ptr_array_index (report->entries, i);

      if (s == NULL)
        continue;
      entry->suggested_speaker = g_strdup (s->name);
      entry->speaker_evidence = g_strdup (s->evidence);
    }
}

static gboolean
read_text_file (RostraStore             *store,
                RostraImportRun         *run,
                GInputStream            *stream,
                Format                   format,
                RostraImportReport      *report,
                RostraImportProgressFunc progress,
                gpointer                 user_data,
                GCancellable            *cancellable,
                GError                 **error)
{
  static const char *const md_suffixes[] = { ".md", ".markdown", NULL };
  g_autoptr (RostraDumpParser) parser = NULL;
  gboolean ok;

  if (format == FORMAT_PLAIN_TEXT)
    {
      g_autofree char *base = report->path ? g_path_get_basename (report->path) : NULL;
      g_autofree char *display = base ? g_filename_display_name (base) : NULL;
      g_autofree char *title = fallback_title (display ? display : report->name);

      report->format = "plain-text";
      parser =
          rostra_dump_parser_new_single (stream, title, has_suffix (report->path, md_suffixes));
    }
  else
    {
      report->format = "feed-dump";
      parser = rostra_dump_parser_new (stream);
    }

  ok = import_entries (store, run, parser, report, progress, user_data, cancellable, error);
  report_take_parser_state (report, parser);
  if (ok && run->suggester != NULL)
    suggest_speakers (run->suggester, report);
  return ok && (run->preview ||
                rostra_store_finish_import (store, report->import_id, report->size, report->sha256,
                                            report->encoding, report->n_new, report->n_duplicates,
                                            report->n_warnings, error));
}

static gboolean
import_stream (RostraStore             *store,
               RostraImportRun         *run,
               GInputStream            *stream,
               RostraImportReport      *report,
               RostraImportProgressFunc progress,
               gpointer                 user_data,
               GCancellable            *cancellable,
               GError                 **error)
{
  g_autoptr (GInputStream) buffered = g_buffered_input_stream_new_sized (stream, DETECT_SIZE);
  gboolean ok;
  Format   format;

  if (!detect_format (G_BUFFERED_INPUT_STREAM (buffered), report->path, &format, cancellable,
                      error))
    return FALSE;

  /* Previews of dumps only read; previews of backups import in a
   * transaction that is always rolled back, to count exactly. */
  if (run->preview && format != FORMAT_BACKUP)
    return read_text_file (store, run, buffered, format, report, progress, user_data, cancellable,
                           error);

  if (!rostra_store_begin (store, error))
    return FALSE;
  if (!run->preview)
    run->versions = rostra_version_index_new (store);

  if (format == FORMAT_BACKUP)
    ok = _rostra_import_backup (store, buffered, report, run, cancellable, error);
  else
    ok = read_text_file (store, run, buffered, format, report, progress, user_data, cancellable,
                         error);

  if (ok && (run->preview || (report->n_new == 0 && report->n_annotations_new == 0)))
    {
      /* A preview, or nothing new: leave no trace, not even an empty import. */
      rostra_store_rollback (store);
      report->import_id = 0;
    }
  else if (ok)
    ok = rostra_version_index_flush (run->versions, error) && rostra_store_commit (store, error);
  g_clear_pointer (&run->versions, rostra_version_index_free);

  if (ok && report->import_id != 0)
    rostra_store_checkpoint (store);
  else if (!ok)
    {
      rostra_store_rollback (store);
      report->import_id = 0;
      report->n_new = 0;
      report->n_annotations_new = 0;
    }
  return ok;
}

static gboolean
run_stream (RostraStore             *store,
            RostraImportRun         *run,
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
  gboolean ok;

  ok = import_stream (store, run, stream, r, progress, user_data, cancellable, error);
  if (report)
    *report = g_steal_pointer (&r);
  return ok;
}

/**
 * rostra_import_stream:
 * @store: the archive
 * @stream: the file's bytes
 * @name: the import's name, shown later as "imported from"
 * @path: (nullable): the file the bytes come from (its extension tells
 *   plain text from dumps)
 * @progress: (nullable) (scope call): called as the import goes on
 * @user_data: the closure for @progress
 * @cancellable: (nullable): cancels and rolls back the import
 * @report: (out) (transfer full) (optional): what was found, set even on failure
 * @error: return location for an error
 *
 * Imports one dump, one plain-text speech, or one JSON backup made by
 * `rostra --export json`, in one transaction: all of its new articles
 * and annotations or none.
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
  RostraImportRun run = { 0 };

  g_return_val_if_fail (ROSTRA_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  return run_stream (store, &run, stream, name, path, progress, user_data, cancellable, report,
                     error);
}

/* Opens @file after making sure it is a non-empty regular file. */
static GInputStream *
open_file (GFile *file, GCancellable *cancellable, GError **error)
{
  g_autoptr (GFileInfo) info = NULL;
  g_autoptr (GError) local_error = NULL;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  if (info == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_set_error_literal (error, ROSTRA_IMPORT_ERROR, ROSTRA_IMPORT_ERROR_NOT_FOUND,
                             _("There is no such file"));
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error_literal (error, ROSTRA_IMPORT_ERROR, ROSTRA_IMPORT_ERROR_NOT_A_FILE,
                           _("This is a folder, not a file; name the dump files inside it"));
      return NULL;
    }
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error_literal (error, ROSTRA_IMPORT_ERROR, ROSTRA_IMPORT_ERROR_NOT_A_FILE,
                           _("This is not a regular file"));
      return NULL;
    }
  if (g_file_info_get_size (info) == 0)
    {
      g_set_error_literal (error, ROSTRA_IMPORT_ERROR, ROSTRA_IMPORT_ERROR_EMPTY,
                           _("The file is empty"));
      return NULL;
    }

  return G_INPUT_STREAM (g_file_read (file, cancellable, error));
}

static gboolean
run_file (RostraStore             *store,
          RostraImportRun         *run,
          GFile                   *file,
          const char              *name,
          RostraImportProgressFunc progress,
          gpointer                 user_data,
          GCancellable            *cancellable,
          RostraImportReport     **report,
          GError                 **error)
{
  g_autoptr (GInputStream) stream = NULL;
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *display = g_filename_display_name (basename);

  if (name == NULL || *name == '\0')
    name = display;

  if (!(stream = open_file (file, cancellable, error)))
    {
      if (report)
        *report = report_new (name, path);
      return FALSE;
    }
  /* The sample archive is a resource: its URI names it. */
  if (path == NULL)
    path = g_file_get_uri (file);
  return run_stream (store, run, stream, name, path, progress, user_data, cancellable, report,
                     error);
}

/**
 * rostra_import_file_full:
 * @store: the archive
 * @file: a dump, a plain-text speech or a JSON backup
 * @options: (nullable): the import's name and tags
 * @progress: (nullable) (scope call): called as the import goes on
 * @user_data: the closure for @progress
 * @cancellable: (nullable): cancels and rolls back the import
 * @report: (out) (transfer full) (optional): what was found, set even on failure
 * @error: return location for an error
 *
 * Like rostra_import_stream(), after making sure @file is a non-empty
 * regular file; gives each new article @options' tags.
 */
gboolean
rostra_import_file_full (RostraStore               *store,
                         GFile                     *file,
                         const RostraImportOptions *options,
                         RostraImportProgressFunc   progress,
                         gpointer                   user_data,
                         GCancellable              *cancellable,
                         RostraImportReport       **report,
                         GError                   **error)
{
  RostraImportRun run = { 0 };

  g_return_val_if_fail (ROSTRA_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  run.tags = options ? options->tags : NULL;
  run.speaker = options ? options->speaker : NULL;
  run.entry_speakers = options ? options->entry_speakers : NULL;
  return run_file (store, &run, file, options ? options->name : NULL, progress, user_data,
                   cancellable, report, error);
}

/**
 * rostra_import_file:
 * @store: the archive
 * @file: a dump, a plain-text speech or a JSON backup
 * @name: (nullable): the import's name; the file's name when %NULL
 * @progress: (nullable) (scope call): called as the import goes on
 * @user_data: the closure for @progress
 * @cancellable: (nullable): cancels and rolls back the import
 * @report: (out) (transfer full) (optional): what was found, set even on failure
 * @error: return location for an error
 *
 * rostra_import_file_full() without tags.
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
  RostraImportOptions options = { name, NULL };

  return rostra_import_file_full (store, file, &options, progress, user_data, cancellable, report,
                                  error);
}

/**
 * rostra_import_preview_file:
 * @store: the archive the file would go into
 * @file: a dump, a plain-text speech or a JSON backup
 * @max_entries: how many entries to list in the report
 * @progress: (nullable) (scope call): called as the file is read
 * @user_data: the closure for @progress
 * @cancellable: (nullable): stops reading
 * @report: (out) (transfer full) (optional): what an import would do,
 *   set even on failure
 * @error: return location for the error an import would meet
 *
 * Reads @file as rostra_import_file() would and counts what it would
 * add, without changing the archive: the format, encoding, entries,
 * how many the archive already holds, every warning, and the first
 * @max_entries entries. Dumps are only read (the archive stays
 * writable meanwhile); a backup is imported in a transaction that is
 * rolled back.
 *
 * Returns: %TRUE when an import would succeed
 */
gboolean
rostra_import_preview_file (RostraStore             *store,
                            GFile                   *file,
                            guint                    max_entries,
                            RostraImportProgressFunc progress,
                            gpointer                 user_data,
                            GCancellable            *cancellable,
                            RostraImportReport     **report,
                            GError                 **error)
{
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (RostraSpeakerSuggester) suggester = NULL;
  RostraImportRun run = { 0 };

  g_return_val_if_fail (ROSTRA_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (!(suggester = rostra_store_new_speaker_suggester (store, error)))
    return FALSE;
  run.preview = TRUE;
  run.max_entries = max_entries;
  run.seen = seen;
  run.suggester = suggester;
  return run_file (store, &run, file, NULL, progress, user_data, cancellable, report, error);
}
