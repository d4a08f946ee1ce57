/* test-diff.c: pairing the regions of two snapshots
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mapscope-test-util.h"

#define MIB_KB 1024

static MapscopeDiff *
diff_crafted (const char        *old_name,
              const char        *new_name,
              MapscopeDocument **old_document,
              MapscopeDocument **new_document)
{
  g_autofree char *old_path = mapscope_test_crafted_path (old_name);
  g_autofree char *new_path = mapscope_test_crafted_path (new_name);

  *old_document = mapscope_test_load_path (old_path);
  *new_document = mapscope_test_load_path (new_path);
  return mapscope_diff_new (mapscope_test_only_snapshot (*old_document),
                            mapscope_test_only_snapshot (*new_document));
}

/* The entry whose new side (or old side, for removed regions) starts at
 * @start. */
static const MapscopeDiffEntry *
entry_at (MapscopeDiff *diff,
          guint64       start)
{
  for (guint i = 0; i < mapscope_diff_get_n_entries (diff); i++)
    {
      const MapscopeDiffEntry *entry = mapscope_diff_get_entry (diff, i);
      MapscopeSnapshot *snapshot = entry->n_new > 0 ? mapscope_diff_get_new_snapshot (diff)
                                                    : mapscope_diff_get_old_snapshot (diff);
      gint index = entry->n_new > 0 ? entry->new_index : entry->old_index;

      if (mapscope_snapshot_get_region (snapshot, index)->start == start)
        return entry;
    }
  g_assert_not_reached ();
}

static void
test_every_status (void)
{
  g_autoptr(MapscopeDocument) old_document = NULL;
  g_autoptr(MapscopeDocument) new_document = NULL;
  g_autoptr(MapscopeDiff) diff = diff_crafted ("diff/old.smaps", "diff/new.smaps",
                                               &old_document, &new_document);
  const MapscopeDiffEntry *entry;
  const guint *members;
  guint n_members;

  g_assert_true (mapscope_diff_get_same_layout (diff));
  g_assert_cmpuint (mapscope_diff_count_status (diff, MAPSCOPE_DIFF_NEW), ==, 1);
  g_assert_cmpuint (mapscope_diff_count_status (diff, MAPSCOPE_DIFF_REMOVED), ==, 1);
  g_assert_cmpuint (mapscope_diff_count_status (diff, MAPSCOPE_DIFF_GROWN), ==, 1);
  g_assert_cmpuint (mapscope_diff_count_status (diff, MAPSCOPE_DIFF_SHRUNK), ==, 1);
  g_assert_cmpuint (mapscope_diff_count_status (diff, MAPSCOPE_DIFF_UNCHANGED), ==, 11);

  entry = entry_at (diff, 0x555555600000);
  g_assert_cmpint (entry->status, ==, MAPSCOPE_DIFF_GROWN);
  g_assert_true (entry->match & MAPSCOPE_DIFF_MATCH_IDENTITY);
  g_assert_cmpint (mapscope_diff_get_entry_delta (diff, entry, MAPSCOPE_FIELD_RSS), ==, 1024);
  g_assert_cmpint (mapscope_diff_get_entry_delta (diff, entry, MAPSCOPE_FIELD_SIZE), ==, MIB_KB);

  entry = entry_at (diff, 0x7f0000200000);
  g_assert_cmpint (entry->status, ==, MAPSCOPE_DIFF_SHRUNK);
  g_assert_cmpint (mapscope_diff_get_entry_delta (diff, entry, MAPSCOPE_FIELD_RSS), ==, -1536);

  entry = entry_at (diff, 0x7f0000500000);
  g_assert_cmpint (entry->status, ==, MAPSCOPE_DIFF_REMOVED);
  g_assert_cmpint (entry->new_index, ==, -1);
  g_assert_cmpint (mapscope_diff_get_entry_delta (diff, entry, MAPSCOPE_FIELD_RSS), ==, -1024);

  entry = entry_at (diff, 0x7f0000d00000);
  g_assert_cmpint (entry->status, ==, MAPSCOPE_DIFF_NEW);
  g_assert_cmpint (entry->old_index, ==, -1);

  /* one old region became two; the group as a whole is unchanged */
  entry = entry_at (diff, 0x7f0000700000);
  g_assert_cmpint (entry->status, ==, MAPSCOPE_DIFF_UNCHANGED);
  g_assert_cmpuint (entry->match & MAPSCOPE_DIFF_MATCH_SPLIT, !=, 0);
  members = mapscope_diff_get_members (diff, entry, TRUE, &n_members);
  g_assert_cmpuint (n_members, ==, 2);
  g_assert_cmpuint (mapscope_snapshot_get_region (mapscope_diff_get_new_snapshot (diff),
                                                  members[1])->start, ==, 0x7f0000800000);

  entry = entry_at (diff, 0x7f0000a00000);
  g_assert_cmpuint (entry->match & MAPSCOPE_DIFF_MATCH_MERGED, !=, 0);
  g_assert_cmpuint (entry->n_old, ==, 2);

  /* the data file was unmapped and mapped again further up */
  entry = entry_at (diff, 0x7f0001e00000);
  g_assert_cmpuint (entry->match & MAPSCOPE_DIFF_MATCH_MOVED, !=, 0);
  g_assert_cmpint (entry->status, ==, MAPSCOPE_DIFF_UNCHANGED);

  g_assert_cmpint (mapscope_diff_get_total_delta (diff, MAPSCOPE_FIELD_RSS), ==, -512);
  g_assert_cmpint (mapscope_diff_get_category_delta (diff, MAPSCOPE_CATEGORY_HEAP, MAPSCOPE_FIELD_RSS),
                   ==, 1024);
  g_assert_cmpint (mapscope_diff_get_category_delta (diff, MAPSCOPE_CATEGORY_ANONYMOUS,
                                                     MAPSCOPE_FIELD_RSS), ==, -1536);
  g_assert_cmpint (mapscope_diff_get_category_count_delta (diff, MAPSCOPE_CATEGORY_ANONYMOUS), ==, 0);

  g_assert_finalize_object (g_steal_pointer (&diff));
}

