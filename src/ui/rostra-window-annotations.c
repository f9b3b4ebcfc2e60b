/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-window-annotations.c: the main window's annotations: making a
 * highlight from the reader's selection, the pane's edits and deletions,
 * a speech's details (speaker, occasion, day given, memo), and undoing
 * them all (Ctrl+Z), newest first. Each change is on disk before
 * it shows as saved. */

#include "config.h"

#include <glib/gi18n.h>

#include "rostra-anchor.h"
#include "rostra-details-dialog.h"
#include "rostra-tags-dialog.h"
#include "rostra-window-private.h"

/* Annotations */

typedef enum
{
  UNDO_CREATE,  /* undo: delete it */
  UNDO_EDIT,    /* undo: write the old values back */
  UNDO_DELETE,  /* undo: restore it */
  UNDO_DETAILS, /* undo: write a speech's old details back */
} UndoKind;

typedef struct
{
  UndoKind          kind;
  RostraAnnotation *annotation; /* the state to go back to */
  RostraArticle    *article;    /* UNDO_DETAILS: the speech as it was */
} Undo;

static void
undo_free (Undo *undo)
{
  g_clear_object (&undo->annotation);
  g_clear_object (&undo->article);
  g_free (undo);
}

static void
push_undo (RostraWindow *self, UndoKind kind, RostraAnnotation *annotation)
{
  Undo *undo = g_new0 (Undo, 1);

  undo->kind = kind;
  undo->annotation = rostra_annotation_copy (annotation);
  g_queue_push_head (&self->undo, undo);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", TRUE);
}

static void
undo_toast (RostraWindow *self, const char *message)
{
  AdwToast *t = adw_toast_new (message);

  adw_toast_set_button_label (t, _("_Undo"));
  adw_toast_set_action_name (t, "win.undo");
  adw_toast_overlay_add_toast (self->toast_overlay, t);
}

static void
remember_saved (RostraWindow *self, RostraAnnotation *annotation)
{
  gint64 id = rostra_annotation_get_id (annotation);

  g_hash_table_insert (self->saved, g_memdup2 (&id, sizeof id),
                       rostra_annotation_copy (annotation));
}

static RostraAnnotation *
find_annotation (RostraWindow *self, gint64 id)
{
  guint n = self->annotations ? g_list_model_get_n_items (self->annotations) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (RostraAnnotation) a = g_list_model_get_item (self->annotations, i);

      if (rostra_annotation_get_id (a) == id)
        return a;
    }
  return NULL;
}

/* Reads the open article's annotations again (checking their anchors)
 * and shows them in the reader and the pane. */
void
_rostra_window_reload_annotations (RostraWindow *self)
{
  g_autoptr (GError) error = NULL;
  guint n;

  g_clear_object (&self->annotations);
  g_hash_table_remove_all (self->saved);

  if (self->open_id != 0 &&
      !(self->annotations = rostra_store_list_annotations (self->store, self->open_id, &error)))
    _rostra_window_toast (self, error->message);

  n = self->annotations ? g_list_model_get_n_items (self->annotations) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (RostraAnnotation) a = g_list_model_get_item (self->annotations, i);

      remember_saved (self, a);
    }

  rostra_reader_set_annotations (self->reader, self->annotations);
  rostra_annotations_pane_set_annotations (self->annotations_pane_widget, self->annotations);
}

/* After a change: the counts in the list and the archive-wide view. */
static void
annotations_changed (RostraWindow *self, gint64 article_id)
{
  rostra_annotations_view_refresh (self->annotations_view);
  /* Just the article's row (its count): no new query, no lost scroll. */
  rostra_article_list_reload (self->articles, article_id);
}

void
_rostra_window_show_annotation (RostraWindow *self, gint64 id)
{
  RostraAnnotation *a = find_annotation (self, id);

  if (a == NULL)
    return;
  rostra_reader_select_annotation (self->reader, a);
  rostra_annotations_pane_select (self->annotations_pane_widget, a);
}

