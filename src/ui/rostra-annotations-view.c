/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-annotations-view.c: every annotation of the archive, filtered.
 *
 * The “Annotations” page of the left pane: a search entry, filters by
 * tag and colour, a sort order, and a list of every annotation that
 * matches, each with its passage, note, tags and citation. Activating
 * one emits RostraAnnotationsView::annotation-activated for the window
 * to open the article at the passage.
 *
 * Annotations are few, so the store is queried on the main thread,
 * again whenever a filter changes and when the window calls
 * rostra_annotations_view_refresh() after an edit.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rostra-annotations-view.h"
#include "rostra-tag.h"
#include "rostra-tags-dialog.h"
#include "rostra-text.h"
#include "rostra-ui-utils.h"

struct _RostraAnnotationsView
{
  GtkWidget parent_instance;

  RostraStore *store;

  /* The tag of each item of the tag filter, NULL for “All Tags” */
  GPtrArray *tag_names;
  /* Set while the filters are rebuilt, for no query in between */
  gboolean updating;

  GtkWidget      *filter_bar;
  GtkSearchEntry *search_entry;
  GtkDropDown    *tag_dropdown;
  GtkDropDown    *color_dropdown;
  GtkDropDown    *sort_dropdown;
  GtkLabel       *count_label;
  GtkStack       *stack;
  GtkListView    *list_view;
  AdwStatusPage  *error_page;

  GtkNoSelection *selection;
};

G_DEFINE_FINAL_TYPE (RostraAnnotationsView, rostra_annotations_view, GTK_TYPE_WIDGET)

enum
{
  ANNOTATION_ACTIVATED,
  TAGS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum
{
  SORT_NEWEST,
  SORT_BY_ARTICLE_DATE,
};

/* Drop-downs: the button's label is ellipsized, so that a long tag
 * never widens the pane; the popover lists the items in full, wrapped
 * if need be, with a check mark by the selected one, as GtkDropDown's
 * own factory does. */

/* The widest a drop-down's item goes before it wraps, in characters */
#define POPUP_WIDTH_CHARS 24

static void
setup_button_item (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_list_item_set_child (item, label);
}

static void
bind_button_item (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  GtkStringObject *string = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)),
                      gtk_string_object_get_string (string));
}

static void
setup_popup_item (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");

  /* Wrapped between words, never cut: the popover is as narrow as
   * the longest word allows. */
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD);
  gtk_label_set_max_width_chars (GTK_LABEL (label), POPUP_WIDTH_CHARS);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_accessible_update_state (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), check);
  gtk_list_item_set_child (item, box);
}

static void
update_popup_check (GtkDropDown *dropdown, GParamSpec *pspec, GtkListItem *item)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *check = gtk_widget_get_last_child (box);

  gtk_widget_set_opacity (
      check,
      gtk_drop_down_get_selected_item (dropdown) == gtk_list_item_get_item (item) ? 1.0 : 0.0);
}

static void
bind_popup_item (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  GtkDropDown     *dropdown = user_data;
  GtkStringObject *string = gtk_list_item_get_item (item);
  GtkWidget       *box = gtk_list_item_get_child (item);
  GtkLabel        *label = GTK_LABEL (gtk_widget_get_first_child (box));
  const char      *text = gtk_string_object_get_string (string);

  gtk_label_set_text (label, text);
  /* On one line up to a point, for the popover to widen to it. */
  gtk_label_set_width_chars (label, (int) MIN (g_utf8_strlen (text, -1), POPUP_WIDTH_CHARS));
  g_signal_connect_object (dropdown, "notify::selected-item", G_CALLBACK (update_popup_check), item,
                           0);
  update_popup_check (dropdown, NULL, item);
}

static void
unbind_popup_item (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  g_signal_handlers_disconnect_by_func (user_data, update_popup_check, item);
}

static void
set_up_dropdown (GtkDropDown *dropdown)
{
  g_autoptr (GtkListItemFactory) button_factory = gtk_signal_list_item_factory_new ();
  g_autoptr (GtkListItemFactory) popup_factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (button_factory, "setup", G_CALLBACK (setup_button_item), NULL);
  g_signal_connect (button_factory, "bind", G_CALLBACK (bind_button_item), NULL);
  g_signal_connect (popup_factory, "setup", G_CALLBACK (setup_popup_item), NULL);
  g_signal_connect (popup_factory, "bind", G_CALLBACK (bind_popup_item), dropdown);
  g_signal_connect (popup_factory, "unbind", G_CALLBACK (unbind_popup_item), dropdown);
  gtk_drop_down_set_factory (dropdown, button_factory);
  gtk_drop_down_set_list_factory (dropdown, popup_factory);
}