/* Each entry's new members, and the entries in address order, cover every
 * new region exactly once. */
static void
assert_entries_cover (MapscopeDiff *diff)
{
  MapscopeSnapshot *new_snapshot = mapscope_diff_get_new_snapshot (diff);
  guint n_regions = mapscope_snapshot_get_n_regions (new_snapshot);
  g_autofree guint *seen = g_new0 (guint, MAX (n_regions, 1));

  for (guint i = 0; i < mapscope_diff_get_n_entries (diff); i++)
    {
      const MapscopeDiffEntry *entry = mapscope_diff_get_entry (diff, i);
      guint n_members;
      const guint *members = mapscope_diff_get_members (diff, entry, TRUE, &n_members);

      for (guint m = 0; m < n_members; m++)
        {
          seen[members[m]]++;
          g_assert_cmpint (mapscope_diff_find_new_entry (diff, members[m]), ==, i);
        }
    }
  for (guint r = 0; r < n_regions; r++)
    g_assert_cmpuint (seen[r], ==, 1);
}

static void
test_other_run (void)
{
  g_autoptr(MapscopeDocument) old_document = NULL;
  g_autoptr(MapscopeDocument) new_document = NULL;
  g_autoptr(MapscopeDiff) diff = diff_crafted ("diff/old.smaps", "diff/other-run.smaps",
                                               &old_document, &new_document);

  /* nothing kept its address, yet everything is paired */
  g_assert_false (mapscope_diff_get_same_layout (diff));
  g_assert_cmpuint (mapscope_diff_count_status (diff, MAPSCOPE_DIFF_NEW), ==, 0);
  g_assert_cmpuint (mapscope_diff_count_status (diff, MAPSCOPE_DIFF_REMOVED), ==, 0);
  g_assert_cmpuint (mapscope_diff_count_status (diff, MAPSCOPE_DIFF_UNCHANGED), ==,
                    mapscope_diff_get_n_entries (diff));
  g_assert_cmpint (mapscope_diff_get_total_delta (diff, MAPSCOPE_FIELD_RSS), ==, 0);
  assert_entries_cover (diff);

  g_assert_finalize_object (g_steal_pointer (&diff));
}

/* Swapping the sides swaps new and removed, grown and shrunk, and negates
 * every delta. */
static void
test_symmetry (void)
{
  g_autoptr(MapscopeDocument) old_document = NULL;
  g_autoptr(MapscopeDocument) new_document = NULL;
  g_autoptr(MapscopeDiff) forward = diff_crafted ("diff/old.smaps", "diff/new.smaps",
                                                  &old_document, &new_document);
  g_autoptr(MapscopeDiff) backward = mapscope_diff_new (mapscope_test_only_snapshot (new_document),
                                                        mapscope_test_only_snapshot (old_document));

  g_assert_cmpuint (mapscope_diff_count_status (forward, MAPSCOPE_DIFF_NEW), ==,
                    mapscope_diff_count_status (backward, MAPSCOPE_DIFF_REMOVED));
  g_assert_cmpuint (mapscope_diff_count_status (forward, MAPSCOPE_DIFF_GROWN), ==,
                    mapscope_diff_count_status (backward, MAPSCOPE_DIFF_SHRUNK));
  g_assert_cmpuint (mapscope_diff_get_n_entries (forward), ==, mapscope_diff_get_n_entries (backward));
  for (guint f = 0; f < MAPSCOPE_N_KNOWN_FIELDS; f++)
    g_assert_cmpint (mapscope_diff_get_total_delta (forward, f), ==,
                     -mapscope_diff_get_total_delta (backward, f));
  assert_entries_cover (forward);
  assert_entries_cover (backward);
}

/* A real capture against itself: all unchanged, all by identity or
 * overlap, and the totals agree with the summary. */
