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
 * Paths are numbered alike in both snapshots (a class being one number), and
 * each pass gathers its items by class with a counting sort that keeps
 * region order; within a class they are then mostly in the order wanted
 * already, and sorted only when not. The entries are put in address order
 * by merging two ordered walks, and the deltas are summed over the entries
 * as they are: a pair of regions with the same values counts for nothing,
 * so only what changed is added up. The whole is O(n log n) at worst, and
 * about linear for real snapshots.
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
 * into the new snapshot's layout. The passes keep items grouped by class
 * (one path or kernel name, or anonymous memory), so the class itself is not
 * kept here. */
typedef struct
{
  guint64  start;
  guint64  end;
  guint64  key;     /* the file offset; the size in pass 3 */
  guint    index;
  guint8   perms;
} Item;

typedef struct
{
  const MapscopeRegion *regions;
  guint                 n_regions;
  gint                 *entry;     /* entry index of each region, -1 while unpaired */
  guint                *classes;   /* class of each region, 0 for anonymous memory */
  guint                *named;     /* the regions with a path, in order */
  guint                 n_named;
  Item                 *items;     /* the current pass's, grouped by class */
  guint                *bucket;    /* [n_classes + 1]: where each class's items start */
} Side;

typedef struct
{
  MapscopeDiff      *diff;
  Side               old_side;
  Side               new_side;
  guint              n_classes;
  GByteArray        *class_is_file;  /* per class: a file, not [heap] and the like */
  guint             *cursor;         /* [n_classes]: where the next item of each class goes */
  MapscopeDiffEntry *entries;        /* as made, pass by pass */
  guint              n_entries;
  guint              first_removed;  /* the removed entries, made last but one, by address */
  guint              n_removed;
  guint64           *shifts;         /* of each old region paired as a file anchor */
  guint8            *anchors;        /* whether shifts[i] is set */
} Builder;

typedef enum
{
  SHIFT_NONE,
  SHIFT_FROM_BELOW,
  SHIFT_FROM_ABOVE,
} ShiftMode;

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

/* The order of passes 1 and 3 within a class: key, permissions, address. */
static inline gboolean
before_by_key (const Item *a,
               const Item *b)
{
  if (a->key != b->key)
    return a->key < b->key;
  if (a->perms != b->perms)
    return a->perms < b->perms;
  return a->start < b->start;
}

/* The order of pass 2 within a class. */
static inline gboolean
before_by_start (const Item *a,
                 const Item *b)
{
  return a->start < b->start;
}

typedef gboolean (*ItemBefore) (const Item *a,
                                const Item *b);

/* Stable: items that compare equal keep their region order. */
static void
merge_sort_items (Item       *items,
                  guint       n_items,
                  Item       *scratch,
                  ItemBefore  before)
{
  guint half = n_items / 2;
  guint i = 0;
  guint j = half;
  guint k = 0;

  if (n_items <= 16)
    {
      for (guint m = 1; m < n_items; m++)
        {
          Item item = items[m];
          guint p = m;

          for (; p > 0 && before (&item, &items[p - 1]); p--)
            items[p] = items[p - 1];
          items[p] = item;
        }
      return;
    }

  merge_sort_items (items, half, scratch, before);
  merge_sort_items (items + half, n_items - half, scratch, before);
  while (i < half && j < n_items)
    scratch[k++] = before (&items[j], &items[i]) ? items[j++] : items[i++];
  while (i < half)
    scratch[k++] = items[i++];
  /* the rest of the upper half is in place already */
  memcpy (items, scratch, sizeof (Item) * k);
}

/* Items are collected in region order, which is mostly the order wanted
 * already: sort only when it is not. */
