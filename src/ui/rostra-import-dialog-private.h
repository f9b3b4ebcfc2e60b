/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-import-dialog-private.h: what the parts of the import dialog share.
 *
 * RostraImportDialog is one class in three files: rostra-import-dialog.c
 * (its pages, buttons and life), rostra-import-dialog-preview.c (a group
 * per file, previewed) and rostra-import-dialog-progress.c (importing,
 * and the summary after). The tags entry's suggestions are a
 * RostraTagCompletion.
 */
#pragma once

#include "rostra-engine.h"
#include "rostra-import-batch.h"
#include "rostra-import-dialog.h"
#include "rostra-tag-completion.h"

G_BEGIN_DECLS

/* Speeches listed in a file's preview */
#define PREVIEW_ENTRIES 20

/* Warnings listed in a file's group; the rest on a page of their own */
#define INLINE_WARNINGS 20

typedef struct _PreviewJob PreviewJob;

typedef struct _ImportJob ImportJob;

/* What the import did with a file. */
typedef enum
{
  OUTCOME_NONE, /* not imported: its preview failed, or it held nothing new */
  OUTCOME_PENDING,
  OUTCOME_IMPORTED, /* read through; its import_id is 0 when nothing was new */
  OUTCOME_FAILED,
  OUTCOME_CANCELLED,
} Outcome;

/* A file of the list. Main thread only. */
typedef struct
{
  RostraImportDialog *dialog;
  GFile              *file;
  char               *display_name;
  guint64             size;

  /* The preview: running while @job is set */
  PreviewJob         *job;
  GCancellable       *cancellable;
  RostraImportReport *report; /* set even when the preview failed */
  GError             *error;  /* why the file cannot be imported */

  /* The import */
  Outcome             outcome;
  RostraImportReport *result;
  GError             *result_error;

  AdwPreferencesGroup *group;
  GtkWidget           *status_row; /* reading, or the error */
  GtkProgressBar      *progress_bar;
  AdwEntryRow         *name_row;
} FileItem;

struct _RostraImportDialog
{
  AdwWindow parent_instance;

  char         *database;
  RostraEngine *engine; /* the archive's, made when first needed */
  RostraStore  *memory; /* the archive, when it is in memory */
  GPtrArray    *items;  /* FileItem */

  ImportJob  *import_job; /* while importing */
  gboolean    finished;   /* the summary is shown */
  gboolean    cancelled;
  gboolean    close_pending;
  gboolean    disposed;
  gboolean    busy;
  double      progress;
  const char *page;        /* as last shown */
  gboolean    user_active; /* the user clicked or typed since */

  GtkFileChooserNative *chooser;
  RostraTagCompletion  *completion; /* the tags entry's */

  /* The warnings page, and the row that opened it */
  GtkWidget     *show_all_row;
  GArray        *warning_lines;
  GtkStringList *warning_messages;

  AdwToastOverlay *toast_overlay;
  AdwLeaflet      *leaflet;
  GtkWidget       *main_page;
  AdwWindowTitle  *window_title;
  GtkWidget       *cancel_button;
  GtkWidget       *import_button;
  GtkWidget       *done_button;
  GtkWidget       *add_button;
  GtkStack        *stack;
  GtkWidget       *empty_add_button;
  GtkBox          *file_box;
  AdwEntryRow     *tags_row;
  AdwStatusPage   *progress_page;
  GtkProgressBar  *progress_bar;
  GtkLabel        *progress_label;
  AdwStatusPage   *summary_page;
  GtkWidget       *show_button;
  GtkListBox      *summary_list;
  GtkWidget       *warnings_page;
  AdwWindowTitle  *warnings_title;
  GtkListView     *warnings_view;
  GtkLabel        *warnings_more;
};

enum
{
  PROP_0,
  PROP_DATABASE,
  PROP_BUSY,
  PROP_PROGRESS,
  N_PROPS
};

enum
{
  IMPORTED,
  SHOW_ARTICLES,
  N_SIGNALS
};

/* rostra-import-dialog.c */
extern GParamSpec *_rostra_import_dialog_properties[];
extern guint       _rostra_import_dialog_signals[];
char              *_rostra_import_dialog_join_parts (GPtrArray *parts);
const char        *_rostra_import_dialog_encoding_label (const char *encoding);
void               _rostra_import_dialog_update_state (RostraImportDialog *self);

/* rostra-import-dialog-preview.c */
FileItem     *_rostra_import_dialog_get_item (RostraImportDialog *self, guint index);
GtkWidget    *_rostra_import_dialog_action_row_new (const char *title, const char *subtitle);
GtkWidget    *_rostra_import_dialog_file_group_new (RostraImportDialog *self, FileItem *item);
GtkWidget    *_rostra_import_dialog_status_icon_new (const char *icon_name, const char *css_class);
RostraEngine *_rostra_import_dialog_get_engine (RostraImportDialog *self);
char         *_rostra_import_dialog_display_name_of (GFile *file);
char         *_rostra_import_dialog_format_bytes_of (guint64 bytes, guint64 total);
const char   *_rostra_import_dialog_file_item_get_name (FileItem *item);
gboolean      _rostra_import_dialog_file_item_is_importable (FileItem *item);
void          _rostra_import_dialog_back_clicked (RostraImportDialog *self);
void          _rostra_import_dialog_file_group_show_reading (FileItem *item);
void          _rostra_import_dialog_file_item_free (gpointer data);
void _rostra_import_dialog_file_item_start_preview (RostraImportDialog *self, FileItem *item);
void _rostra_import_dialog_file_item_stop_preview (FileItem *item);
void _rostra_import_dialog_warning_bind (GtkSignalListItemFactory *factory,
                                         GtkListItem              *list_item,
                                         RostraImportDialog       *self);
void _rostra_import_dialog_warning_setup (GtkSignalListItemFactory *factory,
                                          GtkListItem              *list_item,
                                          gpointer                  user_data);

/* rostra-import-dialog-tags.c */

/* rostra-import-dialog-progress.c */
void _rostra_import_dialog_forget_import (RostraImportDialog *self);

G_END_DECLS
