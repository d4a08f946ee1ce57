/* mapscope-cli-diff.h: "mapscope-cli diff"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

int mapscope_cli_diff_run (int    argc,
                           char **argv);

G_END_DECLS
