/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-ui-utils.c: small helpers the widgets share. */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "rostra-palette.h"
#include "rostra-ui-utils.h"

/* The name a screen reader says for an icon-only control: its tooltip
 * without the shortcut in brackets ("Import a Dump (Ctrl+O)" → "Import a
 * Dump"); the whole tooltip stays its description. */
static char *
name_from_tooltip (const char *tooltip)
{
  const char *bracket = strrchr (tooltip, '(');
  gsize       len = strlen (tooltip);

  if (bracket != NULL && bracket > tooltip && tooltip[len - 1] == ')')
    len = bracket - tooltip;
  return g_strstrip (g_strndup (tooltip, len));
}

/* @text without the underscore of its mnemonic, when it has one. */
static char *
strip_mnemonic (const char *text, gboolean use_underline)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text != NULL ? text : ""; *p != '\0'; p++)
    {
      if (use_underline && *p == '_')
        {
          if (p[1] == '_')
            p++;
          else
            continue;
        }
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static gboolean
has_label_child (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LABEL (child) || has_label_child (child))
      return TRUE;
  return FALSE;
}

static void
set_name (GtkWidget *widget, const char *name)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  /* A drop-down is reached through a button inside it, which GTK 4.8
   * leaves nameless (a menu button's inner button takes the outer name). */
  if (GTK_IS_DROP_DOWN (widget))
    {
      GtkWidget *inner = gtk_widget_get_first_child (widget);

      if (inner != NULL && GTK_IS_BUTTON (inner))
        gtk_accessible_update_property (GTK_ACCESSIBLE (inner), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                        -1);
    }
}

/* Names for the icons of buttons the toolkit builds without a tooltip
 * (libadwaita's About window, GTK's Keyboard Shortcuts window). */
static const struct
{
  const char *icon;
  const char *name;
} icon_names[] = {
  { "go-previous-symbolic", N_ ("Back") },
    { "go-next-symbolic", N_ ("Forward") },
      { "edit-find-symbolic", N_ ("Search") },
        { "system-search-symbolic", N_ ("Search") },
          { "open-menu-symbolic", N_ ("Menu") },
            { "window-close-symbolic", N_ ("Close") },
              { "adw-external-link-symbolic", N_ ("Open Link") },
            };

/* The icon a button shows, directly or as its only image. */
static const char *
button_icon_name (GtkWidget *button)
{
  GtkWidget *child;

  if (GTK_IS_BUTTON (button) && gtk_button_get_icon_name (GTK_BUTTON (button)) != NULL)
    return gtk_button_get_icon_name (GTK_BUTTON (button));
  if (GTK_IS_MENU_BUTTON (button) && gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (button)))
    return gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (button));
  for (child = gtk_widget_get_first_child (button); child != NULL;
       child = gtk_widget_get_first_child (child))
    if (GTK_IS_IMAGE (child))
      return gtk_image_get_icon_name (GTK_IMAGE (child));
  return NULL;
}

/* The text of the labels under @widget, in order, joined by spaces. */
static void
append_label_text (GtkWidget *widget, GString *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && gtk_widget_get_visible (child))
        {
          const char *label = gtk_label_get_text (GTK_LABEL (child));

          if (*label != '\0')
            g_string_append_printf (text, "%s%s", text->len > 0 ? " " : "", label);
        }
      else
        append_label_text (child, text);
    }
}

/* The text of the first label under @widget, or %NULL. */
static const char *
first_label_text (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *text =
          GTK_IS_LABEL (child) ? gtk_label_get_text (GTK_LABEL (child)) : first_label_text (child);

      if (text != NULL && *text != '\0')
        return text;
    }
  return NULL;
}

/* A button GTK 4.8 leaves nameless: without a tooltip, a label of its
 * own or a mnemonic, but with text inside (a custom child) or an icon it
 * knows. */
static void
name_from_contents (GtkWidget *widget)
{
  g_autoptr (GString) text = g_string_new (NULL);
  const char *icon = button_icon_name (widget);

  if (GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) != NULL)
    return;
  append_label_text (widget, text);
  if (text->len > 0)
    {
      set_name (widget, text->str);
      return;
    }
  for (guint i = 0; icon != NULL && i < G_N_ELEMENTS (icon_names); i++)
    if (g_str_equal (icon, icon_names[i].icon))
      {
        set_name (widget, _(icon_names[i].name));
        return;
      }
  /* The Keyboard Shortcuts window's switcher, whose label stays empty
   * while there is one section (it is then on a page not shown). */
  if (GTK_IS_MENU_BUTTON (widget) &&
      gtk_widget_get_ancestor (widget, GTK_TYPE_SHORTCUTS_WINDOW) != NULL)
    set_name (widget, _("Sections"));
}

