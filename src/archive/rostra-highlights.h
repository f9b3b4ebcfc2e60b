/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-highlights.h: how an article's annotations are layered when drawn. */
#pragma once

#include "rostra-annotation.h"

G_BEGIN_DECLS

/* An annotation as drawn: its passage in characters of the article
 * text, clamped to it; its place in the list it came from, its colour
 * (an index into rostra_palette_get_colors()) and its level of overlap. */
typedef struct
{
  RostraAnnotation *annotation;
  int               start;
  int               end;
  guint             index;
  guint             color;
  guint             level;
} RostraHighlight;

GArray *rostra_highlights_layer (GPtrArray *annotations, int n_chars, guint n_levels);

gboolean rostra_highlights_overlap (const RostraHighlight *a, const RostraHighlight *b);

G_END_DECLS
