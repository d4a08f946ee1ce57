/* mapscope-window-follow.c: following a live process: its snapshot is read
 * again every few seconds and replaced in place (win.follow)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Only a snapshot captured from a running process (one with a
 * MapscopeCaptureInfo) can be followed. Each read runs in a worker thread,
 * because mapscope_capture_snapshot() blocks; the next read is scheduled
 * only once the last one is in, so slow reads never pile up. While the
 * window is hidden or minimized the timer keeps ticking but reads nothing:
 * nobody would see the result, and a read costs the target process time in
 * the kernel (its page tables are walked under its mmap lock).
 */
#include "mapscope-app-config.h"

#include <glib/gi18n.h>

#include "mapscope-app-util.h"
#include "mapscope-capture.h"
#include "mapscope-window-private.h"

#define DEFAULT_INTERVAL_SECONDS 5
#define FOLLOW_ERROR_TOAST_SECONDS 10

typedef struct
{
  MapscopeSnapshot *snapshot;    /* owned */
  gint64            read_usec;   /* wall time of the read */
} FollowRead;

static void
follow_read_free (gpointer data)
{
  FollowRead *read = data;

  g_clear_object (&read->snapshot);
  g_free (read);
}

static gboolean
can_follow (MapscopeSnapshot *snapshot)
{
  return snapshot != NULL && mapscope_capture_info_get (snapshot) != NULL;
}

static guint
get_interval_seconds (MapscopeWindow *self)
{
  g_autoptr(GSettingsSchema) schema = NULL;

  if (self->settings == NULL)
    return DEFAULT_INTERVAL_SECONDS;
  /* An older installed schema may not have the key yet. */
  g_object_get (self->settings, "settings-schema", &schema, NULL);
  if (schema == NULL || !g_settings_schema_has_key (schema, "follow-interval"))
    return DEFAULT_INTERVAL_SECONDS;
  return MAX (1, g_settings_get_uint (self->settings, "follow-interval"));
}

/* Whether anybody can see the window: mapped and not minimized. */
static gboolean
is_visible (MapscopeWindow *self)
{
  GdkSurface *surface;

  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    return FALSE;
  surface = gtk_native_get_surface (GTK_NATIVE (self));
  if (surface != NULL && GDK_IS_TOPLEVEL (surface) &&
      (gdk_toplevel_get_state (GDK_TOPLEVEL (surface)) & GDK_TOPLEVEL_STATE_MINIMIZED) != 0)
    return FALSE;
  return TRUE;
}

/* The subtitle says how long the last read took: following costs the
 * target process time, and the user should see how much. */
static void
update_subtitle (MapscopeWindow *self)
{
  MapscopeSnapshot *current = mapscope_workspace_get_current (self->workspace);
  g_autofree char *description = NULL;
  g_autofree char *subtitle = NULL;

  if (current == NULL || current != self->followed || self->follow_read_ms < 0)
    return;
  description = mapscope_snapshot_describe (current);
  /* Translators: %s describes the snapshot, %u is a number of milliseconds */
  subtitle = g_strdup_printf (_("%s — read in %u ms"), description, (guint)self->follow_read_ms);
  adw_view_switcher_title_set_subtitle (self->switcher_title, subtitle);
}

static void
update_state (MapscopeWindow *self)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "follow");
  gboolean following = self->followed != NULL;

  if (action == NULL)
    return;
  g_simple_action_set_enabled (G_SIMPLE_ACTION (action),
                               following || can_follow (mapscope_workspace_get_current (self->workspace)));
  g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_boolean (following));
}

static void
stop_following (MapscopeWindow *self)
{
  MapscopeSnapshot *current = mapscope_workspace_get_current (self->workspace);
  g_autofree char *description = NULL;

  g_clear_handle_id (&self->follow_source, g_source_remove);
  if (self->follow_cancellable != NULL)
    g_cancellable_cancel (self->follow_cancellable);
  g_clear_object (&self->follow_cancellable);
  g_clear_object (&self->followed);
  self->follow_read_ms = -1;

  if (self->disposed)
    return;
  description = current != NULL ? mapscope_snapshot_describe (current) : NULL;
  adw_view_switcher_title_set_subtitle (self->switcher_title, description);
  update_state (self);
}

static void schedule_read (MapscopeWindow *self);

static void
read_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  gint64 start = g_get_monotonic_time ();
  g_autoptr(MapscopeSnapshot) snapshot = NULL;
  GError *error = NULL;
  FollowRead *read;

  snapshot = mapscope_capture_snapshot (GPOINTER_TO_INT (task_data), cancellable, &error);
  if (snapshot == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  read = g_new0 (FollowRead, 1);
  read->snapshot = g_steal_pointer (&snapshot);
  read->read_usec = g_get_monotonic_time () - start;
  g_task_return_pointer (task, read, follow_read_free);
}

/* Where the followed snapshot is in the list; G_MAXUINT once it was closed. */
static guint
find_followed (MapscopeWindow *self)
{
  GListModel *snapshots = mapscope_workspace_get_snapshots (self->workspace);
  guint n = g_list_model_get_n_items (snapshots);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MapscopeSnapshot) item = g_list_model_get_item (snapshots, i);

      if (item == self->followed)
        return i;
    }
  return G_MAXUINT;
}

/* The new snapshot takes the old one's place in the list, and its roles:
 * current, baseline. */
