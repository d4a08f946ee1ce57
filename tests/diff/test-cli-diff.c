/* test-cli-diff.c: "mapscope-cli diff" and "mapscope-cli findings", run as a program
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "mapscope-test-util.h"

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_free (Run *run)
{
  g_free (run->out);
  g_free (run->err);
  g_free (run);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Run, run_free)

static Run *
run_cli (const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  Run *run = g_new0 (Run, 1);

  g_ptr_array_add (argv, (char *) MAPSCOPE_CLI);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  run->status = g_subprocess_get_exit_status (process);

  return run;
}

static JsonObject *
parse_object (const char *text,
              JsonParser *parser)
{
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

/* The ids of the "findings" array, joined by spaces. */
static char *
finding_ids (JsonObject *root)
{
  JsonArray *findings = json_object_get_array_member (root, "findings");
  g_autoptr(GString) ids = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      JsonObject *finding = json_array_get_object_element (findings, i);

      g_assert_true (json_object_has_member (finding, "severity"));
      g_assert_true (json_object_has_member (finding, "title"));
      g_assert_true (json_object_has_member (finding, "explanation"));
      g_assert_true (json_object_has_member (finding, "regions"));
      g_string_append_printf (ids, "%s%s", i > 0 ? " " : "", json_object_get_string_member (finding, "id"));
    }
  return g_string_free (g_steal_pointer (&ids), FALSE);
}

static void
test_diff_json (void)
{
  g_autofree char *old_path = mapscope_test_crafted_path ("diff/old.smaps");
  g_autofree char *new_path = mapscope_test_crafted_path ("diff/new.smaps");
  const char *args[] = { "diff", "--json", old_path, new_path, NULL };
  g_autoptr(Run) run = run_cli (args);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;
  JsonArray *regions;
  guint counts[MAPSCOPE_DIFF_N_STATUSES] = { 0, };

  g_assert_cmpint (run->status, ==, 0);
  root = parse_object (run->out, parser);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (root, "totals_delta"),
                                               "rss_kb"), ==, -512);
  g_assert_true (json_object_has_member (root, "categories"));
  regions = json_object_get_array_member (root, "regions");
  for (guint i = 0; i < json_array_get_length (regions); i++)
    {
      JsonObject *region = json_array_get_object_element (regions, i);
      const char *status = json_object_get_string_member (region, "status");

      g_assert_true (g_str_has_prefix (json_object_get_string_member (region, "start"), "0x"));
      g_assert_true (json_object_has_member (region, "path"));
      g_assert_true (json_object_has_member (region, "category"));
      g_assert_true (json_object_has_member (json_object_get_object_member (region, "delta"), "rss_kb"));
      for (guint s = 0; s < MAPSCOPE_DIFF_N_STATUSES; s++)
        counts[s] += g_str_equal (status, mapscope_diff_status_get_name (s));
    }
  for (guint s = 0; s < MAPSCOPE_DIFF_N_STATUSES; s++)
    g_assert_cmpuint (counts[s], >, 0);
}

static void
test_diff_text_one_file (void)
{
  g_autofree char *path = mapscope_test_real_path ("python-leak-timeline.log");
  const char *args[] = { "diff", path, NULL };
  g_autoptr(Run) run = run_cli (args);

  g_assert_cmpint (run->status, ==, 0);
  g_assert_nonnull (strstr (run->out, "grown: 1"));
  g_assert_nonnull (strstr (run->out, "7fc7fef83000"));
  /* unchanged regions are left out without --all */
  g_assert_null (strstr (run->out, "unchanged  "));
  /* one program all along: no note about different programs */
  g_assert_null (strstr (run->out, "different programs"));
}

/* Snapshots of two programs diff, with a note saying what that means. */
static void
test_diff_text_other_program (void)
{
  g_autofree char *zoo = mapscope_test_real_path ("zoo.smaps");
  g_autofree char *sleep_path = mapscope_test_real_path ("sleep.smaps");
  const char *args[] = { "diff", zoo, sleep_path, NULL };
  g_autoptr(Run) run = run_cli (args);

  g_assert_cmpint (run->status, ==, 0);
  g_assert_nonnull (strstr (run->out, "note: the two snapshots run different programs"));
}

