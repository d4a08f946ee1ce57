/* mapscope-map-overlay.c: what changed since a baseline, drawn over the map
 *
 * The overlay is drawn on a map of the new snapshot. New, grown and shrunk
 * regions are found from the new regions that show, in O(1) each. Removed
 * regions have no place in the new snapshot, so each gets one when the
 * overlay is made: for two snapshots of one process, the addresses it had;
 * for two runs with different layouts (ASLR), it moves with the nearest old
 * region below it that the diff paired with a new one (or above it, when
 * none below is), keeping its distance to that neighbour. A removed region
 * with no paired neighbour at all is left out.
 *
 * Like the renderer, the overlay draws at most about one mark per pixel
 * column, whatever the number of regions in view.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <stdlib.h>

#include "mapscope-map-overlay.h"
#include "mapscope-map-renderer-private.h"
#include "mapscope-units.h"

#define OUTLINE_WIDTH     2.0
#define MIN_OUTLINE_WIDTH 6.0   /* narrower new regions get a solid mark */
#define MIN_GHOST_WIDTH   3.0
#define MARKER_SIZE       7.0
#define DELTA_FONT_SIZE   10.0
#define DELTA_PADDING     3.0
#define GHOST_FILL_ALPHA  0.25

typedef struct
{
  guint64 start;
  guint64 end;
  guint   old_index;
} Ghost;

struct _MapscopeMapOverlay
{
  MapscopeDiff *diff;
  GArray       *ghosts;          /* of Ghost, by start */
  guint64       max_ghost_size;
};

void
mapscope_map_get_diff_ink (MapscopeMapDiffInk  ink,
                           gboolean            dark,
                           MapscopeColor      *color)
{
  /* GNOME's palette: green for new, red for removed, as diffs usually are;
   * they also differ in form (solid and dashed), for color-blind users. */
  static const guint32 light_inks[] = {
    [MAPSCOPE_MAP_DIFF_INK_NEW] = 0x26a269,
    [MAPSCOPE_MAP_DIFF_INK_REMOVED] = 0xc01c28,
    [MAPSCOPE_MAP_DIFF_INK_GROWN] = 0xc64600,
    [MAPSCOPE_MAP_DIFF_INK_SHRUNK] = 0x1a5fb4,
  };
  static const guint32 dark_inks[] = {
    [MAPSCOPE_MAP_DIFF_INK_NEW] = 0x57e389,
    [MAPSCOPE_MAP_DIFF_INK_REMOVED] = 0xff7b63,
    [MAPSCOPE_MAP_DIFF_INK_GROWN] = 0xffa348,
    [MAPSCOPE_MAP_DIFF_INK_SHRUNK] = 0x99c1f1,
  };
  guint32 rgb;

  g_return_if_fail (ink <= MAPSCOPE_MAP_DIFF_INK_SHRUNK);

  rgb = dark ? dark_inks[ink] : light_inks[ink];
  color->red = ((rgb >> 16) & 0xff) / 255.0;
  color->green = ((rgb >> 8) & 0xff) / 255.0;
  color->blue = (rgb & 0xff) / 255.0;
}

static int
compare_ghosts (const void *a,
                const void *b)
{
  const Ghost *ga = a;
  const Ghost *gb = b;

  return (ga->start > gb->start) - (ga->start < gb->start);
}

/* Each paired old region gets the shift that takes it to its first new
 * region; returns for each old region whether it has one. */
static gboolean *
find_pairs (MapscopeDiff *diff,
            guint64      *shifts)
{
  MapscopeSnapshot *old_snapshot = mapscope_diff_get_old_snapshot (diff);
  MapscopeSnapshot *new_snapshot = mapscope_diff_get_new_snapshot (diff);
  gboolean *paired = g_new0 (gboolean, MAX (mapscope_snapshot_get_n_regions (old_snapshot), 1));

  for (guint e = 0; e < mapscope_diff_get_n_entries (diff); e++)
    {
      const MapscopeDiffEntry *entry = mapscope_diff_get_entry (diff, e);
      const guint *members;
      guint n_members;
      guint64 shift;

      if (entry->n_old == 0 || entry->n_new == 0)
        continue;

      /* Modular arithmetic: a shift down wraps and comes back when added. */
      shift = mapscope_snapshot_get_region (new_snapshot, entry->new_index)->start -
              mapscope_snapshot_get_region (old_snapshot, entry->old_index)->start;
      members = mapscope_diff_get_members (diff, entry, FALSE, &n_members);
      for (guint m = 0; m < n_members; m++)
        {
          paired[members[m]] = TRUE;
          shifts[members[m]] = shift;
        }
    }

  return paired;
}

