/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-translation.c: the real window and `rostra --help` in Dutch (and German).
 *
 * How a translation is picked here: the test runs in a Dutch locale,
 * nl_NL.UTF-8, as a Dutch user's session does, compiled for the test
 * without root (rostra_test_compile_locale(), LOCPATH), with LANGUAGE=nl
 * (de for the German --help). It used to run in C.UTF-8 with LANGUAGE=nl,
 * but glibc's gettext ignores LANGUAGE in the C locale, and newer glibc
 * (2.41 on Debian 13, not 2.36 on Debian 12) counts C.UTF-8 as C.
 * The catalogue is the one meson builds into BUILDDIR/po/nl/LC_MESSAGES/
 * rostra.mo: ROSTRA_LOCALEDIR (set by tests/meson.build) names that tree,
 * which src/main.c also honours. */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "rostra-application.h"
#include "rostra-test-ui.h"
#include "rostra-test-utils.h"
#include "rostra-window.h"

static RostraApplication *app;
/* "nl_NL.UTF-8", compiled for the test; %NULL when it could not be. */
static char *dutch_locale;

static const char *
localedir (void)
{
  const char *dir = g_getenv ("ROSTRA_LOCALEDIR");

  if (dir == NULL || *dir == '\0')
    {
      g_test_skip ("ROSTRA_LOCALEDIR is not set (run through meson test)");
      return NULL;
    }
  if (dutch_locale == NULL)
    {
      g_test_skip ("No nl_NL locale could be compiled (install the locales package)");
      return NULL;
    }
  return dir;
}

static gboolean
list_is_loaded (gpointer data)
{
  return !rostra_article_list_get_loading (rostra_window_get_articles (data));
}

/* Whether @model, or a section or submenu of it, has an item labelled @label. */
static gboolean
menu_has_label (GMenuModel *model, const char *label)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *item = NULL;
      g_autoptr (GMenuLinkIter) links = NULL;

      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_LABEL, "s", &item) &&
          g_strcmp0 (item, label) == 0)
        return TRUE;

      links = g_menu_model_iterate_item_links (model, i);
      while (g_menu_link_iter_next (links))
        {
          g_autoptr (GMenuModel) link = g_menu_link_iter_get_value (links);

          if (menu_has_label (link, label))
            return TRUE;
        }
    }
  return FALSE;
}

/* The catalogue itself is found and used in this process. */
static void
test_catalogue (void)
{
  if (localedir () == NULL)
    return;

  g_assert_cmpstr (_("No Speeches Yet"), ==, "Nog geen toespraken");
  g_assert_cmpstr (C_("shortcut window", "Zoom In"), ==, "Inzoomen");
  g_assert_cmpstr (g_dngettext (GETTEXT_PACKAGE, "%u speech", "%u speeches", 1), ==,
                   "%u toespraak");
  g_assert_cmpstr (g_dngettext (GETTEXT_PACKAGE, "%u speech", "%u speeches", 2), ==,
                   "%u toespraken");
}

/* The real window, built from its template, shows Dutch labels. */
static void
test_window_dutch (void)
{
  g_autofree char *path = NULL;
  RostraWindow    *window;
  GtkWidget       *stack_widget;
  GtkWidget       *speeches;
  GPtrArray       *buttons;
  gboolean         found_menu = FALSE;

  if (localedir () == NULL)
    return;

  path = g_build_filename (rostra_test_tmpdir (), "empty.db", NULL);
  rostra_application_set_database (app, path);
  window = rostra_window_new (GTK_APPLICATION (app), rostra_application_get_database (app));
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (rostra_test_wait_mapped (GTK_WIDGET (window)));
  g_assert_true (rostra_test_wait_for (list_is_loaded, window));
  rostra_test_flush ();

  /* The empty state of the list, "No Speeches Yet". */
  g_assert_true (rostra_test_wait_status_page (GTK_WIDGET (window), "Nog geen toespraken", TRUE));
  /* The reader's empty state, "No Speech Selected". */
  g_assert_true (
      rostra_test_wait_status_page (GTK_WIDGET (window), "Geen toespraak geselecteerd", TRUE));

  /* The view switcher's page, "Speeches". */
  stack_widget = rostra_test_get_widget (window, ADW_TYPE_VIEW_STACK, NULL);
  speeches = adw_view_stack_get_child_by_name (ADW_VIEW_STACK (stack_widget), "speeches");
  g_assert_nonnull (speeches);
  g_assert_cmpstr (adw_view_stack_page_get_title (
                       adw_view_stack_get_page (ADW_VIEW_STACK (stack_widget), speeches)),
                   ==, "Toespraken");

  /* The primary menu: GNOME's Dutch terms, mnemonics kept. */
  buttons = g_ptr_array_new ();
  rostra_test_collect_widgets (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON, NULL, buttons);
  for (guint i = 0; i < buttons->len; i++)
    {
      GMenuModel *model = gtk_menu_button_get_menu_model (buttons->pdata[i]);

      if (model != NULL && menu_has_label (model, "_Sneltoetsen"))
        {
          found_menu = TRUE;
          g_assert_true (menu_has_label (model, "_Importeren…"));
          g_assert_true (menu_has_label (model, "Annotaties _exporteren…"));
          g_assert_false (menu_has_label (model, "_Keyboard Shortcuts"));
        }
    }
  g_ptr_array_unref (buttons);
  g_assert_true (found_menu);

  gtk_window_destroy (GTK_WINDOW (window));
  rostra_test_flush ();
}

