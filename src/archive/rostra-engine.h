/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-engine.h: the archive's query engine: queries on workers, answers on the caller's thread.
 */
#pragma once

#include <gio/gio.h>

#include "rostra-exporter.h"
#include "rostra-importer.h"
#include "rostra-query.h"
#include "rostra-store.h"

G_BEGIN_DECLS

/* What a first page holds, and how many hits a search ranks for it at
 * most (see rostra_store_query_first_page()). */
#define ROSTRA_ENGINE_PAGE_SIZE   50
#define ROSTRA_ENGINE_FIRST_BOUND 2000

/**
 * RostraEnginePage:
 * @ids: (element-type gint64): the ids of the query's first articles;
 *   all of them, in the query's order, when @complete
 * @rows: (element-type RostraArticle): the rows of the first ids (at
 *   most the page size), with snippets when searching
 * @complete: whether @ids are all of the query's, in its exact order
 * @fts: (nullable): the FTS5 query of the search (its words' forms
 *   included, see rostra_store_dup_search_fts()), for the snippets of
 *   the rows of later pages
 */
typedef struct
{
  GArray    *ids;
  GPtrArray *rows;
  gboolean   complete;
  char      *fts;
} RostraEnginePage;

void rostra_engine_page_free (RostraEnginePage *page);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RostraEnginePage, rostra_engine_page_free)

/**
 * RostraEngineProgressFunc:
 * @done: how much of the job is done (bytes read, pages copied…)
 * @total: of how much; 0 when not known
 *
 * Called on the caller's main context while a job runs.
 */
typedef void (*RostraEngineProgressFunc) (guint64 done, guint64 total, gpointer user_data);

#define ROSTRA_TYPE_ENGINE (rostra_engine_get_type ())
G_DECLARE_FINAL_TYPE (RostraEngine, rostra_engine, ROSTRA, ENGINE, GObject)

RostraEngine *rostra_engine_new (RostraStore *store);
RostraEngine *rostra_engine_get_for_store (RostraStore *store);
RostraEngine *rostra_engine_get_for_path (const char *path);
RostraStore  *rostra_engine_get_store (RostraEngine *self);
gboolean      rostra_engine_get_busy (RostraEngine *self);

void rostra_engine_first_page_async (RostraEngine       *self,
                                     const RostraQuery  *query,
                                     GCancellable       *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer            user_data);
RostraEnginePage *
rostra_engine_first_page_finish (RostraEngine *self, GAsyncResult *result, GError **error);

void   rostra_engine_count_async (RostraEngine       *self,
                                  const RostraQuery  *query,
                                  GCancellable       *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer            user_data);
gint64 rostra_engine_count_finish (RostraEngine *self, GAsyncResult *result, GError **error);

void    rostra_engine_query_ids_async (RostraEngine       *self,
                                       const RostraQuery  *query,
                                       GCancellable       *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer            user_data);
GArray *rostra_engine_query_ids_finish (RostraEngine *self, GAsyncResult *result, GError **error);

void rostra_engine_load_rows_async (RostraEngine       *self,
                                    const gint64       *ids,
                                    guint               n_ids,
                                    const char         *fts,
                                    GCancellable       *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer            user_data);
GPtrArray *
rostra_engine_load_rows_finish (RostraEngine *self, GAsyncResult *result, GError **error);

void rostra_engine_load_article_async (RostraEngine       *self,
                                       gint64              id,
                                       GCancellable       *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer            user_data);
RostraArticle *
rostra_engine_load_article_finish (RostraEngine *self, GAsyncResult *result, GError **error);

/* The long jobs the window starts (rostra-engine-jobs.c) */

void     rostra_engine_remove_import_async (RostraEngine       *self,
                                            gint64              import_id,
                                            gboolean            with_annotated,
                                            GAsyncReadyCallback callback,
                                            gpointer            user_data);
gboolean rostra_engine_remove_import_finish (RostraEngine *self,
                                             GAsyncResult *result,
                                             guint        *n_removed,
                                             guint        *n_kept,
                                             GError      **error);

void     rostra_engine_check_async (RostraEngine       *self,
                                    GCancellable       *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer            user_data);
gboolean rostra_engine_check_finish (RostraEngine *self, GAsyncResult *result, GError **error);

/**
 * RostraExportJob:
 * @format: the format
 * @kind: what to export
 * @article_id: the article, for %ROSTRA_EXPORT_SCOPE_ARTICLE
 * @tag: (nullable): the tag, for %ROSTRA_EXPORT_SCOPE_TAG
 * @ids: (nullable) (element-type gint64): the articles, for
 *   %ROSTRA_EXPORT_SCOPE_ARTICLES; found from @query when %NULL
 * @query: (nullable): the search that shows the articles
 * @file: (nullable): where to export; %NULL only counts
 * @n_annotations: set by the job: annotations exported (or to export)
 * @n_articles: set by the job when counting: articles to export
 *
 * An export, or its count, for rostra_engine_export_async(). Reference
 * counted: the caller reads the results from its own reference once
 * the job is done.
 */
