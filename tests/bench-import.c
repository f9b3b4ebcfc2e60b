/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-import.c: how fast, and in how much memory, a large dump is imported.
 *
 * A developer tool, run with `meson test --benchmark` (or by hand, see
 * --help). It writes a dump of invented English and Dutch speeches
 * (the same every time: the generator has a fixed seed) and imports it
 * into a new archive, --runs times, then once more (which must add
 * nothing); it prints the times, the peak resident memory and the
 * archive's size.
 *
 * Each run also measures the floor: the `sqlite3` shell storing the same
 * rows (the values Rostra computes) into an empty archive made by
 * rostra_store_open(), in one transaction, with the same PRAGMAs (see
 * write_floor_script()). The import should take at most FLOOR_LIMIT
 * times as long; the archives must end up the same (rows and FTS index).
 * The machine's other work makes single runs noisy: the contenders take
 * turns, and the medians are compared. With --pipeline, each run also
 * imports through RostraImportPipeline (parsing on a second thread).
 *
 * It fails only when an import fails, its counts are wrong or the
 * archives differ, never on speed. Sizes are in MB of 1024 × 1024 bytes.
 *
 * With --max-peak-growth-mb N it also fails when the first import
 * raised the peak resident memory (VmHWM) by more than N MB above the
 * resident memory before it: the parser streams, so a dump of any size
 * must fit in the same few MB. The benchmark `bench-import-1gb` runs
 * it so on a dump of 1 GB (see tests/meson.build).
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>
#include <sys/resource.h>

#include "rostra-import-pipeline.h"
#include "rostra-importer.h"
#include "rostra-store-private.h"
#include "rostra-test-utils.h"
#include "rostra-text.h"
#include "rostra-versions.h"

#define SEED             20240917
#define MB               (1024.0 * 1024.0)
#define DEFAULT_SIZE_MB  100
#define DEFAULT_RUNS     3
#define MIN_PARAGRAPHS   3
#define MAX_PARAGRAPHS   12
#define MIN_WORDS        40
#define MAX_WORDS        200
#define WRITE_BUFFER     (256 * 1024)
#define FIRST_YEAR       1990
#define LAST_YEAR        2025
#define PICK(rand, list) ((list)[g_rand_int_range ((rand), 0, G_N_ELEMENTS (list))])

/* Word lists */

typedef struct
{
  const char *title_word; /* in a title: "harbours" */
  const char *noun;       /* in a sentence: "harbour" */
} Topic;

/* clang-format off */
static const char *const en_openers[] = {
  "Friends and neighbours,", "Madam President,", "Mr Speaker,", "Ladies and gentlemen,",
  "Members of the council,", "Colleagues,", "Dear friends,", "Honourable members,",
};

typedef struct
{
  const char *word;
  gboolean    plural; /* takes the plural verb: "we have", "I have" (and "ik" is singular) */
} Subject;

static const Subject en_subjects[] = {
  { "we", TRUE }, { "I", TRUE }, { "this government", FALSE }, { "the council", FALSE },
  { "our town", FALSE }, { "the people of this valley", TRUE },
  { "every family in this region", FALSE }, { "the minister", FALSE },
  { "my colleagues and I", TRUE }, { "the young people who grew up here", TRUE },
  { "our engineers", TRUE }, { "the province", FALSE }, { "nobody in this room", FALSE },
};

static const char *const en_modals_singular[] = {
  "will", "must", "should", "cannot", "wants to", "promised to", "stands ready to", "did not",
  "can no longer", "has decided to", "will never", "would rather",
};

static const char *const en_modals_plural[] = {
  "will", "must", "should", "cannot", "want to", "promised to", "stand ready to", "did not",
  "can no longer", "have decided to", "will never", "would rather",
};

static const char *const en_verbs[] = {
  "build", "protect", "repair", "open", "defend", "fund", "remember", "rebuild", "finish",
  "improve", "share", "keep", "support", "close", "question", "welcome", "honour", "sell",
  "extend", "modernise",
};

static const char *const en_adjectives[] = {
  "new", "old", "northern", "public", "local", "small", "shared", "modern", "forgotten", "quiet",
  "safe", "affordable", "difficult", "ambitious", "expensive", "historic", "unfinished",
};

static const Topic en_topics[] = {
  { "harbours", "harbour" }, { "railways", "railway" }, { "bridges", "bridge" },
  { "libraries", "library" }, { "hospitals", "hospital" }, { "schools", "school" },
  { "budgets", "budget" }, { "rivers", "river" }, { "markets", "market" },
  { "stations", "station" }, { "housing", "housing plan" }, { "ferries", "ferry" },
  { "dikes", "dike" }, { "pensions", "pension fund" }, { "wind farms", "wind farm" },
  { "night trains", "night train" }, { "the water supply", "water supply" },
  { "museums", "museum" }, { "tram lines", "tram line" }, { "the coast road", "coast road" },
};

static const char *const en_phrases[] = {
  "for our children", "in the coming years", "with the help of every volunteer",
  "before the winter", "on behalf of the whole town", "at the heart of the valley",
  "without raising taxes", "for the next generation", "in spite of the cost",
  "by the end of this decade", "together with our neighbours", "whatever the critics say",
  "as the law requires", "for the farmers and the fishermen", "in every village of the province",
};

static const char *const en_short[] = {
  "thank you.", "let us begin.", "that is not a luxury.", "we will not give up.",
  "it was not easy.", "I know that many of you are worried.", "this is a proud day.",
  "the answer is simple.", "we have waited long enough.", "let me be clear about one thing.",
  "I don’t believe that for a moment.", "it’s time to act.",
};

static const char *const en_speakers[] = {
  "Mayor Okafor", "Senator Lindqvist", "Minister Hartley", "Councillor Byrne",
  "Governor Alvarez", "President Mensah",
};

static const char *const en_sources[] = {
  "Riverside Courier", "The Northern Herald", "Parliament Record", "Valley Gazette",
  "Harbour Town Times", "Coastal Chronicle",
};

static const char *const nl_openers[] = {
  "Beste inwoners,", "Dames en heren,", "Voorzitter,", "Geachte leden van de raad,",
  "Beste vrienden,", "Collega’s,",
};

static const Subject nl_subjects[] = {
  { "wij", TRUE }, { "ik", FALSE }, { "de gemeente", FALSE }, { "deze regering", FALSE },
  { "onze stad", FALSE }, { "het bestuur", FALSE }, { "de mensen in deze regio", TRUE },
  { "de minister", FALSE }, { "onze ingenieurs", TRUE }, { "de provincie", FALSE },
  { "niemand in deze zaal", FALSE },
};

