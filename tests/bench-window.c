/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-window.c: how fast the main window opens, searches and reads a big archive.
 *
 * A developer tool, run with `meson test --benchmark` under Xvfb (or by
 * hand, see --help). It writes an archive of invented English and Dutch
 * speeches straight through RostraStore (the same every time: the
 * generator has a fixed seed), then opens the real window on an empty
 * archive and on the big one, and prints how long the first frame, the
 * filled list, a few searches, opening articles and typing a word take,
 * and how much memory the process holds. It fails when a count is wrong
 * or a step cannot be done, never on speed; but a step that keeps the
 * window frozen longer than --step-timeout (10 minutes) stops it, since
 * nothing else could.
 *
 * Times are from the monotonic clock, in ms, from the start of each step.
 * "painted" is the end of the first frame (GdkFrameClock::after-paint)
 * that follows the event; under Xvfb frames are paced by GDK's timer, so
 * it includes up to one refresh interval (~16 ms) of waiting. "stall" is
 * the longest time the main loop could not run: how long the window was
 * frozen. "ping" is the same measured from outside the process, as a
 * window manager does to find hung applications: tests/bench-ping sends
 * the window a _NET_WM_PING every 20 ms, GDK answers from the main loop,
 * and the longest wait for an answer during the step is shown. Searches
 * are set at once, as the search entry does 150 ms after the last key.
 * Sizes are in MB of 1024 × 1024 bytes.
 *
 * The speeches are of realistic length: 2 to 13 paragraphs of 60 to 120
 * words, 1 to 8 KB, about 4 KB on average; they are written in
 * transactions of COMMIT_EVERY articles, so that a million of them
 * (about 4 GB of text) never sit in the write-ahead log at once.
 */

#include "config.h"

#include <gdk/x11/gdkx.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>

#include "bench-archive.h"
#include "rostra-application.h"
#include "rostra-test-utils.h"
#include "rostra-window.h"

#define DEFAULT_ARTICLES 100000
#define WINDOW_WIDTH     1200
#define WINDOW_HEIGHT    800
#define MB               (1024.0 * 1024.0)
/* Longest wait for a frame once there is something to paint */
#define FRAME_TIMEOUT_MS 10000
/* The search entry's own search-changed comes 150 ms after the text
 * changed; let it pass between two measurements. */
#define SETTLE_MS       300
#define TYPING_DELAY_MS 125 /* 8 keys a second */
/* Stop when one step keeps the main loop blocked this long */
#define DEFAULT_STEP_TIMEOUT_S 600

/* clang-format off */
/* What the user types, in order; the window must find exactly the
 * articles count_matches() finds. */
static const char *const searches[] = {
  "school",                      /* a common word, in both languages */
  "the",                         /* in most English speeches, and a prefix of more */
  "zeppelin",                    /* a rare word */
  "bri",                         /* a 3-letter prefix */
  "\"for the next generation\"", /* a phrase */
};
static const char *const search_kinds[] = {
  "common word", "most speeches", "rare word", "3-letter prefix", "phrase",
};

/* Typed one key at a time, last */
static const char typed_word[] = "harbour";
#define TYPED_LEN (sizeof typed_word - 1)
/* clang-format on */

/* Waiting */

typedef gboolean (*ConditionFunc) (gpointer data);

static gboolean
timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Spins the default main context until @condition holds or
 * @timeout_ms pass; returns whether @condition held. */
static gboolean
wait_for (ConditionFunc condition, gpointer data, guint timeout_ms)
{
  gboolean timed_out = FALSE;
  guint    timeout_id = g_timeout_add (timeout_ms, timeout_cb, &timed_out);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (!timed_out)
    g_source_remove (timeout_id);
  return condition (data);
}

/* Runs the main loop for @ms, whatever happens. */
static void
settle (guint ms)
{
  gboolean timed_out = FALSE;

  g_timeout_add (ms, timeout_cb, &timed_out);
  while (!timed_out)
    g_main_context_iteration (NULL, TRUE);
}

/* Runs whatever is pending, without blocking, for at most a second (a
 * running animation is always pending). */
static void
flush_main_context (void)
{
  gint64 deadline = g_get_monotonic_time () + G_USEC_PER_SEC;

  while (g_main_context_iteration (NULL, FALSE) && g_get_monotonic_time () < deadline)
    ;
}

/* Stalls: how long the main loop could not run a 10 ms timeout, that
 * is, how long the window froze. */

#define STALL_TICK_MS 10

static gint64 stall_last_tick;
static gint64 stall_longest; /* µs */
static gint   heartbeat;     /* ticks, for the watchdog thread */

static gboolean
stall_tick_cb (gpointer user_data G_GNUC_UNUSED)
{
  gint64 now = g_get_monotonic_time ();

  g_atomic_int_inc (&heartbeat);
  stall_longest = MAX (stall_longest, now - stall_last_tick - STALL_TICK_MS * 1000);
  stall_last_tick = now;
  return G_SOURCE_CONTINUE;
}

static void ping_reset (void);

