/* mapscope-palette.c: one color per category
 *
 * Based on the Okabe-Ito palette, which stays distinguishable for the
 * common kinds of color blindness, extended with neutral greys for guards
 * and kernel mappings. Dark-mode variants are lighter, so they keep their
 * contrast against a dark background.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mapscope-palette.h"

typedef struct
{
  guint32 light;
  guint32 dark;
} PaletteEntry;

static const PaletteEntry palette[MAPSCOPE_N_CATEGORIES] = {
  [MAPSCOPE_CATEGORY_EXECUTABLE]    = { 0xE69F00, 0xF5B83D },
  [MAPSCOPE_CATEGORY_LIBRARY]       = { 0x56B4E9, 0x7CC7F2 },
  [MAPSCOPE_CATEGORY_FILE]          = { 0x009E73, 0x2BC898 },
  [MAPSCOPE_CATEGORY_HEAP]          = { 0xD55E00, 0xF0802E },
  [MAPSCOPE_CATEGORY_STACK]         = { 0xCC79A7, 0xDE9CC2 },
  [MAPSCOPE_CATEGORY_THREAD_STACK]  = { 0x882255, 0xB8508A },
  [MAPSCOPE_CATEGORY_ANONYMOUS]     = { 0x0072B2, 0x3D9BDB },
  [MAPSCOPE_CATEGORY_SHARED_MEMORY] = { 0xF0E442, 0xF5EC7A },
  [MAPSCOPE_CATEGORY_GUARD]         = { 0xBDBDBD, 0x6E6E6E },
  [MAPSCOPE_CATEGORY_KERNEL]        = { 0x616161, 0x9E9E9E },
  [MAPSCOPE_CATEGORY_DEVICE]        = { 0x8C564B, 0xB07A6E },
  [MAPSCOPE_CATEGORY_HUGETLB]       = { 0x332288, 0x6F5FD0 },
};

void
mapscope_palette_get_category_color (MapscopeCategory  category,
                                     gboolean          dark,
                                     MapscopeColor    *color)
{
  guint32 rgb;

  g_return_if_fail (category < MAPSCOPE_N_CATEGORIES);

  rgb = dark ? palette[category].dark : palette[category].light;
  color->red = ((rgb >> 16) & 0xff) / 255.0;
  color->green = ((rgb >> 8) & 0xff) / 255.0;
  color->blue = (rgb & 0xff) / 255.0;
}

/* "#rrggbb", for CSS and Pango markup. */
char *
mapscope_palette_category_css (MapscopeCategory category,
                               gboolean         dark)
{
  g_return_val_if_fail (category < MAPSCOPE_N_CATEGORIES, g_strdup ("#000000"));
  return g_strdup_printf ("#%06x", dark ? palette[category].dark : palette[category].light);
}
