/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-reader.c: the reading pane, with articles from a real archive, under Xvfb. */

#include "config.h"

#include <string.h>

#include "rostra-reader.h"
#include "rostra-test-ui.h"
#include "rostra-test-utils.h"

#define TITLE  "A Speech in Genève"
#define SOURCE "Radio Genève"
#define IMPORT "speeches.txt"

/* Multi-byte letters, an emoji outside the BMP and a decomposed “è”
 * (e + U+0300), so that byte and character offsets differ everywhere.
 * “geneve” is in it four times: Genève, GENEVE, geneve and Gene\u0300ve. */
#define TEXT                                                                   \
  "Genève 🎤 ünïcödé: the speech in GENEVE.\n"                          \
  "\n"                                                                         \
  "Citizens of geneve, 𝄞 the speech goes on — “quoted” — and on.\n" \
  "\n"                                                                         \
  "Last words in Gene\xcc\x80ve."

#define N_GENEVE 4

static RostraStore *store;

/* An article of the test archive, loaded the way the window will. */
static RostraArticle *
add_article (const char *title,
             const char *source,
             const char *published,
             const char *language,
             const char *text,
             gboolean    with_import)
{
  g_autoptr (GError) error = NULL;
  RostraArticle *article;
  gint64         import_id = 0;
  gint64         id = 0;

  if (with_import)
    {
      import_id = rostra_store_add_import (store, IMPORT, "/nowhere/" IMPORT, "text", &error);
      g_assert_no_error (error);
      g_assert_cmpint (import_id, >, 0);
    }

  g_assert_true (rostra_store_add_article (store, import_id, title, source, published, language,
                                           text, &id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  article = rostra_store_load_article (store, id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (article);
  g_assert_cmpstr (rostra_article_get_text (article), ==, text);
  return article;
}

static RostraArticle *
add_default_article (void)
{
  static guint     counter;
  g_autofree char *title = g_strdup_printf (TITLE " %u", ++counter);

  return add_article (title, SOURCE, "2019-03-05T10:30:00", "fr", TEXT, TRUE);
}

static RostraReader *
reader_new (void)
{
  RostraReader *reader = rostra_reader_new ();

  g_assert_true (ROSTRA_IS_READER (reader));
  return g_object_ref_sink (reader);
}

static GtkTextBuffer *
get_buffer (RostraReader *reader)
{
  return gtk_text_view_get_buffer (rostra_reader_get_text_view (reader));
}

static char *
dup_buffer_text (RostraReader *reader, int start_offset, int end_offset)
{
  GtkTextBuffer *buffer = get_buffer (reader);
  GtkTextIter    start, end;

  gtk_text_buffer_get_iter_at_offset (buffer, &start, start_offset);
  if (end_offset < 0)
    gtk_text_buffer_get_end_iter (buffer, &end);
  else
    gtk_text_buffer_get_iter_at_offset (buffer, &end, end_offset);
  return gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
}

/* The selected text, and its bounds in characters into the article. */
static char *
dup_selection (RostraReader *reader, int *start_offset, int *end_offset)
{
  GtkTextBuffer *buffer = get_buffer (reader);
  GtkTextIter    start, end;
  int            text_offset = rostra_reader_get_text_offset (reader);

  g_assert_true (gtk_text_buffer_get_selection_bounds (buffer, &start, &end));
  if (start_offset)
    *start_offset = gtk_text_iter_get_offset (&start) - text_offset;
  if (end_offset)
    *end_offset = gtk_text_iter_get_offset (&end) - text_offset;
  return gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
}

/* Selects characters [@start, @end) of the article text. */
static void
select_text (RostraReader *reader, int start, int end)
{
  GtkTextBuffer *buffer = get_buffer (reader);
  int            text_offset = rostra_reader_get_text_offset (reader);
  GtkTextIter    start_iter, end_iter;

  gtk_text_buffer_get_iter_at_offset (buffer, &start_iter, text_offset + start);
  gtk_text_buffer_get_iter_at_offset (buffer, &end_iter, text_offset + end);
  gtk_text_buffer_select_range (buffer, &start_iter, &end_iter);
}

/* The character offset of the @nth (from 0) byte-exact @needle in @text. */
static int
char_offset_of (const char *text, const char *needle, guint nth)
{
  const char *p = text;

  for (guint i = 0; i <= nth; i++)
    {
      if (i > 0)
        p += strlen (needle);
      p = strstr (p, needle);
      g_assert_nonnull (p);
    }
  return (int) g_utf8_pointer_to_offset (text, p);
}

static GtkTextTag *
lookup_tag (RostraReader *reader, const char *name)
{
  GtkTextTag *tag =
      gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (get_buffer (reader)), name);

  g_assert_nonnull (tag);
  return tag;
}

static gboolean
has_tag_at (RostraReader *reader, const char *name, int article_offset)
{
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_offset (get_buffer (reader), &iter,
                                      rostra_reader_get_text_offset (reader) + article_offset);
  return gtk_text_iter_has_tag (&iter, lookup_tag (reader, name));
}

static double
get_tag_scale (RostraReader *reader, const char *name)
{
  double scale = 0;

  g_object_get (lookup_tag (reader, name), "scale", &scale, NULL);
  return scale;
}

/* The page of the reader's stack that shows, which must be one. */
static GtkWidget *
visible_page (RostraReader *reader)
{
  GtkStack *stack = GTK_STACK (rostra_test_find_widget (GTK_WIDGET (reader), GTK_TYPE_STACK, NULL));

  g_assert_nonnull (stack);
  return gtk_stack_get_visible_child (stack);
}

static void
count_notify (GObject *object G_GNUC_UNUSED, GParamSpec *pspec G_GNUC_UNUSED, gpointer user_data)
{
  guint *count = user_data;

  (*count)++;
}

static void
test_empty (void)
{
  g_autoptr (RostraReader) reader = reader_new ();
  GtkWidget     *page = visible_page (reader);
  GtkTextBuffer *buffer = get_buffer (reader);

  g_assert_null (rostra_reader_get_article (reader));
  g_assert_true (ADW_IS_STATUS_PAGE (page));
  g_assert_true (gtk_widget_get_visible (page));
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (page)), ==, "No Speech Selected");
  g_assert_cmpint (gtk_text_buffer_get_char_count (buffer), ==, 0);
  g_assert_cmpint (rostra_reader_get_text_offset (reader), ==, 0);
  g_assert_cmpuint (rostra_reader_get_n_matches (reader), ==, 0);
  g_assert_false (rostra_reader_next_match (reader));
  g_assert_false (rostra_reader_previous_match (reader));
  g_assert_null (rostra_reader_dup_quotation (reader));
  g_assert_cmpfloat (rostra_reader_get_zoom (reader), ==, 1.0);

  g_assert_false (gtk_text_view_get_editable (rostra_reader_get_text_view (reader)));
  g_assert_false (gtk_text_view_get_cursor_visible (rostra_reader_get_text_view (reader)));
  g_assert_true (
      gtk_widget_has_css_class (GTK_WIDGET (rostra_reader_get_text_view (reader)), "reader"));
}

static void
test_text (void)
{
  g_autoptr (RostraReader) reader = reader_new ();
  g_autoptr (RostraArticle) article = add_default_article ();
  g_autofree char *text = NULL;
  g_autofree char *heading = NULL;
  int              offset;
  int              emoji;
  GtkTextIter      iter;

  rostra_reader_set_article (reader, article);
  g_assert_true (rostra_reader_get_article (reader) == article);
  g_assert_true (GTK_IS_SCROLLED_WINDOW (visible_page (reader)));

  /* The text, verbatim, from the text offset to the end. */
  offset = rostra_reader_get_text_offset (reader);
  g_assert_cmpint (offset, >, 0);
  text = dup_buffer_text (reader, offset, -1);
  g_assert_cmpstr (text, ==, TEXT);
  g_assert_cmpint (gtk_text_buffer_get_char_count (get_buffer (reader)), ==,
                   offset + g_utf8_strlen (TEXT, -1));

  /* Offsets count characters: the emoji, four bytes, is one. */
  emoji = char_offset_of (TEXT, "🎤", 0);
  g_assert_cmpint (emoji, ==, 7);
  gtk_text_buffer_get_iter_at_offset (get_buffer (reader), &iter, offset + emoji);
  g_assert_cmpuint (gtk_text_iter_get_char (&iter), ==, 0x1F3A4);
  gtk_text_iter_forward_char (&iter);
  g_assert_cmpuint (gtk_text_iter_get_char (&iter), ==, ' ');

  /* The title and metadata before it. */
  heading = dup_buffer_text (reader, 0, offset);
  g_assert_true (g_str_has_prefix (heading, TITLE));
  g_assert_true (g_str_has_suffix (heading, "\n\n"));
  g_assert_nonnull (strstr (heading, "5 March 2019"));
  g_assert_nonnull (strstr (heading, SOURCE));
  g_assert_nonnull (strstr (heading, "French"));
  g_assert_nonnull (strstr (heading, "Imported from " IMPORT));
  g_assert_nonnull (strstr (heading, " · "));

  gtk_text_buffer_get_start_iter (get_buffer (reader), &iter);
  g_assert_true (gtk_text_iter_has_tag (&iter, lookup_tag (reader, "title")));
  gtk_text_iter_forward_line (&iter);
  g_assert_true (gtk_text_iter_has_tag (&iter, lookup_tag (reader, "meta")));
  g_assert_true (has_tag_at (reader, "body", 0));
  g_assert_true (has_tag_at (reader, "body", g_utf8_strlen (TEXT, -1) - 1));
  g_assert_false (has_tag_at (reader, "body", -1));

  /* Every line starts with a tag toggle, which keeps GTK 4.8 from
   * drawing it in the style of another line (see mark_line_starts()). */
  gtk_text_buffer_get_start_iter (get_buffer (reader), &iter);
  do
    g_assert_true (gtk_text_iter_toggles_tag (&iter, NULL));
  while (gtk_text_iter_forward_line (&iter));
}

