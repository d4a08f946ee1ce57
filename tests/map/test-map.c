/* test-map.c: the map's layout and renderer, by probing pixels
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>

#include "mapscope-map-overlay.h"
#include "mapscope-map-renderer.h"
#include "mapscope-test-map-pixels.h"
#include "mapscope-test-util.h"

#define WIDTH         1200
#define HEIGHT        400
#define BIG_ANON      G_GUINT64_CONSTANT (0x7f63ba3c0000)   /* 512 MiB, half resident */
#define LIBC_TEXT     G_GUINT64_CONSTANT (0x7f63da44b000)   /* libc.so.6 r-xp */
#define HEAP_START    G_GUINT64_CONSTANT (0x565276ef8000)
#define GUARD_PAGE    G_GUINT64_CONSTANT (0x7f63b835a000)   /* 4 KiB ---p after a gap */

typedef struct
{
  MapscopeDocument *document;
  MapscopeSnapshot *snapshot;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->document = mapscope_test_load_real ("zoo.smaps");
  fixture->snapshot = mapscope_test_only_snapshot (fixture->document);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->document);
}

static guint
region_index (Fixture *fixture,
              guint64  start)
{
  const MapscopeRegion *region = mapscope_test_region_at (fixture->snapshot, start);

  g_assert_nonnull (region);
  return mapscope_snapshot_get_region_index (fixture->snapshot, region);
}

static cairo_surface_t *
render (Fixture              *fixture,
        MapscopeMapLayout    *layout,
        MapscopeRegionFilter *filter)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);

  mapscope_map_render (cr, layout, fixture->snapshot, filter, FALSE);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  return surface;
}

/* An address in the middle of the resident part of the region at @start. */
static guint64
resident_middle (Fixture *fixture,
                 guint64  start)
{
  const MapscopeRegion *region = mapscope_test_region_at (fixture->snapshot, start);
  guint64 rss = mapscope_test_get_value (fixture->snapshot, region, MAPSCOPE_FIELD_RSS) * 1024;

  g_assert_cmpuint (rss, >, 0);
  return start + rss / 2;
}

static void
assert_region_pixel (cairo_surface_t   *surface,
                     MapscopeMapLayout *layout,
                     guint64            address,
                     MapscopeCategory   category,
                     MapscopeMapShade   shade,
                     gboolean           dimmed)
{
  MapscopeColor color;
  double x;
  guint row;

  g_assert_true (mapscope_map_layout_address_to_point (layout, address, &x, &row));
  mapscope_map_get_region_color (category, shade, dimmed, FALSE, &color);
  mapscope_test_assert_pixel (surface, floor (x), mapscope_test_bar_y (layout, row), &color);
}

static void
test_category_color (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(MapscopeMapLayout) layout = NULL;
  const MapscopeRegion *region = mapscope_test_region_at (fixture->snapshot, BIG_ANON);
  guint64 size = mapscope_region_get_size (region);
  guint64 rss = mapscope_test_get_value (fixture->snapshot, region, MAPSCOPE_FIELD_RSS) * 1024;
  cairo_surface_t *surface;

  g_assert_cmpuint (region->category, ==, MAPSCOPE_CATEGORY_ANONYMOUS);
  g_assert_cmpuint (rss, >, size / 4);
  g_assert_cmpuint (rss, <, size * 3 / 4);

  layout = mapscope_map_layout_new (fixture->snapshot, WIDTH, HEIGHT, 1, 0, FALSE);
  surface = render (fixture, layout, NULL);

  /* The resident part solid, the rest lighter. */
  assert_region_pixel (surface, layout, resident_middle (fixture, BIG_ANON),
                       MAPSCOPE_CATEGORY_ANONYMOUS, MAPSCOPE_MAP_SHADE_RESIDENT, FALSE);
  assert_region_pixel (surface, layout, region->end - (size - rss) / 2,
                       MAPSCOPE_CATEGORY_ANONYMOUS, MAPSCOPE_MAP_SHADE_UNRESIDENT, FALSE);
  /* And the heap in its own color. */
  assert_region_pixel (surface, layout, resident_middle (fixture, HEAP_START),
                       MAPSCOPE_CATEGORY_HEAP, MAPSCOPE_MAP_SHADE_RESIDENT, FALSE);

  cairo_surface_destroy (surface);
}

