/* mapscope-process-timeline.c: which loaded snapshots form one process's timeline
 *
 * The user may load several files of one process, a multi-snapshot log, and
 * unrelated captures side by side; the timeline of a snapshot is the loaded
 * snapshots of the same process, in time order.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mapscope-process-timeline.h"

/* Two snapshots are of one process when both know their pid and it is the
 * same; failing that, when both know their command and it is the same;
 * failing that (a hand-written `while :; do date; cat smaps; done` log
 * carries neither), when they come from the same file. */
gboolean
mapscope_snapshot_same_process (MapscopeSnapshot *a,
                                MapscopeSnapshot *b)
{
  const char *command_a;
  const char *command_b;

  g_return_val_if_fail (MAPSCOPE_IS_SNAPSHOT (a), FALSE);
  g_return_val_if_fail (MAPSCOPE_IS_SNAPSHOT (b), FALSE);

  if (a == b)
    return TRUE;
  if (mapscope_snapshot_get_pid (a) > 0 && mapscope_snapshot_get_pid (b) > 0)
    return mapscope_snapshot_get_pid (a) == mapscope_snapshot_get_pid (b);

  command_a = mapscope_snapshot_get_command (a);
  command_b = mapscope_snapshot_get_command (b);
  if (command_a != NULL && command_b != NULL)
    return g_str_equal (command_a, command_b);

  return g_strcmp0 (mapscope_snapshot_get_source (a), mapscope_snapshot_get_source (b)) == 0;
}

typedef struct
{
  MapscopeSnapshot *snapshot;
  guint             position;   /* in the loaded list, for snapshots without a time */
} Member;

/* Sorts by time when every member has one, by load order otherwise: mixing
 * both would not be a consistent order. */
static gint
compare_members (gconstpointer pa,
                 gconstpointer pb,
                 gpointer      all_timed)
{
  const Member *a = pa;
  const Member *b = pb;

  if (GPOINTER_TO_INT (all_timed))
    {
      gint order = g_date_time_compare (mapscope_snapshot_get_timestamp (a->snapshot),
                                        mapscope_snapshot_get_timestamp (b->snapshot));

      if (order != 0)
        return order;
    }
  return a->position < b->position ? -1 : a->position > b->position;
}

/**
 * mapscope_process_timeline_collect:
 * @snapshots: a #GListModel of #MapscopeSnapshot
 * @member: one of them
 *
 * Returns: (transfer full) (element-type MapscopeSnapshot): the snapshots of
 *   @member's process, @member included, oldest first (load order where times
 *   are unknown)
 */
GPtrArray *
mapscope_process_timeline_collect (GListModel       *snapshots,
                                   MapscopeSnapshot *member)
{
  guint n;
  g_autoptr(GArray) members = g_array_new (FALSE, FALSE, sizeof (Member));
  GPtrArray *result;
  gboolean all_timed = TRUE;

  g_return_val_if_fail (G_IS_LIST_MODEL (snapshots), NULL);
  g_return_val_if_fail (MAPSCOPE_IS_SNAPSHOT (member), NULL);

  n = g_list_model_get_n_items (snapshots);
  result = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MapscopeSnapshot) snapshot = g_list_model_get_item (snapshots, i);
      Member entry = { snapshot, i };

      if (!mapscope_snapshot_same_process (snapshot, member))
        continue;
      g_array_append_val (members, entry);
      all_timed = all_timed && mapscope_snapshot_get_timestamp (snapshot) != NULL;
    }

  g_array_sort_with_data (members, compare_members, GINT_TO_POINTER (all_timed));
  for (guint i = 0; i < members->len; i++)
    g_ptr_array_add (result, g_object_ref (g_array_index (members, Member, i).snapshot));

  /* A member not (or no longer) in the list still forms a timeline of one. */
  if (result->len == 0)
    g_ptr_array_add (result, g_object_ref (member));
  return result;
}
