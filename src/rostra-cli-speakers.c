/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-cli-speakers.c: speakers and speech metadata on the command line.
 *
 * `--edit`, `--list --speaker`, `--speakers`, `--merge-speaker` and
 * `--suggest-speakers`; see docs/cli.md for the contract.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <json-glib/json-glib.h>

#include "rostra-cli-private.h"
#include "rostra-cli-speakers.h"
#include "rostra-cli.h"
#include "rostra-exporter.h"

#define say_out(...) _rostra_cli_say (FALSE, __VA_ARGS__)
#define say_err(...) _rostra_cli_say (TRUE, __VA_ARGS__)

/* A store error: 1 for what is not there, 3 for the archive itself. */
static int
store_failed (GError *error)
{
  say_err ("rostra: %s\n", error->message);
  if (g_error_matches (error, ROSTRA_STORE_ERROR, ROSTRA_STORE_ERROR_NOT_FOUND))
    return ROSTRA_EXIT_INPUT_FAILED;
  if (g_error_matches (error, ROSTRA_STORE_ERROR, ROSTRA_STORE_ERROR_INVALID) ||
      g_error_matches (error, ROSTRA_STORE_ERROR, ROSTRA_STORE_ERROR_EXISTS))
    return ROSTRA_EXIT_USAGE;
  return ROSTRA_EXIT_ARCHIVE;
}

/**
 * rostra_cli_edit:
 * @article_id: the speech (see `--list`)
 * @fields: the options given; an empty value clears its field
 *
 * Returns: 0; 1 when there is no such speech; 2 for a date that is no
 *   day of the calendar (nothing changed then); 3 when the archive could
 *   not be written
 */
int
rostra_cli_edit (const char                  *database,
                 gint64                       article_id,
                 RostraMetadataFields         fields,
                 const RostraArticleMetadata *metadata)
{
  g_autoptr (RostraStore) store = NULL;
  g_autoptr (RostraArticle) article = NULL;
  g_autoptr (GError) error = NULL;

  /* Checked before the archive is opened: a wrong date is a usage error. */
  if ((fields & ROSTRA_METADATA_DELIVERED) &&
      !rostra_metadata_check_date (metadata->delivered, &error))
    {
      say_err ("rostra: --delivered: %s\n", error->message);
      return ROSTRA_EXIT_USAGE;
    }
  if (!(store = _rostra_cli_open_store (database)))
    return ROSTRA_EXIT_ARCHIVE;
  if (!rostra_store_set_article_metadata (store, article_id, fields, metadata, &error) ||
      !(article = rostra_store_load_article_row (store, article_id, NULL, &error)))
    return store_failed (error);

  _rostra_cli_print_article_row (article, NULL, NULL);
  return ROSTRA_EXIT_OK;
}

/**
 * rostra_cli_list_speaker:
 * @speaker: a speaker's name or alias
 * @json: write the JSON array of `--list --json`
 *
 * `--list --speaker`: the speaker's speeches, newest first.
 *
 * Returns: 0, or 3 when the archive could not be read
 */
int
rostra_cli_list_speaker (const char *database, const char *speaker, gboolean json)
{
  g_autoptr (RostraStore) store = _rostra_cli_open_store (database);
  g_autoptr (RostraQuery) query = rostra_query_new ();
  g_autoptr (GOutputStream) out = NULL;
  g_autoptr (GArray) ids = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GError) error = NULL;

  if (store == NULL)
    return ROSTRA_EXIT_ARCHIVE;
  query->speaker = g_strdup (speaker);
  query->sort = ROSTRA_SORT_NEWEST;

  if (json)
    {
      out = _rostra_cli_stdout_stream ();
      if (!rostra_export_search (store, query, 0, 0, out, NULL, &error))
        return store_failed (error);
      return ROSTRA_EXIT_OK;
    }

  if (!(ids = rostra_store_query_ids (store, query, NULL, &error)) ||
      !(rows = rostra_store_load_rows (store, (gint64 *) ids->data, ids->len, NULL, NULL, &error)))
    return store_failed (error);
  for (guint i = 0; i < rows->len; i++)
    _rostra_cli_print_article_row (g_ptr_array_index (rows, i), NULL, NULL);
  return ROSTRA_EXIT_OK;
}

