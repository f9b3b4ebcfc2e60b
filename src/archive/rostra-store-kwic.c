/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-store-kwic.c: the concordance in the archive: finding occurrences, their lines, coding
 * them.
 *
 * FTS5 finds the speeches that may hold an occurrence (in their texts,
 * with the filters, newest first); each text is then read and its
 * occurrences found exactly (see rostra-kwic.c). Word forms become the
 * index's own words: the vocabulary (an fts5vocab table of the
 * connection's temp schema) is walked under the forms' prefixes, and
 * every word whose stem is the query word's joins the FTS5 query as
 * another choice. One SQL text per shape of query, prepared once and
 * kept by the store; every value bound.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>

#include "rostra-anchor.h"
#include "rostra-kwic-private.h"
#include "rostra-kwic.h"
#include "rostra-store-private.h"
#include "rostra-text.h"

enum
{
  SHAPE_SOURCE = 1 << 0,
  SHAPE_LANGUAGE = 1 << 1,
  SHAPE_SINCE = 1 << 2,
  SHAPE_UNTIL = 1 << 3,
  SHAPE_TAG = 1 << 4,
  SHAPE_OLDEST = 1 << 5,
  SHAPE_SPEAKER = 1 << 9,
  SHAPE_WALK_DATES = 1 << 6, /* newest first, by the index on dates */
  SHAPE_WALK_LIST = 1 << 7,  /* …checking a list of the candidates made once */
};

/* A first page by date walks the index on dates, asking the full-text
 * index about each speech, when the query has more candidates than
 * this: the first page then comes after about (lines / share of
 * speeches with the word) questions, whatever the archive's size. With
 * fewer, the candidates are found and sorted by date: a rare word does
 * not walk the archive. A query with a prefix is not asked about each
 * speech (FTS5 would merge the doclists of the prefix's words for each
 * question): the walk checks a list of its candidates, made once. */
#define WALK_DATES_FROM 5000

static char *
candidates_sql (guint shape)
{
  GString *sql = g_string_new (NULL);

  if (shape & SHAPE_WALK_LIST)
    g_string_append (sql,
                     "SELECT a.id FROM articles a INDEXED BY articles_by_published WHERE"
                     " a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH :fts)");
  else if (shape & SHAPE_WALK_DATES)
    g_string_append (sql, "SELECT a.id FROM articles a INDEXED BY articles_by_published WHERE"
                          " EXISTS (SELECT 1 FROM articles_fts WHERE articles_fts MATCH :fts"
                          " AND rowid = a.id)");
  else
    g_string_append (sql, "SELECT a.id FROM articles a WHERE a.id IN"
                          " (SELECT rowid FROM articles_fts WHERE articles_fts MATCH :fts)");

  if (shape & SHAPE_SOURCE)
    g_string_append (sql, " AND a.source = :source");
  if (shape & SHAPE_LANGUAGE)
    g_string_append (sql, " AND a.language = :language");
  if (shape & SHAPE_SINCE)
    g_string_append (sql, " AND a.published >= :since");
  if (shape & SHAPE_UNTIL)
    g_string_append (sql, " AND a.published < :until");
  if (shape & SHAPE_TAG)
    g_string_append (sql, " AND EXISTS (SELECT 1 FROM article_tags x JOIN tags t ON t.id = x.tag_id"
                          " WHERE x.article_id = a.id AND t.name = :tag)");
  if (shape & SHAPE_SPEAKER)
    g_string_append (sql, ROSTRA_STORE_SPEAKER_FILTER_SQL);
  if (shape & SHAPE_OLDEST)
    g_string_append (sql, " ORDER BY a.published IS NULL, a.published, a.id");
  else
    g_string_append (sql, " ORDER BY a.published DESC, a.id DESC");
  return g_string_free (sql, FALSE);
}

#define ARTICLE_SQL                                                                              \
  "SELECT a.title, a.source, a.published, a.language, a.text, u.uuid, s.name FROM"               \
  " articles a LEFT JOIN article_uuids u ON u.article_id = a.id"                                 \
  " LEFT JOIN article_meta m ON m.article_id = a.id LEFT JOIN speakers s ON s.id = m.speaker_id" \
  " WHERE a.id = ?1"

