/* mapscope-region-list.h: a snapshot's regions as a GListModel, for list
 * widgets; items are made on demand, the data stays in the snapshot
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mapscope-snapshot.h"

G_BEGIN_DECLS

#define MAPSCOPE_TYPE_REGION_ITEM (mapscope_region_item_get_type ())

G_DECLARE_FINAL_TYPE (MapscopeRegionItem, mapscope_region_item, MAPSCOPE, REGION_ITEM, GObject)

/* Read-only properties, for GtkPropertyExpression sorters and cells:
 * "index" (guint), "start", "end", "size", "rss", "pss", "private-dirty",
 * "swap" (guint64, bytes; 0 when the input lacks the field),
 * "perms", "category", "path" (strings), "category-id" (guint). */
MapscopeSnapshot     *mapscope_region_item_get_snapshot (MapscopeRegionItem *self);
guint                 mapscope_region_item_get_index    (MapscopeRegionItem *self);
const MapscopeRegion *mapscope_region_item_get_region   (MapscopeRegionItem *self);

#define MAPSCOPE_TYPE_REGION_LIST (mapscope_region_list_get_type ())

G_DECLARE_FINAL_TYPE (MapscopeRegionList, mapscope_region_list, MAPSCOPE, REGION_LIST, GObject)

/* Implements GListModel of MapscopeRegionItem. Setting another snapshot
 * (or NULL) emits one items-changed for the whole list. */
MapscopeRegionList *mapscope_region_list_new          (MapscopeSnapshot   *snapshot);
MapscopeSnapshot   *mapscope_region_list_get_snapshot (MapscopeRegionList *self);
void                mapscope_region_list_set_snapshot (MapscopeRegionList *self,
                                                       MapscopeSnapshot   *snapshot);

G_END_DECLS
