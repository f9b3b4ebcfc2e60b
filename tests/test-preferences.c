/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-preferences.c: the Preferences window under Xvfb: its rows and the
 * GSettings keys both ways, the reader and the style following them. */

#include "config.h"

#include <string.h>

#include "rostra-preferences.h"
#include "rostra-reader.h"
#include "rostra-store.h"
#include "rostra-test-ui.h"
#include "rostra-test-utils.h"

static const char *const keys[] = { "reader-font", "reader-font-size",        "reader-line-spacing",
                                    "reader-zoom", "default-highlight-color", "color-scheme" };

typedef struct
{
  GSettings *settings;
  GtkWidget *window;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  fixture->settings = g_settings_new (APP_ID);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_settings_reset (fixture->settings, keys[i]);
  fixture->window = rostra_preferences_window_new (NULL, data);
  gtk_window_present (GTK_WINDOW (fixture->window));
  g_assert_true (rostra_test_wait_mapped (fixture->window));
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data G_GNUC_UNUSED)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_settings_reset (fixture->settings, keys[i]);
  g_clear_object (&fixture->settings);
  rostra_test_flush ();
}

static gpointer
child (Fixture *fixture, const char *name)
{
  GObject *object =
      gtk_widget_get_template_child (fixture->window, ROSTRA_TYPE_PREFERENCES_WINDOW, name);

  g_assert_nonnull (object);
  return object;
}

static const char *
selected_label (AdwComboRow *row)
{
  GtkStringObject *item = adw_combo_row_get_selected_item (row);

  g_assert_nonnull (item);
  return gtk_string_object_get_string (item);
}

static void
test_defaults (Fixture *fixture, gconstpointer data G_GNUC_UNUSED)
{
  g_assert_cmpuint (adw_combo_row_get_selected (child (fixture, "font_row")), ==, 0);
  g_assert_cmpstr (selected_label (child (fixture, "font_row")), ==, "Default");
  g_assert_cmpint (gtk_spin_button_get_value_as_int (child (fixture, "size_spin")), ==, 13);
  g_assert_cmpfloat_with_epsilon (gtk_spin_button_get_value (child (fixture, "spacing_spin")), 1.2,
                                  1e-9);
  g_assert_cmpstr (selected_label (child (fixture, "color_row")), ==, "Yellow");
  g_assert_cmpuint (
      g_list_model_get_n_items (adw_combo_row_get_model (child (fixture, "color_row"))), ==, 5);
  g_assert_cmpstr (selected_label (child (fixture, "style_row")), ==, "Follow System");
}

static void
test_rows_to_keys (Fixture *fixture, gconstpointer data G_GNUC_UNUSED)
{
  g_autofree char *font = NULL;
  g_autofree char *color = NULL;
  g_autofree char *scheme = NULL;

  adw_combo_row_set_selected (child (fixture, "font_row"), 1);
  gtk_spin_button_set_value (child (fixture, "size_spin"), 18);
  gtk_spin_button_set_value (child (fixture, "spacing_spin"), 1.8);
  adw_combo_row_set_selected (child (fixture, "color_row"), 2);
  adw_combo_row_set_selected (child (fixture, "style_row"), 2);

  font = g_settings_get_string (fixture->settings, "reader-font");
  g_assert_cmpstr (font, ==, "serif");
  g_assert_cmpint (g_settings_get_int (fixture->settings, "reader-font-size"), ==, 18);
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (fixture->settings, "reader-line-spacing"),
                                  1.8, 1e-9);
  color = g_settings_get_string (fixture->settings, "default-highlight-color");
  g_assert_cmpstr (color, ==, "blue");
  scheme = g_settings_get_string (fixture->settings, "color-scheme");
  g_assert_cmpstr (scheme, ==, "dark");

  /* Back to the default font: the empty string. */
  adw_combo_row_set_selected (child (fixture, "font_row"), 0);
  g_free (font);
  font = g_settings_get_string (fixture->settings, "reader-font");
  g_assert_cmpstr (font, ==, "");
}