/* A line of @row (ARTICLE_SQL's) */
static RostraKwicLine *
row_line (sqlite3_stmt *row,
          gint64        id,
          const char   *text,
          guint         bstart,
          guint         bend,
          guint         start,
          guint         end,
          guint         context)
{
  RostraKwicLine *line = _rostra_kwic_line_new (
      id, (const char *) sqlite3_column_text (row, 0), (const char *) sqlite3_column_text (row, 1),
      (const char *) sqlite3_column_text (row, 2), (const char *) sqlite3_column_text (row, 3),
      text, bstart, bend, start, end, context);

  line->uuid = g_strdup ((const char *) sqlite3_column_text (row, 5));
  g_free (line->speaker);
  line->speaker = g_strdup ((const char *) sqlite3_column_text (row, 6));
  return line;
}

/* Walks the index's vocabulary under each word's form prefixes. */
static gboolean
expand_forms (RostraStore *self, RostraKwicMatcher *matcher, GError **error)
{
  sqlite3_stmt *create, *walk;

  if (!(create = _rostra_store_statement (self,
                                          "CREATE VIRTUAL TABLE IF NOT EXISTS temp.rostra_vocab"
                                          " USING fts5vocab (main, articles_fts, row)",
                                          error)) ||
      !_rostra_store_run (self, create, error) ||
      !(walk = _rostra_store_statement (self, "SELECT term FROM temp.rostra_vocab WHERE term >= ?1",
                                        error)))
    return FALSE;

  for (guint i = 0; i < _rostra_kwic_matcher_n_terms (matcher); i++)
    {
      g_auto (GStrv) prefixes = _rostra_kwic_matcher_form_prefixes (matcher, i);

      for (guint p = 0; prefixes && prefixes[p]; p++)
        {
          int rc;

          _rostra_store_bind_text (walk, 1, prefixes[p]);
          while ((rc = sqlite3_step (walk)) == SQLITE_ROW)
            {
              const char *term = (const char *) sqlite3_column_text (walk, 0);

              if (term == NULL || !g_str_has_prefix (term, prefixes[p]))
                {
                  rc = SQLITE_DONE;
                  break;
                }
              _rostra_kwic_matcher_add_form (matcher, i, term);
            }
          _rostra_store_reset (walk);
          if (rc != SQLITE_DONE)
            return _rostra_store_set_error (self, rc, error);
        }
    }
  return TRUE;
}

static gboolean
check_supported (const RostraKwicQuery *query, GError **error)
{
  return rostra_kwic_query_check_dates (query, error);
}

/* The statement of the speeches that may hold @fts's occurrences, bound */
static sqlite3_stmt *
bind_candidates (RostraStore           *self,
                 const RostraKwicQuery *query,
                 const char            *fts,
                 gboolean               walk_dates,
                 gboolean               prefix,
                 GError               **error)
{
  g_autofree char *since = query->since ? _rostra_kwic_date_bound (query->since, FALSE) : NULL;
  g_autofree char *until = query->until ? _rostra_kwic_date_bound (query->until, TRUE) : NULL;
  g_autofree char *sql = NULL;
  sqlite3_stmt    *stmt;
  guint            shape = 0;
  g_autofree char *speaker = query->speaker ? rostra_text_fold (query->speaker) : NULL;
  const char *names[] = { ":fts", ":source", ":language", ":since", ":until", ":tag", ":speaker" };
  const char *values[] = { fts, query->source, query->language, since, until, query->tag, speaker };

  shape |= query->source ? SHAPE_SOURCE : 0;
  shape |= query->language ? SHAPE_LANGUAGE : 0;
  shape |= since ? SHAPE_SINCE : 0;
  shape |= until ? SHAPE_UNTIL : 0;
  shape |= query->tag ? SHAPE_TAG : 0;
  shape |= speaker ? SHAPE_SPEAKER : 0;
  shape |= query->sort == ROSTRA_KWIC_SORT_DATE && query->reverse ? SHAPE_OLDEST : 0;
  shape |= walk_dates && !(shape & SHAPE_OLDEST) ? SHAPE_WALK_DATES : 0;
  shape |= (shape & SHAPE_WALK_DATES) && prefix ? SHAPE_WALK_LIST : 0;

  sql = candidates_sql (shape);
  if (!(stmt = _rostra_store_statement (self, sql, error)))
    return NULL;
  /* SQLITE_TRANSIENT: the strings go before the statement runs. */
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      int index = sqlite3_bind_parameter_index (stmt, names[i]);

      if (index > 0)
        sqlite3_bind_text (stmt, index, values[i], -1, SQLITE_TRANSIENT);
    }
  return stmt;
}

