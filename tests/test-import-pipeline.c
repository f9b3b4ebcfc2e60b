/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-import-pipeline.c: parsing on a thread of its own, handed over in batches. */

#include "config.h"

#include <string.h>

#include "rostra-import-pipeline.h"
#include "rostra-test-utils.h"

#define ENTRY(entries, i) ((RostraDumpEntry *) g_ptr_array_index ((entries), (i)))

/* A dump of @n entries, every tenth with an invalid date (a warning). */
static GBytes *
make_dump (guint n)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      g_string_append_printf (s, "Speech %u on the harbour | Riverside Courier\n\n", i);
      g_string_append_printf (s, "%02u-%02u-19 10:00:00,\n\n", i % 10 == 9 ? 31 : i % 28 + 1,
                              i % 10 == 9 ? 2 : i % 12 + 1);
      for (guint p = 0; p < i % 4 + 1; p++)
        g_string_append_printf (s,
                                "We will build the new harbour %u for our children, and it "
                                "will serve the town for a century.\n\n",
                                p);
      g_string_append (s, " » Read more\n\n");
    }
  return g_string_free_to_bytes (s);
}

static RostraDumpParser *
parser_for (GBytes *bytes)
{
  g_autoptr (GInputStream) stream = g_memory_input_stream_new_from_bytes (bytes);

  return rostra_dump_parser_new (stream);
}

/* Takes every batch; returns the entries, or %NULL with @error set
 * (and what came before the error in @entries_before). */
static GPtrArray *
drain (RostraImportPipeline *pipeline,
       guint                *n_batches,
       guint64              *last_bytes_read,
       GPtrArray           **entries_before,
       GError              **error)
{
  g_autoptr (GPtrArray) entries =
      g_ptr_array_new_with_free_func ((GDestroyNotify) rostra_dump_entry_free);
  guint64 bytes_read = 0;

  *n_batches = 0;
  for (;;)
    {
      g_autoptr (RostraImportBatch) batch = NULL;

      if (!rostra_import_pipeline_next (pipeline, &batch, error))
        {
          if (entries_before)
            *entries_before = g_steal_pointer (&entries);
          return NULL;
        }
      if (batch == NULL)
        break;

      g_assert_cmpuint (batch->entries->len, >, 0);
      g_assert_cmpuint (batch->bytes_read, >=, bytes_read);
      bytes_read = batch->bytes_read;
      (*n_batches)++;
      for (guint i = 0; i < batch->entries->len; i++)
        g_ptr_array_add (entries, rostra_dump_entry_copy (ENTRY (batch->entries, i)));
    }

  if (last_bytes_read)
    *last_bytes_read = bytes_read;
  return g_steal_pointer (&entries);
}

static void
assert_same_entries (GPtrArray *a, GPtrArray *b, guint n)
{
  g_assert_cmpuint (a->len, >=, n);
  g_assert_cmpuint (b->len, >=, n);
  for (guint i = 0; i < n; i++)
    {
      RostraDumpEntry *x = ENTRY (a, i), *y = ENTRY (b, i);

      g_assert_cmpstr (x->title, ==, y->title);
      g_assert_cmpstr (x->source, ==, y->source);
      g_assert_cmpstr (x->published, ==, y->published);
      g_assert_cmpstr (x->text, ==, y->text);
      g_assert_cmpstr (x->language, ==, y->language);
      g_assert_cmpuint (x->first_line, ==, y->first_line);
      g_assert_cmpuint (x->last_line, ==, y->last_line);
      g_assert_cmpint (x->complete, ==, y->complete);
    }
}

/* Whatever the sizes of batches and queue: the same entries in the
 * same order as the parser alone, and its state readable at the end. */
