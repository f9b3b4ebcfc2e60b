/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-cli-versions.c: versions of one speech on the command line (see docs/cli.md). */

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <json-glib/json-glib.h>

#include "rostra-cli-private.h"
#include "rostra-cli-versions.h"
#include "rostra-cli.h"
#include "rostra-versions.h"

/* A JSON string (escaped by json-glib), or null. */
static void
append_json_string (GString *json, const char *name, const char *value)
{
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_VALUE);
  g_autofree char *text = NULL;

  if (value != NULL)
    json_node_set_string (node, value);
  else
    json_node_init_null (node);
  text = json_to_string (node, FALSE);
  g_string_append_printf (json, ", \"%s\": %s", name, text);
}

/* `[{id, title, source, published, relation, similarity}, …]`, one
 * version a line; the similarity with three decimals (what the
 * verification tells apart), written by hand: a double of json-glib
 * shows 0.983 as 0.98299999999999998. */
static char *
versions_to_json (GPtrArray *versions)
{
  GString *json = g_string_new ("[");

  for (guint i = 0; i < versions->len; i++)
    {
      const RostraVersion *v = g_ptr_array_index (versions, i);
      char                 similarity[G_ASCII_DTOSTR_BUF_SIZE];

      g_string_append_printf (json, "%s\n  {\"id\": %" G_GINT64_FORMAT, i ? "," : "", v->id);
      append_json_string (json, "title", v->title);
      append_json_string (json, "source", v->source);
      append_json_string (json, "published", v->published);
      append_json_string (json, "relation", rostra_version_relation_to_string (v->relation));
      g_ascii_formatd (similarity, sizeof similarity, "%.3f", v->similarity);
      g_string_append_printf (json, ", \"similarity\": %s}", similarity);
    }
  g_string_append (json, versions->len > 0 ? "\n]" : "]");
  return g_string_free (json, FALSE);
}

/* The exit code for an error of the store: 1 for a missing speech. */
static int
fail (GError *error)
{
  g_autofree char *line = g_strdup_printf ("rostra: %s", error->message);

  _rostra_cli_say (TRUE, "%s\n", line);
  return g_error_matches (error, ROSTRA_STORE_ERROR, ROSTRA_STORE_ERROR_NOT_FOUND)
             ? ROSTRA_EXIT_INPUT_FAILED
             : ROSTRA_EXIT_ARCHIVE;
}

/**
 * rostra_cli_versions:
 * @article_id: a speech (see --list)
 * @json: write `[{id, title, source, published, relation, similarity}]`
 *
 * Prints the other versions of a speech.
 *
 * Returns: 0 (also when it has none); 1 when there is no such speech; 3
 *   when the archive could not be read
 */
int
rostra_cli_versions (const char *database, gint64 article_id, gboolean json)
{
  g_autoptr (RostraStore) store = _rostra_cli_open_store (database);
  g_autoptr (GPtrArray) versions = NULL;
  g_autoptr (GError) error = NULL;

  if (store == NULL)
    return ROSTRA_EXIT_ARCHIVE;
  if (!(versions = rostra_store_list_versions (store, article_id, &error)))
    return fail (error);

  if (json)
    {
      g_autofree char *text = versions_to_json (versions);

      g_print ("%s\n", text);
      return ROSTRA_EXIT_OK;
    }

  for (guint i = 0; i < versions->len; i++)
    {
      const RostraVersion *v = g_ptr_array_index (versions, i);
      g_autofree char     *date = v->published ? g_strndup (v->published, 10) : NULL;
      g_autofree char     *line = g_strdup_printf (
              "%6" G_GINT64_FORMAT "  %s  %-11s  %.3f  %s%s%s", v->id, date ? date : "----------",
              rostra_version_relation_to_string (v->relation), v->similarity, v->title,
          v->source ? " | " : "", v->source ? v->source : "");

      _rostra_cli_say (FALSE, "%s\n", line);
    }
  if (versions->len == 0)
    {
      g_autofree char *none =
          g_strdup_printf (_("rostra: speech %" PRId64 " has no other version"), article_id);

      _rostra_cli_say (TRUE, "%s\n", none);
    }
  return ROSTRA_EXIT_OK;
}

