/* mapscope-cli.c: mapscope-cli, the command line face of Mapscope
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <locale.h>
#include <stdio.h>

#include "mapscope-cli-capture.h"
#include "mapscope-cli-commands.h"
#include "mapscope-cli-common.h"
#include "mapscope-cli-diff.h"
#include "mapscope-cli-findings.h"
#include "mapscope-cli-map.h"
#include "mapscope-cli-ps.h"
#include "mapscope-cli-regions.h"
#include "mapscope-cli-report.h"
#include "mapscope-cli-summary.h"

typedef struct
{
  const char *name;
  const char *description;
  int       (*run) (int    argc,
                    char **argv);
} Command;

static const Command commands[] = {
  { "summary", "Memory per category of region, and totals", mapscope_cli_summary_run },
  { "regions", "The regions one by one, filtered and sorted", mapscope_cli_regions_run },
  { "diff", "What changed between two snapshots", mapscope_cli_diff_run },
  { "findings", "Memory problems worth a look, and leak suspects", mapscope_cli_findings_run },
  { "map", "The memory map drawn into a PNG or SVG image", mapscope_cli_map_run },
  { "ps", "The running processes and their memory", mapscope_cli_ps_run },
  { "capture", "Snapshots of a live process, once or every few seconds", mapscope_cli_capture_run },
  { "report", "A one-page HTML report of a snapshot or a diff", mapscope_cli_report_run },
  { "commands", "Shell commands that capture on a machine without Mapscope", mapscope_cli_commands_run },
};

static void
print_help (void)
{
  g_autoptr(GString) help = g_string_new (NULL);

  g_string_append (help,
                   "Usage:\n"
                   "  mapscope-cli COMMAND [OPTION…] FILE…\n"
                   "\n"
                   "Report on the memory map of a process: /proc/PID/smaps, smaps_rollup or\n"
                   "maps, or the output of pmap, pmap -x, pmap -X or pmap -XX. The format is\n"
                   "found from the content; gzip-compressed input is read too. A FILE of “-”\n"
                   "reads standard input. summary and regions also read a live process\n"
                   "with --pid PID; capture saves its snapshots as a log that they read.\n"
                   "\n"
                   "Commands:\n");
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (help, "  %-9s %s\n", commands[i].name, commands[i].description);
  g_string_append (help,
                   "  help      Show this help, or the help of a command\n"
                   "\n"
                   "Options:\n"
                   "  -h, --help   Show this help\n"
                   "  --version    Show the version\n"
                   "\n"
                   "Use “mapscope-cli COMMAND --help” for the options of a command.\n");

  fputs (help->str, stdout);
}

static const Command *
find_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (name, commands[i].name))
      return &commands[i];

  return NULL;
}

static int
run_help (int    argc,
          char **argv)
{
  const Command *command;
  char *help_argv[] = { argv[1], (char *) "--help", NULL };

  if (argc < 2)
    {
      print_help ();
      return MAPSCOPE_CLI_EXIT_SUCCESS;
    }

  command = find_command (argv[1]);
  if (command == NULL)
    return mapscope_cli_usage_error (NULL, "unknown command “%s”", argv[1]);

  /* GOptionContext prints the help and exits */
  return command->run (G_N_ELEMENTS (help_argv) - 1, help_argv);
}

int
main (int    argc,
      char **argv)
{
  const Command *command;

  setlocale (LC_ALL, "");
  g_set_prgname ("mapscope-cli");

  if (argc < 2)
    return mapscope_cli_usage_error (NULL, "no COMMAND given");

  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
    {
      print_help ();
      return MAPSCOPE_CLI_EXIT_SUCCESS;
    }

  if (g_str_equal (argv[1], "--version"))
    {
      printf ("mapscope-cli %s\n", MAPSCOPE_VERSION);
      return MAPSCOPE_CLI_EXIT_SUCCESS;
    }

  if (g_str_equal (argv[1], "help"))
    return run_help (argc - 1, argv + 1);

  if (argv[1][0] == '-')
    return mapscope_cli_usage_error (NULL, "unknown option %s", argv[1]);

  command = find_command (argv[1]);
  if (command == NULL)
    return mapscope_cli_usage_error (NULL, "unknown command “%s”", argv[1]);

  return command->run (argc - 1, argv + 1);
}