static void
test_same_entries (void)
{
  static const struct
  {
    guint batch_entries;
    gsize batch_bytes;
    guint max_batches;
  } shapes[] = {
    { 1, G_MAXSIZE, 1 },    { 3, G_MAXSIZE, 2 }, { 32, G_MAXSIZE, 4 },
    { 1000, G_MAXSIZE, 1 }, { 1000, 100, 3 }, /* handed over by size */
  };
  g_autoptr (GBytes) dump = make_dump (500);
  g_autoptr (RostraDumpParser) alone = NULL;
  g_autoptr (GPtrArray) expected = NULL;
  g_autoptr (GError) error = NULL;

  expected =
      rostra_test_parse (g_bytes_get_data (dump, NULL), g_bytes_get_size (dump), &alone, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (expected->len, ==, 500);
  g_assert_cmpuint (rostra_dump_parser_get_n_warnings (alone), ==, 50);

  for (guint s = 0; s < G_N_ELEMENTS (shapes); s++)
    {
      g_autoptr (RostraDumpParser) parser = parser_for (dump);
      g_autoptr (RostraImportPipeline) pipeline = NULL;
      g_autoptr (GPtrArray) entries = NULL;
      g_autoptr (RostraImportBatch) after = NULL;
      guint   n_batches;
      guint64 bytes_read;

      pipeline = rostra_import_pipeline_new_full (
          parser, shapes[s].batch_entries, shapes[s].batch_bytes, shapes[s].max_batches, NULL);
      entries = drain (pipeline, &n_batches, &bytes_read, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (entries->len, ==, expected->len);
      assert_same_entries (entries, expected, expected->len);
      if (shapes[s].batch_bytes == G_MAXSIZE)
        g_assert_cmpuint (n_batches, ==,
                          (500 + shapes[s].batch_entries - 1) / shapes[s].batch_entries);
      else
        g_assert_cmpuint (n_batches, ==, 500);

      /* The end, again: still the end. */
      g_assert_true (rostra_import_pipeline_next (pipeline, &after, &error));
      g_assert_no_error (error);
      g_assert_null (after);

      /* The thread is done: the parser is the caller's again. */
      g_assert_cmpuint (bytes_read, ==, g_bytes_get_size (dump));
      g_assert_cmpuint (rostra_dump_parser_get_bytes_read (parser), ==, g_bytes_get_size (dump));
      g_assert_cmpstr (rostra_dump_parser_get_checksum (parser), ==,
                       rostra_dump_parser_get_checksum (alone));
      g_assert_cmpuint (rostra_dump_parser_get_n_warnings (parser), ==, 50);
      g_assert_cmpstr (rostra_dump_parser_get_warning (parser, 0)->message, ==,
                       rostra_dump_parser_get_warning (alone, 0)->message);
    }
}

static void
test_defaults (void)
{
  g_autofree char *path = rostra_test_data_path ("speeches.txt");
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GFileInputStream) stream = g_file_read (file, NULL, NULL);
  g_autoptr (RostraDumpParser) parser = rostra_dump_parser_new (G_INPUT_STREAM (stream));
  g_autoptr (RostraImportPipeline) pipeline = rostra_import_pipeline_new (parser, NULL);
  g_autoptr (GPtrArray) entries = NULL;
  g_autoptr (GError) error = NULL;
  guint n_batches;

  entries = drain (pipeline, &n_batches, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 3);
  g_assert_cmpuint (n_batches, ==, 1);
  g_assert_cmpstr (ENTRY (entries, 1)->language, ==, "nl");
  g_assert_nonnull (rostra_dump_parser_get_checksum (parser));
}

static void
test_no_entries (void)
{
  g_autoptr (GBytes) text = g_bytes_new_static ("Just a note.\nNothing else.\n", 27);
  g_autoptr (RostraDumpParser) parser = parser_for (text);
  g_autoptr (RostraImportPipeline) pipeline = rostra_import_pipeline_new (parser, NULL);
  g_autoptr (GPtrArray) entries = NULL;
  g_autoptr (GError) error = NULL;
  guint n_batches;

  entries = drain (pipeline, &n_batches, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 0);
  g_assert_cmpuint (n_batches, ==, 0);
  g_assert_cmpuint (rostra_dump_parser_get_n_warnings (parser), ==, 1);
}

static void
test_parser_errors (void)
{
  static const guint8 binary[] = { 0x7f, 'E', 'L', 'F', 0, 0, 0, 0, 1, 2, 3, 0, 0, 0, 0, 0 };
  g_autoptr (GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr (GBytes) elf = g_bytes_new_static (binary, sizeof binary);
  GBytes *inputs[] = { empty, elf };
  int     codes[] = { ROSTRA_PARSER_ERROR_EMPTY, ROSTRA_PARSER_ERROR_BINARY };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr (RostraDumpParser) parser = parser_for (inputs[i]);
      g_autoptr (RostraImportPipeline) pipeline = rostra_import_pipeline_new (parser, NULL);
      g_autoptr (RostraImportBatch) batch = NULL;
      g_autoptr (GError) error = NULL;

      g_assert_false (rostra_import_pipeline_next (pipeline, &batch, &error));
      g_assert_error (error, ROSTRA_PARSER_ERROR, codes[i]);
      g_assert_null (batch);

      /* Again: the same error. */
      g_clear_error (&error);
      g_assert_false (rostra_import_pipeline_next (pipeline, &batch, &error));
      g_assert_error (error, ROSTRA_PARSER_ERROR, codes[i]);
    }
}

/* A stream that fails once it has given @limit bytes. */
#define TEST_TYPE_FAILING_STREAM (test_failing_stream_get_type ())
G_DECLARE_FINAL_TYPE (TestFailingStream, test_failing_stream, TEST, FAILING_STREAM, GInputStream)

struct _TestFailingStream
{
  GInputStream parent_instance;
  GBytes      *bytes;
  gsize        pos;
  gsize        limit;
};

G_DEFINE_FINAL_TYPE (TestFailingStream, test_failing_stream, G_TYPE_INPUT_STREAM)

static gssize
failing_read (GInputStream *stream,
              void         *buffer,
              gsize         count,
              GCancellable *cancellable,
              GError      **error)
{
  TestFailingStream *self = TEST_FAILING_STREAM (stream);
  gsize              n;

  if (self->pos >= self->limit)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "the disk went away");
      return -1;
    }
  n = MIN (count, self->limit - self->pos);
  memcpy (buffer, (const char *) g_bytes_get_data (self->bytes, NULL) + self->pos, n);
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
  G_INPUT_STREAM_CLASS (klass)->read_fn = failing_read;
}

