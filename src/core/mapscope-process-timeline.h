/* mapscope-process-timeline.h: which loaded snapshots form one process's timeline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mapscope-snapshot.h"

G_BEGIN_DECLS

gboolean   mapscope_snapshot_same_process      (MapscopeSnapshot *a,
                                                MapscopeSnapshot *b);
GPtrArray *mapscope_process_timeline_collect   (GListModel       *snapshots,
                                                MapscopeSnapshot *member);

G_END_DECLS
