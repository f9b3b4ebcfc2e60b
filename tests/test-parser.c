/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-parser.c: the feed-dump parser, rule by rule. */

#include "config.h"

#include <string.h>

#include "rostra-test-utils.h"
#include "rostra-text.h"

#define ENTRY(entries, i) ((RostraDumpEntry *) g_ptr_array_index ((entries), (i)))

static GPtrArray *
parse_ok (const char *data, gssize len, RostraDumpParser **parser)
{
  g_autoptr (GError) error = NULL;
  GPtrArray *entries = rostra_test_parse (data, len, parser, &error);

  g_assert_no_error (error);
  g_assert_nonnull (entries);
  return entries;
}

static void
test_fixture (void)
{
  g_autofree char *path = rostra_test_data_path ("speeches.txt");
  g_autofree char *contents = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (RostraDumpParser) parser = NULL;
  g_autoptr (GPtrArray) entries = NULL;
  gsize len;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  entries = parse_ok (contents, len, &parser);

  g_assert_cmpuint (entries->len, ==, 3);

  g_assert_cmpstr (ENTRY (entries, 0)->title, ==, "Mayor Okafor opens the harbour bridge");
  g_assert_cmpstr (ENTRY (entries, 0)->source, ==, "Riverside Courier");
  g_assert_cmpstr (ENTRY (entries, 0)->published, ==, "2021-03-14T09:30:00");
  g_assert_cmpstr (ENTRY (entries, 0)->language, ==, "en");
  g_assert_true (ENTRY (entries, 0)->complete);
  g_assert_cmpuint (ENTRY (entries, 0)->first_line, ==, 1);
  g_assert_cmpuint (ENTRY (entries, 0)->last_line, ==, 14);
  g_assert_true (g_str_has_prefix (ENTRY (entries, 0)->text,
                                   "Friends and neighbours, thank you for coming out in the rain "
                                   "this morning.\n\nWhen we started"));
  /* Two blank lines collapse to one; the title is not repeated in the text. */
  g_assert_nonnull (strstr (ENTRY (entries, 0)->text, "from up here.\n\nThis bridge"));
  g_assert_null (strstr (ENTRY (entries, 0)->text, "Mayor Okafor"));
  g_assert_true (g_str_has_suffix (ENTRY (entries, 0)->text, "patience of the whole town."));

  g_assert_cmpstr (ENTRY (entries, 1)->title, ==, "Burgemeester De Wit over de nieuwe bibliotheek");
  g_assert_cmpstr (ENTRY (entries, 1)->source, ==, "Stadsblad Noord");
  g_assert_cmpstr (ENTRY (entries, 1)->published, ==, "2020-11-02T16:45:00");
  g_assert_cmpstr (ENTRY (entries, 1)->language, ==, "nl");
  g_assert_cmpuint (ENTRY (entries, 1)->first_line, ==, 16);

  g_assert_cmpstr (ENTRY (entries, 2)->title, ==,
                   "Senator Lindqvist on the future of the northern railway");
  g_assert_null (ENTRY (entries, 2)->source);
  g_assert_cmpstr (ENTRY (entries, 2)->published, ==, "1998-06-30T11:05:00");
  g_assert_cmpstr (ENTRY (entries, 2)->language, ==, "en");

  g_assert_cmpuint (rostra_dump_parser_get_n_warnings (parser), ==, 0);
  g_assert_cmpstr (rostra_dump_parser_get_encoding (parser), ==, "UTF-8");
  g_assert_cmpuint (rostra_dump_parser_get_bytes_read (parser), ==, len);
  {
    g_autofree char *sum =
        g_compute_checksum_for_data (G_CHECKSUM_SHA256, (guchar *) contents, len);

    g_assert_cmpstr (rostra_dump_parser_get_checksum (parser), ==, sum);
  }
}

static void
test_bom_crlf (void)
{
  static const char data[] = "\xEF\xBB\xBFThe Title\r\n\r\nThe Title\r\n\r\n01-02-03 04:05:06,\r\n"
                             "\r\nFirst line  \t\r\nsecond line\r\n\r\n\r\nNext paragraph\r\n\r\n"
                             "\xC2\xA0\xC2\xBB\xC2\xA0Read more\r\n";
  g_autoptr (RostraDumpParser) parser = NULL;
  g_autoptr (GPtrArray) entries = parse_ok (data, -1, &parser);

  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_cmpstr (ENTRY (entries, 0)->title, ==, "The Title");
  g_assert_cmpstr (ENTRY (entries, 0)->published, ==, "2003-02-01T04:05:06");
  g_assert_cmpstr (ENTRY (entries, 0)->text, ==, "First line\nsecond line\n\nNext paragraph");
  g_assert_true (ENTRY (entries, 0)->complete);
  g_assert_cmpstr (rostra_dump_parser_get_encoding (parser), ==, "UTF-8");
  g_assert_cmpuint (rostra_dump_parser_get_n_warnings (parser), ==, 0);
}

