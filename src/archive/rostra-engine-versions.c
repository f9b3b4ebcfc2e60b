/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-engine-versions.c: versions of one speech, as calls of the engine.
 *
 * Finding the versions of an archive made before versions runs once,
 * on the writer, in batches of one transaction each: cancelled, it
 * keeps the batches done and goes on from there the next time. Lists
 * and comparisons run on the readers; links on the writer.
 */

#include "config.h"

#include "rostra-engine-private.h"
#include "rostra-engine-versions.h"

typedef struct
{
  guint n_indexed;
} FindResult;

static gboolean
find_versions_job (RostraEngineJob *job,
                   RostraStore     *store,
                   gpointer         data,
                   GCancellable    *cancellable,
                   gpointer        *result,
                   GError         **error)
{
  g_autofree FindResult *found = g_new0 (FindResult, 1);
  gint64                 total = rostra_store_count_versions_pending (store, error);
  gint64                 cursor = 0;
  guint                  n;

  if (total < 0)
    return FALSE;
  _rostra_engine_job_progress (job, 0, total);
  do
    {
      if (!rostra_store_index_versions_pending (store, &cursor, ROSTRA_VERSIONS_BATCH, cancellable,
                                                &n, error))
        return FALSE;
      found->n_indexed += n;
      _rostra_engine_job_progress (job, found->n_indexed, MAX (total, found->n_indexed));
    }
  while (n > 0);
  *result = g_steal_pointer (&found);
  return TRUE;
}

/**
 * rostra_engine_find_versions_async:
 * @progress: (nullable): told how many articles are indexed, of how many
 *
 * Indexes the articles not indexed for versions yet (those of an
 * archive made before versions; see
 * rostra_store_count_versions_pending()) and finds their versions, on
 * the writer. Imports index their own articles: this runs once per
 * archive. Cancellable: the batches done are kept.
 */
void
rostra_engine_find_versions_async (RostraEngine            *self,
                                   RostraEngineProgressFunc progress,
                                   gpointer                 progress_data,
                                   GCancellable            *cancellable,
                                   GAsyncReadyCallback      callback,
                                   gpointer                 user_data)
{
  g_return_if_fail (ROSTRA_IS_ENGINE (self));

  _rostra_engine_run_async (self, ROSTRA_ENGINE_WRITE, find_versions_job, NULL, NULL, g_free,
                            progress, progress_data, cancellable, rostra_engine_find_versions_async,
                            callback, user_data);
}

/**
 * rostra_engine_find_versions_finish:
 * @n_indexed: (out) (optional): articles indexed
 *
 * Returns: %FALSE with @error set (%G_IO_ERROR_CANCELLED when cancelled)
 */
gboolean
rostra_engine_find_versions_finish (RostraEngine *self,
                                    GAsyncResult *result,
                                    guint        *n_indexed,
                                    GError      **error)
{
  g_autofree FindResult *found =
      _rostra_engine_run_finish (self, result, rostra_engine_find_versions_async, error);

  if (found == NULL)
    return FALSE;
  if (n_indexed != NULL)
    *n_indexed = found->n_indexed;
  return TRUE;
}

/* Lists */

static gboolean
list_versions_job (RostraEngineJob *job,
                   RostraStore     *store,
                   gpointer         data,
                   GCancellable    *cancellable,
                   gpointer        *result,
                   GError         **error)
{
  return (*result = rostra_store_list_versions (store, *(gint64 *) data, error)) != NULL;
}

/**
 * rostra_engine_list_versions_async:
 * @article_id: a speech
 *
 * Reads the speech's other versions (see rostra_store_list_versions()),
 * for "Also published as…".
 */
void
rostra_engine_list_versions_async (RostraEngine       *self,
                                   gint64              article_id,
                                   GCancellable       *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer            user_data)
{
  g_return_if_fail (ROSTRA_IS_ENGINE (self));

  _rostra_engine_run_async (self, ROSTRA_ENGINE_READ, list_versions_job,
                            g_memdup2 (&article_id, sizeof article_id), g_free,
                            (GDestroyNotify) g_ptr_array_unref, NULL, NULL, cancellable,
                            rostra_engine_list_versions_async, callback, user_data);
}

/**
 * rostra_engine_list_versions_finish:
 *
 * Returns: (transfer full) (element-type RostraVersion): the versions;
 *   %NULL with @error set
 */
