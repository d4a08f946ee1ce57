/* mapscope-format.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mapscope-format.h"

static const struct
{
  const char *name;
  const char *description;
} formats[] = {
  [MAPSCOPE_FORMAT_UNKNOWN]      = { "unknown", "Unknown format" },
  [MAPSCOPE_FORMAT_SMAPS]        = { "smaps", "/proc/PID/smaps" },
  [MAPSCOPE_FORMAT_SMAPS_ROLLUP] = { "smaps_rollup", "/proc/PID/smaps_rollup" },
  [MAPSCOPE_FORMAT_MAPS]         = { "maps", "/proc/PID/maps" },
  [MAPSCOPE_FORMAT_PMAP]         = { "pmap", "pmap PID" },
  [MAPSCOPE_FORMAT_PMAP_x]       = { "pmap-x", "pmap -x PID" },
  [MAPSCOPE_FORMAT_PMAP_X]       = { "pmap-X", "pmap -X PID" },
  [MAPSCOPE_FORMAT_PMAP_XX]      = { "pmap-XX", "pmap -XX PID" },
};

const char *
mapscope_format_get_name (MapscopeFormat format)
{
  g_return_val_if_fail (format < G_N_ELEMENTS (formats), "unknown");
  return formats[format].name;
}

const char *
mapscope_format_get_description (MapscopeFormat format)
{
  g_return_val_if_fail (format < G_N_ELEMENTS (formats), "Unknown format");
  return formats[format].description;
}
