/* mapscope-map-legend.c: what the colors and marks of the map mean
 *
 * Each entry draws its sample with the map's own color functions, so the
 * legend cannot drift from the picture, in light and in dark mode alike.
 * Only the categories the snapshot has are listed, which keeps the legend
 * to one line on most windows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>
#include <glib/gi18n.h>

#include "mapscope-map-legend.h"
#include "mapscope-map-overlay.h"
#include "mapscope-map-renderer.h"
#include "mapscope-views-private.h"

#define SAMPLE_SIZE 14

/* Samples after the categories: the overlay's marks. */
enum
{
  SAMPLE_NEW = MAPSCOPE_N_CATEGORIES,
  SAMPLE_REMOVED,
  SAMPLE_GROWN,
  SAMPLE_SHRUNK,
};

struct _MapscopeMapLegend
{
  GtkWidget  parent_instance;

  GtkWidget *flow_box;
  guint      n_items;
};

G_DEFINE_FINAL_TYPE (MapscopeMapLegend, mapscope_map_legend, GTK_TYPE_WIDGET)

static void
set_source (cairo_t             *cr,
            const MapscopeColor *color)
{
  cairo_set_source_rgb (cr, color->red, color->green, color->blue);
}

static void
draw_diff_sample (cairo_t *cr,
                  int      kind,
                  double   size,
                  gboolean dark)
{
  static const double dashes[] = { 3.0, 2.0 };
  MapscopeColor color;

  switch (kind)
    {
    case SAMPLE_NEW:
      mapscope_map_get_diff_ink (MAPSCOPE_MAP_DIFF_INK_NEW, dark, &color);
      cairo_rectangle (cr, 1, 1, size - 2, size - 2);
      set_source (cr, &color);
      cairo_set_line_width (cr, 2);
      cairo_stroke (cr);
      break;
    case SAMPLE_REMOVED:
      mapscope_map_get_diff_ink (MAPSCOPE_MAP_DIFF_INK_REMOVED, dark, &color);
      cairo_rectangle (cr, 0.75, 0.75, size - 1.5, size - 1.5);
      set_source (cr, &color);
      cairo_set_line_width (cr, 1.5);
      cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
      cairo_stroke (cr);
      break;
    default:
      mapscope_map_get_diff_ink (kind == SAMPLE_GROWN ? MAPSCOPE_MAP_DIFF_INK_GROWN
                                                      : MAPSCOPE_MAP_DIFF_INK_SHRUNK,
                                 dark, &color);
      cairo_move_to (cr, size / 2, kind == SAMPLE_GROWN ? 2 : size - 2);
      cairo_line_to (cr, size - 1, kind == SAMPLE_GROWN ? size - 2 : 2);
      cairo_line_to (cr, 1, kind == SAMPLE_GROWN ? size - 2 : 2);
      cairo_close_path (cr);
      set_source (cr, &color);
      cairo_fill (cr);
      break;
    }
}

static void
draw_sample (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  int kind = GPOINTER_TO_INT (user_data);
  gboolean dark = _mapscope_views_is_dark ();
  MapscopeColor color;

  if (kind >= MAPSCOPE_N_CATEGORIES)
    {
      draw_diff_sample (cr, kind, MIN (width, height), dark);
      return;
    }

  /* A category: its resident color over its unresident one, as on the map. */
  mapscope_map_get_region_color (kind, MAPSCOPE_MAP_SHADE_UNRESIDENT, FALSE, dark, &color);
  cairo_rectangle (cr, 0, 0, width, height);
  set_source (cr, &color);
  cairo_fill (cr);
  mapscope_map_get_region_color (kind, MAPSCOPE_MAP_SHADE_RESIDENT, FALSE, dark, &color);
  cairo_rectangle (cr, 0, 0, width * 0.6, height);
  set_source (cr, &color);
  cairo_fill (cr);
}

static void
add_item (MapscopeMapLegend *self,
          int                kind,
          const char        *label,
          const char        *tooltip)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *sample = gtk_drawing_area_new ();
  GtkWidget *text = gtk_label_new (label);

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (sample), SAMPLE_SIZE);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (sample), SAMPLE_SIZE);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (sample), draw_sample,
                                  GINT_TO_POINTER (kind), NULL);
  gtk_widget_set_valign (sample, GTK_ALIGN_CENTER);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (gtk_widget_queue_draw), sample, G_CONNECT_SWAPPED);

  gtk_widget_add_css_class (text, "caption");
  gtk_box_append (GTK_BOX (box), sample);
  gtk_box_append (GTK_BOX (box), text);
  if (tooltip != NULL)
    gtk_widget_set_tooltip_text (box, tooltip);

  gtk_flow_box_append (GTK_FLOW_BOX (self->flow_box), box);
  gtk_widget_set_focusable (gtk_widget_get_parent (box), FALSE);
  self->n_items++;
}

void
mapscope_map_legend_update (MapscopeMapLegend *self,
                            MapscopeSnapshot  *snapshot,
                            gboolean           show_changes)
{
  gboolean present[MAPSCOPE_N_CATEGORIES] = { FALSE };
  const MapscopeRegion *regions = NULL;
  guint n_regions = 0;

  g_return_if_fail (MAPSCOPE_IS_MAP_LEGEND (self));

  if (snapshot != NULL)
    regions = mapscope_snapshot_get_regions (snapshot, &n_regions);
  for (guint i = 0; i < n_regions; i++)
    present[regions[i].category] = TRUE;

  _mapscope_views_remove_children (self->flow_box);
  self->n_items = 0;
  for (guint c = 0; c < MAPSCOPE_N_CATEGORIES; c++)
    if (snapshot == NULL || present[c])
      add_item (self, c, _(mapscope_category_get_label (c)), NULL);

  if (!show_changes)
    return;
  add_item (self, SAMPLE_NEW, _("New"), _("Regions the baseline did not have"));
  add_item (self, SAMPLE_REMOVED, _("Removed"), _("Regions of the baseline that went away"));
  add_item (self, SAMPLE_GROWN, _("Grew"), _("Resident memory grew since the baseline"));
  add_item (self, SAMPLE_SHRUNK, _("Shrank"), _("Resident memory shrank since the baseline"));
}

guint
mapscope_map_legend_get_n_items (MapscopeMapLegend *self)
{
  g_return_val_if_fail (MAPSCOPE_IS_MAP_LEGEND (self), 0);
  return self->n_items;
}

GtkWidget *
mapscope_map_legend_new (void)
{
  return g_object_new (MAPSCOPE_TYPE_MAP_LEGEND, NULL);
}

static void
mapscope_map_legend_dispose (GObject *object)
{
  MapscopeMapLegend *self = MAPSCOPE_MAP_LEGEND (object);

  g_clear_pointer (&self->flow_box, gtk_widget_unparent);

  G_OBJECT_CLASS (mapscope_map_legend_parent_class)->dispose (object);
}

static void
mapscope_map_legend_class_init (MapscopeMapLegendClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mapscope_map_legend_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "mapscope-map-legend");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
mapscope_map_legend_init (MapscopeMapLegend *self)
{
  self->flow_box = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (self->flow_box), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (self->flow_box), 32);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (self->flow_box), 12);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (self->flow_box), 2);
  gtk_widget_set_valign (self->flow_box, GTK_ALIGN_CENTER);
  gtk_widget_set_parent (self->flow_box, GTK_WIDGET (self));
  mapscope_map_legend_update (self, NULL, FALSE);
}
