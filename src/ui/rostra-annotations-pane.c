/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-annotations-pane.c: the annotations of the open speech, beside it.
 *
 * The right sidebar of the window: the annotations of the open speech
 * in text order, one RostraAnnotationRow each, with a filter by words
 * (in the passage, note and tags) and by colour, and a status page
 * when there is nothing to list.
 *
 * The pane saves what the user changes in a row before it says so
 * (RostraAnnotationsPane::annotation-changed); a failure reverts the
 * annotation to what the archive holds and is reported with
 * RostraAnnotationsPane::error. Deleting is the window's, for the undo:
 * the pane only passes the request on.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rostra-annotation-row.h"
#include "rostra-annotations-pane.h"
#include "rostra-tag.h"
#include "rostra-ui-utils.h"

/* How many frames select() waits for a new row to get its place. */
#define SCROLL_MAX_FRAMES 10

struct _RostraAnnotationsPane
{
  GtkWidget parent_instance;

  RostraStore        *store;
  GListModel         *annotations;
  GListModel         *tags; /* of RostraTag, for the rows' completion */
  GtkFilterListModel *filtered;
  GtkCustomFilter    *filter;       /* owned by filtered */
  char              **filter_words; /* case-folded; NULL for none */
  char               *filter_color; /* NULL for every colour */

  gboolean disposing; /* rows still save, but tell no one */

  GtkListBoxRow *scroll_row; /* weak */
  guint          scroll_tick_id;
  guint          scroll_frames;

  GtkWidget      *header_box;
  GtkSearchEntry *search_entry;
  GtkDropDown    *color_dropdown;
  GtkLabel       *count_label;
  GtkStack       *stack;
  GtkWidget      *scroller;
  GtkListBox     *list_box;
  AdwStatusPage  *no_article_page;
  AdwStatusPage  *empty_page;
  AdwStatusPage  *no_match_page;
  GtkWidget      *clear_filters_button;
};

G_DEFINE_FINAL_TYPE (RostraAnnotationsPane, rostra_annotations_pane, GTK_TYPE_WIDGET)

