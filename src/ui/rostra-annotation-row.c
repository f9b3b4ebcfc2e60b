/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-annotation-row.c: one annotation in the annotations pane.
 *
 * A bar in the highlight's colour, the passage, a warning when the
 * passage is gone from the text, the note (edited in place), the tags
 * with an entry to add more, and when the annotation was made. The menu
 * changes the colour or asks for the annotation to be deleted.
 *
 * The row never writes to the archive. It puts the user's change on
 * its RostraAnnotation, then emits RostraAnnotationRow::changed for the
 * pane to save; RostraAnnotationRow::delete-requested leaves deleting
 * to the window, which can undo it. It follows the annotation's
 * notifications, so a change made elsewhere (or undone) shows at once.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rostra-annotation-row.h"
#include "rostra-store.h"
#include "rostra-tag.h"
#include "rostra-tag-completion.h"
#include "rostra-ui-utils.h"

/* How long the note waits after the last keystroke before it is saved. */
#define NOTE_SAVE_DELAY_MS 400

/* A passage longer than this has all of it in a tooltip. */
#define PASSAGE_TOOLTIP_CHARS 160

/* The note: a GtkTextView that gets the height of its text. GTK 4.8
 * lays the text out for its width while allocating it, and the resize
 * the view then queues for its new height is lost: the first layout of
 * a note, or a new width, would leave it too short (or of no height at
 * all) until something else resizes it. */
#define ROSTRA_TYPE_ANNOTATION_ROW_NOTE (rostra_annotation_row_note_get_type ())
G_DECLARE_FINAL_TYPE (RostraAnnotationRowNote,
                      rostra_annotation_row_note,
                      ROSTRA,
                      ANNOTATION_ROW_NOTE,
                      GtkTextView)

struct _RostraAnnotationRowNote
{
  GtkTextView parent_instance;

  guint resize_id;
  int   resized_for; /* the height last asked for */
};

G_DEFINE_FINAL_TYPE (RostraAnnotationRowNote, rostra_annotation_row_note, GTK_TYPE_TEXT_VIEW)

static gboolean
note_resize_idle (gpointer user_data)
{
  RostraAnnotationRowNote *self = user_data;

  self->resize_id = 0;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  return G_SOURCE_REMOVE;
}

static void
rostra_annotation_row_note_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  RostraAnnotationRowNote *self = (RostraAnnotationRowNote *) widget;
  int                      minimum;

  GTK_WIDGET_CLASS (rostra_annotation_row_note_parent_class)
      ->size_allocate (widget, width, height, baseline);

  /* Asked once a height, never again the same: no loop when the
   * parent cannot give more. */
  gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, width, &minimum, NULL, NULL, NULL);
  if (height < minimum && minimum != self->resized_for && self->resize_id == 0)
    {
      self->resized_for = minimum;
      self->resize_id = g_idle_add_full (GTK_PRIORITY_RESIZE, note_resize_idle, self, NULL);
    }
}

static void
rostra_annotation_row_note_dispose (GObject *object)
{
  RostraAnnotationRowNote *self = (RostraAnnotationRowNote *) object;

  g_clear_handle_id (&self->resize_id, g_source_remove);
  G_OBJECT_CLASS (rostra_annotation_row_note_parent_class)->dispose (object);
}

static void
rostra_annotation_row_note_class_init (RostraAnnotationRowNoteClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = rostra_annotation_row_note_dispose;
  GTK_WIDGET_CLASS (klass)->size_allocate = rostra_annotation_row_note_size_allocate;
}

static void
rostra_annotation_row_note_init (RostraAnnotationRowNote *self G_GNUC_UNUSED)
{
}

struct _RostraAnnotationRow
{
  GtkWidget parent_instance;

  RostraAnnotation    *annotation;
  GListModel          *tags; /* of RostraTag, for the completion */
  GSimpleActionGroup  *actions;
  RostraTagCompletion *completion; /* the tag entry's */
  guint                note_timeout_id;
  gboolean             setting_note; /* the buffer follows the annotation */
  gboolean             note_unsaved; /* the buffer holds a note the archive refused */

