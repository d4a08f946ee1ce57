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

/* Two different programs are told apart by their executables, not by the
 * libraries they share; two runs of one program, or anonymous memory
 * alone, are not. */
static void
test_same_program (void)
{
  g_autoptr(MapscopeDocument) zoo = mapscope_test_load_real ("zoo.smaps");
  g_autoptr(MapscopeDocument) sleep_document = mapscope_test_load_real ("sleep.smaps");
  g_autoptr(MapscopeDocument) python = mapscope_test_load_real ("python3.smaps");
  g_autoptr(MapscopeDocument) timeline = mapscope_test_load_real ("python-leak-timeline.log");
  g_autoptr(MapscopeDocument) old_run = NULL;
  g_autoptr(MapscopeDocument) other_run = NULL;
  g_autoptr(MapscopeDocument) anonymous = mapscope_test_load_text (
    "7f0000000000-7f0000001000 rw-p 00000000 00:00 0 \n"
    "7f0000002000-7f0000003000 rw-p 00000000 00:00 0 [heap]\n");
  MapscopeSnapshot *sleep_snapshot = mapscope_test_only_snapshot (sleep_document);
  MapscopeSnapshot *python_snapshot = mapscope_test_only_snapshot (python);
  g_autoptr(MapscopeDiff) different = mapscope_diff_new (mapscope_test_only_snapshot (zoo), sleep_snapshot);
  g_autoptr(MapscopeDiff) interpreter_and_tool = mapscope_diff_new (python_snapshot, sleep_snapshot);
  g_autoptr(MapscopeDiff) same = mapscope_diff_new (python_snapshot, python_snapshot);
  g_autoptr(MapscopeDiff) steps = mapscope_diff_new (mapscope_document_get_snapshot (timeline, 0),
                                                     mapscope_document_get_snapshot (timeline, 4));
  g_autoptr(MapscopeDiff) runs = diff_crafted ("diff/old.smaps", "diff/other-run.smaps", &old_run, &other_run);
  g_autoptr(MapscopeDiff) unknown = mapscope_diff_new (mapscope_test_only_snapshot (anonymous), sleep_snapshot);
  g_autoptr(JsonNode) json = mapscope_json_diff (different);

  g_assert_false (mapscope_diff_get_same_program (different));
  g_assert_false (mapscope_diff_get_same_program (interpreter_and_tool));
  g_assert_true (mapscope_diff_get_same_program (same));
  g_assert_true (mapscope_diff_get_same_program (steps));
  g_assert_true (mapscope_diff_get_same_program (runs));
  g_assert_true (mapscope_diff_get_same_program (unknown));
  g_assert_false (json_object_get_boolean_member (json_node_get_object (json), "same_program"));
}

/* Sums @field (the address range for the size) over the regions of
 * @snapshot in @category, or in every category when it is
 * MAPSCOPE_N_CATEGORIES; counts them in @n_regions. */
static gint64
sum_category (MapscopeSnapshot *snapshot,
              guint             category,
              MapscopeField     field,
              gint             *n_regions)
{
  guint n = 0;
  const MapscopeRegion *regions = mapscope_snapshot_get_regions (snapshot, &n);
  gint64 sum = 0;

  *n_regions = 0;
  for (guint i = 0; i < n; i++)
    {
      if (category != MAPSCOPE_N_CATEGORIES && regions[i].category != category)
        continue;
      (*n_regions)++;
      if (field == MAPSCOPE_FIELD_SIZE)
        sum += (gint64) ((regions[i].end - regions[i].start) / 1024);
      else
        sum += (gint64) mapscope_snapshot_get_value_or_zero (snapshot, &regions[i], field);
    }
  return sum;
}

/* Every delta is the new snapshot's sum less the old one's, category by
 * category, whatever paired with what. */
static void
assert_deltas_are_sums (MapscopeSnapshot *old_snapshot,
                        MapscopeSnapshot *new_snapshot)
{
  g_autoptr(MapscopeDiff) diff = mapscope_diff_new (old_snapshot, new_snapshot);

  for (guint c = 0; c <= MAPSCOPE_N_CATEGORIES; c++)
    {
      for (guint f = 0; f < MAPSCOPE_N_KNOWN_FIELDS; f++)
        {
          gint n_old;
          gint n_new;
          gint64 expected = sum_category (new_snapshot, c, f, &n_new) - sum_category (old_snapshot, c, f, &n_old);

          if (c == MAPSCOPE_N_CATEGORIES)
            {
              g_assert_cmpint (mapscope_diff_get_total_delta (diff, f), ==, expected);
              continue;
            }
          g_assert_cmpint (mapscope_diff_get_category_delta (diff, c, f), ==, expected);
          g_assert_cmpint (mapscope_diff_get_category_count_delta (diff, c), ==, n_new - n_old);
        }
    }
}

