/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-engine-jobs.c: the long jobs the window starts, as calls of the engine.
 *
 * Each runs on the engine's workers (see rostra-engine.c): writes on
 * its writer, reads on its readers, with the worker's connection. The
 * widgets start them and show their progress; they hold no threads.
 */

#include "config.h"

#include "rostra-archive-backup.h"
#include "rostra-engine-private.h"
#include "rostra-store-speakers.h"
#include "rostra-engine.h"
#include "rostra-importer.h"
#include "rostra-store-recovery.h"
#include "rostra-tag.h"

/* Removing an import */

typedef struct
{
  gint64   import_id;
  gboolean with_annotated;
} RemoveImport;

typedef struct
{
  guint n_removed;
  guint n_kept;
} RemoveImportResult;

static gboolean
remove_import_job (RostraEngineJob *job,
                   RostraStore     *store,
                   gpointer         data,
                   GCancellable    *cancellable,
                   gpointer        *result,
                   GError         **error)
{
  RemoveImport       *remove = data;
  RemoveImportResult *removed = g_new0 (RemoveImportResult, 1);

  if (!rostra_store_remove_import (store, remove->import_id, remove->with_annotated,
                                   &removed->n_removed, &removed->n_kept, error))
    {
      g_free (removed);
      return FALSE;
    }
  *result = removed;
  return TRUE;
}

/**
 * rostra_engine_remove_import_async:
 * @import_id: the import whose articles go
 * @with_annotated: remove the articles with annotations too
 *
 * Removes an import's articles on the writer, in one transaction (see
 * rostra_store_remove_import()). Not cancellable once it runs: the
 * transaction is short and whole.
 */
void
rostra_engine_remove_import_async (RostraEngine       *self,
                                   gint64              import_id,
                                   gboolean            with_annotated,
                                   GAsyncReadyCallback callback,
                                   gpointer            user_data)
{
  RemoveImport *data;

  g_return_if_fail (ROSTRA_IS_ENGINE (self));
  g_return_if_fail (import_id > 0);

  data = g_new0 (RemoveImport, 1);
  data->import_id = import_id;
  data->with_annotated = with_annotated;
  _rostra_engine_run_async (self, ROSTRA_ENGINE_WRITE, remove_import_job, data, g_free, g_free,
                            NULL, NULL, NULL, rostra_engine_remove_import_async, callback,
                            user_data);
}

/**
 * rostra_engine_remove_import_finish:
 * @n_removed: (out) (optional): articles removed
 * @n_kept: (out) (optional): articles kept for their annotations
 *
 * Returns: %TRUE, or %FALSE with @error set (nothing was removed)
 */
gboolean
rostra_engine_remove_import_finish (RostraEngine *self,
                                    GAsyncResult *result,
                                    guint        *n_removed,
                                    guint        *n_kept,
                                    GError      **error)
{
  g_autofree RemoveImportResult *removed =
      _rostra_engine_run_finish (self, result, rostra_engine_remove_import_async, error);

  if (removed == NULL)
    return FALSE;
  if (n_removed != NULL)
    *n_removed = removed->n_removed;
  if (n_kept != NULL)
    *n_kept = removed->n_kept;
  return TRUE;
}

/* Checking the whole archive */

static gboolean
check_job (RostraEngineJob *job,
           RostraStore     *store,
           gpointer         data,
           GCancellable    *cancellable,
           gpointer        *result,
           GError         **error)
{
  if (!rostra_store_recovery_quick_check (rostra_store_get_path (store), error))
    return FALSE;
  *result = GINT_TO_POINTER (TRUE);
  return TRUE;
}

/**
 * rostra_engine_check_async:
 *
 * Reads the whole archive once on a reader (see
 * rostra_store_recovery_quick_check()): opening an archive reads only
 * its first pages.
 */
void
rostra_engine_check_async (RostraEngine       *self,
                           GCancellable       *cancellable,
                           GAsyncReadyCallback callback,
                           gpointer            user_data)
{
  g_return_if_fail (ROSTRA_IS_ENGINE (self));

  _rostra_engine_run_async (self, ROSTRA_ENGINE_READ, check_job, NULL, NULL, NULL, NULL, NULL,
                            cancellable, rostra_engine_check_async, callback, user_data);
}

