/* mapscope-helper-source.h: memory maps read as root through pkexec
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mapscope-process-source.h"

G_BEGIN_DECLS

#define MAPSCOPE_TYPE_HELPER_SOURCE (mapscope_helper_source_get_type ())

G_DECLARE_FINAL_TYPE (MapscopeHelperSource, mapscope_helper_source,
                      MAPSCOPE, HELPER_SOURCE, MapscopeProcessSource)

MapscopeProcessSource *mapscope_helper_source_new          (const char *pkexec,
                                                            const char *helper);
gboolean               mapscope_helper_source_is_available (void);

G_END_DECLS
