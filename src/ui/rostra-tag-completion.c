/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-tag-completion.c: the archive's tags offered as the user types
 * tags into an entry (a GtkEntry, an AdwEntryRow: any GtkEditable
 * widget), one tag or several separated by commas: a small popover under
 * the entry lists the tags whose names hold what was typed after the last
 * comma (case and accents ignored), leaving out those already typed or
 * excluded. The focus stays in the entry: Down and Up pick, Enter or Tab
 * takes, Escape closes. Taking a tag puts it in place of what was typed,
 * followed by ", ", and emits ::chosen.
 *
 * One object for every tag entry of the window (the import dialog's, the
 * annotation rows', the concordance's), replacing GtkEntryCompletion,
 * which GTK deprecated in 4.10 and which works only with a GtkEntry.
 */

#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "rostra-tag-completion.h"
#include "rostra-ui-utils.h"

/* Tags offered at once */
#define MAX_SUGGESTIONS 8

struct _RostraTagCompletion
{
  GObject parent_instance;

  GtkWidget  *entry; /* weak: the entry owns this object */
  GtkWidget  *popover;
  GtkListBox *list;
  char      **names;
  char      **excluded;
  guint       focus_idle_id;
};

G_DEFINE_FINAL_TYPE (RostraTagCompletion, rostra_tag_completion, G_TYPE_OBJECT)

enum
{
  CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define DATA_KEY "rostra-tag-completion"

/**
 * rostra_tag_completion_parse:
 * @text: (nullable): tags separated by commas
 *
 * Returns: (transfer full) (nullable): the tags of @text: stripped,
 *   without empty ones or the same one twice (tag names ignore ASCII case,
 *   as the store does); %NULL when there is none
 */
char **
rostra_tag_completion_parse (const char *text)
{
  g_auto (GStrv) parts = g_strsplit (text ? text : "", ",", -1);
  g_autoptr (GPtrArray) tags = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; parts[i]; i++)
    {
      char    *tag = g_strstrip (parts[i]);
      gboolean seen = FALSE;

      if (*tag == '\0')
        continue;
      for (guint j = 0; j < tags->len && !seen; j++)
        seen = g_ascii_strcasecmp (g_ptr_array_index (tags, j), tag) == 0;
      if (!seen)
        g_ptr_array_add (tags, g_strdup (tag));
    }
  if (tags->len == 0)
    return NULL;
  g_ptr_array_add (tags, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&tags), FALSE);
}

/* Whether @tags hold @name, in any case. */
static gboolean
contains_tag (const char *const *tags, const char *name)
{
  g_autofree char *folded = rostra_ui_casefold (name);

  for (guint i = 0; tags && tags[i]; i++)
    {
      g_autofree char *other = rostra_ui_casefold (tags[i]);

      if (g_str_equal (folded, other))
        return TRUE;
    }
  return FALSE;
}

static void
hide (RostraTagCompletion *self)
{
  if (self->popover != NULL && gtk_widget_get_visible (self->popover))
    gtk_popover_popdown (GTK_POPOVER (self->popover));
}

static gboolean
entry_has_focus (RostraTagCompletion *self)
{
  GtkRoot   *root = self->entry ? gtk_widget_get_root (self->entry) : NULL;
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && gtk_widget_is_ancestor (focus, self->entry);
}

/* What was typed after the last comma, without its leading spaces. */
static const char *
typed_fragment (const char *text)
{
  const char *fragment = strrchr (text, ',');

  fragment = fragment ? fragment + 1 : text;
  while (*fragment == ' ')
    fragment++;
  return fragment;
}

static void
choose (RostraTagCompletion *self, const char *name)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  const char *comma = strrchr (text, ',');
  g_autoptr (GString) value = g_string_new (NULL);
  g_autofree char *chosen = g_strdup (name);

  if (comma != NULL)
    {
      g_string_append_len (value, text, comma - text + 1);
      g_string_append_c (value, ' ');
    }
  g_string_append (value, chosen);
  g_string_append (value, ", ");
  hide (self);
  gtk_editable_set_text (GTK_EDITABLE (self->entry), value->str);
  gtk_editable_set_position (GTK_EDITABLE (self->entry), -1);
  hide (self);
  g_signal_emit (self, signals[CHOSEN], 0, chosen);
}

static void
row_activated (GtkListBox *list, GtkListBoxRow *row, RostraTagCompletion *self)
{
  choose (self, gtk_label_get_label (GTK_LABEL (gtk_list_box_row_get_child (row))));
}

static GtkWidget *
suggestion_new (const char *name)
{
  GtkWidget *label = gtk_label_new (name);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 32);
  gtk_widget_set_margin_start (label, 6);
  gtk_widget_set_margin_end (label, 6);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  return label;
}

