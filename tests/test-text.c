/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-text.c: the text helpers an import runs on every byte. */

#include "config.h"

#include <string.h>

#include "rostra-annotation-private.h"
#include "rostra-highlights.h"
#include "rostra-text-match.h"
#include "rostra-text.h"

/* The same digests as GChecksum, at every length around the block size
 * and whatever the pieces the bytes come in. */
static void
test_sha256 (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (20240917);
  gsize              size = 1 << 20;
  g_autofree guint8 *data = g_malloc (size);

  for (gsize i = 0; i < size; i++)
    data[i] = (guint8) g_rand_int (rand);

  for (gsize len = 0; len <= 300; len++)
    for (guint step = 0; step < 4; step++)
      {
        g_autoptr (RostraSha256) sum = rostra_sha256_new ();
        g_autoptr (GChecksum) expected = g_checksum_new (G_CHECKSUM_SHA256);
        gsize offset = g_rand_int_range (rand, 0, 64), done = 0;

        while (done < len)
          {
            gsize draw = step == 0 ? len : (gsize) g_rand_int_range (rand, 0, 40 * step + 2);
            gsize piece = MIN (len - done, draw);

            rostra_sha256_update (sum, data + offset + done, piece);
            done += piece;
          }
        g_checksum_update (expected, data + offset, len);
        g_assert_cmpstr (rostra_sha256_get_string (sum), ==, g_checksum_get_string (expected));
        /* Finished: asking again gives the same. */
        g_assert_cmpstr (rostra_sha256_get_string (sum), ==, g_checksum_get_string (expected));
      }

  {
    g_autoptr (RostraSha256) sum = rostra_sha256_new ();
    g_autofree char *expected = g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, size);

    for (gsize done = 0; done < size; done += 65536)
      rostra_sha256_update (sum, data + done, 65536);
    g_assert_cmpstr (rostra_sha256_get_string (sum), ==, expected);
  }

  {
    g_autoptr (RostraSha256) sum = rostra_sha256_new ();

    rostra_sha256_update (sum, "abc", 3);
    g_assert_cmpstr (rostra_sha256_get_string (sum), ==,
                     "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }
}

/* Articles keep their identity from one version of Rostra to the next. */
static void
test_content_hash (void)
{
  g_autofree char *hash = rostra_text_content_hash ("Title", "2021-03-14T09:30:00", "Text");
  g_autofree char *undated = rostra_text_content_hash ("Title", NULL, "Text");
  g_autoptr (GChecksum) expected = g_checksum_new (G_CHECKSUM_SHA256);

  g_checksum_update (expected,
                     (const guchar *) "Title\0"
                                      "2021-03-14T09:30:00\0"
                                      "Text",
                     30);
  g_assert_cmpstr (hash, ==, g_checksum_get_string (expected));
  g_assert_cmpstr (undated, ==, "1c6ed854906fb529cac1c2c018df3aec91fa22e87f19fa9d183fe9cb4b2bef23");
}

static void
test_count_words (void)
{
  g_assert_cmpuint (rostra_text_count_words (""), ==, 0);
  g_assert_cmpuint (rostra_text_count_words (NULL), ==, 0);
  g_assert_cmpuint (rostra_text_count_words ("Madam President, we've waited 20 years."), ==, 7);
  g_assert_cmpuint (rostra_text_count_words ("  --  "), ==, 0);
  /* Letters and digits of every script, and runs split by anything else. */
  g_assert_cmpuint (rostra_text_count_words ("Genève – café’s financiën"), ==, 4);
  g_assert_cmpuint (rostra_text_count_words ("Мы построим мост\u00a0к 2030"), ==, 5);
  g_assert_cmpuint (rostra_text_count_words ("東京\u3000abc"), ==, 2);
}

/* The passage @text[start, end) becomes, as a string; NULL when none. */
static char *
snap (const char *text, const char *selected, gboolean whole_words)
{
  const char *at = strstr (text, selected);
  guint       start, end;

  g_assert_nonnull (at);
  start = g_utf8_pointer_to_offset (text, at);
  end = start + g_utf8_strlen (selected, -1);
  if (!rostra_text_snap_passage (text, &start, &end, whole_words))
    return NULL;
  return g_utf8_substring (text, start, end);
}

static void
test_snap_passage (void)
{
  static const char text[] =
      "Wij bespraken de co-operation en Lavrov’s toespraak, ’t is tijd.\n\nÜber alles";
  static const struct
  {
    const char *selected;
    const char *exact;
    const char *words;
  } cases[] = {
    /* White space around goes, always. */
    { " bespraken ", "bespraken", "bespraken" },
    { "\n\nÜber", "Über", "Über" },
    /* Words cut at either end are made whole, unless asked for exactly. */
    { "espraken d", "espraken d", "bespraken de" },
    { "j bespr", "j bespr", "Wij bespraken" },
    { "operation", "operation", "co-operation" },
    { "Lavrov", "Lavrov", "Lavrov’s" },
    { "’s toe", "’s toe", "Lavrov’s toespraak" },
    /* Punctuation is not a word: nothing to widen. */
    { "toespraak,", "toespraak,", "toespraak," },
    { "’t is", "’t is", "’t is" },
    { "lles", "lles", "alles" },
    { "W", "W", "Wij" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *exact = snap (text, cases[i].selected, FALSE);
      g_autofree char *words = snap (text, cases[i].selected, TRUE);

      g_assert_cmpstr (exact, ==, cases[i].exact);
      g_assert_cmpstr (words, ==, cases[i].words);
    }

  /* Nothing but white space: no passage. */
  {
    guint start = 3, end = 4;

    g_assert_false (rostra_text_snap_passage (text, &start, &end, TRUE));
    g_assert_cmpuint (start, ==, 3);
    g_assert_cmpuint (end, ==, 4);
  }
}

/* Search terms in a text: case and diacritics ignored, words found
 * where they start, offsets in characters of the original. */
static void
test_find_terms (void)
{
  const char *text = "Genève and GENEVE; Korvenhaven havens haven. Straße";
  const char *terms[] = { "geneve", "HAVEN", "haven", "strasse", NULL };
  const int   expected[][2] = { { 0, 6 }, { 11, 17 }, { 31, 36 }, { 38, 43 }, { 45, 51 } };
  g_autoptr (GArray) spans = rostra_text_find_terms (text, terms);
  g_autoptr (GArray) none = rostra_text_find_terms (text, NULL);
  const char *blank[] = { "  ", NULL };
  g_autoptr (GArray) blanks = rostra_text_find_terms (text, blank);

  g_assert_cmpuint (spans->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < spans->len; i++)
    {
      g_assert_cmpint (g_array_index (spans, RostraTextSpan, i).start, ==, expected[i][0]);
      g_assert_cmpint (g_array_index (spans, RostraTextSpan, i).end, ==, expected[i][1]);
    }
  g_assert_cmpuint (none->len, ==, 0);
  g_assert_cmpuint (blanks->len, ==, 0);
}

static RostraAnnotation *
annotation_at (guint start, guint end, const char *color)
{
  RostraAnnotation *annotation = rostra_annotation_new (1, start, end, "x", "", "");

  rostra_annotation_set_color (annotation, color);
  return annotation;
}

/* Overlapping highlights: the shorter on top, a level above the longer
 * ones it overlaps; orphans and empty passages left out; clamped. */
static void
test_highlight_levels (void)
{
  g_autoptr (GPtrArray) annotations = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GArray) layers = NULL;
  RostraAnnotation *orphan;
  const struct
  {
    guint index, level, color;
    int   start, end;
  } expected[] = {
    { 0, 0, 0, 0, 20 },                     /* the longest first */
    { 3, 0, 1, 30, 40 },                    /* clamped to the text's 40 characters */
    { 1, 1, 2, 5, 10 },  { 2, 2, 0, 7, 8 }, /* an unknown colour is yellow */
    { 5, 3, 3, 7, 8 },                      /* as deep as levels go */
  };

  g_ptr_array_add (annotations, annotation_at (0, 20, "yellow"));
  g_ptr_array_add (annotations, annotation_at (5, 10, "blue"));
  g_ptr_array_add (annotations, annotation_at (7, 8, "no-such-colour"));
  g_ptr_array_add (annotations, annotation_at (30, 45, "green"));
  orphan = annotation_at (0, 5, "red");
  _rostra_annotation_set_anchor (orphan, 0, 5, TRUE);
  g_ptr_array_add (annotations, orphan);
  g_ptr_array_add (annotations, annotation_at (7, 8, "red"));
  g_ptr_array_add (annotations, annotation_at (41, 44, "red")); /* past the end */

  layers = rostra_highlights_layer (annotations, 40, 4);
  g_assert_cmpuint (layers->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < layers->len; i++)
    {
      const RostraHighlight *h = &g_array_index (layers, RostraHighlight, i);

      g_assert_cmpuint (h->index, ==, expected[i].index);
      g_assert_true (h->annotation == g_ptr_array_index (annotations, expected[i].index));
      g_assert_cmpuint (h->level, ==, expected[i].level);
      g_assert_cmpuint (h->color, ==, expected[i].color);
      g_assert_cmpint (h->start, ==, expected[i].start);
      g_assert_cmpint (h->end, ==, expected[i].end);
    }
  g_assert_true (rostra_highlights_overlap (&g_array_index (layers, RostraHighlight, 0),
                                            &g_array_index (layers, RostraHighlight, 2)));
  g_assert_false (rostra_highlights_overlap (&g_array_index (layers, RostraHighlight, 0),
                                             &g_array_index (layers, RostraHighlight, 1)));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/text/snap-passage", test_snap_passage);
  g_test_add_func ("/text/sha256", test_sha256);
  g_test_add_func ("/text/content-hash", test_content_hash);
  g_test_add_func ("/text/count-words", test_count_words);
  g_test_add_func ("/text/find-terms", test_find_terms);
  g_test_add_func ("/text/highlight-levels", test_highlight_levels);

  return g_test_run ();
}
