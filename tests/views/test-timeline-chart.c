/* test-timeline-chart.c: the Cairo timeline chart, drawn into image surfaces
 * from the real python leak timeline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <cairo.h>
#include <math.h>
#include <stdlib.h>

#include "mapscope-document.h"
#include "mapscope-palette.h"
#include "mapscope-timeline-chart.h"

#define WIDTH  600
#define HEIGHT 300

typedef struct
{
  MapscopeDocument         *document;
  MapscopeTimelineAnalysis *analysis;
  GArray                   *suspects;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "real",
                                                 "python-leak-timeline.log", NULL);
  g_autoptr(GError) error = NULL;
  MapscopeLeakSettings settings;

  fixture->document = mapscope_document_load_path (path, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  fixture->analysis = mapscope_timeline_analysis_new_for_document (fixture->document);
  g_assert_cmpuint (mapscope_timeline_analysis_get_n_snapshots (fixture->analysis), ==, 5);
  mapscope_leak_settings_init (&settings);
  fixture->suspects = mapscope_timeline_analysis_find_leaks (fixture->analysis, &settings);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_pointer (&fixture->suspects, g_array_unref);
  g_assert_finalize_object (fixture->analysis);
  g_assert_finalize_object (fixture->document);
}

static cairo_surface_t *
render (Fixture                          *fixture,
        const MapscopeTimelineChartStyle *style)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);

  mapscope_timeline_chart_draw (cr, WIDTH, HEIGHT, fixture->analysis, style);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  return surface;
}

static guint32
pixel_at (cairo_surface_t *surface,
          double           x,
          double           y)
{
  const guint8 *data = cairo_image_surface_get_data (surface);

  return *(const guint32 *)(data + (int)y * cairo_image_surface_get_stride (surface) + 4 * (int)x);
}

static gboolean
pixel_is_rgb (guint32 pixel,
              double  red,
              double  green,
              double  blue)
{
  return (pixel >> 24) == 0xff &&
         abs ((int)((pixel >> 16) & 0xff) - (int)(red * 255 + 0.5)) <= 2 &&
         abs ((int)((pixel >> 8) & 0xff) - (int)(green * 255 + 0.5)) <= 2 &&
         abs ((int)(pixel & 0xff) - (int)(blue * 255 + 0.5)) <= 2;
}

/* The stacked bottom of @category at snapshot @s, computed here from the
 * category series rather than by the chart. */
static guint64
stack_below (MapscopeTimelineAnalysis *analysis,
             guint                     category,
             guint                     s)
{
  guint64 sum = 0;

  for (guint c = 0; c < category; c++)
    sum += mapscope_series_get_value (mapscope_timeline_analysis_get_category_series (analysis, c),
                                      s, MAPSCOPE_SERIES_RSS);
  return sum;
}

/* The y of @category's bottom (or top) edge halfway between the points of
 * snapshots @s and @s + 1: the edges are straight between points. */
static double
mid_edge_y (MapscopeTimelineAnalysis *analysis,
            guint                     category,
            guint                     s,
            gboolean                  top)
{
  const MapscopeSeries *series = mapscope_timeline_analysis_get_category_series (analysis, category);
  guint64 max_kb = mapscope_timeline_chart_get_stack_max (analysis, MAPSCOPE_SERIES_RSS);
  double y = 0;

  for (guint t = s; t <= s + 1; t++)
    {
      guint64 kb = stack_below (analysis, category, t);

      if (top)
        kb += mapscope_series_get_value (series, t, MAPSCOPE_SERIES_RSS);
      y += mapscope_timeline_chart_get_value_y (kb, max_kb, HEIGHT) / 2;
    }
  return y;
}

/* The x halfway between the points of snapshots @s and @s + 1. */
static double
mid_x (guint n,
       guint s)
{
  return (mapscope_timeline_chart_get_point_x (n, WIDTH, s) +
          mapscope_timeline_chart_get_point_x (n, WIDTH, s + 1)) / 2;
}

/* Each category thick enough to sample is painted in its palette color,
 * between the points of every pair of neighbouring snapshots. */
