/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-import.c: importing dumps: counts, duplicates, atomicity, refusals. */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "rostra-anchor.h"
#include "rostra-exporter.h"
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

/* Formats, previews, tags, cancellation and failing files. */

/* Everything an import may change, as one string, after checking
 * that the database is sound. */
static char *
archive_state (const char *db)
{
  static const char *const tables[] = {
    "articles", "articles_fts_docsize", "imports",         "annotations",
    "tags",     "article_tags",         "annotation_tags",
  };
  g_autofree char *integrity = rostra_test_query_text (db, "PRAGMA integrity_check");
  g_autofree char *ids = rostra_test_query_text (
      db,
      "SELECT group_concat (id || ':' || hash || ':' || ifnull (import_id, '-')) FROM articles");
  g_autofree char *imports = rostra_test_query_text (
      db, "SELECT group_concat (id || ':' || name || ':' || n_new) FROM imports");
  GString *s = g_string_new (NULL);

  g_assert_cmpstr (integrity, ==, "ok");
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    g_string_append_printf (s, "%s=%" G_GINT64_FORMAT " ", tables[i],
                            rostra_test_count_rows (db, tables[i]));
  g_string_append_printf (s, "[%s] [%s]", ids ? ids : "", imports ? imports : "");
  return g_string_free (s, FALSE);
}

static gboolean
import_with (RostraStore         *store,
             const char          *path,
             const char *const   *tags,
             RostraImportReport **report,
             GError             **error)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  RostraImportOptions options = { NULL, tags };
  gboolean            ok;

  ok = rostra_import_file_full (store, file, &options, NULL, NULL, NULL, report, error);
  g_assert_nonnull (*report);
  return ok;
}

static RostraImportReport *
import_ok (RostraStore *store, const char *path)
{
  g_autoptr (GError) error = NULL;
  RostraImportReport *report = NULL;

  g_assert_true (import_with (store, path, NULL, &report, &error));
  g_assert_no_error (error);
  return report;
}

static RostraImportReport *
preview_path (RostraStore *store, const char *path, guint max_entries, GError **error)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  RostraImportReport *report = NULL;

  rostra_import_preview_file (store, file, max_entries, NULL, NULL, NULL, &report, error);
  g_assert_nonnull (report);
  return report;
}

static char *
only_value (const char *db, const char *sql)
{
  char *value = rostra_test_query_text (db, sql);

  g_assert_nonnull (value);
  return value;
}

static void
assert_format (const char *path,
               const char *format,
               guint       n_new,
               const char *encoding,
               const char *title)
{
  g_autofree char *db = NULL;
  g_autoptr (RostraStore) store = rostra_test_store_new (&db);
  g_autoptr (RostraImportReport) report = import_ok (store, path);
  g_autofree char *stored_format = only_value (db, "SELECT format FROM imports");
  g_autofree char *stored_encoding = only_value (db, "SELECT encoding FROM imports");

  g_assert_cmpstr (report->format, ==, format);
  g_assert_cmpuint (report->n_new, ==, n_new);
  g_assert_cmpstr (report->encoding, ==, encoding);
  g_assert_cmpstr (stored_format, ==, format);
  g_assert_cmpstr (stored_encoding, ==, encoding);
  g_assert_cmpint (rostra_test_count_rows (db, "articles"), ==, n_new);
  if (title != NULL)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (RostraArticle) article = rostra_store_load_article (store, 1, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (rostra_article_get_title (article), ==, title);
    }
}

/* The one article of a plain-text import. */
static RostraArticle *
import_speech (const char *name, const char *contents, gssize len, char **db_out)
{
  g_autofree char *path = rostra_test_write_file (name, contents, len);
  g_autoptr (RostraStore) store = rostra_test_store_new (db_out);
  g_autoptr (RostraImportReport) report = import_ok (store, path);
  g_autoptr (GError) error = NULL;
  g_autofree char *base = g_path_get_basename (path);
  RostraArticle   *article;

  g_assert_cmpstr (report->format, ==, "plain-text");
  g_assert_cmpuint (report->n_entries, ==, 1);
  g_assert_cmpuint (report->n_new, ==, 1);
  g_assert_cmpint (rostra_store_count_articles (store, NULL), ==, 1);
  article = rostra_store_load_article (store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rostra_article_get_imported_from (article), ==, base);
  g_assert_null (rostra_article_get_published (article));
  g_assert_null (rostra_article_get_source (article));
  return article;
}

static void
test_format_dump (void)
{
  g_autofree char *fixture = rostra_test_data_path ("speeches.txt");
  g_autofree char *generated = make_dump (0, 4);
  g_autofree char *log = rostra_test_write_file ("feed.log", generated, -1);

  assert_format (fixture, "feed-dump", 3, "UTF-8", NULL);
  /* Any name: a dump is told by its date lines. */
  assert_format (log, "feed-dump", 4, "UTF-8", NULL);
}

static void
test_format_plain_title (void)
{
  static const char speech[] =
      "Councillor Brandvold on the winter road budget\n\n"
      "Chair, members, the gritting lorries went out forty-one times last winter.\n\n"
      "We cannot promise fewer storms, but we can promise that the hill roads will be cleared "
      "before the school buses leave.\n";
  g_autofree char *db = NULL;
  g_autoptr (RostraArticle) article = import_speech ("winter-roads.txt", speech, -1, &db);
  g_autoptr (RostraArticle) upper = import_speech ("WINTER.TXT", speech, -1, NULL);
  g_autoptr (RostraArticle) text = import_speech ("winter.text", speech, -1, NULL);

  g_assert_cmpstr (rostra_article_get_title (article), ==,
                   "Councillor Brandvold on the winter road budget");
  g_assert_cmpstr (rostra_article_get_text (article), ==,
                   "Chair, members, the gritting lorries went out forty-one times last winter.\n\n"
                   "We cannot promise fewer storms, but we can promise that the hill roads will "
                   "be cleared before the school buses leave.");
  g_assert_cmpstr (rostra_article_get_language (article), ==, "en");
  g_assert_cmpstr (rostra_article_get_title (upper), ==,
                   "Councillor Brandvold on the winter road budget");
  g_assert_cmpstr (rostra_article_get_title (text), ==,
                   "Councillor Brandvold on the winter road budget");
  {
    g_autofree char *format = only_value (db, "SELECT format FROM imports");
    g_autofree char *n_new = only_value (db, "SELECT n_new FROM imports");

    g_assert_cmpstr (format, ==, "plain-text");
    g_assert_cmpstr (n_new, ==, "1");
  }
}

