/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-annotation.h: a highlighted passage with its note and tags. */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define ROSTRA_TYPE_ANNOTATION (rostra_annotation_get_type ())
G_DECLARE_FINAL_TYPE (RostraAnnotation, rostra_annotation, ROSTRA, ANNOTATION, GObject)

RostraAnnotation  *rostra_annotation_new (gint64      article_id,
                                          guint       start,
                                          guint       end,
                                          const char *exact,
                                          const char *prefix,
                                          const char *suffix);
gint64             rostra_annotation_get_id (RostraAnnotation *self);
const char        *rostra_annotation_get_uuid (RostraAnnotation *self);
gint64             rostra_annotation_get_article_id (RostraAnnotation *self);
guint              rostra_annotation_get_start (RostraAnnotation *self);
guint              rostra_annotation_get_end (RostraAnnotation *self);
const char        *rostra_annotation_get_exact (RostraAnnotation *self);
const char        *rostra_annotation_get_prefix (RostraAnnotation *self);
const char        *rostra_annotation_get_suffix (RostraAnnotation *self);
const char        *rostra_annotation_get_color (RostraAnnotation *self);
void               rostra_annotation_set_color (RostraAnnotation *self, const char *color);
const char        *rostra_annotation_get_note (RostraAnnotation *self);
void               rostra_annotation_set_note (RostraAnnotation *self, const char *note);
const char *const *rostra_annotation_get_tags (RostraAnnotation *self);
void               rostra_annotation_set_tags (RostraAnnotation *self, const char *const *tags);
const char        *rostra_annotation_get_created (RostraAnnotation *self);
const char        *rostra_annotation_get_modified (RostraAnnotation *self);
gboolean           rostra_annotation_get_orphaned (RostraAnnotation *self);

const char *rostra_annotation_get_article_title (RostraAnnotation *self);
const char *rostra_annotation_get_article_source (RostraAnnotation *self);
const char *rostra_annotation_get_article_speaker (RostraAnnotation *self);
const char *rostra_annotation_get_article_published (RostraAnnotation *self);

RostraAnnotation *rostra_annotation_copy (RostraAnnotation *self);

G_END_DECLS
