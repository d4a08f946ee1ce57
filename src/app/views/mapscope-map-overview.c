/* mapscope-map-overview.c: the whole address space in one strip, with the
 * part a map view shows marked; dragging moves the view
 *
 * The strip is the core renderer's picture at zoom 1 in a single row,
 * recorded once per snapshot, size, axis and style. The marked part is
 * found from the first and last addresses the view shows, not from its
 * zoom: collapsed gaps keep a fixed width in pixels, so the two axes are
 * not in proportion.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>
#include <glib/gi18n.h>

#include "mapscope-map-overview.h"
#include "mapscope-map-record.h"
#include "mapscope-views-private.h"

#define STRIP_HEIGHT      40
#define MIN_WINDOW_WIDTH  4.0
#define FRAME_WIDTH       2.0

struct _MapscopeMapOverview
{
  GtkWidget          parent_instance;

  MapscopeMapView   *view;      /* borrowed: the page owns both */
  MapscopeSnapshot  *snapshot;  /* what the layout was made for */
  MapscopeMapLayout *layout;    /* NULL: to make */
  GskRenderNode     *node;      /* NULL: to record */
};

G_DEFINE_FINAL_TYPE (MapscopeMapOverview, mapscope_map_overview, GTK_TYPE_WIDGET)

static void
invalidate (MapscopeMapOverview *self)
{
  g_clear_pointer (&self->layout, mapscope_map_layout_free);
  g_clear_pointer (&self->node, gsk_render_node_unref);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static MapscopeSnapshot *
view_snapshot (MapscopeMapOverview *self)
{
  MapscopeWorkspace *workspace = self->view != NULL
                                 ? mapscope_map_view_get_workspace (self->view)
                                 : NULL;

  return workspace != NULL ? mapscope_workspace_get_current (workspace) : NULL;
}

static MapscopeMapLayout *
ensure_layout (MapscopeMapOverview *self)
{
  MapscopeSnapshot *snapshot = view_snapshot (self);
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  if (self->layout != NULL &&
      (self->snapshot != snapshot ||
       mapscope_map_layout_get_linear (self->layout) != mapscope_map_view_get_linear (self->view)))
    invalidate (self);

  if (self->layout == NULL && snapshot != NULL &&
      mapscope_snapshot_get_n_regions (snapshot) > 0 && width > 0 && height > 0)
    {
      g_set_object (&self->snapshot, snapshot);
      self->layout = mapscope_map_layout_new (snapshot, width, height, 1, 0,
                                              mapscope_map_view_get_linear (self->view));
    }
  return self->layout;
}

gboolean
mapscope_map_overview_get_window (MapscopeMapOverview *self,
                                  double              *x1,
                                  double              *x2)
{
  MapscopeMapLayout *layout;
  guint64 start, end;
  double width;

  g_return_val_if_fail (MAPSCOPE_IS_MAP_OVERVIEW (self), FALSE);

  layout = ensure_layout (self);
  if (layout == NULL || !mapscope_map_view_get_visible_range (self->view, &start, &end))
    return FALSE;

  width = mapscope_map_layout_get_width (layout);
  *x1 = CLAMP (mapscope_map_layout_get_address_x (layout, start), 0, width);
  *x2 = CLAMP (mapscope_map_layout_get_address_x (layout, end), 0, width);
  if (*x2 - *x1 < MIN_WINDOW_WIDTH)
    {
      double middle = CLAMP ((*x1 + *x2) / 2, MIN_WINDOW_WIDTH / 2, width - MIN_WINDOW_WIDTH / 2);

      *x1 = middle - MIN_WINDOW_WIDTH / 2;
      *x2 = middle + MIN_WINDOW_WIDTH / 2;
    }
  return TRUE;
}

void
mapscope_map_overview_move_to (MapscopeMapOverview *self,
                               double               x)
{
  MapscopeMapLayout *layout;
  guint64 address;

  g_return_if_fail (MAPSCOPE_IS_MAP_OVERVIEW (self));

  layout = ensure_layout (self);
  if (layout == NULL)
    return;

  x = CLAMP (x, 0, mapscope_map_layout_get_width (layout) - 1);
  if (mapscope_map_layout_point_to_address (layout, x, 0, &address))
    mapscope_map_view_set_view (self->view, mapscope_map_view_get_zoom (self->view), address);
}

static void
drag_begin (GtkGestureDrag      *gesture,
            double               x,
            double               y,
            MapscopeMapOverview *self)
{
  mapscope_map_overview_move_to (self, x);
}

static void
drag_update (GtkGestureDrag      *gesture,
             double               dx,
             double               dy,
             MapscopeMapOverview *self)
{
  double x, y;

  if (gtk_gesture_drag_get_start_point (gesture, &x, &y))
    mapscope_map_overview_move_to (self, x + dx);
}

static void
append_window (MapscopeMapOverview *self,
               GtkSnapshot         *snapshot,
               int                  width,
               int                  height)
{
  gboolean dark = _mapscope_views_is_dark ();
  GdkRGBA shade = dark ? (GdkRGBA) { 0, 0, 0, 0.55 } : (GdkRGBA) { 1, 1, 1, 0.6 };
  GdkRGBA ink = dark ? (GdkRGBA) { 1, 1, 1, 1 } : (GdkRGBA) { 0, 0, 0, 1 };
  const GdkRGBA frame[4] = { ink, ink, ink, ink };
  const float widths[4] = { FRAME_WIDTH, FRAME_WIDTH, FRAME_WIDTH, FRAME_WIDTH };
  GskRoundedRect outline;
  double x1, x2;

  if (!mapscope_map_overview_get_window (self, &x1, &x2))
    return;

  /* What the view does not show is washed out. */
  gtk_snapshot_append_color (snapshot, &shade, &GRAPHENE_RECT_INIT (0, 0, x1, height));
  gtk_snapshot_append_color (snapshot, &shade, &GRAPHENE_RECT_INIT (x2, 0, width - x2, height));
  gsk_rounded_rect_init_from_rect (&outline, &GRAPHENE_RECT_INIT (x1, 0, x2 - x1, height), 2);
  gtk_snapshot_append_border (snapshot, &outline, widths, frame);
}

static void
mapscope_map_overview_snapshot (GtkWidget   *widget,
                                GtkSnapshot *snapshot)
{
  MapscopeMapOverview *self = MAPSCOPE_MAP_OVERVIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  if (ensure_layout (self) == NULL)
    return;

  if (self->node == NULL)
    self->node = _mapscope_map_record (self->layout, NULL, NULL, width, height);

  if (self->node != NULL)
    gtk_snapshot_append_node (snapshot, self->node);
  append_window (self, snapshot, width, height);
}

static void
mapscope_map_overview_measure (GtkWidget      *widget,
                               GtkOrientation  orientation,
                               int             for_size,
                               int            *minimum,
                               int            *natural,
                               int            *minimum_baseline,
                               int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 100 : STRIP_HEIGHT;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 800 : STRIP_HEIGHT;
}

static void
mapscope_map_overview_size_allocate (GtkWidget *widget,
                                     int        width,
                                     int        height,
                                     int        baseline)
{
  invalidate (MAPSCOPE_MAP_OVERVIEW (widget));
}

GtkWidget *
mapscope_map_overview_new (MapscopeMapView *view)
{
  MapscopeMapOverview *self;

  g_return_val_if_fail (MAPSCOPE_IS_MAP_VIEW (view), NULL);

  self = g_object_new (MAPSCOPE_TYPE_MAP_OVERVIEW, NULL);
  self->view = view;
  g_object_add_weak_pointer (G_OBJECT (view), (gpointer *) &self->view);
  g_signal_connect_object (view, "view-changed", G_CALLBACK (gtk_widget_queue_draw), self,
                           G_CONNECT_SWAPPED);
  return GTK_WIDGET (self);
}

static void
mapscope_map_overview_dispose (GObject *object)
{
  MapscopeMapOverview *self = MAPSCOPE_MAP_OVERVIEW (object);

  if (self->view != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->view), (gpointer *) &self->view);
  self->view = NULL;
  g_clear_pointer (&self->layout, mapscope_map_layout_free);
  g_clear_pointer (&self->node, gsk_render_node_unref);
  g_clear_object (&self->snapshot);

  G_OBJECT_CLASS (mapscope_map_overview_parent_class)->dispose (object);
}

static void
mapscope_map_overview_class_init (MapscopeMapOverviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mapscope_map_overview_dispose;
  widget_class->snapshot = mapscope_map_overview_snapshot;
  widget_class->measure = mapscope_map_overview_measure;
  widget_class->size_allocate = mapscope_map_overview_size_allocate;
  gtk_widget_class_set_css_name (widget_class, "mapscope-map-overview");
}

static void
mapscope_map_overview_init (MapscopeMapOverview *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();

  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self),
                               _("The whole address space; drag to move the map"));
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (invalidate), self, G_CONNECT_SWAPPED);
}
