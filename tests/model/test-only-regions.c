/* test-only-regions.c: the region filter's "only these regions" option, and
 * which loaded snapshots form one process's timeline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mapscope-map-layout.h"
#include "mapscope-map-renderer.h"
#include "mapscope-process-timeline.h"
#include "mapscope-test-util.h"

#define load_real mapscope_test_load_real

static void
count_changed (MapscopeRegionFilter *filter,
               gint                  hint,
               guint                *n_changed)
{
  (*n_changed)++;
}

/* The indices of the regions of @snapshot that @filter keeps. */
static GArray *
matching_indices (MapscopeRegionFilter *filter,
                  MapscopeSnapshot     *snapshot)
{
  GArray *indices = g_array_new (FALSE, FALSE, sizeof (guint));
  guint n = 0;
  const MapscopeRegion *regions = mapscope_snapshot_get_regions (snapshot, &n);

  for (guint i = 0; i < n; i++)
    {
      if (mapscope_region_filter_matches (filter, snapshot, &regions[i]))
        g_array_append_val (indices, i);
    }
  return indices;
}

static void
test_only_regions (void)
{
  g_autoptr(MapscopeDocument) zoo = load_real ("zoo.smaps");
  g_autoptr(MapscopeDocument) sleep = load_real ("sleep.smaps");
  MapscopeSnapshot *snapshot = mapscope_document_get_snapshot (zoo, 0);
  MapscopeSnapshot *other = mapscope_document_get_snapshot (sleep, 0);
  g_autoptr(MapscopeRegionFilter) filter = mapscope_region_filter_new ();
  guint n_regions = mapscope_snapshot_get_n_regions (snapshot);
  /* out of range (n_regions + 5) is ignored */
  guint chosen[] = { 3, 0, 17, n_regions - 1, n_regions + 5, 3 };
  g_autoptr(GArray) kept = NULL;
  guint n_changed = 0;

  g_assert_cmpuint (n_regions, >, 20);
  g_signal_connect (filter, "changed", G_CALLBACK (count_changed), &n_changed);
  g_assert_false (mapscope_region_filter_has_only_regions (filter));
  g_assert_false (mapscope_region_filter_is_active (filter));

  mapscope_region_filter_set_only_regions (filter, snapshot, chosen, G_N_ELEMENTS (chosen),
                                           "lib-duplicate");
  g_assert_cmpuint (n_changed, ==, 1);
  g_assert_true (mapscope_region_filter_has_only_regions (filter));
  g_assert_true (mapscope_region_filter_is_active (filter));
  g_assert_cmpstr (mapscope_region_filter_get_only_label (filter), ==, "lib-duplicate");
  g_assert_true (mapscope_region_filter_get_only_snapshot (filter) == snapshot);

  kept = matching_indices (filter, snapshot);
  g_assert_cmpuint (kept->len, ==, 4);
  g_assert_cmpuint (g_array_index (kept, guint, 0), ==, 0);
  g_assert_cmpuint (g_array_index (kept, guint, 1), ==, 3);
  g_assert_cmpuint (g_array_index (kept, guint, 2), ==, 17);
  g_assert_cmpuint (g_array_index (kept, guint, 3), ==, n_regions - 1);
  g_clear_pointer (&kept, g_array_unref);

  /* Another snapshot is not restricted by indices that are not its own. */
  kept = matching_indices (filter, other);
  g_assert_cmpuint (kept->len, ==, mapscope_snapshot_get_n_regions (other));
  g_clear_pointer (&kept, g_array_unref);

  /* The option adds to the other criteria: both must hold. */
  mapscope_region_filter_set_category_shown (filter,
                                             mapscope_snapshot_get_region (snapshot, 17)->category,
                                             FALSE);
  kept = matching_indices (filter, snapshot);
  for (guint i = 0; i < kept->len; i++)
    g_assert_cmpuint (g_array_index (kept, guint, i), !=, 17);
  g_assert_cmpuint (kept->len, <, 4);
  g_clear_pointer (&kept, g_array_unref);
  mapscope_region_filter_set_category_shown (filter,
                                             mapscope_snapshot_get_region (snapshot, 17)->category,
                                             TRUE);

  /* Clearing shows everything again, and says so once. */
  n_changed = 0;
  mapscope_region_filter_clear_only_regions (filter);
  mapscope_region_filter_clear_only_regions (filter);
  g_assert_cmpuint (n_changed, ==, 1);
  g_assert_false (mapscope_region_filter_has_only_regions (filter));
  g_assert_null (mapscope_region_filter_get_only_label (filter));
  kept = matching_indices (filter, snapshot);
  g_assert_cmpuint (kept->len, ==, n_regions);
  g_clear_pointer (&kept, g_array_unref);

  /* An empty set hides every region; reset lifts it with the rest. */
  mapscope_region_filter_set_only_regions (filter, snapshot, NULL, 0, NULL);
  kept = matching_indices (filter, snapshot);
  g_assert_cmpuint (kept->len, ==, 0);
  g_clear_pointer (&kept, g_array_unref);
  mapscope_region_filter_reset (filter);
  g_assert_false (mapscope_region_filter_has_only_regions (filter));
  kept = matching_indices (filter, snapshot);
  g_assert_cmpuint (kept->len, ==, n_regions);
}

