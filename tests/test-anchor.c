/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-anchor.c: tests for rostra_anchor_describe() and
 * rostra_anchor_resolve(). All the passages below are made up for these
 * tests. */

#include <string.h>

#include <glib.h>

#include "rostra-anchor.h"

static const char unicode_speech[] = "Ünïcödé 🎤 speech: the people decide.";

/* 99 characters, all letters two bytes long. */
static const char cyrillic_speech[] =
    "Мы должны честно сказать людям, что реформа займёт не один год, "
    "но мы начнём её уже сегодня, народ.";

static const char repeated_speech[] =
    "Friends, the people of this valley asked for water. Then the people of the "
    "coast asked for roads. Today the people of the city ask for trains.";

/* The character offset of the nth (from 0) occurrence of needle in text. */
static guint
offset_of (const char *text, const char *needle, guint nth)
{
  const char *p = strstr (text, needle);

  for (guint i = 0; i < nth && p != NULL; i++)
    p = strstr (p + 1, needle);
  g_assert_nonnull (p);

  return (guint) g_utf8_pointer_to_offset (text, p);
}

static guint
count_occurrences (const char *text, const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (text, needle); p != NULL; p = strstr (p + 1, needle))
    n++;

  return n;
}

static char *
slice (const char *text, guint start, guint end)
{
  return g_utf8_substring (text, start, end);
}

static void
assert_describe (const char *text,
                 guint       start,
                 guint       end,
                 const char *exact,
                 const char *prefix,
                 const char *suffix)
{
  g_autofree char *got_exact = NULL;
  g_autofree char *got_prefix = NULL;
  g_autofree char *got_suffix = NULL;

  rostra_anchor_describe (text, start, end, &got_exact, &got_prefix, &got_suffix);
  g_assert_cmpstr (got_exact, ==, exact);
  g_assert_cmpstr (got_prefix, ==, prefix);
  g_assert_cmpstr (got_suffix, ==, suffix);
}

static void
test_describe_middle (void)
{
  const char *text = "We have waited for this bridge for thirty years, and we will "
                     "not wait another thirty: the works begin in spring.";
  guint       start = offset_of (text, "another thirty", 0);

  assert_describe (text, start, start + 14, "another thirty", "rty years, and we will not wait ",
                   ": the works begin in spring.");

  /* A suffix shorter than the context: the text ends. */
  start = offset_of (text, "the works", 0);
  assert_describe (text, start, start + 9, "the works",
                   "e will not wait another thirty: ", " begin in spring.");
  g_assert_cmpint (g_utf8_strlen ("e will not wait another thirty: ", -1), ==,
                   ROSTRA_ANCHOR_CONTEXT);
}

static void
test_describe_edges (void)
{
  const char      *text = "Citizens of the republic, tonight I speak to you about the harbour "
                          "and the men and women who work in it.";
  glong            len = g_utf8_strlen (text, -1);
  g_autofree char *head = slice (text, 8, 8 + ROSTRA_ANCHOR_CONTEXT);
  g_autofree char *tail = slice (text, len - 3 - ROSTRA_ANCHOR_CONTEXT, len - 3);
  g_autofree char *head0 = slice (text, 0, ROSTRA_ANCHOR_CONTEXT);

  /* At the very start: no prefix at all. */
  assert_describe (text, 0, 8, "Citizens", "", head);

  /* Near the start: a prefix shorter than the context. */
  assert_describe (text, 4, 8, "zens", "Citi", head);

  /* At the very end: no suffix, a full prefix. */
  assert_describe (text, len - 3, len, "it.", tail, "");

  /* Near the end: a suffix shorter than the context. */
  assert_describe (text, len - 6, len - 3, "in ", " and the men and women who work ", "it.");

  /* The whole text. */
  assert_describe (text, 0, len, text, "", "");

  /* An empty passage still gets its context. */
  assert_describe (text, 0, 0, "", "", head0);
}

