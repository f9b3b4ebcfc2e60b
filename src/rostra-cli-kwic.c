/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-cli-kwic.c: `rostra --kwic`, the concordance on the command line; no GTK here.
 *
 * `rostra --kwic QUERY [--context N] [--limit N] [--json] [--speaker
 * NAME] [--since DATE] [--until DATE] [--forms]`: every occurrence of
 * QUERY, newest speech first, then by position; one aligned line each,
 * or a JSON array. docs/cli.md is the contract.
 */

#include "config.h"

#include <gio/gunixoutputstream.h>
#include <glib/gi18n.h>
#include <string.h>
#include <unistd.h>

#include "rostra-cli-kwic.h"
#include "rostra-cli.h"
#include "rostra-kwic.h"

/* Lines read at a time */
#define KWIC_PAGE 256

typedef struct
{
  GOutputStream *out;
  gboolean       json;
  guint          context;
  guint          n;
} Printer;

static gboolean
print_line (Printer *printer, const RostraKwicLine *line, GError **error)
{
  g_autofree char *text = NULL;

  if (printer->json)
    {
      g_autoptr (JsonNode) node = rostra_kwic_line_to_json (line);
      g_autofree char *object = json_to_string (node, FALSE);

      text = g_strconcat (printer->n > 0 ? ",\n" : "\n", object, NULL);
    }
  else
    {
      g_autofree char *formatted = rostra_kwic_line_format (line, printer->context);
      g_autofree char *valid = g_utf8_make_valid (formatted, -1);
      GString         *clean = g_string_new (NULL);

      /* No control character reaches the terminal (see docs/cli.md) */
      for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
        {
          if (g_unichar_iscntrl (g_utf8_get_char (p)))
            g_string_append_unichar (clean, 0xFFFD);
          else
            g_string_append_len (clean, p, g_utf8_next_char (p) - p);
        }
      g_string_append_c (clean, '\n');
      text = g_string_free (clean, FALSE);
    }
  printer->n++;
  return g_output_stream_write_all (printer->out, text, strlen (text), NULL, NULL, error);
}

static int
usage (const char *message)
{
  g_printerr ("rostra: %s\n", message);
  g_printerr (_("Run “rostra --help” to see the options.\n"));
  return ROSTRA_EXIT_USAGE;
}

static const GOptionEntry entries[] = {
  { "kwic", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Show every occurrence of a word, prefix* or phrase in context, newest first"),
        N_("QUERY") },
    { "context", 0, 0, G_OPTION_ARG_INT, NULL,
      N_("With --kwic: N characters of context on each side (default: 40)"), N_("N") },
      { "since", 0, 0, G_OPTION_ARG_STRING, NULL,
        N_("With --kwic: only speeches of DATE (YYYY, YYYY-MM or YYYY-MM-DD) or later"),
            N_("DATE") },
        { "until", 0, 0, G_OPTION_ARG_STRING, NULL,
          N_("With --kwic: only speeches of DATE (YYYY, YYYY-MM or YYYY-MM-DD) or earlier"),
              N_("DATE") },
          { "forms", 0, 0, G_OPTION_ARG_NONE, NULL,
            N_("With --kwic: match the words’ inflected forms too"), NULL },
            { NULL },
         };

/**
 * rostra_cli_kwic_option_entries:
 *
 * Returns: (transfer none): the options of `--kwic`, for the
 *   application's option table
 */
const GOptionEntry *
rostra_cli_kwic_option_entries (void)
{
  return entries;
}

/**
 * rostra_cli_kwic_options_used:
 *
 * Returns: whether any option that goes only with --kwic was given
 */
gboolean
rostra_cli_kwic_options_used (GVariantDict *options)
{
  const char *names[] = { "context", "since", "until", "forms" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_variant_dict_contains (options, names[i]))
      return TRUE;
  return FALSE;
}

