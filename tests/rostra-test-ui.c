/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-test-ui.c: set-up, waiting and widget look-ups shared by the UI tests. */

#include "config.h"

#include <adwaita.h>
#include <stdio.h>
#include <string.h>

#include "rostra-test-ui.h"
#include "rostra-test-utils.h"

/* Run by hand, without meson's G_TEST_SRCDIR: find tests/ from this
 * file's name, relative to the build root, which holds the test
 * programs in tests/. */
static void
set_default_srcdir (const char *argv0)
{
  g_autofree char *file_dir = g_path_get_dirname (__FILE__);
  g_autofree char *srcdir = NULL;
  g_autofree char *data_dir = NULL;

  if (g_getenv ("G_TEST_SRCDIR") != NULL)
    return;

  if (g_path_is_absolute (file_dir))
    {
      srcdir = g_steal_pointer (&file_dir);
    }
  else
    {
      g_autofree char *exe = g_canonicalize_filename (argv0, NULL);
      g_autofree char *exe_dir = g_path_get_dirname (exe);
      g_autofree char *build_root = g_path_get_dirname (exe_dir);

      srcdir = g_canonicalize_filename (file_dir, build_root);
    }

  data_dir = g_build_filename (srcdir, "data", NULL);
  if (g_file_test (data_dir, G_FILE_TEST_IS_DIR))
    g_setenv ("G_TEST_SRCDIR", srcdir, TRUE);
}

#if !ADW_CHECK_VERSION(1, 8, 0)
/* libadwaita before 1.8 (Debian 13 has 1.7) measures the large heading of
 * an AdwMessageDialog, a label that never wraps, for its height at the
 * dialog's width even when the heading is wider: the dialog then shows its
 * small, wrapping heading instead, as designed, but newer GTK (4.18) warns
 * "Trying to measure GtkLabel … for width of N, but it needs at least M".
 * libadwaita 1.8.0 fixed it (issue 1025, "alert/message-dialog: Fix warning
 * with long heading"). The warning names no label of ours; this lets exactly
 * that warning, for exactly that label, through; every other one, for any
 * other label or widget, stays fatal. */
static gboolean
is_adw_long_heading_warning (const char *domain, GLogLevelFlags level, const char *message)
{
  GtkWidget *label = NULL;
  GtkWidget *bin;

  if (g_strcmp0 (domain, "Gtk") != 0 || (level & G_LOG_LEVEL_WARNING) == 0 ||
      sscanf (message, "Trying to measure GtkLabel %p for width of", (void **) &label) != 1 ||
      !GTK_IS_LABEL (label))
    return FALSE;
  bin = gtk_widget_get_parent (label);
  return bin != NULL && gtk_widget_has_css_class (bin, "heading-bin") &&
         gtk_widget_has_css_class (label, "title-2") &&
         ADW_IS_MESSAGE_DIALOG (gtk_widget_get_root (label));
}

/* GTK logs through the structured API, which a test's fatal handler never
 * sees: the first of the warnings above is written out, the rest dropped
 * (GTK measures each dialog many times), none is fatal; every other message
 * goes to GLib's default writer, fatal as usual. */
static GLogWriterOutput
log_writer (GLogLevelFlags level, const GLogField *fields, gsize n_fields, gpointer data)
{
  static gboolean told;
  const char     *domain = NULL;
  const char     *message = NULL;

  for (gsize i = 0; i < n_fields; i++)
    {
      if (fields[i].length != -1)
        continue;
      if (g_strcmp0 (fields[i].key, "GLIB_DOMAIN") == 0)
        domain = fields[i].value;
      else if (g_strcmp0 (fields[i].key, "MESSAGE") == 0)
        message = fields[i].value;
    }
  if (message != NULL && is_adw_long_heading_warning (domain, level, message))
    {
      if (told)
        return G_LOG_WRITER_HANDLED;
      told = TRUE;
      g_printerr ("note: libadwaita < 1.8 warns for a long message dialog heading, not fatal "
                  "(libadwaita issue 1025); shown once:\n");
      return g_log_writer_standard_streams (level, fields, n_fields, data);
    }
  return g_log_writer_default (level, fields, n_fields, data);
}
#endif

