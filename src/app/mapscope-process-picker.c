/* mapscope-process-picker.c: pick a running process, then capture one
 * snapshot of it or record a timeline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The list is read from /proc in a worker thread every few seconds and
 * merged into the model in place, keyed by PID, so that the selection and
 * the scroll position survive a refresh. Captures and timelines run in
 * worker threads too; their snapshots go straight into the workspace.
 */
#include "mapscope-app-config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "mapscope-app-util.h"
#include "mapscope-capture.h"
#include "mapscope-helper-source.h"
#include "mapscope-process-list.h"
#include "mapscope-process-picker.h"
#include "mapscope-timeline.h"
#include "mapscope-working-set.h"

#define REFRESH_INTERVAL_SECONDS 3
#define WORKING_SET_DEFAULT_SECONDS 10

/* One row: a process as last read. */
#define MAPSCOPE_TYPE_PROCESS_ITEM (mapscope_process_item_get_type ())
G_DECLARE_FINAL_TYPE (MapscopeProcessItem, mapscope_process_item, MAPSCOPE, PROCESS_ITEM, GObject)

struct _MapscopeProcessItem
{
  GObject  parent_instance;
  gint     pid;
  guint64  rss;           /* bytes */
  char    *rss_text;
  char    *pid_text;
  char    *name;
  char    *user;
  char    *command_line;
};

G_DEFINE_FINAL_TYPE (MapscopeProcessItem, mapscope_process_item, G_TYPE_OBJECT)

enum {
  ITEM_PROP_0,
  ITEM_PROP_PID,
  ITEM_PROP_PID_TEXT,
  ITEM_PROP_RSS,
  ITEM_PROP_RSS_TEXT,
  ITEM_PROP_NAME,
  ITEM_PROP_USER,
  ITEM_PROP_COMMAND_LINE,
  N_ITEM_PROPS
};

static GParamSpec *item_properties[N_ITEM_PROPS];

static void
item_set_string (MapscopeProcessItem *self,
                 char               **field,
                 const char          *value,
                 guint                prop_id)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), item_properties[prop_id]);
}

/* Only what changed is notified. */
static void
mapscope_process_item_update (MapscopeProcessItem   *self,
                              const MapscopeProcess *process)
{
  g_autofree char *pid_text = g_strdup_printf ("%d", process->pid);
  g_autofree char *rss_text = mapscope_format_bytes (process->rss_kb * 1024);
  guint64 rss = process->rss_kb * 1024;

  self->pid = process->pid;
  item_set_string (self, &self->pid_text, pid_text, ITEM_PROP_PID_TEXT);
  item_set_string (self, &self->name, process->name, ITEM_PROP_NAME);
  item_set_string (self, &self->user, process->user, ITEM_PROP_USER);
  item_set_string (self, &self->command_line, process->command_line, ITEM_PROP_COMMAND_LINE);
  item_set_string (self, &self->rss_text, rss_text, ITEM_PROP_RSS_TEXT);
  if (self->rss != rss)
    {
      self->rss = rss;
      g_object_notify_by_pspec (G_OBJECT (self), item_properties[ITEM_PROP_RSS]);
    }
}

static void
mapscope_process_item_finalize (GObject *object)
{
  MapscopeProcessItem *self = MAPSCOPE_PROCESS_ITEM (object);

  g_free (self->pid_text);
  g_free (self->rss_text);
  g_free (self->name);
  g_free (self->user);
  g_free (self->command_line);

  G_OBJECT_CLASS (mapscope_process_item_parent_class)->finalize (object);
}

