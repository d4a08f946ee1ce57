/* gtk-test-util.h: what the GTK test programs share
 *
 * Setting up GTK for a test run, spinning the main loop, drawing widgets
 * into images to count their pixels, and finding widgets in a tree.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Setup */

void             mapscope_gtk_test_init              (int          *argc,
                                                      char       ***argv);
GtkWindow       *mapscope_gtk_test_show_in_window    (GtkWidget    *child,
                                                      int           width,
                                                      int           height);

/* The main loop */

void             mapscope_gtk_test_iterate           (void);
void             mapscope_gtk_test_wait_until        (gboolean    (*done) (gpointer),
                                                      gpointer      data,
                                                      guint         timeout_seconds);
gboolean         mapscope_gtk_test_poll_until        (gboolean    (*done) (gpointer),
                                                      gpointer      data,
                                                      guint         timeout_seconds);

/* Pixels */

cairo_surface_t *mapscope_gtk_test_draw_node         (GskRenderNode *node,
                                                      int            width,
                                                      int            height,
                                                      gboolean       on_white);
cairo_surface_t *mapscope_gtk_test_render_snapshot   (GtkWidget     *widget);
cairo_surface_t *mapscope_gtk_test_render_paintable  (GtkWidget     *widget,
                                                      gboolean       on_white);
void             mapscope_gtk_test_save_if_asked     (cairo_surface_t *surface,
                                                      const char      *variable);
guint            mapscope_gtk_test_count_distinct    (cairo_surface_t *surface);
guint            mapscope_gtk_test_count_color       (cairo_surface_t *surface,
                                                      double           red,
                                                      double           green,
                                                      double           blue);

/* Finding widgets */

typedef gboolean (*MapscopeGtkTestMatch) (GtkWidget     *widget,
                                          gconstpointer  data);

GtkWidget          *mapscope_gtk_test_find            (GtkWidget            *root,
                                                       MapscopeGtkTestMatch  match,
                                                       gconstpointer         data);
GtkWidget          *mapscope_gtk_test_find_css_name   (GtkWidget            *root,
                                                       const char           *css_name);
GtkWidget          *mapscope_gtk_test_find_button     (GtkWidget            *root,
                                                       const char           *label);
GtkWidget          *mapscope_gtk_test_find_label      (GtkWidget            *root,
                                                       const char           *text);
GtkWidget          *mapscope_gtk_test_find_nth        (GtkWidget            *root,
                                                       GType                 type,
                                                       guint                 index);
GtkWindow          *mapscope_gtk_test_find_toplevel   (MapscopeGtkTestMatch  match,
                                                       gconstpointer         data);
GtkEventController *mapscope_gtk_test_find_controller (GtkWidget            *widget,
                                                       GType                 type);

G_END_DECLS
