/* test-map-view.c: the map view on a real capture, under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "gtk-test-util.h"
#include "mapscope-map-overlay.h"
#include "mapscope-map-renderer.h"
#include "mapscope-test-map-pixels.h"
#include "mapscope-test-util.h"
#include "mapscope-views.h"

#define WIDTH    1000
#define HEIGHT   400
#define BIG_ANON   G_GUINT64_CONSTANT (0x7f63ba3c0000)   /* 512 MiB, half resident */
#define LIBC_TEXT  G_GUINT64_CONSTANT (0x7f63da44b000)   /* 1368 KiB, 1044 KiB resident */
#define GUARD_PAGE G_GUINT64_CONSTANT (0x7f63b835a000)   /* 4 KiB ---p */

typedef struct
{
  MapscopeDocument  *document;
  MapscopeWorkspace *workspace;
  MapscopeSnapshot  *snapshot;
  MapscopeMapView   *view;
  GtkWindow         *window;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->document = mapscope_test_load_real ("zoo.smaps");
  fixture->workspace = mapscope_workspace_new ();
  mapscope_workspace_add_document (fixture->workspace, fixture->document);
  fixture->snapshot = mapscope_workspace_get_current (fixture->workspace);
  g_assert_nonnull (fixture->snapshot);

  fixture->view = MAPSCOPE_MAP_VIEW (mapscope_map_view_new (fixture->workspace));
  fixture->window = mapscope_gtk_test_show_in_window (GTK_WIDGET (fixture->view), WIDTH, HEIGHT);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  mapscope_gtk_test_iterate ();
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

  surface = mapscope_gtk_test_render_snapshot (GTK_WIDGET (fixture->view));
  g_assert_true (mapscope_map_layout_address_to_point (layout, BIG_ANON + 0x1000000, &x, &row));
  mapscope_test_assert_pixel (surface, x, mapscope_test_bar_y (layout, row), &anonymous);
  cairo_surface_destroy (surface);

  /* Selecting the region outlines it. */
  mapscope_workspace_set_selected_index (fixture->workspace, index);
  surface = mapscope_gtk_test_render_snapshot (GTK_WIDGET (fixture->view));
  g_assert_true (mapscope_map_layout_address_to_point (layout, region->start, &x, &row));
  mapscope_test_assert_pixel (surface, floor (x) - 1, mapscope_test_bar_y (layout, row), &black);
  mapscope_test_assert_pixel (surface, floor (x) + 20, mapscope_test_bar_y (layout, row) - 3,
                              &black);
  cairo_surface_destroy (surface);
}

static void
test_zoom_keeps_anchor (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(MapscopeMapLayout) before = view_layout (fixture);
  g_autoptr(MapscopeMapLayout) after = NULL;
  double x = 300, y = mapscope_test_bar_y (before, 2);
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
  double x, y;
  guint row;

  /* The view and a layout built alike agree on where the region is. */
  mapscope_map_layout_address_to_point (layout, BIG_ANON + 0x1000000, &x, &row);
  y = mapscope_test_bar_y (layout, row);
  g_assert_cmpint (mapscope_map_layout_hit_test (layout, x, y), ==,
                   (gint) mapscope_snapshot_get_region_index (fixture->snapshot, region));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->view)), ==, WIDTH);

  /* The tooltip there describes that region; none over a break. */
  {
    g_autofree char *text = mapscope_map_view_dup_tooltip_text (fixture->view, x, y);

    g_assert_nonnull (text);
    g_assert_true (g_str_has_prefix (text, "0x7f63ba3c0000–0x7f6"));
    g_assert_nonnull (strstr (text, "rw-p"));
    g_assert_nonnull (strstr (text, "512 MiB"));
    g_assert_nonnull (strstr (text, "RSS: "));
    g_assert_null (strstr (text, "baseline"));
  }
  g_assert_true (mapscope_map_layout_address_to_point (layout, GUARD_PAGE - 1, &x, &row));
  y = mapscope_test_bar_y (layout, row);
  g_assert_cmpint (mapscope_map_layout_hit_test (layout, x, y), ==, -1);
  g_assert_null (mapscope_map_view_dup_tooltip_text (fixture->view, x, y));
}

/* A double click on a region (through the view's own click handler) selects
 * it and zooms until it spans the width of its row. */
