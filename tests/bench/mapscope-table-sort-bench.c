/* mapscope-table-sort-bench.c: how long sorting the region table takes
 *
 * Builds a smaps text of 60,000 regions in memory (300 libraries of 4
 * segments, the rest anonymous, sizes and RSS spread pseudo-randomly with a
 * fixed seed), loads it, and times MapscopeRegionList sorting it by size,
 * by RSS and by path, each next to the C library's qsort() sorting the same
 * values (the numbers, or the path strings with strcmp) as the reference.
 * For comparison it also times what the table did before: a
 * GtkSortListModel sorting item objects with a GtkNumericSorter over a
 * property expression, compared pair by pair as GTK 4.8's column view
 * sorter does (gtk_pairwise_ms), and the same sorter given to the model
 * directly, which GTK can sort by keys (gtk_keys_ms). The output ends
 * with the line
 *
 *   table-sort-bench rows=N size_ms=X rss_ms=X path_ms=X size_ratio=X rss_ratio=X path_ratio=X gtk_pairwise_ms=X gtk_keys_ms=X
 *
 * where each *_ms is the median wall time of sorting the list and each
 * ratio is that time divided by the median time of the qsort reference.
 *
 * Usage: mapscope-table-sort-bench [RUNS]   (default 11)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdlib.h>
#include <string.h>

#include <gtk/gtk.h>

#include "mapscope-core.h"
#include "mapscope-region-list.h"

#define N_REGIONS    60000
#define N_LIBRARIES  300
#define PAGE         0x1000
#define SEED         4242

static char *
build_smaps (gsize *length)
{
  GString *out = g_string_sized_new (16 * 1024 * 1024);
  GRand *rand = g_rand_new_with_seed (SEED);
  guint64 address = G_GUINT64_CONSTANT (0x7f0000000000);

  for (guint i = 0; i < N_REGIONS; i++)
    {
      guint pages = 1 + g_rand_int_range (rand, 0, 64);
      guint rss_kb = g_rand_int_range (rand, 0, pages + 1) * 4;
      gboolean library = i % 200 < 4;
      g_autofree char *path = NULL;

      if (library)
        path = g_strdup_printf ("/usr/lib/bench/lib%c%u.so", 'a' + (i / 200) % 26,
                                (i / 200) % N_LIBRARIES);
      g_string_append_printf (out,
                              "%" G_GINT64_MODIFIER "x-%" G_GINT64_MODIFIER "x %s 00000000 %s %u %s\n"
                              "Size: %u kB\nRss: %u kB\nPss: %u kB\nSwap: 0 kB\n",
                              address, address + pages * PAGE, i % 2 ? "rw-p" : "r--p",
                              library ? "fe:00" : "00:00", library ? 1000 + i / 200 : 0,
                              library ? path : "", pages * 4, rss_kb, rss_kb / 2);
      address += (pages + 1) * PAGE;
    }
  g_rand_free (rand);
  *length = out->len;
  return g_string_free (out, FALSE);
}

static int
compare_uint64 (const void *a,
                const void *b)
{
  guint64 x = *(const guint64 *)a, y = *(const guint64 *)b;

  return (x > y) - (x < y);
}

static int
compare_strings (const void *a,
                 const void *b)
{
  return strcmp (*(const char * const *)a, *(const char * const *)b);
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return (x > y) - (x < y);
}

static double
median (double *times,
        guint   n)
{
  qsort (times, n, sizeof (double), compare_doubles);
  return times[n / 2];
}

static double
time_list_sort (MapscopeRegionList *list,
                MapscopeRegionSort  sort,
                guint               runs)
{
  g_autofree double *times = g_new (double, runs);

  for (guint run = 0; run < runs; run++)
    {
      gint64 start;

      mapscope_region_list_sort (list, MAPSCOPE_REGION_SORT_NONE, FALSE);
      start = g_get_monotonic_time ();
      mapscope_region_list_sort (list, sort, run % 2 == 1);
      times[run] = (g_get_monotonic_time () - start) / 1000.0;
    }
  return median (times, runs);
}

/* The reference: qsort() on the values themselves, copied fresh each run. */
static double
time_qsort (MapscopeSnapshot *snapshot,
            MapscopeField     field,
            gboolean          paths,
            guint             runs)
{
  guint n_regions;
  const MapscopeRegion *regions = mapscope_snapshot_get_regions (snapshot, &n_regions);
  g_autofree double *times = g_new (double, runs);
  g_autofree guint64 *numbers = g_new (guint64, n_regions);
  g_autofree const char **strings = g_new (const char *, n_regions);

  for (guint run = 0; run < runs; run++)
    {
      gint64 start;

      for (guint i = 0; i < n_regions; i++)
        {
          if (paths)
            strings[i] = regions[i].path != NULL ? regions[i].path : "";
          else if (field == MAPSCOPE_FIELD_SIZE)
            numbers[i] = mapscope_region_get_size (&regions[i]);
          else
            numbers[i] = mapscope_snapshot_get_value_or_zero (snapshot, &regions[i], field);
        }
      start = g_get_monotonic_time ();
      if (paths)
        qsort (strings, n_regions, sizeof (const char *), compare_strings);
      else
        qsort (numbers, n_regions, sizeof (guint64), compare_uint64);
      times[run] = (g_get_monotonic_time () - start) / 1000.0;
    }
  return median (times, runs);
}

