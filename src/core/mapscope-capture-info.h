/* mapscope-capture-info.h: what a live capture knew of its process and host
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mapscope-snapshot.h"

G_BEGIN_DECLS

typedef struct
{
  gint        pid;
  char       *command;         /* the kernel's command name (comm) */
  char       *command_line;    /* arguments joined by spaces */
  char       *executable;      /* target of /proc/PID/exe, or NULL when unreadable */
  GDateTime  *timestamp;       /* UTC, when the read of smaps began */
  char       *kernel_release;  /* uname -r */
  char       *host_name;
  guint       page_size;       /* bytes */
  gdouble     working_set_seconds;  /* > 0: Referenced counts what was touched in this time */
} MapscopeCaptureInfo;

#define MAPSCOPE_TYPE_CAPTURE_INFO (mapscope_capture_info_get_type ())

GType                      mapscope_capture_info_get_type (void) G_GNUC_CONST;
MapscopeCaptureInfo       *mapscope_capture_info_copy     (const MapscopeCaptureInfo *self);
void                       mapscope_capture_info_free     (MapscopeCaptureInfo       *self);
const MapscopeCaptureInfo *mapscope_capture_info_get      (MapscopeSnapshot          *snapshot);
void                       mapscope_capture_info_attach   (MapscopeSnapshot          *snapshot,
                                                           MapscopeCaptureInfo       *info);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MapscopeCaptureInfo, mapscope_capture_info_free)

G_END_DECLS
