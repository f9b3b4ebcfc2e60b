/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-backup-ui.c: "Back Up Archive…" and "Restore…" under Xvfb, from
 * the entry points that skip the file choosers: the workers run, the
 * questions are asked, toasts tell what happened and the window is told
 * to reload. */

#include "config.h"

#include <adwaita.h>
#include <sqlite3.h>
#include <string.h>

#include "rostra-anchor.h"
#include "rostra-archive-backup.h"
#include "rostra-backup-ui.h"
#include "rostra-exporter.h"
#include "rostra-importer.h"
#include "rostra-test-ui.h"
#include "rostra-test-utils.h"

typedef struct
{
  char            *dir;
  char            *path;
  RostraStore     *store;
  GtkWindow       *window;
  AdwToastOverlay *toasts;
  guint            n_changed;

  /* Another archive, annotated, backed up to backup.db and backup.json */
  char *backup;
  char *json;
} Fixture;

static gint64
first_article (RostraStore *store)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) list = rostra_store_list_articles (store, &error);
  g_autoptr (RostraArticle) article = NULL;

  g_assert_no_error (error);
  article = g_list_model_get_item (list, 0);
  return rostra_article_get_id (article);
}

static void
annotate (RostraStore *store, gint64 article_id, const char *note)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RostraArticle) article = rostra_store_load_article (store, article_id, &error);
  g_autoptr (RostraAnnotation) a = NULL;
  g_autofree char *exact = NULL, *prefix = NULL, *suffix = NULL;

  g_assert_no_error (error);
  rostra_anchor_describe (rostra_article_get_text (article), 10, 40, &exact, &prefix, &suffix);
  a = rostra_annotation_new (article_id, 10, 40, exact, prefix, suffix);
  rostra_annotation_set_note (a, note);
  g_assert_true (rostra_store_add_annotation (store, a, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  static guint     counter;
  g_autofree char *leaf = g_strdup_printf ("ui-%u", ++counter);
  g_autofree char *other_path = NULL;
  g_autoptr (RostraStore) other = NULL;
  g_autoptr (GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr (GFile) backup = NULL;
  g_autoptr (GError) error = NULL;
  GtkWidget *window;

  fixture->dir = rostra_test_new_folder (leaf);
  fixture->path = g_build_filename (fixture->dir, "archive.db", NULL);
  fixture->store = rostra_store_open (fixture->path, &error);
  g_assert_no_error (error);
  rostra_test_import_fixture (fixture->store);

  /* The same speeches, one of them annotated. */
  other = rostra_test_store_new (&other_path);
  rostra_test_import_fixture (other);
  annotate (other, first_article (other), "Worth quoting");
  fixture->backup = g_build_filename (fixture->dir, "backup.db", NULL);
  backup = g_file_new_for_path (fixture->backup);
  g_assert_true (rostra_archive_backup (other, backup, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  fixture->json = g_build_filename (fixture->dir, "backup.json", NULL);
  g_assert_true (rostra_export_json (other, out, NULL, &error));
  g_assert_no_error (error);
  g_output_stream_close (out, NULL, NULL);
  g_assert_true (g_file_set_contents (
      fixture->json, g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (out)),
      g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out)), NULL));

  window = adw_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 600, 400);
  fixture->toasts = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (fixture->toasts, gtk_label_new ("Rostra"));
  adw_window_set_content (ADW_WINDOW (window), GTK_WIDGET (fixture->toasts));
  fixture->window = GTK_WINDOW (window);
  gtk_window_present (fixture->window);
  g_assert_true (rostra_test_wait_mapped (window));
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data))
      gtk_window_destroy (l->data);
  g_list_free (toplevels);

  g_object_add_weak_pointer (G_OBJECT (fixture->window), (gpointer *) &fixture->window);
  gtk_window_destroy (fixture->window);
  rostra_test_flush ();
  g_assert_null (fixture->window);
  g_clear_object (&fixture->store);
  g_free (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->backup);
  g_free (fixture->json);
}

static void
changed_cb (gpointer user_data)
{
  Fixture *fixture = user_data;

  fixture->n_changed++;
}

