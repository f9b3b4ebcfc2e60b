/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-dump-parser.h: a streaming reader of news-aggregator text dumps. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define ROSTRA_PARSER_ERROR (rostra_parser_error_quark ())

typedef enum
{
  ROSTRA_PARSER_ERROR_BINARY,
  ROSTRA_PARSER_ERROR_EMPTY,
} RostraParserError;

GQuark rostra_parser_error_quark (void);

/**
 * RostraDumpEntry:
 * @title: the title, without a trailing source
 * @source: (nullable): the source split off the title (` | NAME`, ` – NAME`)
 * @published: (nullable): `YYYY-MM-DDTHH:MM:SS`, %NULL when the date line was invalid
 * @text: the body, NFC, LF, paragraphs separated by one blank line
 * @language: (nullable): an ISO 639-1 code, %NULL when unsure
 * @first_line: the line of the title
 * @last_line: the last line of the entry (its end marker when it has one)
 * @complete: %FALSE when no end marker closed the entry
 *
 * One article read from a dump.
 */
typedef struct
{
  char       *title;
  char       *source;
  char       *published;
  char       *text;
  const char *language;
  guint       first_line;
  guint       last_line;
  gboolean    complete;
} RostraDumpEntry;

/**
 * RostraParseWarning:
 * @line: the first line it concerns (1-based)
 * @message: what was wrong and what the parser did, translated
 */
typedef struct
{
  guint line;
  char *message;
} RostraParseWarning;

#define ROSTRA_TYPE_DUMP_ENTRY (rostra_dump_entry_get_type ())
GType            rostra_dump_entry_get_type (void) G_GNUC_CONST;
RostraDumpEntry *rostra_dump_entry_copy (const RostraDumpEntry *entry);
void             rostra_dump_entry_free (RostraDumpEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RostraDumpEntry, rostra_dump_entry_free)

#define ROSTRA_TYPE_DUMP_PARSER (rostra_dump_parser_get_type ())
G_DECLARE_FINAL_TYPE (RostraDumpParser, rostra_dump_parser, ROSTRA, DUMP_PARSER, GObject)

RostraDumpParser *rostra_dump_parser_new (GInputStream *stream);
RostraDumpParser *
rostra_dump_parser_new_single (GInputStream *stream, const char *fallback_title, gboolean markdown);
gboolean                  rostra_dump_parser_next (RostraDumpParser *self,
                                                   RostraDumpEntry **entry,
                                                   GCancellable     *cancellable,
                                                   GError          **error);
const char               *rostra_dump_parser_get_encoding (RostraDumpParser *self);
guint64                   rostra_dump_parser_get_bytes_read (RostraDumpParser *self);
guint                     rostra_dump_parser_get_line (RostraDumpParser *self);
const char               *rostra_dump_parser_get_checksum (RostraDumpParser *self);
guint                     rostra_dump_parser_get_n_warnings (RostraDumpParser *self);
const RostraParseWarning *rostra_dump_parser_get_warning (RostraDumpParser *self, guint index);

gboolean rostra_dump_parse_date_line (const char *line, char **iso_date);
gboolean rostra_dump_is_end_marker (const char *line);
void     rostra_dump_split_source (const char *title_line, char **title, char **source);

G_END_DECLS
