/* mapscope-separator.h: the lines that separate snapshots in a log
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean   _mapscope_separator_parse (const char  *line,
                                      gsize        len,
                                      GDateTime  **timestamp,
                                      gint        *pid,
                                      char       **command);
GDateTime *_mapscope_parse_time      (const char  *text);

G_END_DECLS
