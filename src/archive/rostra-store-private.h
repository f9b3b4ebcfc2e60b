/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-store-private.h: what the store's own files share. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* rostra_store_migrations[i] takes the schema from version i to i + 1. */
extern const char *const rostra_store_migrations[];
extern const guint       rostra_store_n_migrations;

G_END_DECLS
