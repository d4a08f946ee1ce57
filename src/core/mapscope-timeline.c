/* mapscope-timeline.c: snapshots of a live process at regular intervals
 *
 * Snapshots are taken on a fixed schedule, start + i × interval, so the
 * time a capture takes does not add up into drift; a capture that overruns
 * its slot moves the schedule on instead of firing the missed ones in a row.
 * Each snapshot goes to the log as it is read (see mapscope-capture.h), so a
 * stop, a crash or the end of the process leaves a valid log of what was
 * taken.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "mapscope-capture.h"
#include "mapscope-live-private.h"
#include "mapscope-timeline.h"

struct _MapscopeTimeline
{
  GObject     parent_instance;

  gint        pid;
  gdouble     interval;
  guint       count;
  char       *log_path;
  int         log_fd;     /* the caller's, or -1 */
  gboolean    started;

  GMutex      lock;       /* guards snapshots, which the worker appends to */
  GPtrArray  *snapshots;
};

G_DEFINE_FINAL_TYPE (MapscopeTimeline, mapscope_timeline, G_TYPE_OBJECT)

/* What an asynchronous run hands to the caller's main context. Shared by
 * the task and every pending progress call, so progress_destroy runs after
 * the last of them. */
typedef struct
{
  MapscopeTimelineProgressFunc  progress;
  gpointer                      progress_data;
  GDestroyNotify                progress_destroy;
  GMainContext                 *context;
} RunData;

typedef struct
{
  RunData          *run;
  MapscopeTimeline *self;
  MapscopeSnapshot *snapshot;
  guint             index;
} ProgressCall;

static void
mapscope_timeline_finalize (GObject *object)
{
  MapscopeTimeline *self = (MapscopeTimeline *)object;

  g_clear_pointer (&self->log_path, g_free);
  g_clear_pointer (&self->snapshots, g_ptr_array_unref);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (mapscope_timeline_parent_class)->finalize (object);
}

static void
mapscope_timeline_class_init (MapscopeTimelineClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mapscope_timeline_finalize;
}

static void
mapscope_timeline_init (MapscopeTimeline *self)
{
  g_mutex_init (&self->lock);
  self->log_fd = -1;
  self->snapshots = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * mapscope_timeline_new:
 * @interval_seconds: time between the starts of two snapshots
 * @count: how many snapshots to take, or 0 for as many as until cancelled
 *
 * Returns: (transfer full): a timeline, not started yet
 */
MapscopeTimeline *
mapscope_timeline_new (gint    pid,
                       gdouble interval_seconds,
                       guint   count)
{
  MapscopeTimeline *self;

  g_return_val_if_fail (pid > 0, NULL);
  g_return_val_if_fail (interval_seconds >= 0, NULL);

  self = g_object_new (MAPSCOPE_TYPE_TIMELINE, NULL);
  self->pid = pid;
  self->interval = interval_seconds;
  self->count = count;

  return self;
}

gint
mapscope_timeline_get_pid (MapscopeTimeline *self)
{
  g_return_val_if_fail (MAPSCOPE_IS_TIMELINE (self), -1);
  return self->pid;
}

gdouble
mapscope_timeline_get_interval (MapscopeTimeline *self)
{
  g_return_val_if_fail (MAPSCOPE_IS_TIMELINE (self), 0);
  return self->interval;
}

guint
mapscope_timeline_get_count (MapscopeTimeline *self)
{
  g_return_val_if_fail (MAPSCOPE_IS_TIMELINE (self), 0);
  return self->count;
}

/**
 * mapscope_timeline_set_log_path:
 * @path: (nullable): a file to create (or empty) when the run starts, and
 *   to append each snapshot to in the capture log format
 */
void
mapscope_timeline_set_log_path (MapscopeTimeline *self,
                                const char       *path)
{
  g_return_if_fail (MAPSCOPE_IS_TIMELINE (self));
  g_return_if_fail (!self->started);

  g_free (self->log_path);
  self->log_path = g_strdup (path);
}

const char *
mapscope_timeline_get_log_path (MapscopeTimeline *self)
{
  g_return_val_if_fail (MAPSCOPE_IS_TIMELINE (self), NULL);
  return self->log_path;
}

/**
 * mapscope_timeline_set_log_fd:
 * @fd: a descriptor open for writing, or -1; it stays the caller's
 *
 * Appends the log to @fd instead of a file of its own, as to standard
 * output. If @fd is a pipe, a snapshot cut short by a stop stays in it cut
 * short (the parser marks such a region truncated): only files can be
 * truncated back.
 */
void
mapscope_timeline_set_log_fd (MapscopeTimeline *self,
                              int               fd)
{
  g_return_if_fail (MAPSCOPE_IS_TIMELINE (self));
  g_return_if_fail (!self->started);

  self->log_fd = fd;
}

guint
mapscope_timeline_get_n_snapshots (MapscopeTimeline *self)
{
  guint n;

  g_return_val_if_fail (MAPSCOPE_IS_TIMELINE (self), 0);

  g_mutex_lock (&self->lock);
  n = self->snapshots->len;
  g_mutex_unlock (&self->lock);

  return n;
}

/**
 * mapscope_timeline_get_snapshot:
 *
 * Returns: (transfer none): the snapshot at @index, in the order taken;
 *   valid as long as the timeline is
 */
MapscopeSnapshot *
mapscope_timeline_get_snapshot (MapscopeTimeline *self,
                                guint             index)
{
  MapscopeSnapshot *snapshot = NULL;

  g_return_val_if_fail (MAPSCOPE_IS_TIMELINE (self), NULL);

  g_mutex_lock (&self->lock);
  if (index < self->snapshots->len)
    snapshot = g_ptr_array_index (self->snapshots, index);
  g_mutex_unlock (&self->lock);

  g_return_val_if_fail (snapshot != NULL, NULL);
  return snapshot;
}

/*
 * _mapscope_sleep_until:
 * @deadline: in g_get_monotonic_time() microseconds
 *
 * Returns: FALSE with %G_IO_ERROR_CANCELLED if @cancellable fired first
 */
gboolean
_mapscope_sleep_until (gint64         deadline,
                       GCancellable  *cancellable,
                       GError       **error)
{
  GPollFD poll_fd;
  gboolean has_fd = cancellable != NULL && g_cancellable_make_pollfd (cancellable, &poll_fd);
  gboolean ok = TRUE;

  for (;;)
    {
      gint64 left;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          ok = FALSE;
          break;
        }

      left = deadline - g_get_monotonic_time ();
      if (left <= 0)
        break;

      if (has_fd)
        g_poll (&poll_fd, 1, (gint)MIN ((left + 999) / 1000, G_MAXINT));
      else
        g_usleep (left);
    }

  if (has_fd)
    g_cancellable_release_fd (cancellable);
  return ok;
}

