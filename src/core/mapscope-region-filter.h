/* mapscope-region-filter.h: which regions the table and the map show
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "mapscope-diff.h"
#include "mapscope-snapshot.h"

G_BEGIN_DECLS

typedef enum
{
  MAPSCOPE_FILTER_PERM_ANY,
  MAPSCOPE_FILTER_PERM_YES,
  MAPSCOPE_FILTER_PERM_NO,
} MapscopeFilterPerm;

#define MAPSCOPE_TYPE_REGION_FILTER (mapscope_region_filter_get_type ())

G_DECLARE_FINAL_TYPE (MapscopeRegionFilter, mapscope_region_filter, MAPSCOPE, REGION_FILTER, GObject)

/* Emits ::changed (with a GtkFilterChange-like hint: 0 different, 1 less
 * strict, 2 more strict) whenever any criterion changes. */
MapscopeRegionFilter *mapscope_region_filter_new            (void);
MapscopeRegionFilter *mapscope_region_filter_copy           (MapscopeRegionFilter *self);
void        mapscope_region_filter_set_text                 (MapscopeRegionFilter *self,
                                                             const char           *text);
const char *mapscope_region_filter_get_text                 (MapscopeRegionFilter *self);
gboolean    mapscope_region_filter_get_address              (MapscopeRegionFilter *self,
                                                             guint64              *address);
void        mapscope_region_filter_set_category_shown       (MapscopeRegionFilter *self,
                                                             MapscopeCategory      category,
                                                             gboolean              shown);
gboolean    mapscope_region_filter_get_category_shown       (MapscopeRegionFilter *self,
                                                             MapscopeCategory      category);
void        mapscope_region_filter_set_perm                 (MapscopeRegionFilter *self,
                                                             guint                 perm,
                                                             MapscopeFilterPerm    wanted);
MapscopeFilterPerm mapscope_region_filter_get_perm          (MapscopeRegionFilter *self,
                                                             guint                 perm);
/* Ranges in bytes; max 0 means "no upper bound". */
void        mapscope_region_filter_set_size_range           (MapscopeRegionFilter *self,
                                                             guint64               min_bytes,
                                                             guint64               max_bytes);
void        mapscope_region_filter_get_size_range           (MapscopeRegionFilter *self,
                                                             guint64              *min_bytes,
                                                             guint64              *max_bytes);
void        mapscope_region_filter_set_rss_range            (MapscopeRegionFilter *self,
                                                             guint64               min_bytes,
                                                             guint64               max_bytes);
void        mapscope_region_filter_get_rss_range            (MapscopeRegionFilter *self,
                                                             guint64              *min_bytes,
                                                             guint64              *max_bytes);
/* "Only these regions": a set of region indices of @snapshot, with a label
 * saying what chose them (e.g. a finding's title). Other snapshots are not
 * restricted: indices mean nothing there. */
void        mapscope_region_filter_set_only_regions         (MapscopeRegionFilter *self,
                                                             MapscopeSnapshot     *snapshot,
                                                             const guint          *indices,
                                                             guint                 n_indices,
                                                             const char           *label);
void        mapscope_region_filter_clear_only_regions       (MapscopeRegionFilter *self);
gboolean    mapscope_region_filter_has_only_regions         (MapscopeRegionFilter *self);
const char *mapscope_region_filter_get_only_label           (MapscopeRegionFilter *self);
MapscopeSnapshot *mapscope_region_filter_get_only_snapshot  (MapscopeRegionFilter *self);
/* "Changed only" keeps the regions that @diff (the workspace's baseline
 * against the current snapshot) finds new, grown or shrunk; it has no
 * effect without a diff, or on a snapshot other than the diff's new one. */
void        mapscope_region_filter_set_diff                 (MapscopeRegionFilter *self,
                                                             MapscopeDiff         *diff);
MapscopeDiff *mapscope_region_filter_get_diff               (MapscopeRegionFilter *self);
void        mapscope_region_filter_set_changed_only         (MapscopeRegionFilter *self,
                                                             gboolean              changed_only);
gboolean    mapscope_region_filter_get_changed_only         (MapscopeRegionFilter *self);
void        mapscope_region_filter_reset                    (MapscopeRegionFilter *self);
gboolean    mapscope_region_filter_is_active                (MapscopeRegionFilter *self);
gboolean    mapscope_region_filter_matches                  (MapscopeRegionFilter *self,
                                                             MapscopeSnapshot     *snapshot,
                                                             const MapscopeRegion *region);

G_END_DECLS
