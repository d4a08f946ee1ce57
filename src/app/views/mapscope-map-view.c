/* mapscope-map-view.c: the address space of the current snapshot, drawn
 *
 * The static picture comes from the core's Cairo renderer (the CLI draws the
 * same one), recorded once into a render node that is kept until the data,
 * the filter, the size, the zoom or the style changes; every frame then only
 * appends that node and the selection outline on top (house style B6).
 * Because the layout counts bytes and gaps once per snapshot, a new zoom or
 * pan costs a layout in O(1) plus one render.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "mapscope-map-view.h"
#include "mapscope-map-export.h"
#include "mapscope-map-record.h"
#include "mapscope-views-private.h"

#define MAX_ZOOM        1e9
#define WHEEL_FACTOR    1.25
#define KEY_FACTOR      2.0
#define SELECTION_WIDTH 2.0
#define ANIMATION_MS    250
/* A region selected elsewhere is zoomed to until it is this wide at least. */
#define MIN_REVEAL_SHARE 0.125

struct _MapscopeMapView
{
  MapscopeView       parent_instance;

  MapscopeWorkspace *workspace;  /* borrowed: MapscopeView's, kept in step */
  MapscopeSnapshot  *snapshot;   /* the workspace's current one, when laid out */
  MapscopeMapLayout *layout;     /* NULL: to build at the next frame */
  GskRenderNode     *node;       /* the static picture; NULL: to record */

  double             zoom;
  guint64            center;
  gboolean           linear;

  MapscopeMapLayout *drag_layout;  /* the view as it was when a drag began */
  double             pointer_x, pointer_y;
  double             pinch_zoom;     /* the zoom when a pinch began */
  double             pinch_x, pinch_y;  /* and the point it is anchored at */

  /* Changes since the baseline */
  MapscopeMapOverlay *overlay;     /* NULL: none, or to make */
  gboolean           show_changes;

  gboolean           selecting;    /* the selection change comes from a click here */

  /* Animated moves, between two views */
  AdwAnimation      *animation;
  double             from_zoom, to_zoom;
  double             from_position, to_position;  /* on the zoom-1 axis, pixels */
  guint64            to_center;
};

enum
{
  VIEW_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (MapscopeMapView, mapscope_map_view, MAPSCOPE_TYPE_VIEW)

static void
invalidate (MapscopeMapView *self,
            gboolean         layout_too)
{
  g_clear_pointer (&self->node, gsk_render_node_unref);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (layout_too)
    {
      g_clear_pointer (&self->layout, mapscope_map_layout_free);
      g_signal_emit (self, signals[VIEW_CHANGED], 0);
    }
}

static MapscopeMapLayout *
new_layout (MapscopeMapView *self,
            double           zoom,
            guint64          center)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  if (self->snapshot == NULL || mapscope_snapshot_get_n_regions (self->snapshot) == 0 ||
      width <= 0 || height <= 0)
    return NULL;

  return mapscope_map_layout_new (self->snapshot, width, height, zoom, center, self->linear);
}

static MapscopeMapLayout *
ensure_layout (MapscopeMapView *self)
{
  if (self->layout == NULL)
    self->layout = new_layout (self, self->zoom, self->center);
  return self->layout;
}

/* The address shown @delta pixels along the axis from the middle of the
 * middle row of @layout (which is where the center goes). */
static guint64
address_from_middle (MapscopeMapLayout *layout,
                     double             delta)
{
  const MapscopeRegion *regions;
  guint n_regions;
  guint64 address;

  if (mapscope_map_layout_point_to_address (layout,
                                            mapscope_map_layout_get_width (layout) / 2 + delta,
                                            mapscope_map_layout_get_n_rows (layout) / 2,
                                            &address))
    return address;

  /* Off the axis: stop at its end. */
  regions = mapscope_snapshot_get_regions (mapscope_map_layout_get_snapshot (layout), &n_regions);
  return delta < 0 ? regions[0].start : regions[n_regions - 1].end - 1;
}

static void
apply_view (MapscopeMapView *self,
            double           zoom,
            guint64          center)
{
  self->zoom = CLAMP (zoom, 1, MAX_ZOOM);
  self->center = center;
  invalidate (self, TRUE);
}

