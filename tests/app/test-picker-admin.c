/* test-picker-admin.c: the process picker's "Read as Administrator"
 *
 * Captures go through a source that is refused every memory map (a host
 * source running tests/app/fake-flatpak-spawn-denied), so the picker must
 * offer to read the process as administrator; that reads through the
 * helper source, with tests/live/fake-pkexec standing in for pkexec and
 * the helper built in this tree.
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
#include "mapscope-helper-source.h"
#include "mapscope-host-source.h"
#include "mapscope-process-picker.h"

#define TIMEOUT_SECONDS 30

typedef struct
{
  MapscopeWorkspace     *workspace;
  MapscopeProcessPicker *picker;
  char                  *log_path;
} Fixture;

static void
run_until (gboolean (*done) (Fixture *),
           Fixture   *fixture)
{
  gint64 deadline = g_get_monotonic_time () + TIMEOUT_SECONDS * G_USEC_PER_SEC;

  while (!done (fixture))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(MapscopeProcessSource) denied = mapscope_host_source_new (FAKE_FLATPAK_SPAWN_DENIED);
  g_autoptr(MapscopeProcessSource) admin = mapscope_helper_source_new (FAKE_PKEXEC,
                                                                      READ_MAPS_HELPER);
  g_autofree char *tmp_dir = g_dir_make_tmp ("mapscope-admin-XXXXXX", NULL);

  fixture->log_path = g_build_filename (tmp_dir, "spawn.log", NULL);
  g_setenv ("FAKE_SPAWN_LOG", fixture->log_path, TRUE);

  fixture->workspace = mapscope_workspace_new ();
  fixture->picker = mapscope_process_picker_new (NULL, fixture->workspace);
  g_object_ref (fixture->picker);
  mapscope_process_picker_set_sources (fixture->picker, denied, admin);
  gtk_window_present (GTK_WINDOW (fixture->picker));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *tmp_dir = g_path_get_dirname (fixture->log_path);

  gtk_window_destroy (GTK_WINDOW (fixture->picker));
  g_clear_object (&fixture->picker);
  g_clear_object (&fixture->workspace);
  g_unsetenv ("FAKE_SPAWN_LOG");
  g_remove (fixture->log_path);
  g_rmdir (tmp_dir);
  g_free (fixture->log_path);
}

static gboolean
lists_us (Fixture *fixture)
{
  return mapscope_app_test_select_self (fixture->picker);
}

static gboolean
is_mapped_message_dialog (GtkWidget     *widget,
                          gconstpointer  data)
{
  return ADW_IS_MESSAGE_DIALOG (widget) && gtk_widget_get_mapped (widget);
}

static AdwMessageDialog *
find_dialog (void)
{
  return (AdwMessageDialog *) mapscope_gtk_test_find_toplevel (is_mapped_message_dialog, NULL);
}

static gboolean
dialog_shown (Fixture *fixture)
{
  return find_dialog () != NULL;
}

/* As a user does: a click on the button of @response. */
static void
click_response (AdwMessageDialog *dialog,
                const char       *response)
{
  const char *label = adw_message_dialog_get_response_label (dialog, response);
  GtkWidget *button = mapscope_gtk_test_find_button (GTK_WIDGET (dialog), label);

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static gboolean
dialog_closed (Fixture *fixture)
{
  return find_dialog () == NULL;
}

static gboolean
captured (Fixture *fixture)
{
  return mapscope_workspace_get_current (fixture->workspace) != NULL;
}

/* How many pixels of @widget are clearly blue, as the accent color of a
 * suggested response's label is, in its right half (where that response
 * is) and in its left half. */
static void
count_blue_pixels (GtkWidget *widget,
                   guint     *left,
                   guint     *right)
{
  cairo_surface_t *surface = mapscope_gtk_test_render_paintable (widget, FALSE);
  int width = gtk_widget_get_width (widget);
  const guint8 *data;
  int stride;

  *left = *right = 0;
  /* Nothing to draw yet: the dialog is still fading in. */
  if (surface == NULL)
    return;
  mapscope_gtk_test_save_if_asked (surface, "MAPSCOPE_TEST_SAVE_ADMIN_DIALOG");

  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < cairo_image_surface_get_height (surface); y++)
    {
      const guint32 *row = (const guint32 *)(data + y * stride);

      for (int x = 0; x < width; x++)
        {
          guint r = (row[x] >> 16) & 0xff, g = (row[x] >> 8) & 0xff, b = row[x] & 0xff;

          if ((int)b - (int)r > 80 && (int)b - (int)g > 30)
            (*(x < width / 2 ? left : right))++;
        }
    }
  cairo_surface_destroy (surface);
}

static gboolean
suggested_response_drawn (Fixture *fixture)
{
  guint left;
  guint right;

  count_blue_pixels (GTK_WIDGET (find_dialog ()), &left, &right);
  return right > 100 && left == 0;
}

static char *
read_log (Fixture *fixture)
{
  char *text = NULL;

  if (!g_file_get_contents (fixture->log_path, &text, NULL, NULL))
    return g_strdup ("");
  return text;
}

/* A capture refused for permission offers the helper, whose capture lands
 * in the workspace. */
static AdwMessageDialog *
capture_until_offered (Fixture *fixture)
{
  AdwMessageDialog *dialog;

  run_until (lists_us, fixture);
  gtk_widget_activate_action (GTK_WIDGET (fixture->picker), "picker.capture", NULL);
  run_until (dialog_shown, fixture);
  dialog = find_dialog ();

  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Permission Denied");
  g_assert_true (g_str_has_prefix (adw_message_dialog_get_body (dialog),
                                   "Cannot read the memory map of process "));
  g_assert_cmpstr (adw_message_dialog_get_response_label (dialog, "read-as-admin"), ==,
                   "Read as _Administrator");
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "read-as-admin");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));
  /* The suggested response, on the right, is drawn in the accent color. */
  run_until (suggested_response_drawn, fixture);

  return dialog;
}

static void
test_read_as_admin (Fixture       *fixture,
                    gconstpointer  data)
{
  AdwMessageDialog *dialog = capture_until_offered (fixture);
  g_autofree char *log = NULL;
  g_autofree char *helper_run = NULL;
  MapscopeSnapshot *snapshot;

  click_response (dialog, "read-as-admin");
  run_until (captured, fixture);

  snapshot = mapscope_workspace_get_current (fixture->workspace);
  g_assert_cmpint (mapscope_snapshot_get_pid (snapshot), ==, getpid ());
  g_assert_cmpuint (mapscope_snapshot_get_n_regions (snapshot), >, 10);

  log = read_log (fixture);
  helper_run = g_strdup_printf ("%s %d smaps\n", READ_MAPS_HELPER, getpid ());
  g_assert_nonnull (strstr (log, helper_run));
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  AdwMessageDialog *dialog = capture_until_offered (fixture);
  g_autofree char *log = NULL;

  click_response (dialog, "cancel");
  run_until (dialog_closed, fixture);
  for (guint i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);

  g_assert_null (mapscope_workspace_get_current (fixture->workspace));
  log = read_log (fixture);
  g_assert_null (strstr (log, READ_MAPS_HELPER));
}

int
main (int   argc,
      char *argv[])
{
  mapscope_gtk_test_init (&argc, &argv);

  g_test_add ("/app/picker/read-as-admin", Fixture, NULL, fixture_set_up, test_read_as_admin,
              fixture_tear_down);
  g_test_add ("/app/picker/read-as-admin-cancel", Fixture, NULL, fixture_set_up, test_cancel,
              fixture_tear_down);

  return g_test_run ();
}
