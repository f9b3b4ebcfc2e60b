/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-annotations-view.c: the Annotations page and the tags dialog,
 * filled from the store. */

#include "config.h"

#include <string.h>

#include "rostra-anchor.h"
#include "rostra-annotations-view.h"
#include "rostra-tag.h"
#include "rostra-tags-dialog.h"
#include "rostra-test-ui.h"
#include "rostra-test-utils.h"
#include "rostra-text.h"

#define BRIDGES_TEXT                                                         \
  "We will build bridges between our towns. Bridges carry trade and news.\n" \
  "The river is wide and cold, and it has divided us for too long."
#define RIVER_TEXT                                                     \
  "The river remembers every flood. We must cross the river together," \
  " and we will, because bridges and trust are built the same way."

typedef struct
{
  RostraStore *store;
  gint64       bridges; /* “On Bridges”, 2020 */
  gint64       river;   /* “The River Speech”, 2022 */
} Fixture;

static gint64
add_article (Fixture    *fixture,
             const char *title,
             const char *source,
             const char *published,
             const char *text)
{
  g_autoptr (GError) error = NULL;
  gint64 id = 0;

  g_assert_true (rostra_store_add_article (fixture->store, 0, title, source, published, "en", text,
                                           &id, &error));
  g_assert_no_error (error);
  return id;
}

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  fixture->store = rostra_test_store_new (NULL);
  fixture->bridges =
      add_article (fixture, "On Bridges", "Hansard", "2020-05-01T10:00:00", BRIDGES_TEXT);
  fixture->river =
      add_article (fixture, "The River Speech", "The Courier", "2022-09-10T18:30:00", RIVER_TEXT);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  g_clear_object (&fixture->store);
}

/* Annotates @passage, found in @text, in the article @article_id. */
static RostraAnnotation *
annotate (Fixture           *fixture,
          gint64             article_id,
          const char        *text,
          const char        *passage,
          const char        *color,
          const char        *note,
          const char *const *tags)
{
  g_autoptr (GError) error = NULL;
  g_autofree char  *exact = NULL, *prefix = NULL, *suffix = NULL;
  const char       *found = strstr (text, passage);
  guint             start, end;
  RostraAnnotation *annotation;

  g_assert_nonnull (found);
  start = g_utf8_pointer_to_offset (text, found);
  end = start + g_utf8_strlen (passage, -1);
  rostra_anchor_describe (text, start, end, &exact, &prefix, &suffix);
  g_assert_cmpstr (exact, ==, passage);

  annotation = rostra_annotation_new (article_id, start, end, exact, prefix, suffix);
  rostra_annotation_set_color (annotation, color);
  rostra_annotation_set_note (annotation, note);
  rostra_annotation_set_tags (annotation, tags);
  g_assert_true (rostra_store_add_annotation (fixture->store, annotation, &error));
  g_assert_no_error (error);
  return annotation;
}

/* Five annotations over the two speeches, in this order of creation:
 * newest first they come 5 4 3 2 1; by speech date (newest speech
 * first, then by position) 2 4 1 3 5. */
static void
add_five (Fixture *fixture)
{
  const char *const tags_1[] = { "bridges", "infrastructure", NULL };
  const char *const tags_2[] = { "river", NULL };
  const char *const tags_3[] = { "bridges", "trade", NULL };
  const char *const tags_4[] = { "river", "unity", NULL };
  const char *const tags_5[] = { "river", NULL };

  g_object_unref (annotate (fixture, fixture->bridges, BRIDGES_TEXT,
                            "build bridges between our towns", "yellow",
                            "The promise the whole speech rests on.", tags_1));
  g_object_unref (annotate (fixture, fixture->river, RIVER_TEXT, "The river remembers every flood",
                            "blue", "", tags_2));
  g_object_unref (annotate (fixture, fixture->bridges, BRIDGES_TEXT, "Bridges carry trade and news",
                            "green", "Trade first, then news: note the order.", tags_3));
  g_object_unref (annotate (fixture, fixture->river, RIVER_TEXT, "We must cross the river together",
                            "yellow", "", tags_4));
  g_object_unref (annotate (fixture, fixture->bridges, BRIDGES_TEXT,
                            "it has divided us for too long", "red",
                            "Compare the river in the 2022 speech.", tags_5));
}

/* Widgets */

static const char *
count_text (RostraAnnotationsView *view)
{
  return gtk_label_get_text (
      GTK_LABEL (rostra_test_get_widget (view, GTK_TYPE_LABEL, "annotations-count")));
}

static const char *
page_name (RostraAnnotationsView *view)
{
  return gtk_stack_get_visible_child_name (
      GTK_STACK (rostra_test_get_widget (view, GTK_TYPE_STACK, "annotations-stack")));
}

static GListModel *
list_model (RostraAnnotationsView *view)
{
  return G_LIST_MODEL (gtk_list_view_get_model (
      GTK_LIST_VIEW (rostra_test_get_widget (view, GTK_TYPE_LIST_VIEW, "annotations-list"))));
}

