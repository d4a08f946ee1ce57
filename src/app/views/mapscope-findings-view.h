/* mapscope-findings-view.h: what deserves a look in the current snapshot
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "mapscope-findings.h"
#include "mapscope-view.h"

G_BEGIN_DECLS

#define MAPSCOPE_TYPE_FINDINGS_VIEW (mapscope_findings_view_get_type ())

G_DECLARE_FINAL_TYPE (MapscopeFindingsView, mapscope_findings_view, MAPSCOPE, FINDINGS_VIEW, MapscopeView)

/* Properties: "workspace", "n-findings" and "n-warnings" (findings of
 * warning or critical severity) and "busy" (computing in a worker thread),
 * read-only with notify. */
GtkWidget             *mapscope_findings_view_new            (MapscopeWorkspace    *workspace);
MapscopeWorkspace     *mapscope_findings_view_get_workspace  (MapscopeFindingsView *self);
void                   mapscope_findings_view_set_workspace  (MapscopeFindingsView *self,
                                                              MapscopeWorkspace    *workspace);
guint                  mapscope_findings_view_get_n_findings (MapscopeFindingsView *self);
const MapscopeFinding *mapscope_findings_view_get_finding    (MapscopeFindingsView *self,
                                                              guint                 index);
guint                  mapscope_findings_view_get_n_warnings (MapscopeFindingsView *self);
gboolean               mapscope_findings_view_get_busy       (MapscopeFindingsView *self);
GtkListBox            *mapscope_findings_view_get_list       (MapscopeFindingsView *self);

G_END_DECLS
