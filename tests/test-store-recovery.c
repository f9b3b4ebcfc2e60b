// SPDX-License-Identifier: GPL-3.0-or-later
/* test-store-recovery.c: moving an archive that cannot be opened aside
 * (never deleting or overwriting a file), and the full read that finds
 * damage rostra_store_open() does not reach. */

#include "config.h"

#include <string.h>

#include "rostra-store-recovery.h"
#include "rostra-test-utils.h"

static char *
read_text (const char *path)
{
  g_autoptr (GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static void
write_text (const char *path, const char *text)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (g_file_set_contents (path, text, -1, &error));
  g_assert_no_error (error);
}

static GDateTime *
moment (void)
{
  g_autoptr (GTimeZone) local = g_time_zone_new_local ();

  return g_date_time_new (local, 2026, 11, 27, 14, 25, 1);
}

static void
test_aside_name (void)
{
  g_autofree char *dir = rostra_test_new_folder ("aside-name");
  g_autofree char *path = g_build_filename (dir, "archive.db", NULL);
  g_autofree char *plain = g_build_filename (dir, "notes", NULL);
  g_autofree char *first = g_build_filename (dir, "archive-damaged-2026-11-27-142501.db", NULL);
  g_autofree char *second = g_build_filename (dir, "archive-damaged-2026-11-27-142501-2.db", NULL);
  g_autofree char *third_wal =
      g_build_filename (dir, "archive-damaged-2026-11-27-142501-3.db-wal", NULL);
  g_autoptr (GDateTime) when = moment ();
  g_autoptr (GFile) a = NULL;
  g_autoptr (GFile) b = NULL;
  g_autoptr (GFile) c = NULL;
  g_autoptr (GFile) d = NULL;

  a = rostra_store_recovery_dup_aside_file (path, when);
  g_assert_cmpstr (g_file_peek_path (a), ==, first);

  /* A name taken, even by a -wal file alone, is not used. */
  write_text (first, "taken");
  write_text (second, "taken too");
  write_text (third_wal, "a journal");
  b = rostra_store_recovery_dup_aside_file (path, when);
  g_assert_true (g_str_has_suffix (g_file_peek_path (b), "archive-damaged-2026-11-27-142501-4.db"));
  g_assert_false (g_file_test (g_file_peek_path (b), G_FILE_TEST_EXISTS));

  /* A name without .db */
  c = rostra_store_recovery_dup_aside_file (plain, when);
  g_assert_true (g_str_has_suffix (g_file_peek_path (c), "/notes-damaged-2026-11-27-142501.db"));

  /* Now, when no time is given */
  d = rostra_store_recovery_dup_aside_file (path, NULL);
  g_assert_true (g_str_has_prefix (g_file_peek_path (d), dir));
  g_assert_nonnull (strstr (g_file_peek_path (d), "/archive-damaged-2"));
}

static void
test_move_aside (void)
{
  g_autofree char *dir = rostra_test_new_folder ("move-aside");
  g_autofree char *path = g_build_filename (dir, "archive.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char *taken = g_build_filename (dir, "archive-damaged-2026-11-27-142501.db", NULL);
  g_autoptr (GDateTime) when = moment ();
  g_autoptr (GFile) aside = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *aside_wal = NULL;
  g_autofree char *aside_shm = NULL;
  g_autofree char *text = NULL;

  write_text (path, "the damaged archive");
  write_text (wal, "its journal");
  write_text (shm, "its index");
  write_text (taken, "an older damaged archive");

  aside = rostra_store_recovery_move_aside (path, when, &error);
  g_assert_no_error (error);
  g_assert_nonnull (aside);
  g_assert_true (
      g_str_has_suffix (g_file_peek_path (aside), "/archive-damaged-2026-11-27-142501-2.db"));

  /* Every file under its new name, with the same bytes; none left behind. */
  text = read_text (g_file_peek_path (aside));
  g_assert_cmpstr (text, ==, "the damaged archive");
  g_clear_pointer (&text, g_free);
  aside_wal = g_strconcat (g_file_peek_path (aside), "-wal", NULL);
  aside_shm = g_strconcat (g_file_peek_path (aside), "-shm", NULL);
  text = read_text (aside_wal);
  g_assert_cmpstr (text, ==, "its journal");
  g_clear_pointer (&text, g_free);
  text = read_text (aside_shm);
  g_assert_cmpstr (text, ==, "its index");
  g_clear_pointer (&text, g_free);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));

  /* The file already there is as it was. */
  text = read_text (taken);
  g_assert_cmpstr (text, ==, "an older damaged archive");
}

