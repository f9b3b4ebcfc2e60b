/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-shingles.h: word 5-gram shingles, MinHash signatures and LSH bands of a text. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Words per shingle. */
#define ROSTRA_SHINGLE_WORDS 5
/* Words of a text that count: a speech has a few thousand; a text far
 * longer (a whole dump pasted as one speech, 10 MB) is compared by its
 * beginning, so that indexing it stays a matter of milliseconds. */
#define ROSTRA_SHINGLE_MAX_WORDS 100000
/* MinHash: hashes per signature, cut into bands of rows (bands × rows = hashes). */
#define ROSTRA_MINHASH_HASHES 99
#define ROSTRA_LSH_BANDS      33
#define ROSTRA_LSH_ROWS       3

G_STATIC_ASSERT (ROSTRA_LSH_BANDS *ROSTRA_LSH_ROWS == ROSTRA_MINHASH_HASHES);

/**
 * RostraShingles:
 * @hashes: the shingles' 64-bit hashes, in the text's order until
 *   rostra_shingles_sort() makes them the distinct ones, ascending
 * @n_hashes: how many
 * @n_words: words in the text, as the search index counts them
 * @sorted: whether rostra_shingles_sort() was called
 *
 * A text as a set of word 5-grams. Words are runs of letters and
 * digits, case and accents folded, as the FTS5 index sees them
 * (`unicode61 remove_diacritics 2`); a text of fewer than five words
 * (but one at least) is one shingle of all of them.
 */
typedef struct
{
  guint64 *hashes;
  gsize    n_hashes;
  gsize    n_words;
  gboolean sorted;
} RostraShingles;

RostraShingles *rostra_shingles_new (const char *text);
void            rostra_shingles_free (RostraShingles *shingles);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RostraShingles, rostra_shingles_free)

void  rostra_shingles_sort (RostraShingles *shingles);
gsize rostra_shingles_intersect (RostraShingles *a, RostraShingles *b);

void
rostra_shingles_minhash (const RostraShingles *shingles, guint32 signature[ROSTRA_MINHASH_HASHES]);
void rostra_shingles_bands (const guint32 signature[ROSTRA_MINHASH_HASHES],
                            gint64        bands[ROSTRA_LSH_BANDS]);

G_END_DECLS