/* Whether the query has more than WALK_DATES_FROM candidates, asked
 * without walking all of them */
static gboolean
has_many_candidates (RostraStore *self, const char *fts, gboolean *many, GError **error)
{
  sqlite3_stmt *stmt = _rostra_store_statement (
      self,
      "SELECT count(*) FROM (SELECT 1 FROM articles_fts WHERE articles_fts MATCH ?1 LIMIT ?2)",
      error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  _rostra_store_bind_text (stmt, 1, fts);
  sqlite3_bind_int (stmt, 2, WALK_DATES_FROM + 1);
  rc = sqlite3_step (stmt);
  *many = rc == SQLITE_ROW && sqlite3_column_int (stmt, 0) > WALK_DATES_FROM;
  _rostra_store_reset (stmt);
  if (rc != SQLITE_ROW)
    return _rostra_store_set_error (self, rc, error);
  return TRUE;
}

/* A hit with what it sorts by */
typedef struct
{
  RostraKwicHit hit;
  const char   *key; /* in the search's string chunk */
  guint         seq; /* in date order, then position */
} Sorted;

typedef struct
{
  gboolean reverse;
} SortData;

static int
compare_sorted (gconstpointer a, gconstpointer b, gpointer data)
{
  const Sorted *x = a, *y = b;
  int           order = strcmp (x->key, y->key);

  if (order != 0)
    return ((SortData *) data)->reverse ? -order : order;
  return (x->seq > y->seq) - (x->seq < y->seq);
}

typedef struct
{
  const RostraKwicQuery *query;
  RostraKwicMatcher     *matcher;
  RostraKwicResult      *result;
  GArray                *found;  /* RostraKwicFound of one text */
  GArray                *sorted; /* Sorted, when not by date */
  GStringChunk          *keys;
  guint                  n_lines;
} Search;

static void
add_text_hits (Search *search, gint64 id, sqlite3_stmt *row, const char *text, const char *language)
{
  RostraKwicSort sort = search->query->sort;

  g_array_set_size (search->found, 0);
  _rostra_kwic_matcher_scan (search->matcher, text, language, search->found);
  if (search->found->len > 0)
    search->result->n_articles++;

  for (guint i = 0; i < search->found->len; i++)
    {
      RostraKwicFound *f = &g_array_index (search->found, RostraKwicFound, i);
      RostraKwicHit    hit = { id, f->start, f->end };

      if (sort == ROSTRA_KWIC_SORT_DATE && search->result->lines->len < search->n_lines)
        g_ptr_array_add (
            search->result->lines,
            row_line (row, id, text, f->bstart, f->bend, f->start, f->end, search->query->context));
      if (sort == ROSTRA_KWIC_SORT_DATE)
        {
          g_array_append_val (search->result->hits, hit);
          continue;
        }
      {
        Sorted      s = { hit, NULL, search->sorted->len };
        const char *key = "";

        switch (sort)
          {
            case ROSTRA_KWIC_SORT_LEFT_1:
            case ROSTRA_KWIC_SORT_LEFT_2:
              key = _rostra_kwic_matcher_token (
                  search->matcher, (int) f->first - (sort == ROSTRA_KWIC_SORT_LEFT_1 ? 1 : 2));
              break;
            case ROSTRA_KWIC_SORT_RIGHT_1:
            case ROSTRA_KWIC_SORT_RIGHT_2:
              key = _rostra_kwic_matcher_token (
                  search->matcher, (int) f->last + (sort == ROSTRA_KWIC_SORT_RIGHT_1 ? 1 : 2));
              break;
            case ROSTRA_KWIC_SORT_SOURCE:
            case ROSTRA_KWIC_SORT_SPEAKER:
              {
                const char *source = (const char *) sqlite3_column_text (
                    row, sort == ROSTRA_KWIC_SORT_SOURCE ? 1 : 6);
                g_autofree char *collated =
                    source ? g_utf8_collate_key (source, -1) : g_strdup ("");

                key = g_string_chunk_insert_const (search->keys, collated);
                break;
              }
            default:
              break;
          }
        s.key = g_string_chunk_insert_const (search->keys, key);
        g_array_append_val (search->sorted, s);
      }
    }
}

/**
 * rostra_store_kwic:
 * @query: what to find, the filters and the order
 * @n_lines: how many of the first occurrences to make lines of
 * @all: find every occurrence; otherwise, by date, stop once @n_lines
 *   are found (other orders find them all anyway)
 * @cancellable: (nullable): stops before the next speech
 *
 * Finds the occurrences of @query's words in the archive's speeches
 * (see rostra-kwic.c for what an occurrence is). A query without a word
 * finds nothing; nothing the user typed reaches SQL or FTS5 as syntax.
 *
 * Returns: (transfer full): what was found, or %NULL with @error set
 *   (%G_IO_ERROR_NOT_SUPPORTED for a speaker; %G_IO_ERROR_CANCELLED)
 */
RostraKwicResult *
rostra_store_kwic (RostraStore           *self,
                   const RostraKwicQuery *query,
                   guint                  n_lines,
                   gboolean               all,
                   GCancellable          *cancellable,
                   GError               **error)
{
  g_autoptr (RostraKwicResult) result = g_new0 (RostraKwicResult, 1);
  g_autoptr (RostraKwicMatcher) matcher = NULL;
  g_autoptr (GArray) found = g_array_new (FALSE, FALSE, sizeof (RostraKwicFound));
  g_autoptr (GArray) sorted = g_array_new (FALSE, FALSE, sizeof (Sorted));
  g_autofree char *fts = NULL;
  GStringChunk    *keys = NULL;
  sqlite3_stmt    *ids, *row;
  Search           search;
  int              rc;
  gboolean         by_date = query->sort == ROSTRA_KWIC_SORT_DATE;
  gboolean         walk_dates = FALSE;

  g_return_val_if_fail (ROSTRA_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  result->hits = g_array_new (FALSE, FALSE, sizeof (RostraKwicHit));
  result->lines = g_ptr_array_new_with_free_func ((GDestroyNotify) rostra_kwic_line_unref);
  result->complete = TRUE;
  if (!check_supported (query, error))
    return NULL;
  if (!(matcher = _rostra_kwic_matcher_new (_rostra_store_get_db (self), query->text, query->forms,
                                            error)))
    return NULL;
  if (_rostra_kwic_matcher_n_terms (matcher) == 0)
    return g_steal_pointer (&result);
  if (query->forms && !expand_forms (self, matcher, error))
    return NULL;
  fts = _rostra_kwic_matcher_dup_fts (matcher, TRUE);

  /* Walking the dates with a filter on other columns would read every
   * speech's row on the way: those queries sort their candidates. */
  if (!all && by_date && !query->reverse && !query->source && !query->language && !query->tag &&
      !has_many_candidates (self, fts, &walk_dates, error))
    return NULL;
  if (!(ids = bind_candidates (self, query, fts, walk_dates,
                               _rostra_kwic_matcher_has_prefix (matcher), error)) ||
      !(row = _rostra_store_statement (self, ARTICLE_SQL, error)))
    return NULL;

  keys = g_string_chunk_new (4096);
  search = (Search){ query, matcher, result, found, sorted, keys, n_lines };
  while ((rc = sqlite3_step (ids)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (ids, 0);
      int    rc_row;

      if (g_cancellable_is_cancelled (cancellable))
        {
          rc = SQLITE_INTERRUPT;
          break;
        }
      sqlite3_bind_int64 (row, 1, id);
      if ((rc_row = sqlite3_step (row)) == SQLITE_ROW)
        add_text_hits (&search, id, row, (const char *) sqlite3_column_text (row, 4),
                       (const char *) sqlite3_column_text (row, 3));
      _rostra_store_reset (row);
      if (rc_row != SQLITE_ROW && rc_row != SQLITE_DONE)
        {
          rc = rc_row;
          break;
        }
      if (!all && by_date && result->hits->len >= n_lines)
        {
          result->complete = FALSE;
          rc = SQLITE_DONE;
          break;
        }
    }
  _rostra_store_reset (ids);
  if (rc != SQLITE_DONE)
    {
      g_string_chunk_free (keys);
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      _rostra_store_set_error (self, rc, error);
      return NULL;
    }

  if (!by_date)
    {
      SortData data = { query->reverse };

      g_array_sort_with_data (sorted, compare_sorted, &data);
      g_array_set_size (result->hits, sorted->len);
      for (guint i = 0; i < sorted->len; i++)
        g_array_index (result->hits, RostraKwicHit, i) = g_array_index (sorted, Sorted, i).hit;
      g_string_chunk_free (keys);
      keys = NULL;
      g_ptr_array_unref (result->lines);
      result->lines = rostra_store_kwic_lines (
          self, (const RostraKwicHit *) (gpointer) result->hits->data,
          MIN (n_lines, result->hits->len), query->context, cancellable, error);
      if (result->lines == NULL)
        return NULL;
    }
  if (keys != NULL)
    g_string_chunk_free (keys);
  return g_steal_pointer (&result);
}

/**
 * rostra_store_kwic_lines:
 * @hits: (array length=n_hits): occurrences
 * @context: characters of context on each side
 * @cancellable: (nullable): stops before the next line
 *
 * The lines of occurrences: a page of a concordance. A speech deleted
 * since its occurrence was found gives a line without text, so that the
 * page keeps its length.
 *
 * Returns: (transfer full) (element-type RostraKwicLine): one line per
 *   hit, or %NULL with @error set
 */
GPtrArray *
rostra_store_kwic_lines (RostraStore         *self,
                         const RostraKwicHit *hits,
                         guint                n_hits,
                         guint                context,
                         GCancellable        *cancellable,
                         GError             **error)
{
  g_autoptr (GPtrArray) lines =
      g_ptr_array_new_full (n_hits, (GDestroyNotify) rostra_kwic_line_unref);
  sqlite3_stmt *row;
  gint64        current = 0; /* the speech @row is on, 0 for none */
  const char   *text = "";
  const char   *at = "";     /* a place in @text… */
  guint         at_char = 0; /* …in characters */
  gboolean      found = FALSE;

  g_return_val_if_fail (ROSTRA_IS_STORE (self), NULL);

  if (!(row = _rostra_store_statement (self, ARTICLE_SQL, error)))
    return NULL;
  for (guint i = 0; i < n_hits; i++)
    {
      const RostraKwicHit *hit = &hits[i];
      const char          *from, *to;
      guint                c;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          _rostra_store_reset (row);
          return NULL;
        }
      /* Hits of one speech come together: its row is read once */
      if (hit->article_id != current || current == 0)
        {
          int rc;

          _rostra_store_reset (row);
          sqlite3_bind_int64 (row, 1, hit->article_id);
          rc = sqlite3_step (row);
          if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            {
              _rostra_store_reset (row);
              _rostra_store_set_error (self, rc, error);
              return NULL;
            }
          found = rc == SQLITE_ROW;
          current = hit->article_id;
          text = found ? (const char *) sqlite3_column_text (row, 4) : "";
          at = text;
          at_char = 0;
        }
      /* From the last place when the hit is after it; offsets past the
       * text (it cannot change, but) stop at its end */
      if (hit->start < at_char)
        {
          at = text;
          at_char = 0;
        }
      for (; at_char < hit->start && *at; at_char++)
        at = g_utf8_next_char (at);
      from = at;
      to = from;
      for (c = hit->start; c < hit->end && *to; c++)
        to = g_utf8_next_char (to);
      if (found)
        g_ptr_array_add (lines, row_line (row, hit->article_id, text, from - text, to - text,
                                          hit->start, hit->end, context));
      else
        g_ptr_array_add (lines, _rostra_kwic_line_new (hit->article_id, "", NULL, NULL, NULL, text,
                                                       from - text, to - text, hit->start, hit->end,
                                                       context));
    }
  _rostra_store_reset (row);
  return g_steal_pointer (&lines);
}

/* Coding occurrences */

typedef struct
{
  const RostraKwicHit *hits;
  guint                n_hits;
  RostraKwicSpan       span;
  const char          *color;
  const char *const   *tags;
  const char          *note;
  GArray              *ids;
} Coding;

static gboolean
code_hits (RostraStore *self, Coding *coding, GError **error)
{
  g_autoptr (GHashTable) done = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (RostraArticle) article = NULL;

  for (guint i = 0; i < coding->n_hits; i++)
    {
      const RostraKwicHit *hit = &coding->hits[i];
      g_autoptr (RostraAnnotation) annotation = NULL;
      g_autofree char *exact = NULL, *prefix = NULL, *suffix = NULL, *key = NULL;
      guint            start = hit->start, end = hit->end, length;
      const char      *text;
      gint64           id;

      if (article == NULL || rostra_article_get_id (article) != hit->article_id)
        {
          g_clear_object (&article);
          if (!(article = rostra_store_load_article (self, hit->article_id, error)))
            return FALSE;
        }
      text = rostra_article_get_text (article);
      length = g_utf8_strlen (text, -1);
      if (start >= end || end > length)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("Characters %u to %u are not a passage of speech %" PRId64), start, end,
                          hit->article_id);
          return FALSE;
        }
      if (coding->span == ROSTRA_KWIC_SPAN_SENTENCE)
        rostra_kwic_sentence (text, &start, &end);

      /* Two hits in one sentence make one passage */
      key = g_strdup_printf ("%" G_GINT64_FORMAT ":%u:%u", hit->article_id, start, end);
      if (g_hash_table_contains (done, key))
        continue;
      g_hash_table_add (done, g_steal_pointer (&key));

      rostra_anchor_describe (text, start, end, &exact, &prefix, &suffix);
      annotation = rostra_annotation_new (hit->article_id, start, end, exact, prefix, suffix);
      if (coding->color != NULL)
        rostra_annotation_set_color (annotation, coding->color);
      rostra_annotation_set_tags (annotation, coding->tags);
      rostra_annotation_set_note (annotation, coding->note ? coding->note : "");
      if (!rostra_store_add_annotation (self, annotation, error))
        return FALSE;
      id = rostra_annotation_get_id (annotation);
      g_array_append_val (coding->ids, id);
    }
  return TRUE;
}

