/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-article-list.c: a lazy GListModel of the articles a query shows.
 *
 * The model holds only the ids of the current query, found on a worker
 * thread with a connection of its own, so a search on a big archive
 * never blocks the main loop. Row objects are built when a row asks
 * for them (title, date, source… and a snippet when searching, never
 * the text), and a bounded cache keeps the recent ones.
 */

#include "config.h"

#include "rostra-article-list.h"
#include "rostra-article-private.h"

#define CACHE_LIMIT 4096

struct _RostraArticleList
{
  GObject parent_instance;

  RostraStore  *store;
  RostraQuery  *query;
  char         *fts;
  GArray       *ids;   /* gint64 */
  GHashTable   *cache; /* id → RostraArticle */
  GCancellable *cancellable;
  gboolean      loading;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RostraArticleList,
                               rostra_article_list,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum
{
  PROP_0,
  PROP_STORE,
  PROP_QUERY,
  PROP_LOADING,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  LOADED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GType
rostra_article_list_get_item_type (GListModel *model)
{
  return ROSTRA_TYPE_ARTICLE;
}

static guint
rostra_article_list_get_n_items (GListModel *model)
{
  return ROSTRA_ARTICLE_LIST (model)->ids->len;
}

static gpointer
rostra_article_list_get_item (GListModel *model, guint position)
{
  RostraArticleList *self = ROSTRA_ARTICLE_LIST (model);
  g_autoptr (GError) error = NULL;
  RostraArticle *article;
  gint64         id;

  if (position >= self->ids->len)
    return NULL;

  id = g_array_index (self->ids, gint64, position);
  article = g_hash_table_lookup (self->cache, &id);
  if (article != NULL)
    return g_object_ref (article);

  article = rostra_store_load_article_row (self->store, id, self->fts, &error);
  if (article == NULL)
    {
      /* Deleted since the query ran: a row must still be there. */
      g_debug ("Article %" G_GINT64_FORMAT " cannot be read: %s", id, error->message);
      article = _rostra_article_new (id, g_strdup (""), NULL, NULL, NULL, NULL, NULL, 0, 0);
    }

  if (g_hash_table_size (self->cache) >= CACHE_LIMIT)
    g_hash_table_remove_all (self->cache);
  g_hash_table_insert (self->cache, g_memdup2 (&id, sizeof id), g_object_ref (article));
  return article;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = rostra_article_list_get_item_type;
  iface->get_n_items = rostra_article_list_get_n_items;
  iface->get_item = rostra_article_list_get_item;
}

static void
rostra_article_list_dispose (GObject *object)
{
  RostraArticleList *self = (RostraArticleList *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (rostra_article_list_parent_class)->dispose (object);
}

static void
rostra_article_list_finalize (GObject *object)
{
  RostraArticleList *self = (RostraArticleList *) object;

  rostra_query_free (self->query);
  g_free (self->fts);
  g_array_unref (self->ids);
  g_hash_table_unref (self->cache);

  G_OBJECT_CLASS (rostra_article_list_parent_class)->finalize (object);
}

static void
rostra_article_list_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  RostraArticleList *self = ROSTRA_ARTICLE_LIST (object);

  switch (prop_id)
    {
      case PROP_STORE:
        g_value_set_object (value, self->store);
        break;
      case PROP_QUERY:
        g_value_set_boxed (value, self->query);
        break;
      case PROP_LOADING:
        g_value_set_boolean (value, self->loading);
        break;
      case PROP_N_ITEMS:
        g_value_set_uint (value, self->ids->len);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rostra_article_list_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  RostraArticleList *self = ROSTRA_ARTICLE_LIST (object);

  switch (prop_id)
    {
      case PROP_STORE:
        self->store = g_value_dup_object (value);
        break;
      case PROP_QUERY:
        rostra_article_list_set_query (self, g_value_get_boxed (value));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rostra_article_list_class_init (RostraArticleListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rostra_article_list_dispose;
  object_class->finalize = rostra_article_list_finalize;
  object_class->get_property = rostra_article_list_get_property;
  object_class->set_property = rostra_article_list_set_property;

  properties[PROP_STORE] =
      g_param_spec_object ("store", NULL, NULL, ROSTRA_TYPE_STORE,
                           G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_QUERY] =
      g_param_spec_boxed ("query", NULL, NULL, ROSTRA_TYPE_QUERY,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] = g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                                                   G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] = g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RostraArticleList::loaded:
   * @error: (nullable): why the query failed, or %NULL
   *
   * Emitted when a query has finished, after the items changed.
   */
  signals[LOADED] = g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                  NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
rostra_article_list_init (RostraArticleList *self)
{
  self->query = rostra_query_new ();
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->cache = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
}

/**
 * rostra_article_list_new:
 * @store: the archive; rows are read through it, queries run on
 *   connections of their own to the same file
 *
 * Returns: (transfer full): an empty list; set a query to fill it
 */
RostraArticleList *
rostra_article_list_new (RostraStore *store)
{
  g_return_val_if_fail (ROSTRA_IS_STORE (store), NULL);

  return g_object_new (ROSTRA_TYPE_ARTICLE_LIST, "store", store, NULL);
}

RostraStore *
rostra_article_list_get_store (RostraArticleList *self)
{
  g_return_val_if_fail (ROSTRA_IS_ARTICLE_LIST (self), NULL);
  return self->store;
}

const RostraQuery *
rostra_article_list_get_query (RostraArticleList *self)
{
  g_return_val_if_fail (ROSTRA_IS_ARTICLE_LIST (self), NULL);
  return self->query;
}

gboolean
rostra_article_list_get_loading (RostraArticleList *self)
{
  g_return_val_if_fail (ROSTRA_IS_ARTICLE_LIST (self), FALSE);
  return self->loading;
}

static void
set_loading (RostraArticleList *self, gboolean loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
query_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  const char *path = g_object_get_data (G_OBJECT (task), "path");
  g_autoptr (RostraStore) store = NULL;
  GError *error = NULL;
  GArray *ids;

  store = rostra_store_open (path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  ids = rostra_store_query_ids (store, task_data, cancellable, &error);
  if (ids == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, ids, (GDestroyNotify) g_array_unref);
}

static void
replace_ids (RostraArticleList *self, GArray *ids, const char *fts)
{
  guint removed = self->ids->len;

  g_hash_table_remove_all (self->cache);
  g_free (self->fts);
  self->fts = g_strdup (fts);

  /* Two signals, not one: given "removed n, added m" at once, GTK 4.8's
   * list widgets try to match every new item with an old row, asking
   * for each of the m items (a 70,000-result search took minutes).
   * The model is empty between the two, so only the rows on screen are
   * ever built. */
  g_array_set_size (self->ids, 0);
  if (removed > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, 0);
  g_array_unref (self->ids);
  self->ids = ids;
  if (ids->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, ids->len);
  if (removed != ids->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static void
query_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  RostraArticleList *self = ROSTRA_ARTICLE_LIST (source);
  RostraQuery       *query = g_task_get_task_data (G_TASK (result));
  g_autoptr (GError) error = NULL;
  GArray *ids = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return; /* a newer query is on its way */

  if (ids != NULL)
    {
      g_autofree char *fts = rostra_query_dup_fts (query);

      replace_ids (self, ids, fts);
    }
  else /* for the ::loaded handlers to show: a damaged archive is no bug */
    g_debug ("The article list cannot be read: %s", error->message);

  set_loading (self, FALSE);
  g_signal_emit (self, signals[LOADED], 0, error);
}

/**
 * rostra_article_list_refresh:
 *
 * Runs the query again, on a worker thread (after an import, say).
 * The items change, and #RostraArticleList::loaded is emitted, once it
 * is done.
 */
void
rostra_article_list_refresh (RostraArticleList *self)
{
  const char *path;
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (ROSTRA_IS_ARTICLE_LIST (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  set_loading (self, TRUE);
  task = g_task_new (self, self->cancellable, query_done, NULL);
  g_task_set_source_tag (task, rostra_article_list_refresh);
  g_task_set_task_data (task, rostra_query_copy (self->query), (GDestroyNotify) rostra_query_free);

  path = rostra_store_get_path (self->store);
  if (g_str_equal (path, ":memory:"))
    {
      /* A private archive in memory has no second connection. */
      GError *error = NULL;
      GArray *ids = rostra_store_query_ids (self->store, self->query, self->cancellable, &error);

      if (ids)
        g_task_return_pointer (task, ids, (GDestroyNotify) g_array_unref);
      else
        g_task_return_error (task, error);
      return;
    }

  g_object_set_data_full (G_OBJECT (task), "path", g_strdup (path), g_free);
  g_task_run_in_thread (task, query_thread);
}

/**
 * rostra_article_list_set_query:
 * @query: the search, filters and order to show
 *
 * Shows @query's articles, once found (see rostra_article_list_refresh()).
 */
void
rostra_article_list_set_query (RostraArticleList *self, const RostraQuery *query)
{
  g_return_if_fail (ROSTRA_IS_ARTICLE_LIST (self));
  g_return_if_fail (query != NULL);

  if (rostra_query_equal (query, self->query) && self->cancellable != NULL)
    return;

  rostra_query_free (self->query);
  self->query = rostra_query_copy (query);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUERY]);
  rostra_article_list_refresh (self);
}

/**
 * rostra_article_list_find:
 * @id: an article's id
 *
 * Returns: the article's position, or %G_MAXUINT when the list does
 *   not show it
 */
guint
rostra_article_list_find (RostraArticleList *self, gint64 id)
{
  g_return_val_if_fail (ROSTRA_IS_ARTICLE_LIST (self), G_MAXUINT);

  for (guint i = 0; i < self->ids->len; i++)
    if (g_array_index (self->ids, gint64, i) == id)
      return i;
  return G_MAXUINT;
}

/**
 * rostra_article_list_get_id:
 *
 * Returns: the id of the article at @position, without building a row
 */
gint64
rostra_article_list_get_id (RostraArticleList *self, guint position)
{
  g_return_val_if_fail (ROSTRA_IS_ARTICLE_LIST (self), 0);
  g_return_val_if_fail (position < self->ids->len, 0);

  return g_array_index (self->ids, gint64, position);
}

/**
 * rostra_article_list_reload:
 * @id: an article whose row changed (its number of annotations, say)
 *
 * Reads that one row again, without running the query again. Does
 * nothing when the list does not show the article.
 */
void
rostra_article_list_reload (RostraArticleList *self, gint64 id)
{
  guint position;

  g_return_if_fail (ROSTRA_IS_ARTICLE_LIST (self));

  position = rostra_article_list_find (self, id);
  if (position == G_MAXUINT)
    return;
  g_hash_table_remove (self->cache, &id);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 1);
}
