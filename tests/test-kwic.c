/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-kwic.c: the concordance: occurrences, phrases, prefixes, forms, sorting, filters, coding,
 * CSV.
 *
 * Expected occurrences are marked by hand in the invented texts, between
 * `[` and `]` (`{` `}` and `<` `>` for overlapping ones): the test
 * counts them itself, never with the code it checks.
 */

#include "config.h"

#include <string.h>

#include "rostra-engine-kwic.h"
#include "rostra-kwic-private.h"
#include "rostra-kwic.h"
#include "rostra-store-speakers.h"
#include "rostra-stem.h"
#include "rostra-store-private.h"
#include "rostra-test-utils.h"

typedef struct
{
  char         *path;
  RostraStore  *store;
  RostraEngine *engine;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->store = rostra_test_store_new (&f->path);
  f->engine = rostra_engine_new (f->store);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->engine);
  g_clear_object (&f->store);
  g_free (f->path);
}

/* A marked text: the text without its marks, and the marked spans (in
 * characters), in the order they start. */
typedef struct
{
  char   *text;
  GArray *spans; /* RostraKwicHit, article_id 0 */
} Marked;

static int
compare_spans (gconstpointer a, gconstpointer b)
{
  const RostraKwicHit *x = a, *y = b;

  return (x->start > y->start) - (x->start < y->start);
}

static Marked
parse_marked (const char *marked)
{
  Marked   m = { NULL, g_array_new (FALSE, FALSE, sizeof (RostraKwicHit)) };
  GString *text = g_string_new (NULL);
  guint    chars = 0;
  int      open[3] = { -1, -1, -1 };

  for (const char *p = marked; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      int      which = (c == '[' || c == ']')   ? 0
                       : (c == '{' || c == '}') ? 1
                       : (c == '<' || c == '>') ? 2
                                                : -1;

      if (which >= 0 && (c == '[' || c == '{' || c == '<'))
        open[which] = chars;
      else if (which >= 0)
        {
          RostraKwicHit span = { 0, open[which], chars };

          g_assert_cmpint (open[which], >=, 0);
          g_array_append_val (m.spans, span);
          open[which] = -1;
        }
      else
        {
          g_string_append_unichar (text, c);
          chars++;
        }
    }
  g_array_sort (m.spans, compare_spans);
  m.text = g_string_free (text, FALSE);
  return m;
}

