/* test-collect-commands.c: the generated collection commands, run for real
 * in sh against a child process and parsed back with the core parser
 *
 * sudo and ssh are stand-ins on PATH: sudo runs its arguments, ssh checks
 * the host and runs the remote command through sh -c, as sshd's shell
 * would. Each leaves a mark, so a test can tell the command went through it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <gio/gio.h>

#include "mapscope-collect-commands.h"
#include "mapscope-test-util.h"

#define SSH_HOST "test-host"

typedef struct
{
  char        *dir;
  char        *output;
  char        *name;     /* the child's command name */
  char        *path_env;
  GSubprocess *child;
  gint         pid;
} Fixture;

static void
write_script (const char *dir,
              const char *name,
              const char *text)
{
  g_autofree char *path = mapscope_test_write_file (dir, name, text, strlen (text));

  g_assert_no_errno (g_chmod (path, 0755));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *bin = NULL;
  g_autofree char *child_path = NULL;
  g_autofree char *sleep_path = g_find_program_in_path ("sleep");
  const char *child_argv[3];

  (void) data;
  fixture->dir = g_dir_make_tmp ("mapscope-collect-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->output = g_build_filename (fixture->dir, "out", NULL);

  bin = g_build_filename (fixture->dir, "bin", NULL);
  g_assert_no_errno (g_mkdir (bin, 0755));
  write_script (bin, "sudo", "#!/bin/sh\ntouch \"$(dirname \"$0\")/used-sudo\"\nexec \"$@\"\n");
  write_script (bin, "ssh",
                "#!/bin/sh\n"
                "[ \"$1\" = " SSH_HOST " ] || { echo \"unexpected host $1\" >&2; exit 99; }\n"
                "touch \"$(dirname \"$0\")/used-ssh\"\n"
                "shift\n"
                "exec sh -c \"$*\"\n");
  fixture->path_env = g_strdup_printf ("%s:%s", bin, g_getenv ("PATH"));

  /* A name of its own (with a space and a quote, for the quoting), so
   * pgrep finds this child and no other process; comm keeps 15 bytes. */
  g_assert_nonnull (sleep_path);
  fixture->name = g_strdup_printf ("ms'q x%u", (guint) getpid () % 100000);
  child_path = g_build_filename (fixture->dir, fixture->name, NULL);
  g_assert_no_errno (symlink (sleep_path, child_path));
  child_argv[0] = child_path;
  child_argv[1] = "300";
  child_argv[2] = NULL;
  fixture->child = g_subprocess_newv (child_argv, G_SUBPROCESS_FLAGS_NONE, &error);
  g_assert_no_error (error);
  fixture->pid = atoi (g_subprocess_get_identifier (fixture->child));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  (void) data;
  g_subprocess_force_exit (fixture->child);
  g_subprocess_wait (fixture->child, NULL, NULL);
  g_clear_object (&fixture->child);
  {
    g_autofree char *bin = g_build_filename (fixture->dir, "bin", NULL);

    mapscope_test_remove_dir (bin);
  }
  mapscope_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->output);
  g_free (fixture->name);
  g_free (fixture->path_env);
}

static gboolean
used (Fixture    *fixture,
      const char *stand_in)
{
  g_autofree char *mark = g_strdup_printf ("used-%s", stand_in);
  g_autofree char *path = g_build_filename (fixture->dir, "bin", mark, NULL);

  return g_file_test (path, G_FILE_TEST_EXISTS);
}

/* Generates the commands for @options, runs them in sh and loads what they
 * wrote. */
static MapscopeDocument *
run_commands (Fixture                *fixture,
              MapscopeCollectOptions *options)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr(GSubprocess) shell = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  options->output = fixture->output;
  text = mapscope_collect_commands_generate (options, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (text, "# "));

  g_subprocess_launcher_setenv (launcher, "PATH", fixture->path_env, TRUE);
  g_subprocess_launcher_set_cwd (launcher, fixture->dir);
  shell = g_subprocess_launcher_spawn (launcher, &error, "sh", "-c", text, NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait_check (shell, NULL, &error));
  g_assert_no_error (error);

  return mapscope_test_load_path (fixture->output);
}

