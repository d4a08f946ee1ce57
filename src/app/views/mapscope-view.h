/* mapscope-view.h: the base of the views that show a workspace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "mapscope-workspace.h"

G_BEGIN_DECLS

#define MAPSCOPE_TYPE_VIEW (mapscope_view_get_type ())

G_DECLARE_DERIVABLE_TYPE (MapscopeView, mapscope_view, MAPSCOPE, VIEW, GtkWidget)

struct _MapscopeViewClass
{
  GtkWidgetClass parent_class;

  /* Called after the "workspace" property changed and before it is
   * notified. The handlers the view connected with itself as data on
   * @old_workspace, on its filter and on its snapshot list are already
   * gone. Not called while
   * the view is disposed. */
  void (*workspace_changed) (MapscopeView      *self,
                             MapscopeWorkspace *old_workspace,
                             MapscopeWorkspace *new_workspace);

  /*< private >*/
  gpointer padding[4];
};

MapscopeWorkspace *mapscope_view_get_workspace (MapscopeView      *self);
void               mapscope_view_set_workspace (MapscopeView      *self,
                                                MapscopeWorkspace *workspace);

/* For workspace_changed: calls @update (with the view) from an idle, once
 * per batch of changes to the current snapshot of @workspace or to its list
 * of snapshots (a file of many snapshots arrives one snapshot at a time).
 * In an idle of its own, a view's update is a main loop turn of its own:
 * the window can draw between the updates of its views. */
void               mapscope_view_follow_snapshots (MapscopeView      *self,
                                                   MapscopeWorkspace *workspace,
                                                   GCallback          update);

G_END_DECLS
