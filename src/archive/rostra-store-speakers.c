/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-store-speakers.c: speakers, their aliases, each speech's metadata and raw text.
 *
 * A speaker is matched by the folded form of their name or of an alias
 * (see rostra_text_fold()): one folded form names one speaker, never
 * two, so that "Sergei Lavrov" in a title finds one person. Merging
 * makes one speaker an alias of another and moves their speeches.
 *
 * Every change is one transaction (or part of the caller's), as
 * annotations' are. The raw entry of a speech whose text the cleaning
 * rules changed at import is kept beside it (see rostra-text-clean.c):
 * switching between the two re-anchors the speech's annotations in the
 * same transaction.
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "rostra-store-private.h"
#include "rostra-store-speakers.h"
#include "rostra-text-clean.h"
#include "rostra-text.h"

typedef enum
{
  STMT_FIND,
  STMT_ADD_SPEAKER,
  STMT_ARTICLE_EXISTS,
  STMT_ENSURE_META,
  STMT_SET_SPEAKER,
  STMT_SET_OCCASION,
  STMT_SET_DELIVERED,
  STMT_SET_MEMO,
  STMT_DROP_EMPTY_META,
  STMT_LIST,
  STMT_RENAME,
  STMT_MOVE_ARTICLES,
  STMT_MOVE_ALIASES,
  STMT_DELETE_SPEAKER,
  STMT_ADD_ALIAS,
  STMT_DELETE_ALIAS,
  STMT_KEEP_RAW,
  STMT_RAW,
  STMT_SET_TEXT,
  STMT_SET_CLEANED,
  STMT_UNATTRIBUTED,
  N_STMTS
} Stmt;

static const char *const stmt_sql[N_STMTS] = {
  /* A speaker by name first, then by alias: 1 when it was an alias. */
  [STMT_FIND] = "SELECT id, name, 0 FROM speakers WHERE folded = ?1 UNION ALL"
                " SELECT s.id, s.name, 1 FROM speaker_aliases x JOIN speakers s"
                " ON s.id = x.speaker_id WHERE x.folded = ?1 LIMIT 1",
  [STMT_ADD_SPEAKER] = "INSERT INTO speakers (name, folded) VALUES (?1, ?2)",
  [STMT_ARTICLE_EXISTS] = "SELECT 1 FROM articles WHERE id = ?1",
  [STMT_ENSURE_META] = "INSERT OR IGNORE INTO article_meta (article_id) VALUES (?1)",
  [STMT_SET_SPEAKER] = "UPDATE article_meta SET speaker_id = ?2 WHERE article_id = ?1",
  [STMT_SET_OCCASION] = "UPDATE article_meta SET occasion = ?2 WHERE article_id = ?1",
  [STMT_SET_DELIVERED] = "UPDATE article_meta SET delivered = ?2 WHERE article_id = ?1",
  [STMT_SET_MEMO] = "UPDATE article_meta SET memo = ?2 WHERE article_id = ?1",
  [STMT_DROP_EMPTY_META] = "DELETE FROM article_meta WHERE article_id = ?1 AND speaker_id IS NULL"
                           " AND occasion IS NULL AND delivered IS NULL AND memo IS NULL",
  [STMT_LIST] = "SELECT s.id, s.name, (SELECT group_concat (alias, " ROSTRA_STORE_TAG_JOIN_SQL
                ") FROM (SELECT alias FROM speaker_aliases x WHERE x.speaker_id = s.id"
                "   ORDER BY alias COLLATE NOCASE)),"
                " (SELECT count(*) FROM article_meta m WHERE m.speaker_id = s.id) AS n"
                " FROM speakers s ORDER BY n DESC, s.name COLLATE NOCASE",
  [STMT_RENAME] = "UPDATE speakers SET name = ?2, folded = ?3 WHERE id = ?1",
  [STMT_MOVE_ARTICLES] = "UPDATE article_meta SET speaker_id = ?2 WHERE speaker_id = ?1",
  [STMT_MOVE_ALIASES] = "UPDATE speaker_aliases SET speaker_id = ?2 WHERE speaker_id = ?1",
  [STMT_DELETE_SPEAKER] = "DELETE FROM speakers WHERE id = ?1",
  [STMT_ADD_ALIAS] = "INSERT INTO speaker_aliases (speaker_id, alias, folded) VALUES (?1, ?2, ?3)",
  [STMT_DELETE_ALIAS] = "DELETE FROM speaker_aliases WHERE folded = ?1",
  [STMT_KEEP_RAW] =
      "INSERT OR REPLACE INTO article_raw (article_id, text, cleaned) VALUES (?1, ?2, 1)",
  [STMT_RAW] = "SELECT r.text, r.cleaned, a.title, a.published FROM article_raw r"
               " JOIN articles a ON a.id = r.article_id WHERE r.article_id = ?1",
  [STMT_SET_TEXT] = "UPDATE articles SET text = ?2, words = ?3 WHERE id = ?1",
  [STMT_SET_CLEANED] = "UPDATE article_raw SET cleaned = ?2 WHERE article_id = ?1",
  /* Speeches without speaker, newest first, with their leads (the
   * suggester reads no more than that). */
  [STMT_UNATTRIBUTED] = "SELECT a.id, a.title, substr (a.text, 1, 1000) FROM articles a"
                        " WHERE NOT EXISTS (SELECT 1 FROM article_meta m"
                        "   WHERE m.article_id = a.id AND m.speaker_id IS NOT NULL)"
                        " ORDER BY a.published DESC, a.id DESC",
};

static sqlite3_stmt *
get_stmt (RostraStore *self, Stmt which, GError **error)
{
  return _rostra_store_statement (self, stmt_sql[which], error);
}

/* @text trimmed, runs of blanks made one space; %NULL when blank. */
static char *
dup_clean_value (const char *text)
{
  g_auto (GStrv) words = NULL;
  g_autoptr (GStrvBuilder) kept = NULL;
  g_auto (GStrv) strv = NULL;

  if (text == NULL)
    return NULL;
  words = g_strsplit_set (text, " \t\n\r", -1);
  kept = g_strv_builder_new ();
  for (guint i = 0; words[i]; i++)
    if (*words[i] != '\0')
      g_strv_builder_add (kept, words[i]);
  strv = g_strv_builder_end (kept);
  return strv[0] ? g_strjoinv (" ", strv) : NULL;
}

/* A memo or occasion keeps its lines: only blank ones around it go. */
static char *
dup_text_value (const char *text)
{
  char *copy;

  if (text == NULL)
    return NULL;
  copy = g_strstrip (g_strdup (text));
  if (*copy == '\0')
    g_clear_pointer (&copy, g_free);
  return copy;
}

/**
 * rostra_metadata_check_date:
 * @delivered: (nullable): a day as `YYYY-MM-DD`
 *
 * Returns: %TRUE when @delivered is %NULL, blank or a day of the
 *   calendar; otherwise %FALSE with %ROSTRA_STORE_ERROR_INVALID
 */
gboolean
rostra_metadata_check_date (const char *delivered, GError **error)
{
  g_autofree char *value = dup_clean_value (delivered);
  guint            year, month, day;

  if (value == NULL)
    return TRUE;
  if (strlen (value) == 10 && value[4] == '-' && value[7] == '-' && g_ascii_isdigit (value[0]) &&
      g_ascii_isdigit (value[1]) && g_ascii_isdigit (value[2]) && g_ascii_isdigit (value[3]) &&
      g_ascii_isdigit (value[5]) && g_ascii_isdigit (value[6]) && g_ascii_isdigit (value[8]) &&
      g_ascii_isdigit (value[9]) && sscanf (value, "%4u-%2u-%2u", &year, &month, &day) == 3 &&
      year >= 1 && g_date_valid_dmy (day, month, year))
    return TRUE;

  g_set_error (error, ROSTRA_STORE_ERROR, ROSTRA_STORE_ERROR_INVALID,
               _("“%s” is not a date; write it as YYYY-MM-DD, such as 2024-09-25"), value);
  return FALSE;
}

/* Speakers */

/**
 * rostra_store_new_speaker_suggester:
 *
 * Returns: (transfer full): a suggester that knows the archive's
 *   speakers and their aliases, or %NULL with @error set
 */
RostraSpeakerSuggester *
rostra_store_new_speaker_suggester (RostraStore *self, GError **error)
{
  g_autoptr (GListModel) speakers = NULL;
  RostraSpeakerSuggester *suggester;

  g_return_val_if_fail (ROSTRA_IS_STORE (self), NULL);

  if (!(speakers = rostra_store_list_speakers (self, error)))
    return NULL;
  suggester = rostra_speaker_suggester_new ();
  for (guint i = 0; i < g_list_model_get_n_items (speakers); i++)
    {
      g_autoptr (RostraSpeaker) speaker = g_list_model_get_item (speakers, i);

      rostra_speaker_suggester_add_known (suggester, rostra_speaker_get_name (speaker),
                                          rostra_speaker_get_aliases (speaker));
    }
  return suggester;
}

/* The speaker @folded names (by name or alias): *id 0 when none. */
static gboolean
find_folded (RostraStore *self,
             const char  *folded,
             gint64      *id,
             char       **name,
             gboolean    *is_alias,
             GError     **error)
{
  sqlite3_stmt *stmt = get_stmt (self, STMT_FIND, error);
  int           rc;

  *id = 0;
  if (stmt == NULL)
    return FALSE;
  _rostra_store_bind_text (stmt, 1, folded);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *id = sqlite3_column_int64 (stmt, 0);
      if (name != NULL)
        *name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      if (is_alias != NULL)
        *is_alias = sqlite3_column_int (stmt, 2) != 0;
    }
  _rostra_store_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _rostra_store_set_error (self, rc, error);
  return TRUE;
}

