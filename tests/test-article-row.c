/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-article-row.c: the library list's row, filled from the store. */

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "rostra-article-row.h"
#include "rostra-test-ui.h"
#include "rostra-test-utils.h"
#include "rostra-text.h"

/* The first widget under @widget, itself included, with @css_class. */
static GtkWidget *
find_by_class (GtkWidget *widget, const char *css_class)
{
  return rostra_test_find_widget (widget, GTK_TYPE_WIDGET, css_class);
}

static GtkLabel *
find_label (RostraArticleRow *row, const char *css_class)
{
  GtkWidget *widget = find_by_class (GTK_WIDGET (row), css_class);

  g_assert_nonnull (widget);
  g_assert_true (GTK_IS_LABEL (widget));
  return GTK_LABEL (widget);
}

static const char *
label_text (RostraArticleRow *row, const char *css_class)
{
  return gtk_label_get_text (find_label (row, css_class));
}

static gboolean
is_visible (RostraArticleRow *row, const char *css_class)
{
  GtkWidget *widget = find_by_class (GTK_WIDGET (row), css_class);

  g_assert_nonnull (widget);
  return gtk_widget_get_visible (widget);
}

/* The number shown by the annotation count: the label in its box. */
static const char *
annotation_count_text (RostraArticleRow *row)
{
  GtkWidget *box = find_by_class (GTK_WIDGET (row), "annotation-count");

  g_assert_nonnull (box);
  for (GtkWidget *child = gtk_widget_get_first_child (box); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child))
        return gtk_label_get_text (GTK_LABEL (child));
    }
  g_assert_not_reached ();
}

/* An archive with a few articles; each test adds its own. */
typedef struct
{
  char        *path;
  RostraStore *store;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  fixture->store = rostra_test_store_new (&fixture->path);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  g_clear_object (&fixture->store);
  g_clear_pointer (&fixture->path, g_free);
}

static gint64
add_article_with_text (Fixture    *fixture,
                       const char *title,
                       const char *source,
                       const char *published,
                       const char *language,
                       const char *text)
{
  return rostra_test_add_speech (fixture->store, title, source, published, language, text);
}

static gint64
add_article (Fixture    *fixture,
             const char *title,
             const char *source,
             const char *published,
             const char *language)
{
  g_autofree char *text = g_strdup_printf ("The text of %s.", title);

  return add_article_with_text (fixture, title, source, published, language, text);
}

/* Annotations have no store API yet: written the way another
 * connection would, before the articles are listed. */
static void
add_annotations (Fixture *fixture, gint64 article_id, guint n)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (fixture->path, &db, SQLITE_OPEN_READWRITE, NULL), ==,
                   SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *sql = g_strdup_printf (
          "INSERT INTO annotations (article_id, start, end, exact, created, modified)"
          " VALUES (%" G_GINT64_FORMAT ", %u, %u, 'text', '2024-01-01T00:00:00',"
          " '2024-01-01T00:00:00')",
          article_id, i, i + 4);

      g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
    }
  sqlite3_close (db);
}

/* The article @id as listed by the store (without its text). */
static RostraArticle *
list_article (Fixture *fixture, gint64 id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) articles = rostra_store_list_articles (fixture->store, &error);

  g_assert_no_error (error);
  g_assert_nonnull (articles);
  for (guint i = 0; i < g_list_model_get_n_items (articles); i++)
    {
      g_autoptr (RostraArticle) article = g_list_model_get_item (articles, i);

      if (rostra_article_get_id (article) == id)
        {
          g_assert_null (rostra_article_get_text (article));
          return g_steal_pointer (&article);
        }
    }
  g_assert_not_reached ();
}

/* The article @id as a search for @search shows it, with a snippet. */
static RostraArticle *
search_article (Fixture *fixture, gint64 id, const char *search)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *fts = rostra_search_to_fts (search);
  RostraArticle   *article;

  g_assert_nonnull (fts);
  article = rostra_store_load_article_row (fixture->store, id, fts, &error);
  g_assert_no_error (error);
  g_assert_nonnull (article);
  g_assert_nonnull (rostra_article_get_snippet (article));
  return article;
}

static RostraArticleRow *
row_new (void)
{
  GtkWidget *row = rostra_article_row_new ();

  g_assert_true (ROSTRA_IS_ARTICLE_ROW (row));
  return ROSTRA_ARTICLE_ROW (g_object_ref_sink (row));
}

