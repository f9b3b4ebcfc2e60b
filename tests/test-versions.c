/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-versions.c: versions of one speech: shingles, detection and its
 * thresholds, translations, annotations across versions, the word diff,
 * the migration, the engine's job, backups and the command line.
 *
 * The speeches are invented: words of made-up syllables, drawn from a
 * seeded generator, so that unrelated speeches share no 5-gram unless a
 * test puts one in (boilerplate).
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "rostra-diff.h"
#include "rostra-engine-versions.h"
#include "rostra-anchor.h"
#include "rostra-importer.h"
#include "rostra-shingles.h"
#include "rostra-test-utils.h"
#include "rostra-versions.h"

static const char *const syllables[] = { "ka",  "lo", "mi",  "ren", "tu", "sa",  "vel", "dor",
                                         "nia", "pe", "gra", "shu", "bo", "zet", "qui", "ma" };

/* @n invented words from @seed, one paragraph per 60 words. */
static GPtrArray *
words_new (guint n, guint32 seed)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n; i++)
    {
      GString *w = g_string_new (NULL);
      guint    k = g_rand_int_range (rand, 2, 5);

      for (guint s = 0; s < k; s++)
        g_string_append (w, syllables[g_rand_int_range (rand, 0, G_N_ELEMENTS (syllables))]);
      g_ptr_array_add (words, g_string_free (w, FALSE));
    }
  return words;
}

static char *join (GPtrArray *words, guint from, guint to);

/* @prefix, then words [from, to) of @words as text, a paragraph break every 60. */
static char *
join_after (const char *prefix, GPtrArray *words, guint from, guint to)
{
  g_autofree char *text = join (words, from, to);

  return g_strconcat (prefix, text, NULL);
}

/* Words [from, to) of @words as text, a paragraph break every 60. */
static char *
join (GPtrArray *words, guint from, guint to)
{
  GString *text = g_string_new (NULL);

  for (guint i = from; i < to && i < words->len; i++)
    {
      if (i > from)
        g_string_append (text, (i - from) % 60 == 0 ? ".\n\n" : " ");
      g_string_append (text, g_ptr_array_index (words, i));
    }
  g_string_append_c (text, '.');
  return g_string_free (text, FALSE);
}

typedef struct
{
  RostraStore *store;
  char        *path;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->store = rostra_test_store_new (&f->path);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  g_free (f->path);
}

/* Adds a speech as an import does: in a transaction, indexed. */
static gint64
add (Fixture *f, const char *title, const char *source, const char *language, const char *text)
{
  g_autoptr (GError) error = NULL;
  gint64 id = 0;

  g_assert_true (rostra_store_begin (f->store, &error));
  g_assert_true (rostra_store_add_article (f->store, 0, title, source, "2024-05-01T10:00:00",
                                           language, text, &id, &error));
  g_assert_cmpint (id, >, 0);
  g_assert_true (rostra_store_index_versions (f->store, id, text, language, &error));
  g_assert_true (rostra_store_commit (f->store, &error));
  g_assert_no_error (error);
  return id;
}

