/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-shingles.c: word 5-gram shingles, MinHash signatures and LSH bands of a text.
 *
 * Versions of a speech are found by the word 5-grams (shingles) two
 * texts share (Broder 1997): a text is the set of its shingles' 64-bit
 * hashes; the MinHash signature keeps, for each of 99 hash functions,
 * the least hash of the set, and two signatures agree at one place with
 * a probability equal to the sets' resemblance (Jaccard index). The
 * signature is cut into 33 bands of 3 rows, each band hashed into one
 * key that the archive indexes (LSH): two texts become candidates when
 * they share a key. See "Versions" in docs/ARCHITECTURE.md for the
 * choice of numbers.
 *
 * The hash functions and keys must never change: the archive keeps the
 * keys it computed (a change needs a migration that indexes again).
 */

#include "config.h"

#include <string.h>

#include "rostra-shingles.h"

/* splitmix64's finalizer: a 64-bit mix with good avalanche. */
static inline guint64
mix64 (guint64 x)
{
  x ^= x >> 30;
  x *= G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  x ^= x >> 27;
  x *= G_GUINT64_CONSTANT (0x94d049bb133111eb);
  x ^= x >> 31;
  return x;
}

#define FNV_OFFSET G_GUINT64_CONSTANT (0xcbf29ce484222325)
#define FNV_PRIME  G_GUINT64_CONSTANT (0x100000001b3)

/* A character as the search index folds it: lower case, without its
 * accents; 0 for a combining mark alone (a removed diacritic). */
