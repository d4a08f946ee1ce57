/* screenshots.c: draws the real application window, with the demo loaded,
 * page by page into PNG files (the README's and the metainfo's screenshots).
 * Not a test: build-aux/screenshots runs it under Xvfb.
 *
 *   mapscope-screenshots OUTPUT_DIR
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mapscope-app-config.h"

#include <adwaita.h>

#include "mapscope-application.h"
#include "mapscope-window-private.h"

#define LOAD_TIMEOUT_SECONDS 60

static void
iterate_main_loop (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

/* Lets the start page's crossfade end, workers (findings, map layout)
 * finish and the window redraw. */
static void
settle (MapscopeWindow *window)
{
  gint64 until = g_get_monotonic_time () + G_USEC_PER_SEC / 2;

  gtk_widget_queue_draw (GTK_WIDGET (window));
  while (g_get_monotonic_time () < until || gtk_stack_get_transition_running (window->main_stack))
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  iterate_main_loop ();
}

static MapscopeWindow *
get_window (MapscopeApplication *app)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    {
      if (MAPSCOPE_IS_WINDOW (l->data))
        return l->data;
    }
  g_error ("The application opened no window");
}

static void
save_window (MapscopeWindow *window,
             const char     *dir,
             const char     *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (window));
  g_autofree char *path = g_strdup_printf ("%s/%s.png", dir, name);
  g_autoptr(GskRenderNode) node = NULL;
  GtkSnapshot *snapshot;
  cairo_surface_t *surface;
  cairo_t *cr;
  int width;
  int height;

  settle (window);
  width = gtk_widget_get_width (GTK_WIDGET (window));
  height = gtk_widget_get_height (GTK_WIDGET (window));
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (surface);
  if (node != NULL)
    gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  if (cairo_surface_write_to_png (surface, path) != CAIRO_STATUS_SUCCESS)
    g_error ("Cannot write %s", path);
  cairo_surface_destroy (surface);
  g_print ("%s (%dx%d)\n", path, width, height);
}

static void
show_page (MapscopeWindow *window,
           const char     *page)
{
  g_action_group_activate_action (G_ACTION_GROUP (window), "view", g_variant_new_string (page));
}

int
main (int   argc,
      char *argv[])
{
  static const char * const pages[] = { "regions", "summary", "map", "timeline", "findings" };
  g_autoptr(MapscopeApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  MapscopeWindow *window;
  gint64 deadline;

  g_setenv ("GTK_A11Y", "none", FALSE);
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  g_setenv ("GSETTINGS_BACKEND", "memory", FALSE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  if (argc != 2)
    g_error ("Usage: mapscope-screenshots OUTPUT_DIR");

  app = mapscope_application_new (APPLICATION_ID, G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("%s", error->message);

  g_application_activate (G_APPLICATION (app));
  window = get_window (app);
  gtk_window_present (GTK_WINDOW (window));
  save_window (window, argv[1], "start");

  g_action_group_activate_action (G_ACTION_GROUP (app), "demo", NULL);
  deadline = g_get_monotonic_time () + LOAD_TIMEOUT_SECONDS * G_USEC_PER_SEC;
  while (mapscope_window_get_loading (window))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("The demo did not load");
      g_main_context_iteration (NULL, TRUE);
    }

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      show_page (window, pages[i]);
      save_window (window, argv[1], pages[i]);
    }

  gtk_window_destroy (GTK_WINDOW (window));
  iterate_main_loop ();
  return 0;
}
