/* mapscope-region-filter.c: which regions the table and the map show
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "mapscope-region-filter.h"

#define N_FILTER_PERMS 4  /* read, write, execute, shared */

struct _MapscopeRegionFilter
{
  GObject             parent_instance;

  char               *text;
  char               *text_folded;
  gboolean            has_address;
  guint64             address;
  guint32             hidden_categories;
  MapscopeFilterPerm  perms[N_FILTER_PERMS];
  guint64             size_min;
  guint64             size_max;
  guint64             rss_min;
  guint64             rss_max;

  /* "Only these regions": one bit per region index of only_snapshot */
  MapscopeSnapshot   *only_snapshot;
  guint8             *only_bits;
  guint               only_n_regions;
  char               *only_label;
  gboolean            changed_only;
  MapscopeDiff       *diff;

  /* Case-folded paths of fold_snapshot (weak), keyed by its interned path
   * pointers: folding is most of the cost of a text search otherwise. */
  MapscopeSnapshot   *fold_snapshot;
  GHashTable         *folded_paths;
};

G_DEFINE_FINAL_TYPE (MapscopeRegionFilter, mapscope_region_filter, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The same hints as GtkFilterChange, without depending on GTK. */
enum {
  CHANGE_DIFFERENT = 0,
  CHANGE_LESS_STRICT = 1,
  CHANGE_MORE_STRICT = 2,
};

static void
fold_snapshot_finalized (gpointer  data,
                         GObject  *where_the_snapshot_was)
{
  MapscopeRegionFilter *self = data;

  self->fold_snapshot = NULL;
  g_hash_table_remove_all (self->folded_paths);
}

static void
mapscope_region_filter_finalize (GObject *object)
{
  MapscopeRegionFilter *self = (MapscopeRegionFilter *)object;

  if (self->fold_snapshot != NULL)
    g_object_weak_unref (G_OBJECT (self->fold_snapshot), fold_snapshot_finalized, self);
  g_hash_table_unref (self->folded_paths);
  g_clear_object (&self->diff);

  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->text_folded, g_free);
  g_clear_object (&self->only_snapshot);
  g_clear_pointer (&self->only_bits, g_free);
  g_clear_pointer (&self->only_label, g_free);

  G_OBJECT_CLASS (mapscope_region_filter_parent_class)->finalize (object);
}

static void
mapscope_region_filter_class_init (MapscopeRegionFilterClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mapscope_region_filter_finalize;

  /**
   * MapscopeRegionFilter::changed:
   * @hint: 0 when the result may change either way, 1 when the filter
   *   got less strict, 2 when it got more strict
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);
}

static void
mapscope_region_filter_init (MapscopeRegionFilter *self)
{
  self->folded_paths = g_hash_table_new_full (NULL, NULL, NULL, g_free);
}

MapscopeRegionFilter *
mapscope_region_filter_new (void)
{
  return g_object_new (MAPSCOPE_TYPE_REGION_FILTER, NULL);
}

/**
 * mapscope_region_filter_copy:
 *
 * A filter that lets the same regions through and changes on its own: for
 * a worker thread, since matching fills a cache and the window keeps
 * changing its filter.
 *
 * Returns: (transfer full): the copy
 */
MapscopeRegionFilter *
mapscope_region_filter_copy (MapscopeRegionFilter *self)
{
  MapscopeRegionFilter *copy;

  g_return_val_if_fail (MAPSCOPE_IS_REGION_FILTER (self), NULL);

  copy = mapscope_region_filter_new ();
  copy->text = g_strdup (self->text);
  copy->text_folded = g_strdup (self->text_folded);
  copy->has_address = self->has_address;
  copy->address = self->address;
  copy->hidden_categories = self->hidden_categories;
  memcpy (copy->perms, self->perms, sizeof copy->perms);
  copy->size_min = self->size_min;
  copy->size_max = self->size_max;
  copy->rss_min = self->rss_min;
  copy->rss_max = self->rss_max;
  copy->only_snapshot = self->only_snapshot != NULL ? g_object_ref (self->only_snapshot) : NULL;
  copy->only_bits = self->only_bits != NULL ? g_memdup2 (self->only_bits, self->only_n_regions / 8 + 1)
                                            : NULL;
  copy->only_n_regions = self->only_n_regions;
  copy->only_label = g_strdup (self->only_label);
  copy->changed_only = self->changed_only;
  copy->diff = self->diff != NULL ? g_object_ref (self->diff) : NULL;
  return copy;
}

static void
emit_changed (MapscopeRegionFilter *self,
              gint                  hint)
{
  g_signal_emit (self, signals[CHANGED], 0, hint);
}

/* "0x7f12...", or a bare run of 8 or more hex digits, is an address. */
static gboolean
parse_address (const char *text,
               guint64    *address)
{
  const char *digits = text;
  char *end = NULL;
  gsize len;

  if (g_str_has_prefix (text, "0x") || g_str_has_prefix (text, "0X"))
    digits = text + 2;
  len = strlen (digits);
  if (len == 0 || len > 16 || (digits == text && len < 8))
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      if (!g_ascii_isxdigit (digits[i]))
        return FALSE;
    }

  *address = g_ascii_strtoull (digits, &end, 16);
  return end != NULL && *end == '\0';
}