static void
assert_empty (RostraArticleRow *row)
{
  g_assert_null (rostra_article_row_get_article (row));
  g_assert_cmpstr (label_text (row, "title"), ==, "");
  g_assert_cmpstr (label_text (row, "date"), ==, "");
  g_assert_cmpstr (label_text (row, "source"), ==, "");
  g_assert_null (gtk_widget_get_tooltip_text (GTK_WIDGET (find_label (row, "source"))));
  g_assert_cmpstr (label_text (row, "language-badge"), ==, "");
  g_assert_false (is_visible (row, "language-badge"));
  g_assert_false (is_visible (row, "annotation-count"));
  g_assert_false (is_visible (row, "snippet"));
  g_assert_cmpstr (label_text (row, "snippet"), ==, "");
}

static void
test_new (Fixture *fixture, gconstpointer data)
{
  g_autoptr (RostraArticleRow) row = row_new ();

  assert_empty (row);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (find_label (row, "title")), "heading"));
  g_assert_cmpint (gtk_label_get_lines (find_label (row, "title")), ==, 2);
  g_assert_cmpint (gtk_label_get_ellipsize (find_label (row, "title")), ==, PANGO_ELLIPSIZE_END);
  g_assert_true (gtk_label_get_use_markup (find_label (row, "snippet")));
  g_assert_cmpint (gtk_label_get_lines (find_label (row, "snippet")), ==, 3);
}

static void
test_dated (Fixture *fixture, gconstpointer data)
{
  gint64 id = add_article (fixture, "On the Duties of the Citizen", "The Forum Gazette",
                           "2021-03-07T10:30:00", "en");
  g_autoptr (RostraArticle) article = list_article (fixture, id);
  g_autoptr (RostraArticleRow) row = row_new ();
  GtkLabel *badge;

  rostra_article_row_set_article (row, article);

  g_assert_true (rostra_article_row_get_article (row) == article);
  g_assert_cmpstr (label_text (row, "title"), ==, "On the Duties of the Citizen");
  g_assert_cmpstr (label_text (row, "date"), !=, "");
  g_assert_cmpstr (label_text (row, "date"), !=, "No date");
  /* The test runs in the C locale. */
  g_assert_cmpstr (label_text (row, "date"), ==, "7 Mar 2021");
  g_assert_cmpstr (label_text (row, "source"), ==, "The Forum Gazette");

  badge = find_label (row, "language-badge");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (badge)));
  g_assert_cmpstr (gtk_label_get_text (badge), ==, "EN");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (badge)), ==, "English");

  g_assert_false (is_visible (row, "annotation-count"));
  g_assert_false (is_visible (row, "snippet"));
}

static void
test_undated (Fixture *fixture, gconstpointer data)
{
  gint64 id = add_article (fixture, "A Speech of Unknown Date", "Minutes", NULL, NULL);
  g_autoptr (RostraArticle) article = list_article (fixture, id);
  g_autoptr (RostraArticleRow) row = row_new ();

  g_assert_null (rostra_article_get_published (article));
  rostra_article_row_set_article (row, article);

  g_assert_cmpstr (label_text (row, "title"), ==, "A Speech of Unknown Date");
  g_assert_cmpstr (label_text (row, "date"), ==, "No date");
  g_assert_cmpstr (label_text (row, "source"), ==, "Minutes");
  g_assert_false (is_visible (row, "language-badge"));
  g_assert_cmpstr (label_text (row, "language-badge"), ==, "");
  g_assert_false (is_visible (row, "annotation-count"));
}

static void
test_other_language (Fixture *fixture, gconstpointer data)
{
  gint64 id = add_article (fixture, "Discurso", NULL, "1999-12-31T00:00:00", "pt");
  g_autoptr (RostraArticle) article = list_article (fixture, id);
  g_autoptr (RostraArticleRow) row = row_new ();
  GtkLabel *badge;

  rostra_article_row_set_article (row, article);

  badge = find_label (row, "language-badge");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (badge)));
  g_assert_cmpstr (gtk_label_get_text (badge), ==, "PT");
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (GTK_WIDGET (badge)), "pt"));
  g_assert_cmpstr (label_text (row, "date"), ==, "31 Dec 1999");
  g_assert_cmpstr (label_text (row, "source"), ==, "");
}

