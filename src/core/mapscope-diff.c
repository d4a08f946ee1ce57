/* mapscope-diff.c: what changed between two snapshots of a process
 *
 * Regions are paired in passes, each one only looking at what the earlier
 * ones left unpaired:
 *
 *  1. identity: the same path (or kernel name such as [heap]), file offset
 *     and permissions, the k-th such region of one side with the k-th of
 *     the other. This pairs code and data of files wherever they are, so two
 *     runs of a program under different ASLR layouts diff as well as two
 *     snapshots of one process.
 *  2. overlap: the rest, per path (anonymous memory being one class), by
 *     overlapping addresses once each old region is moved by the shift of
 *     the nearest file mapping paired in pass 1 (below it, then above it).
 *     For one process that shift is 0; for another run it carries each
 *     anonymous region along with the library it sits next to. Overlapping
 *     runs become one entry, which is how splits and merges show.
 *  3. moved, for two runs only: what is still left, paired when path,
 *     permissions and size agree.
 *
 * Every pass sorts or walks arrays once, so the whole is O(n log n).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mapscope-diff.h"

#include <stdlib.h>
#include <string.h>

struct _MapscopeDiff
{
  GObject           parent_instance;

  MapscopeSnapshot *old_snapshot;
  MapscopeSnapshot *new_snapshot;
  MapscopeSummary  *old_summary;   /* made on demand */
  MapscopeSummary  *new_summary;
  const MapscopeRegion *old_regions;
  const MapscopeRegion *new_regions;

  GArray           *entries;      /* MapscopeDiffEntry, by address */
  GArray           *members;      /* guint region indices of the groups */
  gint             *new_entry;    /* entry of each new region */
  guint             counts[MAPSCOPE_DIFF_N_STATUSES];
  guint32           fields;       /* known fields either snapshot carries */
  gboolean          same_layout;

  /* [MAPSCOPE_N_CATEGORIES] holds the totals */
  gint64            deltas[MAPSCOPE_N_CATEGORIES + 1][MAPSCOPE_N_KNOWN_FIELDS];
  gint              count_deltas[MAPSCOPE_N_CATEGORIES];
};

G_DEFINE_FINAL_TYPE (MapscopeDiff, mapscope_diff, G_TYPE_OBJECT)

/* A region as one pass sees it; old regions have their addresses shifted
 * into the new snapshot's layout. */
typedef struct
{
  guint        hash;
  guint        index;
  const char  *path;
  guint64      start;
  guint64      end;
  guint64      offset;
  guint8       perms;
} Item;

typedef struct
{
  const MapscopeRegion *regions;
  guint                 n_regions;
  gint                 *entry;     /* entry index of each region, -1 while unpaired */
  GArray               *items;     /* Item, the current pass's */
} Side;

typedef struct
{
  MapscopeDiff *diff;
  Side          old_side;
  Side          new_side;
  guint64      *shifts;     /* of each old region paired as a file anchor */
  guint8       *anchors;    /* whether shifts[i] is set */
} Builder;

static const char * const status_names[MAPSCOPE_DIFF_N_STATUSES] = {
  [MAPSCOPE_DIFF_UNCHANGED] = "unchanged",
  [MAPSCOPE_DIFF_NEW]       = "new",
  [MAPSCOPE_DIFF_REMOVED]   = "removed",
  [MAPSCOPE_DIFF_GROWN]     = "grown",
  [MAPSCOPE_DIFF_SHRUNK]    = "shrunk",
};

const char *
mapscope_diff_status_get_name (MapscopeDiffStatus status)
{
  g_return_val_if_fail (status < MAPSCOPE_DIFF_N_STATUSES, NULL);
  return status_names[status];
}

static inline gboolean
is_file_region (const MapscopeRegion *region)
{
  return region->path != NULL && region->path[0] != '[';
}

static inline int
compare_u64 (guint64 a,
             guint64 b)
{
  return (a > b) - (a < b);
}

/* Orders by class: hash first, then the text itself, since the two
 * snapshots intern their paths apart. */
static inline int
compare_class (const Item *a,
               const Item *b)
{
  if (a->hash != b->hash)
    return a->hash < b->hash ? -1 : 1;
  if (a->path == b->path)
    return 0;
  if (a->path == NULL || b->path == NULL)
    return a->path == NULL ? -1 : 1;
  return strcmp (a->path, b->path);
}

