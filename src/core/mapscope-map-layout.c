/* mapscope-map-layout.c: where each address of a snapshot goes on the map
 *
 * The map is one long axis of addresses, wrapped into rows like a line of
 * text wraps into lines. Mapped bytes all get the same scale; each unmapped
 * gap either becomes a break of fixed width (the address space is sparse: a
 * 64-bit process maps a few GiB spread over 128 TiB) or keeps its real size
 * when the axis is linear. Where each region starts on the unwrapped axis
 * follows from the bytes and gaps before it, which are counted once per
 * snapshot; so a new zoom costs O(1) and mapping an address or a pixel is a
 * binary search.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>

#include "mapscope-map-layout.h"

/* At most this share of the axis goes to breaks, however many gaps there are. */
#define MAX_BREAK_SHARE 0.25
/* Where the kernel's half of a 64-bit address space starts. Mappings up
 * there ([vsyscall] at 0xffffffffff600000) are 16 EiB past user space: on
 * a linear axis they follow user space after one break instead, or user
 * space would shrink to nothing. */
#define KERNEL_HALF G_GUINT64_CONSTANT (0xffff800000000000)

/* What does not depend on the view, computed once per snapshot and kept on
 * it: walking 60,000 regions of 160 bytes costs more than a frame's budget. */
typedef struct
{
  guint64 *mapped_before;  /* per region and one more: bytes in the regions before */
  guint32 *gaps_before;    /* per region: gaps before it and before its predecessors */
} Axis;

struct _MapscopeMapLayout
{
  MapscopeSnapshot     *snapshot;
  const MapscopeRegion *regions;
  guint                 n_regions;
  const Axis           *axis;
  guint                 n_gaps;
  guint64               mapped;     /* bytes in regions */
  guint64               span;       /* first start to last end */

  double                width;
  guint                 n_rows;
  double                row_height;
  double                zoom;
  gboolean              linear;

  guint                 first_kernel; /* the first region in the kernel half, or n_regions */
  guint64               user_span;    /* linear: first start to the end before first_kernel */
  double                kernel_break; /* linear: the break before first_kernel, or 0 */

  double                scale;        /* pixels per byte */
  double                break_width;  /* per collapsed gap */
  double                total;        /* length of the whole axis, pixels */
  double                offset;       /* axis position of the view's first pixel */
};

#define AXIS_KEY "mapscope-map-axis"

static void
axis_free (gpointer data)
{
  Axis *axis = data;

  g_free (axis->mapped_before);
  g_free (axis->gaps_before);
  g_free (axis);
}

static const Axis *
axis_get (MapscopeSnapshot *snapshot)
{
  static GMutex lock;
  const MapscopeRegion *regions;
  guint n_regions;
  Axis *axis;

  /* Layouts may be built in worker threads. */
  g_mutex_lock (&lock);
  axis = g_object_get_data (G_OBJECT (snapshot), AXIS_KEY);
  if (axis == NULL)
    {
      regions = mapscope_snapshot_get_regions (snapshot, &n_regions);
      axis = g_new0 (Axis, 1);
      axis->mapped_before = g_new (guint64, n_regions + 1);
      axis->gaps_before = g_new (guint32, MAX (n_regions, 1));
      axis->mapped_before[0] = 0;
      for (guint i = 0; i < n_regions; i++)
        {
          axis->mapped_before[i + 1] = axis->mapped_before[i] +
                                       mapscope_region_get_size (&regions[i]);
          axis->gaps_before[i] = i == 0 ? 0 : axis->gaps_before[i - 1] +
                                 (regions[i].start > regions[i - 1].end);
        }
      g_object_set_data_full (G_OBJECT (snapshot), AXIS_KEY, axis, axis_free);
    }
  g_mutex_unlock (&lock);

  return axis;
}

/* Unwrapped axis position where region @index starts. Contiguous regions
 * get bitwise equal ends and starts. */
