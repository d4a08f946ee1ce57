/* test-read-maps.c: the mapscope-read-maps helper (src/helper)
 *
 * It runs as root through pkexec, so every refusal of its arguments is
 * checked here, and its output against the file it copies.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <grp.h>
#include <unistd.h>

#include "live-test-util.h"

#define EXIT_USAGE 64
#define EXIT_NO_INPUT 66
#define EXIT_NO_PERMISSION 77
#define NOBODY 65534

typedef struct
{
  gint    exit_status;
  GBytes *out;
  char   *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_bytes_unref);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
become_nobody (gpointer data)
{
  if (geteuid () == 0 && (setgroups (0, NULL) != 0 || setgid (NOBODY) != 0 ||
                          setuid (NOBODY) != 0))
    _exit (99);
}

/* Runs the helper with @args (NULL-terminated), as nobody if @unprivileged. */
static void
run_helper (Run                *run,
            gboolean            unprivileged,
            const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) helper = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GBytes) err = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (argv, (gpointer)READ_MAPS_HELPER);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer)args[i]);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  if (unprivileged)
    g_subprocess_launcher_set_child_setup (launcher, become_nobody, NULL, NULL);
  helper = g_subprocess_launcher_spawnv (launcher, (const char * const *)argv->pdata, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate (helper, NULL, NULL, &run->out, &err, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (helper));
  run->exit_status = g_subprocess_get_exit_status (helper);
  run->err = g_strndup (g_bytes_get_size (err) > 0 ? g_bytes_get_data (err, NULL) : "",
                        g_bytes_get_size (err));
}

static void
assert_refused (const char * const *args,
                const char         *expected_message)
{
  g_auto(Run) run = { 0 };

  run_helper (&run, FALSE, args);
  g_assert_cmpint (run.exit_status, ==, EXIT_USAGE);
  g_assert_cmpuint (g_bytes_get_size (run.out), ==, 0);
  g_assert_nonnull (strstr (run.err, expected_message));
  g_assert_nonnull (strstr (run.err, "Usage: mapscope-read-maps PID FILE"));
}

static void
test_argument_count (void)
{
  const char *none[] = { NULL };
  const char *one[] = { "1", NULL };
  const char *three[] = { "1", "smaps", "maps", NULL };

  assert_refused (none, "expected exactly two arguments");
  assert_refused (one, "expected exactly two arguments");
  assert_refused (three, "expected exactly two arguments");
}

static void
test_bad_pids (void)
{
  /* No sign, no blanks, no leading zero, no other base, nothing past 2^22. */
  const char *bad_pids[] = {
    "", "0", "00", "01", "007", "-1", "+1", " 1", "1 ", "1a", "a1", "0x10", "1.0", "1e3",
    "4194305", "99999999", "18446744073709551617", "self", "thread-self", "..", "1/..",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (bad_pids); i++)
    {
      const char *args[] = { bad_pids[i], "smaps", NULL };
      g_autofree char *expected = g_strdup_printf ("\"%s\" is not a process id", bad_pids[i]);

      assert_refused (args, expected);
    }
}

static void
test_bad_files (void)
{
  const char *bad_files[] = {
    "", "mem", "environ", "pagemap", "clear_refs", "exe", "root", "cwd", "fd", "SMAPS",
    "smaps ", "smaps/", "/smaps", "./smaps", "../1/smaps", "/etc/shadow", "task/1/smaps",
    "smapsx", "maps\n",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (bad_files); i++)
    {
      const char *args[] = { "1", bad_files[i], NULL };
      g_autofree char *expected = g_strdup_printf ("\"%s\" is not a file this program reads",
                                                   bad_files[i]);

      assert_refused (args, expected);
    }
}

/* The helper's copy of /proc/PID/@file, and the file read directly just
 * before and just after. Returns: whether both direct reads agreed. */