static void
test_describe_multibyte (void)
{
  g_autofree char *exact = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *suffix = NULL;
  g_autofree char *expected_prefix = NULL;
  g_autofree char *expected_suffix = NULL;
  guint            start;

  /* "Ünïcödé 🎤 speech: " is 18 characters (29 bytes). */
  g_assert_cmpuint (offset_of (unicode_speech, "the people", 0), ==, 18);
  assert_describe (unicode_speech, 18, 28, "the people", "Ünïcödé 🎤 speech: ", " decide.");

  /* The emoji alone: one character, four bytes. */
  assert_describe (unicode_speech, 8, 9, "🎤", "Ünïcödé ", " speech: the people decide.");

  /* Passage made of multi-byte letters only. */
  assert_describe (unicode_speech, 0, 7, "Ünïcödé", "", " 🎤 speech: the people decide.");

  /* Full 32-character contexts of two-byte letters: 32 characters, more bytes. */
  start = offset_of (cyrillic_speech, "реформа", 0);
  rostra_anchor_describe (cyrillic_speech, start, start + 7, &exact, &prefix, &suffix);
  g_assert_cmpstr (exact, ==, "реформа");
  g_assert_cmpint (g_utf8_strlen (prefix, -1), ==, ROSTRA_ANCHOR_CONTEXT);
  g_assert_cmpint (g_utf8_strlen (suffix, -1), ==, ROSTRA_ANCHOR_CONTEXT);
  g_assert_cmpuint (strlen (prefix), >, ROSTRA_ANCHOR_CONTEXT);
  expected_prefix = slice (cyrillic_speech, start - ROSTRA_ANCHOR_CONTEXT, start);
  expected_suffix = slice (cyrillic_speech, start + 7, start + 7 + ROSTRA_ANCHOR_CONTEXT);
  g_assert_cmpstr (prefix, ==, expected_prefix);
  g_assert_cmpstr (suffix, ==, expected_suffix);
  g_assert_true (g_str_has_suffix (prefix, "людям, что "));
  g_assert_true (g_str_has_prefix (suffix, " займёт"));
}

static void
test_describe_clamp (void)
{
  const char *text = "We will build the bridge."; /* 25 characters */

  /* End past the text. */
  assert_describe (text, 18, 1000, "bridge.", "We will build the ", "");
  assert_describe (text, 18, G_MAXUINT, "bridge.", "We will build the ", "");

  /* Start past the text: an empty passage at its end. */
  assert_describe (text, 1000, 2000, "", text, "");
  assert_describe (text, G_MAXUINT, G_MAXUINT, "", text, "");

  /* End before start: an empty passage at start. */
  assert_describe (text, 14, 8, "", "We will build ", "the bridge.");

  /* Only some of the results wanted. */
  rostra_anchor_describe (text, 3, 7, NULL, NULL, NULL);
}

static void
test_describe_empty (void)
{
  assert_describe ("", 0, 0, "", "", "");
  assert_describe ("", 3, 7, "", "", "");
  assert_describe ("", 7, 3, "", "", "");
  assert_describe (NULL, 0, 5, "", "", "");
}

static void
test_resolve_exact (void)
{
  g_autofree char *exact = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *suffix = NULL;
  guint            start = 18;
  guint            end = 28;

  rostra_anchor_describe (unicode_speech, start, end, &exact, &prefix, &suffix);
  g_assert_cmpint (rostra_anchor_resolve (unicode_speech, exact, prefix, suffix, &start, &end), ==,
                   ROSTRA_ANCHOR_EXACT);
  g_assert_cmpuint (start, ==, 18);
  g_assert_cmpuint (end, ==, 28);

  /* The position alone decides EXACT, whatever the stored context. */
  g_assert_cmpint (rostra_anchor_resolve (unicode_speech, exact, NULL, NULL, &start, &end), ==,
                   ROSTRA_ANCHOR_EXACT);
  g_assert_cmpint (rostra_anchor_resolve (unicode_speech, exact, "nothing", "alike", &start, &end),
                   ==, ROSTRA_ANCHOR_EXACT);
  g_assert_cmpuint (start, ==, 18);
  g_assert_cmpuint (end, ==, 28);

  /* The emoji itself. */
  start = 8;
  end = 9;
  g_assert_cmpint (rostra_anchor_resolve (unicode_speech, "🎤", NULL, NULL, &start, &end), ==,
                   ROSTRA_ANCHOR_EXACT);

  /* The last characters of the text. */
  start = 29;
  end = 36;
  g_assert_cmpint (rostra_anchor_resolve (unicode_speech, "decide.", NULL, NULL, &start, &end), ==,
                   ROSTRA_ANCHOR_EXACT);
}

