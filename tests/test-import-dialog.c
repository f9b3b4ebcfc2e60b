/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-import-dialog.c: the import dialog under Xvfb: previews that match
 * what the import then stores, files that fail among good ones,
 * cancelling, progress, tags and names, and the signals. */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>

#include "rostra-import-dialog.h"
#include "rostra-importer.h"
#include "rostra-store.h"
#include "rostra-test-ui.h"
#include "rostra-test-utils.h"

/* Big files take longer than the helpers' usual wait. */
#define LONG_WAIT_MS 120000

/* Invented speeches in the feed-dump format. */
#define HARBOUR                                                                         \
  "Harbour master Ines Varga on the winter storms | Kustkrant\n\n"                      \
  "Harbour master Ines Varga on the winter storms | Kustkrant\n\n"                      \
  "12-01-22 08:15:00,\n\n"                                                              \
  "Good morning to the crews, the pilots and the families who waited on the quay.\n\n"  \
  "Three storms in nine days have tested every rope in this harbour. Not one ship was " \
  "lost, because you checked them twice and then once more.\n\n"                        \
  " » Lees verder\n\n"
#define LIBRARY                                                                              \
  "Wethouder Bakker opent de leeszaal – Dorpsbode\n\n"                                     \
  "03-05-21 14:00:00,\n\n"                                                                   \
  "Beste inwoners, vandaag gaat de nieuwe leeszaal open voor iedereen die wil lezen, leren " \
  "of gewoon even binnen wil zitten.\n\n"                                                    \
  "Wij danken de vrijwilligers die de boeken hebben gesorteerd en de planken hebben "        \
  "gebouwd.\n\n"                                                                             \
  " » Lees verder\n\n"
#define ORCHARD                                                                            \
  "Councillor Adeyemi on the community orchard\n\n"                                        \
  "21-09-20 18:30:00,\n\n"                                                                 \
  "Friends, the apple trees we planted four years ago gave their first real harvest this " \
  "autumn, and the whole street came to pick them.\n\n"                                    \
  "An orchard asks for patience, and it pays it back in kind.\n\n"                         \
  " » Read more\n\n"
#define FERRY                                                                            \
  "Minister Halvorsen on the night ferry | Fjordposten\n\n"                              \
  "30-02-19 23:00:00,\n\n"                                                               \
  "The night ferry will keep running through the winter. The islands are not a detour; " \
  "they are part of the country.\n\n"                                                    \
  " » Read more\n\n"

typedef struct
{
  RostraStore        *store;
  char               *db_path;
  RostraImportDialog *dialog;
  GArray             *imported; /* gint64: the ids of "imported" */
  GVariant           *shown;    /* the parameter of "show-articles" */
  GThread            *main_thread;
  gboolean            off_main_thread;
  /* Progress */
  double   last_progress;
  guint    n_progress;
  gboolean went_back;
  /* Cancelling from the progress */
  guint    cancel_after_imports; /* cancel once this many files were committed */
  gboolean cancel_requested;
  double   progress_at_cancel;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  fixture->store = rostra_test_store_new (&fixture->db_path);
  fixture->imported = g_array_new (FALSE, FALSE, sizeof (gint64));
  fixture->main_thread = g_thread_self ();
  fixture->cancel_after_imports = G_MAXUINT;
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  if (fixture->dialog != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (fixture->dialog), (gpointer *) &fixture->dialog);
      gtk_window_destroy (GTK_WINDOW (fixture->dialog));
    }
  rostra_test_flush ();
  g_clear_pointer (&fixture->shown, g_variant_unref);
  g_array_unref (fixture->imported);
  g_clear_object (&fixture->store);
  g_free (fixture->db_path);
}

/* Files */

static GFile *
write_file (const char *name, const char *contents, gssize len)
{
  g_autofree char *path = rostra_test_write_file (name, contents, len);

  return g_file_new_for_path (path);
}

/* A dump of @n invented speeches, each about 1 kB; with @broken_dates,
 * every speech's date is invalid (one warning each). */
static GFile *
write_generated_dump (const char *name, guint n, gboolean broken_dates)
{
  GString *dump = g_string_sized_new (n * 1100);
  GFile   *file;

  for (guint i = 0; i < n; i++)
    {
      g_string_append_printf (
          dump, "Generated address number %u on the canal works | Test Gazette\n\n", i);
      if (broken_dates)
        g_string_append_printf (dump, "3%u-02-19 10:00:00,\n\n", i % 10);
      else
        g_string_append_printf (dump, "%02u-%02u-%02u %02u:%02u:00,\n\n", i % 28 + 1, i % 12 + 1,
                                i / 336 % 50 + 10, i % 24, i % 60);
      for (guint p = 0; p < 4; p++)
        g_string_append_printf (
            dump,
            "Paragraph %u of address %u. The locks of the canal were rebuilt stone by stone, "
            "and the barges that carry grain and timber pass again from the river to the sea. "
            "We thank the engineers, the masons and the lock keepers for their patience.\n\n",
            p, i);
      g_string_append (dump, " » Lees verder\n\n");
    }
  file = write_file (name, dump->str, dump->len);
  g_string_free (dump, TRUE);
  return file;
}