static void
test_zoom_to_region (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(MapscopeMapLayout) whole = NULL;
  g_autoptr(MapscopeMapLayout) zoomed = NULL;
  guint index = region_index (fixture, LIBC_TEXT);
  const MapscopeRegion *region = mapscope_snapshot_get_region (fixture->snapshot, index);
  MapscopeColor resident, unresident;
  cairo_surface_t *surface;
  double x_first, x_last, zoom, y;
  guint row_first, row_last;
  gint edges[] = { 2, WIDTH - 3 };

  whole = mapscope_map_layout_new (fixture->snapshot, WIDTH, HEIGHT, 1, 0, FALSE);
  g_assert_cmpfloat (mapscope_map_layout_get_region_width (whole, index), <, WIDTH / 10.0);

  zoom = mapscope_map_layout_get_zoom_for_range (whole, region->start, region->end);
  g_assert_cmpfloat (zoom, >, 10);
  zoomed = mapscope_map_layout_new (fixture->snapshot, WIDTH, HEIGHT, zoom,
                                    region->start + mapscope_region_get_size (region) / 2, FALSE);

  g_assert_cmpfloat_with_epsilon (mapscope_map_layout_get_region_width (zoomed, index), WIDTH,
                                  0.01);
  g_assert_true (mapscope_map_layout_address_to_point (zoomed, region->start, &x_first,
                                                       &row_first));
  g_assert_true (mapscope_map_layout_address_to_point (zoomed, region->end - 1, &x_last,
                                                       &row_last));
  g_assert_cmpuint (row_first, ==, row_last);
  g_assert_cmpfloat (x_first, <, 0.5);
  g_assert_cmpfloat (x_last, >, WIDTH - 0.5);

  /* Both edges of the row show the region, in one of its two shades. */
  surface = render (fixture, zoomed, NULL);
  y = mapscope_test_bar_y (zoomed, row_first);
  mapscope_map_get_region_color (region->category, MAPSCOPE_MAP_SHADE_RESIDENT, FALSE, FALSE,
                                 &resident);
  mapscope_map_get_region_color (region->category, MAPSCOPE_MAP_SHADE_UNRESIDENT, FALSE, FALSE,
                                 &unresident);
  for (guint i = 0; i < G_N_ELEMENTS (edges); i++)
    {
      g_assert_cmpint (mapscope_map_layout_hit_test (zoomed, edges[i], y), ==, index);
      mapscope_test_assert_pixel (surface, edges[i], y, i == 0 ? &resident : &unresident);
    }

  cairo_surface_destroy (surface);
}

static void
test_filter_dims (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(MapscopeMapLayout) layout = NULL;
  g_autoptr(MapscopeRegionFilter) filter = mapscope_region_filter_new ();
  cairo_surface_t *surface;

  mapscope_region_filter_set_category_shown (filter, MAPSCOPE_CATEGORY_ANONYMOUS, FALSE);
  layout = mapscope_map_layout_new (fixture->snapshot, WIDTH, HEIGHT, 1, 0, FALSE);
  surface = render (fixture, layout, filter);

  assert_region_pixel (surface, layout, resident_middle (fixture, BIG_ANON),
                       MAPSCOPE_CATEGORY_ANONYMOUS, MAPSCOPE_MAP_SHADE_RESIDENT, TRUE);
  assert_region_pixel (surface, layout, resident_middle (fixture, HEAP_START),
                       MAPSCOPE_CATEGORY_HEAP, MAPSCOPE_MAP_SHADE_RESIDENT, FALSE);

  cairo_surface_destroy (surface);
}