GPtrArray *
rostra_engine_list_versions_finish (RostraEngine *self, GAsyncResult *result, GError **error)
{
  return _rostra_engine_run_finish (self, result, rostra_engine_list_versions_async, error);
}

static gboolean
count_versions_job (RostraEngineJob *job,
                    RostraStore     *store,
                    gpointer         data,
                    GCancellable    *cancellable,
                    gpointer        *result,
                    GError         **error)
{
  GArray *ids = data;

  return (*result = rostra_store_count_versions (store, (const gint64 *) (gpointer) ids->data,
                                                 ids->len, error)) != NULL;
}

/**
 * rostra_engine_count_versions_async:
 * @ids: (array length=n_ids): speeches, the rows of the library shown
 *
 * Counts each speech's other versions (see
 * rostra_store_count_versions()), for the folded rows of "One Row per
 * Speech".
 */
void
rostra_engine_count_versions_async (RostraEngine       *self,
                                    const gint64       *ids,
                                    guint               n_ids,
                                    GCancellable       *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer            user_data)
{
  GArray *copy;

  g_return_if_fail (ROSTRA_IS_ENGINE (self));

  copy = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_ids);
  g_array_append_vals (copy, ids, n_ids);
  _rostra_engine_run_async (self, ROSTRA_ENGINE_READ, count_versions_job, copy,
                            (GDestroyNotify) g_array_unref, (GDestroyNotify) g_array_unref, NULL,
                            NULL, cancellable, rostra_engine_count_versions_async, callback,
                            user_data);
}

/**
 * rostra_engine_count_versions_finish:
 *
 * Returns: (transfer full) (element-type guint): the counts, in the
 *   order of the ids; %NULL with @error set
 */
GArray *
rostra_engine_count_versions_finish (RostraEngine *self, GAsyncResult *result, GError **error)
{
  return _rostra_engine_run_finish (self, result, rostra_engine_count_versions_async, error);
}

static gboolean
list_version_annotations_job (RostraEngineJob *job,
                              RostraStore     *store,
                              gpointer         data,
                              GCancellable    *cancellable,
                              gpointer        *result,
                              GError         **error)
{
  return (*result = rostra_store_list_version_annotations (store, *(gint64 *) data, error)) != NULL;
}

/**
 * rostra_engine_list_version_annotations_async:
 * @article_id: the speech being read
 *
 * Reads the annotations of the speech's other versions, each found in
 * this speech's text or not (see
 * rostra_store_list_version_annotations()).
 */
void
rostra_engine_list_version_annotations_async (RostraEngine       *self,
                                              gint64              article_id,
                                              GCancellable       *cancellable,
                                              GAsyncReadyCallback callback,
                                              gpointer            user_data)
{
  g_return_if_fail (ROSTRA_IS_ENGINE (self));

  _rostra_engine_run_async (self, ROSTRA_ENGINE_READ, list_version_annotations_job,
                            g_memdup2 (&article_id, sizeof article_id), g_free,
                            (GDestroyNotify) g_ptr_array_unref, NULL, NULL, cancellable,
                            rostra_engine_list_version_annotations_async, callback, user_data);
}

/**
 * rostra_engine_list_version_annotations_finish:
 *
 * Returns: (transfer full) (element-type RostraVersionAnnotation): the
 *   annotations; %NULL with @error set
 */
GPtrArray *
rostra_engine_list_version_annotations_finish (RostraEngine *self,
                                               GAsyncResult *result,
                                               GError      **error)
{
  return _rostra_engine_run_finish (self, result, rostra_engine_list_version_annotations_async,
                                    error);
}

/* Links */

typedef struct
{
  gint64   a;
  gint64   b;
  gboolean link; /* link as translations, or unlink */
} Pair;

static gboolean
link_job (RostraEngineJob *job,
          RostraStore     *store,
          gpointer         data,
          GCancellable    *cancellable,
          gpointer        *result,
          GError         **error)
{
  Pair *pair = data;

  if (pair->link ? !rostra_store_link_translation (store, pair->a, pair->b, error)
                 : !rostra_store_unlink_versions (store, pair->a, pair->b, NULL, error))
    return FALSE;
  *result = GINT_TO_POINTER (TRUE);
  return TRUE;
}

