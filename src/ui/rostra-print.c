/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-print.c: printing a speech, or saving it as PDF, with its
 * highlights in colour and its notes as numbered endnotes.
 *
 * The document is a list of blocks, each a PangoLayout as wide as the
 * text column: the title and the metadata line (the header, always at
 * the top of page 1), a hairline, the paragraphs of the speech, then
 * the notes and the passages no longer in the text. "begin-print"
 * builds the blocks for the page size of the print context and breaks
 * them into pages line by line, never inside a line, keeping two lines
 * of a paragraph together at the bottom and at the top of a page and a
 * heading with what follows it; "draw-page" draws the lines of a page
 * with pango_cairo_show_layout_line() and its footer.
 *
 * User text is never read as markup: every layout gets plain text and a
 * PangoAttrList. Highlights are backgrounds in a light tint of their
 * palette colour, opaque, so that the text stays black and legible in
 * colour and in grayscale; where passages overlap, the shorter one is
 * on top, as in the reader. A highlight with a note (or tags) gets a
 * superscript number after its passage, in text order, and an entry of
 * that number under "Notes".
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "rostra-print.h"
#include "rostra-language.h"
#include "rostra-palette.h"
#include "rostra-store.h"
#include "rostra-text.h"

/* Lengths in points: the print operation's unit. */
#define MM (72.0 / 25.4)

/* The margins from the edges of the paper; where the page setup's
 * margins (those of the printer) are wider, those. */
#define MARGIN_SIDE   (25.0 * MM)
#define MARGIN_TOP    (20.0 * MM)
#define MARGIN_BOTTOM (16.0 * MM)

/* Between the last line of text and the footer, at least. */
#define FOOTER_GAP 14.0

/* The fonts. The speech in a book face, from the first family
 * installed; headings, metadata and footer in Cantarell, GNOME's. */
#define BODY_FAMILY  "Noto Serif, Source Serif 4, Source Serif Pro, DejaVu Serif, Serif"
#define TITLE_FONT   "Cantarell Bold 20"
#define META_FONT    "Cantarell 9.5"
#define BODY_FONT    BODY_FAMILY " 11"
#define HEADING_FONT "Cantarell Bold 13"
#define NOTE_FONT    BODY_FAMILY " 9.5"
#define DETAIL_FONT  "Cantarell 8"
#define FOOTER_FONT  "Cantarell 8"

/* The leading of the body text and of the notes, as a factor of the
 * font's height. */
#define BODY_LINE_SPACING 1.2
#define NOTE_LINE_SPACING 1.1

/* Vertical spaces before blocks, dropped at the top of a page. */
#define SPACE_META        4.0
#define SPACE_RULE        10.0
#define SPACE_FIRST       14.0
#define SPACE_PARAGRAPH   7.0
#define SPACE_HEADING     24.0
#define SPACE_FIRST_ENTRY 8.0
#define SPACE_ENTRY       5.0
#define RULE_HEIGHT       1.0
#define RULE_WIDTH        0.5

/* The hanging indent of the notes, their numbers in it: at least this,
 * or as wide as the widest number. */
#define NOTE_INDENT 24.0
#define MARKER_GAP  5.0

/* The fewest lines of a paragraph at the bottom or top of a page. */
#define MIN_LINES 2

/* The longest passage quoted in full in the notes, in characters. */
#define MAX_PASSAGE 160

/* Colours, as 0xRRGGBB: black text for print; the metadata, details
 * and footer in GNOME's Dark 2, the rule in Light 4. */
#define TEXT_COLOR 0x000000
#define DIM_COLOR  0x5e5c64
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

/* The settings of the last print, for the next one in this session. */
static GtkPrintSettings *saved_settings;

static gboolean
is_set (const char *str)
{
  return str != NULL && *str != '\0';
}

static double
units_to_points (int units)
{
  return (double) units / PANGO_SCALE;
}

static void
block_free (gpointer data)
{
  Block *block = data;

  g_clear_object (&block->layout);
  g_clear_object (&block->marker);
  g_clear_pointer (&block->lines, g_array_unref);
  g_free (block);
}

static void
clear_document (PrintJob *job)
{
  g_clear_pointer (&job->blocks, g_ptr_array_unref);
  g_clear_pointer (&job->placements, g_array_unref);
  g_clear_object (&job->footer_title);
  g_clear_object (&job->footer_page);
}

static void
print_job_free (gpointer data)
{
  PrintJob *job = data;

  clear_document (job);
  g_clear_object (&job->article);
  g_clear_pointer (&job->annotations, g_ptr_array_unref);
  g_free (job->title);
  g_clear_weak_pointer (&job->parent);
  g_free (job);
}

static PrintJob *
get_job (GtkPrintOperation *operation)
{
  return g_object_get_data (G_OBJECT (operation), "rostra-print-job");
}