  GtkWidget     *mark;
  GtkLabel      *passage_label;
  GtkMenuButton *menu_button;
  GtkLabel      *orphaned_label;
  GtkLabel      *unsaved_label;
  GtkTextView   *note_view;
  GtkLabel      *note_placeholder;
  GtkFlowBox    *tags_box;
  GtkEntry      *tag_entry;
  GtkLabel      *date_label;
};

G_DEFINE_FINAL_TYPE (RostraAnnotationRow, rostra_annotation_row, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_ANNOTATION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  CHANGED,
  DELETE_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* @text on one line: every run of white space one space. */
static char *
collapse_spaces (const char *text)
{
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = text; p && *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* An ISO 8601 time from the archive (UTC) as local time, or NULL. */
static char *
format_time (const char *iso8601)
{
  g_autoptr (GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr (GDateTime) time = NULL;
  g_autoptr (GDateTime) local = NULL;
  char *text;

  if (iso8601 == NULL || *iso8601 == '\0')
    return NULL;
  if ((time = g_date_time_new_from_iso8601 (iso8601, utc)) == NULL)
    return g_strdup (iso8601);

  local = g_date_time_to_local (time);
  /* Translators: when an annotation was made or changed, a
   * g_date_time_format() format: “27 Nov 2026, 09:15” */
  text = g_date_time_format (local, C_ ("annotation date", "%-d %b %Y, %H:%M"));
  return text ? text : g_strdup (iso8601);
}

static gboolean
has_tag (const char *const *tags, const char *name)
{
  g_autofree char *folded = rostra_ui_casefold (name);

  for (guint i = 0; tags && tags[i]; i++)
    {
      g_autofree char *other = rostra_ui_casefold (tags[i]);

      if (g_strcmp0 (folded, other) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Showing the annotation */

static void
update_placeholder (RostraAnnotationRow *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->note_view);
  gboolean       empty = gtk_text_buffer_get_char_count (buffer) == 0;

  gtk_widget_set_visible (GTK_WIDGET (self->note_placeholder),
                          empty && !gtk_widget_has_focus (GTK_WIDGET (self->note_view)));
}

static void
update_mark (RostraAnnotationRow *self)
{
  const char *const *colors = rostra_annotation_colors ();
  const char *color = self->annotation ? rostra_annotation_get_color (self->annotation) : NULL;
  const char *label = color ? rostra_annotation_color_label (color) : NULL;
  GAction    *action;

  for (guint i = 0; colors[i]; i++)
    gtk_widget_remove_css_class (self->mark, colors[i]);
  if (color != NULL && *color != '\0')
    gtk_widget_add_css_class (self->mark, color);
  /* Not only a colour: its name too. */
  gtk_widget_set_tooltip_text (self->mark, label);

  /* The menu's radio items follow. */
  action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), "color");
  g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_string (color ? color : ""));
}

static void
update_passage (RostraAnnotationRow *self)
{
  g_autofree char *passage = NULL;
  g_autofree char *quoted = NULL;

  if (self->annotation != NULL)
    passage = collapse_spaces (rostra_annotation_get_exact (self->annotation));
  if (passage != NULL)
    /* Translators: the highlighted passage of an annotation, quoted. */
    quoted = g_strdup_printf (C_ ("annotation passage", "“%s”"), passage);

  gtk_label_set_text (self->passage_label, quoted ? quoted : "");
  /* All of a passage too long for its four lines. */
  gtk_widget_set_tooltip_text (
      GTK_WIDGET (self->passage_label),
      passage && g_utf8_strlen (passage, -1) > PASSAGE_TOOLTIP_CHARS ? passage : NULL);
  if (passage != NULL)
    {
      /* Translators: what a screen reader says for an annotation in the
       * pane: its colour, then its passage. */
      g_autofree char *name = g_strdup_printf (C_ ("annotation row", "%s, %s"),
          rostra_annotation_color_label (rostra_annotation_get_color (self->annotation)), passage);

      rostra_ui_set_row_name (GTK_WIDGET (self), name);
    }
  else
    rostra_ui_set_row_name (GTK_WIDGET (self), NULL);

  gtk_widget_set_visible (GTK_WIDGET (self->orphaned_label),
                          self->annotation && rostra_annotation_get_orphaned (self->annotation));
}

/* The note view shows the annotation's note, unless the user is
 * typing in it: the note set from what is typed is the same text, and
 * setting it anew would move the cursor. */
static void
update_note (RostraAnnotationRow *self, gboolean force)
{
  GtkTextBuffer   *buffer = gtk_text_view_get_buffer (self->note_view);
  const char      *note = self->annotation ? rostra_annotation_get_note (self->annotation) : NULL;
  g_autofree char *text = NULL;
  GtkTextIter      start, end;

  /* A note the archive refused stays as typed, never lost to what the
   * archive holds: the next change to it tries again. */
  if (self->note_unsaved)
    return;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (g_strcmp0 (text, note ? note : "") != 0 &&
      (force || !gtk_widget_has_focus (GTK_WIDGET (self->note_view))))
    {
      /* Not a change the user could undo in the view. */
      self->setting_note = TRUE;
      gtk_text_buffer_begin_irreversible_action (buffer);
      gtk_text_buffer_set_text (buffer, note ? note : "", -1);
      gtk_text_buffer_end_irreversible_action (buffer);
      self->setting_note = FALSE;
    }
  update_placeholder (self);
}

static void remove_tag_clicked (GtkButton *button, RostraAnnotationRow *self);

static GtkWidget *
tag_pill_new (RostraAnnotationRow *self, const char *name)
{
  GtkWidget       *pill = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);
  GtkWidget       *label = gtk_label_new (name);
  GtkWidget       *button = gtk_button_new_from_icon_name ("window-close-symbolic");
  g_autofree char *remove_label = NULL;

  gtk_widget_add_css_class (pill, "tag-pill");
  gtk_widget_set_valign (pill, GTK_ALIGN_CENTER);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_set_tooltip_text (label, name);
  gtk_box_append (GTK_BOX (pill), label);

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "circular");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Remove Tag"));
  /* Translators: what a screen reader says for the button that removes
   * the tag %s from an annotation. */
  remove_label = g_strdup_printf (_("Remove Tag “%s”"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  remove_label, -1);
  g_object_set_data_full (G_OBJECT (button), "tag", g_strdup (name), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (remove_tag_clicked), self);
  gtk_box_append (GTK_BOX (pill), button);

  return pill;
}

static int
compare_tags (gconstpointer a, gconstpointer b, gpointer user_data G_GNUC_UNUSED)
{
  g_autofree char *x = rostra_ui_casefold (*(const char *const *) a);
  g_autofree char *y = rostra_ui_casefold (*(const char *const *) b);

  return g_utf8_collate (x, y);
}

/* The pills, in the order of names the archive lists them in, so that
 * a tag just added does not move the next time. */
static void
update_tags (RostraAnnotationRow *self)
{
  g_autofree const char **tags = NULL;
  GtkWidget              *child;

  if (self->annotation != NULL)
    {
      const char *const *names = rostra_annotation_get_tags (self->annotation);
      guint              n = names ? g_strv_length ((char **) names) : 0;

      tags = g_new0 (const char *, n + 1);
      for (guint i = 0; i < n; i++)
        tags[i] = names[i];
      g_qsort_with_data (tags, n, sizeof (char *), compare_tags, NULL);
    }

  /* gtk_flow_box_remove_all() is GTK 4.12. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->tags_box))) != NULL)
    gtk_flow_box_remove (self->tags_box, child);

  for (guint i = 0; tags && tags[i]; i++)
    {
      gtk_flow_box_append (self->tags_box, tag_pill_new (self, tags[i]));
      /* The remove button takes the focus; the pill need not. */
      child = gtk_widget_get_last_child (GTK_WIDGET (self->tags_box));
      gtk_widget_set_focusable (child, FALSE);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->tags_box), tags && tags[0]);
  /* The tags it has are not offered again. */
  if (self->completion != NULL)
    rostra_tag_completion_set_excluded (self->completion, tags);
}