/**
 * rostra_engine_check_finish:
 *
 * Returns: %TRUE when nothing is wrong; %FALSE with @error set, a
 *   %ROSTRA_STORE_ERROR_CORRUPT or %ROSTRA_STORE_ERROR_NOT_A_DATABASE
 *   when the archive is damaged
 */
gboolean
rostra_engine_check_finish (RostraEngine *self, GAsyncResult *result, GError **error)
{
  return _rostra_engine_run_finish (self, result, rostra_engine_check_async, error) != NULL;
}

/* Exporting */

/**
 * rostra_export_job_new:
 *
 * Returns: (transfer full): an empty job: an export of everything, as JSON
 */
RostraExportJob *
rostra_export_job_new (void)
{
  return g_atomic_rc_box_new0 (RostraExportJob);
}

RostraExportJob *
rostra_export_job_ref (RostraExportJob *job)
{
  return g_atomic_rc_box_acquire (job);
}

static void
export_job_clear (gpointer data)
{
  RostraExportJob *job = data;

  g_free (job->tag);
  g_clear_pointer (&job->ids, g_array_unref);
  g_clear_pointer (&job->query, rostra_query_free);
  g_clear_object (&job->file);
}

void
rostra_export_job_unref (RostraExportJob *job)
{
  g_atomic_rc_box_release_full (job, export_job_clear);
}

static gboolean
export_job (RostraEngineJob *engine_job,
            RostraStore     *store,
            gpointer         data,
            GCancellable    *cancellable,
            gpointer        *result,
            GError         **error)
{
  RostraExportJob *job = data;
  g_autoptr (RostraExportScope) scope = NULL;
  gboolean ok;

  if (job->ids == NULL && job->query != NULL &&
      !(job->ids = rostra_store_query_ids (store, job->query, cancellable, error)))
    return FALSE;

  switch (job->kind)
    {
      case ROSTRA_EXPORT_SCOPE_ARTICLE:
        scope = rostra_export_scope_new_article (job->article_id);
        break;
      case ROSTRA_EXPORT_SCOPE_ARTICLES:
        scope = rostra_export_scope_new_articles (job->ids ? (gint64 *) job->ids->data : NULL,
                                                  job->ids ? job->ids->len : 0);
        break;
      case ROSTRA_EXPORT_SCOPE_TAG:
        scope = rostra_export_scope_new_tag (job->tag);
        break;
      case ROSTRA_EXPORT_SCOPE_ALL:
      default:
        scope = rostra_export_scope_new_all ();
        break;
    }

  if (job->file != NULL)
    ok = rostra_export_to_file (store, job->format, scope, job->file, &job->n_annotations,
                                cancellable, error);
  else
    ok = rostra_export_count (store, job->format, scope, &job->n_annotations, &job->n_articles,
                              cancellable, error);
  if (ok)
    *result = GINT_TO_POINTER (TRUE);
  return ok;
}

/**
 * rostra_engine_export_async:
 * @job: what to export, or to count; its results are set in it
 *
 * Exports (see rostra_export_to_file(): @file is replaced only once the
 * export is complete) or counts what an export would hold, on a reader
 * of the engine; finds the articles of @job's query first when it has
 * no ids.
 */
void
rostra_engine_export_async (RostraEngine       *self,
                            RostraExportJob    *job,
                            GCancellable       *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer            user_data)
{
  g_return_if_fail (ROSTRA_IS_ENGINE (self));
  g_return_if_fail (job != NULL);

  _rostra_engine_run_async (self, ROSTRA_ENGINE_READ, export_job, rostra_export_job_ref (job),
                            (GDestroyNotify) rostra_export_job_unref, NULL, NULL, NULL, cancellable,
                            rostra_engine_export_async, callback, user_data);
}

/**
 * rostra_engine_export_finish:
 *
 * Returns: %TRUE, the results in the job; or %FALSE with @error set
 */
