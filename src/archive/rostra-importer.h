/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-importer.h: brings dumps into the archive, one transaction per file. */
#pragma once

#include <gio/gio.h>

#include "rostra-dump-parser.h"
#include "rostra-store.h"
#include "rostra-text-clean.h"

G_BEGIN_DECLS

#define ROSTRA_IMPORT_ERROR (rostra_import_error_quark ())

typedef enum
{
  ROSTRA_IMPORT_ERROR_NOT_FOUND,
  ROSTRA_IMPORT_ERROR_NOT_A_FILE,
  ROSTRA_IMPORT_ERROR_EMPTY,
  ROSTRA_IMPORT_ERROR_NO_ENTRIES,
  ROSTRA_IMPORT_ERROR_BAD_BACKUP,
} RostraImportError;

GQuark rostra_import_error_quark (void);

/**
 * RostraImportReport:
 * @name: the import's name (the file name unless given)
 * @path: (nullable): the file read
 * @encoding: (nullable): `UTF-8`, `windows-1252` or `mixed`
 * @sha256: (nullable): the checksum of the bytes read
 * @size: bytes read
 * @import_id: the import's row, 0 when nothing was stored
 * @n_entries: entries found
 * @n_new: articles added
 * @n_duplicates: entries already in the archive (or twice in the file)
 * @n_incomplete: entries without an end marker
 * @n_warnings: warnings raised (only the first 10,000 are in @warnings)
 * @warnings: (element-type RostraParseWarning): the warnings, by line
 * @format: `feed-dump`, `plain-text` (one speech) or `rostra-json` (a
 *   backup made by `--export json`)
 * @n_annotations_new: annotations added (backups)
 * @n_annotations_duplicates: annotations already in the archive (backups)
 * @n_annotations_repaired: annotations whose position was wrong but whose
 *   passage was found again (backups)
 * @n_annotations_orphaned: annotations whose passage is not in the text (backups)
 * @entries: (element-type RostraImportEntry): the first entries read,
 *   filled by rostra_import_preview_file() only
 * @n_cleaned: how many lines each cleaning rule (#RostraCleanRule)
 *   dropped from the new speeches (see rostra-text-clean.c)
 * @n_texts_cleaned: how many new speeches the cleaning rules changed;
 *   their raw entries are kept
 *
 * What an import did, or why it did nothing. From a preview: what the
 * import would do; @n_new then counts the entries that would be added.
 */
typedef struct
{
  char       *name;
  char       *path;
  char       *encoding;
  char       *sha256;
  guint64     size;
  gint64      import_id;
  guint       n_entries;
  guint       n_new;
  guint       n_duplicates;
  guint       n_incomplete;
  guint       n_warnings;
  GArray     *warnings;
  const char *format;
  guint       n_annotations_new;
  guint       n_annotations_duplicates;
  guint       n_annotations_repaired;
  guint       n_annotations_orphaned;
  GPtrArray  *entries;
  guint       n_cleaned[ROSTRA_CLEAN_N_RULES];
  guint       n_texts_cleaned;
} RostraImportReport;

/**
 * RostraImportEntry:
 * @title: the title
 * @source: (nullable): the source
 * @published: (nullable): `YYYY-MM-DDTHH:MM:SS`
 * @language: (nullable): an ISO 639-1 code
 * @line: the line of the file the entry starts at, 0 in backups
 * @duplicate: whether the archive (or the file, earlier) already holds it
 * @suggested_speaker: (nullable): who gave it, suggested from its title
 *   and lead (see rostra-speaker-suggest.c); never stored unless accepted
 * @speaker_evidence: (nullable): the phrase the suggestion came from
 *
 * One entry of a previewed file.
 */
typedef struct
{
  char       *title;
  char       *source;
  char       *published;
  const char *language;
  guint       line;
  gboolean    duplicate;
  char       *suggested_speaker;
  char       *speaker_evidence;
} RostraImportEntry;

/**
 * RostraImportOptions:
 * @name: (nullable): the import's name, shown later as "imported from";
 *   the file's name when %NULL
 * @tags: (nullable) (array zero-terminated=1): tags given to every
 *   article the import adds
 * @speaker: (nullable): the speaker of every speech the import adds (a
 *   name or alias; a new name adds the speaker)
 * @entry_speakers: (nullable) (element-type guint utf8): speakers of
 *   single entries, by the line the entry starts at (#RostraImportEntry's
 *   @line, from a preview of the same file): the suggestions the user
 *   accepted one by one; they take the place of @speaker
 *
 * How to import a file.
 */
typedef struct
{
  const char        *name;
  const char *const *tags;
  const char        *speaker;
  GHashTable        *entry_speakers;
} RostraImportOptions;

#define ROSTRA_TYPE_IMPORT_REPORT (rostra_import_report_get_type ())
GType rostra_import_report_get_type (void) G_GNUC_CONST;
void  rostra_import_report_free (RostraImportReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RostraImportReport, rostra_import_report_free)

/**
 * RostraImportProgressFunc:
 * @bytes_read: bytes of the file read so far
 * @n_entries: entries read so far
 * @user_data: the closure
 *
 * Called on the importing thread, never more often than every 256 entries.
 */
typedef void (*RostraImportProgressFunc) (guint64 bytes_read, guint n_entries, gpointer user_data);

const char *rostra_import_format_get_label (const char *format);

gboolean rostra_import_preview_file (RostraStore             *store,
                                     GFile                   *file,
                                     guint                    max_entries,
                                     RostraImportProgressFunc progress,
                                     gpointer                 user_data,
                                     GCancellable            *cancellable,
                                     RostraImportReport     **report,
                                     GError                 **error);
gboolean rostra_import_file_full (RostraStore               *store,
                                  GFile                     *file,
                                  const RostraImportOptions *options,
                                  RostraImportProgressFunc   progress,
                                  gpointer                   user_data,
                                  GCancellable              *cancellable,
                                  RostraImportReport       **report,
                                  GError                   **error);
gboolean rostra_import_file (RostraStore             *store,
                             GFile                   *file,
                             const char              *name,
                             RostraImportProgressFunc progress,
                             gpointer                 user_data,
                             GCancellable            *cancellable,
                             RostraImportReport     **report,
                             GError                 **error);
gboolean rostra_import_stream (RostraStore             *store,
                               GInputStream            *stream,
                               const char              *name,
                               const char              *path,
                               RostraImportProgressFunc progress,
                               gpointer                 user_data,
                               GCancellable            *cancellable,
                               RostraImportReport     **report,
                               GError                 **error);

G_END_DECLS
