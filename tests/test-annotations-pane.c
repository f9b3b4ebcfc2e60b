/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-annotations-pane.c: the annotations of the open speech, and their rows. */

#include "config.h"

#include <string.h>

#include "rostra-anchor.h"
#include "rostra-annotation-row.h"
#include "rostra-annotations-pane.h"
#include "rostra-tag-completion.h"
#include "rostra-test-ui.h"
#include "rostra-test-utils.h"

static const char speech[] =
    "Four score and seven years ago our fathers brought forth on this continent, a new nation, "
    "conceived in Liberty, and dedicated to the proposition that all men are created equal. Now "
    "we are engaged in a great civil war, testing whether that nation, or any nation so "
    "conceived and so dedicated, can long endure. We are met on a great battle-field of that war.";

/* Compares a string the test owns with @expected, and frees it. */
#define assert_owned_str(expression, expected) \
  G_STMT_START                                 \
  {                                            \
    g_autofree char *owned_ = (expression);    \
    g_assert_cmpstr (owned_, ==, (expected));  \
  }                                            \
  G_STMT_END

/* Widgets */

static GPtrArray *
get_rows (RostraAnnotationsPane *pane)
{
  GPtrArray *rows = g_ptr_array_new ();

  rostra_test_collect_widgets (GTK_WIDGET (pane), ROSTRA_TYPE_ANNOTATION_ROW, NULL, rows);
  return rows;
}

/* The row of the annotation with @id. */
static RostraAnnotationRow *
get_row (RostraAnnotationsPane *pane, gint64 id)
{
  g_autoptr (GPtrArray) rows = get_rows (pane);

  for (guint i = 0; i < rows->len; i++)
    {
      RostraAnnotationRow *row = g_ptr_array_index (rows, i);

      if (rostra_annotation_get_id (rostra_annotation_row_get_annotation (row)) == id)
        return row;
    }
  g_assert_not_reached ();
}

static gboolean
is_pages_stack (GtkWidget *widget, gconstpointer data)
{
  return GTK_IS_STACK (widget) &&
         gtk_stack_get_child_by_name (GTK_STACK (widget), "no-article") != NULL;
}

/* The stack of the pane's list and status pages. */
static GtkStack *
find_pages (GtkWidget *widget)
{
  GtkWidget *stack = rostra_test_find_widget_if (widget, is_pages_stack, NULL);

  return stack != NULL ? GTK_STACK (stack) : NULL;
}

/* The title of the status page the pane shows, or NULL for the list. */
static const char *
status_title (RostraAnnotationsPane *pane)
{
  GtkStack  *stack = find_pages (GTK_WIDGET (pane));
  GtkWidget *page;

  g_assert_nonnull (stack);
  page = gtk_stack_get_visible_child (stack);

  if (ADW_IS_STATUS_PAGE (page))
    return adw_status_page_get_title (ADW_STATUS_PAGE (page));
  g_assert_true (GTK_IS_SCROLLED_WINDOW (page));
  return NULL;
}

static const char *
count_text (RostraAnnotationsPane *pane)
{
  return gtk_label_get_text (
      GTK_LABEL (rostra_test_get_widget (GTK_WIDGET (pane), GTK_TYPE_LABEL, "annotation-count")));
}

static gboolean
header_visible (RostraAnnotationsPane *pane)
{
  GtkWidget *entry = rostra_test_get_widget (GTK_WIDGET (pane), GTK_TYPE_SEARCH_ENTRY, NULL);

  return gtk_widget_is_visible (entry);
}

static GtkTextBuffer *
note_buffer (RostraAnnotationRow *row)
{
  return gtk_text_view_get_buffer (
      GTK_TEXT_VIEW (rostra_test_get_widget (GTK_WIDGET (row), GTK_TYPE_TEXT_VIEW, NULL)));
}

