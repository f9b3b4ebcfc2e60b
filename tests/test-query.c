/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-query.c: search, filters, order and the lazy article list. */

#include "config.h"

#include <locale.h>

#include <sqlite3.h>
#include <string.h>

#include "rostra-article-list.h"
#include "rostra-test-utils.h"
#include "rostra-text.h"

static gint64
add (RostraStore *store,
     const char  *title,
     const char  *source,
     const char  *published,
     const char  *language,
     const char  *text)
{
  return rostra_test_add_speech (store, title, source, published, language, text);
}

typedef struct
{
  char        *path;
  RostraStore *store;
  gint64       bridge, library, railway, geneva, undated;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->store = rostra_test_store_new (&f->path);
  f->bridge =
      add (f->store, "Mayor opens the harbour bridge", "Riverside Courier", "2021-03-14T09:30:00",
           "en", "The harbour bridge belongs to the people who built it. Harbours need bridges.");
  f->library =
      add (f->store, "Burgemeester over de bibliotheek", "Stadsblad", "2020-11-02T16:45:00", "nl",
           "De nieuwe bibliotheek is een plek voor jong en oud, bij de haven.");
  f->railway =
      add (f->store, "Senator on the northern railway", "Riverside Courier", "1998-06-30T11:05:00",
           "en", "The railway bridge over the harbour carries timber and grain.");
  f->geneva = add (f->store, "Talks in Genève", "Le Journal", "2020-05-01T10:00:00", "fr",
                   "Les négociations à Genève ont repris. The harbour was not mentioned.");
  f->undated =
      add (f->store, "An undated appeal", NULL, NULL, NULL, "Please keep the bridge open.");
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  g_free (f->path);
}

