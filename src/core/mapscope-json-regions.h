/* mapscope-json-regions.h: the `regions --json` object, written a region at
 * a time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mapscope-json.h"

G_BEGIN_DECLS

/* {"regions": [...], "warnings": [...]}, streamed into @out so that a huge
 * map never needs all its regions as JSON nodes at once: the caller may
 * write @out away and empty it between regions. */
typedef struct
{
  GString          *out;
  GString          *warnings;    /* the "warnings" array's members, written last */
  MapscopeSnapshot *snapshot;    /* the one whose field keys are known */
  GPtrArray        *field_keys;  /* of snapshot's fields, by field id */
  gboolean          keys_repeat; /* a field's key is another member's too */
  GPtrArray        *members;     /* of the object being collected, or NULL */
  guint             n_members;   /* written in the current object */
  gboolean          opened;
  guint             n_regions;
} MapscopeJsonRegionWriter;

void mapscope_json_region_writer_init         (MapscopeJsonRegionWriter *writer,
                                               GString                  *out);
void mapscope_json_region_writer_clear        (MapscopeJsonRegionWriter *writer);
void mapscope_json_region_writer_open         (MapscopeJsonRegionWriter *writer);
void mapscope_json_region_writer_add_region   (MapscopeJsonRegionWriter *writer,
                                               const char               *source,
                                               guint                     snapshot_index,
                                               MapscopeSnapshot         *snapshot,
                                               const MapscopeRegion     *region);
void mapscope_json_region_writer_add_warnings (MapscopeJsonRegionWriter *writer,
                                               MapscopeDocument         *document);
void mapscope_json_region_writer_close        (MapscopeJsonRegionWriter *writer);

G_END_DECLS
