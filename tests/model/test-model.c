/* test-model.c: the workspace, the region filter, the region list, the palette
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "mapscope-core.h"

static MapscopeDocument *
load_real (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "real", name, NULL);
  g_autoptr(GError) error = NULL;
  MapscopeDocument *document = mapscope_document_load_path (path, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  return document;
}

/* Counts the regions of @snapshot that @predicate accepts, independently of
 * the filter under test. */
typedef gboolean (*RegionPredicate) (const MapscopeRegion *region,
                                     MapscopeSnapshot     *snapshot);

static guint
count_regions (MapscopeSnapshot *snapshot,
               RegionPredicate   predicate)
{
  guint n = 0, count = 0;
  const MapscopeRegion *regions = mapscope_snapshot_get_regions (snapshot, &n);

  for (guint i = 0; i < n; i++)
    count += predicate (&regions[i], snapshot) ? 1 : 0;

  return count;
}

static guint
count_matching (MapscopeRegionFilter *filter,
                MapscopeSnapshot     *snapshot)
{
  guint n = 0, count = 0;
  const MapscopeRegion *regions = mapscope_snapshot_get_regions (snapshot, &n);

  for (guint i = 0; i < n; i++)
    count += mapscope_region_filter_matches (filter, snapshot, &regions[i]) ? 1 : 0;

  return count;
}

static gboolean
path_has_libz (const MapscopeRegion *region,
               MapscopeSnapshot     *snapshot)
{
  return region->path != NULL && g_strrstr (region->path, "libz") != NULL;
}

static gboolean
is_not_library (const MapscopeRegion *region,
                MapscopeSnapshot     *snapshot)
{
  return region->category != MAPSCOPE_CATEGORY_LIBRARY;
}

static gboolean
is_writable_private (const MapscopeRegion *region,
                     MapscopeSnapshot     *snapshot)
{
  return (region->perms & MAPSCOPE_PERM_WRITE) && !(region->perms & MAPSCOPE_PERM_SHARED);
}

static gboolean
is_big_resident (const MapscopeRegion *region,
                 MapscopeSnapshot     *snapshot)
{
  return mapscope_region_get_size (region) >= 1024 * 1024 &&
         mapscope_snapshot_get_value_or_zero (snapshot, region, MAPSCOPE_FIELD_RSS) <= 64;
}

static void
on_changed (MapscopeRegionFilter *filter,
            gint                  hint,
            gpointer              user_data)
{
  gint *last_hint = user_data;

  *last_hint = hint;
}