static void
test_hit_test (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(MapscopeMapLayout) whole = NULL;
  g_autoptr(MapscopeMapLayout) layout = NULL;
  guint index = region_index (fixture, GUARD_PAGE);
  const MapscopeRegion *region = mapscope_snapshot_get_region (fixture->snapshot, index);
  const MapscopeRegion *next = mapscope_snapshot_get_region (fixture->snapshot, index + 1);
  const MapscopeRegion *previous = mapscope_snapshot_get_region (fixture->snapshot, index - 1);
  double byte, x, y;
  guint row;

  /* The guard page follows a gap and is followed by its thread's stack. */
  g_assert_cmpuint (previous->end, <, region->start);
  g_assert_cmpuint (next->start, ==, region->end);

  whole = mapscope_map_layout_new (fixture->snapshot, WIDTH, HEIGHT, 1, 0, FALSE);
  layout = mapscope_map_layout_new (fixture->snapshot, WIDTH, HEIGHT,
                                    mapscope_map_layout_get_zoom_for_range (whole, region->start,
                                                                            region->end),
                                    region->start + 0x800, FALSE);
  byte = mapscope_map_layout_get_scale (layout);
  g_assert_cmpfloat (byte, >, 0.1);

#define HIT_AT(address, delta) \
  (mapscope_map_layout_address_to_point (layout, (address), &x, &row), \
   y = row * mapscope_map_layout_get_row_height (layout) + 20, \
   mapscope_map_layout_hit_test (layout, x + (delta) * byte, y))

  g_assert_cmpint (HIT_AT (region->start, 0.25), ==, index);
  g_assert_cmpint (HIT_AT (region->start, -0.25), ==, -1);   /* in the break */
  g_assert_cmpint (HIT_AT (region->end - 1, 0.25), ==, index);
  g_assert_cmpint (HIT_AT (region->end, 0.25), ==, index + 1);
  g_assert_cmpint (HIT_AT (previous->end, 0.25), ==, -1);
  g_assert_cmpint (HIT_AT (previous->end - 1, 0.25), ==, index - 1);
#undef HIT_AT

  /* Off the view */
  g_assert_cmpint (mapscope_map_layout_hit_test (layout, -1, 20), ==, -1);
  g_assert_cmpint (mapscope_map_layout_hit_test (layout, WIDTH, 20), ==, -1);
  g_assert_cmpint (mapscope_map_layout_hit_test (layout, 10, HEIGHT + 1), ==, -1);
}

/* @gap: the size of the gap @address is in, 0 if it is mapped. Going back
 * from a point to an address rounds down to a whole byte, which moves the
 * point by up to a byte's width. */
static void
assert_round_trips (MapscopeMapLayout *layout,
                    guint64            address,
                    guint64            gap)
{
  double scale = mapscope_map_layout_get_scale (layout);
  double byte_width = gap > 0 && !mapscope_map_layout_get_linear (layout)
                      ? mapscope_map_layout_get_break_width (layout) / gap
                      : scale;
  double x, x_back;
  guint row, row_back;
  guint64 back;

  if (!mapscope_map_layout_address_to_point (layout, address, &x, &row))
    return;

  g_assert_true (mapscope_map_layout_point_to_address (layout, x, row, &back));
  if (gap == 0)
    g_assert_cmpfloat (fabs ((double) back - (double) address), <=, 1 + 1e-6 / scale);
  mapscope_map_layout_address_to_point (layout, back, &x_back, &row_back);
  if (row_back != row)  /* rounded down across a row's end */
    x_back -= (double) row * mapscope_map_layout_get_width (layout) -
              (double) row_back * mapscope_map_layout_get_width (layout);
  g_assert_cmpfloat (fabs (x_back - x), <, 1e-6 + byte_width);
}

