/* mapscope-region-list.h: a snapshot's regions as a GListModel, for list
 * widgets; items are made on demand, the data stays in the snapshot
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mapscope-region-filter.h"
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

/* What the list is sorted by; NONE keeps the snapshot's address order.
 * Strings (perms, category name, path) sort case-insensitively. */
typedef enum
{
  MAPSCOPE_REGION_SORT_NONE,
  MAPSCOPE_REGION_SORT_START,
  MAPSCOPE_REGION_SORT_END,
  MAPSCOPE_REGION_SORT_SIZE,
  MAPSCOPE_REGION_SORT_RSS,
  MAPSCOPE_REGION_SORT_PSS,
  MAPSCOPE_REGION_SORT_PRIVATE_DIRTY,
  MAPSCOPE_REGION_SORT_SWAP,
  MAPSCOPE_REGION_SORT_PERMS,
  MAPSCOPE_REGION_SORT_CATEGORY,
  MAPSCOPE_REGION_SORT_PATH,
  MAPSCOPE_REGION_SORT_KEY,   /* by a MapscopeRegionKeyFunc */
} MapscopeRegionSort;

/* The sort key of region @index of @snapshot. Rows with equal keys stay in
 * address order. A signed value sorts right as (guint64)value ^ (1 << 63). */
typedef guint64 (*MapscopeRegionKeyFunc) (MapscopeSnapshot *snapshot,
                                          guint             index,
                                          gpointer          user_data);

/* Implements GListModel of MapscopeRegionItem: the regions of the snapshot
 * that the filter (if any) lets through, in the sort order; the order is
 * kept (and recomputed) across snapshots. An item stands for a position:
 * setting another snapshot (or NULL), another order, or resorting after
 * a change of the filter points every item still alive at the region now
 * at its position and notifies its "index", and emits items-changed only
 * for the rows gained or lost at the end. After the filter changed, call
 * mapscope_region_list_resort(): the owner decides when, for example with
 * its own selection bookkeeping around it. */
MapscopeRegionList *mapscope_region_list_new            (MapscopeSnapshot      *snapshot);
MapscopeSnapshot   *mapscope_region_list_get_snapshot   (MapscopeRegionList    *self);
void                mapscope_region_list_set_snapshot   (MapscopeRegionList    *self,
                                                         MapscopeSnapshot      *snapshot);
MapscopeRegionFilter *mapscope_region_list_get_filter   (MapscopeRegionList    *self);
void                mapscope_region_list_set_filter     (MapscopeRegionList    *self,
                                                         MapscopeRegionFilter  *filter);
/* Returns: the position of region @index, or -1 if it is filtered out */
guint               mapscope_region_list_get_region_index (MapscopeRegionList  *self,
                                                           guint                position);
gint                mapscope_region_list_find           (MapscopeRegionList    *self,
                                                         guint                  index);
void                mapscope_region_list_sort           (MapscopeRegionList    *self,
                                                         MapscopeRegionSort     sort,
                                                         gboolean               descending);
void                mapscope_region_list_sort_by_key    (MapscopeRegionList    *self,
                                                         MapscopeRegionKeyFunc  key_func,
                                                         gpointer               user_data,
                                                         GDestroyNotify         destroy,
                                                         gboolean               descending);
/* Sorts and filters again, after the keys or the filter's inputs changed. */
void                mapscope_region_list_resort         (MapscopeRegionList    *self);
MapscopeRegionSort  mapscope_region_list_get_sort       (MapscopeRegionList    *self,
                                                         gboolean              *descending);

G_END_DECLS