/* Imports @contents into the fixture's archive, as an earlier import did. */
static void
import_before (Fixture *fixture, const char *name, const char *contents, const char *const *tags)
{
  g_autoptr (GFile) file = write_file (name, contents, -1);
  g_autoptr (RostraImportReport) report = NULL;
  g_autoptr (GError) error = NULL;
  RostraImportOptions options = { NULL, tags };

  g_assert_true (
      rostra_import_file_full (fixture->store, file, &options, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_new, >, 0);
}

/* The dialog */

static void
imported_cb (RostraImportDialog *dialog, gint64 import_id, Fixture *fixture)
{
  if (g_thread_self () != fixture->main_thread)
    fixture->off_main_thread = TRUE;
  g_array_append_val (fixture->imported, import_id);
}

static void
show_articles_cb (RostraImportDialog *dialog, GVariant *ids, Fixture *fixture)
{
  g_clear_pointer (&fixture->shown, g_variant_unref);
  fixture->shown = g_variant_ref (ids);
}

static void
progress_cb (RostraImportDialog *dialog, GParamSpec *pspec, Fixture *fixture)
{
  double progress = rostra_import_dialog_get_progress (dialog);

  if (progress < fixture->last_progress)
    fixture->went_back = TRUE;
  /* A new import starts again from 0. */
  if (progress > 0)
    fixture->n_progress++;
  fixture->last_progress = progress;

  if (!fixture->cancel_requested && fixture->imported->len >= fixture->cancel_after_imports &&
      g_str_equal (rostra_import_dialog_get_page (dialog), "progress") && progress > 0 &&
      progress < 1)
    {
      fixture->cancel_requested = TRUE;
      fixture->progress_at_cancel = progress;
      rostra_import_dialog_cancel (dialog);
    }
}

static RostraImportDialog *
open_dialog (Fixture *fixture)
{
  fixture->dialog = ROSTRA_IMPORT_DIALOG (rostra_import_dialog_new (NULL, fixture->db_path));
  g_object_add_weak_pointer (G_OBJECT (fixture->dialog), (gpointer *) &fixture->dialog);
  g_signal_connect (fixture->dialog, "imported", G_CALLBACK (imported_cb), fixture);
  g_signal_connect (fixture->dialog, "show-articles", G_CALLBACK (show_articles_cb), fixture);
  g_signal_connect (fixture->dialog, "notify::progress", G_CALLBACK (progress_cb), fixture);
  gtk_window_present (GTK_WINDOW (fixture->dialog));
  g_assert_true (rostra_test_wait_mapped (GTK_WIDGET (fixture->dialog)));
  return fixture->dialog;
}

static void
add_files (RostraImportDialog *dialog, GFile *first, ...)
{
  g_autoptr (GListStore) files = g_list_store_new (G_TYPE_FILE);
  va_list args;

  va_start (args, first);
  for (GFile *file = first; file != NULL; file = va_arg (args, GFile *))
    g_list_store_append (files, file);
  va_end (args);
  rostra_import_dialog_add_files (dialog, G_LIST_MODEL (files));
}

static gboolean
timeout_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* rostra_test_wait_for() with a longer bound, for big files. */
static gboolean
wait_long (RostraTestCondition condition, gpointer data)
{
  gboolean timed_out = FALSE;
  guint    id = g_timeout_add (LONG_WAIT_MS, timeout_cb, &timed_out);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  return condition (data);
}

static gboolean
is_idle (gpointer data)
{
  return !rostra_import_dialog_get_busy (data);
}

static gboolean
is_gone (gpointer data)
{
  return ((Fixture *) data)->dialog == NULL;
}

static void
wait_previews (RostraImportDialog *dialog)
{
  g_assert_true (wait_long (is_idle, dialog));
  g_assert_cmpstr (rostra_import_dialog_get_page (dialog), ==, "preview");
}

static void
import_and_wait (RostraImportDialog *dialog)
{
  g_assert_true (rostra_import_dialog_start (dialog));
  g_assert_cmpstr (rostra_import_dialog_get_page (dialog), ==, "progress");
  g_assert_true (wait_long (is_idle, dialog));
  g_assert_cmpstr (rostra_import_dialog_get_page (dialog), ==, "summary");
}

static const RostraImportReport *
get_preview (RostraImportDialog *dialog, guint index)
{
  const GError             *error = NULL;
  const RostraImportReport *report = rostra_import_dialog_get_preview (dialog, index, &error);

  g_assert_no_error ((GError *) error);
  g_assert_nonnull (report);
  return report;
}

static const RostraImportReport *
get_result (RostraImportDialog *dialog, guint index)
{
  const GError             *error = NULL;
  const RostraImportReport *report = rostra_import_dialog_get_result (dialog, index, &error);

  g_assert_no_error ((GError *) error);
  g_assert_nonnull (report);
  return report;
}

static gint64
count_rows (Fixture *fixture, const char *table)
{
  return rostra_test_count_rows (fixture->db_path, table);
}

/* Tests */

static void
test_empty (Fixture *fixture, gconstpointer data)
{
  RostraImportDialog *dialog = open_dialog (fixture);

  g_assert_cmpstr (rostra_import_dialog_get_page (dialog), ==, "empty");
  g_assert_true (gtk_root_get_focus (GTK_ROOT (dialog)) ==
                 rostra_test_get_widget (dialog, GTK_TYPE_BUTTON, "empty-add-button"));
  g_assert_false (rostra_import_dialog_get_can_import (dialog));
  g_assert_false (rostra_import_dialog_start (dialog));
  g_assert_true (gtk_widget_get_visible (
      rostra_test_get_widget (dialog, GTK_TYPE_BUTTON, "empty-add-button")));
  g_assert_cmpuint (count_rows (fixture, "imports"), ==, 0);
}

/* The preview's counts are what the import stores; the first entries
 * are listed with duplicates marked; "imported" and "show-articles"
 * carry the import's id. */
static void
test_preview_matches_import (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GFile) file = write_file ("three-speeches.txt", HARBOUR LIBRARY ORCHARD, -1);
  RostraImportDialog       *dialog;
  const RostraImportReport *preview, *result;
  const RostraImportEntry  *entry;
  gint64                    n_articles, import_id;
  gint64                   *ids;
  gsize                     n_ids;
  GtkWidget                *button;

  import_before (fixture, "earlier.txt", LIBRARY, NULL);
  n_articles = count_rows (fixture, "articles");
  g_assert_cmpint (n_articles, ==, 1);

  dialog = open_dialog (fixture);
  add_files (dialog, file, NULL);
  g_assert_true (rostra_import_dialog_get_busy (dialog));
  g_assert_false (rostra_import_dialog_get_can_import (dialog));
  wait_previews (dialog);

  /* Nothing is written by a preview. */
  g_assert_cmpint (count_rows (fixture, "articles"), ==, n_articles);
  g_assert_cmpint (count_rows (fixture, "imports"), ==, 1);

  preview = get_preview (dialog, 0);
  g_assert_cmpstr (preview->format, ==, "feed-dump");
  g_assert_cmpstr (preview->encoding, ==, "UTF-8");
  g_assert_cmpuint (preview->n_entries, ==, 3);
  g_assert_cmpuint (preview->n_new, ==, 2);
  g_assert_cmpuint (preview->n_duplicates, ==, 1);
  g_assert_cmpuint (preview->entries->len, ==, 3);
  entry = g_ptr_array_index (preview->entries, 0);
  g_assert_cmpstr (entry->title, ==, "Harbour master Ines Varga on the winter storms");
  g_assert_cmpstr (entry->source, ==, "Kustkrant");
  g_assert_false (entry->duplicate);
  entry = g_ptr_array_index (preview->entries, 1);
  g_assert_true (entry->duplicate);
  g_assert_cmpstr (entry->language, ==, "nl");
  /* The duplicate is marked in the list. */
  g_assert_nonnull (
      rostra_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_LABEL, "duplicate-label"));
  g_assert_nonnull (rostra_test_find_widget (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, "name-row"));

  /* Enter imports: the Import button is the default. */
  button = rostra_test_get_widget (dialog, GTK_TYPE_BUTTON, "import-button");
  g_assert_true (rostra_import_dialog_get_can_import (dialog));
  g_assert_true (gtk_window_get_default_widget (GTK_WINDOW (dialog)) == button);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (dialog)) == button);

  import_and_wait (dialog);
  result = get_result (dialog, 0);
  g_assert_cmpuint (result->n_new, ==, preview->n_new);
  g_assert_cmpuint (result->n_duplicates, ==, preview->n_duplicates);
  g_assert_cmpuint (result->n_warnings, ==, preview->n_warnings);
  g_assert_cmpint (result->import_id, >, 0);
  import_id = result->import_id;
  g_assert_cmpint (count_rows (fixture, "articles"), ==, n_articles + preview->n_new);
  g_assert_cmpint (count_rows (fixture, "imports"), ==, 2);

  /* "imported", once, on the main thread, with the id. */
  g_assert_cmpuint (fixture->imported->len, ==, 1);
  g_assert_cmpint (g_array_index (fixture->imported, gint64, 0), ==, result->import_id);
  g_assert_false (fixture->off_main_thread);
  g_assert_cmpfloat (rostra_import_dialog_get_progress (dialog), ==, 1.0);
  g_assert_false (fixture->went_back);

  /* Show New Speeches: the import's id, then the dialog closes. */
  button = rostra_test_get_widget (dialog, GTK_TYPE_BUTTON, "show-articles-button");
  g_assert_true (gtk_widget_get_visible (button));
  g_assert_true (gtk_window_get_default_widget (GTK_WINDOW (dialog)) == button);
  g_signal_emit_by_name (button, "clicked");
  g_assert_nonnull (fixture->shown);
  g_assert_true (g_variant_is_of_type (fixture->shown, G_VARIANT_TYPE ("ax")));
  ids = (gint64 *) g_variant_get_fixed_array (fixture->shown, &n_ids, sizeof (gint64));
  g_assert_cmpuint (n_ids, ==, 1);
  g_assert_cmpint (ids[0], ==, import_id);
  g_assert_true (rostra_test_wait_for (is_gone, fixture));
}

