/* test-timeline-findings.c: the timeline view and the findings view, driven
 * like a user would under Xvfb, on real captures
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>
#include <stdlib.h>

#include "gtk-test-util.h"
#include "mapscope-palette.h"
#include "mapscope-region-list.h"
#include "mapscope-timeline-chart.h"
#include "mapscope-views.h"

#define WIDTH  900
#define HEIGHT 700

typedef struct
{
  MapscopeDocument  *document;
  MapscopeWorkspace *workspace;
  GtkWindow         *window;
} Fixture;

/* Both views compute in worker threads; waits for their results. */
static void
wait_for_views (GtkWidget *view)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  mapscope_gtk_test_iterate ();
  while ((MAPSCOPE_IS_TIMELINE_VIEW (view) && mapscope_timeline_view_get_busy (MAPSCOPE_TIMELINE_VIEW (view))) ||
         (MAPSCOPE_IS_FINDINGS_VIEW (view) && mapscope_findings_view_get_busy (MAPSCOPE_FINDINGS_VIEW (view))))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  mapscope_gtk_test_iterate ();
}

static void
fixture_set_up (Fixture    *fixture,
                const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "real", name, NULL);
  g_autoptr(GError) error = NULL;

  fixture->document = mapscope_document_load_path (path, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  fixture->workspace = mapscope_workspace_new ();
  mapscope_workspace_add_document (fixture->workspace, fixture->document);
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, WIDTH, HEIGHT);
}

static void
fixture_show (Fixture   *fixture,
              GtkWidget *child)
{
  gtk_window_set_child (fixture->window, child);
  gtk_window_present (fixture->window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  mapscope_gtk_test_iterate ();
}

static void
fixture_tear_down (Fixture *fixture)
{
  gtk_window_destroy (fixture->window);
  mapscope_gtk_test_iterate ();
  g_assert_finalize_object (fixture->workspace);
  g_assert_finalize_object (fixture->document);
}

static void
test_timeline_chart (void)
{
  Fixture fixture;
  MapscopeTimelineView *view;
  MapscopeTimelineAnalysis *analysis;
  GtkWidget *chart;
  cairo_surface_t *surface;
  GtkEventController *click;
  GtkEventController *motion;
  guint n;
  int width;
  guint colored_categories = 0;
  gboolean handled = FALSE;

  fixture_set_up (&fixture, "python-leak-timeline.log");
  view = MAPSCOPE_TIMELINE_VIEW (mapscope_timeline_view_new (fixture.workspace));
  fixture_show (&fixture, GTK_WIDGET (view));
  wait_for_views (GTK_WIDGET (view));

  analysis = mapscope_timeline_view_get_analysis (view);
  g_assert_nonnull (analysis);
  n = mapscope_timeline_analysis_get_n_snapshots (analysis);
  g_assert_cmpuint (n, ==, 5);
  /* The growing anonymous memory is named as the leak suspect. */
  g_assert_nonnull (strstr (mapscope_timeline_view_get_text (view, "caption"), "Anonymous"));
  g_assert_nonnull (strstr (mapscope_timeline_view_get_text (view, "caption"), "per second"));

  /* The chart's pixels carry the categories' colors, anonymous memory
   * (the largest, growing band) among them. */
  chart = mapscope_timeline_view_get_chart (view);
  width = gtk_widget_get_width (chart);
  g_assert_cmpint (width, >, 200);
  surface = mapscope_gtk_test_render_snapshot (chart);
  for (guint c = 0; c < MAPSCOPE_N_CATEGORIES; c++)
    {
      MapscopeColor color;
      guint count;

      mapscope_palette_get_category_color (c, FALSE, &color);
      count = mapscope_gtk_test_count_color (surface, color.red, color.green, color.blue);
      if (count > 200)
        colored_categories++;
      if (c == MAPSCOPE_CATEGORY_ANONYMOUS)
        g_assert_cmpuint (count, >, 1000);
    }
  g_assert_cmpuint (colored_categories, >=, 2);
  cairo_surface_destroy (surface);

  /* A click at a snapshot's x makes it current. */
  click = mapscope_gtk_test_find_controller (chart, GTK_TYPE_GESTURE_CLICK);
  for (guint s = 0; s < n; s++)
    {
      g_signal_emit_by_name (click, "pressed", 1, mapscope_timeline_chart_get_point_x (n, width, s),
                             gtk_widget_get_height (chart) / 2.0);
      g_assert_false (mapscope_timeline_view_get_busy (view));
      g_assert_true (mapscope_workspace_get_current (fixture.workspace) ==
                     mapscope_timeline_analysis_get_snapshot (analysis, s));
    }
  /* Moving along the timeline keeps the same analysis. */
  g_assert_true (mapscope_timeline_view_get_analysis (view) == analysis);

  /* Left goes one snapshot back. */
  g_signal_emit_by_name (mapscope_gtk_test_find_controller (chart, GTK_TYPE_EVENT_CONTROLLER_KEY), "key-pressed",
                         GDK_KEY_Left, 0, 0, &handled);
  g_assert_true (handled);
  g_assert_true (mapscope_workspace_get_current (fixture.workspace) ==
                 mapscope_timeline_analysis_get_snapshot (analysis, n - 2));

  /* Hovering a point shows its values. */
  motion = mapscope_gtk_test_find_controller (chart, GTK_TYPE_EVENT_CONTROLLER_MOTION);
  g_signal_emit_by_name (motion, "motion", mapscope_timeline_chart_get_point_x (n, width, 0), 10.0);
  g_assert_nonnull (strstr (mapscope_timeline_view_get_text (view, "readout"), "Anonymous: "));
  g_assert_nonnull (strstr (mapscope_timeline_view_get_text (view, "readout"), "(+0 s)"));
  g_signal_emit_by_name (motion, "motion", mapscope_timeline_chart_get_point_x (n, width, n - 1), 10.0);
  g_assert_nonnull (strstr (mapscope_timeline_view_get_text (view, "readout"), "(+8 s)"));

  fixture_tear_down (&fixture);
}

static void
test_timeline_single (void)
{
  Fixture fixture;
  MapscopeTimelineView *view;

  fixture_set_up (&fixture, "zoo.smaps");
  view = MAPSCOPE_TIMELINE_VIEW (mapscope_timeline_view_new (fixture.workspace));
  fixture_show (&fixture, GTK_WIDGET (view));
  wait_for_views (GTK_WIDGET (view));

  /* One snapshot is no timeline: the status page explains, the chart is hidden. */
  g_assert_null (mapscope_timeline_view_get_analysis (view));
  g_assert_false (gtk_widget_get_mapped (mapscope_timeline_view_get_chart (view)));

  fixture_tear_down (&fixture);
}

static GtkListBoxRow *
find_row (MapscopeFindingsView *view,
          const char           *id)
{
  GtkListBox *list = mapscope_findings_view_get_list (view);

  for (GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, 0); row != NULL;
       row = gtk_list_box_get_row_at_index (list, gtk_list_box_row_get_index (row) + 1))
    {
      if (g_strcmp0 (gtk_widget_get_name (GTK_WIDGET (row)), id) == 0)
        return row;
    }
  return NULL;
}

