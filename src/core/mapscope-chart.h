/* mapscope-chart.h: the per-category bar chart, drawn with Cairo into any
 * surface (the summary view, PNG/SVG export, tests)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "mapscope-category.h"
#include "mapscope-field.h"
#include "mapscope-summary.h"

G_BEGIN_DECLS

/* One bar of the chart, in the coordinates of the cairo_t it is drawn into. */
typedef struct
{
  MapscopeCategory category;
  guint64          value;   /* the category's total of the field, in kB */
  double           x;
  double           y;
  double           width;
  double           height;
} MapscopeChartBar;

guint  mapscope_chart_layout_categories (double            width,
                                         double            height,
                                         MapscopeSummary  *summary,
                                         MapscopeField     field,
                                         MapscopeChartBar  bars[MAPSCOPE_N_CATEGORIES]);
double mapscope_chart_get_natural_height (MapscopeSummary *summary,
                                          MapscopeField    field);
gint   mapscope_chart_hit_test           (const MapscopeChartBar *bars,
                                          guint                   n_bars,
                                          double                  y);
void   mapscope_chart_draw_categories    (cairo_t          *cr,
                                          double            width,
                                          double            height,
                                          MapscopeSummary  *summary,
                                          MapscopeField     field,
                                          gboolean          dark);

G_END_DECLS
