/* mapscope-live-private.h: what the live-process code shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mapscope-process.h"
#include "mapscope-process-source.h"
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
void      _mapscope_process_fill_from_status (MapscopeProcess       *self,
                                              gint                   pid,
                                              char                  *status,
                                              GHashTable            *user_names);
char     *_mapscope_process_join_command_line (const char           *data,
                                               gsize                 len);
gboolean  _mapscope_process_read_rollup (MapscopeProcess           *self,
                                         MapscopeProcessSource     *source,
                                         GError                   **error);

/* mapscope-process-source.c */
MapscopeProcessSource *_mapscope_process_source_choose (const char *flatpak_info_path);
gboolean  _mapscope_process_source_list  (MapscopeProcessSource  *self,
                                          GArray                 *processes,
                                          GHashTable             *user_names,
                                          GError                **error);
gboolean  _mapscope_process_source_spawn (const char * const     *argv,
                                          GCancellable           *cancellable,
                                          GBytes                **out,
                                          char                  **err_text,
                                          gint                   *exit_status,
                                          GError                **error);

/* mapscope-direct-source.c: also the helper source's */
gboolean  _mapscope_direct_read_process   (MapscopeProcessSource  *source,
                                           MapscopeProcess        *process,
                                           gint                    pid,
                                           GHashTable             *user_names,
                                           GError                **error);
gboolean  _mapscope_direct_list_processes (MapscopeProcessSource  *source,
                                           GArray                 *processes,
                                           GHashTable             *user_names,
                                           GError                **error);

/* mapscope-capture.c */
MapscopeSnapshot *_mapscope_capture_from (MapscopeProcessSource *source,
                                          gint              pid,
                                          int               log_fd,
                                          gdouble           working_set_seconds,
                                          GCancellable     *cancellable,
                                          GError          **error);
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
void      _mapscope_capture_set_source_error (GError       **error,
                                              const GError  *failure,
                                              gint           pid,
                                              const char    *name,
                                              MapscopeAccess access);

/* mapscope-timeline.c */
gboolean  _mapscope_sleep_until        (gint64            deadline,
                                        GCancellable     *cancellable,
                                        GError          **error);

G_END_DECLS
