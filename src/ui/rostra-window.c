/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-window.c: the main window: library | reader | annotations.
 *
 * The library pane lists the articles of the current query (a lazy
 * RostraArticleList); the reader shows the selected one; the
 * annotations pane is an AdwFlap on the right. On narrow windows the
 * leaflet folds the panes into a stack with a back button.
 *
 * The window reads through its own store connection; imports run on a
 * worker thread with another, and the list refreshes when they end.
 *
 * An archive that cannot be opened (not a database, damaged, from a
 * newer Rostra, locked, in a folder that cannot be written) gives a
 * page of its own in place of the panes, which says why and offers a
 * way out: a new archive (the old file kept aside, never overwritten),
 * a backup restored into a new archive, or trying again.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rostra-anchor.h"
#include "rostra-archive-backup.h"
#include "rostra-annotations-pane.h"
#include "rostra-annotations-view.h"
#include "rostra-article-list.h"
#include "rostra-article-row.h"
#include "rostra-engine.h"
#include "rostra-importer.h"
#include "rostra-language.h"
#include "rostra-reader.h"
#include "rostra-store-recovery.h"
#include "rostra-backup-ui.h"
#include "rostra-export-dialog.h"
#include "rostra-import-dialog.h"
#include "rostra-imports-dialog.h"
#include "rostra-preferences.h"
#include "rostra-print.h"
#include "rostra-tags-dialog.h"
#include "rostra-window.h"
#include "rostra-ui-utils.h"

#define SAMPLE_URI "resource:///io/github/rostra/Rostra/sample/sample-speeches.txt"

struct _RostraWindow
{
  AdwApplicationWindow parent_instance;

  GSettings          *settings;
  char               *path;       /* the archive's file */
  RostraStore        *store;      /* NULL while it cannot be opened */
  guint               generation; /* one more for each archive opened */
  gboolean            disposed;
  RostraArticleList  *articles;
  GtkSingleSelection *selection;
  RostraQuery        *query;
  gint64              open_id; /* the article in the reader, 0 for none */
  gboolean            importing;
  GtkWidget          *import_dialog; /* weak */
  GListModel         *annotations;   /* of the open article */
  GHashTable         *saved;         /* annotation id → copy as last saved */
  GQueue              undo;          /* Undo, newest first */
  int                 drag_start_width;

  /* Filters: the values behind each drop-down's items (NULL = any) */
  GPtrArray *source_values;
  GPtrArray *language_values;
  GArray    *year_values;
  GPtrArray *tag_values;

  AdwToastOverlay       *toast_overlay;
  GtkStack              *main_stack;
  AdwStatusPage         *problem_page;
  GtkWidget             *new_archive_button;
  GtkWidget             *open_backup_button;
  GtkWidget             *try_again_button;
  AdwLeaflet            *leaflet;
  GtkWidget             *sidebar;
  GtkWidget             *sidebar_handle;
  GtkScrolledWindow     *list_scroller;
  AdwViewSwitcherTitle  *list_title;
  AdwViewStack          *view_stack;
  RostraAnnotationsView *annotations_view;
  RostraAnnotationsPane *annotations_pane_widget;
  GtkWidget             *search_button;
  GtkWidget             *filter_button;
  GtkSearchBar          *search_bar;
  GtkSearchEntry        *search_entry;
  GtkStack              *list_stack;
  GtkListView           *list_view;
  GtkWidget             *content;
  AdwWindowTitle        *content_title;
  GtkWidget             *match_box;
  GtkLabel              *match_label;
  AdwFlap               *annotations_flap;
  RostraReader          *reader;
  GtkDropDown           *source_dropdown;
  GtkDropDown           *language_dropdown;
  GtkDropDown           *year_dropdown;
  GtkDropDown           *tag_dropdown;
  GtkCheckButton        *annotated_check;
  GtkRevealer           *import_filter_revealer;
  GtkRevealer           *kept_revealer;
  GtkLabel              *kept_label;
  GtkLabel              *import_filter_label;
};

G_DEFINE_FINAL_TYPE (RostraWindow, rostra_window, ADW_TYPE_APPLICATION_WINDOW)

/* @message is plain text (a toast's title is markup). */
static void
toast (RostraWindow *self, const char *message)
{
  g_autofree char *markup = g_markup_escape_text (message, -1);
  AdwToast        *t = adw_toast_new (markup);

  adw_toast_set_timeout (t, 5);
  adw_toast_overlay_add_toast (self->toast_overlay, t);
}

/* The list pane */

static void
update_list_page (RostraWindow *self)
{
  guint    n = g_list_model_get_n_items (G_LIST_MODEL (self->articles));
  gboolean filtered = (self->query->text && *self->query->text) || self->query->source ||
                      self->query->language || self->query->year || self->query->annotated_only ||
                      self->query->imports || self->query->tag;
  g_autofree char *subtitle = NULL;

  if (n > 0)
    gtk_stack_set_visible_child_name (self->list_stack, "list");
  else
    gtk_stack_set_visible_child_name (self->list_stack, filtered ? "no-results" : "empty");

  if (n > 0 || filtered)
    subtitle = g_strdup_printf (ngettext ("%u speech", "%u speeches", n), n);
  adw_view_switcher_title_set_subtitle (self->list_title, subtitle ? subtitle : "");
}

static void reload_annotations (RostraWindow *self);

/* The last open speech is remembered per archive: another archive has
 * other speeches (it once showed "There is no article 9"). */
#define N_REMEMBERED_ARCHIVES 20

static gint64
remembered_article (RostraWindow *self)
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

  if (self->path == NULL || remembered_article (self) == self->open_id)
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

static void
update_matches (RostraWindow *self)
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

