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
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "rostra-language.h"
#include "rostra-reader.h"

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

/* The backgrounds of the search matches, translucent over the view's
 * background with the theme's text colour on top, so readable in light
 * and dark styles: rgba(255, 200, 0, 0.35) and, for the current match,
 * a stronger orange, rgba(255, 120, 0, 0.55). */
static const GdkRGBA match_color = { 1.0f, 0.784f, 0.0f, 0.35f };
static const GdkRGBA current_match_color = { 1.0f, 0.471f, 0.0f, 0.55f };

/* Where the current match is scrolled to, as a fraction of the view. */
#define SCROLL_MARGIN 0.2

/* A match, in character offsets into the article text. */
typedef struct
{
  int start;
  int end;
} Match;

struct _RostraReader
{
  GtkWidget parent_instance;

  RostraArticle *article;
  char         **search_terms;
  GArray        *matches;
  int            current_match;
  double         zoom;

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
};

G_DEFINE_FINAL_TYPE (RostraReader, rostra_reader, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_ARTICLE,
  PROP_ZOOM,
  PROP_N_MATCHES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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

/* Folding, for search */

/* Appends @c case folded and decomposed, without its combining marks,
 * so that “Genève” and “GENEVE” both give “geneve”. */
static void
append_folded_char (GString *folded, gunichar c)
{
  char             utf8[6];
  g_autofree char *casefolded = NULL;
  g_autofree char *decomposed = NULL;

  if (c < 0x80)
    {
      g_string_append_c (folded, g_ascii_tolower ((char) c));
      return;
    }

  casefolded = g_utf8_casefold (utf8, g_unichar_to_utf8 (c, utf8));
  decomposed = g_utf8_normalize (casefolded, -1, G_NORMALIZE_NFD);
  if (decomposed == NULL)
    return;

  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar d = g_utf8_get_char (p);

      if (g_unichar_ismark (d) || g_unichar_combining_class (d) != 0)
        continue;
      g_string_append_unichar (folded, d);
    }
}

/* The folded form of @text. When @map is given, it gets for each byte
 * of the result the character offset in @text it comes from, and
 * @n_chars the length of @text in characters. */
static char *
fold_text (const char *text, GArray *map, int *n_chars)
{
  GString *folded = g_string_sized_new (strlen (text) + 1);
  int      offset = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p), offset++)
    {
      gsize before = folded->len;

      append_folded_char (folded, g_utf8_get_char (p));
      for (gsize i = before; map != NULL && i < folded->len; i++)
        g_array_append_val (map, offset);
    }

  if (n_chars != NULL)
    *n_chars = offset;
  return g_string_free (folded, FALSE);
}

static int
compare_matches (gconstpointer a, gconstpointer b)
{
  const Match *match_a = a;
  const Match *match_b = b;

  if (match_a->start != match_b->start)
    return match_a->start < match_b->start ? -1 : 1;
  if (match_a->end != match_b->end)
    return match_a->end < match_b->end ? -1 : 1;
  return 0;
}

/* Fills self->matches with every occurrence of every search term in the
 * article text, sorted, without duplicates. */
