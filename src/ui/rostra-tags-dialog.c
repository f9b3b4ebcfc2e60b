/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-tags-dialog.c: rename and merge the archive's tags.
 *
 * A small modal window listing every tag with how often it is used.
 * The rename button of a row swaps it for an AdwEntryRow; applying
 * renames the tag on every annotation. A name another tag already has
 * (tag names ignore ASCII case, as the store's NOCASE collation does)
 * merges the two, after the user confirms it.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rostra-tag.h"
#include "rostra-tags-dialog.h"
#include "rostra-ui-utils.h"

#define TAG_NAME_KEY "rostra-tag-name"

struct _RostraTagsDialog
{
  AdwWindow parent_instance;

  RostraStore *store;
  GListModel  *tags;

  /* While a tag is being renamed: its row, hidden, and the entry row
   * shown in its place */
  GtkWidget *editing_row;
  GtkWidget *entry_row;

  AdwToastOverlay *toast_overlay;
  GtkStack        *stack;
  GtkListBox      *tag_list;
};

G_DEFINE_FINAL_TYPE (RostraTagsDialog, rostra_tags_dialog, ADW_TYPE_WINDOW)

enum
{
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  TAGS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
row_tag_name (GtkWidget *row)
{
  return g_object_get_data (G_OBJECT (row), TAG_NAME_KEY);
}

/* The row of the tag @name, if the list has one. */
static GtkWidget *
find_row (RostraTagsDialog *self, const char *name)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->tag_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      if (g_strcmp0 (row_tag_name (row), name) == 0)
        return row;
    }
  return NULL;
}

/* The name of another tag than @name that @new_name would merge into,
 * or %NULL. */
static const char *
find_merge_target (RostraTagsDialog *self, const char *name, const char *new_name)
{
  guint n_tags = self->tags != NULL ? g_list_model_get_n_items (self->tags) : 0;

  for (guint i = 0; i < n_tags; i++)
    {
      g_autoptr (RostraTag) tag = g_list_model_get_item (self->tags, i);
      const char *other = rostra_tag_get_name (tag);

      if (g_ascii_strcasecmp (other, name) != 0 && g_ascii_strcasecmp (other, new_name) == 0)
        return other;
    }
  return NULL;
}

/* Editing */

static void
stop_editing (RostraTagsDialog *self, gboolean focus_row)
{
  GtkWidget *row = self->editing_row;

  if (self->entry_row == NULL)
    return;

  gtk_list_box_remove (self->tag_list, self->entry_row);
  self->entry_row = NULL;
  self->editing_row = NULL;
  gtk_widget_set_visible (row, TRUE);
  if (focus_row)
    gtk_widget_grab_focus (row);
}

static void
cancel_clicked (RostraTagsDialog *self)
{
  stop_editing (self, TRUE);
}

static void
rename_or_toast (RostraTagsDialog *self, const char *name, const char *new_name)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *target = g_strdup (new_name);
  GtkWidget       *row;

  if (!rostra_tags_dialog_rename (self, name, new_name, &error))
    {
      rostra_ui_add_toast (self->toast_overlay, error->message, 5);
      return;
    }
  if ((row = find_row (self, target)) != NULL)
    gtk_widget_grab_focus (row);
}

static void
merge_response (AdwMessageDialog *dialog, const char *response, RostraTagsDialog *self)
{
  const char *name = g_object_get_data (G_OBJECT (dialog), "rostra-name");
  const char *target = g_object_get_data (G_OBJECT (dialog), "rostra-target");

  if (g_strcmp0 (response, "merge") == 0)
    rename_or_toast (self, name, target);
  else if (self->entry_row != NULL)
    gtk_widget_grab_focus (self->entry_row);
}

