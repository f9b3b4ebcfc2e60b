/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-ui-utils.c: small helpers the widgets share. */

#include "config.h"

#include <string.h>

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

static void
name_control (GtkWidget *widget)
{
  const char *tooltip = gtk_widget_get_tooltip_text (widget);

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
      if (placeholder != NULL)
        set_name (widget, placeholder);
      return;
    }

  if (tooltip != NULL &&
      (GTK_IS_MENU_BUTTON (widget) || GTK_IS_DROP_DOWN (widget) || GTK_IS_SEARCH_ENTRY (widget) ||
       (GTK_IS_BUTTON (widget) && !has_label_child (widget))))
    {
      g_autofree char *name = name_from_tooltip (tooltip);

      set_name (widget, name);
    }
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
