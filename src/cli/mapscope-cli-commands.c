/* mapscope-cli-commands.c: "mapscope-cli commands", shell commands that
 * capture memory maps on a machine without Mapscope
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mapscope-cli-commands.h"

#include <stdio.h>

#include "mapscope-cli-common.h"
#include "mapscope-collect-commands.h"

#define COMMANDS_DESCRIPTION \
  "Print shell commands that capture memory maps on a machine where Mapscope\n" \
  "is not installed: it needs only a POSIX shell, coreutils and /proc (and\n" \
  "pgrep or pmap from procps for --name and --pmap). Each snapshot follows a\n" \
  "marker line with its process id and time, so the file they write opens as\n" \
  "a timeline. Comments above the command say what it does and where it writes."

#define COMMANDS_NOTES \
  "Give exactly one of --pid, --name and --all-rollups. --interval and\n" \
  "--count go together. Without --output the file is named\n" \
  "mapscope-PID-DATE.smaps (or .pmap, .smaps_rollup; .gz with --gzip) in the\n" \
  "current directory; with --ssh it is written on this machine.\n" \
  "\n" \
  "Exit status: 0 on success, 2 on a usage error."

int
mapscope_cli_commands_run (int    argc,
                           char **argv)
{
  MapscopeCollectOptions options;
  g_autofree char *name = NULL;
  g_autofree char *ssh_host = NULL;
  g_autofree char *output = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) rest = NULL;
  gint pid = 0;
  gint interval = 0;
  gint count = 0;
  gboolean pmap = FALSE;
  gboolean all_rollups = FALSE;
  gboolean sudo = FALSE;
  gboolean gzip = FALSE;
  const GOptionEntry entries[] = {
    { "pid", 'p', G_OPTION_FLAG_NONE, G_OPTION_ARG_INT, &pid,
      "Capture the process with this id", "PID" },
    { "name", 'n', G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &name,
      "Capture the oldest process with this name (pgrep -x)", "NAME" },
    { "interval", 'i', G_OPTION_FLAG_NONE, G_OPTION_ARG_INT, &interval,
      "Seconds between the snapshots of a timeline", "SECONDS" },
    { "count", 'c', G_OPTION_FLAG_NONE, G_OPTION_ARG_INT, &count,
      "Number of snapshots to take", "N" },
    { "pmap", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, &pmap,
      "Capture with pmap -XX instead of /proc/PID/smaps", NULL },
    { "all-rollups", 'a', G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, &all_rollups,
      "Capture /proc/PID/smaps_rollup of every process", NULL },
    { "sudo", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, &sudo,
      "Run the capture as root with sudo", NULL },
    { "ssh", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &ssh_host,
      "Run the capture on HOST through ssh, writing the file here", "HOST" },
    { "gzip", 'z', G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, &gzip,
      "Compress the file with gzip", NULL },
    { "output", 'o', G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, &output,
      "Name of the file the commands write", "OUTPUT" },
    MAPSCOPE_CLI_FILES_ENTRY (&rest),
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;

  context = mapscope_cli_option_context_new_full ("commands", NULL, COMMANDS_DESCRIPTION,
                                                  COMMANDS_NOTES, entries);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return mapscope_cli_usage_error ("commands", "%s", error->message);

  if (rest != NULL && rest[0] != NULL)
    return mapscope_cli_usage_error ("commands", "unexpected argument “%s”", rest[0]);
  if (pid < 0 || interval < 0 || count < 0)
    return mapscope_cli_usage_error ("commands",
                                     "--pid, --interval and --count cannot be negative");
  if ((interval > 0) != (count > 0))
    return mapscope_cli_usage_error ("commands", "--interval and --count go together");

  mapscope_collect_options_init (&options);
  options.pid = pid;
  options.name = name;
  options.interval = interval;
  options.count = count > 0 ? count : 1;
  options.pmap = pmap;
  options.all_rollups = all_rollups;
  options.sudo = sudo;
  options.ssh_host = ssh_host;
  options.gzip = gzip;
  options.output = output;

  text = mapscope_collect_commands_generate (&options, &error);
  if (text == NULL)
    return mapscope_cli_usage_error ("commands", "%s", error->message);

  if (fputs (text, stdout) == EOF || fflush (stdout) != 0)
    {
      g_printerr ("mapscope-cli: cannot write to standard output\n");
      return MAPSCOPE_CLI_EXIT_INPUT_ERROR;
    }

  return MAPSCOPE_CLI_EXIT_SUCCESS;
}
