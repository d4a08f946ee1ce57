/* mapscope-map-export.h: the map as a PNG or SVG file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mapscope-map-overlay.h"
#include "mapscope-map-renderer.h"

G_BEGIN_DECLS

/* Whether @path names a file mapscope_map_export() can write: .png or .svg. */
gboolean mapscope_map_export_is_supported (const char           *path);

/* Draws @layout (and @overlay over it, if not NULL) into @path, a PNG or an
 * SVG by its name, as large as the layout. The file is written whole or not
 * at all: into a temporary file next to it, then renamed. */
gboolean mapscope_map_export              (const char           *path,
                                           MapscopeMapLayout    *layout,
                                           MapscopeRegionFilter *filter,
                                           MapscopeMapOverlay   *overlay,
                                           gboolean              dark,
                                           GError              **error);

G_END_DECLS