static void
test_double_click_zooms (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(MapscopeMapLayout) before = view_layout (fixture);
  g_autoptr(MapscopeMapLayout) after = NULL;
  const MapscopeRegion *region = mapscope_snapshot_find_region (fixture->snapshot, LIBC_TEXT);
  guint index = mapscope_snapshot_get_region_index (fixture->snapshot, region);
  MapscopeColor resident, unresident;
  cairo_surface_t *surface;
  double x;
  guint row;

  g_assert_true (mapscope_map_layout_address_to_point (before, LIBC_TEXT + 0x1000, &x, &row));
  g_signal_emit_by_name (mapscope_gtk_test_find_controller (GTK_WIDGET (fixture->view),
                                                            GTK_TYPE_GESTURE_CLICK),
                         "released", 2, x,
                         mapscope_test_bar_y (before, row));
  g_assert_cmpint (mapscope_workspace_get_selected_index (fixture->workspace), ==, index);

  after = view_layout (fixture);
  g_assert_cmpfloat (mapscope_map_view_get_zoom (fixture->view), >, 1);
  g_assert_cmpfloat (fabs (mapscope_map_layout_get_region_width (after, index) - WIDTH), <, 1);
  g_assert_cmpfloat (fmod (mapscope_map_layout_get_region_x (after, index), WIDTH), <, 0.5);

  /* Resident three quarters on the left, the rest on the right, across the row. */
  mapscope_map_get_region_color (MAPSCOPE_CATEGORY_LIBRARY, MAPSCOPE_MAP_SHADE_RESIDENT,
                                 FALSE, FALSE, &resident);
  mapscope_map_get_region_color (MAPSCOPE_CATEGORY_LIBRARY, MAPSCOPE_MAP_SHADE_UNRESIDENT,
                                 FALSE, FALSE, &unresident);
  row = (guint) (mapscope_map_layout_get_region_x (after, index) / WIDTH);
  surface = mapscope_gtk_test_render_snapshot (GTK_WIDGET (fixture->view));
  mapscope_test_assert_pixel (surface, 4, mapscope_test_bar_y (after, row) + 2, &resident);
  mapscope_test_assert_pixel (surface, WIDTH - 5, mapscope_test_bar_y (after, row) + 2,
                              &unresident);
  cairo_surface_destroy (surface);
}

/* A pinch (through the view's own zoom gesture handlers) magnifies by its
 * scale and keeps the address under the point it began at. */
static void
test_pinch_keeps_anchor (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(MapscopeMapLayout) before = view_layout (fixture);
  g_autoptr(MapscopeMapLayout) after = NULL;
  GtkGesture *pinch = GTK_GESTURE (mapscope_gtk_test_find_controller (GTK_WIDGET (fixture->view),
                                                                       GTK_TYPE_GESTURE_ZOOM));
  GtkEventController *motion = NULL;
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (fixture->view));
  double x = 700, y = mapscope_test_bar_y (before, 3);
  guint64 anchor, moved;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && motion == NULL; i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_MOTION (controller))
        motion = controller;
    }
  g_assert_nonnull (motion);
  g_signal_emit_by_name (motion, "motion", x, y);

  g_assert_true (mapscope_map_layout_point_to_address (before, x, 3, &anchor));
  g_signal_emit_by_name (pinch, "begin", NULL);
  g_signal_emit_by_name (pinch, "scale-changed", 2.0);
  g_signal_emit_by_name (pinch, "scale-changed", 6.0);
  g_assert_cmpfloat (fabs (mapscope_map_view_get_zoom (fixture->view) - 6), <, 1e-9);

  after = view_layout (fixture);
  g_assert_true (mapscope_map_layout_point_to_address (after, x, 3, &moved));
  g_assert_cmpfloat (fabs ((double) moved - (double) anchor), <,
                     2 / mapscope_map_layout_get_scale (after));
}

/* Selecting a region elsewhere (the table) brings it into view, zoomed in
 * until it is wide enough to see. */
static void
test_selection_scrolls_map (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(MapscopeMapLayout) layout = NULL;
  const MapscopeRegion *region = mapscope_snapshot_find_region (fixture->snapshot, GUARD_PAGE);
  guint index = mapscope_snapshot_get_region_index (fixture->snapshot, region);
  double x;

  layout = view_layout (fixture);
  g_assert_cmpfloat (mapscope_map_layout_get_region_width (layout, index), <, 1);
  g_clear_pointer (&layout, mapscope_map_layout_free);

  mapscope_workspace_set_selected_index (fixture->workspace, index);
  layout = view_layout (fixture);
  x = mapscope_map_layout_get_region_x (layout, index);
  g_assert_cmpfloat (mapscope_map_layout_get_region_width (layout, index), >=, WIDTH / 8.0 - 1);
  g_assert_cmpfloat (x, >=, 0);
  g_assert_cmpfloat (x, <, WIDTH * mapscope_map_layout_get_n_rows (layout));
}

