/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-imports-dialog.c: the imports-dialog under Xvfb. */

#include "config.h"

#include <string.h>

#include "rostra-importer.h"
#include "rostra-imports-dialog.h"
#include "rostra-test-ui.h"
#include "rostra-test-utils.h"

typedef struct
{
  char        *path;
  RostraStore *store;
  gint64       courier; /* 3 speeches, none annotated */
  gint64       gazette; /* 2 new (1 annotated), 1 duplicate, 1 warning */
  gint64       herald;  /* 1 speech, annotated */
  gint64       article; /* the annotated speech of the gazette */
  gint64       herald_article;

  RostraImportsDialog *dialog;
  guint                n_changed;
} Fixture;

/* Fixtures */

/* One entry of a dump: the title twice, the date, two paragraphs, the
 * end marker. */
static void
append_entry (GString *dump, const char *title, const char *date, const char *word)
{
  g_string_append_printf (dump,
                          "%s | The %s Times\n\n%s | The %s Times\n\n%s\n\n"
                          "Friends, today we speak of %s and of the harbour.\n\n"
                          "Let us remember %s when we cross the bridge.\n\n » Read more\n\n",
                          title, word, title, word, date, word, word);
}

static gint64
import_dump (Fixture *fixture, const char *name, const char *contents)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RostraImportReport) report = NULL;
  g_autofree char *path = rostra_test_write_file (name, contents, -1);
  g_autoptr (GFile) file = g_file_new_for_path (path);

  g_assert_true (
      rostra_import_file (fixture->store, file, NULL, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpint (report->import_id, >, 0);
  return report->import_id;
}

static gint64
article_id (Fixture *fixture, const char *title)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM articles WHERE title = '%s'", title);
  g_autofree char *id = rostra_test_query_text (fixture->path, sql);

  g_assert_nonnull (id);
  return g_ascii_strtoll (id, NULL, 10);
}

static void
annotate (Fixture *fixture, gint64 article)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RostraAnnotation) annotation =
      rostra_annotation_new (article, 0, 7, "Friends", "", ", today we speak");

  rostra_annotation_set_note (annotation, "Opening words.");
  g_assert_true (rostra_store_add_annotation (fixture->store, annotation, &error));
  g_assert_no_error (error);
}

static void
changed_cb (RostraImportsDialog *dialog, Fixture *fixture)
{
  fixture->n_changed++;
}

static void
open_dialog (Fixture *fixture)
{
  fixture->dialog = ROSTRA_IMPORTS_DIALOG (rostra_imports_dialog_new (NULL, fixture->store));
  g_signal_connect (fixture->dialog, "changed", G_CALLBACK (changed_cb), fixture);
  gtk_window_present (GTK_WINDOW (fixture->dialog));
  g_assert_true (rostra_test_wait_mapped (GTK_WIDGET (fixture->dialog)));
}

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GString) courier = g_string_new (NULL);
  g_autoptr (GString) gazette = g_string_new (NULL);
  g_autoptr (GString) herald = g_string_new (NULL);

  fixture->store = rostra_test_store_new (&fixture->path);
  if (data != NULL) /* "empty" */
    {
      open_dialog (fixture);
      return;
    }

  append_entry (courier, "Mayor opens the bridge", "14-03-21 09:30:00,", "zanzibar");
  append_entry (courier, "Mayor closes the market", "15-03-21 10:00:00,", "zanzibar");
  append_entry (courier, "Mayor thanks the volunteers", "16-03-21 11:15:00,", "zanzibar");
  fixture->courier = import_dump (fixture, "courier.txt", courier->str);

  append_entry (gazette, "Senator on the railway", "02-11-20 16:45:00,", "quixotic");
  append_entry (gazette, "Senator on the harbour", "31-02-19 10:00:00,", "quixotic");
  /* Already in the archive */
  append_entry (gazette, "Mayor opens the bridge", "14-03-21 09:30:00,", "zanzibar");
  fixture->gazette = import_dump (fixture, "gazette.txt", gazette->str);

  append_entry (herald, "Minister on schools", "01-09-22 08:00:00,", "xylophone");
  fixture->herald = import_dump (fixture, "herald.txt", herald->str);

  fixture->article = article_id (fixture, "Senator on the railway");
  annotate (fixture, fixture->article);
  fixture->herald_article = article_id (fixture, "Minister on schools");
  annotate (fixture, fixture->herald_article);

  open_dialog (fixture);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  GList *toplevels = gtk_window_list_toplevels ();

  /* Message dialogs a test left open */
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data))
      gtk_window_destroy (l->data);
  g_list_free (toplevels);

  if (fixture->dialog != NULL)
    {
      g_signal_handlers_disconnect_by_data (fixture->dialog, fixture);
      g_object_add_weak_pointer (G_OBJECT (fixture->dialog), (gpointer *) &fixture->dialog);
      gtk_window_destroy (GTK_WINDOW (fixture->dialog));
      rostra_test_flush ();
      g_assert_null (fixture->dialog);
    }
  g_clear_object (&fixture->store);
  g_clear_pointer (&fixture->path, g_free);
}

