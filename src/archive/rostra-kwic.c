/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-kwic.c: the concordance's query, and its occurrences found in a text.
 *
 * Occurrences are whole words as the search index sees them: the text
 * is cut into tokens by the index's own tokenizer (FTS5's unicode61
 * with remove_diacritics 2, taken from SQLite through the fts5_api, not
 * imitated), which folds case and diacritics. The query is cut by the
 * same tokenizer: whatever it holds besides words (quotes, brackets,
 * operators, `NEAR(`) is not a word and is ignored; a word followed by
 * `*` is a prefix. The query's words are a phrase: they match tokens in
 * a row with nothing but white space or punctuation between them (line
 * breaks included; a symbol such as `€` or an emoji breaks a phrase).
 * Every place a phrase starts is an occurrence, even when two overlap.
 *
 * Word forms compare stems instead of words: each token's stem, by the
 * Snowball stemmer of its speech's language, against the query word's
 * stem in that language. A speech in a language without a stemmer
 * matches the words themselves. Stems are taken of folded words (as the
 * index holds them), so that a word's stem is the same in a text and in
 * the index's vocabulary, from which the FTS5 query that finds the
 * candidate speeches is made (see rostra-store-kwic.c).
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "rostra-kwic-private.h"
#include "rostra-kwic.h"
#include "rostra-query.h"
#include "rostra-stem.h"
#include "rostra-text.h"

#define N_STEM_LANGUAGES 5
/* A form prefix shorter than this would walk much of the vocabulary */
#define MIN_FORM_PREFIX 3

/* Queries, lines, results */

G_DEFINE_BOXED_TYPE (RostraKwicQuery,
                     rostra_kwic_query,
                     rostra_kwic_query_copy,
                     rostra_kwic_query_free)

/**
 * rostra_kwic_query_new:
 * @text: (nullable): what to find
 *
 * Returns: (transfer full): a query of @text, by date, with the default
 *   context and no filter
 */
RostraKwicQuery *
rostra_kwic_query_new (const char *text)
{
  RostraKwicQuery *query = g_new0 (RostraKwicQuery, 1);

  query->text = g_strdup (text);
  query->context = ROSTRA_KWIC_DEFAULT_CONTEXT;
  return query;
}

RostraKwicQuery *
rostra_kwic_query_copy (const RostraKwicQuery *query)
{
  RostraKwicQuery *copy = g_new (RostraKwicQuery, 1);

  *copy = *query;
  copy->text = g_strdup (query->text);
  copy->source = g_strdup (query->source);
  copy->language = g_strdup (query->language);
  copy->tag = g_strdup (query->tag);
  copy->since = g_strdup (query->since);
  copy->until = g_strdup (query->until);
  copy->speaker = g_strdup (query->speaker);
  return copy;
}

void
rostra_kwic_query_free (RostraKwicQuery *query)
{
  if (query == NULL)
    return;
  g_free (query->text);
  g_free (query->source);
  g_free (query->language);
  g_free (query->tag);
  g_free (query->since);
  g_free (query->until);
  g_free (query->speaker);
  g_free (query);
}

/* A date of the form YYYY, YYYY-MM or YYYY-MM-DD, as a bound on ISO
 * 8601 dates: its first day, or (@until) the day after its last one,
 * YYYY-MM-DD; %NULL when it is no such date. */
char *
_rostra_kwic_date_bound (const char *date, gboolean until)
{
  static const char *const patterns[] = { "dddd", "dddd-dd", "dddd-dd-dd" };
  guint                    year, month = 1, day = 1;
  gsize                    len = date ? strlen (date) : 0;
  gboolean                 shaped = FALSE;
  GDateTime               *start, *bound;
  char                    *text;

  for (guint i = 0; i < G_N_ELEMENTS (patterns) && !shaped; i++)
    {
      shaped = len == strlen (patterns[i]);
      for (gsize k = 0; shaped && k < len; k++)
        shaped = patterns[i][k] == 'd' ? g_ascii_isdigit (date[k]) : date[k] == '-';
    }
  if (!shaped)
    return NULL;
  year = (guint) g_ascii_strtoull (date, NULL, 10);
  if (len >= 7)
    month = (guint) g_ascii_strtoull (date + 5, NULL, 10);
  if (len == 10)
    day = (guint) g_ascii_strtoull (date + 8, NULL, 10);
  if (year < 1 || year > 9998 || !g_date_valid_dmy (day, month, year))
    return NULL;

  start = g_date_time_new_utc (year, month, day, 0, 0, 0);
  if (!until)
    bound = g_date_time_ref (start);
  else if (len == 4)
    bound = g_date_time_add_years (start, 1);
  else if (len == 7)
    bound = g_date_time_add_months (start, 1);
  else
    bound = g_date_time_add_days (start, 1);
  text = g_date_time_format (bound, "%Y-%m-%d");
  g_date_time_unref (start);
  g_date_time_unref (bound);
  return text;
}

