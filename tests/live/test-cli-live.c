/* test-cli-live.c: mapscope-cli ps, capture, and summary/regions --pid
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <signal.h>
#include <unistd.h>

#include <json-glib/json-glib.h>

#include "live-test-util.h"

typedef struct
{
  int   status;
  char *out;
  char *err;
} CliRun;

static void
cli_run_free (CliRun *run)
{
  g_free (run->out);
  g_free (run->err);
  g_free (run);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CliRun, cli_run_free)

static GSubprocess *
spawn_cli (const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  g_ptr_array_add (argv, (gpointer)MAPSCOPE_CLI);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer)args[i]);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *)argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                               &error);
  g_assert_no_error (error);
  return process;
}

static CliRun *
finish_cli (GSubprocess *process)
{
  g_autoptr(GError) error = NULL;
  CliRun *run = g_new0 (CliRun, 1);

  g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  run->status = g_subprocess_get_exit_status (process);
  if (*run->err != '\0')
    g_test_message ("stderr: %s", run->err);

  return run;
}

static CliRun *
run_cli (const char *first,
         ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  va_list list;

  va_start (list, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (list, const char *))
    g_ptr_array_add (args, (gpointer)arg);
  va_end (list);
  g_ptr_array_add (args, NULL);

  process = spawn_cli ((const char * const *)args->pdata);
  return finish_cli (process);
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

static void
test_ps_json (void)
{
  g_autoptr(CliRun) run = run_cli ("ps", "--json", NULL);
  g_autoptr(JsonNode) root = NULL;
  JsonArray *processes;
  gboolean found_self = FALSE;

  g_assert_cmpint (run->status, ==, 0);
  root = parse_json (run->out);
  processes = json_object_get_array_member (json_node_get_object (root), "processes");
  g_assert_nonnull (processes);

  for (guint i = 0; i < json_array_get_length (processes); i++)
    {
      JsonObject *process = json_array_get_object_element (processes, i);

      g_assert_true (json_object_has_member (process, "kernel_thread"));
      g_assert_false (json_object_has_member (process, "pss_kb"));
      if (json_object_get_int_member (process, "pid") != getpid ())
        continue;

      found_self = TRUE;
      g_assert_cmpint (json_object_get_int_member (process, "ppid"), ==, getppid ());
      g_assert_cmpstr (json_object_get_string_member (process, "name"), ==, "test-cli-live");
      g_assert_cmpint (json_object_get_int_member (process, "rss_kb"), >, 0);
      g_assert_false (json_object_get_boolean_member (process, "kernel_thread"));
    }
  g_assert_true (found_self);
}

static void
test_ps_table (void)
{
  g_autoptr(CliRun) plain = run_cli ("ps", "--user", "root", NULL);
  g_autoptr(CliRun) pss = run_cli ("ps", "--sort", "pss", NULL);
  g_autoptr(CliRun) bad = run_cli ("ps", "--sort", "colour", NULL);
  g_auto(GStrv) lines = NULL;

  g_assert_cmpint (plain->status, ==, 0);
  /* Column widths follow the widest pid on the machine: check the names. */
  g_assert_true (g_regex_match_simple ("^ *PID +PPID +USER +RSS +SWAP +THREADS +NAME +COMMAND\n",
                                       plain->out, G_REGEX_MULTILINE, 0));
  g_assert_null (strstr (plain->out, "PSS"));

  g_assert_cmpint (pss->status, ==, 0);
  lines = g_strsplit (pss->out, "\n", 2);
  g_assert_nonnull (strstr (lines[0], " PSS "));
  g_assert_nonnull (strstr (lines[0], " PRIVATE DIRTY "));
  g_assert_nonnull (strstr (lines[0], " COMMAND"));

  g_assert_cmpint (bad->status, ==, 2);
}

static void
test_capture_then_summary (void)
{
  g_autofree char *tmp_dir = live_make_tmp_dir ();
  g_autoptr(LiveChild) child = live_child_spawn_regions (tmp_dir);
  g_autofree char *pid = g_strdup_printf ("%d", child->pid);
  g_autofree char *log_path = g_build_filename (tmp_dir, "one.log", NULL);
  g_autofree char *header = g_strdup_printf ("pid: %d  command: live-child", child->pid);
  g_autoptr(CliRun) capture = run_cli ("capture", "--pid", pid, "-o", log_path, NULL);
  g_autoptr(CliRun) summary = NULL;
  g_autoptr(CliRun) live_summary = NULL;

  g_assert_cmpint (capture->status, ==, 0);
  g_assert_cmpstr (capture->out, ==, "");
  g_assert_nonnull (strstr (capture->err, "snapshot of process"));

  summary = run_cli ("summary", log_path, NULL);
  g_assert_cmpint (summary->status, ==, 0);
  g_assert_nonnull (strstr (summary->out, header));
  g_assert_nonnull (strstr (summary->out, "thread-stack"));
  g_assert_nonnull (strstr (summary->out, "shared-memory"));

  live_summary = run_cli ("summary", "--pid", pid, NULL);
  g_assert_cmpint (live_summary->status, ==, 0);
  g_assert_nonnull (strstr (live_summary->out, header));

  live_child_stop (child);
  live_remove_tmp_dir (tmp_dir);
}