static void
test_minimal_article (void)
{
  g_autoptr (RostraReader) reader = reader_new ();
  g_autoptr (RostraArticle) article =
      add_article ("Bare", NULL, NULL, "xx", "Just text, 🎤.", FALSE);
  g_autofree char *heading = NULL;
  g_autofree char *text = NULL;
  g_autofree char *quotation = NULL;
  int              offset;

  rostra_reader_set_article (reader, article);
  offset = rostra_reader_get_text_offset (reader);
  text = dup_buffer_text (reader, offset, -1);
  heading = dup_buffer_text (reader, 0, offset);

  g_assert_cmpstr (text, ==, "Just text, 🎤.");
  /* An unknown language shows as its code; nothing else is known. */
  g_assert_cmpstr (heading, ==, "Bare\nxx\n\n");

  select_text (reader, 0, 4);
  quotation = rostra_reader_dup_quotation (reader);
  g_assert_cmpstr (quotation, ==, "“Just”\n— Bare");
}

static void
test_article_property (void)
{
  g_autoptr (RostraReader) reader = reader_new ();
  g_autoptr (RostraArticle) article = add_default_article ();
  g_autoptr (RostraArticle) other = add_default_article ();
  g_autoptr (RostraArticle) from_property = NULL;
  guint notified = 0;

  g_signal_connect (reader, "notify::article", G_CALLBACK (count_notify), &notified);

  rostra_reader_set_article (reader, article);
  g_assert_cmpuint (notified, ==, 1);
  rostra_reader_set_article (reader, article);
  g_assert_cmpuint (notified, ==, 1);

  g_object_set (reader, "article", other, NULL);
  g_assert_cmpuint (notified, ==, 2);
  g_object_get (reader, "article", &from_property, NULL);
  g_assert_true (from_property == other);

  rostra_reader_set_article (reader, NULL);
  g_assert_cmpuint (notified, ==, 3);
  rostra_reader_set_article (reader, NULL);
  g_assert_cmpuint (notified, ==, 3);
}

static void
test_null_article (void)
{
  g_autoptr (RostraReader) reader = reader_new ();
  g_autoptr (RostraArticle) article = add_default_article ();
  const char *const terms[] = { "geneve", NULL };
  GtkWidget        *page;
  guint             notified = 0;

  rostra_reader_set_search_terms (reader, terms);
  rostra_reader_set_article (reader, article);
  g_assert_cmpuint (rostra_reader_get_n_matches (reader), ==, N_GENEVE);
  g_assert_true (rostra_reader_next_match (reader));

  g_signal_connect (reader, "notify::n-matches", G_CALLBACK (count_notify), &notified);
  rostra_reader_set_article (reader, NULL);

  page = visible_page (reader);
  g_assert_true (ADW_IS_STATUS_PAGE (page));
  g_assert_true (gtk_widget_get_visible (page));
  g_assert_null (rostra_reader_get_article (reader));
  g_assert_cmpint (gtk_text_buffer_get_char_count (get_buffer (reader)), ==, 0);
  g_assert_false (gtk_text_buffer_get_has_selection (get_buffer (reader)));
  g_assert_cmpint (rostra_reader_get_text_offset (reader), ==, 0);
  g_assert_cmpuint (rostra_reader_get_n_matches (reader), ==, 0);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_false (rostra_reader_next_match (reader));
  g_assert_null (rostra_reader_dup_quotation (reader));

  /* The terms stay for the next article. */
  rostra_reader_set_article (reader, article);
  g_assert_true (GTK_IS_SCROLLED_WINDOW (visible_page (reader)));
  g_assert_cmpuint (rostra_reader_get_n_matches (reader), ==, N_GENEVE);
  g_assert_cmpuint (notified, ==, 2);
}

static void
test_search (void)
{
  g_autoptr (RostraReader) reader = reader_new ();
  g_autoptr (RostraArticle) article = add_default_article ();
  const char *const terms[] = { "geneve", NULL };
  const char *const same_terms[] = { "geneve", NULL };
  const char *const expected[N_GENEVE] = { "Genève", "GENEVE", "geneve", "Gene\xcc\x80ve" };
  int               starts[N_GENEVE];
  guint             notified = 0;
  int               start, end;

  starts[0] = char_offset_of (TEXT, "Genève", 0);
  starts[1] = char_offset_of (TEXT, "GENEVE", 0);
  starts[2] = char_offset_of (TEXT, "geneve", 0);
  starts[3] = char_offset_of (TEXT, "Gene\xcc\x80ve", 0);

  rostra_reader_set_article (reader, article);
  g_signal_connect (reader, "notify::n-matches", G_CALLBACK (count_notify), &notified);

  rostra_reader_set_search_terms (reader, terms);
  g_assert_cmpuint (rostra_reader_get_n_matches (reader), ==, N_GENEVE);
  g_assert_cmpuint (notified, ==, 1);
  rostra_reader_set_search_terms (reader, same_terms);
  g_assert_cmpuint (notified, ==, 1);

  /* Every occurrence is highlighted, none is current yet. */
  for (guint i = 0; i < N_GENEVE; i++)
    {
      g_assert_true (has_tag_at (reader, "search-match", starts[i]));
      g_assert_false (has_tag_at (reader, "search-current", starts[i]));
    }
  g_assert_false (has_tag_at (reader, "search-match", starts[0] + 6));

  /* Forwards through all of them, in order, and around. */
  for (guint i = 0; i < N_GENEVE; i++)
    {
      g_autofree char *selected = NULL;

      g_assert_true (rostra_reader_next_match (reader));
      selected = dup_selection (reader, &start, &end);
      g_assert_cmpstr (selected, ==, expected[i]);
      g_assert_cmpint (start, ==, starts[i]);
      g_assert_cmpint (end, ==, starts[i] + g_utf8_strlen (expected[i], -1));
      g_assert_true (has_tag_at (reader, "search-current", starts[i]));
      if (i > 0)
        g_assert_false (has_tag_at (reader, "search-current", starts[i - 1]));
    }
  {
    g_autofree char *selected = NULL;

    g_assert_true (rostra_reader_next_match (reader));
    selected = dup_selection (reader, &start, NULL);
    g_assert_cmpstr (selected, ==, "Genève");
    g_assert_cmpint (start, ==, 0);
    g_assert_false (has_tag_at (reader, "search-current", starts[N_GENEVE - 1]));
  }

  /* Backwards from the first wraps to the last. */
  {
    g_autofree char *selected = NULL;

    g_assert_true (rostra_reader_previous_match (reader));
    selected = dup_selection (reader, &start, &end);
    g_assert_cmpstr (selected, ==, "Gene\xcc\x80ve");
    g_assert_cmpint (start, ==, starts[N_GENEVE - 1]);
    g_assert_cmpint (end, ==, starts[N_GENEVE - 1] + 7);
  }
  {
    g_autofree char *selected = NULL;

    g_assert_true (rostra_reader_previous_match (reader));
    selected = dup_selection (reader, NULL, NULL);
    g_assert_cmpstr (selected, ==, "geneve");
  }

  /* Highlights go with the terms. */
  rostra_reader_set_search_terms (reader, NULL);
  g_assert_cmpuint (rostra_reader_get_n_matches (reader), ==, 0);
  g_assert_cmpuint (notified, ==, 2);
  g_assert_false (rostra_reader_next_match (reader));
  for (guint i = 0; i < N_GENEVE; i++)
    {
      g_assert_false (has_tag_at (reader, "search-match", starts[i]));
      g_assert_false (has_tag_at (reader, "search-current", starts[i]));
    }
}

