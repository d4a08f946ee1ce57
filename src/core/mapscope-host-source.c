/* mapscope-host-source.c: the host's processes, seen from a Flatpak sandbox
 *
 * The sandbox has a /proc of its own that shows only its processes, so this
 * source runs readers on the host through flatpak-spawn --host (which the
 * manifest allows with --talk-name=org.freedesktop.Flatpak): cat for one
 * file, and for the process list one grep over every status file and one
 * over every cmdline file, since a reader per process would cost a
 * thousand programs a refresh. grep -H prefixes each line with its file
 * name, which is how the lines are told apart; -z makes the cmdline
 * arguments (NUL-terminated) the "lines", so an argument cannot forge a
 * prefix. LC_ALL=C keeps the readers' error messages in English, which is
 * how a refusal is told from a process that has gone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "mapscope-capture-error.h"
#include "mapscope-host-source.h"
#include "mapscope-live-private.h"

#define STATUS_READER "exec grep -Has '' /proc/[0-9]*/status"
#define COMMAND_LINE_READER "exec grep -Hasz '' /proc/[0-9]*/cmdline"

struct _MapscopeHostSource
{
  MapscopeProcessSource  parent_instance;

  char                  *flatpak_spawn;
};

G_DEFINE_FINAL_TYPE (MapscopeHostSource, mapscope_host_source, MAPSCOPE_TYPE_PROCESS_SOURCE)

static gboolean
run_on_host (MapscopeHostSource  *self,
             const char          *first_arg,
             const char          *second_arg,
             const char          *third_arg,
             GCancellable        *cancellable,
             GBytes             **out,
             char               **err_text,
             gint                *exit_status,
             GError             **error)
{
  const char *argv[] = { self->flatpak_spawn, "--host", "--env=LC_ALL=C",
                         first_arg, second_arg, third_arg, NULL };

  return _mapscope_process_source_spawn (argv, cancellable, out, err_text, exit_status, error);
}

static GBytes *
mapscope_host_source_read_file (MapscopeProcessSource  *source,
                                gint                    pid,
                                const char             *name,
                                GCancellable           *cancellable,
                                GError                **error)
{
  MapscopeHostSource *self = MAPSCOPE_HOST_SOURCE (source);
  g_autofree char *path = g_strdup_printf ("/proc/%d/%s", pid, name);
  g_autofree char *err_text = NULL;
  g_autoptr(GBytes) content = NULL;
  gint exit_status;

  if (!run_on_host (self, "cat", "--", path, cancellable, &content, &err_text, &exit_status,
                    error))
    return NULL;
  if (exit_status == 0)
    return g_steal_pointer (&content);

  if (strstr (err_text, "Permission denied") != NULL ||
      strstr (err_text, "Operation not permitted") != NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                 "Cannot read %s on the host: permission denied.", path);
  else if (strstr (err_text, "No such file") != NULL || strstr (err_text, "No such process"))
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                 "Cannot read %s on the host: there is no such process.", path);
  else
    g_set_error (error, MAPSCOPE_CAPTURE_ERROR, MAPSCOPE_CAPTURE_ERROR_FAILED,
                 "Cannot read %s on the host through %s (exit status %d): %s", path,
                 self->flatpak_spawn, exit_status, err_text[0] != '\0' ? err_text : "no reason given.");

  return NULL;
}

/* Runs one of the list readers; grep exits with 2 when a file went away
 * meanwhile, so only an empty result is a failure. */
static GBytes *
read_listing (MapscopeHostSource  *self,
              const char          *reader,
              GError             **error)
{
  g_autofree char *err_text = NULL;
  g_autoptr(GBytes) content = NULL;
  gint exit_status;

  if (!run_on_host (self, "sh", "-c", reader, NULL, &content, &err_text, &exit_status, error))
    return NULL;
  if (g_bytes_get_size (content) == 0)
    {
      g_set_error (error, MAPSCOPE_CAPTURE_ERROR, MAPSCOPE_CAPTURE_ERROR_FAILED,
                   "Cannot list the host's processes through %s (exit status %d): %s",
                   self->flatpak_spawn, exit_status,
                   err_text[0] != '\0' ? err_text : "the list is empty.");
      return NULL;
    }

  return g_steal_pointer (&content);
}

/* Splits "/proc/PID/FILE:REST" into the pid and REST; FALSE if it is not. */
static gboolean
split_prefixed (const char   *record,
                const char   *end,
                const char   *file,
                gint         *pid,
                const char  **rest)
{
  const char *p = record + strlen ("/proc/");
  gsize file_len = strlen (file);
  gint64 value = 0;

  if (end - record < 8 || strncmp (record, "/proc/", 6) != 0 || !g_ascii_isdigit (*p))
    return FALSE;
  for (; p < end && g_ascii_isdigit (*p) && value <= G_MAXINT; p++)
    value = value * 10 + (*p - '0');
  if (value <= 0 || value > G_MAXINT || end - p < (gssize)file_len + 2 || *p != '/' ||
      strncmp (p + 1, file, file_len) != 0 || p[1 + file_len] != ':')
    return FALSE;

  *pid = (gint)value;
  *rest = p + 2 + file_len;
  return TRUE;
}