static gboolean
not_busy (gpointer data)
{
  return !rostra_backup_ui_is_busy (NULL);
}

static void
wait_done (void)
{
  g_assert_true (rostra_test_wait_for (not_busy, NULL));
  rostra_test_flush ();
}

/* Waits for a toast holding @text, closing those shown before it. */
static void
assert_toast (Fixture *fixture, const char *text)
{
  rostra_test_assert_toast (GTK_WIDGET (fixture->toasts), text);
}

static gint64
count (const char *path, const char *table)
{
  return rostra_test_count_rows (path, table);
}

/* Backing up */

static void
test_back_up (Fixture *fixture, gconstpointer data)
{
  g_autofree char *dest = g_build_filename (fixture->dir, "saved.db", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (dest);

  rostra_backup_ui_run_back_up (fixture->window, fixture->store, fixture->toasts, file);
  g_assert_true (rostra_backup_ui_is_busy (fixture->window));
  /* One at a time. */
  rostra_backup_ui_run_back_up (fixture->window, fixture->store, fixture->toasts, file);
  assert_toast (fixture, "Wait for the current backup or restore to finish");

  wait_done ();
  g_assert_false (rostra_backup_ui_is_busy (fixture->window));
  assert_toast (fixture, "Archive backed up to “saved.db”");
  g_assert_cmpint (count (dest, "articles"), ==, 3);
  g_assert_cmpint (fixture->n_changed, ==, 0);
}

static void
test_back_up_refused (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GFile) file = g_file_new_for_path (fixture->path);

  rostra_backup_ui_run_back_up (fixture->window, fixture->store, fixture->toasts, file);
  wait_done ();
  assert_toast (fixture, "The archive was not backed up. “");
  assert_toast (fixture, "is the archive itself");
  g_assert_cmpint (count (fixture->path, "articles"), ==, 3);
}

/* Restoring */

static void
test_merge (Fixture *fixture, gconstpointer data)
{
  const char *source = data ? fixture->json : fixture->backup;
  g_autoptr (GFile) file = g_file_new_for_path (source);

  rostra_backup_ui_run_restore (fixture->window, fixture->store, fixture->toasts, file,
                                ROSTRA_BACKUP_UI_MERGE, changed_cb, fixture);
  wait_done ();
  assert_toast (fixture, "Added 1 annotation");
  g_assert_cmpint (fixture->n_changed, ==, 1);
  g_assert_cmpint (count (fixture->path, "articles"), ==, 3);
  g_assert_cmpint (count (fixture->path, "annotations"), ==, 1);

  /* Twice: nothing to add, nothing to reload. */
  rostra_backup_ui_run_restore (fixture->window, fixture->store, fixture->toasts, file,
                                ROSTRA_BACKUP_UI_MERGE, changed_cb, fixture);
  wait_done ();
  assert_toast (fixture, "Nothing to add: the archive already holds all of “backup.");
  g_assert_cmpint (fixture->n_changed, ==, 1);
  g_assert_cmpint (count (fixture->path, "annotations"), ==, 1);
}

static void
test_replace (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GFile) file = g_file_new_for_path (fixture->backup);
  g_autoptr (GError) error = NULL;

  /* The window's connection has its statements ready. */
  g_assert_cmpint (rostra_store_count_articles (fixture->store, &error), ==, 3);

  rostra_backup_ui_run_restore (fixture->window, fixture->store, fixture->toasts, file,
                                ROSTRA_BACKUP_UI_REPLACE, changed_cb, fixture);
  wait_done ();
  assert_toast (fixture, "Archive replaced; the previous one is kept as archive-replaced-");
  g_assert_cmpint (fixture->n_changed, ==, 1);
  g_assert_cmpint (count (fixture->path, "annotations"), ==, 1);
  g_assert_cmpuint (rostra_store_count_articles (fixture->store, &error), ==, 3);
  g_assert_no_error (error);
  annotate (fixture->store, first_article (fixture->store), "After the restore");
  g_assert_cmpint (count (fixture->path, "annotations"), ==, 2);
}

