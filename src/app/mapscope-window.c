/* mapscope-window.c: the main window: sidebar of snapshots | views | inspector
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window owns the workspace (what is open) and the loader. Its behaviour
 * is split by concern: actions in mapscope-window-actions.c, opening files in
 * mapscope-window-loading.c, dialogs in mapscope-window-dialogs.c and drag
 * and drop in mapscope-window-dnd.c, sharing the struct through
 * mapscope-window-private.h.
 */
#include "mapscope-app-config.h"

#include <glib/gi18n.h>

#include "mapscope-app-util.h"
#include "mapscope-snapshot-row.h"
#include "mapscope-window-private.h"

#ifdef HAVE_MAPSCOPE_VIEWS
# include "mapscope-views.h"
#endif

#define DEFAULT_WIDTH  1280
#define DEFAULT_HEIGHT 800

G_DEFINE_FINAL_TYPE (MapscopeWindow, mapscope_window, ADW_TYPE_APPLICATION_WINDOW)

/* The settings are optional: an uninstalled build started without
 * GSETTINGS_SCHEMA_DIR still runs, it just forgets its size. */
static GSettings *
create_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  if (schema == NULL)
    {
      g_debug ("GSettings schema %s is not installed; window state is not remembered",
               APPLICATION_ID);
      return NULL;
    }
  return g_settings_new_full (schema, NULL, NULL);
}

static void
load_window_state (MapscopeWindow *self)
{
  int width = DEFAULT_WIDTH;
  int height = DEFAULT_HEIGHT;

  if (self->settings != NULL)
    {
      width = g_settings_get_int (self->settings, "window-width");
      height = g_settings_get_int (self->settings, "window-height");
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
      g_settings_bind (self->settings, "sidebar-visible", self->sidebar, "visible",
                       G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (self->settings, "inspector-visible", self->inspector, "visible",
                       G_SETTINGS_BIND_DEFAULT);
    }
  gtk_window_set_default_size (GTK_WINDOW (self), width, height);
}

static gboolean
mapscope_window_close_request (GtkWindow *window)
{
  MapscopeWindow *self = MAPSCOPE_WINDOW (window);
  int width;
  int height;

  if (!_mapscope_window_session_may_close (self))
    return TRUE;

  if (self->settings != NULL)
    {
      /* The default size is the unmaximized size, which is what to restore. */
      gtk_window_get_default_size (window, &width, &height);
      g_settings_delay (self->settings);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
      g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
      g_settings_apply (self->settings);
    }

  mapscope_loader_cancel_all (self->loader);

  return GTK_WINDOW_CLASS (mapscope_window_parent_class)->close_request (window);
}

#ifdef HAVE_MAPSCOPE_VIEWS
/* Creates the views named in @type_names (a NULL-terminated list) and puts
 * them into @box instead of @placeholder; the placeholder stays when any view
 * is missing. Returns the first view, or NULL. */
static GtkWidget *
install_views (MapscopeWindow     *self,
               GtkBox             *box,
               GtkWidget          *placeholder,
               const char * const *type_names)
{
  g_autoptr(GPtrArray) views = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; type_names[i] != NULL; i++)
    {
      GType type = g_type_from_name (type_names[i]);

      if (type == 0 || !g_type_is_a (type, GTK_TYPE_WIDGET))
        {
          g_debug ("View %s is not available; keeping its placeholder", type_names[i]);
          return NULL;
        }
      g_ptr_array_add (views, g_object_ref_sink (g_object_new (type,
                                                               "workspace", self->workspace,
                                                               NULL)));
    }

  gtk_box_remove (box, placeholder);
  for (guint i = 0; i < views->len; i++)
    {
      GtkWidget *view = g_ptr_array_index (views, i);

      /* The last view of a box (the table, the chart) takes the space. */
      gtk_widget_set_vexpand (view, i + 1 == views->len);
      gtk_box_append (box, view);
    }
  return g_ptr_array_index (views, 0);
}
#endif

#ifdef HAVE_MAPSCOPE_VIEWS
static gboolean
any_warnings (GBinding     *binding,
              const GValue *from,
              GValue       *to,
              gpointer      user_data)
{
  g_value_set_boolean (to, g_value_get_uint (from) > 0);
  return TRUE;
}
#endif