static void
test_format_plain_long_first_line (void)
{
  g_autoptr (GString) speech = g_string_new (NULL);
  g_autoptr (RostraArticle) article = NULL;

  g_string_append (speech, "Friends, ");
  while (speech->len <= 240)
    g_string_append (speech, "we gathered here because the old mill is worth saving, ");
  g_string_append (speech, "and that is all.\n\nThe second paragraph is short.\n");

  article = import_speech ("mill.address.txt", speech->str, speech->len, NULL);
  /* The name without its (last) extension. */
  g_assert_cmpstr (rostra_article_get_title (article), ==, "mill.address");
  g_assert_true (g_str_has_prefix (rostra_article_get_text (article), "Friends, we gathered"));
  g_assert_true (
      g_str_has_suffix (rostra_article_get_text (article), "\n\nThe second paragraph is short."));
}

static void
test_format_plain_single_line (void)
{
  g_autoptr (RostraArticle) article = import_speech (
      "toast.txt", "To the bride and groom, and to the long table that fed us all!\n", -1, NULL);

  g_assert_cmpstr (rostra_article_get_title (article), ==, "toast");
  g_assert_cmpstr (rostra_article_get_text (article), ==,
                   "To the bride and groom, and to the long table that fed us all!");
}

static void
test_format_markdown (void)
{
  static const char md[] = "# Keynote at the Tidewater Library\n\n"
                           "Thank you for having me. Libraries are the last places where nobody "
                           "asks you to buy anything.\n\n"
                           "## Why it matters\n\nBecause curiosity should be free.\n";
  g_autoptr (RostraArticle) article = import_speech ("keynote.md", md, -1, NULL);
  g_autoptr (RostraArticle) long_form = import_speech ("keynote-2.markdown", md, -1, NULL);
  /* The heading marks belong to Markdown files only. */
  g_autoptr (RostraArticle) plain = import_speech ("keynote.txt", md, -1, NULL);

  g_assert_cmpstr (rostra_article_get_title (article), ==, "Keynote at the Tidewater Library");
  g_assert_true (g_str_has_prefix (rostra_article_get_text (article), "Thank you for having me."));
  g_assert_nonnull (strstr (rostra_article_get_text (article), "## Why it matters"));
  g_assert_cmpstr (rostra_article_get_title (long_form), ==, "Keynote at the Tidewater Library");
  g_assert_cmpstr (rostra_article_get_title (plain), ==, "# Keynote at the Tidewater Library");
}

static void
test_format_plain_crlf (void)
{
  static const char speech[] = "Remarks at the lifeboat station\r\n\r\n"
                               "Every volunteer here has left a warm bed for a cold sea.\r\n"
                               "Tonight we thank them.\r\n\r\n\r\nGood evening.\r\n";
  g_autoptr (RostraArticle) article = import_speech ("lifeboat.txt", speech, -1, NULL);

  g_assert_cmpstr (rostra_article_get_title (article), ==, "Remarks at the lifeboat station");
  g_assert_cmpstr (rostra_article_get_text (article), ==,
                   "Every volunteer here has left a warm bed for a cold sea.\n"
                   "Tonight we thank them.\n\nGood evening.");
}

static void
test_format_plain_windows_1252 (void)
{
  static const char speech[] = "Allocution au march\xE9 couvert\r\n\r\n"
                               "Mesdames et messieurs, le march\xE9 a co\xFBt\xE9 "
                               "12\x80 par habitant, et chacun en a profit\xE9.\r\n";
  g_autofree char  *path = rostra_test_write_file ("marche.txt", speech, -1);
  g_autofree char  *db = NULL;
  g_autoptr (RostraStore) store = rostra_test_store_new (&db);
  g_autoptr (RostraImportReport) report = import_ok (store, path);
  g_autoptr (RostraArticle) article = rostra_store_load_article (store, 1, NULL);
  g_autofree char *encoding = only_value (db, "SELECT encoding FROM imports");

  g_assert_cmpstr (report->format, ==, "plain-text");
  g_assert_cmpstr (report->encoding, ==, "windows-1252");
  g_assert_cmpstr (encoding, ==, "windows-1252");
  g_assert_cmpstr (rostra_article_get_title (article), ==, "Allocution au marché couvert");
  g_assert_cmpstr (rostra_article_get_text (article), ==,
                   "Mesdames et messieurs, le marché a coûté 12€ par habitant, et chacun en a "
                   "profité.");
}

static void
test_format_plain_blank (void)
{
  g_autofree char *path = rostra_test_write_file ("blank.txt", "\n   \n\t\n", -1);
  g_autofree char *db = NULL;
  g_autoptr (RostraStore) store = rostra_test_store_new (&db);
  g_autoptr (RostraImportReport) report = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_false (import_with (store, path, NULL, &report, &error));
  g_assert_error (error, ROSTRA_IMPORT_ERROR, ROSTRA_IMPORT_ERROR_NO_ENTRIES);
  g_assert_cmpstr (report->format, ==, "plain-text");
  g_assert_cmpint (rostra_test_count_rows (db, "imports"), ==, 0);
}

