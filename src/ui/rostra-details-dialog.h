/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-details-dialog.h: a speech's details (speaker, occasion, day given, memo). */
#pragma once

#include <adwaita.h>

#include "rostra-article.h"
#include "rostra-store-speakers.h"

G_BEGIN_DECLS

#define ROSTRA_TYPE_DETAILS_DIALOG (rostra_details_dialog_get_type ())
G_DECLARE_FINAL_TYPE (RostraDetailsDialog, rostra_details_dialog, ROSTRA, DETAILS_DIALOG, AdwWindow)

GtkWidget *rostra_details_dialog_new (GtkWindow *parent, RostraArticle *article);
void
rostra_details_dialog_get_metadata (RostraDetailsDialog *self, RostraArticleMetadata *metadata);
gboolean rostra_details_dialog_get_valid (RostraDetailsDialog *self);
gboolean rostra_details_dialog_get_cleaned (RostraDetailsDialog *self, gboolean *cleaned);

G_END_DECLS