/* The second speech of `--link-translation ID1 ID2` (and `--unlink`),
 * from the command line's remaining arguments, and the archive: 0, or
 * the exit code when either could not be had. */
static int
open_pair (const char   *database,
           gint64        article_id,
           const char   *other,
           gint64       *other_id,
           RostraStore **store)
{
  guint64 value;

  if (other == NULL || !g_ascii_string_to_unsigned (other, 10, 1, G_MAXINT64, &value, NULL))
    {
      _rostra_cli_say (TRUE, "%s\n", _("rostra: this needs the ids of two speeches (see --list)"));
      return ROSTRA_EXIT_USAGE;
    }
  *other_id = (gint64) value;
  if (*other_id == article_id)
    {
      _rostra_cli_say (TRUE, "%s\n", _("rostra: a speech cannot be linked to itself"));
      return ROSTRA_EXIT_USAGE;
    }
  if (!(*store = _rostra_cli_open_store (database)))
    return ROSTRA_EXIT_ARCHIVE;
  return ROSTRA_EXIT_OK;
}

/**
 * rostra_cli_link_translation:
 * @other: the second id, as typed
 *
 * Links two speeches as translations of each other.
 *
 * Returns: 0; 1 when either speech is missing; 2 when @other is no id
 *   or the two are one; 3 when the archive could not be written
 */
int
rostra_cli_link_translation (const char *database, gint64 article_id, const char *other)
{
  g_autoptr (RostraStore) store = NULL;
  g_autoptr (GError) error = NULL;
  gint64 other_id;
  int    status = open_pair (database, article_id, other, &other_id, &store);

  if (status != ROSTRA_EXIT_OK)
    return status;
  if (!rostra_store_link_translation (store, article_id, other_id, &error))
    return fail (error);
  return ROSTRA_EXIT_OK;
}

/**
 * rostra_cli_unlink:
 * @other: the second id, as typed
 *
 * Makes two speeches no versions of each other (see
 * rostra_store_unlink_versions()); says so when they were none.
 *
 * Returns: 0 (also when they were not linked); 1 when either speech is
 *   missing; 2 when @other is no id or the two are one; 3 when the
 *   archive could not be written
 */
int
rostra_cli_unlink (const char *database, gint64 article_id, const char *other)
{
  g_autoptr (RostraStore) store = NULL;
  g_autoptr (GError) error = NULL;
  gint64 other_id;
  guint  n_removed = 0;
  int    status = open_pair (database, article_id, other, &other_id, &store);

  if (status != ROSTRA_EXIT_OK)
    return status;
  if (!rostra_store_unlink_versions (store, article_id, other_id, &n_removed, &error))
    return fail (error);
  if (n_removed == 0)
    {
      g_autofree char *none = g_strdup_printf (
          _("rostra: speeches %" PRId64 " and %" PRId64 " were not linked"), article_id, other_id);

      _rostra_cli_say (TRUE, "%s\n", none);
    }
  return ROSTRA_EXIT_OK;
}

/**
 * rostra_cli_find_versions:
 *
 * Indexes the speeches not indexed for versions yet (an archive made
 * before versions), as the window does once in the background.
 *
 * Returns: 0, or 3 when the archive could not be written
 */
int
rostra_cli_find_versions (const char *database)
{
  g_autoptr (RostraStore) store = _rostra_cli_open_store (database);
  g_autoptr (GError) error = NULL;
  g_autofree char *done = NULL;
  guint            total = 0, n;
  gint64           cursor = 0;

  if (store == NULL)
    return ROSTRA_EXIT_ARCHIVE;
  do
    {
      if (!rostra_store_index_versions_pending (store, &cursor, ROSTRA_VERSIONS_BATCH, NULL, &n,
                                                &error))
        return fail (error);
      total += n;
    }
  while (n > 0);

  done = g_strdup_printf (
      ngettext ("%u speech indexed for versions", "%u speeches indexed for versions", total),
      total);
  _rostra_cli_say (FALSE, "%s\n", done);
  return ROSTRA_EXIT_OK;
}