/* Widgets */

static GtkWidget *
get_row (Fixture *fixture, guint index)
{
  GtkListBox    *list = rostra_imports_dialog_get_list (fixture->dialog);
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, index);

  g_assert_nonnull (row);
  g_assert_true (ADW_IS_EXPANDER_ROW (row));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (row), "import-row"));
  return GTK_WIDGET (row);
}

/* The row of the import named @name, or NULL. */
static GtkWidget *
find_row (Fixture *fixture, const char *name)
{
  guint n_rows = rostra_imports_dialog_get_n_rows (fixture->dialog);

  for (guint i = 0; i < n_rows; i++)
    {
      GtkWidget *row = get_row (fixture, i);

      if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), name) == 0)
        return row;
    }
  return NULL;
}

static const char *
row_subtitle (GtkWidget *row)
{
  return adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row));
}

/* The second line of a row's subtitle: the counts. */
static char *
row_counts (GtkWidget *row)
{
  const char *newline = strchr (row_subtitle (row), '\n');

  g_assert_nonnull (newline);
  return g_strdup (newline + 1);
}

#define assert_counts(row, expected)             \
  G_STMT_START                                   \
  {                                              \
    g_autofree char *counts_ = row_counts (row); \
    g_assert_cmpstr (counts_, ==, (expected));   \
  }                                              \
  G_STMT_END

static GtkWidget *
remove_button (GtkWidget *row)
{
  return rostra_test_get_widget (row, GTK_TYPE_BUTTON, "remove-button");
}

static GtkWidget *
remove_spinner (GtkWidget *row)
{
  return rostra_test_get_widget (row, GTK_TYPE_SPINNER, "remove-spinner");
}

static const char *
visible_page (Fixture *fixture)
{
  GtkWidget *stack = rostra_test_get_widget (fixture->dialog, GTK_TYPE_STACK, NULL);

  return gtk_stack_get_visible_child_name (GTK_STACK (stack));
}

static gboolean
is_idle (gpointer data)
{
  return !rostra_imports_dialog_get_busy (ROSTRA_IMPORTS_DIALOG (data));
}

static void
wait_idle (Fixture *fixture)
{
  g_assert_true (rostra_test_wait_for (is_idle, fixture->dialog));
  rostra_test_flush ();
}

/* The message dialog the imports dialog shows, or NULL. */
static AdwMessageDialog *
find_message_dialog (Fixture *fixture)
{
  GList            *toplevels = gtk_window_list_toplevels ();
  AdwMessageDialog *found = NULL;

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data) &&
        gtk_window_get_transient_for (l->data) == GTK_WINDOW (fixture->dialog))
      found = l->data;
  g_list_free (toplevels);
  return found;
}

static gboolean
has_message_dialog (gpointer data)
{
  return find_message_dialog (data) != NULL;
}

static AdwMessageDialog *
wait_message_dialog (Fixture *fixture)
{
  g_assert_true (rostra_test_wait_for (has_message_dialog, fixture));
  return find_message_dialog (fixture);
}

