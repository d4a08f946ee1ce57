/* test-working-set.c: measuring the memory a process touches
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <unistd.h>

#include "live-test-util.h"

#define WAIT_SECONDS 0.5

/* live-child --working-set writes 8 MiB once, then only the first 2 MiB. */
static void
test_touched (void)
{
  g_autoptr(LiveChild) child = live_child_spawn ("--working-set", NULL);
  const LiveRegion *ws = live_child_get_region (child, "ws");
  g_autoptr(MapscopeSnapshot) snapshot = NULL;
  g_autoptr(GError) error = NULL;
  const MapscopeRegion *region;
  const MapscopeCaptureInfo *info;
  guint64 rss, referenced;

  snapshot = mapscope_working_set_capture (child->pid, WAIT_SECONDS, -1, NULL, &error);
  g_assert_no_error (error);

  region = mapscope_snapshot_find_region (snapshot, ws->address);
  g_assert_nonnull (region);
  g_assert_cmphex (region->start, ==, ws->address);
  rss = mapscope_snapshot_get_value_or_zero (snapshot, region, MAPSCOPE_FIELD_RSS);
  referenced = mapscope_working_set_get_region_kb (snapshot, region);
  g_test_message ("Rss %" G_GUINT64_FORMAT " kB, Referenced %" G_GUINT64_FORMAT " kB",
                  rss, referenced);

  g_assert_cmpuint (rss, ==, 8 * 1024);
  g_assert_cmpuint (referenced, >=, 2 * 1024);
  g_assert_cmpuint (referenced, <, 3 * 1024);
  g_assert_cmpuint (mapscope_working_set_get_total_kb (snapshot), <,
                    live_sum_field (snapshot, MAPSCOPE_FIELD_RSS));

  info = mapscope_capture_info_get (snapshot);
  g_assert_cmpfloat (info->working_set_seconds, ==, WAIT_SECONDS);

  live_child_stop (child);
}

static void
capture_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  MapscopeSnapshot **snapshot = user_data;
  g_autoptr(GError) error = NULL;

  *snapshot = mapscope_working_set_capture_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_async (void)
{
  g_autoptr(LiveChild) child = live_child_spawn ("--working-set", NULL);
  const LiveRegion *ws = live_child_get_region (child, "ws");
  g_autoptr(MapscopeSnapshot) snapshot = NULL;
  const MapscopeRegion *region;

  mapscope_working_set_capture_async (child->pid, 0.2, -1, NULL, capture_done, &snapshot);
  while (snapshot == NULL)
    g_main_context_iteration (NULL, TRUE);

  region = mapscope_snapshot_find_region (snapshot, ws->address);
  g_assert_nonnull (region);
  g_assert_cmpuint (mapscope_working_set_get_region_kb (snapshot, region), <,
                    mapscope_snapshot_get_value_or_zero (snapshot, region, MAPSCOPE_FIELD_RSS));

  live_child_stop (child);
}

/* clear_refs of a process of root is not nobody's to write. */
static void
test_permission_denied (void)
{
  gint target;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;

  if (geteuid () != 0)
    {
      g_test_skip ("needs root, to become nobody and try to reset a process of root");
      return;
    }

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      return;
    }

  target = getppid ();
  live_drop_privileges ();

  g_assert_false (mapscope_working_set_reset (target, &error));
  g_assert_error (error, MAPSCOPE_CAPTURE_ERROR, MAPSCOPE_CAPTURE_ERROR_PERMISSION_DENIED);
  expected = g_strdup_printf ("Cannot reset the referenced bits of process %d "
                              "(test-working-se): permission denied. Writing "
                              "/proc/%d/clear_refs needs the user of the process or root: run "
                              "Mapscope as that user, or run the working-set capture under sudo.",
                              target, target);
  g_assert_cmpstr (error->message, ==, expected);
}

static void
test_exited (void)
{
  gint pid = live_reaped_pid ();
  g_autoptr(GError) error = NULL;

  g_assert_false (mapscope_working_set_reset (pid, &error));
  g_assert_error (error, MAPSCOPE_CAPTURE_ERROR, MAPSCOPE_CAPTURE_ERROR_PROCESS_EXITED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/working-set/touched", test_touched);
  g_test_add_func ("/working-set/async", test_async);
  g_test_add_func ("/working-set/permission-denied", test_permission_denied);
  g_test_add_func ("/working-set/exited", test_exited);

  return g_test_run ();
}
