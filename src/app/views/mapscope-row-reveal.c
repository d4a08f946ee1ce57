/* mapscope-row-reveal.c: hands a list view its first rows a few per frame
 *
 * A GTK 4.8 list view keeps row widgets for up to 200 rows around its
 * anchor, visible or not, and builds them all in one go when a model
 * grows from a few rows to thousands: for the region table, 2,000 cell
 * widgets made and measured in one frame, a third of a second. Between
 * the model and the view, this puts a GtkSliceListModel whose size grows
 * by ROWS_PER_FRAME each frame until the view holds all the rows it ever
 * keeps alive, then lets everything through. Items pass through
 * unchanged, so positions and item objects are the model's own.
 *
 * Call _mapscope_row_reveal_begin() before a change that may add many
 * rows, and _mapscope_row_reveal_finish() when a row past the revealed
 * ones is needed at once (to select it, say).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mapscope-row-reveal.h"

/* GTK_LIST_VIEW_MAX_LIST_ITEMS in GTK 4.8: rows past it never get
 * widgets in one go */
#define LIVE_ROWS      200
#define ROWS_PER_FRAME 16

struct _MapscopeRowReveal
{
  GtkWidget         *widget;   /* unowned: it owns this */
  GListModel        *model;
  GtkSliceListModel *slice;
  guint              tick_id;
};

/**
 * _mapscope_row_reveal_new:
 * @widget: the view, whose frames pace the reveal
 * @model: (transfer full): the rows
 */
MapscopeRowReveal *
_mapscope_row_reveal_new (GtkWidget  *widget,
                          GListModel *model)
{
  MapscopeRowReveal *self = g_new0 (MapscopeRowReveal, 1);

  self->widget = widget;
  self->model = model;
  self->slice = gtk_slice_list_model_new (g_object_ref (model), 0, G_MAXUINT);
  return self;
}

void
_mapscope_row_reveal_free (MapscopeRowReveal *self)
{
  if (self->tick_id != 0)
    gtk_widget_remove_tick_callback (self->widget, self->tick_id);
  g_object_unref (self->slice);
  g_object_unref (self->model);
  g_free (self);
}

/* Returns: (transfer none): what the view should show */
GListModel *
_mapscope_row_reveal_get_model (MapscopeRowReveal *self)
{
  return G_LIST_MODEL (self->slice);
}

void
_mapscope_row_reveal_finish (MapscopeRowReveal *self)
{
  if (self->tick_id != 0)
    gtk_widget_remove_tick_callback (self->widget, self->tick_id);
  self->tick_id = 0;
  gtk_slice_list_model_set_size (self->slice, G_MAXUINT);
}

gboolean
_mapscope_row_reveal_is_done (MapscopeRowReveal *self)
{
  return gtk_slice_list_model_get_size (self->slice) == G_MAXUINT;
}

static gboolean
reveal_more (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       data)
{
  MapscopeRowReveal *self = data;
  guint size = gtk_slice_list_model_get_size (self->slice) + ROWS_PER_FRAME;

  if (size >= LIVE_ROWS || size >= g_list_model_get_n_items (self->model))
    {
      self->tick_id = 0;
      gtk_slice_list_model_set_size (self->slice, G_MAXUINT);
      return G_SOURCE_REMOVE;
    }
  gtk_slice_list_model_set_size (self->slice, size);
  return G_SOURCE_CONTINUE;
}

void
_mapscope_row_reveal_begin (MapscopeRowReveal *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->slice));

  /* a view holding all the rows it keeps alive builds no more */
  if (shown >= LIVE_ROWS)
    return;
  gtk_slice_list_model_set_size (self->slice, shown + ROWS_PER_FRAME);
  if (self->tick_id == 0)
    self->tick_id = gtk_widget_add_tick_callback (self->widget, reveal_more, self, NULL);
}