static int
compare_identity (const Item *a,
                  const Item *b)
{
  int c = compare_class (a, b);

  if (c != 0)
    return c;
  if (a->offset != b->offset)
    return compare_u64 (a->offset, b->offset);
  return (int) a->perms - (int) b->perms;
}

static int
compare_identity_then_start (const void *pa,
                             const void *pb)
{
  const Item *a = pa;
  const Item *b = pb;
  int c = compare_identity (a, b);

  return c != 0 ? c : compare_u64 (a->start, b->start);
}

static int
compare_class_then_start (const void *pa,
                          const void *pb)
{
  const Item *a = pa;
  const Item *b = pb;
  int c = compare_class (a, b);

  return c != 0 ? c : compare_u64 (a->start, b->start);
}

static void
sort_items (GArray *items,
            int   (*compare) (const void *, const void *))
{
  Item *data = (Item *) items->data;

  for (guint i = 1; i < items->len; i++)
    {
      if (compare (&data[i - 1], &data[i]) > 0)
        {
          qsort (data, items->len, sizeof (Item), compare);
          return;
        }
    }
}

static void
side_init (Side             *side,
           MapscopeSnapshot *snapshot)
{
  side->regions = mapscope_snapshot_get_regions (snapshot, &side->n_regions);
  side->entry = g_new (gint, MAX (side->n_regions, 1));
  memset (side->entry, 0xff, sizeof (gint) * side->n_regions);
  side->items = g_array_sized_new (FALSE, FALSE, sizeof (Item), side->n_regions);
}

static void
side_clear (Side *side)
{
  g_clear_pointer (&side->entry, g_free);
  g_clear_pointer (&side->items, g_array_unref);
}

/* The paths of a snapshot are interned, and neighbours share them (the
 * segments of one library), so the last hash is kept. */
static inline guint
path_hash (const char  *path,
           const char **last_path,
           guint       *last_hash)
{
  if (path == NULL)
    return 0;
  if (path != *last_path)
    {
      *last_path = path;
      *last_hash = g_str_hash (path) | 1;
    }
  return *last_hash;
}

static inline void
item_init (Item                 *item,
           const MapscopeRegion *region,
           guint                 index,
           guint                 hash,
           guint64               shift)
{
  item->hash = hash;
  item->index = index;
  item->path = region->path;
  item->start = region->start + shift;
  item->end = region->end + shift;
  item->offset = region->offset;
  item->perms = region->perms;
}

/* Appends an entry pairing old items [o0, o1) with new items [n0, n1),
 * either range possibly empty. */
static void
add_entry (Builder *b,
           Item    *old_items,
           guint    n_old,
           Item    *new_items,
           guint    n_new,
           guint8   match)
{
  MapscopeDiff *diff = b->diff;
  MapscopeDiffEntry entry = { -1, -1, n_old, n_new, 0, 0, match };
  guint index = diff->entries->len;

  if (n_old > 1 || n_new > 1)
    {
      entry.members = diff->members->len;
      for (guint i = 0; i < n_old; i++)
        g_array_append_val (diff->members, old_items[i].index);
      for (guint i = 0; i < n_new; i++)
        g_array_append_val (diff->members, new_items[i].index);
    }
  if (n_old > 0)
    entry.old_index = old_items[0].index;
  if (n_new > 0)
    entry.new_index = new_items[0].index;
  if (n_old == 1 && n_new > 1)
    entry.match |= MAPSCOPE_DIFF_MATCH_SPLIT;
  if (n_old > 1 && n_new == 1)
    entry.match |= MAPSCOPE_DIFF_MATCH_MERGED;
  if (n_old > 1 && n_new > 1)
    entry.match |= MAPSCOPE_DIFF_MATCH_SPLIT | MAPSCOPE_DIFF_MATCH_MERGED;

  for (guint i = 0; i < n_old; i++)
    b->old_side.entry[old_items[i].index] = index;
  for (guint i = 0; i < n_new; i++)
    b->new_side.entry[new_items[i].index] = index;

  g_array_append_val (diff->entries, entry);
}

/* Pass 1 and 3: pairs, in address order, items whose keys compare equal. */
static void
pair_equal_keys (Builder *b,
                 int    (*compare) (const Item *, const Item *),
                 guint8   match)
{
  Item *old_items = (Item *) b->old_side.items->data;
  Item *new_items = (Item *) b->new_side.items->data;
  guint n_old = b->old_side.items->len;
  guint n_new = b->new_side.items->len;
  guint i = 0;
  guint j = 0;

  while (i < n_old && j < n_new)
    {
      int c = compare (&old_items[i], &new_items[j]);

      if (c < 0)
        i++;
      else if (c > 0)
        j++;
      else
        add_entry (b, &old_items[i++], 1, &new_items[j++], 1, match);
    }
}

