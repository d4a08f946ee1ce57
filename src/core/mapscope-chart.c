/* mapscope-chart.c: the per-category bar chart
 *
 * One horizontal bar per category that has a non-zero total, largest first,
 * each as long as its share of the largest total. The chart holds no text:
 * the widget around it draws the legend with the toolkit's fonts, so this
 * file stays free of Pango and usable without a display.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <stdlib.h>

#include "mapscope-chart.h"
#include "mapscope-palette.h"

/* Row pitch used for the natural height, and the part of it a bar fills. */
#define ROW_PITCH      24.0
#define BAR_FILL       0.7
#define CORNER_RADIUS  3.0

static guint64
category_value (MapscopeSummary  *summary,
                MapscopeCategory  category,
                MapscopeField     field)
{
  const MapscopeTotals *totals = mapscope_summary_get_category (summary, category);

  if (totals == NULL || totals->region_count == 0 || !totals->present[field])
    return 0;
  return totals->values[field];
}

static int
compare_bars (const void *a,
              const void *b)
{
  const MapscopeChartBar *bar_a = a;
  const MapscopeChartBar *bar_b = b;

  if (bar_a->value != bar_b->value)
    return bar_a->value < bar_b->value ? 1 : -1;
  /* Equal totals keep the category order, so the chart does not shuffle. */
  return (int)bar_a->category - (int)bar_b->category;
}

static guint
collect_bars (MapscopeSummary  *summary,
              MapscopeField     field,
              MapscopeChartBar  bars[MAPSCOPE_N_CATEGORIES])
{
  guint n_bars = 0;

  for (guint category = 0; category < MAPSCOPE_N_CATEGORIES; category++)
    {
      guint64 value = category_value (summary, category, field);

      if (value == 0)
        continue;
      bars[n_bars] = (MapscopeChartBar) { .category = category, .value = value };
      n_bars++;
    }

  qsort (bars, n_bars, sizeof bars[0], compare_bars);
  return n_bars;
}

/**
 * mapscope_chart_layout_categories:
 * @bars: (out caller-allocates): filled with the bars, largest first
 *
 * Returns: the number of bars (categories with a non-zero total of @field)
 */
guint
mapscope_chart_layout_categories (double            width,
                                  double            height,
                                  MapscopeSummary  *summary,
                                  MapscopeField     field,
                                  MapscopeChartBar  bars[MAPSCOPE_N_CATEGORIES])
{
  guint n_bars;
  double pitch;

  g_return_val_if_fail (summary != NULL, 0);
  g_return_val_if_fail (field < MAPSCOPE_N_KNOWN_FIELDS, 0);

  n_bars = collect_bars (summary, field, bars);
  if (n_bars == 0 || width <= 0 || height <= 0)
    return n_bars;

  pitch = MIN (ROW_PITCH * 1.5, height / n_bars);
  for (guint i = 0; i < n_bars; i++)
    {
      double share = (double)bars[i].value / (double)bars[0].value;

      bars[i].x = 0;
      bars[i].height = pitch * BAR_FILL;
      bars[i].y = i * pitch + (pitch - bars[i].height) / 2;
      /* A tiny total still shows as a sliver of its color. */
      bars[i].width = MAX (2.0, round (share * width));
    }

  return n_bars;
}

double
mapscope_chart_get_natural_height (MapscopeSummary *summary,
                                   MapscopeField    field)
{
  MapscopeChartBar bars[MAPSCOPE_N_CATEGORIES];

  return collect_bars (summary, field, bars) * ROW_PITCH;
}

/* Returns: the index of the bar row at @y, or -1 */
gint
mapscope_chart_hit_test (const MapscopeChartBar *bars,
                         guint                   n_bars,
                         double                  y)
{
  for (guint i = 0; i < n_bars; i++)
    {
      double pitch = bars[i].height / BAR_FILL;
      double row_top = bars[i].y - (pitch - bars[i].height) / 2;

      if (y >= row_top && y < row_top + pitch)
        return (gint)i;
    }
  return -1;
}

static void
rounded_rectangle (cairo_t *cr,
                   double   x,
                   double   y,
                   double   width,
                   double   height,
                   double   radius)
{
  radius = MIN (radius, MIN (width, height) / 2);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + width - radius, y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x + width - radius, y + height - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, x + radius, y + height - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

void
mapscope_chart_draw_categories (cairo_t          *cr,
                                double            width,
                                double            height,
                                MapscopeSummary  *summary,
                                MapscopeField     field,
                                gboolean          dark)
{
  MapscopeChartBar bars[MAPSCOPE_N_CATEGORIES];
  guint n_bars;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (summary != NULL);

  n_bars = mapscope_chart_layout_categories (width, height, summary, field, bars);
  if (n_bars == 0 || width <= 0 || height <= 0)
    return;

  cairo_save (cr);
  for (guint i = 0; i < n_bars; i++)
    {
      MapscopeColor color;

      /* A faint track shows the full scale behind each bar. */
      rounded_rectangle (cr, 0, bars[i].y, width, bars[i].height, CORNER_RADIUS);
      if (dark)
        cairo_set_source_rgba (cr, 1, 1, 1, 0.06);
      else
        cairo_set_source_rgba (cr, 0, 0, 0, 0.06);
      cairo_fill (cr);

      mapscope_palette_get_category_color (bars[i].category, dark, &color);
      rounded_rectangle (cr, bars[i].x, bars[i].y, bars[i].width, bars[i].height,
                         CORNER_RADIUS);
      cairo_set_source_rgb (cr, color.red, color.green, color.blue);
      cairo_fill (cr);
    }
  cairo_restore (cr);
}
