/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-text-match.h: search terms found in an article's text. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A passage, in character offsets into a text. */
typedef struct
{
  int start;
  int end;
} RostraTextSpan;

char   *rostra_text_fold_mapped (const char *text, GArray *map, int *n_chars);
GArray *rostra_text_find_terms (const char *text, const char *const *terms);

G_END_DECLS
