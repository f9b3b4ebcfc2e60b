/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-store-private.h: what the store's own files share. */
#pragma once

#include <glib.h>
#include <sqlite3.h>

#include "rostra-store.h"

G_BEGIN_DECLS

/* Keeps the speeches (`a`) of the speaker :speaker names: a name or an
 * alias, folded as rostra_text_fold() does (see migration 5). */
#define ROSTRA_STORE_SPEAKER_FILTER_SQL                                    \
  " AND a.id IN (SELECT m.article_id FROM article_meta m"                  \
  " WHERE m.speaker_id = (SELECT id FROM speakers WHERE folded = :speaker" \
  " UNION ALL SELECT speaker_id FROM speaker_aliases WHERE folded = :speaker LIMIT 1))"

/* rostra_store_migrations[i] takes the schema from version i to i + 1. */
extern const char *const rostra_store_migrations[];
extern const guint       rostra_store_n_migrations;

/* The PRAGMAs every connection runs once it is open (WAL, foreign keys,
 * synchronous = FULL, …): one SQL text of several statements. The import
 * benchmark runs the same ones in the `sqlite3` shell for its floor. */
extern const char _rostra_store_connection_pragmas[];

/* A snippet of an article's text around the matches of the FTS5 query,
 * the matches between U+E000 and U+E001 (see ROSTRA_TEXT_MATCH_START). */
#define ROSTRA_STORE_SNIPPET_SQL "snippet (articles_fts, 1, char (57344), char (57345), '…', 24)"

/* Tag names read back in one column: joined with a byte that valid
 * UTF-8 never holds (names are checked to be UTF-8), so any character
 * a user types, control characters included, survives the split. */
#define ROSTRA_STORE_TAG_JOIN_SQL "CAST (X'FF' AS TEXT)"
#define ROSTRA_STORE_TAG_SPLIT    "\xff"

/* Helpers for the store's own files; SQL only ever from the store. */
sqlite3_stmt *_rostra_store_statement (RostraStore *self, const char *sql, GError **error);
gboolean      _rostra_store_set_error (RostraStore *self, int rc, GError **error);
gboolean      _rostra_store_run (RostraStore *self, sqlite3_stmt *stmt, GError **error);
void          _rostra_store_bind_text (sqlite3_stmt *stmt, int index, const char *value);
void          _rostra_store_reset (sqlite3_stmt *stmt);

gboolean _rostra_store_link_tags (RostraStore       *self,
                                  const char        *link_sql,
                                  gint64             owner_id,
                                  const char *const *tags,
                                  GError           **error);

/* Runs @func in a transaction of its own, unless the caller has one open. */
typedef gboolean (*RostraWriteFunc) (RostraStore *store, gpointer data, GError **error);
gboolean
_rostra_store_write (RostraStore *self, RostraWriteFunc func, gpointer data, GError **error);

typedef gpointer (*RostraRowFunc) (sqlite3_stmt *stmt);
GListModel *_rostra_store_read_list (RostraStore  *self,
                                     sqlite3_stmt *stmt,
                                     GType         type,
                                     RostraRowFunc read,
                                     GError      **error);
sqlite3    *_rostra_store_get_db (RostraStore *self);
void        _rostra_store_set_owner_thread (RostraStore *self, GThread *thread);
gboolean    _rostra_store_in_transaction (RostraStore *self);
char       *_rostra_store_now (void);
char       *_rostra_store_pick_uuid (RostraStore *self,
                                     const char  *taken_sql,
                                     const char  *wanted,
                                     GError     **error);

G_END_DECLS