/* Lists the tags that hold what was typed after the last comma. */
static void
update (RostraTagCompletion *self)
{
  const char      *text;
  const char      *fragment;
  g_autofree char *needle = NULL;
  g_auto (GStrv) present = NULL;
  GtkWidget *child;
  guint      n = 0;

  if (self->entry == NULL)
    return;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);

  text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  fragment = typed_fragment (text);
  if (self->names == NULL || *fragment == '\0' || !entry_has_focus (self))
    {
      hide (self);
      return;
    }

  needle = rostra_ui_casefold (fragment);
  g_strstrip (needle);
  present = rostra_tag_completion_parse (text);
  for (guint i = 0; self->names[i] && n < MAX_SUGGESTIONS; i++)
    {
      const char      *name = self->names[i];
      g_autofree char *folded = rostra_ui_casefold (name);
      GtkWidget       *label;

      if (strstr (folded, needle) == NULL || contains_tag ((const char *const *) present, name) ||
          contains_tag ((const char *const *) self->excluded, name))
        continue;

      label = suggestion_new (name);
      gtk_list_box_append (self->list, label);
      gtk_widget_set_focusable (gtk_widget_get_parent (label), FALSE);
      n++;
    }

  if (n == 0)
    hide (self);
  else if (!gtk_widget_get_visible (self->popover))
    gtk_popover_popup (GTK_POPOVER (self->popover));
}

static void
move (RostraTagCompletion *self, int delta)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->list);
  int            n = 0, index;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list)); child;
       child = gtk_widget_get_next_sibling (child))
    n++;
  if (n == 0)
    return;
  index = row ? gtk_list_box_row_get_index (row) + delta : (delta > 0 ? 0 : n - 1);
  index = (index + n) % n;
  gtk_list_box_select_row (self->list, gtk_list_box_get_row_at_index (self->list, index));
}

static gboolean
key_pressed (GtkEventControllerKey *controller,
             guint                  keyval,
             guint                  keycode,
             GdkModifierType        state,
             RostraTagCompletion   *self)
{
  GtkListBoxRow *row;

  if (self->popover == NULL || !gtk_widget_get_visible (self->popover))
    return FALSE;

  switch (keyval)
    {
      case GDK_KEY_Down:
      case GDK_KEY_KP_Down:
        move (self, 1);
        return TRUE;
      case GDK_KEY_Up:
      case GDK_KEY_KP_Up:
        move (self, -1);
        return TRUE;
      case GDK_KEY_Escape:
        hide (self);
        return TRUE;
      case GDK_KEY_Return:
      case GDK_KEY_ISO_Enter:
      case GDK_KEY_KP_Enter:
      case GDK_KEY_Tab:
        if ((row = gtk_list_box_get_selected_row (self->list)) != NULL)
          {
            row_activated (self->list, row, self);
            return TRUE;
          }
        hide (self);
        return FALSE;
      default:
        return FALSE;
    }
}

static gboolean
check_focus (gpointer user_data)
{
  RostraTagCompletion *self = user_data;

  self->focus_idle_id = 0;
  if (!entry_has_focus (self))
    hide (self);
  return G_SOURCE_REMOVE;
}

/* The focus moves inside the entry (an AdwEntryRow's text) too: look once
 * it has settled. */
static void
focus_left (RostraTagCompletion *self)
{
  if (self->focus_idle_id == 0)
    self->focus_idle_id = g_idle_add (check_focus, self);
}

/* The entry goes: the popover with it, before GTK finds it a child left. */
static void
entry_destroyed (RostraTagCompletion *self)
{
  g_clear_handle_id (&self->focus_idle_id, g_source_remove);
  g_clear_pointer (&self->popover, gtk_widget_unparent);
  self->list = NULL;
  self->entry = NULL;
}

static void
rostra_tag_completion_dispose (GObject *object)
{
  RostraTagCompletion *self = ROSTRA_TAG_COMPLETION (object);

  if (self->entry != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->entry, self);
      entry_destroyed (self);
    }
  G_OBJECT_CLASS (rostra_tag_completion_parent_class)->dispose (object);
}

static void
rostra_tag_completion_finalize (GObject *object)
{
  RostraTagCompletion *self = ROSTRA_TAG_COMPLETION (object);

  g_strfreev (self->names);
  g_strfreev (self->excluded);
  G_OBJECT_CLASS (rostra_tag_completion_parent_class)->finalize (object);
}