/* For each removed old region, the shift of its nearest paired neighbour
 * below, else above; FALSE in @placed when it has none. */
static void
place_removed (MapscopeDiff *diff,
               guint64      *shifts,
               gboolean     *placed)
{
  guint n_old = mapscope_snapshot_get_n_regions (mapscope_diff_get_old_snapshot (diff));
  g_autofree gboolean *paired = NULL;
  gboolean have = FALSE;
  guint64 shift = 0;

  if (mapscope_diff_get_same_layout (diff))
    {
      for (guint i = 0; i < n_old; i++)
        {
          shifts[i] = 0;
          placed[i] = TRUE;
        }
      return;
    }

  paired = find_pairs (diff, shifts);
  for (guint i = n_old; i-- > 0;)
    {
      if (paired[i])
        {
          have = TRUE;
          shift = shifts[i];
        }
      placed[i] = have;
      if (!paired[i])
        shifts[i] = shift;
    }
  have = FALSE;
  for (guint i = 0; i < n_old; i++)
    {
      if (paired[i])
        {
          have = TRUE;
          shift = shifts[i];
        }
      else if (have)
        {
          placed[i] = TRUE;
          shifts[i] = shift;
        }
    }
}

MapscopeMapOverlay *
mapscope_map_overlay_new (MapscopeDiff *diff)
{
  MapscopeMapOverlay *self;
  MapscopeSnapshot *old_snapshot;
  g_autofree guint64 *shifts = NULL;
  g_autofree gboolean *placed = NULL;
  guint n_old;

  g_return_val_if_fail (MAPSCOPE_IS_DIFF (diff), NULL);

  self = g_new0 (MapscopeMapOverlay, 1);
  self->diff = g_object_ref (diff);
  self->ghosts = g_array_new (FALSE, FALSE, sizeof (Ghost));

  old_snapshot = mapscope_diff_get_old_snapshot (diff);
  n_old = mapscope_snapshot_get_n_regions (old_snapshot);
  shifts = g_new0 (guint64, MAX (n_old, 1));
  placed = g_new0 (gboolean, MAX (n_old, 1));
  place_removed (diff, shifts, placed);

  for (guint e = 0; e < mapscope_diff_get_n_entries (diff); e++)
    {
      const MapscopeDiffEntry *entry = mapscope_diff_get_entry (diff, e);
      const guint *members;
      guint n_members;

      if (entry->status != MAPSCOPE_DIFF_REMOVED)
        continue;

      members = mapscope_diff_get_members (diff, entry, FALSE, &n_members);
      for (guint m = 0; m < n_members; m++)
        {
          const MapscopeRegion *region = mapscope_snapshot_get_region (old_snapshot, members[m]);
          Ghost ghost = { region->start + shifts[members[m]], region->end + shifts[members[m]],
                          members[m] };

          /* A shift that wraps the region around the address space is nonsense. */
          if (!placed[members[m]] || ghost.end <= ghost.start)
            continue;
          g_array_append_val (self->ghosts, ghost);
          self->max_ghost_size = MAX (self->max_ghost_size, ghost.end - ghost.start);
        }
    }
  g_array_sort (self->ghosts, compare_ghosts);

  return self;
}

void
mapscope_map_overlay_free (MapscopeMapOverlay *self)
{
  if (self == NULL)
    return;

  g_clear_object (&self->diff);
  g_array_unref (self->ghosts);
  g_free (self);
}

MapscopeDiff *
mapscope_map_overlay_get_diff (MapscopeMapOverlay *self)
{
  return self->diff;
}

guint
mapscope_map_overlay_get_n_ghosts (MapscopeMapOverlay *self)
{
  return self->ghosts->len;
}

void
mapscope_map_overlay_get_ghost (MapscopeMapOverlay *self,
                                guint               index,
                                guint64            *start,
                                guint64            *end,
                                guint              *old_index)
{
  const Ghost *ghost;

  g_return_if_fail (index < self->ghosts->len);

  ghost = &g_array_index (self->ghosts, Ghost, index);
  *start = ghost->start;
  *end = ghost->end;
  *old_index = ghost->old_index;
}

/* Drawing */

static void
set_diff_ink (cairo_t            *cr,
              MapscopeMapDiffInk  ink,
              gboolean            dark,
              double              alpha)
{
  MapscopeColor color;

  mapscope_map_get_diff_ink (ink, dark, &color);
  cairo_set_source_rgba (cr, color.red, color.green, color.blue, alpha);
}

/* A solid frame inside [@a, @b), filled rather than stroked so that it
 * covers whole pixels. */
