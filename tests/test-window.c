/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-window.c: the real main window, built from its template under Xvfb. */

#include "config.h"

#include <string.h>

#include "rostra-application.h"
#include "rostra-import-dialog.h"
#include "rostra-importer.h"
#include "rostra-test-ui.h"
#include "rostra-test-utils.h"
#include "rostra-annotations-pane.h"
#include "rostra-article-row.h"
#include "rostra-details-dialog.h"
#include "rostra-window.h"

static gboolean
widget_is_narrow (gpointer data)
{
  int width = gtk_widget_get_width (GTK_WIDGET (data));

  return width > 0 && width <= 360;
}

static gboolean
list_is_loaded (gpointer data)
{
  RostraArticleList *list = rostra_window_get_articles (data);

  return list != NULL && !rostra_article_list_get_loading (list);
}

static guint
n_articles (RostraWindow *window)
{
  g_assert_true (rostra_test_wait_for (list_is_loaded, window));
  return g_list_model_get_n_items (G_LIST_MODEL (rostra_window_get_articles (window)));
}

static char *
reader_text (RostraWindow *window)
{
  GtkTextView   *view = rostra_reader_get_text_view (rostra_window_get_reader (window));
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter    start, end;

  gtk_text_buffer_get_iter_at_offset (
      buffer, &start, rostra_reader_get_text_offset (rostra_window_get_reader (window)));
  gtk_text_buffer_get_end_iter (buffer, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static char *
archive_with_fixture (void)
{
  char *path = NULL;
  g_autoptr (RostraStore) store = rostra_test_store_new (&path);

  rostra_test_import_fixture (store);
  return path;
}

/* The application, registered once and never run: a GApplication
 * cannot be registered twice on the same bus path in one process. */
static RostraApplication *app;

/* A new window showing the archive at @path. */
static RostraWindow *
window_new (const char *path)
{
  RostraWindow *window;

  rostra_application_set_database (app, path);
  window = rostra_window_new (GTK_APPLICATION (app), rostra_application_get_database (app));

  g_assert_true (ROSTRA_IS_WINDOW (window));
  g_assert_true (gtk_window_get_application (GTK_WINDOW (window)) == GTK_APPLICATION (app));
  return window;
}

static void
window_destroy (RostraWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  rostra_test_flush ();
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));
}

static RostraWindow *
present (RostraWindow *window, int width, int height)
{
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (rostra_test_wait_mapped (GTK_WIDGET (window)));
  g_assert_true (rostra_test_wait_for (list_is_loaded, window));
  rostra_test_flush ();
  return window;
}

static void
test_empty_archive (void)
{
  g_autofree char *path = g_build_filename (rostra_test_tmpdir (), "empty.db", NULL);
  RostraWindow    *window = present (window_new (path), 1000, 700);

  g_assert_nonnull (rostra_window_get_store (window));
  g_assert_cmpuint (n_articles (window), ==, 0);
  g_assert_true (rostra_test_wait_status_page (GTK_WIDGET (window), "No Speeches Yet", TRUE));
  g_assert_true (rostra_test_wait_status_page (GTK_WIDGET (window), "No Speech Selected", TRUE));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  /* Keyboard Shortcuts in the primary menu, loaded from the resources. */
  g_assert_nonnull (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));

  window_destroy (window);
}

static gboolean
has_ten_articles (gpointer data)
{
  RostraArticleList *list = rostra_window_get_articles (data);

  return !rostra_article_list_get_loading (list) &&
         g_list_model_get_n_items (G_LIST_MODEL (list)) == 10;
}

static void
test_open_sample (void)
{
  g_autofree char *path = g_build_filename (rostra_test_tmpdir (), "sample.db", NULL);
  RostraWindow    *window = present (window_new (path), 1000, 700);

  /* The button on the empty page imports the sample shipped in the app. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-sample", NULL));
  g_assert_true (rostra_test_wait_for (has_ten_articles, window));
  rostra_test_flush ();
  g_assert_true (rostra_test_wait_status_page (GTK_WIDGET (window), "No Speeches Yet", FALSE));
  g_assert_cmpint (rostra_test_count_rows (path, "articles"), ==, 10);

  window_destroy (window);
}

/* The list of speeches (the Annotations view has a list too). */
static GtkListView *
list_view (RostraWindow *window)
{
  GtkWidget *row = rostra_test_find_widget (GTK_WIDGET (window), ROSTRA_TYPE_ARTICLE_ROW, NULL);

  return GTK_LIST_VIEW (gtk_widget_get_ancestor (row, GTK_TYPE_LIST_VIEW));
}

/* The id of the speech whose list row has the focus, 0 for none. */
static gint64
focused_article_id (RostraWindow *window)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  for (GtkWidget *w = focus; w != NULL; w = gtk_widget_get_parent (w))
    {
      GtkWidget *row = gtk_widget_get_first_child (w);

      if (ROSTRA_IS_ARTICLE_ROW (row) &&
          rostra_article_row_get_article (ROSTRA_ARTICLE_ROW (row)) != NULL)
        return rostra_article_get_id (rostra_article_row_get_article (ROSTRA_ARTICLE_ROW (row)));
    }
  return 0;
}

