/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-article-list.c: a lazy GListModel of the articles a query shows.
 *
 * The model holds the ids of the current query and the rows read so far;
 * everything is found and read by the query engine's workers
 * (RostraEngine), so neither a search nor a row ever blocks the main
 * loop: get_item() never touches SQLite.
 *
 * A new query cancels the one before it (and the pages it was still
 * reading). Its first page comes first, with its rows (see
 * rostra_store_query_first_page()): when that is all of the query's
 * hits, in their exact order, the query is done. Otherwise the model
 * shows that page, then grows to the count of hits once they are
 * counted (rows not read yet are empty placeholders), and takes the
 * exact order once every hit is ranked; "loaded" is emitted then. Rows
 * are read a page at a time, on a worker, when a row asks for one that
 * is not read yet: the row gets a placeholder, replaced (items-changed
 * on its position) once its page is read. A bounded cache keeps the
 * rows read (title, date, source… and a snippet when searching, never
 * the text).
 */

#include "config.h"

#include "rostra-article-list.h"
#include "rostra-article-private.h"
#include "rostra-engine.h"

#define CACHE_LIMIT 4096
#define PAGE_SIZE   ROSTRA_ENGINE_PAGE_SIZE

struct _RostraArticleList
{
  GObject parent_instance;

  RostraStore  *store;
  RostraEngine *engine;
  RostraQuery  *query;
  char         *fts;
  GArray       *ids;          /* gint64: all of the query's, or its first page until exact */
  guint         n_items;      /* ids->len, or the count of hits while only a page is known */
  gboolean      exact;        /* ids are all the hits, in their exact order */
  GHashTable   *cache;        /* id → RostraArticle, rows read */
  GHashTable   *placeholders; /* position → RostraArticle, handed out before their row */
  GHashTable   *pending;      /* pages being read */
  GCancellable *cancellable;  /* the current query's, and its pages' */
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
  return ROSTRA_ARTICLE_LIST (model)->n_items;
}

static void request_page (RostraArticleList *self, guint page);

static gpointer
rostra_article_list_get_item (GListModel *model, guint position)
{
  RostraArticleList *self = ROSTRA_ARTICLE_LIST (model);
  RostraArticle     *article;
  gint64             id = 0;

  if (position >= self->n_items)
    return NULL;

  if (position < self->ids->len)
    {
      id = g_array_index (self->ids, gint64, position);
      article = g_hash_table_lookup (self->cache, &id);
      if (article != NULL)
        return g_object_ref (article);
      request_page (self, position / PAGE_SIZE);
    }

  /* Not read yet: an empty row, the same one until it is replaced. */
  article = g_hash_table_lookup (self->placeholders, GUINT_TO_POINTER (position));
  if (article == NULL)
    {
      article = _rostra_article_new (id, g_strdup (""), NULL, NULL, NULL, NULL, NULL, 0, 0);
      g_hash_table_insert (self->placeholders, GUINT_TO_POINTER (position), article);
    }
  return g_object_ref (article);
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
  g_clear_object (&self->engine);
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
  g_hash_table_unref (self->placeholders);
  g_hash_table_unref (self->pending);

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
        g_value_set_uint (value, self->n_items);
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
        self->engine = g_object_ref (rostra_engine_get_for_store (self->store));
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
  self->placeholders = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  self->pending = g_hash_table_new (NULL, NULL);
}

/**
 * rostra_article_list_new:
 * @store: the archive; queries and rows run on the workers of its
 *   engine (see rostra_engine_get_for_store())
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

/**
 * rostra_article_list_get_engine:
 *
 * Returns: (transfer none): the engine that runs the list's queries
 */
