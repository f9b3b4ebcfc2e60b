/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-export-dialog.c: the Export Annotations dialog under Xvfb: scopes,
 * counts, and exports written by its worker, parsed back. */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "rostra-anchor.h"
#include "rostra-export-dialog.h"
#include "rostra-importer.h"
#include "rostra-test-ui.h"
#include "rostra-test-utils.h"

typedef struct
{
  RostraStore        *store;
  RostraExportDialog *dialog;
  GFile              *exported;
  guint               n_exported;
  guint               n_signals;
} Fixture;

static const char markup_note[] = "<script>alert(1)</script>\" onmouseover=\"x";

static void
annotate (Fixture           *fixture,
          gint64             article_id,
          guint              start,
          guint              end,
          const char        *color,
          const char        *note,
          const char *const *tags)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RostraArticle) article =
      rostra_store_load_article (fixture->store, article_id, &error);
  g_autoptr (RostraAnnotation) a = NULL;
  g_autofree char *exact = NULL, *prefix = NULL, *suffix = NULL;

  g_assert_no_error (error);
  rostra_anchor_describe (rostra_article_get_text (article), start, end, &exact, &prefix, &suffix);
  a = rostra_annotation_new (article_id, start, end, exact, prefix, suffix);
  rostra_annotation_set_color (a, color);
  rostra_annotation_set_note (a, note);
  rostra_annotation_set_tags (a, tags);
  g_assert_true (rostra_store_add_annotation (fixture->store, a, &error));
  g_assert_no_error (error);
}

static void
exported_cb (RostraExportDialog *dialog, GFile *file, guint n_annotations, Fixture *fixture)
{
  g_set_object (&fixture->exported, file);
  fixture->n_exported = n_annotations;
  fixture->n_signals++;
}

static gboolean
counted (gpointer data)
{
  Fixture *fixture = data;

  return fixture->dialog != NULL && !rostra_export_dialog_get_counting (fixture->dialog);
}

static void
wait_counted (Fixture *fixture)
{
  g_assert_true (rostra_test_wait_for (counted, fixture));
}

/* Opens the dialog for @open_article_id and @query (both optional). */
static void
open_dialog (Fixture *fixture, gint64 open_article_id, const RostraQuery *query)
{
  if (fixture->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (fixture->dialog));

  fixture->dialog = ROSTRA_EXPORT_DIALOG (
      rostra_export_dialog_new (NULL, fixture->store, open_article_id, query));
  g_object_add_weak_pointer (G_OBJECT (fixture->dialog), (gpointer *) &fixture->dialog);
  g_signal_connect (fixture->dialog, "exported", G_CALLBACK (exported_cb), fixture);
  gtk_window_present (GTK_WINDOW (fixture->dialog));
  g_assert_true (rostra_test_wait_mapped (GTK_WIDGET (fixture->dialog)));
  wait_counted (fixture);
}

/* Three speeches (see tests/data/speeches.txt): the first two annotated,
 * three annotations in all, two tags. */
static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  static const char *const bridges[] = { "Bridges", NULL };
  static const char *const both[] = { "bridges", "libraries", NULL };

  /* Each test starts from the format offered first by default (HTML):
   * the dialog remembers the last one chosen. */
  {
    g_autoptr (GSettings) settings = g_settings_new (APP_ID);

    g_settings_reset (settings, "export-format");
  }
  fixture->store = rostra_test_store_new (NULL);
  if (data != NULL) /* "empty" */
    return;

  rostra_test_import_fixture (fixture->store);
  annotate (fixture, 1, 0, 22, "green", markup_note, bridges);
  annotate (fixture, 1, 76, 104, "red", "", NULL);
  annotate (fixture, 2, 59, 80, "purple", "Een bibliotheek", both);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  if (fixture->dialog != NULL)
    {
      g_signal_handlers_disconnect_by_data (fixture->dialog, fixture);
      gtk_window_destroy (GTK_WINDOW (fixture->dialog));
      rostra_test_flush ();
      g_assert_null (fixture->dialog);
    }
  g_clear_object (&fixture->exported);
  g_clear_object (&fixture->store);
}

