/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-reader.c: the reading pane, showing one speech.
 *
 * A read-only GtkTextView, clamped to a comfortable line length. The
 * buffer holds the title, a line of metadata, a blank line and then the
 * article text exactly as the archive holds it: annotations store
 * character offsets into that text, so buffer offset =
 * rostra_reader_get_text_offset () + article offset. The "text-start"
 * mark, of left gravity, stays at the start of the text.
 *
 * Search terms are found case- and diacritics-insensitively in a folded
 * copy of the text, with a map back to the character offsets of the
 * original. Zoom sets the scale of the tags, never CSS.
 *
 * Annotations are drawn with one tag per highlight colour,
 * "annotation-yellow" and so on, over their passages. A GtkTextView
 * paints the background of the tag of highest priority only, so where
 * passages overlap the shorter one goes on top: each gets a level, one
 * above the levels of the longer passages it overlaps, and from level 1
 * on also a copy of its colour's tag ("annotation-yellow-1", …) of a
 * higher priority. The selected annotation is underlined and darker
 * where it shows, and flashes when selected. The search matches stay
 * above all of that. The reader only draws and reports: the window
 * saves what the user asks for ("highlight-requested") and hands the
 * annotations back with rostra_reader_set_annotations().
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "rostra-highlights.h"
#include "rostra-language.h"
#include "rostra-palette.h"
#include "rostra-reader.h"
#include "rostra-store.h"
#include "rostra-ui-utils.h"
#include "rostra-text.h"
#include "rostra-text-match.h"

#define ZOOM_MIN     0.5
#define ZOOM_MAX     3.0
#define ZOOM_DEFAULT 1.0
#define ZOOM_STEP    0.1

/* The scales of the tags at zoom 1.0, relative to the font of
 * textview.reader in style.css. */
#define TITLE_SCALE 1.6
#define META_SCALE  0.9
#define BODY_SCALE  1.15

/* How much of the text colour the metadata line keeps, like .dim-label. */
#define META_OPACITY 0.55f

/* Where the current match is scrolled to, as a fraction of the view. */
#define SCROLL_MARGIN 0.2

#define DEFAULT_HIGHLIGHT_COLOR "yellow"

/* The font, its size in points at zoom 1.0 and the line spacing as a
 * factor of the font's natural line height, from the GSettings keys
 * reader-font, reader-font-size and reader-line-spacing. The default
 * family is the one of textview.reader in style.css. */
#define FONT_SIZE_MIN        8
#define FONT_SIZE_MAX        32
#define FONT_SIZE_DEFAULT    13
#define LINE_SPACING_MIN     1.0
#define LINE_SPACING_MAX     2.5
#define LINE_SPACING_DEFAULT 1.2

/* The highlight colours, translucent so that the theme's text stays
 * legible on them, as rostra-palette.c gives them for light and dark
 * styles (names: rostra_annotation_color_label()). */
#define N_COLORS 5

/* The levels of overlapping highlights that stay apart; deeper ones
 * share the top level. */
#define N_LEVELS 4

/* How much more opaque the selected annotation is. */
#define SELECTED_EXTRA_ALPHA 0.2f

/* The flash of a newly selected annotation: from this opacity down to
 * its selected one. */
#define FLASH_ALPHA       0.9f
#define FLASH_DURATION_US (600 * G_TIME_SPAN_MILLISECOND)

struct _RostraReader
{
  GtkWidget parent_instance;

  RostraArticle *article;
  char         **search_terms;
  GArray        *matches;
  int            current_match;
  double         zoom;
  char          *font_family;
  int            font_size;
  double         line_spacing;
  GSettings     *settings;

  GtkStack          *stack;
  AdwStatusPage     *status_page;
  GtkScrolledWindow *scrolled_window;
  GtkTextView       *text_view;

  GtkTextBuffer *buffer;
  GtkTextTag    *title_tag;
  GtkTextTag    *meta_tag;
  GtkTextTag    *body_tag;
  GtkTextTag    *match_tag;
  GtkTextTag    *current_tag;
  GtkTextTag    *line_start_tags[2];
  GtkTextMark   *text_start;
  GtkTextMark   *match_mark;
  GdkRGBA        meta_color;

  /* Annotations */
  GListModel       *annotation_model;
  GPtrArray        *annotations; /* the model's items, each with a handler */
  GArray           *highlights;  /* RostraHighlight, in drawing order */
  RostraAnnotation *selected_annotation;
  char             *highlight_color;
  GtkTextTag       *annotation_tags[N_COLORS][N_LEVELS];
  GtkTextTag       *selected_tags[N_COLORS];
  gboolean          palette_applied;
  RostraStyle       palette_style;
  GtkTextTag       *selected_tag;
  GtkTextTag       *flash_tag;
  GtkTextMark      *annotation_mark;
  guint             flash_tick_id;
  gint64            flash_start_time;
  GdkRGBA           flash_from;
  GdkRGBA           flash_to;

  /* The popover over a selection */
  GtkPopover *selection_popover;
  GtkBox     *color_box;
  int         has_text_selection; /* -1 until known */
  double      press_x;
  double      press_y;
  double      release_x;
  double      release_y;
  gboolean    release_is_click;
  gboolean    release_exact; /* Alt held: the characters chosen, not whole words */
  guint       release_idle_id;
};

