/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-archive-problem.c: the page in place of the window's panes when
 * the archive cannot be opened (not a database, damaged, from a newer
 * Rostra, locked, in a folder that cannot be written): what happened to
 * which file, and the ways out the window offers as actions —
 * win.start-new-archive and win.open-backup when the file itself is the
 * problem, win.try-again otherwise. The page never touches the file. */

#include "config.h"

#include <glib/gi18n.h>

#include "rostra-archive-problem.h"
#include "rostra-store.h"
#include "rostra-ui-utils.h"

struct _RostraArchiveProblem
{
  AdwBin parent_instance;

  AdwStatusPage *status_page;
  GtkWidget     *new_archive_button;
  GtkWidget     *open_backup_button;
  GtkWidget     *try_again_button;
};

G_DEFINE_FINAL_TYPE (RostraArchiveProblem, rostra_archive_problem, ADW_TYPE_BIN)

static void
rostra_archive_problem_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), ROSTRA_TYPE_ARCHIVE_PROBLEM);
  G_OBJECT_CLASS (rostra_archive_problem_parent_class)->dispose (object);
}

static void
rostra_archive_problem_class_init (RostraArchiveProblemClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = rostra_archive_problem_dispose;
  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/rostra/Rostra/rostra-archive-problem.ui");
  gtk_widget_class_bind_template_child (widget_class, RostraArchiveProblem, status_page);
  gtk_widget_class_bind_template_child (widget_class, RostraArchiveProblem, new_archive_button);
  gtk_widget_class_bind_template_child (widget_class, RostraArchiveProblem, open_backup_button);
  gtk_widget_class_bind_template_child (widget_class, RostraArchiveProblem, try_again_button);
}

static void
rostra_archive_problem_init (RostraArchiveProblem *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  rostra_ui_name_controls (GTK_WIDGET (self));
}

/**
 * rostra_archive_problem_is_the_file:
 * @error: why the archive cannot be opened
 *
 * Returns: whether what went wrong lies in the file itself: a new archive
 *   (or a backup) in its place is the way out, not trying again.
 */
gboolean
rostra_archive_problem_is_the_file (const GError *error)
{
  return error->domain == ROSTRA_STORE_ERROR && (error->code == ROSTRA_STORE_ERROR_NOT_A_DATABASE ||
                                                 error->code == ROSTRA_STORE_ERROR_CORRUPT ||
                                                 error->code == ROSTRA_STORE_ERROR_FUTURE_SCHEMA);
}

/**
 * rostra_archive_problem_show:
 * @error: why the archive cannot be opened; its message names the file
 *
 * Says what happened and what can be done, with the buttons for it.
 */
void
rostra_archive_problem_show (RostraArchiveProblem *self, const GError *error)
{
  g_autofree char *message = NULL;
  g_autofree char *description = NULL;
  const char      *advice;
  const char      *icon;
  int              problem = error->domain == ROSTRA_STORE_ERROR ? error->code : -1;
  gboolean         the_file = rostra_archive_problem_is_the_file (error);

  g_return_if_fail (ROSTRA_IS_ARCHIVE_PROBLEM (self));

  message = g_markup_escape_text (error->message, -1);
  switch (problem)
    {
      case ROSTRA_STORE_ERROR_NOT_A_DATABASE:
      case ROSTRA_STORE_ERROR_CORRUPT:
        icon = "dialog-warning-symbolic";
        advice = _("You can start a new, empty archive, or restore a backup into a new one. "
                   "This file is then kept beside it under another name, as it is.");
        break;
      case ROSTRA_STORE_ERROR_FUTURE_SCHEMA:
        icon = "dialog-warning-symbolic";
        advice = _("Open it with the newer version of Rostra. Or start a new archive here: this "
                   "file is then kept beside it under another name, unchanged.");
        break;
      case ROSTRA_STORE_ERROR_BUSY:
        icon = "changes-prevent-symbolic";
        advice = _("Close the other program, or the other Rostra, then try again.");
        break;
      case ROSTRA_STORE_ERROR_FULL:
        icon = "drive-harddisk-symbolic";
        advice = _("Make room on the disk, then try again.");
        break;
      default:
        icon = "dialog-error-symbolic";
        advice = _("Check that the folder exists and that you may write to it, then try again.");
        break;
    }
  description = g_strdup_printf ("%s\n\n%s", message, advice);
  adw_status_page_set_description (self->status_page, description);
  adw_status_page_set_icon_name (self->status_page, icon);

  /* A newer Rostra is the better way out: no suggestion here then. */
  if (problem == ROSTRA_STORE_ERROR_FUTURE_SCHEMA)
    gtk_widget_remove_css_class (self->new_archive_button, "suggested-action");
  else
    gtk_widget_add_css_class (self->new_archive_button, "suggested-action");
  gtk_widget_set_visible (self->new_archive_button, the_file);
  gtk_widget_set_visible (self->open_backup_button, the_file);
  gtk_widget_set_visible (self->try_again_button, !the_file);
  rostra_archive_problem_set_trying (self, FALSE);
}

/**
 * rostra_archive_problem_set_trying:
 * @trying: whether the archive is being opened again
 *
 * "Try Again" waits, insensitive, while the window tries.
 */
void
rostra_archive_problem_set_trying (RostraArchiveProblem *self, gboolean trying)
{
  g_return_if_fail (ROSTRA_IS_ARCHIVE_PROBLEM (self));
  /* The button, not the action: the action's state is the window's. */
  gtk_widget_set_sensitive (self->try_again_button, !trying);
}
