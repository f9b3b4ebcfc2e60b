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

/* The hashes of the text's words, folded, in order: the first
 * ROSTRA_SHINGLE_MAX_WORDS of them. */
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
          if (words->len >= ROSTRA_SHINGLE_MAX_WORDS)
            break;
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
 * Returns: (transfer full): the text's shingles, in its order (enough
 *   for a signature; see rostra_shingles_sort()); none for a text
 *   without words
 */
RostraShingles *
rostra_shingles_new (const char *text)
{
  g_autoptr (GArray) words = word_hashes (text ? text : "");
  RostraShingles *shingles = g_new0 (RostraShingles, 1);
  const guint64  *w = (const guint64 *) (gpointer) words->data;
  gsize           n;

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
  shingles->n_hashes = n;
  return shingles;
}

/**
 * rostra_shingles_sort:
 *
 * Keeps each distinct shingle once, in ascending order, as
 * rostra_shingles_intersect() needs them. Only verification needs it:
 * the signature does not.
 */
void
rostra_shingles_sort (RostraShingles *shingles)
{
  gsize kept = 0;

  if (shingles->sorted)
    return;
  qsort (shingles->hashes, shingles->n_hashes, sizeof (guint64), compare_u64);
  for (gsize i = 0; i < shingles->n_hashes; i++)
    if (kept == 0 || shingles->hashes[kept - 1] != shingles->hashes[i])
      shingles->hashes[kept++] = shingles->hashes[i];
  shingles->n_hashes = kept;
  shingles->sorted = TRUE;
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
 * Sorts both (see rostra_shingles_sort()).
 *
 * Returns: how many distinct shingles @a and @b share (exactly, up to
 *   64-bit hash collisions)
 */
gsize
rostra_shingles_intersect (RostraShingles *a, RostraShingles *b)
{
  gsize i = 0, j = 0, shared = 0;

  rostra_shingles_sort (a);
  rostra_shingles_sort (b);
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

/* The hash functions: x ↦ a·x + b (mod 2³²) with a odd, a permutation
 * of the shingle hashes folded to 32 bits (already mixed: the low and
 * high halves xored); a and b from splitmix64 with a fixed seed.
 * 32-bit arithmetic, which compilers vectorise: the signature is most
 * of what finding versions adds to an import. */
static const guint32 *
hash_parameters (void)
{
  static guint32 params[2 * ROSTRA_MINHASH_HASHES];
  static gsize   ready = 0;

  if (g_once_init_enter (&ready))
    {
      guint64 state = G_GUINT64_CONSTANT (0x526f73747261); /* "Rostra" */

      for (guint i = 0; i < G_N_ELEMENTS (params); i++)
        {
          state += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
          params[i] = (guint32) (mix64 (state) >> 32);
        }
      for (guint i = 0; i < ROSTRA_MINHASH_HASHES; i++)
        params[i] |= 1;
      g_once_init_leave (&ready, 1);
    }
  return params;
}

/**
 * rostra_shingles_minhash:
 * @signature: (out): the least value of each hash function over the
 *   shingles; all G_MAXUINT32 for a text without shingles
 */
void
rostra_shingles_minhash (const RostraShingles *shingles, guint32 signature[ROSTRA_MINHASH_HASHES])
{
  const guint32 *params = hash_parameters ();
  /* A multiple of 8 lanes, so that the loop is vectorised whole (GCC's
   * -O2 cost model takes no loop that needs a scalar tail). */
  enum
  {
    LANES = (ROSTRA_MINHASH_HASHES + 7) / 8 * 8
  };
  guint32 a[LANES] = { 0 }, b[LANES] = { 0 }, sig[LANES];

  memcpy (a, params, ROSTRA_MINHASH_HASHES * sizeof (guint32));
  memcpy (b, params + ROSTRA_MINHASH_HASHES, ROSTRA_MINHASH_HASHES * sizeof (guint32));
  for (guint i = 0; i < LANES; i++)
    sig[i] = G_MAXUINT32;

  for (gsize s = 0; s < shingles->n_hashes; s++)
    {
      guint64 h64 = shingles->hashes[s];
      guint32 h = (guint32) h64 ^ (guint32) (h64 >> 32);

      for (guint i = 0; i < LANES; i++)
        {
          guint32 v = a[i] * h + b[i];

          sig[i] = v < sig[i] ? v : sig[i];
        }
    }
  memcpy (signature, sig, ROSTRA_MINHASH_HASHES * sizeof (guint32));
}

/**
 * rostra_shingles_bands:
 * @bands: (out): one key per band of %ROSTRA_LSH_ROWS values: 32 bits
 *   (half the room in the index of 64), the band's number mixed in. Two
 *   different bands fall on one key one time in 2³²: a candidate more,
 *   which its signature turns away.
 */
void
rostra_shingles_bands (const guint32 signature[ROSTRA_MINHASH_HASHES],
                       gint64        bands[ROSTRA_LSH_BANDS])
{
  for (guint band = 0; band < ROSTRA_LSH_BANDS; band++)
    {
      guint64 h = mix64 (G_GUINT64_CONSTANT (0x62616e64) + band); /* "band" */

      for (guint row = 0; row < ROSTRA_LSH_ROWS; row++)
        h = mix64 (h ^ signature[band * ROSTRA_LSH_ROWS + row]);
      bands[band] = (gint64) (h >> 32);
    }
}