/**
 * rostra_kwic_query_check_dates:
 *
 * Returns: whether @query's dates are dates (`YYYY`, `YYYY-MM` or
 *   `YYYY-MM-DD`); %FALSE with @error set otherwise
 */
gboolean
rostra_kwic_query_check_dates (const RostraKwicQuery *query, GError **error)
{
  const char *dates[] = { query->since, query->until };

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      g_autofree char *bound = NULL;

      if (dates[i] == NULL || (bound = _rostra_kwic_date_bound (dates[i], i == 1)))
        continue;
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"), dates[i]);
      return FALSE;
    }
  return TRUE;
}

static void
kwic_line_clear (gpointer data)
{
  RostraKwicLine *line = data;

  g_free (line->uuid);
  g_free (line->title);
  g_free (line->source);
  g_free (line->published);
  g_free (line->language);
  g_free (line->speaker);
  g_free (line->left);
  g_free (line->match);
  g_free (line->right);
}

G_DEFINE_BOXED_TYPE (RostraKwicLine, rostra_kwic_line, rostra_kwic_line_ref, rostra_kwic_line_unref)

RostraKwicLine *
rostra_kwic_line_ref (RostraKwicLine *line)
{
  return g_atomic_rc_box_acquire (line);
}

void
rostra_kwic_line_unref (RostraKwicLine *line)
{
  g_atomic_rc_box_release_full (line, kwic_line_clear);
}

/* @bstart and @bend are bytes of @text, @start and @end the same in
 * characters. */
RostraKwicLine *
_rostra_kwic_line_new (gint64      article_id,
                       const char *title,
                       const char *source,
                       const char *published,
                       const char *language,
                       const char *text,
                       guint       bstart,
                       guint       bend,
                       guint       start,
                       guint       end,
                       guint       context)
{
  RostraKwicLine *line = g_atomic_rc_box_new0 (RostraKwicLine);
  const char     *left = text + bstart;
  const char     *right = text + bend;

  for (guint i = 0; i < context && left > text; i++)
    left = g_utf8_prev_char (left);
  for (guint i = 0; i < context && *right != '\0'; i++)
    right = g_utf8_next_char (right);

  line->article_id = article_id;
  line->title = g_strdup (title ? title : "");
  line->source = g_strdup (source);
  line->published = g_strdup (published);
  line->language = g_strdup (language);
  line->start = start;
  line->end = end;
  line->left = g_strndup (left, text + bstart - left);
  line->match = g_strndup (text + bstart, bend - bstart);
  line->right = g_strndup (text + bend, right - (text + bend));
  return line;
}

/**
 * rostra_kwic_result_free:
 */
void
rostra_kwic_result_free (RostraKwicResult *result)
{
  if (result == NULL)
    return;
  g_clear_pointer (&result->hits, g_array_unref);
  g_clear_pointer (&result->lines, g_ptr_array_unref);
  g_free (result);
}

/* Sentences */

static gboolean
ends_sentence (gunichar c)
{
  return c == '.' || c == '!' || c == '?' || c == 0x2026 /* … */ || c == 0x3002 /* 。 */;
}

/* Closing quotes and brackets that stay with the sentence they end */
static gboolean
is_closer (gunichar c)
{
  GUnicodeType type = g_unichar_type (c);

  return type == G_UNICODE_CLOSE_PUNCTUATION || type == G_UNICODE_FINAL_PUNCTUATION || c == '"' ||
         c == '\'';
}

/* Whether a blank line (a paragraph's end) starts at @p */
static gboolean
is_blank_line (const char *p)
{
  if (*p != '\n')
    return FALSE;
  for (p++; *p == ' ' || *p == '\t' || *p == '\r'; p++)
    ;
  return *p == '\n';
}

