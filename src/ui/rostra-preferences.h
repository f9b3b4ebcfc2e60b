/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-preferences.h: the Preferences window, and the style it sets. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ROSTRA_TYPE_PREFERENCES_WINDOW (rostra_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (RostraPreferencesWindow,
                      rostra_preferences_window,
                      ROSTRA,
                      PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

GtkWidget *rostra_preferences_window_new (GtkWindow *parent, const char *archive_path);
void       rostra_preferences_apply_style (GSettings *settings);

G_END_DECLS
