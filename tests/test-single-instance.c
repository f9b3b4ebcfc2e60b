/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-single-instance.c: `rostra FILE…` hands the files to the running
 * instance, whose window previews them in its import dialog.
 *
 * This program is the running instance: it owns the application id on
 * the session bus (build-aux/test gives the suite a private one) and
 * starts the real `rostra FILE` as a second process, which must pass
 * the file on and exit at once, opening no window and no archive of its
 * own. Skipped without a session bus.
 */

#include "config.h"

#include "rostra-application.h"
#include "rostra-test-ui.h"
#include "rostra-test-utils.h"
#include "rostra-window.h"

typedef struct
{
  gboolean exited;
  int      status;
} Child;

static void
child_exited (GPid pid, int status, gpointer data)
{
  Child *child = data;

  child->exited = TRUE;
  child->status = status;
  g_spawn_close_pid (pid);
}

static gboolean
child_done (gpointer data)
{
  return ((Child *) data)->exited;
}

static gboolean
has_import_dialog (gpointer data)
{
  GtkWidget *dialog = rostra_window_get_import_dialog (data);

  return dialog != NULL && gtk_widget_get_mapped (dialog);
}

static void
test_second_instance (void)
{
  g_autofree char *db = g_build_filename (rostra_test_tmpdir (), "primary.db", NULL);
  g_autofree char *dump = rostra_test_data_path ("speeches.txt");
  g_autoptr (RostraApplication) app = rostra_application_new ();
  g_autoptr (GError) error = NULL;
  const char *bin = g_getenv ("ROSTRA_BIN");
  const char *argv[] = { bin, dump, NULL };
  Child       child = { FALSE, -1 };
  GtkWindow  *window;
  GPid        pid;

  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    {
      g_test_skip ("No session bus: run the suite with build-aux/test (dbus-run-session)");
      return;
    }
  g_assert_nonnull (bin);

  /* The primary instance: registered on the bus, with a window. */
  rostra_application_set_database (app, db);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_assert_false (g_application_get_is_remote (G_APPLICATION (app)));
  g_application_activate (G_APPLICATION (app));
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_true (ROSTRA_IS_WINDOW (window));
  g_assert_true (rostra_test_wait_mapped (GTK_WIDGET (window)));
  g_assert_null (rostra_window_get_import_dialog (ROSTRA_WINDOW (window)));

  /* The second: `rostra FILE`. */
  g_assert_true (g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                                &pid, &error));
  g_assert_no_error (error);
  g_child_watch_add (pid, child_exited, &child);

  g_assert_true (rostra_test_wait_for (has_import_dialog, window));
  g_assert_true (rostra_test_wait_for (child_done, &child));
  g_assert_true (g_spawn_check_wait_status (child.status, NULL));

  /* One window, and nothing imported before the user says so. */
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, 1);
  g_assert_cmpint (rostra_test_count_rows (db, "imports"), ==, 0);

  gtk_window_destroy (window);
  rostra_test_flush ();
}

int
main (int argc, char **argv)
{
  rostra_test_ui_init (&argc, &argv);

  g_test_add_func ("/single-instance/second-instance", test_second_instance);
  return g_test_run ();
}
