/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-test-utils.h: helpers shared by the test programs. */
#pragma once

#include <sqlite3.h>

#include "rostra-dump-parser.h"
#include "rostra-store.h"

G_BEGIN_DECLS

const char  *rostra_test_tmpdir (void);
char        *rostra_test_write_file (const char *name, const char *contents, gssize len);
char        *rostra_test_data_path (const char *name);
RostraStore *rostra_test_store_new (char **path);
GPtrArray *
rostra_test_parse (const char *data, gssize len, RostraDumpParser **parser, GError **error);
gboolean rostra_test_has_warning (RostraDumpParser *parser, guint line, const char *fragment);
gint64   rostra_test_count_rows (const char *db_path, const char *table);
char    *rostra_test_query_text (const char *db_path, const char *sql);
char    *rostra_test_file_checksum (const char *path);

gint64     rostra_test_read_status_kb (const char *field);
gint64     rostra_test_query_int (sqlite3 *db, const char *sql);
char      *rostra_test_export_json (RostraStore *store);
char     **rostra_test_child_environment (void);
GPtrArray *rostra_test_read_csv (const char *csv);
char      *rostra_test_write_dump (const char *name, guint n_entries, guint32 seed);
char      *rostra_test_db_digest (const char *db_path);

G_END_DECLS
