/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-store.c: the SQLite archive behind every model.
 *
 * One RostraStore is one connection, used by one thread at a time: the
 * main thread has its own, and every worker (import, export, backup)
 * opens another. WAL lets them read and write side by side. Every
 * statement is prepared once, kept, and run with bound values.
 */

#include "config.h"

#include <inttypes.h>

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "rostra-sqlite-private.h"
#include "rostra-article-private.h"
#include "rostra-store-private.h"
#include "rostra-store.h"
#include "rostra-query.h"
#include "rostra-text.h"

#define BUSY_TIMEOUT_MS 5000
/* A big import fills the WAL with the whole transaction; once it is
 * checkpointed, give the space back down to this. */
#define WAL_SIZE_LIMIT 16777216 /* 16 MiB */

G_DEFINE_QUARK (rostra_store_error_quark, rostra_store_error)

/* Every connection's settings, in this order (see rostra-store-private.h). */
const char _rostra_store_connection_pragmas[] =
    "PRAGMA journal_mode = WAL;"
    "PRAGMA foreign_keys = ON;"
    "PRAGMA synchronous = FULL;"
    "PRAGMA journal_size_limit = " G_STRINGIFY (WAL_SIZE_LIMIT) ";";

typedef enum
{
  STMT_BEGIN,
  STMT_COMMIT,
  STMT_ROLLBACK,
  STMT_USER_VERSION,
  STMT_ADD_IMPORT,
  STMT_FINISH_IMPORT,
  STMT_ADD_ARTICLE,
  STMT_COUNT_ARTICLES,
  STMT_LIST_ARTICLES,
  STMT_LIST_ARTICLES_WITH_TEXT,
  STMT_LOAD_ARTICLE,
  STMT_LOAD_ROW,
  STMT_SNIPPET,
  STMT_SOURCES,
  STMT_LANGUAGES,
  STMT_YEARS,
  N_STMTS
} Stmt;

/* The columns read_article() expects, in order; text last. */
#define ARTICLE_COLUMNS                                                \
  "a.id, a.title, a.source, a.published, a.language, a.words, i.name," \
  " (SELECT count(*) FROM annotations n WHERE n.article_id = a.id),"   \
  " (SELECT group_concat (name, " ROSTRA_STORE_TAG_JOIN_SQL            \
  ") FROM (SELECT t.name FROM article_tags x"                          \
  "   JOIN tags t ON t.id = x.tag_id WHERE x.article_id = a.id"        \
  "   ORDER BY t.name COLLATE NOCASE)),"                               \
  " (SELECT u.uuid FROM article_uuids u WHERE u.article_id = a.id),"   \
  " s.name, m.occasion, m.delivered, m.memo,"                          \
  " (SELECT 2 - r.cleaned FROM article_raw r WHERE r.article_id = a.id)"
#define ARTICLE_FROM                                           \
  " FROM articles a LEFT JOIN imports i ON i.id = a.import_id" \
  " LEFT JOIN article_meta m ON m.article_id = a.id"           \
  " LEFT JOIN speakers s ON s.id = m.speaker_id"
#define ARTICLE_ORDER " ORDER BY a.published DESC, a.id DESC"

static const char *const stmt_sql[N_STMTS] = {
  [STMT_BEGIN] = "BEGIN IMMEDIATE",
  [STMT_COMMIT] = "COMMIT",
  [STMT_ROLLBACK] = "ROLLBACK",
  [STMT_USER_VERSION] = "PRAGMA user_version",
  [STMT_ADD_IMPORT] = "INSERT INTO imports (name, path, format, started) VALUES (?1, ?2, ?3, ?4)",
  [STMT_FINISH_IMPORT] = "UPDATE imports SET size = ?2, sha256 = ?3, encoding = ?4, finished = ?5,"
                         " n_new = ?6, n_dup = ?7, n_warn = ?8 WHERE id = ?1",
  [STMT_ADD_ARTICLE] = "INSERT INTO articles"
                       " (import_id, title, source, published, language, text, hash, words)"
                       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (hash) DO NOTHING",
  [STMT_COUNT_ARTICLES] = "SELECT count(*) FROM articles",
  [STMT_LIST_ARTICLES] = "SELECT " ARTICLE_COLUMNS ARTICLE_FROM                      ARTICLE_ORDER,
  [STMT_LIST_ARTICLES_WITH_TEXT] = "SELECT " ARTICLE_COLUMNS ", a.text" ARTICLE_FROM ARTICLE_ORDER,
  [STMT_LOAD_ARTICLE] = "SELECT " ARTICLE_COLUMNS ", a.text" ARTICLE_FROM " WHERE a.id = ?1",
  [STMT_LOAD_ROW] = "SELECT " ARTICLE_COLUMNS ARTICLE_FROM " WHERE a.id = ?1",
  /* Matches between U+E000 and U+E001: see ROSTRA_TEXT_MATCH_START. */
  [STMT_SNIPPET] = "SELECT " ROSTRA_STORE_SNIPPET_SQL
                   " FROM articles_fts WHERE articles_fts MATCH ?1 AND rowid = ?2",
  [STMT_SOURCES] = "SELECT source FROM articles WHERE source IS NOT NULL"
                   " GROUP BY source ORDER BY count(*) DESC, source",
  [STMT_LANGUAGES] = "SELECT language FROM articles WHERE language IS NOT NULL"
                     " GROUP BY language ORDER BY count(*) DESC, language",
  [STMT_YEARS] = "SELECT DISTINCT CAST (substr (published, 1, 4) AS INTEGER) FROM articles"
                 " WHERE published IS NOT NULL ORDER BY 1 DESC",
};

