/* mapscope-process-picker.h: pick a running process, then capture one
 * snapshot of it or record a timeline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "mapscope-process-source.h"
#include "mapscope-workspace.h"

G_BEGIN_DECLS

#define MAPSCOPE_TYPE_PROCESS_PICKER (mapscope_process_picker_get_type ())

G_DECLARE_FINAL_TYPE (MapscopeProcessPicker, mapscope_process_picker, MAPSCOPE, PROCESS_PICKER, AdwWindow)

/* Captured snapshots go into @workspace and become current; a timeline's
 * first snapshot also becomes the baseline. */
MapscopeProcessPicker *mapscope_process_picker_new           (GtkWindow             *parent,
                                                              MapscopeWorkspace     *workspace);
GListModel            *mapscope_process_picker_get_processes (MapscopeProcessPicker *self);
void                   mapscope_process_picker_set_sources   (MapscopeProcessPicker *self,
                                                              MapscopeProcessSource *capture_source,
                                                              MapscopeProcessSource *admin_source);

G_END_DECLS
