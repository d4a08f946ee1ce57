/* mapscope-only-regions-bar.h: says which finding restricts the view, and lifts it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "mapscope-notice-bar.h"

G_BEGIN_DECLS

#define MAPSCOPE_TYPE_ONLY_REGIONS_BAR (mapscope_only_regions_bar_get_type ())

G_DECLARE_FINAL_TYPE (MapscopeOnlyRegionsBar, mapscope_only_regions_bar, MAPSCOPE, ONLY_REGIONS_BAR,
                      MapscopeNoticeBar)

GtkWidget         *mapscope_only_regions_bar_new           (MapscopeWorkspace      *workspace);
MapscopeWorkspace *mapscope_only_regions_bar_get_workspace (MapscopeOnlyRegionsBar *self);
void               mapscope_only_regions_bar_set_workspace (MapscopeOnlyRegionsBar *self,
                                                            MapscopeWorkspace      *workspace);
/* Returns: (transfer none): the text shown, "" while hidden */
const char        *mapscope_only_regions_bar_get_text      (MapscopeOnlyRegionsBar *self);
GtkWidget         *mapscope_only_regions_bar_get_clear_button (MapscopeOnlyRegionsBar *self);

G_END_DECLS