/**
 * rostra_store_kwic_code:
 * @hits: (array length=n_hits): the occurrences to code
 * @span: the match, or the sentence that holds it
 * @color: (nullable): the highlight's colour (yellow when %NULL)
 * @tags: (array zero-terminated=1) (nullable): tags for each
 * @note: (nullable): a note for each
 *
 * Highlights each occurrence (its sentence, with @span), all in one
 * transaction: all of them are saved, or none. Hits whose passages are
 * the same (two in one sentence) make one annotation.
 *
 * Returns: (transfer full) (element-type gint64): the new annotations'
 *   ids, for rostra_store_delete_annotations() to undo; %NULL with
 *   @error set (nothing was saved)
 */
GArray *
rostra_store_kwic_code (RostraStore         *self,
                        const RostraKwicHit *hits,
                        guint                n_hits,
                        RostraKwicSpan       span,
                        const char          *color,
                        const char *const   *tags,
                        const char          *note,
                        GError             **error)
{
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  Coding coding = { hits, n_hits, span, color, tags, note, ids };

  g_return_val_if_fail (ROSTRA_IS_STORE (self), NULL);
  g_return_val_if_fail (hits != NULL || n_hits == 0, NULL);

  if (!rostra_store_begin (self, error))
    return NULL;
  if (!code_hits (self, &coding, error) || !rostra_store_commit (self, error))
    {
      rostra_store_rollback (self);
      return NULL;
    }
  return g_steal_pointer (&ids);
}

