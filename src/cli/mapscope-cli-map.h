/* mapscope-cli-map.h: "mapscope-cli map"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

int mapscope_cli_map_run (int    argc,
                          char **argv);

G_END_DECLS