static void
stop_animation (MapscopeMapView *self)
{
  if (self->animation != NULL)
    {
      adw_animation_pause (self->animation);
      g_clear_object (&self->animation);
    }
}

/* Every move but an animation's own frames ends the animation. */
static void
set_view (MapscopeMapView *self,
          double           zoom,
          guint64          center)
{
  stop_animation (self);
  apply_view (self, zoom, center);
}

static void
pan (MapscopeMapView *self,
     double           delta)
{
  MapscopeMapLayout *layout = ensure_layout (self);

  if (layout != NULL)
    set_view (self, self->zoom, address_from_middle (layout, delta));
}

/* Distance along the unwrapped axis from the view's start to (@x, @y). */
static double
axis_position (MapscopeMapLayout *layout,
               double             x,
               double             y)
{
  guint row = (guint) CLAMP (floor (y / mapscope_map_layout_get_row_height (layout)), 0,
                             mapscope_map_layout_get_n_rows (layout) - 1);

  return row * mapscope_map_layout_get_width (layout) + x;
}

void
mapscope_map_view_zoom_at (MapscopeMapView *self,
                           double           factor,
                           double           x,
                           double           y)
{
  MapscopeMapLayout *layout;
  g_autoptr(MapscopeMapLayout) zoomed = NULL;
  double zoom, before, after;
  guint64 anchor;
  guint row;

  g_return_if_fail (MAPSCOPE_IS_MAP_VIEW (self));

  layout = ensure_layout (self);
  zoom = CLAMP (self->zoom * factor, 1, MAX_ZOOM);
  if (layout == NULL || zoom == self->zoom)
    return;

  /* Zoom around the middle, then pan so the anchor is back under (x, y). */
  before = axis_position (layout, x, y);
  row = (guint) (before / mapscope_map_layout_get_width (layout));
  if (!mapscope_map_layout_point_to_address (layout,
                                             before - row * mapscope_map_layout_get_width (layout),
                                             row, &anchor))
    {
      set_view (self, zoom, self->center);
      return;
    }

  zoomed = new_layout (self, zoom, address_from_middle (layout, 0));
  mapscope_map_layout_address_to_point (zoomed, anchor, &x, &row);
  after = row * mapscope_map_layout_get_width (zoomed) + x;
  set_view (self, zoom, address_from_middle (zoomed, after - before));
}

void
mapscope_map_view_reset_zoom (MapscopeMapView *self)
{
  g_return_if_fail (MAPSCOPE_IS_MAP_VIEW (self));
  set_view (self, 1, 0);
}

double
mapscope_map_view_get_zoom (MapscopeMapView *self)
{
  g_return_val_if_fail (MAPSCOPE_IS_MAP_VIEW (self), 1);
  return self->zoom;
}

guint64
mapscope_map_view_get_center (MapscopeMapView *self)
{
  MapscopeMapLayout *layout;

  g_return_val_if_fail (MAPSCOPE_IS_MAP_VIEW (self), 0);

  /* The layout may have moved the center to keep the view on the axis. */
  layout = ensure_layout (self);
  return layout != NULL ? address_from_middle (layout, 0) : self->center;
}

void
mapscope_map_view_set_view (MapscopeMapView *self,
                            double           zoom,
                            guint64          center)
{
  g_return_if_fail (MAPSCOPE_IS_MAP_VIEW (self));
  set_view (self, zoom, center);
}

/* Animated moves. They go along the axis of the whole view at zoom 1, where
 * a gap of terabytes is a narrow break, rather than through the addresses,
 * which would spend the animation crossing the gap. The zoom changes
 * geometrically, so each frame magnifies by the same factor. */

static double
whole_axis_position (MapscopeMapLayout *whole,
                     guint64            address)
{
  return mapscope_map_layout_get_address_x (whole, address);
}

