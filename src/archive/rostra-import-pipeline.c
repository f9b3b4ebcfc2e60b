/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-import-pipeline.c: parses a dump on a thread of its own while the caller inserts.
 *
 * Parsing a dump (decoding, normalising, guessing each text's language,
 * hashing the file) and inserting its articles (SQLite and its FTS
 * index) each take a good part of an import. A pipeline runs a
 * RostraDumpParser on a thread of its own and hands its entries over
 * in batches, through a queue of at most a few batches: the caller
 * inserts one batch while the next is parsed, and memory stays bounded
 * whatever the size of the file.
 *
 * The parser belongs to the pipeline's thread until
 * rostra_import_pipeline_next() has returned the end (or an error):
 * only then may the caller read its checksum, encoding and warnings.
 * Freeing the pipeline earlier stops the parsing.
 */

#include "config.h"

#include <string.h>

#include "rostra-import-pipeline.h"

struct _RostraImportPipeline
{
  RostraDumpParser *parser;
  GCancellable     *cancellable; /* the caller's, or NULL */
  gulong            cancelled_id;
  GCancellable     *stop; /* the thread's: cancelled with the caller's, or on freeing */
  guint             batch_entries;
  gsize             batch_bytes;
  guint             max_batches;
  GThread          *thread;

  /* Shared with the thread, under the lock */
  GMutex   lock;
  GCond    cond;
  GQueue   ready;    /* RostraImportBatch: parsed, not taken yet */
  gboolean finished; /* the thread is done: the dump's end, or an error */
  gboolean closing;  /* the pipeline is being freed */
  GError  *error;    /* why the thread stopped before the end */
};

void
rostra_import_batch_free (RostraImportBatch *batch)
{
  if (batch == NULL)
    return;
  g_ptr_array_unref (batch->entries);
  g_free (batch);
}

static RostraImportBatch *
batch_new (void)
{
  RostraImportBatch *batch = g_new0 (RostraImportBatch, 1);

  batch->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) rostra_dump_entry_free);
  return batch;
}

/* The thread: waits while the queue is full. Returns %FALSE when the
 * pipeline is being freed (and frees @batch). */
static gboolean
hand_over (RostraImportPipeline *self, RostraImportBatch *batch)
{
  gboolean closing;

  batch->bytes_read = rostra_dump_parser_get_bytes_read (self->parser);

  g_mutex_lock (&self->lock);
  while (self->ready.length >= self->max_batches && !self->closing)
    g_cond_wait (&self->cond, &self->lock);
  closing = self->closing;
  if (!closing)
    {
      g_queue_push_tail (&self->ready, batch);
      g_cond_broadcast (&self->cond);
    }
  g_mutex_unlock (&self->lock);

  if (closing)
    rostra_import_batch_free (batch);
  return !closing;
}

static gpointer
parse_thread (gpointer data)
{
  RostraImportPipeline *self = data;
  RostraImportBatch    *batch = NULL;
  GError               *error = NULL;
  gsize                 bytes = 0;

  for (;;)
    {
      RostraDumpEntry *entry = NULL;

      /* Not every stream checks its cancellable: check between entries. */
      if (g_cancellable_set_error_if_cancelled (self->stop, &error) ||
          !rostra_dump_parser_next (self->parser, &entry, self->stop, &error))
        break;
      if (entry == NULL)
        break;

      if (batch == NULL)
        {
          batch = batch_new ();
          bytes = 0;
        }
      bytes += strlen (entry->title) + strlen (entry->text);
      g_ptr_array_add (batch->entries, entry);

      if (batch->entries->len >= self->batch_entries || bytes >= self->batch_bytes)
        {
          if (!hand_over (self, g_steal_pointer (&batch)))
            break;
        }
    }

  /* The last entries; after an error, what came before it still counts. */
  if (batch != NULL)
    hand_over (self, g_steal_pointer (&batch));

  g_mutex_lock (&self->lock);
  self->finished = TRUE;
  self->error = error;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);
  return NULL;
}

static void
cancelled_cb (GCancellable *cancellable, gpointer user_data)
{
  g_cancellable_cancel (user_data);
}

/**
 * rostra_import_pipeline_new_full:
 * @parser: a parser that has not started reading; the pipeline's
 *   thread uses it until the end
 * @batch_entries: a batch holds at most this many entries…
 * @batch_bytes: …or is handed over once its titles and texts reach this size
 * @max_batches: at most this many batches wait for the caller; then the
 *   thread waits too
 * @cancellable: (nullable): stops the parsing; rostra_import_pipeline_next()
 *   then fails with %G_IO_ERROR_CANCELLED
 *
 * Starts parsing on a thread of its own.
 *
 * Returns: (transfer full): the pipeline
 */