G_DEFINE_FINAL_TYPE (RostraReader, rostra_reader, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_ARTICLE,
  PROP_ZOOM,
  PROP_N_MATCHES,
  PROP_CURRENT_MATCH,
  PROP_HIGHLIGHT_COLOR,
  PROP_FONT_FAMILY,
  PROP_FONT_SIZE,
  PROP_LINE_SPACING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  HIGHLIGHT_REQUESTED,
  ANNOTATION_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The publication date in the user's locale, or %NULL. */
static char *
dup_date_text (RostraArticle *article)
{
  return rostra_article_dup_date_label (article, FALSE);
}

static const char *
get_title (RostraArticle *article)
{
  const char *title = rostra_article_get_title (article);

  if (title == NULL || *title == '\0')
    return _("Untitled");
  return title;
}

static gboolean
is_set (const char *str)
{
  return str != NULL && *str != '\0';
}

/* Fills self->matches with every occurrence of every search term in the
 * article text, sorted, without duplicates. */
static void
find_matches (RostraReader *self)
{
  g_clear_pointer (&self->matches, g_array_unref);
  self->current_match = -1;
  if (self->article == NULL)
    self->matches = g_array_new (FALSE, FALSE, sizeof (RostraTextSpan));
  else
    self->matches = rostra_text_find_terms (rostra_article_get_text (self->article),
                                            (const char *const *) self->search_terms);
}

/* The buffer iter at @offset characters into the article text. */
static void
get_text_iter (RostraReader *self, GtkTextIter *iter, int offset)
{
  int text_offset = rostra_reader_get_text_offset (self);

  gtk_text_buffer_get_iter_at_offset (self->buffer, iter, text_offset + offset);
}

static void
update_match_actions (RostraReader *self)
{
  gboolean has_matches = self->matches->len > 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reader.next-match", has_matches);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reader.previous-match", has_matches);
}

/* Finds the matches anew and highlights them. */
static void
update_matches (RostraReader *self)
{
  guint       old_n_matches = self->matches->len;
  GtkTextIter start, end;

  find_matches (self);

  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  gtk_text_buffer_remove_tag (self->buffer, self->match_tag, &start, &end);
  gtk_text_buffer_remove_tag (self->buffer, self->current_tag, &start, &end);

  for (guint i = 0; i < self->matches->len; i++)
    {
      const RostraTextSpan *match = &g_array_index (self->matches, RostraTextSpan, i);

      get_text_iter (self, &start, match->start);
      get_text_iter (self, &end, match->end);
      gtk_text_buffer_apply_tag (self->buffer, self->match_tag, &start, &end);
    }

  update_match_actions (self);

  if (old_n_matches != self->matches->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_MATCHES]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_MATCH]);
}

/* Makes match @index the current one: highlights, selects and shows it. */
static void
select_match (RostraReader *self, int index)
{
  const RostraTextSpan *match = &g_array_index (self->matches, RostraTextSpan, index);
  GtkTextIter           start, end;

  if (self->current_match >= 0)
    {
      const RostraTextSpan *old =
          &g_array_index (self->matches, RostraTextSpan, self->current_match);

      get_text_iter (self, &start, old->start);
      get_text_iter (self, &end, old->end);
      gtk_text_buffer_remove_tag (self->buffer, self->current_tag, &start, &end);
    }

  self->current_match = index;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_MATCH]);

  get_text_iter (self, &start, match->start);
  get_text_iter (self, &end, match->end);
  gtk_text_buffer_apply_tag (self->buffer, self->current_tag, &start, &end);
  gtk_text_buffer_select_range (self->buffer, &start, &end);

  gtk_text_buffer_move_mark (self->buffer, self->match_mark, &start);
  gtk_text_view_scroll_to_mark (self->text_view, self->match_mark, SCROLL_MARGIN, FALSE, 0, 0);
}

/* Annotations */

static gboolean
is_highlight_color (const char *color)
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
static void
apply_palette (RostraReader *self)
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

/* The article text in the buffer. */
static void
get_text_bounds (RostraReader *self, GtkTextIter *start, GtkTextIter *end)
{
  gtk_text_buffer_get_iter_at_mark (self->buffer, start, self->text_start);
  gtk_text_buffer_get_end_iter (self->buffer, end);
}

static int
get_text_length (RostraReader *self)
{
  GtkTextIter start, end;

  if (self->article == NULL)
    return 0;
  get_text_bounds (self, &start, &end);
  return gtk_text_iter_get_offset (&end) - gtk_text_iter_get_offset (&start);
}

/* Fills self->highlights with the annotations that show, in drawing
 * order (rostra_highlights_layer()). */
static void
collect_highlights (RostraReader *self)
{
  g_clear_pointer (&self->highlights, g_array_unref);
  self->highlights = rostra_highlights_layer (self->annotations, get_text_length (self), N_LEVELS);
}

/* The annotation shown at @offset of the article text: the shortest
 * one there, the last one drawn. */
static RostraAnnotation *
find_annotation_at (RostraReader *self, int offset)
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

  get_text_iter (self, &start_iter, start);
  get_text_iter (self, &end_iter, end);
  gtk_text_buffer_apply_tag (self->buffer, tag, &start_iter, &end_iter);
}