/* Every passage of a short multi-byte text: unchanged, it resolves EXACT;
 * after an emoji and a space are put in front, it is found again. */
static void
test_resolve_round_trip (void)
{
  const char *text = "Ünïcödé 🎤 speech: the people decide. Ça va? 🇪🇺 народ!";
  g_autofree char *edited = g_strconcat ("🎤 ", text, NULL);
  guint            len = (guint) g_utf8_strlen (text, -1);
  guint            moved = 0;

  for (guint s = 0; s < len; s++)
    for (guint e = s + 1; e <= len; e++)
      {
        g_autofree char   *exact = NULL;
        g_autofree char   *prefix = NULL;
        g_autofree char   *suffix = NULL;
        g_autofree char   *found = NULL;
        guint              start = s;
        guint              end = e;
        RostraAnchorResult result;

        rostra_anchor_describe (text, s, e, &exact, &prefix, &suffix);
        g_assert_cmpint (g_utf8_strlen (exact, -1), ==, e - s);
        g_assert_cmpint (rostra_anchor_resolve (text, exact, prefix, suffix, &start, &end), ==,
                         ROSTRA_ANCHOR_EXACT);
        g_assert_cmpuint (start, ==, s);
        g_assert_cmpuint (end, ==, e);

        result = rostra_anchor_resolve (edited, exact, prefix, suffix, &start, &end);
        g_assert_cmpint (result, !=, ROSTRA_ANCHOR_ORPHANED);
        found = slice (edited, start, end);
        g_assert_cmpstr (found, ==, exact);

        if (result == ROSTRA_ANCHOR_EXACT)
          {
            /* Only when the old position happens to hold the same
             * characters, two places before ("e" in "speech", " "…). */
            g_assert_cmpuint (start, ==, s);
            g_assert_cmpuint (count_occurrences (edited, exact), >, 1);
          }
        else
          {
            /* Otherwise the context always tells the right occurrence
             * apart here. */
            g_assert_cmpuint (start, ==, s + 2);
            g_assert_cmpuint (end, ==, e + 2);
            moved++;
          }
      }

  g_test_message ("%u of %u passages moved", moved, len * (len + 1) / 2);
}

static void
test_resolve_moved (void)
{
  const char      *inserted = "Good evening. ";
  const char      *emoji = "🎤🇪🇺 Ça commence: ";
  g_autofree char *exact = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *suffix = NULL;
  g_autofree char *edited = NULL;
  g_autofree char *shortened = NULL;
  guint            start = 18;
  guint            end = 28;

  rostra_anchor_describe (unicode_speech, start, end, &exact, &prefix, &suffix);

  /* ASCII inserted before the passage. */
  edited = g_strconcat (inserted, unicode_speech, NULL);
  g_assert_cmpint (rostra_anchor_resolve (edited, exact, prefix, suffix, &start, &end), ==,
                   ROSTRA_ANCHOR_MOVED);
  g_assert_cmpuint (start, ==, 18 + strlen (inserted));
  g_assert_cmpuint (end, ==, 28 + strlen (inserted));
  g_clear_pointer (&edited, g_free);

  /* Emoji (a flag is two characters) and accented letters inserted: the
   * shift is in characters (17), not bytes (27). */
  start = 18;
  end = 28;
  edited = g_strconcat (emoji, unicode_speech, NULL);
  g_assert_cmpint (g_utf8_strlen (emoji, -1), ==, 17);
  g_assert_cmpuint (strlen (emoji), ==, 27);
  g_assert_cmpint (rostra_anchor_resolve (edited, exact, prefix, suffix, &start, &end), ==,
                   ROSTRA_ANCHOR_MOVED);
  g_assert_cmpuint (start, ==, 18 + 17);
  g_assert_cmpuint (end, ==, 28 + 17);
  g_clear_pointer (&edited, g_free);

  /* Inserted in the middle of the prefix, which then no longer matches
   * in full: the only occurrence is still found. */
  start = 18;
  end = 28;
  edited = g_strdup ("Ünïcödé 🎤 long speech: the people decide.");
  g_assert_cmpint (rostra_anchor_resolve (edited, exact, prefix, suffix, &start, &end), ==,
                   ROSTRA_ANCHOR_MOVED);
  g_assert_cmpuint (start, ==, 23);
  g_assert_cmpuint (end, ==, 33);

  /* Text removed before the passage: it moves back. */
  start = 18;
  end = 28;
  shortened = g_strdup ("🎤 speech: the people decide.");
  g_assert_cmpint (rostra_anchor_resolve (shortened, exact, prefix, suffix, &start, &end), ==,
                   ROSTRA_ANCHOR_MOVED);
  g_assert_cmpuint (start, ==, 10);
  g_assert_cmpuint (end, ==, 20);

  /* A stored end that does not fit the quote is fixed too. */
  start = 18;
  end = 25;
  g_assert_cmpint (rostra_anchor_resolve (unicode_speech, exact, prefix, suffix, &start, &end), ==,
                   ROSTRA_ANCHOR_MOVED);
  g_assert_cmpuint (start, ==, 18);
  g_assert_cmpuint (end, ==, 28);
}

