/* test-widgets.c: the region table, filter bar, inspector and summary view
 * on a real capture, under Xvfb
 *
 * Expected values are computed here from the snapshot's regions, not
 * through the filter or summary code the widgets use.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>
#include <stdlib.h>
#include <string.h>

#include "gtk-test-util.h"
#include "mapscope-chart.h"
#include "mapscope-palette.h"
#include "mapscope-test-util.h"
#include "mapscope-region-list.h"
#include "mapscope-units.h"
#include "mapscope-views.h"
#include "mapscope-vmflags.h"
#include "mapscope-workspace.h"

typedef struct
{
  MapscopeDocument    *document;
  MapscopeWorkspace   *workspace;
  MapscopeSnapshot    *snapshot;
  MapscopeRegionFilter *filter;
  GtkWindow           *window;
  MapscopeFilterBar   *filter_bar;
  MapscopeRegionTable *table;
  MapscopeInspector   *inspector;
  MapscopeSummaryView *summary;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  GtkWidget *paned, *left, *right;

  fixture->document = mapscope_test_load_real ("zoo.smaps");
  fixture->workspace = mapscope_workspace_new ();
  mapscope_workspace_add_document (fixture->workspace, fixture->document);
  fixture->snapshot = mapscope_workspace_get_current (fixture->workspace);
  g_assert_nonnull (fixture->snapshot);
  fixture->filter = mapscope_workspace_get_filter (fixture->workspace);

  fixture->filter_bar = MAPSCOPE_FILTER_BAR (mapscope_filter_bar_new (fixture->workspace));
  fixture->table = MAPSCOPE_REGION_TABLE (mapscope_region_table_new (fixture->workspace));
  fixture->inspector = MAPSCOPE_INSPECTOR (mapscope_inspector_new (fixture->workspace));
  fixture->summary = MAPSCOPE_SUMMARY_VIEW (mapscope_summary_view_new (fixture->workspace));

  left = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_box_append (GTK_BOX (left), GTK_WIDGET (fixture->filter_bar));
  gtk_box_append (GTK_BOX (left), GTK_WIDGET (fixture->table));
  gtk_widget_set_size_request (left, 900, -1);
  right = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_size_request (GTK_WIDGET (fixture->inspector), 400, -1);
  gtk_widget_set_size_request (GTK_WIDGET (fixture->summary), 500, -1);
  gtk_box_append (GTK_BOX (right), GTK_WIDGET (fixture->inspector));
  gtk_box_append (GTK_BOX (right), GTK_WIDGET (fixture->summary));
  paned = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_append (GTK_BOX (paned), left);
  gtk_box_append (GTK_BOX (paned), right);

  fixture->window = mapscope_gtk_test_show_in_window (paned, 1820, 500);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  mapscope_gtk_test_iterate ();
  g_assert_finalize_object (fixture->workspace);
  g_assert_finalize_object (fixture->document);
}

/* Independent predicates, for the expected counts */

static gboolean
path_contains_libc (MapscopeSnapshot     *snapshot,
                    const MapscopeRegion *region)
{
  return region->path != NULL && strstr (region->path, "libc") != NULL;
}

static gboolean
is_not_library (MapscopeSnapshot     *snapshot,
                const MapscopeRegion *region)
{
  return region->category != MAPSCOPE_CATEGORY_LIBRARY;
}

static gboolean
is_writable (MapscopeSnapshot     *snapshot,
             const MapscopeRegion *region)
{
  return (region->perms & MAPSCOPE_PERM_WRITE) != 0;
}

static gboolean
is_at_least_1m (MapscopeSnapshot     *snapshot,
                const MapscopeRegion *region)
{
  return region->end - region->start >= 1024 * 1024;
}

static gboolean
has_rss_at_most_8k (MapscopeSnapshot     *snapshot,
                    const MapscopeRegion *region)
{
  return mapscope_snapshot_get_value_or_zero (snapshot, region, MAPSCOPE_FIELD_RSS) <= 8;
}

static guint
count_regions (MapscopeSnapshot *snapshot,
               gboolean        (*predicate) (MapscopeSnapshot *, const MapscopeRegion *))
{
  guint n_regions, count = 0;
  const MapscopeRegion *regions = mapscope_snapshot_get_regions (snapshot, &n_regions);

  for (guint i = 0; i < n_regions; i++)
    count += predicate (snapshot, &regions[i]) ? 1 : 0;
  return count;
}

static void
assert_shown (Fixture *fixture,
              guint    expected)
{
  g_autofree char *prefix = NULL;

  mapscope_gtk_test_iterate ();
  g_assert_cmpuint (mapscope_region_table_get_n_shown (fixture->table), ==, expected);
  prefix = g_strdup_printf ("showing %u of %u regions, ", expected,
                            mapscope_snapshot_get_n_regions (mapscope_workspace_get_current (fixture->workspace)));
  if (!g_str_has_prefix (mapscope_region_table_get_status_text (fixture->table), prefix))
    g_error ("status “%s” does not start with “%s”",
             mapscope_region_table_get_status_text (fixture->table), prefix);
}

static gboolean
all_rows_revealed (gpointer data)
{
  Fixture *fixture = data;
  GtkSelectionModel *rows = gtk_column_view_get_model (mapscope_region_table_get_column_view (fixture->table));

  return g_list_model_get_n_items (G_LIST_MODEL (rows)) == mapscope_region_table_get_n_shown (fixture->table);
}

/* The column view's rows, once the table has handed it all of them: a
 * list that grows is revealed a few rows a frame (MapscopeRowReveal). */