static void
remove_tag (RostraReader *self, GtkTextTag *tag)
{
  GtkTextIter start, end;

  get_text_bounds (self, &start, &end);
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
static void
draw_annotations (RostraReader *self)
{
  int n_chars;

  if (self->buffer == NULL)
    return;

  /* Off where they were drawn, which is faster than off the whole text
   * for hundreds of them; the text may have changed since. */
  n_chars = get_text_length (self);
  for (guint i = 0; i < self->highlights->len; i++)
    {
      const RostraHighlight *highlight = &g_array_index (self->highlights, RostraHighlight, i);
      GtkTextIter            start, end;

      if (highlight->start >= n_chars)
        continue;
      get_text_iter (self, &start, highlight->start);
      get_text_iter (self, &end, MIN (highlight->end, n_chars));
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

  /* The tags above never touch the toggles that mark_line_starts()
   * leaves at the start of every line, so the redraw workaround holds. */
  draw_selected (self);
}

static void
stop_flash (RostraReader *self)
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
  stop_flash (self);

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

  stop_flash (self);
  g_clear_object (&self->selected_annotation);
}

static void
on_annotation_notify (RostraReader                *self,
                      GParamSpec                  *pspec,
                      RostraAnnotation *annotation G_GNUC_UNUSED)
{
  static const char *const drawn[] = { "color", "start", "end", "orphaned", NULL };

  if (g_strv_contains (drawn, pspec->name))
    draw_annotations (self);
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
  draw_annotations (self);
}

static void
clear_annotations (RostraReader *self)
{
  unwatch_annotations (self, 0, self->annotations->len);
  if (self->annotation_model != NULL)
    g_signal_handlers_disconnect_by_func (self->annotation_model, on_annotations_changed, self);
  g_clear_object (&self->annotation_model);
}

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

static void
on_mark_set (RostraReader               *self,
             const GtkTextIter *location G_GNUC_UNUSED,
             GtkTextMark                *mark,
             GtkTextBuffer              *buffer)
{
  if (mark == gtk_text_buffer_get_insert (buffer) ||
      mark == gtk_text_buffer_get_selection_bound (buffer))
    update_selection_actions (self);
}

static void
hide_selection_popover (RostraReader *self)
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

  get_text_iter (self, &start, (int) start_offset);
  get_text_iter (self, &last, (int) end_offset - 1);
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
  get_text_iter (self, &start, (int) first);
  get_text_iter (self, &end, (int) after);
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
  annotation = offset >= 0 ? find_annotation_at (self, offset) : NULL;
  if (annotation != NULL)
    g_signal_emit (self, signals[ANNOTATION_ACTIVATED], 0, annotation);

  return G_SOURCE_REMOVE;
}

static void
on_click_pressed (GtkGestureClick *gesture G_GNUC_UNUSED,
                  int n_press              G_GNUC_UNUSED,
                  double                   x,
                  double                   y,
                  RostraReader            *self)
{
  self->press_x = x;
  self->press_y = y;
}

static void
on_click_released (GtkGestureClick *gesture, int n_press, double x, double y, RostraReader *self)
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
static gboolean
on_key_pressed (RostraReader                     *self,
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

static void
fill_color_box (RostraReader *self)
{
  const char *const *colors = rostra_annotation_colors ();

  for (guint i = 0; colors[i] != NULL; i++)
    {
      GtkWidget  *button;
      const char *label;

      if (!is_highlight_color (colors[i]))
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

/* Asks the window to highlight the selection, then unselects it so
 * that the new highlight shows. */
static void
request_highlight (RostraReader *self, const char *color, gboolean open_note)
{
  g_autofree char *requested = g_strdup (color);
  GtkTextIter      start, end;

  hide_selection_popover (self);

  if (!rostra_reader_get_selection (self, NULL, NULL))
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }

  rostra_reader_set_highlight_color (self, requested);
  g_signal_emit (self, signals[HIGHLIGHT_REQUESTED], 0, requested, open_note);

  if (self->buffer != NULL && gtk_text_buffer_get_selection_bounds (self->buffer, &start, &end))
    gtk_text_buffer_place_cursor (self->buffer, &end);
}

/* The buffer */

/* GTK 4.8 lays out a line with the style it last used, from whatever
 * line it laid out before, until the line's first tag toggle: redrawing
 * a few lines, as for a selection, then shows a paragraph in the style
 * of the heading or of a match. A toggle at the start of every line
 * makes it start afresh. The two tags, without any property, take
 * turns, since a tag on two neighbouring characters would be one range
 * with no toggle between them. */
static void
mark_line_starts (RostraReader *self)
{
  GtkTextIter start, end;
  guint       line = 0;

  gtk_text_buffer_get_start_iter (self->buffer, &start);
  do
    {
      end = start;
      if (!gtk_text_iter_forward_char (&end))
        break;
      gtk_text_buffer_apply_tag (self->buffer, self->line_start_tags[line++ % 2], &start, &end);
    }
  while (gtk_text_iter_forward_line (&start));
}

static void
fill_buffer (RostraReader *self)
{
  g_autofree char *meta = NULL;
  GtkTextIter      iter;

  hide_selection_popover (self);
  stop_flash (self);
  gtk_text_buffer_set_text (self->buffer, "", 0);
  gtk_text_buffer_get_start_iter (self->buffer, &iter);
  gtk_text_buffer_move_mark (self->buffer, self->text_start, &iter);
  gtk_text_buffer_move_mark (self->buffer, self->match_mark, &iter);

  if (self->article == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  meta = rostra_article_dup_meta_line (self->article);
  gtk_text_buffer_insert_with_tags (self->buffer, &iter, get_title (self->article), -1,
                                    self->title_tag, NULL);
  gtk_text_buffer_insert (self->buffer, &iter, "\n", -1);
  gtk_text_buffer_insert_with_tags (self->buffer, &iter, meta, -1, self->meta_tag, NULL);
  gtk_text_buffer_insert (self->buffer, &iter, "\n\n", -1);

  /* Left gravity: the mark stays before the text inserted at it. */
  gtk_text_buffer_move_mark (self->buffer, self->text_start, &iter);
  gtk_text_buffer_insert_with_tags (self->buffer, &iter, rostra_article_get_text (self->article),
                                    -1, self->body_tag, NULL);
  mark_line_starts (self);

  gtk_text_buffer_get_start_iter (self->buffer, &iter);
  gtk_text_buffer_place_cursor (self->buffer, &iter);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled_window), 0);
  gtk_stack_set_visible_child_name (self->stack, "article");
}

/* The font and line spacing of the preferences, on the tags of the
 * title, metadata and text: their scales multiply the size. */
static void
apply_font (RostraReader *self)
{
  GtkTextTag *tags[] = { self->title_tag, self->meta_tag, self->body_tag };

  if (self->body_tag == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (tags); i++)
    {
      if (is_set (self->font_family))
        g_object_set (tags[i], "family", self->font_family, NULL);
      else
        g_object_set (tags[i], "family-set", FALSE, NULL);
      g_object_set (tags[i], "size-points", (double) self->font_size, NULL);
    }

  /* The tag's line-height is GTK 4.6's; its pixels replace the view's
   * fixed ones, so that 1.0 is single spacing. */
  g_object_set (self->body_tag, "line-height", (float) self->line_spacing, "pixels-inside-wrap", 0,
                NULL);
}

static void
apply_zoom (RostraReader *self)
{
  g_object_set (self->title_tag, "scale", TITLE_SCALE * self->zoom, NULL);
  g_object_set (self->meta_tag, "scale", META_SCALE * self->zoom, NULL);
  g_object_set (self->body_tag, "scale", BODY_SCALE * self->zoom, NULL);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reader.zoom-in", self->zoom < ZOOM_MAX);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reader.zoom-out", self->zoom > ZOOM_MIN);
}

