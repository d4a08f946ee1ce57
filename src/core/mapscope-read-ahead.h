/* mapscope-read-ahead.h: reads a stream in chunks, ahead of the parser
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _MapscopeReadAhead MapscopeReadAhead;

MapscopeReadAhead *_mapscope_read_ahead_new  (GInputStream       *input,
                                              gboolean            threaded,
                                              GCancellable       *cancellable);
gssize             _mapscope_read_ahead_next (MapscopeReadAhead  *self,
                                              const char        **data,
                                              GError            **error);
void               _mapscope_read_ahead_free (MapscopeReadAhead  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MapscopeReadAhead, _mapscope_read_ahead_free)

G_END_DECLS
