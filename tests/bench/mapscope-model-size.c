/* mapscope-model-size.c: how many bytes the loaded model costs per region
 *
 * Loads one file and prints its cost per region measured two ways: the growth
 * of the malloc heap across the load (what the process really pays), and
 * the sum of mapscope_snapshot_get_memory_size() (what the model believes it
 * holds).  Output, on one line:
 *
 *   regions=N heap_bytes_per_region=X model_bytes_per_region=Y
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>

#include "mapscope-core.h"

/* One small region in smaps form, loaded and dropped before measuring so that
 * one-time costs (type registration, lazily built tables) are not charged to
 * the document being measured. */
static const char warm_up_smaps[] =
  "7f0000000000-7f0000001000 rw-p 00000000 00:00 0 \n"
  "Size:                  4 kB\n"
  "KernelPageSize:        4 kB\n"
  "MMUPageSize:           4 kB\n"
  "Rss:                   4 kB\n"
  "Pss:                   4 kB\n"
  "Pss_Dirty:             4 kB\n"
  "Shared_Clean:          0 kB\n"
  "Shared_Dirty:          0 kB\n"
  "Private_Clean:         0 kB\n"
  "Private_Dirty:         4 kB\n"
  "Referenced:            4 kB\n"
  "Anonymous:             4 kB\n"
  "KSM:                   0 kB\n"
  "LazyFree:              0 kB\n"
  "AnonHugePages:         0 kB\n"
  "ShmemPmdMapped:        0 kB\n"
  "FilePmdMapped:         0 kB\n"
  "Shared_Hugetlb:        0 kB\n"
  "Private_Hugetlb:       0 kB\n"
  "Swap:                  0 kB\n"
  "SwapPss:               0 kB\n"
  "Locked:                0 kB\n"
  "THPeligible:           0\n"
  "VmFlags: rd wr mr mw me ac \n";

/* Bytes handed out by malloc and not yet freed, in every arena, including
 * the large blocks malloc serves with mmap. */
static gint64
heap_in_use (void)
{
  struct mallinfo2 info;

  malloc_trim (0);
  info = mallinfo2 ();
  return (gint64) info.uordblks + (gint64) info.hblkhd;
}

static void
warm_up (void)
{
  g_autoptr(MapscopeDocument) doc = NULL;
  g_autoptr(GError) error = NULL;

  doc = mapscope_document_load_data (warm_up_smaps, sizeof warm_up_smaps - 1,
                                     "warm-up", &error);
  if (doc == NULL)
    g_printerr ("mapscope-model-size: warm-up load failed (ignored): %s\n",
                error->message);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(MapscopeDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  gint64 before;
  gint64 after;
  guint64 n_regions = 0;
  guint64 model_bytes = 0;
  guint n_snapshots;
  guint i;

  if (argc != 2 || argv[1][0] == '-')
    {
      g_printerr ("Usage: mapscope-model-size FILE\n"
                  "Prints regions=N heap_bytes_per_region=X model_bytes_per_region=Y\n");
      return argc == 2 && g_str_equal (argv[1], "--help") ? EXIT_SUCCESS : 2;
    }

  warm_up ();

  before = heap_in_use ();
  doc = mapscope_document_load_path (argv[1], NULL, NULL, NULL, &error);
  after = heap_in_use ();

  if (doc == NULL)
    {
      g_printerr ("mapscope-model-size: %s: %s\n", argv[1], error->message);
      return EXIT_FAILURE;
    }

  n_snapshots = mapscope_document_get_n_snapshots (doc);
  for (i = 0; i < n_snapshots; i++)
    {
      MapscopeSnapshot *snapshot = mapscope_document_get_snapshot (doc, i);

      n_regions += mapscope_snapshot_get_n_regions (snapshot);
      model_bytes += mapscope_snapshot_get_memory_size (snapshot);
    }

  if (n_regions == 0)
    {
      g_printerr ("mapscope-model-size: %s: no regions loaded\n", argv[1]);
      return EXIT_FAILURE;
    }

  g_printerr ("mapscope-model-size: %u snapshot(s), heap grew by %" G_GINT64_FORMAT
              " bytes, model reports %" G_GUINT64_FORMAT " bytes\n",
              n_snapshots, after - before, model_bytes);

  printf ("regions=%" G_GUINT64_FORMAT " heap_bytes_per_region=%.1f"
          " model_bytes_per_region=%.1f\n",
          n_regions,
          (double) (after - before) / (double) n_regions,
          (double) model_bytes / (double) n_regions);

  return EXIT_SUCCESS;
}
