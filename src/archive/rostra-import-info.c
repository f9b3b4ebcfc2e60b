/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-import-info.c: one past import, as the Imports page lists it.
 *
 * Read-only: the store makes these from the imports table, counting the
 * articles the import brought in that are still in the archive and how
 * many of those carry annotations.
 */

#include "config.h"

#include "rostra-import-info-private.h"

struct _RostraImportInfo
{
  GObject parent_instance;

  gint64  id;
  char   *name;
  char   *path;
  char   *format;
  char   *encoding;
  char   *started;
  guint64 size;
  guint   n_new;
  guint   n_duplicates;
  guint   n_warnings;
  guint   n_articles;
  guint   n_annotated;
};

G_DEFINE_FINAL_TYPE (RostraImportInfo, rostra_import_info, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_N_ARTICLES,
  PROP_N_ANNOTATED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
rostra_import_info_finalize (GObject *object)
{
  RostraImportInfo *self = (RostraImportInfo *) object;

  g_free (self->name);
  g_free (self->path);
  g_free (self->format);
  g_free (self->encoding);
  g_free (self->started);

  G_OBJECT_CLASS (rostra_import_info_parent_class)->finalize (object);
}

static void
rostra_import_info_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  RostraImportInfo *self = ROSTRA_IMPORT_INFO (object);

  switch (prop_id)
    {
      case PROP_ID:
        g_value_set_int64 (value, self->id);
        break;
      case PROP_NAME:
        g_value_set_string (value, self->name);
        break;
      case PROP_N_ARTICLES:
        g_value_set_uint (value, self->n_articles);
        break;
      case PROP_N_ANNOTATED:
        g_value_set_uint (value, self->n_annotated);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rostra_import_info_class_init (RostraImportInfoClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags   flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = rostra_import_info_finalize;
  object_class->get_property = rostra_import_info_get_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_N_ARTICLES] =
      g_param_spec_uint ("n-articles", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_N_ANNOTATED] =
      g_param_spec_uint ("n-annotated", NULL, NULL, 0, G_MAXUINT, 0, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rostra_import_info_init (RostraImportInfo *self)
{
}

/* Takes ownership of the strings. */
RostraImportInfo *
_rostra_import_info_new (gint64  id,
                         char   *name,
                         char   *path,
                         char   *format,
                         char   *encoding,
                         char   *started,
                         guint64 size,
                         guint   n_new,
                         guint   n_duplicates,
                         guint   n_warnings,
                         guint   n_articles,
                         guint   n_annotated)
{
  RostraImportInfo *self = g_object_new (ROSTRA_TYPE_IMPORT_INFO, NULL);

  self->id = id;
  self->name = name;
  self->path = path;
  self->format = format;
  self->encoding = encoding;
  self->started = started;
  self->size = size;
  self->n_new = n_new;
  self->n_duplicates = n_duplicates;
  self->n_warnings = n_warnings;
  self->n_articles = n_articles;
  self->n_annotated = n_annotated;
  return self;
}

gint64
rostra_import_info_get_id (RostraImportInfo *self)
{
  g_return_val_if_fail (ROSTRA_IS_IMPORT_INFO (self), 0);
  return self->id;
}

/**
 * rostra_import_info_get_name:
 *
 * Returns: the import's name, shown as "imported from"
 */
const char *
rostra_import_info_get_name (RostraImportInfo *self)
{
  g_return_val_if_fail (ROSTRA_IS_IMPORT_INFO (self), NULL);
  return self->name;
}

/**
 * rostra_import_info_get_path:
 *
 * Returns: (nullable): the file it was read from
 */
const char *
rostra_import_info_get_path (RostraImportInfo *self)
{
  g_return_val_if_fail (ROSTRA_IS_IMPORT_INFO (self), NULL);
  return self->path;
}

/**
 * rostra_import_info_get_format:
 *
 * Returns: `feed-dump`, `plain-text` or `rostra-json`; see
 *   rostra_import_format_get_label()
 */
const char *
rostra_import_info_get_format (RostraImportInfo *self)
{
  g_return_val_if_fail (ROSTRA_IS_IMPORT_INFO (self), NULL);
  return self->format;
}

/**
 * rostra_import_info_get_encoding:
 *
 * Returns: (nullable): `UTF-8`, `windows-1252` or `mixed`
 */
const char *
rostra_import_info_get_encoding (RostraImportInfo *self)
{
  g_return_val_if_fail (ROSTRA_IS_IMPORT_INFO (self), NULL);
  return self->encoding;
}

/**
 * rostra_import_info_get_started:
 *
 * Returns: when the import ran, ISO 8601 in UTC (`2026-11-27T09:35:00Z`)
 */
const char *
rostra_import_info_get_started (RostraImportInfo *self)
{
  g_return_val_if_fail (ROSTRA_IS_IMPORT_INFO (self), NULL);
  return self->started;
}

guint64
rostra_import_info_get_size (RostraImportInfo *self)
{
  g_return_val_if_fail (ROSTRA_IS_IMPORT_INFO (self), 0);
  return self->size;
}

/**
 * rostra_import_info_get_n_new:
 *
 * Returns: how many articles the import added
 */
guint
rostra_import_info_get_n_new (RostraImportInfo *self)
{
  g_return_val_if_fail (ROSTRA_IS_IMPORT_INFO (self), 0);
  return self->n_new;
}

/**
 * rostra_import_info_get_n_duplicates:
 *
 * Returns: how many entries of the file were already in the archive
 */
guint
rostra_import_info_get_n_duplicates (RostraImportInfo *self)
{
  g_return_val_if_fail (ROSTRA_IS_IMPORT_INFO (self), 0);
  return self->n_duplicates;
}

guint
rostra_import_info_get_n_warnings (RostraImportInfo *self)
{
  g_return_val_if_fail (ROSTRA_IS_IMPORT_INFO (self), 0);
  return self->n_warnings;
}

/**
 * rostra_import_info_get_n_articles:
 *
 * Returns: how many of the articles it added are still in the archive
 */
guint
rostra_import_info_get_n_articles (RostraImportInfo *self)
{
  g_return_val_if_fail (ROSTRA_IS_IMPORT_INFO (self), 0);
  return self->n_articles;
}

/**
 * rostra_import_info_get_n_annotated:
 *
 * Returns: how many of those carry annotations
 */
guint
rostra_import_info_get_n_annotated (RostraImportInfo *self)
{
  g_return_val_if_fail (ROSTRA_IS_IMPORT_INFO (self), 0);
  return self->n_annotated;
}
