/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-window.c: the real main window, built from its template under Xvfb. */

#include "config.h"

#include <string.h>

#include "rostra-application.h"
#include "rostra-importer.h"
#include "rostra-test-utils.h"
#include "rostra-window.h"

/* Longest wait for the window system, in milliseconds. */
#define WAIT_TIMEOUT_MS 5000

typedef gboolean (*ConditionFunc) (gpointer data);

static gboolean
timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Spins the default main context until @condition holds or
 * %WAIT_TIMEOUT_MS pass; returns whether @condition held. */
static gboolean
wait_for (ConditionFunc condition, gpointer data)
{
  gboolean timed_out = FALSE;
  guint    timeout_id = g_timeout_add (WAIT_TIMEOUT_MS, timeout_cb, &timed_out);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (!timed_out)
    g_source_remove (timeout_id);
  return condition (data);
}

/* Runs whatever is pending, without blocking, for at most
 * %WAIT_TIMEOUT_MS (a running animation is always pending). */
static void
flush_main_context (void)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_TIMEOUT_MS * G_TIME_SPAN_MILLISECOND;

  while (g_main_context_iteration (NULL, FALSE) && g_get_monotonic_time () < deadline)
    ;
}

static gboolean
widget_is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

static gboolean
widget_is_narrow (gpointer data)
{
  int width = gtk_widget_get_width (GTK_WIDGET (data));

  return width > 0 && width <= 360;
}

static AdwStatusPage *
find_status_page (GtkWidget *widget)
{
  if (ADW_IS_STATUS_PAGE (widget))
    return ADW_STATUS_PAGE (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwStatusPage *page = find_status_page (child);

      if (page != NULL)
        return page;
    }
  return NULL;
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
  window = rostra_window_new (app);

  g_assert_true (ROSTRA_IS_WINDOW (window));
  g_assert_true (gtk_window_get_application (GTK_WINDOW (window)) == GTK_APPLICATION (app));
  return window;
}

static void
window_destroy (RostraWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  flush_main_context ();
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));
}

static void
test_empty_archive (void)
{
  g_autofree char *path = g_build_filename (rostra_test_tmpdir (), "empty.db", NULL);
  RostraWindow    *window = window_new (path);
  AdwStatusPage   *page = find_status_page (GTK_WIDGET (window));

  g_assert_nonnull (page);
  g_assert_nonnull (rostra_window_get_store (window));
  g_assert_nonnull (adw_status_page_get_description (page));
  g_assert_nonnull (strstr (adw_status_page_get_description (page), "empty"));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  window_destroy (window);
}

