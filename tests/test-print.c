/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-print.c: printing a speech to PDF, with its highlights and notes,
 * under Xvfb. The PDFs are read back with pdfinfo and pdftotext
 * (poppler-utils) when they are installed.
 *
 * With ROSTRA_TEST_PRINT_DIR set, the PDFs are also written there, to
 * be looked at (pdftoppm -png -r 60 FILE.pdf PREFIX). */

#include "config.h"

#include <string.h>

#include "rostra-anchor.h"
#include "rostra-print.h"
#include "rostra-test-ui.h"
#include "rostra-test-utils.h"

#define TITLE  "The Harbour of Velmora & the “Open Waters” Pledge"
#define SOURCE "Velmora Council Record"
#define IMPORT "velmora-council.txt"

/* An invented speech: an opening, many paragraphs, a closing. */
#define OPENING                                                                                   \
  "Friends and neighbours of Velmora, I stand before you on the old quay to say it plainly: the " \
  "harbour stays open to every boat, large or small, for as long as this council sits."

#define MIDDLE                                                                                   \
  "Some of you remember the winter storms that broke the seawall. We will rebuild the northern " \
  "breakwater with stone from our own quarries, and we will do it before the next autumn tides."

#define CLOSING                                                                                 \
  "So let us leave this quay tonight as a city that listens, to the fishers and the ferrymen, " \
  "to the children who learn to swim in the bay, and to the sea itself."

#define PASSAGE_1 "the harbour stays open to every boat"
#define PASSAGE_2 "We will rebuild the northern breakwater"
#define PASSAGE_3 "open to every boat, large or small"
#define NOTE_1    "The same promise was made in the charter of the old port."
#define NOTE_2    "Compare <b>markup</b> & \"quotes\""
#define ORPHAN    "the lighthouse keepers will be paid double"
#define NOTE_3    "Struck from the final transcript."

static RostraStore *store;

static const char *const filler[] = {
  "The fishers of the lower town have asked for three things: a fair price at the market, a "
  "safe berth in the winter, and a voice in the decisions about the water they work on. Each of "
  "these is reasonable, and each of them will be answered before the spring.",
  "Our ferries carry eleven thousand passengers a week between the islands and the mainland. "
  "Every one of those journeys depends on the dredging of the channel, the repair of the "
  "pontoons and the patience of the crews who keep the timetable in all weathers.",
  "I have heard it said that a small city cannot afford a great harbour. I say that a small "
  "city cannot afford to lose one. The harbour is where our bread comes in and our work goes "
  "out; it is where our grandparents arrived and where our children will leave from, and "
  "return to.",
  "The budget before you sets aside a portion of every berthing fee for the upkeep of the "
  "quays. It is not a large sum, but it is a steady one, and steadiness is what old stone "
  "needs most.",
  "We will publish every contract, every tender and every inspection of the works, so that "
  "anyone who walks along the harbour can know who built what, for how much, and how well.",
};

/* Helpers */

static char *
make_long_text (void)
{
  GString *text = g_string_new (OPENING);

  for (guint i = 0; i < 24; i++)
    {
      g_string_append (text, "\n\n");
      if (i == 9)
        g_string_append (text, MIDDLE);
      else
        g_string_append (text, filler[i % G_N_ELEMENTS (filler)]);
    }
  g_string_append (text, "\n\n" CLOSING);
  return g_string_free (text, FALSE);
}

static RostraArticle *
add_article (const char *title, const char *language, const char *text)
{
  g_autoptr (GError) error = NULL;
  gint64         import_id;
  gint64         id = 0;
  RostraArticle *article;

  import_id = rostra_store_add_import (store, IMPORT, NULL, "feed-dump", &error);
  g_assert_no_error (error);
  g_assert_true (rostra_store_add_article (store, import_id, title, SOURCE, "2023-06-14T18:30:00",
                                           language, text, &id, &error));
  g_assert_no_error (error);
  article = rostra_store_load_article (store, id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (rostra_article_get_text (article));
  return article;
}

/* Saves an annotation of @passage, its @nth occurrence in the text. */
static void
annotate (RostraArticle     *article,
          const char        *passage,
          guint              nth,
          const char        *color,
          const char        *note,
          const char *const *tags)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RostraAnnotation) annotation = NULL;
  g_autofree char *exact = NULL, *prefix = NULL, *suffix = NULL;
  const char      *text = rostra_article_get_text (article);
  const char      *found = text;
  guint            start, end;

  for (guint i = 0; i <= nth; i++)
    {
      found = strstr (i == 0 ? found : found + 1, passage);
      g_assert_nonnull (found);
    }
  start = (guint) g_utf8_pointer_to_offset (text, found);
  end = start + (guint) g_utf8_strlen (passage, -1);

  rostra_anchor_describe (text, start, end, &exact, &prefix, &suffix);
  g_assert_cmpstr (exact, ==, passage);
  annotation =
      rostra_annotation_new (rostra_article_get_id (article), start, end, exact, prefix, suffix);
  rostra_annotation_set_color (annotation, color);
  rostra_annotation_set_note (annotation, note);
  rostra_annotation_set_tags (annotation, tags);
  g_assert_true (rostra_store_add_annotation (store, annotation, &error));
  g_assert_no_error (error);
}