static void
highlight_requested (RostraWindow *self, const char *color, gboolean open_note)
{
  RostraArticle *article = rostra_reader_get_article (self->reader);
  g_autoptr (RostraAnnotation) annotation = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *exact = NULL, *prefix = NULL, *suffix = NULL;
  guint            start, end;

  if (article == NULL || !rostra_reader_get_selection (self->reader, &start, &end))
    return;

  rostra_anchor_describe (rostra_article_get_text (article), start, end, &exact, &prefix, &suffix);
  annotation = rostra_annotation_new (self->open_id, start, end, exact, prefix, suffix);
  rostra_annotation_set_color (annotation, color);

  /* On disk before it shows as saved. */
  if (!rostra_store_add_annotation (self->store, annotation, &error))
    {
      _rostra_window_toast (self, error->message);
      return;
    }

  push_undo (self, UNDO_CREATE, annotation);
  _rostra_window_reload_annotations (self);
  adw_flap_set_reveal_flap (self->annotations_flap, TRUE);
  _rostra_window_show_annotation (self, rostra_annotation_get_id (annotation));
  if (open_note)
    rostra_annotations_pane_edit_note (
        self->annotations_pane_widget,
        find_annotation (self, rostra_annotation_get_id (annotation)));
  annotations_changed (self, self->open_id);
}

static void
reader_annotation_activated (RostraWindow *self, RostraAnnotation *annotation)
{
  adw_flap_set_reveal_flap (self->annotations_flap, TRUE);
  _rostra_window_show_annotation (self, rostra_annotation_get_id (annotation));
}

static void
pane_annotation_activated (RostraWindow *self, RostraAnnotation *annotation)
{
  rostra_reader_select_annotation (self->reader, annotation);
}

/* The pane saved an edit: remember the state before it, for undo. */
static void
annotation_changed (RostraWindow *self, RostraAnnotation *annotation)
{
  gint64            id = rostra_annotation_get_id (annotation);
  RostraAnnotation *before = g_hash_table_lookup (self->saved, &id);

  if (before != NULL)
    push_undo (self, UNDO_EDIT, before);
  remember_saved (self, annotation);
  rostra_annotations_view_refresh (self->annotations_view);
}

static void
delete_requested (RostraWindow *self, RostraAnnotation *annotation)
{
  g_autoptr (RostraAnnotation) keep = rostra_annotation_copy (annotation);
  g_autoptr (GError) error = NULL;

  if (!rostra_store_delete_annotation (self->store, rostra_annotation_get_id (keep), &error))
    {
      _rostra_window_toast (self, error->message);
      return;
    }

  push_undo (self, UNDO_DELETE, keep);
  undo_toast (self, _("Annotation deleted"));
  _rostra_window_reload_annotations (self);
  annotations_changed (self, rostra_annotation_get_article_id (keep));
}

static void
pane_error (RostraWindow *self, const char *message)
{
  _rostra_window_toast (self, message);
}

/* Speech details */

static void
metadata_of (RostraArticle *article, RostraArticleMetadata *metadata)
{
  metadata->speaker = rostra_article_get_speaker (article);
  metadata->occasion = rostra_article_get_occasion (article);
  metadata->delivered = rostra_article_get_delivered (article);
  metadata->memo = rostra_article_get_memo (article);
}

/* One speech's row: a bounded write, on disk before the window shows it;
 * then the reader, the list row, the speaker filter and the citations. */
static gboolean
write_details (RostraWindow                *self,
               gint64                       article_id,
               const RostraArticleMetadata *metadata,
               int                          cleaned)
{
  g_autoptr (GError) error = NULL;

  /* @cleaned: the text to show, -1 to leave it; its annotations are
   * anchored again in the same transaction. */
  if (!rostra_store_set_article_metadata (self->store, article_id, ROSTRA_METADATA_ALL, metadata,
                                          &error) ||
      (cleaned >= 0 && !rostra_store_set_text_cleaned (self->store, article_id, cleaned, &error)))
    {
      _rostra_window_toast (self, error->message);
      return FALSE;
    }
  if (article_id == self->open_id)
    {
      _rostra_window_reload_article (self);
      _rostra_window_reload_annotations (self);
    }
  rostra_article_list_reload (self->articles, article_id);
  _rostra_window_update_filters (self);
  rostra_annotations_view_refresh (self->annotations_view);
  return TRUE;
}

static void
undo_details (RostraWindow *self, RostraArticle *before)
{
  RostraArticleMetadata metadata;

  metadata_of (before, &metadata);
  write_details (self, rostra_article_get_id (before), &metadata,
                 rostra_article_get_cleaning (before) == ROSTRA_TEXT_CLEANING_NONE
                     ? -1
                     : rostra_article_get_cleaning (before) == ROSTRA_TEXT_CLEANING_CLEANED);
}