/* Answers @dialog as its button would, and closes it. */
static void
respond (AdwMessageDialog *dialog, const char *response)
{
  g_assert_true (adw_message_dialog_has_response (dialog, response));
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static gint64
count (Fixture *fixture, const char *sql)
{
  g_autofree char *text = rostra_test_query_text (fixture->path, sql);

  g_assert_nonnull (text);
  return g_ascii_strtoll (text, NULL, 10);
}

static gint64
count_import (Fixture *fixture, gint64 import_id)
{
  g_autofree char *sql = g_strdup_printf (
      "SELECT count(*) FROM articles WHERE import_id = %" G_GINT64_FORMAT, import_id);

  return count (fixture, sql);
}

static gint64
count_annotations (Fixture *fixture, gint64 article)
{
  g_autofree char *sql = g_strdup_printf (
      "SELECT count(*) FROM annotations WHERE article_id = %" G_GINT64_FORMAT, article);

  return count (fixture, sql);
}

/* Articles whose title or text the search index finds @word in. */
static gint64
count_indexed (Fixture *fixture, const char *word)
{
  g_autofree char *sql =
      g_strdup_printf ("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH '%s'", word);

  return count (fixture, sql);
}

/* Tests */

static void
test_rows (Fixture *fixture, gconstpointer data)
{
  GtkWidget *row;

  g_assert_cmpstr (visible_page (fixture), ==, "list");
  g_assert_cmpuint (rostra_imports_dialog_get_n_rows (fixture->dialog), ==, 3);

  /* Newest first */
  row = get_row (fixture, 0);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "herald.txt");
  assert_counts (row, "1 speech · 1 annotated");

  row = get_row (fixture, 1);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "gazette.txt");
  assert_counts (row, "2 speeches · 1 annotated · 1 duplicate skipped · 1 warning");

  row = get_row (fixture, 2);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "courier.txt");
  assert_counts (row, "3 speeches");
  /* When and what, in local time */
  g_assert_true (g_regex_match_simple ("^[0-9]{1,2} [A-Z][a-z]{2} [0-9]{4}, [0-9]{2}:[0-9]{2}"
                                       " · News feed dump\n",
                                       row_subtitle (row), 0, 0));

  /* The file, in the details */
  g_assert_true (
      g_str_has_suffix (adw_action_row_get_subtitle (ADW_ACTION_ROW (
                            rostra_test_get_widget (row, ADW_TYPE_ACTION_ROW, "import-path"))),
                        "courier.txt"));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (
                       rostra_test_get_widget (row, ADW_TYPE_ACTION_ROW, "import-encoding"))),
                   ==, "UTF-8");
  rostra_test_get_widget (row, ADW_TYPE_ACTION_ROW, "import-size");

  for (guint i = 0; i < 3; i++)
    {
      GtkWidget *button = remove_button (get_row (fixture, i));

      g_assert_true (gtk_widget_get_sensitive (button));
      g_assert_true (gtk_widget_get_visible (button));
      g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, "Remove Speeches…");
      g_assert_false (gtk_widget_get_visible (remove_spinner (get_row (fixture, i))));
    }
}

static void
test_empty (Fixture *fixture, gconstpointer data)
{
  GtkWidget *status = rostra_test_get_widget (fixture->dialog, ADW_TYPE_STATUS_PAGE, NULL);

  g_assert_cmpuint (rostra_imports_dialog_get_n_rows (fixture->dialog), ==, 0);
  g_assert_cmpstr (visible_page (fixture), ==, "empty");
  g_assert_true (gtk_widget_get_mapped (status));
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (status)), ==, "No Imports Yet");
}