static guint64
whole_axis_address (MapscopeMapLayout *whole,
                    double             position)
{
  double width = mapscope_map_layout_get_width (whole);
  guint row = (guint) CLAMP (floor (position / width), 0,
                             mapscope_map_layout_get_n_rows (whole) - 1);
  guint64 address;

  if (!mapscope_map_layout_point_to_address (whole, position - row * width, row, &address))
    return address_from_middle (whole, position < 0 ? -G_MAXDOUBLE : G_MAXDOUBLE);
  return address;
}

static void
animation_step (double           value,
                MapscopeMapView *self)
{
  g_autoptr(MapscopeMapLayout) whole = new_layout (self, 1, 0);
  double zoom = exp (log (self->from_zoom) + (log (self->to_zoom) - log (self->from_zoom)) * value);

  if (whole == NULL)
    return;
  apply_view (self, zoom,
              whole_axis_address (whole, self->from_position +
                                         (self->to_position - self->from_position) * value));
}

static void
animation_done (MapscopeMapView *self)
{
  apply_view (self, self->to_zoom, self->to_center);
}

static void
animate_to (MapscopeMapView *self,
            double           zoom,
            guint64          center)
{
  g_autoptr(MapscopeMapLayout) whole = new_layout (self, 1, 0);
  AdwAnimationTarget *target;

  stop_animation (self);
  if (whole == NULL)
    {
      apply_view (self, zoom, center);
      return;
    }

  self->from_zoom = self->zoom;
  self->to_zoom = CLAMP (zoom, 1, MAX_ZOOM);
  self->from_position = whole_axis_position (whole, mapscope_map_view_get_center (self));
  self->to_position = whole_axis_position (whole, center);
  self->to_center = center;

  target = adw_callback_animation_target_new ((AdwAnimationTargetFunc) animation_step, self, NULL);
  self->animation = adw_timed_animation_new (GTK_WIDGET (self), 0, 1, ANIMATION_MS, target);
  adw_timed_animation_set_easing (ADW_TIMED_ANIMATION (self->animation), ADW_EASE_OUT_CUBIC);
  g_signal_connect_swapped (self->animation, "done", G_CALLBACK (animation_done), self);
  adw_animation_play (self->animation);
}

void
mapscope_map_view_zoom_to_region (MapscopeMapView *self,
                                  guint            index)
{
  MapscopeMapLayout *layout;
  const MapscopeRegion *region;

  g_return_if_fail (MAPSCOPE_IS_MAP_VIEW (self));

  layout = ensure_layout (self);
  if (layout == NULL || index >= mapscope_snapshot_get_n_regions (self->snapshot))
    return;

  region = mapscope_snapshot_get_region (self->snapshot, index);
  animate_to (self, mapscope_map_layout_get_zoom_for_range (layout, region->start, region->end),
              region->start + mapscope_region_get_size (region) / 2);
}

/* Brings region @index into view, zoomed in until it is wide enough to
 * see; a view that shows it well already stays. */
static void
reveal_region (MapscopeMapView *self,
               guint            index)
{
  MapscopeMapLayout *layout = ensure_layout (self);
  const MapscopeRegion *region;
  double x, w, view_length, zoom;

  if (layout == NULL || index >= mapscope_snapshot_get_n_regions (self->snapshot))
    return;

  region = mapscope_snapshot_get_region (self->snapshot, index);
  x = mapscope_map_layout_get_region_x (layout, index);
  w = mapscope_map_layout_get_region_width (layout, index);
  view_length = mapscope_map_layout_get_width (layout) * mapscope_map_layout_get_n_rows (layout);
  if (x >= 0 && x + MIN (w, mapscope_map_layout_get_width (layout)) <= view_length &&
      w >= mapscope_map_layout_get_width (layout) * MIN_REVEAL_SHARE)
    return;

  zoom = MAX (self->zoom, mapscope_map_layout_get_zoom_for_range (layout, region->start,
                                                                  region->end) *
                          MIN_REVEAL_SHARE);
  animate_to (self, zoom, region->start + mapscope_region_get_size (region) / 2);
}

gboolean
mapscope_map_view_get_linear (MapscopeMapView *self)
{
  g_return_val_if_fail (MAPSCOPE_IS_MAP_VIEW (self), FALSE);
  return self->linear;
}

