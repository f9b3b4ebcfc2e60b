/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-store-annotations.c: annotations and tags in the archive.
 *
 * Every change is one transaction (or part of the caller's), committed
 * before the call returns: once the UI shows an edit as done, it is on
 * disk. Annotations are re-anchored against their article's text when
 * they are read (see rostra-anchor.c): a stale position is repaired,
 * and a passage that is gone is kept as orphaned, never deleted.
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rostra-anchor.h"
#include "rostra-annotation-private.h"
#include "rostra-query.h"
#include "rostra-store-private.h"
#include "rostra-tag.h"

#define ANNOTATION_COLUMNS                                                            \
  "n.id, n.article_id, n.start, n.end, n.exact, n.prefix, n.suffix, n.color, n.note," \
  " n.created, n.modified, n.orphaned,"                                               \
  " (SELECT group_concat (name, " ROSTRA_STORE_TAG_JOIN_SQL                           \
  ") FROM (SELECT t.name FROM annotation_tags x"                                      \
  "   JOIN tags t ON t.id = x.tag_id WHERE x.annotation_id = n.id"                    \
  "   ORDER BY t.name COLLATE NOCASE)),"                                              \
  " a.title, a.source, a.published, n.uuid,"                                          \
  " (SELECT s.name FROM article_meta m JOIN speakers s ON s.id = m.speaker_id"        \
  "   WHERE m.article_id = n.article_id)"
#define ANNOTATION_FROM " FROM annotations n JOIN articles a ON a.id = n.article_id"

static const char *const colors[] = { "yellow", "green", "blue", "red", "purple", NULL };

/**
 * rostra_annotation_colors:
 *
 * Returns: (transfer none): the highlight colours, in the order the UI
 *   offers them
 */
const char *const *
rostra_annotation_colors (void)
{
  return colors;
}

/**
 * rostra_annotation_color_label:
 * @color: a highlight colour, one of rostra_annotation_colors()
 *
 * Returns: (transfer none): the colour's name in the user's language;
 *   @color itself for a colour Rostra has no name for
 */
const char *
rostra_annotation_color_label (const char *color)
{
  if (g_strcmp0 (color, "yellow") == 0)
    return C_ ("highlight colour", "Yellow");
  if (g_strcmp0 (color, "green") == 0)
    return C_ ("highlight colour", "Green");
  if (g_strcmp0 (color, "blue") == 0)
    return C_ ("highlight colour", "Blue");
  if (g_strcmp0 (color, "red") == 0)
    return C_ ("highlight colour", "Red");
  if (g_strcmp0 (color, "purple") == 0)
    return C_ ("highlight colour", "Purple");
  return color;
}

static gboolean
check_color (const char *color, GError **error)
{
  if (color != NULL && g_strv_contains (colors, color))
    return TRUE;
  g_set_error (error, ROSTRA_STORE_ERROR, ROSTRA_STORE_ERROR_FAILED,
               _("“%s” is not a highlight colour"), color ? color : "");
  return FALSE;
}

/* Runs @func inside a transaction of its own, unless the caller has
 * one open (see rostra-store-private.h). */
gboolean
_rostra_store_write (RostraStore *self, RostraWriteFunc func, gpointer data, GError **error)
{
  if (_rostra_store_in_transaction (self))
    return func (self, data, error);

  if (!rostra_store_begin (self, error))
    return FALSE;
  if (!func (self, data, error) || !rostra_store_commit (self, error))
    {
      rostra_store_rollback (self);
      return FALSE;
    }
  return TRUE;
}

static RostraAnnotation *
read_annotation (sqlite3_stmt *stmt)
{
  const char *tags = (const char *) sqlite3_column_text (stmt, 12);
  g_auto (GStrv) tagv = tags ? g_strsplit (tags, ROSTRA_STORE_TAG_SPLIT, -1) : NULL;
  RostraAnnotation *annotation;

  annotation = g_object_new (
      ROSTRA_TYPE_ANNOTATION, "article-id", (gint64) sqlite3_column_int64 (stmt, 1), "start",
      (guint) sqlite3_column_int64 (stmt, 2), "end", (guint) sqlite3_column_int64 (stmt, 3),
      "exact", (const char *) sqlite3_column_text (stmt, 4), "prefix",
      (const char *) sqlite3_column_text (stmt, 5), "suffix",
      (const char *) sqlite3_column_text (stmt, 6), "color",
      (const char *) sqlite3_column_text (stmt, 7), "note",
      (const char *) sqlite3_column_text (stmt, 8), "orphaned", sqlite3_column_int (stmt, 11) != 0,
      "tags", tagv, NULL);
  _rostra_annotation_set_saved (
      annotation, sqlite3_column_int64 (stmt, 0), (const char *) sqlite3_column_text (stmt, 16),
      (const char *) sqlite3_column_text (stmt, 9), (const char *) sqlite3_column_text (stmt, 10));
  _rostra_annotation_set_citation (annotation, (const char *) sqlite3_column_text (stmt, 13),
                                   (const char *) sqlite3_column_text (stmt, 14),
                                   (const char *) sqlite3_column_text (stmt, 15));
  _rostra_annotation_set_speaker (annotation, (const char *) sqlite3_column_text (stmt, 17));
  return annotation;
}

/* Reads every row of @stmt (bound, not yet stepped) into a list. */
static GListModel *
read_annotations (RostraStore *self, sqlite3_stmt *stmt, GError **error)
{
  return _rostra_store_read_list (self, stmt, ROSTRA_TYPE_ANNOTATION,
                                  (RostraRowFunc) read_annotation, error);
}

/* Tags */

/* The names @tags stand for, as the store keeps them: made valid UTF-8
 * and stripped; blank ones and repeats (ignoring case) left out. */
static GPtrArray *
tag_names (const char *const *tags)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; tags && tags[i]; i++)
    {
      /* Valid UTF-8 always: the tag list is split on a byte UTF-8 lacks. */
      g_autofree char *name = g_strstrip (g_utf8_make_valid (tags[i], -1));
      g_autofree char *folded = g_utf8_casefold (name, -1);

      if (*name == '\0' || g_ptr_array_find_with_equal_func (seen, folded, g_str_equal, NULL))
        continue;
      g_ptr_array_add (seen, g_steal_pointer (&folded));
      g_ptr_array_add (names, g_steal_pointer (&name));
    }
  return names;
}