static void
check_category_colors (Fixture  *fixture,
                       gboolean  dark)
{
  MapscopeTimelineChartStyle style;
  cairo_surface_t *surface;
  guint n = mapscope_timeline_analysis_get_n_snapshots (fixture->analysis);
  guint n_checked = 0;
  guint checked_categories = 0;

  mapscope_timeline_chart_style_init (&style);
  style.dark = dark;
  surface = render (fixture, &style);

  for (guint c = 0; c < MAPSCOPE_N_CATEGORIES; c++)
    {
      MapscopeColor color;
      gboolean seen = FALSE;

      mapscope_palette_get_category_color (c, dark, &color);
      for (guint s = 0; s + 1 < n; s++)
        {
          double x = mid_x (n, s);
          double bottom = mid_edge_y (fixture->analysis, c, s, FALSE);
          double top = mid_edge_y (fixture->analysis, c, s, TRUE);

          if (bottom - top < 8)
            continue;
          if (!pixel_is_rgb (pixel_at (surface, x, (top + bottom) / 2), color.red, color.green, color.blue))
            g_error ("%s at (%g, %g) is #%08x", mapscope_category_get_name (c), x, (top + bottom) / 2,
                     pixel_at (surface, x, (top + bottom) / 2));
          n_checked++;
          seen = TRUE;
        }
      checked_categories += seen;
    }
  g_test_message ("%u samples in %u categories", n_checked, checked_categories);
  g_assert_cmpuint (checked_categories, >=, 2);

  /* Nothing is painted outside the chart's margins at the left. */
  g_assert_cmpuint (pixel_at (surface, 2, HEIGHT / 2) >> 24, ==, 0);
  cairo_surface_destroy (surface);
}

static void
test_colors_light (Fixture       *fixture,
                   gconstpointer  data)
{
  check_category_colors (fixture, FALSE);
}

static void
test_colors_dark (Fixture       *fixture,
                  gconstpointer  data)
{
  check_category_colors (fixture, TRUE);
}

static void
test_hit_test (Fixture       *fixture,
               gconstpointer  data)
{
  guint n = mapscope_timeline_analysis_get_n_snapshots (fixture->analysis);
  double step = mapscope_timeline_chart_get_point_x (n, WIDTH, 1) -
                mapscope_timeline_chart_get_point_x (n, WIDTH, 0);

  g_assert_cmpfloat (step, >, 100);
  for (guint i = 0; i < n; i++)
    {
      double x = mapscope_timeline_chart_get_point_x (n, WIDTH, i);

      g_assert_cmpint (mapscope_timeline_chart_hit_test (n, WIDTH, x), ==, i);
      g_assert_cmpint (mapscope_timeline_chart_hit_test (n, WIDTH, x + step * 0.4), ==, i);
      g_assert_cmpint (mapscope_timeline_chart_hit_test (n, WIDTH, x + step * 0.6), ==, MIN (i + 1, n - 1));
    }
  g_assert_cmpint (mapscope_timeline_chart_hit_test (n, WIDTH, -50), ==, 0);
  g_assert_cmpint (mapscope_timeline_chart_hit_test (n, WIDTH, WIDTH + 50), ==, n - 1);
  g_assert_cmpint (mapscope_timeline_chart_hit_test (0, WIDTH, 10), ==, -1);
  g_assert_cmpint (mapscope_timeline_chart_hit_test (1, WIDTH, 10), ==, 0);
  /* The points run left to right across the plot. */
  g_assert_cmpfloat (mapscope_timeline_chart_get_point_x (n, WIDTH, 0), <, 20);
  g_assert_cmpfloat (mapscope_timeline_chart_get_point_x (n, WIDTH, n - 1), >, WIDTH - 20);
}

/* The growing anonymous memory is a suspect, and its band gets an outline
 * that is not there without suspects. */