static const char *const nl_modals_singular[] = { "zal", "moet", "wil", "kan", "mag" };
static const char *const nl_modals_plural[] = { "zullen", "moeten", "willen", "kunnen", "mogen" };

static const char *const nl_verbs[] = {
  "bouwen", "beschermen", "herstellen", "openen", "verdedigen", "financieren", "onthouden",
  "afmaken", "verbeteren", "delen", "behouden", "steunen", "sluiten", "verwelkomen",
  "uitbreiden", "vernieuwen",
};

static const char *const nl_adjectives[] = {
  "nieuwe", "oude", "noordelijke", "openbare", "kleine", "moderne", "veilige", "betaalbare",
  "vergeten", "dure", "historische", "onvoltooide",
};

typedef struct
{
  const char *title_word; /* "havens" */
  const char *noun;       /* "haven" */
  gboolean    neuter;     /* het (dit, ons) rather than de (deze, onze) */
} NlTopic;

static const NlTopic nl_topics[] = {
  { "havens", "haven", FALSE }, { "spoorwegen", "spoorlijn", FALSE },
  { "bruggen", "brug", FALSE }, { "bibliotheken", "bibliotheek", FALSE },
  { "ziekenhuizen", "ziekenhuis", TRUE }, { "scholen", "school", FALSE },
  { "de begroting", "begroting", FALSE }, { "rivieren", "rivier", FALSE },
  { "markten", "markt", FALSE }, { "stations", "station", TRUE },
  { "woningbouw", "woningbouwplan", TRUE }, { "veerponten", "veerpont", FALSE },
  { "dijken", "dijk", FALSE }, { "pensioenen", "pensioenfonds", TRUE },
  { "windparken", "windpark", TRUE }, { "nachttreinen", "nachttrein", FALSE },
  { "musea", "museum", TRUE }, { "cafés", "café", TRUE }, { "tramlijnen", "tramlijn", FALSE },
  { "stadhuizen", "stadhuis", TRUE },
};

static const char *const nl_phrases[] = {
  "voor onze kinderen", "in de komende jaren", "met de hulp van alle vrijwilligers",
  "voor de winter", "namens de hele stad", "in het hart van de vallei",
  "zonder de belastingen te verhogen", "voor de volgende generatie", "ondanks de kosten",
  "aan het eind van dit decennium", "samen met onze buren", "wat de critici ook zeggen",
  "voor de boeren en de vissers", "in elk dorp van de provincie",
  "ten koste van de financiën van de gemeente",
};

static const char *const nl_short[] = {
  "dank u wel.", "laten we beginnen.", "dat is geen luxe.", "wij geven niet op.",
  "het was niet makkelijk.", "ik weet dat velen van u zich zorgen maken.",
  "het is een bijzondere dag voor onze stad.", "het antwoord is eenvoudig.",
  "wij hebben lang genoeg gewacht.", "laat ik één ding duidelijk zeggen.",
  "de ideeën zijn er, nu de uitvoering nog.",
};

static const char *const nl_speakers[] = {
  "Burgemeester De Wit", "Wethouder Jansen", "Minister Van Dijk", "Gedeputeerde Bakker",
  "Senator Visser", "Voorzitter El Amrani",
};

static const char *const nl_sources[] = {
  "Stadsblad Noord", "De Havenkrant", "Provinciale Bode", "Raadsnieuws",
  "Dagblad van het Oosten",
};
/* clang-format on */

/* Writing speeches */

static guint
count_words (const char *s)
{
  guint    words = 0;
  gboolean in_word = FALSE;

  for (; *s; s++)
    {
      gboolean space = *s == ' ';

      if (!space && !in_word)
        words++;
      in_word = !space;
    }
  return words;
}

static gboolean
starts_with_vowel (const char *word)
{
  return strchr ("aeiou", word[0]) != NULL;
}

/* "the new harbour", "an old bridge", "our schools" */
static void
append_en_object (GString *s, GRand *rand)
{
  const char *noun = PICK (rand, en_topics).noun;
  const char *adjective = g_rand_boolean (rand) ? PICK (rand, en_adjectives) : NULL;
  const char *next = adjective ? adjective : noun;

  switch (g_rand_int_range (rand, 0, 4))
    {
      case 0:
        g_string_append (s, starts_with_vowel (next) ? "an " : "a ");
        break;
      case 1:
        g_string_append (s, "our ");
        break;
      case 2:
        g_string_append (s, "this ");
        break;
      default:
        g_string_append (s, "the ");
        break;
    }
  if (adjective)
    g_string_append_printf (s, "%s ", adjective);
  g_string_append (s, noun);
}

static void
append_en_clause (GString *s, GRand *rand)
{
  const Subject *subject = &PICK (rand, en_subjects);
  const char    *modal =
      subject->plural ? PICK (rand, en_modals_plural) : PICK (rand, en_modals_singular);
  const char *verb = PICK (rand, en_verbs);

  g_string_append_printf (s, "%s %s %s ", subject->word, modal, verb);
  append_en_object (s, rand);
  if (g_rand_int_range (rand, 0, 3) > 0)
    g_string_append_printf (s, " %s", PICK (rand, en_phrases));
}

/* One sentence, starting in lower case, ending with a full stop. */
static void
append_en_sentence (GString *s, GRand *rand)
{
  /* Every random number is drawn in its own statement, so that the
   * dump does not depend on the compiler's order of evaluation. */
  switch (g_rand_int_range (rand, 0, 12))
    {
      case 0:
        g_string_append (s, PICK (rand, en_short));
        break;
      case 1:
        g_string_append (s, "who will pay for ");
        append_en_object (s, rand);
        g_string_append (s, "?");
        break;
      case 2:
        {
          const char *noun = PICK (rand, en_topics).noun;
          int         millions = g_rand_int_range (rand, 2, 900);
          int         people = g_rand_int_range (rand, 100, 40000);
          int         year = g_rand_int_range (rand, FIRST_YEAR, LAST_YEAR + 10);

          g_string_append_printf (s,
                                  "the %s will cost %d million euros, and it will serve %d people "
                                  "a day by %d.",
                                  noun, millions, people, year);
        }
        break;
      case 3:
        g_string_append_printf (s,
                                "as my grandmother used to say, “a town without a %s is a town "
                                "without a future.”",
                                PICK (rand, en_topics).noun);
        break;
      case 4:
        g_string_append (s, "we don’t build ");
        append_en_object (s, rand);
        g_string_append (s, " for ourselves; we build it for those who come after us.");
        break;
      case 5:
      case 6:
        append_en_clause (s, rand);
        g_string_append (s, g_rand_boolean (rand) ? ", and " : ", but ");
        append_en_clause (s, rand);
        g_string_append (s, ".");
        break;
      default:
        append_en_clause (s, rand);
        g_string_append (s, ".");
        break;
    }
}

