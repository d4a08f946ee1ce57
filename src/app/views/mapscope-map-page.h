/* mapscope-map-page.h: the Map page: legend, toggles and export above the
 * overview strip and the map
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "mapscope-map-legend.h"
#include "mapscope-map-overview.h"
#include "mapscope-map-view.h"
#include "mapscope-view.h"

G_BEGIN_DECLS

#define MAPSCOPE_TYPE_MAP_PAGE (mapscope_map_page_get_type ())

G_DECLARE_FINAL_TYPE (MapscopeMapPage, mapscope_map_page, MAPSCOPE, MAP_PAGE, MapscopeView)

GtkWidget           *mapscope_map_page_new           (MapscopeWorkspace *workspace);
MapscopeWorkspace   *mapscope_map_page_get_workspace (MapscopeMapPage   *self);
void                 mapscope_map_page_set_workspace (MapscopeMapPage   *self,
                                                      MapscopeWorkspace *workspace);
MapscopeMapView     *mapscope_map_page_get_view      (MapscopeMapPage   *self);
MapscopeMapOverview *mapscope_map_page_get_overview  (MapscopeMapPage   *self);
MapscopeMapLegend   *mapscope_map_page_get_legend    (MapscopeMapPage   *self);
/* The "Changes" toggle: insensitive without a baseline. */
GtkToggleButton     *mapscope_map_page_get_changes_toggle (MapscopeMapPage *self);
/* Writes the map into @path and tells the user in a toast, as the Export
 * menu does once a file is chosen. */
gboolean             mapscope_map_page_export        (MapscopeMapPage   *self,
                                                      const char        *path);

G_END_DECLS