/* A JSON backup of an archive with the fixture and one annotation. */
static char *
make_backup (const char *name, gboolean bom)
{
  g_autofree char *fixture = rostra_test_data_path ("speeches.txt");
  g_autoptr (RostraStore) store = rostra_test_store_new (NULL);
  g_autoptr (RostraImportReport) report = import_ok (store, fixture);
  g_autoptr (RostraArticle) article = rostra_store_load_article (store, 1, NULL);
  g_autoptr (RostraAnnotation) annotation = NULL;
  g_autoptr (GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr (GError) error = NULL;
  g_autofree char *exact = NULL, *prefix = NULL, *suffix = NULL;
  g_autofree char *contents = NULL;
  const char      *lead = bom ? "\xEF\xBB\xBF\n  " : "";

  rostra_anchor_describe (rostra_article_get_text (article), 0, 20, &exact, &prefix, &suffix);
  annotation = rostra_annotation_new (1, 0, 20, exact, prefix, suffix);
  g_assert_true (rostra_store_add_annotation (store, annotation, &error));
  g_assert_no_error (error);

  g_output_stream_write_all (out, lead, strlen (lead), NULL, NULL, NULL);
  g_assert_true (rostra_export_json (store, out, NULL, &error));
  g_assert_no_error (error);
  g_output_stream_write_all (out, "", 1, NULL, NULL, NULL);
  g_output_stream_close (out, NULL, NULL);
  contents = g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
  return rostra_test_write_file (name, contents, -1);
}

static void
test_format_backup (void)
{
  /* Named .txt, still a backup: it starts with "{". */
  g_autofree char *backup = make_backup ("archive-backup.txt", FALSE);
  g_autofree char *db = NULL;
  g_autoptr (RostraStore) store = rostra_test_store_new (&db);
  g_autoptr (RostraImportReport) report = import_ok (store, backup);
  g_autofree char *format = only_value (db, "SELECT group_concat (DISTINCT format) FROM imports");

  g_assert_cmpstr (report->format, ==, "rostra-json");
  g_assert_cmpuint (report->n_new, ==, 3);
  g_assert_cmpuint (report->n_annotations_new, ==, 1);
  g_assert_cmpstr (format, ==, "rostra-json");
  g_assert_cmpint (rostra_test_count_rows (db, "annotations"), ==, 1);
}

static void
test_format_backup_bom (void)
{
  /* A byte order mark and blanks before the "{" are still a backup. */
  g_autofree char *backup = make_backup ("bom-backup.json", TRUE);
  g_autofree char *db = NULL;
  g_autoptr (RostraStore) store = rostra_test_store_new (&db);
  g_autoptr (RostraImportReport) report = NULL;
  g_autoptr (GError) error = NULL;

  import_with (store, backup, NULL, &report, &error);
  g_assert_cmpstr (report->format, ==, "rostra-json");
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_new, ==, 3);
  g_assert_cmpuint (report->n_annotations_new, ==, 1);
}

