/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-engine.c: the archive's query engine.
 *
 * The engine owns worker threads, each with a connection of its own to
 * the archive: two readers, which run side by side (WAL lets them read
 * while someone writes), and one writer, which runs write jobs one after
 * the other. A job is queued with its GTask; its answer is delivered on
 * the main context that was the caller's thread-default one, as GTask
 * does. Each connection is opened by its worker and asserts, on every
 * statement, that it is used on that thread only (as Epiphany's history
 * service does). Cancelling a job's GCancellable interrupts the
 * statement it runs (sqlite3_interrupt()) and a job still queued never
 * runs; since GTask checks the cancellable, a cancelled job's answer
 * never reaches its caller, even when it was already computed.
 *
 * An archive in memory has no second connection: its jobs run at once,
 * on the caller's thread, with the caller's store.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "rostra-engine-private.h"
#include "rostra-engine.h"
#include "rostra-kwic.h"
#include "rostra-store-private.h"

#define N_READERS 2

struct _RostraEngineJob
{
  gatomicrefcount          ref_count;
  GTask                   *task;
  RostraEngineAccess       access;
  RostraEngineJobFunc      func;
  gpointer                 data;
  GDestroyNotify           data_free;
  GDestroyNotify           result_free;
  RostraEngineProgressFunc progress;
  gpointer                 progress_data;

  GMutex   lock; /* the progress, set by the worker, read on the caller's context */
  guint64  done;
  guint64  total;
  gboolean progress_queued;
};

/* One worker thread. It owns this struct, its connection, and a ref on
 * its queue; the engine only keeps the thread, to join it. */
typedef struct
{
  GAsyncQueue *queue;
  char        *path;
  RostraStore *store;
} Worker;

struct _RostraEngine
{
  GObject parent_instance;

  RostraStore *store;      /* the caller's, for an archive in memory; may be NULL */
  gboolean     owns_store; /* else store is a weak pointer */
  char        *path;       /* the archive's file */
  char        *key;        /* in the registry, or NULL */
  GAsyncQueue *reads;      /* RostraEngineJob, for the readers */
  GAsyncQueue *writes;     /* RostraEngineJob, for the writer */
  GPtrArray   *threads;
  guint        n_jobs; /* queued or running, counted on the main context */
};