static gboolean
replace_followed (MapscopeWindow   *self,
                  MapscopeSnapshot *snapshot)
{
  guint position = find_followed (self);
  g_autoptr(MapscopeSnapshot) old = NULL;

  if (position == G_MAXUINT)
    return FALSE;

  old = g_steal_pointer (&self->followed);
  self->followed = g_object_ref (snapshot);
  mapscope_workspace_insert_snapshot (self->workspace, snapshot, position);
  if (mapscope_workspace_get_current (self->workspace) == old)
    mapscope_workspace_set_current (self->workspace, snapshot);
  if (mapscope_workspace_get_baseline (self->workspace) == old)
    mapscope_workspace_set_baseline (self->workspace, snapshot);
  mapscope_workspace_remove_snapshot (self->workspace, old);
  return TRUE;
}

static void
read_done (GObject      *source_object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(MapscopeWindow) self = user_data;
  GCancellable *cancellable = g_task_get_cancellable (G_TASK (result));
  g_autoptr(GError) error = NULL;
  FollowRead *read = g_task_propagate_pointer (G_TASK (result), &error);
  g_autofree char *message = NULL;

  /* Stopped, or stopped and started again, while this read ran. */
  if (self->disposed || cancellable != self->follow_cancellable ||
      g_cancellable_is_cancelled (cancellable))
    {
      g_clear_pointer (&read, follow_read_free);
      return;
    }

  if (read == NULL)
    {
      gint pid = mapscope_snapshot_get_pid (self->followed);

      if (g_error_matches (error, MAPSCOPE_CAPTURE_ERROR, MAPSCOPE_CAPTURE_ERROR_PROCESS_EXITED) ||
          g_error_matches (error, MAPSCOPE_CAPTURE_ERROR, MAPSCOPE_CAPTURE_ERROR_NO_MAPPINGS))
        /* Translators: %d is a process ID */
        message = g_strdup_printf (_("Process %d exited; no longer following it"), pid);
      else
        /* Translators: %s is the reason, a whole sentence */
        message = g_strdup_printf (_("No longer following the process: %s"), error->message);
      stop_following (self);
      mapscope_window_show_error (self, message);
      return;
    }

  self->follow_read_ms = read->read_usec / 1000;
  /* Closed by the user meanwhile: nothing to follow any more. */
  if (!replace_followed (self, read->snapshot))
    stop_following (self);
  else
    {
      update_subtitle (self);
      schedule_read (self);
    }
  follow_read_free (read);
}

static void
start_read (MapscopeWindow *self)
{
  g_autoptr(GTask) task = NULL;

  task = g_task_new (NULL, self->follow_cancellable, read_done, g_object_ref (self));
  g_task_set_source_tag (task, start_read);
  g_task_set_task_data (task, GINT_TO_POINTER (mapscope_snapshot_get_pid (self->followed)), NULL);
  g_task_run_in_thread (task, read_thread);
}

static void
follow_tick (gpointer user_data)
{
  MapscopeWindow *self = MAPSCOPE_WINDOW (user_data);

  self->follow_source = 0;
  if (self->followed == NULL)
    return;
  /* Closed by the user: there is nothing left to follow. */
  if (find_followed (self) == G_MAXUINT)
    stop_following (self);
  else if (is_visible (self))
    start_read (self);
  else
    schedule_read (self);
}

static void
schedule_read (MapscopeWindow *self)
{
  g_clear_handle_id (&self->follow_source, g_source_remove);
  self->follow_source = g_timeout_add_once (get_interval_seconds (self) * 1000, follow_tick, self);
}

static void
start_following (MapscopeWindow   *self,
                 MapscopeSnapshot *snapshot)
{
  stop_following (self);
  self->followed = g_object_ref (snapshot);
  self->follow_cancellable = g_cancellable_new ();
  schedule_read (self);
  update_state (self);
}

static void
follow_change_state (GSimpleAction *action,
                     GVariant      *value,
                     gpointer       user_data)
{
  MapscopeWindow *self = MAPSCOPE_WINDOW (user_data);
  MapscopeSnapshot *current = mapscope_workspace_get_current (self->workspace);

  if (g_variant_get_boolean (value) && can_follow (current))
    start_following (self, current);
  else
    stop_following (self);
}

static void
current_changed (MapscopeWindow *self)
{
  update_state (self);
  update_subtitle (self);
}

/* Whether the window follows a process, and which snapshot is its latest. */
MapscopeSnapshot *
_mapscope_window_get_followed (MapscopeWindow *self)
{
  return self->followed;
}

void
_mapscope_window_init_follow (MapscopeWindow *self)
{
  g_autoptr(GSimpleAction) action = g_simple_action_new_stateful ("follow", NULL,
                                                                  g_variant_new_boolean (FALSE));

  self->follow_read_ms = -1;
  g_signal_connect_object (action, "change-state", G_CALLBACK (follow_change_state), self, 0);
  g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (action));
  g_signal_connect_object (self->workspace, "notify::current",
                           G_CALLBACK (current_changed), self, G_CONNECT_SWAPPED);
  update_state (self);
}

void
_mapscope_window_dispose_follow (MapscopeWindow *self)
{
  g_clear_handle_id (&self->follow_source, g_source_remove);
  if (self->follow_cancellable != NULL)
    g_cancellable_cancel (self->follow_cancellable);
  g_clear_object (&self->follow_cancellable);
  g_clear_object (&self->followed);
}
