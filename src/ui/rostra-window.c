/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-window.c: the main window: library | reader | annotations.
 *
 * The library pane lists the articles of the current query (a lazy
 * RostraArticleList); the reader shows the selected one; the
 * annotations pane is an AdwFlap on the right. On narrow windows the
 * leaflet folds the panes into a stack with a back button.
 *
 * The list's ids and the filters' values come from the archive's engine
 * (workers with connections of their own); the window itself reads one
 * speech and its annotations at a time.
 *
 * This file holds the list, the reader, search, sort and filters, and
 * the window's life; rostra-window-private.h says where the rest is.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rostra-article-row.h"
#include "rostra-language.h"
#include "rostra-reader.h"
#include "rostra-ui-utils.h"
#include "rostra-window-private.h"

G_DEFINE_FINAL_TYPE (RostraWindow, rostra_window, ADW_TYPE_APPLICATION_WINDOW)

/* @message is plain text (a toast's title is markup). */
void
_rostra_window_toast (RostraWindow *self, const char *message)
{
  rostra_ui_add_toast (self->toast_overlay, message, 5);
}

/* The list pane */

void
_rostra_window_update_list_page (RostraWindow *self)
{
  guint    n = g_list_model_get_n_items (G_LIST_MODEL (self->articles));
  gboolean filtered = (self->query->text && *self->query->text) || self->query->source ||
                      self->query->language || self->query->year || self->query->annotated_only ||
                      self->query->imports || self->query->tag || self->query->speaker;
  g_autofree char *subtitle = NULL;

  if (n > 0)
    gtk_stack_set_visible_child_name (self->list_stack, "list");
  else
    gtk_stack_set_visible_child_name (self->list_stack, filtered ? "no-results" : "empty");

  if (n > 0 || filtered)
    subtitle = g_strdup_printf (ngettext ("%u speech", "%u speeches", n), n);
  adw_view_switcher_title_set_subtitle (self->list_title, subtitle ? subtitle : "");
}

/* The last open speech is remembered per archive: another archive has
 * other speeches (it once showed "There is no article 9"). */
#define N_REMEMBERED_ARCHIVES 20

gint64
_rostra_window_remembered_article (RostraWindow *self)
{
  g_autoptr (GVariant) remembered = g_settings_get_value (self->settings, "last-articles");
  gint64 id = 0;

  if (self->path == NULL || !g_variant_lookup (remembered, self->path, "x", &id))
    return 0;
  return id;
}

static void
remember_open_article (RostraWindow *self)
{
  g_autoptr (GVariant) remembered = g_settings_get_value (self->settings, "last-articles");
  g_autoptr (GVariantBuilder) builder = g_variant_builder_new (G_VARIANT_TYPE ("a{sx}"));
  gsize       n = g_variant_n_children (remembered);
  gsize       skip;
  guint       kept = 0;
  const char *path;
  gint64      id;

  if (self->path == NULL || _rostra_window_remembered_article (self) == self->open_id)
    return;

  /* The others, the oldest dropped beyond the limit; this one last. */
  skip = n >= N_REMEMBERED_ARCHIVES ? n - N_REMEMBERED_ARCHIVES + 1 : 0;
  for (gsize i = 0; i < n; i++)
    {
      g_variant_get_child (remembered, i, "{&sx}", &path, &id);
      if (g_str_equal (path, self->path) || kept++ < skip)
        continue;
      g_variant_builder_add (builder, "{sx}", path, id);
    }
  if (self->open_id > 0)
    g_variant_builder_add (builder, "{sx}", self->path, self->open_id);
  g_settings_set_value (self->settings, "last-articles", g_variant_builder_end (builder));
}

void
_rostra_window_update_matches (RostraWindow *self)
{
  guint            n = rostra_reader_get_n_matches (self->reader);
  int              current = rostra_reader_get_current_match (self->reader);
  g_autofree char *label = NULL;
  gboolean         searching = self->query->text && *self->query->text;

  if (current >= 0 && (guint) current < n)
    /* Translators: the current search match, then how many there are. */
    label = g_strdup_printf (ngettext ("%u of %u match", "%u of %u matches", n), current + 1, n);
  else
    label = g_strdup_printf (ngettext ("%u match", "%u matches", n), n);

  gtk_label_set_label (self->match_label, label);
  /* On a phone the arrows have to do: the count would widen the window. */
  gtk_widget_set_visible (GTK_WIDGET (self->match_label), !adw_leaflet_get_folded (self->leaflet));
  gtk_widget_set_visible (self->match_box, searching && self->open_id != 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.next-match", n > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.previous-match", n > 0);
}