static void
test_failing_stream_init (TestFailingStream *self)
{
}

/* A read error half-way: the entries before it come first, then the error. */
static void
test_read_error (void)
{
  g_autoptr (GBytes) dump = make_dump (2000);
  g_autoptr (TestFailingStream) stream = g_object_new (TEST_TYPE_FAILING_STREAM, NULL);
  g_autoptr (RostraDumpParser) parser = NULL;
  g_autoptr (RostraImportPipeline) pipeline = NULL;
  g_autoptr (GPtrArray) expected = NULL;
  g_autoptr (GPtrArray) before = NULL;
  g_autoptr (GPtrArray) entries = NULL;
  g_autoptr (GError) error = NULL;
  guint n_batches;

  expected =
      rostra_test_parse (g_bytes_get_data (dump, NULL), g_bytes_get_size (dump), NULL, &error);
  g_assert_no_error (error);

  stream->bytes = g_bytes_ref (dump);
  stream->limit = g_bytes_get_size (dump) / 2;
  parser = rostra_dump_parser_new (G_INPUT_STREAM (stream));
  pipeline = rostra_import_pipeline_new_full (parser, 7, G_MAXSIZE, 2, NULL);

  entries = drain (pipeline, &n_batches, NULL, &before, &error);
  g_assert_null (entries);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_cmpuint (before->len, >, 100);
  g_assert_cmpuint (before->len, <, 2000);
  assert_same_entries (before, expected, before->len);
}

static void
test_cancel_before (void)
{
  g_autoptr (GBytes) dump = make_dump (50);
  g_autoptr (RostraDumpParser) parser = parser_for (dump);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (RostraImportPipeline) pipeline = NULL;
  g_autoptr (RostraImportBatch) batch = NULL;
  g_autoptr (GError) error = NULL;

  g_cancellable_cancel (cancellable);
  pipeline = rostra_import_pipeline_new (parser, cancellable);
  g_assert_false (rostra_import_pipeline_next (pipeline, &batch, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (batch);
}

/* Cancelled while batches wait: the next call fails at once. */
static void
test_cancel_during (void)
{
  g_autoptr (GBytes) dump = make_dump (3000);
  g_autoptr (RostraDumpParser) parser = parser_for (dump);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (RostraImportPipeline) pipeline = NULL;
  g_autoptr (RostraImportBatch) first = NULL;
  g_autoptr (RostraImportBatch) second = NULL;
  g_autoptr (GError) error = NULL;

  pipeline = rostra_import_pipeline_new_full (parser, 10, G_MAXSIZE, 3, cancellable);
  g_assert_true (rostra_import_pipeline_next (pipeline, &first, &error));
  g_assert_no_error (error);
  g_assert_nonnull (first);

  g_cancellable_cancel (cancellable);
  g_assert_false (rostra_import_pipeline_next (pipeline, &second, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (second);
}

/* The caller stops early (a database error, say) while the thread waits
 * for room in a full queue, or has not been asked for anything yet. */
static void
test_free_early (void)
{
  g_autoptr (GBytes) dump = make_dump (3000);

  for (guint taken = 0; taken < 3; taken++)
    {
      g_autoptr (RostraDumpParser) parser = parser_for (dump);
      RostraImportPipeline *pipeline =
          rostra_import_pipeline_new_full (parser, 5, G_MAXSIZE, 1, NULL);

      for (guint i = 0; i < taken; i++)
        {
          g_autoptr (RostraImportBatch) batch = NULL;
          g_autoptr (GError) error = NULL;

          g_assert_true (rostra_import_pipeline_next (pipeline, &batch, &error));
          g_assert_no_error (error);
          g_assert_cmpuint (batch->entries->len, ==, 5);
        }
      /* Let the thread fill the queue and wait. */
      g_usleep (20 * 1000);
      rostra_import_pipeline_free (pipeline);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import-pipeline/same-entries", test_same_entries);
  g_test_add_func ("/import-pipeline/defaults", test_defaults);
  g_test_add_func ("/import-pipeline/no-entries", test_no_entries);
  g_test_add_func ("/import-pipeline/parser-errors", test_parser_errors);
  g_test_add_func ("/import-pipeline/read-error", test_read_error);
  g_test_add_func ("/import-pipeline/cancel-before", test_cancel_before);
  g_test_add_func ("/import-pipeline/cancel-during", test_cancel_during);
  g_test_add_func ("/import-pipeline/free-early", test_free_early);

  return g_test_run ();
}
