/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-text.c: the text helpers an import runs on every byte. */

#include "config.h"

#include <string.h>

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

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/text/snap-passage", test_snap_passage);
  g_test_add_func ("/text/sha256", test_sha256);
  g_test_add_func ("/text/content-hash", test_content_hash);
  g_test_add_func ("/text/count-words", test_count_words);

  return g_test_run ();
}
