/* mapscope-map-legend.h: what the colors and marks of the map mean
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "mapscope-snapshot.h"

G_BEGIN_DECLS

#define MAPSCOPE_TYPE_MAP_LEGEND (mapscope_map_legend_get_type ())

G_DECLARE_FINAL_TYPE (MapscopeMapLegend, mapscope_map_legend, MAPSCOPE, MAP_LEGEND, GtkWidget)

GtkWidget *mapscope_map_legend_new         (void);
/* Lists the categories @snapshot has (all of them for NULL), and the marks
 * of the diff overlay when @show_changes. */
void       mapscope_map_legend_update      (MapscopeMapLegend *self,
                                            MapscopeSnapshot  *snapshot,
                                            gboolean           show_changes);
/* The number of entries shown, for tests. */
guint      mapscope_map_legend_get_n_items (MapscopeMapLegend *self);

G_END_DECLS