/* An annotation of a passage the text does not hold (any more). */
static void
annotate_orphan (RostraArticle *article, const char *passage, const char *color, const char *note)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RostraAnnotation) annotation = NULL;

  annotation = rostra_annotation_new (rostra_article_get_id (article), 10,
                                      10 + (guint) g_utf8_strlen (passage, -1), passage,
                                      "We promise that ", " from next year.");
  rostra_annotation_set_color (annotation, color);
  rostra_annotation_set_note (annotation, note);
  g_assert_true (rostra_store_add_annotation (store, annotation, &error));
  g_assert_no_error (error);
}

static GListModel *
list_annotations (RostraArticle *article)
{
  g_autoptr (GError) error = NULL;
  GListModel *annotations =
      rostra_store_list_annotations (store, rostra_article_get_id (article), &error);

  g_assert_no_error (error);
  return annotations;
}

/* Prints to a PDF in the test folder (and to ROSTRA_TEST_PRINT_DIR). */
static char *
print_to_pdf (RostraArticle *article, GListModel *annotations, const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *file = g_strconcat (name, ".pdf", NULL);
  char            *path = g_build_filename (rostra_test_tmpdir (), file, NULL);
  const char      *keep = g_getenv ("ROSTRA_TEST_PRINT_DIR");
  g_autofree char *contents = NULL;
  gsize            length = 0;

  g_assert_true (rostra_print_to_pdf (article, annotations, path, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 4);
  g_assert_true (memcmp (contents, "%PDF", 4) == 0);

  if (keep != NULL && *keep != '\0')
    {
      g_autofree char *copy = g_build_filename (keep, file, NULL);

      g_mkdir_with_parents (keep, 0755);
      g_assert_true (g_file_set_contents (copy, contents, (gssize) length, &error));
      g_assert_no_error (error);
    }
  return path;
}

/* The output of @program @path, or %NULL when @program is missing. */
static char *
run_tool (const char *program, const char *path, gboolean to_stdout)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *found = g_find_program_in_path (program);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char      *argv[] = { found, path, to_stdout ? "-" : NULL, NULL };
  int              status = 0;

  if (found == NULL)
    {
      g_test_message ("%s is not installed: not checked with it", program);
      return NULL;
    }

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                               &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("%s %s: %s\n%s", program, path, error->message, err);
  return g_steal_pointer (&out);
}

/* The number of pages, as pdfinfo reads it, or -1 without pdfinfo. */
static int
count_pages (const char *path)
{
  g_autofree char *info = run_tool ("pdfinfo", path, FALSE);
  const char      *pages;

  if (info == NULL)
    return -1;
  pages = strstr (info, "\nPages:");
  g_assert_nonnull (pages);
  return (int) g_ascii_strtoll (pages + strlen ("\nPages:"), NULL, 10);
}

/* @text without any white space: lines may break anywhere in print. */
static char *
squeeze (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      g_string_append_unichar (out, g_utf8_get_char (p));
  return g_string_free (out, FALSE);
}

/* The text of the PDF without white space, or %NULL without pdftotext. */
static char *
dup_pdf_text (const char *path)
{
  g_autofree char *text = run_tool ("pdftotext", path, TRUE);

  return text != NULL ? squeeze (text) : NULL;
}

static void
assert_has_text (const char *pdf_text, const char *expected)
{
  g_autofree char *squeezed = squeeze (expected);

  if (strstr (pdf_text, squeezed) == NULL)
    g_error ("“%s” is not in the printed text:\n%s", expected, pdf_text);
}

/* The index of @expected in @pdf_text. */
static gsize
find_text (const char *pdf_text, const char *expected)
{
  g_autofree char *squeezed = squeeze (expected);
  const char      *found = strstr (pdf_text, squeezed);

  g_assert_nonnull (found);
  return (gsize) (found - pdf_text);
}

/* Tests */

static void
test_operation (void)
{
  g_autoptr (RostraArticle) article = add_article (TITLE, "en", OPENING);
  g_autoptr (GtkPrintOperation) operation = rostra_print_operation_new (article, NULL);
  g_autofree char *job_name = NULL;
  GtkUnit          unit = GTK_UNIT_NONE;
  gboolean         full_page = TRUE;
  gboolean         embed = FALSE;
  gboolean         progress = FALSE;

  g_object_get (operation, "job-name", &job_name, "unit", &unit, "use-full-page", &full_page,
                "embed-page-setup", &embed, "show-progress", &progress, NULL);
  g_assert_cmpstr (job_name, ==, TITLE);
  g_assert_cmpint (unit, ==, GTK_UNIT_POINTS);
  g_assert_false (full_page);
  g_assert_true (embed);
  g_assert_true (progress);
}