/**
 * rostra_test_ui_init:
 * @argc: the address of main()'s argc
 * @argv: the address of main()'s argv
 *
 * Keeps the test away from the user's archive, settings and a11y bus,
 * in the C locale for the dates and plurals it checks, then initializes
 * GTest, GTK and libadwaita. Call it first in main().
 *
 * Not %G_TEST_OPTION_ISOLATE_DIRS: it hides the GSettings schemas GTK
 * and libadwaita need from XDG_DATA_DIRS.
 */
void
rostra_test_ui_init (int *argc, char ***argv)
{
  const char      *tmpdir = rostra_test_tmpdir ();
  g_autofree char *data_home = g_build_filename (tmpdir, "data", NULL);
  g_autofree char *config_home = g_build_filename (tmpdir, "config", NULL);
  g_autofree char *cache_home = g_build_filename (tmpdir, "cache", NULL);

  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("XDG_CONFIG_HOME", config_home, TRUE);
  g_setenv ("XDG_CACHE_HOME", cache_home, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("NO_AT_BRIDGE", "1", TRUE);
  g_setenv ("GTK_A11Y", "none", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);

  set_default_srcdir ((*argv)[0]);
  g_test_init (argc, argv, NULL);
#if !ADW_CHECK_VERSION(1, 8, 0)
  g_log_set_writer_func (log_writer, NULL, NULL);
#endif
  gtk_init ();
  adw_init ();
}

static gboolean
timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/**
 * rostra_test_register_application:
 * @app: the application, not registered yet
 *
 * Registers @app for the test, not as the session's single instance
 * (tests run side by side), opening files as `rostra FILE` does. A
 * GApplication cannot be registered twice in a process: once per
 * test program.
 */
void
rostra_test_register_application (GApplication *app)
{
  g_autoptr (GError) error = NULL;

  g_application_set_flags (app, G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);
  g_application_register (app, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_application_get_is_registered (app));
}

/**
 * rostra_test_wait_for:
 * @condition: what to wait for
 * @data: passed to @condition
 *
 * Spins the default main context until @condition holds or
 * %ROSTRA_TEST_TIMEOUT_MS pass.
 *
 * Returns: whether @condition held
 */
gboolean
rostra_test_wait_for (RostraTestCondition condition, gpointer data)
{
  gboolean timed_out = FALSE;
  guint    timeout_id = g_timeout_add (ROSTRA_TEST_TIMEOUT_MS, timeout_cb, &timed_out);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (!timed_out)
    g_source_remove (timeout_id);
  return condition (data);
}

static gboolean
widget_is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

/**
 * rostra_test_wait_mapped:
 * @widget: a widget in a window being presented
 *
 * Waits, at most %ROSTRA_TEST_TIMEOUT_MS, for @widget to be mapped.
 *
 * Returns: whether @widget is mapped
 */
gboolean
rostra_test_wait_mapped (GtkWidget *widget)
{
  return rostra_test_wait_for (widget_is_mapped, widget);
}

/**
 * rostra_test_flush:
 *
 * Runs whatever is pending, without blocking, for at most
 * %ROSTRA_TEST_TIMEOUT_MS (a running animation is always pending).
 */
void
rostra_test_flush (void)
{
  gint64 deadline = g_get_monotonic_time () + ROSTRA_TEST_TIMEOUT_MS * G_TIME_SPAN_MILLISECOND;

  while (g_main_context_iteration (NULL, FALSE) && g_get_monotonic_time () < deadline)
    ;
}

/**
 * rostra_test_spin:
 * @ms: how long, in milliseconds
 *
 * Runs the default main context for @ms, whatever happens.
 */
void
rostra_test_spin (guint ms)
{
  gboolean timed_out = FALSE;

  g_timeout_add (ms, timeout_cb, &timed_out);
  while (!timed_out)
    g_main_context_iteration (NULL, TRUE);
}

/**
 * rostra_test_find_widget_if:
 * @root: where to look
 * @match: what to look for
 * @data: passed to @match
 *
 * Returns: (transfer none) (nullable): the first widget under @root,
 *   @root included, depth first, that @match accepts
 */
GtkWidget *
rostra_test_find_widget_if (GtkWidget *root, RostraTestWidgetMatch match, gconstpointer data)
{
  if (match (root, data))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = rostra_test_find_widget_if (child, match, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
has_type_and_class (GtkWidget *widget, GType type, const char *css_class)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, type) &&
         (css_class == NULL || gtk_widget_has_css_class (widget, css_class));
}

typedef struct
{
  GType       type;
  const char *css_class;
} WidgetQuery;

static gboolean
matches_query (GtkWidget *widget, gconstpointer data)
{
  const WidgetQuery *query = data;

  return has_type_and_class (widget, query->type, query->css_class);
}

/**
 * rostra_test_find_widget:
 * @root: where to look
 * @type: the type of widget to find
 * @css_class: (nullable): a style class it must have, or %NULL
 *
 * Returns: (transfer none) (nullable): the first widget under @root,
 *   @root included, depth first, of @type and, when @css_class is not
 *   %NULL, with that class
 */
GtkWidget *
rostra_test_find_widget (GtkWidget *root, GType type, const char *css_class)
{
  WidgetQuery query = { type, css_class };

  return rostra_test_find_widget_if (root, matches_query, &query);
}

/**
 * rostra_test_get_widget:
 * @root: (type GtkWidget): where to look
 * @type: the type of widget to find
 * @css_class: (nullable): a style class it must have, or %NULL
 *
 * Like rostra_test_find_widget(), for a widget that must be there.
 *
 * Returns: (transfer none): the widget
 */
GtkWidget *
rostra_test_get_widget (gpointer root, GType type, const char *css_class)
{
  GtkWidget *found = rostra_test_find_widget (GTK_WIDGET (root), type, css_class);

  g_assert_nonnull (found);
  return found;
}

/**
 * rostra_test_collect_widgets:
 * @root: where to look
 * @type: the type of widget to collect
 * @css_class: (nullable): a style class they must have, or %NULL
 * @found: (element-type GtkWidget): where to add them
 *
 * Adds every widget under @root, @root included, depth first, of @type
 * and, when @css_class is not %NULL, with that class, to @found.
 */
void
rostra_test_collect_widgets (GtkWidget *root, GType type, const char *css_class, GPtrArray *found)
{
  if (has_type_and_class (root, type, css_class))
    g_ptr_array_add (found, root);

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    rostra_test_collect_widgets (child, type, css_class, found);
}

static gboolean
label_has_text (GtkWidget *widget, gconstpointer data)
{
  return GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), data) != NULL;
}