static void
stall_reset (void)
{
  stall_last_tick = g_get_monotonic_time ();
  stall_longest = 0;
  ping_reset ();
}

/* The longest stall since stall_reset (), counting the one going on. */
static gdouble
stall_longest_ms (void)
{
  gint64 now = g_get_monotonic_time ();

  return MAX (stall_longest, now - stall_last_tick - STALL_TICK_MS * 1000) / 1000.0;
}

/* The ping probe: tests/bench-ping, another process, pings the window
 * every PING_INTERVAL_MS; its lines are read on a thread of our own. */

#define PING_INTERVAL_MS 20
#define PING_RING        4096

static char    *ping_exe;
static GMutex   ping_lock;
static gint64   ping_sent[PING_RING]; /* when each ping's line came */
static guint64  ping_last_sent;
static guint64  ping_last_answered;
static guint64  ping_since; /* pings after this one count */
static gint64   ping_longest;
static guint64  ping_n_answers;
static GPid     ping_pid;
static GThread *ping_thread;

static gpointer
ping_reader (gpointer data)
{
  FILE *in = fdopen (GPOINTER_TO_INT (data), "r");
  char  line[128];

  while (in != NULL && fgets (line, sizeof line, in) != NULL)
    {
      guint64 seq = 0;
      gint64  latency = 0;

      g_mutex_lock (&ping_lock);
      if (sscanf (line, "s %" G_GUINT64_FORMAT, &seq) == 1)
        {
          ping_sent[seq % PING_RING] = g_get_monotonic_time ();
          ping_last_sent = seq;
        }
      else if (sscanf (line, "r %" G_GUINT64_FORMAT " %" G_GINT64_FORMAT, &seq, &latency) == 2)
        {
          ping_last_answered = MAX (ping_last_answered, seq);
          ping_n_answers++;
          if (seq > ping_since)
            ping_longest = MAX (ping_longest, latency);
        }
      g_mutex_unlock (&ping_lock);
    }
  if (in != NULL)
    fclose (in);
  return NULL;
}

static void
ping_start (GtkWindow *window)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  g_autoptr (GError) error = NULL;
  g_autofree char *xid = NULL;
  const char      *argv[] = { ping_exe, NULL, G_STRINGIFY (PING_INTERVAL_MS), NULL };
  int              out = -1;

  if (ping_exe == NULL || !GDK_IS_X11_SURFACE (surface))
    return;
  xid = g_strdup_printf ("0x%lx", (unsigned long) gdk_x11_surface_get_xid (surface));
  argv[1] = xid;
  /* The window must exist on the server before it is pinged. */
  gdk_display_sync (gdk_surface_get_display (surface));
  if (!g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                                 &ping_pid, NULL, &out, NULL, &error))
    {
      g_printerr ("bench-window: no ping probe: %s\n", error->message);
      return;
    }
  g_mutex_lock (&ping_lock);
  ping_last_sent = ping_last_answered = ping_since = 0;
  ping_longest = 0;
  ping_n_answers = 0;
  g_mutex_unlock (&ping_lock);
  ping_thread = g_thread_new ("ping-reader", ping_reader, GINT_TO_POINTER (out));
}

static void
ping_stop (void)
{
  if (ping_pid == 0)
    return;
  kill (ping_pid, SIGTERM);
  g_thread_join (g_steal_pointer (&ping_thread));
  waitpid (ping_pid, NULL, 0);
  g_spawn_close_pid (ping_pid);
  ping_pid = 0;
}

static void
ping_reset (void)
{
  g_mutex_lock (&ping_lock);
  ping_since = ping_last_sent;
  ping_longest = 0;
  g_mutex_unlock (&ping_lock);
}

static void settle (guint ms);

/* The longest wait for an answer since ping_reset (), "-" without the
 * probe: runs the main loop a little first, for the answers on their way. */
static char *
ping_longest_text (void)
{
  gint64 longest, now;

  if (ping_pid == 0)
    return g_strdup ("-");
  settle (3 * PING_INTERVAL_MS);
  now = g_get_monotonic_time ();
  g_mutex_lock (&ping_lock);
  longest = ping_longest;
  /* Still unanswered: the oldest one is waiting now. */
  for (guint64 seq = MAX (ping_last_answered, ping_since) + 1; seq <= ping_last_sent; seq++)
    if (ping_last_sent - seq < PING_RING)
      {
        longest = MAX (longest, now - ping_sent[seq % PING_RING]);
        break;
      }
  if (ping_n_answers == 0)
    longest = -1;
  g_mutex_unlock (&ping_lock);
  return longest < 0 ? g_strdup ("none") : g_strdup_printf ("%.1f", longest / 1000.0);
}

/* The watchdog: a step that keeps the main loop blocked longer than
 * --step-timeout stops the program, since nothing else can. (A step
 * that only waits that long fails on its own.) */

static GMutex step_lock;
static char  *step_name;
static gint64 step_start;
static guint  step_timeout_s;

static void step_begin (const char *format, ...) G_GNUC_PRINTF (1, 2);

