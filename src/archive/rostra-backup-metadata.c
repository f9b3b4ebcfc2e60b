/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-backup-metadata.c: speakers, aliases and speech metadata in the JSON backup (version 2).
 *
 * Version 2 of the backup adds a `speakers` array (`{name, aliases}`)
 * and, on each article, `speaker`, `occasion`, `delivered` and `memo`
 * (see docs/formats.md). Version 1 backups have none of them and import
 * as before. On import, speakers and aliases are added unless the
 * archive has them (an alias another speaker has here is skipped, with
 * a warning); a new article gets the backup's metadata, an article
 * already here gets only the fields it has none of: nothing of the
 * archive is overwritten.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rostra-export-private.h"
#include "rostra-importer-private.h"
#include "rostra-store-speakers.h"

/* Export */

/**
 * rostra_speakers_to_json:
 * @speakers: a #GListModel of #RostraSpeaker
 * @with_counts: add each one's number of speeches as `articles`
 *
 * The JSON array of speakers: `[{"name", "aliases": [..]}]`, as the
 * backup (version 2) and `--speakers --json` (@with_counts) write it.
 *
 * Returns: (transfer full): a JSON array node
 */
JsonNode *
rostra_speakers_to_json (GListModel *speakers, gboolean with_counts)
{
  g_autoptr (JsonBuilder) builder = json_builder_new_immutable ();

  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (speakers); i++)
    {
      g_autoptr (RostraSpeaker) speaker = g_list_model_get_item (speakers, i);
      const char *const *aliases = rostra_speaker_get_aliases (speaker);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, rostra_speaker_get_name (speaker));
      json_builder_set_member_name (builder, "aliases");
      json_builder_begin_array (builder);
      for (guint a = 0; aliases[a]; a++)
        json_builder_add_string_value (builder, aliases[a]);
      json_builder_end_array (builder);
      if (with_counts)
        {
          json_builder_set_member_name (builder, "articles");
          json_builder_add_int_value (builder, rostra_speaker_get_n_articles (speaker));
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  return json_builder_get_root (builder);
}

/**
 * _rostra_export_speakers_json:
 *
 * Returns: (transfer full): the backup's `speakers` array, or %NULL
 *   with @error set
 */
char *
_rostra_export_speakers_json (RostraStore *store, GError **error)
{
  g_autoptr (GListModel) speakers = rostra_store_list_speakers (store, error);
  g_autoptr (JsonNode) root = NULL;

  if (speakers == NULL)
    return NULL;
  root = rostra_speakers_to_json (speakers, FALSE);
  return json_to_string (root, FALSE);
}

/* Import */

/**
 * _rostra_import_backup_speakers:
 * @speakers: (nullable): the backup's `speakers` array
 *
 * Adds the backup's speakers and aliases the archive does not have.
 */
gboolean
_rostra_import_backup_speakers (RostraStore        *store,
                                RostraImportReport *report,
                                JsonArray          *speakers,
                                GError            **error)
{
  for (guint i = 0; speakers && i < json_array_get_length (speakers); i++)
    {
      JsonNode   *node = json_array_get_element (speakers, i);
      JsonObject *object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *name = object ? _rostra_import_json_string (object, "name") : NULL;
      JsonNode   *aliases_node = object ? json_object_get_member (object, "aliases") : NULL;
      JsonArray  *aliases = NULL;
      g_autoptr (GError) local = NULL;

      if (aliases_node != NULL && JSON_NODE_HOLDS_ARRAY (aliases_node))
        aliases = json_node_get_array (aliases_node);
      if (name == NULL || rostra_store_ensure_speaker (store, name, &local) == 0)
        {
          if (local != NULL &&
              !g_error_matches (local, ROSTRA_STORE_ERROR, ROSTRA_STORE_ERROR_INVALID))
            {
              g_propagate_error (error, g_steal_pointer (&local));
              return FALSE;
            }
          _rostra_import_report_warn (report, 0,
                                      _("Speaker %u was skipped: it has no name"), i + 1);
          continue;
        }
      for (guint a = 0; aliases && a < json_array_get_length (aliases); a++)
        {
          JsonNode   *alias = json_array_get_element (aliases, a);
          const char *text =
              JSON_NODE_HOLDS_VALUE (alias) && json_node_get_value_type (alias) == G_TYPE_STRING
                  ? json_node_get_string (alias)
                  : NULL;

          if (text == NULL || rostra_store_add_speaker_alias (store, name, text, &local))
            continue;
          if (!g_error_matches (local, ROSTRA_STORE_ERROR, ROSTRA_STORE_ERROR_EXISTS) &&
              !g_error_matches (local, ROSTRA_STORE_ERROR, ROSTRA_STORE_ERROR_INVALID))
            {
              g_propagate_error (error, g_steal_pointer (&local));
              return FALSE;
            }
          _rostra_import_report_warn (
              report, 0, _("The alias “%s” of “%s” was skipped: %s"), text, name, local->message);
          g_clear_error (&local);
        }
    }
  return TRUE;
}

/**
 * _rostra_import_backup_metadata:
 * @article_id: the article in the archive
 * @object: its object in the backup
 * @is_new: whether the import just added it; otherwise only the fields
 *   it has none of are written
 *
 * Gives an article the backup's speaker, occasion, delivered and memo.
 */
gboolean
_rostra_import_backup_metadata (RostraStore        *store,
                                RostraImportReport *report,
                                gint64              article_id,
                                JsonObject         *object,
                                gboolean            is_new,
                                GError            **error)
{
  g_autoptr (RostraArticle) here = NULL;
  RostraArticleMetadata metadata = {
    _rostra_import_json_string (object, "speaker"),
    _rostra_import_json_string (object, "occasion"),
    _rostra_import_json_string (object, "delivered"),
    _rostra_import_json_string (object, "memo"),
  };
  RostraMetadataFields fields = 0;

  if (metadata.speaker == NULL && metadata.occasion == NULL && metadata.delivered == NULL &&
      metadata.memo == NULL)
    return TRUE;
  if (!is_new && !(here = rostra_store_load_article_row (store, article_id, NULL, error)))
    return FALSE;

  if (metadata.speaker && (is_new || !rostra_article_get_speaker (here)))
    fields |= ROSTRA_METADATA_SPEAKER;
  if (metadata.occasion && (is_new || !rostra_article_get_occasion (here)))
    fields |= ROSTRA_METADATA_OCCASION;
  if (metadata.memo && (is_new || !rostra_article_get_memo (here)))
    fields |= ROSTRA_METADATA_MEMO;
  if (metadata.delivered && (is_new || !rostra_article_get_delivered (here)))
    {
      if (rostra_metadata_check_date (metadata.delivered, NULL))
        fields |= ROSTRA_METADATA_DELIVERED;
      else
        _rostra_import_report_warn (report, 0,
                                    _("The date “%s” the speech “%s” was given is no date; it "
                                      "was skipped"),
                                       metadata.delivered,
                                       _rostra_import_json_string (object, "title"));
    }
  return fields == 0 ||
         rostra_store_set_article_metadata (store, article_id, fields, &metadata, error);
}
