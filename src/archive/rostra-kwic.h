/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-kwic.h: the concordance: every occurrence of a word, a prefix or a phrase, in context. */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "rostra-query.h"
#include "rostra-store.h"

G_BEGIN_DECLS

/* Characters of context on each side of a match, unless asked otherwise */
#define ROSTRA_KWIC_DEFAULT_CONTEXT 40

/**
 * RostraKwicSort:
 * @ROSTRA_KWIC_SORT_DATE: newest speech first, then by position (the
 *   command line's order); reversed, oldest first (undated speeches last)
 * @ROSTRA_KWIC_SORT_LEFT_1: by the first word left of the match
 * @ROSTRA_KWIC_SORT_LEFT_2: by the second word left of the match
 * @ROSTRA_KWIC_SORT_RIGHT_1: by the first word right of the match
 * @ROSTRA_KWIC_SORT_RIGHT_2: by the second word right of the match
 * @ROSTRA_KWIC_SORT_SOURCE: by the speech's source
 * @ROSTRA_KWIC_SORT_SPEAKER: by the speaker
 *
 * The order of a concordance's lines. Words compare as the search sees
 * them (case and accents ignored); ties are broken by date, then
 * position, as %ROSTRA_KWIC_SORT_DATE.
 */
typedef enum
{
  ROSTRA_KWIC_SORT_DATE,
  ROSTRA_KWIC_SORT_LEFT_1,
  ROSTRA_KWIC_SORT_LEFT_2,
  ROSTRA_KWIC_SORT_RIGHT_1,
  ROSTRA_KWIC_SORT_RIGHT_2,
  ROSTRA_KWIC_SORT_SOURCE,
  ROSTRA_KWIC_SORT_SPEAKER,
} RostraKwicSort;

/**
 * RostraKwicQuery:
 * @text: (nullable): what to find: a word, `prefix*`, or several words
 *   in a row (a phrase, with or without quotes); case and accents are
 *   ignored, anything but words is ignored
 * @forms: match the words' inflected forms (Snowball stemmers, by each
 *   speech's language; see rostra-stem.h)
 * @sort: the order of the lines
 * @reverse: the other way round (Z to A, oldest first)
 * @context: characters of context on each side (left and right)
 * @source: (nullable): only speeches from this source
 * @language: (nullable): only speeches in this language
 * @tag: (nullable): only speeches with this tag
 * @since: (nullable): only speeches published on or after this date
 *   (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`: from its first day)
 * @until: (nullable): only speeches published on or before this date
 *   (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`: to its last day)
 * @speaker: (nullable): only speeches by this speaker, named by name or
 *   alias (case and accents ignored, as the library's filter)
 */
typedef struct
{
  char          *text;
  gboolean       forms;
  RostraKwicSort sort;
  gboolean       reverse;
  guint          context;
  char          *source;
  char          *language;
  char          *tag;
  char          *since;
  char          *until;
  char          *speaker;
} RostraKwicQuery;

#define ROSTRA_TYPE_KWIC_QUERY (rostra_kwic_query_get_type ())
GType            rostra_kwic_query_get_type (void) G_GNUC_CONST;
RostraKwicQuery *rostra_kwic_query_new (const char *text);
RostraKwicQuery *rostra_kwic_query_copy (const RostraKwicQuery *query);
void             rostra_kwic_query_free (RostraKwicQuery *query);
gboolean         rostra_kwic_query_check_dates (const RostraKwicQuery *query, GError **error);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RostraKwicQuery, rostra_kwic_query_free)

/**
 * RostraKwicHit:
 * @article_id: the speech
 * @start: the match's first character in the speech's text
 * @end: the character after the match
 *
 * One occurrence: offsets in Unicode characters, as annotations' selectors.
 */
typedef struct
{
  gint64 article_id;
  guint  start;
  guint  end;
} RostraKwicHit;