static void
open_article (RostraWindow *self, gint64 id)
{
  g_autoptr (RostraArticle) article = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) terms = NULL;

  if (id == self->open_id)
    return;

  if (id != 0 && !(article = rostra_store_load_article (self->store, id, &error)))
    toast (self, error->message);

  self->open_id = article ? id : 0;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.print", article != NULL);
  rostra_reader_set_article (self->reader, article);
  reload_annotations (self);
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
  update_matches (self);

  remember_open_article (self);
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
  open_article (self, id);
}

static void
select_id (RostraWindow *self, gint64 id)
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

static void
list_activated (RostraWindow *self, guint position)
{
  gtk_single_selection_set_selected (self->selection, position);
  adw_leaflet_set_visible_child (self->leaflet, self->content);
}

static void show_problem (RostraWindow *self, const GError *error);

static void
list_loaded (RostraWindow *self, GError *error)
{
  /* Damage that opening the archive did not reach */
  if (error != NULL && error->domain == ROSTRA_STORE_ERROR &&
      (error->code == ROSTRA_STORE_ERROR_CORRUPT ||
       error->code == ROSTRA_STORE_ERROR_NOT_A_DATABASE))
    {
      show_problem (self, error);
      return;
    }
  if (error != NULL)
    toast (self, error->message);
  update_list_page (self);
  /* Keep the open article selected when it is still in the list. */
  select_id (self, self->open_id);
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

/* Annotations */

typedef enum
{
  UNDO_CREATE, /* undo: delete it */
  UNDO_EDIT,   /* undo: write the old values back */
  UNDO_DELETE, /* undo: restore it */
} UndoKind;

typedef struct
{
  UndoKind          kind;
  RostraAnnotation *annotation; /* the state to go back to */
} Undo;

static void
undo_free (Undo *undo)
{
  g_object_unref (undo->annotation);
  g_free (undo);
}

static void
push_undo (RostraWindow *self, UndoKind kind, RostraAnnotation *annotation)
{
  Undo *undo = g_new (Undo, 1);

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
static void
reload_annotations (RostraWindow *self)
{
  g_autoptr (GError) error = NULL;
  guint n;

  g_clear_object (&self->annotations);
  g_hash_table_remove_all (self->saved);

  if (self->open_id != 0 &&
      !(self->annotations = rostra_store_list_annotations (self->store, self->open_id, &error)))
    toast (self, error->message);

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

static void
show_annotation (RostraWindow *self, gint64 id)
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
      toast (self, error->message);
      return;
    }

  push_undo (self, UNDO_CREATE, annotation);
  reload_annotations (self);
  adw_flap_set_reveal_flap (self->annotations_flap, TRUE);
  show_annotation (self, rostra_annotation_get_id (annotation));
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
  show_annotation (self, rostra_annotation_get_id (annotation));
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
      toast (self, error->message);
      return;
    }

  push_undo (self, UNDO_DELETE, keep);
  undo_toast (self, _("Annotation deleted"));
  reload_annotations (self);
  annotations_changed (self, rostra_annotation_get_article_id (keep));
}

static void
pane_error (RostraWindow *self, const char *message)
{
  toast (self, message);
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
    toast (self, error->message);
  else if (rostra_annotation_get_article_id (undo->annotation) == self->open_id)
    {
      reload_annotations (self);
      if (undo->kind != UNDO_CREATE)
        show_annotation (self, rostra_annotation_get_id (undo->annotation));
    }

  undo_free (undo);
  gtk_widget_action_set_enabled (widget, "win.undo", !g_queue_is_empty (&self->undo));
  annotations_changed (self, article_id);
}