enum
{
  ANNOTATION_CHANGED,
  ANNOTATION_ACTIVATED,
  DELETE_REQUESTED,
  ERROR,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
is_filtering (RostraAnnotationsPane *self)
{
  return self->filter_words != NULL || self->filter_color != NULL;
}

/* The state: which page, the count */

static void
update_state (RostraAnnotationsPane *self)
{
  guint            total = self->annotations ? g_list_model_get_n_items (self->annotations) : 0;
  guint            shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  g_autofree char *count = NULL;
  const char      *page;

  if (self->annotations == NULL)
    page = "no-article";
  else if (total == 0)
    page = "empty";
  else if (shown == 0)
    page = "no-match";
  else
    page = "list";
  gtk_stack_set_visible_child_name (self->stack, page);

  /* The filter has nothing to filter without annotations; it shows
   * when it hides them all, to be changed. */
  gtk_widget_set_visible (self->header_box, total > 0);

  if (is_filtering (self))
    /* Translators: the number of annotations the filter shows, of all
     * the annotations of the speech (the plural follows the second). */
    count = g_strdup_printf (ngettext ("%u of %u annotation", "%u of %u annotations", total), shown,
                             total);
  else
    count = g_strdup_printf (ngettext ("%u annotation", "%u annotations", total), total);
  gtk_label_set_text (self->count_label, count);
}

/* Filtering */

/* Whether @annotation has every word of the filter in its passage,
 * note or tags, and the filter's colour. */
static gboolean
filter_func (gpointer item, gpointer user_data)
{
  RostraAnnotationsPane *self = user_data;
  RostraAnnotation      *annotation = item;
  g_autoptr (GString) text = NULL;
  g_autofree char   *folded = NULL;
  const char *const *tags;

  if (self->filter_color != NULL &&
      g_strcmp0 (rostra_annotation_get_color (annotation), self->filter_color) != 0)
    return FALSE;
  if (self->filter_words == NULL)
    return TRUE;

  text = g_string_new (rostra_annotation_get_exact (annotation));
  g_string_append_c (text, '\n');
  g_string_append (text, rostra_annotation_get_note (annotation));
  tags = rostra_annotation_get_tags (annotation);
  for (guint i = 0; tags && tags[i]; i++)
    {
      g_string_append_c (text, '\n');
      g_string_append (text, tags[i]);
    }
  folded = rostra_ui_casefold (text->str);

  for (guint i = 0; self->filter_words[i]; i++)
    {
      if (strstr (folded, self->filter_words[i]) == NULL)
        return FALSE;
    }
  return TRUE;
}

static void
refilter (RostraAnnotationsPane *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_state (self);
}

static void
search_changed (RostraAnnotationsPane *self, GtkSearchEntry *entry)
{
  g_autofree char *folded = rostra_ui_casefold (gtk_editable_get_text (GTK_EDITABLE (entry)));
  g_auto (GStrv) words = g_strsplit_set (folded, " \t\n", -1);
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  /* Every word, as typed, somewhere in the annotation. */
  for (guint i = 0; words[i]; i++)
    {
      if (*words[i] != '\0')
        g_strv_builder_add (builder, words[i]);
    }

  g_clear_pointer (&self->filter_words, g_strfreev);
  self->filter_words = g_strv_builder_end (builder);
  if (self->filter_words[0] == NULL)
    g_clear_pointer (&self->filter_words, g_strfreev);
  refilter (self);
}

static void
color_selected (RostraAnnotationsPane *self)
{
  const char *const *colors = rostra_annotation_colors ();
  guint              selected = gtk_drop_down_get_selected (self->color_dropdown);

  g_clear_pointer (&self->filter_color, g_free);
  /* The first item is every colour; then rostra_annotation_colors(). */
  if (selected != GTK_INVALID_LIST_POSITION && selected > 0 &&
      selected <= g_strv_length ((char **) colors))
    self->filter_color = g_strdup (colors[selected - 1]);
  refilter (self);
}

static void
clear_filters (RostraAnnotationsPane *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_drop_down_set_selected (self->color_dropdown, 0);
  /* The entry reports the change after a delay; the filter is off now. */
  g_clear_pointer (&self->filter_words, g_strfreev);
  refilter (self);
}

static void
setup_color_dropdown (RostraAnnotationsPane *self)
{
  const char *const *colors = rostra_annotation_colors ();
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);

  gtk_string_list_append (names, _("All Colours"));
  for (guint i = 0; colors[i]; i++)
    gtk_string_list_append (names, rostra_annotation_color_label (colors[i]));
  gtk_drop_down_set_model (self->color_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->color_dropdown, 0);
}

/* Tags */

static void
push_tags (RostraAnnotationsPane *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LIST_BOX_ROW (child))
        rostra_annotation_row_set_tag_names (
            ROSTRA_ANNOTATION_ROW (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (child))),
            self->tags);
    }
}

static void
refresh_tags (RostraAnnotationsPane *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) tags = NULL;

  if (self->store == NULL)
    return;
  if ((tags = rostra_store_list_tags (self->store, &error)) == NULL)
    {
      /* Only the completion misses them. */
      g_warning ("Could not list the tags: %s", error->message);
      return;
    }
  g_set_object (&self->tags, tags);
}

/* Whether the tag list lacks a tag of @annotation: a new one. */
static gboolean
has_new_tag (RostraAnnotationsPane *self, RostraAnnotation *annotation)
{
  const char *const *tags = rostra_annotation_get_tags (annotation);
  guint              n = self->tags ? g_list_model_get_n_items (self->tags) : 0;

  for (guint i = 0; tags && tags[i]; i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; j < n && !found; j++)
        {
          g_autoptr (RostraTag) tag = g_list_model_get_item (self->tags, j);

          found = g_str_equal (rostra_tag_get_name (tag), tags[i]);
        }
      if (!found)
        return TRUE;
    }
  return FALSE;
}

/* The rows */