static void
test_suspect_outline (Fixture       *fixture,
                      gconstpointer  data)
{
  MapscopeTimelineChartStyle style;
  cairo_surface_t *plain;
  cairo_surface_t *marked;
  guint n = mapscope_timeline_analysis_get_n_snapshots (fixture->analysis);
  const MapscopeLeakSuspect *anonymous = NULL;
  guint changed = 0;

  for (guint i = 0; i < fixture->suspects->len; i++)
    {
      const MapscopeLeakSuspect *suspect = &g_array_index (fixture->suspects, MapscopeLeakSuspect, i);

      if (suspect->series->category == MAPSCOPE_CATEGORY_ANONYMOUS)
        anonymous = suspect;
    }
  g_assert_nonnull (anonymous);

  mapscope_timeline_chart_style_init (&style);
  plain = render (fixture, &style);
  style.suspects = anonymous;
  style.n_suspects = 1;
  marked = render (fixture, &style);

  /* Along the top edge of the anonymous band, halfway between points (away
   * from the points drawn on the top of the stack), where the edge is the
   * mean of its heights at the two points. */
  for (guint s = 0; s + 1 < n; s++)
    {
      double x = mid_x (n, s);
      double y = mid_edge_y (fixture->analysis, MAPSCOPE_CATEGORY_ANONYMOUS, s, TRUE);
      guint32 outline;

      outline = pixel_at (marked, x, y);
      g_test_message ("edge %u (%g, %g): #%08x, unmarked #%08x", s, x, y, outline, pixel_at (plain, x, y));
      /* the outline is near black in the light style, and absent unmarked */
      if ((outline >> 24) > 0xc0 && ((outline >> 16) & 0xff) < 0x40 &&
          ((outline >> 8) & 0xff) < 0x40 && (outline & 0xff) < 0x40 &&
          pixel_at (plain, x, y) != outline)
        changed++;
    }
  g_assert_cmpuint (changed, >=, n - 1);

  cairo_surface_destroy (plain);
  cairo_surface_destroy (marked);
}

static void
test_current_marker (Fixture       *fixture,
                     gconstpointer  data)
{
  MapscopeTimelineChartStyle style;
  cairo_surface_t *surface;
  guint n = mapscope_timeline_analysis_get_n_snapshots (fixture->analysis);

  mapscope_timeline_chart_style_init (&style);
  style.current = 2;
  surface = render (fixture, &style);

  /* A blue line through the current point, top to bottom, and none at the others. */
  for (guint s = 0; s < n; s++)
    {
      double x = round (mapscope_timeline_chart_get_point_x (n, WIDTH, s));
      gboolean blue = pixel_is_rgb (pixel_at (surface, x, 3), 0x1c / 255.0, 0x71 / 255.0, 0xd8 / 255.0);

      g_assert_true (blue == (s == 2));
    }
  g_assert_true (pixel_is_rgb (pixel_at (surface, round (mapscope_timeline_chart_get_point_x (n, WIDTH, 2)),
                                         HEIGHT - 4),
                               0x1c / 255.0, 0x71 / 255.0, 0xd8 / 255.0));
  cairo_surface_destroy (surface);
}

static void
test_empty_area (Fixture       *fixture,
                 gconstpointer  data)
{
  MapscopeTimelineChartStyle style;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 8, 8);
  cairo_t *cr = cairo_create (surface);
  const guint8 *pixels;

  mapscope_timeline_chart_style_init (&style);
  /* Too small to hold a plot: nothing is drawn, nothing fails. */
  mapscope_timeline_chart_draw (cr, 8, 8, fixture->analysis, &style);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  pixels = cairo_image_surface_get_data (surface);
  for (int i = 0; i < 8 * cairo_image_surface_get_stride (surface); i++)
    g_assert_cmpuint (pixels[i], ==, 0);
  cairo_surface_destroy (surface);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/views/timeline-chart/colors-light", Fixture, NULL, fixture_set_up, test_colors_light,
              fixture_tear_down);
  g_test_add ("/views/timeline-chart/colors-dark", Fixture, NULL, fixture_set_up, test_colors_dark,
              fixture_tear_down);
  g_test_add ("/views/timeline-chart/hit-test", Fixture, NULL, fixture_set_up, test_hit_test,
              fixture_tear_down);
  g_test_add ("/views/timeline-chart/suspect-outline", Fixture, NULL, fixture_set_up,
              test_suspect_outline, fixture_tear_down);
  g_test_add ("/views/timeline-chart/current-marker", Fixture, NULL, fixture_set_up,
              test_current_marker, fixture_tear_down);
  g_test_add ("/views/timeline-chart/empty-area", Fixture, NULL, fixture_set_up, test_empty_area,
              fixture_tear_down);

  return g_test_run ();
}
