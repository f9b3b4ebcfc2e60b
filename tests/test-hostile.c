// SPDX-License-Identifier: GPL-3.0-or-later
/* test-hostile.c: hostile and odd input (issue 8): dumps with huge lines,
 * NUL bytes, broken and mixed encodings, invalid dates, many entries of
 * the same title, right-to-left, combining and emoji text, huge titles;
 * notes and tags full of markup, SQL, FTS syntax and control characters,
 * through the core and every export; odd file names, through the core
 * and the command line.
 *
 * ROSTRA_TEST_SAME_TITLE_ENTRIES sets how many entries of one title are
 * imported (100,000 unless set; the sanitizer build may set fewer, and
 * the test says how many it used). */

#include "config.h"

#include <glib/gstdio.h>
#include <libxml/HTMLparser.h>
#include <string.h>

#include "rostra-anchor.h"
#include "rostra-exporter.h"
#include "rostra-importer.h"
#include "rostra-query.h"
#include "rostra-test-utils.h"

#define MB (1024 * 1024)

/* Helpers */

static RostraImportReport *
import_data (RostraStore *store, const char *name, const char *data, gssize len)
{
  g_autofree char *path = rostra_test_write_file (name, data, len);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  RostraImportReport *report = NULL;

  g_assert_true (rostra_import_file (store, file, NULL, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static gboolean
report_has_warning (RostraImportReport *report, guint line, const char *fragment)
{
  for (guint i = 0; i < report->warnings->len; i++)
    {
      RostraParseWarning *w = &g_array_index (report->warnings, RostraParseWarning, i);

      if (w->line == line && strstr (w->message, fragment) != NULL)
        return TRUE;
    }
  return FALSE;
}

/* The articles of the archive, oldest id first, with their text. */
static GPtrArray *
load_articles (RostraStore *store)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) list = rostra_store_list_articles (store, &error);
  GPtrArray *articles = g_ptr_array_new_with_free_func (g_object_unref);
  gint64     n = rostra_store_count_articles (store, &error);

  g_assert_no_error (error);
  g_assert_nonnull (list);
  for (gint64 id = 1; articles->len < (guint) n; id++)
    {
      RostraArticle *article = rostra_store_load_article (store, id, NULL);

      if (article)
        g_ptr_array_add (articles, article);
      g_assert_cmpint (id, <, n + 1000);
    }
  return articles;
}

static RostraArticle *
article_at (GPtrArray *articles, guint i)
{
  return g_ptr_array_index (articles, i);
}

/* The ids a search finds, as the library's search entry would. */
static GArray *
search (RostraStore *store, const char *text)
{
  g_autoptr (RostraQuery) query = rostra_query_new ();
  g_autoptr (GError) error = NULL;
  GArray *ids;

  query->text = g_strdup (text);
  ids = rostra_store_query_ids (store, query, NULL, &error);
  g_assert_no_error (error);
  return ids;
}

static gboolean
search_finds (RostraStore *store, const char *text, gint64 id)
{
  g_autoptr (GArray) ids = search (store, text);

  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return TRUE;
  return FALSE;
}

static char *
nfc (const char *text)
{
  return g_utf8_normalize (text, -1, G_NORMALIZE_NFC);
}

/* Dumps */

/* A 10 MB line: as a paragraph it is kept whole; alone in a file it is
 * skipped with a warning, and the file holds no entry. */
static void
test_long_line (void)
{
  g_autoptr (RostraStore) store = rostra_test_store_new (NULL);
  g_autoptr (GString) line = g_string_sized_new (10 * MB + 64);
  g_autoptr (GString) dump =
      g_string_new ("A very long speech | Courier\n\n01-02-20 10:00:00,\n\n");
  g_autoptr (RostraImportReport) report = NULL;
  g_autoptr (GPtrArray) articles = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *alone = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (RostraImportReport) failed = NULL;

  /* Two-byte characters, so that chunks of the reader split them. */
  while (line->len < 10 * MB)
    g_string_append (line, "Grüße aus Köln und Zürich. ");
  g_strchomp (line->str);
  line->len = strlen (line->str);
  g_string_append_len (dump, line->str, line->len);
  /* Line 5 was the long one: the lines after it are counted right. */
  g_string_append (dump, "\n\u00a0»\u00a0Read more\n" /* 6 */
                         "Next | Courier\n"           /* 7 */
                         "31-02-19 10:00:00,\n"       /* 8 */
                         "After the long line.\n"     /* 9 */
                         "» Read more\n");

  report = import_data (store, "long-line.txt", dump->str, dump->len);
  g_assert_cmpuint (report->n_new, ==, 2);
  g_assert_cmpuint (report->n_warnings, ==, 1);
  g_assert_true (report_has_warning (report, 8, "is not a valid date"));
  g_assert_cmpstr (report->encoding, ==, "UTF-8");
  articles = load_articles (store);
  g_assert_cmpstr (rostra_article_get_text (article_at (articles, 0)), ==, line->str);
  g_assert_true (search_finds (store, "zurich", rostra_article_get_id (article_at (articles, 0))));

  /* The same line alone, without a line end, in a file that is no
   * plain-text speech (.dump): nothing to import. */
  alone = rostra_test_write_file ("long-line-alone.dump", line->str, line->len);
  file = g_file_new_for_path (alone);
  g_assert_false (rostra_import_file (store, file, NULL, NULL, NULL, NULL, &failed, &error));
  g_assert_error (error, ROSTRA_IMPORT_ERROR, ROSTRA_IMPORT_ERROR_NO_ENTRIES);
  g_assert_nonnull (failed);
  g_assert_true (report_has_warning (failed, 1, "Line 1 was skipped"));
  g_assert_cmpint (rostra_store_count_articles (store, NULL), ==, 2);
}

static const char nul_dump[] = "NUL bytes | Courier\n"          /* 1 */
                               "\n"                             /* 2 */
                               "01-02-20 10:00:00,\n"           /* 3 */
                               "\n"                             /* 4 */
                               "Before\0after, and \0 again.\n" /* 5 */
                               "\n"                             /* 6 */
                               "Clean line.\n"                  /* 7 */
                               " » Read more\n";                /* 8 */

static void
test_nul_bytes (void)
{
  g_autoptr (RostraStore) store = rostra_test_store_new (NULL);
  g_autoptr (RostraImportReport) report =
      import_data (store, "nul.txt", nul_dump, sizeof nul_dump - 1);
  g_autoptr (GPtrArray) articles = load_articles (store);

  g_assert_cmpuint (report->n_new, ==, 1);
  g_assert_cmpuint (report->n_warnings, ==, 1);
  g_assert_true (report_has_warning (report, 5, "NUL bytes"));
  g_assert_cmpstr (rostra_article_get_text (article_at (articles, 0)), ==,
                   "Before\uFFFDafter, and \uFFFD again.\n\nClean line.");
}

/* UTF-8 lines, then lines cut in the middle of a two- and a three-byte
 * character: those are read as Windows-1252, each with a warning, and
 * the file is `mixed`. */
static const char cut_dump[] = "Grüße aus Köln | Kurier\n" /* 1 */
                               "\n"                        /* 2 */
                               "01-02-20 10:00:00,\n"      /* 3 */
                               "\n"                        /* 4 */
                               "Liebe Bürgerinnen.\n"      /* 5 */
                               "\n"                        /* 6 */
                               "Die Stra\xC3 und mehr.\n"  /* 7: ß cut after its first byte */
                               "Es kostet 5 \xE2\x82.\n"   /* 8: € cut after two bytes */
                               "Und das Ende \xC3\n"       /* 9: cut at the line end */
                               " » Weiterlesen\n";         /* 10 */

static void
test_cut_utf8 (void)
{
  g_autoptr (RostraStore) store = rostra_test_store_new (NULL);
  g_autoptr (RostraImportReport) report = import_data (store, "cut.txt", cut_dump, -1);
  g_autoptr (GPtrArray) articles = load_articles (store);
  RostraArticle *a;

  g_assert_cmpuint (report->n_new, ==, 1);
  g_assert_cmpstr (report->encoding, ==, "mixed");
  g_assert_cmpuint (report->n_warnings, ==, 3);
  for (guint line = 7; line <= 9; line++)
    g_assert_true (report_has_warning (report, line, "not valid UTF-8"));
  a = article_at (articles, 0);
  g_assert_cmpstr (rostra_article_get_title (a), ==, "Grüße aus Köln");
  g_assert_cmpstr (rostra_article_get_text (a), ==,
                   "Liebe Bürgerinnen.\n\nDie Stra\u00c3 und mehr.\nEs kostet 5 \u00e2\u201a.\n"
                   "Und das Ende \u00c3");
}

/* A UTF-8 entry and a Windows-1252 one in one file, then the other way
 * round. */
static const char mixed_dump[] = "Un café crème | Le Monde\n"                 /* 1 */
                                 "\n"                                         /* 2 */
                                 "01-02-20 10:00:00,\n"                       /* 3 */
                                 "\n"                                         /* 4 */
                                 "Mesdames, un café crème, 5 €.\n"            /* 5 */
                                 " » Lire la suite\n"                         /* 6 */
                                 "\n"                                         /* 7 */
                                 "Na\xefve | Le Monde\n"                      /* 8 */
                                 "\n"                                         /* 9 */
                                 "02-02-20 10:00:00,\n"                       /* 10 */
                                 "\n"                                         /* 11 */
                                 "Un caf\xe9 cr\xe8me \x80 5, \x93oui\x94.\n" /* 12 */
                                 " » Lire la suite\n";                        /* 13 */

static const char legacy_first_dump[] = "Na\xefve | Le Monde\n"    /* 1 */
                                        "\n"                       /* 2 */
                                        "02-02-20 10:00:00,\n"     /* 3 */
                                        "\n"                       /* 4 */
                                        "Un caf\xe9 cr\xe8me.\n"   /* 5 */
                                        "D\xe9j\xe0 vu.\n"         /* 6 */
                                        "Puis de l’UTF-8 : été.\n" /* 7 */
                                        " » Lire la suite\n";      /* 8 */

static void
test_mixed_encodings (void)
{
  g_autoptr (RostraStore) store = rostra_test_store_new (NULL);
  g_autoptr (RostraImportReport) report = import_data (store, "mixed.txt", mixed_dump, -1);
  g_autoptr (RostraImportReport) legacy = NULL;
  g_autoptr (GPtrArray) articles = NULL;
  g_autoptr (GArray) found = NULL;

  g_assert_cmpuint (report->n_new, ==, 2);
  g_assert_cmpstr (report->encoding, ==, "mixed");
  g_assert_cmpuint (report->n_warnings, ==, 2);
  g_assert_true (report_has_warning (report, 8, "not valid UTF-8"));
  g_assert_true (report_has_warning (report, 12, "not valid UTF-8"));

  legacy = import_data (store, "legacy-first.txt", legacy_first_dump, -1);
  g_assert_cmpuint (legacy->n_new, ==, 1);
  g_assert_cmpstr (legacy->encoding, ==, "mixed");
  g_assert_cmpuint (legacy->n_warnings, ==, 1);
  g_assert_true (report_has_warning (legacy, 7, "UTF-8 in a file read as Windows-1252"));

  articles = load_articles (store);
  g_assert_cmpstr (rostra_article_get_title (article_at (articles, 0)), ==, "Un café crème");
  g_assert_cmpstr (rostra_article_get_text (article_at (articles, 0)), ==,
                   "Mesdames, un café crème, 5 €.");
  g_assert_cmpstr (rostra_article_get_title (article_at (articles, 1)), ==, "Naïve");
  g_assert_cmpstr (rostra_article_get_text (article_at (articles, 1)), ==,
                   "Un café crème € 5, “oui”.");
  g_assert_cmpstr (rostra_article_get_text (article_at (articles, 2)), ==,
                   "Un café crème.\nDéjà vu.\nPuis de l’UTF-8 : été.");

  /* Both encodings are one text to the search. */
  found = search (store, "creme");
  g_assert_cmpuint (found->len, ==, 3);
}

/* Entries of one title: different texts or dates are different
 * articles; only title, date and text all equal make a duplicate.
 * Entry i is of kind i % 4:
 *   0: the date D0, its own text;
 *   1: its own date, the text every kind-1 entry has;
 *   2: a copy of entry i - 2 (a duplicate);
 *   3: entry i - 2 with the title in lower case (a new article). */
static void
append_same_title_entry (GString *dump, guint i)
{
  guint k = i / 4;

  switch (i % 4)
    {
      case 0:
      case 2:
        g_string_append_printf (dump,
                                "Same Title | Daily\n01-02-20 10:00:00,\nText number %u.\n"
                                "» Read more\n",
                                k);
        break;
      default:
        g_string_append_printf (dump,
                                "%s | Daily\n%02u-01-20 %02u:%02u:%02u,\nThe same text.\n"
                                "» Read more\n",
                                i % 4 == 1 ? "Same Title" : "same title", 1 + k / 86400,
                                k / 3600 % 24, k / 60 % 60, k % 60);
        break;
    }
}

static void
test_same_title (void)
{
  const char      *env = g_getenv ("ROSTRA_TEST_SAME_TITLE_ENTRIES");
  guint            n = env ? (guint) g_ascii_strtoull (env, NULL, 10) : 100000;
  g_autofree char *db_path = NULL;
  g_autoptr (RostraStore) store = rostra_test_store_new (&db_path);
  g_autoptr (GString) dump = g_string_sized_new (n * 64);
  g_autoptr (RostraImportReport) report = NULL;
  g_autoptr (RostraImportReport) again = NULL;
  g_autofree char *path = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *kind0 = NULL, *kind1 = NULL, *kind3 = NULL, *dated = NULL;

  n -= n % 4;
  g_assert_cmpuint (n, >=, 8);
  g_assert_cmpuint (n, <=, 4 * 86400 * 27);
  if (n != 100000)
    g_test_message ("%u entries of one title (ROSTRA_TEST_SAME_TITLE_ENTRIES)", n);

  for (guint i = 0; i < n; i++)
    append_same_title_entry (dump, i);
  report = import_data (store, "same-title.txt", dump->str, dump->len);

  g_assert_cmpuint (report->n_entries, ==, n);
  g_assert_cmpuint (report->n_new, ==, n / 4 * 3);
  g_assert_cmpuint (report->n_duplicates, ==, n / 4);
  g_assert_cmpuint (report->n_warnings, ==, 0);
  g_assert_cmpint (rostra_store_count_articles (store, NULL), ==, n / 4 * 3);

  kind0 = rostra_test_query_text (db_path, "SELECT count(DISTINCT text) FROM articles"
                                           " WHERE title = 'Same Title' AND text LIKE 'Text %'");
  kind1 = rostra_test_query_text (db_path, "SELECT count(DISTINCT published) FROM articles"
                                           " WHERE title = 'Same Title'"
                                           " AND text = 'The same text.'");
  kind3 = rostra_test_query_text (db_path, "SELECT count(*) FROM articles"
                                           " WHERE title = 'same title' AND source = 'Daily'");
  dated = rostra_test_query_text (db_path, "SELECT published FROM articles WHERE id = 2");
  g_assert_cmpuint (g_ascii_strtoull (kind0, NULL, 10), ==, n / 4);
  g_assert_cmpuint (g_ascii_strtoull (kind1, NULL, 10), ==, n / 4);
  g_assert_cmpuint (g_ascii_strtoull (kind3, NULL, 10), ==, n / 4);
  g_assert_cmpstr (dated, ==, "2020-01-01T00:00:00");

  /* The same file again: all duplicates. */
  path = g_build_filename (rostra_test_tmpdir (), "same-title.txt", NULL);
  file = g_file_new_for_path (path);
  g_assert_true (rostra_import_file (store, file, NULL, NULL, NULL, NULL, &again, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (again->n_new, ==, 0);
  g_assert_cmpuint (again->n_duplicates, ==, n);

  /* The source is not part of what makes a duplicate (docs/formats.md: title,
   * date and text): the same speech from another source is one. */
  {
    g_autoptr (RostraImportReport) other = import_data (
        store, "other-source.txt",
        "Same Title | Another Paper\n01-02-20 10:00:00,\nText number 0.\n» Read more\n", -1);

    g_assert_cmpuint (other->n_new, ==, 0);
    g_assert_cmpuint (other->n_duplicates, ==, 1);
  }
}

/* Dates that have the shape of a date line but are no date: a warning
 * on their line, the entry kept without a date. With CRLF line ends
 * the lines are the same. */
static const char *const bad_date_lines[] = {
  "31-02-19 10:00:00,", /* line 3 */
  "99-99-99 99:99:99,", /* 10 */
  "29-02-19 10:00:00,", /* 17: 2019 is no leap year */
  "00-01-20 10:00:00,", /* 24 */
  "01-01-20 24:00:00,", /* 31 */
  "01-01-20 23:60:00,", /* 38 */
  "29-02-20 23:59:59,", /* 45: valid */
};

static void
check_bad_dates (const char *line_end)
{
  g_autoptr (RostraStore) store = rostra_test_store_new (NULL);
  g_autoptr (GString) dump = g_string_new (NULL);
  g_autoptr (RostraImportReport) report = NULL;
  g_autoptr (GPtrArray) articles = NULL;
  guint n = G_N_ELEMENTS (bad_date_lines);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (dump, "Entry %u | Courier%s%s%s%s%sText %u.%s » Read more%s%s", i,
                            line_end, line_end, bad_date_lines[i], line_end, line_end, i, line_end,
                            line_end, line_end);
  report = import_data (store, "dates.txt", dump->str, dump->len);

  g_assert_cmpuint (report->n_new, ==, n);
  g_assert_cmpuint (report->n_warnings, ==, n - 1);
  articles = load_articles (store);
  for (guint i = 0; i + 1 < n; i++)
    {
      g_autofree char *fragment = g_strdup_printf ("“%s” is not a valid date", bad_date_lines[i]);

      g_assert_true (report_has_warning (report, 3 + 7 * i, fragment));
      g_assert_null (rostra_article_get_published (article_at (articles, i)));
    }
  g_assert_cmpstr (rostra_article_get_published (article_at (articles, n - 1)), ==,
                   "2020-02-29T23:59:59");
}

/* Two entries of one title and text whose dates are both invalid are
 * one article: neither date is stored, so nothing tells them apart. */
static const char two_bad_dates[] = "Same | Courier\n31-02-19 10:00:00,\nSame text.\n» Read more\n"
                                    "Same | Courier\n30-02-19 10:00:00,\nSame text.\n» Read more\n"
                                    "Same | Courier\n28-02-19 10:00:00,\nSame text.\n» Read more\n";

static void
test_bad_dates (void)
{
  g_autoptr (RostraStore) store = rostra_test_store_new (NULL);
  g_autoptr (RostraImportReport) report = NULL;

  check_bad_dates ("\n");
  check_bad_dates ("\r\n");

  report = import_data (store, "two-bad-dates.txt", two_bad_dates, -1);
  g_assert_cmpuint (report->n_new, ==, 2);
  g_assert_cmpuint (report->n_duplicates, ==, 1);
  g_assert_true (report_has_warning (report, 2, "“31-02-19 10:00:00,” is not a valid date"));
  g_assert_true (report_has_warning (report, 6, "“30-02-19 10:00:00,” is not a valid date"));
}

/* Right-to-left, combining and emoji text is stored as it was (in NFC)
 * and found by the search. */
typedef struct
{
  const char *title;
  const char *text;
  const char *search; /* a word the search must find */
} Script;

static const Script scripts[] = {
  { "خطاب الرئيس", "\u200fأيها المواطنون الكرام، نحن نبني المستقبل معاً.", "المستقبل" },
  { "נאום ראש העיר", "שָׁלוֹם לְכֻלָּם, אנחנו בונים גשר חדש.", "שָׁלוֹם" },
  { "עברית mixed with English", "The ‮reversed‬ word and גשר in one line.", "reversed" },
  /* Decomposed: NFC makes them one character each… */
  { "Zoe\u0308 and Franc\u0327ois", "Ame\u0301lie met Zoe\u0308 in Sa\u0303o Paulo.", "zoe" },
  /* …or reorders marks without a precomposed form (dot below before dot above). */
  { "Marks", "A q\u0307\u0323uark and n\u0303\u0301o words.", "quark" },
  { "नमस्ते दुनिया", "नमस्ते, यह एक भाषण है।", "नमस्ते" },
  { "Emoji 🎉 speech",
    "We celebrate🎉together 👩‍👩‍👧‍👦 families, 🇳🇱 and "
    "🏴󠁧󠁢󠁳󠁣󠁴󠁿 "
    "flags, "
    "and "
    "👍🏽 thumbs.",
    "together" },
};

static void
test_scripts (void)
{
  g_autoptr (RostraStore) store = rostra_test_store_new (NULL);
  g_autoptr (GString) dump = g_string_new (NULL);
  g_autoptr (RostraImportReport) report = NULL;
  g_autoptr (GPtrArray) articles = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (scripts); i++)
    g_string_append_printf (dump, "%s | Source %u\n\n0%u-02-20 10:00:00,\n\n%s\n » Read more\n\n",
                            scripts[i].title, i, i + 1, scripts[i].text);
  report = import_data (store, "scripts.txt", dump->str, dump->len);
  g_assert_cmpuint (report->n_new, ==, G_N_ELEMENTS (scripts));
  g_assert_cmpuint (report->n_warnings, ==, 0);
  g_assert_cmpstr (report->encoding, ==, "UTF-8");

  articles = load_articles (store);
  for (guint i = 0; i < G_N_ELEMENTS (scripts); i++)
    {
      RostraArticle   *a = article_at (articles, i);
      g_autofree char *title = nfc (scripts[i].title);
      g_autofree char *text = nfc (scripts[i].text);
      g_autofree char *source = g_strdup_printf ("Source %u", i);

      g_assert_cmpstr (rostra_article_get_title (a), ==, title);
      g_assert_cmpstr (rostra_article_get_text (a), ==, text);
      g_assert_cmpstr (rostra_article_get_source (a), ==, source);
      g_assert_true (search_finds (store, scripts[i].search, rostra_article_get_id (a)));
      /* The title's words are found too, as typed (NFD or not). */
      g_assert_true (search_finds (store, scripts[i].title, rostra_article_get_id (a)));
    }
  /* NFC is what was stored: "Zoë" is one character. */
  g_assert_nonnull (strstr (rostra_article_get_title (article_at (articles, 3)), "Zo\u00eb"));
  g_assert_nonnull (strstr (rostra_article_get_text (article_at (articles, 4)), "q\u0323\u0307"));
  /* A ZWJ family and the words on either side of an emoji. */
  g_assert_nonnull (strstr (rostra_article_get_text (article_at (articles, 6)),
                            "\U0001F469\u200D\U0001F469\u200D\U0001F467\u200D\U0001F466"));
  g_assert_true (
      search_finds (store, "celebrate", rostra_article_get_id (article_at (articles, 6))));
  /* The index holds words, not emoji: searching one alone finds
   * nothing (rather than listing every speech). */
  {
    g_autoptr (GArray) ids = search (store, "🎉");

    g_assert_cmpuint (ids->len, ==, 0);
  }
}

/* A title of 10,000 characters is kept whole; the warnings that quote
 * it stay short. */
static void
test_long_title (void)
{
  g_autoptr (RostraStore) store = rostra_test_store_new (NULL);
  g_autoptr (GString) title = g_string_new (NULL);
  g_autoptr (GString) dump = g_string_new (NULL);
  g_autoptr (RostraImportReport) report = NULL;
  g_autoptr (GPtrArray) articles = NULL;

  while (g_utf8_strlen (title->str, -1) < 10000)
    g_string_append (title, "Überlänge ");
  g_string_append (title, "Ende");
  /* Cut off by the end of the file: a warning quotes the title. */
  g_string_append_printf (dump, "%s\n\n01-02-20 10:00:00,\n\nThe speech.\n", title->str);
  report = import_data (store, "long-title.txt", dump->str, dump->len);

  g_assert_cmpuint (report->n_new, ==, 1);
  g_assert_cmpuint (report->n_incomplete, ==, 1);
  g_assert_cmpuint (report->n_warnings, ==, 1);
  g_assert_true (report_has_warning (report, 1, "no end marker"));
  g_assert_cmpuint (
      g_utf8_strlen (g_array_index (report->warnings, RostraParseWarning, 0).message, -1), <, 200);

  articles = load_articles (store);
  g_assert_cmpstr (rostra_article_get_title (article_at (articles, 0)), ==, title->str);
  g_assert_cmpuint (g_utf8_strlen (rostra_article_get_title (article_at (articles, 0)), -1), >,
                    10000);
}

/* Control characters in a title reach no warning raw (a terminal
 * would run them). */
static void
test_control_characters_in_warnings (void)
{
  g_autoptr (RostraDumpParser) parser = NULL;
  g_autoptr (GPtrArray) entries = NULL;
  g_autoptr (GError) error = NULL;
  const RostraParseWarning *w;
  g_autofree char          *with_date =
      g_strdup_printf ("Evil \x1b[2J\x1b]0;pwned\x07 title\n\n01-02-20 10:00:00,\n\nText.\n");

  entries = rostra_test_parse (with_date, -1, &parser, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 1);
  /* The title itself is kept as it was… */
  g_assert_cmpstr (((RostraDumpEntry *) g_ptr_array_index (entries, 0))->title, ==,
                   "Evil \x1b[2J\x1b]0;pwned\x07 title");
  /* …the warning quoting it holds no control character. */
  w = rostra_dump_parser_get_warning (parser, 0);
  g_assert_nonnull (w);
  g_assert_cmpuint (w->line, ==, 1);
  for (const char *p = w->message; *p; p++)
    g_assert_false ((guchar) *p < 0x20 || *p == 0x7f);
}

/* Notes and tags */

static const char *const hostile_notes[] = {
  "<b>bold</b> & <i>",
  "<script>alert('x')</script><img src=x onerror=alert(1)>",
  "&amp; &lt;b&gt; &#x41; &nbsp;",
  "<span foreground=\"red\" weight=\"bold\">Pango</span> <markup> <u>",
  "'); DROP TABLE articles;--",
  "\" * NEAR( - ^ : title:x AND OR NOT {a b} \"unclosed",
  "ctl \x01 esc \x1b[31m red \x7f del\ttab\rCR\r\nCRLF\nLF",
  "=HYPERLINK(\"http://example.invalid\",\"x\")",
  "+1",
  "-2",
  "@SUM(A1)",
  "\tTab first",
  "\rCR first",
  "Line\n===\n# not a heading\n> not a quote\n- not a list\n1. not a list\n```\ncode\n```\n"
  "[link](javascript:alert(1)) ![img](x) | table |",
  "متن فارسی with עברית and 🎉👩‍👩‍👧",
  NULL, /* the 1 MB note */
};

static const char *const hostile_tags[] = {
  "<b>tag</b>", "'); DROP TABLE tags;--", "NEAR(",  "\"quoted\"", "a:b*",
  "=cmd",       "ctl\x01\x1b[1m",         "-minus", "^caret",     "&amp;",
  NULL,
};

static char *
megabyte_note (void)
{
  GString *s = g_string_sized_new (MB + 64);

  while (s->len < MB)
    g_string_append (s, "<b>Ünïcödé</b> & \"quotes\" 'single' =x\n");
  return g_string_free (s, FALSE);
}

typedef struct
{
  RostraStore *store;
  char        *db_path;
  GPtrArray   *notes; /* by annotation id - 1 */
  GPtrArray   *tags;  /* GStrv by annotation id - 1 */
  gint64       article;
} Notes;

static void
notes_free (Notes *n)
{
  g_clear_object (&n->store);
  g_free (n->db_path);
  g_ptr_array_unref (n->notes);
  g_ptr_array_unref (n->tags);
  g_free (n);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Notes, notes_free)

static const char notes_text[] = "Mayor Okafor opens the harbour bridge. "
                                 "She thanks <the> engineers & the \"volunteers\".";

/* An article with one annotation per hostile note, each with a few of
 * the hostile tags. */
static Notes *
notes_new (void)
{
  Notes *n = g_new0 (Notes, 1);
  g_autoptr (GError) error = NULL;
  guint n_tags = g_strv_length ((char **) hostile_tags);

  n->store = rostra_test_store_new (&n->db_path);
  n->notes = g_ptr_array_new_with_free_func (g_free);
  n->tags = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_assert_true (rostra_store_add_article (n->store, 0, "Hostile <b>notes</b> & tags",
                                           "Source \"A\"", "2021-03-14T09:30:00", "en", notes_text,
                                           &n->article, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (hostile_notes); i++)
    {
      g_autoptr (RostraAnnotation) a = NULL;
      g_autofree char *exact = NULL, *prefix = NULL, *suffix = NULL;
      char            *note = hostile_notes[i] ? g_strdup (hostile_notes[i]) : megabyte_note ();
      const char      *tags[] = { hostile_tags[i % n_tags], hostile_tags[(i + 3) % n_tags], NULL };
      guint            start = i % 40, end = start + 20;

      rostra_anchor_describe (notes_text, start, end, &exact, &prefix, &suffix);
      a = g_object_new (ROSTRA_TYPE_ANNOTATION, "article-id", n->article, "start", start, "end",
                        end, "exact", exact, "prefix", prefix, "suffix", suffix, "color", "yellow",
                        "note", note, "tags", tags, NULL);
      g_assert_true (rostra_store_add_annotation (n->store, a, &error));
      g_assert_no_error (error);
      g_assert_cmpint (rostra_annotation_get_id (a), ==, i + 1);
      g_ptr_array_add (n->notes, note);
      g_ptr_array_add (n->tags, g_strdupv ((char **) tags));
    }
  return n;
}

static gboolean
same_tags (const char *const *a, const char *const *b)
{
  guint n = 0;

  for (; a[n]; n++)
    if (!g_strv_contains (b, a[n]))
      return FALSE;
  return n == g_strv_length ((char **) b);
}

/* Read back through the core API: verbatim. */
static void
test_notes_verbatim (void)
{
  g_autoptr (Notes) n = notes_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) list = rostra_store_list_annotations (n->store, n->article, &error);
  g_autofree char *articles = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, n->notes->len);
  for (guint i = 0; i < n->notes->len; i++)
    {
      g_autoptr (RostraAnnotation) a = rostra_store_load_annotation (n->store, i + 1, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (rostra_annotation_get_note (a), ==, g_ptr_array_index (n->notes, i));
      g_assert_true (same_tags (rostra_annotation_get_tags (a), g_ptr_array_index (n->tags, i)));
    }
  /* The SQL in the notes ran nowhere. */
  articles = rostra_test_query_text (n->db_path, "SELECT count(*) FROM articles");
  g_assert_cmpstr (articles, ==, "1");
  /* Filtering annotations by hostile text is safe too, and finds the
   * notes holding its words. */
  for (guint i = 0; hostile_notes[i]; i++)
    {
      g_autoptr (GListModel) found =
          rostra_store_find_annotations (n->store, hostile_notes[i], NULL, NULL, TRUE, &error);
      gboolean has_word = FALSE, listed = FALSE;

      g_assert_no_error (error);
      g_assert_nonnull (found);
      for (const char *p = hostile_notes[i]; *p; p = g_utf8_next_char (p))
        has_word |= g_unichar_isalnum (g_utf8_get_char (p));
      for (guint k = 0; k < g_list_model_get_n_items (found); k++)
        {
          g_autoptr (RostraAnnotation) a = g_list_model_get_item (found, k);

          listed |= rostra_annotation_get_id (a) == i + 1;
        }
      if (has_word && !listed)
        g_error ("filtering by note %u did not find it", i + 1);
    }
  /* Tags are filters of their own, found by their exact (hostile) name. */
  for (guint i = 0; hostile_tags[i]; i++)
    {
      g_autoptr (GListModel) found =
          rostra_store_find_annotations (n->store, NULL, hostile_tags[i], NULL, TRUE, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (g_list_model_get_n_items (found), >, 0);
    }
}

static char **
json_strv (JsonArray *array)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  char        **strv;

  for (guint i = 0; i < json_array_get_length (array); i++)
    g_strv_builder_add (builder, json_array_get_string_element (array, i));
  strv = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return strv;
}

/* The backup: identical values, and identical again once restored. */
static void
test_notes_json (void)
{
  g_autoptr (Notes) n = notes_new ();
  g_autofree char *json = rostra_test_export (n->store, ROSTRA_EXPORT_FORMAT_JSON, NULL, NULL);
  g_autoptr (JsonNode) root = rostra_test_parse_json (json);
  JsonArray *annotations =
      json_object_get_array_member (json_node_get_object (root), "annotations");
  JsonObject *article = json_array_get_object_element (
      json_object_get_array_member (json_node_get_object (root), "articles"), 0);
  g_autoptr (RostraStore) restored = rostra_test_store_new (NULL);
  g_autoptr (GInputStream) in = g_memory_input_stream_new_from_data (json, strlen (json), NULL);
  g_autoptr (RostraImportReport) report = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_cmpstr (json_object_get_string_member (article, "title"), ==,
                   "Hostile <b>notes</b> & tags");
  g_assert_cmpstr (json_object_get_string_member (article, "text"), ==, notes_text);
  g_assert_cmpuint (json_array_get_length (annotations), ==, n->notes->len);
  for (guint i = 0; i < n->notes->len; i++)
    {
      JsonObject *a = json_array_get_object_element (annotations, i);
      g_auto (GStrv) tags = json_strv (json_object_get_array_member (a, "tags"));

      g_assert_cmpstr (json_object_get_string_member (a, "note"), ==,
                       g_ptr_array_index (n->notes, i));
      g_assert_true (same_tags ((const char *const *) tags, g_ptr_array_index (n->tags, i)));
    }

  g_assert_true (
      rostra_import_stream (restored, in, "backup.json", NULL, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_annotations_new, ==, n->notes->len);
  for (guint i = 0; i < n->notes->len; i++)
    {
      g_autoptr (RostraAnnotation) a = rostra_store_load_annotation (restored, i + 1, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (rostra_annotation_get_note (a), ==, g_ptr_array_index (n->notes, i));
      g_assert_true (same_tags (rostra_annotation_get_tags (a), g_ptr_array_index (n->tags, i)));
    }
}

/* W3C Web Annotations: the note and tags are bodies, values identical. */
static void
test_notes_w3c (void)
{
  g_autoptr (Notes) n = notes_new ();
  g_autofree char *json = rostra_test_export (n->store, ROSTRA_EXPORT_FORMAT_W3C, NULL, NULL);
  g_autoptr (JsonNode) root = rostra_test_parse_json (json);
  JsonArray *items = json_object_get_array_member (
      json_object_get_object_member (json_node_get_object (root), "first"), "items");

  g_assert_cmpuint (json_array_get_length (items), ==, n->notes->len);
  for (guint i = 0; i < n->notes->len; i++)
    {
      JsonArray *body =
          json_object_get_array_member (json_array_get_object_element (items, i), "body");
      g_autoptr (GStrvBuilder) tags = g_strv_builder_new ();
      g_auto (GStrv) tagv = NULL;
      const char *note = NULL;

      for (guint b = 0; b < json_array_get_length (body); b++)
        {
          JsonObject *o = json_array_get_object_element (body, b);
          const char *purpose = json_object_get_string_member (o, "purpose");

          if (g_str_equal (purpose, "commenting"))
            note = json_object_get_string_member (o, "value");
          else
            g_strv_builder_add (tags, json_object_get_string_member (o, "value"));
        }
      tagv = g_strv_builder_end (tags);
      g_assert_cmpstr (note, ==, g_ptr_array_index (n->notes, i));
      g_assert_true (same_tags ((const char *const *) tagv, g_ptr_array_index (n->tags, i)));
    }
}

/* CSV: strict RFC 4180, formulas guarded, everything else verbatim. */
static void
test_notes_csv (void)
{
  g_autoptr (Notes) n = notes_new ();
  g_autofree char *csv = rostra_test_export (n->store, ROSTRA_EXPORT_FORMAT_CSV, NULL, NULL);
  g_autoptr (GPtrArray) rows = rostra_test_read_csv (csv);

  g_assert_cmpuint (rows->len, ==, 1 + n->notes->len);
  for (guint i = 0; i < n->notes->len; i++)
    {
      char      **row = g_ptr_array_index (rows, i + 1);
      const char *note = g_ptr_array_index (n->notes, i);
      const char *cell = row[4];

      if (strchr (ROSTRA_TEST_CSV_GUARDED, note[0]))
        {
          g_assert_cmpint (cell[0], ==, '\'');
          cell++;
        }
      g_assert_cmpstr (cell, ==, note);
      g_assert_cmpstr (row[0], ==, "Hostile <b>notes</b> & tags");
      g_assert_cmpstr (row[1], ==, "Source \"A\"");
    }
  /* "=cmd" as the first tag of annotation 6 (tags are sorted). */
  for (guint i = 1; i < rows->len; i++)
    {
      const char *tags = ((char **) g_ptr_array_index (rows, i))[5];

      g_assert_false (strchr ("=+-@\t\r", tags[0]) && tags[0] != '\0');
    }
}

static void
collect_class (xmlNode *node, const char *class_name, GPtrArray *found)
{
  for (; node != NULL; node = node->next)
    {
      if (node->type == XML_ELEMENT_NODE)
        {
          xmlChar *classes = xmlGetProp (node, BAD_CAST "class");

          if (classes && g_str_equal ((const char *) classes, class_name))
            g_ptr_array_add (found, node);
          xmlFree (classes);
        }
      collect_class (node->children, class_name, found);
    }
}

/* What HTML can hold of @text: the characters HTML forbids (controls
 * other than tab, LF and CR) are shown as U+FFFD. (Browsers read a CR
 * as a line end; libxml2 keeps it.) */
static char *
html_expected (const char *text)
{
  GString *s = g_string_new (NULL);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7f && c < 0xa0))
        g_string_append (s, "\uFFFD");
      else
        g_string_append_unichar (s, c);
    }
  return g_string_free (s, FALSE);
}

/* No element or attribute but the exporter's own. */
static void
assert_no_injection (xmlNode *node)
{
  static const char *const allowed[] = {
    "html", "head", "meta",   "title",   "style",      "body",   "main", "header",
    "h1",   "h2",   "p",      "article", "blockquote", "ul",     "li",   "time",
    "span", "div",  "footer", "small",   "em",         "strong", NULL,
  };

  for (; node != NULL; node = node->next)
    {
      if (node->type == XML_ELEMENT_NODE)
        {
          if (!g_strv_contains (allowed, (const char *) node->name))
            g_error ("unexpected element <%s> in the HTML export", node->name);
          for (xmlAttr *attr = node->properties; attr != NULL; attr = attr->next)
            g_assert_true (
                g_strv_contains ((const char *const[]){ "class", "id", "lang", "charset", "name",
                                                        "content", "datetime", NULL },
                                 (const char *) attr->name));
        }
      assert_no_injection (node->children);
    }
}

static void
test_notes_html (void)
{
  g_autoptr (Notes) n = notes_new ();
  g_autofree char *html = rostra_test_export (n->store, ROSTRA_EXPORT_FORMAT_HTML, NULL, NULL);
  g_autoptr (GPtrArray) notes = g_ptr_array_new ();
  g_autoptr (GPtrArray) tags = g_ptr_array_new ();
  htmlDocPtr doc;

  g_assert_true (g_utf8_validate (html, -1, NULL));
  g_assert_null (strstr (html, "<b>"));
  g_assert_null (strstr (html, "<script"));
  g_assert_null (strstr (html, "<span foreground"));
  /* HTML allows no control characters but tab, LF, CR and FF, raw or
   * as character references. */
  for (const char *p = html; *p; p++)
    g_assert_false (((guchar) *p < 0x20 && !strchr ("\t\n\r", *p)) || *p == 0x7f);
  g_assert_null (strstr (html, "&#x1;"));
  g_assert_null (strstr (html, "&#x1b;"));
  g_assert_null (strstr (html, "&#x7f;"));

  doc = htmlReadMemory (html, strlen (html), "export.html", "UTF-8",
                        HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
  g_assert_nonnull (doc);
  assert_no_injection (xmlDocGetRootElement (doc));
  collect_class (xmlDocGetRootElement (doc), "note", notes);
  g_assert_cmpuint (notes->len, ==, n->notes->len);
  for (guint i = 0; i < n->notes->len; i++)
    {
      xmlChar         *content = xmlNodeGetContent (g_ptr_array_index (notes, i));
      g_autofree char *expected = html_expected (g_ptr_array_index (n->notes, i));

      g_assert_cmpstr ((const char *) content, ==, expected);
      xmlFree (content);
    }
  collect_class (xmlDocGetRootElement (doc), "tags", tags);
  g_assert_cmpuint (tags->len, ==, n->notes->len);
  for (guint i = 0; i < tags->len; i++)
    {
      g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
      g_auto (GStrv) found = NULL;
      g_auto (GStrv) expected = g_strdupv (g_ptr_array_index (n->tags, i));

      for (xmlNode *li = ((xmlNode *) g_ptr_array_index (tags, i))->children; li; li = li->next)
        {
          xmlChar *content = xmlNodeGetContent (li);

          g_strv_builder_add (builder, (const char *) content);
          xmlFree (content);
        }
      found = g_strv_builder_end (builder);
      for (guint t = 0; expected[t]; t++)
        {
          char *shown = html_expected (expected[t]);

          g_free (expected[t]);
          expected[t] = shown;
        }
      g_assert_true (same_tags ((const char *const *) found, (const char *const *) expected));
    }
  xmlFreeDoc (doc);
}

/* Markdown: every character Markdown reads as syntax is escaped, so
 * that taking the escapes away gives the note back, line by line; no
 * line of a note can become a heading, list, quote or code block. */
static char *
markdown_unescape (const char *line)
{
  GString *s = g_string_new (NULL);

  for (const char *p = line; *p; p++)
    {
      if (*p == '\\' && p[1] && g_ascii_ispunct (p[1]))
        p++;
      else if (g_str_has_prefix (p, "&#9;") || g_str_has_prefix (p, "&#32;"))
        {
          g_string_append_c (s, p[3] == ';' ? '\t' : ' ');
          p = strchr (p, ';');
          continue;
        }
      g_string_append_c (s, *p);
    }
  return g_string_free (s, FALSE);
}

static void
test_notes_markdown (void)
{
  g_autoptr (Notes) n = notes_new ();
  g_autofree char *md = rostra_test_export (n->store, ROSTRA_EXPORT_FORMAT_MARKDOWN, NULL, NULL);
  g_auto (GStrv) lines = NULL;
  g_autofree char *unescaped = NULL;
  g_autoptr (GString) all = g_string_new (NULL);

  g_assert_true (g_utf8_validate (md, -1, NULL));
  /* No raw markup (a "<" is always escaped), no line break but LF. */
  for (const char *p = strchr (md, '<'); p; p = strchr (p + 1, '<'))
    g_assert_cmpint (p[-1], ==, '\\');
  g_assert_null (strchr (md, '\r'));
  lines = g_strsplit (md, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      const char *l = lines[i];

      /* Only the exporter's own headings and quotes start a line with
       * syntax. */
      if (g_str_has_prefix (l, "# ") || g_str_has_prefix (l, "## ") || g_str_has_prefix (l, "> ") ||
          g_str_equal (l, ">") || (l[0] == '*' && l[1] != ' '))
        continue;
      g_assert_false (strchr ("#>-+*=`|~[!<", l[0]) && l[0] != '\0');
      g_assert_false (l[0] == '&' && !g_str_has_prefix (l, "&#9;") &&
                      !g_str_has_prefix (l, "&#32;"));
      g_assert_false (g_ascii_isdigit (l[0]) && strchr (l, '.') &&
                      l[strspn (l, "0123456789")] == '.');
      g_assert_false (l[0] == '\t' || g_str_has_prefix (l, "    "));
      g_string_append_printf (all, "%s\n", l);
    }
  /* Each note's lines come back once the escapes are taken away. */
  unescaped = markdown_unescape (all->str);
  for (guint i = 0; hostile_notes[i]; i++)
    {
      g_auto (GStrv) note_lines = g_regex_split_simple ("\r\n|\r|\n", hostile_notes[i], 0, 0);

      for (guint l = 0; note_lines[l]; l++)
        {
          g_autofree char *stripped = g_strstrip (g_strdup (note_lines[l]));

          if (*stripped)
            g_assert_nonnull (strstr (unescaped, stripped));
        }
    }
}

/* A tag holding the store's own separator (U+001F): read back whole,
 * or refused with an error when added. */
static void
test_tag_separator (void)
{
  g_autoptr (Notes) n = notes_new ();
  g_autoptr (GError) error = NULL;
  /* Control characters, the old separator (U+001F) among them. */
  const char *tags[] = { "left\x1fright", "bell\x07tab\tesc\x1b", NULL };
  g_autoptr (RostraAnnotation) a = rostra_store_load_annotation (n->store, 1, &error);
  g_autoptr (RostraAnnotation) back = NULL;

  g_assert_no_error (error);
  rostra_annotation_set_tags (a, tags);
  g_assert_true (rostra_store_update_annotation (n->store, a, &error));
  g_assert_no_error (error);
  back = rostra_store_load_annotation (n->store, 1, &error);
  g_assert_no_error (error);
  g_assert_true (same_tags (rostra_annotation_get_tags (back), tags));
}

/* File names */

static const char *const odd_names[] = {
  "with space.txt", "quote ' and \" too.txt", "new\nline.txt", "caf\xe9.txt", "émoji 🎤.txt",
};

static char *
odd_dump (guint i)
{
  return g_strdup_printf ("Speech %u from an odd file | Courier\n\n0%u-03-21 09:30:00,\n\n"
                          "Paragraph of speech %u.\n » Read more\n",
                          i, i + 1, i);
}

static void
test_file_names_core (void)
{
  g_autoptr (RostraStore) store = rostra_test_store_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) imports = NULL;
  g_autofree char *json = NULL;
  g_autoptr (JsonNode) root = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (odd_names); i++)
    {
      g_autofree char *data = odd_dump (i);
      g_autoptr (RostraImportReport) report = import_data (store, odd_names[i], data, -1);
      g_autofree char *display = g_filename_display_name (odd_names[i]);

      g_assert_cmpuint (report->n_new, ==, 1);
      g_assert_true (g_utf8_validate (report->name, -1, NULL));
      g_assert_cmpstr (report->name, ==, display);
    }

  imports = rostra_store_list_imports (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (imports), ==, G_N_ELEMENTS (odd_names));
  for (guint i = 0; i < g_list_model_get_n_items (imports); i++)
    {
      g_autoptr (RostraImportInfo) info = g_list_model_get_item (imports, i);
      const char *path = rostra_import_info_get_path (info);

      g_assert_true (g_utf8_validate (rostra_import_info_get_name (info), -1, NULL));
      g_assert_nonnull (path);
      g_assert_true (g_utf8_validate (path, -1, NULL));
    }

  json = rostra_test_export_json (store);
  root = rostra_test_parse_json (json);
  g_assert_cmpuint (json_array_get_length (
                        json_object_get_array_member (json_node_get_object (root), "articles")),
                    ==, G_N_ELEMENTS (odd_names));
}