static void
test_keys_to_rows (Fixture *fixture, gconstpointer data G_GNUC_UNUSED)
{
  PangoAttrList *attrs;

  g_settings_set_string (fixture->settings, "reader-font", "monospace");
  g_assert_cmpstr (selected_label (child (fixture, "font_row")), ==, "Monospace");

  /* A family the row does not offer is added to it. */
  g_settings_set_string (fixture->settings, "reader-font", "DejaVu Serif");
  g_assert_cmpstr (selected_label (child (fixture, "font_row")), ==, "DejaVu Serif");

  g_settings_set_int (fixture->settings, "reader-font-size", 20);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (child (fixture, "size_spin")), ==, 20);
  g_settings_set_double (fixture->settings, "reader-line-spacing", 2.0);
  g_assert_cmpfloat_with_epsilon (gtk_spin_button_get_value (child (fixture, "spacing_spin")), 2.0,
                                  1e-9);
  g_settings_set_string (fixture->settings, "default-highlight-color", "purple");
  g_assert_cmpstr (selected_label (child (fixture, "color_row")), ==, "Purple");
  g_settings_set_string (fixture->settings, "color-scheme", "light");
  g_assert_cmpstr (selected_label (child (fixture, "style_row")), ==, "Light");

  /* The preview follows. */
  attrs = gtk_label_get_attributes (child (fixture, "preview_label"));
  g_assert_nonnull (attrs);
  {
    g_autofree char *text = pango_attr_list_to_string (attrs);

    g_assert_nonnull (strstr (text, "DejaVu Serif"));
    g_assert_nonnull (strstr (text, "line-height 2"));
  }
}

static void
test_archive (Fixture *fixture, gconstpointer data)
{
  AdwPreferencesRow *row = child (fixture, "archive_row");

  if (data != NULL)
    {
      g_assert_cmpstr (adw_preferences_row_get_title (row), ==, data);
      g_assert_true (adw_preferences_row_get_title_selectable (row));
      g_assert_true (gtk_widget_is_sensitive (child (fixture, "open_folder_button")));
    }
  else
    {
      g_assert_cmpstr (adw_preferences_row_get_title (row), ==, "In memory only, not saved");
      g_assert_false (gtk_widget_is_sensitive (child (fixture, "open_folder_button")));
    }
}

static void
test_style (Fixture *fixture, gconstpointer data G_GNUC_UNUSED)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();

  rostra_preferences_apply_style (fixture->settings);
  g_assert_cmpint (adw_style_manager_get_color_scheme (manager), ==, ADW_COLOR_SCHEME_DEFAULT);

  adw_combo_row_set_selected (child (fixture, "style_row"), 2);
  g_assert_cmpint (adw_style_manager_get_color_scheme (manager), ==, ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (adw_style_manager_get_dark (manager));

  g_settings_set_string (fixture->settings, "color-scheme", "light");
  g_assert_cmpint (adw_style_manager_get_color_scheme (manager), ==, ADW_COLOR_SCHEME_FORCE_LIGHT);
  g_assert_false (adw_style_manager_get_dark (manager));

  g_settings_reset (fixture->settings, "color-scheme");
  g_assert_cmpint (adw_style_manager_get_color_scheme (manager), ==, ADW_COLOR_SCHEME_DEFAULT);
}

static GtkTextTag *
lookup_tag (RostraReader *reader, const char *name)
{
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (
      gtk_text_view_get_buffer (rostra_reader_get_text_view (reader)));
  GtkTextTag *tag = gtk_text_tag_table_lookup (table, name);

  g_assert_nonnull (tag);
  return tag;
}

