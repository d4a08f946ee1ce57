/* mapscope-map-renderer-private.h: drawing helpers the map's layers share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mapscope-map-renderer.h"

G_BEGIN_DECLS

/* Height of the bar of each row, below its ruler strip. */
double _mapscope_map_get_bar_height (MapscopeMapLayout *layout);
/* Adds to the path of @cr the part of the axis interval [@a, @b) that shows,
 * wrapped into rows, covering the band of each bar from @top to @top +
 * @height (fractions of its height). */
void   _mapscope_map_add_span       (cairo_t           *cr,
                                     MapscopeMapLayout *layout,
                                     double             a,
                                     double             b,
                                     double             top,
                                     double             height);

G_END_DECLS
