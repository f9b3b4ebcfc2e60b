/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-article.c: one speech or article of the archive. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rostra-article-private.h"
#include "rostra-language.h"
#include "rostra-text.h"

struct _RostraArticle
{
  GObject parent_instance;

  gint64 id;
  char  *uuid;
  char  *title;
  char  *source;
  char  *published;
  char  *language;
  char  *text;
  char  *imported_from;
  guint  words;
  guint  n_annotations;
  char  *snippet;
  GStrv  tags;
  char  *speaker;
  char  *occasion;
  char  *delivered;
  char  *memo;
  int    cleaning; /* RostraTextCleaning */
};

G_DEFINE_FINAL_TYPE (RostraArticle, rostra_article, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_UUID,
  PROP_TITLE,
  PROP_SOURCE,
  PROP_PUBLISHED,
  PROP_LANGUAGE,
  PROP_TEXT,
  PROP_IMPORTED_FROM,
  PROP_WORDS,
  PROP_N_ANNOTATIONS,
  PROP_SNIPPET,
  PROP_TAGS,
  PROP_SPEAKER,
  PROP_OCCASION,
  PROP_DELIVERED,
  PROP_MEMO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
rostra_article_finalize (GObject *object)
{
  RostraArticle *self = (RostraArticle *) object;

  g_free (self->uuid);
  g_free (self->title);
  g_free (self->source);
  g_free (self->published);
  g_free (self->language);
  g_free (self->text);
  g_free (self->imported_from);
  g_free (self->snippet);
  g_strfreev (self->tags);
  g_free (self->speaker);
  g_free (self->occasion);
  g_free (self->delivered);
  g_free (self->memo);

  G_OBJECT_CLASS (rostra_article_parent_class)->finalize (object);
}

static void
rostra_article_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  RostraArticle *self = ROSTRA_ARTICLE (object);

  switch (prop_id)
    {
      case PROP_ID:
        g_value_set_int64 (value, self->id);
        break;
      case PROP_UUID:
        g_value_set_string (value, self->uuid);
        break;
      case PROP_TITLE:
        g_value_set_string (value, self->title);
        break;
      case PROP_SOURCE:
        g_value_set_string (value, self->source);
        break;
      case PROP_PUBLISHED:
        g_value_set_string (value, self->published);
        break;
      case PROP_LANGUAGE:
        g_value_set_string (value, self->language);
        break;
      case PROP_TEXT:
        g_value_set_string (value, self->text);
        break;
      case PROP_IMPORTED_FROM:
        g_value_set_string (value, self->imported_from);
        break;
      case PROP_WORDS:
        g_value_set_uint (value, self->words);
        break;
      case PROP_N_ANNOTATIONS:
        g_value_set_uint (value, self->n_annotations);
        break;
      case PROP_SNIPPET:
        g_value_set_string (value, self->snippet);
        break;
      case PROP_TAGS:
        g_value_set_boxed (value, self->tags);
        break;
      case PROP_SPEAKER:
        g_value_set_string (value, self->speaker);
        break;
      case PROP_OCCASION:
        g_value_set_string (value, self->occasion);
        break;
      case PROP_DELIVERED:
        g_value_set_string (value, self->delivered);
        break;
      case PROP_MEMO:
        g_value_set_string (value, self->memo);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rostra_article_class_init (RostraArticleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags   flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = rostra_article_finalize;
  object_class->get_property = rostra_article_get_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_UUID] = g_param_spec_string ("uuid", NULL, NULL, NULL, flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_SOURCE] = g_param_spec_string ("source", NULL, NULL, NULL, flags);
  properties[PROP_PUBLISHED] = g_param_spec_string ("published", NULL, NULL, NULL, flags);
  properties[PROP_LANGUAGE] = g_param_spec_string ("language", NULL, NULL, NULL, flags);
  properties[PROP_TEXT] = g_param_spec_string ("text", NULL, NULL, NULL, flags);
  properties[PROP_IMPORTED_FROM] = g_param_spec_string ("imported-from", NULL, NULL, NULL, flags);
  properties[PROP_WORDS] = g_param_spec_uint ("words", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_N_ANNOTATIONS] =
      g_param_spec_uint ("n-annotations", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_SNIPPET] = g_param_spec_string ("snippet", NULL, NULL, NULL, flags);
  properties[PROP_TAGS] = g_param_spec_boxed ("tags", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_SPEAKER] = g_param_spec_string ("speaker", NULL, NULL, NULL, flags);
  properties[PROP_OCCASION] = g_param_spec_string ("occasion", NULL, NULL, NULL, flags);
  properties[PROP_DELIVERED] = g_param_spec_string ("delivered", NULL, NULL, NULL, flags);
  properties[PROP_MEMO] = g_param_spec_string ("memo", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rostra_article_init (RostraArticle *self)
{
}

RostraArticle *
_rostra_article_new (gint64 id,
                     char  *title,
                     char  *source,
                     char  *published,
                     char  *language,
                     char  *text,
                     char  *imported_from,
                     guint  words,
                     guint  n_annotations)
{
  RostraArticle *self = g_object_new (ROSTRA_TYPE_ARTICLE, NULL);

  self->id = id;
  self->title = title;
  self->source = source;
  self->published = published;
  self->language = language;
  self->text = text;
  self->imported_from = imported_from;
  self->words = words;
  self->n_annotations = n_annotations;
  return self;
}

gint64
rostra_article_get_id (RostraArticle *self)
{
  g_return_val_if_fail (ROSTRA_IS_ARTICLE (self), 0);
  return self->id;
}

/**
 * rostra_article_get_uuid:
 *
 * Returns: (nullable): the article's stable identity, a UUID in
 *   lower-case hex: the same in every archive the article is restored
 *   into from a backup, unlike its id
 */
const char *
rostra_article_get_uuid (RostraArticle *self)
{
  g_return_val_if_fail (ROSTRA_IS_ARTICLE (self), NULL);
  return self->uuid;
}

/* Takes ownership of @uuid. */
void
_rostra_article_set_uuid (RostraArticle *self, char *uuid)
{
  g_free (self->uuid);
  self->uuid = uuid;
}

const char *
rostra_article_get_title (RostraArticle *self)
{
  g_return_val_if_fail (ROSTRA_IS_ARTICLE (self), NULL);
  return self->title;
}

/**
 * rostra_article_get_source:
 *
 * Returns: (nullable): where the article comes from, as named in its title line
 */
const char *
rostra_article_get_source (RostraArticle *self)
{
  g_return_val_if_fail (ROSTRA_IS_ARTICLE (self), NULL);
  return self->source;
}

/**
 * rostra_article_get_published:
 *
 * Returns: (nullable): the date as `YYYY-MM-DDTHH:MM:SS` (local time of
 *   the source, no zone), or %NULL when unknown
 */
const char *
rostra_article_get_published (RostraArticle *self)
{
  g_return_val_if_fail (ROSTRA_IS_ARTICLE (self), NULL);
  return self->published;
}

/**
 * rostra_article_dup_published_date_time:
 *
 * Returns: (transfer full) (nullable): the date, read as UTC
 */
GDateTime *
rostra_article_dup_published_date_time (RostraArticle *self)
{
  g_autoptr (GTimeZone) utc = NULL;

  g_return_val_if_fail (ROSTRA_IS_ARTICLE (self), NULL);

  if (self->published == NULL)
    return NULL;
  utc = g_time_zone_new_utc ();
  return g_date_time_new_from_iso8601 (self->published, utc);
}

/**
 * rostra_article_get_language:
 *
 * Returns: (nullable): an ISO 639-1 code, or %NULL when unknown
 */
const char *
rostra_article_get_language (RostraArticle *self)
{
  g_return_val_if_fail (ROSTRA_IS_ARTICLE (self), NULL);
  return self->language;
}

/**
 * rostra_article_get_text:
 *
 * Returns: (nullable): the text, or %NULL when the article was listed
 *   without it (see rostra_store_load_article())
 */
const char *
rostra_article_get_text (RostraArticle *self)
{
  g_return_val_if_fail (ROSTRA_IS_ARTICLE (self), NULL);
  return self->text;
}

/**
 * rostra_article_get_imported_from:
 *
 * Returns: (nullable): the name of the import that brought the article in
 */
const char *
rostra_article_get_imported_from (RostraArticle *self)
{
  g_return_val_if_fail (ROSTRA_IS_ARTICLE (self), NULL);
  return self->imported_from;
}

/**
 * rostra_article_get_tags:
 *
 * Returns: (nullable) (transfer none): the article's tags by name, %NULL
 *   when it has none
 */
const char *const *
rostra_article_get_tags (RostraArticle *self)
{
  g_return_val_if_fail (ROSTRA_IS_ARTICLE (self), NULL);
  return (const char *const *) self->tags;
}

/* Takes ownership of @tags. */
void
_rostra_article_set_tags (RostraArticle *self, GStrv tags)
{
  g_strfreev (self->tags);
  self->tags = tags;
}

guint
rostra_article_get_words (RostraArticle *self)
{
  g_return_val_if_fail (ROSTRA_IS_ARTICLE (self), 0);
  return self->words;
}

guint
rostra_article_get_n_annotations (RostraArticle *self)
{
  g_return_val_if_fail (ROSTRA_IS_ARTICLE (self), 0);
  return self->n_annotations;
}

/**
 * rostra_article_get_snippet:
 *
 * Returns: (nullable): when the article comes from a search, a short
 *   passage around the matched words, which stand between
 *   %ROSTRA_TEXT_MATCH_START and %ROSTRA_TEXT_MATCH_END (see
 *   rostra_text_snippet_to_markup())
 */
const char *
rostra_article_get_snippet (RostraArticle *self)
{
  g_return_val_if_fail (ROSTRA_IS_ARTICLE (self), NULL);
  return self->snippet;
}

/* Takes ownership of @snippet. */
void
_rostra_article_set_snippet (RostraArticle *self, char *snippet)
{
  g_free (self->snippet);
  self->snippet = snippet;
}

/**
 * rostra_article_dup_date_label:
 * @abbreviated: “7 Mar 2021” rather than “7 March 2021”
 *
 * Returns: (transfer full) (nullable): the publication date in the
 *   user's locale, the stored text when it is no readable date, or
 *   %NULL when there is none
 */
char *
rostra_article_dup_date_label (RostraArticle *self, gboolean abbreviated)
{
  g_return_val_if_fail (ROSTRA_IS_ARTICLE (self), NULL);
  return rostra_text_format_date (self->published, abbreviated);
}

/* Takes ownership of the strings. */
void
_rostra_article_set_metadata (RostraArticle *self,
                              char          *speaker,
                              char          *occasion,
                              char          *delivered,
                              char          *memo,
                              int            cleaning)
{
  g_free (self->speaker);
  g_free (self->occasion);
  g_free (self->delivered);
  g_free (self->memo);
  self->speaker = speaker;
  self->occasion = occasion;
  self->delivered = delivered;
  self->memo = memo;
  self->cleaning = cleaning;
}

/**
 * rostra_article_get_speaker:
 *
 * Returns: (nullable): the name of who gave the speech (see
 *   rostra_store_set_article_metadata()), %NULL when nobody was named
 */
const char *
rostra_article_get_speaker (RostraArticle *self)
{
  g_return_val_if_fail (ROSTRA_IS_ARTICLE (self), NULL);
  return self->speaker;
}

/**
 * rostra_article_get_occasion:
 *
 * Returns: (nullable): where or at what event the speech was given, free text
 */
const char *
rostra_article_get_occasion (RostraArticle *self)
{
  g_return_val_if_fail (ROSTRA_IS_ARTICLE (self), NULL);
  return self->occasion;
}

/**
 * rostra_article_get_delivered:
 *
 * Returns: (nullable): the day the speech was given, `YYYY-MM-DD`
 *   (distinct from the day it was published)
 */
const char *
rostra_article_get_delivered (RostraArticle *self)
{
  g_return_val_if_fail (ROSTRA_IS_ARTICLE (self), NULL);
  return self->delivered;
}

/**
 * rostra_article_get_memo:
 *
 * Returns: (nullable): a note on the whole speech
 */
const char *
rostra_article_get_memo (RostraArticle *self)
{
  g_return_val_if_fail (ROSTRA_IS_ARTICLE (self), NULL);
  return self->memo;
}

/**
 * rostra_article_get_cleaning:
 *
 * Returns: whether the cleaning rules changed the text at import, and
 *   whether the text shown is the cleaned or the raw one
 */
RostraTextCleaning
rostra_article_get_cleaning (RostraArticle *self)
{
  g_return_val_if_fail (ROSTRA_IS_ARTICLE (self), ROSTRA_TEXT_CLEANING_NONE);
  return self->cleaning;
}

static gboolean
is_set (const char *str)
{
  return str != NULL && *str != '\0';
}

/* Who gave the speech, where and when, those it names, to @parts. In the
 * line under the title the day it was given says so, and only when it is
 * not the day published. */
static void
append_speech_parts (RostraArticle *self, GPtrArray *parts, gboolean under_title)
{
  g_autofree char *midnight = NULL;
  g_autofree char *given = NULL;

  if (is_set (self->speaker))
    g_ptr_array_add (parts, g_strdup (self->speaker));
  if (is_set (self->occasion))
    g_ptr_array_add (parts, g_strdelimit (g_strdup (self->occasion), "\n", ' '));
  if (!is_set (self->delivered) || (under_title && self->published != NULL &&
                                    g_str_has_prefix (self->published, self->delivered)))
    return;
  midnight = g_strconcat (self->delivered, "T00:00:00", NULL);
  given = rostra_text_format_date (midnight, FALSE);
  if (under_title)
    /* Translators: in the line under a speech's title; %s is the day
     * the speech was given, such as “25 September 2019”. */
    g_ptr_array_add (parts, g_strdup_printf (_("Given %s"), given));
  else
    g_ptr_array_add (parts, g_steal_pointer (&given));
}

/**
 * rostra_article_dup_speech_line:
 *
 * Returns: (transfer full) (nullable): who gave the speech, where and
 *   when, those it names, for the reader, print-outs and citations:
 *   “Sergey Lavrov · UN Security Council · 25 September 2019”; %NULL
 *   when it names none of them
 */
char *
rostra_article_dup_speech_line (RostraArticle *self)
{
  g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (ROSTRA_IS_ARTICLE (self), NULL);

  append_speech_parts (self, parts, FALSE);
  if (parts->len == 0)
    return NULL;
  g_ptr_array_add (parts, NULL);
  /* Translators: between the speaker, occasion and date of a speech. */
  return g_strjoinv (C_ ("metadata separator", " · "), (char **) parts->pdata);
}

/**
 * rostra_article_dup_meta_line:
 *
 * Returns: (transfer full): the line under a speech's title, in the
 *   reader and in print: speaker, occasion, the day it was given (when
 *   not the day published), date, source, language, the import it came
 *   from and its tags, those it has
 */
char *
rostra_article_dup_meta_line (RostraArticle *self)
{
  g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *date = NULL;

  g_return_val_if_fail (ROSTRA_IS_ARTICLE (self), NULL);

  append_speech_parts (self, parts, TRUE);
  if ((date = rostra_article_dup_date_label (self, FALSE)) != NULL)
    g_ptr_array_add (parts, g_steal_pointer (&date));
  if (is_set (self->source))
    g_ptr_array_add (parts, g_strdup (self->source));
  if (is_set (self->language))
    g_ptr_array_add (parts, g_strdup (rostra_language_get_name (self->language)));
  if (is_set (self->imported_from))
    /* Translators: in the line under a speech's title; %s is the name
     * of the file it was imported from. */
    g_ptr_array_add (parts, g_strdup_printf (_("Imported from %s"), self->imported_from));
  if (self->tags != NULL && self->tags[0] != NULL)
    {
      g_autofree char *list = g_strjoinv (_(", "), self->tags);

      /* Translators: in the line under a speech's title; %s lists the
       * speech's tags, given when it was imported. */
      g_ptr_array_add (parts, g_strdup_printf (_("Tags: %s"), list));
    }
  g_ptr_array_add (parts, NULL);

  /* Translators: between the date, source, language and file of a
   * speech, in the line under its title. */
  return g_strjoinv (C_ ("metadata separator", " · "), (char **) parts->pdata);
}
