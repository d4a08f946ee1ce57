/* test-cli-export.c: mapscope-cli commands and report, run as a program, and
 * the export functions' JSON compared with the CLI's --json output
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <sys/wait.h>

#include <glib/gstdio.h>

#include "mapscope-core.h"
#include "mapscope-export.h"

/* Runs mapscope-cli with @args; returns its exit status, its standard
 * output in @out (freeing what @out held). */
static int
run (char       **out,
     const char  *first,
     ...) G_GNUC_NULL_TERMINATED;

static int
run (char       **out,
     const char  *first,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  va_list args;
  int wait_status = 0;

  g_clear_pointer (out, g_free);
  g_ptr_array_add (argv, (char *) MAPSCOPE_CLI);
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                out, &err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));

  return WEXITSTATUS (wait_status);
}

static char *
fixture (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "real", name, NULL);
}

static void
test_commands_exit_status (void)
{
  g_autofree char *out = NULL;

  g_assert_cmpint (run (&out, "commands", "--pid", "1", "--interval", "5", "--count", "3",
                        "--gzip", "-o", "x.gz", NULL), ==, 0);
  g_assert_true (g_str_has_prefix (out, "# Takes 3 snapshots, one every 5 s"));
  g_assert_nonnull (strstr (out, "> x.gz\n"));

  g_assert_cmpint (run (&out, "commands", "--all-rollups", "--ssh", "server", NULL), ==, 0);
  g_assert_true (g_str_has_prefix (out, "# "));
  g_assert_nonnull (strstr (out, "\nssh server 'sh -c "));

  g_assert_cmpint (run (&out, "commands", NULL), ==, 2);
  g_assert_cmpint (run (&out, "commands", "--pid", "1", "--name", "x", NULL), ==, 2);
  g_assert_cmpint (run (&out, "commands", "--pid", "1", "--interval", "5", NULL), ==, 2);
  g_assert_cmpint (run (&out, "commands", "--all-rollups", "--pmap", NULL), ==, 2);
  g_assert_cmpint (run (&out, "commands", "--pid", "1", "stray", NULL), ==, 2);
  g_assert_cmpstr (out, ==, "");
}

static void
test_report_exit_status (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("mapscope-cli-report-XXXXXX", &error);
  g_autofree char *report = g_build_filename (dir, "report.html", NULL);
  g_autofree char *unwritable = g_build_filename (dir, "missing", "report.html", NULL);
  g_autofree char *smaps = fixture ("python3.smaps");
  g_autofree char *timeline = fixture ("python-leak-timeline.log");
  g_autofree char *missing = fixture ("no-such-capture");
  g_autofree char *out = NULL;
  g_autofree char *html = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (run (&out, "report", smaps, "-o", report, "--anonymize", NULL), ==, 0);
  g_assert_true (g_file_get_contents (report, &html, NULL, NULL));
  g_assert_true (g_str_has_prefix (html, "<!DOCTYPE html>"));
  g_assert_nonnull (strstr (html, "<h1>Memory report of "));
  g_assert_nonnull (strstr (html, "<img"));
  g_clear_pointer (&html, g_free);

  /* A file of several snapshots: a diff, with the timeline's leak suspect */
  g_assert_cmpint (run (&out, "report", timeline, "-o", report, NULL), ==, 0);
  g_assert_true (g_file_get_contents (report, &html, NULL, NULL));
  g_assert_nonnull (strstr (html, "<h1>Memory diff of "));
  g_assert_nonnull (strstr (html, "<code>leak-growth</code>"));
  g_assert_cmpint (g_unlink (report), ==, 0);

  g_assert_cmpint (run (&out, "report", smaps, NULL), ==, 2);
  g_assert_cmpint (run (&out, "report", "-o", report, NULL), ==, 2);
  g_assert_cmpint (run (&out, "report", missing, "-o", report, NULL), ==, 1);
  g_assert_false (g_file_test (report, G_FILE_TEST_EXISTS));
  g_assert_cmpint (run (&out, "report", smaps, "-o", unwritable, NULL), ==, 1);

  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static MapscopeDocument *
load (const char *path)
{
  g_autoptr(GError) error = NULL;
  MapscopeDocument *document = mapscope_document_load_path (path, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  return document;
}

/* The export functions write what the CLI's --json writes, byte for byte. */
static void
test_same_json_as_cli (void)
{
  g_autofree char *smaps = fixture ("python3.smaps");
  g_autofree char *timeline = fixture ("python-leak-timeline.log");
  g_autoptr(MapscopeDocument) document = load (smaps);
  g_autoptr(MapscopeDocument) log = load (timeline);
  MapscopeSnapshot *snapshot = mapscope_document_get_snapshot (document, 0);
  guint n_log = mapscope_document_get_n_snapshots (log);
  g_autoptr(MapscopeDiff) diff = mapscope_diff_new (mapscope_document_get_snapshot (log, 0),
                                                    mapscope_document_get_snapshot (log, n_log - 1));
  g_autofree char *regions = mapscope_export_regions_json (snapshot, 0, NULL);
  g_autofree char *summary = mapscope_export_summary_json (snapshot);
  g_autofree char *diff_json = mapscope_export_diff_json (diff);
  g_autofree char *out = NULL;

  g_assert_cmpint (run (&out, "regions", "--json", smaps, NULL), ==, 0);
  g_assert_cmpstr (out, ==, regions);

  g_assert_cmpint (run (&out, "summary", "--json", smaps, NULL), ==, 0);
  g_assert_true (g_str_has_prefix (out, summary));
  g_assert_cmpstr (out + strlen (summary), ==, "\n");

  g_assert_cmpint (run (&out, "diff", "--json", timeline, NULL), ==, 0);
  g_assert_true (g_str_has_prefix (out, diff_json));
  g_assert_cmpstr (out + strlen (diff_json), ==, "\n");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/commands/exit-status", test_commands_exit_status);
  g_test_add_func ("/cli/report/exit-status", test_report_exit_status);
  g_test_add_func ("/cli/export/same-json", test_same_json_as_cli);

  return g_test_run ();
}
