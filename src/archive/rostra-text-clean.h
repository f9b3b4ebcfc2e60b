/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-text-clean.h: the rules that drop a news site's debris from a speech at import. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * RostraCleanRule:
 * @ROSTRA_CLEAN_IMAGE_CAPTION: a line that is an image's caption with
 *   its file size: `JPEG - 66.2 kb`
 * @ROSTRA_CLEAN_IMAGE_RESULT: a search engine's image label:
 *   `Afbeeldingsresultaat voor …`, `Image result for …`, `Related image`
 * @ROSTRA_CLEAN_DONATION: a short line asking for money: an IBAN, or
 *   `Donate …` with a bank account or PayPal
 * @ROSTRA_CLEAN_REPEATED_HEADER: the title or a date (`27-09-19 02:07:00,`,
 *   `vrijdag 13 april 2018`) repeated in the first three lines of the
 *   body, before its first sentence
 *
 * The cleaning rules, in the order they are tried on each line.
 */
typedef enum
{
  ROSTRA_CLEAN_IMAGE_CAPTION,
  ROSTRA_CLEAN_IMAGE_RESULT,
  ROSTRA_CLEAN_DONATION,
  ROSTRA_CLEAN_REPEATED_HEADER,
  ROSTRA_CLEAN_N_RULES
} RostraCleanRule;

const char *rostra_clean_rule_get_name (RostraCleanRule rule);
const char *rostra_clean_rule_get_label (RostraCleanRule rule);

char *
rostra_text_clean (const char *title, const char *published, const char *text, guint *n_dropped);

G_END_DECLS
