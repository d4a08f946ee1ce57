/* mapscope-map-record.c: the core renderer's map as a render node
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mapscope-map-record.h"
#include "mapscope-views-private.h"

GskRenderNode *
_mapscope_map_record (MapscopeMapLayout    *layout,
                      MapscopeRegionFilter *filter,
                      MapscopeMapOverlay   *overlay,
                      int                   width,
                      int                   height)
{
  GtkSnapshot *recorder = gtk_snapshot_new ();
  cairo_t *cr = gtk_snapshot_append_cairo (recorder, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gboolean dark = _mapscope_views_is_dark ();

  mapscope_map_render (cr, layout, mapscope_map_layout_get_snapshot (layout), filter, dark);
  if (overlay != NULL)
    mapscope_map_overlay_render (overlay, cr, layout, dark);
  cairo_destroy (cr);

  return gtk_snapshot_free_to_node (recorder);
}
