/* mapscope-category-swatch.h: a small dot in a category's palette color
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "mapscope-category.h"

G_BEGIN_DECLS

#define MAPSCOPE_TYPE_CATEGORY_SWATCH (mapscope_category_swatch_get_type ())

G_DECLARE_FINAL_TYPE (MapscopeCategorySwatch, mapscope_category_swatch, MAPSCOPE, CATEGORY_SWATCH, GtkWidget)

GtkWidget        *mapscope_category_swatch_new          (MapscopeCategory        category);
MapscopeCategory  mapscope_category_swatch_get_category (MapscopeCategorySwatch *self);
void              mapscope_category_swatch_set_category (MapscopeCategorySwatch *self,
                                                         MapscopeCategory        category);

G_END_DECLS
