/* mapscope-map-renderer.c: paints a MapscopeMapLayout with Cairo
 *
 * Level of detail: a process can have 60,000 regions and a view has about as
 * many pixel columns, and one cairo_fill per tiny region costs more than a
 * frame (house style B12). Regions narrower than a pixel are therefore summed
 * per pixel column, each column takes the color of the category with the most
 * bytes in it, and neighbouring columns of the same color are merged into one
 * rectangle. Only regions a pixel wide or more are painted one by one, and
 * their details (hatching, dirty band, labels) only when there is room.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "mapscope-map-renderer-private.h"
#include "mapscope-units.h"

#define FONT_SIZE         10.0
#define LABEL_PADDING     4.0
#define LABEL_GAP         12.0  /* between ruler labels */
#define MIN_TICK_SPACING  110.0 /* pixels between ruler ticks, at least */
#define HATCH_PITCH       6.0
#define MIN_DETAIL_WIDTH  4.0   /* dirty band and separators */
#define MIN_HATCH_WIDTH   8.0
#define MIN_LABEL_WIDTH   30.0
#define MIN_BREAK_WIDTH   2.0   /* narrower breaks are left to the background */
#define DIM_AMOUNT        0.75
#define UNRESIDENT_AMOUNT 0.55
#define DIRTY_AMOUNT      0.35

typedef struct
{
  cairo_t              *cr;
  MapscopeMapLayout    *layout;
  MapscopeSnapshot     *snapshot;
  MapscopeRegionFilter *filter;
  gboolean              dark;
  double                width;
  double                row_height;
  guint                 n_rows;
  double                view_length;
  GArray               *labels;     /* of Label: the ruler strip's, so far */
} Painter;

typedef struct
{
  guint  row;
  double x1, x2;
} Label;

/* Dense layer: sub-pixel regions summed per pixel column, then merged into
 * runs of columns of the same color. */
typedef struct
{
  gint64   column;                              /* -1: none yet */
  guint64  bytes[MAPSCOPE_N_CATEGORIES];
  guint64  matched_bytes;
  gint64   run_start, run_end;                  /* columns, end exclusive */
  gint     run_key;                             /* category × 2 + dimmed, -1: none */
} Dense;

static void
mix (MapscopeColor       *color,
     const MapscopeColor *other,
     double               amount)
{
  color->red += (other->red - color->red) * amount;
  color->green += (other->green - color->green) * amount;
  color->blue += (other->blue - color->blue) * amount;
}

void
mapscope_map_get_ink (MapscopeMapInk  ink,
                      gboolean        dark,
                      MapscopeColor  *color)
{
  static const MapscopeColor light_inks[] = {
    [MAPSCOPE_MAP_INK_BACKGROUND] = { 0.98, 0.98, 0.98 },
    [MAPSCOPE_MAP_INK_BREAK] = { 0.82, 0.82, 0.84 },
    [MAPSCOPE_MAP_INK_GUARD] = { 0.55, 0.55, 0.57 },
    [MAPSCOPE_MAP_INK_TEXT] = { 0.15, 0.15, 0.17 },
  };
  static const MapscopeColor dark_inks[] = {
    [MAPSCOPE_MAP_INK_BACKGROUND] = { 0.14, 0.14, 0.15 },
    [MAPSCOPE_MAP_INK_BREAK] = { 0.28, 0.28, 0.30 },
    [MAPSCOPE_MAP_INK_GUARD] = { 0.50, 0.50, 0.52 },
    [MAPSCOPE_MAP_INK_TEXT] = { 0.92, 0.92, 0.93 },
  };

  g_return_if_fail (ink <= MAPSCOPE_MAP_INK_TEXT);
  *color = dark ? dark_inks[ink] : light_inks[ink];
}

void
mapscope_map_get_region_color (MapscopeCategory  category,
                               MapscopeMapShade  shade,
                               gboolean          dimmed,
                               gboolean          dark,
                               MapscopeColor    *color)
{
  MapscopeColor background;
  static const MapscopeColor black = { 0, 0, 0 };

  mapscope_map_get_ink (MAPSCOPE_MAP_INK_BACKGROUND, dark, &background);
  if (category == MAPSCOPE_CATEGORY_GUARD)
    mapscope_map_get_ink (MAPSCOPE_MAP_INK_GUARD, dark, color);
  else
    mapscope_palette_get_category_color (category, dark, color);

  if (shade == MAPSCOPE_MAP_SHADE_UNRESIDENT)
    mix (color, &background, UNRESIDENT_AMOUNT);
  else if (shade == MAPSCOPE_MAP_SHADE_DIRTY)
    mix (color, &black, DIRTY_AMOUNT);

  if (dimmed)
    mix (color, &background, DIM_AMOUNT);
}

