/* mapscope-cli-capture.c: "mapscope-cli capture", snapshots of a live process
 *
 * The capture runs in a worker thread while the main loop waits for it and
 * for SIGINT or SIGTERM, which cancel it: the snapshot being read is then
 * dropped and the log keeps every one taken before.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mapscope-cli-capture.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <glib-unix.h>
#include <glib/gstdio.h>

#include "mapscope-cli-common.h"

#define DEFAULT_INTERVAL 1.0

#define CAPTURE_DESCRIPTION \
  "Capture the memory map of the live process PID: one snapshot, a timeline\n" \
  "of snapshots every --interval seconds (--count times, or until Ctrl+C), or\n" \
  "its working set. Each snapshot is written to FILE (-o) or to standard\n" \
  "output as it is taken, in the capture log format that every other command\n" \
  "reads."

#define CAPTURE_NOTES \
  "The capture log holds, for each snapshot, a line\n" \
  "  === mapscope snapshot pid=PID time=TIME command=NAME ===\n" \
  "then the text of /proc/PID/smaps as the kernel gave it. TIME is UTC.\n" \
  "\n" \
  "Ctrl+C (SIGINT) or SIGTERM stops a timeline cleanly: the snapshot being\n" \
  "read is dropped, the ones taken stay in FILE, and the exit status is 0.\n" \
  "The process exiting ends a timeline the same way. With --count and no\n" \
  "--interval, snapshots are 1 second apart.\n" \
  "\n" \
  "--working-set SECONDS clears the referenced bits of the process's pages\n" \
  "(/proc/PID/clear_refs), waits SECONDS and captures it: each region's\n" \
  "Referenced is then the memory the process touched meanwhile. This changes\n" \
  "the kernel's page state of the process, not its data; it needs to be run\n" \
  "as the process's user, or root.\n" \
  "\n" \
  "Reading /proc/PID/smaps needs ptrace-read access to the process: your own\n" \
  "processes, or any as root.\n" \
  "\n" \
  "Exit status: 0 when the snapshots were written (or a stop cut them short),\n" \
  "1 when none could be taken (no such process, no memory, no permission) or\n" \
  "the log could not be written, 2 on a usage error."

typedef struct
{
  GMainLoop    *loop;
  GCancellable *cancellable;
  gint          pid;
  guint         count;           /* 0: until stopped */
  const char   *log_name;        /* for messages */
  guint         n_taken;
  GError       *error;
  guint         signal_ids[2];
} Capture;

static gboolean
on_stop_signal (gpointer user_data)
{
  Capture *capture = user_data;

  g_cancellable_cancel (capture->cancellable);
  return G_SOURCE_CONTINUE;
}

static void
report_snapshot (Capture          *capture,
                 MapscopeSnapshot *snapshot)
{
  g_autoptr(MapscopeSummary) summary = mapscope_summary_new (snapshot);
  const MapscopeTotals *totals = mapscope_summary_get_totals (summary);
  const MapscopeCaptureInfo *info = mapscope_capture_info_get (snapshot);
  g_autofree char *rss = mapscope_format_kb (totals->values[MAPSCOPE_FIELD_RSS]);
  g_autofree char *which = NULL;

  capture->n_taken++;
  if (capture->count > 1)
    which = g_strdup_printf ("snapshot %u of %u", capture->n_taken, capture->count);
  else if (capture->count == 0)
    which = g_strdup_printf ("snapshot %u", capture->n_taken);
  else
    which = g_strdup ("snapshot");

  g_printerr ("mapscope-cli capture: %s of process %d (%s): %u regions, RSS %s",
              which, capture->pid, info->command, totals->region_count, rss);
  if (info->working_set_seconds > 0)
    {
      g_autofree char *touched = mapscope_format_kb (mapscope_working_set_get_total_kb (snapshot));

      g_printerr (", touched in %g s: %s", info->working_set_seconds, touched);
    }
  g_printerr ("\n");
}

static void
on_timeline_progress (MapscopeTimeline *timeline,
                      MapscopeSnapshot *snapshot,
                      guint             index,
                      gpointer          user_data)
{
  report_snapshot (user_data, snapshot);
}

static void
on_timeline_done (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Capture *capture = user_data;

  mapscope_timeline_run_finish (MAPSCOPE_TIMELINE (source), result, &capture->error);
  g_main_loop_quit (capture->loop);
}

static void
on_working_set_done (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  Capture *capture = user_data;
  g_autoptr(MapscopeSnapshot) snapshot = NULL;

  snapshot = mapscope_working_set_capture_finish (result, &capture->error);
  if (snapshot != NULL)
    report_snapshot (capture, snapshot);
  g_main_loop_quit (capture->loop);
}

