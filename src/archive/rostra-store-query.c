/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-store-query.c: the article list's queries: whole, by range, counted, first pages.
 *
 * One SQL text per shape of query (search, filters, order), prepared
 * once and kept by the store; every value bound.
 */

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "rostra-article-private.h"
#include "rostra-kwic.h"
#include "rostra-query.h"
#include "rostra-store-private.h"
#include "rostra-store.h"
#include "rostra-text.h"

enum
{
  SHAPE_SEARCH = 1 << 0,
  SHAPE_SOURCE = 1 << 1,
  SHAPE_LANGUAGE = 1 << 2,
  SHAPE_YEAR = 1 << 3,
  SHAPE_ANNOTATED = 1 << 4,
  SHAPE_TAG = 1 << 5,
  SHAPE_IMPORTS = 1 << 6,
  SHAPE_RANGE = 1 << 7,   /* LIMIT :limit OFFSET :offset */
  SHAPE_BOUNDED = 1 << 8, /* the newest :limit hits, each with its bm25 score */
  SHAPE_COUNT = 1 << 9,   /* only how many */
  SHAPE_SPEAKER = 1 << 10,
  SHAPE_ONE_PER_SPEECH = 1 << 11,
  SHAPE_SORT_SHIFT = 12,
};

#define SHAPE_FILTERS                                                                         \
  (SHAPE_SOURCE | SHAPE_LANGUAGE | SHAPE_YEAR | SHAPE_ANNOTATED | SHAPE_TAG | SHAPE_IMPORTS | \
   SHAPE_SPEAKER | SHAPE_ONE_PER_SPEECH)

/* bm25, with words in the title weighing four times as much */
#define RANK_SQL "bm25 (articles_fts, 4.0, 1.0)"

static char *
query_sql (guint shape)
{
  RostraSortOrder sort = shape >> SHAPE_SORT_SHIFT;
  GString        *sql = g_string_new (NULL);

  /* Counting hits with no filter needs no row of articles. */
  if ((shape & SHAPE_COUNT) && (shape & SHAPE_SEARCH) && !(shape & SHAPE_FILTERS))
    {
      g_string_append (sql, "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH :fts");
      return g_string_free (sql, FALSE);
    }

  /* By title: the titles too, sorted in the user's locale afterwards. */
  if (shape & SHAPE_COUNT)
    g_string_append (sql, "SELECT count(*)");
  else if (shape & SHAPE_BOUNDED)
    g_string_append (sql, "SELECT a.id, " RANK_SQL);
  else
    g_string_append (sql, sort == ROSTRA_SORT_TITLE ? "SELECT a.id, a.title" : "SELECT a.id");
  if (shape & SHAPE_SEARCH)
    g_string_append (sql, " FROM articles_fts f JOIN articles a ON a.id = f.rowid"
                          " WHERE articles_fts MATCH :fts");
  else
    g_string_append (sql, " FROM articles a WHERE 1");

  if (shape & SHAPE_SOURCE)
    g_string_append (sql, " AND a.source = :source");
  if (shape & SHAPE_LANGUAGE)
    g_string_append (sql, " AND a.language = :language");
  if (shape & SHAPE_YEAR)
    g_string_append (sql, " AND a.published >= :year_start AND a.published < :year_end");
  if (shape & SHAPE_ANNOTATED)
    g_string_append (sql, " AND EXISTS (SELECT 1 FROM annotations n WHERE n.article_id = a.id)");
  if (shape & SHAPE_TAG)
    g_string_append (sql, " AND EXISTS (SELECT 1 FROM article_tags x JOIN tags t ON t.id = x.tag_id"
                          " WHERE x.article_id = a.id AND t.name = :tag)");
  if (shape & SHAPE_IMPORTS)
    g_string_append (sql, " AND a.import_id IN (SELECT value FROM json_each (:imports))");
  if (shape & SHAPE_SPEAKER)
    g_string_append (sql, ROSTRA_STORE_SPEAKER_FILTER_SQL);
  /* A version that stands for this one (one range of the primary key). */
  if (shape & SHAPE_ONE_PER_SPEECH)
    g_string_append (sql, " AND NOT EXISTS (SELECT 1 FROM version_pairs v"
                          " WHERE v.article_id = a.id AND v.folds)");

  if (shape & SHAPE_COUNT)
    ;
  else if (shape & SHAPE_BOUNDED)
    /* FTS5 walks its hits by rowid: the newest first, no ranking of the rest */
    g_string_append (sql, " ORDER BY f.rowid DESC LIMIT :limit");
  else if (sort == ROSTRA_SORT_RELEVANCE && (shape & SHAPE_SEARCH))
    g_string_append (sql, " ORDER BY " RANK_SQL ", a.id DESC");
  else if (sort == ROSTRA_SORT_OLDEST)
    g_string_append (sql, " ORDER BY a.published IS NULL, a.published, a.id");
  else if (sort == ROSTRA_SORT_TITLE)
    g_string_append (sql, " ORDER BY a.id");
  else
    g_string_append (sql, " ORDER BY a.published DESC, a.id DESC");

  /* By title the range is cut after sorting, in C. */
  if ((shape & SHAPE_RANGE) && sort != ROSTRA_SORT_TITLE)
    g_string_append (sql, " LIMIT :limit OFFSET :offset");

  return g_string_free (sql, FALSE);
}

