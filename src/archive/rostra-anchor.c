/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-anchor.c: finds an annotated passage again when its text changes.
 *
 * An annotation holds a position (character offsets, as GtkTextIter
 * counts them) and a quote selector (the exact passage with up to
 * ROSTRA_ANCHOR_CONTEXT characters of prefix and suffix), as in the W3C
 * Web Annotation model. When the text is edited or imported again the
 * position may be stale: resolving checks it against the quote and, if
 * it no longer holds, looks for the quote elsewhere, using the prefix
 * and suffix to choose between repeated passages.
 *
 * All the walks below count characters as the bytes that are not UTF-8
 * continuation bytes (10xxxxxx). On valid UTF-8 that is exactly the
 * character count, and on invalid input it never reads past the end of
 * the string. Whole 8-byte words are counted at a time where possible,
 * so a walk over a 1 MB text costs well under a millisecond; each call
 * makes at most a couple of such walks and never converts an offset
 * from the start of the text more than once.
 */

#include "config.h"

#include <string.h>

#include "rostra-anchor.h"

#define IS_CONTINUATION(c) ((((guchar) (c)) & 0xC0) == 0x80)

#define HIGH_BITS G_GUINT64_CONSTANT (0x8080808080808080)
#define LOW_BITS  G_GUINT64_CONSTANT (0x0101010101010101)

/* The number of continuation bytes among the 8 bytes of word: those with
 * bit 7 set and bit 6 clear. Byte order does not matter for a count. */
static inline guint
count_continuations (guint64 word)
{
  guint64 marks = word & ~(word << 1) & HIGH_BITS;

  return (guint) (((marks >> 7) * LOW_BITS) >> 56);
}

static inline guint64
load_word (const char *p)
{
  guint64 word;

  memcpy (&word, p, sizeof word);
  return word;
}

/* The number of characters that start in [p, end). */
static gsize
count_chars (const char *p, const char *end)
{
  gsize n = 0;

  for (; end - p >= 8; p += 8)
    n += 8 - count_continuations (load_word (p));
  for (; p < end; p++)
    n += !IS_CONTINUATION (*p);

  return n;
}

/* Steps n characters forward from p, which starts a character, without
 * going past end. Returns where the character n places on starts (end if
 * the text is shorter); *skipped, if given, gets how many were stepped. */
static const char *
skip_chars (const char *p, const char *end, gsize n, gsize *skipped)
{
  gsize left = n;

  /* Whole words, as long as they hold fewer characters than are left:
   * the target character then starts after the word. */
  while (end - p >= 8)
    {
      guint starts = 8 - count_continuations (load_word (p));

      if (starts >= left)
        break;
      left -= starts;
      p += 8;
    }

  for (; p < end; p++)
    {
      if (IS_CONTINUATION (*p))
        continue;
      if (left == 0)
        break;
      left--;
    }

  if (skipped != NULL)
    *skipped = n - left;

  return p;
}

/* Steps up to n characters back from p, without going before start. */
static const char *
skip_chars_back (const char *start, const char *p, gsize n)
{
  while (n > 0 && p > start)
    {
      p--;
      while (p > start && IS_CONTINUATION (*p))
        p--;
      n--;
    }

  return p;
}

/* How many whole characters at the end of prefix (prefix_len bytes) are
 * also just before pos in text, compared backwards from pos. */
static gsize
score_prefix (const char *text, const char *pos, const char *prefix, gsize prefix_len)
{
  gsize room = (gsize) (pos - text);
  gsize matched = 0;

  while (matched < prefix_len && matched < room &&
         prefix[prefix_len - 1 - matched] == pos[-1 - (gssize) matched])
    matched++;

  /* Going backwards, a character's lead byte comes after its
   * continuation bytes, so every lead byte matched is a whole character. */
  return count_chars (prefix + prefix_len - matched, prefix + prefix_len);
}

/* How many whole characters at the start of suffix (suffix_len bytes)
 * are also just after pos in text, which ends with a NUL. */