static void
mapscope_process_item_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  MapscopeProcessItem *self = MAPSCOPE_PROCESS_ITEM (object);

  switch (prop_id)
    {
    case ITEM_PROP_PID:
      g_value_set_int (value, self->pid);
      break;

    case ITEM_PROP_PID_TEXT:
      g_value_set_string (value, self->pid_text);
      break;

    case ITEM_PROP_RSS:
      g_value_set_uint64 (value, self->rss);
      break;

    case ITEM_PROP_RSS_TEXT:
      g_value_set_string (value, self->rss_text);
      break;

    case ITEM_PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case ITEM_PROP_USER:
      g_value_set_string (value, self->user);
      break;

    case ITEM_PROP_COMMAND_LINE:
      g_value_set_string (value, self->command_line);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mapscope_process_item_class_init (MapscopeProcessItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;
  static const struct { guint id; const char *name; } strings[] = {
    { ITEM_PROP_PID_TEXT, "pid-text" },
    { ITEM_PROP_RSS_TEXT, "rss-text" },
    { ITEM_PROP_NAME, "name" },
    { ITEM_PROP_USER, "user" },
    { ITEM_PROP_COMMAND_LINE, "command-line" },
  };

  object_class->finalize = mapscope_process_item_finalize;
  object_class->get_property = mapscope_process_item_get_property;

  item_properties[ITEM_PROP_PID] = g_param_spec_int ("pid", NULL, NULL, 0, G_MAXINT, 0, flags);
  item_properties[ITEM_PROP_RSS] = g_param_spec_uint64 ("rss", NULL, NULL, 0, G_MAXUINT64, 0, flags);
  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    item_properties[strings[i].id] = g_param_spec_string (strings[i].name, NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_ITEM_PROPS, item_properties);
}

static void
mapscope_process_item_init (MapscopeProcessItem *self)
{
}

struct _MapscopeProcessPicker
{
  AdwWindow          parent_instance;

  /* Template widgets */
  AdwToastOverlay   *toast_overlay;
  GtkSearchEntry    *search_entry;
  GtkColumnView     *column_view;
  GtkLabel          *status_label;
  GtkSpinner        *spinner;
  GtkSpinButton     *interval_spin;

  /* Owned */
  MapscopeWorkspace *workspace;
  GListStore        *store;          /* MapscopeProcessItem, in /proc order */
  GtkCustomFilter   *filter;
  GtkSingleSelection *selection;
  GCancellable      *cancellable;    /* everything running; cancelled on close */
  GCancellable      *recording;      /* the timeline running, or NULL */
  MapscopeProcessSource *capture_source;  /* where captures read */
  MapscopeProcessSource *admin_source;    /* the helper through pkexec, or NULL */
  guint              refresh_source;
  gboolean           refreshing;
  gboolean           capturing;
  guint              n_recorded;
};

G_DEFINE_FINAL_TYPE (MapscopeProcessPicker, mapscope_process_picker, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_RECORDING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
show_error (MapscopeProcessPicker *self,
            const GError          *error)
{
  g_autofree char *escaped = g_markup_escape_text (error->message, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_timeout (toast, 10);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* Work that ends after the window closed has nowhere to go. */
static gboolean
is_closed (MapscopeProcessPicker *self)
{
  return self->cancellable == NULL || g_cancellable_is_cancelled (self->cancellable);
}

static MapscopeProcessItem *
get_selected (MapscopeProcessPicker *self)
{
  return gtk_single_selection_get_selected_item (self->selection);
}

static void
update_state (MapscopeProcessPicker *self)
{
  gboolean busy = self->capturing || self->recording != NULL;
  gboolean selected = get_selected (self) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "picker.capture", selected && !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "picker.record", selected && !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "picker.working-set", selected && !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "picker.stop", self->recording != NULL);
  gtk_spinner_set_spinning (self->spinner, busy);
}

static void
set_status (MapscopeProcessPicker *self,
            const char            *text)
{
  gtk_label_set_label (self->status_label, text);
}

/* Worker thread: a fresh list, so the thread owns all it touches. */
static void
refresh_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  g_autoptr(MapscopeProcessList) list = mapscope_process_list_new ();
  GError *error = NULL;

  if (!mapscope_process_list_refresh (list, &error))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_steal_pointer (&list), g_object_unref);
}

/* Merges @list into the store: update who is still there, append who is
 * new, remove who is gone. */
static void
merge_processes (MapscopeProcessPicker *self,
                 MapscopeProcessList   *list)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  guint n_processes = mapscope_process_list_get_n_processes (list);
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *status = NULL;

  /* The sort model orders items by their current values and does not watch
   * them: so first remove the processes that are gone, while the order it
   * knows still holds, then update the others and re-sort them once, and
   * only then insert the new ones. Updating between removals made the sort
   * model compare against an order that no longer held ("Comparison method
   * violates its general contract"). */
  for (guint i = n_items; i > 0; i--)
    {
      g_autoptr(MapscopeProcessItem) item = g_list_model_get_item (G_LIST_MODEL (self->store), i - 1);
      const MapscopeProcess *process = mapscope_process_list_find (list, item->pid);

      if (process == NULL || process->kernel_thread)
        g_list_store_remove (self->store, i - 1);
    }

  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(MapscopeProcessItem) item = g_list_model_get_item (G_LIST_MODEL (self->store), i);

      mapscope_process_item_update (item, mapscope_process_list_find (list, item->pid));
      g_hash_table_add (seen, GINT_TO_POINTER (item->pid));
    }
  if (n_items > 0)
    gtk_sorter_changed (gtk_column_view_get_sorter (self->column_view),
                        GTK_SORTER_CHANGE_DIFFERENT);

  /* Kernel threads have no memory map to show. */
  for (guint i = 0; i < n_processes; i++)
    {
      const MapscopeProcess *process = mapscope_process_list_get_process (list, i);
      MapscopeProcessItem *item;

      if (process->kernel_thread || g_hash_table_contains (seen, GINT_TO_POINTER (process->pid)))
        continue;
      item = g_object_new (MAPSCOPE_TYPE_PROCESS_ITEM, NULL);
      mapscope_process_item_update (item, process);
      g_ptr_array_add (added, item);
    }
  g_list_store_splice (self->store, g_list_model_get_n_items (G_LIST_MODEL (self->store)), 0,
                       added->pdata, added->len);

  if (self->recording == NULL && !self->capturing)
    {
      n_items = g_list_model_get_n_items (G_LIST_MODEL (self->store));
      status = g_strdup_printf (ngettext ("%u process", "%u processes", n_items), n_items);
      set_status (self, status);
    }
}

