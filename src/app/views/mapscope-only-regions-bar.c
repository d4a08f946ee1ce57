/* mapscope-only-regions-bar.c: says which finding restricts the view, and lifts it
 *
 * When the filter keeps only some regions (a finding chose them), the table
 * and the map show just those; this bar above them says so, so the view
 * never looks mysteriously short, and its button shows everything again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "mapscope-only-regions-bar.h"

struct _MapscopeOnlyRegionsBar
{
  MapscopeNoticeBar  parent_instance;
};

G_DEFINE_FINAL_TYPE (MapscopeOnlyRegionsBar, mapscope_only_regions_bar, MAPSCOPE_TYPE_NOTICE_BAR)

static void
update (MapscopeOnlyRegionsBar *self)
{
  MapscopeWorkspace *workspace = mapscope_view_get_workspace (MAPSCOPE_VIEW (self));
  MapscopeRegionFilter *filter = workspace != NULL ? mapscope_workspace_get_filter (workspace) : NULL;
  gboolean restricted = filter != NULL && mapscope_region_filter_has_only_regions (filter);
  const char *what = restricted ? mapscope_region_filter_get_only_label (filter) : NULL;
  g_autofree char *text = NULL;

  if (restricted)
    text = what != NULL
      /* Translators: above the table when a finding restricts it; %s is the finding's title */
      ? g_strdup_printf (_("Only the regions of: %s"), what)
      : g_strdup (_("Only some regions are shown"));

  _mapscope_notice_bar_set_text (MAPSCOPE_NOTICE_BAR (self), text);
}

static void
show_all_regions (MapscopeNoticeBar *bar)
{
  MapscopeWorkspace *workspace = mapscope_view_get_workspace (MAPSCOPE_VIEW (bar));

  if (workspace != NULL)
    mapscope_region_filter_clear_only_regions (mapscope_workspace_get_filter (workspace));
}

static void
mapscope_only_regions_bar_workspace_changed (MapscopeView      *view,
                                             MapscopeWorkspace *old_workspace,
                                             MapscopeWorkspace *workspace)
{
  MapscopeOnlyRegionsBar *self = MAPSCOPE_ONLY_REGIONS_BAR (view);

  if (workspace != NULL)
    g_signal_connect_object (mapscope_workspace_get_filter (workspace), "changed",
                             G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  update (self);
}

static void
mapscope_only_regions_bar_class_init (MapscopeOnlyRegionsBarClass *klass)
{
  MAPSCOPE_VIEW_CLASS (klass)->workspace_changed = mapscope_only_regions_bar_workspace_changed;
  MAPSCOPE_NOTICE_BAR_CLASS (klass)->button_clicked = show_all_regions;
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "onlyregionsbar");
}

static void
mapscope_only_regions_bar_init (MapscopeOnlyRegionsBar *self)
{
  _mapscope_notice_bar_setup (MAPSCOPE_NOTICE_BAR (self), "edit-find-symbolic", _("Show _All Regions"));
}

GtkWidget *
mapscope_only_regions_bar_new (MapscopeWorkspace *workspace)
{
  return g_object_new (MAPSCOPE_TYPE_ONLY_REGIONS_BAR, "workspace", workspace, NULL);
}

/* Returns: (transfer none) (nullable): */
MapscopeWorkspace *
mapscope_only_regions_bar_get_workspace (MapscopeOnlyRegionsBar *self)
{
  g_return_val_if_fail (MAPSCOPE_IS_ONLY_REGIONS_BAR (self), NULL);
  return mapscope_view_get_workspace (MAPSCOPE_VIEW (self));
}

void
mapscope_only_regions_bar_set_workspace (MapscopeOnlyRegionsBar *self,
                                         MapscopeWorkspace      *workspace)
{
  g_return_if_fail (MAPSCOPE_IS_ONLY_REGIONS_BAR (self));
  mapscope_view_set_workspace (MAPSCOPE_VIEW (self), workspace);
}

const char *
mapscope_only_regions_bar_get_text (MapscopeOnlyRegionsBar *self)
{
  return mapscope_notice_bar_get_text (MAPSCOPE_NOTICE_BAR (self));
}

/* Returns: (transfer none): the button that shows every region again */
GtkWidget *
mapscope_only_regions_bar_get_clear_button (MapscopeOnlyRegionsBar *self)
{
  return mapscope_notice_bar_get_button (MAPSCOPE_NOTICE_BAR (self));
}
