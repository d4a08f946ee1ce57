/* mapscope-palette.h: one color per category, shared by the table, the
 * legend, the summary chart and the map
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "mapscope-category.h"

G_BEGIN_DECLS

typedef struct
{
  double red;
  double green;
  double blue;
} MapscopeColor;

/* Colors chosen to stay apart for the common kinds of color blindness and
 * readable on light and dark backgrounds; @dark picks the dark-mode variant. */
void mapscope_palette_get_category_color (MapscopeCategory  category,
                                          gboolean          dark,
                                          MapscopeColor    *color);
char *mapscope_palette_category_css      (MapscopeCategory  category,
                                          gboolean          dark);

G_END_DECLS
