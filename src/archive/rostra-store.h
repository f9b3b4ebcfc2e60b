/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-store.h: the SQLite archive behind every model. */
#pragma once

#include <gio/gio.h>

#include "rostra-annotation.h"
#include "rostra-article.h"
#include "rostra-import-info.h"
#include "rostra-query.h"

G_BEGIN_DECLS

#define ROSTRA_STORE_ERROR (rostra_store_error_quark ())

typedef enum
{
  ROSTRA_STORE_ERROR_FAILED,
  ROSTRA_STORE_ERROR_OPEN,
  ROSTRA_STORE_ERROR_NOT_A_DATABASE,
  ROSTRA_STORE_ERROR_CORRUPT,
  ROSTRA_STORE_ERROR_FUTURE_SCHEMA,
  ROSTRA_STORE_ERROR_READ_ONLY,
  ROSTRA_STORE_ERROR_BUSY,
  ROSTRA_STORE_ERROR_FULL,
  ROSTRA_STORE_ERROR_NOT_FOUND,
  ROSTRA_STORE_ERROR_INVALID, /* a value the archive cannot take (a date that is none, …) */
  ROSTRA_STORE_ERROR_EXISTS,  /* a name another speaker, or an alias of one, has */
} RostraStoreError;

GQuark rostra_store_error_quark (void);

/* The newest schema this build knows; see rostra-store-schema.c. */
#define ROSTRA_STORE_SCHEMA_VERSION 6

/**
 * RostraArticleFunc:
 * @article: an article, with its text loaded
 * @user_data: the closure
 * @error: where to put an error that stops the walk
 *
 * Returns: %FALSE to stop the walk with @error set
 */
typedef gboolean (*RostraArticleFunc) (RostraArticle *article, gpointer user_data, GError **error);

#define ROSTRA_TYPE_STORE (rostra_store_get_type ())
G_DECLARE_FINAL_TYPE (RostraStore, rostra_store, ROSTRA, STORE, GObject)

char        *rostra_store_default_path (void);
RostraStore *rostra_store_open (const char *path, GError **error);
const char  *rostra_store_get_path (RostraStore *self);
int          rostra_store_get_schema_version (RostraStore *self);

gboolean rostra_store_begin (RostraStore *self, GError **error);
gboolean rostra_store_commit (RostraStore *self, GError **error);
void     rostra_store_rollback (RostraStore *self);
void     rostra_store_checkpoint (RostraStore *self);

gint64   rostra_store_add_import (RostraStore *self,
                                  const char  *name,
                                  const char  *path,
                                  const char  *format,
                                  GError     **error);
gboolean rostra_store_finish_import (RostraStore *self,
                                     gint64       import_id,
                                     guint64      size,
                                     const char  *sha256,
                                     const char  *encoding,
                                     guint        n_new,
                                     guint        n_dup,
                                     guint        n_warn,
                                     GError     **error);
gboolean rostra_store_add_article (RostraStore *self,
                                   gint64       import_id,
                                   const char  *title,
                                   const char  *source,
                                   const char  *published,
                                   const char  *language,
                                   const char  *text,
                                   gint64      *id,
                                   GError     **error);
gboolean rostra_store_add_article_with_uuid (RostraStore *self,
                                             gint64       import_id,
                                             const char  *title,
                                             const char  *source,
                                             const char  *published,
                                             const char  *language,
                                             const char  *text,
                                             const char  *uuid,
                                             gint64      *id,
                                             GError     **error);

gboolean       rostra_store_find_article (RostraStore *self,
                                          const char  *title,
                                          const char  *published,
                                          const char  *text,
                                          gint64      *id,
                                          GError     **error);
gint64         rostra_store_count_articles (RostraStore *self, GError **error);
GListModel    *rostra_store_list_articles (RostraStore *self, GError **error);
RostraArticle *rostra_store_load_article (RostraStore *self, gint64 id, GError **error);
gboolean       rostra_store_foreach_article (RostraStore      *self,
                                             gboolean          with_text,
                                             RostraArticleFunc func,
                                             gpointer          user_data,
                                             GError          **error);

GArray    *rostra_store_query_ids (RostraStore       *self,
                                   const RostraQuery *query,
                                   GCancellable      *cancellable,
                                   GError           **error);
GArray    *rostra_store_query_range (RostraStore       *self,
                                     const RostraQuery *query,
                                     guint              offset,
                                     guint              limit,
                                     GCancellable      *cancellable,
                                     GError           **error);
GArray    *rostra_store_query_first_page (RostraStore       *self,
                                          const RostraQuery *query,
                                          guint              limit,
                                          guint              bound,
                                          GCancellable      *cancellable,
                                          gboolean          *complete,
                                          char             **fts_used,
                                          GError           **error);
gint64     rostra_store_count_query (RostraStore       *self,
                                     const RostraQuery *query,
                                     GCancellable      *cancellable,
                                     GError           **error);
GPtrArray *rostra_store_load_rows (RostraStore  *self,
                                   const gint64 *ids,
                                   guint         n_ids,
                                   const char   *fts,
                                   GCancellable *cancellable,
                                   GError      **error);
RostraArticle *
rostra_store_load_article_row (RostraStore *self, gint64 id, const char *fts, GError **error);
char **rostra_store_list_sources (RostraStore *self, GError **error);
char **rostra_store_list_languages (RostraStore *self, GError **error);
char **rostra_store_list_years (RostraStore *self, GError **error);

const char *const *rostra_annotation_colors (void);
const char        *rostra_annotation_color_label (const char *color);
gboolean
rostra_store_add_annotation (RostraStore *self, RostraAnnotation *annotation, GError **error);
gboolean
rostra_store_update_annotation (RostraStore *self, RostraAnnotation *annotation, GError **error);
gboolean rostra_store_delete_annotation (RostraStore *self, gint64 id, GError **error);
gboolean
rostra_store_restore_annotation (RostraStore *self, RostraAnnotation *annotation, GError **error);
RostraAnnotation *rostra_store_load_annotation (RostraStore *self, gint64 id, GError **error);
GListModel *rostra_store_list_annotations (RostraStore *self, gint64 article_id, GError **error);
GListModel *rostra_store_find_annotations (RostraStore *self,
                                           const char  *text,
                                           const char  *tag,
                                           const char  *color,
                                           gboolean     by_article_date,
                                           GError     **error);
GListModel *rostra_store_list_tags (RostraStore *self, GError **error);
GArray     *rostra_store_find_annotation_copies (RostraStore      *self,
                                                 RostraAnnotation *annotation,
                                                 gboolean          by_uuid,
                                                 GError          **error);
gboolean
rostra_store_rename_tag (RostraStore *self, const char *name, const char *new_name, GError **error);

GListModel *rostra_store_list_imports (RostraStore *self, GError **error);
gboolean    rostra_store_remove_import (RostraStore *self,
                                        gint64       import_id,
                                        gboolean     with_annotated,
                                        guint       *n_removed,
                                        guint       *n_kept,
                                        GError     **error);
char      **rostra_store_list_article_tags (RostraStore *self, GError **error);
gboolean    rostra_store_add_article_tags (RostraStore       *self,
                                           gint64             article_id,
                                           const char *const *tags,
                                           GError           **error);

G_END_DECLS
