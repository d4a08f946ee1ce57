/* mapscope-test-map-pixels.h: probing the pixels of a drawn map
 *
 * For the renderer's own tests and for the map view's, which draw the same
 * bars at the same places.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "mapscope-map-layout.h"
#include "mapscope-palette.h"

G_BEGIN_DECLS

double mapscope_test_bar_y        (MapscopeMapLayout   *layout,
                                   guint                row);
void   mapscope_test_assert_pixel (cairo_surface_t     *surface,
                                   double               x,
                                   double               y,
                                   const MapscopeColor *expected);

G_END_DECLS
