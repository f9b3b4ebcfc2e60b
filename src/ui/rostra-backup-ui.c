/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-backup-ui.c: "Back Up Archive…" and "Restore…", for the window's actions.
 *
 * Backing up asks for a file and copies the archive there on a worker
 * thread, through SQLite's online backup API (rostra_archive_backup()):
 * the window keeps reading and writing meanwhile. Restoring asks for a
 * backup or a JSON export, then whether to merge it into the archive
 * (adds what is missing, keeps everything) or to replace the archive
 * with it (after a second question naming the dated file the current
 * archive is kept as). Every worker opens a connection of its own; a
 * toast shows its progress, with a Cancel button, and then its result.
 * After a restore the caller's callback reloads the window.
 *
 * One backup or restore at a time per window.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rostra-archive-backup.h"
#include "rostra-backup-ui.h"
#include "rostra-ui-utils.h"
#include "rostra-engine.h"

#define BUSY_KEY "rostra-backup-ui-busy"
/* How often the progress toast is brought up to date, in milliseconds. */
#define PROGRESS_INTERVAL_MS 200
/* A job that ends sooner shows no progress toast, only its result. */
#define PROGRESS_DELAY_MS 400
/* How long a toast must have shown before it may be dismissed (see
 * dismiss_toast()). */
#define TOAST_SETTLE_MS 600

static guint n_running;

/* What a menu item was asked to do, from the chooser to the worker. */
typedef struct
{
  GWeakRef                  parent;
  gboolean                  has_parent;
  GWeakRef                  toasts;
  RostraStore              *store;
  RostraBackupUiChangedFunc changed;
  gpointer                  user_data;
  GFile                    *file;
  GDateTime                *when; /* the kept file's time, once asked */
} Request;

static Request *
request_new (GtkWindow                *parent,
             RostraStore              *store,
             AdwToastOverlay          *toasts,
             RostraBackupUiChangedFunc changed,
             gpointer                  user_data)
{
  Request *request = g_new0 (Request, 1);

  g_weak_ref_init (&request->parent, parent);
  request->has_parent = parent != NULL;
  g_weak_ref_init (&request->toasts, toasts);
  request->store = g_object_ref (store);
  request->changed = changed;
  request->user_data = user_data;
  return request;
}

static void
request_free (Request *request)
{
  g_weak_ref_clear (&request->parent);
  g_weak_ref_clear (&request->toasts);
  g_clear_object (&request->store);
  g_clear_object (&request->file);
  g_clear_pointer (&request->when, g_date_time_unref);
  g_free (request);
}

static char *
file_display_name (GFile *file)
{
  g_autofree char *base = g_file_get_basename (file);

  return g_filename_display_name (base);
}

static void
toast_message (Request *request, const char *message)
{
  g_autoptr (AdwToastOverlay) toasts = g_weak_ref_get (&request->toasts);

  if (toasts != NULL)
    rostra_ui_add_toast (toasts, message, 5);
}

/* Busy windows */

/**
 * rostra_backup_ui_is_busy:
 * @parent: (nullable): a window
 *
 * Returns: whether a backup or restore started for @parent (for any
 *   window, when %NULL) is still running
 */
gboolean
rostra_backup_ui_is_busy (GtkWindow *parent)
{
  if (parent == NULL)
    return n_running > 0;
  return g_object_get_data (G_OBJECT (parent), BUSY_KEY) != NULL;
}

/* Says so in a toast when @request's window is busy. */
static gboolean
refuse_if_busy (Request *request)
{
  g_autoptr (GtkWindow) parent = g_weak_ref_get (&request->parent);

  if (parent == NULL || !rostra_backup_ui_is_busy (parent))
    return FALSE;
  toast_message (request, _("Wait for the current backup or restore to finish"));
  return TRUE;
}

/* The worker */

typedef enum
{
  JOB_BACK_UP = ROSTRA_BACKUP_JOB_BACK_UP,
  JOB_MERGE = ROSTRA_BACKUP_JOB_MERGE,
  JOB_REPLACE = ROSTRA_BACKUP_JOB_REPLACE,
} JobKind;