static void
test_annotations (Fixture *fixture, gconstpointer data)
{
  gint64 one = add_article (fixture, "One Note", "Hansard", "2020-01-01T00:00:00", "en");
  gint64 three = add_article (fixture, "Three Notes", "Hansard", "2020-01-02T00:00:00", "en");
  g_autoptr (RostraArticle) article_one = NULL;
  g_autoptr (RostraArticle) article_three = NULL;
  g_autoptr (RostraArticleRow) row = row_new ();
  GtkWidget *count;

  add_annotations (fixture, one, 1);
  add_annotations (fixture, three, 3);
  article_one = list_article (fixture, one);
  article_three = list_article (fixture, three);
  g_assert_cmpuint (rostra_article_get_n_annotations (article_one), ==, 1);
  g_assert_cmpuint (rostra_article_get_n_annotations (article_three), ==, 3);

  count = find_by_class (GTK_WIDGET (row), "annotation-count");
  g_assert_nonnull (count);

  rostra_article_row_set_article (row, article_three);
  g_assert_true (gtk_widget_get_visible (count));
  g_assert_cmpstr (annotation_count_text (row), ==, "3");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (count), ==, "3 annotations");

  rostra_article_row_set_article (row, article_one);
  g_assert_true (gtk_widget_get_visible (count));
  g_assert_cmpstr (annotation_count_text (row), ==, "1");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (count), ==, "1 annotation");
}

static void
test_snippet (Fixture *fixture, gconstpointer data)
{
  gint64 id = add_article_with_text (fixture, "Liberty & Order", "Forum", "2001-05-01T00:00:00",
                                     "en", "We speak of liberty <and> order & law.");
  g_autoptr (RostraArticle) article = search_article (fixture, id, "liberty");
  g_autoptr (RostraArticle) plain = list_article (fixture, id);
  g_autoptr (RostraArticleRow) row = row_new ();
  GtkLabel *snippet;

  rostra_article_row_set_article (row, article);
  snippet = find_label (row, "snippet");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (snippet)));
  /* The text escaped, the match in bold. */
  g_assert_nonnull (strstr (gtk_label_get_text (snippet), "liberty <and> order & law"));
  g_assert_null (strstr (gtk_label_get_text (snippet), ROSTRA_TEXT_MATCH_START));
  g_assert_nonnull (strstr (gtk_label_get_label (snippet), "<b>liberty</b>"));
  g_assert_nonnull (strstr (gtk_label_get_label (snippet), "&lt;and&gt; order &amp; law"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (snippet), "dim-label"));

  /* The same article without a snippet, as the plain list gives it. */
  g_assert_null (rostra_article_get_snippet (plain));
  rostra_article_row_set_article (row, plain);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (snippet)));
  g_assert_cmpstr (gtk_label_get_text (snippet), ==, "");
}

/* A recycled row shows nothing of the article it showed before. */
static void
test_recycle (Fixture *fixture, gconstpointer data)
{
  gint64 full_id = add_article (fixture, "Full", "Old Source", "2010-10-10T10:10:10", "fr");
  gint64 bare_id = add_article (fixture, "Bare", NULL, NULL, NULL);
  g_autoptr (RostraArticle) full = NULL;
  g_autoptr (RostraArticle) bare = NULL;
  g_autoptr (RostraArticleRow) row = row_new ();

  add_annotations (fixture, full_id, 2);
  full = search_article (fixture, full_id, "full");
  bare = list_article (fixture, bare_id);

  rostra_article_row_set_article (row, full);
  g_assert_cmpstr (label_text (row, "source"), ==, "Old Source");
  g_assert_cmpstr (label_text (row, "language-badge"), ==, "FR");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (find_label (row, "language-badge"))),
                   ==, "French");
  g_assert_true (is_visible (row, "language-badge"));
  g_assert_true (is_visible (row, "annotation-count"));
  g_assert_true (is_visible (row, "snippet"));

  /* Unbind, then bind another article. */
  rostra_article_row_set_article (row, NULL);
  assert_empty (row);

  rostra_article_row_set_article (row, bare);
  g_assert_true (rostra_article_row_get_article (row) == bare);
  g_assert_cmpstr (label_text (row, "title"), ==, "Bare");
  g_assert_cmpstr (label_text (row, "date"), ==, "No date");
  g_assert_cmpstr (label_text (row, "source"), ==, "");
  g_assert_null (gtk_widget_get_tooltip_text (GTK_WIDGET (find_label (row, "source"))));
  g_assert_false (is_visible (row, "language-badge"));
  g_assert_null (gtk_widget_get_tooltip_text (GTK_WIDGET (find_label (row, "language-badge"))));
  g_assert_false (is_visible (row, "annotation-count"));
  g_assert_null (
      gtk_widget_get_tooltip_text (find_by_class (GTK_WIDGET (row), "annotation-count")));
  g_assert_false (is_visible (row, "snippet"));

  /* Straight from one article to another, without NULL between. */
  rostra_article_row_set_article (row, full);
  rostra_article_row_set_article (row, bare);
  g_assert_cmpstr (label_text (row, "source"), ==, "");
  g_assert_false (is_visible (row, "language-badge"));
  g_assert_false (is_visible (row, "annotation-count"));
  g_assert_false (is_visible (row, "snippet"));
}

