/* mapscope-map-view.h: the address space of the current snapshot, drawn
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "mapscope-view.h"

G_BEGIN_DECLS

#define MAPSCOPE_TYPE_MAP_VIEW (mapscope_map_view_get_type ())

G_DECLARE_FINAL_TYPE (MapscopeMapView, mapscope_map_view, MAPSCOPE, MAP_VIEW, MapscopeView)

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
/* Shows @center in the middle at @zoom, at once; for restoring a session. */
void               mapscope_map_view_set_view      (MapscopeMapView   *self,
                                                    double             zoom,
                                                    guint64            center);
/* Zooms, animated, until region @index spans the width of the view. */
void               mapscope_map_view_zoom_to_region (MapscopeMapView  *self,
                                                    guint              index);
gboolean           mapscope_map_view_get_linear    (MapscopeMapView   *self);
void               mapscope_map_view_set_linear    (MapscopeMapView   *self,
                                                    gboolean           linear);
/* Whether the changes since the workspace's baseline are drawn (the
 * default), and whether there are any to draw. */
gboolean           mapscope_map_view_get_show_changes (MapscopeMapView *self);
void               mapscope_map_view_set_show_changes (MapscopeMapView *self,
                                                    gboolean           show_changes);
gboolean           mapscope_map_view_get_has_changes (MapscopeMapView  *self);
/* The first and last addresses in view; FALSE when nothing is drawn. */
gboolean           mapscope_map_view_get_visible_range (MapscopeMapView *self,
                                                    guint64           *start,
                                                    guint64           *end);
/* The tooltip for the point (@x, @y): the region's range, permissions,
 * path, size, RSS, PSS and swap, and what changed since the baseline; NULL
 * off the regions. */
char              *mapscope_map_view_dup_tooltip_text (MapscopeMapView *self,
                                                    double             x,
                                                    double             y);
/* Writes the view as it is drawn into @path, a .png or .svg file. */
gboolean           mapscope_map_view_export        (MapscopeMapView   *self,
                                                    const char        *path,
                                                    GError           **error);

G_END_DECLS
