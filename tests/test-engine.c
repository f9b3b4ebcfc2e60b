/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-engine.c: the query engine: first pages, paging, counts, cancellation, errors, threads. */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/resource.h>

#include "rostra-article-list.h"
#include "rostra-engine-private.h"
#include "rostra-import-batch.h"
#include "rostra-store-private.h"
#include "rostra-test-utils.h"

#define N_ARTICLES 240

typedef struct
{
  char         *path;
  RostraStore  *store;
  RostraEngine *engine;
} Fixture;

/* Invented speeches: every one says "harbour" (some twice, some in the
 * title), every third "bridge", number 7 "zeppelin". */
static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->store = rostra_test_store_new (&f->path);
  g_assert_true (rostra_store_begin (f->store, &error));
  for (guint i = 1; i <= N_ARTICLES; i++)
    {
      g_autofree char *title =
          g_strdup_printf ("Speech %u on the %s", i, i % 5 == 0 ? "harbour" : "budget");
      g_autofree char *text = g_strdup_printf (
          "The harbour needs work, said speaker %u.%s%s%s Thank you.", i,
          i % 3 == 0 ? " The bridge too." : "", i % 4 == 0 ? " Our harbour is old." : "",
          i == 7 ? " A zeppelin landed." : "");
      g_autofree char *published =
          g_strdup_printf ("%04u-%02u-01T10:00:00", 1990 + i % 30, 1 + i % 12);
      gint64 id = 0;

      g_assert_true (rostra_store_add_article (f->store, 0, title, i % 2 ? "Courier" : "Herald",
                                               published, "en", text, &id, &error));
      g_assert_no_error (error);
    }
  g_assert_true (rostra_store_commit (f->store, &error));
  f->engine = rostra_engine_new (f->store);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->engine);
  g_clear_object (&f->store);
  g_free (f->path);
}

/* Waiting for an answer on the main context */

static RostraQuery *
search (const char *text)
{
  RostraQuery *query = rostra_query_new ();

  query->text = g_strdup (text);
  query->sort = ROSTRA_SORT_RELEVANCE;
  return query;
}

static void
assert_ids_equal (GArray *a, GArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  g_assert_cmpmem (a->data, a->len * sizeof (gint64), b->data, b->len * sizeof (gint64));
}

/* A search with fewer hits than the bound: all of them, ranked exactly
 * as the full query ranks them, the first page's rows with snippets. */
