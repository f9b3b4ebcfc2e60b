/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-cli-kwic.h: `rostra --kwic`, the concordance on the command line. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

const GOptionEntry *rostra_cli_kwic_option_entries (void);
gboolean            rostra_cli_kwic_options_used (GVariantDict *options);
int                 rostra_cli_kwic (const char *database, const char *text, GVariantDict *options);

G_END_DECLS
