/* app-test-util.c: what the tests of the application window share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mapscope-app-config.h"

#include <unistd.h>

#include "app-test-util.h"

/* GTK and libadwaita set up for tests, and the application registered.
 * Not unique: a running Mapscope must not receive the test's files.
 *
 * Returns: (transfer full): the application */
MapscopeApplication *
mapscope_app_test_init (int    *argc,
                        char ***argv)
{
  g_autoptr(GError) error = NULL;
  MapscopeApplication *app;

  mapscope_gtk_test_init (argc, argv);
  app = mapscope_application_new (APPLICATION_ID,
                                  G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  return app;
}

/* Returns: (transfer full): tests/data/real/@name */
GFile *
mapscope_app_test_fixture_file (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "tests", "data", "real", name, NULL);

  return g_file_new_for_path (path);
}

/* Returns: (transfer none): the application's main window; fails the test
 * when there is none */
MapscopeWindow *
mapscope_app_test_get_window (MapscopeApplication *app)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    {
      if (MAPSCOPE_IS_WINDOW (l->data))
        return l->data;
    }
  g_assert_not_reached ();
}

static gboolean
loaded (gpointer window)
{
  return !mapscope_window_get_loading (window);
}

/* Spins the main loop until every file opened in @window is in. The loader
 * ticks while busy, so a blocking iteration always wakes up again. */
void
mapscope_app_test_wait_for_loading (MapscopeWindow *window)
{
  mapscope_gtk_test_wait_until (loaded, window, APP_TEST_TIMEOUT_SECONDS);
  mapscope_gtk_test_iterate ();
}

/* Opens @names (fixtures) the way `mapscope FILE...` does and waits.
 *
 * Returns: (transfer none): the window they opened in */
MapscopeWindow *
mapscope_app_test_open_fixtures (MapscopeApplication *app,
                                 const char * const  *names,
                                 const char          *hint)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  MapscopeWindow *window;

  for (guint i = 0; names[i] != NULL; i++)
    g_ptr_array_add (files, mapscope_app_test_fixture_file (names[i]));
  g_application_open (G_APPLICATION (app), (GFile **)files->pdata, files->len, hint);
  window = mapscope_app_test_get_window (app);
  mapscope_app_test_wait_for_loading (window);
  return window;
}

/* Each test starts without windows, as the application does. */
void
mapscope_app_test_close_windows (MapscopeApplication *app)
{
  GList *windows;

  while ((windows = gtk_application_get_windows (GTK_APPLICATION (app))) != NULL)
    gtk_window_destroy (windows->data);
  mapscope_gtk_test_iterate ();
}

static void
collect_toast_labels (GtkWidget *widget,
                      gboolean   in_toast,
                      GString   *text)
{
  in_toast |= g_strcmp0 (gtk_widget_get_css_name (widget), "toast") == 0;
  if (in_toast && GTK_IS_LABEL (widget))
    g_string_append_printf (text, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_toast_labels (child, in_toast, text);
}

/* Returns: (transfer full) (nullable): the text of the labels of the toasts
 * on screen, one a line, or NULL when no toast is */
char *
mapscope_app_test_dup_toast_text (MapscopeWindow *window)
{
  GtkWidget *overlay = GTK_WIDGET (window->toast_overlay);
  GString *text;

  if (mapscope_gtk_test_find_css_name (overlay, "toast") == NULL)
    return NULL;
  text = g_string_new (NULL);
  collect_toast_labels (overlay, FALSE, text);
  return g_string_free (text, FALSE);
}

/* Selects this test process in @picker's list: FALSE while the list does
 * not show it (yet). */
gboolean
mapscope_app_test_select_self (MapscopeProcessPicker *picker)
{
  GListModel *processes = mapscope_process_picker_get_processes (picker);

  for (guint i = 0; i < g_list_model_get_n_items (processes); i++)
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