static char *
note_text (RostraAnnotationRow *row)
{
  GtkTextBuffer *buffer = note_buffer (row);
  GtkTextIter    start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* The names on the row's tag pills, in order, joined by commas. */
static char *
pill_names (RostraAnnotationRow *row)
{
  GtkWidget *flow_box = rostra_test_get_widget (GTK_WIDGET (row), GTK_TYPE_FLOW_BOX, NULL);
  g_autoptr (GString) names = g_string_new (NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (flow_box); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *pill = rostra_test_get_widget (child, GTK_TYPE_BOX, "tag-pill");
      GtkWidget *label = rostra_test_get_widget (pill, GTK_TYPE_LABEL, NULL);

      if (names->len > 0)
        g_string_append_c (names, ',');
      g_string_append (names, gtk_label_get_text (GTK_LABEL (label)));
    }
  return g_string_free (g_steal_pointer (&names), FALSE);
}

static guint
n_rows (RostraAnnotationsPane *pane)
{
  g_autoptr (GPtrArray) rows = get_rows (pane);

  return rows->len;
}

/* Waiting */

typedef struct
{
  guint *counter;
  guint  value;
} CountWait;

static gboolean
count_reached (gpointer data)
{
  CountWait *wait = data;

  return *wait->counter >= wait->value;
}

/* Runs the main loop until *@counter reaches @value, or the timeout. */
static void
wait_for_count (guint *counter, guint value)
{
  CountWait wait = { counter, value };

  rostra_test_wait_for (count_reached, &wait);
  g_assert_cmpuint (*counter, ==, value);
}

typedef struct
{
  RostraAnnotationsPane *pane;
  guint                  n;
} ShownWait;

static gboolean
shows_n (gpointer data)
{
  ShownWait *wait = data;

  return rostra_annotations_pane_get_n_shown (wait->pane) == wait->n;
}

static void
wait_for_shown (RostraAnnotationsPane *pane, guint n)
{
  ShownWait wait = { pane, n };

  rostra_test_wait_for (shows_n, &wait);
  g_assert_cmpuint (rostra_annotations_pane_get_n_shown (pane), ==, n);
}

static void
set_filter_text (RostraAnnotationsPane *pane, const char *text, guint n_expected)
{
  GtkWidget *entry = rostra_test_get_widget (GTK_WIDGET (pane), GTK_TYPE_SEARCH_ENTRY, NULL);

  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  /* GtkSearchEntry reports the change after a short delay. */
  wait_for_shown (pane, n_expected);
}

/* The fixture: an archive with one speech and its annotations */

typedef struct
{
  RostraStore           *store;
  gint64                 article_id;
  gint64                 empty_article_id;
  gint64                 ids[4];
  GListModel            *annotations;
  RostraAnnotationsPane *pane;

  /* What the pane emitted */
  guint             n_changed;
  guint             n_activated;
  guint             n_delete_requested;
  guint             n_errors;
  RostraAnnotation *last; /* of the last signal with one */
  char             *last_error;
} Fixture;

static gint64
add_annotation (Fixture           *fixture,
                const char        *passage,
                const char        *color,
                const char        *note,
                const char *const *tags)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RostraAnnotation) annotation = NULL;
  g_autofree char *exact = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *suffix = NULL;
  const char      *found = strstr (speech, passage);
  guint            start, end;

  if (found != NULL)
    {
      start = g_utf8_pointer_to_offset (speech, found);
      end = start + g_utf8_strlen (passage, -1);
      rostra_anchor_describe (speech, start, end, &exact, &prefix, &suffix);
    }
  else
    {
      /* A passage the text no longer has: it is listed as orphaned. */
      start = 10;
      end = 20;
      exact = g_strdup (passage);
      prefix = g_strdup ("");
      suffix = g_strdup ("");
    }

  annotation = rostra_annotation_new (fixture->article_id, start, end, exact, prefix, suffix);
  rostra_annotation_set_color (annotation, color);
  rostra_annotation_set_note (annotation, note);
  rostra_annotation_set_tags (annotation, tags);
  rostra_store_add_annotation (fixture->store, annotation, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rostra_annotation_get_id (annotation), >, 0);
  return rostra_annotation_get_id (annotation);
}