static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  const double zooms[] = { 1, 7.5, 300 };
  guint n_regions = mapscope_snapshot_get_n_regions (fixture->snapshot);
  guint n_checked = 0;

  for (guint linear = 0; linear < 2; linear++)
    for (guint z = 0; z < G_N_ELEMENTS (zooms); z++)
      {
        g_autoptr(MapscopeMapLayout) layout =
          mapscope_map_layout_new (fixture->snapshot, WIDTH, HEIGHT, zooms[z], LIBC_TEXT, linear);

        for (guint i = 0; i < n_regions; i++)
          {
            const MapscopeRegion *region = mapscope_snapshot_get_region (fixture->snapshot, i);
            const MapscopeRegion *next = i + 1 < n_regions
                                         ? mapscope_snapshot_get_region (fixture->snapshot, i + 1)
                                         : NULL;

            assert_round_trips (layout, region->start, 0);
            assert_round_trips (layout, region->start + mapscope_region_get_size (region) / 3, 0);
            assert_round_trips (layout, region->end - 1, 0);
            if (next != NULL && next->start > region->end)
              assert_round_trips (layout, region->end / 2 + next->start / 2,
                                  next->start - region->end);
            n_checked++;
          }
      }
  g_assert_cmpuint (n_checked, ==, 6 * n_regions);
}

static double
gap_after (MapscopeMapLayout *layout,
           guint              index)
{
  return mapscope_map_layout_get_region_x (layout, index + 1) -
         (mapscope_map_layout_get_region_x (layout, index) +
          mapscope_map_layout_get_region_width (layout, index));
}

static void
test_gaps_collapsed (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(MapscopeMapLayout) collapsed = NULL;
  g_autoptr(MapscopeMapLayout) linear = NULL;
  guint heap = region_index (fixture, HEAP_START);
  guint64 gap_bytes = mapscope_snapshot_get_region (fixture->snapshot, heap + 1)->start -
                      mapscope_snapshot_get_region (fixture->snapshot, heap)->end;
  MapscopeColor break_color;
  cairo_surface_t *surface;
  double x, width;
  guint row;

  /* 41 TiB between the heap and the thread stacks */
  collapsed = mapscope_map_layout_new (fixture->snapshot, WIDTH, HEIGHT, 1, 0, FALSE);
  linear = mapscope_map_layout_new (fixture->snapshot, WIDTH, HEIGHT, 1, 0, TRUE);

  width = gap_after (collapsed, heap);
  g_assert_cmpfloat (width, >, 2);
  g_assert_cmpfloat (width, <=, MAPSCOPE_MAP_BREAK_WIDTH);
  g_assert_cmpfloat (width, ==, mapscope_map_layout_get_break_width (collapsed));
  /* Contiguous regions have no break between them. */
  g_assert_cmpfloat (gap_after (collapsed, region_index (fixture, GUARD_PAGE)), ==, 0);
  /* Collapsed, it is a sliver of its real size; on a linear axis, it is its
   * real size (the kernel's [vsyscall] page makes that axis 16 EiB long). */
  g_assert_cmpfloat (width, <, gap_bytes * mapscope_map_layout_get_scale (collapsed) / 1000);
  g_assert_cmpfloat (fabs (gap_after (linear, heap) / mapscope_map_layout_get_scale (linear) /
                           gap_bytes - 1), <, 1e-6);

  /* The break shows, and not in a region's color. */
  surface = render (fixture, collapsed, NULL);
  x = mapscope_map_layout_get_region_x (collapsed, heap) +
      mapscope_map_layout_get_region_width (collapsed, heap) + width / 4;
  row = (guint) (x / WIDTH);
  mapscope_map_get_ink (MAPSCOPE_MAP_INK_BREAK, FALSE, &break_color);
  mapscope_test_assert_pixel (surface, floor (x - row * WIDTH),
                              mapscope_test_bar_y (collapsed, row), &break_color);
  g_assert_cmpint (mapscope_map_layout_hit_test (collapsed, x - row * WIDTH,
                                                 mapscope_test_bar_y (collapsed, row)), ==, -1);
  cairo_surface_destroy (surface);
}

/* 40,000 regions of one page, where each fourth is a library: at zoom 1
 * every pixel column holds many, and must take the dominant category's
 * color rather than a blend or the last one drawn. */
