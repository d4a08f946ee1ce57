/* mapscope-inspector.h: everything known about the selected region
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "mapscope-view.h"

G_BEGIN_DECLS

#define MAPSCOPE_TYPE_INSPECTOR (mapscope_inspector_get_type ())

G_DECLARE_FINAL_TYPE (MapscopeInspector, mapscope_inspector, MAPSCOPE, INSPECTOR, MapscopeView)

GtkWidget         *mapscope_inspector_new             (MapscopeWorkspace *workspace);
MapscopeWorkspace *mapscope_inspector_get_workspace   (MapscopeInspector *self);
void               mapscope_inspector_set_workspace   (MapscopeInspector *self,
                                                       MapscopeWorkspace *workspace);
gboolean           mapscope_inspector_has_region      (MapscopeInspector *self);
/* @field_name: a field as the snapshot names it ("Rss", "KernelPageSize",
 * unknown ones too), or one of "range", "size", "perms", "path", "offset",
 * "device", "inode", "category", "rule", "rss-ratio",
 * "private-dirty-ratio", "swap-ratio", "vmflag:CODE" */
const char        *mapscope_inspector_get_field_text  (MapscopeInspector *self,
                                                       const char        *field_name);
const char        *mapscope_inspector_get_raw_text    (MapscopeInspector *self);

G_END_DECLS