/**
 * rostra_kwic_sentence:
 * @text: a speech's text
 * @start: (inout): a passage's first character; the sentence's
 * @end: (inout): the character after the passage; after the sentence
 *
 * Widens a passage to the sentence (or sentences) that hold it: from
 * after the end of the sentence before (`.`, `!`, `?` or `…` followed
 * by white space) or the start of its paragraph, to its own end with its
 * closing quotes and brackets, or its paragraph's end. Paragraphs end at
 * blank lines; a single line break does not end a sentence. An
 * abbreviation's full stop ("Mr. Smith") ends a sentence too.
 */
void
rostra_kwic_sentence (const char *text, guint *start, guint *end)
{
  const char *from, *to, *p;
  guint       s, e;

  g_return_if_fail (text != NULL && start != NULL && end != NULL);

  from = g_utf8_offset_to_pointer (text, *start);
  to = g_utf8_offset_to_pointer (from, *end - *start);
  s = *start;
  e = *end;

  /* Back to the end of the sentence before */
  while (from > text)
    {
      const char *before = g_utf8_prev_char (from);
      gunichar    c = g_utf8_get_char (before);

      if (g_unichar_isspace (c) && before > text)
        {
          const char *q = before;

          if (c == '\n' && q > text && g_utf8_get_char (g_utf8_prev_char (q)) == '\n')
            break;
          while (q > text && is_closer (g_utf8_get_char (g_utf8_prev_char (q))))
            q = g_utf8_prev_char (q);
          if (q > text && ends_sentence (g_utf8_get_char (g_utf8_prev_char (q))))
            break;
        }
      from = before;
      s--;
    }

  /* On to its own end */
  for (p = to; *p != '\0'; p = g_utf8_next_char (p), e++)
    {
      gunichar c = g_utf8_get_char (p);

      if (is_blank_line (p))
        break;
      if (ends_sentence (c))
        {
          const char *q = g_utf8_next_char (p);
          guint       n = e + 1;

          while (ends_sentence (g_utf8_get_char (q)) || is_closer (g_utf8_get_char (q)))
            {
              q = g_utf8_next_char (q);
              n++;
            }
          if (*q == '\0' || g_unichar_isspace (g_utf8_get_char (q)))
            {
              e = n;
              break;
            }
        }
    }

  *start = s;
  *end = e;
  /* Without the white space around */
  rostra_text_snap_passage (text, start, end, FALSE);
}

/* The matcher */

typedef struct
{
  guint fold; /* offset of the folded token in the matcher's folds, NUL-terminated */
  guint bstart;
  guint bend;
} Token;

typedef struct
{
  char       *fold;
  gboolean    prefix;
  GHashTable *forms; /* the index's words that are forms of it (forms only) */
  char       *stems[N_STEM_LANGUAGES];
} Term;

struct _RostraKwicMatcher
{
  fts5_tokenizer tokenizer;
  Fts5Tokenizer *instance;
  gboolean       forms;
  GPtrArray     *terms; /* Term */

  RostraStemmer *stemmers[N_STEM_LANGUAGES]; /* made when first needed */
  GHashTable    *stems[N_STEM_LANGUAGES];    /* folded word → its stem */

  /* The last text scanned */
  GArray  *tokens;
  GString *folds;
};

static void
term_free (Term *term)
{
  g_free (term->fold);
  g_clear_pointer (&term->forms, g_hash_table_unref);
  for (guint i = 0; i < N_STEM_LANGUAGES; i++)
    g_free (term->stems[i]);
  g_free (term);
}

static int
language_index (const char *language)
{
  const char *const *languages = rostra_stem_languages ();

  for (int i = 0; i < N_STEM_LANGUAGES; i++)
    if (g_strcmp0 (language, languages[i]) == 0)
      return i;
  return -1;
}

/* The stem of the folded word @fold in language @i (cached) */
static const char *
stem_of (RostraKwicMatcher *self, int i, const char *fold)
{
  const char *stem;

  if (self->stems[i] == NULL)
    {
      self->stemmers[i] = rostra_stemmer_new (rostra_stem_languages ()[i]);
      self->stems[i] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
    }
  if (self->stemmers[i] == NULL)
    return fold;
  if ((stem = g_hash_table_lookup (self->stems[i], fold)) == NULL)
    {
      stem = g_strdup (rostra_stemmer_stem (self->stemmers[i], fold, strlen (fold)));
      g_hash_table_insert (self->stems[i], g_strdup (fold), (char *) stem);
    }
  return stem;
}

