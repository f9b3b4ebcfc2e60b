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
 *
 * This file holds the reader's life, its buffer, fonts and zoom;
 * rostra-reader-private.h says where the rest is.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "rostra-language.h"
#include "rostra-reader-private.h"
#include "rostra-store.h"
#include "rostra-ui-utils.h"

G_DEFINE_FINAL_TYPE (RostraReader, rostra_reader, GTK_TYPE_WIDGET)

GParamSpec *_rostra_reader_properties[N_PROPS];

guint _rostra_reader_signals[N_SIGNALS];

/* The publication date in the user's locale, or %NULL. */
char *
_rostra_reader_dup_date_text (RostraArticle *article)
{
  return rostra_article_dup_date_label (article, FALSE);
}

const char *
_rostra_reader_get_title (RostraArticle *article)
{
  const char *title = rostra_article_get_title (article);

  if (title == NULL || *title == '\0')
    return _("Untitled");
  return title;
}

gboolean
_rostra_reader_is_set (const char *str)
{
  return str != NULL && *str != '\0';
}

/* The buffer iter at @offset characters into the article text. */
void
_rostra_reader_get_text_iter (RostraReader *self, GtkTextIter *iter, int offset)
{
  int text_offset = rostra_reader_get_text_offset (self);

  gtk_text_buffer_get_iter_at_offset (self->buffer, iter, text_offset + offset);
}

/* The article text in the buffer. */
void
_rostra_reader_get_text_bounds (RostraReader *self, GtkTextIter *start, GtkTextIter *end)
{
  gtk_text_buffer_get_iter_at_mark (self->buffer, start, self->text_start);
  gtk_text_buffer_get_end_iter (self->buffer, end);
}

int
_rostra_reader_get_text_length (RostraReader *self)
{
  GtkTextIter start, end;

  if (self->article == NULL)
    return 0;
  _rostra_reader_get_text_bounds (self, &start, &end);
  return gtk_text_iter_get_offset (&end) - gtk_text_iter_get_offset (&start);
}

/* The buffer */

/* GTK 4.8 lays out a line with the style it last used, from whatever
 * line it laid out before, until the line's first tag toggle: redrawing
 * a few lines, as for a selection, then shows a paragraph in the style
 * of the heading or of a match. A toggle at the start of every line
 * makes it start afresh. The two tags, without any property, take
 * turns, since a tag on two neighbouring characters would be one range
 * with no toggle between them. */
void
_rostra_reader_mark_line_starts (RostraReader *self)
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

  _rostra_reader_hide_selection_popover (self);
  _rostra_reader_stop_flash (self);
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
  gtk_text_buffer_insert_with_tags (self->buffer, &iter, _rostra_reader_get_title (self->article),
                                    -1, self->title_tag, NULL);
  gtk_text_buffer_insert (self->buffer, &iter, "\n", -1);
  gtk_text_buffer_insert_with_tags (self->buffer, &iter, meta, -1, self->meta_tag, NULL);
  gtk_text_buffer_insert (self->buffer, &iter, "\n\n", -1);

  /* Left gravity: the mark stays before the text inserted at it. */
  gtk_text_buffer_move_mark (self->buffer, self->text_start, &iter);
  gtk_text_buffer_insert_with_tags (self->buffer, &iter, rostra_article_get_text (self->article),
                                    -1, self->body_tag, NULL);
  _rostra_reader_mark_line_starts (self);

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
      if (_rostra_reader_is_set (self->font_family))
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
double
_rostra_reader_round_zoom (double zoom)
{
  return (double) (gint64) (zoom / ZOOM_STEP + 0.5) * ZOOM_STEP;
}

static void
on_scrolled (RostraReader *self)
{
  _rostra_reader_hide_selection_popover (self);
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

  _rostra_reader_hide_selection_popover (self);
  _rostra_reader_stop_flash (self);
  GTK_WIDGET_CLASS (rostra_reader_parent_class)->unmap (widget);
}

static void
rostra_reader_css_changed (GtkWidget *widget, GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (rostra_reader_parent_class)->css_changed (widget, change);
  update_meta_color (ROSTRA_READER (widget));
  _rostra_reader_apply_palette (ROSTRA_READER (widget));
}