static GPtrArray *
versions_of (Fixture *f, gint64 id)
{
  g_autoptr (GError) error = NULL;
  GPtrArray *versions = rostra_store_list_versions (f->store, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (versions);
  return versions;
}

static guint
n_versions_of (Fixture *f, gint64 id)
{
  g_autoptr (GPtrArray) versions = versions_of (f, id);

  return versions->len;
}

/* The relation of @other to @id, or -1 when it is no version of it;
 * its similarity in *similarity. */
static int
relation (Fixture *f, gint64 id, gint64 other, double *similarity)
{
  g_autoptr (GPtrArray) versions = versions_of (f, id);

  for (guint i = 0; i < versions->len; i++)
    {
      RostraVersion *v = g_ptr_array_index (versions, i);

      if (v->id == other)
        {
          if (similarity)
            *similarity = v->similarity;
          return v->relation;
        }
    }
  return -1;
}

/* Shingles */

static void
test_shingles_fold (void)
{
  g_autoptr (RostraShingles) a = rostra_shingles_new ("Élan VITAL, über-Straße: 2024 café naïve!");
  g_autoptr (RostraShingles) b = rostra_shingles_new ("elan vital uber strasse 2024 cafe naive");
  g_autoptr (RostraShingles) c = rostra_shingles_new ("elan vital uber straße 2024 cafe naive");
  g_autoptr (RostraShingles) empty = rostra_shingles_new (" … — ");
  g_autoptr (RostraShingles) short_text = rostra_shingles_new ("Thank you.");

  g_assert_cmpuint (a->n_words, ==, 7);
  g_assert_cmpuint (a->n_hashes, ==, 3);
  /* ß is no accented s (FTS5 keeps it too): straße is not strasse. */
  g_assert_cmpuint (rostra_shingles_intersect (a, b), ==, 0);
  g_assert_cmpuint (rostra_shingles_intersect (a, c), ==, 3);
  g_assert_cmpuint (empty->n_hashes, ==, 0);
  g_assert_cmpuint (short_text->n_words, ==, 2);
  g_assert_cmpuint (short_text->n_hashes, ==, 1);
}

/* x words of the text and y of another: containment (x - 4) / (x + y - 4). */
static char *
part_and_more (GPtrArray *words, GPtrArray *others, guint x, guint y)
{
  g_autofree char *part = join (words, 0, x);
  g_autofree char *more = join (others, 0, y);

  part[strlen (part) - 1] = ' ';
  return g_strconcat (part, more, NULL);
}

/* The share of equal signature values estimates the resemblance: over
 * pairs of known resemblance, on average within a deviation. */
static void
test_minhash_estimates (void)
{
  static const guint shared_words[] = { 100, 200, 300, 400 };

  for (guint k = 0; k < G_N_ELEMENTS (shared_words); k++)
    {
      gdouble error_sum = 0;

      for (guint pair = 0; pair < 20; pair++)
        {
          g_autoptr (GPtrArray) words = words_new (500, 1000 * k + pair);
          g_autoptr (GPtrArray) others = words_new (500 - shared_words[k], 5000 + 1000 * k + pair);
          g_autofree char *a = join (words, 0, 500);
          g_autofree char *b =
              part_and_more (words, others, shared_words[k], 500 - shared_words[k]);
          g_autoptr (RostraShingles) sa = rostra_shingles_new (a);
          g_autoptr (RostraShingles) sb = rostra_shingles_new (b);
          guint32 siga[ROSTRA_MINHASH_HASHES], sigb[ROSTRA_MINHASH_HASHES];
          guint   equal = 0;
          gsize   shared;
          gdouble exact;

          rostra_shingles_minhash (sa, siga);
          rostra_shingles_minhash (sb, sigb);
          for (guint i = 0; i < ROSTRA_MINHASH_HASHES; i++)
            equal += siga[i] == sigb[i];
          shared = rostra_shingles_intersect (sa, sb);
          exact = (gdouble) shared / (sa->n_hashes + sb->n_hashes - shared);
          error_sum += (gdouble) equal / ROSTRA_MINHASH_HASHES - exact;
        }
      g_test_message ("%u words shared: mean error of the estimate %+.4f", shared_words[k],
                      error_sum / 20);
      /* The mean of 20 estimates: its deviation is under 0.012. */
      g_assert_cmpfloat (fabs (error_sum / 20), <, 0.03);
    }
}

/* Detection */

static void
test_same_edited_retitled (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) words = words_new (600, 1);
  g_autofree char *text = join (words, 0, 600);
  g_autofree char *edited = NULL;
  gint64           original, copy;
  double           similarity = 0;

  original = add (f, "The harbour speech", "Outlet A", "en", text);
  /* Another outlet: a new title, a word changed every 100, a line more. */
  for (guint i = 50; i < 600; i += 100)
    g_ptr_array_index (words, i) = (g_free (g_ptr_array_index (words, i)), g_strdup ("Zorblat"));
  edited = join_after ("Published with permission.\n\n", words, 0, 600);
  copy = add (f, "Minister: we build the harbour", "Outlet B", "en", edited);

  g_assert_cmpint (relation (f, original, copy, &similarity), ==, ROSTRA_VERSION_SAME);
  g_assert_cmpfloat (similarity, >=, 0.8);
  g_assert_cmpfloat (similarity, <, 1.0);
  g_assert_cmpint (relation (f, copy, original, NULL), ==, ROSTRA_VERSION_SAME);
}

static void
test_excerpts (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) words = words_new (500, 2);
  g_autofree char *text = join (words, 0, 500);
  g_autofree char *start = join (words, 0, 250);
  g_autofree char *middle = join (words, 130, 370);
  g_autofree char *end = join (words, 260, 500);
  gint64           full, ids[3];
  double           similarity = 0;

  full = add (f, "Full speech", "Outlet A", "en", text);
  ids[0] = add (f, "Opening", "Outlet B", "en", start);
  ids[1] = add (f, "Middle part", "Outlet C", "en", middle);
  ids[2] = add (f, "Closing words", "Outlet D", "en", end);

  for (guint i = 0; i < 3; i++)
    {
      /* The excerpt is an excerpt of the full text, which contains it. */
      g_assert_cmpint (relation (f, full, ids[i], &similarity), ==, ROSTRA_VERSION_EXCERPT);
      g_assert_cmpfloat (similarity, ==, 1.0);
      g_assert_cmpint (relation (f, ids[i], full, NULL), ==, ROSTRA_VERSION_CONTAINS);
    }
  /* The start and the end share nothing. */
  g_assert_cmpint (relation (f, ids[0], ids[2], NULL), ==, -1);
}

static void
test_reordered_paragraphs (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) words = words_new (600, 3);
  g_autofree char *text = join (words, 0, 600);
  g_autofree char *p1 = join (words, 0, 200);
  g_autofree char *p2 = join (words, 200, 400);
  g_autofree char *p3 = join (words, 400, 600);
  g_autofree char *reordered = g_strjoin ("\n\n", p3, p1, p2, NULL);
  gint64           a, b;

  a = add (f, "In order", "Outlet A", "en", text);
  b = add (f, "Reordered", "Outlet B", "en", reordered);
  g_assert_cmpint (relation (f, a, b, NULL), ==, ROSTRA_VERSION_SAME);
}

