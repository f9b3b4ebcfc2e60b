/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-anchor.h: finds an annotated passage again when its text changes. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ROSTRA_ANCHOR_CONTEXT 32 /* characters of prefix and suffix */

typedef enum
{
  ROSTRA_ANCHOR_EXACT,    /* the position still holds the quote */
  ROSTRA_ANCHOR_MOVED,    /* the quote was found elsewhere; *start and *end updated */
  ROSTRA_ANCHOR_ORPHANED, /* the quote is nowhere in the text */
} RostraAnchorResult;

/* Builds the quote selector for [start, end) of text (character offsets; clamped to the text). */
void rostra_anchor_describe (const char *text,
                             guint       start,
                             guint       end,
                             char      **exact,
                             char      **prefix,
                             char      **suffix);

/* Checks the position against the quote and finds the quote again when needed. On input
 * *start and *end are the stored position; on output the resolved one (unchanged when ORPHANED). */
RostraAnchorResult rostra_anchor_resolve (const char *text,
                                          const char *exact,
                                          const char *prefix,
                                          const char *suffix,
                                          guint      *start,
                                          guint      *end);

G_END_DECLS
