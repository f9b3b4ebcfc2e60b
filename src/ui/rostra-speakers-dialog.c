/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-speakers-dialog.c: the archive's speakers, the most speeches
 * first: each with its number of speeches and its aliases (other
 * spellings, used to recognise the speaker). A speaker's name can be
 * changed; a name that is another speaker's (or an alias of one) merges
 * the two after the user confirms it: the speeches move, and the name
 * becomes an alias. Aliases are added and removed. "Suggest…" lists the
 * speakers the titles and leads of speeches without one point to, one row
 * per name with its speeches, to accept. Every change is a job of the
 * archive's engine; the list is read again after it. */

#include "config.h"

#include <glib/gi18n.h>

#include "rostra-engine-speakers.h"
#include "rostra-speaker.h"
#include "rostra-speakers-dialog.h"
#include "rostra-text.h"
#include "rostra-ui-utils.h"

struct _RostraSpeakersDialog
{
  AdwWindow parent_instance;

  RostraStore *store;
  GListModel  *speakers;
  GPtrArray   *rows; /* the expander rows shown */
  guint        n_jobs;

  GPtrArray *suggestion_rows; /* the rows of suggested speakers shown */
  GPtrArray *suggested;       /* Suggested, one per row */

  AdwToastOverlay     *toast_overlay;
  GtkStack            *stack;
  AdwPreferencesGroup *group;
  AdwPreferencesGroup *suggestions_group;
  GtkWidget           *suggest_button;
};

G_DEFINE_FINAL_TYPE (RostraSpeakersDialog, rostra_speakers_dialog, ADW_TYPE_WINDOW)

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* What a row's button or entry acts on */
typedef struct
{
  RostraSpeakersDialog *self;
  char                 *name; /* the speaker's */
  char *alias; /* an alias's remove button: the alias; a merge: the speaker to merge into */
} RowTarget;

static void
row_target_free (gpointer data, GClosure *closure)
{
  RowTarget *target = data;

  g_free (target->name);
  g_free (target->alias);
  g_free (target);
}

static RowTarget *
row_target_new (RostraSpeakersDialog *self, const char *name, const char *alias)
{
  RowTarget *target = g_new0 (RowTarget, 1);

  target->self = self;
  target->name = g_strdup (name);
  target->alias = g_strdup (alias);
  return target;
}

static void reload (RostraSpeakersDialog *self);

/* Jobs */

typedef struct
{
  RostraSpeakersDialog *self;
  char                 *done; /* said when it worked */
} ChangeJob;

static void
change_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  ChangeJob *job = user_data;
  g_autoptr (RostraSpeakersDialog) self = job->self;
  g_autoptr (GError) error = NULL;
  g_autofree char *done = job->done;

  g_free (job);
  self->n_jobs--;
  if (!rostra_engine_change_speaker_finish (ROSTRA_ENGINE (source), result, &error))
    rostra_ui_add_toast (self->toast_overlay, error->message, 5);
  else
    {
      rostra_ui_add_toast (self->toast_overlay, done, 5);
      g_signal_emit (self, signals[CHANGED], 0);
    }
  reload (self);
}

/* @done: said when it worked (taken) */
static void
change (RostraSpeakersDialog *self,
        RostraSpeakerChange   what,
        const char           *name,
        const char           *other,
        char                 *done)
{
  ChangeJob *job = g_new0 (ChangeJob, 1);

  job->self = g_object_ref (self);
  job->done = done;
  self->n_jobs++;
  rostra_engine_change_speaker_async (rostra_engine_get_for_store (self->store), what, name, other,
                                      change_done, job);
}

/* The speaker that @name names (a name or an alias, compared as the store
 * compares them: rostra_text_fold()), other than @except. */