static void
test_filter (void)
{
  g_autoptr(MapscopeDocument) document = load_real ("zoo.smaps");
  MapscopeSnapshot *snapshot = mapscope_document_get_snapshot (document, 0);
  g_autoptr(MapscopeRegionFilter) filter = mapscope_region_filter_new ();
  guint total = mapscope_snapshot_get_n_regions (snapshot);
  guint64 address = 0;
  gint hint = -1;

  g_signal_connect (filter, "changed", G_CALLBACK (on_changed), &hint);
  g_assert_false (mapscope_region_filter_is_active (filter));
  g_assert_cmpuint (count_matching (filter, snapshot), ==, total);

  /* Text narrows by path, case-insensitively; adding letters is stricter. */
  mapscope_region_filter_set_text (filter, "LIB");
  mapscope_region_filter_set_text (filter, "LIBZ");
  g_assert_cmpint (hint, ==, 2);
  g_assert_cmpuint (count_matching (filter, snapshot), ==, count_regions (snapshot, path_has_libz));
  g_assert_cmpuint (count_matching (filter, snapshot), ==, 10);
  mapscope_region_filter_set_text (filter, "");
  g_assert_cmpint (hint, ==, 1);

  /* A hex address selects instead of filtering. */
  mapscope_region_filter_set_text (filter, "0x565276ef9000");
  g_assert_true (mapscope_region_filter_get_address (filter, &address));
  g_assert_cmphex (address, ==, 0x565276ef9000);
  g_assert_cmpstr (mapscope_snapshot_find_region (snapshot, address)->path, ==, "[heap]");
  g_assert_cmpuint (count_matching (filter, snapshot), ==, total);
  mapscope_region_filter_set_text (filter, "deadbeef");
  g_assert_true (mapscope_region_filter_get_address (filter, NULL));
  mapscope_region_filter_set_text (filter, "beef");
  g_assert_false (mapscope_region_filter_get_address (filter, NULL));
  mapscope_region_filter_set_text (filter, NULL);

  mapscope_region_filter_set_category_shown (filter, MAPSCOPE_CATEGORY_LIBRARY, FALSE);
  g_assert_cmpint (hint, ==, 2);
  g_assert_cmpuint (count_matching (filter, snapshot), ==, count_regions (snapshot, is_not_library));
  g_assert_true (mapscope_region_filter_is_active (filter));
  mapscope_region_filter_reset (filter);
  g_assert_cmpuint (count_matching (filter, snapshot), ==, total);

  mapscope_region_filter_set_perm (filter, MAPSCOPE_PERM_WRITE, MAPSCOPE_FILTER_PERM_YES);
  mapscope_region_filter_set_perm (filter, MAPSCOPE_PERM_SHARED, MAPSCOPE_FILTER_PERM_NO);
  g_assert_cmpuint (count_matching (filter, snapshot), ==,
                    count_regions (snapshot, is_writable_private));
  mapscope_region_filter_reset (filter);

  mapscope_region_filter_set_size_range (filter, 1024 * 1024, 0);
  mapscope_region_filter_set_rss_range (filter, 0, 64 * 1024);
  g_assert_cmpuint (count_matching (filter, snapshot), ==, count_regions (snapshot, is_big_resident));
  g_assert_cmpuint (count_matching (filter, snapshot), >, 0);
}

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  gpointer    user_data)
{
  guint *calls = user_data;

  (*calls)++;
}

typedef struct
{
  guint position;
  guint removed;
  guint added;
} Change;

static void
record_change (GListModel *model,
               guint       position,
               guint       removed,
               guint       added,
               Change     *change)
{
  *change = (Change) { position, removed, added };
}

static void
count_notify (GObject    *item,
              GParamSpec *pspec,
              guint      *notified)
{
  (*notified)++;
}

/* A copy lets the same regions through, each of the filter's parts set,
 * and keeps doing so when the original changes. */
static void
test_filter_copy (void)
{
  g_autoptr(MapscopeDocument) zoo = load_real ("zoo.smaps");
  MapscopeSnapshot *snapshot = mapscope_document_get_snapshot (zoo, 0);
  guint n_regions;
  const MapscopeRegion *regions = mapscope_snapshot_get_regions (snapshot, &n_regions);
  g_autoptr(MapscopeRegionFilter) filter = mapscope_region_filter_new ();
  g_autoptr(MapscopeRegionFilter) copy = NULL;
  g_autofree guint *odd = g_new (guint, n_regions);
  guint n_odd = 0;

  for (guint i = 1; i < n_regions; i += 2)
    odd[n_odd++] = i;
  mapscope_region_filter_set_text (filter, "LIB");
  mapscope_region_filter_set_category_shown (filter, MAPSCOPE_CATEGORY_GUARD, FALSE);
  mapscope_region_filter_set_perm (filter, MAPSCOPE_PERM_READ, MAPSCOPE_FILTER_PERM_YES);
  mapscope_region_filter_set_size_range (filter, 4096, 64 * 1024 * 1024);
  mapscope_region_filter_set_only_regions (filter, snapshot, odd, n_odd, "odd ones");
  copy = mapscope_region_filter_copy (filter);

  g_assert_cmpuint (count_matching (filter, snapshot), >, 0);
  g_assert_cmpuint (count_matching (filter, snapshot), <, n_odd);
  for (guint i = 0; i < n_regions; i++)
    g_assert_cmpint (mapscope_region_filter_matches (copy, snapshot, &regions[i]), ==,
                     mapscope_region_filter_matches (filter, snapshot, &regions[i]));
  g_assert_cmpstr (mapscope_region_filter_get_text (copy), ==, "LIB");
  g_assert_cmpstr (mapscope_region_filter_get_only_label (copy), ==, "odd ones");

  mapscope_region_filter_reset (filter);
  g_assert_cmpuint (count_matching (filter, snapshot), ==, n_regions);
  g_assert_cmpuint (count_matching (copy, snapshot), <, n_odd);
  g_assert_true (mapscope_region_filter_has_only_regions (copy));
}