void
mapscope_region_filter_set_text (MapscopeRegionFilter *self,
                                 const char           *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text ? text : ""));
  gint hint;

  g_return_if_fail (MAPSCOPE_IS_REGION_FILTER (self));

  if (g_strcmp0 (stripped, self->text ? self->text : "") == 0)
    return;

  /* Typing more letters only narrows a substring search. */
  if (self->text != NULL && self->text[0] != '\0' && strstr (stripped, self->text) != NULL)
    hint = CHANGE_MORE_STRICT;
  else if (self->text != NULL && strstr (self->text, stripped) != NULL)
    hint = CHANGE_LESS_STRICT;
  else
    hint = CHANGE_DIFFERENT;

  g_free (self->text);
  g_free (self->text_folded);
  self->text = g_steal_pointer (&stripped);
  self->text_folded = g_utf8_casefold (self->text, -1);
  self->has_address = parse_address (self->text, &self->address);

  /* An address selects its region rather than filtering by path. */
  emit_changed (self, self->has_address ? CHANGE_DIFFERENT : hint);
}

const char *
mapscope_region_filter_get_text (MapscopeRegionFilter *self)
{
  return self->text ? self->text : "";
}

gboolean
mapscope_region_filter_get_address (MapscopeRegionFilter *self,
                                    guint64              *address)
{
  if (self->has_address && address != NULL)
    *address = self->address;
  return self->has_address;
}

void
mapscope_region_filter_set_category_shown (MapscopeRegionFilter *self,
                                           MapscopeCategory      category,
                                           gboolean              shown)
{
  guint32 bit = 1u << category;

  g_return_if_fail (category < MAPSCOPE_N_CATEGORIES);

  if (!!(self->hidden_categories & bit) == !shown)
    return;

  if (shown)
    self->hidden_categories &= ~bit;
  else
    self->hidden_categories |= bit;

  emit_changed (self, shown ? CHANGE_LESS_STRICT : CHANGE_MORE_STRICT);
}

gboolean
mapscope_region_filter_get_category_shown (MapscopeRegionFilter *self,
                                           MapscopeCategory      category)
{
  return (self->hidden_categories & (1u << category)) == 0;
}

static gint
perm_index (guint perm)
{
  switch (perm)
    {
    case MAPSCOPE_PERM_READ:   return 0;
    case MAPSCOPE_PERM_WRITE:  return 1;
    case MAPSCOPE_PERM_EXEC:   return 2;
    case MAPSCOPE_PERM_SHARED: return 3;
    default:                   return -1;
    }
}