static int
open_log (const char  *path,
          GError     **error)
{
  int fd = open (path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOCTTY, 0644);

  if (fd < 0)
    {
      int errsv = errno;

      g_set_error (error, MAPSCOPE_CAPTURE_ERROR, MAPSCOPE_CAPTURE_ERROR_FAILED,
                   "Cannot create the capture log %s: %s.", path, g_strerror (errsv));
    }

  return fd;
}

/* After a first snapshot, the process can only have lost all its mappings
 * by exiting; and the snapshots taken are kept, which the message says. */
static void
explain_stop (MapscopeTimeline  *self,
              MapscopeSnapshot  *last,
              guint              n_taken,
              GError           **error)
{
  g_autofree char *where = NULL;
  g_autofree char *what = NULL;
  GError *stop;

  if (error == NULL || *error == NULL || n_taken == 0)
    return;

  stop = *error;
  if (stop->domain != MAPSCOPE_CAPTURE_ERROR)
    return;

  if (stop->code == MAPSCOPE_CAPTURE_ERROR_NO_MAPPINGS ||
      stop->code == MAPSCOPE_CAPTURE_ERROR_PROCESS_EXITED)
    {
      stop->code = MAPSCOPE_CAPTURE_ERROR_PROCESS_EXITED;
      what = g_strdup_printf ("Process %d (%s) has exited.", self->pid,
                              mapscope_snapshot_get_command (last));
    }
  else
    {
      what = g_strdup (stop->message);
    }

  where = self->log_path != NULL ? g_strdup_printf (", in %s", self->log_path) : g_strdup ("");
  g_free (stop->message);
  if (n_taken == 1)
    stop->message = g_strdup_printf ("%s The snapshot taken before is kept%s.", what, where);
  else
    stop->message = g_strdup_printf ("%s The %u snapshots taken before are kept%s.",
                                     what, n_taken, where);
}

static gboolean
run_loop (MapscopeTimeline              *self,
          GCancellable                  *cancellable,
          MapscopeTimelineProgressFunc   notify,
          gpointer                       notify_data,
          GError                       **error)
{
  gint64 interval = (gint64)(self->interval * G_USEC_PER_SEC);
  gint64 deadline = g_get_monotonic_time ();
  gboolean ok = TRUE;
  int log_fd = self->log_fd;

  if (self->log_path != NULL && (log_fd = open_log (self->log_path, error)) < 0)
    return FALSE;

  for (guint i = 0; self->count == 0 || i < self->count; i++)
    {
      g_autoptr(MapscopeSnapshot) snapshot = NULL;
      MapscopeSnapshot *last = i > 0 ? g_ptr_array_index (self->snapshots, i - 1) : NULL;

      if (i > 0)
        {
          deadline = MAX (deadline + interval, g_get_monotonic_time ());
          ok = _mapscope_sleep_until (deadline, cancellable, error);
        }
      if (ok)
        snapshot = _mapscope_capture (self->pid, log_fd, 0, cancellable, error);
      if (snapshot == NULL)
        {
          explain_stop (self, last, i, error);
          ok = FALSE;
          break;
        }

      g_mutex_lock (&self->lock);
      g_ptr_array_add (self->snapshots, g_object_ref (snapshot));
      g_mutex_unlock (&self->lock);

      if (notify != NULL)
        notify (self, snapshot, i, notify_data);
    }

  if (self->log_path != NULL)
    close (log_fd);
  return ok;
}

