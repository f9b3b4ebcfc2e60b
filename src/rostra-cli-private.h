/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-cli-private.h: what the command line's files share. */
#pragma once

#include <gio/gio.h>

#include "rostra-store.h"

G_BEGIN_DECLS

/* One line to stdout or stderr, every argument made safe for the terminal. */
void           _rostra_cli_say (gboolean to_stderr, const char *format, ...) G_GNUC_PRINTF (2, 3);
RostraStore   *_rostra_cli_open_store (const char *database);
GOutputStream *_rostra_cli_stdout_stream (void);
gboolean _rostra_cli_print_article_row (RostraArticle *article, gpointer user_data, GError **error);

G_END_DECLS