static void
test_format_plain_stray_nul (void)
{
  /* One stray NUL, as the dump parser tolerates: still a speech, not a failed dump. */
  static const char speech[] = "Remarks on the new tram line\n\n"
                               "The trams will run every six minutes\0 from March.\n";
  g_autofree char  *path = rostra_test_write_file ("tram.txt", speech, sizeof speech - 1);
  g_autofree char  *db = NULL;
  g_autoptr (RostraStore) store = rostra_test_store_new (&db);
  g_autoptr (RostraImportReport) report = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (RostraArticle) article = NULL;

  import_with (store, path, NULL, &report, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (report->format, ==, "plain-text");
  g_assert_cmpuint (report->n_new, ==, 1);
  g_assert_cmpuint (report->n_warnings, ==, 1);
  article = rostra_store_load_article (store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rostra_article_get_title (article), ==, "Remarks on the new tram line");
  g_assert_cmpstr (rostra_article_get_text (article), ==,
                   "The trams will run every six minutes\xEF\xBF\xBD from March.");
}

static void
test_format_undated_not_plain (void)
{
  static const char prose[] = "Notes for the harbour meeting.\n\nBring the tide tables.\n";
  const char *const names[] = { "notes.log", "notes.dump", "notes", "notes.txt.bak" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = rostra_test_write_file (names[i], prose, -1);
      g_autofree char *db = NULL;
      g_autoptr (RostraStore) store = rostra_test_store_new (&db);
      g_autoptr (RostraImportReport) report = NULL;
      g_autoptr (GError) error = NULL;

      g_assert_false (import_with (store, path, NULL, &report, &error));
      g_assert_error (error, ROSTRA_IMPORT_ERROR, ROSTRA_IMPORT_ERROR_NO_ENTRIES);
      g_assert_cmpstr (report->format, ==, "feed-dump");
      g_assert_cmpint (rostra_test_count_rows (db, "imports"), ==, 0);
      g_assert_cmpint (rostra_test_count_rows (db, "articles"), ==, 0);
    }
}

/* A .txt file whose first date line comes after @preface_len bytes of prose. */
static char *
dump_after_preface (const char *name, gsize preface_len)
{
  g_autoptr (GString) s = g_string_new (NULL);
  g_autofree char *dump = make_dump (0, 3);

  while (s->len < preface_len)
    g_string_append (s, "A preface line that explains the collection.\n\n");
  g_string_append (s, dump);
  return rostra_test_write_file (name, s->str, s->len);
}

static void
test_format_date_within_detect_window (void)
{
  g_autofree char *near = dump_after_preface ("late-dump.txt", 60 * 1024);
  g_autofree char *far = dump_after_preface ("very-late-dump.txt", 80 * 1024);
  g_autofree char *db = NULL;
  g_autoptr (RostraStore) store = rostra_test_store_new (&db);
  g_autoptr (RostraImportReport) report = import_ok (store, near);
  g_autoptr (RostraStore) store2 = rostra_test_store_new (NULL);
  g_autoptr (RostraImportReport) report2 = import_ok (store2, far);

  /* A date line within the first 64 KB: a dump, whose preface is skipped. */
  g_assert_cmpstr (report->format, ==, "feed-dump");
  g_assert_cmpuint (report->n_new, ==, 3);
  g_assert_cmpuint (report->n_warnings, ==, 1);
  g_assert_cmpuint (g_array_index (report->warnings, RostraParseWarning, 0).line, ==, 1);

  /* None in the first 64 KB of a .txt: one plain-text speech. */
  g_assert_cmpstr (report2->format, ==, "plain-text");
  g_assert_cmpuint (report2->n_new, ==, 1);
}

/* Previews */

static void
assert_same_report (const RostraImportReport *preview, const RostraImportReport *import)
{
  g_assert_cmpstr (preview->format, ==, import->format);
  g_assert_cmpstr (preview->encoding, ==, import->encoding);
  g_assert_cmpstr (preview->name, ==, import->name);
  g_assert_cmpstr (preview->path, ==, import->path);
  g_assert_cmpstr (preview->sha256, ==, import->sha256);
  g_assert_cmpuint (preview->size, ==, import->size);
  g_assert_cmpuint (preview->n_entries, ==, import->n_entries);
  g_assert_cmpuint (preview->n_new, ==, import->n_new);
  g_assert_cmpuint (preview->n_duplicates, ==, import->n_duplicates);
  g_assert_cmpuint (preview->n_incomplete, ==, import->n_incomplete);
  g_assert_cmpuint (preview->n_warnings, ==, import->n_warnings);
  g_assert_cmpuint (preview->warnings->len, ==, import->warnings->len);
  for (guint i = 0; i < preview->warnings->len; i++)
    {
      RostraParseWarning *a = &g_array_index (preview->warnings, RostraParseWarning, i);
      RostraParseWarning *b = &g_array_index (import->warnings, RostraParseWarning, i);

      g_assert_cmpuint (a->line, ==, b->line);
      g_assert_cmpstr (a->message, ==, b->message);
    }
  g_assert_cmpuint (preview->n_annotations_new, ==, import->n_annotations_new);
  g_assert_cmpuint (preview->n_annotations_duplicates, ==, import->n_annotations_duplicates);
  g_assert_cmpuint (preview->n_annotations_repaired, ==, import->n_annotations_repaired);
  g_assert_cmpuint (preview->n_annotations_orphaned, ==, import->n_annotations_orphaned);
}

/* Previews @path, checks that the archive did not change, imports it
 * and checks that the preview told what the import did. */
static RostraImportReport *
preview_then_import (RostraStore *store, const char *db, const char *path, guint max_entries)
{
  g_autofree char *before = archive_state (db);
  g_autoptr (GError) error = NULL;
  RostraImportReport *preview = preview_path (store, path, max_entries, &error);
  g_autoptr (RostraImportReport) import = NULL;
  g_autofree char *after = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (preview->import_id, ==, 0);
  g_assert_cmpuint (preview->entries->len, ==, MIN (max_entries, preview->n_entries));
  after = archive_state (db);
  g_assert_cmpstr (after, ==, before);

  import = import_ok (store, path);
  assert_same_report (preview, import);
  /* An import lists no entries; only previews do. */
  g_assert_cmpuint (import->entries->len, ==, 0);
  if (import->n_new > 0)
    g_assert_cmpint (import->import_id, >, 0);
  return preview;
}

#define PREVIEW_ENTRY(report, i) ((RostraImportEntry *) g_ptr_array_index ((report)->entries, (i)))

static void
test_preview_in_file_duplicates (void)
{
  g_autofree char *a = make_dump (0, 4);
  g_autofree char *again = make_dump (2, 1);
  /* Entries 0–3, 2 again, one with an impossible date, one without an end marker. */
  g_autofree char *dump = g_strconcat (
      a, again,
      "Statement without a real date\n\n31-02-19 10:00:00,\n\nShort text.\n\n"
      "\xC2\xBB Read more\n\nUnfinished remarks\n\n01-02-20 09:00:00,\n\nThe file stops here.\n",
      NULL);
  g_autofree char *path = NULL;
  g_autofree char *db = NULL;
  g_autoptr (RostraStore) store = rostra_test_store_new (&db);
  g_autoptr (RostraImportReport) preview = NULL;
  RostraImportEntry *e;

  path = rostra_test_write_file ("preview-dups.txt", dump, -1);

  preview = preview_then_import (store, db, path, 6);
  g_assert_cmpuint (preview->n_entries, ==, 7);
  g_assert_cmpuint (preview->n_new, ==, 6);
  g_assert_cmpuint (preview->n_duplicates, ==, 1);
  g_assert_cmpuint (preview->n_incomplete, ==, 1);
  g_assert_cmpuint (preview->n_warnings, ==, 2);
  g_assert_cmpstr (preview->format, ==, "feed-dump");

  g_assert_cmpuint (preview->entries->len, ==, 6);
  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *title = g_strdup_printf ("Speech number %u", i);

      e = PREVIEW_ENTRY (preview, i);
      g_assert_cmpstr (e->title, ==, title);
      g_assert_cmpstr (e->source, ==, "The Test Gazette");
      g_assert_cmpuint (e->line, ==, 1 + 8 * i);
      g_assert_false (e->duplicate);
      g_assert_cmpstr (e->language, ==, "en");
    }
  e = PREVIEW_ENTRY (preview, 0);
  g_assert_cmpstr (e->published, ==, "2020-01-01T10:00:00");
  e = PREVIEW_ENTRY (preview, 4);
  g_assert_cmpstr (e->title, ==, "Speech number 2");
  g_assert_cmpuint (e->line, ==, 33);
  g_assert_true (e->duplicate);
  e = PREVIEW_ENTRY (preview, 5);
  g_assert_cmpstr (e->title, ==, "Statement without a real date");
  g_assert_null (e->published);
  g_assert_null (e->source);
  g_assert_cmpuint (e->line, ==, 41);
  g_assert_false (e->duplicate);

  g_assert_cmpint (rostra_test_count_rows (db, "articles"), ==, 6);
}