static void queue_layout (RostraWindow *self);

void
_rostra_window_open_article (RostraWindow *self, gint64 id)
{
  g_autoptr (RostraArticle) article = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) terms = NULL;

  if (id == self->open_id)
    return;

  if (id != 0 && !(article = rostra_store_load_article (self->store, id, &error)))
    _rostra_window_toast (self, error->message);

  self->open_id = article ? id : 0;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.print", article != NULL);
  rostra_reader_set_article (self->reader, article);
  _rostra_window_reload_annotations (self);
  adw_window_title_set_title (self->content_title,
                              article ? rostra_article_get_title (article) : "");
  adw_window_title_set_subtitle (self->content_title, article && rostra_article_get_source (article)
                                                          ? rostra_article_get_source (article)
                                                          : "");

  terms = rostra_search_split_terms (self->query->text);
  rostra_reader_set_search_terms (self->reader, (const char *const *) terms);
  /* Opened from a search: show where the words are. */
  if (article && rostra_reader_get_n_matches (self->reader) > 0)
    rostra_reader_next_match (self->reader);
  _rostra_window_update_matches (self);

  remember_open_article (self);
  queue_layout (self);
}

static void
selection_changed (RostraWindow *self)
{
  guint position = gtk_single_selection_get_selected (self->selection);

  gint64 id;

  if (position == GTK_INVALID_LIST_POSITION)
    return;
  id = rostra_article_list_get_id (self->articles, position);

  /* On a phone a tap opens the speech; restoring the selection after a
   * list refresh (the same article) does not. */
  if (id != self->open_id && adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->content);
  _rostra_window_open_article (self, id);
}

void
_rostra_window_select_id (RostraWindow *self, gint64 id)
{
  guint position = id ? rostra_article_list_find (self->articles, id) : G_MAXUINT;

  if (position == G_MAXUINT)
    {
      gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
      return;
    }
  gtk_single_selection_set_selected (self->selection, position);
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
}

void
_rostra_window_list_activated (RostraWindow *self, guint position)
{
  gtk_single_selection_set_selected (self->selection, position);
  adw_leaflet_set_visible_child (self->leaflet, self->content);
}

void
_rostra_window_list_loaded (RostraWindow *self, GError *error)
{
  /* Damage that opening the archive did not reach */
  if (error != NULL && error->domain == ROSTRA_STORE_ERROR &&
      (error->code == ROSTRA_STORE_ERROR_CORRUPT ||
       error->code == ROSTRA_STORE_ERROR_NOT_A_DATABASE))
    {
      _rostra_window_show_problem (self, error);
      return;
    }
  if (error != NULL)
    _rostra_window_toast (self, error->message);
  _rostra_window_update_list_page (self);
  /* Keep the open article selected when it is still in the list. */
  _rostra_window_select_id (self, self->open_id);
}

static void
setup_row (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  gtk_list_item_set_child (item, rostra_article_row_new ());
}

static void
bind_row (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  rostra_article_row_set_article (ROSTRA_ARTICLE_ROW (gtk_list_item_get_child (item)),
                                  gtk_list_item_get_item (item));
}

static void
unbind_row (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  rostra_article_row_set_article (ROSTRA_ARTICLE_ROW (gtk_list_item_get_child (item)), NULL);
}

static void
view_annotation_activated (RostraWindow *self, RostraAnnotation *annotation)
{
  _rostra_window_open_article (self, rostra_annotation_get_article_id (annotation));
  _rostra_window_select_id (self, self->open_id);
  _rostra_window_show_annotation (self, rostra_annotation_get_id (annotation));
  adw_leaflet_set_visible_child (self->leaflet, self->content);
}

static void
view_changed (RostraWindow *self)
{
  gboolean speeches =
      g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "speeches") == 0;

  /* Search and filters belong to the speeches; annotations have their own. */
  gtk_widget_set_visible (self->search_button, speeches);
  gtk_widget_set_visible (self->filter_button, speeches);
}

/* Query: search, sort, filters */

