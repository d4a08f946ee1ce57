/* mapscope-timeline-chart.h: a timeline as areas stacked by category, drawn
 * with Cairo into any surface (the timeline view, tests)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "mapscope-timeline-analysis.h"

G_BEGIN_DECLS

/* What the chart shows, besides the stacked series. */
typedef struct
{
  MapscopeSeriesValue        value;        /* RSS by default */
  gint                       current;      /* snapshot marked with a line, or -1 */
  gint                       hovered;      /* snapshot whose point is enlarged, or -1 */
  const MapscopeLeakSuspect *suspects;     /* their categories' bands are outlined */
  guint                      n_suspects;
  gboolean                   dark;
} MapscopeTimelineChartStyle;

void    mapscope_timeline_chart_style_init   (MapscopeTimelineChartStyle *style);
double  mapscope_timeline_chart_get_point_x  (guint                       n_snapshots,
                                              double                      width,
                                              guint                       index);
gint    mapscope_timeline_chart_hit_test     (guint                       n_snapshots,
                                              double                      width,
                                              double                      x);
guint64 mapscope_timeline_chart_get_stack_max (MapscopeTimelineAnalysis  *analysis,
                                               MapscopeSeriesValue        value);
double  mapscope_timeline_chart_get_value_y  (guint64                     stacked_kb,
                                              guint64                     max_kb,
                                              double                      height);
void    mapscope_timeline_chart_draw         (cairo_t                          *cr,
                                              double                            width,
                                              double                            height,
                                              MapscopeTimelineAnalysis         *analysis,
                                              const MapscopeTimelineChartStyle *style);

G_END_DECLS
