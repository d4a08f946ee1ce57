/* test-window.c: the real application window under Xvfb: opening files
 * through the application, errors, drag and drop, the demo, closing with
 * undo, refreshing, and what the window looks like
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mapscope-app-config.h"

#include <string.h>
#include <unistd.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "app-test-util.h"
#include "mapscope-capture.h"
#include "mapscope-process-picker.h"

static MapscopeApplication *app;

static guint
n_snapshots (MapscopeWindow *window)
{
  return g_list_model_get_n_items (mapscope_workspace_get_snapshots (mapscope_window_get_workspace (window)));
}

static guint
n_sidebar_rows (MapscopeWindow *window)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (window->snapshot_list, n) != NULL)
    n++;
  return n;
}

static MapscopeSnapshot *
nth_snapshot (MapscopeWindow *window,
              guint           index)
{
  GListModel *model = mapscope_workspace_get_snapshots (mapscope_window_get_workspace (window));
  g_autoptr(MapscopeSnapshot) snapshot = g_list_model_get_item (model, index);

  /* Borrowed: the workspace keeps it. */
  return snapshot;
}

/* What a test saw when a widget it waited for never came. */
static void
print_labels (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget))
    g_test_message ("label: %s", gtk_label_get_text (GTK_LABEL (widget)));
  if (GTK_IS_BUTTON (widget))
    g_test_message ("button: %s", gtk_button_get_label (GTK_BUTTON (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    print_labels (child);
}

/* Toasts come in with an animation, slower under the sanitizers: wait for
 * the button rather than expect it after one pass of the main loop. */
static GtkButton *
wait_for_button_with_label (GtkWidget  *widget,
                            const char *label)
{
  gint64 deadline = g_get_monotonic_time () + APP_TEST_TIMEOUT_SECONDS * G_USEC_PER_SEC;
  GtkButton *found;

  /* One iteration at a time: spinning until nothing is pending could run
   * past the toast's own timeout while animations keep the loop busy. */
  while ((found = GTK_BUTTON (mapscope_gtk_test_find_button (widget, label))) == NULL &&
         g_get_monotonic_time () < deadline)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }

  if (found == NULL)
    print_labels (widget);

  return found;
}

static GtkDropTarget *
find_file_drop_target (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  guint n = g_list_model_get_n_items (controllers);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller) &&
          gdk_content_formats_contain_gtype (gtk_drop_target_get_formats (GTK_DROP_TARGET (controller)),
                                             GDK_TYPE_FILE_LIST))
        return GTK_DROP_TARGET (controller);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkDropTarget *found = find_file_drop_target (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_start_page (void)
{
  MapscopeWindow *window;

  g_application_activate (G_APPLICATION (app));
  window = mapscope_app_test_get_window (app);
  mapscope_gtk_test_iterate ();

  g_assert_cmpuint (n_snapshots (window), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->main_stack), ==, "start");
  g_assert_false (gtk_widget_get_visible (window->sidebar_button));
  g_assert_false (gtk_widget_get_visible (window->follow_button));
  g_assert_false (adw_view_switcher_title_get_view_switcher_enabled (window->switcher_title));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "close-snapshot"));

  mapscope_app_test_close_windows (app);
}

static void
test_open_timeline (void)
{
  static const char * const names[] = { "python-leak-timeline.log", NULL };
  MapscopeWindow *window = mapscope_app_test_open_fixtures (app, names, "");
  MapscopeWorkspace *workspace = mapscope_window_get_workspace (window);
  GtkListBoxRow *selected;

  g_assert_cmpuint (n_snapshots (window), ==, 5);
  g_assert_cmpuint (n_sidebar_rows (window), ==, 5);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->main_stack), ==, "workspace");
  g_assert_true (adw_view_switcher_title_get_view_switcher_enabled (window->switcher_title));

  /* The latest snapshot is current, and its row is the selected one. */
  g_assert_true (mapscope_workspace_get_current (workspace) == nth_snapshot (window, 4));
  selected = gtk_list_box_get_selected_row (window->snapshot_list);
  g_assert_nonnull (selected);
  g_assert_cmpint (gtk_list_box_row_get_index (selected), ==, 4);

  /* Clicking a row picks the current snapshot. */
  gtk_list_box_select_row (window->snapshot_list, gtk_list_box_get_row_at_index (window->snapshot_list, 1));
  g_assert_true (mapscope_workspace_get_current (workspace) == nth_snapshot (window, 1));

  /* Ctrl+B marks it as the baseline, and its row says so. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "toggle-baseline", NULL);
  g_assert_true (mapscope_workspace_get_baseline (workspace) == nth_snapshot (window, 1));

  mapscope_app_test_close_windows (app);
}

static gboolean
has_name (GtkWidget     *widget,
          gconstpointer  name)
{
  return g_strcmp0 (gtk_widget_get_name (widget), name) == 0;
}

static gboolean
has_css_class (GtkWidget     *widget,
               gconstpointer  css_class)
{
  return gtk_widget_has_css_class (widget, css_class);
}

static GtkWidget *
find_by_name (GtkWidget  *widget,
              const char *name)
{
  return mapscope_gtk_test_find (widget, has_name, name);
}

/* At the default window size, the sidebar shows a timeline's file name
 * whole, on one line (it used to read "python-le… eline.log"). */
