/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-test-ui.h: set-up, waiting and widget look-ups shared by the UI tests. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Longest wait for the window system, or a timeout, in milliseconds. */
#define ROSTRA_TEST_TIMEOUT_MS 5000

typedef gboolean (*RostraTestCondition) (gpointer data);
typedef gboolean (*RostraTestWidgetMatch) (GtkWidget *widget, gconstpointer data);

void rostra_test_ui_init (int *argc, char ***argv);
void rostra_test_register_application (GApplication *app);

gboolean rostra_test_wait_for (RostraTestCondition condition, gpointer data);
gboolean rostra_test_wait_mapped (GtkWidget *widget);
void     rostra_test_flush (void);
void     rostra_test_spin (guint ms);

GtkWidget *
rostra_test_find_widget_if (GtkWidget *root, RostraTestWidgetMatch match, gconstpointer data);
GtkWidget *rostra_test_find_widget (GtkWidget *root, GType type, const char *css_class);
GtkWidget *rostra_test_get_widget (gpointer root, GType type, const char *css_class);
void
rostra_test_collect_widgets (GtkWidget *root, GType type, const char *css_class, GPtrArray *found);
void rostra_test_assert_toast (GtkWidget *root, const char *text);

GtkWidget *rostra_test_find_status_page (GtkWidget *root, const char *title);
gboolean   rostra_test_shows_status_page (GtkWidget *root, const char *title);
gboolean   rostra_test_wait_status_page (GtkWidget *root, const char *title, gboolean shown);

void     rostra_test_select_text (GtkTextView *view, int start, int end);
gboolean rostra_test_has_tag_at (GtkTextView *view, const char *tag_name, int offset);

G_END_DECLS
