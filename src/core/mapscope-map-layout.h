/* mapscope-map-layout.h: where each address of a snapshot goes on the map
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "mapscope-snapshot.h"

G_BEGIN_DECLS

/* Width in pixels of the break that stands for one unmapped gap when gaps are
 * collapsed; breaks get narrower when there are too many of them to fit. */
#define MAPSCOPE_MAP_BREAK_WIDTH 24.0
/* Rows are at least this tall; the view holds as many as fit. */
#define MAPSCOPE_MAP_MIN_ROW_HEIGHT 64.0
/* The top of each row holds the ruler, the rest the bar. */
#define MAPSCOPE_MAP_RULER_HEIGHT 14.0
/* and a margin below the bar */
#define MAPSCOPE_MAP_BAR_MARGIN 3.0

typedef struct _MapscopeMapLayout MapscopeMapLayout;

/* @zoom: 1 shows the whole address space, more magnifies it.
 * @center: the address to show in the middle of the middle row (clamped so
 * that the view stays on the axis). @linear: draw gaps at their real size. */
MapscopeMapLayout *mapscope_map_layout_new                (MapscopeSnapshot  *snapshot,
                                                           double             width,
                                                           double             height,
                                                           double             zoom,
                                                           guint64            center,
                                                           gboolean           linear);
void               mapscope_map_layout_free               (MapscopeMapLayout *self);

MapscopeSnapshot  *mapscope_map_layout_get_snapshot       (MapscopeMapLayout *self);
double             mapscope_map_layout_get_width          (MapscopeMapLayout *self);
double             mapscope_map_layout_get_zoom           (MapscopeMapLayout *self);
gboolean           mapscope_map_layout_get_linear         (MapscopeMapLayout *self);
guint              mapscope_map_layout_get_n_rows         (MapscopeMapLayout *self);
double             mapscope_map_layout_get_row_height     (MapscopeMapLayout *self);
/* Pixels per byte of mapped memory. */
double             mapscope_map_layout_get_scale          (MapscopeMapLayout *self);
/* Width of one collapsed gap; 0 on a linear axis. */
double             mapscope_map_layout_get_break_width    (MapscopeMapLayout *self);

/* Position along the unwrapped visible axis: 0 is the left of the first row,
 * width × n_rows the right of the last one. Addresses in a gap map into its
 * break. Returns FALSE (and still sets @x and @row) when off the view. */
gboolean           mapscope_map_layout_address_to_point   (MapscopeMapLayout *self,
                                                           guint64            address,
                                                           double            *x,
                                                           guint             *row);
gboolean           mapscope_map_layout_point_to_address   (MapscopeMapLayout *self,
                                                           double             x,
                                                           guint              row,
                                                           guint64           *address);
/* The region under (@x, @y) in view pixels, or -1 for a gap or outside. */
gint               mapscope_map_layout_hit_test           (MapscopeMapLayout *self,
                                                           double             x,
                                                           double             y);
/* Indexes of the first and last regions that show; FALSE when none does. */
gboolean           mapscope_map_layout_get_visible_range  (MapscopeMapLayout *self,
                                                           guint             *first,
                                                           guint             *last);
/* The zoom at which [@start, @end) is one row wide. */
double             mapscope_map_layout_get_zoom_for_range (MapscopeMapLayout *self,
                                                           guint64            start,
                                                           guint64            end);

/* The last region that starts at or before @address, or G_MAXUINT. */
guint              mapscope_map_layout_find_region        (MapscopeMapLayout *self,
                                                           guint64            address);
/* The first region after @index that follows a gap, or the number of regions
 * if none does; in O(log n). */
guint              mapscope_map_layout_find_gap_after     (MapscopeMapLayout *self,
                                                           guint              index);

/* Axis coordinates (unwrapped, relative to the view's first pixel), used by
 * the renderer: where region @index starts, and its width. */
double             mapscope_map_layout_get_region_x       (MapscopeMapLayout *self,
                                                           guint              index);
double             mapscope_map_layout_get_region_width   (MapscopeMapLayout *self,
                                                           guint              index);
/* Axis coordinate of @address, like the two above; it may be off the view
 * (negative, or past width × n_rows). */
double             mapscope_map_layout_get_address_x      (MapscopeMapLayout *self,
                                                           guint64            address);
/* The first region in the kernel's half of the address space (such as
 * [vsyscall]), or the number of regions if there is none. A linear axis
 * draws these after one break, not 16 EiB past the rest. */
guint              mapscope_map_layout_get_first_kernel   (MapscopeMapLayout *self);
/* Length of the whole axis in pixels, and the axis position of the view's
 * first pixel: together they say which part of the axis the view shows. */
double             mapscope_map_layout_get_total_length   (MapscopeMapLayout *self);
double             mapscope_map_layout_get_offset         (MapscopeMapLayout *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MapscopeMapLayout, mapscope_map_layout_free)

G_END_DECLS