void
_rostra_window_apply_query (RostraWindow *self)
{
  rostra_article_list_set_query (self->articles, self->query);
}

void
_rostra_window_search_changed (RostraWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  gboolean    was_searching = self->query->text && *self->query->text;
  gboolean    searching = *text != '\0';

  g_free (self->query->text);
  self->query->text = g_strdup (text);

  /* Best matches first while searching, newest first again after. */
  if (searching && !was_searching && self->query->sort == ROSTRA_SORT_NEWEST)
    g_action_group_change_action_state (G_ACTION_GROUP (self), "sort",
                                        g_variant_new_string ("relevance"));
  else if (!searching && was_searching && self->query->sort == ROSTRA_SORT_RELEVANCE)
    g_action_group_change_action_state (G_ACTION_GROUP (self), "sort",
                                        g_variant_new_string ("newest"));

  _rostra_window_apply_query (self);

  /* Highlight the words in the open article too. */
  {
    g_auto (GStrv) terms = rostra_search_split_terms (text);

    rostra_reader_set_search_terms (self->reader, (const char *const *) terms);
    _rostra_window_update_matches (self);
  }
}

static void
stop_search (RostraWindow *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
}

static void
search_activate (RostraWindow *self)
{
  /* Enter opens the best match. */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->articles)) > 0)
    _rostra_window_list_activated (self, 0);
}

static void
sort_changed (GSimpleAction *action, GVariant *state, gpointer user_data)
{
  RostraWindow *self = user_data;
  GEnumClass   *klass = g_type_class_ref (ROSTRA_TYPE_SORT_ORDER);
  GEnumValue   *value = g_enum_get_value_by_nick (klass, g_variant_get_string (state, NULL));

  if (value != NULL)
    {
      g_simple_action_set_state (action, state);
      self->query->sort = value->value;
      /* Best matches first only means something while searching: kept
       * for the next start, it sorted a list without a search. */
      if (value->value != ROSTRA_SORT_RELEVANCE)
        g_settings_set_enum (self->settings, "sort-order", value->value);
      _rostra_window_apply_query (self);
    }
  g_type_class_unref (klass);
}

static void
filters_changed (RostraWindow *self)
{
  guint source = gtk_drop_down_get_selected (self->source_dropdown);
  guint language = gtk_drop_down_get_selected (self->language_dropdown);
  guint year = gtk_drop_down_get_selected (self->year_dropdown);
  guint tag = gtk_drop_down_get_selected (self->tag_dropdown);
  guint speaker = gtk_drop_down_get_selected (self->speaker_dropdown);

  if (self->source_values == NULL)
    return; /* still being filled */

  g_clear_pointer (&self->query->source, g_free);
  g_clear_pointer (&self->query->language, g_free);
  g_clear_pointer (&self->query->tag, g_free);
  g_clear_pointer (&self->query->speaker, g_free);
  if (speaker > 0 && speaker < self->speaker_values->len)
    self->query->speaker = g_strdup (g_ptr_array_index (self->speaker_values, speaker));
  if (tag > 0 && tag < self->tag_values->len)
    self->query->tag = g_strdup (g_ptr_array_index (self->tag_values, tag));
  if (source > 0 && source < self->source_values->len)
    self->query->source = g_strdup (g_ptr_array_index (self->source_values, source));
  if (language > 0 && language < self->language_values->len)
    self->query->language = g_strdup (g_ptr_array_index (self->language_values, language));
  self->query->year =
      year > 0 && year < self->year_values->len ? g_array_index (self->year_values, int, year) : 0;
  self->query->annotated_only = gtk_check_button_get_active (self->annotated_check);

  _rostra_window_apply_query (self);
}

/* Fills a drop-down with "any" and then @values; keeps the selection
 * on the same value when it is still there. */
static void
fill_dropdown (GtkDropDown *dropdown, GPtrArray *values, const char *any, gboolean languages)
{
  g_autoptr (GtkStringList) labels = gtk_string_list_new (NULL);

  gtk_string_list_append (labels, any);
  for (guint i = 1; i < values->len; i++)
    {
      const char *value = g_ptr_array_index (values, i);

      gtk_string_list_append (labels, languages ? rostra_language_get_name (value) : value);
    }
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (labels));
}