static RostraSpeaker *
find_other (RostraSpeakersDialog *self, const char *name, const char *except)
{
  g_autofree char *folded = rostra_text_fold (name);
  guint            n = self->speakers ? g_list_model_get_n_items (self->speakers) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (RostraSpeaker) speaker = g_list_model_get_item (self->speakers, i);
      const char *const *aliases = rostra_speaker_get_aliases (speaker);
      g_autofree char   *own = rostra_text_fold (rostra_speaker_get_name (speaker));
      gboolean           found = g_str_equal (own, folded);

      for (guint j = 0; aliases && aliases[j] && !found; j++)
        {
          g_autofree char *alias = rostra_text_fold (aliases[j]);

          found = g_str_equal (alias, folded);
        }
      if (found && g_strcmp0 (rostra_speaker_get_name (speaker), except) != 0)
        return g_steal_pointer (&speaker);
    }
  return NULL;
}

static void
merge_response (AdwMessageDialog *dialog, const char *response, RowTarget *target)
{
  if (g_str_equal (response, "merge"))
    change (target->self, ROSTRA_SPEAKER_MERGE, target->name, target->alias,
            /* Translators: said once two speakers were merged. */
            g_strdup_printf (_("“%s” merged into “%s”"), target->name, target->alias));
}

static void
name_applied (AdwEntryRow *row, RowTarget *target)
{
  RostraSpeakersDialog *self = target->self;
  g_autofree char      *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  g_autoptr (RostraSpeaker) other = NULL;

  if (*name == '\0' || g_str_equal (name, target->name))
    {
      gtk_editable_set_text (GTK_EDITABLE (row), target->name);
      return;
    }
  if ((other = find_other (self, name, target->name)) != NULL)
    {
      const char       *into = rostra_speaker_get_name (other);
      AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (
          adw_message_dialog_new (GTK_WINDOW (self), _("Merge the Two Speakers?"), NULL));

      adw_message_dialog_format_body (
          dialog,
          _("“%s” is the name of another speaker, “%s”. The speeches of “%s” move to “%s”, and "
            "“%s” becomes an alias of it."),
             name, into, target->name, into, target->name);
      adw_message_dialog_add_responses (dialog, "cancel",
                                        _("_Cancel"), "merge", _("_Merge"), NULL);
      adw_message_dialog_set_response_appearance (dialog, "merge", ADW_RESPONSE_DESTRUCTIVE);
      g_signal_connect_data (dialog, "response", G_CALLBACK (merge_response),
                             row_target_new (self, target->name, into), row_target_free, 0);
      gtk_editable_set_text (GTK_EDITABLE (row), target->name);
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }
  change (self, ROSTRA_SPEAKER_RENAME, target->name, name,
          /* Translators: said once a speaker was renamed. */
          g_strdup_printf (_("“%s” renamed “%s”"), target->name, name));
}

static void
alias_applied (AdwEntryRow *row, RowTarget *target)
{
  g_autofree char *alias = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  if (*alias == '\0')
    return;
  change (target->self, ROSTRA_SPEAKER_ADD_ALIAS, target->name, alias,
          /* Translators: said once an alias was added to a speaker. */
          g_strdup_printf (_("“%s” is now an alias of “%s”"), alias, target->name));
}

static void
remove_alias_clicked (GtkButton *button, RowTarget *target)
{
  change (target->self, ROSTRA_SPEAKER_REMOVE_ALIAS, target->name, target->alias,
          /* Translators: said once an alias was removed. */
          g_strdup_printf (_("Alias “%s” removed"), target->alias));
}

/* The list */

static GtkWidget *
entry_row_new (RostraSpeakersDialog *self,
               const char           *title,
               const char           *text,
               const char           *speaker,
               GCallback             applied)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  g_signal_connect_data (row, "apply", applied, row_target_new (self, speaker, NULL),
                         row_target_free, 0);
  return row;
}

