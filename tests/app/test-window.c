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

#include "mapscope-application.h"
#include "mapscope-capture.h"
#include "mapscope-process-picker.h"
#include "mapscope-window-private.h"

#define LOAD_TIMEOUT_SECONDS 60

static MapscopeApplication *app;

static GFile *
fixture_file (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "tests", "data", "real", name, NULL);

  return g_file_new_for_path (path);
}

static MapscopeWindow *
get_window (void)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));

  for (GList *l = windows; l != NULL; l = l->next)
    {
      if (MAPSCOPE_IS_WINDOW (l->data))
        return l->data;
    }
  g_assert_not_reached ();
}

static void
iterate_main_loop (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

/* Spins the main loop until every file opened in @window is in. The loader
 * ticks while busy, so a blocking iteration always wakes up again. */
static void
wait_for_loading (MapscopeWindow *window)
{
  gint64 deadline = g_get_monotonic_time () + LOAD_TIMEOUT_SECONDS * G_USEC_PER_SEC;

  while (mapscope_window_get_loading (window))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  iterate_main_loop ();
}

/* Opens @names (fixtures) the way `mapscope FILE...` does and waits. */
static MapscopeWindow *
open_fixtures (const char * const *names,
               const char         *hint)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  MapscopeWindow *window;

  for (guint i = 0; names[i] != NULL; i++)
    g_ptr_array_add (files, fixture_file (names[i]));
  g_application_open (G_APPLICATION (app), (GFile **)files->pdata, files->len, hint);
  window = get_window ();
  wait_for_loading (window);
  return window;
}

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

/* Appends the text of every label under @widget. */
static void
collect_labels (GtkWidget *widget,
                GString   *text)
{
  if (GTK_IS_LABEL (widget))
    {
      g_string_append (text, gtk_label_get_text (GTK_LABEL (widget)));
      g_string_append_c (text, '\n');
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, text);
}