static guint
index_of (GPtrArray *values, const char *value)
{
  for (guint i = 1; value && i < values->len; i++)
    if (g_strcmp0 (g_ptr_array_index (values, i), value) == 0)
      return i;
  return 0;
}

WindowJob *
_rostra_window_job_new (RostraWindow *self)
{
  WindowJob *job = g_new0 (WindowJob, 1);

  job->window = g_object_ref (self);
  job->generation = self->generation;
  return job;
}

void
_rostra_window_job_free (WindowJob *job)
{
  g_object_unref (job->window);
  g_free (job);
}

static GPtrArray *
values_with_any (char **strv)
{
  GPtrArray *values = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (values, NULL);
  for (guint i = 0; strv && strv[i]; i++)
    g_ptr_array_add (values, g_strdup (strv[i]));
  return values;
}

/* Refills the filters with what the archive holds now, and applies them. */
static void
fill_filters (RostraWindow *self, RostraFilterLists *lists)
{
  char           **sources = lists ? lists->sources : NULL;
  char           **languages = lists ? lists->languages : NULL;
  char           **years = lists ? lists->years : NULL;
  char           **tags = lists ? lists->tags : NULL;
  char           **speakers = lists ? lists->speakers : NULL;
  g_autofree char *speaker = g_strdup (self->query->speaker);
  g_autofree char *tag = g_strdup (self->query->tag);
  g_autoptr (GPtrArray) year_values = values_with_any (years);
  g_autofree char *source = g_strdup (self->query->source);
  g_autofree char *language = g_strdup (self->query->language);
  g_autofree char *year = self->query->year ? g_strdup_printf ("%d", self->query->year) : NULL;

  /* Ignore the drop-downs' notifications while they are refilled. */
  g_clear_pointer (&self->source_values, g_ptr_array_unref);
  g_clear_pointer (&self->language_values, g_ptr_array_unref);
  g_clear_pointer (&self->year_values, g_array_unref);
  g_clear_pointer (&self->tag_values, g_ptr_array_unref);
  g_clear_pointer (&self->speaker_values, g_ptr_array_unref);

  {
    g_autoptr (GPtrArray) s = values_with_any (sources);
    g_autoptr (GPtrArray) l = values_with_any (languages);
    g_autoptr (GPtrArray) t = values_with_any (tags);
    g_autoptr (GPtrArray) p = values_with_any (speakers);
    GArray *y = g_array_new (FALSE, TRUE, sizeof (int));

    fill_dropdown (self->source_dropdown, s, _("All Sources"), FALSE);
    fill_dropdown (self->language_dropdown, l, _("All Languages"), TRUE);
    fill_dropdown (self->year_dropdown, year_values, _("All Years"), FALSE);
    fill_dropdown (self->tag_dropdown, t, _("All Tags"), FALSE);
    gtk_widget_set_visible (GTK_WIDGET (self->tag_dropdown), t->len > 1);
    gtk_drop_down_set_selected (self->tag_dropdown, index_of (t, tag));
    fill_dropdown (self->speaker_dropdown, p, _("All Speakers"), FALSE);
    gtk_widget_set_visible (GTK_WIDGET (self->speaker_dropdown), p->len > 1);
    gtk_drop_down_set_selected (self->speaker_dropdown, index_of (p, speaker));
    gtk_drop_down_set_selected (self->source_dropdown, index_of (s, source));
    gtk_drop_down_set_selected (self->language_dropdown, index_of (l, language));
    gtk_drop_down_set_selected (self->year_dropdown, index_of (year_values, year));

    for (guint i = 0; i < year_values->len; i++)
      {
        const char *value = g_ptr_array_index (year_values, i);
        int         number = value ? atoi (value) : 0;

        g_array_append_val (y, number);
      }

    self->source_values = g_steal_pointer (&s);
    self->language_values = g_steal_pointer (&l);
    self->tag_values = g_steal_pointer (&t);
    self->speaker_values = g_steal_pointer (&p);
    self->year_values = y;
  }

  filters_changed (self);
}

static void
filters_listed (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (WindowJob) job = user_data;
  RostraWindow *self = job->window;
  g_autoptr (GError) error = NULL;
  g_autoptr (RostraFilterLists) lists =
      rostra_engine_list_filters_finish (ROSTRA_ENGINE (source), result, &error);

  /* Gone, another archive, or a newer list on its way */
  if (self->disposed || self->store == NULL || job->generation != self->generation ||
      job->serial != self->filters_serial)
    return;
  if (lists == NULL)
    g_debug ("The filters cannot be listed: %s", error->message);
  fill_filters (self, lists);
}