typedef struct
{
  JobKind          kind;
  Request         *request;
  RostraBackupJob *backup; /* what the archive's engine does */
  GCancellable    *cancellable;
  guint            progress_delay;  /* until the progress toast shows */
  AdwToast        *progress_toast;  /* until it is dismissed */
  char            *progress_title;  /* its title, without markup */
  guint            progress_source; /* updates its title */
  gint             percent;         /* atomic: -1 until known */

} Job;

/* Dismissing toasts.
 *
 * libadwaita 1.2 crashes when a toast is dismissed while its show
 * animation runs: a toast still waiting in the overlay's queue is
 * dismissed at once, one that shows is given time to settle first. */

typedef struct
{
  AdwToast *toast;
  GWeakRef  toasts;
  guint     source;
  gulong    handler;
} Dismissal;

static void
dismissal_free (Dismissal *dismissal)
{
  g_clear_handle_id (&dismissal->source, g_source_remove);
  g_clear_signal_handler (&dismissal->handler, dismissal->toast);
  g_clear_object (&dismissal->toast);
  g_weak_ref_clear (&dismissal->toasts);
  g_free (dismissal);
}

static gboolean
dismiss_now (gpointer data)
{
  Dismissal *dismissal = data;
  AdwToast  *toast = g_object_ref (dismissal->toast);
  g_autoptr (AdwToastOverlay) toasts = g_weak_ref_get (&dismissal->toasts);

  dismissal->source = 0;
  dismissal_free (dismissal);
  /* Gone with its window otherwise. */
  if (toasts != NULL)
    adw_toast_dismiss (toast);
  g_object_unref (toast);
  return G_SOURCE_REMOVE;
}

/* Dismissed meanwhile (by the user): nothing left to do. */
static void
dismissed_meanwhile (AdwToast *toast, Dismissal *dismissal)
{
  dismissal_free (dismissal);
}

static gboolean
label_shows (GtkWidget *widget, const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (label_shows (child, text))
      return TRUE;
  return FALSE;
}

/* Whether a toast titled @title shows in @toasts (or is hiding). */
static gboolean
toast_shows (AdwToastOverlay *toasts, const char *title)
{
  GtkWidget *content = adw_toast_overlay_get_child (toasts);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (toasts)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (child != content && label_shows (child, title))
      return TRUE;
  return FALSE;
}

/* Dismisses @toast of @toasts, whose title reads @title. */
static void
dismiss_toast (AdwToastOverlay *toasts, AdwToast *toast, const char *title)
{
  Dismissal *dismissal;

  if (toasts == NULL || !toast_shows (toasts, title))
    {
      adw_toast_dismiss (toast);
      return;
    }

  dismissal = g_new0 (Dismissal, 1);
  dismissal->toast = g_object_ref (toast);
  g_weak_ref_init (&dismissal->toasts, toasts);
  dismissal->source = g_timeout_add (TOAST_SETTLE_MS, dismiss_now, dismissal);
  dismissal->handler =
      g_signal_connect (toast, "dismissed", G_CALLBACK (dismissed_meanwhile), dismissal);
}

static void
job_free (Job *job)
{
  g_clear_handle_id (&job->progress_delay, g_source_remove);
  g_clear_handle_id (&job->progress_source, g_source_remove);
  if (job->progress_toast != NULL)
    g_signal_handlers_disconnect_by_data (job->progress_toast, job);
  g_clear_object (&job->progress_toast);
  g_free (job->progress_title);
  g_clear_pointer (&job->request, request_free);
  g_clear_object (&job->cancellable);
  g_clear_pointer (&job->backup, rostra_backup_job_unref);
  g_free (job);
}

static void
backup_progress (guint64 n_done, guint64 n_total, gpointer user_data)
{
  Job *job = user_data;

  if (n_total > 0)
    g_atomic_int_set (&job->percent, (gint) (n_done * 100 / n_total));
}

