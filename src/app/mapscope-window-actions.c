/* mapscope-window-actions.c: the window's actions (win.*)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Accelerators are all set in one table in mapscope-application.c.
 */
#include "mapscope-app-config.h"

#include <glib/gi18n.h>

#include "mapscope-app-util.h"
#include "mapscope-process-picker.h"
#include "mapscope-window-private.h"

#ifdef HAVE_MAPSCOPE_VIEWS
# if __has_include ("mapscope-filter-bar.h")
#  include "mapscope-filter-bar.h"
#  define HAVE_FILTER_BAR_FOCUS_SEARCH 1
# endif
#endif

static MapscopeSnapshot *
get_current (MapscopeWindow *self)
{
  return mapscope_workspace_get_current (self->workspace);
}

static void
set_enabled (MapscopeWindow *self,
             const char     *name,
             gboolean        enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), name);

  if (G_IS_SIMPLE_ACTION (action))
    g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

void
_mapscope_window_update_actions (MapscopeWindow *self)
{
  static const char * const need_current[] = {
    "close-snapshot", "toggle-baseline", "previous-snapshot", "next-snapshot", "find", "view",
  };
  MapscopeSnapshot *current = get_current (self);
  const char *source = current != NULL ? mapscope_snapshot_get_source (current) : NULL;

  for (guint i = 0; i < G_N_ELEMENTS (need_current); i++)
    set_enabled (self, need_current[i], current != NULL);

  /* Standard input cannot be read twice. */
  set_enabled (self, "refresh", source != NULL && g_strcmp0 (source, "-") != 0);
  set_enabled (self, "cancel-loading", mapscope_loader_get_busy (self->loader));
  _mapscope_window_update_session_actions (self);
}

static void
open_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  _mapscope_window_choose_files (MAPSCOPE_WINDOW (user_data));
}

static void
pick_process_activated (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  MapscopeWindow *self = MAPSCOPE_WINDOW (user_data);

  gtk_window_present (GTK_WINDOW (mapscope_process_picker_new (GTK_WINDOW (self), self->workspace)));
}

static void
collection_commands_activated (GSimpleAction *action,
                               GVariant      *parameter,
                               gpointer       user_data)
{
  _mapscope_window_show_commands (MAPSCOPE_WINDOW (user_data));
}

static void
find_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  MapscopeWindow *self = MAPSCOPE_WINDOW (user_data);

  adw_view_stack_set_visible_child_name (self->view_stack, "regions");
  if (self->filter_bar == NULL)
    return;
#ifdef HAVE_FILTER_BAR_FOCUS_SEARCH
  mapscope_filter_bar_focus_search (MAPSCOPE_FILTER_BAR (self->filter_bar));
#else
  gtk_widget_child_focus (self->filter_bar, GTK_DIR_TAB_FORWARD);
#endif
}

static void
refresh_activated (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  MapscopeWindow *self = MAPSCOPE_WINDOW (user_data);
  MapscopeSnapshot *current = get_current (self);
  g_autoptr(GFile) file = NULL;

  if (current == NULL)
    return;
  file = g_file_new_for_commandline_arg (mapscope_snapshot_get_source (current));
  mapscope_window_open_files (self, &file, 1, MAPSCOPE_OPEN_REPLACE);
}

/* The undo of Ctrl+W. */
static void
undo_close (MapscopeWindow *self,
            gpointer        object,
            gboolean        was_baseline)
{
  MapscopeSnapshot *snapshot = MAPSCOPE_SNAPSHOT (object);

  /* The workspace appends; the snapshot comes back at the end of the list. */
  mapscope_workspace_add_snapshot (self->workspace, snapshot);
  mapscope_workspace_set_current (self->workspace, snapshot);
  if (was_baseline)
    mapscope_workspace_set_baseline (self->workspace, snapshot);
}

