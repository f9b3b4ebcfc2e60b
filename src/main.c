/* SPDX-License-Identifier: GPL-3.0-or-later */
/* main.c: the rostra binary, window and command line alike. */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "rostra-application.h"

int
main (int argc, char *argv[])
{
  g_autoptr (RostraApplication) app = NULL;
  const char *localedir;

  setlocale (LC_ALL, "");
  /* Developer override: ROSTRA_LOCALEDIR points at another locale tree, such
   * as a build directory's po/ (which holds LANG/LC_MESSAGES/rostra.mo), so
   * that uninstalled builds and tests run translated. Unset: LOCALEDIR. */
  localedir = g_getenv ("ROSTRA_LOCALEDIR");
  if (localedir == NULL || *localedir == '\0')
    localedir = LOCALEDIR;
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = rostra_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