static void
test_region_list (void)
{
  g_autoptr(MapscopeDocument) zoo = load_real ("zoo.smaps");
  g_autoptr(MapscopeDocument) sleep_doc = load_real ("sleep.smaps");
  MapscopeSnapshot *snapshot = mapscope_document_get_snapshot (zoo, 0);
  g_autoptr(MapscopeRegionList) list = mapscope_region_list_new (snapshot);
  g_autoptr(MapscopeRegionItem) heap = NULL;
  const MapscopeRegion *region;
  g_autofree char *path = NULL;
  guint64 rss = 0;
  guint calls = 0;

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==,
                    mapscope_snapshot_get_n_regions (snapshot));
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list)) == MAPSCOPE_TYPE_REGION_ITEM);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), 50));

  region = mapscope_snapshot_find_region (snapshot, 0x565276ef8000);
  heap = g_list_model_get_item (G_LIST_MODEL (list),
                                mapscope_snapshot_get_region_index (snapshot, region));
  g_object_get (heap, "rss", &rss, "path", &path, NULL);
  g_assert_cmpstr (path, ==, "[heap]");
  g_assert_cmpuint (rss, ==, mapscope_snapshot_get_value_or_zero (snapshot, region,
                                                                   MAPSCOPE_FIELD_RSS) * 1024);
  g_assert_true (mapscope_region_item_get_region (heap) == region);

  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), &calls);
  mapscope_region_list_set_snapshot (list, mapscope_document_get_snapshot (sleep_doc, 0));
  g_assert_cmpuint (calls, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==,
                    mapscope_snapshot_get_n_regions (mapscope_document_get_snapshot (sleep_doc, 0)));
  mapscope_region_list_set_snapshot (list, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
}

/* An item stands for its position: another snapshot points the live items
 * at the regions now there and notifies "index"; items-changed covers only
 * the rows gained or lost at the end. */
