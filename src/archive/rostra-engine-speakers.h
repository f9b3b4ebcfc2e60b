/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-engine-speakers.h: speakers and speech metadata as jobs of the engine, for the window. */
#pragma once

#include "rostra-engine.h"
#include "rostra-store-speakers.h"

G_BEGIN_DECLS

/**
 * RostraSpeakerChange:
 * @ROSTRA_SPEAKER_RENAME: rename @name to @other
 * @ROSTRA_SPEAKER_MERGE: merge @name into @other
 * @ROSTRA_SPEAKER_ADD_ALIAS: give @name the alias @other
 * @ROSTRA_SPEAKER_REMOVE_ALIAS: remove the alias @name
 * @ROSTRA_SPEAKER_REMOVE: forget the speaker @name
 *
 * What rostra_engine_change_speaker_async() does (see the store's
 * function of each).
 */
typedef enum
{
  ROSTRA_SPEAKER_RENAME,
  ROSTRA_SPEAKER_MERGE,
  ROSTRA_SPEAKER_ADD_ALIAS,
  ROSTRA_SPEAKER_REMOVE_ALIAS,
  ROSTRA_SPEAKER_REMOVE,
} RostraSpeakerChange;

/**
 * RostraSpeakerSuggestions:
 * @article_ids: (element-type gint64): the speeches without a speaker, newest first
 * @suggestions: (element-type RostraSpeakerSuggestion): one per id, %NULL
 *   where nothing points to a speaker
 */
typedef struct
{
  GArray    *article_ids;
  GPtrArray *suggestions;
} RostraSpeakerSuggestions;

void rostra_speaker_suggestions_free (RostraSpeakerSuggestions *suggestions);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RostraSpeakerSuggestions, rostra_speaker_suggestions_free)

void rostra_engine_list_speakers_async (RostraEngine       *self,
                                        GCancellable       *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer            user_data);
GListModel *
rostra_engine_list_speakers_finish (RostraEngine *self, GAsyncResult *result, GError **error);

void rostra_engine_set_metadata_async (RostraEngine                *self,
                                       const gint64                *article_ids,
                                       guint                        n_articles,
                                       RostraMetadataFields         fields,
                                       const RostraArticleMetadata *metadata,
                                       GAsyncReadyCallback          callback,
                                       gpointer                     user_data);
gboolean
rostra_engine_set_metadata_finish (RostraEngine *self, GAsyncResult *result, GError **error);

void rostra_engine_change_speaker_async (RostraEngine       *self,
                                         RostraSpeakerChange change,
                                         const char         *name,
                                         const char         *other,
                                         GAsyncReadyCallback callback,
                                         gpointer            user_data);
gboolean
rostra_engine_change_speaker_finish (RostraEngine *self, GAsyncResult *result, GError **error);

void rostra_engine_set_text_cleaned_async (RostraEngine       *self,
                                           gint64              article_id,
                                           gboolean            cleaned,
                                           GAsyncReadyCallback callback,
                                           gpointer            user_data);
gboolean
rostra_engine_set_text_cleaned_finish (RostraEngine *self, GAsyncResult *result, GError **error);

void rostra_engine_suggest_speakers_async (RostraEngine       *self,
                                           GCancellable       *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer            user_data);
RostraSpeakerSuggestions *
rostra_engine_suggest_speakers_finish (RostraEngine *self, GAsyncResult *result, GError **error);

G_END_DECLS
