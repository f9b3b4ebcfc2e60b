/* SPDX-License-Identifier: GPL-3.0-or-later */
/* replay.c: runs a fuzz target's LLVMFuzzerTestOneInput() on files,
 * without libFuzzer: one test case per file (TAP with --tap).
 * Arguments are files and folders; every file of a folder is replayed
 * (names starting with "." are not: .gitkeep). A path that does not
 * exist fails the test: the seeds and regressions must be there.
 * Used by the normal suite (tests/fuzz/meson.build), so every finding
 * kept in tests/fuzz/regressions/TARGET/ is checked on every run. */

#include "config.h"

#include <string.h>

#include <gio/gio.h>

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static void
replay_file (gconstpointer user_data)
{
  const char *path = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize            length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  /* A copy of exactly LENGTH bytes, so that ASan and valgrind catch a
   * read past the end (g_file_get_contents adds a terminating NUL). */
  {
    g_autofree guint8 *data = g_memdup2 (contents, length);

    g_assert_cmpint (LLVMFuzzerTestOneInput (data, length), ==, 0);
  }
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

static void
add_path (const char *path, guint *n_files)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDir) dir = NULL;
  g_autoptr (GPtrArray) names = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *folder = g_path_get_dirname (path);
      g_autofree char *parent = g_path_get_basename (folder);
      g_autofree char *base = g_path_get_basename (path);
      g_autofree char *test = g_strdup_printf ("/replay/%s/%s", parent, base);

      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
        g_error ("%s: no such file or folder to replay", path);
      g_test_add_data_func_full (test, g_strdup (path), replay_file, g_free);
      (*n_files)++;
      return;
    }

  dir = g_dir_open (path, 0, &error);
  g_assert_no_error (error);
  names = g_ptr_array_new_with_free_func (g_free);
  while ((name = g_dir_read_name (dir)))
    if (name[0] != '.')
      g_ptr_array_add (names, g_build_filename (path, name, NULL));
  /* Same order on every machine. */
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    add_path (g_ptr_array_index (names, i), n_files);
}

int
main (int argc, char **argv)
{
  guint n_files = 0;

  g_test_init (&argc, &argv, NULL);
  for (int i = 1; i < argc; i++)
    add_path (argv[i], &n_files);
  /* Never pass vacuously: a target without any input replayed is a mistake. */
  if (n_files == 0)
    g_error ("nothing to replay: give files or folders holding inputs");
  return g_test_run ();
}