static void
set_color (cairo_t             *cr,
           const MapscopeColor *color)
{
  cairo_set_source_rgb (cr, color->red, color->green, color->blue);
}

static void
set_ink (Painter        *painter,
         MapscopeMapInk  ink)
{
  MapscopeColor color;

  mapscope_map_get_ink (ink, painter->dark, &color);
  set_color (painter->cr, &color);
}

void
_mapscope_map_add_span (cairo_t           *cr,
                        MapscopeMapLayout *layout,
                        double             a,
                        double             b,
                        double             top,
                        double             height)
{
  double width = mapscope_map_layout_get_width (layout);
  double row_height = mapscope_map_layout_get_row_height (layout);
  guint n_rows = mapscope_map_layout_get_n_rows (layout);
  double h = _mapscope_map_get_bar_height (layout);

  a = MAX (a, 0);
  b = MIN (b, width * n_rows);

  while (a < b)
    {
      guint row = (guint) (a / width);
      double row_end = MIN ((row + 1) * width, b);

      if (row >= n_rows)
        break;
      cairo_rectangle (cr, a - row * width,
                       row * row_height + MAPSCOPE_MAP_RULER_HEIGHT + top * h,
                       row_end - a, height * h);
      a = row_end;
    }
}

double
_mapscope_map_get_bar_height (MapscopeMapLayout *layout)
{
  return MAX (1, mapscope_map_layout_get_row_height (layout) - MAPSCOPE_MAP_RULER_HEIGHT -
                 MAPSCOPE_MAP_BAR_MARGIN);
}

static double
bar_top (Painter *painter,
         guint    row)
{
  return row * painter->row_height + MAPSCOPE_MAP_RULER_HEIGHT;
}

static double
bar_height (Painter *painter)
{
  return _mapscope_map_get_bar_height (painter->layout);
}

static void
add_span (Painter *painter,
          double   a,
          double   b,
          double   top,
          double   height)
{
  _mapscope_map_add_span (painter->cr, painter->layout, a, b, top, height);
}

static void
fill_span (Painter             *painter,
           double               a,
           double               b,
           double               top,
           double               height,
           const MapscopeColor *color)
{
  if (a >= b)
    return;
  add_span (painter, a, b, top, height);
  set_color (painter->cr, color);
  cairo_fill (painter->cr);
}

static gboolean
region_matches (Painter              *painter,
                const MapscopeRegion *region)
{
  return painter->filter == NULL ||
         mapscope_region_filter_matches (painter->filter, painter->snapshot, region);
}

/* The share of @region that @field (in kB) covers, from 0 to 1. */
static double
region_share (Painter              *painter,
              const MapscopeRegion *region,
              MapscopeField         field)
{
  guint64 kb = mapscope_snapshot_get_value_or_zero (painter->snapshot, region, field);
  guint64 size = mapscope_region_get_size (region);

  return size > 0 ? CLAMP ((double) kb * 1024 / size, 0, 1) : 0;
}

/* Dense layer */

static void
dense_emit_run (Painter *painter,
                Dense   *dense)
{
  MapscopeColor color;

  if (dense->run_key < 0)
    return;

  mapscope_map_get_region_color (dense->run_key / 2, MAPSCOPE_MAP_SHADE_RESIDENT,
                                 dense->run_key % 2, painter->dark, &color);
  fill_span (painter, dense->run_start, dense->run_end, 0, 1, &color);
  dense->run_key = -1;
}

static void
dense_flush_column (Painter *painter,
                    Dense   *dense)
{
  guint dominant = 0;
  gint key;

  if (dense->column < 0)
    return;

  for (guint c = 1; c < MAPSCOPE_N_CATEGORIES; c++)
    if (dense->bytes[c] > dense->bytes[dominant])
      dominant = c;
  key = dominant * 2 + (dense->matched_bytes == 0);

  if (key != dense->run_key || dense->column != dense->run_end)
    {
      dense_emit_run (painter, dense);
      dense->run_key = key;
      dense->run_start = dense->column;
    }
  dense->run_end = dense->column + 1;

  memset (dense->bytes, 0, sizeof dense->bytes);
  dense->matched_bytes = 0;
  dense->column = -1;
}

