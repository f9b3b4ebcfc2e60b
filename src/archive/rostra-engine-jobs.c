/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-engine-jobs.c: the long jobs the window starts, as calls of the engine.
 *
 * Each runs on the engine's workers (see rostra-engine.c): writes on
 * its writer, reads on its readers, with the worker's connection. The
 * widgets start them and show their progress; they hold no threads.
 */

#include "config.h"

#include "rostra-engine-private.h"
#include "rostra-engine.h"
#include "rostra-store-recovery.h"

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
