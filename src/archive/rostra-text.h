/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-text.h: small text helpers shared by the parser, store and exporter. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Around matched words in search snippets: U+E000 and U+E001, private
 * use characters that no dump holds. */
#define ROSTRA_TEXT_MATCH_START "\xEE\x80\x80"
#define ROSTRA_TEXT_MATCH_END   "\xEE\x80\x81"

char    *rostra_text_decode_windows_1252 (const char *bytes, gsize len);
char    *rostra_text_normalize_nfc (const char *text, gsize len);
gboolean rostra_text_is_blank (const char *line);
char    *rostra_text_strip_trailing (char *line);
gsize    rostra_text_count_words (const char *text);
char    *rostra_text_content_hash (const char *title, const char *published, const char *text);

/* SHA-256, as GChecksum computes it; faster where the processor can. */
typedef struct _RostraSha256 RostraSha256;

RostraSha256 *rostra_sha256_new (void);
void          rostra_sha256_update (RostraSha256 *sum, const void *data, gsize len);
const char   *rostra_sha256_get_string (RostraSha256 *sum);
void          rostra_sha256_free (RostraSha256 *sum);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RostraSha256, rostra_sha256_free)

char *rostra_text_snippet_format (const char *snippet,
                                  const char *open,
                                  const char *close,
                                  gboolean    markup);
char *rostra_text_snippet_to_markup (const char *snippet);

char *rostra_text_format_date (const char *published, gboolean abbreviated);
char *rostra_text_markdown_escape (const char *text);
char *rostra_text_fold (const char *text);

gboolean
rostra_text_snap_passage (const char *text, guint *start, guint *end, gboolean whole_words);

G_END_DECLS