static GtkWidget *
find_by_css_name (GtkWidget  *widget,
                  const char *css_name)
{
  if (g_strcmp0 (gtk_widget_get_css_name (widget), css_name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_css_name (child, css_name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The text of the toast on screen, or NULL. */
static char *
dup_toast_text (MapscopeWindow *window)
{
  GtkWidget *toast = find_by_css_name (GTK_WIDGET (window->toast_overlay), "toast");
  GString *text;

  if (toast == NULL)
    return NULL;
  text = g_string_new (NULL);
  collect_labels (toast, text);
  return g_string_free (text, FALSE);
}

static GtkButton *
find_button_with_label (GtkWidget  *widget,
                        const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return GTK_BUTTON (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkButton *found = find_button_with_label (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
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
  gint64 deadline = g_get_monotonic_time () + LOAD_TIMEOUT_SECONDS * G_USEC_PER_SEC;
  GtkButton *found;

  /* One iteration at a time: spinning until nothing is pending could run
   * past the toast's own timeout while animations keep the loop busy. */
  while ((found = find_button_with_label (widget, label)) == NULL &&
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

/* Each test starts without windows, as the application does. */
static void
close_windows (void)
{
  GList *windows;

  while ((windows = gtk_application_get_windows (GTK_APPLICATION (app))) != NULL)
    gtk_window_destroy (windows->data);
  iterate_main_loop ();
}

static void
test_start_page (void)
{
  MapscopeWindow *window;

  g_application_activate (G_APPLICATION (app));
  window = get_window ();
  iterate_main_loop ();

  g_assert_cmpuint (n_snapshots (window), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->main_stack), ==, "start");
  g_assert_false (gtk_widget_get_visible (window->sidebar_button));
  g_assert_false (gtk_widget_get_visible (window->follow_button));
  g_assert_false (adw_view_switcher_title_get_view_switcher_enabled (window->switcher_title));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "close-snapshot"));

  close_windows ();
}

static void
test_open_timeline (void)
{
  static const char * const names[] = { "python-leak-timeline.log", NULL };
  MapscopeWindow *window = open_fixtures (names, "");
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

  close_windows ();
}

/* The first of @widget and its descendants for which @matches is TRUE. */
static GtkWidget *
find_descendant (GtkWidget  *widget,
                 gboolean  (*matches) (GtkWidget *, const char *),
                 const char *key)
{
  if (matches (widget, key))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, matches, key);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
has_name (GtkWidget  *widget,
          const char *name)
{
  return g_strcmp0 (gtk_widget_get_name (widget), name) == 0;
}

static GtkWidget *
find_by_name (GtkWidget  *widget,
              const char *name)
{
  return find_descendant (widget, has_name, name);
}

/* At the default window size, the sidebar shows a timeline's file name
 * whole, on one line (it used to read "python-le… eline.log"). */
static void
test_sidebar_names_readable (void)
{
  static const char * const names[] = { "python-leak-timeline.log", NULL };
  MapscopeWindow *window = open_fixtures (names, "");
  GtkWidget *row;
  GtkLabel *title;
  PangoLayout *layout;

  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  iterate_main_loop ();

  row = GTK_WIDGET (gtk_list_box_get_row_at_index (window->snapshot_list, 0));
  title = GTK_LABEL (find_descendant (row, gtk_widget_has_css_class, "snapshot-title"));
  g_assert_nonnull (title);
  g_assert_cmpstr (gtk_label_get_label (title), ==, "python-leak-timeline.log");
  layout = gtk_label_get_layout (title);
  g_assert_false (pango_layout_is_ellipsized (layout));
  g_assert_cmpint (pango_layout_get_line_count (layout), ==, 1);

  close_windows ();
}

static void
test_bad_file_keeps_snapshots (void)
{
  static const char * const names[] = { "python-leak-timeline.log", NULL };
  static const char garbage[] = "this is not a memory map\n\x01\x02\x03 at all\n";
  MapscopeWindow *window = open_fixtures (names, "");
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) bad = NULL;
  g_autofree char *path = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *toast = NULL;
  int fd;

  g_assert_cmpuint (n_snapshots (window), ==, 5);
  g_assert_null (dup_toast_text (window));

  fd = g_file_open_tmp ("mapscope-garbage-XXXXXX.smaps", &path, &error);
  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (path, garbage, sizeof garbage - 1, &error);
  g_assert_no_error (error);

  bad = g_file_new_for_path (path);
  g_application_open (G_APPLICATION (app), &bad, 1, "");
  wait_for_loading (window);

  /* What was loaded stays, and a toast names the file. */
  g_assert_cmpuint (n_snapshots (window), ==, 5);
  g_assert_cmpuint (n_sidebar_rows (window), ==, 5);
  toast = dup_toast_text (window);
  g_assert_nonnull (toast);
  basename = g_path_get_basename (path);
  g_assert_nonnull (strstr (toast, basename));

  g_unlink (path);
  close_windows ();
}

static void
test_drop_two_files (void)
{
  g_autoptr(GFile) zoo = fixture_file ("zoo.smaps");
  g_autoptr(GFile) sleep = fixture_file ("sleep.pmap-XX");
  GFile *files[2] = { zoo, sleep };
  g_auto(GValue) value = G_VALUE_INIT;
  GtkDropTarget *target;
  MapscopeWindow *window;
  gboolean accepted = FALSE;

  g_application_activate (G_APPLICATION (app));
  window = get_window ();
  target = find_file_drop_target (GTK_WIDGET (window));
  g_assert_nonnull (target);

  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_array (files, 2));
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &accepted);
  g_assert_true (accepted);
  wait_for_loading (window);

  g_assert_cmpuint (n_snapshots (window), ==, 2);
  g_assert_cmpuint (n_sidebar_rows (window), ==, 2);
  /* In the order they were dropped. */
  g_assert_true (g_str_has_suffix (mapscope_snapshot_get_source (nth_snapshot (window, 0)), "zoo.smaps"));
  g_assert_true (g_str_has_suffix (mapscope_snapshot_get_source (nth_snapshot (window, 1)), "sleep.pmap-XX"));

  close_windows ();
}

static void
test_demo (void)
{
  MapscopeWindow *window;
  MapscopeWorkspace *workspace;

  g_action_group_activate_action (G_ACTION_GROUP (app), "demo", NULL);
  window = get_window ();
  wait_for_loading (window);
  workspace = mapscope_window_get_workspace (window);

  /* The timeline (5) and zoo.smaps (1); first against last of the timeline. */
  g_assert_cmpuint (n_snapshots (window), ==, 6);
  g_assert_true (mapscope_workspace_get_baseline (workspace) == nth_snapshot (window, 0));
  g_assert_true (mapscope_workspace_get_current (workspace) == nth_snapshot (window, 4));
  g_assert_true (gtk_widget_get_visible (window->follow_button));

  close_windows ();
}

static void
test_close_and_undo (void)
{
  static const char * const names[] = { "python-leak-timeline.log", NULL };
  MapscopeWindow *window = open_fixtures (names, "");
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
  iterate_main_loop ();
  g_assert_cmpuint (n_snapshots (window), ==, 5);
  g_assert_true (mapscope_workspace_get_current (workspace) == closed);

  close_windows ();
}

static void
test_refresh_replaces (void)
{
  g_autoptr(GFile) source = fixture_file ("zoo.smaps");
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
  window = get_window ();
  wait_for_loading (window);
  workspace = mapscope_window_get_workspace (window);
  before = mapscope_workspace_get_current (workspace);
  g_assert_nonnull (before);

  g_action_group_activate_action (G_ACTION_GROUP (window), "refresh", NULL);
  wait_for_loading (window);

  /* Re-read: still one snapshot, a new one, and current. */
  g_assert_cmpuint (n_snapshots (window), ==, 1);
  g_assert_true (mapscope_workspace_get_current (workspace) == nth_snapshot (window, 0));
  g_assert_true (mapscope_workspace_get_current (workspace) != before);

  g_unlink (path);
  g_rmdir (dir);
  close_windows ();
}

/* Counts the distinct colors of the window drawn into an image. */
static guint
count_colors (GtkWidget  *window,
              const char *save_variable)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  g_autoptr(GHashTable) colors = g_hash_table_new (NULL, NULL);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  int width = gtk_widget_get_width (window);
  int height = gtk_widget_get_height (window);
  GskRenderNode *node;
  cairo_surface_t *surface;
  cairo_t *cr;
  const guint8 *data;
  int stride;

  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (surface);
  gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  /* To look at it: MAPSCOPE_TEST_SAVE_WINDOW=window.png, …_PICKER=picker.png */
  if (g_getenv (save_variable) != NULL)
    cairo_surface_write_to_png (surface, g_getenv (save_variable));

  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < height; y++)
    {
      const guint32 *row = (const guint32 *)(data + y * stride);

      for (int x = 0; x < width; x++)
        g_hash_table_add (colors, GUINT_TO_POINTER (row[x]));
    }

  cairo_surface_destroy (surface);
  gsk_render_node_unref (node);
  return g_hash_table_size (colors);
}