RostraEngine *
rostra_article_list_get_engine (RostraArticleList *self)
{
  g_return_val_if_fail (ROSTRA_IS_ARTICLE_LIST (self), NULL);
  return self->engine;
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

/* Rows */

static void
cache_rows (RostraArticleList *self, GPtrArray *rows)
{
  if (g_hash_table_size (self->cache) + rows->len > CACHE_LIMIT)
    g_hash_table_remove_all (self->cache);
  for (guint i = 0; i < rows->len; i++)
    {
      RostraArticle *article = g_ptr_array_index (rows, i);
      gint64         id = rostra_article_get_id (article);

      g_hash_table_insert (self->cache, g_memdup2 (&id, sizeof id), g_object_ref (article));
    }
}

/* Placeholders between @start and @end whose rows are read now make
 * way for them: one items-changed per run of positions. */
static void
replace_placeholders (RostraArticleList *self, guint start, guint end)
{
  guint run = 0;

  end = MIN (end, MIN (self->n_items, self->ids->len));
  for (guint position = start; position <= end; position++)
    {
      gboolean ready = FALSE;

      if (position < end && g_hash_table_contains (self->placeholders, GUINT_TO_POINTER (position)))
        ready = g_hash_table_contains (self->cache, &g_array_index (self->ids, gint64, position));
      if (ready)
        {
          g_hash_table_remove (self->placeholders, GUINT_TO_POINTER (position));
          run++;
          continue;
        }
      if (run > 0)
        g_list_model_items_changed (G_LIST_MODEL (self), position - run, run, run);
      run = 0;
    }
}

typedef struct
{
  RostraArticleList *list;
  guint              page;
} PageRequest;

static void
page_read (GObject *source, GAsyncResult *result, gpointer data)
{
  PageRequest *request = data;
  g_autoptr (RostraArticleList) self = request->list;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rows =
      rostra_engine_load_rows_finish (ROSTRA_ENGINE (source), result, &error);
  guint page = request->page;

  g_free (request);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return; /* another query's ids */
  g_hash_table_remove (self->pending, GUINT_TO_POINTER (page));
  if (rows == NULL)
    {
      /* The placeholders stay; the next query tries again. */
      g_debug ("Rows of the article list cannot be read: %s", error->message);
      return;
    }
  cache_rows (self, rows);
  replace_placeholders (self, page * PAGE_SIZE, (page + 1) * PAGE_SIZE);
}

/* Reads the rows of @page on a worker, unless they are on their way. */
static void
request_page (RostraArticleList *self, guint page)
{
  PageRequest *request;
  guint        start = page * PAGE_SIZE;
  guint        n;

  if (start >= self->ids->len || g_hash_table_contains (self->pending, GUINT_TO_POINTER (page)))
    return;
  g_hash_table_add (self->pending, GUINT_TO_POINTER (page));

  n = MIN (PAGE_SIZE, self->ids->len - start);
  request = g_new0 (PageRequest, 1);
  request->list = g_object_ref (self);
  request->page = page;
  rostra_engine_load_rows_async (self->engine, &g_array_index (self->ids, gint64, start), n,
                                 self->fts, self->cancellable, page_read, request);
}

/* Queries */

static void
set_n_items (RostraArticleList *self, guint n_items)
{
  if (self->n_items == n_items)
    return;
  self->n_items = n_items;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static void
finish_query (RostraArticleList *self, const GError *error)
{
  set_loading (self, FALSE);
  g_signal_emit (self, signals[LOADED], 0, error);
}

/* The first page of a new query: it replaces everything. */
static void
show_first_page (RostraArticleList *self, RostraEnginePage *page)
{
  guint removed = self->n_items;
  guint added;

  g_hash_table_remove_all (self->placeholders);
  g_hash_table_remove_all (self->pending);
  g_clear_pointer (&self->ids, g_array_unref);
  self->ids = g_steal_pointer (&page->ids);
  self->exact = page->complete;
  cache_rows (self, page->rows);
  added = self->ids->len;

  /* Two signals, not one, when a long list replaces another: told
   * "removed n, added m" at once, GTK 4.8's list widgets look for the
   * rows they track (the selected one, the one at the top) among all m
   * new items, asking for each (a 70,000-result search took minutes).
   * With the model empty between the two, only the rows on screen are
   * ever asked for. A first page (or a short list) is one signal. */
  if (removed > 0 && added > PAGE_SIZE)
    {
      self->n_items = 0;
      g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, 0);
      self->n_items = added;
      g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, added);
    }
  else
    {
      self->n_items = added;
      if (removed > 0 || added > 0)
        g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, added);
    }
  if (removed != added)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

typedef struct
{
  RostraArticleList *list;
  GCancellable      *cancellable; /* the query's */
} QueryReply;

static QueryReply *
query_reply_new (RostraArticleList *self)
{
  QueryReply *reply = g_new0 (QueryReply, 1);

  reply->list = g_object_ref (self);
  reply->cancellable = g_object_ref (self->cancellable);
  return reply;
}

static void
query_reply_free (QueryReply *reply)
{
  g_object_unref (reply->list);
  g_object_unref (reply->cancellable);
  g_free (reply);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (QueryReply, query_reply_free)

static void
counted (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr (QueryReply) reply = data;
  RostraArticleList *self = reply->list;
  g_autoptr (GError) error = NULL;
  gint64 count = rostra_engine_count_finish (ROSTRA_ENGINE (source), result, &error);
  guint  old = self->n_items;

  /* Cancelled, failed (the full query will say why), or late. */
  if (count < 0 || self->exact || count <= old)
    return;
  set_n_items (self, MIN (count, G_MAXUINT));
  g_list_model_items_changed (G_LIST_MODEL (self), old, 0, self->n_items - old);
}

static void
ranked (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr (QueryReply) reply = data;
  RostraArticleList *self = reply->list;
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) ids = rostra_engine_query_ids_finish (ROSTRA_ENGINE (source), result, &error);
  g_autoptr (GArray) first = NULL;
  g_autoptr (GList) waiting = NULL;
  guint old, same = 0;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return; /* a newer query is on its way */
  if (ids == NULL)
    {
      /* for the ::loaded handlers to show: a damaged archive is no bug */
      g_debug ("The article list cannot be read: %s", error->message);
      finish_query (self, error);
      return;
    }

  /* The exact order: where it differs from the first page shown, those
   * rows change; past the page, the rows that waited for their ids get
   * them now, and their pages are read. */
  first = g_steal_pointer (&self->ids);
  self->ids = g_steal_pointer (&ids);
  self->exact = TRUE;
  while (same < first->len && same < self->ids->len &&
         g_array_index (first, gint64, same) == g_array_index (self->ids, gint64, same))
    same++;
  old = self->n_items;
  if (self->ids->len != old)
    {
      /* Articles added or removed since the count: the tail changes. */
      guint from = MIN (MAX (same, first->len), MIN (old, self->ids->len));

      g_hash_table_remove_all (self->placeholders);
      self->n_items = self->ids->len;
      g_list_model_items_changed (G_LIST_MODEL (self), from, old - from, self->n_items - from);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
    }
  if (same < first->len && same < self->n_items)
    {
      guint n = MIN (first->len, self->n_items) - same;

      for (guint i = same; i < same + n; i++)
        g_hash_table_remove (self->placeholders, GUINT_TO_POINTER (i));
      g_list_model_items_changed (G_LIST_MODEL (self), same, n, n);
    }
  waiting = g_hash_table_get_keys (self->placeholders);
  for (GList *l = waiting; l != NULL; l = l->next)
    request_page (self, GPOINTER_TO_UINT (l->data) / PAGE_SIZE);

  finish_query (self, NULL);
}

