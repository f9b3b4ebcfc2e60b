/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-preferences.c: the Preferences window.
 *
 * Every row is bound to a key of the GSettings schema, so changes apply
 * at once, both ways: the reader follows reader-font, reader-font-size,
 * reader-line-spacing and default-highlight-color by itself, and
 * rostra_preferences_apply_style() makes AdwStyleManager follow
 * color-scheme. The archive's path is only shown, with a button that
 * opens its folder.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rostra-preferences.h"
#include "rostra-store.h"
#include "rostra-ui-utils.h"

/* The nicks of the color-scheme key, in the order of the style row. */
static const char *const color_schemes[] = { "default", "light", "dark" };

/* The reader's body text is this much larger than its font size, as
 * BODY_SCALE in rostra-reader.c. */
#define PREVIEW_SCALE 1.15

struct _RostraPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  GSettings *settings;
  char      *archive_path;
  GPtrArray *families; /* the reader-font values of the font row's items */
  gboolean   updating_font;

  AdwComboRow   *font_row;
  GtkSpinButton *size_spin;
  GtkSpinButton *spacing_spin;
  GtkLabel      *preview_label;
  AdwComboRow   *color_row;
  AdwComboRow   *style_row;
  AdwActionRow  *archive_row;
  GtkButton     *open_folder_button;
};

G_DEFINE_FINAL_TYPE (RostraPreferencesWindow,
                     rostra_preferences_window,
                     ADW_TYPE_PREFERENCES_WINDOW)

/* Mappings between the keys and the rows */

static guint
find_nick (const char *const *nicks, const char *nick)
{
  for (guint i = 0; nicks[i] != NULL; i++)
    if (g_strcmp0 (nicks[i], nick) == 0)
      return i;
  return G_MAXUINT;
}

/* An enum key, a string, to the position of the nick in @user_data. */
static gboolean
nick_to_selected (GValue *value, GVariant *variant, gpointer user_data)
{
  guint position = find_nick (user_data, g_variant_get_string (variant, NULL));

  if (position == G_MAXUINT)
    return FALSE;
  g_value_set_uint (value, position);
  return TRUE;
}

static GVariant *
selected_to_nick (const GValue                     *value,
                  const GVariantType *expected_type G_GNUC_UNUSED,
                  gpointer                          user_data)
{
  const char *const *nicks = user_data;
  guint              position = g_value_get_uint (value);

  if (position >= g_strv_length ((char **) nicks))
    return NULL;
  return g_variant_new_string (nicks[position]);
}

static gboolean
int_to_double (GValue *value, GVariant *variant, gpointer user_data G_GNUC_UNUSED)
{
  g_value_set_double (value, g_variant_get_int32 (variant));
  return TRUE;
}

static GVariant *
double_to_int (const GValue                     *value,
               const GVariantType *expected_type G_GNUC_UNUSED,
               gpointer user_data                G_GNUC_UNUSED)
{
  return g_variant_new_int32 ((gint32) (g_value_get_double (value) + 0.5));
}

static gboolean
nick_to_color_scheme (GValue *value, GVariant *variant, gpointer user_data G_GNUC_UNUSED)
{
  static const AdwColorScheme schemes[] = { ADW_COLOR_SCHEME_DEFAULT, ADW_COLOR_SCHEME_FORCE_LIGHT,
                                            ADW_COLOR_SCHEME_FORCE_DARK };
  guint position = find_nick (color_schemes, g_variant_get_string (variant, NULL));

  if (position >= G_N_ELEMENTS (schemes))
    return FALSE;
  g_value_set_enum (value, schemes[position]);
  return TRUE;
}

/**
 * rostra_preferences_apply_style:
 * @settings: the application's settings, of the io.github.rostra.Rostra schema
 *
 * Makes the style of the whole application, adw_style_manager_get_default(),
 * follow the color-scheme key from now on: "default" follows the system,
 * "light" and "dark" force one. Call it once, at startup, after
 * adw_init() (AdwApplication's startup does that).
 */
void
rostra_preferences_apply_style (GSettings *settings)
{
  g_return_if_fail (G_IS_SETTINGS (settings));

  g_settings_bind_with_mapping (settings, "color-scheme", adw_style_manager_get_default (),
                                "color-scheme", G_SETTINGS_BIND_GET, nick_to_color_scheme, NULL,
                                NULL, NULL);
}

/* The font row */

static void
add_family (RostraPreferencesWindow *self,
            GtkStringList           *labels,
            const char              *label,
            const char              *family)
{
  for (guint i = 0; i < self->families->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->families, i), family) == 0)
      return;
  gtk_string_list_append (labels, label);
  g_ptr_array_add (self->families, g_strdup (family));
}