/* The metadata line is dimmed like .dim-label, from the current text
 * colour, so it follows light, dark and high contrast styles. */
static void
update_meta_color (RostraReader *self)
{
  GdkRGBA color;

  if (self->meta_tag == NULL)
    return;

  /* Deprecated in GTK 4.10 for gtk_widget_get_color(), which 4.8 lacks. */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), &color);
  G_GNUC_END_IGNORE_DEPRECATIONS
  color.alpha *= META_OPACITY;

  if (gdk_rgba_equal (&color, &self->meta_color))
    return;
  self->meta_color = color;
  g_object_set (self->meta_tag, "foreground-rgba", &color, NULL);
}

/* Actions */

/* @zoom to the nearest step, so that steps add up to round numbers. */
static double
round_zoom (double zoom)
{
  return (double) (gint64) (zoom / ZOOM_STEP + 0.5) * ZOOM_STEP;
}

static void
zoom_in_action (GtkWidget              *widget,
                const char *action_name G_GNUC_UNUSED,
                GVariant *parameter     G_GNUC_UNUSED)
{
  RostraReader *self = ROSTRA_READER (widget);

  rostra_reader_set_zoom (self, round_zoom (self->zoom + ZOOM_STEP));
}

static void
zoom_out_action (GtkWidget              *widget,
                 const char *action_name G_GNUC_UNUSED,
                 GVariant *parameter     G_GNUC_UNUSED)
{
  RostraReader *self = ROSTRA_READER (widget);

  rostra_reader_set_zoom (self, round_zoom (self->zoom - ZOOM_STEP));
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

  hide_selection_popover (ROSTRA_READER (widget));
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

  request_highlight (self, self->highlight_color, FALSE);
}

static void
highlight_with_note_action (GtkWidget              *widget,
                            const char *action_name G_GNUC_UNUSED,
                            GVariant *parameter     G_GNUC_UNUSED)
{
  RostraReader *self = ROSTRA_READER (widget);

  request_highlight (self, self->highlight_color, TRUE);
}

static void
highlight_in_action (GtkWidget *widget, const char *action_name G_GNUC_UNUSED, GVariant *parameter)
{
  const char *color = g_variant_get_string (parameter, NULL);

  if (!is_highlight_color (color))
    {
      g_warning ("“%s” is not a highlight colour", color);
      return;
    }
  request_highlight (ROSTRA_READER (widget), color, FALSE);
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

static void
on_has_selection_changed (RostraReader *self)
{
  gboolean has_selection = gtk_text_buffer_get_has_selection (self->buffer);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reader.copy-quotation", has_selection);
  update_selection_actions (self);
  if (!has_selection)
    hide_selection_popover (self);
}

static void
on_scrolled (RostraReader *self)
{
  hide_selection_popover (self);
}

/* GObject and GtkWidget */

static gboolean
rostra_reader_grab_focus (GtkWidget *widget)
{
  RostraReader *self = ROSTRA_READER (widget);

  if (self->article != NULL)
    return gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
  return GTK_WIDGET_CLASS (rostra_reader_parent_class)->grab_focus (widget);
}

/* The popover is a child of the reader, which presents it. */
static GtkSizeRequestMode
rostra_reader_get_request_mode (GtkWidget *widget)
{
  return gtk_widget_get_request_mode (GTK_WIDGET (ROSTRA_READER (widget)->stack));
}

static void
rostra_reader_measure (GtkWidget     *widget,
                       GtkOrientation orientation,
                       int            for_size,
                       int           *minimum,
                       int           *natural,
                       int           *minimum_baseline,
                       int           *natural_baseline)
{
  gtk_widget_measure (GTK_WIDGET (ROSTRA_READER (widget)->stack), orientation, for_size, minimum,
                      natural, minimum_baseline, natural_baseline);
}

static void
rostra_reader_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  RostraReader *self = ROSTRA_READER (widget);

  gtk_widget_allocate (GTK_WIDGET (self->stack), width, height, baseline, NULL);
  gtk_popover_present (self->selection_popover);
}

static void
rostra_reader_unmap (GtkWidget *widget)
{
  RostraReader *self = ROSTRA_READER (widget);

  hide_selection_popover (self);
  stop_flash (self);
  GTK_WIDGET_CLASS (rostra_reader_parent_class)->unmap (widget);
}

static void
rostra_reader_css_changed (GtkWidget *widget, GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (rostra_reader_parent_class)->css_changed (widget, change);
  update_meta_color (ROSTRA_READER (widget));
  apply_palette (ROSTRA_READER (widget));
}

