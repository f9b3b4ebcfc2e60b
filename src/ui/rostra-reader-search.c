/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-reader-search.c: the reader's search matches: found in the text
 * by rostra_text_find_terms(), marked, and gone through one by one
 * (Ctrl+G, Shift+Ctrl+G), the current one selected and scrolled to. */

#include "config.h"

#include "rostra-reader-private.h"
#include "rostra-text-match.h"

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

void
_rostra_reader_update_match_actions (RostraReader *self)
{
  gboolean has_matches = self->matches->len > 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reader.next-match", has_matches);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reader.previous-match", has_matches);
}

/* Finds the matches anew and highlights them. */
void
_rostra_reader_update_matches (RostraReader *self)
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

      _rostra_reader_get_text_iter (self, &start, match->start);
      _rostra_reader_get_text_iter (self, &end, match->end);
      gtk_text_buffer_apply_tag (self->buffer, self->match_tag, &start, &end);
    }

  _rostra_reader_update_match_actions (self);

  if (old_n_matches != self->matches->len)
    g_object_notify_by_pspec (G_OBJECT (self), _rostra_reader_properties[PROP_N_MATCHES]);
  g_object_notify_by_pspec (G_OBJECT (self), _rostra_reader_properties[PROP_CURRENT_MATCH]);
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

      _rostra_reader_get_text_iter (self, &start, old->start);
      _rostra_reader_get_text_iter (self, &end, old->end);
      gtk_text_buffer_remove_tag (self->buffer, self->current_tag, &start, &end);
    }

  self->current_match = index;
  g_object_notify_by_pspec (G_OBJECT (self), _rostra_reader_properties[PROP_CURRENT_MATCH]);

  _rostra_reader_get_text_iter (self, &start, match->start);
  _rostra_reader_get_text_iter (self, &end, match->end);
  gtk_text_buffer_apply_tag (self->buffer, self->current_tag, &start, &end);
  gtk_text_buffer_select_range (self->buffer, &start, &end);

  gtk_text_buffer_move_mark (self->buffer, self->match_mark, &start);
  gtk_text_view_scroll_to_mark (self->text_view, self->match_mark, SCROLL_MARGIN, FALSE, 0, 0);
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
  _rostra_reader_update_matches (self);
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
