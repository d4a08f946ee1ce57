/* mapscope-process-source.h: where the files of live processes are read
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mapscope-process.h"

G_BEGIN_DECLS

#define MAPSCOPE_TYPE_PROCESS_SOURCE (mapscope_process_source_get_type ())

G_DECLARE_DERIVABLE_TYPE (MapscopeProcessSource, mapscope_process_source,
                          MAPSCOPE, PROCESS_SOURCE, GObject)

/* How Mapscope reaches the processes it lists and captures:
 *
 * - MapscopeDirectSource reads /proc itself (the usual case);
 * - MapscopeHostSource runs readers on the host through flatpak-spawn, for
 *   the Flatpak sandbox, whose /proc shows only the sandbox's processes;
 * - MapscopeHelperSource reads memory maps through pkexec and the
 *   mapscope-read-maps helper, for processes of other users.
 *
 * read_file() fails with G_IO_ERROR_PERMISSION_DENIED when the process may
 * not be read, G_IO_ERROR_NOT_FOUND when it is gone, and a
 * MAPSCOPE_CAPTURE_ERROR for anything else. read_process() and
 * list_processes() fail with a MAPSCOPE_CAPTURE_ERROR. */
struct _MapscopeProcessSourceClass
{
  GObjectClass parent_class;

  GBytes   *(*read_file)      (MapscopeProcessSource  *self,
                               gint                    pid,
                               const char             *name,
                               GCancellable           *cancellable,
                               GError                **error);
  gboolean  (*read_process)   (MapscopeProcessSource  *self,
                               MapscopeProcess        *process,
                               gint                    pid,
                               GHashTable             *user_names,
                               GError                **error);
  gboolean  (*list_processes) (MapscopeProcessSource  *self,
                               GArray                 *processes,
                               GHashTable             *user_names,
                               GError                **error);
};

MapscopeProcessSource *mapscope_process_source_get_default  (void);
GBytes                *mapscope_process_source_read_file    (MapscopeProcessSource  *self,
                                                             gint                    pid,
                                                             const char             *name,
                                                             GCancellable           *cancellable,
                                                             GError                **error);
MapscopeProcess       *mapscope_process_source_read_process (MapscopeProcessSource  *self,
                                                             gint                    pid,
                                                             GError                **error);

G_END_DECLS