static void
test_sidebar_names_readable (void)
{
  static const char * const names[] = { "python-leak-timeline.log", NULL };
  MapscopeWindow *window = mapscope_app_test_open_fixtures (app, names, "");
  GtkWidget *row;
  GtkLabel *title;
  PangoLayout *layout;

  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  mapscope_gtk_test_iterate ();

  row = GTK_WIDGET (gtk_list_box_get_row_at_index (window->snapshot_list, 0));
  title = GTK_LABEL (mapscope_gtk_test_find (row, has_css_class, "snapshot-title"));
  g_assert_nonnull (title);
  g_assert_cmpstr (gtk_label_get_label (title), ==, "python-leak-timeline.log");
  layout = gtk_label_get_layout (title);
  g_assert_false (pango_layout_is_ellipsized (layout));
  g_assert_cmpint (pango_layout_get_line_count (layout), ==, 1);

  mapscope_app_test_close_windows (app);
}

static void
test_bad_file_keeps_snapshots (void)
{
  static const char * const names[] = { "python-leak-timeline.log", NULL };
  static const char garbage[] = "this is not a memory map\n\x01\x02\x03 at all\n";
  MapscopeWindow *window = mapscope_app_test_open_fixtures (app, names, "");
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) bad = NULL;
  g_autofree char *path = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *toast = NULL;
  int fd;

  g_assert_cmpuint (n_snapshots (window), ==, 5);
  g_assert_null (mapscope_app_test_dup_toast_text (window));

  fd = g_file_open_tmp ("mapscope-garbage-XXXXXX.smaps", &path, &error);
  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (path, garbage, sizeof garbage - 1, &error);
  g_assert_no_error (error);

  bad = g_file_new_for_path (path);
  g_application_open (G_APPLICATION (app), &bad, 1, "");
  mapscope_app_test_wait_for_loading (window);

  /* What was loaded stays, and a toast names the file. */
  g_assert_cmpuint (n_snapshots (window), ==, 5);
  g_assert_cmpuint (n_sidebar_rows (window), ==, 5);
  toast = mapscope_app_test_dup_toast_text (window);
  g_assert_nonnull (toast);
  basename = g_path_get_basename (path);
  g_assert_nonnull (strstr (toast, basename));

  g_unlink (path);
  mapscope_app_test_close_windows (app);
}

static void
test_drop_two_files (void)
{
  g_autoptr(GFile) zoo = mapscope_app_test_fixture_file ("zoo.smaps");
  g_autoptr(GFile) sleep = mapscope_app_test_fixture_file ("sleep.pmap-XX");
  GFile *files[2] = { zoo, sleep };
  g_auto(GValue) value = G_VALUE_INIT;
  GtkDropTarget *target;
  MapscopeWindow *window;
  gboolean accepted = FALSE;

  g_application_activate (G_APPLICATION (app));
  window = mapscope_app_test_get_window (app);
  target = find_file_drop_target (GTK_WIDGET (window));
  g_assert_nonnull (target);

  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_array (files, 2));
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &accepted);
  g_assert_true (accepted);
  mapscope_app_test_wait_for_loading (window);

  g_assert_cmpuint (n_snapshots (window), ==, 2);
  g_assert_cmpuint (n_sidebar_rows (window), ==, 2);
  /* In the order they were dropped. */
  g_assert_true (g_str_has_suffix (mapscope_snapshot_get_source (nth_snapshot (window, 0)), "zoo.smaps"));
  g_assert_true (g_str_has_suffix (mapscope_snapshot_get_source (nth_snapshot (window, 1)), "sleep.pmap-XX"));

  mapscope_app_test_close_windows (app);
}

static void
test_demo (void)
{
  MapscopeWindow *window;
  MapscopeWorkspace *workspace;

  g_action_group_activate_action (G_ACTION_GROUP (app), "demo", NULL);
  window = mapscope_app_test_get_window (app);
  mapscope_app_test_wait_for_loading (window);
  workspace = mapscope_window_get_workspace (window);

  /* The timeline (5) and zoo.smaps (1); first against last of the timeline. */
  g_assert_cmpuint (n_snapshots (window), ==, 6);
  g_assert_true (mapscope_workspace_get_baseline (workspace) == nth_snapshot (window, 0));
  g_assert_true (mapscope_workspace_get_current (workspace) == nth_snapshot (window, 4));
  g_assert_true (gtk_widget_get_visible (window->follow_button));

  mapscope_app_test_close_windows (app);
}

static void
test_close_and_undo (void)
{
  static const char * const names[] = { "python-leak-timeline.log", NULL };
  MapscopeWindow *window = mapscope_app_test_open_fixtures (app, names, "");
  MapscopeWorkspace *workspace = mapscope_window_get_workspace (window);
  g_autoptr(MapscopeSnapshot) closed = g_object_ref (mapscope_workspace_get_current (workspace));
  GtkButton *undo;

  g_action_group_activate_action (G_ACTION_GROUP (window), "close-snapshot", NULL);
  undo = wait_for_button_with_label (GTK_WIDGET (window->toast_overlay), "_Undo");
  g_assert_cmpuint (n_snapshots (window), ==, 4);
  g_assert_cmpuint (n_sidebar_rows (window), ==, 4);
  g_assert_nonnull (mapscope_workspace_get_current (workspace));
  g_assert_true (mapscope_workspace_get_current (workspace) != closed);

  g_assert_nonnull (undo);
  g_signal_emit_by_name (undo, "clicked");
  mapscope_gtk_test_iterate ();
  g_assert_cmpuint (n_snapshots (window), ==, 5);
  g_assert_true (mapscope_workspace_get_current (workspace) == closed);

  mapscope_app_test_close_windows (app);
}