static void
test_restore_refused (Fixture *fixture, gconstpointer data)
{
  g_autofree char *text = rostra_test_write_file ("notes.txt", "Nothing to see.\n", -1);
  g_autofree char *future = g_build_filename (fixture->dir, "future.db", NULL);
  g_autoptr (GFile) text_file = g_file_new_for_path (text);
  g_autoptr (GFile) future_file = g_file_new_for_path (future);
  g_autoptr (GFile) backup = g_file_new_for_path (future);
  g_autoptr (GError) error = NULL;
  g_autofree char *sql = NULL;

  /* Not a backup: refused before any question. */
  g_assert_null (rostra_backup_ui_confirm_restore (fixture->window, fixture->store, fixture->toasts,
                                                   text_file, changed_cb, fixture));
  assert_toast (fixture, "“notes.txt” is neither a Rostra archive nor a JSON backup");

  /* From a newer Rostra: the worker says why. */
  g_assert_true (rostra_archive_backup (fixture->store, backup, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  sql = g_strdup_printf ("PRAGMA user_version = %d", ROSTRA_STORE_SCHEMA_VERSION + 1);
  {
    sqlite3 *db = NULL;

    g_assert_cmpint (sqlite3_open (future, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
  }
  rostra_backup_ui_run_restore (fixture->window, fixture->store, fixture->toasts, future_file,
                                ROSTRA_BACKUP_UI_REPLACE, changed_cb, fixture);
  wait_done ();
  assert_toast (fixture, "Nothing was restored. “future.db” was written by a newer version");
  g_assert_cmpint (fixture->n_changed, ==, 0);
  g_assert_cmpint (count (fixture->path, "articles"), ==, 3);
}

static gboolean
is_cancel_button (GtkWidget *widget, gconstpointer data)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), "_Cancel") == 0;
}

/* A restore that waits (another program writes to the archive) shows
 * its progress, and its Cancel button stops it, changing nothing. */
static void
test_progress_cancel (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GFile) file = g_file_new_for_path (fixture->backup);
  GtkWidget *button;
  sqlite3   *db = NULL;

  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);

  rostra_backup_ui_run_restore (fixture->window, fixture->store, fixture->toasts, file,
                                ROSTRA_BACKUP_UI_REPLACE, changed_cb, fixture);
  assert_toast (fixture, "Restoring from “backup.db”…");
  g_assert_true (rostra_backup_ui_is_busy (fixture->window));
  rostra_test_spin (700);
  button = rostra_test_find_widget_if (GTK_WIDGET (fixture->toasts), is_cancel_button, NULL);
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  wait_done ();
  assert_toast (fixture, "Restore cancelled; nothing was changed");

  g_assert_cmpint (sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_cmpint (fixture->n_changed, ==, 0);
  g_assert_cmpint (count (fixture->path, "annotations"), ==, 0);
  {
    g_autoptr (GDir) dir = g_dir_open (fixture->dir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (dir)))
      g_assert_null (strstr (name, "-replaced-"));
  }
}

/* The questions */

static AdwMessageDialog *
find_dialog (const char *name)
{
  GList            *toplevels = gtk_window_list_toplevels ();
  AdwMessageDialog *found = NULL;

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && g_str_equal (gtk_widget_get_name (l->data), name) &&
        gtk_widget_get_visible (l->data))
      found = l->data;
  g_list_free (toplevels);
  return found;
}

static AdwMessageDialog *
confirm (Fixture *fixture, const char *source)
{
  g_autoptr (GFile) file = g_file_new_for_path (source);
  GtkWidget *dialog = rostra_backup_ui_confirm_restore (fixture->window, fixture->store,
                                                        fixture->toasts, file, changed_cb, fixture);

  g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));
  g_assert_true (rostra_test_wait_mapped (dialog));
  return ADW_MESSAGE_DIALOG (dialog);
}