static fts5_api *
fts5_api_of (sqlite3 *db)
{
  fts5_api     *api = NULL;
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT fts5 (?1)", -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_pointer (stmt, 1, (void *) &api, "fts5_api_ptr", NULL);
      sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);
  return api;
}

typedef struct
{
  RostraKwicMatcher *self;
  const char        *text;
} TokenizeData;

static int
add_token (void *data, int flags, const char *token, int len, int bstart, int bend)
{
  TokenizeData      *tokenize = data;
  RostraKwicMatcher *self = tokenize->self;
  GString           *folds = self->folds;
  Token              t = { folds->len, bstart, bend };

  if (flags & FTS5_TOKEN_COLOCATED)
    return SQLITE_OK;
  /* The hot path of a scan: no GString call per token */
  if (t.fold + len + 1 >= folds->allocated_len)
    g_string_set_size (folds, (t.fold + len + 1) * 2); /* grows it, then set back */
  folds->len = t.fold + len + 1;
  memcpy (folds->str + t.fold, token, len);
  folds->str[t.fold + len] = '\0';
  g_array_append_val (self->tokens, t);
  return SQLITE_OK;
}

/* Cuts @text into the matcher's tokens, as the index does. */
static void
tokenize (RostraKwicMatcher *self, const char *text, int flags)
{
  TokenizeData data = { self, text };

  g_array_set_size (self->tokens, 0);
  g_string_truncate (self->folds, 0);
  self->tokenizer.xTokenize (self->instance, &data, flags, text, (int) strlen (text), add_token);
}

/**
 * _rostra_kwic_matcher_new:
 * @db: a connection, for the index's tokenizer
 * @text: (nullable): the query
 * @forms: whether to match word forms
 *
 * Returns: (transfer full): the matcher, or %NULL with @error set
 */
RostraKwicMatcher *
_rostra_kwic_matcher_new (sqlite3 *db, const char *text, gboolean forms, GError **error)
{
  g_autoptr (RostraKwicMatcher) self = g_new0 (RostraKwicMatcher, 1);
  const char *args[] = { "remove_diacritics", "2" };
  fts5_api   *api = fts5_api_of (db);
  void       *user_data = NULL;

  self->tokens = g_array_new (FALSE, FALSE, sizeof (Token));
  self->folds = g_string_new (NULL);
  self->terms = g_ptr_array_new_with_free_func ((GDestroyNotify) term_free);
  self->forms = forms;
  if (api == NULL ||
      api->xFindTokenizer (api, "unicode61", &user_data, &self->tokenizer) != SQLITE_OK ||
      self->tokenizer.xCreate (user_data, args, G_N_ELEMENTS (args), &self->instance) != SQLITE_OK)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("This SQLite has no full-text search (FTS5)"));
      return NULL;
    }

  tokenize (self, text ? text : "", FTS5_TOKENIZE_QUERY);
  for (guint i = 0; i < self->tokens->len; i++)
    {
      Token *t = &g_array_index (self->tokens, Token, i);
      Term  *term = g_new0 (Term, 1);

      term->fold = g_strdup (self->folds->str + t->fold);
      term->prefix = text[t->bend] == '*';
      if (forms && !term->prefix)
        {
          term->forms = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          g_hash_table_add (term->forms, g_strdup (term->fold));
          for (int l = 0; l < N_STEM_LANGUAGES; l++)
            term->stems[l] = g_strdup (stem_of (self, l, term->fold));
        }
      g_ptr_array_add (self->terms, term);
    }
  return g_steal_pointer (&self);
}

void
_rostra_kwic_matcher_free (RostraKwicMatcher *self)
{
  if (self == NULL)
    return;
  if (self->instance != NULL)
    self->tokenizer.xDelete (self->instance);
  for (guint i = 0; i < N_STEM_LANGUAGES; i++)
    {
      g_clear_pointer (&self->stemmers[i], rostra_stemmer_free);
      g_clear_pointer (&self->stems[i], g_hash_table_unref);
    }
  g_ptr_array_unref (self->terms);
  g_array_unref (self->tokens);
  g_string_free (self->folds, TRUE);
  g_free (self);
}

