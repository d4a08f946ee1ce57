/* mapscope-map-overlay.h: what changed since a baseline, drawn over the map
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "mapscope-diff.h"
#include "mapscope-map-layout.h"
#include "mapscope-palette.h"

G_BEGIN_DECLS

typedef enum
{
  MAPSCOPE_MAP_DIFF_INK_NEW,      /* outline of a region the baseline did not have */
  MAPSCOPE_MAP_DIFF_INK_REMOVED,  /* outline of the ghost of a region that went away */
  MAPSCOPE_MAP_DIFF_INK_GROWN,    /* RSS (or size, or swap) went up */
  MAPSCOPE_MAP_DIFF_INK_SHRUNK,   /* and down */
} MapscopeMapDiffInk;

typedef struct _MapscopeMapOverlay MapscopeMapOverlay;

/* Prepares @diff for drawing over maps of its new snapshot: places each
 * removed region in the new snapshot's address space, once. */
MapscopeMapOverlay *mapscope_map_overlay_new          (MapscopeDiff       *diff);
void                mapscope_map_overlay_free         (MapscopeMapOverlay *self);
MapscopeDiff       *mapscope_map_overlay_get_diff     (MapscopeMapOverlay *self);

/* Removed regions that have a place on the map, and where: [start, end) in
 * the new snapshot's addresses. */
guint               mapscope_map_overlay_get_n_ghosts (MapscopeMapOverlay *self);
void                mapscope_map_overlay_get_ghost    (MapscopeMapOverlay *self,
                                                       guint               index,
                                                       guint64            *start,
                                                       guint64            *end,
                                                       guint              *old_index);

/* Draws the overlay over a map of @layout, which must be laid out for the
 * diff's new snapshot: new regions outlined, removed ones as dashed ghosts,
 * grown and shrunk ones marked with their delta. */
void                mapscope_map_overlay_render       (MapscopeMapOverlay *self,
                                                       cairo_t            *cr,
                                                       MapscopeMapLayout  *layout,
                                                       gboolean            dark);

void                mapscope_map_get_diff_ink         (MapscopeMapDiffInk  ink,
                                                       gboolean            dark,
                                                       MapscopeColor      *color);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MapscopeMapOverlay, mapscope_map_overlay_free)

G_END_DECLS
