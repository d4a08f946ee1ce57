/* test-process-source.c: the process sources other than /proc itself
 *
 * The host source runs through tests/live/fake-flatpak-spawn and the helper
 * source through tests/live/fake-pkexec, stand-ins that run the command
 * here and log it, so both read this machine's /proc; what they read must
 * equal what the direct source reads, and the log shows the readers ran.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <unistd.h>

#include "live-test-util.h"
#include "mapscope-live-private.h"

/* Above any pid the kernel hands out (PID_MAX_LIMIT is 2^22). */
#define NO_SUCH_PID 4194304
#define INIT_PID 1

typedef struct
{
  char *tmp_dir;
  char *log_path;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->tmp_dir = live_make_tmp_dir ();
  fixture->log_path = g_build_filename (fixture->tmp_dir, "spawn.log", NULL);
  g_setenv ("FAKE_SPAWN_LOG", fixture->log_path, TRUE);
  g_unsetenv ("FAKE_PKEXEC_EXIT");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_unsetenv ("FAKE_SPAWN_LOG");
  live_remove_tmp_dir (fixture->tmp_dir);
  g_free (fixture->log_path);
  g_free (fixture->tmp_dir);
}

static char *
read_log (Fixture *fixture)
{
  char *text = NULL;

  if (!g_file_get_contents (fixture->log_path, &text, NULL, NULL))
    return g_strdup ("");
  return text;
}

static MapscopeProcessSource *
host_source_new (void)
{
  return mapscope_host_source_new (FAKE_FLATPAK_SPAWN);
}

static MapscopeProcessSource *
helper_source_new (void)
{
  return mapscope_helper_source_new (FAKE_PKEXEC, READ_MAPS_HELPER);
}

static void
assert_same_regions (MapscopeSnapshot *a,
                     MapscopeSnapshot *b)
{
  guint n_regions = mapscope_snapshot_get_n_regions (a);

  g_assert_cmpuint (n_regions, >, 0);
  g_assert_cmpuint (mapscope_snapshot_get_n_regions (b), ==, n_regions);
  g_assert_cmpint (mapscope_snapshot_get_pid (a), ==, mapscope_snapshot_get_pid (b));
  g_assert_cmpstr (mapscope_snapshot_get_command (a), ==, mapscope_snapshot_get_command (b));
  g_assert_cmpuint (live_sum_field (a, MAPSCOPE_FIELD_SIZE), ==,
                    live_sum_field (b, MAPSCOPE_FIELD_SIZE));
  for (guint i = 0; i < n_regions; i++)
    {
      const MapscopeRegion *ra = mapscope_snapshot_get_region (a, i);
      const MapscopeRegion *rb = mapscope_snapshot_get_region (b, i);

      g_assert_cmphex (ra->start, ==, rb->start);
      g_assert_cmphex (ra->end, ==, rb->end);
      g_assert_cmpuint (ra->perms, ==, rb->perms);
      g_assert_cmpstr (ra->path, ==, rb->path);
      g_assert_cmpuint (ra->category, ==, rb->category);
    }
}

static guint
find_index (MapscopeProcessList *list,
            gint                 pid)
{
  for (guint i = 0; i < mapscope_process_list_get_n_processes (list); i++)
    {
      if (mapscope_process_list_get_process (list, i)->pid == pid)
        return i;
    }
  g_assert_not_reached ();
}

static void
assert_same_process (const MapscopeProcess *a,
                     const MapscopeProcess *b)
{
  g_assert_nonnull (a);
  g_assert_nonnull (b);
  g_assert_cmpint (a->pid, ==, b->pid);
  g_assert_cmpint (a->ppid, ==, b->ppid);
  g_assert_cmpuint (a->uid, ==, b->uid);
  g_assert_cmpstr (a->user, ==, b->user);
  g_assert_cmpstr (a->name, ==, b->name);
  g_assert_cmpstr (a->command_line, ==, b->command_line);
  g_assert_cmpint (a->state, ==, b->state);
  g_assert_cmpuint (a->n_threads, ==, b->n_threads);
  g_assert_cmpint (a->kernel_thread, ==, b->kernel_thread);
}

