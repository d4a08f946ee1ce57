/* mapscope-app-util.h: small helpers shared by the application's widgets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mapscope-snapshot.h"

G_BEGIN_DECLS

char    *mapscope_source_display_name   (const char       *source);
char    *mapscope_file_display_name     (GFile            *file);
char    *mapscope_format_bytes          (guint64           bytes);
gboolean mapscope_snapshot_total_kb     (MapscopeSnapshot *snapshot,
                                         guint64          *rss_kb,
                                         guint64          *size_kb);
char    *mapscope_snapshot_describe     (MapscopeSnapshot *snapshot);
char    *mapscope_shorten_error_message (const char       *message,
                                         const char       *source);

G_END_DECLS
