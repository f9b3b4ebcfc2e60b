/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-stem.h: word forms, with the Snowball stemmers of libstemmer. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _RostraStemmer RostraStemmer;

const char *const *rostra_stem_languages (void);
gboolean           rostra_stem_has_language (const char *language);

RostraStemmer *rostra_stemmer_new (const char *language);
void           rostra_stemmer_free (RostraStemmer *self);
const char    *rostra_stemmer_stem (RostraStemmer *self, const char *word, gsize len);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RostraStemmer, rostra_stemmer_free)

G_END_DECLS