static GtkSelectionModel *
get_rows (Fixture *fixture)
{
  g_assert_true (mapscope_gtk_test_poll_until (all_rows_revealed, fixture, 20));
  return gtk_column_view_get_model (mapscope_region_table_get_column_view (fixture->table));
}

static const MapscopeRegion *
region_at (Fixture *fixture,
           guint    position)
{
  g_autoptr(MapscopeRegionItem) item = g_list_model_get_item (G_LIST_MODEL (get_rows (fixture)), position);

  g_assert_nonnull (item);
  return mapscope_region_item_get_region (item);
}

static gint
index_at (Fixture *fixture,
          guint    position)
{
  g_autoptr(MapscopeRegionItem) item = g_list_model_get_item (G_LIST_MODEL (get_rows (fixture)), position);

  g_assert_nonnull (item);
  return (gint)mapscope_region_item_get_index (item);
}

/* The text the first row's Start cell shows: rows are refilled in place
 * when the order changes, so this checks what is drawn, not the model. */
static void
assert_first_row_shows (Fixture *fixture,
                        guint64  start)
{
  GtkWidget *list_view = mapscope_gtk_test_find_nth (GTK_WIDGET (mapscope_region_table_get_column_view (fixture->table)),
                                                     GTK_TYPE_LIST_VIEW, 0);
  GtkWidget *first_cell = mapscope_gtk_test_find_nth (list_view, GTK_TYPE_INSCRIPTION, 0);
  g_autofree char *expected = g_strdup_printf ("0x%012" G_GINT64_MODIFIER "x", start);

  g_assert_nonnull (first_cell);
  g_assert_cmpstr (gtk_inscription_get_text (GTK_INSCRIPTION (first_cell)), ==, expected);
}

static guint
count_visible_columns (Fixture *fixture)
{
  GListModel *columns = gtk_column_view_get_columns (mapscope_region_table_get_column_view (fixture->table));
  guint n_visible = 0;

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      n_visible += gtk_column_view_column_get_visible (column);
    }
  return n_visible;
}

/* Table */

static void
test_table_rows (Fixture       *fixture,
                 gconstpointer  data)
{
  guint64 total_kb = 0;
  g_autofree char *total = NULL;
  g_autofree char *expected = NULL;
  guint n_regions = mapscope_snapshot_get_n_regions (fixture->snapshot);

  g_assert_cmpuint (n_regions, ==, 50);
  g_assert_cmpuint (mapscope_region_table_get_n_shown (fixture->table), ==, n_regions);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (get_rows (fixture))), ==, n_regions);
  /* Ten columns; four more for a diff come with a baseline. */
  g_assert_cmpuint (count_visible_columns (fixture), ==, 10);
  g_assert_false (mapscope_region_table_get_diff_shown (fixture->table));

  for (guint i = 0; i < n_regions; i++)
    total_kb += mapscope_snapshot_get_value_or_zero (fixture->snapshot,
                                                     mapscope_snapshot_get_region (fixture->snapshot, i),
                                                     MAPSCOPE_FIELD_RSS);
  total = mapscope_format_kb (total_kb);
  expected = g_strdup_printf ("showing 50 of 50 regions, %s of %s RSS", total, total);
  g_assert_cmpstr (mapscope_region_table_get_status_text (fixture->table), ==, expected);
}

static void
test_table_filters (Fixture       *fixture,
                    gconstpointer  data)
{
  guint n_regions = mapscope_snapshot_get_n_regions (fixture->snapshot);
  guint expected;

  expected = count_regions (fixture->snapshot, path_contains_libc);
  g_assert_cmpuint (expected, >, 0);
  g_assert_cmpuint (expected, <, n_regions);
  mapscope_region_filter_set_text (fixture->filter, "libc");
  assert_shown (fixture, expected);
  mapscope_region_filter_reset (fixture->filter);
  assert_shown (fixture, n_regions);

  /* The category toggle of the filter bar, as a user would click it. */
  expected = count_regions (fixture->snapshot, is_not_library);
  g_assert_cmpuint (expected, <, n_regions);
  gtk_toggle_button_set_active (mapscope_filter_bar_get_category_toggle (fixture->filter_bar,
                                                                         MAPSCOPE_CATEGORY_LIBRARY),
                                FALSE);
  g_assert_false (mapscope_region_filter_get_category_shown (fixture->filter, MAPSCOPE_CATEGORY_LIBRARY));
  assert_shown (fixture, expected);
  mapscope_region_filter_reset (fixture->filter);
  /* Reset from elsewhere turns the toggle back on. */
  g_assert_true (gtk_toggle_button_get_active (mapscope_filter_bar_get_category_toggle (fixture->filter_bar,
                                                                                        MAPSCOPE_CATEGORY_LIBRARY)));
  assert_shown (fixture, n_regions);

  expected = count_regions (fixture->snapshot, is_writable);
  g_assert_cmpuint (expected, <, n_regions);
  mapscope_region_filter_set_perm (fixture->filter, MAPSCOPE_PERM_WRITE, MAPSCOPE_FILTER_PERM_YES);
  assert_shown (fixture, expected);
  mapscope_region_filter_reset (fixture->filter);

  /* Sizes typed with units in the filter bar's entries. */
  expected = count_regions (fixture->snapshot, is_at_least_1m);
  g_assert_cmpuint (expected, >, 0);
  g_assert_cmpuint (expected, <, n_regions);
  gtk_editable_set_text (mapscope_filter_bar_get_range_entry (fixture->filter_bar,
                                                              MAPSCOPE_FILTER_BAR_SIZE_MIN),
                         "1M");
  assert_shown (fixture, expected);
  mapscope_region_filter_reset (fixture->filter);
  g_assert_cmpstr (gtk_editable_get_text (mapscope_filter_bar_get_range_entry (fixture->filter_bar,
                                                                               MAPSCOPE_FILTER_BAR_SIZE_MIN)),
                   ==, "");

  expected = count_regions (fixture->snapshot, has_rss_at_most_8k);
  g_assert_cmpuint (expected, >, 0);
  g_assert_cmpuint (expected, <, n_regions);
  gtk_editable_set_text (mapscope_filter_bar_get_range_entry (fixture->filter_bar,
                                                              MAPSCOPE_FILTER_BAR_RSS_MAX),
                         "8K");
  assert_shown (fixture, expected);
  mapscope_region_filter_reset (fixture->filter);
  assert_shown (fixture, n_regions);
}