static void
test_resolve_repeated (void)
{
  const char      *inserted = "A transcript 🎤 of the assembly, second day. — ";
  g_autofree char *edited = g_strconcat (inserted, repeated_speech, NULL);
  guint            shift = (guint) g_utf8_strlen (inserted, -1);

  g_assert_cmpuint (count_occurrences (repeated_speech, "the people"), ==, 3);

  for (guint nth = 0; nth < 3; nth++)
    {
      g_autofree char *exact = NULL;
      g_autofree char *prefix = NULL;
      g_autofree char *suffix = NULL;
      guint            old_start = offset_of (repeated_speech, "the people", nth);
      guint            start = old_start;
      guint            end = old_start + 10;

      rostra_anchor_describe (repeated_speech, start, end, &exact, &prefix, &suffix);
      g_assert_cmpstr (exact, ==, "the people");

      g_assert_cmpint (rostra_anchor_resolve (edited, exact, prefix, suffix, &start, &end), ==,
                       ROSTRA_ANCHOR_MOVED);
      g_assert_cmpuint (start, ==, offset_of (edited, "the people", nth));
      g_assert_cmpuint (start, ==, old_start + shift);
      g_assert_cmpuint (end, ==, old_start + shift + 10);
    }

  /* For the second occurrence the insertion was chosen so that the first
   * one lands right next to the stored position: nearness alone would
   * pick the wrong one, the prefix and suffix pick the right one. */
  {
    guint old_second = offset_of (repeated_speech, "the people", 1);
    guint new_first = offset_of (edited, "the people", 0);
    guint new_second = offset_of (edited, "the people", 1);

    g_assert_cmpuint (ABS ((gint) new_first - (gint) old_second), <,
                      ABS ((gint) new_second - (gint) old_second));
    g_assert_cmpuint (new_first, !=, old_second); /* else it would be EXACT */
  }
}