static void
step_begin (const char *format, ...)
{
  va_list args;

  g_mutex_lock (&step_lock);
  g_free (step_name);
  va_start (args, format);
  step_name = g_strdup_vprintf (format, args);
  va_end (args);
  step_start = g_get_monotonic_time ();
  g_mutex_unlock (&step_lock);
  /* A beat: writing a big archive took longer than a step may freeze. */
  g_atomic_int_inc (&heartbeat);
}

static void
step_end (void)
{
  g_mutex_lock (&step_lock);
  g_clear_pointer (&step_name, g_free);
  g_mutex_unlock (&step_lock);
}

/* Longest wait for a query: as long as the watchdog lets a step run */
static guint
query_timeout_ms (void)
{
  return step_timeout_s > 0 ? step_timeout_s * 1000 : G_MAXINT;
}

static gpointer
watchdog_thread (gpointer data G_GNUC_UNUSED)
{
  gint   last_beat = g_atomic_int_get (&heartbeat);
  gint64 last_beat_time = g_get_monotonic_time ();

  for (;;)
    {
      gint   beat;
      gint64 now;

      g_usleep (G_USEC_PER_SEC);
      beat = g_atomic_int_get (&heartbeat);
      now = g_get_monotonic_time ();
      if (beat != last_beat)
        {
          last_beat = beat;
          last_beat_time = now;
          continue;
        }

      g_mutex_lock (&step_lock);
      if (step_name != NULL && now - last_beat_time > step_timeout_s * G_USEC_PER_SEC)
        {
          g_printerr ("bench-window: FAILED: %s froze the window for more than %u s; stopped "
                      "(see --step-timeout)\n",
                      step_name, step_timeout_s);
          fflush (stdout);
          exit (1);
        }
      g_mutex_unlock (&step_lock);
    }
  return NULL;
}

/* Watching a window: its frames, and its list's queries */

typedef struct
{
  RostraWindow      *window;
  RostraArticleList *list;
  GdkFrameClock     *clock;
  gulong             after_paint_id;

  guint  n_frames;
  gint64 first_frame; /* end of the first frame, 0 until then */
  gint64 last_frame;

  guint    n_loads;
  gint64   loaded;         /* the last "loaded" */
  gint64   painted_loaded; /* end of the first frame after it, 0 until then */
  guint    n_items_painted;
  gint64   changed_start; /* the list's last items-changed, before any handler */
  gint64   changed_end;   /* … and after the window's */
  gboolean query_failed;

  gint64 first_after;   /* the first items-changed after this time… */
  gint64 changed_after; /* … came then */
  gint64 painted_after; /* … and was painted then */
} Watch;

static void
after_paint_cb (GdkFrameClock *clock G_GNUC_UNUSED, Watch *w)
{
  gint64 now = g_get_monotonic_time ();

  w->n_frames++;
  w->last_frame = now;
  if (w->changed_after > 0 && w->painted_after == 0)
    w->painted_after = now;
  if (w->first_frame == 0)
    w->first_frame = now;
  if (w->n_loads > 0 && w->painted_loaded == 0)
    {
      w->painted_loaded = now;
      w->n_items_painted = g_list_model_get_n_items (G_LIST_MODEL (w->list));
    }
}

static void
realize_cb (GtkWidget *widget, Watch *w)
{
  w->clock = gtk_widget_get_frame_clock (widget);
  g_assert_nonnull (w->clock);
  g_object_ref (w->clock);
  w->after_paint_id = g_signal_connect (w->clock, "after-paint", G_CALLBACK (after_paint_cb), w);
}

static void
loaded_cb (RostraArticleList *list G_GNUC_UNUSED, GError *error, Watch *w)
{
  w->n_loads++;
  w->loaded = g_get_monotonic_time ();
  w->painted_loaded = 0;
  if (error != NULL)
    {
      g_printerr ("bench-window: the query failed: %s\n", error->message);
      w->query_failed = TRUE;
    }
}

static void
items_changed_cb (GListModel *list G_GNUC_UNUSED,
                  guint position   G_GNUC_UNUSED,
                  guint removed    G_GNUC_UNUSED,
                  guint added      G_GNUC_UNUSED,
                  Watch           *w)
{
  w->changed_end = g_get_monotonic_time ();
  if (w->first_after > 0 && w->changed_after == 0)
    w->changed_after = w->changed_end;
}

/* The watch whose list the items-changed emission hook times. */
static Watch *hooked_watch;

static gboolean
items_changed_hook (GSignalInvocationHint *hint G_GNUC_UNUSED,
                    guint                       n_params,
                    const GValue               *params,
                    gpointer data               G_GNUC_UNUSED)
{
  if (hooked_watch != NULL && n_params > 0 &&
      g_value_peek_pointer (&params[0]) == (gpointer) hooked_watch->list)
    hooked_watch->changed_start = g_get_monotonic_time ();
  return TRUE;
}

