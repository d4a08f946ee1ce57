/* mapscope-capture-error.h: the error domain of reading live processes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Errors of listing and capturing live processes. Every message is a whole
 * sentence that says what happened and, where there is one, what to do. */
#define MAPSCOPE_CAPTURE_ERROR (mapscope_capture_error_quark ())

typedef enum
{
  MAPSCOPE_CAPTURE_ERROR_FAILED,             /* anything else, with the system's reason */
  MAPSCOPE_CAPTURE_ERROR_PERMISSION_DENIED,  /* no ptrace-read (smaps) or write (clear_refs) */
  MAPSCOPE_CAPTURE_ERROR_PROCESS_EXITED,     /* it is gone, or went during the capture */
  MAPSCOPE_CAPTURE_ERROR_NO_MAPPINGS,        /* a kernel thread or a zombie: nothing mapped */
} MapscopeCaptureError;

GQuark mapscope_capture_error_quark (void);

G_END_DECLS
