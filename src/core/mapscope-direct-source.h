/* mapscope-direct-source.h: live processes read from /proc
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mapscope-process-source.h"

G_BEGIN_DECLS

#define MAPSCOPE_TYPE_DIRECT_SOURCE (mapscope_direct_source_get_type ())

G_DECLARE_FINAL_TYPE (MapscopeDirectSource, mapscope_direct_source,
                      MAPSCOPE, DIRECT_SOURCE, MapscopeProcessSource)

MapscopeProcessSource *mapscope_direct_source_new (void);

G_END_DECLS