static MapscopeProcessPicker *
find_picker (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = g_list_model_get_n_items (toplevels);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (MAPSCOPE_IS_PROCESS_PICKER (window))
        return MAPSCOPE_PROCESS_PICKER (window);
    }
  return NULL;
}

/* Spins until @done returns TRUE, or fails the test after the timeout. */
static void
wait_until (gboolean (*done) (gpointer),
            gpointer   data)
{
  gint64 deadline = g_get_monotonic_time () + LOAD_TIMEOUT_SECONDS * G_USEC_PER_SEC;

  while (!done (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}

static gboolean
picker_lists_us (gpointer data)
{
  GListModel *processes = mapscope_process_picker_get_processes (data);
  guint n = g_list_model_get_n_items (processes);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (processes, i);
      gint pid;

      g_object_get (item, "pid", &pid, NULL);
      if (pid == getpid ())
        {
          gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (processes), i);
          return TRUE;
        }
    }
  return FALSE;
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
  window = get_window ();
  workspace = mapscope_window_get_workspace (window);
  g_action_group_activate_action (G_ACTION_GROUP (window), "pick-process", NULL);
  picker = find_picker ();
  g_assert_nonnull (picker);

  wait_until (picker_lists_us, picker);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (picker));
  g_assert_cmpuint (count_colors (GTK_WIDGET (picker), "MAPSCOPE_TEST_SAVE_PICKER"), >=, 8);

  gtk_widget_activate_action (GTK_WIDGET (picker), "picker.record", NULL);
  wait_until (has_snapshots, window);
  gtk_widget_activate_action (GTK_WIDGET (picker), "picker.stop", NULL);
  wait_until (not_recording, picker);
  recorded = n_snapshots (window);
  g_assert_cmpint (mapscope_snapshot_get_pid (mapscope_workspace_get_baseline (workspace)), ==, getpid ());

  gtk_widget_activate_action (GTK_WIDGET (picker), "picker.capture", NULL);
  while (find_picker () != NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (n_snapshots (window), ==, recorded + 1);
  g_assert_cmpint (mapscope_snapshot_get_pid (mapscope_workspace_get_current (workspace)), ==, getpid ());

  close_windows ();
}