static void
test_set_view (Fixture       *fixture,
               gconstpointer  data)
{
  mapscope_map_view_set_view (fixture->view, 64, BIG_ANON);
  g_assert_cmpfloat (mapscope_map_view_get_zoom (fixture->view), ==, 64);
  g_assert_cmphex (mapscope_map_view_get_center (fixture->view) >> 20, ==, BIG_ANON >> 20);
}

/* The Map page on two snapshots of one process with the first as baseline. */
typedef struct
{
  MapscopeDocument  *old_document;
  MapscopeDocument  *new_document;
  MapscopeWorkspace *workspace;
  MapscopeMapPage   *page;
  GtkWindow         *window;
  char              *dir;
} PageFixture;

static MapscopeDocument *
load_crafted (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "crafted", "diff", name,
                                                 NULL);
  g_autoptr(GError) error = NULL;
  MapscopeDocument *document = mapscope_document_load_path (path, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  return document;
}

static void
page_set_up (PageFixture   *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->old_document = load_crafted ("old.smaps");
  fixture->new_document = load_crafted ("new.smaps");
  fixture->workspace = mapscope_workspace_new ();
  mapscope_workspace_add_document (fixture->workspace, fixture->old_document);
  mapscope_workspace_add_document (fixture->workspace, fixture->new_document);
  mapscope_workspace_set_baseline (fixture->workspace,
                                   mapscope_document_get_snapshot (fixture->old_document, 0));
  mapscope_workspace_set_current (fixture->workspace,
                                  mapscope_document_get_snapshot (fixture->new_document, 0));
  g_assert_nonnull (mapscope_workspace_get_diff (fixture->workspace));

  fixture->page = MAPSCOPE_MAP_PAGE (mapscope_map_page_new (fixture->workspace));
  fixture->window = mapscope_gtk_test_show_in_window (GTK_WIDGET (fixture->page), WIDTH, HEIGHT);

  fixture->dir = g_dir_make_tmp ("mapscope-map-view-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
page_tear_down (PageFixture   *fixture,
                gconstpointer  data)
{
  mapscope_test_remove_dir (fixture->dir);
  g_free (fixture->dir);

  gtk_window_destroy (fixture->window);
  mapscope_gtk_test_iterate ();
  g_assert_finalize_object (fixture->workspace);
  g_assert_finalize_object (fixture->old_document);
  g_assert_finalize_object (fixture->new_document);
}

/* The first region the diff calls new. */
static guint
first_new_region (MapscopeDiff *diff)
{
  for (guint e = 0; e < mapscope_diff_get_n_entries (diff); e++)
    {
      const MapscopeDiffEntry *entry = mapscope_diff_get_entry (diff, e);

      if (entry->status == MAPSCOPE_DIFF_NEW)
        return entry->new_index;
    }
  g_assert_not_reached ();
}

static void
test_page_changes_toggle (PageFixture   *fixture,
                          gconstpointer  data)
{
  Fixture view_fixture = { 0 };
  MapscopeDiff *diff = mapscope_workspace_get_diff (fixture->workspace);
  MapscopeMapView *view = mapscope_map_page_get_view (fixture->page);
  MapscopeMapLegend *legend = mapscope_map_page_get_legend (fixture->page);
  GtkToggleButton *toggle = mapscope_map_page_get_changes_toggle (fixture->page);
  g_autoptr(MapscopeMapLayout) layout = NULL;
  guint index = first_new_region (diff);
  const MapscopeRegion *region;
  MapscopeColor new_ink, plain;
  cairo_surface_t *surface;
  guint n_with_changes;
  double x, top;
  guint row;

  view_fixture.view = view;
  view_fixture.snapshot = mapscope_diff_get_new_snapshot (diff);
  region = mapscope_snapshot_get_region (view_fixture.snapshot, index);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (toggle)));
  g_assert_true (gtk_toggle_button_get_active (toggle));
  n_with_changes = mapscope_map_legend_get_n_items (legend);

  /* Zoomed so the new region is wide: its left edge has the outline color. */
  mapscope_map_view_zoom_to_region (view, index);
  layout = view_layout (&view_fixture);
  g_assert_true (mapscope_map_layout_address_to_point (layout, region->start, &x, &row));
  top = row * mapscope_map_layout_get_row_height (layout) + MAPSCOPE_MAP_RULER_HEIGHT;
  mapscope_map_get_diff_ink (MAPSCOPE_MAP_DIFF_INK_NEW, FALSE, &new_ink);
  surface = mapscope_gtk_test_render_snapshot (GTK_WIDGET (view_fixture.view));
  mapscope_test_assert_pixel (surface, ceil (x), top + 8, &new_ink);
  cairo_surface_destroy (surface);

  /* Off: the region is drawn as any other, and the legend loses its marks. */
  gtk_toggle_button_set_active (toggle, FALSE);
  g_assert_false (mapscope_map_view_get_show_changes (view));
  g_assert_cmpuint (mapscope_map_legend_get_n_items (legend), ==, n_with_changes - 4);
  mapscope_map_get_region_color (region->category, MAPSCOPE_MAP_SHADE_RESIDENT, FALSE, FALSE,
                                 &plain);
  surface = mapscope_gtk_test_render_snapshot (GTK_WIDGET (view_fixture.view));
  mapscope_test_assert_pixel (surface, ceil (x) + 1, top + 8, &plain);
  cairo_surface_destroy (surface);

  /* Without a baseline there is nothing to show: the toggle says so. */
  mapscope_workspace_set_baseline (fixture->workspace, NULL);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (toggle)));
}