static void
refresh_done (GObject      *source_object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(MapscopeProcessPicker) self = user_data;
  g_autoptr(MapscopeProcessList) list = NULL;
  g_autoptr(GError) error = NULL;

  self->refreshing = FALSE;
  list = g_task_propagate_pointer (G_TASK (result), &error);
  if (is_closed (self))
    return;
  if (list == NULL)
    {
      show_error (self, error);
      return;
    }
  merge_processes (self, list);
  update_state (self);
}

static gboolean
refresh (gpointer user_data)
{
  MapscopeProcessPicker *self = MAPSCOPE_PROCESS_PICKER (user_data);
  g_autoptr(GTask) task = NULL;

  if (self->refreshing)
    return G_SOURCE_CONTINUE;
  self->refreshing = TRUE;
  task = g_task_new (NULL, self->cancellable, refresh_done, g_object_ref (self));
  g_task_set_source_tag (task, refresh);
  g_task_run_in_thread (task, refresh_thread);
  return G_SOURCE_CONTINUE;
}

static void
take_snapshot (MapscopeProcessPicker *self,
               MapscopeSnapshot      *snapshot)
{
  mapscope_workspace_add_snapshot (self->workspace, snapshot);
  mapscope_workspace_set_current (self->workspace, snapshot);
}

