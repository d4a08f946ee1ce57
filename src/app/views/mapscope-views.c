/* mapscope-views.c: one-time setup of the views library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mapscope-views.h"
#include "mapscope-views-resources.h"

/* Call once after gtk_init()/adw_init(), before building a window that uses
 * the views. The views live in a static library, whose resource constructor
 * the linker may drop, so the resource is registered here explicitly. */
void
mapscope_views_init (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      mapscope_views_register_resource ();
      g_type_ensure (MAPSCOPE_TYPE_BASELINE_BAR);
      g_type_ensure (MAPSCOPE_TYPE_CATEGORY_SWATCH);
      g_type_ensure (MAPSCOPE_TYPE_FILTER_BAR);
      g_type_ensure (MAPSCOPE_TYPE_FINDINGS_VIEW);
      g_type_ensure (MAPSCOPE_TYPE_INSPECTOR);
      g_type_ensure (MAPSCOPE_TYPE_MAP_LEGEND);
      g_type_ensure (MAPSCOPE_TYPE_MAP_OVERVIEW);
      g_type_ensure (MAPSCOPE_TYPE_MAP_PAGE);
      g_type_ensure (MAPSCOPE_TYPE_MAP_VIEW);
      g_type_ensure (MAPSCOPE_TYPE_NOTICE_BAR);
      g_type_ensure (MAPSCOPE_TYPE_ONLY_REGIONS_BAR);
      g_type_ensure (MAPSCOPE_TYPE_REGION_TABLE);
      g_type_ensure (MAPSCOPE_TYPE_SUMMARY_VIEW);
      g_type_ensure (MAPSCOPE_TYPE_TIMELINE_VIEW);
      g_type_ensure (MAPSCOPE_TYPE_VIEW);
      g_once_init_leave (&initialized, 1);
    }
}