static void
confirm_merge (RostraTagsDialog *self, const char *name, const char *target)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Merge Tags?"), NULL);

  /* Translators: the first %s is the tag being renamed, the second the
   * tag that already has the new name. */
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog), _("“%s” will be merged into “%s”."),
                                                                  name, target);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel",
                                    _("_Cancel"), "merge", _("_Merge"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "merge",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "rostra-name", g_strdup (name), g_free);
  g_object_set_data_full (G_OBJECT (dialog), "rostra-target", g_strdup (target), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (merge_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The entry row's apply button, or Enter. */
static void
apply_rename (RostraTagsDialog *self)
{
  g_autofree char *name = NULL;
  g_autofree char *new_name = NULL;
  const char      *target;

  if (self->entry_row == NULL)
    return;

  name = g_strdup (row_tag_name (self->editing_row));
  new_name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry_row))));

  if (*new_name == '\0')
    {
      rostra_ui_add_toast (self->toast_overlay, _("A tag needs a name"), 5);
      return;
    }
  if (g_str_equal (new_name, name))
    {
      stop_editing (self, TRUE);
      return;
    }

  if ((target = find_merge_target (self, name, new_name)) != NULL)
    confirm_merge (self, name, target);
  else
    rename_or_toast (self, name, new_name);
}

static void
start_editing (RostraTagsDialog *self, GtkWidget *row)
{
  const char      *name = row_tag_name (row);
  g_autofree char *title = NULL;
  GtkWidget       *entry_row;
  GtkWidget       *cancel;

  stop_editing (self, FALSE);

  entry_row = adw_entry_row_new ();
  /* Translators: the title of the entry in which a tag is renamed. */
  title = g_strdup_printf (_("Rename “%s”"), name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (entry_row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry_row), title);
  gtk_editable_set_text (GTK_EDITABLE (entry_row), name);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (entry_row), TRUE);
  gtk_widget_add_css_class (entry_row, "rename-entry");

  cancel = gtk_button_new_from_icon_name ("window-close-symbolic");
  gtk_widget_set_valign (cancel, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (cancel, _("Cancel"));
  gtk_widget_add_css_class (cancel, "flat");
  gtk_widget_add_css_class (cancel, "cancel-button");
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (entry_row), cancel);

  g_signal_connect_object (entry_row, "apply", G_CALLBACK (apply_rename), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (entry_row, "entry-activated", G_CALLBACK (apply_rename), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (cancel, "clicked", G_CALLBACK (cancel_clicked), self, G_CONNECT_SWAPPED);

  gtk_list_box_insert (self->tag_list, entry_row,
                       gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)));
  gtk_widget_set_visible (row, FALSE);
  self->editing_row = row;
  self->entry_row = entry_row;
  gtk_widget_grab_focus (entry_row);
}

static void
rename_clicked (RostraTagsDialog *self, GtkWidget *button)
{
  GtkWidget *row = gtk_widget_get_ancestor (button, ADW_TYPE_ACTION_ROW);

  if (row != NULL)
    start_editing (self, row);
}

/* The list */

static GtkWidget *
create_row (RostraTagsDialog *self, RostraTag *tag)
{
  const char      *name = rostra_tag_get_name (tag);
  guint            n_uses = rostra_tag_get_n_uses (tag);
  g_autofree char *subtitle = NULL;
  GtkWidget       *row = adw_action_row_new ();
  GtkWidget       *button = gtk_button_new_from_icon_name ("document-edit-symbolic");

  subtitle = g_strdup_printf (ngettext ("Used %u time", "Used %u times", n_uses), n_uses);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  g_object_set_data_full (G_OBJECT (row), TAG_NAME_KEY, g_strdup (name), g_free);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Rename"));
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "rename-button");
  g_signal_connect_object (button, "clicked", G_CALLBACK (rename_clicked), self, G_CONNECT_SWAPPED);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
  return row;
}

static void
reload (RostraTagsDialog *self)
{
  g_autoptr (GError) error = NULL;
  GtkWidget *child;
  guint      n_tags = 0;

  stop_editing (self, FALSE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->tag_list))) != NULL)
    gtk_list_box_remove (self->tag_list, child);
  g_clear_object (&self->tags);

  if (self->store != NULL && !(self->tags = rostra_store_list_tags (self->store, &error)))
    rostra_ui_add_toast (self->toast_overlay, error->message, 5);
  if (self->tags != NULL)
    n_tags = g_list_model_get_n_items (self->tags);

  for (guint i = 0; i < n_tags; i++)
    {
      g_autoptr (RostraTag) tag = g_list_model_get_item (self->tags, i);

      gtk_list_box_append (self->tag_list, create_row (self, tag));
    }

  gtk_stack_set_visible_child_name (self->stack, n_tags > 0 ? "list" : "empty");
}