/* Rows */

typedef struct
{
  GtkWidget *mark;
  GtkLabel  *passage;
  GtkLabel  *orphaned;
  GtkLabel  *note;
  GtkLabel  *tags;
  GtkLabel  *citation; /* the speech's title */
  GtkLabel  *where;    /* its source and date, never cut off by a long title */
  char      *color_class;
} RowParts;

static void
row_parts_free (gpointer data)
{
  RowParts *parts = data;

  g_free (parts->color_class);
  g_free (parts);
}

static GtkLabel *
row_label (GtkWidget *box, guint lines, const char *css_class, const char *const *more_classes)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (label), (int) lines);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (label), 20);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 60);
  gtk_widget_add_css_class (label, css_class);
  for (guint i = 0; more_classes != NULL && more_classes[i] != NULL; i++)
    gtk_widget_add_css_class (label, more_classes[i]);
  gtk_box_append (GTK_BOX (box), label);
  return GTK_LABEL (label);
}

static void
setup_row (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  static const char *const caption[] = { "caption", NULL };
  static const char *const caption_dim[] = { "caption", "dim-label", NULL };
  static const char *const dim[] = { "dim-label", NULL };
  static const char *const warning[] = { "caption", "warning", NULL };
  GtkWidget               *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget               *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  RowParts                *parts = g_new0 (RowParts, 1);

  gtk_widget_add_css_class (row, "annotation");
  gtk_widget_set_margin_top (row, 8);
  gtk_widget_set_margin_bottom (row, 8);
  gtk_widget_set_margin_end (row, 4);

  /* The colour bar; style.css gives it its colour, the tooltip its name. */
  parts->mark = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_size_request (parts->mark, 4, -1);
  gtk_widget_add_css_class (parts->mark, "annotation-mark");
  gtk_accessible_update_state (GTK_ACCESSIBLE (parts->mark), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  gtk_box_append (GTK_BOX (row), parts->mark);

  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (row), text);
  parts->passage = row_label (text, 3, "passage", NULL);
  parts->orphaned = row_label (text, 1, "orphaned-notice", warning);
  gtk_label_set_text (parts->orphaned, _("(passage not found in the text)"));
  parts->note = row_label (text, 2, "note", dim);
  parts->tags = row_label (text, 1, "tags", caption);
  parts->citation = row_label (text, 2, "citation", caption_dim);
  parts->where = row_label (text, 1, "citation-where", caption_dim);
  /* A long source gives way, not the date at the end. */
  gtk_label_set_ellipsize (parts->where, PANGO_ELLIPSIZE_START);

  g_object_set_data_full (G_OBJECT (row), "rostra-row-parts", parts, row_parts_free);
  gtk_list_item_set_child (item, row);
}