/**
 * rostra_store_delete_annotations:
 * @ids: (array length=n_ids): annotations' ids
 *
 * Deletes the annotations in one transaction (the undo of
 * rostra_store_kwic_code()): all of them, or none.
 */
gboolean
rostra_store_delete_annotations (RostraStore *self, const gint64 *ids, guint n_ids, GError **error)
{
  g_return_val_if_fail (ROSTRA_IS_STORE (self), FALSE);

  if (!rostra_store_begin (self, error))
    return FALSE;
  for (guint i = 0; i < n_ids; i++)
    if (!rostra_store_delete_annotation (self, ids[i], error))
      {
        rostra_store_rollback (self);
        return FALSE;
      }
  if (!rostra_store_commit (self, error))
    {
      rostra_store_rollback (self);
      return FALSE;
    }
  return TRUE;
}

/* Word forms in the library's search */

typedef struct
{
  RostraStore *store;
  GError     **error;
  gboolean     failed;
} FormsData;

/* One word of the search as the choice of its forms, or %NULL to keep it */
static char *
word_forms (const char *word, gpointer user_data)
{
  FormsData *data = user_data;
  g_autoptr (RostraKwicMatcher) matcher = NULL;
  g_autofree char *fts = NULL;

  if (data->failed)
    return NULL;
  matcher = _rostra_kwic_matcher_new (_rostra_store_get_db (data->store), word, TRUE, data->error);
  if (matcher == NULL || !expand_forms (data->store, matcher, data->error))
    {
      data->failed = TRUE;
      return NULL;
    }
  if (_rostra_kwic_matcher_n_terms (matcher) != 1)
    return NULL;
  return _rostra_kwic_matcher_dup_fts (matcher, FALSE);
}

