/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-window.h: the main window. */
#pragma once

#include <adwaita.h>

#include "rostra-application.h"

G_BEGIN_DECLS

#define ROSTRA_TYPE_WINDOW (rostra_window_get_type ())
G_DECLARE_FINAL_TYPE (RostraWindow, rostra_window, ROSTRA, WINDOW, AdwApplicationWindow)

RostraWindow *rostra_window_new (RostraApplication *application);
RostraStore  *rostra_window_get_store (RostraWindow *self);

G_END_DECLS