/* The passage of the annotation at @position of the list. */
static const char *
exact_at (RostraAnnotationsView *view, guint position)
{
  g_autoptr (RostraAnnotation) annotation = g_list_model_get_item (list_model (view), position);

  g_assert_nonnull (annotation);
  /* The list holds its own reference. */
  return rostra_annotation_get_exact (annotation);
}

typedef struct
{
  const char *text;
  gboolean    changed;
} SearchWait;

static void
search_changed_cb (GtkSearchEntry *entry, gpointer user_data)
{
  SearchWait *wait = user_data;

  /* Replacing the text empties the entry first, which the entry
   * reports at once: wait for the text itself. */
  if (g_str_equal (gtk_editable_get_text (GTK_EDITABLE (entry)), wait->text))
    wait->changed = TRUE;
}

static gboolean
search_done (gpointer data)
{
  SearchWait *wait = data;

  return wait->changed;
}

/* Types @text in the search entry and waits for the entry's delayed
 * search-changed, as a user would. */
static void
search (RostraAnnotationsView *view, const char *text)
{
  GtkWidget *entry = rostra_test_get_widget (view, GTK_TYPE_SEARCH_ENTRY, NULL);
  SearchWait wait = { text, FALSE };
  gulong     handler =
      g_signal_connect (entry, "search-changed", G_CALLBACK (search_changed_cb), &wait);

  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  rostra_test_wait_for (search_done, &wait);
  g_signal_handler_disconnect (entry, handler);
  g_assert_true (wait.changed);
}

/* The position in @dropdown of the item that reads @text. */
static guint
find_item (GtkDropDown *dropdown, const char *text)
{
  GListModel *model = gtk_drop_down_get_model (dropdown);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (gtk_string_object_get_string (item), text) == 0)
        return i;
    }
  g_assert_not_reached ();
}

static GtkDropDown *
dropdown (RostraAnnotationsView *view, const char *css_class)
{
  return GTK_DROP_DOWN (rostra_test_get_widget (view, GTK_TYPE_DROP_DOWN, css_class));
}

static RostraAnnotationsView *
view_new (Fixture *fixture)
{
  RostraAnnotationsView *view = ROSTRA_ANNOTATIONS_VIEW (rostra_annotations_view_new ());

  g_object_ref_sink (view);
  rostra_annotations_view_set_store (view, fixture->store);
  return view;
}

/* Tests */

static void
test_empty (Fixture *fixture, gconstpointer data)
{
  g_autoptr (RostraAnnotationsView) view = ROSTRA_ANNOTATIONS_VIEW (rostra_annotations_view_new ());
  AdwStatusPage *status;

  g_object_ref_sink (view);
  /* No store yet: nothing, and no error. */
  g_assert_cmpuint (rostra_annotations_view_get_n_shown (view), ==, 0);
  g_assert_cmpstr (page_name (view), ==, "empty");

  rostra_annotations_view_set_store (view, fixture->store);
  g_assert_cmpuint (rostra_annotations_view_get_n_shown (view), ==, 0);
  g_assert_cmpstr (page_name (view), ==, "empty");

  status = ADW_STATUS_PAGE (gtk_stack_get_visible_child (
      GTK_STACK (rostra_test_get_widget (view, GTK_TYPE_STACK, "annotations-stack"))));
  g_assert_cmpstr (adw_status_page_get_title (status), ==, "No Annotations Yet");
  g_assert_cmpstr (adw_status_page_get_icon_name (status), ==, "document-edit-symbolic");
  g_assert_cmpstr (adw_status_page_get_description (status), ==,
                   "Highlight passages while reading; they all gather here.");
  /* Nothing to filter: the filters are out of the way. */
  g_assert_false (gtk_widget_get_visible (
      gtk_widget_get_parent (rostra_test_get_widget (view, GTK_TYPE_SEARCH_ENTRY, NULL))));

  /* An annotation added, then a refresh, as the window does. */
  g_object_unref (
      annotate (fixture, fixture->river, RIVER_TEXT, "The river remembers", "yellow", "", NULL));
  rostra_annotations_view_refresh (view);
  g_assert_cmpuint (rostra_annotations_view_get_n_shown (view), ==, 1);
  g_assert_cmpstr (page_name (view), ==, "list");
  g_assert_cmpstr (count_text (view), ==, "1 annotation");
  g_assert_true (gtk_widget_get_visible (
      gtk_widget_get_parent (rostra_test_get_widget (view, GTK_TYPE_SEARCH_ENTRY, NULL))));
}

