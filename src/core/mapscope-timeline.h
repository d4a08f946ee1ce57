/* mapscope-timeline.h: snapshots of a live process at regular intervals
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mapscope-snapshot.h"

G_BEGIN_DECLS

#define MAPSCOPE_TYPE_TIMELINE (mapscope_timeline_get_type ())

G_DECLARE_FINAL_TYPE (MapscopeTimeline, mapscope_timeline, MAPSCOPE, TIMELINE, GObject)

/* Called after each snapshot: @index counts from 0. With
 * mapscope_timeline_run_async() it runs in the thread-default main context
 * of the caller, never in the worker. */
typedef void (*MapscopeTimelineProgressFunc) (MapscopeTimeline *timeline,
                                              MapscopeSnapshot *snapshot,
                                              guint             index,
                                              gpointer          user_data);

MapscopeTimeline *mapscope_timeline_new             (gint                          pid,
                                                     gdouble                       interval_seconds,
                                                     guint                         count);
gint              mapscope_timeline_get_pid         (MapscopeTimeline             *self);
gdouble           mapscope_timeline_get_interval    (MapscopeTimeline             *self);
guint             mapscope_timeline_get_count       (MapscopeTimeline             *self);
void              mapscope_timeline_set_log_path    (MapscopeTimeline             *self,
                                                     const char                   *path);
const char       *mapscope_timeline_get_log_path    (MapscopeTimeline             *self);
void              mapscope_timeline_set_log_fd      (MapscopeTimeline             *self,
                                                     int                           fd);

gboolean          mapscope_timeline_run             (MapscopeTimeline             *self,
                                                     GCancellable                 *cancellable,
                                                     MapscopeTimelineProgressFunc  progress,
                                                     gpointer                      progress_data,
                                                     GError                      **error);
void              mapscope_timeline_run_async       (MapscopeTimeline             *self,
                                                     GCancellable                 *cancellable,
                                                     MapscopeTimelineProgressFunc  progress,
                                                     gpointer                      progress_data,
                                                     GDestroyNotify                progress_destroy,
                                                     GAsyncReadyCallback           callback,
                                                     gpointer                      user_data);
gboolean          mapscope_timeline_run_finish      (MapscopeTimeline             *self,
                                                     GAsyncResult                 *result,
                                                     GError                      **error);

guint             mapscope_timeline_get_n_snapshots (MapscopeTimeline             *self);
MapscopeSnapshot *mapscope_timeline_get_snapshot    (MapscopeTimeline             *self,
                                                     guint                         index);

G_END_DECLS
