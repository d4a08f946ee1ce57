/* mapscope-loader.h: loads memory-map files in worker threads, with
 * progress and cancellation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mapscope-document.h"

G_BEGIN_DECLS

#define MAPSCOPE_TYPE_LOADER (mapscope_loader_get_type ())

G_DECLARE_FINAL_TYPE (MapscopeLoader, mapscope_loader, MAPSCOPE, LOADER, GObject)

/* Properties (read-only, with notify, always emitted on the main thread):
 * "busy" (boolean), "fraction" (double: 0..1 over every running load, or -1
 * when some input does not tell its size, e.g. compressed data or /proc) and
 * "text" (what is being loaded, for a progress label). */
MapscopeLoader   *mapscope_loader_new           (void);
void              mapscope_loader_load_async    (MapscopeLoader       *self,
                                                 GFile                *file,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
MapscopeDocument *mapscope_loader_load_finish   (MapscopeLoader       *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);
void              mapscope_loader_cancel_all    (MapscopeLoader       *self);
gboolean          mapscope_loader_get_busy      (MapscopeLoader       *self);
double            mapscope_loader_get_fraction  (MapscopeLoader       *self);
const char       *mapscope_loader_get_text      (MapscopeLoader       *self);

G_END_DECLS