/* The lists scan the archive's indexes: on a reader of its engine. */
void
_rostra_window_update_filters (RostraWindow *self)
{
  WindowJob *job = _rostra_window_job_new (self);

  job->serial = ++self->filters_serial;
  rostra_engine_list_filters_async (rostra_engine_get_for_store (self->store), NULL, filters_listed,
                                    job);
}

static void
go_back (RostraWindow *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void apply_sidebar_width (RostraWindow *self);

static void
update_folded (RostraWindow *self)
{
  _rostra_window_update_matches (self);
  apply_sidebar_width (self);

  /* Folded: the list shows when nothing is open, the speech when one is
   * (the list folds away to leave room for the speech and its pane). */
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (
        self->leaflet, self->open_id == 0 ? GTK_WIDGET (self->sidebar_clamp) : self->content);
}

/* Laying out the three panes. The list pane keeps its width (the
 * user's, by dragging its edge) in both views. The reader keeps a
 * readable column beside the annotations pane: where the three do not
 * fit, the list folds away while the pane shows (the back button brings
 * it back), rather than the pane sliding over the text. Below the width
 * of the reader and the pane side by side (a phone's), the pane slides
 * over the text after all. */

#define SIDEBAR_MIN_WIDTH 280
#define SIDEBAR_MAX_WIDTH 560
/* About 50 characters a line at the reader's default size */
#define READABLE_WIDTH 420

/* The list pane's width is its natural width (clamped to the user's in
 * both views), not its minimum: the leaflet can still fold the window
 * down to a phone's width, where the list takes the whole width. */
static void
apply_sidebar_width (RostraWindow *self)
{
  int header = 0;
  int width;

  /* Never narrower than its header bar with every button (the search
   * and filter buttons hide in the Annotations view): as wide in both. */
  if (gtk_widget_get_visible (self->search_button))
    {
      gtk_widget_measure (self->sidebar_header, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &header, NULL,
                          NULL);
      self->header_width = MAX (self->header_width, header);
    }
  width = adw_leaflet_get_folded (self->leaflet) ? G_MAXINT / 2
                                                 : MAX (self->sidebar_width, self->header_width);

  adw_clamp_set_maximum_size (self->sidebar_clamp, width);
  adw_clamp_set_tightening_threshold (self->sidebar_clamp, width);
  gtk_scrolled_window_set_max_content_width (self->list_scroller, self->sidebar_width);
}

static void
set_sidebar_width (RostraWindow *self, int width)
{
  self->sidebar_width = CLAMP (width, SIDEBAR_MIN_WIDTH, SIDEBAR_MAX_WIDTH);
  apply_sidebar_width (self);
}

static gboolean
update_layout (gpointer user_data)
{
  RostraWindow *self = user_data;
  int           width = gtk_widget_get_width (GTK_WIDGET (self));
  int           pane, reader_and_pane;
  gboolean      pane_shown = adw_flap_get_reveal_flap (self->annotations_flap);
  gboolean      unfold;

  self->layout_idle_id = 0;
  if (width <= 0)
    return G_SOURCE_REMOVE;
  apply_sidebar_width (self);
  gtk_widget_get_size_request (GTK_WIDGET (self->annotations_pane_widget), &pane, NULL);
  reader_and_pane = READABLE_WIDTH + pane;
  unfold =
      !pane_shown || width < reader_and_pane || width >= self->sidebar_width + 1 + reader_and_pane;
  if (adw_leaflet_get_can_unfold (self->leaflet) != unfold)
    adw_leaflet_set_can_unfold (self->leaflet, unfold);
  adw_flap_set_fold_policy (self->annotations_flap, width >= reader_and_pane
                                                        ? ADW_FLAP_FOLD_POLICY_NEVER
                                                        : ADW_FLAP_FOLD_POLICY_AUTO);
  return G_SOURCE_REMOVE;
}

/* Once the size settles: changing the layout while GTK lays out is not allowed. */
static void
queue_layout (RostraWindow *self)
{
  if (self->layout_idle_id == 0 && !self->disposed)
    self->layout_idle_id = g_idle_add (update_layout, self);
}

static void
rostra_window_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  GTK_WIDGET_CLASS (rostra_window_parent_class)->size_allocate (widget, width, height, baseline);
  queue_layout (ROSTRA_WINDOW (widget));
}