/* "de nieuwe haven", "ons oude station" */
static void
append_nl_object (GString *s, GRand *rand)
{
  const NlTopic *topic = &PICK (rand, nl_topics);

  switch (g_rand_int_range (rand, 0, 3))
    {
      case 0:
        g_string_append (s, topic->neuter ? "ons " : "onze ");
        break;
      case 1:
        g_string_append (s, topic->neuter ? "dit " : "deze ");
        break;
      default:
        g_string_append (s, topic->neuter ? "het " : "de ");
        break;
    }
  if (g_rand_boolean (rand))
    g_string_append_printf (s, "%s ", PICK (rand, nl_adjectives));
  g_string_append (s, topic->noun);
}

/* "wij moeten de oude haven voor onze kinderen beschermen" */
static void
append_nl_clause (GString *s, GRand *rand)
{
  const Subject *subject = &PICK (rand, nl_subjects);
  const char    *modal =
      subject->plural ? PICK (rand, nl_modals_plural) : PICK (rand, nl_modals_singular);

  g_string_append_printf (s, "%s %s ", subject->word, modal);
  append_nl_object (s, rand);
  if (g_rand_int_range (rand, 0, 3) > 0)
    g_string_append_printf (s, " %s", PICK (rand, nl_phrases));
  g_string_append_printf (s, " %s", PICK (rand, nl_verbs));
}

static void
append_nl_sentence (GString *s, GRand *rand)
{
  switch (g_rand_int_range (rand, 0, 12))
    {
      case 0:
        g_string_append (s, PICK (rand, nl_short));
        break;
      case 1:
        g_string_append (s, "wie gaat ");
        append_nl_object (s, rand);
        g_string_append (s, " betalen?");
        break;
      case 2:
        {
          int millions = g_rand_int_range (rand, 2, 900);
          int year = g_rand_int_range (rand, FIRST_YEAR, LAST_YEAR + 10);
          int people = g_rand_int_range (rand, 100, 40000);

          g_string_append_printf (s,
                                  "het project kost %d miljoen euro, en in %d zullen er %d mensen "
                                  "per dag gebruik van maken.",
                                  millions, year, people);
        }
        break;
      case 3:
        g_string_append_printf (s,
                                "zoals mijn grootmoeder altijd zei: „een stad zonder %s is een "
                                "stad zonder toekomst.”",
                                PICK (rand, nl_topics).noun);
        break;
      case 4:
      case 5:
        append_nl_clause (s, rand);
        g_string_append (s, g_rand_boolean (rand) ? ", en " : ", maar ");
        append_nl_clause (s, rand);
        g_string_append (s, ".");
        break;
      default:
        append_nl_clause (s, rand);
        g_string_append (s, ".");
        break;
    }
}

/* A paragraph of MIN_WORDS to MAX_WORDS words, on one line. */
static void
append_paragraph (GString *s, GString *sentence, GRand *rand, gboolean dutch, gboolean first)
{
  guint target = g_rand_int_range (rand, MIN_WORDS, MAX_WORDS + 1);
  guint words = 0;

  if (first && g_rand_boolean (rand))
    {
      const char *opener = dutch ? PICK (rand, nl_openers) : PICK (rand, en_openers);

      g_string_append (s, opener);
      words = count_words (opener);
    }

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

      /* After an opener ("Madam President,") the sentence goes on in lower case. */
      if (words == 0 || s->str[s->len - 1] != ',')
        sentence->str[0] = g_ascii_toupper (sentence->str[0]);
      if (words > 0)
        g_string_append_c (s, ' ');
      g_string_append_len (s, sentence->str, sentence->len);
      words += n;
    }
  g_string_append (s, "\n\n");
}

/* One entry of the dump, numbered @number, with its trailing blank line. */
static void
append_entry (GString *s, GString *sentence, GRand *rand, guint number)
{
  gboolean dutch = g_rand_boolean (rand);
  g_autoptr (GString) title = g_string_new (NULL);
  const char *first_topic, *second_topic;
  guint       n_topics = dutch ? G_N_ELEMENTS (nl_topics) : G_N_ELEMENTS (en_topics);
  guint       a = g_rand_int_range (rand, 0, n_topics);
  guint       b = (a + g_rand_int_range (rand, 1, n_topics)) % n_topics;
  int         year = g_rand_int_range (rand, FIRST_YEAR, LAST_YEAR + 1);
  int         month = g_rand_int_range (rand, 1, 13);
  int         day = g_rand_int_range (rand, 1, g_date_get_days_in_month (month, year) + 1);
  guint       n_paragraphs = g_rand_int_range (rand, MIN_PARAGRAPHS, MAX_PARAGRAPHS + 1);
  int         hour = g_rand_int_range (rand, 0, 24);
  int         minute = g_rand_int_range (rand, 0, 60);
  int         second = g_rand_int_range (rand, 0, 60);
  int         separator = g_rand_int_range (rand, 0, 20);

  first_topic = dutch ? nl_topics[a].title_word : en_topics[a].title_word;
  second_topic = dutch ? nl_topics[b].title_word : en_topics[b].title_word;

  g_string_append_printf (title, "%s %u: ", dutch ? "Toespraak" : "Speech", number);
  if (g_rand_int_range (rand, 0, 3) == 0)
    g_string_append_printf (title, "%s ",
                            dutch ? PICK (rand, nl_speakers) : PICK (rand, en_speakers));
  g_string_append_printf (title, "%s %s %s %s", dutch ? "over" : "on", first_topic,
                          dutch ? "en" : "and", second_topic);

  /* Most titles name their source after " | ", some after " – ", a few not at all. */
  if (separator < 16)
    g_string_append (title, " | ");
  else if (separator < 19)
    g_string_append (title, " \u2013 ");
  if (separator < 19)
    g_string_append (title, dutch ? PICK (rand, nl_sources) : PICK (rand, en_sources));

  g_string_append_printf (s, "%s\n\n", title->str);
  if (g_rand_boolean (rand))
    g_string_append_printf (s, "%s\n\n", title->str);

  g_string_append_printf (s, "%02d-%02d-%02d %02d:%02d:%02d,\n\n", day, month, year % 100, hour,
                          minute, second);

  for (guint i = 0; i < n_paragraphs; i++)
    append_paragraph (s, sentence, rand, dutch, i == 0);

  g_string_append (s, dutch ? "\u00a0»\u00a0Lees verder\n\n" : "\u00a0»\u00a0Read more\n\n");
}

/* Writes entries to @path until it holds at least @target bytes, one
 * entry in memory at a time. */