/* Each record of @listing (ended by @terminator) as "/proc/PID/FILE:REST",
 * REST appended to the text of PID in @texts with @joiner between. */
static void
group_by_pid (GBytes     *listing,
              const char *file,
              char        terminator,
              char        joiner,
              GHashTable *texts,
              GArray     *order)
{
  gsize len;
  const char *data = g_bytes_get_data (listing, &len);
  const char *end = data + len;

  for (const char *record = data; record < end;)
    {
      const char *record_end = memchr (record, terminator, end - record);
      const char *rest;
      GString *text;
      gint pid;

      if (record_end == NULL)
        record_end = end;
      if (split_prefixed (record, record_end, file, &pid, &rest))
        {
          text = g_hash_table_lookup (texts, GINT_TO_POINTER (pid));
          if (text == NULL)
            {
              text = g_string_new (NULL);
              g_hash_table_insert (texts, GINT_TO_POINTER (pid), text);
              if (order != NULL)
                g_array_append_val (order, pid);
            }
          else
            {
              g_string_append_c (text, joiner);
            }
          g_string_append_len (text, rest, record_end - rest);
        }
      record = record_end + 1;
    }
}

static void
free_string (gpointer data)
{
  g_string_free (data, TRUE);
}

static gboolean
mapscope_host_source_list_processes (MapscopeProcessSource  *source,
                                     GArray                 *processes,
                                     GHashTable             *user_names,
                                     GError                **error)
{
  MapscopeHostSource *self = MAPSCOPE_HOST_SOURCE (source);
  g_autoptr(GHashTable) statuses = g_hash_table_new_full (NULL, NULL, NULL, free_string);
  g_autoptr(GHashTable) command_lines = g_hash_table_new_full (NULL, NULL, NULL, free_string);
  g_autoptr(GArray) pids = g_array_new (FALSE, FALSE, sizeof (gint));
  g_autoptr(GBytes) status_listing = NULL;
  g_autoptr(GBytes) command_line_listing = NULL;

  status_listing = read_listing (self, STATUS_READER, error);
  if (status_listing == NULL)
    return FALSE;
  /* A process without arguments (a kernel thread) has no cmdline line. */
  command_line_listing = read_listing (self, COMMAND_LINE_READER, NULL);

  group_by_pid (status_listing, "status", '\n', '\n', statuses, pids);
  if (command_line_listing != NULL)
    group_by_pid (command_line_listing, "cmdline", '\0', ' ', command_lines, NULL);

  for (guint i = 0; i < pids->len; i++)
    {
      gint pid = g_array_index (pids, gint, i);
      GString *status = g_hash_table_lookup (statuses, GINT_TO_POINTER (pid));
      GString *command_line = g_hash_table_lookup (command_lines, GINT_TO_POINTER (pid));
      MapscopeProcess *process;

      g_array_set_size (processes, processes->len + 1);
      process = &g_array_index (processes, MapscopeProcess, processes->len - 1);
      memset (process, 0, sizeof *process);
      _mapscope_process_fill_from_status (process, pid, status->str, user_names);
      process->command_line = command_line != NULL
        ? _mapscope_process_join_command_line (command_line->str, command_line->len)
        : g_strdup ("");
    }

  return TRUE;
}

static void
mapscope_host_source_finalize (GObject *object)
{
  MapscopeHostSource *self = MAPSCOPE_HOST_SOURCE (object);

  g_free (self->flatpak_spawn);

  G_OBJECT_CLASS (mapscope_host_source_parent_class)->finalize (object);
}

static void
mapscope_host_source_class_init (MapscopeHostSourceClass *klass)
{
  MapscopeProcessSourceClass *source_class = MAPSCOPE_PROCESS_SOURCE_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = mapscope_host_source_finalize;
  source_class->read_file = mapscope_host_source_read_file;
  source_class->list_processes = mapscope_host_source_list_processes;
}

static void
mapscope_host_source_init (MapscopeHostSource *self)
{
}

/**
 * mapscope_host_source_new:
 * @flatpak_spawn: (nullable): the flatpak-spawn program to run, or %NULL
 *   for the one on PATH
 *
 * Returns: (transfer full): a source that reads the host's /proc
 */
MapscopeProcessSource *
mapscope_host_source_new (const char *flatpak_spawn)
{
  MapscopeHostSource *self = g_object_new (MAPSCOPE_TYPE_HOST_SOURCE, NULL);

  self->flatpak_spawn = g_strdup (flatpak_spawn != NULL ? flatpak_spawn : "flatpak-spawn");
  return MAPSCOPE_PROCESS_SOURCE (self);
}