static void
collect_identity_items (Side *side)
{
  const char *last_path = NULL;
  guint last_hash = 0;
  Item *items;
  guint n_items = 0;

  g_array_set_size (side->items, side->n_regions);
  items = (Item *) side->items->data;
  for (guint i = 0; i < side->n_regions; i++)
    {
      const MapscopeRegion *region = &side->regions[i];

      if (region->path != NULL)
        item_init (&items[n_items++], region, i, path_hash (region->path, &last_path, &last_hash), 0);
    }
  g_array_set_size (side->items, n_items);
  sort_items (side->items, compare_identity_then_start);
}

/* A library keeping its address across the two snapshots means one process
 * (or one run without ASLR); then a moved region is news. */
static gboolean
guess_same_layout (Builder *b)
{
  guint same = 0;
  guint total = 0;

  for (guint i = 0; i < b->old_side.n_regions; i++)
    {
      const MapscopeRegion *old_region = &b->old_side.regions[i];
      gint e = b->old_side.entry[i];

      if (e < 0 || !is_file_region (old_region))
        continue;
      total++;
      if (b->new_side.regions[g_array_index (b->diff->entries, MapscopeDiffEntry, e).new_index].start
          == old_region->start)
        same++;
    }

  return total == 0 || same * 2 >= total;
}

/* Records the shift of the file mappings paired by identity, which the
 * anonymous memory around them is assumed to share. Kept apart from the
 * regions so that later walks need not read every region again. */
static void
find_anchors (Builder *b)
{
  MapscopeDiff *diff = b->diff;

  b->shifts = g_new (guint64, MAX (b->old_side.n_regions, 1));
  b->anchors = g_new0 (guint8, MAX (b->old_side.n_regions, 1));
  for (guint e = 0; e < diff->entries->len; e++)
    {
      const MapscopeDiffEntry *entry = &g_array_index (diff->entries, MapscopeDiffEntry, e);
      const MapscopeRegion *old_region = &b->old_side.regions[entry->old_index];

      if (!is_file_region (old_region))
        continue;
      b->anchors[entry->old_index] = TRUE;
      b->shifts[entry->old_index] = b->new_side.regions[entry->new_index].start - old_region->start;
    }
}

/* The unpaired regions of @side, old ones shifted by the anchor below them
 * (or above them, when @from_above). */
static void
collect_unpaired_items (Builder  *b,
                        Side     *side,
                        gboolean  is_old,
                        gboolean  from_above)
{
  const char *last_path = NULL;
  guint last_hash = 0;
  guint64 shift = 0;
  Item *items;
  guint n_items = 0;

  g_array_set_size (side->items, side->n_regions);
  items = (Item *) side->items->data;
  for (guint k = 0; k < side->n_regions; k++)
    {
      guint i = from_above ? side->n_regions - 1 - k : k;
      const MapscopeRegion *region = &side->regions[i];

      if (is_old && b->anchors[i])
        shift = b->shifts[i];
      if (side->entry[i] >= 0)
        continue;
      item_init (&items[n_items++], region, i, path_hash (region->path, &last_path, &last_hash), shift);
    }
  g_array_set_size (side->items, n_items);
  /* walking down, the items came in reverse */
  if (from_above)
    {
      for (guint i = 0; i < n_items / 2; i++)
        {
          Item swap = items[i];

          items[i] = items[n_items - 1 - i];
          items[n_items - 1 - i] = swap;
        }
    }
}

/* Pairs each run of overlapping old and new items of one class as one
 * entry. Items of each side are sorted by start and, on the new side,
 * disjoint. */
static void
sweep_overlaps (Builder *b,
                Item    *old_items,
                guint    n_old,
                Item    *new_items,
                guint    n_new)
{
  guint i = 0;
  guint j = 0;

  while (i < n_old && j < n_new)
    {
      guint i0;
      guint j0;

      if (old_items[i].end <= new_items[j].start)
        {
          i++;
          continue;
        }
      if (new_items[j].end <= old_items[i].start)
        {
          j++;
          continue;
        }

      i0 = i;
      j0 = j;
      for (;;)
        {
          if (old_items[i].end <= new_items[j].end)
            {
              if (i + 1 < n_old && old_items[i + 1].start < new_items[j].end)
                i++;
              else
                break;
            }
          else if (j + 1 < n_new && new_items[j + 1].start < old_items[i].end)
            {
              j++;
            }
          else
            {
              break;
            }
        }

      add_entry (b, &old_items[i0], i - i0 + 1, &new_items[j0], j - j0 + 1,
                 MAPSCOPE_DIFF_MATCH_OVERLAP);
      i++;
      j++;
    }
}