static void
test_select_and_navigate (void)
{
  g_autofree char *path = archive_with_fixture ();
  RostraWindow    *window = present (window_new (path), 1200, 800);
  g_autoptr (RostraArticle) first = NULL;
  g_autofree char *text = NULL;
  gint64           first_id, second_id;

  g_assert_cmpuint (n_articles (window), ==, 3);
  first_id = rostra_article_list_get_id (rostra_window_get_articles (window), 0);
  second_id = rostra_article_list_get_id (rostra_window_get_articles (window), 1);

  rostra_window_select (window, 0);
  rostra_test_flush ();
  g_assert_cmpint (rostra_window_get_open_article_id (window), ==, first_id);
  first = rostra_store_load_article (rostra_window_get_store (window), first_id, NULL);
  text = reader_text (window);
  g_assert_cmpstr (text, ==, rostra_article_get_text (first));
  g_assert_true (rostra_test_wait_status_page (GTK_WIDGET (window), "No Speech Selected", FALSE));

  /* Alt+Down and Alt+Up move through the list. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.next-article", NULL));
  g_assert_cmpint (rostra_window_get_open_article_id (window), ==, second_id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.previous-article", NULL));
  g_assert_cmpint (rostra_window_get_open_article_id (window), ==, first_id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.previous-article", NULL));
  g_assert_cmpint (rostra_window_get_open_article_id (window), ==, first_id);

  /* From the list, the focus (and its ring) moves with the selection. */
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (list_view (window)), GTK_DIR_TAB_FORWARD));
  g_assert_cmpint (focused_article_id (window), ==, first_id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.next-article", NULL));
  rostra_test_flush ();
  g_assert_cmpint (focused_article_id (window), ==, second_id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.previous-article", NULL));
  rostra_test_flush ();
  g_assert_cmpint (focused_article_id (window), ==, first_id);

  /* Zoom goes through the window's actions and is remembered. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-in", NULL));
  g_assert_cmpfloat_with_epsilon (rostra_reader_get_zoom (rostra_window_get_reader (window)), 1.1,
                                  0.001);
  {
    g_autoptr (GSettings) settings = g_settings_new (APP_ID);

    g_assert_cmpfloat_with_epsilon (g_settings_get_double (settings, "reader-zoom"), 1.1, 0.001);
    g_autoptr (GVariant) last = g_settings_get_value (settings, "last-articles");
    gint64 remembered = 0;

    /* Per archive. */
    g_assert_true (g_variant_lookup (last, path, "x", &remembered));
    g_assert_cmpint (remembered, ==, first_id);
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-reset", NULL));

  window_destroy (window);
}

static gboolean
is_label_with_text (GtkWidget *widget, gconstpointer text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget) &&
         g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

static void
test_search (void)
{
  g_autofree char         *path = archive_with_fixture ();
  RostraWindow            *window = present (window_new (path), 1200, 800);
  static const char *const hostile[] = { "NEAR(", "\"unbalanced", "AND", "*", "-", "((", "a OR" };

  g_assert_cmpuint (n_articles (window), ==, 3);

  rostra_window_set_search (window, "bibliotheek");
  g_assert_cmpuint (n_articles (window), ==, 1);
  rostra_window_select (window, 0);
  rostra_test_flush ();
  g_assert_cmpuint (rostra_reader_get_n_matches (rostra_window_get_reader (window)), ==, 1);

  /* The header says which match is current, of how many. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.next-match", NULL));
  rostra_test_flush ();
  g_assert_cmpint (rostra_reader_get_current_match (rostra_window_get_reader (window)), ==, 0);
  g_assert_nonnull (
      rostra_test_find_widget_if (GTK_WIDGET (window), is_label_with_text, "1 of 1 match"));

  /* Prefix matching as you type. */
  rostra_window_set_search (window, "railw");
  g_assert_cmpuint (n_articles (window), ==, 1);

  rostra_window_set_search (window, "zeppelin");
  g_assert_cmpuint (n_articles (window), ==, 0);
  rostra_test_flush ();
  g_assert_true (rostra_test_wait_status_page (GTK_WIDGET (window), "No Results Found", TRUE));

  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      rostra_window_set_search (window, hostile[i]);
      n_articles (window);
    }

  rostra_window_set_search (window, "");
  g_assert_cmpuint (n_articles (window), ==, 3);

  window_destroy (window);
}

