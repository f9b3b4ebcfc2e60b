/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-tag.c: a tag and how often it is used. */

#include "config.h"

#include "rostra-tag.h"

struct _RostraTag
{
  GObject parent_instance;

  char *name;
  guint n_uses;
};

G_DEFINE_FINAL_TYPE (RostraTag, rostra_tag, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_NAME,
  PROP_N_USES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
rostra_tag_finalize (GObject *object)
{
  g_free (ROSTRA_TAG (object)->name);
  G_OBJECT_CLASS (rostra_tag_parent_class)->finalize (object);
}

static void
rostra_tag_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  RostraTag *self = ROSTRA_TAG (object);

  switch (prop_id)
    {
      case PROP_NAME:
        g_value_set_string (value, self->name);
        break;
      case PROP_N_USES:
        g_value_set_uint (value, self->n_uses);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rostra_tag_class_init (RostraTagClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rostra_tag_finalize;
  object_class->get_property = rostra_tag_get_property;

  properties[PROP_NAME] =
      g_param_spec_string ("name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_USES] = g_param_spec_uint ("n-uses", NULL, NULL, 0, G_MAXUINT, 0,
                                               G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rostra_tag_init (RostraTag *self)
{
}

RostraTag *
rostra_tag_new (const char *name, guint n_uses)
{
  RostraTag *self = g_object_new (ROSTRA_TYPE_TAG, NULL);

  self->name = g_strdup (name);
  self->n_uses = n_uses;
  return self;
}

const char *
rostra_tag_get_name (RostraTag *self)
{
  g_return_val_if_fail (ROSTRA_IS_TAG (self), NULL);
  return self->name;
}

/**
 * rostra_tag_get_n_uses:
 *
 * Returns: how many annotations carry the tag
 */
guint
rostra_tag_get_n_uses (RostraTag *self)
{
  g_return_val_if_fail (ROSTRA_IS_TAG (self), 0);
  return self->n_uses;
}
