/* mapscope-map-overview.h: the whole address space in one strip, with the
 * part a map view shows marked; dragging moves the view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "mapscope-map-view.h"

G_BEGIN_DECLS

#define MAPSCOPE_TYPE_MAP_OVERVIEW (mapscope_map_overview_get_type ())

G_DECLARE_FINAL_TYPE (MapscopeMapOverview, mapscope_map_overview, MAPSCOPE, MAP_OVERVIEW, GtkWidget)

GtkWidget *mapscope_map_overview_new         (MapscopeMapView     *view);
/* Where the marked part of the strip is, in its own pixels; FALSE when
 * nothing is drawn. */
gboolean   mapscope_map_overview_get_window  (MapscopeMapOverview *self,
                                              double              *x1,
                                              double              *x2);
/* Moves the view so that the address under @x is in its middle. */
void       mapscope_map_overview_move_to     (MapscopeMapOverview *self,
                                              double               x);

G_END_DECLS