static void
test_move_aside_missing (void)
{
  g_autofree char *dir = rostra_test_new_folder ("move-missing");
  g_autofree char *path = g_build_filename (dir, "archive.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) aside = rostra_store_recovery_move_aside (path, NULL, &error);

  g_assert_null (aside);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "archive.db"));
}

/* A new archive takes the old one's place, and the old one stays an
 * archive that opens under its new name. */
static void
test_move_aside_archive (void)
{
  g_autofree char *dir = rostra_test_new_folder ("move-archive");
  g_autofree char *path = g_build_filename (dir, "archive.db", NULL);
  g_autoptr (GFile) aside = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (RostraStore) fresh = NULL;
  g_autoptr (RostraStore) old = NULL;

  rostra_test_make_archive (path);

  aside = rostra_store_recovery_move_aside (path, NULL, &error);
  g_assert_no_error (error);
  fresh = rostra_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rostra_store_count_articles (fresh, NULL), ==, 0);
  old = rostra_store_open (g_file_peek_path (aside), &error);
  g_assert_no_error (error);
  g_assert_cmpint (rostra_store_count_articles (old, NULL), ==, 3);
}

static void
test_quick_check (void)
{
  g_autofree char *dir = rostra_test_new_folder ("quick-check");
  g_autofree char *path = g_build_filename (dir, "archive.db", NULL);
  g_autofree char *text_file = g_build_filename (dir, "notes.db", NULL);
  g_autofree char *contents = NULL;
  gsize            len = 0;
  g_autoptr (GError) error = NULL;

  {
    g_autoptr (RostraStore) store = rostra_store_open (path, &error);
    gint64 import_id, id = 0;

    g_assert_no_error (error);
    import_id = rostra_store_add_import (store, "filler", NULL, "dump", &error);
    g_assert_no_error (error);
    for (guint i = 0; i < 200; i++)
      {
        g_autofree char *title = g_strdup_printf ("Harbour report %u", i);
        g_autofree char *body = g_strnfill (1500, 'a' + i % 26);

        g_assert_true (rostra_store_add_article (store, import_id, title, NULL, NULL, "en", body,
                                                 &id, &error));
        g_assert_no_error (error);
      }
  }
  g_assert_true (rostra_store_recovery_quick_check (path, &error));
  g_assert_no_error (error);

  /* Garbage over the middle pages: opening does not notice, the check does. */
  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (len, >, 40 * 4096);
  memset (contents + (len / 3 / 4096) * 4096, 0x5a, len / 3);
  g_assert_true (g_file_set_contents (path, contents, len, &error));
  g_assert_no_error (error);
  g_assert_false (rostra_store_recovery_quick_check (path, &error));
  g_assert_error (error, ROSTRA_STORE_ERROR, ROSTRA_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, path));
  g_clear_error (&error);

  /* Not a database */
  write_text (text_file, "Groceries: apples, flour.\n");
  g_assert_false (rostra_store_recovery_quick_check (text_file, &error));
  g_assert_error (error, ROSTRA_STORE_ERROR, ROSTRA_STORE_ERROR_NOT_A_DATABASE);
  g_clear_pointer (&contents, g_free);
  contents = read_text (text_file);
  g_assert_cmpstr (contents, ==, "Groceries: apples, flour.\n");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store-recovery/aside-name", test_aside_name);
  g_test_add_func ("/store-recovery/move-aside", test_move_aside);
  g_test_add_func ("/store-recovery/move-aside-missing", test_move_aside_missing);
  g_test_add_func ("/store-recovery/move-aside-archive", test_move_aside_archive);
  g_test_add_func ("/store-recovery/quick-check", test_quick_check);

  return g_test_run ();
}
