/* mapscope-process-list.c: the processes running now
 *
 * A refresh costs two small reads per process (see mapscope-process.c),
 * from the list's process source.
 * PSS and private dirty come from smaps_rollup, for which the kernel walks
 * the page tables: that is done only for the processes asked about, once
 * per refresh.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mapscope-capture-error.h"
#include "mapscope-live-private.h"
#include "mapscope-process-list.h"

struct _MapscopeProcessList
{
  GObject     parent_instance;

  MapscopeProcessSource *source;
  GArray     *processes;   /* MapscopeProcess, by pid */
  GHashTable *user_names;  /* uid → name, kept across refreshes */
};

G_DEFINE_FINAL_TYPE (MapscopeProcessList, mapscope_process_list, G_TYPE_OBJECT)

static void
clear_process (gpointer data)
{
  MapscopeProcess *process = data;

  g_free (process->user);
  g_free (process->name);
  g_free (process->command_line);
}

static void
mapscope_process_list_finalize (GObject *object)
{
  MapscopeProcessList *self = (MapscopeProcessList *)object;

  g_clear_object (&self->source);
  g_clear_pointer (&self->processes, g_array_unref);
  g_clear_pointer (&self->user_names, g_hash_table_unref);

  G_OBJECT_CLASS (mapscope_process_list_parent_class)->finalize (object);
}

static void
mapscope_process_list_class_init (MapscopeProcessListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mapscope_process_list_finalize;
}

static void
mapscope_process_list_init (MapscopeProcessList *self)
{
  self->processes = g_array_new (FALSE, FALSE, sizeof (MapscopeProcess));
  g_array_set_clear_func (self->processes, clear_process);
  self->user_names = _mapscope_user_names_new ();
}

/**
 * mapscope_process_list_new:
 *
 * Returns: (transfer full): an empty list of the processes of the default
 *   process source; call mapscope_process_list_refresh()
 */
MapscopeProcessList *
mapscope_process_list_new (void)
{
  return mapscope_process_list_new_for_source (mapscope_process_source_get_default ());
}

/**
 * mapscope_process_list_new_for_source:
 *
 * Returns: (transfer full): an empty list of the processes @source reads
 */
MapscopeProcessList *
mapscope_process_list_new_for_source (MapscopeProcessSource *source)
{
  MapscopeProcessList *self;

  g_return_val_if_fail (MAPSCOPE_IS_PROCESS_SOURCE (source), NULL);

  self = g_object_new (MAPSCOPE_TYPE_PROCESS_LIST, NULL);
  self->source = g_object_ref (source);
  return self;
}

static gint
compare_pids (gconstpointer a,
              gconstpointer b)
{
  const MapscopeProcess *pa = a;
  const MapscopeProcess *pb = b;

  return (pa->pid > pb->pid) - (pa->pid < pb->pid);
}

/**
 * mapscope_process_list_refresh:
 *
 * Reads the list of processes again. Processes that exit meanwhile are left
 * out. Every rollup read before is dropped.
 *
 * Returns: FALSE with @error set only when the processes cannot be listed
 *   at all
 */
gboolean
mapscope_process_list_refresh (MapscopeProcessList  *self,
                               GError              **error)
{
  gboolean sorted = TRUE;

  g_return_val_if_fail (MAPSCOPE_IS_PROCESS_LIST (self), FALSE);

  if (!_mapscope_process_source_list (self->source, self->processes, self->user_names, error))
    return FALSE;

  /* /proc lists processes by pid, but nothing promises it. */
  for (guint i = 1; i < self->processes->len && sorted; i++)
    sorted = g_array_index (self->processes, MapscopeProcess, i - 1).pid <
             g_array_index (self->processes, MapscopeProcess, i).pid;
  if (!sorted)
    g_array_sort (self->processes, compare_pids);

  return TRUE;
}

guint
mapscope_process_list_get_n_processes (MapscopeProcessList *self)
{
  g_return_val_if_fail (MAPSCOPE_IS_PROCESS_LIST (self), 0);
  return self->processes->len;
}

/**
 * mapscope_process_list_get_process:
 *
 * Returns: (transfer none): the process at @index, by increasing pid; valid
 *   until the next refresh (mapscope_process_copy() keeps one longer)
 */
const MapscopeProcess *
mapscope_process_list_get_process (MapscopeProcessList *self,
                                   guint                index)
{
  g_return_val_if_fail (MAPSCOPE_IS_PROCESS_LIST (self), NULL);
  g_return_val_if_fail (index < self->processes->len, NULL);
  return &g_array_index (self->processes, MapscopeProcess, index);
}

/**
 * mapscope_process_list_find:
 *
 * Returns: (transfer none) (nullable): the process @pid, if it was running
 *   at the last refresh
 */
const MapscopeProcess *
mapscope_process_list_find (MapscopeProcessList *self,
                            gint                 pid)
{
  MapscopeProcess key = { .pid = pid };
  guint index;

  g_return_val_if_fail (MAPSCOPE_IS_PROCESS_LIST (self), NULL);

  if (!g_array_binary_search (self->processes, &key, compare_pids, &index))
    return NULL;
  return &g_array_index (self->processes, MapscopeProcess, index);
}

/**
 * mapscope_process_list_ensure_rollup:
 *
 * Reads the smaps_rollup of the process at @index unless it was read since
 * the last refresh. A failure is not remembered: failing is cheap (the
 * kernel refuses before it walks anything), and may not last.
 *
 * Returns: whether the process's rollup fields are set
 */
gboolean
mapscope_process_list_ensure_rollup (MapscopeProcessList  *self,
                                     guint                 index,
                                     GError              **error)
{
  MapscopeProcess *process;

  g_return_val_if_fail (MAPSCOPE_IS_PROCESS_LIST (self), FALSE);
  g_return_val_if_fail (index < self->processes->len, FALSE);

  process = &g_array_index (self->processes, MapscopeProcess, index);
  if (process->rollup == MAPSCOPE_ROLLUP_READ)
    return TRUE;

  return _mapscope_process_read_rollup (process, self->source, error);
}

/**
 * mapscope_process_list_ensure_rollups:
 *
 * mapscope_process_list_ensure_rollup() for every process, as sorting by
 * PSS needs; those that cannot be read (kernel threads, other users'
 * processes without privileges) are left UNAVAILABLE.
 *
 * Returns: how many processes have their rollup fields set
 */
guint
mapscope_process_list_ensure_rollups (MapscopeProcessList *self)
{
  guint n_read = 0;

  g_return_val_if_fail (MAPSCOPE_IS_PROCESS_LIST (self), 0);

  for (guint i = 0; i < self->processes->len; i++)
    {
      if (mapscope_process_list_ensure_rollup (self, i, NULL))
        n_read++;
    }

  return n_read;
}
