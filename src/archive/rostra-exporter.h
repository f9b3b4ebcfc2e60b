/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-exporter.h: writes the archive out, streaming. */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "rostra-store.h"

G_BEGIN_DECLS

/* The `format` and `version` of a JSON export (the backup format). */
#define ROSTRA_EXPORT_FORMAT  "rostra-archive"
#define ROSTRA_EXPORT_VERSION 2

/**
 * RostraExportFormat:
 * @ROSTRA_EXPORT_FORMAT_JSON: the backup format, which `--import` reads
 * @ROSTRA_EXPORT_FORMAT_MARKDOWN: annotated articles in Markdown
 * @ROSTRA_EXPORT_FORMAT_HTML: one self-contained HTML page
 * @ROSTRA_EXPORT_FORMAT_CSV: one row per annotation (RFC 4180)
 * @ROSTRA_EXPORT_FORMAT_W3C: a W3C Web Annotation collection (JSON-LD)
 *
 * What rostra_export_annotations() writes; README.md documents each.
 */
typedef enum
{
  ROSTRA_EXPORT_FORMAT_JSON,
  ROSTRA_EXPORT_FORMAT_MARKDOWN,
  ROSTRA_EXPORT_FORMAT_HTML,
  ROSTRA_EXPORT_FORMAT_CSV,
  ROSTRA_EXPORT_FORMAT_W3C,
} RostraExportFormat;

#define ROSTRA_EXPORT_N_FORMATS 5

gboolean    rostra_export_format_from_string (const char *name, RostraExportFormat *format);
const char *rostra_export_format_to_string (RostraExportFormat format);
char       *rostra_export_format_list (void);
const char *rostra_export_format_get_label (RostraExportFormat format);
const char *rostra_export_format_get_description (RostraExportFormat format);
const char *rostra_export_format_get_extension (RostraExportFormat format);
const char *rostra_export_format_get_mime_type (RostraExportFormat format);

/**
 * RostraExportScopeKind:
 * @ROSTRA_EXPORT_SCOPE_ALL: the whole archive
 * @ROSTRA_EXPORT_SCOPE_ARTICLE: one article (`article_id`)
 * @ROSTRA_EXPORT_SCOPE_ARTICLES: the articles in `article_ids` (those a
 *   search and its filters show, say)
 * @ROSTRA_EXPORT_SCOPE_TAG: the annotations that carry `tag`
 */
typedef enum
{
  ROSTRA_EXPORT_SCOPE_ALL,
  ROSTRA_EXPORT_SCOPE_ARTICLE,
  ROSTRA_EXPORT_SCOPE_ARTICLES,
  ROSTRA_EXPORT_SCOPE_TAG,
} RostraExportScopeKind;

/**
 * RostraExportScope:
 * @kind: what to export
 * @article_id: for %ROSTRA_EXPORT_SCOPE_ARTICLE
 * @tag: for %ROSTRA_EXPORT_SCOPE_TAG (tag names ignore ASCII case)
 * @article_ids: (element-type gint64): for %ROSTRA_EXPORT_SCOPE_ARTICLES
 *
 * Which annotations (and, for the backup format, articles) an export
 * holds. A %NULL scope is the whole archive.
 */
typedef struct
{
  RostraExportScopeKind kind;
  gint64                article_id;
  char                 *tag;
  GArray               *article_ids;
} RostraExportScope;

RostraExportScope *rostra_export_scope_new_all (void);
RostraExportScope *rostra_export_scope_new_article (gint64 article_id);
RostraExportScope *rostra_export_scope_new_articles (const gint64 *ids, guint n_ids);
RostraExportScope *rostra_export_scope_new_tag (const char *tag);
RostraExportScope *rostra_export_scope_copy (const RostraExportScope *scope);
void               rostra_export_scope_free (RostraExportScope *scope);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RostraExportScope, rostra_export_scope_free)

gboolean rostra_export_count (RostraStore             *store,
                              RostraExportFormat       format,
                              const RostraExportScope *scope,
                              guint                   *n_annotations,
                              guint                   *n_articles,
                              GCancellable            *cancellable,
                              GError                 **error);
gboolean rostra_export_annotations (RostraStore             *store,
                                    RostraExportFormat       format,
                                    const RostraExportScope *scope,
                                    GOutputStream           *stream,
                                    guint                   *n_annotations,
                                    GCancellable            *cancellable,
                                    GError                 **error);
gboolean rostra_export_to_file (RostraStore             *store,
                                RostraExportFormat       format,
                                const RostraExportScope *scope,
                                GFile                   *file,
                                guint                   *n_annotations,
                                GCancellable            *cancellable,
                                GError                 **error);

JsonNode *rostra_annotation_to_json (RostraAnnotation *annotation);
JsonNode *rostra_speakers_to_json (GListModel *speakers, gboolean with_counts);
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
                               guint              offset,
                               guint              limit,
                               GOutputStream     *stream,
                               GCancellable      *cancellable,
                               GError           **error);

gboolean rostra_export_markdown (RostraStore   *store,
                                 GOutputStream *stream,
                                 GCancellable  *cancellable,
                                 GError       **error);

G_END_DECLS