/* Real captures of different programs, their own timeline, crafted pairs
 * and values too wide for the regions' slots. */
static void
test_deltas_are_sums (void)
{
  const char * const real[] = { "python3.smaps", "zoo.smaps", "sleep.smaps", "python3.pmap-XX" };
  const char * const crafted[] = { "diff/old.smaps", "diff/new.smaps", "diff/other-run.smaps" };
  g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *wide_path = g_test_build_filename (G_TEST_DIST, "data", "sessions",
                                                      "crafted-wide-values.json", NULL);
  MapscopeDocument *timeline;

  for (guint i = 0; i < G_N_ELEMENTS (real); i++)
    g_ptr_array_add (documents, mapscope_test_load_real (real[i]));
  for (guint i = 0; i < G_N_ELEMENTS (crafted); i++)
    {
      g_autofree char *path = mapscope_test_crafted_path (crafted[i]);

      g_ptr_array_add (documents, mapscope_test_load_path (path));
    }
  g_ptr_array_add (documents, mapscope_test_load_path (wide_path));
  timeline = mapscope_test_load_real ("python-leak-timeline.log");
  g_ptr_array_add (documents, timeline);

  for (guint i = 0; i < documents->len; i++)
    for (guint j = 0; j < documents->len; j++)
      assert_deltas_are_sums (mapscope_document_get_snapshot (documents->pdata[i], 0),
                              mapscope_document_get_snapshot (documents->pdata[j], 0));
  for (guint s = 1; s < mapscope_document_get_n_snapshots (timeline); s++)
    assert_deltas_are_sums (mapscope_document_get_snapshot (timeline, s - 1),
                            mapscope_document_get_snapshot (timeline, s));
}

#define RUN_SHIFT G_GUINT64_CONSTANT (0x3a5c000000)
#define EXE_BASE  G_GUINT64_CONSTANT (0x555555554000)
#define LIB_BASE  G_GUINT64_CONSTANT (0x7f0000000000)
#define STACK     G_GUINT64_CONSTANT (0x7ffd00000000)
#define PAGE      0x1000

static void
append_mapping (GString    *out,
                guint64     start,
                guint64     end,
                const char *perms,
                guint64     offset,
                const char *path,
                guint       rss_kb)
{
  g_string_append_printf (out, "%" G_GINT64_MODIFIER "x-%" G_GINT64_MODIFIER "x %s %08" G_GINT64_MODIFIER
                          "x %s %s\nSize: %" G_GUINT64_FORMAT " kB\nRss: %u kB\nSwap: 0 kB\n",
                          start, end, perms, offset, path != NULL ? "fe:00 42" : "00:00 0",
                          path != NULL ? path : "", (end - start) / 1024, rss_kb);
}

/* Where anonymous region @a of library @lib starts; each follows a one-page
 * hole. */
static guint64
anon_start (guint lib,
            guint a)
{
  return LIB_BASE + lib * 0x100000 + 3 * PAGE + a * 3 * PAGE + PAGE;
}

/* A program of four libraries, each with three segments and six anonymous
 * regions after it, one anonymous region below the executable and a stack;
 * @changed makes the second snapshot's changes, @shift moves the executable,
 * the libraries and the stack by different amounts, as ASLR does. */
