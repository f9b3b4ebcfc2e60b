/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-selection-popover.c: the popover over a selection of the
 * reader's text: a button per highlight colour (the one Ctrl+H uses
 * ringed), "Add Note" and "Copy as Quotation". Its buttons are actions of
 * the reader it is a child of (reader.highlight-in, reader.highlight-
 * with-note, reader.copy-quotation): it decides nothing itself. */

#include "config.h"

#include <glib/gi18n.h>

#include "rostra-palette.h"
#include "rostra-selection-popover.h"
#include "rostra-store.h"
#include "rostra-ui-utils.h"

struct _RostraSelectionPopover
{
  GtkPopover parent_instance;

  GtkBox *color_box;
};

G_DEFINE_FINAL_TYPE (RostraSelectionPopover, rostra_selection_popover, GTK_TYPE_POPOVER)

/* One button per colour of the palette, each for reader.highlight-in. */
static void
fill_color_box (RostraSelectionPopover *self)
{
  const char *const *colors = rostra_annotation_colors ();

  for (guint i = 0; colors[i] != NULL; i++)
    {
      GtkWidget  *button;
      const char *label;

      if (rostra_palette_lookup (colors[i]) == NULL)
        continue;

      label = rostra_annotation_color_label (colors[i]);
      button = gtk_button_new ();
      gtk_widget_add_css_class (button, "color-button");
      gtk_widget_add_css_class (button, colors[i]);
      gtk_widget_set_tooltip_text (button, label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                      -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "reader.highlight-in");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", colors[i]);
      gtk_box_append (self->color_box, button);
    }
}

static void
rostra_selection_popover_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), ROSTRA_TYPE_SELECTION_POPOVER);
  G_OBJECT_CLASS (rostra_selection_popover_parent_class)->dispose (object);
}

static void
rostra_selection_popover_class_init (RostraSelectionPopoverClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = rostra_selection_popover_dispose;
  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/rostra/Rostra/rostra-selection-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, RostraSelectionPopover, color_box);
}

static void
rostra_selection_popover_init (RostraSelectionPopover *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  fill_color_box (self);
  rostra_ui_name_controls (GTK_WIDGET (self));
}

/* The colour buttons of the popover show which one Ctrl+H uses. */
/**
 * rostra_selection_popover_set_current_color:
 * @color: the colour Ctrl+H highlights in
 *
 * Rings that colour's button, and says so to screen readers.
 */
void
rostra_selection_popover_set_current_color (RostraSelectionPopover *self, const char *color)
{
  g_return_if_fail (ROSTRA_IS_SELECTION_POPOVER (self));

  for (GtkWidget *button = gtk_widget_get_first_child (GTK_WIDGET (self->color_box));
       button != NULL; button = gtk_widget_get_next_sibling (button))
    {
      GVariant *target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (button));
      gboolean  current =
          target != NULL && g_strcmp0 (g_variant_get_string (target, NULL), color) == 0;

      /* Said as well as shown. */
      if (current)
        {
          gtk_widget_add_css_class (button, "current");
          gtk_accessible_update_property (
              GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
              _("The colour Ctrl+H uses"), GTK_ACCESSIBLE_PROPERTY_KEY_SHORTCUTS, "Control+H", -1);
        }
      else
        {
          gtk_widget_remove_css_class (button, "current");
          gtk_accessible_reset_property (GTK_ACCESSIBLE (button),
                                         GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
          gtk_accessible_reset_property (GTK_ACCESSIBLE (button),
                                         GTK_ACCESSIBLE_PROPERTY_KEY_SHORTCUTS);
        }
    }
}
