/* mapscope-window-dnd.c: files dropped anywhere on the window are opened
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mapscope-app-config.h"

#include "mapscope-window-private.h"

static gboolean
drop_target_drop (GtkDropTarget  *target,
                  const GValue   *value,
                  double          x,
                  double          y,
                  MapscopeWindow *self)
{
  g_autoptr(GPtrArray) files = NULL;
  GSList *list;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  list = gdk_file_list_get_files (g_value_get_boxed (value));
  files = g_ptr_array_new ();
  for (GSList *l = list; l != NULL; l = l->next)
    g_ptr_array_add (files, l->data);
  g_slist_free (list);

  if (files->len == 0)
    return FALSE;

  mapscope_window_open_files (self, (GFile **)files->pdata, files->len, MAPSCOPE_OPEN_NONE);
  return TRUE;
}

void
_mapscope_window_init_dnd (MapscopeWindow *self)
{
  GtkDropTarget *target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  /* On the toast overlay rather than the window, so that its :drop(active)
   * highlight (style.css) covers the content and not the window's shadow. */
  g_signal_connect_object (target, "drop", G_CALLBACK (drop_target_drop), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->toast_overlay), GTK_EVENT_CONTROLLER (target));
}
