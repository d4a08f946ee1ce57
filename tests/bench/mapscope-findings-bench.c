/* mapscope-findings-bench.c: how long the findings of one large snapshot
 * take, which the application computes on its main thread
 *
 *   mapscope-findings-bench FILE [RUNS]
 *
 * Prints the median wall time of mapscope_findings_new() on the last
 * snapshot of FILE, and of the findings of a two-snapshot timeline (that
 * snapshot twice, as when a file is opened twice), ending with the line
 * "findings-bench regions=N findings_ms=X timeline_findings_ms=X".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdlib.h>

#include "mapscope-core.h"

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return (x > y) - (x < y);
}

static double
median_ms (MapscopeSnapshot *snapshot,
           gboolean          timeline,
           guint             runs)
{
  g_autofree double *times = g_new (double, runs);

  for (guint i = 0; i < runs; i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(MapscopeFindings) findings = NULL;

      if (timeline)
        {
          MapscopeSnapshot *pair[2] = { snapshot, snapshot };
          g_autoptr(MapscopeTimelineAnalysis) analysis = mapscope_timeline_analysis_new (pair, 2);

          findings = mapscope_findings_new_for_timeline (analysis, NULL);
        }
      else
        findings = mapscope_findings_new (snapshot, NULL);
      times[i] = (g_get_monotonic_time () - start) / 1000.0;
    }
  qsort (times, runs, sizeof times[0], compare_doubles);
  return times[runs / 2];
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MapscopeDocument) document = NULL;
  MapscopeSnapshot *snapshot;
  guint runs = argc > 2 ? (guint)atoi (argv[2]) : 11;

  if (argc < 2 || runs == 0)
    {
      g_printerr ("usage: %s FILE [RUNS]\n", argv[0]);
      return 2;
    }
  document = mapscope_document_load_path (argv[1], NULL, NULL, NULL, &error);
  if (document == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  snapshot = mapscope_document_get_snapshot (document, mapscope_document_get_n_snapshots (document) - 1);

  g_print ("findings-bench regions=%u findings_ms=%.1f timeline_findings_ms=%.1f\n",
           mapscope_snapshot_get_n_regions (snapshot), median_ms (snapshot, FALSE, runs),
           median_ms (snapshot, TRUE, runs));
  return 0;
}
