/* mapscope-working-set.c: which mapped memory a process actually touches
 *
 * Writing "1" to /proc/PID/clear_refs clears the referenced bit of every
 * page the process maps; the pages it touches afterwards get it back. So a
 * capture some seconds later counts, in each region's Referenced, what was
 * used in those seconds: its working set. (A page of a shared file has one
 * referenced flag for all the processes that map it, so there Referenced
 * also counts the others' use.) The target's data is left alone,
 * but the page reclaim sees its pages as idle for a while, which is why the
 * app asks before it does this.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "mapscope-capture.h"
#include "mapscope-live-private.h"
#include "mapscope-working-set.h"

#define CLEAR_REFERENCED_BITS "1"

typedef struct
{
  gint    pid;
  gdouble seconds;
  int     log_fd;
} CaptureRequest;

/**
 * mapscope_working_set_reset:
 *
 * Clears the referenced bits of every page of process @pid. Needs write
 * access to /proc/PID/clear_refs: the process's own user, or root.
 *
 * Returns: whether they were cleared
 */
gboolean
mapscope_working_set_reset (gint     pid,
                            GError **error)
{
  g_autoptr(MapscopeProcess) process = NULL;
  g_autofree char *path = NULL;
  gssize written;
  int errsv;
  int fd;

  g_return_val_if_fail (pid > 0, FALSE);

  process = mapscope_process_new_for_pid (pid, error);
  if (process == NULL)
    return FALSE;

  if (process->kernel_thread || process->state == 'Z' || process->state == 'X')
    {
      _mapscope_capture_set_error (error, 0, pid, process->name, MAPSCOPE_ACCESS_READ_MAP);
      return FALSE;
    }

  path = g_strdup_printf ("/proc/%d/clear_refs", pid);
  fd = open (path, O_WRONLY | O_CLOEXEC | O_NOCTTY);
  if (fd < 0)
    {
      _mapscope_capture_set_error (error, errno, pid, process->name,
                                   MAPSCOPE_ACCESS_CLEAR_REFS);
      return FALSE;
    }

  do
    written = write (fd, CLEAR_REFERENCED_BITS, strlen (CLEAR_REFERENCED_BITS));
  while (written < 0 && errno == EINTR);
  errsv = errno;
  close (fd);

  if (written < 0)
    {
      _mapscope_capture_set_error (error, errsv, pid, process->name,
                                   MAPSCOPE_ACCESS_CLEAR_REFS);
      return FALSE;
    }

  return TRUE;
}

/**
 * mapscope_working_set_capture:
 * @seconds: how long to let the process run between the reset and the capture
 * @log_fd: where to append the snapshot in the capture log format, or -1
 *
 * Resets the referenced bits (see mapscope_working_set_reset()), waits
 * @seconds, and captures the process. Its #MapscopeCaptureInfo has
 * working_set_seconds set.
 *
 * Returns: (transfer full): the snapshot, or %NULL with @error set
 */
MapscopeSnapshot *
mapscope_working_set_capture (gint           pid,
                              gdouble        seconds,
                              int            log_fd,
                              GCancellable  *cancellable,
                              GError       **error)
{
  gint64 deadline;

  g_return_val_if_fail (pid > 0, NULL);
  g_return_val_if_fail (seconds > 0, NULL);

  if (!mapscope_working_set_reset (pid, error))
    return NULL;

  deadline = g_get_monotonic_time () + (gint64)(seconds * G_USEC_PER_SEC);
  if (!_mapscope_sleep_until (deadline, cancellable, error))
    return NULL;

  return _mapscope_capture (pid, log_fd, seconds, cancellable, error);
}

static void
capture_in_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  CaptureRequest *request = task_data;
  GError *error = NULL;
  MapscopeSnapshot *snapshot;

  snapshot = mapscope_working_set_capture (request->pid, request->seconds, request->log_fd,
                                           cancellable, &error);
  if (snapshot != NULL)
    g_task_return_pointer (task, snapshot, g_object_unref);
  else
    g_task_return_error (task, error);
}

/**
 * mapscope_working_set_capture_async:
 *
 * Does mapscope_working_set_capture() in a worker thread.
 */
void
mapscope_working_set_capture_async (gint                 pid,
                                    gdouble              seconds,
                                    int                  log_fd,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CaptureRequest *request;

  g_return_if_fail (pid > 0);
  g_return_if_fail (seconds > 0);

  request = g_new0 (CaptureRequest, 1);
  request->pid = pid;
  request->seconds = seconds;
  request->log_fd = log_fd;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, mapscope_working_set_capture_async);
  g_task_set_task_data (task, request, g_free);
  g_task_run_in_thread (task, capture_in_thread);
}

/**
 * mapscope_working_set_capture_finish:
 *
 * Returns: (transfer full): the snapshot, or %NULL with @error set
 */
MapscopeSnapshot *
mapscope_working_set_capture_finish (GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The kB of @region touched since the reset: its Referenced. */
guint64
mapscope_working_set_get_region_kb (MapscopeSnapshot     *snapshot,
                                    const MapscopeRegion *region)
{
  return mapscope_snapshot_get_value_or_zero (snapshot, region, MAPSCOPE_FIELD_REFERENCED);
}

guint64
mapscope_working_set_get_total_kb (MapscopeSnapshot *snapshot)
{
  guint n_regions;
  const MapscopeRegion *regions = mapscope_snapshot_get_regions (snapshot, &n_regions);
  guint64 total = 0;

  for (guint i = 0; i < n_regions; i++)
    total += mapscope_working_set_get_region_kb (snapshot, &regions[i]);

  return total;
}