/* @perm: one MapscopePerms bit; MAPSCOPE_PERM_SHARED with NO means private. */
void
mapscope_region_filter_set_perm (MapscopeRegionFilter *self,
                                 guint                 perm,
                                 MapscopeFilterPerm    wanted)
{
  gint index = perm_index (perm);
  MapscopeFilterPerm old;

  g_return_if_fail (index >= 0);

  old = self->perms[index];
  if (old == wanted)
    return;

  self->perms[index] = wanted;
  emit_changed (self, old == MAPSCOPE_FILTER_PERM_ANY ? CHANGE_MORE_STRICT
                      : wanted == MAPSCOPE_FILTER_PERM_ANY ? CHANGE_LESS_STRICT
                      : CHANGE_DIFFERENT);
}

MapscopeFilterPerm
mapscope_region_filter_get_perm (MapscopeRegionFilter *self,
                                 guint                 perm)
{
  gint index = perm_index (perm);

  g_return_val_if_fail (index >= 0, MAPSCOPE_FILTER_PERM_ANY);
  return self->perms[index];
}

static void
set_range (MapscopeRegionFilter *self,
           guint64              *min,
           guint64              *max,
           guint64               new_min,
           guint64               new_max)
{
  gboolean stricter, looser;

  if (*min == new_min && *max == new_max)
    return;

  stricter = new_min >= *min && (*max == 0 || (new_max != 0 && new_max <= *max));
  looser = new_min <= *min && (new_max == 0 || (*max != 0 && new_max >= *max));
  *min = new_min;
  *max = new_max;

  emit_changed (self, stricter ? CHANGE_MORE_STRICT : looser ? CHANGE_LESS_STRICT
                                                             : CHANGE_DIFFERENT);
}

void
mapscope_region_filter_set_size_range (MapscopeRegionFilter *self,
                                       guint64               min_bytes,
                                       guint64               max_bytes)
{
  set_range (self, &self->size_min, &self->size_max, min_bytes, max_bytes);
}

void
mapscope_region_filter_get_size_range (MapscopeRegionFilter *self,
                                       guint64              *min_bytes,
                                       guint64              *max_bytes)
{
  *min_bytes = self->size_min;
  *max_bytes = self->size_max;
}

void
mapscope_region_filter_set_rss_range (MapscopeRegionFilter *self,
                                      guint64               min_bytes,
                                      guint64               max_bytes)
{
  set_range (self, &self->rss_min, &self->rss_max, min_bytes, max_bytes);
}

void
mapscope_region_filter_get_rss_range (MapscopeRegionFilter *self,
                                      guint64              *min_bytes,
                                      guint64              *max_bytes)
{
  *min_bytes = self->rss_min;
  *max_bytes = self->rss_max;
}

static gboolean
drop_only_regions (MapscopeRegionFilter *self)
{
  if (self->only_snapshot == NULL)
    return FALSE;

  g_clear_object (&self->only_snapshot);
  g_clear_pointer (&self->only_bits, g_free);
  g_clear_pointer (&self->only_label, g_free);
  self->only_n_regions = 0;
  return TRUE;
}

/**
 * mapscope_region_filter_set_only_regions:
 * @snapshot: the snapshot @indices point into
 * @indices: (array length=n_indices): region indices; out-of-range ones are ignored
 * @label: (nullable): what restricts the view, shown to the user
 *
 * Restricts @snapshot to the given regions, on top of the other criteria.
 * An empty set hides every region of @snapshot.
 */
void
mapscope_region_filter_set_only_regions (MapscopeRegionFilter *self,
                                         MapscopeSnapshot     *snapshot,
                                         const guint          *indices,
                                         guint                 n_indices,
                                         const char           *label)
{
  guint n_regions;

  g_return_if_fail (MAPSCOPE_IS_REGION_FILTER (self));
  g_return_if_fail (MAPSCOPE_IS_SNAPSHOT (snapshot));
  g_return_if_fail (indices != NULL || n_indices == 0);

  drop_only_regions (self);
  n_regions = mapscope_snapshot_get_n_regions (snapshot);
  self->only_snapshot = g_object_ref (snapshot);
  self->only_n_regions = n_regions;
  self->only_bits = g_malloc0 (n_regions / 8 + 1);
  self->only_label = g_strdup (label);
  for (guint i = 0; i < n_indices; i++)
    {
      if (indices[i] < n_regions)
        self->only_bits[indices[i] / 8] |= 1u << (indices[i] % 8);
    }

  emit_changed (self, CHANGE_DIFFERENT);
}

