/* mapscope-snapshot.h: the memory map of one process at one instant
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "mapscope-format.h"
#include "mapscope-region.h"

G_BEGIN_DECLS

#define MAPSCOPE_TYPE_SNAPSHOT (mapscope_snapshot_get_type ())

G_DECLARE_FINAL_TYPE (MapscopeSnapshot, mapscope_snapshot, MAPSCOPE, SNAPSHOT, GObject)

guint                 mapscope_snapshot_get_n_regions      (MapscopeSnapshot *self);
const MapscopeRegion *mapscope_snapshot_get_region         (MapscopeSnapshot *self,
                                                            guint             index);
const MapscopeRegion *mapscope_snapshot_get_regions        (MapscopeSnapshot *self,
                                                            guint            *n_regions);
const MapscopeRegion *mapscope_snapshot_find_region        (MapscopeSnapshot *self,
                                                            guint64           address);
const MapscopeRegion *mapscope_snapshot_get_rollup         (MapscopeSnapshot *self);

/* Field ids below MAPSCOPE_N_KNOWN_FIELDS are MapscopeField values; the
 * ones above are fields this snapshot's input carried that Mapscope does not
 * know, in the order they first appeared. */
guint                 mapscope_snapshot_get_n_fields       (MapscopeSnapshot *self);
const char           *mapscope_snapshot_get_field_name     (MapscopeSnapshot *self,
                                                            guint             field_id);
gboolean              mapscope_snapshot_field_is_kb        (MapscopeSnapshot *self,
                                                            guint             field_id);
gboolean              mapscope_snapshot_has_field          (MapscopeSnapshot *self,
                                                            guint             field_id);
gboolean              mapscope_snapshot_get_value          (MapscopeSnapshot     *self,
                                                            const MapscopeRegion *region,
                                                            guint                 field_id,
                                                            guint64              *value);
guint64               mapscope_snapshot_get_value_or_zero  (MapscopeSnapshot     *self,
                                                            const MapscopeRegion *region,
                                                            guint                 field_id);
guint                 mapscope_snapshot_get_region_index   (MapscopeSnapshot     *self,
                                                            const MapscopeRegion *region);

MapscopeFormat        mapscope_snapshot_get_format         (MapscopeSnapshot *self);
gint                  mapscope_snapshot_get_pid            (MapscopeSnapshot *self);
const char           *mapscope_snapshot_get_command        (MapscopeSnapshot *self);
GDateTime            *mapscope_snapshot_get_timestamp      (MapscopeSnapshot *self);
const char           *mapscope_snapshot_get_source         (MapscopeSnapshot *self);
guint                 mapscope_snapshot_get_source_line    (MapscopeSnapshot *self);
const char           *mapscope_snapshot_get_executable     (MapscopeSnapshot *self);
gboolean              mapscope_snapshot_get_reported_total (MapscopeSnapshot *self,
                                                            guint             field_id,
                                                            guint64          *value);
gsize                 mapscope_snapshot_get_memory_size    (MapscopeSnapshot *self);
const char           *mapscope_snapshot_get_note           (MapscopeSnapshot *self);
void                  mapscope_snapshot_set_note           (MapscopeSnapshot *self,
                                                            const char       *note);
const char           *mapscope_snapshot_get_raw_text       (MapscopeSnapshot     *self,
                                                            const MapscopeRegion *region);
gboolean              mapscope_raw_line_starts_mapping     (const char           *line);

G_END_DECLS