static void
test_filter_bar_entries (Fixture       *fixture,
                         gconstpointer  data)
{
  GtkEditable *entry = mapscope_filter_bar_get_range_entry (fixture->filter_bar,
                                                            MAPSCOPE_FILTER_BAR_SIZE_MIN);
  guint64 min_bytes, max_bytes;

  gtk_editable_set_text (entry, "1.5M");
  mapscope_region_filter_get_size_range (fixture->filter, &min_bytes, &max_bytes);
  g_assert_cmpuint (min_bytes, ==, 1536 * 1024);
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (entry), "error"));

  /* Bad input is flagged and leaves the filter as it was. */
  gtk_editable_set_position (entry, -1);
  gtk_editable_insert_text (entry, "x", -1, &(int) { 4 });
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "1.5Mx");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (entry), "error"));
  mapscope_region_filter_get_size_range (fixture->filter, &min_bytes, &max_bytes);
  g_assert_cmpuint (min_bytes, ==, 1536 * 1024);

  gtk_editable_set_text (entry, "64K");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (entry), "error"));
  mapscope_region_filter_get_size_range (fixture->filter, &min_bytes, &max_bytes);
  g_assert_cmpuint (min_bytes, ==, 64 * 1024);

  /* Typing in the search entry filters once the entry settles. */
  gtk_editable_set_text (mapscope_filter_bar_get_search_entry (fixture->filter_bar), "zoo");
  while (g_strcmp0 (mapscope_region_filter_get_text (fixture->filter), "zoo") != 0)
    g_main_context_iteration (NULL, TRUE);

  mapscope_filter_bar_focus_search (fixture->filter_bar);
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (mapscope_filter_bar_get_search_entry (fixture->filter_bar))) ||
                 gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (fixture->window)),
                                         GTK_WIDGET (mapscope_filter_bar_get_search_entry (fixture->filter_bar))));

  mapscope_region_filter_reset (fixture->filter);
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "");
  g_assert_cmpstr (gtk_editable_get_text (mapscope_filter_bar_get_search_entry (fixture->filter_bar)), ==, "");
}

static void
sort_by (Fixture     *fixture,
         guint        column_index,
         GtkSortType  order)
{
  GtkColumnView *view = mapscope_region_table_get_column_view (fixture->table);
  g_autoptr(GtkColumnViewColumn) column =
    g_list_model_get_item (gtk_column_view_get_columns (view), column_index);

  gtk_column_view_sort_by_column (view, column, order);
  mapscope_gtk_test_iterate ();
}

static void
test_table_sort (Fixture       *fixture,
                 gconstpointer  data)
{
  guint n_rows = g_list_model_get_n_items (G_LIST_MODEL (get_rows (fixture)));
  guint64 max_rss = 0, previous;
  guint n_regions = mapscope_snapshot_get_n_regions (fixture->snapshot);

  for (guint i = 0; i < n_regions; i++)
    max_rss = MAX (max_rss, mapscope_snapshot_get_value_or_zero (fixture->snapshot,
                                                                 mapscope_snapshot_get_region (fixture->snapshot, i),
                                                                 MAPSCOPE_FIELD_RSS));

  /* Column 3 is RSS. */
  sort_by (fixture, 3, GTK_SORT_DESCENDING);
  previous = G_MAXUINT64;
  for (guint position = 0; position < n_rows; position++)
    {
      guint64 rss = mapscope_snapshot_get_value_or_zero (fixture->snapshot, region_at (fixture, position),
                                                         MAPSCOPE_FIELD_RSS);

      g_assert_cmpuint (rss, <=, previous);
      previous = rss;
    }
  g_assert_cmpuint (mapscope_snapshot_get_value_or_zero (fixture->snapshot, region_at (fixture, 0),
                                                         MAPSCOPE_FIELD_RSS), ==, max_rss);
  /* Sorting must really reorder: the largest region is not the first one. */
  g_assert_cmpint (index_at (fixture, 0), !=, 0);

  sort_by (fixture, 3, GTK_SORT_ASCENDING);
  previous = 0;
  for (guint position = 0; position < n_rows; position++)
    {
      guint64 rss = mapscope_snapshot_get_value_or_zero (fixture->snapshot, region_at (fixture, position),
                                                         MAPSCOPE_FIELD_RSS);

      g_assert_cmpuint (rss, >=, previous);
      previous = rss;
    }

  /* Column 9 is the path, sorted as text. */
  sort_by (fixture, 9, GTK_SORT_ASCENDING);
  for (guint position = 1; position < n_rows; position++)
    {
      const char *before = region_at (fixture, position - 1)->path;
      const char *after = region_at (fixture, position)->path;

      g_autofree char *before_folded = NULL;
      g_autofree char *after_folded = NULL;

      if (before == NULL || after == NULL)
        continue;
      /* GtkStringSorter ignores case by default. */
      before_folded = g_utf8_casefold (before, -1);
      after_folded = g_utf8_casefold (after, -1);
      g_assert_cmpint (g_utf8_collate (before_folded, after_folded), <=, 0);
    }

  /* Every column, both ways, gives the order the region list gives for
   * that column (the core tests check those orders). */
  for (guint column = 0; column < 10; column++)
    {
      for (guint descending = 0; descending < 2; descending++)
        {
          g_autoptr(MapscopeRegionList) expected = mapscope_region_list_new (fixture->snapshot);

          sort_by (fixture, column, descending ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
          /* The columns are in MapscopeRegionSort's order, after NONE. */
          mapscope_region_list_sort (expected, MAPSCOPE_REGION_SORT_START + column, descending);
          g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (get_rows (fixture))), ==, n_rows);
          for (guint position = 0; position < n_rows; position++)
            {
              g_autoptr(MapscopeRegionItem) item =
                g_list_model_get_item (G_LIST_MODEL (expected), position);

              g_assert_cmpint (index_at (fixture, position), ==,
                               (gint)mapscope_region_item_get_index (item));
            }
        }
    }
}

