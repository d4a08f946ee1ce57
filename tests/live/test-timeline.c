/* test-timeline.c: snapshots of a live process at intervals, and their log
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "live-test-util.h"

#define INTERVAL 0.2

typedef struct
{
  GThread      *main_thread;
  GMainLoop    *loop;
  GCancellable *cancellable;
  guint         n_progress;
  guint         cancel_after;
  gboolean      finished;
  gboolean      ok;
  GError       *error;
  gint          data_freed;  /* atomic: the worker may free the data */
} AsyncRun;

/* The log read back is the snapshots taken, one for one. */
static void
assert_log_matches (MapscopeTimeline *timeline)
{
  g_autoptr(MapscopeDocument) document =
    live_load_log (mapscope_timeline_get_log_path (timeline));
  guint n = mapscope_timeline_get_n_snapshots (timeline);

  g_assert_cmpuint (mapscope_document_get_n_snapshots (document), ==, n);
  for (guint i = 0; i < n; i++)
    live_assert_same_snapshot (mapscope_document_get_snapshot (document, i),
                               mapscope_timeline_get_snapshot (timeline, i));
}

static void
count_progress (MapscopeTimeline *timeline,
                MapscopeSnapshot *snapshot,
                guint             index,
                gpointer          user_data)
{
  guint *n_progress = user_data;

  g_assert_cmpuint (index, ==, *n_progress);
  g_assert_true (mapscope_timeline_get_snapshot (timeline, index) == snapshot);
  (*n_progress)++;
}

static void
test_count (void)
{
  g_autofree char *tmp_dir = live_make_tmp_dir ();
  g_autoptr(LiveChild) child = live_child_spawn_regions (tmp_dir);
  g_autofree char *log_path = g_build_filename (tmp_dir, "timeline.log", NULL);
  g_autoptr(MapscopeTimeline) timeline = mapscope_timeline_new (child->pid, INTERVAL, 3);
  g_autoptr(GError) error = NULL;
  guint n_progress = 0;

  mapscope_timeline_set_log_path (timeline, log_path);
  g_assert_true (mapscope_timeline_run (timeline, NULL, count_progress, &n_progress, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_progress, ==, 3);
  g_assert_cmpuint (mapscope_timeline_get_n_snapshots (timeline), ==, 3);

  for (guint i = 1; i < 3; i++)
    {
      MapscopeSnapshot *before = mapscope_timeline_get_snapshot (timeline, i - 1);
      MapscopeSnapshot *after = mapscope_timeline_get_snapshot (timeline, i);
      GTimeSpan gap = g_date_time_difference (mapscope_snapshot_get_timestamp (after),
                                              mapscope_snapshot_get_timestamp (before));

      /* the schedule is kept to well within the interval */
      g_assert_cmpint (gap, >=, INTERVAL * G_USEC_PER_SEC * 0.9);
      g_assert_cmpint (gap, <=, INTERVAL * G_USEC_PER_SEC * 2);
    }

  assert_log_matches (timeline);
  live_child_stop (child);
  live_remove_tmp_dir (tmp_dir);
}

/* The process exits after about 1.5 intervals: the snapshots before stay. */
static void
test_child_exits (void)
{
  g_autofree char *tmp_dir = live_make_tmp_dir ();
  g_autoptr(LiveChild) child = live_child_spawn ("--exit-after", "300", NULL);
  g_autofree char *log_path = g_build_filename (tmp_dir, "timeline.log", NULL);
  g_autoptr(MapscopeTimeline) timeline = mapscope_timeline_new (child->pid, INTERVAL, 5);
  g_autoptr(GError) error = NULL;
  guint n_progress = 0;
  guint n;

  mapscope_timeline_set_log_path (timeline, log_path);
  g_assert_false (mapscope_timeline_run (timeline, NULL, count_progress, &n_progress, &error));
  g_assert_error (error, MAPSCOPE_CAPTURE_ERROR, MAPSCOPE_CAPTURE_ERROR_PROCESS_EXITED);
  g_test_message ("%s", error->message);

  n = mapscope_timeline_get_n_snapshots (timeline);
  g_assert_cmpuint (n, >=, 1);
  g_assert_cmpuint (n, <=, 4);
  g_assert_cmpuint (n_progress, ==, n);
  g_assert_nonnull (strstr (error->message, log_path));

  assert_log_matches (timeline);
  live_child_stop (child);
  live_remove_tmp_dir (tmp_dir);
}

static void
async_progress (MapscopeTimeline *timeline,
                MapscopeSnapshot *snapshot,
                guint             index,
                gpointer          user_data)
{
  AsyncRun *run = user_data;

  g_assert_true (g_thread_self () == run->main_thread);
  g_assert_false (run->finished);
  g_assert_cmpuint (index, ==, run->n_progress);
  run->n_progress++;
  if (run->n_progress == run->cancel_after)
    g_cancellable_cancel (run->cancellable);
}

static void
async_data_free (gpointer user_data)
{
  AsyncRun *run = user_data;

  g_atomic_int_set (&run->data_freed, TRUE);
  g_main_context_wakeup (NULL);
}

static void
async_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  AsyncRun *run = user_data;

  g_assert_true (g_thread_self () == run->main_thread);
  run->finished = TRUE;
  run->ok = mapscope_timeline_run_finish (MAPSCOPE_TIMELINE (source), result, &run->error);
  g_main_loop_quit (run->loop);
}