/* Colours and attributes */

/* A channel of a highlight colour laid at its light style's opacity over
 * white paper: opaque, as the reader shows it on a light background. */
static guint16
tint_channel (guint8 channel, float alpha)
{
  return (guint16) ((alpha * channel / 255.0 + (1.0 - alpha)) * 65535.0 + 0.5);
}

static PangoAttribute *
tint_attr_new (guint color, guint start, guint end)
{
  const RostraPaletteColor *c = &rostra_palette_get_colors (NULL)[color];
  float                     alpha = c->alpha[ROSTRA_STYLE_LIGHT];
  PangoAttribute           *attr;

  attr = pango_attr_background_new (tint_channel (c->red, alpha), tint_channel (c->green, alpha),
                                    tint_channel (c->blue, alpha));
  attr->start_index = start;
  attr->end_index = end;
  return attr;
}

static void
insert_attr (PangoAttrList *attrs, PangoAttribute *attr, gsize start, gsize end)
{
  attr->start_index = (guint) start;
  attr->end_index = (guint) end;
  pango_attr_list_insert (attrs, attr);
}

static PangoAttribute *
color_attr_new (guint32 rgb)
{
  return pango_attr_foreground_new (((rgb >> 16) & 0xff) * 0x101, ((rgb >> 8) & 0xff) * 0x101,
                                    (rgb & 0xff) * 0x101);
}

static void
set_source_rgb (cairo_t *cr, guint32 rgb)
{
  cairo_set_source_rgb (cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0,
                        (rgb & 0xff) / 255.0);
}

/* Text */

static const char *
get_title (RostraArticle *article)
{
  const char *title = rostra_article_get_title (article);

  if (!is_set (title))
    return _("Untitled");
  return title;
}

/* @passage on one line, cut at a word after about MAX_PASSAGE
 * characters with an ellipsis. */
static char *
dup_short_passage (const char *passage)
{
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;
  guint    n_chars = 0;
  gsize    last_word_end = 0;

  for (const char *p = passage ? passage : ""; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        {
          last_word_end = out->len;
          if (n_chars >= MAX_PASSAGE)
            {
              g_string_truncate (out, last_word_end);
              g_string_append (out, "…");
              return g_string_free (out, FALSE);
            }
          g_string_append_c (out, ' ');
          n_chars++;
          space = FALSE;
        }
      g_string_append_unichar (out, c);
      n_chars++;
      /* A word that does not end: cut it. */
      if (n_chars >= MAX_PASSAGE + 40)
        {
          g_string_append (out, "…");
          return g_string_free (out, FALSE);
        }
    }
  return g_string_free (out, FALSE);
}

static gboolean
has_endnote (RostraAnnotation *annotation)
{
  const char        *note = rostra_annotation_get_note (annotation);
  const char *const *tags = rostra_annotation_get_tags (annotation);

  if (tags != NULL && tags[0] != NULL)
    return TRUE;
  for (const char *p = note ? note : ""; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

/* Highlights */

/* Text order: the order of the endnotes. */
static int
compare_by_position (gconstpointer a, gconstpointer b)
{
  const Highlight *x = a, *y = b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->end != y->end)
    return x->end < y->end ? -1 : 1;
  return x->index < y->index ? -1 : x->index > y->index;
}

/* Longest first, then from the start, then in the list's order: each
 * drawn over the ones before it, as in the reader. */
static int
compare_drawing_order (gconstpointer a, gconstpointer b)
{
  const Highlight *x = a, *y = b;
  int              length_x = x->end - x->start;
  int              length_y = y->end - y->start;

  if (length_x != length_y)
    return length_x > length_y ? -1 : 1;
  return compare_by_position (a, b);
}

static int
compare_markers (gconstpointer a, gconstpointer b)
{
  const Marker *x = a, *y = b;

  if (x->offset != y->offset)
    return x->offset < y->offset ? -1 : 1;
  return x->number < y->number ? -1 : x->number > y->number;
}

static int
compare_ints (gconstpointer a, gconstpointer b)
{
  int x = *(const int *) a, y = *(const int *) b;

  return x < y ? -1 : x > y;
}

static gboolean
is_blank (const char *line, gsize len)
{
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isspace (line[i]))
      return FALSE;
  return TRUE;
}