/* A baseline adds the change and delta columns and "Changed only". */
static void
test_table_diff (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "real",
                                                 "python-leak-timeline.log", NULL);
  GtkToggleButton *changed_only = mapscope_filter_bar_get_changed_only_toggle (fixture->filter_bar);
  g_autoptr(MapscopeDocument) timeline = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected_delta = NULL;
  g_autofree char *magnitude = NULL;
  g_autofree char *status = NULL;
  g_autofree char *delta = NULL;
  MapscopeSnapshot *first, *last;
  const MapscopeRegion *grown, *before;
  guint n_regions, n_changed = 0;
  gint64 rss_delta_kb;
  MapscopeDiff *diff;

  timeline = mapscope_document_load_path (path, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mapscope_document_get_n_snapshots (timeline), ==, 5);
  mapscope_workspace_add_document (fixture->workspace, timeline);
  first = mapscope_document_get_snapshot (timeline, 0);
  last = mapscope_document_get_snapshot (timeline, 4);
  n_regions = mapscope_snapshot_get_n_regions (last);
  mapscope_workspace_set_current (fixture->workspace, last);
  mapscope_gtk_test_iterate ();
  g_assert_false (mapscope_region_table_get_diff_shown (fixture->table));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (changed_only)));

  mapscope_workspace_set_baseline (fixture->workspace, first);
  mapscope_gtk_test_iterate ();
  diff = mapscope_workspace_get_diff (fixture->workspace);
  g_assert_nonnull (diff);
  /* the four columns come one a frame */
  g_assert_true (mapscope_gtk_test_poll_until ((gboolean (*) (gpointer))mapscope_region_table_get_diff_shown,
                                               fixture->table, 10));
  g_assert_cmpuint (count_visible_columns (fixture), ==, 14);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (changed_only)));

  /* The script's 3 MiB allocations land in one anonymous region, which
   * grows from snapshot to snapshot; it keeps its end address. */
  grown = mapscope_snapshot_find_region (last, 0x7fc7fef83000);
  g_assert_nonnull (grown);
  before = mapscope_snapshot_find_region (first, grown->end - 1);
  g_assert_nonnull (before);
  rss_delta_kb = (gint64)mapscope_snapshot_get_value_or_zero (last, grown, MAPSCOPE_FIELD_RSS) -
                 (gint64)mapscope_snapshot_get_value_or_zero (first, before, MAPSCOPE_FIELD_RSS);
  g_assert_cmpint (rss_delta_kb, >, 40 * 1024);
  magnitude = mapscope_format_kb (rss_delta_kb);
  expected_delta = g_strconcat ("+", magnitude, NULL);

  /* Sorted by ΔRSS (column 12), largest first: the grown region leads. */
  sort_by (fixture, 12, GTK_SORT_DESCENDING);
  g_assert_cmpint (index_at (fixture, 0), ==, (gint)mapscope_snapshot_get_region_index (last, grown));
  status = mapscope_region_table_dup_status_text (fixture->table, 0);
  g_assert_cmpstr (status, ==, "grown");
  delta = mapscope_region_table_dup_delta_text (fixture->table, 0, MAPSCOPE_FIELD_RSS);
  g_assert_cmpstr (delta, ==, expected_delta);
  g_clear_pointer (&status, g_free);
  g_clear_pointer (&delta, g_free);
  status = mapscope_region_table_dup_status_text (fixture->table, n_regions - 1);
  g_assert_cmpstr (status, ==, "");
  delta = mapscope_region_table_dup_delta_text (fixture->table, n_regions - 1, MAPSCOPE_FIELD_RSS);
  g_assert_cmpstr (delta, ==, "±0");

  /* Changed only: the rows whose entry is not unchanged, counted here. */
  for (guint i = 0; i < n_regions; i++)
    {
      gint entry = mapscope_diff_find_new_entry (diff, i);

      n_changed += entry >= 0 && mapscope_diff_get_entry (diff, entry)->status != MAPSCOPE_DIFF_UNCHANGED;
    }
  g_assert_cmpuint (n_changed, ==, 1);
  gtk_toggle_button_set_active (changed_only, TRUE);
  mapscope_gtk_test_iterate ();
  g_assert_true (mapscope_region_filter_get_changed_only (fixture->filter));
  assert_shown (fixture, n_changed);
  g_assert_cmpint (index_at (fixture, 0), ==, (gint)mapscope_snapshot_get_region_index (last, grown));

  /* Without a baseline the columns go, and "changed only" has nothing to
   * go by. */
  mapscope_workspace_set_baseline (fixture->workspace, NULL);
  mapscope_gtk_test_iterate ();
  g_assert_false (mapscope_region_table_get_diff_shown (fixture->table));
  g_assert_cmpuint (count_visible_columns (fixture), ==, 10);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (changed_only)));
  assert_shown (fixture, n_regions);

  mapscope_region_filter_reset (fixture->filter);
  g_assert_false (gtk_toggle_button_get_active (changed_only));
}

