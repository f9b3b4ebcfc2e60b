/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-reader-actions.c: the reader.* actions and their shortcuts:
 * zoom, highlight (in a colour, with a note), copy as a quotation, and
 * the next and previous search match. */

#include "config.h"

#include "rostra-reader-private.h"

static void
zoom_in_action (GtkWidget              *widget,
                const char *action_name G_GNUC_UNUSED,
                GVariant *parameter     G_GNUC_UNUSED)
{
  RostraReader *self = ROSTRA_READER (widget);

  rostra_reader_set_zoom (self, _rostra_reader_round_zoom (self->zoom + ZOOM_STEP));
}

static void
zoom_out_action (GtkWidget              *widget,
                 const char *action_name G_GNUC_UNUSED,
                 GVariant *parameter     G_GNUC_UNUSED)
{
  RostraReader *self = ROSTRA_READER (widget);

  rostra_reader_set_zoom (self, _rostra_reader_round_zoom (self->zoom - ZOOM_STEP));
}

static void
zoom_reset_action (GtkWidget              *widget,
                   const char *action_name G_GNUC_UNUSED,
                   GVariant *parameter     G_GNUC_UNUSED)
{
  rostra_reader_set_zoom (ROSTRA_READER (widget), ZOOM_DEFAULT);
}

static void
copy_quotation_action (GtkWidget              *widget,
                       const char *action_name G_GNUC_UNUSED,
                       GVariant *parameter     G_GNUC_UNUSED)
{
  g_autofree char *quotation = rostra_reader_dup_quotation (ROSTRA_READER (widget));

  _rostra_reader_hide_selection_popover (ROSTRA_READER (widget));
  if (quotation == NULL)
    {
      gtk_widget_error_bell (widget);
      return;
    }
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), quotation);
}

static void
highlight_action (GtkWidget              *widget,
                  const char *action_name G_GNUC_UNUSED,
                  GVariant *parameter     G_GNUC_UNUSED)
{
  RostraReader *self = ROSTRA_READER (widget);

  _rostra_reader_request_highlight (self, self->highlight_color, FALSE);
}

static void
highlight_with_note_action (GtkWidget              *widget,
                            const char *action_name G_GNUC_UNUSED,
                            GVariant *parameter     G_GNUC_UNUSED)
{
  RostraReader *self = ROSTRA_READER (widget);

  _rostra_reader_request_highlight (self, self->highlight_color, TRUE);
}

static void
highlight_in_action (GtkWidget *widget, const char *action_name G_GNUC_UNUSED, GVariant *parameter)
{
  const char *color = g_variant_get_string (parameter, NULL);

  if (!_rostra_reader_is_highlight_color (color))
    {
      g_warning ("“%s” is not a highlight colour", color);
      return;
    }
  _rostra_reader_request_highlight (ROSTRA_READER (widget), color, FALSE);
}

static void
next_match_action (GtkWidget              *widget,
                   const char *action_name G_GNUC_UNUSED,
                   GVariant *parameter     G_GNUC_UNUSED)
{
  if (!rostra_reader_next_match (ROSTRA_READER (widget)))
    gtk_widget_error_bell (widget);
}

static void
previous_match_action (GtkWidget              *widget,
                       const char *action_name G_GNUC_UNUSED,
                       GVariant *parameter     G_GNUC_UNUSED)
{
  if (!rostra_reader_previous_match (ROSTRA_READER (widget)))
    gtk_widget_error_bell (widget);
}

void
_rostra_reader_class_init_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "reader.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_install_action (widget_class, "reader.zoom-out", NULL, zoom_out_action);
  gtk_widget_class_install_action (widget_class, "reader.zoom-reset", NULL, zoom_reset_action);
  gtk_widget_class_install_action (widget_class, "reader.copy-quotation", NULL,
                                   copy_quotation_action);
  gtk_widget_class_install_action (widget_class, "reader.highlight", NULL, highlight_action);
  gtk_widget_class_install_action (widget_class, "reader.highlight-with-note", NULL,
                                   highlight_with_note_action);
  gtk_widget_class_install_action (widget_class, "reader.highlight-in", "s", highlight_in_action);
  gtk_widget_class_install_action (widget_class, "reader.next-match", NULL, next_match_action);
  gtk_widget_class_install_action (widget_class, "reader.previous-match", NULL,
                                   previous_match_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK,
                                       "reader.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK,
                                       "reader.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK,
                                       "reader.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK,
                                       "reader.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK,
                                       "reader.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK,
                                       "reader.zoom-reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0, GDK_CONTROL_MASK,
                                       "reader.zoom-reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK,
                                       "reader.next-match", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "reader.previous-match", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_h, GDK_CONTROL_MASK,
                                       "reader.highlight", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "reader.highlight-with-note", NULL);
}
