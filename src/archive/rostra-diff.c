/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-diff.c: word-level differences between two versions of a text.
 *
 * The texts are cut into tokens: words (runs of letters and digits,
 * compared exactly: "Europe" and "europe" differ) and single marks of
 * punctuation; spaces only separate. Tokens are aligned as the
 * "patience" diff does: the common start and end are taken off, the
 * tokens found once in each side anchor the alignment (their longest
 * increasing run), the stretches between anchors are aligned the same
 * way, and a stretch without anchor by a longest common subsequence
 * when it is small enough (else it is all deleted and inserted). This
 * keeps moved paragraphs and an outlet's cuts readable, and the cost
 * near linear for versions that mostly agree.
 */

#include "config.h"

#include <string.h>

#include "rostra-diff.h"

/* Stretches without anchors up to this many token pairs get an exact
 * longest common subsequence. */
#define LCS_MAX_CELLS (1u << 22)

typedef struct
{
  guint   start; /* in characters */
  guint64 hash;  /* of the token's exact bytes */
} Token;

typedef struct
{
  GArray *tokens;
  guint   length; /* the text's length in characters */
} Side;

static void
tokenize (const char *text, Side *side)
{
  guint offset = 0;

  side->tokens = g_array_new (FALSE, FALSE, sizeof (Token));
  for (const char *p = text; *p != '\0';)
    {
      gunichar    c = g_utf8_get_char (p);
      const char *next = g_utf8_next_char (p);
      Token       token = { offset, 0 };

      offset++;
      if (g_unichar_isspace (c))
        {
          p = next;
          continue;
        }
      if (g_unichar_isalnum (c))
        while (*next != '\0' && (g_unichar_isalnum (g_utf8_get_char (next)) ||
                                 g_unichar_ismark (g_utf8_get_char (next))))
          next = g_utf8_next_char (next), offset++;

      token.hash = G_GUINT64_CONSTANT (0xcbf29ce484222325);
      for (const char *q = p; q < next; q++)
        token.hash = (token.hash ^ (guchar) *q) * G_GUINT64_CONSTANT (0x100000001b3);
      g_array_append_val (side->tokens, token);
      p = next;
    }
  side->length = offset;
}

/* Where token i's share of the text starts: 0 for the first, the
 * text's end after the last. */
static guint
boundary (const Side *side, guint i)
{
  if (i == 0)
    return 0;
  if (i >= side->tokens->len)
    return side->length;
  return g_array_index (side->tokens, Token, i).start;
}

typedef struct
{
  const Token *a;
  const Token *b;
  GByteArray  *ops; /* RostraDiffKind per step, in order */
} Diff;

static void
emit (Diff *d, RostraDiffKind kind, guint n)
{
  for (guint i = 0; i < n; i++)
    g_byte_array_append (d->ops, (const guint8 *) &(guint8){ kind }, 1);
}

static void diff_range (Diff *d, guint alo, guint ahi, guint blo, guint bhi);

/* The longest common subsequence of a small stretch, exactly. */
static void
diff_lcs (Diff *d, guint alo, guint ahi, guint blo, guint bhi)
{
  guint             n = ahi - alo, m = bhi - blo;
  g_autofree guint *len = g_new0 (guint, (gsize) (n + 1) * (m + 1));
  guint             i = 0, j = 0;

#define L(x, y) len[(gsize) (x) * (m + 1) + (y)]
  /* L(i, j): the LCS of a[alo + i…] and b[blo + j…]. */
  for (guint x = n; x-- > 0;)
    for (guint y = m; y-- > 0;)
      L (x, y) = d->a[alo + x].hash == d->b[blo + y].hash ? L (x + 1, y + 1) + 1
                                                          : MAX (L (x + 1, y), L (x, y + 1));
  while (i < n && j < m)
    {
      if (d->a[alo + i].hash == d->b[blo + j].hash)
        emit (d, ROSTRA_DIFF_EQUAL, 1), i++, j++;
      else if (L (i + 1, j) >= L (i, j + 1))
        emit (d, ROSTRA_DIFF_DELETED, 1), i++;
      else
        emit (d, ROSTRA_DIFF_INSERTED, 1), j++;
    }
#undef L
  emit (d, ROSTRA_DIFF_DELETED, n - i);
  emit (d, ROSTRA_DIFF_INSERTED, m - j);
}

typedef struct
{
  guint count_a, count_b;
  guint index_a, index_b;
} Seen;

/* The tokens found exactly once on each side, in the order of a, and
 * of those the longest run in the order of b too (patience sorting):
 * their pairs of indices, flattened, in *anchors. */