static GArray *
ids_for (Fixture *f, const RostraQuery *query)
{
  g_autoptr (GError) error = NULL;
  GArray *ids = rostra_store_query_ids (f->store, query, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (ids);
  return ids;
}

static GArray *
search (Fixture *f, const char *text, RostraSortOrder sort)
{
  g_autoptr (RostraQuery) query = rostra_query_new ();

  query->text = g_strdup (text);
  query->sort = sort;
  return ids_for (f, query);
}

static void
assert_ids (GArray *ids, guint n, ...)
{
  va_list args;

  g_assert_cmpuint (ids->len, ==, n);
  va_start (args, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (g_array_index (ids, gint64, i), ==, va_arg (args, gint64));
  va_end (args);
}

static void
test_to_fts (void)
{
  static const struct
  {
    const char *in;
    const char *out;
  } cases[] = {
    { "harbour", "\"harbour\"*" },
    { "harbour bridge", "\"harbour\" \"bridge\"*" },
    { "harbour ", "\"harbour\"" },
    { "\"harbour bridge\"", "\"harbour bridge\"" },
    { "“harbour bridge” open", "\"harbour bridge\" \"open\"*" },
    { "NEAR(a b)", "\"NEAR(a\" \"b)\"" },
    { "a AND b OR NOT c", "\"a\" \"AND\" \"b\" \"OR\" \"NOT\" \"c\"" },
    { "a AND b OR NOT cat", "\"a\" \"AND\" \"b\" \"OR\" \"NOT\" \"cat\"*" },
    /* Prefixes start at three letters: one or two match too much. */
    { "h", "\"h\"" },
    { "ha", "\"ha\"" },
    { "har", "\"har\"*" },
    { "ééé", "\"ééé\"*" },
    { "say \"hi", "\"say\" \"hi\"" },
    { "", NULL },
    { "   ", NULL },
    /* Characters but no word: a search that matches nothing. */
    { "*** - ( ) \"\"", "\"\"" },
    { "🎉", "\"\"" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *fts = rostra_search_to_fts (cases[i].in);

      g_assert_cmpstr (fts, ==, cases[i].out);
    }
}

static void
test_hostile (Fixture *f, gconstpointer data)
{
  static const char *const hostile[] = {
    "\"",
    "\"\"",
    "\"unbalanced",
    "unbalanced\"",
    "NEAR(",
    "NEAR(a b, 3)",
    "AND",
    "OR",
    "NOT",
    "a AND",
    "OR b",
    "*",
    "-",
    "-harbour",
    "+",
    "^harbour",
    "(",
    ")",
    "((harbour",
    "harbour))",
    "{title text}: harbour",
    "title:harbour",
    "text : bridge",
    "col:",
    "'; DROP TABLE articles; --",
    "\\",
    "a\"b\"c",
    "🎤",
    "\x01\x02",
    "harbour* bridge*",
    "\"harbour\" NEAR \"bridge\"",
    "..",
    "\xEE\x80\x80",
    ":",
    "@",
    "#",
    "$1",
    "?1",
    "%",
    "_",
    "\t\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      g_autoptr (GArray) ids = search (f, hostile[i], ROSTRA_SORT_RELEVANCE);
      g_autofree char *fts = rostra_search_to_fts (hostile[i]);

      g_test_message ("%s → %s: %u results", hostile[i], fts, ids->len);
    }

  /* A long string of odd characters too. */
  {
    g_autoptr (GString) s = g_string_new (NULL);
    g_autoptr (GArray) ids = NULL;

    for (guint i = 0; i < 5000; i++)
      g_string_append (s, i % 7 ? "\"(*" : " NEAR ");
    ids = search (f, s->str, ROSTRA_SORT_RELEVANCE);
  }

  g_assert_cmpint (rostra_test_count_rows (f->path, "articles"), ==, 5);
}

static void
test_words_prefix_phrase (Fixture *f, gconstpointer data)
{
  g_autoptr (GArray) prefix = search (f, "harb", ROSTRA_SORT_NEWEST);
  g_autoptr (GArray) words = search (f, "harbour bridge", ROSTRA_SORT_NEWEST);
  g_autoptr (GArray) phrase = search (f, "\"harbour bridge\"", ROSTRA_SORT_NEWEST);
  g_autoptr (GArray) operators = search (f, "harbour AND", ROSTRA_SORT_NEWEST);
  g_autoptr (GArray) none = search (f, "zeppelin", ROSTRA_SORT_NEWEST);

  /* Prefix as you type: harb finds harbour and harbours. */
  assert_ids (prefix, 3, f->bridge, f->geneva, f->railway);
  /* Every word is required (bridge also as a prefix: bridges). */
  assert_ids (words, 2, f->bridge, f->railway);
  /* A quoted phrase must appear as such. */
  assert_ids (phrase, 1, f->bridge);
  /* AND is a word to find, not an operator: nothing says "and"… but one does. */
  g_assert_cmpuint (operators->len, ==, 1);
  assert_ids (operators, 1, f->railway);
  assert_ids (none, 0);
}

static void
test_diacritics (Fixture *f, gconstpointer data)
{
  g_autoptr (GArray) plain = search (f, "geneve", ROSTRA_SORT_NEWEST);
  g_autoptr (GArray) accented = search (f, "Genève", ROSTRA_SORT_NEWEST);
  g_autoptr (GArray) upper = search (f, "NEGOCIATIONS", ROSTRA_SORT_NEWEST);

  assert_ids (plain, 1, f->geneva);
  assert_ids (accented, 1, f->geneva);
  assert_ids (upper, 1, f->geneva);
}

static void
test_relevance (Fixture *f, gconstpointer data)
{
  g_autoptr (GArray) ids = search (f, "bridge", ROSTRA_SORT_RELEVANCE);

  /* "bridge" in the title and twice in the text ranks first. */
  g_assert_cmpuint (ids->len, ==, 3);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, f->bridge);
}

static void
test_sort (Fixture *f, gconstpointer data)
{
  g_autoptr (RostraQuery) query = rostra_query_new ();
  g_autoptr (GArray) newest = NULL;
  g_autoptr (GArray) oldest = NULL;
  g_autoptr (GArray) title = NULL;
  g_autoptr (GArray) relevance = NULL;

  newest = ids_for (f, query);
  assert_ids (newest, 5, f->bridge, f->library, f->geneva, f->railway, f->undated);

  query->sort = ROSTRA_SORT_OLDEST;
  oldest = ids_for (f, query);
  assert_ids (oldest, 5, f->railway, f->geneva, f->library, f->bridge, f->undated);

  query->sort = ROSTRA_SORT_TITLE;
  title = ids_for (f, query);
  assert_ids (title, 5, f->undated, f->library, f->bridge, f->railway, f->geneva);

  /* Relevance without a search falls back to newest first. */
  query->sort = ROSTRA_SORT_RELEVANCE;
  relevance = ids_for (f, query);
  assert_ids (relevance, 5, f->bridge, f->library, f->geneva, f->railway, f->undated);
}

static void
test_filters (Fixture *f, gconstpointer data)
{
  g_autoptr (RostraQuery) query = rostra_query_new ();
  g_autoptr (GArray) source = NULL;
  g_autoptr (GArray) language = NULL;
  g_autoptr (GArray) year = NULL;
  g_autoptr (GArray) annotated = NULL;
  g_autoptr (GArray) combined = NULL;
  g_autofree char *sql = NULL;
  sqlite3         *db;

  query->source = g_strdup ("Riverside Courier");
  source = ids_for (f, query);
  assert_ids (source, 2, f->bridge, f->railway);

  g_clear_pointer (&query->source, g_free);
  query->language = g_strdup ("nl");
  language = ids_for (f, query);
  assert_ids (language, 1, f->library);

  g_clear_pointer (&query->language, g_free);
  query->year = 2020;
  year = ids_for (f, query);
  assert_ids (year, 2, f->library, f->geneva);

  query->year = 0;
  query->annotated_only = TRUE;
  sql =
      g_strdup_printf ("INSERT INTO annotations (article_id, start, end, exact, created, modified)"
                       " VALUES (%" G_GINT64_FORMAT ", 4, 11, 'harbour', 'x', 'x')",
                       f->railway);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  annotated = ids_for (f, query);
  assert_ids (annotated, 1, f->railway);

  /* Filters and search together. */
  query->annotated_only = FALSE;
  query->source = g_strdup ("Riverside Courier");
  query->text = g_strdup ("timber");
  combined = ids_for (f, query);
  assert_ids (combined, 1, f->railway);
}

static void
test_facets (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) sources = rostra_store_list_sources (f->store, &error);
  g_auto (GStrv) languages = rostra_store_list_languages (f->store, &error);
  g_auto (GStrv) years = rostra_store_list_years (f->store, &error);
  const char *expected_years[] = { "2021", "2020", "1998", NULL };

  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (sources), ==, 3);
  g_assert_cmpstr (sources[0], ==, "Riverside Courier");
  g_assert_cmpstr (languages[0], ==, "en");
  g_assert_cmpuint (g_strv_length (languages), ==, 3);
  g_assert_true (g_strv_equal ((const char *const *) years, expected_years));
}