gboolean
rostra_engine_export_finish (RostraEngine *self, GAsyncResult *result, GError **error)
{
  return _rostra_engine_run_finish (self, result, rostra_engine_export_async, error) != NULL;
}

/* Importing files */

typedef struct
{
  GPtrArray *files; /* GFile */
  GPtrArray *names; /* char *, NULL for the file's name */
} ImportFiles;

static void
import_files_free (ImportFiles *data)
{
  g_ptr_array_unref (data->files);
  g_ptr_array_unref (data->names);
  g_free (data);
}

void
rostra_import_files_result_free (RostraImportFilesResult *result)
{
  if (result == NULL)
    return;
  g_ptr_array_unref (result->failures);
  g_free (result);
}

static gboolean
import_files_job (RostraEngineJob *job,
                  RostraStore     *store,
                  gpointer         data,
                  GCancellable    *cancellable,
                  gpointer        *result,
                  GError         **error)
{
  ImportFiles             *import = data;
  RostraImportFilesResult *imported = g_new0 (RostraImportFilesResult, 1);

  imported->failures = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < import->files->len; i++)
    {
      g_autoptr (RostraImportReport) report = NULL;
      g_autoptr (GError) file_error = NULL;

      if (rostra_import_file (store, g_ptr_array_index (import->files, i),
                              g_ptr_array_index (import->names, i), NULL, NULL, cancellable,
                              &report, &file_error))
        {
          imported->n_new += report->n_new;
          imported->n_duplicates += report->n_duplicates;
        }
      else
        g_ptr_array_add (imported->failures, g_strdup_printf ("%s: %s", report ? report->name : "?",
                                                              file_error->message));
    }
  *result = imported;
  return TRUE;
}

/**
 * rostra_engine_import_files_async:
 * @files: (element-type GFile): the files to import
 * @names: (element-type utf8) (nullable): the imports' names, %NULL
 *   (or a %NULL name) for the files' names
 *
 * Imports the files one after the other on the engine's writer, each
 * in its own transaction (see rostra_import_file()).
 */
void
rostra_engine_import_files_async (RostraEngine       *self,
                                  GPtrArray          *files,
                                  GPtrArray          *names,
                                  GCancellable       *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer            user_data)
{
  ImportFiles *data;

  g_return_if_fail (ROSTRA_IS_ENGINE (self));
  g_return_if_fail (files != NULL);

  data = g_new0 (ImportFiles, 1);
  data->files = g_ptr_array_ref (files);
  data->names = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < files->len; i++)
    g_ptr_array_add (data->names,
                     g_strdup (names && i < names->len ? g_ptr_array_index (names, i) : NULL));
  _rostra_engine_run_async (self, ROSTRA_ENGINE_WRITE, import_files_job, data,
                            (GDestroyNotify) import_files_free,
                            (GDestroyNotify) rostra_import_files_result_free, NULL, NULL,
                            cancellable, rostra_engine_import_files_async, callback, user_data);
}

/**
 * rostra_engine_import_files_finish:
 *
 * Returns: (transfer full): what the files added, and which failed
 */
RostraImportFilesResult *
rostra_engine_import_files_finish (RostraEngine *self, GAsyncResult *result, GError **error)
{
  return _rostra_engine_run_finish (self, result, rostra_engine_import_files_async, error);
}

/* Backups and restores */

/**
 * rostra_backup_job_new:
 * @kind: a backup, or a kind of restore
 * @file: the backup's file
 *
 * Returns: (transfer full): the job
 */
RostraBackupJob *
rostra_backup_job_new (RostraBackupJobKind kind, GFile *file)
{
  RostraBackupJob *job = g_atomic_rc_box_new0 (RostraBackupJob);

  job->kind = kind;
  job->file = g_object_ref (file);
  return job;
}

RostraBackupJob *
rostra_backup_job_ref (RostraBackupJob *job)
{
  return g_atomic_rc_box_acquire (job);
}

static void
backup_job_clear (gpointer data)
{
  RostraBackupJob *job = data;

  g_clear_object (&job->file);
  g_clear_pointer (&job->when, g_date_time_unref);
  g_clear_pointer (&job->report, rostra_import_report_free);
  g_clear_object (&job->kept);
}