static void
rostra_reader_dispose (GObject *object)
{
  RostraReader *self = (RostraReader *) object;

  stop_flash (self);
  g_clear_handle_id (&self->release_idle_id, g_source_remove);
  clear_annotations (self);
  g_clear_object (&self->selected_annotation);
  if (self->selection_popover != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->selection_popover));

  gtk_widget_dispose_template (GTK_WIDGET (self), ROSTRA_TYPE_READER);
  self->selection_popover = NULL;
  self->color_box = NULL;
  self->buffer = NULL;
  self->title_tag = NULL;
  self->meta_tag = NULL;
  self->body_tag = NULL;
  self->match_tag = NULL;
  self->current_tag = NULL;
  self->line_start_tags[0] = NULL;
  self->line_start_tags[1] = NULL;
  self->text_start = NULL;
  self->match_mark = NULL;
  self->annotation_mark = NULL;
  self->selected_tag = NULL;
  self->flash_tag = NULL;
  memset (self->annotation_tags, 0, sizeof self->annotation_tags);
  memset (self->selected_tags, 0, sizeof self->selected_tags);
  g_clear_object (&self->article);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (rostra_reader_parent_class)->dispose (object);
}

static void
rostra_reader_finalize (GObject *object)
{
  RostraReader *self = (RostraReader *) object;

  g_strfreev (self->search_terms);
  g_array_unref (self->matches);
  g_ptr_array_unref (self->annotations);
  g_array_unref (self->highlights);
  g_free (self->highlight_color);
  g_free (self->font_family);

  G_OBJECT_CLASS (rostra_reader_parent_class)->finalize (object);
}