/* Selects article characters @start to @end in the reader. */
static void
select_in_reader (RostraWindow *window, guint start, guint end)
{
  RostraReader *reader = rostra_window_get_reader (window);
  int           offset = rostra_reader_get_text_offset (reader);

  rostra_test_select_text (rostra_reader_get_text_view (reader), offset + start, offset + end);
}

/* Whether article character @article_offset in the reader has the tag @name. */
static gboolean
has_tag (RostraWindow *window, const char *name, guint article_offset)
{
  RostraReader *reader = rostra_window_get_reader (window);

  return rostra_test_has_tag_at (rostra_reader_get_text_view (reader), name,
                                 rostra_reader_get_text_offset (reader) + article_offset);
}

static void
test_highlight_delete_undo (void)
{
  g_autofree char       *path = archive_with_fixture ();
  RostraWindow          *window = present (window_new (path), 1300, 800);
  RostraAnnotationsPane *pane = ROSTRA_ANNOTATIONS_PANE (
      rostra_test_find_widget (GTK_WIDGET (window), ROSTRA_TYPE_ANNOTATIONS_PANE, NULL));
  g_autoptr (GListModel) saved = NULL;
  g_autoptr (RostraAnnotation) annotation = NULL;
  g_autofree char *color = NULL;
  g_autofree char *exact = NULL;

  g_assert_nonnull (pane);
  rostra_window_select (window, 0);
  rostra_test_flush ();
  g_assert_cmpuint (rostra_annotations_pane_get_n_shown (pane), ==, 0);

  /* Select "neighbours" (article characters 12–22) and press Ctrl+H. */
  select_in_reader (window, 12, 22);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (rostra_window_get_reader (window)),
                                             "reader.highlight", NULL));
  rostra_test_flush ();

  /* In the buffer, in the pane, and on disk. */
  g_assert_true (has_tag (window, "annotation-yellow", 12));
  g_assert_true (has_tag (window, "annotation-yellow", 21));
  g_assert_false (has_tag (window, "annotation-yellow", 22));
  g_assert_cmpuint (rostra_annotations_pane_get_n_shown (pane), ==, 1);
  g_assert_cmpint (rostra_test_count_rows (path, "annotations"), ==, 1);
  exact = rostra_test_query_text (path, "SELECT exact FROM annotations");
  g_assert_cmpstr (exact, ==, "neighbours");

  /* Delete, as the row's menu asks the window to, then undo. */
  saved = rostra_store_find_annotations (rostra_window_get_store (window), NULL, NULL, NULL, FALSE,
                                         NULL);
  annotation = g_list_model_get_item (saved, 0);
  g_signal_emit_by_name (pane, "delete-requested", annotation);
  rostra_test_flush ();
  g_assert_cmpint (rostra_test_count_rows (path, "annotations"), ==, 0);
  g_assert_false (has_tag (window, "annotation-yellow", 12));
  g_assert_cmpuint (rostra_annotations_pane_get_n_shown (pane), ==, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  rostra_test_flush ();
  g_assert_cmpint (rostra_test_count_rows (path, "annotations"), ==, 1);
  g_assert_true (has_tag (window, "annotation-yellow", 12));
  g_assert_cmpuint (rostra_annotations_pane_get_n_shown (pane), ==, 1);

  /* Undo once more: the highlight itself goes. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  rostra_test_flush ();
  g_assert_cmpint (rostra_test_count_rows (path, "annotations"), ==, 0);
  color = rostra_test_query_text (path, "SELECT count(*) FROM annotations");
  g_assert_cmpstr (color, ==, "0");

  window_destroy (window);
}

static void
test_bad_archive (void)
{
  g_autofree char *path = rostra_test_write_file ("not-an-archive.db", "hello", -1);
  g_autofree char *contents = NULL;
  g_autoptr (GError) error = NULL;
  RostraWindow  *window = window_new (path);
  AdwStatusPage *page = ADW_STATUS_PAGE (
      rostra_test_find_status_page (GTK_WIDGET (window), "The Archive Cannot Be Opened"));
  gsize len;

  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (rostra_test_wait_mapped (GTK_WIDGET (window)));
  rostra_test_flush ();

  g_assert_nonnull (page);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (page)));
  g_assert_null (rostra_window_get_store (window));
  g_assert_nonnull (strstr (adw_status_page_get_description (page), "not a Rostra archive"));

  window_destroy (window);

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (contents, len, "hello", 5);
}

static gboolean
is_folded (gpointer data)
{
  AdwLeaflet *leaflet = data;

  return adw_leaflet_get_folded (leaflet);
}

static void
test_narrow (void)
{
  g_autofree char *path = archive_with_fixture ();
  RostraWindow    *window = present (window_new (path), 360, 640);
  AdwLeaflet      *leaflet =
      ADW_LEAFLET (rostra_test_find_widget (GTK_WIDGET (window), ADW_TYPE_LEAFLET, NULL));

  g_assert_true (rostra_test_wait_for (widget_is_narrow, window));
  g_assert_true (rostra_test_wait_for (is_folded, leaflet));
  /* Under Xvfb the surface adds a frame; the window itself fits. */
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 360);
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "sidebar");

  /* Opening an article shows the reader; back shows the list. */
  rostra_window_select (window, 1);
  rostra_test_flush ();
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "content");
  g_assert_true (adw_leaflet_navigate (leaflet, ADW_NAVIGATION_DIRECTION_BACK));
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "sidebar");

  /* A tap (a new selection) opens the speech too. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.next-article", NULL));
  rostra_test_flush ();
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "content");

  window_destroy (window);
}

static gboolean
is_unfolded (gpointer data)
{
  return !adw_leaflet_get_folded (ADW_LEAFLET (data));
}

/* The three panes: the reader keeps a readable column beside the
 * annotations pane, which never slides over it where both fit side by
 * side; the list folds away instead, and comes back with the pane hidden;
 * the list is as wide in both views. */