/* The paragraphs of @text: runs of lines that are not blank. */
static GArray *
split_paragraphs (const char *text)
{
  GArray     *paragraphs = g_array_new (FALSE, TRUE, sizeof (Paragraph));
  const char *line = text;
  int         offset = 0;
  Paragraph   current = { 0 };
  gboolean    open = FALSE;

  while (TRUE)
    {
      const char *eol = strchr (line, '\n');
      gsize       len = eol != NULL ? (gsize) (eol - line) : strlen (line);
      int         n_chars = (int) g_utf8_strlen (line, (gssize) len);

      if (!is_blank (line, len))
        {
          if (!open)
            {
              current.start_byte = (gsize) (line - text);
              current.start = offset;
              open = TRUE;
            }
          current.end_byte = (gsize) (line - text) + len;
          current.end = offset + n_chars;
        }
      else if (open)
        {
          g_array_append_val (paragraphs, current);
          open = FALSE;
        }

      if (eol == NULL)
        break;
      offset += n_chars + 1;
      line = eol + 1;
    }
  if (open)
    g_array_append_val (paragraphs, current);
  return paragraphs;
}

/* The paragraph an endnote number at @offset goes in: the one it ends
 * or is inside of, else the one before it. */
static guint
find_paragraph (GArray *paragraphs, int offset)
{
  guint found = 0;

  for (guint i = 0; i < paragraphs->len; i++)
    {
      const Paragraph *p = &g_array_index (paragraphs, Paragraph, i);

      if (p->start >= offset && i > 0)
        break;
      found = i;
    }
  return found;
}

/* Blocks */

static Block *
add_block (PrintJob *job, PangoLayout *layout, double space_before)
{
  Block *block = g_new0 (Block, 1);

  block->layout = layout;
  block->space_before = space_before;
  block->color = TEXT_COLOR;
  g_ptr_array_add (job->blocks, block);
  return block;
}

static PangoLayout *
create_layout (PrintJob *job, GtkPrintContext *context, const char *font, double indent)
{
  PangoLayout *layout = gtk_print_context_create_pango_layout (context);
  g_autoptr (PangoFontDescription) desc = pango_font_description_from_string (font);

  pango_layout_set_font_description (layout, desc);
  pango_layout_set_width (layout, pango_units_from_double (job->width - indent));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_auto_dir (layout, TRUE);
  return layout;
}

/* Lays @layout out in the direction of the user interface, not of its
 * text: for what Rostra writes around the speech's words. */
