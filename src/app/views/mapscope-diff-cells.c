/* mapscope-diff-cells.c: what the region table shows of a diff, per row
 *
 * A region that split or merged belongs to a group entry; each of its rows
 * shows the group's status and deltas. Regions that exist only in the
 * baseline have no row: the map's ghosts and the diff summary show them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "mapscope-diff-cells.h"
#include "mapscope-units.h"

typedef struct
{
  MapscopeDiff  *diff;
  MapscopeField  field;
} DiffKey;

const MapscopeDiffEntry *
_mapscope_diff_cells_find_entry (MapscopeDiff     *diff,
                                 MapscopeSnapshot *snapshot,
                                 guint             index)
{
  gint entry_index;

  if (diff == NULL || snapshot != mapscope_diff_get_new_snapshot (diff))
    return NULL;
  entry_index = mapscope_diff_find_new_entry (diff, index);
  return entry_index >= 0 ? mapscope_diff_get_entry (diff, entry_index) : NULL;
}

const char *
_mapscope_diff_cells_status_text (const MapscopeDiffEntry *entry)
{
  switch (entry != NULL ? entry->status : MAPSCOPE_DIFF_UNCHANGED)
    {
    /* Translators: badges in the region table for a region compared with the baseline */
    case MAPSCOPE_DIFF_NEW:
      return C_("region change", "new");
    case MAPSCOPE_DIFF_GROWN:
      return C_("region change", "grown");
    case MAPSCOPE_DIFF_SHRUNK:
      return C_("region change", "shrunk");
    default:
      return "";
    }
}

/* Adwaita's colored text classes, which have dark variants. */
const char *
_mapscope_diff_cells_status_class (const MapscopeDiffEntry *entry)
{
  switch (entry != NULL ? entry->status : MAPSCOPE_DIFF_UNCHANGED)
    {
    case MAPSCOPE_DIFF_NEW:
      return "accent";
    case MAPSCOPE_DIFF_GROWN:
      return "error";
    case MAPSCOPE_DIFF_SHRUNK:
      return "success";
    default:
      return NULL;
    }
}

char *
_mapscope_diff_cells_format_delta (MapscopeDiff            *diff,
                                   const MapscopeDiffEntry *entry,
                                   MapscopeField            field)
{
  g_autofree char *magnitude = NULL;
  gint64 delta;

  if (entry == NULL)
    return g_strdup ("");
  delta = mapscope_diff_get_entry_delta (diff, entry, field);
  if (delta == 0)
    return g_strdup ("±0");
  magnitude = mapscope_format_kb ((guint64)ABS (delta));
  /* U+2212 MINUS SIGN lines up with the plus sign. */
  return g_strconcat (delta > 0 ? "+" : "−", magnitude, NULL);
}

static void
diff_key_free (gpointer data)
{
  DiffKey *key = data;

  g_object_unref (key->diff);
  g_free (key);
}

static DiffKey *
diff_key_new (MapscopeDiff  *diff,
              MapscopeField  field)
{
  DiffKey *key = g_new0 (DiffKey, 1);

  key->diff = g_object_ref (diff);
  key->field = field;
  return key;
}

static guint64
status_key (MapscopeSnapshot *snapshot,
            guint             index,
            gpointer          user_data)
{
  static const guint ranks[MAPSCOPE_DIFF_N_STATUSES] = {
    [MAPSCOPE_DIFF_UNCHANGED] = 0,
    [MAPSCOPE_DIFF_SHRUNK] = 1,
    [MAPSCOPE_DIFF_GROWN] = 2,
    [MAPSCOPE_DIFF_NEW] = 3,
  };
  DiffKey *key = user_data;
  const MapscopeDiffEntry *entry = _mapscope_diff_cells_find_entry (key->diff, snapshot, index);

  return entry != NULL ? ranks[entry->status] : 0;
}

static guint64
delta_key (MapscopeSnapshot *snapshot,
           guint             index,
           gpointer          user_data)
{
  DiffKey *key = user_data;
  const MapscopeDiffEntry *entry = _mapscope_diff_cells_find_entry (key->diff, snapshot, index);
  gint64 delta = entry != NULL ? mapscope_diff_get_entry_delta (key->diff, entry, key->field) : 0;

  /* Signed to unsigned, order kept. */
  return (guint64)delta ^ (G_GUINT64_CONSTANT (1) << 63);
}

void
_mapscope_diff_cells_sort_by_status (MapscopeRegionList *list,
                                     MapscopeDiff       *diff,
                                     gboolean            descending)
{
  mapscope_region_list_sort_by_key (list, status_key, diff_key_new (diff, 0), diff_key_free,
                                    descending);
}

void
_mapscope_diff_cells_sort_by_delta (MapscopeRegionList *list,
                                    MapscopeDiff       *diff,
                                    MapscopeField       field,
                                    gboolean            descending)
{
  mapscope_region_list_sort_by_key (list, delta_key, diff_key_new (diff, field), diff_key_free,
                                    descending);
}
