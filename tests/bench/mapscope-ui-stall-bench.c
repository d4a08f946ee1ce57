/* mapscope-ui-stall-bench.c: how long the application's main loop stalls
 * while a user works with two 60,000-region snapshots
 *
 * Writes two smaps files of about 60,000 regions each (the second with
 * some regions grown), opens them in the real MapscopeWindow the way
 * `mapscope FILE FILE` does, then plays what a user does: type a search,
 * clear it, sort by RSS, switch snapshots, make one the baseline and
 * switch back to see the diff, select a region, scroll to the end, select
 * all rows, export them as JSON, and visit the summary, map, findings and
 * regions pages.
 *
 * A 1 ms timer runs on the main loop throughout; the longest gap between
 * two of its ticks while an action's work runs is the longest time the
 * window could not answer input or draw: the action's stall. Output ends
 * with the line
 *
 *   ui-stall-bench max_ms=X target_ms=100
 *
 * where X is the longest stall of any action, the median over the runs.
 * The first figure, building the window when the application starts, is
 * printed but not counted: no window is on screen yet. Run it with
 * tests/bench/ui-stall-bench, which sets up Xvfb and the environment.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mapscope-app-config.h"

#include <stdio.h>
#include <stdlib.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "gtk-test-util.h"
#include "mapscope-application.h"
#include "mapscope-views.h"
#include "mapscope-window-private.h"

#define N_LIBRARIES      1000
#define ANON_PER_LIBRARY 58
#define PAGE             0x1000
#define TARGET_MS        100
#define SETTLE_MS        400    /* quiet time that ends an action */
#define ACTION_LIMIT_S   60

typedef struct
{
  gint64 last_tick;
  gint64 longest;     /* µs */
  gint64 last_busy;   /* when a gap over 5 ms last ended */
} StallMeter;

static StallMeter meter;

static gboolean
tick (gpointer data)
{
  gint64 now = g_get_monotonic_time ();
  gint64 gap = now - meter.last_tick;

  meter.longest = MAX (meter.longest, gap);
  /* on stderr, for lining up with a profile recorded with
   * `perf record -k CLOCK_MONOTONIC` */
  if (gap > 50000)
    g_printerr ("stall of %.1f ms from %.6f to %.6f s (CLOCK_MONOTONIC)\n", gap / 1000.0,
                meter.last_tick / 1e6, now / 1e6);
  if (gap > 5000)
    meter.last_busy = now;
  meter.last_tick = now;
  return G_SOURCE_CONTINUE;
}

static void
write_smaps (const char *path,
             gboolean    grown)
{
  g_autoptr(GString) out = g_string_sized_new (48 * 1024 * 1024);
  g_autoptr(GError) error = NULL;
  guint64 address = G_GUINT64_CONSTANT (0x7f0000000000);

  for (guint lib = 0; lib < N_LIBRARIES; lib++)
    {
      for (guint segment = 0; segment < 2; segment++, address += 2 * PAGE)
        g_string_append_printf (out,
                                "%" G_GINT64_MODIFIER "x-%" G_GINT64_MODIFIER "x %s %08x fe:00 %u "
                                "/usr/lib/bench/libbench%u.so\nSize: 8 kB\nRss: 8 kB\nPss: 4 kB\n"
                                "Private_Dirty: 0 kB\nSwap: 0 kB\n",
                                address, address + 2 * PAGE, segment ? "r-xp" : "r--p",
                                segment * 2 * PAGE, 1000 + lib, lib);
      for (guint a = 0; a < ANON_PER_LIBRARY; a++, address += 3 * PAGE)
        {
          guint rss = 4 + (lib * 7 + a) % 5 * 4 + (grown && a % 11 == 0 ? 4 : 0);

          g_string_append_printf (out,
                                  "%" G_GINT64_MODIFIER "x-%" G_GINT64_MODIFIER "x %s 00000000 00:00 0 \n"
                                  "Size: 8 kB\nRss: %u kB\nPss: %u kB\nPrivate_Dirty: %u kB\nSwap: 0 kB\n",
                                  address, address + 2 * PAGE, a % 2 ? "rw-p" : "r--p", MIN (rss, 8),
                                  MIN (rss, 8), MIN (rss, 8));
        }
    }

  if (!g_file_set_contents (path, out->str, out->len, &error))
    g_error ("%s", error->message);
}

/* Runs the main loop until @done says so and then SETTLE_MS pass without
 * a busy gap; returns the longest gap, in ms. */