static void
update_date (RostraAnnotationRow *self)
{
  const char *created = self->annotation ? rostra_annotation_get_created (self->annotation) : NULL;
  const char *modified =
      self->annotation ? rostra_annotation_get_modified (self->annotation) : NULL;
  g_autofree char *created_text = format_time (created);
  g_autofree char *tooltip = NULL;

  if (modified != NULL && g_strcmp0 (modified, created) != 0)
    {
      g_autofree char *modified_text = format_time (modified);

      /* Translators: the tooltip of an annotation's date; %s is when it
       * was last changed, as “27 Nov 2026, 09:15”. */
      tooltip = g_strdup_printf (_("Edited %s"), modified_text);
    }

  gtk_label_set_text (self->date_label, created_text ? created_text : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->date_label), tooltip);
  gtk_widget_set_visible (GTK_WIDGET (self->date_label), created_text != NULL);
}

static void
update (RostraAnnotationRow *self)
{
  gboolean has_annotation = self->annotation != NULL;

  update_mark (self);
  update_passage (self);
  update_note (self, TRUE);
  update_tags (self);
  update_date (self);

  g_simple_action_set_enabled (
      G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self->actions), "color")),
      has_annotation);
  g_simple_action_set_enabled (
      G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self->actions), "delete")),
      has_annotation);
  gtk_widget_set_sensitive (GTK_WIDGET (self->note_view), has_annotation);
  gtk_widget_set_sensitive (GTK_WIDGET (self->tag_entry), has_annotation);
}

