/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-import-batch.c: files imported one after the other on the engine's writer.
 *
 * The import dialog's import: each file in its own transaction (see
 * rostra_import_file_full()), with the batch's tags. The writer sets the
 * batch's state under its lock as it goes; the caller reads it when told
 * of progress, on its main context, and takes each file's result once
 * the file is finished, even while the next one is imported. A cancel
 * stops the file being imported (nothing of it stays) and the files
 * after it are not opened.
 */

#include "config.h"

#include "rostra-engine-private.h"
#include "rostra-import-batch.h"

typedef struct
{
  GFile              *file;
  char               *name;
  guint64             size;
  gboolean            finished; /* lock */
  gboolean            ok;       /* lock */
  RostraImportReport *report;   /* lock, until taken */
  GError             *error;    /* lock, until taken */
  char               *speaker;
  GHashTable         *entry_speakers; /* line → speaker */
} BatchFile;

struct _RostraImportBatch
{
  gatomicrefcount ref;
  char          **tags;
  GPtrArray      *files; /* BatchFile */
  GCancellable   *cancellable;

  GMutex  lock;
  guint   current;
  guint64 done_bytes; /* of the files before the current one */
  guint64 bytes_read; /* of the current one */
  guint   n_entries;  /* of the current one */
  guint   n_finished;
};

static void
batch_file_free (gpointer data)
{
  BatchFile *f = data;

  g_object_unref (f->file);
  g_free (f->name);
  g_clear_pointer (&f->report, rostra_import_report_free);
  g_clear_error (&f->error);
  g_free (f->speaker);
  g_clear_pointer (&f->entry_speakers, g_hash_table_unref);
  g_free (f);
}

/**
 * rostra_import_batch_new:
 * @tags: (nullable) (array zero-terminated=1): given to every article imported
 *
 * Returns: (transfer full): an empty batch
 */
RostraImportBatch *
rostra_import_batch_new (const char *const *tags)
{
  RostraImportBatch *batch = g_new0 (RostraImportBatch, 1);

  g_atomic_ref_count_init (&batch->ref);
  g_mutex_init (&batch->lock);
  batch->tags = g_strdupv ((char **) tags);
  batch->files = g_ptr_array_new_with_free_func (batch_file_free);
  batch->cancellable = g_cancellable_new ();
  return batch;
}

RostraImportBatch *
rostra_import_batch_ref (RostraImportBatch *batch)
{
  g_atomic_ref_count_inc (&batch->ref);
  return batch;
}

void
rostra_import_batch_unref (RostraImportBatch *batch)
{
  if (!g_atomic_ref_count_dec (&batch->ref))
    return;
  g_strfreev (batch->tags);
  g_ptr_array_unref (batch->files);
  g_object_unref (batch->cancellable);
  g_mutex_clear (&batch->lock);
  g_free (batch);
}

/**
 * rostra_import_batch_add:
 * @name: the import's name
 * @size: the file's size, for the progress
 *
 * Adds a file, before the batch starts.
 */
void
rostra_import_batch_add (RostraImportBatch *batch, GFile *file, const char *name, guint64 size)
{
  BatchFile *f = g_new0 (BatchFile, 1);

  f->file = g_object_ref (file);
  f->name = g_strdup (name);
  f->size = size;
  g_ptr_array_add (batch->files, f);
}

/**
 * rostra_import_batch_set_speakers:
 * @index: a file, in the order they were added
 * @speaker: (nullable): the speaker of every speech the file adds (see
 *   #RostraImportOptions)
 * @entry_speakers: (nullable) (element-type guint utf8) (transfer none):
 *   speakers of single entries by the line they start at; copied
 *
 * The speakers the user accepted for a file, before the batch starts.
 */
void
rostra_import_batch_set_speakers (RostraImportBatch *batch,
                                  guint              index,
                                  const char        *speaker,
                                  GHashTable        *entry_speakers)
{
  BatchFile     *f;
  GHashTableIter iter;
  gpointer       line, name;

  g_return_if_fail (index < batch->files->len);

  f = g_ptr_array_index (batch->files, index);
  g_free (f->speaker);
  f->speaker = g_strdup (speaker);
  g_clear_pointer (&f->entry_speakers, g_hash_table_unref);
  if (entry_speakers == NULL)
    return;
  f->entry_speakers = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  g_hash_table_iter_init (&iter, entry_speakers);
  while (g_hash_table_iter_next (&iter, &line, &name))
    g_hash_table_insert (f->entry_speakers, line, g_strdup (name));
}

guint
rostra_import_batch_get_n_files (RostraImportBatch *batch)
{
  return batch->files->len;
}

/**
 * rostra_import_batch_cancel:
 *
 * Stops the file being imported and leaves the others unopened. The
 * files already finished stay imported.
 */
void
rostra_import_batch_cancel (RostraImportBatch *batch)
{
  g_cancellable_cancel (batch->cancellable);
}

/**
 * rostra_import_batch_get_progress:
 * @current: (out): the file being imported
 * @done_bytes: (out): the sizes of the files before it
 * @bytes_read: (out): how much of it is read
 * @n_entries: (out): its entries read
 * @n_finished: (out): the files finished (their results can be taken)
 */
