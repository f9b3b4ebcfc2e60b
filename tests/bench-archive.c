/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-archive.c: the benchmarks' archive of invented speeches (bench-window, bench-kwic).
 *
 * Invented English and Dutch speeches written straight through
 * RostraStore, the same every time (the generator has a fixed seed), of
 * realistic length: 2 to 13 paragraphs of 60 to 120 words, 1 to 8 KB,
 * about 4 KB on average, in transactions of COMMIT_EVERY articles, so
 * that a million of them (about 4 GB of text) never sit in the
 * write-ahead log at once. On the way it counts the articles each
 * expected search finds, independently of the search.
 */

#include "config.h"

#include <string.h>

#include "bench-archive.h"
#include "rostra-test-utils.h"

#define SEED             20240918
#define MIN_PARAGRAPHS   2
#define MAX_PARAGRAPHS   13
#define COMMIT_EVERY     20000
#define MIN_WORDS        60
#define MAX_WORDS        120
#define RARE_ONE_IN      1000
#define FIRST_YEAR       1990
#define LAST_YEAR        2025
#define PICK(rand, list) ((list)[g_rand_int_range ((rand), 0, G_N_ELEMENTS (list))])

/* Word lists: plain ASCII but for a few Dutch letters, and no
 * typographic punctuation, so that count_matches() can split words the
 * way FTS5's unicode61 tokenizer does. */

/* clang-format off */
static const char *const en_subjects[] = {
  "we", "I", "this government", "the council", "our town", "the minister",
  "my colleagues and I", "the province", "our engineers", "nobody in this room",
  "every family in this valley",
};

static const char *const en_modals[] = {
  "will", "must", "should", "cannot", "will never", "promised to", "would rather",
  "can no longer", "did not",
};

static const char *const en_verbs[] = {
  "build", "protect", "repair", "open", "defend", "fund", "remember", "rebuild", "finish",
  "improve", "share", "keep", "support", "close", "question", "welcome", "extend", "modernise",
};

static const char *const en_adjectives[] = {
  "new", "old", "northern", "public", "local", "small", "shared", "modern", "forgotten", "quiet",
  "safe", "affordable", "historic", "unfinished",
};

static const char *const en_nouns[] = {
  "harbour", "railway", "bridge", "library", "hospital", "school", "budget", "river", "market",
  "station", "ferry", "dike", "pension fund", "wind farm", "night train", "museum", "tram line",
  "coast road", "water supply", "town hall",
};

static const char *const en_phrases[] = {
  "for our children", "in the coming years", "with the help of every volunteer",
  "before the winter", "on behalf of the whole town", "without raising taxes",
  "for the next generation", "in spite of the cost", "by the end of this decade",
  "together with our neighbours", "as the law requires", "for the farmers and the fishermen",
};

static const char *const en_short[] = {
  "Thank you.", "Let us begin.", "That is not a luxury.", "We will not give up.",
  "It was not easy.", "The answer is simple.", "We have waited long enough.",
  "Let me be clear about one thing.",
};

static const char *const en_sources[] = {
  "Riverside Courier", "The Northern Herald", "Parliament Record", "Valley Gazette",
  "Harbour Town Times", "Coastal Chronicle", "Westbury Evening Standard", "Midland Post",
  "The Daily Ledger", "Island Observer",
};

typedef struct
{
  const char *word;
  gboolean    plural;
} NlSubject;

static const NlSubject nl_subjects[] = {
  { "wij", TRUE }, { "ik", FALSE }, { "de gemeente", FALSE }, { "deze regering", FALSE },
  { "onze stad", FALSE }, { "het bestuur", FALSE }, { "de minister", FALSE },
  { "onze ingenieurs", TRUE }, { "de provincie", FALSE }, { "de mensen in deze regio", TRUE },
};

static const char *const nl_modals_singular[] = { "zal", "moet", "wil", "kan", "mag" };
static const char *const nl_modals_plural[] = { "zullen", "moeten", "willen", "kunnen", "mogen" };

