/* mapscope-region-table.h: the regions of the current snapshot as a table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "mapscope-view.h"

G_BEGIN_DECLS

#define MAPSCOPE_TYPE_REGION_TABLE (mapscope_region_table_get_type ())

G_DECLARE_FINAL_TYPE (MapscopeRegionTable, mapscope_region_table, MAPSCOPE, REGION_TABLE, MapscopeView)

GtkWidget         *mapscope_region_table_new             (MapscopeWorkspace   *workspace);
MapscopeWorkspace *mapscope_region_table_get_workspace   (MapscopeRegionTable *self);
void               mapscope_region_table_set_workspace   (MapscopeRegionTable *self,
                                                          MapscopeWorkspace   *workspace);
guint              mapscope_region_table_get_n_shown     (MapscopeRegionTable *self);
const char        *mapscope_region_table_get_status_text (MapscopeRegionTable *self);
GtkColumnView     *mapscope_region_table_get_column_view (MapscopeRegionTable *self);
gboolean           mapscope_region_table_get_diff_shown  (MapscopeRegionTable *self);
char              *mapscope_region_table_dup_status_text (MapscopeRegionTable *self,
                                                          guint                position);
char              *mapscope_region_table_dup_delta_text  (MapscopeRegionTable *self,
                                                          guint                position,
                                                          MapscopeField        field);

G_END_DECLS
