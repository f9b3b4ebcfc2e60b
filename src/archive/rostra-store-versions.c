/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-store-versions.c: versions of one speech in the archive.
 *
 * Each article, once indexed, has the 33 LSH band keys of its MinHash
 * signature in version_bands (see rostra-shingles.c). Indexing a new
 * article looks its keys up: the articles that share one are
 * candidates, and each is verified on the two texts' shingles, exactly:
 * the same speech at a resemblance of 0.8 or more; an excerpt when 0.9
 * or more of the shorter text (of 50 words at least) is in the longer.
 * Texts of two different languages are never compared. What passes is
 * kept, both ways, in version_pairs; translations are linked by hand in
 * translation_links. Everything is part of the caller's transaction
 * (an import's) unless said otherwise.
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "rostra-anchor.h"
#include "rostra-shingles.h"
#include "rostra-store-private.h"
#include "rostra-versions.h"

typedef enum
{
  STMT_BAND_ARTICLES,
  STMT_ADD_BAND,
  STMT_ADD_SIGNATURE,
  STMT_CANDIDATE,
  STMT_SIGNATURE,
  STMT_ADD_PAIR,
  STMT_COUNT_PENDING,
  STMT_PENDING,
  STMT_LIST,
  STMT_EXISTS,
  STMT_LINK,
  STMT_UNLINK_TRANSLATION,
  STMT_UNLINK_PAIR,
  STMT_TRANSLATIONS,
  STMT_COUNT,
  N_STMTS
} Stmt;

#define VERSION_COLUMNS "o.id, o.title, o.source, o.published, o.language"

static const char *const stmt_sql[N_STMTS] = {
  /* Every band's articles in one statement (a step per band cost more
   * than the lookups), but those of crowded bands (see BUCKET_MAX). */
  [STMT_BAND_ARTICLES] = "SELECT j.key, v.article_id FROM json_each (?1) j"
                         " JOIN version_bands v ON v.band = j.value"
                         " WHERE (SELECT count(*) FROM (SELECT 1 FROM version_bands w"
                         "  WHERE w.band = j.value LIMIT ?2)) < ?2 ORDER BY j.key",
  [STMT_ADD_BAND] = "INSERT OR IGNORE INTO version_bands (band, article_id) VALUES (?1, ?2)",
  [STMT_ADD_SIGNATURE] = "INSERT INTO version_signatures (article_id, shingles, signature, bands)"
                         " VALUES (?1, ?2, ?3, ?4)",
  [STMT_CANDIDATE] = "SELECT text, language FROM articles WHERE id = ?1",
  [STMT_SIGNATURE] = "SELECT shingles, signature FROM version_signatures WHERE article_id = ?1",
  [STMT_ADD_PAIR] = "INSERT INTO version_pairs (article_id, other_id, relation, similarity, folds)"
                    " VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (article_id, other_id) DO UPDATE"
                    " SET relation = excluded.relation, similarity = excluded.similarity,"
                    " folds = excluded.folds",
  [STMT_COUNT_PENDING] = "SELECT count(*) FROM articles a WHERE NOT EXISTS"
                         " (SELECT 1 FROM version_signatures s WHERE s.article_id = a.id)",
  [STMT_PENDING] = "SELECT a.id, a.language FROM articles a WHERE a.id > ?1 AND NOT EXISTS"
                   " (SELECT 1 FROM version_signatures s WHERE s.article_id = a.id)"
                   " ORDER BY a.id LIMIT ?2",
  /* A pair found and also linked by hand shows once, as found. */
  [STMT_LIST] = "SELECT " VERSION_COLUMNS ", v.relation, v.similarity FROM version_pairs v"
                " JOIN articles o ON o.id = v.other_id WHERE v.article_id = ?1"
                " UNION ALL SELECT " VERSION_COLUMNS ", 3, 0.0 FROM translation_links t"
                " JOIN articles o ON o.id = t.other_id WHERE t.article_id = ?1 AND NOT EXISTS"
                " (SELECT 1 FROM version_pairs v WHERE v.article_id = ?1"
                "  AND v.other_id = t.other_id)"
                " ORDER BY 6, 7 DESC, 4 DESC, 1",
  [STMT_EXISTS] = "SELECT 1 FROM articles WHERE id = ?1",
  [STMT_LINK] = "INSERT OR IGNORE INTO translation_links (article_id, other_id, created)"
                " VALUES (?1, ?2, ?3), (?2, ?1, ?3)",
  [STMT_UNLINK_TRANSLATION] = "DELETE FROM translation_links WHERE (article_id = ?1 AND"
                              " other_id = ?2) OR (article_id = ?2 AND other_id = ?1)",
  [STMT_UNLINK_PAIR] = "DELETE FROM version_pairs WHERE (article_id = ?1 AND other_id = ?2)"
                       " OR (article_id = ?2 AND other_id = ?1)",
  [STMT_COUNT] = "SELECT (SELECT count(*) FROM version_pairs WHERE article_id = ?1) +"
                 " (SELECT count(*) FROM translation_links t WHERE t.article_id = ?1 AND NOT EXISTS"
                 "  (SELECT 1 FROM version_pairs v WHERE v.article_id = ?1"
                 "   AND v.other_id = t.other_id))",
  [STMT_TRANSLATIONS] = "SELECT article_id, other_id FROM translation_links"
                        " WHERE article_id < other_id ORDER BY 1, 2",
};

static sqlite3_stmt *
get_stmt (RostraStore *self, Stmt which, GError **error)
{
  return _rostra_store_statement (self, stmt_sql[which], error);
}

/**
 * RostraVersionIndex:
 *
 * Indexes articles for versions within one transaction (an import's,
 * a batch of the job for an existing archive). Their band keys are
 * kept in memory, looked up with the archive's, and written at the end
 * (rostra_version_index_flush()) in the keys' order: written one by one,
 * the keys of each article fell on 33 random pages of the index, and
 * more than doubled the time of an import (bench-import); in order, each
 * page of the index is written once.
 */
struct _RostraVersionIndex
{
  RostraStore *store;
  GArray      *rows;    /* BandRow, to write */
  GHashTable  *buckets; /* band (gint64 *) → GArray of article ids */
};

/* Relations */

/**
 * rostra_version_relation_to_string:
 *
 * Returns: the relation as `--versions --json` writes it: `same`,
 *   `excerpt`, `contains` or `translation`
 */
const char *
rostra_version_relation_to_string (RostraVersionRelation relation)
{
  switch (relation)
    {
      case ROSTRA_VERSION_SAME:
        return "same";
      case ROSTRA_VERSION_EXCERPT:
        return "excerpt";
      case ROSTRA_VERSION_CONTAINS:
        return "contains";
      case ROSTRA_VERSION_TRANSLATION:
      default:
        return "translation";
    }
}

/**
 * rostra_version_relation_get_label:
 *
 * Returns: what the other version is, in the user's language
 */
const char *
rostra_version_relation_get_label (RostraVersionRelation relation)
{
  switch (relation)
    {
      case ROSTRA_VERSION_SAME:
        return C_ ("version of a speech", "Same text");
      case ROSTRA_VERSION_EXCERPT:
        return C_ ("version of a speech", "Excerpt");
      case ROSTRA_VERSION_CONTAINS:
        return C_ ("version of a speech", "Longer version");
      case ROSTRA_VERSION_TRANSLATION:
      default:
        return C_ ("version of a speech", "Translation");
    }
}

void
rostra_version_free (RostraVersion *version)
{
  if (version == NULL)
    return;
  g_free (version->title);
  g_free (version->source);
  g_free (version->published);
  g_free (version->language);
  g_free (version);
}

void
rostra_version_annotation_free (RostraVersionAnnotation *item)
{
  if (item == NULL)
    return;
  g_clear_object (&item->annotation);
  rostra_version_free (item->version);
  g_free (item);
}

/* Detection */

static gboolean
other_language (const char *a, const char *b)
{
  return a != NULL && b != NULL && *a != '\0' && *b != '\0' && g_ascii_strcasecmp (a, b) != 0;
}

typedef struct
{
  gint64          id;
  RostraShingles *shingles;
} Side;

/* Whether the one speech stands for both in the library's "one row per
 * speech": the longer, and of two as long the older (lower id). */
static gboolean
preferred (const Side *x, const Side *y)
{
  if (x->shingles->n_words != y->shingles->n_words)
    return x->shingles->n_words > y->shingles->n_words;
  return x->id < y->id;
}

static gboolean
add_pair (RostraStore          *self,
          const Side           *of,
          const Side           *other,
          RostraVersionRelation relation,
          double                similarity,
          GError              **error)
{
  sqlite3_stmt *stmt = get_stmt (self, STMT_ADD_PAIR, error);
  gboolean      folds;

  if (stmt == NULL)
    return FALSE;
  /* An excerpt folds into what contains it; of the same text, into the
   * preferred copy. */
  folds = relation == ROSTRA_VERSION_CONTAINS ||
          (relation == ROSTRA_VERSION_SAME && preferred (other, of));
  sqlite3_bind_int64 (stmt, 1, of->id);
  sqlite3_bind_int64 (stmt, 2, other->id);
  sqlite3_bind_int (stmt, 3, relation);
  sqlite3_bind_double (stmt, 4, similarity);
  sqlite3_bind_int (stmt, 5, folds);
  return _rostra_store_run (self, stmt, error);
}

/* Compares the new article with a candidate on their shingles, and
 * keeps the pair when it passes. */
static gboolean
verify (RostraStore *self, const Side *new, const Side *old, GError **error)
{
  gsize    shared = rostra_shingles_intersect (new->shingles, old->shingles);
  gsize    n_new = new->shingles->n_hashes, n_old = old->shingles->n_hashes;
  gboolean new_shorter = new->shingles->n_words < old->shingles->n_words ||
                         (new->shingles->n_words == old->shingles->n_words &&n_new <= n_old);
  const Side *shorter = new_shorter ? new : old;
  const Side *longer = new_shorter ? old : new;
  double      resemblance, containment;

  if (shared == 0)
    return TRUE;
  resemblance = (double) shared / (double) (n_new + n_old - shared);
  containment = (double) shared / (double) shorter->shingles->n_hashes;

  if (resemblance >= ROSTRA_VERSIONS_SAME_RESEMBLANCE)
    return add_pair (self, new, old, ROSTRA_VERSION_SAME, resemblance, error) &&
           add_pair (self, old, new, ROSTRA_VERSION_SAME, resemblance, error);
  if (containment >= ROSTRA_VERSIONS_EXCERPT_CONTAINMENT &&
      shorter->shingles->n_words >= ROSTRA_VERSIONS_EXCERPT_MIN_WORDS)
    return add_pair (self, longer, shorter, ROSTRA_VERSION_EXCERPT, containment, error) &&
           add_pair (self, shorter, longer, ROSTRA_VERSION_CONTAINS, containment, error);
  return TRUE;
}

/* Boilerplate guards. A band key shared by more than this many
 * articles is boilerplate (templated texts: "Press release N of the
 * ministry…"), skipped as a search engine skips stop words: without
 * this, such texts are all candidates of each other and an import
 * slows down with the square of the archive. */
#define BUCKET_MAX 64
/* Candidates verified per article at most, those sharing the most
 * bands first (the same text shares nearly all of them). */
#define CANDIDATES_MAX 100

typedef struct
{
  gint64 id;
  guint  shared;
} Candidate;

static int
by_shared_bands (gconstpointer a, gconstpointer b)
{
  const Candidate *x = a, *y = b;

  if (x->shared != y->shared)
    return x->shared > y->shared ? -1 : 1;
  return (x->id > y->id) - (x->id < y->id);
}

/* The articles that share a band key with @bands, but @id: at most
 * CANDIDATES_MAX, the most likely first. */
static GArray *
find_candidates (RostraVersionIndex *index, gint64 id, const gint64 *bands, GError **error)
{
  RostraStore *self = index->store;
  g_autoptr (GHashTable) shared = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr (GArray) bucket = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray) found = g_array_new (FALSE, FALSE, sizeof (Candidate));
  g_autoptr (GString) json = g_string_new ("[");
  sqlite3_stmt  *stmt = get_stmt (self, STMT_BAND_ARTICLES, error);
  GHashTableIter iter;
  gpointer       key, value;
  int            rc;

  if (stmt == NULL)
    return NULL;
  for (guint b = 0; b < ROSTRA_LSH_BANDS; b++)
    g_string_append_printf (json, "%s%" G_GINT64_FORMAT, b ? "," : "", bands[b]);
  g_string_append_c (json, ']');
  _rostra_store_bind_text (stmt, 1, json->str);
  sqlite3_bind_int (stmt, 2, BUCKET_MAX + 1);
  rc = sqlite3_step (stmt);
  for (guint b = 0; b < ROSTRA_LSH_BANDS; b++)
    {
      GArray *pending = g_hash_table_lookup (index->buckets, &bands[b]);

      g_array_set_size (bucket, 0);
      for (; rc == SQLITE_ROW && sqlite3_column_int (stmt, 0) == (int) b; rc = sqlite3_step (stmt))
        g_array_append_val (bucket, (gint64){ sqlite3_column_int64 (stmt, 1) });
      if (pending != NULL)
        g_array_append_vals (bucket, pending->data, MIN (pending->len, BUCKET_MAX + 1));
      for (guint i = 0; bucket->len <= BUCKET_MAX && i < bucket->len; i++)
        {
          gint64 *other = &g_array_index (bucket, gint64, i);
          guint   n = GPOINTER_TO_UINT (g_hash_table_lookup (shared, other));

          if (*other != id)
            g_hash_table_replace (shared, g_memdup2 (other, sizeof *other),
                                  GUINT_TO_POINTER (n + 1));
        }
    }
  _rostra_store_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _rostra_store_set_error (self, rc, error);
      return NULL;
    }

  g_hash_table_iter_init (&iter, shared);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_array_append_val (found, ((Candidate){ *(gint64 *) key, GPOINTER_TO_UINT (value) }));
  g_array_sort (found, by_shared_bands);
  g_array_set_size (found, MIN (found->len, CANDIDATES_MAX));
  return g_steal_pointer (&found);
}

