/* mapscope-map-page.c: the Map page: legend, toggles and export above the
 * overview strip and the map
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>
#include <glib/gi18n.h>

#include "mapscope-map-export.h"
#include "mapscope-map-page.h"
#include "mapscope-views-private.h"

struct _MapscopeMapPage
{
  MapscopeView          parent_instance;

  /* borrowed: MapscopeView's, kept in step */
  MapscopeWorkspace    *workspace;

  /* owned */
  GtkFileChooserNative *chooser;

  /* children */
  GtkWidget            *toolbar;
  GtkWidget            *overview;
  GtkWidget            *view;

  /* borrowed: in the toolbar */
  GtkWidget            *legend;
  GtkWidget            *changes_toggle;
  GtkWidget            *linear_toggle;
};

G_DEFINE_FINAL_TYPE (MapscopeMapPage, mapscope_map_page, MAPSCOPE_TYPE_VIEW)

static void
update_legend (MapscopeMapPage *self)
{
  MapscopeMapView *view = MAPSCOPE_MAP_VIEW (self->view);
  gboolean has_changes = mapscope_map_view_get_has_changes (view);

  gtk_widget_set_sensitive (self->changes_toggle, has_changes);
  gtk_widget_set_tooltip_text (self->changes_toggle,
                               has_changes
                               ? _("Show what changed since the baseline")
                               : _("Choose a baseline snapshot to see what changed since it"));
  mapscope_map_legend_update (MAPSCOPE_MAP_LEGEND (self->legend),
                              self->workspace != NULL
                              ? mapscope_workspace_get_current (self->workspace) : NULL,
                              has_changes && mapscope_map_view_get_show_changes (view));
}

static void
changes_toggled (MapscopeMapPage *self)
{
  mapscope_map_view_set_show_changes (MAPSCOPE_MAP_VIEW (self->view),
                                      gtk_toggle_button_get_active (
                                        GTK_TOGGLE_BUTTON (self->changes_toggle)));
  update_legend (self);
}

static void
linear_toggled (MapscopeMapPage *self)
{
  mapscope_map_view_set_linear (MAPSCOPE_MAP_VIEW (self->view),
                                gtk_toggle_button_get_active (
                                  GTK_TOGGLE_BUTTON (self->linear_toggle)));
}

/* Export */

static void
show_toast (MapscopeMapPage *self,
            AdwToast        *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (toast);
}

gboolean
mapscope_map_page_export (MapscopeMapPage *self,
                          const char      *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *display_name = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (MAPSCOPE_IS_MAP_PAGE (self), FALSE);

  if (!mapscope_map_view_export (MAPSCOPE_MAP_VIEW (self->view), path, &error))
    {
      /* Toast titles are Pango markup; file names may hold "&" or "<". */
      g_autofree char *message = g_markup_escape_text (error->message, -1);
      AdwToast *toast = adw_toast_new (message);

      adw_toast_set_timeout (toast, 0);
      show_toast (self, toast);
      return FALSE;
    }

  display_name = g_filename_display_basename (path);
  name = g_markup_escape_text (display_name, -1);
  /* Translators: %s is the name of the image file the map was saved in */
  show_toast (self, adw_toast_new_format (_("Map exported to “%s”"), name));
  return TRUE;
}

static void
export_response (GtkNativeDialog *chooser,
                 int              response,
                 MapscopeMapPage *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  const char *extension = g_object_get_data (G_OBJECT (chooser), "extension");

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    path = g_file_get_path (file);
  g_clear_object (&self->chooser);
  if (path == NULL)
    return;

  /* A name typed without its extension gets the one the user chose. */
  if (!mapscope_map_export_is_supported (path))
    {
      char *with_extension = g_strconcat (path, extension, NULL);

      g_free (path);
      path = with_extension;
    }
  mapscope_map_page_export (self, path);
}