/* Titles sort in the user's locale (SQLite only knows bytes and ASCII
 * case): by their collation keys, then by id. */
typedef struct
{
  char  *key;
  gint64 id;
} TitleKey;

static int
compare_title_keys (gconstpointer a, gconstpointer b)
{
  const TitleKey *x = a, *y = b;
  int             order = strcmp (x->key, y->key);

  return order != 0 ? order : (x->id > y->id) - (x->id < y->id);
}

static int
check_cancelled (void *data)
{
  return g_cancellable_is_cancelled (data);
}

/* The prepared statement for @query's shape plus @extra (SHAPE_RANGE,
 * …), with every value bound: whatever the user typed is searched as
 * text (see rostra_search_to_fts()) and bound, never spliced into SQL. */
static sqlite3_stmt *
bind_query (RostraStore       *self,
            const RostraQuery *query,
            guint              extra,
            const char        *fts_instead,
            GError           **error)
{
  g_autoptr (GError) local = NULL;
  g_autofree char *fts =
      fts_instead ? g_strdup (fts_instead) : rostra_store_dup_search_fts (self, query, &local);
  g_autofree char *year_start = NULL;
  g_autofree char *year_end = NULL;
  g_autofree char *imports = NULL;
  g_autofree char *speaker = query->speaker ? rostra_text_fold (query->speaker) : NULL;
  g_autofree char *sql = NULL;
  sqlite3_stmt    *stmt;
  guint            shape = extra;

  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  shape |= fts ? SHAPE_SEARCH : 0;
  shape |= query->source ? SHAPE_SOURCE : 0;
  shape |= query->language ? SHAPE_LANGUAGE : 0;
  shape |= query->year > 0 ? SHAPE_YEAR : 0;
  shape |= query->annotated_only ? SHAPE_ANNOTATED : 0;
  shape |= query->tag ? SHAPE_TAG : 0;
  shape |= query->imports ? SHAPE_IMPORTS : 0;
  shape |= query->speaker ? SHAPE_SPEAKER : 0;
  shape |= query->one_per_speech ? SHAPE_ONE_PER_SPEECH : 0;
  shape |= (guint) query->sort << SHAPE_SORT_SHIFT;

  sql = query_sql (shape);
  if (!(stmt = _rostra_store_statement (self, sql, error)))
    return NULL;

  if (query->year > 0)
    {
      year_start = g_strdup_printf ("%04d-01-01", query->year);
      year_end = g_strdup_printf ("%04d-01-01", query->year + 1);
    }
  if (query->imports != NULL)
    {
      /* A JSON array of the ids, bound as a value: `[3,4]`. */
      GString *json = g_string_new ("[");

      for (guint i = 0; i < query->imports->len; i++)
        g_string_append_printf (json, "%s%" G_GINT64_FORMAT, i ? "," : "",
                                g_array_index (query->imports, gint64, i));
      g_string_append_c (json, ']');
      imports = g_string_free (json, FALSE);
    }
  /* SQLITE_TRANSIENT: the strings are freed before the statement runs. */
  {
    const char *names[] = { ":fts",      ":source", ":language", ":year_start",
                            ":year_end", ":tag",    ":imports",  ":speaker" };
    const char *values[] = { fts,      query->source, query->language, year_start,
                             year_end, query->tag,    imports,         speaker };

    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        int index = sqlite3_bind_parameter_index (stmt, names[i]);

        if (index > 0 && values[i] != NULL)
          sqlite3_bind_text (stmt, index, values[i], -1, SQLITE_TRANSIENT);
        else if (index > 0)
          sqlite3_bind_null (stmt, index);
      }
  }
  return stmt;
}

/* Runs @stmt to its end, checking @cancellable as it goes; @row is
 * called for each row. */