static void
test_preview_partly_known (void)
{
  g_autofree char *first = make_dump (0, 5);
  g_autofree char *second = make_dump (3, 5);
  g_autofree char *first_path = rostra_test_write_file ("known-1.txt", first, -1);
  g_autofree char *second_path = rostra_test_write_file ("known-2.txt", second, -1);
  g_autofree char *db = NULL;
  g_autoptr (RostraStore) store = rostra_test_store_new (&db);
  g_autoptr (RostraImportReport) r1 = preview_then_import (store, db, first_path, 2);
  g_autoptr (RostraImportReport) r2 = preview_then_import (store, db, second_path, 100);
  g_autoptr (RostraImportReport) r3 = NULL;

  g_assert_cmpuint (r1->n_new, ==, 5);
  g_assert_cmpuint (r1->entries->len, ==, 2);

  /* 3 and 4 are known already. */
  g_assert_cmpuint (r2->n_entries, ==, 5);
  g_assert_cmpuint (r2->n_new, ==, 3);
  g_assert_cmpuint (r2->n_duplicates, ==, 2);
  g_assert_cmpuint (r2->entries->len, ==, 5);
  for (guint i = 0; i < 5; i++)
    g_assert_cmpint (PREVIEW_ENTRY (r2, i)->duplicate, ==, i < 2);
  g_assert_cmpint (rostra_test_count_rows (db, "articles"), ==, 8);

  /* Everything known: the preview says so, and the import adds nothing. */
  r3 = preview_then_import (store, db, second_path, 0);
  g_assert_cmpuint (r3->n_new, ==, 0);
  g_assert_cmpuint (r3->n_duplicates, ==, 5);
  g_assert_cmpuint (r3->entries->len, ==, 0);
  g_assert_cmpint (rostra_test_count_rows (db, "imports"), ==, 2);
}

static void
test_preview_plain_speech (void)
{
  static const char speech[] = "Address to the beekeepers' guild\n\n"
                               "Thank you. The hives survived the winter, and so did we.\n";
  g_autofree char  *path = rostra_test_write_file ("bees.txt", speech, -1);
  g_autofree char  *db = NULL;
  g_autoptr (RostraStore) store = rostra_test_store_new (&db);
  g_autoptr (RostraImportReport) first = preview_then_import (store, db, path, 10);
  g_autoptr (RostraImportReport) again = preview_then_import (store, db, path, 10);

  g_assert_cmpstr (first->format, ==, "plain-text");
  g_assert_cmpuint (first->n_new, ==, 1);
  g_assert_cmpuint (first->entries->len, ==, 1);
  g_assert_cmpstr (PREVIEW_ENTRY (first, 0)->title, ==, "Address to the beekeepers' guild");
  g_assert_null (PREVIEW_ENTRY (first, 0)->published);
  g_assert_cmpuint (PREVIEW_ENTRY (first, 0)->line, ==, 1);
  g_assert_false (PREVIEW_ENTRY (first, 0)->duplicate);

  g_assert_cmpuint (again->n_new, ==, 0);
  g_assert_cmpuint (again->n_duplicates, ==, 1);
  g_assert_true (PREVIEW_ENTRY (again, 0)->duplicate);
}

static void
test_preview_backup (void)
{
  g_autofree char *backup = make_backup ("preview-backup.json", FALSE);
  g_autofree char *fixture = rostra_test_data_path ("speeches.txt");
  g_autofree char *speech =
      rostra_test_write_file ("other.txt", "Another speech\n\nNot in the backup at all.\n", -1);
  g_autofree char *db = NULL;
  g_autoptr (RostraStore) store = rostra_test_store_new (&db);
  g_autoptr (RostraImportReport) other = import_ok (store, speech);
  g_autoptr (RostraImportReport) preview = NULL;
  g_autoptr (RostraImportReport) again = NULL;
  guint n_duplicate_entries = 0;

  preview = preview_then_import (store, db, backup, 2);
  g_assert_cmpstr (preview->format, ==, "rostra-json");
  g_assert_cmpuint (preview->n_entries, ==, 3);
  g_assert_cmpuint (preview->n_new, ==, 3);
  g_assert_cmpuint (preview->n_annotations_new, ==, 1);
  g_assert_cmpuint (preview->entries->len, ==, 2);
  for (guint i = 0; i < preview->entries->len; i++)
    {
      RostraImportEntry *e = PREVIEW_ENTRY (preview, i);

      g_assert_nonnull (e->title);
      g_assert_nonnull (e->published);
      g_assert_false (e->duplicate);
      g_assert_cmpuint (e->line, ==, 0);
      /* Read after the backup's JSON is gone: the entries own (or intern) what they hold. */
      g_assert_true (g_strcmp0 (e->language, "en") == 0 || g_strcmp0 (e->language, "nl") == 0);
    }
  g_assert_cmpint (rostra_test_count_rows (db, "articles"), ==, 4);
  g_assert_cmpint (rostra_test_count_rows (db, "annotations"), ==, 1);

  /* Again: all known, which the preview's entries say too. */
  again = preview_then_import (store, db, backup, 5);
  g_assert_cmpuint (again->n_new, ==, 0);
  g_assert_cmpuint (again->n_duplicates, ==, 3);
  g_assert_cmpuint (again->n_annotations_duplicates, ==, 1);
  for (guint i = 0; i < again->entries->len; i++)
    n_duplicate_entries += PREVIEW_ENTRY (again, i)->duplicate;
  g_assert_cmpuint (n_duplicate_entries, ==, 3);

  /* The dump the backup came from: all known too. */
  {
    g_autoptr (RostraImportReport) dump = preview_then_import (store, db, fixture, 3);

    g_assert_cmpuint (dump->n_duplicates, ==, 3);
  }
}

static void
test_preview_refusals (void)
{
  static const guint8 blob[] = { 'G', 'I', 'F', '8', '9', 'a', 0, 0, 1, 0, 0, 0, 2, 3, 0, 0, 4 };
  g_autofree char *binary = rostra_test_write_file ("blob.txt", (const char *) blob, sizeof blob);
  g_autofree char *undated = rostra_test_write_file ("undated.log", "Just words.\n", -1);
  g_autofree char *db = NULL;
  g_autoptr (RostraStore) store = rostra_test_store_new (&db);
  const char *paths[] = { binary, undated };
  GQuark      domains[] = { ROSTRA_PARSER_ERROR, ROSTRA_IMPORT_ERROR };
  int         codes[] = { ROSTRA_PARSER_ERROR_BINARY, ROSTRA_IMPORT_ERROR_NO_ENTRIES };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GError) import_error = NULL;
      g_autoptr (RostraImportReport) preview = preview_path (store, paths[i], 10, &error);
      g_autoptr (RostraImportReport) import = NULL;

      /* The preview meets the error the import would. */
      g_assert_error (error, domains[i], codes[i]);
      g_assert_false (import_with (store, paths[i], NULL, &import, &import_error));
      g_assert_error (import_error, domains[i], codes[i]);
      g_assert_cmpstr (error->message, ==, import_error->message);
      g_assert_cmpint (rostra_test_count_rows (db, "imports"), ==, 0);
    }
}