/**
 * _rostra_kwic_matcher_n_terms:
 *
 * Returns: how many words the query has; 0 when it finds nothing
 */
guint
_rostra_kwic_matcher_n_terms (RostraKwicMatcher *self)
{
  return self->terms->len;
}

/**
 * _rostra_kwic_matcher_has_prefix:
 *
 * Returns: whether a word of the query is a prefix
 */
gboolean
_rostra_kwic_matcher_has_prefix (RostraKwicMatcher *self)
{
  for (guint i = 0; i < self->terms->len; i++)
    if (((Term *) g_ptr_array_index (self->terms, i))->prefix)
      return TRUE;
  return FALSE;
}

/**
 * _rostra_kwic_matcher_form_prefixes:
 * @term: a word of the query
 *
 * The beginnings that every form of a word of the query starts with, in
 * any of the stemmers' languages: its stem without its last character
 * (a stemmer may change that one: "happy", "happi"), as far as the word
 * itself goes with it, and at least its first three characters.
 *
 * Returns: (transfer full) (nullable): the prefixes to look for forms
 *   under in the index's vocabulary; %NULL when @term has no forms
 */
static int
compare_lengths (gconstpointer a, gconstpointer b)
{
  return (int) strlen (*(const char *const *) a) - (int) strlen (*(const char *const *) b);
}

char **
_rostra_kwic_matcher_form_prefixes (RostraKwicMatcher *self, guint term)
{
  Term *t = g_ptr_array_index (self->terms, term);
  g_autoptr (GPtrArray) all = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *kept;
  gsize      least;

  if (t->forms == NULL)
    return NULL;
  least = g_utf8_offset_to_pointer (t->fold, MIN (MIN_FORM_PREFIX, g_utf8_strlen (t->fold, -1))) -
          t->fold;
  for (int l = 0; l < N_STEM_LANGUAGES; l++)
    {
      const char *stem = t->stems[l];
      const char *last = stem + strlen (stem);
      gsize       len = 0;

      if (last > stem)
        last = g_utf8_prev_char (last);
      while (stem + len < last && t->fold[len] == stem[len])
        len++;
      while (len > 0 && (t->fold[len] & 0xC0) == 0x80) /* a whole character */
        len--;
      g_ptr_array_add (all, g_strndup (t->fold, MAX (len, least)));
    }

  /* The shortest first; none that another one covers */
  g_ptr_array_sort (all, compare_lengths);
  kept = g_ptr_array_new ();
  for (guint i = 0; i < all->len; i++)
    {
      const char *prefix = g_ptr_array_index (all, i);
      gboolean    covered = FALSE;

      for (guint k = 0; k < kept->len && !covered; k++)
        covered = g_str_has_prefix (prefix, g_ptr_array_index (kept, k));
      if (!covered)
        g_ptr_array_add (kept, g_strdup (prefix));
    }
  g_ptr_array_add (kept, NULL);
  return (char **) g_ptr_array_free (kept, FALSE);
}

/**
 * _rostra_kwic_matcher_add_form:
 * @term: a word of the query
 * @fold: a word of the index's vocabulary
 *
 * Keeps @fold as a form of @term when its stem in one of the stemmers'
 * languages is @term's in that language.
 *
 * Returns: whether @fold is a form of @term
 */
