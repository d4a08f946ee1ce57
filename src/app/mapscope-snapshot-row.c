/* mapscope-snapshot-row.c: one snapshot in the sidebar: its file, process,
 * time and resident memory, and whether it is the baseline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mapscope-app-config.h"

#include <glib/gi18n.h>

#include "mapscope-app-util.h"
#include "mapscope-capture-info.h"
#include "mapscope-snapshot-row.h"

struct _MapscopeSnapshotRow
{
  GtkListBoxRow      parent_instance;

  /* Template widgets */
  GtkLabel          *title_label;
  GtkLabel          *detail_label;
  GtkLabel          *size_label;
  GtkLabel          *note_label;
  GMenuModel        *context_menu;

  /* Owned */
  MapscopeWorkspace *workspace;
  MapscopeSnapshot  *snapshot;
  GtkWidget         *popover;       /* the context menu, parented to the row */

  gboolean           baseline;      /* the last value notified */
};

G_DEFINE_FINAL_TYPE (MapscopeSnapshotRow, mapscope_snapshot_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  PROP_0,
  PROP_WORKSPACE,
  PROP_SNAPSHOT,
  PROP_BASELINE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * mapscope_snapshot_row_get_snapshot:
 *
 * Returns: (transfer none): the row's snapshot
 */
MapscopeSnapshot *
mapscope_snapshot_row_get_snapshot (MapscopeSnapshotRow *self)
{
  g_return_val_if_fail (MAPSCOPE_IS_SNAPSHOT_ROW (self), NULL);

  return self->snapshot;
}

gboolean
mapscope_snapshot_row_get_baseline (MapscopeSnapshotRow *self)
{
  g_return_val_if_fail (MAPSCOPE_IS_SNAPSHOT_ROW (self), FALSE);

  return self->baseline;
}

void
mapscope_snapshot_row_set_baseline (MapscopeSnapshotRow *self,
                                    gboolean             baseline)
{
  g_return_if_fail (MAPSCOPE_IS_SNAPSHOT_ROW (self));

  /* The workspace is the truth; its notify::baseline updates every row. */
  if (baseline)
    mapscope_workspace_set_baseline (self->workspace, self->snapshot);
  else if (mapscope_workspace_get_baseline (self->workspace) == self->snapshot)
    mapscope_workspace_set_baseline (self->workspace, NULL);
}

static void
workspace_baseline_changed (MapscopeSnapshotRow *self)
{
  gboolean baseline = mapscope_workspace_get_baseline (self->workspace) == self->snapshot;

  if (baseline == self->baseline)
    return;
  self->baseline = baseline;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASELINE]);
}

static char *
format_time (GDateTime *timestamp)
{
  g_autoptr(GDateTime) local = NULL;

  if (timestamp == NULL)
    return NULL;
  local = g_date_time_to_local (timestamp);
  /* Translators: the time a snapshot was taken, see g_date_time_format() */
  return g_date_time_format (local, _("%H:%M:%S"));
}

/* The user's note, shown under the snapshot's details. */
static void
update_note (MapscopeSnapshotRow *self)
{
  const char *note = mapscope_snapshot_get_note (self->snapshot);

  gtk_label_set_label (self->note_label, note);
  gtk_widget_set_visible (GTK_WIDGET (self->note_label), note != NULL);
}