/* The stored form of a signature: the upper 16 bits of each value,
 * little-endian, 198 bytes. Enough to estimate a similarity: two
 * different values look equal one time in 65,536, which moves an
 * estimate by less than its own deviation. */
typedef guint16 Packed[ROSTRA_MINHASH_HASHES];

static void
pack_signature (const guint32 *signature, Packed packed)
{
  for (guint i = 0; i < ROSTRA_MINHASH_HASHES; i++)
    packed[i] = GUINT16_TO_LE ((guint16) (signature[i] >> 16));
}

static gboolean
store_signature (RostraStore          *self,
                 gint64                id,
                 const RostraShingles *shingles,
                 const Packed          packed,
                 const gint64         *bands,
                 GError              **error)
{
  g_autoptr (GString) json = g_string_new ("[");
  sqlite3_stmt *add;

  /* Articles are indexed once: a second time is an error (a conflict). */
  if (!(add = get_stmt (self, STMT_ADD_SIGNATURE, error)))
    return FALSE;

  for (guint b = 0; b < ROSTRA_LSH_BANDS && shingles->n_hashes > 0; b++)
    g_string_append_printf (json, "%s%" G_GINT64_FORMAT, b ? "," : "", bands[b]);
  g_string_append_c (json, ']');

  sqlite3_bind_int64 (add, 1, id);
  sqlite3_bind_int64 (add, 2, (sqlite3_int64) shingles->n_hashes);
  sqlite3_bind_blob (add, 3, packed, sizeof (Packed), SQLITE_STATIC);
  _rostra_store_bind_text (add, 4, json->str);
  return _rostra_store_run (self, add, error);
}