/* Puts back what the archive holds, after a change could not be saved. */
static void
revert (RostraAnnotationsPane *self, RostraAnnotation *annotation)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RostraAnnotation) saved = NULL;

  saved = rostra_store_load_annotation (self->store, rostra_annotation_get_id (annotation), &error);
  if (saved == NULL)
    {
      g_warning ("Could not read annotation %" G_GINT64_FORMAT " again: %s",
                 rostra_annotation_get_id (annotation), error->message);
      return;
    }
  rostra_annotation_set_color (annotation, rostra_annotation_get_color (saved));
  rostra_annotation_set_note (annotation, rostra_annotation_get_note (saved));
  rostra_annotation_set_tags (annotation, rostra_annotation_get_tags (saved));
}

static void
row_changed (RostraAnnotationsPane *self, RostraAnnotationRow *row)
{
  g_autoptr (RostraAnnotation) annotation = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL;

  if (rostra_annotation_row_get_annotation (row) == NULL)
    return;
  annotation = g_object_ref (rostra_annotation_row_get_annotation (row));

  if (self->store == NULL)
    {
      g_critical ("%s: no store to save annotation %" G_GINT64_FORMAT " in", G_STRFUNC,
                  rostra_annotation_get_id (annotation));
      return;
    }

  if (!rostra_store_update_annotation (self->store, annotation, &error))
    {
      if (self->disposing)
        {
          g_warning ("Could not save annotation %" G_GINT64_FORMAT ": %s",
                     rostra_annotation_get_id (annotation), error->message);
          return;
        }

      /* Translators: shown when a change to an annotation could not be
       * written to the archive; %s is the reason. */
      message = g_strdup_printf (_("Could not save the annotation: %s"), error->message);
      /* The typed note stays in the row (marked unsaved) while the
       * annotation goes back to what the archive holds. */
      rostra_annotation_row_set_note_unsaved (row, TRUE);
      revert (self, annotation);
      g_signal_emit (self, signals[ERROR], 0, message);
      return;
    }

  rostra_annotation_row_set_note_unsaved (row, FALSE);
  if (self->disposing)
    return;
  if (has_new_tag (self, annotation))
    {
      refresh_tags (self);
      push_tags (self);
    }
  g_signal_emit (self, signals[ANNOTATION_CHANGED], 0, annotation);
}

static void
row_delete_requested (RostraAnnotationsPane *self, RostraAnnotationRow *row)
{
  g_autoptr (RostraAnnotation) annotation = NULL;

  if (rostra_annotation_row_get_annotation (row) == NULL)
    return;
  annotation = g_object_ref (rostra_annotation_row_get_annotation (row));
  g_signal_emit (self, signals[DELETE_REQUESTED], 0, annotation);
}

static GtkWidget *
create_row (gpointer item, gpointer user_data)
{
  RostraAnnotationsPane *self = user_data;
  GtkWidget             *row = rostra_annotation_row_new ();
  GtkWidget             *list_row = gtk_list_box_row_new ();

  /* In its list row first: the row's name goes on the list row too. */
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (list_row), row);
  rostra_annotation_row_set_tag_names (ROSTRA_ANNOTATION_ROW (row), self->tags);
  rostra_annotation_row_set_annotation (ROSTRA_ANNOTATION_ROW (row), item);
  g_signal_connect_object (row, "changed", G_CALLBACK (row_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (row, "delete-requested", G_CALLBACK (row_delete_requested), self,
                           G_CONNECT_SWAPPED);
  return list_row;
}

static RostraAnnotation *
row_get_annotation (GtkListBoxRow *row)
{
  GtkWidget *child = gtk_list_box_row_get_child (row);

  return ROSTRA_IS_ANNOTATION_ROW (child)
             ? rostra_annotation_row_get_annotation (ROSTRA_ANNOTATION_ROW (child))
             : NULL;
}

static void
row_activated (RostraAnnotationsPane *self, GtkListBoxRow *row)
{
  RostraAnnotation *annotation = row_get_annotation (row);

  if (annotation != NULL)
    g_signal_emit (self, signals[ANNOTATION_ACTIVATED], 0, annotation);
}

static void
filtered_items_changed (RostraAnnotationsPane *self)
{
  update_state (self);
}

/* Where @annotation is in @model (the same object, or the same saved
 * annotation), or GTK_INVALID_LIST_POSITION. */
static guint
find_annotation (GListModel *model, RostraAnnotation *annotation)
{
  gint64 id = rostra_annotation_get_id (annotation);
  guint  n = model ? g_list_model_get_n_items (model) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (RostraAnnotation) item = g_list_model_get_item (model, i);

      if (item == annotation || (id > 0 && rostra_annotation_get_id (item) == id))
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

/* Scrolling to a row */

/* Scrolls the least that shows @row, once it has its place. */
static gboolean
scroll_to_row_now (RostraAnnotationsPane *self, GtkListBoxRow *row)
{
  GtkWidget      *viewport = gtk_widget_get_parent (GTK_WIDGET (self->list_box));
  GtkAdjustment  *adjustment;
  graphene_rect_t bounds;
  double          top;

  if (viewport == NULL || !gtk_widget_get_mapped (GTK_WIDGET (row)) ||
      gtk_widget_get_height (GTK_WIDGET (row)) == 0 ||
      !gtk_widget_compute_bounds (GTK_WIDGET (row), viewport, &bounds))
    return FALSE;

  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller));
  top = gtk_adjustment_get_value (adjustment) + bounds.origin.y;
  gtk_adjustment_clamp_page (adjustment, top, top + bounds.size.height);
  return TRUE;
}