static void
dense_add (Painter              *painter,
           Dense                *dense,
           const MapscopeRegion *region,
           double                x)
{
  gint64 column = (gint64) floor (x);
  guint64 size = mapscope_region_get_size (region);

  if (column != dense->column)
    {
      dense_flush_column (painter, dense);
      dense->column = column;
    }

  dense->bytes[region->category] += size;
  if (region_matches (painter, region))
    dense->matched_bytes += size;
}

/* Wide regions */

static void
hatch_span (Painter             *painter,
            double               a,
            double               b,
            const MapscopeColor *color)
{
  cairo_t *cr = painter->cr;
  double x1, y1, x2, y2;

  cairo_save (cr);
  add_span (painter, a, b, 0, 1);
  cairo_clip (cr);
  cairo_clip_extents (cr, &x1, &y1, &x2, &y2);

  /* Diagonals across the clip's bounding box; the clip keeps them in the span. */
  for (double x = x1 - (y2 - y1); x < x2; x += HATCH_PITCH)
    {
      cairo_move_to (cr, x, y2);
      cairo_line_to (cr, x + (y2 - y1), y1);
    }
  set_color (cr, color);
  cairo_set_line_width (cr, 1.5);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_label (Painter              *painter,
            const MapscopeRegion *region,
            double                x,
            double                w)
{
  cairo_t *cr = painter->cr;
  cairo_text_extents_t extents;
  g_autofree char *name = NULL;
  const char *basename;
  double start = MAX (x, 0), visible;
  guint row;
  gsize len;

  basename = mapscope_region_get_basename (region, &len);
  if (len == 0)
    return;

  /* The label goes in the first row the region shows in. */
  row = (guint) (start / painter->width);
  if (row >= painter->n_rows)
    return;
  visible = MIN (x + w, (row + 1) * painter->width) - start;
  if (visible < MIN_LABEL_WIDTH)
    return;

  name = g_strndup (basename, len);
  cairo_text_extents (cr, name, &extents);
  if (extents.x_advance + 2 * LABEL_PADDING > visible)
    return;

  set_ink (painter, MAPSCOPE_MAP_INK_TEXT);
  cairo_move_to (cr, start - row * painter->width + LABEL_PADDING,
                 bar_top (painter, row) + bar_height (painter) / 2 + FONT_SIZE / 2 - 1);
  cairo_show_text (cr, name);
}

static void
draw_region (Painter              *painter,
             const MapscopeRegion *region,
             double                x,
             double                w)
{
  gboolean dimmed = !region_matches (painter, region);
  MapscopeColor color;
  double resident, swap;

  if (region->category == MAPSCOPE_CATEGORY_GUARD)
    {
      /* No access: a thin neutral bar, so guards read as spacers */
      mapscope_map_get_region_color (region->category, MAPSCOPE_MAP_SHADE_RESIDENT, dimmed,
                                     painter->dark, &color);
      fill_span (painter, x, x + w, 0.42, 0.16, &color);
      return;
    }

  resident = region_share (painter, region, MAPSCOPE_FIELD_RSS);
  mapscope_map_get_region_color (region->category, MAPSCOPE_MAP_SHADE_UNRESIDENT, dimmed,
                                 painter->dark, &color);
  fill_span (painter, x + w * resident, x + w, 0, 1, &color);
  mapscope_map_get_region_color (region->category, MAPSCOPE_MAP_SHADE_RESIDENT, dimmed,
                                 painter->dark, &color);
  fill_span (painter, x, x + w * resident, 0, 1, &color);

  if (w < MIN_DETAIL_WIDTH)
    return;

  mapscope_map_get_region_color (region->category, MAPSCOPE_MAP_SHADE_DIRTY, dimmed,
                                 painter->dark, &color);
  fill_span (painter, x, x + w * region_share (painter, region, MAPSCOPE_FIELD_PRIVATE_DIRTY),
             0.75, 0.25, &color);

  swap = region_share (painter, region, MAPSCOPE_FIELD_SWAP);
  if (w >= MIN_HATCH_WIDTH && swap > 0)
    hatch_span (painter, x + w * resident, x + w * MIN (1, resident + swap), &color);

  /* A hairline of background where the region starts keeps neighbours apart. */
  mapscope_map_get_ink (MAPSCOPE_MAP_INK_BACKGROUND, painter->dark, &color);
  fill_span (painter, x, x + 1, 0, 1, &color);

  draw_label (painter, region, x, w);
}

/* Ruler and breaks */

/* Draws @text at axis position @pos in the ruler strip, unless it would
 * overlap a label already there. */
static void
ruler_label (Painter    *painter,
             double      pos,
             const char *text,
             gboolean    centered)
{
  cairo_t *cr = painter->cr;
  cairo_text_extents_t extents;
  guint row = (guint) (pos / painter->width);
  Label label;

  if (pos < 0 || row >= painter->n_rows)
    return;

  cairo_text_extents (cr, text, &extents);
  label.row = row;
  label.x1 = pos - row * painter->width + (centered ? -extents.x_advance / 2 : 2);
  /* A break's label may shift to stay in the row; a tick's stays by its tick. */
  if (centered)
    label.x1 = CLAMP (label.x1, 0, painter->width - extents.x_advance);
  label.x2 = label.x1 + extents.x_advance;
  if (label.x1 < 0 || label.x2 > painter->width)
    return;

  for (guint i = 0; i < painter->labels->len; i++)
    {
      const Label *other = &g_array_index (painter->labels, Label, i);

      if (other->row == row && label.x1 < other->x2 + LABEL_GAP && other->x1 < label.x2 + LABEL_GAP)
        return;
    }
  g_array_append_val (painter->labels, label);

  set_ink (painter, MAPSCOPE_MAP_INK_TEXT);
  cairo_move_to (cr, label.x1, row * painter->row_height + MAPSCOPE_MAP_RULER_HEIGHT - 4);
  cairo_show_text (cr, text);
}

static void
ruler_tick (Painter *painter,
            guint64  address)
{
  char text[24];
  double x;
  guint row;

  if (!mapscope_map_layout_address_to_point (painter->layout, address, &x, &row))
    return;

  /* A tick through a break's size label would strike it out. */
  for (guint i = 0; i < painter->labels->len; i++)
    {
      const Label *label = &g_array_index (painter->labels, Label, i);

      if (label->row == row && x > label->x1 - 2 && x < label->x2 + 2)
        return;
    }

  set_ink (painter, MAPSCOPE_MAP_INK_TEXT);
  cairo_rectangle (painter->cr, floor (x), row * painter->row_height + 1, 1,
                   MAPSCOPE_MAP_RULER_HEIGHT - 1);
  cairo_fill (painter->cr);
  g_snprintf (text, sizeof text, "0x%" G_GINT64_MODIFIER "x", address);
  ruler_label (painter, row * painter->width + x, text, FALSE);
}

/* The first multiple of @step at or after @address, or 0 past the top of
 * the address space. */
static guint64
round_up (guint64 address,
          guint64 step)
{
  guint64 rounded = (address + step - 1) / step * step;

  return rounded < address ? 0 : rounded;
}

/* Ticks at the multiples of @step that fall in regions first to last
 * (collapsed) or anywhere from the start of region first to the end of region
 * last (linear). Jumps from gap to gap rather than walking every region: a
 * frame may show 60,000 regions but only a few dozen ticks. */
static void
ruler_ticks (Painter *painter,
             guint    first,
             guint    last,
             guint64  step)
{
  guint n_regions;
  const MapscopeRegion *regions = mapscope_snapshot_get_regions (painter->snapshot, &n_regions);
  gboolean linear = mapscope_map_layout_get_linear (painter->layout);
  guint64 address = round_up (regions[first].start, step);
  guint64 end = regions[last].end;

  while (address != 0 && address < end)
    {
      guint i = mapscope_map_layout_find_region (painter->layout, address);

      /* In a gap, on the collapsed axis or in the break before the kernel's
       * half on the linear one: go on from the next region. */
      if ((!linear || i + 1 == mapscope_map_layout_get_first_kernel (painter->layout)) &&
          (i == G_MAXUINT || address >= regions[i].end))
        {
          address = round_up (regions[i == G_MAXUINT ? 0 : i + 1].start, step);
          continue;
        }

      ruler_tick (painter, address);
      if (address + step < address)
        break;
      address += step;
    }
}

/* The smallest power of two of bytes that is MIN_TICK_SPACING pixels wide. */
static guint64
ruler_step (Painter *painter)
{
  double scale = mapscope_map_layout_get_scale (painter->layout);
  guint shift = 12;

  while (shift < 63 && ((double) ((guint64) 1 << shift)) * scale < MIN_TICK_SPACING)
    shift++;

  return (guint64) 1 << shift;
}

static void
draw_break (Painter              *painter,
            const MapscopeRegion *before,
            const MapscopeRegion *after,
            double                a,
            double                b)
{
  MapscopeColor color;
  g_autofree char *size = NULL;
  g_autofree char *text = NULL;

  if (b - a < MIN_BREAK_WIDTH || b <= 0 || a >= painter->view_length)
    return;

  mapscope_map_get_ink (MAPSCOPE_MAP_INK_BREAK, painter->dark, &color);
  fill_span (painter, a + 1, b - 1, 0, 1, &color);
  mapscope_map_get_ink (MAPSCOPE_MAP_INK_GUARD, painter->dark, &color);
  fill_span (painter, (a + b) / 2 - 0.5, (a + b) / 2 + 0.5, 0.2, 0.6, &color);

  size = mapscope_format_kb ((after->start - before->end) / 1024);
  text = g_strdup_printf ("⋯ %s ⋯", size);
  ruler_label (painter, (a + b) / 2, text, TRUE);
}

static void
draw_ruler_and_breaks (Painter *painter,
                       guint    first,
                       guint    last)
{
  MapscopeMapLayout *layout = painter->layout;
  guint n_regions;
  const MapscopeRegion *regions = mapscope_snapshot_get_regions (painter->snapshot, &n_regions);

  guint first_kernel = mapscope_map_layout_get_first_kernel (layout);

  /* Breaks first: their sizes matter more than the ruler's labels. */
  if (mapscope_map_layout_get_linear (layout))
    {
      if (first_kernel > 0 && first_kernel < n_regions && first <= first_kernel &&
          first_kernel <= last + 1)
        draw_break (painter, &regions[first_kernel - 1], &regions[first_kernel],
                    mapscope_map_layout_get_region_x (layout, first_kernel - 1) +
                    mapscope_map_layout_get_region_width (layout, first_kernel - 1),
                    mapscope_map_layout_get_region_x (layout, first_kernel));
    }
  else
    {
      guint i = first > 0 ? first - 1 : 0;

      for (i = mapscope_map_layout_find_gap_after (layout, i);
           i < n_regions && i <= last + 1;
           i = mapscope_map_layout_find_gap_after (layout, i))
        draw_break (painter, &regions[i - 1], &regions[i],
                    mapscope_map_layout_get_region_x (layout, i - 1) +
                    mapscope_map_layout_get_region_width (layout, i - 1),
                    mapscope_map_layout_get_region_x (layout, i));
    }

  ruler_ticks (painter, first, last, ruler_step (painter));
}

void
mapscope_map_render (cairo_t              *cr,
                     MapscopeMapLayout    *layout,
                     MapscopeSnapshot     *snapshot,
                     MapscopeRegionFilter *filter,
                     gboolean              dark)
{
  Painter painter = { 0 };
  Dense dense = { 0 };
  const MapscopeRegion *regions;
  guint first, last, n_regions;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (layout != NULL);
  g_return_if_fail (mapscope_map_layout_get_snapshot (layout) == snapshot);

  painter.cr = cr;
  painter.layout = layout;
  painter.snapshot = snapshot;
  painter.filter = filter;
  painter.dark = dark;
  painter.width = mapscope_map_layout_get_width (layout);
  painter.row_height = mapscope_map_layout_get_row_height (layout);
  painter.n_rows = mapscope_map_layout_get_n_rows (layout);
  painter.view_length = painter.width * painter.n_rows;
  painter.labels = g_array_new (FALSE, FALSE, sizeof (Label));

  cairo_save (cr);
  set_ink (&painter, MAPSCOPE_MAP_INK_BACKGROUND);
  cairo_rectangle (cr, 0, 0, painter.width, painter.n_rows * painter.row_height);
  cairo_fill (cr);
  cairo_select_font_face (cr, "Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, FONT_SIZE);

  if (mapscope_map_layout_get_visible_range (layout, &first, &last))
    {
      regions = mapscope_snapshot_get_regions (snapshot, &n_regions);
      dense.column = -1;
      dense.run_key = -1;

      for (guint i = first; i <= last; i++)
        {
          double x = mapscope_map_layout_get_region_x (layout, i);
          double w = mapscope_map_layout_get_region_width (layout, i);

          if (w < 1)
            {
              dense_add (&painter, &dense, &regions[i], x);
              continue;
            }

          dense_flush_column (&painter, &dense);
          dense_emit_run (&painter, &dense);
          draw_region (&painter, &regions[i], x, w);
        }
      dense_flush_column (&painter, &dense);
      dense_emit_run (&painter, &dense);

      draw_ruler_and_breaks (&painter, first, last);
    }

  cairo_restore (cr);
  g_array_unref (painter.labels);
}
