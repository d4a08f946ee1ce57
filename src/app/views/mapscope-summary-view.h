/* mapscope-summary-view.h: totals of the current snapshot at a glance
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "mapscope-field.h"
#include "mapscope-view.h"

G_BEGIN_DECLS

#define MAPSCOPE_TYPE_SUMMARY_VIEW (mapscope_summary_view_get_type ())

G_DECLARE_FINAL_TYPE (MapscopeSummaryView, mapscope_summary_view, MAPSCOPE, SUMMARY_VIEW, MapscopeView)

GtkWidget         *mapscope_summary_view_new           (MapscopeWorkspace   *workspace);
MapscopeWorkspace *mapscope_summary_view_get_workspace (MapscopeSummaryView *self);
void               mapscope_summary_view_set_workspace (MapscopeSummaryView *self,
                                                        MapscopeWorkspace   *workspace);
MapscopeField      mapscope_summary_view_get_field     (MapscopeSummaryView *self);
void               mapscope_summary_view_set_field     (MapscopeSummaryView *self,
                                                        MapscopeField        field);
/* @key: "mapped", "gap-count", "gap-total", "largest-gap", "legend:NAME"
 * (a category name), "top-rss:N", "top-pss:N", "file:N" (N from 0) */
const char        *mapscope_summary_view_get_text      (MapscopeSummaryView *self,
                                                        const char          *key);
GtkWidget         *mapscope_summary_view_get_chart     (MapscopeSummaryView *self);

G_END_DECLS
