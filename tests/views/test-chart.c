/* test-chart.c: the Cairo category chart, drawn into image surfaces
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <cairo.h>
#include <stdlib.h>

#include "mapscope-chart.h"
#include "mapscope-document.h"
#include "mapscope-palette.h"
#include "mapscope-summary.h"

#define WIDTH  400
#define HEIGHT 300

typedef struct
{
  MapscopeDocument *document;
  MapscopeSnapshot *snapshot;
  MapscopeSummary  *summary;
  /* computed here from the regions, not from the summary */
  guint64           rss_kb[MAPSCOPE_N_CATEGORIES];
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "real", "zoo.smaps", NULL);
  g_autoptr(GError) error = NULL;
  guint n_regions;
  const MapscopeRegion *regions;

  fixture->document = mapscope_document_load_path (path, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  fixture->snapshot = mapscope_document_get_snapshot (fixture->document, 0);
  fixture->summary = mapscope_summary_new (fixture->snapshot);

  regions = mapscope_snapshot_get_regions (fixture->snapshot, &n_regions);
  for (guint i = 0; i < n_regions; i++)
    fixture->rss_kb[regions[i].category] +=
      mapscope_snapshot_get_value_or_zero (fixture->snapshot, &regions[i], MAPSCOPE_FIELD_RSS);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_pointer (&fixture->summary, mapscope_summary_free);
  g_assert_finalize_object (fixture->document);
}

static cairo_surface_t *
render (Fixture  *fixture,
        gboolean  dark)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);

  mapscope_chart_draw_categories (cr, WIDTH, HEIGHT, fixture->summary, MAPSCOPE_FIELD_RSS, dark);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  return surface;
}

static gboolean
pixel_is_color (const guint8        *row,
                int                  x,
                const MapscopeColor *color)
{
  guint32 pixel = ((const guint32 *)row)[x];
  int r = (pixel >> 16) & 0xff, g = (pixel >> 8) & 0xff, b = pixel & 0xff;

  return (pixel >> 24) == 0xff &&
         abs (r - (int)(color->red * 255 + 0.5)) <= 2 &&
         abs (g - (int)(color->green * 255 + 0.5)) <= 2 &&
         abs (b - (int)(color->blue * 255 + 0.5)) <= 2;
}

/* The longest horizontal run of @color in any row: the bar's length. */
static int
longest_run (cairo_surface_t     *surface,
             const MapscopeColor *color)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  int best = 0;

  for (int y = 0; y < HEIGHT; y++)
    {
      int run = 0;

      for (int x = 0; x < WIDTH; x++)
        {
          run = pixel_is_color (data + y * stride, x, color) ? run + 1 : 0;
          best = MAX (best, run);
        }
    }
  return best;
}

