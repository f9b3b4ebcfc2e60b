/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-backup.c: imports a JSON backup made by `rostra --export json`.
 *
 * Articles are matched by content (title, date and text), so importing
 * into an archive that has some of them adds only what is missing, and
 * annotations follow their articles to their ids here. New articles and
 * annotations keep their UUIDs. An annotation is already there when one
 * of the archive has its UUID; otherwise (one from a backup of before
 * UUIDs) when one is equal to it in every field, each such copy in the
 * archive standing for one in the backup: two annotations on the same
 * passage made in the same second stay two. Every anchor is checked
 * against its article's text, exactly as when an article is opened: a
 * wrong position whose passage is found is repaired, a passage that is
 * nowhere is kept as orphaned.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "rostra-anchor.h"
#include "rostra-exporter.h"
#include "rostra-importer-private.h"
#include "rostra-language.h"
#include "rostra-versions.h"

/* A string member of @object; %NULL when it is missing or no string. */
const char *
_rostra_import_json_string (JsonObject *object, const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
get_int (JsonObject *object, const char *member, gint64 *value)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  *value = json_node_get_int (node);
  return TRUE;
}

static JsonArray *
get_array (JsonObject *object, const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

typedef struct
{
  RostraStore        *store;
  RostraImportReport *report;
  RostraImportRun    *run;
  GHashTable         *imports;  /* imported_from → import id (gint64 *) */
  GHashTable         *counts;   /* import id → new articles (guint) */
  GHashTable         *articles; /* backup id → archive id (gint64 *) */
  GHashTable         *texts;    /* archive id → text (borrowed from the JSON) */
  GHashTable         *claimed;  /* archive ids of annotations the backup's stand for */
} Backup;

/* Gives a new article the tags the backup lists for it. */
static gboolean
add_tags (Backup *b, gint64 article_id, JsonArray *tags, GError **error)
{
  g_autoptr (GStrvBuilder) names = g_strv_builder_new ();
  g_auto (GStrv) strv = NULL;

  for (guint i = 0; tags && i < json_array_get_length (tags); i++)
    {
      JsonNode *node = json_array_get_element (tags, i);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        g_strv_builder_add (names, json_node_get_string (node));
    }
  strv = g_strv_builder_end (names);
  return strv[0] == NULL ||
         rostra_store_add_article_tags (b->store, article_id, (const char *const *) strv, error);
}

/* The import row that articles imported from @name belong to: each
 * `imported_from` of the backup becomes an import here, so that the
 * archive says where its articles first came from. */
static gint64
import_for (Backup *b, const char *name, GError **error)
{
  gint64 *id;

  if (name == NULL)
    name = b->report->name;

  id = g_hash_table_lookup (b->imports, name);
  if (id != NULL)
    return *id;

  id = g_new (gint64, 1);
  *id = rostra_store_add_import (b->store, name, b->report->path, "rostra-json", error);
  if (*id == 0)
    {
      g_free (id);
      return 0;
    }
  g_hash_table_insert (b->imports, g_strdup (name), id);
  if (b->report->import_id == 0)
    b->report->import_id = *id;
  return *id;
}

static gboolean
import_article (Backup *b, guint index, JsonObject *object, GError **error)
{
  const char *title = _rostra_import_json_string (object, "title");
  const char *text = _rostra_import_json_string (object, "text");
  const char *published = _rostra_import_json_string (object, "published");
  const char *language = _rostra_import_json_string (object, "language");
  gint64      backup_id, id, import_id;

  if (title == NULL || text == NULL || !get_int (object, "id", &backup_id))
    {
      _rostra_import_report_warn (b->report, 0,
                                  _("Article %u was skipped: it needs an id, a title and a text"),
                                     index + 1);
      return TRUE;
    }

  b->report->n_entries++;
  if (!rostra_store_find_article (b->store, title, published, text, &id, error))
    return FALSE;

  if (!language)
    language = rostra_language_guess (text);
  if (id != 0)
    {
      b->report->n_duplicates++;
      if (!_rostra_import_backup_metadata (b->store, b->report, id, object, FALSE, error) ||
          !_rostra_import_entry_done (b->run, b->store, b->report, title,
                                      _rostra_import_json_string (object, "source"), published,
                                      language, 0, 0, error))
        return FALSE;
    }
  else
    {
      if (!(import_id =
                import_for (b, _rostra_import_json_string (object, "imported_from"), error)) ||
          !rostra_store_add_article_with_uuid (
              b->store, import_id, title, _rostra_import_json_string (object, "source"), published,
              language, text, _rostra_import_json_string (object, "uuid"), &id, error) ||
          !add_tags (b, id, get_array (object, "tags"), error) ||
          !_rostra_import_backup_metadata (b->store, b->report, id, object, TRUE, error) ||
          (!b->run->preview &&
           !rostra_version_index_add (b->run->versions, id, text, language, error)) ||
          !_rostra_import_entry_done (b->run, b->store, b->report, title,
                                      _rostra_import_json_string (object, "source"), published,
                                      language, 0, id, error))
        return FALSE;
      b->report->n_new++;
      g_hash_table_insert (
          b->counts, g_memdup2 (&import_id, sizeof import_id),
          GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (b->counts, &import_id)) + 1));
    }

  g_hash_table_insert (b->articles, g_memdup2 (&backup_id, sizeof backup_id),
                       g_memdup2 (&id, sizeof id));
  g_hash_table_insert (b->texts, g_memdup2 (&id, sizeof id), (gpointer) text);
  return TRUE;
}

