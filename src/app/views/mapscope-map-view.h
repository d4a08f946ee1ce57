/* mapscope-map-view.h: the address space of the current snapshot, drawn
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "mapscope-workspace.h"

G_BEGIN_DECLS

#define MAPSCOPE_TYPE_MAP_VIEW (mapscope_map_view_get_type ())

G_DECLARE_FINAL_TYPE (MapscopeMapView, mapscope_map_view, MAPSCOPE, MAP_VIEW, GtkWidget)

GtkWidget         *mapscope_map_view_new           (MapscopeWorkspace *workspace);
MapscopeWorkspace *mapscope_map_view_get_workspace (MapscopeMapView   *self);
void               mapscope_map_view_set_workspace (MapscopeMapView   *self,
                                                    MapscopeWorkspace *workspace);
double             mapscope_map_view_get_zoom      (MapscopeMapView   *self);
/* The address shown in the middle of the middle row. */
guint64            mapscope_map_view_get_center    (MapscopeMapView   *self);
/* Zooms by @factor keeping the address under (@x, @y) where it is. */
void               mapscope_map_view_zoom_at       (MapscopeMapView   *self,
                                                    double             factor,
                                                    double             x,
                                                    double             y);
void               mapscope_map_view_reset_zoom    (MapscopeMapView   *self);
void               mapscope_map_view_set_view      (MapscopeMapView   *self,
                                                    double             zoom,
                                                    guint64            center);

G_END_DECLS