static void
test_page_export (PageFixture   *fixture,
                  gconstpointer  data)
{
  GtkWidget *view = GTK_WIDGET (mapscope_map_page_get_view (fixture->page));
  g_autofree char *png = g_build_filename (fixture->dir, "map.png", NULL);
  g_autofree char *svg = g_build_filename (fixture->dir, "map.svg", NULL);
  g_autofree char *missing = g_build_filename (fixture->dir, "no", "such", "map.png", NULL);
  g_autofree char *text = NULL;
  cairo_surface_t *surface;

  g_assert_true (mapscope_map_page_export (fixture->page, png));
  surface = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, gtk_widget_get_width (view));
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, gtk_widget_get_height (view));
  cairo_surface_destroy (surface);

  g_assert_true (mapscope_map_page_export (fixture->page, svg));
  g_assert_true (g_file_get_contents (svg, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "<svg"));

  /* A directory that does not exist: an error, and no file left behind. */
  g_assert_false (mapscope_map_page_export (fixture->page, missing));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
}

static void
test_page_overview (PageFixture   *fixture,
                    gconstpointer  data)
{
  MapscopeMapView *view = mapscope_map_page_get_view (fixture->page);
  MapscopeMapOverview *overview = mapscope_map_page_get_overview (fixture->page);
  int width = gtk_widget_get_width (GTK_WIDGET (overview));
  double x1, x2, moved_x1, moved_x2;
  guint64 before = 0, after = 0, start, end;

  /* At zoom 1 the view shows everything: the window is the whole strip. */
  g_assert_true (mapscope_map_overview_get_window (overview, &x1, &x2));
  g_assert_cmpfloat (x1, <, 1);
  g_assert_cmpfloat (x2, >, width - 1);

  /* Zoomed in 16 times, a much narrower window. */
  mapscope_map_view_zoom_at (view, 16, WIDTH / 2.0, HEIGHT / 2.0);
  g_assert_true (mapscope_map_overview_get_window (overview, &x1, &x2));
  g_assert_cmpfloat (x2 - x1, <, width / 4.0);
  g_assert_cmpfloat (x2 - x1, >, 0);

  /* Moving to the strip's right end moves the view there. */
  before = mapscope_map_view_get_center (view);
  mapscope_map_overview_move_to (overview, width * 0.95);
  after = mapscope_map_view_get_center (view);
  g_assert_cmphex (after, >, before);
  g_assert_true (mapscope_map_overview_get_window (overview, &moved_x1, &moved_x2));
  g_assert_cmpfloat (moved_x1, >, x2);
  g_assert_true (mapscope_map_view_get_visible_range (view, &start, &end));
  g_assert_cmphex (start, <=, after);
  g_assert_cmphex (end, >=, after);
}

int
main (int   argc,
      char *argv[])
{
  mapscope_gtk_test_init (&argc, &argv);
  /* Moves happen at once, so each test sees where they end. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  mapscope_views_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/views/map/render-and-select", test_render_and_select);
  ADD ("/views/map/zoom-keeps-anchor", test_zoom_keeps_anchor);
  ADD ("/views/map/hit", test_hit_and_tooltip_region);
  ADD ("/views/map/double-click-zooms", test_double_click_zooms);
  ADD ("/views/map/selection-scrolls-map", test_selection_scrolls_map);
  ADD ("/views/map/set-view", test_set_view);
  ADD ("/views/map/pinch-keeps-anchor", test_pinch_keeps_anchor);
#undef ADD
#define ADD(path, func) \
  g_test_add (path, PageFixture, NULL, page_set_up, func, page_tear_down)
  ADD ("/views/map-page/changes-toggle", test_page_changes_toggle);
  ADD ("/views/map-page/export", test_page_export);
  ADD ("/views/map-page/overview", test_page_overview);
#undef ADD

  return g_test_run ();
}
