/* mapscope-window.h: the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "mapscope-application.h"
#include "mapscope-loader.h"
#include "mapscope-workspace.h"

G_BEGIN_DECLS

typedef enum
{
  MAPSCOPE_OPEN_NONE    = 0,
  /* The bundled demo: once loaded, compare the first file's first snapshot
   * (the baseline) with its last (the current one). */
  MAPSCOPE_OPEN_DEMO    = 1 << 0,
  /* Re-read: the new snapshots take the place of those already loaded from
   * the same source, keeping the current and baseline choice by position. */
  MAPSCOPE_OPEN_REPLACE = 1 << 1,
} MapscopeOpenFlags;

#define MAPSCOPE_TYPE_WINDOW (mapscope_window_get_type ())

G_DECLARE_FINAL_TYPE (MapscopeWindow, mapscope_window, MAPSCOPE, WINDOW, AdwApplicationWindow)

MapscopeWindow    *mapscope_window_new           (MapscopeApplication  *application);
void               mapscope_window_open_files    (MapscopeWindow       *self,
                                                  GFile               **files,
                                                  guint                 n_files,
                                                  MapscopeOpenFlags     flags);
gboolean           mapscope_window_get_loading   (MapscopeWindow       *self);
MapscopeWorkspace *mapscope_window_get_workspace (MapscopeWindow       *self);
MapscopeLoader    *mapscope_window_get_loader    (MapscopeWindow       *self);
void               mapscope_window_show_error    (MapscopeWindow       *self,
                                                  const char           *message);

G_END_DECLS