static void
test_all (Fixture *fixture, gconstpointer data)
{
  g_autoptr (RostraAnnotationsView) view = NULL;
  GListModel *tags;

  add_five (fixture);
  view = view_new (fixture);

  g_assert_cmpuint (rostra_annotations_view_get_n_shown (view), ==, 5);
  g_assert_cmpstr (count_text (view), ==, "5 annotations");
  g_assert_cmpstr (page_name (view), ==, "list");

  /* Newest first. */
  g_assert_cmpstr (exact_at (view, 0), ==, "it has divided us for too long");
  g_assert_cmpstr (exact_at (view, 4), ==, "build bridges between our towns");

  /* The filters as offered. */
  tags = gtk_drop_down_get_model (dropdown (view, "tag-filter"));
  g_assert_cmpuint (g_list_model_get_n_items (tags), ==, 6);
  g_assert_cmpuint (find_item (dropdown (view, "tag-filter"), "All Tags"), ==, 0);
  g_assert_cmpuint (find_item (dropdown (view, "tag-filter"), "bridges (2)"), ==, 1);
  g_assert_cmpuint (find_item (dropdown (view, "tag-filter"), "river (3)"), ==, 3);
  g_assert_cmpuint (find_item (dropdown (view, "color-filter"), "All Colours"), ==, 0);
  g_assert_cmpuint (find_item (dropdown (view, "color-filter"), "Yellow"), ==, 1);
  g_assert_cmpuint (find_item (dropdown (view, "color-filter"), "Purple"), ==, 5);
  g_assert_cmpuint (find_item (dropdown (view, "sort-order"), "Newest First"), ==, 0);
  g_assert_cmpuint (find_item (dropdown (view, "sort-order"), "By Speech Date"), ==, 1);
}

static void
test_search (Fixture *fixture, gconstpointer data)
{
  g_autoptr (RostraAnnotationsView) view = NULL;
  AdwStatusPage *status;

  add_five (fixture);
  view = view_new (fixture);

  /* Passages and notes: two passages and one note name the river. */
  search (view, "river");
  g_assert_cmpuint (rostra_annotations_view_get_n_shown (view), ==, 3);
  g_assert_cmpstr (count_text (view), ==, "3 annotations");

  /* Notes only */
  search (view, "promise");
  g_assert_cmpuint (rostra_annotations_view_get_n_shown (view), ==, 1);
  g_assert_cmpstr (exact_at (view, 0), ==, "build bridges between our towns");
  g_assert_cmpstr (count_text (view), ==, "1 annotation");

  /* A number in a note */
  search (view, "2022");
  g_assert_cmpuint (rostra_annotations_view_get_n_shown (view), ==, 1);

  /* Hostile text is searched as text, never as FTS syntax. */
  search (view, "NEAR( \"x AND");
  g_assert_cmpuint (rostra_annotations_view_get_n_shown (view), ==, 0);
  g_assert_cmpstr (page_name (view), ==, "no-results");
  status = ADW_STATUS_PAGE (gtk_stack_get_visible_child (
      GTK_STACK (rostra_test_get_widget (view, GTK_TYPE_STACK, "annotations-stack"))));
  g_assert_cmpstr (adw_status_page_get_title (status), ==, "No Matching Annotations");
  /* The filters stay, to be undone. */
  g_assert_true (gtk_widget_get_visible (
      gtk_widget_get_parent (rostra_test_get_widget (view, GTK_TYPE_SEARCH_ENTRY, NULL))));

  search (view, "\" * ) OR ^");
  g_assert_cmpuint (rostra_annotations_view_get_n_shown (view), ==, 0);
  g_assert_cmpstr (page_name (view), ==, "no-results");

  /* Nothing to search is no filter. */
  search (view, "   ");
  g_assert_cmpuint (rostra_annotations_view_get_n_shown (view), ==, 5);
  search (view, "");
  g_assert_cmpuint (rostra_annotations_view_get_n_shown (view), ==, 5);
  g_assert_cmpstr (page_name (view), ==, "list");
}

static void
test_filters (Fixture *fixture, gconstpointer data)
{
  g_autoptr (RostraAnnotationsView) view = NULL;
  GtkDropDown *tag, *color;

  add_five (fixture);
  view = view_new (fixture);
  tag = dropdown (view, "tag-filter");
  color = dropdown (view, "color-filter");

  gtk_drop_down_set_selected (tag, find_item (tag, "river (3)"));
  g_assert_cmpuint (rostra_annotations_view_get_n_shown (view), ==, 3);
  g_assert_cmpstr (count_text (view), ==, "3 annotations");

  gtk_drop_down_set_selected (tag, find_item (tag, "bridges (2)"));
  g_assert_cmpuint (rostra_annotations_view_get_n_shown (view), ==, 2);

  gtk_drop_down_set_selected (tag, 0);
  gtk_drop_down_set_selected (color, find_item (color, "Yellow"));
  g_assert_cmpuint (rostra_annotations_view_get_n_shown (view), ==, 2);
  gtk_drop_down_set_selected (color, find_item (color, "Red"));
  g_assert_cmpuint (rostra_annotations_view_get_n_shown (view), ==, 1);
  g_assert_cmpstr (exact_at (view, 0), ==, "it has divided us for too long");

  /* Tag and colour together, then with a search. */
  gtk_drop_down_set_selected (color, find_item (color, "Yellow"));
  gtk_drop_down_set_selected (tag, find_item (tag, "river (3)"));
  g_assert_cmpuint (rostra_annotations_view_get_n_shown (view), ==, 1);
  g_assert_cmpstr (exact_at (view, 0), ==, "We must cross the river together");
  search (view, "flood");
  g_assert_cmpuint (rostra_annotations_view_get_n_shown (view), ==, 0);
  g_assert_cmpstr (page_name (view), ==, "no-results");

  /* Purple: nobody uses it. */
  search (view, "");
  gtk_drop_down_set_selected (tag, 0);
  gtk_drop_down_set_selected (color, find_item (color, "Purple"));
  g_assert_cmpuint (rostra_annotations_view_get_n_shown (view), ==, 0);
  g_assert_cmpstr (page_name (view), ==, "no-results");

  /* A refresh keeps the filters. */
  gtk_drop_down_set_selected (color, 0);
  gtk_drop_down_set_selected (tag, find_item (tag, "trade (1)"));
  rostra_annotations_view_refresh (view);
  g_assert_cmpuint (rostra_annotations_view_get_n_shown (view), ==, 1);
  g_assert_cmpuint (gtk_drop_down_get_selected (tag), ==, find_item (tag, "trade (1)"));
  g_assert_cmpstr (exact_at (view, 0), ==, "Bridges carry trade and news");
}

