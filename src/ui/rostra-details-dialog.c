/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-details-dialog.c: a speech's details, editable: who gave it (a
 * speaker's name or alias; a new name makes a new speaker), the occasion
 * (venue or event), the day it was given (YYYY-MM-DD, checked as typed),
 * a memo on the whole speech, and, for a speech the cleaning rules changed
 * at import, whether it shows the cleaned text or the text as it came. Save asks the window to
 * write them
 * (::save-requested); the dialog writes nothing itself. */

#include "config.h"

#include <glib/gi18n.h>

#include "rostra-details-dialog.h"
#include "rostra-ui-utils.h"

struct _RostraDetailsDialog
{
  AdwWindow parent_instance;

  char *speaker, *occasion, *delivered, *memo; /* as last read by get_metadata */

  AdwToastOverlay *toast_overlay;
  GtkWidget       *save_button;
  AdwEntryRow     *speaker_row;
  AdwEntryRow     *occasion_row;
  AdwEntryRow     *delivered_row;
  GtkTextView     *memo_view;
  GtkWidget       *cleaning_row;
  GtkSwitch       *cleaning_switch;
};

G_DEFINE_FINAL_TYPE (RostraDetailsDialog, rostra_details_dialog, ADW_TYPE_WINDOW)

enum
{
  SAVE_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
dup_stripped (const char *text)
{
  return g_strstrip (g_strdup (text ? text : ""));
}

/* A day that is no date cannot be saved; the row says so. */
static void
update_state (RostraDetailsDialog *self)
{
  gboolean valid = rostra_details_dialog_get_valid (self);

  if (valid)
    gtk_widget_remove_css_class (GTK_WIDGET (self->delivered_row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->delivered_row), "error");
  gtk_widget_set_sensitive (self->save_button, valid);
}

static void
save_clicked (RostraDetailsDialog *self)
{
  if (rostra_details_dialog_get_valid (self))
    g_signal_emit (self, signals[SAVE_REQUESTED], 0);
}

static void
rostra_details_dialog_finalize (GObject *object)
{
  RostraDetailsDialog *self = ROSTRA_DETAILS_DIALOG (object);

  g_free (self->speaker);
  g_free (self->occasion);
  g_free (self->delivered);
  g_free (self->memo);
  G_OBJECT_CLASS (rostra_details_dialog_parent_class)->finalize (object);
}

static void
rostra_details_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), ROSTRA_TYPE_DETAILS_DIALOG);
  G_OBJECT_CLASS (rostra_details_dialog_parent_class)->dispose (object);
}

