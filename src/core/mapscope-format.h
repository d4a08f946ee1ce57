/* mapscope-format.h: the input formats Mapscope reads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  MAPSCOPE_FORMAT_UNKNOWN,
  MAPSCOPE_FORMAT_SMAPS,
  MAPSCOPE_FORMAT_SMAPS_ROLLUP,
  MAPSCOPE_FORMAT_MAPS,
  MAPSCOPE_FORMAT_PMAP,
  MAPSCOPE_FORMAT_PMAP_x,
  MAPSCOPE_FORMAT_PMAP_X,
  MAPSCOPE_FORMAT_PMAP_XX,
} MapscopeFormat;

const char *mapscope_format_get_name        (MapscopeFormat format);
const char *mapscope_format_get_description (MapscopeFormat format);

#define MAPSCOPE_FORMATS_EXPECTED \
  "/proc/PID/smaps, /proc/PID/smaps_rollup, /proc/PID/maps, or the output of " \
  "pmap, pmap -x, pmap -X or pmap -XX"

G_END_DECLS
