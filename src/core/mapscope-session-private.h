/* mapscope-session-private.h: what the session's writer and reader share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mapscope-session.h"

G_BEGIN_DECLS

struct _MapscopeSession
{
  GObject               parent_instance;

  GPtrArray            *snapshots;   /* MapscopeSnapshot */
  GPtrArray            *notes;       /* the snapshots' notes when taken, so that a
                                      * save in a thread does not race the UI */
  gint                  current;     /* index in snapshots, -1 for none */
  gint                  baseline;
  gint                  selected;    /* region index in the current snapshot */
  MapscopeRegionFilter *filter;
  MapscopeSessionView   view;
};

MapscopeSession *_mapscope_session_new              (void);
void             _mapscope_session_copy_filter      (MapscopeRegionFilter *from,
                                                     MapscopeRegionFilter *to);
/* mapscope-session-raw.c */
GPtrArray       *_mapscope_session_collect_raw_texts (MapscopeSnapshot    *snapshot);

G_END_DECLS