static void
print_json (JsonNode *root)
{
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

/**
 * rostra_cli_speakers:
 * @json: write `[{"name", "aliases": [..], "articles"}]`
 *
 * `--speakers`: the archive's speakers, the most speeches first.
 *
 * Returns: 0, or 3 when the archive could not be read
 */
int
rostra_cli_speakers (const char *database, gboolean json)
{
  g_autoptr (RostraStore) store = _rostra_cli_open_store (database);
  g_autoptr (GListModel) speakers = NULL;
  g_autoptr (GError) error = NULL;

  if (store == NULL)
    return ROSTRA_EXIT_ARCHIVE;
  if (!(speakers = rostra_store_list_speakers (store, &error)))
    return store_failed (error);

  if (json)
    {
      g_autoptr (JsonNode) root = rostra_speakers_to_json (speakers, TRUE);

      print_json (root);
      return ROSTRA_EXIT_OK;
    }
  for (guint i = 0; i < g_list_model_get_n_items (speakers); i++)
    {
      g_autoptr (RostraSpeaker) speaker = g_list_model_get_item (speakers, i);
      const char *const *aliases = rostra_speaker_get_aliases (speaker);
      g_autofree char   *list = g_strjoinv (", ", (char **) aliases);

      if (aliases[0] != NULL)
        /* TRANSLATORS: a line of --speakers: speeches, name, then its aliases */
        say_out (_("%6u  %s (also: %s)\n"), rostra_speaker_get_n_articles (speaker),
                    rostra_speaker_get_name (speaker), list);
      else
        say_out ("%6u  %s\n", rostra_speaker_get_n_articles (speaker),
                 rostra_speaker_get_name (speaker));
    }
  return ROSTRA_EXIT_OK;
}

/**
 * rostra_cli_merge_speaker:
 * @from: the speaker that goes: their name becomes an alias of @into
 * @into: the speaker that stays, and gets @from's speeches
 *
 * Returns: 0; 1 when either is no speaker of the archive; 3 when the
 *   archive could not be written
 */
int
rostra_cli_merge_speaker (const char *database, const char *from, const char *into)
{
  g_autoptr (RostraStore) store = _rostra_cli_open_store (database);
  g_autoptr (GError) error = NULL;

  if (store == NULL)
    return ROSTRA_EXIT_ARCHIVE;
  if (!rostra_store_merge_speakers (store, from, into, &error))
    return store_failed (error);
  /* TRANSLATORS: after --merge-speaker FROM INTO */
  say_out (_("Merged “%s” into “%s”\n"), from, into);
  return ROSTRA_EXIT_OK;
}

/**
 * rostra_cli_suggest_speakers:
 * @json: write `[{"article", "name", "evidence"}]`
 *
 * `--suggest-speakers`: a speaker for each speech that has none, from
 * its title and lead, with the phrase it came from. Nothing is stored.
 *
 * Returns: 0, or 3 when the archive could not be read
 */
int
rostra_cli_suggest_speakers (const char *database, gboolean json)
{
  g_autoptr (RostraStore) store = _rostra_cli_open_store (database);
  g_autoptr (GArray) ids = NULL;
  g_autoptr (GPtrArray) suggestions = NULL;
  g_autoptr (JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr (GError) error = NULL;

  if (store == NULL)
    return ROSTRA_EXIT_ARCHIVE;
  if (!(suggestions = rostra_store_suggest_speakers (store, NULL, &ids, &error)))
    return store_failed (error);

  json_builder_begin_array (builder);
  for (guint i = 0; i < suggestions->len; i++)
    {
      RostraSpeakerSuggestion *s = g_ptr_array_index (suggestions, i);
      gint64                   id = g_array_index (ids, gint64, i);

      if (s == NULL)
        continue;
      if (!json)
        {
          /* TRANSLATORS: a line of --suggest-speakers: ID, name, the phrase it came from */
          say_out (_("%6" PRId64 "  %s  (from “%s”)\n"), id, s->name, s->evidence);
          continue;
        }
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "article");
      json_builder_add_int_value (builder, id);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, s->name);
      json_builder_set_member_name (builder, "evidence");
      json_builder_add_string_value (builder, s->evidence);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  if (json)
    {
      g_autoptr (JsonNode) root = json_builder_get_root (builder);

      print_json (root);
    }
  return ROSTRA_EXIT_OK;
}
