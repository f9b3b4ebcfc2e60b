/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-export-w3c.c: annotations in the W3C Web Annotation Data Model.
 *
 * A JSON-LD document: one AnnotationCollection whose first (and only)
 * AnnotationPage (partOf the collection: its id, label and total) holds
 * an Annotation per passage, one a line. Annotations and articles are
 * named by their UUIDs (`urn:uuid:…`), the same in every archive a
 * backup restores them into. Each annotation has its creator (the
 * user, by name) and generator (Rostra) and targets its article (a Text
 * with its title as `label` and its language) through a
 * TextQuoteSelector and a TextPositionSelector (the latter only while
 * the passage is where it was: an orphaned passage has no position).
 * The note is a TextualBody with the purpose `commenting` and its
 * language when Rostra can tell it, each tag one with the purpose
 * `tagging`. The highlight colour is the target's `styleClass`, defined
 * by the annotation's embedded CssStylesheet.
 * See https://www.w3.org/TR/annotation-model/ and README.md.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rostra-export-private.h"
#include "rostra-palette.h"
#include "rostra-language.h"

#define ANNO_CONTEXT "http://www.w3.org/ns/anno.jsonld"
#define GENERATOR                                                \
  "{\"type\": \"Software\", \"name\": \"Rostra " PACKAGE_VERSION \
  "\", \"homepage\": \"" ROSTRA_HOMEPAGE "\"}"
#define ROSTRA_HOMEPAGE "https://github.com/rostra/rostra"

/* The style sheet of a highlight colour, from the palette. */
static char *
dup_color_css (const char *color)
{
  const RostraPaletteColor *palette = rostra_palette_get_colors (NULL);

  return rostra_palette_dup_css (&palette[rostra_palette_index (color)],
                                 ".{name} { background-color: {hex}; }");
}

static void
add_string (JsonBuilder *builder, const char *member, const char *value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, value ? value : "");
}

static void
add_int (JsonBuilder *builder, const char *member, gint64 value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_int_value (builder, value);
}

/* @language: (nullable): the value's language, when known */
static void
add_textual_body (JsonBuilder *builder,
                  const char  *value,
                  const char  *purpose,
                  const char  *language)
{
  json_builder_begin_object (builder);
  add_string (builder, "type", "TextualBody");
  add_string (builder, "value", value);
  add_string (builder, "format", "text/plain");
  if (language != NULL)
    add_string (builder, "language", language);
  add_string (builder, "purpose", purpose);
  json_builder_end_object (builder);
}

/* `urn:uuid:…` for a stable identity (see migration 4 in
 * rostra-store-schema.c), which every row has. */
static char *
uuid_urn (const char *uuid)
{
  return g_strconcat ("urn:uuid:", uuid ? uuid : "", NULL);
}

/* The one who made the annotations: the user exporting them, by the
 * name of their account (its full name when it has one). */
static char *
creator_name (void)
{
  const char *name = g_get_real_name ();

  /* g_get_real_name() says "Unknown" when the account has no name. */
  if (name == NULL || *name == '\0' || g_str_equal (name, "Unknown"))
    name = g_get_user_name ();
  return g_strdup (name);
}

