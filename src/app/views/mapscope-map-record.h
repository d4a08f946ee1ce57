/* mapscope-map-record.h: the core renderer's map as a render node
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "mapscope-map-overlay.h"
#include "mapscope-map-renderer.h"

G_BEGIN_DECLS

/* Records @layout (with @overlay over it, if not NULL) in the current style,
 * for the widgets to keep and append until something changes; NULL when
 * there is nothing to draw. */
GskRenderNode *_mapscope_map_record (MapscopeMapLayout    *layout,
                                     MapscopeRegionFilter *filter,
                                     MapscopeMapOverlay   *overlay,
                                     int                   width,
                                     int                   height);

G_END_DECLS
