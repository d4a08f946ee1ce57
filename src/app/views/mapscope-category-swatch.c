/* mapscope-category-swatch.c: a small dot in a category's palette color
 *
 * Used in table cells, filter toggles, legends and the inspector, so the
 * same category has the same color everywhere. It follows the dark style.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>

#include "mapscope-category-swatch.h"
#include "mapscope-palette.h"
#include "mapscope-views-private.h"

#define SWATCH_SIZE 12

struct _MapscopeCategorySwatch
{
  GtkWidget        parent_instance;

  MapscopeCategory category;
};

enum
{
  PROP_0,
  PROP_CATEGORY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (MapscopeCategorySwatch, mapscope_category_swatch, GTK_TYPE_WIDGET)

static void
mapscope_category_swatch_measure (GtkWidget      *widget,
                                  GtkOrientation  orientation,
                                  int             for_size,
                                  int            *minimum,
                                  int            *natural,
                                  int            *minimum_baseline,
                                  int            *natural_baseline)
{
  *minimum = *natural = SWATCH_SIZE;
}

static void
mapscope_category_swatch_snapshot (GtkWidget   *widget,
                                   GtkSnapshot *snapshot)
{
  MapscopeCategorySwatch *self = MAPSCOPE_CATEGORY_SWATCH (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  float side = MIN (width, height);
  MapscopeColor color;
  GskRoundedRect dot;
  GdkRGBA rgba;

  mapscope_palette_get_category_color (self->category, _mapscope_views_is_dark (), &color);
  rgba = (GdkRGBA) { color.red, color.green, color.blue, 1 };
  gsk_rounded_rect_init_from_rect (&dot,
                                   &GRAPHENE_RECT_INIT ((width - side) / 2,
                                                        (height - side) / 2,
                                                        side, side),
                                   side / 2);
  gtk_snapshot_push_rounded_clip (snapshot, &dot);
  gtk_snapshot_append_color (snapshot, &rgba, &dot.bounds);
  gtk_snapshot_pop (snapshot);
}

static void
mapscope_category_swatch_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  MapscopeCategorySwatch *self = MAPSCOPE_CATEGORY_SWATCH (object);

  switch (prop_id)
    {
    case PROP_CATEGORY:
      g_value_set_uint (value, self->category);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mapscope_category_swatch_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  MapscopeCategorySwatch *self = MAPSCOPE_CATEGORY_SWATCH (object);

  switch (prop_id)
    {
    case PROP_CATEGORY:
      mapscope_category_swatch_set_category (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mapscope_category_swatch_class_init (MapscopeCategorySwatchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = mapscope_category_swatch_get_property;
  object_class->set_property = mapscope_category_swatch_set_property;
  widget_class->measure = mapscope_category_swatch_measure;
  widget_class->snapshot = mapscope_category_swatch_snapshot;

  properties[PROP_CATEGORY] =
    g_param_spec_uint ("category", NULL, NULL, 0, MAPSCOPE_N_CATEGORIES - 1, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "swatch");
}

static void
mapscope_category_swatch_init (MapscopeCategorySwatch *self)
{
  gtk_widget_set_valign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
  /* Redraw in the other palette when the style flips. */
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
}

GtkWidget *
mapscope_category_swatch_new (MapscopeCategory category)
{
  return g_object_new (MAPSCOPE_TYPE_CATEGORY_SWATCH, "category", category, NULL);
}

MapscopeCategory
mapscope_category_swatch_get_category (MapscopeCategorySwatch *self)
{
  g_return_val_if_fail (MAPSCOPE_IS_CATEGORY_SWATCH (self), 0);
  return self->category;
}

void
mapscope_category_swatch_set_category (MapscopeCategorySwatch *self,
                                       MapscopeCategory        category)
{
  g_return_if_fail (MAPSCOPE_IS_CATEGORY_SWATCH (self));
  g_return_if_fail (category < MAPSCOPE_N_CATEGORIES);

  if (self->category == category)
    return;
  self->category = category;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CATEGORY]);
}