static void
test_refresh_replaces (void)
{
  g_autoptr(GFile) source = mapscope_app_test_fixture_file ("zoo.smaps");
  g_autoptr(GFile) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("mapscope-test-XXXXXX", &error);
  g_autofree char *path = NULL;
  MapscopeWindow *window;
  MapscopeWorkspace *workspace;
  MapscopeSnapshot *before;

  g_assert_no_error (error);
  path = g_build_filename (dir, "zoo.smaps", NULL);
  copy = g_file_new_for_path (path);
  g_file_copy (source, copy, G_FILE_COPY_NONE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  g_application_open (G_APPLICATION (app), &copy, 1, "");
  window = mapscope_app_test_get_window (app);
  mapscope_app_test_wait_for_loading (window);
  workspace = mapscope_window_get_workspace (window);
  before = mapscope_workspace_get_current (workspace);
  g_assert_nonnull (before);

  g_action_group_activate_action (G_ACTION_GROUP (window), "refresh", NULL);
  mapscope_app_test_wait_for_loading (window);

  /* Re-read: still one snapshot, a new one, and current. */
  g_assert_cmpuint (n_snapshots (window), ==, 1);
  g_assert_true (mapscope_workspace_get_current (workspace) == nth_snapshot (window, 0));
  g_assert_true (mapscope_workspace_get_current (workspace) != before);

  g_unlink (path);
  g_rmdir (dir);
  mapscope_app_test_close_windows (app);
}

/* Counts the distinct colors of the widget drawn into an image.
 * To look at it: MAPSCOPE_TEST_SAVE_WINDOW=window.png, …_PICKER=picker.png */
static guint
count_colors (GtkWidget  *widget,
              const char *save_variable)
{
  cairo_surface_t *surface = mapscope_gtk_test_render_paintable (widget, FALSE);
  guint n_colors;

  g_assert_nonnull (surface);
  mapscope_gtk_test_save_if_asked (surface, save_variable);
  n_colors = mapscope_gtk_test_count_distinct (surface);
  cairo_surface_destroy (surface);
  return n_colors;
}

static gboolean
is_picker (GtkWidget     *widget,
           gconstpointer  data)
{
  return MAPSCOPE_IS_PROCESS_PICKER (widget);
}

static MapscopeProcessPicker *
find_picker (void)
{
  return (MapscopeProcessPicker *) mapscope_gtk_test_find_toplevel (is_picker, NULL);
}

static gboolean
picker_lists_us (gpointer picker)
{
  return mapscope_app_test_select_self (picker);
}

static gboolean
has_snapshots (gpointer data)
{
  return n_snapshots (data) >= 2;
}

static gboolean
not_recording (gpointer data)
{
  gboolean recording;

  g_object_get (data, "recording", &recording, NULL);
  return !recording;
}

/* Picks this very test process, records a short timeline of it, stops, then
 * captures one more snapshot, which closes the picker. */
static void
test_process_picker (void)
{
  MapscopeProcessPicker *picker;
  MapscopeWindow *window;
  MapscopeWorkspace *workspace;
  guint recorded;

  g_application_activate (G_APPLICATION (app));
  window = mapscope_app_test_get_window (app);
  workspace = mapscope_window_get_workspace (window);
  g_action_group_activate_action (G_ACTION_GROUP (window), "pick-process", NULL);
  picker = find_picker ();
  g_assert_nonnull (picker);

  mapscope_gtk_test_wait_until (picker_lists_us, picker, APP_TEST_TIMEOUT_SECONDS);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (picker));
  g_assert_cmpuint (count_colors (GTK_WIDGET (picker), "MAPSCOPE_TEST_SAVE_PICKER"), >=, 8);

  gtk_widget_activate_action (GTK_WIDGET (picker), "picker.record", NULL);
  mapscope_gtk_test_wait_until (has_snapshots, window, APP_TEST_TIMEOUT_SECONDS);
  gtk_widget_activate_action (GTK_WIDGET (picker), "picker.stop", NULL);
  mapscope_gtk_test_wait_until (not_recording, picker, APP_TEST_TIMEOUT_SECONDS);
  recorded = n_snapshots (window);
  g_assert_cmpint (mapscope_snapshot_get_pid (mapscope_workspace_get_baseline (workspace)), ==, getpid ());

  gtk_widget_activate_action (GTK_WIDGET (picker), "picker.capture", NULL);
  while (find_picker () != NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (n_snapshots (window), ==, recorded + 1);
  g_assert_cmpint (mapscope_snapshot_get_pid (mapscope_workspace_get_current (workspace)), ==, getpid ());

  mapscope_app_test_close_windows (app);
}

typedef struct
{
  MapscopeWindow   *window;
  MapscopeSnapshot *first;     /* the snapshot following started from */
  guint             position;
} FollowCheck;

static gboolean
follow_replaced (gpointer data)
{
  FollowCheck *check = data;
  MapscopeSnapshot *now = nth_snapshot (check->window, check->position);

  return now != check->first && now == _mapscope_window_get_followed (check->window);
}

static gboolean
window_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

/* Captures this very test process, follows it with a one-second interval,
 * and waits for a re-read to take the snapshot's place in the list. */
static void
test_follow (void)
{
  static const char * const names[] = { "zoo.smaps", "sleep.pmap-XX", NULL };
  MapscopeWindow *window = mapscope_app_test_open_fixtures (app, names, "");
  MapscopeWorkspace *workspace = mapscope_window_get_workspace (window);
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(MapscopeSnapshot) live = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) state = NULL;
  FollowCheck check = { window, NULL, 1 };
  const char *subtitle;

  g_settings_set_uint (settings, "follow-interval", 1);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (mapscope_gtk_test_poll_until (window_mapped, window, APP_TEST_TIMEOUT_SECONDS));

  /* A file cannot be followed. */
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "follow"));

  live = mapscope_capture_snapshot (getpid (), NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (mapscope_capture_info_get (live));
  mapscope_workspace_insert_snapshot (workspace, live, 1);
  mapscope_workspace_set_current (workspace, live);
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "follow"));

  g_action_group_change_action_state (G_ACTION_GROUP (window), "follow", g_variant_new_boolean (TRUE));
  state = g_action_group_get_action_state (G_ACTION_GROUP (window), "follow");
  g_assert_true (g_variant_get_boolean (state));
  g_assert_true (_mapscope_window_get_followed (window) == live);

  check.first = live;
  g_assert_true (mapscope_gtk_test_poll_until (follow_replaced, &check, APP_TEST_TIMEOUT_SECONDS));

  /* In place, still current, and the subtitle tells the cost of the read. */
  g_assert_cmpuint (n_snapshots (window), ==, 3);
  g_assert_true (mapscope_workspace_get_current (workspace) == nth_snapshot (window, 1));
  g_assert_cmpint (mapscope_snapshot_get_pid (nth_snapshot (window, 1)), ==, getpid ());
  g_assert_true (g_str_has_suffix (mapscope_snapshot_get_source (nth_snapshot (window, 0)), "zoo.smaps"));
  subtitle = adw_view_switcher_title_get_subtitle (window->switcher_title);
  g_assert_nonnull (subtitle);
  g_assert_nonnull (strstr (subtitle, "ms"));

  g_action_group_change_action_state (G_ACTION_GROUP (window), "follow", g_variant_new_boolean (FALSE));
  g_assert_null (_mapscope_window_get_followed (window));
  g_clear_pointer (&state, g_variant_unref);
  state = g_action_group_get_action_state (G_ACTION_GROUP (window), "follow");
  g_assert_false (g_variant_get_boolean (state));

  g_settings_reset (settings, "follow-interval");
  mapscope_app_test_close_windows (app);
}