static void
test_regions_pid (void)
{
  g_autofree char *tmp_dir = live_make_tmp_dir ();
  g_autoptr(LiveChild) child = live_child_spawn_regions (tmp_dir);
  g_autofree char *pid = g_strdup_printf ("%d", child->pid);
  g_autoptr(CliRun) run = run_cli ("regions", "--json", "--pid", pid, "--category", "anonymous",
                                   NULL);
  g_autofree char *start = g_strdup_printf ("0x%" G_GINT64_MODIFIER "x",
                                            live_child_get_region (child, "anon")->address);
  g_autoptr(JsonNode) root = NULL;
  JsonArray *regions;
  gboolean found = FALSE;

  g_assert_cmpint (run->status, ==, 0);
  root = parse_json (run->out);
  regions = json_object_get_array_member (json_node_get_object (root), "regions");
  for (guint i = 0; i < json_array_get_length (regions); i++)
    {
      JsonObject *region = json_array_get_object_element (regions, i);

      if (g_str_equal (json_object_get_string_member (region, "start"), start))
        {
          found = TRUE;
          g_assert_cmpint (json_object_get_int_member (region, "size_kb"), ==, 3 * 1024);
          g_assert_cmpstr (json_object_get_string_member (region, "perms"), ==, "rw-p");
        }
    }
  g_assert_true (found);

  live_child_stop (child);
  live_remove_tmp_dir (tmp_dir);
}

static void
test_capture_count (void)
{
  g_autofree char *tmp_dir = live_make_tmp_dir ();
  g_autoptr(LiveChild) child = live_child_spawn_regions (tmp_dir);
  g_autofree char *pid = g_strdup_printf ("%d", child->pid);
  g_autofree char *log_path = g_build_filename (tmp_dir, "three.log", NULL);
  g_autoptr(CliRun) run = run_cli ("capture", "--pid", pid, "--interval", "0.2", "--count", "3",
                                   "-o", log_path, NULL);
  g_autoptr(MapscopeDocument) document = NULL;

  g_assert_cmpint (run->status, ==, 0);
  document = live_load_log (log_path);
  g_assert_cmpuint (mapscope_document_get_n_snapshots (document), ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpint (mapscope_snapshot_get_pid (mapscope_document_get_snapshot (document, i)),
                     ==, child->pid);

  live_child_stop (child);
  live_remove_tmp_dir (tmp_dir);
}

/* Ctrl+C in the middle of a timeline leaves a valid log and exit status 0. */
static void
test_capture_interrupted (void)
{
  g_autofree char *tmp_dir = live_make_tmp_dir ();
  g_autoptr(LiveChild) child = live_child_spawn_regions (tmp_dir);
  g_autofree char *pid = g_strdup_printf ("%d", child->pid);
  g_autofree char *log_path = g_build_filename (tmp_dir, "long.log", NULL);
  const char *args[] = { "capture", "--pid", pid, "--interval", "0.1", "-o", log_path, NULL };
  g_autoptr(GSubprocess) process = spawn_cli (args);
  g_autoptr(CliRun) run = NULL;
  g_autoptr(MapscopeDocument) document = NULL;

  g_usleep (G_USEC_PER_SEC * 7 / 10);
  g_subprocess_send_signal (process, SIGINT);
  run = finish_cli (process);

  g_assert_cmpint (run->status, ==, 0);
  g_assert_nonnull (strstr (run->err, "stopped;"));
  document = live_load_log (log_path);
  g_assert_cmpuint (mapscope_document_get_n_snapshots (document), >=, 2);

  live_child_stop (child);
  live_remove_tmp_dir (tmp_dir);
}

static void
test_capture_failures (void)
{
  g_autofree char *tmp_dir = live_make_tmp_dir ();
  g_autofree char *log_path = g_build_filename (tmp_dir, "none.log", NULL);
  g_autofree char *gone = g_strdup_printf ("%d", live_reaped_pid ());
  g_autoptr(CliRun) exited = run_cli ("capture", "--pid", gone, "-o", log_path, NULL);
  g_autoptr(CliRun) no_pid = run_cli ("capture", "-o", log_path, NULL);
  g_autoptr(CliRun) mixed = run_cli ("capture", "--pid", gone, "--working-set", "1",
                                     "--count", "2", "-o", log_path, NULL);

  g_assert_cmpint (exited->status, ==, 1);
  g_assert_nonnull (strstr (exited->err, "has exited, or never existed"));
  g_assert_false (g_file_test (log_path, G_FILE_TEST_EXISTS));
  g_assert_cmpint (no_pid->status, ==, 2);
  g_assert_cmpint (mixed->status, ==, 2);

  live_remove_tmp_dir (tmp_dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli-live/ps-json", test_ps_json);
  g_test_add_func ("/cli-live/ps-table", test_ps_table);
  g_test_add_func ("/cli-live/capture-then-summary", test_capture_then_summary);
  g_test_add_func ("/cli-live/regions-pid", test_regions_pid);
  g_test_add_func ("/cli-live/capture-count", test_capture_count);
  g_test_add_func ("/cli-live/capture-interrupted", test_capture_interrupted);
  g_test_add_func ("/cli-live/capture-failures", test_capture_failures);

  return g_test_run ();
}