static void
test_windows_1252 (void)
{
  static const char data[] = "Caf\xE9 speech \x96 Le Journal\n\n01-01-20 10:00:00,\n\n"
                             "It cost 5\x80, \x93quoted\x94 and na\xEFve.\n\n\xBB Lire la suite\n";
  g_autoptr (RostraDumpParser) parser = NULL;
  g_autoptr (GPtrArray) entries = parse_ok (data, -1, &parser);

  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_cmpstr (ENTRY (entries, 0)->title, ==, "Café speech");
  g_assert_cmpstr (ENTRY (entries, 0)->source, ==, "Le Journal");
  g_assert_cmpstr (ENTRY (entries, 0)->text, ==, "It cost 5€, “quoted” and naïve.");
  g_assert_true (ENTRY (entries, 0)->complete);
  g_assert_cmpstr (rostra_dump_parser_get_encoding (parser), ==, "windows-1252");
  g_assert_cmpuint (rostra_dump_parser_get_n_warnings (parser), ==, 0);
}

static void
test_invalid_utf8_in_utf8_file (void)
{
  /* Valid UTF-8 first, then a broken multi-byte sequence on line 7. */
  static const char data[] = "Caf\xC3\xA9 talk\n\n01-01-20 10:00:00,\n\nGood line\n\n"
                             "Broken \xC3\x28 here\n\n\xC2\xBB Read more\n";
  g_autoptr (RostraDumpParser) parser = NULL;
  g_autoptr (GPtrArray) entries = parse_ok (data, -1, &parser);

  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_cmpstr (ENTRY (entries, 0)->title, ==, "Café talk");
  g_assert_cmpstr (ENTRY (entries, 0)->text, ==, "Good line\n\nBroken Ã( here");
  g_assert_cmpstr (rostra_dump_parser_get_encoding (parser), ==, "mixed");
  g_assert_true (rostra_test_has_warning (parser, 7, "Windows-1252"));
}

static void
test_nfc_and_spaces (void)
{
  /* "e" + COMBINING ACUTE becomes "é"; leading spaces and NBSP stay. */
  static const char data[] = "Gene\xCC\x81ve talks\n\n01-01-20 10:00:00,\n\n"
                             "  Indented\xC2\xA0text with tab\t \n\n\xC2\xBB Read more\n";
  g_autoptr (GPtrArray) entries = parse_ok (data, -1, NULL);

  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_cmpstr (ENTRY (entries, 0)->title, ==, "Gen\xC3\xA9ve talks");
  g_assert_cmpstr (ENTRY (entries, 0)->text, ==, "  Indented\xC2\xA0text with tab");
}

static void
test_missing_marker_at_eof (void)
{
  static const char data[] = "First\n\n01-01-20 10:00:00,\n\nText one\n\n» Read more\n\n"
                             "Second\n\nSecond\n\n02-01-20 10:00:00,\n\nText two\n\nMore text\n";
  g_autoptr (RostraDumpParser) parser = NULL;
  g_autoptr (GPtrArray) entries = parse_ok (data, -1, &parser);

  g_assert_cmpuint (entries->len, ==, 2);
  g_assert_true (ENTRY (entries, 0)->complete);
  g_assert_false (ENTRY (entries, 1)->complete);
  g_assert_cmpstr (ENTRY (entries, 1)->title, ==, "Second");
  g_assert_cmpstr (ENTRY (entries, 1)->text, ==, "Text two\n\nMore text");
  g_assert_cmpuint (ENTRY (entries, 1)->first_line, ==, 9);
  g_assert_cmpuint (ENTRY (entries, 1)->last_line, ==, 17);
  g_assert_true (rostra_test_has_warning (parser, 9, "file ends inside"));
}