static gboolean
generate_dump (const char *path, guint64 target, guint *n_entries, guint64 *size, GError **error)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GFileOutputStream) file_stream = NULL;
  g_autoptr (GOutputStream) out = NULL;
  g_autoptr (GRand) rand = g_rand_new_with_seed (SEED);
  g_autoptr (GString) entry = g_string_sized_new (16 * 1024);
  g_autoptr (GString) sentence = g_string_sized_new (512);
  guint64 written = 0;
  guint   n = 0;

  file_stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, error);
  if (file_stream == NULL)
    return FALSE;
  out = g_buffered_output_stream_new_sized (G_OUTPUT_STREAM (file_stream), WRITE_BUFFER);

  while (written < target)
    {
      g_string_truncate (entry, 0);
      append_entry (entry, sentence, rand, ++n);
      if (!g_output_stream_write_all (out, entry->str, entry->len, NULL, NULL, error))
        return FALSE;
      written += entry->len;
    }

  if (!g_output_stream_close (out, NULL, error))
    return FALSE;

  *n_entries = n;
  *size = written;
  return TRUE;
}

/* The floor: the sqlite3 shell inserting the same rows
 *
 * The import is measured against what SQLite itself needs to store the
 * same rows: the `sqlite3` shell reading one SQL script that inserts
 * the import and every article (with the values Rostra computes: the
 * same hash, word count and language) into a new archive made by
 * rostra_store_open() (so the same schema, triggers and FTS index),
 * in one transaction, with the same PRAGMAs as Rostra's connection,
 * and then checkpointing the WAL as the importer does. */

#define FLOOR_LIMIT     1.30
#define FLOOR_IMPORT_ID 1

/* The statement is the store's own (STMT_ADD_ARTICLE), with literals. */
#define FLOOR_INSERT_ARTICLE                                                                \
  "INSERT INTO articles (import_id, title, source, published, language, text, hash, words)" \
  " VALUES ("

static char *
now_iso8601 (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

/* @value as an SQL literal: NULL, or between single quotes, doubled inside. */
static void
append_sql_text (GString *s, const char *value)
{
  const char *p = value, *quote;

  if (value == NULL)
    {
      g_string_append (s, "NULL");
      return;
    }

  g_string_append_c (s, '\'');
  while ((quote = strchr (p, '\'')) != NULL)
    {
      g_string_append_len (s, p, quote - p + 1);
      g_string_append_c (s, '\'');
      p = quote + 1;
    }
  g_string_append (s, p);
  g_string_append_c (s, '\'');
}

static gboolean
write_string (GOutputStream *out, GString *s, GError **error)
{
  gboolean ok = g_output_stream_write_all (out, s->str, s->len, NULL, NULL, error);

  g_string_truncate (s, 0);
  return ok;
}

/* Parses @dump_path as the importer does and writes the SQL script that
 * stores the same rows to @script_path. */
static gboolean
write_floor_script (const char *dump_path, const char *script_path, guint *n_rows, GError **error)
{
  g_autoptr (GFile) dump = g_file_new_for_path (dump_path);
  g_autoptr (GFile) script = g_file_new_for_path (script_path);
  g_autoptr (GFileInputStream) in = NULL;
  g_autoptr (GFileOutputStream) file_stream = NULL;
  g_autoptr (GOutputStream) out = NULL;
  g_autoptr (RostraDumpParser) parser = NULL;
  g_autoptr (GString) sql = g_string_sized_new (64 * 1024);
  g_autofree char *basename = g_file_get_basename (dump);
  g_autofree char *name = g_filename_display_name (basename);
  g_autofree char *path = g_file_get_path (dump);
  g_autofree char *started = now_iso8601 ();
  g_autofree char *finished = NULL;
  guint            n = 0;

  in = g_file_read (dump, NULL, error);
  if (in == NULL)
    return FALSE;
  file_stream = g_file_replace (script, NULL, FALSE, G_FILE_CREATE_NONE, NULL, error);
  if (file_stream == NULL)
    return FALSE;
  out = g_buffered_output_stream_new_sized (G_OUTPUT_STREAM (file_stream), WRITE_BUFFER);
  parser = rostra_dump_parser_new (G_INPUT_STREAM (in));

  /* What rostra_store_open() and rostra_import_stream() run first. */
  g_string_append_printf (sql, "%s\nBEGIN IMMEDIATE;\n", _rostra_store_connection_pragmas);
  g_string_append_printf (sql, "INSERT INTO imports (id, name, path, format, started) VALUES (%d, ",
                          FLOOR_IMPORT_ID);
  append_sql_text (sql, name);
  g_string_append (sql, ", ");
  append_sql_text (sql, path);
  g_string_append (sql, ", 'feed-dump', ");
  append_sql_text (sql, started);
  g_string_append (sql, ");\n");

  for (;;)
    {
      g_autoptr (RostraDumpEntry) entry = NULL;
      g_autofree char *hash = NULL;

      if (!rostra_dump_parser_next (parser, &entry, NULL, error))
        return FALSE;
      if (entry == NULL)
        break;

      /* The values rostra_store_add_article() binds. */
      hash = rostra_text_content_hash (entry->title, entry->published, entry->text);
      g_string_append_printf (sql, FLOOR_INSERT_ARTICLE "%d, ", FLOOR_IMPORT_ID);
      append_sql_text (sql, entry->title);
      g_string_append (sql, ", ");
      append_sql_text (sql, entry->source);
      g_string_append (sql, ", ");
      append_sql_text (sql, entry->published);
      g_string_append (sql, ", ");
      append_sql_text (sql, entry->language);
      g_string_append (sql, ", ");
      append_sql_text (sql, entry->text);
      g_string_append (sql, ", ");
      append_sql_text (sql, hash);
      g_string_append_printf (sql, ", %" G_GSIZE_FORMAT ") ON CONFLICT (hash) DO NOTHING;\n",
                              rostra_text_count_words (entry->text));
      n++;

      if (sql->len >= WRITE_BUFFER && !write_string (out, sql, error))
        return FALSE;
    }

  /* rostra_store_finish_import(), the commit, the importer's checkpoint. */
  finished = now_iso8601 ();
  g_string_append_printf (sql, "UPDATE imports SET size = %" G_GUINT64_FORMAT ", sha256 = ",
                          rostra_dump_parser_get_bytes_read (parser));
  append_sql_text (sql, rostra_dump_parser_get_checksum (parser));
  g_string_append (sql, ", encoding = ");
  append_sql_text (sql, rostra_dump_parser_get_encoding (parser));
  g_string_append (sql, ", finished = ");
  append_sql_text (sql, finished);
  g_string_append_printf (sql, ", n_new = %u, n_dup = 0, n_warn = %u WHERE id = %d;\n", n,
                          rostra_dump_parser_get_n_warnings (parser), FLOOR_IMPORT_ID);
  g_string_append (sql, "COMMIT;\nPRAGMA wal_checkpoint (TRUNCATE);\n");
  if (!write_string (out, sql, error) || !g_output_stream_close (out, NULL, error))
    return FALSE;

  *n_rows = n;
  return TRUE;
}

/* Runs `sqlite3 -bail DB < SCRIPT` and times it, from the spawn to the
 * shell's exit. */
static gboolean
run_floor (const char *sqlite3,
           const char *db_path,
           const char *script_path,
           gdouble    *seconds,
           GError    **error)
{
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GSubprocess) shell = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  gint64           start;

  launcher =
      g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_stdin_file_path (launcher, script_path);

  start = g_get_monotonic_time ();
  shell = g_subprocess_launcher_spawn (launcher, error, sqlite3, "-bail", db_path, NULL);
  if (shell == NULL || !g_subprocess_communicate_utf8 (shell, NULL, NULL, &out, &err, error))
    return FALSE;
  *seconds = (g_get_monotonic_time () - start) / (gdouble) G_USEC_PER_SEC;

  if (!g_subprocess_get_successful (shell) || (err && *err))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "the sqlite3 shell failed: %s",
                   err && *err ? g_strstrip (err) : "no message");
      return FALSE;
    }
  return TRUE;
}

