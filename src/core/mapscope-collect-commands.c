/* mapscope-collect-commands.c: shell commands that capture memory maps on a
 * machine where Mapscope is not installed
 *
 * The target has a POSIX shell, coreutils and /proc (pgrep and pmap come with
 * procps, present wherever ps is). Each snapshot is preceded by the marker
 * line the parser reads (`=== mapscope snapshot pid=N time=ISO8601
 * command=NAME ===`), so the file opens as a timeline with real times.
 *
 * The script is built from the inside out, each layer quoted whole for the
 * next: the capture loop, then `sudo sh -c '…'`, then `| gzip -c`, then
 * `ssh HOST '…'`. The redirection to the output file is always outermost, so
 * with ssh the file lands on this machine. Without sudo or ssh the loop runs
 * in a subshell, so its `exit` never closes the user's terminal.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mapscope-collect-commands.h"

#include <string.h>

G_DEFINE_QUARK (mapscope-collect-error-quark, mapscope_collect_error)

#define MAX_COUNT 1000000
#define MAX_INTERVAL (7 * 24 * 3600)

/* Shell text that prints the time as ISO 8601 UTC, which the marker parser reads. */
#define NOW_ISO8601 "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
/* The date in a file name: no colons, sorts by time. */
#define NOW_FILE_NAME "$(date +%Y%m%d-%H%M%S)"

void
mapscope_collect_options_init (MapscopeCollectOptions *options)
{
  memset (options, 0, sizeof *options);
  options->count = 1;
}

static gboolean
check_options (const MapscopeCollectOptions  *options,
               GError                       **error)
{
  guint n_targets = (options->pid > 0) + (options->name != NULL) + (options->all_rollups != 0);

  if (options->pid < 0)
    {
      g_set_error (error, MAPSCOPE_COLLECT_ERROR, MAPSCOPE_COLLECT_ERROR_INVALID,
                   "the process id %d is not valid", options->pid);
      return FALSE;
    }
  if (n_targets != 1)
    {
      g_set_error_literal (error, MAPSCOPE_COLLECT_ERROR, MAPSCOPE_COLLECT_ERROR_INVALID,
                           n_targets == 0
                           ? "say which process: a process id, a process name, or all rollups"
                           : "give only one of a process id, a process name and all rollups");
      return FALSE;
    }
  if (options->name != NULL
      && (options->name[0] == '\0' || strpbrk (options->name, "\n\r") != NULL))
    {
      g_set_error_literal (error, MAPSCOPE_COLLECT_ERROR, MAPSCOPE_COLLECT_ERROR_INVALID,
                           "the process name is empty or spans several lines");
      return FALSE;
    }
  if (options->pmap && options->all_rollups)
    {
      g_set_error_literal (error, MAPSCOPE_COLLECT_ERROR, MAPSCOPE_COLLECT_ERROR_INVALID,
                           "pmap shows one process: it cannot be combined with all rollups");
      return FALSE;
    }
  if (options->count > MAX_COUNT || options->interval > MAX_INTERVAL)
    {
      g_set_error (error, MAPSCOPE_COLLECT_ERROR, MAPSCOPE_COLLECT_ERROR_INVALID,
                   "at most %u snapshots, at most %u seconds apart",
                   MAX_COUNT, MAX_INTERVAL);
      return FALSE;
    }
  if (options->count > 1 && options->interval == 0)
    {
      g_set_error_literal (error, MAPSCOPE_COLLECT_ERROR, MAPSCOPE_COLLECT_ERROR_INVALID,
                           "a timeline needs an interval of at least one second");
      return FALSE;
    }
  if (options->interval > 0 && options->count <= 1)
    {
      g_set_error_literal (error, MAPSCOPE_COLLECT_ERROR, MAPSCOPE_COLLECT_ERROR_INVALID,
                           "an interval needs a count of two snapshots or more");
      return FALSE;
    }
  /* A host starting with '-' would be read by ssh as an option. */
  if (options->ssh_host != NULL
      && (options->ssh_host[0] == '\0' || options->ssh_host[0] == '-'
          || strpbrk (options->ssh_host, " \t\n\r") != NULL))
    {
      g_set_error (error, MAPSCOPE_COLLECT_ERROR, MAPSCOPE_COLLECT_ERROR_INVALID,
                   "“%s” is not a host name for ssh", options->ssh_host);
      return FALSE;
    }
  if (options->output != NULL && options->output[0] == '\0')
    {
      g_set_error_literal (error, MAPSCOPE_COLLECT_ERROR, MAPSCOPE_COLLECT_ERROR_INVALID,
                           "the output file name is empty");
      return FALSE;
    }

  return TRUE;
}