static guint
class_run_end (const Item *items,
               guint       n_items,
               guint       first)
{
  guint end = first + 1;

  while (end < n_items && compare_class (&items[first], &items[end]) == 0)
    end++;
  return end;
}

static void
pair_overlaps (Builder  *b,
               gboolean  from_above)
{
  Item *old_items;
  Item *new_items;
  guint n_old;
  guint n_new;
  guint i = 0;
  guint j = 0;

  collect_unpaired_items (b, &b->old_side, TRUE, from_above);
  collect_unpaired_items (b, &b->new_side, FALSE, FALSE);
  sort_items (b->old_side.items, compare_class_then_start);
  sort_items (b->new_side.items, compare_class_then_start);

  old_items = (Item *) b->old_side.items->data;
  new_items = (Item *) b->new_side.items->data;
  n_old = b->old_side.items->len;
  n_new = b->new_side.items->len;

  while (i < n_old && j < n_new)
    {
      int c = compare_class (&old_items[i], &new_items[j]);
      guint i_end;
      guint j_end;

      if (c < 0)
        {
          i = class_run_end (old_items, n_old, i);
          continue;
        }
      if (c > 0)
        {
          j = class_run_end (new_items, n_new, j);
          continue;
        }
      i_end = class_run_end (old_items, n_old, i);
      j_end = class_run_end (new_items, n_new, j);
      sweep_overlaps (b, &old_items[i], i_end - i, &new_items[j], j_end - j);
      i = i_end;
      j = j_end;
    }
}

static void
pair_moved (Builder *b)
{
  Side *sides[] = { &b->old_side, &b->new_side };

  /* the identity key, with the size in the offset's place */
  collect_unpaired_items (b, &b->old_side, FALSE, FALSE);
  collect_unpaired_items (b, &b->new_side, FALSE, FALSE);
  for (guint s = 0; s < G_N_ELEMENTS (sides); s++)
    {
      Item *items = (Item *) sides[s]->items->data;

      for (guint i = 0; i < sides[s]->items->len; i++)
        items[i].offset = items[i].end - items[i].start;
      sort_items (sides[s]->items, compare_identity_then_start);
    }
  pair_equal_keys (b, compare_identity, MAPSCOPE_DIFF_MATCH_MOVED);
}

static void
add_unpaired (Builder *b,
              Side    *side,
              gboolean is_old)
{
  for (guint i = 0; i < side->n_regions; i++)
    {
      Item item = { 0, i, NULL, 0, 0, 0, 0 };

      if (side->entry[i] >= 0)
        continue;
      if (is_old)
        add_entry (b, &item, 1, NULL, 0, 0);
      else
        add_entry (b, NULL, 0, &item, 1, 0);
    }
}

/* Absent known fields hold 0, so only wide and extra values need the
 * snapshot's side table. */
static inline guint64
region_value (MapscopeSnapshot     *snapshot,
              const MapscopeRegion *region,
              MapscopeField         field)
{
  if (field == MAPSCOPE_FIELD_SIZE)
    return mapscope_region_get_size (region) / 1024;
  if (G_LIKELY (region->values[field] != MAPSCOPE_VALUE_WIDE))
    return region->values[field];
  return mapscope_snapshot_get_value_or_zero (snapshot, region, field);
}

static gint64
sum_side (MapscopeDiff            *self,
          const MapscopeDiffEntry *entry,
          gboolean                 new_side,
          MapscopeField            field)
{
  MapscopeSnapshot *snapshot = new_side ? self->new_snapshot : self->old_snapshot;
  const MapscopeRegion *regions = new_side ? self->new_regions : self->old_regions;
  const guint *members;
  guint n_members;
  gint64 sum = 0;

  members = mapscope_diff_get_members (self, entry, new_side, &n_members);
  for (guint i = 0; i < n_members; i++)
    sum += (gint64) region_value (snapshot, &regions[members[i]], field);

  return sum;
}

