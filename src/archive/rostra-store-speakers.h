/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-store-speakers.h: speakers, their aliases, and each speech's metadata. */
#pragma once

#include "rostra-speaker-suggest.h"
#include "rostra-speaker.h"
#include "rostra-store.h"

G_BEGIN_DECLS

/**
 * RostraMetadataFields:
 * @ROSTRA_METADATA_SPEAKER: the speaker
 * @ROSTRA_METADATA_OCCASION: the occasion
 * @ROSTRA_METADATA_DELIVERED: the day the speech was given
 * @ROSTRA_METADATA_MEMO: the memo
 *
 * Which fields of a #RostraArticleMetadata to write; the others stay
 * as they are.
 */
typedef enum
{
  ROSTRA_METADATA_SPEAKER = 1 << 0,
  ROSTRA_METADATA_OCCASION = 1 << 1,
  ROSTRA_METADATA_DELIVERED = 1 << 2,
  ROSTRA_METADATA_MEMO = 1 << 3,
  ROSTRA_METADATA_ALL = 0xf,
} RostraMetadataFields;

/**
 * RostraArticleMetadata:
 * @speaker: (nullable): a speaker's name or one of their aliases; a name
 *   the archive does not know yet makes a new speaker
 * @occasion: (nullable): where or at what event, free text
 * @delivered: (nullable): the day it was given, `YYYY-MM-DD`
 * @memo: (nullable): a note on the whole speech
 *
 * A speech's metadata to write. %NULL or an empty (or blank) text
 * clears the field.
 */
typedef struct
{
  const char *speaker;
  const char *occasion;
  const char *delivered;
  const char *memo;
} RostraArticleMetadata;

gboolean rostra_metadata_check_date (const char *delivered, GError **error);

gboolean rostra_store_set_article_metadata (RostraStore                 *self,
                                            gint64                       article_id,
                                            RostraMetadataFields         fields,
                                            const RostraArticleMetadata *metadata,
                                            GError                     **error);
gboolean rostra_store_set_articles_metadata (RostraStore                 *self,
                                             const gint64                *article_ids,
                                             guint                        n_articles,
                                             RostraMetadataFields         fields,
                                             const RostraArticleMetadata *metadata,
                                             GError                     **error);

GListModel *rostra_store_list_speakers (RostraStore *self, GError **error);
gboolean    rostra_store_find_speaker (RostraStore *self,
                                       const char  *name_or_alias,
                                       gint64      *id,
                                       char       **name,
                                       GError     **error);
gint64      rostra_store_ensure_speaker (RostraStore *self, const char *name, GError **error);
gboolean    rostra_store_rename_speaker (RostraStore *self,
                                         const char  *name,
                                         const char  *new_name,
                                         GError     **error);
gboolean
rostra_store_merge_speakers (RostraStore *self, const char *from, const char *into, GError **error);
gboolean rostra_store_add_speaker_alias (RostraStore *self,
                                         const char  *speaker,
                                         const char  *alias,
                                         GError     **error);
gboolean rostra_store_remove_speaker_alias (RostraStore *self, const char *alias, GError **error);
gboolean rostra_store_remove_speaker (RostraStore *self, const char *name, GError **error);

RostraSpeakerSuggester *rostra_store_new_speaker_suggester (RostraStore *self, GError **error);
GPtrArray              *rostra_store_suggest_speakers (RostraStore  *self,
                                                       GCancellable *cancellable,
                                                       GArray      **article_ids,
                                                       GError      **error);

gboolean
rostra_store_keep_raw_text (RostraStore *self, gint64 article_id, const char *raw, GError **error);
gboolean rostra_store_set_text_cleaned (RostraStore *self,
                                        gint64       article_id,
                                        gboolean     cleaned,
                                        GError     **error);
char    *rostra_store_dup_raw_text (RostraStore *self, gint64 article_id, GError **error);

G_END_DECLS