/**
 * rostra_store_find_speaker:
 * @name_or_alias: a speaker's name or alias, case and accents ignored
 * @id: (out) (optional): the speaker's id, 0 when none matches
 * @name: (out) (optional) (transfer full): the speaker's name, %NULL when none matches
 *
 * Returns: %FALSE with @error set on a database error only
 */
gboolean
rostra_store_find_speaker (RostraStore *self,
                           const char  *name_or_alias,
                           gint64      *id,
                           char       **name,
                           GError     **error)
{
  g_autofree char *folded = rostra_text_fold (name_or_alias);
  gint64           found = 0;

  g_return_val_if_fail (ROSTRA_IS_STORE (self), FALSE);

  if (name != NULL)
    *name = NULL;
  if (*folded != '\0' && !find_folded (self, folded, &found, name, NULL, error))
    return FALSE;
  if (id != NULL)
    *id = found;
  return TRUE;
}

static gint64
ensure_speaker (RostraStore *self, const char *name, GError **error)
{
  g_autofree char *value = dup_clean_value (name);
  g_autofree char *folded = NULL;
  sqlite3_stmt    *stmt;
  gint64           id;

  if (value == NULL)
    {
      g_set_error_literal (error, ROSTRA_STORE_ERROR, ROSTRA_STORE_ERROR_INVALID,
                           _("A speaker needs a name"));
      return 0;
    }
  folded = rostra_text_fold (value);
  if (!find_folded (self, folded, &id, NULL, NULL, error))
    return 0;
  if (id > 0)
    return id;

  if (!(stmt = get_stmt (self, STMT_ADD_SPEAKER, error)))
    return 0;
  _rostra_store_bind_text (stmt, 1, value);
  _rostra_store_bind_text (stmt, 2, folded);
  if (!_rostra_store_run (self, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (_rostra_store_get_db (self));
}

typedef struct
{
  const char *name;
  gint64      id;
} EnsureData;

static gboolean
ensure_in_transaction (RostraStore *self, gpointer user_data, GError **error)
{
  EnsureData *data = user_data;

  data->id = ensure_speaker (self, data->name, error);
  return data->id > 0;
}

/**
 * rostra_store_ensure_speaker:
 * @name: a name or alias
 *
 * Returns: the id of the speaker @name names, added when the archive
 *   has none; 0 with @error set (%ROSTRA_STORE_ERROR_INVALID for a blank name)
 */
gint64
rostra_store_ensure_speaker (RostraStore *self, const char *name, GError **error)
{
  EnsureData data = { name, 0 };

  g_return_val_if_fail (ROSTRA_IS_STORE (self), 0);

  if (!_rostra_store_write (self, ensure_in_transaction, &data, error))
    return 0;
  return data.id;
}

static gpointer
read_speaker (sqlite3_stmt *stmt)
{
  const char *aliases = (const char *) sqlite3_column_text (stmt, 2);

  return rostra_speaker_new (sqlite3_column_int64 (stmt, 0),
                             (const char *) sqlite3_column_text (stmt, 1),
                             aliases ? g_strsplit (aliases, ROSTRA_STORE_TAG_SPLIT, -1) : NULL,
                             sqlite3_column_int (stmt, 3));
}

/**
 * rostra_store_list_speakers:
 *
 * Returns: (transfer full): a #GListModel of #RostraSpeaker, those with
 *   the most speeches first, then by name; %NULL with @error set
 */
GListModel *
rostra_store_list_speakers (RostraStore *self, GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ROSTRA_IS_STORE (self), NULL);

  if (!(stmt = get_stmt (self, STMT_LIST, error)))
    return NULL;
  return _rostra_store_read_list (self, stmt, ROSTRA_TYPE_SPEAKER, read_speaker, error);
}

/* The speaker named exactly (not by alias) @name, or NOT_FOUND. */
static gboolean
require_speaker (RostraStore *self, const char *name, gint64 *id, GError **error)
{
  g_autofree char *folded = rostra_text_fold (name);
  gboolean         is_alias = FALSE;

  if (!find_folded (self, folded, id, NULL, &is_alias, error))
    return FALSE;
  if (*id == 0)
    {
      g_set_error (error, ROSTRA_STORE_ERROR, ROSTRA_STORE_ERROR_NOT_FOUND,
                   _("There is no speaker “%s” in the archive"), name ? name : "");
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  const char *name;
  const char *other; /* the new name, the speaker merged into, the alias */
} SpeakerChange;

static gboolean
rename_speaker (RostraStore *self, gpointer user_data, GError **error)
{
  SpeakerChange   *change = user_data;
  g_autofree char *value = dup_clean_value (change->other);
  g_autofree char *folded = NULL;
  sqlite3_stmt    *stmt;
  gint64           id, taken;
  gboolean         is_alias = FALSE;

  if (!require_speaker (self, change->name, &id, error))
    return FALSE;
  if (value == NULL)
    {
      g_set_error_literal (error, ROSTRA_STORE_ERROR, ROSTRA_STORE_ERROR_INVALID,
                           _("A speaker needs a name"));
      return FALSE;
    }
  folded = rostra_text_fold (value);
  if (!find_folded (self, folded, &taken, NULL, &is_alias, error))
    return FALSE;
  if (taken != 0 && taken != id)
    {
      g_set_error (error, ROSTRA_STORE_ERROR, ROSTRA_STORE_ERROR_EXISTS,
                   _("“%s” is already another speaker's name or alias; merge the two instead"),
                      value);
      return FALSE;
    }
  /* Renamed to one of their own aliases: the alias becomes the name. */
  if (is_alias)
    {
      if (!(stmt = get_stmt (self, STMT_DELETE_ALIAS, error)))
        return FALSE;
      _rostra_store_bind_text (stmt, 1, folded);
      if (!_rostra_store_run (self, stmt, error))
        return FALSE;
    }
  if (!(stmt = get_stmt (self, STMT_RENAME, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  _rostra_store_bind_text (stmt, 2, value);
  _rostra_store_bind_text (stmt, 3, folded);
  return _rostra_store_run (self, stmt, error);
}

/**
 * rostra_store_rename_speaker:
 * @name: a speaker's name or alias
 * @new_name: their new name, which no other speaker may have as name or
 *   alias (%ROSTRA_STORE_ERROR_EXISTS: merge them instead); one of their
 *   own aliases becomes their name
 *
 * Returns: %FALSE with @error set, and then nothing changed
 */
gboolean
rostra_store_rename_speaker (RostraStore *self,
                             const char  *name,
                             const char  *new_name,
                             GError     **error)
{
  SpeakerChange change = { name, new_name };

  g_return_val_if_fail (ROSTRA_IS_STORE (self), FALSE);
  return _rostra_store_write (self, rename_speaker, &change, error);
}

static gboolean
add_alias (RostraStore *self, gint64 id, const char *alias, GError **error)
{
  g_autofree char *value = dup_clean_value (alias);
  g_autofree char *folded = NULL;
  sqlite3_stmt    *stmt;
  gint64           taken;

  if (value == NULL)
    {
      g_set_error_literal (error, ROSTRA_STORE_ERROR, ROSTRA_STORE_ERROR_INVALID,
                           _("An alias cannot be blank"));
      return FALSE;
    }
  folded = rostra_text_fold (value);
  if (!find_folded (self, folded, &taken, NULL, NULL, error))
    return FALSE;
  if (taken == id)
    return TRUE;
  if (taken != 0)
    {
      g_set_error (error, ROSTRA_STORE_ERROR, ROSTRA_STORE_ERROR_EXISTS,
                   _("“%s” is already another speaker's name or alias"), value);
      return FALSE;
    }
  if (!(stmt = get_stmt (self, STMT_ADD_ALIAS, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  _rostra_store_bind_text (stmt, 2, value);
  _rostra_store_bind_text (stmt, 3, folded);
  return _rostra_store_run (self, stmt, error);
}

static gboolean
merge_speakers (RostraStore *self, gpointer user_data, GError **error)
{
  SpeakerChange   *change = user_data;
  g_autofree char *from_name = NULL;
  g_autofree char *from_folded = rostra_text_fold (change->name);
  sqlite3_stmt    *stmt;
  gint64           from, into;
  Stmt             moves[] = { STMT_MOVE_ARTICLES, STMT_MOVE_ALIASES };

  if (!require_speaker (self, change->name, &from, error) ||
      !require_speaker (self, change->other, &into, error) ||
      !find_folded (self, from_folded, &from, &from_name, NULL, error))
    return FALSE;
  if (from == into)
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (moves); i++)
    {
      if (!(stmt = get_stmt (self, moves[i], error)))
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, from);
      sqlite3_bind_int64 (stmt, 2, into);
      if (!_rostra_store_run (self, stmt, error))
        return FALSE;
    }
  if (!(stmt = get_stmt (self, STMT_DELETE_SPEAKER, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, from);
  if (!_rostra_store_run (self, stmt, error))
    return FALSE;
  return add_alias (self, into, from_name, error);
}

/**
 * rostra_store_merge_speakers:
 * @from: a speaker's name or alias: the one that goes
 * @into: a speaker's name or alias: the one that stays
 *
 * Makes @from's name an alias of @into, with all of @from's aliases,
 * and gives @into @from's speeches.
 *
 * Returns: %FALSE with @error set (%ROSTRA_STORE_ERROR_NOT_FOUND when
 *   either is no speaker), and then nothing changed
 */
gboolean
rostra_store_merge_speakers (RostraStore *self, const char *from, const char *into, GError **error)
{
  SpeakerChange change = { from, into };

  g_return_val_if_fail (ROSTRA_IS_STORE (self), FALSE);
  return _rostra_store_write (self, merge_speakers, &change, error);
}

static gboolean
add_alias_to_named (RostraStore *self, gpointer user_data, GError **error)
{
  SpeakerChange *change = user_data;
  gint64         id;

  return require_speaker (self, change->name, &id, error) &&
         add_alias (self, id, change->other, error);
}

/**
 * rostra_store_add_speaker_alias:
 * @speaker: a speaker's name or alias
 * @alias: another name for them, matched as they are; no other speaker
 *   may have it (%ROSTRA_STORE_ERROR_EXISTS)
 *
 * Returns: %FALSE with @error set, and then nothing changed
 */
gboolean
rostra_store_add_speaker_alias (RostraStore *self,
                                const char  *speaker,
                                const char  *alias,
                                GError     **error)
{
  SpeakerChange change = { speaker, alias };

  g_return_val_if_fail (ROSTRA_IS_STORE (self), FALSE);
  return _rostra_store_write (self, add_alias_to_named, &change, error);
}

/**
 * rostra_store_remove_speaker_alias:
 * @alias: an alias (case and accents ignored)
 *
 * Returns: %FALSE with @error set (%ROSTRA_STORE_ERROR_NOT_FOUND when no
 *   speaker has this alias)
 */
gboolean
rostra_store_remove_speaker_alias (RostraStore *self, const char *alias, GError **error)
{
  g_autofree char *folded = rostra_text_fold (alias);
  sqlite3_stmt    *stmt;

  g_return_val_if_fail (ROSTRA_IS_STORE (self), FALSE);

  if (!(stmt = get_stmt (self, STMT_DELETE_ALIAS, error)))
    return FALSE;
  _rostra_store_bind_text (stmt, 1, folded);
  if (!_rostra_store_run (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (_rostra_store_get_db (self)) == 0)
    {
      g_set_error (error, ROSTRA_STORE_ERROR, ROSTRA_STORE_ERROR_NOT_FOUND,
                   _("No speaker has the alias “%s”"), alias ? alias : "");
      return FALSE;
    }
  return TRUE;
}

static gboolean
remove_speaker (RostraStore *self, gpointer user_data, GError **error)
{
  SpeakerChange *change = user_data;
  sqlite3_stmt  *stmt;
  gint64         id;

  if (!require_speaker (self, change->name, &id, error) ||
      !(stmt = get_stmt (self, STMT_DELETE_SPEAKER, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return _rostra_store_run (self, stmt, error);
}

/**
 * rostra_store_remove_speaker:
 * @name: a speaker's name or alias
 *
 * Forgets a speaker and their aliases; their speeches keep their other
 * metadata and have no speaker.
 *
 * Returns: %FALSE with @error set, and then nothing changed
 */
gboolean
rostra_store_remove_speaker (RostraStore *self, const char *name, GError **error)
{
  SpeakerChange change = { name, NULL };

  g_return_val_if_fail (ROSTRA_IS_STORE (self), FALSE);
  return _rostra_store_write (self, remove_speaker, &change, error);
}

/**
 * rostra_store_suggest_speakers:
 * @cancellable: (nullable): stops the walk
 * @article_ids: (out) (transfer full) (element-type gint64): the speech
 *   each suggestion is for
 *
 * Suggests a speaker for every speech that has none, newest first, all
 * together (see rostra-speaker-suggest.c), the archive's speakers
 * known. Reads every such speech's title and lead: run it on a worker
 * (see rostra_engine_suggest_speakers_async()). Nothing is stored.
 *
 * Returns: (transfer full) (element-type RostraSpeakerSuggestion): one
 *   suggestion per id of @article_ids, %NULL where nothing points to a
 *   speaker; %NULL with @error set
 */
GPtrArray *
rostra_store_suggest_speakers (RostraStore  *self,
                               GCancellable *cancellable,
                               GArray      **article_ids,
                               GError      **error)
{
  g_autoptr (RostraSpeakerSuggester) suggester = NULL;
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int           rc;

  g_return_val_if_fail (ROSTRA_IS_STORE (self), NULL);
  g_return_val_if_fail (article_ids != NULL, NULL);

  if (!(suggester = rostra_store_new_speaker_suggester (self, error)) ||
      !(stmt = get_stmt (self, STMT_UNATTRIBUTED, error)))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      if (g_cancellable_is_cancelled (cancellable))
        break;
      rostra_speaker_suggester_add (suggester, (const char *) sqlite3_column_text (stmt, 1),
                                    (const char *) sqlite3_column_text (stmt, 2));
      g_array_append_val (ids, id);
    }
  _rostra_store_reset (stmt);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if (rc != SQLITE_DONE)
    {
      _rostra_store_set_error (self, rc, error);
      return NULL;
    }
  *article_ids = g_steal_pointer (&ids);
  return rostra_speaker_suggester_finish (suggester);
}

/* Metadata */

typedef struct
{
  const gint64                *ids;
  guint                        n_ids;
  RostraMetadataFields         fields;
  const RostraArticleMetadata *metadata;
} MetadataChange;

static gboolean
set_one (RostraStore *self, gint64 id, Stmt which, const char *value, GError **error)
{
  sqlite3_stmt *stmt = get_stmt (self, which, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  _rostra_store_bind_text (stmt, 2, value);
  return _rostra_store_run (self, stmt, error);
}

static gboolean
set_metadata (RostraStore *self, gpointer user_data, GError **error)
{
  MetadataChange              *change = user_data;
  const RostraArticleMetadata *m = change->metadata;
  g_autofree char             *occasion = dup_text_value (m->occasion);
  g_autofree char             *delivered = dup_clean_value (m->delivered);
  g_autofree char             *memo = dup_text_value (m->memo);
  g_autofree char             *speaker = dup_clean_value (m->speaker);
  gint64                       speaker_id = 0;
  sqlite3_stmt                *exists, *ensure, *stmt;
  const struct
  {
    RostraMetadataFields field;
    Stmt                 stmt;
    const char          *value;
  } texts[] = {
    { ROSTRA_METADATA_OCCASION, STMT_SET_OCCASION, occasion },
    { ROSTRA_METADATA_DELIVERED, STMT_SET_DELIVERED, delivered },
    { ROSTRA_METADATA_MEMO, STMT_SET_MEMO, memo },
  };

  if ((change->fields & ROSTRA_METADATA_DELIVERED) &&
      !rostra_metadata_check_date (delivered, error))
    return FALSE;
  if ((change->fields & ROSTRA_METADATA_SPEAKER) && speaker != NULL &&
      (speaker_id = ensure_speaker (self, speaker, error)) == 0)
    return FALSE;
  if (!(exists = get_stmt (self, STMT_ARTICLE_EXISTS, error)) ||
      !(ensure = get_stmt (self, STMT_ENSURE_META, error)))
    return FALSE;

  for (guint i = 0; i < change->n_ids; i++)
    {
      gint64 id = change->ids[i];
      int    rc;

      sqlite3_bind_int64 (exists, 1, id);
      rc = sqlite3_step (exists);
      _rostra_store_reset (exists);
      if (rc == SQLITE_DONE)
        {
          g_set_error (error, ROSTRA_STORE_ERROR, ROSTRA_STORE_ERROR_NOT_FOUND,
                       _("There is no speech %" PRId64 " in the archive"), id);
          return FALSE;
        }
      if (rc != SQLITE_ROW)
        return _rostra_store_set_error (self, rc, error);

      sqlite3_bind_int64 (ensure, 1, id);
      if (!_rostra_store_run (self, ensure, error))
        return FALSE;

      if (change->fields & ROSTRA_METADATA_SPEAKER)
        {
          if (!(stmt = get_stmt (self, STMT_SET_SPEAKER, error)))
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, id);
          if (speaker_id > 0)
            sqlite3_bind_int64 (stmt, 2, speaker_id);
          else
            sqlite3_bind_null (stmt, 2);
          if (!_rostra_store_run (self, stmt, error))
            return FALSE;
        }
      for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
        if ((change->fields & texts[t].field) &&
            !set_one (self, id, texts[t].stmt, texts[t].value, error))
          return FALSE;

      if (!(stmt = get_stmt (self, STMT_DROP_EMPTY_META, error)))
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      if (!_rostra_store_run (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * rostra_store_set_articles_metadata:
 * @article_ids: (array length=n_articles): speeches
 * @fields: which fields of @metadata to write; the others are kept
 * @metadata: the values (see #RostraArticleMetadata)
 *
 * Writes the same metadata to every speech of a selection, in one
 * transaction (or the caller's). A speaker the archive does not know
 * is added.
 *
 * Returns: %FALSE with @error set (%ROSTRA_STORE_ERROR_NOT_FOUND for a
 *   speech that is not there, %ROSTRA_STORE_ERROR_INVALID for a date that
 *   is none), and then nothing changed
 */
gboolean
rostra_store_set_articles_metadata (RostraStore                 *self,
                                    const gint64                *article_ids,
                                    guint                        n_articles,
                                    RostraMetadataFields         fields,
                                    const RostraArticleMetadata *metadata,
                                    GError                     **error)
{
  MetadataChange change = { article_ids, n_articles, fields, metadata };

  g_return_val_if_fail (ROSTRA_IS_STORE (self), FALSE);
  g_return_val_if_fail (metadata != NULL, FALSE);
  g_return_val_if_fail (article_ids != NULL || n_articles == 0, FALSE);

  return _rostra_store_write (self, set_metadata, &change, error);
}

/**
 * rostra_store_set_article_metadata:
 * @article_id: a speech
 *
 * rostra_store_set_articles_metadata() for one speech.
 */
gboolean
rostra_store_set_article_metadata (RostraStore                 *self,
                                   gint64                       article_id,
                                   RostraMetadataFields         fields,
                                   const RostraArticleMetadata *metadata,
                                   GError                     **error)
{
  return rostra_store_set_articles_metadata (self, &article_id, 1, fields, metadata, error);
}

/* Raw entries */

/**
 * rostra_store_keep_raw_text:
 * @article_id: a speech whose text is its cleaned entry
 * @raw: the entry as the file had it
 *
 * Keeps the raw entry of a speech the cleaning rules changed, so that
 * the cleaning can be reverted. Part of the caller's transaction (the
 * import's) when one is open.
 */
gboolean
rostra_store_keep_raw_text (RostraStore *self, gint64 article_id, const char *raw, GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ROSTRA_IS_STORE (self), FALSE);
  g_return_val_if_fail (raw != NULL, FALSE);

  if (!(stmt = get_stmt (self, STMT_KEEP_RAW, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, article_id);
  _rostra_store_bind_text (stmt, 2, raw);
  return _rostra_store_run (self, stmt, error);
}

/**
 * rostra_store_dup_raw_text:
 * @article_id: a speech
 *
 * Returns: (transfer full) (nullable): the raw entry of a speech the
 *   cleaning rules changed, %NULL (and no error) for one they did not
 */
char *
rostra_store_dup_raw_text (RostraStore *self, gint64 article_id, GError **error)
{
  sqlite3_stmt *stmt;
  char         *raw = NULL;
  int           rc;

  g_return_val_if_fail (ROSTRA_IS_STORE (self), NULL);

  if (!(stmt = get_stmt (self, STMT_RAW, error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, article_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    raw = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  _rostra_store_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    _rostra_store_set_error (self, rc, error);
  return raw;
}

typedef struct
{
  gint64   id;
  gboolean cleaned;
} CleanedChange;

static gboolean
set_text_cleaned (RostraStore *self, gpointer user_data, GError **error)
{
  CleanedChange   *change = user_data;
  g_autofree char *raw = NULL, *title = NULL, *published = NULL, *text = NULL;
  g_autoptr (GListModel) reanchored = NULL;
  sqlite3_stmt *stmt;
  gboolean      cleaned;
  int           rc;

  if (!(stmt = get_stmt (self, STMT_RAW, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, change->id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      raw = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      cleaned = sqlite3_column_int (stmt, 1) != 0;
      title = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      published = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
    }
  _rostra_store_reset (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, ROSTRA_STORE_ERROR, ROSTRA_STORE_ERROR_NOT_FOUND,
                   _("The text of speech %" PRId64 " was not cleaned at import"), change->id);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return _rostra_store_set_error (self, rc, error);
  if (cleaned == change->cleaned)
    return TRUE;

  if (change->cleaned)
    text = rostra_text_clean (title, published, raw, NULL);
  if (text == NULL)
    text = g_steal_pointer (&raw);

  if (!(stmt = get_stmt (self, STMT_SET_TEXT, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, change->id);
  _rostra_store_bind_text (stmt, 2, text);
  sqlite3_bind_int64 (stmt, 3, (sqlite3_int64) rostra_text_count_words (text));
  if (!_rostra_store_run (self, stmt, error))
    return FALSE;
  if (!(stmt = get_stmt (self, STMT_SET_CLEANED, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, change->id);
  sqlite3_bind_int (stmt, 2, change->cleaned);
  if (!_rostra_store_run (self, stmt, error))
    return FALSE;

  /* The annotations find their passages in the new text now, in this
   * transaction: never a moment with stale positions on disk. */
  reanchored = rostra_store_list_annotations (self, change->id, error);
  return reanchored != NULL;
}

/**
 * rostra_store_set_text_cleaned:
 * @article_id: a speech the cleaning rules changed at import
 * @cleaned: %TRUE for the cleaned text, %FALSE for the raw entry
 *
 * Shows a speech's cleaned text or its raw entry, and re-anchors its
 * annotations to the text now shown (a passage the cleaning dropped is
 * kept as orphaned, and found again when the raw entry comes back).
 *
 * Returns: %FALSE with @error set (%ROSTRA_STORE_ERROR_NOT_FOUND when the
 *   speech has no raw entry kept), and then nothing changed
 */
gboolean
rostra_store_set_text_cleaned (RostraStore *self,
                               gint64       article_id,
                               gboolean     cleaned,
                               GError     **error)
{
  CleanedChange change = { article_id, cleaned };

  g_return_val_if_fail (ROSTRA_IS_STORE (self), FALSE);
  return _rostra_store_write (self, set_text_cleaned, &change, error);
}