static gboolean
overlaps_raw (MapscopeDiff            *self,
              const MapscopeDiffEntry *entry)
{
  const MapscopeRegion *old_region = mapscope_snapshot_get_region (self->old_snapshot,
                                                                   entry->old_index);
  const MapscopeRegion *new_region = mapscope_snapshot_get_region (self->new_snapshot,
                                                                   entry->new_index);

  return old_region->start < new_region->end && new_region->start < old_region->end;
}

/* Grown or shrunk by resident memory first (what users watch), then by
 * size, then by swap; a change in other fields alone, such as PSS moving
 * as other processes map a library, leaves a region unchanged. */
static MapscopeDiffStatus
entry_status (MapscopeDiff            *self,
              const MapscopeDiffEntry *entry)
{
  static const MapscopeField deciding[] = {
    MAPSCOPE_FIELD_RSS, MAPSCOPE_FIELD_SIZE, MAPSCOPE_FIELD_SWAP,
  };

  if (entry->n_old == 0)
    return MAPSCOPE_DIFF_NEW;
  if (entry->n_new == 0)
    return MAPSCOPE_DIFF_REMOVED;

  for (guint i = 0; i < G_N_ELEMENTS (deciding); i++)
    {
      gint64 delta;

      if (!(self->fields & (1u << deciding[i])))
        continue;
      /* most entries pair one region with one: skip the member lists */
      if (entry->n_old == 1 && entry->n_new == 1)
        delta = (gint64) region_value (self->new_snapshot, &self->new_regions[entry->new_index], deciding[i])
                - (gint64) region_value (self->old_snapshot, &self->old_regions[entry->old_index], deciding[i]);
      else
        delta = sum_side (self, entry, TRUE, deciding[i]) - sum_side (self, entry, FALSE, deciding[i]);
      if (delta != 0)
        return delta > 0 ? MAPSCOPE_DIFF_GROWN : MAPSCOPE_DIFF_SHRUNK;
    }

  return MAPSCOPE_DIFF_UNCHANGED;
}

static guint64
entry_address (MapscopeDiff            *self,
               const MapscopeDiffEntry *entry)
{
  if (entry->new_index >= 0)
    return mapscope_snapshot_get_region (self->new_snapshot, entry->new_index)->start;
  return mapscope_snapshot_get_region (self->old_snapshot, entry->old_index)->start;
}

/* Puts the entries in address order (new addresses, and old ones for the
 * removed) without sorting: new regions and old regions are each in order
 * already, so it is a merge of two ordered walks. */
static void
order_entries (Builder *b)
{
  MapscopeDiff *self = b->diff;
  GArray *ordered = g_array_sized_new (FALSE, FALSE, sizeof (MapscopeDiffEntry),
                                       self->entries->len);
  const MapscopeDiffEntry *entries = (const MapscopeDiffEntry *) self->entries->data;
  guint i = 0;
  guint j = 0;

  for (;;)
    {
      const MapscopeDiffEntry *next_new = NULL;
      const MapscopeDiffEntry *next_removed = NULL;

      for (; i < b->new_side.n_regions && next_new == NULL; i++)
        if (entries[b->new_side.entry[i]].new_index == (gint) i)
          next_new = &entries[b->new_side.entry[i]];
      for (; j < b->old_side.n_regions && next_removed == NULL; j++)
        {
          const MapscopeDiffEntry *entry = &entries[b->old_side.entry[j]];

          if (entry->n_new == 0 && entry->old_index == (gint) j)
            next_removed = entry;
        }

      if (next_new == NULL && next_removed == NULL)
        break;
      if (next_new != NULL && next_removed != NULL)
        {
          /* emit the lower one; the other walk steps back to it next time */
          if (entry_address (self, next_removed) < entry_address (self, next_new))
            {
              g_array_append_val (ordered, *next_removed);
              i--;
            }
          else
            {
              g_array_append_val (ordered, *next_new);
              j--;
            }
          continue;
        }
      g_array_append_vals (ordered, next_new != NULL ? next_new : next_removed, 1);
    }

  g_assert (ordered->len == self->entries->len);
  g_array_unref (self->entries);
  self->entries = ordered;
}