static void
export_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  MapscopeMapPage *self = MAPSCOPE_MAP_PAGE (widget);
  gboolean svg = g_str_equal (action_name, "map.export-svg");
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  self->chooser = gtk_file_chooser_native_new (svg ? _("Export Map as SVG")
                                                   : _("Export Map as PNG"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Export"), _("_Cancel"));
  gtk_file_filter_set_name (filter, svg ? _("SVG images") : _("PNG images"));
  gtk_file_filter_add_mime_type (filter, svg ? "image/svg+xml" : "image/png");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser),
                                     svg ? "memory-map.svg" : "memory-map.png");
  g_object_set_data (G_OBJECT (self->chooser), "extension", (gpointer) (svg ? ".svg" : ".png"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (export_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* Building */

static GtkWidget *
new_toolbar (MapscopeMapPage *self)
{
  GtkWidget *toolbar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  g_autoptr(GMenu) menu = g_menu_new ();
  GtkWidget *export_button;

  gtk_widget_add_css_class (toolbar, "toolbar");

  self->legend = mapscope_map_legend_new ();
  gtk_widget_set_hexpand (self->legend, TRUE);
  gtk_box_append (GTK_BOX (toolbar), self->legend);

  self->changes_toggle = gtk_toggle_button_new_with_mnemonic (_("C_hanges"));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->changes_toggle), TRUE);
  gtk_widget_set_valign (self->changes_toggle, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (self->changes_toggle, "toggled", G_CALLBACK (changes_toggled), self);
  gtk_box_append (GTK_BOX (toolbar), self->changes_toggle);

  self->linear_toggle = gtk_toggle_button_new_with_mnemonic (_("_Linear Axis"));
  gtk_widget_set_tooltip_text (self->linear_toggle,
                               _("Draw unmapped gaps at their real size instead of collapsing them"));
  gtk_widget_set_valign (self->linear_toggle, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (self->linear_toggle, "toggled", G_CALLBACK (linear_toggled), self);
  gtk_box_append (GTK_BOX (toolbar), self->linear_toggle);

  g_menu_append (menu, _("Export as _PNG…"), "map.export-png");
  g_menu_append (menu, _("Export as _SVG…"), "map.export-svg");
  export_button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (export_button), "document-save-as-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (export_button), G_MENU_MODEL (menu));
  gtk_widget_set_tooltip_text (export_button, _("Export the map as it is shown"));
  gtk_widget_set_valign (export_button, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (toolbar), export_button);

  return toolbar;
}

/* Workspace */

static void
mapscope_map_page_workspace_changed (MapscopeView      *view,
                                     MapscopeWorkspace *old_workspace,
                                     MapscopeWorkspace *workspace)
{
  MapscopeMapPage *self = MAPSCOPE_MAP_PAGE (view);

  self->workspace = workspace;
  mapscope_map_view_set_workspace (MAPSCOPE_MAP_VIEW (self->view), workspace);
  if (workspace != NULL)
    {
      g_signal_connect_object (workspace, "notify::current",
                               G_CALLBACK (update_legend), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (workspace, "notify::diff",
                               G_CALLBACK (update_legend), self, G_CONNECT_SWAPPED);
    }
  update_legend (self);
}

/* Returns: (transfer none) (nullable): */
MapscopeWorkspace *
mapscope_map_page_get_workspace (MapscopeMapPage *self)
{
  g_return_val_if_fail (MAPSCOPE_IS_MAP_PAGE (self), NULL);
  return mapscope_view_get_workspace (MAPSCOPE_VIEW (self));
}

void
mapscope_map_page_set_workspace (MapscopeMapPage   *self,
                                 MapscopeWorkspace *workspace)
{
  g_return_if_fail (MAPSCOPE_IS_MAP_PAGE (self));
  mapscope_view_set_workspace (MAPSCOPE_VIEW (self), workspace);
}

MapscopeMapView *
mapscope_map_page_get_view (MapscopeMapPage *self)
{
  g_return_val_if_fail (MAPSCOPE_IS_MAP_PAGE (self), NULL);
  return MAPSCOPE_MAP_VIEW (self->view);
}

MapscopeMapOverview *
mapscope_map_page_get_overview (MapscopeMapPage *self)
{
  g_return_val_if_fail (MAPSCOPE_IS_MAP_PAGE (self), NULL);
  return MAPSCOPE_MAP_OVERVIEW (self->overview);
}

MapscopeMapLegend *
mapscope_map_page_get_legend (MapscopeMapPage *self)
{
  g_return_val_if_fail (MAPSCOPE_IS_MAP_PAGE (self), NULL);
  return MAPSCOPE_MAP_LEGEND (self->legend);
}

GtkToggleButton *
mapscope_map_page_get_changes_toggle (MapscopeMapPage *self)
{
  g_return_val_if_fail (MAPSCOPE_IS_MAP_PAGE (self), NULL);
  return GTK_TOGGLE_BUTTON (self->changes_toggle);
}

GtkWidget *
mapscope_map_page_new (MapscopeWorkspace *workspace)
{
  return g_object_new (MAPSCOPE_TYPE_MAP_PAGE, "workspace", workspace, NULL);
}

static void
mapscope_map_page_dispose (GObject *object)
{
  MapscopeMapPage *self = MAPSCOPE_MAP_PAGE (object);

  self->workspace = NULL;
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_pointer (&self->toolbar, gtk_widget_unparent);
  g_clear_pointer (&self->overview, gtk_widget_unparent);
  g_clear_pointer (&self->view, gtk_widget_unparent);

  G_OBJECT_CLASS (mapscope_map_page_parent_class)->dispose (object);
}

static void
mapscope_map_page_class_init (MapscopeMapPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  MapscopeViewClass *view_class = MAPSCOPE_VIEW_CLASS (klass);

  object_class->dispose = mapscope_map_page_dispose;
  view_class->workspace_changed = mapscope_map_page_workspace_changed;

  gtk_widget_class_install_action (widget_class, "map.export-png", NULL, export_activated);
  gtk_widget_class_install_action (widget_class, "map.export-svg", NULL, export_activated);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "mapscope-map-page");
}

static void
mapscope_map_page_init (MapscopeMapPage *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);

  self->toolbar = new_toolbar (self);
  gtk_widget_set_parent (self->toolbar, GTK_WIDGET (self));

  self->view = mapscope_map_view_new (NULL);
  self->overview = mapscope_map_overview_new (MAPSCOPE_MAP_VIEW (self->view));
  gtk_widget_set_margin_start (self->overview, 6);
  gtk_widget_set_margin_end (self->overview, 6);
  gtk_widget_set_margin_bottom (self->overview, 6);
  gtk_widget_set_parent (self->overview, GTK_WIDGET (self));
  gtk_widget_set_parent (self->view, GTK_WIDGET (self));

  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
}
