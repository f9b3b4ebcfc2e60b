/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-kwic.c: how fast the concordance answers on a big archive.
 *
 * A developer tool, run with `meson test --benchmark bench-kwic` or by
 * hand (see --help). It writes the archive of bench-window (invented
 * English and Dutch speeches, bench-archive.c), counting on the way the
 * occurrences of the measured words with a tokenizer of its own, then
 * asks the engine, as the Concordance page does, for the first page of
 * lines (by date) and for all occurrences with their counts, for a
 * frequent word, a rare one, a prefix, a phrase, a sort by the right
 * word and word forms. Each is run once to warm the cache, then
 * --runs times; the median is printed. "stall" is the longest the main
 * loop could not run while it waited (a 5 ms timer), which must stay
 * far below 50 ms: the work is on the engine's worker. It fails when a
 * count is wrong, never on speed.
 *
 * The target (first 100 lines of a word with 100,000
 * occurrences in a million speeches within 150 ms) is read against
 * the "first page" column.
 */

#include "config.h"

#include <locale.h>
#include <sys/resource.h>
#include <string.h>

#include "bench-archive.h"
#include "rostra-engine-kwic.h"
#include "rostra-test-utils.h"

#define DEFAULT_ARTICLES 100000

typedef struct
{
  const char        *label;
  const char        *query;
  gboolean           forms;
  RostraKwicSort     sort;
  const char *const *words; /* counted independently (one word or a phrase); NULL: not counted */
  gboolean           prefix;
  guint64            expected;
} Measure;

static const char *const harbour[] = { "harbour", NULL };
static const char *const zeppelin[] = { "zeppelin", NULL };
static const char *const bri[] = { "bri", NULL };
static const char *const generation[] = { "for", "the", "next", "generation", NULL };

/* Lower-case ASCII words (the generator writes ASCII but for a few Dutch
 * letters, which are word characters too) */
static GPtrArray *
split_words (const char *text, GString *buffer)
{
  GPtrArray *words = g_ptr_array_new ();
  char      *p;

  g_string_assign (buffer, text);
  for (p = buffer->str; *p; p++)
    *p = g_ascii_tolower (*p);
  p = buffer->str;
  for (;;)
    {
      while (*p && !(g_ascii_isalnum (*p) || (guchar) *p >= 0x80))
        p++;
      if (!*p)
        break;
      g_ptr_array_add (words, p);
      while (g_ascii_isalnum (*p) || (guchar) *p >= 0x80)
        p++;
      if (!*p)
        break;
      *p++ = '\0';
    }
  return words;
}

typedef struct
{
  Measure *measures;
  guint    n;
  GString *buffer;
} Counting;

static void
count_article (const char *text, const char *language, gpointer data)
{
  Counting *counting = data;
  g_autoptr (GPtrArray) words = split_words (text, counting->buffer);

  for (guint m = 0; m < counting->n; m++)
    {
      Measure *measure = &counting->measures[m];
      guint    n = measure->words ? g_strv_length ((char **) measure->words) : 0;

      if (n == 0)
        continue;
      for (guint i = 0; i + n <= words->len; i++)
        {
          guint k = 0;

          while (k < n &&
                 (measure->prefix
                      ? g_str_has_prefix (g_ptr_array_index (words, i + k), measure->words[k])
                      : g_str_equal (g_ptr_array_index (words, i + k), measure->words[k])))
            k++;
          if (k == n)
            measure->expected++;
        }
    }
}

/* Waiting for an answer, watching the main loop */

static gint64 last_tick, longest_stall;

static gboolean
tick (gpointer data)
{
  gint64 now = g_get_monotonic_time ();

  longest_stall = MAX (longest_stall, now - last_tick);
  last_tick = now;
  return G_SOURCE_CONTINUE;
}

static void
store_result (GObject *source, GAsyncResult *result, gpointer data)
{
  *(GAsyncResult **) data = g_object_ref (result);
}

/* The process's processor time (both of its threads), in ms */
static double
cpu_ms (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000.0 +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000.0;
}

/* One query on the engine: ms to its answer */
static double
run_once (RostraEngine      *engine,
          RostraKwicQuery   *query,
          gboolean           all,
          RostraKwicResult **out,
          double            *stall_ms,
          double            *cpu)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  guint  timer = g_timeout_add (5, tick, NULL);
  gint64 start = g_get_monotonic_time ();
  double ms;

  last_tick = start;
  longest_stall = 0;
  *cpu = cpu_ms ();
  rostra_engine_kwic_async (engine, query, ROSTRA_KWIC_PAGE_SIZE, all, NULL, store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  ms = (g_get_monotonic_time () - start) / 1000.0;
  *cpu = cpu_ms () - *cpu;
  g_source_remove (timer);
  *out = rostra_engine_kwic_finish (engine, result, &error);
  g_assert_no_error (error);
  *stall_ms = longest_stall / 1000.0;
  return ms;
}

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (double *values, guint n)
{
  qsort (values, n, sizeof (double), compare_doubles);
  return values[n / 2];
}