static void
test_annotated (void)
{
  static const char *const tags[] = { "harbour", "promises", NULL };
  g_autofree char         *text = make_long_text ();
  g_autoptr (RostraArticle) article = add_article (TITLE, "en", text);
  g_autoptr (GListModel) annotations = NULL;
  g_autoptr (RostraAnnotation) last = NULL;
  g_autofree char *path = NULL;
  g_autofree char *pdf_text = NULL;
  int              pages;

  /* Three colours, two of them overlapping; two notes; one orphan. */
  annotate (article, PASSAGE_1, 0, "yellow", NOTE_1, tags);
  annotate (article, PASSAGE_3, 0, "blue", "", NULL);
  annotate (article, PASSAGE_2, 0, "green", NOTE_2, NULL);
  annotate_orphan (article, ORPHAN, "red", NOTE_3);

  annotations = list_annotations (article);
  g_assert_cmpuint (g_list_model_get_n_items (annotations), ==, 4);
  last = g_list_model_get_item (annotations, 3);
  g_assert_true (rostra_annotation_get_orphaned (last));
  g_assert_cmpstr (rostra_annotation_get_exact (last), ==, ORPHAN);

  path = print_to_pdf (article, annotations, "annotated");

  pages = count_pages (path);
  if (pages >= 0)
    g_assert_cmpint (pages, >=, 2);

  pdf_text = dup_pdf_text (path);
  if (pdf_text == NULL)
    return;

  assert_has_text (pdf_text, TITLE);
  assert_has_text (pdf_text, SOURCE);
  assert_has_text (pdf_text, "Imported from " IMPORT);
  assert_has_text (pdf_text, "14 June 2023");
  assert_has_text (pdf_text, "English");
  assert_has_text (pdf_text, "Friends and neighbours of Velmora, I stand before you");
  assert_has_text (pdf_text, CLOSING);
  assert_has_text (pdf_text, "Notes");
  assert_has_text (pdf_text, NOTE_1);
  assert_has_text (pdf_text, NOTE_2);
  assert_has_text (pdf_text, "Tags: harbour, promises");
  assert_has_text (pdf_text, "Passages no longer in the text");
  assert_has_text (pdf_text, "“" ORPHAN "”");
  assert_has_text (pdf_text, NOTE_3);
  assert_has_text (pdf_text, "Page 1 of");

  /* The endnote numbers: after the passages, then in the notes, in
   * text order, the orphan after them. */
  assert_has_text (pdf_text, "every boat1, large or small,");
  assert_has_text (pdf_text, "northern breakwater2 with");
  g_assert_cmpuint (find_text (pdf_text, "1.“" PASSAGE_1 "”—" NOTE_1), <,
                    find_text (pdf_text, "2.“" PASSAGE_2 "”—" NOTE_2));
  g_assert_cmpuint (find_text (pdf_text, NOTE_2), <, find_text (pdf_text, NOTE_3));
  g_assert_cmpuint (find_text (pdf_text, CLOSING), <, find_text (pdf_text, "Notes1."));
}

static void
test_one_page (void)
{
  g_autoptr (RostraArticle) article = add_article ("A Short Word at the Quay", "en", OPENING);
  g_autofree char *path = print_to_pdf (article, NULL, "one-page");
  g_autofree char *pdf_text = NULL;
  int              pages = count_pages (path);

  if (pages >= 0)
    g_assert_cmpint (pages, ==, 1);

  pdf_text = dup_pdf_text (path);
  if (pdf_text == NULL)
    return;
  assert_has_text (pdf_text, "A Short Word at the Quay");
  assert_has_text (pdf_text, OPENING);
  assert_has_text (pdf_text, "Page 1 of 1");
  g_assert_null (strstr (pdf_text, "Notes"));
  g_assert_null (strstr (pdf_text, "Passages no longer"));
}