static void
test_first_page_complete (Fixture *f, gconstpointer data)
{
  g_autoptr (RostraQuery) query = search ("bridge");
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (RostraEnginePage) page = NULL;
  g_autoptr (GArray) exact = NULL;
  g_autoptr (GError) error = NULL;

  rostra_engine_first_page_async (f->engine, query, NULL, rostra_test_store_result, &result);
  g_assert_true (rostra_engine_get_busy (f->engine));
  page = rostra_engine_first_page_finish (f->engine, rostra_test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_false (rostra_engine_get_busy (f->engine));

  exact = rostra_store_query_ids (f->store, query, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (exact->len, ==, N_ARTICLES / 3);
  g_assert_true (page->complete);
  assert_ids_equal (page->ids, exact);
  g_assert_cmpuint (page->rows->len, ==, MIN (exact->len, ROSTRA_ENGINE_PAGE_SIZE));
  for (guint i = 0; i < page->rows->len; i++)
    {
      RostraArticle *row = g_ptr_array_index (page->rows, i);

      g_assert_cmpint (rostra_article_get_id (row), ==, g_array_index (exact, gint64, i));
      g_assert_nonnull (strstr (rostra_article_get_snippet (row), "bridge"));
      g_assert_null (rostra_article_get_text (row));
    }
}

/* More hits than the bound: the best of the newest `bound` hits, not
 * marked complete; the exact ranking puts the same best hit first when
 * it is among them. */
static void
test_first_page_bounded (Fixture *f, gconstpointer data)
{
  g_autoptr (RostraQuery) query = search ("harbour");
  g_autoptr (GArray) exact = NULL;
  g_autoptr (GArray) first = NULL;
  g_autoptr (GArray) newest = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *used = NULL;
  gboolean         complete = TRUE;
  guint            bound = 40;

  exact = rostra_store_query_ids (f->store, query, NULL, &error);
  g_assert_cmpuint (exact->len, ==, N_ARTICLES);
  first =
      rostra_store_query_first_page (f->store, query, 10, bound, NULL, &complete, &used, &error);
  g_assert_no_error (error);
  g_assert_false (complete);
  g_assert_cmpuint (first->len, ==, 10);
  /* Found by the word itself: its own query, for the snippets */
  g_assert_cmpstr (used, ==, "\"harbour\"");

  /* Every id is one of the newest (highest ids) `bound` hits, and they
   * are in the exact order those hits have among themselves. */
  newest = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < exact->len; i++)
    if (g_array_index (exact, gint64, i) > N_ARTICLES - bound)
      g_array_append_val (newest, g_array_index (exact, gint64, i));
  g_array_set_size (newest, 10);
  assert_ids_equal (first, newest);

  /* With the bound above the hits it is exact again. */
  g_clear_pointer (&first, g_array_unref);
  first = rostra_store_query_first_page (f->store, query, 10, N_ARTICLES + 1, NULL, &complete, NULL,
                                         &error);
  g_assert_true (complete);
  assert_ids_equal (first, exact);
}

/* Pages of every order are slices of the whole list; counts agree. */
static void
test_paging (Fixture *f, gconstpointer data)
{
  const RostraSortOrder sorts[] = { ROSTRA_SORT_NEWEST, ROSTRA_SORT_OLDEST, ROSTRA_SORT_TITLE,
                                    ROSTRA_SORT_RELEVANCE };
  const char           *texts[] = { NULL, "harbour", "bridge" };

  for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
    for (guint s = 0; s < G_N_ELEMENTS (sorts); s++)
      for (guint filtered = 0; filtered < 2; filtered++)
        {
          g_autoptr (RostraQuery) query = rostra_query_new ();
          g_autoptr (GArray) all = NULL;
          g_autoptr (GError) error = NULL;
          g_autoptr (GAsyncResult) result = NULL;
          gint64 count;

          query->text = g_strdup (texts[t]);
          query->sort = sorts[s];
          query->source = filtered ? g_strdup ("Herald") : NULL;
          all = rostra_store_query_ids (f->store, query, NULL, &error);
          g_assert_no_error (error);

          for (guint offset = 0; offset < all->len + 20; offset += 33)
            {
              g_autoptr (GArray) page =
                  rostra_store_query_range (f->store, query, offset, 25, NULL, &error);
              guint n = offset < all->len ? MIN (25, all->len - offset) : 0;

              g_assert_no_error (error);
              g_assert_cmpuint (page->len, ==, n);
              if (n > 0)
                g_assert_cmpmem (page->data, n * sizeof (gint64),
                                 &g_array_index (all, gint64, offset), n * sizeof (gint64));
            }

          rostra_engine_count_async (f->engine, query, NULL, rostra_test_store_result, &result);
          count = rostra_engine_count_finish (f->engine, rostra_test_wait_result (&result), &error);
          g_assert_no_error (error);
          g_assert_cmpint (count, ==, all->len);
          g_clear_object (&result);

          /* The engine's full list is the store's. */
          {
            g_autoptr (GArray) ids = NULL;

            rostra_engine_query_ids_async (f->engine, query, NULL, rostra_test_store_result,
                                           &result);
            ids = rostra_engine_query_ids_finish (f->engine, rostra_test_wait_result (&result),
                                                  &error);
            g_assert_no_error (error);
            assert_ids_equal (ids, all);
          }
        }
}

/* Rows of any page, and an article with its text. */
static void
test_rows (Fixture *f, gconstpointer data)
{
  const gint64 ids[] = { 7, 3, 99999, 240 };
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (RostraArticle) article = NULL;
  g_autoptr (GError) error = NULL;

  rostra_engine_load_rows_async (f->engine, ids, G_N_ELEMENTS (ids), "\"zeppelin\"", NULL,
                                 rostra_test_store_result, &result);
  rows = rostra_engine_load_rows_finish (f->engine, rostra_test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 4);
  g_assert_cmpstr (rostra_article_get_title (g_ptr_array_index (rows, 0)), ==,
                   "Speech 7 on the budget");
  g_assert_nonnull (strstr (rostra_article_get_snippet (g_ptr_array_index (rows, 0)), "zeppelin"));
  g_assert_null (rostra_article_get_snippet (g_ptr_array_index (rows, 1)));
  /* Deleted since: an empty row keeps the page's length. */
  g_assert_cmpint (rostra_article_get_id (g_ptr_array_index (rows, 2)), ==, 99999);
  g_assert_cmpstr (rostra_article_get_title (g_ptr_array_index (rows, 2)), ==, "");
  g_clear_object (&result);

  rostra_engine_load_article_async (f->engine, 240, NULL, rostra_test_store_result, &result);
  article =
      rostra_engine_load_article_finish (f->engine, rostra_test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (rostra_article_get_text (article), "speaker 240."));
  g_clear_object (&result);

  rostra_engine_load_article_async (f->engine, 99999, NULL, rostra_test_store_result, &result);
  g_assert_null (
      rostra_engine_load_article_finish (f->engine, rostra_test_wait_result (&result), &error));
  g_assert_error (error, ROSTRA_STORE_ERROR, ROSTRA_STORE_ERROR_NOT_FOUND);
}

/* Cancelling */

/* A query that never ends: only sqlite3_interrupt() stops it (no
 * progress handler, no check of the cancellable). */
static gboolean
endless_job (RostraEngineJob *job,
             RostraStore     *store,
             gpointer         data,
             GCancellable    *cancellable,
             gpointer        *result,
             GError         **error)
{
  sqlite3_stmt *stmt = _rostra_store_statement (
      store,
      "WITH RECURSIVE c (x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c",
      error);
  int rc;

  g_atomic_int_set ((gint *) data, 1);
  rc = sqlite3_step (stmt);
  _rostra_store_reset (stmt);
  *result = GINT_TO_POINTER (1);
  return _rostra_store_set_error (store, rc, error);
}

static gboolean
cancel_cb (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel_running (Fixture *f, gconstpointer data)
{
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  gint started = 0;

  _rostra_engine_run_async (f->engine, ROSTRA_ENGINE_READ, endless_job, &started, NULL, NULL, NULL,
                            NULL, cancellable, test_cancel_running, rostra_test_store_result,
                            &result);
  g_timeout_add (200, cancel_cb, cancellable);
  g_assert_null (_rostra_engine_run_finish (f->engine, rostra_test_wait_result (&result),
                                            test_cancel_running, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_atomic_int_get (&started), ==, 1);
  g_clear_error (&error);
  g_clear_object (&result);

  /* The interrupt reached that job only: the same reader answers the next. */
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr (RostraQuery) query = search ("zeppelin");
      gint64 count;

      rostra_engine_count_async (f->engine, query, NULL, rostra_test_store_result, &result);
      count = rostra_engine_count_finish (f->engine, rostra_test_wait_result (&result), &error);
      g_assert_no_error (error);
      g_assert_cmpint (count, ==, 1);
      g_clear_object (&result);
    }
}

typedef struct
{
  guint  n_answers;
  GQueue order; /* the queries answered, in order */
} Answers;

static void
count_answered (GObject *source, GAsyncResult *result, gpointer data)
{
  Answers *answers = data;
  g_autoptr (GError) error = NULL;
  gint64 count = rostra_engine_count_finish (ROSTRA_ENGINE (source), result, &error);

  answers->n_answers++;
  if (count >= 0)
    g_queue_push_tail (&answers->order, GINT_TO_POINTER ((int) count));
  else
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* Typing: each key cancels the query before it. Only the last answers;
 * the cancelled ones report it, whether they ran, were queued, or had
 * already found their answer. */
static void
test_cancel_stale (Fixture *f, gconstpointer data)
{
  const char   *keys[] = { "h", "ha", "har", "harb", "harbo", "harbou", "harbour", "bridge" };
  Answers       answers = { 0, G_QUEUE_INIT };
  GCancellable *cancellable = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autoptr (RostraQuery) query = search (keys[i]);

      if (cancellable != NULL)
        {
          g_cancellable_cancel (cancellable);
          g_object_unref (cancellable);
        }
      cancellable = g_cancellable_new ();
      rostra_engine_count_async (f->engine, query, cancellable, count_answered, &answers);
      if (i == 3) /* one answer computed before its cancel comes */
        g_usleep (100000);
    }
  while (answers.n_answers < G_N_ELEMENTS (keys))
    g_main_context_iteration (NULL, TRUE);
  g_object_unref (cancellable);

  g_assert_cmpuint (g_queue_get_length (&answers.order), ==, 1);
  g_assert_cmpint (GPOINTER_TO_INT (g_queue_peek_head (&answers.order)), ==, N_ARTICLES / 3);
  g_queue_clear (&answers.order);
  g_assert_false (rostra_engine_get_busy (f->engine));
}

/* Errors reach the caller */

static void
test_error_damaged (Fixture *f, gconstpointer data)
{
  g_autofree char *garbage = g_strnfill (64 * 1024, 'x');
  g_autoptr (RostraQuery) query = search ("harbour");
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (RostraEngine) engine = NULL;
  FILE *file;

  /* Everything in the file itself (no log left), then its pages but the
   * first overwritten in place. A new engine's workers open the file
   * when a job comes: it is damaged by then. */
  rostra_store_checkpoint (f->store);
  engine = rostra_engine_new (f->store);
  file = g_fopen (f->path, "r+b");
  g_assert_nonnull (file);
  g_assert_cmpint (fseek (file, 4096, SEEK_SET), ==, 0);
  g_assert_cmpuint (fwrite (garbage, 1, 64 * 1024, file), ==, 64 * 1024);
  fclose (file);

  rostra_engine_count_async (engine, query, NULL, rostra_test_store_result, &result);
  g_assert_cmpint (rostra_engine_count_finish (engine, rostra_test_wait_result (&result), &error),
                   ==, -1);
  g_assert_error (error, ROSTRA_STORE_ERROR, ROSTRA_STORE_ERROR_CORRUPT);
}

static gboolean
begin_job (RostraEngineJob *job,
           RostraStore     *store,
           gpointer         data,
           GCancellable    *cancellable,
           gpointer        *result,
           GError         **error)
{
  if (!rostra_store_begin (store, error))
    return FALSE;
  rostra_store_rollback (store);
  *result = GINT_TO_POINTER (1);
  return TRUE;
}

/* Another program holds the write lock: after the busy timeout the
 * writer's job fails with BUSY; readers still read. */
static void
test_error_locked (Fixture *f, gconstpointer data)
{
  g_autoptr (RostraStore) other = rostra_store_open (f->path, NULL);
  g_autoptr (RostraQuery) query = search ("bridge");
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GAsyncResult) read = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (rostra_store_begin (other, &error));
  _rostra_engine_run_async (f->engine, ROSTRA_ENGINE_WRITE, begin_job, NULL, NULL, NULL, NULL, NULL,
                            NULL, test_error_locked, rostra_test_store_result, &result);
  rostra_engine_count_async (f->engine, query, NULL, rostra_test_store_result, &read);
  g_assert_cmpint (rostra_engine_count_finish (f->engine, rostra_test_wait_result (&read), &error),
                   ==, N_ARTICLES / 3);
  g_assert_null (result); /* the writer still waits for the lock */
  g_assert_null (_rostra_engine_run_finish (f->engine, rostra_test_wait_result (&result),
                                            test_error_locked, &error));
  g_assert_error (error, ROSTRA_STORE_ERROR, ROSTRA_STORE_ERROR_BUSY);
  rostra_store_rollback (other);
}

static gboolean
add_big_job (RostraEngineJob *job,
             RostraStore     *store,
             gpointer         data,
             GCancellable    *cancellable,
             gpointer        *result,
             GError         **error)
{
  g_autoptr (GString) text = g_string_new (NULL);
  gint64 id = 0;

  for (guint i = 0; text->len < 4 * 1024 * 1024; i++)
    g_string_append_printf (text, "word%u ", i);
  if (!rostra_store_begin (store, error))
    return FALSE;
  if (!rostra_store_add_article (store, 0, "Too big", NULL, NULL, NULL, text->str, &id, error) ||
      !rostra_store_commit (store, error))
    {
      rostra_store_rollback (store);
      return FALSE;
    }
  *result = GINT_TO_POINTER (1);
  return TRUE;
}

/* The disk is full: a real limit on the size of files (RLIMIT_FSIZE)
 * stands in for it; the writer's job fails with FULL and changes nothing. */
static void
test_error_full (Fixture *f, gconstpointer data)
{
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  struct rlimit saved, limit;
  GStatBuf      db_stat, wal_stat = { 0 };

  g_assert_cmpint (g_stat (f->path, &db_stat), ==, 0);
  g_stat (wal, &wal_stat);
  signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  limit = saved;
  limit.rlim_cur = MAX (db_stat.st_size, wal_stat.st_size) + 256 * 1024;
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
  _rostra_engine_run_async (f->engine, ROSTRA_ENGINE_WRITE, add_big_job, NULL, NULL, NULL, NULL,
                            NULL, NULL, test_error_full, rostra_test_store_result, &result);
  rostra_test_wait_result (&result);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &saved), ==, 0);

  g_assert_null (_rostra_engine_run_finish (f->engine, result, test_error_full, &error));
  g_assert_error (error, ROSTRA_STORE_ERROR, ROSTRA_STORE_ERROR_FULL);
  g_assert_cmpint (rostra_store_count_articles (f->store, NULL), ==, N_ARTICLES);
}

