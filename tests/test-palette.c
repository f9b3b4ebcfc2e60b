/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-palette.c: the theme's text is readable on every colour the reader
 * draws behind it (WCAG 2: at least 4.5:1), plain and selected, in the
 * light and the dark style; and search matches look like no highlight. */

#include "config.h"

#include "rostra-palette.h"
#include "rostra-store.h"

/* libadwaita's view colours, behind and on the reader's text
 * (@view_bg_color, @view_fg_color in its light and dark styles). */
static const struct
{
  const char *name;
  double      background[3];
  double      text[3];
  double      text_alpha;
} styles[ROSTRA_N_STYLES] = {
  [ROSTRA_STYLE_LIGHT] = { "light", { 1.0, 1.0, 1.0 }, { 0.0, 0.0, 0.0 }, 0.8 },
  [ROSTRA_STYLE_DARK] = { "dark", { 30 / 255.0, 30 / 255.0, 30 / 255.0 }, { 1.0, 1.0, 1.0 }, 1.0 },
};

#define MIN_CONTRAST 4.5

static void
blend (const double over[3], double alpha, const double under[3], double out[3])
{
  for (guint i = 0; i < 3; i++)
    out[i] = over[i] * alpha + under[i] * (1.0 - alpha);
}

/* The contrast of the style's text on @color laid with @alpha over the
 * style's background. */
static double
text_contrast (const RostraPaletteColor *color, double alpha, RostraStyle style)
{
  double rgb[3] = { color->red / 255.0, color->green / 255.0, color->blue / 255.0 };
  double background[3], text[3];

  blend (rgb, alpha, styles[style].background, background);
  blend (styles[style].text, styles[style].text_alpha, background, text);
  return rostra_palette_contrast (text, background);
}

static void
assert_readable (const RostraPaletteColor *color, RostraStyle style)
{
  double plain = text_contrast (color, color->alpha[style], style);
  double selected = text_contrast (color, color->selected_alpha[style], style);

  g_test_message ("%s, %s: %.2f:1, selected %.2f:1", color->name, styles[style].name, plain,
                  selected);
  g_assert_cmpfloat (plain, >=, MIN_CONTRAST);
  g_assert_cmpfloat (selected, >=, MIN_CONTRAST);
  /* Selected stands out from plain. */
  g_assert_cmpfloat (color->selected_alpha[style], >, color->alpha[style]);
}

static void
test_contrast (void)
{
  guint                     n_colors = 0;
  const RostraPaletteColor *colors = rostra_palette_get_colors (&n_colors);
  const char *const        *names = rostra_annotation_colors ();

  g_assert_cmpuint (n_colors, ==, g_strv_length ((char **) names));
  for (guint i = 0; i < n_colors; i++)
    {
      /* The store's colours, in its order. */
      g_assert_cmpstr (colors[i].name, ==, names[i]);
      g_assert_true (rostra_palette_lookup (names[i]) == &colors[i]);
      for (RostraStyle style = 0; style < ROSTRA_N_STYLES; style++)
        assert_readable (&colors[i], style);
    }
  for (RostraStyle style = 0; style < ROSTRA_N_STYLES; style++)
    assert_readable (rostra_palette_get_search_match (), style);
  g_assert_null (rostra_palette_lookup ("search"));
}

/* The formula itself, on known pairs. */
static void
test_contrast_formula (void)
{
  const double black[3] = { 0, 0, 0 }, white[3] = { 1, 1, 1 };
  const double grey[3] = { 118 / 255.0, 118 / 255.0, 118 / 255.0 };

  g_assert_cmpfloat_with_epsilon (rostra_palette_contrast (black, white), 21.0, 0.01);
  g_assert_cmpfloat_with_epsilon (rostra_palette_contrast (white, white), 1.0, 0.001);
  /* #767676 on white is the classic 4.54:1. */
  g_assert_cmpfloat_with_epsilon (rostra_palette_contrast (grey, white), 4.54, 0.01);
}

/* Every place that writes the colours as CSS gets them from the palette. */
static void
test_css (void)
{
  const RostraPaletteColor *yellow = rostra_palette_lookup ("yellow");
  g_autofree char          *css = rostra_palette_dup_css (
               yellow, ".{name}{--mark:{hex};--tint:rgba({rgb},{tint});opacity:{light}} {name}");

  g_assert_cmpstr (css, ==,
                   ".yellow{--mark:#f6d32d;--tint:rgba(246,211,45,0.22);opacity:0.45} yellow");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/palette/contrast-formula", test_contrast_formula);
  g_test_add_func ("/palette/contrast", test_contrast);
  g_test_add_func ("/palette/css", test_css);

  return g_test_run ();
}