static void
create_views (MapscopeWindow *self)
{
#ifdef HAVE_MAPSCOPE_VIEWS
  static const char * const regions_views[] = {
    "MapscopeFilterBar", "MapscopeOnlyRegionsBar", "MapscopeBaselineBar", "MapscopeRegionTable", NULL
  };
  static const char * const summary_views[] = { "MapscopeSummaryView", NULL };
  static const char * const map_views[] = {
    "MapscopeOnlyRegionsBar", "MapscopeBaselineBar", "MapscopeMapPage", NULL
  };
  static const char * const timeline_views[] = { "MapscopeTimelineView", NULL };
  static const char * const findings_views[] = { "MapscopeFindingsView", NULL };
  GtkWidget *findings;
  static const char * const inspector_views[] = { "MapscopeInspector", NULL };

  mapscope_views_init ();

  self->filter_bar = install_views (self, self->regions_box, self->regions_placeholder,
                                    regions_views);
  install_views (self, self->summary_box, self->summary_placeholder, summary_views);
  install_views (self, self->map_box, self->map_placeholder, map_views);
  install_views (self, self->timeline_box, self->timeline_placeholder, timeline_views);
  findings = install_views (self, self->findings_box, self->findings_placeholder, findings_views);
  /* The Findings tab counts what is worth a look (warnings and worse). */
  if (findings != NULL)
    {
      g_object_bind_property (findings, "n-warnings", self->findings_page, "badge-number",
                              G_BINDING_SYNC_CREATE);
      g_object_bind_property_full (findings, "n-warnings", self->findings_page, "needs-attention",
                                   G_BINDING_SYNC_CREATE, any_warnings, NULL, NULL, NULL);
    }
  install_views (self, GTK_BOX (self->inspector), self->inspector_placeholder, inspector_views);
#endif
}

static GtkWidget *
create_snapshot_row (gpointer item,
                     gpointer user_data)
{
  MapscopeWindow *self = MAPSCOPE_WINDOW (user_data);

  return GTK_WIDGET (mapscope_snapshot_row_new (self->workspace, MAPSCOPE_SNAPSHOT (item)));
}

static gint
find_snapshot (GListModel       *model,
               MapscopeSnapshot *snapshot)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MapscopeSnapshot) item = g_list_model_get_item (model, i);

      if (item == snapshot)
        return (gint)i;
    }
  return -1;
}

/* Keeps the selected row on the workspace's current snapshot. */
static void
sync_selection (MapscopeWindow *self)
{
  GListModel *snapshots = mapscope_workspace_get_snapshots (self->workspace);
  MapscopeSnapshot *current = mapscope_workspace_get_current (self->workspace);
  gint index = current != NULL ? find_snapshot (snapshots, current) : -1;
  GtkListBoxRow *row = index >= 0 ? gtk_list_box_get_row_at_index (self->snapshot_list, index) : NULL;

  self->syncing_selection = TRUE;
  if (row != NULL)
    gtk_list_box_select_row (self->snapshot_list, row);
  else
    gtk_list_box_unselect_all (self->snapshot_list);
  self->syncing_selection = FALSE;
}

static void
snapshot_list_row_selected (MapscopeWindow *self,
                            GtkListBoxRow  *row,
                            GtkListBox     *list)
{
  if (self->syncing_selection || row == NULL)
    return;
  mapscope_workspace_set_current (self->workspace,
                                  mapscope_snapshot_row_get_snapshot (MAPSCOPE_SNAPSHOT_ROW (row)));
}

static void
update_subtitle (MapscopeWindow *self)
{
  MapscopeSnapshot *current = mapscope_workspace_get_current (self->workspace);
  g_autofree char *description = current != NULL ? mapscope_snapshot_describe (current) : NULL;

  adw_view_switcher_title_set_subtitle (self->switcher_title, description);
}

static void
workspace_current_changed (MapscopeWindow *self)
{
  sync_selection (self);
  update_subtitle (self);
  _mapscope_window_update_actions (self);
}

/* The inspector starts hidden, leaving the table its width, and slides in
 * when there is a region to inspect. */
static void
workspace_selection_changed (MapscopeWindow *self)
{
  if (mapscope_workspace_get_selected_index (self->workspace) >= 0)
    gtk_widget_set_visible (self->inspector, TRUE);
}

static void
snapshots_changed (MapscopeWindow *self,
                   guint           position,
                   guint           removed,
                   guint           added,
                   GListModel     *model)
{
  gboolean empty = g_list_model_get_n_items (model) == 0;

  gtk_stack_set_visible_child_name (self->main_stack, empty ? "start" : "workspace");
  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, !empty);
  /* The start page has no sidebar or inspector to toggle, nor a process to follow. */
  gtk_widget_set_visible (self->sidebar_button, !empty);
  gtk_widget_set_visible (self->inspector_button, !empty);
  gtk_widget_set_visible (self->follow_button, !empty);
  /* The rows were made anew: select the current one again. */
  workspace_current_changed (self);
}

/**
 * mapscope_window_get_workspace:
 *
 * Returns: (transfer none): what this window has open
 */
MapscopeWorkspace *
mapscope_window_get_workspace (MapscopeWindow *self)
{
  g_return_val_if_fail (MAPSCOPE_IS_WINDOW (self), NULL);

  return self->workspace;
}

/**
 * mapscope_window_get_loader:
 *
 * Returns: (transfer none): the loader that reads this window's files
 */
