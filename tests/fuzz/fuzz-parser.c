/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-parser.c: libFuzzer target: any bytes through the dump parser,
 * as a dump and as a plain-text speech. Never crashes, every entry is
 * valid UTF-8, warnings name a line that exists. */

#include "config.h"

#include "rostra-dump-parser.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static void
parse (const guint8 *data, size_t size, gboolean single)
{
  g_autoptr (GInputStream) in = g_memory_input_stream_new_from_data (data, size, NULL);
  g_autoptr (RostraDumpParser) parser =
      single ? rostra_dump_parser_new_single (in, "fallback", size % 2)
             : rostra_dump_parser_new (in);
  const RostraParseWarning *w;

  for (;;)
    {
      g_autoptr (RostraDumpEntry) entry = NULL;

      if (!rostra_dump_parser_next (parser, &entry, NULL, NULL) || entry == NULL)
        break;
      g_assert (g_utf8_validate (entry->title, -1, NULL));
      g_assert (g_utf8_validate (entry->text, -1, NULL));
      g_assert (entry->first_line <= entry->last_line);
    }
  for (guint i = 0; (w = rostra_dump_parser_get_warning (parser, i)); i++)
    {
      g_assert (w->line >= 1 && w->line <= rostra_dump_parser_get_line (parser) + 1);
      g_assert (g_utf8_validate (w->message, -1, NULL));
    }
}

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  parse (data, size, FALSE);
  parse (data, size, TRUE);
  return 0;
}
