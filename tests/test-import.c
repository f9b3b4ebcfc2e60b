/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-import.c: importing dumps: counts, duplicates, atomicity, refusals. */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "rostra-importer.h"
#include "rostra-test-utils.h"

/* A stream that serves a buffer and fails after @fail_at bytes, as a
 * disk or network file that breaks half-way through would. */
#define TEST_TYPE_FAILING_STREAM (test_failing_stream_get_type ())
G_DECLARE_FINAL_TYPE (TestFailingStream, test_failing_stream, TEST, FAILING_STREAM, GInputStream)

struct _TestFailingStream
{
  GInputStream parent_instance;
  GBytes      *bytes;
  gsize        pos;
  gsize        fail_at;
};

G_DEFINE_FINAL_TYPE (TestFailingStream, test_failing_stream, G_TYPE_INPUT_STREAM)

static gssize
test_failing_stream_read (GInputStream *stream,
                          void         *buffer,
                          gsize         count,
                          GCancellable *cancellable,
                          GError      **error)
{
  TestFailingStream *self = TEST_FAILING_STREAM (stream);
  gsize              size;
  const char        *data = g_bytes_get_data (self->bytes, &size);
  gsize              n;

  if (self->pos >= self->fail_at)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Simulated read error");
      return -1;
    }

  n = MIN (count, MIN (size, self->fail_at) - self->pos);
  memcpy (buffer, data + self->pos, n);
  self->pos += n;
  return n;
}

static void
test_failing_stream_finalize (GObject *object)
{
  g_bytes_unref (TEST_FAILING_STREAM (object)->bytes);
  G_OBJECT_CLASS (test_failing_stream_parent_class)->finalize (object);
}

static void
test_failing_stream_class_init (TestFailingStreamClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_failing_stream_finalize;
  G_INPUT_STREAM_CLASS (klass)->read_fn = test_failing_stream_read;
}

static void
test_failing_stream_init (TestFailingStream *self)
{
}

static GInputStream *
failing_stream_new (const char *data, gsize fail_at)
{
  TestFailingStream *self = g_object_new (TEST_TYPE_FAILING_STREAM, NULL);

  self->bytes = g_bytes_new (data, strlen (data));
  self->fail_at = fail_at;
  return G_INPUT_STREAM (self);
}

/* A dump of @n generated entries, numbered from @first. */
static char *
make_dump (guint first, guint n)
{
  GString *s = g_string_new (NULL);

  for (guint i = first; i < first + n; i++)
    g_string_append_printf (s,
                            "Speech number %u | The Test Gazette\n\n%02u-01-20 10:%02u:00,\n\n"
                            "This is the text of speech %u, which the speaker gave to the "
                            "assembly.\n\n\xC2\xA0\xC2\xBB\xC2\xA0Read more\n\n",
                            i, 1 + i % 28, i % 60, i);
  return g_string_free (s, FALSE);
}

static RostraImportReport *
import_path (RostraStore *store, const char *path, GError **error)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  RostraImportReport *report = NULL;

  rostra_import_file (store, file, NULL, NULL, NULL, NULL, &report, error);
  g_assert_nonnull (report);
  return report;
}

