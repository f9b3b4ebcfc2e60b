/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-search.c: libFuzzer target: whatever the user types becomes an
 * FTS5 query that SQLite accepts (never a syntax error), run against
 * a small in-memory index. */

#include "config.h"

#include <sqlite3.h>

#include "rostra-query.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static sqlite3 *db;

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  g_autofree char *text = g_utf8_make_valid ((const char *) data, size);
  g_autofree char *fts = rostra_search_to_fts (text);
  sqlite3_stmt    *stmt = NULL;
  int              rc;

  if (db == NULL)
    {
      g_assert (sqlite3_open (":memory:", &db) == SQLITE_OK);
      g_assert (sqlite3_exec (db,
                              "CREATE VIRTUAL TABLE t USING fts5 (title, text,"
                              " tokenize = 'unicode61 remove_diacritics 2');"
                              "INSERT INTO t VALUES ('Harbour bridge', 'The bridge and the quay');",
                              NULL, NULL, NULL) == SQLITE_OK);
    }
  if (fts == NULL)
    return 0;

  g_assert (g_utf8_validate (fts, -1, NULL));
  g_assert (sqlite3_prepare_v2 (db, "SELECT rowid FROM t WHERE t MATCH ?1", -1, &stmt, NULL) ==
            SQLITE_OK);
  sqlite3_bind_text (stmt, 1, fts, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    ;
  if (rc != SQLITE_DONE)
    g_error ("FTS5 refused “%s” (from “%s”): %s", fts, text, sqlite3_errmsg (db));
  sqlite3_finalize (stmt);
  return 0;
}
