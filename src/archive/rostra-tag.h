/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-tag.h: a tag and how often it is used. */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define ROSTRA_TYPE_TAG (rostra_tag_get_type ())
G_DECLARE_FINAL_TYPE (RostraTag, rostra_tag, ROSTRA, TAG, GObject)

RostraTag  *rostra_tag_new (const char *name, guint n_uses);
const char *rostra_tag_get_name (RostraTag *self);
guint       rostra_tag_get_n_uses (RostraTag *self);

G_END_DECLS