static void
test_search_terms (void)
{
  g_autoptr (RostraReader) reader = reader_new ();
  g_autoptr (RostraArticle) article = add_default_article ();
  const char *const unicode[] = { "UNICODE", NULL };
  const char *const phrase[] = { "The Speech", NULL };
  const char *const several[] = { "speech", "ON", "geneve", NULL };
  const char *const nothing[] = { "zurich", NULL };
  const char *const empty[] = { NULL };
  const char *const blank[] = { " ", "", NULL };
  const char *const expected[] = { "Genève", "speech", "GENEVE", "geneve",
                                   "speech", "on",     "on",     "Gene\xcc\x80ve" };
  g_autofree char  *selected = NULL;

  rostra_reader_set_article (reader, article);

  /* Accents and case on the text's side. */
  rostra_reader_set_search_terms (reader, unicode);
  g_assert_cmpuint (rostra_reader_get_n_matches (reader), ==, 1);
  g_assert_true (rostra_reader_next_match (reader));
  selected = dup_selection (reader, NULL, NULL);
  g_assert_cmpstr (selected, ==, "ünïcödé");
  g_clear_pointer (&selected, g_free);

  /* A phrase. */
  rostra_reader_set_search_terms (reader, phrase);
  g_assert_cmpuint (rostra_reader_get_n_matches (reader), ==, 2);

  /* Several terms: every match of each, sorted by position. */
  rostra_reader_set_search_terms (reader, several);
  g_assert_cmpuint (rostra_reader_get_n_matches (reader), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_assert_true (rostra_reader_next_match (reader));
      selected = dup_selection (reader, NULL, NULL);
      g_assert_cmpstr (selected, ==, expected[i]);
      g_clear_pointer (&selected, g_free);
    }

  /* Words match where they start, as the search finds them. */
  {
    const char *const prefix[] = { "citiz", NULL };
    const char *const inside[] = { "itizens", NULL };

    rostra_reader_set_search_terms (reader, prefix);
    g_assert_cmpuint (rostra_reader_get_n_matches (reader), ==, 1);
    rostra_reader_set_search_terms (reader, inside);
    g_assert_cmpuint (rostra_reader_get_n_matches (reader), ==, 0);
  }

  rostra_reader_set_search_terms (reader, nothing);
  g_assert_cmpuint (rostra_reader_get_n_matches (reader), ==, 0);
  g_assert_false (rostra_reader_next_match (reader));
  g_assert_false (rostra_reader_previous_match (reader));

  rostra_reader_set_search_terms (reader, empty);
  g_assert_cmpuint (rostra_reader_get_n_matches (reader), ==, 0);

  /* Blank terms match nothing, not every space. */
  rostra_reader_set_search_terms (reader, blank);
  g_assert_cmpuint (rostra_reader_get_n_matches (reader), ==, 0);
}

/* One term in @text, its only match selected. */
static char *
dup_only_match (RostraReader *reader, const char *term)
{
  const char *const terms[] = { term, NULL };

  rostra_reader_set_search_terms (reader, terms);
  g_assert_cmpuint (rostra_reader_get_n_matches (reader), ==, 1);
  g_assert_true (rostra_reader_next_match (reader));
  return dup_selection (reader, NULL, NULL);
}

/* Matches map back to whole characters of the text, whatever folding
 * did to their length. */
static void
test_search_folding (void)
{
  g_autoptr (RostraReader) reader = reader_new ();
  g_autoptr (RostraArticle) article = add_article (
      "Folding", NULL, NULL, NULL, "Un cafe\xcc\x81, la Straße, İstanbul, ΣΟΦΊΑ.", FALSE);
  char *selected;

  rostra_reader_set_article (reader, article);

  /* A combining mark after the last letter is part of the match. */
  selected = dup_only_match (reader, "CAFÉ");
  g_assert_cmpstr (selected, ==, "cafe\xcc\x81");
  g_free (selected);

  /* “ß” folds to “ss”: a match ending inside it takes all of it. */
  selected = dup_only_match (reader, "strasse");
  g_assert_cmpstr (selected, ==, "Straße");
  g_free (selected);
  selected = dup_only_match (reader, "stras");
  g_assert_cmpstr (selected, ==, "Straß");
  g_free (selected);

  /* “İ” folds to “i” and a combining dot. */
  selected = dup_only_match (reader, "istanbul");
  g_assert_cmpstr (selected, ==, "İstanbul");
  g_free (selected);

  selected = dup_only_match (reader, "σοφια");
  g_assert_cmpstr (selected, ==, "ΣΟΦΊΑ");
  g_free (selected);
}

static void
test_zoom (void)
{
  g_autoptr (RostraReader) reader = reader_new ();
  g_autoptr (RostraArticle) article = add_default_article ();
  double title_scale, body_scale;
  double zoom = 0;
  guint  notified = 0;

  rostra_reader_set_article (reader, article);
  g_signal_connect (reader, "notify::zoom", G_CALLBACK (count_notify), &notified);

  g_assert_cmpfloat (rostra_reader_get_zoom (reader), ==, 1.0);
  title_scale = get_tag_scale (reader, "title");
  body_scale = get_tag_scale (reader, "body");
  g_assert_cmpfloat (title_scale, >, body_scale);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (reader), "reader.zoom-in", NULL));
  g_assert_cmpfloat_with_epsilon (rostra_reader_get_zoom (reader), 1.1, 1e-9);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpfloat_with_epsilon (get_tag_scale (reader, "body"), body_scale * 1.1, 1e-9);
  g_assert_cmpfloat_with_epsilon (get_tag_scale (reader, "title"), title_scale * 1.1, 1e-9);

  /* Steps add up to round numbers. */
  for (guint i = 0; i < 9; i++)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (reader), "reader.zoom-in", NULL));
  g_assert_cmpfloat (rostra_reader_get_zoom (reader), ==, 2.0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (reader), "reader.zoom-out", NULL));
  g_assert_cmpfloat_with_epsilon (rostra_reader_get_zoom (reader), 1.9, 1e-9);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (reader), "reader.zoom-reset", NULL));
  g_assert_cmpfloat (rostra_reader_get_zoom (reader), ==, 1.0);
  g_assert_cmpfloat_with_epsilon (get_tag_scale (reader, "body"), body_scale, 1e-9);
  g_assert_cmpfloat_with_epsilon (get_tag_scale (reader, "title"), title_scale, 1e-9);

  /* Notified on changes only; clamped to 0.5–3.0. */
  notified = 0;
  rostra_reader_set_zoom (reader, 1.0);
  g_assert_cmpuint (notified, ==, 0);
  rostra_reader_set_zoom (reader, 10.0);
  g_assert_cmpfloat (rostra_reader_get_zoom (reader), ==, 3.0);
  g_assert_cmpuint (notified, ==, 1);
  gtk_widget_activate_action (GTK_WIDGET (reader), "reader.zoom-in", NULL);
  g_assert_cmpfloat (rostra_reader_get_zoom (reader), ==, 3.0);
  g_assert_cmpuint (notified, ==, 1);

  g_object_set (reader, "zoom", 0.5, NULL);
  g_object_get (reader, "zoom", &zoom, NULL);
  g_assert_cmpfloat (zoom, ==, 0.5);
  g_assert_cmpfloat_with_epsilon (get_tag_scale (reader, "body"), body_scale * 0.5, 1e-9);
  rostra_reader_set_zoom (reader, 0.1);
  g_assert_cmpfloat (rostra_reader_get_zoom (reader), ==, 0.5);
  gtk_widget_activate_action (GTK_WIDGET (reader), "reader.zoom-out", NULL);
  g_assert_cmpfloat (rostra_reader_get_zoom (reader), ==, 0.5);
  g_assert_cmpuint (notified, ==, 2);
}