static void
view_annotation_activated (RostraWindow *self, RostraAnnotation *annotation)
{
  open_article (self, rostra_annotation_get_article_id (annotation));
  select_id (self, self->open_id);
  show_annotation (self, rostra_annotation_get_id (annotation));
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

static void
manage_tags_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RostraWindow *self = ROSTRA_WINDOW (widget);
  GtkWidget    *dialog;

  if (self->store == NULL)
    return;
  dialog = rostra_tags_dialog_new (GTK_WINDOW (self), self->store);
  g_signal_connect_swapped (dialog, "tags-changed", G_CALLBACK (reload_annotations), self);
  g_signal_connect_swapped (dialog, "tags-changed", G_CALLBACK (rostra_annotations_view_refresh),
                            self->annotations_view);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Query: search, sort, filters */

static void
apply_query (RostraWindow *self)
{
  rostra_article_list_set_query (self->articles, self->query);
}

static void
search_changed (RostraWindow *self)
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

  apply_query (self);

  /* Highlight the words in the open article too. */
  {
    g_auto (GStrv) terms = rostra_search_split_terms (text);

    rostra_reader_set_search_terms (self->reader, (const char *const *) terms);
    update_matches (self);
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
    list_activated (self, 0);
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
      apply_query (self);
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

  if (self->source_values == NULL)
    return; /* still being filled */

  g_clear_pointer (&self->query->source, g_free);
  g_clear_pointer (&self->query->language, g_free);
  g_clear_pointer (&self->query->tag, g_free);
  if (tag > 0 && tag < self->tag_values->len)
    self->query->tag = g_strdup (g_ptr_array_index (self->tag_values, tag));
  if (source > 0 && source < self->source_values->len)
    self->query->source = g_strdup (g_ptr_array_index (self->source_values, source));
  if (language > 0 && language < self->language_values->len)
    self->query->language = g_strdup (g_ptr_array_index (self->language_values, language));
  self->query->year =
      year > 0 && year < self->year_values->len ? g_array_index (self->year_values, int, year) : 0;
  self->query->annotated_only = gtk_check_button_get_active (self->annotated_check);

  apply_query (self);
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

static GPtrArray *
values_with_any (char **strv)
{
  GPtrArray *values = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (values, NULL);
  for (guint i = 0; strv && strv[i]; i++)
    g_ptr_array_add (values, g_strdup (strv[i]));
  return values;
}

static void
update_filters (RostraWindow *self)
{
  g_auto (GStrv) sources = rostra_store_list_sources (self->store, NULL);
  g_auto (GStrv) languages = rostra_store_list_languages (self->store, NULL);
  g_auto (GStrv) years = rostra_store_list_years (self->store, NULL);
  g_auto (GStrv) tags = rostra_store_list_article_tags (self->store, NULL);
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

  {
    g_autoptr (GPtrArray) s = values_with_any (sources);
    g_autoptr (GPtrArray) l = values_with_any (languages);
    g_autoptr (GPtrArray) t = values_with_any (tags);
    GArray *y = g_array_new (FALSE, TRUE, sizeof (int));

    fill_dropdown (self->source_dropdown, s, _("All Sources"), FALSE);
    fill_dropdown (self->language_dropdown, l, _("All Languages"), TRUE);
    fill_dropdown (self->year_dropdown, year_values, _("All Years"), FALSE);
    fill_dropdown (self->tag_dropdown, t, _("All Tags"), FALSE);
    gtk_widget_set_visible (GTK_WIDGET (self->tag_dropdown), t->len > 1);
    gtk_drop_down_set_selected (self->tag_dropdown, index_of (t, tag));
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
    self->year_values = y;
  }

  filters_changed (self);
}

/* Importing */

static void
import_done (GObject *source, GAsyncResult *res, gpointer user_data)
{
  g_autoptr (RostraWindow) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (RostraImportFilesResult) result =
      rostra_engine_import_files_finish (ROSTRA_ENGINE (source), res, &error);
  g_autofree char *message = NULL;

  self->importing = FALSE;
  if (self->store == NULL) /* the archive turned out damaged meanwhile */
    return;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-sample", TRUE);

  if (result == NULL)
    {
      toast (self, error->message);
      return;
    }

  for (guint i = 0; i < result->failures->len; i++)
    toast (self, g_ptr_array_index (result->failures, i));

  if (result->n_new > 0)
    message = g_strdup_printf (
        ngettext ("Imported %u new speech", "Imported %u new speeches", result->n_new),
        result->n_new);
  else if (result->n_duplicates > 0)
    message = g_strdup (_("Nothing new: every speech was already in the archive"));
  if (message)
    toast (self, message);

  update_filters (self);
  rostra_article_list_refresh (self->articles);
}

/**
 * rostra_window_import:
 * @files: (element-type GFile): the files to import
 * @names: (element-type utf8) (nullable): the imports' names, or %NULL
 *   for the files' names
 *
 * Imports on the archive engine's writer, then refreshes the list and
 * says what happened in a toast.
 */
void
rostra_window_import (RostraWindow *self, GPtrArray *files, GPtrArray *names)
{
  g_return_if_fail (ROSTRA_IS_WINDOW (self));
  g_return_if_fail (self->store != NULL && !self->importing);

  self->importing = TRUE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-sample", FALSE);

  rostra_engine_import_files_async (rostra_engine_get_for_store (self->store), files, names, NULL,
                                    import_done, g_object_ref (self));
}

/* The import dialog */

static void
import_dialog_imported (RostraWindow *self, gint64 import_id)
{
  update_filters (self);
  rostra_article_list_refresh (self->articles);
}

static void
import_dialog_show_articles (RostraWindow *self, GVariant *ids)
{
  gsize         n = 0;
  const gint64 *values = g_variant_get_fixed_array (ids, &n, sizeof (gint64));

  rostra_window_show_imports (self, values, n);
}

static const char *
import_dialog_page (RostraWindow *self)
{
  return rostra_import_dialog_get_page (ROSTRA_IMPORT_DIALOG (self->import_dialog));
}

/**
 * rostra_window_open_import_dialog:
 * @files: (nullable): #GFile items to preview
 *
 * Shows the import dialog with @files: the one already open, when the
 * user has not started importing from it, or a new one.
 */
void
rostra_window_open_import_dialog (RostraWindow *self, GListModel *files)
{
  RostraImportDialog *dialog;

  g_return_if_fail (ROSTRA_IS_WINDOW (self));
  g_return_if_fail (files == NULL || G_IS_LIST_MODEL (files));

  if (self->store == NULL)
    {
      toast (self, _("Nothing can be imported while the archive cannot be opened"));
      return;
    }

  if (self->import_dialog != NULL && !g_str_equal (import_dialog_page (self), "preview"))
    {
      if (g_str_equal (import_dialog_page (self), "progress"))
        {
          toast (self, _("Wait for the current import to finish, then import these files"));
          gtk_window_present (GTK_WINDOW (self->import_dialog));
          return;
        }
      gtk_window_destroy (GTK_WINDOW (self->import_dialog));
    }

  if (self->import_dialog == NULL)
    {
      self->import_dialog =
          rostra_import_dialog_new (GTK_WINDOW (self), rostra_store_get_path (self->store));
      g_object_add_weak_pointer (G_OBJECT (self->import_dialog), (gpointer *) &self->import_dialog);
      g_signal_connect_object (self->import_dialog, "imported", G_CALLBACK (import_dialog_imported),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->import_dialog, "show-articles",
                               G_CALLBACK (import_dialog_show_articles), self, G_CONNECT_SWAPPED);
    }

  dialog = ROSTRA_IMPORT_DIALOG (self->import_dialog);
  if (files != NULL && g_list_model_get_n_items (files) > 0)
    rostra_import_dialog_add_files (dialog, files);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * rostra_window_get_import_dialog:
 *
 * Returns: (transfer none) (nullable): the open import dialog
 */
GtkWidget *
rostra_window_get_import_dialog (RostraWindow *self)
{
  g_return_val_if_fail (ROSTRA_IS_WINDOW (self), NULL);
  return self->import_dialog;
}

static void
chooser_response (GtkNativeDialog *chooser, int response, gpointer user_data)
{
  RostraWindow *self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));

      if (g_list_model_get_n_items (files) > 0)
        rostra_window_open_import_dialog (self, files);
    }

  g_object_unref (chooser);
}