static void
test_scopes_without_context (Fixture *fixture, gconstpointer data)
{
  RostraExportDialog *dialog;

  open_dialog (fixture, 0, NULL);
  dialog = fixture->dialog;

  g_assert_cmpint (rostra_export_dialog_get_scope (dialog), ==, ROSTRA_EXPORT_SCOPE_ALL);
  g_assert_true (rostra_export_dialog_get_scope_sensitive (dialog, ROSTRA_EXPORT_SCOPE_ALL));
  g_assert_false (rostra_export_dialog_get_scope_sensitive (dialog, ROSTRA_EXPORT_SCOPE_ARTICLE));
  g_assert_false (rostra_export_dialog_get_scope_sensitive (dialog, ROSTRA_EXPORT_SCOPE_ARTICLES));
  g_assert_true (rostra_export_dialog_get_scope_sensitive (dialog, ROSTRA_EXPORT_SCOPE_TAG));
  g_assert_false (rostra_export_dialog_set_scope (dialog, ROSTRA_EXPORT_SCOPE_ARTICLE, NULL));
  g_assert_false (rostra_export_dialog_set_scope (dialog, ROSTRA_EXPORT_SCOPE_ARTICLES, NULL));
  g_assert_false (rostra_export_dialog_set_scope (dialog, ROSTRA_EXPORT_SCOPE_TAG, "nonexistent"));
  g_assert_cmpint (rostra_export_dialog_get_scope (dialog), ==, ROSTRA_EXPORT_SCOPE_ALL);

  /* An open speech that is gone counts as none. */
  open_dialog (fixture, 99, NULL);
  g_assert_false (
      rostra_export_dialog_get_scope_sensitive (fixture->dialog, ROSTRA_EXPORT_SCOPE_ARTICLE));
}

static void
test_scopes_with_context (Fixture *fixture, gconstpointer data)
{
  g_autoptr (RostraQuery) query = rostra_query_new ();
  AdwActionRow *article_row, *shown_row;

  query->language = g_strdup ("nl");
  open_dialog (fixture, 1, query);

  g_assert_true (
      rostra_export_dialog_get_scope_sensitive (fixture->dialog, ROSTRA_EXPORT_SCOPE_ARTICLE));
  g_assert_true (
      rostra_export_dialog_get_scope_sensitive (fixture->dialog, ROSTRA_EXPORT_SCOPE_ARTICLES));

  article_row = ADW_ACTION_ROW (
      rostra_test_get_widget (fixture->dialog, ADW_TYPE_ACTION_ROW, "scope-article"));
  g_assert_cmpstr (adw_action_row_get_subtitle (article_row), ==,
                   "Mayor Okafor opens the harbour bridge");
  shown_row =
      ADW_ACTION_ROW (rostra_test_get_widget (fixture->dialog, ADW_TYPE_ACTION_ROW, "scope-shown"));
  g_assert_cmpstr (adw_action_row_get_subtitle (shown_row), ==,
                   "The 1 speech the search and filters show");
}

