/* mapscope-workspace.h: what the user has open: the loaded snapshots, the
 * current one, the baseline, the filter and the selected region
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mapscope-diff.h"
#include "mapscope-document.h"
#include "mapscope-region-filter.h"

G_BEGIN_DECLS

#define MAPSCOPE_TYPE_WORKSPACE (mapscope_workspace_get_type ())

G_DECLARE_FINAL_TYPE (MapscopeWorkspace, mapscope_workspace, MAPSCOPE, WORKSPACE, GObject)

/* Properties (all with notify): "snapshots" (GListModel of MapscopeSnapshot,
 * read-only), "current" (MapscopeSnapshot, nullable), "baseline"
 * (MapscopeSnapshot, nullable), "diff" (MapscopeDiff of the baseline against
 * the current snapshot, nullable, read-only; it is notified before "current"
 * and "baseline"), "selected-index" (int, -1 for none: a
 * region index in the current snapshot), "filter" (MapscopeRegionFilter,
 * read-only). The table, the inspector and the map all follow these. */
MapscopeWorkspace    *mapscope_workspace_new                (void);
GListModel           *mapscope_workspace_get_snapshots      (MapscopeWorkspace *self);
void                  mapscope_workspace_add_document       (MapscopeWorkspace *self,
                                                             MapscopeDocument  *document);
void                  mapscope_workspace_add_snapshot       (MapscopeWorkspace *self,
                                                             MapscopeSnapshot  *snapshot);
void                  mapscope_workspace_insert_snapshot    (MapscopeWorkspace *self,
                                                             MapscopeSnapshot  *snapshot,
                                                             guint              position);
void                  mapscope_workspace_remove_snapshot    (MapscopeWorkspace *self,
                                                             MapscopeSnapshot  *snapshot);
MapscopeSnapshot     *mapscope_workspace_get_current        (MapscopeWorkspace *self);
void                  mapscope_workspace_set_current        (MapscopeWorkspace *self,
                                                             MapscopeSnapshot  *snapshot);
MapscopeSnapshot     *mapscope_workspace_get_baseline       (MapscopeWorkspace *self);
void                  mapscope_workspace_set_baseline       (MapscopeWorkspace *self,
                                                             MapscopeSnapshot  *snapshot);
MapscopeDiff         *mapscope_workspace_get_diff           (MapscopeWorkspace *self);
gint                  mapscope_workspace_get_selected_index (MapscopeWorkspace *self);
void                  mapscope_workspace_set_selected_index (MapscopeWorkspace *self,
                                                             gint               index);
const MapscopeRegion *mapscope_workspace_get_selected_region (MapscopeWorkspace *self);
MapscopeRegionFilter *mapscope_workspace_get_filter         (MapscopeWorkspace *self);

G_END_DECLS