/* Escape cancels a rename, or closes the dialog. */
static gboolean
escape_pressed (GtkWidget *widget, GVariant *args, gpointer user_data)
{
  RostraTagsDialog *self = ROSTRA_TAGS_DIALOG (widget);

  if (self->entry_row != NULL)
    stop_editing (self, TRUE);
  else
    gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}

/* GObject */

static void
rostra_tags_dialog_constructed (GObject *object)
{
  RostraTagsDialog *self = ROSTRA_TAGS_DIALOG (object);

  G_OBJECT_CLASS (rostra_tags_dialog_parent_class)->constructed (object);

  reload (self);
}

static void
rostra_tags_dialog_dispose (GObject *object)
{
  RostraTagsDialog *self = ROSTRA_TAGS_DIALOG (object);

  self->editing_row = NULL;
  self->entry_row = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), ROSTRA_TYPE_TAGS_DIALOG);
  g_clear_object (&self->tags);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (rostra_tags_dialog_parent_class)->dispose (object);
}

static void
rostra_tags_dialog_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  RostraTagsDialog *self = ROSTRA_TAGS_DIALOG (object);

  switch (prop_id)
    {
      case PROP_STORE:
        g_value_set_object (value, self->store);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rostra_tags_dialog_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  RostraTagsDialog *self = ROSTRA_TAGS_DIALOG (object);

  switch (prop_id)
    {
      case PROP_STORE:
        self->store = g_value_dup_object (value);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rostra_tags_dialog_class_init (RostraTagsDialogClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = rostra_tags_dialog_constructed;
  object_class->dispose = rostra_tags_dialog_dispose;
  object_class->get_property = rostra_tags_dialog_get_property;
  object_class->set_property = rostra_tags_dialog_set_property;

  /**
   * RostraTagsDialog:store:
   *
   * The archive whose tags the dialog lists.
   */
  properties[PROP_STORE] =
      g_param_spec_object ("store", NULL, NULL, ROSTRA_TYPE_STORE,
                           G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RostraTagsDialog::tags-changed:
   *
   * A tag was renamed, or merged into another.
   */
  signals[TAGS_CHANGED] = g_signal_new ("tags-changed", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /* Announced as a dialog, not as one more application window. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_DIALOG);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rostra/Rostra/rostra-tags-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RostraTagsDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RostraTagsDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, RostraTagsDialog, tag_list);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, escape_pressed, NULL);
}

static void
rostra_tags_dialog_init (RostraTagsDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  rostra_ui_name_controls (GTK_WIDGET (self));
}

/**
 * rostra_tags_dialog_new:
 * @parent: (nullable): the window the dialog is for
 * @store: the archive
 *
 * Returns: (transfer none): a new dialog, not yet presented
 */
GtkWidget *
rostra_tags_dialog_new (GtkWindow *parent, RostraStore *store)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ROSTRA_IS_STORE (store), NULL);

  return g_object_new (ROSTRA_TYPE_TAGS_DIALOG, "transient-for", parent, "store", store, NULL);
}

/**
 * rostra_tags_dialog_rename:
 * @name: a tag
 * @new_name: its new name; when another tag has it, the two are merged
 *   (the dialog asks first; this does not)
 *
 * Renames or merges the tag, then lists the tags anew and emits
 * RostraTagsDialog::tags-changed.
 *
 * Returns: %TRUE on success, %FALSE with @error set
 */
gboolean
rostra_tags_dialog_rename (RostraTagsDialog *self,
                           const char       *name,
                           const char       *new_name,
                           GError          **error)
{
  g_return_val_if_fail (ROSTRA_IS_TAGS_DIALOG (self), FALSE);
  g_return_val_if_fail (name != NULL && new_name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!rostra_store_rename_tag (self->store, name, new_name, error))
    return FALSE;

  reload (self);
  g_signal_emit (self, signals[TAGS_CHANGED], 0);
  return TRUE;
}
