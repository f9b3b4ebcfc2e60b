/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-annotation.c: a highlighted passage with its note and tags.
 *
 * An annotation anchors to its article twice, as the W3C Web Annotation
 * model does: by position (start and end, in Unicode characters of the
 * article's text) and by quote (the exact passage with up to 32
 * characters of context either side), so that it can be found again
 * when the text changes.
 */

#include "config.h"

#include "rostra-annotation-private.h"

struct _RostraAnnotation
{
  GObject parent_instance;

  gint64   id;
  char    *uuid;
  gint64   article_id;
  guint    start;
  guint    end;
  char    *exact;
  char    *prefix;
  char    *suffix;
  char    *color;
  char    *note;
  char   **tags;
  char    *created;
  char    *modified;
  gboolean orphaned;

  /* The citation, when the store read it with the article */
  char *article_title;
  char *article_source;
  char *article_speaker;
  char *article_published;
};

G_DEFINE_FINAL_TYPE (RostraAnnotation, rostra_annotation, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_UUID,
  PROP_ARTICLE_ID,
  PROP_START,
  PROP_END,
  PROP_EXACT,
  PROP_PREFIX,
  PROP_SUFFIX,
  PROP_COLOR,
  PROP_NOTE,
  PROP_TAGS,
  PROP_CREATED,
  PROP_MODIFIED,
  PROP_ORPHANED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* g_set_str() is GLib 2.76; we build against 2.74. */
static gboolean
set_str (char **dest, const char *value)
{
  if (g_strcmp0 (*dest, value) == 0)
    return FALSE;
  g_free (*dest);
  *dest = g_strdup (value);
  return TRUE;
}

static void
rostra_annotation_finalize (GObject *object)
{
  RostraAnnotation *self = (RostraAnnotation *) object;

  g_free (self->uuid);
  g_free (self->exact);
  g_free (self->prefix);
  g_free (self->suffix);
  g_free (self->color);
  g_free (self->note);
  g_strfreev (self->tags);
  g_free (self->created);
  g_free (self->modified);
  g_free (self->article_title);
  g_free (self->article_source);
  g_free (self->article_speaker);
  g_free (self->article_published);

  G_OBJECT_CLASS (rostra_annotation_parent_class)->finalize (object);
}

static void
rostra_annotation_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  RostraAnnotation *self = ROSTRA_ANNOTATION (object);

  switch (prop_id)
    {
      case PROP_ID:
        g_value_set_int64 (value, self->id);
        break;
      case PROP_UUID:
        g_value_set_string (value, self->uuid);
        break;
      case PROP_ARTICLE_ID:
        g_value_set_int64 (value, self->article_id);
        break;
      case PROP_START:
        g_value_set_uint (value, self->start);
        break;
      case PROP_END:
        g_value_set_uint (value, self->end);
        break;
      case PROP_EXACT:
        g_value_set_string (value, self->exact);
        break;
      case PROP_PREFIX:
        g_value_set_string (value, self->prefix);
        break;
      case PROP_SUFFIX:
        g_value_set_string (value, self->suffix);
        break;
      case PROP_COLOR:
        g_value_set_string (value, self->color);
        break;
      case PROP_NOTE:
        g_value_set_string (value, self->note);
        break;
      case PROP_TAGS:
        g_value_set_boxed (value, self->tags);
        break;
      case PROP_CREATED:
        g_value_set_string (value, self->created);
        break;
      case PROP_MODIFIED:
        g_value_set_string (value, self->modified);
        break;
      case PROP_ORPHANED:
        g_value_set_boolean (value, self->orphaned);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rostra_annotation_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  RostraAnnotation *self = ROSTRA_ANNOTATION (object);

  switch (prop_id)
    {
      case PROP_ID:
        self->id = g_value_get_int64 (value);
        break;
      case PROP_UUID:
        set_str (&self->uuid, g_value_get_string (value));
        break;
      case PROP_ARTICLE_ID:
        self->article_id = g_value_get_int64 (value);
        break;
      case PROP_START:
        self->start = g_value_get_uint (value);
        break;
      case PROP_END:
        self->end = g_value_get_uint (value);
        break;
      case PROP_EXACT:
        set_str (&self->exact, g_value_get_string (value));
        break;
      case PROP_PREFIX:
        set_str (&self->prefix, g_value_get_string (value));
        break;
      case PROP_SUFFIX:
        set_str (&self->suffix, g_value_get_string (value));
        break;
      case PROP_COLOR:
        rostra_annotation_set_color (self, g_value_get_string (value));
        break;
      case PROP_NOTE:
        rostra_annotation_set_note (self, g_value_get_string (value));
        break;
      case PROP_TAGS:
        rostra_annotation_set_tags (self, g_value_get_boxed (value));
        break;
      case PROP_CREATED:
        set_str (&self->created, g_value_get_string (value));
        break;
      case PROP_MODIFIED:
        set_str (&self->modified, g_value_get_string (value));
        break;
      case PROP_ORPHANED:
        self->orphaned = g_value_get_boolean (value);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rostra_annotation_class_init (RostraAnnotationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags   construct = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;
  GParamFlags   editable = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = rostra_annotation_finalize;
  object_class->get_property = rostra_annotation_get_property;
  object_class->set_property = rostra_annotation_set_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, construct);
  properties[PROP_UUID] = g_param_spec_string ("uuid", NULL, NULL, NULL, construct);
  properties[PROP_ARTICLE_ID] =
      g_param_spec_int64 ("article-id", NULL, NULL, 0, G_MAXINT64, 0, construct);
  properties[PROP_START] = g_param_spec_uint ("start", NULL, NULL, 0, G_MAXUINT, 0, construct);
  properties[PROP_END] = g_param_spec_uint ("end", NULL, NULL, 0, G_MAXUINT, 0, construct);
  properties[PROP_EXACT] = g_param_spec_string ("exact", NULL, NULL, "", construct);
  properties[PROP_PREFIX] = g_param_spec_string ("prefix", NULL, NULL, "", construct);
  properties[PROP_SUFFIX] = g_param_spec_string ("suffix", NULL, NULL, "", construct);
  properties[PROP_COLOR] = g_param_spec_string ("color", NULL, NULL, "yellow", editable);
  properties[PROP_NOTE] = g_param_spec_string ("note", NULL, NULL, "", editable);
  properties[PROP_TAGS] = g_param_spec_boxed ("tags", NULL, NULL, G_TYPE_STRV, editable);
  properties[PROP_CREATED] = g_param_spec_string ("created", NULL, NULL, NULL, construct);
  properties[PROP_MODIFIED] = g_param_spec_string ("modified", NULL, NULL, NULL, construct);
  properties[PROP_ORPHANED] = g_param_spec_boolean ("orphaned", NULL, NULL, FALSE, construct);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rostra_annotation_init (RostraAnnotation *self)
{
  self->exact = g_strdup ("");
  self->prefix = g_strdup ("");
  self->suffix = g_strdup ("");
  self->color = g_strdup ("yellow");
  self->note = g_strdup ("");
  self->tags = g_new0 (char *, 1);
}

/**
 * rostra_annotation_new:
 * @article_id: the annotated article
 * @start: the first character of the passage
 * @end: the character after the passage
 * @exact: the passage
 * @prefix: up to 32 characters before it
 * @suffix: up to 32 characters after it
 *
 * Returns: (transfer full): a new, unsaved annotation
 */
RostraAnnotation *
rostra_annotation_new (gint64      article_id,
                       guint       start,
                       guint       end,
                       const char *exact,
                       const char *prefix,
                       const char *suffix)
{
  g_return_val_if_fail (start <= end, NULL);

  return g_object_new (ROSTRA_TYPE_ANNOTATION, "article-id", article_id, "start", start, "end", end,
                       "exact", exact, "prefix", prefix, "suffix", suffix, NULL);
}

gint64
rostra_annotation_get_id (RostraAnnotation *self)
{
  g_return_val_if_fail (ROSTRA_IS_ANNOTATION (self), 0);
  return self->id;
}

/**
 * rostra_annotation_get_uuid:
 *
 * Returns: (nullable): the annotation's stable identity, a UUID in
 *   lower-case hex, given when it is first saved and kept by the JSON
 *   backup, by undo and by a restore (unlike its id); %NULL before it
 *   is saved
 */
const char *
rostra_annotation_get_uuid (RostraAnnotation *self)
{
  g_return_val_if_fail (ROSTRA_IS_ANNOTATION (self), NULL);
  return self->uuid;
}

gint64
rostra_annotation_get_article_id (RostraAnnotation *self)
{
  g_return_val_if_fail (ROSTRA_IS_ANNOTATION (self), 0);
  return self->article_id;
}

guint
rostra_annotation_get_start (RostraAnnotation *self)
{
  g_return_val_if_fail (ROSTRA_IS_ANNOTATION (self), 0);
  return self->start;
}

guint
rostra_annotation_get_end (RostraAnnotation *self)
{
  g_return_val_if_fail (ROSTRA_IS_ANNOTATION (self), 0);
  return self->end;
}

const char *
rostra_annotation_get_exact (RostraAnnotation *self)
{
  g_return_val_if_fail (ROSTRA_IS_ANNOTATION (self), NULL);
  return self->exact;
}

const char *
rostra_annotation_get_prefix (RostraAnnotation *self)
{
  g_return_val_if_fail (ROSTRA_IS_ANNOTATION (self), NULL);
  return self->prefix;
}

const char *
rostra_annotation_get_suffix (RostraAnnotation *self)
{
  g_return_val_if_fail (ROSTRA_IS_ANNOTATION (self), NULL);
  return self->suffix;
}

const char *
rostra_annotation_get_color (RostraAnnotation *self)
{
  g_return_val_if_fail (ROSTRA_IS_ANNOTATION (self), NULL);
  return self->color;
}

void
rostra_annotation_set_color (RostraAnnotation *self, const char *color)
{
  g_return_if_fail (ROSTRA_IS_ANNOTATION (self));

  if (set_str (&self->color, color ? color : "yellow"))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLOR]);
}

const char *
rostra_annotation_get_note (RostraAnnotation *self)
{
  g_return_val_if_fail (ROSTRA_IS_ANNOTATION (self), NULL);
  return self->note;
}

void
rostra_annotation_set_note (RostraAnnotation *self, const char *note)
{
  g_return_if_fail (ROSTRA_IS_ANNOTATION (self));

  if (set_str (&self->note, note ? note : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTE]);
}

/**
 * rostra_annotation_get_tags:
 *
 * Returns: (transfer none) (array zero-terminated=1): the tags, never %NULL
 */
const char *const *
rostra_annotation_get_tags (RostraAnnotation *self)
{
  g_return_val_if_fail (ROSTRA_IS_ANNOTATION (self), NULL);
  return (const char *const *) self->tags;
}

void
rostra_annotation_set_tags (RostraAnnotation *self, const char *const *tags)
{
  static const char *const none[] = { NULL };

  g_return_if_fail (ROSTRA_IS_ANNOTATION (self));

  if (tags == NULL)
    tags = none;
  if (g_strv_equal (tags, (const char *const *) self->tags))
    return;

  g_strfreev (self->tags);
  self->tags = g_strdupv ((char **) tags);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TAGS]);
}