/* The batch */

typedef struct
{
  gint64 band;
  gint64 article_id;
} BandRow;

static void
bucket_free (gpointer data)
{
  g_array_unref (data);
}

RostraVersionIndex *
rostra_version_index_new (RostraStore *store)
{
  RostraVersionIndex *index = g_new0 (RostraVersionIndex, 1);

  index->store = g_object_ref (store);
  index->rows = g_array_new (FALSE, FALSE, sizeof (BandRow));
  index->buckets = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, bucket_free);
  return index;
}

void
rostra_version_index_free (RostraVersionIndex *index)
{
  if (index == NULL)
    return;
  g_object_unref (index->store);
  g_array_unref (index->rows);
  g_hash_table_unref (index->buckets);
  g_free (index);
}

static void
keep_bands (RostraVersionIndex *index, gint64 id, const gint64 *bands)
{
  for (guint b = 0; b < ROSTRA_LSH_BANDS; b++)
    {
      GArray *bucket = g_hash_table_lookup (index->buckets, &bands[b]);
      BandRow row = { bands[b], id };

      if (bucket == NULL)
        {
          bucket = g_array_new (FALSE, FALSE, sizeof (gint64));
          g_hash_table_insert (index->buckets, g_memdup2 (&bands[b], sizeof (gint64)), bucket);
        }
      g_array_append_val (bucket, id);
      g_array_append_val (index->rows, row);
    }
}

