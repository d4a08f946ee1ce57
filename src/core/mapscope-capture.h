/* mapscope-capture.h: one snapshot of a live process
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mapscope-capture-error.h"
#include "mapscope-capture-info.h"
#include "mapscope-document.h"
#include "mapscope-process-source.h"
#include "mapscope-snapshot.h"

G_BEGIN_DECLS

/* The capture log: what mapscope_capture_snapshot_to_log() appends, one
 * entry per snapshot, and what the parser reads back as a multi-snapshot
 * log (see mapscope-separator.c):
 *
 *   === mapscope snapshot pid=1234 time=2026-11-25T14:06:17.250000Z command=zoo ===
 *   <the text of /proc/1234/smaps, byte for byte as the kernel gave it>
 *
 * time is UTC, ISO 8601. command is the kernel's command name with blanks
 * and control characters replaced by "_", so that it stays one word. A
 * working-set capture adds working-set=SECONDS, which the parser ignores.
 * Each entry is written as it is read, with write(2) and no buffering in
 * between, so a crash of the writer loses nothing already written; a
 * capture that fails removes its partial entry. */

MapscopeSnapshot *mapscope_capture_snapshot        (gint           pid,
                                                    GCancellable  *cancellable,
                                                    GError       **error);
MapscopeSnapshot *mapscope_capture_snapshot_to_log (gint           pid,
                                                    int            log_fd,
                                                    GCancellable  *cancellable,
                                                    GError       **error);
MapscopeSnapshot *mapscope_capture_snapshot_from_source (MapscopeProcessSource  *source,
                                                         gint                    pid,
                                                         GCancellable           *cancellable,
                                                         GError                **error);
MapscopeDocument *mapscope_capture_document        (gint           pid,
                                                    GCancellable  *cancellable,
                                                    GError       **error);

G_END_DECLS
