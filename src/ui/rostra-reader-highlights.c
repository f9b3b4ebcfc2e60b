/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-reader-highlights.c: the annotations drawn over the reader's
 * text: one tag per colour and level of overlap (rostra_highlights_layer()
 * lays them out), coloured from the palette for the light or dark style;
 * the selected one underlined, darker, and flashing when selected. */

#include "config.h"

#include "rostra-highlights.h"
#include "rostra-palette.h"
#include "rostra-reader-private.h"

/* Annotations */

gboolean
_rostra_reader_is_highlight_color (const char *color)
{
  return rostra_palette_lookup (color) != NULL;
}

/* The style the reader is drawn in. */
static RostraStyle
get_style (void)
{
  return adw_style_manager_get_dark (adw_style_manager_get_default ()) ? ROSTRA_STYLE_DARK
                                                                       : ROSTRA_STYLE_LIGHT;
}

static GdkRGBA
palette_rgba (const RostraPaletteColor *color, gboolean selected, RostraStyle style)
{
  GdkRGBA rgba = { color->red / 255.0f, color->green / 255.0f, color->blue / 255.0f,
                   selected ? color->selected_alpha[style] : color->alpha[style] };

  return rgba;
}

static GdkRGBA
get_selected_rgba (guint color)
{
  return palette_rgba (&rostra_palette_get_colors (NULL)[color], TRUE, get_style ());
}

/* Colours every tag for the current style; again when it changes. */
void
_rostra_reader_apply_palette (RostraReader *self)
{
  const RostraPaletteColor *palette = rostra_palette_get_colors (NULL);
  const RostraPaletteColor *search = rostra_palette_get_search_match ();
  RostraStyle               style = get_style ();
  GdkRGBA                   line, current;

  if (self->match_tag == NULL || (self->palette_applied && style == self->palette_style))
    return;
  self->palette_applied = TRUE;
  self->palette_style = style;

  for (guint i = 0; i < N_COLORS; i++)
    {
      GdkRGBA plain = palette_rgba (&palette[i], FALSE, style);
      GdkRGBA selected = palette_rgba (&palette[i], TRUE, style);

      for (guint level = 0; level < N_LEVELS; level++)
        g_object_set (self->annotation_tags[i][level], "background-rgba", &plain, NULL);
      g_object_set (self->selected_tags[i], "background-rgba", &selected, NULL);
    }

  /* Search matches: lines over and under, which no highlight has; the
   * current one filled as well. The line over takes the text's colour:
   * GTK 4.8 frees a tag's overline-rgba wrongly (a crash). */
  line = palette_rgba (search, TRUE, style);
  line.alpha = 1.0f;
  current = palette_rgba (search, TRUE, style);
  g_object_set (self->match_tag, "underline", PANGO_UNDERLINE_SINGLE, "underline-rgba", &line,
                "overline", PANGO_OVERLINE_SINGLE, NULL);
  g_object_set (self->current_tag, "background-rgba", &current, "underline", PANGO_UNDERLINE_DOUBLE,
                "underline-rgba", &line, "overline", PANGO_OVERLINE_SINGLE, NULL);
}

/* Fills self->highlights with the annotations that show, in drawing
 * order (rostra_highlights_layer()). */
static void
collect_highlights (RostraReader *self)
{
  g_clear_pointer (&self->highlights, g_array_unref);
  self->highlights =
      rostra_highlights_layer (self->annotations, _rostra_reader_get_text_length (self), N_LEVELS);
}

/* The annotation shown at @offset of the article text: the shortest
 * one there, the last one drawn. */
RostraAnnotation *
_rostra_reader_find_annotation_at (RostraReader *self, int offset)
{
  for (guint i = self->highlights->len; i > 0; i--)
    {
      const RostraHighlight *highlight = &g_array_index (self->highlights, RostraHighlight, i - 1);

      if (highlight->start <= offset && offset < highlight->end)
        return highlight->annotation;
    }
  return NULL;
}

static void
apply_tag (RostraReader *self, GtkTextTag *tag, int start, int end)
{
  GtkTextIter start_iter, end_iter;

  _rostra_reader_get_text_iter (self, &start_iter, start);
  _rostra_reader_get_text_iter (self, &end_iter, end);
  gtk_text_buffer_apply_tag (self->buffer, tag, &start_iter, &end_iter);
}