static void
test_fixture (void)
{
  g_autofree char *db = NULL;
  g_autoptr (RostraStore) store = rostra_test_store_new (&db);
  g_autofree char *path = rostra_test_data_path ("speeches.txt");
  g_autofree char *sum = rostra_test_file_checksum (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (RostraImportReport) report = import_path (store, path, &error);
  g_autoptr (RostraArticle) article = NULL;
  g_autofree char *encoding = NULL;
  g_autofree char *counts = NULL;
  g_autofree char *stored_sum = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (report->name, ==, "speeches.txt");
  g_assert_cmpstr (report->path, ==, path);
  g_assert_cmpuint (report->n_entries, ==, 3);
  g_assert_cmpuint (report->n_new, ==, 3);
  g_assert_cmpuint (report->n_duplicates, ==, 0);
  g_assert_cmpuint (report->n_incomplete, ==, 0);
  g_assert_cmpuint (report->n_warnings, ==, 0);
  g_assert_cmpstr (report->encoding, ==, "UTF-8");
  g_assert_cmpstr (report->sha256, ==, sum);
  g_assert_cmpint (report->import_id, >, 0);

  g_assert_cmpint (rostra_test_count_rows (db, "articles"), ==, 3);
  g_assert_cmpint (rostra_test_count_rows (db, "imports"), ==, 1);
  encoding = rostra_test_query_text (db, "SELECT encoding FROM imports");
  g_assert_cmpstr (encoding, ==, "UTF-8");
  counts = rostra_test_query_text (db, "SELECT n_new || '/' || n_dup || '/' || n_warn || '/' || "
                                       "(finished IS NOT NULL) FROM imports");
  g_assert_cmpstr (counts, ==, "3/0/0/1");
  stored_sum = rostra_test_query_text (db, "SELECT sha256 FROM imports");
  g_assert_cmpstr (stored_sum, ==, sum);

  /* The write-ahead log was checkpointed and truncated. */
  {
    g_autofree char *wal = g_strconcat (db, "-wal", NULL);
    GStatBuf         st;

    g_assert_true (g_stat (wal, &st) != 0 || st.st_size == 0);
  }

  article = rostra_store_load_article (store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rostra_article_get_imported_from (article), ==, "speeches.txt");
}

static void
test_reimport_changes_nothing (void)
{
  g_autofree char *db = NULL;
  g_autoptr (RostraStore) store = rostra_test_store_new (&db);
  g_autofree char *path = rostra_test_data_path ("speeches.txt");
  g_autoptr (GError) error = NULL;
  g_autoptr (RostraImportReport) first = import_path (store, path, &error);
  g_autoptr (RostraImportReport) second = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_no_error (error);
  before = rostra_test_query_text (db, "SELECT group_concat(id || title || hash) FROM articles");

  second = import_path (store, path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (second->n_entries, ==, 3);
  g_assert_cmpuint (second->n_new, ==, 0);
  g_assert_cmpuint (second->n_duplicates, ==, 3);
  g_assert_cmpint (second->import_id, ==, 0);

  after = rostra_test_query_text (db, "SELECT group_concat(id || title || hash) FROM articles");
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (rostra_test_count_rows (db, "imports"), ==, 1);
}

static void
test_duplicates_within_and_across (void)
{
  g_autofree char *db = NULL;
  g_autoptr (RostraStore) store = rostra_test_store_new (&db);
  g_autofree char *a = make_dump (0, 5);
  g_autofree char *b = make_dump (3, 5);
  g_autofree char *twice = g_strconcat (a, a, NULL);
  g_autofree char *path_twice = rostra_test_write_file ("twice.txt", twice, -1);
  g_autofree char *path_b = rostra_test_write_file ("b.txt", b, -1);
  g_autoptr (GError) error = NULL;
  g_autoptr (RostraImportReport) r1 = import_path (store, path_twice, &error);
  g_autoptr (RostraImportReport) r2 = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (r1->n_entries, ==, 10);
  g_assert_cmpuint (r1->n_new, ==, 5);
  g_assert_cmpuint (r1->n_duplicates, ==, 5);

  /* b holds entries 3–7: 3 and 4 are known. */
  r2 = import_path (store, path_b, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r2->n_new, ==, 3);
  g_assert_cmpuint (r2->n_duplicates, ==, 2);
  g_assert_cmpint (rostra_test_count_rows (db, "articles"), ==, 8);
  g_assert_cmpint (rostra_test_count_rows (db, "imports"), ==, 2);
}

static void
assert_unchanged_after_failure (RostraStore  *store,
                                const char   *db,
                                GInputStream *stream,
                                GCancellable *cancellable,
                                GQuark        domain,
                                int           code)
{
  g_autofree char *before =
      rostra_test_query_text (db, "SELECT group_concat(id || hash) FROM articles");
  gint64 imports = rostra_test_count_rows (db, "imports");
  gint64 fts = rostra_test_count_rows (db, "articles_fts");
  g_autoptr (RostraImportReport) report = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *after = NULL;

  g_assert_false (rostra_import_stream (store, stream, "broken.txt", NULL, NULL, NULL, cancellable,
                                        &report, &error));
  g_assert_error (error, domain, code);
  g_assert_cmpint (report->import_id, ==, 0);
  g_assert_cmpuint (report->n_new, ==, 0);

  after = rostra_test_query_text (db, "SELECT group_concat(id || hash) FROM articles");
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (rostra_test_count_rows (db, "imports"), ==, imports);
  g_assert_cmpint (rostra_test_count_rows (db, "articles_fts"), ==, fts);

  /* The store is usable afterwards. */
  g_assert_cmpint (rostra_store_count_articles (store, NULL), >=, 0);
}

static void
test_read_error_is_atomic (void)
{
  g_autofree char *db = NULL;
  g_autoptr (RostraStore) store = rostra_test_store_new (&db);
  g_autofree char *dump = make_dump (0, 2000);
  g_autofree char *path = rostra_test_data_path ("speeches.txt");
  g_autoptr (GError) error = NULL;
  g_autoptr (RostraImportReport) fixture = import_path (store, path, &error);
  g_autoptr (GInputStream) stream = NULL;

  g_assert_no_error (error);

  /* Fails well after the first entries went into the transaction. */
  stream = failing_stream_new (dump, strlen (dump) * 3 / 4);
  assert_unchanged_after_failure (store, db, stream, NULL, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_cmpint (rostra_test_count_rows (db, "articles"), ==, 3);
}

static void
cancel_at_first_progress (guint64 bytes_read, guint n_entries, gpointer user_data)
{
  g_cancellable_cancel (user_data);
}

static void
test_cancel_is_atomic (void)
{
  g_autofree char *db = NULL;
  g_autoptr (RostraStore) store = rostra_test_store_new (&db);
  g_autofree char *dump = make_dump (0, 2000);
  g_autoptr (GInputStream) stream = g_memory_input_stream_new_from_data (dump, -1, NULL);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (RostraImportReport) report = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_false (rostra_import_stream (store, stream, "big.txt", NULL, cancel_at_first_progress,
                                        cancellable, cancellable, &report, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (report->n_entries, ==, 256);
  g_assert_cmpint (rostra_test_count_rows (db, "articles"), ==, 0);
  g_assert_cmpint (rostra_test_count_rows (db, "imports"), ==, 0);
  g_assert_cmpint (rostra_test_count_rows (db, "articles_fts"), ==, 0);
}

static void
record_progress (guint64 bytes_read, guint n_entries, gpointer user_data)
{
  GArray *seen = user_data;

  g_array_append_val (seen, bytes_read);
}

static void
test_progress (void)
{
  g_autoptr (RostraStore) store = rostra_test_store_new (NULL);
  g_autofree char *dump = make_dump (0, 3000);
  g_autofree char *path = rostra_test_write_file ("progress.txt", dump, -1);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GArray) seen = g_array_new (FALSE, FALSE, sizeof (guint64));
  g_autoptr (RostraImportReport) report = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (rostra_import_file (store, file, "Named import", record_progress, seen, NULL,
                                     &report, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (report->name, ==, "Named import");
  g_assert_cmpuint (seen->len, >=, 3000 / 256);
  for (guint i = 1; i < seen->len; i++)
    g_assert_cmpuint (g_array_index (seen, guint64, i - 1), <=, g_array_index (seen, guint64, i));
  g_assert_cmpuint (g_array_index (seen, guint64, seen->len - 1), ==, strlen (dump));
  g_assert_cmpuint (report->size, ==, strlen (dump));
}

static void
assert_refused (const char *path, GQuark domain, int code, const char *fragment)
{
  g_autofree char *db = NULL;
  g_autoptr (RostraStore) store = rostra_test_store_new (&db);
  g_autoptr (GError) error = NULL;
  g_autoptr (RostraImportReport) report = import_path (store, path, &error);

  g_assert_error (error, domain, code);
  g_assert_nonnull (strstr (error->message, fragment));
  g_assert_cmpuint (report->n_new, ==, 0);
  g_assert_cmpint (rostra_test_count_rows (db, "articles"), ==, 0);
  g_assert_cmpint (rostra_test_count_rows (db, "imports"), ==, 0);
}

static void
test_refusals (void)
{
  static const guint8 png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0,    0,   0,
                                13,   'I', 'H', 'D', 'R',  0,    0,    1,    0,    0,   0,
                                1,    0,   8,   6,   0,    0,    0,    0x5c, 0x72, 0xa8 };
  g_autofree char    *missing = g_build_filename (rostra_test_tmpdir (), "no-such-file.txt", NULL);
  g_autofree char    *empty = rostra_test_write_file ("empty.txt", "", 0);
  g_autofree char    *binary = rostra_test_write_file ("image.png", (const char *) png, sizeof png);
  /* Named .txt or .md, it would be one plain-text speech. */
  g_autofree char *prose =
      rostra_test_write_file ("prose.dump", "Just a letter.\n\nNo dates anywhere.\n", -1);

  assert_refused (missing, ROSTRA_IMPORT_ERROR, ROSTRA_IMPORT_ERROR_NOT_FOUND, "no such file");
  assert_refused (rostra_test_tmpdir (), ROSTRA_IMPORT_ERROR, ROSTRA_IMPORT_ERROR_NOT_A_FILE,
                  "folder");
  assert_refused (empty, ROSTRA_IMPORT_ERROR, ROSTRA_IMPORT_ERROR_EMPTY, "empty");
  assert_refused (binary, ROSTRA_PARSER_ERROR, ROSTRA_PARSER_ERROR_BINARY, "binary");
  assert_refused (prose, ROSTRA_IMPORT_ERROR, ROSTRA_IMPORT_ERROR_NO_ENTRIES, "date line");
}

static void
test_warnings_reported (void)
{
  static const char dump[] = "Preface by the editor\n\n"
                             "Title\n\n31-02-19 10:00:00,\n\nText\n\n» Read more\n";
  g_autofree char  *path = rostra_test_write_file ("warn.txt", dump, -1);
  g_autofree char  *db = NULL;
  g_autoptr (RostraStore) store = rostra_test_store_new (&db);
  g_autoptr (GError) error = NULL;
  g_autoptr (RostraImportReport) report = import_path (store, path, &error);
  g_autofree char *n_warn = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (report->n_new, ==, 1);
  g_assert_cmpuint (report->n_warnings, ==, 2);
  g_assert_cmpuint (report->warnings->len, ==, 2);
  g_assert_cmpuint (g_array_index (report->warnings, RostraParseWarning, 0).line, ==, 1);
  g_assert_cmpuint (g_array_index (report->warnings, RostraParseWarning, 1).line, ==, 5);
  n_warn = rostra_test_query_text (db, "SELECT n_warn FROM imports");
  g_assert_cmpstr (n_warn, ==, "2");
}

static void
test_windows_1252_recorded (void)
{
  static const char dump[] =
      "Caf\xE9 society\n\n01-01-20 10:00:00,\n\nIt cost 5\x80.\n\n\xBB Read more\n";
  g_autofree char *path = rostra_test_write_file ("legacy.txt", dump, -1);
  g_autofree char *db = NULL;
  g_autoptr (RostraStore) store = rostra_test_store_new (&db);
  g_autoptr (GError) error = NULL;
  g_autoptr (RostraImportReport) report = import_path (store, path, &error);
  g_autofree char *encoding = NULL;
  g_autofree char *title = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (report->encoding, ==, "windows-1252");
  encoding = rostra_test_query_text (db, "SELECT encoding FROM imports");
  g_assert_cmpstr (encoding, ==, "windows-1252");
  title = rostra_test_query_text (db, "SELECT title FROM articles");
  g_assert_cmpstr (title, ==, "Café society");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import/fixture", test_fixture);
  g_test_add_func ("/import/reimport-changes-nothing", test_reimport_changes_nothing);
  g_test_add_func ("/import/duplicates", test_duplicates_within_and_across);
  g_test_add_func ("/import/read-error-is-atomic", test_read_error_is_atomic);
  g_test_add_func ("/import/cancel-is-atomic", test_cancel_is_atomic);
  g_test_add_func ("/import/progress", test_progress);
  g_test_add_func ("/import/refusals", test_refusals);
  g_test_add_func ("/import/warnings", test_warnings_reported);
  g_test_add_func ("/import/windows-1252", test_windows_1252_recorded);

  return g_test_run ();
}