typedef void (*RowFunc) (sqlite3_stmt *stmt, gpointer data);

static gboolean
run_query (RostraStore  *self,
           sqlite3_stmt *stmt,
           RowFunc       row,
           gpointer      data,
           GCancellable *cancellable,
           GError      **error)
{
  int rc;

  if (cancellable)
    sqlite3_progress_handler (_rostra_store_get_db (self), 1000, check_cancelled, cancellable);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    row (stmt, data);
  sqlite3_progress_handler (_rostra_store_get_db (self), 0, NULL, NULL);
  _rostra_store_reset (stmt);

  /* Interrupted: by the progress handler or by sqlite3_interrupt(). */
  if ((rc == SQLITE_INTERRUPT || g_cancellable_is_cancelled (cancellable)) &&
      g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (rc != SQLITE_DONE)
    return _rostra_store_set_error (self, rc, error);
  return TRUE;
}

typedef struct
{
  GArray *ids;    /* gint64 */
  GArray *titles; /* TitleKey, when sorting by title */
} IdsRows;

static void
append_id_row (sqlite3_stmt *stmt, gpointer data)
{
  IdsRows *rows = data;
  gint64   id = sqlite3_column_int64 (stmt, 0);

  if (rows->titles != NULL)
    {
      TitleKey t = { g_utf8_collate_key ((const char *) sqlite3_column_text (stmt, 1), -1), id };

      g_array_append_val (rows->titles, t);
    }
  else
    g_array_append_val (rows->ids, id);
}

static void
clear_title_key (gpointer data)
{
  g_free (((TitleKey *) data)->key);
}

/**
 * rostra_store_query_range:
 * @query: the search, filters and order
 * @offset: how many of the first ids to skip
 * @limit: the most ids to return; 0 for all
 * @cancellable: (nullable): stops a long search
 *
 * The ids of the articles @query shows, in its order, from @offset on.
 * Ranking by relevance ranks every hit (see
 * rostra_store_query_first_page() for a first page that does not).
 *
 * Returns: (transfer full) (element-type gint64): the ids, or %NULL with @error set
 */
GArray *
rostra_store_query_range (RostraStore       *self,
                          const RostraQuery *query,
                          guint              offset,
                          guint              limit,
                          GCancellable      *cancellable,
                          GError           **error)
{
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray) titles = NULL;
  gboolean      ranged = offset > 0 || limit > 0;
  IdsRows       rows;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ROSTRA_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  if (!(stmt = bind_query (self, query, ranged ? SHAPE_RANGE : 0, NULL, error)))
    return NULL;
  if (ranged && query->sort != ROSTRA_SORT_TITLE)
    {
      sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":limit"),
                          limit > 0 ? (gint64) limit : -1);
      sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":offset"), offset);
    }

  if (query->sort == ROSTRA_SORT_TITLE)
    {
      titles = g_array_new (FALSE, FALSE, sizeof (TitleKey));
      g_array_set_clear_func (titles, clear_title_key);
    }
  rows.ids = ids;
  rows.titles = titles;
  if (!run_query (self, stmt, append_id_row, &rows, cancellable, error))
    return NULL;

  if (titles != NULL)
    {
      guint end = limit > 0 ? MIN (titles->len, offset + limit) : titles->len;

      g_array_sort (titles, compare_title_keys);
      for (guint i = offset; i < end; i++)
        g_array_append_val (ids, g_array_index (titles, TitleKey, i).id);
    }
  return g_steal_pointer (&ids);
}

/**
 * rostra_store_query_ids:
 * @query: the search, filters and order
 * @cancellable: (nullable): stops a long search
 *
 * All the ids of the articles @query shows, in its order.
 *
 * Returns: (transfer full) (element-type gint64): the ids, or %NULL with @error set
 */
GArray *
rostra_store_query_ids (RostraStore       *self,
                        const RostraQuery *query,
                        GCancellable      *cancellable,
                        GError           **error)
{
  return rostra_store_query_range (self, query, 0, 0, cancellable, error);
}

static void
read_count (sqlite3_stmt *stmt, gpointer data)
{
  *(gint64 *) data = sqlite3_column_int64 (stmt, 0);
}

/**
 * rostra_store_count_query:
 * @query: the search and filters (the order does not matter)
 * @cancellable: (nullable): stops a long count
 *
 * Counts the articles @query shows, without ranking or sorting them.
 *
 * Returns: the count, or -1 with @error set
 */