/**
 * _rostra_window_save_details:
 * @dialog: a details dialog of the open speech, whose details are saved
 *
 * Writes the details, closes @dialog, and offers to undo.
 */
void
_rostra_window_save_details (RostraWindow *self, RostraDetailsDialog *dialog)
{
  RostraArticle *article = rostra_reader_get_article (self->reader);
  g_autoptr (RostraArticle) before = NULL;
  RostraArticleMetadata metadata;
  gboolean              cleaned;
  int                   clean = -1;

  if (article == NULL || self->store == NULL)
    return;
  before = g_object_ref (article);
  rostra_details_dialog_get_metadata (dialog, &metadata);
  if (rostra_details_dialog_get_cleaned (dialog, &cleaned) &&
      cleaned != (rostra_article_get_cleaning (before) == ROSTRA_TEXT_CLEANING_CLEANED))
    clean = cleaned;
  if (!write_details (self, rostra_article_get_id (before), &metadata, clean))
    return;
  gtk_window_destroy (GTK_WINDOW (dialog));

  {
    Undo *undo = g_new0 (Undo, 1);

    undo->kind = UNDO_DETAILS;
    undo->article = g_steal_pointer (&before);
    g_queue_push_head (&self->undo, undo);
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", TRUE);
  }
  undo_toast (self, _("Details saved"));
}

static void
undo_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RostraWindow *self = ROSTRA_WINDOW (widget);
  Undo         *undo = g_queue_pop_head (&self->undo);
  g_autoptr (GError) error = NULL;
  gboolean ok = TRUE;
  gint64   article_id;

  if (undo == NULL)
    return;
  if (undo->kind == UNDO_DETAILS)
    {
      undo_details (self, undo->article);
      undo_free (undo);
      gtk_widget_action_set_enabled (widget, "win.undo", !g_queue_is_empty (&self->undo));
      return;
    }
  article_id = rostra_annotation_get_article_id (undo->annotation);

  switch (undo->kind)
    {
      case UNDO_CREATE:
        ok = rostra_store_delete_annotation (self->store,
                                             rostra_annotation_get_id (undo->annotation), &error);
        break;
      case UNDO_EDIT:
        ok = rostra_store_update_annotation (self->store, undo->annotation, &error);
        break;
      case UNDO_DELETE:
        ok = rostra_store_restore_annotation (self->store, undo->annotation, &error);
        break;
      default:
        g_assert_not_reached ();
    }

  if (!ok)
    _rostra_window_toast (self, error->message);
  else if (rostra_annotation_get_article_id (undo->annotation) == self->open_id)
    {
      _rostra_window_reload_annotations (self);
      if (undo->kind != UNDO_CREATE)
        _rostra_window_show_annotation (self, rostra_annotation_get_id (undo->annotation));
    }

  undo_free (undo);
  gtk_widget_action_set_enabled (widget, "win.undo", !g_queue_is_empty (&self->undo));
  annotations_changed (self, article_id);
}

static void
manage_tags_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RostraWindow *self = ROSTRA_WINDOW (widget);
  GtkWidget    *dialog;

  if (self->store == NULL)
    return;
  dialog = rostra_tags_dialog_new (GTK_WINDOW (self), self->store);
  g_signal_connect_swapped (dialog, "tags-changed", G_CALLBACK (_rostra_window_reload_annotations),
                            self);
  g_signal_connect_swapped (dialog, "tags-changed", G_CALLBACK (rostra_annotations_view_refresh),
                            self->annotations_view);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Forgets what can be undone: another archive, or a restore. */
void
_rostra_window_clear_undo (RostraWindow *self)
{
  g_queue_clear_full (&self->undo, (GDestroyNotify) undo_free);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", FALSE);
}

void
_rostra_window_class_init_annotations (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback_full (widget_class, "reload_annotations",
                                                G_CALLBACK (_rostra_window_reload_annotations));
  gtk_widget_class_bind_template_callback (widget_class, highlight_requested);
  gtk_widget_class_bind_template_callback (widget_class, reader_annotation_activated);
  gtk_widget_class_bind_template_callback (widget_class, annotation_changed);
  gtk_widget_class_bind_template_callback (widget_class, pane_annotation_activated);
  gtk_widget_class_bind_template_callback (widget_class, delete_requested);
  gtk_widget_class_bind_template_callback (widget_class, pane_error);

  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.manage-tags", NULL, manage_tags_action);
  /* Entries keep Ctrl+Z for their own text: they see it first. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
}