static const char *const nl_verbs[] = {
  "bouwen", "beschermen", "herstellen", "openen", "verdedigen", "financieren", "afmaken",
  "verbeteren", "delen", "behouden", "steunen", "sluiten", "verwelkomen", "uitbreiden",
  "vernieuwen",
};

static const char *const nl_adjectives[] = {
  "nieuwe", "oude", "noordelijke", "openbare", "kleine", "moderne", "veilige", "betaalbare",
  "historische", "onvoltooide",
};

typedef struct
{
  const char *word;
  gboolean    neuter; /* het rather than de */
} NlNoun;

static const NlNoun nl_nouns[] = {
  { "haven", FALSE }, { "spoorlijn", FALSE }, { "brug", FALSE }, { "bibliotheek", FALSE },
  { "ziekenhuis", TRUE }, { "school", FALSE }, { "begroting", FALSE }, { "rivier", FALSE },
  { "markt", FALSE }, { "station", TRUE }, { "veerpont", FALSE }, { "dijk", FALSE },
  { "pensioenfonds", TRUE }, { "windpark", TRUE }, { "nachttrein", FALSE }, { "museum", TRUE },
  { "tramlijn", FALSE }, { "stadhuis", TRUE }, { "café", TRUE }, { "waterleiding", FALSE },
};

static const char *const nl_phrases[] = {
  "voor onze kinderen", "in de komende jaren", "met de hulp van alle vrijwilligers",
  "voor de winter", "namens de hele stad", "zonder de belastingen te verhogen",
  "voor de volgende generatie", "ondanks de kosten", "aan het eind van dit decennium",
  "samen met onze buren", "ten koste van de financiën van de gemeente",
};

static const char *const nl_short[] = {
  "Dank u wel.", "Laten we beginnen.", "Dat is geen luxe.", "Wij geven niet op.",
  "Het was niet makkelijk.", "Het antwoord is eenvoudig.",
  "De ideeën zijn er, nu de uitvoering nog.", "Laat ik één ding duidelijk zeggen.",
};

static const char *const nl_sources[] = {
  "Stadsblad Noord", "De Havenkrant", "Provinciale Bode", "Raadsnieuws",
  "Dagblad van het Oosten", "Het Rivierenland", "Westfries Weekblad", "De Polderpost",
  "Utrechts Nieuwsblad", "Kustkoerier",
};

/* In one article in RARE_ONE_IN, and nowhere else. */
static const char en_rare[] = "Nobody expected the zeppelin to land on the market square.";
static const char nl_rare[] = "Niemand had verwacht dat de zeppelin op het marktplein zou landen.";
/* clang-format on */

/* Writing articles */

static guint
count_words (const char *s)
{
  guint words = 1;

  for (; *s; s++)
    if (*s == ' ')
      words++;
  return words;
}

static void
append_en_sentence (GString *s, GRand *rand)
{
  gsize start = s->len;

  /* Every random number is drawn in its own statement, so that the
   * archive does not depend on the compiler's order of evaluation. */
  switch (g_rand_int_range (rand, 0, 8))
    {
      case 0:
        g_string_append (s, PICK (rand, en_short));
        break;
      case 1:
        {
          const char *adjective = PICK (rand, en_adjectives);
          const char *noun = PICK (rand, en_nouns);

          g_string_append_printf (s, "who will pay for the %s %s?", adjective, noun);
        }
        break;
      case 2:
        {
          const char *noun = PICK (rand, en_nouns);
          int         millions = g_rand_int_range (rand, 2, 900);
          int         people = g_rand_int_range (rand, 100, 40000);
          int         year = g_rand_int_range (rand, FIRST_YEAR, LAST_YEAR + 10);

          g_string_append_printf (s,
                                  "the %s will cost %d million euros and serve %d people a day "
                                  "by %d.",
                                  noun, millions, people, year);
        }
        break;
      default:
        {
          const char *subject = PICK (rand, en_subjects);
          const char *modal = PICK (rand, en_modals);
          const char *verb = PICK (rand, en_verbs);
          const char *adjective = PICK (rand, en_adjectives);
          const char *noun = PICK (rand, en_nouns);
          gboolean    phrase = g_rand_int_range (rand, 0, 3) > 0;

          g_string_append_printf (s, "%s %s %s the %s %s", subject, modal, verb, adjective, noun);
          if (phrase)
            g_string_append_printf (s, " %s", PICK (rand, en_phrases));
          g_string_append_c (s, '.');
        }
        break;
    }
  s->str[start] = g_ascii_toupper (s->str[start]);
}