static void
test_boilerplate_and_languages (Fixture *f, gconstpointer data)
{
  static const char boilerplate[] =
      "Ladies and gentlemen, dear friends, thank you for being here today. It is an honour "
      "to stand before you. ";
  g_autoptr (GPtrArray) a_words = words_new (300, 4);
  g_autoptr (GPtrArray) b_words = words_new (300, 5);
  g_autofree char *a_text = join_after (boilerplate, a_words, 0, 300);
  g_autofree char *b_text = join_after (boilerplate, b_words, 0, 300);
  g_autofree char *c_text = join (a_words, 0, 300);
  gint64           a, b, c;

  a = add (f, "First", "Outlet A", "en", a_text);
  b = add (f, "Second", "Outlet A", "en", b_text);
  /* The same words as the first, said to be German: never matched. */
  c = add (f, "Erste", "Outlet B", "de", c_text);

  g_assert_cmpint (relation (f, a, b, NULL), ==, -1);
  g_assert_cmpint (relation (f, a, c, NULL), ==, -1);
  g_assert_cmpint (n_versions_of (f, a), ==, 0);
}

static void
test_short_texts (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) words = words_new (300, 6);
  g_autofree char *text = join (words, 0, 300);
  g_autofree char *few = join (words, 100, 140);
  gint64           full, excerpt, thanks, thanks2;

  full = add (f, "Full", "Outlet A", "en", text);
  /* 40 words, all in the full text: too short to be called an excerpt. */
  excerpt = add (f, "Quote", "Outlet B", "en", few);
  g_assert_cmpint (relation (f, full, excerpt, NULL), ==, -1);

  /* Two texts of two words: one shingle each, the same. */
  thanks = add (f, "Thanks", "Outlet A", "en", "Thank you.");
  thanks2 = add (f, "Thanks again", "Outlet B", "en", "Thank you!");
  g_assert_cmpint (relation (f, thanks, thanks2, NULL), ==, ROSTRA_VERSION_SAME);
  /* No words at all: indexed, never matched. */
  add (f, "Nothing", "Outlet A", "en", "…");
  g_assert_cmpint (rostra_store_count_versions_pending (f->store, NULL), ==, 0);
}

/* Thresholds at their edges: prefixes of a text have a containment of
 * 1 and a resemblance of (x - 4) / (n - 4). */
static void
test_threshold_resemblance (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) words = words_new (200, 7);
  g_autofree char *text = join (words, 0, 200);
  g_autofree char *above = join (words, 0, 161); /* 157 / 196 = 0.801 */
  g_autofree char *below = join (words, 0, 160); /* 156 / 196 = 0.796 */
  gint64           full, a, b;
  double           similarity = 0;

  full = add (f, "Full", "Outlet A", "en", text);
  a = add (f, "Above", "Outlet B", "en", above);
  b = add (f, "Below", "Outlet C", "en", below);

  /* Both pass: "same" wins, with the resemblance. */
  g_assert_cmpint (relation (f, full, a, &similarity), ==, ROSTRA_VERSION_SAME);
  g_assert_cmpfloat_with_epsilon (similarity, 157.0 / 196.0, 1e-9);
  /* Only the containment passes: an excerpt, with the containment. */
  g_assert_cmpint (relation (f, full, b, &similarity), ==, ROSTRA_VERSION_EXCERPT);
  g_assert_cmpfloat (similarity, ==, 1.0);
  g_assert_cmpint (relation (f, b, full, NULL), ==, ROSTRA_VERSION_CONTAINS);
}

static void
test_threshold_containment (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) words = words_new (150, 8);
  g_autoptr (GPtrArray) others = words_new (20, 9);
  g_autofree char *text = join (words, 0, 150);
  g_autofree char *above = part_and_more (words, others, 87, 9);  /* 83 / 92 = 0.902 */
  g_autofree char *below = part_and_more (words, others, 86, 10); /* 82 / 92 = 0.891 */
  gint64           full, a, b;
  double           similarity = 0;

  full = add (f, "Full", "Outlet A", "en", text);
  a = add (f, "Above", "Outlet B", "en", above);
  b = add (f, "Below", "Outlet C", "en", below);

  g_assert_cmpint (relation (f, full, a, &similarity), ==, ROSTRA_VERSION_EXCERPT);
  g_assert_cmpfloat_with_epsilon (similarity, 83.0 / 92.0, 1e-9);
  g_assert_cmpint (relation (f, full, b, NULL), ==, -1);
}

static void
test_threshold_words (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) words = words_new (70, 10);
  g_autofree char *text = join (words, 0, 70);
  g_autofree char *fifty = join (words, 0, 50); /* resemblance 46 / 66 */
  g_autofree char *forty_nine = join (words, 0, 49);
  gint64           full, a, b;

  full = add (f, "Full", "Outlet A", "en", text);
  a = add (f, "Fifty words", "Outlet B", "en", fifty);
  b = add (f, "Forty-nine words", "Outlet C", "en", forty_nine);

  g_assert_cmpint (relation (f, full, a, NULL), ==, ROSTRA_VERSION_EXCERPT);
  g_assert_cmpint (relation (f, full, b, NULL), ==, -1);
}

/* Translations, removal, folding */