static GtkWidget *
speaker_row_new (RostraSpeakersDialog *self, RostraSpeaker *speaker)
{
  const char        *name = rostra_speaker_get_name (speaker);
  const char *const *aliases = rostra_speaker_get_aliases (speaker);
  guint              n = rostra_speaker_get_n_articles (speaker);
  GtkWidget         *expander = adw_expander_row_new ();
  g_autofree char   *count = g_strdup_printf (ngettext ("%u speech", "%u speeches", n), n);
  g_autofree char   *subtitle = NULL;

  if (aliases != NULL && aliases[0] != NULL)
    {
      g_autofree char *list = g_strjoinv (", ", (char **) aliases);

      /* Translators: under a speaker's name: the number of speeches, then
       * the other spellings of the name. */
      subtitle = g_strdup_printf (_("%s · also %s"), count, list);
    }
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), name);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), subtitle ? subtitle : count);
  rostra_ui_set_row_name (expander, name); /* nameless in libadwaita 1.2 */
  gtk_widget_add_css_class (expander, "speaker");

  adw_expander_row_add_row (
      ADW_EXPANDER_ROW (expander),
      entry_row_new (self, _("Name"), name, name, G_CALLBACK (name_applied)));
  for (guint i = 0; aliases && aliases[i]; i++)
    {
      GtkWidget       *row = adw_action_row_new ();
      GtkWidget       *remove = gtk_button_new_from_icon_name ("edit-delete-symbolic");
      g_autofree char *label = g_strdup_printf (_("Remove the alias “%s”"), aliases[i]);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), aliases[i]);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Alias"));
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                      -1);
      g_signal_connect_data (remove, "clicked", G_CALLBACK (remove_alias_clicked),
                             row_target_new (self, name, aliases[i]), row_target_free, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
    }
  adw_expander_row_add_row (
      ADW_EXPANDER_ROW (expander),
      entry_row_new (self, _("Add an Alias"), "", name, G_CALLBACK (alias_applied)));
  return expander;
}

/* The list, or what to do when there is nothing in it. */
static void
update_page (RostraSpeakersDialog *self)
{
  guint n = self->speakers ? g_list_model_get_n_items (self->speakers) : 0;

  gtk_widget_set_visible (GTK_WIDGET (self->suggestions_group), self->suggestion_rows->len > 0);
  gtk_stack_set_visible_child_name (self->stack,
                                    n > 0 || self->suggestion_rows->len > 0 ? "list" : "empty");
}

/* Suggestions for the speeches without a speaker */

/* One suggested name and the speeches it is suggested for */
typedef struct
{
  RostraSpeakersDialog *self;
  char                 *name;
  char                 *evidence; /* the first speech's */
  GArray               *ids;      /* gint64 */
  GtkWidget            *row;
} Suggested;

static void
suggested_free (gpointer data)
{
  Suggested *suggested = data;

  g_free (suggested->name);
  g_free (suggested->evidence);
  g_array_unref (suggested->ids);
  g_free (suggested);
}

static void
accepted (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Suggested *suggested = user_data;
  g_autoptr (RostraSpeakersDialog) self = suggested->self;
  g_autoptr (GError) error = NULL;

  self->n_jobs--;
  if (!rostra_engine_set_metadata_finish (ROSTRA_ENGINE (source), result, &error))
    {
      rostra_ui_add_toast (self->toast_overlay, error->message, 5);
      gtk_widget_set_sensitive (suggested->row, TRUE);
      return;
    }
  {
    /* Translators: said once suggested speakers were accepted; %s is a name. */
    g_autofree char *done =
        g_strdup_printf (ngettext ("“%s” named as the speaker of %u speech",
                                   "“%s” named as the speaker of %u speeches", suggested->ids->len),
                         suggested->name, suggested->ids->len);

    rostra_ui_add_toast (self->toast_overlay, done, 5);
  }
  adw_preferences_group_remove (self->suggestions_group, suggested->row);
  g_ptr_array_remove (self->suggestion_rows, suggested->row);
  g_signal_emit (self, signals[CHANGED], 0);
  reload (self);
}

static void
accept_clicked (GtkButton *button, Suggested *suggested)
{
  RostraSpeakersDialog *self = suggested->self;
  RostraArticleMetadata metadata = { .speaker = suggested->name };

  gtk_widget_set_sensitive (suggested->row, FALSE);
  self->n_jobs++;
  g_object_ref (self);
  rostra_engine_set_metadata_async (
      rostra_engine_get_for_store (self->store), (const gint64 *) (gpointer) suggested->ids->data,
      suggested->ids->len, ROSTRA_METADATA_SPEAKER, &metadata, accepted, suggested);
}