static void
test_quotation (void)
{
  g_autoptr (RostraReader) reader = reader_new ();
  g_autoptr (RostraArticle) article =
      add_article (TITLE, SOURCE, "2019-03-05T10:30:00", "fr", TEXT, TRUE);
  g_autofree char    *quotation = NULL;
  GdkClipboard       *clipboard;
  GdkContentProvider *content;
  GValue              value = G_VALUE_INIT;
  GtkTextIter         iter;
  int                 start = char_offset_of (TEXT, "the speech in GENEVE", 0);
  int                 emoji = char_offset_of (TEXT, "🎤", 0);

  rostra_reader_set_article (reader, article);
  g_assert_null (rostra_reader_dup_quotation (reader));

  select_text (reader, start, start + 20);
  quotation = rostra_reader_dup_quotation (reader);
  g_assert_cmpstr (quotation, ==, "“the speech in GENEVE”\n— " TITLE ", " SOURCE ", 5 March 2019");
  g_clear_pointer (&quotation, g_free);

  /* Characters, not bytes: from the emoji to the end of the word after it. */
  select_text (reader, emoji, emoji + 9);
  quotation = rostra_reader_dup_quotation (reader);
  g_assert_true (g_str_has_prefix (quotation, "“🎤 ünïcödé”\n"));
  g_clear_pointer (&quotation, g_free);

  /* Only the speech is quoted, not its heading. */
  gtk_text_buffer_get_start_iter (get_buffer (reader), &iter);
  gtk_text_buffer_place_cursor (get_buffer (reader), &iter);
  gtk_text_buffer_get_iter_at_offset (get_buffer (reader), &iter,
                                      rostra_reader_get_text_offset (reader) + 6);
  gtk_text_buffer_move_mark_by_name (get_buffer (reader), "selection_bound", &iter);
  quotation = rostra_reader_dup_quotation (reader);
  g_assert_true (g_str_has_prefix (quotation, "“Genève”\n— "));
  g_clear_pointer (&quotation, g_free);

  gtk_text_buffer_get_iter_at_offset (get_buffer (reader), &iter, 3);
  gtk_text_buffer_move_mark_by_name (get_buffer (reader), "selection_bound", &iter);
  g_assert_null (rostra_reader_dup_quotation (reader));

  /* The action puts it on the clipboard. */
  select_text (reader, start, start + 10);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (reader), "reader.copy-quotation", NULL));
  clipboard = gtk_widget_get_clipboard (GTK_WIDGET (reader));
  content = gdk_clipboard_get_content (clipboard);
  g_assert_nonnull (content);
  g_value_init (&value, G_TYPE_STRING);
  g_assert_true (gdk_content_provider_get_value (content, &value, NULL));
  g_assert_cmpstr (g_value_get_string (&value), ==,
                   "“the speech”\n— " TITLE ", " SOURCE ", 5 March 2019");
  g_value_unset (&value);
}

static GtkAdjustment *
get_vadjustment (RostraReader *reader)
{
  return gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (rostra_reader_get_text_view (reader)));
}

static gboolean
is_scrolled_down (gpointer data)
{
  return gtk_adjustment_get_value (get_vadjustment (data)) > 0;
}

static gboolean
is_scrolled_up (gpointer data)
{
  return gtk_adjustment_get_value (get_vadjustment (data)) == 0;
}

static gboolean
is_scrollable (gpointer data)
{
  GtkAdjustment *adjustment = get_vadjustment (data);

  return gtk_adjustment_get_upper (adjustment) > 2 * gtk_adjustment_get_page_size (adjustment);
}

/* In a window: the last match is scrolled into view. */
static void
test_scroll (void)
{
  g_autoptr (RostraReader) reader = reader_new ();
  g_autoptr (GString) text = g_string_new (NULL);
  g_autoptr (RostraArticle) article = NULL;
  const char *const terms[] = { "needle", NULL };
  GtkWidget        *window = gtk_window_new ();

  for (guint i = 0; i < 60; i++)
    g_string_append_printf (text,
                            "Paragraph %u of a long speech, long enough to wrap a little "
                            "on a narrow window, but not very much.\n\n",
                            i);
  g_string_append (text, "The needle at the very end.");
  article = add_article ("Long", NULL, NULL, NULL, text->str, FALSE);

  rostra_reader_set_article (reader, article);
  rostra_reader_set_search_terms (reader, terms);
  g_assert_cmpuint (rostra_reader_get_n_matches (reader), ==, 1);

  gtk_window_set_default_size (GTK_WINDOW (window), 600, 400);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (reader));
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (rostra_test_wait_mapped (GTK_WIDGET (reader)));
  g_assert_true (rostra_test_wait_for (is_scrollable, reader));
  g_assert_true (is_scrolled_up (reader));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (reader), "reader.next-match", NULL));
  g_assert_true (rostra_test_wait_for (is_scrolled_down, reader));

  /* A new article starts at the top. */
  rostra_reader_set_article (reader, NULL);
  rostra_reader_set_article (reader, article);
  g_assert_true (rostra_test_wait_for (is_scrolled_up, reader));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Annotations */

/* A new, unsaved annotation over characters [@start, @end) of @article. */
static RostraAnnotation *
annotation_new (RostraArticle *article, int start, int end, const char *color)
{
  g_autofree char  *exact = g_utf8_substring (rostra_article_get_text (article), start, end);
  RostraAnnotation *annotation =
      rostra_annotation_new (rostra_article_get_id (article), start, end, exact, "", "");

  rostra_annotation_set_color (annotation, color);
  return annotation;
}

static RostraAnnotation *
orphan_new (RostraArticle *article, int start, int end, const char *color)
{
  RostraAnnotation *annotation =
      g_object_new (ROSTRA_TYPE_ANNOTATION, "article-id", rostra_article_get_id (article), "start",
                    (guint) start, "end", (guint) end, "orphaned", TRUE, NULL);

  rostra_annotation_set_color (annotation, color);
  return annotation;
}

/* Tag @name is over characters [@start, @end) of the article text, and
 * not just before or after. */
static void
assert_tag_over (RostraReader *reader, const char *name, int start, int end)
{
  if (start > 0)
    g_assert_false (has_tag_at (reader, name, start - 1));
  for (int i = start; i < end; i++)
    g_assert_true (has_tag_at (reader, name, i));
  g_assert_false (has_tag_at (reader, name, end));
}

/* Tag @name is nowhere in the buffer. */
static void
assert_no_tag (RostraReader *reader, const char *name)
{
  GtkTextIter iter;

  gtk_text_buffer_get_start_iter (get_buffer (reader), &iter);
  g_assert_false (gtk_text_iter_has_tag (&iter, lookup_tag (reader, name)));
  g_assert_false (gtk_text_iter_forward_to_tag_toggle (&iter, lookup_tag (reader, name)));
}

/* The background that shows at @article_offset: that of the tag there
 * of the highest priority that has one. */
static GdkRGBA
shown_background (RostraReader *reader, int article_offset)
{
  g_autoptr (GSList) tags = NULL;
  GdkRGBA    *rgba = NULL;
  GdkRGBA     shown = { 0 };
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_offset (get_buffer (reader), &iter,
                                      rostra_reader_get_text_offset (reader) + article_offset);
  /* Sorted by priority, lowest first. */
  tags = gtk_text_iter_get_tags (&iter);
  for (GSList *l = tags; l != NULL; l = l->next)
    {
      gboolean set = FALSE;

      g_object_get (l->data, "background-set", &set, NULL);
      if (!set)
        continue;
      g_object_get (l->data, "background-rgba", &rgba, NULL);
      shown = *rgba;
      gdk_rgba_free (rgba);
    }
  return shown;
}

static GdkRGBA
tag_background (RostraReader *reader, const char *name)
{
  GdkRGBA *rgba = NULL;
  GdkRGBA  background;

  g_object_get (lookup_tag (reader, name), "background-rgba", &rgba, NULL);
  background = *rgba;
  gdk_rgba_free (rgba);
  return background;
}

static void
assert_shows (RostraReader *reader, int article_offset, const char *name)
{
  GdkRGBA shown = shown_background (reader, article_offset);
  GdkRGBA expected = tag_background (reader, name);

  g_assert_true (gdk_rgba_equal (&shown, &expected));
}

static void
assert_line_starts_marked (RostraReader *reader)
{
  GtkTextIter iter;

  /* But an empty last line, with nothing to draw. */
  gtk_text_buffer_get_start_iter (get_buffer (reader), &iter);
  do
    g_assert_true (gtk_text_iter_is_end (&iter) || gtk_text_iter_toggles_tag (&iter, NULL));
  while (gtk_text_iter_forward_line (&iter));
}