RostraImportPipeline *
rostra_import_pipeline_new_full (RostraDumpParser *parser,
                                 guint             batch_entries,
                                 gsize             batch_bytes,
                                 guint             max_batches,
                                 GCancellable     *cancellable)
{
  RostraImportPipeline *self;

  g_return_val_if_fail (ROSTRA_IS_DUMP_PARSER (parser), NULL);
  g_return_val_if_fail (batch_entries > 0 && batch_bytes > 0 && max_batches > 0, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);

  self = g_new0 (RostraImportPipeline, 1);
  self->parser = g_object_ref (parser);
  self->batch_entries = batch_entries;
  self->batch_bytes = batch_bytes;
  self->max_batches = max_batches;
  self->stop = g_cancellable_new ();
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  g_queue_init (&self->ready);

  if (cancellable != NULL)
    {
      self->cancellable = g_object_ref (cancellable);
      /* Runs at once if @cancellable is already cancelled. */
      self->cancelled_id =
          g_cancellable_connect (cancellable, G_CALLBACK (cancelled_cb), self->stop, NULL);
    }

  self->thread = g_thread_new ("rostra-parser", parse_thread, self);
  return self;
}

/**
 * rostra_import_pipeline_new:
 * @parser: a parser that has not started reading
 * @cancellable: (nullable): stops the parsing
 *
 * rostra_import_pipeline_new_full() with batches of up to
 * %ROSTRA_IMPORT_PIPELINE_BATCH_ENTRIES entries or
 * %ROSTRA_IMPORT_PIPELINE_BATCH_BYTES bytes of text, and up to
 * %ROSTRA_IMPORT_PIPELINE_MAX_BATCHES of them waiting.
 *
 * Returns: (transfer full): the pipeline
 */
RostraImportPipeline *
rostra_import_pipeline_new (RostraDumpParser *parser, GCancellable *cancellable)
{
  return rostra_import_pipeline_new_full (parser, ROSTRA_IMPORT_PIPELINE_BATCH_ENTRIES,
                                          ROSTRA_IMPORT_PIPELINE_BATCH_BYTES,
                                          ROSTRA_IMPORT_PIPELINE_MAX_BATCHES, cancellable);
}

/**
 * rostra_import_pipeline_next:
 * @batch: (out) (transfer full) (nullable): the next entries, or %NULL
 *   at the end of the dump
 * @error: return location for the parser's error, or
 *   %G_IO_ERROR_CANCELLED
 *
 * Waits for the next batch. The entries parsed before an error come
 * first; the error comes after them. Once this has returned the end or
 * an error, the parsing thread is done and the parser's state
 * (checksum, encoding, warnings, bytes read) may be read.
 *
 * Returns: %FALSE with @error set when the parsing failed or was cancelled
 */
gboolean
rostra_import_pipeline_next (RostraImportPipeline *self, RostraImportBatch **batch, GError **error)
{
  g_autoptr (GError) failure = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (batch != NULL, FALSE);

  *batch = NULL;
  if (g_cancellable_set_error_if_cancelled (self->cancellable, error))
    return FALSE;

  g_mutex_lock (&self->lock);
  while (self->ready.length == 0 && !self->finished)
    g_cond_wait (&self->cond, &self->lock);
  *batch = g_queue_pop_head (&self->ready);
  if (*batch != NULL)
    g_cond_broadcast (&self->cond); /* room for the thread */
  else if (self->error != NULL)
    failure = g_error_copy (self->error);
  g_mutex_unlock (&self->lock);

  if (*batch != NULL)
    return TRUE;

  /* The end: the thread has returned, or is about to. */
  if (self->thread != NULL)
    g_thread_join (g_steal_pointer (&self->thread));
  if (failure != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&failure));
      return FALSE;
    }
  return TRUE;
}

/**
 * rostra_import_pipeline_free:
 *
 * Stops the parsing if it is still going on, waits for the thread, and
 * frees the batches nobody took.
 */
void
rostra_import_pipeline_free (RostraImportPipeline *self)
{
  if (self == NULL)
    return;

  g_mutex_lock (&self->lock);
  self->closing = TRUE;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);

  if (self->cancellable != NULL)
    g_cancellable_disconnect (self->cancellable, self->cancelled_id);
  g_cancellable_cancel (self->stop);
  if (self->thread != NULL)
    g_thread_join (self->thread);

  g_queue_clear_full (&self->ready, (GDestroyNotify) rostra_import_batch_free);
  g_clear_error (&self->error);
  g_clear_object (&self->cancellable);
  g_object_unref (self->stop);
  g_object_unref (self->parser);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  g_free (self);
}