/**
 * rostra_window_add_import_filters:
 * @chooser: a file chooser
 *
 * Offers the files Rostra imports: text dumps and speeches, backups.
 */
void
rostra_window_add_import_filters (GtkFileChooser *chooser)
{
  g_autoptr (GtkFileFilter) texts = gtk_file_filter_new ();
  g_autoptr (GtkFileFilter) backups = gtk_file_filter_new ();
  g_autoptr (GtkFileFilter) all = gtk_file_filter_new ();

  gtk_file_filter_set_name (texts, _("Text Dumps and Speeches"));
  gtk_file_filter_add_mime_type (texts, "text/plain");
  gtk_file_filter_add_mime_type (texts, "text/markdown");
  gtk_file_filter_add_suffix (texts, "txt");
  gtk_file_filter_add_suffix (texts, "md");
  gtk_file_chooser_add_filter (chooser, texts);
  gtk_file_filter_set_name (backups, _("Rostra Backups"));
  gtk_file_filter_add_mime_type (backups, "application/json");
  gtk_file_filter_add_suffix (backups, "json");
  gtk_file_chooser_add_filter (chooser, backups);
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (chooser, all);
}

static void
import_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RostraWindow         *self = ROSTRA_WINDOW (widget);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Import"), GTK_WINDOW (self),
                                            GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), NULL);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  rostra_window_add_import_filters (GTK_FILE_CHOOSER (chooser));

  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static gboolean
files_dropped (GtkDropTarget *target, const GValue *value, double x, double y, gpointer user_data)
{
  RostraWindow *self = user_data;
  g_autoptr (GListStore) files = g_list_store_new (G_TYPE_FILE);
  g_autoptr (GSList) dropped = NULL; /* (transfer container) */

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  dropped = gdk_file_list_get_files (g_value_get_boxed (value));
  for (GSList *l = dropped; l; l = l->next)
    g_list_store_append (files, l->data);
  if (g_list_model_get_n_items (G_LIST_MODEL (files)) == 0)
    return FALSE;

  rostra_window_open_import_dialog (self, G_LIST_MODEL (files));
  return TRUE;
}

/* Past imports */

/**
 * rostra_window_show_imports:
 * @ids: (array length=n_ids): import ids
 *
 * Shows only the articles these imports added, with a bar to show all
 * again; no ids shows all.
 */
void
rostra_window_show_imports (RostraWindow *self, const gint64 *ids, gsize n_ids)
{
  g_return_if_fail (ROSTRA_IS_WINDOW (self));

  g_clear_pointer (&self->query->imports, g_array_unref);
  if (n_ids > 0)
    {
      self->query->imports = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_ids);
      g_array_append_vals (self->query->imports, ids, n_ids);
      gtk_label_set_label (
          self->import_filter_label,
          ngettext ("New speeches of this import", "New speeches of these imports", n_ids));
      adw_view_stack_set_visible_child_name (self->view_stack, "speeches");
    }
  gtk_revealer_set_reveal_child (self->import_filter_revealer, n_ids > 0);
  apply_query (self);
}

static void
print_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RostraWindow  *self = ROSTRA_WINDOW (widget);
  RostraArticle *article = rostra_reader_get_article (self->reader);
  g_autoptr (GError) error = NULL;

  if (article == NULL)
    return;
  if (!rostra_print_article (GTK_WINDOW (self), article, self->annotations, &error))
    toast (self, error->message);
}

static void
exported (RostraWindow *self, GFile *file, guint n_annotations)
{
  adw_toast_overlay_add_toast (
      self->toast_overlay, rostra_export_dialog_new_toast (GTK_WINDOW (self), file, n_annotations));
}

static void
export_annotations_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RostraWindow *self = ROSTRA_WINDOW (widget);
  GtkWidget    *dialog;

  /* The scopes offered: the open speech, and what the list shows. */
  dialog = rostra_export_dialog_new (GTK_WINDOW (self), self->store, self->open_id,
                                     rostra_article_list_get_query (self->articles));
  g_signal_connect_object (dialog, "exported", G_CALLBACK (exported), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
back_up_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RostraWindow *self = ROSTRA_WINDOW (widget);

  rostra_backup_ui_back_up (GTK_WINDOW (self), self->store, self->toast_overlay);
}

/* After a restore: everything may have changed, or been replaced. */
static void
archive_changed (gpointer user_data)
{
  RostraWindow *self = user_data;

  g_queue_clear_full (&self->undo, (GDestroyNotify) undo_free);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", FALSE);
  open_article (self, 0);
  update_filters (self);
  rostra_article_list_refresh (self->articles);
  rostra_annotations_view_refresh (self->annotations_view);
}

static void
restore_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RostraWindow *self = ROSTRA_WINDOW (widget);

  rostra_backup_ui_restore (GTK_WINDOW (self), self->store, self->toast_overlay, archive_changed,
                            self);
}

static void
preferences_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RostraWindow *self = ROSTRA_WINDOW (widget);

  gtk_window_present (GTK_WINDOW (rostra_preferences_window_new (GTK_WINDOW (self), self->path)));
}

static void
clear_import_filter_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  rostra_window_show_imports (ROSTRA_WINDOW (widget), NULL, 0);
}

static void
imports_changed (RostraWindow *self)
{
  update_filters (self);
  rostra_article_list_refresh (self->articles);
}

