/* test-findings.c: one crafted input per finding, and the real captures
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "mapscope-test-util.h"

typedef struct
{
  const char       *file;
  const char       *id;
  MapscopeSeverity  severity;
  guint64           first_start;  /* of the first region involved, 0 for none */
} Case;

static const Case cases[] = {
  { "findings/anon-large.smaps", "anon-large", MAPSCOPE_SEVERITY_WARNING, 0x7f0000000000 },
  { "findings/anon-many.smaps", "anon-many", MAPSCOPE_SEVERITY_WARNING, 0x7e0000000000 },
  { "findings/heap-fragmented.smaps", "heap-fragmented", MAPSCOPE_SEVERITY_WARNING, 0x555555600000 },
  { "findings/lib-duplicate-inode.smaps", "lib-duplicate", MAPSCOPE_SEVERITY_WARNING, 0x7f0002000000 },
  { "findings/lib-duplicate-name.smaps", "lib-duplicate", MAPSCOPE_SEVERITY_WARNING, 0x7f0002000000 },
  { "findings/private-dirty-high.smaps", "private-dirty-high", MAPSCOPE_SEVERITY_INFO, 0x7f0000000000 },
  { "findings/swap-high.smaps", "swap-high", MAPSCOPE_SEVERITY_WARNING, 0x7f0000000000 },
  { "findings/leak-growth.log", "leak-growth", MAPSCOPE_SEVERITY_CRITICAL, 0x7effff000000 },
  { "findings/wx-mapping.smaps", "wx-mapping", MAPSCOPE_SEVERITY_WARNING, 0x7f0000000000 },
  { "findings/exec-anonymous.smaps", "exec-anonymous", MAPSCOPE_SEVERITY_INFO, 0x7f0000000000 },
  { "findings/deleted-file.smaps", "deleted-file", MAPSCOPE_SEVERITY_WARNING, 0x7f0002000000 },
};

static MapscopeFindings *
findings_for_path (const char                     *path,
                   const MapscopeFindingsSettings *settings)
{
  g_autoptr(MapscopeDocument) document = mapscope_test_load_path (path);
  g_autoptr(MapscopeTimelineAnalysis) timeline = mapscope_timeline_analysis_new_for_document (document);

  return mapscope_findings_new_for_timeline (timeline, settings);
}

static MapscopeFindings *
findings_for_crafted (const char *name)
{
  g_autofree char *path = mapscope_test_crafted_path (name);

  return findings_for_path (path, NULL);
}

static MapscopeFindings *
findings_for_real (const char *name)
{
  g_autofree char *path = mapscope_test_real_path (name);

  return findings_for_path (path, NULL);
}

static void
assert_finding_complete (const MapscopeFinding *finding)
{
  g_assert_nonnull (finding->title);
  g_assert_cmpuint (strlen (finding->explanation), >, 80);
  g_assert_cmpuint (strlen (finding->next_step), >, 20);
}

static void
test_case (gconstpointer data)
{
  const Case *test = data;
  g_autoptr(MapscopeFindings) findings = findings_for_crafted (test->file);
  const MapscopeFinding *finding = mapscope_findings_lookup (findings, test->id);

  g_assert_nonnull (finding);
  g_assert_cmpint (finding->severity, ==, test->severity);
  assert_finding_complete (finding);
  g_assert_cmpuint (finding->regions->len, >, 0);
  g_assert_cmphex (mapscope_snapshot_get_region (finding->snapshot,
                                                 g_array_index (finding->regions, guint, 0))->start,
                   ==, test->first_start);
  g_assert_finalize_object (g_steal_pointer (&findings));
}

static void
assert_nothing_above_info (MapscopeFindings *findings)
{
  for (guint i = 0; i < mapscope_findings_get_n_findings (findings); i++)
    {
      const MapscopeFinding *finding = mapscope_findings_get_finding (findings, i);

      if (finding->severity >= MAPSCOPE_SEVERITY_WARNING)
        g_test_message ("unexpected %s: %s", finding->id, finding->title);
    }
  g_assert_cmpuint (mapscope_findings_count_severity (findings, MAPSCOPE_SEVERITY_WARNING), ==, 0);
}

/* Look-alikes that must stay quiet: a big but unresident reservation, and
 * shared memory whose name always ends in "(deleted)". */
static void
test_quiet (void)
{
  static const char * const files[] = {
    "findings/clean.smaps", "findings/anon-reserve.smaps", "findings/deleted-shared-memory.smaps",
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr(MapscopeFindings) findings = findings_for_crafted (files[i]);

      g_assert_cmpuint (mapscope_findings_get_n_findings (findings), ==, 0);
    }
}