static gboolean
window_unmapped (gpointer data)
{
  return !gtk_widget_get_mapped (data);
}

static gboolean
never (gpointer data)
{
  return FALSE;
}

/* Following reads nothing while the window is hidden, and reads again
 * once it is shown. */
static void
test_follow_paused_while_hidden (void)
{
  static const char * const names[] = { "zoo.smaps", NULL };
  MapscopeWindow *window = mapscope_app_test_open_fixtures (app, names, "");
  MapscopeWorkspace *workspace = mapscope_window_get_workspace (window);
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(MapscopeSnapshot) live = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) state = NULL;
  FollowCheck check = { window, NULL, 1 };

  g_settings_set_uint (settings, "follow-interval", 1);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (mapscope_gtk_test_poll_until (window_mapped, window, APP_TEST_TIMEOUT_SECONDS));

  live = mapscope_capture_snapshot (getpid (), NULL, &error);
  g_assert_no_error (error);
  mapscope_workspace_insert_snapshot (workspace, live, 1);
  mapscope_workspace_set_current (workspace, live);

  gtk_widget_set_visible (GTK_WIDGET (window), FALSE);
  g_assert_true (mapscope_gtk_test_poll_until (window_unmapped, window, APP_TEST_TIMEOUT_SECONDS));
  g_action_group_change_action_state (G_ACTION_GROUP (window), "follow", g_variant_new_boolean (TRUE));
  g_assert_true (_mapscope_window_get_followed (window) == live);

  /* Three ticks of the one-second timer pass: nothing is read (a read
   * would replace the snapshot), yet the window still follows. */
  g_assert_false (mapscope_gtk_test_poll_until (never, NULL, 3));
  g_assert_true (_mapscope_window_get_followed (window) == live);
  g_assert_true (nth_snapshot (window, 1) == live);
  state = g_action_group_get_action_state (G_ACTION_GROUP (window), "follow");
  g_assert_true (g_variant_get_boolean (state));

  /* Shown again, the next tick reads. */
  gtk_window_present (GTK_WINDOW (window));
  check.first = live;
  g_assert_true (mapscope_gtk_test_poll_until (follow_replaced, &check, APP_TEST_TIMEOUT_SECONDS));
  g_assert_cmpint (mapscope_snapshot_get_pid (nth_snapshot (window, 1)), ==, getpid ());

  g_action_group_change_action_state (G_ACTION_GROUP (window), "follow", g_variant_new_boolean (FALSE));
  g_settings_reset (settings, "follow-interval");
  mapscope_app_test_close_windows (app);
}