static RostraAnnotation *
load (Fixture *fixture, gint64 id)
{
  g_autoptr (GError) error = NULL;
  RostraAnnotation *annotation = rostra_store_load_annotation (fixture->store, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (annotation);
  return annotation;
}

/* The saved tags of the annotation with @id, joined by commas. */
static char *
saved_tags (Fixture *fixture, gint64 id)
{
  g_autoptr (RostraAnnotation) saved = load (fixture, id);

  return g_strjoinv (",", (char **) rostra_annotation_get_tags (saved));
}

static GListModel *
list_annotations (Fixture *fixture, gint64 article_id)
{
  g_autoptr (GError) error = NULL;
  GListModel *annotations = rostra_store_list_annotations (fixture->store, article_id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (annotations);
  return annotations;
}

static void
changed_cb (RostraAnnotationsPane *pane, RostraAnnotation *annotation, Fixture *fixture)
{
  g_assert_true (ROSTRA_IS_ANNOTATION (annotation));
  fixture->n_changed++;
  g_set_object (&fixture->last, annotation);
}

static void
activated_cb (RostraAnnotationsPane *pane, RostraAnnotation *annotation, Fixture *fixture)
{
  g_assert_true (ROSTRA_IS_ANNOTATION (annotation));
  fixture->n_activated++;
  g_set_object (&fixture->last, annotation);
}

static void
delete_requested_cb (RostraAnnotationsPane *pane, RostraAnnotation *annotation, Fixture *fixture)
{
  g_assert_true (ROSTRA_IS_ANNOTATION (annotation));
  fixture->n_delete_requested++;
  g_set_object (&fixture->last, annotation);
}

static void
error_cb (RostraAnnotationsPane *pane, const char *message, Fixture *fixture)
{
  g_assert_nonnull (message);
  fixture->n_errors++;
  g_free (fixture->last_error);
  fixture->last_error = g_strdup (message);
}

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  const char *const tags[] = { "Rhetoric", "founding", NULL };
  const char *const war[] = { "war", NULL };

  fixture->store = rostra_test_store_new (NULL);
  g_assert_true (rostra_store_add_article (fixture->store, 0, "Gettysburg Address", "Lincoln",
                                           "1863-11-19T00:00:00", "en", speech,
                                           &fixture->article_id, &error));
  g_assert_no_error (error);
  g_assert_true (rostra_store_add_article (fixture->store, 0, "Unannotated", NULL, NULL, "en",
                                           "A speech nobody has annotated.",
                                           &fixture->empty_article_id, &error));
  g_assert_no_error (error);

  /* Added out of text order: the list is in text order, orphans last. */
  fixture->ids[2] = add_annotation (fixture, "testing whether that nation", "blue", "", NULL);
  fixture->ids[0] = add_annotation (fixture, "Four score and seven years ago", "yellow",
                                    "Dates the nation from 1776.", tags);
  fixture->ids[3] = add_annotation (fixture, "a sentence struck from the transcript", "purple",
                                    "Kept from the first draft.", NULL);
  fixture->ids[1] = add_annotation (fixture, "created equal", "green", "", war);
  fixture->annotations = list_annotations (fixture, fixture->article_id);

  fixture->pane = g_object_ref_sink (ROSTRA_ANNOTATIONS_PANE (rostra_annotations_pane_new ()));
  rostra_annotations_pane_set_store (fixture->pane, fixture->store);
  g_signal_connect (fixture->pane, "annotation-changed", G_CALLBACK (changed_cb), fixture);
  g_signal_connect (fixture->pane, "annotation-activated", G_CALLBACK (activated_cb), fixture);
  g_signal_connect (fixture->pane, "delete-requested", G_CALLBACK (delete_requested_cb), fixture);
  g_signal_connect (fixture->pane, "error", G_CALLBACK (error_cb), fixture);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  if (fixture->pane != NULL)
    {
      g_signal_handlers_disconnect_by_data (fixture->pane, fixture);
      /* Nothing keeps the pane alive: no cycle through its rows. */
      g_object_add_weak_pointer (G_OBJECT (fixture->pane), (gpointer *) &fixture->pane);
      g_object_unref (fixture->pane);
      g_assert_null (fixture->pane);
    }
  g_clear_object (&fixture->annotations);
  g_clear_object (&fixture->last);
  g_clear_pointer (&fixture->last_error, g_free);
  g_clear_object (&fixture->store);
}

/* Showing */

static void
test_rows (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GPtrArray) rows = NULL;
  RostraAnnotationRow *row;
  GtkWidget           *mark;

  rostra_annotations_pane_set_annotations (fixture->pane, fixture->annotations);
  rows = get_rows (fixture->pane);
  g_assert_cmpuint (rows->len, ==, 4);
  g_assert_cmpuint (rostra_annotations_pane_get_n_shown (fixture->pane), ==, 4);
  g_assert_null (status_title (fixture->pane));
  g_assert_cmpstr (count_text (fixture->pane), ==, "4 annotations");
  g_assert_true (header_visible (fixture->pane));

  /* In text order, the orphan last, each row with the list's object. */
  for (guint i = 0; i < rows->len; i++)
    {
      g_autoptr (RostraAnnotation) item = g_list_model_get_item (fixture->annotations, i);

      row = g_ptr_array_index (rows, i);
      g_assert_true (rostra_annotation_row_get_annotation (row) == item);
      g_assert_cmpint (rostra_annotation_get_id (item), ==, fixture->ids[i]);
    }

  /* The first: colour, passage, note, tags, date. */
  row = g_ptr_array_index (rows, 0);
  mark = rostra_test_get_widget (GTK_WIDGET (row), GTK_TYPE_WIDGET, "annotation-mark");
  g_assert_true (gtk_widget_has_css_class (mark, "yellow"));
  g_assert_false (gtk_widget_has_css_class (mark, "blue"));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (mark), ==, "Yellow");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (
                       rostra_test_get_widget (GTK_WIDGET (row), GTK_TYPE_LABEL, "passage"))),
                   ==, "“Four score and seven years ago”");
  assert_owned_str (note_text (row), "Dates the nation from 1776.");
  assert_owned_str (pill_names (row), "founding,Rhetoric");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (
                       rostra_test_get_widget (GTK_WIDGET (row), GTK_TYPE_LABEL, "date"))),
                   !=, "");
  g_assert_false (gtk_widget_get_visible (
      rostra_test_get_widget (GTK_WIDGET (row), GTK_TYPE_LABEL, "orphaned")));
  g_assert_false (gtk_widget_get_visible (
      rostra_test_get_widget (GTK_WIDGET (row), GTK_TYPE_LABEL, "note-placeholder")));

  /* Without note or tags: the placeholder, no pills. */
  row = g_ptr_array_index (rows, 2);
  g_assert_true (gtk_widget_has_css_class (
      rostra_test_get_widget (GTK_WIDGET (row), GTK_TYPE_WIDGET, "annotation-mark"), "blue"));
  assert_owned_str (note_text (row), "");
  g_assert_true (gtk_widget_get_visible (
      rostra_test_get_widget (GTK_WIDGET (row), GTK_TYPE_LABEL, "note-placeholder")));
  g_assert_false (
      gtk_widget_get_visible (rostra_test_get_widget (GTK_WIDGET (row), GTK_TYPE_FLOW_BOX, NULL)));

  /* The orphan says so. */
  row = g_ptr_array_index (rows, 3);
  g_assert_true (rostra_annotation_get_orphaned (rostra_annotation_row_get_annotation (row)));
  g_assert_true (gtk_widget_get_visible (
      rostra_test_get_widget (GTK_WIDGET (row), GTK_TYPE_LABEL, "orphaned")));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (
                       rostra_test_get_widget (GTK_WIDGET (row), GTK_TYPE_LABEL, "orphaned"))),
                   ==, "Passage not found in the text");

  /* The rows go with their list. */
  g_object_add_weak_pointer (G_OBJECT (row), (gpointer *) &row);
  rostra_annotations_pane_set_annotations (fixture->pane, NULL);
  g_assert_null (row);
  g_assert_cmpuint (n_rows (fixture->pane), ==, 0);
}