void
mapscope_region_filter_clear_only_regions (MapscopeRegionFilter *self)
{
  g_return_if_fail (MAPSCOPE_IS_REGION_FILTER (self));

  if (drop_only_regions (self))
    emit_changed (self, CHANGE_LESS_STRICT);
}

gboolean
mapscope_region_filter_has_only_regions (MapscopeRegionFilter *self)
{
  g_return_val_if_fail (MAPSCOPE_IS_REGION_FILTER (self), FALSE);
  return self->only_snapshot != NULL;
}

/* Returns: (transfer none) (nullable): the label given with the regions */
const char *
mapscope_region_filter_get_only_label (MapscopeRegionFilter *self)
{
  g_return_val_if_fail (MAPSCOPE_IS_REGION_FILTER (self), NULL);
  return self->only_label;
}

/* Returns: (transfer none) (nullable): the snapshot the regions belong to */
MapscopeSnapshot *
mapscope_region_filter_get_only_snapshot (MapscopeRegionFilter *self)
{
  g_return_val_if_fail (MAPSCOPE_IS_REGION_FILTER (self), NULL);
  return self->only_snapshot;
}

static gboolean
only_regions_match (MapscopeRegionFilter *self,
                    MapscopeSnapshot     *snapshot,
                    const MapscopeRegion *region)
{
  guint index;

  if (self->only_snapshot == NULL || snapshot != self->only_snapshot)
    return TRUE;

  index = mapscope_snapshot_get_region_index (snapshot, region);
  return index < self->only_n_regions && (self->only_bits[index / 8] & (1u << (index % 8))) != 0;
}

void
mapscope_region_filter_reset (MapscopeRegionFilter *self)
{
  if (!mapscope_region_filter_is_active (self))
    return;

  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->text_folded, g_free);
  self->has_address = FALSE;
  self->hidden_categories = 0;
  memset (self->perms, 0, sizeof self->perms);
  self->size_min = self->size_max = self->rss_min = self->rss_max = 0;
  drop_only_regions (self);
  self->changed_only = FALSE;

  emit_changed (self, CHANGE_LESS_STRICT);
}

gboolean
mapscope_region_filter_is_active (MapscopeRegionFilter *self)
{
  for (guint i = 0; i < N_FILTER_PERMS; i++)
    {
      if (self->perms[i] != MAPSCOPE_FILTER_PERM_ANY)
        return TRUE;
    }

  return (self->text != NULL && self->text[0] != '\0') || self->hidden_categories != 0 ||
         self->only_snapshot != NULL ||
         self->size_min != 0 || self->size_max != 0 || self->rss_min != 0 || self->rss_max != 0 ||
         self->changed_only;
}

/**
 * mapscope_region_filter_set_diff:
 * @diff: (nullable): the diff "changed only" goes by
 */
void
mapscope_region_filter_set_diff (MapscopeRegionFilter *self,
                                 MapscopeDiff         *diff)
{
  g_return_if_fail (MAPSCOPE_IS_REGION_FILTER (self));
  g_return_if_fail (diff == NULL || MAPSCOPE_IS_DIFF (diff));

  if (g_set_object (&self->diff, diff) && self->changed_only)
    emit_changed (self, CHANGE_DIFFERENT);
}

/* Returns: (transfer none) (nullable): */
MapscopeDiff *
mapscope_region_filter_get_diff (MapscopeRegionFilter *self)
{
  g_return_val_if_fail (MAPSCOPE_IS_REGION_FILTER (self), NULL);
  return self->diff;
}

