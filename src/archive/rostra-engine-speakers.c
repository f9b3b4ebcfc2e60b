/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-engine-speakers.c: speakers and speech metadata as jobs of the engine, for the window.
 *
 * The window's calls of rostra-store-speakers.c: writes on the engine's
 * writer (one transaction each: a bulk edit of a selection is whole or
 * nothing), reads on its readers. Each job copies what it is given, so
 * the caller may free it at once.
 */

#include "config.h"

#include "rostra-engine-private.h"
#include "rostra-engine-speakers.h"

/* Listing */

static gboolean
list_speakers_job (RostraEngineJob *job,
                   RostraStore     *store,
                   gpointer         data,
                   GCancellable    *cancellable,
                   gpointer        *result,
                   GError         **error)
{
  return (*result = rostra_store_list_speakers (store, error)) != NULL;
}

/**
 * rostra_engine_list_speakers_async:
 *
 * Lists the speakers (see rostra_store_list_speakers()) on a reader.
 */
void
rostra_engine_list_speakers_async (RostraEngine       *self,
                                   GCancellable       *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer            user_data)
{
  g_return_if_fail (ROSTRA_IS_ENGINE (self));

  _rostra_engine_run_async (self, ROSTRA_ENGINE_READ, list_speakers_job, NULL, NULL, g_object_unref,
                            NULL, NULL, cancellable, rostra_engine_list_speakers_async, callback,
                            user_data);
}

/**
 * rostra_engine_list_speakers_finish:
 *
 * Returns: (transfer full): a #GListModel of #RostraSpeaker, the most
 *   speeches first; %NULL with @error set
 */
GListModel *
rostra_engine_list_speakers_finish (RostraEngine *self, GAsyncResult *result, GError **error)
{
  return _rostra_engine_run_finish (self, result, rostra_engine_list_speakers_async, error);
}

/* Metadata of a selection */

typedef struct
{
  GArray              *ids;
  RostraMetadataFields fields;
  char                *speaker, *occasion, *delivered, *memo;
} SetMetadata;

static void
set_metadata_free (gpointer data)
{
  SetMetadata *m = data;

  g_array_unref (m->ids);
  g_free (m->speaker);
  g_free (m->occasion);
  g_free (m->delivered);
  g_free (m->memo);
  g_free (m);
}

static gboolean
set_metadata_job (RostraEngineJob *job,
                  RostraStore     *store,
                  gpointer         data,
                  GCancellable    *cancellable,
                  gpointer        *result,
                  GError         **error)
{
  SetMetadata          *m = data;
  RostraArticleMetadata metadata = { m->speaker, m->occasion, m->delivered, m->memo };

  if (!rostra_store_set_articles_metadata (store, (const gint64 *) m->ids->data, m->ids->len,
                                           m->fields, &metadata, error))
    return FALSE;
  *result = GINT_TO_POINTER (TRUE);
  return TRUE;
}

/**
 * rostra_engine_set_metadata_async:
 * @article_ids: (array length=n_articles): the speeches: one (the reader),
 *   or the list's selection
 * @fields: the fields of @metadata to write
 * @metadata: the values (see rostra_store_set_articles_metadata())
 *
 * Writes the metadata on the writer, in one transaction. Not
 * cancellable: the edit is whole or not at all.
 */
void
rostra_engine_set_metadata_async (RostraEngine                *self,
                                  const gint64                *article_ids,
                                  guint                        n_articles,
                                  RostraMetadataFields         fields,
                                  const RostraArticleMetadata *metadata,
                                  GAsyncReadyCallback          callback,
                                  gpointer                     user_data)
{
  SetMetadata *m;

  g_return_if_fail (ROSTRA_IS_ENGINE (self));
  g_return_if_fail (metadata != NULL);

  m = g_new0 (SetMetadata, 1);
  m->ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_articles);
  g_array_append_vals (m->ids, article_ids, n_articles);
  m->fields = fields;
  m->speaker = g_strdup (metadata->speaker);
  m->occasion = g_strdup (metadata->occasion);
  m->delivered = g_strdup (metadata->delivered);
  m->memo = g_strdup (metadata->memo);
  _rostra_engine_run_async (self, ROSTRA_ENGINE_WRITE, set_metadata_job, m, set_metadata_free, NULL,
                            NULL, NULL, NULL, rostra_engine_set_metadata_async, callback,
                            user_data);
}