/**
 * mapscope_timeline_run:
 * @progress: (nullable): called in this thread after each snapshot
 *
 * Takes the snapshots in this thread, blocking it. The snapshots taken stay
 * in the timeline whatever the outcome.
 *
 * Returns: TRUE once all @count snapshots are taken; FALSE with @error set
 *   otherwise: %G_IO_ERROR_CANCELLED when @cancellable stopped it,
 *   %MAPSCOPE_CAPTURE_ERROR_PROCESS_EXITED when the process ended it, or
 *   another %MAPSCOPE_CAPTURE_ERROR
 */
gboolean
mapscope_timeline_run (MapscopeTimeline              *self,
                       GCancellable                  *cancellable,
                       MapscopeTimelineProgressFunc   progress,
                       gpointer                       progress_data,
                       GError                       **error)
{
  g_return_val_if_fail (MAPSCOPE_IS_TIMELINE (self), FALSE);
  g_return_val_if_fail (!self->started, FALSE);

  self->started = TRUE;
  return run_loop (self, cancellable, progress, progress_data, error);
}

static void
run_data_clear (gpointer data)
{
  RunData *run = data;

  if (run->progress_destroy != NULL)
    run->progress_destroy (run->progress_data);
  g_main_context_unref (run->context);
}

static void
run_data_unref (gpointer data)
{
  g_rc_box_release_full (data, run_data_clear);
}

static gboolean
call_progress (gpointer data)
{
  ProgressCall *call = data;

  call->run->progress (call->self, call->snapshot, call->index, call->run->progress_data);
  return G_SOURCE_REMOVE;
}

static void
progress_call_free (gpointer data)
{
  ProgressCall *call = data;

  run_data_unref (call->run);
  g_object_unref (call->self);
  g_object_unref (call->snapshot);
  g_free (call);
}

static void
notify_in_context (MapscopeTimeline *self,
                   MapscopeSnapshot *snapshot,
                   guint             index,
                   gpointer          data)
{
  RunData *run = data;
  ProgressCall *call;
  GSource *source;

  if (run->progress == NULL)
    return;

  call = g_new0 (ProgressCall, 1);
  call->run = g_rc_box_acquire (run);
  call->self = g_object_ref (self);
  call->snapshot = g_object_ref (snapshot);
  call->index = index;
  /* Not g_main_context_invoke(): it would call right here, in the worker,
   * whenever it can acquire the context. */
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, call_progress, call, progress_call_free);
  g_source_set_static_name (source, "[mapscope] timeline progress");
  g_source_attach (source, run->context);
  g_source_unref (source);
}

static void
run_in_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  MapscopeTimeline *self = source_object;
  GError *error = NULL;

  if (run_loop (self, cancellable, notify_in_context, task_data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * mapscope_timeline_run_async:
 * @progress: (nullable): called after each snapshot, in the thread-default
 *   main context of the caller
 * @progress_destroy: (nullable): frees @progress_data once the run is over
 *   and the last @progress call done, in whichever thread lets go of it last
 *
 * Takes the snapshots in a worker thread; see mapscope_timeline_run().
 * @callback runs after every @progress call.
 */
void
mapscope_timeline_run_async (MapscopeTimeline              *self,
                             GCancellable                  *cancellable,
                             MapscopeTimelineProgressFunc   progress,
                             gpointer                       progress_data,
                             GDestroyNotify                 progress_destroy,
                             GAsyncReadyCallback            callback,
                             gpointer                       user_data)
{
  g_autoptr(GTask) task = NULL;
  RunData *run;

  g_return_if_fail (MAPSCOPE_IS_TIMELINE (self));
  g_return_if_fail (!self->started);

  self->started = TRUE;

  run = g_rc_box_new0 (RunData);
  run->progress = progress;
  run->progress_data = progress_data;
  run->progress_destroy = progress_destroy;
  run->context = g_main_context_ref_thread_default ();

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mapscope_timeline_run_async);
  g_task_set_task_data (task, run, run_data_unref);
  g_task_run_in_thread (task, run_in_thread);
}

/**
 * mapscope_timeline_run_finish:
 *
 * Returns: as mapscope_timeline_run() does
 */
gboolean
mapscope_timeline_run_finish (MapscopeTimeline  *self,
                              GAsyncResult      *result,
                              GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