/**
 * rostra_annotation_get_created:
 *
 * Returns: (nullable): when it was made, ISO 8601 UTC; %NULL until saved
 */
const char *
rostra_annotation_get_created (RostraAnnotation *self)
{
  g_return_val_if_fail (ROSTRA_IS_ANNOTATION (self), NULL);
  return self->created;
}

/**
 * rostra_annotation_get_modified:
 *
 * Returns: (nullable): when it last changed, ISO 8601 UTC; %NULL until saved
 */
const char *
rostra_annotation_get_modified (RostraAnnotation *self)
{
  g_return_val_if_fail (ROSTRA_IS_ANNOTATION (self), NULL);
  return self->modified;
}

gboolean
rostra_annotation_get_orphaned (RostraAnnotation *self)
{
  g_return_val_if_fail (ROSTRA_IS_ANNOTATION (self), FALSE);
  return self->orphaned;
}

/**
 * rostra_annotation_get_article_title:
 *
 * Returns: (nullable): the annotated article's title, when the
 *   annotation was read from the archive
 */
const char *
rostra_annotation_get_article_title (RostraAnnotation *self)
{
  g_return_val_if_fail (ROSTRA_IS_ANNOTATION (self), NULL);
  return self->article_title;
}

/**
 * rostra_annotation_get_article_source:
 *
 * Returns: (nullable): the annotated article's source
 */
