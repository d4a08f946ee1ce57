/* mapscope-diff-bench.c: how long mapscope_diff_new() takes on two large snapshots
 *
 * Builds two smaps texts of about 60,000 regions each in memory: 1,000
 * libraries of 5 segments, each followed by 55 anonymous regions of
 * alternating permissions (as the 60,000-mapping holder makes them). The
 * second text is the same program with a few changes: some anonymous
 * regions grown, removed, added or split. Then times the diff, in process,
 * twice over: as two snapshots of one process (same addresses) and as two
 * runs of the program (every address shifted, as ASLR does). Output ends
 * with the line
 *
 *   diff-bench ms=X target_ms=30
 *
 * where X is the larger of the two medians of the CPU time of the diffing
 * thread: on a shared machine, time spent running other processes is not
 * the diff's (the wall time is printed too).
 *
 * Usage: mapscope-diff-bench [RUNS]   (default 11)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "mapscope-core.h"

#define N_LIBRARIES      1000
#define ANON_PER_LIBRARY 55
#define PAGE             0x1000
#define TARGET_MS        30
#define WARM_UP_RUNS     3

typedef enum
{
  CHANGE_NONE,
  CHANGE_GROW,
  CHANGE_REMOVE,
  CHANGE_ADD,
  CHANGE_SPLIT,
} Change;

static void
append_region (GString    *out,
               guint64     start,
               guint64     end,
               const char *perms,
               guint64     offset,
               guint64     inode,
               const char *path,
               guint64     rss_kb)
{
  gboolean anonymous = path == NULL;

  g_string_append_printf (out, "%" G_GINT64_MODIFIER "x-%" G_GINT64_MODIFIER "x %s %08" G_GINT64_MODIFIER
                          "x %s %" G_GUINT64_FORMAT " %s\n",
                          start, end, perms, offset, anonymous ? "00:00" : "fe:00", inode,
                          anonymous ? "" : path);
  g_string_append_printf (out,
                          "Size: %" G_GUINT64_FORMAT " kB\nRss: %" G_GUINT64_FORMAT " kB\n"
                          "Pss: %" G_GUINT64_FORMAT " kB\nPrivate_Dirty: %" G_GUINT64_FORMAT " kB\n"
                          "Anonymous: %" G_GUINT64_FORMAT " kB\nSwap: 0 kB\n",
                          (end - start) / 1024, rss_kb, rss_kb, anonymous ? rss_kb : 0,
                          anonymous ? rss_kb : 0);
}

/* Which change, if any, the second text makes to anonymous region @i. */
static Change
change_for (guint i)
{
  if (i % 97 == 5)
    return CHANGE_GROW;
  if (i % 499 == 7)
    return CHANGE_REMOVE;
  if (i % 503 == 11)
    return CHANGE_ADD;
  if (i % 1009 == 13)
    return CHANGE_SPLIT;
  return CHANGE_NONE;
}

static char *
build_smaps (gboolean changed,
             guint64  shift,
             gsize   *length)
{
  GString *out = g_string_sized_new (32 * 1024 * 1024);
  guint64 exe = G_GUINT64_CONSTANT (0x555555554000) + (changed ? shift / 2 : 0);
  guint64 address = G_GUINT64_CONSTANT (0x7f0000000000) + (changed ? shift : 0);
  guint anon = 0;

  append_region (out, exe, exe + PAGE, "r--p", 0, 7, "/usr/bin/bench", 4);
  append_region (out, exe + PAGE, exe + 2 * PAGE, "r-xp", PAGE, 7, "/usr/bin/bench", 4);

  for (guint lib = 0; lib < N_LIBRARIES; lib++)
    {
      g_autofree char *path = g_strdup_printf ("/usr/lib/bench/libbench%u.so.1", lib);
      static const char * const perms[] = { "r--p", "r-xp", "r--p", "r--p", "rw-p" };

      for (guint s = 0; s < G_N_ELEMENTS (perms); s++)
        {
          append_region (out, address, address + 2 * PAGE, perms[s], s * 2 * PAGE, 1000 + lib, path, 8);
          address += 2 * PAGE;
        }
      for (guint a = 0; a < ANON_PER_LIBRARY; a++, anon++)
        {
          const char *anon_perms = a % 2 ? "rw-p" : "r--p";
          Change change = changed ? change_for (anon) : CHANGE_NONE;

          /* a hole, so that no two regions could merge; an added region
           * takes it */
          if (change == CHANGE_ADD)
            append_region (out, address, address + PAGE, "rw-p", 0, 0, NULL, 4);
          address += PAGE;
          if (change == CHANGE_REMOVE)
            {
              address += 2 * PAGE;
              continue;
            }
          if (change == CHANGE_SPLIT)
            {
              append_region (out, address, address + PAGE, anon_perms, 0, 0, NULL, 4);
              append_region (out, address + PAGE, address + 2 * PAGE, "---p", 0, 0, NULL, 0);
            }
          else
            {
              append_region (out, address, address + 2 * PAGE, anon_perms, 0, 0, NULL,
                             change == CHANGE_GROW ? 8 : 4);
            }
          address += 2 * PAGE;
        }
    }

  append_region (out, G_GUINT64_CONSTANT (0x7ffd00000000) + shift / 4,
                 G_GUINT64_CONSTANT (0x7ffd00021000) + shift / 4, "rw-p", 0, 0, "[stack]", 20);

  *length = out->len;
  return g_string_free (out, FALSE);
}

