/* mapscope-diff-cells.h: what the region table shows of a diff, per row
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mapscope-diff.h"
#include "mapscope-region-list.h"

G_BEGIN_DECLS

/* The entry of region @index of @snapshot, or NULL if @diff is NULL or was
 * not made against @snapshot. */
const MapscopeDiffEntry *_mapscope_diff_cells_find_entry     (MapscopeDiff     *diff,
                                                              MapscopeSnapshot *snapshot,
                                                              guint             index);
/* Badge text ("new", "grown", "shrunk"; "" when unchanged or unknown), and
 * the style class that colors it (NULL for none). */
const char              *_mapscope_diff_cells_status_text    (const MapscopeDiffEntry *entry);
const char              *_mapscope_diff_cells_status_class   (const MapscopeDiffEntry *entry);
/* A signed size, e.g. "+1.2 MiB", "−64 kB", "±0"; "" without an entry. */
char                    *_mapscope_diff_cells_format_delta   (MapscopeDiff            *diff,
                                                              const MapscopeDiffEntry *entry,
                                                              MapscopeField            field);
/* Sorts @list by change status (new, grown, shrunk, unchanged, from
 * largest), or by the delta of @field. */
void                     _mapscope_diff_cells_sort_by_status (MapscopeRegionList      *list,
                                                              MapscopeDiff            *diff,
                                                              gboolean                 descending);
void                     _mapscope_diff_cells_sort_by_delta  (MapscopeRegionList      *list,
                                                              MapscopeDiff            *diff,
                                                              MapscopeField            field,
                                                              gboolean                 descending);

G_END_DECLS