static void
test_annotations (void)
{
  g_autoptr (RostraReader) reader = reader_new ();
  g_autoptr (RostraArticle) article = add_default_article ();
  g_autoptr (GListStore) list = g_list_store_new (ROSTRA_TYPE_ANNOTATION);
  g_autoptr (RostraAnnotation) unicode = NULL;
  g_autoptr (RostraAnnotation) clef = NULL;
  g_autoptr (RostraAnnotation) last = NULL;
  g_autoptr (RostraAnnotation) orphan = NULL;
  g_autoptr (RostraAnnotation) added = NULL;
  g_autofree char *tagged = NULL;
  int              emoji = char_offset_of (TEXT, "🎤", 0);
  int              clef_start = char_offset_of (TEXT, "𝄞", 0);
  int              last_start = char_offset_of (TEXT, "Gene\xcc\x80ve", 0);
  int              n_chars = g_utf8_strlen (TEXT, -1);
  int              offset;

  rostra_reader_set_article (reader, article);
  offset = rostra_reader_get_text_offset (reader);

  /* Multi-byte letters and emoji: offsets in characters. */
  unicode = annotation_new (article, emoji, emoji + 9, "green");
  clef = annotation_new (article, clef_start, clef_start + 1, "blue");
  /* The decomposed “è” to the end of the text. */
  last = annotation_new (article, last_start, n_chars, "purple");
  orphan = orphan_new (article, 0, 6, "red");
  g_list_store_append (list, unicode);
  g_list_store_append (list, clef);
  g_list_store_append (list, orphan);
  g_list_store_append (list, last);

  rostra_reader_set_annotations (reader, G_LIST_MODEL (list));
  assert_tag_over (reader, "annotation-green", emoji, emoji + 9);
  tagged = dup_buffer_text (reader, offset + emoji, offset + emoji + 9);
  g_assert_cmpstr (tagged, ==, "🎤 ünïcödé");
  assert_tag_over (reader, "annotation-blue", clef_start, clef_start + 1);
  assert_tag_over (reader, "annotation-purple", last_start, n_chars);
  g_assert_true (has_tag_at (reader, "annotation-purple", n_chars - 1));
  assert_shows (reader, emoji, "annotation-green");

  /* Orphans have no passage to show. */
  assert_no_tag (reader, "annotation-red");
  assert_no_tag (reader, "annotation-yellow");

  /* The colour changes, the highlight with it. */
  rostra_annotation_set_color (unicode, "yellow");
  assert_tag_over (reader, "annotation-yellow", emoji, emoji + 9);
  assert_no_tag (reader, "annotation-green");

  /* Out of the list, off the text. */
  g_list_store_remove (list, 0);
  assert_no_tag (reader, "annotation-yellow");
  assert_tag_over (reader, "annotation-blue", clef_start, clef_start + 1);

  added = annotation_new (article, 0, 6, "red");
  g_list_store_insert (list, 1, added);
  assert_tag_over (reader, "annotation-red", 0, 6);

  /* Never over the heading, whatever the annotation says. */
  {
    g_autoptr (RostraAnnotation) too_long = rostra_annotation_new (
        rostra_article_get_id (article), n_chars - 2, n_chars + 10, "e.", "", "");
    GtkTextIter iter;

    rostra_annotation_set_color (too_long, "green");
    g_list_store_append (list, too_long);
    assert_tag_over (reader, "annotation-green", n_chars - 2, n_chars);
    gtk_text_buffer_get_start_iter (get_buffer (reader), &iter);
    g_assert_false (gtk_text_iter_has_tag (&iter, lookup_tag (reader, "annotation-green")));
    g_list_store_remove (list, g_list_model_get_n_items (G_LIST_MODEL (list)) - 1);
    assert_no_tag (reader, "annotation-green");
  }

  /* The redraw workaround holds: every line still starts with a toggle. */
  assert_line_starts_marked (reader);

  /* The annotations stay with the article shown anew. */
  rostra_reader_set_article (reader, NULL);
  assert_no_tag (reader, "annotation-blue");
  rostra_reader_set_article (reader, article);
  assert_tag_over (reader, "annotation-blue", clef_start, clef_start + 1);
  assert_tag_over (reader, "annotation-red", 0, 6);

  /* The search matches stay over the highlights, and look like none:
   * lines over and under instead of a fill, so the highlight shows
   * through. */
  {
    const char *const terms[] = { "geneve", NULL };
    PangoUnderline    underline = PANGO_UNDERLINE_NONE;
    PangoOverline     overline = PANGO_OVERLINE_NONE;
    gboolean          filled = TRUE;

    rostra_reader_set_search_terms (reader, terms);
    g_assert_true (has_tag_at (reader, "annotation-purple", last_start));
    g_assert_true (has_tag_at (reader, "search-match", last_start));
    assert_shows (reader, last_start, "annotation-purple");
    g_object_get (lookup_tag (reader, "search-match"), "underline", &underline, "overline",
                  &overline, "background-set", &filled, NULL);
    g_assert_cmpint (underline, !=, PANGO_UNDERLINE_NONE);
    g_assert_cmpint (overline, !=, PANGO_OVERLINE_NONE);
    g_assert_false (filled);
    g_object_get (lookup_tag (reader, "annotation-purple"), "overline", &overline, NULL);
    g_assert_cmpint (overline, ==, PANGO_OVERLINE_NONE);
    g_assert_cmpint (gtk_text_tag_get_priority (lookup_tag (reader, "search-match")), >,
                     gtk_text_tag_get_priority (lookup_tag (reader, "annotation-flash")));
    rostra_reader_set_search_terms (reader, NULL);
    assert_shows (reader, last_start, "annotation-purple");
  }

  rostra_reader_set_annotations (reader, NULL);
  assert_no_tag (reader, "annotation-blue");
  assert_no_tag (reader, "annotation-red");
  assert_no_tag (reader, "annotation-purple");
  assert_line_starts_marked (reader);

  /* No longer watched. */
  rostra_annotation_set_color (clef, "green");
  assert_no_tag (reader, "annotation-green");
}

static void
test_overlapping (void)
{
  g_autoptr (RostraReader) reader = reader_new ();
  g_autoptr (RostraArticle) article = add_default_article ();
  g_autoptr (GListStore) list = g_list_store_new (ROSTRA_TYPE_ANNOTATION);
  g_autoptr (RostraAnnotation) outer = annotation_new (article, 0, 40, "yellow");
  g_autoptr (RostraAnnotation) inner = annotation_new (article, 10, 16, "blue");
  g_autoptr (RostraAnnotation) crossing = annotation_new (article, 30, 50, "green");
  g_autoptr (RostraAnnotation) orphan = orphan_new (article, 11, 13, "red");
  g_autoptr (RostraAnnotation) same = annotation_new (article, 10, 16, "purple");

  /* Without an article, there is no passage to hit. */
  g_list_store_append (list, inner);
  rostra_reader_set_annotations (reader, G_LIST_MODEL (list));
  g_assert_null (rostra_reader_annotation_at (reader, 12));

  rostra_reader_set_article (reader, article);
  g_assert_true (rostra_reader_annotation_at (reader, 12) == inner);

  /* The shortest one at a point, whichever comes first in the list. */
  g_list_store_append (list, outer);
  g_list_store_append (list, crossing);
  g_list_store_append (list, orphan);
  g_assert_true (rostra_reader_annotation_at (reader, 0) == outer);
  g_assert_true (rostra_reader_annotation_at (reader, 9) == outer);
  g_assert_true (rostra_reader_annotation_at (reader, 10) == inner);
  g_assert_true (rostra_reader_annotation_at (reader, 12) == inner);
  g_assert_true (rostra_reader_annotation_at (reader, 15) == inner);
  g_assert_true (rostra_reader_annotation_at (reader, 16) == outer);
  g_assert_true (rostra_reader_annotation_at (reader, 29) == outer);
  g_assert_true (rostra_reader_annotation_at (reader, 30) == crossing);
  g_assert_true (rostra_reader_annotation_at (reader, 39) == crossing);
  g_assert_true (rostra_reader_annotation_at (reader, 49) == crossing);
  g_assert_null (rostra_reader_annotation_at (reader, 50));
  g_assert_null (rostra_reader_annotation_at (reader, 100000));

  /* Both show: the shorter over the longer, the longer around it. */
  assert_tag_over (reader, "annotation-yellow", 0, 40);
  assert_tag_over (reader, "annotation-blue", 10, 16);
  assert_tag_over (reader, "annotation-green", 30, 50);
  assert_shows (reader, 9, "annotation-yellow");
  assert_shows (reader, 10, "annotation-blue");
  assert_shows (reader, 15, "annotation-blue");
  assert_shows (reader, 16, "annotation-yellow");
  assert_shows (reader, 35, "annotation-green");
  assert_no_tag (reader, "annotation-red");

  /* The same, with the long one last in the list and a colour whose
   * tag is of a lower priority than the long one's. */
  rostra_annotation_set_color (outer, "purple");
  rostra_annotation_set_color (inner, "yellow");
  g_list_store_remove (list, 0);
  g_list_store_append (list, inner);
  assert_shows (reader, 12, "annotation-yellow");
  assert_shows (reader, 5, "annotation-purple");
  g_assert_true (rostra_reader_annotation_at (reader, 12) == inner);
  g_assert_true (rostra_reader_annotation_at (reader, 5) == outer);

  /* Of the same passage twice, the one drawn on top. */
  g_list_store_append (list, same);
  g_assert_true (rostra_reader_annotation_at (reader, 12) == same);
  assert_shows (reader, 12, "annotation-purple");
  assert_shows (reader, 5, "annotation-purple");
}