/* @text on one line, its runs of white space made single spaces. */
static char *
dup_single_line (const char *text)
{
  GString *out = g_string_sized_new (strlen (text));
  gboolean space = FALSE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
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

/* The title of the speech an annotation cites, then (with @where) its
 * source and date, or all three joined when @where is %NULL. */
static char *
dup_citation (RostraAnnotation *annotation, char **where)
{
  const char      *title = rostra_annotation_get_article_title (annotation);
  const char      *source = rostra_annotation_get_article_source (annotation);
  const char      *published = rostra_annotation_get_article_published (annotation);
  g_autofree char *date = published != NULL ? rostra_text_format_date (published, FALSE) : NULL;
  g_autoptr (GStrvBuilder) parts = g_strv_builder_new ();
  g_auto (GStrv) strv = NULL;
  const char *shown_title = title != NULL && *title != '\0' ? title : _("Untitled");

  if (where == NULL)
    g_strv_builder_add (parts, shown_title);
  if (source != NULL && *source != '\0')
    g_strv_builder_add (parts, source);
  if (date != NULL && *date != '\0')
    {
      /* The date on one line: its spaces made no-break spaces. */
      g_auto (GStrv) words = g_strsplit (date, " ", -1);
      g_autofree char *unbroken = g_strjoinv ("\xc2\xa0", words);

      g_strv_builder_add (parts, unbroken);
    }
  strv = g_strv_builder_end (parts);
  if (where != NULL)
    {
      /* Translators: between the title, source and date of the speech an
       * annotation cites. */
      *where = g_strjoinv (C_ ("citation", " · "), strv);
      return g_strdup (shown_title);
    }
  return g_strjoinv (C_ ("citation", " · "), strv);
}

static void
bind_row (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  RostraAnnotation  *annotation = gtk_list_item_get_item (item);
  GtkWidget         *row = gtk_list_item_get_child (item);
  RowParts          *parts = g_object_get_data (G_OBJECT (row), "rostra-row-parts");
  const char        *color = rostra_annotation_get_color (annotation);
  const char        *note = rostra_annotation_get_note (annotation);
  const char *const *tags = rostra_annotation_get_tags (annotation);
  gboolean           orphaned = rostra_annotation_get_orphaned (annotation);
  g_autofree char   *exact = dup_single_line (rostra_annotation_get_exact (annotation));
  g_autofree char   *passage = NULL;
  g_autofree char   *tag_text = NULL;
  g_autofree char   *citation = dup_citation (annotation, NULL);
  g_autofree char   *where = NULL;
  g_autofree char   *title = dup_citation (annotation, &where);
  g_autofree char   *accessible = NULL;

  if (parts->color_class != NULL)
    gtk_widget_remove_css_class (parts->mark, parts->color_class);
  g_free (parts->color_class);
  parts->color_class = g_strdup (color != NULL ? color : "yellow");
  gtk_widget_add_css_class (parts->mark, parts->color_class);
  /* For those who cannot tell the colours apart. */
  gtk_widget_set_tooltip_text (parts->mark, rostra_annotation_color_label (parts->color_class));

  /* Translators: an annotated passage, in quotation marks. */
  passage = g_strdup_printf (C_ ("passage", "“%s”"), exact);
  gtk_label_set_text (parts->passage, passage);

  gtk_widget_set_visible (GTK_WIDGET (parts->orphaned), orphaned);
  if (orphaned)
    gtk_widget_add_css_class (row, "orphaned");
  else
    gtk_widget_remove_css_class (row, "orphaned");

  gtk_label_set_text (parts->note, note != NULL ? note : "");
  gtk_widget_set_visible (GTK_WIDGET (parts->note), note != NULL && *note != '\0');

  if (tags != NULL && tags[0] != NULL)
    /* Translators: between the tags of an annotation. */
    tag_text = g_strjoinv (C_ ("tags", ", "), (char **) tags);
  gtk_label_set_text (parts->tags, tag_text != NULL ? tag_text : "");
  gtk_widget_set_visible (GTK_WIDGET (parts->tags), tag_text != NULL);

  gtk_label_set_text (parts->citation, title);
  gtk_widget_set_tooltip_text (GTK_WIDGET (parts->citation), citation);
  gtk_label_set_text (parts->where, where);
  gtk_widget_set_visible (GTK_WIDGET (parts->where), *where != '\0');

  /* Translators: what a screen reader says for an annotation in the
   * list: its colour, its passage, then the speech it cites. */
  accessible =
      g_strdup_printf (C_ ("annotation row", "%s, %s, %s"),
                           rostra_annotation_color_label (parts->color_class), passage, citation);
  rostra_ui_set_row_name (row, accessible);
}

/* Queries */

static void
set_filters_visible (RostraAnnotationsView *self, gboolean visible)
{
  gtk_widget_set_visible (self->filter_bar, visible);
}

/* The filters as the store takes them: %NULL for “any”. */
static const char *
selected_tag (RostraAnnotationsView *self)
{
  guint selected = gtk_drop_down_get_selected (self->tag_dropdown);

  if (self->tag_names == NULL || selected >= self->tag_names->len)
    return NULL;
  return g_ptr_array_index (self->tag_names, selected);
}

static const char *
selected_color (RostraAnnotationsView *self)
{
  const char *const *colors = rostra_annotation_colors ();
  guint              selected = gtk_drop_down_get_selected (self->color_dropdown);

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION ||
      selected > g_strv_length ((char **) colors))
    return NULL;
  return colors[selected - 1];
}

static const char *
search_text (RostraAnnotationsView *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  return rostra_text_is_blank (text) ? NULL : text;
}

static void
show_error (RostraAnnotationsView *self, const GError *error)
{
  /* The description is markup. */
  g_autofree char *description = g_markup_escape_text (error->message, -1);

  adw_status_page_set_description (self->error_page, description);
  gtk_stack_set_visible_child_name (self->stack, "error");
}

