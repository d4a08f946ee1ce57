/* mapscope-filter-bar.h: the controls that edit the workspace's filter
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "mapscope-view.h"

G_BEGIN_DECLS

#define MAPSCOPE_TYPE_FILTER_BAR (mapscope_filter_bar_get_type ())

G_DECLARE_FINAL_TYPE (MapscopeFilterBar, mapscope_filter_bar, MAPSCOPE, FILTER_BAR, MapscopeView)

typedef enum
{
  MAPSCOPE_FILTER_BAR_SIZE_MIN,
  MAPSCOPE_FILTER_BAR_SIZE_MAX,
  MAPSCOPE_FILTER_BAR_RSS_MIN,
  MAPSCOPE_FILTER_BAR_RSS_MAX,
  MAPSCOPE_FILTER_BAR_N_RANGE_ENTRIES
} MapscopeFilterBarRangeEntry;

GtkWidget         *mapscope_filter_bar_new                (MapscopeWorkspace           *workspace);
MapscopeWorkspace *mapscope_filter_bar_get_workspace      (MapscopeFilterBar           *self);
void               mapscope_filter_bar_set_workspace      (MapscopeFilterBar           *self,
                                                           MapscopeWorkspace           *workspace);
void               mapscope_filter_bar_focus_search       (MapscopeFilterBar           *self);
GtkEditable       *mapscope_filter_bar_get_search_entry   (MapscopeFilterBar           *self);
GtkEditable       *mapscope_filter_bar_get_range_entry    (MapscopeFilterBar           *self,
                                                           MapscopeFilterBarRangeEntry  entry);
GtkToggleButton   *mapscope_filter_bar_get_category_toggle (MapscopeFilterBar          *self,
                                                            MapscopeCategory            category);
GtkToggleButton   *mapscope_filter_bar_get_changed_only_toggle (MapscopeFilterBar        *self);

G_END_DECLS
