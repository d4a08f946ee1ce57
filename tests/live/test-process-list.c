/* test-process-list.c: the list of running processes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <pwd.h>
#include <unistd.h>

#include "live-test-util.h"

#define KTHREADD_PID 2
#define CHURN_REFRESHES 50

static MapscopeProcessList *
refreshed_list (void)
{
  MapscopeProcessList *list = mapscope_process_list_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (mapscope_process_list_refresh (list, &error));
  g_assert_no_error (error);
  return list;
}

static guint
index_of (MapscopeProcessList *list,
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
test_self (void)
{
  g_autoptr(MapscopeProcessList) list = refreshed_list ();
  const MapscopeProcess *self = mapscope_process_list_find (list, getpid ());
  struct passwd *user = getpwuid (geteuid ());

  g_assert_nonnull (self);
  g_assert_cmpint (self->ppid, ==, getppid ());
  g_assert_cmpuint (self->uid, ==, geteuid ());
  g_assert_nonnull (user);
  g_assert_cmpstr (self->user, ==, user->pw_name);
  g_assert_cmpstr (self->name, ==, "test-process-li");  /* the kernel keeps 15 characters */
  g_assert_nonnull (strstr (self->command_line, "test-process-list"));
  g_assert_cmpint (self->state, ==, 'R');
  g_assert_false (self->kernel_thread);
  g_assert_cmpuint (self->n_threads, >=, 1);
  g_assert_cmpuint (self->rss_kb, >, 0);
  g_assert_cmpint (self->rollup, ==, MAPSCOPE_ROLLUP_NOT_READ);
}

static void
test_child (void)
{
  g_autofree char *tmp_dir = live_make_tmp_dir ();
  g_autoptr(LiveChild) child = live_child_spawn_regions (tmp_dir);
  g_autoptr(MapscopeProcessList) list = refreshed_list ();
  g_autoptr(GError) error = NULL;
  g_autofree char *expected_line = NULL;
  const MapscopeProcess *process = mapscope_process_list_find (list, child->pid);
  guint index;

  g_assert_nonnull (process);
  g_assert_cmpint (process->ppid, ==, getpid ());
  g_assert_cmpstr (process->name, ==, "live-child");
  expected_line = g_strdup_printf ("%s --regions %s/mapped-data", live_child_path (), tmp_dir);
  g_assert_cmpstr (process->command_line, ==, expected_line);
  g_assert_cmpuint (process->n_threads, ==, 2);
  g_assert_true (process->state == 'S' || process->state == 'R');
  /* 3 MiB private and 1 MiB shared, all written */
  g_assert_cmpuint (process->rss_kb, >=, 4 * 1024);
  g_assert_cmpuint (process->swap_kb, ==, 0);

  index = index_of (list, child->pid);
  g_assert_true (mapscope_process_list_ensure_rollup (list, index, &error));
  g_assert_no_error (error);
  process = mapscope_process_list_get_process (list, index);
  g_assert_cmpint (process->rollup, ==, MAPSCOPE_ROLLUP_READ);
  g_assert_cmpuint (process->private_dirty_kb, >=, 3 * 1024);
  g_assert_cmpuint (process->pss_kb, >=, 4 * 1024);
  g_assert_cmpuint (process->pss_kb, <=, process->rss_kb);

  /* A copy lives on after the refresh. */
  {
    g_autoptr(MapscopeProcess) copy = mapscope_process_copy (process);

    g_assert_true (mapscope_process_list_refresh (list, NULL));
    g_assert_cmpstr (copy->command_line, ==, expected_line);
    g_assert_cmpint (copy->rollup, ==, MAPSCOPE_ROLLUP_READ);
  }

  /* The refresh dropped the rollup. */
  process = mapscope_process_list_find (list, child->pid);
  g_assert_cmpint (process->rollup, ==, MAPSCOPE_ROLLUP_NOT_READ);

  live_child_stop (child);
  live_remove_tmp_dir (tmp_dir);
}

static void
test_sorted (void)
{
  g_autoptr(MapscopeProcessList) list = refreshed_list ();
  guint n = mapscope_process_list_get_n_processes (list);

  g_assert_cmpuint (n, >, 1);
  for (guint i = 1; i < n; i++)
    g_assert_cmpint (mapscope_process_list_get_process (list, i - 1)->pid, <,
                     mapscope_process_list_get_process (list, i)->pid);
}