static void
remove_tag (RostraReader *self, GtkTextTag *tag)
{
  GtkTextIter start, end;

  _rostra_reader_get_text_bounds (self, &start, &end);
  gtk_text_buffer_remove_tag (self->buffer, tag, &start, &end);
}

static int
compare_ints (gconstpointer a, gconstpointer b)
{
  int int_a = *(const int *) a;
  int int_b = *(const int *) b;

  return int_a < int_b ? -1 : int_a > int_b;
}

/* Draws the selected annotation over the others, with its flash if it
 * flashes: underlined all along, darker where no annotation drawn over
 * it shows. */
static void
draw_selected (RostraReader *self)
{
  g_autoptr (GArray) covered = NULL;
  RostraAnnotation      *annotation = self->selected_annotation;
  const RostraHighlight *selected = NULL;
  int                    cursor;

  if (self->buffer == NULL)
    return;

  for (guint i = 0; i < N_COLORS; i++)
    remove_tag (self, self->selected_tags[i]);
  remove_tag (self, self->selected_tag);
  remove_tag (self, self->flash_tag);

  for (guint i = 0; annotation != NULL && i < self->highlights->len; i++)
    if (g_array_index (self->highlights, RostraHighlight, i).annotation == annotation)
      selected = &g_array_index (self->highlights, RostraHighlight, i);
  if (selected == NULL)
    return;

  apply_tag (self, self->selected_tag, selected->start, selected->end);

  /* Where the annotations drawn over it are, as pairs of bounds. */
  covered = g_array_new (FALSE, FALSE, sizeof (int) * 2);
  for (guint i = 0; i < self->highlights->len; i++)
    {
      const RostraHighlight *above = &g_array_index (self->highlights, RostraHighlight, i);
      int                    bounds[2];

      if (above->level <= selected->level || !rostra_highlights_overlap (above, selected))
        continue;
      bounds[0] = MAX (above->start, selected->start);
      bounds[1] = MIN (above->end, selected->end);
      g_array_append_val (covered, bounds);
    }
  g_array_sort (covered, compare_ints);

  cursor = selected->start;
  for (guint i = 0; i <= covered->len; i++)
    {
      int next = selected->end;
      int after = selected->end;

      if (i < covered->len)
        {
          const int *bounds = &g_array_index (covered, int, 2 * i);

          next = bounds[0];
          after = bounds[1];
        }

      if (cursor < next)
        {
          apply_tag (self, self->selected_tags[selected->color], cursor, next);
          if (self->flash_tick_id != 0)
            apply_tag (self, self->flash_tag, cursor, next);
        }
      cursor = MAX (cursor, after);
    }
}

/* Draws every annotation anew, from the model. */
void
_rostra_reader_draw_annotations (RostraReader *self)
{
  int n_chars;

  if (self->buffer == NULL)
    return;

  /* Off where they were drawn, which is faster than off the whole text
   * for hundreds of them; the text may have changed since. */
  n_chars = _rostra_reader_get_text_length (self);
  for (guint i = 0; i < self->highlights->len; i++)
    {
      const RostraHighlight *highlight = &g_array_index (self->highlights, RostraHighlight, i);
      GtkTextIter            start, end;

      if (highlight->start >= n_chars)
        continue;
      _rostra_reader_get_text_iter (self, &start, highlight->start);
      _rostra_reader_get_text_iter (self, &end, MIN (highlight->end, n_chars));
      gtk_text_buffer_remove_tag (self->buffer, self->annotation_tags[highlight->color][0], &start,
                                  &end);
      if (highlight->level > 0)
        gtk_text_buffer_remove_tag (
            self->buffer, self->annotation_tags[highlight->color][highlight->level], &start, &end);
    }

  collect_highlights (self);

  for (guint i = 0; i < self->highlights->len; i++)
    {
      const RostraHighlight *highlight = &g_array_index (self->highlights, RostraHighlight, i);

      /* The colour's own tag always, the one of its level over it. */
      apply_tag (self, self->annotation_tags[highlight->color][0], highlight->start,
                 highlight->end);
      if (highlight->level > 0)
        apply_tag (self, self->annotation_tags[highlight->color][highlight->level],
                   highlight->start, highlight->end);
    }

  /* The tags above never touch the toggles that _rostra_reader_mark_line_starts()
   * leaves at the start of every line, so the redraw workaround holds. */
  draw_selected (self);
}