/* A dialog asking whether to go ahead with @response, or cancel. */
static GtkWidget *
new_confirmation (MapscopeProcessPicker *self,
                  const char            *heading,
                  const char            *body,
                  const char            *response,
                  const char            *response_label)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    response, response_label,
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), response,
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), response);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  return dialog;
}

/* What a capture reads, and from where. */
typedef struct
{
  gint                   pid;
  char                  *name;
  MapscopeProcessSource *source;
} CaptureRequest;

static void
capture_request_free (gpointer data)
{
  CaptureRequest *request = data;

  g_free (request->name);
  g_object_unref (request->source);
  g_free (request);
}

static void
capture_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  CaptureRequest *request = task_data;
  GError *error = NULL;
  MapscopeSnapshot *snapshot;

  snapshot = mapscope_capture_snapshot_from_source (request->source, request->pid, cancellable,
                                                    &error);
  if (snapshot == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, snapshot, g_object_unref);
}

static void start_capture (MapscopeProcessPicker *self,
                           gint                   pid,
                           const char            *name,
                           MapscopeProcessSource *source);

static void
read_as_admin_response (AdwMessageDialog      *dialog,
                        const char            *response,
                        MapscopeProcessPicker *self)
{
  CaptureRequest *request = g_object_get_data (G_OBJECT (dialog), "capture-request");

  if (g_str_equal (response, "read-as-admin") && !is_closed (self) && !self->capturing)
    start_capture (self, request->pid, request->name, self->admin_source);
}

/* A capture refused for lack of permission: offer to read the process
 * through the administrator helper instead. */
static void
offer_read_as_admin (MapscopeProcessPicker *self,
                     CaptureRequest        *request,
                     const GError          *error)
{
  CaptureRequest *copy = g_new0 (CaptureRequest, 1);
  GtkWidget *dialog;

  dialog = new_confirmation (self, _("Permission Denied"), error->message, "read-as-admin",
                             _("Read as _Administrator"));

  copy->pid = request->pid;
  copy->name = g_strdup (request->name);
  copy->source = g_object_ref (request->source);
  g_object_set_data_full (G_OBJECT (dialog), "capture-request", copy, capture_request_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (read_as_admin_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
capture_done (GObject      *source_object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(MapscopeProcessPicker) self = user_data;
  g_autoptr(MapscopeSnapshot) snapshot = NULL;
  g_autoptr(GError) error = NULL;
  CaptureRequest *request = g_task_get_task_data (G_TASK (result));

  self->capturing = FALSE;
  snapshot = g_task_propagate_pointer (G_TASK (result), &error);
  if (is_closed (self))
    return;
  update_state (self);
  if (snapshot == NULL)
    {
      set_status (self, "");
      if (g_error_matches (error, MAPSCOPE_CAPTURE_ERROR,
                           MAPSCOPE_CAPTURE_ERROR_PERMISSION_DENIED) &&
          self->admin_source != NULL && request->source != self->admin_source)
        offer_read_as_admin (self, request, error);
      else
        show_error (self, error);
      return;
    }
  take_snapshot (self, snapshot);
  gtk_window_close (GTK_WINDOW (self));
}

static void
start_capture (MapscopeProcessPicker *self,
               gint                   pid,
               const char            *name,
               MapscopeProcessSource *source)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *status = NULL;
  CaptureRequest *request = g_new0 (CaptureRequest, 1);

  self->capturing = TRUE;
  /* Translators: %s is a process name, %d its PID */
  status = g_strdup_printf (_("Capturing %s (PID %d)…"), name, pid);
  set_status (self, status);
  update_state (self);

  request->pid = pid;
  request->name = g_strdup (name);
  request->source = g_object_ref (source);
  task = g_task_new (NULL, self->cancellable, capture_done, g_object_ref (self));
  g_task_set_source_tag (task, start_capture);
  g_task_set_task_data (task, request, capture_request_free);
  g_task_run_in_thread (task, capture_thread);
}

static void
capture_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  MapscopeProcessPicker *self = MAPSCOPE_PROCESS_PICKER (widget);
  MapscopeProcessItem *item = get_selected (self);

  if (item != NULL)
    start_capture (self, item->pid, item->name, self->capture_source);
}

static void
working_set_done (GObject      *source_object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(MapscopeProcessPicker) self = user_data;
  g_autoptr(MapscopeSnapshot) snapshot = NULL;
  g_autoptr(GError) error = NULL;

  snapshot = mapscope_working_set_capture_finish (result, &error);
  self->capturing = FALSE;
  if (is_closed (self))
    return;
  update_state (self);
  if (snapshot == NULL)
    {
      set_status (self, "");
      show_error (self, error);
      return;
    }
  /* Its Referenced column is the working set: what was touched meanwhile. */
  take_snapshot (self, snapshot);
  gtk_window_close (GTK_WINDOW (self));
}

static void
working_set_response (AdwMessageDialog      *dialog,
                      const char            *response,
                      MapscopeProcessPicker *self)
{
  GtkSpinButton *spin = GTK_SPIN_BUTTON (g_object_get_data (G_OBJECT (dialog), "duration-spin"));
  gint pid = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "pid"));
  const char *name = g_object_get_data (G_OBJECT (dialog), "name");
  g_autofree char *status = NULL;
  guint seconds;

  if (!g_str_equal (response, "measure") || is_closed (self) || self->capturing ||
      self->recording != NULL)
    return;

  /* A value typed but not yet committed counts too. */
  gtk_spin_button_update (spin);
  seconds = (guint)gtk_spin_button_get_value_as_int (spin);
  self->capturing = TRUE;
  /* Translators: %s is a process name, %d its PID, %u a number of seconds */
  status = g_strdup_printf (ngettext ("Measuring the working set of %s (PID %d) for %u second…",
                                      "Measuring the working set of %s (PID %d) for %u seconds…",
                                      seconds),
                            name, pid, seconds);
  set_status (self, status);
  update_state (self);
  mapscope_working_set_capture_async (pid, seconds, -1, self->cancellable, working_set_done,
                                      g_object_ref (self));
}