static GtkWidget *
suggestion_row_new (Suggested *suggested)
{
  GtkWidget       *row = adw_action_row_new ();
  GtkWidget       *accept = gtk_button_new_with_mnemonic (_("_Accept"));
  g_autofree char *label = g_strdup_printf (_("Accept “%s”"), suggested->name);
  g_autofree char *subtitle = g_strdup_printf (
      /* Translators: under a suggested speaker: for how many speeches, and
       * the phrase of a title or lead it came from. */
      ngettext ("%u speech: “%s”", "%u speeches, such as “%s”", suggested->ids->len),
      suggested->ids->len, suggested->evidence);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), suggested->name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_add_css_class (row, "suggested-speaker");
  gtk_widget_set_valign (accept, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (accept), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  g_signal_connect (accept, "clicked", G_CALLBACK (accept_clicked), suggested);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), accept);
  suggested->row = row;
  return row;
}

/* The most speeches first */
static int
compare_suggested (gconstpointer a, gconstpointer b)
{
  const Suggested *x = *(Suggested *const *) a;
  const Suggested *y = *(Suggested *const *) b;

  return (int) y->ids->len - (int) x->ids->len;
}

static void
suggested_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (RostraSpeakersDialog) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (RostraSpeakerSuggestions) found =
      rostra_engine_suggest_speakers_finish (ROSTRA_ENGINE (source), result, &error);
  g_autoptr (GHashTable) by_name = NULL;
  g_autoptr (GPtrArray) order = g_ptr_array_new ();

  self->n_jobs--;
  gtk_widget_set_sensitive (self->suggest_button, TRUE);
  if (found == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        rostra_ui_add_toast (self->toast_overlay, error->message, 5);
      return;
    }
  for (guint i = 0; i < self->suggestion_rows->len; i++)
    adw_preferences_group_remove (self->suggestions_group,
                                  g_ptr_array_index (self->suggestion_rows, i));
  g_ptr_array_set_size (self->suggestion_rows, 0);
  g_ptr_array_set_size (self->suggested, 0);

  /* One row per name, the most speeches first. */
  by_name = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < found->suggestions->len; i++)
    {
      RostraSpeakerSuggestion *s = g_ptr_array_index (found->suggestions, i);
      Suggested               *suggested;

      if (s == NULL)
        continue;
      if (!(suggested = g_hash_table_lookup (by_name, s->name)))
        {
          suggested = g_new0 (Suggested, 1);
          suggested->self = self;
          suggested->name = g_strdup (s->name);
          suggested->evidence = g_strdup (s->evidence);
          suggested->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
          g_hash_table_insert (by_name, suggested->name, suggested);
          g_ptr_array_add (order, suggested);
          g_ptr_array_add (self->suggested, suggested);
        }
      g_array_append_val (suggested->ids, g_array_index (found->article_ids, gint64, i));
    }
  g_ptr_array_sort (order, compare_suggested);
  for (guint i = 0; i < order->len; i++)
    {
      Suggested *suggested = g_ptr_array_index (order, i);

      adw_preferences_group_add (self->suggestions_group, suggestion_row_new (suggested));
      g_ptr_array_add (self->suggestion_rows, suggested->row);
    }
  if (order->len == 0)
    rostra_ui_add_toast (
        self->toast_overlay,
        _("No speaker to suggest: every speech names one, or none says who spoke"), 5);
  update_page (self);
}

static void
suggest_clicked (RostraSpeakersDialog *self)
{
  /* Not while a suggestion is being accepted: its row goes with a new list. */
  if (self->n_jobs > 0)
    return;
  gtk_widget_set_sensitive (self->suggest_button, FALSE);
  self->n_jobs++;
  rostra_engine_suggest_speakers_async (rostra_engine_get_for_store (self->store), NULL,
                                        suggested_done, g_object_ref (self));
}