typedef struct
{
  RostraExportFormat    format;
  RostraExportScopeKind kind;
  gint64                article_id;
  char                 *tag;
  GArray               *ids;
  RostraQuery          *query;
  GFile                *file;
  guint                 n_annotations;
  guint                 n_articles;
} RostraExportJob;

RostraExportJob *rostra_export_job_new (void);
RostraExportJob *rostra_export_job_ref (RostraExportJob *job);
void             rostra_export_job_unref (RostraExportJob *job);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RostraExportJob, rostra_export_job_unref)

void     rostra_engine_export_async (RostraEngine       *self,
                                     RostraExportJob    *job,
                                     GCancellable       *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer            user_data);
gboolean rostra_engine_export_finish (RostraEngine *self, GAsyncResult *result, GError **error);

/**
 * RostraImportFilesResult:
 * @n_new: speeches added, from all files
 * @n_duplicates: speeches already in the archive
 * @failures: (element-type utf8): one "NAME: reason" per file that
 *   could not be imported (that file changed nothing)
 */
typedef struct
{
  guint      n_new;
  guint      n_duplicates;
  GPtrArray *failures;
} RostraImportFilesResult;

void rostra_import_files_result_free (RostraImportFilesResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RostraImportFilesResult, rostra_import_files_result_free)

void rostra_engine_import_files_async (RostraEngine       *self,
                                       GPtrArray          *files,
                                       GPtrArray          *names,
                                       GCancellable       *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer            user_data);
RostraImportFilesResult *
rostra_engine_import_files_finish (RostraEngine *self, GAsyncResult *result, GError **error);

/**
 * RostraBackupJobKind:
 * @ROSTRA_BACKUP_JOB_BACK_UP: copy the archive to @file
 * @ROSTRA_BACKUP_JOB_MERGE: add what the backup @file holds
 * @ROSTRA_BACKUP_JOB_REPLACE: replace the archive with @file, the old
 *   one kept aside
 */
typedef enum
{
  ROSTRA_BACKUP_JOB_BACK_UP,
  ROSTRA_BACKUP_JOB_MERGE,
  ROSTRA_BACKUP_JOB_REPLACE,
} RostraBackupJobKind;

/**
 * RostraBackupJob:
 * @kind: what to do
 * @file: the backup
 * @when: (nullable): the time in the kept file's name, for a replace
 * @report: set by a merge: what it added
 * @kept: set by a replace: where the previous archive is kept
 *
 * A backup or a restore, for rostra_engine_backup_async(). Reference
 * counted, as #RostraExportJob.
 */
typedef struct
{
  RostraBackupJobKind kind;
  GFile              *file;
  GDateTime          *when;
  RostraImportReport *report;
  GFile              *kept;
} RostraBackupJob;

RostraBackupJob *rostra_backup_job_new (RostraBackupJobKind kind, GFile *file);
RostraBackupJob *rostra_backup_job_ref (RostraBackupJob *job);
void             rostra_backup_job_unref (RostraBackupJob *job);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RostraBackupJob, rostra_backup_job_unref)

void     rostra_engine_backup_async (RostraEngine            *self,
                                     RostraBackupJob         *job,
                                     RostraEngineProgressFunc progress,
                                     gpointer                 progress_data,
                                     GCancellable            *cancellable,
                                     GAsyncReadyCallback      callback,
                                     gpointer                 user_data);
gboolean rostra_engine_backup_finish (RostraEngine *self, GAsyncResult *result, GError **error);

void rostra_engine_list_tag_names_async (RostraEngine       *self,
                                         GCancellable       *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer            user_data);
char **
rostra_engine_list_tag_names_finish (RostraEngine *self, GAsyncResult *result, GError **error);

/**
 * RostraFilterLists:
 * @sources: the sources, the most frequent first
 * @languages: the languages, the most frequent first
 * @years: the years, the latest first
 * @tags: the tags given to articles
 *
 * What the library's filters offer.
 */
typedef struct
{
  char **sources;
  char **languages;
  char **years;
  char **tags;
  char **speakers; /* the most speeches first */
} RostraFilterLists;

void rostra_filter_lists_free (RostraFilterLists *lists);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RostraFilterLists, rostra_filter_lists_free)

void rostra_engine_list_filters_async (RostraEngine       *self,
                                       GCancellable       *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer            user_data);
RostraFilterLists *
rostra_engine_list_filters_finish (RostraEngine *self, GAsyncResult *result, GError **error);

void     rostra_engine_preview_file_async (RostraEngine            *self,
                                           GFile                   *file,
                                           guint                    max_entries,
                                           RostraEngineProgressFunc progress,
                                           gpointer                 progress_data,
                                           GCancellable            *cancellable,
                                           GAsyncReadyCallback      callback,
                                           gpointer                 user_data);
gboolean rostra_engine_preview_file_finish (RostraEngine        *self,
                                            GAsyncResult        *result,
                                            RostraImportReport **report,
                                            GError             **error);

void         rostra_store_open_async (const char         *path,
                                      GCancellable       *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer            user_data);
RostraStore *rostra_store_open_finish (GAsyncResult *result, GError **error);

G_END_DECLS