/* Measuring the working set writes to the target's clear_refs, which resets
 * the kernel's referenced bits of its pages: harmless to its data, but a
 * change to another process's state, so the user confirms it first. */
static void
working_set_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  MapscopeProcessPicker *self = MAPSCOPE_PROCESS_PICKER (widget);
  MapscopeProcessItem *item = get_selected (self);
  GtkWidget *dialog;
  GtkWidget *box;
  GtkWidget *spin;
  g_autofree char *body = NULL;

  if (item == NULL)
    return;

  /* Translators: %s is a process name, %d its PID; keep /proc/%d/clear_refs as it is */
  body = g_strdup_printf (_("To see which memory %s (PID %d) touches, Mapscope resets the "
                            "“referenced” bits the kernel keeps for its pages, waits, then reads "
                            "which pages were used again. This changes kernel page state only, "
                            "not the process’s data, but other tools that rely on these bits "
                            "(working-set estimators, memory-tiering daemons) will see the reset. "
                            "It needs write access to /proc/%d/clear_refs."),
                          item->name, item->pid, item->pid);
  dialog = new_confirmation (self, _("Measure the Working Set?"), body, "measure",
                             _("_Measure"));

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_halign (box, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), gtk_label_new (_("Duration")));
  spin = gtk_spin_button_new_with_range (1, 600, 1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), WORKING_SET_DEFAULT_SECONDS);
  gtk_widget_set_tooltip_text (spin, _("Seconds to watch which pages the process touches"));
  gtk_box_append (GTK_BOX (box), spin);
  /* Translators: short for seconds, after the working set's duration */
  gtk_box_append (GTK_BOX (box), gtk_label_new (_("s")));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);

  g_object_set_data (G_OBJECT (dialog), "duration-spin", spin);
  g_object_set_data (G_OBJECT (dialog), "pid", GINT_TO_POINTER (item->pid));
  g_object_set_data_full (G_OBJECT (dialog), "name", g_strdup (item->name), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (working_set_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
timeline_progress (MapscopeTimeline *timeline,
                   MapscopeSnapshot *snapshot,
                   guint             index,
                   gpointer          user_data)
{
  MapscopeProcessPicker *self = MAPSCOPE_PROCESS_PICKER (user_data);
  g_autofree char *status = NULL;

  if (is_closed (self))
    return;
  take_snapshot (self, snapshot);
  if (index == 0)
    mapscope_workspace_set_baseline (self->workspace, snapshot);

  self->n_recorded = index + 1;
  status = g_strdup_printf (ngettext ("Recording PID %d: %u snapshot",
                                      "Recording PID %d: %u snapshots", self->n_recorded),
                            mapscope_timeline_get_pid (timeline), self->n_recorded);
  set_status (self, status);
}

static void
set_recording (MapscopeProcessPicker *self,
               GCancellable          *recording)
{
  g_set_object (&self->recording, recording);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECORDING]);
  update_state (self);
}

