/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-diff.h: word-level differences between two versions of a text. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  ROSTRA_DIFF_EQUAL,    /* the same words in both texts */
  ROSTRA_DIFF_DELETED,  /* words of the first text only */
  ROSTRA_DIFF_INSERTED, /* words of the second text only */
} RostraDiffKind;

/**
 * RostraDiffSegment:
 * @kind: what the segment is
 * @a_start: where it starts in the first text (Unicode characters)
 * @a_end: where it ends there; @a_start when %ROSTRA_DIFF_INSERTED
 * @b_start: where it starts in the second text
 * @b_end: where it ends there; @b_start when %ROSTRA_DIFF_DELETED
 *
 * One run of a comparison. Each word owns the spaces that follow it,
 * so the segments cover both texts from their first character to their
 * last, in order, without gaps.
 */
typedef struct
{
  RostraDiffKind kind;
  guint          a_start;
  guint          a_end;
  guint          b_start;
  guint          b_end;
} RostraDiffSegment;

GArray *rostra_diff_words (const char *a, const char *b);

G_END_DECLS