static void
annotation_notify (RostraAnnotationRow *self, GParamSpec *pspec)
{
  const char *name = g_param_spec_get_name (pspec);

  if (g_str_equal (name, "color"))
    update_mark (self);
  else if (g_str_equal (name, "note"))
    update_note (self, FALSE);
  else if (g_str_equal (name, "tags"))
    update_tags (self);
  else if (g_str_equal (name, "created") || g_str_equal (name, "modified"))
    update_date (self);
  else if (g_str_equal (name, "exact") || g_str_equal (name, "orphaned"))
    update_passage (self);
}

/* Changes by the user */

static void
emit_changed (RostraAnnotationRow *self)
{
  g_autoptr (RostraAnnotationRow) keep = g_object_ref (self);

  g_signal_emit (self, signals[CHANGED], 0);
}

/* Puts what the note view holds on the annotation, when it differs. */
static void
commit_note (RostraAnnotationRow *self)
{
  GtkTextBuffer   *buffer;
  g_autofree char *text = NULL;
  const char      *note;
  GtkTextIter      start, end;

  g_clear_handle_id (&self->note_timeout_id, g_source_remove);
  if (self->annotation == NULL || self->note_view == NULL)
    return;

  buffer = gtk_text_view_get_buffer (self->note_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  note = rostra_annotation_get_note (self->annotation);
  if (g_strcmp0 (text, note ? note : "") == 0)
    return;

  rostra_annotation_set_note (self->annotation, text);
  emit_changed (self);
}

static gboolean
note_timeout (gpointer user_data)
{
  RostraAnnotationRow *self = user_data;

  self->note_timeout_id = 0;
  commit_note (self);
  return G_SOURCE_REMOVE;
}

static void
note_buffer_changed (RostraAnnotationRow *self)
{
  update_placeholder (self);
  if (self->setting_note || self->annotation == NULL)
    return;

  g_clear_handle_id (&self->note_timeout_id, g_source_remove);
  self->note_timeout_id = g_timeout_add (NOTE_SAVE_DELAY_MS, note_timeout, self);
}

static void
note_focus_enter (RostraAnnotationRow *self)
{
  update_placeholder (self);
}

static void
note_focus_leave (RostraAnnotationRow *self)
{
  commit_note (self);
  update_placeholder (self);
}

static void
set_tags (RostraAnnotationRow *self, const char *const *tags)
{
  rostra_annotation_set_tags (self->annotation, tags);
  emit_changed (self);
}

/* The spelling of an existing tag with the name @name, in any case. */
static char *
dup_known_spelling (RostraAnnotationRow *self, const char *name)
{
  g_autofree char *folded = rostra_ui_casefold (name);
  guint            n = self->tags ? g_list_model_get_n_items (self->tags) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (RostraTag) tag = g_list_model_get_item (self->tags, i);
      g_autofree char *other = rostra_ui_casefold (rostra_tag_get_name (tag));

      if (g_str_equal (folded, other))
        return g_strdup (rostra_tag_get_name (tag));
    }
  return g_strdup (name);
}

/* Adds the tags in @text, separated by commas, that the annotation
 * does not have yet. */
