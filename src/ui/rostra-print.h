/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-print.h: printing a speech, or saving it as PDF, with its
 * highlights in colour and its notes as numbered endnotes. */
#pragma once

#include <gtk/gtk.h>

#include "rostra-annotation.h"
#include "rostra-article.h"

G_BEGIN_DECLS

GtkPrintOperation *rostra_print_operation_new (RostraArticle *article, GListModel *annotations);
gboolean           rostra_print_article (GtkWindow     *parent,
                                         RostraArticle *article,
                                         GListModel    *annotations,
                                         GError       **error);
gboolean           rostra_print_to_pdf (RostraArticle *article,
                                        GListModel    *annotations,
                                        const char    *pdf_path,
                                        GError       **error);

G_END_DECLS
