/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-speaker-suggest.c: speaker suggestions from invented titles and leads, in five languages. */

#include "config.h"

#include "rostra-speaker-suggest.h"

typedef struct
{
  const char *title;
  const char *lead;
  const char *name; /* NULL: no suggestion */
  const char *evidence;
  const char *rule;
} Case;

static void
check (const Case *c)
{
  g_autoptr (RostraSpeakerSuggestion) s = rostra_speaker_suggest (c->title, c->lead);

  g_test_message ("%s", c->title);
  if (c->name == NULL)
    {
      g_assert_null (s);
      return;
    }
  g_assert_nonnull (s);
  g_assert_cmpstr (s->name, ==, c->name);
  g_assert_cmpstr (s->evidence, ==, c->evidence);
  g_assert_cmpstr (s->rule, ==, c->rule);
}

static void
check_all (const Case *cases, guint n)
{
  for (guint i = 0; i < n; i++)
    check (&cases[i]);
}

static void
test_english (void)
{
  static const Case cases[] = {
    { "Karlsson’s speech at the harbour festival", NULL, "Karlsson", "Karlsson’s speech",
      "possessive" },
    { "Mayor Anna Karlsson's remarks on the new bridge", NULL, "Anna Karlsson",
      "Mayor Anna Karlsson's remarks", "possessive" },
    { "Karlsson: ‘The bridge will open in May’", NULL, "Karlsson", "Karlsson:", "colon" },
    { "Anna Karlsson warns of rising tides", NULL, "Anna Karlsson", "Anna Karlsson warns", "verb" },
    { "Prime Minister Olu Adebayo slams the budget", NULL, "Olu Adebayo",
      "Prime Minister Olu Adebayo slams", "verb" },
    { "On bridges and tides, by Anna Karlsson", NULL, "Anna Karlsson", "by Anna Karlsson",
      "byline" },
    { "Keynote address by Olu Adebayo at the port forum", NULL, "Olu Adebayo",
      "address by Olu Adebayo", "possessive" },
    { "The bridge opens in May", "Mayor Anna Karlsson said the bridge would open in May.",
      "Anna Karlsson", "Mayor Anna Karlsson said", "lead-verb" },
    { "The bridge opens in May", "It was announced on Monday.", NULL, NULL, NULL },
    /* Capitalised words that are no name stay out. */
    { "BREAKING: bridge opens", NULL, NULL, NULL, NULL },
  };

  check_all (cases, G_N_ELEMENTS (cases));
}

static void
test_dutch (void)
{
  static const Case cases[] = {
    { "Karlssons toespraak op het havenfeest", NULL, "Karlsson", "Karlssons toespraak",
      "possessive" },
    { "Toespraak van Anna Karlsson over de brug", NULL, "Anna Karlsson",
      "Toespraak van Anna Karlsson", "possessive" },
    { "Karlsson waarschuwt voor stijgend water", NULL, "Karlsson", "Karlsson waarschuwt", "verb" },
    { "Over bruggen en getijden, door Anna Karlsson", NULL, "Anna Karlsson", "door Anna Karlsson",
      "byline" },
    { "Karlsson: ‘De brug gaat in mei open’", NULL, "Karlsson", "Karlsson:", "colon" },
    { "Toespraak van Jan van der Berg", NULL, "Jan van der Berg", "Toespraak van Jan van der Berg",
      "possessive" },
  };

  check_all (cases, G_N_ELEMENTS (cases));
}

static void
test_german (void)
{
  static const Case cases[] = {
    { "Karlssons Rede beim Hafenfest", NULL, "Karlsson", "Karlssons Rede", "possessive" },
    { "Rede von Anna Karlsson zur neuen Brücke", NULL, "Anna Karlsson", "Rede von Anna Karlsson",
      "possessive" },
    { "Karlsson warnt vor steigendem Wasser", NULL, "Karlsson", "Karlsson warnt", "verb" },
    { "Über Brücken und Gezeiten, von Anna Karlsson", NULL, "Anna Karlsson", "von Anna Karlsson",
      "byline" },
  };

  check_all (cases, G_N_ELEMENTS (cases));
}

static void
test_french (void)
{
  static const Case cases[] = {
    { "Discours de Anna Karlsson au festival du port", NULL, "Anna Karlsson",
      "Discours de Anna Karlsson", "possessive" },
    { "Le discours d’Olu Adebayo sur le budget", NULL, "Olu Adebayo", "discours d’Olu Adebayo",
      "possessive" },
    { "Karlsson déclare la fin des travaux", NULL, "Karlsson", "Karlsson déclare", "verb" },
    { "Des ponts et des marées, par Anna Karlsson", NULL, "Anna Karlsson", "par Anna Karlsson",
      "byline" },
  };

  check_all (cases, G_N_ELEMENTS (cases));
}

