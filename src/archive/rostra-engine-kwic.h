/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-engine-kwic.h: the concordance's jobs on the archive's engine. */
#pragma once

#include "rostra-engine.h"
#include "rostra-kwic.h"

G_BEGIN_DECLS

/* Lines in a concordance's first page */
#define ROSTRA_KWIC_PAGE_SIZE 100

void rostra_engine_kwic_async (RostraEngine          *self,
                               const RostraKwicQuery *query,
                               guint                  n_lines,
                               gboolean               all,
                               GCancellable          *cancellable,
                               GAsyncReadyCallback    callback,
                               gpointer               user_data);
RostraKwicResult *
rostra_engine_kwic_finish (RostraEngine *self, GAsyncResult *result, GError **error);

void rostra_engine_kwic_lines_async (RostraEngine        *self,
                                     const RostraKwicHit *hits,
                                     guint                n_hits,
                                     guint                context,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
GPtrArray *
rostra_engine_kwic_lines_finish (RostraEngine *self, GAsyncResult *result, GError **error);

void    rostra_engine_kwic_code_async (RostraEngine        *self,
                                       const RostraKwicHit *hits,
                                       guint                n_hits,
                                       RostraKwicSpan       span,
                                       const char          *color,
                                       const char *const   *tags,
                                       const char          *note,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
GArray *rostra_engine_kwic_code_finish (RostraEngine *self, GAsyncResult *result, GError **error);

void rostra_engine_delete_annotations_async (RostraEngine       *self,
                                             const gint64       *ids,
                                             guint               n_ids,
                                             GAsyncReadyCallback callback,
                                             gpointer            user_data);
gboolean
rostra_engine_delete_annotations_finish (RostraEngine *self, GAsyncResult *result, GError **error);

void     rostra_engine_kwic_export_async (RostraEngine          *self,
                                          const RostraKwicQuery *query,
                                          GFile                 *file,
                                          GCancellable          *cancellable,
                                          GAsyncReadyCallback    callback,
                                          gpointer               user_data);
gboolean rostra_engine_kwic_export_finish (RostraEngine *self,
                                           GAsyncResult *result,
                                           guint        *n_lines,
                                           GError      **error);

G_END_DECLS
