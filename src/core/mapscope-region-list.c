/* mapscope-region-list.c: a snapshot's regions as a GListModel
 *
 * The regions stay plain structs in the snapshot; list widgets get a small
 * MapscopeRegionItem made on demand for the rows they show.
 *
 * An item stands for a position, not for a region: while it lives, the
 * list hands out the same object for its position and, when the order
 * changes, points it at the region now there and notifies "index". So a
 * new filter or sort emits items-changed only for the rows gained or lost
 * at the end, and a GtkColumnView keeps its row widgets and refills them,
 * instead of building a few thousand cell widgets again (a quarter of a
 * second in GTK 4.8, whose list views keep some 200 rows alive).
 *
 * Filtering and sorting happen here, on an array of (key, index) pairs
 * read straight from the region structs and radix-sorted, rather than in a
 * GtkSortListModel: that one compares item objects through property
 * expressions, which took about a second for 60,000 rows. Strings are
 * ranked once per distinct string (a snapshot has a few hundred distinct
 * paths), so every sort is numeric.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "mapscope-region-list.h"

struct _MapscopeRegionItem
{
  GObject             parent_instance;

  MapscopeSnapshot   *snapshot;
  guint               index;
  /* while the list hands this item out for @position; not a reference */
  MapscopeRegionList *list;
  guint               position;
};

static void forget_item (MapscopeRegionList *self,
                         MapscopeRegionItem *item);

G_DEFINE_FINAL_TYPE (MapscopeRegionItem, mapscope_region_item, G_TYPE_OBJECT)

enum {
  ITEM_PROP_0,
  ITEM_PROP_INDEX,
  ITEM_PROP_START,
  ITEM_PROP_END,
  ITEM_PROP_SIZE,
  ITEM_PROP_RSS,
  ITEM_PROP_PSS,
  ITEM_PROP_PRIVATE_DIRTY,
  ITEM_PROP_SWAP,
  ITEM_PROP_PERMS,
  ITEM_PROP_CATEGORY,
  ITEM_PROP_CATEGORY_ID,
  ITEM_PROP_PATH,
  N_ITEM_PROPS
};

static GParamSpec *item_properties[N_ITEM_PROPS];

static guint64
field_bytes (MapscopeRegionItem *self,
             MapscopeField       field)
{
  const MapscopeRegion *region = mapscope_region_item_get_region (self);

  return mapscope_snapshot_get_value_or_zero (self->snapshot, region, field) * 1024;
}