static char **
get_tags (JsonObject *object)
{
  JsonArray    *array = get_array (object, "tags");
  GStrvBuilder *builder = g_strv_builder_new ();
  char        **tags;

  for (guint i = 0; array && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        g_strv_builder_add (builder, json_node_get_string (node));
    }
  tags = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return tags;
}

static void
claim (Backup *b, gint64 id)
{
  g_hash_table_add (b->claimed, g_memdup2 (&id, sizeof id));
}

/* Whether the archive holds @annotation already: the one with its UUID
 * (its identity); otherwise one equal to it in every field (see
 * rostra_store_find_annotation_copies()) that no other annotation of the
 * backup stands for yet. A JSON backup of before UUIDs has none, and a
 * .db one gets new ones when its copy is upgraded for the merge: these
 * are found by their content. */
static gboolean
already_there (Backup *b, RostraAnnotation *annotation, gboolean *found, GError **error)
{
  g_autoptr (GArray) copies = NULL;

  *found = FALSE;
  if (rostra_annotation_get_uuid (annotation) != NULL)
    {
      if (!(copies = rostra_store_find_annotation_copies (b->store, annotation, TRUE, error)))
        return FALSE;
      if (copies->len > 0)
        {
          claim (b, g_array_index (copies, gint64, 0));
          *found = TRUE;
          return TRUE;
        }
      g_clear_pointer (&copies, g_array_unref);
    }

  if (!(copies = rostra_store_find_annotation_copies (b->store, annotation, FALSE, error)))
    return FALSE;
  for (guint i = 0; !*found && i < copies->len; i++)
    {
      gint64 id = g_array_index (copies, gint64, i);

      if (!g_hash_table_contains (b->claimed, &id))
        {
          claim (b, id);
          *found = TRUE;
        }
    }
  return TRUE;
}