void
mapscope_map_view_set_linear (MapscopeMapView *self,
                              gboolean         linear)
{
  g_return_if_fail (MAPSCOPE_IS_MAP_VIEW (self));

  linear = !!linear;
  if (linear == self->linear)
    return;

  /* Keep the middle where it is: the same address on the other axis. */
  self->center = mapscope_map_view_get_center (self);
  self->linear = linear;
  stop_animation (self);
  invalidate (self, TRUE);
}

gboolean
mapscope_map_view_get_show_changes (MapscopeMapView *self)
{
  g_return_val_if_fail (MAPSCOPE_IS_MAP_VIEW (self), FALSE);
  return self->show_changes;
}

void
mapscope_map_view_set_show_changes (MapscopeMapView *self,
                                    gboolean         show_changes)
{
  g_return_if_fail (MAPSCOPE_IS_MAP_VIEW (self));

  show_changes = !!show_changes;
  if (show_changes == self->show_changes)
    return;
  self->show_changes = show_changes;
  invalidate (self, FALSE);
}

/* The overlay of the workspace's diff, when it is to be shown over this
 * snapshot; made once per diff. */
static MapscopeMapOverlay *
ensure_overlay (MapscopeMapView *self)
{
  MapscopeDiff *diff = self->workspace != NULL ? mapscope_workspace_get_diff (self->workspace)
                                               : NULL;

  if (!self->show_changes || diff == NULL || mapscope_diff_get_new_snapshot (diff) != self->snapshot)
    return NULL;
  if (self->overlay != NULL && mapscope_map_overlay_get_diff (self->overlay) != diff)
    g_clear_pointer (&self->overlay, mapscope_map_overlay_free);
  if (self->overlay == NULL)
    self->overlay = mapscope_map_overlay_new (diff);
  return self->overlay;
}

gboolean
mapscope_map_view_get_has_changes (MapscopeMapView *self)
{
  MapscopeDiff *diff;

  g_return_val_if_fail (MAPSCOPE_IS_MAP_VIEW (self), FALSE);

  diff = self->workspace != NULL ? mapscope_workspace_get_diff (self->workspace) : NULL;
  return diff != NULL && mapscope_diff_get_new_snapshot (diff) == self->snapshot;
}

gboolean
mapscope_map_view_get_visible_range (MapscopeMapView *self,
                                     guint64         *start,
                                     guint64         *end)
{
  MapscopeMapLayout *layout;
  double view_length;

  g_return_val_if_fail (MAPSCOPE_IS_MAP_VIEW (self), FALSE);

  layout = ensure_layout (self);
  if (layout == NULL)
    return FALSE;

  view_length = mapscope_map_layout_get_width (layout) * mapscope_map_layout_get_n_rows (layout);
  *start = address_from_middle (layout, -mapscope_map_layout_get_width (layout) / 2 -
                                        (mapscope_map_layout_get_n_rows (layout) / 2) *
                                        mapscope_map_layout_get_width (layout));
  *end = address_from_middle (layout, view_length - mapscope_map_layout_get_width (layout) / 2 -
                                      (mapscope_map_layout_get_n_rows (layout) / 2) *
                                      mapscope_map_layout_get_width (layout));
  return TRUE;
}

gboolean
mapscope_map_view_export (MapscopeMapView  *self,
                          const char       *path,
                          GError          **error)
{
  MapscopeMapLayout *layout;

  g_return_val_if_fail (MAPSCOPE_IS_MAP_VIEW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  layout = ensure_layout (self);
  if (layout == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                           _("There is no map to export"));
      return FALSE;
    }

  return mapscope_map_export (path, layout, mapscope_workspace_get_filter (self->workspace),
                              ensure_overlay (self), _mapscope_views_is_dark (), error);
}

/* Input */

