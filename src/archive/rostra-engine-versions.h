/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-engine-versions.h: versions of one speech, as calls of the engine. */
#pragma once

#include "rostra-diff.h"
#include "rostra-engine.h"
#include "rostra-versions.h"

G_BEGIN_DECLS

void     rostra_engine_find_versions_async (RostraEngine            *self,
                                            RostraEngineProgressFunc progress,
                                            gpointer                 progress_data,
                                            GCancellable            *cancellable,
                                            GAsyncReadyCallback      callback,
                                            gpointer                 user_data);
gboolean rostra_engine_find_versions_finish (RostraEngine *self,
                                             GAsyncResult *result,
                                             guint        *n_indexed,
                                             GError      **error);

void rostra_engine_list_versions_async (RostraEngine       *self,
                                        gint64              article_id,
                                        GCancellable       *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer            user_data);
GPtrArray *
rostra_engine_list_versions_finish (RostraEngine *self, GAsyncResult *result, GError **error);

void rostra_engine_count_versions_async (RostraEngine       *self,
                                         const gint64       *ids,
                                         guint               n_ids,
                                         GCancellable       *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer            user_data);
GArray *
rostra_engine_count_versions_finish (RostraEngine *self, GAsyncResult *result, GError **error);

void       rostra_engine_list_version_annotations_async (RostraEngine       *self,
                                                         gint64              article_id,
                                                         GCancellable       *cancellable,
                                                         GAsyncReadyCallback callback,
                                                         gpointer            user_data);
GPtrArray *rostra_engine_list_version_annotations_finish (RostraEngine *self,
                                                          GAsyncResult *result,
                                                          GError      **error);

void rostra_engine_link_translation_async (RostraEngine       *self,
                                           gint64              article_id,
                                           gint64              other_id,
                                           GAsyncReadyCallback callback,
                                           gpointer            user_data);
gboolean
rostra_engine_link_translation_finish (RostraEngine *self, GAsyncResult *result, GError **error);
void rostra_engine_unlink_versions_async (RostraEngine       *self,
                                          gint64              article_id,
                                          gint64              other_id,
                                          GAsyncReadyCallback callback,
                                          gpointer            user_data);
gboolean
rostra_engine_unlink_versions_finish (RostraEngine *self, GAsyncResult *result, GError **error);

/**
 * RostraComparison:
 * @a: the first version, with its text
 * @b: the second version, with its text
 * @segments: (element-type RostraDiffSegment): their word-level
 *   differences (see rostra_diff_words())
 */
typedef struct
{
  RostraArticle *a;
  RostraArticle *b;
  GArray        *segments;
} RostraComparison;

void rostra_comparison_free (RostraComparison *comparison);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RostraComparison, rostra_comparison_free)

void rostra_engine_compare_async (RostraEngine       *self,
                                  gint64              a_id,
                                  gint64              b_id,
                                  GCancellable       *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer            user_data);
RostraComparison *
rostra_engine_compare_finish (RostraEngine *self, GAsyncResult *result, GError **error);

G_END_DECLS
