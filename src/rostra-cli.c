/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-cli.c: the headless command line; no GTK on these paths.
 *
 * Results go to stdout, one line per file or article; problems go to
 * stderr as `FILE:LINE: message`, the way compilers report them.
 */

#include "config.h"

#include <gio/gunixoutputstream.h>
#include <glib/gi18n.h>
#include <unistd.h>

#include "rostra-archive-backup.h"
#include "rostra-cli-private.h"
#include "rostra-cli.h"
#include "rostra-exporter.h"
#include "rostra-importer.h"
#include "rostra-store.h"
#include "rostra-text.h"

/* Text for the terminal: valid UTF-8 without control characters. A
 * dump's title or a file name may hold escape sequences, which must not
 * reach the terminal, or a newline, which must not split a line that
 * scripts read; each shows as U+FFFD. */
static char *
terminal_text (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  GString         *out = g_string_sized_new (strlen (valid));

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (g_unichar_iscntrl (g_utf8_get_char (p)))
        g_string_append_unichar (out, 0xFFFD);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }
  return g_string_free (out, FALSE);
}

/* Prints one line (the format ends in a newline) to stdout or stderr,
 * every argument made safe for the terminal. */
void
_rostra_cli_say (gboolean to_stderr, const char *format, ...)
{
  g_autofree char *line = NULL;
  g_autofree char *clean = NULL;
  gsize            len;
  va_list          args;

  va_start (args, format);
  line = g_strdup_vprintf (format, args);
  va_end (args);

  len = strlen (line);
  if (len > 0 && line[len - 1] == '\n')
    line[len - 1] = '\0';
  clean = terminal_text (line);
  if (to_stderr)
    g_printerr ("%s\n", clean);
  else
    g_print ("%s\n", clean);
}

#define say_out(...) _rostra_cli_say (FALSE, __VA_ARGS__)
#define say_err(...) _rostra_cli_say (TRUE, __VA_ARGS__)
#define open_store   _rostra_cli_open_store

RostraStore *
_rostra_cli_open_store (const char *database)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *default_path = NULL;
  RostraStore     *store;

  if (database == NULL)
    database = default_path = rostra_store_default_path ();

  store = rostra_store_open (database, &error);
  if (store == NULL)
    say_err ("rostra: %s\n", error->message);
  return store;
}

static void
print_warnings (const RostraImportReport *report)
{
  const char *name = report->path ? report->path : report->name;
  guint       kept = report->warnings->len;

  for (guint i = 0; i < kept; i++)
    {
      const RostraParseWarning *w = &g_array_index (report->warnings, RostraParseWarning, i);

      /* TRANSLATORS: FILE:LINE: warning: MESSAGE, as a compiler prints it */
      say_err (_("%s:%u: warning: %s\n"), name, w->line, w->message);
    }

  if (report->n_warnings > kept)
    say_err (ngettext ("%s: %u more warning not shown\n", "%s: %u more warnings not shown\n",
                       report->n_warnings - kept),
             name, report->n_warnings - kept);
}

static void
print_summary (const RostraImportReport *report)
{
  g_autofree char *new_part = g_strdup_printf (
      ngettext ("%u new article", "%u new articles", report->n_new), report->n_new);
  g_autofree char *dup_part = g_strdup_printf (
      ngettext ("%u duplicate", "%u duplicates", report->n_duplicates), report->n_duplicates);
  g_autofree char *warn_part = g_strdup_printf (
      ngettext ("%u warning", "%u warnings", report->n_warnings), report->n_warnings);

  /* TRANSLATORS: FILE: N new articles, N duplicates, N warnings (ENCODING) */
  say_out (_("%s: %s, %s, %s (%s)\n"), report->path ? report->path : report->name, new_part,
              dup_part, warn_part, report->encoding ? report->encoding : "?");

  if (g_strcmp0 (report->format, "plain-text") == 0)
    /* TRANSLATORS: FILE: read as …; the file held no dump entries */
    say_out (_("%s: read as one speech in plain text\n"),
                report->path ? report->path : report->name);

  if (g_strcmp0 (report->format, "rostra-json") == 0)
    {
      g_autofree char *notes = g_strdup_printf (
          ngettext ("%u new annotation", "%u new annotations", report->n_annotations_new),
          report->n_annotations_new);

      /* TRANSLATORS: FILE: N new annotations (N already there, N repaired, N orphaned) */
      say_out (_("%s: %s (%u already there, %u repaired, %u orphaned)\n"),
                  report->path ? report->path : report->name, notes,
                  report->n_annotations_duplicates, report->n_annotations_repaired,
                  report->n_annotations_orphaned);
    }
}

