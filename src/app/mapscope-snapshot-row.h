/* mapscope-snapshot-row.h: one snapshot in the sidebar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "mapscope-workspace.h"

G_BEGIN_DECLS

#define MAPSCOPE_TYPE_SNAPSHOT_ROW (mapscope_snapshot_row_get_type ())

G_DECLARE_FINAL_TYPE (MapscopeSnapshotRow, mapscope_snapshot_row, MAPSCOPE, SNAPSHOT_ROW, GtkListBoxRow)

/* Properties: "workspace", "snapshot" (construct-only) and "baseline"
 * (boolean: whether this snapshot is the workspace's baseline; setting it
 * makes it so, or clears the baseline). Actions: row.baseline (stateful, the
 * property) and row.close. */
MapscopeSnapshotRow *mapscope_snapshot_row_new          (MapscopeWorkspace   *workspace,
                                                         MapscopeSnapshot    *snapshot);
MapscopeSnapshot    *mapscope_snapshot_row_get_snapshot (MapscopeSnapshotRow *self);
gboolean             mapscope_snapshot_row_get_baseline (MapscopeSnapshotRow *self);
void                 mapscope_snapshot_row_set_baseline (MapscopeSnapshotRow *self,
                                                         gboolean             baseline);

G_END_DECLS