static void
test_translations (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) en = words_new (200, 11);
  g_autoptr (GPtrArray) de = words_new (200, 12);
  g_autofree char *en_text = join (en, 0, 200);
  g_autofree char *de_text = join (de, 0, 200);
  g_autoptr (GError) error = NULL;
  gint64 a, b;
  guint  n = 9;

  a = add (f, "Speech", "Outlet A", "en", en_text);
  b = add (f, "Rede", "Outlet B", "de", de_text);
  g_assert_true (rostra_store_link_translation (f->store, a, b, &error));
  g_assert_true (rostra_store_link_translation (f->store, b, a, &error)); /* again: no change */
  g_assert_no_error (error);
  g_assert_cmpint (relation (f, a, b, NULL), ==, ROSTRA_VERSION_TRANSLATION);
  g_assert_cmpint (relation (f, b, a, NULL), ==, ROSTRA_VERSION_TRANSLATION);
  g_assert_cmpuint (n_versions_of (f, a), ==, 1);

  g_assert_false (rostra_store_link_translation (f->store, a, 999, &error));
  g_assert_error (error, ROSTRA_STORE_ERROR, ROSTRA_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (rostra_store_link_translation (f->store, a, a, &error));
  g_clear_error (&error);
  g_assert_null (rostra_store_list_versions (f->store, 999, &error));
  g_assert_error (error, ROSTRA_STORE_ERROR, ROSTRA_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (rostra_store_unlink_versions (f->store, b, a, &n, &error));
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpint (relation (f, a, b, NULL), ==, -1);
  g_assert_true (rostra_store_unlink_versions (f->store, b, a, &n, &error));
  g_assert_cmpuint (n, ==, 0);
}

static void
test_unlink_found_and_fold (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) words = words_new (400, 13);
  g_autofree char *text = join (words, 0, 400);
  g_autofree char *excerpt = join (words, 100, 300);
  g_autoptr (RostraQuery) query = rostra_query_new ();
  g_autoptr (GArray) ids = NULL;
  g_autoptr (GError) error = NULL;
  gint64 full, copy, part, other;
  guint  n = 0;

  full = add (f, "Full", "Outlet A", "en", text);
  copy = add (f, "Copy", "Outlet B", "en", text); /* as long: the older stands for both */
  part = add (f, "Part", "Outlet C", "en", excerpt);
  other = add (f, "Other", "Outlet D", "en", "A speech of its own, short and unrelated.");

  query->one_per_speech = TRUE;
  ids = rostra_store_query_ids (f->store, query, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 2);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, other);
  g_assert_cmpint (g_array_index (ids, gint64, 1), ==, full);
  g_clear_pointer (&ids, g_array_unref);
  query->one_per_speech = FALSE;
  ids = rostra_store_query_ids (f->store, query, NULL, &error);
  g_assert_cmpuint (ids->len, ==, 4);

  {
    gint64 asked[] = { full, copy, part, other, 999 };
    g_autoptr (GArray) counts = rostra_store_count_versions (f->store, asked, 5, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (g_array_index (counts, guint, 0), ==, 2);
    g_assert_cmpuint (g_array_index (counts, guint, 1), ==, 2);
    g_assert_cmpuint (g_array_index (counts, guint, 2), ==, 2);
    g_assert_cmpuint (g_array_index (counts, guint, 3), ==, 0);
    g_assert_cmpuint (g_array_index (counts, guint, 4), ==, 0);
  }

  /* A false match, unlinked by hand. */
  g_assert_true (rostra_store_unlink_versions (f->store, full, part, &n, &error));
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpint (relation (f, part, full, NULL), ==, -1);
  g_assert_cmpint (relation (f, part, copy, NULL), ==, ROSTRA_VERSION_CONTAINS);
}