static void
test_count (Fixture *fixture, gconstpointer data)
{
  g_autoptr (RostraQuery) query = rostra_query_new ();
  RostraExportDialog *dialog;
  GtkLabel           *label;
  GtkWidget          *export_button;

  query->language = g_strdup ("nl");
  open_dialog (fixture, 1, query);
  dialog = fixture->dialog;
  label = GTK_LABEL (rostra_test_get_widget (dialog, GTK_TYPE_LABEL, "export-count"));
  export_button = rostra_test_get_widget (dialog, GTK_TYPE_BUTTON, "suggested-action");

  g_assert_cmpint (rostra_export_dialog_get_format (dialog), ==, ROSTRA_EXPORT_FORMAT_HTML);
  g_assert_cmpint (rostra_export_dialog_get_n_annotations (dialog), ==, 3);
  g_assert_cmpstr (gtk_label_get_text (label), ==,
                   "3 annotations from 2 speeches will be exported.");
  g_assert_true (gtk_widget_get_sensitive (export_button));

  g_assert_true (rostra_export_dialog_set_scope (dialog, ROSTRA_EXPORT_SCOPE_ARTICLE, NULL));
  g_assert_true (rostra_export_dialog_get_counting (dialog));
  g_assert_cmpint (rostra_export_dialog_get_n_annotations (dialog), ==, -1);
  wait_counted (fixture);
  g_assert_cmpint (rostra_export_dialog_get_n_annotations (dialog), ==, 2);
  g_assert_cmpstr (gtk_label_get_text (label), ==, "2 annotations from 1 speech will be exported.");

  g_assert_true (rostra_export_dialog_set_scope (dialog, ROSTRA_EXPORT_SCOPE_ARTICLES, NULL));
  wait_counted (fixture);
  g_assert_cmpint (rostra_export_dialog_get_n_annotations (dialog), ==, 1);

  /* Tags ignore case: “Bridges” and “bridges” are one. */
  g_assert_true (rostra_export_dialog_set_scope (dialog, ROSTRA_EXPORT_SCOPE_TAG, "libraries"));
  wait_counted (fixture);
  g_assert_cmpstr (rostra_export_dialog_get_tag (dialog), ==, "libraries");
  g_assert_cmpint (rostra_export_dialog_get_n_annotations (dialog), ==, 1);
  g_assert_cmpstr (gtk_label_get_text (label), ==, "1 annotation from 1 speech will be exported.");
  g_assert_true (rostra_export_dialog_set_scope (dialog, ROSTRA_EXPORT_SCOPE_TAG, "Bridges"));
  wait_counted (fixture);
  g_assert_cmpint (rostra_export_dialog_get_n_annotations (dialog), ==, 2);

  /* The backup counts speeches, annotated or not. */
  g_assert_true (rostra_export_dialog_set_scope (dialog, ROSTRA_EXPORT_SCOPE_ALL, NULL));
  rostra_export_dialog_set_format (dialog, ROSTRA_EXPORT_FORMAT_JSON);
  wait_counted (fixture);
  g_assert_cmpstr (gtk_label_get_text (label), ==,
                   "3 speeches with 3 annotations will be exported.");
}

static void
test_empty_archive (Fixture *fixture, gconstpointer data)
{
  GtkWidget *export_button;

  open_dialog (fixture, 0, NULL);
  export_button = rostra_test_get_widget (fixture->dialog, GTK_TYPE_BUTTON, "suggested-action");

  g_assert_false (
      rostra_export_dialog_get_scope_sensitive (fixture->dialog, ROSTRA_EXPORT_SCOPE_TAG));
  g_assert_cmpint (rostra_export_dialog_get_n_annotations (fixture->dialog), ==, 0);
  g_assert_cmpstr (rostra_export_dialog_get_count_text (fixture->dialog), ==,
                   "There are no annotations to export.");
  g_assert_false (gtk_widget_get_sensitive (export_button));

  rostra_export_dialog_set_format (fixture->dialog, ROSTRA_EXPORT_FORMAT_JSON);
  wait_counted (fixture);
  g_assert_cmpstr (rostra_export_dialog_get_count_text (fixture->dialog), ==,
                   "There are no speeches to export.");
  g_assert_false (gtk_widget_get_sensitive (export_button));
}

static void
test_suggested_name (Fixture *fixture, gconstpointer data)
{
  static const struct
  {
    RostraExportFormat format;
    const char        *pattern;
  } names[] = {
    { ROSTRA_EXPORT_FORMAT_HTML, "^rostra-annotations-\\d{4}-\\d\\d-\\d\\d\\.html$" },
    { ROSTRA_EXPORT_FORMAT_MARKDOWN, "^rostra-annotations-\\d{4}-\\d\\d-\\d\\d\\.md$" },
    { ROSTRA_EXPORT_FORMAT_CSV, "^rostra-annotations-\\d{4}-\\d\\d-\\d\\d\\.csv$" },
    { ROSTRA_EXPORT_FORMAT_W3C, "^rostra-annotations-\\d{4}-\\d\\d-\\d\\d\\.jsonld$" },
    { ROSTRA_EXPORT_FORMAT_JSON, "^rostra-backup-\\d{4}-\\d\\d-\\d\\d\\.json$" },
  };

  open_dialog (fixture, 0, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *name = NULL;

      rostra_export_dialog_set_format (fixture->dialog, names[i].format);
      g_assert_cmpint (rostra_export_dialog_get_format (fixture->dialog), ==, names[i].format);
      name = rostra_export_dialog_dup_suggested_name (fixture->dialog);
      g_assert_true (g_regex_match_simple (names[i].pattern, name, 0, 0));
    }
}

