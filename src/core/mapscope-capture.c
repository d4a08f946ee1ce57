/* mapscope-capture.c: one snapshot of a live process
 *
 * The capture feeds the parser a log marker line, then /proc/PID/smaps,
 * the way the log stores them. So the snapshot gets its pid,
 * command and time from the parser, as it will when the log is read back,
 * and categorises its regions knowing the command; and the bytes teed into
 * the log are exactly the bytes parsed.
 *
 * The kernel ends a read of smaps early, with no error, when the process
 * exits meanwhile; so after the last read the capture checks the process is
 * still there, and otherwise reports it exited rather than keep a map that
 * may be cut short.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE  /* memfd_create */

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <gio/gunixinputstream.h>

#include "mapscope-capture.h"
#include "mapscope-direct-source.h"
#include "mapscope-error.h"
#include "mapscope-live-private.h"
#include "mapscope-parser-private.h"
#include "mapscope-read-ahead.h"

#define PATH_SIZE 64

G_DEFINE_QUARK (mapscope-capture-error-quark, mapscope_capture_error)

static char *
describe_process (gint        pid,
                  const char *name)
{
  if (name != NULL)
    return g_strdup_printf ("process %d (%s)", pid, name);
  return g_strdup_printf ("process %d", pid);
}

static void
set_permission_error (GError         **error,
                      gint             pid,
                      const char      *who,
                      MapscopeAccess   access)
{
  switch (access)
    {
    case MAPSCOPE_ACCESS_READ_MAP:
      g_set_error (error, MAPSCOPE_CAPTURE_ERROR, MAPSCOPE_CAPTURE_ERROR_PERMISSION_DENIED,
                   "Cannot read the memory map of %s: permission denied. Reading "
                   "/proc/%d/smaps needs ptrace-read access to the process: run Mapscope as "
                   "the same user, or capture it with the collection commands under sudo.",
                   who, pid);
      break;

    case MAPSCOPE_ACCESS_CLEAR_REFS:
      g_set_error (error, MAPSCOPE_CAPTURE_ERROR, MAPSCOPE_CAPTURE_ERROR_PERMISSION_DENIED,
                   "Cannot reset the referenced bits of %s: permission denied. Writing "
                   "/proc/%d/clear_refs needs the user of the process or root: run Mapscope "
                   "as that user, or run the working-set capture under sudo.", who, pid);
      break;

    case MAPSCOPE_ACCESS_READ_INFO:
    default:
      g_set_error (error, MAPSCOPE_CAPTURE_ERROR, MAPSCOPE_CAPTURE_ERROR_PERMISSION_DENIED,
                   "Cannot read the status of %s: permission denied. /proc is probably "
                   "mounted with hidepid, which hides other users' processes.", who);
      break;
    }
}

/* The process could not be read, or had nothing to read: it has exited, or
 * it has no memory at all. The status file tells which. */
static void
set_gone_error (GError         **error,
                gint             pid,
                const char      *name,
                MapscopeAccess   access)
{
  g_autoptr(MapscopeProcess) now = NULL;

  if (access != MAPSCOPE_ACCESS_READ_INFO)
    now = mapscope_process_new_for_pid (pid, NULL);

  if (now == NULL && name == NULL)
    g_set_error (error, MAPSCOPE_CAPTURE_ERROR, MAPSCOPE_CAPTURE_ERROR_PROCESS_EXITED,
                 "There is no process %d: it has exited, or never existed.", pid);
  else if (now == NULL)
    g_set_error (error, MAPSCOPE_CAPTURE_ERROR, MAPSCOPE_CAPTURE_ERROR_PROCESS_EXITED,
                 "Process %d (%s) has exited.", pid, name);
  else if (now->kernel_thread)
    g_set_error (error, MAPSCOPE_CAPTURE_ERROR, MAPSCOPE_CAPTURE_ERROR_NO_MAPPINGS,
                 "Process %d (%s) has no memory mappings: it is a kernel thread.",
                 pid, now->name);
  else if (now->state == 'Z' || now->state == 'X')
    g_set_error (error, MAPSCOPE_CAPTURE_ERROR, MAPSCOPE_CAPTURE_ERROR_NO_MAPPINGS,
                 "Process %d (%s) has no memory mappings: it is a zombie, a process that "
                 "has exited and whose parent has not yet collected its exit status.",
                 pid, now->name);
  else
    g_set_error (error, MAPSCOPE_CAPTURE_ERROR, MAPSCOPE_CAPTURE_ERROR_PROCESS_EXITED,
                 "Process %d (%s) is exiting: it has already released its memory.",
                 pid, now->name);
}