static char *
make_run (gboolean changed,
          guint64  shift)
{
  GString *out = g_string_new (NULL);
  guint64 exe = EXE_BASE + shift / 2;

  /* only the anchor above it, the executable, can place this one */
  append_mapping (out, exe - 0x10000, exe - 0xf000, "rw-p", 0, NULL, 4);
  append_mapping (out, exe, exe + PAGE, "r--p", 0, "/usr/bin/prog", 4);
  append_mapping (out, exe + PAGE, exe + 2 * PAGE, "r-xp", PAGE, "/usr/bin/prog", 4);

  for (guint lib = 0; lib < 4; lib++)
    {
      g_autofree char *path = g_strdup_printf ("/usr/lib/libprog%u.so", lib);
      static const char * const perms[] = { "r--p", "r-xp", "rw-p" };
      guint64 base = LIB_BASE + lib * 0x100000 + shift;

      for (guint s = 0; s < 3; s++)
        append_mapping (out, base + s * PAGE, base + (s + 1) * PAGE, perms[s], s * PAGE, path, 4);
      for (guint a = 0; a < 6; a++)
        {
          guint64 start = anon_start (lib, a) + shift;
          const char *anon_perms = a % 2 ? "rw-p" : "r--p";

          if (changed && lib == 1 && a == 2)
            continue;  /* removed */
          if (changed && lib == 1 && a == 4)
            append_mapping (out, start - PAGE, start, "rw-p", 0, NULL, 4);  /* added */
          if (changed && lib == 2 && a == 0)
            {
              /* split */
              append_mapping (out, start, start + PAGE, anon_perms, 0, NULL, 4);
              append_mapping (out, start + PAGE, start + 2 * PAGE, "---p", 0, NULL, 0);
              continue;
            }
          if (changed && lib == 2 && a == 3)
            {
              /* merged with the next one, across the hole */
              append_mapping (out, start, anon_start (lib, 4) + shift + 2 * PAGE, anon_perms, 0, NULL, 8);
              a++;
              continue;
            }
          if (changed && lib == 3 && a == 5)
            continue;  /* moved below the stack */
          append_mapping (out, start, start + 2 * PAGE, anon_perms, 0, NULL,
                          changed && lib == 0 && a == 1 ? 12 : 4);
        }
    }

  if (changed)
    append_mapping (out, STACK - 0x100000 + shift / 4, STACK - 0x100000 + shift / 4 + 2 * PAGE, "rw-p", 0,
                    NULL, 4);
  append_mapping (out, STACK + shift / 4, STACK + shift / 4 + 0x21000, "rw-p", 0, "[stack]", 20);

  return g_string_free (out, FALSE);
}

/* The entry holding the old region that started at @start. */
static const MapscopeDiffEntry *
entry_with_old (MapscopeDiff *diff,
                guint64       start)
{
  MapscopeSnapshot *old_snapshot = mapscope_diff_get_old_snapshot (diff);

  for (guint i = 0; i < mapscope_diff_get_n_entries (diff); i++)
    {
      const MapscopeDiffEntry *entry = mapscope_diff_get_entry (diff, i);
      guint n_members;
      const guint *members = mapscope_diff_get_members (diff, entry, FALSE, &n_members);

      for (guint m = 0; m < n_members; m++)
        if (mapscope_snapshot_get_region (old_snapshot, members[m])->start == start)
          return entry;
    }
  g_assert_not_reached ();
}

/* Splits, merges, growth, removal and addition read the same whether the
 * second snapshot is of the same process or of another run; a region that
 * moved is a move only between runs. */