static void
requery (RostraAnnotationsView *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) annotations = NULL;
  g_autoptr (GListModel) all = NULL;
  g_autofree char *count = NULL;
  const char      *text = search_text (self);
  const char      *tag = selected_tag (self);
  const char      *color = selected_color (self);
  gboolean by_date = gtk_drop_down_get_selected (self->sort_dropdown) == SORT_BY_ARTICLE_DATE;
  guint    n_items;

  if (self->updating)
    return;

  if (self->store == NULL)
    {
      gtk_no_selection_set_model (self->selection, NULL);
      set_filters_visible (self, FALSE);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  annotations = rostra_store_find_annotations (self->store, text, tag, color, by_date, &error);
  if (annotations == NULL)
    {
      gtk_no_selection_set_model (self->selection, NULL);
      show_error (self, error);
      return;
    }

  n_items = g_list_model_get_n_items (annotations);
  gtk_no_selection_set_model (self->selection, annotations);

  count = g_strdup_printf (ngettext ("%u annotation", "%u annotations", n_items), n_items);
  gtk_label_set_text (self->count_label, count);
  gtk_widget_set_visible (GTK_WIDGET (self->count_label), n_items > 0);

  if (n_items > 0)
    {
      set_filters_visible (self, TRUE);
      gtk_stack_set_visible_child_name (self->stack, "list");
      return;
    }

  /* None at all, or none that the filters let through? */
  if (text != NULL || tag != NULL || color != NULL)
    {
      all = rostra_store_find_annotations (self->store, NULL, NULL, NULL, FALSE, &error);
      if (all == NULL)
        {
          show_error (self, error);
          return;
        }
    }
  if (all != NULL && g_list_model_get_n_items (all) > 0)
    {
      set_filters_visible (self, TRUE);
      gtk_stack_set_visible_child_name (self->stack, "no-results");
    }
  else
    {
      set_filters_visible (self, FALSE);
      gtk_stack_set_visible_child_name (self->stack, "empty");
    }
}

/* Rebuilds the tag filter from the store, keeping the selected tag
 * when it is still there. */
static void
reload_tags (RostraAnnotationsView *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) tags = NULL;
  g_autoptr (GtkStringList) items = gtk_string_list_new (NULL);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *previous = g_strdup (selected_tag (self));
  guint            selected = 0;
  guint            n_tags = 0;

  gtk_string_list_append (items, _("All Tags"));
  g_ptr_array_add (names, NULL);

  if (self->store != NULL && !(tags = rostra_store_list_tags (self->store, &error)))
    g_warning ("Cannot list the tags: %s", error->message);
  if (tags != NULL)
    n_tags = g_list_model_get_n_items (tags);

  for (guint i = 0; i < n_tags; i++)
    {
      g_autoptr (RostraTag) tag = g_list_model_get_item (tags, i);
      const char      *name = rostra_tag_get_name (tag);
      guint            n_uses = rostra_tag_get_n_uses (tag);
      g_autofree char *label = NULL;

      /* A tag no annotation carries any more would find nothing. */
      if (n_uses == 0)
        continue;
      if (g_strcmp0 (name, previous) == 0)
        selected = names->len;
      /* Translators: a tag in the tag filter, with how many annotations
       * carry it, such as “bridges (3)”. */
      label = g_strdup_printf (C_ ("tag filter", "%s (%u)"), name, n_uses);
      gtk_string_list_append (items, label);
      g_ptr_array_add (names, g_strdup (name));
    }

  self->updating = TRUE;
  g_clear_pointer (&self->tag_names, g_ptr_array_unref);
  self->tag_names = g_steal_pointer (&names);
  gtk_drop_down_set_model (self->tag_dropdown, G_LIST_MODEL (items));
  gtk_drop_down_set_selected (self->tag_dropdown, selected);
  self->updating = FALSE;
}

/* Callbacks */

static void
filter_changed (RostraAnnotationsView *self)
{
  requery (self);
}