static gboolean
is_close_button (GtkWidget *widget, gconstpointer data)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (widget)), "window-close-symbolic") == 0;
}

typedef struct
{
  GtkWidget  *root;
  const char *text;
  GHashTable *seen; /* toast widget → when it was first seen (µs) */
} ToastQuery;

/* Whether a toast holding the text shows; if not, closes the toast that
 * does, to get at those queued behind it (once it has shown for a
 * while: libadwaita 1.2 crashes when a toast is closed as it appears). */
static gboolean
toast_shown (gpointer data)
{
  ToastQuery *query = data;
  GType       toast_type = g_type_from_name ("AdwToastWidget");
  gint64      now = g_get_monotonic_time ();
  g_autoptr (GPtrArray) widgets = g_ptr_array_new ();

  if (rostra_test_find_widget_if (query->root, label_has_text, query->text) != NULL)
    return TRUE;

  if (toast_type == G_TYPE_INVALID)
    return FALSE; /* no toast yet in this process */
  rostra_test_collect_widgets (query->root, toast_type, NULL, widgets);
  for (guint i = 0; i < widgets->len; i++)
    {
      GtkWidget *widget = g_ptr_array_index (widgets, i);
      GtkWidget *close = rostra_test_find_widget_if (widget, is_close_button, NULL);
      gpointer   seen = NULL;

      if (!g_hash_table_lookup_extended (query->seen, widget, NULL, &seen))
        g_hash_table_insert (query->seen, widget, g_memdup2 (&now, sizeof now));
      else if (seen != NULL && close != NULL &&
               now - *(gint64 *) seen > 800 * G_TIME_SPAN_MILLISECOND)
        {
          /* Closed once only. */
          g_hash_table_insert (query->seen, widget, NULL);
          g_signal_emit_by_name (close, "clicked");
        }
    }
  return FALSE;
}