static gunichar
fold_char (gunichar c)
{
  gunichar decomposed[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
  gsize    n;

  if (g_unichar_ismark (c))
    return 0;
  n = g_unichar_fully_decompose (c, FALSE, decomposed, G_N_ELEMENTS (decomposed));
  return g_unichar_tolower (n > 0 ? decomposed[0] : c);
}

/* The hashes of the text's words, folded, in order. */
static GArray *
word_hashes (const char *text)
{
  GArray  *words = g_array_new (FALSE, FALSE, sizeof (guint64));
  guint64  hash = FNV_OFFSET;
  gboolean in_word = FALSE;

  for (const char *p = text;;)
    {
      gunichar c = 0;
      gboolean word_char = FALSE;

      if ((guchar) *p >= 0x80)
        {
          c = g_utf8_get_char (p);
          word_char = g_unichar_isalnum (c) || (in_word && g_unichar_ismark (c));
          c = word_char ? fold_char (c) : 0;
        }
      else if (*p != '\0')
        {
          word_char = g_ascii_isalnum (*p);
          c = (guchar) g_ascii_tolower (*p);
        }

      if (word_char)
        {
          in_word = TRUE;
          if (c != 0)
            hash = (hash ^ c) * FNV_PRIME;
        }
      else if (in_word)
        {
          g_array_append_val (words, hash);
          hash = FNV_OFFSET;
          in_word = FALSE;
        }

      if (*p == '\0')
        break;
      p = (guchar) *p < 0x80 ? p + 1 : g_utf8_next_char (p);
    }
  return words;
}

static int
compare_u64 (gconstpointer a, gconstpointer b)
{
  guint64 x = *(const guint64 *) a, y = *(const guint64 *) b;

  return (x > y) - (x < y);
}

/**
 * rostra_shingles_new:
 * @text: UTF-8 text
 *
 * Returns: (transfer full): the text's shingles; none for a text
 *   without words
 */
RostraShingles *
rostra_shingles_new (const char *text)
{
  g_autoptr (GArray) words = word_hashes (text ? text : "");
  RostraShingles *shingles = g_new0 (RostraShingles, 1);
  const guint64  *w = (const guint64 *) (gpointer) words->data;
  gsize           n, kept = 0;

  shingles->n_words = words->len;
  if (words->len == 0)
    return shingles;

  n = words->len >= ROSTRA_SHINGLE_WORDS ? words->len - ROSTRA_SHINGLE_WORDS + 1 : 1;
  shingles->hashes = g_new (guint64, n);
  for (gsize i = 0; i < n; i++)
    {
      guint64 h = FNV_OFFSET;

      for (gsize k = i; k < MIN (i + ROSTRA_SHINGLE_WORDS, (gsize) words->len); k++)
        h = mix64 (h ^ w[k]);
      shingles->hashes[i] = h;
    }

  qsort (shingles->hashes, n, sizeof (guint64), compare_u64);
  for (gsize i = 0; i < n; i++)
    if (kept == 0 || shingles->hashes[kept - 1] != shingles->hashes[i])
      shingles->hashes[kept++] = shingles->hashes[i];
  shingles->n_hashes = kept;
  return shingles;
}

void
rostra_shingles_free (RostraShingles *shingles)
{
  if (shingles == NULL)
    return;
  g_free (shingles->hashes);
  g_free (shingles);
}

/**
 * rostra_shingles_intersect:
 *
 * Returns: how many shingles @a and @b share (exactly, up to 64-bit
 *   hash collisions)
 */
gsize
rostra_shingles_intersect (const RostraShingles *a, const RostraShingles *b)
{
  gsize i = 0, j = 0, shared = 0;

  while (i < a->n_hashes && j < b->n_hashes)
    {
      if (a->hashes[i] < b->hashes[j])
        i++;
      else if (a->hashes[i] > b->hashes[j])
        j++;
      else
        shared++, i++, j++;
    }
  return shared;
}

/* The hash functions: h ↦ a·h + b (mod 2⁶⁴) with a odd, a permutation
 * of the (already mixed) shingle hashes; a and b from splitmix64 with a
 * fixed seed. */
static const guint64 *
hash_parameters (void)
{
  static guint64 params[2 * ROSTRA_MINHASH_HASHES];
  static gsize   ready = 0;

  if (g_once_init_enter (&ready))
    {
      guint64 state = G_GUINT64_CONSTANT (0x526f73747261); /* "Rostra" */

      for (guint i = 0; i < G_N_ELEMENTS (params); i++)
        {
          state += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
          params[i] = mix64 (state);
        }
      for (guint i = 0; i < ROSTRA_MINHASH_HASHES; i++)
        params[2 * i] |= 1;
      g_once_init_leave (&ready, 1);
    }
  return params;
}

/**
 * rostra_shingles_minhash:
 * @signature: (out): the least value of each hash function over the
 *   shingles; all G_MAXUINT64 for a text without shingles
 */
void
rostra_shingles_minhash (const RostraShingles *shingles, guint64 signature[ROSTRA_MINHASH_HASHES])
{
  const guint64 *params = hash_parameters ();
  guint64        a[ROSTRA_MINHASH_HASHES], b[ROSTRA_MINHASH_HASHES];

  for (guint i = 0; i < ROSTRA_MINHASH_HASHES; i++)
    {
      a[i] = params[2 * i];
      b[i] = params[2 * i + 1];
      signature[i] = G_MAXUINT64;
    }

  for (gsize s = 0; s < shingles->n_hashes; s++)
    {
      guint64 h = shingles->hashes[s];

      for (guint i = 0; i < ROSTRA_MINHASH_HASHES; i++)
        {
          guint64 v = a[i] * h + b[i];

          signature[i] = v < signature[i] ? v : signature[i];
        }
    }
}

/**
 * rostra_shingles_bands:
 * @bands: (out): one key per band of %ROSTRA_LSH_ROWS values, positive
 *   64-bit integers (SQLite's), each band's keys apart from the others'
 */
void
rostra_shingles_bands (const guint64 signature[ROSTRA_MINHASH_HASHES],
                       gint64        bands[ROSTRA_LSH_BANDS])
{
  for (guint band = 0; band < ROSTRA_LSH_BANDS; band++)
    {
      guint64 h = mix64 (G_GUINT64_CONSTANT (0x62616e64) + band); /* "band" */

      for (guint row = 0; row < ROSTRA_LSH_ROWS; row++)
        h = mix64 (h ^ signature[band * ROSTRA_LSH_ROWS + row]);
      bands[band] = (gint64) (h & G_MAXINT64);
    }
}
