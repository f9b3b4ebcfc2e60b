/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-language.c: tests for rostra_language_guess(). All the passages
 * below are made up for these tests. */

#include <string.h>

#include <glib.h>

#include "rostra-language.h"

static const char english[] =
    "The council has promised that every family in the northern valleys "
    "will have clean water by the end of the decade. We cannot accept a "
    "future in which our children walk for hours to reach a well, and we "
    "will not wait for others to act on our behalf. This plan is ambitious, "
    "but it is also honest about what it costs.";

static const char dutch[] =
    "Wij hebben de afgelopen jaren te vaak gehoord dat er geen geld is voor "
    "de kleine dorpen aan de rivier. Dat is niet waar, en het wordt tijd dat "
    "deze regering dat ook eerlijk zegt. Met dit plan gaan we de bruggen "
    "herstellen, de scholen openhouden en de bussen weer laten rijden naar "
    "de stad.";

static const char german[] =
    "Wir stehen heute vor einer Entscheidung, die nicht nur unsere "
    "Generation betrifft. Die Bürgerinnen und Bürger in den kleinen Städten "
    "haben zu lange darauf gewartet, dass man ihnen zuhört. Deshalb werden "
    "wir die Bahnstrecken erneuern und die Schulen auf dem Land stärken, "
    "auch wenn das mehr kostet, als manche glauben.";

static const char french[] = "Nous ne pouvons pas laisser les régions de montagne sans médecins ni "
                             "écoles. Ce gouvernement a fait des promesses, mais les familles "
                             "attendent toujours des actes concrets. C’est pourquoi nous proposons "
                             "un plan simple : ouvrir une maison de santé dans chaque canton et "
                             "rendre le train plus accessible pour tous.";

static const char russian[] =
    "Мы должны честно сказать людям, что реформа займёт не один год. Но это "
    "не значит, что мы будем ждать: уже сейчас в каждом районе откроются "
    "новые школы и больницы. Я уверен, что вместе мы сможем сделать так, "
    "чтобы наши города стали удобнее для всех, кто в них живёт.";

static const char spanish[] =
    "Durante demasiado tiempo los pueblos del interior han esperado promesas "
    "que nunca llegaron. Este gobierno no va a mirar hacia otro lado: vamos a "
    "abrir centros de salud en las comarcas más olvidadas y a reducir el "
    "precio del transporte. Sabemos que no será fácil, pero también sabemos "
    "que es lo justo.";

static const char italian[] =
    "Non possiamo più chiedere ai giovani di lasciare i loro paesi per "
    "trovare un lavoro dignitoso. Questo governo ha deciso di investire "
    "nelle scuole, nelle strade e nella rete digitale delle zone interne. "
    "Sappiamo che la strada è lunga, ma siamo convinti che ogni comunità "
    "abbia diritto a un futuro.";

/* Close to Spanish, but not a language the guesser reports. */
static const char portuguese[] =
    "O governo não pode continuar a ignorar as aldeias do interior, onde as "
    "famílias esperam há anos por um centro de saúde. Vamos investir nas "
    "escolas e nos transportes públicos, porque acreditamos que todos os "
    "cidadãos têm os mesmos direitos. Sabemos que isso exige coragem, mas "
    "também sabemos que é o caminho certo.";

/* Cyrillic, but not Russian. */
static const char ukrainian[] =
    "Ми не можемо чекати, поки хтось інший вирішить наші проблеми. Уряд уже "
    "підготував план, який допоможе селам отримати нові школи та лікарні. "
    "Це буде непросто, але ми віримо, що разом зможемо змінити життя людей "
    "на краще.";

/* Latin script, but none of the listed languages. */
static const char polish[] =
    "Nasz rząd nie zapomni o małych miastach, w których ludzie czekają na "
    "nowe drogi i szkoły. To jest nasza obietnica i dotrzymamy jej, nawet "
    "jeśli opozycja będzie mówić, że to niemożliwe. Wspólnie zbudujemy kraj, "
    "w którym każdy ma szansę.";

static void
test_english (void)
{
  g_assert_cmpstr (rostra_language_guess (english), ==, "en");
}

static void
test_dutch (void)
{
  g_assert_cmpstr (rostra_language_guess (dutch), ==, "nl");
}

static void
test_german (void)
{
  g_assert_cmpstr (rostra_language_guess (german), ==, "de");
}

static void
test_french (void)
{
  g_assert_cmpstr (rostra_language_guess (french), ==, "fr");
}

static void
test_russian (void)
{
  g_assert_cmpstr (rostra_language_guess (russian), ==, "ru");
}

static void
test_spanish (void)
{
  g_assert_cmpstr (rostra_language_guess (spanish), ==, "es");
}

static void
test_italian (void)
{
  g_assert_cmpstr (rostra_language_guess (italian), ==, "it");
}

static void
test_case (void)
{
  g_autofree char *upper = g_utf8_strup (german, -1);

  g_assert_cmpstr (rostra_language_guess (upper), ==, "de");
}