/**
 * rostra_engine_set_metadata_finish:
 *
 * Returns: %TRUE, or %FALSE with @error set (then nothing changed)
 */
gboolean
rostra_engine_set_metadata_finish (RostraEngine *self, GAsyncResult *result, GError **error)
{
  return _rostra_engine_run_finish (self, result, rostra_engine_set_metadata_async, error) != NULL;
}

/* Renaming, merging, aliases */

typedef struct
{
  RostraSpeakerChange change;
  char               *name;
  char               *other;
} ChangeSpeaker;

static void
change_speaker_free (gpointer data)
{
  ChangeSpeaker *c = data;

  g_free (c->name);
  g_free (c->other);
  g_free (c);
}

static gboolean
change_speaker_job (RostraEngineJob *job,
                    RostraStore     *store,
                    gpointer         data,
                    GCancellable    *cancellable,
                    gpointer        *result,
                    GError         **error)
{
  ChangeSpeaker *c = data;
  gboolean       ok = FALSE;

  switch (c->change)
    {
      case ROSTRA_SPEAKER_RENAME:
        ok = rostra_store_rename_speaker (store, c->name, c->other, error);
        break;
      case ROSTRA_SPEAKER_MERGE:
        ok = rostra_store_merge_speakers (store, c->name, c->other, error);
        break;
      case ROSTRA_SPEAKER_ADD_ALIAS:
        ok = rostra_store_add_speaker_alias (store, c->name, c->other, error);
        break;
      case ROSTRA_SPEAKER_REMOVE_ALIAS:
        ok = rostra_store_remove_speaker_alias (store, c->name, error);
        break;
      case ROSTRA_SPEAKER_REMOVE:
        ok = rostra_store_remove_speaker (store, c->name, error);
        break;
      default:
        g_assert_not_reached ();
    }
  *result = GINT_TO_POINTER (ok);
  return ok;
}

/**
 * rostra_engine_change_speaker_async:
 * @change: what to do
 * @name: the speaker (a name or alias), or the alias to remove
 * @other: (nullable): the new name, the speaker to merge into, or the
 *   alias to add
 *
 * Changes the list of speakers on the writer, in one transaction.
 */
void
rostra_engine_change_speaker_async (RostraEngine       *self,
                                    RostraSpeakerChange change,
                                    const char         *name,
                                    const char         *other,
                                    GAsyncReadyCallback callback,
                                    gpointer            user_data)
{
  ChangeSpeaker *c;

  g_return_if_fail (ROSTRA_IS_ENGINE (self));
  g_return_if_fail (name != NULL);

  c = g_new0 (ChangeSpeaker, 1);
  c->change = change;
  c->name = g_strdup (name);
  c->other = g_strdup (other);
  _rostra_engine_run_async (self, ROSTRA_ENGINE_WRITE, change_speaker_job, c, change_speaker_free,
                            NULL, NULL, NULL, NULL, rostra_engine_change_speaker_async, callback,
                            user_data);
}

/**
 * rostra_engine_change_speaker_finish:
 *
 * Returns: %TRUE, or %FALSE with @error set (%ROSTRA_STORE_ERROR_EXISTS:
 *   the name is another speaker's; %ROSTRA_STORE_ERROR_NOT_FOUND: no such
 *   speaker or alias), and then nothing changed
 */
gboolean
rostra_engine_change_speaker_finish (RostraEngine *self, GAsyncResult *result, GError **error)
{
  return _rostra_engine_run_finish (self, result, rostra_engine_change_speaker_async, error) !=
         NULL;
}

/* Cleaned or raw text */

typedef struct
{
  gint64   id;
  gboolean cleaned;
} SetCleaned;

