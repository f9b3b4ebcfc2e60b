/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-article-row.h: one article in the library list. */
#pragma once

#include <adwaita.h>

#include "rostra-article.h"

G_BEGIN_DECLS

#define ROSTRA_TYPE_ARTICLE_ROW (rostra_article_row_get_type ())
G_DECLARE_FINAL_TYPE (RostraArticleRow, rostra_article_row, ROSTRA, ARTICLE_ROW, GtkWidget)

GtkWidget     *rostra_article_row_new (void);
void           rostra_article_row_set_article (RostraArticleRow *self, RostraArticle *article);
RostraArticle *rostra_article_row_get_article (RostraArticleRow *self);

G_END_DECLS