static void
add_tags (RostraAnnotationRow *self, const char *text)
{
  g_autoptr (GPtrArray) tags = g_ptr_array_new_null_terminated (8, g_free, TRUE);
  g_auto (GStrv) names = g_strsplit (text, ",", -1);
  const char *const *old;
  guint              n_old;

  if (self->annotation == NULL)
    return;

  old = rostra_annotation_get_tags (self->annotation);
  for (guint i = 0; old && old[i]; i++)
    g_ptr_array_add (tags, g_strdup (old[i]));
  n_old = tags->len;

  for (guint i = 0; names[i]; i++)
    {
      const char *name = g_strstrip (names[i]);

      if (*name != '\0' && !has_tag ((const char *const *) tags->pdata, name))
        g_ptr_array_add (tags, dup_known_spelling (self, name));
    }

  gtk_editable_set_text (GTK_EDITABLE (self->tag_entry), "");
  if (tags->len > n_old)
    set_tags (self, (const char *const *) tags->pdata);
}

static void
tag_entry_activate (RostraAnnotationRow *self, GtkEntry *entry)
{
  add_tags (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
remove_tag_clicked (GtkButton *button, RostraAnnotationRow *self)
{
  const char *name = g_object_get_data (G_OBJECT (button), "tag");
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  const char *const *tags;
  g_auto (GStrv) left = NULL;

  if (self->annotation == NULL || name == NULL)
    return;

  tags = rostra_annotation_get_tags (self->annotation);
  for (guint i = 0; tags && tags[i]; i++)
    {
      if (!g_str_equal (tags[i], name))
        g_strv_builder_add (builder, tags[i]);
    }
  left = g_strv_builder_end (builder);

  /* The button goes with its pill: the focus goes to the entry. */
  if (gtk_widget_has_focus (GTK_WIDGET (button)))
    gtk_widget_grab_focus (GTK_WIDGET (self->tag_entry));
  set_tags (self, (const char *const *) left);
}

/* The completion: every tag of the archive the annotation lacks,
 * matched anywhere in its name, in any case; one taken is added. */

static void
tag_chosen (RostraAnnotationRow *self)
{
  add_tags (self, gtk_editable_get_text (GTK_EDITABLE (self->tag_entry)));
}

static void
fill_completion (RostraAnnotationRow *self)
{
  g_autoptr (GStrvBuilder) names = g_strv_builder_new ();
  g_auto (GStrv) strv = NULL;
  guint n = self->tags ? g_list_model_get_n_items (self->tags) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (RostraTag) tag = g_list_model_get_item (self->tags, i);

      g_strv_builder_add (names, rostra_tag_get_name (tag));
    }
  strv = g_strv_builder_end (names);
  rostra_tag_completion_set_names (self->completion, (const char *const *) strv);
}

/* Actions */

static void
color_change_state (GSimpleAction *action, GVariant *state, gpointer user_data)
{
  RostraAnnotationRow *self = user_data;
  const char          *color = g_variant_get_string (state, NULL);

  if (self->annotation == NULL ||
      !g_strv_contains ((const char *const *) rostra_annotation_colors (), color))
    return;

  g_simple_action_set_state (action, state);
  if (g_strcmp0 (rostra_annotation_get_color (self->annotation), color) == 0)
    return;

  rostra_annotation_set_color (self->annotation, color);
  emit_changed (self);
}

static void
delete_activate (GSimpleAction *action G_GNUC_UNUSED,
                 GVariant *parameter   G_GNUC_UNUSED,
                 gpointer              user_data)
{
  RostraAnnotationRow *self = user_data;

  if (self->annotation == NULL)
    return;
  /* A note being typed is kept first, for the undo to bring it back. */
  commit_note (self);
  g_signal_emit (self, signals[DELETE_REQUESTED], 0);
}

static void
setup_actions (RostraAnnotationRow *self)
{
  const GActionEntry entries[] = {
    { "color", NULL, "s", "''", color_change_state, { 0 } },
    { "delete", delete_activate, NULL, NULL, NULL, { 0 } },
  };
  g_autoptr (GMenu) menu = g_menu_new ();
  g_autoptr (GMenu) colors = g_menu_new ();
  g_autoptr (GMenu) actions = g_menu_new ();
  const char *const *names = rostra_annotation_colors ();

  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), entries, G_N_ELEMENTS (entries),
                                   self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "row", G_ACTION_GROUP (self->actions));

  for (guint i = 0; names[i]; i++)
    {
      g_autoptr (GMenuItem) item = g_menu_item_new (rostra_annotation_color_label (names[i]), NULL);

      g_menu_item_set_action_and_target (item, "row.color", "s", names[i]);
      g_menu_append_item (colors, item);
    }
  g_menu_append (actions, _("_Delete"), "row.delete");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (colors));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (actions));
  gtk_menu_button_set_menu_model (self->menu_button, G_MENU_MODEL (menu));
}