static void
stop_search (RostraAnnotationsView *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
activate_position (RostraAnnotationsView *self, guint position)
{
  g_autoptr (RostraAnnotation) annotation = NULL;
  GListModel *model = G_LIST_MODEL (self->selection);

  if (position >= g_list_model_get_n_items (model))
    return;
  annotation = g_list_model_get_item (model, position);
  g_signal_emit (self, signals[ANNOTATION_ACTIVATED], 0, annotation);
}

static void
list_activated (RostraAnnotationsView *self, guint position)
{
  activate_position (self, position);
}

/* Enter in the search entry opens the first annotation found. */
static void
search_activate (RostraAnnotationsView *self)
{
  activate_position (self, 0);
}

static void
tags_changed (RostraAnnotationsView *self)
{
  rostra_annotations_view_refresh (self);
  g_signal_emit (self, signals[TAGS_CHANGED], 0);
}

static void
manage_tags (RostraAnnotationsView *self)
{
  GtkRoot   *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  if (self->store == NULL)
    return;

  dialog = rostra_tags_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->store);
  g_signal_connect_object (dialog, "tags-changed", G_CALLBACK (tags_changed), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* GObject */

static void
rostra_annotations_view_dispose (GObject *object)
{
  RostraAnnotationsView *self = (RostraAnnotationsView *) object;
  GtkWidget             *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), ROSTRA_TYPE_ANNOTATIONS_VIEW);
  /* The template's box has no id: not one of the children
   * gtk_widget_dispose_template() unparents. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->selection);
  g_clear_object (&self->store);
  g_clear_pointer (&self->tag_names, g_ptr_array_unref);

  G_OBJECT_CLASS (rostra_annotations_view_parent_class)->dispose (object);
}

static void
rostra_annotations_view_class_init (RostraAnnotationsViewClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rostra_annotations_view_dispose;

  /**
   * RostraAnnotationsView::annotation-activated:
   * @annotation: the annotation the user activated
   *
   * The user wants to read @annotation in its article.
   */
  signals[ANNOTATION_ACTIVATED] =
      g_signal_new ("annotation-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                    NULL, NULL, G_TYPE_NONE, 1, ROSTRA_TYPE_ANNOTATION);

  /**
   * RostraAnnotationsView::tags-changed:
   *
   * Tags were renamed or merged in the tags dialog the view opened;
   * the view has refreshed itself, other views may want to too.
   */
  signals[TAGS_CHANGED] = g_signal_new ("tags-changed", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/rostra/Rostra/rostra-annotations-view.ui");
  gtk_widget_class_bind_template_child (widget_class, RostraAnnotationsView, filter_bar);
  gtk_widget_class_bind_template_child (widget_class, RostraAnnotationsView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, RostraAnnotationsView, tag_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RostraAnnotationsView, color_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RostraAnnotationsView, sort_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RostraAnnotationsView, count_label);
  gtk_widget_class_bind_template_child (widget_class, RostraAnnotationsView, stack);
  gtk_widget_class_bind_template_child (widget_class, RostraAnnotationsView, list_view);
  gtk_widget_class_bind_template_child (widget_class, RostraAnnotationsView, error_page);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, stop_search);
  gtk_widget_class_bind_template_callback (widget_class, search_activate);
  gtk_widget_class_bind_template_callback (widget_class, list_activated);
  gtk_widget_class_bind_template_callback (widget_class, manage_tags);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "annotationsview");
}

static void
rostra_annotations_view_init (RostraAnnotationsView *self)
{
  const char *const *colors = rostra_annotation_colors ();
  g_autoptr (GtkStringList) color_items = gtk_string_list_new (NULL);
  g_autoptr (GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  self->updating = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  rostra_ui_name_controls (GTK_WIDGET (self));

  gtk_string_list_append (color_items, _("All Colours"));
  for (guint i = 0; colors[i] != NULL; i++)
    gtk_string_list_append (color_items, rostra_annotation_color_label (colors[i]));
  gtk_drop_down_set_model (self->color_dropdown, G_LIST_MODEL (color_items));

  set_up_dropdown (self->tag_dropdown);
  set_up_dropdown (self->color_dropdown);
  set_up_dropdown (self->sort_dropdown);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), NULL);
  self->selection = gtk_no_selection_new (NULL);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  gtk_list_view_set_factory (self->list_view, factory);

  self->updating = FALSE;
  reload_tags (self);
  requery (self);
}

GtkWidget *
rostra_annotations_view_new (void)
{
  return g_object_new (ROSTRA_TYPE_ANNOTATIONS_VIEW, NULL);
}

/**
 * rostra_annotations_view_set_store:
 * @store: (nullable): the archive, %NULL for none
 *
 * Shows the annotations of @store.
 */
void
rostra_annotations_view_set_store (RostraAnnotationsView *self, RostraStore *store)
{
  g_return_if_fail (ROSTRA_IS_ANNOTATIONS_VIEW (self));
  g_return_if_fail (store == NULL || ROSTRA_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;
  rostra_annotations_view_refresh (self);
}

/**
 * rostra_annotations_view_refresh:
 *
 * Queries the store again, with the same filters, after annotations
 * or tags changed.
 */
void
rostra_annotations_view_refresh (RostraAnnotationsView *self)
{
  g_return_if_fail (ROSTRA_IS_ANNOTATIONS_VIEW (self));

  reload_tags (self);
  requery (self);
}

/**
 * rostra_annotations_view_get_n_shown:
 *
 * Returns: how many annotations the list shows
 */
guint
rostra_annotations_view_get_n_shown (RostraAnnotationsView *self)
{
  g_return_val_if_fail (ROSTRA_IS_ANNOTATIONS_VIEW (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->selection));
}