static void
test_region_list_items_follow_positions (void)
{
  g_autoptr(MapscopeDocument) zoo = load_real ("zoo.smaps");
  g_autoptr(MapscopeDocument) sleep_doc = load_real ("sleep.smaps");
  MapscopeSnapshot *big = mapscope_document_get_snapshot (zoo, 0);
  MapscopeSnapshot *small = mapscope_document_get_snapshot (sleep_doc, 0);
  guint n_big = mapscope_snapshot_get_n_regions (big);
  guint n_small = mapscope_snapshot_get_n_regions (small);
  g_autoptr(MapscopeRegionList) list = mapscope_region_list_new (big);
  g_autoptr(MapscopeRegionItem) first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_autoptr(MapscopeRegionItem) again = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_autoptr(MapscopeRegionItem) last = g_list_model_get_item (G_LIST_MODEL (list), n_big - 1);
  g_autoptr(MapscopeRegionItem) last_again = NULL;
  Change change = { G_MAXUINT, 0, 0 };
  guint first_notified = 0, last_notified = 0;

  g_assert_cmpuint (n_big, >, n_small);
  g_assert_true (first == again);
  g_signal_connect (first, "notify::index", G_CALLBACK (count_notify), &first_notified);
  g_signal_connect (last, "notify::index", G_CALLBACK (count_notify), &last_notified);
  g_signal_connect (list, "items-changed", G_CALLBACK (record_change), &change);

  /* Another order keeps the rows: every live item is notified. */
  mapscope_region_list_sort (list, MAPSCOPE_REGION_SORT_SIZE, TRUE);
  g_assert_cmpuint (change.position, ==, G_MAXUINT);
  g_assert_cmpuint (first_notified, ==, 1);
  g_assert_cmpuint (mapscope_region_item_get_index (first), !=, 0);
  g_assert_cmpuint (mapscope_region_list_get_region_index (list, 0), ==, mapscope_region_item_get_index (first));
  mapscope_region_list_sort (list, MAPSCOPE_REGION_SORT_NONE, FALSE);
  g_assert_cmpuint (first_notified, ==, 2);
  g_assert_cmpuint (last_notified, ==, 2);

  /* Smaller: the tail goes; the first item now shows the small snapshot's
   * first region, the last one is let go with the region it had. */
  mapscope_region_list_set_snapshot (list, small);
  g_assert_cmpuint (change.position, ==, n_small);
  g_assert_cmpuint (change.removed, ==, n_big - n_small);
  g_assert_cmpuint (change.added, ==, 0);
  g_assert_cmpuint (first_notified, ==, 3);
  g_assert_cmpuint (last_notified, ==, 2);
  g_assert_true (mapscope_region_item_get_snapshot (first) == small);
  g_assert_true (mapscope_region_item_get_region (first) == mapscope_snapshot_get_region (small, 0));
  g_assert_true (mapscope_region_item_get_snapshot (last) == big);
  g_assert_cmpuint (mapscope_region_item_get_index (last), ==, n_big - 1);

  /* Larger again: a new item for the regained position, not the one let go. */
  mapscope_region_list_set_snapshot (list, big);
  g_assert_cmpuint (change.position, ==, n_small);
  g_assert_cmpuint (change.removed, ==, 0);
  g_assert_cmpuint (change.added, ==, n_big - n_small);
  last_again = g_list_model_get_item (G_LIST_MODEL (list), n_big - 1);
  g_assert_true (last_again != last);
  g_assert_cmpuint (mapscope_region_item_get_index (last_again), ==, n_big - 1);

  /* Items outlive their list. */
  g_clear_object (&list);
  g_assert_cmpuint (mapscope_region_item_get_index (first), ==, 0);
}

/* The value a column compares, computed here apart from the list: numbers
 * in kB or bytes, texts case-folded and collated. */
static int
compare_regions_by (MapscopeSnapshot     *snapshot,
                    MapscopeRegionSort    sort,
                    const MapscopeRegion *a,
                    const MapscopeRegion *b)
{
  static const MapscopeField fields[] = {
    [MAPSCOPE_REGION_SORT_RSS] = MAPSCOPE_FIELD_RSS,
    [MAPSCOPE_REGION_SORT_PSS] = MAPSCOPE_FIELD_PSS,
    [MAPSCOPE_REGION_SORT_PRIVATE_DIRTY] = MAPSCOPE_FIELD_PRIVATE_DIRTY,
    [MAPSCOPE_REGION_SORT_SWAP] = MAPSCOPE_FIELD_SWAP,
  };
  g_autofree char *text_a = NULL, *text_b = NULL;
  g_autofree char *folded_a = NULL, *folded_b = NULL;
  char perms_a[5], perms_b[5];
  guint64 x = 0, y = 0;

  switch (sort)
    {
    case MAPSCOPE_REGION_SORT_START:
      x = a->start, y = b->start;
      break;
    case MAPSCOPE_REGION_SORT_END:
      x = a->end, y = b->end;
      break;
    case MAPSCOPE_REGION_SORT_SIZE:
      x = a->end - a->start, y = b->end - b->start;
      break;
    case MAPSCOPE_REGION_SORT_RSS:
    case MAPSCOPE_REGION_SORT_PSS:
    case MAPSCOPE_REGION_SORT_PRIVATE_DIRTY:
    case MAPSCOPE_REGION_SORT_SWAP:
      x = mapscope_snapshot_get_value_or_zero (snapshot, a, fields[sort]);
      y = mapscope_snapshot_get_value_or_zero (snapshot, b, fields[sort]);
      break;
    case MAPSCOPE_REGION_SORT_PERMS:
      mapscope_region_format_perms (a, perms_a);
      mapscope_region_format_perms (b, perms_b);
      text_a = g_strdup (perms_a), text_b = g_strdup (perms_b);
      break;
    case MAPSCOPE_REGION_SORT_CATEGORY:
      text_a = g_strdup (mapscope_category_get_name (a->category));
      text_b = g_strdup (mapscope_category_get_name (b->category));
      break;
    case MAPSCOPE_REGION_SORT_PATH:
      text_a = g_strdup (a->path ? a->path : ""), text_b = g_strdup (b->path ? b->path : "");
      break;
    default:
      g_assert_not_reached ();
    }

  if (text_a == NULL)
    return (x > y) - (x < y);
  folded_a = g_utf8_casefold (text_a, -1);
  folded_b = g_utf8_casefold (text_b, -1);
  return CLAMP (g_utf8_collate (folded_a, folded_b), -1, 1);
}