static void
stop_scrolling (RostraAnnotationsPane *self)
{
  if (self->scroll_tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->scroll_tick_id);
  self->scroll_tick_id = 0;
  g_clear_weak_pointer (&self->scroll_row);
}

static gboolean
scroll_tick (GtkWidget                 *widget,
             GdkFrameClock *frame_clock G_GNUC_UNUSED,
             gpointer user_data         G_GNUC_UNUSED)
{
  RostraAnnotationsPane *self = ROSTRA_ANNOTATIONS_PANE (widget);

  if (self->scroll_row == NULL || scroll_to_row_now (self, self->scroll_row) ||
      ++self->scroll_frames >= SCROLL_MAX_FRAMES)
    {
      self->scroll_tick_id = 0;
      g_clear_weak_pointer (&self->scroll_row);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

/* GTK 4.8 has no gtk_list_box_scroll_to(), nor grabs the focus here:
 * that is the reader's when the user clicked a highlight in it. */
static void
scroll_to_row (RostraAnnotationsPane *self, GtkListBoxRow *row)
{
  stop_scrolling (self);
  if (scroll_to_row_now (self, row))
    return;

  /* A row just made has no place yet: the next frames will give it one. */
  g_set_weak_pointer (&self->scroll_row, row);
  self->scroll_frames = 0;
  self->scroll_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), scroll_tick, NULL, NULL);
}

/* The row showing @annotation, the filter cleared when it hides it. */
static GtkListBoxRow *
find_row (RostraAnnotationsPane *self, RostraAnnotation *annotation)
{
  guint position = find_annotation (G_LIST_MODEL (self->filtered), annotation);

  if (position == GTK_INVALID_LIST_POSITION &&
      find_annotation (self->annotations, annotation) != GTK_INVALID_LIST_POSITION)
    {
      clear_filters (self);
      position = find_annotation (G_LIST_MODEL (self->filtered), annotation);
    }
  if (position == GTK_INVALID_LIST_POSITION)
    return NULL;
  return gtk_list_box_get_row_at_index (self->list_box, (int) position);
}

/* The widget */

static void
rostra_annotations_pane_dispose (GObject *object)
{
  RostraAnnotationsPane *self = (RostraAnnotationsPane *) object;
  GtkWidget             *child;

  stop_scrolling (self);

  /* The rows go first: a note being typed is saved as they go, with
   * the store still here, and without a word to a window that may be
   * going too. */
  self->disposing = TRUE;
  if (self->list_box != NULL)
    gtk_list_box_bind_model (self->list_box, NULL, NULL, NULL, NULL);
  if (self->filtered != NULL)
    g_signal_handlers_disconnect_by_data (self->filtered, self);
  if (self->annotations != NULL)
    g_signal_handlers_disconnect_by_data (self->annotations, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), ROSTRA_TYPE_ANNOTATIONS_PANE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->filtered);
  self->filter = NULL;
  g_clear_object (&self->annotations);
  g_clear_object (&self->tags);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (rostra_annotations_pane_parent_class)->dispose (object);
}