static void
test_remove (Fixture *fixture, gconstpointer data)
{
  GtkWidget *row = find_row (fixture, "courier.txt");

  g_assert_cmpint (rostra_test_count_rows (fixture->path, "articles"), ==, 6);
  g_assert_cmpint (count_indexed (fixture, "zanzibar"), ==, 3);

  rostra_imports_dialog_remove (fixture->dialog, fixture->courier, FALSE);

  /* Meanwhile: a spinner in its row, and no other removal */
  g_assert_true (rostra_imports_dialog_get_busy (fixture->dialog));
  g_assert_true (gtk_widget_get_visible (remove_spinner (row)));
  g_assert_true (gtk_spinner_get_spinning (GTK_SPINNER (remove_spinner (row))));
  g_assert_false (gtk_widget_get_visible (remove_button (row)));
  g_assert_false (gtk_widget_get_sensitive (remove_button (find_row (fixture, "herald.txt"))));

  wait_idle (fixture);

  g_assert_cmpuint (fixture->n_changed, ==, 1);
  g_assert_cmpint (count_import (fixture, fixture->courier), ==, 0);
  g_assert_cmpint (rostra_test_count_rows (fixture->path, "articles"), ==, 3);
  g_assert_cmpint (count_indexed (fixture, "zanzibar"), ==, 0);
  g_assert_cmpint (count_indexed (fixture, "quixotic"), ==, 2);
  g_assert_cmpint (rostra_test_count_rows (fixture->path, "annotations"), ==, 2);

  /* The import is gone from the list; the others can be removed again */
  g_assert_cmpuint (rostra_imports_dialog_get_n_rows (fixture->dialog), ==, 2);
  g_assert_null (find_row (fixture, "courier.txt"));
  g_assert_true (gtk_widget_get_sensitive (remove_button (find_row (fixture, "herald.txt"))));
}

static void
test_remove_unannotated (Fixture *fixture, gconstpointer data)
{
  GtkWidget *row;

  rostra_imports_dialog_remove (fixture->dialog, fixture->gazette, FALSE);
  wait_idle (fixture);

  g_assert_cmpuint (fixture->n_changed, ==, 1);
  /* The annotated speech and its annotation are kept */
  g_assert_cmpint (count_import (fixture, fixture->gazette), ==, 1);
  g_assert_cmpint (count_annotations (fixture, fixture->article), ==, 1);
  g_assert_cmpint (
      count (fixture, "SELECT count(*) FROM articles WHERE title = 'Senator on the railway'"), ==,
      1);
  g_assert_cmpint (count_indexed (fixture, "quixotic"), ==, 1);

  row = find_row (fixture, "gazette.txt");
  g_assert_nonnull (row);
  assert_counts (row, "1 of 2 speeches left · 1 annotated · 1 duplicate skipped · 1 warning");

  /* Then all of them */
  rostra_imports_dialog_remove (fixture->dialog, fixture->gazette, TRUE);
  wait_idle (fixture);

  g_assert_cmpuint (fixture->n_changed, ==, 2);
  g_assert_cmpint (count_import (fixture, fixture->gazette), ==, 0);
  g_assert_cmpint (count_indexed (fixture, "quixotic"), ==, 0);
  g_assert_cmpint (rostra_test_count_rows (fixture->path, "annotations"), ==, 1);
  g_assert_null (find_row (fixture, "gazette.txt"));
  g_assert_cmpuint (rostra_imports_dialog_get_n_rows (fixture->dialog), ==, 2);
}

static void
test_remove_all (Fixture *fixture, gconstpointer data)
{
  rostra_imports_dialog_remove (fixture->dialog, fixture->gazette, TRUE);
  wait_idle (fixture);

  g_assert_cmpuint (fixture->n_changed, ==, 1);
  g_assert_cmpint (count_import (fixture, fixture->gazette), ==, 0);
  g_assert_cmpint (count_annotations (fixture, fixture->article), ==, 0);
  g_assert_cmpint (count_annotations (fixture, fixture->herald_article), ==, 1);
  g_assert_cmpint (rostra_test_count_rows (fixture->path, "annotations"), ==, 1);
  g_assert_null (find_row (fixture, "gazette.txt"));
}