static void
set_ui_direction (PrintJob *job, PangoLayout *layout)
{
  pango_context_set_base_dir (pango_layout_get_context (layout),
                              job->rtl ? PANGO_DIRECTION_RTL : PANGO_DIRECTION_LTR);
  pango_layout_set_auto_dir (layout, FALSE);
  pango_layout_set_alignment (layout, job->rtl ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
  pango_layout_context_changed (layout);
}

/* The language of the speech, for the shapes of Han characters and
 * hyphenation, when known. */
static void
add_language_attr (PrintJob *job, PangoAttrList *attrs, gsize length)
{
  const char *language = rostra_article_get_language (job->article);

  if (is_set (language))
    insert_attr (attrs, pango_attr_language_new (pango_language_from_string (language)), 0, length);
}

static void
add_header (PrintJob *job, GtkPrintContext *context)
{
  g_autofree char *meta = rostra_article_dup_meta_line (job->article);
  PangoLayout     *layout;
  Block           *block;

  layout = create_layout (job, context, TITLE_FONT, 0);
  pango_layout_set_text (layout, job->title, -1);
  block = add_block (job, layout, 0);
  block->keep_with_next = TRUE;

  if (is_set (meta))
    {
      layout = create_layout (job, context, META_FONT, 0);
      set_ui_direction (job, layout);
      pango_layout_set_text (layout, meta, -1);
      block = add_block (job, layout, SPACE_META);
      block->color = DIM_COLOR;
      block->keep_with_next = TRUE;
    }

  block = add_block (job, NULL, SPACE_RULE);
  block->color = RULE_COLOR;
  block->keep_with_next = TRUE;
}

/* Adds @paragraph of the text with its highlights in @highlights (in
 * drawing order) and the endnote numbers in @markers from *@marker on,
 * which moves past those of this paragraph. */
static void
add_paragraph (PrintJob        *job,
               GtkPrintContext *context,
               const char      *text,
               guint            index,
               const Paragraph *paragraph,
               GArray          *highlights,
               GArray          *markers,
               guint           *marker,
               double           space_before)
{
  g_autoptr (GString) out = g_string_sized_new (paragraph->end_byte - paragraph->start_byte + 16);
  g_autoptr (PangoAttrList) attrs = pango_attr_list_new ();
  g_autoptr (GArray) bounds = g_array_new (FALSE, FALSE, sizeof (int));
  g_autofree gsize *before = NULL;
  g_autofree gsize *after = NULL;
  int               n_chars = paragraph->end - paragraph->start;
  const char       *p = text + paragraph->start_byte;
  PangoLayout      *layout;

  /* The text with the endnote numbers in it; for every character,
   * where it lands: before and after the numbers in front of it. */
  before = g_new (gsize, n_chars + 1);
  after = g_new (gsize, n_chars + 1);
  while (*marker < markers->len && g_array_index (markers, Marker, *marker).paragraph < index)
    (*marker)++;
  for (int k = 0; k <= n_chars; k++)
    {
      int offset = paragraph->start + k;

      before[k] = out->len;
      if (*marker < markers->len && g_array_index (markers, Marker, *marker).paragraph == index &&
          g_array_index (markers, Marker, *marker).offset == offset)
        {
          gsize start = out->len;

          for (; *marker < markers->len &&
                 g_array_index (markers, Marker, *marker).paragraph == index &&
                 g_array_index (markers, Marker, *marker).offset == offset;
               (*marker)++)
            {
              if (out->len > start)
                /* Translators: between the numbers of two endnotes
                 * after the same passage, as in “1,2”. */
                g_string_append (out, C_ ("endnote numbers", ","));
              g_string_append_printf (out, "%u", g_array_index (markers, Marker, *marker).number);
            }
          insert_attr (attrs, pango_attr_font_scale_new (PANGO_FONT_SCALE_SUPERSCRIPT), start,
                       out->len);
          insert_attr (attrs, pango_attr_baseline_shift_new (PANGO_BASELINE_SHIFT_SUPERSCRIPT),
                       start, out->len);
        }
      after[k] = out->len;

      if (k < n_chars)
        {
          const char *next = g_utf8_next_char (p);

          g_string_append_len (out, p, next - p);
          p = next;
        }
    }

  /* The backgrounds, cut where passages start and end: over each
   * piece, the colour of the last highlight drawn there. */
  g_array_append_val (bounds, paragraph->start);
  g_array_append_val (bounds, paragraph->end);
  for (guint i = 0; i < highlights->len; i++)
    {
      const Highlight *h = &g_array_index (highlights, Highlight, i);

      if (h->end <= paragraph->start || h->start >= paragraph->end)
        continue;
      if (h->start > paragraph->start)
        g_array_append_val (bounds, h->start);
      if (h->end < paragraph->end)
        g_array_append_val (bounds, h->end);
    }
  g_array_sort (bounds, compare_ints);

  for (guint b = 0; b + 1 < bounds->len; b++)
    {
      int              from = g_array_index (bounds, int, b);
      int              to = g_array_index (bounds, int, b + 1);
      const Highlight *top = NULL;

      if (from == to)
        continue;
      for (guint i = 0; i < highlights->len; i++)
        {
          const Highlight *h = &g_array_index (highlights, Highlight, i);

          if (h->start <= from && to <= h->end)
            top = h;
        }
      if (top == NULL)
        continue;

      /* Numbers inside a passage are on its colour, those after it not. */
      pango_attr_list_insert (
          attrs,
          tint_attr_new (top->color,
                         (guint) (top->start < from ? before : after)[from - paragraph->start],
                         (guint) before[to - paragraph->start]));
    }

  add_language_attr (job, attrs, out->len);

  layout = create_layout (job, context, BODY_FONT, 0);
  pango_layout_set_text (layout, out->str, (int) out->len);
  pango_layout_set_attributes (layout, attrs);
  pango_layout_set_line_spacing (layout, BODY_LINE_SPACING);
  add_block (job, layout, space_before);
}

static void
add_heading (PrintJob *job, GtkPrintContext *context, const char *heading)
{
  PangoLayout *layout = create_layout (job, context, HEADING_FONT, 0);
  Block       *block;

  set_ui_direction (job, layout);
  pango_layout_set_text (layout, heading, -1);
  block = add_block (job, layout, SPACE_HEADING);
  block->keep_with_next = TRUE;
}

/* An entry of the notes: “passage” — note, and under it its colour and
 * tags, after @marker in the indent. */
static void
add_entry (PrintJob         *job,
           GtkPrintContext  *context,
           RostraAnnotation *annotation,
           guint             color,
           const char       *marker,
           double            space_before)
{
  g_autoptr (PangoAttrList) attrs = pango_attr_list_new ();
  g_autoptr (GString) out = g_string_new (NULL);
  g_autoptr (GPtrArray) details = g_ptr_array_new_with_free_func (g_free);
  g_autofree char   *passage = dup_short_passage (rostra_annotation_get_exact (annotation));
  g_autofree char   *quoted = NULL;
  g_autofree char   *note = g_strstrip (g_strdup (rostra_annotation_get_note (annotation)));
  const char *const *tags = rostra_annotation_get_tags (annotation);
  g_autofree char   *detail = NULL;
  g_autoptr (PangoFontDescription) detail_desc = pango_font_description_from_string (DETAIL_FONT);
  const char  *open;
  PangoLayout *layout;
  Block       *block;
  gsize        start;

  /* Translators: a quotation of a speech; %s is the quoted text. */
  quoted = g_strdup_printf (_("“%s”"), passage);
  open = strstr (quoted, passage);
  g_string_append (out, quoted);
  if (open != NULL && *passage != '\0')
    {
      start = (gsize) (open - quoted);
      pango_attr_list_insert (
          attrs, tint_attr_new (color, (guint) start, (guint) (start + strlen (passage))));
    }

  if (*note != '\0')
    {
      /* Translators: in the notes of a printed speech, between a
       * quoted passage and the note on it. */
      g_string_append (out, C_ ("endnote", " — "));
      g_string_append (out, note);
    }

  g_ptr_array_add (
      details, g_strdup (rostra_annotation_color_label (rostra_annotation_get_color (annotation))));
  if (tags != NULL && tags[0] != NULL)
    {
      g_autofree char *list = g_strjoinv (_(", "), (char **) tags);

      /* Translators: under a note in a printed speech; %s lists the
       * note's tags. */
      g_ptr_array_add (details, g_strdup_printf (_("Tags: %s"), list));
    }
  g_ptr_array_add (details, NULL);
  /* Translators: between the colour and the tags of a note. */
  detail = g_strjoinv (C_ ("metadata separator", " · "), (char **) details->pdata);

  g_string_append_c (out, '\n');
  start = out->len;
  g_string_append (out, detail);
  insert_attr (attrs, pango_attr_font_desc_new (detail_desc), start, out->len);
  insert_attr (attrs, color_attr_new (DIM_COLOR), start, out->len);

  layout = create_layout (job, context, NOTE_FONT, job->note_indent);
  set_ui_direction (job, layout);
  pango_layout_set_text (layout, out->str, (int) out->len);
  pango_layout_set_attributes (layout, attrs);
  pango_layout_set_line_spacing (layout, NOTE_LINE_SPACING);

  block = add_block (job, layout, space_before);
  block->indent = job->note_indent;
  block->marker = create_layout (job, context, NOTE_FONT, 0);
  pango_layout_set_width (block->marker, -1);
  set_ui_direction (job, block->marker);
  pango_layout_set_text (block->marker, marker, -1);
}

/* Builds the blocks of the document for the page of @context. */
static void
build_document (PrintJob *job, GtkPrintContext *context)
{
  g_autoptr (GArray) highlights = g_array_new (FALSE, FALSE, sizeof (Highlight));
  g_autoptr (GArray) markers = g_array_new (FALSE, FALSE, sizeof (Marker));
  g_autoptr (GArray) paragraphs = NULL;
  g_autoptr (GPtrArray) orphans = g_ptr_array_new ();
  const char *text = rostra_article_get_text (job->article);
  int         n_chars = (int) g_utf8_strlen (text, -1);
  guint       n_notes = 0;
  guint       marker = 0;
  const char *cursor = text;
  int         cursor_offset = 0;

  job->blocks = g_ptr_array_new_with_free_func (block_free);
  add_header (job, context);

  /* The highlights in text order, numbered; what is not in the text
   * any more, apart. */
  for (guint i = 0; i < job->annotations->len; i++)
    {
      RostraAnnotation *annotation = g_ptr_array_index (job->annotations, i);
      Highlight         h = { 0 };

      h.annotation = annotation;
      h.start = (int) MIN (rostra_annotation_get_start (annotation), (guint) n_chars);
      h.end = (int) MIN (rostra_annotation_get_end (annotation), (guint) n_chars);
      h.index = i;
      h.color = rostra_palette_index (rostra_annotation_get_color (annotation));
      if (rostra_annotation_get_orphaned (annotation) || h.start >= h.end)
        g_ptr_array_add (orphans, annotation);
      else
        g_array_append_val (highlights, h);
    }
  g_array_sort (highlights, compare_by_position);

  paragraphs = split_paragraphs (text);
  for (guint i = 0; i < highlights->len; i++)
    {
      Highlight  *h = &g_array_index (highlights, Highlight, i);
      Marker      m = { 0 };
      const char *end;

      if (!has_endnote (h->annotation))
        continue;
      h->number = ++n_notes;

      /* Right after the last letter of the passage. The passages are
       * in text order: a step from the last one's end, not a walk from
       * the start of the text. */
      m.offset = h->end;
      end = cursor = g_utf8_offset_to_pointer (cursor, h->end - cursor_offset);
      cursor_offset = h->end;
      while (m.offset > h->start + 1 &&
             g_unichar_isspace (g_utf8_get_char (g_utf8_prev_char (end))))
        {
          end = g_utf8_prev_char (end);
          m.offset--;
        }
      m.number = h->number;
      if (paragraphs->len > 0)
        {
          const Paragraph *p;

          m.paragraph = find_paragraph (paragraphs, m.offset);
          p = &g_array_index (paragraphs, Paragraph, m.paragraph);
          m.offset = CLAMP (m.offset, p->start, p->end);
        }
      g_array_append_val (markers, m);
    }
  g_array_sort (markers, compare_markers);

  /* The text, its highlights drawn in order. */
  {
    g_autoptr (GArray) drawn = g_array_copy (highlights);

    g_array_sort (drawn, compare_drawing_order);
    for (guint i = 0; i < paragraphs->len; i++)
      add_paragraph (job, context, text, i, &g_array_index (paragraphs, Paragraph, i), drawn,
                     markers, &marker, i == 0 ? SPACE_FIRST : SPACE_PARAGRAPH);
  }

  /* Room for the widest number, the last. */
  job->note_indent = NOTE_INDENT;
  if (n_notes > 0)
    {
      g_autoptr (PangoLayout) widest = create_layout (job, context, NOTE_FONT, 0);
      g_autofree char *number = g_strdup_printf (C_ ("endnote", "%u."), n_notes);
      PangoRectangle   logical;

      pango_layout_set_text (widest, number, -1);
      pango_layout_get_extents (widest, NULL, &logical);
      job->note_indent = MAX (NOTE_INDENT, units_to_points (logical.width) + 2 * MARKER_GAP);
    }

  if (n_notes > 0)
    {
      /* Translators: the heading of the endnotes of a printed speech. */
      add_heading (job, context, _("Notes"));
      for (guint i = 0, n = 0; i < highlights->len; i++)
        {
          const Highlight *h = &g_array_index (highlights, Highlight, i);
          g_autofree char *number = NULL;

          if (h->number == 0)
            continue;
          /* Translators: the number of an endnote, before it. */
          number = g_strdup_printf (C_ ("endnote", "%u."), h->number);
          add_entry (job, context, h->annotation, h->color, number,
                     n++ == 0 ? SPACE_FIRST_ENTRY : SPACE_ENTRY);
        }
    }

  if (orphans->len > 0)
    {
      /* Translators: the heading of the passages that were highlighted
       * in a printed speech but are not found in its text any more. */
      add_heading (job, context, _("Passages no longer in the text"));
      for (guint i = 0; i < orphans->len; i++)
        {
          RostraAnnotation *annotation = g_ptr_array_index (orphans, i);

          add_entry (job, context, annotation,
                     rostra_palette_index (rostra_annotation_get_color (annotation)), "•",
                     i == 0 ? SPACE_FIRST_ENTRY : SPACE_ENTRY);
        }
    }
}

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
  return units_to_points (lines[first + n_lines - 1].bottom - lines[first].top);
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
static int
paginate (PrintJob *job)
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
          double bottom =
              placement.y + units_to_points (lines[i].bottom - lines[placement.first].top);

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
          y = placement.y + units_to_points (lines[i].bottom - lines[placement.first].top);
        }

      g_array_append_val (job->placements, placement);
    }

  return (int) page + 1;
}

