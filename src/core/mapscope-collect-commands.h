/* mapscope-collect-commands.h: shell commands that capture memory maps on a
 * machine where Mapscope is not installed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MAPSCOPE_COLLECT_ERROR (mapscope_collect_error_quark ())

typedef enum
{
  MAPSCOPE_COLLECT_ERROR_FAILED,
  MAPSCOPE_COLLECT_ERROR_INVALID,   /* options that contradict each other or are out of range */
} MapscopeCollectError;

typedef struct
{
  gint        pid;           /* the process, or 0 when @name or @all_rollups says which */
  const char *name;          /* a process name for pgrep -x, or NULL */
  guint       interval;      /* seconds between snapshots of a timeline */
  guint       count;         /* snapshots to take; 0 and 1 both mean one */
  gboolean    pmap;          /* pmap -XX instead of /proc/PID/smaps */
  gboolean    all_rollups;   /* smaps_rollup of every process */
  gboolean    sudo;
  const char *ssh_host;      /* run there through ssh, write the file here; or NULL */
  gboolean    gzip;
  const char *output;        /* the file to write, or NULL for a dated name */
} MapscopeCollectOptions;

GQuark  mapscope_collect_error_quark        (void);
void    mapscope_collect_options_init       (MapscopeCollectOptions       *options);
char   *mapscope_collect_commands_generate  (const MapscopeCollectOptions *options,
                                             GError                      **error);

G_END_DECLS
