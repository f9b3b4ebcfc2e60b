/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-import-pipeline.h: parses a dump on a thread of its own while the caller inserts. */
#pragma once

#include <gio/gio.h>

#include "rostra-dump-parser.h"

G_BEGIN_DECLS

/* Defaults of rostra_import_pipeline_new(). */
#define ROSTRA_IMPORT_PIPELINE_BATCH_ENTRIES 32
#define ROSTRA_IMPORT_PIPELINE_BATCH_BYTES   (1024 * 1024)
#define ROSTRA_IMPORT_PIPELINE_MAX_BATCHES   4

/**
 * RostraImportBatch:
 * @entries: (element-type RostraDumpEntry): the entries, in the file's order
 * @bytes_read: how many bytes the parser had read when the batch was
 *   handed over, for progress reports
 *
 * Entries parsed by a #RostraImportPipeline.
 */
typedef struct
{
  GPtrArray *entries;
  guint64    bytes_read;
} RostraImportBatch;

void rostra_import_batch_free (RostraImportBatch *batch);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RostraImportBatch, rostra_import_batch_free)

typedef struct _RostraImportPipeline RostraImportPipeline;

RostraImportPipeline *
rostra_import_pipeline_new (RostraDumpParser *parser, GCancellable *cancellable);
RostraImportPipeline *rostra_import_pipeline_new_full (RostraDumpParser *parser,
                                                       guint             batch_entries,
                                                       gsize             batch_bytes,
                                                       guint             max_batches,
                                                       GCancellable     *cancellable);
gboolean
rostra_import_pipeline_next (RostraImportPipeline *self, RostraImportBatch **batch, GError **error);
void rostra_import_pipeline_free (RostraImportPipeline *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RostraImportPipeline, rostra_import_pipeline_free)

G_END_DECLS