/* The text column and the footer, inside the printable area of the
 * page setup and at least MARGIN_* from the edges of the paper. */
static void
set_up_page (PrintJob *job, GtkPrintContext *context)
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
  set_ui_direction (job, job->footer_title);

  job->footer_page = gtk_print_context_create_pango_layout (context);
  pango_layout_set_font_description (job->footer_page, desc);
  set_ui_direction (job, job->footer_page);
  pango_layout_set_text (job->footer_page, "0", -1);
  pango_layout_get_extents (job->footer_page, NULL, &logical);
  footer_height = units_to_points (logical.height);

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

static void
draw_footer (PrintJob *job, cairo_t *cr, int page_nr, int n_pages)
{
  g_autofree char *page = NULL;
  PangoRectangle   logical;
  double           page_width;
  double           title_width;

  /* Translators: in the footer of a printed speech. */
  page = g_strdup_printf (_("Page %d of %d"), page_nr + 1, n_pages);
  pango_layout_set_text (job->footer_page, page, -1);
  pango_layout_get_extents (job->footer_page, NULL, &logical);
  page_width = units_to_points (logical.width);

  title_width = MAX (job->width - page_width - 24.0, 0);
  pango_layout_set_width (job->footer_title, pango_units_from_double (title_width));

  set_source_rgb (cr, DIM_COLOR);
  cairo_move_to (cr, job->rtl ? job->x + job->width - title_width : job->x, job->footer_y);
  pango_cairo_show_layout (cr, job->footer_title);
  cairo_move_to (cr, job->rtl ? job->x : job->x + job->width - page_width, job->footer_y);
  pango_cairo_show_layout (cr, job->footer_page);
}