/* Shell statements that set $pid, or exit with a message when there is no
 * such process. */
/* Quotes @word only when the shell would otherwise split or expand it, so
 * the commonest commands stay readable after a layer or two of quoting. */
static char *
shell_word (const char *word)
{
  for (const char *p = word; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && strchr ("_./:@%+=,-", *p) == NULL)
      return g_shell_quote (word);

  return g_strdup (word);
}

static void
append_find_process (GString                      *script,
                     const MapscopeCollectOptions *options)
{
  if (options->name != NULL)
    {
      g_autofree char *name = shell_word (options->name);

      g_string_append_printf (script,
                              "name=%s; pid=$(pgrep -o -x \"$name\") || "
                              "{ echo \"mapscope: no process named $name\" >&2; exit 1; }; ",
                              name);
    }
  else
    {
      g_string_append_printf (script,
                              "pid=%d; [ -r /proc/$pid/smaps ] || "
                              "{ echo \"mapscope: cannot read /proc/$pid/smaps\" >&2; exit 1; }; ",
                              options->pid);
    }
}

/* The marker line for the process whose /proc directory is @dir, with its
 * command as one word (spaces and control characters become '_'). */
static void
append_marker (GString    *script,
               const char *pid,
               const char *dir)
{
  g_string_append_printf (script,
                          "echo \"=== mapscope snapshot pid=%s time=%s"
                          " command=$(tr -c \"[:graph:]\\n\" _ < %s/comm) ===\"; ",
                          pid, NOW_ISO8601, dir);
}

/* One snapshot: of $pid, or of every process's smaps_rollup. */
static void
append_snapshot (GString                      *script,
                 const MapscopeCollectOptions *options)
{
  if (options->all_rollups)
    {
      /* Read first, so a process that exits (or a kernel thread, whose
       * rollup is empty) leaves no marker without data. */
      g_string_append (script,
                       "for d in /proc/[0-9]*; do "
                       "r=$(cat $d/smaps_rollup 2>/dev/null) && [ -n \"$r\" ] || continue; ");
      append_marker (script, "${d#/proc/}", "$d");
      g_string_append (script, "printf \"%s\\n\" \"$r\"; done; ");
      return;
    }

  append_marker (script, "$pid", "/proc/$pid");
  if (options->pmap)
    g_string_append (script, "pmap -XX $pid; ");
  else
    g_string_append (script, "cat /proc/$pid/smaps; ");
}

static char *
build_capture (const MapscopeCollectOptions *options)
{
  GString *script = g_string_new (NULL);

  if (!options->all_rollups)
    append_find_process (script, options);

  if (options->count > 1)
    {
      g_string_append (script, "i=1; while :; do ");
      append_snapshot (script, options);
      g_string_append_printf (script,
                              "[ $i -ge %u ] && break; i=$((i + 1)); sleep %u; done",
                              options->count, options->interval);
    }
  else
    {
      append_snapshot (script, options);
      /* drop the last "; " */
      g_string_truncate (script, script->len - 2);
    }

  return g_string_free (script, FALSE);
}

static const char *
file_extension (const MapscopeCollectOptions *options)
{
  if (options->all_rollups)
    return ".smaps_rollup";
  return options->pmap ? ".pmap" : ".smaps";
}