static void
test_missing_marker_between (void)
{
  static const char data[] = "First\n\n01-01-20 10:00:00,\n\nText one\n\n"
                             "Second | Source\n\nSecond | Source\n\n02-01-20 10:00:00,\n\n"
                             "Text two\n\n» Read more\n";
  g_autoptr (RostraDumpParser) parser = NULL;
  g_autoptr (GPtrArray) entries = parse_ok (data, -1, &parser);

  g_assert_cmpuint (entries->len, ==, 2);
  g_assert_false (ENTRY (entries, 0)->complete);
  g_assert_cmpstr (ENTRY (entries, 0)->text, ==, "Text one");
  g_assert_cmpuint (ENTRY (entries, 0)->last_line, ==, 5);
  g_assert_cmpstr (ENTRY (entries, 1)->title, ==, "Second");
  g_assert_cmpstr (ENTRY (entries, 1)->source, ==, "Source");
  g_assert_cmpuint (ENTRY (entries, 1)->first_line, ==, 7);
  g_assert_true (ENTRY (entries, 1)->complete);
  g_assert_true (rostra_test_has_warning (parser, 1, "no end marker"));
}

static void
test_junk_before_first (void)
{
  static const char data[] = "Exported by FeedTool 2.0\n\nSome notes\nmore notes\n\n"
                             "Title\n\n01-01-20 10:00:00,\n\nText\n\n» Read more\n";
  g_autoptr (RostraDumpParser) parser = NULL;
  g_autoptr (GPtrArray) entries = parse_ok (data, -1, &parser);

  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_cmpstr (ENTRY (entries, 0)->title, ==, "Title");
  g_assert_cmpuint (ENTRY (entries, 0)->first_line, ==, 6);
  g_assert_cmpuint (rostra_dump_parser_get_n_warnings (parser), ==, 1);
  g_assert_true (rostra_test_has_warning (parser, 1, "Lines 1–4 were skipped"));
  g_assert_true (rostra_test_has_warning (parser, 1, "before the first entry"));
}

static void
test_title_without_date (void)
{
  static const char data[] = "One\n\n01-01-20 10:00:00,\n\nText one\n\n» Read more\n\n"
                             "Orphan title\n\nOrphan text\n\n» Read more\n\n"
                             "Two\n\n02-01-20 10:00:00,\n\nText two\n\n» Read more\n";
  g_autoptr (RostraDumpParser) parser = NULL;
  g_autoptr (GPtrArray) entries = parse_ok (data, -1, &parser);

  g_assert_cmpuint (entries->len, ==, 2);
  g_assert_cmpstr (ENTRY (entries, 0)->title, ==, "One");
  g_assert_cmpstr (ENTRY (entries, 1)->title, ==, "Two");
  g_assert_cmpuint (rostra_dump_parser_get_n_warnings (parser), ==, 1);
  g_assert_true (rostra_test_has_warning (parser, 9, "Lines 9–13 were skipped"));
  g_assert_true (rostra_test_has_warning (parser, 9, "date line"));
}

static void
test_invalid_date (void)
{
  static const char data[] = "Leap\n\n31-02-19 10:00:00,\n\nText\n\n» Read more\n\n"
                             "Nonsense\n\n99-99-99 99:99:99,\n\nMore\n\n» Read more\n";
  g_autoptr (RostraDumpParser) parser = NULL;
  g_autoptr (GPtrArray) entries = parse_ok (data, -1, &parser);

  g_assert_cmpuint (entries->len, ==, 2);
  g_assert_null (ENTRY (entries, 0)->published);
  g_assert_null (ENTRY (entries, 1)->published);
  g_assert_cmpstr (ENTRY (entries, 1)->text, ==, "More");
  g_assert_true (rostra_test_has_warning (parser, 3, "not a valid date"));
  g_assert_true (rostra_test_has_warning (parser, 11, "not a valid date"));
}

static void
test_long_line (void)
{
  gsize n = 3 * 1024 * 1024;
  g_autoptr (GString) data = g_string_new ("Long\n\n01-01-20 10:00:00,\n\n");
  g_autoptr (GPtrArray) entries = NULL;
  const char *text;

  /* Two-byte characters across every 64 KiB read boundary. */
  for (gsize i = 0; i < n / 2; i++)
    g_string_append (data, "\xC3\xA9");
  g_string_append (data, "\n\n» Read more\n");

  entries = parse_ok (data->str, data->len, NULL);
  g_assert_cmpuint (entries->len, ==, 1);
  text = ENTRY (entries, 0)->text;
  g_assert_cmpuint (strlen (text), ==, n);
  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_cmpuint (g_utf8_strlen (text, -1), ==, n / 2);
}

