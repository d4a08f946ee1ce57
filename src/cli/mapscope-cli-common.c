/* mapscope-cli-common.c: what every subcommand does the same way
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mapscope-cli-common.h"

#include <stdarg.h>

#include "mapscope-cli-output.h"

GOptionContext *
mapscope_cli_option_context_new (const char         *command,
                                 const char         *summary,
                                 const char         *description,
                                 const GOptionEntry *entries)
{
  g_autofree char *prgname = g_strdup_printf ("mapscope-cli %s", command);
  GOptionContext *context = g_option_context_new ("FILE…");

  /* GOptionContext's usage line starts with the program name; this makes it
   * read "mapscope-cli summary [OPTION…] FILE…". */
  g_set_prgname (prgname);

  g_option_context_set_summary (context, summary);
  g_option_context_set_description (context, description);
  g_option_context_add_main_entries (context, entries, NULL);

  return context;
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
 * the MAPSCOPE_CLI_FILES_ENTRY one. On failure it has reported the usage error;
 * exit with status 2. */
gboolean
mapscope_cli_parse_options (GOptionContext   *context,
                            const char       *command,
                            int              *argc,
                            char           ***argv,
                            char           ***files)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      mapscope_cli_usage_error (command, "%s", error->message);
      return FALSE;
    }

  if (*files == NULL || (*files)[0] == NULL)
    {
      mapscope_cli_usage_error (command, "no FILE given (use “-” for standard input)");
      return FALSE;
    }

  return TRUE;
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

/* Loads each of @files in turn and hands it to @func, which appends to
 * @out. A FILE that cannot be read is reported and skipped; the others are
 * still done. Returns the exit status so far. */
int
mapscope_cli_for_each_document (char                    **files,
                                GString                  *out,
                                MapscopeCliDocumentFunc   func,
                                gpointer                  user_data)
{
  gboolean first = TRUE;
  int status = MAPSCOPE_CLI_EXIT_SUCCESS;

  for (guint i = 0; files[i] != NULL; i++)
    {
      g_autoptr(MapscopeDocument) document = NULL;
      g_autoptr(GError) error = NULL;

      document = mapscope_document_load_path (files[i], NULL, NULL, NULL, &error);
      if (document == NULL)
        {
          report_error (files[i], error);
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