static void
append_nl_sentence (GString *s, GRand *rand)
{
  gsize start = s->len;

  switch (g_rand_int_range (rand, 0, 8))
    {
      case 0:
        g_string_append (s, PICK (rand, nl_short));
        break;
      case 1:
        {
          const char   *adjective = PICK (rand, nl_adjectives);
          const NlNoun *noun = &PICK (rand, nl_nouns);

          g_string_append_printf (s, "wie gaat %s %s %s betalen?", noun->neuter ? "het" : "de",
                                  adjective, noun->word);
        }
        break;
      case 2:
        {
          int millions = g_rand_int_range (rand, 2, 900);
          int year = g_rand_int_range (rand, FIRST_YEAR, LAST_YEAR + 10);
          int people = g_rand_int_range (rand, 100, 40000);

          g_string_append_printf (s,
                                  "het project kost %d miljoen euro, en in %d maken er %d mensen "
                                  "per dag gebruik van.",
                                  millions, year, people);
        }
        break;
      default:
        {
          const NlSubject *subject = &PICK (rand, nl_subjects);
          const char      *modal =
              subject->plural ? PICK (rand, nl_modals_plural) : PICK (rand, nl_modals_singular);
          const char   *adjective = PICK (rand, nl_adjectives);
          const NlNoun *noun = &PICK (rand, nl_nouns);
          gboolean      phrase = g_rand_int_range (rand, 0, 3) > 0;
          const char   *verb;

          g_string_append_printf (s, "%s %s %s %s %s", subject->word, modal,
                                  noun->neuter ? "het" : "de", adjective, noun->word);
          if (phrase)
            g_string_append_printf (s, " %s", PICK (rand, nl_phrases));
          verb = PICK (rand, nl_verbs);
          g_string_append_printf (s, " %s.", verb);
        }
        break;
    }
  s->str[start] = g_ascii_toupper (s->str[start]);
}

/* A paragraph of MIN_WORDS to MAX_WORDS words. */
static void
append_paragraph (GString *s, GString *sentence, GRand *rand, gboolean dutch)
{
  guint target = g_rand_int_range (rand, MIN_WORDS, MAX_WORDS + 1);
  guint words = 0;

  while (words < target)
    {
      guint n;

      g_string_truncate (sentence, 0);
      if (dutch)
        append_nl_sentence (sentence, rand);
      else
        append_en_sentence (sentence, rand);

      n = count_words (sentence->str);
      if (words >= MIN_WORDS && words + n > MAX_WORDS)
        break;
      if (words > 0)
        g_string_append_c (s, ' ');
      g_string_append_len (s, sentence->str, sentence->len);
      words += n;
    }
}

typedef struct
{
  GString    *title;
  GString    *text;
  const char *source;
  const char *language;
  char        published[32];
} Article;

