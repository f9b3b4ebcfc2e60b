/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-text-match.c: search terms found in an article's text, as the
 * reader marks them: case and diacritics folded, in a copy of the text
 * with a map back to the character offsets of the original. */

#include "config.h"

#include <string.h>

#include "rostra-text-match.h"

/* Appends @c case folded and decomposed, without its combining marks,
 * so that “Genève” and “GENEVE” both give “geneve”. */
static void
append_folded_char (GString *folded, gunichar c)
{
  char             utf8[6];
  g_autofree char *casefolded = NULL;
  g_autofree char *decomposed = NULL;

  if (c < 0x80)
    {
      g_string_append_c (folded, g_ascii_tolower ((char) c));
      return;
    }

  casefolded = g_utf8_casefold (utf8, g_unichar_to_utf8 (c, utf8));
  decomposed = g_utf8_normalize (casefolded, -1, G_NORMALIZE_NFD);
  if (decomposed == NULL)
    return;

  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar d = g_utf8_get_char (p);

      if (g_unichar_ismark (d) || g_unichar_combining_class (d) != 0)
        continue;
      g_string_append_unichar (folded, d);
    }
}

/**
 * rostra_text_fold_mapped:
 * @text: UTF-8 text
 * @map: (element-type int) (nullable): gets, for each byte of the result,
 *   the character offset in @text it comes from
 * @n_chars: (out) (optional): the length of @text in characters
 *
 * Returns: (transfer full): @text case folded, without its diacritics
 */
char *
rostra_text_fold_mapped (const char *text, GArray *map, int *n_chars)
{
  GString *folded = g_string_sized_new (strlen (text) + 1);
  int      offset = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p), offset++)
    {
      gsize before = folded->len;

      append_folded_char (folded, g_utf8_get_char (p));
      for (gsize i = before; map != NULL && i < folded->len; i++)
        g_array_append_val (map, offset);
    }

  if (n_chars != NULL)
    *n_chars = offset;
  return g_string_free (folded, FALSE);
}

static int
compare_spans (gconstpointer a, gconstpointer b)
{
  const RostraTextSpan *match_a = a;
  const RostraTextSpan *match_b = b;

  if (match_a->start != match_b->start)
    return match_a->start < match_b->start ? -1 : 1;
  if (match_a->end != match_b->end)
    return match_a->end < match_b->end ? -1 : 1;
  return 0;
}

/**
 * rostra_text_find_terms:
 * @text: an article's text
 * @terms: (nullable) (array zero-terminated=1): search terms, as the
 *   search splits what was typed
 *
 * Finds every occurrence of every term in @text, case and diacritics
 * ignored (“GENEVE” finds “Genève”); a term that starts with a letter
 * or digit matches only where a word starts, as the search does.
 *
 * Returns: (transfer full) (element-type RostraTextSpan): the
 *   occurrences in character offsets of @text, sorted, without duplicates
 */
GArray *
rostra_text_find_terms (const char *text, const char *const *terms)
{
  g_autoptr (GArray) map = NULL;
  g_autofree char *folded = NULL;
  GArray          *matches = g_array_new (FALSE, FALSE, sizeof (RostraTextSpan));
  int              n_chars = 0;
  guint            n_unique = 0;

  g_return_val_if_fail (text != NULL, matches);
  if (terms == NULL || terms[0] == NULL)
    return matches;

  map = g_array_new (FALSE, FALSE, sizeof (int));
  folded = rostra_text_fold_mapped (text, map, &n_chars);

  for (guint i = 0; terms[i] != NULL; i++)
    {
      g_autofree char *term = g_strstrip (rostra_text_fold_mapped (terms[i], NULL, NULL));
      gsize            len = strlen (term);

      if (len == 0)
        continue;

      /* The folded text and term are valid UTF-8, so a match starts and
       * ends on character boundaries. */
      gboolean word_term = g_unichar_isalnum (g_utf8_get_char (term));

      for (const char *p = folded; (p = strstr (p, term)) != NULL; p = g_utf8_next_char (p))
        {
          gsize          first = p - folded;
          gsize          after = first + len;
          int            last = g_array_index (map, int, after - 1);
          RostraTextSpan match;

          /* Words match where they start, as the search finds them:
           * “haven” is in “haven” and “havens”, not in “Korvenhaven”. */
          if (word_term && p > folded && g_unichar_isalnum (g_utf8_get_char (g_utf8_prev_char (p))))
            continue;

          match.start = g_array_index (map, int, first);
          /* Up to the next character that folds to something, so that
           * combining marks after the last letter are part of the match;
           * but never past a character the match ends inside of, such
           * as “ß” for “s”. */
          if (after == map->len)
            match.end = n_chars;
          else if (g_array_index (map, int, after) == last)
            match.end = last + 1;
          else
            match.end = g_array_index (map, int, after);

          g_array_append_val (matches, match);
        }
    }

  g_array_sort (matches, compare_spans);
  for (guint i = 0; i < matches->len; i++)
    {
      RostraTextSpan *match = &g_array_index (matches, RostraTextSpan, i);

      if (n_unique > 0 &&
          compare_spans (match, &g_array_index (matches, RostraTextSpan, n_unique - 1)) == 0)
        continue;
      g_array_index (matches, RostraTextSpan, n_unique++) = *match;
    }
  g_array_set_size (matches, n_unique);
  return matches;
}
