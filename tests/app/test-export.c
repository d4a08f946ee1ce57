/* test-export.c: the window's Export menu and the Collection Commands
 * dialog, driven through the real window under Xvfb (the save dialog is
 * bypassed through the window's test hook)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mapscope-app-config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "app-test-util.h"
#include "mapscope-collect-commands.h"
#include "mapscope-commands-dialog.h"

static MapscopeApplication *app;
static char *tmp_dir;

static MapscopeWindow *
open_timeline (void)
{
  static const char * const names[] = { "python-leak-timeline.log", NULL };

  return mapscope_app_test_open_fixtures (app, names, "");
}

static gboolean
export_finished (gpointer window)
{
  return !_mapscope_window_get_exporting (window);
}

/* Exports are written in a thread: waits until the toast is up. */
static void
wait_for_export (MapscopeWindow *window)
{
  mapscope_gtk_test_wait_until (export_finished, window, 60);
  mapscope_gtk_test_iterate ();
}

static char *
export (MapscopeWindow *window,
        const char     *action,
        const char     *name,
        gboolean        anonymize)
{
  g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
  g_autofree char *toasts = NULL;
  char *contents = NULL;

  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), action));
  _mapscope_window_set_export_target (window, path, anonymize);
  g_action_group_activate_action (G_ACTION_GROUP (window), action, NULL);
  /* written in a thread, one export at a time: the window does not wait */
  g_assert_true (_mapscope_window_get_exporting (window));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), action));
  wait_for_export (window);
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), action));

  toasts = mapscope_app_test_dup_toast_text (window);
  g_test_message ("toasts: %s", toasts);
  if (g_file_get_contents (path, &contents, NULL, NULL))
    {
      g_autofree char *saved = g_strdup_printf ("Saved “%s”", name);

      g_assert_nonnull (toasts);
      g_assert_nonnull (strstr (toasts, saved));
      g_assert_cmpint (g_unlink (path), ==, 0);
    }
  return contents;
}

static guint
count_lines (const char *text,
             const char *end)
{
  guint n = 0;

  for (const char *p = text; (p = strstr (p, end)) != NULL; p += strlen (end))
    n++;
  return n;
}

static JsonObject *
parse_object (JsonParser *parser,
              const char *text)
{
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (text);
  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

static void
test_export_menu (void)
{
  MapscopeWindow *window = open_timeline ();
  MapscopeWorkspace *workspace = mapscope_window_get_workspace (window);
  MapscopeSnapshot *current = mapscope_workspace_get_current (workspace);
  GListModel *snapshots = mapscope_workspace_get_snapshots (workspace);
  g_autoptr(MapscopeSnapshot) first = g_list_model_get_item (snapshots, 0);
  guint n_regions = mapscope_snapshot_get_n_regions (current);
  guint n_anonymous = 0;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *csv = NULL;
  g_autofree char *filtered = NULL;
  g_autofree char *regions = NULL;
  g_autofree char *diff = NULL;
  g_autofree char *report = NULL;
  g_autofree char *findings = NULL;
  g_autofree char *missing = g_build_filename (tmp_dir, "no-such-dir", "x.csv", NULL);
  g_autofree char *toasts = NULL;

  g_assert_nonnull (current);
  for (guint i = 0; i < n_regions; i++)
    n_anonymous += mapscope_snapshot_get_region (current, i)->category == MAPSCOPE_CATEGORY_ANONYMOUS;
  g_assert_cmpuint (n_anonymous, >, 0);

  /* No baseline, no diff */
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "export-diff-json"));

  csv = export (window, "export-regions-csv", "regions.csv", FALSE);
  g_assert_true (g_str_has_prefix (csv, "start,end,perms,"));
  g_assert_cmpuint (count_lines (csv, "\r\n"), ==, n_regions + 1);

  /* The filtered view is what is exported */
  mapscope_region_filter_set_category_shown (mapscope_workspace_get_filter (workspace),
                                             MAPSCOPE_CATEGORY_ANONYMOUS, FALSE);
  filtered = export (window, "export-regions-csv", "filtered.csv", FALSE);
  g_assert_cmpuint (count_lines (filtered, "\r\n"), ==, n_regions - n_anonymous + 1);
  regions = export (window, "export-regions-json", "regions.json", FALSE);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (parse_object (parser, regions),
                                                                         "regions")),
                    ==, n_regions - n_anonymous);
  mapscope_region_filter_reset (mapscope_workspace_get_filter (workspace));

  /* With a baseline: the diff, and findings over both */
  mapscope_workspace_set_baseline (workspace, first);
  mapscope_gtk_test_iterate ();
  diff = export (window, "export-diff-json", "diff.json", FALSE);
  g_assert_true (json_object_has_member (parse_object (parser, diff), "totals_delta"));
  findings = export (window, "export-findings-json", "findings.json", FALSE);
  g_assert_true (json_object_has_member (parse_object (parser, findings), "severity"));

  report = export (window, "export-report", "report.html", TRUE);
  g_assert_true (g_str_has_prefix (report, "<!DOCTYPE html>"));
  g_assert_nonnull (strstr (report, "<h1>Memory diff of "));
  g_assert_nonnull (strstr (report, "<svg"));
  g_assert_nonnull (strstr (report, "replaced by USER and HOST"));

  /* A file that cannot be written: an error toast, no crash */
  _mapscope_window_set_export_target (window, missing, FALSE);
  g_action_group_activate_action (G_ACTION_GROUP (window), "export-summary-json", NULL);
  wait_for_export (window);
  toasts = mapscope_app_test_dup_toast_text (window);
  g_assert_nonnull (toasts);
  g_assert_nonnull (strstr (toasts, "Could not save “x.csv”"));

  mapscope_app_test_close_windows (app);
}

