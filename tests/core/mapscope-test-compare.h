/* mapscope-test-compare.h: asserting that two snapshots hold the same data
 *
 * Shared by the core tests and the fuzz harnesses, so it needs nothing but
 * the core: each fuzz build compiles it against its own copy of the core.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mapscope-core.h"

G_BEGIN_DECLS

void mapscope_test_assert_regions_equal   (MapscopeSnapshot     *a,
                                           const MapscopeRegion *region_a,
                                           MapscopeSnapshot     *b,
                                           const MapscopeRegion *region_b);
void mapscope_test_assert_snapshots_equal (MapscopeSnapshot     *a,
                                           MapscopeSnapshot     *b);

G_END_DECLS
