/* mapscope-working-set.h: which mapped memory a process actually touches
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mapscope-snapshot.h"

G_BEGIN_DECLS

gboolean          mapscope_working_set_reset          (gint                  pid,
                                                       GError              **error);
MapscopeSnapshot *mapscope_working_set_capture        (gint                  pid,
                                                       gdouble               seconds,
                                                       int                   log_fd,
                                                       GCancellable         *cancellable,
                                                       GError              **error);
void              mapscope_working_set_capture_async  (gint                  pid,
                                                       gdouble               seconds,
                                                       int                   log_fd,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
MapscopeSnapshot *mapscope_working_set_capture_finish (GAsyncResult         *result,
                                                       GError              **error);

guint64           mapscope_working_set_get_region_kb  (MapscopeSnapshot     *snapshot,
                                                       const MapscopeRegion *region);
guint64           mapscope_working_set_get_total_kb   (MapscopeSnapshot     *snapshot);

G_END_DECLS
