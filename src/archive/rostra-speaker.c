/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-speaker.c: a speaker of the archive, their aliases and number of speeches.
 *
 * A snapshot read by rostra_store_list_speakers(): read again after a
 * change, as tags are.
 */

#include "config.h"

#include "rostra-speaker.h"

struct _RostraSpeaker
{
  GObject parent_instance;

  gint64 id;
  char  *name;
  GStrv  aliases;
  guint  n_articles;
};

G_DEFINE_FINAL_TYPE (RostraSpeaker, rostra_speaker, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_ALIASES,
  PROP_N_ARTICLES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
rostra_speaker_finalize (GObject *object)
{
  RostraSpeaker *self = ROSTRA_SPEAKER (object);

  g_free (self->name);
  g_strfreev (self->aliases);
  G_OBJECT_CLASS (rostra_speaker_parent_class)->finalize (object);
}

static void
rostra_speaker_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  RostraSpeaker *self = ROSTRA_SPEAKER (object);

  switch (prop_id)
    {
      case PROP_ID:
        g_value_set_int64 (value, self->id);
        break;
      case PROP_NAME:
        g_value_set_string (value, self->name);
        break;
      case PROP_ALIASES:
        g_value_set_boxed (value, self->aliases);
        break;
      case PROP_N_ARTICLES:
        g_value_set_uint (value, self->n_articles);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rostra_speaker_class_init (RostraSpeakerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags   flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = rostra_speaker_finalize;
  object_class->get_property = rostra_speaker_get_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_ALIASES] = g_param_spec_boxed ("aliases", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_N_ARTICLES] =
      g_param_spec_uint ("n-articles", NULL, NULL, 0, G_MAXUINT, 0, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rostra_speaker_init (RostraSpeaker *self)
{
}

/**
 * rostra_speaker_new:
 * @aliases: (transfer full) (nullable): the other names matched as this speaker
 *
 * Returns: (transfer full): a speaker
 */
RostraSpeaker *
rostra_speaker_new (gint64 id, const char *name, GStrv aliases, guint n_articles)
{
  RostraSpeaker *self = g_object_new (ROSTRA_TYPE_SPEAKER, NULL);

  self->id = id;
  self->name = g_strdup (name);
  self->aliases = aliases ? aliases : g_new0 (char *, 1);
  self->n_articles = n_articles;
  return self;
}

gint64
rostra_speaker_get_id (RostraSpeaker *self)
{
  g_return_val_if_fail (ROSTRA_IS_SPEAKER (self), 0);
  return self->id;
}

const char *
rostra_speaker_get_name (RostraSpeaker *self)
{
  g_return_val_if_fail (ROSTRA_IS_SPEAKER (self), NULL);
  return self->name;
}

/**
 * rostra_speaker_get_aliases:
 *
 * Returns: (transfer none): the speaker's aliases, sorted; never %NULL
 */
const char *const *
rostra_speaker_get_aliases (RostraSpeaker *self)
{
  g_return_val_if_fail (ROSTRA_IS_SPEAKER (self), NULL);
  return (const char *const *) self->aliases;
}

/**
 * rostra_speaker_get_n_articles:
 *
 * Returns: the number of speeches that name this speaker
 */
guint
rostra_speaker_get_n_articles (RostraSpeaker *self)
{
  g_return_val_if_fail (ROSTRA_IS_SPEAKER (self), 0);
  return self->n_articles;
}
