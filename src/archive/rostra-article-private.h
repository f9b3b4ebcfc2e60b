/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-article-private.h: how the store builds articles from rows. */
#pragma once

#include "rostra-article.h"

G_BEGIN_DECLS

/* Takes ownership of the strings. */
RostraArticle *_rostra_article_new (gint64 id,
                                    char  *title,
                                    char  *source,
                                    char  *published,
                                    char  *language,
                                    char  *text,
                                    char  *imported_from,
                                    guint  words,
                                    guint  n_annotations);

void _rostra_article_set_uuid (RostraArticle *self, char *uuid);
void _rostra_article_set_snippet (RostraArticle *self, char *snippet);
void _rostra_article_set_tags (RostraArticle *self, GStrv tags);
void _rostra_article_set_metadata (RostraArticle *self,
                                   char          *speaker,
                                   char          *occasion,
                                   char          *delivered,
                                   char          *memo,
                                   int            cleaning);

G_END_DECLS