static int
compare_rows (gconstpointer a, gconstpointer b)
{
  const BandRow *x = a, *y = b;

  if (x->band != y->band)
    return x->band < y->band ? -1 : 1;
  return (x->article_id > y->article_id) - (x->article_id < y->article_id);
}

/**
 * rostra_version_index_flush:
 *
 * Writes the band keys of the articles indexed so far, in the
 * transaction; call it before committing.
 *
 * Returns: %FALSE with @error set on a database error
 */
gboolean
rostra_version_index_flush (RostraVersionIndex *index, GError **error)
{
  sqlite3_stmt *stmt = get_stmt (index->store, STMT_ADD_BAND, error);

  if (stmt == NULL)
    return FALSE;
  g_array_sort (index->rows, compare_rows);
  for (guint i = 0; i < index->rows->len; i++)
    {
      const BandRow *row = &g_array_index (index->rows, BandRow, i);

      sqlite3_bind_int64 (stmt, 1, row->band);
      sqlite3_bind_int64 (stmt, 2, row->article_id);
      if (!_rostra_store_run (index->store, stmt, error))
        return FALSE;
    }
  g_array_set_size (index->rows, 0);
  g_hash_table_remove_all (index->buckets);
  return TRUE;
}

/* Estimates below these are not verified: about three standard
 * deviations of the estimate under the thresholds (the resemblance
 * estimated from 99 hashes has a deviation of 0.04 at 0.8; the
 * containment, derived from it and the sizes, up to 0.12 at 0.9 for an
 * excerpt of a third of the text). */
#define LIKELY_RESEMBLANCE 0.6
#define LIKELY_CONTAINMENT 0.5

/* Whether a candidate is worth reading and verifying: its similarity
 * estimated from the two signatures (the share of equal values is the
 * resemblance; containment of the smaller set follows from it and the
 * sizes). Most candidates that share a band by chance or boilerplate
 * stop here, without their text being read. */