/* What the floor's archive and Rostra's must agree on: the rows, their
 * values, and the FTS index (documents, token totals, matches). */
static const char *const compare_queries[] = {
  "SELECT count(*) FROM articles",
  "SELECT count(*) || ' ' || count (DISTINCT uuid) FROM article_uuids",
  "SELECT group_concat (id || ' ' || coalesce (import_id, '-') || ' ' || hash || ' '"
  " || coalesce (language, '-') || ' ' || words || ' ' || coalesce (published, '-') || ' '"
  " || coalesce (source, '-') || ' ' || length (title) || ' ' || length (text), ';')"
  " FROM (SELECT * FROM articles ORDER BY id)",
  "SELECT group_concat (name || ' ' || path || ' ' || size || ' ' || sha256 || ' ' || encoding"
  " || ' ' || format || ' ' || n_new || ' ' || n_dup || ' ' || n_warn, ';') FROM imports",
  "SELECT count(*) || ' ' || sum (length (sz)) FROM articles_fts_docsize",
  "SELECT hex (block) FROM articles_fts_data WHERE id = 1", /* row and token totals */
  "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'harbour'",
  "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'grootmoeder'",
  "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH '\"night train\"'",
  "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'title:toespraak AND haven*'",
  "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'financien'",
};

static gboolean
compare_archives (const char *db_a, const char *db_b, const char *name_a, const char *name_b)
{
  gboolean ok = TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (compare_queries); i++)
    {
      g_autofree char *a = rostra_test_query_text (db_a, compare_queries[i]);
      g_autofree char *b = rostra_test_query_text (db_b, compare_queries[i]);

      if (g_strcmp0 (a, b) != 0)
        {
          g_printerr ("bench-import: the %s archive and the %s differ on\n  %s\n"
                      "  %s: %.100s\n  %s: %.100s\n",
                      name_a, name_b, compare_queries[i], name_a, a ? a : "(null)", name_b,
                      b ? b : "(null)");
          ok = FALSE;
        }
    }
  return ok;
}

static void
remove_archive (const char *db_path)
{
  g_autofree char *wal = g_strconcat (db_path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (db_path, "-shm", NULL);

  g_unlink (db_path);
  g_unlink (wal);
  g_unlink (shm);
}

/* Measuring */

static char *
format_kb (gint64 kb)
{
  if (kb < 0)
    return g_strdup ("unknown");
  return g_strdup_printf ("%.1f MB", kb / 1024.0);
}

static gint64
file_size (const char *path)
{
  GStatBuf buf;

  if (g_stat (path, &buf) != 0)
    return -1;
  return buf.st_size;
}

static gdouble
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / (gdouble) G_USEC_PER_SEC;
}

/* CPU time (user and system) of this process, or of its children that
 * were waited for, in seconds. */
static gdouble
cpu_seconds (int who)
{
  struct rusage usage;

  if (getrusage (who, &usage) != 0)
    return 0;
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / (gdouble) G_USEC_PER_SEC;
}

static gint64
children_peak_rss_kb (void)
{
  struct rusage usage;

  if (getrusage (RUSAGE_CHILDREN, &usage) != 0)
    return -1;
  return usage.ru_maxrss;
}

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  gdouble x = *(const gdouble *) a, y = *(const gdouble *) b;

  return x < y ? -1 : x > y;
}

static gdouble
median (GArray *values)
{
  g_autoptr (GArray) sorted = g_array_copy (values);
  guint n = sorted->len;

  if (n == 0)
    return 0;
  g_array_sort (sorted, compare_doubles);
  if (n % 2 == 1)
    return g_array_index (sorted, gdouble, n / 2);
  return (g_array_index (sorted, gdouble, n / 2 - 1) + g_array_index (sorted, gdouble, n / 2)) / 2;
}

static gboolean
check_count (const char *what, guint value, guint expected)
{
  if (value == expected)
    return TRUE;
  g_printerr ("bench-import: %s: %u, expected %u\n", what, value, expected);
  return FALSE;
}

static void
print_first_warnings (RostraImportReport *report)
{
  for (guint i = 0; i < report->warnings->len && i < 5; i++)
    {
      RostraParseWarning *w = &g_array_index (report->warnings, RostraParseWarning, i);

      g_printerr ("bench-import:   line %u: %s\n", w->line, w->message);
    }
}

static gboolean
check_first_import (RostraImportReport *report, guint n_entries, guint64 size)
{
  gboolean ok = TRUE;

  ok &= check_count ("entries found", report->n_entries, n_entries);
  ok &= check_count ("articles added", report->n_new, n_entries);
  ok &= check_count ("duplicates", report->n_duplicates, 0);
  ok &= check_count ("incomplete entries", report->n_incomplete, 0);
  ok &= check_count ("warnings", report->n_warnings, 0);
  if (report->size != size)
    {
      g_printerr ("bench-import: bytes read: %" G_GUINT64_FORMAT ", expected %" G_GUINT64_FORMAT
                  "\n",
                  report->size, size);
      ok = FALSE;
    }
  print_first_warnings (report);
  return ok;
}

/* What rostra_import_file() does with a dump, but with the parsing on a
 * thread of its own (rostra-import-pipeline.c): what the importer would
 * gain by using the pipeline. */