static void
test_dense_columns (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(MapscopeDocument) document = NULL;
  g_autoptr(MapscopeMapLayout) layout = NULL;
  MapscopeSnapshot *snapshot;
  cairo_surface_t *surface;
  cairo_t *cr;
  MapscopeColor anonymous;
  guint64 address = G_GUINT64_CONSTANT (0x7f0000000000);

  for (guint i = 0; i < 40000; i++, address += 0x1000)
    g_string_append_printf (text, "%" G_GINT64_MODIFIER "x-%" G_GINT64_MODIFIER "x rw-p "
                            "00000000 00:00 %u%s\n", address, address + 0x1000,
                            i % 4 == 3 ? 42 : 0, i % 4 == 3 ? " /usr/lib/libdense.so.1" : "");
  document = mapscope_test_load_text (text->str);
  snapshot = mapscope_test_only_snapshot (document);
  g_assert_cmpuint (mapscope_snapshot_get_n_regions (snapshot), ==, 40000);

  layout = mapscope_map_layout_new (snapshot, WIDTH, HEIGHT, 1, 0, FALSE);
  g_assert_cmpfloat (mapscope_map_layout_get_region_width (layout, 0), <, 1);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cr = cairo_create (surface);
  mapscope_map_render (cr, layout, snapshot, NULL, FALSE);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  mapscope_map_get_region_color (MAPSCOPE_CATEGORY_ANONYMOUS, MAPSCOPE_MAP_SHADE_RESIDENT,
                                 FALSE, FALSE, &anonymous);
  for (guint row = 0; row < mapscope_map_layout_get_n_rows (layout); row++)
    for (guint x = 5; x < WIDTH; x += 97)
      mapscope_test_assert_pixel (surface, x, mapscope_test_bar_y (layout, row), &anonymous);

  cairo_surface_destroy (surface);
}

/* Two snapshots of one process: an anonymous region stays, a library's RSS
 * grows from 256 KiB to 768 KiB, one library goes away and one arrives. */
#define DIFF_KEEP  G_GUINT64_CONSTANT (0x7f0000000000)
#define DIFF_GROW  G_GUINT64_CONSTANT (0x7f0000100000)
#define DIFF_GONE  G_GUINT64_CONSTANT (0x7f0000300000)
#define DIFF_NEW   G_GUINT64_CONSTANT (0x7f0000500000)

static MapscopeDocument *
load_smaps_regions (const char * const *lines)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i += 2)
    g_string_append_printf (text, "%s\nSize: 1024 kB\nRss: %s kB\n", lines[i], lines[i + 1]);
  return mapscope_test_load_text (text->str);
}

static MapscopeDiff *
new_test_diff (MapscopeDocument **old_document,
               MapscopeDocument **new_document)
{
  static const char * const old_lines[] = {
    "7f0000000000-7f0000100000 rw-p 00000000 00:00 0", "512",
    "7f0000100000-7f0000200000 r-xp 00000000 08:01 42 /usr/lib/libgrow.so", "256",
    "7f0000300000-7f0000400000 r--p 00000000 08:01 43 /usr/lib/libgone.so", "128",
    NULL
  };
  static const char * const new_lines[] = {
    "7f0000000000-7f0000100000 rw-p 00000000 00:00 0", "512",
    "7f0000100000-7f0000200000 r-xp 00000000 08:01 42 /usr/lib/libgrow.so", "768",
    "7f0000500000-7f0000600000 r--p 00000000 08:01 44 /usr/lib/libnew.so", "1024",
    NULL
  };

  *old_document = load_smaps_regions (old_lines);
  *new_document = load_smaps_regions (new_lines);
  return mapscope_diff_new (mapscope_test_only_snapshot (*old_document),
                            mapscope_test_only_snapshot (*new_document));
}

/* Where @address is drawn: the view's pixel column and the bar's top. */
static void
locate (MapscopeMapLayout *layout,
        guint64            address,
        double            *x,
        double            *top)
{
  guint row;

  g_assert_true (mapscope_map_layout_address_to_point (layout, address, x, &row));
  *top = row * mapscope_map_layout_get_row_height (layout) + MAPSCOPE_MAP_RULER_HEIGHT;
}