static gboolean
scrolled (GtkEventControllerScroll *controller,
          double                    dx,
          double                    dy,
          MapscopeMapView          *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (
    GTK_EVENT_CONTROLLER (controller));
  gboolean wheel = gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_WHEEL;

  if (state & GDK_CONTROL_MASK)
    {
      /* Wheel steps zoom by a fixed factor; touchpads send pixels. */
      double factor = wheel ? pow (WHEEL_FACTOR, -dy) : exp (-dy / 100);

      mapscope_map_view_zoom_at (self, factor, self->pointer_x, self->pointer_y);
    }
  else
    pan (self, (dx + dy) * (wheel ? gtk_widget_get_width (GTK_WIDGET (self)) / 4.0 : 1));

  return TRUE;
}

static void
pointer_moved (GtkEventControllerMotion *controller,
               double                    x,
               double                    y,
               MapscopeMapView          *self)
{
  self->pointer_x = x;
  self->pointer_y = y;
}

static gboolean
key_pressed (GtkEventControllerKey *controller,
             guint                  keyval,
             guint                  keycode,
             GdkModifierType        state,
             MapscopeMapView       *self)
{
  double x = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
  double y = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;

  switch (keyval)
    {
    case GDK_KEY_plus:
    case GDK_KEY_equal:
    case GDK_KEY_KP_Add:
      mapscope_map_view_zoom_at (self, KEY_FACTOR, x, y);
      return TRUE;
    case GDK_KEY_minus:
    case GDK_KEY_KP_Subtract:
      mapscope_map_view_zoom_at (self, 1 / KEY_FACTOR, x, y);
      return TRUE;
    case GDK_KEY_0:
    case GDK_KEY_KP_0:
      mapscope_map_view_reset_zoom (self);
      return TRUE;
    case GDK_KEY_Left:
    case GDK_KEY_Right:
      pan (self, (keyval == GDK_KEY_Left ? -x : x) / 2);
      return TRUE;
    default:
      return FALSE;
    }
}

/* Pinch: the touchpad or touchscreen gesture's scale is relative to where
 * it began, anchored at the centre of the fingers then. */
static void
pinch_begin (GtkGesture       *gesture,
             GdkEventSequence *sequence,
             MapscopeMapView  *self)
{
  self->pinch_zoom = self->zoom;
  if (!gtk_gesture_is_active (gesture) ||
      !gtk_gesture_get_bounding_box_center (gesture, &self->pinch_x, &self->pinch_y))
    {
      self->pinch_x = self->pointer_x;
      self->pinch_y = self->pointer_y;
    }
}

static void
pinch_scale_changed (GtkGestureZoom  *gesture,
                     double           scale,
                     MapscopeMapView *self)
{
  if (self->pinch_zoom > 0 && scale > 0)
    mapscope_map_view_zoom_at (self, self->pinch_zoom * scale / self->zoom,
                               self->pinch_x, self->pinch_y);
}

static void
drag_begin (GtkGestureDrag  *gesture,
            double           x,
            double           y,
            MapscopeMapView *self)
{
  g_clear_pointer (&self->drag_layout, mapscope_map_layout_free);
  self->drag_layout = new_layout (self, self->zoom, self->center);
}

static void
drag_update (GtkGestureDrag  *gesture,
             double           dx,
             double           dy,
             MapscopeMapView *self)
{
  double rows;

  if (self->drag_layout == NULL)
    return;

  /* Horizontal moves slide along the row; vertical ones go row by row. */
  rows = round (dy / mapscope_map_layout_get_row_height (self->drag_layout));
  set_view (self, self->zoom,
            address_from_middle (self->drag_layout,
                                 -(dx + rows * mapscope_map_layout_get_width (self->drag_layout))));
}

static void
drag_end (GtkGestureDrag  *gesture,
          double           dx,
          double           dy,
          MapscopeMapView *self)
{
  g_clear_pointer (&self->drag_layout, mapscope_map_layout_free);
}

static void
clicked (GtkGestureClick *gesture,
         int              n_press,
         double           x,
         double           y,
         MapscopeMapView *self)
{
  MapscopeMapLayout *layout = ensure_layout (self);
  gint index;

  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (layout == NULL || self->workspace == NULL)
    return;

  index = mapscope_map_layout_hit_test (layout, x, y);
  /* The map is where the user looks already: it does not move to follow. */
  self->selecting = TRUE;
  mapscope_workspace_set_selected_index (self->workspace, index);
  self->selecting = FALSE;

  if (n_press == 2 && index >= 0)
    mapscope_map_view_zoom_to_region (self, index);
}