static void
find_matches (RostraReader *self)
{
  g_autoptr (GArray) map = NULL;
  g_autofree char *folded = NULL;
  int              n_chars = 0;
  guint            n_unique = 0;

  g_array_set_size (self->matches, 0);
  self->current_match = -1;

  if (self->article == NULL || self->search_terms == NULL || self->search_terms[0] == NULL)
    return;

  map = g_array_new (FALSE, FALSE, sizeof (int));
  folded = fold_text (rostra_article_get_text (self->article), map, &n_chars);

  for (guint i = 0; self->search_terms[i] != NULL; i++)
    {
      g_autofree char *term = g_strstrip (fold_text (self->search_terms[i], NULL, NULL));
      gsize            len = strlen (term);

      if (len == 0)
        continue;

      /* The folded text and term are valid UTF-8, so a match starts and
       * ends on character boundaries. */
      gboolean word_term = g_unichar_isalnum (g_utf8_get_char (term));

      for (const char *p = folded; (p = strstr (p, term)) != NULL; p = g_utf8_next_char (p))
        {
          gsize first = p - folded;
          gsize after = first + len;
          int   last = g_array_index (map, int, after - 1);
          Match match;

          /* Words match where they start, as the search finds them:
           * “haven” is in “haven” and “havens”, not in “Korvenhaven”. */
          if (word_term && p > folded && g_unichar_isalnum (g_utf8_get_char (g_utf8_prev_char (p))))
            continue;

          match.start = g_array_index (map, int, first);
          /* Up to the next character that folds to something, so that
           * combining marks after the last letter are part of the match;
           * but never past a character the match ends inside of, such
           * as “ß” for “s”. */
          if (after == map->len)
            match.end = n_chars;
          else if (g_array_index (map, int, after) == last)
            match.end = last + 1;
          else
            match.end = g_array_index (map, int, after);

          g_array_append_val (self->matches, match);
        }
    }

  g_array_sort (self->matches, compare_matches);
  for (guint i = 0; i < self->matches->len; i++)
    {
      Match *match = &g_array_index (self->matches, Match, i);

      if (n_unique > 0 &&
          compare_matches (match, &g_array_index (self->matches, Match, n_unique - 1)) == 0)
        continue;
      g_array_index (self->matches, Match, n_unique++) = *match;
    }
  g_array_set_size (self->matches, n_unique);
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
      const Match *match = &g_array_index (self->matches, Match, i);

      get_text_iter (self, &start, match->start);
      get_text_iter (self, &end, match->end);
      gtk_text_buffer_apply_tag (self->buffer, self->match_tag, &start, &end);
    }

  update_match_actions (self);

  if (old_n_matches != self->matches->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_MATCHES]);
}

/* Makes match @index the current one: highlights, selects and shows it. */
static void
select_match (RostraReader *self, int index)
{
  const Match *match = &g_array_index (self->matches, Match, index);
  GtkTextIter  start, end;

  if (self->current_match >= 0)
    {
      const Match *old = &g_array_index (self->matches, Match, self->current_match);

      get_text_iter (self, &start, old->start);
      get_text_iter (self, &end, old->end);
      gtk_text_buffer_remove_tag (self->buffer, self->current_tag, &start, &end);
    }

  self->current_match = index;

  get_text_iter (self, &start, match->start);
  get_text_iter (self, &end, match->end);
  gtk_text_buffer_apply_tag (self->buffer, self->current_tag, &start, &end);
  gtk_text_buffer_select_range (self->buffer, &start, &end);

  gtk_text_buffer_move_mark (self->buffer, self->match_mark, &start);
  gtk_text_view_scroll_to_mark (self->text_view, self->match_mark, SCROLL_MARGIN, FALSE, 0, 0);
}

/* The buffer */

static char *
dup_meta_line (RostraArticle *article)
{
  g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *date = dup_date_text (article);
  const char      *source = rostra_article_get_source (article);
  const char      *language = rostra_article_get_language (article);
  const char      *imported_from = rostra_article_get_imported_from (article);

  if (date != NULL)
    g_ptr_array_add (parts, g_steal_pointer (&date));
  if (is_set (source))
    g_ptr_array_add (parts, g_strdup (source));
  if (is_set (language))
    g_ptr_array_add (parts, g_strdup (rostra_language_get_name (language)));
  if (is_set (imported_from))
    /* Translators: in the line under a speech's title; %s is the name
     * of the file it was imported from. */
    g_ptr_array_add (parts, g_strdup_printf (_("Imported from %s"), imported_from));
  g_ptr_array_add (parts, NULL);

  /* Translators: between the date, source, language and file of a
   * speech, in the line under its title. */
  return g_strjoinv (C_ ("metadata separator", " · "), (char **) parts->pdata);
}

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

  gtk_text_buffer_set_text (self->buffer, "", 0);
  gtk_text_buffer_get_start_iter (self->buffer, &iter);
  gtk_text_buffer_move_mark (self->buffer, self->text_start, &iter);
  gtk_text_buffer_move_mark (self->buffer, self->match_mark, &iter);

  if (self->article == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  meta = dup_meta_line (self->article);
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

  if (quotation == NULL)
    {
      gtk_widget_error_bell (widget);
      return;
    }
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), quotation);
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
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reader.copy-quotation",
                                 gtk_text_buffer_get_has_selection (self->buffer));
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