/* “12 speeches and 30 annotations”, or one of them; %NULL when both are 0. */
static char *
format_added (guint n_speeches, guint n_annotations)
{
  g_autofree char *speeches =
      g_strdup_printf (ngettext ("%u speech", "%u speeches", n_speeches), n_speeches);
  g_autofree char *annotations =
      g_strdup_printf (ngettext ("%u annotation", "%u annotations", n_annotations), n_annotations);

  if (n_speeches > 0 && n_annotations > 0)
    /* Translators: after merging a backup; the first %s is “12 speeches”,
     * the second “30 annotations”. */
    return g_strdup_printf (_("Added %s and %s"), speeches, annotations);
  if (n_speeches > 0)
    /* Translators: after merging a backup; %s is “12 speeches”. */
    return g_strdup_printf (_("Added %s"), speeches);
  if (n_annotations > 0)
    /* Translators: after merging a backup; %s is “30 annotations”. */
    return g_strdup_printf (_("Added %s"), annotations);
  return NULL;
}

static char *
result_message (Job *job, GError *error, gboolean *changed)
{
  g_autofree char *name = file_display_name (job->request->file);

  *changed = FALSE;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_strdup (job->kind == JOB_BACK_UP ? _("Backup cancelled")
                                              : _("Restore cancelled; nothing was changed"));
  if (error != NULL)
    {
      if (job->kind == JOB_BACK_UP)
        /* Translators: %s is why, a sentence of its own. */
        return g_strdup_printf (_("The archive was not backed up. %s"), error->message);
      return g_strdup_printf (_("Nothing was restored. %s"), error->message);
    }

  switch (job->kind)
    {
      case JOB_BACK_UP:
        /* Translators: %s is the backup's file name. */
        return g_strdup_printf (_("Archive backed up to “%s”"), name);
      case JOB_MERGE:
        {
          RostraImportReport *report = job->backup->report;
          char               *added = format_added (report->n_new, report->n_annotations_new);

          *changed = added != NULL;
          if (added != NULL)
            return added;
          /* Translators: %s is a backup's file name. */
          return g_strdup_printf (_("Nothing to add: the archive already holds all of “%s”"),
                                     name);
        }
      case JOB_REPLACE:
        {
          g_autofree char *kept = file_display_name (job->backup->kept);

          *changed = TRUE;
          /* Translators: %s is a file name such as archive-replaced-2026-11-27-104501.db */
          return g_strdup_printf (_("Archive replaced; the previous one is kept as %s"), kept);
        }
      default:
        g_assert_not_reached ();
    }
}

static void
job_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Job          *job = user_data;
  Request      *request = job->request;
  GApplication *app = g_application_get_default ();
  g_autoptr (GtkWindow) parent = g_weak_ref_get (&request->parent);
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL;
  gboolean         changed;

  g_clear_handle_id (&job->progress_delay, g_source_remove);
  g_clear_handle_id (&job->progress_source, g_source_remove);
  if (job->progress_toast != NULL)
    {
      g_autoptr (AdwToastOverlay) toasts = g_weak_ref_get (&request->toasts);

      g_signal_handlers_disconnect_by_data (job->progress_toast, job);
      dismiss_toast (toasts, job->progress_toast, job->progress_title);
      g_clear_object (&job->progress_toast);
    }
  if (parent != NULL)
    g_object_set_data (G_OBJECT (parent), BUSY_KEY, NULL);
  n_running--;
  if (app != NULL)
    g_application_release (app);

  rostra_engine_backup_finish (ROSTRA_ENGINE (source), result, &error);
  message = result_message (job, error, &changed);
  toast_message (request, message);

  /* The window reloads what it shows, unless it is gone. */
  if (changed && request->changed != NULL && (parent != NULL || !request->has_parent))
    request->changed (request->user_data);
  job_free (job);
}

static gboolean
update_progress (gpointer user_data)
{
  Job             *job = user_data;
  gint             percent = g_atomic_int_get (&job->percent);
  g_autofree char *markup = NULL;

  if (percent < 0 || job->progress_toast == NULL)
    return G_SOURCE_CONTINUE;
  g_free (job->progress_title);
  /* Translators: while backing up; %d is a percentage. */
  job->progress_title = g_strdup_printf (_("Backing up the archive… %d%%"), percent);
  markup = g_markup_escape_text (job->progress_title, -1);
  adw_toast_set_title (job->progress_toast, markup);
  return G_SOURCE_CONTINUE;
}