/**
 * rostra_cli_kwic:
 * @text: the query, as typed in the concordance
 * @options: the command line's options (--context, --limit, --json,
 *   --speaker, --since, --until, --forms)
 *
 * Prints every occurrence of @text, newest speech first, then by
 * position: an aligned line each, or with --json an array of
 * `{article, title, speaker, published, start, end, left, match, right}`.
 *
 * Returns: 0 (also when nothing matches); 2 when an option is wrong or
 *   --speaker is given (the archive does not know speakers yet); 3 when
 *   the archive could not be read
 */
int
rostra_cli_kwic (const char *database, const char *text, GVariantDict *options)
{
  g_autoptr (RostraKwicQuery) query = rostra_kwic_query_new (text);
  g_autoptr (RostraStore) store = NULL;
  g_autoptr (RostraKwicResult) result = NULL;
  g_autoptr (GOutputStream) out = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *default_path = NULL;
  Printer          printer = { NULL, FALSE, 0, 0 };
  int              context = ROSTRA_KWIC_DEFAULT_CONTEXT, limit = 0;

  g_variant_dict_lookup (options, "context", "i", &context);
  g_variant_dict_lookup (options, "limit", "i", &limit);
  g_variant_dict_lookup (options, "json", "b", &printer.json);
  g_variant_dict_lookup (options, "forms", "b", &query->forms);
  g_variant_dict_lookup (options, "speaker", "s", &query->speaker);
  g_variant_dict_lookup (options, "since", "s", &query->since);
  g_variant_dict_lookup (options, "until", "s", &query->until);

  if (context < 0)
    return usage (_("--context needs a number of characters of at least 0"));
  if (limit < 0)
    return usage (_("--limit needs a number of results of at least 0 (0 for all)"));
  if (!rostra_kwic_query_check_dates (query, &error))
    return usage (error->message);
  query->context = context;
  printer.context = context;

  if (database == NULL)
    database = default_path = rostra_store_default_path ();
  if (!(store = rostra_store_open (database, &error)))
    {
      g_printerr ("rostra: %s\n", error->message);
      return ROSTRA_EXIT_ARCHIVE;
    }
  if (!(result = rostra_store_kwic (store, query, limit > 0 ? (guint) limit : KWIC_PAGE, limit == 0,
                                    NULL, &error)))
    goto failed;

  out = g_unix_output_stream_new (STDOUT_FILENO, FALSE);
  printer.out = out;
  if (printer.json && !g_output_stream_write_all (out, "[", 1, NULL, NULL, &error))
    goto failed;
  for (guint start = 0; start < result->hits->len; start += KWIC_PAGE)
    {
      guint n = MIN (KWIC_PAGE, result->hits->len - start);
      g_autoptr (GPtrArray) lines = NULL;

      if (limit > 0 && start >= (guint) limit)
        break;
      if (limit > 0)
        n = MIN (n, (guint) limit - start);
      /* The first page's lines came with the hits */
      lines =
          start == 0
              ? g_ptr_array_ref (result->lines)
              : rostra_store_kwic_lines (store, &g_array_index (result->hits, RostraKwicHit, start),
                                         n, query->context, NULL, &error);
      if (lines == NULL)
        goto failed;
      for (guint i = 0; i < MIN (n, lines->len); i++)
        if (!print_line (&printer, g_ptr_array_index (lines, i), &error))
          goto failed;
    }
  if (printer.json && !g_output_stream_write_all (out, printer.n > 0 ? "\n]\n" : "]\n",
                                                  printer.n > 0 ? 3 : 2, NULL, NULL, &error))
    goto failed;
  if (printer.n == 0 && !printer.json)
    g_printerr (_("rostra: nothing matches “%s”\n"), text);
  return ROSTRA_EXIT_OK;

failed:
  g_printerr ("rostra: %s\n", error->message);
  return error->domain == G_IO_ERROR ? ROSTRA_EXIT_INPUT_FAILED : ROSTRA_EXIT_ARCHIVE;
}
