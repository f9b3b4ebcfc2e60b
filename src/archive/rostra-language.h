/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-language.h: a small built-in guesser of a text's language. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Guesses the language of @text (UTF-8, may be long; only the first ~20,000 characters
 * need to be looked at). Returns a static ISO 639-1 code ("en", "nl", "de", "fr", "ru",
 * "es", "it") or NULL when unsure (too little text, or no clear winner). Thread-safe.
 * @text may be NULL, which gives NULL. */
const char *rostra_language_guess (const char *text);

const char *rostra_language_get_name (const char *code);

G_END_DECLS