static guint
index_at (MapscopeRegionList *list,
          guint               position)
{
  g_autoptr(MapscopeRegionItem) item = g_list_model_get_item (G_LIST_MODEL (list), position);

  g_assert_nonnull (item);
  return mapscope_region_item_get_index (item);
}

/* Every row once, ordered by @sort, ties in address order. Returns: how
 * many adjacent rows differ in the column */
static guint
assert_sorted (MapscopeRegionList *list,
               MapscopeSnapshot   *snapshot,
               MapscopeRegionSort  sort,
               gboolean            descending)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_autofree gboolean *seen = g_new0 (gboolean, mapscope_snapshot_get_n_regions (snapshot));
  guint previous = 0, changes = 0;

  for (guint position = 0; position < n_items; position++)
    {
      guint index = index_at (list, position);

      g_assert_false (seen[index]);
      seen[index] = TRUE;
      if (position > 0)
        {
          int order = compare_regions_by (snapshot, sort,
                                          mapscope_snapshot_get_region (snapshot, previous),
                                          mapscope_snapshot_get_region (snapshot, index));

          if (descending)
            order = -order;
          g_assert_cmpint (order, <=, 0);
          if (order == 0)
            g_assert_cmpuint (previous, <, index);
          changes += order != 0;
        }
      previous = index;
    }
  return changes;
}

static guint
count_distinct (MapscopeSnapshot   *snapshot,
                MapscopeRegionSort  sort)
{
  guint n_regions = mapscope_snapshot_get_n_regions (snapshot);
  guint distinct = 0;

  for (guint i = 0; i < n_regions; i++)
    {
      gboolean repeated = FALSE;

      for (guint j = 0; j < i && !repeated; j++)
        repeated = compare_regions_by (snapshot, sort, mapscope_snapshot_get_region (snapshot, i),
                                       mapscope_snapshot_get_region (snapshot, j)) == 0;
      distinct += !repeated;
    }
  return distinct;
}