static void
test_three_panes (void)
{
  g_autofree char *path = archive_with_fixture ();
  RostraWindow    *window = present (window_new (path), 1000, 700);
  AdwLeaflet      *leaflet =
      ADW_LEAFLET (rostra_test_find_widget (GTK_WIDGET (window), ADW_TYPE_LEAFLET, NULL));
  AdwFlap *flap = ADW_FLAP (rostra_test_find_widget (GTK_WIDGET (window), ADW_TYPE_FLAP, NULL));
  AdwViewStack *views =
      ADW_VIEW_STACK (rostra_test_find_widget (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK, NULL));
  GtkWidget *reader = GTK_WIDGET (rostra_window_get_reader (window));
  GtkWidget *sidebar;
  int        list_width;

  rostra_window_select (window, 0);
  adw_flap_set_reveal_flap (flap, TRUE);
  g_assert_true (rostra_test_wait_for (is_folded, leaflet));
  rostra_test_flush ();
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "content");
  g_assert_false (adw_flap_get_folded (flap));
  g_assert_cmpint (gtk_widget_get_width (reader), >=, 420);

  /* The pane hidden: the list and the speech. */
  adw_flap_set_reveal_flap (flap, FALSE);
  g_assert_true (rostra_test_wait_for (is_unfolded, leaflet));
  rostra_test_flush ();
  sidebar = adw_leaflet_get_child_by_name (leaflet, "sidebar");
  list_width = gtk_widget_get_width (sidebar);
  adw_view_stack_set_visible_child_name (views, "annotations");
  rostra_test_flush ();
  g_assert_cmpint (gtk_widget_get_width (sidebar), ==, list_width);
  adw_view_stack_set_visible_child_name (views, "speeches");
  window_destroy (window);

  /* Wide enough for the three. */
  window = present (window_new (path), 1400, 860);
  leaflet = ADW_LEAFLET (rostra_test_find_widget (GTK_WIDGET (window), ADW_TYPE_LEAFLET, NULL));
  flap = ADW_FLAP (rostra_test_find_widget (GTK_WIDGET (window), ADW_TYPE_FLAP, NULL));
  rostra_window_select (window, 0);
  adw_flap_set_reveal_flap (flap, TRUE);
  rostra_test_flush ();
  g_assert_true (rostra_test_wait_for (is_unfolded, leaflet));
  g_assert_false (adw_flap_get_folded (flap));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (rostra_window_get_reader (window))), >=, 420);
  window_destroy (window);
}

/* The open dialog of type @type, or NULL. */
static GtkWidget *
find_dialog (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return window;
    }
  return NULL;
}