int
main (int argc, char *argv[])
{
  int                articles = DEFAULT_ARTICLES, runs = 3;
  char              *archive = NULL;
  char              *only = NULL;
  gboolean           keep = FALSE;
  const GOptionEntry options[] = {
    { "articles", 0, 0, G_OPTION_ARG_INT, &articles, "Articles in the archive (default 100000)",
      "N" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Measured runs of each query (default 3)", "N" },
    { "archive", 0, 0, G_OPTION_ARG_FILENAME, &archive,
      "Use this archive (made by an earlier --keep) instead of writing one; counts unchecked",
      "PATH" },
    { "keep", 0, 0, G_OPTION_ARG_NONE, &keep, "Keep the archive written", NULL },
    { "query", 0, 0, G_OPTION_ARG_STRING, &only,
      "Measure only this query (by date; its count unchecked)", "QUERY" },
    { NULL },
  };
  Measure measures[] = {
    { "frequent word", "harbour", FALSE, ROSTRA_KWIC_SORT_DATE, harbour, FALSE, 0 },
    { "rare word", "zeppelin", FALSE, ROSTRA_KWIC_SORT_DATE, zeppelin, FALSE, 0 },
    { "prefix", "bri*", FALSE, ROSTRA_KWIC_SORT_DATE, bri, TRUE, 0 },
    { "phrase", "for the next generation", FALSE, ROSTRA_KWIC_SORT_DATE, generation, FALSE, 0 },
    { "sorted by right word", "harbour", FALSE, ROSTRA_KWIC_SORT_RIGHT_1, harbour, FALSE, 0 },
    { "forms", "bridges", TRUE, ROSTRA_KWIC_SORT_DATE, NULL, FALSE, 0 },
  };
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (RostraStore) store = NULL;
  g_autoptr (RostraEngine) engine = NULL;
  g_autoptr (GString) buffer = g_string_new (NULL);
  Counting counting = { measures, G_N_ELEMENTS (measures), buffer };
  gboolean failed = FALSE, counted = FALSE;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, options, NULL);
  g_option_context_set_summary (context, "Times the concordance on a generated archive.");
  if (!g_option_context_parse (context, &argc, &argv, &error) || articles < 1 || runs < 1)
    {
      g_printerr ("bench-kwic: %s\n", error ? error->message : "--articles and --runs from 1");
      return 2;
    }
  if (keep)
    g_setenv ("ROSTRA_TEST_KEEP", "1", TRUE);

  if (archive == NULL)
    {
      GenerateStats gen;
      gint64        t = g_get_monotonic_time ();

      g_print ("writing %d articles…\n", articles);
      archive = generate_archive (articles, NULL, 0, count_article, &counting, &gen, &error);
      if (archive == NULL)
        {
          g_printerr ("bench-kwic: %s\n", error->message);
          return 1;
        }
      counted = TRUE;
      g_print ("archive: %s, %.0f MB of text, written in %.1f s\n", archive,
               gen.text_bytes / (1024.0 * 1024.0), (g_get_monotonic_time () - t) / 1e6);
    }
  if (!(store = rostra_store_open (archive, &error)))
    {
      g_printerr ("bench-kwic: %s\n", error->message);
      return 1;
    }
  engine = rostra_engine_new (store);
  if (only != NULL)
    {
      /* In place of the first measure, alone */
      measures[0] = (Measure){ only, only, FALSE, ROSTRA_KWIC_SORT_DATE, NULL, FALSE, 0 };
    }

  g_print ("%-22s %10s %8s %12s %10s %10s %9s\n", "query", "hits", "speeches", "first page", "all",
           "expected", "stall");
  for (guint m = 0; m < (only ? 1 : G_N_ELEMENTS (measures)); m++)
    {
      g_autoptr (RostraKwicQuery) query = rostra_kwic_query_new (measures[m].query);
      g_autofree double *first = g_new0 (double, runs);
      g_autofree double *all = g_new0 (double, runs);
      g_autofree double *first_cpu = g_new0 (double, runs);
      g_autofree double *all_cpu = g_new0 (double, runs);
      double             stall = 0, s, c;
      guint              hits = 0, speeches = 0, page = 0;

      query->forms = measures[m].forms;
      query->sort = measures[m].sort;
      for (int r = -1; r < runs; r++) /* -1: warming the cache */
        {
          g_autoptr (RostraKwicResult) a = NULL;
          g_autoptr (RostraKwicResult) b = NULL;
          double f = run_once (engine, query, FALSE, &a, &s, &c);

          stall = MAX (stall, s);
          if (r >= 0)
            {
              first[r] = f;
              first_cpu[r] = c;
            }
          f = run_once (engine, query, TRUE, &b, &s, &c);
          stall = MAX (stall, s);
          if (r >= 0)
            {
              all[r] = f;
              all_cpu[r] = c;
            }
          hits = b->hits->len;
          speeches = b->n_articles;
          page = a->lines->len;
        }
      {
        char expected[24] = "-";

        if (measures[m].words && counted)
          g_snprintf (expected, sizeof expected, "%" G_GUINT64_FORMAT, measures[m].expected);
        g_print ("%-22s %10u %8u %9.1f ms %7.1f ms %10s %6.1f ms %9.1f ms %7.1f ms\n",
                 measures[m].label, hits, speeches, median (first, runs), median (all, runs),
                 expected, stall, median (first_cpu, runs), median (all_cpu, runs));
      }
      if (page != MIN (hits, ROSTRA_KWIC_PAGE_SIZE))
        {
          g_printerr ("bench-kwic: %s: a first page of %u lines for %u hits\n", measures[m].label,
                      page, hits);
          failed = TRUE;
        }
      if (measures[m].words && counted && hits != measures[m].expected)
        {
          g_printerr ("bench-kwic: %s: %u hits, counted %" G_GUINT64_FORMAT "\n", measures[m].label,
                      hits, measures[m].expected);
          failed = TRUE;
        }
    }
  if (keep)
    g_print ("kept: %s\n", archive);
  g_free (archive);
  return failed ? 1 : 0;
}