/* Right-to-left and Chinese paragraphs, a highlight across them. */
static void
test_scripts (void)
{
  static const char text[] =
      "أيها المواطنون، إن الميناء سيبقى مفتوحاً لكل القوارب، الكبيرة والصغيرة.\n\n"
      "各位市民，港口将继续向所有船只开放。我们将用本地的石头重建北方防波堤。\n\n"
      "Et pour finir : la mer nous appartient à tous.";
  g_autoptr (RostraArticle) article = add_article ("Velmora, trois langues", "fr", text);
  g_autoptr (GListModel) annotations = NULL;
  g_autofree char *path = NULL;
  int              pages;

  annotate (article, "الميناء سيبقى مفتوحاً", 0, "purple", "Le port reste ouvert.", NULL);
  annotate (article, "港口将继续向所有船只开放", 0, "red", "港口", NULL);
  annotate (article, "防波堤。\n\nEt pour", 0, "green", "", NULL);
  annotations = list_annotations (article);

  path = print_to_pdf (article, annotations, "scripts");
  pages = count_pages (path);
  if (pages >= 0)
    g_assert_cmpint (pages, ==, 1);
}

/* No text at all, and an empty title. */
static void
test_empty (void)
{
  g_autoptr (RostraArticle) article = add_article ("", NULL, "");
  g_autofree char *path = print_to_pdf (article, NULL, "empty");
  g_autofree char *pdf_text = NULL;
  int              pages = count_pages (path);

  if (pages >= 0)
    g_assert_cmpint (pages, ==, 1);
  pdf_text = dup_pdf_text (path);
  if (pdf_text != NULL)
    assert_has_text (pdf_text, "Untitled");
}

/* The same, with the user interface right to left: the notes, headings
 * and footer from the right. */
static void
test_rtl_ui (void)
{
  g_autoptr (RostraArticle) article = add_article ("Velmora, de droite à gauche", "en", OPENING);
  g_autoptr (GListModel) annotations = NULL;
  g_autofree char *path = NULL;
  g_autofree char *pdf_text = NULL;

  annotate (article, PASSAGE_1, 0, "yellow", NOTE_1, NULL);
  annotations = list_annotations (article);

  gtk_widget_set_default_direction (GTK_TEXT_DIR_RTL);
  path = print_to_pdf (article, annotations, "rtl-ui");
  gtk_widget_set_default_direction (GTK_TEXT_DIR_LTR);

  g_assert_cmpint (count_pages (path), <=, 1);
  /* Only the words: bidi reorders the English strings around them. */
  pdf_text = dup_pdf_text (path);
  if (pdf_text != NULL)
    assert_has_text (pdf_text, "Velmora, de droite à gauche");
}

static GtkWidget *
find_dialog (GtkWindow *parent)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWidget) window = g_list_model_get_item (toplevels, i);

      G_GNUC_BEGIN_IGNORE_DEPRECATIONS
      if (window != GTK_WIDGET (parent) && GTK_IS_DIALOG (window) &&
          gtk_widget_get_visible (window))
        return window;
      G_GNUC_END_IGNORE_DEPRECATIONS
    }
  return NULL;
}

static gboolean
dialog_shown (gpointer data)
{
  return find_dialog (data) != NULL;
}

static gboolean
dialog_gone (gpointer data)
{
  return find_dialog (data) == NULL;
}

/* The print dialog opens over the window, and cancelling it is no error. */
static void
test_dialog (void)
{
  g_autoptr (RostraArticle) article = add_article ("A Speech for the Printer", "en", OPENING);
  g_autoptr (GError) error = NULL;
  GtkWindow *parent = GTK_WINDOW (gtk_window_new ());
  GtkWidget *dialog;

  gtk_window_present (parent);
  g_assert_true (rostra_test_wait_mapped (GTK_WIDGET (parent)));

  g_assert_true (rostra_print_article (parent, article, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (rostra_test_wait_for (dialog_shown, parent));
  dialog = find_dialog (parent);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == parent);

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  G_GNUC_END_IGNORE_DEPRECATIONS
  g_assert_true (rostra_test_wait_for (dialog_gone, parent));
  rostra_test_flush ();

  gtk_window_destroy (parent);
}

static void
test_error (void)
{
  g_autoptr (RostraArticle) article = add_article ("Nowhere to Go", "en", OPENING);
  g_autoptr (GError) error = NULL;
  g_autofree char *path =
      g_build_filename (rostra_test_tmpdir (), "no-such-folder", "out.pdf", NULL);

  g_assert_false (rostra_print_to_pdf (article, NULL, path, &error));
  g_assert_nonnull (error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

int
main (int argc, char *argv[])
{
  int ret;

  rostra_test_ui_init (&argc, &argv);
  store = rostra_test_store_new (NULL);

  g_test_add_func ("/print/operation", test_operation);
  g_test_add_func ("/print/annotated", test_annotated);
  g_test_add_func ("/print/one-page", test_one_page);
  g_test_add_func ("/print/scripts", test_scripts);
  g_test_add_func ("/print/empty", test_empty);
  g_test_add_func ("/print/rtl-ui", test_rtl_ui);
  g_test_add_func ("/print/dialog", test_dialog);
  g_test_add_func ("/print/error", test_error);

  ret = g_test_run ();
  g_clear_object (&store);
  return ret;
}
