/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-sqlite.c: opening SQLite files, with locks no other code in the
 * process can drop.
 *
 * SQLite coordinates processes with POSIX advisory locks (fcntl F_SETLK).
 * Those belong to the process, and close() of *any* descriptor of a file
 * releases all of the process's locks on it. A GTK app opens files it
 * does not own all the time: the file chooser guesses the archive's
 * content type, a thumbnailer reads it, the user picks the archive itself
 * as a backup to open or exports into its folder. Each such close silently
 * drops the archive's locks; the next process to close the archive then
 * believes it is the last user, checkpoints and deletes the write-ahead
 * log under the window, and everything the window writes afterwards goes
 * to a deleted file ("How To Corrupt An SQLite Database File", §2.2).
 *
 * The unix VFS lets an application replace the system calls it makes.
 * Here its fcntl() takes every lock of the process on a file through one
 * open file description of our own, as an open file description (OFD)
 * lock (Linux ≥ 3.15): such a lock is released only when that description
 * is closed, never by another open()/close() of the file. Since all of
 * the process's locks on a file live on one description, they behave
 * exactly as SQLite expects of per-process locks (it counts the locks of
 * its connections itself and takes one fcntl lock per file), and OFD
 * locks conflict with the classic locks of other processes, so the
 * `sqlite3` shell or an older Rostra still see them. The description is
 * closed with SQLite's last descriptor of the file, when it holds no lock.
 */
#define _GNU_SOURCE /* F_OFD_SETLK */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rostra-sqlite-private.h"

#if defined(F_OFD_SETLK) && defined(F_OFD_SETLKW) && defined(F_OFD_GETLK)
#define HAVE_OFD_LOCKS 1
#endif

#ifdef HAVE_OFD_LOCKS

typedef int (*FcntlFunc) (int fd, int cmd, ...);
typedef int (*CloseFunc) (int fd);

typedef struct
{
  dev_t dev;
  ino_t ino;
  int   lock_fd; /* our own open file description: every lock is taken here */
  guint n_fds;   /* SQLite's descriptors of the file that locked through it */
} LockedFile;

static GMutex      guard_mutex;
static GHashTable *fd_files; /* SQLite's fd → LockedFile (borrowed) */
static GPtrArray  *files;    /* LockedFile, owned; a handful at most */
static FcntlFunc   real_fcntl;
static CloseFunc   real_close;
static gboolean    ofd_refused;

/* A description of the file behind @fd that is ours alone: reopened
 * through /proc (read-write when we may, as SQLite's own is), else a
 * duplicate of @fd, which shares its description but stays open. */