/* A change made elsewhere (the window's undo) shows in the row. */
static void
test_follows_annotation (Fixture *fixture, gconstpointer data)
{
  const char *const    tags[] = { "undone", NULL };
  RostraAnnotationRow *row;
  RostraAnnotation    *annotation;

  rostra_annotations_pane_set_annotations (fixture->pane, fixture->annotations);
  row = get_row (fixture->pane, fixture->ids[2]);
  annotation = rostra_annotation_row_get_annotation (row);

  rostra_annotation_set_color (annotation, "red");
  rostra_annotation_set_note (annotation, "From elsewhere.");
  rostra_annotation_set_tags (annotation, tags);
  g_assert_true (gtk_widget_has_css_class (
      rostra_test_get_widget (GTK_WIDGET (row), GTK_TYPE_WIDGET, "annotation-mark"), "red"));
  g_assert_false (gtk_widget_has_css_class (
      rostra_test_get_widget (GTK_WIDGET (row), GTK_TYPE_WIDGET, "annotation-mark"), "blue"));
  assert_owned_str (note_text (row), "From elsewhere.");
  assert_owned_str (pill_names (row), "undone");

  /* Nothing was the user's: nothing to save. */
  rostra_test_spin (1200);
  g_assert_cmpuint (fixture->n_changed, ==, 0);
}

/* Filtering */

static void
test_filter_text (Fixture *fixture, gconstpointer data)
{
  rostra_annotations_pane_set_annotations (fixture->pane, fixture->annotations);

  /* In the passage, in any case. */
  set_filter_text (fixture->pane, "WHETHER", 1);
  g_assert_cmpuint (n_rows (fixture->pane), ==, 1);
  g_assert_nonnull (get_row (fixture->pane, fixture->ids[2]));
  g_assert_cmpstr (count_text (fixture->pane), ==, "1 of 4 annotations");

  /* In the note. */
  set_filter_text (fixture->pane, "1776", 1);
  g_assert_nonnull (get_row (fixture->pane, fixture->ids[0]));
  set_filter_text (fixture->pane, "draft", 1);
  g_assert_nonnull (get_row (fixture->pane, fixture->ids[3]));

  /* In the tags. */
  set_filter_text (fixture->pane, "rhetoric", 1);
  g_assert_nonnull (get_row (fixture->pane, fixture->ids[0]));
  set_filter_text (fixture->pane, "war", 1);
  g_assert_nonnull (get_row (fixture->pane, fixture->ids[1]));

  /* Every word, each anywhere. */
  set_filter_text (fixture->pane, "score founding", 1);
  set_filter_text (fixture->pane, "score war", 0);
  g_assert_cmpstr (status_title (fixture->pane), ==, "No Matching Annotations");
  g_assert_true (header_visible (fixture->pane));

  set_filter_text (fixture->pane, "", 4);
  g_assert_null (status_title (fixture->pane));
  g_assert_cmpstr (count_text (fixture->pane), ==, "4 annotations");
}

static void
test_filter_color (Fixture *fixture, gconstpointer data)
{
  GtkDropDown *dropdown;
  GListModel  *names;

  rostra_annotations_pane_set_annotations (fixture->pane, fixture->annotations);
  dropdown =
      GTK_DROP_DOWN (rostra_test_get_widget (GTK_WIDGET (fixture->pane), GTK_TYPE_DROP_DOWN, NULL));
  names = gtk_drop_down_get_model (dropdown);
  g_assert_cmpuint (g_list_model_get_n_items (names), ==, 6);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (names), 0), ==, "All Colours");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (names), 3), ==, "Blue");
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 0);

  gtk_drop_down_set_selected (dropdown, 3); /* Blue */
  g_assert_cmpuint (rostra_annotations_pane_get_n_shown (fixture->pane), ==, 1);
  g_assert_nonnull (get_row (fixture->pane, fixture->ids[2]));

  gtk_drop_down_set_selected (dropdown, 4); /* Red: none */
  g_assert_cmpuint (rostra_annotations_pane_get_n_shown (fixture->pane), ==, 0);
  g_assert_cmpstr (status_title (fixture->pane), ==, "No Matching Annotations");

  /* With words too: both must match. */
  gtk_drop_down_set_selected (dropdown, 1); /* Yellow */
  g_assert_cmpuint (rostra_annotations_pane_get_n_shown (fixture->pane), ==, 1);
  set_filter_text (fixture->pane, "nation", 1);
  g_assert_nonnull (get_row (fixture->pane, fixture->ids[0])); /* “…the nation from 1776” */
  set_filter_text (fixture->pane, "testing", 0);

  /* The status page's button clears both. */
  g_signal_emit_by_name (
      rostra_test_get_widget (GTK_WIDGET (fixture->pane), GTK_TYPE_BUTTON, "pill"), "clicked");
  g_assert_cmpuint (rostra_annotations_pane_get_n_shown (fixture->pane), ==, 4);
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 0);
}

static void
test_empty_states (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GListModel) none = list_annotations (fixture, fixture->empty_article_id);

  /* No speech open. */
  g_assert_cmpstr (status_title (fixture->pane), ==, "No Speech Open");
  g_assert_false (header_visible (fixture->pane));
  g_assert_cmpuint (rostra_annotations_pane_get_n_shown (fixture->pane), ==, 0);

  /* A speech without annotations. */
  rostra_annotations_pane_set_annotations (fixture->pane, none);
  g_assert_cmpstr (status_title (fixture->pane), ==, "No Annotations");
  g_assert_false (header_visible (fixture->pane));

  /* Annotations, and a filter that hides them all. */
  rostra_annotations_pane_set_annotations (fixture->pane, fixture->annotations);
  g_assert_null (status_title (fixture->pane));
  set_filter_text (fixture->pane, "nowhere to be found", 0);
  g_assert_cmpstr (status_title (fixture->pane), ==, "No Matching Annotations");

  /* The list changing under the pane: the window deletes and undoes. */
  set_filter_text (fixture->pane, "", 4);
  g_list_store_remove_all (G_LIST_STORE (fixture->annotations));
  g_assert_cmpstr (status_title (fixture->pane), ==, "No Annotations");
  g_assert_cmpuint (n_rows (fixture->pane), ==, 0);

  rostra_annotations_pane_set_annotations (fixture->pane, NULL);
  g_assert_cmpstr (status_title (fixture->pane), ==, "No Speech Open");
}

