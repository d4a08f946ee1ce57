/* mapscope-test-compare.c: asserting that two snapshots hold the same data
 *
 * Every field of every region, the rollup, the field table with its kB
 * flags and reported totals, and the snapshot's own details.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mapscope-test-compare.h"

void
mapscope_test_assert_regions_equal (MapscopeSnapshot     *a,
                                    const MapscopeRegion *ra,
                                    MapscopeSnapshot     *b,
                                    const MapscopeRegion *rb)
{
  g_assert_cmphex (ra->start, ==, rb->start);
  g_assert_cmphex (ra->end, ==, rb->end);
  g_assert_cmphex (ra->offset, ==, rb->offset);
  g_assert_cmpuint (ra->inode, ==, rb->inode);
  g_assert_cmpstr (ra->path, ==, rb->path);
  g_assert_cmpstr (ra->vmflags_text, ==, rb->vmflags_text);
  g_assert_cmphex (ra->vmflags, ==, rb->vmflags);
  g_assert_cmphex (ra->present, ==, rb->present);
  g_assert_cmpuint (ra->line, ==, rb->line);
  g_assert_cmpuint (ra->device, ==, rb->device);
  g_assert_cmpint (ra->protection_key, ==, rb->protection_key);
  g_assert_cmpint (ra->thp_eligible, ==, rb->thp_eligible);
  g_assert_cmpuint (ra->perms, ==, rb->perms);
  g_assert_cmpuint (ra->category, ==, rb->category);
  g_assert_cmpuint (ra->rule, ==, rb->rule);
  g_assert_cmpuint (ra->flags, ==, rb->flags);
  for (guint f = 0; f < MAPSCOPE_N_KNOWN_FIELDS; f++)
    g_assert_cmpuint (ra->values[f], ==, rb->values[f]);

  for (guint id = 0; id < mapscope_snapshot_get_n_fields (a); id++)
    {
      guint64 va, vb;
      gboolean has_a = mapscope_snapshot_get_value (a, ra, id, &va);
      gboolean has_b = mapscope_snapshot_get_value (b, rb, id, &vb);

      g_assert_cmpint (has_a, ==, has_b);
      g_assert_cmpuint (va, ==, vb);
    }
}

void
mapscope_test_assert_snapshots_equal (MapscopeSnapshot *a,
                                      MapscopeSnapshot *b)
{
  guint n_a, n_b;
  const MapscopeRegion *regions_a, *regions_b;

  g_assert_cmpint (mapscope_snapshot_get_format (a), ==, mapscope_snapshot_get_format (b));
  g_assert_cmpint (mapscope_snapshot_get_pid (a), ==, mapscope_snapshot_get_pid (b));
  g_assert_cmpstr (mapscope_snapshot_get_command (a), ==, mapscope_snapshot_get_command (b));
  g_assert_cmpstr (mapscope_snapshot_get_source (a), ==, mapscope_snapshot_get_source (b));
  g_assert_cmpuint (mapscope_snapshot_get_source_line (a), ==, mapscope_snapshot_get_source_line (b));
  g_assert_cmpstr (mapscope_snapshot_get_executable (a), ==, mapscope_snapshot_get_executable (b));
  g_assert_cmpstr (mapscope_snapshot_get_note (a), ==, mapscope_snapshot_get_note (b));
  if (mapscope_snapshot_get_timestamp (a) == NULL)
    g_assert_null (mapscope_snapshot_get_timestamp (b));
  else
    g_assert_true (g_date_time_equal (mapscope_snapshot_get_timestamp (a),
                                      mapscope_snapshot_get_timestamp (b)));

  g_assert_cmpuint (mapscope_snapshot_get_n_fields (a), ==, mapscope_snapshot_get_n_fields (b));
  for (guint id = 0; id < mapscope_snapshot_get_n_fields (a); id++)
    {
      guint64 ta = 0, tb = 0;

      g_assert_cmpstr (mapscope_snapshot_get_field_name (a, id), ==,
                       mapscope_snapshot_get_field_name (b, id));
      g_assert_cmpint (mapscope_snapshot_field_is_kb (a, id), ==, mapscope_snapshot_field_is_kb (b, id));
      g_assert_cmpint (mapscope_snapshot_has_field (a, id), ==, mapscope_snapshot_has_field (b, id));
      g_assert_cmpint (mapscope_snapshot_get_reported_total (a, id, &ta), ==,
                       mapscope_snapshot_get_reported_total (b, id, &tb));
      g_assert_cmpuint (ta, ==, tb);
    }

  if (mapscope_snapshot_get_rollup (a) != NULL)
    {
      g_assert_nonnull (mapscope_snapshot_get_rollup (b));
      mapscope_test_assert_regions_equal (a, mapscope_snapshot_get_rollup (a), b, mapscope_snapshot_get_rollup (b));
    }
  else
    {
      g_assert_null (mapscope_snapshot_get_rollup (b));
    }

  regions_a = mapscope_snapshot_get_regions (a, &n_a);
  regions_b = mapscope_snapshot_get_regions (b, &n_b);
  g_assert_cmpuint (n_a, ==, n_b);
  for (guint i = 0; i < n_a; i++)
    mapscope_test_assert_regions_equal (a, &regions_a[i], b, &regions_b[i]);
}
