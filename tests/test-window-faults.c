// SPDX-License-Identifier: GPL-3.0-or-later
/* test-window-faults.c: the window when its archive cannot be opened or
 * written, under Xvfb: not a database, damaged, from a newer Rostra,
 * locked, in a folder that cannot be made, and a full disk. The buttons
 * of the window's problem page are pressed as a user would; the old
 * file is checked byte for byte. */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "rostra-anchor.h"
#include "rostra-annotation-row.h"
#include "rostra-annotations-pane.h"
#include "rostra-backup-ui.h"
#include "rostra-application.h"
#include "rostra-archive-backup.h"
#include "rostra-exporter.h"
#include "rostra-importer.h"
#include "rostra-store-private.h"
#include "rostra-test-ui.h"
#include "rostra-test-utils.h"
#include "rostra-window.h"

#define PROBLEM_TITLE "The Archive Cannot Be Opened"

/* Registered once: a GApplication cannot be registered twice in a process. */
static RostraApplication *app;

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

/* The names in @dir, sorted, joined by spaces. */
static char *
list_folder (const char *dir)
{
  g_autoptr (GDir) handle = g_dir_open (dir, 0, NULL);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (handle);
  while ((name = g_dir_read_name (handle)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

static GBytes *
read_bytes (const char *path)
{
  g_autoptr (GError) error = NULL;
  char *contents = NULL;
  gsize len = 0;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, len);
}

static void
assert_same_bytes (const char *path, GBytes *expected)
{
  g_autoptr (GBytes) bytes = read_bytes (path);

  g_assert_true (g_bytes_equal (bytes, expected));
}

/* The one file in @dir named archive-damaged-….db (and no -wal, -shm). */
static char *
find_aside (const char *dir)
{
  g_autoptr (GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;
  char       *found = NULL;

  while ((name = g_dir_read_name (handle)) != NULL)
    if (g_str_has_prefix (name, "archive-damaged-"))
      {
        g_assert_null (found);
        g_assert_true (g_str_has_suffix (name, ".db"));
        found = g_build_filename (dir, name, NULL);
      }
  g_assert_nonnull (found);
  return found;
}

static void
exec_sql (const char *path, const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

/* Another archive with the fixture, its first speech annotated, backed
 * up to @dir/backup.db and exported to @dir/backup.json. */
static void
make_backups (const char *dir)
{
  g_autofree char *other = NULL;
  g_autofree char *db = g_build_filename (dir, "backup.db", NULL);
  g_autofree char *json = g_build_filename (dir, "backup.json", NULL);
  g_autoptr (RostraStore) store = rostra_test_store_new (&other);
  g_autoptr (GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr (GFile) backup = g_file_new_for_path (db);
  g_autoptr (GListModel) articles = NULL;
  g_autoptr (RostraArticle) first = NULL;
  g_autoptr (RostraArticle) article = NULL;
  g_autoptr (RostraAnnotation) annotation = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *exact = NULL, *prefix = NULL, *suffix = NULL;

  rostra_test_import_fixture (store);
  articles = rostra_store_list_articles (store, &error);
  g_assert_no_error (error);
  first = g_list_model_get_item (articles, 0);
  article = rostra_store_load_article (store, rostra_article_get_id (first), &error);
  g_assert_no_error (error);
  rostra_anchor_describe (rostra_article_get_text (article), 10, 40, &exact, &prefix, &suffix);
  annotation =
      rostra_annotation_new (rostra_article_get_id (article), 10, 40, exact, prefix, suffix);
  rostra_annotation_set_note (annotation, "Remember the rain");
  g_assert_true (rostra_store_add_annotation (store, annotation, &error));
  g_assert_no_error (error);

  g_assert_true (rostra_archive_backup (store, backup, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (rostra_export_json (store, out, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (out, NULL, NULL));
  g_assert_true (g_file_set_contents (
      json, g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (out)),
      g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out)), &error));
  g_assert_no_error (error);
}

/* The window */

static GtkWidget *
find_file_chooser (void)
{
  GList     *toplevels = gtk_window_list_toplevels ();
  GtkWidget *found = NULL;

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (GTK_IS_FILE_CHOOSER (l->data) && gtk_widget_get_visible (l->data))
      found = l->data;
  g_list_free (toplevels);
  return found;
}

static gboolean
file_chooser_shows (gpointer data)
{
  return find_file_chooser () != NULL;
}

static RostraWindow *
open_window (const char *path, int width, int height)
{
  RostraWindow *window;

  rostra_application_set_database (app, path);
  window = rostra_window_new (GTK_APPLICATION (app), rostra_application_get_database (app));
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (rostra_test_wait_mapped (GTK_WIDGET (window)));
  rostra_test_flush ();
  return window;
}

static void
close_window (RostraWindow *window)
{
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (l->data != (gpointer) window)
      gtk_window_destroy (l->data);
  g_list_free (toplevels);

  gtk_window_destroy (GTK_WINDOW (window));
  rostra_test_flush ();
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));
}

static AdwStatusPage *
problem_page (RostraWindow *window)
{
  return ADW_STATUS_PAGE (rostra_test_find_status_page (GTK_WIDGET (window), PROBLEM_TITLE));
}

static gboolean
shows_problem (RostraWindow *window)
{
  return rostra_test_shows_status_page (GTK_WIDGET (window), PROBLEM_TITLE);
}

static gboolean
has_action_name (GtkWidget *widget, gconstpointer action)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0;
}

/* Whether the problem page shows a button for @action. */
static gboolean
offers (RostraWindow *window, const char *action)
{
  GtkWidget *button = rostra_test_find_widget_if (GTK_WIDGET (window), has_action_name, action);

  return button != NULL && gtk_widget_get_mapped (button) && gtk_widget_is_sensitive (button);
}

/* Presses the problem page's button for @action, as a click does. */
static void
press (RostraWindow *window, const char *action)
{
  GtkWidget *button = rostra_test_find_widget_if (GTK_WIDGET (window), has_action_name, action);

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_mapped (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  rostra_test_flush ();
}

/* The problem page shows, saying @fragment, with buttons for the
 * damaged-file case (a new archive, a backup) or for trying again. */
static void
assert_problem (RostraWindow *window, const char *path, const char *fragment, gboolean damaged)
{
  const char *description;

  g_assert_true (rostra_test_wait_status_page (GTK_WIDGET (window), PROBLEM_TITLE, TRUE));
  g_assert_null (rostra_window_get_store (window));
  description = adw_status_page_get_description (problem_page (window));
  g_assert_nonnull (strstr (description, path));
  g_assert_nonnull (strstr (description, fragment));
  g_assert_true (offers (window, "win.start-new-archive") == damaged);
  g_assert_true (offers (window, "win.open-backup") == damaged);
  g_assert_true (offers (window, "win.try-again") == !damaged);

  /* What needs an archive is off, shortcuts included: no file chooser. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.import", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.restore", NULL);
  rostra_test_flush ();
  g_assert_null (find_file_chooser ());
}

static gboolean
has_store (gpointer data)
{
  return rostra_window_get_store (data) != NULL;
}

static gboolean
list_loaded (gpointer data)
{
  RostraArticleList *list = rostra_window_get_articles (data);

  return list != NULL && !rostra_article_list_get_loading (list);
}

static guint
n_shown (RostraWindow *window)
{
  g_assert_true (rostra_test_wait_for (list_loaded, window));
  return g_list_model_get_n_items (G_LIST_MODEL (rostra_window_get_articles (window)));
}

/* The window works on a new, empty archive at @path. */
static void
assert_new_archive (RostraWindow *window, const char *path)
{
  g_assert_true (rostra_test_wait_for (has_store, window));
  g_assert_true (rostra_test_wait_status_page (GTK_WIDGET (window), PROBLEM_TITLE, FALSE));
  g_assert_cmpstr (rostra_store_get_path (rostra_window_get_store (window)), ==, path);
  g_assert_cmpuint (n_shown (window), ==, 0);
  g_assert_cmpint (rostra_test_count_rows (path, "articles"), ==, 0);
}

static gboolean
is_mapped_label_with (GtkWidget *widget, gconstpointer text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL;
}

typedef struct
{
  RostraWindow *window;
  const char   *text;
} LabelQuery;

static gboolean
label_shown (gpointer data)
{
  LabelQuery *q = data;

  return rostra_test_find_widget_if (GTK_WIDGET (q->window), is_mapped_label_with, q->text) != NULL;
}

static gboolean
label_hidden (gpointer data)
{
  return !label_shown (data);
}

static gboolean
has_tooltip (GtkWidget *widget, gconstpointer text)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_widget_get_tooltip_text (widget), text) == 0;
}

/* The window says where the old file went (@name), until dismissed. */
static void
assert_tells_where (RostraWindow *window, const char *name)
{
  LabelQuery q = { window, name };

  g_assert_true (rostra_test_wait_for (label_shown, &q));
  rostra_test_spin (300);
  g_assert_true (label_shown (&q));
}

/* Presses "Start a New Archive": the old file goes aside byte for byte,
 * the window says where, and works on a new archive. */
static void
start_new_archive (RostraWindow *window, const char *dir, const char *path, GBytes *old)
{
  g_autofree char *aside = NULL;
  g_autofree char *aside_name = NULL;
  g_autofree char *listing = NULL;
  g_auto (GStrv) names = NULL;

  press (window, "win.start-new-archive");
  assert_new_archive (window, path);

  aside = find_aside (dir);
  assert_same_bytes (aside, old);
  aside_name = g_path_get_basename (aside);
  assert_tells_where (window, aside_name);

  /* Just the new archive (with its -wal, -shm) and the old one aside. */
  listing = list_folder (dir);
  names = g_strsplit (listing, " ", -1);
  for (guint i = 0; names[i] != NULL; i++)
    g_assert_true (g_str_equal (names[i], aside_name) || g_str_has_prefix (names[i], "archive.db"));
}

/* Not a database: a text file where the archive should be. */
static void
test_not_a_database (void)
{
  g_autofree char *dir = rostra_test_new_folder ("not-a-database");
  g_autofree char *path = g_build_filename (dir, "archive.db", NULL);
  const char      *text = "Shopping list: bread, lamp oil, string.\n";
  g_autoptr (GBytes) old = g_bytes_new_static (text, strlen (text));
  RostraWindow *window;

  g_assert_true (g_file_set_contents (path, text, -1, NULL));

  window = open_window (path, 1000, 700);
  assert_problem (window, path, "not a Rostra archive", TRUE);

  /* Files handed over (`rostra FILE`, a drop) are refused with a word. */
  {
    g_autoptr (GListStore) files = g_list_store_new (G_TYPE_FILE);
    g_autoptr (GFile) dump = g_file_new_for_path (path);

    g_list_store_append (files, dump);
    rostra_window_open_import_dialog (window, G_LIST_MODEL (files));
    rostra_test_assert_toast (GTK_WIDGET (window), "Nothing can be imported");
    g_assert_null (rostra_window_get_import_dialog (window));
  }
  close_window (window);
  assert_same_bytes (path, old);

  /* Opened again, the new archive is started from the page. */
  window = open_window (path, 1000, 700);
  assert_problem (window, path, "not a Rostra archive", TRUE);
  start_new_archive (window, dir, path, old);

  /* The word on where it went stays until dismissed. */
  {
    GtkWidget *dismiss = rostra_test_find_widget_if (GTK_WIDGET (window), has_tooltip, "Dismiss");
    LabelQuery q = { window, "archive-damaged-" };

    g_assert_nonnull (dismiss);
    g_signal_emit_by_name (dismiss, "clicked");
    g_assert_true (rostra_test_wait_for (label_hidden, &q));
  }

  /* And it is an archive that takes speeches. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-sample", NULL));
  g_assert_true (rostra_test_wait_for (list_loaded, window));
  close_window (window);
}

/* Writes garbage over the pages of @path from a third to two thirds. */
static void
damage_middle (const char *path)
{
  g_autoptr (GBytes) bytes = read_bytes (path);
  gsize   len = g_bytes_get_size (bytes);
  guchar *data = g_memdup2 (g_bytes_get_data (bytes, NULL), len);
  gsize   page = 4096;

  g_assert_cmpuint (len, >, 30 * page);
  for (gsize i = (len / 3 / page) * page; i < 2 * len / 3; i++)
    data[i] = (guchar) (i * 131 + 7);
  g_assert_true (g_file_set_contents (path, (char *) data, len, NULL));
  g_free (data);
}

/* An archive of the fixture and 300 speeches more, long enough that
 * its middle pages hold the tables' pages. */
static void
make_big_archive (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RostraStore) store = rostra_store_open (path, &error);
  gint64 import_id;

  g_assert_no_error (error);
  rostra_test_import_fixture (store);
  g_assert_true (rostra_store_begin (store, &error));
  import_id = rostra_store_add_import (store, "filler", NULL, "dump", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *title = g_strdup_printf ("Council minutes, session %u", i);
      g_autoptr (GString) text = g_string_new (NULL);
      gint64 id = 0;

      for (guint j = 0; j < 20; j++)
        g_string_append_printf (text,
                                "Item %u of session %u: the council discussed the ferry "
                                "timetable, the lamps on the quay and the school roof.\n\n",
                                j, i);
      g_assert_true (rostra_store_add_article (store, import_id, title, "Town Hall",
                                               "2020-01-01T10:00:00", "en", text->str, &id,
                                               &error));
      g_assert_no_error (error);
    }
  g_assert_true (rostra_store_commit (store, &error));
  g_assert_no_error (error);
}

G_GNUC_BEGIN_IGNORE_DEPRECATIONS
static gboolean
chooser_has_file (gpointer data)
{
  g_autoptr (GFile) file = gtk_file_chooser_get_file (data);

  return file != NULL;
}

/* Presses "Open a Backup…" and picks @file in the file chooser. */
static void
open_backup (RostraWindow *window, const char *file)
{
  g_autoptr (GFile) backup = g_file_new_for_path (file);
  g_autoptr (GError) error = NULL;
  GtkWidget *chooser;

#ifdef __SANITIZE_ADDRESS__
  /* GTK 4.8's own file chooser dialog leaks (its recent files, its
   * folder model): under AddressSanitizer the file goes straight to the
   * action the chooser's answer goes to. The normal build uses the
   * chooser. */
  g_test_message ("ASan build: %s handed to win.open-backup-file, without GTK's file chooser",
                  file);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-backup-file", "s", file);
  rostra_test_flush ();
  return;
#endif
  press (window, "win.open-backup");
  g_assert_true (rostra_test_wait_for (file_chooser_shows, NULL));
  chooser = find_file_chooser ();
  g_assert_true (gtk_file_chooser_set_file (GTK_FILE_CHOOSER (chooser), backup, &error));
  g_assert_no_error (error);
  /* The selection shows once the folder is read. */
  g_assert_true (rostra_test_wait_for (chooser_has_file, chooser));
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  rostra_test_flush ();
}
G_GNUC_END_IGNORE_DEPRECATIONS

static gboolean
not_busy (gpointer data)
{
  return !rostra_backup_ui_is_busy (NULL);
}

/* Presses "Open a Backup…" and picks @backup (one of make_backups()):
 * it is restored into a new archive at @dir/archive.db, and the old
 * file is kept aside, @old byte for byte. Returns where. */
static char *
restore_backup (RostraWindow *window, const char *dir, const char *backup, GBytes *old)
{
  g_autofree char *path = g_build_filename (dir, "archive.db", NULL);
  char            *aside;

  open_backup (window, backup);
  g_assert_true (rostra_test_wait_for (has_store, window));
  g_assert_true (rostra_test_wait_for (not_busy, NULL));
  g_assert_true (rostra_test_wait_status_page (GTK_WIDGET (window), PROBLEM_TITLE, FALSE));
  g_assert_cmpuint (n_shown (window), ==, 3);
  g_assert_cmpint (rostra_test_count_rows (path, "articles"), ==, 3);
  g_assert_cmpint (rostra_test_count_rows (path, "annotations"), ==, 1);
  aside = find_aside (dir);
  assert_same_bytes (aside, old);
  return aside;
}

/* Damaged: the first pages sound, the middle ones garbage. */
static void
test_corrupt (void)
{
  g_autofree char *dir = rostra_test_new_folder ("corrupt");
  g_autofree char *path = g_build_filename (dir, "archive.db", NULL);
  g_autofree char *json = g_build_filename (dir, "backup.json", NULL);
  g_autoptr (GBytes) old = NULL;
  g_autofree char *aside = NULL;
  g_autofree char *aside_name = NULL;
  RostraWindow    *window;

  make_big_archive (path);
  damage_middle (path);
  old = read_bytes (path);
  make_backups (dir);

  window = open_window (path, 1000, 700);
  assert_problem (window, path, "is damaged", TRUE);

  /* A backup restored into a new archive; the damaged file kept aside. */
  aside = restore_backup (window, dir, json, old);
  aside_name = g_path_get_basename (aside);
  assert_tells_where (window, aside_name);
  close_window (window);
}

/* From a newer Rostra: never written to; aside only when asked, and a
 * .db backup restored into the new archive. */
static void
test_future_schema (void)
{
  g_autofree char *dir = rostra_test_new_folder ("future");
  g_autofree char *path = g_build_filename (dir, "archive.db", NULL);
  g_autofree char *backup = g_build_filename (dir, "backup.db", NULL);
  g_autofree char *aside = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr (GBytes) old = NULL;
  g_autoptr (GBytes) backup_bytes = NULL;
  RostraWindow *window;

  rostra_test_make_archive (path);
  exec_sql (path, "PRAGMA user_version = 99");
  old = read_bytes (path);
  make_backups (dir);
  backup_bytes = read_bytes (backup);
  before = list_folder (dir);

  window = open_window (path, 1000, 700);
  assert_problem (window, path, "newer version of Rostra", TRUE);
  close_window (window);
  assert_same_bytes (path, old);
  after = list_folder (dir);
  g_assert_cmpstr (after, ==, before);

  window = open_window (path, 1000, 700);
  aside = restore_backup (window, dir, backup, old);
  assert_same_bytes (backup, backup_bytes); /* read, never written */
  close_window (window);
}

/* "Open a Backup…" with a file that is no backup, or the damaged file
 * itself: refused, and nothing is moved. */
static void
test_backup_refused (void)
{
  g_autofree char *dir = rostra_test_new_folder ("refused");
  g_autofree char *path = g_build_filename (dir, "archive.db", NULL);
  g_autofree char *notes = g_build_filename (dir, "notes.json", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  RostraWindow    *window;

  g_assert_true (g_file_set_contents (path, "not an archive either\n", -1, NULL));
  g_assert_true (g_file_set_contents (notes, "[1, 2, 3]\n", -1, NULL));
  before = list_folder (dir);

  window = open_window (path, 1000, 700);
  assert_problem (window, path, "not a Rostra archive", TRUE);
  open_backup (window, notes);
  rostra_test_assert_toast (GTK_WIDGET (window), "notes.json");
  g_assert_true (shows_problem (window));

  open_backup (window, path);
  rostra_test_assert_toast (GTK_WIDGET (window), "choose a backup");
  g_assert_true (shows_problem (window));
  close_window (window);

  after = list_folder (dir);
  g_assert_cmpstr (after, ==, before);
}

/* Locked by another program: Try Again once it lets go. */
static void
test_locked (void)
{
  g_autofree char *dir = rostra_test_new_folder ("locked");
  g_autofree char *path = g_build_filename (dir, "archive.db", NULL);
  sqlite3         *other = NULL;
  RostraWindow    *window;

  rostra_test_make_archive (path);
  g_assert_cmpint (sqlite3_open (path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other,
                                 "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE;"
                                 " UPDATE imports SET name = name;",
                                 NULL, NULL, NULL),
                   ==, SQLITE_OK);

  /* Waits for the lock as long as the store does (5 s). */
  window = open_window (path, 1000, 700);
  assert_problem (window, path, "in use by another program", FALSE);

  g_assert_cmpint (sqlite3_exec (other, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (other);

  press (window, "win.try-again");
  g_assert_true (rostra_test_wait_for (has_store, window));
  g_assert_true (rostra_test_wait_status_page (GTK_WIDGET (window), PROBLEM_TITLE, FALSE));
  g_assert_cmpuint (n_shown (window), ==, 3);
  close_window (window);
}

/* The archive's folder cannot be made: a file is in the way. */
static void
test_folder (void)
{
  g_autofree char *dir = rostra_test_new_folder ("folder");
  g_autofree char *blocker = g_build_filename (dir, "rostra", NULL);
  g_autofree char *path = g_build_filename (blocker, "archive.db", NULL);
  RostraWindow    *window;

  g_assert_true (g_file_set_contents (blocker, "in the way\n", -1, NULL));

  window = open_window (path, 1000, 700);
  assert_problem (window, blocker, "cannot be created", FALSE);

  /* Still in the way: the page stays, and says so. */
  press (window, "win.try-again");
  rostra_test_assert_toast (GTK_WIDGET (window), "still cannot be opened");
  g_assert_true (rostra_test_wait_status_page (GTK_WIDGET (window), PROBLEM_TITLE, TRUE));
  g_assert_true (offers (window, "win.try-again"));
  g_assert_true (g_file_test (blocker, G_FILE_TEST_IS_REGULAR));

  /* Out of the way: the archive is made. */
  g_assert_cmpint (g_unlink (blocker), ==, 0);
  press (window, "win.try-again");
  assert_new_archive (window, path);
  close_window (window);
}

/* Disk full */

/* Selects article characters @start to @end and asks for a highlight,
 * as Ctrl+H does. */
static void
highlight (RostraWindow *window, guint start, guint end)
{
  RostraReader *reader = rostra_window_get_reader (window);
  int           offset = rostra_reader_get_text_offset (reader);

  rostra_test_select_text (rostra_reader_get_text_view (reader), offset + start, offset + end);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (reader), "reader.highlight", NULL));
  rostra_test_flush ();
}

static gboolean
has_highlight_at (RostraWindow *window, guint article_offset)
{
  RostraReader *reader = rostra_window_get_reader (window);

  return rostra_test_has_tag_at (rostra_reader_get_text_view (reader), "annotation-yellow",
                                 rostra_reader_get_text_offset (reader) + article_offset);
}

/* A passage longer than a page of the archive: its row cannot fit in
 * the room left in pages already there. */
#define LONG_PASSAGE 6000

/* The newest speech (first in the list), longer than LONG_PASSAGE. */
static void
add_long_speech (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RostraStore) store = rostra_store_open (path, &error);
  g_autoptr (GString) text = g_string_new (NULL);
  gint64 import_id, id = 0;

  g_assert_no_error (error);
  for (guint i = 0; text->len < 2 * LONG_PASSAGE; i++)
    g_string_append_printf (text,
                            "Paragraph %u: the harbour master read the tide tables aloud, "
                            "and the ferry crews wrote down every hour of them.\n\n",
                            i);
  import_id = rostra_store_add_import (store, "long", NULL, "dump", &error);
  g_assert_no_error (error);
  g_assert_true (rostra_store_add_article (store, import_id, "The tide tables", "Quay Gazette",
                                           "2030-01-01T09:00:00", "en", text->str, &id, &error));
  g_assert_no_error (error);
}

/* Not one page more: the disk is full for this connection. */
static void
limit_to_page_count (sqlite3 *db)
{
  g_autofree char *limit = g_strdup_printf ("PRAGMA max_page_count = %" G_GINT64_FORMAT,
                                            rostra_test_query_int (db, "PRAGMA page_count"));

  g_assert_cmpint (sqlite3_exec (db, limit, NULL, NULL, NULL), ==, SQLITE_OK);
}

static GtkTextBuffer *
note_buffer (RostraAnnotationsPane *pane)
{
  GtkWidget *row = rostra_test_get_widget (pane, ROSTRA_TYPE_ANNOTATION_ROW, NULL);

  return gtk_text_view_get_buffer (
      GTK_TEXT_VIEW (rostra_test_get_widget (row, GTK_TYPE_TEXT_VIEW, NULL)));
}

/* Types @text as the note of the pane's first annotation; the row saves
 * it after a pause. */
static void
type_note (RostraAnnotationsPane *pane, const char *text)
{
  gtk_text_buffer_set_text (note_buffer (pane), text, -1);
}

static char *
buffer_text (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static gboolean
note_is_unsaved (gpointer data)
{
  return rostra_annotation_row_get_note_unsaved (data);
}

static gboolean
label_says (GtkWidget *widget, gconstpointer text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0;
}

static gboolean
note_is_saved (gpointer data)
{
  g_autofree char *length = rostra_test_query_text (data, "SELECT length(note) FROM annotations");

  return length != NULL && g_strcmp0 (length, "") != 0 && g_strcmp0 (length, "0") != 0;
}

static void
test_disk_full (void)
{
  g_autofree char       *dir = rostra_test_new_folder ("full");
  g_autofree char       *path = g_build_filename (dir, "archive.db", NULL);
  RostraWindow          *window;
  RostraAnnotationsPane *pane;
  sqlite3               *db;
  g_autofree char       *note = NULL;
  g_autofree char       *typed = NULL;
  RostraAnnotationRow   *row;
  g_autoptr (GString) long_note = g_string_new (NULL);

  while (long_note->len < 3 * LONG_PASSAGE)
    g_string_append (long_note, "Check the tide tables against the harbour log. ");

  rostra_test_make_archive (path);
  add_long_speech (path);
  window = open_window (path, 1300, 800);
  g_assert_cmpuint (n_shown (window), ==, 4);
  pane =
      ROSTRA_ANNOTATIONS_PANE (rostra_test_get_widget (window, ROSTRA_TYPE_ANNOTATIONS_PANE, NULL));
  rostra_window_select (window, 0);
  rostra_test_flush ();

  /* Not one page more: the disk is full for the window's connection. */
  db = _rostra_store_get_db (rostra_window_get_store (window));
  limit_to_page_count (db);

  /* From "the" on: character 12 is the space after "Paragraph 0:", which
   * a passage never starts with. */
  highlight (window, 13, LONG_PASSAGE);
  rostra_test_assert_toast (GTK_WIDGET (window), "is full");
  g_assert_false (has_highlight_at (window, 13));
  g_assert_cmpuint (rostra_annotations_pane_get_n_shown (pane), ==, 0);
  g_assert_cmpint (rostra_test_count_rows (path, "annotations"), ==, 0);
  g_assert_false (shows_problem (window));

  /* Room again: the same highlight is saved, and shows. */
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA max_page_count = 1000000", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  highlight (window, 13, LONG_PASSAGE);
  g_assert_true (has_highlight_at (window, 13));
  g_assert_cmpuint (rostra_annotations_pane_get_n_shown (pane), ==, 1);
  g_assert_cmpint (rostra_test_count_rows (path, "annotations"), ==, 1);

  /* A long note typed in the pane, the disk full again: not saved, and
   * said so; the typed text stays in the row, never lost. */
  limit_to_page_count (db);
  type_note (pane, long_note->str);
  rostra_test_assert_toast (GTK_WIDGET (window), "Could not save the annotation");
  row = ROSTRA_ANNOTATION_ROW (rostra_test_get_widget (pane, ROSTRA_TYPE_ANNOTATION_ROW, NULL));
  g_assert_true (rostra_test_wait_for (note_is_unsaved, row));
  g_assert_true (gtk_widget_get_visible (
      rostra_test_find_widget_if (GTK_WIDGET (row), label_says, "Note not saved yet")));
  typed = buffer_text (note_buffer (pane));
  g_assert_cmpstr (typed, ==, long_note->str);
  note = rostra_test_query_text (path, "SELECT coalesce(note, '') FROM annotations");
  g_assert_cmpstr (note, ==, "");
  g_assert_false (shows_problem (window));

  /* Room again: the next keystroke saves the whole note. */
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA max_page_count = 1000000", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  g_string_append (long_note, "Done.");
  type_note (pane, long_note->str);
  g_assert_true (rostra_test_wait_for (note_is_saved, path));
  g_clear_pointer (&note, g_free);
  note = rostra_test_query_text (path, "SELECT note FROM annotations");
  g_assert_cmpstr (note, ==, long_note->str);
  g_assert_false (rostra_annotation_row_get_note_unsaved (row));
  close_window (window);
}

int
main (int argc, char *argv[])
{
  int ret;

  rostra_test_ui_init (&argc, &argv);

  app = rostra_application_new ();
  rostra_test_register_application (G_APPLICATION (app));

  g_test_add_func ("/window-faults/not-a-database", test_not_a_database);
  g_test_add_func ("/window-faults/corrupt", test_corrupt);
  g_test_add_func ("/window-faults/future-schema", test_future_schema);
  g_test_add_func ("/window-faults/backup-refused", test_backup_refused);
  g_test_add_func ("/window-faults/locked", test_locked);
  g_test_add_func ("/window-faults/folder", test_folder);
  g_test_add_func ("/window-faults/disk-full", test_disk_full);

  ret = g_test_run ();

  g_clear_object (&app);
  return ret;
}