static void
check_colors_and_lengths (Fixture  *fixture,
                          gboolean  dark)
{
  cairo_surface_t *surface = render (fixture, dark);
  int lengths[MAPSCOPE_N_CATEGORIES];
  guint n_present = 0;
  guint64 max_kb = 0;

  for (guint category = 0; category < MAPSCOPE_N_CATEGORIES; category++)
    {
      MapscopeColor color;

      mapscope_palette_get_category_color (category, dark, &color);
      lengths[category] = longest_run (surface, &color);
      if (fixture->rss_kb[category] > 0)
        {
          g_test_message ("category %s: %" G_GUINT64_FORMAT " kB, %d px",
                          mapscope_category_get_name (category), fixture->rss_kb[category],
                          lengths[category]);
          g_assert_cmpint (lengths[category], >, 0);
          n_present++;
        }
      else
        {
          /* No bar for a category without memory. */
          g_assert_cmpint (lengths[category], ==, 0);
        }
    }
  g_assert_cmpuint (n_present, >=, 3);

  for (guint category = 0; category < MAPSCOPE_N_CATEGORIES; category++)
    max_kb = MAX (max_kb, fixture->rss_kb[category]);

  /* Bars are ordered like their totals wherever the totals differ by more
   * than a few pixels' worth (tiny totals all get a 2-pixel sliver). */
  for (guint a = 0; a < MAPSCOPE_N_CATEGORIES; a++)
    for (guint b = 0; b < MAPSCOPE_N_CATEGORIES; b++)
      {
        if (fixture->rss_kb[a] == 0 || fixture->rss_kb[b] == 0)
          continue;
        if ((double)WIDTH * fixture->rss_kb[a] / max_kb > (double)WIDTH * fixture->rss_kb[b] / max_kb + 4)
          g_assert_cmpint (lengths[a], >, lengths[b]);
        if (fixture->rss_kb[a] >= fixture->rss_kb[b])
          g_assert_cmpint (lengths[a], >=, lengths[b]);
      }

  /* The largest fills the width, the others are proportional. */
  for (guint category = 0; category < MAPSCOPE_N_CATEGORIES; category++)
    {
      if (fixture->rss_kb[category] == max_kb)
        g_assert_cmpint (lengths[category], >=, WIDTH - 4);
      else if (fixture->rss_kb[category] > 0)
        /* within a few pixels of the proportional length */
        g_assert_cmpfloat (ABS (lengths[category] - MAX (2.0, (double)WIDTH * fixture->rss_kb[category] / max_kb)),
                           <=, 4);
    }

  cairo_surface_destroy (surface);
}

static void
test_chart_light (Fixture       *fixture,
                  gconstpointer  data)
{
  check_colors_and_lengths (fixture, FALSE);
}

static void
test_chart_dark (Fixture       *fixture,
                 gconstpointer  data)
{
  check_colors_and_lengths (fixture, TRUE);
}

static void
test_chart_layout (Fixture       *fixture,
                   gconstpointer  data)
{
  MapscopeChartBar bars[MAPSCOPE_N_CATEGORIES];
  guint n_bars = mapscope_chart_layout_categories (WIDTH, HEIGHT, fixture->summary,
                                                   MAPSCOPE_FIELD_RSS, bars);
  guint n_present = 0;

  for (guint category = 0; category < MAPSCOPE_N_CATEGORIES; category++)
    n_present += fixture->rss_kb[category] > 0;
  g_assert_cmpuint (n_bars, ==, n_present);

  for (guint i = 0; i < n_bars; i++)
    {
      g_assert_cmpuint (bars[i].value, ==, fixture->rss_kb[bars[i].category]);
      g_assert_cmpfloat (bars[i].y + bars[i].height, <=, HEIGHT);
      g_assert_cmpint (mapscope_chart_hit_test (bars, n_bars, bars[i].y + bars[i].height / 2), ==, i);
      if (i > 0)
        {
          g_assert_cmpuint (bars[i - 1].value, >=, bars[i].value);
          g_assert_cmpfloat (bars[i - 1].y + bars[i - 1].height, <=, bars[i].y);
        }
    }
  g_assert_cmpfloat (mapscope_chart_get_natural_height (fixture->summary, MAPSCOPE_FIELD_RSS), >, 0);
}

static void
test_chart_empty_area (Fixture       *fixture,
                       gconstpointer  data)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 8, 8);
  cairo_t *cr = cairo_create (surface);
  const guint8 *pixels;

  /* A zero-sized chart draws nothing and does not fail. */
  mapscope_chart_draw_categories (cr, 0, 0, fixture->summary, MAPSCOPE_FIELD_RSS, FALSE);
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

  g_test_add ("/views/chart/light", Fixture, NULL, fixture_set_up, test_chart_light, fixture_tear_down);
  g_test_add ("/views/chart/dark", Fixture, NULL, fixture_set_up, test_chart_dark, fixture_tear_down);
  g_test_add ("/views/chart/layout", Fixture, NULL, fixture_set_up, test_chart_layout, fixture_tear_down);
  g_test_add ("/views/chart/empty-area", Fixture, NULL, fixture_set_up, test_chart_empty_area,
              fixture_tear_down);

  return g_test_run ();
}