/**
 * RostraKwicLine:
 * @article_id: the speech (its id in this archive, as `rostra --list`)
 * @uuid: (nullable): its stable identity (as the exports name it)
 * @title: its title
 * @source: (nullable): its source
 * @published: (nullable): its date (ISO 8601)
 * @language: (nullable): its language
 * @speaker: (nullable): its speaker; %NULL when nobody is named
 * @start: the match's first character in the text
 * @end: the character after the match
 * @left: the @context characters before the match (fewer at the start)
 * @match: the text from @start to @end, exactly
 * @right: the @context characters after the match (fewer at the end)
 *
 * One line of a concordance. Reference counted: rostra_kwic_line_ref().
 */
typedef struct
{
  gint64 article_id;
  char  *uuid;
  char  *title;
  char  *source;
  char  *published;
  char  *language;
  char  *speaker;
  guint  start;
  guint  end;
  char  *left;
  char  *match;
  char  *right;
} RostraKwicLine;

#define ROSTRA_TYPE_KWIC_LINE (rostra_kwic_line_get_type ())
GType           rostra_kwic_line_get_type (void) G_GNUC_CONST;
RostraKwicLine *rostra_kwic_line_ref (RostraKwicLine *line);
void            rostra_kwic_line_unref (RostraKwicLine *line);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RostraKwicLine, rostra_kwic_line_unref)

/**
 * RostraKwicResult:
 * @hits: (element-type RostraKwicHit): the occurrences in the query's
 *   order: all of them when @complete, else the first ones found
 * @lines: (element-type RostraKwicLine): the lines of the first hits
 *   (at most as many as asked for)
 * @complete: whether @hits are all of the query's
 * @n_articles: how many speeches the hits are in (all of them when
 *   @complete)
 *
 * What a concordance query found.
 */
typedef struct
{
  GArray    *hits;
  GPtrArray *lines;
  gboolean   complete;
  guint      n_articles;
} RostraKwicResult;

void rostra_kwic_result_free (RostraKwicResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RostraKwicResult, rostra_kwic_result_free)

/**
 * RostraKwicSpan:
 * @ROSTRA_KWIC_SPAN_MATCH: the match itself
 * @ROSTRA_KWIC_SPAN_SENTENCE: the sentence that holds the match
 *
 * The passage an occurrence codes.
 */
typedef enum
{
  ROSTRA_KWIC_SPAN_MATCH,
  ROSTRA_KWIC_SPAN_SENTENCE,
} RostraKwicSpan;

void      rostra_kwic_sentence (const char *text, guint *start, guint *end);
char     *rostra_kwic_line_format (const RostraKwicLine *line, guint context);
JsonNode *rostra_kwic_line_to_json (const RostraKwicLine *line);

/* CSV (RFC 4180, as the annotations' CSV export): see docs/formats.md */
void rostra_kwic_csv_header (GString *out);
void rostra_kwic_csv_append (GString *out, const RostraKwicLine *line);

RostraKwicResult *rostra_store_kwic (RostraStore           *self,
                                     const RostraKwicQuery *query,
                                     guint                  n_lines,
                                     gboolean               all,
                                     GCancellable          *cancellable,
                                     GError               **error);
GPtrArray        *rostra_store_kwic_lines (RostraStore         *self,
                                           const RostraKwicHit *hits,
                                           guint                n_hits,
                                           guint                context,
                                           GCancellable        *cancellable,
                                           GError             **error);
GArray           *rostra_store_kwic_code (RostraStore         *self,
                                          const RostraKwicHit *hits,
                                          guint                n_hits,
                                          RostraKwicSpan       span,
                                          const char          *color,
                                          const char *const   *tags,
                                          const char          *note,
                                          GError             **error);
gboolean
rostra_store_delete_annotations (RostraStore *self, const gint64 *ids, guint n_ids, GError **error);
gboolean rostra_store_kwic_write_csv (RostraStore           *self,
                                      const RostraKwicQuery *query,
                                      GOutputStream         *out,
                                      guint                 *n_lines,
                                      GCancellable          *cancellable,
                                      GError               **error);
char    *rostra_store_dup_search_fts (RostraStore *self, const RostraQuery *query, GError **error);

G_END_DECLS