/* Article number @number, whose title no other article has. */
static void
make_article (Article *a, GString *sentence, GRand *rand, guint number)
{
  gboolean dutch = g_rand_boolean (rand);
  guint    n_nouns = dutch ? G_N_ELEMENTS (nl_nouns) : G_N_ELEMENTS (en_nouns);
  guint    first = g_rand_int_range (rand, 0, n_nouns);
  guint    second = (first + g_rand_int_range (rand, 1, n_nouns)) % n_nouns;
  int      year = g_rand_int_range (rand, FIRST_YEAR, LAST_YEAR + 1);
  int      month = g_rand_int_range (rand, 1, 13);
  int      day = g_rand_int_range (rand, 1, g_date_get_days_in_month (month, year) + 1);
  int      hour = g_rand_int_range (rand, 0, 24);
  int      minute = g_rand_int_range (rand, 0, 60);
  int      second_of_minute = g_rand_int_range (rand, 0, 60);
  gboolean rare = g_rand_int_range (rand, 0, RARE_ONE_IN) == 0;
  guint    n_paragraphs = g_rand_int_range (rand, MIN_PARAGRAPHS, MAX_PARAGRAPHS + 1);

  g_string_truncate (a->title, 0);
  if (dutch)
    g_string_append_printf (a->title, "Toespraak %u over %s %s en %s %s", number,
                            nl_nouns[first].neuter ? "het" : "de", nl_nouns[first].word,
                            nl_nouns[second].neuter ? "het" : "de", nl_nouns[second].word);
  else
    g_string_append_printf (a->title, "Speech %u on the %s and the %s", number, en_nouns[first],
                            en_nouns[second]);

  a->source = dutch ? PICK (rand, nl_sources) : PICK (rand, en_sources);
  a->language = dutch ? "nl" : "en";
  g_snprintf (a->published, sizeof a->published, "%04d-%02d-%02dT%02d:%02d:%02d", year, month, day,
              hour, minute, second_of_minute);

  g_string_truncate (a->text, 0);
  for (guint i = 0; i < n_paragraphs; i++)
    {
      if (i > 0)
        g_string_append (a->text, "\n\n");
      append_paragraph (a->text, sentence, rand, dutch);
      if (rare && i == 1)
        g_string_append_printf (a->text, " %s", dutch ? nl_rare : en_rare);
    }
}

/* What the window should find: words split as FTS5's unicode61 does
 * (runs of letters and digits, case folded), for text with no
 * non-ASCII byte outside a letter. */

static gboolean
is_token_byte (char c)
{
  return g_ascii_isalnum (c) || (guchar) c >= 0x80;
}

/* Splits @s, in place, into its lower-case words. */
static void
split_tokens (char *s, GPtrArray *tokens)
{
  char *p = s;

  g_ptr_array_set_size (tokens, 0);
  for (; *p; p++)
    *p = g_ascii_tolower (*p);

  p = s;
  for (;;)
    {
      while (*p && !is_token_byte (*p))
        p++;
      if (*p == '\0')
        break;
      g_ptr_array_add (tokens, p);
      while (is_token_byte (*p))
        p++;
      if (*p == '\0')
        break;
      *p++ = '\0';
    }
}

void
expectation_init (Expectation *e, const char *typed)
{
  g_autofree char *copy = g_strdup (typed);
  g_autoptr (GPtrArray) tokens = g_ptr_array_new ();

  e->typed = g_strdup (typed);
  e->phrase = typed[0] == '"';
  e->expected = 0;
  split_tokens (copy, tokens);
  g_ptr_array_add (tokens, NULL);
  e->tokens = g_strdupv ((char **) tokens->pdata);
  /* Only one word, or one quoted phrase: what the matching below knows. */
  g_assert_true (e->phrase || g_strv_length (e->tokens) == 1);
}

static gboolean
expectation_matches (const Expectation *e, GPtrArray *tokens)
{
  guint n = g_strv_length (e->tokens);

  if (!e->phrase)
    {
      /* As the search does: a prefix from three letters on, a whole
       * word below that (see rostra_search_to_fts()). */
      gboolean prefix = g_utf8_strlen (e->tokens[0], -1) >= 3;

      for (guint i = 0; i < tokens->len; i++)
        if (prefix ? g_str_has_prefix (g_ptr_array_index (tokens, i), e->tokens[0])
                   : g_str_equal (g_ptr_array_index (tokens, i), e->tokens[0]))
          return TRUE;
      return FALSE;
    }

  for (guint i = 0; i + n <= tokens->len; i++)
    {
      guint j = 0;

      while (j < n && strcmp (g_ptr_array_index (tokens, i + j), e->tokens[j]) == 0)
        j++;
      if (j == n)
        return TRUE;
    }
  return FALSE;
}

