/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-speakers-dialog.h: the archive's speakers: rename, merge, aliases. */
#pragma once

#include <adwaita.h>

#include "rostra-store.h"

G_BEGIN_DECLS

#define ROSTRA_TYPE_SPEAKERS_DIALOG (rostra_speakers_dialog_get_type ())
G_DECLARE_FINAL_TYPE (RostraSpeakersDialog,
                      rostra_speakers_dialog,
                      ROSTRA,
                      SPEAKERS_DIALOG,
                      AdwWindow)

GtkWidget *rostra_speakers_dialog_new (GtkWindow *parent, RostraStore *store);
gboolean   rostra_speakers_dialog_get_busy (RostraSpeakersDialog *self);

G_END_DECLS