static void
close_snapshot_activated (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  MapscopeWindow *self = MAPSCOPE_WINDOW (user_data);
  GListModel *snapshots = mapscope_workspace_get_snapshots (self->workspace);
  g_autoptr(MapscopeSnapshot) snapshot = NULL;
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  gboolean was_baseline;
  guint position = 0;
  guint n;

  if (get_current (self) == NULL)
    return;

  snapshot = g_object_ref (get_current (self));
  n = g_list_model_get_n_items (snapshots);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MapscopeSnapshot) item = g_list_model_get_item (snapshots, i);

      if (item == snapshot)
        position = i;
    }

  was_baseline = mapscope_workspace_get_baseline (self->workspace) == snapshot;

  mapscope_workspace_remove_snapshot (self->workspace, snapshot);

  /* Move on to the neighbour, as closing a tab does. */
  n = g_list_model_get_n_items (snapshots);
  if (get_current (self) == NULL && n > 0)
    {
      g_autoptr(MapscopeSnapshot) next = g_list_model_get_item (snapshots, MIN (position, n - 1));

      mapscope_workspace_set_current (self->workspace, next);
    }

  name = mapscope_snapshot_describe (snapshot);
  /* Translators: %s names a snapshot: its file, command and PID */
  title = g_strdup_printf (_("Closed %s"), name);
  _mapscope_window_add_toast_with_button (self, _mapscope_window_new_toast (title), _("_Undo"),
                                          undo_close, snapshot, was_baseline);
}

static void
toggle_baseline_activated (GSimpleAction *action,
                           GVariant      *parameter,
                           gpointer       user_data)
{
  MapscopeWindow *self = MAPSCOPE_WINDOW (user_data);
  MapscopeSnapshot *current = get_current (self);

  if (current == NULL)
    return;
  if (mapscope_workspace_get_baseline (self->workspace) == current)
    mapscope_workspace_set_baseline (self->workspace, NULL);
  else
    mapscope_workspace_set_baseline (self->workspace, current);
}

static void
step_current (MapscopeWindow *self,
              gint            step)
{
  GListModel *snapshots = mapscope_workspace_get_snapshots (self->workspace);
  guint n = g_list_model_get_n_items (snapshots);
  MapscopeSnapshot *current = get_current (self);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MapscopeSnapshot) item = g_list_model_get_item (snapshots, i);
      gint target = (gint)i + step;

      if (item == current && target >= 0 && target < (gint)n)
        {
          g_autoptr(MapscopeSnapshot) next = g_list_model_get_item (snapshots, target);

          mapscope_workspace_set_current (self->workspace, next);
          return;
        }
    }
}

static void
previous_snapshot_activated (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  step_current (MAPSCOPE_WINDOW (user_data), -1);
}

static void
next_snapshot_activated (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  step_current (MAPSCOPE_WINDOW (user_data), 1);
}

static void
view_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  MapscopeWindow *self = MAPSCOPE_WINDOW (user_data);

  adw_view_stack_set_visible_child_name (self->view_stack, g_variant_get_string (parameter, NULL));
}

static void
cancel_loading_activated (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  mapscope_loader_cancel_all (MAPSCOPE_WINDOW (user_data)->loader);
}

static const GActionEntry win_actions[] = {
  { "open", open_activated },
  { "pick-process", pick_process_activated },
  { "collection-commands", collection_commands_activated },
  { "find", find_activated },
  { "refresh", refresh_activated },
  { "close-snapshot", close_snapshot_activated },
  { "toggle-baseline", toggle_baseline_activated },
  { "previous-snapshot", previous_snapshot_activated },
  { "next-snapshot", next_snapshot_activated },
  { "view", view_activated, "s" },
  { "cancel-loading", cancel_loading_activated },
};

static void
add_visibility_action (MapscopeWindow *self,
                       const char     *name,
                       GtkWidget      *widget)
{
  g_autoptr(GPropertyAction) action = g_property_action_new (name, widget, "visible");

  g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (action));
}

void
_mapscope_window_init_actions (MapscopeWindow *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), win_actions, G_N_ELEMENTS (win_actions),
                                   self);
  add_visibility_action (self, "sidebar-visible", self->sidebar);
  add_visibility_action (self, "inspector-visible", self->inspector);
  _mapscope_window_init_export (self);

  g_signal_connect_object (self->loader, "notify::busy",
                           G_CALLBACK (_mapscope_window_update_actions), self, G_CONNECT_SWAPPED);
  _mapscope_window_update_actions (self);
}