void
_rostra_reader_stop_flash (RostraReader *self)
{
  if (self->flash_tick_id == 0)
    return;

  gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->flash_tick_id);
  self->flash_tick_id = 0;
  if (self->buffer != NULL)
    remove_tag (self, self->flash_tag);
}

static void
set_flash_rgba (RostraReader *self, double progress)
{
  /* Fast, then slowing down: an ease-out cubic. */
  double  left = 1.0 - progress;
  float   t = (float) (1.0 - left * left * left);
  GdkRGBA rgba = self->flash_to;

  rgba.alpha = self->flash_from.alpha + (self->flash_to.alpha - self->flash_from.alpha) * t;
  g_object_set (self->flash_tag, "background-rgba", &rgba, NULL);
}

static gboolean
flash_tick (GtkWidget *widget, GdkFrameClock *frame_clock, gpointer user_data G_GNUC_UNUSED)
{
  RostraReader *self = ROSTRA_READER (widget);
  gint64        now = gdk_frame_clock_get_frame_time (frame_clock);

  if (self->flash_start_time == 0)
    self->flash_start_time = now;

  if (now - self->flash_start_time >= FLASH_DURATION_US)
    {
      self->flash_tick_id = 0;
      remove_tag (self, self->flash_tag);
      return G_SOURCE_REMOVE;
    }

  set_flash_rgba (self, (double) (now - self->flash_start_time) / FLASH_DURATION_US);
  return G_SOURCE_CONTINUE;
}

/* Flashes the selected annotation, fading to its selected colour. */
static void
start_flash (RostraReader *self, guint color)
{
  _rostra_reader_stop_flash (self);

  if (!gtk_widget_get_mapped (GTK_WIDGET (self)) || !adw_get_enable_animations (GTK_WIDGET (self)))
    return;

  self->flash_to = get_selected_rgba (color);
  self->flash_from = self->flash_to;
  self->flash_from.alpha = FLASH_ALPHA;
  set_flash_rgba (self, 0);

  self->flash_start_time = 0;
  self->flash_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), flash_tick, NULL, NULL);
}

/* Keeps the selected annotation when the model changes: it, or the
 * same annotation of the archive read anew, or none. */
static void
update_selected_annotation (RostraReader *self)
{
  RostraAnnotation *selected = self->selected_annotation;
  gint64            id;

  if (selected == NULL)
    return;

  for (guint i = 0; i < self->annotations->len; i++)
    if (g_ptr_array_index (self->annotations, i) == selected)
      return;

  id = rostra_annotation_get_id (selected);
  for (guint i = 0; id != 0 && i < self->annotations->len; i++)
    {
      RostraAnnotation *annotation = g_ptr_array_index (self->annotations, i);

      if (ROSTRA_IS_ANNOTATION (annotation) && rostra_annotation_get_id (annotation) == id)
        {
          g_set_object (&self->selected_annotation, annotation);
          return;
        }
    }

  _rostra_reader_stop_flash (self);
  g_clear_object (&self->selected_annotation);
}

static void
on_annotation_notify (RostraReader                *self,
                      GParamSpec                  *pspec,
                      RostraAnnotation *annotation G_GNUC_UNUSED)
{
  static const char *const drawn[] = { "color", "start", "end", "orphaned", NULL };

  if (g_strv_contains (drawn, pspec->name))
    _rostra_reader_draw_annotations (self);
}

static void
unwatch_annotations (RostraReader *self, guint position, guint n_items)
{
  for (guint i = position; i < position + n_items; i++)
    g_signal_handlers_disconnect_by_func (g_ptr_array_index (self->annotations, i),
                                          on_annotation_notify, self);
  g_ptr_array_remove_range (self->annotations, position, n_items);
}

static void
watch_annotations (RostraReader *self, guint position, guint n_items)
{
  for (guint i = position; i < position + n_items; i++)
    {
      /* The array mirrors the model, whatever is in it. */
      GObject *item = g_list_model_get_item (self->annotation_model, i);

      g_ptr_array_insert (self->annotations, (int) i, item);
      if (ROSTRA_IS_ANNOTATION (item))
        g_signal_connect_swapped (item, "notify", G_CALLBACK (on_annotation_notify), self);
    }
}

