/* live-test-util.h: children with known mappings, and comparing snapshots
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mapscope-core.h"

G_BEGIN_DECLS

typedef struct
{
  guint64 address;
  guint64 size;
} LiveRegion;

typedef struct
{
  GSubprocess *process;
  gint         pid;
  GHashTable  *regions;  /* name → LiveRegion, as the child printed them */
} LiveChild;

LiveChild        *live_child_spawn            (const char *first_arg,
                                               ...) G_GNUC_NULL_TERMINATED;
LiveChild        *live_child_spawn_regions    (const char *tmp_dir);
const LiveRegion *live_child_get_region       (LiveChild  *child,
                                               const char *name);
void              live_child_stop             (LiveChild  *child);
void              live_child_free             (LiveChild  *child);

const char       *live_child_path             (void);
gint              live_reaped_pid             (void);
char             *live_make_tmp_dir           (void);
void              live_remove_tmp_dir         (const char *dir);
guint64           live_sum_field              (MapscopeSnapshot *snapshot,
                                               MapscopeField     field);
void              live_assert_same_snapshot   (MapscopeSnapshot *read_back,
                                               MapscopeSnapshot *captured);
MapscopeDocument *live_load_log               (const char       *path);
void              live_drop_privileges        (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiveChild, live_child_free)

G_END_DECLS