/* @count snapshots of the child, taken between @before and now, at least
 * @interval seconds apart. */
static void
assert_timeline (MapscopeDocument *document,
                 Fixture          *fixture,
                 guint             count,
                 guint             interval,
                 MapscopeFormat    format,
                 gint64            before)
{
  gint64 after = g_get_real_time () / G_USEC_PER_SEC;
  gint64 previous = 0;

  g_assert_cmpuint (mapscope_document_get_n_snapshots (document), ==, count);
  for (guint i = 0; i < count; i++)
    {
      MapscopeSnapshot *snapshot = mapscope_document_get_snapshot (document, i);
      GDateTime *timestamp = mapscope_snapshot_get_timestamp (snapshot);
      gint64 seconds;

      g_assert_cmpint (mapscope_snapshot_get_pid (snapshot), ==, fixture->pid);
      g_assert_cmpint (mapscope_snapshot_get_format (snapshot), ==, format);
      g_assert_cmpuint (mapscope_snapshot_get_n_regions (snapshot), >, 3);
      g_assert_nonnull (timestamp);
      seconds = g_date_time_to_unix (timestamp);
      g_assert_cmpint (seconds, >=, before);
      g_assert_cmpint (seconds, <=, after);
      if (i > 0)
        {
          g_assert_cmpint (seconds - previous, >=, interval);
          g_assert_cmpint (seconds - previous, <=, interval + 2);
        }
      previous = seconds;
    }
}

/* One way of capturing the child, and what it must give. */
typedef struct
{
  gboolean       by_name;
  gboolean       pmap;
  gboolean       sudo;
  gboolean       ssh;
  gboolean       gzip;
  guint          interval;
  guint          count;
  MapscopeFormat format;
} Variant;

static const Variant variants[] = {
  { .count = 1, .format = MAPSCOPE_FORMAT_SMAPS },
  { .interval = 1, .count = 3, .format = MAPSCOPE_FORMAT_SMAPS },
  { .by_name = TRUE, .pmap = TRUE, .interval = 1, .count = 2, .format = MAPSCOPE_FORMAT_PMAP_XX },
  { .by_name = TRUE, .sudo = TRUE, .gzip = TRUE, .count = 1, .format = MAPSCOPE_FORMAT_SMAPS },
  { .by_name = TRUE, .ssh = TRUE, .sudo = TRUE, .gzip = TRUE, .interval = 1, .count = 2,
    .format = MAPSCOPE_FORMAT_SMAPS },
};

static void
test_variant (Fixture       *fixture,
              gconstpointer  data)
{
  const Variant *variant = data;
  MapscopeCollectOptions options;
  g_autoptr(MapscopeDocument) document = NULL;
  g_autofree char *head = NULL;
  gsize length = 0;
  gint64 before = g_get_real_time () / G_USEC_PER_SEC;

  mapscope_collect_options_init (&options);
  if (variant->by_name)
    options.name = fixture->name;
  else
    options.pid = fixture->pid;
  options.pmap = variant->pmap;
  options.sudo = variant->sudo;
  options.ssh_host = variant->ssh ? SSH_HOST : NULL;
  options.gzip = variant->gzip;
  options.interval = variant->interval;
  options.count = variant->count;

  document = run_commands (fixture, &options);
  assert_timeline (document, fixture, variant->count, variant->interval, variant->format, before);
  g_assert_cmpint (used (fixture, "sudo"), ==, variant->sudo);
  g_assert_cmpint (used (fixture, "ssh"), ==, variant->ssh);

  head = mapscope_test_read_file (fixture->output, &length);
  g_assert_cmpuint (length, >, 2);
  g_assert_cmpint ((guchar) head[0] == 0x1f && (guchar) head[1] == 0x8b, ==, variant->gzip);
}