static void
imports_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RostraWindow *self = ROSTRA_WINDOW (widget);
  GtkWidget    *dialog = rostra_imports_dialog_new (GTK_WINDOW (self), self->store);

  g_signal_connect_object (dialog, "changed", G_CALLBACK (imports_changed), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
open_sample_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (files, g_file_new_for_uri (SAMPLE_URI));
  g_ptr_array_add (names, g_strdup (_("Sample Speeches")));
  rostra_window_import (ROSTRA_WINDOW (widget), files, names);
}

/* Navigation */

static void
move_selection (RostraWindow *self, int delta)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->articles));
  guint position = gtk_single_selection_get_selected (self->selection);
  guint next;

  if (n == 0)
    return;
  if (position == GTK_INVALID_LIST_POSITION)
    next = delta > 0 ? 0 : n - 1;
  else if ((delta < 0 && position == 0) || (delta > 0 && position + 1 >= n))
    return;
  else
    next = position + delta;

  gtk_single_selection_set_selected (self->selection, next);
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", next);
}

static void
previous_article_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  move_selection (ROSTRA_WINDOW (widget), -1);
}

static void
next_article_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  move_selection (ROSTRA_WINDOW (widget), +1);
}

static void
search_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RostraWindow *self = ROSTRA_WINDOW (widget);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
toggle_annotations_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RostraWindow *self = ROSTRA_WINDOW (widget);

  adw_flap_set_reveal_flap (self->annotations_flap,
                            !adw_flap_get_reveal_flap (self->annotations_flap));
}

static void
match_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RostraWindow *self = ROSTRA_WINDOW (widget);

  if (g_str_equal (action_name, "win.next-match"))
    rostra_reader_next_match (self->reader);
  else
    rostra_reader_previous_match (self->reader);
}

static void
reader_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RostraWindow    *self = ROSTRA_WINDOW (widget);
  g_autofree char *name = g_strconcat ("reader.", action_name + strlen ("win."), NULL);

  gtk_widget_activate_action (GTK_WIDGET (self->reader), name, NULL);
}