static void
test_diff_overlay (void)
{
  g_autoptr(MapscopeDocument) old_document = NULL;
  g_autoptr(MapscopeDocument) new_document = NULL;
  g_autoptr(MapscopeDiff) diff = new_test_diff (&old_document, &new_document);
  g_autoptr(MapscopeMapOverlay) overlay = mapscope_map_overlay_new (diff);
  g_autoptr(MapscopeMapLayout) layout = NULL;
  MapscopeSnapshot *snapshot = mapscope_diff_get_new_snapshot (diff);
  cairo_surface_t *surface;
  cairo_t *cr;
  MapscopeColor new_ink, grown_ink, library, removed_ink, wash;
  guint64 start, end;
  guint old_index;
  double x, top, end_x, end_top;

  /* Same process: the ghost is where the region was. */
  g_assert_true (mapscope_diff_get_same_layout (diff));
  g_assert_cmpuint (mapscope_map_overlay_get_n_ghosts (overlay), ==, 1);
  mapscope_map_overlay_get_ghost (overlay, 0, &start, &end, &old_index);
  g_assert_cmphex (start, ==, DIFF_GONE);
  g_assert_cmphex (end, ==, DIFF_GONE + 0x100000);
  g_assert_cmpuint (old_index, ==, 2);

  layout = mapscope_map_layout_new (snapshot, WIDTH, HEIGHT, 1, 0, TRUE);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cr = cairo_create (surface);
  mapscope_map_render (cr, layout, snapshot, NULL, FALSE);
  mapscope_map_overlay_render (overlay, cr, layout, FALSE);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  /* The new region is outlined: its edge has the outline color, its inside
   * its category's. */
  mapscope_map_get_diff_ink (MAPSCOPE_MAP_DIFF_INK_NEW, FALSE, &new_ink);
  mapscope_map_get_region_color (MAPSCOPE_CATEGORY_LIBRARY, MAPSCOPE_MAP_SHADE_RESIDENT, FALSE,
                                 FALSE, &library);
  locate (layout, DIFF_NEW, &x, &top);
  mapscope_test_assert_pixel (surface, ceil (x), top + 8, &new_ink);
  mapscope_test_assert_pixel (surface, ceil (x) + 12, top + 8, &library);

  /* The grown region's tag, at its top right, has the grown color. */
  mapscope_map_get_diff_ink (MAPSCOPE_MAP_DIFF_INK_GROWN, FALSE, &grown_ink);
  locate (layout, DIFF_GROW + 0xfffff, &end_x, &end_top);
  mapscope_test_assert_pixel (surface, floor (end_x - 3.5), end_top + 4, &grown_ink);

  /* The ghost is drawn where the removed library was, in what is now a
   * gap: a light wash of the removed color inside its dashed outline. */
  mapscope_map_get_diff_ink (MAPSCOPE_MAP_DIFF_INK_REMOVED, FALSE, &removed_ink);
  mapscope_map_get_ink (MAPSCOPE_MAP_INK_BACKGROUND, FALSE, &wash);
  wash.red += (removed_ink.red - wash.red) * 0.25;
  wash.green += (removed_ink.green - wash.green) * 0.25;
  wash.blue += (removed_ink.blue - wash.blue) * 0.25;
  locate (layout, DIFF_GONE + 0x80000, &x, &top);
  mapscope_test_assert_pixel (surface, x, top + 20, &wash);

  cairo_surface_destroy (surface);
}

/* Two runs with different layouts: the removed library moves with the
 * region below it, which the diff paired. */
