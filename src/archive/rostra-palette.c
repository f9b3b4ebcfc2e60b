/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-palette.c: the highlight colours and the search's, for light and dark styles.
 *
 * One place for the colours the reader draws with; test-palette checks
 * that the theme's text stays readable on each (WCAG 2 contrast of at
 * least 4.5:1), plain and selected, in the light and the dark style. The
 * dark style takes the bright ones thinner: white text on yellow at the
 * light style's opacity was 3.0:1 once selected. */

#include "config.h"

#include <math.h>

#include "rostra-palette.h"

/* Same order and names as rostra_annotation_colors(). */
static const RostraPaletteColor colors[] = {
  { "yellow", 246, 211, 45, { 0.45f, 0.28f }, { 0.65f, 0.44f } },
  { "green", 87, 227, 137, { 0.40f, 0.30f }, { 0.60f, 0.48f } },
  { "blue", 98, 160, 234, { 0.40f, 0.40f }, { 0.60f, 0.60f } },
  { "red", 237, 51, 59, { 0.35f, 0.35f }, { 0.55f, 0.55f } },
  { "purple", 192, 97, 203, { 0.40f, 0.40f }, { 0.60f, 0.60f } },
};

/* A search match is drawn with lines over and under it in this colour
 * (no highlight has them); the current match has its background too. */
static const RostraPaletteColor search_match = {
  "search", 255, 120, 0, { 0.0f, 0.0f }, { 0.45f, 0.45f },
};

const RostraPaletteColor *
rostra_palette_get_colors (guint *n_colors)
{
  if (n_colors != NULL)
    *n_colors = G_N_ELEMENTS (colors);
  return colors;
}

/* The highlight colour called @name, or %NULL. */
const RostraPaletteColor *
rostra_palette_lookup (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (colors); i++)
    if (g_strcmp0 (colors[i].name, name) == 0)
      return &colors[i];
  return NULL;
}

/* The index of the highlight colour called @name in
 * rostra_palette_get_colors(): yellow's (0), as for an annotation of an
 * unknown colour, when there is none. */
guint
rostra_palette_index (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (colors); i++)
    if (g_strcmp0 (colors[i].name, name) == 0)
      return i;
  return 0;
}

/**
 * rostra_palette_dup_css:
 * @color: a colour of the palette
 * @format: CSS with placeholders: `{name}` the colour's name, `{hex}` its
 *   `#rrggbb`, `{rgb}` its `r,g,b`, `{light}` and `{tint}` its opacity as a
 *   highlight in the light style, whole and halved (two decimals)
 *
 * The one way the window's style, the HTML export and the W3C export
 * write the palette's colours, so that they never drift apart.
 *
 * Returns: (transfer full): @format with its placeholders filled in
 */
char *
rostra_palette_dup_css (const RostraPaletteColor *color, const char *format)
{
  g_autofree char *hex = g_strdup_printf ("#%02x%02x%02x", color->red, color->green, color->blue);
  g_autofree char *rgb = g_strdup_printf ("%u,%u,%u", color->red, color->green, color->blue);
  char             light[G_ASCII_DTOSTR_BUF_SIZE], tint[G_ASCII_DTOSTR_BUF_SIZE];
  const char      *names[] = { "{name}", "{hex}", "{rgb}", "{light}", "{tint}" };
  const char      *values[] = { color->name, hex, rgb, light, tint };
  GString         *css = g_string_new (format);

  g_ascii_formatd (light, sizeof light, "%.2f", color->alpha[ROSTRA_STYLE_LIGHT]);
  g_ascii_formatd (tint, sizeof tint, "%.2f", color->alpha[ROSTRA_STYLE_LIGHT] / 2.0);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_string_replace (css, names[i], values[i], 0);
  return g_string_free (css, FALSE);
}

const RostraPaletteColor *
rostra_palette_get_search_match (void)
{
  return &search_match;
}

static double
linear (double channel)
{
  return channel <= 0.03928 ? channel / 12.92 : pow ((channel + 0.055) / 1.055, 2.4);
}

/* WCAG 2's relative luminance of an sRGB colour, channels 0…1. */
double
rostra_palette_luminance (double red, double green, double blue)
{
  return 0.2126 * linear (red) + 0.7152 * linear (green) + 0.0722 * linear (blue);
}

/* WCAG 2's contrast ratio of two opaque sRGB colours, 1…21. */
double
rostra_palette_contrast (const double first[3], const double second[3])
{
  double a = rostra_palette_luminance (first[0], first[1], first[2]);
  double b = rostra_palette_luminance (second[0], second[1], second[2]);

  return (MAX (a, b) + 0.05) / (MIN (a, b) + 0.05);
}
