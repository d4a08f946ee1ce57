/* mapscope-process-list.h: the processes running now
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "mapscope-process.h"
#include "mapscope-process-source.h"

G_BEGIN_DECLS

#define MAPSCOPE_TYPE_PROCESS_LIST (mapscope_process_list_get_type ())

G_DECLARE_FINAL_TYPE (MapscopeProcessList, mapscope_process_list, MAPSCOPE, PROCESS_LIST, GObject)

MapscopeProcessList   *mapscope_process_list_new             (void);
MapscopeProcessList   *mapscope_process_list_new_for_source  (MapscopeProcessSource *source);
gboolean               mapscope_process_list_refresh         (MapscopeProcessList  *self,
                                                              GError              **error);
guint                  mapscope_process_list_get_n_processes (MapscopeProcessList  *self);
const MapscopeProcess *mapscope_process_list_get_process     (MapscopeProcessList  *self,
                                                              guint                 index);
const MapscopeProcess *mapscope_process_list_find            (MapscopeProcessList  *self,
                                                              gint                  pid);
gboolean               mapscope_process_list_ensure_rollup   (MapscopeProcessList  *self,
                                                              guint                 index,
                                                              GError              **error);
guint                  mapscope_process_list_ensure_rollups  (MapscopeProcessList  *self);

G_END_DECLS