static void
run_link_job (RostraEngine       *self,
              gboolean            link,
              gint64              a,
              gint64              b,
              gpointer            source_tag,
              GAsyncReadyCallback callback,
              gpointer            user_data)
{
  Pair *pair = g_new (Pair, 1);

  pair->a = a;
  pair->b = b;
  pair->link = link;
  _rostra_engine_run_async (self, ROSTRA_ENGINE_WRITE, link_job, pair, g_free, NULL, NULL, NULL,
                            NULL, source_tag, callback, user_data);
}

/**
 * rostra_engine_link_translation_async:
 *
 * "Link as Translation…": see rostra_store_link_translation().
 */
void
rostra_engine_link_translation_async (RostraEngine       *self,
                                      gint64              article_id,
                                      gint64              other_id,
                                      GAsyncReadyCallback callback,
                                      gpointer            user_data)
{
  g_return_if_fail (ROSTRA_IS_ENGINE (self));
  run_link_job (self, TRUE, article_id, other_id, rostra_engine_link_translation_async, callback,
                user_data);
}

gboolean
rostra_engine_link_translation_finish (RostraEngine *self, GAsyncResult *result, GError **error)
{
  return _rostra_engine_run_finish (self, result, rostra_engine_link_translation_async, error) !=
         NULL;
}

/**
 * rostra_engine_unlink_versions_async:
 *
 * "Unlink": see rostra_store_unlink_versions().
 */
void
rostra_engine_unlink_versions_async (RostraEngine       *self,
                                     gint64              article_id,
                                     gint64              other_id,
                                     GAsyncReadyCallback callback,
                                     gpointer            user_data)
{
  g_return_if_fail (ROSTRA_IS_ENGINE (self));
  run_link_job (self, FALSE, article_id, other_id, rostra_engine_unlink_versions_async, callback,
                user_data);
}

gboolean
rostra_engine_unlink_versions_finish (RostraEngine *self, GAsyncResult *result, GError **error)
{
  return _rostra_engine_run_finish (self, result, rostra_engine_unlink_versions_async, error) !=
         NULL;
}

/* Comparing */

void
rostra_comparison_free (RostraComparison *comparison)
{
  if (comparison == NULL)
    return;
  g_clear_object (&comparison->a);
  g_clear_object (&comparison->b);
  g_clear_pointer (&comparison->segments, g_array_unref);
  g_free (comparison);
}

static gboolean
compare_job (RostraEngineJob *job,
             RostraStore     *store,
             gpointer         data,
             GCancellable    *cancellable,
             gpointer        *result,
             GError         **error)
{
  Pair *pair = data;
  g_autoptr (RostraComparison) comparison = g_new0 (RostraComparison, 1);

  if (!(comparison->a = rostra_store_load_article (store, pair->a, error)) ||
      !(comparison->b = rostra_store_load_article (store, pair->b, error)) ||
      g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  comparison->segments = rostra_diff_words (rostra_article_get_text (comparison->a),
                                            rostra_article_get_text (comparison->b));
  *result = g_steal_pointer (&comparison);
  return TRUE;
}

/**
 * rostra_engine_compare_async:
 * @a_id: the version shown first (left, or above)
 * @b_id: the version shown second
 *
 * Loads two versions and compares them word by word on a reader, for
 * the Compare view.
 */
void
rostra_engine_compare_async (RostraEngine       *self,
                             gint64              a_id,
                             gint64              b_id,
                             GCancellable       *cancellable,
                             GAsyncReadyCallback callback,
                             gpointer            user_data)
{
  Pair *pair;

  g_return_if_fail (ROSTRA_IS_ENGINE (self));

  pair = g_new0 (Pair, 1);
  pair->a = a_id;
  pair->b = b_id;
  _rostra_engine_run_async (self, ROSTRA_ENGINE_READ, compare_job, pair, g_free,
                            (GDestroyNotify) rostra_comparison_free, NULL, NULL, cancellable,
                            rostra_engine_compare_async, callback, user_data);
}

/**
 * rostra_engine_compare_finish:
 *
 * Returns: (transfer full): the two versions and their differences;
 *   %NULL with @error set (%ROSTRA_STORE_ERROR_NOT_FOUND when either is
 *   missing)
 */
RostraComparison *
rostra_engine_compare_finish (RostraEngine *self, GAsyncResult *result, GError **error)
{
  return _rostra_engine_run_finish (self, result, rostra_engine_compare_async, error);
}
