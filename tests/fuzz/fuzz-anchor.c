/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-anchor.c: libFuzzer target: an anchor described on one text is
 * resolved on another (the first with bytes changed); the result is
 * always a range inside the text, and EXACT on the unchanged text. */

#include "config.h"

#include "rostra-anchor.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  g_autofree char   *text = NULL;
  g_autofree char   *edited = NULL;
  g_autofree char   *exact = NULL, *prefix = NULL, *suffix = NULL;
  guint              len, start, end;
  RostraAnchorResult result;

  if (size < 3)
    return 0;
  text = g_utf8_make_valid ((const char *) data + 2, size - 2);
  len = g_utf8_strlen (text, -1);
  start = len ? data[0] % (len + 1) : 0;
  end = MIN (len, start + data[1] % 64);
  /* Annotations hold at least one character (the store's CHECK and the UI). */
  if (end <= start)
    return 0;

  rostra_anchor_describe (text, start, end, &exact, &prefix, &suffix);
  {
    guint s = start, e = end;

    result = rostra_anchor_resolve (text, exact, prefix, suffix, &s, &e);
    g_assert (result == ROSTRA_ANCHOR_EXACT);
    g_assert (s == start && e == end);
  }

  /* The same anchor on the text with its first half and second half swapped. */
  {
    const char *mid = g_utf8_offset_to_pointer (text, len / 2);
    guint       s = start, e = end;

    g_autofree char *head = g_strndup (text, mid - text);

    edited = g_strconcat (mid, head, NULL);
    result = rostra_anchor_resolve (edited, exact, prefix, suffix, &s, &e);
    g_assert (s <= e && e <= (guint) g_utf8_strlen (edited, -1));
  }
  return 0;
}