/* The text above the speech: title and the line under it. */
static char *
reader_heading (RostraWindow *window)
{
  GtkTextView   *view = rostra_reader_get_text_view (rostra_window_get_reader (window));
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter    start, end;

  gtk_text_buffer_get_start_iter (buffer, &start);
  gtk_text_buffer_get_iter_at_offset (
      buffer, &end, rostra_reader_get_text_offset (rostra_window_get_reader (window)));
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static gboolean
is_row_titled (GtkWidget *widget, gconstpointer title)
{
  return ADW_IS_PREFERENCES_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static void
set_row_text (GtkWidget *dialog, const char *title, const char *text)
{
  GtkWidget *row = rostra_test_find_widget_if (dialog, is_row_titled, title);

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

/* A speech's details: edited in a dialog (Alt+Enter), saved on disk, shown
 * in the reader and the list, undone with Ctrl+Z. */
static void
test_speech_details (void)
{
  g_autofree char *path = archive_with_fixture ();
  RostraWindow    *window = present (window_new (path), 1400, 860);
  GtkWidget       *dialog, *save;
  g_autoptr (RostraArticle) saved = NULL;
  g_autofree char *heading = NULL;
  gint64           id;

  rostra_window_select (window, 0);
  rostra_test_flush ();
  id = rostra_window_get_open_article_id (window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.edit-details", NULL));
  dialog = find_dialog (ROSTRA_TYPE_DETAILS_DIALOG);
  g_assert_nonnull (dialog);
  save = rostra_test_get_widget (dialog, GTK_TYPE_BUTTON, "suggested-action");

  /* A day that is no date cannot be saved. */
  set_row_text (dialog, "Given on (YYYY-MM-DD)", "2019-02-30");
  g_assert_false (gtk_widget_get_sensitive (save));
  set_row_text (dialog, "Given on (YYYY-MM-DD)", "2019-09-25");
  g_assert_true (gtk_widget_get_sensitive (save));
  set_row_text (dialog, "Speaker", "  Ada Mirren ");
  set_row_text (dialog, "Occasion (venue or event)", "Harbour Council");
  g_signal_emit_by_name (save, "clicked");
  rostra_test_flush ();
  g_assert_null (find_dialog (ROSTRA_TYPE_DETAILS_DIALOG));

  saved = rostra_store_load_article (rostra_window_get_store (window), id, NULL);
  g_assert_cmpstr (rostra_article_get_speaker (saved), ==, "Ada Mirren");
  g_assert_cmpstr (rostra_article_get_occasion (saved), ==, "Harbour Council");
  g_assert_cmpstr (rostra_article_get_delivered (saved), ==, "2019-09-25");
  heading = reader_heading (window);
  g_assert_nonnull (strstr (heading, "Ada Mirren · Harbour Council · Given 25 September 2019"));
  g_clear_pointer (&heading, g_free);

  /* Undone: as it was. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  rostra_test_flush ();
  g_clear_object (&saved);
  saved = rostra_store_load_article (rostra_window_get_store (window), id, NULL);
  g_assert_null (rostra_article_get_speaker (saved));
  g_assert_null (rostra_article_get_occasion (saved));
  heading = reader_heading (window);
  g_assert_null (strstr (heading, "Ada Mirren"));

  window_destroy (window);
}

/* A speech the cleaning rules changed: the details switch between the
 * cleaned text and the text as it came; undone with Ctrl+Z. */
static void
test_cleaned_text (void)
{
  g_autofree char *path = NULL;
  g_autofree char *dump = rostra_test_write_file (
      "captions.txt",
      "Minister Okafor opens the new bridge | Rivierbode\n\n"
      "02-06-23 10:00:00,\n\n"
      "JPEG - 66.2 kb\n\n"
      "Today the river has one more crossing, and the villages on both banks one more reason "
      "to visit each other.\n\n"
      " » Lees verder\n\n",
      -1);
  RostraWindow    *window;
  GtkWidget       *dialog, *save, *toggle;
  g_autofree char *text = NULL;

  {
    g_autoptr (RostraStore) store = rostra_test_store_new (&path);
    g_autoptr (GFile) file = g_file_new_for_path (dump);
    g_autoptr (GError) error = NULL;

    g_assert_true (rostra_import_file (store, file, NULL, NULL, NULL, NULL, NULL, &error));
    g_assert_no_error (error);
  }
  window = present (window_new (path), 1400, 860);
  rostra_window_select (window, 0);
  rostra_test_flush ();
  text = reader_text (window);
  g_assert_null (strstr (text, "JPEG"));
  g_clear_pointer (&text, g_free);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.edit-details", NULL));
  dialog = find_dialog (ROSTRA_TYPE_DETAILS_DIALOG);
  toggle = rostra_test_find_widget (dialog, GTK_TYPE_SWITCH, NULL);
  g_assert_nonnull (toggle);
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_ancestor (toggle, ADW_TYPE_ACTION_ROW)));
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (toggle)));
  gtk_switch_set_active (GTK_SWITCH (toggle), FALSE);
  save = rostra_test_get_widget (dialog, GTK_TYPE_BUTTON, "suggested-action");
  g_signal_emit_by_name (save, "clicked");
  rostra_test_flush ();
  text = reader_text (window);
  g_assert_nonnull (strstr (text, "JPEG - 66.2 kb"));
  g_clear_pointer (&text, g_free);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  rostra_test_flush ();
  text = reader_text (window);
  g_assert_null (strstr (text, "JPEG"));

  window_destroy (window);
}

static GtkDropTarget *
find_drop_target (RostraWindow *window)
{
  GtkWidget *overlay = rostra_test_get_widget (window, ADW_TYPE_TOAST_OVERLAY, "drop-target");
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (overlay);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        return GTK_DROP_TARGET (controller);
    }
  return NULL;
}

