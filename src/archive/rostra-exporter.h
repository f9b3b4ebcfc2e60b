/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-exporter.h: writes the archive out, streaming. */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "rostra-store.h"

G_BEGIN_DECLS

/* The `format` and `version` of a JSON export (the backup format). */
#define ROSTRA_EXPORT_FORMAT  "rostra-archive"
#define ROSTRA_EXPORT_VERSION 1

JsonNode *rostra_annotation_to_json (RostraAnnotation *annotation);
JsonNode *rostra_article_to_json (RostraArticle *article, gboolean with_text);
gboolean  rostra_export_article_list (RostraStore   *store,
                                      GOutputStream *stream,
                                      GCancellable  *cancellable,
                                      GError       **error);
gboolean  rostra_export_json (RostraStore   *store,
                              GOutputStream *stream,
                              GCancellable  *cancellable,
                              GError       **error);

gboolean rostra_export_search (RostraStore       *store,
                               const RostraQuery *query,
                               GOutputStream     *stream,
                               GCancellable      *cancellable,
                               GError           **error);

gboolean rostra_export_markdown (RostraStore   *store,
                                 GOutputStream *stream,
                                 GCancellable  *cancellable,
                                 GError       **error);

G_END_DECLS