static void
draw_placement (PrintJob *job, cairo_t *cr, const Placement *placement)
{
  Block          *block = g_ptr_array_index (job->blocks, placement->block);
  const LineInfo *lines = (const LineInfo *) (gpointer) block->lines->data;
  double          top = job->y + placement->y;
  int             first_top = lines[placement->first].top;
  double          x = job->x + (job->rtl ? 0 : block->indent);

  set_source_rgb (cr, block->color);

  if (block->layout == NULL)
    {
      double y = top + units_to_points (lines[0].baseline - first_top);

      cairo_rectangle (cr, job->x, y - RULE_WIDTH / 2, job->width, RULE_WIDTH);
      cairo_fill (cr);
      return;
    }

  for (guint i = placement->first; i < placement->first + placement->n_lines; i++)
    {
      double baseline = top + units_to_points (lines[i].baseline - first_top);

      cairo_move_to (cr, x + units_to_points (lines[i].x), baseline);
      pango_cairo_show_layout_line (cr, pango_layout_get_line_readonly (block->layout, (int) i));

      if (i == 0 && block->marker != NULL)
        {
          PangoRectangle logical;
          double         marker_x;

          pango_layout_get_extents (block->marker, NULL, &logical);
          if (job->rtl)
            marker_x = job->x + job->width - block->indent + MARKER_GAP;
          else
            marker_x = job->x + block->indent - MARKER_GAP - units_to_points (logical.width);
          cairo_move_to (cr, marker_x, baseline);
          pango_cairo_show_layout_line (cr, pango_layout_get_line_readonly (block->marker, 0));
        }
    }
}

