/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-sqlite-private.h: the one way the core opens an SQLite file. */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* Every connection of the core (store, recovery, backups) is opened here.
 * Before the first one, the locks SQLite takes on its files are made
 * immune to other opens and closes of the same file in this process
 * (see rostra-sqlite.c). Same contract as sqlite3_open_v2(): *db is set
 * even on failure and must be closed by the caller. */
int _rostra_sqlite_open (const char *path, sqlite3 **db, int flags);

/* Installs the lock guard without opening anything (idempotent).
 * Returns %TRUE when locks are held per open file description (Linux
 * OFD locks), %FALSE when the platform only has per-process locks. */
gboolean _rostra_sqlite_guard_locks (void);

G_END_DECLS
