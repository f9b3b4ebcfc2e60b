/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-reader-selection.c: selecting in the reader, by mouse or keyboard
 * (a visible caret while the reader has the focus), snapped to whole
 * words on release unless Alt is held, and the popover over a selection
 * with the highlight colours, a note and a quotation to copy. */

#include "config.h"

#include <glib/gi18n.h>

#include "rostra-palette.h"
#include "rostra-reader-private.h"
#include "rostra-store.h"
#include "rostra-text.h"

/* The selection popover */

static void
update_selection_actions (RostraReader *self)
{
  int has_text_selection = rostra_reader_get_selection (self, NULL, NULL);

  if (has_text_selection == self->has_text_selection)
    return;

  self->has_text_selection = has_text_selection;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reader.highlight", has_text_selection);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reader.highlight-with-note",
                                 has_text_selection);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reader.highlight-in", has_text_selection);
}

void
_rostra_reader_on_mark_set (RostraReader               *self,
                            const GtkTextIter *location G_GNUC_UNUSED,
                            GtkTextMark                *mark,
                            GtkTextBuffer              *buffer)
{
  if (mark == gtk_text_buffer_get_insert (buffer) ||
      mark == gtk_text_buffer_get_selection_bound (buffer))
    update_selection_actions (self);
}

void
_rostra_reader_hide_selection_popover (RostraReader *self)
{
  if (self->selection_popover != NULL &&
      gtk_widget_get_visible (GTK_WIDGET (self->selection_popover)))
    gtk_popover_popdown (self->selection_popover);
}

/* Shows the popover over the selected part of the article text, if any. */
static gboolean
show_selection_popover (RostraReader *self)
{
  GdkRectangle rect, last_rect, visible;
  GtkTextIter  start, last;
  double       x, y;
  guint        start_offset, end_offset;

  if (!rostra_reader_get_selection (self, &start_offset, &end_offset) ||
      gtk_widget_get_width (GTK_WIDGET (self->text_view)) <= 0 ||
      gtk_widget_get_height (GTK_WIDGET (self->text_view)) <= 0)
    return FALSE;

  _rostra_reader_get_text_iter (self, &start, (int) start_offset);
  _rostra_reader_get_text_iter (self, &last, (int) end_offset - 1);
  gtk_text_view_get_iter_location (self->text_view, &start, &rect);
  gtk_text_view_get_iter_location (self->text_view, &last, &last_rect);
  gdk_rectangle_union (&rect, &last_rect, &rect);

  /* Only what shows of it; or the end of the selection, where the
   * keyboard left it. */
  gtk_text_view_get_visible_rect (self->text_view, &visible);
  visible.width = MAX (visible.width, 1);
  visible.height = MAX (visible.height, 1);
  if (!gdk_rectangle_intersect (&rect, &visible, &rect))
    {
      rect = last_rect;
      rect.x = CLAMP (rect.x, visible.x, visible.x + visible.width - 1);
      rect.y = CLAMP (rect.y, visible.y, visible.y + visible.height - 1);
      rect.height = MIN (rect.height, visible.y + visible.height - rect.y);
    }
  rect.width = MAX (rect.width, 1);
  rect.height = MAX (rect.height, 1);

  gtk_text_view_buffer_to_window_coords (self->text_view, GTK_TEXT_WINDOW_WIDGET, rect.x, rect.y,
                                         &rect.x, &rect.y);
  if (!gtk_widget_translate_coordinates (GTK_WIDGET (self->text_view), GTK_WIDGET (self), rect.x,
                                         rect.y, &x, &y))
    return FALSE;
  /* Within the reader, or X11 finds no monitor for the popover. */
  rect.x = CLAMP ((int) x, 0, MAX (gtk_widget_get_width (GTK_WIDGET (self)) - rect.width, 0));
  rect.y = CLAMP ((int) y, 0, MAX (gtk_widget_get_height (GTK_WIDGET (self)) - rect.height, 0));

  gtk_popover_set_pointing_to (self->selection_popover, &rect);
  gtk_popover_popup (self->selection_popover);
  return TRUE;
}

