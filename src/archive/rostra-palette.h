/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-palette.h: the highlight colours and the search's, for light and dark styles. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  ROSTRA_STYLE_LIGHT,
  ROSTRA_STYLE_DARK,
} RostraStyle;

#define ROSTRA_N_STYLES 2

/* A colour laid translucent over the reader's background, the theme's
 * text on top: how opaque it is, by style, as a highlight and as the
 * selected highlight (or the current search match). */
typedef struct
{
  const char *name;
  guint8      red, green, blue;
  float       alpha[ROSTRA_N_STYLES];
  float       selected_alpha[ROSTRA_N_STYLES];
} RostraPaletteColor;

const RostraPaletteColor *rostra_palette_get_colors (guint *n_colors);
const RostraPaletteColor *rostra_palette_lookup (const char *name);
guint                     rostra_palette_index (const char *name);
const RostraPaletteColor *rostra_palette_get_search_match (void);

char *rostra_palette_dup_css (const RostraPaletteColor *color, const char *format);

double rostra_palette_luminance (double red, double green, double blue);
double rostra_palette_contrast (const double first[3], const double second[3]);

G_END_DECLS