static void
first_page_found (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr (QueryReply) reply = data;
  RostraArticleList *self = reply->list;
  g_autoptr (GError) error = NULL;
  g_autoptr (RostraEnginePage) page =
      rostra_engine_first_page_finish (ROSTRA_ENGINE (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return; /* a newer query is on its way */
  if (page == NULL)
    {
      g_debug ("The article list cannot be read: %s", error->message);
      finish_query (self, error);
      return;
    }

  /* The search's own query (its words' forms, say) for later pages */
  if (page->fts != NULL && g_strcmp0 (page->fts, self->fts) != 0)
    {
      g_free (self->fts);
      self->fts = g_strdup (page->fts);
    }
  show_first_page (self, page);
  if (self->exact)
    {
      finish_query (self, NULL);
      return;
    }
  /* The count first (it ranks nothing), the exact order after. */
  rostra_engine_count_async (self->engine, self->query, self->cancellable, counted,
                             query_reply_new (self));
  rostra_engine_query_ids_async (self->engine, self->query, self->cancellable, ranked,
                                 query_reply_new (self));
}

/**
 * rostra_article_list_refresh:
 *
 * Runs the query again, on the engine's workers (after an import, say).
 * The items change as the first page, the count and the exact order
 * come, and #RostraArticleList::loaded is emitted once it is all done.
 */
void
rostra_article_list_refresh (RostraArticleList *self)
{
  g_autofree char *fts = NULL;

  g_return_if_fail (ROSTRA_IS_ARTICLE_LIST (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  fts = rostra_query_dup_fts (self->query);
  /* With forms the first page brings the search's query */
  if (g_strcmp0 (fts, self->fts) != 0 || self->query->forms)
    {
      /* Rows carry their snippets: those of another search are no use. */
      g_hash_table_remove_all (self->cache);
      g_free (self->fts);
      self->fts = g_steal_pointer (&fts);
    }

  set_loading (self, TRUE);
  rostra_engine_first_page_async (self->engine, self->query, self->cancellable, first_page_found,
                                  query_reply_new (self));
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
 * Returns: the id of the article at @position, without building a row;
 *   0 while the list still waits for it (see rostra_article_list_refresh())
 */
gint64
rostra_article_list_get_id (RostraArticleList *self, guint position)
{
  g_return_val_if_fail (ROSTRA_IS_ARTICLE_LIST (self), 0);
  g_return_val_if_fail (position < self->n_items, 0);

  /* 0 for a row whose id is not known yet */
  return position < self->ids->len ? g_array_index (self->ids, gint64, position) : 0;
}

/**
 * rostra_article_list_reload:
 * @id: an article whose row changed (its number of annotations, say)
 *
 * Reads that one row again, at once, without running the query again:
 * one row by its id, at a cost that does not grow with the archive (its
 * snippet is kept from before).
 * Does nothing when the list does not show the article.
 */
void
rostra_article_list_reload (RostraArticleList *self, gint64 id)
{
  g_autoptr (RostraArticle) article = NULL;
  g_autoptr (GError) error = NULL;
  guint position;

  g_return_if_fail (ROSTRA_IS_ARTICLE_LIST (self));

  position = rostra_article_list_find (self, id);
  if (position == G_MAXUINT)
    return;
  /* By its id only: the snippet has not changed, and searching for it
   * again would walk every hit of the search. */
  article = rostra_store_load_article_row (self->store, id, NULL, &error);
  if (article == NULL)
    {
      g_debug ("Article %" G_GINT64_FORMAT " cannot be read: %s", id, error->message);
      g_hash_table_remove (self->cache, &id);
    }
  else
    {
      RostraArticle *before = g_hash_table_lookup (self->cache, &id);

      if (before != NULL && rostra_article_get_snippet (before) != NULL)
        _rostra_article_set_snippet (article, g_strdup (rostra_article_get_snippet (before)));
      g_hash_table_insert (self->cache, g_memdup2 (&id, sizeof id), g_object_ref (article));
    }
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 1);
}
