/* mapscope-timeline-view.h: the current process's snapshots over time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "mapscope-timeline-analysis.h"
#include "mapscope-view.h"

G_BEGIN_DECLS

#define MAPSCOPE_TYPE_TIMELINE_VIEW (mapscope_timeline_view_get_type ())

G_DECLARE_FINAL_TYPE (MapscopeTimelineView, mapscope_timeline_view, MAPSCOPE, TIMELINE_VIEW, MapscopeView)

GtkWidget                *mapscope_timeline_view_new           (MapscopeWorkspace    *workspace);
MapscopeWorkspace        *mapscope_timeline_view_get_workspace (MapscopeTimelineView *self);
void                      mapscope_timeline_view_set_workspace (MapscopeTimelineView *self,
                                                                MapscopeWorkspace    *workspace);
MapscopeTimelineAnalysis *mapscope_timeline_view_get_analysis  (MapscopeTimelineView *self);
gboolean                  mapscope_timeline_view_get_busy      (MapscopeTimelineView *self);
GtkWidget                *mapscope_timeline_view_get_chart     (MapscopeTimelineView *self);
/* @key: "caption" (the leak suspects), "readout" (the hovered snapshot's
 * values), "scale" (the top of the chart) */
const char               *mapscope_timeline_view_get_text      (MapscopeTimelineView *self,
                                                                const char           *key);

G_END_DECLS