/* A writer and readers at once */

typedef struct
{
  GMutex   lock;
  GCond    cond;
  gboolean written; /* the writer is inside its transaction */
  gboolean go_on;   /* the readers have read: commit */
} Handshake;

static gboolean
slow_writer_job (RostraEngineJob *job,
                 RostraStore     *store,
                 gpointer         data,
                 GCancellable    *cancellable,
                 gpointer        *result,
                 GError         **error)
{
  Handshake *h = data;

  if (!rostra_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *text = g_strdup_printf ("A new bridge, number %u.", i);
      gint64           id = 0;

      _rostra_engine_job_progress (job, i, 30);
      if (!rostra_store_add_article (store, 0, "New", NULL, NULL, NULL, text, &id, error))
        {
          rostra_store_rollback (store);
          return FALSE;
        }
    }
  g_mutex_lock (&h->lock);
  h->written = TRUE;
  g_cond_broadcast (&h->cond);
  while (!h->go_on)
    g_cond_wait (&h->cond, &h->lock);
  g_mutex_unlock (&h->lock);
  if (!rostra_store_commit (store, error))
    return FALSE;
  _rostra_engine_job_progress (job, 30, 30);
  *result = GINT_TO_POINTER (1);
  return TRUE;
}

static void
note_progress (guint64 done, guint64 total, gpointer data)
{
  double *last = data;
  double  fraction = (double) done / total;

  g_assert_cmpuint (total, ==, 30);
  g_assert_cmpfloat (fraction, >=, *last);
  *last = fraction;
}