static void
go_back (RostraWindow *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
update_folded (RostraWindow *self)
{
  update_matches (self);

  /* Folded: the list shows when nothing is open. */
  if (adw_leaflet_get_folded (self->leaflet) && self->open_id == 0)
    adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
}

/* Resizing the list pane by dragging its edge. The width is the list's
 * natural width, not a minimum: the leaflet can still fold the window
 * down to a phone's width. */

#define SIDEBAR_MIN_WIDTH 280
#define SIDEBAR_MAX_WIDTH 560

static void
handle_drag_begin (GtkGestureDrag *gesture, double x, double y, RostraWindow *self)
{
  self->drag_start_width = gtk_widget_get_width (self->sidebar);
}

static void
handle_drag_update (GtkGestureDrag *gesture, double dx, double dy, RostraWindow *self)
{
  int width = CLAMP (self->drag_start_width + (int) dx, SIDEBAR_MIN_WIDTH, SIDEBAR_MAX_WIDTH);

  gtk_scrolled_window_set_max_content_width (self->list_scroller, width);
}

static void
handle_drag_end (GtkGestureDrag *gesture, double dx, double dy, RostraWindow *self)
{
  g_settings_set_int (self->settings, "sidebar-width",
                      gtk_scrolled_window_get_max_content_width (self->list_scroller));
}

/* Opening the archive and saving the window's state */

/* The actions that need the archive, off while it cannot be opened
 * (their shortcuts too); win.print and win.undo follow their state. */
static const char *const archive_actions[] = {
  "win.import",
  "win.open-sample",
  "win.imports",
  "win.back-up",
  "win.restore",
  "win.manage-tags",
  "win.export-annotations",
  "win.search",
  "win.previous-article",
  "win.next-article",
  "win.toggle-annotations",
};

/* What the problem page offers, by what went wrong. */
static const char *const problem_actions[] = {
  "win.start-new-archive",
  "win.open-backup",
  "win.try-again",
};

static void
set_archive_actions_enabled (RostraWindow *self, gboolean enabled)
{
  for (guint i = 0; i < G_N_ELEMENTS (archive_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), archive_actions[i], enabled);
  for (guint i = 0; i < G_N_ELEMENTS (problem_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), problem_actions[i], !enabled);
}

/* Forgets the archive: nothing shows it or holds it open any more. */
static void
drop_store (RostraWindow *self)
{
  if (self->articles)
    {
      g_signal_handlers_disconnect_by_data (self->articles, self);
      gtk_single_selection_set_model (self->selection, NULL);
      g_clear_object (&self->articles);
    }
  self->open_id = 0;
  rostra_reader_set_article (self->reader, NULL);
  reload_annotations (self);
  adw_window_title_set_title (self->content_title, "");
  adw_window_title_set_subtitle (self->content_title, "");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.print", FALSE);
  g_queue_clear_full (&self->undo, (GDestroyNotify) undo_free);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", FALSE);
  rostra_annotations_pane_set_store (self->annotations_pane_widget, NULL);
  rostra_annotations_view_set_store (self->annotations_view, NULL);
  g_clear_object (&self->store);
}

/* Whether what went wrong lies in the file itself: a new archive (or a
 * backup) in its place is the way out. */
static gboolean
problem_is_the_file (int problem)
{
  return problem == ROSTRA_STORE_ERROR_NOT_A_DATABASE || problem == ROSTRA_STORE_ERROR_CORRUPT ||
         problem == ROSTRA_STORE_ERROR_FUTURE_SCHEMA;
}

/* The page in place of the window's panes: what happened to which file,
 * and what can be done. The file is never written to from here. */
static void
show_problem (RostraWindow *self, const GError *error)
{
  g_autofree char *message = g_markup_escape_text (error->message, -1);
  g_autofree char *description = NULL;
  const char      *advice;
  const char      *icon;
  int              problem = error->domain == ROSTRA_STORE_ERROR ? error->code : -1;
  gboolean         the_file = problem_is_the_file (problem);

  drop_store (self);
  gtk_revealer_set_reveal_child (self->kept_revealer, FALSE);
  switch (problem)
    {
      case ROSTRA_STORE_ERROR_NOT_A_DATABASE:
      case ROSTRA_STORE_ERROR_CORRUPT:
        icon = "dialog-warning-symbolic";
        advice = _("You can start a new, empty archive, or restore a backup into a new one. "
                   "This file is then kept beside it under another name, as it is.");
        break;
      case ROSTRA_STORE_ERROR_FUTURE_SCHEMA:
        icon = "dialog-warning-symbolic";
        advice = _("Open it with the newer version of Rostra. Or start a new archive here: this "
                   "file is then kept beside it under another name, unchanged.");
        break;
      case ROSTRA_STORE_ERROR_BUSY:
        icon = "changes-prevent-symbolic";
        advice = _("Close the other program, or the other Rostra, then try again.");
        break;
      case ROSTRA_STORE_ERROR_FULL:
        icon = "drive-harddisk-symbolic";
        advice = _("Make room on the disk, then try again.");
        break;
      default:
        icon = "dialog-error-symbolic";
        advice = _("Check that the folder exists and that you may write to it, then try again.");
        break;
    }
  description = g_strdup_printf ("%s\n\n%s", message, advice);
  adw_status_page_set_description (self->problem_page, description);
  adw_status_page_set_icon_name (self->problem_page, icon);

  /* A newer Rostra is the better way out: no suggestion here then. */
  if (problem == ROSTRA_STORE_ERROR_FUTURE_SCHEMA)
    gtk_widget_remove_css_class (self->new_archive_button, "suggested-action");
  else
    gtk_widget_add_css_class (self->new_archive_button, "suggested-action");
  gtk_widget_set_visible (self->new_archive_button, the_file);
  gtk_widget_set_visible (self->open_backup_button, the_file);
  gtk_widget_set_visible (self->try_again_button, !the_file);

  gtk_stack_set_visible_child_name (self->main_stack, "problem");
  set_archive_actions_enabled (self, FALSE);
  /* Only what the page offers: a file in use is never moved aside. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.start-new-archive", the_file);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-backup", the_file);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-backup-file", the_file);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.try-again", !the_file);
}

/* The archive that a job of the engine was started for */
typedef struct
{
  RostraWindow *window;
  guint         generation;
} WindowJob;

static WindowJob *
window_job_new (RostraWindow *self)
{
  WindowJob *job = g_new0 (WindowJob, 1);

  job->window = g_object_ref (self);
  job->generation = self->generation;
  return job;
}

static void
window_job_free (WindowJob *job)
{
  g_object_unref (job->window);
  g_free (job);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WindowJob, window_job_free)

/* The file is found damaged on a worker, after the window opened it. */
static void
check_done (GObject *source, GAsyncResult *res, gpointer user_data)
{
  g_autoptr (WindowJob) job = user_data;
  RostraWindow *self = job->window;
  g_autoptr (GError) error = NULL;

  if (rostra_engine_check_finish (ROSTRA_ENGINE (source), res, &error) || error == NULL)
    return;
  /* Still the archive that was checked (not closed nor replaced since)? */
  if (self->disposed || self->store == NULL || self->generation != job->generation)
    return;
  if (error->domain == ROSTRA_STORE_ERROR && (error->code == ROSTRA_STORE_ERROR_CORRUPT ||
                                              error->code == ROSTRA_STORE_ERROR_NOT_A_DATABASE))
    show_problem (self, error);
}

/* Reads the whole archive once, on a reader of the archive's engine:
 * opening it reads only its first pages. */
static void
check_archive (RostraWindow *self)
{
  rostra_engine_check_async (rostra_engine_get_for_store (self->store), NULL, check_done,
                             window_job_new (self));
}

/* Shows @store, which is taken. */
static void
use_store (RostraWindow *self, RostraStore *store)
{
  g_clear_object (&self->store);
  self->store = store;
  self->generation++;

  rostra_annotations_pane_set_store (self->annotations_pane_widget, self->store);
  rostra_annotations_view_set_store (self->annotations_view, self->store);

  self->articles = rostra_article_list_new (self->store);
  g_signal_connect_swapped (self->articles, "loaded", G_CALLBACK (list_loaded), self);
  /* The first page, then the count, come before "loaded". */
  g_signal_connect_swapped (self->articles, "notify::n-items", G_CALLBACK (update_list_page), self);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->articles));

  set_archive_actions_enabled (self, TRUE);
  gtk_stack_set_visible_child_name (self->main_stack, "archive");
  update_filters (self); /* sets the query, which loads the list */
}

static void
open_archive (RostraWindow *self, const char *path)
{
  g_autoptr (GError) error = NULL;
  RostraStore *store;
  gint64       last;

  g_free (self->path);
  self->path = path ? g_strdup (path) : rostra_store_default_path ();

  store = rostra_store_open (self->path, &error);
  if (store == NULL)
    {
      show_problem (self, error);
      return;
    }

  use_store (self, store);
  last = remembered_article (self);
  if (last > 0)
    open_article (self, last);
  check_archive (self);
}

/* "Try Again": opening may wait for a lock, so off the main thread. */
static void
reopen_done (GObject *source, GAsyncResult *res, gpointer user_data)
{
  g_autoptr (RostraWindow) self = user_data;
  g_autoptr (GError) error = NULL;
  RostraStore *store = rostra_store_open_finish (res, &error);

  if (self->disposed || self->store != NULL)
    {
      g_clear_object (&store);
      return;
    }
  gtk_widget_set_sensitive (self->try_again_button, TRUE);
  if (store == NULL)
    {
      show_problem (self, error);
      toast (self, _("The archive still cannot be opened"));
      return;
    }
  use_store (self, store);
  check_archive (self);
}