/* A binary file and an empty one among good files: reported, skipped,
 * and the good ones imported. */
static void
test_failing_file (Fixture *fixture, gconstpointer data)
{
  static const guint8 binary[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0,
                                   0,    13,  'I', 'H', 'D',  'R',  0,    0,    1, 0,
                                   0,    0,   1,   0,   8,    6,    0,    0,    0 };
  g_autoptr (GFile) good1 = write_file ("harbour.txt", HARBOUR, -1);
  g_autoptr (GFile) bad = write_file ("picture.png", (const char *) binary, sizeof binary);
  g_autoptr (GFile) empty = write_file ("empty.txt", "", 0);
  g_autoptr (GFile) good2 = write_file ("library-and-orchard.txt", LIBRARY ORCHARD, -1);
  g_autoptr (GFile) missing = g_file_new_for_path ("/nonexistent/speeches.txt");
  RostraImportDialog       *dialog = open_dialog (fixture);
  const RostraImportReport *result;
  const GError             *error = NULL;
  const guint               skipped[] = { 1, 2, 4 };

  add_files (dialog, good1, bad, empty, good2, missing, NULL);
  g_assert_cmpuint (rostra_import_dialog_get_n_files (dialog), ==, 5);
  wait_previews (dialog);

  rostra_import_dialog_get_preview (dialog, 1, &error);
  g_assert_nonnull (error);
  rostra_import_dialog_get_preview (dialog, 2, &error);
  g_assert_error ((GError *) error, ROSTRA_IMPORT_ERROR, ROSTRA_IMPORT_ERROR_EMPTY);
  rostra_import_dialog_get_preview (dialog, 4, &error);
  g_assert_error ((GError *) error, ROSTRA_IMPORT_ERROR, ROSTRA_IMPORT_ERROR_NOT_FOUND);
  /* Each failure shows in its group. */
  {
    g_autoptr (GPtrArray) rows = g_ptr_array_new ();

    rostra_test_collect_widgets (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW, "error-row", rows);
    g_assert_cmpuint (rows->len, ==, 3);
  }
  g_assert_true (rostra_import_dialog_get_can_import (dialog));

  import_and_wait (dialog);
  result = get_result (dialog, 0);
  g_assert_cmpuint (result->n_new, ==, 1);
  result = get_result (dialog, 3);
  g_assert_cmpuint (result->n_new, ==, 2);
  for (guint i = 0; i < G_N_ELEMENTS (skipped); i++)
    {
      g_assert_null (rostra_import_dialog_get_result (dialog, skipped[i], &error));
      g_assert_null (error);
    }
  g_assert_cmpint (count_rows (fixture, "articles"), ==, 3);
  g_assert_cmpint (count_rows (fixture, "imports"), ==, 2);
  g_assert_cmpuint (fixture->imported->len, ==, 2);

  /* The summary lists every file. */
  {
    g_autoptr (GPtrArray) rows = g_ptr_array_new ();

    rostra_test_collect_widgets (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW, "summary-row", rows);
    g_assert_cmpuint (rows->len, ==, 5);
  }

  /* Done closes. */
  g_signal_emit_by_name (rostra_test_get_widget (dialog, GTK_TYPE_BUTTON, "done-button"),
                         "clicked");
  g_assert_true (rostra_test_wait_for (is_gone, fixture));
  g_assert_null (fixture->shown);
}