static void
test_changes_across_runs (void)
{
  g_autofree char *old_text = make_run (FALSE, 0);
  g_autoptr(MapscopeDocument) old_document = mapscope_test_load_text (old_text);
  MapscopeSnapshot *old_snapshot = mapscope_test_only_snapshot (old_document);

  for (guint run = 0; run < 2; run++)
    {
      guint64 shift = run == 0 ? 0 : RUN_SHIFT;
      g_autofree char *new_text = make_run (TRUE, shift);
      g_autoptr(MapscopeDocument) new_document = mapscope_test_load_text (new_text);
      MapscopeSnapshot *new_snapshot = mapscope_test_only_snapshot (new_document);
      g_autoptr(MapscopeDiff) diff = mapscope_diff_new (old_snapshot, new_snapshot);
      const MapscopeDiffEntry *entry;
      const guint *members;
      guint n_members;

      g_assert_cmpint (mapscope_diff_get_same_layout (diff), ==, run == 0);
      assert_entries_cover (diff);

      /* libraries by identity, the executable and the stack included */
      entry = entry_with_old (diff, LIB_BASE + 0x100000 + PAGE);
      g_assert_cmpuint (entry->match, ==, MAPSCOPE_DIFF_MATCH_IDENTITY);
      g_assert_cmpint (entry->status, ==, MAPSCOPE_DIFF_UNCHANGED);
      g_assert_cmpuint (mapscope_snapshot_get_region (new_snapshot, entry->new_index)->start, ==,
                        LIB_BASE + 0x100000 + PAGE + shift);
      entry = entry_with_old (diff, STACK);
      g_assert_cmpuint (entry->match, ==, MAPSCOPE_DIFF_MATCH_IDENTITY);

      /* the region below the executable, which moved with it */
      entry = entry_with_old (diff, EXE_BASE - 0x10000);
      g_assert_cmpuint (entry->match, ==, MAPSCOPE_DIFF_MATCH_OVERLAP);
      g_assert_cmpint (entry->status, ==, MAPSCOPE_DIFF_UNCHANGED);
      g_assert_cmpuint (mapscope_snapshot_get_region (new_snapshot, entry->new_index)->start, ==,
                        EXE_BASE - 0x10000 + shift / 2);

      entry = entry_with_old (diff, anon_start (0, 1));
      g_assert_cmpuint (entry->match, ==, MAPSCOPE_DIFF_MATCH_OVERLAP);
      g_assert_cmpint (entry->status, ==, MAPSCOPE_DIFF_GROWN);
      g_assert_cmpint (mapscope_diff_get_entry_delta (diff, entry, MAPSCOPE_FIELD_RSS), ==, 8);

      entry = entry_with_old (diff, anon_start (1, 2));
      g_assert_cmpint (entry->status, ==, MAPSCOPE_DIFF_REMOVED);

      entry = entry_at (diff, anon_start (1, 4) - PAGE + shift);
      g_assert_cmpint (entry->status, ==, MAPSCOPE_DIFF_NEW);

      entry = entry_with_old (diff, anon_start (2, 0));
      g_assert_cmpuint (entry->match, ==, MAPSCOPE_DIFF_MATCH_OVERLAP | MAPSCOPE_DIFF_MATCH_SPLIT);
      g_assert_cmpuint (entry->n_new, ==, 2);
      g_assert_cmpint (entry->status, ==, MAPSCOPE_DIFF_UNCHANGED);
      members = mapscope_diff_get_members (diff, entry, TRUE, &n_members);
      g_assert_cmpuint (mapscope_snapshot_get_region (new_snapshot, members[1])->start, ==,
                        anon_start (2, 0) + PAGE + shift);

      entry = entry_with_old (diff, anon_start (2, 3));
      g_assert_true (entry == entry_with_old (diff, anon_start (2, 4)));
      g_assert_cmpuint (entry->match, ==, MAPSCOPE_DIFF_MATCH_OVERLAP | MAPSCOPE_DIFF_MATCH_MERGED);
      g_assert_cmpuint (entry->n_old, ==, 2);
      g_assert_cmpint (entry->status, ==, MAPSCOPE_DIFF_GROWN);

      entry = entry_with_old (diff, anon_start (3, 5));
      if (run == 0)
        {
          g_assert_cmpint (entry->status, ==, MAPSCOPE_DIFF_REMOVED);
          entry = entry_at (diff, STACK - 0x100000);
          g_assert_cmpint (entry->status, ==, MAPSCOPE_DIFF_NEW);
        }
      else
        {
          g_assert_cmpuint (entry->match, ==, MAPSCOPE_DIFF_MATCH_MOVED);
          g_assert_cmpint (entry->status, ==, MAPSCOPE_DIFF_UNCHANGED);
        }

      g_assert_cmpuint (mapscope_diff_count_status (diff, MAPSCOPE_DIFF_NEW), ==, run == 0 ? 2 : 1);
      g_assert_cmpuint (mapscope_diff_count_status (diff, MAPSCOPE_DIFF_REMOVED), ==, run == 0 ? 2 : 1);
      g_assert_cmpuint (mapscope_diff_count_status (diff, MAPSCOPE_DIFF_GROWN), ==, 2);
      g_assert_cmpuint (mapscope_diff_count_status (diff, MAPSCOPE_DIFF_SHRUNK), ==, 0);
      assert_deltas_are_sums (old_snapshot, new_snapshot);
    }
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
  g_test_add_func ("/diff/same-program", test_same_program);
  g_test_add_func ("/diff/json", test_json);
  g_test_add_func ("/diff/deltas-are-sums", test_deltas_are_sums);
  g_test_add_func ("/diff/changes-across-runs", test_changes_across_runs);

  return g_test_run ();
}