static void
test_resolve_tie_break (void)
{
  /* Same context around every occurrence: the stored context matches none
   * of them, so the one nearest the stored start wins. */
  const char *text = "x the people xx the people x the people x";
  guint       first = offset_of (text, "the people", 0);
  guint       second = offset_of (text, "the people", 1);
  guint       third = offset_of (text, "the people", 2);
  guint       start;
  guint       end;

  start = third + 3;
  end = start + 10;
  g_assert_cmpint (rostra_anchor_resolve (text, "the people", "Q", "Q", &start, &end), ==,
                   ROSTRA_ANCHOR_MOVED);
  g_assert_cmpuint (start, ==, third);
  g_assert_cmpuint (end, ==, third + 10);

  start = second - 4;
  end = start + 10;
  g_assert_cmpint (rostra_anchor_resolve (text, "the people", NULL, NULL, &start, &end), ==,
                   ROSTRA_ANCHOR_MOVED);
  g_assert_cmpuint (start, ==, second);

  start = 0;
  end = 1000;
  g_assert_cmpint (rostra_anchor_resolve (text, "the people", "", "", &start, &end), ==,
                   ROSTRA_ANCHOR_MOVED);
  g_assert_cmpuint (start, ==, first);

  /* Half-way between two: the earlier one. */
  start = (first + second) / 2;
  end = start;
  g_assert_cmpuint ((first + second) % 2, ==, 0);
  g_assert_cmpint (rostra_anchor_resolve (text, "the people", "", "", &start, &end), ==,
                   ROSTRA_ANCHOR_MOVED);
  g_assert_cmpuint (start, ==, first);

  /* Context beats nearness, even far away. */
  start = first + 1;
  end = first + 11;
  g_assert_cmpint (rostra_anchor_resolve (text, "the people", "people x ", " x", &start, &end), ==,
                   ROSTRA_ANCHOR_MOVED);
  g_assert_cmpuint (start, ==, third);

  /* A character that shares only some bytes with the stored context does
   * not count: "è" and "é" share their first byte, "©" and "é" their
   * last. Both far occurrences would win if it did; the near one wins. */
  {
    const char *accents = "©the peopleè and xthe peoplex";
    guint       near = offset_of (accents, "the people", 1);

    start = near;
    end = near + 3;
    g_assert_cmpint (rostra_anchor_resolve (accents, "the people", "é", "é", &start, &end), ==,
                     ROSTRA_ANCHOR_MOVED);
    g_assert_cmpuint (start, ==, near);

    start = near;
    end = near + 3;
    g_assert_cmpint (rostra_anchor_resolve (accents, "the people", "©", "è", &start, &end), ==,
                     ROSTRA_ANCHOR_MOVED);
    g_assert_cmpuint (start, ==, offset_of (accents, "the people", 0));
  }
}

static void
test_resolve_orphaned (void)
{
  g_autofree char *exact = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *suffix = NULL;
  guint            start = 18;
  guint            end = 28;

  rostra_anchor_describe (unicode_speech, start, end, &exact, &prefix, &suffix);

  g_assert_cmpint (rostra_anchor_resolve ("Ünïcödé 🎤 speech: the citizens decide.", exact, prefix,
                                          suffix, &start, &end),
                   ==, ROSTRA_ANCHOR_ORPHANED);
  g_assert_cmpuint (start, ==, 18);
  g_assert_cmpuint (end, ==, 28);

  /* Case matters: this is a different passage. */
  g_assert_cmpint (rostra_anchor_resolve ("Ünïcödé 🎤 speech: The People decide.", exact, prefix,
                                          suffix, &start, &end),
                   ==, ROSTRA_ANCHOR_ORPHANED);
  g_assert_cmpuint (start, ==, 18);
  g_assert_cmpuint (end, ==, 28);

  /* A quote longer than the text. */
  g_assert_cmpint (rostra_anchor_resolve ("the", exact, prefix, suffix, &start, &end), ==,
                   ROSTRA_ANCHOR_ORPHANED);
  g_assert_cmpuint (start, ==, 18);
  g_assert_cmpuint (end, ==, 28);
}

static void
test_resolve_clamp (void)
{
  const char *text = "We will build the bridge."; /* "bridge" is [18, 24) */
  guint       start;
  guint       end;

  start = 18;
  end = 1000;
  g_assert_cmpint (rostra_anchor_resolve (text, "bridge", "the ", ".", &start, &end), ==,
                   ROSTRA_ANCHOR_MOVED);
  g_assert_cmpuint (start, ==, 18);
  g_assert_cmpuint (end, ==, 24);

  start = 1000;
  end = 1006;
  g_assert_cmpint (rostra_anchor_resolve (text, "bridge", "the ", ".", &start, &end), ==,
                   ROSTRA_ANCHOR_MOVED);
  g_assert_cmpuint (start, ==, 18);
  g_assert_cmpuint (end, ==, 24);

  start = 24;
  end = 18;
  g_assert_cmpint (rostra_anchor_resolve (text, "bridge", "the ", ".", &start, &end), ==,
                   ROSTRA_ANCHOR_MOVED);
  g_assert_cmpuint (start, ==, 18);
  g_assert_cmpuint (end, ==, 24);

  start = G_MAXUINT;
  end = G_MAXUINT;
  g_assert_cmpint (rostra_anchor_resolve (text, "bridge", "the ", ".", &start, &end), ==,
                   ROSTRA_ANCHOR_MOVED);
  g_assert_cmpuint (start, ==, 18);
  g_assert_cmpuint (end, ==, 24);

  /* Past the end and not in the text: left as it was. */
  start = G_MAXUINT - 3;
  end = 7;
  g_assert_cmpint (rostra_anchor_resolve (text, "tunnel", "the ", ".", &start, &end), ==,
                   ROSTRA_ANCHOR_ORPHANED);
  g_assert_cmpuint (start, ==, G_MAXUINT - 3);
  g_assert_cmpuint (end, ==, 7);

  /* A quote right at the end of the text, stored one past it. */
  start = 19;
  end = 26;
  g_assert_cmpint (rostra_anchor_resolve (text, "bridge.", NULL, NULL, &start, &end), ==,
                   ROSTRA_ANCHOR_MOVED);
  g_assert_cmpuint (start, ==, 18);
  g_assert_cmpuint (end, ==, 25);
}