/* Inside a Flatpak sandbox (/.flatpak-info), the host; elsewhere /proc. */
static void
test_default_choice (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *info = g_build_filename (fixture->tmp_dir, "flatpak-info", NULL);
  g_autoptr(MapscopeProcessSource) outside = NULL;
  g_autoptr(MapscopeProcessSource) inside = NULL;

  outside = _mapscope_process_source_choose (info);
  g_assert_true (MAPSCOPE_IS_DIRECT_SOURCE (outside));

  g_assert_true (g_file_set_contents (info, "[Application]\n", -1, NULL));
  inside = _mapscope_process_source_choose (info);
  g_assert_true (MAPSCOPE_IS_HOST_SOURCE (inside));

  g_assert_true (MAPSCOPE_IS_DIRECT_SOURCE (mapscope_process_source_get_default ()));
}

static void
test_host_list (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(LiveChild) child = live_child_spawn_regions (fixture->tmp_dir);
  g_autoptr(MapscopeProcessSource) host = host_source_new ();
  g_autoptr(MapscopeProcessList) host_list = mapscope_process_list_new_for_source (host);
  g_autoptr(MapscopeProcessList) direct_list = mapscope_process_list_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *log = NULL;
  guint n_host;
  guint n_direct;
  guint n_both = 0;

  g_assert_true (mapscope_process_list_refresh (host_list, &error));
  g_assert_no_error (error);
  g_assert_true (mapscope_process_list_refresh (direct_list, &error));
  g_assert_no_error (error);

  /* The same processes, apart from those that came and went in between (on
   * a busy machine, compilers). */
  n_host = mapscope_process_list_get_n_processes (host_list);
  n_direct = mapscope_process_list_get_n_processes (direct_list);
  g_assert_cmpuint (n_host, >, 1);
  for (guint i = 0; i < n_direct; i++)
    {
      gint pid = mapscope_process_list_get_process (direct_list, i)->pid;

      if (mapscope_process_list_find (host_list, pid) != NULL)
        n_both++;
    }
  g_assert_cmpuint (n_both, >=, n_direct / 2);
  for (guint i = 1; i < n_host; i++)
    g_assert_cmpint (mapscope_process_list_get_process (host_list, i - 1)->pid, <,
                     mapscope_process_list_get_process (host_list, i)->pid);

  assert_same_process (mapscope_process_list_find (host_list, child->pid),
                       mapscope_process_list_find (direct_list, child->pid));
  assert_same_process (mapscope_process_list_find (host_list, INIT_PID),
                       mapscope_process_list_find (direct_list, INIT_PID));
  g_assert_cmpuint (mapscope_process_list_find (host_list, child->pid)->rss_kb, >, 0);

  log = read_log (fixture);
  g_assert_nonnull (strstr (log, "--host --env=LC_ALL=C sh -c exec grep -Has '' "
                                 "/proc/[0-9]*/status\n"));
  g_assert_nonnull (strstr (log, "/proc/[0-9]*/cmdline\n"));
}

static void
test_host_capture (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(LiveChild) child = live_child_spawn_regions (fixture->tmp_dir);
  g_autoptr(MapscopeProcessSource) host = host_source_new ();
  g_autoptr(MapscopeSnapshot) direct = NULL;
  g_autoptr(MapscopeSnapshot) through_host = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *log = NULL;
  g_autofree char *expected = NULL;
  const LiveRegion *anon = live_child_get_region (child, "anon");
  const MapscopeRegion *region;

  direct = mapscope_capture_snapshot (child->pid, NULL, &error);
  g_assert_no_error (error);
  through_host = mapscope_capture_snapshot_from_source (host, child->pid, NULL, &error);
  g_assert_no_error (error);

  assert_same_regions (direct, through_host);
  region = mapscope_snapshot_find_region (through_host, anon->address);
  g_assert_nonnull (region);
  g_assert_cmpuint (mapscope_snapshot_get_value_or_zero (through_host, region,
                                                         MAPSCOPE_FIELD_RSS), ==, 3 * 1024);
  g_assert_nonnull (mapscope_capture_info_get (through_host));

  log = read_log (fixture);
  expected = g_strdup_printf ("--host --env=LC_ALL=C cat -- /proc/%d/smaps\n", child->pid);
  g_assert_nonnull (strstr (log, expected));
}