G_DEFINE_FINAL_TYPE (RostraEngine, rostra_engine, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Pushed once per worker to stop it */
static RostraEngineJob quit_job;
/* Set on the engine's worker threads */
static GPrivate is_worker;

/* One engine per archive file, shared by every connection of the
 * process to it: file key (see file_key()) → GWeakRef to the engine. */
static GMutex      registry_lock;
static GHashTable *registry;

static void
weak_ref_free (GWeakRef *ref)
{
  g_weak_ref_clear (ref);
  g_free (ref);
}

/* The path and the file it names now: a new archive made at the path of
 * one moved aside (a damaged one, say) gets an engine of its own, whose
 * workers do not read the old file. */
static char *
file_key (const char *path)
{
  GStatBuf buf;

  if (g_stat (path, &buf) != 0)
    return g_strdup (path);
  return g_strdup_printf ("%s\n%" G_GUINT64_FORMAT ":%" G_GUINT64_FORMAT, path,
                          (guint64) buf.st_dev, (guint64) buf.st_ino);
}

/* Jobs */

static RostraEngineJob *
job_ref (RostraEngineJob *job)
{
  g_atomic_ref_count_inc (&job->ref_count);
  return job;
}

static void
job_unref (RostraEngineJob *job)
{
  if (!g_atomic_ref_count_dec (&job->ref_count))
    return;
  if (job->data_free != NULL)
    job->data_free (job->data);
  g_clear_object (&job->task);
  g_mutex_clear (&job->lock);
  g_free (job);
}

static void
interrupt_statement (GCancellable *cancellable, gpointer db)
{
  sqlite3_interrupt (db);
}

/* Runs @job with @store, on the thread that owns @store. */
static void
run_job (RostraEngineJob *job, RostraStore *store)
{
  GCancellable *cancellable = g_task_get_cancellable (job->task);
  gpointer      result = NULL;
  GError       *error = NULL;
  gulong        handler = 0;
  gboolean      ok;

  if (g_cancellable_set_error_if_cancelled (cancellable, &error))
    {
      g_task_return_error (job->task, error);
      return;
    }

  if (cancellable != NULL && g_private_get (&is_worker) != NULL)
    handler = g_cancellable_connect (cancellable, G_CALLBACK (interrupt_statement),
                                     _rostra_store_get_db (store), NULL);
  ok = job->func (job, store, job->data, cancellable, &result, &error);
  /* Waits for an interrupt being delivered: none reaches the next job. */
  if (handler != 0)
    g_cancellable_disconnect (cancellable, handler);

  if (!ok && g_cancellable_is_cancelled (cancellable))
    {
      /* Whatever the interrupted statement said */
      g_clear_error (&error);
      g_cancellable_set_error_if_cancelled (cancellable, &error);
    }
  if (!ok)
    {
      g_assert (error != NULL);
      g_task_return_error (job->task, error);
    }
  else
    g_task_return_pointer (job->task, result, job->result_free);
}

static gpointer
worker_main (gpointer data)
{
  Worker          *worker = data;
  RostraEngineJob *job;

  g_private_set (&is_worker, worker);
  while ((job = g_async_queue_pop (worker->queue)) != &quit_job)
    {
      GError *error = NULL;

      if (worker->store == NULL && !g_task_return_error_if_cancelled (job->task))
        {
          worker->store = rostra_store_open (worker->path, &error);
          if (worker->store == NULL)
            g_task_return_error (job->task, error); /* and again for the next job */
          else
            _rostra_store_set_owner_thread (worker->store, g_thread_self ());
        }
      if (worker->store != NULL)
        run_job (job, worker->store);
      job_unref (job);
    }

  g_clear_object (&worker->store);
  g_async_queue_unref (worker->queue);
  g_free (worker->path);
  g_free (worker);
  return NULL;
}

static void
start_worker (RostraEngine *self, GAsyncQueue *queue, const char *name)
{
  Worker *worker = g_new0 (Worker, 1);

  worker->queue = g_async_queue_ref (queue);
  worker->path = g_strdup (self->path);
  g_ptr_array_add (self->threads, g_thread_new (name, worker_main, worker));
}

/* Progress, delivered on the caller's context */

static gboolean
deliver_progress (gpointer data)
{
  RostraEngineJob *job = data;
  guint64          done, total;

  g_mutex_lock (&job->lock);
  job->progress_queued = FALSE;
  done = job->done;
  total = job->total;
  g_mutex_unlock (&job->lock);

  if (!g_task_get_completed (job->task) &&
      !g_cancellable_is_cancelled (g_task_get_cancellable (job->task)))
    job->progress (done, total, job->progress_data);
  return G_SOURCE_REMOVE;
}

/**
 * _rostra_engine_job_progress:
 * @done: how much is done (bytes read, pages copied…)
 * @total: of how much, 0 when unknown
 *
 * Tells the job's caller how far it is, on the caller's context. Calls
 * close together are merged: the caller sees the last one.
 */
void
_rostra_engine_job_progress (RostraEngineJob *job, guint64 done, guint64 total)
{
  gboolean queue;

  if (job->progress == NULL)
    return;

  g_mutex_lock (&job->lock);
  job->done = done;
  job->total = total;
  queue = !job->progress_queued;
  job->progress_queued = TRUE;
  g_mutex_unlock (&job->lock);

  if (queue)
    {
      GSource *source = g_idle_source_new ();

      g_source_set_priority (source, G_PRIORITY_DEFAULT);
      g_source_set_callback (source, deliver_progress, job_ref (job), (GDestroyNotify) job_unref);
      g_source_set_static_name (source, "[rostra] engine progress");
      g_source_attach (source, g_task_get_context (job->task));
      g_source_unref (source);
    }
}

/* The engine */

static void
rostra_engine_finalize (GObject *object)
{
  RostraEngine *self = (RostraEngine *) object;
  /* Jobs hold the engine: none is left. The last one may have been
   * dropped by a worker, which cannot wait for itself. */
  gboolean on_worker = g_private_get (&is_worker) != NULL;

  if (self->threads != NULL)
    {
      for (guint i = 0; i < N_READERS; i++)
        g_async_queue_push (self->reads, &quit_job);
      g_async_queue_push (self->writes, &quit_job);
      for (guint i = 0; i < self->threads->len; i++)
        {
          GThread *thread = g_ptr_array_index (self->threads, i);

          if (on_worker)
            g_thread_unref (thread);
          else
            g_thread_join (thread);
        }
      g_ptr_array_unref (self->threads);
    }
  g_clear_pointer (&self->reads, g_async_queue_unref);
  g_clear_pointer (&self->writes, g_async_queue_unref);
  g_mutex_lock (&registry_lock);
  if (registry != NULL && self->key != NULL)
    {
      GWeakRef *ref = g_hash_table_lookup (registry, self->key);

      /* Unless another engine took the file's place meanwhile */
      if (ref != NULL)
        {
          RostraEngine *registered = g_weak_ref_get (ref);

          if (registered == NULL)
            g_hash_table_remove (registry, self->key);
          else
            g_object_unref (registered);
        }
    }
  g_mutex_unlock (&registry_lock);
  g_free (self->path);
  g_free (self->key);
  if (self->owns_store)
    g_clear_object (&self->store);
  else if (self->store != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->store), (gpointer *) &self->store);

  G_OBJECT_CLASS (rostra_engine_parent_class)->finalize (object);
}