struct _RostraStore
{
  GObject parent_instance;

  char         *path;
  sqlite3      *db;
  sqlite3_stmt *stmts[N_STMTS];
  GHashTable   *sql_stmts; /* SQL text → sqlite3_stmt */
  int           schema_version;
  gboolean      in_transaction;
  GThread      *owner; /* the only thread that may use the connection, or NULL */
};

G_DEFINE_FINAL_TYPE (RostraStore, rostra_store, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
rostra_store_finalize (GObject *object)
{
  RostraStore *self = (RostraStore *) object;

  for (guint i = 0; i < N_STMTS; i++)
    sqlite3_finalize (self->stmts[i]);
  g_clear_pointer (&self->sql_stmts, g_hash_table_unref);
  sqlite3_close (self->db);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (rostra_store_parent_class)->finalize (object);
}

static void
rostra_store_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  RostraStore *self = ROSTRA_STORE (object);

  switch (prop_id)
    {
      case PROP_PATH:
        g_value_set_string (value, self->path);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rostra_store_class_init (RostraStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rostra_store_finalize;
  object_class->get_property = rostra_store_get_property;

  properties[PROP_PATH] =
      g_param_spec_string ("path", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rostra_store_init (RostraStore *self)
{
  self->sql_stmts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify) (void (*) (void)) sqlite3_finalize);
}

/* Errors */

/* A write that failed for want of room: a full disk (ENOSPC), a limit
 * on the size of files (EFBIG) or a quota (EDQUOT). SQLite reports the
 * first as SQLITE_FULL but the others as SQLITE_IOERR_WRITE (or _FSYNC,
 * _TRUNCATE, …); the reason is the connection's system errno or, when
 * the write that failed was the commit's, the last errno of the file
 * written: the database's or its write-ahead log's. */
static gboolean
is_room_errno (int system_errno)
{
  return system_errno == ENOSPC || system_errno == EFBIG
#ifdef EDQUOT
         || system_errno == EDQUOT
#endif
      ;
}

static gboolean
is_out_of_room (sqlite3 *db, int rc)
{
  sqlite3_file *log = NULL;
  int           file_errno = 0;

  if ((rc & 0xff) != SQLITE_IOERR || db == NULL)
    return FALSE;
  if (is_room_errno (sqlite3_system_errno (db)))
    return TRUE;
  if (sqlite3_file_control (db, "main", SQLITE_FCNTL_LAST_ERRNO, &file_errno) == SQLITE_OK &&
      is_room_errno (file_errno))
    return TRUE;
  file_errno = 0;
  return sqlite3_file_control (db, "main", SQLITE_FCNTL_JOURNAL_POINTER, &log) == SQLITE_OK &&
         log != NULL && log->pMethods != NULL &&
         log->pMethods->xFileControl (log, SQLITE_FCNTL_LAST_ERRNO, &file_errno) == SQLITE_OK &&
         is_room_errno (file_errno);
}

static RostraStoreError
error_code_for (sqlite3 *db, int rc)
{
  if (is_out_of_room (db, rc))
    return ROSTRA_STORE_ERROR_FULL;

  switch (rc & 0xff)
    {
      case SQLITE_NOTADB:
        return ROSTRA_STORE_ERROR_NOT_A_DATABASE;
      case SQLITE_CORRUPT:
        return ROSTRA_STORE_ERROR_CORRUPT;
      case SQLITE_READONLY:
      case SQLITE_PERM:
        return ROSTRA_STORE_ERROR_READ_ONLY;
      case SQLITE_BUSY:
      case SQLITE_LOCKED:
        return ROSTRA_STORE_ERROR_BUSY;
      case SQLITE_FULL:
        return ROSTRA_STORE_ERROR_FULL;
      case SQLITE_CANTOPEN:
        return ROSTRA_STORE_ERROR_OPEN;
      default:
        return ROSTRA_STORE_ERROR_FAILED;
    }
}

static gboolean
set_db_error (RostraStore *self, int rc, GError **error)
{
  RostraStoreError code = error_code_for (self->db, rc);
  const char      *detail = self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);

  switch (code)
    {
      case ROSTRA_STORE_ERROR_NOT_A_DATABASE:
        g_set_error (error, ROSTRA_STORE_ERROR, code,
                     _("“%s” is not a Rostra archive (not a database); it was left untouched"),
                        self->path);
        break;
      case ROSTRA_STORE_ERROR_CORRUPT:
        g_set_error (error, ROSTRA_STORE_ERROR, code,
                     _("The archive “%s” is damaged (%s); it was left untouched"), self->path,
                        detail);
        break;
      case ROSTRA_STORE_ERROR_READ_ONLY:
        g_set_error (error, ROSTRA_STORE_ERROR, code,
                     _("The archive “%s” cannot be written (%s)"), self->path, detail);
        break;
      case ROSTRA_STORE_ERROR_BUSY:
        g_set_error (error, ROSTRA_STORE_ERROR, code,
                     _("The archive “%s” is in use by another program; try again when it is done"),
                        self->path);
        break;
      case ROSTRA_STORE_ERROR_FULL:
        g_set_error (error, ROSTRA_STORE_ERROR, code,
                     _("The disk holding “%s” is full; nothing was changed"), self->path);
        break;
      case ROSTRA_STORE_ERROR_OPEN:
        g_set_error (error, ROSTRA_STORE_ERROR, code,
                     _("The archive “%s” cannot be opened (%s)"), self->path, detail);
        break;
      default:
        g_set_error (error, ROSTRA_STORE_ERROR, code,
                     _("Archive error in “%s”: %s"), self->path, detail);
        break;
    }

  return FALSE;
}

/* Statements */

/* A connection belongs to one thread (see _rostra_store_set_owner_thread()). */
#define ASSERT_OWNER(self) g_assert ((self)->owner == NULL || (self)->owner == g_thread_self ())

static sqlite3_stmt *
get_stmt (RostraStore *self, Stmt which, GError **error)
{
  int rc;

  ASSERT_OWNER (self);
  if (self->stmts[which] != NULL)
    return self->stmts[which];

  rc = sqlite3_prepare_v3 (self->db, stmt_sql[which], -1, SQLITE_PREPARE_PERSISTENT,
                           &self->stmts[which], NULL);
  if (rc != SQLITE_OK)
    {
      set_db_error (self, rc, error);
      return NULL;
    }
  return self->stmts[which];
}

static void
bind_text (sqlite3_stmt *stmt, int index, const char *value)
{
  if (value != NULL)
    sqlite3_bind_text (stmt, index, value, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, index);
}

static void
finish_stmt (sqlite3_stmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

/* Runs a statement that returns no rows, and resets it. */
static gboolean
run_stmt (RostraStore *self, sqlite3_stmt *stmt, GError **error)
{
  int rc = sqlite3_step (stmt);

  finish_stmt (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return set_db_error (self, rc, error);
  return TRUE;
}

static gint64
query_int (RostraStore *self, Stmt which, GError **error)
{
  sqlite3_stmt *stmt = get_stmt (self, which, error);
  gint64        value;
  int           rc;

  if (stmt == NULL)
    return -1;

  rc = sqlite3_step (stmt);
  value = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : -1;
  finish_stmt (stmt);
  if (rc != SQLITE_ROW)
    set_db_error (self, rc, error);
  return value;
}

static gboolean
exec_sql (RostraStore *self, const char *sql, GError **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return set_db_error (self, rc, error);
  return TRUE;
}

static char *
dup_column (sqlite3_stmt *stmt, int column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static RostraArticle *
read_article (sqlite3_stmt *stmt, gboolean with_text)
{
  const char    *tags = (const char *) sqlite3_column_text (stmt, 8);
  RostraArticle *article;

  article = _rostra_article_new (sqlite3_column_int64 (stmt, 0), dup_column (stmt, 1),
                                 dup_column (stmt, 2), dup_column (stmt, 3), dup_column (stmt, 4),
                                 with_text ? dup_column (stmt, 15) : NULL, dup_column (stmt, 6),
                                 sqlite3_column_int (stmt, 5), sqlite3_column_int (stmt, 7));
  _rostra_article_set_uuid (article, dup_column (stmt, 9));
  _rostra_article_set_metadata (article, dup_column (stmt, 10), dup_column (stmt, 11),
                                dup_column (stmt, 12), dup_column (stmt, 13),
                                sqlite3_column_int (stmt, 14));
  if (tags != NULL)
    _rostra_article_set_tags (article, g_strsplit (tags, ROSTRA_STORE_TAG_SPLIT, -1));
  return article;
}

static char *
now_iso8601 (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

/* Opening and migrating */

static gboolean
check_version (RostraStore *self, GError **error)
{
  gint64 version = query_int (self, STMT_USER_VERSION, error);

  if (version < 0)
    return FALSE;

  if (version > ROSTRA_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, ROSTRA_STORE_ERROR, ROSTRA_STORE_ERROR_FUTURE_SCHEMA,
                   _("The archive “%s” was written by a newer version of Rostra (schema %d; this "
                     "version knows up to %d). It was left untouched."),
                      self->path, (int) version, ROSTRA_STORE_SCHEMA_VERSION);
      return FALSE;
    }

  self->schema_version = (int) version;
  return TRUE;
}

static gboolean
migrate (RostraStore *self, GError **error)
{
  gint64 version = self->schema_version;

  while (version < ROSTRA_STORE_SCHEMA_VERSION)
    {
      g_autofree char *set_version = NULL;

      if (!rostra_store_begin (self, error))
        return FALSE;

      /* Another process may have migrated while we waited for the lock. */
      version = query_int (self, STMT_USER_VERSION, error);
      if (version < 0)
        goto failed;
      if (version >= ROSTRA_STORE_SCHEMA_VERSION)
        {
          rostra_store_rollback (self);
          break;
        }

      set_version = g_strdup_printf ("PRAGMA user_version = %d", (int) version + 1);
      if (!exec_sql (self, rostra_store_migrations[version], error) ||
          !exec_sql (self, set_version, error) || !rostra_store_commit (self, error))
        goto failed;

      version++;
    }

  self->schema_version = (int) version;
  return TRUE;

failed:
  rostra_store_rollback (self);
  return FALSE;
}

/**
 * rostra_store_default_path:
 *
 * Returns: (transfer full): `$XDG_DATA_HOME/rostra/archive.db`
 */
char *
rostra_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "rostra", "archive.db", NULL);
}

/**
 * rostra_store_open:
 * @path: the archive's file, created with its folder when missing;
 *   `:memory:` for a private archive in memory
 * @error: return location for a %ROSTRA_STORE_ERROR
 *
 * Opens an archive and brings its schema up to date. A file that is
 * not an archive, is damaged, or comes from a newer Rostra is refused
 * and left as it was.
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 */
RostraStore *
rostra_store_open (const char *path, GError **error)
{
  g_autoptr (RostraStore) self = NULL;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (ROSTRA_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  if (!g_str_equal (path, ":memory:"))
    {
      g_autofree char *dir = g_path_get_dirname (path);

      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          int saved_errno = errno;

          g_set_error (error, ROSTRA_STORE_ERROR, ROSTRA_STORE_ERROR_OPEN,
                       _("The folder “%s” for the archive cannot be created: %s"), dir,
                          g_strerror (saved_errno));
          return NULL;
        }
    }

  rc = _rostra_sqlite_open (path, &self->db,
                            SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX);
  if (rc != SQLITE_OK)
    {
      set_db_error (self, rc, error);
      return NULL;
    }

  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);

  /* Read the schema version before anything writes: a file that is
   * not a database, or comes from a newer Rostra, fails here untouched
   * (even switching to WAL would rewrite its header). */
  if (!check_version (self, error) || !exec_sql (self, _rostra_store_connection_pragmas, error) ||
      !migrate (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

const char *
rostra_store_get_path (RostraStore *self)
{
  g_return_val_if_fail (ROSTRA_IS_STORE (self), NULL);
  return self->path;
}

int
rostra_store_get_schema_version (RostraStore *self)
{
  g_return_val_if_fail (ROSTRA_IS_STORE (self), 0);
  return self->schema_version;
}

/* Transactions */

/**
 * rostra_store_begin:
 *
 * Starts a write transaction (`BEGIN IMMEDIATE`): the write lock is
 * taken now, so a later statement cannot fail for want of it.
 * Transactions do not nest.
 */
gboolean
rostra_store_begin (RostraStore *self, GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ROSTRA_IS_STORE (self), FALSE);
  g_return_val_if_fail (!self->in_transaction, FALSE);

  if (!(stmt = get_stmt (self, STMT_BEGIN, error)) || !run_stmt (self, stmt, error))
    return FALSE;
  self->in_transaction = TRUE;
  return TRUE;
}

gboolean
rostra_store_commit (RostraStore *self, GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ROSTRA_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->in_transaction, FALSE);

  if (!(stmt = get_stmt (self, STMT_COMMIT, error)) || !run_stmt (self, stmt, error))
    return FALSE;
  self->in_transaction = FALSE;
  return TRUE;
}

/**
 * rostra_store_rollback:
 *
 * Undoes the open transaction, if any. Safe to call after a failed
 * commit.
 */
void
rostra_store_rollback (RostraStore *self)
{
  g_return_if_fail (ROSTRA_IS_STORE (self));

  if (!self->in_transaction)
    return;

  for (guint i = 0; i < N_STMTS; i++)
    if (self->stmts[i] != NULL)
      sqlite3_reset (self->stmts[i]);

  /* SQLite may already have rolled back by itself (disk full). */
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  self->in_transaction = FALSE;
}

/**
 * rostra_store_checkpoint:
 *
 * Copies the write-ahead log into the database and truncates it, giving
 * back the disk space a big transaction took. Best effort: readers may
 * keep part of the log alive, which is not an error.
 */
void
rostra_store_checkpoint (RostraStore *self)
{
  g_return_if_fail (ROSTRA_IS_STORE (self));
  g_return_if_fail (!self->in_transaction);

  sqlite3_wal_checkpoint_v2 (self->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
}

/* Imports and articles */

/**
 * rostra_store_add_import:
 * @name: what the user calls this import (usually the file name)
 * @path: (nullable): the file it was read from
 * @format: `feed-dump`, …
 *
 * Records the start of an import. Call inside a transaction.
 *
 * Returns: the import's id, or 0 with @error set
 */
gint64
rostra_store_add_import (RostraStore *self,
                         const char  *name,
                         const char  *path,
                         const char  *format,
                         GError     **error)
{
  sqlite3_stmt    *stmt;
  g_autofree char *started = now_iso8601 ();

  g_return_val_if_fail (ROSTRA_IS_STORE (self), 0);

  if (!(stmt = get_stmt (self, STMT_ADD_IMPORT, error)))
    return 0;

  bind_text (stmt, 1, name);
  bind_text (stmt, 2, path);
  bind_text (stmt, 3, format);
  bind_text (stmt, 4, started);
  if (!run_stmt (self, stmt, error))
    return 0;

  return sqlite3_last_insert_rowid (self->db);
}

/**
 * rostra_store_finish_import:
 *
 * Records what an import found. Call inside the import's transaction.
 */
gboolean
rostra_store_finish_import (RostraStore *self,
                            gint64       import_id,
                            guint64      size,
                            const char  *sha256,
                            const char  *encoding,
                            guint        n_new,
                            guint        n_dup,
                            guint        n_warn,
                            GError     **error)
{
  sqlite3_stmt    *stmt;
  g_autofree char *finished = now_iso8601 ();

  g_return_val_if_fail (ROSTRA_IS_STORE (self), FALSE);

  if (!(stmt = get_stmt (self, STMT_FINISH_IMPORT, error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, import_id);
  sqlite3_bind_int64 (stmt, 2, (sqlite3_int64) size);
  bind_text (stmt, 3, sha256);
  bind_text (stmt, 4, encoding);
  bind_text (stmt, 5, finished);
  sqlite3_bind_int64 (stmt, 6, n_new);
  sqlite3_bind_int64 (stmt, 7, n_dup);
  sqlite3_bind_int64 (stmt, 8, n_warn);
  return run_stmt (self, stmt, error);
}

/**
 * rostra_store_add_article:
 * @import_id: the import it comes with, or 0
 * @source: (nullable):
 * @published: (nullable): `YYYY-MM-DDTHH:MM:SS`
 * @language: (nullable):
 * @id: (out): the new article's id, or 0 when the archive already
 *   holds an article with the same title, date and text
 *
 * Adds an article unless it is a duplicate; it gets a new UUID.
 *
 * Returns: %FALSE on a database error
 */
gboolean
rostra_store_add_article (RostraStore *self,
                          gint64       import_id,
                          const char  *title,
                          const char  *source,
                          const char  *published,
                          const char  *language,
                          const char  *text,
                          gint64      *id,
                          GError     **error)
{
  return rostra_store_add_article_with_uuid (self, import_id, title, source, published, language,
                                             text, NULL, id, error);
}

/**
 * rostra_store_add_article_with_uuid:
 * @uuid: (nullable): the article's UUID in the archive it comes from (a
 *   backup); a new one when %NULL, not a UUID, or another article's here
 *
 * rostra_store_add_article() keeping the article's identity.
 */
gboolean
rostra_store_add_article_with_uuid (RostraStore *self,
                                    gint64       import_id,
                                    const char  *title,
                                    const char  *source,
                                    const char  *published,
                                    const char  *language,
                                    const char  *text,
                                    const char  *uuid,
                                    gint64      *id,
                                    GError     **error)
{
  sqlite3_stmt    *stmt;
  g_autofree char *hash = NULL;
  g_autofree char *kept = NULL;

  g_return_val_if_fail (ROSTRA_IS_STORE (self), FALSE);
  g_return_val_if_fail (title != NULL && text != NULL && id != NULL, FALSE);

  *id = 0;
  if (!(stmt = get_stmt (self, STMT_ADD_ARTICLE, error)))
    return FALSE;

  hash = rostra_text_content_hash (title, published, text);
  if (import_id > 0)
    sqlite3_bind_int64 (stmt, 1, import_id);
  else
    sqlite3_bind_null (stmt, 1);
  bind_text (stmt, 2, title);
  bind_text (stmt, 3, source);
  bind_text (stmt, 4, published);
  bind_text (stmt, 5, language);
  bind_text (stmt, 6, text);
  bind_text (stmt, 7, hash);
  sqlite3_bind_int64 (stmt, 8, (sqlite3_int64) rostra_text_count_words (text));
  if (!run_stmt (self, stmt, error))
    return FALSE;

  if (sqlite3_changes (self->db) == 0)
    return TRUE;
  *id = sqlite3_last_insert_rowid (self->db);
  if (uuid == NULL)
    return TRUE;

  /* The trigger gave it a new UUID (see migration 4); one from a backup
   * takes its place. */
  if (!(kept = _rostra_store_pick_uuid (self, "SELECT 1 FROM article_uuids WHERE uuid = ?1", uuid,
                                        error)) ||
      !(stmt = _rostra_store_statement (
            self, "UPDATE article_uuids SET uuid = ?2 WHERE article_id = ?1", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, *id);
  bind_text (stmt, 2, kept);
  return run_stmt (self, stmt, error);
}

/**
 * rostra_store_count_articles:
 *
 * Returns: the number of articles, or -1 with @error set
 */
gint64
rostra_store_count_articles (RostraStore *self, GError **error)
{
  g_return_val_if_fail (ROSTRA_IS_STORE (self), -1);
  return query_int (self, STMT_COUNT_ARTICLES, error);
}

/**
 * rostra_store_foreach_article:
 * @with_text: whether to load each article's text
 * @func: called for each article, newest first
 *
 * Walks the archive one article at a time, holding one in memory.
 * @func must not call back into the same walk.
 *
 * Returns: %FALSE with @error set on a database error or when @func failed
 */
gboolean
rostra_store_foreach_article (RostraStore      *self,
                              gboolean          with_text,
                              RostraArticleFunc func,
                              gpointer          user_data,
                              GError          **error)
{
  sqlite3_stmt *stmt;
  int           rc;

  g_return_val_if_fail (ROSTRA_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  stmt = get_stmt (self, with_text ? STMT_LIST_ARTICLES_WITH_TEXT : STMT_LIST_ARTICLES, error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr (RostraArticle) article = read_article (stmt, with_text);

      if (!func (article, user_data, error))
        {
          finish_stmt (stmt);
          return FALSE;
        }
    }

  finish_stmt (stmt);
  if (rc != SQLITE_DONE)
    return set_db_error (self, rc, error);
  return TRUE;
}

static gboolean
append_article (RostraArticle *article, gpointer user_data, GError **error)
{
  g_list_store_append (user_data, article);
  return TRUE;
}

/**
 * rostra_store_list_articles:
 *
 * Returns: (transfer full): a #GListModel of #RostraArticle, newest
 *   first, without their texts; %NULL with @error set
 */
GListModel *
rostra_store_list_articles (RostraStore *self, GError **error)
{
  g_autoptr (GListStore) list = g_list_store_new (ROSTRA_TYPE_ARTICLE);

  g_return_val_if_fail (ROSTRA_IS_STORE (self), NULL);

  if (!rostra_store_foreach_article (self, FALSE, append_article, list, error))
    return NULL;
  return G_LIST_MODEL (g_steal_pointer (&list));
}

/**
 * rostra_store_load_article:
 * @id: an article's id
 *
 * Returns: (transfer full): the article with its text, or %NULL with
 *   %ROSTRA_STORE_ERROR_NOT_FOUND or another error
 */
RostraArticle *
rostra_store_load_article (RostraStore *self, gint64 id, GError **error)
{
  sqlite3_stmt  *stmt;
  RostraArticle *article = NULL;
  int            rc;

  g_return_val_if_fail (ROSTRA_IS_STORE (self), NULL);

  if (!(stmt = get_stmt (self, STMT_LOAD_ARTICLE, error)))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    article = read_article (stmt, TRUE);
  finish_stmt (stmt);

  if (rc == SQLITE_DONE)
    g_set_error (error, ROSTRA_STORE_ERROR, ROSTRA_STORE_ERROR_NOT_FOUND,
                 _("There is no speech %" PRId64 " in the archive"), id);
  else if (rc != SQLITE_ROW)
    set_db_error (self, rc, error);

  return article;
}

/**
 * rostra_store_load_article_row:
 * @id: an article's id
 * @fts: (nullable): the FTS5 query that found it, for a snippet
 *
 * Reads what a row of the list shows: everything but the text, and a
 * snippet around the matches when @fts is given.
 *
 * Returns: (transfer full): the article, or %NULL with @error set
 */
RostraArticle *
rostra_store_load_article_row (RostraStore *self, gint64 id, const char *fts, GError **error)
{
  g_autoptr (RostraArticle) article = NULL;
  sqlite3_stmt *stmt;
  int           rc;

  g_return_val_if_fail (ROSTRA_IS_STORE (self), NULL);

  if (!(stmt = get_stmt (self, STMT_LOAD_ROW, error)))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    article = read_article (stmt, FALSE);
  finish_stmt (stmt);

  if (rc == SQLITE_DONE)
    {
      g_set_error (error, ROSTRA_STORE_ERROR, ROSTRA_STORE_ERROR_NOT_FOUND,
                   _("There is no speech %" PRId64 " in the archive"), id);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      set_db_error (self, rc, error);
      return NULL;
    }

  if (fts != NULL)
    {
      if (!(stmt = get_stmt (self, STMT_SNIPPET, error)))
        return NULL;
      bind_text (stmt, 1, fts);
      sqlite3_bind_int64 (stmt, 2, id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        _rostra_article_set_snippet (article, dup_column (stmt, 0));
      finish_stmt (stmt);
    }

  return g_steal_pointer (&article);
}

static char **
query_strv (RostraStore *self, Stmt which, GError **error)
{
  GStrvBuilder *builder;
  sqlite3_stmt *stmt;
  char        **strv;
  int           rc;

  if (!(stmt = get_stmt (self, which, error)))
    return NULL;

  builder = g_strv_builder_new ();
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  finish_stmt (stmt);
  strv = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);

  if (rc != SQLITE_DONE)
    {
      g_strfreev (strv);
      set_db_error (self, rc, error);
      return NULL;
    }
  return strv;
}

/**
 * rostra_store_list_sources:
 *
 * Returns: (transfer full): the sources of the archive, most frequent first
 */
char **
rostra_store_list_sources (RostraStore *self, GError **error)
{
  g_return_val_if_fail (ROSTRA_IS_STORE (self), NULL);
  return query_strv (self, STMT_SOURCES, error);
}

/**
 * rostra_store_list_languages:
 *
 * Returns: (transfer full): the languages of the archive, most frequent first
 */
char **
rostra_store_list_languages (RostraStore *self, GError **error)
{
  g_return_val_if_fail (ROSTRA_IS_STORE (self), NULL);
  return query_strv (self, STMT_LANGUAGES, error);
}

/**
 * rostra_store_list_years:
 *
 * Returns: (transfer full): the years articles were published, newest first
 */
char **
rostra_store_list_years (RostraStore *self, GError **error)
{
  g_return_val_if_fail (ROSTRA_IS_STORE (self), NULL);
  return query_strv (self, STMT_YEARS, error);
}

/* For the store's other files (rostra-store-private.h) */

/* A prepared statement for @sql, prepared once per connection and kept;
 * @sql must be one of the store's own texts, never user input. */
sqlite3_stmt *
_rostra_store_statement (RostraStore *self, const char *sql, GError **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->sql_stmts, sql);
  int           rc;

  ASSERT_OWNER (self);

  if (stmt != NULL)
    return stmt;

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      set_db_error (self, rc, error);
      return NULL;
    }
  g_hash_table_insert (self->sql_stmts, g_strdup (sql), stmt);
  return stmt;
}

gboolean
_rostra_store_set_error (RostraStore *self, int rc, GError **error)
{
  return set_db_error (self, rc, error);
}

gboolean
_rostra_store_run (RostraStore *self, sqlite3_stmt *stmt, GError **error)
{
  return run_stmt (self, stmt, error);
}

void
_rostra_store_bind_text (sqlite3_stmt *stmt, int index, const char *value)
{
  bind_text (stmt, index, value);
}

void
_rostra_store_reset (sqlite3_stmt *stmt)
{
  finish_stmt (stmt);
}

/* Steps @stmt (bound, not yet stepped) to its end, making one object
 * of @type from each row with @read. */
GListModel *
_rostra_store_read_list (RostraStore  *self,
                         sqlite3_stmt *stmt,
                         GType         type,
                         RostraRowFunc read,
                         GError      **error)
{
  g_autoptr (GListStore) list = g_list_store_new (type);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr (GObject) item = read (stmt);

      g_list_store_append (list, item);
    }
  finish_stmt (stmt);

  if (rc != SQLITE_DONE)
    {
      set_db_error (self, rc, error);
      return NULL;
    }
  return G_LIST_MODEL (g_steal_pointer (&list));
}

/**
 * _rostra_store_set_owner_thread:
 * @thread: (nullable): the thread that owns the connection from now on
 *
 * From now on every statement asserts that it runs on @thread, as the
 * query engine's workers do with their connections.
 */
void
_rostra_store_set_owner_thread (RostraStore *self, GThread *thread)
{
  self->owner = thread;
}

sqlite3 *
_rostra_store_get_db (RostraStore *self)
{
  return self->db;
}

gboolean
_rostra_store_in_transaction (RostraStore *self)
{
  return self->in_transaction;
}

char *
_rostra_store_now (void)
{
  return now_iso8601 ();
}

/**
 * _rostra_store_pick_uuid:
 * @taken_sql: `SELECT 1 FROM table WHERE uuid = ?1`
 * @wanted: (nullable): the UUID a row should keep (from a backup, or an
 *   annotation put back)
 *
 * Returns: (transfer full): @wanted in lower case when it is a UUID that
 *   no row of the table has; otherwise a new random one. %NULL with
 *   @error set on a database error.
 */
char *
_rostra_store_pick_uuid (RostraStore *self,
                         const char  *taken_sql,
                         const char  *wanted,
                         GError     **error)
{
  g_autofree char *uuid = NULL;
  sqlite3_stmt    *stmt;
  int              rc;

  if (wanted == NULL || !g_uuid_string_is_valid (wanted))
    return g_uuid_string_random ();

  uuid = g_ascii_strdown (wanted, -1);
  if (!(stmt = _rostra_store_statement (self, taken_sql, error)))
    return NULL;
  bind_text (stmt, 1, uuid);
  rc = sqlite3_step (stmt);
  finish_stmt (stmt);
  if (rc == SQLITE_ROW)
    return g_uuid_string_random ();
  if (rc != SQLITE_DONE)
    {
      set_db_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&uuid);
}

/**
 * rostra_store_find_article:
 * @id: (out): the id of the article with this content, or 0
 *
 * Finds an article by its content: the same title, date and text.
 */
gboolean
rostra_store_find_article (RostraStore *self,
                           const char  *title,
                           const char  *published,
                           const char  *text,
                           gint64      *id,
                           GError     **error)
{
  g_autofree char *hash = rostra_text_content_hash (title, published, text);
  sqlite3_stmt    *stmt;
  int              rc;

  g_return_val_if_fail (ROSTRA_IS_STORE (self), FALSE);

  *id = 0;
  if (!(stmt = _rostra_store_statement (self, "SELECT id FROM articles WHERE hash = ?1", error)))
    return FALSE;
  bind_text (stmt, 1, hash);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *id = sqlite3_column_int64 (stmt, 0);
  finish_stmt (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return set_db_error (self, rc, error);
  return TRUE;
}