static gboolean
is_commands_dialog (GtkWidget     *widget,
                    gconstpointer  data)
{
  return g_strcmp0 (gtk_window_get_title (GTK_WINDOW (widget)), "Collection Commands") == 0;
}

static GtkWindow *
find_commands_dialog (void)
{
  return mapscope_gtk_test_find_toplevel (is_commands_dialog, NULL);
}

static gpointer
nth_widget (GtkWindow *root,
            GType      type,
            guint      index)
{
  GtkWidget *found = mapscope_gtk_test_find_nth (GTK_WIDGET (root), type, index);

  g_assert_nonnull (found);
  return found;
}

/* Dark pixels of @widget drawn into an image: the commands' text.
 * To look at it: MAPSCOPE_TEST_SAVE_COMMANDS=commands.png */
static guint
count_dark_pixels (GtkWidget *widget)
{
  cairo_surface_t *surface = mapscope_gtk_test_render_paintable (widget, TRUE);
  const guint8 *data;
  int stride;
  guint n_dark = 0;

  /* Nothing drawn at all */
  if (surface == NULL)
    return 0;
  mapscope_gtk_test_save_if_asked (surface, "MAPSCOPE_TEST_SAVE_COMMANDS");

  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < cairo_image_surface_get_height (surface); y++)
    {
      const guint32 *row = (const guint32 *)(data + y * stride);

      for (int x = 0; x < cairo_image_surface_get_width (surface); x++)
        n_dark += ((row[x] >> 16) & 0xff) + ((row[x] >> 8) & 0xff) + (row[x] & 0xff) < 3 * 96;
    }
  cairo_surface_destroy (surface);
  return n_dark;
}

static void
clipboard_text_read (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  char **text = user_data;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);
  if (*text == NULL)
    *text = g_strdup ("");
}

static void
test_commands_dialog (void)
{
  MapscopeWindow *window = open_timeline ();
  MapscopeCollectOptions options;
  g_autofree char *expected = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *copied = NULL;
  GtkWindow *dialog;
  GtkEditable *process_row;
  GtkTextView *view;
  GtkWidget *hint;
  gint64 deadline = g_get_monotonic_time () + APP_TEST_TIMEOUT_SECONDS * G_USEC_PER_SEC;

  g_action_group_activate_action (G_ACTION_GROUP (window), "collection-commands", NULL);
  mapscope_gtk_test_iterate ();
  dialog = find_commands_dialog ();
  g_assert_nonnull (dialog);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));

  /* Entry rows: the process, then the ssh host; switches in order */
  process_row = GTK_EDITABLE (nth_widget (dialog, ADW_TYPE_ENTRY_ROW, 0));
  view = GTK_TEXT_VIEW (nth_widget (dialog, GTK_TYPE_TEXT_VIEW, 0));

  /* Nothing to capture yet: no commands, nothing drawn in the view */
  gtk_editable_set_text (process_row, "");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));
  shown = mapscope_commands_dialog_dup_text (dialog);
  g_assert_cmpstr (shown, ==, "");
  g_assert_cmpuint (count_dark_pixels (GTK_WIDGET (view)), ==, 0);
  g_clear_pointer (&shown, g_free);
  /* What is missing is said as a hint, not in an error's red: the user has
   * done nothing wrong yet. */
  hint = mapscope_gtk_test_find_label (GTK_WIDGET (dialog),
                                       "Enter the ID or the name of the process to capture.");
  g_assert_nonnull (hint);
  g_assert_true (gtk_widget_get_visible (hint));
  g_assert_true (gtk_widget_has_css_class (hint, "dim-label"));
  g_assert_false (gtk_widget_has_css_class (hint, "error"));

  /* A name, a timeline, gzip and an ssh host: the core generator's text */
  gtk_editable_set_text (process_row, "postgres");
  gtk_spin_button_set_value (nth_widget (dialog, GTK_TYPE_SPIN_BUTTON, 0), 4);
  gtk_spin_button_set_value (nth_widget (dialog, GTK_TYPE_SPIN_BUTTON, 1), 10);
  gtk_switch_set_active (nth_widget (dialog, GTK_TYPE_SWITCH, 3), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (nth_widget (dialog, ADW_TYPE_ENTRY_ROW, 1)), "db1");

  mapscope_collect_options_init (&options);
  options.name = "postgres";
  options.count = 4;
  options.interval = 10;
  options.gzip = TRUE;
  options.ssh_host = "db1";
  expected = mapscope_collect_commands_generate (&options, NULL);
  shown = mapscope_commands_dialog_dup_text (dialog);
  g_assert_cmpstr (shown, ==, expected);

  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));
  g_assert_cmpuint (count_dark_pixels (GTK_WIDGET (view)), >, 500);
  count_dark_pixels (GTK_WIDGET (dialog));

  /* Copy puts exactly that on the clipboard */
  g_signal_emit_by_name (nth_widget (dialog, GTK_TYPE_BUTTON, 0), "clicked");
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (dialog)), NULL,
                                 clipboard_text_read, &copied);
  while (copied == NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_cmpstr (copied, ==, expected);

  gtk_window_destroy (dialog);
  mapscope_app_test_close_windows (app);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  app = mapscope_app_test_init (&argc, &argv);
  tmp_dir = g_dir_make_tmp ("mapscope-app-export-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/app/export/menu", test_export_menu);
  g_test_add_func ("/app/export/commands-dialog", test_commands_dialog);

  status = g_test_run ();

  mapscope_app_test_close_windows (app);
  g_rmdir (tmp_dir);
  g_free (tmp_dir);
  g_clear_object (&app);
  return status;
}