static void
notify_cb (GObject *object, GParamSpec *pspec, gpointer user_data)
{
  guint *n_notifies = user_data;

  (*n_notifies)++;
}

static void
test_property (Fixture *fixture, gconstpointer data)
{
  gint64 id = add_article (fixture, "Property", "Source", NULL, "de");
  g_autoptr (RostraArticle) article = list_article (fixture, id);
  g_autoptr (RostraArticle) got = NULL;
  g_autoptr (RostraArticleRow) row = row_new ();
  guint n_notifies = 0;

  g_signal_connect (row, "notify::article", G_CALLBACK (notify_cb), &n_notifies);

  g_object_set (row, "article", article, NULL);
  g_assert_cmpuint (n_notifies, ==, 1);
  g_object_get (row, "article", &got, NULL);
  g_assert_true (got == article);
  g_assert_cmpstr (label_text (row, "title"), ==, "Property");

  /* The same article again is no change. */
  rostra_article_row_set_article (row, article);
  g_assert_cmpuint (n_notifies, ==, 1);

  rostra_article_row_set_article (row, NULL);
  g_assert_cmpuint (n_notifies, ==, 2);
  rostra_article_row_set_article (row, NULL);
  g_assert_cmpuint (n_notifies, ==, 2);
}

/* The way the library will use it: the child of a GtkListView's items. */

static void
setup_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  gtk_list_item_set_child (item, rostra_article_row_new ());
}

static void
bind_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  rostra_article_row_set_article (ROSTRA_ARTICLE_ROW (gtk_list_item_get_child (item)),
                                  gtk_list_item_get_item (item));
}

static void
unbind_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  rostra_article_row_set_article (ROSTRA_ARTICLE_ROW (gtk_list_item_get_child (item)), NULL);
}

static void
test_list_view (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) articles = NULL;
  g_autoptr (GPtrArray) rows = g_ptr_array_new ();
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkSelectionModel  *selection;
  GtkWidget          *window;
  GtkWidget          *list_view;
  GtkWidget          *scrolled;

  add_article (fixture, "First", "A", "2003-01-01T00:00:00", "en");
  add_article (fixture,
               "Second, with a title long enough to need two lines or more in a narrow window",
               "A source with a long name that has to be ellipsized", "2002-01-01T00:00:00", "nl");
  add_article (fixture, "Third", NULL, NULL, NULL);
  articles = rostra_store_list_articles (fixture->store, &error);
  g_assert_no_error (error);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cb), NULL);
  selection = GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (articles)));
  list_view = gtk_list_view_new (selection, factory);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list_view);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 480);
  gtk_window_set_child (GTK_WINDOW (window), scrolled);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (rostra_test_wait_mapped (list_view));
  /* Then whatever is pending, for the list to make its rows. */
  rostra_test_flush ();

  rostra_test_collect_widgets (list_view, ROSTRA_TYPE_ARTICLE_ROW, NULL, rows);
  g_assert_cmpuint (rows->len, ==, 3);
  for (guint i = 0; i < rows->len; i++)
    {
      RostraArticleRow *row = g_ptr_array_index (rows, i);
      RostraArticle    *article = rostra_article_row_get_article (row);

      g_assert_nonnull (article);
      g_assert_cmpstr (label_text (row, "title"), ==, rostra_article_get_title (article));
      g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (row)), <=, 360);
    }

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char *argv[])
{
  /* Away from the user's settings and a11y bus, and in the C locale
   * for the dates and plurals it checks. */
  rostra_test_ui_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/article-row/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("new", test_new);
  ADD ("dated", test_dated);
  ADD ("undated", test_undated);
  ADD ("other-language", test_other_language);
  ADD ("annotations", test_annotations);
  ADD ("snippet", test_snippet);
  ADD ("recycle", test_recycle);
  ADD ("property", test_property);
  ADD ("list-view", test_list_view);

#undef ADD

  return g_test_run ();
}