/*
 * _mapscope_capture_set_error:
 * @errsv: the errno of the failed call, or 0 when a read gave nothing
 * @name: (nullable): the command name, when known
 *
 * Sets @error to the MAPSCOPE_CAPTURE_ERROR that @errsv means for @access.
 */
void
_mapscope_capture_set_error (GError         **error,
                             int              errsv,
                             gint             pid,
                             const char      *name,
                             MapscopeAccess   access)
{
  g_autofree char *who = NULL;

  if (error == NULL)
    return;

  who = describe_process (pid, name);
  switch (errsv)
    {
    case EACCES:
    case EPERM:
      set_permission_error (error, pid, who, access);
      break;

    case 0:
    case ENOENT:
    case ESRCH:
      set_gone_error (error, pid, name, access);
      break;

    default:
      g_set_error (error, MAPSCOPE_CAPTURE_ERROR, MAPSCOPE_CAPTURE_ERROR_FAILED,
                   "Cannot read the memory map of %s: %s.", who, g_strerror (errsv));
      break;
    }
}

/*
 * _mapscope_capture_set_source_error:
 * @failure: (nullable): how mapscope_process_source_read_file() failed, or
 *   %NULL when it read nothing
 *
 * _mapscope_capture_set_error() for a failure of a process source.
 */