static void
test_sort (Fixture *fixture, gconstpointer data)
{
  g_autoptr (RostraAnnotationsView) view = NULL;
  GtkDropDown *sort;
  const char  *by_date[] = {
     "The river remembers every flood", "We must cross the river together",
     "build bridges between our towns", "Bridges carry trade and news",
     "it has divided us for too long",
  };

  add_five (fixture);
  view = view_new (fixture);
  sort = dropdown (view, "sort-order");

  g_assert_cmpstr (exact_at (view, 0), ==, "it has divided us for too long");

  gtk_drop_down_set_selected (sort, find_item (sort, "By Speech Date"));
  g_assert_cmpuint (rostra_annotations_view_get_n_shown (view), ==, 5);
  for (guint i = 0; i < G_N_ELEMENTS (by_date); i++)
    g_assert_cmpstr (exact_at (view, i), ==, by_date[i]);

  /* Sorted and filtered */
  search (view, "river");
  g_assert_cmpuint (rostra_annotations_view_get_n_shown (view), ==, 3);
  g_assert_cmpstr (exact_at (view, 0), ==, "The river remembers every flood");
  g_assert_cmpstr (exact_at (view, 2), ==, "it has divided us for too long");

  gtk_drop_down_set_selected (sort, find_item (sort, "Newest First"));
  g_assert_cmpstr (exact_at (view, 0), ==, "it has divided us for too long");
  g_assert_cmpstr (exact_at (view, 1), ==, "We must cross the river together");
}

static void
activated_cb (RostraAnnotationsView *view, RostraAnnotation *annotation, gpointer user_data)
{
  RostraAnnotation **out = user_data;

  g_assert_true (ROSTRA_IS_ANNOTATION (annotation));
  g_set_object (out, annotation);
}

static void
test_activate (Fixture *fixture, gconstpointer data)
{
  g_autoptr (RostraAnnotationsView) view = NULL;
  g_autoptr (RostraAnnotation) activated = NULL;
  g_autoptr (RostraAnnotation) newest = NULL;
  GtkWidget *list_view;

  add_five (fixture);
  newest = annotate (fixture, fixture->river, RIVER_TEXT, "bridges and trust", "purple",
                     "The last word", NULL);
  view = view_new (fixture);
  list_view = rostra_test_get_widget (view, GTK_TYPE_LIST_VIEW, "annotations-list");
  g_signal_connect (view, "annotation-activated", G_CALLBACK (activated_cb), &activated);

  g_assert_true (gtk_widget_activate_action (list_view, "list.activate-item", "u", 0));
  g_assert_nonnull (activated);
  g_assert_cmpint (rostra_annotation_get_id (activated), ==, rostra_annotation_get_id (newest));
  g_assert_cmpint (rostra_annotation_get_article_id (activated), ==, fixture->river);
  g_assert_cmpuint (rostra_annotation_get_start (activated), ==,
                    rostra_annotation_get_start (newest));
  g_assert_cmpstr (rostra_annotation_get_article_title (activated), ==, "The River Speech");

  /* Another position, after sorting. */
  g_clear_object (&activated);
  gtk_drop_down_set_selected (dropdown (view, "sort-order"), 1);
  g_assert_true (gtk_widget_activate_action (list_view, "list.activate-item", "u", 3));
  g_assert_nonnull (activated);
  g_assert_cmpstr (rostra_annotation_get_exact (activated), ==, "build bridges between our towns");

  /* Enter in the search entry opens the first one found. */
  g_clear_object (&activated);
  search (view, "flood");
  g_signal_emit_by_name (rostra_test_get_widget (view, GTK_TYPE_SEARCH_ENTRY, NULL), "activate");
  g_assert_nonnull (activated);
  g_assert_cmpstr (rostra_annotation_get_exact (activated), ==, "The river remembers every flood");
}

static GtkWidget *
row_part (GtkWidget *row, const char *css_class)
{
  return rostra_test_get_widget (row, GTK_TYPE_WIDGET, css_class);
}

