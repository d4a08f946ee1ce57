/* mapscope-core.h: the UI-free Mapscope library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mapscope-capture.h"
#include "mapscope-capture-error.h"
#include "mapscope-capture-info.h"
#include "mapscope-category.h"
#include "mapscope-diff.h"
#include "mapscope-diff-json.h"
#include "mapscope-document.h"
#include "mapscope-error.h"
#include "mapscope-field.h"
#include "mapscope-findings.h"
#include "mapscope-format.h"
#include "mapscope-json.h"
#include "mapscope-process.h"
#include "mapscope-process-list.h"
#include "mapscope-palette.h"
#include "mapscope-region.h"
#include "mapscope-region-filter.h"
#include "mapscope-region-list.h"
#include "mapscope-session.h"
#include "mapscope-snapshot.h"
#include "mapscope-summary.h"
#include "mapscope-timeline.h"
#include "mapscope-timeline-analysis.h"
#include "mapscope-units.h"
#include "mapscope-vmflags.h"
#include "mapscope-working-set.h"
#include "mapscope-workspace.h"
