/* mapscope-document.h: one loaded input, with its snapshots and warnings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mapscope-format.h"
#include "mapscope-snapshot.h"

G_BEGIN_DECLS

typedef struct
{
  guint64  line;
  char    *message;
} MapscopeWarning;

/* Called from the thread that loads, with bytes read so far and the total
 * (0 when unknown, as for standard input or compressed data). */
typedef void (*MapscopeProgressFunc) (guint64  bytes_done,
                                      guint64  bytes_total,
                                      gpointer user_data);

#define MAPSCOPE_TYPE_DOCUMENT (mapscope_document_get_type ())

G_DECLARE_FINAL_TYPE (MapscopeDocument, mapscope_document, MAPSCOPE, DOCUMENT, GObject)

MapscopeDocument *mapscope_document_load_path    (const char            *path,
                                                  GCancellable          *cancellable,
                                                  MapscopeProgressFunc   progress,
                                                  gpointer               progress_data,
                                                  GError               **error);
MapscopeDocument *mapscope_document_load_stream  (GInputStream          *stream,
                                                  const char            *source_name,
                                                  guint64                total_size,
                                                  GCancellable          *cancellable,
                                                  MapscopeProgressFunc   progress,
                                                  gpointer               progress_data,
                                                  GError               **error);
MapscopeDocument *mapscope_document_load_data    (const char            *data,
                                                  gsize                  length,
                                                  const char            *source_name,
                                                  GError               **error);

const char       *mapscope_document_get_source   (MapscopeDocument *self);
MapscopeFormat    mapscope_document_get_format   (MapscopeDocument *self);
guint             mapscope_document_get_n_snapshots (MapscopeDocument *self);
MapscopeSnapshot *mapscope_document_get_snapshot (MapscopeDocument *self,
                                                  guint             index);
guint             mapscope_document_get_n_warnings (MapscopeDocument *self);
const MapscopeWarning *mapscope_document_get_warning (MapscopeDocument *self,
                                                      guint             index);
guint64           mapscope_document_get_n_lines  (MapscopeDocument *self);

typedef struct _MapscopeSession MapscopeSession;
MapscopeSession  *mapscope_document_get_session  (MapscopeDocument *self);

G_END_DECLS