static void
test_kernel_threads (void)
{
  g_autoptr(MapscopeProcessList) list = refreshed_list ();
  const MapscopeProcess *kthreadd = mapscope_process_list_find (list, KTHREADD_PID);
  g_autoptr(GError) error = NULL;
  guint n_kernel = 0;

  if (kthreadd == NULL || !g_str_equal (kthreadd->name, "kthreadd"))
    {
      g_test_skip ("no kthreadd in this pid namespace");
      return;
    }

  for (guint i = 0; i < mapscope_process_list_get_n_processes (list); i++)
    {
      const MapscopeProcess *process = mapscope_process_list_get_process (list, i);

      if (process->ppid == KTHREADD_PID || process->pid == KTHREADD_PID)
        {
          g_assert_true (process->kernel_thread);
          g_assert_cmpstr (process->command_line, ==, "");
          n_kernel++;
        }
      else
        {
          g_assert_false (process->kernel_thread);
        }
    }
  g_assert_cmpuint (n_kernel, >, 1);

  g_assert_false (mapscope_process_list_ensure_rollup (list, index_of (list, KTHREADD_PID),
                                                       &error));
  g_assert_error (error, MAPSCOPE_CAPTURE_ERROR, MAPSCOPE_CAPTURE_ERROR_NO_MAPPINGS);
  g_assert_cmpint (mapscope_process_list_find (list, KTHREADD_PID)->rollup, ==,
                   MAPSCOPE_ROLLUP_UNAVAILABLE);
}

static void
test_ensure_rollups (void)
{
  g_autoptr(LiveChild) child = live_child_spawn ("--working-set", NULL);
  g_autoptr(MapscopeProcessList) list = refreshed_list ();
  guint n_read = mapscope_process_list_ensure_rollups (list);
  const MapscopeProcess *process;

  g_assert_cmpuint (n_read, >=, 2);
  for (guint i = 0; i < mapscope_process_list_get_n_processes (list); i++)
    {
      process = mapscope_process_list_get_process (list, i);
      if (process->kernel_thread)
        g_assert_cmpint (process->rollup, ==, MAPSCOPE_ROLLUP_UNAVAILABLE);
      else
        g_assert_cmpint (process->rollup, !=, MAPSCOPE_ROLLUP_NOT_READ);
    }

  g_assert_cmpint (mapscope_process_list_find (list, getpid ())->rollup, ==,
                   MAPSCOPE_ROLLUP_READ);
  process = mapscope_process_list_find (list, child->pid);
  g_assert_cmpint (process->rollup, ==, MAPSCOPE_ROLLUP_READ);
  /* it wrote 8 MiB of its own */
  g_assert_cmpuint (process->private_dirty_kb, >=, 8 * 1024);

  live_child_stop (child);
}

static void
test_new_for_pid (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MapscopeProcess) self = mapscope_process_new_for_pid (getpid (), &error);
  g_autoptr(MapscopeProcess) gone = NULL;
  gint reaped = live_reaped_pid ();
  g_autofree char *expected = g_strdup_printf ("There is no process %d: it has exited, or "
                                               "never existed.", reaped);

  g_assert_no_error (error);
  g_assert_cmpint (self->pid, ==, getpid ());
  g_assert_cmpint (self->ppid, ==, getppid ());

  gone = mapscope_process_new_for_pid (reaped, &error);
  g_assert_null (gone);
  g_assert_error (error, MAPSCOPE_CAPTURE_ERROR, MAPSCOPE_CAPTURE_ERROR_PROCESS_EXITED);
  g_assert_cmpstr (error->message, ==, expected);
}

/* Processes come and go while the list is read: those gone are left out. */
static void
test_churn (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) churn = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, "sh", "-c",
                                                   "while :; do /bin/true; done", NULL);
  g_autoptr(MapscopeProcessList) list = mapscope_process_list_new ();

  g_assert_no_error (error);
  for (guint i = 0; i < CHURN_REFRESHES; i++)
    {
      g_assert_true (mapscope_process_list_refresh (list, &error));
      g_assert_no_error (error);
      for (guint j = 0; j < mapscope_process_list_get_n_processes (list); j++)
        {
          const MapscopeProcess *process = mapscope_process_list_get_process (list, j);

          g_assert_cmpint (process->pid, >, 0);
          g_assert_nonnull (process->name);
          g_assert_nonnull (process->user);
          g_assert_nonnull (process->command_line);
        }
    }

  g_subprocess_force_exit (churn);
  g_subprocess_wait (churn, NULL, NULL);
}

static void
test_exited_child_is_gone (void)
{
  gint pid = live_reaped_pid ();
  g_autoptr(MapscopeProcessList) list = refreshed_list ();

  g_assert_null (mapscope_process_list_find (list, pid));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/process-list/self", test_self);
  g_test_add_func ("/process-list/child", test_child);
  g_test_add_func ("/process-list/sorted", test_sorted);
  g_test_add_func ("/process-list/kernel-threads", test_kernel_threads);
  g_test_add_func ("/process-list/ensure-rollups", test_ensure_rollups);
  g_test_add_func ("/process-list/new-for-pid", test_new_for_pid);
  g_test_add_func ("/process-list/churn", test_churn);
  g_test_add_func ("/process-list/exited", test_exited_child_is_gone);

  return g_test_run ();
}
