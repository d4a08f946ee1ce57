/* mapscope-timeline-chart.c: a timeline as areas stacked by category
 *
 * One point per snapshot, evenly spaced from left to right in time order;
 * at each point the categories are stacked bottom to top in their enum
 * order, each band as thick as the category's memory in that snapshot. Like
 * mapscope-chart.c it holds no text, so it draws without a display: the
 * widget around it adds the legend, the values and the captions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>

#include "mapscope-palette.h"
#include "mapscope-timeline-chart.h"

/* Room around the plot, so the first and last points and the outline of a
 * full-height band stay inside the surface. */
#define MARGIN_X      12.0
#define MARGIN_TOP    12.0
#define MARGIN_BOTTOM 2.0
#define POINT_RADIUS  3.0
#define HOVER_RADIUS  5.0

void
mapscope_timeline_chart_style_init (MapscopeTimelineChartStyle *style)
{
  *style = (MapscopeTimelineChartStyle) {
    .value = MAPSCOPE_SERIES_RSS,
    .current = -1,
    .hovered = -1,
  };
}

/* Returns: the x of snapshot @index's point */
double
mapscope_timeline_chart_get_point_x (guint  n_snapshots,
                                     double width,
                                     guint  index)
{
  if (n_snapshots < 2)
    return width / 2;
  return MARGIN_X + (width - 2 * MARGIN_X) * index / (n_snapshots - 1);
}

/* Returns: the snapshot whose point is nearest to @x, or -1 without snapshots */
gint
mapscope_timeline_chart_hit_test (guint  n_snapshots,
                                  double width,
                                  double x)
{
  double step;
  double index;

  if (n_snapshots == 0)
    return -1;
  if (n_snapshots == 1 || width <= 2 * MARGIN_X)
    return 0;

  step = (width - 2 * MARGIN_X) / (n_snapshots - 1);
  index = round ((x - MARGIN_X) / step);
  return (gint)CLAMP (index, 0, n_snapshots - 1);
}

static guint64
category_value (MapscopeTimelineAnalysis *analysis,
                MapscopeCategory          category,
                guint                     snapshot,
                MapscopeSeriesValue       value)
{
  const MapscopeSeries *series = mapscope_timeline_analysis_get_category_series (analysis, category);

  return series != NULL ? mapscope_series_get_value (series, snapshot, value) : 0;
}

/* Returns: the highest stack, in kB: the scale of the chart */
guint64
mapscope_timeline_chart_get_stack_max (MapscopeTimelineAnalysis *analysis,
                                       MapscopeSeriesValue       value)
{
  guint n_snapshots = mapscope_timeline_analysis_get_n_snapshots (analysis);
  guint64 max = 0;

  for (guint s = 0; s < n_snapshots; s++)
    {
      guint64 stack = 0;

      for (guint c = 0; c < MAPSCOPE_N_CATEGORIES; c++)
        stack += category_value (analysis, c, s, value);
      max = MAX (max, stack);
    }
  return max;
}

double
mapscope_timeline_chart_get_value_y (guint64 stacked_kb,
                                     guint64 max_kb,
                                     double  height)
{
  double plot = MAX (height - MARGIN_TOP - MARGIN_BOTTOM, 0);

  if (max_kb == 0)
    return height - MARGIN_BOTTOM;
  return height - MARGIN_BOTTOM - plot * (double)stacked_kb / (double)max_kb;
}

/* The stacked bottom and top of every category at every snapshot, in kB. */
typedef struct
{
  guint    n_snapshots;
  guint64 *bottom;   /* [category * n_snapshots + snapshot] */
  guint64 *top;
  gboolean present[MAPSCOPE_N_CATEGORIES];
} Stack;

static void
stack_init (Stack                    *stack,
            MapscopeTimelineAnalysis *analysis,
            MapscopeSeriesValue       value)
{
  guint n = mapscope_timeline_analysis_get_n_snapshots (analysis);

  stack->n_snapshots = n;
  stack->bottom = g_new0 (guint64, MAX (n, 1) * MAPSCOPE_N_CATEGORIES);
  stack->top = g_new0 (guint64, MAX (n, 1) * MAPSCOPE_N_CATEGORIES);
  for (guint s = 0; s < n; s++)
    {
      guint64 sum = 0;

      for (guint c = 0; c < MAPSCOPE_N_CATEGORIES; c++)
        {
          guint64 kb = category_value (analysis, c, s, value);

          stack->bottom[c * n + s] = sum;
          sum += kb;
          stack->top[c * n + s] = sum;
          stack->present[c] = stack->present[c] || kb > 0;
        }
    }
}

static void
stack_clear (Stack *stack)
{
  g_clear_pointer (&stack->bottom, g_free);
  g_clear_pointer (&stack->top, g_free);
}