/* Cancelling mid-file rolls that file back: the archive is as before,
 * and the progress never went back. */
static void
test_cancel_mid_file (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GFile) big = write_generated_dump ("big-dump.txt", 30000, FALSE);
  RostraImportDialog       *dialog;
  const RostraImportReport *preview, *result;
  const GError             *error = NULL;
  gint64                    n_articles, n_imports;

  import_before (fixture, "earlier.txt", HARBOUR, NULL);
  n_articles = count_rows (fixture, "articles");
  n_imports = count_rows (fixture, "imports");

  dialog = open_dialog (fixture);
  add_files (dialog, big, NULL);
  wait_previews (dialog);
  preview = get_preview (dialog, 0);
  g_assert_cmpuint (preview->n_entries, ==, 30000);
  g_assert_cmpuint (preview->n_new, ==, 30000);
  g_assert_cmpuint (preview->entries->len, ==, 20);
  g_assert_cmpuint (preview->size, >, 8 * 1000 * 1000);

  fixture->cancel_after_imports = 0;
  import_and_wait (dialog);
  g_assert_true (fixture->cancel_requested);
  g_assert_cmpfloat (fixture->progress_at_cancel, <, 1.0);
  g_assert_false (fixture->went_back);
  g_assert_cmpuint (fixture->n_progress, >=, 1);

  result = rostra_import_dialog_get_result (dialog, 0, &error);
  g_assert_error ((GError *) error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (result == NULL || result->import_id == 0);
  g_assert_cmpuint (fixture->imported->len, ==, 0);
  g_assert_cmpint (count_rows (fixture, "articles"), ==, n_articles);
  g_assert_cmpint (count_rows (fixture, "imports"), ==, n_imports);
  g_assert_false (gtk_widget_get_visible (
      rostra_test_get_widget (dialog, GTK_TYPE_BUTTON, "show-articles-button")));
}

