/* mapscope-map-renderer.h: paints a MapscopeMapLayout with Cairo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "mapscope-map-layout.h"
#include "mapscope-palette.h"
#include "mapscope-region-filter.h"

G_BEGIN_DECLS

typedef enum
{
  MAPSCOPE_MAP_SHADE_RESIDENT,    /* the resident share of a region, and dense marks */
  MAPSCOPE_MAP_SHADE_UNRESIDENT,  /* the rest of it, lighter */
  MAPSCOPE_MAP_SHADE_DIRTY,       /* the private dirty band, darker */
} MapscopeMapShade;

typedef enum
{
  MAPSCOPE_MAP_INK_BACKGROUND,
  MAPSCOPE_MAP_INK_BREAK,
  MAPSCOPE_MAP_INK_GUARD,
  MAPSCOPE_MAP_INK_TEXT,
} MapscopeMapInk;

/* Paints @layout into the (0, 0) - (width, n_rows × row height) rectangle of
 * @cr. Regions @filter rejects are dimmed; @filter may be NULL. */
void mapscope_map_render           (cairo_t              *cr,
                                    MapscopeMapLayout    *layout,
                                    MapscopeSnapshot     *snapshot,
                                    MapscopeRegionFilter *filter,
                                    gboolean              dark);

/* The colors the renderer uses, for legends and tests. */
void mapscope_map_get_region_color (MapscopeCategory      category,
                                    MapscopeMapShade      shade,
                                    gboolean              dimmed,
                                    gboolean              dark,
                                    MapscopeColor        *color);
void mapscope_map_get_ink          (MapscopeMapInk        ink,
                                    gboolean              dark,
                                    MapscopeColor        *color);

G_END_DECLS