static gboolean
import_with_pipeline (RostraStore *store, GFile *file, guint *n_new, GError **error)
{
  g_autoptr (GFileInputStream) stream = NULL;
  g_autoptr (RostraDumpParser) parser = NULL;
  g_autoptr (RostraImportPipeline) pipeline = NULL;
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *name = g_filename_display_name (basename);
  g_autofree char *path = g_file_get_path (file);
  guint            n = 0, n_dup = 0;
  gint64           import_id;
  gboolean         ok;

  if (!(stream = g_file_read (file, NULL, error)) || !rostra_store_begin (store, error))
    return FALSE;
  parser = rostra_dump_parser_new (G_INPUT_STREAM (stream));
  pipeline = rostra_import_pipeline_new (parser, NULL);

  import_id = rostra_store_add_import (store, name, path, "feed-dump", error);
  ok = import_id != 0;
  while (ok)
    {
      g_autoptr (RostraImportBatch) batch = NULL;

      ok = rostra_import_pipeline_next (pipeline, &batch, error);
      if (!ok || batch == NULL)
        break;
      for (guint i = 0; ok && i < batch->entries->len; i++)
        {
          RostraDumpEntry *entry = g_ptr_array_index (batch->entries, i);
          gint64           id = 0;

          ok =
              rostra_store_add_article (store, import_id, entry->title, entry->source,
                                        entry->published, entry->language, entry->text, &id, error);
          if (id > 0)
            n++;
          else
            n_dup++;
        }
    }
  /* The thread is done: the parser's state is ours. */
  g_clear_pointer (&pipeline, rostra_import_pipeline_free);

  ok = ok &&
       rostra_store_finish_import (store, import_id, rostra_dump_parser_get_bytes_read (parser),
                                   rostra_dump_parser_get_checksum (parser),
                                   rostra_dump_parser_get_encoding (parser), n, n_dup,
                                   rostra_dump_parser_get_n_warnings (parser), error) &&
       rostra_store_commit (store, error);
  if (!ok)
    {
      rostra_store_rollback (store);
      return FALSE;
    }
  rostra_store_checkpoint (store);
  *n_new = n;
  return TRUE;
}

typedef enum
{
  FLOOR,
  IMPORT,
  PIPELINE,
  N_CONTENDERS
} Contender;

typedef struct
{
  const char *name;
  gboolean    active;
  char       *db_path; /* the archive of the last run */
  GArray     *times;   /* of gdouble, seconds */
  GArray     *cpus;
} Measure;

/* Empties the versions' index of @db_path and fills it again through
 * @store, timed. */
static gboolean
measure_versions (RostraStore *store,
                  const char  *db_path,
                  gdouble     *seconds,
                  gdouble     *cpu,
                  GError     **error)
{
  sqlite3 *db = NULL;
  gint64   cursor = 0, start;
  guint    n = 0;
  int      rc;

  rc = sqlite3_open (db_path, &db);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db,
                       "DELETE FROM version_pairs; DELETE FROM version_bands;"
                       " DELETE FROM version_signatures;",
                       NULL, NULL, NULL);
  sqlite3_close (db);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot empty the index: %s",
                   sqlite3_errstr (rc));
      return FALSE;
    }

  start = g_get_monotonic_time ();
  *cpu = cpu_seconds (RUSAGE_SELF);
  do
    if (!rostra_store_index_versions_pending (store, &cursor, ROSTRA_VERSIONS_BATCH, NULL, &n,
                                              error))
      return FALSE;
  while (n > 0);
  *seconds = seconds_since (start);
  *cpu = cpu_seconds (RUSAGE_SELF) - *cpu;
  return TRUE;
}