static void
test_real_zoo (void)
{
  g_autoptr(MapscopeFindings) findings = findings_for_real ("zoo.smaps");
  const MapscopeFinding *large = mapscope_findings_lookup (findings, "anon-large");
  const MapscopeFinding *duplicate = mapscope_findings_lookup (findings, "lib-duplicate");
  const MapscopeFinding *deleted = mapscope_findings_lookup (findings, "deleted-file");
  gboolean system_copy = FALSE;
  gboolean tmp_copy = FALSE;

  g_assert_nonnull (large);
  g_assert_cmpuint (large->regions->len, ==, 1);
  g_assert_cmphex (mapscope_snapshot_get_region (large->snapshot,
                                                 g_array_index (large->regions, guint, 0))->start,
                   ==, 0x7f63ba3c0000);

  g_assert_nonnull (duplicate);
  g_assert_cmpint (duplicate->severity, ==, MAPSCOPE_SEVERITY_WARNING);
  for (guint i = 0; i < duplicate->regions->len; i++)
    {
      const char *path = mapscope_snapshot_get_region (duplicate->snapshot,
                                                       g_array_index (duplicate->regions, guint, i))->path;

      system_copy |= g_str_equal (path, "/usr/lib/x86_64-linux-gnu/libz.so.1.2.13");
      tmp_copy |= g_str_equal (path, "/tmp/libz-copy.so.1");
      g_assert_true (g_str_has_suffix (path, "libz.so.1.2.13") || g_str_has_suffix (path, "libz-copy.so.1"));
    }
  g_assert_true (system_copy && tmp_copy);

  /* the deleted data file, but none of the shared memory */
  g_assert_nonnull (deleted);
  g_assert_cmpint (deleted->severity, ==, MAPSCOPE_SEVERITY_INFO);
  g_assert_cmpuint (deleted->regions->len, ==, 1);
}

static void
test_real_ordinary (void)
{
  static const char * const names[] = { "sleep.smaps", "python3.smaps", "sleep.pmap-x", "python3.pmap-X" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(MapscopeFindings) findings = findings_for_real (names[i]);

      assert_nothing_above_info (findings);
    }
}

static void
test_real_leak (void)
{
  g_autoptr(MapscopeFindings) findings = findings_for_real ("python-leak-timeline.log");
  const MapscopeFinding *leak = mapscope_findings_lookup (findings, "leak-growth");

  g_assert_nonnull (leak);
  g_assert_cmpint (leak->severity, ==, MAPSCOPE_SEVERITY_CRITICAL);
  g_assert_cmpuint (leak->regions->len, ==, 1);
  g_assert_cmphex (mapscope_snapshot_get_region (leak->snapshot,
                                                 g_array_index (leak->regions, guint, 0))->start,
                   ==, 0x7fc7fef83000);
  /* The address is written as everywhere else in the app, with 0x. */
  g_assert_nonnull (strstr (leak->title, "region at 0x7fc7fef83000 "));
  /* the most severe comes first */
  g_assert_true (mapscope_findings_get_finding (findings, 0) == leak);
}

/* Thresholds are settings: lowering one makes an ordinary process trip it. */
static void
test_settings (void)
{
  g_autofree char *path = mapscope_test_real_path ("python3.smaps");
  g_autoptr(MapscopeFindings) findings = NULL;
  MapscopeFindingsSettings settings;

  mapscope_findings_settings_init (&settings);
  g_assert_cmpuint (settings.anon_large_kb, ==, 256 * 1024);
  settings.anon_large_kb = 1024;
  settings.heap_max_pieces = 1;
  settings.heap_small_piece_kb = 64 * 1024;
  findings = findings_for_path (path, &settings);
  g_assert_nonnull (mapscope_findings_lookup (findings, "anon-large"));
  g_assert_nonnull (mapscope_findings_lookup (findings, "heap-fragmented"));
}

static void
test_json (void)
{
  g_autoptr(MapscopeFindings) findings = findings_for_real ("zoo.smaps");
  g_autoptr(JsonNode) node = mapscope_json_findings (findings);
  JsonObject *root = json_node_get_object (node);
  JsonArray *array = json_object_get_array_member (root, "findings");
  JsonObject *first = json_array_get_object_element (array, 0);
  JsonObject *region = json_array_get_object_element (json_object_get_array_member (first, "regions"), 0);

  g_assert_cmpuint (json_array_get_length (array), ==, mapscope_findings_get_n_findings (findings));
  g_assert_cmpstr (json_object_get_string_member (first, "id"), ==, "anon-large");
  g_assert_cmpstr (json_object_get_string_member (first, "severity"), ==, "warning");
  g_assert_true (json_object_has_member (first, "title"));
  g_assert_true (json_object_has_member (first, "explanation"));
  g_assert_true (json_object_has_member (first, "next_step"));
  g_assert_cmpstr (json_object_get_string_member (region, "start"), ==, "0x7f63ba3c0000");
  g_assert_cmpstr (json_object_get_string_member (region, "end"), ==, "0x7f63da400000");
  g_assert_true (json_object_has_member (region, "path"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/findings/crafted/%s", cases[i].file + strlen ("findings/"));

      g_test_add_data_func (name, &cases[i], test_case);
    }
  g_test_add_func ("/findings/quiet", test_quiet);
  g_test_add_func ("/findings/real-zoo", test_real_zoo);
  g_test_add_func ("/findings/real-ordinary", test_real_ordinary);
  g_test_add_func ("/findings/real-leak", test_real_leak);
  g_test_add_func ("/findings/settings", test_settings);
  g_test_add_func ("/findings/json", test_json);

  return g_test_run ();
}