static void
test_region_list_sort (void)
{
  g_autoptr(MapscopeDocument) document = load_real ("python3.smaps");
  MapscopeSnapshot *snapshot = mapscope_document_get_snapshot (document, 0);
  g_autoptr(MapscopeRegionList) list = mapscope_region_list_new (snapshot);
  guint n_regions = mapscope_snapshot_get_n_regions (snapshot);
  gboolean descending;

  g_assert_cmpuint (n_regions, >, 50);
  for (MapscopeRegionSort sort = MAPSCOPE_REGION_SORT_START; sort <= MAPSCOPE_REGION_SORT_PATH; sort++)
    {
      for (guint direction = 0; direction < 2; direction++)
        {
          guint calls = 0;
          gulong handler = g_signal_connect (list, "items-changed",
                                             G_CALLBACK (on_items_changed), &calls);

          mapscope_region_list_sort (list, sort, direction == 1);
          g_signal_handler_disconnect (list, handler);
          /* the same rows in another order: the items stay, each notified */
          g_assert_cmpuint (calls, ==, 0);
          g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, n_regions);
          g_assert_cmpint (mapscope_region_list_get_sort (list, &descending), ==, sort);
          g_assert_cmpint (descending, ==, direction == 1);
          /* Sorted, equal values are adjacent: one change less than values. */
          g_assert_cmpuint (assert_sorted (list, snapshot, sort, direction == 1), ==,
                            count_distinct (snapshot, sort) - 1);
        }
    }

  /* Sorted by RSS, largest first: the first row is not the first region. */
  mapscope_region_list_sort (list, MAPSCOPE_REGION_SORT_RSS, TRUE);
  g_assert_cmpuint (index_at (list, 0), !=, 0);

  /* Back to address order. */
  mapscope_region_list_sort (list, MAPSCOPE_REGION_SORT_NONE, FALSE);
  for (guint position = 0; position < n_regions; position++)
    g_assert_cmpuint (index_at (list, position), ==, position);
}

static guint64
negated_start_key (MapscopeSnapshot *snapshot,
                   guint             index,
                   gpointer          user_data)
{
  gint64 value = -(gint64)(mapscope_snapshot_get_region (snapshot, index)->start >> 12);

  return (guint64)value ^ (G_GUINT64_CONSTANT (1) << 63);
}

static void
test_region_list_filter_and_key (void)
{
  g_autoptr(MapscopeDocument) document = load_real ("python3.smaps");
  MapscopeSnapshot *snapshot = mapscope_document_get_snapshot (document, 0);
  g_autoptr(MapscopeRegionList) list = mapscope_region_list_new (snapshot);
  g_autoptr(MapscopeRegionFilter) filter = mapscope_region_filter_new ();
  guint n_regions = mapscope_snapshot_get_n_regions (snapshot);
  guint expected;

  /* A signed key: descending start addresses, as negated numbers. */
  mapscope_region_list_sort_by_key (list, negated_start_key, NULL, NULL, FALSE);
  assert_sorted (list, snapshot, MAPSCOPE_REGION_SORT_START, TRUE);
  g_assert_cmpuint (index_at (list, 0), ==, n_regions - 1);

  /* Filtered and sorted in one go; the filter is applied on resort. */
  mapscope_region_list_set_filter (list, filter);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, n_regions);
  mapscope_region_filter_set_text (filter, "LIBPYTHON");
  expected = count_matching (filter, snapshot);
  g_assert_cmpuint (expected, >, 0);
  g_assert_cmpuint (expected, <, n_regions);
  mapscope_region_list_resort (list);
  mapscope_region_list_sort (list, MAPSCOPE_REGION_SORT_SIZE, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, expected);
  assert_sorted (list, snapshot, MAPSCOPE_REGION_SORT_SIZE, TRUE);
  for (guint position = 0; position < expected; position++)
    {
      const MapscopeRegion *region = mapscope_snapshot_get_region (snapshot, index_at (list, position));

      g_assert_nonnull (strstr (region->path, "libpython"));
      g_assert_cmpint (mapscope_region_list_find (list, index_at (list, position)), ==, position);
    }
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), expected));
  g_assert_cmpint (mapscope_region_list_find (list, 0), ==, -1);
}

static void
on_filter_changed (MapscopeRegionFilter *filter,
                   gint                  hint,
                   gpointer              user_data)
{
  guint *calls = user_data;

  (*calls)++;
}