static gboolean
first_load_painted (gpointer data)
{
  Watch *w = data;

  return w->first_frame > 0 && w->painted_loaded > 0;
}

typedef struct
{
  Watch *watch;
  guint  n_loads;
  guint  n_frames;
} Mark;

static gboolean
loaded_since (gpointer data)
{
  Mark *m = data;

  return m->watch->n_loads > m->n_loads && !rostra_article_list_get_loading (m->watch->list);
}

static gboolean
painted_since_load (gpointer data)
{
  Mark *m = data;

  return m->watch->painted_loaded > 0;
}

static gboolean
painted_since (gpointer data)
{
  Mark *m = data;

  return m->watch->n_frames > m->n_frames;
}

/* Where @w stands before a measurement, which starts now. */
static Mark
mark (Watch *w)
{
  Mark m = { w, w->n_loads, w->n_frames };

  w->changed_start = w->changed_end = 0;
  stall_reset ();
  return m;
}

/* Reporting */

static gboolean failed;

static void fail (const char *format, ...) G_GNUC_PRINTF (1, 2);

static void
fail (const char *format, ...)
{
  va_list          args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("bench-window: %s\n", message);
  failed = TRUE;
}

static void
check_count (const char *what, guint value, guint expected)
{
  if (value != expected)
    fail ("%s: %u, expected %u", what, value, expected);
}

static gdouble
ms_between (gint64 start, gint64 end)
{
  return (end - start) / 1000.0;
}

/* "12.3", or "-" when @end never came */
static char *
format_ms (gint64 start, gint64 end)
{
  if (end <= 0 || end < start)
    return g_strdup ("-");
  return g_strdup_printf ("%.1f", ms_between (start, end));
}

/* Other processes share the machine: say how busy it was. */
static void
print_load (const char *when)
{
  g_autofree char *load = NULL;

  if (g_file_get_contents ("/proc/loadavg", &load, NULL, NULL))
    g_print ("  load average %s: %s", when, load);
}

static void
print_memory (const char *when)
{
  g_print ("  %-44s VmRSS %7.1f MB   VmHWM %7.1f MB\n", when,
           rostra_test_read_status_kb ("VmRSS") / 1024.0,
           rostra_test_read_status_kb ("VmHWM") / 1024.0);
}

static gint64
file_size (const char *path)
{
  GStatBuf buf;

  if (g_stat (path, &buf) != 0)
    return -1;
  return buf.st_size;
}

/* The window */

/* The application, registered once and never run. */
static RostraApplication *app;

