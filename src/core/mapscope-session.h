/* mapscope-session.h: a saved workspace, read from and written to a
 * .mapscope file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mapscope-workspace.h"

G_BEGIN_DECLS

#define MAPSCOPE_SESSION_ERROR (mapscope_session_error_quark ())

typedef enum
{
  MAPSCOPE_SESSION_ERROR_FAILED,
  MAPSCOPE_SESSION_ERROR_NEWER_VERSION,  /* written by a newer Mapscope */
  MAPSCOPE_SESSION_ERROR_DAMAGED,        /* not gzip, not JSON, or not the shape a session has */
  MAPSCOPE_SESSION_ERROR_NOT_SESSION,    /* JSON, but not a Mapscope session */
  MAPSCOPE_SESSION_ERROR_CANCELLED,
} MapscopeSessionError;

/* The schema version this code writes, and the newest it reads. */
#define MAPSCOPE_SESSION_VERSION 1
#define MAPSCOPE_SESSION_FORMAT "mapscope-session"

GQuark mapscope_session_error_quark (void);

#define MAPSCOPE_TYPE_SESSION (mapscope_session_get_type ())

G_DECLARE_FINAL_TYPE (MapscopeSession, mapscope_session, MAPSCOPE, SESSION, GObject)

/* What a session holds besides the workspace: how the app showed it.
 * A zoom of 0 means "not saved". */
typedef struct
{
  double   zoom;
  guint64  center;
  char    *page;     /* the visible page's name, or NULL */
} MapscopeSessionView;

MapscopeSession  *mapscope_session_new_from_workspace (MapscopeWorkspace         *workspace);
void              mapscope_session_set_view          (MapscopeSession           *self,
                                                      double                     zoom,
                                                      guint64                    center,
                                                      const char                *page);
const MapscopeSessionView *mapscope_session_get_view (MapscopeSession           *self);
guint             mapscope_session_get_n_snapshots   (MapscopeSession           *self);
MapscopeSnapshot *mapscope_session_get_snapshot      (MapscopeSession           *self,
                                                      guint                      index);
gint              mapscope_session_get_current_index (MapscopeSession           *self);
gint              mapscope_session_get_baseline_index (MapscopeSession          *self);
gint              mapscope_session_get_selected_index (MapscopeSession          *self);
MapscopeRegionFilter *mapscope_session_get_filter    (MapscopeSession           *self);

gboolean          mapscope_session_save              (MapscopeSession           *self,
                                                      GFile                     *file,
                                                      GCancellable              *cancellable,
                                                      GError                   **error);
gboolean          mapscope_session_write             (MapscopeSession           *self,
                                                      GOutputStream             *stream,
                                                      GCancellable              *cancellable,
                                                      GError                   **error);

MapscopeSession  *mapscope_session_load_file         (GFile                     *file,
                                                      GCancellable              *cancellable,
                                                      GError                   **error);
MapscopeSession  *mapscope_session_load_stream       (GInputStream              *stream,
                                                      const char                *source_name,
                                                      GCancellable              *cancellable,
                                                      GError                   **error);
MapscopeSession  *mapscope_session_load_data         (const char                *data,
                                                      gsize                      length,
                                                      const char                *source_name,
                                                      GError                   **error);
gboolean          mapscope_session_looks_like_session (const guint8             *head,
                                                       gsize                     length);

/* Puts the session's snapshots, baseline, filter and selection into
 * @workspace: instead of what it holds when @replace, else after it. */
void              mapscope_session_apply             (MapscopeSession           *self,
                                                      MapscopeWorkspace         *workspace,
                                                      gboolean                   replace);

G_END_DECLS