static void
test_diff_ghost_follows_neighbour (void)
{
  static const char * const old_lines[] = {
    "7f0000000000-7f0000100000 r-xp 00000000 08:01 42 /usr/lib/libkeep.so", "4",
    "7f0000180000-7f0000190000 r--p 00000000 08:01 43 /usr/lib/libgone.so", "4",
    NULL
  };
  static const char * const new_lines[] = {
    "7e5500000000-7e5500100000 r-xp 00000000 08:01 42 /usr/lib/libkeep.so", "4",
    NULL
  };
  g_autoptr(MapscopeDocument) old_document = load_smaps_regions (old_lines);
  g_autoptr(MapscopeDocument) new_document = load_smaps_regions (new_lines);
  g_autoptr(MapscopeDiff) diff = NULL;
  g_autoptr(MapscopeMapOverlay) overlay = NULL;
  guint64 start, end;
  guint old_index;

  diff = mapscope_diff_new (mapscope_test_only_snapshot (old_document),
                            mapscope_test_only_snapshot (new_document));
  g_assert_false (mapscope_diff_get_same_layout (diff));
  overlay = mapscope_map_overlay_new (diff);
  g_assert_cmpuint (mapscope_map_overlay_get_n_ghosts (overlay), ==, 1);
  mapscope_map_overlay_get_ghost (overlay, 0, &start, &end, &old_index);
  g_assert_cmphex (start, ==, G_GUINT64_CONSTANT (0x7e5500180000));
  g_assert_cmphex (end, ==, G_GUINT64_CONSTANT (0x7e5500190000));
}

/* No ruler tick runs through the size label of a break: in this snapshot a
 * tick fell on "⋯ 4 MiB ⋯" before ticks learnt to give way. */