static guint32
render_pixel (MapscopeMapLayout    *layout,
              MapscopeSnapshot     *snapshot,
              MapscopeRegionFilter *filter,
              double                x,
              double                y)
{
  int width = (int)mapscope_map_layout_get_width (layout);
  int height = (int)(mapscope_map_layout_get_n_rows (layout) * mapscope_map_layout_get_row_height (layout));
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);
  guint32 pixel;

  mapscope_map_render (cr, layout, snapshot, filter, FALSE);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  pixel = *(const guint32 *)(cairo_image_surface_get_data (surface) +
                             (int)y * cairo_image_surface_get_stride (surface) + 4 * (int)x);
  cairo_surface_destroy (surface);
  return pixel;
}

/* The map dims the regions the option leaves out, and only those. */
static void
test_only_regions_map (void)
{
  g_autoptr(MapscopeDocument) zoo = load_real ("zoo.smaps");
  MapscopeSnapshot *snapshot = mapscope_document_get_snapshot (zoo, 0);
  g_autoptr(MapscopeRegionFilter) filter = mapscope_region_filter_new ();
  g_autoptr(MapscopeMapLayout) layout = mapscope_map_layout_new (snapshot, 1200, 400, 1, 0, FALSE);
  /* the 512 MiB anonymous region, the widest on the map */
  guint anon = mapscope_map_layout_find_region (layout, G_GUINT64_CONSTANT (0x7f63ba3c0000));
  double axis = mapscope_map_layout_get_region_x (layout, anon) +
                mapscope_map_layout_get_region_width (layout, anon) / 2;
  guint row = (guint)(axis / mapscope_map_layout_get_width (layout));
  double x = axis - row * mapscope_map_layout_get_width (layout);
  double row_height = mapscope_map_layout_get_row_height (layout);
  double top = -1, bottom = -1;
  double y;
  guint other = anon > 0 ? 0 : 1;
  guint32 plain, kept, dimmed;

  g_assert_cmpuint (anon, <, mapscope_snapshot_get_n_regions (snapshot));
  g_assert_cmpuint (mapscope_snapshot_get_region (snapshot, anon)->start, ==,
                    G_GUINT64_CONSTANT (0x7f63ba3c0000));
  for (double probe = row * row_height; probe < (row + 1) * row_height; probe++)
    {
      if (mapscope_map_layout_hit_test (layout, x, probe) != (gint)anon)
        continue;
      if (top < 0)
        top = probe;
      bottom = probe;
    }
  g_assert_cmpfloat (top, >=, 0);
  /* the middle of the bar, clear of its edges and of the ruler */
  y = MAX ((top + bottom) / 2, row * row_height + MAPSCOPE_MAP_RULER_HEIGHT + 4);

  plain = render_pixel (layout, snapshot, filter, x, y);
  mapscope_region_filter_set_only_regions (filter, snapshot, &anon, 1, NULL);
  kept = render_pixel (layout, snapshot, filter, x, y);
  mapscope_region_filter_set_only_regions (filter, snapshot, &other, 1, NULL);
  dimmed = render_pixel (layout, snapshot, filter, x, y);

  g_test_message ("rows %g-%g, sampled at (%g, %g)", top, bottom, x, y);
  g_test_message ("plain #%08x, kept #%08x, left out #%08x", plain, kept, dimmed);
  g_assert_cmphex (kept, ==, plain);
  g_assert_cmphex (dimmed, !=, plain);
}

static void
test_process_timeline (void)
{
  g_autoptr(MapscopeDocument) timeline = load_real ("python-leak-timeline.log");
  g_autoptr(MapscopeDocument) zoo = load_real ("zoo.smaps");
  g_autoptr(MapscopeWorkspace) workspace = mapscope_workspace_new ();
  GListModel *snapshots = mapscope_workspace_get_snapshots (workspace);
  MapscopeSnapshot *zoo_snapshot = mapscope_document_get_snapshot (zoo, 0);
  g_autoptr(GPtrArray) members = NULL;
  guint n = mapscope_document_get_n_snapshots (timeline);

  g_assert_cmpuint (n, ==, 5);
  /* Loaded out of order and mixed with another process. */
  mapscope_workspace_add_snapshot (workspace, mapscope_document_get_snapshot (timeline, 3));
  mapscope_workspace_add_snapshot (workspace, zoo_snapshot);
  for (guint i = 0; i < n; i++)
    {
      if (i != 3)
        mapscope_workspace_add_snapshot (workspace, mapscope_document_get_snapshot (timeline, i));
    }

  members = mapscope_process_timeline_collect (snapshots, mapscope_document_get_snapshot (timeline, 2));
  g_assert_cmpuint (members->len, ==, n);
  /* in time order */
  for (guint i = 0; i < n; i++)
    g_assert_true (g_ptr_array_index (members, i) == mapscope_document_get_snapshot (timeline, i));
  g_clear_pointer (&members, g_ptr_array_unref);

  members = mapscope_process_timeline_collect (snapshots, zoo_snapshot);
  g_assert_cmpuint (members->len, ==, 1);
  g_assert_true (g_ptr_array_index (members, 0) == zoo_snapshot);
  g_assert_false (mapscope_snapshot_same_process (zoo_snapshot,
                                                  mapscope_document_get_snapshot (timeline, 0)));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/filter/only-regions", test_only_regions);
  g_test_add_func ("/model/filter/only-regions-map", test_only_regions_map);
  g_test_add_func ("/model/process-timeline", test_process_timeline);

  return g_test_run ();
}
