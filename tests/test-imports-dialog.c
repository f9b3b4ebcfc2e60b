/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-imports-dialog.c: the imports-dialog under Xvfb. */

#include "config.h"

#include "rostra-test-ui.h"
#include "rostra-test-utils.h"

int
main (int argc, char **argv)
{
  rostra_test_ui_init (&argc, &argv);
  return g_test_run ();
}