static gboolean
is_visible_message_dialog (GtkWidget     *widget,
                           gconstpointer  data)
{
  return ADW_IS_MESSAGE_DIALOG (widget) && gtk_widget_get_visible (widget);
}

static AdwMessageDialog *
find_message_dialog (void)
{
  return (AdwMessageDialog *) mapscope_gtk_test_find_toplevel (is_visible_message_dialog, NULL);
}

static gboolean
has_message_dialog (gpointer data)
{
  return find_message_dialog () != NULL;
}

static gboolean
picker_closed (gpointer data)
{
  return find_picker () == NULL;
}

/* Measures the working set of this test process for one second: a
 * confirmation comes first, and accepting it adds one snapshot. */
static void
test_working_set (void)
{
  MapscopeProcessPicker *picker;
  MapscopeWindow *window;
  MapscopeWorkspace *workspace;
  AdwMessageDialog *dialog;
  GtkSpinButton *spin;
  const MapscopeCaptureInfo *info;

  g_application_activate (G_APPLICATION (app));
  window = mapscope_app_test_get_window (app);
  workspace = mapscope_window_get_workspace (window);
  g_action_group_activate_action (G_ACTION_GROUP (window), "pick-process", NULL);
  picker = find_picker ();
  g_assert_nonnull (picker);
  g_assert_true (mapscope_gtk_test_poll_until (picker_lists_us, picker, APP_TEST_TIMEOUT_SECONDS));

  gtk_widget_activate_action (GTK_WIDGET (picker), "picker.working-set", NULL);
  g_assert_true (mapscope_gtk_test_poll_until (has_message_dialog, NULL, APP_TEST_TIMEOUT_SECONDS));
  dialog = find_message_dialog ();
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "clear_refs"));
  g_assert_true (adw_message_dialog_has_response (dialog, "cancel"));
  /* Nothing runs before the user agrees. */
  g_assert_cmpuint (n_snapshots (window), ==, 0);

  spin = GTK_SPIN_BUTTON (mapscope_gtk_test_find_nth (adw_message_dialog_get_extra_child (dialog),
                                                      GTK_TYPE_SPIN_BUTTON, 0));
  g_assert_nonnull (spin);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (spin), ==, 10);
  gtk_spin_button_set_value (spin, 1);
  adw_message_dialog_response (dialog, "measure");

  g_assert_true (mapscope_gtk_test_poll_until (picker_closed, NULL, APP_TEST_TIMEOUT_SECONDS));
  g_assert_cmpuint (n_snapshots (window), ==, 1);
  g_assert_cmpint (mapscope_snapshot_get_pid (mapscope_workspace_get_current (workspace)), ==, getpid ());
  info = mapscope_capture_info_get (mapscope_workspace_get_current (workspace));
  g_assert_nonnull (info);
  g_assert_cmpfloat (info->working_set_seconds, >, 0);

  mapscope_app_test_close_windows (app);
}

typedef struct
{
  MapscopeWindow *window;
  const char     *needle;
  char           *text;      /* owned: the toast that matched */
} ToastWait;

static gboolean
toast_names (gpointer data)
{
  ToastWait *wait = data;
  g_autofree char *text = mapscope_app_test_dup_toast_text (wait->window);

  if (text == NULL || strstr (text, wait->needle) == NULL)
    return FALSE;
  wait->text = g_steal_pointer (&text);
  return TRUE;
}

typedef struct
{
  MapscopeWindow *window;
  AdwToast       *seen;        /* owned: the toast on screen */
  gint64          seen_time;   /* when it was first seen */
  gboolean        dismissed;   /* whether @seen was dismissed */
} ToastDismiss;

/* Long enough for a toast's show animation to end, even under ASan. */
#define TOAST_SETTLE_USEC (G_USEC_PER_SEC / 2)

static gboolean
no_toast (gpointer data)
{
  ToastDismiss *dismiss = data;
  GtkWidget *widget = mapscope_gtk_test_find_css_name (GTK_WIDGET (dismiss->window->toast_overlay),
                                                       "toast");
  g_autoptr(AdwToast) toast = NULL;

  if (widget == NULL)
    return TRUE;
  g_object_get (widget, "toast", &toast, NULL);
  if (toast == NULL)
    return FALSE;
  if (toast != dismiss->seen)
    {
      g_set_object (&dismiss->seen, toast);
      dismiss->seen_time = g_get_monotonic_time ();
      dismiss->dismissed = FALSE;
    }
  /* Queued toasts come one after the other: dismiss each as it shows,
   * rather than wait out its timeout; but only once, and not during its
   * show animation (adw 1.2 then unrefs the toast once too often). */
  if (!dismiss->dismissed && g_get_monotonic_time () - dismiss->seen_time > TOAST_SETTLE_USEC)
    {
      adw_toast_dismiss (toast);
      dismiss->dismissed = TRUE;
    }
  return FALSE;
}

static gboolean
has_snapshot (MapscopeWindow   *window,
              MapscopeSnapshot *snapshot)
{
  for (guint i = 0; i < n_snapshots (window); i++)
    {
      if (nth_snapshot (window, i) == snapshot)
        return TRUE;
    }
  return FALSE;
}

