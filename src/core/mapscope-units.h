/* mapscope-units.h: reading and writing sizes for people
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *mapscope_format_kb    (guint64      kb);
gboolean  mapscope_parse_size   (const char  *text,
                                 guint64     *bytes,
                                 GError     **error);

G_END_DECLS