/* What changed in region @index since the baseline, when changes are shown;
 * NULL when nothing did. */
static char *
describe_change (MapscopeMapView *self,
                 guint            index)
{
  MapscopeMapOverlay *overlay = ensure_overlay (self);
  MapscopeDiff *diff = overlay != NULL ? mapscope_map_overlay_get_diff (overlay) : NULL;
  const MapscopeDiffEntry *entry;
  g_autofree char *rss = NULL;
  gint64 delta;
  gint e;

  if (diff == NULL || (e = mapscope_diff_find_new_entry (diff, index)) < 0)
    return NULL;

  entry = mapscope_diff_get_entry (diff, e);
  if (entry->status == MAPSCOPE_DIFF_NEW)
    return g_strdup (_("New since the baseline"));
  if (entry->status != MAPSCOPE_DIFF_GROWN && entry->status != MAPSCOPE_DIFF_SHRUNK)
    return NULL;

  delta = mapscope_diff_get_entry_delta (diff, entry, MAPSCOPE_FIELD_RSS);
  rss = _mapscope_views_format_bytes (1024 * (guint64) ABS (delta));
  /* Translators: %s%s is a sign and an amount of memory, as in "+12 MiB" */
  return g_strdup_printf (_("RSS %s%s since the baseline"), delta < 0 ? "−" : "+", rss);
}

char *
mapscope_map_view_dup_tooltip_text (MapscopeMapView *self,
                                    double           x,
                                    double           y)
{
  MapscopeMapLayout *layout;
  const MapscopeRegion *region;
  g_autofree char *start = NULL, *end = NULL, *size = NULL, *rss = NULL, *pss = NULL;
  g_autofree char *swap = NULL, *change = NULL;
  char perms[5];
  gint index;

  g_return_val_if_fail (MAPSCOPE_IS_MAP_VIEW (self), NULL);

  layout = ensure_layout (self);
  if (layout == NULL || (index = mapscope_map_layout_hit_test (layout, x, y)) < 0)
    return NULL;

  region = mapscope_snapshot_get_region (self->snapshot, index);
  mapscope_region_format_perms (region, perms);
  start = _mapscope_views_format_address (region->start);
  end = _mapscope_views_format_address (region->end);
  size = _mapscope_views_format_bytes (mapscope_region_get_size (region));
#define FIELD_TEXT(field) \
  _mapscope_views_format_bytes (1024 * mapscope_snapshot_get_value_or_zero (self->snapshot, \
                                                                           region, (field)))
  rss = FIELD_TEXT (MAPSCOPE_FIELD_RSS);
  pss = FIELD_TEXT (MAPSCOPE_FIELD_PSS);
  swap = FIELD_TEXT (MAPSCOPE_FIELD_SWAP);
#undef FIELD_TEXT
  change = describe_change (self, index);
  return g_strdup_printf ("%s–%s %s\n%s\n%s: %s · RSS: %s · PSS: %s · %s: %s%s%s",
                          start, end, perms,
                          region->path != NULL ? region->path
                                               : mapscope_category_get_label (region->category),
                          _("Size"), size, rss, pss, _("Swap"), swap,
                          change != NULL ? "\n" : "", change != NULL ? change : "");
}

