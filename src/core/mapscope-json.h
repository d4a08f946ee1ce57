/* mapscope-json.h: the JSON shapes of the CLI's --json output
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "mapscope-document.h"

G_BEGIN_DECLS

typedef gboolean (*MapscopeRegionPredicate) (MapscopeSnapshot     *snapshot,
                                             const MapscopeRegion *region,
                                             gpointer              user_data);

JsonNode *mapscope_json_summary_document (MapscopeDocument     *document);
JsonNode *mapscope_json_summary_snapshot (MapscopeSnapshot     *snapshot);
void      mapscope_json_add_region       (JsonBuilder          *builder,
                                          MapscopeSnapshot     *snapshot,
                                          const MapscopeRegion *region);
char     *mapscope_json_format_address   (guint64               address);
char     *mapscope_json_field_key        (MapscopeSnapshot     *snapshot,
                                          guint                 field_id);
void      mapscope_json_set_int          (JsonBuilder          *builder,
                                          const char           *key,
                                          gint64                value);
void      mapscope_json_set_uint         (JsonBuilder          *builder,
                                          const char           *key,
                                          guint64               value);
void      mapscope_json_set_string       (JsonBuilder          *builder,
                                          const char           *key,
                                          const char           *value);
void      mapscope_json_set_address      (JsonBuilder          *builder,
                                          const char           *key,
                                          guint64               address);

G_END_DECLS