/**
 * rostra_cli_import:
 * @database: (nullable): the archive, or the default one
 * @files: the files to import, each in its own transaction
 * @speaker: (nullable): the speaker of every new speech (`--speaker`)
 *
 * Returns: 0 when every file was read, 1 when any could not be (those
 *   change nothing), 3 when the archive could not be opened or written
 */
int
rostra_cli_import (const char *database, const char *const *files, const char *speaker)
{
  RostraImportOptions options = { .speaker = speaker };
  g_autoptr (RostraStore) store = open_store (database);
  int status = ROSTRA_EXIT_OK;

  if (store == NULL)
    return ROSTRA_EXIT_ARCHIVE;

  for (guint i = 0; files[i] != NULL; i++)
    {
      g_autoptr (GFile) file = g_file_new_for_commandline_arg (files[i]);
      g_autoptr (RostraImportReport) report = NULL;
      g_autoptr (GError) error = NULL;
      gboolean ok;

      /* An archive made by --backup or "Back Up Archive…" is merged. */
      if (rostra_archive_detect_source (file, NULL, NULL) == ROSTRA_BACKUP_SOURCE_ARCHIVE)
        ok = rostra_archive_restore_merge (store, file, &report, NULL, &error);
      else
        ok = rostra_import_file_full (store, file, &options, NULL, NULL, NULL, &report, &error);
      if (report != NULL)
        print_warnings (report);

      if (ok && report != NULL)
        print_summary (report);
      else if (ok)
        continue;
      else if (error->domain == ROSTRA_STORE_ERROR)
        {
          say_err ("rostra: %s: %s\n", files[i], error->message);
          return ROSTRA_EXIT_ARCHIVE;
        }
      else
        {
          /* TRANSLATORS: FILE: REASON; nothing was imported from it */
          say_err (_("rostra: %s: %s; nothing was imported from it\n"), files[i], error->message);
          status = ROSTRA_EXIT_INPUT_FAILED;
        }
    }

  return status;
}

#define stdout_stream _rostra_cli_stdout_stream

GOutputStream *
_rostra_cli_stdout_stream (void)
{
  return g_unix_output_stream_new (STDOUT_FILENO, FALSE);
}

#define print_article_row _rostra_cli_print_article_row

gboolean
_rostra_cli_print_article_row (RostraArticle *article, gpointer user_data, GError **error)
{
  const char      *published = rostra_article_get_published (article);
  const char      *language = rostra_article_get_language (article);
  const char      *source = rostra_article_get_source (article);
  g_autofree char *date = published ? g_strndup (published, 10) : g_strdup ("----------");

  say_out ("%6" G_GINT64_FORMAT "  %s  %-2s  %s%s%s\n", rostra_article_get_id (article), date,
           language ? language : "--", rostra_article_get_title (article), source ? " | " : "",
           source ? source : "");
  return TRUE;
}

/**
 * rostra_cli_list:
 * @json: write a JSON array instead of one line per article
 *
 * Returns: 0, or 3 when the archive could not be read
 */