static void
test_remove_last (Fixture *fixture, gconstpointer data)
{
  rostra_imports_dialog_remove (fixture->dialog, fixture->courier, FALSE);
  wait_idle (fixture);
  rostra_imports_dialog_remove (fixture->dialog, fixture->gazette, TRUE);
  wait_idle (fixture);
  rostra_imports_dialog_remove (fixture->dialog, fixture->herald, TRUE);
  wait_idle (fixture);

  g_assert_cmpuint (fixture->n_changed, ==, 3);
  g_assert_cmpint (rostra_test_count_rows (fixture->path, "articles"), ==, 0);
  g_assert_cmpint (rostra_test_count_rows (fixture->path, "annotations"), ==, 0);
  g_assert_cmpuint (rostra_imports_dialog_get_n_rows (fixture->dialog), ==, 0);
  g_assert_cmpstr (visible_page (fixture), ==, "empty");
}

/* The buttons and the confirmations */

static void
test_confirm_plain (Fixture *fixture, gconstpointer data)
{
  AdwMessageDialog *dialog;

  gtk_widget_activate (remove_button (find_row (fixture, "courier.txt")));
  dialog = wait_message_dialog (fixture);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Remove 3 Speeches?");
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==,
                   "The speeches imported from “courier.txt” will be removed from the archive.");
  g_assert_false (adw_message_dialog_has_response (dialog, "remove-all"));
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "remove"), ==,
                   ADW_RESPONSE_DESTRUCTIVE);
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "cancel");

  /* Cancel changes nothing */
  respond (dialog, "cancel");
  rostra_test_flush ();
  g_assert_false (rostra_imports_dialog_get_busy (fixture->dialog));
  g_assert_cmpint (count_import (fixture, fixture->courier), ==, 3);

  gtk_widget_activate (remove_button (find_row (fixture, "courier.txt")));
  respond (wait_message_dialog (fixture), "remove");
  g_assert_true (rostra_imports_dialog_get_busy (fixture->dialog));
  wait_idle (fixture);

  g_assert_cmpuint (fixture->n_changed, ==, 1);
  g_assert_cmpint (count_import (fixture, fixture->courier), ==, 0);
  g_assert_null (find_row (fixture, "courier.txt"));
}

static void
test_confirm_annotated (Fixture *fixture, gconstpointer data)
{
  AdwMessageDialog *dialog;

  gtk_widget_activate (remove_button (find_row (fixture, "gazette.txt")));
  dialog = wait_message_dialog (fixture);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Remove 2 Speeches?");
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==,
                   "The speeches imported from “gazette.txt” will be removed from the archive. "
                   "1 of them carries annotations; it is kept.");
  g_assert_cmpstr (adw_message_dialog_get_response_label (dialog, "remove"), ==,
                   "Remove _Unannotated");
  g_assert_cmpstr (adw_message_dialog_get_response_label (dialog, "remove-all"), ==,
                   "Remove _All…");

  /* Remove All… asks again; cancelling that changes nothing */
  respond (dialog, "remove-all");
  dialog = wait_message_dialog (fixture);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Delete 1 Annotated Speech Too?");
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "delete-all"), ==,
                   ADW_RESPONSE_DESTRUCTIVE);
  respond (dialog, "cancel");
  rostra_test_flush ();
  g_assert_false (rostra_imports_dialog_get_busy (fixture->dialog));
  g_assert_cmpint (count_import (fixture, fixture->gazette), ==, 2);

  /* Remove Unannotated */
  gtk_widget_activate (remove_button (find_row (fixture, "gazette.txt")));
  respond (wait_message_dialog (fixture), "remove");
  wait_idle (fixture);
  g_assert_cmpint (count_import (fixture, fixture->gazette), ==, 1);
  g_assert_cmpint (rostra_test_count_rows (fixture->path, "annotations"), ==, 2);

  /* Now all that is left is annotated: only Remove All… */
  gtk_widget_activate (remove_button (find_row (fixture, "gazette.txt")));
  dialog = wait_message_dialog (fixture);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Remove 1 Speech?");
  g_assert_false (adw_message_dialog_has_response (dialog, "remove"));
  respond (dialog, "remove-all");
  dialog = wait_message_dialog (fixture);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Delete 1 Annotated Speech?");
  respond (dialog, "delete-all");
  wait_idle (fixture);

  g_assert_cmpuint (fixture->n_changed, ==, 2);
  g_assert_cmpint (count_import (fixture, fixture->gazette), ==, 0);
  g_assert_cmpint (rostra_test_count_rows (fixture->path, "annotations"), ==, 1);
  g_assert_null (find_row (fixture, "gazette.txt"));
}