static void
test_host_rollup (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(LiveChild) child = live_child_spawn_regions (fixture->tmp_dir);
  g_autoptr(MapscopeProcessSource) host = host_source_new ();
  g_autoptr(MapscopeProcessList) host_list = mapscope_process_list_new_for_source (host);
  g_autoptr(MapscopeProcess) direct = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *log = NULL;
  g_autofree char *expected = NULL;
  const MapscopeProcess *process;
  guint index;

  g_assert_true (mapscope_process_list_refresh (host_list, &error));
  index = find_index (host_list, child->pid);
  g_assert_true (mapscope_process_list_ensure_rollup (host_list, index, &error));
  g_assert_no_error (error);
  process = mapscope_process_list_get_process (host_list, index);
  g_assert_cmpint (process->rollup, ==, MAPSCOPE_ROLLUP_READ);

  direct = mapscope_process_new_for_pid (child->pid, &error);
  g_assert_no_error (error);
  g_assert_true (mapscope_process_read_rollup (direct, &error));
  g_assert_cmpuint (process->private_dirty_kb, ==, direct->private_dirty_kb);
  g_assert_cmpuint (process->private_dirty_kb, >=, 3 * 1024);

  log = read_log (fixture);
  expected = g_strdup_printf ("cat -- /proc/%d/smaps_rollup\n", child->pid);
  g_assert_nonnull (strstr (log, expected));
}

static void
test_host_no_process (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(MapscopeProcessSource) host = host_source_new ();
  g_autoptr(MapscopeSnapshot) snapshot = NULL;
  g_autoptr(GBytes) content = NULL;
  g_autoptr(GError) error = NULL;

  content = mapscope_process_source_read_file (host, NO_SUCH_PID, "smaps", NULL, &error);
  g_assert_null (content);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  snapshot = mapscope_capture_snapshot_from_source (host, NO_SUCH_PID, NULL, &error);
  g_assert_null (snapshot);
  g_assert_error (error, MAPSCOPE_CAPTURE_ERROR, MAPSCOPE_CAPTURE_ERROR_PROCESS_EXITED);
}

/* In the test itself: runs the test again in a subprocess, checks that it
 * passed, and returns FALSE. In that subprocess: drops root, returns TRUE. */
static gboolean
run_unprivileged (void)
{
  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return FALSE;
    }
  if (geteuid () == 0)
    live_drop_privileges ();
  return TRUE;
}

static void
test_host_permission_denied (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(MapscopeProcessSource) host = NULL;
  g_autoptr(MapscopeSnapshot) snapshot = NULL;
  g_autoptr(GError) error = NULL;

  if (!run_unprivileged ())
    return;

  host = host_source_new ();
  snapshot = mapscope_capture_snapshot_from_source (host, INIT_PID, NULL, &error);
  g_assert_null (snapshot);
  g_assert_error (error, MAPSCOPE_CAPTURE_ERROR, MAPSCOPE_CAPTURE_ERROR_PERMISSION_DENIED);
  g_assert_true (g_str_has_prefix (error->message, "Cannot read the memory map of process 1 ("));
}

static void
test_host_missing_spawn (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (fixture->tmp_dir, "no-flatpak-spawn", NULL);
  g_autoptr(MapscopeProcessSource) host = mapscope_host_source_new (missing);
  g_autoptr(MapscopeProcessList) list = mapscope_process_list_new_for_source (host);
  g_autoptr(MapscopeSnapshot) snapshot = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (mapscope_process_list_refresh (list, &error));
  g_assert_error (error, MAPSCOPE_CAPTURE_ERROR, MAPSCOPE_CAPTURE_ERROR_FAILED);
  g_assert_true (g_str_has_prefix (error->message, "Cannot run "));
  g_assert_nonnull (strstr (error->message, missing));
  g_clear_error (&error);

  snapshot = mapscope_capture_snapshot_from_source (host, getpid (), NULL, &error);
  g_assert_null (snapshot);
  g_assert_error (error, MAPSCOPE_CAPTURE_ERROR, MAPSCOPE_CAPTURE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, missing));
}