static void
close_import_dialog (RostraWindow *window)
{
  GtkWidget *dialog = rostra_window_get_import_dialog (window);

  g_assert_nonnull (dialog);
  gtk_window_destroy (GTK_WINDOW (dialog));
  rostra_test_flush ();
  g_assert_null (rostra_window_get_import_dialog (window));
}

/* Files dropped on the window, and files opened by the application
 * (`rostra FILE…`, "Open With"), come to the import dialog. */
static void
test_drop_and_open (void)
{
  g_autofree char *path = archive_with_fixture ();
  g_autofree char *dump = rostra_test_data_path ("speeches.txt");
  g_autoptr (GFile) file = g_file_new_for_path (dump);
  g_auto (GValue) value = G_VALUE_INIT;
  RostraWindow  *window = present (window_new (path), 1000, 700);
  GtkDropTarget *target = find_drop_target (window);
  gboolean       handled = FALSE;

  g_assert_nonnull (target);
  g_assert_null (rostra_window_get_import_dialog (window));

  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_array (&file, 1));
  g_signal_emit_by_name (target, "drop", &value, 20.0, 20.0, &handled);
  g_assert_true (handled);
  g_assert_nonnull (rostra_window_get_import_dialog (window));
  g_assert_true (rostra_test_wait_mapped (rostra_window_get_import_dialog (window)));
  g_assert_true (gtk_window_get_transient_for (
                     GTK_WINDOW (rostra_window_get_import_dialog (window))) == GTK_WINDOW (window));
  g_assert_cmpuint (rostra_import_dialog_get_n_files (
                        ROSTRA_IMPORT_DIALOG (rostra_window_get_import_dialog (window))),
                    ==, 1);
  /* Dropping more files while previewing adds them to the same dialog. */
  g_signal_emit_by_name (target, "drop", &value, 20.0, 20.0, &handled);
  g_assert_cmpuint (rostra_import_dialog_get_n_files (
                        ROSTRA_IMPORT_DIALOG (rostra_window_get_import_dialog (window))),
                    ==, 1);
  close_import_dialog (window);

  g_application_open (G_APPLICATION (app), &file, 1, "");
  g_assert_nonnull (rostra_window_get_import_dialog (window));
  g_assert_true (rostra_test_wait_mapped (rostra_window_get_import_dialog (window)));
  /* Nothing is written before the user says so. */
  g_assert_cmpint (rostra_test_count_rows (path, "imports"), ==, 1);

  /* Closing the window with the dialog open, its preview perhaps still
   * running, takes the dialog along. */
  window_destroy (window);
  rostra_test_spin (200);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_window_get_toplevels ()), ==, 0);
}

/* "Show New Speeches" after an import: the list shows only what those
 * imports added, until "Show All". */
static void
test_show_imports (void)
{
  static const char second[] = "A Harbour for Everyone\n\n12-03-21 09:30:00,\n\n"
                               "Friends, the new quay opens today.\n\n » Lees verder\n";
  g_autofree char  *path = archive_with_fixture ();
  g_autofree char  *dump = rostra_test_write_file ("second.txt", second, -1);
  g_autoptr (GFile) file = g_file_new_for_path (dump);
  g_autoptr (RostraImportReport) report = NULL;
  g_autoptr (GError) error = NULL;
  RostraWindow *window;
  GtkWidget    *revealer;
  gint64        id;

  {
    g_autoptr (RostraStore) store = rostra_store_open (path, &error);

    g_assert_no_error (error);
    g_assert_true (rostra_import_file (store, file, NULL, NULL, NULL, NULL, &report, &error));
    g_assert_no_error (error);
  }
  id = report->import_id;
  g_assert_cmpint (id, >, 0);

  window = present (window_new (path), 1000, 700);
  g_assert_cmpuint (n_articles (window), ==, 4);
  revealer = gtk_widget_get_parent (rostra_test_get_widget (window, GTK_TYPE_BOX, "filter-bar"));
  g_assert_true (GTK_IS_REVEALER (revealer));

  rostra_window_show_imports (window, &id, 1);
  g_assert_cmpuint (n_articles (window), ==, 1);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.clear-import-filter", NULL);
  g_assert_cmpuint (n_articles (window), ==, 4);
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));

  window_destroy (window);
}

/* The last open speech is each archive's own: a new archive opens with
 * none (it said "There is no article 9"), the first one with its own. */
