/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-article.h: one speech or article of the archive. */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define ROSTRA_TYPE_ARTICLE (rostra_article_get_type ())
G_DECLARE_FINAL_TYPE (RostraArticle, rostra_article, ROSTRA, ARTICLE, GObject)

/**
 * RostraTextCleaning:
 * @ROSTRA_TEXT_CLEANING_NONE: the cleaning rules dropped nothing: the
 *   text is the entry as it was imported
 * @ROSTRA_TEXT_CLEANING_CLEANED: the text is the cleaned one; the raw
 *   entry is kept
 * @ROSTRA_TEXT_CLEANING_REVERTED: the cleaning was reverted: the text
 *   is the raw entry again
 */
typedef enum
{
  ROSTRA_TEXT_CLEANING_NONE,
  ROSTRA_TEXT_CLEANING_CLEANED,
  ROSTRA_TEXT_CLEANING_REVERTED,
} RostraTextCleaning;

gint64             rostra_article_get_id (RostraArticle *self);
const char        *rostra_article_get_uuid (RostraArticle *self);
const char        *rostra_article_get_title (RostraArticle *self);
const char        *rostra_article_get_source (RostraArticle *self);
const char        *rostra_article_get_published (RostraArticle *self);
GDateTime         *rostra_article_dup_published_date_time (RostraArticle *self);
const char        *rostra_article_get_language (RostraArticle *self);
const char        *rostra_article_get_text (RostraArticle *self);
const char        *rostra_article_get_imported_from (RostraArticle *self);
const char *const *rostra_article_get_tags (RostraArticle *self);
guint              rostra_article_get_words (RostraArticle *self);
guint              rostra_article_get_n_annotations (RostraArticle *self);
const char        *rostra_article_get_snippet (RostraArticle *self);
char              *rostra_article_dup_date_label (RostraArticle *self, gboolean abbreviated);
char              *rostra_article_dup_meta_line (RostraArticle *self);
const char        *rostra_article_get_speaker (RostraArticle *self);
const char        *rostra_article_get_occasion (RostraArticle *self);
const char        *rostra_article_get_delivered (RostraArticle *self);
const char        *rostra_article_get_memo (RostraArticle *self);
RostraTextCleaning rostra_article_get_cleaning (RostraArticle *self);
char              *rostra_article_dup_speech_line (RostraArticle *self);

G_END_DECLS