/* The list view showing @list (the drop-downs have list views too). */
static GtkWidget *
find_list_view (GtkWidget *widget, RostraArticleList *list)
{
  if (GTK_IS_LIST_VIEW (widget))
    {
      GtkSelectionModel *model = gtk_list_view_get_model (GTK_LIST_VIEW (widget));

      if (GTK_IS_SINGLE_SELECTION (model) &&
          gtk_single_selection_get_model (GTK_SINGLE_SELECTION (model)) == G_LIST_MODEL (list))
        return widget;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_list_view (child, list);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Opens a window on @path, shows it at WINDOW_WIDTH × WINDOW_HEIGHT
 * and waits until its list is loaded and painted; prints the times,
 * from before rostra_window_new (). */
static gboolean
open_window (Watch *w, const char *label, const char *path, guint expected)
{
  gint64 start, constructed, presented;

  memset (w, 0, sizeof *w);
  rostra_application_set_database (app, path);
  step_begin ("opening the window on the %s archive", label);
  mark (w);
  start = g_get_monotonic_time ();
  w->window = rostra_window_new (GTK_APPLICATION (app), rostra_application_get_database (app));
  constructed = g_get_monotonic_time ();

  w->list = rostra_window_get_articles (w->window);
  if (w->list == NULL)
    {
      fail ("the window could not open %s", path);
      step_end ();
      return FALSE;
    }
  hooked_watch = w;
  g_signal_connect (w->list, "loaded", G_CALLBACK (loaded_cb), w);
  g_signal_connect (w->list, "items-changed", G_CALLBACK (items_changed_cb), w);
  g_signal_connect_after (w->window, "realize", G_CALLBACK (realize_cb), w);

  gtk_window_set_default_size (GTK_WINDOW (w->window), WINDOW_WIDTH, WINDOW_HEIGHT);
  gtk_window_present (GTK_WINDOW (w->window));
  presented = g_get_monotonic_time ();
  ping_start (GTK_WINDOW (w->window));

  if (!wait_for (first_load_painted, w, query_timeout_ms ()))
    {
      fail ("the window on %s did not show its list (frames %u, loads %u)", path, w->n_frames,
            w->n_loads);
      step_end ();
      return FALSE;
    }
  step_end ();

  {
    g_autofree char *first = format_ms (start, w->first_frame);
    g_autofree char *query = format_ms (start, w->changed_start);
    g_autofree char *changed = format_ms (w->changed_start, w->changed_end);
    g_autofree char *loaded = format_ms (start, w->loaded);
    g_autofree char *painted = format_ms (start, w->painted_loaded);
    gdouble          stall = stall_longest_ms ();
    g_autofree char *ping = ping_longest_text ();

    g_print ("  %-12s %9.1f %9.1f %11s %9s %11s %9s %9s %9.1f %9s %7u  %s\n", label,
             ms_between (start, constructed), ms_between (start, presented), first, query, changed,
             loaded, painted, stall, ping, w->n_items_painted,
             w->n_items_painted == expected ? "ok" : "WRONG");
  }
  check_count ("articles in the window", w->n_items_painted, expected);
  return !w->query_failed;
}

static void
close_window (Watch *w)
{
  ping_stop ();
  hooked_watch = NULL;
  if (w->clock != NULL)
    {
      g_clear_signal_handler (&w->after_paint_id, w->clock);
      g_clear_object (&w->clock);
    }
  if (w->list != NULL)
    g_signal_handlers_disconnect_by_data (w->list, w);
  if (w->window != NULL)
    {
      gtk_window_destroy (GTK_WINDOW (w->window));
      flush_main_context ();
      if (gtk_application_get_windows (GTK_APPLICATION (app)) != NULL)
        fail ("a window is left after closing it");
    }
  memset (w, 0, sizeof *w);
}

/* Types @text into the search entry at once (as the entry does 150 ms
 * after the last key), waits for its results to be loaded and painted,
 * and prints the times from the call. */
static void
measure_search (Watch *w, const char *kind, const char *text, guint expected)
{
  Mark   m;
  gint64 start, called, loaded = 0, painted = 0;
  guint  n_items;

  step_begin ("searching %s", text);
  m = mark (w);
  start = g_get_monotonic_time ();
  rostra_window_set_search (w->window, text);
  called = g_get_monotonic_time ();

  if (wait_for (loaded_since, &m, query_timeout_ms ()))
    {
      loaded = w->loaded;
      if (wait_for (painted_since_load, &m, FRAME_TIMEOUT_MS))
        painted = w->painted_loaded;
    }
  else
    fail ("no results for %s", text);
  step_end ();
  n_items = g_list_model_get_n_items (G_LIST_MODEL (w->list));

  {
    g_autofree char *quoted = g_strdup_printf ("'%s'", text);
    g_autofree char *query = format_ms (start, w->changed_start);
    g_autofree char *changed = format_ms (w->changed_start, w->changed_end);
    g_autofree char *loaded_text = format_ms (start, loaded);
    g_autofree char *painted_text = format_ms (start, painted);
    gdouble          stall = stall_longest_ms ();
    g_autofree char *ping = ping_longest_text ();

    g_print ("  %-15s %-27s %7u %7.1f %9s %11s %9s %9s %9.1f %9s  %s\n", kind, quoted, n_items,
             ms_between (start, called), query, changed, loaded_text, painted_text, stall, ping,
             n_items == expected ? "ok" : "WRONG");
  }
  check_count (text, n_items, expected);
  if (w->query_failed)
    fail ("the query for %s failed", text);
  settle (SETTLE_MS);
}

/* Types @word one key every TYPING_DELAY_MS, whatever the window
 * shows, and prints how long the keys and the last results took. */
static void
measure_fast_typing (Watch *w, const char *word, guint expected)
{
  guint  len = strlen (word);
  Mark   m;
  gint64 start, last_key, loaded = 0, painted = 0;
  guint  n_shown, n_items;

  step_begin ("typing %s at 8 keys/s", word);
  m = mark (w);
  start = g_get_monotonic_time ();
  for (guint i = 0; i < len; i++)
    {
      g_autofree char *prefix = g_strndup (word, i + 1);

      if (i > 0)
        settle (TYPING_DELAY_MS);
      rostra_window_set_search (w->window, prefix);
    }
  last_key = g_get_monotonic_time ();
  w->first_after = last_key;
  w->changed_after = w->painted_after = 0;
  /* Results shown between keys; the other queries were cancelled. */
  n_shown = w->n_loads - m.n_loads;
  m.n_loads = w->n_loads;

  if (wait_for (loaded_since, &m, query_timeout_ms ()))
    {
      loaded = w->loaded;
      if (wait_for (painted_since_load, &m, FRAME_TIMEOUT_MS))
        painted = w->painted_loaded;
    }
  else
    fail ("no results after typing %s", word);
  step_end ();
  n_items = g_list_model_get_n_items (G_LIST_MODEL (w->list));

  {
    g_autofree char *loaded_text = format_ms (last_key, loaded);
    g_autofree char *painted_text = format_ms (last_key, painted);
    g_autofree char *first_text = format_ms (last_key, w->painted_after);
    gdouble          stall = stall_longest_ms ();
    g_autofree char *ping = ping_longest_text ();

    g_print ("  typing '%s' at %d keys/s: the %u keys took %.1f ms (%d ms if nothing blocks), "
             "%u of the first %u showed results; first results painted %s ms after the last "
             "key; all %u results %s ms, painted %s ms; longest stall %.1f ms, ping %s ms  %s\n",
             word, 1000 / TYPING_DELAY_MS, len, ms_between (start, last_key),
             (len - 1) * TYPING_DELAY_MS, n_shown, len - 1, first_text, n_items, loaded_text,
             painted_text, stall, ping, n_items == expected ? "ok" : "WRONG");
  }
  w->first_after = 0;
  check_count ("results after typing fast", n_items, expected);
  settle (SETTLE_MS);
}

/* Opens the article at @position as a click does, scrolls the list to
 * it, and waits for the next frame. */
static void
measure_select (Watch *w, GtkWidget *list_view, guint position)
{
  Mark   m;
  gint64 start, selected, scrolled, painted = 0;
  gint64 expected_id = rostra_article_list_get_id (w->list, position);
  gint64 open_id;

  step_begin ("opening article %u", position);
  m = mark (w);
  start = g_get_monotonic_time ();
  rostra_window_select (w->window, position);
  selected = g_get_monotonic_time ();
  gtk_widget_activate_action (list_view, "list.scroll-to-item", "u", position);
  scrolled = g_get_monotonic_time ();
  if (wait_for (painted_since, &m, FRAME_TIMEOUT_MS))
    painted = w->last_frame;
  step_end ();
  open_id = rostra_window_get_open_article_id (w->window);

  {
    g_autofree char *painted_text = format_ms (start, painted);
    gdouble          stall = stall_longest_ms ();
    g_autofree char *ping = ping_longest_text ();

    g_print ("  %-10u %9.1f %15.1f %9s %9.1f %9s  %s\n", position, ms_between (start, selected),
             ms_between (selected, scrolled), painted_text, stall, ping,
             open_id == expected_id ? "ok" : "WRONG");
  }
  if (open_id != expected_id)
    fail ("position %u opened article %" G_GINT64_FORMAT ", expected %" G_GINT64_FORMAT, position,
          open_id, expected_id);
  settle (SETTLE_MS);
}

/* Scrolls the list a page at a time, SCROLL_PAGES pages at 8 a second,
 * then jumps to the middle and to the end as a drag of the scroll bar
 * does, and prints the longest stall. */
#define SCROLL_PAGES 24

static void
measure_scroll (Watch *w, GtkWidget *list_view)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list_view));
  gint64         start;
  gdouble        upper, page;

  step_begin ("scrolling");
  mark (w);
  start = g_get_monotonic_time ();
  for (guint i = 0; i < SCROLL_PAGES + 2; i++)
    {
      upper = gtk_adjustment_get_upper (adjustment);
      page = gtk_adjustment_get_page_size (adjustment);
      if (i < SCROLL_PAGES)
        gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + page);
      else if (i == SCROLL_PAGES)
        gtk_adjustment_set_value (adjustment, (upper - page) / 2);
      else
        gtk_adjustment_set_value (adjustment, upper - page);
      settle (TYPING_DELAY_MS);
    }
  step_end ();

  {
    gdouble          stall = stall_longest_ms ();
    g_autofree char *ping = ping_longest_text ();

    g_print ("  scrolling %u pages at %d pages/s, then to the middle and the end: %.1f ms; "
             "longest stall %.1f ms, ping %s ms\n",
             SCROLL_PAGES, 1000 / TYPING_DELAY_MS, ms_between (start, g_get_monotonic_time ()),
             stall, ping);
  }
  gtk_adjustment_set_value (adjustment, 0);
  settle (SETTLE_MS);
}

