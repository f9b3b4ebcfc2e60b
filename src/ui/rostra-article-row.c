/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Stub, being written. */
#include "config.h"

#include "rostra-article-row.h"

struct _RostraArticleRow
{
  GtkWidget parent_instance;
};

G_DEFINE_FINAL_TYPE (RostraArticleRow, rostra_article_row, GTK_TYPE_WIDGET)

static void
rostra_article_row_class_init (RostraArticleRowClass *klass)
{
}

static void
rostra_article_row_init (RostraArticleRow *self)
{
}