static void
fill (RostraSpeakersDialog *self)
{
  guint n = self->speakers ? g_list_model_get_n_items (self->speakers) : 0;

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (RostraSpeaker) speaker = g_list_model_get_item (self->speakers, i);
      GtkWidget *row = speaker_row_new (self, speaker);

      adw_preferences_group_add (self->group, row);
      g_ptr_array_add (self->rows, row);
    }
  update_page (self);
}

static void
listed (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (RostraSpeakersDialog) self = user_data;
  g_autoptr (GError) error = NULL;
  GListModel *speakers =
      rostra_engine_list_speakers_finish (ROSTRA_ENGINE (source), result, &error);

  self->n_jobs--;
  if (speakers == NULL)
    {
      rostra_ui_add_toast (self->toast_overlay, error->message, 5);
      return;
    }
  g_clear_object (&self->speakers);
  self->speakers = speakers;
  fill (self);
}

/* The speakers are listed on a reader of the archive's engine. */
static void
reload (RostraSpeakersDialog *self)
{
  self->n_jobs++;
  rostra_engine_list_speakers_async (rostra_engine_get_for_store (self->store), NULL, listed,
                                     g_object_ref (self));
}

static void
rostra_speakers_dialog_dispose (GObject *object)
{
  RostraSpeakersDialog *self = ROSTRA_SPEAKERS_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ROSTRA_TYPE_SPEAKERS_DIALOG);
  g_clear_object (&self->speakers);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (rostra_speakers_dialog_parent_class)->dispose (object);
}

static void
rostra_speakers_dialog_finalize (GObject *object)
{
  RostraSpeakersDialog *self = ROSTRA_SPEAKERS_DIALOG (object);

  g_ptr_array_unref (self->rows);
  g_ptr_array_unref (self->suggestion_rows);
  g_ptr_array_unref (self->suggested);
  G_OBJECT_CLASS (rostra_speakers_dialog_parent_class)->finalize (object);
}

static void
rostra_speakers_dialog_class_init (RostraSpeakersDialogClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rostra_speakers_dialog_dispose;
  object_class->finalize = rostra_speakers_dialog_finalize;

  /**
   * RostraSpeakersDialog::changed:
   *
   * A speaker was renamed or merged, or an alias changed: the library's
   * speaker filter and rows may show old names.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                   NULL, NULL, G_TYPE_NONE, 0);

  /* Announced as a dialog, not as one more application window. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_DIALOG);
  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/rostra/Rostra/rostra-speakers-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RostraSpeakersDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RostraSpeakersDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, RostraSpeakersDialog, group);
  gtk_widget_class_bind_template_child (widget_class, RostraSpeakersDialog, suggestions_group);
  gtk_widget_class_bind_template_child (widget_class, RostraSpeakersDialog, suggest_button);
  gtk_widget_class_bind_template_callback (widget_class, suggest_clicked);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rostra_speakers_dialog_init (RostraSpeakersDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  rostra_ui_name_controls (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
  self->suggestion_rows = g_ptr_array_new ();
  self->suggested = g_ptr_array_new_with_free_func (suggested_free);
}

/**
 * rostra_speakers_dialog_new:
 * @parent: (nullable): the window the dialog is for
 * @store: the archive
 *
 * Returns: (transfer none): a new dialog, not yet presented
 */
GtkWidget *
rostra_speakers_dialog_new (GtkWindow *parent, RostraStore *store)
{
  RostraSpeakersDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ROSTRA_IS_STORE (store), NULL);

  self = g_object_new (ROSTRA_TYPE_SPEAKERS_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  reload (self);
  return GTK_WIDGET (self);
}

/**
 * rostra_speakers_dialog_get_busy:
 *
 * Returns: whether a job of the dialog still runs
 */
gboolean
rostra_speakers_dialog_get_busy (RostraSpeakersDialog *self)
{
  g_return_val_if_fail (ROSTRA_IS_SPEAKERS_DIALOG (self), FALSE);
  return self->n_jobs > 0;
}