static void
name_control (GtkWidget *widget)
{
  const char *tooltip = gtk_widget_get_tooltip_text (widget);

  /* A view switcher's tab (libadwaita 1.2) is named by its page's title
   * and again by each of its two labels (wide and narrow): the title
   * alone is its name. */
  if (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget)) == GTK_ACCESSIBLE_ROLE_TAB)
    {
      const char *title = first_label_text (widget);

      gtk_accessible_reset_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
      if (title != NULL)
        set_name (widget, title);
      return;
    }

  /* A button with a mnemonic label: GTK 4.8 names it by the label's text
   * with the underscore and again by the label ("_Open Open"); the label
   * alone is its name. */
  if (GTK_IS_BUTTON (widget) && gtk_button_get_use_underline (GTK_BUTTON (widget)))
    {
      gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL);
      return;
    }

  if (GTK_IS_SEARCH_ENTRY (widget) && tooltip == NULL)
    {
      g_autofree char *placeholder = NULL;

      g_object_get (widget, "placeholder-text", &placeholder, NULL);
      /* libadwaita's own (the preferences window's) has neither. */
      set_name (widget, placeholder != NULL && *placeholder != '\0' ? placeholder : _("Search"));
      return;
    }

  /* A drop-down in a row without a tooltip: the row's title says it. */
  if (GTK_IS_DROP_DOWN (widget) && tooltip == NULL)
    {
      GtkWidget *row = gtk_widget_get_ancestor (widget, ADW_TYPE_PREFERENCES_ROW);

      if (row != NULL)
        {
          g_autofree char *title =
              strip_mnemonic (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                              adw_preferences_row_get_use_underline (ADW_PREFERENCES_ROW (row)));

          set_name (widget, title);
        }
      return;
    }

  if (tooltip != NULL &&
      (GTK_IS_MENU_BUTTON (widget) || GTK_IS_DROP_DOWN (widget) || GTK_IS_SEARCH_ENTRY (widget) ||
       (GTK_IS_BUTTON (widget) && !has_label_child (widget))))
    {
      g_autofree char *name = name_from_tooltip (tooltip);

      set_name (widget, name);
      return;
    }

  /* The inner button of a menu button takes the outer's name. */
  if (tooltip == NULL &&
      (GTK_IS_MENU_BUTTON (widget) ||
       (GTK_IS_BUTTON (widget) && !GTK_IS_MENU_BUTTON (gtk_widget_get_parent (widget)))))
    name_from_contents (widget);
}

/**
 * rostra_ui_name_controls:
 * @root: a widget, after its template is built
 *
 * Gives every control under @root that has no text of its own (icon-only
 * buttons, menu buttons, drop-downs, search entries) the name a screen
 * reader says, from its tooltip or placeholder, and names buttons with a
 * mnemonic by their label alone. Call it at the end of a widget's init;
 * test-accessibility fails on any control left without a proper name.
 */
void
rostra_ui_name_controls (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  name_control (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    rostra_ui_name_controls (child);
}

/**
 * rostra_ui_set_row_name:
 * @row: the child of a list view's item
 * @name: (nullable): what a screen reader says for the row, %NULL for nothing
 *
 * Names @row and the list item holding it: the item is what takes the
 * focus and what a screen reader announces (GTK 4.8 has no accessible
 * label for a #GtkListItem).
 */
void
rostra_ui_set_row_name (GtkWidget *row, const char *name)
{
  GtkWidget *item = gtk_widget_get_parent (row);
  GtkWidget *targets[] = { row, NULL };

  g_return_if_fail (GTK_IS_WIDGET (row));

  if (item != NULL &&
      gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (item)) == GTK_ACCESSIBLE_ROLE_LIST_ITEM)
    targets[1] = item;
  for (guint i = 0; i < G_N_ELEMENTS (targets) && targets[i] != NULL; i++)
    {
      if (name != NULL)
        gtk_accessible_update_property (GTK_ACCESSIBLE (targets[i]), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        name, -1);
      else
        gtk_accessible_reset_property (GTK_ACCESSIBLE (targets[i]), GTK_ACCESSIBLE_PROPERTY_LABEL);
    }
}

/**
 * rostra_ui_add_toast:
 * @overlay: where the toast shows
 * @message: plain text (a toast's title is markup: it is escaped here)
 * @timeout: seconds it shows, 0 until dismissed
 *
 * Returns: (transfer none): the toast, which @overlay holds
 */
AdwToast *
rostra_ui_add_toast (AdwToastOverlay *overlay, const char *message, guint timeout)
{
  g_autofree char *markup = g_markup_escape_text (message, -1);
  AdwToast        *toast = adw_toast_new (markup);

  /* Normal priority, in turn: libadwaita 1.2 fails an assertion when a
   * toast that a high-priority one pushed back is shown again too soon. */
  adw_toast_set_timeout (toast, timeout);
  adw_toast_overlay_add_toast (overlay, toast);
  return toast;
}

/**
 * rostra_ui_casefold:
 * @text: (nullable): UTF-8 text
 *
 * Returns: (transfer full): @text normalised (compatibility forms too) and
 *   case folded, to compare names and filter lists as the user means
 */
char *
rostra_ui_casefold (const char *text)
{
  g_autofree char *normalized = g_utf8_normalize (text ? text : "", -1, G_NORMALIZE_ALL);

  return g_utf8_casefold (normalized ? normalized : "", -1);
}

/**
 * rostra_ui_load_palette_css:
 * @display: the display the windows are on
 *
 * Gives the widgets of the highlight colours (the bar beside an
 * annotation, the colour buttons) their colours, from the palette of the
 * core, the one that the reader, the print-out and the exports use too.
 */
void
rostra_ui_load_palette_css (GdkDisplay *display)
{
  g_autoptr (GtkCssProvider) provider = gtk_css_provider_new ();
  g_autoptr (GString) css = g_string_new (NULL);
  guint                     n_colors;
  const RostraPaletteColor *colors = rostra_palette_get_colors (&n_colors);

  for (guint i = 0; i < n_colors; i++)
    {
      g_autofree char *rules = rostra_palette_dup_css (
          &colors[i], ".annotation-mark.{name} { background: {hex}; }\n"
                      "button.color-button.{name} { background-color: {hex}; }\n");

      g_string_append (css, rules);
    }
  /* Deprecated in GTK 4.12 for gtk_css_provider_load_from_string(), which 4.8 lacks. */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_css_provider_load_from_data (provider, css->str, (gssize) css->len);
  G_GNUC_END_IGNORE_DEPRECATIONS
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}