static void
progress_cancel_clicked (AdwToast *toast, Job *job)
{
  g_cancellable_cancel (job->cancellable);
}

/* Closed by the user, or by the button: the job goes on without it. */
static void
progress_dismissed (AdwToast *toast, Job *job)
{
  g_signal_handlers_disconnect_by_data (toast, job);
  g_clear_object (&job->progress_toast);
}

/* The job takes a while: a toast says so, with a Cancel button. */
static gboolean
show_progress (gpointer user_data)
{
  Job *job = user_data;
  g_autoptr (AdwToastOverlay) toasts = g_weak_ref_get (&job->request->toasts);
  g_autofree char *name = file_display_name (job->request->file);

  job->progress_delay = 0;
  if (toasts == NULL)
    return G_SOURCE_REMOVE;

  if (job->kind == JOB_BACK_UP)
    job->progress_title = g_strdup (_("Backing up the archive…"));
  else
    /* Translators: %s is a backup's file name. */
    job->progress_title = g_strdup_printf (_("Restoring from “%s”…"), name);
  job->progress_toast = g_object_ref (rostra_ui_add_toast (toasts, job->progress_title, 0));
  adw_toast_set_button_label (job->progress_toast, _("_Cancel"));
  g_signal_connect (job->progress_toast, "button-clicked", G_CALLBACK (progress_cancel_clicked),
                    job);
  g_signal_connect (job->progress_toast, "dismissed", G_CALLBACK (progress_dismissed), job);
  if (job->kind == JOB_BACK_UP)
    job->progress_source = g_timeout_add (PROGRESS_INTERVAL_MS, update_progress, job);
  return G_SOURCE_REMOVE;
}

static void
start_job (Request *request, JobKind kind)
{
  g_autoptr (GtkWindow) parent = g_weak_ref_get (&request->parent);
  g_autoptr (AdwToastOverlay) toasts = g_weak_ref_get (&request->toasts);
  GApplication *app = g_application_get_default ();
  Job          *job;

  if (refuse_if_busy (request))
    {
      request_free (request);
      return;
    }

  job = g_new0 (Job, 1);
  job->kind = kind;
  job->request = request;
  job->backup = rostra_backup_job_new ((RostraBackupJobKind) kind, request->file);
  if (request->when != NULL)
    job->backup->when = g_date_time_ref (request->when);
  job->cancellable = g_cancellable_new ();
  job->percent = -1;

  if (toasts != NULL)
    job->progress_delay = g_timeout_add (PROGRESS_DELAY_MS, show_progress, job);

  if (parent != NULL)
    g_object_set_data (G_OBJECT (parent), BUSY_KEY, GINT_TO_POINTER (TRUE));
  n_running++;
  /* The backup is finished even when the window is closed meanwhile. */
  if (app != NULL)
    g_application_hold (app);

  /* On the archive's engine, which reports a restore that ended before
   * the Cancel button was pressed as done: it did happen. */
  rostra_engine_backup_async (rostra_engine_get_for_store (request->store), job->backup,
                              backup_progress, job, job->cancellable, job_done, job);
}

/**
 * rostra_backup_ui_run_back_up:
 * @parent: (nullable): the window the backup is for
 * @store: the archive
 * @toasts: (nullable): where progress and result show
 * @destination: the backup file
 *
 * Backs up the archive to @destination on a worker thread, without
 * asking: the file chooser's end of rostra_backup_ui_back_up().
 */
void
rostra_backup_ui_run_back_up (GtkWindow       *parent,
                              RostraStore     *store,
                              AdwToastOverlay *toasts,
                              GFile           *destination)
{
  Request *request;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (ROSTRA_IS_STORE (store));
  g_return_if_fail (toasts == NULL || ADW_IS_TOAST_OVERLAY (toasts));
  g_return_if_fail (G_IS_FILE (destination));

  request = request_new (parent, store, toasts, NULL, NULL);
  request->file = g_object_ref (destination);
  start_job (request, JOB_BACK_UP);
}