static void
rostra_reader_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  RostraReader *self = ROSTRA_READER (object);

  switch (prop_id)
    {
      case PROP_ARTICLE:
        g_value_set_object (value, self->article);
        break;
      case PROP_ZOOM:
        g_value_set_double (value, self->zoom);
        break;
      case PROP_N_MATCHES:
        g_value_set_uint (value, self->matches->len);
        break;
      case PROP_CURRENT_MATCH:
        g_value_set_int (value, self->current_match);
        break;
      case PROP_HIGHLIGHT_COLOR:
        g_value_set_string (value, self->highlight_color);
        break;
      case PROP_FONT_FAMILY:
        g_value_set_string (value, self->font_family);
        break;
      case PROP_FONT_SIZE:
        g_value_set_int (value, self->font_size);
        break;
      case PROP_LINE_SPACING:
        g_value_set_double (value, self->line_spacing);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rostra_reader_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  RostraReader *self = ROSTRA_READER (object);

  switch (prop_id)
    {
      case PROP_ARTICLE:
        rostra_reader_set_article (self, g_value_get_object (value));
        break;
      case PROP_ZOOM:
        rostra_reader_set_zoom (self, g_value_get_double (value));
        break;
      case PROP_HIGHLIGHT_COLOR:
        rostra_reader_set_highlight_color (self, g_value_get_string (value));
        break;
      case PROP_FONT_FAMILY:
        rostra_reader_set_font_family (self, g_value_get_string (value));
        break;
      case PROP_FONT_SIZE:
        rostra_reader_set_font_size (self, g_value_get_int (value));
        break;
      case PROP_LINE_SPACING:
        rostra_reader_set_line_spacing (self, g_value_get_double (value));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rostra_reader_class_init (RostraReaderClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rostra_reader_dispose;
  object_class->finalize = rostra_reader_finalize;
  object_class->get_property = rostra_reader_get_property;
  object_class->set_property = rostra_reader_set_property;

  widget_class->grab_focus = rostra_reader_grab_focus;
  widget_class->css_changed = rostra_reader_css_changed;
  widget_class->get_request_mode = rostra_reader_get_request_mode;
  widget_class->measure = rostra_reader_measure;
  widget_class->size_allocate = rostra_reader_size_allocate;
  widget_class->unmap = rostra_reader_unmap;

  properties[PROP_ARTICLE] =
      g_param_spec_object ("article", NULL, NULL, ROSTRA_TYPE_ARTICLE,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ZOOM] =
      g_param_spec_double ("zoom", NULL, NULL, ZOOM_MIN, ZOOM_MAX, ZOOM_DEFAULT,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_MATCHES] =
      g_param_spec_uint ("n-matches", NULL, NULL, 0, G_MAXUINT, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * RostraReader:current-match:
   *
   * The index of the current search match (the one Ctrl+G went to),
   * -1 while there is none.
   */
  properties[PROP_CURRENT_MATCH] =
      g_param_spec_int ("current-match", NULL, NULL, -1, G_MAXINT, -1,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * RostraReader:highlight-color:
   *
   * The colour of Highlight (Ctrl+H), ringed in the selection popover:
   * the default-highlight-color preference at first and whenever it
   * changes, then the colour the user last highlighted in. One of
   * rostra_annotation_colors().
   */
  properties[PROP_HIGHLIGHT_COLOR] =
      g_param_spec_string ("highlight-color", NULL, NULL, DEFAULT_HIGHLIGHT_COLOR,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * RostraReader:font-family:
   *
   * The font family of the text, or %NULL for the default; follows the
   * GSettings key reader-font.
   */
  properties[PROP_FONT_FAMILY] =
      g_param_spec_string ("font-family", NULL, NULL, NULL,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * RostraReader:font-size:
   *
   * The size of the text in points at zoom 1.0; follows reader-font-size.
   */
  properties[PROP_FONT_SIZE] =
      g_param_spec_int ("font-size", NULL, NULL, FONT_SIZE_MIN, FONT_SIZE_MAX, FONT_SIZE_DEFAULT,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * RostraReader:line-spacing:
   *
   * The height of the lines of the text as a factor of the font's
   * natural line height; follows reader-line-spacing.
   */
  properties[PROP_LINE_SPACING] = g_param_spec_double (
      "line-spacing", NULL, NULL, LINE_SPACING_MIN, LINE_SPACING_MAX, LINE_SPACING_DEFAULT,
      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RostraReader::highlight-requested:
   * @self: the reader
   * @color: the colour to highlight in, one of rostra_annotation_colors()
   * @open_note: whether to open the new annotation's note for editing
   *
   * The user asked to highlight the selected part of the article text,
   * which rostra_reader_get_selection() gives during the emission. The
   * reader makes no annotation itself: the handler saves one and hands
   * the annotations back with rostra_reader_set_annotations(). The
   * reader has set #RostraReader:highlight-color to @color before, and
   * unselects the text after.
   */
  signals[HIGHLIGHT_REQUESTED] =
      g_signal_new ("highlight-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                    NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_BOOLEAN);

  /**
   * RostraReader::annotation-activated:
   * @self: the reader
   * @annotation: the annotation clicked
   *
   * The user clicked on a highlighted passage, without dragging: on the
   * shortest annotation there, as rostra_reader_annotation_at() finds
   * it. The reader does not select it; rostra_reader_select_annotation()
   * does.
   */
  signals[ANNOTATION_ACTIVATED] =
      g_signal_new ("annotation-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                    NULL, NULL, G_TYPE_NONE, 1, ROSTRA_TYPE_ANNOTATION);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rostra/Rostra/rostra-reader.ui");
  gtk_widget_class_bind_template_child (widget_class, RostraReader, stack);
  gtk_widget_class_bind_template_child (widget_class, RostraReader, status_page);
  gtk_widget_class_bind_template_child (widget_class, RostraReader, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, RostraReader, text_view);
  gtk_widget_class_bind_template_child (widget_class, RostraReader, selection_popover);
  gtk_widget_class_bind_template_child (widget_class, RostraReader, color_box);
  gtk_widget_class_bind_template_callback (widget_class, on_key_pressed);

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

static void
on_default_highlight_color_changed (RostraReader       *self,
                                    const char *key     G_GNUC_UNUSED,
                                    GSettings *settings G_GNUC_UNUSED)
{
  rostra_reader_set_highlight_color (self, NULL);
}

/* Follows the preferences, where the schema is installed with them. */
static void
bind_settings (RostraReader *self)
{
  static const char *const keys[] = { "reader-font", "reader-font-size", "reader-line-spacing",
                                      "default-highlight-color" };
  GSettingsSchemaSource   *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    if (!g_settings_schema_has_key (schema, keys[i]))
      return;

  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "reader-font", self, "font-family", G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "reader-font-size", self, "font-size", G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "reader-line-spacing", self, "line-spacing",
                   G_SETTINGS_BIND_GET);
  g_signal_connect_swapped (self->settings, "changed::default-highlight-color",
                            G_CALLBACK (on_default_highlight_color_changed), self);
  rostra_reader_set_highlight_color (self, NULL);
}

/* The colour buttons of the popover show which one Ctrl+H uses. */
static void
update_color_buttons (RostraReader *self)
{
  if (self->color_box == NULL)
    return;

  for (GtkWidget *button = gtk_widget_get_first_child (GTK_WIDGET (self->color_box));
       button != NULL; button = gtk_widget_get_next_sibling (button))
    {
      GVariant *target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (button));
      gboolean  current = target != NULL && g_strcmp0 (g_variant_get_string (target, NULL),
                                                       self->highlight_color) == 0;

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

static void
show_caret (GtkTextView *view)
{
  gtk_text_view_set_cursor_visible (view, TRUE);
}

static void
hide_caret (GtkTextView *view)
{
  gtk_text_view_set_cursor_visible (view, FALSE);
}

static void
rostra_reader_init (RostraReader *self)
{
  guint                     n_colors = 0;
  const RostraPaletteColor *palette = rostra_palette_get_colors (&n_colors);
  GtkEventController       *focus;
  GtkGesture               *click;
  GtkTextIter               start;

  gtk_widget_init_template (GTK_WIDGET (self));
  rostra_ui_name_controls (GTK_WIDGET (self));

  self->zoom = ZOOM_DEFAULT;
  self->font_size = FONT_SIZE_DEFAULT;
  self->line_spacing = LINE_SPACING_DEFAULT;
  self->current_match = -1;
  self->matches = g_array_new (FALSE, FALSE, sizeof (RostraTextSpan));
  self->annotations = g_ptr_array_new_with_free_func (g_object_unref);
  self->highlights = g_array_new (FALSE, FALSE, sizeof (RostraHighlight));
  self->highlight_color = g_strdup (DEFAULT_HIGHLIGHT_COLOR);
  self->has_text_selection = -1;

  self->buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_set_enable_undo (self->buffer, FALSE);

  self->title_tag = gtk_text_buffer_create_tag (self->buffer, "title", "weight", 800,
                                                "pixels-below-lines", 8, NULL);
  self->meta_tag = gtk_text_buffer_create_tag (self->buffer, "meta", NULL);
  self->body_tag = gtk_text_buffer_create_tag (self->buffer, "body", NULL);

  /* The annotations, each level over the one before, then the selected
   * one and its flash, all under the search matches. */
  g_assert (n_colors == N_COLORS);
  for (guint level = 0; level < N_LEVELS; level++)
    for (guint i = 0; i < N_COLORS; i++)
      {
        g_autofree char *name = level == 0
                                    ? g_strdup_printf ("annotation-%s", palette[i].name)
                                    : g_strdup_printf ("annotation-%s-%u", palette[i].name, level);

        self->annotation_tags[i][level] = gtk_text_buffer_create_tag (self->buffer, name, NULL);
      }
  for (guint i = 0; i < N_COLORS; i++)
    {
      g_autofree char *name = g_strdup_printf ("annotation-%s-selected", palette[i].name);

      self->selected_tags[i] = gtk_text_buffer_create_tag (self->buffer, name, NULL);
    }
  self->selected_tag = gtk_text_buffer_create_tag (self->buffer, "annotation-selected", "underline",
                                                   PANGO_UNDERLINE_SINGLE, NULL);
  self->flash_tag = gtk_text_buffer_create_tag (self->buffer, "annotation-flash", NULL);

  /* Created last, the current match's tag wins over the others. */
  self->match_tag = gtk_text_buffer_create_tag (self->buffer, "search-match", NULL);
  self->current_tag = gtk_text_buffer_create_tag (self->buffer, "search-current", NULL);
  apply_palette (self);

  self->line_start_tags[0] = gtk_text_buffer_create_tag (self->buffer, NULL, NULL);
  self->line_start_tags[1] = gtk_text_buffer_create_tag (self->buffer, NULL, NULL);

  gtk_text_buffer_get_start_iter (self->buffer, &start);
  self->text_start = gtk_text_buffer_create_mark (self->buffer, "text-start", &start, TRUE);
  self->match_mark = gtk_text_buffer_create_mark (self->buffer, NULL, &start, TRUE);
  self->annotation_mark = gtk_text_buffer_create_mark (self->buffer, NULL, &start, TRUE);

  g_signal_connect_object (self->buffer, "notify::has-selection",
                           G_CALLBACK (on_has_selection_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->buffer, "mark-set", G_CALLBACK (on_mark_set), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->scrolled_window),
                           "value-changed", G_CALLBACK (on_scrolled), self, G_CONNECT_SWAPPED);

  /* Clicks and drags on the text: the text view selects, then the
   * reader shows the popover or activates an annotation. */
  /* A caret while the text has the focus: the keyboard moves it and
   * Shift selects, as in any text (not only in GTK's caret mode, F7). */
  focus = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (focus, "enter", G_CALLBACK (show_caret), self->text_view);
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (hide_caret), self->text_view);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), focus);

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "pressed", G_CALLBACK (on_click_pressed), self);
  g_signal_connect (click, "released", G_CALLBACK (on_click_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), GTK_EVENT_CONTROLLER (click));

  gtk_widget_set_parent (GTK_WIDGET (self->selection_popover), GTK_WIDGET (self));
  fill_color_box (self);
  update_color_buttons (self);

  apply_zoom (self);
  apply_font (self);
  bind_settings (self);
  update_meta_color (self);
  update_match_actions (self);
  on_has_selection_changed (self);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

/**
 * rostra_reader_new:
 *
 * Returns: (transfer floating): a new, empty reader
 */
RostraReader *
rostra_reader_new (void)
{
  return g_object_new (ROSTRA_TYPE_READER, NULL);
}

/**
 * rostra_reader_set_article:
 * @article: (nullable): an article with its text loaded, or %NULL to
 *   show the empty state
 *
 * Shows @article from its start, highlighting the search terms in it.
 */
void
rostra_reader_set_article (RostraReader *self, RostraArticle *article)
{
  g_return_if_fail (ROSTRA_IS_READER (self));
  g_return_if_fail (article == NULL || ROSTRA_IS_ARTICLE (article));
  g_return_if_fail (article == NULL || rostra_article_get_text (article) != NULL);

  if (!g_set_object (&self->article, article))
    return;

  fill_buffer (self);
  draw_annotations (self);
  update_matches (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ARTICLE]);
}

/**
 * rostra_reader_get_article:
 *
 * Returns: (transfer none) (nullable): the article shown
 */
RostraArticle *
rostra_reader_get_article (RostraReader *self)
{
  g_return_val_if_fail (ROSTRA_IS_READER (self), NULL);
  return self->article;
}

/**
 * rostra_reader_set_search_terms:
 * @terms: (nullable) (array zero-terminated=1): the words or phrases to
 *   highlight, or %NULL for none
 *
 * Highlights every occurrence of every term in the article text,
 * ignoring case and diacritics. The terms stay when the article
 * changes. No match is current until rostra_reader_next_match().
 */
void
rostra_reader_set_search_terms (RostraReader *self, const char *const *terms)
{
  g_return_if_fail (ROSTRA_IS_READER (self));

  if (terms != NULL && terms[0] == NULL)
    terms = NULL;
  if (terms == NULL && self->search_terms == NULL)
    return;
  if (terms != NULL && self->search_terms != NULL &&
      g_strv_equal ((const char *const *) self->search_terms, terms))
    return;

  g_strfreev (self->search_terms);
  self->search_terms = g_strdupv ((char **) terms);
  update_matches (self);
}

guint
rostra_reader_get_n_matches (RostraReader *self)
{
  g_return_val_if_fail (ROSTRA_IS_READER (self), 0);
  return self->matches->len;
}

int
rostra_reader_get_current_match (RostraReader *self)
{
  g_return_val_if_fail (ROSTRA_IS_READER (self), -1);
  return self->current_match;
}

/**
 * rostra_reader_next_match:
 *
 * Makes the match after the current one current (the first one after
 * the last), selects it and scrolls it into view.
 *
 * Returns: %FALSE if there is no match
 */
gboolean
rostra_reader_next_match (RostraReader *self)
{
  int n_matches;

  g_return_val_if_fail (ROSTRA_IS_READER (self), FALSE);

  n_matches = (int) self->matches->len;
  if (n_matches == 0)
    return FALSE;

  select_match (self, (self->current_match + 1) % n_matches);
  return TRUE;
}

/**
 * rostra_reader_previous_match:
 *
 * Like rostra_reader_next_match(), backwards: the last match comes
 * before the first.
 *
 * Returns: %FALSE if there is no match
 */
gboolean
rostra_reader_previous_match (RostraReader *self)
{
  int n_matches;

  g_return_val_if_fail (ROSTRA_IS_READER (self), FALSE);

  n_matches = (int) self->matches->len;
  if (n_matches == 0)
    return FALSE;

  select_match (self, self->current_match <= 0 ? n_matches - 1 : self->current_match - 1);
  return TRUE;
}

double
rostra_reader_get_zoom (RostraReader *self)
{
  g_return_val_if_fail (ROSTRA_IS_READER (self), ZOOM_DEFAULT);
  return self->zoom;
}

/**
 * rostra_reader_set_zoom:
 * @zoom: the text size relative to the default, clamped to 0.5–3.0
 */
void
rostra_reader_set_zoom (RostraReader *self, double zoom)
{
  g_return_if_fail (ROSTRA_IS_READER (self));

  zoom = CLAMP (zoom, ZOOM_MIN, ZOOM_MAX);
  if (G_APPROX_VALUE (zoom, self->zoom, 1e-9))
    return;

  self->zoom = zoom;
  apply_zoom (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

/**
 * rostra_reader_get_text_view:
 *
 * Returns: (transfer none): the view, for the annotation tags
 */
GtkTextView *
rostra_reader_get_text_view (RostraReader *self)
{
  g_return_val_if_fail (ROSTRA_IS_READER (self), NULL);
  return self->text_view;
}

/**
 * rostra_reader_get_text_offset:
 *
 * Returns: the character offset in the buffer where the article text
 *   starts (0 without an article)
 */
int
rostra_reader_get_text_offset (RostraReader *self)
{
  GtkTextIter iter;

  g_return_val_if_fail (ROSTRA_IS_READER (self), 0);

  gtk_text_buffer_get_iter_at_mark (self->buffer, &iter, self->text_start);
  return gtk_text_iter_get_offset (&iter);
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

  g_ptr_array_add (parts, g_strdup (get_title (self->article)));
  source = rostra_article_get_source (self->article);
  if (is_set (source))
    g_ptr_array_add (parts, g_strdup (source));
  date = dup_date_text (self->article);
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
  clear_annotations (self);
  self->annotation_model = annotations;

  if (annotations != NULL)
    {
      g_signal_connect_swapped (annotations, "items-changed", G_CALLBACK (on_annotations_changed),
                                self);
      watch_annotations (self, 0, g_list_model_get_n_items (annotations));
    }

  update_selected_annotation (self);
  draw_annotations (self);
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
  stop_flash (self);

  for (guint i = 0; annotation != NULL && i < self->highlights->len; i++)
    if (g_array_index (self->highlights, RostraHighlight, i).annotation == annotation)
      selected = &g_array_index (self->highlights, RostraHighlight, i);

  if (selected != NULL)
    {
      GtkTextIter iter;

      get_text_iter (self, &iter, selected->start);
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
  return find_annotation_at (self, (int) article_offset);
}

/**
 * rostra_reader_get_highlight_color:
 *
 * Returns: the colour last highlighted in, "yellow" at first
 */
const char *
rostra_reader_get_highlight_color (RostraReader *self)
{
  g_return_val_if_fail (ROSTRA_IS_READER (self), NULL);
  return self->highlight_color;
}

/**
 * rostra_reader_set_highlight_color:
 * @color: (nullable): one of rostra_annotation_colors(), or %NULL for
 *   the default: the GSettings key default-highlight-color, yellow
 *   without it
 *
 * Sets the colour of "reader.highlight" and "reader.highlight-with-note",
 * the one the selection popover rings.
 */
void
rostra_reader_set_highlight_color (RostraReader *self, const char *color)
{
  g_return_if_fail (ROSTRA_IS_READER (self));
  g_return_if_fail (color == NULL || is_highlight_color (color));

  if (color == NULL && self->settings != NULL)
    {
      g_autofree char *preferred =
          g_settings_get_string (self->settings, "default-highlight-color");

      rostra_reader_set_highlight_color (self, is_highlight_color (preferred) ? preferred : NULL);
      return;
    }
  if (color == NULL)
    color = DEFAULT_HIGHLIGHT_COLOR;
  if (g_strcmp0 (self->highlight_color, color) == 0)
    return;

  g_free (self->highlight_color);
  self->highlight_color = g_strdup (color);
  update_color_buttons (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIGHLIGHT_COLOR]);
}

/**
 * rostra_reader_get_font_family:
 *
 * Returns: (nullable): the font family of the text, %NULL for the default
 */
const char *
rostra_reader_get_font_family (RostraReader *self)
{
  g_return_val_if_fail (ROSTRA_IS_READER (self), NULL);
  return self->font_family;
}

/**
 * rostra_reader_set_font_family:
 * @family: (nullable): a font family, or %NULL or "" for the default
 */
void
rostra_reader_set_font_family (RostraReader *self, const char *family)
{
  g_return_if_fail (ROSTRA_IS_READER (self));

  if (!is_set (family))
    family = NULL;
  if (g_strcmp0 (self->font_family, family) == 0)
    return;

  g_free (self->font_family);
  self->font_family = g_strdup (family);
  apply_font (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FONT_FAMILY]);
}

int
rostra_reader_get_font_size (RostraReader *self)
{
  g_return_val_if_fail (ROSTRA_IS_READER (self), FONT_SIZE_DEFAULT);
  return self->font_size;
}

/**
 * rostra_reader_set_font_size:
 * @size: the size of the text in points at zoom 1.0, clamped to 8–32
 */
void
rostra_reader_set_font_size (RostraReader *self, int size)
{
  g_return_if_fail (ROSTRA_IS_READER (self));

  size = CLAMP (size, FONT_SIZE_MIN, FONT_SIZE_MAX);
  if (size == self->font_size)
    return;

  self->font_size = size;
  apply_font (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FONT_SIZE]);
}

double
rostra_reader_get_line_spacing (RostraReader *self)
{
  g_return_val_if_fail (ROSTRA_IS_READER (self), LINE_SPACING_DEFAULT);
  return self->line_spacing;
}

/**
 * rostra_reader_set_line_spacing:
 * @spacing: the height of the lines as a factor of the font's natural
 *   line height, clamped to 1.0–2.5
 */
void
rostra_reader_set_line_spacing (RostraReader *self, double spacing)
{
  g_return_if_fail (ROSTRA_IS_READER (self));

  spacing = CLAMP (spacing, LINE_SPACING_MIN, LINE_SPACING_MAX);
  if (G_APPROX_VALUE (spacing, self->line_spacing, 1e-9))
    return;

  self->line_spacing = spacing;
  apply_font (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LINE_SPACING]);
}