/* Run in a worker until cancelled: progress comes in the main context, and
 * the log holds every snapshot taken. */
static void
test_async_cancel (void)
{
  g_autofree char *tmp_dir = live_make_tmp_dir ();
  g_autoptr(LiveChild) child = live_child_spawn_regions (tmp_dir);
  g_autofree char *log_path = g_build_filename (tmp_dir, "timeline.log", NULL);
  g_autoptr(MapscopeTimeline) timeline = mapscope_timeline_new (child->pid, 0.05, 0);
  AsyncRun run = { 0 };

  run.main_thread = g_thread_self ();
  run.loop = g_main_loop_new (NULL, FALSE);
  run.cancellable = g_cancellable_new ();
  run.cancel_after = 3;

  mapscope_timeline_set_log_path (timeline, log_path);
  mapscope_timeline_run_async (timeline, run.cancellable, async_progress, &run, async_data_free,
                               async_done, &run);
  g_main_loop_run (run.loop);

  g_assert_false (run.ok);
  g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (run.n_progress, >=, run.cancel_after);
  g_assert_cmpuint (mapscope_timeline_get_n_snapshots (timeline), ==, run.n_progress);
  assert_log_matches (timeline);

  /* the task may still hold the progress data for a moment */
  g_clear_object (&timeline);
  while (!g_atomic_int_get (&run.data_freed))
    g_main_context_iteration (NULL, TRUE);

  g_clear_error (&run.error);
  g_main_loop_unref (run.loop);
  g_object_unref (run.cancellable);
  live_child_stop (child);
  live_remove_tmp_dir (tmp_dir);
}

static void
test_async_count (void)
{
  g_autofree char *tmp_dir = live_make_tmp_dir ();
  g_autoptr(LiveChild) child = live_child_spawn_regions (tmp_dir);
  g_autoptr(MapscopeTimeline) timeline = mapscope_timeline_new (child->pid, 0.05, 2);
  AsyncRun run = { 0 };

  run.main_thread = g_thread_self ();
  run.loop = g_main_loop_new (NULL, FALSE);

  mapscope_timeline_run_async (timeline, NULL, async_progress, &run, NULL, async_done, &run);
  g_main_loop_run (run.loop);

  g_assert_no_error (run.error);
  g_assert_true (run.ok);
  g_assert_cmpuint (run.n_progress, ==, 2);
  g_assert_cmpuint (mapscope_timeline_get_n_snapshots (timeline), ==, 2);

  g_main_loop_unref (run.loop);
  live_child_stop (child);
  live_remove_tmp_dir (tmp_dir);
}

static void
test_permission_denied (void)
{
  g_autofree char *tmp_dir = NULL;
  g_autofree char *log_path = NULL;
  g_autoptr(MapscopeTimeline) timeline = NULL;
  g_autoptr(GError) error = NULL;

  if (geteuid () != 0)
    {
      g_test_skip ("needs root, to become nobody and try to read a process of root");
      return;
    }

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      return;
    }

  timeline = mapscope_timeline_new (getppid (), INTERVAL, 3);
  live_drop_privileges ();
  tmp_dir = live_make_tmp_dir ();
  log_path = g_build_filename (tmp_dir, "timeline.log", NULL);
  mapscope_timeline_set_log_path (timeline, log_path);

  g_assert_false (mapscope_timeline_run (timeline, NULL, NULL, NULL, &error));
  g_assert_error (error, MAPSCOPE_CAPTURE_ERROR, MAPSCOPE_CAPTURE_ERROR_PERMISSION_DENIED);
  g_assert_cmpuint (mapscope_timeline_get_n_snapshots (timeline), ==, 0);
  g_assert_true (g_file_test (log_path, G_FILE_TEST_EXISTS));
  live_remove_tmp_dir (tmp_dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/timeline/count", test_count);
  g_test_add_func ("/timeline/child-exits", test_child_exits);
  g_test_add_func ("/timeline/async-cancel", test_async_cancel);
  g_test_add_func ("/timeline/async-count", test_async_count);
  g_test_add_func ("/timeline/permission-denied", test_permission_denied);

  return g_test_run ();
}
