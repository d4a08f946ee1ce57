/* mapscope-cli-format.h: how the CLI shows snapshots and values to people
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mapscope-core.h"

G_BEGIN_DECLS

void        mapscope_cli_append_snapshot_header (GString              *out,
                                                 MapscopeDocument     *document,
                                                 guint                 index,
                                                 gboolean              first);
const char *mapscope_cli_field_title            (MapscopeField         field);
guint       mapscope_cli_choose_columns         (MapscopeSnapshot     *snapshot,
                                                 const MapscopeField  *wanted,
                                                 guint                 n_wanted,
                                                 MapscopeField        *chosen);
const char *mapscope_cli_format_kb_or_dash      (gboolean              present,
                                                 guint64               kb);
const char *mapscope_cli_format_region_value    (MapscopeSnapshot     *snapshot,
                                                 const MapscopeRegion *region,
                                                 MapscopeField         field);
char       *mapscope_cli_wrap_text              (const char           *text,
                                                 gsize                 width);

G_END_DECLS