static gboolean
tick (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/**
 * rostra_test_assert_toast:
 * @root: a widget holding an #AdwToastOverlay (a window), or the overlay
 * @text: what the toast says, or part of it
 *
 * Waits for a toast holding @text, closing those shown before it; fails
 * the test when none shows.
 */
void
rostra_test_assert_toast (GtkWidget *root, const char *text)
{
  g_autoptr (GHashTable) seen = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  ToastQuery query = { root, text, seen };
  guint      ticker = g_timeout_add (50, tick, NULL);
  gboolean   shown = rostra_test_wait_for (toast_shown, &query);

  g_source_remove (ticker);
  if (!shown)
    g_error ("No toast says “%s”", text);
}

/* Status pages */

static gboolean
is_status_page_titled (GtkWidget *widget, gconstpointer title)
{
  return ADW_IS_STATUS_PAGE (widget) &&
         g_strcmp0 (adw_status_page_get_title (ADW_STATUS_PAGE (widget)), title) == 0;
}

/**
 * rostra_test_find_status_page:
 * @root: where to look
 * @title: the page's title, exactly
 *
 * Returns: (transfer none) (nullable): the #AdwStatusPage titled @title
 * anywhere under @root, shown or not
 */
GtkWidget *
rostra_test_find_status_page (GtkWidget *root, const char *title)
{
  return rostra_test_find_widget_if (root, is_status_page_titled, title);
}

/**
 * rostra_test_shows_status_page:
 * @root: where to look
 * @title: the page's title, exactly
 *
 * Returns: whether a status page titled @title under @root is mapped now
 */
gboolean
rostra_test_shows_status_page (GtkWidget *root, const char *title)
{
  GtkWidget *page = rostra_test_find_status_page (root, title);

  return page != NULL && gtk_widget_get_mapped (page);
}

typedef struct
{
  GtkWidget  *root;
  const char *title;
  gboolean    shown;
} PageQuery;

static gboolean
page_is (gpointer data)
{
  PageQuery *query = data;

  return rostra_test_shows_status_page (query->root, query->title) == query->shown;
}

/**
 * rostra_test_wait_status_page:
 * @root: where to look
 * @title: the page's title, exactly
 * @shown: whether to wait for the page to show or to be gone
 *
 * Waits, at most %ROSTRA_TEST_TIMEOUT_MS, until the status page titled
 * @title under @root shows (or no longer shows), once transitions end.
 *
 * Returns: whether it did
 */
gboolean
rostra_test_wait_status_page (GtkWidget *root, const char *title, gboolean shown)
{
  PageQuery query = { root, title, shown };

  return rostra_test_wait_for (page_is, &query);
}

/* Text views */

/**
 * rostra_test_select_text:
 * @view: a text view
 * @start: the first character to select, an offset in the buffer
 * @end: the character after the last one
 *
 * Selects characters [@start, @end) of @view's buffer, as a drag does.
 */
void
rostra_test_select_text (GtkTextView *view, int start, int end)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter    a, b;

  gtk_text_buffer_get_iter_at_offset (buffer, &a, start);
  gtk_text_buffer_get_iter_at_offset (buffer, &b, end);
  gtk_text_buffer_select_range (buffer, &a, &b);
}

/**
 * rostra_test_has_tag_at:
 * @view: a text view
 * @tag_name: the name of a tag in its buffer's tag table
 * @offset: a character offset in the buffer
 *
 * Returns: whether the character at @offset has the tag (%FALSE when
 * the table has no such tag)
 */
gboolean
rostra_test_has_tag_at (GtkTextView *view, const char *tag_name, int offset)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextTag    *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), tag_name);
  GtkTextIter    iter;

  gtk_text_buffer_get_iter_at_offset (buffer, &iter, offset);
  return tag != NULL && gtk_text_iter_has_tag (&iter, tag);
}