/* One Annotation. */
static JsonNode *
annotation_to_w3c (RostraAnnotation *a, RostraArticle *article, JsonNode *creator)
{
  g_autoptr (JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr (JsonNode) generator = json_from_string (GENERATOR, NULL);
  const char        *note = rostra_annotation_get_note (a);
  const char        *color = _rostra_export_color (a);
  const char *const *tags = rostra_annotation_get_tags (a);
  g_autofree char   *id = uuid_urn (rostra_annotation_get_uuid (a));
  g_autofree char   *source = uuid_urn (rostra_article_get_uuid (article));
  gboolean           has_note = note != NULL && *note != '\0';

  json_builder_begin_object (builder);
  add_string (builder, "id", id);
  add_string (builder, "type", "Annotation");
  add_string (builder, "motivation", "highlighting");
  json_builder_set_member_name (builder, "creator");
  json_builder_add_value (builder, json_node_copy (creator));
  add_string (builder, "created", rostra_annotation_get_created (a));
  add_string (builder, "modified", rostra_annotation_get_modified (a));
  json_builder_set_member_name (builder, "generator");
  json_builder_add_value (builder, g_steal_pointer (&generator));

  if (has_note || tags[0] != NULL)
    {
      json_builder_set_member_name (builder, "body");
      json_builder_begin_array (builder);
      if (has_note)
        add_textual_body (builder, note, "commenting", rostra_language_guess (note));
      for (guint i = 0; tags[i] != NULL; i++)
        add_textual_body (builder, tags[i], "tagging", NULL);
      json_builder_end_array (builder);
    }

  json_builder_set_member_name (builder, "target");
  json_builder_begin_object (builder);
  add_string (builder, "type", "SpecificResource");

  json_builder_set_member_name (builder, "source");
  json_builder_begin_object (builder);
  add_string (builder, "id", source);
  add_string (builder, "type", "Text");
  add_string (builder, "format", "text/plain");
  if (rostra_article_get_language (article) != NULL)
    add_string (builder, "language", rostra_article_get_language (article));
  add_string (builder, "label", rostra_annotation_get_article_title (a));
  /* Who gave the speech: the creator of the text annotated. */
  if (rostra_article_get_speaker (article) != NULL)
    {
      json_builder_set_member_name (builder, "creator");
      json_builder_begin_object (builder);
      add_string (builder, "type", "Person");
      add_string (builder, "name", rostra_article_get_speaker (article));
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);

  add_string (builder, "styleClass", color);

  json_builder_set_member_name (builder, "selector");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  add_string (builder, "type", "TextQuoteSelector");
  add_string (builder, "exact", rostra_annotation_get_exact (a));
  add_string (builder, "prefix", rostra_annotation_get_prefix (a));
  add_string (builder, "suffix", rostra_annotation_get_suffix (a));
  json_builder_end_object (builder);
  if (!rostra_annotation_get_orphaned (a))
    {
      json_builder_begin_object (builder);
      add_string (builder, "type", "TextPositionSelector");
      add_int (builder, "start", rostra_annotation_get_start (a));
      add_int (builder, "end", rostra_annotation_get_end (a));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "stylesheet");
  json_builder_begin_object (builder);
  add_string (builder, "type", "CssStylesheet");
  {
    g_autofree char *css = dup_color_css (color);

    add_string (builder, "value", css);
  }
  json_builder_end_object (builder);

  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* `"name": value` for the head of the document. */
static void
append_member (GString *out, const char *name, const char *value, gboolean last)
{
  g_autoptr (JsonNode) node = json_node_init_string (json_node_alloc (), value);
  g_autofree char *json = json_to_string (node, FALSE);

  g_string_append_printf (out, "\"%s\": %s%s", name, json, last ? "" : ",\n ");
}

/**
 * _rostra_export_write_w3c:
 *
 * Writes the context's annotations as a W3C Web Annotation collection.
 */
gboolean
_rostra_export_write_w3c (RostraExportContext *ctx, GError **error)
{
  guint n = g_list_model_get_n_items (ctx->annotations);
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *generated = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *collection = uuid_urn (uuid);
  g_autofree char *page = g_strdup_printf ("urn:uuid:%s#page-1", uuid);
  g_autofree char *name = creator_name ();
  g_autoptr (JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr (JsonNode) creator = NULL;
  /* TRANSLATORS: the label of a W3C Web Annotation export, for other annotation tools */
  const char *label = _("Annotations from Rostra");

  json_builder_begin_object (builder);
  add_string (builder, "type", "Person");
  add_string (builder, "name", name);
  json_builder_end_object (builder);
  creator = json_builder_get_root (builder);

  g_string_append (ctx->out, "{");
  append_member (ctx->out, "@context", ANNO_CONTEXT, FALSE);
  append_member (ctx->out, "id", collection, FALSE);
  append_member (ctx->out, "type", "AnnotationCollection", FALSE);
  append_member (ctx->out, "label", label, FALSE);
  g_string_append_printf (ctx->out, "\"total\": %u,\n ", n);
  g_string_append (ctx->out, "\"generator\": " GENERATOR ",\n ");
  append_member (ctx->out, "generated", generated, FALSE);
  g_string_append (ctx->out, "\"first\": {");
  append_member (ctx->out, "id", page, FALSE);
  append_member (ctx->out, "type", "AnnotationPage", FALSE);
  /* The collection as the page names it: its id, label and total. */
  g_string_append (ctx->out, "\"partOf\": {");
  append_member (ctx->out, "id", collection, FALSE);
  append_member (ctx->out, "label", label, FALSE);
  g_string_append_printf (ctx->out, "\"total\": %u},\n ", n);
  g_string_append (ctx->out, "\"startIndex\": 0,\n \"items\": [");

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (RostraAnnotation) a = g_list_model_get_item (ctx->annotations, i);
      RostraArticle *article =
          _rostra_export_get_article (ctx, rostra_annotation_get_article_id (a), error);
      g_autoptr (JsonNode) node = NULL;
      g_autofree char *json = NULL;

      if (article == NULL)
        return FALSE;
      node = annotation_to_w3c (a, article, creator);
      json = json_to_string (node, FALSE);
      g_string_append (ctx->out, i > 0 ? ",\n" : "\n");
      g_string_append (ctx->out, json);

      if (!_rostra_export_flush (ctx, FALSE, error))
        return FALSE;
    }

  g_string_append (ctx->out, n > 0 ? "\n]}}\n" : "]}}\n");
  return _rostra_export_flush (ctx, TRUE, error);
}
