/* mapscope-session-bench.c: times saving and opening a session
 *
 *   mapscope-session-bench INPUT SESSION RUNS
 *
 * Loads INPUT (a memory map), saves it as the session SESSION and opens
 * SESSION again through format detection, RUNS times each, and prints
 * "save_ms=X load_ms=X regions=N bytes=N" with the median times. The
 * round trip is checked on the way (same regions), so that a fast but
 * wrong session cannot pass.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>

#include <glib/gstdio.h>

#include "mapscope-core.h"

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a;
  double y = *(const double *)b;

  return (x > y) - (x < y);
}

static double
median (GArray *times)
{
  g_array_sort (times, compare_doubles);
  return g_array_index (times, double, times->len / 2);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MapscopeDocument) document = NULL;
  g_autoptr(MapscopeWorkspace) workspace = mapscope_workspace_new ();
  g_autoptr(MapscopeSession) session = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GArray) save_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) load_times = g_array_new (FALSE, FALSE, sizeof (double));
  GStatBuf info;
  guint n_regions;
  int runs;

  if (argc != 4 || (runs = atoi (argv[3])) < 1)
    {
      g_printerr ("usage: %s INPUT SESSION RUNS\n", argv[0]);
      return 2;
    }

  document = mapscope_document_load_path (argv[1], NULL, NULL, NULL, &error);
  if (document == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  mapscope_workspace_add_document (workspace, document);
  n_regions = mapscope_snapshot_get_n_regions (mapscope_document_get_snapshot (document, 0));
  session = mapscope_session_new_from_workspace (workspace);
  file = g_file_new_for_path (argv[2]);

  for (int i = 0; i < runs; i++)
    {
      g_autoptr(MapscopeDocument) reopened = NULL;
      gint64 start = g_get_monotonic_time ();
      double save_ms, load_ms;

      if (!mapscope_session_save (session, file, NULL, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      save_ms = (g_get_monotonic_time () - start) / 1000.0;

      start = g_get_monotonic_time ();
      reopened = mapscope_document_load_path (argv[2], NULL, NULL, NULL, &error);
      load_ms = (g_get_monotonic_time () - start) / 1000.0;
      if (reopened == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      if (mapscope_document_get_session (reopened) == NULL ||
          mapscope_snapshot_get_n_regions (mapscope_document_get_snapshot (reopened, 0)) != n_regions)
        {
          g_printerr ("%s: the session did not round-trip\n", argv[2]);
          return 1;
        }
      g_array_append_val (save_times, save_ms);
      g_array_append_val (load_times, load_ms);
    }

  if (g_stat (argv[2], &info) != 0)
    return 1;
  printf ("save_ms=%.0f load_ms=%.0f regions=%u bytes=%lld\n", median (save_times),
          median (load_times), n_regions, (long long)info.st_size);
  return 0;
}