static void
take_screenshot (const char *path)
{
  g_autofree char *import = g_find_program_in_path ("import");
  g_autoptr (GError) error = NULL;
  const char *args[] = { import, "-window", "root", path, NULL };
  int         status = 0;

  if (import == NULL)
    {
      g_print ("screenshot: not taken, ImageMagick's import is not installed\n");
      return;
    }
  if (!g_spawn_sync (NULL, (char **) args, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status,
                     &error) ||
      !g_spawn_check_wait_status (status, &error))
    g_print ("screenshot: failed: %s\n", error->message);
  else
    g_print ("screenshot: %s\n", path);
}

/* Set up */

/* The window needs the app's settings schema. Run by hand without
 * meson's environment, look for it in data/ of the build folder that
 * holds tests/bench-window (before GIO reads the schema folders, once). */
static gboolean
find_schema (const char *argv0)
{
  GSettingsSchemaSource *source;
  g_autoptr (GSettingsSchema) schema = NULL;

  if (g_getenv ("GSETTINGS_SCHEMA_DIR") == NULL)
    {
      g_autofree char *exe = g_canonicalize_filename (argv0, NULL);
      g_autofree char *exe_dir = g_path_get_dirname (exe);
      g_autofree char *data = g_canonicalize_filename ("../data", exe_dir);
      g_autofree char *compiled = g_build_filename (data, "gschemas.compiled", NULL);

      if (g_file_test (compiled, G_FILE_TEST_IS_REGULAR))
        g_setenv ("GSETTINGS_SCHEMA_DIR", data, TRUE);
    }

  source = g_settings_schema_source_get_default ();
  schema = source ? g_settings_schema_source_lookup (source, APP_ID, TRUE) : NULL;
  return schema != NULL;
}