static void
test_filter_changed_only (void)
{
  g_autoptr(MapscopeDocument) timeline = load_real ("python-leak-timeline.log");
  MapscopeSnapshot *first = mapscope_document_get_snapshot (timeline, 0);
  MapscopeSnapshot *last = mapscope_document_get_snapshot (timeline, 4);
  g_autoptr(MapscopeDiff) diff = mapscope_diff_new (first, last);
  g_autoptr(MapscopeRegionFilter) filter = mapscope_region_filter_new ();
  guint n_changed = mapscope_diff_count_status (diff, MAPSCOPE_DIFF_NEW) +
                    mapscope_diff_count_status (diff, MAPSCOPE_DIFF_GROWN) +
                    mapscope_diff_count_status (diff, MAPSCOPE_DIFF_SHRUNK);
  guint calls = 0;

  g_assert_cmpuint (n_changed, ==, 1);
  g_signal_connect (filter, "changed", G_CALLBACK (on_filter_changed), &calls);

  /* Without a diff, "changed only" hides nothing. */
  mapscope_region_filter_set_changed_only (filter, TRUE);
  g_assert_cmpuint (calls, ==, 1);
  g_assert_true (mapscope_region_filter_is_active (filter));
  g_assert_cmpuint (count_matching (filter, last), ==, mapscope_snapshot_get_n_regions (last));

  mapscope_region_filter_set_diff (filter, diff);
  g_assert_cmpuint (calls, ==, 2);
  g_assert_true (mapscope_region_filter_get_diff (filter) == diff);
  g_assert_cmpuint (count_matching (filter, last), ==, n_changed);
  /* Another snapshot than the diff's new one is not judged. */
  g_assert_cmpuint (count_matching (filter, first), ==, mapscope_snapshot_get_n_regions (first));

  mapscope_region_filter_reset (filter);
  g_assert_false (mapscope_region_filter_get_changed_only (filter));
  g_assert_cmpuint (count_matching (filter, last), ==, mapscope_snapshot_get_n_regions (last));
  /* Changing the diff with "changed only" off changes nothing shown. */
  calls = 0;
  mapscope_region_filter_set_diff (filter, NULL);
  g_assert_cmpuint (calls, ==, 0);
}

static void
test_workspace (void)
{
  g_autoptr(MapscopeDocument) timeline = load_real ("python-leak-timeline.log");
  g_autoptr(MapscopeWorkspace) workspace = mapscope_workspace_new ();
  GListModel *snapshots = mapscope_workspace_get_snapshots (workspace);
  MapscopeSnapshot *first = mapscope_document_get_snapshot (timeline, 0);
  MapscopeSnapshot *last = mapscope_document_get_snapshot (timeline, 4);

  g_assert_null (mapscope_workspace_get_current (workspace));
  mapscope_workspace_add_document (workspace, timeline);
  g_assert_cmpuint (g_list_model_get_n_items (snapshots), ==, 5);
  g_assert_true (mapscope_workspace_get_current (workspace) == first);

  mapscope_workspace_set_selected_index (workspace, 3);
  g_assert_cmpint (mapscope_workspace_get_selected_index (workspace), ==, 3);
  g_assert_true (mapscope_workspace_get_selected_region (workspace) ==
                 mapscope_snapshot_get_region (first, 3));
  mapscope_workspace_set_selected_index (workspace, 100000);
  g_assert_cmpint (mapscope_workspace_get_selected_index (workspace), ==, -1);

  mapscope_workspace_set_selected_index (workspace, 3);
  g_assert_null (mapscope_workspace_get_diff (workspace));
  mapscope_workspace_set_baseline (workspace, first);
  /* The baseline is the current snapshot: nothing to compare. */
  g_assert_null (mapscope_workspace_get_diff (workspace));
  mapscope_workspace_set_current (workspace, last);
  g_assert_cmpint (mapscope_workspace_get_selected_index (workspace), ==, -1);
  g_assert_nonnull (mapscope_workspace_get_diff (workspace));
  g_assert_true (mapscope_diff_get_old_snapshot (mapscope_workspace_get_diff (workspace)) == first);
  g_assert_true (mapscope_diff_get_new_snapshot (mapscope_workspace_get_diff (workspace)) == last);
  /* The leaking timeline's anonymous memory grew between first and last. */
  g_assert_cmpint (mapscope_diff_get_total_delta (mapscope_workspace_get_diff (workspace),
                                                  MAPSCOPE_FIELD_RSS), >, 0);

  /* Removing the current one moves to its neighbour; the baseline goes too. */
  mapscope_workspace_remove_snapshot (workspace, last);
  g_assert_cmpuint (g_list_model_get_n_items (snapshots), ==, 4);
  g_assert_true (mapscope_workspace_get_current (workspace) ==
                 mapscope_document_get_snapshot (timeline, 3));
  mapscope_workspace_remove_snapshot (workspace, first);
  g_assert_null (mapscope_workspace_get_baseline (workspace));
  g_assert_null (mapscope_workspace_get_diff (workspace));
  g_assert_nonnull (mapscope_workspace_get_filter (workspace));
}

