/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-engine-private.h: running any job of the core on the engine's workers. */
#pragma once

#include "rostra-engine.h"

G_BEGIN_DECLS

typedef enum
{
  ROSTRA_ENGINE_READ = 0,  /* on one of the readers, side by side */
  ROSTRA_ENGINE_WRITE = 1, /* on the one writer, one job after the other */
  /* The answer of a job that ended before its cancel came is given all
   * the same (a restore that happened is reported), not "cancelled". */
  ROSTRA_ENGINE_KEEP_RESULT = 1 << 1,
} RostraEngineAccess;

typedef struct _RostraEngineJob RostraEngineJob;

/**
 * RostraEngineJobFunc:
 * @job: the job, for _rostra_engine_job_progress()
 * @store: the worker's own connection, used on this thread only
 * @data: the job's data
 * @cancellable: (nullable): the caller's; a cancel also interrupts the
 *   statement running on @store
 * @result: (out): what the job returns, freed with its free function
 *
 * Runs on a worker thread.
 *
 * Returns: %FALSE with @error set when the job failed
 */
typedef gboolean (*RostraEngineJobFunc) (RostraEngineJob *job,
                                         RostraStore     *store,
                                         gpointer         data,
                                         GCancellable    *cancellable,
                                         gpointer        *result,
                                         GError         **error);

void     _rostra_engine_run_async (RostraEngine            *self,
                                   RostraEngineAccess       access,
                                   RostraEngineJobFunc      func,
                                   gpointer                 data,
                                   GDestroyNotify           data_free,
                                   GDestroyNotify           result_free,
                                   RostraEngineProgressFunc progress,
                                   gpointer                 progress_data,
                                   GCancellable            *cancellable,
                                   gpointer                 source_tag,
                                   GAsyncReadyCallback      callback,
                                   gpointer                 user_data);
gpointer _rostra_engine_run_finish (RostraEngine *self,
                                    GAsyncResult *result,
                                    gpointer      source_tag,
                                    GError      **error);
void     _rostra_engine_job_progress (RostraEngineJob *job, double fraction, const char *text);

G_END_DECLS
