/* mapscope-cli-common.h: what every subcommand does the same way
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mapscope-core.h"

G_BEGIN_DECLS

/* The last entry of every subcommand's options: what is left, after a "--"
 * too, is the FILE list. */
#define MAPSCOPE_CLI_FILES_ENTRY(files) \
  { G_OPTION_REMAINING, 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME_ARRAY, (files), NULL, NULL }

/* --pid PID: the live process, read before any FILE. */
#define MAPSCOPE_CLI_PID_ENTRY(pid) \
  { "pid", 'p', G_OPTION_FLAG_NONE, G_OPTION_ARG_INT, (pid), \
    "Capture the live process PID and report on it, before any FILE", "PID" }

typedef enum
{
  MAPSCOPE_CLI_EXIT_SUCCESS = 0,
  MAPSCOPE_CLI_EXIT_INPUT_ERROR = 1,
  MAPSCOPE_CLI_EXIT_USAGE_ERROR = 2,
} MapscopeCliExitStatus;

/* @first: nothing was printed for an earlier FILE */
typedef void (*MapscopeCliDocumentFunc) (MapscopeDocument *document,
                                         gboolean          first,
                                         gpointer          user_data);

GOptionContext *mapscope_cli_option_context_new (const char               *command,
                                                 const char               *summary,
                                                 const char               *description,
                                                 const GOptionEntry       *entries);
GOptionContext *mapscope_cli_option_context_new_full (const char          *command,
                                                      const char          *parameters,
                                                      const char          *summary,
                                                      const char          *description,
                                                      const GOptionEntry  *entries);
gboolean        mapscope_cli_parse_options      (GOptionContext           *context,
                                                 const char               *command,
                                                 int                      *argc,
                                                 char                   ***argv,
                                                 char                   ***files);
gboolean        mapscope_cli_parse_input_options (GOptionContext          *context,
                                                  const char              *command,
                                                  int                     *argc,
                                                  char                  ***argv,
                                                  char                  ***files,
                                                  const gint              *pid);
int             mapscope_cli_usage_error        (const char               *command,
                                                 const char               *format,
                                                 ...) G_GNUC_PRINTF (2, 3);
void            mapscope_cli_report_warnings    (MapscopeDocument         *document);
int             mapscope_cli_for_each_document  (char                    **files,
                                                 GString                  *out,
                                                 MapscopeCliDocumentFunc   func,
                                                 gpointer                  user_data);
int             mapscope_cli_for_each_input     (char                    **files,
                                                 gint                      pid,
                                                 GString                  *out,
                                                 MapscopeCliDocumentFunc   func,
                                                 gpointer                  user_data);

G_END_DECLS
