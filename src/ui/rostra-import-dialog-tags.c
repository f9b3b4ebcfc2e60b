/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-import-dialog-tags.c: the import dialog's tags for every speech
 * it imports: typed comma-separated, the archive's tags suggested as the
 * user types (a popover under the entry, arrows and Enter to pick). */

#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "rostra-import-dialog-private.h"
#include "rostra-tag.h"

/* The tags of a comma-separated list: stripped, without empty ones or
 * the same one twice (tag names ignore ASCII case, as the store does).
 * %NULL when there is none. */
char **
_rostra_import_dialog_parse_tags (const char *text)
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

/* Tag suggestions: GtkEntryCompletion needs a GtkEntry, so the tags row
 * gets a small popover of its own, driven from the keyboard while the
 * focus stays in the entry. */

void
_rostra_import_dialog_suggestions_hide (RostraImportDialog *self)
{
  if (self->suggestions && gtk_widget_get_visible (self->suggestions))
    gtk_popover_popdown (GTK_POPOVER (self->suggestions));
}

static gboolean
tags_row_has_focus (RostraImportDialog *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  return focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->tags_row));
}

static void
apply_suggestion (RostraImportDialog *self, const char *name)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->tags_row));
  const char *comma = strrchr (text, ',');
  GString    *value = g_string_new (NULL);

  if (comma != NULL)
    {
      g_string_append_len (value, text, comma - text + 1);
      g_string_append_c (value, ' ');
    }
  g_string_append (value, name);
  g_string_append (value, ", ");
  gtk_editable_set_text (GTK_EDITABLE (self->tags_row), value->str);
  gtk_editable_set_position (GTK_EDITABLE (self->tags_row), -1);
  g_string_free (value, TRUE);
  _rostra_import_dialog_suggestions_hide (self);
}

static void
suggestion_activated (GtkListBox *list, GtkListBoxRow *row, RostraImportDialog *self)
{
  GtkWidget *label = gtk_list_box_row_get_child (row);

  apply_suggestion (self, gtk_label_get_label (GTK_LABEL (label)));
}

void
_rostra_import_dialog_tags_changed (RostraImportDialog *self)
{
  const char      *text = gtk_editable_get_text (GTK_EDITABLE (self->tags_row));
  const char      *prefix = strrchr (text, ',');
  g_autofree char *needle = NULL;
  g_auto (GStrv) present = NULL;
  GtkWidget *child;
  guint      n = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->suggestion_list))) != NULL)
    gtk_list_box_remove (self->suggestion_list, child);

  prefix = prefix ? prefix + 1 : text;
  while (*prefix == ' ')
    prefix++;
  if (self->tag_names == NULL || *prefix == '\0' || !tags_row_has_focus (self))
    {
      _rostra_import_dialog_suggestions_hide (self);
      return;
    }

  needle = g_utf8_casefold (prefix, -1);
  present = _rostra_import_dialog_parse_tags (text);
  for (guint i = 0; self->tag_names[i] && n < MAX_SUGGESTIONS; i++)
    {
      const char      *name = self->tag_names[i];
      g_autofree char *folded = g_utf8_casefold (name, -1);
      gboolean         used = FALSE;
      GtkWidget       *label;

      if (strstr (folded, needle) == NULL)
        continue;
      for (guint j = 0; present && present[j] && !used; j++)
        used = g_ascii_strcasecmp (present[j], name) == 0;
      if (used)
        continue;

      label = gtk_label_new (name);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 32);
      gtk_widget_set_margin_start (label, 6);
      gtk_widget_set_margin_end (label, 6);
      gtk_widget_set_margin_top (label, 6);
      gtk_widget_set_margin_bottom (label, 6);
      gtk_list_box_append (self->suggestion_list, label);
      gtk_widget_set_focusable (gtk_widget_get_parent (label), FALSE);
      n++;
    }

  if (n == 0)
    _rostra_import_dialog_suggestions_hide (self);
  else if (!gtk_widget_get_visible (self->suggestions))
    gtk_popover_popup (GTK_POPOVER (self->suggestions));
}