/* Signals */

static void
on_begin_print (GtkPrintOperation *operation, GtkPrintContext *context, PrintJob *job)
{
  clear_document (job);
  set_up_page (job, context);
  build_document (job, context);
  gtk_print_operation_set_n_pages (operation, paginate (job));
}

static void
on_draw_page (GtkPrintOperation *operation, GtkPrintContext *context, int page_nr, PrintJob *job)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  int      n_pages = 0;

  if (job->placements == NULL)
    return;

  g_object_get (operation, "n-pages", &n_pages, NULL);
  for (guint i = 0; i < job->placements->len; i++)
    {
      const Placement *placement = &g_array_index (job->placements, Placement, i);

      if (placement->page == (guint) page_nr)
        draw_placement (job, cr, placement);
      else if (placement->page > (guint) page_nr)
        break;
    }
  draw_footer (job, cr, page_nr, n_pages);
}

static void
on_end_print (GtkPrintOperation *operation G_GNUC_UNUSED,
              GtkPrintContext *context     G_GNUC_UNUSED,
              PrintJob                    *job)
{
  clear_document (job);
}

/* API */

/**
 * rostra_print_operation_new:
 * @article: an article, with its text loaded
 * @annotations: (nullable): a list of #RostraAnnotation of @article,
 *   orphaned ones too, or %NULL for none
 *
 * A print operation for @article: its title, metadata and text, the
 * passages of @annotations highlighted in their colours, their notes
 * as numbered endnotes, and the passages no longer in the text after
 * them. The annotations are those in the list now.
 *
 * Its job name is the title; it counts in points, on the page setup's
 * paper within its margins, offers the page setup in the print dialog
 * and shows its progress.
 *
 * Returns: (transfer full): the print operation
 */
GtkPrintOperation *
rostra_print_operation_new (RostraArticle *article, GListModel *annotations)
{
  GtkPrintOperation *operation;
  PrintJob          *job;

  g_return_val_if_fail (ROSTRA_IS_ARTICLE (article), NULL);
  g_return_val_if_fail (rostra_article_get_text (article) != NULL, NULL);
  g_return_val_if_fail (annotations == NULL || G_IS_LIST_MODEL (annotations), NULL);

  job = g_new0 (PrintJob, 1);
  job->article = g_object_ref (article);
  job->title = g_strdup (get_title (article));
  job->annotations = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; annotations != NULL && i < g_list_model_get_n_items (annotations); i++)
    {
      GObject *item = g_list_model_get_item (annotations, i);

      if (ROSTRA_IS_ANNOTATION (item))
        g_ptr_array_add (job->annotations, item);
      else
        g_clear_object (&item);
    }

  operation = gtk_print_operation_new ();
  gtk_print_operation_set_job_name (operation, job->title);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_use_full_page (operation, FALSE);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  gtk_print_operation_set_show_progress (operation, TRUE);

  g_object_set_data_full (G_OBJECT (operation), "rostra-print-job", job, print_job_free);
  g_signal_connect (operation, "begin-print", G_CALLBACK (on_begin_print), job);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page), job);
  g_signal_connect (operation, "end-print", G_CALLBACK (on_end_print), job);
  return operation;
}

static void
save_settings (GtkPrintOperation *operation)
{
  g_set_object (&saved_settings, gtk_print_operation_get_print_settings (operation));
}