void
rostra_backup_job_unref (RostraBackupJob *job)
{
  g_atomic_rc_box_release_full (job, backup_job_clear);
}

static void
backup_progress (guint64 n_done, guint64 n_total, gpointer user_data)
{
  _rostra_engine_job_progress (user_data, n_done, n_total);
}

static gboolean
backup_job (RostraEngineJob *engine_job,
            RostraStore     *store,
            gpointer         data,
            GCancellable    *cancellable,
            gpointer        *result,
            GError         **error)
{
  RostraBackupJob *job = data;
  gboolean         ok = FALSE;

  switch (job->kind)
    {
      case ROSTRA_BACKUP_JOB_BACK_UP:
        ok = rostra_archive_backup (store, job->file, backup_progress, engine_job, cancellable,
                                    error);
        break;
      case ROSTRA_BACKUP_JOB_MERGE:
        ok = rostra_archive_restore_merge (store, job->file, &job->report, cancellable, error);
        break;
      case ROSTRA_BACKUP_JOB_REPLACE:
        ok = rostra_archive_restore_replace_full (store, job->file, job->when, &job->kept,
                                                  cancellable, error);
        break;
    }
  if (ok)
    *result = GINT_TO_POINTER (TRUE);
  return ok;
}

/**
 * rostra_engine_backup_async:
 * @job: the backup or restore; its results are set in it
 * @progress: (nullable): told how far a backup is, on the caller's context
 *
 * Backs up the archive on a reader (see rostra_archive_backup()), or
 * restores a backup into it on the writer (see
 * rostra_archive_restore_merge() and
 * rostra_archive_restore_replace_full()). A job that ended before
 * @cancellable was cancelled reports what it did: a restore that
 * happened is never reported as cancelled.
 */
void
rostra_engine_backup_async (RostraEngine            *self,
                            RostraBackupJob         *job,
                            RostraEngineProgressFunc progress,
                            gpointer                 progress_data,
                            GCancellable            *cancellable,
                            GAsyncReadyCallback      callback,
                            gpointer                 user_data)
{
  RostraEngineAccess access =
      job->kind == ROSTRA_BACKUP_JOB_BACK_UP ? ROSTRA_ENGINE_READ : ROSTRA_ENGINE_WRITE;

  g_return_if_fail (ROSTRA_IS_ENGINE (self));
  g_return_if_fail (job != NULL);

  _rostra_engine_run_async (self, access | ROSTRA_ENGINE_KEEP_RESULT, backup_job,
                            rostra_backup_job_ref (job), (GDestroyNotify) rostra_backup_job_unref,
                            NULL, progress, progress_data, cancellable, rostra_engine_backup_async,
                            callback, user_data);
}

/**
 * rostra_engine_backup_finish:
 *
 * Returns: %TRUE, the results in the job; or %FALSE with @error set
 */
gboolean
rostra_engine_backup_finish (RostraEngine *self, GAsyncResult *result, GError **error)
{
  return _rostra_engine_run_finish (self, result, rostra_engine_backup_async, error) != NULL;
}

/* Previewing an import */

typedef struct
{
  GFile *file;
  guint  max_entries;
} Preview;

static void
preview_free (Preview *preview)
{
  g_object_unref (preview->file);
  g_free (preview);
}

typedef struct
{
  RostraEngineJob *job;
  guint64          size;
} PreviewProgress;

/* A preview that failed may still say something of the file. */
typedef struct
{
  RostraImportReport *report;
  GError             *error;
} PreviewResult;

static void
preview_result_free (PreviewResult *result)
{
  rostra_import_report_free (result->report);
  g_clear_error (&result->error);
  g_free (result);
}

static void
preview_progress (guint64 bytes_read, guint n_entries, gpointer user_data)
{
  PreviewProgress *progress = user_data;

  _rostra_engine_job_progress (progress->job, bytes_read, progress->size);
}

