/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-store-imports.c: past imports, removing one, and article tags.
 *
 * Removing an import deletes the articles it brought in (their search
 * index entries go with them, by trigger). Articles that carry
 * annotations are kept unless the caller says otherwise, since the
 * annotations would go too. The import's row goes once none of its
 * articles is left.
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "rostra-import-info-private.h"
#include "rostra-store-private.h"

static gpointer
read_import (sqlite3_stmt *stmt)
{
  return _rostra_import_info_new (
      sqlite3_column_int64 (stmt, 0), g_strdup ((const char *) sqlite3_column_text (stmt, 1)),
      g_strdup ((const char *) sqlite3_column_text (stmt, 2)),
      g_strdup ((const char *) sqlite3_column_text (stmt, 3)),
      g_strdup ((const char *) sqlite3_column_text (stmt, 4)),
      g_strdup ((const char *) sqlite3_column_text (stmt, 5)), sqlite3_column_int64 (stmt, 6),
      sqlite3_column_int (stmt, 7), sqlite3_column_int (stmt, 8), sqlite3_column_int (stmt, 9),
      sqlite3_column_int (stmt, 10), sqlite3_column_int (stmt, 11));
}

/**
 * rostra_store_list_imports:
 *
 * Returns: (transfer full): a #GListModel of #RostraImportInfo, newest
 *   first; %NULL with @error set
 */
GListModel *
rostra_store_list_imports (RostraStore *self, GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ROSTRA_IS_STORE (self), NULL);

  stmt = _rostra_store_statement (
      self,
      "SELECT i.id, i.name, i.path, i.format, i.encoding, i.started, i.size, i.n_new, i.n_dup,"
      " i.n_warn, (SELECT count(*) FROM articles a WHERE a.import_id = i.id),"
      " (SELECT count(*) FROM articles a WHERE a.import_id = i.id"
      "   AND EXISTS (SELECT 1 FROM annotations n WHERE n.article_id = a.id))"
      " FROM imports i WHERE i.finished IS NOT NULL ORDER BY i.id DESC",
      error);
  if (stmt == NULL)
    return NULL;
  return _rostra_store_read_list (self, stmt, ROSTRA_TYPE_IMPORT_INFO, read_import, error);
}

static gboolean
remove_import (RostraStore *self,
               gint64       import_id,
               gboolean     with_annotated,
               guint       *n_removed,
               guint       *n_kept,
               GError     **error)
{
  sqlite3_stmt *exists, *remove, *count, *drop;
  int           rc;

  if (!(exists = _rostra_store_statement (self, "SELECT 1 FROM imports WHERE id = ?1", error)) ||
      !(remove = _rostra_store_statement (
            self,
            "DELETE FROM articles WHERE import_id = ?1 AND (?2 OR NOT EXISTS"
            " (SELECT 1 FROM annotations n WHERE n.article_id = articles.id))",
            error)) ||
      !(count = _rostra_store_statement (self, "SELECT count(*) FROM articles WHERE import_id = ?1",
                                         error)) ||
      !(drop = _rostra_store_statement (self, "DELETE FROM imports WHERE id = ?1", error)))
    return FALSE;

  sqlite3_bind_int64 (exists, 1, import_id);
  rc = sqlite3_step (exists);
  _rostra_store_reset (exists);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, ROSTRA_STORE_ERROR, ROSTRA_STORE_ERROR_NOT_FOUND,
                   _("There is no import %" PRId64 " in the archive"), import_id);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return _rostra_store_set_error (self, rc, error);

  sqlite3_bind_int64 (remove, 1, import_id);
  sqlite3_bind_int (remove, 2, with_annotated);
  if (!_rostra_store_run (self, remove, error))
    return FALSE;
  *n_removed = sqlite3_changes (_rostra_store_get_db (self));

  sqlite3_bind_int64 (count, 1, import_id);
  rc = sqlite3_step (count);
  *n_kept = rc == SQLITE_ROW ? sqlite3_column_int (count, 0) : 0;
  _rostra_store_reset (count);
  if (rc != SQLITE_ROW)
    return _rostra_store_set_error (self, rc, error);

  if (*n_kept > 0)
    return TRUE;
  sqlite3_bind_int64 (drop, 1, import_id);
  return _rostra_store_run (self, drop, error);
}

/**
 * rostra_store_remove_import:
 * @import_id: an import, see rostra_store_list_imports()
 * @with_annotated: also remove articles that carry annotations (and so
 *   their annotations)
 * @n_removed: (out) (optional): how many articles were removed
 * @n_kept: (out) (optional): how many were kept for their annotations
 *
 * Removes the articles an import brought in, in one transaction. The
 * import itself is forgotten once none of its articles is left.
 *
 * Returns: %FALSE with @error set (%ROSTRA_STORE_ERROR_NOT_FOUND when
 *   there is no such import), and then nothing changed
 */
gboolean
rostra_store_remove_import (RostraStore *self,
                            gint64       import_id,
                            gboolean     with_annotated,
                            guint       *n_removed,
                            guint       *n_kept,
                            GError     **error)
{
  guint removed = 0, kept = 0;

  g_return_val_if_fail (ROSTRA_IS_STORE (self), FALSE);
  g_return_val_if_fail (!_rostra_store_in_transaction (self), FALSE);

  if (!rostra_store_begin (self, error))
    return FALSE;
  if (!remove_import (self, import_id, with_annotated, &removed, &kept, error) ||
      !rostra_store_commit (self, error))
    {
      rostra_store_rollback (self);
      return FALSE;
    }
  rostra_store_checkpoint (self);

  if (n_removed)
    *n_removed = removed;
  if (n_kept)
    *n_kept = kept;
  return TRUE;
}

/**
 * rostra_store_add_article_tags:
 * @article_id: an article
 * @tags: (array zero-terminated=1): tag names; blank ones and repeats are skipped
 *
 * Gives an article tags, creating the tags that do not exist yet. Part
 * of the caller's transaction when one is open (an import's).
 *
 * Returns: %FALSE with @error set on a database error
 */
gboolean
rostra_store_add_article_tags (RostraStore       *self,
                               gint64             article_id,
                               const char *const *tags,
                               GError           **error)
{
  g_return_val_if_fail (ROSTRA_IS_STORE (self), FALSE);

  return _rostra_store_link_tags (self,
                                  "INSERT OR IGNORE INTO article_tags (article_id, tag_id)"
                                  " SELECT ?1, id FROM tags WHERE name = ?2",
                                  article_id, tags, error);
}

/**
 * rostra_store_list_article_tags:
 *
 * Returns: (transfer full): the names of the tags articles carry, the
 *   most used first; %NULL with @error set
 */
char **
rostra_store_list_article_tags (RostraStore *self, GError **error)
{
  g_autoptr (GStrvBuilder) names = g_strv_builder_new ();
  sqlite3_stmt *stmt;
  int           rc;

  g_return_val_if_fail (ROSTRA_IS_STORE (self), NULL);

  stmt = _rostra_store_statement (self,
                                  "SELECT t.name FROM article_tags x JOIN tags t ON t.id = x.tag_id"
                                  " GROUP BY t.id ORDER BY count(*) DESC, t.name COLLATE NOCASE",
                                  error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (names, (const char *) sqlite3_column_text (stmt, 0));
  _rostra_store_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _rostra_store_set_error (self, rc, error);
      return NULL;
    }
  return g_strv_builder_end (names);
}