static void
show_error (GtkWindow *parent, const char *title, const GError *error)
{
  GtkWidget *dialog;

  /* Translators: the heading of a dialog. */
  dialog = adw_message_dialog_new (parent, _("Could Not Print"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  /* Translators: the text of a dialog; the first %s is
                                   * the title of a speech, the second why it could not
                                   * be printed. */
                                  _("“%s” could not be printed: %s"), title,
                                     error != NULL ? error->message : _("unknown error"));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_done (GtkPrintOperation      *operation,
         GtkPrintOperationResult result,
         gpointer user_data      G_GNUC_UNUSED)
{
  PrintJob *job = get_job (operation);

  if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    save_settings (operation);

  /* Run to its end before gtk_print_operation_run() returned: the
   * caller has the result. */
  if (!job->run_returned)
    return;

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autoptr (GError) error = NULL;

      gtk_print_operation_get_error (operation, &error);
      show_error (job->parent, job->title, error);
    }

  if (job->in_progress)
    {
      job->in_progress = FALSE;
      g_object_unref (operation);
    }
}

/**
 * rostra_print_article:
 * @parent: (nullable): the window the print dialog belongs to
 * @article: an article, with its text loaded
 * @annotations: (nullable): a list of #RostraAnnotation of @article, or
 *   %NULL for none
 * @error: where to put an error
 *
 * Opens the print dialog for @article, as rostra_print_operation_new()
 * lays it out, and prints it or saves it as a file. The dialog and the
 * printing may go on after this returns; an error then shows in a
 * dialog of its own over @parent. The settings chosen are offered again
 * the next time, for this session.
 *
 * Returns: %FALSE with @error set if printing failed at once; %TRUE
 *   when it went on, was done or was cancelled
 */
gboolean
rostra_print_article (GtkWindow     *parent,
                      RostraArticle *article,
                      GListModel    *annotations,
                      GError       **error)
{
  g_autoptr (GtkPrintOperation) operation = NULL;
  g_autoptr (GError) local_error = NULL;
  GtkPrintOperationResult result;
  PrintJob               *job;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), FALSE);
  g_return_val_if_fail (ROSTRA_IS_ARTICLE (article), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  operation = rostra_print_operation_new (article, annotations);
  job = get_job (operation);
  g_set_weak_pointer (&job->parent, parent);
  if (saved_settings != NULL)
    gtk_print_operation_set_print_settings (operation, saved_settings);
  gtk_print_operation_set_allow_async (operation, TRUE);
  g_signal_connect (operation, "done", G_CALLBACK (on_done), NULL);

  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, parent,
                                    &local_error);
  job->run_returned = TRUE;

  switch (result)
    {
      case GTK_PRINT_OPERATION_RESULT_ERROR:
        if (local_error == NULL)
          g_set_error (&local_error, GTK_PRINT_ERROR, GTK_PRINT_ERROR_GENERAL,
                       _("“%s” could not be printed"), job->title);
        g_propagate_error (error, g_steal_pointer (&local_error));
        return FALSE;

      case GTK_PRINT_OPERATION_RESULT_APPLY:
        save_settings (operation);
        break;

      case GTK_PRINT_OPERATION_RESULT_IN_PROGRESS:
        /* Until "done". */
        job->in_progress = TRUE;
        g_object_ref (operation);
        break;

      case GTK_PRINT_OPERATION_RESULT_CANCEL:
      default:
        break;
    }
  return TRUE;
}

/**
 * rostra_print_to_pdf:
 * @article: an article, with its text loaded
 * @annotations: (nullable): a list of #RostraAnnotation of @article, or
 *   %NULL for none
 * @pdf_path: the file to write
 * @error: where to put an error
 *
 * Writes @article as rostra_print_article() prints it to @pdf_path, a
 * PDF file, on the default paper of the user's locale, without a
 * dialog. Returns when the file is written.
 *
 * Returns: %FALSE with @error set if the file could not be written
 */
gboolean
rostra_print_to_pdf (RostraArticle *article,
                     GListModel    *annotations,
                     const char    *pdf_path,
                     GError       **error)
{
  g_autoptr (GtkPrintOperation) operation = NULL;
  g_autoptr (GError) local_error = NULL;
  GtkPrintOperationResult result;

  g_return_val_if_fail (ROSTRA_IS_ARTICLE (article), FALSE);
  g_return_val_if_fail (pdf_path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  operation = rostra_print_operation_new (article, annotations);
  gtk_print_operation_set_show_progress (operation, FALSE);
  gtk_print_operation_set_allow_async (operation, FALSE);
  gtk_print_operation_set_export_filename (operation, pdf_path);

  result =
      gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, &local_error);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR || local_error != NULL)
    {
      g_autofree char *name = g_filename_display_name (pdf_path);

      if (local_error == NULL)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write “%s”"), name);
      else
        g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                    /* Translators: before the reason; %s is a file name. */
                                    _("Could not write “%s”: "), name);
      return FALSE;
    }
  return TRUE;
}