static void
handle_drag_begin (GtkGestureDrag *gesture, double x, double y, RostraWindow *self)
{
  self->drag_start_width = gtk_widget_get_width (self->sidebar);
}

static void
handle_drag_update (GtkGestureDrag *gesture, double dx, double dy, RostraWindow *self)
{
  set_sidebar_width (self, self->drag_start_width + (int) dx);
}

static void
handle_drag_end (GtkGestureDrag *gesture, double dx, double dy, RostraWindow *self)
{
  g_settings_set_int (self->settings, "sidebar-width", self->sidebar_width);
  queue_layout (self);
}

static gboolean
rostra_window_close_request (GtkWindow *window)
{
  RostraWindow *self = ROSTRA_WINDOW (window);
  int           width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));

  return GTK_WINDOW_CLASS (rostra_window_parent_class)->close_request (window);
}

static void
rostra_window_dispose (GObject *object)
{
  RostraWindow *self = (RostraWindow *) object;

  self->disposed = TRUE;
  g_clear_handle_id (&self->layout_idle_id, g_source_remove);
  /* No callbacks into a half-disposed window: a query may still finish,
   * and a note being typed is saved when its row goes. */
  if (self->articles)
    g_signal_handlers_disconnect_by_data (self->articles, self);
  if (self->annotations_pane_widget)
    g_signal_handlers_disconnect_by_data (self->annotations_pane_widget, self);
  if (self->annotations_view)
    g_signal_handlers_disconnect_by_data (self->annotations_view, self);
  if (self->reader)
    g_signal_handlers_disconnect_by_data (self->reader, self);

  /* Dialogs go with the window, and forget it first: one whose worker
   * still holds it would otherwise reach back into a freed parent. */
  {
    GListModel *toplevels = gtk_window_get_toplevels ();

    for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
      {
        g_autoptr (GtkWindow) dialog = g_list_model_get_item (toplevels, i - 1);

        if (gtk_window_get_transient_for (dialog) == GTK_WINDOW (self))
          {
            gtk_window_set_transient_for (dialog, NULL);
            gtk_window_destroy (dialog);
          }
      }
  }

  gtk_widget_dispose_template (GTK_WIDGET (self), ROSTRA_TYPE_WINDOW);
  g_clear_object (&self->selection);
  g_clear_object (&self->annotations);
  _rostra_window_clear_undo (self);
  g_clear_object (&self->articles);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (rostra_window_parent_class)->dispose (object);
}

static void
rostra_window_finalize (GObject *object)
{
  RostraWindow *self = (RostraWindow *) object;

  g_free (self->path);
  rostra_query_free (self->query);
  g_hash_table_unref (self->saved);
  g_clear_pointer (&self->source_values, g_ptr_array_unref);
  g_clear_pointer (&self->language_values, g_ptr_array_unref);
  g_clear_pointer (&self->year_values, g_array_unref);
  g_clear_pointer (&self->tag_values, g_ptr_array_unref);
  g_clear_pointer (&self->speaker_values, g_ptr_array_unref);

  G_OBJECT_CLASS (rostra_window_parent_class)->finalize (object);
}