static void
try_again_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RostraWindow *self = ROSTRA_WINDOW (widget);

  /* The button, not the action: the action's state is the page's. */
  gtk_widget_set_sensitive (self->try_again_button, FALSE);
  rostra_store_open_async (self->path, NULL, reopen_done, g_object_ref (self));
}

static void
dismiss_kept (RostraWindow *self)
{
  gtk_revealer_set_reveal_child (self->kept_revealer, FALSE);
}

/* Moves the archive that cannot be opened aside and opens a new, empty
 * one in its place; says where the old file went, in a bar above the
 * list that stays until dismissed (a toast would cut the name short on
 * a narrow window). */
static RostraStore *
start_new_archive (RostraWindow *self)
{
  g_autoptr (GFile) aside = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL;
  RostraStore     *store;

  aside = rostra_store_recovery_move_aside (self->path, NULL, &error);
  /* Gone meanwhile (moved by the user): nothing to keep. */
  if (aside == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      toast (self, error->message);
      return NULL;
    }
  g_clear_error (&error);

  if (aside != NULL)
    {
      g_autofree char *base = g_file_get_basename (aside);
      g_autofree char *dir = g_path_get_dirname (g_file_peek_path (aside));
      g_autofree char *name = g_filename_display_name (base);
      g_autofree char *folder = g_filename_display_name (dir);

      /* Translators: the first %s is a file name such as
       * archive-damaged-2026-11-27-142501.db, the second its folder. */
      message = g_strdup_printf (_("The old archive was kept as “%s” in %s"), name, folder);
    }

  if (!(store = rostra_store_open (self->path, &error)))
    {
      show_problem (self, error);
      if (message != NULL)
        toast (self, message);
      return NULL;
    }

  use_store (self, store);
  if (message != NULL)
    {
      gtk_label_set_label (self->kept_label, message);
      gtk_revealer_set_reveal_child (self->kept_revealer, TRUE);
    }
  return store;
}

static void
start_new_archive_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  start_new_archive (ROSTRA_WINDOW (widget));
}

static void
restore_into_new_archive (RostraWindow *self, GFile *backup)
{
  g_autoptr (GFile) archive = g_file_new_for_path (self->path);
  g_autoptr (GError) error = NULL;
  RostraStore *store;

  if (g_file_equal (backup, archive))
    {
      toast (self, _("This is the archive that cannot be opened: choose a backup of it"));
      return;
    }
  /* Nothing is moved for a file that is no backup. */
  if (rostra_archive_detect_source (backup, NULL, &error) == ROSTRA_BACKUP_SOURCE_UNKNOWN)
    {
      g_autofree char *base = g_file_get_basename (backup);
      g_autofree char *name = g_filename_display_name (base);
      g_autofree char *message =
          error != NULL
              ? g_strdup (error->message)
              /* Translators: %s is a file name. */
              : g_strdup_printf (_("“%s” is neither a Rostra archive nor a JSON backup"), name);

      toast (self, message);
      return;
    }

  if ((store = start_new_archive (self)) != NULL)
    rostra_backup_ui_run_restore (GTK_WINDOW (self), store, self->toast_overlay, backup,
                                  ROSTRA_BACKUP_UI_MERGE, archive_changed, self);
}

static void
backup_chosen (GtkNativeDialog *chooser, int response, gpointer user_data)
{
  RostraWindow *self = user_data;

  if (response == GTK_RESPONSE_ACCEPT && self->store == NULL)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        restore_into_new_archive (self, file);
    }
  g_object_unref (chooser);
}

/* The chooser's answer, as an action: "win.open-backup-file" with a path. */
static void
open_backup_file_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  g_autoptr (GFile) file = g_file_new_for_path (g_variant_get_string (parameter, NULL));

  restore_into_new_archive (ROSTRA_WINDOW (widget), file);
}