static gboolean
preview_job (RostraEngineJob *job,
             RostraStore     *store,
             gpointer         data,
             GCancellable    *cancellable,
             gpointer        *result,
             GError         **error)
{
  Preview        *preview = data;
  PreviewProgress progress = { job, 0 };
  g_autoptr (GFileInfo) info = g_file_query_info (preview->file, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                                  G_FILE_QUERY_INFO_NONE, cancellable, NULL);
  PreviewResult *previewed = g_new0 (PreviewResult, 1);

  if (info != NULL)
    {
      progress.size = g_file_info_get_size (info);
      _rostra_engine_job_progress (job, 0, progress.size);
    }
  /* Compared with the archive, through the worker's connection */
  rostra_import_preview_file (store, preview->file, preview->max_entries, preview_progress,
                              &progress, cancellable, &previewed->report, &previewed->error);
  if (g_cancellable_is_cancelled (cancellable))
    {
      preview_result_free (previewed);
      return !g_cancellable_set_error_if_cancelled (cancellable, error);
    }
  *result = previewed;
  return TRUE;
}

/**
 * rostra_engine_preview_file_async:
 * @file: a file to import
 * @max_entries: how many entries to read at most
 * @progress: (nullable): told the bytes read of the file's size
 *
 * Reads the start of @file on a reader and says what importing it would
 * do (see rostra_import_preview_file()).
 */
void
rostra_engine_preview_file_async (RostraEngine            *self,
                                  GFile                   *file,
                                  guint                    max_entries,
                                  RostraEngineProgressFunc progress,
                                  gpointer                 progress_data,
                                  GCancellable            *cancellable,
                                  GAsyncReadyCallback      callback,
                                  gpointer                 user_data)
{
  Preview *preview;

  g_return_if_fail (ROSTRA_IS_ENGINE (self));
  g_return_if_fail (G_IS_FILE (file));

  preview = g_new0 (Preview, 1);
  preview->file = g_object_ref (file);
  preview->max_entries = max_entries;
  _rostra_engine_run_async (self, ROSTRA_ENGINE_READ, preview_job, preview,
                            (GDestroyNotify) preview_free, (GDestroyNotify) preview_result_free,
                            progress, progress_data, cancellable, rostra_engine_preview_file_async,
                            callback, user_data);
}

/**
 * rostra_engine_preview_file_finish:
 * @report: (out) (transfer full) (optional): what importing the file
 *   would do; set even when the preview failed, when it says anything
 *
 * Returns: %TRUE, or %FALSE with @error set
 */
gboolean
rostra_engine_preview_file_finish (RostraEngine        *self,
                                   GAsyncResult        *result,
                                   RostraImportReport **report,
                                   GError             **error)
{
  PreviewResult *previewed =
      _rostra_engine_run_finish (self, result, rostra_engine_preview_file_async, error);
  gboolean ok;

  if (previewed == NULL)
    return FALSE;
  ok = previewed->error == NULL;
  if (!ok)
    g_propagate_error (error, g_steal_pointer (&previewed->error));
  if (report != NULL)
    *report = g_steal_pointer (&previewed->report);
  preview_result_free (previewed);
  return ok;
}

/* The names of the tags */

static gboolean
tag_names_job (RostraEngineJob *job,
               RostraStore     *store,
               gpointer         data,
               GCancellable    *cancellable,
               gpointer        *result,
               GError         **error)
{
  g_autoptr (GListModel) tags = rostra_store_list_tags (store, error);
  GStrvBuilder *builder;

  if (tags == NULL)
    return FALSE;
  builder = g_strv_builder_new ();
  for (guint i = 0; i < g_list_model_get_n_items (tags); i++)
    {
      g_autoptr (RostraTag) tag = g_list_model_get_item (tags, i);

      g_strv_builder_add (builder, rostra_tag_get_name (tag));
    }
  *result = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return TRUE;
}

/**
 * rostra_engine_list_tag_names_async:
 *
 * Lists the names of the archive's tags, on a reader.
 */
void
rostra_engine_list_tag_names_async (RostraEngine       *self,
                                    GCancellable       *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer            user_data)
{
  g_return_if_fail (ROSTRA_IS_ENGINE (self));

  _rostra_engine_run_async (self, ROSTRA_ENGINE_READ, tag_names_job, NULL, NULL,
                            (GDestroyNotify) g_strfreev, NULL, NULL, cancellable,
                            rostra_engine_list_tag_names_async, callback, user_data);
}

