/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-import-info-private.h: how the store builds import infos. */
#pragma once

#include "rostra-import-info.h"

G_BEGIN_DECLS

RostraImportInfo *_rostra_import_info_new (gint64  id,
                                           char   *name,
                                           char   *path,
                                           char   *format,
                                           char   *encoding,
                                           char   *started,
                                           guint64 size,
                                           guint   n_new,
                                           guint   n_duplicates,
                                           guint   n_warnings,
                                           guint   n_articles,
                                           guint   n_annotated);

G_END_DECLS