static void
open_backup_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RostraWindow *self = ROSTRA_WINDOW (widget);
  g_autoptr (GtkFileFilter) backups = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Restore From a Backup"), GTK_WINDOW (self),
                                            GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (backups, _("Rostra backups (*.db, *.json)"));
  gtk_file_filter_add_suffix (backups, "db");
  gtk_file_filter_add_suffix (backups, "json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), backups);
  /* Backups are often kept beside the archive. */
  {
    g_autofree char *dir = g_path_get_dirname (self->path);
    g_autoptr (GFile) folder = g_file_new_for_path (dir);

    if (g_file_query_file_type (folder, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_DIRECTORY)
      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
  }
  g_signal_connect_object (chooser, "response", G_CALLBACK (backup_chosen), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
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
  g_queue_clear_full (&self->undo, (GDestroyNotify) undo_free);
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

  g_type_ensure (ROSTRA_TYPE_READER);
  g_type_ensure (ROSTRA_TYPE_ANNOTATIONS_PANE);
  g_type_ensure (ROSTRA_TYPE_ANNOTATIONS_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rostra/Rostra/rostra-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RostraWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RostraWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, RostraWindow, problem_page);
  gtk_widget_class_bind_template_child (widget_class, RostraWindow, new_archive_button);
  gtk_widget_class_bind_template_child (widget_class, RostraWindow, open_backup_button);
  gtk_widget_class_bind_template_child (widget_class, RostraWindow, try_again_button);
  gtk_widget_class_bind_template_child (widget_class, RostraWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, RostraWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, RostraWindow, sidebar_handle);
  gtk_widget_class_bind_template_child (widget_class, RostraWindow, list_scroller);
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
  gtk_widget_class_bind_template_child (widget_class, RostraWindow, source_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RostraWindow, language_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RostraWindow, year_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RostraWindow, annotated_check);
  gtk_widget_class_bind_template_child (widget_class, RostraWindow, tag_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RostraWindow, import_filter_revealer);
  gtk_widget_class_bind_template_child (widget_class, RostraWindow, kept_revealer);
  gtk_widget_class_bind_template_child (widget_class, RostraWindow, kept_label);
  gtk_widget_class_bind_template_child (widget_class, RostraWindow, import_filter_label);
  gtk_widget_class_bind_template_callback (widget_class, search_changed);
  gtk_widget_class_bind_template_callback (widget_class, stop_search);
  gtk_widget_class_bind_template_callback (widget_class, search_activate);
  gtk_widget_class_bind_template_callback (widget_class, filters_changed);
  gtk_widget_class_bind_template_callback (widget_class, go_back);
  gtk_widget_class_bind_template_callback (widget_class, update_folded);
  gtk_widget_class_bind_template_callback (widget_class, view_changed);
  gtk_widget_class_bind_template_callback (widget_class, view_annotation_activated);
  gtk_widget_class_bind_template_callback (widget_class, reload_annotations);
  gtk_widget_class_bind_template_callback (widget_class, highlight_requested);
  gtk_widget_class_bind_template_callback (widget_class, reader_annotation_activated);
  gtk_widget_class_bind_template_callback (widget_class, annotation_changed);
  gtk_widget_class_bind_template_callback (widget_class, pane_annotation_activated);
  gtk_widget_class_bind_template_callback (widget_class, delete_requested);
  gtk_widget_class_bind_template_callback (widget_class, pane_error);
  gtk_widget_class_bind_template_callback (widget_class, dismiss_kept);

  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.start-new-archive", NULL,
                                   start_new_archive_action);
  gtk_widget_class_install_action (widget_class, "win.open-backup", NULL, open_backup_action);
  gtk_widget_class_install_action (widget_class, "win.open-backup-file", "s",
                                   open_backup_file_action);
  gtk_widget_class_install_action (widget_class, "win.try-again", NULL, try_again_action);
  gtk_widget_class_install_action (widget_class, "win.open-sample", NULL, open_sample_action);
  gtk_widget_class_install_action (widget_class, "win.imports", NULL, imports_action);
  gtk_widget_class_install_action (widget_class, "win.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, preferences_action);
  gtk_widget_class_install_action (widget_class, "win.back-up", NULL, back_up_action);
  gtk_widget_class_install_action (widget_class, "win.restore", NULL, restore_action);
  gtk_widget_class_install_action (widget_class, "win.export-annotations", NULL,
                                   export_annotations_action);
  gtk_widget_class_install_action (widget_class, "win.clear-import-filter", NULL,
                                   clear_import_filter_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.previous-article", NULL,
                                   previous_article_action);
  gtk_widget_class_install_action (widget_class, "win.next-article", NULL, next_article_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-annotations", NULL,
                                   toggle_annotations_action);
  gtk_widget_class_install_action (widget_class, "win.next-match", NULL, match_action);
  gtk_widget_class_install_action (widget_class, "win.previous-match", NULL, match_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.manage-tags", NULL, manage_tags_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, reader_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, reader_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-reset", NULL, reader_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.import",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "win.print",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_comma, GDK_CONTROL_MASK,
                                       "win.preferences", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK,
                                       "win.previous-article", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK, "win.next-article",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.toggle-annotations", NULL);
  /* Entries keep Ctrl+Z for their own text: they see it first. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK, "win.next-match",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.previous-match", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "win.zoom-in",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "win.zoom-in",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK,
                                       "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK,
                                       "win.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK,
                                       "win.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "win.zoom-reset",
                                       NULL);
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
  gtk_scrolled_window_set_max_content_width (
      self->list_scroller, CLAMP (g_settings_get_int (self->settings, "sidebar-width"),
                                  SIDEBAR_MIN_WIDTH, SIDEBAR_MAX_WIDTH));
  g_settings_bind (self->settings, "annotations-visible", self->annotations_flap, "reveal-flap",
                   G_SETTINGS_BIND_DEFAULT);
  gtk_widget_set_size_request (
      GTK_WIDGET (self->annotations_pane_widget),
      CLAMP (g_settings_get_int (self->settings, "annotations-width"), 240, 480), -1);
  g_settings_bind (self->settings, "reader-zoom", self->reader, "zoom", G_SETTINGS_BIND_DEFAULT);

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
  g_signal_connect_swapped (self->list_view, "activate", G_CALLBACK (list_activated), self);

  /* Files dropped anywhere on the window are previewed for import. */
  {
    GtkDropTarget *target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

    g_signal_connect (target, "drop", G_CALLBACK (files_dropped), self);
    gtk_widget_add_controller (GTK_WIDGET (self->toast_overlay), GTK_EVENT_CONTROLLER (target));
  }

  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self->sidebar));

  g_signal_connect_swapped (self->reader, "notify::n-matches", G_CALLBACK (update_matches), self);
  g_signal_connect_swapped (self->reader, "notify::current-match", G_CALLBACK (update_matches),
                            self);

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

  update_matches (self);
  set_archive_actions_enabled (self, TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", FALSE);
}

RostraWindow *
rostra_window_new (RostraApplication *application)
{
  RostraWindow *self;

  g_return_val_if_fail (ROSTRA_IS_APPLICATION (application), NULL);

  /* GtkWindow:application is not a construct property: it is only set
   * after constructed(), so the archive is opened here. */
  self = g_object_new (ROSTRA_TYPE_WINDOW, "application", application, NULL);
  /* The Keyboard Shortcuts window GtkApplication made from the resources,
   * once it has filled in its sections. */
  if (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (self)) != NULL)
    g_signal_connect (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (self)),
                      "map", G_CALLBACK (rostra_ui_name_controls), NULL);
  open_archive (self, rostra_application_get_database (application));
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
  search_changed (self); /* now, not after the entry's delay */
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
  list_activated (self, position);
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