/* The family of the desktop's document font, if it has one. */
static char *
dup_document_family (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = NULL;
  g_autoptr (GSettings) interface = NULL;
  g_autoptr (PangoFontDescription) description = NULL;
  g_autofree char *name = NULL;
  const char      *family;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, "org.gnome.desktop.interface", TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, "document-font-name"))
    return NULL;

  interface = g_settings_new ("org.gnome.desktop.interface");
  name = g_settings_get_string (interface, "document-font-name");
  description = pango_font_description_from_string (name);
  family = pango_font_description_get_family (description);
  return family != NULL && *family != '\0' ? g_strdup (family) : NULL;
}

/* Default, serif, sans and monospace, the document font, then the
 * family of the key if it is none of those. */
static void
fill_font_row (RostraPreferencesWindow *self)
{
  g_autoptr (GtkStringList) labels = gtk_string_list_new (NULL);
  g_autofree char *document = dup_document_family ();
  g_autofree char *current = g_settings_get_string (self->settings, "reader-font");

  /* Translators: the reader's font: its default, Cantarell. */
  add_family (self, labels, C_ ("font", "Default"), "");
  add_family (self, labels, C_ ("font", "Serif"), "serif");
  add_family (self, labels, C_ ("font", "Sans Serif"), "sans-serif");
  add_family (self, labels, C_ ("font", "Monospace"), "monospace");
  if (document != NULL)
    add_family (self, labels, document, document);
  if (*current != '\0')
    add_family (self, labels, current, current);

  adw_combo_row_set_model (self->font_row, G_LIST_MODEL (labels));
}

static void
update_font_row (RostraPreferencesWindow *self)
{
  g_autofree char *current = g_settings_get_string (self->settings, "reader-font");
  guint            position = G_MAXUINT;

  for (guint i = 0; i < self->families->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->families, i), current) == 0)
      position = i;

  if (position == G_MAXUINT)
    {
      GtkStringList *labels = GTK_STRING_LIST (adw_combo_row_get_model (self->font_row));

      position = self->families->len;
      self->updating_font = TRUE;
      add_family (self, labels, current, current);
      self->updating_font = FALSE;
    }

  self->updating_font = TRUE;
  adw_combo_row_set_selected (self->font_row, position);
  self->updating_font = FALSE;
}

static void
on_font_selected (RostraPreferencesWindow *self)
{
  guint position = adw_combo_row_get_selected (self->font_row);

  if (self->updating_font || position >= self->families->len)
    return;
  g_settings_set_string (self->settings, "reader-font",
                         g_ptr_array_index (self->families, position));
}

/* The preview, in the reader's font, size and spacing. */
static void
update_preview (RostraPreferencesWindow *self)
{
  g_autofree char *family = g_settings_get_string (self->settings, "reader-font");
  int              size = g_settings_get_int (self->settings, "reader-font-size");
  double           spacing = g_settings_get_double (self->settings, "reader-line-spacing");
  PangoAttrList   *attrs = pango_attr_list_new ();

  /* The default is the one of textview.reader in style.css. */
  pango_attr_list_insert (attrs, pango_attr_family_new (*family != '\0' ? family : "Cantarell"));
  pango_attr_list_insert (attrs, pango_attr_size_new ((int) (size * PREVIEW_SCALE * PANGO_SCALE)));
  pango_attr_list_insert (attrs, pango_attr_line_height_new (spacing));
  gtk_label_set_attributes (self->preview_label, attrs);
  pango_attr_list_unref (attrs);
}

static void
on_settings_changed (RostraPreferencesWindow *self,
                     const char              *key,
                     GSettings *settings      G_GNUC_UNUSED)
{
  if (g_strcmp0 (key, "reader-font") == 0)
    update_font_row (self);
  if (g_str_has_prefix (key, "reader-"))
    update_preview (self);
}

/* The archive */

static void
open_folder_action (GtkWidget              *widget,
                    const char *action_name G_GNUC_UNUSED,
                    GVariant *parameter     G_GNUC_UNUSED)
{
  RostraPreferencesWindow *self = ROSTRA_PREFERENCES_WINDOW (widget);
  g_autoptr (GFile) file = NULL;
  g_autoptr (GFile) folder = NULL;
  g_autofree char *uri = NULL;

  if (self->archive_path == NULL)
    return;

  file = g_file_new_for_path (self->archive_path);
  if (g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_DIRECTORY)
    folder = g_object_ref (file);
  else
    folder = g_file_get_parent (file);
  if (folder == NULL)
    return;

  uri = g_file_get_uri (folder);
  /* Deprecated in GTK 4.10 for GtkFileLauncher, which 4.8 lacks. */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_show_uri (GTK_WINDOW (self), uri, GDK_CURRENT_TIME);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static gboolean
is_file_path (const char *path)
{
  return path != NULL && *path != '\0' && g_strcmp0 (path, ":memory:") != 0;
}

static void
set_archive_path (RostraPreferencesWindow *self, const char *path)
{
  g_free (self->archive_path);
  self->archive_path = is_file_path (path) ? g_strdup (path) : NULL;

  if (self->archive_path != NULL)
    {
      g_autofree char *display = g_filename_display_name (self->archive_path);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->archive_row), display);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->archive_row), display);
    }
  else
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->archive_row),
                                   _("In memory only, not saved"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preferences.open-folder",
                                 self->archive_path != NULL);
}