static void
finish_entries (Builder *b)
{
  MapscopeDiff *self = b->diff;

  self->new_entry = g_new (gint, MAX (b->new_side.n_regions, 1));
  for (guint e = 0; e < self->entries->len; e++)
    {
      MapscopeDiffEntry *entry = &g_array_index (self->entries, MapscopeDiffEntry, e);
      const guint *members;
      guint n_members;

      entry->status = entry_status (self, entry);
      self->counts[entry->status]++;
      if (self->same_layout && (entry->match & MAPSCOPE_DIFF_MATCH_IDENTITY)
          && !overlaps_raw (self, entry))
        entry->match |= MAPSCOPE_DIFF_MATCH_MOVED;

      members = mapscope_diff_get_members (self, entry, TRUE, &n_members);
      for (guint m = 0; m < n_members; m++)
        self->new_entry[members[m]] = e;
    }
}

/* Per category, then the totals as their sum. A smaps_rollup snapshot has
 * no regions: its totals come from its summary. */
static void
compute_totals (MapscopeDiff *self)
{
  MapscopeSnapshot *snapshots[] = { self->old_snapshot, self->new_snapshot };

  for (guint s = 0; s < G_N_ELEMENTS (snapshots); s++)
    {
      gint64 sign = s == 0 ? -1 : 1;
      guint64 sums[MAPSCOPE_N_CATEGORIES][MAPSCOPE_N_KNOWN_FIELDS] = { { 0, }, };
      guint counts[MAPSCOPE_N_CATEGORIES] = { 0, };
      const MapscopeRegion *regions;
      guint n_regions;

      regions = mapscope_snapshot_get_regions (snapshots[s], &n_regions);
      for (guint i = 0; i < n_regions; i++)
        {
          const MapscopeRegion *region = &regions[i];
          guint64 *sum = sums[region->category];

          counts[region->category]++;
          if (G_LIKELY (!(region->flags & MAPSCOPE_REGION_HAS_EXTRAS)))
            {
              /* all slots, which the compiler vectorises; the size is
               * corrected below */
              for (guint f = 0; f < MAPSCOPE_N_KNOWN_FIELDS; f++)
                sum[f] += region->values[f];
              sum[MAPSCOPE_FIELD_SIZE] -= region->values[MAPSCOPE_FIELD_SIZE];
            }
          else
            {
              for (guint f = MAPSCOPE_FIELD_SIZE + 1; f < MAPSCOPE_N_KNOWN_FIELDS; f++)
                sum[f] += region_value (snapshots[s], region, f);
            }
          /* the address range, whether or not the input gave a Size */
          sum[MAPSCOPE_FIELD_SIZE] += mapscope_region_get_size (region) / 1024;
        }

      for (guint c = 0; c < MAPSCOPE_N_CATEGORIES; c++)
        {
          self->count_deltas[c] += (gint) sign * (gint) counts[c];
          for (guint f = 0; f < MAPSCOPE_N_KNOWN_FIELDS; f++)
            {
              self->deltas[c][f] += sign * (gint64) sums[c][f];
              self->deltas[MAPSCOPE_N_CATEGORIES][f] += sign * (gint64) sums[c][f];
            }
        }

      if (n_regions == 0 && mapscope_snapshot_get_rollup (snapshots[s]) != NULL)
        {
          MapscopeSummary *summary = s == 0 ? mapscope_diff_get_old_summary (self)
                                            : mapscope_diff_get_new_summary (self);
          const MapscopeTotals *totals = mapscope_summary_get_totals (summary);

          for (guint f = 0; f < MAPSCOPE_N_KNOWN_FIELDS; f++)
            self->deltas[MAPSCOPE_N_CATEGORIES][f] += sign * (gint64) totals->values[f];
        }
    }
}

/**
 * mapscope_diff_new:
 *
 * Pairs the regions of @old_snapshot with those of @new_snapshot, which may
 * come from one process or from two runs of the same program.
 *
 * Returns: (transfer full): the diff
 */
