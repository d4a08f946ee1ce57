/* gtk-test-util.c: what the GTK test programs share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "gtk-test-util.h"

/* Setup */

/* gtk_test_init and adw_init, in the environment the tests need: no
 * accessibility bus (without a session bus gtk_test_init would turn its
 * warning into a crash), the Cairo renderer for repeatable pixels, X11
 * under Xvfb, and settings that are never written to disk. Meson sets
 * these too; here for running a test program by hand. */
void
mapscope_gtk_test_init (int    *argc,
                        char ***argv)
{
  g_setenv ("GTK_A11Y", "none", TRUE);
  g_setenv ("GSK_RENDERER", "cairo", TRUE);
  g_setenv ("GDK_BACKEND", "x11", FALSE);
  g_setenv ("GSETTINGS_BACKEND", "memory", FALSE);

  gtk_test_init (argc, argv, NULL);
  adw_init ();
}

/* Returns: (transfer none): a new window of @width × @height holding
 * @child, presented and drawn once; gtk_window_destroy() it */
GtkWindow *
mapscope_gtk_test_show_in_window (GtkWidget *child,
                                  int        width,
                                  int        height)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  gtk_window_set_default_size (window, width, height);
  gtk_window_set_child (window, child);
  gtk_window_present (window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  mapscope_gtk_test_iterate ();
  return window;
}

/* The main loop */

/* Runs what is pending, without blocking. */
void
mapscope_gtk_test_iterate (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

/* Spins until @done returns TRUE; fails the test after @timeout_seconds.
 * Blocking iterations: something must be bound to wake the loop. */
void
mapscope_gtk_test_wait_until (gboolean (*done) (gpointer),
                              gpointer   data,
                              guint      timeout_seconds)
{
  gint64 deadline = g_get_monotonic_time () + timeout_seconds * G_USEC_PER_SEC;

  while (!done (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}

/* Like mapscope_gtk_test_wait_until, one non-blocking iteration at a time
 * (animations keep the loop busy under the sanitizers); FALSE on timeout. */
gboolean
mapscope_gtk_test_poll_until (gboolean (*done) (gpointer),
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

/* Pixels */

/* Returns: (transfer full): @node drawn into a new ARGB32 image, over
 * opaque white if @on_white, else over transparent black */
cairo_surface_t *
mapscope_gtk_test_draw_node (GskRenderNode *node,
                             int            width,
                             int            height,
                             gboolean       on_white)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);

  if (on_white)
    {
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
    }
  if (node != NULL)
    gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

/* Returns: (transfer full): the widget's own drawing, called directly: a
 * GtkWidgetPaintable shows the last frame GTK drew, which may predate the
 * change under test. */
cairo_surface_t *
mapscope_gtk_test_render_snapshot (GtkWidget *widget)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;

  GTK_WIDGET_GET_CLASS (widget)->snapshot (widget, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  return mapscope_gtk_test_draw_node (node, gtk_widget_get_width (widget),
                                      gtk_widget_get_height (widget), FALSE);
}

/* Returns: (transfer full) (nullable): the last frame GTK drew of @widget
 * and its children, or NULL when it drew nothing (yet) */
cairo_surface_t *
mapscope_gtk_test_render_paintable (GtkWidget *widget,
                                    gboolean   on_white)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(GskRenderNode) node = NULL;

  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    return NULL;
  return mapscope_gtk_test_draw_node (node, width, height, on_white);
}

/* To look at an image a test drew: MAPSCOPE_TEST_SAVE_…=file.png */
void
mapscope_gtk_test_save_if_asked (cairo_surface_t *surface,
                                 const char      *variable)
{
  if (g_getenv (variable) != NULL)
    cairo_surface_write_to_png (surface, g_getenv (variable));
}

guint
mapscope_gtk_test_count_distinct (cairo_surface_t *surface)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);

  for (int y = 0; y < cairo_image_surface_get_height (surface); y++)
    for (int x = 0; x < cairo_image_surface_get_width (surface); x++)
      g_hash_table_add (seen, GUINT_TO_POINTER (((const guint32 *)(data + y * stride))[x]));
  return g_hash_table_size (seen);
}