static void
test_selection (void)
{
  g_autoptr (RostraReader) reader = reader_new ();
  g_autoptr (RostraArticle) article = add_default_article ();
  GtkTextBuffer *buffer = get_buffer (reader);
  GtkTextIter    start, end;
  guint          start_offset = 0, end_offset = 0;
  int            emoji = char_offset_of (TEXT, "🎤", 0);
  int            offset;

  g_assert_false (rostra_reader_get_selection (reader, &start_offset, &end_offset));
  rostra_reader_set_article (reader, article);
  offset = rostra_reader_get_text_offset (reader);
  g_assert_false (rostra_reader_get_selection (reader, &start_offset, &end_offset));

  /* Characters into the article text. */
  select_text (reader, emoji, emoji + 9);
  g_assert_true (rostra_reader_get_selection (reader, &start_offset, &end_offset));
  g_assert_cmpuint (start_offset, ==, emoji);
  g_assert_cmpuint (end_offset, ==, emoji + 9);
  g_assert_true (rostra_reader_get_selection (reader, NULL, NULL));

  /* The heading is not the article. */
  gtk_text_buffer_get_iter_at_offset (buffer, &start, 1);
  gtk_text_buffer_get_iter_at_offset (buffer, &end, offset);
  gtk_text_buffer_select_range (buffer, &start, &end);
  g_assert_false (rostra_reader_get_selection (reader, &start_offset, &end_offset));

  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_select_range (buffer, &end, &start);
  g_assert_true (rostra_reader_get_selection (reader, &start_offset, &end_offset));
  g_assert_cmpuint (start_offset, ==, 0);
  g_assert_cmpuint (end_offset, ==, g_utf8_strlen (TEXT, -1));

  gtk_text_buffer_place_cursor (buffer, &end);
  g_assert_false (rostra_reader_get_selection (reader, NULL, NULL));
}

typedef struct
{
  guint    count;
  char    *color;
  gboolean open_note;
  gboolean had_selection;
  guint    start;
  guint    end;
} HighlightRequest;

static void
on_highlight_requested (RostraReader     *reader,
                        const char       *color,
                        gboolean          open_note,
                        HighlightRequest *request)
{
  request->count++;
  g_free (request->color);
  request->color = g_strdup (color);
  request->open_note = open_note;
  request->had_selection = rostra_reader_get_selection (reader, &request->start, &request->end);
  /* Already the colour to offer next. */
  g_assert_cmpstr (rostra_reader_get_highlight_color (reader), ==, color);
}

static void
test_highlight_actions (void)
{
  g_autoptr (RostraReader) reader = reader_new ();
  g_autoptr (RostraArticle) article = add_default_article ();
  g_autofree char *color = NULL;
  HighlightRequest request = { 0 };
  GtkWidget       *widget = GTK_WIDGET (reader);
  int              emoji = char_offset_of (TEXT, "🎤", 0);
  guint            notified = 0;

  g_signal_connect (reader, "highlight-requested", G_CALLBACK (on_highlight_requested), &request);
  g_signal_connect (reader, "notify::highlight-color", G_CALLBACK (count_notify), &notified);
  rostra_reader_set_article (reader, article);
  g_assert_cmpstr (rostra_reader_get_highlight_color (reader), ==, "yellow");

  /* Nothing selected, nothing to highlight. */
  gtk_widget_activate_action (widget, "reader.highlight", NULL);
  gtk_widget_activate_action (widget, "reader.highlight-with-note", NULL);
  g_assert_cmpuint (request.count, ==, 0);

  /* Ctrl+H: the default colour, the selection, no note. */
  select_text (reader, emoji, emoji + 9);
  g_assert_true (gtk_widget_activate_action (widget, "reader.highlight", NULL));
  g_assert_cmpuint (request.count, ==, 1);
  g_assert_cmpstr (request.color, ==, "yellow");
  g_assert_false (request.open_note);
  g_assert_true (request.had_selection);
  g_assert_cmpuint (request.start, ==, emoji);
  g_assert_cmpuint (request.end, ==, emoji + 9);
  g_assert_cmpuint (notified, ==, 0);
  /* Unselected after, for the highlight to show. */
  g_assert_false (rostra_reader_get_selection (reader, NULL, NULL));
  gtk_widget_activate_action (widget, "reader.highlight", NULL);
  g_assert_cmpuint (request.count, ==, 1);

  /* Ctrl+Shift+N: with the note. */
  select_text (reader, 0, 6);
  g_assert_true (gtk_widget_activate_action (widget, "reader.highlight-with-note", NULL));
  g_assert_cmpuint (request.count, ==, 2);
  g_assert_cmpstr (request.color, ==, "yellow");
  g_assert_true (request.open_note);
  g_assert_cmpuint (request.start, ==, 0);
  g_assert_cmpuint (request.end, ==, 6);

  /* A colour button of the popover: that colour, the next default. */
  select_text (reader, 0, 6);
  g_assert_true (gtk_widget_activate_action (widget, "reader.highlight-in", "s", "blue"));
  g_assert_cmpuint (request.count, ==, 3);
  g_assert_cmpstr (request.color, ==, "blue");
  g_assert_false (request.open_note);
  g_assert_cmpstr (rostra_reader_get_highlight_color (reader), ==, "blue");
  g_assert_cmpuint (notified, ==, 1);

  select_text (reader, 1, 2);
  g_assert_true (gtk_widget_activate_action (widget, "reader.highlight", NULL));
  g_assert_cmpuint (request.count, ==, 4);
  g_assert_cmpstr (request.color, ==, "blue");
  g_assert_cmpuint (notified, ==, 1);

  /* Only the heading selected: nothing of the article. */
  {
    GtkTextIter start, end;

    gtk_text_buffer_get_iter_at_offset (get_buffer (reader), &start, 0);
    gtk_text_buffer_get_iter_at_offset (get_buffer (reader), &end, 3);
    gtk_text_buffer_select_range (get_buffer (reader), &start, &end);
    gtk_widget_activate_action (widget, "reader.highlight", NULL);
    g_assert_cmpuint (request.count, ==, 4);
  }

  /* The property. */
  g_object_set (reader, "highlight-color", "purple", NULL);
  g_assert_cmpuint (notified, ==, 2);
  rostra_reader_set_highlight_color (reader, "purple");
  g_assert_cmpuint (notified, ==, 2);
  g_object_get (reader, "highlight-color", &color, NULL);
  g_assert_cmpstr (color, ==, "purple");
  rostra_reader_set_highlight_color (reader, NULL);
  g_assert_cmpstr (rostra_reader_get_highlight_color (reader), ==, "yellow");
  g_assert_cmpuint (notified, ==, 3);

  g_free (request.color);
}

static void
test_select_annotation (void)
{
  g_autoptr (RostraReader) reader = reader_new ();
  g_autoptr (RostraArticle) article = add_default_article ();
  g_autoptr (GListStore) list = g_list_store_new (ROSTRA_TYPE_ANNOTATION);
  g_autoptr (RostraAnnotation) outer = annotation_new (article, 0, 40, "green");
  g_autoptr (RostraAnnotation) inner = annotation_new (article, 10, 16, "blue");

  rostra_reader_set_article (reader, article);
  g_list_store_append (list, outer);
  g_list_store_append (list, inner);
  rostra_reader_set_annotations (reader, G_LIST_MODEL (list));
  g_assert_null (rostra_reader_get_selected_annotation (reader));
  assert_no_tag (reader, "annotation-selected");

  /* Underlined all along, darker where it shows. */
  rostra_reader_select_annotation (reader, outer);
  g_assert_true (rostra_reader_get_selected_annotation (reader) == outer);
  assert_tag_over (reader, "annotation-selected", 0, 40);
  assert_tag_over (reader, "annotation-green", 0, 40);
  assert_shows (reader, 5, "annotation-green-selected");
  assert_shows (reader, 12, "annotation-blue");
  assert_shows (reader, 20, "annotation-green-selected");
  /* Not flashing, out of a window. */
  assert_no_tag (reader, "annotation-flash");

  rostra_reader_select_annotation (reader, inner);
  g_assert_true (rostra_reader_get_selected_annotation (reader) == inner);
  assert_tag_over (reader, "annotation-selected", 10, 16);
  assert_shows (reader, 12, "annotation-blue-selected");
  assert_shows (reader, 5, "annotation-green");
  assert_no_tag (reader, "annotation-green-selected");

  /* It follows its colour. */
  rostra_annotation_set_color (inner, "red");
  assert_shows (reader, 12, "annotation-red-selected");

  rostra_reader_select_annotation (reader, NULL);
  g_assert_null (rostra_reader_get_selected_annotation (reader));
  assert_no_tag (reader, "annotation-selected");
  assert_no_tag (reader, "annotation-red-selected");

  /* Out of the list, no longer selected. */
  rostra_reader_select_annotation (reader, inner);
  g_list_store_remove (list, 1);
  g_assert_null (rostra_reader_get_selected_annotation (reader));
  assert_no_tag (reader, "annotation-selected");

  /* Orphans are selected, with nothing to show. */
  {
    g_autoptr (RostraAnnotation) orphan = orphan_new (article, 2, 4, "red");

    g_list_store_append (list, orphan);
    rostra_reader_select_annotation (reader, orphan);
    g_assert_true (rostra_reader_get_selected_annotation (reader) == orphan);
    assert_no_tag (reader, "annotation-selected");
  }
}

