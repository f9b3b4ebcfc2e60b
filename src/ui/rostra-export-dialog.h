/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-export-dialog.h: export annotations in a format and scope to a file. */
#pragma once

#include <adwaita.h>

#include "rostra-exporter.h"
#include "rostra-store.h"

G_BEGIN_DECLS

#define ROSTRA_TYPE_EXPORT_DIALOG (rostra_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (RostraExportDialog, rostra_export_dialog, ROSTRA, EXPORT_DIALOG, AdwWindow)

GtkWidget *rostra_export_dialog_new (GtkWindow         *parent,
                                     RostraStore       *store,
                                     gint64             open_article_id,
                                     const RostraQuery *current_query);
AdwToast  *rostra_export_dialog_new_toast (GtkWindow *parent, GFile *file, guint n_annotations);

RostraExportFormat rostra_export_dialog_get_format (RostraExportDialog *self);
void rostra_export_dialog_set_format (RostraExportDialog *self, RostraExportFormat format);
RostraExportScopeKind rostra_export_dialog_get_scope (RostraExportDialog *self);
gboolean              rostra_export_dialog_set_scope (RostraExportDialog   *self,
                                                      RostraExportScopeKind kind,
                                                      const char           *tag);
gboolean
rostra_export_dialog_get_scope_sensitive (RostraExportDialog *self, RostraExportScopeKind kind);
const char *rostra_export_dialog_get_tag (RostraExportDialog *self);
gboolean    rostra_export_dialog_get_counting (RostraExportDialog *self);
gint        rostra_export_dialog_get_n_annotations (RostraExportDialog *self);
const char *rostra_export_dialog_get_count_text (RostraExportDialog *self);
gboolean    rostra_export_dialog_get_busy (RostraExportDialog *self);
char       *rostra_export_dialog_dup_suggested_name (RostraExportDialog *self);
void        rostra_export_dialog_export_to_file (RostraExportDialog *self, GFile *file);

G_END_DECLS