void
mapscope_region_filter_set_changed_only (MapscopeRegionFilter *self,
                                         gboolean              changed_only)
{
  g_return_if_fail (MAPSCOPE_IS_REGION_FILTER (self));

  changed_only = !!changed_only;
  if (self->changed_only == changed_only)
    return;
  self->changed_only = changed_only;
  emit_changed (self, changed_only ? CHANGE_MORE_STRICT : CHANGE_LESS_STRICT);
}

gboolean
mapscope_region_filter_get_changed_only (MapscopeRegionFilter *self)
{
  g_return_val_if_fail (MAPSCOPE_IS_REGION_FILTER (self), FALSE);
  return self->changed_only;
}

static gboolean
changed_matches (MapscopeRegionFilter *self,
                 MapscopeSnapshot     *snapshot,
                 const MapscopeRegion *region)
{
  gint entry_index;

  if (!self->changed_only || self->diff == NULL ||
      snapshot != mapscope_diff_get_new_snapshot (self->diff))
    return TRUE;

  entry_index = mapscope_diff_find_new_entry (self->diff,
                                              mapscope_snapshot_get_region_index (snapshot, region));
  return entry_index >= 0 &&
         mapscope_diff_get_entry (self->diff, entry_index)->status != MAPSCOPE_DIFF_UNCHANGED;
}

static gboolean
in_range (guint64 value,
          guint64 min,
          guint64 max)
{
  return value >= min && (max == 0 || value <= max);
}

/* Returns: (transfer none): @region's path case-folded, folded once per
 * distinct path of @snapshot */
static const char *
folded_path (MapscopeRegionFilter *self,
             MapscopeSnapshot     *snapshot,
             const MapscopeRegion *region)
{
  char *folded;

  if (snapshot != self->fold_snapshot)
    {
      if (self->fold_snapshot != NULL)
        g_object_weak_unref (G_OBJECT (self->fold_snapshot), fold_snapshot_finalized, self);
      g_hash_table_remove_all (self->folded_paths);
      self->fold_snapshot = snapshot;
      g_object_weak_ref (G_OBJECT (snapshot), fold_snapshot_finalized, self);
    }

  folded = g_hash_table_lookup (self->folded_paths, region->path);
  if (folded == NULL)
    {
      folded = g_utf8_casefold (region->path, -1);
      g_hash_table_insert (self->folded_paths, (gpointer)region->path, folded);
    }
  return folded;
}

static gboolean
path_matches (MapscopeRegionFilter *self,
              MapscopeSnapshot     *snapshot,
              const MapscopeRegion *region)
{
  if (self->text_folded == NULL || self->text_folded[0] == '\0' || self->has_address)
    return TRUE;
  if (region->path == NULL)
    return FALSE;

  return strstr (folded_path (self, snapshot, region), self->text_folded) != NULL;
}

gboolean
mapscope_region_filter_matches (MapscopeRegionFilter *self,
                                MapscopeSnapshot     *snapshot,
                                const MapscopeRegion *region)
{
  static const guint perm_bits[N_FILTER_PERMS] = {
    MAPSCOPE_PERM_READ, MAPSCOPE_PERM_WRITE, MAPSCOPE_PERM_EXEC, MAPSCOPE_PERM_SHARED,
  };

  if (self->hidden_categories & (1u << region->category))
    return FALSE;

  if (!only_regions_match (self, snapshot, region))
    return FALSE;

  for (guint i = 0; i < N_FILTER_PERMS; i++)
    {
      gboolean has = (region->perms & perm_bits[i]) != 0;

      if ((self->perms[i] == MAPSCOPE_FILTER_PERM_YES && !has) ||
          (self->perms[i] == MAPSCOPE_FILTER_PERM_NO && has))
        return FALSE;
    }

  if (!in_range (mapscope_region_get_size (region), self->size_min, self->size_max))
    return FALSE;

  if ((self->rss_min != 0 || self->rss_max != 0) &&
      !in_range (mapscope_snapshot_get_value_or_zero (snapshot, region, MAPSCOPE_FIELD_RSS) * 1024,
                 self->rss_min, self->rss_max))
    return FALSE;

  return changed_matches (self, snapshot, region) && path_matches (self, snapshot, region);
}