/**
 * rostra_store_dup_search_fts:
 * @query: the library's search
 *
 * The FTS5 query of @query's search (see rostra_search_to_fts()); with
 * @query's forms, each whole word but a last one being typed is the
 * choice of its forms in the index (the words with its stem in one of
 * the stemmers' languages). Walks part of the index's vocabulary: runs
 * on a worker.
 *
 * Returns: (transfer full) (nullable): the FTS5 query, %NULL when it
 *   searches nothing or with @error set
 */
char *
rostra_store_dup_search_fts (RostraStore *self, const RostraQuery *query, GError **error)
{
  FormsData data = { self, error, FALSE };
  char     *fts;

  g_return_val_if_fail (ROSTRA_IS_STORE (self), NULL);

  if (!query->forms || query->text == NULL)
    return rostra_query_dup_fts (query);
  fts = rostra_search_to_fts_full (query->text, word_forms, &data);
  if (data.failed)
    g_clear_pointer (&fts, g_free);
  return fts;
}

/* Pages of lines written at a time */
#define CSV_PAGE 256

/**
 * rostra_store_kwic_write_csv:
 * @query: what to find, the filters and the order
 * @out: where the CSV goes
 * @n_lines: (out) (optional): how many lines were written
 * @cancellable: (nullable): stops the export
 *
 * Writes every line of @query's concordance to @out as CSV (see
 * rostra_kwic_csv_append()), a page of lines at a time.
 */