static void
test_table_select (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkSelectionModel *rows = get_rows (fixture);
  const MapscopeRegion *region;
  g_autofree char *rss = NULL;
  g_autofree char *size = NULL;
  g_autofree char *header = NULL;
  g_autofree char *ratio = NULL;
  g_autofree char *end_hex = NULL;
  g_auto(GStrv) codes = NULL;
  guint64 rss_kb;
  gint index;

  g_assert_false (mapscope_inspector_has_region (fixture->inspector));

  /* Sorted by RSS, the first row is a region other than the first. */
  sort_by (fixture, 3, GTK_SORT_DESCENDING);
  gtk_selection_model_select_item (rows, 0, TRUE);
  index = index_at (fixture, 0);
  g_assert_cmpint (mapscope_workspace_get_selected_index (fixture->workspace), ==, index);

  region = mapscope_snapshot_get_region (fixture->snapshot, index);
  rss_kb = mapscope_snapshot_get_value_or_zero (fixture->snapshot, region, MAPSCOPE_FIELD_RSS);
  rss = mapscope_format_kb (rss_kb);
  size = mapscope_format_kb ((region->end - region->start) / 1024);
  g_assert_true (mapscope_inspector_has_region (fixture->inspector));
  g_assert_cmpstr (mapscope_inspector_get_field_text (fixture->inspector, "Rss"), ==, rss);
  g_assert_cmpstr (mapscope_inspector_get_field_text (fixture->inspector, "Size"), ==, size);
  g_assert_cmpstr (mapscope_inspector_get_field_text (fixture->inspector, "KernelPageSize"), ==, "4 KiB");
  /* The range reads "start – end" in full, under its title. */
  g_assert_nonnull (strstr (mapscope_inspector_get_field_text (fixture->inspector, "range"), " – "));
  end_hex = g_strdup_printf ("%" G_GINT64_MODIFIER "x", region->end);
  g_assert_nonnull (strstr (mapscope_inspector_get_field_text (fixture->inspector, "range"), end_hex));
  g_assert_cmpstr (mapscope_inspector_get_field_text (fixture->inspector, "category"), ==,
                   mapscope_category_get_label (region->category));
  g_assert_cmpstr (mapscope_inspector_get_field_text (fixture->inspector, "rule"), ==,
                   mapscope_category_rule_describe (region->rule));
  ratio = g_strdup_printf ("%.1f %%", 100.0 * rss_kb / ((region->end - region->start) / 1024));
  g_assert_cmpstr (mapscope_inspector_get_field_text (fixture->inspector, "rss-ratio"), ==, ratio);

  codes = g_strsplit_set (region->vmflags_text, " ", -1);
  g_assert_nonnull (codes[0]);
  for (guint i = 0; codes[i] != NULL; i++)
    {
      g_autofree char *key = g_strconcat ("vmflag:", codes[i], NULL);

      if (codes[i][0] == '\0')
        continue;
      g_assert_cmpstr (mapscope_inspector_get_field_text (fixture->inspector, key), ==,
                       mapscope_vmflags_describe (codes[i]));
    }

  /* The raw text starts with the region's own header line of the file. */
  while (mapscope_inspector_get_raw_text (fixture->inspector) == NULL)
    g_main_context_iteration (NULL, TRUE);
  header = g_strdup_printf ("%" G_GINT64_MODIFIER "x-%" G_GINT64_MODIFIER "x ", region->start, region->end);
  g_assert_true (g_str_has_prefix (mapscope_inspector_get_raw_text (fixture->inspector), header));
  g_assert_nonnull (strstr (mapscope_inspector_get_raw_text (fixture->inspector), "\nRss:"));
  g_assert_nonnull (strstr (mapscope_inspector_get_raw_text (fixture->inspector), "\nVmFlags:"));
  /* and stops before the next region: one "Size:" line only */
  g_assert_null (strstr (strstr (mapscope_inspector_get_raw_text (fixture->inspector), "\nSize:") + 1,
                         "\nSize:"));

  /* Unselecting empties the inspector. */
  gtk_selection_model_unselect_all (rows);
  g_assert_cmpint (mapscope_workspace_get_selected_index (fixture->workspace), ==, -1);
  g_assert_false (mapscope_inspector_has_region (fixture->inspector));
}