static void
test_counts (void)
{
  g_autofree char *path = NULL;
  g_autofree char *data = rostra_test_data_path ("speeches.txt");
  g_autoptr (GFile) file = g_file_new_for_path (data);
  g_autoptr (RostraStore) store = rostra_test_store_new (&path);
  g_autoptr (RostraImportReport) report = NULL;
  g_autoptr (GError) error = NULL;
  RostraWindow  *window;
  AdwStatusPage *page;

  g_assert_true (rostra_import_file (store, file, NULL, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_new, ==, 3);
  g_clear_object (&store);

  window = window_new (path);
  page = find_status_page (GTK_WIDGET (window));

  g_assert_nonnull (page);
  g_assert_nonnull (adw_status_page_get_description (page));
  g_assert_nonnull (strstr (adw_status_page_get_description (page), "3"));
  g_assert_null (strstr (adw_status_page_get_description (page), "empty"));

  window_destroy (window);
}

static void
test_bad_archive (void)
{
  g_autofree char *path = rostra_test_write_file ("not-an-archive.db", "hello", -1);
  g_autofree char *contents = NULL;
  g_autoptr (GError) error = NULL;
  RostraWindow  *window = window_new (path);
  AdwStatusPage *page = find_status_page (GTK_WIDGET (window));
  gsize          len;

  g_assert_nonnull (page);
  g_assert_null (rostra_window_get_store (window));
  g_assert_cmpstr (adw_status_page_get_title (page), ==, "The Archive Cannot Be Opened");
  g_assert_nonnull (adw_status_page_get_description (page));
  g_assert_cmpstr (adw_status_page_get_description (page), !=, "");

  window_destroy (window);

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (contents, len, "hello", 5);
}

static void
test_narrow (void)
{
  g_autofree char *path = g_build_filename (rostra_test_tmpdir (), "narrow.db", NULL);
  RostraWindow    *window = window_new (path);
  int              min_width = 0;

  gtk_window_set_default_size (GTK_WINDOW (window), 360, 640);
  gtk_window_present (GTK_WINDOW (window));

  g_assert_true (wait_for (widget_is_mapped, window));
  g_assert_true (wait_for (widget_is_narrow, window));
  flush_main_context ();

  gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL,
                      NULL);
  /* The surface is the size asked for; the widget is a little narrower
   * for the frame Xvfb's lack of a compositor gives the window. */
  g_assert_cmpint (min_width, <=, 360);
  g_assert_cmpint (gdk_surface_get_width (gtk_native_get_surface (GTK_NATIVE (window))), ==, 360);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 360);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (find_status_page (GTK_WIDGET (window)))));

  window_destroy (window);
}

/* Run by hand, without meson's G_TEST_SRCDIR: find tests/ from this
 * file's name, relative to the build root, which holds tests/test-window. */
static void
set_default_srcdir (const char *argv0)
{
  g_autofree char *file_dir = g_path_get_dirname (__FILE__);
  g_autofree char *srcdir = NULL;
  g_autofree char *data_dir = NULL;

  if (g_getenv ("G_TEST_SRCDIR") != NULL)
    return;

  if (g_path_is_absolute (file_dir))
    {
      srcdir = g_steal_pointer (&file_dir);
    }
  else
    {
      g_autofree char *exe = g_canonicalize_filename (argv0, NULL);
      g_autofree char *exe_dir = g_path_get_dirname (exe);
      g_autofree char *build_root = g_path_get_dirname (exe_dir);

      srcdir = g_canonicalize_filename (file_dir, build_root);
    }

  data_dir = g_build_filename (srcdir, "data", NULL);
  if (g_file_test (data_dir, G_FILE_TEST_IS_DIR))
    g_setenv ("G_TEST_SRCDIR", srcdir, TRUE);
}

int
main (int argc, char *argv[])
{
  g_autoptr (GError) error = NULL;
  const char      *tmpdir = rostra_test_tmpdir ();
  g_autofree char *data_home = g_build_filename (tmpdir, "data", NULL);
  g_autofree char *config_home = g_build_filename (tmpdir, "config", NULL);
  g_autofree char *cache_home = g_build_filename (tmpdir, "cache", NULL);
  int              ret;

  /* Keep the test away from the user's archive, settings and a11y bus.
   * Not G_TEST_OPTION_ISOLATE_DIRS: it hides the GSettings schemas GTK
   * and libadwaita need from XDG_DATA_DIRS. */
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("XDG_CONFIG_HOME", config_home, TRUE);
  g_setenv ("XDG_CACHE_HOME", cache_home, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("NO_AT_BRIDGE", "1", TRUE);
  g_setenv ("GTK_A11Y", "none", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);

  set_default_srcdir (argv[0]);
  g_test_init (&argc, &argv, NULL);
  gtk_init ();

  app = rostra_application_new ();
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_application_get_is_registered (G_APPLICATION (app)));

  g_test_add_func ("/window/empty-archive", test_empty_archive);
  g_test_add_func ("/window/counts", test_counts);
  g_test_add_func ("/window/bad-archive", test_bad_archive);
  g_test_add_func ("/window/narrow", test_narrow);

  ret = g_test_run ();

  g_clear_object (&app);
  return ret;
}
