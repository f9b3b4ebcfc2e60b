/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-engine-kwic.c: the concordance's jobs on the archive's engine.
 *
 * What a Concordance page calls (see docs/ARCHITECTURE.md, "The
 * concordance"): rostra_engine_kwic_async() twice for a query, once for
 * its first page (by date it stops after the page's lines) and once for
 * all its occurrences with the counts; rostra_engine_kwic_lines_async()
 * for the lines of the page scrolled to; rostra_engine_kwic_code_async()
 * to highlight chosen occurrences in one transaction, and
 * rostra_engine_delete_annotations_async() with the ids it gave to undo
 * that; rostra_engine_kwic_export_async() for the CSV file. Reads run
 * on the engine's readers, writes on its writer.
 */

#include "config.h"

#include "rostra-engine-kwic.h"
#include "rostra-engine-private.h"
#include "rostra-store-private.h"

/* Finding occurrences */

typedef struct
{
  RostraKwicQuery *query;
  guint            n_lines;
  gboolean         all;
} Kwic;

static void
kwic_free (Kwic *kwic)
{
  rostra_kwic_query_free (kwic->query);
  g_free (kwic);
}

static gboolean
kwic_job (RostraEngineJob *job,
          RostraStore     *store,
          gpointer         data,
          GCancellable    *cancellable,
          gpointer        *result,
          GError         **error)
{
  Kwic *kwic = data;

  *result = rostra_store_kwic (store, kwic->query, kwic->n_lines, kwic->all, cancellable, error);
  return *result != NULL;
}

/**
 * rostra_engine_kwic_async:
 * @query: what to find, the filters and the order
 * @n_lines: how many lines of the first occurrences to read
 * @all: find every occurrence (and count them); otherwise a first page
 * @cancellable: (nullable): stops the search (a stale answer never comes)
 *
 * Finds @query's occurrences on a reader (see rostra_store_kwic()). By
 * date and without @all, the search stops once @n_lines occurrences are
 * found: the first page, at a cost that does not grow with the archive
 * for a frequent word. Other orders find every occurrence before the
 * first line.
 */
void
rostra_engine_kwic_async (RostraEngine          *self,
                          const RostraKwicQuery *query,
                          guint                  n_lines,
                          gboolean               all,
                          GCancellable          *cancellable,
                          GAsyncReadyCallback    callback,
                          gpointer               user_data)
{
  Kwic *kwic;

  g_return_if_fail (ROSTRA_IS_ENGINE (self));
  g_return_if_fail (query != NULL);

  kwic = g_new0 (Kwic, 1);
  kwic->query = rostra_kwic_query_copy (query);
  kwic->n_lines = n_lines;
  kwic->all = all;
  _rostra_engine_run_async (self, ROSTRA_ENGINE_READ, kwic_job, kwic, (GDestroyNotify) kwic_free,
                            (GDestroyNotify) rostra_kwic_result_free, NULL, NULL, cancellable,
                            rostra_engine_kwic_async, callback, user_data);
}

/**
 * rostra_engine_kwic_finish:
 *
 * Returns: (transfer full): what was found, or %NULL with @error set
 */
RostraKwicResult *
rostra_engine_kwic_finish (RostraEngine *self, GAsyncResult *result, GError **error)
{
  return _rostra_engine_run_finish (self, result, rostra_engine_kwic_async, error);
}

/* Lines */

typedef struct
{
  GArray *hits;
  guint   context;
} Lines;

static void
lines_free (Lines *lines)
{
  g_array_unref (lines->hits);
  g_free (lines);
}

static GArray *
copy_hits (const RostraKwicHit *hits, guint n_hits)
{
  GArray *copy = g_array_sized_new (FALSE, FALSE, sizeof (RostraKwicHit), n_hits);

  g_array_append_vals (copy, hits, n_hits);
  return copy;
}

static gboolean
lines_job (RostraEngineJob *job,
           RostraStore     *store,
           gpointer         data,
           GCancellable    *cancellable,
           gpointer        *result,
           GError         **error)
{
  Lines *lines = data;

  *result = rostra_store_kwic_lines (store, (const RostraKwicHit *) (gpointer) lines->hits->data,
                                     lines->hits->len, lines->context, cancellable, error);
  return *result != NULL;
}

/**
 * rostra_engine_kwic_lines_async:
 * @hits: (array length=n_hits): occurrences, a page of a result's hits
 * @context: characters of context on each side
 *
 * Reads the lines of a page of occurrences on a reader (see
 * rostra_store_kwic_lines()).
 */
void
rostra_engine_kwic_lines_async (RostraEngine        *self,
                                const RostraKwicHit *hits,
                                guint                n_hits,
                                guint                context,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  Lines *lines;

  g_return_if_fail (ROSTRA_IS_ENGINE (self));
  g_return_if_fail (hits != NULL || n_hits == 0);

  lines = g_new0 (Lines, 1);
  lines->hits = copy_hits (hits, n_hits);
  lines->context = context;
  _rostra_engine_run_async (self, ROSTRA_ENGINE_READ, lines_job, lines, (GDestroyNotify) lines_free,
                            (GDestroyNotify) g_ptr_array_unref, NULL, NULL, cancellable,
                            rostra_engine_kwic_lines_async, callback, user_data);
}

/**
 * rostra_engine_kwic_lines_finish:
 *
 * Returns: (transfer full) (element-type RostraKwicLine): one line per
 *   hit, or %NULL with @error set
 */
GPtrArray *
rostra_engine_kwic_lines_finish (RostraEngine *self, GAsyncResult *result, GError **error)
{
  return _rostra_engine_run_finish (self, result, rostra_engine_kwic_lines_async, error);
}

/* Coding, and its undo */

typedef struct
{
  GArray        *hits;
  RostraKwicSpan span;
  char          *color;
  char         **tags;
  char          *note;
} Code;

static void
code_free (Code *code)
{
  g_array_unref (code->hits);
  g_free (code->color);
  g_strfreev (code->tags);
  g_free (code->note);
  g_free (code);
}

static gboolean
code_job (RostraEngineJob *job,
          RostraStore     *store,
          gpointer         data,
          GCancellable    *cancellable,
          gpointer        *result,
          GError         **error)
{
  Code *code = data;

  *result = rostra_store_kwic_code (store, (const RostraKwicHit *) (gpointer) code->hits->data,
                                    code->hits->len, code->span, code->color,
                                    (const char *const *) code->tags, code->note, error);
  return *result != NULL;
}

/**
 * rostra_engine_kwic_code_async:
 * @hits: (array length=n_hits): the occurrences to code
 * @span: the match, or its sentence
 * @color: (nullable): the highlights' colour (yellow when %NULL)
 * @tags: (array zero-terminated=1) (nullable): tags for each
 * @note: (nullable): a note for each
 *
 * Highlights the occurrences on the writer, in one transaction (see
 * rostra_store_kwic_code()): once the callback says so, they are on
 * disk. Not cancellable: the transaction is whole.
 */
void
rostra_engine_kwic_code_async (RostraEngine        *self,
                               const RostraKwicHit *hits,
                               guint                n_hits,
                               RostraKwicSpan       span,
                               const char          *color,
                               const char *const   *tags,
                               const char          *note,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  Code *code;

  g_return_if_fail (ROSTRA_IS_ENGINE (self));
  g_return_if_fail (hits != NULL || n_hits == 0);

  code = g_new0 (Code, 1);
  code->hits = copy_hits (hits, n_hits);
  code->span = span;
  code->color = g_strdup (color);
  code->tags = g_strdupv ((char **) tags);
  code->note = g_strdup (note);
  _rostra_engine_run_async (self, ROSTRA_ENGINE_WRITE, code_job, code, (GDestroyNotify) code_free,
                            (GDestroyNotify) g_array_unref, NULL, NULL, NULL,
                            rostra_engine_kwic_code_async, callback, user_data);
}

/**
 * rostra_engine_kwic_code_finish:
 *
 * Returns: (transfer full) (element-type gint64): the new annotations'
 *   ids, to undo with rostra_engine_delete_annotations_async(); %NULL
 *   with @error set (nothing was saved)
 */
GArray *
rostra_engine_kwic_code_finish (RostraEngine *self, GAsyncResult *result, GError **error)
{
  return _rostra_engine_run_finish (self, result, rostra_engine_kwic_code_async, error);
}

static gboolean
delete_job (RostraEngineJob *job,
            RostraStore     *store,
            gpointer         data,
            GCancellable    *cancellable,
            gpointer        *result,
            GError         **error)
{
  GArray *ids = data;

  if (!rostra_store_delete_annotations (store, (const gint64 *) (gpointer) ids->data, ids->len,
                                        error))
    return FALSE;
  *result = GINT_TO_POINTER (TRUE);
  return TRUE;
}

/**
 * rostra_engine_delete_annotations_async:
 * @ids: (array length=n_ids): annotations' ids
 *
 * Deletes the annotations on the writer in one transaction: the undo of
 * rostra_engine_kwic_code_async().
 */
void
rostra_engine_delete_annotations_async (RostraEngine       *self,
                                        const gint64       *ids,
                                        guint               n_ids,
                                        GAsyncReadyCallback callback,
                                        gpointer            user_data)
{
  GArray *copy;

  g_return_if_fail (ROSTRA_IS_ENGINE (self));
  g_return_if_fail (ids != NULL || n_ids == 0);

  copy = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_ids);
  g_array_append_vals (copy, ids, n_ids);
  _rostra_engine_run_async (self, ROSTRA_ENGINE_WRITE, delete_job, copy,
                            (GDestroyNotify) g_array_unref, NULL, NULL, NULL, NULL,
                            rostra_engine_delete_annotations_async, callback, user_data);
}

/**
 * rostra_engine_delete_annotations_finish:
 *
 * Returns: %TRUE, or %FALSE with @error set (nothing was deleted)
 */
gboolean
rostra_engine_delete_annotations_finish (RostraEngine *self, GAsyncResult *result, GError **error)
{
  return _rostra_engine_run_finish (self, result, rostra_engine_delete_annotations_async, error) !=
         NULL;
}

/* Exporting */

typedef struct
{
  RostraKwicQuery *query;
  GFile           *file;
  guint            n_lines;
} Export;

static void
export_free (Export *export)
{
  rostra_kwic_query_free (export->query);
  g_object_unref (export->file);
  g_free (export);
}

static gboolean
export_job (RostraEngineJob *job,
            RostraStore     *store,
            gpointer         data,
            GCancellable    *cancellable,
            gpointer        *result,
            GError         **error)
{
  Export *export = data;
  g_autoptr (GFileOutputStream) out = NULL;

  if (!(out = g_file_replace (export->file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                              cancellable, error)))
    return FALSE;
  if (!rostra_store_kwic_write_csv (store, export->query, G_OUTPUT_STREAM (out), &export->n_lines,
                                    cancellable, error))
    {
      /* Cancelled: the file is left as it was */
      g_autoptr (GCancellable) abandon = g_cancellable_new ();

      g_cancellable_cancel (abandon);
      g_output_stream_close (G_OUTPUT_STREAM (out), abandon, NULL);
      return FALSE;
    }
  if (!g_output_stream_close (G_OUTPUT_STREAM (out), cancellable, error))
    return FALSE;
  *result = g_memdup2 (&export->n_lines, sizeof export->n_lines);
  return TRUE;
}

/**
 * rostra_engine_kwic_export_async:
 * @query: what to find, the filters and the order
 * @file: the CSV file to write; replaced only once it is complete
 *
 * Writes every line of @query's concordance as CSV (see
 * rostra_store_kwic_write_csv()), on a reader.
 */
void
rostra_engine_kwic_export_async (RostraEngine          *self,
                                 const RostraKwicQuery *query,
                                 GFile                 *file,
                                 GCancellable          *cancellable,
                                 GAsyncReadyCallback    callback,
                                 gpointer               user_data)
{
  Export *export;

  g_return_if_fail (ROSTRA_IS_ENGINE (self));
  g_return_if_fail (query != NULL && G_IS_FILE (file));

  export = g_new0 (Export, 1);
  export->query = rostra_kwic_query_copy (query);
  export->file = g_object_ref (file);
  _rostra_engine_run_async (self, ROSTRA_ENGINE_READ, export_job, export,
                            (GDestroyNotify) export_free, g_free, NULL, NULL, cancellable,
                            rostra_engine_kwic_export_async, callback, user_data);
}

/**
 * rostra_engine_kwic_export_finish:
 * @n_lines: (out) (optional): how many lines were written
 *
 * Returns: %TRUE, or %FALSE with @error set (the file was not replaced)
 */
gboolean
rostra_engine_kwic_export_finish (RostraEngine *self,
                                  GAsyncResult *result,
                                  guint        *n_lines,
                                  GError      **error)
{
  g_autofree guint *written =
      _rostra_engine_run_finish (self, result, rostra_engine_kwic_export_async, error);

  if (written == NULL)
    return FALSE;
  if (n_lines != NULL)
    *n_lines = *written;
  return TRUE;
}