static RostraKwicResult *
kwic (RostraStore *store, RostraKwicQuery *query)
{
  g_autoptr (GError) error = NULL;
  RostraKwicResult *result = rostra_store_kwic (store, query, 1000, TRUE, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_true (result->complete);
  return result;
}

/* Every marked span of @marked (in speech @id) is a hit, and nothing else */
static void
assert_hits (RostraKwicResult *result, gint64 id, const Marked *m)
{
  guint n = 0;

  for (guint i = 0; i < result->hits->len; i++)
    g_test_message ("  found %u-%u", g_array_index (result->hits, RostraKwicHit, i).start,
                    g_array_index (result->hits, RostraKwicHit, i).end);
  for (guint i = 0; i < m->spans->len; i++)
    g_test_message ("  marked %u-%u", g_array_index (m->spans, RostraKwicHit, i).start,
                    g_array_index (m->spans, RostraKwicHit, i).end);
  for (guint i = 0; i < result->hits->len; i++)
    {
      RostraKwicHit *hit = &g_array_index (result->hits, RostraKwicHit, i);
      RostraKwicHit *want;

      if (hit->article_id != id)
        continue;
      g_assert_cmpuint (n, <, m->spans->len);
      want = &g_array_index (m->spans, RostraKwicHit, n);
      g_assert_cmpuint (hit->start, ==, want->start);
      g_assert_cmpuint (hit->end, ==, want->end);
      n++;
    }
  g_assert_cmpuint (n, ==, m->spans->len);
}

/* A query, its text marked with what it must find */
typedef struct
{
  const char *query;
  const char *marked;
} Case;

static void
check_cases (Fixture *f, const Case *cases, guint n_cases, const char *language, gboolean forms)
{
  for (guint i = 0; i < n_cases; i++)
    {
      Marked m = parse_marked (cases[i].marked);
      gint64 id = rostra_test_add_speech (f->store, cases[i].query, NULL, "2020-01-01T10:00:00",
                                          language, m.text);
      g_autoptr (RostraKwicQuery) query = rostra_kwic_query_new (cases[i].query);
      g_autoptr (RostraKwicResult) result = NULL;

      query->forms = forms;
      result = kwic (f->store, query);
      g_test_message ("%s: %u hits in %s", cases[i].query, result->hits->len, m.text);
      assert_hits (result, id, &m);

      /* The lines say the same: match is text[start:end] */
      for (guint k = 0; k < result->lines->len; k++)
        {
          RostraKwicLine  *line = g_ptr_array_index (result->lines, k);
          const char      *from;
          g_autofree char *exact = NULL;

          if (line->article_id != id)
            continue;
          from = g_utf8_offset_to_pointer (m.text, line->start);
          exact = g_strndup (from, g_utf8_offset_to_pointer (m.text, line->end) - from);
          g_assert_cmpstr (line->match, ==, exact);
        }
      /* The next case's speech must not hold this one's words */
      g_assert_true (rostra_store_begin (f->store, NULL));
      {
        sqlite3_stmt *del =
            _rostra_store_statement (f->store, "DELETE FROM articles WHERE id = ?1", NULL);

        sqlite3_bind_int64 (del, 1, id);
        g_assert_true (_rostra_store_run (f->store, del, NULL));
      }
      g_assert_true (rostra_store_commit (f->store, NULL));
      g_free (m.text);
      g_array_unref (m.spans);
    }
}

/* Whole words, case and accents ignored; first and last word of a text;
 * apostrophes; prefixes. */
static void
test_words (Fixture *f, gconstpointer data)
{
  static const Case cases[] = {
    { "cafe", "[Café] au lait. The [CAFE] was closed; a cafeteria is not one, nor a\n"
              "cafés. The [café]’s owner, [cafe]'s too, said “[café]!” Last: [cafe]" },
    { "Café", "[cafe] and [CAFÉ] and [cåfe]" },
    { "ecole", "L’[école] est fermée; l'[Ecole]; écoles; [ÉCOLE]." },
    { "Lavrov's", "[Lavrov’s] speech, [Lavrov's] aide, [lavrov s]; Lavrov said; Lavrovs" },
    { "don't", "I [don't] know; [DON’T]; dont; [don, t]; don€t" },
    { "terror*", "[terror], [terrorism] and [Terrorist] acts; antiterror; counter-[terrorism]" },
    { "2019", "In [2019] and 20190 and [2019]-09; x2019" },
    { "россия", "[Россия] и [РОССИЯ], но не России." },
    { "straße", "[Straße], [STRAßE]; the index does not fold ß: STRASSE, strasse, street" },
  };

  check_cases (f, cases, G_N_ELEMENTS (cases), "en", FALSE);
}

/* Phrases: words in a row with white space or punctuation between,
 * across line breaks; a symbol between breaks them; overlapping hits. */
static void
test_phrases (Fixture *f, gconstpointer data)
{
  static const Case cases[] = {
    { "human rights", "We defend [human\nrights], [Human  Rights]. [human-rights]? "
                      "[human—rights], [human,\r\n\trights]; human € rights; human and rights; "
                      "humane rights; [human rights]" },
    { "\"human rights\"", "[human rights] and [HUMAN RIGHTS]" },
    { "very very", "It is [very {very] very} good, [very\nvery] fine" },
    { "the the the", "[the {the <the] the} the>" },
    { "united nat*",
      "the [United Nations], [united nation] and [united, nations]; [united (nations])" },
    { "ab* cd*", "[abc cde], [ab cd], [abx, cd]; xab cd, ab xcd" },
  };

  check_cases (f, cases, G_N_ELEMENTS (cases), "en", FALSE);
}

/* Whatever the query holds that is not a word is no syntax: searched as
 * words or finding nothing, never an error. */
static void
test_hostile (Fixture *f, gconstpointer data)
{
  static const char *const nothing[] = {
    "*", "**", "\"", "\"\"", "()", "(*)", "-", "^", ":", "{", "'; --", "🎉", "", "   ", NULL,
  };
  static const Case cases[] = {
    { "NEAR(war peace", "[near war peace] [near, war peace] near war € peace" },
    { "\"war\" OR peace", "[war or peace] war, peace" },
    { "(war)", "[war]; warfare" },
    { "war:peace", "[war: peace], [war peace]; war+peace" },
    { "text : war", "[text: war]; war" },
    { "'; DROP TABLE articles; --", "Say [drop table articles] now" },
    { "war*peace", "[war peace], [warm peace]" },
  };
  gint64 id =
      rostra_test_add_speech (f->store, "A", NULL, NULL, "en", "war and peace, near war peace");
  g_autoptr (GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (nothing); i++)
    {
      g_autoptr (RostraKwicQuery) query = rostra_kwic_query_new (nothing[i]);
      g_autoptr (RostraKwicResult) result = kwic (f->store, query);

      g_assert_cmpuint (result->hits->len, ==, 0);
      g_assert_cmpuint (result->n_articles, ==, 0);
    }
  {
    g_autoptr (RostraKwicQuery) query = rostra_kwic_query_new (NULL);
    g_autoptr (RostraKwicResult) result = kwic (f->store, query);

    g_assert_cmpuint (result->hits->len, ==, 0);
  }
  g_assert_cmpint (rostra_store_count_articles (f->store, &error), ==, 1);
  g_assert_true (id > 0);
  check_cases (f, cases, G_N_ELEMENTS (cases), "en", FALSE);
  /* The archive is whole */
  g_assert_cmpint (rostra_store_count_articles (f->store, &error), ==, 1);
}

/* Word forms, by each speech's language */
static void
test_forms (Fixture *f, gconstpointer data)
{
  static const Case en[] = {
    { "sanction", "[Sanctions] were [sanctioned]; [sanctioning] a [sanction]. Sanctity, sanct." },
    { "happy", "[happy], [happiness]; happier (Snowball keeps it), unhappy" },
    { "Ukraine", "[Ukraine], [Ukraine]’s army; [Ukraines]; Ukrainian (Snowball keeps it)" },
    { "nationaux", "[nationaux] only; national, nationale" },
  };
  static const Case fr[] = {
    { "national", "[nationaux], [nationale], [national], [nationales]; nation" },
  };
  static const Case de[] = {
    { "Haus", "Das [Haus], des [Hauses], die [Häuser]; Hausse? hau" },
  };
  static const Case nl[] = {
    { "maatregel", "De [maatregelen] en de [maatregel]; maatschappij" },
    { "verklaring", "[verklaringen], [Verklaring]; verklaard" },
  };
  static const Case ru[] = {
    { "Россия", "[Россия], [России], [Россию], [Россией]; русский" },
  };
  static const Case none[] = {
    /* A language without a stemmer: the word itself */
    { "sanction", "[sanction], sanctions" },
  };

  g_assert_true (rostra_stem_has_language ("ru"));
  g_assert_false (rostra_stem_has_language ("it"));
  check_cases (f, en, G_N_ELEMENTS (en), "en", TRUE);
  check_cases (f, fr, G_N_ELEMENTS (fr), "fr", TRUE);
  check_cases (f, de, G_N_ELEMENTS (de), "de", TRUE);
  check_cases (f, nl, G_N_ELEMENTS (nl), "nl", TRUE);
  check_cases (f, ru, G_N_ELEMENTS (ru), "ru", TRUE);
  check_cases (f, none, G_N_ELEMENTS (none), "it", TRUE);
}

/* The same text in two languages: the forms of one are not the other's */
static void
test_forms_per_language (Fixture *f, gconstpointer data)
{
  gint64 fr =
      rostra_test_add_speech (f->store, "fr", NULL, "2020-01-02", "fr", "nationaux et nationale");
  gint64 en =
      rostra_test_add_speech (f->store, "en", NULL, "2020-01-01", "en", "nationaux et nationale");
  g_autoptr (RostraKwicQuery) query = rostra_kwic_query_new ("national");
  g_autoptr (RostraKwicResult) with = NULL;
  g_autoptr (RostraKwicResult) without = NULL;

  query->forms = TRUE;
  with = kwic (f->store, query);
  g_assert_cmpuint (with->hits->len, ==, 2);
  g_assert_cmpuint (with->n_articles, ==, 1);
  for (guint i = 0; i < with->hits->len; i++)
    g_assert_cmpint (g_array_index (with->hits, RostraKwicHit, i).article_id, ==, fr);
  query->forms = FALSE;
  without = kwic (f->store, query);
  g_assert_cmpuint (without->hits->len, ==, 0);
  g_assert_true (en != fr);
}

/* The library's search with forms: a whole word finds its forms */
static void
test_search_forms (Fixture *f, gconstpointer data)
{
  gint64 de =
      rostra_test_add_speech (f->store, "Rede", NULL, "2020-01-01", "de", "Die Häuser der Stadt");
  g_autoptr (RostraQuery) query = rostra_query_new ();
  g_autoptr (GArray) ids = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *fts = NULL;

  rostra_test_add_speech (f->store, "Other", NULL, "2020-01-02", "de", "Der Hausmeister");
  query->text = g_strdup ("haus stadt");
  ids = rostra_store_query_ids (f->store, query, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 0);
  g_clear_pointer (&ids, g_array_unref);

  query->forms = TRUE;
  fts = rostra_store_dup_search_fts (f->store, query, &error);
  g_assert_no_error (error);
  g_test_message ("forms: %s", fts);
  ids = rostra_store_query_ids (f->store, query, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, de);
}

/* A small archive for sorting and filtering */
static void
add_sorting_archive (Fixture *f, gint64 ids[4])
{
  ids[0] = rostra_test_add_speech (f->store, "One", "Herald", "2021-03-01T10:00:00", "en",
                                   "zeal for peace. Also bold peace now.");
  ids[1] = rostra_test_add_speech (f->store, "Two", "Courier", "2019-05-01T10:00:00", "en",
                                   "a lasting peace, then calm");
  ids[2] = rostra_test_add_speech (f->store, "Three", "Abendblatt", NULL, "de", "peace");
  ids[3] = rostra_test_add_speech (f->store, "Four", "Courier", "2023-12-31T23:00:00", "en",
                                   "make peace yesterday and eternal peace always");
}

typedef struct
{
  guint article; /* index in ids */
  guint start;
} Want;

static void
assert_order (RostraKwicResult *result, const gint64 ids[4], const Want *want, guint n)
{
  g_assert_cmpuint (result->hits->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      RostraKwicHit *hit = &g_array_index (result->hits, RostraKwicHit, i);

      g_test_message ("%u: %" G_GINT64_FORMAT " %u", i, hit->article_id, hit->start);
      g_assert_cmpint (hit->article_id, ==, ids[want[i].article]);
      g_assert_cmpuint (hit->start, ==, want[i].start);
    }
}

static void
test_sort (Fixture *f, gconstpointer data)
{
  gint64 ids[4];
  g_autoptr (RostraKwicQuery) query = rostra_kwic_query_new ("peace");
  /* By date: newest first, undated last, by position within */
  const Want by_date[] = { { 3, 5 }, { 3, 33 }, { 0, 9 }, { 0, 26 }, { 1, 10 }, { 2, 0 } };
  const Want oldest[] = { { 1, 10 }, { 0, 9 }, { 0, 26 }, { 3, 5 }, { 3, 33 }, { 2, 0 } };
  /* First word left: "" (start), bold, eternal, for, lasting, make */
  const Want left_1[] = { { 2, 0 }, { 0, 26 }, { 3, 33 }, { 0, 9 }, { 1, 10 }, { 3, 5 } };
  /* Second word left: "", "", and, also, "a", zeal: "" ties by date */
  const Want left_2[] = { { 3, 5 }, { 2, 0 }, { 1, 10 }, { 0, 26 }, { 3, 33 }, { 0, 9 } };
  /* First word right: "" (end), also... always, also, now, then, yesterday */
  const Want right_1[] = { { 2, 0 }, { 0, 9 }, { 3, 33 }, { 0, 26 }, { 1, 10 }, { 3, 5 } };
  const Want right_1_z[] = { { 3, 5 }, { 1, 10 }, { 0, 26 }, { 3, 33 }, { 0, 9 }, { 2, 0 } };
  /* Second word right: "", "", bold, and, calm, "" */
  const Want right_2[] = { { 3, 33 }, { 0, 26 }, { 2, 0 }, { 3, 5 }, { 0, 9 }, { 1, 10 } };
  /* Source: Abendblatt, Courier (newest first), Herald */
  const Want source[] = { { 2, 0 }, { 3, 5 }, { 3, 33 }, { 1, 10 }, { 0, 9 }, { 0, 26 } };
  g_autoptr (GError) error = NULL;

  add_sorting_archive (f, ids);
  {
    g_autoptr (RostraKwicResult) r = kwic (f->store, query);

    assert_order (r, ids, by_date, G_N_ELEMENTS (by_date));
    g_assert_cmpuint (r->n_articles, ==, 4);
  }
  {
    struct
    {
      RostraKwicSort sort;
      gboolean       reverse;
      const Want    *want;
    } sorts[] = {
      { ROSTRA_KWIC_SORT_DATE, TRUE, oldest },       { ROSTRA_KWIC_SORT_LEFT_1, FALSE, left_1 },
      { ROSTRA_KWIC_SORT_LEFT_2, FALSE, left_2 },    { ROSTRA_KWIC_SORT_RIGHT_1, FALSE, right_1 },
      { ROSTRA_KWIC_SORT_RIGHT_1, TRUE, right_1_z }, { ROSTRA_KWIC_SORT_RIGHT_2, FALSE, right_2 },
      { ROSTRA_KWIC_SORT_SOURCE, FALSE, source },
    };

    for (guint i = 0; i < G_N_ELEMENTS (sorts); i++)
      {
        g_autoptr (RostraKwicResult) r = NULL;

        g_test_message ("sort %u", i);
        query->sort = sorts[i].sort;
        query->reverse = sorts[i].reverse;
        r = kwic (f->store, query);
        assert_order (r, ids, sorts[i].want, 6);
        /* The first lines are the first hits' */
        g_assert_cmpuint (r->lines->len, ==, 6);
        for (guint k = 0; k < r->lines->len; k++)
          g_assert_cmpuint (((RostraKwicLine *) g_ptr_array_index (r->lines, k))->start, ==,
                            g_array_index (r->hits, RostraKwicHit, k).start);
      }
  }

  /* By speaker: nobody named first, then by name, ties newest first */
  {
    const char *const names[] = { "Brandt", "Ahrens", NULL, "Brandt" };
    const Want by_speaker[] = { { 2, 0 }, { 1, 10 }, { 3, 5 }, { 3, 33 }, { 0, 9 }, { 0, 26 } };
    const Want brandt[] = { { 3, 5 }, { 3, 33 }, { 0, 9 }, { 0, 26 } };

    for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
      if (names[i] != NULL)
        {
          RostraArticleMetadata metadata = { .speaker = names[i] };

          g_assert_true (rostra_store_set_article_metadata (
              f->store, ids[i], ROSTRA_METADATA_SPEAKER, &metadata, &error));
        }
    query->sort = ROSTRA_KWIC_SORT_SPEAKER;
    query->reverse = FALSE;
    {
      g_autoptr (RostraKwicResult) r = kwic (f->store, query);

      assert_order (r, ids, by_speaker, G_N_ELEMENTS (by_speaker));
      g_assert_cmpstr (((RostraKwicLine *) g_ptr_array_index (r->lines, 1))->speaker, ==, "Ahrens");
      g_assert_null (((RostraKwicLine *) g_ptr_array_index (r->lines, 0))->speaker);
    }
    /* One speaker's speeches, named in any case */
    query->sort = ROSTRA_KWIC_SORT_DATE;
    query->speaker = g_strdup ("BRANDT");
    {
      g_autoptr (RostraKwicResult) r = kwic (f->store, query);

      assert_order (r, ids, brandt, G_N_ELEMENTS (brandt));
      g_assert_cmpuint (r->n_articles, ==, 2);
    }
  }
}

static void
test_filters (Fixture *f, gconstpointer data)
{
  gint64            ids[4];
  const char *const tags[] = { "treaty", NULL };
  g_autoptr (GError) error = NULL;
  struct
  {
    const char *source, *language, *tag, *since, *until;
    guint       n_hits, n_articles;
  } cases[] = {
    { "Courier", NULL, NULL, NULL, NULL, 3, 2 },
    { NULL, "de", NULL, NULL, NULL, 1, 1 },
    { NULL, NULL, "treaty", NULL, NULL, 2, 1 },
    { NULL, NULL, NULL, "2021", NULL, 4, 2 },
    { NULL, NULL, NULL, "2021-03-02", NULL, 2, 1 },
    { NULL, NULL, NULL, NULL, "2021-03", 3, 2 },
    { NULL, NULL, NULL, NULL, "2023-12-31", 5, 3 },
    { NULL, NULL, NULL, "2019-05-01", "2019-05-01", 1, 1 },
    { NULL, NULL, NULL, NULL, "2019", 1, 1 },
    { "Courier", "en", NULL, "2020", NULL, 2, 1 },
    { "Nobody", NULL, NULL, NULL, NULL, 0, 0 },
  };

  add_sorting_archive (f, ids);
  g_assert_true (rostra_store_add_article_tags (f->store, ids[0], tags, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (RostraKwicQuery) query = rostra_kwic_query_new ("peace");
      g_autoptr (RostraKwicResult) result = NULL;

      query->source = g_strdup (cases[i].source);
      query->language = g_strdup (cases[i].language);
      query->tag = g_strdup (cases[i].tag);
      query->since = g_strdup (cases[i].since);
      query->until = g_strdup (cases[i].until);
      result = kwic (f->store, query);
      g_test_message ("filter %u: %u hits", i, result->hits->len);
      g_assert_cmpuint (result->hits->len, ==, cases[i].n_hits);
      g_assert_cmpuint (result->n_articles, ==, cases[i].n_articles);
    }

  /* Dates that are not dates; a speaker (issue 15) */
  {
    const char *bad[] = { "2021-02-30", "21", "2021-1-1", "2021/01/01", "yesterday", "0000" };
    g_autoptr (RostraKwicQuery) query = rostra_kwic_query_new ("peace");

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_clear_error (&error);
        g_free (query->since);
        query->since = g_strdup (bad[i]);
        g_assert_null (rostra_store_kwic (f->store, query, 10, TRUE, NULL, &error));
        g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
      }
    g_clear_error (&error);
    g_clear_pointer (&query->since, g_free);
    /* A speaker nobody is: nothing, and no error */
    query->speaker = g_strdup ("Lavrov");
    {
      g_autoptr (RostraKwicResult) r = kwic (f->store, query);

      g_assert_cmpuint (r->hits->len, ==, 0);
    }
  }
}

static void
test_dates (void)
{
  struct
  {
    const char *date;
    const char *since, *until;
  } cases[] = {
    { "2020", "2020-01-01", "2021-01-01" },
    { "2020-02", "2020-02-01", "2020-03-01" },
    { "2020-02-29", "2020-02-29", "2020-03-01" },
    { "2020-12-31", "2020-12-31", "2021-01-01" },
    { "2021-02-29", NULL, NULL },
    { "2020-13", NULL, NULL },
    { "202", NULL, NULL },
    { "2020-1", NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *since = _rostra_kwic_date_bound (cases[i].date, FALSE);
      g_autofree char *until = _rostra_kwic_date_bound (cases[i].date, TRUE);

      g_assert_cmpstr (since, ==, cases[i].since);
      g_assert_cmpstr (until, ==, cases[i].until);
    }
}

/* Lines: the context on each side, fewer at the ends */
static void
test_lines (Fixture *f, gconstpointer data)
{
  gint64 id = rostra_test_add_speech (f->store, "Lines", "Src", "2020-01-01", "en",
                                      "Peace, said Ann; and for that peace we work. Peace");
  g_autoptr (RostraKwicQuery) query = rostra_kwic_query_new ("peace");
  g_autoptr (RostraKwicResult) result = NULL;
  g_autoptr (GPtrArray) again = NULL;
  g_autoptr (GError) error = NULL;
  RostraKwicLine *line;

  query->context = 10;
  result = kwic (f->store, query);
  g_assert_cmpuint (result->lines->len, ==, 3);
  line = g_ptr_array_index (result->lines, 0);
  g_assert_cmpint (line->article_id, ==, id);
  g_assert_cmpstr (line->left, ==, "");
  g_assert_cmpstr (line->match, ==, "Peace");
  g_assert_cmpstr (line->right, ==, ", said Ann");
  g_assert_cmpstr (line->title, ==, "Lines");
  g_assert_cmpstr (line->source, ==, "Src");
  g_assert_null (line->speaker);
  line = g_ptr_array_index (result->lines, 1);
  g_assert_cmpstr (line->left, ==, " for that ");
  g_assert_cmpstr (line->right, ==, " we work. ");
  line = g_ptr_array_index (result->lines, 2);
  g_assert_cmpstr (line->right, ==, "");
  g_assert_cmpuint (line->end, ==,
                    g_utf8_strlen ("Peace, said Ann; and for that peace we work. Peace", -1));

  /* The same lines read again from the hits */
  again = rostra_store_kwic_lines (f->store, (RostraKwicHit *) (gpointer) result->hits->data,
                                   result->hits->len, 10, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < again->len; i++)
    {
      RostraKwicLine *a = g_ptr_array_index (again, i), *b = g_ptr_array_index (result->lines, i);

      g_assert_cmpstr (a->left, ==, b->left);
      g_assert_cmpstr (a->match, ==, b->match);
      g_assert_cmpstr (a->right, ==, b->right);
    }

  {
    g_autofree char *text = rostra_kwic_line_format (g_ptr_array_index (result->lines, 0), 10);

    g_assert_cmpstr (strstr (text, "  Peace  , said Ann"), !=, NULL);
  }
}

static void
test_sentence (void)
{
  struct
  {
    const char *marked; /* the sentence marked [ ], the match { } */
  } cases[] = {
    { "Mr Smith spoke. [He said the {harbour} is old!] Then he left." },
    { "[The {harbour}.]" },
    { "One.\n\n[Two {harbour} lines\nin one sentence] \n\nThree." },
    { "Go. [“Is the {harbour} safe?”] she asked." },
    { "[{harbour}]" },
    { "First… [second {harbour} here…] third" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      Marked         m = parse_marked (cases[i].marked);
      RostraKwicHit *sentence = &g_array_index (m.spans, RostraKwicHit, 0);
      RostraKwicHit *match = &g_array_index (m.spans, RostraKwicHit, 1);
      guint          start, end;

      if (match->end - match->start > sentence->end - sentence->start)
        {
          RostraKwicHit *swap = match;

          match = sentence;
          sentence = swap;
        }
      start = match->start;
      end = match->end;
      rostra_kwic_sentence (m.text, &start, &end);
      g_test_message ("%s: %u-%u", m.text, start, end);
      g_assert_cmpuint (start, ==, sentence->start);
      g_assert_cmpuint (end, ==, sentence->end);
      g_free (m.text);
      g_array_unref (m.spans);
    }
}

static guint
count_annotations (Fixture *f)
{
  sqlite3 *db = NULL;
  guint    n;

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  n = (guint) rostra_test_query_int (db, "SELECT count(*) FROM annotations");
  sqlite3_close (db);
  return n;
}

/* Coding every hit is one step (on the engine's writer), undone in one */
static void
test_code_all (Fixture *f, gconstpointer data)
{
  const char *const tags[] = { "peace", "theme", NULL };
  gint64            ids[4];
  g_autoptr (RostraKwicQuery) query = rostra_kwic_query_new ("peace");
  g_autoptr (GAsyncResult) found = NULL, coded = NULL, undone = NULL;
  g_autoptr (RostraKwicResult) result = NULL;
  g_autoptr (GArray) created = NULL;
  g_autoptr (GError) error = NULL;

  add_sorting_archive (f, ids);
  rostra_engine_kwic_async (f->engine, query, 100, TRUE, NULL, rostra_test_store_result, &found);
  result = rostra_engine_kwic_finish (f->engine, rostra_test_wait_result (&found), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->hits->len, ==, 6);

  rostra_engine_kwic_code_async (f->engine, (RostraKwicHit *) (gpointer) result->hits->data,
                                 result->hits->len, ROSTRA_KWIC_SPAN_MATCH, "green", tags,
                                 "on peace", rostra_test_store_result, &coded);
  created = rostra_engine_kwic_code_finish (f->engine, rostra_test_wait_result (&coded), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (created->len, ==, 6);
  g_assert_cmpuint (count_annotations (f), ==, 6);

  for (guint i = 0; i < created->len; i++)
    {
      g_autoptr (RostraAnnotation) a =
          rostra_store_load_annotation (f->store, g_array_index (created, gint64, i), &error);
      RostraKwicHit *hit = &g_array_index (result->hits, RostraKwicHit, i);

      g_assert_no_error (error);
      g_assert_cmpint (rostra_annotation_get_article_id (a), ==, hit->article_id);
      g_assert_cmpuint (rostra_annotation_get_start (a), ==, hit->start);
      g_assert_cmpuint (rostra_annotation_get_end (a), ==, hit->end);
      g_assert_cmpstr (rostra_annotation_get_exact (a), ==, "peace");
      g_assert_cmpstr (rostra_annotation_get_color (a), ==, "green");
      g_assert_cmpstr (rostra_annotation_get_note (a), ==, "on peace");
      g_assert_cmpuint (g_strv_length ((char **) rostra_annotation_get_tags (a)), ==, 2);
      g_assert_false (rostra_annotation_get_orphaned (a));
    }

  rostra_engine_delete_annotations_async (f->engine, (gint64 *) (gpointer) created->data,
                                          created->len, rostra_test_store_result, &undone);
  g_assert_true (rostra_engine_delete_annotations_finish (
      f->engine, rostra_test_wait_result (&undone), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_annotations (f), ==, 0);
}

/* Widened to sentences: two hits in one sentence make one passage; a
 * bad hit saves nothing at all */
static void
test_code_sentences (Fixture *f, gconstpointer data)
{
  gint64 id = rostra_test_add_speech (f->store, "S", NULL, "2020-01-01", "en",
                                      "War is near. Peace, they say, peace now! Then war.");
  g_autoptr (RostraKwicQuery) query = rostra_kwic_query_new ("peace");
  g_autoptr (RostraKwicResult) result = kwic (f->store, query);
  g_autoptr (GArray) created = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (RostraAnnotation) a = NULL;
  RostraKwicHit bad[] = { { id, 0, 3 }, { id, 40, 400 } };

  g_assert_cmpuint (result->hits->len, ==, 2);
  created = rostra_store_kwic_code (f->store, (RostraKwicHit *) (gpointer) result->hits->data,
                                    result->hits->len, ROSTRA_KWIC_SPAN_SENTENCE, NULL, NULL, NULL,
                                    &error);
  g_assert_no_error (error);
  g_assert_cmpuint (created->len, ==, 1);
  a = rostra_store_load_annotation (f->store, g_array_index (created, gint64, 0), &error);
  g_assert_cmpstr (rostra_annotation_get_exact (a), ==, "Peace, they say, peace now!");
  g_assert_cmpstr (rostra_annotation_get_color (a), ==, "yellow");

  g_assert_null (rostra_store_kwic_code (f->store, bad, G_N_ELEMENTS (bad), ROSTRA_KWIC_SPAN_MATCH,
                                         "red", NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_cmpuint (count_annotations (f), ==, 1);
  g_clear_error (&error);
  g_assert_null (rostra_store_kwic_code (f->store, bad, 1, ROSTRA_KWIC_SPAN_MATCH, "mauve", NULL,
                                         NULL, &error));
  g_assert_nonnull (error);
  g_assert_cmpuint (count_annotations (f), ==, 1);
}

/* CSV: RFC 4180 rows, read back; formulas guarded */
static void
test_csv (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (rostra_test_tmpdir (), "kwic.csv", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (RostraKwicQuery) query = rostra_kwic_query_new ("peace");
  g_autoptr (GAsyncResult) exported = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *csv = NULL;
  guint            n = 0;
  gint64           id;
  char           **row;

  id = rostra_test_add_speech (f->store, "A \"quoted\", title", "=cmd", "2020-01-01T10:00:00", "en",
                               "He said: \"peace, now\"\n=peace");
  query->context = 8;
  rostra_engine_kwic_export_async (f->engine, query, file, NULL, rostra_test_store_result,
                                   &exported);
  g_assert_true (rostra_engine_kwic_export_finish (f->engine, rostra_test_wait_result (&exported),
                                                   &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 2);
  g_assert_true (g_file_get_contents (path, &csv, NULL, &error));
  g_assert_true (g_str_has_prefix (csv, "article_id,title,speaker,source,date,left,match,right,"
                                        "start,end\r\n"));
  rows = rostra_test_read_csv (csv);
  g_assert_cmpuint (rows->len, ==, 3);
  row = g_ptr_array_index (rows, 1);
  g_assert_cmpuint (g_strv_length (row), ==, 10);
  {
    g_autoptr (RostraArticle) article = rostra_store_load_article (f->store, id, &error);

    g_assert_nonnull (rostra_article_get_uuid (article));
    g_assert_cmpstr (row[0], ==, rostra_article_get_uuid (article));
  }
  g_assert_cmpstr (row[1], ==, "A \"quoted\", title");
  g_assert_cmpstr (row[2], ==, "");
  g_assert_cmpstr (row[3], ==, "'=cmd");
  g_assert_cmpstr (row[4], ==, "2020-01-01T10:00:00");
  g_assert_cmpstr (row[5], ==, " said: \"");
  g_assert_cmpstr (row[6], ==, "peace");
  g_assert_cmpstr (row[7], ==, ", now\"\n=");
  g_assert_cmpstr (row[8], ==, "10");
  g_assert_cmpstr (row[9], ==, "15");
  row = g_ptr_array_index (rows, 2);
  g_assert_cmpstr (row[5], ==, ", now\"\n=");
  g_assert_cmpstr (row[7], ==, "");
}

/* A cancelled search never answers; one cancelled while it runs stops */
static void
test_cancel (Fixture *f, gconstpointer data)
{
  g_autoptr (RostraKwicQuery) query = rostra_kwic_query_new ("harbour");
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GAsyncResult) before = NULL, during = NULL, after = NULL;
  g_autoptr (RostraKwicResult) result = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (rostra_store_begin (f->store, NULL));
  /* More than the 5,000 candidates from which a first page walks the dates */
  for (guint i = 0; i < 6000; i++)
    {
      g_autofree char *text = g_strdup_printf (
          "The harbour %u needs work. Our harbour is old, the harbour master said.", i);

      g_autofree char *date = g_strdup_printf ("%04u-01-01", 1900 + i % 100);

      rostra_test_add_speech (f->store, "H", NULL, date, "en", text);
    }
  g_assert_true (rostra_store_commit (f->store, NULL));

  g_cancellable_cancel (cancellable);
  rostra_engine_kwic_async (f->engine, query, 100, TRUE, cancellable, rostra_test_store_result,
                            &before);
  g_assert_null (rostra_engine_kwic_finish (f->engine, rostra_test_wait_result (&before), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  g_clear_object (&cancellable);
  cancellable = g_cancellable_new ();
  rostra_engine_kwic_async (f->engine, query, 100, TRUE, cancellable, rostra_test_store_result,
                            &during);
  g_usleep (2000);
  g_cancellable_cancel (cancellable);
  g_assert_null (rostra_engine_kwic_finish (f->engine, rostra_test_wait_result (&during), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  /* And the next one answers: first page first, by date, then all */
  rostra_engine_kwic_async (f->engine, query, 100, FALSE, NULL, rostra_test_store_result, &after);
  result = rostra_engine_kwic_finish (f->engine, rostra_test_wait_result (&after), &error);
  g_assert_no_error (error);
  g_assert_false (result->complete);
  g_assert_cmpuint (result->lines->len, ==, 100);
  g_assert_cmpuint (result->hits->len, >=, 100);
  g_assert_cmpuint (result->hits->len, <, 18000);
  /* The newest first */
  for (guint i = 0; i < result->lines->len; i++)
    g_assert_true (g_str_has_prefix (
        ((RostraKwicLine *) g_ptr_array_index (result->lines, i))->published, "1999"));
  g_clear_pointer (&result, rostra_kwic_result_free);

  /* Within dates, the walk starts at the last one */
  {
    g_autoptr (RostraKwicQuery) until = rostra_kwic_query_new ("harbour");

    until->until = g_strdup ("1950");
    result = rostra_store_kwic (f->store, until, 100, FALSE, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (result->lines->len, ==, 100);
    for (guint i = 0; i < result->lines->len; i++)
      g_assert_true (g_str_has_prefix (
          ((RostraKwicLine *) g_ptr_array_index (result->lines, i))->published, "1950"));
    g_clear_pointer (&result, rostra_kwic_result_free);
  }

  /* A prefix's first page too (the walk checks a list of candidates) */
  {
    g_autoptr (RostraKwicQuery) prefix = rostra_kwic_query_new ("harbo*");

    result = rostra_store_kwic (f->store, prefix, 100, FALSE, NULL, &error);
    g_assert_no_error (error);
    g_assert_false (result->complete);
    g_assert_cmpuint (result->lines->len, ==, 100);
    for (guint i = 0; i < result->lines->len; i++)
      g_assert_true (g_str_has_prefix (
          ((RostraKwicLine *) g_ptr_array_index (result->lines, i))->published, "1999"));
    g_clear_pointer (&result, rostra_kwic_result_free);
  }

  g_clear_object (&after);
  rostra_engine_kwic_async (f->engine, query, 100, TRUE, NULL, rostra_test_store_result, &after);
  result = rostra_engine_kwic_finish (f->engine, rostra_test_wait_result (&after), &error);
  g_assert_no_error (error);
  g_assert_true (result->complete);
  g_assert_cmpuint (result->hits->len, ==, 18000);
  g_assert_cmpuint (result->n_articles, ==, 6000);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/kwic/words", test_words);
  ADD ("/kwic/phrases", test_phrases);
  ADD ("/kwic/hostile", test_hostile);
  ADD ("/kwic/forms", test_forms);
  ADD ("/kwic/forms-per-language", test_forms_per_language);
  ADD ("/kwic/search-forms", test_search_forms);
  ADD ("/kwic/sort", test_sort);
  ADD ("/kwic/filters", test_filters);
  ADD ("/kwic/lines", test_lines);
  ADD ("/kwic/code-all", test_code_all);
  ADD ("/kwic/code-sentences", test_code_sentences);
  ADD ("/kwic/csv", test_csv);
  ADD ("/kwic/cancel", test_cancel);
  g_test_add_func ("/kwic/dates", test_dates);
  g_test_add_func ("/kwic/sentence", test_sentence);
#undef ADD

  return g_test_run ();
}
