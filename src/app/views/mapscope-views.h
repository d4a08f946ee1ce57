/* mapscope-views.h: the data views of the Mapscope window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mapscope-baseline-bar.h"
#include "mapscope-category-swatch.h"
#include "mapscope-filter-bar.h"
#include "mapscope-findings-view.h"
#include "mapscope-inspector.h"
#include "mapscope-map-legend.h"
#include "mapscope-map-overview.h"
#include "mapscope-map-page.h"
#include "mapscope-map-view.h"
#include "mapscope-notice-bar.h"
#include "mapscope-only-regions-bar.h"
#include "mapscope-region-table.h"
#include "mapscope-summary-view.h"
#include "mapscope-timeline-view.h"

G_BEGIN_DECLS

void mapscope_views_init (void);

G_END_DECLS