static void
test_findings_zoo (void)
{
  Fixture fixture;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *paned = gtk_paned_new (GTK_ORIENTATION_HORIZONTAL);
  MapscopeFindingsView *view;
  MapscopeRegionTable *table;
  MapscopeOnlyRegionsBar *bar;
  MapscopeRegionFilter *filter;
  MapscopeSnapshot *snapshot;
  const MapscopeFinding *duplicate = NULL;
  GtkListBoxRow *row;
  GtkSelectionModel *rows;
  g_autofree char *expected_text = NULL;

  fixture_set_up (&fixture, "zoo.smaps");
  snapshot = mapscope_workspace_get_current (fixture.workspace);
  filter = mapscope_workspace_get_filter (fixture.workspace);
  view = MAPSCOPE_FINDINGS_VIEW (mapscope_findings_view_new (fixture.workspace));
  table = MAPSCOPE_REGION_TABLE (mapscope_region_table_new (fixture.workspace));
  bar = MAPSCOPE_ONLY_REGIONS_BAR (mapscope_only_regions_bar_new (fixture.workspace));
  gtk_widget_set_vexpand (GTK_WIDGET (table), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (bar));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (table));
  gtk_paned_set_start_child (GTK_PANED (paned), box);
  gtk_paned_set_end_child (GTK_PANED (paned), GTK_WIDGET (view));
  fixture_show (&fixture, paned);
  wait_for_views (GTK_WIDGET (view));

  /* The zoo holds a 512 MiB anonymous region and libz from two paths. */
  g_assert_nonnull (find_row (view, "anon-large"));
  row = find_row (view, "lib-duplicate");
  g_assert_nonnull (row);
  g_assert_cmpuint (mapscope_findings_view_get_n_warnings (view), >=, 1);
  for (guint i = 0; i < mapscope_findings_view_get_n_findings (view); i++)
    {
      const MapscopeFinding *finding = mapscope_findings_view_get_finding (view, i);

      if (g_str_equal (finding->id, "lib-duplicate"))
        duplicate = finding;
      /* row order is the findings' order, most severe first */
      if (i > 0)
        g_assert_cmpint (mapscope_findings_view_get_finding (view, i - 1)->severity, >=, finding->severity);
    }
  g_assert_nonnull (duplicate);
  g_assert_cmpuint (duplicate->regions->len, >=, 2);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (bar)));
  g_assert_cmpuint (mapscope_region_table_get_n_shown (table), ==, mapscope_snapshot_get_n_regions (snapshot));

  /* Activating lib-duplicate restricts the table to its regions, selects
   * the first, and the bar says which finding restricts the view. */
  expected_text = g_strdup_printf ("Only the regions of: %s", duplicate->title);
  gtk_widget_activate (GTK_WIDGET (row));
  wait_for_views (GTK_WIDGET (view));
  g_assert_true (mapscope_region_filter_has_only_regions (filter));
  g_assert_cmpuint (mapscope_region_table_get_n_shown (table), ==, duplicate->regions->len);
  rows = gtk_column_view_get_model (mapscope_region_table_get_column_view (table));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (rows)); i++)
    {
      g_autoptr(MapscopeRegionItem) item = g_list_model_get_item (G_LIST_MODEL (rows), i);
      const MapscopeRegion *region = mapscope_region_item_get_region (item);

      g_assert_nonnull (region->path);
      g_assert_nonnull (strstr (region->path, "libz"));
    }
  g_assert_cmpint (mapscope_workspace_get_selected_index (fixture.workspace), ==,
                   (gint)g_array_index (duplicate->regions, guint, 0));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (bar)));
  g_assert_cmpstr (mapscope_only_regions_bar_get_text (bar), ==, expected_text);

  /* The bar's button shows every region again. */
  g_signal_emit_by_name (mapscope_only_regions_bar_get_clear_button (bar), "clicked");
  mapscope_gtk_test_iterate ();
  g_assert_false (mapscope_region_filter_has_only_regions (filter));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (bar)));
  g_assert_cmpuint (mapscope_region_table_get_n_shown (table), ==, mapscope_snapshot_get_n_regions (snapshot));

  fixture_tear_down (&fixture);
}