static gboolean
exported_and_closed (gpointer data)
{
  Fixture *fixture = data;

  return fixture->n_signals > 0 && fixture->dialog == NULL;
}

/* Exports with the dialog's worker; returns the file's contents. */
static char *export(Fixture *fixture, const char *name)
{
  g_autofree char *path = g_build_filename (rostra_test_tmpdir (), name, NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  char *contents = NULL;

  fixture->n_signals = 0;
  rostra_export_dialog_export_to_file (fixture->dialog, file);
  g_assert_true (rostra_export_dialog_get_busy (fixture->dialog));
  g_assert_cmpstr (rostra_export_dialog_get_count_text (fixture->dialog), ==, "Exporting…");
  g_assert_true (rostra_test_wait_for (exported_and_closed, fixture));

  g_assert_cmpuint (fixture->n_signals, ==, 1);
  g_assert_true (g_file_equal (fixture->exported, file));
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static void
test_export_w3c (Fixture *fixture, gconstpointer data)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  JsonObject      *collection;
  JsonArray       *items;

  open_dialog (fixture, 1, NULL);
  rostra_export_dialog_set_format (fixture->dialog, ROSTRA_EXPORT_FORMAT_W3C);
  g_assert_true (
      rostra_export_dialog_set_scope (fixture->dialog, ROSTRA_EXPORT_SCOPE_ARTICLE, NULL));
  wait_counted (fixture);
  contents = export(fixture, "export.jsonld");

  g_assert_cmpuint (fixture->n_exported, ==, 2);
  json_parser_load_from_data (parser, contents, -1, &error);
  g_assert_no_error (error);
  collection = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (collection, "type"), ==, "AnnotationCollection");
  items =
      json_object_get_array_member (json_object_get_object_member (collection, "first"), "items");
  g_assert_cmpuint (json_array_get_length (items), ==, 2);
}

static void
test_export_csv_tag (Fixture *fixture, gconstpointer data)
{
  g_autofree char *contents = NULL;
  g_auto (GStrv) rows = NULL;

  open_dialog (fixture, 0, NULL);
  rostra_export_dialog_set_format (fixture->dialog, ROSTRA_EXPORT_FORMAT_CSV);
  g_assert_true (
      rostra_export_dialog_set_scope (fixture->dialog, ROSTRA_EXPORT_SCOPE_TAG, "Bridges"));
  wait_counted (fixture);
  contents = export(fixture, "export.csv");

  g_assert_cmpuint (fixture->n_exported, ==, 2);
  rows = g_strsplit (contents, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (rows), ==, 4); /* header, 2 rows, "" */
  g_assert_true (g_str_has_prefix (rows[0], "article_title,source,published,"));
  g_assert_true (g_str_has_prefix (rows[1], "Mayor Okafor opens the harbour bridge,"));
  g_assert_true (g_str_has_prefix (rows[2], "Burgemeester De Wit"));
}

static void
test_export_html (Fixture *fixture, gconstpointer data)
{
  g_autofree char *contents = NULL;

  open_dialog (fixture, 0, NULL);
  contents = export(fixture, "export.html");

  g_assert_cmpuint (fixture->n_exported, ==, 3);
  g_assert_true (g_str_has_prefix (contents, "<!DOCTYPE html>"));
  g_assert_null (strstr (contents, "<script"));
  g_assert_nonnull (
      strstr (contents, "&lt;script&gt;alert(1)&lt;/script&gt;&quot; onmouseover=&quot;x"));
}

