/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-print-document.c: a speech as a printed document: a list of
 * blocks, each a PangoLayout as wide as the text column (the header, the
 * paragraphs with their highlights as tinted backgrounds and endnote
 * markers, the notes), never reading user text as markup. */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "rostra-language.h"
#include "rostra-palette.h"
#include "rostra-print-private.h"
#include "rostra-store.h"
#include "rostra-text.h"

static void
block_free (gpointer data)
{
  Block *block = data;

  g_clear_object (&block->layout);
  g_clear_object (&block->marker);
  g_clear_pointer (&block->lines, g_array_unref);
  g_free (block);
}

void
_rostra_print_clear_document (PrintJob *job)
{
  g_clear_pointer (&job->blocks, g_ptr_array_unref);
  g_clear_pointer (&job->placements, g_array_unref);
  g_clear_object (&job->footer_title);
  g_clear_object (&job->footer_page);
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

/* Text */

const char *
_rostra_print_get_title (RostraArticle *article)
{
  const char *title = rostra_article_get_title (article);

  if (!_rostra_print_is_set (title))
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
void
_rostra_print_set_ui_direction (PrintJob *job, PangoLayout *layout)
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

  if (_rostra_print_is_set (language))
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

  if (_rostra_print_is_set (meta))
    {
      layout = create_layout (job, context, META_FONT, 0);
      _rostra_print_set_ui_direction (job, layout);
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

  _rostra_print_set_ui_direction (job, layout);
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
  _rostra_print_set_ui_direction (job, layout);
  pango_layout_set_text (layout, out->str, (int) out->len);
  pango_layout_set_attributes (layout, attrs);
  pango_layout_set_line_spacing (layout, NOTE_LINE_SPACING);

  block = add_block (job, layout, space_before);
  block->indent = job->note_indent;
  block->marker = create_layout (job, context, NOTE_FONT, 0);
  pango_layout_set_width (block->marker, -1);
  _rostra_print_set_ui_direction (job, block->marker);
  pango_layout_set_text (block->marker, marker, -1);
}

/* Builds the blocks of the document for the page of @context. */
void
_rostra_print_build_document (PrintJob *job, GtkPrintContext *context)
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
      job->note_indent =
          MAX (NOTE_INDENT, _rostra_print_units_to_points (logical.width) + 2 * MARKER_GAP);
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
