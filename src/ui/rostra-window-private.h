/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-window-private.h: what the parts of the main window share.
 *
 * The window is one class in four files, as GNOME Text Editor splits
 * its window: rostra-window.c (the list, the reader, search and
 * filters, the window's life), rostra-window-annotations.c (making,
 * changing and undoing annotations), rostra-window-actions.c (the
 * win.* actions of the menus and shortcuts, importing) and
 * rostra-window-archive.c (opening the archive, and the way out when
 * it cannot be opened, shown by RostraArchiveProblem).
 */
#pragma once

#include "rostra-annotations-pane.h"
#include "rostra-annotations-view.h"
#include "rostra-archive-problem.h"
#include "rostra-article-list.h"
#include "rostra-engine.h"
#include "rostra-window.h"

G_BEGIN_DECLS

struct _RostraWindow
{
  AdwApplicationWindow parent_instance;

  GSettings          *settings;
  char               *path;       /* the archive's file */
  RostraStore        *store;      /* NULL while it cannot be opened */
  guint               generation; /* one more for each archive opened */
  guint               filters_serial;
  gboolean            disposed;
  RostraArticleList  *articles;
  GtkSingleSelection *selection;
  RostraQuery        *query;
  gint64              open_id; /* the article in the reader, 0 for none */
  gboolean            importing;
  GtkWidget          *import_dialog; /* weak */
  GListModel         *annotations;   /* of the open article */
  GHashTable         *saved;         /* annotation id → copy as last saved */
  GQueue              undo;          /* Undo, newest first */
  int                 drag_start_width;
  int                 sidebar_width; /* the list pane's, as the user left it */
  int                 header_width;  /* the list's header bar's, with all its buttons */
  guint               layout_idle_id;

  /* Filters: the values behind each drop-down's items (NULL = any) */
  GPtrArray *source_values;
  GPtrArray *language_values;
  GArray    *year_values;
  GPtrArray *tag_values;
  GPtrArray *speaker_values;

  AdwToastOverlay       *toast_overlay;
  GtkStack              *main_stack;
  RostraArchiveProblem  *problem;
  AdwLeaflet            *leaflet;
  GtkWidget             *sidebar;
  GtkWidget             *sidebar_handle;
  GtkScrolledWindow     *list_scroller;
  AdwClamp              *sidebar_clamp;
  GtkWidget             *sidebar_header;
  AdwViewSwitcherTitle  *list_title;
  AdwViewStack          *view_stack;
  RostraAnnotationsView *annotations_view;
  RostraAnnotationsPane *annotations_pane_widget;
  GtkWidget             *search_button;
  GtkWidget             *filter_button;
  GtkSearchBar          *search_bar;
  GtkSearchEntry        *search_entry;
  GtkStack              *list_stack;
  GtkListView           *list_view;
  GtkWidget             *content;
  AdwWindowTitle        *content_title;
  GtkWidget             *match_box;
  GtkLabel              *match_label;
  AdwFlap               *annotations_flap;
  RostraReader          *reader;
  GtkDropDown           *speaker_dropdown;
  GtkDropDown           *source_dropdown;
  GtkDropDown           *language_dropdown;
  GtkDropDown           *year_dropdown;
  GtkDropDown           *tag_dropdown;
  GtkCheckButton        *annotated_check;
  GtkRevealer           *import_filter_revealer;
  GtkRevealer           *kept_revealer;
  GtkLabel              *kept_label;
  GtkLabel              *import_filter_label;
};

/* The archive that a job of the engine was started for */
typedef struct
{
  RostraWindow *window;
  guint         generation;
  guint         serial; /* which call, for jobs called again before they answer */
} WindowJob;

WindowJob *_rostra_window_job_new (RostraWindow *self);
void       _rostra_window_job_free (WindowJob *job);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WindowJob, _rostra_window_job_free)

/* rostra-window.c */
void   _rostra_window_toast (RostraWindow *self, const char *message);
void   _rostra_window_update_list_page (RostraWindow *self);
void   _rostra_window_update_matches (RostraWindow *self);
gint64 _rostra_window_remembered_article (RostraWindow *self);
void   _rostra_window_open_article (RostraWindow *self, gint64 id);
void   _rostra_window_select_id (RostraWindow *self, gint64 id);
void   _rostra_window_list_activated (RostraWindow *self, guint position);
void   _rostra_window_list_loaded (RostraWindow *self, GError *error);
void   _rostra_window_apply_query (RostraWindow *self);
void   _rostra_window_search_changed (RostraWindow *self);
void   _rostra_window_update_filters (RostraWindow *self);

/* rostra-window-annotations.c */
void _rostra_window_class_init_annotations (GtkWidgetClass *widget_class);
void _rostra_window_reload_annotations (RostraWindow *self);
void _rostra_window_show_annotation (RostraWindow *self, gint64 id);
void _rostra_window_clear_undo (RostraWindow *self);

/* rostra-window-actions.c */
void     _rostra_window_class_init_actions (GtkWidgetClass *widget_class);
gboolean _rostra_window_files_dropped (GtkDropTarget *target,
                                       const GValue  *value,
                                       double         x,
                                       double         y,
                                       gpointer       user_data);
void     _rostra_window_archive_changed (gpointer user_data);

/* rostra-window-archive.c */
void _rostra_window_class_init_archive (GtkWidgetClass *widget_class);
void _rostra_window_set_archive_actions_enabled (RostraWindow *self, gboolean enabled);
void _rostra_window_show_problem (RostraWindow *self, const GError *error);
void _rostra_window_open_archive (RostraWindow *self, const char *path);

G_END_DECLS
