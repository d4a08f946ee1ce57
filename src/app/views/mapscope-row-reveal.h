/* mapscope-row-reveal.h: hands a list view its first rows a few per frame
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef struct _MapscopeRowReveal MapscopeRowReveal;

MapscopeRowReveal *_mapscope_row_reveal_new       (GtkWidget         *widget,
                                                   GListModel        *model);
void               _mapscope_row_reveal_free      (MapscopeRowReveal *self);
GListModel        *_mapscope_row_reveal_get_model (MapscopeRowReveal *self);
void               _mapscope_row_reveal_begin     (MapscopeRowReveal *self);
void               _mapscope_row_reveal_finish    (MapscopeRowReveal *self);
gboolean           _mapscope_row_reveal_is_done   (MapscopeRowReveal *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MapscopeRowReveal, _mapscope_row_reveal_free)

G_END_DECLS
