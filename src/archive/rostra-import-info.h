/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-import-info.h: one past import, as the Imports page lists it. */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define ROSTRA_TYPE_IMPORT_INFO (rostra_import_info_get_type ())
G_DECLARE_FINAL_TYPE (RostraImportInfo, rostra_import_info, ROSTRA, IMPORT_INFO, GObject)

gint64      rostra_import_info_get_id (RostraImportInfo *self);
const char *rostra_import_info_get_name (RostraImportInfo *self);
const char *rostra_import_info_get_path (RostraImportInfo *self);
const char *rostra_import_info_get_format (RostraImportInfo *self);
const char *rostra_import_info_get_encoding (RostraImportInfo *self);
const char *rostra_import_info_get_started (RostraImportInfo *self);
guint64     rostra_import_info_get_size (RostraImportInfo *self);
guint       rostra_import_info_get_n_new (RostraImportInfo *self);
guint       rostra_import_info_get_n_duplicates (RostraImportInfo *self);
guint       rostra_import_info_get_n_warnings (RostraImportInfo *self);
guint       rostra_import_info_get_n_articles (RostraImportInfo *self);
guint       rostra_import_info_get_n_annotated (RostraImportInfo *self);

G_END_DECLS