static void
timeline_done (GObject      *source_object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(MapscopeProcessPicker) self = user_data;
  MapscopeTimeline *timeline = MAPSCOPE_TIMELINE (source_object);
  g_autoptr(GError) error = NULL;
  g_autofree char *status = NULL;

  mapscope_timeline_run_finish (timeline, result, &error);
  if (is_closed (self))
    return;
  set_recording (self, NULL);
  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_error (self, error);

  status = g_strdup_printf (ngettext ("Recorded %u snapshot to %s", "Recorded %u snapshots to %s",
                                      self->n_recorded),
                            self->n_recorded, mapscope_timeline_get_log_path (timeline));
  set_status (self, status);
}

/* Timelines are logged where the user can open them again later. */
static char *
create_log_path (gint pid)
{
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "mapscope", "timelines", NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *name = g_strdup_printf ("%d-%s.smaps.log", pid, stamp);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    return NULL;
  return g_build_filename (dir, name, NULL);
}

static void
record_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MapscopeProcessPicker *self = MAPSCOPE_PROCESS_PICKER (widget);
  MapscopeProcessItem *item = get_selected (self);
  g_autoptr(MapscopeTimeline) timeline = NULL;
  g_autoptr(GCancellable) recording = NULL;
  g_autofree char *log_path = NULL;

  if (item == NULL)
    return;

  timeline = mapscope_timeline_new (item->pid, gtk_spin_button_get_value (self->interval_spin), 0);
  log_path = create_log_path (item->pid);
  if (log_path != NULL)
    mapscope_timeline_set_log_path (timeline, log_path);

  self->n_recorded = 0;
  recording = g_cancellable_new ();
  set_recording (self, recording);
  mapscope_timeline_run_async (timeline, recording, timeline_progress, g_object_ref (self),
                               g_object_unref, timeline_done, g_object_ref (self));
}

static void
stop_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MapscopeProcessPicker *self = MAPSCOPE_PROCESS_PICKER (widget);

  if (self->recording != NULL)
    g_cancellable_cancel (self->recording);
}

static void
row_activated (MapscopeProcessPicker *self,
               guint                  position,
               GtkColumnView         *column_view)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "picker.capture", NULL);
}

static gboolean
process_matches (gpointer item,
                 gpointer user_data)
{
  MapscopeProcessPicker *self = MAPSCOPE_PROCESS_PICKER (user_data);
  MapscopeProcessItem *process = MAPSCOPE_PROCESS_ITEM (item);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  const char *fields[] = { process->pid_text, process->name, process->user, process->command_line };

  if (text == NULL || text[0] == '\0')
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      if (fields[i] != NULL && strstr (fields[i], text) != NULL)
        return TRUE;
    }
  return FALSE;
}