static void
update_labels (MapscopeSnapshotRow *self)
{
  MapscopeSnapshot *snapshot = self->snapshot;
  const char *source = mapscope_snapshot_get_source (snapshot);
  const char *command = mapscope_snapshot_get_command (snapshot);
  gint pid = mapscope_snapshot_get_pid (snapshot);
  g_autofree char *title = mapscope_source_display_name (source);
  g_autofree char *time = format_time (mapscope_snapshot_get_timestamp (snapshot));
  g_autofree char *size = NULL;
  g_autofree char *size_text = NULL;
  g_autofree char *tooltip = NULL;
  g_autofree char *detail = NULL;
  g_autoptr(GPtrArray) details = g_ptr_array_new_with_free_func (g_free);
  guint64 rss_kb;
  guint64 size_kb;

  /* Without a command (a plain file), the format says at least what it is. */
  if (command != NULL && command[0] != '\0')
    g_ptr_array_add (details, g_strdup (command));
  else
    g_ptr_array_add (details, g_strdup (mapscope_format_get_name (mapscope_snapshot_get_format (snapshot))));
  if (pid > 0)
    /* Translators: a process ID */
    g_ptr_array_add (details, g_strdup_printf (_("PID %d"), pid));
  if (time != NULL)
    g_ptr_array_add (details, g_steal_pointer (&time));
  g_ptr_array_add (details, NULL);
  detail = g_strjoinv (" · ", (char **)details->pdata);

  if (mapscope_snapshot_total_kb (snapshot, &rss_kb, &size_kb))
    {
      size = mapscope_format_bytes (rss_kb * 1024);
      /* Translators: %s is a size; RSS is resident memory, leave it as is */
      size_text = g_strdup_printf (_("%s RSS"), size);
    }
  else
    {
      size = mapscope_format_bytes (size_kb * 1024);
      /* Translators: %s is a size: all the address space mapped */
      size_text = g_strdup_printf (_("%s mapped"), size);
    }

  /* Translators: the full name of a snapshot's file and the line it starts at */
  tooltip = g_strdup_printf (_("%s, line %u"), source, mapscope_snapshot_get_source_line (snapshot));

  gtk_label_set_label (self->title_label, title);
  gtk_label_set_label (self->detail_label, detail);
  gtk_label_set_label (self->size_label, size_text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), tooltip);
}

static void
popup_menu (MapscopeSnapshotRow *self,
            double               x,
            double               y)
{
  GdkRectangle rect = { (int)x, (int)y, 1, 1 };

  if (x >= 0 && y >= 0)
    gtk_popover_set_pointing_to (GTK_POPOVER (self->popover), &rect);
  else
    gtk_popover_set_pointing_to (GTK_POPOVER (self->popover), NULL);
  gtk_popover_popup (GTK_POPOVER (self->popover));
}

static void
secondary_click_pressed (MapscopeSnapshotRow *self,
                         int                  n_press,
                         double               x,
                         double               y,
                         GtkGestureClick     *gesture)
{
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  popup_menu (self, x, y);
}

static void
menu_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  popup_menu (MAPSCOPE_SNAPSHOT_ROW (widget), -1, -1);
}

/* row.close and row.refresh act on this row's snapshot through the window's
 * actions, so that closing from here has the same undo toast as Ctrl+W. */
static void
activate_on_this_snapshot (MapscopeSnapshotRow *self,
                           const char          *window_action)
{
  mapscope_workspace_set_current (self->workspace, self->snapshot);
  gtk_widget_activate_action (GTK_WIDGET (self), window_action, NULL);
}

static void
note_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  activate_on_this_snapshot (MAPSCOPE_SNAPSHOT_ROW (widget), "win.edit-note");
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  activate_on_this_snapshot (MAPSCOPE_SNAPSHOT_ROW (widget), "win.close-snapshot");
}

/* Following reads a live process again and again: files have none. */
static void
follow_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  activate_on_this_snapshot (MAPSCOPE_SNAPSHOT_ROW (widget), "win.follow");
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  activate_on_this_snapshot (MAPSCOPE_SNAPSHOT_ROW (widget), "win.refresh");
}