static MapscopeDocument *
load (gboolean changed,
      guint64  shift)
{
  g_autoptr(GError) error = NULL;
  gsize length;
  g_autofree char *text = build_smaps (changed, shift, &length);
  MapscopeDocument *document = mapscope_document_load_data (text, length, "bench", &error);

  if (document == NULL)
    {
      g_printerr ("mapscope-diff-bench: %s\n", error->message);
      exit (1);
    }
  return document;
}

static gint
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  gdouble x = *(const gdouble *) a;
  gdouble y = *(const gdouble *) b;

  return (x > y) - (x < y);
}

typedef struct
{
  const char       *label;
  MapscopeSnapshot *old_snapshot;
  MapscopeSnapshot *new_snapshot;
  gdouble          *times;        /* ms of CPU time */
  gdouble          *wall_times;   /* ms */
} Case;

static gdouble
thread_cpu_ms (void)
{
  struct timespec now;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now);
  return now.tv_sec * 1000.0 + now.tv_nsec / 1e6;
}

static void
time_once (Case  *test,
           guint  run)
{
  gint64 wall = g_get_monotonic_time ();
  gdouble cpu = thread_cpu_ms ();
  g_autoptr(MapscopeDiff) diff = mapscope_diff_new (test->old_snapshot, test->new_snapshot);

  if (test->times == NULL)
    return;
  test->times[run] = thread_cpu_ms () - cpu;
  test->wall_times[run] = (g_get_monotonic_time () - wall) / 1000.0;
}

/* Prints the case's figures and returns its median, in ms. */
static gdouble
report (Case  *test,
        guint  runs)
{
  g_autoptr(MapscopeDiff) diff = mapscope_diff_new (test->old_snapshot, test->new_snapshot);

  qsort (test->times, runs, sizeof (gdouble), compare_doubles);
  qsort (test->wall_times, runs, sizeof (gdouble), compare_doubles);
  printf ("  %-13s %6u vs %6u regions, %u runs: CPU median %.2f ms (min %.2f, max %.2f), "
          "wall median %.2f ms; new %u, removed %u, grown %u, shrunk %u, unchanged %u\n",
          test->label, mapscope_snapshot_get_n_regions (test->old_snapshot),
          mapscope_snapshot_get_n_regions (test->new_snapshot), runs, test->times[runs / 2],
          test->times[0], test->times[runs - 1], test->wall_times[runs / 2],
          mapscope_diff_count_status (diff, MAPSCOPE_DIFF_NEW),
          mapscope_diff_count_status (diff, MAPSCOPE_DIFF_REMOVED),
          mapscope_diff_count_status (diff, MAPSCOPE_DIFF_GROWN),
          mapscope_diff_count_status (diff, MAPSCOPE_DIFF_SHRUNK),
          mapscope_diff_count_status (diff, MAPSCOPE_DIFF_UNCHANGED));

  return test->times[runs / 2];
}

int
main (int    argc,
      char **argv)
{
  guint runs = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 11;
  g_autoptr(MapscopeDocument) old_document = NULL;
  g_autoptr(MapscopeDocument) same_process = NULL;
  g_autoptr(MapscopeDocument) other_run = NULL;
  Case cases[2];
  gdouble worst = 0;

  if (runs == 0)
    {
      g_printerr ("Usage: mapscope-diff-bench [RUNS]\n");
      return 2;
    }

  old_document = load (FALSE, 0);
  same_process = load (TRUE, 0);
  other_run = load (TRUE, G_GUINT64_CONSTANT (0x3a5c000000));
  cases[0] = (Case) { "same process", mapscope_document_get_snapshot (old_document, 0),
                      mapscope_document_get_snapshot (same_process, 0), NULL, NULL };
  cases[1] = (Case) { "another run", mapscope_document_get_snapshot (old_document, 0),
                      mapscope_document_get_snapshot (other_run, 0), NULL, NULL };

  /* untimed first: the first runs pay for page faults as malloc grows its
   * heap; then the cases take turns, so that both see the same machine */
  for (guint r = 0; r < WARM_UP_RUNS; r++)
    for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
      time_once (&cases[c], r);
  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      cases[c].times = g_new (gdouble, runs);
      cases[c].wall_times = g_new (gdouble, runs);
    }
  for (guint r = 0; r < runs; r++)
    for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
      time_once (&cases[c], r);

  printf ("diff-bench: mapscope_diff_new() in process\n");
  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      gdouble median = report (&cases[c], runs);

      worst = MAX (worst, median);
      g_free (cases[c].times);
      g_free (cases[c].wall_times);
    }
  printf ("diff-bench ms=%.2f target_ms=%d\n", worst, TARGET_MS);

  return 0;
}
