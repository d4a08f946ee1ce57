/* mapscope-process.h: what the process list knows of one process
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  MAPSCOPE_ROLLUP_NOT_READ,     /* not asked for yet */
  MAPSCOPE_ROLLUP_READ,         /* pss_kb, private_dirty_kb and swap_pss_kb hold it */
  MAPSCOPE_ROLLUP_UNAVAILABLE,  /* asked for, and it could not be read */
} MapscopeRollupState;

typedef struct
{
  gint                 pid;
  gint                 ppid;
  guint                uid;            /* effective uid */
  char                *user;           /* its name, or the uid in decimal */
  char                *name;           /* the kernel's command name, escaped as in status */
  char                *command_line;   /* arguments joined by spaces; "" for kernel threads */
  char                 state;          /* 'R', 'S', 'D', 'Z', ... */
  gboolean             kernel_thread;
  guint                n_threads;
  guint64              rss_kb;
  guint64              swap_kb;

  /* From /proc/PID/smaps_rollup: read only on request, it walks the page tables. */
  MapscopeRollupState  rollup;
  guint64              pss_kb;
  guint64              private_dirty_kb;
  guint64              swap_pss_kb;
} MapscopeProcess;

#define MAPSCOPE_TYPE_PROCESS (mapscope_process_get_type ())

GType            mapscope_process_get_type     (void) G_GNUC_CONST;
MapscopeProcess *mapscope_process_new_for_pid  (gint                   pid,
                                                GError               **error);
MapscopeProcess *mapscope_process_copy         (const MapscopeProcess *self);
void             mapscope_process_free         (MapscopeProcess       *self);
gboolean         mapscope_process_read_rollup  (MapscopeProcess       *self,
                                                GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MapscopeProcess, mapscope_process_free)

G_END_DECLS