/* Cancelling during the second of three files: the first stays (and was
 * announced), the second is rolled back, the third never started. */
static void
test_cancel_keeps_committed (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GFile) small = write_file ("orchard.txt", ORCHARD, -1);
  g_autoptr (GFile) big = write_generated_dump ("big-dump-2.txt", 30000, FALSE);
  g_autoptr (GFile) last = write_file ("harbour-and-library.txt", HARBOUR LIBRARY, -1);
  RostraImportDialog       *dialog = open_dialog (fixture);
  const RostraImportReport *result;
  const GError             *error = NULL;

  add_files (dialog, small, big, last, NULL);
  wait_previews (dialog);

  fixture->cancel_after_imports = 1;
  import_and_wait (dialog);
  g_assert_true (fixture->cancel_requested);
  g_assert_false (fixture->went_back);

  result = get_result (dialog, 0);
  g_assert_cmpuint (result->n_new, ==, 1);
  g_assert_cmpuint (fixture->imported->len, ==, 1);
  g_assert_cmpint (g_array_index (fixture->imported, gint64, 0), ==, result->import_id);

  rostra_import_dialog_get_result (dialog, 1, &error);
  g_assert_error ((GError *) error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  rostra_import_dialog_get_result (dialog, 2, &error);
  g_assert_error ((GError *) error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  g_assert_cmpint (count_rows (fixture, "articles"), ==, 1);
  g_assert_cmpint (count_rows (fixture, "imports"), ==, 1);

  /* What was committed can still be shown. */
  g_signal_emit_by_name (rostra_test_get_widget (dialog, GTK_TYPE_BUTTON, "show-articles-button"),
                         "clicked");
  g_assert_nonnull (fixture->shown);
  g_assert_cmpuint (g_variant_n_children (fixture->shown), ==, 1);
}

/* Cancelling right after the start: nothing at all. */
static void
test_cancel_at_start (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GFile) file1 = write_file ("harbour.txt", HARBOUR, -1);
  g_autoptr (GFile) file2 = write_file ("library.txt", LIBRARY, -1);
  RostraImportDialog *dialog = open_dialog (fixture);
  const GError       *error = NULL;

  add_files (dialog, file1, file2, NULL);
  wait_previews (dialog);
  g_assert_true (rostra_import_dialog_start (dialog));
  rostra_import_dialog_cancel (dialog);
  g_assert_true (wait_long (is_idle, dialog));
  g_assert_cmpstr (rostra_import_dialog_get_page (dialog), ==, "summary");

  /* The worker may have finished the first file before it saw the
   * cancellation; whatever it committed was announced. */
  rostra_import_dialog_get_result (dialog, 1, &error);
  g_assert_error ((GError *) error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (count_rows (fixture, "imports"), ==, fixture->imported->len);
  g_assert_cmpint (count_rows (fixture, "articles"), ==, fixture->imported->len);
}

/* Progress goes from 0 to 1 over all files, never back. */
static void
test_progress (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GFile) file1 = write_generated_dump ("progress-1.txt", 3000, FALSE);
  g_autoptr (GFile) file2 = write_file ("orchard.txt", ORCHARD, -1);
  RostraImportDialog *dialog = open_dialog (fixture);
  GtkProgressBar     *bar;

  add_files (dialog, file1, file2, NULL);
  wait_previews (dialog);
  import_and_wait (dialog);

  g_assert_false (fixture->went_back);
  /* 3000 entries report every 256, but a fast import can land them all
   * in one update of the bar (they are merged): at least one, then.
   * test-import checks the core's reports one by one. */
  g_assert_cmpuint (fixture->n_progress, >=, 1);
  g_assert_cmpfloat (fixture->last_progress, ==, 1.0);
  bar = GTK_PROGRESS_BAR (rostra_test_get_widget (dialog, GTK_TYPE_PROGRESS_BAR, NULL));
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (bar), ==, 1.0);
  g_assert_cmpint (count_rows (fixture, "articles"), ==, 3001);
  g_assert_cmpuint (fixture->imported->len, ==, 2);
}

/* Tags go to every new article (not twice, whatever the case), the
 * name to the import. */
static void
test_tags_and_name (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GFile) file1 = write_file ("harbour-and-library.txt", HARBOUR LIBRARY, -1);
  g_autoptr (GFile) file2 = write_file ("orchard.txt", ORCHARD, -1);
  RostraImportDialog *dialog = open_dialog (fixture);
  g_autofree char    *name1 = NULL, *name2 = NULL, *tags = NULL, *n_tagged = NULL;

  add_files (dialog, file1, file2, NULL);
  wait_previews (dialog);
  rostra_import_dialog_set_tags (dialog, "speeches, harbour , ,Speeches, 2022");
  rostra_import_dialog_set_name (dialog, 0, "  Coastal speeches, January  ");
  rostra_import_dialog_set_name (dialog, 1, "");
  import_and_wait (dialog);

  name1 = rostra_test_query_text (fixture->db_path, "SELECT name FROM imports ORDER BY id LIMIT 1");
  name2 = rostra_test_query_text (fixture->db_path,
                                  "SELECT name FROM imports ORDER BY id LIMIT 1 OFFSET 1");
  g_assert_cmpstr (name1, ==, "Coastal speeches, January");
  g_assert_cmpstr (name2, ==, "orchard.txt");

  g_assert_cmpint (count_rows (fixture, "article_tags"), ==, 3 * 3);
  tags = rostra_test_query_text (fixture->db_path, "SELECT group_concat(name, ',') FROM "
                                                   "(SELECT name FROM tags ORDER BY name)");
  g_assert_cmpstr (tags, ==, "2022,harbour,speeches");
  n_tagged = rostra_test_query_text (fixture->db_path,
                                     "SELECT count(DISTINCT article_id) FROM article_tags");
  g_assert_cmpstr (n_tagged, ==, "3");
}