/* The window */

static void
rostra_preferences_window_dispose (GObject *object)
{
  RostraPreferencesWindow *self = ROSTRA_PREFERENCES_WINDOW (object);

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), ROSTRA_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (rostra_preferences_window_parent_class)->dispose (object);
}

static void
rostra_preferences_window_finalize (GObject *object)
{
  RostraPreferencesWindow *self = ROSTRA_PREFERENCES_WINDOW (object);

  g_free (self->archive_path);
  g_ptr_array_unref (self->families);

  G_OBJECT_CLASS (rostra_preferences_window_parent_class)->finalize (object);
}

static void
rostra_preferences_window_class_init (RostraPreferencesWindowClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rostra_preferences_window_dispose;
  object_class->finalize = rostra_preferences_window_finalize;

  /* Announced as a dialog, not as one more application window. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_DIALOG);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rostra/Rostra/rostra-preferences.ui");
  gtk_widget_class_bind_template_child (widget_class, RostraPreferencesWindow, font_row);
  gtk_widget_class_bind_template_child (widget_class, RostraPreferencesWindow, size_spin);
  gtk_widget_class_bind_template_child (widget_class, RostraPreferencesWindow, spacing_spin);
  gtk_widget_class_bind_template_child (widget_class, RostraPreferencesWindow, preview_label);
  gtk_widget_class_bind_template_child (widget_class, RostraPreferencesWindow, color_row);
  gtk_widget_class_bind_template_child (widget_class, RostraPreferencesWindow, style_row);
  gtk_widget_class_bind_template_child (widget_class, RostraPreferencesWindow, archive_row);
  gtk_widget_class_bind_template_child (widget_class, RostraPreferencesWindow, open_folder_button);

  gtk_widget_class_install_action (widget_class, "preferences.open-folder", NULL,
                                   open_folder_action);
}

static void
rostra_preferences_window_init (RostraPreferencesWindow *self)
{
  const char *const *colors = rostra_annotation_colors ();
  g_autoptr (GtkStringList) color_labels = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  rostra_ui_name_controls (GTK_WIDGET (self));

  self->families = g_ptr_array_new_with_free_func (g_free);
  self->settings = g_settings_new (APP_ID);

  fill_font_row (self);
  update_font_row (self);
  g_signal_connect_swapped (self->font_row, "notify::selected", G_CALLBACK (on_font_selected),
                            self);

  g_settings_bind_with_mapping (self->settings, "reader-font-size", self->size_spin, "value",
                                G_SETTINGS_BIND_DEFAULT, int_to_double, double_to_int, NULL, NULL);
  g_settings_bind (self->settings, "reader-line-spacing", self->spacing_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);

  for (guint i = 0; colors[i] != NULL; i++)
    gtk_string_list_append (color_labels, rostra_annotation_color_label (colors[i]));
  adw_combo_row_set_model (self->color_row, G_LIST_MODEL (color_labels));
  g_settings_bind_with_mapping (self->settings, "default-highlight-color", self->color_row,
                                "selected", G_SETTINGS_BIND_DEFAULT, nick_to_selected,
                                selected_to_nick, (gpointer) colors, NULL);

  g_settings_bind_with_mapping (self->settings, "color-scheme", self->style_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, nick_to_selected, selected_to_nick,
                                (gpointer) color_schemes, NULL);

  g_signal_connect_swapped (self->settings, "changed", G_CALLBACK (on_settings_changed), self);
  update_preview (self);
  set_archive_path (self, NULL);
}

/**
 * rostra_preferences_window_new:
 * @parent: (nullable): the window it is transient for, and modal to
 * @archive_path: (nullable): the archive's file, as rostra_store_get_path()
 *   gives it; %NULL or ":memory:" for an archive in memory
 *
 * Returns: (transfer floating): a new Preferences window, to present
 */
GtkWidget *
rostra_preferences_window_new (GtkWindow *parent, const char *archive_path)
{
  RostraPreferencesWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  self = g_object_new (ROSTRA_TYPE_PREFERENCES_WINDOW, "transient-for", parent, NULL);
  set_archive_path (self, archive_path);
  return GTK_WIDGET (self);
}