static void
test_real_self (void)
{
  g_auto(GStrv) names = mapscope_test_list_captures ();

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *file = g_strconcat (names[i], ".smaps", NULL);
      g_autoptr(MapscopeDocument) document = mapscope_test_load_real (file);
      MapscopeSnapshot *snapshot = mapscope_document_get_snapshot (document, 0);
      g_autoptr(MapscopeDiff) diff = mapscope_diff_new (snapshot, snapshot);

      g_assert_cmpuint (mapscope_diff_count_status (diff, MAPSCOPE_DIFF_UNCHANGED), ==,
                        mapscope_snapshot_get_n_regions (snapshot));
      for (guint e = 0; e < mapscope_diff_get_n_entries (diff); e++)
        {
          const MapscopeDiffEntry *entry = mapscope_diff_get_entry (diff, e);

          g_assert_cmpint (entry->old_index, ==, entry->new_index);
          g_assert_cmpint (entry->old_index, ==, e);
        }
    }
}

/* The leak timeline's first and last snapshots: one region grew, by what
 * the text says. */
static void
test_real_timeline_ends (void)
{
  g_autoptr(MapscopeDocument) document = mapscope_test_load_real ("python-leak-timeline.log");
  guint n = mapscope_document_get_n_snapshots (document);
  MapscopeSnapshot *first = mapscope_document_get_snapshot (document, 0);
  MapscopeSnapshot *last = mapscope_document_get_snapshot (document, n - 1);
  g_autoptr(MapscopeDiff) diff = mapscope_diff_new (first, last);
  const MapscopeDiffEntry *entry = entry_at (diff, 0x7fc7fef83000);

  g_assert_cmpuint (n, ==, 5);
  g_assert_cmpuint (mapscope_diff_count_status (diff, MAPSCOPE_DIFF_GROWN), ==, 1);
  g_assert_cmpint (entry->status, ==, MAPSCOPE_DIFF_GROWN);
  g_assert_cmpint (mapscope_snapshot_get_region (first, entry->old_index)->start, ==, 0x7fc801f93000);
  g_assert_cmpint (mapscope_diff_get_entry_delta (diff, entry, MAPSCOPE_FIELD_ANONYMOUS), ==,
                   (gint64) mapscope_test_get_value (last, mapscope_snapshot_get_region (last, entry->new_index),
                                                     MAPSCOPE_FIELD_ANONYMOUS)
                   - (gint64) mapscope_test_get_value (first, mapscope_snapshot_get_region (first, entry->old_index),
                                                       MAPSCOPE_FIELD_ANONYMOUS));
  g_assert_cmpint (mapscope_diff_get_total_delta (diff, MAPSCOPE_FIELD_SIZE), ==,
                   (gint64) (mapscope_test_sum_values (last, MAPSCOPE_FIELD_SIZE)
                             - mapscope_test_sum_values (first, MAPSCOPE_FIELD_SIZE)));
}

/* The JSON keys of the contract. */
static void
test_json (void)
{
  g_autoptr(MapscopeDocument) old_document = NULL;
  g_autoptr(MapscopeDocument) new_document = NULL;
  g_autoptr(MapscopeDiff) diff = diff_crafted ("diff/old.smaps", "diff/new.smaps",
                                               &old_document, &new_document);
  g_autoptr(JsonNode) node = mapscope_json_diff (diff);
  JsonObject *root = json_node_get_object (node);
  JsonArray *regions = json_object_get_array_member (root, "regions");
  JsonObject *heap = NULL;

  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (root, "totals_delta"),
                                               "rss_kb"), ==, -512);
  g_assert_cmpuint (json_array_get_length (regions), ==, mapscope_diff_get_n_entries (diff));
  for (guint i = 0; i < json_array_get_length (regions); i++)
    {
      JsonObject *region = json_array_get_object_element (regions, i);

      if (g_strcmp0 (json_object_get_string_member (region, "path"), "[heap]") == 0)
        heap = region;
    }
  g_assert_nonnull (heap);
  g_assert_cmpstr (json_object_get_string_member (heap, "status"), ==, "grown");
  g_assert_cmpstr (json_object_get_string_member (heap, "start"), ==, "0x555555600000");
  g_assert_cmpstr (json_object_get_string_member (heap, "category"), ==, "heap");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (heap, "delta"), "rss_kb"),
                   ==, 1024);
  g_assert_true (json_object_has_member (json_array_get_object_element (
                   json_object_get_array_member (root, "categories"), 0), "rss_kb_delta"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/diff/every-status", test_every_status);
  g_test_add_func ("/diff/other-run", test_other_run);
  g_test_add_func ("/diff/symmetry", test_symmetry);
  g_test_add_func ("/diff/real-self", test_real_self);
  g_test_add_func ("/diff/real-timeline-ends", test_real_timeline_ends);
  g_test_add_func ("/diff/json", test_json);

  return g_test_run ();
}