/* A name as the command line prints it: valid UTF-8, control
 * characters (a newline) as U+FFFD. */
static char *
terminal_form (const char *name)
{
  g_autofree char *display = g_filename_display_name (name);
  GString         *out = g_string_new (NULL);

  for (const char *p = display; *p; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      g_string_append_unichar (out, 0xFFFD);
    else
      g_string_append_len (out, p, g_utf8_next_char (p) - p);
  return g_string_free (out, FALSE);
}

static void
test_file_names_cli (void)
{
  g_autofree char *db = g_build_filename (rostra_test_tmpdir (), "cli-names.db", NULL);
  g_autofree char *folder = g_build_filename (rostra_test_tmpdir (), "cli-names", NULL);

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (odd_names); i++)
    {
      g_autofree char *path = g_build_filename (folder, odd_names[i], NULL);
      g_autofree char *data = odd_dump (i);
      g_autofree char *display = terminal_form (odd_names[i]);
      g_autofree char *summary = g_strdup_printf ("%s: 1 new article", display);
      g_auto (RostraTestRun) r = { 0 };
      g_autoptr (GError) error = NULL;

      g_file_set_contents (path, data, -1, &error);
      g_assert_no_error (error);
      rostra_test_run_rostra (&r, "-d", db, "--import", path, NULL);
      g_assert_cmpint (r.status, ==, 0);
      g_assert_true (g_utf8_validate (r.out, -1, NULL));
      g_assert_true (g_utf8_validate (r.err, -1, NULL));
      if (strstr (r.out, summary) == NULL)
        g_error ("no “%s” in the output of rostra --import: %s", summary, r.out);
      /* One line: a newline in the name does not split it. */
      g_assert_cmpstr (strchr (r.out, '\n'), ==, r.out + strlen (r.out) - 1);
    }

  /* A file that cannot be imported (empty) is named readably too. */
  {
    g_autofree char *empty = g_build_filename (folder, "vide \xe9\xff.dump", NULL);
    g_autofree char *display = terminal_form (empty);
    g_auto (RostraTestRun) r = { 0 };

    g_assert_true (g_file_set_contents (empty, "", 0, NULL));
    rostra_test_run_rostra (&r, "-d", db, "--import", empty, NULL);
    g_assert_cmpint (r.status, !=, 0);
    g_assert_true (g_utf8_validate (r.err, -1, NULL));
    if (strstr (r.err, display) == NULL)
      g_error ("no “%s” in the errors of rostra --import: %s", display, r.err);
  }

  {
    g_auto (RostraTestRun) list = { 0 };
    g_auto (RostraTestRun) exported = { 0 };
    g_autoptr (JsonNode) root = NULL;
    JsonArray *articles;

    rostra_test_run_rostra (&list, "-d", db, "--list", "--json", NULL);
    g_assert_cmpint (list.status, ==, 0);
    root = rostra_test_parse_json (list.out);
    g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==,
                      G_N_ELEMENTS (odd_names));
    g_clear_pointer (&root, json_node_unref);

    rostra_test_run_rostra (&exported, "-d", db, "--export", "json", NULL);
    g_assert_cmpint (exported.status, ==, 0);
    root = rostra_test_parse_json (exported.out);
    articles = json_object_get_array_member (json_node_get_object (root), "articles");
    g_assert_cmpuint (json_array_get_length (articles), ==, G_N_ELEMENTS (odd_names));
    for (guint i = 0; i < json_array_get_length (articles); i++)
      {
        const char *from = json_object_get_string_member (
            json_array_get_object_element (articles, i), "imported_from");
        gboolean known = FALSE;

        for (guint k = 0; k < G_N_ELEMENTS (odd_names); k++)
          {
            g_autofree char *display = g_filename_display_name (odd_names[k]);

            known |= g_str_equal (from, display);
          }
        g_assert_true (known);
      }
  }
}

