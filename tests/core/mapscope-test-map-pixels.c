/* mapscope-test-map-pixels.c: probing the pixels of a drawn map
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>

#include "mapscope-test-map-pixels.h"

/* A point near the top of the bar of @row: below the ruler, above the label
 * and the dirty band. */
double
mapscope_test_bar_y (MapscopeMapLayout *layout,
                         guint              row)
{
  return row * mapscope_map_layout_get_row_height (layout) + MAPSCOPE_MAP_RULER_HEIGHT + 4;
}

/* Fails the test unless the pixel at (@x, @y) of an ARGB32 or RGB24 image is
 * @expected, give or take rounding. */
void
mapscope_test_assert_pixel (cairo_surface_t     *surface,
                                double               x,
                                double               y,
                                const MapscopeColor *expected)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint32 pixel;
  double rgb[3];
  const double want[3] = { expected->red, expected->green, expected->blue };

  g_assert_cmpfloat (x, >=, 0);
  g_assert_cmpfloat (x, <, cairo_image_surface_get_width (surface));
  g_assert_cmpfloat (y, >=, 0);
  g_assert_cmpfloat (y, <, cairo_image_surface_get_height (surface));

  pixel = *(const guint32 *) (data + (int) y * stride + 4 * (int) x);
  rgb[0] = ((pixel >> 16) & 0xff) / 255.0;
  rgb[1] = ((pixel >> 8) & 0xff) / 255.0;
  rgb[2] = (pixel & 0xff) / 255.0;

  for (guint i = 0; i < 3; i++)
    if (fabs (rgb[i] - want[i]) > 2.5 / 255)
      g_error ("pixel (%g, %g) is #%06x, expected %.3f %.3f %.3f",
               x, y, pixel & 0xffffff, want[0], want[1], want[2]);
}