static void
count_matches (const Article *a,
               Expectation   *expectations,
               guint          n_expectations,
               GString       *buffer,
               GPtrArray     *tokens)
{
  g_string_truncate (buffer, 0);
  g_string_append_len (buffer, a->title->str, a->title->len);
  g_string_append_c (buffer, '\n');
  g_string_append_len (buffer, a->text->str, a->text->len);
  split_tokens (buffer->str, tokens);

  for (guint i = 0; i < n_expectations; i++)
    if (expectation_matches (&expectations[i], tokens))
      expectations[i].expected++;
}

/* Writes @n articles into @store, in one transaction, and counts what
 * each search should find on the way. */
static gboolean
write_articles (RostraStore     *store,
                guint            n,
                Expectation     *expectations,
                guint            n_expectations,
                BenchArticleFunc func,
                gpointer         func_data,
                GenerateStats   *stats,
                GError         **error)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (SEED);
  g_autoptr (GString) title = g_string_sized_new (256);
  g_autoptr (GString) text = g_string_sized_new (4096);
  g_autoptr (GString) sentence = g_string_sized_new (256);
  g_autoptr (GString) buffer = g_string_sized_new (4096);
  g_autoptr (GPtrArray) tokens = g_ptr_array_sized_new (512);
  Article a = { title, text, NULL, NULL, "" };
  gint64  insert_us = 0, t;
  gint64  import_id;

  if (!rostra_store_begin (store, error))
    return FALSE;
  import_id = rostra_store_add_import (store, "Generated speeches", NULL, "feed-dump", error);
  if (import_id == 0)
    return FALSE;

  for (guint i = 1; i <= n; i++)
    {
      gint64 id = 0;

      make_article (&a, sentence, rand, i);
      count_matches (&a, expectations, n_expectations, buffer, tokens);
      if (func != NULL)
        func (text->str, a.language, func_data);
      stats->text_bytes += text->len;

      t = g_get_monotonic_time ();
      if (!rostra_store_add_article (store, import_id, title->str, a.source, a.published,
                                     a.language, text->str, &id, error))
        return FALSE;
      insert_us += g_get_monotonic_time () - t;
      if (id == 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS, "article %u is a duplicate", i);
          return FALSE;
        }
      if (i % COMMIT_EVERY == 0 && i < n)
        {
          t = g_get_monotonic_time ();
          if (!rostra_store_commit (store, error) || !rostra_store_begin (store, error))
            return FALSE;
          stats->commit_s += (g_get_monotonic_time () - t) / (gdouble) G_USEC_PER_SEC;
          if (i % (10 * COMMIT_EVERY) == 0)
            g_print ("  … %u articles written\n", i);
        }
    }
  stats->insert_s = insert_us / (gdouble) G_USEC_PER_SEC;

  if (!rostra_store_finish_import (store, import_id, 0, NULL, NULL, n, 0, 0, error))
    return FALSE;
  t = g_get_monotonic_time ();
  if (!rostra_store_commit (store, error))
    return FALSE;
  stats->commit_s += (g_get_monotonic_time () - t) / (gdouble) G_USEC_PER_SEC;
  return TRUE;
}

/* A new archive of @n articles; returns its path, or %NULL with @error set.
 * @func, when given, sees each article's text as it is written. */
char *
generate_archive (guint            n,
                  Expectation     *expectations,
                  guint            n_expectations,
                  BenchArticleFunc func,
                  gpointer         func_data,
                  GenerateStats   *stats,
                  GError         **error)
{
  g_autofree char *path = NULL;
  g_autoptr (RostraStore) store = NULL;
  gint64   start = g_get_monotonic_time ();
  gint64   t;
  gboolean ok;

  memset (stats, 0, sizeof *stats);
  store = rostra_test_store_new (&path);
  ok = write_articles (store, n, expectations, n_expectations, func, func_data, stats, error);
  if (!ok)
    rostra_store_rollback (store);

  t = g_get_monotonic_time ();
  g_clear_object (&store);
  stats->close_s = (g_get_monotonic_time () - t) / (gdouble) G_USEC_PER_SEC;
  stats->total_s = (g_get_monotonic_time () - start) / (gdouble) G_USEC_PER_SEC;
  return ok ? g_steal_pointer (&path) : NULL;
}