static void
test_table_follow_workspace (Fixture       *fixture,
                             gconstpointer  data)
{
  GtkSelectionModel *rows = get_rows (fixture);
  GtkAdjustment *adjustment =
    gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (mapscope_region_table_get_column_view (fixture->table)));
  guint last = mapscope_snapshot_get_n_regions (fixture->snapshot) - 1;
  g_autoptr(GtkBitset) selected = NULL;
  double row_height;

  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0);
  /* The table is too short for all rows, or the scroll test means nothing. */
  g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), >, gtk_adjustment_get_page_size (adjustment));

  mapscope_workspace_set_selected_index (fixture->workspace, (gint)last);
  selected = gtk_selection_model_get_selection (rows);
  g_assert_cmpuint (gtk_bitset_get_size (selected), ==, 1);
  g_assert_cmpint (index_at (fixture, gtk_bitset_get_minimum (selected)), ==, (gint)last);

  /* The row was scrolled into view. */
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  mapscope_gtk_test_iterate ();
  row_height = gtk_adjustment_get_upper (adjustment) / (last + 1);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, 0);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment) + gtk_adjustment_get_page_size (adjustment),
                     >=, last * row_height);

  mapscope_workspace_set_selected_index (fixture->workspace, -1);
  g_clear_pointer (&selected, gtk_bitset_unref);
  selected = gtk_selection_model_get_selection (rows);
  g_assert_true (gtk_bitset_is_empty (selected));
}

static void
test_table_multi_select (Fixture       *fixture,
                         gconstpointer  data)
{
  GtkSelectionModel *rows = get_rows (fixture);
  guint64 size = 0, rss = 0;
  g_autofree char *size_text = NULL;
  g_autofree char *rss_text = NULL;
  g_autofree char *expected = NULL;

  gtk_selection_model_select_range (rows, 2, 3, TRUE);
  for (guint position = 2; position < 5; position++)
    {
      const MapscopeRegion *region = region_at (fixture, position);

      size += (region->end - region->start) / 1024;
      rss += mapscope_snapshot_get_value_or_zero (fixture->snapshot, region, MAPSCOPE_FIELD_RSS);
    }
  size_text = mapscope_format_kb (size);
  rss_text = mapscope_format_kb (rss);
  expected = g_strdup_printf ("; 3 selected: size %s, RSS %s, ", size_text, rss_text);
  g_assert_nonnull (strstr (mapscope_region_table_get_status_text (fixture->table), expected));
  g_assert_cmpint (mapscope_workspace_get_selected_index (fixture->workspace), ==, index_at (fixture, 2));
}

static void
test_table_address (Fixture       *fixture,
                    gconstpointer  data)
{
  guint n_regions;
  const MapscopeRegion *regions = mapscope_snapshot_get_regions (fixture->snapshot, &n_regions);
  g_autoptr(GtkBitset) selected = NULL;
  g_autofree char *text = NULL;
  gint heap = -1;

  for (guint i = 0; i < n_regions; i++)
    {
      if (g_strcmp0 (regions[i].path, "[heap]") == 0)
        heap = (gint)i;
    }
  g_assert_cmpint (heap, >=, 0);

  text = g_strdup_printf ("0x%" G_GINT64_MODIFIER "x", regions[heap].start + 0x123);
  mapscope_region_filter_set_text (fixture->filter, text);
  mapscope_gtk_test_iterate ();

  g_assert_cmpint (mapscope_workspace_get_selected_index (fixture->workspace), ==, heap);
  selected = gtk_selection_model_get_selection (get_rows (fixture));
  g_assert_cmpuint (gtk_bitset_get_size (selected), ==, 1);
  g_assert_cmpint (index_at (fixture, gtk_bitset_get_minimum (selected)), ==, heap);
  /* An address selects; it does not hide the other regions. */
  assert_shown (fixture, n_regions);
  g_assert_cmpstr (mapscope_inspector_get_field_text (fixture->inspector, "path"), ==, "[heap]");
}

/* Summary */

static int
compare_descending (const void *a,
                    const void *b)
{
  guint64 x = *(const guint64 *)a;
  guint64 y = *(const guint64 *)b;

  return (x < y) - (x > y);
}

static void
test_summary (Fixture       *fixture,
              gconstpointer  data)
{
  guint n_regions;
  const MapscopeRegion *regions = mapscope_snapshot_get_regions (fixture->snapshot, &n_regions);
  guint64 mapped = 0, largest_gap = 0, max_rss = 0, max_pss = 0;
  guint n_gaps = 0;
  g_autofree char *mapped_text = NULL;
  g_autofree char *gap_text = NULL;
  g_autofree char *gaps = NULL;
  g_autofree char *rss_text = NULL;
  g_autofree char *pss_text = NULL;

  for (guint i = 0; i < n_regions; i++)
    {
      mapped += regions[i].end - regions[i].start;
      if (i > 0 && regions[i].start != regions[i - 1].end)
        {
          n_gaps++;
          largest_gap = MAX (largest_gap, regions[i].start - regions[i - 1].end);
        }
      max_rss = MAX (max_rss, mapscope_snapshot_get_value_or_zero (fixture->snapshot, &regions[i], MAPSCOPE_FIELD_RSS));
      max_pss = MAX (max_pss, mapscope_snapshot_get_value_or_zero (fixture->snapshot, &regions[i], MAPSCOPE_FIELD_PSS));
    }

  mapped_text = mapscope_format_kb (mapped / 1024);
  gap_text = mapscope_format_kb (largest_gap / 1024);
  gaps = g_strdup_printf ("%u", n_gaps);
  rss_text = mapscope_format_kb (max_rss);
  pss_text = mapscope_format_kb (max_pss);
  g_assert_cmpstr (mapscope_summary_view_get_text (fixture->summary, "mapped"), ==, mapped_text);
  g_assert_cmpstr (mapscope_summary_view_get_text (fixture->summary, "gap-count"), ==, gaps);
  g_assert_cmpstr (mapscope_summary_view_get_text (fixture->summary, "largest-gap"), ==, gap_text);
  g_assert_cmpstr (mapscope_summary_view_get_text (fixture->summary, "top-rss:0"), ==, rss_text);
  g_assert_cmpstr (mapscope_summary_view_get_text (fixture->summary, "top-pss:0"), ==, pss_text);
  g_assert_null (mapscope_summary_view_get_text (fixture->summary, "top-rss:10"));

  /* The ten largest, in order, against a full sort done here. */
  {
    g_autofree guint64 *values = g_new (guint64, n_regions);

    for (guint i = 0; i < n_regions; i++)
      values[i] = mapscope_snapshot_get_value_or_zero (fixture->snapshot, &regions[i], MAPSCOPE_FIELD_RSS);
    qsort (values, n_regions, sizeof (guint64), compare_descending);
    g_assert_cmpuint (n_regions, >=, 10);
    for (guint k = 0; k < 10; k++)
      {
        g_autofree char *key = g_strdup_printf ("top-rss:%u", k);
        g_autofree char *expected = mapscope_format_kb (values[k]);

        g_assert_cmpstr (mapscope_summary_view_get_text (fixture->summary, key), ==, expected);
      }
  }
  g_assert_nonnull (mapscope_summary_view_get_text (fixture->summary, "file:0"));
  g_assert_nonnull (mapscope_summary_view_get_text (fixture->summary, "legend:heap"));
}