gint64
rostra_store_count_query (RostraStore       *self,
                          const RostraQuery *query,
                          GCancellable      *cancellable,
                          GError           **error)
{
  sqlite3_stmt *stmt;
  gint64        count = 0;

  g_return_val_if_fail (ROSTRA_IS_STORE (self), -1);
  g_return_val_if_fail (query != NULL, -1);

  if (!(stmt = bind_query (self, query, SHAPE_COUNT, NULL, error)) ||
      !run_query (self, stmt, read_count, &count, cancellable, error))
    return -1;
  return count;
}

typedef struct
{
  gint64 id;
  double score;
} Scored;

static void
append_scored (sqlite3_stmt *stmt, gpointer data)
{
  Scored s = { sqlite3_column_int64 (stmt, 0), sqlite3_column_double (stmt, 1) };

  g_array_append_val ((GArray *) data, s);
}

/* As `ORDER BY bm25 (…), a.id DESC`: best (lowest) score first. */
static int
compare_scored (gconstpointer a, gconstpointer b)
{
  const Scored *x = a, *y = b;

  if (x->score != y->score)
    return x->score < y->score ? -1 : 1;
  return (x->id < y->id) - (x->id > y->id);
}

/* The newest @bound hits of @query (searched for @fts when given), each
 * with its score, best first. */
static GArray *
rank_newest (RostraStore       *self,
             const RostraQuery *query,
             const char        *fts,
             guint              bound,
             GCancellable      *cancellable,
             GError           **error)
{
  g_autoptr (GArray) scored = g_array_new (FALSE, FALSE, sizeof (Scored));
  sqlite3_stmt *stmt = bind_query (self, query, SHAPE_BOUNDED, fts, error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":limit"), bound);
  if (!run_query (self, stmt, append_scored, scored, cancellable, error))
    return NULL;
  g_array_sort (scored, compare_scored);
  return g_steal_pointer (&scored);
}

/**
 * rostra_store_query_first_page:
 * @query: the search, filters and order
 * @limit: the size of a page
 * @bound: when ranking by relevance, how many hits at most to rank
 * @cancellable: (nullable): stops a long search
 * @complete: (out): whether the ids are all of @query's, in its order
 * @fts_used: (out) (optional) (nullable): the FTS5 query that found the
 *   ids when it is not @query's own, %NULL otherwise
 *
 * A first page to show at once, at a cost that does not grow with the
 * archive where it can. A search by relevance ranks only the newest
 * @bound hits (FTS5 walks them in rowid order without ranking the
 * others): when there are fewer, they are all the hits, ranked exactly
 * and @complete is set; otherwise the result is the best @limit of
 * those @bound, an approximation of the first page that
 * rostra_store_query_ids() later replaces. When the last word is a
 * prefix, the word itself is searched first (FTS5 merges the doclists of
 * every word a prefix starts before its first hit): when it has @bound
 * hits or more, its newest @bound are the ones ranked, and @fts_used is
 * set to the FTS5 query of the word, for the page's snippets. Without a search, the
 * newest or oldest @limit come from the index on dates. Other orders
 * (by title, or a search by date) sort every hit: they return them all,
 * @complete.
 *
 * Returns: (transfer full) (element-type gint64): the ids, or %NULL with @error set
 */
GArray *
rostra_store_query_first_page (RostraStore       *self,
                               const RostraQuery *query,
                               guint              limit,
                               guint              bound,
                               GCancellable      *cancellable,
                               gboolean          *complete,
                               char             **fts_used,
                               GError           **error)
{
  g_autofree char *fts = NULL;
  GArray          *ids;

  g_return_val_if_fail (ROSTRA_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL && limit > 0 && complete != NULL, NULL);

  {
    g_autoptr (GError) local = NULL;

    fts = rostra_store_dup_search_fts (self, query, &local);
    if (local != NULL)
      {
        g_propagate_error (error, g_steal_pointer (&local));
        return NULL;
      }
  }
  *complete = FALSE;
  if (fts_used != NULL)
    *fts_used = NULL;
  if (fts != NULL && query->sort == ROSTRA_SORT_RELEVANCE)
    {
      g_autoptr (GArray) scored = NULL;

      /* A prefix merges the doclists of every word it starts before the
       * first hit comes: a word with more hits than the bound is ranked
       * on its own hits. Otherwise the prefix is likely cheap too, and
       * may give every hit: it is ranked. */
      if (g_str_has_suffix (fts, "*"))
        {
          g_autofree char *word = g_strndup (fts, strlen (fts) - 1);

          if (!(scored = rank_newest (self, query, word, MAX (bound, limit), cancellable, error)))
            return NULL;
          if (scored->len < MAX (bound, limit))
            g_clear_pointer (&scored, g_array_unref);
          else if (fts_used != NULL)
            *fts_used = g_steal_pointer (&word);
        }
      if (scored == NULL)
        {
          if (!(scored = rank_newest (self, query, NULL, MAX (bound, limit), cancellable, error)))
            return NULL;
          *complete = scored->len < MAX (bound, limit);
        }

      ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), scored->len);
      for (guint i = 0; i < scored->len && (*complete || i < limit); i++)
        g_array_append_val (ids, g_array_index (scored, Scored, i).id);
      return ids;
    }

  if (fts == NULL && query->sort != ROSTRA_SORT_TITLE)
    {
      ids = rostra_store_query_range (self, query, 0, limit, cancellable, error);
      if (ids != NULL)
        *complete = ids->len < limit;
      return ids;
    }

  *complete = TRUE;
  return rostra_store_query_ids (self, query, cancellable, error);
}