/* Editing */

static void
test_edit_note_timeout (Fixture *fixture, gconstpointer data)
{
  g_autoptr (RostraAnnotation) saved = NULL;
  RostraAnnotationRow *row;

  rostra_annotations_pane_set_annotations (fixture->pane, fixture->annotations);
  row = get_row (fixture->pane, fixture->ids[2]);

  /* Typing: nothing is saved at once, then all of it after a pause. */
  gtk_text_buffer_set_text (note_buffer (row), "A first", -1);
  gtk_text_buffer_insert_at_cursor (note_buffer (row), " thought.", -1);
  g_assert_cmpuint (fixture->n_changed, ==, 0);
  g_assert_false (gtk_widget_get_visible (
      rostra_test_get_widget (GTK_WIDGET (row), GTK_TYPE_LABEL, "note-placeholder")));
  wait_for_count (&fixture->n_changed, 1);
  g_assert_true (fixture->last == rostra_annotation_row_get_annotation (row));
  g_assert_cmpstr (rostra_annotation_get_note (fixture->last), ==, "A first thought.");

  saved = load (fixture, fixture->ids[2]);
  g_assert_cmpstr (rostra_annotation_get_note (saved), ==, "A first thought.");
  g_assert_cmpstr (rostra_annotation_get_color (saved), ==, "blue");

  /* The same text again is no change. */
  gtk_text_buffer_set_text (note_buffer (row), "A first thought.", -1);
  rostra_test_spin (1200);
  g_assert_cmpuint (fixture->n_changed, ==, 1);
  g_assert_cmpuint (fixture->n_errors, ==, 0);
}

/* The pane going away with a note just typed: the note is kept. */
static void
test_edit_note_dispose (Fixture *fixture, gconstpointer data)
{
  g_autoptr (RostraAnnotation) saved = NULL;
  RostraAnnotationRow *row;

  rostra_annotations_pane_set_annotations (fixture->pane, fixture->annotations);
  row = get_row (fixture->pane, fixture->ids[1]);
  gtk_text_buffer_set_text (note_buffer (row), "Typed just before closing.", -1);
  g_clear_object (&fixture->pane);

  saved = load (fixture, fixture->ids[1]);
  g_assert_cmpstr (rostra_annotation_get_note (saved), ==, "Typed just before closing.");
  /* Saved without a word: the pane is going away. */
  g_assert_cmpuint (fixture->n_changed, ==, 0);
}

/* The remove button of the pill of @tag. */
static GtkWidget *
find_remove_button (RostraAnnotationRow *row, const char *tag)
{
  GtkWidget *flow_box = rostra_test_get_widget (GTK_WIDGET (row), GTK_TYPE_FLOW_BOX, NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (flow_box); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *pill = rostra_test_get_widget (child, GTK_TYPE_BOX, "tag-pill");
      GtkWidget *label = rostra_test_get_widget (pill, GTK_TYPE_LABEL, NULL);

      if (g_str_equal (gtk_label_get_text (GTK_LABEL (label)), tag))
        return rostra_test_get_widget (pill, GTK_TYPE_BUTTON, NULL);
    }
  return NULL;
}

static void
test_add_tag (Fixture *fixture, gconstpointer data)
{
  RostraAnnotationRow *row;
  GtkWidget           *entry;
  GtkWidget           *remove;

  rostra_annotations_pane_set_annotations (fixture->pane, fixture->annotations);
  row = get_row (fixture->pane, fixture->ids[2]);
  entry = rostra_test_get_widget (GTK_WIDGET (row), GTK_TYPE_ENTRY, "tag-entry");

  gtk_editable_set_text (GTK_EDITABLE (entry), "  Union ");
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpuint (fixture->n_changed, ==, 1);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  assert_owned_str (saved_tags (fixture, fixture->ids[2]), "Union");
  assert_owned_str (pill_names (row), "Union");

  /* A tag it has, in another case: no change. Nothing: no change. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "union");
  g_signal_emit_by_name (entry, "activate");
  gtk_editable_set_text (GTK_EDITABLE (entry), "   ");
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpuint (fixture->n_changed, ==, 1);

  /* An existing tag typed in another case takes its spelling; commas
   * separate tags. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "rhetoric, Liberty");
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpuint (fixture->n_changed, ==, 2);
  assert_owned_str (saved_tags (fixture, fixture->ids[2]), "Liberty,Rhetoric,Union");

  /* A pill's button removes its tag. */
  remove = find_remove_button (row, "Union");
  g_assert_nonnull (remove);
  g_signal_emit_by_name (remove, "clicked");
  g_assert_cmpuint (fixture->n_changed, ==, 3);
  assert_owned_str (saved_tags (fixture, fixture->ids[2]), "Liberty,Rhetoric");
  assert_owned_str (pill_names (row), "Liberty,Rhetoric");
}

/* The names the row's tag entry completes. */
static char *
completion_names (RostraAnnotationRow *row)
{
  GtkWidget         *entry = rostra_test_get_widget (GTK_WIDGET (row), GTK_TYPE_ENTRY, "tag-entry");
  const char *const *names =
      rostra_tag_completion_get_names (rostra_tag_completion_get_for (entry));

  return g_strjoinv (",", (char **) names);
}

