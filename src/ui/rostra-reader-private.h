/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-reader-private.h: what the parts of the reader share.
 *
 * RostraReader is one class in five files: rostra-reader.c (its life,
 * the buffer, fonts and zoom), rostra-reader-search.c (search matches),
 * rostra-reader-highlights.c (annotations drawn over the text),
 * rostra-reader-selection.c (selecting, and the popover over a
 * selection) and rostra-reader-actions.c (the reader.* actions). What
 * needs no GTK is in the core: rostra-text-match.c finds the matches,
 * rostra-highlights.c layers the highlights.
 */
#pragma once

#include "rostra-highlights.h"
#include "rostra-palette.h"
#include "rostra-reader.h"
#include "rostra-selection-popover.h"
#include "rostra-text-match.h"

G_BEGIN_DECLS

#define ZOOM_MIN 0.5

#define ZOOM_MAX 3.0

#define ZOOM_DEFAULT 1.0

#define ZOOM_STEP 0.1

/* The scales of the tags at zoom 1.0, relative to the font of
 * textview.reader in style.css. */
#define TITLE_SCALE 1.6

#define META_SCALE 0.9

#define BODY_SCALE 1.15

/* How much of the text colour the metadata line keeps, like .dim-label. */
#define META_OPACITY 0.55f

/* Where the current match is scrolled to, as a fraction of the view. */
#define SCROLL_MARGIN 0.2

#define DEFAULT_HIGHLIGHT_COLOR "yellow"

/* The font, its size in points at zoom 1.0 and the line spacing as a
 * factor of the font's natural line height, from the GSettings keys
 * reader-font, reader-font-size and reader-line-spacing. The default
 * family is the one of textview.reader in style.css. */
#define FONT_SIZE_MIN 8

#define FONT_SIZE_MAX 32

#define FONT_SIZE_DEFAULT 13

#define LINE_SPACING_MIN 1.0

#define LINE_SPACING_MAX 2.5

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
#define FLASH_ALPHA 0.9f

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
  GtkPopover *selection_popover;  /* a RostraSelectionPopover */
  int         has_text_selection; /* -1 until known */
  double      press_x;
  double      press_y;
  double      release_x;
  double      release_y;
  gboolean    release_is_click;
  gboolean    release_exact; /* Alt held: the characters chosen, not whole words */
  guint       release_idle_id;
};

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

enum
{
  HIGHLIGHT_REQUESTED,
  ANNOTATION_ACTIVATED,
  N_SIGNALS
};

/* rostra-reader.c */
extern GParamSpec *_rostra_reader_properties[];
extern guint       _rostra_reader_signals[];
char              *_rostra_reader_dup_date_text (RostraArticle *article);
const char        *_rostra_reader_get_title (RostraArticle *article);
double             _rostra_reader_round_zoom (double zoom);
gboolean           _rostra_reader_is_set (const char *str);
int                _rostra_reader_get_text_length (RostraReader *self);
void _rostra_reader_get_text_bounds (RostraReader *self, GtkTextIter *start, GtkTextIter *end);
void _rostra_reader_get_text_iter (RostraReader *self, GtkTextIter *iter, int offset);
void _rostra_reader_mark_line_starts (RostraReader *self);

/* rostra-reader-search.c */
void _rostra_reader_update_match_actions (RostraReader *self);
void _rostra_reader_update_matches (RostraReader *self);

/* rostra-reader-highlights.c */
RostraAnnotation *_rostra_reader_find_annotation_at (RostraReader *self, int offset);
gboolean          _rostra_reader_is_highlight_color (const char *color);
void              _rostra_reader_apply_palette (RostraReader *self);
void              _rostra_reader_clear_annotations (RostraReader *self);
void              _rostra_reader_draw_annotations (RostraReader *self);
void              _rostra_reader_stop_flash (RostraReader *self);

/* rostra-reader-selection.c */
gboolean _rostra_reader_on_key_pressed (RostraReader                     *self,
                                        guint                             keyval,
                                        guint keycode                     G_GNUC_UNUSED,
                                        GdkModifierType                   state,
                                        GtkEventControllerKey *controller G_GNUC_UNUSED);
void     _rostra_reader_hide_selection_popover (RostraReader *self);
void     _rostra_reader_on_click_pressed (GtkGestureClick *gesture G_GNUC_UNUSED,
                                          int n_press              G_GNUC_UNUSED,
                                          double                   x,
                                          double                   y,
                                          RostraReader            *self);
void     _rostra_reader_on_click_released (GtkGestureClick *gesture,
                                           int              n_press,
                                           double           x,
                                           double           y,
                                           RostraReader    *self);
void     _rostra_reader_on_has_selection_changed (RostraReader *self);
void     _rostra_reader_on_mark_set (RostraReader               *self,
                                     const GtkTextIter *location G_GNUC_UNUSED,
                                     GtkTextMark                *mark,
                                     GtkTextBuffer              *buffer);
void _rostra_reader_request_highlight (RostraReader *self, const char *color, gboolean open_note);

/* rostra-reader-actions.c */
void _rostra_reader_class_init_actions (GtkWidgetClass *widget_class);

G_END_DECLS