gboolean
rostra_store_kwic_write_csv (RostraStore           *self,
                             const RostraKwicQuery *query,
                             GOutputStream         *out,
                             guint                 *n_lines,
                             GCancellable          *cancellable,
                             GError               **error)
{
  g_autoptr (RostraKwicResult) result = NULL;
  g_autoptr (GString) csv = g_string_new (NULL);

  g_return_val_if_fail (ROSTRA_IS_STORE (self), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);

  if (!(result = rostra_store_kwic (self, query, 0, TRUE, cancellable, error)))
    return FALSE;
  rostra_kwic_csv_header (csv);
  for (guint start = 0; start < result->hits->len || start == 0; start += CSV_PAGE)
    {
      guint n = MIN (CSV_PAGE, result->hits->len - start);
      g_autoptr (GPtrArray) lines =
          n == 0
              ? g_ptr_array_new ()
              : rostra_store_kwic_lines (self, &g_array_index (result->hits, RostraKwicHit, start),
                                         n, query->context, cancellable, error);

      if (lines == NULL)
        return FALSE;
      for (guint i = 0; i < lines->len; i++)
        rostra_kwic_csv_append (csv, g_ptr_array_index (lines, i));
      if (!g_output_stream_write_all (out, csv->str, csv->len, NULL, cancellable, error))
        return FALSE;
      g_string_truncate (csv, 0);
      if (n == 0)
        break;
    }
  if (n_lines != NULL)
    *n_lines = result->hits->len;
  return TRUE;
}
