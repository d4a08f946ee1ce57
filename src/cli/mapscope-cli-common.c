/* mapscope-cli-common.c: what every subcommand does the same way
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mapscope-cli-common.h"

#include <stdarg.h>

#include "mapscope-cli-output.h"

/* @parameters: what follows the options in the usage line, or NULL */
GOptionContext *
mapscope_cli_option_context_new_full (const char         *command,
                                      const char         *parameters,
                                      const char         *summary,
                                      const char         *description,
                                      const GOptionEntry *entries)
{
  g_autofree char *prgname = g_strdup_printf ("mapscope-cli %s", command);
  GOptionContext *context = g_option_context_new (parameters);

  /* GOptionContext's usage line starts with the program name; this makes it
   * read "mapscope-cli summary [OPTION…] FILE…". */
  g_set_prgname (prgname);

  g_option_context_set_summary (context, summary);
  g_option_context_set_description (context, description);
  g_option_context_add_main_entries (context, entries, NULL);

  return context;
}

GOptionContext *
mapscope_cli_option_context_new (const char         *command,
                                 const char         *summary,
                                 const char         *description,
                                 const GOptionEntry *entries)
{
  return mapscope_cli_option_context_new_full (command, "FILE…", summary, description, entries);
}

int
mapscope_cli_usage_error (const char *command,
                          const char *format,
                          ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (command != NULL)
    g_printerr ("mapscope-cli %s: %s\n"
                "Try “mapscope-cli %s --help” for more information.\n",
                command, message, command);
  else
    g_printerr ("mapscope-cli: %s\n"
                "Try “mapscope-cli --help” for more information.\n",
                message);

  return MAPSCOPE_CLI_EXIT_USAGE_ERROR;
}

/* Parses the options in *argv into the context's entries, *@files being
 * the MAPSCOPE_CLI_FILES_ENTRY one and *@pid, unless @pid is NULL, the
 * MAPSCOPE_CLI_PID_ENTRY one (0 when not given): a FILE or a PID is needed.
 * On failure it has reported the usage error; exit with status 2. */
gboolean
mapscope_cli_parse_input_options (GOptionContext   *context,
                                  const char       *command,
                                  int              *argc,
                                  char           ***argv,
                                  char           ***files,
                                  const gint       *pid)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      mapscope_cli_usage_error (command, "%s", error->message);
      return FALSE;
    }

  if (pid != NULL && *pid < 0)
    {
      mapscope_cli_usage_error (command, "--pid wants a process id, not %d", *pid);
      return FALSE;
    }

  if ((*files == NULL || (*files)[0] == NULL) && (pid == NULL || *pid == 0))
    {
      mapscope_cli_usage_error (command, pid != NULL
                                ? "no FILE or --pid given (use “-” for standard input)"
                                : "no FILE given (use “-” for standard input)");
      return FALSE;
    }

  return TRUE;
}

/* mapscope_cli_parse_input_options() for a command that reads only FILEs. */
gboolean
mapscope_cli_parse_options (GOptionContext   *context,
                            const char       *command,
                            int              *argc,
                            char           ***argv,
                            char           ***files)
{
  return mapscope_cli_parse_input_options (context, command, argc, argv, files, NULL);
}

static void
report_error (const char   *path,
              const GError *error)
{
  g_autofree char *prefix = g_strconcat (path, ":", NULL);

  /* Parse errors already read "FILE:LINE: what"; others, such as a file that
   * cannot be opened, get the file name put in front. */
  if (g_str_has_prefix (error->message, prefix))
    g_printerr ("%s\n", error->message);
  else
    g_printerr ("%s: %s\n", path, error->message);
}

/* Loads each of @files in turn (after capturing process @pid, unless it
 * is 0) and hands it to @func, which appends to @out. An input that cannot
 * be read is reported and skipped; the others are still done. Returns the
 * exit status so far. */
int
mapscope_cli_for_each_input (char                    **files,
                             gint                      pid,
                             GString                  *out,
                             MapscopeCliDocumentFunc   func,
                             gpointer                  user_data)
{
  gboolean first = TRUE;
  int status = MAPSCOPE_CLI_EXIT_SUCCESS;
  guint n_files = files != NULL ? g_strv_length (files) : 0;

  /* Input -1 is the process. */
  for (gint i = pid > 0 ? -1 : 0; i < (gint)n_files; i++)
    {
      g_autoptr(MapscopeDocument) document = NULL;
      g_autoptr(GError) error = NULL;

      if (i < 0)
        document = mapscope_capture_document (pid, NULL, &error);
      else
        document = mapscope_document_load_path (files[i], NULL, NULL, NULL, &error);

      if (document == NULL && i < 0)
        g_printerr ("mapscope-cli: %s\n", error->message);
      else if (document == NULL)
        report_error (files[i], error);

      if (document == NULL)
        {
          status = MAPSCOPE_CLI_EXIT_INPUT_ERROR;
          continue;
        }

      func (document, first, user_data);
      first = FALSE;

      /* show what is done before reading the next, maybe slow, input */
      mapscope_cli_output_flush (out);
    }

  return status;
}

/* mapscope_cli_for_each_input() with no process. */
int
mapscope_cli_for_each_document (char                    **files,
                                GString                  *out,
                                MapscopeCliDocumentFunc   func,
                                gpointer                  user_data)
{
  return mapscope_cli_for_each_input (files, 0, out, func, user_data);
}

void
mapscope_cli_report_warnings (MapscopeDocument *document)
{
  const char *source = mapscope_document_get_source (document);
  guint n_warnings = mapscope_document_get_n_warnings (document);

  for (guint i = 0; i < n_warnings; i++)
    {
      const MapscopeWarning *warning = mapscope_document_get_warning (document, i);

      if (warning->line > 0)
        g_printerr ("%s:%" G_GUINT64_FORMAT ": warning: %s\n",
                    source, warning->line, warning->message);
      else
        g_printerr ("%s: warning: %s\n", source, warning->message);
    }
}
