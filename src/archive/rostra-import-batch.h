/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-import-batch.h: files imported one after the other on the engine's writer. */
#pragma once

#include "rostra-engine.h"
#include "rostra-importer.h"

G_BEGIN_DECLS

typedef struct _RostraImportBatch RostraImportBatch;

RostraImportBatch *rostra_import_batch_new (const char *const *tags);
RostraImportBatch *rostra_import_batch_ref (RostraImportBatch *batch);
void               rostra_import_batch_unref (RostraImportBatch *batch);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RostraImportBatch, rostra_import_batch_unref)

void
rostra_import_batch_add (RostraImportBatch *batch, GFile *file, const char *name, guint64 size);
void     rostra_import_batch_set_speakers (RostraImportBatch *batch,
                                           guint              index,
                                           const char        *speaker,
                                           GHashTable        *entry_speakers);
guint    rostra_import_batch_get_n_files (RostraImportBatch *batch);
void     rostra_import_batch_cancel (RostraImportBatch *batch);
void     rostra_import_batch_get_progress (RostraImportBatch *batch,
                                           guint             *current,
                                           guint64           *done_bytes,
                                           guint64           *bytes_read,
                                           guint             *n_entries,
                                           guint             *n_finished);
gboolean rostra_import_batch_take_result (RostraImportBatch   *batch,
                                          guint                index,
                                          RostraImportReport **report,
                                          GError             **error);

void rostra_engine_import_batch_async (RostraEngine            *self,
                                       RostraImportBatch       *batch,
                                       RostraEngineProgressFunc progress,
                                       gpointer                 progress_data,
                                       GAsyncReadyCallback      callback,
                                       gpointer                 user_data);
gboolean
rostra_engine_import_batch_finish (RostraEngine *self, GAsyncResult *result, GError **error);

G_END_DECLS