/* Linear axis position of @address, which is in or next to region @index. */
static double
linear_x (MapscopeMapLayout *self,
          guint              index,
          guint64            address)
{
  if (index < self->first_kernel)
    return (address - self->regions[0].start) * self->scale;

  return (self->user_span + (address - self->regions[self->first_kernel].start)) * self->scale +
         self->kernel_break;
}

static double
region_start_x (MapscopeMapLayout *self,
                guint              index)
{
  if (self->linear)
    return linear_x (self, index, self->regions[index].start);

  return self->axis->mapped_before[index] * self->scale +
         self->axis->gaps_before[index] * self->break_width;
}

static double
region_end_x (MapscopeMapLayout *self,
              guint              index)
{
  if (self->linear)
    return linear_x (self, index, self->regions[index].end);

  return self->axis->mapped_before[index + 1] * self->scale +
         self->axis->gaps_before[index] * self->break_width;
}

/* The last region whose start is at or before @address, or G_MAXUINT. */
static guint
find_by_address (MapscopeMapLayout *self,
                 guint64            address)
{
  guint lo = 0, hi = self->n_regions;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (self->regions[mid].start <= address)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo == 0 ? G_MAXUINT : lo - 1;
}

/* The last region whose axis start is at or before @pos, or G_MAXUINT. */
static guint
find_by_position (MapscopeMapLayout *self,
                  double             pos)
{
  guint lo = 0, hi = self->n_regions;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (region_start_x (self, mid) <= pos)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo == 0 ? G_MAXUINT : lo - 1;
}

/* Unwrapped axis position of @address; addresses in a gap are spread evenly
 * over its break. */
static double
address_position (MapscopeMapLayout *self,
                  guint64            address)
{
  guint i = find_by_address (self, address);
  const MapscopeRegion *region;

  if (i == G_MAXUINT)
    return 0;

  region = &self->regions[i];
  if (address < region->end)
    return region_start_x (self, i) + (address - region->start) * self->scale;
  if (i + 1 == self->n_regions)
    return self->total;

  return region_end_x (self, i) +
         (region_start_x (self, i + 1) - region_end_x (self, i)) *
         ((double) (address - region->end) / (double) (self->regions[i + 1].start - region->end));
}

static guint
find_first_kernel (MapscopeMapLayout *self)
{
  guint i = find_by_address (self, KERNEL_HALF - 1);

  /* Only kernel mappings: nothing to set apart. */
  return i == G_MAXUINT ? self->n_regions : i + 1;
}

MapscopeMapLayout *
mapscope_map_layout_new (MapscopeSnapshot *snapshot,
                         double            width,
                         double            height,
                         double            zoom,
                         guint64           center,
                         gboolean          linear)
{
  MapscopeMapLayout *self;
  double view_length, middle, slack;

  g_return_val_if_fail (MAPSCOPE_IS_SNAPSHOT (snapshot), NULL);

  self = g_new0 (MapscopeMapLayout, 1);
  self->snapshot = g_object_ref (snapshot);
  self->regions = mapscope_snapshot_get_regions (snapshot, &self->n_regions);
  self->width = MAX (width, 1);
  self->n_rows = (guint) MAX (1, floor (height / MAPSCOPE_MAP_MIN_ROW_HEIGHT));
  self->row_height = MAX (height, 1) / self->n_rows;
  self->zoom = MAX (zoom, 1);
  self->linear = linear;
  self->axis = axis_get (snapshot);

  if (self->n_regions > 0)
    {
      self->mapped = self->axis->mapped_before[self->n_regions];
      self->n_gaps = self->axis->gaps_before[self->n_regions - 1];
      self->span = self->regions[self->n_regions - 1].end - self->regions[0].start;
    }
  self->first_kernel = find_first_kernel (self);
  self->user_span = self->span;
  if (self->first_kernel > 0 && self->first_kernel < self->n_regions)
    {
      /* The span without the gap between the two halves. */
      self->user_span = self->regions[self->first_kernel - 1].end - self->regions[0].start;
      self->span = self->user_span + self->regions[self->n_regions - 1].end -
                   self->regions[self->first_kernel].start;
    }

  view_length = self->width * self->n_rows;
  self->total = view_length * self->zoom;
  if (self->linear)
    {
      if (self->user_span != self->span)
        self->kernel_break = MIN (MAPSCOPE_MAP_BREAK_WIDTH, MAX_BREAK_SHARE * self->total);
      self->scale = self->span > 0 ? (self->total - self->kernel_break) / self->span : 0;
    }
  else
    {
      if (self->n_gaps > 0)
        self->break_width = MIN (MAPSCOPE_MAP_BREAK_WIDTH,
                                 MAX_BREAK_SHARE * self->total / self->n_gaps);
      self->scale = self->mapped > 0
                    ? (self->total - self->n_gaps * self->break_width) / self->mapped
                    : 0;
    }

  /* Put @center in the middle of the middle row. At zoom 1 the view is the
   * whole axis; as it grows, the view may run off either end of the axis by
   * up to half of itself, so that any address can be centered (and a region
   * zoomed to the width of a row fills that row exactly). */
  middle = (self->n_rows / 2) * self->width + self->width / 2;
  slack = MIN (middle, self->total - view_length);
  self->offset = CLAMP (address_position (self, center) - middle, -slack,
                        self->total - view_length + slack);

  return self;
}