static void
test_helper_capture (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(LiveChild) child = live_child_spawn_regions (fixture->tmp_dir);
  g_autoptr(MapscopeProcessSource) helper = helper_source_new ();
  g_autoptr(MapscopeSnapshot) direct = NULL;
  g_autoptr(MapscopeSnapshot) through_helper = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *log = NULL;
  g_autofree char *expected = NULL;

  direct = mapscope_capture_snapshot (child->pid, NULL, &error);
  g_assert_no_error (error);
  through_helper = mapscope_capture_snapshot_from_source (helper, child->pid, NULL, &error);
  g_assert_no_error (error);
  assert_same_regions (direct, through_helper);

  /* Only the map needs the helper: one authentication, one program run. */
  log = read_log (fixture);
  expected = g_strdup_printf ("%s %d smaps\n", READ_MAPS_HELPER, child->pid);
  g_assert_cmpstr (log, ==, expected);
}

static void
test_helper_no_process (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(MapscopeProcessSource) helper = helper_source_new ();
  g_autoptr(GBytes) content = NULL;
  g_autoptr(GError) error = NULL;

  content = mapscope_process_source_read_file (helper, NO_SUCH_PID, "smaps", NULL, &error);
  g_assert_null (content);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

static void
test_helper_refused (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(LiveChild) child = live_child_spawn_regions (fixture->tmp_dir);
  g_autoptr(MapscopeProcessSource) helper = helper_source_new ();
  g_autoptr(MapscopeSnapshot) snapshot = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;

  g_setenv ("FAKE_PKEXEC_EXIT", "126", TRUE);
  snapshot = mapscope_capture_snapshot_from_source (helper, child->pid, NULL, &error);
  g_unsetenv ("FAKE_PKEXEC_EXIT");
  g_assert_null (snapshot);
  g_assert_error (error, MAPSCOPE_CAPTURE_ERROR, MAPSCOPE_CAPTURE_ERROR_PERMISSION_DENIED);
  expected = g_strdup_printf ("Cannot read process %d as administrator: the authentication was "
                              "cancelled or refused.", child->pid);
  g_assert_cmpstr (error->message, ==, expected);
}

/* The helper run without root, as when pkexec is not there to give it. */
static void
test_helper_permission_denied (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(MapscopeProcessSource) helper = NULL;
  g_autoptr(MapscopeSnapshot) snapshot = NULL;
  g_autoptr(GError) error = NULL;

  if (!run_unprivileged ())
    return;

  helper = helper_source_new ();
  snapshot = mapscope_capture_snapshot_from_source (helper, INIT_PID, NULL, &error);
  g_assert_null (snapshot);
  g_assert_error (error, MAPSCOPE_CAPTURE_ERROR, MAPSCOPE_CAPTURE_ERROR_PERMISSION_DENIED);
}

/* Listing needs no helper: nothing is run. */
static void
test_helper_list (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(MapscopeProcessSource) helper = helper_source_new ();
  g_autoptr(MapscopeProcessList) list = mapscope_process_list_new_for_source (helper);
  g_autoptr(GError) error = NULL;
  g_autofree char *log = NULL;

  g_assert_true (mapscope_process_list_refresh (list, &error));
  g_assert_no_error (error);
  g_assert_nonnull (mapscope_process_list_find (list, getpid ()));
  log = read_log (fixture);
  g_assert_cmpstr (log, ==, "");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/live/source/default-choice", test_default_choice);
  ADD ("/live/source/host/list", test_host_list);
  ADD ("/live/source/host/capture", test_host_capture);
  ADD ("/live/source/host/rollup", test_host_rollup);
  ADD ("/live/source/host/no-process", test_host_no_process);
  ADD ("/live/source/host/permission-denied", test_host_permission_denied);
  ADD ("/live/source/host/missing-spawn", test_host_missing_spawn);
  ADD ("/live/source/helper/capture", test_helper_capture);
  ADD ("/live/source/helper/no-process", test_helper_no_process);
  ADD ("/live/source/helper/refused", test_helper_refused);
  ADD ("/live/source/helper/permission-denied", test_helper_permission_denied);
  ADD ("/live/source/helper/list", test_helper_list);

#undef ADD

  return g_test_run ();
}