/* The widget */

static void
rostra_annotation_row_dispose (GObject *object)
{
  RostraAnnotationRow *self = (RostraAnnotationRow *) object;
  GtkWidget           *child;

  /* What was typed in the last moments is kept, not lost with the row. */
  if (self->note_timeout_id != 0)
    commit_note (self);
  g_clear_handle_id (&self->note_timeout_id, g_source_remove);
  if (self->annotation != NULL)
    g_signal_handlers_disconnect_by_data (self->annotation, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), ROSTRA_TYPE_ANNOTATION_ROW);
  /* The template's box holds the parts but has no id: not one of the
   * children gtk_widget_dispose_template() unparents. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->annotation);
  g_clear_object (&self->tags);
  g_clear_object (&self->actions);

  G_OBJECT_CLASS (rostra_annotation_row_parent_class)->dispose (object);
}

static void
rostra_annotation_row_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  RostraAnnotationRow *self = ROSTRA_ANNOTATION_ROW (object);

  switch (prop_id)
    {
      case PROP_ANNOTATION:
        g_value_set_object (value, self->annotation);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rostra_annotation_row_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  RostraAnnotationRow *self = ROSTRA_ANNOTATION_ROW (object);

  switch (prop_id)
    {
      case PROP_ANNOTATION:
        rostra_annotation_row_set_annotation (self, g_value_get_object (value));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rostra_annotation_row_class_init (RostraAnnotationRowClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rostra_annotation_row_dispose;
  object_class->get_property = rostra_annotation_row_get_property;
  object_class->set_property = rostra_annotation_row_set_property;

  /**
   * RostraAnnotationRow:annotation: (nullable)
   *
   * The annotation the row shows.
   */
  properties[PROP_ANNOTATION] =
      g_param_spec_object ("annotation", NULL, NULL, ROSTRA_TYPE_ANNOTATION,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RostraAnnotationRow::changed:
   *
   * The user changed the colour, the note or the tags; the annotation
   * holds the new values, not yet saved.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                   NULL, NULL, G_TYPE_NONE, 0);

  /**
   * RostraAnnotationRow::delete-requested:
   *
   * The user asked for the annotation to be deleted.
   */
  signals[DELETE_REQUESTED] = g_signal_new ("delete-requested", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (ROSTRA_TYPE_ANNOTATION_ROW_NOTE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rostra/Rostra/rostra-annotation-row.ui");
  gtk_widget_class_bind_template_child (widget_class, RostraAnnotationRow, mark);
  gtk_widget_class_bind_template_child (widget_class, RostraAnnotationRow, passage_label);
  gtk_widget_class_bind_template_child (widget_class, RostraAnnotationRow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, RostraAnnotationRow, orphaned_label);
  gtk_widget_class_bind_template_child (widget_class, RostraAnnotationRow, unsaved_label);
  gtk_widget_class_bind_template_child (widget_class, RostraAnnotationRow, note_view);
  gtk_widget_class_bind_template_child (widget_class, RostraAnnotationRow, note_placeholder);
  gtk_widget_class_bind_template_child (widget_class, RostraAnnotationRow, tags_box);
  gtk_widget_class_bind_template_child (widget_class, RostraAnnotationRow, tag_entry);
  gtk_widget_class_bind_template_child (widget_class, RostraAnnotationRow, date_label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "annotationrow");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
rostra_annotation_row_init (RostraAnnotationRow *self)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  rostra_ui_name_controls (GTK_WIDGET (self));

  setup_actions (self);
  self->completion = rostra_tag_completion_attach (GTK_WIDGET (self->tag_entry));
  g_signal_connect_object (self->completion, "chosen", G_CALLBACK (tag_chosen), self,
                           G_CONNECT_SWAPPED);

  g_signal_connect_object (gtk_text_view_get_buffer (self->note_view), "changed",
                           G_CALLBACK (note_buffer_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_swapped (focus, "enter", G_CALLBACK (note_focus_enter), self);
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (note_focus_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self->note_view), focus);

  g_signal_connect_swapped (self->tag_entry, "activate", G_CALLBACK (tag_entry_activate), self);

  update (self);
}

GtkWidget *
rostra_annotation_row_new (void)
{
  return g_object_new (ROSTRA_TYPE_ANNOTATION_ROW, NULL);
}

/**
 * rostra_annotation_row_set_annotation:
 * @annotation: (nullable): the annotation to show, %NULL for none
 *
 * Shows @annotation, and follows its changes. A note being typed for
 * the annotation shown before is kept first (RostraAnnotationRow::changed).
 */
void
rostra_annotation_row_set_annotation (RostraAnnotationRow *self, RostraAnnotation *annotation)
{
  g_return_if_fail (ROSTRA_IS_ANNOTATION_ROW (self));
  g_return_if_fail (annotation == NULL || ROSTRA_IS_ANNOTATION (annotation));

  if (self->annotation == annotation)
    return;

  if (self->note_timeout_id != 0)
    commit_note (self);
  rostra_annotation_row_set_note_unsaved (self, FALSE);
  if (self->annotation != NULL)
    g_signal_handlers_disconnect_by_data (self->annotation, self);

  g_set_object (&self->annotation, annotation);
  if (annotation != NULL)
    g_signal_connect_object (annotation, "notify", G_CALLBACK (annotation_notify), self,
                             G_CONNECT_SWAPPED);

  gtk_editable_set_text (GTK_EDITABLE (self->tag_entry), "");
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANNOTATION]);
}