static gboolean
is_likely (RostraStore *self,
           const Packed packed,
           gsize        n_shingles,
           gint64       other_id,
           gboolean    *likely,
           GError     **error)
{
  sqlite3_stmt *stmt = get_stmt (self, STMT_SIGNATURE, error);
  int           rc;

  if (stmt == NULL)
    return FALSE;
  *likely = FALSE;
  sqlite3_bind_int64 (stmt, 1, other_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && sqlite3_column_bytes (stmt, 1) == sizeof (Packed))
    {
      const guint16 *other = sqlite3_column_blob (stmt, 1);
      double         n_other = (double) sqlite3_column_int64 (stmt, 0);
      double         smaller = MIN ((double) n_shingles, n_other);
      guint          equal = 0;
      double         j, containment;

      for (guint i = 0; i < ROSTRA_MINHASH_HASHES; i++)
        equal += other[i] == packed[i];
      j = (double) equal / ROSTRA_MINHASH_HASHES;
      containment = smaller > 0 ? j * ((double) n_shingles + n_other) / ((1.0 + j) * smaller) : 0;
      *likely = j >= LIKELY_RESEMBLANCE || containment >= LIKELY_CONTAINMENT;
    }
  _rostra_store_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _rostra_store_set_error (self, rc, error);
  return TRUE;
}

/**
 * rostra_version_index_add:
 * @article_id: an article just added (or not indexed yet)
 * @text: its text
 * @language: (nullable): its language
 *
 * Indexes the article's signature and finds its versions among the
 * articles indexed before it (in the archive, or earlier in this
 * batch): candidates by LSH, each estimated on the two signatures and,
 * when likely, verified on the two texts. Part of the caller's
 * transaction: an import's, so that a failed import leaves neither
 * articles nor versions. Its band keys are written by
 * rostra_version_index_flush().
 *
 * Returns: %FALSE with @error set on a database error
 */