/* Pixels */

static void
test_render (Fixture       *fixture,
             gconstpointer  data)
{
  GtkWidget *widgets[] = {
    GTK_WIDGET (fixture->filter_bar), GTK_WIDGET (fixture->table),
    GTK_WIDGET (fixture->inspector), GTK_WIDGET (fixture->summary),
  };
  guint64 rss_kb[MAPSCOPE_N_CATEGORIES] = { 0 };
  guint n_regions;
  const MapscopeRegion *regions = mapscope_snapshot_get_regions (fixture->snapshot, &n_regions);
  cairo_surface_t *chart;

  /* Something to show in the inspector too. */
  mapscope_workspace_set_selected_index (fixture->workspace, 0);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  mapscope_gtk_test_iterate ();

  for (guint i = 0; i < G_N_ELEMENTS (widgets); i++)
    {
      cairo_surface_t *surface = mapscope_gtk_test_render_paintable (widgets[i], FALSE);

      g_assert_nonnull (surface);

      /* Text, lines and colors: far more than a blank or flat image. */
      g_assert_cmpuint (mapscope_gtk_test_count_distinct (surface), >, 20);
      cairo_surface_destroy (surface);
    }

  for (guint i = 0; i < n_regions; i++)
    rss_kb[regions[i].category] += mapscope_snapshot_get_value_or_zero (fixture->snapshot, &regions[i],
                                                                        MAPSCOPE_FIELD_RSS);

  chart = mapscope_gtk_test_render_paintable (mapscope_summary_view_get_chart (fixture->summary),
                                              FALSE);
  g_assert_nonnull (chart);
  for (guint category = 0; category < MAPSCOPE_N_CATEGORIES; category++)
    {
      MapscopeColor color;

      mapscope_palette_get_category_color (category, adw_style_manager_get_dark (adw_style_manager_get_default ()),
                                           &color);
      if (rss_kb[category] > 0)
        g_assert_cmpuint (mapscope_gtk_test_count_color (chart, color.red, color.green, color.blue), >, 10);
      else
        g_assert_cmpuint (mapscope_gtk_test_count_color (chart, color.red, color.green, color.blue), ==, 0);
    }
  cairo_surface_destroy (chart);
}

static void
test_switch_snapshot (Fixture       *fixture,
                      gconstpointer  data)
{
  mapscope_workspace_set_current (fixture->workspace, NULL);
  mapscope_gtk_test_iterate ();
  g_assert_cmpuint (mapscope_region_table_get_n_shown (fixture->table), ==, 0);
  g_assert_null (mapscope_summary_view_get_text (fixture->summary, "mapped"));
  g_assert_false (mapscope_inspector_has_region (fixture->inspector));

  mapscope_workspace_set_current (fixture->workspace, fixture->snapshot);
  mapscope_gtk_test_iterate ();
  g_assert_cmpuint (mapscope_region_table_get_n_shown (fixture->table), ==, 50);
  g_assert_nonnull (mapscope_summary_view_get_text (fixture->summary, "mapped"));
}

/* A baseline of another program: the bar says so, naming both, and drops
 * it; two snapshots of one program raise no such bar. */
static void
test_baseline_bar (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *sleep_path = g_test_build_filename (G_TEST_DIST, "data", "real", "sleep.smaps", NULL);
  g_autofree char *timeline_path = g_test_build_filename (G_TEST_DIST, "data", "real",
                                                          "python-leak-timeline.log", NULL);
  g_autoptr(MapscopeDocument) sleep_document = NULL;
  g_autoptr(MapscopeDocument) timeline = NULL;
  g_autoptr(GError) error = NULL;
  MapscopeBaselineBar *bar = MAPSCOPE_BASELINE_BAR (mapscope_baseline_bar_new (fixture->workspace));
  const char *text;

  g_object_ref_sink (bar);
  sleep_document = mapscope_document_load_path (sleep_path, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  timeline = mapscope_document_load_path (timeline_path, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  mapscope_workspace_add_document (fixture->workspace, sleep_document);
  mapscope_workspace_add_document (fixture->workspace, timeline);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (bar)));

  mapscope_workspace_set_current (fixture->workspace, mapscope_document_get_snapshot (sleep_document, 0));
  mapscope_workspace_set_baseline (fixture->workspace, fixture->snapshot);
  text = mapscope_notice_bar_get_text (MAPSCOPE_NOTICE_BAR (bar));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (bar)));
  g_assert_nonnull (strstr (text, "(zoo, not sleep)"));

  g_signal_emit_by_name (mapscope_notice_bar_get_button (MAPSCOPE_NOTICE_BAR (bar)), "clicked");
  g_assert_null (mapscope_workspace_get_baseline (fixture->workspace));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (bar)));
  g_assert_cmpstr (mapscope_notice_bar_get_text (MAPSCOPE_NOTICE_BAR (bar)), ==, "");

  mapscope_workspace_set_current (fixture->workspace, mapscope_document_get_snapshot (timeline, 4));
  mapscope_workspace_set_baseline (fixture->workspace, mapscope_document_get_snapshot (timeline, 0));
  g_assert_nonnull (mapscope_workspace_get_diff (fixture->workspace));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (bar)));

  mapscope_workspace_set_baseline (fixture->workspace, NULL);
  g_object_unref (bar);
}