/* The same file twice is listed once; removing a file being read stops
 * its preview; a file with nothing new is not imported. */
static void
test_add_and_remove (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GFile) big = write_generated_dump ("big-dump-3.txt", 30000, FALSE);
  g_autoptr (GFile) old = write_file ("old.txt", ORCHARD, -1);
  g_autoptr (GFile) again = g_file_new_for_path (g_file_peek_path (old));
  RostraImportDialog *dialog;

  import_before (fixture, "orchard-before.txt", ORCHARD, NULL);
  dialog = open_dialog (fixture);

  add_files (dialog, big, old, NULL);
  add_files (dialog, again, NULL);
  g_assert_cmpuint (rostra_import_dialog_get_n_files (dialog), ==, 2);
  g_assert_true (rostra_import_dialog_get_busy (dialog));

  /* Removed while it is read. */
  rostra_import_dialog_remove_file (dialog, 0);
  g_assert_cmpuint (rostra_import_dialog_get_n_files (dialog), ==, 1);
  g_assert_true (g_file_equal (rostra_import_dialog_get_file (dialog, 0), old));
  wait_previews (dialog);

  /* Nothing new: nothing to import. */
  g_assert_cmpuint (get_preview (dialog, 0)->n_new, ==, 0);
  g_assert_cmpuint (get_preview (dialog, 0)->n_duplicates, ==, 1);
  g_assert_false (rostra_import_dialog_get_can_import (dialog));
  g_assert_false (rostra_import_dialog_start (dialog));

  rostra_import_dialog_remove_file (dialog, 0);
  g_assert_cmpstr (rostra_import_dialog_get_page (dialog), ==, "empty");
  /* Whatever the cancelled preview does now, it is ignored. */
  rostra_test_spin (200);
  g_assert_cmpuint (rostra_import_dialog_get_n_files (dialog), ==, 0);
  g_assert_cmpint (count_rows (fixture, "imports"), ==, 1);
}

/* More warnings than the group lists: all of them on a page of their own. */
static void
test_warnings (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GFile) file = write_generated_dump ("broken-dates.txt", 30, TRUE);
  g_autoptr (GFile) ferry = write_file ("ferry.txt", FERRY, -1);
  RostraImportDialog       *dialog = open_dialog (fixture);
  const RostraImportReport *preview;
  const RostraParseWarning *w;
  GtkWidget                *show_all;
  GtkListView              *view;

  add_files (dialog, file, ferry, NULL);
  wait_previews (dialog);

  preview = get_preview (dialog, 0);
  g_assert_cmpuint (preview->n_warnings, ==, 30);
  g_assert_cmpuint (preview->warnings->len, ==, 30);
  w = &g_array_index (preview->warnings, RostraParseWarning, 0);
  g_assert_cmpuint (w->line, ==, 3);

  preview = get_preview (dialog, 1);
  g_assert_cmpuint (preview->n_warnings, ==, 1);

  /* 20 warnings inline for the first file, 1 for the second. */
  {
    g_autoptr (GPtrArray) rows = g_ptr_array_new ();

    rostra_test_collect_widgets (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW, "warning-row", rows);
    g_assert_cmpuint (rows->len, ==, 21);
  }

  show_all = rostra_test_get_widget (dialog, ADW_TYPE_ACTION_ROW, "show-all-row");
  g_signal_emit_by_name (show_all, "activated");
  view = GTK_LIST_VIEW (rostra_test_get_widget (dialog, GTK_TYPE_LIST_VIEW, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (view))), ==,
                    30);

  /* The import records the same warnings. */
  import_and_wait (dialog);
  g_assert_cmpuint (get_result (dialog, 0)->n_warnings, ==, 30);
}

/* Closing during the import cancels it and closes once the worker is
 * done: no half file. */
static void
test_close_while_importing (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GFile) big = write_generated_dump ("big-dump-4.txt", 30000, FALSE);
  RostraImportDialog *dialog = open_dialog (fixture);

  add_files (dialog, big, NULL);
  wait_previews (dialog);
  g_assert_true (rostra_import_dialog_start (dialog));
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (wait_long (is_gone, fixture));
  g_assert_cmpint (count_rows (fixture, "articles"), ==, 0);
  g_assert_cmpint (count_rows (fixture, "imports"), ==, 0);
}

/* The tags entry offers the archive's tags. */
static gboolean
has_suggestion (gpointer data)
{
  GtkWidget *popover = rostra_test_find_widget (data, GTK_TYPE_POPOVER, "tag-suggestions");

  return popover != NULL && gtk_widget_get_visible (popover);
}

