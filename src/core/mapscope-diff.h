/* mapscope-diff.h: what changed between two snapshots of a process
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mapscope-snapshot.h"
#include "mapscope-summary.h"

G_BEGIN_DECLS

typedef enum
{
  MAPSCOPE_DIFF_UNCHANGED,
  MAPSCOPE_DIFF_NEW,
  MAPSCOPE_DIFF_REMOVED,
  MAPSCOPE_DIFF_GROWN,
  MAPSCOPE_DIFF_SHRUNK,
  MAPSCOPE_DIFF_N_STATUSES
} MapscopeDiffStatus;

/* How the old and new sides of an entry were paired. */
typedef enum
{
  MAPSCOPE_DIFF_MATCH_IDENTITY = 1 << 0,  /* same path (or name), offset and permissions */
  MAPSCOPE_DIFF_MATCH_OVERLAP  = 1 << 1,  /* overlapping addresses, after the layout shift */
  MAPSCOPE_DIFF_MATCH_MOVED    = 1 << 2,  /* found at another place in the address space */
  MAPSCOPE_DIFF_MATCH_SPLIT    = 1 << 3,  /* one old region is now several */
  MAPSCOPE_DIFF_MATCH_MERGED   = 1 << 4,  /* several old regions are now one */
} MapscopeDiffMatch;

/* One region, or one group of regions that split or merged, and what became
 * of it. old_index and new_index are the first region of each side (by
 * address), or -1 for a side that is empty; the other regions of a group are
 * given by mapscope_diff_get_members(). */
typedef struct
{
  gint     old_index;
  gint     new_index;
  guint    n_old;
  guint    n_new;
  guint    members;     /* private: where the group's members are kept */
  guint8   status;      /* MapscopeDiffStatus */
  guint8   match;       /* MapscopeDiffMatch */
} MapscopeDiffEntry;

#define MAPSCOPE_TYPE_DIFF (mapscope_diff_get_type ())

G_DECLARE_FINAL_TYPE (MapscopeDiff, mapscope_diff, MAPSCOPE, DIFF, GObject)

MapscopeDiff            *mapscope_diff_new                (MapscopeSnapshot  *old_snapshot,
                                                           MapscopeSnapshot  *new_snapshot);
MapscopeSnapshot        *mapscope_diff_get_old_snapshot   (MapscopeDiff      *self);
MapscopeSnapshot        *mapscope_diff_get_new_snapshot   (MapscopeDiff      *self);
MapscopeSummary         *mapscope_diff_get_old_summary    (MapscopeDiff      *self);
MapscopeSummary         *mapscope_diff_get_new_summary    (MapscopeDiff      *self);
gboolean                 mapscope_diff_get_same_layout    (MapscopeDiff      *self);
gboolean                 mapscope_diff_get_same_program   (MapscopeDiff      *self);

guint                    mapscope_diff_get_n_entries      (MapscopeDiff      *self);
const MapscopeDiffEntry *mapscope_diff_get_entry          (MapscopeDiff      *self,
                                                           guint              index);
const guint             *mapscope_diff_get_members        (MapscopeDiff      *self,
                                                           const MapscopeDiffEntry *entry,
                                                           gboolean           new_side,
                                                           guint             *n_members);
gint                     mapscope_diff_find_new_entry     (MapscopeDiff      *self,
                                                           guint              new_index);
guint                    mapscope_diff_count_status       (MapscopeDiff      *self,
                                                           MapscopeDiffStatus status);
gboolean                 mapscope_diff_has_field          (MapscopeDiff      *self,
                                                           MapscopeField      field);
gint64                   mapscope_diff_get_entry_value    (MapscopeDiff      *self,
                                                           const MapscopeDiffEntry *entry,
                                                           gboolean           new_side,
                                                           MapscopeField      field);
gint64                   mapscope_diff_get_entry_delta    (MapscopeDiff      *self,
                                                           const MapscopeDiffEntry *entry,
                                                           MapscopeField      field);
gint64                   mapscope_diff_get_total_delta    (MapscopeDiff      *self,
                                                           MapscopeField      field);
gint64                   mapscope_diff_get_category_delta (MapscopeDiff      *self,
                                                           MapscopeCategory   category,
                                                           MapscopeField      field);
gint                     mapscope_diff_get_category_count_delta (MapscopeDiff     *self,
                                                                 MapscopeCategory  category);

const char              *mapscope_diff_status_get_name    (MapscopeDiffStatus status);

G_END_DECLS
