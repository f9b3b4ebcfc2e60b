/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-stem.c: word forms, with the Snowball stemmers of libstemmer.
 *
 * The stemmers are the Snowball project's own (Debian's libstemmer, a
 * module of the Flatpak), one per language Rostra stems: English,
 * Dutch, German, French and Russian, chosen by a speech's language
 * (ISO 639-1). A stemmer is not thread-safe: each job makes its own.
 *
 * Words are stemmed as the search index holds them: in lower case,
 * without diacritics (see rostra-kwic.c), so that a word's form is the
 * same wherever it is computed (in a text, in the query, in the index's
 * vocabulary).
 */

#include "config.h"

#include <libstemmer.h>

#include "rostra-stem.h"

struct _RostraStemmer
{
  struct sb_stemmer *stemmer;
  GString           *stem;
};

static const char *const languages[] = { "en", "nl", "de", "fr", "ru", NULL };
static const char *const algorithms[] = { "english", "dutch", "german", "french", "russian" };

/**
 * rostra_stem_languages:
 *
 * Returns: (transfer none): the languages (ISO 639-1) with a stemmer
 */
const char *const *
rostra_stem_languages (void)
{
  return languages;
}

/**
 * rostra_stem_has_language:
 * @language: (nullable): a language code
 *
 * Returns: whether Rostra can stem words of @language
 */
gboolean
rostra_stem_has_language (const char *language)
{
  return language != NULL && g_strv_contains (languages, language);
}

/**
 * rostra_stemmer_new:
 * @language: (nullable): a language code (ISO 639-1)
 *
 * Returns: (transfer full) (nullable): a stemmer, or %NULL when Rostra
 *   has none for @language
 */
RostraStemmer *
rostra_stemmer_new (const char *language)
{
  RostraStemmer *self;

  for (guint i = 0; languages[i] != NULL; i++)
    if (g_strcmp0 (language, languages[i]) == 0)
      {
        struct sb_stemmer *stemmer = sb_stemmer_new (algorithms[i], "UTF_8");

        if (stemmer == NULL) /* out of memory */
          return NULL;
        self = g_new0 (RostraStemmer, 1);
        self->stemmer = stemmer;
        self->stem = g_string_new (NULL);
        return self;
      }
  return NULL;
}

void
rostra_stemmer_free (RostraStemmer *self)
{
  if (self == NULL)
    return;
  sb_stemmer_delete (self->stemmer);
  g_string_free (self->stem, TRUE);
  g_free (self);
}

/**
 * rostra_stemmer_stem:
 * @word: a word in lower case, UTF-8
 * @len: its length in bytes
 *
 * Returns: (transfer none): the word's stem, valid until the next call
 */
const char *
rostra_stemmer_stem (RostraStemmer *self, const char *word, gsize len)
{
  const sb_symbol *stem;

  g_return_val_if_fail (self != NULL && word != NULL, NULL);

  stem = sb_stemmer_stem (self->stemmer, (const sb_symbol *) word, (int) len);
  if (stem == NULL) /* out of memory: the word as it is */
    g_string_assign (self->stem, "");
  else
    g_string_truncate (self->stem, 0);
  g_string_append_len (self->stem, stem ? (const char *) stem : word,
                       stem ? sb_stemmer_length (self->stemmer) : (gssize) len);
  return self->stem->str;
}