static void
test_tag_completion (Fixture *fixture, gconstpointer data)
{
  g_autoptr (RostraAnnotation) other = NULL;
  const char *const    tags[] = { "Gettysburg", NULL };
  RostraAnnotationRow *row;
  GtkWidget           *entry;

  rostra_annotations_pane_set_annotations (fixture->pane, fixture->annotations);
  row = get_row (fixture->pane, fixture->ids[0]);
  assert_owned_str (completion_names (row), "founding,Rhetoric,war");

  /* A tag added in the pane is offered by the other rows at once. */
  entry = rostra_test_get_widget (GTK_WIDGET (get_row (fixture->pane, fixture->ids[1])),
                                  GTK_TYPE_ENTRY, "tag-entry");
  gtk_editable_set_text (GTK_EDITABLE (entry), "Equality");
  g_signal_emit_by_name (entry, "activate");
  assert_owned_str (completion_names (row), "Equality,founding,Rhetoric,war");

  /* One added elsewhere, when the list is set again. */
  other = load (fixture, fixture->ids[3]);
  rostra_annotation_set_tags (other, tags);
  g_assert_true (rostra_store_update_annotation (fixture->store, other, NULL));
  rostra_annotations_pane_set_annotations (fixture->pane, fixture->annotations);
  assert_owned_str (completion_names (get_row (fixture->pane, fixture->ids[0])),
                    "Equality,founding,Gettysburg,Rhetoric,war");
}

static void
test_color_action (Fixture *fixture, gconstpointer data)
{
  g_autoptr (RostraAnnotation) saved = NULL;
  RostraAnnotationRow *row;
  GtkWidget           *mark;

  rostra_annotations_pane_set_annotations (fixture->pane, fixture->annotations);
  row = get_row (fixture->pane, fixture->ids[0]);
  mark = rostra_test_get_widget (GTK_WIDGET (row), GTK_TYPE_WIDGET, "annotation-mark");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "row.color", "s", "green"));
  g_assert_cmpuint (fixture->n_changed, ==, 1);
  g_assert_true (gtk_widget_has_css_class (mark, "green"));
  g_assert_false (gtk_widget_has_css_class (mark, "yellow"));
  saved = load (fixture, fixture->ids[0]);
  g_assert_cmpstr (rostra_annotation_get_color (saved), ==, "green");
  g_assert_cmpstr (rostra_annotation_get_note (saved), ==, "Dates the nation from 1776.");

  /* The same colour, or none Rostra knows: no change. */
  gtk_widget_activate_action (GTK_WIDGET (row), "row.color", "s", "green");
  gtk_widget_activate_action (GTK_WIDGET (row), "row.color", "s", "mauve");
  g_assert_cmpuint (fixture->n_changed, ==, 1);
  g_assert_true (gtk_widget_has_css_class (mark, "green"));
}

/* A change that cannot be saved is undone, and reported. */
static void
test_save_error (Fixture *fixture, gconstpointer data)
{
  RostraAnnotationRow *row;
  RostraAnnotation    *annotation;

  rostra_annotations_pane_set_annotations (fixture->pane, fixture->annotations);
  row = get_row (fixture->pane, fixture->ids[0]);
  annotation = rostra_annotation_row_get_annotation (row);

  /* The store refuses a colour it does not know. */
  rostra_annotation_set_color (annotation, "mauve");
  g_signal_emit_by_name (row, "changed");
  g_assert_cmpuint (fixture->n_errors, ==, 1);
  g_assert_cmpuint (fixture->n_changed, ==, 0);
  g_assert_nonnull (strstr (fixture->last_error, "mauve"));
  g_assert_cmpstr (rostra_annotation_get_color (annotation), ==, "yellow");
  g_assert_true (gtk_widget_has_css_class (
      rostra_test_get_widget (GTK_WIDGET (row), GTK_TYPE_WIDGET, "annotation-mark"), "yellow"));
}

static void
test_delete_requested (Fixture *fixture, gconstpointer data)
{
  g_autoptr (RostraAnnotation) saved = NULL;
  RostraAnnotationRow *row;

  rostra_annotations_pane_set_annotations (fixture->pane, fixture->annotations);
  row = get_row (fixture->pane, fixture->ids[1]);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "row.delete", NULL));
  g_assert_cmpuint (fixture->n_delete_requested, ==, 1);
  g_assert_true (fixture->last == rostra_annotation_row_get_annotation (row));

  /* Deleting is the window's: the archive still has it, the pane too. */
  saved = load (fixture, fixture->ids[1]);
  g_assert_cmpint (rostra_annotation_get_id (saved), ==, fixture->ids[1]);
  g_assert_cmpuint (n_rows (fixture->pane), ==, 4);
}

static void
test_activate (Fixture *fixture, gconstpointer data)
{
  GtkListBox    *list_box;
  GtkListBoxRow *row;

  rostra_annotations_pane_set_annotations (fixture->pane, fixture->annotations);
  list_box =
      GTK_LIST_BOX (rostra_test_get_widget (GTK_WIDGET (fixture->pane), GTK_TYPE_LIST_BOX, NULL));
  row = gtk_list_box_get_row_at_index (list_box, 2);

  g_signal_emit_by_name (list_box, "row-activated", row);
  g_assert_cmpuint (fixture->n_activated, ==, 1);
  g_assert_cmpint (rostra_annotation_get_id (fixture->last), ==, fixture->ids[2]);
}

