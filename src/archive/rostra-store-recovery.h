// SPDX-License-Identifier: GPL-3.0-or-later
/* rostra-store-recovery.h: keeping an archive that cannot be opened aside,
 * so that a new one can take its place. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

GFile *rostra_store_recovery_dup_kept_file (const char *path, const char *reason, GDateTime *when);
GFile *rostra_store_recovery_dup_aside_file (const char *path, GDateTime *when);
GFile *rostra_store_recovery_move_aside (const char *path, GDateTime *when, GError **error);
gboolean rostra_store_recovery_quick_check (const char *path, GError **error);

G_END_DECLS