static gboolean
import_annotation (Backup *b, guint index, JsonObject *object, GError **error)
{
  JsonNode   *selector_node = json_object_get_member (object, "selector");
  JsonObject *selector = selector_node && JSON_NODE_HOLDS_OBJECT (selector_node)
                             ? json_node_get_object (selector_node)
                             : NULL;
  const char *exact = selector ? _rostra_import_json_string (selector, "exact") : NULL;
  const char *prefix = selector ? _rostra_import_json_string (selector, "prefix") : NULL;
  const char *suffix = selector ? _rostra_import_json_string (selector, "suffix") : NULL;
  const char *color = _rostra_import_json_string (object, "color");
  const char *uuid = _rostra_import_json_string (object, "uuid");
  const char *text;
  g_autoptr (RostraAnnotation) annotation = NULL;
  g_auto (GStrv) tags = NULL;
  gint64             backup_article, start = 0, end = 0, *article;
  guint              s, e;
  gboolean           found, known_color;
  RostraAnchorResult anchor;

  if (!get_int (object, "article", &backup_article) || exact == NULL ||
      !(article = g_hash_table_lookup (b->articles, &backup_article)))
    {
      _rostra_import_report_warn (b->report, 0,
                                  _("Annotation %u was skipped: it needs a selector with the "
                                    "exact passage and the id of an article in the same file"),
                                     index + 1);
      return TRUE;
    }

  /* Check the anchor against the text, as opening the article does. */
  get_int (selector, "start", &start);
  get_int (selector, "end", &end);
  s = (guint) CLAMP (start, 0, G_MAXUINT);
  e = (guint) CLAMP (end, 0, G_MAXUINT);
  text = g_hash_table_lookup (b->texts, article);
  anchor = rostra_anchor_resolve (text, exact, prefix, suffix, &s, &e);

  known_color = color != NULL && g_strv_contains (rostra_annotation_colors (), color);
  tags = get_tags (object);
  annotation = g_object_new (
      ROSTRA_TYPE_ANNOTATION, "uuid", uuid && g_uuid_string_is_valid (uuid) ? uuid : NULL,
      "article-id", *article, "start", MIN (s, e), "end", MAX (s, e), "exact", exact, "prefix",
      prefix ? prefix : "", "suffix", suffix ? suffix : "", "color", known_color ? color : "yellow",
      "note", _rostra_import_json_string (object, "note"), "tags", tags, "created",
      _rostra_import_json_string (object, "created"), "modified",
      _rostra_import_json_string (object, "modified"), "orphaned", anchor == ROSTRA_ANCHOR_ORPHANED,
      NULL);

  if (!already_there (b, annotation, &found, error))
    return FALSE;
  if (found)
    {
      b->report->n_annotations_duplicates++;
      return TRUE;
    }

  if (anchor == ROSTRA_ANCHOR_MOVED)
    b->report->n_annotations_repaired++;
  else if (anchor == ROSTRA_ANCHOR_ORPHANED)
    b->report->n_annotations_orphaned++;
  if (!known_color)
    _rostra_import_report_warn (
        b->report, 0, _("Annotation %u has no known colour; it was made yellow"), index + 1);

  /* Restored rather than added: it keeps its times and UUID (not its
   * id, which belongs to another archive). */
  if (!rostra_store_restore_annotation (b->store, annotation, error))
    return FALSE;
  claim (b, rostra_annotation_get_id (annotation));
  b->report->n_annotations_new++;
  return TRUE;
}

static gboolean
finish_imports (Backup *b, GError **error)
{
  GHashTableIter iter;
  gint64        *id;

  g_hash_table_iter_init (&iter, b->imports);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &id))
    {
      guint n_new = GPOINTER_TO_UINT (g_hash_table_lookup (b->counts, id));

      if (!rostra_store_finish_import (b->store, *id, b->report->size, b->report->sha256, "UTF-8",
                                       n_new, 0, b->report->n_warnings, error))
        return FALSE;
    }
  return TRUE;
}

/* Reads the whole stream, counting and summing it as the dump parser does. */
/* Links the translations the backup lists, `[[id, id], …]` by the
 * backup's article ids; a pair naming an article it does not hold is
 * skipped with a warning. */
static gboolean
import_translations (Backup *b, JsonArray *links, GError **error)
{
  for (guint i = 0; links && i < json_array_get_length (links); i++)
    {
      JsonNode  *node = json_array_get_element (links, i);
      JsonArray *pair = JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
      gint64     ids[2], *found[2] = { NULL, NULL };

      for (guint k = 0; pair && json_array_get_length (pair) == 2 && k < 2; k++)
        {
          JsonNode *id = json_array_get_element (pair, k);

          if (JSON_NODE_HOLDS_VALUE (id) && json_node_get_value_type (id) == G_TYPE_INT64)
            {
              ids[k] = json_node_get_int (id);
              found[k] = g_hash_table_lookup (b->articles, &ids[k]);
            }
        }
      if (found[0] == NULL || found[1] == NULL || *found[0] == *found[1])
        _rostra_import_report_warn (b->report, 0,
                                    _("Translation link %u was skipped: it needs the ids of two "
                                      "articles in the same file"),
                                       i + 1);
      else if (!rostra_store_link_translation (b->store, *found[0], *found[1], error))
        return FALSE;
    }
  return TRUE;
}

