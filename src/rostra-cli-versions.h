/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-cli-versions.h: `--versions`, `--link-translation`, `--unlink`, `--find-versions`. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

int rostra_cli_versions (const char *database, gint64 article_id, gboolean json);
int rostra_cli_link_translation (const char *database, gint64 article_id, const char *other);
int rostra_cli_unlink (const char *database, gint64 article_id, const char *other);
int rostra_cli_find_versions (const char *database);

G_END_DECLS