static void
search_changed (MapscopeProcessPicker *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            gpointer                  user_data)
{
  const char *property = g_object_get_data (G_OBJECT (factory), "property");
  GtkWidget *inscription = gtk_inscription_new (NULL);
  GtkExpression *item = gtk_property_expression_new (GTK_TYPE_LIST_ITEM, NULL, "item");
  GtkExpression *text = gtk_property_expression_new (MAPSCOPE_TYPE_PROCESS_ITEM, item, property);

  if (g_str_equal (property, "pid-text") || g_str_equal (property, "rss-text"))
    {
      gtk_inscription_set_xalign (GTK_INSCRIPTION (inscription), 1);
      gtk_widget_add_css_class (inscription, "numeric");
    }
  gtk_expression_bind (text, inscription, "text", list_item);
  gtk_list_item_set_child (list_item, inscription);
}

/* The columns: title, the item's text property, and what sorts them. */
static void
add_column (MapscopeProcessPicker *self,
            const char            *title,
            const char            *property,
            const char            *sort_property,
            int                    fixed_width)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkExpression *sort_key = gtk_property_expression_new (MAPSCOPE_TYPE_PROCESS_ITEM, NULL, sort_property);
  GtkSorter *sorter;
  g_autoptr(GtkColumnViewColumn) column = NULL;

  if (g_str_equal (sort_property, "pid") || g_str_equal (sort_property, "rss"))
    sorter = GTK_SORTER (gtk_numeric_sorter_new (sort_key));
  else
    sorter = GTK_SORTER (gtk_string_sorter_new (sort_key));

  g_object_set_data (G_OBJECT (factory), "property", (gpointer)property);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), NULL);

  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_sorter (column, sorter);
  /* No fixed width: the column takes the room left. */
  gtk_column_view_column_set_expand (column, fixed_width < 0);
  gtk_column_view_column_set_fixed_width (column, fixed_width);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_append_column (self->column_view, column);
  g_object_unref (sorter);
}

static void
setup_columns (MapscopeProcessPicker *self)
{
  GtkSortListModel *sorted;
  GtkFilterListModel *filtered;
  GtkColumnViewColumn *rss_column;

  add_column (self, _("PID"), "pid-text", "pid", 70);
  add_column (self, _("Name"), "name", "name", 150);
  add_column (self, _("User"), "user", "user", 90);
  add_column (self, _("Resident"), "rss-text", "rss", 100);
  add_column (self, _("Command Line"), "command-line", "command-line", -1);

  self->filter = gtk_custom_filter_new (process_matches, self, NULL);
  filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->store)),
                                        GTK_FILTER (g_object_ref (self->filter)));
  sorted = gtk_sort_list_model_new (G_LIST_MODEL (filtered),
                                    g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (sorted));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->selection, "notify::selected", G_CALLBACK (update_state), self,
                           G_CONNECT_SWAPPED);

  /* The biggest processes first: the usual reason to look. */
  rss_column = g_list_model_get_item (gtk_column_view_get_columns (self->column_view), 3);
  gtk_column_view_sort_by_column (self->column_view, rss_column, GTK_SORT_DESCENDING);
  g_object_unref (rss_column);
}

/**
 * mapscope_process_picker_set_sources:
 * @capture_source: where captures read
 * @admin_source: (nullable): what "Read as Administrator" reads through,
 *   or %NULL not to offer it
 *
 * By default, the default process source and, where pkexec and the helper
 * are installed, the helper source; tests replace both.
 */
void
mapscope_process_picker_set_sources (MapscopeProcessPicker *self,
                                     MapscopeProcessSource *capture_source,
                                     MapscopeProcessSource *admin_source)
{
  g_return_if_fail (MAPSCOPE_IS_PROCESS_PICKER (self));
  g_return_if_fail (MAPSCOPE_IS_PROCESS_SOURCE (capture_source));

  g_set_object (&self->capture_source, capture_source);
  g_set_object (&self->admin_source, admin_source);
}