static double
measure_until (gboolean (*done) (gpointer),
               gpointer   data)
{
  gint64 deadline = g_get_monotonic_time () + ACTION_LIMIT_S * G_USEC_PER_SEC;

  for (;;)
    {
      gint64 now = g_get_monotonic_time ();

      if (now > deadline)
        g_error ("an action did not finish within %d s", ACTION_LIMIT_S);
      if ((done == NULL || done (data)) && now - meter.last_busy > SETTLE_MS * 1000
          && now - meter.last_tick < 5000)
        break;
      g_main_context_iteration (NULL, TRUE);
    }
  return meter.longest / 1000.0;
}

static void
start_action (void)
{
  /* let the loop go quiet first, so that the last action's tail is not
   * counted against this one */
  measure_until (NULL, NULL);
  meter.longest = 0;
  meter.last_tick = g_get_monotonic_time ();
  meter.last_busy = meter.last_tick;
}

static gboolean
loaded (gpointer window)
{
  return !mapscope_window_get_loading (window);
}

static gboolean
not_exporting (gpointer window)
{
  return !_mapscope_window_get_exporting (window);
}

static MapscopeWindow *
get_window (MapscopeApplication *app)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    {
      if (MAPSCOPE_IS_WINDOW (l->data))
        return l->data;
    }
  g_error ("the application has no window");
}

static void
select_snapshot (MapscopeWindow *window,
                 guint           index)
{
  gtk_list_box_select_row (window->snapshot_list, gtk_list_box_get_row_at_index (window->snapshot_list, index));
}

static GtkColumnView *
find_column_view (MapscopeWindow *window)
{
  GtkWidget *table = mapscope_gtk_test_find_css_name (GTK_WIDGET (window), "regiontable");

  return mapscope_region_table_get_column_view (MAPSCOPE_REGION_TABLE (table));
}

static void
set_search (MapscopeWindow *window,
            const char     *text)
{
  gtk_editable_set_text (GTK_EDITABLE (mapscope_filter_bar_get_search_entry (MAPSCOPE_FILTER_BAR (window->filter_bar))),
                         text);
}

/* The actions, in the order a user takes them */

static void
type_search (MapscopeWindow *window)
{
  set_search (window, "libbench1");
}

static void
clear_search (MapscopeWindow *window)
{
  set_search (window, "");
}

static void
sort_by_rss (MapscopeWindow *window)
{
  GtkColumnView *column_view = find_column_view (window);
  g_autoptr(GtkColumnViewColumn) rss = g_list_model_get_item (gtk_column_view_get_columns (column_view), 3);

  gtk_column_view_sort_by_column (column_view, rss, GTK_SORT_DESCENDING);
}

static void
switch_snapshot (MapscopeWindow *window)
{
  select_snapshot (window, 0);
}

static void
pick_baseline (MapscopeWindow *window)
{
  g_action_group_activate_action (G_ACTION_GROUP (window), "toggle-baseline", NULL);
}

static void
diff_with_baseline (MapscopeWindow *window)
{
  select_snapshot (window, 1);
}

static void
select_region (MapscopeWindow *window)
{
  mapscope_workspace_set_selected_index (mapscope_window_get_workspace (window), 30000);
}

/* As dragging the scroll bar to the bottom does: every row GTK keeps gets
 * another region. */
static void
scroll_to_end (MapscopeWindow *window)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (find_column_view (window)));

  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
}

static void
select_all_rows (MapscopeWindow *window)
{
  gtk_selection_model_select_all (gtk_column_view_get_model (find_column_view (window)));
}

/* Written next to the two smaps files; removed at the end. */
static char *export_path;

static void
export_regions_json (MapscopeWindow *window)
{
  _mapscope_window_set_export_target (window, export_path, FALSE);
  g_action_group_activate_action (G_ACTION_GROUP (window), "export-regions-json", NULL);
}

static void
show_summary (MapscopeWindow *window)
{
  adw_view_stack_set_visible_child_name (window->view_stack, "summary");
}

static void
show_map (MapscopeWindow *window)
{
  adw_view_stack_set_visible_child_name (window->view_stack, "map");
}

static void
show_findings (MapscopeWindow *window)
{
  adw_view_stack_set_visible_child_name (window->view_stack, "findings");
}

static void
show_regions (MapscopeWindow *window)
{
  adw_view_stack_set_visible_child_name (window->view_stack, "regions");
}

typedef struct
{
  const char *label;
  void      (*run) (MapscopeWindow *window);
} Action;