static void
test_resolve_empty (void)
{
  guint start = 0;
  guint end = 3;

  g_assert_cmpint (rostra_anchor_resolve ("", "the", "", "", &start, &end), ==,
                   ROSTRA_ANCHOR_ORPHANED);
  g_assert_cmpint (rostra_anchor_resolve (NULL, "the", NULL, NULL, &start, &end), ==,
                   ROSTRA_ANCHOR_ORPHANED);
  g_assert_cmpuint (start, ==, 0);
  g_assert_cmpuint (end, ==, 3);

  /* An empty quote is never found, not even in an empty text. */
  start = 0;
  end = 0;
  g_assert_cmpint (rostra_anchor_resolve ("", "", "", "", &start, &end), ==,
                   ROSTRA_ANCHOR_ORPHANED);
  g_assert_cmpint (rostra_anchor_resolve (unicode_speech, "", "", "", &start, &end), ==,
                   ROSTRA_ANCHOR_ORPHANED);
  g_assert_cmpint (rostra_anchor_resolve (unicode_speech, NULL, NULL, NULL, &start, &end), ==,
                   ROSTRA_ANCHOR_ORPHANED);
  g_assert_cmpuint (start, ==, 0);
  g_assert_cmpuint (end, ==, 0);
}

typedef struct
{
  guint start;
  guint end;
  char *exact;
  char *prefix;
  char *suffix;
} Annotation;

static void
annotation_clear (gpointer data)
{
  Annotation *annotation = data;

  g_free (annotation->exact);
  g_free (annotation->prefix);
  g_free (annotation->suffix);
}

#define LARGE_SIZE        (1024 * 1024)
#define LARGE_ANNOTATIONS 500