static void
move_suggestion (RostraImportDialog *self, int delta)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->suggestion_list);
  int            n = 0, index;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->suggestion_list)); child;
       child = gtk_widget_get_next_sibling (child))
    n++;
  if (n == 0)
    return;
  index = row ? gtk_list_box_row_get_index (row) + delta : (delta > 0 ? 0 : n - 1);
  index = (index + n) % n;
  gtk_list_box_select_row (self->suggestion_list,
                           gtk_list_box_get_row_at_index (self->suggestion_list, index));
}

static gboolean
tags_key_pressed (GtkEventControllerKey *controller,
                  guint                  keyval,
                  guint                  keycode,
                  GdkModifierType        state,
                  RostraImportDialog    *self)
{
  GtkListBoxRow *row;

  if (!gtk_widget_get_visible (self->suggestions))
    return FALSE;

  switch (keyval)
    {
      case GDK_KEY_Down:
      case GDK_KEY_KP_Down:
        move_suggestion (self, 1);
        return TRUE;
      case GDK_KEY_Up:
      case GDK_KEY_KP_Up:
        move_suggestion (self, -1);
        return TRUE;
      case GDK_KEY_Escape:
        _rostra_import_dialog_suggestions_hide (self);
        return TRUE;
      case GDK_KEY_Return:
      case GDK_KEY_ISO_Enter:
      case GDK_KEY_KP_Enter:
      case GDK_KEY_Tab:
        if ((row = gtk_list_box_get_selected_row (self->suggestion_list)) != NULL)
          {
            suggestion_activated (self->suggestion_list, row, self);
            return TRUE;
          }
        _rostra_import_dialog_suggestions_hide (self);
        return FALSE;
      default:
        return FALSE;
    }
}

static gboolean
check_tags_focus (gpointer user_data)
{
  RostraImportDialog *self = user_data;

  if (!self->disposed && !tags_row_has_focus (self))
    _rostra_import_dialog_suggestions_hide (self);
  return G_SOURCE_REMOVE;
}

static void
tags_focus_left (RostraImportDialog *self)
{
  g_idle_add_full (G_PRIORITY_DEFAULT, check_tags_focus, g_object_ref (self), g_object_unref);
}

void
_rostra_import_dialog_setup_suggestions (RostraImportDialog *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();
  GtkWidget          *list = gtk_list_box_new ();

  self->suggestions = gtk_popover_new ();
  gtk_popover_set_autohide (GTK_POPOVER (self->suggestions), FALSE);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->suggestions), FALSE);
  gtk_popover_set_position (GTK_POPOVER (self->suggestions), GTK_POS_BOTTOM);
  gtk_widget_set_halign (self->suggestions, GTK_ALIGN_START);
  gtk_widget_add_css_class (self->suggestions, "tag-suggestions");

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_SINGLE);
  gtk_list_box_set_activate_on_single_click (GTK_LIST_BOX (list), TRUE);
  gtk_widget_set_focusable (list, FALSE);
  gtk_widget_add_css_class (list, "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Tags in the archive"), -1);
  g_signal_connect_object (list, "row-activated", G_CALLBACK (suggestion_activated), self, 0);
  gtk_popover_set_child (GTK_POPOVER (self->suggestions), list);
  self->suggestion_list = GTK_LIST_BOX (list);
  gtk_widget_set_parent (self->suggestions, GTK_WIDGET (self->tags_row));

  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (tags_key_pressed), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->tags_row), keys);
  g_signal_connect_object (focus, "leave", G_CALLBACK (tags_focus_left), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->tags_row), focus);
}

static void
load_tags_done (GObject *source, GAsyncResult *res, gpointer user_data)
{
  RostraImportDialog *self = user_data;
  char **names = rostra_engine_list_tag_names_finish (ROSTRA_ENGINE (source), res, NULL);

  /* Without the archive's tags, the entry just does not complete. */
  if (!self->disposed && names != NULL)
    {
      g_strfreev (self->tag_names);
      self->tag_names = g_steal_pointer (&names);
      /* The user may have started typing. */
      _rostra_import_dialog_tags_changed (self);
    }
  g_strfreev (names);
  g_object_unref (self);
}

/* On a reader of the archive's engine (the window's, when it shows it) */
void
_rostra_import_dialog_load_tags (RostraImportDialog *self)
{
  rostra_engine_list_tag_names_async (_rostra_import_dialog_get_engine (self), NULL, load_tags_done,
                                      g_object_ref (self));
}
