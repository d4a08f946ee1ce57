/* test-capture.c: capturing one snapshot of a live process
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include "live-test-util.h"

#define KTHREADD_PID 2

static const MapscopeRegion *
assert_region (MapscopeSnapshot *snapshot,
               const LiveRegion *expected,
               const char       *perms,
               MapscopeCategory  category)
{
  const MapscopeRegion *region = mapscope_snapshot_find_region (snapshot, expected->address);
  char text[5];

  g_assert_nonnull (region);
  if (expected->size > 0)
    {
      g_assert_cmphex (region->start, ==, expected->address);
      g_assert_cmpuint (mapscope_region_get_size (region), ==, expected->size);
    }
  mapscope_region_format_perms (region, text);
  g_assert_cmpstr (text, ==, perms);
  g_assert_cmpstr (mapscope_category_get_name (region->category), ==,
                   mapscope_category_get_name (category));

  return region;
}

static void
test_known_regions (void)
{
  g_autofree char *tmp_dir = live_make_tmp_dir ();
  g_autoptr(LiveChild) child = live_child_spawn_regions (tmp_dir);
  g_autofree char *file_path = g_build_filename (tmp_dir, "mapped-data", NULL);
  g_autoptr(MapscopeSnapshot) snapshot = NULL;
  g_autoptr(GError) error = NULL;
  const MapscopeRegion *region;

  snapshot = mapscope_capture_snapshot (child->pid, NULL, &error);
  g_assert_no_error (error);

  region = assert_region (snapshot, live_child_get_region (child, "anon"), "rw-p",
                          MAPSCOPE_CATEGORY_ANONYMOUS);
  g_assert_null (region->path);
  g_assert_cmpuint (mapscope_snapshot_get_value_or_zero (snapshot, region, MAPSCOPE_FIELD_RSS),
                    ==, 3 * 1024);
  g_assert_cmpuint (mapscope_snapshot_get_value_or_zero (snapshot, region,
                                                         MAPSCOPE_FIELD_PRIVATE_DIRTY),
                    ==, 3 * 1024);

  region = assert_region (snapshot, live_child_get_region (child, "file"), "r--p",
                          MAPSCOPE_CATEGORY_FILE);
  g_assert_cmpstr (region->path, ==, file_path);

  region = assert_region (snapshot, live_child_get_region (child, "shared"), "rw-s",
                          MAPSCOPE_CATEGORY_SHARED_MEMORY);
  g_assert_cmpuint (mapscope_snapshot_get_value_or_zero (snapshot, region, MAPSCOPE_FIELD_RSS),
                    ==, 1024);

  assert_region (snapshot, live_child_get_region (child, "thread"), "rw-p",
                 MAPSCOPE_CATEGORY_THREAD_STACK);

  g_assert_cmpstr (mapscope_snapshot_get_executable (snapshot), ==, live_child_path ());
  g_assert_cmpint (mapscope_snapshot_get_pid (snapshot), ==, child->pid);
  g_assert_cmpstr (mapscope_snapshot_get_command (snapshot), ==, "live-child");
  g_assert_cmpint (mapscope_snapshot_get_format (snapshot), ==, MAPSCOPE_FORMAT_SMAPS);

  live_child_stop (child);
  live_remove_tmp_dir (tmp_dir);
}

static void
test_capture_info (void)
{
  g_autofree char *tmp_dir = live_make_tmp_dir ();
  g_autoptr(LiveChild) child = live_child_spawn_regions (tmp_dir);
  g_autoptr(GDateTime) before = g_date_time_new_now_utc ();
  g_autoptr(MapscopeSnapshot) snapshot = NULL;
  g_autoptr(GDateTime) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected_line = NULL;
  const MapscopeCaptureInfo *info;
  struct utsname host;

  snapshot = mapscope_capture_snapshot (child->pid, NULL, &error);
  g_assert_no_error (error);
  after = g_date_time_new_now_utc ();

  info = mapscope_capture_info_get (snapshot);
  g_assert_nonnull (info);
  g_assert_cmpint (info->pid, ==, child->pid);
  g_assert_cmpstr (info->command, ==, "live-child");
  expected_line = g_strdup_printf ("%s --regions %s/mapped-data", live_child_path (), tmp_dir);
  g_assert_cmpstr (info->command_line, ==, expected_line);
  g_assert_cmpstr (info->executable, ==, live_child_path ());
  g_assert_cmpint (info->page_size, ==, sysconf (_SC_PAGESIZE));
  g_assert_cmpint (uname (&host), ==, 0);
  g_assert_cmpstr (info->kernel_release, ==, host.release);
  g_assert_cmpstr (info->host_name, ==, host.nodename);
  g_assert_cmpfloat (info->working_set_seconds, ==, 0);
  g_assert_cmpint (g_date_time_compare (before, info->timestamp), <=, 0);
  g_assert_cmpint (g_date_time_compare (info->timestamp, after), <=, 0);
  g_assert_cmpint (g_date_time_get_utc_offset (info->timestamp), ==, 0);
  g_assert_true (g_date_time_equal (info->timestamp, mapscope_snapshot_get_timestamp (snapshot)));

  live_child_stop (child);
  live_remove_tmp_dir (tmp_dir);
}

static void
test_log (void)
{
  g_autofree char *tmp_dir = live_make_tmp_dir ();
  g_autoptr(LiveChild) child = live_child_spawn_regions (tmp_dir);
  g_autofree char *log_path = g_build_filename (tmp_dir, "capture.log", NULL);
  g_autoptr(MapscopeSnapshot) first = NULL;
  g_autoptr(MapscopeSnapshot) second = NULL;
  g_autoptr(MapscopeDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  int fd = open (log_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);

  g_assert_cmpint (fd, >=, 0);
  first = mapscope_capture_snapshot_to_log (child->pid, fd, NULL, &error);
  g_assert_no_error (error);
  second = mapscope_capture_snapshot_to_log (child->pid, fd, NULL, &error);
  g_assert_no_error (error);
  close (fd);

  document = live_load_log (log_path);
  g_assert_cmpuint (mapscope_document_get_n_snapshots (document), ==, 2);
  live_assert_same_snapshot (mapscope_document_get_snapshot (document, 0), first);
  live_assert_same_snapshot (mapscope_document_get_snapshot (document, 1), second);

  live_child_stop (child);
  live_remove_tmp_dir (tmp_dir);
}

/* A document of a live process is what loading its log would give. */
static void
test_document (void)
{
  g_autofree char *tmp_dir = live_make_tmp_dir ();
  g_autoptr(LiveChild) child = live_child_spawn_regions (tmp_dir);
  g_autoptr(MapscopeDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *source = g_strdup_printf ("/proc/%d/smaps", child->pid);
  MapscopeSnapshot *snapshot;
  const MapscopeCaptureInfo *info;

  document = mapscope_capture_document (child->pid, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mapscope_document_get_source (document), ==, source);
  g_assert_cmpuint (mapscope_document_get_n_snapshots (document), ==, 1);
  g_assert_cmpuint (mapscope_document_get_n_warnings (document), ==, 0);

  snapshot = mapscope_document_get_snapshot (document, 0);
  g_assert_cmpint (mapscope_snapshot_get_pid (snapshot), ==, child->pid);
  assert_region (snapshot, live_child_get_region (child, "anon"), "rw-p",
                 MAPSCOPE_CATEGORY_ANONYMOUS);
  info = mapscope_capture_info_get (snapshot);
  g_assert_nonnull (info);
  g_assert_true (g_date_time_equal (info->timestamp, mapscope_snapshot_get_timestamp (snapshot)));

  live_child_stop (child);
  live_remove_tmp_dir (tmp_dir);
}

/* A failed capture leaves nothing of itself in the log. */
static void
test_log_rollback (void)
{
  g_autofree char *tmp_dir = live_make_tmp_dir ();
  g_autoptr(LiveChild) child = live_child_spawn_regions (tmp_dir);
  g_autofree char *log_path = g_build_filename (tmp_dir, "capture.log", NULL);
  g_autoptr(MapscopeSnapshot) first = NULL;
  g_autoptr(MapscopeSnapshot) cancelled = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  struct stat st;
  off_t size;
  int fd = open (log_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);

  g_assert_cmpint (fd, >=, 0);
  first = mapscope_capture_snapshot_to_log (child->pid, fd, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (fstat (fd, &st), ==, 0);
  size = st.st_size;

  g_cancellable_cancel (cancellable);
  cancelled = mapscope_capture_snapshot_to_log (child->pid, fd, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (cancelled);
  g_assert_cmpint (fstat (fd, &st), ==, 0);
  g_assert_cmpint (st.st_size, ==, size);
  g_assert_cmpint (lseek (fd, 0, SEEK_CUR), ==, size);
  close (fd);

  live_child_stop (child);
  live_remove_tmp_dir (tmp_dir);
}

static void
test_exited (void)
{
  gint pid = live_reaped_pid ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MapscopeSnapshot) snapshot = mapscope_capture_snapshot (pid, NULL, &error);

  g_assert_null (snapshot);
  g_assert_error (error, MAPSCOPE_CAPTURE_ERROR, MAPSCOPE_CAPTURE_ERROR_PROCESS_EXITED);
  g_test_message ("%s", error->message);
}

static void
test_zombie (void)
{
  g_autoptr(MapscopeSnapshot) snapshot = NULL;
  g_autoptr(GError) error = NULL;
  pid_t pid = fork ();

  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    _exit (0);

  /* Not reaped yet: wait until it is a zombie, then capture it. */
  g_assert_cmpint (waitid (P_PID, pid, NULL, WEXITED | WNOWAIT), ==, 0);
  snapshot = mapscope_capture_snapshot (pid, NULL, &error);
  g_assert_null (snapshot);
  g_assert_error (error, MAPSCOPE_CAPTURE_ERROR, MAPSCOPE_CAPTURE_ERROR_NO_MAPPINGS);
  g_assert_true (strstr (error->message, "zombie") != NULL);
  g_test_message ("%s", error->message);

  g_assert_cmpint (waitpid (pid, NULL, 0), ==, pid);
}

static void
test_kernel_thread (void)
{
  g_autoptr(MapscopeProcess) kthreadd = mapscope_process_new_for_pid (KTHREADD_PID, NULL);
  g_autoptr(MapscopeSnapshot) snapshot = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;

  if (kthreadd == NULL || !g_str_equal (kthreadd->name, "kthreadd"))
    {
      g_test_skip ("no kthreadd in this pid namespace");
      return;
    }

  snapshot = mapscope_capture_snapshot (KTHREADD_PID, NULL, &error);
  g_assert_null (snapshot);
  g_assert_error (error, MAPSCOPE_CAPTURE_ERROR, MAPSCOPE_CAPTURE_ERROR_NO_MAPPINGS);
  expected = g_strdup_printf ("Process %d (kthreadd) has no memory mappings: it is a kernel "
                              "thread.", KTHREADD_PID);
  g_assert_cmpstr (error->message, ==, expected);
}

/* A process of root, captured by nobody. */
static void
test_permission_denied (void)
{
  gint target;
  g_autoptr(MapscopeSnapshot) snapshot = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;

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

  target = getppid ();
  live_drop_privileges ();

  snapshot = mapscope_capture_snapshot (target, NULL, &error);
  g_assert_null (snapshot);
  g_assert_error (error, MAPSCOPE_CAPTURE_ERROR, MAPSCOPE_CAPTURE_ERROR_PERMISSION_DENIED);
  expected = g_strdup_printf ("Cannot read the memory map of process %d (test-capture): "
                              "permission denied. Reading /proc/%d/smaps needs ptrace-read "
                              "access to the process: run Mapscope as the same user, or capture "
                              "it with the collection commands under sudo.", target, target);
  g_assert_cmpstr (error->message, ==, expected);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/capture/known-regions", test_known_regions);
  g_test_add_func ("/capture/info", test_capture_info);
  g_test_add_func ("/capture/log", test_log);
  g_test_add_func ("/capture/log-rollback", test_log_rollback);
  g_test_add_func ("/capture/document", test_document);
  g_test_add_func ("/capture/exited", test_exited);
  g_test_add_func ("/capture/zombie", test_zombie);
  g_test_add_func ("/capture/kernel-thread", test_kernel_thread);
  g_test_add_func ("/capture/permission-denied", test_permission_denied);

  return g_test_run ();
}