static gboolean
query_tooltip (GtkWidget  *widget,
               int         x,
               int         y,
               gboolean    keyboard,
               GtkTooltip *tooltip)
{
  g_autofree char *text = mapscope_map_view_dup_tooltip_text (MAPSCOPE_MAP_VIEW (widget), x, y);

  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* Drawing */

static void
append_selection (MapscopeMapView *self,
                  GtkSnapshot     *snapshot)
{
  MapscopeMapLayout *layout = self->layout;
  gint index = mapscope_workspace_get_selected_index (self->workspace);
  double width = mapscope_map_layout_get_width (layout);
  double row_height = mapscope_map_layout_get_row_height (layout);
  guint n_rows = mapscope_map_layout_get_n_rows (layout);
  const float border[4] = { SELECTION_WIDTH, SELECTION_WIDTH, SELECTION_WIDTH, SELECTION_WIDTH };
  GdkRGBA colors[4];
  double a, b;

  if (index < 0 || (guint) index >= mapscope_snapshot_get_n_regions (self->snapshot))
    return;

  for (guint i = 0; i < G_N_ELEMENTS (colors); i++)
    colors[i] = _mapscope_views_is_dark () ? (GdkRGBA) { 1, 1, 1, 1 } : (GdkRGBA) { 0, 0, 0, 1 };

  /* Wide enough to see even when the region is a sliver; one outline per row
   * the region spans. */
  a = MAX (0, mapscope_map_layout_get_region_x (layout, index) - SELECTION_WIDTH);
  b = MIN (width * n_rows, a + MAX (mapscope_map_layout_get_region_width (layout, index),
                                    0) + 2 * SELECTION_WIDTH);
  while (a < b)
    {
      guint row = (guint) (a / width);
      double row_end = MIN ((row + 1) * width, b);
      GskRoundedRect outline;

      gsk_rounded_rect_init_from_rect (&outline,
                                       &GRAPHENE_RECT_INIT (a - row * width,
                                                            row * row_height +
                                                            MAPSCOPE_MAP_RULER_HEIGHT,
                                                            row_end - a,
                                                            row_height -
                                                            MAPSCOPE_MAP_RULER_HEIGHT -
                                                            MAPSCOPE_MAP_BAR_MARGIN),
                                       0);
      gtk_snapshot_append_border (snapshot, &outline, border, colors);
      a = row_end;
    }
}

static void
mapscope_map_view_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  MapscopeMapView *self = MAPSCOPE_MAP_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  if (ensure_layout (self) == NULL)
    return;

  if (self->node == NULL)
    self->node = _mapscope_map_record (self->layout,
                                       mapscope_workspace_get_filter (self->workspace),
                                       ensure_overlay (self), width, height);

  if (self->node != NULL)
    gtk_snapshot_append_node (snapshot, self->node);
  append_selection (self, snapshot);
}

static void
mapscope_map_view_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  gboolean horizontal = orientation == GTK_ORIENTATION_HORIZONTAL;

  *minimum = horizontal ? 200 : (int) MAPSCOPE_MAP_MIN_ROW_HEIGHT;
  *natural = horizontal ? 800 : 480;
}

static void
mapscope_map_view_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  invalidate (MAPSCOPE_MAP_VIEW (widget), TRUE);
}

/* Workspace */

static void
diff_changed (MapscopeMapView *self)
{
  g_clear_pointer (&self->overlay, mapscope_map_overlay_free);
  invalidate (self, FALSE);
  g_signal_emit (self, signals[VIEW_CHANGED], 0);
}

/* Selecting in the table or the inspector brings the region into view. */
static void
selection_changed (MapscopeMapView *self)
{
  gint index = mapscope_workspace_get_selected_index (self->workspace);

  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (!self->selecting && index >= 0 && self->snapshot == mapscope_workspace_get_current (self->workspace))
    reveal_region (self, index);
}

static void
current_changed (MapscopeMapView *self)
{
  MapscopeSnapshot *current = self->workspace != NULL
                              ? mapscope_workspace_get_current (self->workspace)
                              : NULL;

  if (current == self->snapshot)
    return;

  /* Keep the zoom across snapshots of the same process: they are compared. */
  g_set_object (&self->snapshot, current);
  g_clear_pointer (&self->drag_layout, mapscope_map_layout_free);
  invalidate (self, TRUE);
}

static void
picture_changed (MapscopeMapView *self)
{
  invalidate (self, FALSE);
}