static void
test_workspace_insert (void)
{
  g_autoptr(MapscopeDocument) timeline = load_real ("python-leak-timeline.log");
  g_autoptr(MapscopeDocument) zoo = load_real ("zoo.smaps");
  g_autoptr(MapscopeWorkspace) workspace = mapscope_workspace_new ();
  GListModel *snapshots = mapscope_workspace_get_snapshots (workspace);
  MapscopeSnapshot *inserted = mapscope_document_get_snapshot (zoo, 0);
  MapscopeSnapshot *third = mapscope_document_get_snapshot (timeline, 2);
  g_autoptr(MapscopeSnapshot) item = NULL;
  g_autoptr(MapscopeSnapshot) last = NULL;

  /* Into an empty workspace: it becomes current. */
  mapscope_workspace_insert_snapshot (workspace, third, 7);
  g_assert_true (mapscope_workspace_get_current (workspace) == third);
  mapscope_workspace_remove_snapshot (workspace, third);

  mapscope_workspace_add_document (workspace, timeline);
  mapscope_workspace_insert_snapshot (workspace, inserted, 2);
  g_assert_cmpuint (g_list_model_get_n_items (snapshots), ==, 6);
  item = g_list_model_get_item (snapshots, 2);
  g_assert_true (item == inserted);
  g_clear_object (&item);
  item = g_list_model_get_item (snapshots, 3);
  g_assert_true (item == third);
  /* The current one stays. */
  g_assert_true (mapscope_workspace_get_current (workspace) ==
                 mapscope_document_get_snapshot (timeline, 0));

  /* A position past the end appends. */
  mapscope_workspace_remove_snapshot (workspace, inserted);
  mapscope_workspace_insert_snapshot (workspace, inserted, 100);
  last = g_list_model_get_item (snapshots, 5);
  g_assert_true (last == inserted);
}

static void
test_palette (void)
{
  /* Every category has a color of its own, in both modes. */
  for (gboolean dark = FALSE; dark <= TRUE; dark++)
    {
      for (guint a = 0; a < MAPSCOPE_N_CATEGORIES; a++)
        {
          g_autofree char *css_a = mapscope_palette_category_css (a, dark);

          g_assert_cmpuint (strlen (css_a), ==, 7);
          for (guint b = a + 1; b < MAPSCOPE_N_CATEGORIES; b++)
            {
              g_autofree char *css_b = mapscope_palette_category_css (b, dark);

              g_assert_cmpstr (css_a, !=, css_b);
            }
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/filter", test_filter);
  g_test_add_func ("/model/filter/changed-only", test_filter_changed_only);
  g_test_add_func ("/model/filter/copy", test_filter_copy);
  g_test_add_func ("/model/region-list", test_region_list);
  g_test_add_func ("/model/region-list/items-follow-positions", test_region_list_items_follow_positions);
  g_test_add_func ("/model/region-list/sort", test_region_list_sort);
  g_test_add_func ("/model/region-list/filter-and-key", test_region_list_filter_and_key);
  g_test_add_func ("/model/workspace", test_workspace);
  g_test_add_func ("/model/workspace-insert", test_workspace_insert);
  g_test_add_func ("/model/palette", test_palette);

  return g_test_run ();
}
