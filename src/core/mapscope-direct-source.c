/* mapscope-direct-source.c: live processes read from /proc
 *
 * The fast path: the process list and the capture read /proc themselves
 * with openat() on a descriptor of /proc (see mapscope-process.c and
 * mapscope-capture.c); this class lists the processes and reads single
 * files for the other callers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "mapscope-capture-error.h"
#include "mapscope-direct-source.h"
#include "mapscope-live-private.h"

struct _MapscopeDirectSource
{
  MapscopeProcessSource parent_instance;
};

G_DEFINE_FINAL_TYPE (MapscopeDirectSource, mapscope_direct_source, MAPSCOPE_TYPE_PROCESS_SOURCE)

static void
set_io_error (GError     **error,
              int          errsv,
              gint         pid,
              const char  *name)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
               "Cannot read /proc/%d/%s: %s.", pid, name, g_strerror (errsv));
}

static GBytes *
mapscope_direct_source_read_file (MapscopeProcessSource  *source,
                                  gint                    pid,
                                  const char             *name,
                                  GCancellable           *cancellable,
                                  GError                **error)
{
  g_autoptr(GByteArray) content = g_byte_array_new ();
  g_autofree char *path = g_strdup_printf ("/proc/%d/%s", pid, name);
  guint8 buf[65536];
  int fd;

  fd = open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
  if (fd < 0)
    {
      set_io_error (error, errno, pid, name);
      return NULL;
    }

  for (;;)
    {
      gssize n = read (fd, buf, sizeof buf);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int errsv = errno;

          close (fd);
          set_io_error (error, errsv, pid, name);
          return NULL;
        }
      if (n == 0)
        break;
      g_byte_array_append (content, buf, n);
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          close (fd);
          return NULL;
        }
    }

  close (fd);
  return g_byte_array_free_to_bytes (g_steal_pointer (&content));
}

/* Also the helper source's: the status and cmdline files are readable by
 * anyone. */
gboolean
_mapscope_direct_read_process (MapscopeProcessSource  *source,
                               MapscopeProcess        *process,
                               gint                    pid,
                               GHashTable             *user_names,
                               GError                **error)
{
  int proc_fd = open ("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  int errsv = errno;
  gboolean ok;

  if (proc_fd < 0)
    {
      g_set_error (error, MAPSCOPE_CAPTURE_ERROR, MAPSCOPE_CAPTURE_ERROR_FAILED,
                   "Cannot open /proc: %s. Mapscope needs the proc file system mounted on "
                   "/proc.", g_strerror (errsv));
      return FALSE;
    }

  ok = _mapscope_process_read_at (process, proc_fd, pid, user_names);
  errsv = errno;
  close (proc_fd);
  if (!ok)
    _mapscope_capture_set_error (error, errsv, pid, NULL, MAPSCOPE_ACCESS_READ_INFO);

  return ok;
}

static gint
parse_pid (const char *name)
{
  gint pid = 0;

  for (const char *p = name; *p != '\0'; p++)
    {
      if (!g_ascii_isdigit (*p) || pid > G_MAXINT / 10 - 1)
        return -1;
      pid = pid * 10 + (*p - '0');
    }

  return pid > 0 ? pid : -1;
}

/* Also the helper source's. Processes that exit meanwhile are left out. */
gboolean
_mapscope_direct_list_processes (MapscopeProcessSource  *source,
                                 GArray                 *processes,
                                 GHashTable             *user_names,
                                 GError                **error)
{
  struct dirent *entry;
  DIR *dir;
  int proc_fd;

  dir = opendir ("/proc");
  if (dir == NULL)
    {
      int errsv = errno;

      g_set_error (error, MAPSCOPE_CAPTURE_ERROR, MAPSCOPE_CAPTURE_ERROR_FAILED,
                   "Cannot list the processes: cannot read /proc: %s.", g_strerror (errsv));
      return FALSE;
    }
  proc_fd = dirfd (dir);

  while ((entry = readdir (dir)) != NULL)
    {
      gint pid = parse_pid (entry->d_name);
      guint last;

      if (pid < 0)
        continue;

      last = processes->len;
      g_array_set_size (processes, last + 1);
      if (!_mapscope_process_read_at (&g_array_index (processes, MapscopeProcess, last),
                                      proc_fd, pid, user_names))
        g_array_set_size (processes, last);
    }

  closedir (dir);
  return TRUE;
}

static void
mapscope_direct_source_class_init (MapscopeDirectSourceClass *klass)
{
  MapscopeProcessSourceClass *source_class = MAPSCOPE_PROCESS_SOURCE_CLASS (klass);

  source_class->read_file = mapscope_direct_source_read_file;
  source_class->read_process = _mapscope_direct_read_process;
  source_class->list_processes = _mapscope_direct_list_processes;
}

static void
mapscope_direct_source_init (MapscopeDirectSource *self)
{
}

/**
 * mapscope_direct_source_new:
 *
 * Returns: (transfer full): a source that reads /proc itself
 */
MapscopeProcessSource *
mapscope_direct_source_new (void)
{
  return g_object_new (MAPSCOPE_TYPE_DIRECT_SOURCE, NULL);
}