/* The window reads the annotations anew after every change: the same
 * annotation of the archive stays selected. */
static void
test_select_saved_annotation (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RostraReader) reader = reader_new ();
  g_autoptr (RostraArticle) article = add_default_article ();
  g_autoptr (RostraAnnotation) annotation = annotation_new (article, 3, 9, "purple");
  g_autoptr (GListModel) first = NULL;
  g_autoptr (GListModel) second = NULL;
  g_autoptr (RostraAnnotation) first_item = NULL;
  g_autoptr (RostraAnnotation) second_item = NULL;

  g_assert_true (rostra_store_add_annotation (store, annotation, &error));
  g_assert_no_error (error);

  first = rostra_store_list_annotations (store, rostra_article_get_id (article), &error);
  g_assert_no_error (error);
  second = rostra_store_list_annotations (store, rostra_article_get_id (article), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (first), ==, 1);
  first_item = g_list_model_get_item (first, 0);
  second_item = g_list_model_get_item (second, 0);
  g_assert_true (first_item != second_item);

  rostra_reader_set_article (reader, article);
  rostra_reader_set_annotations (reader, first);
  assert_tag_over (reader, "annotation-purple", 3, 9);
  rostra_reader_select_annotation (reader, first_item);

  rostra_reader_set_annotations (reader, second);
  g_assert_true (rostra_reader_get_selected_annotation (reader) == second_item);
  assert_tag_over (reader, "annotation-selected", 3, 9);
}

static GtkPopover *
find_popover (RostraReader *reader)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (reader)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_POPOVER (child))
      return GTK_POPOVER (child);
  g_assert_not_reached ();
}

/* The first controller of @type on @widget. */
static GtkEventController *
find_controller (GtkWidget *widget, GType type)
{
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (controller, type))
        return controller;
    }
  g_assert_not_reached ();
}

/* Mapped on the X server too, where popovers find their monitor. */
static gboolean
surface_is_mapped (gpointer data)
{
  GtkNative *native = gtk_widget_get_native (GTK_WIDGET (data));

  return native != NULL && gtk_native_get_surface (native) != NULL &&
         gdk_surface_get_mapped (gtk_native_get_surface (native));
}

static gboolean
is_laid_out (gpointer data)
{
  GtkWidget *view = GTK_WIDGET (rostra_reader_get_text_view (data));

  return gtk_widget_get_width (view) > 0 && gtk_widget_get_height (view) > 0 &&
         gtk_adjustment_get_upper (get_vadjustment (data)) > 0;
}

static gboolean
widget_is_visible (gpointer data)
{
  return gtk_widget_get_visible (GTK_WIDGET (data));
}

static gboolean
widget_is_hidden (gpointer data)
{
  return !gtk_widget_get_visible (GTK_WIDGET (data));
}

/* The popover of a selection: its colours, and the Menu key shows it. */
static void
test_selection_popover (void)
{
  g_autoptr (RostraReader) reader = reader_new ();
  g_autoptr (RostraArticle) article = add_default_article ();
  g_autoptr (GPtrArray) buttons = g_ptr_array_new ();
  const char *const   colors[] = { "yellow", "green", "blue", "red", "purple" };
  const char *const   names[] = { "Yellow", "Green", "Blue", "Red", "Purple" };
  GtkPopover         *popover = find_popover (reader);
  GtkWidget          *window = gtk_window_new ();
  GtkEventController *keys;
  GtkTextView        *view = rostra_reader_get_text_view (reader);
  HighlightRequest    request = { 0 };
  gboolean            handled = FALSE;

  rostra_test_collect_widgets (GTK_WIDGET (popover), GTK_TYPE_BUTTON, "color-button", buttons);
  g_assert_cmpuint (buttons->len, ==, G_N_ELEMENTS (colors));
  for (guint i = 0; i < buttons->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (buttons, i);

      g_assert_true (gtk_widget_has_css_class (button, colors[i]));
      g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, names[i]);
      g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==,
                       "reader.highlight-in");
    }

  rostra_reader_set_article (reader, article);
  g_signal_connect (reader, "highlight-requested", G_CALLBACK (on_highlight_requested), &request);
  gtk_window_set_default_size (GTK_WINDOW (window), 600, 400);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (reader));
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (rostra_test_wait_mapped (GTK_WIDGET (reader)));
  g_assert_true (rostra_test_wait_for (surface_is_mapped, reader));
  g_assert_true (rostra_test_wait_for (is_laid_out, reader));

  /* Without a selection, the Menu key opens the context menu. */
  keys = find_controller (GTK_WIDGET (view), GTK_TYPE_EVENT_CONTROLLER_KEY);
  g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_Menu, 0, 0, &handled);
  g_assert_false (handled);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));

  select_text (reader, 4, 12);
  g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_Menu, 0, 0, &handled);
  g_assert_true (handled);
  g_assert_true (rostra_test_wait_for (widget_is_visible, popover));

  /* A colour button highlights, and closes the popover. */
  g_signal_emit_by_name (g_ptr_array_index (buttons, 3), "clicked");
  g_assert_cmpuint (request.count, ==, 1);
  g_assert_cmpstr (request.color, ==, "red");
  g_assert_cmpuint (request.start, ==, 4);
  g_assert_cmpuint (request.end, ==, 12);
  g_assert_true (rostra_test_wait_for (widget_is_hidden, popover));

  /* Shift+F10 too; a new article closes it. */
  select_text (reader, 4, 12);
  g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_F10, 0, GDK_SHIFT_MASK, &handled);
  g_assert_true (handled);
  g_assert_true (rostra_test_wait_for (widget_is_visible, popover));
  rostra_reader_set_article (reader, NULL);
  g_assert_true (rostra_test_wait_for (widget_is_hidden, popover));

  gtk_window_destroy (GTK_WINDOW (window));
  g_free (request.color);
}

static gboolean
has_no_flash (gpointer data)
{
  GtkTextIter iter;

  gtk_text_buffer_get_start_iter (get_buffer (data), &iter);
  return !gtk_text_iter_forward_to_tag_toggle (&iter, lookup_tag (data, "annotation-flash"));
}

/* In a window: a selected annotation is scrolled into view and flashes. */
static void
test_select_scroll (void)
{
  g_autoptr (RostraReader) reader = reader_new ();
  g_autoptr (GString) text = g_string_new (NULL);
  g_autoptr (RostraArticle) article = NULL;
  g_autoptr (GListStore) list = g_list_store_new (ROSTRA_TYPE_ANNOTATION);
  g_autoptr (RostraAnnotation) annotation = NULL;
  GtkWidget *window = gtk_window_new ();
  int        start;

  for (guint i = 0; i < 60; i++)
    g_string_append_printf (text, "Paragraph %u of a long speech, long enough to wrap.\n\n", i);
  g_string_append (text, "The passage at the very end.");
  article = add_article ("Long", NULL, NULL, NULL, text->str, FALSE);
  start = char_offset_of (text->str, "passage", 0);
  annotation = annotation_new (article, start, start + 7, "blue");
  g_list_store_append (list, annotation);

  rostra_reader_set_article (reader, article);
  rostra_reader_set_annotations (reader, G_LIST_MODEL (list));

  gtk_window_set_default_size (GTK_WINDOW (window), 600, 400);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (reader));
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (rostra_test_wait_mapped (GTK_WIDGET (reader)));
  g_assert_true (rostra_test_wait_for (is_scrollable, reader));
  g_assert_true (is_scrolled_up (reader));

  rostra_reader_select_annotation (reader, annotation);
  g_assert_true (rostra_test_wait_for (is_scrolled_down, reader));
  if (adw_get_enable_animations (GTK_WIDGET (reader)))
    g_assert_true (has_tag_at (reader, "annotation-flash", start));
  g_assert_true (rostra_test_wait_for (has_no_flash, reader));
  assert_tag_over (reader, "annotation-blue-selected", start, start + 7);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* 500 annotations over 100 KB of text, drawn at once. */
