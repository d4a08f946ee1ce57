/* mapscope-baseline-bar.h: says when the baseline runs another program, and drops it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "mapscope-notice-bar.h"

G_BEGIN_DECLS

#define MAPSCOPE_TYPE_BASELINE_BAR (mapscope_baseline_bar_get_type ())

/* Its text and button are MapscopeNoticeBar's: the button drops the
 * baseline. */
G_DECLARE_FINAL_TYPE (MapscopeBaselineBar, mapscope_baseline_bar, MAPSCOPE, BASELINE_BAR, MapscopeNoticeBar)

GtkWidget *mapscope_baseline_bar_new (MapscopeWorkspace *workspace);

G_END_DECLS