typedef struct
{
  const char *name;
  const char *contents;     /* NULL: a directory, or special below */
  gsize       length;
} BadInput;

/* Opens one bad input after the other in a window holding a good snapshot:
 * each gets a toast naming it (an error, or its warnings), the good
 * snapshot stays, and nothing crashes. */
static void
test_bad_inputs (void)
{
  static const char nul[] =
    "7f0000000000-7f0000001000 r--p 00000000 00:00 0 /lib/a\0b.so\nSize: 4 kB\n\0\0\0Rss: 4 kB\n";
  static const char non_utf8[] =
    "7f0000000000-7f0000001000 r--p 00000000 00:00 0 /usr/lib/\xff\xfe.so\nSize: 4 kB\nRss: 4 kB\n";
  static const char * const names[] = { "zoo.smaps", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("mapscope-bad-XXXXXX", &error);
  g_autofree char *zoo_path = g_test_build_filename (G_TEST_DIST, "tests", "data", "real", "zoo.smaps", NULL);
  g_autofree char *zoo = NULL;
  g_autofree char *garbage = NULL;
  g_autoptr(GString) crlf = g_string_new (NULL);
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GRand) rand = g_rand_new_with_seed (9);
  MapscopeWindow *window;
  MapscopeSnapshot *good;
  ToastDismiss dismiss = { NULL, NULL, 0, FALSE };
  gsize zoo_length;
  BadInput inputs[] = {
    { "empty.smaps", "", 0 },
    { "garbage.smaps", NULL, 4096 },
    { "nul-bytes.smaps", nul, sizeof nul - 1 },
    { "crlf.smaps", NULL, 0 },
    { "cut-mid-line.smaps", NULL, 1000 },
    { "a-directory.smaps", NULL, 0 },
    { "unreadable.smaps", "", 0 },
    { "non-utf8-path.smaps", non_utf8, sizeof non_utf8 - 1 },
  };

  g_assert_no_error (error);
  g_file_get_contents (zoo_path, &zoo, &zoo_length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (zoo_length, >, 1000);

  garbage = g_malloc (inputs[1].length);
  for (gsize i = 0; i < inputs[1].length; i++)
    garbage[i] = (char)g_rand_int_range (rand, 0, 256);
  inputs[1].contents = garbage;
  for (const char *p = zoo; *p != '\0'; p++)
    {
      if (*p == '\n')
        g_string_append_c (crlf, '\r');
      g_string_append_c (crlf, *p);
    }
  inputs[3].contents = crlf->str;
  inputs[3].length = crlf->len;
  inputs[4].contents = zoo;

  window = mapscope_app_test_open_fixtures (app, names, "");
  g_assert_cmpuint (n_snapshots (window), ==, 1);
  good = nth_snapshot (window, 0);
  dismiss.window = window;
  gtk_window_present (GTK_WINDOW (window));

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autofree char *path = g_build_filename (dir, inputs[i].name, NULL);
      g_autoptr(GFile) file = NULL;
      ToastWait wait = { window, inputs[i].name, NULL };
      guint before = n_snapshots (window);

      if (g_str_equal (inputs[i].name, "a-directory.smaps"))
        {
          g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
        }
      else
        {
          g_file_set_contents (path, inputs[i].contents, inputs[i].length, &error);
          g_assert_no_error (error);
        }
      g_ptr_array_add (paths, g_strdup (path));

      if (g_str_equal (inputs[i].name, "unreadable.smaps"))
        {
          g_assert_cmpint (g_chmod (path, 0), ==, 0);
          /* Root reads anything: a file whose read fails stands in. */
          if (access (path, R_OK) == 0)
            {
              g_free (path);
              path = g_strdup ("/proc/self/mem");
              wait.needle = "mem";
            }
        }

      g_test_message ("opening %s", path);
      file = g_file_new_for_path (path);
      g_application_open (G_APPLICATION (app), &file, 1, "");
      mapscope_app_test_wait_for_loading (window);

      g_assert_true (has_snapshot (window, good));
      g_assert_true (nth_snapshot (window, 0) == good);

      if (g_str_equal (inputs[i].name, "crlf.smaps"))
        {
          /* Line ends are not worth a warning: it reads like the original. */
          g_assert_cmpuint (n_snapshots (window), ==, before + 1);
          g_assert_cmpuint (mapscope_snapshot_get_n_regions (nth_snapshot (window, before)), ==,
                            mapscope_snapshot_get_n_regions (good));
          continue;
        }

      if (!mapscope_gtk_test_poll_until (toast_names, &wait, APP_TEST_TIMEOUT_SECONDS))
        {
          print_labels (GTK_WIDGET (window->toast_overlay));
          g_error ("No toast named %s", inputs[i].name);
        }
      g_test_message ("toast: %s", wait.text);
      g_free (wait.text);
      g_assert_true (mapscope_gtk_test_poll_until (no_toast, &dismiss, APP_TEST_TIMEOUT_SECONDS));
    }

  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        g_rmdir (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
  g_clear_object (&dismiss.seen);
  mapscope_app_test_close_windows (app);
}

static void
test_render_not_blank (void)
{
  static const char * const names[] = { "python-leak-timeline.log", NULL };
  MapscopeWindow *window = mapscope_app_test_open_fixtures (app, names, "");
  guint n_colors;

  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  mapscope_gtk_test_iterate ();

  /* Text, the selected row, the header bar and the views: far more than a
   * blank or single-colour window. */
  n_colors = count_colors (GTK_WIDGET (window), "MAPSCOPE_TEST_SAVE_WINDOW");
  g_test_message ("%u distinct colors", n_colors);
  g_assert_cmpuint (n_colors, >=, 16);

  mapscope_app_test_close_windows (app);
}

static gboolean
findings_computed (gpointer data)
{
  gboolean busy;

  g_object_get (data, "busy", &busy, NULL);
  return !busy;
}

/* The Timeline and Findings pages: Alt+4 and Alt+5, the badge counting the
 * warnings, and a finding that takes the user to its regions. */
static void
test_findings_page (void)
{
  static const char * const names[] = { "zoo.smaps", NULL };
  MapscopeWindow *window = mapscope_app_test_open_fixtures (app, names, "");
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                "win.view::findings");
  g_auto(GStrv) timeline_accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                         "win.view::timeline");
  GtkWidget *findings = mapscope_gtk_test_find_css_name (GTK_WIDGET (window), "findingsview");
  g_autoptr(GSettings) settings = NULL;
  GtkWidget *bar;
  guint n_warnings;

  g_assert_nonnull (findings);
  g_assert_nonnull (mapscope_gtk_test_find_css_name (GTK_WIDGET (window), "timelineview"));
  g_assert_cmpstr (accels[0], ==, "<Alt>5");
  g_assert_cmpstr (timeline_accels[0], ==, "<Alt>4");

  mapscope_gtk_test_wait_until (findings_computed, findings, APP_TEST_TIMEOUT_SECONDS);
  g_object_get (findings, "n-warnings", &n_warnings, NULL);
  g_assert_cmpuint (n_warnings, >=, 1);
  g_assert_cmpuint (adw_view_stack_page_get_badge_number (window->findings_page), ==, n_warnings);
  g_assert_true (adw_view_stack_page_get_needs_attention (window->findings_page));

  g_action_group_activate_action (G_ACTION_GROUP (window), "view", g_variant_new_string ("findings"));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (window->view_stack), ==, "findings");

  /* The thresholds are settings: above the zoo's 256 MiB of resident
   * anonymous memory, anon-large goes away; back at the default, it returns. */
  g_assert_nonnull (find_by_name (findings, "anon-large"));
  settings = g_settings_new ("io.github.mapscope.Mapscope");
  g_settings_set_uint (settings, "findings-anon-large-mib", 1024);
  mapscope_gtk_test_iterate ();
  mapscope_gtk_test_wait_until (findings_computed, findings, APP_TEST_TIMEOUT_SECONDS);
  g_assert_null (find_by_name (findings, "anon-large"));
  g_assert_nonnull (find_by_name (findings, "lib-duplicate"));
  g_settings_reset (settings, "findings-anon-large-mib");
  mapscope_gtk_test_iterate ();
  mapscope_gtk_test_wait_until (findings_computed, findings, APP_TEST_TIMEOUT_SECONDS);
  g_assert_nonnull (find_by_name (findings, "anon-large"));

  /* Activating a finding goes to the table, restricted to its regions, with
   * the bar above it naming the finding. */
  gtk_widget_activate (find_by_name (findings, "lib-duplicate"));
  mapscope_gtk_test_iterate ();
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (window->view_stack), ==, "regions");
  bar = mapscope_gtk_test_find_css_name (GTK_WIDGET (window->regions_box), "onlyregionsbar");
  g_assert_nonnull (bar);
  g_assert_true (gtk_widget_get_visible (bar));
  g_assert_true (mapscope_region_filter_has_only_regions (
    mapscope_workspace_get_filter (mapscope_window_get_workspace (window))));

  mapscope_app_test_close_windows (app);
}