/**
 * mapscope_process_picker_get_processes:
 *
 * Returns: (transfer none): the processes shown, as sorted and filtered
 */
GListModel *
mapscope_process_picker_get_processes (MapscopeProcessPicker *self)
{
  g_return_val_if_fail (MAPSCOPE_IS_PROCESS_PICKER (self), NULL);

  return G_LIST_MODEL (self->selection);
}

MapscopeProcessPicker *
mapscope_process_picker_new (GtkWindow         *parent,
                             MapscopeWorkspace *workspace)
{
  MapscopeProcessPicker *self;

  g_return_val_if_fail (MAPSCOPE_IS_WORKSPACE (workspace), NULL);

  self = g_object_new (MAPSCOPE_TYPE_PROCESS_PICKER,
                       "transient-for", parent,
                       NULL);
  self->workspace = g_object_ref (workspace);
  return self;
}

static void
mapscope_process_picker_dispose (GObject *object)
{
  MapscopeProcessPicker *self = MAPSCOPE_PROCESS_PICKER (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->recording != NULL)
    g_cancellable_cancel (self->recording);
  g_clear_handle_id (&self->refresh_source, g_source_remove);

  /* The column view lets go of the model later than we do. */
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), MAPSCOPE_TYPE_PROCESS_PICKER);

  g_clear_object (&self->selection);
  g_clear_object (&self->filter);
  g_clear_object (&self->store);
  g_clear_object (&self->recording);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->workspace);
  g_clear_object (&self->capture_source);
  g_clear_object (&self->admin_source);

  G_OBJECT_CLASS (mapscope_process_picker_parent_class)->dispose (object);
}

static void
mapscope_process_picker_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  MapscopeProcessPicker *self = MAPSCOPE_PROCESS_PICKER (object);

  switch (prop_id)
    {
    case PROP_RECORDING:
      g_value_set_boolean (value, self->recording != NULL);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mapscope_process_picker_class_init (MapscopeProcessPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mapscope_process_picker_dispose;
  object_class->get_property = mapscope_process_picker_get_property;

  properties[PROP_RECORDING] =
    g_param_spec_boolean ("recording", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/mapscope/Mapscope/mapscope-process-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, MapscopeProcessPicker, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, MapscopeProcessPicker, search_entry);
  gtk_widget_class_bind_template_child (widget_class, MapscopeProcessPicker, column_view);
  gtk_widget_class_bind_template_child (widget_class, MapscopeProcessPicker, status_label);
  gtk_widget_class_bind_template_child (widget_class, MapscopeProcessPicker, spinner);
  gtk_widget_class_bind_template_child (widget_class, MapscopeProcessPicker, interval_spin);
  gtk_widget_class_bind_template_callback (widget_class, search_changed);
  gtk_widget_class_bind_template_callback (widget_class, row_activated);

  gtk_widget_class_install_action (widget_class, "picker.capture", NULL, capture_action);
  gtk_widget_class_install_action (widget_class, "picker.record", NULL, record_action);
  gtk_widget_class_install_action (widget_class, "picker.stop", NULL, stop_action);
  gtk_widget_class_install_action (widget_class, "picker.working-set", NULL, working_set_action);
}

static void
mapscope_process_picker_init (MapscopeProcessPicker *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->capture_source = g_object_ref (mapscope_process_source_get_default ());
  if (mapscope_helper_source_is_available ())
    self->admin_source = mapscope_helper_source_new (NULL, NULL);

  self->store = g_list_store_new (MAPSCOPE_TYPE_PROCESS_ITEM);
  self->cancellable = g_cancellable_new ();
  setup_columns (self);
  update_state (self);

  refresh (self);
  self->refresh_source = g_timeout_add_seconds (REFRESH_INTERVAL_SECONDS, refresh, self);
}