/**
 * rostra_engine_list_tag_names_finish:
 *
 * Returns: (transfer full): the names, or %NULL with @error set
 */
char **
rostra_engine_list_tag_names_finish (RostraEngine *self, GAsyncResult *result, GError **error)
{
  return _rostra_engine_run_finish (self, result, rostra_engine_list_tag_names_async, error);
}

/* What the filters offer */

void
rostra_filter_lists_free (RostraFilterLists *lists)
{
  if (lists == NULL)
    return;
  g_strfreev (lists->sources);
  g_strfreev (lists->languages);
  g_strfreev (lists->years);
  g_strfreev (lists->tags);
  g_strfreev (lists->speakers);
  g_free (lists);
}

/* The speakers' names, the most speeches first, for the speaker filter. */
static char **
list_speaker_names (RostraStore *store, GError **error)
{
  g_autoptr (GListModel) speakers = rostra_store_list_speakers (store, error);
  g_autoptr (GStrvBuilder) names = g_strv_builder_new ();
  guint n;

  if (speakers == NULL)
    return NULL;
  n = g_list_model_get_n_items (speakers);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (RostraSpeaker) speaker = g_list_model_get_item (speakers, i);

      if (rostra_speaker_get_n_articles (speaker) > 0)
        g_strv_builder_add (names, rostra_speaker_get_name (speaker));
    }
  return g_strv_builder_end (names);
}

static gboolean
filters_job (RostraEngineJob *job,
             RostraStore     *store,
             gpointer         data,
             GCancellable    *cancellable,
             gpointer        *result,
             GError         **error)
{
  g_autoptr (RostraFilterLists) lists = g_new0 (RostraFilterLists, 1);

  /* Each a scan of an index: it grows with the archive. */
  if (!(lists->sources = rostra_store_list_sources (store, error)) ||
      !(lists->languages = rostra_store_list_languages (store, error)) ||
      !(lists->years = rostra_store_list_years (store, error)) ||
      !(lists->tags = rostra_store_list_article_tags (store, error)) ||
      !(lists->speakers = list_speaker_names (store, error)))
    return FALSE;
  *result = g_steal_pointer (&lists);
  return TRUE;
}

/**
 * rostra_engine_list_filters_async:
 *
 * Lists what the library's filters offer, on a reader.
 */
void
rostra_engine_list_filters_async (RostraEngine       *self,
                                  GCancellable       *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer            user_data)
{
  g_return_if_fail (ROSTRA_IS_ENGINE (self));

  _rostra_engine_run_async (self, ROSTRA_ENGINE_READ, filters_job, NULL, NULL,
                            (GDestroyNotify) rostra_filter_lists_free, NULL, NULL, cancellable,
                            rostra_engine_list_filters_async, callback, user_data);
}

/**
 * rostra_engine_list_filters_finish:
 *
 * Returns: (transfer full): the lists, or %NULL with @error set
 */
RostraFilterLists *
rostra_engine_list_filters_finish (RostraEngine *self, GAsyncResult *result, GError **error)
{
  return _rostra_engine_run_finish (self, result, rostra_engine_list_filters_async, error);
}

/* Opening an archive, before there is an engine */

static void
open_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  GError      *error = NULL;
  RostraStore *store = rostra_store_open (task_data, &error);

  if (store != NULL)
    g_task_return_pointer (task, store, g_object_unref);
  else
    g_task_return_error (task, error);
}

/**
 * rostra_store_open_async:
 * @path: the archive's file
 *
 * Opens an archive on a thread of its own (see rostra_store_open()):
 * opening waits up to 5 s for a lock another program holds. The store
 * is then the caller's, for its thread.
 */
void
rostra_store_open_async (const char         *path,
                         GCancellable       *cancellable,
                         GAsyncReadyCallback callback,
                         gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (path != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, rostra_store_open_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, open_thread);
}

/**
 * rostra_store_open_finish:
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 */
RostraStore *
rostra_store_open_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == rostra_store_open_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