static void
test_tag_completion (Fixture *fixture, gconstpointer data)
{
  const char *const tags[] = { "harbour", "Harvest", "libraries", NULL };
  g_autoptr (GFile) file = write_file ("orchard.txt", ORCHARD, -1);
  RostraImportDialog *dialog;
  GtkWidget          *row, *list, *first;

  import_before (fixture, "tagged.txt", HARBOUR, tags);
  dialog = open_dialog (fixture);
  add_files (dialog, file, NULL);
  wait_previews (dialog);
  row = rostra_test_get_widget (dialog, ADW_TYPE_ENTRY_ROW, "tags-row");
  gtk_widget_grab_focus (row);
  gtk_editable_set_text (GTK_EDITABLE (row), "orchards, HAR");
  /* The archive's tags are listed on a worker: they may come after the text. */
  g_assert_true (rostra_test_wait_for (has_suggestion, dialog));

  list = gtk_popover_get_child (
      GTK_POPOVER (rostra_test_get_widget (dialog, GTK_TYPE_POPOVER, "tag-suggestions")));
  first = gtk_widget_get_first_child (list);
  g_assert_nonnull (first);
  g_assert_nonnull (gtk_widget_get_next_sibling (first));
  g_assert_null (gtk_widget_get_next_sibling (gtk_widget_get_next_sibling (first)));
  g_signal_emit_by_name (list, "row-activated", first);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "orchards, harbour, ");
  g_assert_false (has_suggestion (dialog));

  /* A tag already given is not offered again. */
  gtk_editable_set_text (GTK_EDITABLE (row), "harbour, harb");
  rostra_test_flush ();
  g_assert_false (has_suggestion (dialog));
}

static gboolean
widget_mentions (GtkWidget *widget, gconstpointer text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_is_drawable (widget) &&
         strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL;
}

#define LAVROV                                                                        \
  "Lavrov’s remarks at the harbour forum | Kustkrant\n\n"                           \
  "14-03-22 10:00:00,\n\n"                                                            \
  "Ladies and gentlemen, the harbour forum meets for the tenth time this spring.\n\n" \
  " » Lees verder\n\n"                                                               \
  "Lavrov: the ferries will run again | Kustkrant\n\n"                                \
  "15-03-22 11:00:00,\n\n"                                                            \
  "The ferries to the islands will run again from Monday, on the old timetable.\n\n"  \
  " » Lees verder\n\n"                                                               \
  "Mayor Hollis opens the fish market | Kustkrant\n\n"                                \
  "16-03-22 09:00:00,\n\n"                                                            \
  "Hollis says the market will open at six, as it did before the fire.\n\n"           \
  " » Lees verder\n\n"

static gboolean
is_use_suggestion (GtkWidget *widget, gconstpointer data)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_has_css_class (widget, "use-suggestion");
}

/* The speakers suggested for a file's speeches: the most common one for
 * the whole file in one click, and one speech's own; nothing stored but
 * what was accepted. */
static void
test_speaker_suggestions (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GFile) file = write_file ("forum.txt", LAVROV, -1);
  RostraImportDialog *dialog = open_dialog (fixture);
  GtkWidget          *use, *speaker_row, *hollis = NULL;
  g_autofree char    *speakers = NULL;
  g_autofree char    *n_speakers = NULL;

  add_files (dialog, file, NULL);
  wait_previews (dialog);
  use = rostra_test_find_widget_if (GTK_WIDGET (dialog), is_use_suggestion, NULL);
  g_assert_nonnull (use);
  speaker_row = rostra_test_get_widget (dialog, ADW_TYPE_ENTRY_ROW, "speaker-row");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (speaker_row)), ==, "");
  g_signal_emit_by_name (use, "clicked");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (speaker_row)), ==, "Lavrov");

  /* The third speech's own suggestion, checked. */
  {
    g_autoptr (GPtrArray) checks = g_ptr_array_new ();
    GtkWidget *root = GTK_WIDGET (dialog);

    /* Every suggestion check of the dialog, in order. */
    for (GtkWidget *w = root; w != NULL;)
      {
        if (GTK_IS_CHECK_BUTTON (w) && gtk_widget_has_css_class (w, "speaker-suggestion"))
          g_ptr_array_add (checks, w);
        if (gtk_widget_get_first_child (w) != NULL)
          w = gtk_widget_get_first_child (w);
        else
          {
            while (w != NULL && w != root && gtk_widget_get_next_sibling (w) == NULL)
              w = gtk_widget_get_parent (w);
            w = (w == NULL || w == root) ? NULL : gtk_widget_get_next_sibling (w);
          }
      }
    g_assert_cmpuint (checks->len, ==, 3);
    hollis = g_ptr_array_index (checks, 2);
  }
  g_assert_cmpstr (gtk_check_button_get_label (GTK_CHECK_BUTTON (hollis)), ==, "Hollis");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (hollis), TRUE);
  import_and_wait (dialog);

  speakers = rostra_test_query_text (
      fixture->db_path,
      "SELECT group_concat(s.name, ',') FROM (SELECT s.name FROM article_meta m "
      "JOIN speakers s ON s.id = m.speaker_id JOIN articles a ON a.id = m.article_id "
      "ORDER BY a.published) s");
  g_assert_cmpstr (speakers, ==, "Lavrov,Lavrov,Hollis");
  n_speakers = rostra_test_query_text (fixture->db_path, "SELECT count(*) FROM speakers");
  g_assert_cmpstr (n_speakers, ==, "2");
}