static void
rostra_engine_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  RostraEngine *self = ROSTRA_ENGINE (object);

  switch (prop_id)
    {
      case PROP_BUSY:
        g_value_set_boolean (value, self->n_jobs > 0);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rostra_engine_class_init (RostraEngineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rostra_engine_finalize;
  object_class->get_property = rostra_engine_get_property;

  /**
   * RostraEngine:busy:
   *
   * Whether a job of the engine is queued or running.
   */
  properties[PROP_BUSY] =
      g_param_spec_boolean ("busy", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rostra_engine_init (RostraEngine *self)
{
}

static RostraEngine *
engine_new (RostraStore *store, const char *path, gboolean owns_store)
{
  RostraEngine *self = g_object_new (ROSTRA_TYPE_ENGINE, NULL);

  self->owns_store = owns_store;
  self->path = g_strdup (path);
  if (owns_store)
    self->store = g_object_ref (store);
  else if (store != NULL)
    g_set_weak_pointer (&self->store, store);
  if (g_str_equal (path, ":memory:"))
    return self;

  self->reads = g_async_queue_new ();
  self->writes = g_async_queue_new ();
  self->threads = g_ptr_array_new ();
  for (guint i = 0; i < N_READERS; i++)
    start_worker (self, self->reads, "rostra-reader");
  start_worker (self, self->writes, "rostra-writer");
  return self;
}

/**
 * rostra_engine_new:
 * @store: the caller's connection to the archive; the workers open
 *   their own to the same file
 *
 * An engine of its own; see rostra_engine_get_for_store() for the one
 * the whole window shares.
 *
 * Returns: (transfer full): the engine, its workers started
 */
RostraEngine *
rostra_engine_new (RostraStore *store)
{
  g_return_val_if_fail (ROSTRA_IS_STORE (store), NULL);

  return engine_new (store, rostra_store_get_path (store), TRUE);
}

/**
 * rostra_engine_get_for_path:
 * @path: an archive's file (not `:memory:`)
 *
 * The engine of the archive at @path: the one every connection of this
 * process to that file shares (see rostra_engine_get_for_store()), made
 * when there is none. Its workers open their connections when their
 * first job comes, so this never touches the file.
 *
 * Returns: (transfer full): the engine
 */
RostraEngine *
rostra_engine_get_for_path (const char *path)
{
  RostraEngine    *self = NULL;
  GWeakRef        *ref;
  g_autofree char *key = NULL;

  g_return_val_if_fail (path != NULL && !g_str_equal (path, ":memory:"), NULL);

  key = file_key (path);
  g_mutex_lock (&registry_lock);
  if (registry == NULL)
    registry =
        g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) weak_ref_free);
  ref = g_hash_table_lookup (registry, key);
  if (ref != NULL)
    self = g_weak_ref_get (ref);
  if (self == NULL)
    {
      self = engine_new (NULL, path, FALSE);
      self->key = g_strdup (key);
      ref = g_new0 (GWeakRef, 1);
      g_weak_ref_init (ref, self);
      g_hash_table_replace (registry, g_strdup (key), ref);
    }
  g_mutex_unlock (&registry_lock);
  return self;
}

/**
 * rostra_engine_get_for_store:
 * @store: the caller's connection to the archive
 *
 * The engine of @store's archive (see rostra_engine_get_for_path()),
 * kept as long as @store: every widget showing @store runs its jobs
 * there, so that RostraEngine:busy tells of all of them.
 *
 * Returns: (transfer none): the engine
 */
RostraEngine *
rostra_engine_get_for_store (RostraStore *store)
{
  RostraEngine *self;

  g_return_val_if_fail (ROSTRA_IS_STORE (store), NULL);

  self = g_object_get_data (G_OBJECT (store), "rostra-engine");
  if (self == NULL)
    {
      const char *path = rostra_store_get_path (store);

      /* In memory, the jobs need this very connection. */
      if (g_str_equal (path, ":memory:"))
        self = engine_new (store, path, FALSE);
      else
        self = rostra_engine_get_for_path (path);
      g_object_set_data_full (G_OBJECT (store), "rostra-engine", self, g_object_unref);
    }
  return self;
}

/**
 * rostra_engine_get_store:
 *
 * Returns: (transfer none): the caller's connection the engine was made for
 */
RostraStore *
rostra_engine_get_store (RostraEngine *self)
{
  g_return_val_if_fail (ROSTRA_IS_ENGINE (self), NULL);
  return self->store;
}

gboolean
rostra_engine_get_busy (RostraEngine *self)
{
  g_return_val_if_fail (ROSTRA_IS_ENGINE (self), FALSE);
  return self->n_jobs > 0;
}

typedef struct
{
  GAsyncReadyCallback callback;
  gpointer            user_data;
} Reply;

static void
job_done (GObject *source, GAsyncResult *result, gpointer data)
{
  RostraEngine *self = ROSTRA_ENGINE (source);
  Reply        *reply = data;

  if (--self->n_jobs == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  if (reply->callback != NULL)
    reply->callback (source, result, reply->user_data);
  g_free (reply);
}

/**
 * _rostra_engine_run_async:
 * @access: a reader or the writer, and ROSTRA_ENGINE_KEEP_RESULT
 * @func: the job, run on a worker with the worker's connection
 * @data: (transfer full): the job's data, freed with @data_free once it is done
 * @result_free: frees @func's result when nobody takes it
 * @progress: (nullable): told of @func's progress on the caller's context
 * @cancellable: (nullable): stops the job: queued, it never runs;
 *   running, its statement is interrupted
 * @source_tag: the public function, checked by _rostra_engine_run_finish()
 *
 * Runs @func on a worker; @callback is called on the caller's
 * thread-default main context.
 */
void
_rostra_engine_run_async (RostraEngine            *self,
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
                          gpointer                 user_data)
{
  RostraEngineJob *job = g_new0 (RostraEngineJob, 1);
  Reply           *reply = g_new0 (Reply, 1);

  reply->callback = callback;
  reply->user_data = user_data;

  g_atomic_ref_count_init (&job->ref_count);
  g_mutex_init (&job->lock);
  job->access = access;
  job->func = func;
  job->data = data;
  job->data_free = data_free;
  job->result_free = result_free;
  job->progress = progress;
  job->progress_data = progress_data;
  job->task = g_task_new (self, cancellable, job_done, reply);
  g_task_set_source_tag (job->task, source_tag);
  g_task_set_check_cancellable (job->task, !(access & ROSTRA_ENGINE_KEEP_RESULT));

  if (self->n_jobs++ == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);

  if (self->threads == NULL)
    {
      /* In memory: at once, here; the answer still comes from the main loop. */
      run_job (job, self->store);
      job_unref (job);
      return;
    }
  g_async_queue_push (access & ROSTRA_ENGINE_WRITE ? self->writes : self->reads, job);
}

/**
 * _rostra_engine_run_finish:
 *
 * Returns: (transfer full): the job's result, or %NULL with @error set
 */
gpointer
_rostra_engine_run_finish (RostraEngine *self,
                           GAsyncResult *result,
                           gpointer      source_tag,
                           GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The queries of the article list */

/**
 * rostra_engine_page_free:
 */
void
rostra_engine_page_free (RostraEnginePage *page)
{
  if (page == NULL)
    return;
  g_clear_pointer (&page->ids, g_array_unref);
  g_clear_pointer (&page->rows, g_ptr_array_unref);
  g_free (page->fts);
  g_free (page);
}

/* A read job on a copy of @query. */
static void
run_query_job (RostraEngine       *self,
               RostraEngineJobFunc func,
               const RostraQuery  *query,
               GDestroyNotify      result_free,
               GCancellable       *cancellable,
               gpointer            source_tag,
               GAsyncReadyCallback callback,
               gpointer            user_data)
{
  g_return_if_fail (ROSTRA_IS_ENGINE (self));
  g_return_if_fail (query != NULL);

  _rostra_engine_run_async (self, ROSTRA_ENGINE_READ, func, rostra_query_copy (query),
                            (GDestroyNotify) rostra_query_free, result_free, NULL, NULL,
                            cancellable, source_tag, callback, user_data);
}

static gboolean
first_page_job (RostraEngineJob *job,
                RostraStore     *store,
                gpointer         data,
                GCancellable    *cancellable,
                gpointer        *result,
                GError         **error)
{
  g_autoptr (RostraEnginePage) page = g_new0 (RostraEnginePage, 1);
  g_autoptr (GError) local = NULL;
  g_autofree char *fts = rostra_store_dup_search_fts (store, data, &local);
  g_autofree char *fts_used = NULL;

  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }

  page->ids = rostra_store_query_first_page (store, data, ROSTRA_ENGINE_PAGE_SIZE,
                                             ROSTRA_ENGINE_FIRST_BOUND, cancellable,
                                             &page->complete, &fts_used, error);
  if (page->ids == NULL)
    return FALSE;
  /* Snippets of the word itself when the page was found by it: those of
   * a common prefix would walk every hit of every word it starts. */
  page->rows = rostra_store_load_rows (store, (const gint64 *) (gpointer) page->ids->data,
                                       MIN (page->ids->len, ROSTRA_ENGINE_PAGE_SIZE),
                                       fts_used ? fts_used : fts, cancellable, error);
  if (page->rows == NULL)
    return FALSE;
  page->fts = g_steal_pointer (&fts);
  *result = g_steal_pointer (&page);
  return TRUE;
}

/**
 * rostra_engine_first_page_async:
 * @query: the search, filters and order
 *
 * Finds the first page of @query (see rostra_store_query_first_page()):
 * at a cost that does not grow with the archive for a search by
 * relevance or a list by date, with the rows of the page read.
 */
void
rostra_engine_first_page_async (RostraEngine       *self,
                                const RostraQuery  *query,
                                GCancellable       *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer            user_data)
{
  run_query_job (self, first_page_job, query, (GDestroyNotify) rostra_engine_page_free, cancellable,
                 rostra_engine_first_page_async, callback, user_data);
}

/**
 * rostra_engine_first_page_finish:
 *
 * Returns: (transfer full): the first page, or %NULL with @error set
 */
RostraEnginePage *
rostra_engine_first_page_finish (RostraEngine *self, GAsyncResult *result, GError **error)
{
  return _rostra_engine_run_finish (self, result, rostra_engine_first_page_async, error);
}

static gboolean
count_job (RostraEngineJob *job,
           RostraStore     *store,
           gpointer         data,
           GCancellable    *cancellable,
           gpointer        *result,
           GError         **error)
{
  gint64 count = rostra_store_count_query (store, data, cancellable, error);

  if (count < 0)
    return FALSE;
  *result = g_memdup2 (&count, sizeof count);
  return TRUE;
}

/**
 * rostra_engine_count_async:
 * @query: the search and filters
 *
 * Counts @query's articles without ranking them.
 */
void
rostra_engine_count_async (RostraEngine       *self,
                           const RostraQuery  *query,
                           GCancellable       *cancellable,
                           GAsyncReadyCallback callback,
                           gpointer            user_data)
{
  run_query_job (self, count_job, query, g_free, cancellable, rostra_engine_count_async, callback,
                 user_data);
}

/**
 * rostra_engine_count_finish:
 *
 * Returns: the count, or -1 with @error set
 */
gint64
rostra_engine_count_finish (RostraEngine *self, GAsyncResult *result, GError **error)
{
  g_autofree gint64 *count =
      _rostra_engine_run_finish (self, result, rostra_engine_count_async, error);

  return count != NULL ? *count : -1;
}

static gboolean
query_ids_job (RostraEngineJob *job,
               RostraStore     *store,
               gpointer         data,
               GCancellable    *cancellable,
               gpointer        *result,
               GError         **error)
{
  *result = rostra_store_query_ids (store, data, cancellable, error);
  return *result != NULL;
}

/**
 * rostra_engine_query_ids_async:
 * @query: the search, filters and order
 *
 * Finds all of @query's ids, in its exact order.
 */
void
rostra_engine_query_ids_async (RostraEngine       *self,
                               const RostraQuery  *query,
                               GCancellable       *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer            user_data)
{
  run_query_job (self, query_ids_job, query, (GDestroyNotify) g_array_unref, cancellable,
                 rostra_engine_query_ids_async, callback, user_data);
}

/**
 * rostra_engine_query_ids_finish:
 *
 * Returns: (transfer full) (element-type gint64): the ids, or %NULL with @error set
 */
GArray *
rostra_engine_query_ids_finish (RostraEngine *self, GAsyncResult *result, GError **error)
{
  return _rostra_engine_run_finish (self, result, rostra_engine_query_ids_async, error);
}

typedef struct
{
  GArray *ids;
  char   *fts;
} RowsData;

static void
rows_data_free (RowsData *data)
{
  g_array_unref (data->ids);
  g_free (data->fts);
  g_free (data);
}

static gboolean
load_rows_job (RostraEngineJob *job,
               RostraStore     *store,
               gpointer         data,
               GCancellable    *cancellable,
               gpointer        *result,
               GError         **error)
{
  RowsData *rows = data;

  *result = rostra_store_load_rows (store, (const gint64 *) (gpointer) rows->ids->data,
                                    rows->ids->len, rows->fts, cancellable, error);
  return *result != NULL;
}

/**
 * rostra_engine_load_rows_async:
 * @ids: (array length=n_ids): the articles of a page
 * @fts: (nullable): the FTS5 query that found them, for snippets
 *
 * Reads the rows of a page of the list (see rostra_store_load_rows()).
 */
void
rostra_engine_load_rows_async (RostraEngine       *self,
                               const gint64       *ids,
                               guint               n_ids,
                               const char         *fts,
                               GCancellable       *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer            user_data)
{
  RowsData *data;

  g_return_if_fail (ROSTRA_IS_ENGINE (self));

  data = g_new0 (RowsData, 1);
  data->ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_ids);
  g_array_append_vals (data->ids, ids, n_ids);
  data->fts = g_strdup (fts);
  _rostra_engine_run_async (self, ROSTRA_ENGINE_READ, load_rows_job, data,
                            (GDestroyNotify) rows_data_free, (GDestroyNotify) g_ptr_array_unref,
                            NULL, NULL, cancellable, rostra_engine_load_rows_async, callback,
                            user_data);
}

/**
 * rostra_engine_load_rows_finish:
 *
 * Returns: (transfer full) (element-type RostraArticle): one row per id,
 *   or %NULL with @error set
 */
GPtrArray *
rostra_engine_load_rows_finish (RostraEngine *self, GAsyncResult *result, GError **error)
{
  return _rostra_engine_run_finish (self, result, rostra_engine_load_rows_async, error);
}

static gboolean
load_article_job (RostraEngineJob *job,
                  RostraStore     *store,
                  gpointer         data,
                  GCancellable    *cancellable,
                  gpointer        *result,
                  GError         **error)
{
  *result = rostra_store_load_article (store, *(gint64 *) data, error);
  return *result != NULL;
}

/**
 * rostra_engine_load_article_async:
 * @id: an article's id
 *
 * Reads an article with its text.
 */
void
rostra_engine_load_article_async (RostraEngine       *self,
                                  gint64              id,
                                  GCancellable       *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer            user_data)
{
  g_return_if_fail (ROSTRA_IS_ENGINE (self));

  _rostra_engine_run_async (self, ROSTRA_ENGINE_READ, load_article_job, g_memdup2 (&id, sizeof id),
                            g_free, g_object_unref, NULL, NULL, cancellable,
                            rostra_engine_load_article_async, callback, user_data);
}

/**
 * rostra_engine_load_article_finish:
 *
 * Returns: (transfer full): the article, or %NULL with @error set
 */
RostraArticle *
rostra_engine_load_article_finish (RostraEngine *self, GAsyncResult *result, GError **error)
{
  return _rostra_engine_run_finish (self, result, rostra_engine_load_article_async, error);
}