/* Keeps a process name usable in a file name. */
static char *
file_name_word (const char *name)
{
  char *word = g_strdup (name);

  for (char *p = word; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_' && *p != '.')
      *p = '_';

  return word;
}

/* @shell: the name as shell text; @shown: the name as the comment says it. */
static void
output_names (const MapscopeCollectOptions  *options,
              char                         **shell,
              char                         **shown)
{
  g_autofree char *subject = NULL;
  const char *gz = options->gzip ? ".gz" : "";

  if (options->output != NULL)
    {
      *shell = shell_word (options->output);
      *shown = g_strdup (options->output);
      return;
    }

  if (options->all_rollups)
    subject = g_strdup ("rollups");
  else if (options->name != NULL)
    subject = file_name_word (options->name);
  else
    subject = g_strdup_printf ("%d", options->pid);

  *shell = g_strdup_printf ("\"mapscope-%s-%s%s%s\"",
                            subject, NOW_FILE_NAME, file_extension (options), gz);
  *shown = g_strdup_printf ("mapscope-%s-DATE%s%s", subject, file_extension (options), gz);
}

static void
append_comments (GString                      *out,
                 const MapscopeCollectOptions *options,
                 const char                   *file_shown)
{
  g_autofree char *what = NULL;
  const char *source;

  if (options->all_rollups)
    source = "the memory totals (/proc/PID/smaps_rollup) of every process";
  else if (options->pmap)
    source = "the memory map (pmap -XX)";
  else
    source = "the memory map (/proc/PID/smaps)";

  if (options->all_rollups)
    what = g_strdup (source);
  else if (options->name != NULL)
    what = g_strdup_printf ("%s\n# of the oldest process named “%s” (found with pgrep)",
                            source, options->name);
  else
    what = g_strdup_printf ("%s of process %d", source, options->pid);

  if (options->count > 1)
    g_string_append_printf (out, "# Takes %u snapshots, one every %u s, of %s.\n",
                            options->count, options->interval, what);
  else
    g_string_append_printf (out, "# Takes one snapshot of %s.\n", what);
  g_string_append (out, "# Each snapshot follows a line with its process id and time.\n");

  if (options->ssh_host != NULL)
    g_string_append_printf (out, "# It runs on %s through ssh%s.\n", options->ssh_host,
                            options->sudo ? ", as root with sudo" : "");
  else if (options->sudo)
    g_string_append (out, "# It runs as root with sudo, which may ask for a password.\n");

  g_string_append_printf (out, "# It writes %s%s\n# in the current directory%s.\n",
                          options->gzip ? "gzip-compressed data to " : "", file_shown,
                          options->ssh_host != NULL ? " of this machine" : "");
  g_string_append (out, "# Open the file in Mapscope, or drop it on its window.\n");
}

/**
 * mapscope_collect_commands_generate:
 *
 * Returns: (transfer full): shell text, comments then one command line, for
 *   the capture @options describes; %NULL with @error set when they conflict
 */
char *
mapscope_collect_commands_generate (const MapscopeCollectOptions  *options,
                                    GError                       **error)
{
  g_autofree char *capture = NULL;
  g_autofree char *command = NULL;
  g_autofree char *file_shell = NULL;
  g_autofree char *file_shown = NULL;
  GString *out;

  g_return_val_if_fail (options != NULL, NULL);

  if (!check_options (options, error))
    return NULL;

  capture = build_capture (options);
  if (options->sudo || options->ssh_host != NULL)
    {
      g_autofree char *quoted = g_shell_quote (capture);

      /* A login shell over ssh may not be a POSIX one (fish, csh). */
      command = g_strdup_printf ("%ssh -c %s", options->sudo ? "sudo " : "", quoted);
    }
  else
    {
      command = g_strdup_printf ("(%s)", capture);
    }

  if (options->gzip)
    {
      char *compressed = g_strconcat (command, " | gzip -c", NULL);

      g_free (command);
      command = compressed;
    }

  if (options->ssh_host != NULL)
    {
      g_autofree char *quoted_command = g_shell_quote (command);
      g_autofree char *quoted_host = shell_word (options->ssh_host);

      g_free (command);
      command = g_strdup_printf ("ssh %s %s", quoted_host, quoted_command);
    }

  output_names (options, &file_shell, &file_shown);

  out = g_string_new (NULL);
  append_comments (out, options, file_shown);
  g_string_append_printf (out, "%s > %s\n", command, file_shell);

  return g_string_free (out, FALSE);
}