static Expectation *
find_expectation (Expectation *expectations, guint n, const char *typed)
{
  for (guint i = 0; i < n; i++)
    if (g_str_equal (expectations[i].typed, typed))
      return &expectations[i];
  g_assert_not_reached ();
  return NULL;
}

int
main (int argc, char **argv)
{
  int                articles = DEFAULT_ARTICLES;
  int                step_timeout = DEFAULT_STEP_TIMEOUT_S;
  gboolean           keep = FALSE;
  gboolean           skip_typing = FALSE;
  g_autofree char   *screenshot = NULL;
  const GOptionEntry options[] = {
    { "articles", 0, 0, G_OPTION_ARG_INT, &articles, "Articles in the big archive (default 100000)",
      "N" },
    { "keep", 0, 0, G_OPTION_ARG_NONE, &keep, "Keep the temporary folder", NULL },
    { "screenshot", 0, 0, G_OPTION_ARG_FILENAME, &screenshot,
      "Save a screenshot with a search active to PATH (needs ImageMagick's import)", "PATH" },
    { "skip-typing", 0, 0, G_OPTION_ARG_NONE, &skip_typing, "Skip the typing tests", NULL },
    { "step-timeout", 0, 0, G_OPTION_ARG_INT, &step_timeout,
      "Stop when a step freezes the window, or waits, longer than S seconds (default 600, 0 for "
      "never)",
      "S" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *data_home = NULL;
  g_autofree char *config_home = NULL;
  g_autofree char *cache_home = NULL;
  g_autofree char *empty_path = NULL;
  g_autofree char *big_path = NULL;
  g_autofree char *label = NULL;
  Expectation     *expectations;
  guint            n_expectations = G_N_ELEMENTS (searches) + TYPED_LEN;
  GenerateStats    gen;
  Watch            w = { 0 };
  GtkWidget       *list_view;
  guint            n;

  /* Partial results are worth seeing when a step hangs. */
  setvbuf (stdout, NULL, _IOLBF, 0);

  /* Keep away from the user's archive, settings and a11y bus, as the
   * window tests do. */
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("NO_AT_BRIDGE", "1", TRUE);
  g_setenv ("GTK_A11Y", "none", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  setlocale (LC_ALL, "");

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
                                "Opens the main window on an empty archive and on a generated "
                                "one, searches and opens articles, and reports times and "
                                "memory. Needs a display (xvfb-run).");
  g_option_context_add_main_entries (context, options, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-window: %s\n", error->message);
      return 2;
    }
  if (articles < 1 || step_timeout < 0)
    {
      g_printerr ("bench-window: --articles must be at least 1, --step-timeout at least 0\n");
      return 2;
    }
  n = articles;
  step_timeout_s = step_timeout;
  if (keep)
    g_setenv ("ROSTRA_TEST_KEEP", "1", TRUE);

  data_home = g_build_filename (rostra_test_tmpdir (), "data", NULL);
  config_home = g_build_filename (rostra_test_tmpdir (), "config", NULL);
  cache_home = g_build_filename (rostra_test_tmpdir (), "cache", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("XDG_CONFIG_HOME", config_home, TRUE);
  g_setenv ("XDG_CACHE_HOME", cache_home, TRUE);

  if (!find_schema (argv[0]))
    {
      g_printerr ("bench-window: the %s settings schema is not found; set GSETTINGS_SCHEMA_DIR "
                  "to the build's data folder\n",
                  APP_ID);
      return 2;
    }
  {
    g_autofree char *exe = g_canonicalize_filename (argv[0], NULL);
    g_autofree char *dir = g_path_get_dirname (exe);

    ping_exe = g_build_filename (dir, "bench-ping", NULL);
    if (!g_file_test (ping_exe, G_FILE_TEST_IS_EXECUTABLE))
      {
        g_printerr ("bench-window: %s is not built: no ping column\n", ping_exe);
        g_clear_pointer (&ping_exe, g_free);
      }
  }
  if (!gtk_init_check ())
    {
      g_printerr ("bench-window: cannot open a display (run it under xvfb-run)\n");
      return 2;
    }
  if (step_timeout_s > 0)
    g_thread_unref (g_thread_new ("watchdog", watchdog_thread, NULL));

  /* 1. The archives */
  expectations = g_new0 (Expectation, n_expectations);
  for (guint i = 0; i < G_N_ELEMENTS (searches); i++)
    expectation_init (&expectations[i], searches[i]);
  for (guint i = 0; i < TYPED_LEN; i++)
    {
      g_autofree char *prefix = g_strndup (typed_word, i + 1);

      expectation_init (&expectations[G_N_ELEMENTS (searches) + i], prefix);
    }

  {
    g_autoptr (RostraStore) empty = rostra_test_store_new (&empty_path);
  }

  big_path = generate_archive (n, expectations, n_expectations, NULL, NULL, &gen, &error);
  if (big_path == NULL)
    {
      g_printerr ("bench-window: cannot write the archive: %s\n", error->message);
      return 1;
    }

  g_print ("bench-window: %u articles, window %d×%d; times in ms from the start of each step\n", n,
           WINDOW_WIDTH, WINDOW_HEIGHT);
  print_load ("after writing the archive");
  g_print ("archive: written in %.2f s (%.0f articles/s; add_article %.2f s, commit %.2f s, "
           "close %.2f s); %.1f MB of text, file %.1f MB\n",
           gen.total_s, n / gen.total_s, gen.insert_s, gen.commit_s, gen.close_s,
           gen.text_bytes / MB, file_size (big_path) / MB);

  app = rostra_application_new ();
  /* Not the session's single instance: tests run side by side. */
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    {
      g_printerr ("bench-window: cannot register the application: %s\n", error->message);
      return 1;
    }
  g_signal_add_emission_hook (g_signal_lookup ("items-changed", G_TYPE_LIST_MODEL), 0,
                              items_changed_hook, NULL, NULL);
  g_timeout_add_full (G_PRIORITY_HIGH, STALL_TICK_MS, stall_tick_cb, NULL, NULL);

  /* 2. Opening the window. "query": until the list's items-changed;
   * "items-chgd": how long its handlers took; "stall": the longest
   * time the main loop could not run. */
  g_print ("open         construct   present first frame     query  items-chgd    loaded   "
           "painted     stall      ping   items\n");
  if (open_window (&w, "empty", empty_path, 0))
    {
      GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (w.window));

      g_print ("  (first window of the process; renderer %s on %s)\n",
               renderer ? G_OBJECT_TYPE_NAME (renderer) : "?",
               G_OBJECT_TYPE_NAME (gdk_display_get_default ()));
    }
  print_memory ("memory with the empty archive's window:");
  close_window (&w);

  open_window (&w, "empty again", empty_path, 0);
  close_window (&w);

  label = g_strdup_printf ("%u", n);
  if (!open_window (&w, label, big_path, n))
    {
      close_window (&w);
      g_printerr ("bench-window: FAILED\n");
      return 1;
    }
  print_memory ("memory with the big archive's window:");
  settle (SETTLE_MS);

  /* 3. Searching */
  g_print ("search          typed                       results    call     query  items-chgd  "
           "  loaded   painted     stall      ping\n");
  for (guint i = 0; i < G_N_ELEMENTS (searches); i++)
    measure_search (&w, search_kinds[i], expectations[i].typed, expectations[i].expected);
  measure_search (&w, "cleared", "", n);

  /* 4. Opening articles across the whole list */
  list_view = find_list_view (GTK_WIDGET (w.window), w.list);
  g_assert_nonnull (list_view);
  g_print ("open article   select  scroll-to-item   painted     stall      ping\n");
  measure_select (&w, list_view, 0);
  measure_select (&w, list_view, n / 2);
  measure_select (&w, list_view, n - 1);
  measure_scroll (&w, list_view);

  /* 5. Memory */
  print_memory ("memory after the searches and articles:");

  if (screenshot != NULL)
    {
      const Expectation *e = &expectations[G_N_ELEMENTS (searches) - 1];

      g_print ("for the screenshot:\n");
      measure_search (&w, "phrase", e->typed, e->expected);
      measure_select (&w, list_view, 0);
      settle (2 * SETTLE_MS);
      take_screenshot (screenshot);
    }

  /* 6. Typing, last: the first keys find nearly every article. With an
   * article open, and from the whole list, as a user starts a search. */
  if (!skip_typing)
    {
      const Expectation *e = find_expectation (expectations, n_expectations, typed_word);

      if (screenshot != NULL)
        measure_search (&w, "cleared", "", n);
      g_print ("typing, one key at a time, each result awaited:\n");
      for (guint i = 0; i < TYPED_LEN; i++)
        {
          Expectation *p = &expectations[G_N_ELEMENTS (searches) + i];

          measure_search (&w, i == 0 ? "typed" : "", p->typed, p->expected);
        }
      measure_search (&w, "cleared", "", n);
      measure_fast_typing (&w, typed_word, e->expected);
      measure_search (&w, "cleared", "", n);
      /* Words in most speeches, typed as fast */
      for (guint i = 0; i < 2; i++)
        {
          const Expectation *common = &expectations[i];

          measure_fast_typing (&w, common->typed, common->expected);
          measure_search (&w, "cleared", "", n);
        }
      print_memory ("memory after typing:");
    }

  close_window (&w);
  g_clear_object (&app);
  print_load ("at the end");

  for (guint i = 0; i < n_expectations; i++)
    {
      g_free (expectations[i].typed);
      g_strfreev (expectations[i].tokens);
    }
  g_free (expectations);

  if (keep)
    g_print ("kept: %s\n", rostra_test_tmpdir ());
  if (failed)
    {
      g_printerr ("bench-window: FAILED\n");
      return 1;
    }
  return 0;
}