static void
rostra_tag_completion_class_init (RostraTagCompletionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rostra_tag_completion_dispose;
  object_class->finalize = rostra_tag_completion_finalize;

  /**
   * RostraTagCompletion::chosen:
   * @self: the completion
   * @name: the tag taken, now in the entry's text
   */
  signals[CHOSEN] = g_signal_new ("chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                  NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
rostra_tag_completion_init (RostraTagCompletion *self)
{
}

/**
 * rostra_tag_completion_attach:
 * @entry: a widget that is a #GtkEditable (GtkEntry, AdwEntryRow)
 *
 * Gives @entry the suggestions. @entry owns the completion, and it goes
 * with @entry.
 *
 * Returns: (transfer none): the completion
 */
RostraTagCompletion *
rostra_tag_completion_attach (GtkWidget *entry)
{
  RostraTagCompletion *self;
  GtkEventController  *keys;
  GtkEventController  *focus;
  GtkWidget           *list;

  g_return_val_if_fail (GTK_IS_EDITABLE (entry), NULL);
  g_return_val_if_fail (rostra_tag_completion_get_for (entry) == NULL, NULL);

  self = g_object_new (ROSTRA_TYPE_TAG_COMPLETION, NULL);
  self->entry = entry;
  g_object_set_data_full (G_OBJECT (entry), DATA_KEY, self, g_object_unref);

  self->popover = gtk_popover_new ();
  gtk_popover_set_autohide (GTK_POPOVER (self->popover), FALSE);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->popover), FALSE);
  gtk_popover_set_position (GTK_POPOVER (self->popover), GTK_POS_BOTTOM);
  gtk_widget_set_halign (self->popover, GTK_ALIGN_START);
  gtk_widget_add_css_class (self->popover, "tag-suggestions");

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_SINGLE);
  gtk_list_box_set_activate_on_single_click (GTK_LIST_BOX (list), TRUE);
  gtk_widget_set_focusable (list, FALSE);
  gtk_widget_add_css_class (list, "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Tags in the archive"), -1);
  g_signal_connect (list, "row-activated", G_CALLBACK (row_activated), self);
  gtk_popover_set_child (GTK_POPOVER (self->popover), list);
  self->list = GTK_LIST_BOX (list);
  gtk_widget_set_parent (self->popover, entry);

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed), self);
  gtk_widget_add_controller (entry, keys);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (focus_left), self);
  gtk_widget_add_controller (entry, focus);
  g_signal_connect_swapped (entry, "changed", G_CALLBACK (update), self);
  g_signal_connect_swapped (entry, "destroy", G_CALLBACK (entry_destroyed), self);
  return self;
}

/**
 * rostra_tag_completion_get_for:
 * @entry: an entry
 *
 * Returns: (transfer none) (nullable): the completion attached to @entry
 */
RostraTagCompletion *
rostra_tag_completion_get_for (GtkWidget *entry)
{
  return g_object_get_data (G_OBJECT (entry), DATA_KEY);
}

/**
 * rostra_tag_completion_set_names:
 * @names: (nullable): the names of the archive's tags, in the order to offer them
 */
void
rostra_tag_completion_set_names (RostraTagCompletion *self, const char *const *names)
{
  g_return_if_fail (ROSTRA_IS_TAG_COMPLETION (self));

  g_strfreev (self->names);
  self->names = g_strdupv ((char **) names);
  /* The user may have started typing. */
  update (self);
}

/**
 * rostra_tag_completion_get_names:
 *
 * Returns: (transfer none) (nullable): the names offered
 */
const char *const *
rostra_tag_completion_get_names (RostraTagCompletion *self)
{
  g_return_val_if_fail (ROSTRA_IS_TAG_COMPLETION (self), NULL);
  return (const char *const *) self->names;
}

/**
 * rostra_tag_completion_set_excluded:
 * @names: (nullable): tags never offered (those the annotation has)
 */
void
rostra_tag_completion_set_excluded (RostraTagCompletion *self, const char *const *names)
{
  g_return_if_fail (ROSTRA_IS_TAG_COMPLETION (self));

  g_strfreev (self->excluded);
  self->excluded = g_strdupv ((char **) names);
}

/**
 * rostra_tag_completion_get_shown:
 *
 * Returns: whether suggestions show
 */
gboolean
rostra_tag_completion_get_shown (RostraTagCompletion *self)
{
  g_return_val_if_fail (ROSTRA_IS_TAG_COMPLETION (self), FALSE);
  return self->popover != NULL && gtk_widget_get_visible (self->popover);
}

/**
 * rostra_tag_completion_hide:
 *
 * Closes the suggestions (until the user types again).
 */
void
rostra_tag_completion_hide (RostraTagCompletion *self)
{
  g_return_if_fail (ROSTRA_IS_TAG_COMPLETION (self));
  hide (self);
}