/* A file that cannot be written: the dialog says why and stays. */
static void
test_export_failure (Fixture *fixture, gconstpointer data)
{
  g_autofree char *path =
      g_build_filename (rostra_test_tmpdir (), "no-such-folder", "export.html", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  GtkWidget *export_button;

  open_dialog (fixture, 0, NULL);
  export_button = rostra_test_get_widget (fixture->dialog, GTK_TYPE_BUTTON, "suggested-action");
  rostra_export_dialog_export_to_file (fixture->dialog, file);
  g_assert_false (gtk_widget_get_sensitive (export_button));
  while (rostra_export_dialog_get_busy (fixture->dialog))
    g_main_context_iteration (NULL, TRUE);

  g_assert_nonnull (fixture->dialog);
  g_assert_cmpuint (fixture->n_signals, ==, 0);
  g_assert_false (g_file_query_exists (file, NULL));
  g_assert_true (gtk_widget_get_sensitive (export_button));
  g_assert_cmpstr (rostra_export_dialog_get_count_text (fixture->dialog), ==,
                   "3 annotations from 2 speeches will be exported.");
}

/* Closing the dialog while it exports cancels the export. */
static void
test_close_while_exporting (Fixture *fixture, gconstpointer data)
{
  g_autofree char *path = rostra_test_write_file ("kept.html", "kept", -1);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autofree char *contents = NULL;

  open_dialog (fixture, 0, NULL);
  rostra_export_dialog_export_to_file (fixture->dialog, file);
  gtk_window_close (GTK_WINDOW (fixture->dialog));
  g_assert_null (fixture->dialog);
  rostra_test_spin (200);

  /* Either the export finished before the close, or nothing changed. */
  g_assert_cmpuint (fixture->n_signals, ==, 0);
  g_file_get_contents (path, &contents, NULL, NULL);
  g_assert_true (g_str_equal (contents, "kept") || g_str_has_prefix (contents, "<!DOCTYPE html>"));
}

static void
test_toast (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GFile) file = g_file_new_for_path ("/tmp/rostra-annotations-2026-11-27.html");
  g_autoptr (AdwToast) many = rostra_export_dialog_new_toast (NULL, file, 12);
  g_autoptr (AdwToast) one = rostra_export_dialog_new_toast (NULL, file, 1);
  g_autoptr (AdwToast) none = rostra_export_dialog_new_toast (NULL, file, 0);

  g_assert_cmpstr (adw_toast_get_title (many), ==, "Exported 12 annotations");
  g_assert_cmpstr (adw_toast_get_title (one), ==, "Exported 1 annotation");
  g_assert_cmpstr (adw_toast_get_title (none), ==, "Exported “rostra-annotations-2026-11-27.html”");
  g_assert_cmpstr (adw_toast_get_button_label (many), ==, "_Open");
}

/* The format chosen last is offered first the next time. */
static void
test_format_remembered (Fixture *fixture, gconstpointer data)
{
  open_dialog (fixture, 0, NULL);
  g_assert_cmpint (rostra_export_dialog_get_format (fixture->dialog), ==,
                   ROSTRA_EXPORT_FORMAT_HTML);
  rostra_export_dialog_set_format (fixture->dialog, ROSTRA_EXPORT_FORMAT_CSV);
  wait_counted (fixture);
  gtk_window_destroy (GTK_WINDOW (fixture->dialog));
  rostra_test_flush ();

  open_dialog (fixture, 0, NULL);
  g_assert_cmpint (rostra_export_dialog_get_format (fixture->dialog), ==, ROSTRA_EXPORT_FORMAT_CSV);
}

int
main (int argc, char **argv)
{
  rostra_test_ui_init (&argc, &argv);

#define ADD(path, func, data) \
  g_test_add ("/export-dialog/" path, Fixture, data, fixture_set_up, func, fixture_tear_down)

  ADD ("scopes-without-context", test_scopes_without_context, NULL);
  ADD ("scopes-with-context", test_scopes_with_context, NULL);
  ADD ("count", test_count, NULL);
  ADD ("empty-archive", test_empty_archive, "empty");
  ADD ("suggested-name", test_suggested_name, NULL);
  ADD ("format-remembered", test_format_remembered, NULL);
  ADD ("export-w3c", test_export_w3c, NULL);
  ADD ("export-csv-tag", test_export_csv_tag, NULL);
  ADD ("export-html", test_export_html, NULL);
  ADD ("export-failure", test_export_failure, NULL);
  ADD ("close-while-exporting", test_close_while_exporting, NULL);
  ADD ("toast", test_toast, NULL);

#undef ADD

  return g_test_run ();
}