/* A made-up 1 MB speech of random words, many of them multi-byte. */
static char *
make_large_text (void)
{
  static const char *const words[] = {
    "the",      "people", "decide",  "Ünïcödé", "🎤",      "speech",  "народ", "Zukunft",
    "über",     "équipe", "ça",      "water",   "valley", "council", "🇪🇺",    "Bürger",
    "décision", "世界",   "and",     "of",      "we",     "will",    "not",   "wait",
    "bridge",   "école",  "promise", "😀",       "città",  "δήμος",   "for",   "a",
  };
  g_autoptr (GRand) rand = g_rand_new_with_seed (20240611);
  GString *text = g_string_sized_new (LARGE_SIZE + 64);
  guint    n = 0;

  while (text->len < LARGE_SIZE)
    {
      g_string_append (text, words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
      g_string_append (text, ++n % 12 == 0 ? ". " : " ");
    }

  return g_string_free (text, FALSE);
}

static void
test_resolve_large (void)
{
  const char      *inserted = "Vorwort 🎤 über die Rede: ";
  g_autofree char *text = make_large_text ();
  g_autofree char *edited = g_strconcat (inserted, text, NULL);
  g_autoptr (GArray) annotations =
      g_array_sized_new (FALSE, TRUE, sizeof (Annotation), LARGE_ANNOTATIONS);
  g_autoptr (GRand) rand = g_rand_new_with_seed (7);
  guint   len = (guint) g_utf8_strlen (text, -1);
  guint   shift = (guint) g_utf8_strlen (inserted, -1);
  guint   exact = 0;
  guint   moved = 0;
  gint64  before;
  gdouble describe_ms;
  gdouble exact_ms;
  gdouble moved_ms;
  gdouble orphaned_ms;

  g_array_set_clear_func (annotations, annotation_clear);

  before = g_get_monotonic_time ();
  for (guint i = 0; i < LARGE_ANNOTATIONS; i++)
    {
      Annotation annotation = { 0 };

      annotation.start = (guint) g_rand_int_range (rand, 0, (gint32) len - 100);
      annotation.end = annotation.start + (guint) g_rand_int_range (rand, 8, 60);
      rostra_anchor_describe (text, annotation.start, annotation.end, &annotation.exact,
                              &annotation.prefix, &annotation.suffix);
      g_array_append_val (annotations, annotation);
    }
  describe_ms = (g_get_monotonic_time () - before) / 1000.0;

  /* Unchanged text: every position holds. */
  before = g_get_monotonic_time ();
  for (guint i = 0; i < annotations->len; i++)
    {
      Annotation *a = &g_array_index (annotations, Annotation, i);
      guint       start = a->start;
      guint       end = a->end;

      exact += rostra_anchor_resolve (text, a->exact, a->prefix, a->suffix, &start, &end) ==
               ROSTRA_ANCHOR_EXACT;
    }
  exact_ms = (g_get_monotonic_time () - before) / 1000.0;
  g_assert_cmpuint (exact, ==, LARGE_ANNOTATIONS);

  /* Text inserted at the start: every quote is searched for. */
  before = g_get_monotonic_time ();
  for (guint i = 0; i < annotations->len; i++)
    {
      Annotation        *a = &g_array_index (annotations, Annotation, i);
      guint              start = a->start;
      guint              end = a->end;
      RostraAnchorResult result;

      result = rostra_anchor_resolve (edited, a->exact, a->prefix, a->suffix, &start, &end);
      g_assert_cmpint (result, ==, ROSTRA_ANCHOR_MOVED);
      g_assert_cmpuint (start, ==, a->start + shift);
      g_assert_cmpuint (end, ==, a->end + shift);
      moved++;
    }
  moved_ms = (g_get_monotonic_time () - before) / 1000.0;
  g_assert_cmpuint (moved, ==, LARGE_ANNOTATIONS);

  /* Quotes found nowhere: a full search each. */
  before = g_get_monotonic_time ();
  for (guint i = 0; i < annotations->len; i++)
    {
      Annotation      *a = &g_array_index (annotations, Annotation, i);
      g_autofree char *reworded = g_strconcat (a->exact, "§", NULL);
      guint            start = a->start;
      guint            end = a->end;

      g_assert_cmpint (rostra_anchor_resolve (edited, reworded, a->prefix, a->suffix, &start, &end),
                       ==, ROSTRA_ANCHOR_ORPHANED);
    }
  orphaned_ms = (g_get_monotonic_time () - before) / 1000.0;

  g_test_message ("1 MB text (%u characters, %zu bytes), %u annotations: describe %.1f ms, "
                  "resolve EXACT %.1f ms, MOVED %.1f ms, ORPHANED %.1f ms",
                  len, strlen (text), LARGE_ANNOTATIONS, describe_ms, exact_ms, moved_ms,
                  orphaned_ms);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/anchor/describe/middle", test_describe_middle);
  g_test_add_func ("/anchor/describe/edges", test_describe_edges);
  g_test_add_func ("/anchor/describe/multibyte", test_describe_multibyte);
  g_test_add_func ("/anchor/describe/clamp", test_describe_clamp);
  g_test_add_func ("/anchor/describe/empty", test_describe_empty);
  g_test_add_func ("/anchor/resolve/exact", test_resolve_exact);
  g_test_add_func ("/anchor/resolve/round-trip", test_resolve_round_trip);
  g_test_add_func ("/anchor/resolve/moved", test_resolve_moved);
  g_test_add_func ("/anchor/resolve/repeated", test_resolve_repeated);
  g_test_add_func ("/anchor/resolve/tie-break", test_resolve_tie_break);
  g_test_add_func ("/anchor/resolve/orphaned", test_resolve_orphaned);
  g_test_add_func ("/anchor/resolve/clamp", test_resolve_clamp);
  g_test_add_func ("/anchor/resolve/empty", test_resolve_empty);
  g_test_add_func ("/anchor/resolve/large", test_resolve_large);

  return g_test_run ();
}
