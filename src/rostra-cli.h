/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-cli.h: the headless command line; no GTK on these paths. */
#pragma once

#include <glib.h>

#include "rostra-store.h"

G_BEGIN_DECLS

/* Exit codes: a contract with scripts, documented in README.md. */
typedef enum
{
  ROSTRA_EXIT_OK = 0,
  ROSTRA_EXIT_INPUT_FAILED = 1, /* a file could not be read or held no entry */
  ROSTRA_EXIT_USAGE = 2,        /* the options are wrong */
  ROSTRA_EXIT_ARCHIVE = 3,      /* the archive could not be opened or written */
} RostraExitCode;

int rostra_cli_import (const char *database, const char *const *files, const char *speaker);
int rostra_cli_list (const char *database, gboolean json);
int rostra_cli_export (const char *database,
                       const char *format,
                       const char *tag,
                       gint64      article_id,
                       const char *output);

int rostra_cli_search (const char *database,
                       const char *text,
                       const char *speaker,
                       gboolean    json,
                       guint       offset,
                       guint       limit);
int rostra_cli_backup (const char *database, const char *destination);

G_END_DECLS