/* Like wait_until, one non-blocking iteration at a time (animations keep
 * the loop busy under the sanitizers); FALSE on timeout. */
static gboolean
poll_until (gboolean (*done) (gpointer),
            gpointer   data,
            guint      timeout_seconds)
{
  gint64 deadline = g_get_monotonic_time () + timeout_seconds * G_USEC_PER_SEC;

  while (!done (data))
    {
      if (g_get_monotonic_time () >= deadline)
        return FALSE;
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
  return TRUE;
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
  MapscopeWindow *window = open_fixtures (names, "");
  MapscopeWorkspace *workspace = mapscope_window_get_workspace (window);
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(MapscopeSnapshot) live = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) state = NULL;
  FollowCheck check = { window, NULL, 1 };
  const char *subtitle;

  g_settings_set_uint (settings, "follow-interval", 1);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (poll_until (window_mapped, window, LOAD_TIMEOUT_SECONDS));

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
  g_assert_true (poll_until (follow_replaced, &check, LOAD_TIMEOUT_SECONDS));

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
  close_windows ();
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
  MapscopeWindow *window = open_fixtures (names, "");
  MapscopeWorkspace *workspace = mapscope_window_get_workspace (window);
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(MapscopeSnapshot) live = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) state = NULL;
  FollowCheck check = { window, NULL, 1 };

  g_settings_set_uint (settings, "follow-interval", 1);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (poll_until (window_mapped, window, LOAD_TIMEOUT_SECONDS));

  live = mapscope_capture_snapshot (getpid (), NULL, &error);
  g_assert_no_error (error);
  mapscope_workspace_insert_snapshot (workspace, live, 1);
  mapscope_workspace_set_current (workspace, live);

  gtk_widget_set_visible (GTK_WIDGET (window), FALSE);
  g_assert_true (poll_until (window_unmapped, window, LOAD_TIMEOUT_SECONDS));
  g_action_group_change_action_state (G_ACTION_GROUP (window), "follow", g_variant_new_boolean (TRUE));
  g_assert_true (_mapscope_window_get_followed (window) == live);

  /* Three ticks of the one-second timer pass: nothing is read (a read
   * would replace the snapshot), yet the window still follows. */
  g_assert_false (poll_until (never, NULL, 3));
  g_assert_true (_mapscope_window_get_followed (window) == live);
  g_assert_true (nth_snapshot (window, 1) == live);
  state = g_action_group_get_action_state (G_ACTION_GROUP (window), "follow");
  g_assert_true (g_variant_get_boolean (state));

  /* Shown again, the next tick reads. */
  gtk_window_present (GTK_WINDOW (window));
  check.first = live;
  g_assert_true (poll_until (follow_replaced, &check, LOAD_TIMEOUT_SECONDS));
  g_assert_cmpint (mapscope_snapshot_get_pid (nth_snapshot (window, 1)), ==, getpid ());

  g_action_group_change_action_state (G_ACTION_GROUP (window), "follow", g_variant_new_boolean (FALSE));
  g_settings_reset (settings, "follow-interval");
  close_windows ();
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = g_list_model_get_n_items (toplevels);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
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