/* Says how it ended; returns the exit status. */
static int
finish (Capture *capture)
{
  gboolean stopped = g_error_matches (capture->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  gboolean exited = g_error_matches (capture->error, MAPSCOPE_CAPTURE_ERROR,
                                     MAPSCOPE_CAPTURE_ERROR_PROCESS_EXITED);

  if (capture->error == NULL)
    return MAPSCOPE_CLI_EXIT_SUCCESS;

  if (stopped)
    {
      g_printerr ("mapscope-cli capture: stopped; %u snapshot%s written to %s\n",
                  capture->n_taken, capture->n_taken == 1 ? "" : "s", capture->log_name);
      return MAPSCOPE_CLI_EXIT_SUCCESS;
    }

  g_printerr ("mapscope-cli capture: %s\n", capture->error->message);
  return exited && capture->n_taken > 0 ? MAPSCOPE_CLI_EXIT_SUCCESS
                                        : MAPSCOPE_CLI_EXIT_INPUT_ERROR;
}

static int
run_capture (Capture  *capture,
             int       log_fd,
             gdouble   interval,
             gdouble   working_set)
{
  g_autoptr(MapscopeTimeline) timeline = NULL;

  capture->loop = g_main_loop_new (NULL, FALSE);
  capture->cancellable = g_cancellable_new ();
  capture->signal_ids[0] = g_unix_signal_add (SIGINT, on_stop_signal, capture);
  capture->signal_ids[1] = g_unix_signal_add (SIGTERM, on_stop_signal, capture);

  if (working_set > 0)
    {
      mapscope_working_set_capture_async (capture->pid, working_set, log_fd,
                                          capture->cancellable, on_working_set_done, capture);
    }
  else
    {
      timeline = mapscope_timeline_new (capture->pid, interval, capture->count);
      mapscope_timeline_set_log_fd (timeline, log_fd);
      mapscope_timeline_run_async (timeline, capture->cancellable, on_timeline_progress,
                                   capture, NULL, on_timeline_done, capture);
    }

  g_main_loop_run (capture->loop);

  for (guint i = 0; i < G_N_ELEMENTS (capture->signal_ids); i++)
    g_source_remove (capture->signal_ids[i]);
  g_clear_object (&capture->cancellable);
  g_clear_pointer (&capture->loop, g_main_loop_unref);

  return finish (capture);
}

int
mapscope_cli_capture_run (int    argc,
                          char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  gdouble interval = 0;
  gdouble working_set = 0;
  gint count = -1;
  Capture capture = { 0 };
  const GOptionEntry entries[] = {
    { "pid", 'p', G_OPTION_FLAG_NONE, G_OPTION_ARG_INT, &capture.pid,
      "The process to capture", "PID" },
    { "interval", 'i', G_OPTION_FLAG_NONE, G_OPTION_ARG_DOUBLE, &interval,
      "Take a snapshot every SECONDS, until Ctrl+C or --count", "SECONDS" },
    { "count", 'n', G_OPTION_FLAG_NONE, G_OPTION_ARG_INT, &count,
      "Take N snapshots", "N" },
    { "working-set", 'w', G_OPTION_FLAG_NONE, G_OPTION_ARG_DOUBLE, &working_set,
      "Measure the memory the process touches in SECONDS", "SECONDS" },
    { "output", 'o', G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, &output,
      "Write the capture log to FILE instead of standard output", "FILE" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  gboolean timeline_options;
  int log_fd = STDOUT_FILENO;
  int status;

  context = mapscope_cli_option_context_new_full ("capture", NULL, CAPTURE_DESCRIPTION,
                                                  CAPTURE_NOTES, entries);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return mapscope_cli_usage_error ("capture", "%s", error->message);
  if (argc > 1)
    return mapscope_cli_usage_error ("capture", "unexpected argument “%s”", argv[1]);
  if (capture.pid <= 0)
    return mapscope_cli_usage_error ("capture", "which process? Give --pid PID");
  if (interval < 0 || working_set < 0 || count == 0 || count < -1)
    return mapscope_cli_usage_error ("capture", "--interval, --count and --working-set want "
                                     "numbers above 0");

  timeline_options = interval > 0 || count > 0;
  if (working_set > 0 && timeline_options)
    return mapscope_cli_usage_error ("capture", "--working-set takes one snapshot: it does not "
                                     "go with --interval or --count");
  if (output == NULL && isatty (STDOUT_FILENO))
    return mapscope_cli_usage_error ("capture", "the capture log would go to the terminal: "
                                     "give -o FILE, or redirect standard output");

  /* --interval alone runs until stopped; --count alone, a second apart */
  capture.count = count > 0 ? (guint)count : (interval > 0 ? 0 : 1);
  if (interval == 0)
    interval = DEFAULT_INTERVAL;

  capture.log_name = output != NULL ? output : "standard output";
  if (output != NULL)
    {
      log_fd = open (output, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOCTTY, 0644);
      if (log_fd < 0)
        {
          int errsv = errno;

          g_printerr ("mapscope-cli capture: cannot create %s: %s\n", output,
                      g_strerror (errsv));
          return MAPSCOPE_CLI_EXIT_INPUT_ERROR;
        }
    }

  status = run_capture (&capture, log_fd, interval, working_set);

  if (output != NULL)
    {
      if (close (log_fd) != 0 && status == MAPSCOPE_CLI_EXIT_SUCCESS)
        {
          int errsv = errno;

          g_printerr ("mapscope-cli capture: cannot write %s: %s\n", output,
                      g_strerror (errsv));
          status = MAPSCOPE_CLI_EXIT_INPUT_ERROR;
        }
      /* an empty file is no log at all */
      if (capture.n_taken == 0)
        g_unlink (output);
    }

  g_clear_error (&capture.error);
  return status;
}