static void
rostra_details_dialog_class_init (RostraDetailsDialogClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rostra_details_dialog_dispose;
  object_class->finalize = rostra_details_dialog_finalize;

  /**
   * RostraDetailsDialog::save-requested:
   *
   * The user saved details that can be saved
   * (rostra_details_dialog_get_metadata()).
   */
  signals[SAVE_REQUESTED] = g_signal_new ("save-requested", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /* Announced as a dialog, not as one more application window. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_DIALOG);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rostra/Rostra/rostra-details-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RostraDetailsDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RostraDetailsDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, RostraDetailsDialog, speaker_row);
  gtk_widget_class_bind_template_child (widget_class, RostraDetailsDialog, occasion_row);
  gtk_widget_class_bind_template_child (widget_class, RostraDetailsDialog, delivered_row);
  gtk_widget_class_bind_template_child (widget_class, RostraDetailsDialog, memo_view);
  gtk_widget_class_bind_template_child (widget_class, RostraDetailsDialog, cleaning_row);
  gtk_widget_class_bind_template_child (widget_class, RostraDetailsDialog, cleaning_switch);
  gtk_widget_class_bind_template_callback (widget_class, update_state);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rostra_details_dialog_init (RostraDetailsDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  rostra_ui_name_controls (GTK_WIDGET (self));
  gtk_window_set_default_widget (GTK_WINDOW (self), self->save_button);
}

/**
 * rostra_details_dialog_new:
 * @parent: (nullable): the window the dialog is for
 * @article: the speech, whose details it shows
 *
 * Returns: (transfer none): a new dialog, not yet presented
 */
GtkWidget *
rostra_details_dialog_new (GtkWindow *parent, RostraArticle *article)
{
  RostraDetailsDialog *self;
  const char          *memo;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ROSTRA_IS_ARTICLE (article), NULL);

  self = g_object_new (ROSTRA_TYPE_DETAILS_DIALOG, "transient-for", parent, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->speaker_row),
                         rostra_article_get_speaker (article) ? rostra_article_get_speaker (article)
                                                              : "");
  gtk_editable_set_text (
      GTK_EDITABLE (self->occasion_row),
      rostra_article_get_occasion (article) ? rostra_article_get_occasion (article) : "");
  gtk_editable_set_text (
      GTK_EDITABLE (self->delivered_row),
      rostra_article_get_delivered (article) ? rostra_article_get_delivered (article) : "");
  memo = rostra_article_get_memo (article);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->memo_view), memo ? memo : "", -1);
  /* Only for a speech the cleaning rules changed at import. */
  gtk_widget_set_visible (self->cleaning_row,
                          rostra_article_get_cleaning (article) != ROSTRA_TEXT_CLEANING_NONE);
  gtk_switch_set_active (self->cleaning_switch,
                         rostra_article_get_cleaning (article) == ROSTRA_TEXT_CLEANING_CLEANED);
  update_state (self);
  return GTK_WIDGET (self);
}

/**
 * rostra_details_dialog_get_valid:
 *
 * Returns: whether the details can be saved (the day given is empty or a date)
 */
gboolean
rostra_details_dialog_get_valid (RostraDetailsDialog *self)
{
  g_autofree char *delivered = NULL;

  g_return_val_if_fail (ROSTRA_IS_DETAILS_DIALOG (self), FALSE);
  delivered = dup_stripped (gtk_editable_get_text (GTK_EDITABLE (self->delivered_row)));
  return *delivered == '\0' || rostra_metadata_check_date (delivered, NULL);
}

/**
 * rostra_details_dialog_get_metadata:
 * @metadata: (out caller-allocates): the details as shown: stripped,
 *   %NULL for an empty field; valid while the dialog is
 */
void
rostra_details_dialog_get_metadata (RostraDetailsDialog *self, RostraArticleMetadata *metadata)
{
  GtkTextBuffer   *buffer;
  GtkTextIter      start, end;
  g_autofree char *memo = NULL;

  g_return_if_fail (ROSTRA_IS_DETAILS_DIALOG (self));

  buffer = gtk_text_view_get_buffer (self->memo_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  memo = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);

  g_free (self->speaker);
  g_free (self->occasion);
  g_free (self->delivered);
  g_free (self->memo);
  self->speaker = dup_stripped (gtk_editable_get_text (GTK_EDITABLE (self->speaker_row)));
  self->occasion = dup_stripped (gtk_editable_get_text (GTK_EDITABLE (self->occasion_row)));
  self->delivered = dup_stripped (gtk_editable_get_text (GTK_EDITABLE (self->delivered_row)));
  self->memo = dup_stripped (memo);
  metadata->speaker = *self->speaker ? self->speaker : NULL;
  metadata->occasion = *self->occasion ? self->occasion : NULL;
  metadata->delivered = *self->delivered ? self->delivered : NULL;
  metadata->memo = *self->memo ? self->memo : NULL;
}

/**
 * rostra_details_dialog_get_cleaned:
 * @cleaned: (out): whether the speech is to show its cleaned text
 *
 * Returns: whether the speech has a cleaned text and a raw one to choose from
 */
gboolean
rostra_details_dialog_get_cleaned (RostraDetailsDialog *self, gboolean *cleaned)
{
  g_return_val_if_fail (ROSTRA_IS_DETAILS_DIALOG (self), FALSE);
  *cleaned = gtk_switch_get_active (self->cleaning_switch);
  return gtk_widget_get_visible (self->cleaning_row);
}