/**
 * rostra_backup_ui_run_restore:
 * @parent: (nullable): the window the restore is for
 * @store: the archive
 * @toasts: (nullable): where progress and result show
 * @source: a backup (a Rostra archive) or a JSON export
 * @mode: merge into the archive, or replace it
 * @archive_changed: (nullable) (scope async): called once the archive changed
 * @user_data: the closure for @archive_changed, alive as long as @parent
 *
 * Restores from @source on a worker thread without asking: the end of
 * rostra_backup_ui_restore()'s questions.
 */
void
rostra_backup_ui_run_restore (GtkWindow                *parent,
                              RostraStore              *store,
                              AdwToastOverlay          *toasts,
                              GFile                    *source,
                              RostraBackupUiRestoreMode mode,
                              RostraBackupUiChangedFunc archive_changed,
                              gpointer                  user_data)
{
  Request *request;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (ROSTRA_IS_STORE (store));
  g_return_if_fail (toasts == NULL || ADW_IS_TOAST_OVERLAY (toasts));
  g_return_if_fail (G_IS_FILE (source));

  request = request_new (parent, store, toasts, archive_changed, user_data);
  request->file = g_object_ref (source);
  start_job (request, mode == ROSTRA_BACKUP_UI_REPLACE ? JOB_REPLACE : JOB_MERGE);
}

/* Backing up */