static gint64
import_dump (RostraStore *store, const char *name, const char *title, const char *text)
{
  g_autofree char *dump =
      g_strdup_printf ("%s | Outlet\n\n27-09-19 02:07:00,\n\n%s\n\n» Lees verder\n", title, text);
  g_autoptr (GInputStream) in = g_memory_input_stream_new_from_data (g_strdup (dump), -1, g_free);
  g_autoptr (RostraImportReport) report = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (rostra_import_stream (store, in, name, NULL, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_new, ==, 1);
  return report->import_id;
}

static void
test_import_and_remove (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) words = words_new (300, 14);
  g_autofree char *text = join (words, 0, 300);
  g_autofree char *excerpt = join (words, 0, 200);
  g_autoptr (GError) error = NULL;
  sqlite3 *db = NULL;
  gint64   first, second, third;
  guint    removed = 0, kept = 0;

  first = import_dump (f->store, "a.txt", "Full", text);
  second = import_dump (f->store, "b.txt", "Full, again", text);
  third = import_dump (f->store, "c.txt", "Part", excerpt);
  g_assert_cmpint (rostra_store_count_articles (f->store, NULL), ==, 3);
  g_assert_cmpuint (n_versions_of (f, 1), ==, 2);

  g_assert_true (rostra_store_remove_import (f->store, second, FALSE, &removed, &kept, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (removed, ==, 1);
  g_assert_cmpuint (n_versions_of (f, 1), ==, 1);
  g_assert_cmpint (relation (f, 1, 3, NULL), ==, ROSTRA_VERSION_EXCERPT);

  /* Nothing refers to the removed speech any more. */
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (rostra_test_query_int (db, "SELECT count(*) FROM version_pairs"
                                              " WHERE article_id = 2 OR other_id = 2"),
                   ==, 0);
  g_assert_cmpint (rostra_test_query_int (db, "SELECT count(*) FROM version_bands"
                                              " WHERE article_id = 2"),
                   ==, 0);
  g_assert_cmpint (rostra_test_query_int (db, "SELECT count(*) FROM version_bands"), ==,
                   2 * ROSTRA_LSH_BANDS);
  sqlite3_close (db);
  g_assert_cmpint (first, >, 0);
  g_assert_cmpint (third, >, 0);
}

/* Annotations across versions */

static gint64
annotate (Fixture *f, gint64 article_id, const char *text, const char *passage)
{
  g_autoptr (RostraAnnotation) a = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *exact = NULL, *prefix = NULL, *suffix = NULL;
  const char      *at = strstr (text, passage);
  guint            start, end;

  g_assert_nonnull (at);
  start = g_utf8_pointer_to_offset (text, at);
  end = start + g_utf8_strlen (passage, -1);
  rostra_anchor_describe (text, start, end, &exact, &prefix, &suffix);
  a = rostra_annotation_new (article_id, start, end, exact, prefix, suffix);
  g_assert_true (rostra_store_add_annotation (f->store, a, &error));
  g_assert_no_error (error);
  return rostra_annotation_get_id (a);
}

static void
test_annotations_across_versions (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) words = words_new (400, 15);
  g_autofree char *text = join_after ("Ünïcode first: ", words, 0, 400);
  g_autofree char *excerpt = join_after ("«Excerpt» ", words, 0, 250);
  g_autofree char *kept_passage = join (words, 120, 126);
  g_autofree char *cut_passage = join (words, 320, 326);
  g_autoptr (GPtrArray) items = NULL;
  g_autoptr (GError) error = NULL;
  gint64 full, part, kept_id, cut_id;

  kept_passage[strlen (kept_passage) - 1] = '\0'; /* without the final stop */
  cut_passage[strlen (cut_passage) - 1] = '\0';
  full = add (f, "Full", "Outlet A", "en", text);
  part = add (f, "Part", "Outlet B", "en", excerpt);
  kept_id = annotate (f, full, text, kept_passage);
  cut_id = annotate (f, full, text, cut_passage);

  items = rostra_store_list_version_annotations (f->store, part, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 2);
  for (guint i = 0; i < items->len; i++)
    {
      RostraVersionAnnotation *item = g_ptr_array_index (items, i);
      gint64                   id = rostra_annotation_get_id (item->annotation);

      g_assert_cmpint (item->version->id, ==, full);
      g_assert_cmpstr (item->version->source, ==, "Outlet A");
      g_assert_cmpint (rostra_annotation_get_article_id (item->annotation), ==, full);
      if (id == kept_id)
        {
          g_autofree char *found = NULL;
          const char      *s = g_utf8_offset_to_pointer (excerpt, item->start);
          const char      *e = g_utf8_offset_to_pointer (excerpt, item->end);

          g_assert_true (item->found);
          found = g_strndup (s, e - s);
          g_assert_cmpstr (found, ==, kept_passage);
        }
      else
        {
          g_assert_cmpint (id, ==, cut_id);
          g_assert_false (item->found); /* "not in this version" */
        }
    }

  /* From the excerpt's side nothing was annotated: the full text lists none. */
  g_clear_pointer (&items, g_ptr_array_unref);
  items = rostra_store_list_version_annotations (f->store, full, &error);
  g_assert_cmpuint (items->len, ==, 0);
}

/* The word diff */

static char *
slice (const char *text, guint start, guint end)
{
  const char *s = g_utf8_offset_to_pointer (text, start);

  return g_strndup (s, g_utf8_offset_to_pointer (text, end) - s);
}

static void
test_diff (void)
{
  const char *a = "Ladies and gentlemen, the économie is strong. We will build roads.";
  const char *b = "Ladies and gentlemen, the économie is very strong! We build roads and bridges.";
  g_autoptr (GArray) segments = rostra_diff_words (a, b);
  GString *deleted = g_string_new (NULL), *inserted = g_string_new (NULL);
  guint    a_pos = 0, b_pos = 0;

  for (guint i = 0; i < segments->len; i++)
    {
      RostraDiffSegment *s = &g_array_index (segments, RostraDiffSegment, i);
      g_autofree char   *sa = slice (a, s->a_start, s->a_end);
      g_autofree char   *sb = slice (b, s->b_start, s->b_end);

      /* Contiguous, covering both texts. */
      g_assert_cmpuint (s->a_start, ==, a_pos);
      g_assert_cmpuint (s->b_start, ==, b_pos);
      a_pos = s->a_end;
      b_pos = s->b_end;
      if (i > 0)
        g_assert_cmpint (s->kind, !=, g_array_index (segments, RostraDiffSegment, i - 1).kind);
      if (s->kind == ROSTRA_DIFF_EQUAL)
        g_assert_cmpstr (g_strstrip (sa), ==, g_strstrip (sb));
      else if (s->kind == ROSTRA_DIFF_DELETED)
        {
          g_assert_cmpuint (s->b_start, ==, s->b_end);
          g_string_append (deleted, sa);
        }
      else
        {
          g_assert_cmpuint (s->a_start, ==, s->a_end);
          g_string_append (inserted, sb);
        }
    }
  g_assert_cmpuint (a_pos, ==, g_utf8_strlen (a, -1));
  g_assert_cmpuint (b_pos, ==, g_utf8_strlen (b, -1));
  g_assert_cmpstr (deleted->str, ==, ". will ");
  g_assert_cmpstr (inserted->str, ==, "very ! and bridges");
  g_string_free (deleted, TRUE);
  g_string_free (inserted, TRUE);

  /* Identical, empty, all new. */
  g_clear_pointer (&segments, g_array_unref);
  segments = rostra_diff_words ("Same words here.", "Same words here.");
  g_assert_cmpuint (segments->len, ==, 1);
  g_assert_cmpint (g_array_index (segments, RostraDiffSegment, 0).kind, ==, ROSTRA_DIFF_EQUAL);
  g_clear_pointer (&segments, g_array_unref);
  segments = rostra_diff_words ("", "New text.");
  g_assert_cmpuint (segments->len, ==, 1);
  g_assert_cmpint (g_array_index (segments, RostraDiffSegment, 0).kind, ==, ROSTRA_DIFF_INSERTED);
  g_assert_cmpuint (g_array_index (segments, RostraDiffSegment, 0).b_end, ==, 9);
}

static void
test_diff_moved_paragraph (void)
{
  g_autoptr (GPtrArray) words = words_new (300, 16);
  g_autofree char *p1 = join (words, 0, 100), *p2 = join (words, 100, 200);
  g_autofree char *p3 = join (words, 200, 300);
  g_autofree char *a = g_strjoin ("\n\n", p1, p2, p3, NULL);
  g_autofree char *b = g_strjoin ("\n\n", p1, p3, NULL);
  g_autoptr (GArray) segments = rostra_diff_words (a, b);
  RostraDiffSegment *s;

  /* The cut paragraph is one deletion between two equal runs. */
  g_assert_cmpuint (segments->len, ==, 3);
  s = &g_array_index (segments, RostraDiffSegment, 1);
  g_assert_cmpint (s->kind, ==, ROSTRA_DIFF_DELETED);
  g_assert_cmpuint (s->a_end - s->a_start, ==, g_utf8_strlen (p2, -1) + 2);
}

/* Migration, the engine's job, backups */

static void
test_migration (void)
{
  g_autofree char *path = NULL;
  g_autoptr (RostraStore) store = rostra_test_store_new (&path);
  g_autoptr (RostraStore) again = NULL;
  g_autoptr (GPtrArray) words = words_new (300, 17);
  g_autofree char *text = join (words, 0, 300);
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) notes = NULL;
  g_autoptr (RostraAnnotation) a = NULL;
  sqlite3 *db = NULL;
  gint64   x, y;
  guint    n = 0;
  gint64   cursor = 0;

  /* Today's archive (schema 4) with two copies and an annotation. */
  g_assert_true (rostra_store_add_article (store, 0, "One", "A", NULL, "en", text, &x, &error));
  g_assert_true (rostra_store_add_article (store, 0, "Two", "B", NULL, "en", text, &y, &error));
  a = rostra_annotation_new (x, 0, 5, "", "", "");
  g_clear_object (&a);
  {
    g_autofree char *exact = NULL, *prefix = NULL, *suffix = NULL;

    rostra_anchor_describe (text, 10, 30, &exact, &prefix, &suffix);
    a = rostra_annotation_new (x, 10, 30, exact, prefix, suffix);
  }
  g_assert_true (rostra_store_add_annotation (store, a, &error));
  g_clear_object (&store);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, ROSTRA_TEST_UNDO_SCHEMA_VERSIONS " PRAGMA user_version = 5",
                                 NULL, NULL, NULL),
                   ==, SQLITE_OK);
  g_clear_pointer (&db, sqlite3_close);

  again = rostra_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rostra_store_get_schema_version (again), ==, ROSTRA_STORE_SCHEMA_VERSION);
  notes = rostra_store_list_annotations (again, x, &error);
  g_assert_cmpuint (g_list_model_get_n_items (notes), ==, 1);
  g_assert_cmpint (rostra_store_count_versions_pending (again, &error), ==, 2);
  {
    g_autoptr (GPtrArray) none = rostra_store_list_versions (again, x, &error);

    g_assert_cmpuint (none->len, ==, 0);
  }

  g_assert_true (rostra_store_index_versions_pending (again, &cursor, 1, NULL, &n, &error));
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpint (cursor, ==, x);
  g_assert_true (rostra_store_index_versions_pending (again, &cursor, 10, NULL, &n, &error));
  g_assert_cmpuint (n, ==, 1);
  g_assert_true (rostra_store_index_versions_pending (again, &cursor, 10, NULL, &n, &error));
  g_assert_cmpuint (n, ==, 0);
  g_assert_no_error (error);
  {
    g_autoptr (GPtrArray) versions = rostra_store_list_versions (again, x, &error);

    g_assert_cmpuint (versions->len, ==, 1);
    g_assert_cmpint (((RostraVersion *) g_ptr_array_index (versions, 0))->id, ==, y);
  }
}