/* The opaque pixels within 2 of (@red, @green, @blue) in each channel. */
guint
mapscope_gtk_test_count_color (cairo_surface_t *surface,
                               double           red,
                               double           green,
                               double           blue)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint count = 0;

  for (int y = 0; y < cairo_image_surface_get_height (surface); y++)
    for (int x = 0; x < cairo_image_surface_get_width (surface); x++)
      {
        guint32 pixel = ((const guint32 *)(data + y * stride))[x];

        count += (pixel >> 24) == 0xff &&
                 ABS ((int)((pixel >> 16) & 0xff) - (int)(red * 255 + 0.5)) <= 2 &&
                 ABS ((int)((pixel >> 8) & 0xff) - (int)(green * 255 + 0.5)) <= 2 &&
                 ABS ((int)(pixel & 0xff) - (int)(blue * 255 + 0.5)) <= 2;
      }
  return count;
}

/* Finding widgets */

/* Returns: (transfer none) (nullable): the first widget under @root, itself
 * included, in tree order, that @match accepts */
GtkWidget *
mapscope_gtk_test_find (GtkWidget            *root,
                        MapscopeGtkTestMatch  match,
                        gconstpointer         data)
{
  if (match (root, data))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = mapscope_gtk_test_find (child, match, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
has_css_name (GtkWidget     *widget,
              gconstpointer  css_name)
{
  return g_strcmp0 (gtk_widget_get_css_name (widget), css_name) == 0;
}

GtkWidget *
mapscope_gtk_test_find_css_name (GtkWidget  *root,
                                 const char *css_name)
{
  return mapscope_gtk_test_find (root, has_css_name, css_name);
}

static gboolean
is_button_with_label (GtkWidget     *widget,
                      gconstpointer  label)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

GtkWidget *
mapscope_gtk_test_find_button (GtkWidget  *root,
                               const char *label)
{
  return mapscope_gtk_test_find (root, is_button_with_label, label);
}

static gboolean
is_label_with_text (GtkWidget     *widget,
                    gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

/* Returns: (transfer none) (nullable): the first label under @root whose
 * text (without markup or mnemonic) is @text */
GtkWidget *
mapscope_gtk_test_find_label (GtkWidget  *root,
                              const char *text)
{
  return mapscope_gtk_test_find (root, is_label_with_text, text);
}

typedef struct
{
  GType type;
  guint index;
  guint seen;
} NthOfType;

static gboolean
is_nth_of_type (GtkWidget     *widget,
                gconstpointer  data)
{
  NthOfType *nth = (NthOfType *) data;

  return G_TYPE_CHECK_INSTANCE_TYPE (widget, nth->type) && nth->seen++ == nth->index;
}

/* Returns: (transfer none) (nullable): the @index-th widget of @type under
 * @root, in tree order */
GtkWidget *
mapscope_gtk_test_find_nth (GtkWidget *root,
                            GType      type,
                            guint      index)
{
  NthOfType nth = { type, index, 0 };

  return mapscope_gtk_test_find (root, is_nth_of_type, &nth);
}

/* Returns: (transfer none) (nullable): the first toplevel @match accepts */
GtkWindow *
mapscope_gtk_test_find_toplevel (MapscopeGtkTestMatch match,
                                 gconstpointer        data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (match (GTK_WIDGET (window), data))
        return window;  /* GTK keeps it alive */
    }
  return NULL;
}

/* Returns: (transfer none): the first controller of @type on @widget; fails
 * the test when there is none */
GtkEventController *
mapscope_gtk_test_find_controller (GtkWidget *widget,
                                   GType      type)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (controller, type))
        return controller;  /* the widget keeps it alive */
    }
  g_error ("no %s on %s", g_type_name (type), G_OBJECT_TYPE_NAME (widget));
}
