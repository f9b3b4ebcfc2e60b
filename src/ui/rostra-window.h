/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-window.h: the main window. */
#pragma once

#include <adwaita.h>

#include "rostra-article-list.h"
#include "rostra-reader.h"

G_BEGIN_DECLS

#define ROSTRA_TYPE_WINDOW (rostra_window_get_type ())
G_DECLARE_FINAL_TYPE (RostraWindow, rostra_window, ROSTRA, WINDOW, AdwApplicationWindow)

RostraWindow      *rostra_window_new (GtkApplication *application, const char *database);
RostraStore       *rostra_window_get_store (RostraWindow *self);
RostraArticleList *rostra_window_get_articles (RostraWindow *self);
RostraReader      *rostra_window_get_reader (RostraWindow *self);
void               rostra_window_import (RostraWindow *self, GPtrArray *files, GPtrArray *names);
void               rostra_window_open_import_dialog (RostraWindow *self, GListModel *files);
GtkWidget         *rostra_window_get_import_dialog (RostraWindow *self);
void               rostra_window_show_imports (RostraWindow *self, const gint64 *ids, gsize n_ids);
void               rostra_window_add_import_filters (GtkFileChooser *chooser);
void               rostra_window_set_search (RostraWindow *self, const char *text);
void               rostra_window_select (RostraWindow *self, guint position);
gint64             rostra_window_get_open_article_id (RostraWindow *self);

G_END_DECLS