/* 60,000 regions: everything still works with the incremental models. */
static void
test_table_large (Fixture       *fixture,
                  gconstpointer  data)
{
  const guint n_regions = 60000;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(MapscopeDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  MapscopeSnapshot *large;
  guint expected = 0;
  gint64 start;

  for (guint i = 0; i < n_regions; i++)
    {
      guint64 address = 0x7f0000000000 + (guint64)i * 0x2000;

      /* every third region is a file whose name contains "lib" */
      g_string_append_printf (text,
                              "%" G_GINT64_MODIFIER "x-%" G_GINT64_MODIFIER "x rw-p 00000000 00:00 0 %s\n"
                              "Size:                  4 kB\n"
                              "Rss:                   %u kB\n"
                              "Pss:                   %u kB\n",
                              address, address + 0x1000, i % 3 == 0 ? "/usr/lib/libfake.so" : "",
                              (i * 7) % 5, (i * 7) % 5);
      expected += i % 3 == 0;
    }
  document = mapscope_document_load_data (text->str, text->len, "large.smaps", &error);
  g_assert_no_error (error);
  large = mapscope_document_get_snapshot (document, 0);
  g_assert_cmpuint (mapscope_snapshot_get_n_regions (large), ==, n_regions);

  start = g_get_monotonic_time ();
  mapscope_workspace_add_snapshot (fixture->workspace, large);
  mapscope_workspace_set_current (fixture->workspace, large);
  /* GTK gets the rows a few a frame, not 60,000 (and ~200 row widgets)
   * at once; the row count and the status line know all of them */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (
                      mapscope_region_table_get_column_view (fixture->table)))), <, 100);
  g_assert_cmpuint (mapscope_region_table_get_n_shown (fixture->table), ==, n_regions);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  g_test_message ("show 60,000 rows: %.1f ms", (g_get_monotonic_time () - start) / 1000.0);

  /* The region list filters and sorts in one go, before returning. */
  start = g_get_monotonic_time ();
  mapscope_region_filter_set_text (fixture->filter, "libfake");
  g_assert_cmpuint (mapscope_region_table_get_n_shown (fixture->table), ==, expected);
  mapscope_gtk_test_iterate ();
  g_test_message ("filter 60,000 rows: %.1f ms", (g_get_monotonic_time () - start) / 1000.0);
  assert_shown (fixture, expected);
  assert_first_row_shows (fixture, region_at (fixture, 0)->start);
  g_assert_cmpuint (region_at (fixture, 0)->start, ==, 0x7f0000000000);

  start = g_get_monotonic_time ();
  sort_by (fixture, 3, GTK_SORT_DESCENDING);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (get_rows (fixture))), ==, expected);
  g_assert_cmpuint (mapscope_snapshot_get_value_or_zero (large, region_at (fixture, 0), MAPSCOPE_FIELD_RSS), ==, 4);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  g_test_message ("sort 20,000 rows: %.1f ms", (g_get_monotonic_time () - start) / 1000.0);
  g_assert_cmpuint (region_at (fixture, 0)->start, !=, 0x7f0000000000);
  assert_first_row_shows (fixture, region_at (fixture, 0)->start);

  /* Selecting from elsewhere finds the row among thousands. */
  mapscope_workspace_set_selected_index (fixture->workspace, (gint)(n_regions - 3));
  g_assert_cmpint (index_at (fixture, gtk_bitset_get_minimum (gtk_selection_model_get_selection (get_rows (fixture)))),
                   ==, (gint)(n_regions - 3));
}

int
main (int   argc,
      char *argv[])
{
  mapscope_gtk_test_init (&argc, &argv);
  mapscope_views_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/views/table/rows", test_table_rows);
  ADD ("/views/table/filters", test_table_filters);
  ADD ("/views/table/sort", test_table_sort);
  ADD ("/views/table/diff", test_table_diff);
  ADD ("/views/table/select", test_table_select);
  ADD ("/views/table/follow-workspace", test_table_follow_workspace);
  ADD ("/views/table/multi-select", test_table_multi_select);
  ADD ("/views/table/address", test_table_address);
  ADD ("/views/table/large", test_table_large);
  ADD ("/views/filter-bar/entries", test_filter_bar_entries);
  ADD ("/views/summary/texts", test_summary);
  ADD ("/views/render", test_render);
  ADD ("/views/switch-snapshot", test_switch_snapshot);
  ADD ("/views/baseline-bar", test_baseline_bar);
#undef ADD

  return g_test_run ();
}