static GBytes *
read_all (GInputStream       *stream,
          RostraImportReport *report,
          GCancellable       *cancellable,
          GError            **error)
{
  g_autoptr (GOutputStream) out = g_memory_output_stream_new_resizable ();
  GBytes *bytes;
  gssize  n;

  if ((n = g_output_stream_splice (out, stream, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, cancellable,
                                   error)) < 0)
    return NULL;

  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
  report->size = g_bytes_get_size (bytes);
  report->sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  return bytes;
}

/**
 * _rostra_import_backup:
 *
 * Imports a JSON backup into the open transaction.
 */
gboolean
_rostra_import_backup (RostraStore        *store,
                       GInputStream       *stream,
                       RostraImportReport *report,
                       RostraImportRun    *run,
                       GCancellable       *cancellable,
                       GError            **error)
{
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (JsonParser) parser = json_parser_new_immutable ();
  g_autoptr (GError) parse_error = NULL;
  g_autoptr (GHashTable) imports = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (GHashTable) counts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr (GHashTable) articles =
      g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr (GHashTable) texts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr (GHashTable) claimed =
      g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  Backup      b = { store, report, run, imports, counts, articles, texts, claimed };
  JsonNode   *root;
  JsonObject *object;
  JsonArray  *list, *notes;
  gint64      version = 0;

  report->format = "rostra-json";
  report->encoding = g_strdup ("UTF-8");

  if (!(bytes = read_all (stream, report, cancellable, error)))
    return FALSE;

  if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                   &parse_error))
    {
      /* json-glib's messages name the line and column. */
      g_set_error (error, ROSTRA_IMPORT_ERROR, ROSTRA_IMPORT_ERROR_BAD_BACKUP,
                   _("The file is not valid JSON: %s"), parse_error->message);
      return FALSE;
    }

  root = json_parser_get_root (parser);
  object = root && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  if (object == NULL ||
      g_strcmp0 (_rostra_import_json_string (object, "format"), ROSTRA_EXPORT_FORMAT) != 0 ||
      !(list = get_array (object, "articles")))
    {
      g_set_error_literal (error, ROSTRA_IMPORT_ERROR, ROSTRA_IMPORT_ERROR_BAD_BACKUP,
                           _("This JSON file is not a Rostra backup (made with “rostra --export "
                             "json”)"));
      return FALSE;
    }
  if (get_int (object, "version", &version) && version > ROSTRA_EXPORT_VERSION)
    {
      g_set_error (error, ROSTRA_IMPORT_ERROR, ROSTRA_IMPORT_ERROR_BAD_BACKUP,
                   _("This backup was made by a newer version of Rostra (format version %d; this "
                     "version reads up to %d)"),
                      (int) version, ROSTRA_EXPORT_VERSION);
      return FALSE;
    }

  /* Version 2: the speakers first, then their speeches. */
  if (!_rostra_import_backup_speakers (store, report, get_array (object, "speakers"), error))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonNode *node = json_array_get_element (list, i);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (!JSON_NODE_HOLDS_OBJECT (node))
        _rostra_import_report_warn (report, 0,
                                    _("Article %u was skipped: it is not an object"), i + 1);
      else if (!import_article (&b, i, json_node_get_object (node), error))
        return FALSE;
    }

  notes = get_array (object, "annotations");
  for (guint i = 0; notes && i < json_array_get_length (notes); i++)
    {
      JsonNode *node = json_array_get_element (notes, i);

      if (!JSON_NODE_HOLDS_OBJECT (node))
        _rostra_import_report_warn (report, 0,
                                    _("Annotation %u was skipped: it is not an object"), i + 1);
      else if (!import_annotation (&b, i, json_node_get_object (node), error))
        return FALSE;
    }

  if (!import_translations (&b, get_array (object, "translations"), error))
    return FALSE;

  if (report->n_entries == 0 && report->n_annotations_new + report->n_annotations_duplicates == 0)
    {
      g_set_error_literal (error, ROSTRA_IMPORT_ERROR, ROSTRA_IMPORT_ERROR_NO_ENTRIES,
                           _("The backup holds no article"));
      return FALSE;
    }

  return finish_imports (&b, error);
}