/* Titles and text holding escape sequences reach the terminal made
 * safe: --list and --search print them without control characters. */
static void
test_control_characters_cli (void)
{
  g_autofree char *db = g_build_filename (rostra_test_tmpdir (), "cli-escapes.db", NULL);
  g_autofree char *dump = rostra_test_write_file (
      "escapes.txt",
      "Evil \x1b[2J\x1b]0;pwned\x07 title | Src\x1b[31m\n\n01-02-20 10:00:00,\n\n"
      "Harbour \x1b[5mblink\x1b[0m text.\n » Read more\n",
      -1);
  const char *const commands[][6] = {
    { "-d", db, "--import", dump, NULL },
    { "-d", db, "--list", NULL },
    { "-d", db, "--search", "harbour", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto (RostraTestRun) r = { 0 };

      rostra_test_run_rostrav (&r, commands[i], NULL, NULL);
      g_assert_cmpint (r.status, ==, 0);
      g_assert_null (strchr (r.out, '\x1b'));
      g_assert_null (strchr (r.out, '\x07'));
      g_assert_null (strchr (r.err, '\x1b'));
      if (i == 1)
        g_assert_nonnull (strstr (r.out, "Evil \xef\xbf\xbd[2J"));
      if (i == 2)
        g_assert_nonnull (strstr (r.out, "\xef\xbf\xbd[5mblink"));
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hostile/dump/long-line", test_long_line);
  g_test_add_func ("/hostile/dump/nul-bytes", test_nul_bytes);
  g_test_add_func ("/hostile/dump/cut-utf8", test_cut_utf8);
  g_test_add_func ("/hostile/dump/mixed-encodings", test_mixed_encodings);
  g_test_add_func ("/hostile/dump/same-title", test_same_title);
  g_test_add_func ("/hostile/dump/bad-dates", test_bad_dates);
  g_test_add_func ("/hostile/dump/scripts", test_scripts);
  g_test_add_func ("/hostile/dump/long-title", test_long_title);
  g_test_add_func ("/hostile/dump/control-characters-in-warnings",
                   test_control_characters_in_warnings);
  g_test_add_func ("/hostile/notes/verbatim", test_notes_verbatim);
  g_test_add_func ("/hostile/notes/json", test_notes_json);
  g_test_add_func ("/hostile/notes/w3c", test_notes_w3c);
  g_test_add_func ("/hostile/notes/csv", test_notes_csv);
  g_test_add_func ("/hostile/notes/html", test_notes_html);
  g_test_add_func ("/hostile/notes/markdown", test_notes_markdown);
  g_test_add_func ("/hostile/notes/tag-separator", test_tag_separator);
  g_test_add_func ("/hostile/file-names/core", test_file_names_core);
  g_test_add_func ("/hostile/file-names/cli", test_file_names_cli);
  g_test_add_func ("/hostile/file-names/control-characters", test_control_characters_cli);

  return g_test_run ();
}