static void
test_select (Fixture *fixture, gconstpointer data)
{
  g_autoptr (RostraAnnotation) third = g_list_model_get_item (fixture->annotations, 2);
  g_autoptr (RostraAnnotation) copy = load (fixture, fixture->ids[3]);
  GtkListBox    *list_box;
  GtkListBoxRow *selected;

  rostra_annotations_pane_set_annotations (fixture->pane, fixture->annotations);
  list_box =
      GTK_LIST_BOX (rostra_test_get_widget (GTK_WIDGET (fixture->pane), GTK_TYPE_LIST_BOX, NULL));

  rostra_annotations_pane_select (fixture->pane, third);
  selected = gtk_list_box_get_selected_row (list_box);
  g_assert_nonnull (selected);
  g_assert_true (rostra_annotation_row_get_annotation (
                     ROSTRA_ANNOTATION_ROW (gtk_list_box_row_get_child (selected))) == third);

  /* Another object for the same annotation will do, and the filter
   * that hides it goes. */
  set_filter_text (fixture->pane, "score", 1);
  rostra_annotations_pane_select (fixture->pane, copy);
  g_assert_cmpuint (rostra_annotations_pane_get_n_shown (fixture->pane), ==, 4);
  selected = gtk_list_box_get_selected_row (list_box);
  g_assert_nonnull (selected);
  g_assert_cmpint (rostra_annotation_get_id (rostra_annotation_row_get_annotation (
                       ROSTRA_ANNOTATION_ROW (gtk_list_box_row_get_child (selected)))),
                   ==, fixture->ids[3]);

  rostra_annotations_pane_select (fixture->pane, NULL);
  g_assert_null (gtk_list_box_get_selected_row (list_box));
}

/* In a window: focus, scrolling */

/* Waits for @widget to be taller than @height: a note view's height
 * follows its text a frame or two later. */
static void
wait_for_height (GtkWidget *widget, int height)
{
  gint64 deadline = g_get_monotonic_time () + ROSTRA_TEST_TIMEOUT_MS * G_TIME_SPAN_MILLISECOND;

  while (gtk_widget_get_height (widget) <= height && g_get_monotonic_time () < deadline)
    rostra_test_spin (20);
  g_assert_cmpint (gtk_widget_get_height (widget), >, height);
}

/* A 320×480 window showing the pane with @annotations, once mapped. */
static GtkWidget *
show_pane (Fixture *fixture, GListModel *annotations)
{
  GtkWidget *window = gtk_window_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), 320, 480);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (fixture->pane));
  rostra_annotations_pane_set_annotations (fixture->pane, annotations);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (rostra_test_wait_mapped (GTK_WIDGET (fixture->pane)));
  return window;
}

static void
test_window (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GListModel) many = NULL;
  g_autoptr (RostraAnnotation) last = NULL;
  g_autoptr (RostraAnnotation) saved = NULL;
  RostraAnnotationRow *row;
  GtkTextView         *note_view;
  GtkWidget           *window;
  GtkWidget           *scroller;
  GtkAdjustment       *adjustment;
  guint                n;
  int                  height;

  /* Enough annotations to scroll. */
  for (guint i = 0; i < 12; i++)
    add_annotation (fixture, "We are met on a great battle-field", "red", "Another.", NULL);
  many = list_annotations (fixture, fixture->article_id);
  n = g_list_model_get_n_items (many);
  last = g_list_model_get_item (many, n - 1);

  window = show_pane (fixture, many);
  rostra_test_spin (200);

  /* Every note has the height of its text. */
  row = get_row (fixture->pane, fixture->ids[0]);
  note_view = GTK_TEXT_VIEW (rostra_test_get_widget (GTK_WIDGET (row), GTK_TYPE_TEXT_VIEW, NULL));
  wait_for_height (GTK_WIDGET (note_view), 10);
  height = gtk_widget_get_height (GTK_WIDGET (note_view));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (row)), <=, 320);

  /* Selecting the last scrolls down to it. */
  scroller = gtk_widget_get_ancestor (
      rostra_test_get_widget (GTK_WIDGET (fixture->pane), GTK_TYPE_LIST_BOX, NULL),
      GTK_TYPE_SCROLLED_WINDOW);
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0);
  rostra_annotations_pane_select (fixture->pane, last);
  rostra_test_spin (300);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, 0);

  /* Editing the note of the first: the focus in its note, saved as the
   * focus leaves, before the delay. The window's focus, not the display's:
   * the suite runs two UI tests at a time on one Xvfb display without a
   * window manager, where the other test's window may be the active one
   * (GTK 4.18 then reports has-focus FALSE for every widget of ours). */
  rostra_annotations_pane_edit_note (fixture->pane, rostra_annotation_row_get_annotation (row));
  g_assert_true (gtk_widget_is_focus (GTK_WIDGET (note_view)));
  gtk_text_buffer_insert_at_cursor (gtk_text_view_get_buffer (note_view), " And 1863.", -1);
  /* A longer note, a taller view. */
  gtk_text_buffer_insert_at_cursor (gtk_text_view_get_buffer (note_view), "\n\n", -1);
  wait_for_height (GTK_WIDGET (note_view), height + 10);
  gtk_widget_grab_focus (
      rostra_test_get_widget (GTK_WIDGET (fixture->pane), GTK_TYPE_SEARCH_ENTRY, NULL));
  g_assert_cmpuint (fixture->n_changed, ==, 1);
  saved = load (fixture, fixture->ids[0]);
  g_assert_cmpstr (rostra_annotation_get_note (saved), ==,
                   "Dates the nation from 1776. And 1863.\n\n");

  /* And not again when the delay is over. */
  rostra_test_spin (1200);
  g_assert_cmpuint (fixture->n_changed, ==, 1);

  g_signal_handlers_disconnect_by_data (fixture->pane, fixture);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Markup in a note, a tag or a passage is text, shown as it was
 * written (issue 8): no bold, no Pango warning (warnings are fatal). */