static void
draw_outline (cairo_t           *cr,
              MapscopeMapLayout *layout,
              double             a,
              double             b)
{
  double band = OUTLINE_WIDTH / _mapscope_map_get_bar_height (layout);

  _mapscope_map_add_span (cr, layout, a, a + OUTLINE_WIDTH, 0, 1);
  _mapscope_map_add_span (cr, layout, b - OUTLINE_WIDTH, b, 0, 1);
  _mapscope_map_add_span (cr, layout, a, b, 0, band);
  _mapscope_map_add_span (cr, layout, a, b, 1 - band, band);
  cairo_fill (cr);
}

static void
draw_ghosts (MapscopeMapOverlay *self,
             cairo_t            *cr,
             MapscopeMapLayout  *layout,
             guint64             low,
             guint64             high,
             gboolean            dark)
{
  static const double dashes[] = { 4.0, 3.0 };
  const Ghost *ghosts = (const Ghost *) self->ghosts->data;
  guint lo = 0, hi = self->ghosts->len;
  guint64 from = low > self->max_ghost_size ? low - self->max_ghost_size : 0;
  double last_end = -G_MAXDOUBLE;

  /* The first ghost that may reach into the view. */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (ghosts[mid].start < from)
        lo = mid + 1;
      else
        hi = mid;
    }

  cairo_save (cr);
  cairo_set_line_width (cr, 1.5);
  cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
  for (guint g = lo; g < self->ghosts->len && ghosts[g].start < high; g++)
    {
      double a, b;

      if (ghosts[g].end <= low)
        continue;
      a = mapscope_map_layout_get_address_x (layout, ghosts[g].start);
      b = mapscope_map_layout_get_address_x (layout, ghosts[g].end);
      if (b - a < MIN_GHOST_WIDTH)
        {
          a = (a + b - MIN_GHOST_WIDTH) / 2;
          b = a + MIN_GHOST_WIDTH;
        }
      /* Ghosts that would land on the pixels of the last one add nothing. */
      if (b <= last_end + 1)
        continue;
      last_end = b;

      _mapscope_map_add_span (cr, layout, a, b, 0, 1);
      set_diff_ink (cr, MAPSCOPE_MAP_DIFF_INK_REMOVED, dark, GHOST_FILL_ALPHA);
      cairo_fill (cr);
      _mapscope_map_add_span (cr, layout, a + 0.75, b - 0.75, 0.02, 0.96);
      set_diff_ink (cr, MAPSCOPE_MAP_DIFF_INK_REMOVED, dark, 1);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

/* The change that decided the entry's status, as the diff decides it: RSS,
 * else size, else swap; in kB. */
static gint64
entry_change (MapscopeDiff            *diff,
              const MapscopeDiffEntry *entry)
{
  static const MapscopeField deciding[] = {
    MAPSCOPE_FIELD_RSS, MAPSCOPE_FIELD_SIZE, MAPSCOPE_FIELD_SWAP,
  };

  for (guint i = 0; i < G_N_ELEMENTS (deciding); i++)
    {
      gint64 delta;

      if (!mapscope_diff_has_field (diff, deciding[i]))
        continue;
      delta = mapscope_diff_get_entry_delta (diff, entry, deciding[i]);
      if (delta != 0)
        return delta;
    }
  return 0;
}

static char *
format_change (gint64 kb)
{
  g_autofree char *size = mapscope_format_kb ((guint64) ABS (kb));

  return g_strdup_printf ("%s%s", kb < 0 ? "−" : "+", size);
}

/* A triangle at the top of the bar, pointing up for growth, down otherwise. */
static void
draw_marker (cairo_t           *cr,
             MapscopeMapLayout *layout,
             double             pos,
             gboolean           grown,
             gboolean           dark)
{
  double width = mapscope_map_layout_get_width (layout);
  guint row = (guint) (pos / width);
  double x = pos - row * width;
  double top = row * mapscope_map_layout_get_row_height (layout) + MAPSCOPE_MAP_RULER_HEIGHT;
  double tip = grown ? top : top + MARKER_SIZE;
  double base = grown ? top + MARKER_SIZE : top;

  if (pos < 0 || row >= mapscope_map_layout_get_n_rows (layout))
    return;

  cairo_move_to (cr, x, tip);
  cairo_line_to (cr, x + MARKER_SIZE / 2, base);
  cairo_line_to (cr, x - MARKER_SIZE / 2, base);
  cairo_close_path (cr);
  set_diff_ink (cr, grown ? MAPSCOPE_MAP_DIFF_INK_GROWN : MAPSCOPE_MAP_DIFF_INK_SHRUNK, dark, 1);
  cairo_fill (cr);
}

/* "+12 MiB" in a tag at the top right of the region, when it fits in the
 * row the region starts in; a marker otherwise. Returns where the mark
 * ends. */
static double
draw_change (MapscopeMapOverlay      *self,
             cairo_t                 *cr,
             MapscopeMapLayout       *layout,
             const MapscopeDiffEntry *entry,
             double                   x,
             double                   w,
             gboolean                 dark)
{
  double width = mapscope_map_layout_get_width (layout);
  double start = MAX (x, 0);
  guint row = (guint) (start / width);
  double visible = MIN (x + w, (row + 1) * width) - start;
  gboolean grown = entry->status == MAPSCOPE_DIFF_GROWN;
  g_autofree char *text = format_change (entry_change (self->diff, entry));
  cairo_text_extents_t extents;
  double tag_width, tag_x, tag_y;

  cairo_text_extents (cr, text, &extents);
  tag_width = extents.x_advance + 2 * DELTA_PADDING;
  if (row >= mapscope_map_layout_get_n_rows (layout) || tag_width + 2 * OUTLINE_WIDTH > visible)
    {
      draw_marker (cr, layout, start + MIN (visible, w) / 2, grown, dark);
      return start + MIN (visible, w) / 2 + MARKER_SIZE / 2;
    }

  tag_x = start + visible - row * width - tag_width - OUTLINE_WIDTH;
  tag_y = row * mapscope_map_layout_get_row_height (layout) + MAPSCOPE_MAP_RULER_HEIGHT +
          OUTLINE_WIDTH;
  cairo_rectangle (cr, tag_x, tag_y, tag_width, DELTA_FONT_SIZE + 4);
  set_diff_ink (cr, grown ? MAPSCOPE_MAP_DIFF_INK_GROWN : MAPSCOPE_MAP_DIFF_INK_SHRUNK, dark, 1);
  cairo_fill (cr);
  if (dark)
    cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  else
    cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_move_to (cr, tag_x + DELTA_PADDING, tag_y + DELTA_FONT_SIZE + 1);
  cairo_show_text (cr, text);
  return start + visible;
}

void
mapscope_map_overlay_render (MapscopeMapOverlay *self,
                             cairo_t            *cr,
                             MapscopeMapLayout  *layout,
                             gboolean            dark)
{
  MapscopeSnapshot *snapshot;
  const MapscopeRegion *regions;
  guint first, last, n_regions;
  double last_new = -G_MAXDOUBLE, last_change = -G_MAXDOUBLE;

  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);
  g_return_if_fail (layout != NULL);

  snapshot = mapscope_map_layout_get_snapshot (layout);
  g_return_if_fail (snapshot == mapscope_diff_get_new_snapshot (self->diff));
  if (!mapscope_map_layout_get_visible_range (layout, &first, &last))
    return;
  regions = mapscope_snapshot_get_regions (snapshot, &n_regions);

  cairo_save (cr);
  cairo_select_font_face (cr, "Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
  cairo_set_font_size (cr, DELTA_FONT_SIZE);

  draw_ghosts (self, cr, layout, first > 0 ? regions[first - 1].end : 0,
               last + 1 < n_regions ? regions[last + 1].start : G_MAXUINT64, dark);

  for (guint i = first; i <= last; i++)
    {
      const MapscopeDiffEntry *entry;
      gint e = mapscope_diff_find_new_entry (self->diff, i);
      double x, w;

      if (e < 0)
        continue;
      entry = mapscope_diff_get_entry (self->diff, e);
      if (entry->status == MAPSCOPE_DIFF_UNCHANGED || entry->status == MAPSCOPE_DIFF_REMOVED)
        continue;

      x = mapscope_map_layout_get_region_x (layout, i);
      w = mapscope_map_layout_get_region_width (layout, i);
      if (entry->status == MAPSCOPE_DIFF_NEW)
        {
          /* A sliver gets a solid mark as wide as an outline, one per column. */
          if (w < MIN_OUTLINE_WIDTH && x < last_new + OUTLINE_WIDTH)
            continue;
          set_diff_ink (cr, MAPSCOPE_MAP_DIFF_INK_NEW, dark, 1);
          if (w < MIN_OUTLINE_WIDTH)
            {
              _mapscope_map_add_span (cr, layout, x, x + OUTLINE_WIDTH, 0, 1);
              cairo_fill (cr);
            }
          else
            draw_outline (cr, layout, x, x + w);
          last_new = x + MAX (w, OUTLINE_WIDTH);
        }
      else if (entry->new_index == (gint) i && x >= last_change)
        last_change = draw_change (self, cr, layout, entry, x, w, dark);
    }

  cairo_restore (cr);
}
