/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-print-private.h: what the parts of printing share.
 *
 * rostra-print.c is the glue to GtkPrintOperation; rostra-print-document.c
 * builds the document's blocks; rostra-print-pages.c paginates and draws.
 */
#pragma once

#include "rostra-print.h"

G_BEGIN_DECLS

/* Lengths in points: the print operation's unit. */
#define MM (72.0 / 25.4)

/* The margins from the edges of the paper; where the page setup's
 * margins (those of the printer) are wider, those. */
#define MARGIN_SIDE (25.0 * MM)

#define MARGIN_TOP (20.0 * MM)

#define MARGIN_BOTTOM (16.0 * MM)

/* Between the last line of text and the footer, at least. */
#define FOOTER_GAP 14.0

/* The fonts. The speech in a book face, from the first family
 * installed; headings, metadata and footer in Cantarell, GNOME's. */
#define BODY_FAMILY "Noto Serif, Source Serif 4, Source Serif Pro, DejaVu Serif, Serif"

#define TITLE_FONT "Cantarell Bold 20"

#define META_FONT "Cantarell 9.5"

#define BODY_FONT BODY_FAMILY " 11"

#define HEADING_FONT "Cantarell Bold 13"

#define NOTE_FONT BODY_FAMILY " 9.5"

#define DETAIL_FONT "Cantarell 8"

#define FOOTER_FONT "Cantarell 8"

/* The leading of the body text and of the notes, as a factor of the
 * font's height. */
#define BODY_LINE_SPACING 1.2

#define NOTE_LINE_SPACING 1.1

/* Vertical spaces before blocks, dropped at the top of a page. */
#define SPACE_META 4.0

#define SPACE_RULE 10.0

#define SPACE_FIRST 14.0

#define SPACE_PARAGRAPH 7.0

#define SPACE_HEADING 24.0

#define SPACE_FIRST_ENTRY 8.0

#define SPACE_ENTRY 5.0

#define RULE_HEIGHT 1.0

#define RULE_WIDTH 0.5

/* The hanging indent of the notes, their numbers in it: at least this,
 * or as wide as the widest number. */
#define NOTE_INDENT 24.0

#define MARKER_GAP 5.0

/* The fewest lines of a paragraph at the bottom or top of a page. */
#define MIN_LINES 2

/* The longest passage quoted in full in the notes, in characters. */
#define MAX_PASSAGE 160

/* Colours, as 0xRRGGBB: black text for print; the metadata, details
 * and footer in GNOME's Dark 2, the rule in Light 4. */
#define TEXT_COLOR 0x000000

#define DIM_COLOR 0x5e5c64

#define RULE_COLOR 0xc0bfbc

/* An annotation that shows in the text, its passage clamped to it. */
typedef struct
{
  RostraAnnotation *annotation;
  int               start;
  int               end;
  guint             index;  /* in the list */
  guint             color;  /* in rostra_palette_get_colors () */
  guint             number; /* of its endnote, or 0 */
} Highlight;

/* Where an endnote number goes: after a passage, in a paragraph. */
typedef struct
{
  int   offset;
  guint paragraph;
  guint number;
} Marker;

/* A paragraph of the article text, in bytes and in characters. */
typedef struct
{
  gsize start_byte;
  gsize end_byte;
  int   start;
  int   end;
} Paragraph;

/* A line of a block, in Pango units of its layout. */
typedef struct
{
  int x;
  int top;
  int bottom;
  int baseline;
} LineInfo;

typedef struct
{
  PangoLayout *layout; /* or %NULL for a rule */
  PangoLayout *marker; /* beside the first line, in the indent */
  double       space_before;
  double       indent; /* at the start side */
  gboolean     keep_with_next;
  guint32      color;
  GArray      *lines; /* LineInfo */
} Block;

/* The lines @first to @first + @n_lines - 1 of a block on a page, the
 * top of the first at @y under the top of the text. */
typedef struct
{
  guint  page;
  guint  block;
  guint  first;
  guint  n_lines;
  double y;
} Placement;

typedef struct
{
  RostraArticle *article;
  GPtrArray     *annotations; /* RostraAnnotation */
  char          *title;

  /* From "begin-print" to "end-print" */
  GPtrArray   *blocks; /* Block */
  GArray      *placements;
  PangoLayout *footer_title;
  PangoLayout *footer_page;
  double       x;
  double       y;
  double       width;
  double       height;
  double       footer_y;
  double       note_indent;
  gboolean     rtl;

  /* rostra_print_article() */
  GtkWindow *parent;
  gboolean   run_returned;
  gboolean   in_progress;
} PrintJob;

/* rostra-print.c */
double   _rostra_print_units_to_points (int units);
gboolean _rostra_print_is_set (const char *str);
void     _rostra_print_set_source_rgb (cairo_t *cr, guint32 rgb);

/* rostra-print-document.c */
const char *_rostra_print_get_title (RostraArticle *article);
void        _rostra_print_build_document (PrintJob *job, GtkPrintContext *context);
void        _rostra_print_clear_document (PrintJob *job);
void        _rostra_print_set_ui_direction (PrintJob *job, PangoLayout *layout);

/* rostra-print-pages.c */
int  _rostra_print_paginate (PrintJob *job);
void _rostra_print_draw_footer (PrintJob *job, cairo_t *cr, int page_nr, int n_pages);
void _rostra_print_draw_placement (PrintJob *job, cairo_t *cr, const Placement *placement);
void _rostra_print_set_up_page (PrintJob *job, GtkPrintContext *context);

G_END_DECLS