static int
open_lock_fd (int fd, gboolean writable)
{
  char proc_path[64];
  int  lock_fd = -1;

  g_snprintf (proc_path, sizeof proc_path, "/proc/self/fd/%d", fd);
  if (writable)
    lock_fd = open (proc_path, O_RDWR | O_CLOEXEC | O_NOCTTY);
  if (lock_fd < 0)
    lock_fd = open (proc_path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
  if (lock_fd < 0)
    lock_fd = real_fcntl (fd, F_DUPFD_CLOEXEC, 3);
  return lock_fd;
}

/* Called with guard_mutex held. */
static LockedFile *
locked_file_for (int fd)
{
  LockedFile *file = g_hash_table_lookup (fd_files, GINT_TO_POINTER (fd));
  struct stat st;
  int         flags;

  if (file != NULL)
    return file;

  if (fstat (fd, &st) != 0)
    return NULL;

  for (guint i = 0; i < files->len; i++)
    {
      LockedFile *candidate = g_ptr_array_index (files, i);

      if (candidate->dev == st.st_dev && candidate->ino == st.st_ino)
        {
          file = candidate;
          break;
        }
    }

  if (file == NULL)
    {
      int lock_fd;

      flags = real_fcntl (fd, F_GETFL, 0);
      lock_fd = open_lock_fd (fd, flags >= 0 && (flags & O_ACCMODE) != O_RDONLY);
      if (lock_fd < 0)
        return NULL;
      file = g_new0 (LockedFile, 1);
      file->dev = st.st_dev;
      file->ino = st.st_ino;
      file->lock_fd = lock_fd;
      g_ptr_array_add (files, file);
    }

  file->n_fds++;
  g_hash_table_insert (fd_files, GINT_TO_POINTER (fd), file);
  return file;
}

static int
ofd_command (int cmd)
{
  switch (cmd)
    {
      case F_SETLK:
        return F_OFD_SETLK;
      case F_SETLKW:
        return F_OFD_SETLKW;
      default:
        return F_OFD_GETLK;
    }
}

static int
guarded_fcntl (int fd, int cmd, ...)
{
  struct flock *lock;
  struct flock  ofd_lock;
  va_list       args;
  void         *arg;
  int           lock_fd = -1;
  int           rc;
  int           saved_errno;

  /* As glibc's own fcntl(): the third argument, if any, read as a pointer. */
  va_start (args, cmd);
  arg = va_arg (args, void *);
  va_end (args);

  if (cmd != F_SETLK && cmd != F_SETLKW && cmd != F_GETLK)
    return real_fcntl (fd, cmd, arg);

  lock = arg;
  g_mutex_lock (&guard_mutex);
  if (!ofd_refused)
    {
      LockedFile *file = locked_file_for (fd);

      if (file != NULL)
        lock_fd = file->lock_fd;
    }
  g_mutex_unlock (&guard_mutex);

  if (lock_fd < 0)
    return real_fcntl (fd, cmd, lock);

  ofd_lock = *lock;
  ofd_lock.l_pid = 0; /* OFD locks require it */
  rc = real_fcntl (lock_fd, ofd_command (cmd), &ofd_lock);
  saved_errno = errno;

  if (rc != 0 && saved_errno == EINVAL)
    {
      /* A kernel without OFD locks (before Linux 3.15): per-process
       * locks it is, as SQLite has by itself. */
      rc = real_fcntl (fd, cmd, lock);
      saved_errno = errno;
      if (rc == 0)
        {
          g_mutex_lock (&guard_mutex);
          if (!ofd_refused)
            g_warning ("This system has no open file description locks: other code in "
                       "the process that opens and closes the archive can drop its locks");
          ofd_refused = TRUE;
          g_mutex_unlock (&guard_mutex);
        }
      errno = saved_errno;
      return rc;
    }

  if (rc == 0 && cmd == F_GETLK)
    *lock = ofd_lock;
  errno = saved_errno;
  return rc;
}

static int
guarded_close (int fd)
{
  LockedFile *file;
  int         lock_fd = -1;

  g_mutex_lock (&guard_mutex);
  file = g_hash_table_lookup (fd_files, GINT_TO_POINTER (fd));
  if (file != NULL)
    {
      g_hash_table_remove (fd_files, GINT_TO_POINTER (fd));
      /* SQLite closes a file's last descriptor only once it holds no
       * lock on it, so the description goes with nothing on it. */
      if (--file->n_fds == 0)
        {
          lock_fd = file->lock_fd;
          g_ptr_array_remove_fast (files, file);
        }
    }
  g_mutex_unlock (&guard_mutex);

  if (lock_fd >= 0)
    real_close (lock_fd);
  return real_close (fd);
}

/* A child made by fork() shares our descriptions, and with them the
 * locks: it must never lock through them. (SQLite connections are not
 * to be used across fork() anyway; this keeps a child that opens the
 * archive afresh from taking the parent's locks as its own.) */
static void
forget_in_child (void)
{
  g_mutex_init (&guard_mutex);
  for (guint i = 0; i < files->len; i++)
    real_close (((LockedFile *) g_ptr_array_index (files, i))->lock_fd);
  g_hash_table_remove_all (fd_files);
  g_ptr_array_set_size (files, 0);
}

static gpointer
install_guard (gpointer data)
{
  sqlite3_vfs *vfs;

  (void) data;
  if (sqlite3_initialize () != SQLITE_OK)
    return GINT_TO_POINTER (FALSE);

  vfs = sqlite3_vfs_find ("unix");
  if (vfs == NULL || vfs->iVersion < 3 || vfs->xGetSystemCall == NULL)
    return GINT_TO_POINTER (FALSE);

  real_fcntl = (FcntlFunc) vfs->xGetSystemCall (vfs, "fcntl");
  real_close = (CloseFunc) vfs->xGetSystemCall (vfs, "close");
  if (real_fcntl == NULL || real_close == NULL)
    return GINT_TO_POINTER (FALSE);

  fd_files = g_hash_table_new (g_direct_hash, g_direct_equal);
  files = g_ptr_array_new_with_free_func (g_free);
  pthread_atfork (NULL, NULL, forget_in_child);

  /* The system-call table is shared by every unix VFS ("unix",
   * "unix-excl", …); this runs before the process's first connection. */
  if (vfs->xSetSystemCall (vfs, "fcntl", (sqlite3_syscall_ptr) guarded_fcntl) != SQLITE_OK ||
      vfs->xSetSystemCall (vfs, "close", (sqlite3_syscall_ptr) guarded_close) != SQLITE_OK)
    {
      vfs->xSetSystemCall (vfs, NULL, NULL);
      return GINT_TO_POINTER (FALSE);
    }
  return GINT_TO_POINTER (TRUE);
}

gboolean
_rostra_sqlite_guard_locks (void)
{
  static GOnce once = G_ONCE_INIT;
  gboolean     installed = GPOINTER_TO_INT (g_once (&once, install_guard, NULL));
  gboolean     refused;

  g_mutex_lock (&guard_mutex);
  refused = ofd_refused;
  g_mutex_unlock (&guard_mutex);
  return installed && !refused;
}

#else /* !HAVE_OFD_LOCKS */

gboolean
_rostra_sqlite_guard_locks (void)
{
  return FALSE;
}

#endif

int
_rostra_sqlite_open (const char *path, sqlite3 **db, int flags)
{
  _rostra_sqlite_guard_locks ();
  return sqlite3_open_v2 (path, db, flags, NULL);
}