static void
test_long_line_nfc (void)
{
  g_autoptr (GString) data = g_string_new ("Long\n\n01-01-20 10:00:00,\n\n");
  g_autoptr (GString) expected = g_string_new (NULL);
  g_autoptr (GPtrArray) entries = NULL;

  /* Decomposed letters and marks everywhere, also where the
   * normaliser cuts long text into pieces. */
  for (guint i = 0; i < 300000; i++)
    {
      g_string_append (data, i % 3 ? "e\xCC\x81" : "a\xCC\x8A\xCC\x81 ");
      g_string_append (expected, i % 3 ? "\xC3\xA9" : "\xC7\xBB ");
    }
  g_string_append (data, "\n\n\xC2\xBB Read more\n");
  g_string_truncate (expected, expected->len - (expected->str[expected->len - 1] == ' '));

  entries = parse_ok (data->str, data->len, NULL);
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_true (g_str_equal (ENTRY (entries, 0)->text, expected->str));
}

static void
test_nfc (void)
{
  static const struct
  {
    const char *in;
    const char *out;
  } cases[] = {
    { "plain ascii", "plain ascii" },
    { "caf\xC3\xA9 \xE2\x80\x9Cquoted\xE2\x80\x9D \xE2\x80\x94 "
      "\xD0\x9F\xD1\x83\xD1\x82\xD0\xB8\xD0\xBD",
      "caf\xC3\xA9 \xE2\x80\x9Cquoted\xE2\x80\x9D \xE2\x80\x94 "
      "\xD0\x9F\xD1\x83\xD1\x82\xD0\xB8\xD0\xBD" },
    { "cafe\xCC\x81", "caf\xC3\xA9" },  /* combining acute */
    { "\xD0\x98\xCC\x86", "\xD0\x99" }, /* И + breve = Й */
    { "a\xE2\x80\x80"
      "b",
      "a\xE2\x80\x82"
      "b" },                                        /* U+2000 is U+2002 in NFC */
    { "\xE1\x84\x80\xE1\x85\xA1", "\xEA\xB0\x80" }, /* Hangul jamo compose */
    { "\xE2\x84\xAB", "\xC3\x85" },                 /* ANGSTROM SIGN → Å */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *nfc = rostra_text_normalize_nfc (cases[i].in, strlen (cases[i].in));

      g_assert_cmpstr (nfc, ==, cases[i].out);
    }
}

static void
test_nul_bytes (void)
{
  static const char data[] = "Title\n\n01-01-20 10:00:00,\n\nBefore\0after\n\n» Read more\n";
  g_autoptr (RostraDumpParser) parser = NULL;
  g_autoptr (GPtrArray) entries = parse_ok (data, sizeof data - 1, &parser);

  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_cmpstr (ENTRY (entries, 0)->text, ==,
                   "Before\xEF\xBF\xBD"
                   "after");
  g_assert_true (rostra_test_has_warning (parser, 5, "NUL"));
}

static void
test_binary (void)
{
  guint8 data[4096];
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) entries = NULL;

  for (guint i = 0; i < sizeof data; i++)
    data[i] = (guint8) (i * 7 % 256);

  entries = rostra_test_parse ((const char *) data, sizeof data, NULL, &error);
  g_assert_error (error, ROSTRA_PARSER_ERROR, ROSTRA_PARSER_ERROR_BINARY);
  g_assert_null (entries);
}

static void
test_utf16 (void)
{
  static const char data[] = "\xFF\xFET\0i\0t\0l\0e\0\n\0";
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) entries = rostra_test_parse (data, sizeof data - 1, NULL, &error);

  g_assert_error (error, ROSTRA_PARSER_ERROR, ROSTRA_PARSER_ERROR_BINARY);
  g_assert_nonnull (strstr (error->message, "UTF-16"));
  g_assert_null (entries);
}

static void
test_empty (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) entries = rostra_test_parse ("", 0, NULL, &error);

  g_assert_error (error, ROSTRA_PARSER_ERROR, ROSTRA_PARSER_ERROR_EMPTY);
  g_assert_null (entries);
}

static void
test_no_entries (void)
{
  g_autoptr (RostraDumpParser) parser = NULL;
  g_autoptr (GPtrArray) entries = parse_ok ("\n\n   \n", -1, &parser);

  g_assert_cmpuint (entries->len, ==, 0);
  g_assert_cmpuint (rostra_dump_parser_get_n_warnings (parser), ==, 0);
}

