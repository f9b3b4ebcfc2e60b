/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-window-locks.c: the report of issue 13 §1, in the real window: the
 * archive's files are opened and closed in the window's process (as the
 * file chooser's content-type guess does), another `rostra` opens and
 * closes the archive, then a highlight made in the window must be on
 * disk for everyone at once and still there after a restart. */

#include "config.h"

#include <string.h>

#include "rostra-application.h"
#include "rostra-test-ui.h"
#include "rostra-test-utils.h"
#include "rostra-window.h"

static RostraApplication *app;

static gboolean
list_is_loaded (gpointer data)
{
  RostraArticleList *list = rostra_window_get_articles (data);

  return list != NULL && !rostra_article_list_get_loading (list);
}

static RostraWindow *
open_window (const char *path)
{
  RostraWindow *window;

  rostra_application_set_database (app, path);
  window = rostra_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1300, 800);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (rostra_test_wait_mapped (GTK_WIDGET (window)));
  g_assert_true (rostra_test_wait_for (list_is_loaded, window));
  rostra_test_flush ();
  rostra_window_select (window, 0);
  rostra_test_flush ();
  return window;
}

static void
close_window (RostraWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  rostra_test_flush ();
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));
}

/* Whether article character @offset in the reader has the tag @name. */
static gboolean
has_tag (RostraWindow *window, const char *name, guint offset)
{
  RostraReader *reader = rostra_window_get_reader (window);

  return rostra_test_has_tag_at (rostra_reader_get_text_view (reader), name,
                                 rostra_reader_get_text_offset (reader) + offset);
}

/* `rostra --database PATH ARGS…` in a process of its own; its stdout. */
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
  RostraReader    *reader;
  int              offset;

  rostra_test_make_archive (path);
  window = open_window (path);
  g_assert_true (g_file_test (wal, G_FILE_TEST_IS_REGULAR));

  /* 2. The file chooser looks into the archive's folder; 3. `--list`. */
  rostra_test_open_and_close_in_process (path);
  listed = run_other_rostra (path, "--list", NULL);
  g_assert_nonnull (strstr (listed, "harbour bridge"));
  g_assert_true (g_file_test (wal, G_FILE_TEST_IS_REGULAR));

  /* 4. Highlight "neighbours" (article characters 12–22) with Ctrl+H. */
  reader = rostra_window_get_reader (window);
  offset = rostra_reader_get_text_offset (reader);
  rostra_test_select_text (rostra_reader_get_text_view (reader), offset + 12, offset + 22);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (reader), "reader.highlight", NULL));
  rostra_test_flush ();
  g_assert_true (has_tag (window, "annotation-yellow", 12));

  /* Shown as saved: another process reads it from the disk already. */
  exported = run_other_rostra (path, "--export", "csv");
  g_assert_nonnull (strstr (exported, "neighbours"));

  /* 5. Quit and start again: the highlight is there. */
  close_window (window);
  g_clear_pointer (&exported, g_free);
  exported = run_other_rostra (path, "--export", "csv");
  g_assert_nonnull (strstr (exported, "neighbours"));
  window = open_window (path);
  g_assert_true (has_tag (window, "annotation-yellow", 12));
  g_assert_true (has_tag (window, "annotation-yellow", 21));
  close_window (window);
}

int
main (int argc, char *argv[])
{
  int ret;

  rostra_test_ui_init (&argc, &argv);

  app = rostra_application_new ();
  rostra_test_register_application (G_APPLICATION (app));

  g_test_add_func ("/window-locks/foreign-close-keeps-highlights",
                   test_foreign_close_keeps_highlights);

  ret = g_test_run ();

  g_clear_object (&app);
  return ret;
}