static GtkSpinButton *
find_spin_button (GtkWidget *widget)
{
  if (GTK_IS_SPIN_BUTTON (widget))
    return GTK_SPIN_BUTTON (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkSpinButton *found = find_spin_button (child);

      if (found != NULL)
        return found;
    }
  return NULL;
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
  window = get_window ();
  workspace = mapscope_window_get_workspace (window);
  g_action_group_activate_action (G_ACTION_GROUP (window), "pick-process", NULL);
  picker = find_picker ();
  g_assert_nonnull (picker);
  g_assert_true (poll_until (picker_lists_us, picker, LOAD_TIMEOUT_SECONDS));

  gtk_widget_activate_action (GTK_WIDGET (picker), "picker.working-set", NULL);
  g_assert_true (poll_until (has_message_dialog, NULL, LOAD_TIMEOUT_SECONDS));
  dialog = find_message_dialog ();
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "clear_refs"));
  g_assert_true (adw_message_dialog_has_response (dialog, "cancel"));
  /* Nothing runs before the user agrees. */
  g_assert_cmpuint (n_snapshots (window), ==, 0);

  spin = find_spin_button (adw_message_dialog_get_extra_child (dialog));
  g_assert_nonnull (spin);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (spin), ==, 10);
  gtk_spin_button_set_value (spin, 1);
  adw_message_dialog_response (dialog, "measure");

  g_assert_true (poll_until (picker_closed, NULL, LOAD_TIMEOUT_SECONDS));
  g_assert_cmpuint (n_snapshots (window), ==, 1);
  g_assert_cmpint (mapscope_snapshot_get_pid (mapscope_workspace_get_current (workspace)), ==, getpid ());
  info = mapscope_capture_info_get (mapscope_workspace_get_current (workspace));
  g_assert_nonnull (info);
  g_assert_cmpfloat (info->working_set_seconds, >, 0);

  close_windows ();
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
  g_autofree char *text = dup_toast_text (wait->window);

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
  GtkWidget *widget = find_by_css_name (GTK_WIDGET (dismiss->window->toast_overlay), "toast");
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

  window = open_fixtures (names, "");
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
      wait_for_loading (window);

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

      if (!poll_until (toast_names, &wait, LOAD_TIMEOUT_SECONDS))
        {
          print_labels (GTK_WIDGET (window->toast_overlay));
          g_error ("No toast named %s", inputs[i].name);
        }
      g_test_message ("toast: %s", wait.text);
      g_free (wait.text);
      g_assert_true (poll_until (no_toast, &dismiss, LOAD_TIMEOUT_SECONDS));
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
  close_windows ();
}

static void
test_render_not_blank (void)
{
  static const char * const names[] = { "python-leak-timeline.log", NULL };
  MapscopeWindow *window = open_fixtures (names, "");
  guint n_colors;

  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  iterate_main_loop ();

  /* Text, the selected row, the header bar and the views: far more than a
   * blank or single-colour window. */
  n_colors = count_colors (GTK_WIDGET (window), "MAPSCOPE_TEST_SAVE_WINDOW");
  g_test_message ("%u distinct colors", n_colors);
  g_assert_cmpuint (n_colors, >=, 16);

  close_windows ();
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
  MapscopeWindow *window = open_fixtures (names, "");
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                "win.view::findings");
  g_auto(GStrv) timeline_accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                         "win.view::timeline");
  GtkWidget *findings = find_by_css_name (GTK_WIDGET (window), "findingsview");
  g_autoptr(GSettings) settings = NULL;
  GtkWidget *bar;
  guint n_warnings;

  g_assert_nonnull (findings);
  g_assert_nonnull (find_by_css_name (GTK_WIDGET (window), "timelineview"));
  g_assert_cmpstr (accels[0], ==, "<Alt>5");
  g_assert_cmpstr (timeline_accels[0], ==, "<Alt>4");

  wait_until (findings_computed, findings);
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
  iterate_main_loop ();
  wait_until (findings_computed, findings);
  g_assert_null (find_by_name (findings, "anon-large"));
  g_assert_nonnull (find_by_name (findings, "lib-duplicate"));
  g_settings_reset (settings, "findings-anon-large-mib");
  iterate_main_loop ();
  wait_until (findings_computed, findings);
  g_assert_nonnull (find_by_name (findings, "anon-large"));

  /* Activating a finding goes to the table, restricted to its regions, with
   * the bar above it naming the finding. */
  gtk_widget_activate (find_by_name (findings, "lib-duplicate"));
  iterate_main_loop ();
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (window->view_stack), ==, "regions");
  bar = find_by_css_name (GTK_WIDGET (window->regions_box), "onlyregionsbar");
  g_assert_nonnull (bar);
  g_assert_true (gtk_widget_get_visible (bar));
  g_assert_true (mapscope_region_filter_has_only_regions (
    mapscope_workspace_get_filter (mapscope_window_get_workspace (window))));

  close_windows ();
}

/* Sessions ---------------------------------------------------------------- */

/* What a click on a response button does. */
static void
respond_and_close (AdwMessageDialog *dialog,
                   const char       *response)
{
  adw_message_dialog_response (dialog, response);
  gtk_window_close (GTK_WINDOW (dialog));
  iterate_main_loop ();
}

