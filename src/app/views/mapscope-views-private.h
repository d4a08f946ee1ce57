/* mapscope-views-private.h: helpers shared by the views, not installed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "mapscope-workspace.h"

G_BEGIN_DECLS

#define MAPSCOPE_VIEWS_RESOURCE_PREFIX "/io/github/mapscope/Mapscope/views/"

char     *_mapscope_views_format_bytes      (guint64              bytes);
char     *_mapscope_views_format_address    (guint64              address);
char     *_mapscope_views_format_percent    (guint64              part,
                                             guint64              whole,
                                             gboolean             defined);
gboolean  _mapscope_views_swap_workspace    (gpointer             owner,
                                             MapscopeWorkspace  **slot,
                                             MapscopeWorkspace   *workspace);
gboolean  _mapscope_views_is_dark           (void);
void      _mapscope_views_remove_children   (GtkWidget           *container);
void      _mapscope_views_dispose_template  (GtkWidget           *widget,
                                             GType                widget_type);
GtkWidget *_mapscope_views_busy_page        (const char          *title);
GtkWidget *_mapscope_views_value_label      (const char          *text,
                                             gboolean             monospace);

G_END_DECLS