void
mapscope_map_layout_free (MapscopeMapLayout *self)
{
  if (self == NULL)
    return;

  g_clear_object (&self->snapshot);
  g_free (self);
}

MapscopeSnapshot *
mapscope_map_layout_get_snapshot (MapscopeMapLayout *self)
{
  return self->snapshot;
}

double
mapscope_map_layout_get_width (MapscopeMapLayout *self)
{
  return self->width;
}

double
mapscope_map_layout_get_zoom (MapscopeMapLayout *self)
{
  return self->zoom;
}

gboolean
mapscope_map_layout_get_linear (MapscopeMapLayout *self)
{
  return self->linear;
}

guint
mapscope_map_layout_get_n_rows (MapscopeMapLayout *self)
{
  return self->n_rows;
}

double
mapscope_map_layout_get_row_height (MapscopeMapLayout *self)
{
  return self->row_height;
}

double
mapscope_map_layout_get_scale (MapscopeMapLayout *self)
{
  return self->scale;
}

double
mapscope_map_layout_get_break_width (MapscopeMapLayout *self)
{
  return self->linear ? 0 : self->break_width;
}

gboolean
mapscope_map_layout_address_to_point (MapscopeMapLayout *self,
                                      guint64            address,
                                      double            *x,
                                      guint             *row)
{
  double q = address_position (self, address) - self->offset;
  double r = floor (q / self->width);

  r = CLAMP (r, 0, self->n_rows - 1);
  *row = (guint) r;
  *x = q - r * self->width;

  return q >= 0 && q < self->width * self->n_rows;
}

gboolean
mapscope_map_layout_point_to_address (MapscopeMapLayout *self,
                                      double             x,
                                      guint              row,
                                      guint64           *address)
{
  double pos = row * self->width + x + self->offset;
  const MapscopeRegion *region;
  double end_x;
  guint i;

  if (self->n_regions == 0 || pos < 0 || pos > self->total)
    return FALSE;

  i = find_by_position (self, pos);
  if (i == G_MAXUINT)
    i = 0;
  region = &self->regions[i];
  end_x = region_end_x (self, i);

  if (pos < end_x || i + 1 == self->n_regions)
    {
      guint64 delta = self->scale > 0
                      ? (guint64) ((pos - region_start_x (self, i)) / self->scale)
                      : 0;

      *address = MIN (region->start + delta, region->end - 1);
    }
  else
    {
      guint64 gap = self->regions[i + 1].start - region->end;
      double fraction = (pos - end_x) / (region_start_x (self, i + 1) - end_x);

      *address = region->end + MIN ((guint64) (fraction * gap), gap - 1);
    }

  return TRUE;
}

