/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-ping.c: pings a window as a window manager does, from outside its process.
 *
 * bench-ping XID INTERVAL_MS sends the X11 window XID a _NET_WM_PING
 * every INTERVAL_MS and listens on the root window for the answers. A
 * GTK application answers from its main loop (GDK's event filter), so
 * the time an answer takes is how long the main loop was blocked: this
 * is how window managers decide that an application hangs. Prints one
 * line per ping sent, `s SEQ`, and per answer, `r SEQ MICROSECONDS`,
 * flushed at once, until killed or the display goes away. Used by
 * bench-window, which reads the lines on a thread of its own.
 */

#include <X11/Xlib.h>
#include <X11/Xutil.h>
#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define MAX_OUTSTANDING 4096

static int64_t
now_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (int64_t) ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

int
main (int argc, char **argv)
{
  static int64_t sent_at[MAX_OUTSTANDING];
  Display       *display;
  Window         window, root;
  Atom           wm_protocols, net_wm_ping;
  long           interval_us;
  unsigned long  seq = 0;
  int64_t        next;

  if (argc != 3)
    {
      fprintf (stderr, "usage: bench-ping XID INTERVAL_MS\n");
      return 2;
    }
  window = strtoul (argv[1], NULL, 0);
  interval_us = strtol (argv[2], NULL, 10) * 1000;
  if (window == 0 || interval_us <= 0)
    {
      fprintf (stderr, "bench-ping: bad window or interval\n");
      return 2;
    }

  display = XOpenDisplay (NULL);
  if (display == NULL)
    {
      fprintf (stderr, "bench-ping: cannot open the display\n");
      return 1;
    }
  root = DefaultRootWindow (display);
  wm_protocols = XInternAtom (display, "WM_PROTOCOLS", False);
  net_wm_ping = XInternAtom (display, "_NET_WM_PING", False);
  /* The answers go to the root window with SubstructureNotify|Redirect:
   * Notify is enough to see them, and leaves Redirect to a real window
   * manager. */
  XSelectInput (display, root, SubstructureNotifyMask);
  XFlush (display);

  next = now_us ();
  for (;;)
    {
      struct pollfd pfd = { ConnectionNumber (display), POLLIN, 0 };
      int64_t       t = now_us ();
      int           timeout_ms;

      if (t >= next)
        {
          XEvent ping = { 0 };

          seq++;
          ping.xclient.type = ClientMessage;
          ping.xclient.window = window;
          ping.xclient.message_type = wm_protocols;
          ping.xclient.format = 32;
          ping.xclient.data.l[0] = net_wm_ping;
          ping.xclient.data.l[1] = (long) seq; /* the "timestamp": ours to match */
          ping.xclient.data.l[2] = (long) window;
          sent_at[seq % MAX_OUTSTANDING] = t;
          XSendEvent (display, window, False, NoEventMask, &ping);
          XFlush (display);
          printf ("s %lu\n", seq);
          fflush (stdout);
          next += interval_us;
          if (next < t)
            next = t + interval_us;
        }

      while (XPending (display) > 0)
        {
          XEvent event;

          XNextEvent (display, &event);
          if (event.type == ClientMessage && event.xclient.message_type == wm_protocols &&
              (Atom) event.xclient.data.l[0] == net_wm_ping && event.xclient.window == root)
            {
              unsigned long answered = (unsigned long) event.xclient.data.l[1];

              if (answered <= seq && seq - answered < MAX_OUTSTANDING)
                {
                  printf ("r %lu %lld\n", answered,
                          (long long) (now_us () - sent_at[answered % MAX_OUTSTANDING]));
                  fflush (stdout);
                }
            }
        }

      timeout_ms = (int) ((next - now_us ()) / 1000);
      if (timeout_ms < 0)
        timeout_ms = 0;
      if (poll (&pfd, 1, timeout_ms) < 0 && errno != EINTR)
        return 1;
      if (pfd.revents & (POLLHUP | POLLERR))
        return 0;
    }
}