static inline void
sort_class_items (Item       *items,
                  guint       n_items,
                  ItemBefore  before)
{
  for (guint i = 1; i < n_items; i++)
    {
      if (before (&items[i], &items[i - 1]))
        {
          g_autofree Item *scratch = g_new (Item, n_items);

          merge_sort_items (items, n_items, scratch, before);
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
  side->classes = g_new (guint, MAX (side->n_regions, 1));
  side->named = g_new (guint, MAX (side->n_regions, 1));
  side->n_named = 0;
  side->items = g_new (Item, MAX (side->n_regions, 1));
  side->bucket = NULL;
}

static void
side_clear (Side *side)
{
  g_clear_pointer (&side->entry, g_free);
  g_clear_pointer (&side->classes, g_free);
  g_clear_pointer (&side->named, g_free);
  g_clear_pointer (&side->items, g_free);
  g_clear_pointer (&side->bucket, g_free);
}

/* Numbers the paths of both snapshots alike, so that a class is one number
 * on both sides. Paths are interned per snapshot and neighbours share them
 * (the segments of one library), so only a change of path is looked up. */
static void
number_classes (Builder    *b,
                Side       *side,
                GHashTable *numbers)
{
  const char *last_path = NULL;
  guint last_class = 0;

  for (guint i = 0; i < side->n_regions; i++)
    {
      const char *path = side->regions[i].path;

      if (path == NULL)
        {
          side->classes[i] = 0;
          continue;
        }
      if (path != last_path)
        {
          gpointer number;

          if (!g_hash_table_lookup_extended (numbers, path, NULL, &number))
            {
              guint8 is_file = path[0] != '[';

              number = GUINT_TO_POINTER (b->n_classes++);
              g_hash_table_insert (numbers, (gpointer) path, number);
              g_byte_array_append (b->class_is_file, &is_file, 1);
            }
          last_path = path;
          last_class = GPOINTER_TO_UINT (number);
        }
      side->classes[i] = last_class;
      side->named[side->n_named++] = i;
    }
}

/* Gathers the unpaired regions of @side (anonymous ones only if
 * @with_anonymous, else walking only the regions with a path) as items
 * grouped by class, by a counting sort that keeps region order within each
 * class. Old regions are shifted by the anchor below them, or above them,
 * as @shift_mode says. */
static void
collect_items (Builder   *b,
               Side      *side,
               gboolean   with_anonymous,
               gboolean   key_is_size,
               ShiftMode  shift_mode)
{
  guint *bucket = side->bucket;
  guint *cursor = b->cursor;
  guint n = with_anonymous ? side->n_regions : side->n_named;
  gboolean down = shift_mode == SHIFT_FROM_ABOVE;
  guint64 shift = 0;

  memset (bucket, 0, sizeof (guint) * (b->n_classes + 1));
  for (guint k = 0; k < n; k++)
    {
      guint i = with_anonymous ? k : side->named[k];

      if (side->entry[i] < 0)
        bucket[side->classes[i] + 1]++;
    }
  for (guint c = 0; c < b->n_classes; c++)
    {
      bucket[c + 1] += bucket[c];
      /* walking down, each class fills from its end */
      cursor[c] = down ? bucket[c + 1] : bucket[c];
    }

  for (guint k = 0; k < n; k++)
    {
      guint i = !with_anonymous ? side->named[k] : down ? n - 1 - k : k;
      const MapscopeRegion *region = &side->regions[i];
      guint c = side->classes[i];
      Item *item;

      if (shift_mode != SHIFT_NONE && b->anchors[i])
        shift = b->shifts[i];
      if (side->entry[i] >= 0)
        continue;
      item = &side->items[down ? --cursor[c] : cursor[c]++];
      item->start = region->start + shift;
      item->end = region->end + shift;
      item->key = key_is_size ? region->end - region->start : region->offset;
      item->index = i;
      item->perms = region->perms;
    }
}

static inline Item *
class_items (Side  *side,
             guint  c,
             guint *n_items)
{
  *n_items = side->bucket[c + 1] - side->bucket[c];
  return &side->items[side->bucket[c]];
}

static inline void
set_group_match (MapscopeDiffEntry *entry)
{
  if (entry->n_old == 1 && entry->n_new > 1)
    entry->match |= MAPSCOPE_DIFF_MATCH_SPLIT;
  if (entry->n_old > 1 && entry->n_new == 1)
    entry->match |= MAPSCOPE_DIFF_MATCH_MERGED;
  if (entry->n_old > 1 && entry->n_new > 1)
    entry->match |= MAPSCOPE_DIFF_MATCH_SPLIT | MAPSCOPE_DIFF_MATCH_MERGED;
}

/* Makes an entry of old region @old_index (or -1) and new region
 * @new_index (or -1). */
static inline void
add_pair (Builder *b,
          gint     old_index,
          gint     new_index,
          guint8   match)
{
  guint index = b->n_entries++;

  b->entries[index] = (MapscopeDiffEntry) { old_index, new_index, old_index >= 0, new_index >= 0,
                                            0, 0, match };
  if (old_index >= 0)
    b->old_side.entry[old_index] = index;
  if (new_index >= 0)
    b->new_side.entry[new_index] = index;
}

/* Makes an entry of old items [0, n_old) and new items [0, n_new), at least
 * one of them a group. */
static void
add_group (Builder    *b,
           const Item *old_items,
           guint       n_old,
           const Item *new_items,
           guint       n_new,
           guint8      match)
{
  GArray *members = b->diff->members;
  guint index = b->n_entries++;
  MapscopeDiffEntry *entry = &b->entries[index];
  guint *out;

  *entry = (MapscopeDiffEntry) { old_items[0].index, new_items[0].index, n_old, n_new,
                                 members->len, 0, match };
  set_group_match (entry);

  g_array_set_size (members, members->len + n_old + n_new);
  out = &g_array_index (members, guint, entry->members);
  for (guint i = 0; i < n_old; i++)
    {
      out[i] = old_items[i].index;
      b->old_side.entry[old_items[i].index] = index;
    }
  for (guint i = 0; i < n_new; i++)
    {
      out[n_old + i] = new_items[i].index;
      b->new_side.entry[new_items[i].index] = index;
    }
}

/* Pass 1 and 3: pairs, in address order, items of one class whose keys
 * and permissions are equal. */
static void
pair_equal_keys (Builder *b,
                 Item    *old_items,
                 guint    n_old,
                 Item    *new_items,
                 guint    n_new,
                 guint8   match)
{
  guint i = 0;
  guint j = 0;

  sort_class_items (old_items, n_old, before_by_key);
  sort_class_items (new_items, n_new, before_by_key);
  while (i < n_old && j < n_new)
    {
      const Item *o = &old_items[i];
      const Item *n = &new_items[j];

      if (o->key != n->key ? o->key < n->key : o->perms < n->perms)
        i++;
      else if (o->key != n->key || o->perms != n->perms)
        j++;
      else
        add_pair (b, old_items[i++].index, new_items[j++].index, match);
    }
}

static void
pair_classes_by_key (Builder *b,
                     guint8   match)
{
  for (guint c = 0; c < b->n_classes; c++)
    {
      guint n_old;
      guint n_new;
      Item *old_items = class_items (&b->old_side, c, &n_old);
      Item *new_items = class_items (&b->new_side, c, &n_new);

      if (n_old > 0 && n_new > 0)
        pair_equal_keys (b, old_items, n_old, new_items, n_new, match);
    }
}

/* Pass 1. Then, from the file mappings it paired: whether the layout is
 * the same (a library keeping its address across the two snapshots means
 * one process, or one run without ASLR, and then a moved region is news),
 * and the shift of each, which the anonymous memory around it is assumed
 * to share. */
static void
pair_identity (Builder *b)
{
  guint same = 0;
  guint total = 0;

  collect_items (b, &b->old_side, FALSE, FALSE, SHIFT_NONE);
  collect_items (b, &b->new_side, FALSE, FALSE, SHIFT_NONE);
  pair_classes_by_key (b, MAPSCOPE_DIFF_MATCH_IDENTITY);

  b->shifts = g_new (guint64, MAX (b->old_side.n_regions, 1));
  b->anchors = g_new0 (guint8, MAX (b->old_side.n_regions, 1));
  for (guint e = 0; e < b->n_entries; e++)
    {
      const MapscopeDiffEntry *entry = &b->entries[e];
      guint64 old_start = b->old_side.regions[entry->old_index].start;
      guint64 new_start = b->new_side.regions[entry->new_index].start;

      if (!b->class_is_file->data[b->old_side.classes[entry->old_index]])
        continue;
      total++;
      same += old_start == new_start;
      b->anchors[entry->old_index] = TRUE;
      b->shifts[entry->old_index] = new_start - old_start;
    }

  b->diff->same_layout = total == 0 || same * 2 >= total;
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

      if (i == i0 && j == j0)
        add_pair (b, old_items[i].index, new_items[j].index, MAPSCOPE_DIFF_MATCH_OVERLAP);
      else
        add_group (b, &old_items[i0], i - i0 + 1, &new_items[j0], j - j0 + 1,
                   MAPSCOPE_DIFF_MATCH_OVERLAP);
      i++;
      j++;
    }
}

/* Pass 2: the unpaired regions, per class, by overlapping addresses once
 * old ones are shifted by the anchor below them (or above them). */
static void
pair_overlaps (Builder  *b,
               gboolean  from_above)
{
  collect_items (b, &b->old_side, TRUE, FALSE, from_above ? SHIFT_FROM_ABOVE : SHIFT_FROM_BELOW);
  collect_items (b, &b->new_side, TRUE, FALSE, SHIFT_NONE);

  for (guint c = 0; c < b->n_classes; c++)
    {
      guint n_old;
      guint n_new;
      Item *old_items = class_items (&b->old_side, c, &n_old);
      Item *new_items = class_items (&b->new_side, c, &n_new);

      if (n_old == 0 || n_new == 0)
        continue;
      sort_class_items (old_items, n_old, before_by_start);
      sort_class_items (new_items, n_new, before_by_start);
      sweep_overlaps (b, old_items, n_old, new_items, n_new);
    }
}

/* Pass 3: the identity key, with the size in the offset's place. */
static void
pair_moved (Builder *b)
{
  collect_items (b, &b->old_side, TRUE, TRUE, SHIFT_NONE);
  collect_items (b, &b->new_side, TRUE, TRUE, SHIFT_NONE);
  pair_classes_by_key (b, MAPSCOPE_DIFF_MATCH_MOVED);
}

/* Removed regions are made last but one, in address order, which
 * order_entries() relies on. */
static void
add_unpaired (Builder  *b,
              Side     *side,
              gboolean  is_old)
{
  for (guint i = 0; i < side->n_regions; i++)
    {
      if (side->entry[i] >= 0)
        continue;
      if (is_old)
        add_pair (b, i, -1, 0);
      else
        add_pair (b, -1, i, 0);
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

/* Grown or shrunk by resident memory first (what users watch), then by
 * size, then by swap; a change in other fields alone, such as PSS moving
 * as other processes map a library, leaves a region unchanged. @deciding
 * holds those of the three that either snapshot carries. */
static inline MapscopeDiffStatus
entry_status (MapscopeDiff            *self,
              const MapscopeDiffEntry *entry,
              const MapscopeField     *deciding,
              guint                    n_deciding)
{
  if (entry->n_old == 0)
    return MAPSCOPE_DIFF_NEW;
  if (entry->n_new == 0)
    return MAPSCOPE_DIFF_REMOVED;

  for (guint i = 0; i < n_deciding; i++)
    {
      gint64 delta;

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

/* Adds what @region counts for to the deltas of its category, or takes it
 * away when @sign is -1. */
static void
count_region (MapscopeDiff         *self,
              MapscopeSnapshot     *snapshot,
              const MapscopeRegion *region,
              gint64                sign)
{
  gint64 *deltas = self->deltas[region->category];

  self->count_deltas[region->category] += (gint) sign;
  if (G_LIKELY (!(region->flags & MAPSCOPE_REGION_HAS_EXTRAS)))
    {
      for (guint f = 0; f < MAPSCOPE_N_KNOWN_FIELDS; f++)
        deltas[f] += sign * (gint64) region->values[f];
      deltas[MAPSCOPE_FIELD_SIZE] -= sign * (gint64) region->values[MAPSCOPE_FIELD_SIZE];
    }
  else
    {
      for (guint f = MAPSCOPE_FIELD_SIZE + 1; f < MAPSCOPE_N_KNOWN_FIELDS; f++)
        deltas[f] += sign * (gint64) region_value (snapshot, region, f);
    }
  /* the address range, whether or not the input gave a Size */
  deltas[MAPSCOPE_FIELD_SIZE] += sign * (gint64) (mapscope_region_get_size (region) / 1024);
}

static void
count_side (MapscopeDiff            *self,
            const MapscopeDiffEntry *entry,
            gboolean                 new_side)
{
  MapscopeSnapshot *snapshot = new_side ? self->new_snapshot : self->old_snapshot;
  const MapscopeRegion *regions = new_side ? self->new_regions : self->old_regions;
  const guint *members;
  guint n_members;

  members = mapscope_diff_get_members (self, entry, new_side, &n_members);
  for (guint i = 0; i < n_members; i++)
    count_region (self, snapshot, &regions[members[i]], new_side ? 1 : -1);
}

/* Like memcmp() == 0, but inline and without an early exit: most pairs are
 * equal, which a few vector operations confirm. */
static inline gboolean
values_equal (const guint32 *a,
              const guint32 *b)
{
  guint32 differ = 0;

  for (guint f = 0; f < MAPSCOPE_N_KNOWN_FIELDS; f++)
    differ |= a[f] ^ b[f];
  return differ == 0;
}

/* Whether two regions count alike in every total, and so in the status:
 * same category, size and values, none of them in a side table. Most
 * pairs are, and can skip both. */
static inline gboolean
same_values (const MapscopeRegion *a,
             const MapscopeRegion *b)
{
  return a->category == b->category
         && !((a->flags | b->flags) & MAPSCOPE_REGION_HAS_EXTRAS)
         && mapscope_region_get_size (a) == mapscope_region_get_size (b)
         && values_equal (a->values, b->values);
}

/* Gives entry @e its status, and counts its regions in the deltas: every
 * region is in exactly one entry. */
static inline void
finish_entry (MapscopeDiff        *self,
              guint                e,
              const MapscopeField *deciding,
              guint                n_deciding)
{
  MapscopeDiffEntry *entry = &g_array_index (self->entries, MapscopeDiffEntry, e);

  if (entry->n_old == 1 && entry->n_new == 1
      && same_values (&self->old_regions[entry->old_index], &self->new_regions[entry->new_index]))
    {
      entry->status = MAPSCOPE_DIFF_UNCHANGED;
    }
  else
    {
      entry->status = entry_status (self, entry, deciding, n_deciding);
      count_side (self, entry, FALSE);
      count_side (self, entry, TRUE);
    }
  self->counts[entry->status]++;

  if (self->same_layout && (entry->match & MAPSCOPE_DIFF_MATCH_IDENTITY))
    {
      const MapscopeRegion *old_region = &self->old_regions[entry->old_index];
      const MapscopeRegion *new_region = &self->new_regions[entry->new_index];

      if (!(old_region->start < new_region->end && new_region->start < old_region->end))
        entry->match |= MAPSCOPE_DIFF_MATCH_MOVED;
    }

  if (entry->n_new > 1)
    {
      const guint *members = &g_array_index (self->members, guint, entry->members + entry->n_old);

      for (guint m = 0; m < entry->n_new; m++)
        self->new_entry[members[m]] = e;
    }
  else if (entry->n_new == 1)
    {
      self->new_entry[entry->new_index] = e;
    }
}

/* Puts the entries in address order (new addresses, and old ones for the
 * removed) without sorting, then finishes each: the entries of new regions
 * come by walking those in order, and the removed ones were made in order,
 * so it is a merge of two ordered walks. */
static void
order_entries (Builder *b)
{
  static const MapscopeField candidates[] = {
    MAPSCOPE_FIELD_RSS, MAPSCOPE_FIELD_SIZE, MAPSCOPE_FIELD_SWAP,
  };
  MapscopeDiff *self = b->diff;
  const MapscopeDiffEntry *made = b->entries;
  const MapscopeDiffEntry *removed = &b->entries[b->first_removed];
  const MapscopeRegion *old_regions = b->old_side.regions;
  const MapscopeRegion *new_regions = b->new_side.regions;
  const gint *new_made = b->new_side.entry;
  guint n_new = b->new_side.n_regions;
  guint n_removed = b->n_removed;
  MapscopeField deciding[G_N_ELEMENTS (candidates)];
  guint n_deciding = 0;
  MapscopeDiffEntry *out;
  guint64 next_removed;
  guint e = 0;
  guint r = 0;

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      if (self->fields & (1u << candidates[i]))
        deciding[n_deciding++] = candidates[i];
    }

  self->entries = g_array_sized_new (FALSE, FALSE, sizeof (MapscopeDiffEntry), b->n_entries);
  g_array_set_size (self->entries, b->n_entries);
  out = (MapscopeDiffEntry *) self->entries->data;

  /* the start of the next removed region, or none */
  next_removed = n_removed > 0 ? old_regions[removed[0].old_index].start : G_MAXUINT64;
  for (guint i = 0; i < n_new; i++)
    {
      const MapscopeDiffEntry *entry = &made[new_made[i]];

      if (entry->new_index != (gint) i)
        continue;
      /* the removed regions below this one go first */
      while (next_removed < new_regions[i].start)
        {
          out[e++] = removed[r++];
          next_removed = r < n_removed ? old_regions[removed[r].old_index].start : G_MAXUINT64;
        }
      out[e++] = *entry;
    }
  while (r < n_removed)
    out[e++] = removed[r++];
  g_assert (e == b->n_entries);

  self->new_entry = g_new (gint, MAX (n_new, 1));
  for (e = 0; e < b->n_entries; e++)
    finish_entry (self, e, deciding, n_deciding);
}

/* The totals, as the sum of the categories' deltas. A smaps_rollup
 * snapshot has no regions: its totals come from its summary. */
static void
compute_totals (MapscopeDiff *self)
{
  MapscopeSnapshot *snapshots[] = { self->old_snapshot, self->new_snapshot };

  for (guint c = 0; c < MAPSCOPE_N_CATEGORIES; c++)
    for (guint f = 0; f < MAPSCOPE_N_KNOWN_FIELDS; f++)
      self->deltas[MAPSCOPE_N_CATEGORIES][f] += self->deltas[c][f];

  for (guint s = 0; s < G_N_ELEMENTS (snapshots); s++)
    {
      gint64 sign = s == 0 ? -1 : 1;

      if (mapscope_snapshot_get_n_regions (snapshots[s]) == 0
          && mapscope_snapshot_get_rollup (snapshots[s]) != NULL)
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
  GHashTable *numbers;
  guint8 anonymous = FALSE;
  Builder b = { 0, };

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
  /* every entry holds a region of its own at least */
  b.entries = g_new (MapscopeDiffEntry, MAX (b.old_side.n_regions + b.new_side.n_regions, 1));

  /* class 0 is anonymous memory */
  b.n_classes = 1;
  b.class_is_file = g_byte_array_new ();
  g_byte_array_append (b.class_is_file, &anonymous, 1);
  numbers = g_hash_table_new (g_str_hash, g_str_equal);
  number_classes (&b, &b.old_side, numbers);
  number_classes (&b, &b.new_side, numbers);
  g_hash_table_unref (numbers);
  b.cursor = g_new (guint, b.n_classes);
  b.old_side.bucket = g_new (guint, b.n_classes + 1);
  b.new_side.bucket = g_new (guint, b.n_classes + 1);

  pair_identity (&b);
  pair_overlaps (&b, FALSE);
  /* in one process, anonymous memory unmapped here and mapped there is a
   * removal and an addition, not a move */
  if (!self->same_layout)
    {
      pair_overlaps (&b, TRUE);
      pair_moved (&b);
    }
  b.first_removed = b.n_entries;
  add_unpaired (&b, &b.old_side, TRUE);
  b.n_removed = b.n_entries - b.first_removed;
  add_unpaired (&b, &b.new_side, FALSE);

  order_entries (&b);
  compute_totals (self);

  side_clear (&b.old_side);
  side_clear (&b.new_side);
  g_byte_array_unref (b.class_is_file);
  g_free (b.cursor);
  g_free (b.entries);
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

/* FALSE when the snapshots run two different programs (their lowest file
 * mappings, the executables, differ): then most regions read as new or
 * removed, and the deltas say little. */
gboolean
mapscope_diff_get_same_program (MapscopeDiff *self)
{
  const char *old_program;
  const char *new_program;

  g_return_val_if_fail (MAPSCOPE_IS_DIFF (self), TRUE);

  /* Libraries alone say little: small programs are mostly libc and the
   * dynamic loader. */
  old_program = mapscope_snapshot_get_executable (self->old_snapshot);
  new_program = mapscope_snapshot_get_executable (self->new_snapshot);
  return old_program == NULL || new_program == NULL || strcmp (old_program, new_program) == 0;
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