static void
on_annotations_changed (RostraReader     *self,
                        guint             position,
                        guint             removed,
                        guint             added,
                        GListModel *model G_GNUC_UNUSED)
{
  unwatch_annotations (self, position, removed);
  watch_annotations (self, position, added);
  update_selected_annotation (self);
  _rostra_reader_draw_annotations (self);
}

void
_rostra_reader_clear_annotations (RostraReader *self)
{
  unwatch_annotations (self, 0, self->annotations->len);
  if (self->annotation_model != NULL)
    g_signal_handlers_disconnect_by_func (self->annotation_model, on_annotations_changed, self);
  g_clear_object (&self->annotation_model);
}

/**
 * rostra_reader_set_annotations:
 * @annotations: (nullable): a list of #RostraAnnotation of the article
 *   shown, or %NULL for none
 *
 * Highlights the passages of the annotations in their colours, but for
 * the orphaned ones, and keeps them up to date as the list and the
 * annotations' passages and colours change. The annotations stay when
 * the article changes: the caller sets those of the new one.
 */
void
rostra_reader_set_annotations (RostraReader *self, GListModel *annotations)
{
  g_return_if_fail (ROSTRA_IS_READER (self));
  g_return_if_fail (annotations == NULL || G_IS_LIST_MODEL (annotations));

  if (annotations != NULL)
    g_object_ref (annotations);
  _rostra_reader_clear_annotations (self);
  self->annotation_model = annotations;

  if (annotations != NULL)
    {
      g_signal_connect_swapped (annotations, "items-changed", G_CALLBACK (on_annotations_changed),
                                self);
      watch_annotations (self, 0, g_list_model_get_n_items (annotations));
    }

  update_selected_annotation (self);
  _rostra_reader_draw_annotations (self);
}

/**
 * rostra_reader_select_annotation:
 * @annotation: (nullable): the annotation to show, or %NULL for none
 *
 * Shows @annotation as selected, underlined and darker, scrolls it into
 * view and flashes it. It stays selected while it is in the list of
 * rostra_reader_set_annotations(), or another annotation with its id is,
 * as when the window reads them anew.
 */
void
rostra_reader_select_annotation (RostraReader *self, RostraAnnotation *annotation)
{
  const RostraHighlight *selected = NULL;

  g_return_if_fail (ROSTRA_IS_READER (self));
  g_return_if_fail (annotation == NULL || ROSTRA_IS_ANNOTATION (annotation));

  g_set_object (&self->selected_annotation, annotation);
  _rostra_reader_stop_flash (self);

  for (guint i = 0; annotation != NULL && i < self->highlights->len; i++)
    if (g_array_index (self->highlights, RostraHighlight, i).annotation == annotation)
      selected = &g_array_index (self->highlights, RostraHighlight, i);

  if (selected != NULL)
    {
      GtkTextIter iter;

      _rostra_reader_get_text_iter (self, &iter, selected->start);
      gtk_text_buffer_move_mark (self->buffer, self->annotation_mark, &iter);
      gtk_text_view_scroll_to_mark (self->text_view, self->annotation_mark, SCROLL_MARGIN, FALSE, 0,
                                    0);
      start_flash (self, selected->color);
    }

  draw_selected (self);
}

/**
 * rostra_reader_get_selected_annotation:
 *
 * Returns: (transfer none) (nullable): the selected annotation
 */
RostraAnnotation *
rostra_reader_get_selected_annotation (RostraReader *self)
{
  g_return_val_if_fail (ROSTRA_IS_READER (self), NULL);
  return self->selected_annotation;
}

/**
 * rostra_reader_annotation_at:
 * @article_offset: a character offset into the article text
 *
 * The annotation a click at @article_offset activates: the shortest
 * one, not orphaned, whose passage holds it. Of overlapping passages,
 * that is the one drawn on top; where only the longer one is, the
 * longer one. Passages of the same length go by their start, then by
 * their order in the list.
 *
 * Returns: (transfer none) (nullable): the annotation, or %NULL if
 *   none highlights @article_offset
 */
RostraAnnotation *
rostra_reader_annotation_at (RostraReader *self, guint article_offset)
{
  g_return_val_if_fail (ROSTRA_IS_READER (self), NULL);

  if (article_offset > G_MAXINT)
    return NULL;
  return _rostra_reader_find_annotation_at (self, (int) article_offset);
}
