/* mapscope-process-source.c: where the files of live processes are read
 *
 * The base class holds what the sources share: the choice of the default
 * source, a process read from its status and cmdline files (for sources
 * that only know how to read whole files), and running a reader program.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <string.h>

#include "mapscope-capture-error.h"
#include "mapscope-direct-source.h"
#include "mapscope-host-source.h"
#include "mapscope-live-private.h"

/* Flatpak puts this file at the root of every sandbox. */
#define FLATPAK_INFO_PATH "/.flatpak-info"

G_DEFINE_ABSTRACT_TYPE (MapscopeProcessSource, mapscope_process_source, G_TYPE_OBJECT)

static gboolean
mapscope_process_source_real_read_process (MapscopeProcessSource  *self,
                                           MapscopeProcess        *process,
                                           gint                    pid,
                                           GHashTable             *user_names,
                                           GError                **error)
{
  g_autoptr(GBytes) status = NULL;
  g_autoptr(GBytes) command_line = NULL;
  g_autoptr(GError) failure = NULL;
  g_autofree char *status_text = NULL;
  gconstpointer data;
  gsize len;

  memset (process, 0, sizeof *process);
  status = mapscope_process_source_read_file (self, pid, "status", NULL, &failure);
  if (status == NULL || g_bytes_get_size (status) == 0)
    {
      _mapscope_capture_set_source_error (error, failure, pid, NULL, MAPSCOPE_ACCESS_READ_INFO);
      return FALSE;
    }

  data = g_bytes_get_data (status, &len);
  status_text = g_strndup (data, len);
  _mapscope_process_fill_from_status (process, pid, status_text, user_names);

  /* Like a direct read, the process stays listed without its arguments. */
  command_line = mapscope_process_source_read_file (self, pid, "cmdline", NULL, NULL);
  if (command_line != NULL)
    {
      data = g_bytes_get_data (command_line, &len);
      process->command_line = _mapscope_process_join_command_line (data, len);
    }
  else
    {
      process->command_line = g_strdup ("");
    }

  return TRUE;
}

static void
mapscope_process_source_class_init (MapscopeProcessSourceClass *klass)
{
  klass->read_process = mapscope_process_source_real_read_process;
}

static void
mapscope_process_source_init (MapscopeProcessSource *self)
{
}

/*
 * _mapscope_process_source_choose:
 * @flatpak_info_path: the file whose presence means "in a Flatpak sandbox"
 *
 * Returns: (transfer full): a host source inside the sandbox, a direct
 *   one elsewhere
 */
MapscopeProcessSource *
_mapscope_process_source_choose (const char *flatpak_info_path)
{
  if (g_file_test (flatpak_info_path, G_FILE_TEST_EXISTS))
    return mapscope_host_source_new (NULL);
  return mapscope_direct_source_new ();
}

/**
 * mapscope_process_source_get_default:
 *
 * The source for this run, chosen once: inside a Flatpak sandbox
 * (/.flatpak-info exists) the host's processes through flatpak-spawn,
 * elsewhere /proc directly.
 *
 * Returns: (transfer none): the source
 */
MapscopeProcessSource *
mapscope_process_source_get_default (void)
{
  static MapscopeProcessSource *source;

  if (g_once_init_enter (&source))
    g_once_init_leave (&source, _mapscope_process_source_choose (FLATPAK_INFO_PATH));

  return source;
}

/**
 * mapscope_process_source_read_file:
 * @name: a file of /proc/PID: smaps, smaps_rollup, maps, status or cmdline
 *
 * Reads the whole of /proc/@pid/@name.
 *
 * Returns: (transfer full): its content, or %NULL with @error set (see
 *   #MapscopeProcessSourceClass)
 */
GBytes *
mapscope_process_source_read_file (MapscopeProcessSource  *self,
                                   gint                    pid,
                                   const char             *name,
                                   GCancellable           *cancellable,
                                   GError                **error)
{
  g_return_val_if_fail (MAPSCOPE_IS_PROCESS_SOURCE (self), NULL);
  g_return_val_if_fail (pid > 0, NULL);
  g_return_val_if_fail (name != NULL && strchr (name, '/') == NULL, NULL);

  return MAPSCOPE_PROCESS_SOURCE_GET_CLASS (self)->read_file (self, pid, name, cancellable,
                                                              error);
}