static void
test_last_speech_per_archive (void)
{
  g_autofree char *first = archive_with_fixture ();
  g_autofree char *other = archive_with_fixture (); /* the same ids, other speeches */
  RostraWindow    *window = present (window_new (first), 1200, 800);
  gint64           opened;

  rostra_window_select (window, 1);
  rostra_test_flush ();
  opened = rostra_window_get_open_article_id (window);
  g_assert_cmpint (opened, >, 0);
  window_destroy (window);

  window = present (window_new (other), 1200, 800);
  g_assert_cmpint (rostra_window_get_open_article_id (window), ==, 0);
  g_assert_true (rostra_test_wait_status_page (GTK_WIDGET (window), "No Speech Selected", TRUE));
  window_destroy (window);

  window = present (window_new (first), 1200, 800);
  g_assert_cmpint (rostra_window_get_open_article_id (window), ==, opened);
  window_destroy (window);
}

/* Ctrl+Q keeps the window's size for the next start, as closing it does;
 * a search's best-matches-first order is not kept for a start without one. */
static void
test_quit_saves_state (void)
{
  g_autofree char *path = archive_with_fixture ();
  RostraWindow    *window = present (window_new (path), 900, 650);
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);

  g_settings_set_int (settings, "window-width", 1000);
  g_settings_set_enum (settings, "sort-order", ROSTRA_SORT_OLDEST);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sort", "s", "oldest"));
  rostra_window_set_search (window, "bridge");
  n_articles (window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sort", "s", "relevance"));
  g_assert_cmpint (g_settings_get_enum (settings, "sort-order"), ==, ROSTRA_SORT_OLDEST);

  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  rostra_test_flush ();
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 900);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 650);

  /* Newest first again, for the tests after this one. */
  g_settings_reset (settings, "sort-order");
}

/* The accelerators @root's Keyboard Shortcuts window lists, by name. */
static void
collect_documented (GtkWidget *root, GHashTable *documented)
{
  if (GTK_IS_SHORTCUTS_SHORTCUT (root))
    {
      g_autofree char *accelerator = NULL;
      g_auto (GStrv) accels = NULL;

      g_object_get (root, "accelerator", &accelerator, NULL);
      accels = g_strsplit (accelerator != NULL ? accelerator : "", " ", -1);
      for (guint i = 0; accels[i] != NULL; i++)
        {
          guint           key = 0;
          GdkModifierType mods = 0;

          if (*accels[i] != '\0' && gtk_accelerator_parse (accels[i], &key, &mods))
            g_hash_table_add (documented, gtk_accelerator_name (key, mods));
        }
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_documented (child, documented);
}

/* The key bindings of @widget's class, as accelerator names. */
static void
collect_bindings (GtkWidget *widget, GPtrArray *bindings)
{
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr (GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);
          GtkShortcutAction  *action = gtk_shortcut_get_action (shortcut);
          const char         *name;
          guint               key;

          /* Ours: those of the toolkit's own classes (Escape closes a
           * dialog, …) are the desktop's, not Rostra's to list. */
          if (!GTK_IS_KEYVAL_TRIGGER (trigger) || !GTK_IS_NAMED_ACTION (action))
            continue;
          name = gtk_named_action_get_action_name (GTK_NAMED_ACTION (action));
          if (!g_str_has_prefix (name, "win.") && !g_str_has_prefix (name, "reader."))
            continue;
          key = gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger));
          /* The keypad's and Ctrl+= are aliases of keys listed already. */
          if (gdk_keyval_name (key) != NULL && g_str_has_prefix (gdk_keyval_name (key), "KP_"))
            continue;
          if (key == GDK_KEY_equal)
            continue;
          g_ptr_array_add (bindings, gtk_accelerator_name (key, gtk_keyval_trigger_get_modifiers (
                                                                    GTK_KEYVAL_TRIGGER (trigger))));
        }
    }
}

/* Every key the window, the reader and the application answer is in the
 * Keyboard Shortcuts window (Ctrl+H, Ctrl+Shift+N and Ctrl+Z were not). */
static void
test_shortcuts_documented (void)
{
  g_autofree char *path = g_build_filename (rostra_test_tmpdir (), "shortcuts.db", NULL);
  RostraWindow    *window = present (window_new (path), 1000, 700);
  GtkWidget       *overlay =
      GTK_WIDGET (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  g_autoptr (GHashTable) documented = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GPtrArray) bindings = g_ptr_array_new_with_free_func (g_free);
  g_auto (GStrv) quit = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.quit");

  g_assert_nonnull (overlay);
  collect_documented (overlay, documented);
  collect_bindings (GTK_WIDGET (window), bindings);
  collect_bindings (GTK_WIDGET (rostra_window_get_reader (window)), bindings);
  g_assert_cmpuint (bindings->len, >=, 15);
  for (guint i = 0; quit[i] != NULL; i++)
    g_ptr_array_add (bindings, g_strdup (quit[i]));

  for (guint i = 0; i < bindings->len; i++)
    {
      guint            key = 0;
      GdkModifierType  mods = 0;
      g_autofree char *name = NULL;

      g_assert_true (gtk_accelerator_parse (bindings->pdata[i], &key, &mods));
      name = gtk_accelerator_name (key, mods);
      if (!g_hash_table_contains (documented, name))
        g_test_fail_printf ("%s is not in the Keyboard Shortcuts window", name);
    }
  /* And what the text view does by itself, for selecting. */
  g_assert_true (g_hash_table_contains (documented, "F7"));
  g_assert_true (g_hash_table_contains (documented, "<Shift><Control>Right"));

  window_destroy (window);
}