static void
mapscope_region_item_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  MapscopeRegionItem *self = MAPSCOPE_REGION_ITEM (object);
  const MapscopeRegion *region = mapscope_region_item_get_region (self);
  char perms[5];

  switch (prop_id)
    {
    case ITEM_PROP_INDEX:
      g_value_set_uint (value, self->index);
      break;
    case ITEM_PROP_START:
      g_value_set_uint64 (value, region->start);
      break;
    case ITEM_PROP_END:
      g_value_set_uint64 (value, region->end);
      break;
    case ITEM_PROP_SIZE:
      g_value_set_uint64 (value, mapscope_region_get_size (region));
      break;
    case ITEM_PROP_RSS:
      g_value_set_uint64 (value, field_bytes (self, MAPSCOPE_FIELD_RSS));
      break;
    case ITEM_PROP_PSS:
      g_value_set_uint64 (value, field_bytes (self, MAPSCOPE_FIELD_PSS));
      break;
    case ITEM_PROP_PRIVATE_DIRTY:
      g_value_set_uint64 (value, field_bytes (self, MAPSCOPE_FIELD_PRIVATE_DIRTY));
      break;
    case ITEM_PROP_SWAP:
      g_value_set_uint64 (value, field_bytes (self, MAPSCOPE_FIELD_SWAP));
      break;
    case ITEM_PROP_PERMS:
      mapscope_region_format_perms (region, perms);
      g_value_set_string (value, perms);
      break;
    case ITEM_PROP_CATEGORY:
      g_value_set_string (value, mapscope_category_get_name (region->category));
      break;
    case ITEM_PROP_CATEGORY_ID:
      g_value_set_uint (value, region->category);
      break;
    case ITEM_PROP_PATH:
      g_value_set_string (value, region->path ? region->path : "");
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mapscope_region_item_dispose (GObject *object)
{
  MapscopeRegionItem *self = MAPSCOPE_REGION_ITEM (object);

  /* before the last reference goes, so that the list never hands out a
   * dying item */
  if (self->list != NULL)
    forget_item (self->list, self);

  G_OBJECT_CLASS (mapscope_region_item_parent_class)->dispose (object);
}

static void
mapscope_region_item_finalize (GObject *object)
{
  MapscopeRegionItem *self = MAPSCOPE_REGION_ITEM (object);

  g_clear_object (&self->snapshot);

  G_OBJECT_CLASS (mapscope_region_item_parent_class)->finalize (object);
}

static GParamSpec *
uint64_property (const char *name)
{
  return g_param_spec_uint64 (name, NULL, NULL, 0, G_MAXUINT64, 0,
                              G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
}

static GParamSpec *
string_property (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
}

static void
mapscope_region_item_class_init (MapscopeRegionItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = mapscope_region_item_get_property;
  object_class->dispose = mapscope_region_item_dispose;
  object_class->finalize = mapscope_region_item_finalize;

  item_properties[ITEM_PROP_INDEX] =
    g_param_spec_uint ("index", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  item_properties[ITEM_PROP_START] = uint64_property ("start");
  item_properties[ITEM_PROP_END] = uint64_property ("end");
  item_properties[ITEM_PROP_SIZE] = uint64_property ("size");
  item_properties[ITEM_PROP_RSS] = uint64_property ("rss");
  item_properties[ITEM_PROP_PSS] = uint64_property ("pss");
  item_properties[ITEM_PROP_PRIVATE_DIRTY] = uint64_property ("private-dirty");
  item_properties[ITEM_PROP_SWAP] = uint64_property ("swap");
  item_properties[ITEM_PROP_PERMS] = string_property ("perms");
  item_properties[ITEM_PROP_CATEGORY] = string_property ("category");
  item_properties[ITEM_PROP_CATEGORY_ID] =
    g_param_spec_uint ("category-id", NULL, NULL, 0, MAPSCOPE_N_CATEGORIES, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  item_properties[ITEM_PROP_PATH] = string_property ("path");

  g_object_class_install_properties (object_class, N_ITEM_PROPS, item_properties);
}

static void
mapscope_region_item_init (MapscopeRegionItem *self)
{
}

/**
 * mapscope_region_item_get_snapshot:
 *
 * Returns: (transfer none): the snapshot the region belongs to
 */
MapscopeSnapshot *
mapscope_region_item_get_snapshot (MapscopeRegionItem *self)
{
  return self->snapshot;
}

guint
mapscope_region_item_get_index (MapscopeRegionItem *self)
{
  return self->index;
}

/**
 * mapscope_region_item_get_region:
 *
 * Returns: (transfer none): the region, valid while the snapshot lives
 */
const MapscopeRegion *
mapscope_region_item_get_region (MapscopeRegionItem *self)
{
  return mapscope_snapshot_get_region (self->snapshot, self->index);
}

typedef struct
{
  guint64 key;
  guint   index;
} SortEntry;

struct _MapscopeRegionList
{
  GObject                parent_instance;

  MapscopeSnapshot      *snapshot;
  MapscopeRegionFilter  *filter;
  guint                 *order;        /* position → region index; NULL: all, by address */
  guint                  n_shown;      /* length of order */
  GHashTable            *live_items;   /* position → MapscopeRegionItem, unowned */
  /* Room for 2 × n_entries, kept across sorts: a fresh megabyte would
   * cost as much in page faults as the sort itself. */
  SortEntry             *entries;
  guint                  n_entries;

  MapscopeRegionSort     sort;
  gboolean               descending;
  MapscopeRegionKeyFunc  key_func;
  gpointer               key_data;
  GDestroyNotify         key_destroy;
};

typedef struct
{
  char       *collate_key;
  const char *text;
} RankedText;

#define RADIX_BITS 11
#define RADIX_SIZE (1u << RADIX_BITS)

/* Sorts the @n @entries by key, keeping the order of equal keys, with
 * @scratch room for as many: a least significant digit radix sort, 11 bits
 * a pass (the counts stay in the L1 cache), skipping the digits every key
 * shares (the high bits of sizes and addresses). */
static void
radix_sort_entries (SortEntry *entries,
                    SortEntry *scratch,
                    guint      n)
{
  guint counts[RADIX_SIZE];
  SortEntry *from = entries, *to = scratch;

  for (guint shift = 0; shift < 64; shift += RADIX_BITS)
    {
      guint total = 0;

      memset (counts, 0, RADIX_SIZE * sizeof (guint));
      for (guint i = 0; i < n; i++)
        counts[(from[i].key >> shift) & (RADIX_SIZE - 1)]++;
      if (counts[(from[0].key >> shift) & (RADIX_SIZE - 1)] == n)
        continue;

      for (guint digit = 0; digit < RADIX_SIZE; digit++)
        {
          guint count = counts[digit];

          counts[digit] = total;
          total += count;
        }
      for (guint i = 0; i < n; i++)
        to[counts[(from[i].key >> shift) & (RADIX_SIZE - 1)]++] = from[i];

      from = to;
      to = from == entries ? scratch : entries;
    }

  if (from != entries)
    memcpy (entries, from, n * sizeof (SortEntry));
}

static int
compare_ranked_texts (const void *a,
                      const void *b)
{
  return strcmp (((const RankedText *)a)->collate_key, ((const RankedText *)b)->collate_key);
}

/* The text a string column shows, as one pointer per distinct text:
 * paths are interned in the snapshot, category names are static, and
 * permission strings go through @chunk. */
static const char *
region_text (const MapscopeRegion *region,
             MapscopeRegionSort    sort,
             GStringChunk         *chunk)
{
  char perms[5];

  switch (sort)
    {
    case MAPSCOPE_REGION_SORT_PERMS:
      mapscope_region_format_perms (region, perms);
      return g_string_chunk_insert_const (chunk, perms);
    case MAPSCOPE_REGION_SORT_CATEGORY:
      return mapscope_category_get_name (region->category);
    case MAPSCOPE_REGION_SORT_PATH:
      return region->path != NULL ? region->path : "";
    default:
      g_assert_not_reached ();
    }
}

/* Ranks each distinct text by its case-folded collation key; equal keys
 * share a rank. Returns: text pointer → rank + 1 */
static GHashTable *
rank_texts (MapscopeSnapshot   *snapshot,
            MapscopeRegionSort  sort,
            GStringChunk       *chunk)
{
  g_autoptr(GHashTable) ranks = g_hash_table_new (NULL, NULL);
  g_autoptr(GArray) texts = g_array_new (FALSE, FALSE, sizeof (RankedText));
  guint n_regions;
  const MapscopeRegion *regions = mapscope_snapshot_get_regions (snapshot, &n_regions);
  guint rank = 0;

  for (guint i = 0; i < n_regions; i++)
    {
      const char *text = region_text (&regions[i], sort, chunk);

      if (!g_hash_table_contains (ranks, text))
        {
          g_autofree char *folded = g_utf8_casefold (text, -1);
          RankedText ranked = { g_utf8_collate_key (folded, -1), text };

          g_hash_table_add (ranks, (gpointer)text);
          g_array_append_val (texts, ranked);
        }
    }

  qsort (texts->data, texts->len, sizeof (RankedText), compare_ranked_texts);
  for (guint i = 0; i < texts->len; i++)
    {
      RankedText *ranked = &g_array_index (texts, RankedText, i);

      if (i > 0 && strcmp (ranked->collate_key,
                           g_array_index (texts, RankedText, i - 1).collate_key) != 0)
        rank++;
      g_hash_table_insert (ranks, (gpointer)ranked->text, GUINT_TO_POINTER (rank + 1));
    }
  for (guint i = 0; i < texts->len; i++)
    g_free (g_array_index (texts, RankedText, i).collate_key);

  return g_steal_pointer (&ranks);
}

static guint64
region_key (MapscopeRegionList   *self,
            guint                 index,
            const MapscopeRegion *region,
            GHashTable           *ranks,
            GStringChunk         *chunk)
{
  switch (self->sort)
    {
    case MAPSCOPE_REGION_SORT_START:
      return region->start;
    case MAPSCOPE_REGION_SORT_END:
      return region->end;
    case MAPSCOPE_REGION_SORT_SIZE:
      return mapscope_region_get_size (region);
    case MAPSCOPE_REGION_SORT_RSS:
      return mapscope_snapshot_get_value_or_zero (self->snapshot, region, MAPSCOPE_FIELD_RSS);
    case MAPSCOPE_REGION_SORT_PSS:
      return mapscope_snapshot_get_value_or_zero (self->snapshot, region, MAPSCOPE_FIELD_PSS);
    case MAPSCOPE_REGION_SORT_PRIVATE_DIRTY:
      return mapscope_snapshot_get_value_or_zero (self->snapshot, region,
                                                  MAPSCOPE_FIELD_PRIVATE_DIRTY);
    case MAPSCOPE_REGION_SORT_SWAP:
      return mapscope_snapshot_get_value_or_zero (self->snapshot, region, MAPSCOPE_FIELD_SWAP);
    case MAPSCOPE_REGION_SORT_PERMS:
    case MAPSCOPE_REGION_SORT_CATEGORY:
    case MAPSCOPE_REGION_SORT_PATH:
      return GPOINTER_TO_UINT (g_hash_table_lookup (ranks, region_text (region, self->sort, chunk)));
    case MAPSCOPE_REGION_SORT_KEY:
      return self->key_func (self->snapshot, index, self->key_data);
    case MAPSCOPE_REGION_SORT_NONE:
    default:
      g_assert_not_reached ();
    }
}

/* Rebuilds the order for the current snapshot, filter and sort. */
static void
compute_order (MapscopeRegionList *self)
{
  g_autoptr(GHashTable) ranks = NULL;
  g_autoptr(GStringChunk) chunk = NULL;
  const MapscopeRegion *regions;
  gboolean filtered;
  SortEntry *entries;
  guint n_regions, n_shown = 0;
  guint *order;

  g_clear_pointer (&self->order, g_free);
  self->n_shown = 0;
  if (self->snapshot == NULL)
    return;

  regions = mapscope_snapshot_get_regions (self->snapshot, &n_regions);
  filtered = self->filter != NULL && mapscope_region_filter_is_active (self->filter);
  self->n_shown = n_regions;
  if (n_regions == 0 || (self->sort == MAPSCOPE_REGION_SORT_NONE && !filtered))
    return;

  chunk = g_string_chunk_new (64);
  if (self->sort == MAPSCOPE_REGION_SORT_PERMS || self->sort == MAPSCOPE_REGION_SORT_CATEGORY ||
      self->sort == MAPSCOPE_REGION_SORT_PATH)
    ranks = rank_texts (self->snapshot, self->sort, chunk);

  if (self->n_entries < n_regions)
    {
      g_free (self->entries);
      self->entries = g_new (SortEntry, 2 * (gsize)n_regions);
      self->n_entries = n_regions;
    }
  entries = self->entries;
  for (guint i = 0; i < n_regions; i++)
    {
      guint64 key = 0;

      if (filtered && !mapscope_region_filter_matches (self->filter, self->snapshot, &regions[i]))
        continue;
      if (self->sort != MAPSCOPE_REGION_SORT_NONE)
        key = region_key (self, i, &regions[i], ranks, chunk);

      /* Inverting the key keeps ties in address order both ways. */
      entries[n_shown].key = self->descending ? ~key : key;
      entries[n_shown].index = i;
      n_shown++;
    }
  /* The entries are in address order, and the sort keeps it for ties. */
  if (self->sort != MAPSCOPE_REGION_SORT_NONE && n_shown > 1)
    radix_sort_entries (entries, entries + n_regions, n_shown);

  order = g_new (guint, MAX (n_shown, 1));
  for (guint i = 0; i < n_shown; i++)
    order[i] = entries[i].index;
  self->order = order;
  self->n_shown = n_shown;
}

static void
clear_key_func (MapscopeRegionList *self)
{
  if (self->key_destroy != NULL)
    self->key_destroy (self->key_data);
  self->key_func = NULL;
  self->key_data = NULL;
  self->key_destroy = NULL;
}

static GType
mapscope_region_list_get_item_type (GListModel *model)
{
  return MAPSCOPE_TYPE_REGION_ITEM;
}

static guint
mapscope_region_list_get_n_items (GListModel *model)
{
  MapscopeRegionList *self = MAPSCOPE_REGION_LIST (model);

  return self->n_shown;
}

static guint
region_index_at (MapscopeRegionList *self,
                 guint               position)
{
  return self->order != NULL ? self->order[position] : position;
}

static gpointer
mapscope_region_list_get_item (GListModel *model,
                               guint       position)
{
  MapscopeRegionList *self = MAPSCOPE_REGION_LIST (model);
  MapscopeRegionItem *item;

  if (position >= mapscope_region_list_get_n_items (model))
    return NULL;

  item = g_hash_table_lookup (self->live_items, GUINT_TO_POINTER (position));
  if (item != NULL)
    return g_object_ref (item);

  item = g_object_new (MAPSCOPE_TYPE_REGION_ITEM, NULL);
  item->snapshot = g_object_ref (self->snapshot);
  item->index = region_index_at (self, position);
  item->list = self;
  item->position = position;
  g_hash_table_insert (self->live_items, GUINT_TO_POINTER (position), item);

  return item;
}

static void
forget_item (MapscopeRegionList *self,
             MapscopeRegionItem *item)
{
  g_hash_table_remove (self->live_items, GUINT_TO_POINTER (item->position));
  item->list = NULL;
}

/* Points the live items at the regions now at their positions and
 * returns them (a reference each); those past the end are let go, keeping
 * the region they had. */
static GPtrArray *
move_live_items (MapscopeRegionList *self)
{
  GPtrArray *moved = g_ptr_array_new_full (g_hash_table_size (self->live_items), g_object_unref);
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->live_items);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      MapscopeRegionItem *item = value;

      if (item->position >= self->n_shown)
        {
          item->list = NULL;
          g_hash_table_iter_remove (&iter);
          continue;
        }
      g_set_object (&item->snapshot, self->snapshot);
      item->index = region_index_at (self, item->position);
      g_ptr_array_add (moved, g_object_ref (item));
    }

  return moved;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = mapscope_region_list_get_item_type;
  iface->get_n_items = mapscope_region_list_get_n_items;
  iface->get_item = mapscope_region_list_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (MapscopeRegionList, mapscope_region_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  LIST_PROP_0,
  LIST_PROP_SNAPSHOT,
  N_LIST_PROPS
};

static GParamSpec *list_properties[N_LIST_PROPS];

static void
mapscope_region_list_dispose (GObject *object)
{
  MapscopeRegionList *self = MAPSCOPE_REGION_LIST (object);
  GHashTableIter iter;
  gpointer item;

  /* items may outlive the list */
  g_hash_table_iter_init (&iter, self->live_items);
  while (g_hash_table_iter_next (&iter, NULL, &item))
    ((MapscopeRegionItem *)item)->list = NULL;
  g_hash_table_remove_all (self->live_items);

  g_clear_object (&self->snapshot);
  g_clear_object (&self->filter);
  g_clear_pointer (&self->order, g_free);
  g_clear_pointer (&self->entries, g_free);
  self->n_entries = 0;
  self->n_shown = 0;
  clear_key_func (self);

  G_OBJECT_CLASS (mapscope_region_list_parent_class)->dispose (object);
}

static void
mapscope_region_list_finalize (GObject *object)
{
  MapscopeRegionList *self = MAPSCOPE_REGION_LIST (object);

  g_hash_table_unref (self->live_items);

  G_OBJECT_CLASS (mapscope_region_list_parent_class)->finalize (object);
}

static void
mapscope_region_list_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  MapscopeRegionList *self = MAPSCOPE_REGION_LIST (object);

  switch (prop_id)
    {
    case LIST_PROP_SNAPSHOT:
      g_value_set_object (value, self->snapshot);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mapscope_region_list_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  MapscopeRegionList *self = MAPSCOPE_REGION_LIST (object);

  switch (prop_id)
    {
    case LIST_PROP_SNAPSHOT:
      mapscope_region_list_set_snapshot (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mapscope_region_list_class_init (MapscopeRegionListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mapscope_region_list_dispose;
  object_class->finalize = mapscope_region_list_finalize;
  object_class->get_property = mapscope_region_list_get_property;
  object_class->set_property = mapscope_region_list_set_property;

  list_properties[LIST_PROP_SNAPSHOT] =
    g_param_spec_object ("snapshot", NULL, NULL, MAPSCOPE_TYPE_SNAPSHOT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_LIST_PROPS, list_properties);
}

static void
mapscope_region_list_init (MapscopeRegionList *self)
{
  self->live_items = g_hash_table_new (NULL, NULL);
}

MapscopeRegionList *
mapscope_region_list_new (MapscopeSnapshot *snapshot)
{
  return g_object_new (MAPSCOPE_TYPE_REGION_LIST, "snapshot", snapshot, NULL);
}

/**
 * mapscope_region_list_get_snapshot:
 *
 * Returns: (transfer none) (nullable): the snapshot listed
 */
MapscopeSnapshot *
mapscope_region_list_get_snapshot (MapscopeRegionList *self)
{
  return self->snapshot;
}

/* Recomputes the order, then tells the views: items-changed for the rows
 * gained or lost at the end, and "index" on every live item, which may
 * stand for another region now. */
static void
reorder (MapscopeRegionList *self)
{
  guint old_n_shown = self->n_shown;
  g_autoptr(GPtrArray) moved = NULL;

  compute_order (self);
  moved = move_live_items (self);

  if (self->n_shown < old_n_shown)
    g_list_model_items_changed (G_LIST_MODEL (self), self->n_shown, old_n_shown - self->n_shown, 0);
  else if (self->n_shown > old_n_shown)
    g_list_model_items_changed (G_LIST_MODEL (self), old_n_shown, 0, self->n_shown - old_n_shown);

  for (guint i = 0; i < moved->len; i++)
    g_object_notify_by_pspec (g_ptr_array_index (moved, i), item_properties[ITEM_PROP_INDEX]);
}

void
mapscope_region_list_set_snapshot (MapscopeRegionList *self,
                                   MapscopeSnapshot   *snapshot)
{
  g_return_if_fail (MAPSCOPE_IS_REGION_LIST (self));

  if (self->snapshot == snapshot)
    return;

  g_set_object (&self->snapshot, snapshot);
  reorder (self);
  g_object_notify_by_pspec (G_OBJECT (self), list_properties[LIST_PROP_SNAPSHOT]);
}

/* Returns: (transfer none) (nullable): */
MapscopeRegionFilter *
mapscope_region_list_get_filter (MapscopeRegionList *self)
{
  g_return_val_if_fail (MAPSCOPE_IS_REGION_LIST (self), NULL);
  return self->filter;
}

void
mapscope_region_list_set_filter (MapscopeRegionList   *self,
                                 MapscopeRegionFilter *filter)
{
  g_return_if_fail (MAPSCOPE_IS_REGION_LIST (self));
  g_return_if_fail (filter == NULL || MAPSCOPE_IS_REGION_FILTER (filter));

  if (g_set_object (&self->filter, filter))
    reorder (self);
}

/* The region at @position, without making an item for it. */
guint
mapscope_region_list_get_region_index (MapscopeRegionList *self,
                                       guint               position)
{
  g_return_val_if_fail (MAPSCOPE_IS_REGION_LIST (self), 0);
  g_return_val_if_fail (position < self->n_shown, 0);

  return region_index_at (self, position);
}

gint
mapscope_region_list_find (MapscopeRegionList *self,
                           guint               index)
{
  g_return_val_if_fail (MAPSCOPE_IS_REGION_LIST (self), -1);

  if (self->order == NULL)
    return index < self->n_shown ? (gint)index : -1;
  for (guint position = 0; position < self->n_shown; position++)
    {
      if (self->order[position] == index)
        return (gint)position;
    }
  return -1;
}

/**
 * mapscope_region_list_sort:
 * @sort: a column, or %MAPSCOPE_REGION_SORT_NONE for address order
 *
 * Sorts the rows by @sort; equal rows keep their address order.
 */
void
mapscope_region_list_sort (MapscopeRegionList *self,
                           MapscopeRegionSort  sort,
                           gboolean            descending)
{
  g_return_if_fail (MAPSCOPE_IS_REGION_LIST (self));
  g_return_if_fail (sort != MAPSCOPE_REGION_SORT_KEY);
  g_return_if_fail (sort <= MAPSCOPE_REGION_SORT_KEY);

  clear_key_func (self);
  self->sort = sort;
  self->descending = descending;
  reorder (self);
}

/**
 * mapscope_region_list_sort_by_key:
 * @key_func: gives each region's key
 * @user_data: for @key_func, kept until the order changes
 * @destroy: (nullable): frees @user_data
 *
 * Sorts the rows by the keys @key_func gives, again for each snapshot set.
 */
void
mapscope_region_list_sort_by_key (MapscopeRegionList    *self,
                                  MapscopeRegionKeyFunc  key_func,
                                  gpointer               user_data,
                                  GDestroyNotify         destroy,
                                  gboolean               descending)
{
  g_return_if_fail (MAPSCOPE_IS_REGION_LIST (self));
  g_return_if_fail (key_func != NULL);

  clear_key_func (self);
  self->key_func = key_func;
  self->key_data = user_data;
  self->key_destroy = destroy;
  self->sort = MAPSCOPE_REGION_SORT_KEY;
  self->descending = descending;
  reorder (self);
}

void
mapscope_region_list_resort (MapscopeRegionList *self)
{
  g_return_if_fail (MAPSCOPE_IS_REGION_LIST (self));

  reorder (self);
}

MapscopeRegionSort
mapscope_region_list_get_sort (MapscopeRegionList *self,
                               gboolean           *descending)
{
  g_return_val_if_fail (MAPSCOPE_IS_REGION_LIST (self), MAPSCOPE_REGION_SORT_NONE);

  if (descending != NULL)
    *descending = self->descending;
  return self->sort;
}