void
_mapscope_capture_set_source_error (GError         **error,
                                    const GError    *failure,
                                    gint             pid,
                                    const char      *name,
                                    MapscopeAccess   access)
{
  if (failure == NULL)
    _mapscope_capture_set_error (error, 0, pid, name, access);
  else if (g_error_matches (failure, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
    _mapscope_capture_set_error (error, EACCES, pid, name, access);
  else if (g_error_matches (failure, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    _mapscope_capture_set_error (error, ENOENT, pid, name, access);
  else if (failure->domain == MAPSCOPE_CAPTURE_ERROR ||
           g_error_matches (failure, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (error, g_error_copy (failure));
  else
    g_set_error (error, MAPSCOPE_CAPTURE_ERROR, MAPSCOPE_CAPTURE_ERROR_FAILED,
                 "%s", failure->message);
}

static char *
capture_source (gint pid)
{
  return g_strdup_printf ("/proc/%d/smaps", pid);
}

static void
set_failed_error (GError          **error,
                  MapscopeProcess  *process,
                  const GError     *failure)
{
  g_set_error (error, MAPSCOPE_CAPTURE_ERROR, MAPSCOPE_CAPTURE_ERROR_FAILED,
               "Cannot capture process %d (%s): %s", process->pid, process->name,
               failure != NULL ? failure->message : "its memory map reads as no snapshot.");
}

/* The log ---------------------------------------------------------------- */

static gboolean
log_write (int          fd,
           const char  *data,
           gsize        len,
           GError     **error)
{
  while (len > 0)
    {
      gssize n = write (fd, data, len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int errsv = errno;

          g_set_error (error, MAPSCOPE_CAPTURE_ERROR, MAPSCOPE_CAPTURE_ERROR_FAILED,
                       "Cannot write to the capture log: %s.", g_strerror (errsv));
          return FALSE;
        }
      data += n;
      len -= n;
    }

  return TRUE;
}

/* Removes a failed capture's partial entry, if the log can be truncated
 * (it cannot if it is a pipe, where the reader will see a cut-short map). */
static void
log_rollback (int   fd,
              off_t start)
{
  if (fd >= 0 && start >= 0 && ftruncate (fd, start) == 0)
    lseek (fd, start, SEEK_SET);
}

/* The command as one word of the marker line. */
static char *
marker_command (const char *name)
{
  char *word;

  if (name == NULL || name[0] == '\0')
    return g_strdup ("?");

  word = g_strdup (name);
  for (char *p = word; *p != '\0'; p++)
    {
      if ((guchar)*p <= ' ' || *p == 0x7f)
        *p = '_';
    }

  return word;
}

static char *
format_marker (gint        pid,
               GDateTime  *timestamp,
               const char *name,
               gdouble     working_set_seconds)
{
  g_autofree char *time = g_date_time_format_iso8601 (timestamp);
  g_autofree char *command = marker_command (name);
  GString *marker = g_string_new (NULL);

  g_string_append_printf (marker, "=== mapscope snapshot pid=%d time=%s command=%s",
                          pid, time, command);
  if (working_set_seconds > 0)
    {
      char seconds[G_ASCII_DTOSTR_BUF_SIZE];

      g_string_append_printf (marker, " working-set=%s",
                              g_ascii_dtostr (seconds, sizeof seconds, working_set_seconds));
    }
  g_string_append (marker, " ===\n");

  return g_string_free (marker, FALSE);
}

/* Metadata --------------------------------------------------------------- */

static char *
read_executable (int  proc_fd,
                 gint pid)
{
  char path[PATH_SIZE];
  char target[4096];
  gssize n;

  g_snprintf (path, sizeof path, "%d/exe", pid);
  n = readlinkat (proc_fd, path, target, sizeof target - 1);
  if (n <= 0)
    return NULL;

  return g_strndup (target, n);
}

static MapscopeCaptureInfo *
capture_info_new (MapscopeProcess *process,
                  int              proc_fd,
                  GDateTime       *timestamp,
                  gdouble          working_set_seconds)
{
  MapscopeCaptureInfo *info = g_new0 (MapscopeCaptureInfo, 1);
  struct utsname host;

  info->pid = process->pid;
  info->command = g_strdup (process->name);
  info->command_line = g_strdup (process->command_line);
  info->executable = read_executable (proc_fd, process->pid);
  info->timestamp = g_date_time_ref (timestamp);
  info->page_size = (guint)sysconf (_SC_PAGESIZE);
  info->working_set_seconds = working_set_seconds;
  if (uname (&host) == 0)
    {
      info->kernel_release = g_strdup (host.release);
      info->host_name = g_strdup (host.nodename);
    }
  else
    {
      info->host_name = g_strdup (g_get_host_name ());
    }

  return info;
}

/* Reading ---------------------------------------------------------------- */

/* One capture in progress. */
typedef struct
{
  int               proc_fd;
  int               smaps_fd;     /* for the direct source */
  MapscopeProcess  *process;
  GDateTime        *timestamp;   /* when the read began */
  gdouble           working_set_seconds;
  GBytes           *smaps;        /* for the other sources: read whole */
} Target;

#define TARGET_INIT { -1, -1, NULL, NULL, 0, NULL }

static void
target_clear (Target *target)
{
  if (target->smaps_fd >= 0)
    close (target->smaps_fd);
  if (target->proc_fd >= 0)
    close (target->proc_fd);
  g_clear_pointer (&target->process, mapscope_process_free);
  g_clear_pointer (&target->timestamp, g_date_time_unref);
  g_clear_pointer (&target->smaps, g_bytes_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Target, target_clear)

/* Their smaps is empty; says why without reading it. */
static gboolean
check_has_map (MapscopeProcess  *process,
               GError          **error)
{
  if (!process->kernel_thread && process->state != 'Z' && process->state != 'X')
    return TRUE;

  _mapscope_capture_set_error (error, 0, process->pid, process->name, MAPSCOPE_ACCESS_READ_MAP);
  return FALSE;
}

/* Finds the process and reads its smaps whole, from a source that is not
 * /proc itself: such a source runs a program per read, so streaming would
 * save nothing. */
static gboolean
target_read_from (Target                 *target,
                  MapscopeProcessSource  *source,
                  gint                    pid,
                  gdouble                 working_set_seconds,
                  GCancellable           *cancellable,
                  GError                **error)
{
  g_autoptr(GError) failure = NULL;

  target->working_set_seconds = working_set_seconds;
  target->process = mapscope_process_source_read_process (source, pid, error);
  if (target->process == NULL || !check_has_map (target->process, error))
    return FALSE;

  target->timestamp = g_date_time_new_now_utc ();
  target->smaps = mapscope_process_source_read_file (source, pid, "smaps", cancellable,
                                                     &failure);
  if (target->smaps == NULL)
    {
      _mapscope_capture_set_source_error (error, failure, pid, target->process->name,
                                          MAPSCOPE_ACCESS_READ_MAP);
      return FALSE;
    }

  return TRUE;
}

/* Finds the process and opens its smaps, from @source. */
static gboolean
target_open (Target                 *target,
             MapscopeProcessSource  *source,
             gint                    pid,
             gdouble                 working_set_seconds,
             GCancellable           *cancellable,
             GError                **error)
{
  g_autoptr(GHashTable) user_names = _mapscope_user_names_new ();
  char path[PATH_SIZE];

  if (!MAPSCOPE_IS_DIRECT_SOURCE (source))
    return target_read_from (target, source, pid, working_set_seconds, cancellable, error);

  target->smaps_fd = -1;
  target->working_set_seconds = working_set_seconds;
  target->proc_fd = open ("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (target->proc_fd < 0)
    {
      int errsv = errno;

      g_set_error (error, MAPSCOPE_CAPTURE_ERROR, MAPSCOPE_CAPTURE_ERROR_FAILED,
                   "Cannot open /proc: %s.", g_strerror (errsv));
      return FALSE;
    }

  target->process = g_new0 (MapscopeProcess, 1);
  if (!_mapscope_process_read_at (target->process, target->proc_fd, pid, user_names))
    {
      _mapscope_capture_set_error (error, errno, pid, NULL, MAPSCOPE_ACCESS_READ_INFO);
      return FALSE;
    }

  if (!check_has_map (target->process, error))
    return FALSE;

  g_snprintf (path, sizeof path, "%d/smaps", pid);
  target->smaps_fd = openat (target->proc_fd, path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
  if (target->smaps_fd < 0)
    {
      _mapscope_capture_set_error (error, errno, pid, target->process->name,
                                   MAPSCOPE_ACCESS_READ_MAP);
      return FALSE;
    }

  return TRUE;
}

/* Writes @data to the log and the parser, each unless absent. */
static gboolean
pass_on (const char      *data,
         gsize            len,
         MapscopeParser  *parser,
         int              log_fd,
         GError         **error)
{
  return (log_fd < 0 || log_write (log_fd, data, len, error)) &&
         (parser == NULL || _mapscope_parser_feed (parser, data, len, error));
}

/* Reads smaps to its end, after the marker line. */
static gboolean
read_smaps (Target          *target,
            MapscopeParser  *parser,
            int              log_fd,
            guint64         *n_bytes,
            GCancellable    *cancellable,
            GError         **error)
{
  g_autoptr(GInputStream) input = NULL;
  g_autoptr(MapscopeReadAhead) reader = NULL;
  g_autofree char *marker = NULL;
  const char *data;
  gssize n;

  if (target->timestamp == NULL)
    target->timestamp = g_date_time_new_now_utc ();
  marker = format_marker (target->process->pid, target->timestamp, target->process->name,
                          target->working_set_seconds);
  if (!pass_on (marker, strlen (marker), parser, log_fd, error))
    return FALSE;

  if (target->smaps != NULL)
    {
      data = g_bytes_get_data (target->smaps, NULL);
      *n_bytes = g_bytes_get_size (target->smaps);
      return *n_bytes == 0 || pass_on (data, *n_bytes, parser, log_fd, error);
    }

  /* The kernel takes several times longer to write a large smaps than the
   * parser takes to read it, and smaps has no size to tell a large one by:
   * always read ahead in a thread, so that the capture costs about what the
   * kernel does. */
  input = g_unix_input_stream_new (target->smaps_fd, FALSE);
  reader = _mapscope_read_ahead_new (input, TRUE, cancellable);

  /* A stream of a /proc file cannot be polled, so it does not look at
   * @cancellable itself. */
  *n_bytes = 0;
  while (!g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      n = _mapscope_read_ahead_next (reader, &data, error);
      if (n <= 0)
        return n == 0;
      if (!pass_on (data, n, parser, log_fd, error))
        return FALSE;
      *n_bytes += n;
    }

  return FALSE;
}

/* Whether the process is still running: a zombie has exited too. */
static gboolean
is_running (gint pid)
{
  g_autoptr(MapscopeProcess) now = mapscope_process_new_for_pid (pid, NULL);

  return now != NULL && now->state != 'Z' && now->state != 'X';
}

/* Turns how the read ended (@failure, or nothing) into a capture error. */
static gboolean
check_read (MapscopeProcess  *process,
            guint64           n_bytes,
            const GError     *failure,
            GError          **error)
{
  if (failure == NULL && n_bytes == 0)
    _mapscope_capture_set_error (error, 0, process->pid, process->name,
                                 MAPSCOPE_ACCESS_READ_MAP);
  else if (failure != NULL && (failure->domain == MAPSCOPE_CAPTURE_ERROR ||
                               g_error_matches (failure, G_IO_ERROR, G_IO_ERROR_CANCELLED)))
    g_propagate_error (error, g_error_copy (failure));
  else if (g_error_matches (failure, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
    _mapscope_capture_set_error (error, EACCES, process->pid, process->name,
                                 MAPSCOPE_ACCESS_READ_MAP);
  else if (!is_running (process->pid))
    g_set_error (error, MAPSCOPE_CAPTURE_ERROR, MAPSCOPE_CAPTURE_ERROR_PROCESS_EXITED,
                 "Process %d (%s) exited during the capture.", process->pid, process->name);
  else if (failure != NULL)
    set_failed_error (error, process, failure);
  else
    return TRUE;

  return FALSE;
}

/* Reads the whole map into @parser and @log_fd (each unless absent); on
 * failure, takes its partial entry back out of the log. */
static gboolean
target_read (Target        *target,
             MapscopeParser *parser,
             int             log_fd,
             GCancellable   *cancellable,
             GError        **error)
{
  g_autoptr(GError) failure = NULL;
  off_t log_start = log_fd >= 0 ? lseek (log_fd, 0, SEEK_CUR) : -1;
  guint64 n_bytes = 0;

  read_smaps (target, parser, log_fd, &n_bytes, cancellable, &failure);
  if (check_read (target->process, n_bytes, failure, error))
    return TRUE;

  log_rollback (log_fd, log_start);
  return FALSE;
}

static void
attach_info (MapscopeSnapshot *snapshot,
             Target           *target)
{
  mapscope_capture_info_attach (snapshot, capture_info_new (target->process, target->proc_fd,
                                                            target->timestamp,
                                                            target->working_set_seconds));
}

/*
 * _mapscope_capture:
 * @log_fd: where to append the log entry, or -1
 * @working_set_seconds: for the capture info and the marker: how long ago
 *   the referenced bits were reset, or 0
 *
 * Captures from the default process source.
 */
MapscopeSnapshot *
_mapscope_capture (gint           pid,
                   int            log_fd,
                   gdouble        working_set_seconds,
                   GCancellable  *cancellable,
                   GError       **error)
{
  return _mapscope_capture_from (mapscope_process_source_get_default (), pid, log_fd,
                                 working_set_seconds, cancellable, error);
}

/*
 * _mapscope_capture_from:
 *
 * _mapscope_capture(), reading from @source.
 */
MapscopeSnapshot *
_mapscope_capture_from (MapscopeProcessSource  *source,
                        gint                    pid,
                        int                     log_fd,
                        gdouble                 working_set_seconds,
                        GCancellable           *cancellable,
                        GError                **error)
{
  g_auto(Target) target = TARGET_INIT;
  g_autoptr(GPtrArray) snapshots = NULL;
  g_autoptr(GError) failure = NULL;
  g_autofree char *source_name = NULL;
  MapscopeParser *parser;
  gboolean ok;

  g_return_val_if_fail (pid > 0, NULL);

  if (!target_open (&target, source, pid, working_set_seconds, cancellable, error))
    return NULL;

  source_name = capture_source (pid);
  parser = _mapscope_parser_new (source_name);
  ok = target_read (&target, parser, log_fd, cancellable, error);
  if (ok && !_mapscope_parser_finish (parser, &failure))
    {
      set_failed_error (error, target.process, failure);
      ok = FALSE;
    }
  if (ok)
    snapshots = _mapscope_parser_steal_snapshots (parser);
  _mapscope_parser_free (parser);

  /* One marker, one map: anything else would not read back the same. */
  if (ok && snapshots->len != 1)
    {
      g_set_error (error, MAPSCOPE_CAPTURE_ERROR, MAPSCOPE_CAPTURE_ERROR_FAILED,
                   "Cannot capture process %d (%s): its memory map read as %u snapshots.",
                   pid, target.process->name, snapshots->len);
      ok = FALSE;
    }
  if (!ok)
    return NULL;

  attach_info (g_ptr_array_index (snapshots, 0), &target);
  return g_object_ref (g_ptr_array_index (snapshots, 0));
}

/**
 * mapscope_capture_snapshot:
 *
 * Reads /proc/@pid/smaps and parses it. The snapshot carries a
 * #MapscopeCaptureInfo (see mapscope_capture_info_get()).
 *
 * Returns: (transfer full): the snapshot, or %NULL with @error set: a
 *   %MAPSCOPE_CAPTURE_ERROR, or %G_IO_ERROR_CANCELLED
 */
MapscopeSnapshot *
mapscope_capture_snapshot (gint           pid,
                           GCancellable  *cancellable,
                           GError       **error)
{
  return _mapscope_capture (pid, -1, 0, cancellable, error);
}

/**
 * mapscope_capture_snapshot_from_source:
 *
 * mapscope_capture_snapshot(), reading the process from @source instead of
 * the default source: for instance through the administrator helper
 * (mapscope_helper_source_new()) after a %MAPSCOPE_CAPTURE_ERROR_PERMISSION_DENIED.
 *
 * Returns: (transfer full): the snapshot, or %NULL with @error set
 */
MapscopeSnapshot *
mapscope_capture_snapshot_from_source (MapscopeProcessSource  *source,
                                       gint                    pid,
                                       GCancellable           *cancellable,
                                       GError                **error)
{
  g_return_val_if_fail (MAPSCOPE_IS_PROCESS_SOURCE (source), NULL);
  g_return_val_if_fail (pid > 0, NULL);

  return _mapscope_capture_from (source, pid, -1, 0, cancellable, error);
}

/**
 * mapscope_capture_snapshot_to_log:
 * @log_fd: a file open for writing, positioned at its end
 *
 * Like mapscope_capture_snapshot(), and appends the snapshot to @log_fd as
 * it is read, in the capture log format (see mapscope-capture.h). On
 * failure the partial entry is removed again.
 *
 * Returns: (transfer full): the snapshot, or %NULL with @error set
 */
MapscopeSnapshot *
mapscope_capture_snapshot_to_log (gint           pid,
                                  int            log_fd,
                                  GCancellable  *cancellable,
                                  GError       **error)
{
  g_return_val_if_fail (log_fd >= 0, NULL);
  return _mapscope_capture (pid, log_fd, 0, cancellable, error);
}

/**
 * mapscope_capture_document:
 *
 * Captures process @pid into a document of one snapshot, as if its log had
 * been loaded: for what takes documents, such as the CLI's reports. The
 * snapshot carries a #MapscopeCaptureInfo.
 *
 * Returns: (transfer full): the document, or %NULL with @error set
 */
MapscopeDocument *
mapscope_capture_document (gint           pid,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_auto(Target) target = TARGET_INIT;
  g_autoptr(GInputStream) input = NULL;
  g_autoptr(MapscopeDocument) document = NULL;
  g_autoptr(GError) failure = NULL;
  g_autofree char *source = NULL;
  int log_fd;

  g_return_val_if_fail (pid > 0, NULL);

  if (!target_open (&target, mapscope_process_source_get_default (), pid, 0, cancellable,
                    error))
    return NULL;

  /* Documents come only from the loader: capture the text into memory
   * unparsed, then load that, so it is parsed once. */
  log_fd = memfd_create ("mapscope-capture", MFD_CLOEXEC);
  if (log_fd < 0)
    {
      int errsv = errno;

      g_set_error (error, MAPSCOPE_CAPTURE_ERROR, MAPSCOPE_CAPTURE_ERROR_FAILED,
                   "Cannot capture process %d (%s): no memory for its map: %s.",
                   pid, target.process->name, g_strerror (errsv));
      return NULL;
    }
  input = g_unix_input_stream_new (log_fd, TRUE);

  if (!target_read (&target, NULL, log_fd, cancellable, error))
    return NULL;

  lseek (log_fd, 0, SEEK_SET);
  source = capture_source (pid);
  document = mapscope_document_load_stream (input, source, 0,
                                            cancellable, NULL, NULL, &failure);
  if (document == NULL || mapscope_document_get_n_snapshots (document) != 1)
    {
      if (g_error_matches (failure, MAPSCOPE_PARSE_ERROR, MAPSCOPE_PARSE_ERROR_CANCELLED))
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, failure->message);
      else
        set_failed_error (error, target.process, failure);
      return NULL;
    }

  attach_info (mapscope_document_get_snapshot (document, 0), &target);
  return g_steal_pointer (&document);
}