static void
test_diff_errors (void)
{
  g_autofree char *path = mapscope_test_real_path ("sleep.smaps");
  const char *three[] = { "diff", path, path, path, NULL };
  const char *one_snapshot[] = { "diff", path, NULL };
  g_autoptr(Run) usage = run_cli (three);
  g_autoptr(Run) input = run_cli (one_snapshot);

  g_assert_cmpint (usage->status, ==, 2);
  g_assert_cmpint (input->status, ==, 1);
  g_assert_nonnull (strstr (input->err, "one snapshot"));
}

static void
test_findings_real (void)
{
  g_autofree char *zoo = mapscope_test_real_path ("zoo.smaps");
  g_autofree char *sleep_path = mapscope_test_real_path ("sleep.smaps");
  g_autofree char *leak = mapscope_test_real_path ("python-leak-timeline.log");
  const char *args[] = { "findings", "--json", zoo, sleep_path, leak, NULL };
  g_autoptr(Run) run = run_cli (args);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *ids = NULL;

  g_assert_cmpint (run->status, ==, 0);
  ids = finding_ids (parse_object (run->out, parser));
  g_assert_nonnull (strstr (ids, "anon-large"));
  g_assert_nonnull (strstr (ids, "lib-duplicate"));
  g_assert_nonnull (strstr (ids, "leak-growth"));
}

static void
test_findings_flags (void)
{
  g_autofree char *python = mapscope_test_real_path ("python3.smaps");
  const char *quiet[] = { "findings", "--json", python, NULL };
  const char *strict[] = { "findings", "--json", "--anon-large-mib", "1", python, NULL };
  const char *bad[] = { "findings", "--swap-percent", "150", python, NULL };
  g_autoptr(Run) quiet_run = run_cli (quiet);
  g_autoptr(Run) strict_run = run_cli (strict);
  g_autoptr(Run) bad_run = run_cli (bad);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *quiet_ids = NULL;
  g_autofree char *strict_ids = NULL;

  quiet_ids = finding_ids (parse_object (quiet_run->out, parser));
  g_assert_null (strstr (quiet_ids, "anon-large"));
  strict_ids = finding_ids (parse_object (strict_run->out, parser));
  g_assert_nonnull (strstr (strict_ids, "anon-large"));
  g_assert_cmpint (bad_run->status, ==, 2);
}

/* Separate files of one process make a timeline with --timeline only. */
static void
test_findings_timeline (void)
{
  g_autofree char *old_path = mapscope_test_crafted_path ("diff/old.smaps");
  g_autofree char *path = mapscope_test_crafted_path ("findings/leak-growth.log");
  const char *args[] = { "findings", "--timeline", path, NULL };
  const char *text_args[] = { "findings", old_path, NULL };
  g_autoptr(Run) run = run_cli (args);
  g_autoptr(Run) text_run = run_cli (text_args);

  g_assert_cmpint (run->status, ==, 0);
  g_assert_nonnull (strstr (run->out, "CRITICAL  leak-growth"));
  g_assert_nonnull (strstr (run->out, "Next step:"));
  g_assert_nonnull (strstr (text_run->out, "No findings."));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli-diff/diff-json", test_diff_json);
  g_test_add_func ("/cli-diff/diff-text-one-file", test_diff_text_one_file);
  g_test_add_func ("/cli-diff/diff-text-other-program", test_diff_text_other_program);
  g_test_add_func ("/cli-diff/diff-errors", test_diff_errors);
  g_test_add_func ("/cli-diff/findings-real", test_findings_real);
  g_test_add_func ("/cli-diff/findings-flags", test_findings_flags);
  g_test_add_func ("/cli-diff/findings-timeline", test_findings_timeline);

  return g_test_run ();
}