MapscopeDiff *
mapscope_diff_new (MapscopeSnapshot *old_snapshot,
                   MapscopeSnapshot *new_snapshot)
{
  MapscopeDiff *self;
  Builder b;

  g_return_val_if_fail (MAPSCOPE_IS_SNAPSHOT (old_snapshot), NULL);
  g_return_val_if_fail (MAPSCOPE_IS_SNAPSHOT (new_snapshot), NULL);

  self = g_object_new (MAPSCOPE_TYPE_DIFF, NULL);
  self->old_snapshot = g_object_ref (old_snapshot);
  self->new_snapshot = g_object_ref (new_snapshot);

  self->fields = 1u << MAPSCOPE_FIELD_SIZE;
  for (guint f = 0; f < MAPSCOPE_N_KNOWN_FIELDS; f++)
    {
      if (mapscope_snapshot_has_field (old_snapshot, f) || mapscope_snapshot_has_field (new_snapshot, f))
        self->fields |= 1u << f;
    }

  b.diff = self;
  side_init (&b.old_side, old_snapshot);
  side_init (&b.new_side, new_snapshot);
  self->old_regions = b.old_side.regions;
  self->new_regions = b.new_side.regions;
  self->entries = g_array_sized_new (FALSE, FALSE, sizeof (MapscopeDiffEntry),
                                     MAX (b.old_side.n_regions, b.new_side.n_regions));

  collect_identity_items (&b.old_side);
  collect_identity_items (&b.new_side);
  pair_equal_keys (&b, compare_identity, MAPSCOPE_DIFF_MATCH_IDENTITY);
  self->same_layout = guess_same_layout (&b);
  find_anchors (&b);

  pair_overlaps (&b, FALSE);
  /* in one process, anonymous memory unmapped here and mapped there is a
   * removal and an addition, not a move */
  if (!self->same_layout)
    {
      pair_overlaps (&b, TRUE);
      pair_moved (&b);
    }
  add_unpaired (&b, &b.old_side, TRUE);
  add_unpaired (&b, &b.new_side, FALSE);

  order_entries (&b);
  finish_entries (&b);
  compute_totals (self);

  side_clear (&b.old_side);
  side_clear (&b.new_side);
  g_free (b.shifts);
  g_free (b.anchors);

  return self;
}

static void
mapscope_diff_finalize (GObject *object)
{
  MapscopeDiff *self = MAPSCOPE_DIFF (object);

  g_clear_object (&self->old_snapshot);
  g_clear_object (&self->new_snapshot);
  g_clear_pointer (&self->old_summary, mapscope_summary_free);
  g_clear_pointer (&self->new_summary, mapscope_summary_free);
  g_clear_pointer (&self->entries, g_array_unref);
  g_clear_pointer (&self->members, g_array_unref);
  g_clear_pointer (&self->new_entry, g_free);

  G_OBJECT_CLASS (mapscope_diff_parent_class)->finalize (object);
}

static void
mapscope_diff_class_init (MapscopeDiffClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mapscope_diff_finalize;
}

static void
mapscope_diff_init (MapscopeDiff *self)
{
  self->members = g_array_new (FALSE, FALSE, sizeof (guint));
}

/**
 * mapscope_diff_get_old_snapshot:
 *
 * Returns: (transfer none): the baseline
 */
MapscopeSnapshot *
mapscope_diff_get_old_snapshot (MapscopeDiff *self)
{
  g_return_val_if_fail (MAPSCOPE_IS_DIFF (self), NULL);
  return self->old_snapshot;
}

/**
 * mapscope_diff_get_new_snapshot:
 *
 * Returns: (transfer none): the snapshot compared with the baseline
 */
MapscopeSnapshot *
mapscope_diff_get_new_snapshot (MapscopeDiff *self)
{
  g_return_val_if_fail (MAPSCOPE_IS_DIFF (self), NULL);
  return self->new_snapshot;
}

/**
 * mapscope_diff_get_old_summary:
 *
 * Returns: (transfer none): the totals of the baseline
 */
MapscopeSummary *
mapscope_diff_get_old_summary (MapscopeDiff *self)
{
  g_return_val_if_fail (MAPSCOPE_IS_DIFF (self), NULL);
  if (self->old_summary == NULL)
    self->old_summary = mapscope_summary_new (self->old_snapshot);
  return self->old_summary;
}

/**
 * mapscope_diff_get_new_summary:
 *
 * Returns: (transfer none): the totals of the new snapshot
 */
MapscopeSummary *
mapscope_diff_get_new_summary (MapscopeDiff *self)
{
  g_return_val_if_fail (MAPSCOPE_IS_DIFF (self), NULL);
  if (self->new_summary == NULL)
    self->new_summary = mapscope_summary_new (self->new_snapshot);
  return self->new_summary;
}

/* TRUE when most file mappings kept their addresses: one process, rather
 * than two runs under different address-space layouts. */
gboolean
mapscope_diff_get_same_layout (MapscopeDiff *self)
{
  g_return_val_if_fail (MAPSCOPE_IS_DIFF (self), FALSE);
  return self->same_layout;
}

guint
mapscope_diff_get_n_entries (MapscopeDiff *self)
{
  g_return_val_if_fail (MAPSCOPE_IS_DIFF (self), 0);
  return self->entries->len;
}