static void
test_date_line (void)
{
  static const struct
  {
    const char *line;
    gboolean    is_date;
    const char *iso;
  } cases[] = {
    { "27-09-19 02:07:00,", TRUE, "2019-09-27T02:07:00" },
    { "27-09-19 02:07:00", TRUE, "2019-09-27T02:07:00" },
    { "01-01-68 00:00:00,", TRUE, "2068-01-01T00:00:00" },
    { "01-01-69 00:00:00,", TRUE, "1969-01-01T00:00:00" },
    { "29-02-20 12:00:00,", TRUE, "2020-02-29T12:00:00" },
    { "29-02-19 12:00:00,", TRUE, NULL },
    { "31-02-19 10:00:00,", TRUE, NULL },
    { "99-99-99 99:99:99,", TRUE, NULL },
    { "27-09-19", FALSE, NULL },
    { "27-09-19 02:07:00, and more", FALSE, NULL },
    { "2019-09-27 02:07:00", FALSE, NULL },
    { "Lavrov said on 27-09-19 02:07:00,", FALSE, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *iso = NULL;

      g_assert_cmpint (rostra_dump_parse_date_line (cases[i].line, &iso), ==, cases[i].is_date);
      if (cases[i].is_date)
        g_assert_cmpstr (iso, ==, cases[i].iso);
    }
}

static void
test_end_marker (void)
{
  static const char *const yes[] = {
    "\xC2\xA0\xC2\xBB\xC2\xA0Lees verder",
    "» Read more",
    "»Weiterlesen",
    "  »  Lire la suite",
    "» Читать далее",
  };
  static const char *const no[] = {
    "Read more",       "»",
    "» 123",           "» This paragraph starts with a guillemet and goes on for a while.",
    "» He said: yes.", "«» Read more",
  };

  for (guint i = 0; i < G_N_ELEMENTS (yes); i++)
    g_assert_true (rostra_dump_is_end_marker (yes[i]));
  for (guint i = 0; i < G_N_ELEMENTS (no); i++)
    g_assert_false (rostra_dump_is_end_marker (no[i]));
}

static void
test_split_source (void)
{
  static const struct
  {
    const char *line;
    const char *title;
    const char *source;
  } cases[] = {
    { "A speech | The Daily", "A speech", "The Daily" },
    { "A speech – Geotrendlines", "A speech", "Geotrendlines" },
    { "A | B | C", "A | B", "C" },
    { "Speech – one two three four five", "Speech", "one two three four five" },
    { "Speech – one two three four five six", "Speech – one two three four five six", NULL },
    { "Remarks at the conference, by Jane Doe", "Remarks at the conference, by Jane Doe", NULL },
    { " | Source", "| Source", NULL },
    { "Speech |", "Speech |", NULL },
    { "Plain title", "Plain title", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *title = NULL;
      g_autofree char *source = NULL;

      rostra_dump_split_source (cases[i].line, &title, &source);
      g_assert_cmpstr (title, ==, cases[i].title);
      g_assert_cmpstr (source, ==, cases[i].source);
    }
}

static void
test_warnings_capped (void)
{
  g_autoptr (GString) data = g_string_new (NULL);
  g_autoptr (RostraDumpParser) parser = NULL;
  g_autoptr (GPtrArray) entries = NULL;

  /* Every entry has an impossible date: one warning each. */
  for (guint i = 0; i < 10050; i++)
    g_string_append_printf (data, "T%u\n\n31-02-19 10:00:00,\n\nText %u\n\n» Read more\n\n", i, i);

  entries = parse_ok (data->str, data->len, &parser);
  g_assert_cmpuint (entries->len, ==, 10050);
  g_assert_cmpuint (rostra_dump_parser_get_n_warnings (parser), ==, 10050);
  g_assert_nonnull (rostra_dump_parser_get_warning (parser, 9999));
  g_assert_null (rostra_dump_parser_get_warning (parser, 10000));
}

/* The single-speech mode: one plain-text speech per file. */

static GPtrArray *
parse_single (const char        *data,
              gssize             len,
              const char        *fallback,
              gboolean           markdown,
              RostraDumpParser **parser,
              GError           **error)
{
  g_autoptr (GInputStream) stream = NULL;
  g_autoptr (RostraDumpParser) p = NULL;
  g_autoptr (GPtrArray) entries =
      g_ptr_array_new_with_free_func ((GDestroyNotify) rostra_dump_entry_free);

  if (len < 0)
    len = strlen (data);
  stream = g_memory_input_stream_new_from_data (g_memdup2 (data, len), len, g_free);
  p = rostra_dump_parser_new_single (stream, fallback, markdown);
  g_assert_nonnull (p);

  for (;;)
    {
      RostraDumpEntry *entry = NULL;

      if (!rostra_dump_parser_next (p, &entry, NULL, error))
        return NULL;
      if (entry == NULL)
        break;
      g_ptr_array_add (entries, entry);
    }

  /* The end stays the end. */
  {
    RostraDumpEntry *entry = NULL;

    g_assert_true (rostra_dump_parser_next (p, &entry, NULL, NULL));
    g_assert_null (entry);
  }

  if (parser)
    *parser = g_steal_pointer (&p);
  return g_steal_pointer (&entries);
}

static GPtrArray *
parse_single_ok (const char        *data,
                 gssize             len,
                 const char        *fallback,
                 gboolean           markdown,
                 RostraDumpParser **parser)
{
  g_autoptr (GError) error = NULL;
  GPtrArray *entries = parse_single (data, len, fallback, markdown, parser, &error);

  g_assert_no_error (error);
  g_assert_nonnull (entries);
  return entries;
}

static void
test_single_title_first_line (void)
{
  static const char data[] =
      "\n\nAlderman Whitcombe on the orchard lease | Valley Herald\n\n"
      "Members of the council, the orchard on Quarry Lane has fed this parish for a century.\n"
      "It should not be sold for a car park.\n\n\n"
      "12-05-21 10:00:00,\n\n"
      " \xC2\xBB Read more\n";
  g_autoptr (RostraDumpParser) parser = NULL;
  g_autoptr (GPtrArray) entries = parse_single_ok (data, -1, "orchard", FALSE, &parser);
  RostraDumpEntry *e;

  g_assert_cmpuint (entries->len, ==, 1);
  e = ENTRY (entries, 0);
  /* No source is split off, no date is read: the first line is the title as it is. */
  g_assert_cmpstr (e->title, ==, "Alderman Whitcombe on the orchard lease | Valley Herald");
  g_assert_null (e->source);
  g_assert_null (e->published);
  g_assert_true (e->complete);
  g_assert_cmpuint (e->first_line, ==, 3);
  g_assert_cmpuint (e->last_line, ==, 11);
  g_assert_cmpstr (e->language, ==, "en");
  /* A date line and an end marker are ordinary lines of a plain text. */
  g_assert_cmpstr (e->text, ==,
                   "Members of the council, the orchard on Quarry Lane has fed this parish for a "
                   "century.\nIt should not be sold for a car park.\n\n12-05-21 10:00:00,\n\n"
                   " \xC2\xBB Read more");
  g_assert_cmpuint (rostra_dump_parser_get_n_warnings (parser), ==, 0);
  g_assert_cmpstr (rostra_dump_parser_get_encoding (parser), ==, "UTF-8");
  g_assert_cmpuint (rostra_dump_parser_get_bytes_read (parser), ==, strlen (data));
  {
    g_autofree char *sum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, data, -1);

    g_assert_cmpstr (rostra_dump_parser_get_checksum (parser), ==, sum);
  }
}

static void
test_single_long_first_line (void)
{
  g_autoptr (GString) first = g_string_new (NULL);
  g_autoptr (GString) data = g_string_new (NULL);
  g_autoptr (GPtrArray) entries = NULL;
  g_autoptr (GPtrArray) exact = NULL;
  g_autofree char *at_limit = NULL;

  /* 201 characters, some of them two bytes long: a paragraph, not a title. */
  while (g_utf8_strlen (first->str, -1) < 201)
    g_string_append (first, "\xC3\xA9");
  g_string_append_printf (data, "%s\n\nSecond paragraph of the address.\n", first->str);

  entries = parse_single_ok (data->str, data->len, "address-1987", FALSE, NULL);
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_cmpstr (ENTRY (entries, 0)->title, ==, "address-1987");
  g_assert_true (g_str_has_prefix (ENTRY (entries, 0)->text, first->str));
  g_assert_true (
      g_str_has_suffix (ENTRY (entries, 0)->text, "\xC3\xA9\n\nSecond paragraph of the address."));
  g_assert_cmpuint (ENTRY (entries, 0)->first_line, ==, 1);

  /* 200 characters are still a title. */
  at_limit = g_strdup_printf ("%s\nBody.\n", g_utf8_offset_to_pointer (first->str, 1));
  exact = parse_single_ok (at_limit, -1, "address-1987", FALSE, NULL);
  g_assert_cmpuint (exact->len, ==, 1);
  g_assert_cmpuint (g_utf8_strlen (ENTRY (exact, 0)->title, -1), ==, 200);
  g_assert_cmpstr (ENTRY (exact, 0)->text, ==, "Body.");
}

static void
test_single_one_line (void)
{
  static const char data[] = "   Thank you all, and good night.   \n\n\n";
  g_autoptr (GPtrArray) entries = parse_single_ok (data, -1, "farewell", FALSE, NULL);
  g_autoptr (GPtrArray) no_newline =
      parse_single_ok ("Thank you all, and good night.", -1, "farewell", FALSE, NULL);

  /* A file of one line is all text; its title is the file's name. */
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_cmpstr (ENTRY (entries, 0)->title, ==, "farewell");
  g_assert_cmpstr (ENTRY (entries, 0)->text, ==, "Thank you all, and good night.");
  g_assert_true (ENTRY (entries, 0)->complete);
  g_assert_cmpuint (no_newline->len, ==, 1);
  g_assert_cmpstr (ENTRY (no_newline, 0)->title, ==, "farewell");
  g_assert_cmpstr (ENTRY (no_newline, 0)->text, ==, "Thank you all, and good night.");
}

static void
test_single_markdown (void)
{
  static const char md[] = "# The Lighthouse Keepers' Pension ##\n\n"
                           "Colleagues, the keepers kept the light for forty winters.\n";
  static const char h2[] = "## Second-level heading\nText under it.\n";
  static const char tag[] = "#harbour is a hashtag, not a heading\nText.\n";
  g_autoptr (GPtrArray) heading = parse_single_ok (md, -1, "pension", TRUE, NULL);
  g_autoptr (GPtrArray) plain = parse_single_ok (md, -1, "pension", FALSE, NULL);
  g_autoptr (GPtrArray) second = parse_single_ok (h2, -1, "x", TRUE, NULL);
  g_autoptr (GPtrArray) hashtag = parse_single_ok (tag, -1, "x", TRUE, NULL);

  g_assert_cmpuint (heading->len, ==, 1);
  g_assert_cmpstr (ENTRY (heading, 0)->title, ==, "The Lighthouse Keepers' Pension");
  g_assert_cmpstr (ENTRY (heading, 0)->text, ==,
                   "Colleagues, the keepers kept the light for forty winters.");

  /* Outside Markdown, the marks are part of the title. */
  g_assert_cmpstr (ENTRY (plain, 0)->title, ==, "# The Lighthouse Keepers' Pension ##");

  g_assert_cmpstr (ENTRY (second, 0)->title, ==, "Second-level heading");
  g_assert_cmpstr (ENTRY (second, 0)->text, ==, "Text under it.");
  g_assert_cmpstr (ENTRY (hashtag, 0)->title, ==, "#harbour is a hashtag, not a heading");
}

static void
test_single_bom_crlf (void)
{
  static const char data[] = "\xEF\xBB\xBFStatement on the ferry timetable\r\n\r\n"
                             "First line  \r\nsecond line\r\n\r\n\r\nLast paragraph\r\n";
  g_autoptr (RostraDumpParser) parser = NULL;
  g_autoptr (GPtrArray) entries = parse_single_ok (data, -1, "ferry", FALSE, &parser);

  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_cmpstr (ENTRY (entries, 0)->title, ==, "Statement on the ferry timetable");
  g_assert_cmpstr (ENTRY (entries, 0)->text, ==, "First line\nsecond line\n\nLast paragraph");
  g_assert_null (strchr (ENTRY (entries, 0)->text, '\r'));
  g_assert_cmpstr (rostra_dump_parser_get_encoding (parser), ==, "UTF-8");
}

static void
test_single_windows_1252 (void)
{
  static const char data[] = "Discours sur le caf\xE9 du march\xE9\n\n"
                             "Il co\xFBte 5\x80, \x93"
                             "disait-on\x94, et c'est na\xEF"
                             "f.\n";
  g_autoptr (RostraDumpParser) parser = NULL;
  g_autoptr (GPtrArray) entries = parse_single_ok (data, -1, "cafe", FALSE, &parser);

  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_cmpstr (ENTRY (entries, 0)->title, ==, "Discours sur le café du marché");
  g_assert_cmpstr (ENTRY (entries, 0)->text, ==, "Il coûte 5€, “disait-on”, et c'est naïf.");
  g_assert_cmpstr (rostra_dump_parser_get_encoding (parser), ==, "windows-1252");
}

static void
test_single_blank_and_empty (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RostraDumpParser) parser = NULL;
  g_autoptr (GPtrArray) blank = parse_single_ok ("\n \t\n\r\n", -1, "blank", FALSE, &parser);
  g_autoptr (GPtrArray) empty = parse_single ("", 0, "empty", FALSE, NULL, &error);
  g_autoptr (GError) binary_error = NULL;
  g_autoptr (GPtrArray) binary = NULL;
  guint8 bytes[2048];

  g_assert_cmpuint (blank->len, ==, 0);
  g_assert_error (error, ROSTRA_PARSER_ERROR, ROSTRA_PARSER_ERROR_EMPTY);
  g_assert_null (empty);

  for (guint i = 0; i < sizeof bytes; i++)
    bytes[i] = (guint8) (i * 13 % 256);
  binary = parse_single ((const char *) bytes, sizeof bytes, "blob", FALSE, NULL, &binary_error);
  g_assert_error (binary_error, ROSTRA_PARSER_ERROR, ROSTRA_PARSER_ERROR_BINARY);
  g_assert_null (binary);
}