static void
test_all_rollups (Fixture       *fixture,
                  gconstpointer  data)
{
  MapscopeCollectOptions options;
  g_autoptr(MapscopeDocument) document = NULL;
  g_autoptr(GHashTable) pids = g_hash_table_new (NULL, NULL);
  guint n_snapshots;

  (void) data;
  mapscope_collect_options_init (&options);
  options.all_rollups = TRUE;
  options.ssh_host = SSH_HOST;
  document = run_commands (fixture, &options);
  g_assert_true (used (fixture, "ssh"));

  n_snapshots = mapscope_document_get_n_snapshots (document);
  g_assert_cmpuint (n_snapshots, >=, 2);
  for (guint i = 0; i < n_snapshots; i++)
    {
      MapscopeSnapshot *snapshot = mapscope_document_get_snapshot (document, i);
      gint pid = mapscope_snapshot_get_pid (snapshot);

      g_assert_cmpint (mapscope_snapshot_get_format (snapshot), ==, MAPSCOPE_FORMAT_SMAPS_ROLLUP);
      g_assert_nonnull (mapscope_snapshot_get_timestamp (snapshot));
      g_assert_cmpint (pid, >, 0);
      g_assert_false (g_hash_table_contains (pids, GINT_TO_POINTER (pid)));
      g_hash_table_add (pids, GINT_TO_POINTER (pid));
    }
  g_assert_true (g_hash_table_contains (pids, GINT_TO_POINTER (fixture->pid)));
  g_assert_true (g_hash_table_contains (pids, GINT_TO_POINTER (getpid ())));
}

/* The default name carries the pid and the date, and ends as the data is. */
static void
test_default_name (void)
{
  MapscopeCollectOptions options;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  mapscope_collect_options_init (&options);
  options.pid = 4242;
  options.gzip = TRUE;
  text = mapscope_collect_commands_generate (&options, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "> \"mapscope-4242-$(date +%Y%m%d-%H%M%S).smaps.gz\"\n"));
  g_assert_nonnull (strstr (text, "# It writes gzip-compressed data to mapscope-4242-DATE.smaps.gz"));
}

static void
assert_invalid (MapscopeCollectOptions *options)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = mapscope_collect_commands_generate (options, &error);

  g_assert_null (text);
  g_assert_error (error, MAPSCOPE_COLLECT_ERROR, MAPSCOPE_COLLECT_ERROR_INVALID);
}

static void
test_invalid (void)
{
  MapscopeCollectOptions options;

  mapscope_collect_options_init (&options);
  assert_invalid (&options);

  options.pid = 1;
  options.name = "x";
  assert_invalid (&options);

  mapscope_collect_options_init (&options);
  options.all_rollups = TRUE;
  options.pmap = TRUE;
  assert_invalid (&options);

  mapscope_collect_options_init (&options);
  options.pid = 1;
  options.count = 3;
  assert_invalid (&options);

  options.count = 1;
  options.interval = 5;
  assert_invalid (&options);

  mapscope_collect_options_init (&options);
  options.pid = 1;
  options.ssh_host = "-oProxyCommand=x";
  assert_invalid (&options);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (variants); i++)
    {
      const Variant *v = &variants[i];
      g_autofree char *path = g_strdup_printf ("/collect/%s%s%s%s%s%s-%u",
                                               v->by_name ? "name" : "pid",
                                               v->pmap ? "-pmap" : "",
                                               v->sudo ? "-sudo" : "",
                                               v->ssh ? "-ssh" : "",
                                               v->gzip ? "-gzip" : "",
                                               v->count > 1 ? "-timeline" : "-once",
                                               v->count);

      g_test_add (path, Fixture, v, fixture_set_up, test_variant, fixture_tear_down);
    }
  g_test_add ("/collect/all-rollups-ssh", Fixture, NULL, fixture_set_up, test_all_rollups,
              fixture_tear_down);
  g_test_add_func ("/collect/default-name", test_default_name);
  g_test_add_func ("/collect/invalid", test_invalid);

  return g_test_run ();
}