static void
rostra_window_class_init (RostraWindowClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = rostra_window_dispose;
  object_class->finalize = rostra_window_finalize;
  window_class->close_request = rostra_window_close_request;
  widget_class->size_allocate = rostra_window_size_allocate;

  g_type_ensure (ROSTRA_TYPE_READER);
  g_type_ensure (ROSTRA_TYPE_ANNOTATIONS_PANE);
  g_type_ensure (ROSTRA_TYPE_ANNOTATIONS_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rostra/Rostra/rostra-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RostraWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RostraWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, RostraWindow, problem);
  gtk_widget_class_bind_template_child (widget_class, RostraWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, RostraWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, RostraWindow, sidebar_handle);
  gtk_widget_class_bind_template_child (widget_class, RostraWindow, list_scroller);
  gtk_widget_class_bind_template_child (widget_class, RostraWindow, sidebar_clamp);
  gtk_widget_class_bind_template_child (widget_class, RostraWindow, sidebar_header);
  gtk_widget_class_bind_template_child (widget_class, RostraWindow, list_title);
  gtk_widget_class_bind_template_child (widget_class, RostraWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, RostraWindow, annotations_view);
  gtk_widget_class_bind_template_child (widget_class, RostraWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, RostraWindow, filter_button);
  gtk_widget_class_bind_template_child_full (
      widget_class, "annotations_pane", FALSE,
      G_STRUCT_OFFSET (RostraWindow, annotations_pane_widget));
  gtk_widget_class_bind_template_child (widget_class, RostraWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, RostraWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, RostraWindow, list_stack);
  gtk_widget_class_bind_template_child (widget_class, RostraWindow, list_view);
  gtk_widget_class_bind_template_child (widget_class, RostraWindow, content);
  gtk_widget_class_bind_template_child (widget_class, RostraWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, RostraWindow, match_box);
  gtk_widget_class_bind_template_child (widget_class, RostraWindow, match_label);
  gtk_widget_class_bind_template_child (widget_class, RostraWindow, annotations_flap);
  gtk_widget_class_bind_template_child (widget_class, RostraWindow, reader);
  gtk_widget_class_bind_template_child (widget_class, RostraWindow, speaker_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RostraWindow, source_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RostraWindow, language_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RostraWindow, year_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RostraWindow, annotated_check);
  gtk_widget_class_bind_template_child (widget_class, RostraWindow, tag_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RostraWindow, import_filter_revealer);
  gtk_widget_class_bind_template_child (widget_class, RostraWindow, kept_revealer);
  gtk_widget_class_bind_template_child (widget_class, RostraWindow, kept_label);
  gtk_widget_class_bind_template_child (widget_class, RostraWindow, import_filter_label);
  gtk_widget_class_bind_template_callback_full (widget_class, "search_changed",
                                                G_CALLBACK (_rostra_window_search_changed));
  gtk_widget_class_bind_template_callback (widget_class, stop_search);
  gtk_widget_class_bind_template_callback (widget_class, search_activate);
  gtk_widget_class_bind_template_callback (widget_class, filters_changed);
  gtk_widget_class_bind_template_callback (widget_class, go_back);
  gtk_widget_class_bind_template_callback (widget_class, update_folded);
  gtk_widget_class_bind_template_callback (widget_class, view_changed);
  gtk_widget_class_bind_template_callback (widget_class, view_annotation_activated);

  _rostra_window_class_init_annotations (widget_class);
  _rostra_window_class_init_actions (widget_class);
  _rostra_window_class_init_archive (widget_class);
}