static void
count_progress (guint64 done, guint64 total, gpointer data)
{
  guint64 *last = data;

  g_assert_cmpuint (done, <=, total);
  last[0] = done;
  last[1] = total;
}

static void
test_engine_job (void)
{
  g_autofree char *path = NULL;
  g_autoptr (RostraStore) store = rostra_test_store_new (&path);
  g_autoptr (RostraEngine) engine = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GCancellable) cancel = g_cancellable_new ();
  g_autoptr (GPtrArray) versions = NULL;
  g_autoptr (RostraComparison) comparison = NULL;
  g_autoptr (GError) error = NULL;
  guint64 progress[2] = { 0, 0 };
  guint   n = 0;
  gint64  first = 0, id;

  /* 600 speeches not indexed (as after the migration), pairs among them. */
  g_assert_true (rostra_store_begin (store, &error));
  for (guint i = 0; i < 300; i++)
    {
      g_autoptr (GPtrArray) words = words_new (120, 100 + i);
      g_autofree char *text = join (words, 0, 120);
      g_autofree char *title = g_strdup_printf ("Speech %u", i);

      g_assert_true (
          rostra_store_add_article (store, 0, title, "A", NULL, "en", text, &id, &error));
      first = first ? first : id;
      text[strlen (text) - 2] = 'x'; /* one word changed: the same speech */
      g_assert_true (
          rostra_store_add_article (store, 0, title, "B", NULL, "en", text, &id, &error));
    }
  g_assert_true (rostra_store_commit (store, &error));
  engine = rostra_engine_new (store);

  /* Cancelled at once: nothing done (never a half batch). */
  g_cancellable_cancel (cancel);
  rostra_engine_find_versions_async (engine, NULL, NULL, cancel, rostra_test_store_result, &result);
  g_assert_false (
      rostra_engine_find_versions_finish (engine, rostra_test_wait_result (&result), &n, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_clear_object (&result);
  /* 600 speeches are one batch: cancelled, it is rolled back whole. */
  g_assert_cmpint (ROSTRA_VERSIONS_BATCH, >=, 600);
  g_assert_cmpint (rostra_store_count_versions_pending (store, NULL), ==, 600);

  rostra_engine_find_versions_async (engine, count_progress, progress, NULL,
                                     rostra_test_store_result, &result);
  g_assert_true (
      rostra_engine_find_versions_finish (engine, rostra_test_wait_result (&result), &n, &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (progress[0], ==, progress[1]);
  g_assert_cmpint (rostra_store_count_versions_pending (store, NULL), ==, 0);

  rostra_engine_list_versions_async (engine, first, NULL, rostra_test_store_result, &result);
  versions = rostra_engine_list_versions_finish (engine, rostra_test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (versions->len, ==, 1);
  g_assert_cmpint (((RostraVersion *) g_ptr_array_index (versions, 0))->id, ==, first + 1);
  g_clear_object (&result);

  rostra_engine_compare_async (engine, first, first + 1, NULL, rostra_test_store_result, &result);
  comparison = rostra_engine_compare_finish (engine, rostra_test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (comparison->segments->len, ==, 4); /* equal, deleted, inserted, equal */
  g_clear_object (&result);

  {
    g_autoptr (GArray) counts = NULL;

    rostra_engine_count_versions_async (engine, &first, 1, NULL, rostra_test_store_result, &result);
    counts =
        rostra_engine_count_versions_finish (engine, rostra_test_wait_result (&result), &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_array_index (counts, guint, 0), ==, 1);
    g_clear_object (&result);
  }

  rostra_engine_link_translation_async (engine, first, first + 2, rostra_test_store_result,
                                        &result);
  g_assert_true (
      rostra_engine_link_translation_finish (engine, rostra_test_wait_result (&result), &error));
  g_clear_object (&result);
  rostra_engine_unlink_versions_async (engine, first, first + 2, rostra_test_store_result, &result);
  g_assert_true (
      rostra_engine_unlink_versions_finish (engine, rostra_test_wait_result (&result), &error));
  g_assert_no_error (error);
}

static void
test_backup_keeps_translations (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) en = words_new (100, 18);
  g_autoptr (GPtrArray) fr = words_new (100, 19);
  g_autofree char *en_text = join (en, 0, 100);
  g_autofree char *fr_text = join (fr, 0, 100);
  g_autoptr (RostraStore) restored = rostra_test_store_new (NULL);
  g_autoptr (GInputStream) in = NULL;
  g_autoptr (RostraImportReport) report = NULL;
  g_autoptr (GPtrArray) versions = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *json = NULL;
  gint64           a, b;

  add (f, "Unrelated first", "Outlet A", "en", "Some other words to shift the ids along.");
  a = add (f, "Speech", "Outlet A", "en", en_text);
  b = add (f, "Discours", "Outlet B", "fr", fr_text);
  g_assert_true (rostra_store_link_translation (f->store, a, b, &error));
  json = rostra_test_export_json (f->store);
  g_assert_nonnull (strstr (json, "\"translations\": [["));

  in = g_memory_input_stream_new_from_data (g_strdup (json), -1, g_free);
  g_assert_true (
      rostra_import_stream (restored, in, "backup.json", NULL, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  /* In the new archive, by title (ids differ). */
  for (gint64 id = 1; id <= 3; id++)
    {
      g_autoptr (RostraArticle) article = rostra_store_load_article (restored, id, &error);

      if (g_strcmp0 (rostra_article_get_title (article), "Speech") != 0)
        continue;
      versions = rostra_store_list_versions (restored, id, &error);
      g_assert_cmpuint (versions->len, ==, 1);
      g_assert_cmpstr (((RostraVersion *) g_ptr_array_index (versions, 0))->title, ==, "Discours");
      g_assert_cmpint (((RostraVersion *) g_ptr_array_index (versions, 0))->relation, ==,
                       ROSTRA_VERSION_TRANSLATION);
    }
  g_assert_nonnull (versions);
}

/* The command line */

/* Runs `rostra --database DB ARGS…` and checks its exit status; the
 * caller's @run gets what it wrote. */
G_GNUC_NULL_TERMINATED
static void
run_cli (RostraTestRun *run, const char *db, int status, ...)
{
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  va_list list;

  g_ptr_array_add (args, (gpointer) "--database");
  g_ptr_array_add (args, (gpointer) db);
  va_start (list, status);
  for (const char *a = va_arg (list, const char *); a; a = va_arg (list, const char *))
    g_ptr_array_add (args, (gpointer) a);
  va_end (list);
  g_ptr_array_add (args, NULL);
  rostra_test_run_rostrav (run, (const char *const *) args->pdata, NULL, NULL);
  g_assert_cmpint (run->status, ==, status);
}

static void
test_cli (void)
{
  g_autofree char *db = g_build_filename (rostra_test_tmpdir (), "cli.db", NULL);
  g_autoptr (GPtrArray) words = words_new (300, 20);
  g_autofree char *text = join (words, 0, 300);
  g_autofree char *excerpt = join (words, 0, 200);
  g_autofree char *dump =
      g_strdup_printf ("Full | Outlet A\n\n27-09-19 02:07:00,\n\n%s\n\n» Lees verder\n\n"
                       "Part | Outlet B\n\n28-09-19 02:07:00,\n\n%s\n\n» Lees verder\n",
                       text, excerpt);
  g_autofree char *file = rostra_test_write_file ("two-outlets.txt", dump, -1);
  g_autoptr (JsonNode) node = NULL;
  JsonObject *first;

  {
    g_auto (RostraTestRun) run = { 0 };

    run_cli (&run, db, 0, "--import", file, NULL);
  }
  {
    g_auto (RostraTestRun) run = { 0 };

    run_cli (&run, db, 0, "--versions", "1", "--json", NULL);
    node = rostra_test_parse_json (run.out);
    g_assert_cmpuint (json_array_get_length (json_node_get_array (node)), ==, 1);
    first = json_array_get_object_element (json_node_get_array (node), 0);
    g_assert_cmpint (json_object_get_int_member (first, "id"), ==, 2);
    g_assert_cmpstr (json_object_get_string_member (first, "title"), ==, "Part");
    g_assert_cmpstr (json_object_get_string_member (first, "relation"), ==, "excerpt");
    g_assert_cmpfloat (json_object_get_double_member (first, "similarity"), ==, 1.0);
    g_assert_true (json_object_has_member (first, "source"));
    g_assert_cmpstr (json_object_get_string_member (first, "published"), ==, "2019-09-28T02:07:00");
  }
  {
    g_auto (RostraTestRun) run = { 0 };

    run_cli (&run, db, 0, "--versions", "2", NULL);
    g_assert_nonnull (strstr (run.out, "contains"));
  }
  {
    g_auto (RostraTestRun) missing = { 0 };
    g_auto (RostraTestRun) unlink = { 0 };
    g_auto (RostraTestRun) none = { 0 };

    run_cli (&missing, db, 1, "--versions", "7", NULL);
    run_cli (&unlink, db, 0, "--unlink", "1", "2", NULL);
    run_cli (&none, db, 0, "--versions", "1", "--json", NULL);
    g_assert_cmpstr (g_strstrip (none.out), ==, "[]");
  }
  {
    g_auto (RostraTestRun) link = { 0 };
    g_auto (RostraTestRun) run = { 0 };

    run_cli (&link, db, 0, "--link-translation", "2", "1", NULL);
    run_cli (&run, db, 0, "--versions", "1", "--json", NULL);
    g_assert_nonnull (strstr (run.out, "\"relation\": \"translation\""));
    g_assert_nonnull (strstr (run.out, "\"similarity\": 0.000"));
  }
  {
    g_auto (RostraTestRun) missing = { 0 };
    g_auto (RostraTestRun) one = { 0 };
    g_auto (RostraTestRun) same = { 0 };
    g_auto (RostraTestRun) combined = { 0 };
    g_auto (RostraTestRun) find = { 0 };

    run_cli (&missing, db, 1, "--link-translation", "1", "9", NULL);
    run_cli (&one, db, 2, "--link-translation", "1", NULL);
    run_cli (&same, db, 2, "--link-translation", "1", "1", NULL);
    run_cli (&combined, db, 2, "--versions", "1", "--list", NULL);
    run_cli (&find, db, 0, "--find-versions", NULL);
  }
}

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/versions/shingles/fold", test_shingles_fold);
  g_test_add_func ("/versions/shingles/minhash-estimates", test_minhash_estimates);
  ADD ("/versions/detect/same-edited-retitled", test_same_edited_retitled);
  ADD ("/versions/detect/excerpts", test_excerpts);
  ADD ("/versions/detect/reordered-paragraphs", test_reordered_paragraphs);
  ADD ("/versions/detect/boilerplate-and-languages", test_boilerplate_and_languages);
  ADD ("/versions/detect/short-texts", test_short_texts);
  ADD ("/versions/threshold/resemblance", test_threshold_resemblance);
  ADD ("/versions/threshold/containment", test_threshold_containment);
  ADD ("/versions/threshold/words", test_threshold_words);
  ADD ("/versions/translations", test_translations);
  ADD ("/versions/unlink-found-and-fold", test_unlink_found_and_fold);
  ADD ("/versions/import-and-remove", test_import_and_remove);
  ADD ("/versions/annotations", test_annotations_across_versions);
  g_test_add_func ("/versions/diff/words", test_diff);
  g_test_add_func ("/versions/diff/moved-paragraph", test_diff_moved_paragraph);
  g_test_add_func ("/versions/migration", test_migration);
  g_test_add_func ("/versions/engine-job", test_engine_job);
  ADD ("/versions/backup-keeps-translations", test_backup_keeps_translations);
  g_test_add_func ("/versions/cli", test_cli);

  return g_test_run ();
}
