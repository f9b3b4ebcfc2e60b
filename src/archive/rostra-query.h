/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-query.h: what the article list shows: search text, filters, order. */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  ROSTRA_SORT_NEWEST,
  ROSTRA_SORT_OLDEST,
  ROSTRA_SORT_TITLE,
  ROSTRA_SORT_RELEVANCE, /* when searching; newest first otherwise */
} RostraSortOrder;

#define ROSTRA_TYPE_SORT_ORDER (rostra_sort_order_get_type ())
GType rostra_sort_order_get_type (void) G_GNUC_CONST;

/**
 * RostraQuery:
 * @text: (nullable): what the user typed in the search entry
 * @sort: the order
 * @source: (nullable): only articles from this source
 * @language: (nullable): only articles in this language (ISO 639-1)
 * @year: only articles published this year, 0 for any
 * @annotated_only: only articles with annotations
 * @tag: (nullable): only articles with this tag
 * @imports: (nullable) (element-type gint64): only articles these imports added
 * @speaker: (nullable): only speeches of this speaker, named by name or
 *   alias (case and accents ignored)
 * @forms: match the words' inflected forms (see rostra_store_dup_search_fts())
 * @one_per_speech: fold the versions of a speech into one row: leave out
 *   an article when a version of it stands for both (an excerpt, for what
 *   contains it; of two copies of the same text, the shorter, or the newer
 *   of two as long; see rostra-store-versions.c)
 */
typedef struct
{
  char           *text;
  RostraSortOrder sort;
  char           *source;
  char           *language;
  int             year;
  gboolean        annotated_only;
  char           *tag;
  GArray         *imports;
  char           *speaker;
  gboolean        forms;
  gboolean        one_per_speech;
} RostraQuery;

#define ROSTRA_TYPE_QUERY (rostra_query_get_type ())
GType        rostra_query_get_type (void) G_GNUC_CONST;
RostraQuery *rostra_query_new (void);
RostraQuery *rostra_query_copy (const RostraQuery *query);
void         rostra_query_free (RostraQuery *query);
gboolean     rostra_query_equal (const RostraQuery *a, const RostraQuery *b);
char        *rostra_query_dup_fts (const RostraQuery *query);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RostraQuery, rostra_query_free)

char *rostra_search_to_fts (const char *text);
typedef char *(*RostraFtsWordFunc) (const char *word, gpointer user_data);
char *rostra_search_to_fts_full (const char *text, RostraFtsWordFunc word_func, gpointer user_data);
char **rostra_search_split_terms (const char *text);
void   rostra_search_append_fts_string (GString *out, const char *text);

G_END_DECLS