int
rostra_cli_list (const char *database, gboolean json)
{
  g_autoptr (RostraStore) store = _rostra_cli_open_store (database);
  g_autoptr (GOutputStream) out = NULL;
  g_autoptr (GError) error = NULL;
  gboolean ok;

  if (store == NULL)
    return ROSTRA_EXIT_ARCHIVE;

  if (json)
    {
      out = stdout_stream ();
      ok = rostra_export_article_list (store, out, NULL, &error);
    }
  else
    ok = rostra_store_foreach_article (store, FALSE, print_article_row, NULL, &error);

  if (!ok)
    {
      say_err ("rostra: %s\n", error->message);
      return ROSTRA_EXIT_ARCHIVE;
    }
  return ROSTRA_EXIT_OK;
}

/**
 * rostra_cli_export:
 * @format: `json`, `markdown`, `html`, `csv` or `w3c`
 * @tag: (nullable): only the annotations that carry this tag
 * @article_id: only this article's annotations; 0 for every article
 * @output: (nullable): the file to write (atomically; `-` or %NULL for
 *   standard output)
 *
 * Writes the archive's annotations in @format. The application has
 * already refused @tag and @article_id together.
 *
 * Returns: 0; 1 when the article or tag is not in the archive, or the
 *   output file could not be written; 2 for an unknown format; 3 when
 *   the archive could not be read
 */
int
rostra_cli_export (const char *database,
                   const char *format,
                   const char *tag,
                   gint64      article_id,
                   const char *output)
{
  g_autoptr (RostraStore) store = NULL;
  g_autoptr (RostraExportScope) scope = NULL;
  g_autoptr (GOutputStream) out = NULL;
  g_autoptr (GError) error = NULL;
  RostraExportFormat export_format;
  gboolean           ok;

  if (!rostra_export_format_from_string (format, &export_format))
    {
      g_autofree char *formats = rostra_export_format_list ();

      say_err (_("rostra: unknown export format “%s”; the formats are: %s\n"), format, formats);
      return ROSTRA_EXIT_USAGE;
    }

  if (tag != NULL)
    scope = rostra_export_scope_new_tag (tag);
  else if (article_id != 0)
    scope = rostra_export_scope_new_article (article_id);

  if (!(store = _rostra_cli_open_store (database)))
    return ROSTRA_EXIT_ARCHIVE;

  if (output != NULL && !g_str_equal (output, "-"))
    {
      g_autoptr (GFile) file = g_file_new_for_commandline_arg (output);

      ok = rostra_export_to_file (store, export_format, scope, file, NULL, NULL, &error);
    }
  else
    {
      out = stdout_stream ();
      ok = rostra_export_annotations (store, export_format, scope, out, NULL, NULL, &error);
    }

  if (ok)
    return ROSTRA_EXIT_OK;

  if (g_error_matches (error, ROSTRA_STORE_ERROR, ROSTRA_STORE_ERROR_NOT_FOUND))
    {
      say_err ("rostra: %s\n", error->message);
      return ROSTRA_EXIT_INPUT_FAILED;
    }
  if (error->domain == ROSTRA_STORE_ERROR)
    {
      say_err ("rostra: %s\n", error->message);
      return ROSTRA_EXIT_ARCHIVE;
    }

  /* The output could not be written. */
  if (output != NULL && !g_str_equal (output, "-"))
    /* TRANSLATORS: FILE: REASON, when the file of --output cannot be written */
    say_err (_("rostra: %s: %s; nothing was written\n"), output, error->message);
  else
    say_err ("rostra: %s\n", error->message);
  return ROSTRA_EXIT_INPUT_FAILED;
}

#define SEARCH_PAGE 256

static void
print_search_row (RostraArticle *article, gboolean tty)
{
  print_article_row (article, NULL, NULL);
  if (rostra_article_get_snippet (article))
    {
      /* On one line, made safe before the bold escapes go in. */
      g_autofree char *flat =
          g_strdelimit (g_strdup (rostra_article_get_snippet (article)), "\n\r\t", ' ');
      g_autofree char *safe = terminal_text (flat);
      g_autofree char *snippet =
          rostra_text_snippet_format (safe, tty ? "\033[1m" : "**", tty ? "\033[0m" : "**", FALSE);

      g_print ("        %s\n", snippet);
    }
}

