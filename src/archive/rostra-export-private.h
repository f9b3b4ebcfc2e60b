/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-export-private.h: what the exporter's format files share. */
#pragma once

#include "rostra-exporter.h"

G_BEGIN_DECLS

/* The output is gathered in a buffer and written in pieces of about
 * this size, so an export needs memory for one piece, not the file. */
#define ROSTRA_EXPORT_CHUNK (64 * 1024)

/**
 * RostraExportContext:
 * @store: the archive
 * @annotations: the annotations to write, in export order (by their
 *   articles' dates, newest first, then by position), each with its
 *   article's title, source and date
 * @n_articles: how many articles they are on
 * @stream: where the export goes
 * @out: what is waiting to be written to @stream
 *
 * One export of annotations in one of the annotation formats.
 */
typedef struct
{
  RostraStore   *store;
  GListModel    *annotations;
  guint          n_articles;
  GOutputStream *stream;
  GCancellable  *cancellable;
  GString       *out;

  /* The article of the annotations being written (see
   * _rostra_export_get_article()) */
  RostraArticle *article;
} RostraExportContext;

gboolean       _rostra_export_flush (RostraExportContext *ctx, gboolean all, GError **error);
RostraArticle *_rostra_export_get_article (RostraExportContext *ctx, gint64 id, GError **error);
const char    *_rostra_export_color (RostraAnnotation *annotation);
char          *_rostra_export_format_time (const char *timestamp);

gboolean _rostra_export_write_html (RostraExportContext *ctx, GError **error);
gboolean _rostra_export_write_csv (RostraExportContext *ctx, GError **error);
gboolean _rostra_export_write_w3c (RostraExportContext *ctx, GError **error);

char *_rostra_export_speakers_json (RostraStore *store, GError **error);

G_END_DECLS
