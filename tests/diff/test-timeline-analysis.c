/* test-timeline-analysis.c: series over several snapshots, and leak suspects
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mapscope-test-util.h"

static void
test_real_leak (void)
{
  g_autoptr(MapscopeDocument) document = mapscope_test_load_real ("python-leak-timeline.log");
  g_autoptr(MapscopeTimelineAnalysis) timeline = mapscope_timeline_analysis_new_for_document (document);
  g_autoptr(GArray) suspects = mapscope_timeline_analysis_find_leaks (timeline, NULL);
  const MapscopeLeakSuspect *top;
  MapscopeSnapshot *last;
  const MapscopeRegion *region;
  gboolean category_named = FALSE;

  g_assert_cmpuint (mapscope_timeline_analysis_get_n_snapshots (timeline), ==, 5);
  g_assert_true (mapscope_timeline_analysis_has_timestamps (timeline));
  g_assert_cmpfloat (mapscope_timeline_analysis_get_elapsed (timeline, 4), ==, 8.0);

  /* the growing anonymous region leads, growing about 6 MiB a second
   * (3 MiB every half second) */
  g_assert_cmpuint (suspects->len, >=, 1);
  top = &g_array_index (suspects, MapscopeLeakSuspect, 0);
  g_assert_cmpint (top->series->category, ==, MAPSCOPE_CATEGORY_ANONYMOUS);
  g_assert_cmpint (top->value, ==, MAPSCOPE_SERIES_ANONYMOUS);
  g_assert_true (top->per_second);
  g_assert_cmpuint (top->rising_steps, ==, 4);
  g_assert_cmpuint (top->n_steps, ==, 4);
  g_assert_cmpfloat (top->rate, >, 5.5 * 1024);
  g_assert_cmpfloat (top->rate, <, 6.5 * 1024);

  for (guint i = 0; i < suspects->len; i++)
    {
      const MapscopeLeakSuspect *suspect = &g_array_index (suspects, MapscopeLeakSuspect, i);

      g_assert_cmpint (suspect->series->category, ==, MAPSCOPE_CATEGORY_ANONYMOUS);
      if (suspect->series->kind == MAPSCOPE_SERIES_CATEGORY)
        category_named = TRUE;
      if (suspect->series->kind != MAPSCOPE_SERIES_REGION)
        continue;
      last = mapscope_timeline_analysis_get_snapshot (timeline, 4);
      region = mapscope_snapshot_get_region (last, suspect->series->region_index);
      g_assert_cmphex (region->start, ==, 0x7fc7fef83000);
      g_assert_cmphex (region->end, ==, 0x7fc8026c8000);
      g_assert_cmpuint (suspect->series->first, ==, 0);
    }
  g_assert_true (category_named);
}

static void
test_series (void)
{
  g_autoptr(MapscopeDocument) document = mapscope_test_load_real ("python-leak-timeline.log");
  g_autoptr(MapscopeTimelineAnalysis) timeline = mapscope_timeline_analysis_new_for_document (document);
  const MapscopeSeries *total = mapscope_timeline_analysis_get_total_series (timeline);
  const MapscopeSeries *heap = mapscope_timeline_analysis_get_category_series (timeline,
                                                                               MAPSCOPE_CATEGORY_HEAP);

  /* every region of the first snapshot is still there at the end */
  g_assert_cmpuint (mapscope_timeline_analysis_get_n_series (timeline), ==,
                    mapscope_snapshot_get_n_regions (mapscope_document_get_snapshot (document, 0)));
  for (guint s = 0; s < 5; s++)
    {
      MapscopeSnapshot *snapshot = mapscope_document_get_snapshot (document, s);

      g_assert_cmpuint (mapscope_series_get_value (total, s, MAPSCOPE_SERIES_RSS), ==,
                        mapscope_test_sum_values (snapshot, MAPSCOPE_FIELD_RSS));
      g_assert_cmpuint (mapscope_series_get_value (heap, s, MAPSCOPE_SERIES_RSS), ==,
                        mapscope_series_get_value (heap, 0, MAPSCOPE_SERIES_RSS));
    }
}

/* Without timestamps, growth is per snapshot; a flat or shrinking series is
 * no suspect, nor one that rose too little. */
static void
test_thresholds (void)
{
  g_autoptr(MapscopeDocument) document = mapscope_test_load_real ("python-leak-timeline.log");
  MapscopeSnapshot *snapshots[3];
  g_autoptr(MapscopeTimelineAnalysis) backwards = NULL;
  g_autoptr(GArray) none = NULL;
  g_autoptr(GArray) too_little = NULL;
  MapscopeLeakSettings settings;

  for (guint i = 0; i < 3; i++)
    snapshots[i] = mapscope_document_get_snapshot (document, 4 - 2 * i);
  backwards = mapscope_timeline_analysis_new (snapshots, 3);
  none = mapscope_timeline_analysis_find_leaks (backwards, NULL);
  g_assert_cmpuint (none->len, ==, 0);

  mapscope_leak_settings_init (&settings);
  settings.min_growth_kb = 100 * 1024;
  too_little = mapscope_timeline_analysis_find_leaks (backwards, &settings);
  g_assert_cmpuint (too_little->len, ==, 0);
}

static void
test_crafted_per_snapshot (void)
{
  g_autofree char *path = mapscope_test_crafted_path ("findings/leak-growth.log");
  g_autoptr(MapscopeDocument) document = mapscope_test_load_path (path);
  g_autoptr(MapscopeTimelineAnalysis) timeline = mapscope_timeline_analysis_new_for_document (document);
  g_autoptr(GArray) suspects = mapscope_timeline_analysis_find_leaks (timeline, NULL);
  const MapscopeLeakSuspect *top;

  g_assert_cmpuint (suspects->len, >=, 1);
  top = &g_array_index (suspects, MapscopeLeakSuspect, 0);
  /* 4 MiB every 2 s */
  g_assert_true (top->per_second);
  g_assert_cmpfloat (top->rate, ==, 2048.0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/timeline-analysis/real-leak", test_real_leak);
  g_test_add_func ("/timeline-analysis/series", test_series);
  g_test_add_func ("/timeline-analysis/thresholds", test_thresholds);
  g_test_add_func ("/timeline-analysis/crafted", test_crafted_per_snapshot);

  return g_test_run ();
}
