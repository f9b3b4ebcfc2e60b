/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-application.h: options, actions and windows. */
#pragma once

#include <adwaita.h>

#include "rostra-store.h"

G_BEGIN_DECLS

#define ROSTRA_TYPE_APPLICATION (rostra_application_get_type ())
G_DECLARE_FINAL_TYPE (RostraApplication, rostra_application, ROSTRA, APPLICATION, AdwApplication)

RostraApplication *rostra_application_new (void);
const char        *rostra_application_get_database (RostraApplication *self);
void               rostra_application_set_database (RostraApplication *self, const char *path);

G_END_DECLS