/* The preview says what the cleaning rules take out of the text. */
static void
test_cleaning_preview (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GFile) file = write_file (
      "captions.txt",
      "Minister Okafor opens the new bridge | Rivierbode\n\n"
      "02-06-23 10:00:00,\n\n"
      "JPEG - 66.2 kb\n\n"
      "Today the river has one more crossing, and the villages on both banks one more reason "
      "to visit each other.\n\n"
      " » Lees verder\n\n",
      -1);
  g_autoptr (GFile) plain = write_file ("orchard.txt", ORCHARD, -1);
  RostraImportDialog *dialog = open_dialog (fixture);
  GtkWidget          *row;

  add_files (dialog, file, NULL);
  wait_previews (dialog);
  row = rostra_test_get_widget (dialog, ADW_TYPE_EXPANDER_ROW, "cleaning-row");
  g_assert_true (gtk_widget_get_visible (row));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "1 line of news-site leftovers removed");

  /* Nothing to clean: no row. */
  rostra_import_dialog_remove_file (dialog, 0);
  add_files (dialog, plain, NULL);
  wait_previews (dialog);
  row = rostra_test_get_widget (dialog, ADW_TYPE_EXPANDER_ROW, "cleaning-row");
  g_assert_false (gtk_widget_get_visible (row));
}

/* The disk full while a file is imported: the file fails with a clear
 * reason, the archive stays as it was, and once there is room the same
 * file imports. A real limit on the size of files (RLIMIT_FSIZE, this
 * process only) stands in for the full disk: the dialog's worker writes
 * through a connection of its own. */
static void
test_disk_full (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GFile) big = write_generated_dump ("fills-the-disk.txt", 3000, FALSE);
  g_autofree char    *wal = g_strconcat (fixture->db_path, "-wal", NULL);
  g_autofree char    *before = NULL;
  g_autofree char    *after = NULL;
  const GError       *error = NULL;
  RostraImportDialog *dialog;
  struct rlimit       saved, limit;
  GStatBuf            db_stat, wal_stat = { 0 };

  import_before (fixture, "harbour.txt", HARBOUR, NULL);
  before = rostra_test_db_digest (fixture->db_path);
  g_assert_cmpint (g_stat (fixture->db_path, &db_stat), ==, 0);
  g_stat (wal, &wal_stat);

  dialog = open_dialog (fixture);
  add_files (dialog, big, NULL);
  wait_previews (dialog);

  /* Room for 64 KB more than the archive's files hold now. */
  signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  limit = saved;
  limit.rlim_cur = MAX (db_stat.st_size, wal_stat.st_size) + 64 * 1024;
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
  import_and_wait (dialog);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &saved), ==, 0);

  rostra_import_dialog_get_result (dialog, 0, &error);
  g_assert_error ((GError *) error, ROSTRA_STORE_ERROR, ROSTRA_STORE_ERROR_FULL);
  g_assert_nonnull (strstr (error->message, "is full"));
  g_assert_cmpuint (fixture->imported->len, ==, 0);
  /* The summary says why. */
  g_assert_nonnull (rostra_test_find_widget_if (GTK_WIDGET (dialog), widget_mentions, "is full"));

  after = rostra_test_db_digest (fixture->db_path);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (count_rows (fixture, "articles"), ==, 1);

  /* Room again: the same file imports whole. */
  gtk_window_destroy (GTK_WINDOW (dialog));
  rostra_test_flush ();
  dialog = open_dialog (fixture);
  add_files (dialog, big, NULL);
  wait_previews (dialog);
  import_and_wait (dialog);
  g_assert_cmpuint (get_result (dialog, 0)->n_new, ==, 3000);
  g_assert_cmpint (count_rows (fixture, "articles"), ==, 3001);
}

int
main (int argc, char **argv)
{
  rostra_test_ui_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/import-dialog/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("empty", test_empty);
  ADD ("preview-matches-import", test_preview_matches_import);
  ADD ("failing-file", test_failing_file);
  ADD ("cancel-mid-file", test_cancel_mid_file);
  ADD ("cancel-keeps-committed", test_cancel_keeps_committed);
  ADD ("cancel-at-start", test_cancel_at_start);
  ADD ("progress", test_progress);
  ADD ("tags-and-name", test_tags_and_name);
  ADD ("add-and-remove", test_add_and_remove);
  ADD ("warnings", test_warnings);
  ADD ("close-while-importing", test_close_while_importing);
  ADD ("tag-completion", test_tag_completion);
  ADD ("speaker-suggestions", test_speaker_suggestions);
  ADD ("cleaning-preview", test_cleaning_preview);
  ADD ("disk-full", test_disk_full);
#undef ADD

  return g_test_run ();
}