MapscopeLoader *
mapscope_window_get_loader (MapscopeWindow *self)
{
  g_return_val_if_fail (MAPSCOPE_IS_WINDOW (self), NULL);

  return self->loader;
}

/* Whether files opened in this window are still being read. */
gboolean
mapscope_window_get_loading (MapscopeWindow *self)
{
  g_return_val_if_fail (MAPSCOPE_IS_WINDOW (self), FALSE);

  return self->n_batches > 0;
}

MapscopeWindow *
mapscope_window_new (MapscopeApplication *application)
{
  return g_object_new (MAPSCOPE_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

static void
mapscope_window_dispose (GObject *object)
{
  MapscopeWindow *self = MAPSCOPE_WINDOW (object);

  _mapscope_window_dispose_loading (self);
  _mapscope_window_dispose_follow (self);
  _mapscope_window_dispose_session (self);
  if (self->snapshot_list != NULL)
    gtk_list_box_bind_model (self->snapshot_list, NULL, NULL, NULL, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), MAPSCOPE_TYPE_WINDOW);

  G_OBJECT_CLASS (mapscope_window_parent_class)->dispose (object);
}

static void
mapscope_window_finalize (GObject *object)
{
  MapscopeWindow *self = MAPSCOPE_WINDOW (object);

  g_clear_object (&self->workspace);
  g_clear_object (&self->loader);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (mapscope_window_parent_class)->finalize (object);
}

static void
mapscope_window_class_init (MapscopeWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = mapscope_window_dispose;
  object_class->finalize = mapscope_window_finalize;
  window_class->close_request = mapscope_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/mapscope/Mapscope/mapscope-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MapscopeWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, MapscopeWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, MapscopeWindow, sidebar_button);
  gtk_widget_class_bind_template_child (widget_class, MapscopeWindow, inspector_button);
  gtk_widget_class_bind_template_child (widget_class, MapscopeWindow, follow_button);
  gtk_widget_class_bind_template_child (widget_class, MapscopeWindow, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, MapscopeWindow, progress_label);
  gtk_widget_class_bind_template_child (widget_class, MapscopeWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, MapscopeWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, MapscopeWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, MapscopeWindow, snapshot_list);
  gtk_widget_class_bind_template_child (widget_class, MapscopeWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, MapscopeWindow, regions_box);
  gtk_widget_class_bind_template_child (widget_class, MapscopeWindow, regions_placeholder);
  gtk_widget_class_bind_template_child (widget_class, MapscopeWindow, summary_box);
  gtk_widget_class_bind_template_child (widget_class, MapscopeWindow, summary_placeholder);
  gtk_widget_class_bind_template_child (widget_class, MapscopeWindow, map_box);
  gtk_widget_class_bind_template_child (widget_class, MapscopeWindow, map_placeholder);
  gtk_widget_class_bind_template_child (widget_class, MapscopeWindow, timeline_page);
  gtk_widget_class_bind_template_child (widget_class, MapscopeWindow, timeline_box);
  gtk_widget_class_bind_template_child (widget_class, MapscopeWindow, timeline_placeholder);
  gtk_widget_class_bind_template_child (widget_class, MapscopeWindow, findings_page);
  gtk_widget_class_bind_template_child (widget_class, MapscopeWindow, findings_box);
  gtk_widget_class_bind_template_child (widget_class, MapscopeWindow, findings_placeholder);
  gtk_widget_class_bind_template_child (widget_class, MapscopeWindow, inspector);
  gtk_widget_class_bind_template_child (widget_class, MapscopeWindow, inspector_placeholder);
  gtk_widget_class_bind_template_child (widget_class, MapscopeWindow, recent_menu);
}

static void
mapscope_window_init (MapscopeWindow *self)
{
  GListModel *snapshots;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->workspace = mapscope_workspace_new ();
  self->loader = mapscope_loader_new ();
  self->settings = create_settings ();

  load_window_state (self);
  create_views (self);

  snapshots = mapscope_workspace_get_snapshots (self->workspace);
  gtk_list_box_bind_model (self->snapshot_list, snapshots, create_snapshot_row, self, NULL);
  g_signal_connect_object (self->snapshot_list, "row-selected",
                           G_CALLBACK (snapshot_list_row_selected), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (snapshots, "items-changed",
                           G_CALLBACK (snapshots_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->workspace, "notify::current",
                           G_CALLBACK (workspace_current_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->workspace, "notify::selected-index",
                           G_CALLBACK (workspace_selection_changed), self, G_CONNECT_SWAPPED);

  _mapscope_window_init_actions (self);
  _mapscope_window_init_loading (self);
  _mapscope_window_init_dnd (self);
  _mapscope_window_init_follow (self);
  _mapscope_window_init_session (self);

  snapshots_changed (self, 0, 0, 0, snapshots);
}