static void
mapscope_map_view_workspace_changed (MapscopeView      *view,
                                     MapscopeWorkspace *old_workspace,
                                     MapscopeWorkspace *workspace)
{
  MapscopeMapView *self = MAPSCOPE_MAP_VIEW (view);

  self->workspace = workspace;
  if (workspace != NULL)
    {
      g_signal_connect_object (workspace, "notify::current",
                               G_CALLBACK (current_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (workspace, "notify::selected-index",
                               G_CALLBACK (selection_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (workspace, "notify::diff",
                               G_CALLBACK (diff_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (mapscope_workspace_get_filter (workspace), "changed",
                               G_CALLBACK (picture_changed), self, G_CONNECT_SWAPPED);
    }
  current_changed (self);
  diff_changed (self);
}

MapscopeWorkspace *
mapscope_map_view_get_workspace (MapscopeMapView *self)
{
  g_return_val_if_fail (MAPSCOPE_IS_MAP_VIEW (self), NULL);
  return mapscope_view_get_workspace (MAPSCOPE_VIEW (self));
}

void
mapscope_map_view_set_workspace (MapscopeMapView   *self,
                                 MapscopeWorkspace *workspace)
{
  g_return_if_fail (MAPSCOPE_IS_MAP_VIEW (self));
  mapscope_view_set_workspace (MAPSCOPE_VIEW (self), workspace);
}

GtkWidget *
mapscope_map_view_new (MapscopeWorkspace *workspace)
{
  return g_object_new (MAPSCOPE_TYPE_MAP_VIEW, "workspace", workspace, NULL);
}

static void
mapscope_map_view_dispose (GObject *object)
{
  MapscopeMapView *self = MAPSCOPE_MAP_VIEW (object);

  self->workspace = NULL;
  g_clear_pointer (&self->layout, mapscope_map_layout_free);
  g_clear_pointer (&self->drag_layout, mapscope_map_layout_free);
  g_clear_pointer (&self->node, gsk_render_node_unref);
  g_clear_object (&self->snapshot);
  g_clear_pointer (&self->overlay, mapscope_map_overlay_free);
  stop_animation (self);

  G_OBJECT_CLASS (mapscope_map_view_parent_class)->dispose (object);
}

static void
mapscope_map_view_class_init (MapscopeMapViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  MapscopeViewClass *view_class = MAPSCOPE_VIEW_CLASS (klass);

  object_class->dispose = mapscope_map_view_dispose;

  widget_class->snapshot = mapscope_map_view_snapshot;
  widget_class->measure = mapscope_map_view_measure;
  widget_class->size_allocate = mapscope_map_view_size_allocate;
  widget_class->query_tooltip = query_tooltip;
  view_class->workspace_changed = mapscope_map_view_workspace_changed;

  gtk_widget_class_set_css_name (widget_class, "mapscope-map-view");

  /* The part of the address space in view moved, or what it shows changed. */
  signals[VIEW_CHANGED] = g_signal_new ("view-changed", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 0);
}

static void
mapscope_map_view_init (MapscopeMapView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkEventController *scroll, *motion, *key;
  GtkGesture *drag, *click, *pinch;

  self->zoom = 1;
  self->show_changes = TRUE;
  gtk_widget_set_focusable (widget, TRUE);
  gtk_widget_set_has_tooltip (widget, TRUE);
  gtk_widget_set_hexpand (widget, TRUE);
  gtk_widget_set_vexpand (widget, TRUE);

  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect (scroll, "scroll", G_CALLBACK (scrolled), self);
  gtk_widget_add_controller (widget, scroll);

  motion = gtk_event_controller_motion_new ();
  g_signal_connect (motion, "enter", G_CALLBACK (pointer_moved), self);
  g_signal_connect (motion, "motion", G_CALLBACK (pointer_moved), self);
  gtk_widget_add_controller (widget, motion);

  key = gtk_event_controller_key_new ();
  g_signal_connect (key, "key-pressed", G_CALLBACK (key_pressed), self);
  gtk_widget_add_controller (widget, key);

  drag = gtk_gesture_drag_new ();
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (drag_end), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (drag));

  pinch = gtk_gesture_zoom_new ();
  g_signal_connect (pinch, "begin", G_CALLBACK (pinch_begin), self);
  g_signal_connect (pinch, "scale-changed", G_CALLBACK (pinch_scale_changed), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (pinch));

  click = gtk_gesture_click_new ();
  g_signal_connect (click, "released", G_CALLBACK (clicked), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (click));

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (picture_changed), self, G_CONNECT_SWAPPED);
}
