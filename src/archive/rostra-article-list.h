/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-article-list.h: a lazy GListModel of the articles a query shows. */
#pragma once

#include <gio/gio.h>

#include "rostra-engine.h"
#include "rostra-query.h"
#include "rostra-store.h"

G_BEGIN_DECLS

#define ROSTRA_TYPE_ARTICLE_LIST (rostra_article_list_get_type ())
G_DECLARE_FINAL_TYPE (RostraArticleList, rostra_article_list, ROSTRA, ARTICLE_LIST, GObject)

RostraArticleList *rostra_article_list_new (RostraStore *store);
RostraStore       *rostra_article_list_get_store (RostraArticleList *self);
RostraEngine      *rostra_article_list_get_engine (RostraArticleList *self);
const RostraQuery *rostra_article_list_get_query (RostraArticleList *self);
void     rostra_article_list_set_query (RostraArticleList *self, const RostraQuery *query);
void     rostra_article_list_refresh (RostraArticleList *self);
gboolean rostra_article_list_get_loading (RostraArticleList *self);
guint    rostra_article_list_find (RostraArticleList *self, gint64 id);
gint64   rostra_article_list_get_id (RostraArticleList *self, guint position);

void rostra_article_list_reload (RostraArticleList *self, gint64 id);

G_END_DECLS