static void
rostra_annotations_pane_finalize (GObject *object)
{
  RostraAnnotationsPane *self = (RostraAnnotationsPane *) object;

  g_strfreev (self->filter_words);
  g_free (self->filter_color);

  G_OBJECT_CLASS (rostra_annotations_pane_parent_class)->finalize (object);
}

static void
rostra_annotations_pane_class_init (RostraAnnotationsPaneClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rostra_annotations_pane_dispose;
  object_class->finalize = rostra_annotations_pane_finalize;

  /**
   * RostraAnnotationsPane::annotation-changed:
   * @annotation: the annotation, as saved
   *
   * A change the user made in the pane is in the archive.
   */
  signals[ANNOTATION_CHANGED] =
      g_signal_new ("annotation-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                    NULL, NULL, G_TYPE_NONE, 1, ROSTRA_TYPE_ANNOTATION);

  /**
   * RostraAnnotationsPane::annotation-activated:
   * @annotation: the annotation
   *
   * The user activated the annotation's row: show its passage.
   */
  signals[ANNOTATION_ACTIVATED] =
      g_signal_new ("annotation-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                    NULL, NULL, G_TYPE_NONE, 1, ROSTRA_TYPE_ANNOTATION);

  /**
   * RostraAnnotationsPane::delete-requested:
   * @annotation: the annotation
   *
   * The user asked to delete the annotation; the pane has not.
   */
  signals[DELETE_REQUESTED] =
      g_signal_new ("delete-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                    NULL, G_TYPE_NONE, 1, ROSTRA_TYPE_ANNOTATION);

  /**
   * RostraAnnotationsPane::error:
   * @message: what went wrong, a sentence for the user
   *
   * A change could not be saved, and was undone in the pane.
   */
  signals[ERROR] = g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                 NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/rostra/Rostra/rostra-annotations-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, RostraAnnotationsPane, header_box);
  gtk_widget_class_bind_template_child (widget_class, RostraAnnotationsPane, search_entry);
  gtk_widget_class_bind_template_child (widget_class, RostraAnnotationsPane, color_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RostraAnnotationsPane, count_label);
  gtk_widget_class_bind_template_child (widget_class, RostraAnnotationsPane, stack);
  gtk_widget_class_bind_template_child (widget_class, RostraAnnotationsPane, scroller);
  gtk_widget_class_bind_template_child (widget_class, RostraAnnotationsPane, list_box);
  gtk_widget_class_bind_template_child (widget_class, RostraAnnotationsPane, no_article_page);
  gtk_widget_class_bind_template_child (widget_class, RostraAnnotationsPane, empty_page);
  gtk_widget_class_bind_template_child (widget_class, RostraAnnotationsPane, no_match_page);
  gtk_widget_class_bind_template_child (widget_class, RostraAnnotationsPane, clear_filters_button);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "annotationspane");
}

static void
rostra_annotations_pane_init (RostraAnnotationsPane *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  rostra_ui_name_controls (GTK_WIDGET (self));

  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filtered = gtk_filter_list_model_new (NULL, GTK_FILTER (self->filter));
  g_signal_connect_swapped (self->filtered, "items-changed", G_CALLBACK (filtered_items_changed),
                            self);
  gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (self->filtered), create_row, self, NULL);
  g_signal_connect_swapped (self->list_box, "row-activated", G_CALLBACK (row_activated), self);

  setup_color_dropdown (self);
  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (search_changed),
                            self);
  g_signal_connect_swapped (self->search_entry, "stop-search", G_CALLBACK (clear_filters), self);
  g_signal_connect_swapped (self->color_dropdown, "notify::selected", G_CALLBACK (color_selected),
                            self);
  g_signal_connect_swapped (self->clear_filters_button, "clicked", G_CALLBACK (clear_filters),
                            self);

  update_state (self);
}