const char *
rostra_annotation_get_article_source (RostraAnnotation *self)
{
  g_return_val_if_fail (ROSTRA_IS_ANNOTATION (self), NULL);
  return self->article_source;
}

/**
 * rostra_annotation_get_article_speaker:
 *
 * Returns: (nullable): who gave the annotated speech, for citations;
 *   %NULL when it names nobody
 */
const char *
rostra_annotation_get_article_speaker (RostraAnnotation *self)
{
  g_return_val_if_fail (ROSTRA_IS_ANNOTATION (self), NULL);
  return self->article_speaker;
}

void
_rostra_annotation_set_speaker (RostraAnnotation *self, const char *speaker)
{
  set_str (&self->article_speaker, speaker);
}

/**
 * rostra_annotation_get_article_published:
 *
 * Returns: (nullable): the annotated article's date, `YYYY-MM-DDTHH:MM:SS`
 */
const char *
rostra_annotation_get_article_published (RostraAnnotation *self)
{
  g_return_val_if_fail (ROSTRA_IS_ANNOTATION (self), NULL);
  return self->article_published;
}

void
_rostra_annotation_set_saved (RostraAnnotation *self,
                              gint64            id,
                              const char       *uuid,
                              const char       *created,
                              const char       *modified)
{
  self->id = id;
  set_str (&self->uuid, uuid);
  set_str (&self->created, created);
  set_str (&self->modified, modified);
}

