/* mapscope-live-private.h: what the live-process code shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mapscope-process.h"
#include "mapscope-snapshot.h"

G_BEGIN_DECLS

/* What was being done to a process when a system call failed, for the error
 * message: each needs a different kind of access. */
typedef enum
{
  MAPSCOPE_ACCESS_READ_INFO,   /* status, cmdline: readable by anyone */
  MAPSCOPE_ACCESS_READ_MAP,    /* smaps, smaps_rollup: ptrace-read access */
  MAPSCOPE_ACCESS_CLEAR_REFS,  /* clear_refs: the owner or root may write */
} MapscopeAccess;

/* mapscope-process.c */
gssize    _mapscope_proc_read_file     (int               dir_fd,
                                        const char       *path,
                                        char             *buf,
                                        gsize             size);
gboolean  _mapscope_process_read_at    (MapscopeProcess  *self,
                                        int               proc_fd,
                                        gint              pid,
                                        GHashTable       *user_names);
GHashTable *_mapscope_user_names_new   (void);

/* mapscope-capture.c */
MapscopeSnapshot *_mapscope_capture    (gint              pid,
                                        int               log_fd,
                                        gdouble           working_set_seconds,
                                        GCancellable     *cancellable,
                                        GError          **error);
void      _mapscope_capture_set_error  (GError          **error,
                                        int               errsv,
                                        gint              pid,
                                        const char       *name,
                                        MapscopeAccess    access);

/* mapscope-timeline.c */
gboolean  _mapscope_sleep_until        (gint64            deadline,
                                        GCancellable     *cancellable,
                                        GError          **error);

G_END_DECLS