GtkWidget *
rostra_annotations_pane_new (void)
{
  return g_object_new (ROSTRA_TYPE_ANNOTATIONS_PANE, NULL);
}

/**
 * rostra_annotations_pane_set_store:
 * @store: (nullable): the archive the annotations are saved in
 */
void
rostra_annotations_pane_set_store (RostraAnnotationsPane *self, RostraStore *store)
{
  g_return_if_fail (ROSTRA_IS_ANNOTATIONS_PANE (self));
  g_return_if_fail (store == NULL || ROSTRA_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;
  g_clear_object (&self->tags);
  refresh_tags (self);
  push_tags (self);
}

static void
annotations_items_changed (RostraAnnotationsPane *self)
{
  update_state (self);
}

/**
 * rostra_annotations_pane_set_annotations:
 * @annotations: (nullable): a #GListModel of #RostraAnnotation: those
 *   of the open speech, as rostra_store_list_annotations() gives them;
 *   %NULL when no speech is open
 *
 * Lists @annotations, and follows its changes. The tags the rows
 * complete are read from the store again.
 */
void
rostra_annotations_pane_set_annotations (RostraAnnotationsPane *self, GListModel *annotations)
{
  g_return_if_fail (ROSTRA_IS_ANNOTATIONS_PANE (self));
  g_return_if_fail (annotations == NULL || G_IS_LIST_MODEL (annotations));

  stop_scrolling (self);
  refresh_tags (self);

  if (self->annotations != annotations)
    {
      if (self->annotations != NULL)
        g_signal_handlers_disconnect_by_data (self->annotations, self);
      g_set_object (&self->annotations, annotations);
      if (annotations != NULL)
        g_signal_connect_object (annotations, "items-changed",
                                 G_CALLBACK (annotations_items_changed), self, G_CONNECT_SWAPPED);
      /* The rows are made anew, with the tags just read. */
      gtk_filter_list_model_set_model (self->filtered, annotations);
    }
  else
    push_tags (self);

  update_state (self);
}

/**
 * rostra_annotations_pane_select:
 * @annotation: (nullable): an annotation of the list, %NULL for none
 *
 * Selects the row of @annotation and scrolls to it, the filter cleared
 * if it hides the annotation. The focus stays where it is.
 */
void
rostra_annotations_pane_select (RostraAnnotationsPane *self, RostraAnnotation *annotation)
{
  GtkListBoxRow *row;

  g_return_if_fail (ROSTRA_IS_ANNOTATIONS_PANE (self));
  g_return_if_fail (annotation == NULL || ROSTRA_IS_ANNOTATION (annotation));

  if (annotation == NULL || (row = find_row (self, annotation)) == NULL)
    {
      gtk_list_box_unselect_all (self->list_box);
      return;
    }
  gtk_list_box_select_row (self->list_box, row);
  scroll_to_row (self, row);
}

/**
 * rostra_annotations_pane_edit_note:
 * @annotation: an annotation of the list
 *
 * Selects the row of @annotation, as rostra_annotations_pane_select()
 * does, and puts the focus in its note.
 */
void
rostra_annotations_pane_edit_note (RostraAnnotationsPane *self, RostraAnnotation *annotation)
{
  GtkListBoxRow *row;

  g_return_if_fail (ROSTRA_IS_ANNOTATIONS_PANE (self));
  g_return_if_fail (ROSTRA_IS_ANNOTATION (annotation));

  rostra_annotations_pane_select (self, annotation);
  if ((row = gtk_list_box_get_selected_row (self->list_box)) != NULL)
    rostra_annotation_row_edit_note (ROSTRA_ANNOTATION_ROW (gtk_list_box_row_get_child (row)));
}

/**
 * rostra_annotations_pane_get_n_shown:
 *
 * Returns: how many annotations the filter lets through
 */
guint
rostra_annotations_pane_get_n_shown (RostraAnnotationsPane *self)
{
  g_return_val_if_fail (ROSTRA_IS_ANNOTATIONS_PANE (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
}
