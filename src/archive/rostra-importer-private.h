/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-importer-private.h: the importer's formats. */
#pragma once

#include "rostra-importer.h"

G_BEGIN_DECLS

void _rostra_import_report_warn (RostraImportReport *report, guint line, const char *format, ...)
    G_GNUC_PRINTF (3, 4);
gboolean _rostra_import_backup (RostraStore        *store,
                                GInputStream       *stream,
                                RostraImportReport *report,
                                GCancellable       *cancellable,
                                GError            **error);

G_END_DECLS