static const Action actions[] = {
  { "type a search (\"libbench1\")", type_search },
  { "clear the search", clear_search },
  { "sort by RSS", sort_by_rss },
  { "switch to the other snapshot", switch_snapshot },
  { "make it the baseline", pick_baseline },
  { "switch back: diff with the baseline", diff_with_baseline },
  { "select a region", select_region },
  { "scroll to the end of the table", scroll_to_end },
  { "select all rows (Ctrl+A)", select_all_rows },
  { "export the regions as JSON", export_regions_json },
  { "show the summary page", show_summary },
  { "show the map page", show_map },
  { "show the findings page", show_findings },
  { "show the regions page", show_regions },
};

/* Starting the application (building the window before it is shown),
 * then opening the files, then the actions. */
#define N_MEASURES (2 + G_N_ELEMENTS (actions))

/* Plays one session; @stalls gets the longest stall of each measure, in ms. */
static void
play (MapscopeApplication *app,
      const char          *old_path,
      const char          *new_path,
      double              *stalls)
{
  GFile *files[2] = { g_file_new_for_path (old_path), g_file_new_for_path (new_path) };
  MapscopeWindow *window;

  start_action ();
  g_application_activate (G_APPLICATION (app));
  window = get_window (app);
  stalls[0] = measure_until (NULL, NULL);

  start_action ();
  g_application_open (G_APPLICATION (app), files, 2, "");
  g_assert (get_window (app) == window);
  stalls[1] = measure_until (loaded, window);
  g_object_unref (files[0]);
  g_object_unref (files[1]);

  for (guint a = 0; a < G_N_ELEMENTS (actions); a++)
    {
      start_action ();
      actions[a].run (window);
      stalls[2 + a] = measure_until (not_exporting, window);
    }

  gtk_window_destroy (GTK_WINDOW (window));
  measure_until (NULL, NULL);
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *)a;
  double y = *(const double *)b;

  return (x > y) - (x < y);
}

int
main (int   argc,
      char *argv[])
{
  guint runs = argc > 1 ? (guint)g_ascii_strtoull (argv[1], NULL, 10) : 3;
  g_autoptr(MapscopeApplication) app = NULL;
  g_autofree char *dir = g_dir_make_tmp ("mapscope-ui-stall-XXXXXX", NULL);
  g_autofree char *old_path = g_build_filename (dir, "before.smaps", NULL);
  g_autofree char *new_path = g_build_filename (dir, "after.smaps", NULL);
  g_autofree char *json_path = g_build_filename (dir, "regions.json", NULL);
  g_autofree double *stalls = NULL;
  double worst = 0;

  if (runs == 0 || dir == NULL)
    {
      g_printerr ("Usage: mapscope-ui-stall-bench [RUNS]\n");
      return 2;
    }

  g_setenv ("GTK_A11Y", "none", FALSE);
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  g_setenv ("GSETTINGS_BACKEND", "memory", FALSE);
  gtk_init ();
  adw_init ();
  export_path = json_path;
  write_smaps (old_path, FALSE);
  write_smaps (new_path, TRUE);

  /* not unique: a running Mapscope must not receive the files */
  app = mapscope_application_new (APPLICATION_ID, G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, NULL);
  g_application_hold (G_APPLICATION (app));
  g_timeout_add_full (G_PRIORITY_HIGH, 1, tick, NULL, NULL);

  stalls = g_new (double, N_MEASURES * runs);
  for (guint r = 0; r < runs; r++)
    play (app, old_path, new_path, &stalls[r * N_MEASURES]);

  printf ("ui-stall-bench: two snapshots of %u regions each in the application window, %u runs\n",
          N_LIBRARIES * (2 + ANON_PER_LIBRARY), runs);
  for (guint m = 0; m < N_MEASURES; m++)
    {
      g_autofree double *column = g_new (double, runs);
      const char *label = m == 0 ? "start: build the window" : m == 1 ? "open two files and show them"
                                                                    : actions[m - 2].label;

      for (guint r = 0; r < runs; r++)
        column[r] = stalls[r * N_MEASURES + m];
      qsort (column, runs, sizeof (double), compare_doubles);
      printf ("  %-36s longest stall: median %6.1f ms (min %6.1f, max %6.1f)\n", label,
              column[runs / 2], column[0], column[runs - 1]);
      /* the window is not on screen while it is built: nothing freezes */
      if (m > 0)
        worst = MAX (worst, column[runs / 2]);
    }

  g_application_release (G_APPLICATION (app));
  g_unlink (old_path);
  g_unlink (new_path);
  g_unlink (json_path);
  g_rmdir (dir);

  printf ("ui-stall-bench max_ms=%.1f target_ms=%d\n", worst, TARGET_MS);
  return 0;
}