static void
test_single_large (void)
{
  g_autoptr (GString) data = g_string_new ("Closing address to the assembly\n\n");
  g_autoptr (RostraDumpParser) parser = NULL;
  g_autoptr (GPtrArray) entries = NULL;

  /* Several read chunks of text: still one speech, with every paragraph. */
  for (guint i = 0; i < 3000; i++)
    g_string_append_printf (data, "Paragraph %u of the closing address, spoken slowly.\n\n", i);

  entries = parse_single_ok (data->str, data->len, "closing", FALSE, &parser);
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_cmpstr (ENTRY (entries, 0)->title, ==, "Closing address to the assembly");
  g_assert_true (g_str_has_prefix (ENTRY (entries, 0)->text, "Paragraph 0 of"));
  g_assert_true (g_str_has_suffix (ENTRY (entries, 0)->text, "Paragraph 2999 of the closing "
                                                             "address, spoken slowly."));
  g_assert_nonnull (strstr (ENTRY (entries, 0)->text, "slowly.\n\nParagraph 1500 of"));
  g_assert_cmpuint (rostra_dump_parser_get_bytes_read (parser), ==, data->len);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/parser/fixture", test_fixture);
  g_test_add_func ("/parser/bom-crlf", test_bom_crlf);
  g_test_add_func ("/parser/windows-1252", test_windows_1252);
  g_test_add_func ("/parser/invalid-utf8", test_invalid_utf8_in_utf8_file);
  g_test_add_func ("/parser/nfc-and-spaces", test_nfc_and_spaces);
  g_test_add_func ("/parser/missing-marker-at-eof", test_missing_marker_at_eof);
  g_test_add_func ("/parser/missing-marker-between", test_missing_marker_between);
  g_test_add_func ("/parser/junk-before-first", test_junk_before_first);
  g_test_add_func ("/parser/title-without-date", test_title_without_date);
  g_test_add_func ("/parser/invalid-date", test_invalid_date);
  g_test_add_func ("/parser/long-line", test_long_line);
  g_test_add_func ("/parser/long-line-nfc", test_long_line_nfc);
  g_test_add_func ("/parser/nfc", test_nfc);
  g_test_add_func ("/parser/nul-bytes", test_nul_bytes);
  g_test_add_func ("/parser/binary", test_binary);
  g_test_add_func ("/parser/utf16", test_utf16);
  g_test_add_func ("/parser/empty", test_empty);
  g_test_add_func ("/parser/no-entries", test_no_entries);
  g_test_add_func ("/parser/date-line", test_date_line);
  g_test_add_func ("/parser/end-marker", test_end_marker);
  g_test_add_func ("/parser/split-source", test_split_source);
  g_test_add_func ("/parser/warnings-capped", test_warnings_capped);
  g_test_add_func ("/parser/single/title-first-line", test_single_title_first_line);
  g_test_add_func ("/parser/single/long-first-line", test_single_long_first_line);
  g_test_add_func ("/parser/single/one-line", test_single_one_line);
  g_test_add_func ("/parser/single/markdown", test_single_markdown);
  g_test_add_func ("/parser/single/bom-crlf", test_single_bom_crlf);
  g_test_add_func ("/parser/single/windows-1252", test_single_windows_1252);
  g_test_add_func ("/parser/single/blank-and-empty", test_single_blank_and_empty);
  g_test_add_func ("/parser/single/large", test_single_large);

  return g_test_run ();
}