/* Snippets for all of @rows at once: one pass over the query's hits
 * (a prefix's doclists are merged once, not once a row). */
static gboolean
add_snippets (RostraStore *self, GPtrArray *rows, const char *fts, GError **error)
{
  g_autoptr (GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr (GString) json = g_string_new ("[");
  sqlite3_stmt *stmt;
  int           rc;

  for (guint i = 0; i < rows->len; i++)
    {
      RostraArticle *article = g_ptr_array_index (rows, i);
      gint64        *id = g_new (gint64, 1);

      *id = rostra_article_get_id (article);
      g_hash_table_insert (by_id, id, article);
      g_string_append_printf (json, "%s%" G_GINT64_FORMAT, i ? "," : "", *id);
    }
  g_string_append_c (json, ']');

  /* `+rowid`: a filter on the hits, not a rowid to look up a hit at a time */
  stmt = _rostra_store_statement (self,
                                  "SELECT rowid, " ROSTRA_STORE_SNIPPET_SQL " FROM articles_fts"
                                  " WHERE articles_fts MATCH ?1"
                                  " AND +rowid IN (SELECT value FROM json_each (?2))",
                                  error);
  if (stmt == NULL)
    {
      g_hash_table_foreach (by_id, (GHFunc) (void (*) (void)) g_free, NULL);
      return FALSE;
    }
  sqlite3_bind_text (stmt, 1, fts, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, json->str, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64         id = sqlite3_column_int64 (stmt, 0);
      RostraArticle *article = g_hash_table_lookup (by_id, &id);

      if (article != NULL)
        _rostra_article_set_snippet (article,
                                     g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }
  _rostra_store_reset (stmt);
  g_hash_table_foreach (by_id, (GHFunc) (void (*) (void)) g_free, NULL);
  if (rc != SQLITE_DONE)
    return _rostra_store_set_error (self, rc, error);
  return TRUE;
}

/**
 * rostra_store_load_rows:
 * @ids: (array length=n_ids): articles' ids
 * @fts: (nullable): the FTS5 query that found them, for snippets
 * @cancellable: (nullable): stops before the next row
 *
 * Reads the rows of a page of the list: what
 * rostra_store_load_article_row() reads, the snippets found in one
 * pass. An article deleted since its id was found still gets a row,
 * empty, so that the page keeps its length.
 *
 * Returns: (transfer full) (element-type RostraArticle): one article per id,
 *   or %NULL with @error set
 */
GPtrArray *
rostra_store_load_rows (RostraStore  *self,
                        const gint64 *ids,
                        guint         n_ids,
                        const char   *fts,
                        GCancellable *cancellable,
                        GError      **error)
{
  g_autoptr (GPtrArray) rows = g_ptr_array_new_full (n_ids, g_object_unref);

  g_return_val_if_fail (ROSTRA_IS_STORE (self), NULL);

  for (guint i = 0; i < n_ids; i++)
    {
      g_autoptr (GError) local = NULL;
      RostraArticle *article;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      article = rostra_store_load_article_row (self, ids[i], NULL, &local);
      if (article == NULL &&
          !g_error_matches (local, ROSTRA_STORE_ERROR, ROSTRA_STORE_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return NULL;
        }
      if (article == NULL) /* deleted since the query ran: a row must still be there */
        article = _rostra_article_new (ids[i], g_strdup (""), NULL, NULL, NULL, NULL, NULL, 0, 0);
      g_ptr_array_add (rows, article);
    }

  if (fts != NULL && n_ids > 0 && !add_snippets (self, rows, fts, error))
    return NULL;
  return g_steal_pointer (&rows);
}
