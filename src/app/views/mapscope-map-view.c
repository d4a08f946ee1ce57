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
#include "mapscope-map-renderer.h"
#include "mapscope-views-private.h"

#define MAX_ZOOM        1e9
#define WHEEL_FACTOR    1.25
#define KEY_FACTOR      2.0
#define SELECTION_WIDTH 2.0

struct _MapscopeMapView
{
  GtkWidget          parent_instance;

  MapscopeWorkspace *workspace;
  MapscopeSnapshot  *snapshot;   /* the workspace's current one, when laid out */
  MapscopeMapLayout *layout;     /* NULL: to build at the next frame */
  GskRenderNode     *node;       /* the static picture; NULL: to record */

  double             zoom;
  guint64            center;
  gboolean           linear;

  MapscopeMapLayout *drag_layout;  /* the view as it was when a drag began */
  double             pointer_x, pointer_y;
};

enum
{
  PROP_0,
  PROP_WORKSPACE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (MapscopeMapView, mapscope_map_view, GTK_TYPE_WIDGET)

static void
invalidate (MapscopeMapView *self,
            gboolean         layout_too)
{
  if (layout_too)
    g_clear_pointer (&self->layout, mapscope_map_layout_free);
  g_clear_pointer (&self->node, gsk_render_node_unref);
  gtk_widget_queue_draw (GTK_WIDGET (self));
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
set_view (MapscopeMapView *self,
          double           zoom,
          guint64          center)
{
  self->zoom = CLAMP (zoom, 1, MAX_ZOOM);
  self->center = center;
  invalidate (self, TRUE);
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

  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (layout != NULL && self->workspace != NULL)
    mapscope_workspace_set_selected_index (self->workspace,
                                           mapscope_map_layout_hit_test (layout, x, y));
}

static gboolean
query_tooltip (GtkWidget  *widget,
               int         x,
               int         y,
               gboolean    keyboard,
               GtkTooltip *tooltip)
{
  MapscopeMapView *self = MAPSCOPE_MAP_VIEW (widget);
  MapscopeMapLayout *layout = ensure_layout (self);
  const MapscopeRegion *region;
  g_autofree char *start = NULL, *end = NULL, *size = NULL, *rss = NULL, *pss = NULL;
  g_autofree char *swap = NULL, *text = NULL;
  char perms[5];
  gint index;

  if (layout == NULL || (index = mapscope_map_layout_hit_test (layout, x, y)) < 0)
    return FALSE;

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
  text = g_strdup_printf ("%s–%s %s\n%s\n%s: %s · RSS: %s · PSS: %s · %s: %s",
                          start, end, perms,
                          region->path != NULL ? region->path
                                               : mapscope_category_get_label (region->category),
                          _("Size"), size, rss, pss, _("Swap"), swap);
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
    {
      GtkSnapshot *recorder = gtk_snapshot_new ();
      cairo_t *cr = gtk_snapshot_append_cairo (recorder,
                                               &GRAPHENE_RECT_INIT (0, 0, width, height));

      mapscope_map_render (cr, self->layout, self->snapshot,
                           mapscope_workspace_get_filter (self->workspace),
                           _mapscope_views_is_dark ());
      cairo_destroy (cr);
      self->node = gtk_snapshot_free_to_node (recorder);
    }

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

MapscopeWorkspace *
mapscope_map_view_get_workspace (MapscopeMapView *self)
{
  g_return_val_if_fail (MAPSCOPE_IS_MAP_VIEW (self), NULL);
  return self->workspace;
}

void
mapscope_map_view_set_workspace (MapscopeMapView   *self,
                                 MapscopeWorkspace *workspace)
{
  g_return_if_fail (MAPSCOPE_IS_MAP_VIEW (self));
  g_return_if_fail (workspace == NULL || MAPSCOPE_IS_WORKSPACE (workspace));

  if (!_mapscope_views_swap_workspace (self, &self->workspace, workspace))
    return;

  if (workspace != NULL)
    {
      g_signal_connect_object (workspace, "notify::current",
                               G_CALLBACK (current_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (workspace, "notify::selected-index",
                               G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (mapscope_workspace_get_filter (workspace), "changed",
                               G_CALLBACK (picture_changed), self, G_CONNECT_SWAPPED);
    }
  current_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKSPACE]);
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

  _mapscope_views_swap_workspace (self, &self->workspace, NULL);
  g_clear_pointer (&self->layout, mapscope_map_layout_free);
  g_clear_pointer (&self->drag_layout, mapscope_map_layout_free);
  g_clear_pointer (&self->node, gsk_render_node_unref);
  g_clear_object (&self->snapshot);

  G_OBJECT_CLASS (mapscope_map_view_parent_class)->dispose (object);
}

static void
mapscope_map_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  MapscopeMapView *self = MAPSCOPE_MAP_VIEW (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE:
      g_value_set_object (value, self->workspace);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mapscope_map_view_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  MapscopeMapView *self = MAPSCOPE_MAP_VIEW (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE:
      mapscope_map_view_set_workspace (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mapscope_map_view_class_init (MapscopeMapViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mapscope_map_view_dispose;
  object_class->get_property = mapscope_map_view_get_property;
  object_class->set_property = mapscope_map_view_set_property;

  widget_class->snapshot = mapscope_map_view_snapshot;
  widget_class->measure = mapscope_map_view_measure;
  widget_class->size_allocate = mapscope_map_view_size_allocate;
  widget_class->query_tooltip = query_tooltip;

  properties[PROP_WORKSPACE] =
    g_param_spec_object ("workspace", NULL, NULL, MAPSCOPE_TYPE_WORKSPACE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "mapscope-map-view");
}

static void
mapscope_map_view_init (MapscopeMapView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkEventController *scroll, *motion, *key;
  GtkGesture *drag, *click;

  self->zoom = 1;
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

  click = gtk_gesture_click_new ();
  g_signal_connect (click, "released", G_CALLBACK (clicked), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (click));

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (picture_changed), self, G_CONNECT_SWAPPED);
}

/* Restores a view saved with a session: @zoom as mapscope_map_view_get_zoom()
 * gave it, @center an address. */
void
mapscope_map_view_set_view (MapscopeMapView *self,
                            double           zoom,
                            guint64          center)
{
  g_return_if_fail (MAPSCOPE_IS_MAP_VIEW (self));
  set_view (self, zoom, center);
}
