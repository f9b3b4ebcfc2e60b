/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-highlights.c: how an article's annotations are layered when
 * drawn over its text. */

#include "config.h"

#include "rostra-highlights.h"
#include "rostra-palette.h"

/* Longest first, then from the start, then in the model's order: the
 * order they are drawn in, each over the ones before it. */
static int
compare_highlights (gconstpointer a, gconstpointer b)
{
  const RostraHighlight *highlight_a = a;
  const RostraHighlight *highlight_b = b;
  int                    length_a = highlight_a->end - highlight_a->start;
  int                    length_b = highlight_b->end - highlight_b->start;

  if (length_a != length_b)
    return length_a > length_b ? -1 : 1;
  if (highlight_a->start != highlight_b->start)
    return highlight_a->start < highlight_b->start ? -1 : 1;
  if (highlight_a->index != highlight_b->index)
    return highlight_a->index < highlight_b->index ? -1 : 1;
  return 0;
}

/* Whether the passages of @a and @b share a character. */
gboolean
rostra_highlights_overlap (const RostraHighlight *a, const RostraHighlight *b)
{
  return a->start < b->end && b->start < a->end;
}

/**
 * rostra_highlights_layer:
 * @annotations: (element-type RostraAnnotation): an article's annotations
 * @n_chars: the length of the article's text in characters
 * @n_levels: how many levels of overlap stay apart; deeper ones share the
 *   top level
 *
 * Lays out the annotations that show (not orphaned, not empty once
 * clamped to the text) as a text view draws them: one colour per passage,
 * where only the tag of highest priority paints its background. Where
 * passages overlap, the shorter goes on top: each gets a level one above
 * the levels of the longer passages it overlaps.
 *
 * Returns: (transfer full) (element-type RostraHighlight): the
 *   highlights in drawing order, each over the ones before it
 */
GArray *
rostra_highlights_layer (GPtrArray *annotations, int n_chars, guint n_levels)
{
  GArray *highlights = g_array_new (FALSE, FALSE, sizeof (RostraHighlight));

  g_return_val_if_fail (n_levels > 0, highlights);

  for (guint i = 0; annotations != NULL && i < annotations->len; i++)
    {
      RostraAnnotation *annotation = g_ptr_array_index (annotations, i);
      RostraHighlight   highlight = { 0 };

      if (!ROSTRA_IS_ANNOTATION (annotation) || rostra_annotation_get_orphaned (annotation))
        continue;

      highlight.annotation = annotation;
      highlight.start = (int) MIN (rostra_annotation_get_start (annotation), (guint) n_chars);
      highlight.end = (int) MIN (rostra_annotation_get_end (annotation), (guint) n_chars);
      highlight.index = i;
      highlight.color = rostra_palette_index (rostra_annotation_get_color (annotation));
      if (highlight.start < highlight.end)
        g_array_append_val (highlights, highlight);
    }

  g_array_sort (highlights, compare_highlights);

  for (guint i = 0; i < highlights->len; i++)
    {
      RostraHighlight *highlight = &g_array_index (highlights, RostraHighlight, i);

      for (guint j = 0; j < i && highlight->level < n_levels - 1; j++)
        {
          const RostraHighlight *below = &g_array_index (highlights, RostraHighlight, j);

          if (rostra_highlights_overlap (highlight, below))
            highlight->level = MAX (highlight->level, MIN (below->level + 1, n_levels - 1));
        }
    }
  return highlights;
}