/**
 * rostra_cli_search:
 * @text: what to search, as typed in the window's search entry
 * @speaker: (nullable): only this speaker's speeches (name or alias)
 * @json: write a JSON array instead of lines
 * @offset: how many of the best matches to skip
 * @limit: the most matches to print; 0 for all
 *
 * Prints the articles that match @text, best first, each with a
 * snippet around the matches: the same ranking and snippets as the
 * window's list, from @offset on.
 *
 * Returns: 0, or 3 when the archive could not be read
 */
int
rostra_cli_search (const char *database,
                   const char *text,
                   const char *speaker,
                   gboolean    json,
                   guint       offset,
                   guint       limit)
{
  g_autoptr (RostraStore) store = _rostra_cli_open_store (database);
  g_autoptr (RostraQuery) query = rostra_query_new ();
  g_autoptr (GOutputStream) out = NULL;
  g_autoptr (GArray) ids = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *fts = NULL;
  gboolean         tty = isatty (STDOUT_FILENO);

  if (store == NULL)
    return ROSTRA_EXIT_ARCHIVE;

  query->text = g_strdup (text);
  query->speaker = g_strdup (speaker);
  query->sort = ROSTRA_SORT_RELEVANCE;

  if (json)
    {
      out = stdout_stream ();
      if (!rostra_export_search (store, query, offset, limit, out, NULL, &error))
        goto failed;
      return ROSTRA_EXIT_OK;
    }

  fts = rostra_query_dup_fts (query);
  if (!(ids = rostra_store_query_range (store, query, offset, limit, NULL, &error)))
    goto failed;

  /* A page of rows at a time: their snippets come in one pass. */
  for (guint start = 0; start < ids->len; start += SEARCH_PAGE)
    {
      g_autoptr (GPtrArray) rows =
          rostra_store_load_rows (store, &g_array_index (ids, gint64, start),
                                  MIN (SEARCH_PAGE, ids->len - start), fts, NULL, &error);

      if (rows == NULL)
        goto failed;
      for (guint i = 0; i < rows->len; i++)
        print_search_row (g_ptr_array_index (rows, i), tty);
    }

  if (ids->len == 0)
    say_err (_("rostra: nothing matches “%s”\n"), text);
  return ROSTRA_EXIT_OK;

failed:
  say_err ("rostra: %s\n", error->message);
  return ROSTRA_EXIT_ARCHIVE;
}

/**
 * rostra_cli_backup:
 * @destination: the copy to make (replaced atomically when it exists)
 *
 * Copies the archive with SQLite's online backup API: one consistent
 * state of it, even while the window or an import writes to it.
 *
 * Returns: 0; 2 when @destination is the archive itself; 3 when the
 *   archive could not be read or the copy not written
 */
int
rostra_cli_backup (const char *database, const char *destination)
{
  g_autoptr (RostraStore) store = _rostra_cli_open_store (database);
  g_autoptr (GFile) file = g_file_new_for_commandline_arg (destination);
  g_autoptr (GError) error = NULL;

  if (store == NULL)
    return ROSTRA_EXIT_ARCHIVE;

  if (!rostra_archive_backup (store, file, NULL, NULL, NULL, &error))
    {
      say_err ("rostra: %s: %s\n", destination, error->message);
      return g_error_matches (error, ROSTRA_BACKUP_ERROR, ROSTRA_BACKUP_ERROR_SAME_FILE)
                 ? ROSTRA_EXIT_USAGE
                 : ROSTRA_EXIT_ARCHIVE;
    }

  /* TRANSLATORS: %s is the file the archive was copied to */
  say_out (_("Backed up the archive to %s\n"), destination);
  return ROSTRA_EXIT_OK;
}