/* Issue 13 §1, in the real window: the archive's files are opened and
 * closed in the window's process (as the file chooser's content-type guess
 * does), another `rostra` opens and closes the archive, then a highlight
 * made in the window must be on disk for everyone at once and after a
 * restart (the other process had deleted the window's write-ahead log). */
static char *
run_other_rostra (const char *path, const char *first, const char *second)
{
  g_auto (RostraTestRun) run = { 0 };

  rostra_test_run_rostra (&run, "--database", path, first, second, NULL);
  g_assert_cmpint (run.status, ==, 0);
  return g_steal_pointer (&run.out);
}

static void
test_foreign_close_keeps_highlights (void)
{
  g_autofree char *folder = rostra_test_new_folder ("locks");
  g_autofree char *path = g_build_filename (folder, "archive.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *listed = NULL;
  g_autofree char *exported = NULL;
  RostraWindow    *window;

  rostra_test_make_archive (path);
  window = present (window_new (path), 1300, 800);
  rostra_window_select (window, 0);
  rostra_test_flush ();
  g_assert_true (g_file_test (wal, G_FILE_TEST_IS_REGULAR));

  /* The file chooser looks into the archive's folder; `--list`. */
  rostra_test_open_and_close_in_process (path);
  listed = run_other_rostra (path, "--list", NULL);
  g_assert_nonnull (strstr (listed, "harbour bridge"));
  g_assert_true (g_file_test (wal, G_FILE_TEST_IS_REGULAR));

  /* Highlight "neighbours" (article characters 12–22) with Ctrl+H. */
  select_in_reader (window, 12, 22);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (rostra_window_get_reader (window)),
                                             "reader.highlight", NULL));
  rostra_test_flush ();
  g_assert_true (has_tag (window, "annotation-yellow", 12));

  /* Shown as saved: another process reads it from the disk already. */
  exported = run_other_rostra (path, "--export", "csv");
  g_assert_nonnull (strstr (exported, "neighbours"));

  /* Quit and start again: the highlight is there. */
  window_destroy (window);
  g_clear_pointer (&exported, g_free);
  exported = run_other_rostra (path, "--export", "csv");
  g_assert_nonnull (strstr (exported, "neighbours"));
  window = present (window_new (path), 1300, 800);
  rostra_window_select (window, 0);
  rostra_test_flush ();
  g_assert_true (has_tag (window, "annotation-yellow", 12));
  g_assert_true (has_tag (window, "annotation-yellow", 21));
  window_destroy (window);
}

int
main (int argc, char *argv[])
{
  int ret;

  rostra_test_ui_init (&argc, &argv);

  app = rostra_application_new ();
  rostra_test_register_application (G_APPLICATION (app));

  g_test_add_func ("/window/empty-archive", test_empty_archive);
  g_test_add_func ("/window/open-sample", test_open_sample);
  g_test_add_func ("/window/select-and-navigate", test_select_and_navigate);
  g_test_add_func ("/window/search", test_search);
  g_test_add_func ("/window/highlight-delete-undo", test_highlight_delete_undo);
  g_test_add_func ("/window/bad-archive", test_bad_archive);
  g_test_add_func ("/window/narrow", test_narrow);
  g_test_add_func ("/window/three-panes", test_three_panes);
  g_test_add_func ("/window/speech-details", test_speech_details);
  g_test_add_func ("/window/cleaned-text", test_cleaned_text);
  g_test_add_func ("/window/drop-and-open", test_drop_and_open);
  g_test_add_func ("/window/show-imports", test_show_imports);
  g_test_add_func ("/window/shortcuts-documented", test_shortcuts_documented);
  g_test_add_func ("/window/last-speech-per-archive", test_last_speech_per_archive);
  g_test_add_func ("/window/quit-saves-state", test_quit_saves_state);
  g_test_add_func ("/window/foreign-close-keeps-highlights", test_foreign_close_keeps_highlights);

  ret = g_test_run ();

  g_clear_object (&app);
  return ret;
}