/* Entries are in address order: new addresses, old ones for removed
 * regions. */
const MapscopeDiffEntry *
mapscope_diff_get_entry (MapscopeDiff *self,
                         guint         index)
{
  g_return_val_if_fail (MAPSCOPE_IS_DIFF (self), NULL);
  g_return_val_if_fail (index < self->entries->len, NULL);
  return &g_array_index (self->entries, MapscopeDiffEntry, index);
}

/**
 * mapscope_diff_get_members:
 * @new_side: the new snapshot's regions, rather than the old one's
 *
 * Returns: (transfer none): the region indices, by address, of one side of
 *   @entry; @n_members of them
 */
const guint *
mapscope_diff_get_members (MapscopeDiff            *self,
                           const MapscopeDiffEntry *entry,
                           gboolean                 new_side,
                           guint                   *n_members)
{
  *n_members = new_side ? entry->n_new : entry->n_old;
  if (entry->n_old <= 1 && entry->n_new <= 1)
    return (const guint *) (new_side ? &entry->new_index : &entry->old_index);
  return &g_array_index (self->members, guint, entry->members + (new_side ? entry->n_old : 0));
}

/* The entry holding region @new_index of the new snapshot. */
gint
mapscope_diff_find_new_entry (MapscopeDiff *self,
                              guint         new_index)
{
  g_return_val_if_fail (MAPSCOPE_IS_DIFF (self), -1);
  g_return_val_if_fail (new_index < mapscope_snapshot_get_n_regions (self->new_snapshot), -1);
  return self->new_entry[new_index];
}

guint
mapscope_diff_count_status (MapscopeDiff       *self,
                            MapscopeDiffStatus  status)
{
  g_return_val_if_fail (MAPSCOPE_IS_DIFF (self), 0);
  g_return_val_if_fail (status < MAPSCOPE_DIFF_N_STATUSES, 0);
  return self->counts[status];
}

/* Whether either snapshot carries @field; the size always counts, from the
 * addresses. */
gboolean
mapscope_diff_has_field (MapscopeDiff  *self,
                         MapscopeField  field)
{
  g_return_val_if_fail (MAPSCOPE_IS_DIFF (self), FALSE);
  return field < MAPSCOPE_N_KNOWN_FIELDS && (self->fields & (1u << field)) != 0;
}

/* The sum of @field, in kB, over one side of @entry. */
gint64
mapscope_diff_get_entry_value (MapscopeDiff            *self,
                               const MapscopeDiffEntry *entry,
                               gboolean                 new_side,
                               MapscopeField            field)
{
  g_return_val_if_fail (MAPSCOPE_IS_DIFF (self), 0);
  g_return_val_if_fail (field < MAPSCOPE_N_KNOWN_FIELDS, 0);
  return sum_side (self, entry, new_side, field);
}

gint64
mapscope_diff_get_entry_delta (MapscopeDiff            *self,
                               const MapscopeDiffEntry *entry,
                               MapscopeField            field)
{
  g_return_val_if_fail (MAPSCOPE_IS_DIFF (self), 0);
  g_return_val_if_fail (field < MAPSCOPE_N_KNOWN_FIELDS, 0);
  return sum_side (self, entry, TRUE, field) - sum_side (self, entry, FALSE, field);
}

gint64
mapscope_diff_get_total_delta (MapscopeDiff  *self,
                               MapscopeField  field)
{
  g_return_val_if_fail (MAPSCOPE_IS_DIFF (self), 0);
  g_return_val_if_fail (field < MAPSCOPE_N_KNOWN_FIELDS, 0);
  return self->deltas[MAPSCOPE_N_CATEGORIES][field];
}

gint64
mapscope_diff_get_category_delta (MapscopeDiff     *self,
                                  MapscopeCategory  category,
                                  MapscopeField     field)
{
  g_return_val_if_fail (MAPSCOPE_IS_DIFF (self), 0);
  g_return_val_if_fail (category < MAPSCOPE_N_CATEGORIES, 0);
  g_return_val_if_fail (field < MAPSCOPE_N_KNOWN_FIELDS, 0);
  return self->deltas[category][field];
}

gint
mapscope_diff_get_category_count_delta (MapscopeDiff     *self,
                                        MapscopeCategory  category)
{
  g_return_val_if_fail (MAPSCOPE_IS_DIFF (self), 0);
  g_return_val_if_fail (category < MAPSCOPE_N_CATEGORIES, 0);
  return self->count_deltas[category];
}