static const char *
row_text (GtkWidget *row, const char *css_class)
{
  return gtk_label_get_text (GTK_LABEL (row_part (row, css_class)));
}

/* The rows as shown, in order, when the window shows them all. */
static GPtrArray *
shown_rows (RostraAnnotationsView *view)
{
  GPtrArray *rows = g_ptr_array_new ();

  rostra_test_collect_widgets (
      rostra_test_get_widget (view, GTK_TYPE_LIST_VIEW, "annotations-list"), GTK_TYPE_BOX,
      "annotation", rows);
  return rows;
}

/* The date of a citation: the speech's date, on one line. */
static char *
citation_date (const char *published)
{
  g_autofree char *date = rostra_text_format_date (published, FALSE);
  g_auto (GStrv) words = g_strsplit (date, " ", -1);

  return g_strjoinv ("\xc2\xa0", words);
}

static void
test_rows (Fixture *fixture, gconstpointer data)
{
  g_autoptr (RostraAnnotationsView) view = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) listed = NULL;
  g_autoptr (RostraAnnotation) orphan = NULL;
  g_autofree char *date_2020 = citation_date ("2020-05-01T10:00:00");
  g_autofree char *date_2022 = citation_date ("2022-09-10T18:30:00");
  g_autofree char *citation = NULL;
  GtkWidget       *window;
  GtkWidget       *row;

  add_five (fixture);
  view = view_new (fixture);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 1200);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (rostra_test_wait_mapped (GTK_WIDGET (view)));
  /* Then whatever is pending, for the list to make its rows. */
  rostra_test_flush ();

  rows = shown_rows (view);
  g_assert_cmpuint (rows->len, ==, 5);

  /* The newest: passage in quotes, note, tags, citation, red bar. */
  row = g_ptr_array_index (rows, 0);
  g_assert_cmpstr (row_text (row, "passage"), ==, "“it has divided us for too long”");
  g_assert_cmpstr (row_text (row, "note"), ==, "Compare the river in the 2022 speech.");
  g_assert_true (gtk_widget_get_visible (row_part (row, "note")));
  g_assert_true (gtk_widget_has_css_class (row_part (row, "note"), "dim-label"));
  g_assert_cmpstr (row_text (row, "tags"), ==, "river");
  g_assert_true (gtk_widget_has_css_class (row_part (row, "tags"), "caption"));
  /* The title, then its source and date on a line of their own, so that
   * a long title cannot push the date out. */
  citation = g_strdup_printf ("Hansard · %s", date_2020);
  g_assert_cmpstr (row_text (row, "citation"), ==, "On Bridges");
  g_assert_cmpstr (row_text (row, "citation-where"), ==, citation);
  g_assert_cmpint (gtk_label_get_ellipsize (GTK_LABEL (row_part (row, "citation-where"))), ==,
                   PANGO_ELLIPSIZE_START);
  g_assert_cmpstr (date_2020, ==,
                   "1\xc2\xa0May\xc2\xa0"
                   "2020");
  g_assert_true (gtk_widget_has_css_class (row_part (row, "citation"), "dim-label"));
  g_assert_true (gtk_widget_has_css_class (row_part (row, "annotation-mark"), "red"));
  g_assert_false (gtk_widget_get_visible (row_part (row, "orphaned-notice")));
  g_assert_cmpint (gtk_widget_get_width (row), <=, 360);

  /* Without a note; two tags. */
  row = g_ptr_array_index (rows, 1);
  g_assert_cmpstr (row_text (row, "passage"), ==, "“We must cross the river together”");
  g_assert_false (gtk_widget_get_visible (row_part (row, "note")));
  g_assert_cmpstr (row_text (row, "tags"), ==, "river, unity");
  g_assert_true (gtk_widget_has_css_class (row_part (row, "annotation-mark"), "yellow"));
  g_clear_pointer (&citation, g_free);
  citation = g_strdup_printf ("The Courier · %s", date_2022);
  g_assert_cmpstr (row_text (row, "citation"), ==, "The River Speech");
  g_assert_cmpstr (row_text (row, "citation-where"), ==, citation);

  /* An orphan: its passage is nowhere in the text, which the store
   * finds when it lists the article's annotations. */
  orphan = rostra_annotation_new (fixture->river, 0, 10, "words never spoken", "", "");
  rostra_annotation_set_color (orphan, "purple");
  g_assert_true (rostra_store_add_annotation (fixture->store, orphan, &error));
  g_assert_no_error (error);
  listed = rostra_store_list_annotations (fixture->store, fixture->river, &error);
  g_assert_no_error (error);

  rostra_annotations_view_refresh (view);
  g_assert_true (rostra_test_wait_mapped (GTK_WIDGET (view)));
  rostra_test_flush ();
  g_ptr_array_unref (rows);
  rows = shown_rows (view);
  g_assert_cmpuint (rostra_annotations_view_get_n_shown (view), ==, 6);
  g_assert_cmpuint (rows->len, ==, 6);
  row = g_ptr_array_index (rows, 0);
  g_assert_cmpstr (row_text (row, "passage"), ==, "“words never spoken”");
  g_assert_true (gtk_widget_get_visible (row_part (row, "orphaned-notice")));
  g_assert_true (gtk_widget_has_css_class (row, "orphaned"));
  g_assert_cmpstr (row_text (row, "orphaned-notice"), ==, "(passage not found in the text)");
  g_assert_false (gtk_widget_get_visible (row_part (row, "tags")));
  g_assert_true (gtk_widget_has_css_class (row_part (row, "annotation-mark"), "purple"));
  /* The bar lost the colour of the annotation the row showed before. */
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *mark = row_part (g_ptr_array_index (rows, i), "annotation-mark");
      guint      n_colors = 0;

      for (const char *const *c = rostra_annotation_colors (); *c != NULL; c++)
        n_colors += gtk_widget_has_css_class (mark, *c);
      g_assert_cmpuint (n_colors, ==, 1);
    }

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The tags dialog */