/* Sessions ---------------------------------------------------------------- */

/* What a click on a response button does. */
static void
respond_and_close (AdwMessageDialog *dialog,
                   const char       *response)
{
  adw_message_dialog_response (dialog, response);
  gtk_window_close (GTK_WINDOW (dialog));
  mapscope_gtk_test_iterate ();
}

static void
test_session_save_and_reopen (void)
{
  static const char * const names[] = { "python-leak-timeline.log", NULL };
  static const char note[] = "before the leak";
  g_autofree char *dir = g_dir_make_tmp ("mapscope-app-session-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "leak.mapscope", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  MapscopeWindow *window = mapscope_app_test_open_fixtures (app, names, "");
  MapscopeWorkspace *workspace = mapscope_window_get_workspace (window);
  AdwMessageDialog *dialog;
  GtkLabel *note_label;

  /* Opened files are not saved in a session yet. */
  g_assert_cmpuint (n_snapshots (window), ==, 5);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "• Unsaved Session");

  /* A note, through the window's action and its dialog. */
  mapscope_workspace_set_current (workspace, nth_snapshot (window, 1));
  g_action_group_activate_action (G_ACTION_GROUP (window), "edit-note", NULL);
  mapscope_gtk_test_iterate ();
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog)), note);
  respond_and_close (dialog, "save");
  g_assert_null (find_message_dialog ());
  g_assert_cmpstr (mapscope_snapshot_get_note (nth_snapshot (window, 1)), ==, note);
  note_label = GTK_LABEL (mapscope_gtk_test_find_label (GTK_WIDGET (window->snapshot_list), note));
  g_assert_nonnull (note_label);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (note_label)));

  mapscope_workspace_set_baseline (workspace, nth_snapshot (window, 0));
  mapscope_workspace_set_current (workspace, nth_snapshot (window, 3));
  adw_view_stack_set_visible_child_name (window->view_stack, "map");

  /* Saved through the window (the Save As dialog bypassed): the title
   * names the file and the marker goes. */
  _mapscope_window_save_session (window, file, FALSE);
  while (_mapscope_window_get_saving (window))
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (g_file_query_exists (file, NULL));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "leak.mapscope");
  g_assert_false (_mapscope_window_has_unsaved_changes (window));

  /* A change brings the marker back; closing then asks, and Cancel keeps
   * the window. */
  mapscope_region_filter_set_text (mapscope_workspace_get_filter (workspace), "libc");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "• leak.mapscope");
  gtk_window_close (GTK_WINDOW (window));
  mapscope_gtk_test_iterate ();
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Save Changes?");
  respond_and_close (dialog, "cancel");
  g_assert_null (find_message_dialog ());
  g_assert_true (mapscope_app_test_get_window (app) == window);

  /* Discard closes it, and the file keeps what was saved. */
  gtk_window_close (GTK_WINDOW (window));
  mapscope_gtk_test_iterate ();
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  respond_and_close (dialog, "discard");
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));

  /* Opened again like any file: everything is back, nothing unsaved. */
  g_application_open (G_APPLICATION (app), &file, 1, "");
  window = mapscope_app_test_get_window (app);
  mapscope_app_test_wait_for_loading (window);
  workspace = mapscope_window_get_workspace (window);
  g_assert_cmpuint (n_snapshots (window), ==, 5);
  g_assert_cmpstr (mapscope_snapshot_get_note (nth_snapshot (window, 1)), ==, note);
  g_assert_true (mapscope_workspace_get_baseline (workspace) == nth_snapshot (window, 0));
  g_assert_true (mapscope_workspace_get_current (workspace) == nth_snapshot (window, 3));
  g_assert_cmpstr (mapscope_region_filter_get_text (mapscope_workspace_get_filter (workspace)), ==, "");
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (window->view_stack), ==, "map");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "leak.mapscope");
  g_assert_false (_mapscope_window_has_unsaved_changes (window));
  note_label = GTK_LABEL (mapscope_gtk_test_find_label (GTK_WIDGET (window->snapshot_list), note));
  g_assert_nonnull (note_label);

  /* The note is drawn in the sidebar: text, not an empty box. */
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  mapscope_gtk_test_iterate ();
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (note_label)));
  g_assert_cmpuint (count_colors (GTK_WIDGET (note_label), "MAPSCOPE_TEST_SAVE_NOTE"), >=, 3);

  /* Nothing changed: closing does not ask. */
  gtk_window_close (GTK_WINDOW (window));
  mapscope_gtk_test_iterate ();
  g_assert_null (find_message_dialog ());
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));

  /* A session opened over unsaved snapshots asks: Add keeps both. */
  {
    static const char * const more[] = { "sleep.maps", NULL };

    window = mapscope_app_test_open_fixtures (app, more, "");
    g_assert_true (_mapscope_window_has_unsaved_changes (window));
    g_application_open (G_APPLICATION (app), &file, 1, "");
    mapscope_app_test_wait_for_loading (window);
    dialog = find_message_dialog ();
    g_assert_nonnull (dialog);
    g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Replace the Open Snapshots?");
    g_assert_cmpuint (n_snapshots (window), ==, 1);
    respond_and_close (dialog, "add");
    g_assert_cmpuint (n_snapshots (window), ==, 6);
    g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "• Unsaved Session");
    mapscope_app_test_close_windows (app);
  }

  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  app = mapscope_app_test_init (&argc, &argv);

  g_test_add_func ("/app/window/start-page", test_start_page);
  g_test_add_func ("/app/window/findings-page", test_findings_page);
  g_test_add_func ("/app/window/open-timeline", test_open_timeline);
  g_test_add_func ("/app/window/sidebar-names-readable", test_sidebar_names_readable);
  g_test_add_func ("/app/window/bad-file-keeps-snapshots", test_bad_file_keeps_snapshots);
  g_test_add_func ("/app/window/drop-two-files", test_drop_two_files);
  g_test_add_func ("/app/window/demo", test_demo);
  g_test_add_func ("/app/window/close-and-undo", test_close_and_undo);
  g_test_add_func ("/app/window/refresh-replaces", test_refresh_replaces);
  g_test_add_func ("/app/window/process-picker", test_process_picker);
  g_test_add_func ("/app/window/render-not-blank", test_render_not_blank);
  g_test_add_func ("/app/window/follow", test_follow);
  g_test_add_func ("/app/window/follow-paused-while-hidden", test_follow_paused_while_hidden);
  g_test_add_func ("/app/window/working-set", test_working_set);
  g_test_add_func ("/app/window/bad-inputs", test_bad_inputs);
  g_test_add_func ("/app/window/session-save-and-reopen", test_session_save_and_reopen);

  status = g_test_run ();

  mapscope_app_test_close_windows (app);
  g_clear_object (&app);
  return status;
}
