/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-print-pages.c: the printed document broken into pages line by
 * line, never inside a line, two lines of a paragraph kept together at
 * the bottom and the top of a page and a heading with what follows it;
 * and each page drawn, with its footer. */

#include "config.h"

#include <glib/gi18n.h>

#include "rostra-print-private.h"

/* Pagination */

static GArray *
measure_lines (PangoLayout *layout)
{
  GArray          *lines = g_array_new (FALSE, FALSE, sizeof (LineInfo));
  PangoLayoutIter *iter;

  if (layout == NULL)
    {
      LineInfo rule = { 0, 0, pango_units_from_double (RULE_HEIGHT),
                        pango_units_from_double (RULE_HEIGHT / 2) };

      g_array_append_val (lines, rule);
      return lines;
    }

  iter = pango_layout_get_iter (layout);
  do
    {
      LineInfo       info;
      PangoRectangle logical;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      pango_layout_iter_get_line_yrange (iter, &info.top, &info.bottom);
      info.x = logical.x;
      info.baseline = pango_layout_iter_get_baseline (iter);
      g_array_append_val (lines, info);
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
  return lines;
}

/* The height of @n_lines lines of @block from @first. */
static double
lines_height (Block *block, guint first, guint n_lines)
{
  const LineInfo *lines = (const LineInfo *) (gpointer) block->lines->data;

  n_lines = MIN (n_lines, block->lines->len - first);
  if (n_lines == 0)
    return 0;
  return _rostra_print_units_to_points (lines[first + n_lines - 1].bottom - lines[first].top);
}

/* The height of the lines a block needs at the bottom of a page to
 * start there: MIN_LINES, or all of them when it cannot be split into
 * MIN_LINES and MIN_LINES. */
static double
first_lines_height (Block *block)
{
  guint n_lines = block->lines->len;

  return lines_height (block, 0, n_lines < 2 * MIN_LINES ? n_lines : MIN_LINES);
}

/* Breaks the blocks into pages.
 *
 * Returns: the number of pages */
int
_rostra_print_paginate (PrintJob *job)
{
  double y = 0;
  guint  page = 0;

  job->placements = g_array_new (FALSE, FALSE, sizeof (Placement));
  for (guint b = 0; b < job->blocks->len; b++)
    {
      Block *block = g_ptr_array_index (job->blocks, b);

      block->lines = measure_lines (block->layout);
    }

  for (guint b = 0; b < job->blocks->len; b++)
    {
      Block          *block = g_ptr_array_index (job->blocks, b);
      const LineInfo *lines = (const LineInfo *) (gpointer) block->lines->data;
      guint           n_lines = block->lines->len;
      double          space = y > 0 ? block->space_before : 0;
      double          needed = first_lines_height (block);
      Placement       placement = { 0 };

      /* A heading with the start of what follows it. */
      if (block->keep_with_next && b + 1 < job->blocks->len)
        {
          Block *next = g_ptr_array_index (job->blocks, b + 1);

          needed += next->space_before + first_lines_height (next);
        }

      if (y > 0 && y + space + needed > job->height)
        {
          page++;
          y = space = 0;
        }

      placement.page = page;
      placement.block = b;
      placement.y = y + space;

      for (guint i = 0; i < n_lines; i++)
        {
          double bottom = placement.y + _rostra_print_units_to_points (lines[i].bottom -
                                                                       lines[placement.first].top);

          if (bottom > job->height && i > placement.first)
            {
              guint next_first = i;

              /* Not one line of a paragraph alone at the top of the next
               * page: take more along, or the whole paragraph. */
              if (n_lines - i < MIN_LINES)
                {
                  guint more = MIN_LINES - (n_lines - i);

                  if (i - placement.first >= MIN_LINES + more)
                    next_first = i - more;
                  else if (placement.first == 0 && placement.y > 0)
                    next_first = 0;
                }

              placement.n_lines = next_first - placement.first;
              if (placement.n_lines > 0)
                g_array_append_val (job->placements, placement);

              page++;
              placement.page = page;
              placement.first = next_first;
              placement.y = 0;
              i = next_first;
            }
          placement.n_lines = i + 1 - placement.first;
          y = placement.y +
              _rostra_print_units_to_points (lines[i].bottom - lines[placement.first].top);
        }

      g_array_append_val (job->placements, placement);
    }

  return (int) page + 1;
}

/* The text column and the footer, inside the printable area of the
 * page setup and at least MARGIN_* from the edges of the paper. */
void
_rostra_print_set_up_page (PrintJob *job, GtkPrintContext *context)
{
  GtkPageSetup *setup = gtk_print_context_get_page_setup (context);
  double        width = gtk_print_context_get_width (context);
  double        height = gtk_print_context_get_height (context);
  double left = MAX (0, MARGIN_SIDE - gtk_page_setup_get_left_margin (setup, GTK_UNIT_POINTS));
  double right = MAX (0, MARGIN_SIDE - gtk_page_setup_get_right_margin (setup, GTK_UNIT_POINTS));
  double top = MAX (0, MARGIN_TOP - gtk_page_setup_get_top_margin (setup, GTK_UNIT_POINTS));
  double bottom =
      MAX (0, MARGIN_BOTTOM - gtk_page_setup_get_bottom_margin (setup, GTK_UNIT_POINTS));
  g_autoptr (PangoFontDescription) desc = pango_font_description_from_string (FOOTER_FONT);
  PangoRectangle logical;
  double         footer_height;
  double         text_bottom;

  job->rtl = gtk_widget_get_default_direction () == GTK_TEXT_DIR_RTL;

  /* Paper too small for margins of its own: the printable area. */
  if (width - left - right < 72.0)
    left = right = 0;
  if (height - top - bottom < 144.0)
    top = bottom = 0;

  job->footer_title = gtk_print_context_create_pango_layout (context);
  pango_layout_set_font_description (job->footer_title, desc);
  pango_layout_set_ellipsize (job->footer_title, PANGO_ELLIPSIZE_END);
  pango_layout_set_single_paragraph_mode (job->footer_title, TRUE);
  pango_layout_set_text (job->footer_title, job->title, -1);
  _rostra_print_set_ui_direction (job, job->footer_title);

  job->footer_page = gtk_print_context_create_pango_layout (context);
  pango_layout_set_font_description (job->footer_page, desc);
  _rostra_print_set_ui_direction (job, job->footer_page);
  pango_layout_set_text (job->footer_page, "0", -1);
  pango_layout_get_extents (job->footer_page, NULL, &logical);
  footer_height = _rostra_print_units_to_points (logical.height);

  job->x = left;
  job->y = top;
  job->width = width - left - right;
  text_bottom = height - MAX (bottom, footer_height + FOOTER_GAP);
  job->height = text_bottom - top;
  /* In the middle of the bottom margin, or right under the text. */
  job->footer_y = text_bottom + MAX (FOOTER_GAP, (height - text_bottom - footer_height) / 2);
  job->footer_y = MIN (job->footer_y, height - footer_height);
}

/* Drawing */

void
_rostra_print_draw_footer (PrintJob *job, cairo_t *cr, int page_nr, int n_pages)
{
  g_autofree char *page = NULL;
  PangoRectangle   logical;
  double           page_width;
  double           title_width;

  /* Translators: in the footer of a printed speech. */
  page = g_strdup_printf (_("Page %d of %d"), page_nr + 1, n_pages);
  pango_layout_set_text (job->footer_page, page, -1);
  pango_layout_get_extents (job->footer_page, NULL, &logical);
  page_width = _rostra_print_units_to_points (logical.width);

  title_width = MAX (job->width - page_width - 24.0, 0);
  pango_layout_set_width (job->footer_title, pango_units_from_double (title_width));

  _rostra_print_set_source_rgb (cr, DIM_COLOR);
  cairo_move_to (cr, job->rtl ? job->x + job->width - title_width : job->x, job->footer_y);
  pango_cairo_show_layout (cr, job->footer_title);
  cairo_move_to (cr, job->rtl ? job->x : job->x + job->width - page_width, job->footer_y);
  pango_cairo_show_layout (cr, job->footer_page);
}

void
_rostra_print_draw_placement (PrintJob *job, cairo_t *cr, const Placement *placement)
{
  Block          *block = g_ptr_array_index (job->blocks, placement->block);
  const LineInfo *lines = (const LineInfo *) (gpointer) block->lines->data;
  double          top = job->y + placement->y;
  int             first_top = lines[placement->first].top;
  double          x = job->x + (job->rtl ? 0 : block->indent);

  _rostra_print_set_source_rgb (cr, block->color);

  if (block->layout == NULL)
    {
      double y = top + _rostra_print_units_to_points (lines[0].baseline - first_top);

      cairo_rectangle (cr, job->x, y - RULE_WIDTH / 2, job->width, RULE_WIDTH);
      cairo_fill (cr);
      return;
    }

  for (guint i = placement->first; i < placement->first + placement->n_lines; i++)
    {
      double baseline = top + _rostra_print_units_to_points (lines[i].baseline - first_top);

      cairo_move_to (cr, x + _rostra_print_units_to_points (lines[i].x), baseline);
      pango_cairo_show_layout_line (cr, pango_layout_get_line_readonly (block->layout, (int) i));

      if (i == 0 && block->marker != NULL)
        {
          PangoRectangle logical;
          double         marker_x;

          pango_layout_get_extents (block->marker, NULL, &logical);
          if (job->rtl)
            marker_x = job->x + job->width - block->indent + MARKER_GAP;
          else
            marker_x =
                job->x + block->indent - MARKER_GAP - _rostra_print_units_to_points (logical.width);
          cairo_move_to (cr, marker_x, baseline);
          pango_cairo_show_layout_line (cr, pango_layout_get_line_readonly (block->marker, 0));
        }
    }
}
