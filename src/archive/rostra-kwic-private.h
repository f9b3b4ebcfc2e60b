/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-kwic-private.h: finding a concordance's occurrences in texts, for the store's files. */
#pragma once

#include <sqlite3.h>

#include "rostra-kwic.h"

G_BEGIN_DECLS

/* A compiled query: its words, as the index's tokenizer sees them, and
 * what finds them in a text. Used on one thread. */
typedef struct _RostraKwicMatcher RostraKwicMatcher;

/**
 * RostraKwicFound:
 * @first: the match's first token (see _rostra_kwic_matcher_token())
 * @last: its last token
 * @bstart: (bytes) where the match starts in the text
 * @bend: where it ends
 * @start: (characters) where the match starts
 * @end: where it ends
 */
typedef struct
{
  guint first;
  guint last;
  guint bstart;
  guint bend;
  guint start;
  guint end;
} RostraKwicFound;

RostraKwicMatcher          *
_rostra_kwic_matcher_new (sqlite3 *db, const char *text, gboolean forms, GError **error);
void     _rostra_kwic_matcher_free (RostraKwicMatcher *self);
guint    _rostra_kwic_matcher_n_terms (RostraKwicMatcher *self);
gboolean _rostra_kwic_matcher_has_prefix (RostraKwicMatcher *self);
char   **_rostra_kwic_matcher_form_prefixes (RostraKwicMatcher *self, guint term);
gboolean _rostra_kwic_matcher_add_form (RostraKwicMatcher *self, guint term, const char *fold);
char    *_rostra_kwic_matcher_dup_fts (RostraKwicMatcher *self, gboolean text_only);
void     _rostra_kwic_matcher_scan (RostraKwicMatcher *self,
                                    const char        *text,
                                    const char        *language,
                                    GArray            *found);
const char *_rostra_kwic_matcher_token (RostraKwicMatcher *self, int index);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RostraKwicMatcher, _rostra_kwic_matcher_free)

RostraKwicLine *_rostra_kwic_line_new (gint64      article_id,
                                       const char *title,
                                       const char *source,
                                       const char *published,
                                       const char *language,
                                       const char *text,
                                       guint       bstart,
                                       guint       bend,
                                       guint       start,
                                       guint       end,
                                       guint       context);

char *_rostra_kwic_date_bound (const char *date, gboolean until);

G_END_DECLS