void
_rostra_annotation_set_anchor (RostraAnnotation *self, guint start, guint end, gboolean orphaned)
{
  GObject *object = G_OBJECT (self);

  g_object_freeze_notify (object);
  if (self->start != start)
    {
      self->start = start;
      g_object_notify_by_pspec (object, properties[PROP_START]);
    }
  if (self->end != end)
    {
      self->end = end;
      g_object_notify_by_pspec (object, properties[PROP_END]);
    }
  if (self->orphaned != orphaned)
    {
      self->orphaned = orphaned;
      g_object_notify_by_pspec (object, properties[PROP_ORPHANED]);
    }
  g_object_thaw_notify (object);
}

void
_rostra_annotation_set_citation (RostraAnnotation *self,
                                 const char       *title,
                                 const char       *source,
                                 const char       *published)
{
  set_str (&self->article_title, title);
  set_str (&self->article_source, source);
  set_str (&self->article_published, published);
}

/**
 * rostra_annotation_copy:
 *
 * A copy of every field, id, UUID and times included: a snapshot to undo an
 * edit or a deletion with.
 *
 * Returns: (transfer full): the copy
 */
RostraAnnotation *
rostra_annotation_copy (RostraAnnotation *self)
{
  RostraAnnotation *copy;

  g_return_val_if_fail (ROSTRA_IS_ANNOTATION (self), NULL);

  copy = g_object_new (ROSTRA_TYPE_ANNOTATION, "id", self->id, "uuid", self->uuid, "article-id",
                       self->article_id, "start", self->start, "end", self->end, "exact",
                       self->exact, "prefix", self->prefix, "suffix", self->suffix, "color",
                       self->color, "note", self->note, "tags", self->tags, "created",
                       self->created, "modified", self->modified, "orphaned", self->orphaned, NULL);
  _rostra_annotation_set_citation (copy, self->article_title, self->article_source,
                                   self->article_published);
  _rostra_annotation_set_speaker (copy, self->article_speaker);
  return copy;
}