static void
test_decomposed (void)
{
  /* "é" written as "e" + U+0301 must still be found on the lists. */
  g_autofree char *nfd = g_utf8_normalize (french, -1, G_NORMALIZE_NFD);

  g_assert_cmpstr (nfd, !=, french);
  g_assert_cmpstr (rostra_language_guess (nfd), ==, "fr");
}

static void
test_unsure (void)
{
  /* NULL is allowed and gives NULL. */
  g_assert_null (rostra_language_guess (NULL));
  g_assert_null (rostra_language_guess (""));
  g_assert_null (rostra_language_guess ("   \n\t  "));
  g_assert_null (rostra_language_guess ("Hello"));
  g_assert_null (rostra_language_guess ("Minister opens the new bridge"));
  g_assert_null (rostra_language_guess ("Amsterdam, Berlin, Madrid, Roma"));
  /* Only words that several languages share. */
  g_assert_null (rostra_language_guess ("de la en de la en de la en a a"));
}

static void
test_other_languages (void)
{
  g_assert_null (rostra_language_guess (portuguese));
  g_assert_null (rostra_language_guess (ukrainian));
  g_assert_null (rostra_language_guess (polish));
}

static void
test_mixed (void)
{
  const char *text = "When the minister arrived in the harbour town, the fishermen were "
                     "waiting for her with a banner that read: “Wij willen niet dat de "
                     "haven wordt gesloten.” She told them that the government had heard "
                     "their concerns and that no decision would be taken without a proper "
                     "consultation. Later that evening, she repeated the promise in front "
                     "of the regional assembly, and she added that the port was vital to "
                     "the whole coast.";

  g_assert_cmpstr (rostra_language_guess (text), ==, "en");
}

static void
test_mixed_even (void)
{
  /* As much Dutch as German: no clear winner. */
  g_autofree char *text = g_strconcat (dutch, " ", german, NULL);

  g_assert_null (rostra_language_guess (text));
}

static void
test_numbers_only (void)
{
  g_assert_null (rostra_language_guess ("2024 1999 42 3.14 — 17% "
                                        "0800-1234 (12/05) 1.000.000"));
}

static void
test_long (void)
{
  /* Only the start of a long text is read: lots of English first, then
   * even more German. */
  g_autoptr (GString) text = g_string_new (NULL);

  while (text->len < 30000)
    g_string_append_printf (text, "%s\n\n", english);
  for (guint i = 0; i < 400; i++)
    g_string_append_printf (text, "%s\n\n", german);

  g_assert_cmpstr (rostra_language_guess (text->str), ==, "en");
}

static void
test_invalid_utf8 (void)
{
  g_autofree char *text = g_strdup_printf ("%s \xff\xfe caf\xc3 \xe2\x82 %s", dutch, dutch);

  g_assert_false (g_utf8_validate (text, -1, NULL));
  g_assert_cmpstr (rostra_language_guess (text), ==, "nl");
  g_assert_null (rostra_language_guess ("\xff\xfe\xfd\xc3"));
}

typedef struct
{
  const char *text;
  const char *expected;
} Sample;

/* clang-format off */
static const Sample samples[] = {
  { english, "en" },
  { dutch, "nl" },
  { german, "de" },
  { french, "fr" },
  { russian, "ru" },
  { spanish, "es" },
  { italian, "it" },
  { portuguese, NULL },
};
/* clang-format on */

static gpointer
guess_many (gpointer data)
{
  guint offset = GPOINTER_TO_UINT (data);

  for (guint i = 0; i < 200; i++)
    {
      const Sample *s = &samples[(i + offset) % G_N_ELEMENTS (samples)];

      if (g_strcmp0 (rostra_language_guess (s->text), s->expected) != 0)
        return GUINT_TO_POINTER (FALSE);
    }

  return GUINT_TO_POINTER (TRUE);
}

static void
test_threads (void)
{
  GThread *threads[8];

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("guess", guess_many, GUINT_TO_POINTER (i));

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_assert_true (GPOINTER_TO_UINT (g_thread_join (threads[i])));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  /* First, so that the threads race to build the word table. */
  g_test_add_func ("/language/threads", test_threads);
  g_test_add_func ("/language/english", test_english);
  g_test_add_func ("/language/dutch", test_dutch);
  g_test_add_func ("/language/german", test_german);
  g_test_add_func ("/language/french", test_french);
  g_test_add_func ("/language/russian", test_russian);
  g_test_add_func ("/language/spanish", test_spanish);
  g_test_add_func ("/language/italian", test_italian);
  g_test_add_func ("/language/case", test_case);
  g_test_add_func ("/language/decomposed", test_decomposed);
  g_test_add_func ("/language/unsure", test_unsure);
  g_test_add_func ("/language/other-languages", test_other_languages);
  g_test_add_func ("/language/mixed", test_mixed);
  g_test_add_func ("/language/mixed-even", test_mixed_even);
  g_test_add_func ("/language/numbers-only", test_numbers_only);
  g_test_add_func ("/language/long", test_long);
  g_test_add_func ("/language/invalid-utf8", test_invalid_utf8);

  return g_test_run ();
}