static void
test_markup_verbatim (Fixture *fixture, gconstpointer data)
{
  static const char text[] = "She said <b>no</b> & <i>left &amp; then <span foreground=\"red\">";
  static const char note[] = "<b>bold</b> & <i>";
  const char *const tags[] = { "<b>tag</b>", "a & b", "&amp;", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (RostraAnnotation) annotation = NULL;
  g_autoptr (GListModel) list = NULL;
  g_autofree char     *exact = NULL, *prefix = NULL, *suffix = NULL;
  g_autofree char     *expected_passage = NULL;
  RostraAnnotationRow *row;
  GtkWidget           *window;
  GtkLabel            *passage;
  gint64               article;

  g_assert_true (rostra_store_add_article (fixture->store, 0, "Markup <b>speech</b>", NULL, NULL,
                                           "en", text, &article, &error));
  g_assert_no_error (error);
  rostra_anchor_describe (text, 9, 39, &exact, &prefix, &suffix);
  annotation = rostra_annotation_new (article, 9, 39, exact, prefix, suffix);
  rostra_annotation_set_color (annotation, "red");
  rostra_annotation_set_note (annotation, note);
  rostra_annotation_set_tags (annotation, tags);
  g_assert_true (rostra_store_add_annotation (fixture->store, annotation, &error));
  g_assert_no_error (error);
  list = list_annotations (fixture, article);

  window = show_pane (fixture, list);
  rostra_test_flush ();

  row = get_row (fixture->pane, rostra_annotation_get_id (annotation));
  assert_owned_str (note_text (row), note);
  assert_owned_str (pill_names (row), "&amp;,<b>tag</b>,a & b");
  passage = GTK_LABEL (rostra_test_get_widget (GTK_WIDGET (row), GTK_TYPE_LABEL, "passage"));
  expected_passage = g_strdup_printf ("“%s”", exact);
  g_assert_cmpstr (gtk_label_get_text (passage), ==, expected_passage);
  g_assert_false (gtk_label_get_use_markup (passage));

  /* Filtering by the markup finds it as text. */
  set_filter_text (fixture->pane, "<b>bold</b>", 1);

  gtk_window_set_child (GTK_WINDOW (window), NULL);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Typing in a row's tag entry offers the archive's tags it lacks; taking
 * one adds it. */
static void
test_tag_suggestions (Fixture *fixture, gconstpointer data)
{
  GtkWidget           *window = show_pane (fixture, fixture->annotations);
  RostraAnnotationRow *row = get_row (fixture->pane, fixture->ids[0]);
  GtkWidget *entry = rostra_test_get_widget (GTK_WIDGET (row), GTK_TYPE_ENTRY, "tag-entry");
  RostraTagCompletion *completion = rostra_tag_completion_get_for (entry);
  GtkWidget           *popover, *list, *first;

  assert_owned_str (pill_names (row), "founding,Rhetoric");
  gtk_widget_grab_focus (entry);
  /* "Rhetoric" holds an r too, but the annotation has it. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "R");
  rostra_test_flush ();
  g_assert_true (rostra_tag_completion_get_shown (completion));
  popover = rostra_test_get_widget (entry, GTK_TYPE_POPOVER, "tag-suggestions");
  list = gtk_popover_get_child (GTK_POPOVER (popover));
  first = gtk_widget_get_first_child (list);
  g_assert_nonnull (first);
  g_assert_null (gtk_widget_get_next_sibling (first));
  g_assert_cmpstr (
      gtk_label_get_label (GTK_LABEL (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (first)))), ==,
      "war");

  g_signal_emit_by_name (list, "row-activated", first);
  g_assert_false (rostra_tag_completion_get_shown (completion));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  assert_owned_str (saved_tags (fixture, fixture->ids[0]), "founding,Rhetoric,war");

  /* Nothing typed, nothing offered. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "zz");
  rostra_test_flush ();
  g_assert_false (rostra_tag_completion_get_shown (completion));

  gtk_window_set_child (GTK_WINDOW (window), NULL);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char *argv[])
{
  /* Away from the user's settings and a11y bus, and in the C locale
   * for the strings it checks. */
  rostra_test_ui_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/annotations-pane/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("rows", test_rows);
  ADD ("follows-annotation", test_follows_annotation);
  ADD ("filter-text", test_filter_text);
  ADD ("filter-color", test_filter_color);
  ADD ("empty-states", test_empty_states);
  ADD ("edit-note-timeout", test_edit_note_timeout);
  ADD ("edit-note-dispose", test_edit_note_dispose);
  ADD ("add-tag", test_add_tag);
  ADD ("tag-completion", test_tag_completion);
  ADD ("tag-suggestions", test_tag_suggestions);
  ADD ("color-action", test_color_action);
  ADD ("save-error", test_save_error);
  ADD ("delete-requested", test_delete_requested);
  ADD ("activate", test_activate);
  ADD ("select", test_select);
  ADD ("window", test_window);
  ADD ("markup-verbatim", test_markup_verbatim);

#undef ADD

  return g_test_run ();
}
