/* mapscope-host-source.h: the host's processes, seen from a Flatpak sandbox
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mapscope-process-source.h"

G_BEGIN_DECLS

#define MAPSCOPE_TYPE_HOST_SOURCE (mapscope_host_source_get_type ())

G_DECLARE_FINAL_TYPE (MapscopeHostSource, mapscope_host_source,
                      MAPSCOPE, HOST_SOURCE, MapscopeProcessSource)

MapscopeProcessSource *mapscope_host_source_new (const char *flatpak_spawn);

G_END_DECLS