static void
save_response (GtkNativeDialog *chooser, int response, Request *request)
{
  g_autoptr (GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    {
      request->file = g_steal_pointer (&file);
      start_job (request, JOB_BACK_UP);
    }
  else
    request_free (request);
  g_object_unref (chooser);
}

static GtkFileFilter *
new_filter (const char *name, const char *first_pattern, ...)
{
  GtkFileFilter *filter = gtk_file_filter_new ();
  va_list        args;

  gtk_file_filter_set_name (filter, name);
  va_start (args, first_pattern);
  for (const char *p = first_pattern; p != NULL; p = va_arg (args, const char *))
    gtk_file_filter_add_pattern (filter, p);
  va_end (args);
  return filter;
}

/**
 * rostra_backup_ui_back_up:
 * @parent: the window
 * @store: its archive
 * @toasts: where progress and result show
 *
 * "Back Up Archive…": asks for a file, then backs the archive up to it
 * on a worker thread while the window keeps working.
 */
void
rostra_backup_ui_back_up (GtkWindow *parent, RostraStore *store, AdwToastOverlay *toasts)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (GtkFileFilter) archives = NULL;
  g_autofree char      *name = NULL;
  GtkFileChooserNative *chooser;
  Request              *request;

  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (ROSTRA_IS_STORE (store));
  g_return_if_fail (ADW_IS_TOAST_OVERLAY (toasts));

  request = request_new (parent, store, toasts, NULL, NULL);
  if (refuse_if_busy (request))
    {
      request_free (request);
      return;
    }

  chooser = gtk_file_chooser_native_new (
      _("Back Up Archive"), parent, GTK_FILE_CHOOSER_ACTION_SAVE, _("_Back Up"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  archives = new_filter (_("Rostra archives (*.db)"), "*.db", NULL);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), archives);
  /* Translators: the suggested name of a backup file; a
   * g_date_time_format() format. Keep the .db at the end. */
  name = g_date_time_format (now, C_ ("backup file name", "rostra-backup-%Y-%m-%d.db"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);

  g_signal_connect (chooser, "response", G_CALLBACK (save_response), request);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Restoring */

#define REQUEST_KEY "rostra-backup-ui-request"

static void replace_response (AdwMessageDialog *dialog, const char *response, gpointer data);

/* The folder of @path for people: ~ for the home folder. */
static char *
display_folder (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *display = g_filename_display_name (dir);
  g_autofree char *home = g_filename_display_name (g_get_home_dir ());
  gsize            len = strlen (home);

  if (len > 1 && g_str_has_prefix (display, home) &&
      (display[len] == '\0' || display[len] == G_DIR_SEPARATOR))
    return g_strconcat ("~", display + len, NULL);
  return g_steal_pointer (&display);
}

/* The second question: replacing, with the name the archive is kept as. */
static void
confirm_replace (GtkWindow *parent, Request *request)
{
  g_autoptr (GFile) kept = NULL;
  g_autofree char *name = file_display_name (request->file);
  g_autofree char *kept_name = NULL;
  g_autofree char *folder = NULL;
  GtkWidget       *dialog;

  g_clear_pointer (&request->when, g_date_time_unref);
  request->when = g_date_time_new_now_local ();
  kept = rostra_archive_dup_kept_file (request->store, request->when);
  if (kept == NULL)
    {
      toast_message (request, _("An archive in memory cannot be replaced"));
      request_free (request);
      return;
    }
  kept_name = file_display_name (kept);
  folder = display_folder (g_file_peek_path (kept));

  dialog = adw_message_dialog_new (parent, _("Replace the Archive?"), NULL);
  gtk_widget_set_name (dialog, "replace-confirm");
  adw_message_dialog_format_body_markup (
      ADW_MESSAGE_DIALOG (dialog),
      /* Translators: the first %s is a backup's file name; the second a
       * file name such as archive-replaced-2026-11-27-104501.db, the
       * third the folder it is in. */
      _("Every speech, annotation and tag in the archive will be replaced by those in “%s”.\n\n"
        "The current archive will be kept as <b>%s</b> in %s."),
         name, kept_name, folder);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel",
                                    _("_Cancel"), "replace", _("_Replace Archive"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "replace",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), REQUEST_KEY, request, (GDestroyNotify) request_free);
  g_signal_connect (dialog, "response", G_CALLBACK (replace_response), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
replace_response (AdwMessageDialog *dialog, const char *response, gpointer data)
{
  Request *request;

  if (!g_str_equal (response, "replace"))
    return;
  request = g_object_steal_data (G_OBJECT (dialog), REQUEST_KEY);
  start_job (request, JOB_REPLACE);
}

static void
restore_response (AdwMessageDialog *dialog, const char *response, gpointer data)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (dialog));
  Request   *request;

  if (g_str_equal (response, "cancel"))
    return;
  request = g_object_steal_data (G_OBJECT (dialog), REQUEST_KEY);
  if (g_str_equal (response, "merge"))
    start_job (request, JOB_MERGE);
  else
    confirm_replace (parent, request);
}

/* Asks how to restore from @request's file, which is taken. */
static GtkWidget *
confirm_restore (GtkWindow *parent, Request *request)
{
  g_autoptr (GError) error = NULL;
  g_autofree char       *name = file_display_name (request->file);
  RostraBackupSourceKind kind;
  GtkWidget             *dialog;

  if (refuse_if_busy (request))
    {
      request_free (request);
      return NULL;
    }

  /* A file that is no backup is refused now, before any question. */
  kind = rostra_archive_detect_source (request->file, NULL, &error);
  if (kind == ROSTRA_BACKUP_SOURCE_UNKNOWN)
    {
      g_autofree char *message =
          error != NULL
              ? g_strdup (error->message)
              /* Translators: %s is a file name. */
              : g_strdup_printf (_("“%s” is neither a Rostra archive nor a JSON backup"), name);

      toast_message (request, message);
      request_free (request);
      return NULL;
    }

  dialog = adw_message_dialog_new (parent, NULL, NULL);
  gtk_widget_set_name (dialog, "restore-confirm");
  /* Translators: %s is the file name of a backup. */
  adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog), _("Restore From “%s”?"), name);
  adw_message_dialog_set_body_use_markup (ADW_MESSAGE_DIALOG (dialog), TRUE);
  adw_message_dialog_set_body (
      ADW_MESSAGE_DIALOG (dialog),
      _("<b>Merge</b> adds the speeches and annotations of the backup that are missing here, and "
        "keeps everything the archive holds.\n\n"
        "<b>Replace</b> makes the archive exactly what the backup holds. The current archive is "
        "kept as a dated file beside it."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel",
                                    _("_Cancel"), "replace",
                                       _("_Replace…"), "merge", _("_Merge"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "merge",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "replace",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "merge");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), REQUEST_KEY, request, (GDestroyNotify) request_free);
  g_signal_connect (dialog, "response", G_CALLBACK (restore_response), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

/**
 * rostra_backup_ui_confirm_restore:
 * @parent: (nullable): the window
 * @store: its archive
 * @toasts: (nullable): where progress and result show
 * @source: a backup or a JSON export
 * @archive_changed: (nullable) (scope async): called once the archive changed
 * @user_data: the closure for @archive_changed, alive as long as @parent
 *
 * Asks whether to merge @source into the archive or to replace the
 * archive with it (a second question confirms replacing), then
 * restores on a worker thread. A file that is neither a Rostra archive
 * nor a JSON export is refused with a toast.
 *
 * Returns: (transfer none) (nullable): the question, an
 *   #AdwMessageDialog; %NULL when refused
 */
GtkWidget *
rostra_backup_ui_confirm_restore (GtkWindow                *parent,
                                  RostraStore              *store,
                                  AdwToastOverlay          *toasts,
                                  GFile                    *source,
                                  RostraBackupUiChangedFunc archive_changed,
                                  gpointer                  user_data)
{
  Request *request;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ROSTRA_IS_STORE (store), NULL);
  g_return_val_if_fail (toasts == NULL || ADW_IS_TOAST_OVERLAY (toasts), NULL);
  g_return_val_if_fail (G_IS_FILE (source), NULL);

  request = request_new (parent, store, toasts, archive_changed, user_data);
  request->file = g_object_ref (source);
  return confirm_restore (parent, request);
}