/* The band of @category: along its top left to right, back along its bottom. */
static void
band_path (cairo_t     *cr,
           const Stack *stack,
           guint        category,
           guint64      max_kb,
           double       width,
           double       height)
{
  guint n = stack->n_snapshots;

  cairo_new_path (cr);
  for (guint s = 0; s < n; s++)
    cairo_line_to (cr, mapscope_timeline_chart_get_point_x (n, width, s),
                   mapscope_timeline_chart_get_value_y (stack->top[category * n + s], max_kb, height));
  for (guint s = n; s-- > 0;)
    cairo_line_to (cr, mapscope_timeline_chart_get_point_x (n, width, s),
                   mapscope_timeline_chart_get_value_y (stack->bottom[category * n + s], max_kb, height));
  cairo_close_path (cr);
}

static void
set_foreground (cairo_t  *cr,
                gboolean  dark,
                double    alpha)
{
  if (dark)
    cairo_set_source_rgba (cr, 1, 1, 1, alpha);
  else
    cairo_set_source_rgba (cr, 0, 0, 0, alpha);
}

static gboolean
is_suspect_category (const MapscopeTimelineChartStyle *style,
                     guint                             category)
{
  for (guint i = 0; i < style->n_suspects; i++)
    {
      if (style->suspects[i].series->category == category)
        return TRUE;
    }
  return FALSE;
}

void
mapscope_timeline_chart_draw (cairo_t                          *cr,
                              double                            width,
                              double                            height,
                              MapscopeTimelineAnalysis         *analysis,
                              const MapscopeTimelineChartStyle *style)
{
  Stack stack;
  guint n;
  guint64 max_kb;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (MAPSCOPE_IS_TIMELINE_ANALYSIS (analysis));
  g_return_if_fail (style != NULL);

  n = mapscope_timeline_analysis_get_n_snapshots (analysis);
  max_kb = mapscope_timeline_chart_get_stack_max (analysis, style->value);
  if (n == 0 || width <= 2 * MARGIN_X || height <= MARGIN_TOP + MARGIN_BOTTOM)
    return;

  cairo_save (cr);
  stack_init (&stack, analysis, style->value);

  /* Quarter lines give the eye a scale; the widget labels the top one. */
  cairo_set_line_width (cr, 1);
  set_foreground (cr, style->dark, 0.1);
  for (guint quarter = 0; quarter <= 4; quarter++)
    {
      double y = round (mapscope_timeline_chart_get_value_y (max_kb * quarter / 4, max_kb, height)) - 0.5;

      cairo_move_to (cr, MARGIN_X, y);
      cairo_line_to (cr, width - MARGIN_X, y);
    }
  cairo_stroke (cr);

  for (guint c = 0; c < MAPSCOPE_N_CATEGORIES; c++)
    {
      MapscopeColor color;

      if (!stack.present[c])
        continue;
      mapscope_palette_get_category_color (c, style->dark, &color);
      band_path (cr, &stack, c, max_kb, width, height);
      cairo_set_source_rgb (cr, color.red, color.green, color.blue);
      cairo_fill (cr);
    }

  /* A leak suspect's band is outlined in the foreground color, so it stands
   * out whatever its own color is. */
  cairo_set_line_width (cr, 2.5);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint c = 0; c < MAPSCOPE_N_CATEGORIES; c++)
    {
      if (!stack.present[c] || !is_suspect_category (style, c))
        continue;
      band_path (cr, &stack, c, max_kb, width, height);
      set_foreground (cr, style->dark, 0.9);
      cairo_stroke (cr);
    }

  if (style->current >= 0 && (guint)style->current < n)
    {
      double x = round (mapscope_timeline_chart_get_point_x (n, width, style->current));

      /* GNOME's accent blue, in its light and dark variants */
      if (style->dark)
        cairo_set_source_rgb (cr, 0x78 / 255.0, 0xae / 255.0, 0xed / 255.0);
      else
        cairo_set_source_rgb (cr, 0x1c / 255.0, 0x71 / 255.0, 0xd8 / 255.0);
      cairo_set_line_width (cr, 2);
      cairo_move_to (cr, x, 0);
      cairo_line_to (cr, x, height);
      cairo_stroke (cr);
    }

  /* One point per snapshot, on top of its stack. */
  for (guint s = 0; s < n; s++)
    {
      guint64 total = stack.top[(MAPSCOPE_N_CATEGORIES - 1) * n + s];
      double radius = (gint)s == style->hovered ? HOVER_RADIUS : POINT_RADIUS;

      cairo_new_sub_path (cr);
      cairo_arc (cr, mapscope_timeline_chart_get_point_x (n, width, s),
                 mapscope_timeline_chart_get_value_y (total, max_kb, height), radius, 0, 2 * G_PI);
    }
  set_foreground (cr, style->dark, 0.8);
  cairo_fill (cr);

  stack_clear (&stack);
  cairo_restore (cr);
}
