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
#include "mapscope-views-private.h"

struct _MapscopeOnlyRegionsBar
{
  MapscopeView       parent_instance;

  /* children */
  GtkRevealer       *revealer;
  GtkLabel          *label;
  GtkWidget         *clear_button;

  /* borrowed: MapscopeView's, kept in step */
  MapscopeWorkspace *workspace;
};

G_DEFINE_FINAL_TYPE (MapscopeOnlyRegionsBar, mapscope_only_regions_bar, MAPSCOPE_TYPE_VIEW)

static void
update (MapscopeOnlyRegionsBar *self)
{
  MapscopeRegionFilter *filter = self->workspace ? mapscope_workspace_get_filter (self->workspace) : NULL;
  gboolean restricted = filter != NULL && mapscope_region_filter_has_only_regions (filter);
  const char *what = restricted ? mapscope_region_filter_get_only_label (filter) : NULL;
  g_autofree char *text = NULL;

  if (restricted)
    text = what != NULL
      /* Translators: above the table when a finding restricts it; %s is the finding's title */
      ? g_strdup_printf (_("Only the regions of: %s"), what)
      : g_strdup (_("Only some regions are shown"));

  gtk_label_set_text (self->label, text ? text : "");
  gtk_revealer_set_reveal_child (self->revealer, restricted);
  /* A hidden revealer still takes a row of focus chain; keep it out. */
  gtk_widget_set_visible (GTK_WIDGET (self), restricted);
}

static void
clear_clicked (MapscopeOnlyRegionsBar *self)
{
  if (self->workspace != NULL)
    mapscope_region_filter_clear_only_regions (mapscope_workspace_get_filter (self->workspace));
}

static void
mapscope_only_regions_bar_workspace_changed (MapscopeView      *view,
                                             MapscopeWorkspace *old_workspace,
                                             MapscopeWorkspace *workspace)
{
  MapscopeOnlyRegionsBar *self = MAPSCOPE_ONLY_REGIONS_BAR (view);

  self->workspace = workspace;
  if (workspace != NULL)
    g_signal_connect_object (mapscope_workspace_get_filter (workspace), "changed",
                             G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  update (self);
}

static void
mapscope_only_regions_bar_dispose (GObject *object)
{
  MapscopeOnlyRegionsBar *self = MAPSCOPE_ONLY_REGIONS_BAR (object);

  self->workspace = NULL;
  if (self->revealer != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->revealer));
      self->revealer = NULL;
    }

  G_OBJECT_CLASS (mapscope_only_regions_bar_parent_class)->dispose (object);
}

static void
mapscope_only_regions_bar_class_init (MapscopeOnlyRegionsBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  MapscopeViewClass *view_class = MAPSCOPE_VIEW_CLASS (klass);

  object_class->dispose = mapscope_only_regions_bar_dispose;
  view_class->workspace_changed = mapscope_only_regions_bar_workspace_changed;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "onlyregionsbar");
}

static void
mapscope_only_regions_bar_init (MapscopeOnlyRegionsBar *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *icon = gtk_image_new_from_icon_name ("edit-find-symbolic");

  self->label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->label, 0);
  gtk_label_set_ellipsize (self->label, PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (GTK_WIDGET (self->label), TRUE);

  self->clear_button = gtk_button_new_with_mnemonic (_("Show _All Regions"));
  gtk_widget_add_css_class (self->clear_button, "flat");
  g_signal_connect_object (self->clear_button, "clicked", G_CALLBACK (clear_clicked), self,
                           G_CONNECT_SWAPPED);

  gtk_widget_add_css_class (box, "toolbar");
  gtk_widget_set_margin_start (box, 6);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->label));
  gtk_box_append (GTK_BOX (box), self->clear_button);

  self->revealer = GTK_REVEALER (gtk_revealer_new ());
  gtk_revealer_set_child (self->revealer, box);
  gtk_widget_set_parent (GTK_WIDGET (self->revealer), GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
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
  g_return_val_if_fail (MAPSCOPE_IS_ONLY_REGIONS_BAR (self), "");
  return gtk_label_get_text (self->label);
}

/* Returns: (transfer none): the button that shows every region again */
GtkWidget *
mapscope_only_regions_bar_get_clear_button (MapscopeOnlyRegionsBar *self)
{
  g_return_val_if_fail (MAPSCOPE_IS_ONLY_REGIONS_BAR (self), NULL);
  return self->clear_button;
}
