/* test-map-view.c: the map view on a real capture, under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>
#include <math.h>

#include "mapscope-map-renderer.h"
#include "mapscope-views.h"

#define WIDTH    1000
#define HEIGHT   400
#define BIG_ANON G_GUINT64_CONSTANT (0x7f63ba3c0000)   /* 512 MiB, half resident */

typedef struct
{
  MapscopeDocument  *document;
  MapscopeWorkspace *workspace;
  MapscopeSnapshot  *snapshot;
  MapscopeMapView   *view;
  GtkWindow         *window;
} Fixture;

static void
iterate_main_loop (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "real", "zoo.smaps", NULL);
  g_autoptr(GError) error = NULL;

  fixture->document = mapscope_document_load_path (path, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  fixture->workspace = mapscope_workspace_new ();
  mapscope_workspace_add_document (fixture->workspace, fixture->document);
  fixture->snapshot = mapscope_workspace_get_current (fixture->workspace);
  g_assert_nonnull (fixture->snapshot);

  fixture->view = MAPSCOPE_MAP_VIEW (mapscope_map_view_new (fixture->workspace));
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, WIDTH, HEIGHT);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->view));
  gtk_window_present (fixture->window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  iterate_main_loop ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  iterate_main_loop ();
  g_assert_finalize_object (fixture->workspace);
  g_assert_finalize_object (fixture->document);
}

/* A layout like the view's, built here. */
static MapscopeMapLayout *
view_layout (Fixture *fixture)
{
  GtkWidget *widget = GTK_WIDGET (fixture->view);

  return mapscope_map_layout_new (fixture->snapshot, gtk_widget_get_width (widget),
                                  gtk_widget_get_height (widget),
                                  mapscope_map_view_get_zoom (fixture->view),
                                  mapscope_map_view_get_center (fixture->view), FALSE);
}

static cairo_surface_t *
render_view (Fixture *fixture)
{
  GtkWidget *widget = GTK_WIDGET (fixture->view);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;

  /* The view's own drawing, called directly: a GtkWidgetPaintable shows the
   * last frame GTK drew, which may predate the change under test. */
  GTK_WIDGET_GET_CLASS (widget)->snapshot (widget, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, gtk_widget_get_width (widget),
                                        gtk_widget_get_height (widget));
  cr = cairo_create (surface);
  gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static void
assert_pixel (cairo_surface_t     *surface,
              double               x,
              double               y,
              const MapscopeColor *color)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  guint32 pixel = *(const guint32 *) (data + (gint) y * cairo_image_surface_get_stride (surface) +
                                      4 * (gint) x);
  double got[3] = {
    ((pixel >> 16) & 0xff) / 255.0, ((pixel >> 8) & 0xff) / 255.0, (pixel & 0xff) / 255.0
  };
  double want[3] = { color->red, color->green, color->blue };

  for (guint i = 0; i < 3; i++)
    if (fabs (got[i] - want[i]) > 2.5 / 255)
      g_error ("pixel (%g, %g) is #%06x, expected %.3f %.3f %.3f",
               x, y, pixel & 0xffffff, want[0], want[1], want[2]);
}

/* The top of the bar of @row. */
static double
bar_y (MapscopeMapLayout *layout,
       guint              row)
{
  return row * mapscope_map_layout_get_row_height (layout) + MAPSCOPE_MAP_RULER_HEIGHT + 4;
}

static void
test_render_and_select (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(MapscopeMapLayout) layout = view_layout (fixture);
  const MapscopeRegion *region = mapscope_snapshot_find_region (fixture->snapshot, BIG_ANON);
  guint index = mapscope_snapshot_get_region_index (fixture->snapshot, region);
  MapscopeColor anonymous, black = { 0, 0, 0 };
  cairo_surface_t *surface;
  double x;
  guint row;

  mapscope_map_get_region_color (MAPSCOPE_CATEGORY_ANONYMOUS, MAPSCOPE_MAP_SHADE_RESIDENT,
                                 FALSE, FALSE, &anonymous);

  surface = render_view (fixture);
  g_assert_true (mapscope_map_layout_address_to_point (layout, BIG_ANON + 0x1000000, &x, &row));
  assert_pixel (surface, x, bar_y (layout, row), &anonymous);
  cairo_surface_destroy (surface);

  /* Selecting the region outlines it. */
  mapscope_workspace_set_selected_index (fixture->workspace, index);
  surface = render_view (fixture);
  g_assert_true (mapscope_map_layout_address_to_point (layout, region->start, &x, &row));
  assert_pixel (surface, floor (x) - 1, bar_y (layout, row), &black);
  assert_pixel (surface, floor (x) + 20, bar_y (layout, row) - 3, &black);
  cairo_surface_destroy (surface);
}

static void
test_zoom_keeps_anchor (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(MapscopeMapLayout) before = view_layout (fixture);
  g_autoptr(MapscopeMapLayout) after = NULL;
  double x = 300, y = bar_y (before, 2);
  guint64 anchor, moved;

  g_assert_true (mapscope_map_layout_point_to_address (before, x, 2, &anchor));
  mapscope_map_view_zoom_at (fixture->view, 8, x, y);
  g_assert_cmpfloat (mapscope_map_view_get_zoom (fixture->view), ==, 8);

  after = view_layout (fixture);
  g_assert_true (mapscope_map_layout_point_to_address (after, x, 2, &moved));
  g_assert_cmpfloat (fabs ((double) moved - (double) anchor), <,
                     2 / mapscope_map_layout_get_scale (after));

  mapscope_map_view_reset_zoom (fixture->view);
  g_assert_cmpfloat (mapscope_map_view_get_zoom (fixture->view), ==, 1);
}

static void
test_hit_and_tooltip_region (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(MapscopeMapLayout) layout = view_layout (fixture);
  const MapscopeRegion *region = mapscope_snapshot_find_region (fixture->snapshot, BIG_ANON);
  double x;
  guint row;

  /* The view and a layout built alike agree on where the region is. */
  mapscope_map_layout_address_to_point (layout, BIG_ANON + 0x1000000, &x, &row);
  g_assert_cmpint (mapscope_map_layout_hit_test (layout, x, bar_y (layout, row)), ==,
                   (gint) mapscope_snapshot_get_region_index (fixture->snapshot, region));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->view)), ==, WIDTH);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GTK_A11Y", "none", TRUE);
  g_setenv ("GSK_RENDERER", "cairo", TRUE);
  g_setenv ("GDK_BACKEND", "x11", FALSE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  mapscope_views_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/views/map/render-and-select", test_render_and_select);
  ADD ("/views/map/zoom-keeps-anchor", test_zoom_keeps_anchor);
  ADD ("/views/map/hit", test_hit_and_tooltip_region);
#undef ADD

  return g_test_run ();
}