static void
test_russian (void)
{
  static const Case cases[] = {
    { "Выступление Карлссона на празднике порта", NULL, "Карлссон", "Выступление Карлссона",
      "possessive" },
    { "Выступление Ивана Петрова на форуме", NULL, "Иван Петров", "Выступление Ивана Петрова",
      "possessive" },
    { "Интервью Сергея Морозова газете", NULL, "Сергей Морозов", "Интервью Сергея Морозова",
      "possessive" },
    { "Петров: мост откроют в мае", NULL, "Петров", "Петров:", "colon" },
    { "Петров заявил об открытии моста", NULL, "Петров", "Петров заявил", "verb" },
  };

  check_all (cases, G_N_ELEMENTS (cases));
}

/* Known speakers: found by alias, accents and case ignored; every
 * suggestion naming them takes their name. */
static void
test_known (void)
{
  g_autoptr (RostraSpeakerSuggester) suggester = rostra_speaker_suggester_new ();
  g_autoptr (GPtrArray) all = NULL;
  const char *const        aliases[] = { "Ivan Petrov", "Иван Петров", NULL };
  RostraSpeakerSuggestion *s;

  rostra_speaker_suggester_add_known (suggester, "Ivan Petrov (mayor)", aliases);
  rostra_speaker_suggester_add (suggester, "The bridge, as IVÁN PETROV sees it", NULL);
  rostra_speaker_suggester_add (suggester, "Петров: мост откроют в мае", NULL);
  rostra_speaker_suggester_add (suggester, "Ivan Petrov’s interview with the harbour radio", NULL);
  rostra_speaker_suggester_add (suggester, "A day at the harbour", "Nothing about anyone.");
  all = rostra_speaker_suggester_finish (suggester);

  g_assert_cmpuint (all->len, ==, 4);
  s = g_ptr_array_index (all, 0);
  g_assert_cmpstr (s->name, ==, "Ivan Petrov (mayor)");
  g_assert_cmpstr (s->evidence, ==, "IVÁN PETROV");
  g_assert_cmpstr (s->rule, ==, "known");
  s = g_ptr_array_index (all, 1);
  g_assert_cmpstr (s->name, ==, "Ivan Petrov (mayor)"); /* the surname of one known speaker */
  g_assert_cmpstr (s->evidence, ==, "Петров:");
  s = g_ptr_array_index (all, 2);
  g_assert_cmpstr (s->name, ==, "Ivan Petrov (mayor)");
  g_assert_null (g_ptr_array_index (all, 3));
}

/* A batch: surnames become the full name the batch gives most, and a
 * surname alone in a title counts once the batch knows it. */
static void
test_batch (void)
{
  g_autoptr (RostraSpeakerSuggester) suggester = rostra_speaker_suggester_new ();
  g_autoptr (GPtrArray) all = NULL;
  static const char *const titles[] = {
    "Karlsson’s speech at the harbour festival",
    "Anna Karlsson warns of rising tides",
    "Ana Karlsson slams the budget",
    "On bridges, by Anna Karlsson",
    "Karlsson zet de wethouder voor het blok",
  };

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    rostra_speaker_suggester_add (suggester, titles[i], NULL);
  all = rostra_speaker_suggester_finish (suggester);
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      RostraSpeakerSuggestion *s = g_ptr_array_index (all, i);

      g_test_message ("%s", titles[i]);
      g_assert_nonnull (s);
      g_assert_cmpstr (s->name, ==, "Anna Karlsson");
    }
  g_assert_cmpstr (((RostraSpeakerSuggestion *) g_ptr_array_index (all, 4))->evidence, ==,
                   "Karlsson");
  g_assert_cmpstr (((RostraSpeakerSuggestion *) g_ptr_array_index (all, 0))->evidence, ==,
                   "Karlsson’s speech");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/suggest/english", test_english);
  g_test_add_func ("/suggest/dutch", test_dutch);
  g_test_add_func ("/suggest/german", test_german);
  g_test_add_func ("/suggest/french", test_french);
  g_test_add_func ("/suggest/russian", test_russian);
  g_test_add_func ("/suggest/known", test_known);
  g_test_add_func ("/suggest/batch", test_batch);

  return g_test_run ();
}