static GArray *
find_anchors (Diff *d, guint alo, guint ahi, guint blo, guint bhi)
{
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
  g_autoptr (GArray) pairs = g_array_new (FALSE, FALSE, sizeof (guint) * 2);
  g_autofree guint *tails = NULL, *prev = NULL;
  GArray           *anchors = g_array_new (FALSE, FALSE, sizeof (guint) * 2);
  guint             n_tails = 0;

  for (guint i = alo; i < ahi; i++)
    {
      Seen *s = g_hash_table_lookup (seen, &d->a[i].hash);

      if (s == NULL)
        g_hash_table_insert (seen, (gpointer) &d->a[i].hash, s = g_new0 (Seen, 1));
      s->count_a++;
      s->index_a = i;
    }
  for (guint j = blo; j < bhi; j++)
    {
      Seen *s = g_hash_table_lookup (seen, &d->b[j].hash);

      if (s != NULL)
        s->count_b++, s->index_b = j;
    }
  for (guint i = alo; i < ahi; i++)
    {
      Seen *s = g_hash_table_lookup (seen, &d->a[i].hash);

      if (s->count_a == 1 && s->count_b == 1)
        g_array_append_vals (pairs, (guint[]){ i, s->index_b }, 1);
    }
  if (pairs->len == 0)
    return anchors;

  /* tails[k]: the pair ending the best run of k + 1 found so far. */
  tails = g_new (guint, pairs->len);
  prev = g_new (guint, pairs->len);
  for (guint p = 0; p < pairs->len; p++)
    {
      guint b = ((guint *) (gpointer) pairs->data)[2 * p + 1];
      guint lo = 0, hi = n_tails;

      while (lo < hi)
        {
          guint mid = (lo + hi) / 2;

          if (((guint *) (gpointer) pairs->data)[2 * tails[mid] + 1] < b)
            lo = mid + 1;
          else
            hi = mid;
        }
      prev[p] = lo > 0 ? tails[lo - 1] : G_MAXUINT;
      tails[lo] = p;
      n_tails = MAX (n_tails, lo + 1);
    }

  g_array_set_size (anchors, n_tails);
  for (guint k = n_tails, p = tails[n_tails - 1]; k-- > 0; p = prev[p])
    memcpy ((guint *) (gpointer) anchors->data + 2 * k, (guint *) (gpointer) pairs->data + 2 * p,
            sizeof (guint) * 2);
  return anchors;
}

static void
diff_middle (Diff *d, guint alo, guint ahi, guint blo, guint bhi)
{
  g_autoptr (GArray) anchors = NULL;

  if (alo == ahi || blo == bhi)
    {
      emit (d, ROSTRA_DIFF_DELETED, ahi - alo);
      emit (d, ROSTRA_DIFF_INSERTED, bhi - blo);
      return;
    }

  anchors = find_anchors (d, alo, ahi, blo, bhi);
  if (anchors->len > 0)
    {
      for (guint k = 0; k < anchors->len; k++)
        {
          guint ai = ((guint *) (gpointer) anchors->data)[2 * k];
          guint bi = ((guint *) (gpointer) anchors->data)[2 * k + 1];

          diff_range (d, alo, ai, blo, bi);
          emit (d, ROSTRA_DIFF_EQUAL, 1);
          alo = ai + 1;
          blo = bi + 1;
        }
      diff_range (d, alo, ahi, blo, bhi);
    }
  else if ((guint64) (ahi - alo) * (bhi - blo) <= LCS_MAX_CELLS)
    diff_lcs (d, alo, ahi, blo, bhi);
  else
    {
      emit (d, ROSTRA_DIFF_DELETED, ahi - alo);
      emit (d, ROSTRA_DIFF_INSERTED, bhi - blo);
    }
}

static void
diff_range (Diff *d, guint alo, guint ahi, guint blo, guint bhi)
{
  guint head = 0, tail = 0;

  while (alo + head < ahi && blo + head < bhi && d->a[alo + head].hash == d->b[blo + head].hash)
    head++;
  emit (d, ROSTRA_DIFF_EQUAL, head);
  alo += head, blo += head;
  while (alo + tail < ahi && blo + tail < bhi &&
         d->a[ahi - 1 - tail].hash == d->b[bhi - 1 - tail].hash)
    tail++;
  diff_middle (d, alo, ahi - tail, blo, bhi - tail);
  emit (d, ROSTRA_DIFF_EQUAL, tail);
}

/**
 * rostra_diff_words:
 * @a: the first text (UTF-8)
 * @b: the second text
 *
 * Compares two versions word by word. Within a change, what @a loses
 * comes before what @b gains. Costs about the texts' length when they
 * mostly agree; call it on a worker for long texts.
 *
 * Returns: (transfer full) (element-type RostraDiffSegment): the
 *   segments, in the order of both texts; adjacent segments differ in
 *   kind
 */
GArray *
rostra_diff_words (const char *a, const char *b)
{
  GArray *segments = g_array_new (FALSE, FALSE, sizeof (RostraDiffSegment));
  Side    sa, sb;
  Diff    d;
  guint   ia = 0, ib = 0;

  g_return_val_if_fail (a != NULL && b != NULL, segments);

  tokenize (a, &sa);
  tokenize (b, &sb);
  d.a = (const Token *) (gpointer) sa.tokens->data;
  d.b = (const Token *) (gpointer) sb.tokens->data;
  d.ops = g_byte_array_new ();
  diff_range (&d, 0, sa.tokens->len, 0, sb.tokens->len);

  for (guint k = 0; k < d.ops->len;)
    {
      RostraDiffKind    kind = d.ops->data[k];
      RostraDiffSegment s = { kind, boundary (&sa, ia), 0, boundary (&sb, ib), 0 };

      for (; k < d.ops->len && d.ops->data[k] == kind; k++)
        {
          ia += kind != ROSTRA_DIFF_INSERTED;
          ib += kind != ROSTRA_DIFF_DELETED;
        }
      s.a_end = boundary (&sa, ia);
      s.b_end = boundary (&sb, ib);
      g_array_append_val (segments, s);
    }

  g_byte_array_unref (d.ops);
  g_array_unref (sa.tokens);
  g_array_unref (sb.tokens);
  return segments;
}
