/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-test-utils.h: helpers shared by the test programs. */
#pragma once

#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "rostra-dump-parser.h"
#include "rostra-exporter.h"
#include "rostra-store.h"

G_BEGIN_DECLS

/* SQL that takes an archive back from schema 5 to 4 (before speakers
 * and metadata), to make an archive of an older Rostra; the caller sets
 * user_version. */
#define ROSTRA_TEST_UNDO_SCHEMA_5                                                   \
  "DROP TABLE article_raw; DROP TABLE article_meta; DROP TABLE speaker_aliases;" \
  " DROP TABLE speakers;"

/* SQL that takes an archive back from schema 4 to 3 (before UUIDs), to
 * make an archive of an older Rostra; the caller sets user_version. */

#define ROSTRA_TEST_UNDO_SCHEMA_4                                                       \
  "DROP TRIGGER articles_uuid; DROP TRIGGER annotations_uuid; DROP TABLE article_uuids;" \
  " DROP INDEX annotations_by_uuid; ALTER TABLE annotations DROP COLUMN uuid;"

/* SQL that takes an archive back from schema 6 (versions) to 5. */
#define ROSTRA_TEST_UNDO_SCHEMA_VERSIONS                                              \
  "DROP TABLE translation_links; DROP TABLE version_pairs;"                          \
  " DROP TRIGGER version_signatures_delete; DROP TABLE version_bands;"               \
  " DROP TABLE version_signatures;"

/* The first characters that make the CSV export guard a user-written
 * cell with a `'` (see rostra-export-csv.c). */
#define ROSTRA_TEST_CSV_GUARDED "=+-@\t\r'"

const char  *rostra_test_tmpdir (void);
char        *rostra_test_new_folder (const char *name);
char        *rostra_test_write_file (const char *name, const char *contents, gssize len);
char        *rostra_test_compile_locale (const char *name);
char        *rostra_test_data_path (const char *name);
RostraStore *rostra_test_store_new (char **path);
void         rostra_test_import_fixture (RostraStore *store);
void         rostra_test_make_archive (const char *path);
GPtrArray *
rostra_test_parse (const char *data, gssize len, RostraDumpParser **parser, GError **error);
gboolean rostra_test_has_warning (RostraDumpParser *parser, guint line, const char *fragment);
gint64   rostra_test_count_rows (const char *db_path, const char *table);
char    *rostra_test_query_text (const char *db_path, const char *sql);
char    *rostra_test_file_checksum (const char *path);

gint64     rostra_test_read_status_kb (const char *field);
gint64     rostra_test_query_int (sqlite3 *db, const char *sql);
char      *rostra_test_export_json (RostraStore *store);
char      *rostra_test_export (RostraStore             *store,
                               RostraExportFormat       format,
                               const RostraExportScope *scope,
                               guint                   *n);
JsonNode  *rostra_test_parse_json (const char *text);
char     **rostra_test_child_environment (void);
GPtrArray *rostra_test_read_csv (const char *csv);
char *rostra_test_write_dump (const char *name, const char *title, guint n_entries, guint32 seed);
char *rostra_test_db_digest (const char *db_path);
void  rostra_test_open_and_close_in_process (const char *path);

gint64        rostra_test_add_speech (RostraStore *store,
                                      const char  *title,
                                      const char  *source,
                                      const char  *published,
                                      const char  *language,
                                      const char  *text);
void          rostra_test_store_result (GObject *source, GAsyncResult *result, gpointer data);
GAsyncResult *rostra_test_wait_result (GAsyncResult **result);

/* What a `rostra` started by a test wrote, and how it ended. */
typedef struct
{
  int   status; /* the exit status, or -1 when a signal ended it */
  char *out;
  char *err;
} RostraTestRun;

void rostra_test_run_clear (RostraTestRun *run);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RostraTestRun, rostra_test_run_clear)

void rostra_test_run_rostrav (RostraTestRun       *run,
                              const char *const   *args,
                              GSpawnChildSetupFunc child_setup,
                              gpointer             user_data);
void rostra_test_run_rostra (RostraTestRun *run, const char *first_arg, ...) G_GNUC_NULL_TERMINATED;
GPid rostra_test_spawn (const char *const *argv);
GPid rostra_test_spawn_rostra (const char *const *args);

G_END_DECLS
