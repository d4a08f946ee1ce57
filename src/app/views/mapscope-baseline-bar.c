/* mapscope-baseline-bar.c: says when the baseline runs another program, and drops it
 *
 * A diff of two different programs pairs little more than the libraries
 * they share, so most regions read as new or removed and the deltas mean
 * little. Above the table and the map, this bar says so, naming both
 * executables, and its button drops the baseline.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "mapscope-baseline-bar.h"

struct _MapscopeBaselineBar
{
  MapscopeNoticeBar  parent_instance;
};

G_DEFINE_FINAL_TYPE (MapscopeBaselineBar, mapscope_baseline_bar, MAPSCOPE_TYPE_NOTICE_BAR)

static char *
program_name (MapscopeSnapshot *snapshot)
{
  const char *executable = mapscope_snapshot_get_executable (snapshot);

  return executable != NULL ? g_path_get_basename (executable) : g_strdup ("?");
}

static void
update (MapscopeBaselineBar *self)
{
  MapscopeWorkspace *workspace = mapscope_view_get_workspace (MAPSCOPE_VIEW (self));
  MapscopeDiff *diff = workspace != NULL ? mapscope_workspace_get_diff (workspace) : NULL;
  g_autofree char *text = NULL;

  if (diff != NULL && !mapscope_diff_get_same_program (diff))
    {
      g_autofree char *baseline = program_name (mapscope_diff_get_old_snapshot (diff));
      g_autofree char *current = program_name (mapscope_diff_get_new_snapshot (diff));

      /* Translators: above the table and the map; the first %s is the
       * baseline's program, the second the shown snapshot's, e.g. "sleep",
       * "python3" */
      text = g_strdup_printf (_("The baseline runs another program (%s, not %s): most regions "
                                "compare as new or removed"), baseline, current);
    }

  _mapscope_notice_bar_set_text (MAPSCOPE_NOTICE_BAR (self), text);
}

static void
drop_baseline (MapscopeNoticeBar *bar)
{
  MapscopeWorkspace *workspace = mapscope_view_get_workspace (MAPSCOPE_VIEW (bar));

  if (workspace != NULL)
    mapscope_workspace_set_baseline (workspace, NULL);
}

static void
mapscope_baseline_bar_workspace_changed (MapscopeView      *view,
                                         MapscopeWorkspace *old_workspace,
                                         MapscopeWorkspace *workspace)
{
  MapscopeBaselineBar *self = MAPSCOPE_BASELINE_BAR (view);

  if (workspace != NULL)
    g_signal_connect_object (workspace, "notify::diff", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  update (self);
}

static void
mapscope_baseline_bar_class_init (MapscopeBaselineBarClass *klass)
{
  MAPSCOPE_VIEW_CLASS (klass)->workspace_changed = mapscope_baseline_bar_workspace_changed;
  MAPSCOPE_NOTICE_BAR_CLASS (klass)->button_clicked = drop_baseline;
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "baselinebar");
}

static void
mapscope_baseline_bar_init (MapscopeBaselineBar *self)
{
  _mapscope_notice_bar_setup (MAPSCOPE_NOTICE_BAR (self), "dialog-warning-symbolic", _("_Drop Baseline"));
}

GtkWidget *
mapscope_baseline_bar_new (MapscopeWorkspace *workspace)
{
  return g_object_new (MAPSCOPE_TYPE_BASELINE_BAR, "workspace", workspace, NULL);
}