static gboolean
copy_between_reads (gint         pid,
                    const char  *file,
                    Run         *run,
                    GBytes     **direct)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/%s", pid, file);
  g_autofree char *pid_text = g_strdup_printf ("%d", pid);
  const char *args[] = { pid_text, file, NULL };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_len;
  gsize after_len;

  g_assert_true (g_file_get_contents (path, &before, &before_len, NULL));
  run_helper (run, FALSE, args);
  g_assert_true (g_file_get_contents (path, &after, &after_len, NULL));

  *direct = g_bytes_new (before, before_len);
  return before_len == after_len && memcmp (before, after, before_len) == 0;
}

/* @text without the fields that count the other processes mapping the same
 * pages (Pss*, Shared_*, Private_*): the helper itself maps the C library
 * while it reads, which moves the child's libc pages from private to shared. */
static char *
without_sharing (GBytes *text)
{
  g_autofree char *copy = g_strndup (g_bytes_get_data (text, NULL), g_bytes_get_size (text));
  g_auto(GStrv) lines = g_strsplit (copy, "\n", -1);
  GString *kept = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (!g_str_has_prefix (lines[i], "Pss") && !g_str_has_prefix (lines[i], "Shared_") &&
          !g_str_has_prefix (lines[i], "Private_"))
        g_string_append_printf (kept, "%s\n", lines[i]);
    }
  return g_string_free (kept, FALSE);
}

/* The copy must equal the file, but for the sharing counts (see above),
 * compared when the direct reads before and after agree (retried until
 * then: a status line may change in between). */
static void
test_output (void)
{
  g_autofree char *tmp_dir = live_make_tmp_dir ();
  g_autoptr(LiveChild) child = live_child_spawn_regions (tmp_dir);
  const char *files[] = { "smaps", "smaps_rollup", "maps", "status", "cmdline" };

  for (gsize i = 0; i < G_N_ELEMENTS (files); i++)
    {
      gboolean compared = FALSE;

      for (guint attempt = 0; attempt < 20 && !compared; attempt++)
        {
          g_auto(Run) run = { 0 };
          g_autoptr(GBytes) direct = NULL;

          if (!copy_between_reads (child->pid, files[i], &run, &direct))
            continue;
          g_assert_cmpint (run.exit_status, ==, 0);
          g_assert_cmpstr (run.err, ==, "");
          g_assert_cmpuint (g_bytes_get_size (run.out), >, 0);
          if (g_str_equal (files[i], "cmdline"))
            g_assert_true (g_bytes_equal (run.out, direct));
          else
            {
              g_autofree char *copy_text = without_sharing (run.out);
              g_autofree char *direct_text = without_sharing (direct);

              g_assert_cmpstr (copy_text, ==, direct_text);
            }
          compared = TRUE;
        }
      g_assert_true (compared);
    }

  live_remove_tmp_dir (tmp_dir);
}

static void
test_no_process (void)
{
  const char *args[] = { "4194304", "smaps", NULL };
  g_auto(Run) run = { 0 };

  run_helper (&run, FALSE, args);
  g_assert_cmpint (run.exit_status, ==, EXIT_NO_INPUT);
  g_assert_cmpuint (g_bytes_get_size (run.out), ==, 0);
  g_assert_cmpstr (run.err, ==, "mapscope-read-maps: there is no process 4194304\n");
}

static void
test_permission_denied (void)
{
  const char *args[] = { "1", "smaps", NULL };
  g_auto(Run) run = { 0 };

  run_helper (&run, TRUE, args);
  g_assert_cmpint (run.exit_status, ==, EXIT_NO_PERMISSION);
  g_assert_cmpuint (g_bytes_get_size (run.out), ==, 0);
  g_assert_cmpstr (run.err, ==, "mapscope-read-maps: cannot open /proc/1/smaps: "
                                "Permission denied\n");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/live/read-maps/argument-count", test_argument_count);
  g_test_add_func ("/live/read-maps/bad-pids", test_bad_pids);
  g_test_add_func ("/live/read-maps/bad-files", test_bad_files);
  g_test_add_func ("/live/read-maps/output", test_output);
  g_test_add_func ("/live/read-maps/no-process", test_no_process);
  g_test_add_func ("/live/read-maps/permission-denied", test_permission_denied);

  return g_test_run ();
}