static void
test_confirm_merge (Fixture *fixture, gconstpointer data)
{
  AdwMessageDialog *dialog = confirm (fixture, fixture->backup);

  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Restore From “backup.db”?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "<b>Merge</b> adds"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "kept as a dated file"));
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "merge");
  g_assert_cmpstr (adw_message_dialog_get_close_response (dialog), ==, "cancel");
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "merge"), ==,
                   ADW_RESPONSE_SUGGESTED);
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "replace"), ==,
                   ADW_RESPONSE_DESTRUCTIVE);
  g_assert_cmpstr (adw_message_dialog_get_response_label (dialog, "replace"), ==, "_Replace…");

  adw_message_dialog_response (dialog, "merge");
  wait_done ();
  assert_toast (fixture, "Added 1 annotation");
  g_assert_cmpint (fixture->n_changed, ==, 1);

  /* Cancelled: nothing runs. */
  dialog = confirm (fixture, fixture->json);
  adw_message_dialog_response (dialog, "cancel");
  rostra_test_flush ();
  g_assert_false (rostra_backup_ui_is_busy (NULL));
  g_assert_cmpint (fixture->n_changed, ==, 1);
}

static void
test_confirm_replace (Fixture *fixture, gconstpointer data)
{
  AdwMessageDialog *dialog = confirm (fixture, fixture->json);
  AdwMessageDialog *second;
  g_autofree char  *kept = NULL;
  const char       *body, *start, *end;

  /* Replace… asks again, naming the dated file; Cancel keeps all. */
  adw_message_dialog_response (dialog, "replace");
  rostra_test_flush ();
  second = find_dialog ("replace-confirm");
  g_assert_nonnull (second);
  g_assert_false (rostra_backup_ui_is_busy (NULL));
  g_assert_cmpstr (adw_message_dialog_get_heading (second), ==, "Replace the Archive?");
  g_assert_cmpstr (adw_message_dialog_get_default_response (second), ==, "cancel");
  g_assert_cmpint (adw_message_dialog_get_response_appearance (second, "replace"), ==,
                   ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_response (second, "cancel");
  rostra_test_flush ();
  g_assert_false (rostra_backup_ui_is_busy (NULL));
  g_assert_cmpint (count (fixture->path, "annotations"), ==, 0);

  dialog = confirm (fixture, fixture->json);
  adw_message_dialog_response (dialog, "replace");
  rostra_test_flush ();
  second = find_dialog ("replace-confirm");
  g_assert_nonnull (second);
  body = adw_message_dialog_get_body (second);
  g_assert_nonnull (strstr (body, "replaced by those in “backup.json”"));
  start = strstr (body, "<b>archive-replaced-");
  g_assert_nonnull (start);
  start += strlen ("<b>");
  end = strstr (start, "</b>");
  g_assert_nonnull (end);
  kept = g_strndup (start, end - start);
  g_assert_true (g_str_has_suffix (kept, ".db"));

  adw_message_dialog_response (second, "replace");
  wait_done ();
  {
    g_autofree char *message = g_strdup_printf ("the previous one is kept as %s", kept);
    g_autofree char *kept_path = g_build_filename (fixture->dir, kept, NULL);

    assert_toast (fixture, message);
    /* The file the question named holds the archive as it was. */
    g_assert_cmpint (count (kept_path, "articles"), ==, 3);
    g_assert_cmpint (count (kept_path, "annotations"), ==, 0);
  }
  g_assert_cmpint (fixture->n_changed, ==, 1);
  g_assert_cmpint (count (fixture->path, "annotations"), ==, 1);
}

int
main (int argc, char *argv[])
{
  rostra_test_ui_init (&argc, &argv);

#define ADD(path, data, func) \
  g_test_add (path, Fixture, data, fixture_set_up, func, fixture_tear_down)

  ADD ("/backup-ui/back-up", NULL, test_back_up);
  ADD ("/backup-ui/back-up-refused", NULL, test_back_up_refused);
  ADD ("/backup-ui/merge/archive", NULL, test_merge);
  ADD ("/backup-ui/merge/json", GINT_TO_POINTER (TRUE), test_merge);
  ADD ("/backup-ui/replace", NULL, test_replace);
  ADD ("/backup-ui/restore-refused", NULL, test_restore_refused);
  ADD ("/backup-ui/progress-cancel", NULL, test_progress_cancel);
  ADD ("/backup-ui/confirm/merge", NULL, test_confirm_merge);
  ADD ("/backup-ui/confirm/replace", NULL, test_confirm_replace);

  return g_test_run ();
}