/* `rostra --help` in LANGUAGE=@lang shows @expected (the app's own strings). */
static void
check_help (const char *lang, const char *const *expected, const char *english)
{
  const char *bin = g_getenv ("ROSTRA_BIN");
  const char *argv[] = { bin, "--help", NULL };
  g_auto (GStrv) envp = g_get_environ ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (GError) error = NULL;
  int status = 0;

  if (localedir () == NULL)
    return;
  if (bin == NULL)
    {
      g_test_skip ("ROSTRA_BIN is not set");
      return;
    }

  envp = g_environ_setenv (envp, "LANGUAGE", lang, TRUE);
  envp = g_environ_setenv (envp, "LC_ALL", dutch_locale, TRUE);
  envp = g_environ_setenv (envp, "ROSTRA_LOCALEDIR", localedir (), TRUE);
  g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  for (guint i = 0; expected[i] != NULL; i++)
    {
      if (strstr (out, expected[i]) == NULL)
        g_error ("`LANGUAGE=%s rostra --help` lacks “%s”:\n%s", lang, expected[i], out);
    }
  g_assert_null (strstr (out, english));
}

static void
test_help_dutch (void)
{
  const char *const expected[] = {
    "Toespraken archiveren en annoteren. Zonder opties wordt het venster geopend.",
    "Het archief op PAD gebruiken in plaats van het standaardarchief",
    "--database=PAD",
    "De versie tonen en afsluiten",
    NULL,
  };

  check_help ("nl", expected, "Show the version and quit");
}

static void
test_help_german (void)
{
  const char *const expected[] = {
    "Reden archivieren und annotieren. Ohne Optionen wird das Fenster geöffnet.",
    "Das Archiv unter PFAD statt des Standardarchivs verwenden",
    "Die Version anzeigen und beenden",
    NULL,
  };

  check_help ("de", expected, "Show the version and quit");
}

int
main (int argc, char *argv[])
{
  const char *dir;
  int         ret;

  g_setenv ("LANGUAGE", "nl", TRUE);
  rostra_test_ui_init (&argc, &argv);
  /* Dutch messages need a locale other than C (rostra_test_ui_init () chose
   * C.UTF-8); LOCPATH, LC_ALL and LANGUAGE go to the `rostra` children too. */
  dutch_locale = rostra_test_compile_locale ("nl_NL");
  if (dutch_locale != NULL)
    {
      g_setenv ("LC_ALL", dutch_locale, TRUE);
      g_assert_nonnull (setlocale (LC_ALL, dutch_locale));
    }

  dir = g_getenv ("ROSTRA_LOCALEDIR");
  if (dir != NULL && *dir != '\0')
    bindtextdomain (GETTEXT_PACKAGE, dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = rostra_application_new ();
  rostra_test_register_application (G_APPLICATION (app));

  g_test_add_func ("/translation/catalogue", test_catalogue);
  g_test_add_func ("/translation/window-dutch", test_window_dutch);
  g_test_add_func ("/translation/help-dutch", test_help_dutch);
  g_test_add_func ("/translation/help-german", test_help_german);

  ret = g_test_run ();

  g_clear_object (&app);
  g_free (dutch_locale);
  return ret;
}