static gboolean
set_cleaned_job (RostraEngineJob *job,
                 RostraStore     *store,
                 gpointer         data,
                 GCancellable    *cancellable,
                 gpointer        *result,
                 GError         **error)
{
  SetCleaned *c = data;

  if (!rostra_store_set_text_cleaned (store, c->id, c->cleaned, error))
    return FALSE;
  *result = GINT_TO_POINTER (TRUE);
  return TRUE;
}

/**
 * rostra_engine_set_text_cleaned_async:
 * @article_id: a speech the cleaning rules changed at import (see
 *   rostra_article_get_cleaning())
 * @cleaned: show the cleaned text (%TRUE) or the raw entry
 *
 * Switches the speech's text on the writer, its annotations re-anchored
 * in the same transaction (see rostra_store_set_text_cleaned()). Load
 * the article and its annotations again when it is done.
 */
void
rostra_engine_set_text_cleaned_async (RostraEngine       *self,
                                      gint64              article_id,
                                      gboolean            cleaned,
                                      GAsyncReadyCallback callback,
                                      gpointer            user_data)
{
  SetCleaned *c;

  g_return_if_fail (ROSTRA_IS_ENGINE (self));

  c = g_new0 (SetCleaned, 1);
  c->id = article_id;
  c->cleaned = cleaned;
  _rostra_engine_run_async (self, ROSTRA_ENGINE_WRITE, set_cleaned_job, c, g_free, NULL, NULL, NULL,
                            NULL, rostra_engine_set_text_cleaned_async, callback, user_data);
}

gboolean
rostra_engine_set_text_cleaned_finish (RostraEngine *self, GAsyncResult *result, GError **error)
{
  return _rostra_engine_run_finish (self, result, rostra_engine_set_text_cleaned_async, error) !=
         NULL;
}

/* Suggestions for the archive */

void
rostra_speaker_suggestions_free (RostraSpeakerSuggestions *suggestions)
{
  if (suggestions == NULL)
    return;
  g_clear_pointer (&suggestions->article_ids, g_array_unref);
  g_clear_pointer (&suggestions->suggestions, g_ptr_array_unref);
  g_free (suggestions);
}

static gboolean
suggest_job (RostraEngineJob *job,
             RostraStore     *store,
             gpointer         data,
             GCancellable    *cancellable,
             gpointer        *result,
             GError         **error)
{
  RostraSpeakerSuggestions *s = g_new0 (RostraSpeakerSuggestions, 1);

  s->suggestions = rostra_store_suggest_speakers (store, cancellable, &s->article_ids, error);
  if (s->suggestions == NULL)
    {
      rostra_speaker_suggestions_free (s);
      return FALSE;
    }
  *result = s;
  return TRUE;
}

/**
 * rostra_engine_suggest_speakers_async:
 * @cancellable: (nullable): stops the walk
 *
 * Suggests a speaker for every speech without one, on a reader (see
 * rostra_store_suggest_speakers()): it reads their texts. Nothing is
 * stored: the window offers the suggestions, and
 * rostra_engine_set_metadata_async() stores those the user accepts.
 */
void
rostra_engine_suggest_speakers_async (RostraEngine       *self,
                                      GCancellable       *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer            user_data)
{
  g_return_if_fail (ROSTRA_IS_ENGINE (self));

  _rostra_engine_run_async (self, ROSTRA_ENGINE_READ, suggest_job, NULL, NULL,
                            (GDestroyNotify) rostra_speaker_suggestions_free, NULL, NULL,
                            cancellable, rostra_engine_suggest_speakers_async, callback, user_data);
}

/**
 * rostra_engine_suggest_speakers_finish:
 *
 * Returns: (transfer full): the suggestions, or %NULL with @error set
 */
RostraSpeakerSuggestions *
rostra_engine_suggest_speakers_finish (RostraEngine *self, GAsyncResult *result, GError **error)
{
  return _rostra_engine_run_finish (self, result, rostra_engine_suggest_speakers_async, error);
}