static GtkLabel *
find_label_with_text (GtkWidget  *widget,
                      const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return GTK_LABEL (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_label_with_text (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_session_save_and_reopen (void)
{
  static const char * const names[] = { "python-leak-timeline.log", NULL };
  static const char note[] = "before the leak";
  g_autofree char *dir = g_dir_make_tmp ("mapscope-app-session-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "leak.mapscope", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  MapscopeWindow *window = open_fixtures (names, "");
  MapscopeWorkspace *workspace = mapscope_window_get_workspace (window);
  AdwMessageDialog *dialog;
  GtkLabel *note_label;

  /* Opened files are not saved in a session yet. */
  g_assert_cmpuint (n_snapshots (window), ==, 5);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "• Unsaved Session");

  /* A note, through the window's action and its dialog. */
  mapscope_workspace_set_current (workspace, nth_snapshot (window, 1));
  g_action_group_activate_action (G_ACTION_GROUP (window), "edit-note", NULL);
  iterate_main_loop ();
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog)), note);
  respond_and_close (dialog, "save");
  g_assert_null (find_message_dialog ());
  g_assert_cmpstr (mapscope_snapshot_get_note (nth_snapshot (window, 1)), ==, note);
  note_label = find_label_with_text (GTK_WIDGET (window->snapshot_list), note);
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
  iterate_main_loop ();
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Save Changes?");
  respond_and_close (dialog, "cancel");
  g_assert_null (find_message_dialog ());
  g_assert_true (get_window () == window);

  /* Discard closes it, and the file keeps what was saved. */
  gtk_window_close (GTK_WINDOW (window));
  iterate_main_loop ();
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  respond_and_close (dialog, "discard");
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));

  /* Opened again like any file: everything is back, nothing unsaved. */
  g_application_open (G_APPLICATION (app), &file, 1, "");
  window = get_window ();
  wait_for_loading (window);
  workspace = mapscope_window_get_workspace (window);
  g_assert_cmpuint (n_snapshots (window), ==, 5);
  g_assert_cmpstr (mapscope_snapshot_get_note (nth_snapshot (window, 1)), ==, note);
  g_assert_true (mapscope_workspace_get_baseline (workspace) == nth_snapshot (window, 0));
  g_assert_true (mapscope_workspace_get_current (workspace) == nth_snapshot (window, 3));
  g_assert_cmpstr (mapscope_region_filter_get_text (mapscope_workspace_get_filter (workspace)), ==, "");
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (window->view_stack), ==, "map");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "leak.mapscope");
  g_assert_false (_mapscope_window_has_unsaved_changes (window));
  note_label = find_label_with_text (GTK_WIDGET (window->snapshot_list), note);
  g_assert_nonnull (note_label);

  /* The note is drawn in the sidebar: text, not an empty box. */
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  iterate_main_loop ();
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (note_label)));
  g_assert_cmpuint (count_colors (GTK_WIDGET (note_label), "MAPSCOPE_TEST_SAVE_NOTE"), >=, 3);

  /* Nothing changed: closing does not ask. */
  gtk_window_close (GTK_WINDOW (window));
  iterate_main_loop ();
  g_assert_null (find_message_dialog ());
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));

  /* A session opened over unsaved snapshots asks: Add keeps both. */
  {
    static const char * const more[] = { "sleep.maps", NULL };

    window = open_fixtures (more, "");
    g_assert_true (_mapscope_window_has_unsaved_changes (window));
    g_application_open (G_APPLICATION (app), &file, 1, "");
    wait_for_loading (window);
    dialog = find_message_dialog ();
    g_assert_nonnull (dialog);
    g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Replace the Open Snapshots?");
    g_assert_cmpuint (n_snapshots (window), ==, 1);
    respond_and_close (dialog, "add");
    g_assert_cmpuint (n_snapshots (window), ==, 6);
    g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "• Unsaved Session");
    close_windows ();
  }

  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  /* Also set by meson; here too for running the binary by hand. */
  g_setenv ("GTK_A11Y", "none", FALSE);
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  g_setenv ("GSETTINGS_BACKEND", "memory", FALSE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  /* Not unique: a running Mapscope must not receive the test's files. */
  app = mapscope_application_new (APPLICATION_ID, G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

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

  close_windows ();
  g_clear_object (&app);
  return status;
}