static void
test_ticks_skip_break_labels (void)
{
  g_autofree char *path = mapscope_test_crafted_path ("diff/new.smaps");
  g_autoptr(MapscopeDocument) document = mapscope_test_load_path (path);
  MapscopeSnapshot *snapshot = mapscope_test_only_snapshot (document);
  g_autoptr(MapscopeMapLayout) layout = mapscope_map_layout_new (snapshot, WIDTH, HEIGHT, 1, 0,
                                                                 FALSE);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);
  const MapscopeRegion *regions;
  MapscopeColor background;
  guint n_regions, n_checked = 0;

  mapscope_map_render (cr, layout, snapshot, NULL, FALSE);
  cairo_surface_flush (surface);
  mapscope_map_get_ink (MAPSCOPE_MAP_INK_BACKGROUND, FALSE, &background);
  cairo_select_font_face (cr, "Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, 10);

  regions = mapscope_snapshot_get_regions (snapshot, &n_regions);
  for (guint i = 1; i < n_regions; i++)
    {
      g_autofree char *size = NULL;
      g_autofree char *text = NULL;
      cairo_text_extents_t extents;
      double a, b, x1;
      guint row;

      if (regions[i].start == regions[i - 1].end)
        continue;
      a = mapscope_map_layout_get_region_x (layout, i - 1) +
          mapscope_map_layout_get_region_width (layout, i - 1);
      b = mapscope_map_layout_get_region_x (layout, i);
      row = (guint) ((a + b) / 2 / WIDTH);
      size = mapscope_format_kb ((regions[i].start - regions[i - 1].end) / 1024);
      text = g_strdup_printf ("⋯ %s ⋯", size);
      cairo_text_extents (cr, text, &extents);
      x1 = CLAMP ((a + b) / 2 - row * WIDTH - extents.x_advance / 2, 0,
                  WIDTH - extents.x_advance);

      /* Above the text's capitals, where only a tick would draw. */
      for (double x = ceil (x1); x < x1 + extents.x_advance - 1; x++)
        mapscope_test_assert_pixel (surface, x,
                                    row * mapscope_map_layout_get_row_height (layout) + 1.5,
                                    &background);
      n_checked++;
    }
  g_assert_cmpuint (n_checked, >, 3);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* [vsyscall] sits 16 EiB past user space; a linear axis puts it after one
 * break, so that user space keeps the width of the view. */
static void
test_linear_sets_kernel_apart (void)
{
  static const char text[] =
    "555555554000-555555556000 r-xp 00000000 08:01 42 /usr/bin/prog\n"
    "7ffd00000000-7ffd00021000 rw-p 00000000 00:00 0 [stack]\n"
    "ffffffffff600000-ffffffffff601000 --xp 00000000 00:00 0 [vsyscall]\n";
  g_autoptr(MapscopeDocument) document = mapscope_test_load_text (text);
  MapscopeSnapshot *snapshot = mapscope_test_only_snapshot (document);
  g_autoptr(MapscopeMapLayout) layout = mapscope_map_layout_new (snapshot, WIDTH, HEIGHT, 1, 0,
                                                                 TRUE);
  double view_length = WIDTH * mapscope_map_layout_get_n_rows (layout);
  g_autoptr(MapscopeMapLayout) zoomed = NULL;
  double stack_end, vsyscall_x, x, y, zoom;
  cairo_surface_t *surface;
  cairo_t *cr;
  guint row;

  g_assert_cmpuint (mapscope_map_layout_get_first_kernel (layout), ==, 2);
  stack_end = mapscope_map_layout_get_region_x (layout, 1) +
              mapscope_map_layout_get_region_width (layout, 1);
  vsyscall_x = mapscope_map_layout_get_region_x (layout, 2);

  /* User space fills the view but for the break and [vsyscall] itself. */
  g_assert_cmpfloat (stack_end, >, view_length - 2 * MAPSCOPE_MAP_BREAK_WIDTH);
  g_assert_cmpfloat (vsyscall_x - stack_end, ==, MAPSCOPE_MAP_BREAK_WIDTH);
  g_assert_cmpfloat (vsyscall_x, <, view_length);

  /* Zoomed until [vsyscall] is one row wide, the middle row shows it. */
  zoom = mapscope_map_layout_get_zoom_for_range (layout, G_GUINT64_CONSTANT (0xffffffffff600000),
                                                 G_GUINT64_CONSTANT (0xffffffffff601000));
  g_assert_cmpfloat (zoom, >, 1e6);
  zoomed = mapscope_map_layout_new (snapshot, WIDTH, HEIGHT, zoom,
                                    G_GUINT64_CONSTANT (0xffffffffff600800), TRUE);
  row = mapscope_map_layout_get_n_rows (zoomed) / 2;
  y = row * mapscope_map_layout_get_row_height (zoomed) + MAPSCOPE_MAP_RULER_HEIGHT + 4;
  g_assert_cmpint (mapscope_map_layout_hit_test (zoomed, 1, y), ==, 2);
  g_assert_cmpint (mapscope_map_layout_hit_test (zoomed, WIDTH - 1, y), ==, 2);
  g_assert_true (mapscope_map_layout_address_to_point (zoomed,
                                                       G_GUINT64_CONSTANT (0xffffffffff600000),
                                                       &x, &row));
  g_assert_cmpfloat (fabs (x), <, 0.5);

  /* And drawing it walks the ruler across the break, not through 16 EiB. */
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cr = cairo_create (surface);
  mapscope_map_render (cr, layout, snapshot, NULL, FALSE);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/map/render/category-color", test_category_color);
  ADD ("/map/render/zoom-to-region", test_zoom_to_region);
  ADD ("/map/render/filter-dims", test_filter_dims);
  ADD ("/map/layout/hit-test", test_hit_test);
  ADD ("/map/layout/round-trip", test_round_trip);
  ADD ("/map/layout/gaps-collapsed", test_gaps_collapsed);
#undef ADD
  g_test_add_func ("/map/render/dense-columns", test_dense_columns);
  g_test_add_func ("/map/render/ticks-skip-break-labels", test_ticks_skip_break_labels);
  g_test_add_func ("/map/layout/linear-sets-kernel-apart", test_linear_sets_kernel_apart);
  g_test_add_func ("/map/overlay/new-removed-grown", test_diff_overlay);
  g_test_add_func ("/map/overlay/ghost-follows-neighbour", test_diff_ghost_follows_neighbour);

  status = g_test_run ();
  /* Cairo keeps the font faces made for labels until told otherwise. */
  cairo_debug_reset_static_data ();
  return status;
}
