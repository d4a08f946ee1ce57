/* mapscope-cli-report.c: "mapscope-cli report", a one-page HTML report of a
 * snapshot or of a diff
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mapscope-cli-report.h"

#include <cairo.h>

#include "mapscope-cli-common.h"
#include "mapscope-cli-output.h"
#include "mapscope-report.h"

#define REPORT_DESCRIPTION \
  "Write a one-page HTML report to attach to a bug report: the summary per\n" \
  "category, a bar chart, the map of the address space, the findings and the\n" \
  "top regions by RSS. The page is self-contained: its images are inline and\n" \
  "it loads nothing from the network.\n" \
  "\n" \
  "With one FILE holding one snapshot, it reports on that snapshot. With two\n" \
  "FILEs, or a FILE holding several snapshots, it reports on the diff of the\n" \
  "first snapshot against the last, with the regions that grew most, and the\n" \
  "findings (leak suspects too) of all the snapshots as a timeline."

#define REPORT_NOTES \
  "--anonymize replaces home directories (/home/NAME becomes /home/USER), the\n" \
  "user's name and the host name wherever they occur in paths, commands and\n" \
  "anonymous region names, before anything is written.\n" \
  "\n" \
  "Exit status: 0 on success, 1 if a FILE could not be read or holds no\n" \
  "snapshot, or the report could not be written, 2 on a usage error."

static void
collect_snapshots (MapscopeDocument *document,
                   gboolean          first,
                   gpointer          user_data)
{
  GPtrArray *snapshots = user_data;

  mapscope_cli_report_warnings (document);
  for (guint i = 0; i < mapscope_document_get_n_snapshots (document); i++)
    g_ptr_array_add (snapshots, g_object_ref (mapscope_document_get_snapshot (document, i)));
}

int
mapscope_cli_report_run (int    argc,
                         char **argv)
{
  g_autoptr(GString) out = mapscope_cli_output_new ();
  g_autoptr(GPtrArray) snapshots = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  g_auto(GStrv) files = NULL;
  MapscopeReportOptions options = { 0, };
  gboolean anonymize = FALSE;
  const GOptionEntry entries[] = {
    { "output", 'o', G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, &output,
      "Write the report to FILE (.html); required", "FILE" },
    { "anonymize", 'a', G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, &anonymize,
      "Replace home directories, the user name and the host name", NULL },
    MAPSCOPE_CLI_FILES_ENTRY (&files),
    G_OPTION_ENTRY_NULL
  };
  int status;

  context = mapscope_cli_option_context_new_full ("report", "FILE…", REPORT_DESCRIPTION,
                                                  REPORT_NOTES, entries);
  if (!mapscope_cli_parse_options (context, "report", &argc, &argv, &files))
    return MAPSCOPE_CLI_EXIT_USAGE_ERROR;
  if (output == NULL)
    return mapscope_cli_usage_error ("report", "--output is required");

  status = mapscope_cli_for_each_document (files, out, collect_snapshots, snapshots);
  if (!mapscope_cli_output_finish (out))
    status = MAPSCOPE_CLI_EXIT_INPUT_ERROR;
  if (status != MAPSCOPE_CLI_EXIT_SUCCESS)
    return status;
  if (snapshots->len == 0)
    {
      g_printerr ("mapscope-cli report: no snapshot to report on\n");
      return MAPSCOPE_CLI_EXIT_INPUT_ERROR;
    }

  options.snapshots = (MapscopeSnapshot * const *) snapshots->pdata;
  options.n_snapshots = snapshots->len;
  options.anonymize = anonymize;

  if (!mapscope_report_save (&options, output, &error))
    {
      g_printerr ("mapscope-cli report: %s\n", error->message);
      status = MAPSCOPE_CLI_EXIT_INPUT_ERROR;
    }

  /* Cairo caches the font faces it made for labels until told otherwise. */
  cairo_debug_reset_static_data ();

  return status;
}