static void
wait_loaded (RostraArticleList *list)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (rostra_article_list_get_loading (list) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (rostra_article_list_get_loading (list));
}

static void
count_changes (GListModel *model, guint position, guint removed, guint added, gpointer data)
{
  (*(guint *) data)++;
}

static void
test_list_model (Fixture *f, gconstpointer data)
{
  g_autoptr (RostraArticleList) list = rostra_article_list_new (f->store);
  g_autoptr (RostraQuery) query = rostra_query_new ();
  g_autoptr (RostraArticle) first = NULL;
  g_autoptr (RostraArticle) again = NULL;
  g_autoptr (RostraArticle) hit = NULL;
  g_autofree char *markup = NULL;
  guint            changes = 0;

  g_signal_connect (list, "items-changed", G_CALLBACK (count_changes), &changes);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list)) == ROSTRA_TYPE_ARTICLE);

  rostra_article_list_set_query (list, query);
  g_assert_true (rostra_article_list_get_loading (list));
  wait_loaded (list);
  g_assert_cmpuint (changes, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 5);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), 5));

  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpint (rostra_article_get_id (first), ==, f->bridge);
  g_assert_cmpstr (rostra_article_get_source (first), ==, "Riverside Courier");
  /* Rows carry no text and no snippet outside a search. */
  g_assert_null (rostra_article_get_text (first));
  g_assert_null (rostra_article_get_snippet (first));
  again = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_true (first == again);

  g_assert_cmpuint (rostra_article_list_find (list, f->undated), ==, 4);
  g_assert_cmpuint (rostra_article_list_find (list, 9999), ==, G_MAXUINT);
  g_assert_cmpint (rostra_article_list_get_id (list, 1), ==, f->library);

  query->text = g_strdup ("timber");
  rostra_article_list_set_query (list, query);
  wait_loaded (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  hit = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_nonnull (strstr (rostra_article_get_snippet (hit),
                            ROSTRA_TEXT_MATCH_START "timber" ROSTRA_TEXT_MATCH_END));
  markup = rostra_text_snippet_to_markup (rostra_article_get_snippet (hit));
  g_assert_nonnull (strstr (markup, "<b>timber</b>"));

  /* One row read again (its annotation count changed), no new query. */
  {
    g_autoptr (RostraAnnotation) a = rostra_annotation_new (f->railway, 4, 11, "railway", "", "");
    g_autoptr (RostraArticle) before = g_list_model_get_item (G_LIST_MODEL (list), 0);
    g_autoptr (RostraArticle) after = NULL;
    g_autoptr (GError) error = NULL;

    g_assert_true (rostra_store_add_annotation (f->store, a, &error));
    changes = 0;
    rostra_article_list_reload (list, f->railway);
    rostra_article_list_reload (list, f->bridge); /* not shown: nothing */
    g_assert_false (rostra_article_list_get_loading (list));
    g_assert_cmpuint (changes, ==, 1);
    after = g_list_model_get_item (G_LIST_MODEL (list), 0);
    g_assert_cmpuint (rostra_article_get_n_annotations (before), ==, 0);
    g_assert_cmpuint (rostra_article_get_n_annotations (after), ==, 1);
    /* The row read again keeps its snippet, without searching again. */
    g_assert_nonnull (strstr (rostra_article_get_snippet (after), "timber"));
  }

  /* The same query again changes nothing. */
  changes = 0;
  rostra_article_list_set_query (list, query);
  g_assert_false (rostra_article_list_get_loading (list));
  g_assert_cmpuint (changes, ==, 0);
}

