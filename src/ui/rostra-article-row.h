/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ROSTRA_TYPE_ARTICLE_ROW (rostra_article_row_get_type ())
G_DECLARE_FINAL_TYPE (RostraArticleRow, rostra_article_row, ROSTRA, ARTICLE_ROW, GtkWidget)

G_END_DECLS