static void
rostra_reader_dispose (GObject *object)
{
  RostraReader *self = (RostraReader *) object;

  _rostra_reader_stop_flash (self);
  g_clear_handle_id (&self->release_idle_id, g_source_remove);
  _rostra_reader_clear_annotations (self);
  g_clear_object (&self->selected_annotation);
  if (self->selection_popover != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->selection_popover));

  gtk_widget_dispose_template (GTK_WIDGET (self), ROSTRA_TYPE_READER);
  self->selection_popover = NULL;
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

  _rostra_reader_properties[PROP_ARTICLE] =
      g_param_spec_object ("article", NULL, NULL, ROSTRA_TYPE_ARTICLE,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  _rostra_reader_properties[PROP_ZOOM] =
      g_param_spec_double ("zoom", NULL, NULL, ZOOM_MIN, ZOOM_MAX, ZOOM_DEFAULT,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  _rostra_reader_properties[PROP_N_MATCHES] =
      g_param_spec_uint ("n-matches", NULL, NULL, 0, G_MAXUINT, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * RostraReader:current-match:
   *
   * The index of the current search match (the one Ctrl+G went to),
   * -1 while there is none.
   */
  _rostra_reader_properties[PROP_CURRENT_MATCH] =
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
  _rostra_reader_properties[PROP_HIGHLIGHT_COLOR] =
      g_param_spec_string ("highlight-color", NULL, NULL, DEFAULT_HIGHLIGHT_COLOR,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * RostraReader:font-family:
   *
   * The font family of the text, or %NULL for the default; follows the
   * GSettings key reader-font.
   */
  _rostra_reader_properties[PROP_FONT_FAMILY] =
      g_param_spec_string ("font-family", NULL, NULL, NULL,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * RostraReader:font-size:
   *
   * The size of the text in points at zoom 1.0; follows reader-font-size.
   */
  _rostra_reader_properties[PROP_FONT_SIZE] =
      g_param_spec_int ("font-size", NULL, NULL, FONT_SIZE_MIN, FONT_SIZE_MAX, FONT_SIZE_DEFAULT,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * RostraReader:line-spacing:
   *
   * The height of the lines of the text as a factor of the font's
   * natural line height; follows reader-line-spacing.
   */
  _rostra_reader_properties[PROP_LINE_SPACING] = g_param_spec_double (
      "line-spacing", NULL, NULL, LINE_SPACING_MIN, LINE_SPACING_MAX, LINE_SPACING_DEFAULT,
      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, _rostra_reader_properties);

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
  _rostra_reader_signals[HIGHLIGHT_REQUESTED] =
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
  _rostra_reader_signals[ANNOTATION_ACTIVATED] =
      g_signal_new ("annotation-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                    NULL, NULL, G_TYPE_NONE, 1, ROSTRA_TYPE_ANNOTATION);

  g_type_ensure (ROSTRA_TYPE_SELECTION_POPOVER);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rostra/Rostra/rostra-reader.ui");
  gtk_widget_class_bind_template_child (widget_class, RostraReader, stack);
  gtk_widget_class_bind_template_child (widget_class, RostraReader, status_page);
  gtk_widget_class_bind_template_child (widget_class, RostraReader, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, RostraReader, text_view);
  gtk_widget_class_bind_template_child (widget_class, RostraReader, selection_popover);
  gtk_widget_class_bind_template_callback_full (widget_class, "on_key_pressed",
                                                G_CALLBACK (_rostra_reader_on_key_pressed));

  _rostra_reader_class_init_actions (widget_class);
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
  _rostra_reader_apply_palette (self);

  self->line_start_tags[0] = gtk_text_buffer_create_tag (self->buffer, NULL, NULL);
  self->line_start_tags[1] = gtk_text_buffer_create_tag (self->buffer, NULL, NULL);

  gtk_text_buffer_get_start_iter (self->buffer, &start);
  self->text_start = gtk_text_buffer_create_mark (self->buffer, "text-start", &start, TRUE);
  self->match_mark = gtk_text_buffer_create_mark (self->buffer, NULL, &start, TRUE);
  self->annotation_mark = gtk_text_buffer_create_mark (self->buffer, NULL, &start, TRUE);

  g_signal_connect_object (self->buffer, "notify::has-selection",
                           G_CALLBACK (_rostra_reader_on_has_selection_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->buffer, "mark-set", G_CALLBACK (_rostra_reader_on_mark_set), self,
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
  g_signal_connect (click, "pressed", G_CALLBACK (_rostra_reader_on_click_pressed), self);
  g_signal_connect (click, "released", G_CALLBACK (_rostra_reader_on_click_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), GTK_EVENT_CONTROLLER (click));

  gtk_widget_set_parent (GTK_WIDGET (self->selection_popover), GTK_WIDGET (self));
  rostra_selection_popover_set_current_color (ROSTRA_SELECTION_POPOVER (self->selection_popover),
                                              self->highlight_color);

  apply_zoom (self);
  apply_font (self);
  bind_settings (self);
  update_meta_color (self);
  _rostra_reader_update_match_actions (self);
  _rostra_reader_on_has_selection_changed (self);
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
  _rostra_reader_draw_annotations (self);
  _rostra_reader_update_matches (self);
  g_object_notify_by_pspec (G_OBJECT (self), _rostra_reader_properties[PROP_ARTICLE]);
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
  g_object_notify_by_pspec (G_OBJECT (self), _rostra_reader_properties[PROP_ZOOM]);
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
  g_return_if_fail (color == NULL || _rostra_reader_is_highlight_color (color));

  if (color == NULL && self->settings != NULL)
    {
      g_autofree char *preferred =
          g_settings_get_string (self->settings, "default-highlight-color");

      rostra_reader_set_highlight_color (
          self, _rostra_reader_is_highlight_color (preferred) ? preferred : NULL);
      return;
    }
  if (color == NULL)
    color = DEFAULT_HIGHLIGHT_COLOR;
  if (g_strcmp0 (self->highlight_color, color) == 0)
    return;

  g_free (self->highlight_color);
  self->highlight_color = g_strdup (color);
  if (self->selection_popover != NULL)
    rostra_selection_popover_set_current_color (ROSTRA_SELECTION_POPOVER (self->selection_popover),
                                                self->highlight_color);
  g_object_notify_by_pspec (G_OBJECT (self), _rostra_reader_properties[PROP_HIGHLIGHT_COLOR]);
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

  if (!_rostra_reader_is_set (family))
    family = NULL;
  if (g_strcmp0 (self->font_family, family) == 0)
    return;

  g_free (self->font_family);
  self->font_family = g_strdup (family);
  apply_font (self);
  g_object_notify_by_pspec (G_OBJECT (self), _rostra_reader_properties[PROP_FONT_FAMILY]);
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
  g_object_notify_by_pspec (G_OBJECT (self), _rostra_reader_properties[PROP_FONT_SIZE]);
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
  g_object_notify_by_pspec (G_OBJECT (self), _rostra_reader_properties[PROP_LINE_SPACING]);
}