gboolean
rostra_version_index_add (RostraVersionIndex *index,
                          gint64              article_id,
                          const char         *text,
                          const char         *language,
                          GError            **error)
{
  RostraStore *self = index->store;
  g_autoptr (RostraShingles) shingles = NULL;
  g_autoptr (GArray) candidates = NULL;
  guint32       signature[ROSTRA_MINHASH_HASHES];
  Packed        packed = { 0 };
  gint64        bands[ROSTRA_LSH_BANDS];
  sqlite3_stmt *load;
  Side new;
  gsize n_shingles;

  g_return_val_if_fail (index != NULL, FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  shingles = rostra_shingles_new (text);
  if (shingles->n_hashes == 0)
    return store_signature (self, article_id, shingles, packed, bands, error);

  rostra_shingles_minhash (shingles, signature);
  rostra_shingles_bands (signature, bands);
  pack_signature (signature, packed);
  if (!(candidates = find_candidates (index, article_id, bands, error)) ||
      !store_signature (self, article_id, shingles, packed, bands, error) ||
      !(load = get_stmt (self, STMT_CANDIDATE, error)))
    return FALSE;

  keep_bands (index, article_id, bands);
  new.id = article_id;
  new.shingles = shingles;
  n_shingles = shingles->n_hashes; /* as stored: verifying makes them distinct */
  for (guint i = 0; i < candidates->len; i++)
    {
      g_autoptr (RostraShingles) other_shingles = NULL;
      Side     old = { g_array_index (candidates, Candidate, i).id, NULL };
      gboolean likely = FALSE;
      int      rc;

      if (!is_likely (self, packed, n_shingles, old.id, &likely, error))
        return FALSE;
      if (!likely)
        continue;

      sqlite3_bind_int64 (load, 1, old.id);
      rc = sqlite3_step (load);
      if (rc == SQLITE_ROW &&
          !other_language (language, (const char *) sqlite3_column_text (load, 1)))
        other_shingles = rostra_shingles_new ((const char *) sqlite3_column_text (load, 0));
      _rostra_store_reset (load);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return _rostra_store_set_error (self, rc, error);
      if (other_shingles == NULL)
        continue;

      old.shingles = other_shingles;
      if (!verify (self, &new, &old, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * rostra_store_index_versions:
 *
 * rostra_version_index_add() for one article, flushed at once.
 */
gboolean
rostra_store_index_versions (RostraStore *self,
                             gint64       article_id,
                             const char  *text,
                             const char  *language,
                             GError     **error)
{
  RostraVersionIndex *index;
  gboolean            ok;

  g_return_val_if_fail (ROSTRA_IS_STORE (self), FALSE);

  index = rostra_version_index_new (self);
  ok = rostra_version_index_add (index, article_id, text, language, error) &&
       rostra_version_index_flush (index, error);
  rostra_version_index_free (index);
  return ok;
}

/**
 * rostra_store_count_versions_pending:
 *
 * Returns: how many articles are not indexed for versions yet (those
 *   of an archive made before versions); -1 with @error set
 */
gint64
rostra_store_count_versions_pending (RostraStore *self, GError **error)
{
  sqlite3_stmt *stmt;
  gint64        count;
  int           rc;

  g_return_val_if_fail (ROSTRA_IS_STORE (self), -1);

  if (!(stmt = get_stmt (self, STMT_COUNT_PENDING, error)))
    return -1;
  rc = sqlite3_step (stmt);
  count = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : -1;
  _rostra_store_reset (stmt);
  if (rc != SQLITE_ROW)
    _rostra_store_set_error (self, rc, error);
  return count;
}

static gboolean
index_pending (RostraStore  *self,
               gint64       *cursor,
               guint         limit,
               GCancellable *cancellable,
               guint        *n_indexed,
               GError      **error)
{
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (RostraVersionIndex) index = rostra_version_index_new (self);
  sqlite3_stmt *pending, *load;
  int           rc;

  if (!(pending = get_stmt (self, STMT_PENDING, error)) ||
      !(load = get_stmt (self, STMT_CANDIDATE, error)))
    return FALSE;

  sqlite3_bind_int64 (pending, 1, *cursor);
  sqlite3_bind_int64 (pending, 2, limit);
  while ((rc = sqlite3_step (pending)) == SQLITE_ROW)
    g_array_append_val (ids, (gint64){ sqlite3_column_int64 (pending, 0) });
  _rostra_store_reset (pending);
  if (rc != SQLITE_DONE)
    return _rostra_store_set_error (self, rc, error);

  for (guint i = 0; i < ids->len; i++)
    {
      gint64           id = g_array_index (ids, gint64, i);
      g_autofree char *text = NULL;
      g_autofree char *language = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      sqlite3_bind_int64 (load, 1, id);
      rc = sqlite3_step (load);
      if (rc == SQLITE_ROW)
        {
          text = g_strdup ((const char *) sqlite3_column_text (load, 0));
          language = g_strdup ((const char *) sqlite3_column_text (load, 1));
        }
      _rostra_store_reset (load);
      if (rc != SQLITE_ROW)
        return _rostra_store_set_error (self, rc, error);
      if (!rostra_version_index_add (index, id, text, language, error))
        return FALSE;
      (*n_indexed)++;
      *cursor = id;
    }
  return rostra_version_index_flush (index, error);
}

/**
 * rostra_store_index_versions_pending:
 * @cursor: (inout): where the walk is: 0 to start, then the value this
 *   call left (the last article indexed), so that each batch starts
 *   where the previous one ended instead of walking the indexed ones
 *   again (which made the pass quadratic)
 * @limit: index at most this many articles
 * @n_indexed: (out): how many were indexed; 0 when none is left
 *
 * Indexes articles not indexed yet, oldest first, in one transaction
 * of its own: a cancel rolls back this batch only (and leaves @cursor
 * as it was).
 *
 * Returns: %FALSE with @error set (cancelled, or a database error)
 */
gboolean
rostra_store_index_versions_pending (RostraStore  *self,
                                     gint64       *cursor,
                                     guint         limit,
                                     GCancellable *cancellable,
                                     guint        *n_indexed,
                                     GError      **error)
{
  gint64 at;
  guint  indexed = 0;

  g_return_val_if_fail (ROSTRA_IS_STORE (self), FALSE);
  g_return_val_if_fail (n_indexed != NULL && cursor != NULL, FALSE);

  *n_indexed = 0;
  at = *cursor;
  if (!rostra_store_begin (self, error))
    return FALSE;
  if (!index_pending (self, &at, limit, cancellable, &indexed, error) ||
      !rostra_store_commit (self, error))
    {
      rostra_store_rollback (self);
      return FALSE;
    }
  *n_indexed = indexed;
  *cursor = at;
  return TRUE;
}

/* Listing and linking */

static gboolean
check_exists (RostraStore *self, gint64 id, GError **error)
{
  sqlite3_stmt *stmt = get_stmt (self, STMT_EXISTS, error);
  int           rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  _rostra_store_reset (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, ROSTRA_STORE_ERROR, ROSTRA_STORE_ERROR_NOT_FOUND,
                 _("There is no speech %" PRId64 " in the archive"), id);
  else if (rc != SQLITE_ROW)
    return _rostra_store_set_error (self, rc, error);
  return rc == SQLITE_ROW;
}

/**
 * rostra_store_list_versions:
 * @article_id: a speech
 *
 * The other versions of a speech: those found (the same text first,
 * then excerpts and longer versions, the most similar first) and the
 * translations linked by hand. One index range: fast at any size.
 *
 * Returns: (transfer full) (element-type RostraVersion): the versions,
 *   empty when there is none; %NULL with @error set,
 *   %ROSTRA_STORE_ERROR_NOT_FOUND when there is no such speech
 */
GPtrArray *
rostra_store_list_versions (RostraStore *self, gint64 article_id, GError **error)
{
  g_autoptr (GPtrArray) versions =
      g_ptr_array_new_with_free_func ((GDestroyNotify) rostra_version_free);
  sqlite3_stmt *stmt;
  int           rc;

  g_return_val_if_fail (ROSTRA_IS_STORE (self), NULL);

  if (!check_exists (self, article_id, error) || !(stmt = get_stmt (self, STMT_LIST, error)))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, article_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RostraVersion *v = g_new0 (RostraVersion, 1);

      v->id = sqlite3_column_int64 (stmt, 0);
      v->title = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      v->source = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      v->published = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      v->language = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      v->relation = sqlite3_column_int (stmt, 5);
      v->similarity = sqlite3_column_double (stmt, 6);
      g_ptr_array_add (versions, v);
    }
  _rostra_store_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _rostra_store_set_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&versions);
}

/**
 * rostra_store_count_versions:
 * @ids: (array length=n_ids): speeches (rows of the library)
 *
 * How many other versions each speech has, as
 * rostra_store_list_versions() lists them: the count a folded row of
 * "One Row per Speech" shows. Two index ranges a speech.
 *
 * Returns: (transfer full) (element-type guint): the counts, in the
 *   order of @ids (0 for a speech that is not there); %NULL with @error
 *   set
 */
GArray *
rostra_store_count_versions (RostraStore *self, const gint64 *ids, guint n_ids, GError **error)
{
  g_autoptr (GArray) counts = g_array_sized_new (FALSE, TRUE, sizeof (guint), n_ids);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ROSTRA_IS_STORE (self), NULL);

  if (!(stmt = get_stmt (self, STMT_COUNT, error)))
    return NULL;
  for (guint i = 0; i < n_ids; i++)
    {
      int   rc;
      guint n;

      sqlite3_bind_int64 (stmt, 1, ids[i]);
      rc = sqlite3_step (stmt);
      n = rc == SQLITE_ROW ? (guint) sqlite3_column_int64 (stmt, 0) : 0;
      _rostra_store_reset (stmt);
      if (rc != SQLITE_ROW)
        {
          _rostra_store_set_error (self, rc, error);
          return NULL;
        }
      g_array_append_val (counts, n);
    }
  return g_steal_pointer (&counts);
}

static gboolean
check_pair (RostraStore *self, gint64 article_id, gint64 other_id, GError **error)
{
  if (!check_exists (self, article_id, error) || !check_exists (self, other_id, error))
    return FALSE;
  if (article_id == other_id)
    {
      g_set_error (error, ROSTRA_STORE_ERROR, ROSTRA_STORE_ERROR_FAILED,
                   _("A speech cannot be linked to itself"));
      return FALSE;
    }
  return TRUE;
}

/* Runs @func in a transaction of its own unless the caller has one. */
static gboolean
in_transaction (RostraStore *self,
                gboolean (*func) (RostraStore *, gint64, gint64, guint *, GError **),
                gint64   a,
                gint64   b,
                guint   *n,
                GError **error)
{
  if (_rostra_store_in_transaction (self))
    return func (self, a, b, n, error);
  if (!rostra_store_begin (self, error))
    return FALSE;
  if (!func (self, a, b, n, error) || !rostra_store_commit (self, error))
    {
      rostra_store_rollback (self);
      return FALSE;
    }
  return TRUE;
}

static gboolean
link_translation (RostraStore *self, gint64 a, gint64 b, guint *n, GError **error)
{
  g_autofree char *now = _rostra_store_now ();
  sqlite3_stmt    *stmt;

  if (!check_pair (self, a, b, error) || !(stmt = get_stmt (self, STMT_LINK, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, a);
  sqlite3_bind_int64 (stmt, 2, b);
  _rostra_store_bind_text (stmt, 3, now);
  return _rostra_store_run (self, stmt, error);
}

/**
 * rostra_store_link_translation:
 * @article_id: a speech
 * @other_id: its translation (or the other way round)
 *
 * Links two speeches as translations of each other; linking them again
 * changes nothing. Committed before it returns, unless part of the
 * caller's transaction.
 *
 * Returns: %FALSE with @error set: %ROSTRA_STORE_ERROR_NOT_FOUND when
 *   either speech is missing
 */
gboolean
rostra_store_link_translation (RostraStore *self,
                               gint64       article_id,
                               gint64       other_id,
                               GError     **error)
{
  g_return_val_if_fail (ROSTRA_IS_STORE (self), FALSE);
  return in_transaction (self, link_translation, article_id, other_id, NULL, error);
}

static gboolean
unlink_versions (RostraStore *self, gint64 a, gint64 b, guint *n, GError **error)
{
  const Stmt which[] = { STMT_UNLINK_TRANSLATION, STMT_UNLINK_PAIR };

  *n = 0;
  if (!check_pair (self, a, b, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (which); i++)
    {
      sqlite3_stmt *stmt = get_stmt (self, which[i], error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, a);
      sqlite3_bind_int64 (stmt, 2, b);
      if (!_rostra_store_run (self, stmt, error))
        return FALSE;
      *n += sqlite3_changes (_rostra_store_get_db (self)) / 2;
    }
  return TRUE;
}

/**
 * rostra_store_unlink_versions:
 * @n_removed: (out) (optional): how many links went (0 when the two
 *   were no versions of each other)
 *
 * Makes two speeches no versions of each other: their translation link
 * goes, and so does a version found by detection (a false match). The
 * detection may find the latter again if one of them is indexed again
 * (a restore into another archive).
 *
 * Returns: %FALSE with @error set: %ROSTRA_STORE_ERROR_NOT_FOUND when
 *   either speech is missing
 */
gboolean
rostra_store_unlink_versions (RostraStore *self,
                              gint64       article_id,
                              gint64       other_id,
                              guint       *n_removed,
                              GError     **error)
{
  guint n = 0;

  g_return_val_if_fail (ROSTRA_IS_STORE (self), FALSE);
  if (!in_transaction (self, unlink_versions, article_id, other_id, &n, error))
    return FALSE;
  if (n_removed != NULL)
    *n_removed = n;
  return TRUE;
}

/**
 * rostra_store_list_translation_links:
 *
 * Returns: (transfer full) (element-type gint64): the translation
 *   links, as pairs of ids flattened (the lower first); %NULL with
 *   @error set
 */
GArray *
rostra_store_list_translation_links (RostraStore *self, GError **error)
{
  g_autoptr (GArray) links = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int           rc;

  g_return_val_if_fail (ROSTRA_IS_STORE (self), NULL);

  if (!(stmt = get_stmt (self, STMT_TRANSLATIONS, error)))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_array_append_val (links, (gint64){ sqlite3_column_int64 (stmt, 0) });
      g_array_append_val (links, (gint64){ sqlite3_column_int64 (stmt, 1) });
    }
  _rostra_store_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _rostra_store_set_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&links);
}

/* Annotations across versions */

static RostraVersion *
version_copy (const RostraVersion *v)
{
  RostraVersion *copy = g_new (RostraVersion, 1);

  *copy = *v;
  copy->title = g_strdup (v->title);
  copy->source = g_strdup (v->source);
  copy->published = g_strdup (v->published);
  copy->language = g_strdup (v->language);
  return copy;
}

/**
 * rostra_store_list_version_annotations:
 * @article_id: the speech being read
 *
 * The annotations made on the speech's other versions, each looked for
 * in this speech's text with the quote and position logic of its own
 * (see rostra_anchor_resolve()): where the passage is found, @found and
 * its place here; where it is not (an outlet cut it), not @found, for a
 * list "not in this version". The annotations are the same rows: edit
 * them as any other (rostra_store_update_annotation()).
 *
 * Returns: (transfer full) (element-type RostraVersionAnnotation): in
 *   the order of the versions, then of their texts; %NULL with @error
 *   set (%ROSTRA_STORE_ERROR_NOT_FOUND when there is no such speech)
 */
GPtrArray *
rostra_store_list_version_annotations (RostraStore *self, gint64 article_id, GError **error)
{
  g_autoptr (GPtrArray) items =
      g_ptr_array_new_with_free_func ((GDestroyNotify) rostra_version_annotation_free);
  g_autoptr (RostraArticle) article = NULL;
  g_autoptr (GPtrArray) versions = NULL;
  const char *text;

  g_return_val_if_fail (ROSTRA_IS_STORE (self), NULL);

  if (!(versions = rostra_store_list_versions (self, article_id, error)) ||
      !(article = rostra_store_load_article (self, article_id, error)))
    return NULL;
  text = rostra_article_get_text (article);

  for (guint i = 0; i < versions->len; i++)
    {
      const RostraVersion *version = g_ptr_array_index (versions, i);
      g_autoptr (GListModel) annotations = rostra_store_list_annotations (self, version->id, error);
      guint n;

      if (annotations == NULL)
        return NULL;
      n = g_list_model_get_n_items (annotations);
      for (guint k = 0; k < n; k++)
        {
          RostraVersionAnnotation *item = g_new0 (RostraVersionAnnotation, 1);
          RostraAnchorResult       result;

          item->annotation = g_list_model_get_item (annotations, k);
          item->version = version_copy (version);
          item->start = rostra_annotation_get_start (item->annotation);
          item->end = rostra_annotation_get_end (item->annotation);
          result = rostra_anchor_resolve (text, rostra_annotation_get_exact (item->annotation),
                                          rostra_annotation_get_prefix (item->annotation),
                                          rostra_annotation_get_suffix (item->annotation),
                                          &item->start, &item->end);
          item->found = result != ROSTRA_ANCHOR_ORPHANED;
          if (!item->found)
            item->start = item->end = 0;
          g_ptr_array_add (items, item);
        }
    }
  return g_steal_pointer (&items);
}