gboolean
_rostra_kwic_matcher_add_form (RostraKwicMatcher *self, guint term, const char *fold)
{
  Term *t = g_ptr_array_index (self->terms, term);

  g_return_val_if_fail (t->forms != NULL, FALSE);
  if (g_hash_table_contains (t->forms, fold))
    return TRUE;
  for (int l = 0; l < N_STEM_LANGUAGES; l++)
    if (g_str_equal (stem_of (self, l, fold), t->stems[l]))
      {
        g_hash_table_add (t->forms, g_strdup (fold));
        return TRUE;
      }
  return FALSE;
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/**
 * _rostra_kwic_matcher_dup_fts:
 * @text_only: only in the articles' texts (not their titles)
 *
 * The FTS5 query of the speeches that may hold an occurrence: each word
 * an FTS5 string (the tokenizer's folded tokens, quoted), a phrase when
 * no word but the last is a prefix and forms are off, otherwise all the
 * words (each the choice of its forms); the texts decide. Never syntax
 * from the user.
 *
 * Returns: (transfer full) (nullable): the query, %NULL when there is
 *   no word to find
 */
char *
_rostra_kwic_matcher_dup_fts (RostraKwicMatcher *self, gboolean text_only)
{
  GString *fts;
  gboolean phrase = !self->forms;

  if (self->terms->len == 0)
    return NULL;
  for (guint i = 0; i + 1 < self->terms->len; i++)
    phrase &= !((Term *) g_ptr_array_index (self->terms, i))->prefix;

  fts = g_string_new (text_only ? "text : (" : "(");
  if (phrase)
    {
      g_autoptr (GString) words = g_string_new (NULL);
      Term *last = g_ptr_array_index (self->terms, self->terms->len - 1);

      for (guint i = 0; i < self->terms->len; i++)
        g_string_append_printf (words, "%s%s", i ? " " : "",
                                ((Term *) g_ptr_array_index (self->terms, i))->fold);
      rostra_search_append_fts_string (fts, words->str);
      if (last->prefix)
        g_string_append_c (fts, '*');
    }
  else
    for (guint i = 0; i < self->terms->len; i++)
      {
        Term *t = g_ptr_array_index (self->terms, i);

        if (i > 0)
          g_string_append (fts, " AND ");
        if (t->forms != NULL)
          {
            g_autofree gpointer *forms =
                g_hash_table_get_keys_as_array (t->forms, NULL); /* sorted: the same query */
            guint n = g_hash_table_size (t->forms);

            qsort (forms, n, sizeof (gpointer), compare_strings);
            g_string_append_c (fts, '(');
            for (guint f = 0; f < n; f++)
              {
                if (f > 0)
                  g_string_append (fts, " OR ");
                rostra_search_append_fts_string (fts, forms[f]);
              }
            g_string_append_c (fts, ')');
          }
        else
          {
            rostra_search_append_fts_string (fts, t->fold);
            if (t->prefix)
              g_string_append_c (fts, '*');
          }
      }
  g_string_append_c (fts, ')');
  return g_string_free (fts, FALSE);
}

static gboolean
term_matches (RostraKwicMatcher *self, Term *term, const char *fold, int language)
{
  if (term->prefix)
    return g_str_has_prefix (fold, term->fold);
  if (term->forms == NULL)
    return g_str_equal (fold, term->fold);
  if (!g_hash_table_contains (term->forms, fold))
    return FALSE;
  if (language < 0)
    return g_str_equal (fold, term->fold);
  return g_str_equal (stem_of (self, language, fold), term->stems[language]);
}

/* Whether only white space and punctuation lie between two words */
static gboolean
is_gap (const char *from, const char *to)
{
  for (const char *p = from; p < to; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      switch (g_unichar_type (c))
        {
          case G_UNICODE_CONTROL:
          case G_UNICODE_FORMAT:
          case G_UNICODE_SPACE_SEPARATOR:
          case G_UNICODE_LINE_SEPARATOR:
          case G_UNICODE_PARAGRAPH_SEPARATOR:
          case G_UNICODE_CONNECT_PUNCTUATION:
          case G_UNICODE_DASH_PUNCTUATION:
          case G_UNICODE_OPEN_PUNCTUATION:
          case G_UNICODE_CLOSE_PUNCTUATION:
          case G_UNICODE_INITIAL_PUNCTUATION:
          case G_UNICODE_FINAL_PUNCTUATION:
          case G_UNICODE_OTHER_PUNCTUATION:
            break;
          default:
            return FALSE;
        }
    }
  return TRUE;
}

/* Characters from @from to @to of valid UTF-8: its bytes that do not
 * continue a character (a loop compilers make fast, unlike
 * g_utf8_strlen()) */
static guint
count_chars (const char *from, const char *to)
{
  guint n = 0;

  for (const char *p = from; p < to; p++)
    n += ((guchar) *p & 0xC0) != 0x80;
  return n;
}

/**
 * _rostra_kwic_matcher_scan:
 * @text: a speech's text
 * @language: (nullable): its language, for word forms
 * @found: (element-type RostraKwicFound): where the occurrences are
 *   appended, in text order
 *
 * Finds the query's occurrences in @text. Its tokens stay readable
 * with _rostra_kwic_matcher_token() until the next scan.
 */
void
_rostra_kwic_matcher_scan (RostraKwicMatcher *self,
                           const char        *text,
                           const char        *language,
                           GArray            *found)
{
  int         lang = self->forms ? language_index (language) : -1;
  guint       n = self->terms->len;
  const char *cursor = text;
  guint       chars = 0;

  if (n == 0)
    return;
  tokenize (self, text, FTS5_TOKENIZE_DOCUMENT);

  for (guint i = 0; i + n <= self->tokens->len; i++)
    {
      Token          *tokens = &g_array_index (self->tokens, Token, i);
      RostraKwicFound f;
      guint           k;

      for (k = 0; k < n; k++)
        {
          if (!term_matches (self, g_ptr_array_index (self->terms, k),
                             self->folds->str + tokens[k].fold, lang))
            break;
          if (k > 0 && !is_gap (text + tokens[k - 1].bend, text + tokens[k].bstart))
            break;
        }
      if (k < n)
        continue;

      f.first = i;
      f.last = i + n - 1;
      f.bstart = tokens[0].bstart;
      f.bend = tokens[n - 1].bend;
      /* Characters, counted once through the text (matches come in order;
       * overlapping ones start later but may end earlier than the last) */
      chars += count_chars (cursor, text + f.bstart);
      cursor = text + f.bstart;
      f.start = chars;
      f.end = chars + count_chars (cursor, text + f.bend);
      g_array_append_val (found, f);
    }
}

/**
 * _rostra_kwic_matcher_token:
 * @index: a token of the last text scanned; out of range gives ""
 *
 * Returns: (transfer none): the token as the index holds it (folded)
 */
const char *
_rostra_kwic_matcher_token (RostraKwicMatcher *self, int index)
{
  if (index < 0 || (guint) index >= self->tokens->len)
    return "";
  return self->folds->str + g_array_index (self->tokens, Token, index).fold;
}

/* Text on one line: line breaks and tabs as spaces */
static void
append_flat (GString *out, const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\n' || c == '\r' || c == '\t' || c == 0x2028 || c == 0x2029)
        g_string_append_c (out, ' ');
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }
}