static int
compare_pairwise (gconstpointer a,
                  gconstpointer b,
                  gpointer      sorter)
{
  return gtk_sorter_compare (sorter, (gpointer)a, (gpointer)b);
}

/* What the table did before: GTK sorting item objects by a property. */
static double
time_gtk_sort (MapscopeSnapshot *snapshot,
               gboolean          pairwise,
               guint             runs)
{
  g_autofree double *times = g_new (double, runs);

  for (guint run = 0; run < runs; run++)
    {
      GtkExpression *expression =
        gtk_property_expression_new (MAPSCOPE_TYPE_REGION_ITEM, NULL, "size");
      GtkSorter *sorter = GTK_SORTER (gtk_numeric_sorter_new (expression));
      g_autoptr(GtkSortListModel) model = NULL;
      gint64 start;

      if (pairwise)
        sorter = GTK_SORTER (gtk_custom_sorter_new (compare_pairwise, sorter, g_object_unref));
      start = g_get_monotonic_time ();
      model = gtk_sort_list_model_new (G_LIST_MODEL (mapscope_region_list_new (snapshot)), sorter);
      times[run] = (g_get_monotonic_time () - start) / 1000.0;
    }
  return median (times, runs);
}

int
main (int   argc,
      char *argv[])
{
  guint runs = argc > 1 ? (guint)atoi (argv[1]) : 11;
  g_autoptr(GError) error = NULL;
  g_autoptr(MapscopeDocument) document = NULL;
  g_autoptr(MapscopeRegionList) list = NULL;
  g_autofree char *text = NULL;
  MapscopeSnapshot *snapshot;
  double size_ms, rss_ms, path_ms, qsort_size_ms, qsort_rss_ms, qsort_path_ms;
  double gtk_pairwise_ms, gtk_keys_ms;
  gsize length;

  if (runs == 0)
    {
      g_printerr ("mapscope-table-sort-bench: RUNS must be a positive number\n");
      return 1;
    }

  text = build_smaps (&length);
  document = mapscope_document_load_data (text, length, "bench", &error);
  if (document == NULL)
    {
      g_printerr ("mapscope-table-sort-bench: %s\n", error->message);
      return 1;
    }
  snapshot = mapscope_document_get_snapshot (document, 0);
  list = mapscope_region_list_new (snapshot);

  size_ms = time_list_sort (list, MAPSCOPE_REGION_SORT_SIZE, runs);
  rss_ms = time_list_sort (list, MAPSCOPE_REGION_SORT_RSS, runs);
  path_ms = time_list_sort (list, MAPSCOPE_REGION_SORT_PATH, runs);
  qsort_size_ms = time_qsort (snapshot, MAPSCOPE_FIELD_SIZE, FALSE, runs);
  qsort_rss_ms = time_qsort (snapshot, MAPSCOPE_FIELD_RSS, FALSE, runs);
  qsort_path_ms = time_qsort (snapshot, MAPSCOPE_FIELD_SIZE, TRUE, runs);
  gtk_pairwise_ms = time_gtk_sort (snapshot, TRUE, MIN (runs, 3));
  gtk_keys_ms = time_gtk_sort (snapshot, FALSE, MIN (runs, 3));

  g_print ("rows: %u\n", mapscope_snapshot_get_n_regions (snapshot));
  g_print ("by size: %.2f ms (qsort of the sizes: %.2f ms)\n", size_ms, qsort_size_ms);
  g_print ("by RSS:  %.2f ms (qsort of the RSS values: %.2f ms)\n", rss_ms, qsort_rss_ms);
  g_print ("by path: %.2f ms (qsort of the paths with strcmp: %.2f ms)\n", path_ms, qsort_path_ms);
  g_print ("before, GtkSortListModel by size: %.1f ms pair by pair, %.1f ms by keys\n",
           gtk_pairwise_ms, gtk_keys_ms);
  g_print ("table-sort-bench rows=%u size_ms=%.2f rss_ms=%.2f path_ms=%.2f "
           "size_ratio=%.2f rss_ratio=%.2f path_ratio=%.2f gtk_pairwise_ms=%.1f gtk_keys_ms=%.1f\n",
           mapscope_snapshot_get_n_regions (snapshot), size_ms, rss_ms, path_ms,
           size_ms / qsort_size_ms, rss_ms / qsort_rss_ms, path_ms / qsort_path_ms,
           gtk_pairwise_ms, gtk_keys_ms);
  return 0;
}