static void
test_reader (Fixture *fixture, gconstpointer data G_GNUC_UNUSED)
{
  RostraReader    *reader = g_object_ref_sink (rostra_reader_new ());
  g_autofree char *family = NULL;
  gboolean         family_set = TRUE;
  double           size = 0, scale = 0;
  float            line_height = 0;

  /* The defaults: the family of style.css, 13 points, 1.2. */
  g_object_get (lookup_tag (reader, "body"), "family-set", &family_set, "size-points", &size,
                "line-height", &line_height, "scale", &scale, NULL);
  g_assert_false (family_set);
  g_assert_cmpfloat_with_epsilon (size, 13, 1e-9);
  g_assert_cmpfloat_with_epsilon (line_height, 1.2, 1e-6);
  g_assert_cmpstr (rostra_reader_get_highlight_color (reader), ==, "yellow");

  /* The rows of the window, and the keys, change it at once. */
  adw_combo_row_set_selected (child (fixture, "font_row"), 1);
  gtk_spin_button_set_value (child (fixture, "size_spin"), 20);
  gtk_spin_button_set_value (child (fixture, "spacing_spin"), 2.0);
  g_assert_cmpstr (rostra_reader_get_font_family (reader), ==, "serif");
  g_assert_cmpint (rostra_reader_get_font_size (reader), ==, 20);
  g_assert_cmpfloat_with_epsilon (rostra_reader_get_line_spacing (reader), 2.0, 1e-9);

  for (guint i = 0; i < 3; i++)
    {
      const char *names[] = { "title", "meta", "body" };

      g_object_get (lookup_tag (reader, names[i]), "family", &family, "size-points", &size, NULL);
      g_assert_cmpstr (family, ==, "serif");
      g_assert_cmpfloat_with_epsilon (size, 20, 1e-9);
      g_clear_pointer (&family, g_free);
    }
  g_object_get (lookup_tag (reader, "body"), "line-height", &line_height, NULL);
  g_assert_cmpfloat_with_epsilon (line_height, 2.0, 1e-6);

  /* Zoom still scales on top of the size. */
  {
    double body_scale = 0;

    g_object_get (lookup_tag (reader, "body"), "scale", &body_scale, NULL);
    g_assert_cmpfloat_with_epsilon (body_scale, scale, 1e-9);
    rostra_reader_set_zoom (reader, 2.0);
    g_object_get (lookup_tag (reader, "body"), "scale", &body_scale, NULL);
    g_assert_cmpfloat_with_epsilon (body_scale, scale * 2, 1e-9);
    g_object_get (lookup_tag (reader, "body"), "size-points", &size, NULL);
    g_assert_cmpfloat_with_epsilon (size, 20, 1e-9);
  }

  /* Back to the default family. */
  g_settings_set_string (fixture->settings, "reader-font", "");
  g_assert_null (rostra_reader_get_font_family (reader));
  g_object_get (lookup_tag (reader, "body"), "family-set", &family_set, NULL);
  g_assert_false (family_set);

  /* The default highlight colour is Ctrl+H's, until one is picked. */
  adw_combo_row_set_selected (child (fixture, "color_row"), 1);
  g_assert_cmpstr (rostra_reader_get_highlight_color (reader), ==, "green");
  rostra_reader_set_highlight_color (reader, "red");
  g_assert_cmpstr (rostra_reader_get_highlight_color (reader), ==, "red");
  rostra_reader_set_highlight_color (reader, NULL);
  g_assert_cmpstr (rostra_reader_get_highlight_color (reader), ==, "green");
  {
    g_autoptr (GPtrArray) buttons = g_ptr_array_new ();
    guint n_current = 0;

    /* The popover rings the colour's button. */
    rostra_test_collect_widgets (GTK_WIDGET (reader), GTK_TYPE_BUTTON, "color-button", buttons);
    g_assert_cmpuint (buttons->len, ==, 5);
    for (guint i = 0; i < buttons->len; i++)
      if (gtk_widget_has_css_class (buttons->pdata[i], "current"))
        {
          n_current++;
          g_assert_true (gtk_widget_has_css_class (buttons->pdata[i], "green"));
        }
    g_assert_cmpuint (n_current, ==, 1);
  }
  {
    RostraReader *other = g_object_ref_sink (rostra_reader_new ());

    g_assert_cmpstr (rostra_reader_get_highlight_color (other), ==, "green");
    g_object_unref (other);
  }

  g_object_unref (reader);
}

int
main (int argc, char **argv)
{
  g_autofree char *archive = NULL;

  rostra_test_ui_init (&argc, &argv);
  archive = g_build_filename (rostra_test_tmpdir (), "data", "rostra", "archive.db", NULL);

#define ADD(path, func, data) \
  g_test_add ("/preferences/" path, Fixture, data, fixture_set_up, func, fixture_tear_down)

  ADD ("defaults", test_defaults, archive);
  ADD ("rows-to-keys", test_rows_to_keys, archive);
  ADD ("keys-to-rows", test_keys_to_rows, archive);
  ADD ("archive", test_archive, archive);
  ADD ("archive-in-memory", test_archive, NULL);
  ADD ("style", test_style, archive);
  ADD ("reader", test_reader, archive);

#undef ADD

  return g_test_run ();
}
