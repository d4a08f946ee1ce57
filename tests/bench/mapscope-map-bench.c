/* mapscope-map-bench.c: frame times of the map renderer on a big snapshot
 *
 * Usage: mapscope-map-bench SMAPS [RUNS]
 *
 * Renders the last snapshot of SMAPS into a 1920×1080 ARGB image surface at
 * zoom 1, 100 and 10000 (centered on the middle of the axis), RUNS times each
 * (default 21), and prints the median milliseconds per frame, layout
 * included; then the time to clear the same surface, the floor any frame
 * pays; then the mean time of one hit-test. The last line reads
 *   map-bench zoom1_ms=X zoom100_ms=X zoom10000_ms=X clear_ms=X hit_us=X
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>

#include "mapscope-core.h"
#include "mapscope-map-renderer.h"

#define WIDTH   1920
#define HEIGHT  1080
#define N_HITS  1000000

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof *values, compare_doubles);
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

/* Median ms of one layout and render at @zoom. */
static double
time_frames (cairo_t          *cr,
             MapscopeSnapshot *snapshot,
             double            zoom,
             guint64           center,
             guint             runs)
{
  g_autofree double *times = g_new (double, runs);

  for (guint i = 0; i < runs; i++)
    {
      double start = now_ms ();
      g_autoptr(MapscopeMapLayout) layout =
        mapscope_map_layout_new (snapshot, WIDTH, HEIGHT, zoom, center, FALSE);

      mapscope_map_render (cr, layout, snapshot, NULL, FALSE);
      cairo_surface_flush (cairo_get_target (cr));
      times[i] = now_ms () - start;
    }

  return median (times, runs);
}

static double
time_clears (cairo_t *cr,
             guint    runs)
{
  g_autofree double *times = g_new (double, runs);

  for (guint i = 0; i < runs; i++)
    {
      double start = now_ms ();

      cairo_save (cr);
      cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      cairo_restore (cr);
      cairo_surface_flush (cairo_get_target (cr));
      times[i] = now_ms () - start;
    }

  return median (times, runs);
}

/* Mean µs per hit-test at random points of the zoom 1 view. */
static double
time_hits (MapscopeMapLayout *layout)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autofree double *points = g_new (double, 2 * N_HITS);
  double start;
  gint64 sum = 0;

  for (guint i = 0; i < N_HITS; i++)
    {
      points[2 * i] = g_rand_double_range (rand, 0, WIDTH);
      points[2 * i + 1] = g_rand_double_range (rand, 0, HEIGHT);
    }

  start = now_ms ();
  for (guint i = 0; i < N_HITS; i++)
    sum += mapscope_map_layout_hit_test (layout, points[2 * i], points[2 * i + 1]);
  /* keeps the loop from being optimized away */
  if (sum == G_MININT64)
    printf ("\n");

  return (now_ms () - start) * 1000 / N_HITS;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MapscopeDocument) document = NULL;
  g_autoptr(MapscopeMapLayout) whole = NULL;
  const double zooms[] = { 1, 100, 10000 };
  double frame_ms[G_N_ELEMENTS (zooms)];
  MapscopeSnapshot *snapshot;
  cairo_surface_t *surface;
  cairo_t *cr;
  guint64 center = 0;
  double clear_ms, hit_us;
  guint runs = 21;

  if (argc < 2 || argc > 3)
    {
      fprintf (stderr, "Usage: mapscope-map-bench SMAPS [RUNS]\n");
      return 2;
    }
  if (argc == 3)
    runs = (guint) MAX (1, atoi (argv[2]));

  document = mapscope_document_load_path (argv[1], NULL, NULL, NULL, &error);
  if (document == NULL || mapscope_document_get_n_snapshots (document) == 0)
    {
      fprintf (stderr, "mapscope-map-bench: %s: %s\n", argv[1],
               error != NULL ? error->message : "no snapshot");
      return 1;
    }
  snapshot = mapscope_document_get_snapshot (document,
                                             mapscope_document_get_n_snapshots (document) - 1);

  whole = mapscope_map_layout_new (snapshot, WIDTH, HEIGHT, 1, 0, FALSE);
  mapscope_map_layout_point_to_address (whole, WIDTH / 2.0,
                                        mapscope_map_layout_get_n_rows (whole) / 2, &center);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cr = cairo_create (surface);

  /* one untimed frame warms caches and the font */
  time_frames (cr, snapshot, 1, center, 1);
  for (guint i = 0; i < G_N_ELEMENTS (zooms); i++)
    frame_ms[i] = time_frames (cr, snapshot, zooms[i], center, runs);
  clear_ms = time_clears (cr, runs);
  hit_us = time_hits (whole);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  printf ("map-bench: %u regions, %ux%u ARGB32, median of %u frames (layout + render)\n",
          mapscope_snapshot_get_n_regions (snapshot), WIDTH, HEIGHT, runs);
  for (guint i = 0; i < G_N_ELEMENTS (zooms); i++)
    printf ("  zoom %-6g %8.2f ms\n", zooms[i], frame_ms[i]);
  printf ("  clear       %8.2f ms\n", clear_ms);
  printf ("  hit-test    %8.3f µs (mean of %d)\n", hit_us, N_HITS);
  printf ("map-bench zoom1_ms=%.2f zoom100_ms=%.2f zoom10000_ms=%.2f clear_ms=%.2f hit_us=%.3f\n",
          frame_ms[0], frame_ms[1], frame_ms[2], clear_ms, hit_us);

  return 0;
}