static void
test_findings_clean_and_timeline (void)
{
  Fixture fixture;
  MapscopeFindingsView *view;
  MapscopeSnapshot *first;
  gboolean leak = FALSE;

  /* The python timeline: its last snapshot carries the leak finding. */
  fixture_set_up (&fixture, "python-leak-timeline.log");
  view = MAPSCOPE_FINDINGS_VIEW (mapscope_findings_view_new (fixture.workspace));
  fixture_show (&fixture, GTK_WIDGET (view));
  wait_for_views (GTK_WIDGET (view));
  first = mapscope_workspace_get_current (fixture.workspace);
  g_assert_true (first == mapscope_document_get_snapshot (fixture.document, 0));

  /* Even on the first snapshot, the timeline's leak is listed... */
  g_assert_nonnull (find_row (view, "leak-growth"));
  for (guint i = 0; i < mapscope_findings_view_get_n_findings (view); i++)
    leak = leak || g_str_equal (mapscope_findings_view_get_finding (view, i)->id, "leak-growth");
  g_assert_true (leak);
  g_assert_cmpuint (mapscope_findings_view_get_n_warnings (view), >=, 1);

  /* ...and activating it goes to the snapshot its regions belong to. */
  gtk_widget_activate (GTK_WIDGET (find_row (view, "leak-growth")));
  wait_for_views (GTK_WIDGET (view));
  g_assert_true (mapscope_workspace_get_current (fixture.workspace) ==
                 mapscope_document_get_snapshot (fixture.document,
                                                 mapscope_document_get_n_snapshots (fixture.document) - 1));
  g_assert_cmpint (mapscope_workspace_get_selected_index (fixture.workspace), >=, 0);
  fixture_tear_down (&fixture);

  /* A clean process: no warning, the badge count is zero. */
  fixture_set_up (&fixture, "sleep.smaps");
  view = MAPSCOPE_FINDINGS_VIEW (mapscope_findings_view_new (fixture.workspace));
  fixture_show (&fixture, GTK_WIDGET (view));
  wait_for_views (GTK_WIDGET (view));
  g_assert_cmpuint (mapscope_findings_view_get_n_warnings (view), ==, 0);
  fixture_tear_down (&fixture);
}

int
main (int   argc,
      char *argv[])
{
  mapscope_gtk_test_init (&argc, &argv);
  mapscope_views_init ();
  /* the light palette, whatever the desktop says */
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);

  g_test_add_func ("/views/timeline/chart", test_timeline_chart);
  g_test_add_func ("/views/timeline/single", test_timeline_single);
  g_test_add_func ("/views/findings/zoo", test_findings_zoo);
  g_test_add_func ("/views/findings/clean-and-timeline", test_findings_clean_and_timeline);

  return g_test_run ();
}