/**
 * mapscope_process_source_read_process:
 *
 * Reads what a process list would read of process @pid.
 *
 * Returns: (transfer full): the process, or %NULL with @error set (a
 *   MAPSCOPE_CAPTURE_ERROR)
 */
MapscopeProcess *
mapscope_process_source_read_process (MapscopeProcessSource  *self,
                                      gint                    pid,
                                      GError                **error)
{
  g_autoptr(MapscopeProcess) process = g_new0 (MapscopeProcess, 1);
  g_autoptr(GHashTable) user_names = _mapscope_user_names_new ();

  g_return_val_if_fail (MAPSCOPE_IS_PROCESS_SOURCE (self), NULL);
  g_return_val_if_fail (pid > 0, NULL);

  if (!MAPSCOPE_PROCESS_SOURCE_GET_CLASS (self)->read_process (self, process, pid, user_names,
                                                               error))
    return NULL;

  return g_steal_pointer (&process);
}

/* Lists the processes into @processes (emptied first), in any order. */
gboolean
_mapscope_process_source_list (MapscopeProcessSource  *self,
                               GArray                 *processes,
                               GHashTable             *user_names,
                               GError                **error)
{
  g_array_set_size (processes, 0);
  return MAPSCOPE_PROCESS_SOURCE_GET_CLASS (self)->list_processes (self, processes, user_names,
                                                                   error);
}

/*
 * _mapscope_process_source_spawn:
 * @argv: the reader and its arguments
 * @out: (out): what it wrote to standard output
 * @err_text: (out): what it wrote to standard error, as valid UTF-8
 * @exit_status: (out): its exit status
 *
 * Runs a reader to its end. A reader that cannot be started, or that is
 * killed by a signal, is a MAPSCOPE_CAPTURE_ERROR_FAILED.
 */
gboolean
_mapscope_process_source_spawn (const char * const  *argv,
                                GCancellable        *cancellable,
                                GBytes             **out,
                                char               **err_text,
                                gint                *exit_status,
                                GError             **error)
{
  g_autoptr(GSubprocess) reader = NULL;
  g_autoptr(GBytes) err_bytes = NULL;
  g_autoptr(GError) failure = NULL;
  gconstpointer data;
  gsize len;

  reader = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                    G_SUBPROCESS_FLAGS_STDERR_PIPE |
                                    G_SUBPROCESS_FLAGS_STDIN_INHERIT, &failure);
  if (reader == NULL)
    {
      g_set_error (error, MAPSCOPE_CAPTURE_ERROR, MAPSCOPE_CAPTURE_ERROR_FAILED,
                   "Cannot run %s: %s.", argv[0], failure->message);
      return FALSE;
    }

  if (!g_subprocess_communicate (reader, NULL, cancellable, out, &err_bytes, &failure))
    {
      g_subprocess_force_exit (reader);
      if (g_error_matches (failure, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&failure));
      else
        g_set_error (error, MAPSCOPE_CAPTURE_ERROR, MAPSCOPE_CAPTURE_ERROR_FAILED,
                     "Cannot read what %s wrote: %s.", argv[0], failure->message);
      return FALSE;
    }

  if (!g_subprocess_get_if_exited (reader))
    {
      g_clear_pointer (out, g_bytes_unref);
      g_set_error (error, MAPSCOPE_CAPTURE_ERROR, MAPSCOPE_CAPTURE_ERROR_FAILED,
                   "%s was killed by signal %d.", argv[0], g_subprocess_get_term_sig (reader));
      return FALSE;
    }

  data = g_bytes_get_data (err_bytes, &len);
  *err_text = g_utf8_make_valid (data != NULL ? data : "", len);
  g_strchomp (*err_text);
  *exit_status = g_subprocess_get_exit_status (reader);
  return TRUE;
}