static gsize
score_suffix (const char *pos, const char *suffix, gsize suffix_len)
{
  gsize matched = 0;
  gsize chars;

  /* The NUL at the end of text never equals a byte of suffix. */
  while (matched < suffix_len && suffix[matched] == pos[matched])
    matched++;

  chars = count_chars (suffix, suffix + matched);

  /* Do not count a character of which only the first bytes matched. */
  if (matched < suffix_len && IS_CONTINUATION (suffix[matched]) && chars > 0)
    chars--;

  return chars;
}

void
rostra_anchor_describe (const char *text,
                        guint       start,
                        guint       end,
                        char      **exact,
                        char      **prefix,
                        char      **suffix)
{
  const char *text_end;
  const char *exact_start;
  const char *exact_end;
  gsize       start_chars;

  if (text == NULL)
    text = "";

  text_end = text + strlen (text);

  /* Clamped to the text: a start past its end becomes its end, and an
   * end before start gives an empty passage. */
  exact_start = skip_chars (text, text_end, start, &start_chars);
  if (end > start_chars)
    exact_end = skip_chars (exact_start, text_end, end - start_chars, NULL);
  else
    exact_end = exact_start;

  if (exact != NULL)
    *exact = g_strndup (exact_start, (gsize) (exact_end - exact_start));

  if (prefix != NULL)
    {
      const char *prefix_start = skip_chars_back (text, exact_start, ROSTRA_ANCHOR_CONTEXT);

      *prefix = g_strndup (prefix_start, (gsize) (exact_start - prefix_start));
    }

  if (suffix != NULL)
    {
      const char *suffix_end = skip_chars (exact_end, text_end, ROSTRA_ANCHOR_CONTEXT, NULL);

      *suffix = g_strndup (exact_end, (gsize) (suffix_end - exact_end));
    }
}

RostraAnchorResult
rostra_anchor_resolve (const char *text,
                       const char *exact,
                       const char *prefix,
                       const char *suffix,
                       guint      *start,
                       guint      *end)
{
  const char *text_end;
  const char *match;
  const char *counted;
  const char *best = NULL;
  gsize       counted_chars = 0;
  gsize       best_chars = 0;
  gsize       best_score = 0;
  guint64     best_distance = 0;
  gsize       exact_len;
  gsize       exact_chars;
  gsize       prefix_len;
  gsize       suffix_len;

  g_return_val_if_fail (start != NULL, ROSTRA_ANCHOR_ORPHANED);
  g_return_val_if_fail (end != NULL, ROSTRA_ANCHOR_ORPHANED);

  if (exact == NULL || *exact == '\0')
    return ROSTRA_ANCHOR_ORPHANED;

  if (text == NULL)
    text = "";
  if (prefix == NULL)
    prefix = "";
  if (suffix == NULL)
    suffix = "";

  text_end = text + strlen (text);
  exact_len = strlen (exact);
  exact_chars = count_chars (exact, exact + exact_len);
  prefix_len = strlen (prefix);
  suffix_len = strlen (suffix);

  /* 1. Does the stored position still hold the quote? An invalid or
   * out-of-range position simply does not. */
  if (*end >= *start && *end - *start == exact_chars)
    {
      gsize       skipped;
      const char *pos = skip_chars (text, text_end, *start, &skipped);

      if (skipped == *start && (gsize) (text_end - pos) >= exact_len &&
          memcmp (pos, exact, exact_len) == 0)
        return ROSTRA_ANCHOR_EXACT;
    }

  /* 2. Every occurrence of the quote, overlapping ones included. The
   * character offset of each is counted on from the previous one, so the
   * whole search is a single pass over the text. */
  counted = text;
  for (match = strstr (text, exact); match != NULL; match = strstr (match + 1, exact))
    {
      gsize   score;
      guint64 distance;

      counted_chars += count_chars (counted, match);
      counted = match;

      score = score_prefix (text, match, prefix, prefix_len) +
              score_suffix (match + exact_len, suffix, suffix_len);
      distance = counted_chars > *start ? counted_chars - *start : *start - counted_chars;

      if (best == NULL || score > best_score || (score == best_score && distance < best_distance))
        {
          best = match;
          best_chars = counted_chars;
          best_score = score;
          best_distance = distance;
        }
    }

  if (best == NULL)
    return ROSTRA_ANCHOR_ORPHANED;

  *start = (guint) best_chars;
  *end = (guint) (best_chars + exact_chars);

  return ROSTRA_ANCHOR_MOVED;
}