/* Widens the selection of the article's text to the words it cuts. */
static void
snap_selection_to_words (RostraReader *self)
{
  GtkTextIter start, end, insert, bound;
  guint       first, after;

  if (!rostra_reader_get_selection (self, &first, &after) ||
      !rostra_text_snap_passage (rostra_article_get_text (self->article), &first, &after, TRUE))
    return;
  _rostra_reader_get_text_iter (self, &start, (int) first);
  _rostra_reader_get_text_iter (self, &end, (int) after);
  /* The cursor stays at the end the mouse left it. */
  gtk_text_buffer_get_iter_at_mark (self->buffer, &insert,
                                    gtk_text_buffer_get_insert (self->buffer));
  gtk_text_buffer_get_iter_at_mark (self->buffer, &bound,
                                    gtk_text_buffer_get_selection_bound (self->buffer));
  if (gtk_text_iter_compare (&insert, &bound) < 0)
    gtk_text_buffer_select_range (self->buffer, &start, &end);
  else
    gtk_text_buffer_select_range (self->buffer, &end, &start);
}

static gboolean
on_release_idle (gpointer user_data)
{
  RostraReader     *self = user_data;
  RostraAnnotation *annotation;
  GtkTextIter       iter;
  int               x, y, offset;

  self->release_idle_id = 0;

  /* The text view is done with the release: a selection made with the
   * mouse stays, made of whole words unless Alt was held; a click has
   * unselected. */
  if (!self->release_is_click && !self->release_exact)
    snap_selection_to_words (self);
  if (show_selection_popover (self) || !self->release_is_click || self->article == NULL)
    return G_SOURCE_REMOVE;

  gtk_text_view_window_to_buffer_coords (self->text_view, GTK_TEXT_WINDOW_WIDGET,
                                         (int) self->release_x, (int) self->release_y, &x, &y);
  if (!gtk_text_view_get_iter_at_location (self->text_view, &iter, x, y))
    return G_SOURCE_REMOVE;

  offset = gtk_text_iter_get_offset (&iter) - rostra_reader_get_text_offset (self);
  annotation = offset >= 0 ? _rostra_reader_find_annotation_at (self, offset) : NULL;
  if (annotation != NULL)
    g_signal_emit (self, _rostra_reader_signals[ANNOTATION_ACTIVATED], 0, annotation);

  return G_SOURCE_REMOVE;
}

void
_rostra_reader_on_click_pressed (GtkGestureClick *gesture G_GNUC_UNUSED,
                                 int n_press              G_GNUC_UNUSED,
                                 double                   x,
                                 double                   y,
                                 RostraReader            *self)
{
  self->press_x = x;
  self->press_y = y;
}

void
_rostra_reader_on_click_released (GtkGestureClick *gesture,
                                  int              n_press,
                                  double           x,
                                  double           y,
                                  RostraReader    *self)
{
  GtkSettings *settings = gtk_widget_get_settings (GTK_WIDGET (self->text_view));
  int          threshold = 8;

  g_object_get (settings, "gtk-dnd-drag-threshold", &threshold, NULL);

  self->release_x = x;
  self->release_y = y;
  self->release_exact =
      (gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture)) &
       GDK_ALT_MASK) != 0;
  self->release_is_click =
      n_press == 1 && ABS (x - self->press_x) <= threshold && ABS (y - self->press_y) <= threshold;

  g_clear_handle_id (&self->release_idle_id, g_source_remove);
  self->release_idle_id = g_idle_add (on_release_idle, self);
}

/* The Menu key, or Shift+F10, over a selection: the popover instead of
 * the context menu. */
gboolean
_rostra_reader_on_key_pressed (RostraReader                     *self,
                               guint                             keyval,
                               guint keycode                     G_GNUC_UNUSED,
                               GdkModifierType                   state,
                               GtkEventControllerKey *controller G_GNUC_UNUSED)
{
  state &= gtk_accelerator_get_default_mod_mask ();

  if ((keyval == GDK_KEY_Menu && state == 0) || (keyval == GDK_KEY_F10 && state == GDK_SHIFT_MASK))
    return show_selection_popover (self);
  return FALSE;
}

/* Asks the window to highlight the selection, then unselects it so
 * that the new highlight shows. */
void
_rostra_reader_request_highlight (RostraReader *self, const char *color, gboolean open_note)
{
  g_autofree char *requested = g_strdup (color);
  GtkTextIter      start, end;

  _rostra_reader_hide_selection_popover (self);

  if (!rostra_reader_get_selection (self, NULL, NULL))
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }

  rostra_reader_set_highlight_color (self, requested);
  g_signal_emit (self, _rostra_reader_signals[HIGHLIGHT_REQUESTED], 0, requested, open_note);

  if (self->buffer != NULL && gtk_text_buffer_get_selection_bounds (self->buffer, &start, &end))
    gtk_text_buffer_place_cursor (self->buffer, &end);
}