int
main (int argc, char **argv)
{
  int                size_mb = DEFAULT_SIZE_MB;
  int                runs = DEFAULT_RUNS;
  gboolean           keep = FALSE;
  gboolean           no_floor = FALSE;
  gboolean           no_reimport = FALSE;
  gboolean           pipeline = FALSE;
  int                max_growth_mb = 0;
  g_autofree char   *output_dump = NULL;
  const GOptionEntry options[] = {
    { "size-mb", 0, 0, G_OPTION_ARG_INT, &size_mb, "Size of the generated dump in MB (default 100)",
      "N" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs,
      "Import N times, each time into new archives, and report the medians (default 3)", "N" },
    { "no-floor", 0, 0, G_OPTION_ARG_NONE, &no_floor,
      "Do not measure the floor (the sqlite3 shell inserting the same rows)", NULL },
    { "no-reimport", 0, 0, G_OPTION_ARG_NONE, &no_reimport,
      "Do not import the dump a second time (all duplicates)", NULL },
    { "pipeline", 0, 0, G_OPTION_ARG_NONE, &pipeline,
      "Also import through RostraImportPipeline (parsing on a second thread)", NULL },
    { "keep", 0, 0, G_OPTION_ARG_NONE, &keep, "Keep the temporary folder", NULL },
    { "max-peak-growth-mb", 0, 0, G_OPTION_ARG_INT, &max_growth_mb,
      "Fail when the first import raises the peak RSS by more than N MB above the RSS before it",
      "N" },
    { "output-dump", 0, 0, G_OPTION_ARG_FILENAME, &output_dump,
      "Only write the generated dump to PATH, then exit", "PATH" },
    G_OPTION_ENTRY_NULL
  };
  Measure measures[N_CONTENDERS] = {
    [FLOOR] = { "floor" },
    [IMPORT] = { "import" },
    [PIPELINE] = { "pipeline" },
  };
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (RostraStore) store = NULL;
  g_autoptr (RostraImportReport) second = NULL;
  g_autoptr (GFile) file = NULL;
  g_autofree char *sqlite3 = NULL;
  g_autofree char *dump_path = NULL;
  g_autofree char *script_path = NULL;
  g_autofree char *wal_path = NULL;
  g_autofree char *languages = NULL;
  g_autofree char *hwm_before = NULL;
  g_autofree char *hwm_after = NULL;
  g_autofree char *hwm_pipeline = NULL;
  g_autofree char *hwm_reimport = NULL;
  g_autofree char *hwm_floor = NULL;
  g_autofree char *rss_end = NULL;
  gint64           rss_before_kb = -1, hwm_after_kb = -1;
  const char      *db_path;
  guint            n_entries = 0, n_rows = 0, n_active = 0;
  guint64          size = 0;
  gint64           start, n_articles, wal_size, db_size;
  gdouble          generate_s, script_s = 0, reimport_s = 0;
  gdouble          versions_s = 0, versions_cpu = 0;
  gboolean         ok = TRUE;

  setlocale (LC_ALL, "");

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
                                "Imports a generated dump of invented speeches and reports times, "
                                "peak memory and archive size, and how the import compares with "
                                "the floor: the sqlite3 shell inserting the same rows.");
  g_option_context_add_main_entries (context, options, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-import: %s\n", error->message);
      return 2;
    }
  if (size_mb < 1)
    {
      g_printerr ("bench-import: --size-mb must be at least 1\n");
      return 2;
    }
  if (runs < 1)
    {
      g_printerr ("bench-import: --runs must be at least 1\n");
      return 2;
    }
  if (keep)
    g_setenv ("ROSTRA_TEST_KEEP", "1", TRUE);

  /* 1. The dump */
  if (output_dump)
    dump_path = g_strdup (output_dump);
  else
    dump_path = g_build_filename (rostra_test_tmpdir (), "bench-dump.txt", NULL);

  start = g_get_monotonic_time ();
  if (!generate_dump (dump_path, (guint64) size_mb * 1024 * 1024, &n_entries, &size, &error))
    {
      g_printerr ("bench-import: cannot write %s: %s\n", dump_path, error->message);
      return 1;
    }
  generate_s = seconds_since (start);

  g_print ("dump: %.1f MB, %u entries (written in %.2f s)\n", size / MB, n_entries, generate_s);
  if (output_dump)
    {
      g_print ("written to %s\n", output_dump);
      return 0;
    }
  file = g_file_new_for_path (dump_path);

  /* 2. The floor's script (not timed) */
  if (!no_floor && (sqlite3 = g_find_program_in_path ("sqlite3")) == NULL)
    g_print ("sqlite3 not found, floor skipped\n");
  if (sqlite3)
    {
      script_path = g_build_filename (rostra_test_tmpdir (), "bench-floor.sql", NULL);
      start = g_get_monotonic_time ();
      if (!write_floor_script (dump_path, script_path, &n_rows, &error))
        {
          g_printerr ("bench-import: cannot write the floor's script: %s\n", error->message);
          return 1;
        }
      script_s = seconds_since (start);
      ok &= check_count ("rows in the floor's script", n_rows, n_entries);
      g_print ("floor script: %.1f MB, %u articles (parsed and written in %.2f s, not timed)\n",
               file_size (script_path) / MB, n_rows, script_s);
    }

  measures[FLOOR].active = sqlite3 != NULL;
  measures[IMPORT].active = TRUE;
  measures[PIPELINE].active = pipeline;
  for (guint c = 0; c < N_CONTENDERS; c++)
    {
      measures[c].times = g_array_new (FALSE, FALSE, sizeof (gdouble));
      measures[c].cpus = g_array_new (FALSE, FALSE, sizeof (gdouble));
      n_active += measures[c].active;
    }

  /* 3. The runs: each contender imports into a new archive, in turns
   * (what one leaves behind, such as dirty pages, does not always weigh
   * on the same one). */
  /* Writing the dump (and the floor's script) peaked on their own: the
   * kernel resets VmHWM to the current RSS on "5" in clear_refs. */
  if (max_growth_mb > 0)
    g_file_set_contents_full ("/proc/self/clear_refs", "5", 1, G_FILE_SET_CONTENTS_NONE, 0600,
                              NULL);
  hwm_before = format_kb (rostra_test_read_status_kb ("VmHWM"));
  rss_before_kb = rostra_test_read_status_kb ("VmRSS");
  for (int run = 1; run <= runs; run++)
    {
      g_autoptr (GString) line = g_string_new (NULL);
      gdouble times[N_CONTENDERS] = { 0 };

      g_clear_object (&store);
      for (guint c = 0; c < N_CONTENDERS; c++)
        if (measures[c].db_path)
          {
            remove_archive (measures[c].db_path);
            g_clear_pointer (&measures[c].db_path, g_free);
          }

      for (guint turn = 0; turn < N_CONTENDERS; turn++)
        {
          Contender c = (turn + run - 1) % N_CONTENDERS;
          Measure  *m = &measures[c];
          gdouble   cpu;

          if (!m->active)
            continue;

          if (c == FLOOR)
            {
              /* An empty archive: Rostra's schema, triggers and FTS table. */
              g_object_unref (rostra_test_store_new (&m->db_path));
              cpu = cpu_seconds (RUSAGE_CHILDREN);
              if (!run_floor (sqlite3, m->db_path, script_path, &times[c], &error))
                {
                  g_printerr ("bench-import: %s\n", error->message);
                  return 1;
                }
              cpu = cpu_seconds (RUSAGE_CHILDREN) - cpu;
            }
          else if (c == IMPORT)
            {
              g_autoptr (RostraImportReport) first = NULL;

              store = rostra_test_store_new (&m->db_path);
              cpu = cpu_seconds (RUSAGE_SELF);
              start = g_get_monotonic_time ();
              if (!rostra_import_file (store, file, NULL, NULL, NULL, NULL, &first, &error))
                {
                  g_printerr ("bench-import: the import failed: %s\n", error->message);
                  return 1;
                }
              times[c] = seconds_since (start);
              cpu = cpu_seconds (RUSAGE_SELF) - cpu;
              if (run == 1)
                {
                  hwm_after_kb = rostra_test_read_status_kb ("VmHWM");
                  hwm_after = format_kb (hwm_after_kb);
                }
              ok &= check_first_import (first, n_entries, size);
            }
          else
            {
              g_autoptr (RostraStore) other = rostra_test_store_new (&m->db_path);
              guint n_new = 0;

              cpu = cpu_seconds (RUSAGE_SELF);
              start = g_get_monotonic_time ();
              if (!import_with_pipeline (other, file, &n_new, &error))
                {
                  g_printerr ("bench-import: the import through the pipeline failed: %s\n",
                              error->message);
                  return 1;
                }
              times[c] = seconds_since (start);
              cpu = cpu_seconds (RUSAGE_SELF) - cpu;
              if (run == 1)
                hwm_pipeline = format_kb (rostra_test_read_status_kb ("VmHWM"));
              ok &= check_count ("articles added through the pipeline", n_new, n_entries);
            }

          g_array_append_val (m->times, times[c]);
          g_array_append_val (m->cpus, cpu);
        }

      g_string_append_printf (line, "run %d:", run);
      for (guint c = 0; c < N_CONTENDERS; c++)
        if (measures[c].active)
          g_string_append_printf (line, " %s %.2f s (CPU %.2f s),", measures[c].name, times[c],
                                  g_array_index (measures[c].cpus, gdouble, run - 1));
      g_string_truncate (line, line->len - 1);
      if (sqlite3)
        g_string_append_printf (line, "; ratio %.2f", times[IMPORT] / times[FLOOR]);
      g_print ("%s\n", line->str);
    }
  if (sqlite3)
    hwm_floor = format_kb (children_peak_rss_kb ());

  /* 4. The same file again: nothing new */
  if (!no_reimport)
    {
      start = g_get_monotonic_time ();
      if (!rostra_import_file (store, file, NULL, NULL, NULL, NULL, &second, &error))
        {
          g_printerr ("bench-import: the second import failed: %s\n", error->message);
          return 1;
        }
      reimport_s = seconds_since (start);

      ok &= check_count ("entries found again", second->n_entries, n_entries);
      ok &= check_count ("articles added again", second->n_new, 0);
      ok &= check_count ("duplicates found again", second->n_duplicates, n_entries);
    }
  hwm_reimport = format_kb (rostra_test_read_status_kb ("VmHWM"));
  rss_end = format_kb (rostra_test_read_status_kb ("VmRSS"));

  /* 4b. What finding versions costs: the index emptied, the same
   * articles indexed again by the pass for an existing archive, which
   * does for each what the import did for each new article (see
   * rostra_version_index_add()). */
  if (!measure_versions (store, measures[IMPORT].db_path, &versions_s, &versions_cpu, &error))
    {
      g_printerr ("bench-import: finding versions failed: %s\n", error->message);
      return 1;
    }

  n_articles = rostra_store_count_articles (store, &error);
  if (n_articles < 0)
    {
      g_printerr ("bench-import: cannot count the articles: %s\n", error->message);
      return 1;
    }
  ok &= check_count ("articles in the archive", (guint) n_articles, n_entries);

  /* Closing the last connection checkpoints and removes the WAL. */
  db_path = measures[IMPORT].db_path;
  wal_path = g_strconcat (db_path, "-wal", NULL);
  wal_size = file_size (wal_path);
  g_clear_object (&store);
  db_size = file_size (db_path);
  /* Every run stores the same rows: comparing the last is enough (and
   * done after the memory readings, which its queries would inflate). */
  if (sqlite3)
    ok &= compare_archives (measures[FLOOR].db_path, db_path, "floor's", "import's");
  if (pipeline)
    ok &= compare_archives (db_path, measures[PIPELINE].db_path, "import's", "pipeline's");
  languages =
      rostra_test_query_text (db_path, "SELECT group_concat (l || ' ' || n, ', ') FROM"
                                       " (SELECT coalesce (language, 'none') AS l, count(*) AS n"
                                       "  FROM articles GROUP BY 1 ORDER BY 1)");

  /* 5. The report */
  {
    const char *of_runs = runs > 1 ? ", medians of the runs" : "";
    gdouble     import_s = median (measures[IMPORT].times);
    gdouble     floor_s = median (measures[FLOOR].times);

    g_print ("import: %.2f s (%.1f MB/s, %.0f entries/s; CPU %.2f s)%s\n", import_s,
             size / MB / import_s, n_entries / import_s, median (measures[IMPORT].cpus), of_runs);
    if (sqlite3)
      g_print ("floor (sqlite3 shell, same rows, one transaction): %.2f s (%.1f MB/s; CPU %.2f "
               "s)%s\n",
               floor_s, size / MB / floor_s, median (measures[FLOOR].cpus), of_runs);
    if (pipeline)
      {
        gdouble pipeline_s = median (measures[PIPELINE].times);

        g_print ("import through the pipeline (parsing on a second thread): %.2f s (%.1f MB/s; "
                 "CPU %.2f s)%s\n",
                 pipeline_s, size / MB / pipeline_s, median (measures[PIPELINE].cpus), of_runs);
        if (sqlite3)
          g_print ("pipeline ratio %.3f (limit %.2f)\n", pipeline_s / floor_s, FLOOR_LIMIT);
      }
    if (sqlite3)
      {
        gdouble ratio = import_s / floor_s;

        g_print ("CPU time ratio %.2f\n",
                 median (measures[IMPORT].cpus) / median (measures[FLOOR].cpus));
        g_print ("ratio %.3f (limit %.2f): %s\n", ratio, FLOOR_LIMIT,
                 ratio <= FLOOR_LIMIT ? "ok" : "OVER");
      }
  }
  {
    gdouble import_s = median (measures[IMPORT].times);
    gdouble import_cpu = median (measures[IMPORT].cpus);

    g_print ("versions (found again, in batches): %.2f s (CPU %.2f s): %.0f %% of the "
             "import without them (CPU %.0f %%)\n",
             versions_s, versions_cpu, 100.0 * versions_s / MAX (import_s - versions_s, 0.001),
             100.0 * versions_cpu / MAX (import_cpu - versions_cpu, 0.001));
  }
  if (!no_reimport)
    g_print ("re-import (all duplicates): %.2f s (%.1f MB/s)\n", reimport_s,
             size / MB / reimport_s);
  g_print ("peak RSS: before import %s, after import %s, after re-import %s (RSS now %s)\n",
           hwm_before, hwm_after, hwm_reimport, rss_end);
  if (hwm_pipeline)
    g_print ("peak RSS after the import through the pipeline: %s\n", hwm_pipeline);
  if (hwm_floor)
    g_print ("peak RSS of the sqlite3 shell: %s\n", hwm_floor);
  g_print ("archive size: %.1f MB (WAL before closing: %.1f MB)\n", db_size / MB, wal_size / MB);
  g_print ("languages: %s\n", languages ? languages : "none");
  if (keep)
    g_print ("kept: %s\n", rostra_test_tmpdir ());
  if (max_growth_mb > 0)
    {
      gdouble growth_mb = (hwm_after_kb - rss_before_kb) / 1024.0;

      g_print ("peak RSS growth during the import: %.1f MB above the RSS before it (limit %d MB)\n",
               growth_mb, max_growth_mb);
      if (rss_before_kb < 0 || hwm_after_kb < 0)
        {
          g_printerr ("bench-import: FAILED: cannot read VmRSS/VmHWM from /proc/self/status\n");
          ok = FALSE;
        }
      else if (growth_mb > max_growth_mb)
        {
          g_printerr ("bench-import: FAILED: the import's peak RSS grew by %.1f MB (limit %d MB)\n",
                      growth_mb, max_growth_mb);
          ok = FALSE;
        }
    }

  for (guint c = 0; c < N_CONTENDERS; c++)
    {
      g_free (measures[c].db_path);
      g_array_unref (measures[c].times);
      g_array_unref (measures[c].cpus);
    }

  if (!ok)
    {
      g_printerr ("bench-import: FAILED: wrong counts or memory\n");
      return 1;
    }
  return 0;
}
