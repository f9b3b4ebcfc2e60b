/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-query.c: what the article list shows, and how a search the
 * user types becomes a safe FTS5 query.
 *
 * Nothing the user types reaches FTS5 as syntax: every word and every
 * quoted phrase is turned into an FTS5 string ("…", inner quotes
 * doubled), so AND, OR, NOT, NEAR(, *, -, ^, : and brackets are
 * searched as text. The last word is matched as a prefix, so results
 * come as the user types.
 */

#include "config.h"

#include <string.h>

#include "rostra-query.h"

#define MIN_PREFIX 3

GType
rostra_sort_order_get_type (void)
{
  static gsize type;

  if (g_once_init_enter (&type))
    {
      static const GEnumValue values[] = {
        { ROSTRA_SORT_NEWEST, "ROSTRA_SORT_NEWEST", "newest" },
        { ROSTRA_SORT_OLDEST, "ROSTRA_SORT_OLDEST", "oldest" },
        { ROSTRA_SORT_TITLE, "ROSTRA_SORT_TITLE", "title" },
        { ROSTRA_SORT_RELEVANCE, "ROSTRA_SORT_RELEVANCE", "relevance" },
        { 0, NULL, NULL },
      };

      g_once_init_leave (&type, g_enum_register_static ("RostraSortOrder", values));
    }
  return type;
}

G_DEFINE_BOXED_TYPE (RostraQuery, rostra_query, rostra_query_copy, rostra_query_free)

RostraQuery *
rostra_query_new (void)
{
  return g_new0 (RostraQuery, 1);
}

RostraQuery *
rostra_query_copy (const RostraQuery *query)
{
  RostraQuery *copy = g_new (RostraQuery, 1);

  *copy = *query;
  copy->text = g_strdup (query->text);
  copy->source = g_strdup (query->source);
  copy->language = g_strdup (query->language);
  copy->tag = g_strdup (query->tag);
  copy->speaker = g_strdup (query->speaker);
  if (query->imports != NULL)
    copy->imports = g_array_copy (query->imports);
  return copy;
}

void
rostra_query_free (RostraQuery *query)
{
  if (query == NULL)
    return;
  g_free (query->text);
  g_free (query->source);
  g_free (query->language);
  g_free (query->tag);
  g_free (query->speaker);
  g_clear_pointer (&query->imports, g_array_unref);
  g_free (query);
}

static gboolean
imports_equal (const GArray *a, const GArray *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return a->len == b->len && memcmp (a->data, b->data, a->len * sizeof (gint64)) == 0;
}

gboolean
rostra_query_equal (const RostraQuery *a, const RostraQuery *b)
{
  return g_strcmp0 (a->text, b->text) == 0 && a->sort == b->sort &&
         g_strcmp0 (a->source, b->source) == 0 && g_strcmp0 (a->language, b->language) == 0 &&
         a->year == b->year && a->annotated_only == b->annotated_only &&
         g_strcmp0 (a->tag, b->tag) == 0 && imports_equal (a->imports, b->imports) &&
         g_strcmp0 (a->speaker, b->speaker) == 0 && a->forms == b->forms &&
         a->one_per_speech == b->one_per_speech;
}

/**
 * rostra_query_dup_fts:
 *
 * Returns: (transfer full) (nullable): the FTS5 query for @query's
 *   text, or %NULL when it searches nothing
 */
char *
rostra_query_dup_fts (const RostraQuery *query)
{
  return query->text ? rostra_search_to_fts (query->text) : NULL;
}

static gboolean
is_quote (gunichar c)
{
  return c == '"' || c == 0x201C || c == 0x201D || c == 0x201E || c == 0x00AB || c == 0x00BB;
}

static gboolean
has_word_char (const char *s)
{
  for (; *s; s = g_utf8_next_char (s))
    if (g_unichar_isalnum (g_utf8_get_char (s)))
      return TRUE;
  return FALSE;
}

typedef struct
{
  char    *text;
  gboolean phrase;
} Term;

static void
term_clear (gpointer data)
{
  g_free (((Term *) data)->text);
}

/* Splits what the user typed into words and "quoted phrases". */
static GArray *
split (const char *text, gboolean *ends_in_word)
{
  GArray  *terms = g_array_new (FALSE, FALSE, sizeof (Term));
  GString *current = g_string_new (NULL);
  gboolean in_phrase = FALSE;

  g_array_set_clear_func (terms, term_clear);
  *ends_in_word = FALSE;

  for (const char *p = text;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean end = *p == '\0';
      gboolean boundary = end || is_quote (c) || (!in_phrase && g_unichar_isspace (c));

      if (!boundary)
        {
          g_string_append_unichar (current, c);
          continue;
        }

      if (has_word_char (current->str))
        {
          Term term = { g_strdup (g_strstrip (current->str)), in_phrase };

          g_array_append_val (terms, term);
          *ends_in_word = end && !in_phrase;
        }
      g_string_truncate (current, 0);

      if (end)
        break;
      if (is_quote (c))
        in_phrase = !in_phrase;
    }

  g_string_free (current, TRUE);
  return terms;
}

/**
 * rostra_search_append_fts_string:
 * @out: an FTS5 query being written
 * @text: text to search as text
 *
 * Appends @text as an FTS5 string: in double quotes, inner ones
 * doubled, so that nothing in it is FTS5 syntax.
 */
void
rostra_search_append_fts_string (GString *out, const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/**
 * rostra_search_to_fts:
 * @text: what the user typed
 *
 * Turns a search into an FTS5 query that is always valid: words are
 * all required, "quoted text" is a phrase, the last word is a prefix.
 * Operators and punctuation are searched as text, never as syntax.
 *
 * Text that holds characters but no word (only punctuation, symbols
 * or emoji, which the index does not hold) gives `""`, a query that
 * matches nothing: searching "🎉" must not list the whole archive.
 *
 * Returns: (transfer full) (nullable): the FTS5 query, or %NULL when
 *   @text is empty or blank
 */
char *
rostra_search_to_fts (const char *text)
{
  return rostra_search_to_fts_full (text, NULL, NULL);
}

/**
 * rostra_search_to_fts_full:
 * @text: what the user typed
 * @word_func: (nullable): gives the FTS5 expression of a whole word
 *   (not quoted, not the prefix being typed), or %NULL to search it as
 *   it is; the expression must be made of FTS5 strings (see
 *   rostra_search_append_fts_string())
 *
 * As rostra_search_to_fts(), each whole word replaced by what
 * @word_func makes of it (its forms, say).
 *
 * Returns: (transfer full) (nullable): the FTS5 query, or %NULL when
 *   @text is empty or blank
 */
char *
rostra_search_to_fts_full (const char *text, RostraFtsWordFunc word_func, gpointer user_data)
{
  gboolean ends_in_word;
  g_autoptr (GArray) terms = split (text, &ends_in_word);
  GString *out;
  gboolean prefix;

  if (terms->len == 0)
    {
      for (const char *p = text; *p; p = g_utf8_next_char (p))
        if (!g_unichar_isspace (g_utf8_get_char (p)))
          return g_strdup ("\"\"");
      return NULL;
    }

  /* A prefix of one or two letters matches most of the archive and
   * makes every snippet slow: prefixes start at three. */
  prefix = ends_in_word &&
           g_utf8_strlen (g_array_index (terms, Term, terms->len - 1).text, -1) >= MIN_PREFIX;

  out = g_string_new (NULL);
  for (guint i = 0; i < terms->len; i++)
    {
      Term            *term = &g_array_index (terms, Term, i);
      g_autofree char *expression = NULL;

      /* FTS5 takes no implicit AND after a bracket */
      if (i > 0)
        g_string_append (out, word_func ? " AND " : " ");
      if (word_func != NULL && !term->phrase && !(prefix && i + 1 == terms->len))
        expression = word_func (term->text, user_data);
      if (expression != NULL)
        g_string_append (out, expression);
      else
        rostra_search_append_fts_string (out, term->text);
    }
  if (prefix)
    g_string_append_c (out, '*');

  return g_string_free (out, FALSE);
}

/**
 * rostra_search_split_terms:
 * @text: what the user typed
 *
 * Returns: (transfer full): the words and phrases of a search, to
 *   highlight them in the text
 */
char **
rostra_search_split_terms (const char *text)
{
  gboolean ends_in_word;
  g_autoptr (GArray) terms = split (text ? text : "", &ends_in_word);
  GStrvBuilder *builder = g_strv_builder_new ();
  char        **strv;

  for (guint i = 0; i < terms->len; i++)
    g_strv_builder_add (builder, g_array_index (terms, Term, i).text);
  strv = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return strv;
}
