/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-text-clean.c: the cleaning rules, on before/after fixtures of invented speeches. */

#include "config.h"

#include "rostra-test-utils.h"
#include "rostra-text-clean.h"

typedef struct
{
  const char     *before;
  const char     *after; /* NULL: nothing dropped */
  RostraCleanRule rule;
} Case;

static void
test_rules (void)
{
  static const Case cases[] = {
    { "JPEG - 66.2 kb\n\nThe harbour is open.", "The harbour is open.",
      ROSTRA_CLEAN_IMAGE_CAPTION },
    { "The harbour is open.\nphoto_2019.jpg (1,2 MB)\nThe bridge too.",
      "The harbour is open.\nThe bridge too.", ROSTRA_CLEAN_IMAGE_CAPTION },
    { "The harbour is open.\n\nAfbeeldingsresultaat voor haven feest  Gerelateerde afbeelding\n\n"
      "The bridge too.",
      "The harbour is open.\n\nThe bridge too.", ROSTRA_CLEAN_IMAGE_RESULT },
    { "Bildergebnis für Hafen\nDer Hafen ist offen.", "Der Hafen ist offen.",
      ROSTRA_CLEAN_IMAGE_RESULT },
    { "The harbour is open.\n\nIBAN: NL10 SNSB 0902 6349 33", "The harbour is open.",
      ROSTRA_CLEAN_DONATION },
    { "Steun ons: doneer op rekening NL10SNSB0902634933.\n\nDe haven is open.", "De haven is open.",
      ROSTRA_CLEAN_DONATION },
    { "14-06-24 10:00:00,\n\nThe harbour is open.", "The harbour is open.",
      ROSTRA_CLEAN_REPEATED_HEADER },
    { "HARBOUR  DAY\n\nThe harbour is open.", "The harbour is open.",
      ROSTRA_CLEAN_REPEATED_HEADER },
    /* What the rules leave: a speech's own words about sizes, money and titles. */
    { "We spent 66.2 kb of bandwidth on the JPEG files, and it was worth it.", NULL, 0 },
    { "Donate to the lifeboat fund; the harbour master will thank you.", NULL, 0 },
    { "The harbour is open.\n\nHarbour day\n\nWe said so before.", NULL, 0 },
    { "", NULL, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      guint            counts[ROSTRA_CLEAN_N_RULES];
      g_autofree char *after =
          rostra_text_clean ("Harbour day", "2024-06-14T10:00:00", cases[i].before, counts);

      g_test_message ("case %u", i);
      g_assert_cmpstr (after, ==, cases[i].after);
      for (guint r = 0; r < ROSTRA_CLEAN_N_RULES; r++)
        g_assert_cmpuint (counts[r], ==, cases[i].after && r == cases[i].rule ? 1 : 0);
    }
}

static char *
read_fixture (const char *name)
{
  g_autofree char *rel = g_build_filename ("clean", name, NULL);
  g_autofree char *path = rostra_test_data_path (rel);
  g_autoptr (GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

/* A whole entry: every rule at work, counted. */
static void
test_fixture (void)
{
  g_autofree char *before = read_fixture ("harbour.before.txt");
  g_autofree char *expected = read_fixture ("harbour.after.txt");
  g_autofree char *after = NULL;
  guint            counts[ROSTRA_CLEAN_N_RULES];

  after = rostra_text_clean ("Karlsson’s speech at the harbour festival", "2024-06-14T09:00:00",
                             before, counts);
  g_assert_cmpstr (after, ==, expected);
  g_assert_cmpuint (counts[ROSTRA_CLEAN_REPEATED_HEADER], ==, 2);
  g_assert_cmpuint (counts[ROSTRA_CLEAN_IMAGE_CAPTION], ==, 1);
  g_assert_cmpuint (counts[ROSTRA_CLEAN_IMAGE_RESULT], ==, 1);
  g_assert_cmpuint (counts[ROSTRA_CLEAN_DONATION], ==, 2);

  /* Clean text is clean: nothing more to drop. */
  g_assert_null (rostra_text_clean ("Karlsson’s speech at the harbour festival",
                                    "2024-06-14T09:00:00", expected, NULL));
}

static void
test_names (void)
{
  for (guint r = 0; r < ROSTRA_CLEAN_N_RULES; r++)
    {
      g_assert_nonnull (rostra_clean_rule_get_name (r));
      g_assert_nonnull (rostra_clean_rule_get_label (r));
    }
  g_assert_cmpstr (rostra_clean_rule_get_name (ROSTRA_CLEAN_IMAGE_CAPTION), ==, "image-caption");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/clean/rules", test_rules);
  g_test_add_func ("/clean/fixture", test_fixture);
  g_test_add_func ("/clean/names", test_names);

  return g_test_run ();
}