static gint64
count_now (Fixture *f, const char *text)
{
  g_autoptr (RostraQuery) query = search (text);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  gint64 count;

  rostra_engine_count_async (f->engine, query, NULL, rostra_test_store_result, &result);
  count = rostra_engine_count_finish (f->engine, rostra_test_wait_result (&result), &error);
  g_assert_no_error (error);
  return count;
}

static void
test_writer_and_readers (Fixture *f, gconstpointer data)
{
  Handshake h = { 0 };
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  double last = -1;

  g_mutex_init (&h.lock);
  g_cond_init (&h.cond);
  _rostra_engine_run_async (f->engine, ROSTRA_ENGINE_WRITE, slow_writer_job, &h, NULL, NULL,
                            note_progress, &last, NULL, test_writer_and_readers,
                            rostra_test_store_result, &result);

  g_mutex_lock (&h.lock);
  while (!h.written)
    g_cond_wait (&h.cond, &h.lock);
  g_mutex_unlock (&h.lock);

  /* Mid-transaction: both readers answer, and see the archive as it was. */
  for (guint i = 0; i < 6; i++)
    g_assert_cmpint (count_now (f, "bridge"), ==, N_ARTICLES / 3);
  g_assert_null (result);

  g_mutex_lock (&h.lock);
  h.go_on = TRUE;
  g_cond_broadcast (&h.cond);
  g_mutex_unlock (&h.lock);
  g_assert_nonnull (_rostra_engine_run_finish (f->engine, rostra_test_wait_result (&result),
                                               test_writer_and_readers, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_now (f, "bridge"), ==, N_ARTICLES / 3 + 30);
  g_assert_cmpfloat (last, >=, 0);

  g_mutex_clear (&h.lock);
  g_cond_clear (&h.cond);
}

static gpointer
do_nothing (gpointer data)
{
  return NULL;
}

/* A connection used on a thread that does not own it is a bug that
 * aborts at once. */
static void
test_owner_thread (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr (RostraStore) store = rostra_test_store_new (NULL);
      GThread *other = g_thread_new ("other", do_nothing, NULL);

      _rostra_store_set_owner_thread (store, other);
      rostra_store_count_articles (store, NULL);
      g_thread_join (other);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*owner*");
}

/* In memory there is no other connection: the jobs run with the
 * caller's, and still answer from the main loop. */
static void
test_in_memory (void)
{
  g_autoptr (RostraStore) store = rostra_store_open (":memory:", NULL);
  g_autoptr (RostraEngine) engine = rostra_engine_new (store);
  g_autoptr (RostraQuery) query = rostra_query_new ();
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  gint64 id = 0;

  g_assert_true (rostra_store_add_article (store, 0, "Only", NULL, NULL, NULL, "Text.", &id, NULL));
  rostra_engine_count_async (engine, query, NULL, rostra_test_store_result, &result);
  g_assert_null (result);
  g_assert_cmpint (rostra_engine_count_finish (engine, rostra_test_wait_result (&result), &error),
                   ==, 1);
}

/* The window's long jobs, as calls of the engine */
static void
test_jobs (Fixture *f, gconstpointer data)
{
  RostraEngine *shared = rostra_engine_get_for_store (f->store);
  g_autoptr (RostraExportJob) job = rostra_export_job_new ();
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  /* One engine per store, for every widget */
  g_assert_true (rostra_engine_get_for_store (f->store) == shared);
  g_assert_true (shared != f->engine);
  {
    g_autoptr (RostraEngine) by_path = rostra_engine_get_for_path (f->path);
    g_auto (GStrv) tags = NULL;

    g_assert_true (by_path == shared);
    rostra_engine_list_tag_names_async (shared, NULL, rostra_test_store_result, &result);
    tags = rostra_engine_list_tag_names_finish (shared, rostra_test_wait_result (&result), &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_strv_length (tags), ==, 0);
    g_clear_object (&result);
  }

  rostra_engine_check_async (shared, NULL, rostra_test_store_result, &result);
  g_assert_true (rostra_engine_get_busy (shared));
  g_assert_true (rostra_engine_check_finish (shared, rostra_test_wait_result (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  /* The count of an export of the speeches a search shows */
  job->format = ROSTRA_EXPORT_FORMAT_JSON;
  job->kind = ROSTRA_EXPORT_SCOPE_ARTICLES;
  job->query = search ("zeppelin");
  rostra_engine_export_async (shared, job, NULL, rostra_test_store_result, &result);
  g_assert_true (rostra_engine_export_finish (shared, rostra_test_wait_result (&result), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (job->n_articles, ==, 1);
  g_assert_cmpuint (job->ids->len, ==, 1);
  g_assert_cmpint (g_array_index (job->ids, gint64, 0), ==, 7);
  g_assert_false (rostra_engine_get_busy (shared));
}

/* A batch of files on the writer: each file's result, in order; a
 * cancelled batch leaves its files unopened. */
static void
import_progress_seen (guint64 done, guint64 total, gpointer data)
{
  (*(guint *) data)++;
  g_assert_cmpuint (done, <=, total);
}

static void
test_import_batch (Fixture *f, gconstpointer data)
{
  g_autofree char *dump = rostra_test_write_dump ("batch.txt", "Batch", 12, 7);
  g_autoptr (GFile) file = g_file_new_for_path (dump);
  g_autoptr (GFile) missing = g_file_new_for_path ("/nonexistent/speeches.txt");
  g_autoptr (RostraImportBatch) batch = rostra_import_batch_new (NULL);
  g_autoptr (RostraImportBatch) cancelled = rostra_import_batch_new (NULL);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  RostraImportReport *report = NULL;
  guint               current, n_entries, n_finished, n_progress = 0;
  guint64             done_bytes, bytes_read;

  GStatBuf st;

  g_assert_cmpint (g_stat (dump, &st), ==, 0);
  rostra_import_batch_add (batch, file, "first", st.st_size);
  rostra_import_batch_add (batch, missing, "missing", 0);
  rostra_import_batch_add (batch, file, "again", st.st_size);
  rostra_engine_import_batch_async (f->engine, batch, import_progress_seen, &n_progress,
                                    rostra_test_store_result, &result);
  g_assert_true (
      rostra_engine_import_batch_finish (f->engine, rostra_test_wait_result (&result), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_progress, >, 0);
  rostra_import_batch_get_progress (batch, &current, &done_bytes, &bytes_read, &n_entries,
                                    &n_finished);
  g_assert_cmpuint (n_finished, ==, 3);

  g_assert_true (rostra_import_batch_take_result (batch, 0, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_new, ==, 12);
  g_clear_pointer (&report, rostra_import_report_free);
  g_assert_false (rostra_import_batch_take_result (batch, 1, &report, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_clear_pointer (&report, rostra_import_report_free);
  g_assert_true (rostra_import_batch_take_result (batch, 2, &report, &error));
  g_assert_cmpuint (report->n_new, ==, 0);
  g_assert_cmpuint (report->n_duplicates, ==, 12);
  g_clear_pointer (&report, rostra_import_report_free);
  g_assert_cmpint (rostra_store_count_articles (f->store, NULL), ==, N_ARTICLES + 12);
  g_clear_object (&result);

  /* Cancelled before it ran: no file is opened, nothing changes. */
  rostra_import_batch_add (cancelled, file, "never", st.st_size);
  rostra_import_batch_cancel (cancelled);
  rostra_engine_import_batch_async (f->engine, cancelled, NULL, NULL, rostra_test_store_result,
                                    &result);
  g_assert_true (
      rostra_engine_import_batch_finish (f->engine, rostra_test_wait_result (&result), &error));
  g_assert_false (rostra_import_batch_take_result (cancelled, 0, &report, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (report);
  g_assert_cmpint (rostra_store_count_articles (f->store, NULL), ==, N_ARTICLES + 12);
}

/* The article list on the engine */

#define N_BIG (ROSTRA_ENGINE_FIRST_BOUND + 600)

typedef struct
{
  guint n_loaded;
  guint n_changes;
  guint n_items_at_first_change;
} ListWatch;

static void
list_changed (GListModel *model, guint position, guint removed, guint added, ListWatch *w)
{
  if (w->n_changes++ == 0)
    w->n_items_at_first_change = g_list_model_get_n_items (model);
}

static void
list_loaded (RostraArticleList *list, GError *error, ListWatch *w)
{
  g_assert_no_error (error);
  w->n_loaded++;
}

static void
wait_loaded (RostraArticleList *list, ListWatch *w, guint n_loaded)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while ((w->n_loaded < n_loaded || rostra_article_list_get_loading (list)) &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (w->n_loaded, ==, n_loaded);
  g_assert_false (rostra_article_list_get_loading (list));
}

static RostraStore *
big_store (void)
{
  RostraStore *store = rostra_test_store_new (NULL);
  g_autoptr (GError) error = NULL;

  g_assert_true (rostra_store_begin (store, &error));
  for (guint i = 1; i <= N_BIG; i++)
    {
      g_autofree char *title = g_strdup_printf ("Speech %u", i);
      g_autofree char *text =
          g_strdup_printf ("The harbour%s, said speaker %u.%s", i % 7 ? "" : " harbour", i,
                           i % 100 ? "" : " The bridge.");
      gint64 id = 0;

      g_assert_true (
          rostra_store_add_article (store, 0, title, NULL, NULL, "en", text, &id, &error));
    }
  g_assert_true (rostra_store_commit (store, &error));
  return store;
}

/* More hits than the first page ranks: the page (50 rows, read) comes
 * first, then the count, then the exact order; rows past the page are
 * placeholders until a worker reads their page. */
static void
test_list_first_page_first (void)
{
  g_autoptr (RostraStore) store = big_store ();
  g_autoptr (RostraArticleList) list = rostra_article_list_new (store);
  g_autoptr (RostraQuery) query = search ("harbour");
  g_autoptr (GArray) exact = rostra_store_query_ids (store, query, NULL, NULL);
  g_autoptr (RostraArticle) first = NULL;
  g_autoptr (RostraArticle) waiting = NULL;
  g_autoptr (RostraArticle) read = NULL;
  ListWatch w = { 0 };
  gint64    deadline;
  guint     far = N_BIG - 100;

  g_signal_connect (list, "items-changed", G_CALLBACK (list_changed), &w);
  g_signal_connect (list, "loaded", G_CALLBACK (list_loaded), &w);
  rostra_article_list_set_query (list, query);
  wait_loaded (list, &w, 1);

  g_assert_cmpuint (w.n_items_at_first_change, ==, ROSTRA_ENGINE_PAGE_SIZE);
  g_assert_cmpuint (w.n_changes, >=, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, N_BIG);
  for (guint i = 0; i < N_BIG; i++)
    g_assert_cmpint (rostra_article_list_get_id (list, i), ==, g_array_index (exact, gint64, i));

  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpint (rostra_article_get_id (first), ==, g_array_index (exact, gint64, 0));
  g_assert_nonnull (rostra_article_get_snippet (first));

  /* Far down: a placeholder at once, its row once the page is read. */
  waiting = g_list_model_get_item (G_LIST_MODEL (list), far);
  g_assert_cmpstr (rostra_article_get_title (waiting), ==, "");
  w.n_changes = 0;
  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (w.n_changes == 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (w.n_changes, ==, 1);
  read = g_list_model_get_item (G_LIST_MODEL (list), far);
  g_assert_true (read != waiting);
  g_assert_cmpint (rostra_article_get_id (read), ==, g_array_index (exact, gint64, far));
  g_assert_nonnull (strstr (rostra_article_get_title (read), "Speech "));
}

/* Typing: each query cancels the one before; only the last reaches the
 * model, and "loaded" comes once. */
static void
test_list_stale (void)
{
  const char *keys[] = { "h", "ha", "har", "harb", "harbo", "harbou", "harbour", "bridge" };
  g_autoptr (RostraStore) store = big_store ();
  g_autoptr (RostraArticleList) list = rostra_article_list_new (store);
  g_autoptr (GArray) exact = NULL;
  ListWatch w = { 0 };

  g_signal_connect (list, "loaded", G_CALLBACK (list_loaded), &w);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autoptr (RostraQuery) query = search (keys[i]);

      rostra_article_list_set_query (list, query);
      if (i == 4) /* a key late enough for the first page to be shown */
        {
          gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

          while (g_list_model_get_n_items (G_LIST_MODEL (list)) == 0 &&
                 g_get_monotonic_time () < deadline)
            g_main_context_iteration (NULL, TRUE);
        }
    }
  wait_loaded (list, &w, 1);

  {
    g_autoptr (RostraQuery) last = search ("bridge");

    exact = rostra_store_query_ids (store, last, NULL, NULL);
  }
  g_assert_cmpuint (exact->len, ==, N_BIG / 100);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, exact->len);
  for (guint i = 0; i < exact->len; i++)
    {
      g_autoptr (RostraArticle) row = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_assert_cmpint (rostra_article_get_id (row), ==, g_array_index (exact, gint64, i));
      g_assert_nonnull (strstr (rostra_article_get_snippet (row), "bridge"));
    }

  /* Nothing more comes: the cancelled queries' answers were dropped. */
  for (guint i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
  g_usleep (200000);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (w.n_loaded, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, exact->len);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/engine/first-page/complete", test_first_page_complete);
  ADD ("/engine/first-page/bounded", test_first_page_bounded);
  ADD ("/engine/paging", test_paging);
  ADD ("/engine/rows", test_rows);
  ADD ("/engine/cancel/running", test_cancel_running);
  ADD ("/engine/cancel/stale", test_cancel_stale);
  ADD ("/engine/error/damaged", test_error_damaged);
  ADD ("/engine/error/locked", test_error_locked);
  ADD ("/engine/error/full", test_error_full);
  ADD ("/engine/writer-and-readers", test_writer_and_readers);
  ADD ("/engine/jobs", test_jobs);
  ADD ("/engine/import-batch", test_import_batch);
#undef ADD
  g_test_add_func ("/engine/owner-thread", test_owner_thread);
  g_test_add_func ("/engine/in-memory", test_in_memory);
  g_test_add_func ("/engine/list/first-page-first", test_list_first_page_first);
  g_test_add_func ("/engine/list/stale", test_list_stale);

  return g_test_run ();
}