/* Tags */

static char *
tags_of (RostraStore *store, gint64 id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RostraArticle) article = rostra_store_load_article (store, id, &error);
  const char *const *tags;

  g_assert_no_error (error);
  tags = rostra_article_get_tags (article);
  return tags ? g_strjoinv (",", (char **) tags) : g_strdup ("");
}

static void
test_tags_option (void)
{
  static const char *const tags[] = { "Harbour", "  ", "", "council 2020 ", "harbour", NULL };
  g_autofree char         *first = make_dump (0, 3);
  g_autofree char         *second = make_dump (2, 4);
  g_autofree char         *first_path = rostra_test_write_file ("tags-1.txt", first, -1);
  g_autofree char         *second_path = rostra_test_write_file ("tags-2.txt", second, -1);
  g_autofree char         *db = NULL;
  g_autoptr (RostraStore) store = rostra_test_store_new (&db);
  g_autoptr (RostraImportReport) r1 = import_ok (store, first_path);
  g_autoptr (RostraImportReport) r2 = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *names = NULL;
  g_autofree char *untagged = NULL;
  g_autofree char *sql = NULL;

  g_assert_true (import_with (store, second_path, tags, &r2, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (r2->n_new, ==, 3);
  g_assert_cmpuint (r2->n_duplicates, ==, 1);

  /* Two tags (blank ones skipped, "harbour" is "Harbour"), on the three new articles only. */
  g_assert_cmpint (rostra_test_count_rows (db, "tags"), ==, 2);
  names =
      only_value (db, "SELECT group_concat (name, '|') FROM (SELECT name FROM tags ORDER BY name)");
  g_assert_cmpstr (names, ==, "council 2020|Harbour");
  g_assert_cmpint (rostra_test_count_rows (db, "article_tags"), ==, 6);
  sql =
      g_strdup_printf ("SELECT count(*) FROM article_tags x JOIN articles a ON a.id = x.article_id"
                       " WHERE a.import_id = %" G_GINT64_FORMAT,
                       r1->import_id);
  untagged = only_value (db, sql);
  g_assert_cmpstr (untagged, ==, "0");

  for (gint64 id = 1; id <= 6; id++)
    {
      g_autofree char *got = tags_of (store, id);

      g_assert_cmpstr (got, ==, id <= 3 ? "" : "council 2020,Harbour");
    }
}

static void
test_tags_reuse_existing (void)
{
  static const char *const existing[] = { "harbour", NULL };
  static const char *const again[] = { "HARBOUR", "Ferries", NULL };
  static const char *const only_blank[] = { " ", "\t", NULL };
  g_autofree char         *a = make_dump (0, 2);
  g_autofree char         *b = make_dump (10, 2);
  g_autofree char         *c = make_dump (20, 1);
  g_autofree char         *a_path = rostra_test_write_file ("reuse-a.txt", a, -1);
  g_autofree char         *b_path = rostra_test_write_file ("reuse-b.txt", b, -1);
  g_autofree char         *c_path = rostra_test_write_file ("reuse-c.txt", c, -1);
  g_autofree char         *db = NULL;
  g_autoptr (RostraStore) store = rostra_test_store_new (&db);
  g_autoptr (RostraImportReport) ra = NULL, rb = NULL, rc = NULL, rd = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *names = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_true (import_with (store, a_path, existing, &ra, &error));
  g_assert_true (import_with (store, b_path, again, &rb, &error));
  g_assert_true (import_with (store, c_path, only_blank, &rc, &error));
  g_assert_no_error (error);

  /* "HARBOUR" is the existing "harbour", which keeps its spelling. */
  names =
      only_value (db, "SELECT group_concat (name, '|') FROM (SELECT name FROM tags ORDER BY id)");
  g_assert_cmpstr (names, ==, "harbour|Ferries");
  {
    g_autofree char *t1 = tags_of (store, 1);
    g_autofree char *t3 = tags_of (store, 3);
    g_autofree char *t5 = tags_of (store, 5);

    g_assert_cmpstr (t1, ==, "harbour");
    g_assert_cmpstr (t3, ==, "Ferries,harbour");
    g_assert_cmpstr (t5, ==, "");
  }
  g_assert_cmpint (rostra_test_count_rows (db, "article_tags"), ==, 2 + 4);

  /* Nothing new: no tag is created, nothing is linked. */
  before = archive_state (db);
  {
    static const char *const fresh[] = { "Never used", NULL };

    g_assert_true (import_with (store, a_path, fresh, &rd, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (rd->n_new, ==, 0);
  }
  after = archive_state (db);
  g_assert_cmpstr (after, ==, before);
}

static void
test_tags_on_plain_and_backup (void)
{
  static const char *const tags[] = { "Speeches", NULL };
  g_autofree char         *backup = make_backup ("tagged-backup.json", FALSE);
  g_autofree char         *speech =
      rostra_test_write_file ("tagged.md", "# A tagged speech\n\nWith a body.\n", -1);
  g_autofree char *db = NULL;
  g_autoptr (RostraStore) store = rostra_test_store_new (&db);
  g_autoptr (RostraImportReport) r1 = NULL, r2 = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (import_with (store, speech, tags, &r1, &error));
  g_assert_true (import_with (store, backup, tags, &r2, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (r1->n_new + r2->n_new, ==, 4);
  g_assert_cmpint (rostra_test_count_rows (db, "tags"), ==, 1);
  g_assert_cmpint (rostra_test_count_rows (db, "article_tags"), ==, 4);
}

static void
test_tags_backup_round_trip (void)
{
  static const char *const tags[] = { "Bridges", "Council 2021", NULL };
  g_autofree char         *fixture = rostra_test_data_path ("speeches.txt");
  g_autoptr (RostraStore) store = rostra_test_store_new (NULL);
  g_autoptr (RostraStore) restored = NULL;
  g_autoptr (RostraImportReport) report = NULL;
  g_autoptr (RostraImportReport) restore_report = NULL;
  g_autoptr (GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *restored_db = NULL;
  g_autofree char *linked = NULL;

  g_assert_true (import_with (store, fixture, tags, &report, &error));
  g_assert_no_error (error);
  g_assert_true (rostra_export_json (store, out, NULL, &error));
  g_assert_no_error (error);
  g_output_stream_write_all (out, "", 1, NULL, NULL, NULL);
  g_output_stream_close (out, NULL, NULL);
  contents = g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
  backup = rostra_test_write_file ("tagged-articles.json", contents, -1);

  /* A backup restored into an empty archive keeps the articles' tags. */
  restored = rostra_test_store_new (&restored_db);
  g_assert_true (import_with (restored, backup, NULL, &restore_report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (restore_report->n_new, ==, 3);
  linked = only_value (restored_db, "SELECT count(*) FROM article_tags");
  g_assert_cmpstr (linked, ==, "6");
  for (gint64 id = 1; id <= 3; id++)
    {
      g_autofree char *got = tags_of (restored, id);

      g_assert_cmpstr (got, ==, "Bridges,Council 2021");
    }
}

/* Cancellation and progress on a file of a few megabytes */

typedef struct
{
  GArray       *bytes;
  GArray       *entries;
  GCancellable *cancellable;
  guint         cancel_at; /* the call that cancels, 0 for none */
} Progress;

static void
progress_record (guint64 bytes_read, guint n_entries, gpointer user_data)
{
  Progress *p = user_data;

  g_array_append_val (p->bytes, bytes_read);
  g_array_append_val (p->entries, n_entries);
  if (p->cancel_at > 0 && p->bytes->len == p->cancel_at)
    g_cancellable_cancel (p->cancellable);
}

static void
progress_init (Progress *p, guint cancel_at)
{
  p->bytes = g_array_new (FALSE, FALSE, sizeof (guint64));
  p->entries = g_array_new (FALSE, FALSE, sizeof (guint));
  p->cancellable = g_cancellable_new ();
  p->cancel_at = cancel_at;
}

static void
progress_clear (Progress *p)
{
  g_array_unref (p->bytes);
  g_array_unref (p->entries);
  g_object_unref (p->cancellable);
}

static void
assert_progress_monotonic (Progress *p, guint64 size, guint n_entries)
{
  g_assert_cmpuint (p->bytes->len, >=, n_entries / 256);
  for (guint i = 1; i < p->bytes->len; i++)
    {
      g_assert_cmpuint (g_array_index (p->bytes, guint64, i - 1), <=,
                        g_array_index (p->bytes, guint64, i));
      g_assert_cmpuint (g_array_index (p->entries, guint, i - 1), <=,
                        g_array_index (p->entries, guint, i));
    }
  g_assert_cmpuint (g_array_index (p->bytes, guint64, p->bytes->len - 1), ==, size);
  g_assert_cmpuint (g_array_index (p->entries, guint, p->entries->len - 1), ==, n_entries);
}

#define BIG_ENTRIES 16000

static char *
big_dump_path (gsize *size)
{
  static char *path;
  static gsize len;

  if (path == NULL)
    {
      g_autofree char *dump = make_dump (0, BIG_ENTRIES);

      len = strlen (dump);
      g_assert_cmpuint (len, >, 2 * 1024 * 1024);
      path = rostra_test_write_file ("big.txt", dump, len);
    }
  *size = len;
  return g_strdup (path);
}

static void
test_cancel_mid_file (void)
{
  static const char *const tags[] = { "cancelled", NULL };
  gsize                    size;
  g_autofree char         *path = big_dump_path (&size);
  g_autofree char         *fixture = rostra_test_data_path ("speeches.txt");
  g_autofree char         *db = NULL;
  g_autoptr (RostraStore) store = rostra_test_store_new (&db);
  g_autoptr (RostraImportReport) seed = import_ok (store, fixture);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autofree char    *before = archive_state (db);
  g_autofree char    *after = NULL;
  g_autofree char    *after_preview = NULL;
  RostraImportOptions options = { "Cancelled import", tags };
  Progress            p;

  for (guint cancel_at = 1; cancel_at <= 3; cancel_at += 2)
    {
      g_autoptr (RostraImportReport) report = NULL;
      g_autoptr (GError) error = NULL;

      progress_init (&p, cancel_at);
      g_assert_false (rostra_import_file_full (store, file, &options, progress_record, &p,
                                               p.cancellable, &report, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_assert_cmpuint (p.bytes->len, ==, cancel_at);
      g_assert_cmpuint (report->n_entries, ==, 256 * cancel_at);
      g_assert_cmpuint (g_array_index (p.bytes, guint64, cancel_at - 1), <, size);
      g_assert_cmpint (report->import_id, ==, 0);
      g_assert_cmpuint (report->n_new, ==, 0);
      progress_clear (&p);

      after = archive_state (db);
      g_assert_cmpstr (after, ==, before);
      g_clear_pointer (&after, g_free);
    }

  /* A preview stops as well. */
  {
    g_autoptr (RostraImportReport) report = NULL;
    g_autoptr (GError) error = NULL;

    progress_init (&p, 2);
    g_assert_false (rostra_import_preview_file (store, file, 10, progress_record, &p, p.cancellable,
                                                &report, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_assert_cmpuint (report->n_entries, ==, 512);
    progress_clear (&p);
    after_preview = archive_state (db);
    g_assert_cmpstr (after_preview, ==, before);
  }

  /* The store is fine afterwards: the same file imports whole. */
  {
    g_autoptr (RostraImportReport) report = NULL;
    g_autoptr (GError) error = NULL;

    g_assert_true (
        rostra_import_file_full (store, file, &options, NULL, NULL, NULL, &report, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (report->n_new, ==, BIG_ENTRIES);
    g_assert_cmpstr (report->name, ==, "Cancelled import");
    g_assert_cmpint (rostra_test_count_rows (db, "articles"), ==, BIG_ENTRIES + 3);
    g_assert_cmpint (rostra_test_count_rows (db, "imports"), ==, 2);
    {
      g_autofree char *name = only_value (db, "SELECT name FROM imports ORDER BY id DESC");

      g_assert_cmpstr (name, ==, "Cancelled import");
    }
    g_assert_cmpint (rostra_test_count_rows (db, "article_tags"), ==, BIG_ENTRIES);
  }
}

static void
test_progress_big_file (void)
{
  gsize            size;
  g_autofree char *path = big_dump_path (&size);
  g_autoptr (RostraStore) store = rostra_test_store_new (NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (RostraImportReport) preview = NULL;
  g_autoptr (RostraImportReport) report = NULL;
  g_autoptr (GError) error = NULL;
  Progress p;

  progress_init (&p, 0);
  g_assert_true (
      rostra_import_preview_file (store, file, 0, progress_record, &p, NULL, &preview, &error));
  g_assert_no_error (error);
  assert_progress_monotonic (&p, size, BIG_ENTRIES);
  progress_clear (&p);

  progress_init (&p, 0);
  g_assert_true (
      rostra_import_file_full (store, file, NULL, progress_record, &p, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_new, ==, BIG_ENTRIES);
  g_assert_cmpuint (report->size, ==, size);
  assert_progress_monotonic (&p, size, BIG_ENTRIES);
  progress_clear (&p);
}

/* A failing file among good ones, imported one after the other as the
 * command line does. */
static void
test_failing_file_among_good (void)
{
  static const guint8 png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0,    0,   0,
                                13,   'I', 'H', 'D', 'R',  0,    0,    1,    0,    0,   0,
                                1,    0,   8,   6,   0,    0,    0,    0x5c, 0x72, 0xa8 };
  g_autofree char    *good1_dump = make_dump (100, 4);
  g_autofree char    *good1 = rostra_test_write_file ("good-1.txt", good1_dump, -1);
  /* Named like a speech; its bytes say otherwise. */
  g_autofree char *binary = rostra_test_write_file ("scan.txt", (const char *) png, sizeof png);
  g_autofree char *controls = NULL;
  g_autofree char *good2 = rostra_test_data_path ("speeches.txt");
  g_autofree char *db = NULL;
  g_autoptr (RostraStore) store = rostra_test_store_new (&db);
  g_autofree char *names = NULL;
  const char      *files[4];
  guint            n_ok = 0, n_failed = 0;

  {
    char bytes[600];

    /* No NUL at all, but control characters throughout. */
    for (guint i = 0; i < sizeof bytes; i++)
      bytes[i] = i % 3 ? 'a' + i % 26 : 1 + i % 7;
    controls = rostra_test_write_file ("controls.md", bytes, sizeof bytes);
  }

  files[0] = good1;
  files[1] = binary;
  files[2] = controls;
  files[3] = good2;
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr (RostraImportReport) report = NULL;
      g_autoptr (GError) error = NULL;
      g_autofree char *before = archive_state (db);

      if (import_with (store, files[i], NULL, &report, &error))
        {
          g_assert_no_error (error);
          n_ok++;
          continue;
        }
      n_failed++;
      g_assert_error (error, ROSTRA_PARSER_ERROR, ROSTRA_PARSER_ERROR_BINARY);
      g_assert_cmpint (report->import_id, ==, 0);
      {
        g_autofree char *after = archive_state (db);

        g_assert_cmpstr (after, ==, before);
      }
    }

  g_assert_cmpuint (n_ok, ==, 2);
  g_assert_cmpuint (n_failed, ==, 2);
  g_assert_cmpint (rostra_test_count_rows (db, "articles"), ==, 4 + 3);
  names = only_value (db, "SELECT group_concat (name, '|') FROM imports ORDER BY id");
  g_assert_cmpstr (names, ==, "good-1.txt|speeches.txt");
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
  g_test_add_func ("/import/format/dump", test_format_dump);
  g_test_add_func ("/import/format/plain-title", test_format_plain_title);
  g_test_add_func ("/import/format/plain-long-first-line", test_format_plain_long_first_line);
  g_test_add_func ("/import/format/plain-single-line", test_format_plain_single_line);
  g_test_add_func ("/import/format/markdown", test_format_markdown);
  g_test_add_func ("/import/format/plain-crlf", test_format_plain_crlf);
  g_test_add_func ("/import/format/plain-windows-1252", test_format_plain_windows_1252);
  g_test_add_func ("/import/format/plain-blank", test_format_plain_blank);
  g_test_add_func ("/import/format/backup", test_format_backup);
  g_test_add_func ("/import/format/backup-bom", test_format_backup_bom);
  g_test_add_func ("/import/format/plain-stray-nul", test_format_plain_stray_nul);
  g_test_add_func ("/import/format/undated-not-plain", test_format_undated_not_plain);
  g_test_add_func ("/import/format/date-within-64k", test_format_date_within_detect_window);
  g_test_add_func ("/import/preview/in-file-duplicates", test_preview_in_file_duplicates);
  g_test_add_func ("/import/preview/partly-known", test_preview_partly_known);
  g_test_add_func ("/import/preview/plain-speech", test_preview_plain_speech);
  g_test_add_func ("/import/preview/backup", test_preview_backup);
  g_test_add_func ("/import/preview/refusals", test_preview_refusals);
  g_test_add_func ("/import/tags/option", test_tags_option);
  g_test_add_func ("/import/tags/reuse-existing", test_tags_reuse_existing);
  g_test_add_func ("/import/tags/plain-and-backup", test_tags_on_plain_and_backup);
  g_test_add_func ("/import/tags/backup-round-trip", test_tags_backup_round_trip);
  g_test_add_func ("/import/cancel-mid-file", test_cancel_mid_file);
  g_test_add_func ("/import/progress-big-file", test_progress_big_file);
  g_test_add_func ("/import/failing-file-among-good", test_failing_file_among_good);

  return g_test_run ();
}
