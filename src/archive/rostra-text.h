/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-text.h: small text helpers shared by the parser, store and exporter. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char    *rostra_text_decode_windows_1252 (const char *bytes, gsize len);
char    *rostra_text_normalize_nfc (const char *text, gsize len);
gboolean rostra_text_is_blank (const char *line);
char    *rostra_text_strip_trailing (char *line);
gsize    rostra_text_count_words (const char *text);
char    *rostra_text_content_hash (const char *title, const char *published, const char *text);

G_END_DECLS