static void
rostra_window_init (RostraWindow *self)
{
  g_autoptr (GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr (GSimpleAction) sort = NULL;
  g_autoptr (GSimpleActionGroup) group = g_simple_action_group_new ();
  GtkGesture *drag;
  GEnumClass *klass;

  gtk_widget_init_template (GTK_WIDGET (self));
  rostra_ui_name_controls (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.print", FALSE);

  self->saved = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  g_queue_init (&self->undo);

  self->settings = g_settings_new (APP_ID);
  self->query = rostra_query_new ();
  self->query->sort = g_settings_get_enum (self->settings, "sort-order");
  if (self->query->sort == ROSTRA_SORT_RELEVANCE) /* saved by an older Rostra */
    self->query->sort = ROSTRA_SORT_NEWEST;

  /* Window state */
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  set_sidebar_width (self, g_settings_get_int (self->settings, "sidebar-width"));
  g_settings_bind (self->settings, "annotations-visible", self->annotations_flap, "reveal-flap",
                   G_SETTINGS_BIND_DEFAULT);
  gtk_widget_set_size_request (
      GTK_WIDGET (self->annotations_pane_widget),
      CLAMP (g_settings_get_int (self->settings, "annotations-width"), 240, 480), -1);
  g_settings_bind (self->settings, "reader-zoom", self->reader, "zoom", G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_swapped (self->annotations_flap, "notify::reveal-flap",
                            G_CALLBACK (queue_layout), self);

  /* The list */
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_swapped (self->selection, "notify::selected", G_CALLBACK (selection_changed),
                            self);
  g_signal_connect_swapped (self->list_view, "activate", G_CALLBACK (_rostra_window_list_activated),
                            self);

  /* Files dropped anywhere on the window are previewed for import. */
  {
    GtkDropTarget *target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

    g_signal_connect (target, "drop", G_CALLBACK (_rostra_window_files_dropped), self);
    gtk_widget_add_controller (GTK_WIDGET (self->toast_overlay), GTK_EVENT_CONTROLLER (target));
  }

  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self->sidebar));

  g_signal_connect_swapped (self->reader, "notify::n-matches",
                            G_CALLBACK (_rostra_window_update_matches), self);
  g_signal_connect_swapped (self->reader, "notify::current-match",
                            G_CALLBACK (_rostra_window_update_matches), self);

  /* The edge between list and reader resizes the list. */
  gtk_widget_set_cursor_from_name (self->sidebar_handle, "col-resize");
  drag = gtk_gesture_drag_new ();
  g_signal_connect (drag, "drag-begin", G_CALLBACK (handle_drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (handle_drag_update), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (handle_drag_end), self);
  gtk_widget_add_controller (self->sidebar_handle, GTK_EVENT_CONTROLLER (drag));

  /* Sort order, as a stateful action for the radio buttons */
  klass = g_type_class_ref (ROSTRA_TYPE_SORT_ORDER);
  sort = g_simple_action_new_stateful (
      "sort", G_VARIANT_TYPE_STRING,
      g_variant_new_string (g_enum_get_value (klass, self->query->sort)->value_nick));
  g_type_class_unref (klass);
  g_signal_connect (sort, "change-state", G_CALLBACK (sort_changed), self);
  g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (sort));

  _rostra_window_update_matches (self);
  _rostra_window_set_archive_actions_enabled (self, TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", FALSE);
}

/**
 * rostra_window_new:
 * @application: the application the window belongs to
 * @database: (nullable): the archive's file, %NULL for the default one
 *
 * Returns: (transfer floating): a window on the archive
 */
RostraWindow *
rostra_window_new (GtkApplication *application, const char *database)
{
  RostraWindow *self;

  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);

  /* GtkWindow:application is not a construct property: it is only set
   * after constructed(), so the archive is opened here. */
  self = g_object_new (ROSTRA_TYPE_WINDOW, "application", application, NULL);
  /* The Keyboard Shortcuts window GtkApplication made from the resources,
   * once it has filled in its sections. */
  if (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (self)) != NULL)
    g_signal_connect (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (self)),
                      "map", G_CALLBACK (rostra_ui_name_controls), NULL);
  _rostra_window_open_archive (self, database);
  return self;
}

/**
 * rostra_window_get_store:
 *
 * Returns: (transfer none) (nullable): the window's archive, %NULL if
 *   it could not be opened
 */
RostraStore *
rostra_window_get_store (RostraWindow *self)
{
  g_return_val_if_fail (ROSTRA_IS_WINDOW (self), NULL);
  return self->store;
}

/**
 * rostra_window_get_articles:
 *
 * Returns: (transfer none) (nullable): the list the window shows
 */
RostraArticleList *
rostra_window_get_articles (RostraWindow *self)
{
  g_return_val_if_fail (ROSTRA_IS_WINDOW (self), NULL);
  return self->articles;
}

/**
 * rostra_window_get_reader:
 *
 * Returns: (transfer none): the reader pane
 */
RostraReader *
rostra_window_get_reader (RostraWindow *self)
{
  g_return_val_if_fail (ROSTRA_IS_WINDOW (self), NULL);
  return self->reader;
}

/**
 * rostra_window_set_search:
 * @text: what to search, as if typed in the search entry
 */
void
rostra_window_set_search (RostraWindow *self, const char *text)
{
  g_return_if_fail (ROSTRA_IS_WINDOW (self));

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  _rostra_window_search_changed (self); /* now, not after the entry's delay */
}

/**
 * rostra_window_select:
 * @position: a position in the list
 *
 * Opens the article at @position, as a click on its row does.
 */
void
rostra_window_select (RostraWindow *self, guint position)
{
  g_return_if_fail (ROSTRA_IS_WINDOW (self));
  _rostra_window_list_activated (self, position);
}

/**
 * rostra_window_get_open_article_id:
 *
 * Returns: the id of the article in the reader, 0 for none
 */
gint64
rostra_window_get_open_article_id (RostraWindow *self)
{
  g_return_val_if_fail (ROSTRA_IS_WINDOW (self), 0);
  return self->open_id;
}