static void
test_snippet_markup (void)
{
  static const struct
  {
    const char *in;
    const char *out;
  } cases[] = {
    { "a " ROSTRA_TEXT_MATCH_START "b" ROSTRA_TEXT_MATCH_END " c", "a <b>b</b> c" },
    { "<i>&" ROSTRA_TEXT_MATCH_START "x", "&lt;i&gt;&amp;<b>x</b>" },
    { "stray" ROSTRA_TEXT_MATCH_END " end\nline", "stray end line" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *markup = rostra_text_snippet_to_markup (cases[i].in);

      g_assert_cmpstr (markup, ==, cases[i].out);
    }
}

/* Compiles @name (say "en_US") into a locale directory of the test's
 * own and switches LC_COLLATE to it. */
static gboolean
use_private_locale (const char *name)
{
  g_autofree char *locale = rostra_test_compile_locale (name);

  return locale != NULL && setlocale (LC_COLLATE, locale) != NULL;
}

/* Titles sort as the user's language does, not by bytes: accented
 * letters among their base letters, case a minor difference. */
static void
test_sort_locale (void)
{
  g_autofree char *path = NULL;
  g_autoptr (RostraStore) store = rostra_test_store_new (&path);
  g_autoptr (RostraQuery) query = rostra_query_new ();
  g_autoptr (GArray) ids = NULL;
  g_autoptr (GError) error = NULL;
  gint64 zoe, eclairage, apple, zebra, eclipse;

  if (!use_private_locale ("en_US"))
    {
      g_test_skip ("No en_US locale could be compiled (install the locales package)");
      return;
    }

  zoe = add (store, "Zoë on the harbour", NULL, NULL, "en", "The harbour.");
  eclairage = add (store, "Éclairage public", NULL, NULL, "fr", "Les lampes.");
  apple = add (store, "apple orchards", NULL, NULL, "en", "The orchards.");
  zebra = add (store, "Zebra crossings", NULL, NULL, "en", "The crossings.");
  eclipse = add (store, "eclipse of the moon", NULL, NULL, "en", "The moon.");

  query->sort = ROSTRA_SORT_TITLE;
  ids = rostra_store_query_ids (store, query, NULL, &error);
  g_assert_no_error (error);
  /* Bytes (or SQLite's NOCASE) would give Zebra, Zoë, apple, eclipse, Éclairage. */
  assert_ids (ids, 5, apple, eclairage, eclipse, zebra, zoe);

  setlocale (LC_COLLATE, "C.UTF-8");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/search/to-fts", test_to_fts);
  g_test_add_func ("/search/snippet-markup", test_snippet_markup);
  g_test_add ("/search/hostile", Fixture, NULL, fixture_set_up, test_hostile, fixture_tear_down);
  g_test_add ("/search/words-prefix-phrase", Fixture, NULL, fixture_set_up,
              test_words_prefix_phrase, fixture_tear_down);
  g_test_add ("/search/diacritics", Fixture, NULL, fixture_set_up, test_diacritics,
              fixture_tear_down);
  g_test_add ("/search/relevance", Fixture, NULL, fixture_set_up, test_relevance,
              fixture_tear_down);
  g_test_add ("/query/sort", Fixture, NULL, fixture_set_up, test_sort, fixture_tear_down);
  g_test_add_func ("/query/sort-locale", test_sort_locale);
  g_test_add ("/query/filters", Fixture, NULL, fixture_set_up, test_filters, fixture_tear_down);
  g_test_add ("/query/facets", Fixture, NULL, fixture_set_up, test_facets, fixture_tear_down);
  g_test_add ("/list/model", Fixture, NULL, fixture_set_up, test_list_model, fixture_tear_down);

  return g_test_run ();
}
