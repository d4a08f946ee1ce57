/* mapscope-snapshot-private.h: how the parsers build a snapshot
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mapscope-snapshot.h"

G_BEGIN_DECLS

MapscopeSnapshot *_mapscope_snapshot_new                 (const char       *source,
                                                          MapscopeFormat    format);
MapscopeRegion   *_mapscope_snapshot_append_region       (MapscopeSnapshot *self);
MapscopeRegion   *_mapscope_snapshot_peek_last           (MapscopeSnapshot *self);
void              _mapscope_snapshot_drop_last           (MapscopeSnapshot *self);
const char       *_mapscope_snapshot_intern              (MapscopeSnapshot *self,
                                                          const char       *text);
void              _mapscope_snapshot_set_value           (MapscopeSnapshot *self,
                                                          MapscopeRegion   *region,
                                                          guint             field_id,
                                                          guint64           value);
guint             _mapscope_snapshot_ensure_extra_field  (MapscopeSnapshot *self,
                                                          const char       *name,
                                                          gboolean          is_kb);
void              _mapscope_snapshot_set_format          (MapscopeSnapshot *self,
                                                          MapscopeFormat    format);
void              _mapscope_snapshot_set_pid             (MapscopeSnapshot *self,
                                                          gint              pid);
void              _mapscope_snapshot_set_command         (MapscopeSnapshot *self,
                                                          const char       *command);
void              _mapscope_snapshot_set_timestamp       (MapscopeSnapshot *self,
                                                          GDateTime        *timestamp);
void              _mapscope_snapshot_set_source_line     (MapscopeSnapshot *self,
                                                          guint             line);
void              _mapscope_snapshot_set_reported_total  (MapscopeSnapshot *self,
                                                          guint             field_id,
                                                          guint64           value);
void              _mapscope_snapshot_mark_rollup         (MapscopeSnapshot *self);
gboolean          _mapscope_snapshot_is_empty            (MapscopeSnapshot *self);
void              _mapscope_snapshot_finish              (MapscopeSnapshot *self);

void              _mapscope_snapshot_set_raw_text        (MapscopeSnapshot *self,
                                                          guint             index,
                                                          const char       *text);
gboolean          _mapscope_snapshot_has_raw_texts       (MapscopeSnapshot *self);
const char       *_mapscope_snapshot_get_raw_text_at     (MapscopeSnapshot *self,
                                                          guint             index);
MapscopeRegion   *_mapscope_snapshot_get_all_regions     (MapscopeSnapshot *self,
                                                          guint            *n_regions);
gboolean          _mapscope_snapshot_is_rollup           (MapscopeSnapshot *self);
guint             _mapscope_snapshot_get_n_reported_totals (MapscopeSnapshot *self);
void              _mapscope_snapshot_get_reported_total_at (MapscopeSnapshot *self,
                                                            guint             index,
                                                            guint            *field_id,
                                                            guint64          *value);

void              _mapscope_categorize                   (MapscopeRegion   *regions,
                                                          guint             n_regions,
                                                          const char       *command,
                                                          const char      **executable);

G_END_DECLS