/**
 * rostra_kwic_line_format:
 * @line: a line of a concordance
 * @context: the characters of context the lines have at most
 *
 * A line as the command line prints it and a copy of selected lines
 * holds it: the speech's id and date, the left context right-aligned to
 * @context characters, the match, and the right context, separated by
 * two spaces; line breaks and tabs as spaces.
 *
 * Returns: (transfer full): the line, without a line break at its end
 */
char *
rostra_kwic_line_format (const RostraKwicLine *line, guint context)
{
  GString *out = g_string_new (NULL);
  glong    left = g_utf8_strlen (line->left, -1);

  g_string_append_printf (out, "%6" G_GINT64_FORMAT "  %-10.10s  ", line->article_id,
                          line->published ? line->published : "----------");
  for (glong i = left; i < (glong) context; i++)
    g_string_append_c (out, ' ');
  append_flat (out, line->left);
  g_string_append (out, "  ");
  append_flat (out, line->match);
  g_string_append (out, "  ");
  append_flat (out, line->right);
  return g_string_free (out, FALSE);
}

static void
add_member (JsonBuilder *builder, const char *name, const char *text, gint64 number)
{
  json_builder_set_member_name (builder, name);
  if (text == NULL && number < 0)
    json_builder_add_null_value (builder);
  else if (text != NULL)
    json_builder_add_string_value (builder, text);
  else
    json_builder_add_int_value (builder, number);
}

/**
 * rostra_kwic_line_to_json:
 * @line: a line of a concordance
 *
 * The JSON object of `rostra --kwic --json`: `{article, title, speaker,
 * published, start, end, left, match, right}` (see docs/cli.md).
 *
 * Returns: (transfer full): the object
 */
JsonNode *
rostra_kwic_line_to_json (const RostraKwicLine *line)
{
  g_autoptr (JsonBuilder) builder = json_builder_new_immutable ();

  /* A string, or null: -1; a number: NULL */
  json_builder_begin_object (builder);
  add_member (builder, "article", NULL, line->article_id);
  add_member (builder, "title", line->title, -1);
  add_member (builder, "speaker", line->speaker, -1);
  add_member (builder, "published", line->published, -1);
  add_member (builder, "start", NULL, line->start);
  add_member (builder, "end", NULL, line->end);
  add_member (builder, "left", line->left, -1);
  add_member (builder, "match", line->match, -1);
  add_member (builder, "right", line->right, -1);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}