static GStrv
tag_names (Fixture *fixture)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) tags = rostra_store_list_tags (fixture->store, &error);
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (tags); i++)
    {
      g_autoptr (RostraTag) tag = g_list_model_get_item (tags, i);
      g_autofree char *item =
          g_strdup_printf ("%s:%u", rostra_tag_get_name (tag), rostra_tag_get_n_uses (tag));

      g_strv_builder_add (builder, item);
    }
  return g_strv_builder_end (builder);
}

static void
count_cb (gpointer instance, gpointer user_data)
{
  guint *n = user_data;

  (*n)++;
}

/* The titles and subtitles of the dialog's rows, “name:subtitle”. */
static GStrv
dialog_rows (RostraTagsDialog *dialog)
{
  g_autoptr (GPtrArray) rows = g_ptr_array_new ();
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  rostra_test_collect_widgets (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW, NULL, rows);
  for (guint i = 0; i < rows->len; i++)
    {
      AdwActionRow    *row = g_ptr_array_index (rows, i);
      g_autofree char *item =
          g_strdup_printf ("%s:%s", adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                           adw_action_row_get_subtitle (row));

      g_strv_builder_add (builder, item);
    }
  return g_strv_builder_end (builder);
}

static void
test_tags_dialog (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RostraAnnotationsView) view = NULL;
  g_auto (GStrv) names = NULL;
  g_auto (GStrv) rows = NULL;
  RostraTagsDialog *dialog;
  GtkWidget        *stack;
  guint             n_changed = 0;

  add_five (fixture);
  view = view_new (fixture);
  dialog = ROSTRA_TAGS_DIALOG (rostra_tags_dialog_new (NULL, fixture->store));
  g_signal_connect (dialog, "tags-changed", G_CALLBACK (count_cb), &n_changed);
  g_signal_connect_swapped (dialog, "tags-changed", G_CALLBACK (rostra_annotations_view_refresh),
                            view);

  g_assert_true (ADW_IS_WINDOW (dialog));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Tags");
  stack = rostra_test_get_widget (dialog, GTK_TYPE_STACK, NULL);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "list");

  rows = dialog_rows (dialog);
  g_assert_cmpstrv (rows, ((const char *[]){ "bridges:Used 2 times", "infrastructure:Used 1 time",
                                             "river:Used 3 times", "trade:Used 1 time",
                                             "unity:Used 1 time", NULL }));

  /* A rename */
  g_assert_true (rostra_tags_dialog_rename (dialog, "infrastructure", "works", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_changed, ==, 1);
  names = tag_names (fixture);
  g_assert_cmpstrv (
      names, ((const char *[]){ "bridges:2", "river:3", "trade:1", "unity:1", "works:1", NULL }));
  g_clear_pointer (&rows, g_strfreev);
  rows = dialog_rows (dialog);
  g_assert_cmpstr (rows[4], ==, "works:Used 1 time");
  /* The view, refreshed by the signal, offers the new name. */
  g_assert_cmpuint (find_item (dropdown (view, "tag-filter"), "works (1)"), ==, 5);

  /* A merge: “unity” into “river”, which one annotation already has. */
  g_assert_true (rostra_tags_dialog_rename (dialog, "unity", "river", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_changed, ==, 2);
  g_clear_pointer (&names, g_strfreev);
  names = tag_names (fixture);
  g_assert_cmpstrv (names,
                    ((const char *[]){ "bridges:2", "river:3", "trade:1", "works:1", NULL }));

  /* Into a name that differs in case only: merged, keeping the
   * existing tag's name. */
  g_assert_true (rostra_tags_dialog_rename (dialog, "trade", "BRIDGES", &error));
  g_assert_no_error (error);
  g_clear_pointer (&names, g_strfreev);
  names = tag_names (fixture);
  g_assert_cmpstrv (names, ((const char *[]){ "bridges:2", "river:3", "works:1", NULL }));
  g_clear_pointer (&rows, g_strfreev);
  rows = dialog_rows (dialog);
  g_assert_cmpstrv (rows, ((const char *[]){ "bridges:Used 2 times", "river:Used 3 times",
                                             "works:Used 1 time", NULL }));
  g_assert_cmpuint (find_item (dropdown (view, "tag-filter"), "bridges (2)"), ==, 1);

  /* An empty name is refused, and nothing changes. */
  g_assert_false (rostra_tags_dialog_rename (dialog, "works", "  ", &error));
  g_assert_error (error, ROSTRA_STORE_ERROR, ROSTRA_STORE_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_cmpuint (n_changed, ==, 3);

  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* “Manage Tags…” opens the dialog over the view's window; a rename
 * there refreshes the view. */
static void
test_manage_tags (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RostraAnnotationsView) view = NULL;
  g_autoptr (GList) toplevels = NULL;
  RostraTagsDialog *dialog = NULL;
  GtkDropDown      *tag;
  GtkWidget        *window;
  guint             n_changed = 0;

  add_five (fixture);
  view = view_new (fixture);
  g_signal_connect (view, "tags-changed", G_CALLBACK (count_cb), &n_changed);
  window = gtk_window_new ();
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  tag = dropdown (view, "tag-filter");
  gtk_drop_down_set_selected (tag, find_item (tag, "river (3)"));
  g_assert_cmpuint (rostra_annotations_view_get_n_shown (view), ==, 3);

  g_signal_emit_by_name (rostra_test_get_widget (view, GTK_TYPE_BUTTON, "manage-tags"), "clicked");
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ROSTRA_IS_TAGS_DIALOG (l->data))
      dialog = l->data;
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));

  g_assert_true (rostra_tags_dialog_rename (dialog, "trade", "commerce", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_changed, ==, 1);
  g_assert_cmpuint (find_item (tag, "commerce (1)"), ==, 2);
  /* The filter on “river” stays. */
  g_assert_cmpuint (gtk_drop_down_get_selected (tag), ==, find_item (tag, "river (3)"));
  g_assert_cmpuint (rostra_annotations_view_get_n_shown (view), ==, 3);

  /* A filter on a tag merged away falls back to all tags. */
  g_assert_true (rostra_tags_dialog_rename (dialog, "river", "bridges", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (gtk_drop_down_get_selected (tag), ==, 0);
  g_assert_cmpuint (rostra_annotations_view_get_n_shown (view), ==, 5);
  g_assert_cmpuint (find_item (tag, "bridges (5)"), ==, 1);

  gtk_window_destroy (GTK_WINDOW (window));
  /* The dialog went with its parent. */
  g_list_free (g_steal_pointer (&toplevels));
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    g_assert_false (ROSTRA_IS_TAGS_DIALOG (l->data));
}

static void
test_tags_dialog_empty (Fixture *fixture, gconstpointer data)
{
  RostraTagsDialog *dialog = ROSTRA_TAGS_DIALOG (rostra_tags_dialog_new (NULL, fixture->store));
  GtkWidget        *stack = rostra_test_get_widget (dialog, GTK_TYPE_STACK, NULL);
  AdwStatusPage    *status;

  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "empty");
  status = ADW_STATUS_PAGE (gtk_stack_get_visible_child (GTK_STACK (stack)));
  g_assert_cmpstr (adw_status_page_get_title (status), ==, "No Tags");
  g_assert_cmpstr (adw_status_page_get_description (status), ==,
                   "Tags you give annotations appear here.");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* The message dialog @dialog has open. */
static AdwMessageDialog *
find_message_dialog (RostraTagsDialog *dialog)
{
  g_autoptr (GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    {
      if (ADW_IS_MESSAGE_DIALOG (l->data) &&
          gtk_window_get_transient_for (l->data) == GTK_WINDOW (dialog))
        {
          g_assert_true (gtk_window_get_modal (l->data));
          return l->data;
        }
    }
  g_assert_not_reached ();
}

/* Answers @question as a click would; it closes itself. */
static void
respond (AdwMessageDialog *question, const char *response)
{
  g_object_ref (question);
  adw_message_dialog_response (question, response);
  gtk_window_destroy (GTK_WINDOW (question));
  g_object_unref (question);
}

/* The rename button swaps the row for an entry; Escape puts it back. */
static void
test_tags_dialog_editing (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GPtrArray) buttons = g_ptr_array_new ();
  g_autoptr (GPtrArray) entries = g_ptr_array_new ();
  g_auto (GStrv) names = NULL;
  RostraTagsDialog *dialog;
  AdwMessageDialog *question;
  GtkWidget        *entry;
  guint             n_changed = 0;

  add_five (fixture);
  dialog = ROSTRA_TAGS_DIALOG (rostra_tags_dialog_new (NULL, fixture->store));
  g_signal_connect (dialog, "tags-changed", G_CALLBACK (count_cb), &n_changed);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (rostra_test_wait_mapped (GTK_WIDGET (dialog)));
  rostra_test_flush ();

  rostra_test_collect_widgets (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, "rename-button", buttons);
  g_assert_cmpuint (buttons->len, ==, 5);
  /* “river”, the third */
  g_signal_emit_by_name (g_ptr_array_index (buttons, 2), "clicked");
  rostra_test_collect_widgets (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, NULL, entries);
  g_assert_cmpuint (entries->len, ==, 1);
  entry = g_ptr_array_index (entries, 0);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "river");
  /* In place of the row, hidden until the edit ends. */
  g_assert_true (ADW_IS_ACTION_ROW (gtk_widget_get_next_sibling (entry)));
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_next_sibling (entry)));

  /* Unchanged, Enter just ends the edit. */
  g_signal_emit_by_name (entry, "entry-activated");
  g_ptr_array_set_size (entries, 0);
  rostra_test_collect_widgets (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, NULL, entries);
  g_assert_cmpuint (entries->len, ==, 0);
  g_assert_cmpuint (n_changed, ==, 0);

  /* A new name, applied. */
  g_ptr_array_set_size (buttons, 0);
  rostra_test_collect_widgets (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, "rename-button", buttons);
  g_signal_emit_by_name (g_ptr_array_index (buttons, 2), "clicked");
  rostra_test_collect_widgets (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, NULL, entries);
  entry = g_ptr_array_index (entries, 0);
  gtk_editable_set_text (GTK_EDITABLE (entry), "  rivers ");
  g_signal_emit_by_name (entry, "apply");
  g_assert_cmpuint (n_changed, ==, 1);
  names = tag_names (fixture);
  g_assert_cmpstrv (names, ((const char *[]){ "bridges:2", "infrastructure:1", "rivers:3",
                                              "trade:1", "unity:1", NULL }));

  /* The cancel button drops the edit. */
  g_ptr_array_set_size (buttons, 0);
  rostra_test_collect_widgets (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, "rename-button", buttons);
  g_signal_emit_by_name (g_ptr_array_index (buttons, 0), "clicked");
  g_ptr_array_set_size (entries, 0);
  rostra_test_collect_widgets (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, NULL, entries);
  g_assert_cmpuint (entries->len, ==, 1);
  entry = g_ptr_array_index (entries, 0);
  gtk_editable_set_text (GTK_EDITABLE (entry), "never applied");
  g_signal_emit_by_name (rostra_test_get_widget (entry, GTK_TYPE_BUTTON, "cancel-button"),
                         "clicked");
  g_ptr_array_set_size (entries, 0);
  rostra_test_collect_widgets (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, NULL, entries);
  g_assert_cmpuint (entries->len, ==, 0);
  g_assert_true (gtk_widget_get_visible (g_ptr_array_index (buttons, 0)));
  g_assert_cmpuint (n_changed, ==, 1);

  /* A name another tag has: the dialog asks first. No, then yes. */
  g_ptr_array_set_size (buttons, 0);
  rostra_test_collect_widgets (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, "rename-button", buttons);
  g_signal_emit_by_name (g_ptr_array_index (buttons, 4), "clicked");
  rostra_test_collect_widgets (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, NULL, entries);
  entry = g_ptr_array_index (entries, 0);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "unity");
  gtk_editable_set_text (GTK_EDITABLE (entry), "Rivers");

  g_signal_emit_by_name (entry, "apply");
  question = find_message_dialog (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (question), ==, "Merge Tags?");
  g_assert_cmpstr (adw_message_dialog_get_body (question), ==,
                   "“unity” will be merged into “rivers”.");
  g_assert_cmpint (adw_message_dialog_get_response_appearance (question, "merge"), ==,
                   ADW_RESPONSE_DESTRUCTIVE);
  respond (question, "cancel");
  g_assert_cmpuint (n_changed, ==, 1);
  g_clear_pointer (&names, g_strfreev);
  names = tag_names (fixture);
  g_assert_cmpstrv (names, ((const char *[]){ "bridges:2", "infrastructure:1", "rivers:3",
                                              "trade:1", "unity:1", NULL }));

  g_signal_emit_by_name (entry, "apply");
  question = find_message_dialog (dialog);
  respond (question, "merge");
  g_assert_cmpuint (n_changed, ==, 2);
  g_clear_pointer (&names, g_strfreev);
  names = tag_names (fixture);
  g_assert_cmpstrv (
      names, ((const char *[]){ "bridges:2", "infrastructure:1", "rivers:3", "trade:1", NULL }));
  g_ptr_array_set_size (entries, 0);
  rostra_test_collect_widgets (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, NULL, entries);
  g_assert_cmpuint (entries->len, ==, 0);

  gtk_window_destroy (GTK_WINDOW (dialog));
}

int
main (int argc, char *argv[])
{
  /* Away from the user's settings and a11y bus, and in the C locale
   * for the dates and plurals it checks. */
  rostra_test_ui_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/annotations-view/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("empty", test_empty);
  ADD ("all", test_all);
  ADD ("search", test_search);
  ADD ("filters", test_filters);
  ADD ("sort", test_sort);
  ADD ("activate", test_activate);
  ADD ("rows", test_rows);
  ADD ("manage-tags", test_manage_tags);
  ADD ("tags-dialog", test_tags_dialog);
  ADD ("tags-dialog-empty", test_tags_dialog_empty);
  ADD ("tags-dialog-editing", test_tags_dialog_editing);

#undef ADD

  return g_test_run ();
}