static void
open_response (GtkNativeDialog *chooser, int response, Request *request)
{
  g_autoptr (GFile) file = NULL;
  g_autoptr (GtkWindow) parent = g_weak_ref_get (&request->parent);

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL && parent != NULL)
    {
      request->file = g_steal_pointer (&file);
      confirm_restore (parent, request);
    }
  else
    request_free (request);
  g_object_unref (chooser);
}

/**
 * rostra_backup_ui_restore:
 * @parent: the window
 * @store: its archive
 * @toasts: where progress and result show
 * @archive_changed: (nullable) (scope async): called once the archive
 *   changed, so that the window reloads everything
 * @user_data: the closure for @archive_changed, alive as long as @parent
 *
 * "Restore…": asks for a backup or a JSON export, then whether to merge
 * it or replace the archive with it, and restores on a worker thread.
 */
void
rostra_backup_ui_restore (GtkWindow                *parent,
                          RostraStore              *store,
                          AdwToastOverlay          *toasts,
                          RostraBackupUiChangedFunc archive_changed,
                          gpointer                  user_data)
{
  g_autoptr (GtkFileFilter) all = NULL;
  g_autoptr (GtkFileFilter) archives = NULL;
  g_autoptr (GtkFileFilter) exports = NULL;
  GtkFileChooserNative *chooser;
  Request              *request;

  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (ROSTRA_IS_STORE (store));
  g_return_if_fail (ADW_IS_TOAST_OVERLAY (toasts));

  request = request_new (parent, store, toasts, archive_changed, user_data);
  if (refuse_if_busy (request))
    {
      request_free (request);
      return;
    }

  chooser =
      gtk_file_chooser_native_new (_("Restore From a Backup"), parent,
                                      GTK_FILE_CHOOSER_ACTION_OPEN, _("_Restore…"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  all = new_filter (_("Rostra backups (*.db, *.json)"), "*.db", "*.json", NULL);
  archives = new_filter (_("Rostra archives (*.db)"), "*.db", NULL);
  exports = new_filter (_("JSON exports (*.json)"), "*.json", NULL);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), archives);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), exports);

  g_signal_connect (chooser, "response", G_CALLBACK (open_response), request);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