/**
 * rostra_annotation_row_get_annotation:
 *
 * Returns: (transfer none) (nullable): the annotation the row shows
 */
RostraAnnotation *
rostra_annotation_row_get_annotation (RostraAnnotationRow *self)
{
  g_return_val_if_fail (ROSTRA_IS_ANNOTATION_ROW (self), NULL);
  return self->annotation;
}

/**
 * rostra_annotation_row_set_tag_names:
 * @tags: (nullable): a #GListModel of #RostraTag: the archive's tags
 *
 * The tags the tag entry completes, and whose spelling a tag typed in
 * another case takes.
 */
void
rostra_annotation_row_set_tag_names (RostraAnnotationRow *self, GListModel *tags)
{
  g_return_if_fail (ROSTRA_IS_ANNOTATION_ROW (self));
  g_return_if_fail (tags == NULL || G_IS_LIST_MODEL (tags));

  g_set_object (&self->tags, tags);
  fill_completion (self);
}

/**
 * rostra_annotation_row_edit_note:
 *
 * Puts the focus in the note, the cursor at its end.
 */
void
rostra_annotation_row_edit_note (RostraAnnotationRow *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter    end;

  g_return_if_fail (ROSTRA_IS_ANNOTATION_ROW (self));

  buffer = gtk_text_view_get_buffer (self->note_view);
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_place_cursor (buffer, &end);
  gtk_widget_grab_focus (GTK_WIDGET (self->note_view));
  update_placeholder (self);
}

/**
 * rostra_annotation_row_set_note_unsaved:
 * @unsaved: whether the archive refused the note being shown
 *
 * While the note is unsaved the row keeps the text as typed, whatever
 * the annotation says, and shows that it is not saved; the next change
 * to it is saved again. The owner clears it once a save succeeds.
 */
void
rostra_annotation_row_set_note_unsaved (RostraAnnotationRow *self, gboolean unsaved)
{
  g_return_if_fail (ROSTRA_IS_ANNOTATION_ROW (self));

  self->note_unsaved = unsaved;
  gtk_widget_set_visible (GTK_WIDGET (self->unsaved_label), unsaved);
}

/**
 * rostra_annotation_row_get_note_unsaved:
 *
 * Returns: whether the row shows a note the archive refused
 */
gboolean
rostra_annotation_row_get_note_unsaved (RostraAnnotationRow *self)
{
  g_return_val_if_fail (ROSTRA_IS_ANNOTATION_ROW (self), FALSE);
  return self->note_unsaved;
}