static void
rostra_reader_css_changed (GtkWidget *widget, GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (rostra_reader_parent_class)->css_changed (widget, change);
  update_meta_color (ROSTRA_READER (widget));
}

static void
rostra_reader_dispose (GObject *object)
{
  RostraReader *self = (RostraReader *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), ROSTRA_TYPE_READER);
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
  g_clear_object (&self->article);

  G_OBJECT_CLASS (rostra_reader_parent_class)->dispose (object);
}

static void
rostra_reader_finalize (GObject *object)
{
  RostraReader *self = (RostraReader *) object;

  g_strfreev (self->search_terms);
  g_array_unref (self->matches);

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

  properties[PROP_ARTICLE] =
      g_param_spec_object ("article", NULL, NULL, ROSTRA_TYPE_ARTICLE,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ZOOM] =
      g_param_spec_double ("zoom", NULL, NULL, ZOOM_MIN, ZOOM_MAX, ZOOM_DEFAULT,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_MATCHES] =
      g_param_spec_uint ("n-matches", NULL, NULL, 0, G_MAXUINT, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rostra/Rostra/rostra-reader.ui");
  gtk_widget_class_bind_template_child (widget_class, RostraReader, stack);
  gtk_widget_class_bind_template_child (widget_class, RostraReader, status_page);
  gtk_widget_class_bind_template_child (widget_class, RostraReader, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, RostraReader, text_view);

  gtk_widget_class_install_action (widget_class, "reader.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_install_action (widget_class, "reader.zoom-out", NULL, zoom_out_action);
  gtk_widget_class_install_action (widget_class, "reader.zoom-reset", NULL, zoom_reset_action);
  gtk_widget_class_install_action (widget_class, "reader.copy-quotation", NULL,
                                   copy_quotation_action);
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

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
rostra_reader_init (RostraReader *self)
{
  GtkTextIter start;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->zoom = ZOOM_DEFAULT;
  self->current_match = -1;
  self->matches = g_array_new (FALSE, FALSE, sizeof (Match));

  self->buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_set_enable_undo (self->buffer, FALSE);

  self->title_tag = gtk_text_buffer_create_tag (self->buffer, "title", "weight", 800,
                                                "pixels-below-lines", 8, NULL);
  self->meta_tag = gtk_text_buffer_create_tag (self->buffer, "meta", NULL);
  self->body_tag = gtk_text_buffer_create_tag (self->buffer, "body", NULL);
  /* Created last, the current match's tag wins over the others; it is
   * underlined too, for a cue that is not only a colour. */
  self->match_tag = gtk_text_buffer_create_tag (self->buffer, "search-match", "background-rgba",
                                                &match_color, NULL);
  self->current_tag =
      gtk_text_buffer_create_tag (self->buffer, "search-current", "background-rgba",
                                  &current_match_color, "underline", PANGO_UNDERLINE_SINGLE, NULL);

  self->line_start_tags[0] = gtk_text_buffer_create_tag (self->buffer, NULL, NULL);
  self->line_start_tags[1] = gtk_text_buffer_create_tag (self->buffer, NULL, NULL);

  gtk_text_buffer_get_start_iter (self->buffer, &start);
  self->text_start = gtk_text_buffer_create_mark (self->buffer, "text-start", &start, TRUE);
  self->match_mark = gtk_text_buffer_create_mark (self->buffer, NULL, &start, TRUE);

  g_signal_connect_object (self->buffer, "notify::has-selection",
                           G_CALLBACK (on_has_selection_changed), self, G_CONNECT_SWAPPED);

  apply_zoom (self);
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