/**
 * _rostra_store_link_tags:
 * @link_sql: `INSERT OR IGNORE INTO x_tags (x_id, tag_id) SELECT ?1, id
 *   FROM tags WHERE name = ?2`
 * @owner_id: what gets the tags (an annotation, an article)
 * @tags: (array zero-terminated=1) (nullable): names; blank ones and
 *   repeats (ignoring case) are skipped
 *
 * Links @owner_id to each tag through @link_sql, creating the tags that
 * do not exist yet.
 */
gboolean
_rostra_store_link_tags (RostraStore       *self,
                         const char        *link_sql,
                         gint64             owner_id,
                         const char *const *tags,
                         GError           **error)
{
  sqlite3_stmt *add, *link;
  g_autoptr (GPtrArray) names = tag_names (tags);

  if (!(add = _rostra_store_statement (
            self, "INSERT INTO tags (name) VALUES (?1) ON CONFLICT (name) DO NOTHING", error)) ||
      !(link = _rostra_store_statement (self, link_sql, error)))
    return FALSE;

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);

      _rostra_store_bind_text (add, 1, name);
      if (!_rostra_store_run (self, add, error))
        return FALSE;
      sqlite3_bind_int64 (link, 1, owner_id);
      _rostra_store_bind_text (link, 2, name);
      if (!_rostra_store_run (self, link, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
set_tags (RostraStore *self, gint64 annotation_id, const char *const *tags, GError **error)
{
  sqlite3_stmt *clear;

  if (!(clear = _rostra_store_statement (
            self, "DELETE FROM annotation_tags WHERE annotation_id = ?1", error)))
    return FALSE;

  sqlite3_bind_int64 (clear, 1, annotation_id);
  return _rostra_store_run (self, clear, error) &&
         _rostra_store_link_tags (self,
                                  "INSERT OR IGNORE INTO annotation_tags (annotation_id, tag_id)"
                                  " SELECT ?1, id FROM tags WHERE name = ?2",
                                  annotation_id, tags, error);
}

/* Adding, changing, removing */

typedef struct
{
  RostraAnnotation *annotation;
  gboolean          keep_id;
  char             *now;
} WriteData;

static gboolean
insert_annotation (RostraStore *self, gpointer user_data, GError **error)
{
  WriteData        *data = user_data;
  RostraAnnotation *a = data->annotation;
  const char       *created = rostra_annotation_get_created (a);
  const char       *modified = rostra_annotation_get_modified (a);
  sqlite3_stmt     *stmt;
  gint64            id;
  g_autofree char  *uuid = NULL;

  stmt = _rostra_store_statement (
      self,
      "INSERT INTO annotations (id, article_id, start, end, exact, prefix, suffix, color, note,"
      " created, modified, orphaned, uuid)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
      error);
  if (stmt == NULL)
    return FALSE;

  /* A restored annotation keeps its UUID unless another one here has it. */
  uuid = _rostra_store_pick_uuid (self, "SELECT 1 FROM annotations WHERE uuid = ?1",
                                  data->keep_id ? rostra_annotation_get_uuid (a) : NULL, error);
  if (uuid == NULL)
    return FALSE;

  /* A restored annotation keeps its id and times; a new one gets both. */
  if (data->keep_id && rostra_annotation_get_id (a) > 0)
    sqlite3_bind_int64 (stmt, 1, rostra_annotation_get_id (a));
  else
    sqlite3_bind_null (stmt, 1);
  sqlite3_bind_int64 (stmt, 2, rostra_annotation_get_article_id (a));
  sqlite3_bind_int64 (stmt, 3, rostra_annotation_get_start (a));
  sqlite3_bind_int64 (stmt, 4, rostra_annotation_get_end (a));
  _rostra_store_bind_text (stmt, 5, rostra_annotation_get_exact (a));
  _rostra_store_bind_text (stmt, 6, rostra_annotation_get_prefix (a));
  _rostra_store_bind_text (stmt, 7, rostra_annotation_get_suffix (a));
  _rostra_store_bind_text (stmt, 8, rostra_annotation_get_color (a));
  _rostra_store_bind_text (stmt, 9, rostra_annotation_get_note (a));
  _rostra_store_bind_text (stmt, 10, data->keep_id && created ? created : data->now);
  _rostra_store_bind_text (stmt, 11, data->keep_id && modified ? modified : data->now);
  sqlite3_bind_int (stmt, 12, rostra_annotation_get_orphaned (a));
  _rostra_store_bind_text (stmt, 13, uuid);
  if (!_rostra_store_run (self, stmt, error))
    return FALSE;

  id = sqlite3_last_insert_rowid (_rostra_store_get_db (self));
  if (!set_tags (self, id, rostra_annotation_get_tags (a), error))
    return FALSE;

  _rostra_annotation_set_saved (a, id, uuid, data->keep_id && created ? created : data->now,
                                data->keep_id && modified ? modified : data->now);
  return TRUE;
}

static gboolean
add_annotation (RostraStore *self, RostraAnnotation *annotation, gboolean keep_id, GError **error)
{
  g_autofree char *now = _rostra_store_now ();
  WriteData        data = { annotation, keep_id, now };

  g_return_val_if_fail (ROSTRA_IS_STORE (self), FALSE);
  g_return_val_if_fail (ROSTRA_IS_ANNOTATION (annotation), FALSE);

  if (!check_color (rostra_annotation_get_color (annotation), error))
    return FALSE;
  return _rostra_store_write (self, insert_annotation, &data, error);
}

/**
 * rostra_store_add_annotation:
 * @annotation: a new annotation, with its article, passage, colour,
 *   note and tags
 *
 * Saves @annotation, with its tags (created when new), and gives it its
 * id and times. It is on disk when this returns %TRUE.
 */
gboolean
rostra_store_add_annotation (RostraStore *self, RostraAnnotation *annotation, GError **error)
{
  return add_annotation (self, annotation, FALSE, error);
}

/**
 * rostra_store_restore_annotation:
 * @annotation: an annotation read from the archive, since deleted
 *
 * Puts a deleted annotation back with its id, UUID, times and tags: the
 * undo of rostra_store_delete_annotation(). An annotation from a backup
 * (without an id) gets a new id; it keeps its UUID unless another
 * annotation of the archive has it.
 */
gboolean
rostra_store_restore_annotation (RostraStore *self, RostraAnnotation *annotation, GError **error)
{
  return add_annotation (self, annotation, TRUE, error);
}

static gboolean
write_annotation (RostraStore *self, gpointer user_data, GError **error)
{
  WriteData        *data = user_data;
  RostraAnnotation *a = data->annotation;
  sqlite3_stmt     *stmt;

  stmt = _rostra_store_statement (self,
                                  "UPDATE annotations SET color = ?2, note = ?3, modified = ?4,"
                                  " start = ?5, end = ?6, orphaned = ?7 WHERE id = ?1",
                                  error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, rostra_annotation_get_id (a));
  _rostra_store_bind_text (stmt, 2, rostra_annotation_get_color (a));
  _rostra_store_bind_text (stmt, 3, rostra_annotation_get_note (a));
  _rostra_store_bind_text (stmt, 4, data->now);
  sqlite3_bind_int64 (stmt, 5, rostra_annotation_get_start (a));
  sqlite3_bind_int64 (stmt, 6, rostra_annotation_get_end (a));
  sqlite3_bind_int (stmt, 7, rostra_annotation_get_orphaned (a));
  if (!_rostra_store_run (self, stmt, error))
    return FALSE;

  if (sqlite3_changes (_rostra_store_get_db (self)) == 0)
    {
      g_set_error (error, ROSTRA_STORE_ERROR, ROSTRA_STORE_ERROR_NOT_FOUND,
                   _("There is no annotation %" PRId64 " in the archive"),
                      rostra_annotation_get_id (a));
      return FALSE;
    }

  if (!set_tags (self, rostra_annotation_get_id (a), rostra_annotation_get_tags (a), error))
    return FALSE;

  _rostra_annotation_set_saved (a, rostra_annotation_get_id (a), rostra_annotation_get_uuid (a),
                                rostra_annotation_get_created (a), data->now);
  return TRUE;
}

/**
 * rostra_store_update_annotation:
 * @annotation: an annotation of the archive, with a new colour, note
 *   or tags
 *
 * Saves the changes and the time of the change.
 */
gboolean
rostra_store_update_annotation (RostraStore *self, RostraAnnotation *annotation, GError **error)
{
  g_autofree char *now = _rostra_store_now ();
  WriteData        data = { annotation, TRUE, now };

  g_return_val_if_fail (ROSTRA_IS_STORE (self), FALSE);
  g_return_val_if_fail (ROSTRA_IS_ANNOTATION (annotation), FALSE);

  if (!check_color (rostra_annotation_get_color (annotation), error))
    return FALSE;
  return _rostra_store_write (self, write_annotation, &data, error);
}

/**
 * rostra_store_delete_annotation:
 * @id: the annotation's id
 *
 * Deletes an annotation and its tag links (the tags stay). Keep the
 * annotation to undo with rostra_store_restore_annotation().
 */
gboolean
rostra_store_delete_annotation (RostraStore *self, gint64 id, GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ROSTRA_IS_STORE (self), FALSE);

  if (!(stmt = _rostra_store_statement (self, "DELETE FROM annotations WHERE id = ?1", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return _rostra_store_run (self, stmt, error);
}

/* Reading */

/**
 * rostra_store_load_annotation:
 *
 * Returns: (transfer full): the annotation, or %NULL with @error set
 */
RostraAnnotation *
rostra_store_load_annotation (RostraStore *self, gint64 id, GError **error)
{
  sqlite3_stmt     *stmt;
  RostraAnnotation *annotation = NULL;
  int               rc;

  g_return_val_if_fail (ROSTRA_IS_STORE (self), NULL);

  stmt = _rostra_store_statement (
      self, "SELECT " ANNOTATION_COLUMNS ANNOTATION_FROM " WHERE n.id = ?1", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    annotation = read_annotation (stmt);
  _rostra_store_reset (stmt);

  if (rc == SQLITE_DONE)
    g_set_error (error, ROSTRA_STORE_ERROR, ROSTRA_STORE_ERROR_NOT_FOUND,
                 _("There is no annotation %" PRId64 " in the archive"), id);
  else if (rc != SQLITE_ROW)
    _rostra_store_set_error (self, rc, error);
  return annotation;
}

typedef struct
{
  GListModel *annotations;
  const char *text;
} AnchorData;

/* Checks every position against its quote and saves what moved. */
static gboolean
reanchor (RostraStore *self, gpointer user_data, GError **error)
{
  AnchorData   *data = user_data;
  sqlite3_stmt *stmt;
  guint         n = g_list_model_get_n_items (data->annotations);

  stmt = _rostra_store_statement (
      self, "UPDATE annotations SET start = ?2, end = ?3, orphaned = ?4 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (RostraAnnotation) a = g_list_model_get_item (data->annotations, i);
      guint              start = rostra_annotation_get_start (a);
      guint              end = rostra_annotation_get_end (a);
      RostraAnchorResult result;
      gboolean           orphaned;

      result = rostra_anchor_resolve (data->text, rostra_annotation_get_exact (a),
                                      rostra_annotation_get_prefix (a),
                                      rostra_annotation_get_suffix (a), &start, &end);
      /* An orphan keeps its last position, for the record. */
      orphaned = result == ROSTRA_ANCHOR_ORPHANED;

      if (start == rostra_annotation_get_start (a) && end == rostra_annotation_get_end (a) &&
          orphaned == rostra_annotation_get_orphaned (a))
        continue;

      sqlite3_bind_int64 (stmt, 1, rostra_annotation_get_id (a));
      sqlite3_bind_int64 (stmt, 2, start);
      sqlite3_bind_int64 (stmt, 3, end);
      sqlite3_bind_int (stmt, 4, orphaned);
      if (!_rostra_store_run (self, stmt, error))
        return FALSE;
      _rostra_annotation_set_anchor (a, start, end, orphaned);
    }
  return TRUE;
}

static int
compare_by_position (gconstpointer a, gconstpointer b, gpointer user_data)
{
  RostraAnnotation *x = (RostraAnnotation *) a, *y = (RostraAnnotation *) b;

  if (rostra_annotation_get_orphaned (x) != rostra_annotation_get_orphaned (y))
    return rostra_annotation_get_orphaned (x) - rostra_annotation_get_orphaned (y);
  if (rostra_annotation_get_start (x) != rostra_annotation_get_start (y))
    return rostra_annotation_get_start (x) < rostra_annotation_get_start (y) ? -1 : 1;
  return rostra_annotation_get_id (x) < rostra_annotation_get_id (y) ? -1 : 1;
}

/**
 * rostra_store_list_annotations:
 * @article_id: an article
 *
 * The article's annotations in text order (orphaned ones last), each
 * checked against the article's text: a position that no longer holds
 * its passage is repaired when the passage is found elsewhere, and the
 * annotation is marked orphaned when it is found nowhere. Never deletes.
 *
 * Returns: (transfer full): a #GListModel of #RostraAnnotation, or
 *   %NULL with @error set
 */
GListModel *
rostra_store_list_annotations (RostraStore *self, gint64 article_id, GError **error)
{
  g_autoptr (RostraArticle) article = NULL;
  g_autoptr (GListModel) annotations = NULL;
  sqlite3_stmt *stmt;
  AnchorData    data;

  g_return_val_if_fail (ROSTRA_IS_STORE (self), NULL);

  if (!(article = rostra_store_load_article (self, article_id, error)))
    return NULL;

  stmt = _rostra_store_statement (
      self, "SELECT " ANNOTATION_COLUMNS ANNOTATION_FROM " WHERE n.article_id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, article_id);
  if (!(annotations = read_annotations (self, stmt, error)))
    return NULL;

  data.annotations = annotations;
  data.text = rostra_article_get_text (article);
  if (g_list_model_get_n_items (annotations) > 0 &&
      !_rostra_store_write (self, reanchor, &data, error))
    return NULL;

  g_list_store_sort (G_LIST_STORE (annotations), compare_by_position, NULL);
  return g_steal_pointer (&annotations);
}

/**
 * rostra_store_find_annotations:
 * @text: (nullable): words to find in passages and notes (searched as
 *   the article search does: see rostra_search_to_fts())
 * @tag: (nullable): only annotations with this tag
 * @color: (nullable): only annotations of this colour
 * @by_article_date: order by the articles' dates (newest first) and
 *   position, instead of newest annotation first
 *
 * Every annotation of the archive that matches, each with its
 * article's title, source and date for the citation.
 *
 * Returns: (transfer full): a #GListModel of #RostraAnnotation, or
 *   %NULL with @error set
 */
GListModel *
rostra_store_find_annotations (RostraStore *self,
                               const char  *text,
                               const char  *tag,
                               const char  *color,
                               gboolean     by_article_date,
                               GError     **error)
{
  g_autofree char *fts = text ? rostra_search_to_fts (text) : NULL;
  g_autoptr (GString) sql = g_string_new ("SELECT " ANNOTATION_COLUMNS ANNOTATION_FROM " WHERE 1");
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ROSTRA_IS_STORE (self), NULL);

  /* The SQL varies only by which filters are on; values are bound. */
  if (fts)
    g_string_append (sql, " AND n.id IN (SELECT rowid FROM annotations_fts"
                          " WHERE annotations_fts MATCH :fts)");
  if (tag)
    g_string_append (sql, " AND EXISTS (SELECT 1 FROM annotation_tags x JOIN tags t"
                          " ON t.id = x.tag_id WHERE x.annotation_id = n.id AND t.name = :tag)");
  if (color)
    g_string_append (sql, " AND n.color = :color");
  g_string_append (sql, by_article_date ? " ORDER BY a.published DESC, a.id DESC, n.start, n.id"
                                        : " ORDER BY n.created DESC, n.id DESC");

  if (!(stmt = _rostra_store_statement (self, sql->str, error)))
    return NULL;
  _rostra_store_bind_text (stmt, sqlite3_bind_parameter_index (stmt, ":fts"), fts);
  _rostra_store_bind_text (stmt, sqlite3_bind_parameter_index (stmt, ":tag"), tag);
  _rostra_store_bind_text (stmt, sqlite3_bind_parameter_index (stmt, ":color"), color);
  return read_annotations (self, stmt, error);
}

static gpointer
read_tag (sqlite3_stmt *stmt)
{
  return rostra_tag_new ((const char *) sqlite3_column_text (stmt, 0),
                         sqlite3_column_int (stmt, 1));
}

/**
 * rostra_store_list_tags:
 *
 * Returns: (transfer full): a #GListModel of #RostraTag by name, each
 *   with how many annotations carry it; %NULL with @error set
 */
GListModel *
rostra_store_list_tags (RostraStore *self, GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ROSTRA_IS_STORE (self), NULL);

  stmt = _rostra_store_statement (self,
                                  "SELECT t.name, count (x.annotation_id) FROM tags t"
                                  " LEFT JOIN annotation_tags x ON x.tag_id = t.id"
                                  " GROUP BY t.id ORDER BY t.name COLLATE NOCASE",
                                  error);
  if (stmt == NULL)
    return NULL;
  return _rostra_store_read_list (self, stmt, ROSTRA_TYPE_TAG, read_tag, error);
}

typedef struct
{
  const char *name;
  const char *new_name;
} RenameData;

static gboolean
rename_tag (RostraStore *self, gpointer user_data, GError **error)
{
  RenameData   *data = user_data;
  sqlite3_stmt *merge, *merge_articles, *drop, *rename;

  /* Merging into an existing tag: move the links, drop the old tag. */
  if (!(merge =
            _rostra_store_statement (self,
                                     "INSERT OR IGNORE INTO annotation_tags (annotation_id, tag_id)"
                                     " SELECT x.annotation_id, n.id FROM annotation_tags x"
                                     " JOIN tags o ON o.id = x.tag_id AND o.name = ?1"
                                     " JOIN tags n ON n.name = ?2 AND n.id != o.id",
                                     error)) ||
      !(merge_articles =
            _rostra_store_statement (self,
                                     "INSERT OR IGNORE INTO article_tags (article_id, tag_id)"
                                     " SELECT x.article_id, n.id FROM article_tags x"
                                     " JOIN tags o ON o.id = x.tag_id AND o.name = ?1"
                                     " JOIN tags n ON n.name = ?2 AND n.id != o.id",
                                     error)) ||
      !(drop = _rostra_store_statement (
            self,
            "DELETE FROM tags WHERE name = ?1 AND EXISTS"
            " (SELECT 1 FROM tags n WHERE n.name = ?2 AND n.id != tags.id)",
            error)) ||
      !(rename =
            _rostra_store_statement (self, "UPDATE tags SET name = ?2 WHERE name = ?1", error)))
    return FALSE;

  for (guint i = 0; i < 4; i++)
    {
      sqlite3_stmt *stmt = (sqlite3_stmt *[]){ merge, merge_articles, drop, rename }[i];

      _rostra_store_bind_text (stmt, 1, data->name);
      _rostra_store_bind_text (stmt, 2, data->new_name);
      if (!_rostra_store_run (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * rostra_store_rename_tag:
 * @name: a tag
 * @new_name: its new name; when another tag has it, the two are merged
 *
 * Renames or merges a tag on every annotation that carries it.
 */
gboolean
rostra_store_rename_tag (RostraStore *self, const char *name, const char *new_name, GError **error)
{
  g_autofree char *stripped = NULL;
  RenameData       data;

  g_return_val_if_fail (ROSTRA_IS_STORE (self), FALSE);
  g_return_val_if_fail (name != NULL && new_name != NULL, FALSE);

  stripped = g_strstrip (g_strdup (new_name));
  if (*stripped == '\0')
    {
      g_set_error_literal (error, ROSTRA_STORE_ERROR, ROSTRA_STORE_ERROR_FAILED,
                           _("A tag needs a name"));
      return FALSE;
    }

  data.name = name;
  data.new_name = stripped;
  return _rostra_store_write (self, rename_tag, &data, error);
}

/* g_ptr_array_sort_values() is GLib 2.76; we build against 2.74. */
static int
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* The tags as the store compares them: their names (see tag_names())
 * in ASCII lower case, as the store's NOCASE names and SQL's lower()
 * fold them, sorted and joined; %NULL for none, as group_concat() of no
 * rows. */
static char *
tags_key (const char *const *tags)
{
  g_autoptr (GPtrArray) names = tag_names (tags);
  g_autoptr (GString) key = NULL;

  if (names->len == 0)
    return NULL;
  for (guint i = 0; i < names->len; i++)
    {
      char *lower = g_ascii_strdown (g_ptr_array_index (names, i), -1);

      g_free (g_ptr_array_index (names, i));
      g_ptr_array_index (names, i) = lower;
    }
  g_ptr_array_sort (names, compare_names);

  key = g_string_new (NULL);
  for (guint i = 0; i < names->len; i++)
    g_string_append_printf (key, "%s%s", i > 0 ? ROSTRA_STORE_TAG_SPLIT : "",
                            (const char *) g_ptr_array_index (names, i));
  return g_string_free (g_steal_pointer (&key), FALSE);
}

/**
 * rostra_store_find_annotation_copies:
 * @annotation: an annotation from elsewhere (a backup), with its
 *   article's id in this archive
 * @by_uuid: find the one with @annotation's UUID (its identity), rather
 *   than by content
 *
 * Finds the annotations of the archive that are @annotation, so that
 * importing a backup twice does not duplicate it: @by_uuid, the one
 * with its UUID; otherwise (a backup made before annotations had UUIDs)
 * every annotation equal to it in every field but id and UUID: article,
 * position, passage with its context, colour, note, tags (ignoring
 * ASCII case, as tag names do), times and whether it is orphaned.
 *
 * Returns: (transfer full) (element-type gint64): their ids, oldest
 *   first; %NULL with @error set
 */
GArray *
rostra_store_find_annotation_copies (RostraStore      *self,
                                     RostraAnnotation *annotation,
                                     gboolean          by_uuid,
                                     GError          **error)
{
  const char      *uuid;
  g_autofree char *lower = NULL;
  g_autofree char *tags = NULL;
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int           rc;

  g_return_val_if_fail (ROSTRA_IS_STORE (self), NULL);
  g_return_val_if_fail (ROSTRA_IS_ANNOTATION (annotation), NULL);

  uuid = rostra_annotation_get_uuid (annotation);
  g_return_val_if_fail (!by_uuid || uuid != NULL, NULL);
  if (by_uuid)
    {
      lower = g_ascii_strdown (uuid, -1);
      if (!(stmt = _rostra_store_statement (self, "SELECT id FROM annotations WHERE uuid = ?1",
                                            error)))
        return NULL;
      _rostra_store_bind_text (stmt, 1, lower);
    }
  else
    {
      stmt = _rostra_store_statement (
          self,
          "SELECT n.id FROM annotations n WHERE n.article_id = ?1 AND n.start = ?2"
          " AND n.end = ?3 AND n.exact IS ?4 AND n.prefix IS ?5 AND n.suffix IS ?6"
          " AND n.color IS ?7 AND n.note IS ?8 AND n.created IS ?9 AND n.modified IS ?10"
          " AND n.orphaned = ?11 AND (SELECT group_concat (k, " ROSTRA_STORE_TAG_JOIN_SQL
          ") FROM (SELECT lower (t.name) AS k FROM annotation_tags x"
          "   JOIN tags t ON t.id = x.tag_id WHERE x.annotation_id = n.id ORDER BY k)) IS ?12"
          " ORDER BY n.id",
          error);
      if (stmt == NULL)
        return NULL;
      tags = tags_key (rostra_annotation_get_tags (annotation));
      sqlite3_bind_int64 (stmt, 1, rostra_annotation_get_article_id (annotation));
      sqlite3_bind_int64 (stmt, 2, rostra_annotation_get_start (annotation));
      sqlite3_bind_int64 (stmt, 3, rostra_annotation_get_end (annotation));
      _rostra_store_bind_text (stmt, 4, rostra_annotation_get_exact (annotation));
      _rostra_store_bind_text (stmt, 5, rostra_annotation_get_prefix (annotation));
      _rostra_store_bind_text (stmt, 6, rostra_annotation_get_suffix (annotation));
      _rostra_store_bind_text (stmt, 7, rostra_annotation_get_color (annotation));
      _rostra_store_bind_text (stmt, 8, rostra_annotation_get_note (annotation));
      _rostra_store_bind_text (stmt, 9, rostra_annotation_get_created (annotation));
      _rostra_store_bind_text (stmt, 10, rostra_annotation_get_modified (annotation));
      sqlite3_bind_int (stmt, 11, rostra_annotation_get_orphaned (annotation));
      _rostra_store_bind_text (stmt, 12, tags);
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  _rostra_store_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _rostra_store_set_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&ids);
}