static gboolean
is_gone (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* Closing while removing hides the dialog; it goes once the window heard. */
static void
test_close_while_removing (Fixture *fixture, gconstpointer data)
{
  RostraImportsDialog *dialog = fixture->dialog;

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &fixture->dialog);
  rostra_imports_dialog_remove (dialog, fixture->courier, FALSE);
  gtk_window_close (GTK_WINDOW (dialog));

  g_assert_nonnull (fixture->dialog);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_true (rostra_imports_dialog_get_busy (dialog));

  g_assert_true (rostra_test_wait_for (is_gone, &fixture->dialog));

  g_assert_cmpuint (fixture->n_changed, ==, 1);
  g_assert_cmpint (count_import (fixture, fixture->courier), ==, 0);
}

/* A removal that fails says why and leaves the list as it was. */
static void
test_remove_error (Fixture *fixture, gconstpointer data)
{
  rostra_imports_dialog_remove (fixture->dialog, 999, FALSE);
  wait_idle (fixture);

  g_assert_cmpuint (fixture->n_changed, ==, 0);
  g_assert_cmpuint (rostra_imports_dialog_get_n_rows (fixture->dialog), ==, 3);
  g_assert_true (gtk_widget_get_sensitive (remove_button (find_row (fixture, "courier.txt"))));
  g_assert_cmpint (rostra_test_count_rows (fixture->path, "articles"), ==, 6);
}

/* Names are text, never markup. */
static void
test_name_not_markup (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) dump = g_string_new (NULL);
  g_autofree char *path = NULL;
  g_autoptr (GFile) file = NULL;
  AdwMessageDialog *dialog;
  GtkWidget        *row;

  append_entry (dump, "Mayor on <b>bold</b> plans & more", "03-04-22 12:00:00,", "markup");
  path = rostra_test_write_file ("markup.txt", dump->str, -1);
  file = g_file_new_for_path (path);
  g_assert_true (rostra_import_file (fixture->store, file, "Q&A <b>speeches</b>", NULL, NULL, NULL,
                                     NULL, &error));
  g_assert_no_error (error);

  gtk_window_destroy (GTK_WINDOW (fixture->dialog));
  open_dialog (fixture);
  row = get_row (fixture, 0);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "Q&A <b>speeches</b>");

  gtk_widget_activate (remove_button (row));
  dialog = wait_message_dialog (fixture);
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==,
                   "The speech imported from “Q&A <b>speeches</b>” will be removed from the "
                   "archive.");
  rostra_test_flush ();
}

int
main (int argc, char **argv)
{
  rostra_test_ui_init (&argc, &argv);

#define ADD(path, func, data) \
  g_test_add ("/imports-dialog/" path, Fixture, data, fixture_set_up, func, fixture_tear_down)

  ADD ("rows", test_rows, NULL);
  ADD ("empty", test_empty, "empty");
  ADD ("remove", test_remove, NULL);
  ADD ("remove-unannotated", test_remove_unannotated, NULL);
  ADD ("remove-all", test_remove_all, NULL);
  ADD ("remove-last", test_remove_last, NULL);
  ADD ("confirm-plain", test_confirm_plain, NULL);
  ADD ("confirm-annotated", test_confirm_annotated, NULL);
  ADD ("close-while-removing", test_close_while_removing, NULL);
  ADD ("remove-error", test_remove_error, NULL);
  ADD ("name-not-markup", test_name_not_markup, NULL);

#undef ADD

  return g_test_run ();
}