MapscopeSnapshotRow *
mapscope_snapshot_row_new (MapscopeWorkspace *workspace,
                           MapscopeSnapshot  *snapshot)
{
  g_return_val_if_fail (MAPSCOPE_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (MAPSCOPE_IS_SNAPSHOT (snapshot), NULL);

  return g_object_new (MAPSCOPE_TYPE_SNAPSHOT_ROW,
                       "workspace", workspace,
                       "snapshot", snapshot,
                       NULL);
}

static void
mapscope_snapshot_row_constructed (GObject *object)
{
  MapscopeSnapshotRow *self = MAPSCOPE_SNAPSHOT_ROW (object);

  G_OBJECT_CLASS (mapscope_snapshot_row_parent_class)->constructed (object);

  g_assert (self->workspace != NULL && self->snapshot != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "row.follow",
                                 mapscope_capture_info_get (self->snapshot) != NULL);

  update_labels (self);
  update_note (self);
  g_signal_connect_object (self->snapshot, "notify::note",
                           G_CALLBACK (update_note), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->workspace, "notify::baseline",
                           G_CALLBACK (workspace_baseline_changed), self, G_CONNECT_SWAPPED);
  workspace_baseline_changed (self);
}

static void
mapscope_snapshot_row_dispose (GObject *object)
{
  MapscopeSnapshotRow *self = MAPSCOPE_SNAPSHOT_ROW (object);

  g_clear_pointer (&self->popover, gtk_widget_unparent);
  gtk_widget_dispose_template (GTK_WIDGET (self), MAPSCOPE_TYPE_SNAPSHOT_ROW);
  g_clear_object (&self->workspace);
  g_clear_object (&self->snapshot);

  G_OBJECT_CLASS (mapscope_snapshot_row_parent_class)->dispose (object);
}

static void
mapscope_snapshot_row_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  MapscopeSnapshotRow *self = MAPSCOPE_SNAPSHOT_ROW (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE:
      g_value_set_object (value, self->workspace);
      break;

    case PROP_SNAPSHOT:
      g_value_set_object (value, self->snapshot);
      break;

    case PROP_BASELINE:
      g_value_set_boolean (value, self->baseline);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mapscope_snapshot_row_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  MapscopeSnapshotRow *self = MAPSCOPE_SNAPSHOT_ROW (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE:
      self->workspace = g_value_dup_object (value);
      break;

    case PROP_SNAPSHOT:
      self->snapshot = g_value_dup_object (value);
      break;

    case PROP_BASELINE:
      mapscope_snapshot_row_set_baseline (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mapscope_snapshot_row_class_init (MapscopeSnapshotRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = mapscope_snapshot_row_constructed;
  object_class->dispose = mapscope_snapshot_row_dispose;
  object_class->get_property = mapscope_snapshot_row_get_property;
  object_class->set_property = mapscope_snapshot_row_set_property;

  properties[PROP_WORKSPACE] =
    g_param_spec_object ("workspace", NULL, NULL,
                         MAPSCOPE_TYPE_WORKSPACE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SNAPSHOT] =
    g_param_spec_object ("snapshot", NULL, NULL,
                         MAPSCOPE_TYPE_SNAPSHOT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BASELINE] =
    g_param_spec_boolean ("baseline", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/mapscope/Mapscope/mapscope-snapshot-row.ui");
  gtk_widget_class_bind_template_child (widget_class, MapscopeSnapshotRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, MapscopeSnapshotRow, detail_label);
  gtk_widget_class_bind_template_child (widget_class, MapscopeSnapshotRow, size_label);
  gtk_widget_class_bind_template_child (widget_class, MapscopeSnapshotRow, note_label);
  gtk_widget_class_bind_template_child (widget_class, MapscopeSnapshotRow, context_menu);
  gtk_widget_class_bind_template_callback (widget_class, secondary_click_pressed);

  gtk_widget_class_install_property_action (widget_class, "row.baseline", "baseline");
  gtk_widget_class_install_action (widget_class, "row.close", NULL, close_action);
  gtk_widget_class_install_action (widget_class, "row.note", NULL, note_action);
  gtk_widget_class_install_action (widget_class, "row.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "row.follow", NULL, follow_action);
  gtk_widget_class_install_action (widget_class, "row.menu", NULL, menu_action);
}

static void
mapscope_snapshot_row_init (MapscopeSnapshotRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->popover = gtk_popover_menu_new_from_model (self->context_menu);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->popover), FALSE);
  gtk_widget_set_halign (self->popover, GTK_ALIGN_START);
  gtk_widget_set_parent (self->popover, GTK_WIDGET (self));
}