gint
mapscope_map_layout_hit_test (MapscopeMapLayout *self,
                              double             x,
                              double             y)
{
  double pos;
  guint row, i;

  if (x < 0 || x >= self->width || y < 0)
    return -1;
  row = (guint) floor (y / self->row_height);
  if (row >= self->n_rows)
    return -1;

  pos = row * self->width + x + self->offset;
  i = find_by_position (self, pos);
  if (i == G_MAXUINT || pos >= region_end_x (self, i))
    return -1;

  return (gint) i;
}

gboolean
mapscope_map_layout_get_visible_range (MapscopeMapLayout *self,
                                       guint             *first,
                                       guint             *last)
{
  double view_end = self->offset + self->width * self->n_rows;
  guint i, j;

  if (self->n_regions == 0)
    return FALSE;

  i = find_by_position (self, self->offset);
  if (i == G_MAXUINT)
    i = 0;
  else if (region_end_x (self, i) <= self->offset)
    i++;

  j = find_by_position (self, view_end);
  /* A region that starts exactly at the end of the view does not show. */
  while (j != G_MAXUINT && j > 0 && region_start_x (self, j) >= view_end)
    j--;

  if (j == G_MAXUINT || i >= self->n_regions || i > j)
    return FALSE;

  *first = i;
  *last = j;
  return TRUE;
}

double
mapscope_map_layout_get_zoom_for_range (MapscopeMapLayout *self,
                                        guint64            start,
                                        guint64            end)
{
  double view_length = self->width * self->n_rows;
  double size = end > start ? (double) (end - start) : 1;
  double zoom, full_breaks;

  if (self->linear)
    return MAX (1, (self->width * self->span / size + self->kernel_break) / view_length);

  /* scale = (total - n_gaps × break) / mapped, where breaks have their full
   * width unless they would take more than MAX_BREAK_SHARE of the axis. */
  full_breaks = self->n_gaps * MAPSCOPE_MAP_BREAK_WIDTH;
  zoom = (self->width * self->mapped / size + full_breaks) / view_length;
  if (full_breaks > MAX_BREAK_SHARE * view_length * zoom)
    zoom = self->width * self->mapped / ((1 - MAX_BREAK_SHARE) * view_length * size);

  return MAX (1, zoom);
}

guint
mapscope_map_layout_find_region (MapscopeMapLayout *self,
                                 guint64            address)
{
  return find_by_address (self, address);
}

guint
mapscope_map_layout_find_gap_after (MapscopeMapLayout *self,
                                    guint              index)
{
  guint32 gaps;
  guint lo, hi;

  if (index + 1 >= self->n_regions)
    return self->n_regions;

  /* gaps_before only grows; find the first entry past index's */
  gaps = self->axis->gaps_before[index];
  lo = index + 1;
  hi = self->n_regions;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (self->axis->gaps_before[mid] > gaps)
        hi = mid;
      else
        lo = mid + 1;
    }

  return lo;
}

double
mapscope_map_layout_get_region_x (MapscopeMapLayout *self,
                                  guint              index)
{
  g_return_val_if_fail (index < self->n_regions, 0);
  return region_start_x (self, index) - self->offset;
}

double
mapscope_map_layout_get_region_width (MapscopeMapLayout *self,
                                      guint              index)
{
  g_return_val_if_fail (index < self->n_regions, 0);
  return mapscope_region_get_size (&self->regions[index]) * self->scale;
}

double
mapscope_map_layout_get_address_x (MapscopeMapLayout *self,
                                   guint64            address)
{
  return address_position (self, address) - self->offset;
}

double
mapscope_map_layout_get_total_length (MapscopeMapLayout *self)
{
  return self->total;
}

double
mapscope_map_layout_get_offset (MapscopeMapLayout *self)
{
  return self->offset;
}

guint
mapscope_map_layout_get_first_kernel (MapscopeMapLayout *self)
{
  return self->first_kernel;
}