void
rostra_import_batch_get_progress (RostraImportBatch *batch,
                                  guint             *current,
                                  guint64           *done_bytes,
                                  guint64           *bytes_read,
                                  guint             *n_entries,
                                  guint             *n_finished)
{
  g_mutex_lock (&batch->lock);
  *current = batch->current;
  *done_bytes = batch->done_bytes;
  *bytes_read = batch->bytes_read;
  *n_entries = batch->n_entries;
  *n_finished = batch->n_finished;
  g_mutex_unlock (&batch->lock);
}

/**
 * rostra_import_batch_take_result:
 * @index: a finished file (below the @n_finished of the progress)
 * @report: (out) (transfer full) (nullable): what the import did
 * @error: why it did not
 *
 * Returns: whether the file was imported (its import committed)
 */
gboolean
rostra_import_batch_take_result (RostraImportBatch   *batch,
                                 guint                index,
                                 RostraImportReport **report,
                                 GError             **error)
{
  BatchFile *f;
  gboolean   ok;

  g_return_val_if_fail (index < batch->files->len, FALSE);

  g_mutex_lock (&batch->lock);
  f = g_ptr_array_index (batch->files, index);
  g_assert (f->finished);
  ok = f->ok;
  *report = g_steal_pointer (&f->report);
  if (f->error != NULL)
    g_propagate_error (error, g_steal_pointer (&f->error));
  g_mutex_unlock (&batch->lock);
  return ok;
}

typedef struct
{
  RostraEngineJob   *job;
  RostraImportBatch *batch;
  guint64            total;
} BatchProgress;

static void
tell (BatchProgress *progress)
{
  RostraImportBatch *batch = progress->batch;
  guint64            done;

  g_mutex_lock (&batch->lock);
  done = batch->done_bytes + batch->bytes_read;
  g_mutex_unlock (&batch->lock);
  _rostra_engine_job_progress (progress->job, done, progress->total);
}

static void
file_progress (guint64 bytes_read, guint n_entries, gpointer user_data)
{
  BatchProgress     *progress = user_data;
  RostraImportBatch *batch = progress->batch;

  g_mutex_lock (&batch->lock);
  batch->bytes_read = bytes_read;
  batch->n_entries = n_entries;
  g_mutex_unlock (&batch->lock);
  tell (progress);
}

static gboolean
batch_job (RostraEngineJob *job,
           RostraStore     *store,
           gpointer         data,
           GCancellable    *cancellable,
           gpointer        *result,
           GError         **error)
{
  RostraImportBatch *batch = data;
  BatchProgress      progress = { job, batch, 1 }; /* 1: never 0 of 0 */

  for (guint i = 0; i < batch->files->len; i++)
    progress.total += ((BatchFile *) g_ptr_array_index (batch->files, i))->size;

  for (guint i = 0; i < batch->files->len; i++)
    {
      BatchFile          *f = g_ptr_array_index (batch->files, i);
      RostraImportOptions options = { f->name, (const char *const *) batch->tags, f->speaker,
                                      f->entry_speakers };
      RostraImportReport *report = NULL;
      GError             *file_error = NULL;
      gboolean            ok = FALSE;

      g_mutex_lock (&batch->lock);
      batch->current = i;
      batch->bytes_read = 0;
      batch->n_entries = 0;
      g_mutex_unlock (&batch->lock);
      tell (&progress);

      /* Cancelled: the files left are not even opened. */
      if (!g_cancellable_set_error_if_cancelled (batch->cancellable, &file_error))
        ok = rostra_import_file_full (store, f->file, &options, file_progress, &progress,
                                      batch->cancellable, &report, &file_error);

      g_mutex_lock (&batch->lock);
      f->ok = ok;
      f->report = report;
      f->error = file_error;
      f->finished = TRUE;
      batch->done_bytes += f->size;
      batch->bytes_read = 0;
      batch->n_finished = i + 1;
      g_mutex_unlock (&batch->lock);
      tell (&progress);
    }
  *result = GINT_TO_POINTER (TRUE);
  return TRUE;
}

/**
 * rostra_engine_import_batch_async:
 * @batch: the files; their results are set in it
 * @progress: (nullable): told of the batch's progress (bytes of all the
 *   files' sizes), on the caller's context: read the batch's state then
 *
 * Imports the batch's files on the engine's writer. It always runs to
 * the end of its files (see rostra_import_batch_cancel()), and its
 * callback comes once all of them are finished or skipped.
 */
void
rostra_engine_import_batch_async (RostraEngine            *self,
                                  RostraImportBatch       *batch,
                                  RostraEngineProgressFunc progress,
                                  gpointer                 progress_data,
                                  GAsyncReadyCallback      callback,
                                  gpointer                 user_data)
{
  g_return_if_fail (ROSTRA_IS_ENGINE (self));
  g_return_if_fail (batch != NULL);

  _rostra_engine_run_async (self, ROSTRA_ENGINE_WRITE, batch_job, rostra_import_batch_ref (batch),
                            (GDestroyNotify) rostra_import_batch_unref, NULL, progress,
                            progress_data, NULL, rostra_engine_import_batch_async, callback,
                            user_data);
}

/**
 * rostra_engine_import_batch_finish:
 *
 * Returns: %TRUE once the files are finished (each file's own result is
 *   in the batch); %FALSE with @error set when the archive could not be
 *   opened at all
 */
gboolean
rostra_engine_import_batch_finish (RostraEngine *self, GAsyncResult *result, GError **error)
{
  return _rostra_engine_run_finish (self, result, rostra_engine_import_batch_async, error) != NULL;
}
