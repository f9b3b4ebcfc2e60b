/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-annotations.c: annotations and tags in the store: saving, editing,
 * undo, cascade, and anchors re-checked when the text changes. */

#include "config.h"

#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>
#include <string.h>

#include "rostra-anchor.h"
#include "rostra-test-utils.h"
#include "rostra-tag.h"

#define TEXT                                                                         \
  "Friends, the people of this valley 🎤 built the bridge. The people decide.\n\n" \
  "Ünïcödé aside, the people will cross it every morning."

typedef struct
{
  char        *path;
  RostraStore *store;
  gint64       article;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->store = rostra_test_store_new (&f->path);
  g_assert_true (rostra_store_add_article (f->store, 0, "The bridge", "Courier",
                                           "2021-03-14T09:30:00", "en", TEXT, &f->article, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  g_free (f->path);
}

/* The character offset of the @nth @needle in TEXT. */
static guint
offset_of (const char *needle, guint nth)
{
  const char *p = TEXT;

  for (guint i = 0; i <= nth; i++)
    {
      p = strstr (i ? p + 1 : p, needle);
      g_assert_nonnull (p);
    }
  return g_utf8_pointer_to_offset (TEXT, p);
}

static RostraAnnotation *
annotate (Fixture *f, const char *passage, guint nth, const char *color, const char *note)
{
  g_autoptr (GError) error = NULL;
  g_autofree char  *exact = NULL, *prefix = NULL, *suffix = NULL;
  guint             start = offset_of (passage, nth);
  guint             end = start + g_utf8_strlen (passage, -1);
  RostraAnnotation *a;

  rostra_anchor_describe (TEXT, start, end, &exact, &prefix, &suffix);
  g_assert_cmpstr (exact, ==, passage);
  a = rostra_annotation_new (f->article, start, end, exact, prefix, suffix);
  rostra_annotation_set_color (a, color);
  rostra_annotation_set_note (a, note);
  g_assert_true (rostra_store_add_annotation (f->store, a, &error));
  g_assert_no_error (error);
  return a;
}

static GListModel *
list (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  GListModel *model = rostra_store_list_annotations (f->store, f->article, &error);

  g_assert_no_error (error);
  return model;
}

static void
exec_sql (Fixture *f, const char *sql)
{
  sqlite3 *db;

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
test_add_and_list (Fixture *f, gconstpointer data)
{
  static const char *const tags[] = { "infrastructure", " Bridges ", "bridges", "", NULL };
  static const char *const sorted[] = { "Bridges", "infrastructure", NULL };
  g_autoptr (RostraAnnotation) second = annotate (f, "The people decide", 0, "green", "");
  g_autoptr (RostraAnnotation) first = NULL;
  g_autoptr (GListModel) model = NULL;
  g_autoptr (RostraAnnotation) item = NULL;
  g_autoptr (RostraArticle) article = NULL;
  g_autoptr (GError) error = NULL;

  first = rostra_annotation_new (f->article, offset_of ("the people", 0),
                                 offset_of ("the people", 0) + 10, "the people", "Friends, ",
                                 " of this valley");
  rostra_annotation_set_note (first, "Who are “the people”?\nSecond line <b>not markup</b>");
  rostra_annotation_set_tags (first, tags);
  g_assert_true (rostra_store_add_annotation (f->store, first, &error));
  g_assert_no_error (error);

  g_assert_cmpint (rostra_annotation_get_id (first), >, 0);
  g_assert_nonnull (rostra_annotation_get_created (first));
  g_assert_cmpstr (rostra_annotation_get_created (first), ==,
                   rostra_annotation_get_modified (first));

  /* On disk, seen by another connection. */
  g_assert_cmpint (rostra_test_count_rows (f->path, "annotations"), ==, 2);
  g_assert_cmpint (rostra_test_count_rows (f->path, "tags"), ==, 2);

  model = list (f);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  item = g_list_model_get_item (model, 0); /* text order */
  g_assert_cmpint (rostra_annotation_get_id (item), ==, rostra_annotation_get_id (first));
  g_assert_cmpstr (rostra_annotation_get_note (item), ==, rostra_annotation_get_note (first));
  g_assert_cmpstr (rostra_annotation_get_color (item), ==, "yellow");
  g_assert_true (g_strv_equal (rostra_annotation_get_tags (item), sorted));
  g_assert_cmpstr (rostra_annotation_get_article_title (item), ==, "The bridge");
  g_assert_cmpstr (rostra_annotation_get_article_source (item), ==, "Courier");
  g_assert_false (rostra_annotation_get_orphaned (item));

  /* The article counts them. */
  article = rostra_store_load_article (f->store, f->article, &error);
  g_assert_cmpuint (rostra_article_get_n_annotations (article), ==, 2);
}

static void
test_update (Fixture *f, gconstpointer data)
{
  static const char *const tags[] = { "water", NULL };
  g_autoptr (RostraAnnotation) a = annotate (f, "built the bridge", 0, "yellow", "");
  g_autoptr (RostraAnnotation) again = NULL;
  g_autoptr (GError) error = NULL;

  rostra_annotation_set_color (a, "purple");
  rostra_annotation_set_note (a, "Edited");
  rostra_annotation_set_tags (a, tags);
  g_assert_true (rostra_store_update_annotation (f->store, a, &error));
  g_assert_no_error (error);

  again = rostra_store_load_annotation (f->store, rostra_annotation_get_id (a), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rostra_annotation_get_color (again), ==, "purple");
  g_assert_cmpstr (rostra_annotation_get_note (again), ==, "Edited");
  g_assert_true (g_strv_equal (rostra_annotation_get_tags (again), tags));
  g_assert_cmpstr (rostra_annotation_get_modified (again), >=,
                   rostra_annotation_get_created (again));

  /* Only the five colours. */
  rostra_annotation_set_color (a, "'; DROP TABLE annotations; --");
  g_assert_false (rostra_store_update_annotation (f->store, a, &error));
  g_assert_error (error, ROSTRA_STORE_ERROR, ROSTRA_STORE_ERROR_FAILED);
  g_assert_cmpint (rostra_test_count_rows (f->path, "annotations"), ==, 1);
}

static void
test_delete_and_undo (Fixture *f, gconstpointer data)
{
  static const char *const tags[] = { "bridges", NULL };
  g_autoptr (RostraAnnotation) a = annotate (f, "built the bridge", 0, "blue", "Keep me");
  g_autoptr (RostraAnnotation) restored = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *created = NULL;
  g_autofree char *uuid = NULL;
  gint64           id;

  rostra_annotation_set_tags (a, tags);
  g_assert_true (rostra_store_update_annotation (f->store, a, &error));
  id = rostra_annotation_get_id (a);
  created = g_strdup (rostra_annotation_get_created (a));
  uuid = g_strdup (rostra_annotation_get_uuid (a));
  g_assert_true (g_uuid_string_is_valid (uuid));

  g_assert_true (rostra_store_delete_annotation (f->store, id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rostra_test_count_rows (f->path, "annotations"), ==, 0);
  g_assert_cmpint (rostra_test_count_rows (f->path, "annotation_tags"), ==, 0);
  /* The tag stays for reuse. */
  g_assert_cmpint (rostra_test_count_rows (f->path, "tags"), ==, 1);

  /* Undo: back with its id, UUID, times and tags. */
  g_assert_true (rostra_store_restore_annotation (f->store, a, &error));
  g_assert_no_error (error);
  restored = rostra_store_load_annotation (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rostra_annotation_get_note (restored), ==, "Keep me");
  g_assert_cmpstr (rostra_annotation_get_created (restored), ==, created);
  g_assert_cmpstr (rostra_annotation_get_uuid (restored), ==, uuid);
  g_assert_true (g_strv_equal (rostra_annotation_get_tags (restored), tags));
}

static void
test_cascade (Fixture *f, gconstpointer data)
{
  g_autoptr (RostraAnnotation) a = annotate (f, "built the bridge", 0, "red", "");
  g_autofree char *sql = g_strdup_printf ("PRAGMA foreign_keys = ON;"
                                          " DELETE FROM articles WHERE id = %" G_GINT64_FORMAT,
                                          f->article);

  /* Only deleting the article itself takes its annotations with it. */
  exec_sql (f, sql);
  g_assert_cmpint (rostra_test_count_rows (f->path, "annotations"), ==, 0);
  g_assert_cmpint (rostra_test_count_rows (f->path, "annotation_tags"), ==, 0);
}

static void
test_reanchor (Fixture *f, gconstpointer data)
{
  g_autoptr (RostraAnnotation) moved = annotate (f, "the people", 1, "yellow", "third");
  g_autoptr (RostraAnnotation) lost = annotate (f, "built the bridge", 0, "green", "gone");
  g_autoptr (GListModel) model = NULL;
  g_autoptr (RostraAnnotation) a = NULL;
  g_autoptr (RostraAnnotation) b = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *orphans = NULL;
  g_autofree char *new_start = NULL;
  g_autofree char *expected = NULL;
  const char *new_text = "Preface 🎤🎤. Friends, the people of this valley raised the bridge. "
                         "The people decide.\n\nÜnïcödé aside, the people will cross it every "
                         "morning.";

  /* The text changes under the annotations (as a corrected re-import would). */
  {
    sqlite3      *db;
    sqlite3_stmt *stmt;

    g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (db, "UPDATE articles SET text = ?1", -1, &stmt, NULL), ==,
                     SQLITE_OK);
    sqlite3_bind_text (stmt, 1, new_text, -1, SQLITE_STATIC);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
    sqlite3_finalize (stmt);
    sqlite3_close (db);
  }

  model = list (f);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);

  /* The second "the people" is found again by its context. */
  a = g_list_model_get_item (model, 0);
  g_assert_cmpint (rostra_annotation_get_id (a), ==, rostra_annotation_get_id (moved));
  g_assert_false (rostra_annotation_get_orphaned (a));
  expected = g_strdup_printf (
      "%ld", g_utf8_pointer_to_offset (new_text, strstr (new_text, "the people will")));
  new_start = g_strdup_printf ("%u", rostra_annotation_get_start (a));
  g_assert_cmpstr (new_start, ==, expected);

  /* The reworded passage is kept as an orphan, last, never deleted. */
  b = g_list_model_get_item (model, 1);
  g_assert_cmpint (rostra_annotation_get_id (b), ==, rostra_annotation_get_id (lost));
  g_assert_true (rostra_annotation_get_orphaned (b));
  g_assert_cmpstr (rostra_annotation_get_note (b), ==, "gone");

  /* The repairs are on disk. */
  stored = rostra_test_query_text (f->path, "SELECT start FROM annotations WHERE note = 'third'");
  g_assert_cmpstr (stored, ==, expected);
  orphans = rostra_test_query_text (f->path, "SELECT count(*) FROM annotations WHERE orphaned");
  g_assert_cmpstr (orphans, ==, "1");
}

static void
test_find_across (Fixture *f, gconstpointer data)
{
  static const char *const tags[] = { "Bridges", NULL };
  g_autoptr (RostraAnnotation) a = annotate (f, "built the bridge", 0, "green", "engineering");
  g_autoptr (RostraAnnotation) b = annotate (f, "The people decide", 0, "yellow", "democracy");
  g_autoptr (GListModel) all = NULL;
  g_autoptr (GListModel) by_tag = NULL;
  g_autoptr (GListModel) by_color = NULL;
  g_autoptr (GListModel) by_text = NULL;
  g_autoptr (GListModel) by_note = NULL;
  g_autoptr (GListModel) hostile = NULL;
  g_autoptr (GError) error = NULL;

  rostra_annotation_set_tags (a, tags);
  g_assert_true (rostra_store_update_annotation (f->store, a, &error));

  all = rostra_store_find_annotations (f->store, NULL, NULL, NULL, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (all), ==, 2);

  by_tag = rostra_store_find_annotations (f->store, NULL, "bridges", NULL, TRUE, &error);
  g_assert_cmpuint (g_list_model_get_n_items (by_tag), ==, 1);
  by_color = rostra_store_find_annotations (f->store, NULL, NULL, "yellow", FALSE, &error);
  g_assert_cmpuint (g_list_model_get_n_items (by_color), ==, 1);
  by_text = rostra_store_find_annotations (f->store, "decid", NULL, NULL, FALSE, &error);
  g_assert_cmpuint (g_list_model_get_n_items (by_text), ==, 1);
  by_note = rostra_store_find_annotations (f->store, "engineering", NULL, NULL, FALSE, &error);
  g_assert_cmpuint (g_list_model_get_n_items (by_note), ==, 1);
  hostile = rostra_store_find_annotations (f->store, "NEAR( \"x AND", "'", "\"", FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (hostile), ==, 0);
}

static void
test_tags (Fixture *f, gconstpointer data)
{
  static const char *const one[] = { "bridges", "water", NULL };
  static const char *const two[] = { "Bridge", NULL };
  static const char *const merged[] = { "bridges", NULL };
  g_autoptr (RostraAnnotation) a = annotate (f, "built the bridge", 0, "green", "");
  g_autoptr (RostraAnnotation) b = annotate (f, "The people decide", 0, "yellow", "");
  g_autoptr (RostraAnnotation) c = NULL;
  g_autoptr (GListModel) tags = NULL;
  g_autoptr (GListModel) after = NULL;
  g_autoptr (RostraTag) first = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *renamed = NULL;

  rostra_annotation_set_tags (a, one);
  rostra_annotation_set_tags (b, two);
  g_assert_true (rostra_store_update_annotation (f->store, a, &error));
  g_assert_true (rostra_store_update_annotation (f->store, b, &error));

  tags = rostra_store_list_tags (f->store, &error);
  g_assert_cmpuint (g_list_model_get_n_items (tags), ==, 3);
  first = g_list_model_get_item (tags, 0);
  g_assert_cmpstr (rostra_tag_get_name (first), ==, "Bridge");
  g_assert_cmpuint (rostra_tag_get_n_uses (first), ==, 1);

  /* Rename into an existing name merges the two. */
  g_assert_true (rostra_store_rename_tag (f->store, "Bridge", "bridges", &error));
  g_assert_no_error (error);
  after = rostra_store_list_tags (f->store, &error);
  g_assert_cmpuint (g_list_model_get_n_items (after), ==, 2);
  c = rostra_store_load_annotation (f->store, rostra_annotation_get_id (b), &error);
  g_assert_true (g_strv_equal (rostra_annotation_get_tags (c), merged));

  /* A plain rename. */
  g_assert_true (rostra_store_rename_tag (f->store, "water", "rivers", &error));
  renamed = rostra_test_query_text (f->path, "SELECT group_concat (name) FROM tags");
  g_assert_cmpstr (renamed, ==, "bridges,rivers");
  g_assert_false (rostra_store_rename_tag (f->store, "rivers", "  ", &error));
  g_assert_error (error, ROSTRA_STORE_ERROR, ROSTRA_STORE_ERROR_FAILED);
}

/* Killing the process right after an edit loses nothing: every change
 * is committed (synchronous = FULL) before the call returns. */
static void
test_killed_after_edit (Fixture *f, gconstpointer data)
{
  g_autoptr (RostraAnnotation) a = annotate (f, "built the bridge", 0, "yellow", "");
  g_autoptr (RostraAnnotation) after = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *integrity = NULL;
  gint64           id = rostra_annotation_get_id (a);
  int              status = 0;
  pid_t            pid;

  g_clear_object (&f->store);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      /* The child: its own connection, one edit, then SIGKILL. */
      RostraStore      *store = rostra_store_open (f->path, NULL);
      RostraAnnotation *mine = rostra_store_load_annotation (store, id, NULL);

      rostra_annotation_set_note (mine, "Written just before the crash");
      rostra_annotation_set_color (mine, "red");
      if (!rostra_store_update_annotation (store, mine, NULL))
        _exit (3);
      kill (getpid (), SIGKILL);
      _exit (4);
    }

  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL);

  f->store = rostra_store_open (f->path, &error);
  g_assert_no_error (error);
  after = rostra_store_load_annotation (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rostra_annotation_get_note (after), ==, "Written just before the crash");
  g_assert_cmpstr (rostra_annotation_get_color (after), ==, "red");
  integrity = rostra_test_query_text (f->path, "PRAGMA integrity_check");
  g_assert_cmpstr (integrity, ==, "ok");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/annotations/add-and-list", test_add_and_list);
  ADD ("/annotations/update", test_update);
  ADD ("/annotations/delete-and-undo", test_delete_and_undo);
  ADD ("/annotations/cascade", test_cascade);
  ADD ("/annotations/reanchor", test_reanchor);
  ADD ("/annotations/find-across", test_find_across);
  ADD ("/annotations/tags", test_tags);
  ADD ("/annotations/killed-after-edit", test_killed_after_edit);
#undef ADD

  return g_test_run ();
}