static void
test_many_annotations (void)
{
  g_autoptr (RostraReader) reader = reader_new ();
  g_autoptr (GString) text = g_string_new (NULL);
  g_autoptr (RostraArticle) article = NULL;
  g_autoptr (GListStore) list = g_list_store_new (ROSTRA_TYPE_ANNOTATION);
  const char *const *colors = rostra_annotation_colors ();
  RostraAnnotation  *first;
  gint64             before, set_time, change_time, clear_time;
  int                n_chars;

  for (guint i = 0; text->len < 100 * 1024; i++)
    g_string_append_printf (text,
                            "Paragraph %u of a long speech: the speaker goes on about the "
                            "budget, the harbour and the weather, at some length.\n\n",
                            i);
  g_string_append (text, "The end.");
  article = add_article ("Many", NULL, NULL, NULL, text->str, FALSE);
  n_chars = g_utf8_strlen (text->str, -1);

  for (guint i = 0; i < 500; i++)
    {
      int start = (int) ((i * 7919u) % (guint) (n_chars - 100));
      int length = 5 + (int) ((i * 31u) % 80);
      g_autoptr (RostraAnnotation) annotation =
          annotation_new (article, start, start + length, colors[i % 5]);

      g_list_store_append (list, annotation);
    }

  rostra_reader_set_article (reader, article);

  before = g_get_monotonic_time ();
  rostra_reader_set_annotations (reader, G_LIST_MODEL (list));
  set_time = g_get_monotonic_time () - before;

  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_true (has_tag_at (reader, "annotation-yellow", rostra_annotation_get_start (first)));
  /* A change redraws them all: the mean of a few. */
  before = g_get_monotonic_time ();
  for (guint i = 0; i < 10; i++)
    rostra_annotation_set_color (first, i % 2 == 0 ? "green" : "yellow");
  rostra_annotation_set_color (first, "green");
  change_time = (g_get_monotonic_time () - before) / 11;
  g_assert_true (has_tag_at (reader, "annotation-green", rostra_annotation_get_start (first)));
  g_object_unref (first);

  before = g_get_monotonic_time ();
  rostra_reader_set_annotations (reader, NULL);
  clear_time = g_get_monotonic_time () - before;
  assert_no_tag (reader, "annotation-green");
  assert_line_starts_marked (reader);

  g_test_message ("500 annotations on %u bytes: drawn in %.1f ms, redrawn after a change in "
                  "%.1f ms, removed in %.1f ms",
                  (guint) text->len, set_time / 1000.0, change_time / 1000.0, clear_time / 1000.0);
  /* Far from the budget of a frame or two, even on a slow machine. */
  g_assert_cmpint (set_time, <, G_USEC_PER_SEC);
  g_assert_cmpint (change_time, <, G_USEC_PER_SEC);
}

/* Markup, right-to-left, combining and emoji text shows as it was
 * written (issue 8): no markup is read (Pango warnings are fatal). */
static void
test_verbatim (void)
{
  static const char title[] = "<b>bold</b> & <i> \u05e9\u05b8\u05c1\u05dc\u05d5\u05b9\u05dd";
  static const char source[] = "<span foreground=\"red\">Evil</span> &amp; Co";
  static const char text[] =
      "A note <b>bold</b> & <i>, &amp; &lt;x&gt;.\n\n"
      "\u0623\u064a\u0647\u0627 \u200f\u0627\u0644\u0645\u0648\u0627\u0637\u0646\u0648\u0646, "
      "q\u0323\u0307uark, \U0001F469\u200D\U0001F469\u200D\U0001F467 "
      "\U0001F1F3\U0001F1F1.";
  g_autoptr (RostraReader) reader = reader_new ();
  g_autoptr (RostraArticle) article = add_article (title, source, NULL, "en", text, FALSE);
  g_autofree char *heading = NULL;
  g_autofree char *shown = NULL;
  int              offset;

  rostra_reader_set_article (reader, article);
  offset = rostra_reader_get_text_offset (reader);
  shown = dup_buffer_text (reader, offset, -1);
  heading = dup_buffer_text (reader, 0, offset);

  g_assert_cmpstr (shown, ==, text);
  g_assert_true (g_str_has_prefix (heading, title));
  g_assert_nonnull (strstr (heading, source));
}

/* Selecting with the keyboard alone: a caret shows while the text has the
 * focus, Shift+Ctrl+→ selects words, and the passage is what was chosen
 * without the white space around it. */
static void
test_keyboard_selection (void)
{
  g_autoptr (RostraReader) reader = reader_new ();
  g_autoptr (RostraArticle) article = add_default_article ();
  GtkTextView     *view = rostra_reader_get_text_view (reader);
  GtkWidget       *window = gtk_window_new ();
  GtkWidget       *entry = gtk_entry_new ();
  GtkWidget       *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkTextIter      iter;
  guint            start = 0, end = 0;
  g_autofree char *selected = NULL;

  rostra_reader_set_article (reader, article);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (reader));
  gtk_window_set_default_size (GTK_WINDOW (window), 600, 400);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (rostra_test_wait_mapped (GTK_WIDGET (reader)));

  gtk_widget_grab_focus (entry);
  rostra_test_flush ();
  g_assert_false (gtk_text_view_get_cursor_visible (view));
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (reader)));
  rostra_test_flush ();
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (view)));
  g_assert_true (gtk_text_view_get_cursor_visible (view));

  /* From the start of the article text, three words to the right with Shift. */
  gtk_text_buffer_get_iter_at_offset (get_buffer (reader), &iter,
                                      rostra_reader_get_text_offset (reader));
  gtk_text_buffer_place_cursor (get_buffer (reader), &iter);
  g_signal_emit_by_name (view, "move-cursor", GTK_MOVEMENT_WORDS, 3, TRUE);
  g_assert_true (rostra_reader_get_selection (reader, &start, &end));
  selected = g_utf8_substring (TEXT, start, end);
  g_assert_cmpstr (selected, ==, "Genève 🎤 ünïcödé: the");

  /* And the space after it: the space is not the passage's. */
  g_signal_emit_by_name (view, "move-cursor", GTK_MOVEMENT_VISUAL_POSITIONS, 1, TRUE);
  g_assert_true (rostra_reader_get_selection (reader, &start, &end));
  g_clear_pointer (&selected, g_free);
  selected = g_utf8_substring (TEXT, start, end);
  g_assert_cmpstr (selected, ==, "Genève 🎤 ünïcödé: the");

  gtk_widget_grab_focus (entry);
  rostra_test_flush ();
  g_assert_false (gtk_text_view_get_cursor_visible (view));

  /* A drag with the mouse that ends inside words: they are made whole. */
  {
    GtkEventController *click = find_controller (GTK_WIDGET (view), GTK_TYPE_GESTURE_CLICK);
    int                 from = char_offset_of (TEXT, "nïcödé", 0);
    GtkTextIter         a, b;

    gtk_text_buffer_get_iter_at_offset (get_buffer (reader), &a,
                                        rostra_reader_get_text_offset (reader) + from);
    gtk_text_buffer_get_iter_at_offset (get_buffer (reader), &b,
                                        rostra_reader_get_text_offset (reader) + from + 13);
    gtk_text_buffer_select_range (get_buffer (reader), &b, &a);
    g_signal_emit_by_name (click, "pressed", 1, 10.0, 10.0);
    g_signal_emit_by_name (click, "released", 1, 200.0, 10.0);
    rostra_test_flush ();
    g_assert_true (rostra_reader_get_selection (reader, &start, &end));
    g_clear_pointer (&selected, g_free);
    selected = g_utf8_substring (TEXT, start, end);
    g_assert_cmpstr (selected, ==, "ünïcödé: the speech");
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char *argv[])
{
  int ret;

  /* Away from the user's settings and a11y bus, and the dates in English. */
  rostra_test_ui_init (&argc, &argv);

  store = rostra_test_store_new (NULL);

  g_test_add_func ("/reader/empty", test_empty);
  g_test_add_func ("/reader/text", test_text);
  g_test_add_func ("/reader/minimal-article", test_minimal_article);
  g_test_add_func ("/reader/article-property", test_article_property);
  g_test_add_func ("/reader/null-article", test_null_article);
  g_test_add_func ("/reader/search", test_search);
  g_test_add_func ("/reader/search-terms", test_search_terms);
  g_test_add_func ("/reader/search-folding", test_search_folding);
  g_test_add_func ("/reader/zoom", test_zoom);
  g_test_add_func ("/reader/quotation", test_quotation);
  g_test_add_func ("/reader/scroll", test_scroll);
  g_test_add_func ("/reader/annotations", test_annotations);
  g_test_add_func ("/reader/overlapping", test_overlapping);
  g_test_add_func ("/reader/selection", test_selection);
  g_test_add_func ("/reader/highlight-actions", test_highlight_actions);
  g_test_add_func ("/reader/select-annotation", test_select_annotation);
  g_test_add_func ("/reader/select-saved-annotation", test_select_saved_annotation);
  g_test_add_func ("/reader/selection-popover", test_selection_popover);
  g_test_add_func ("/reader/keyboard-selection", test_keyboard_selection);
  g_test_add_func ("/reader/select-scroll", test_select_scroll);
  g_test_add_func ("/reader/many-annotations", test_many_annotations);
  g_test_add_func ("/reader/verbatim", test_verbatim);

  ret = g_test_run ();

  g_clear_object (&store);
  return ret;
}