void
_rostra_reader_on_has_selection_changed (RostraReader *self)
{
  gboolean has_selection = gtk_text_buffer_get_has_selection (self->buffer);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reader.copy-quotation", has_selection);
  update_selection_actions (self);
  if (!has_selection)
    _rostra_reader_hide_selection_popover (self);
}

/**
 * rostra_reader_dup_quotation:
 *
 * The selected part of the article text between quotation marks, with
 * the title, source and date of the speech on a line of its own.
 *
 * Returns: (transfer full) (nullable): the quotation, or %NULL if
 *   nothing of the article text is selected
 */
char *
rostra_reader_dup_quotation (RostraReader *self)
{
  g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *selected = NULL;
  g_autofree char *quote = NULL;
  g_autofree char *citation = NULL;
  g_autofree char *date = NULL;
  GtkTextIter      start, end, text_start;
  const char      *source;

  g_return_val_if_fail (ROSTRA_IS_READER (self), NULL);

  if (self->article == NULL || !gtk_text_buffer_get_selection_bounds (self->buffer, &start, &end))
    return NULL;

  /* Only the speech is quoted, not its title or metadata. */
  gtk_text_buffer_get_iter_at_mark (self->buffer, &text_start, self->text_start);
  if (gtk_text_iter_compare (&start, &text_start) < 0)
    start = text_start;
  if (gtk_text_iter_compare (&start, &end) >= 0)
    return NULL;

  selected = g_strstrip (gtk_text_buffer_get_text (self->buffer, &start, &end, FALSE));
  if (*selected == '\0')
    return NULL;

  g_ptr_array_add (parts, g_strdup (_rostra_reader_get_title (self->article)));
  source = rostra_article_get_source (self->article);
  if (_rostra_reader_is_set (source))
    g_ptr_array_add (parts, g_strdup (source));
  date = _rostra_reader_dup_date_text (self->article);
  if (date != NULL)
    g_ptr_array_add (parts, g_steal_pointer (&date));
  g_ptr_array_add (parts, NULL);

  /* Translators: a quotation of a speech; %s is the quoted text. */
  quote = g_strdup_printf (_("“%s”"), selected);
  /* Translators: between the title, source and date of a speech under
   * a quotation of it. */
  citation = g_strjoinv (C_ ("citation separator", ", "), (char **) parts->pdata);

  /* Translators: the line under a quotation; %s is the title, source
   * and date of the speech. */
  return g_strdup_printf (C_ ("quotation", "%s\n— %s"), quote, citation);
}

/**
 * rostra_reader_get_selection:
 * @start: (out) (optional): the first selected character of the
 *   article text
 * @end: (out) (optional): the character after the selection
 *
 * The selected part of the article text, without the heading.
 *
 * Returns: %FALSE if none of the article text is selected
 */
gboolean
rostra_reader_get_selection (RostraReader *self, guint *start, guint *end)
{
  GtkTextIter start_iter, end_iter, text_start;
  int         text_offset;
  guint       first, after;

  g_return_val_if_fail (ROSTRA_IS_READER (self), FALSE);

  if (self->buffer == NULL || self->article == NULL ||
      !gtk_text_buffer_get_selection_bounds (self->buffer, &start_iter, &end_iter))
    return FALSE;

  gtk_text_buffer_get_iter_at_mark (self->buffer, &text_start, self->text_start);
  if (gtk_text_iter_compare (&start_iter, &text_start) < 0)
    start_iter = text_start;
  if (gtk_text_iter_compare (&start_iter, &end_iter) >= 0)
    return FALSE;

  text_offset = gtk_text_iter_get_offset (&text_start);
  first = (guint) (gtk_text_iter_get_offset (&start_iter) - text_offset);
  after = (guint) (gtk_text_iter_get_offset (&end_iter) - text_offset);
  /* Never the white space around: a passage starts and ends with text. */
  if (!rostra_text_snap_passage (rostra_article_get_text (self->article), &first, &after, FALSE))
    return FALSE;
  if (start != NULL)
    *start = first;
  if (end != NULL)
    *end = after;
  return TRUE;
}
