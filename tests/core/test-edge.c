/* test-edge.c: the odd corners of real input, and bad input
 *
 * Each input is written out here and parsed with
 * mapscope_document_load_data().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "mapscope-test-util.h"

/* The fields of one region of a 6.x kernel's smaps, Size and Rss left to fill. */
#define SMAPS_FIELDS(size, rss) \
  "Size:           " size " kB\n" \
  "KernelPageSize:        4 kB\n" \
  "MMUPageSize:           4 kB\n" \
  "Rss:            " rss " kB\n" \
  "Pss:            " rss " kB\n" \
  "Pss_Dirty:             0 kB\n" \
  "Shared_Clean:          0 kB\n" \
  "Shared_Dirty:          0 kB\n" \
  "Private_Clean:  " rss " kB\n" \
  "Private_Dirty:         0 kB\n" \
  "Referenced:     " rss " kB\n" \
  "Anonymous:             0 kB\n" \
  "KSM:                   0 kB\n" \
  "LazyFree:              0 kB\n" \
  "AnonHugePages:         0 kB\n" \
  "ShmemPmdMapped:        0 kB\n" \
  "FilePmdMapped:         0 kB\n" \
  "Shared_Hugetlb:        0 kB\n" \
  "Private_Hugetlb:       0 kB\n" \
  "Swap:                  0 kB\n" \
  "SwapPss:               0 kB\n" \
  "Locked:                0 kB\n" \
  "THPeligible:           0\n"

static MapscopeSnapshot *
load_one (const char        *text,
          MapscopeDocument **document)
{
  *document = mapscope_test_load_text (text);
  return mapscope_test_only_snapshot (*document);
}

/* Paths ------------------------------------------------------------------ */

static void
test_path_spaces (void)
{
  static const char text[] =
    "7f0000000000-7f0000001000 r--p 00000000 fe:00 123                        /tmp/a  b   c.bin\n"
    "7f0000001000-7f0000002000 r--p 00001000 fe:01 124                        /tmp/ lead\n";
  g_autoptr(MapscopeDocument) document = NULL;
  MapscopeSnapshot *snapshot = load_one (text, &document);
  const MapscopeRegion *first = mapscope_test_region_at (snapshot, 0x7f0000000000);
  const MapscopeRegion *second = mapscope_test_region_at (snapshot, 0x7f0000001000);

  mapscope_test_assert_no_warnings (document);
  g_assert_cmpint (mapscope_document_get_format (document), ==, MAPSCOPE_FORMAT_MAPS);
  g_assert_cmpuint (mapscope_snapshot_get_n_regions (snapshot), ==, 2);
  g_assert_cmpstr (first->path, ==, "/tmp/a  b   c.bin");
  g_assert_cmpuint (first->inode, ==, 123);
  g_assert_cmpuint (mapscope_region_get_dev_major (first), ==, 0xfe);
  g_assert_cmpuint (mapscope_region_get_dev_minor (first), ==, 0);
  g_assert_cmpstr (second->path, ==, "/tmp/ lead");
  g_assert_cmphex (second->offset, ==, 0x1000);
  g_assert_cmpuint (mapscope_region_get_dev_minor (second), ==, 1);
}

static void
test_path_deleted (void)
{
  static const char text[] =
    "7f0000000000-7f0000004000 rw-s 00000000 fe:00 10952749   /tmp/zoo deleted file.bin (deleted)\n"
    "7f0000004000-7f0000005000 r--p 00000000 fe:00 10952750                   /tmp/kept.bin\n";
  g_autoptr(MapscopeDocument) document = NULL;
  MapscopeSnapshot *snapshot = load_one (text, &document);
  const MapscopeRegion *deleted = mapscope_test_region_at (snapshot, 0x7f0000000000);
  const MapscopeRegion *kept = mapscope_test_region_at (snapshot, 0x7f0000004000);
  const char *base;
  gsize len = 0;

  mapscope_test_assert_no_warnings (document);
  g_assert_true (deleted->flags & MAPSCOPE_REGION_DELETED);
  g_assert_true (g_str_has_prefix (deleted->path, "/tmp/zoo deleted file.bin"));
  base = mapscope_region_get_basename (deleted, &len);
  g_assert_cmpmem (base, len, "zoo deleted file.bin", strlen ("zoo deleted file.bin"));
  g_assert_cmpuint (deleted->perms, ==,
                    MAPSCOPE_PERM_READ | MAPSCOPE_PERM_WRITE | MAPSCOPE_PERM_SHARED);

  g_assert_false (kept->flags & MAPSCOPE_REGION_DELETED);
  g_assert_cmpstr (kept->path, ==, "/tmp/kept.bin");
}

static void
test_path_anon_names (void)
{
  static const char text[] =
    "7f0000000000-7f0000001000 rw-p 00000000 00:00 0                 [anon: glibc: loader malloc]\n"
    "7f0000001000-7f0000002000 rw-p 00000000 00:00 0                          [anon:x]\n"
    "7f0000002000-7f0000003000 rw-s 00000000 00:01 77                      [anon_shmem:my  pool]\n";
  g_autoptr(MapscopeDocument) document = NULL;
  MapscopeSnapshot *snapshot = load_one (text, &document);

  mapscope_test_assert_no_warnings (document);
  g_assert_cmpuint (mapscope_snapshot_get_n_regions (snapshot), ==, 3);
  g_assert_cmpstr (mapscope_test_region_at (snapshot, 0x7f0000000000)->path, ==,
                   "[anon: glibc: loader malloc]");
  g_assert_cmpstr (mapscope_test_region_at (snapshot, 0x7f0000001000)->path, ==, "[anon:x]");
  g_assert_cmpstr (mapscope_test_region_at (snapshot, 0x7f0000002000)->path, ==,
                   "[anon_shmem:my  pool]");
}

/* The kernel writes a newline in a file name as \012; the name stays on its
 * line, in one piece, whether the core decodes the escape or not. */
static void
test_path_escaped_newline (void)
{
  static const char text[] =
    "7f0000000000-7f0000001000 r--p 00000000 fe:00 5                        /tmp/new\\012line.txt\n"
    "7f0000001000-7f0000002000 r--p 00000000 fe:00 6                          /tmp/next\n";
  g_autoptr(MapscopeDocument) document = NULL;
  MapscopeSnapshot *snapshot = load_one (text, &document);
  const char *path = mapscope_test_region_at (snapshot, 0x7f0000000000)->path;

  mapscope_test_assert_no_warnings (document);
  g_assert_cmpuint (mapscope_snapshot_get_n_regions (snapshot), ==, 2);
  g_assert_true (g_strcmp0 (path, "/tmp/new\\012line.txt") == 0 ||
                 g_strcmp0 (path, "/tmp/new\nline.txt") == 0);
  g_assert_cmpstr (mapscope_test_region_at (snapshot, 0x7f0000001000)->path, ==, "/tmp/next");
}

/* Fields ----------------------------------------------------------------- */

static void
test_field_unknown (void)
{
  static const char text[] =
    "7f0000000000-7f0000001000 rw-p 00000000 00:00 0 \n"
    SMAPS_FIELDS ("4", "4")
    "FutureField:          42 kB\n"
    "FutureCount:           7\n"
    "VmFlags: rd wr mr mw me ac \n"
    "7f0000001000-7f0000003000 rw-p 00000000 00:00 0 \n"
    SMAPS_FIELDS ("8", "8")
    "FutureField:     5000000000 kB\n"
    "FutureCount:           3\n"
    "VmFlags: rd wr mr mw me ac \n";
  g_autoptr(MapscopeDocument) document = NULL;
  MapscopeSnapshot *snapshot = load_one (text, &document);
  const MapscopeRegion *first = mapscope_test_region_at (snapshot, 0x7f0000000000);
  const MapscopeRegion *second = mapscope_test_region_at (snapshot, 0x7f0000001000);
  gint future_field = mapscope_test_field_id (snapshot, "FutureField");
  gint future_count = mapscope_test_field_id (snapshot, "FutureCount");
  g_autoptr(MapscopeSummary) summary = mapscope_summary_new (snapshot);
  const MapscopeTotals *totals = mapscope_summary_get_totals (summary);

  mapscope_test_assert_no_warnings (document);
  g_assert_cmpint (future_field, >=, MAPSCOPE_N_KNOWN_FIELDS);
  g_assert_cmpint (future_count, >=, MAPSCOPE_N_KNOWN_FIELDS);
  g_assert_cmpint (future_field, !=, future_count);
  g_assert_cmpuint (mapscope_snapshot_get_n_fields (snapshot), ==, MAPSCOPE_N_KNOWN_FIELDS + 2);
  g_assert_true (mapscope_snapshot_has_field (snapshot, future_field));
  g_assert_true (mapscope_snapshot_field_is_kb (snapshot, future_field));
  g_assert_false (mapscope_snapshot_field_is_kb (snapshot, future_count));

  g_assert_cmpuint (mapscope_test_get_value (snapshot, first, future_field), ==, 42);
  g_assert_cmpuint (mapscope_test_get_value (snapshot, first, future_count), ==, 7);
  g_assert_cmpuint (mapscope_test_get_value (snapshot, second, future_field), ==, 5000000000);
  g_assert_cmpuint (mapscope_test_get_value (snapshot, second, future_count), ==, 3);
  /* the known fields around them are still read */
  g_assert_cmpuint (mapscope_test_get_value (snapshot, second, MAPSCOPE_FIELD_RSS), ==, 8);
  g_assert_cmpint (second->thp_eligible, ==, 0);
  g_assert_true (mapscope_vmflags_test (second->vmflags, "ac"));

  g_assert_cmpuint (mapscope_summary_get_n_fields (summary), ==,
                    mapscope_snapshot_get_n_fields (snapshot));
  g_assert_true (totals->present[future_field]);
  g_assert_cmpuint (totals->values[future_field], ==, 5000000042);
}

static void
test_vmflags_unknown (void)
{
  static const char text[] =
    "7f0000000000-7f0000001000 rw-p 00000000 00:00 0 \n"
    SMAPS_FIELDS ("4", "4")
    "VmFlags: rd wr zz mr mw me ac \n";
  g_autoptr(MapscopeDocument) document = NULL;
  MapscopeSnapshot *snapshot = load_one (text, &document);
  const MapscopeRegion *region = mapscope_test_region_at (snapshot, 0x7f0000000000);
  g_auto(GStrv) codes = NULL;

  mapscope_test_assert_no_warnings (document);
  g_assert_true (region->flags & MAPSCOPE_REGION_HAS_VMFLAGS);
  g_assert_nonnull (region->vmflags_text);
  codes = mapscope_vmflags_split (region->vmflags_text);
  g_assert_true (g_strv_contains ((const char * const *) codes, "zz"));
  g_assert_true (g_strv_contains ((const char * const *) codes, "ac"));
  g_assert_cmpint (mapscope_vmflags_lookup ("zz"), <, 0);

  g_assert_true (mapscope_vmflags_test (region->vmflags, "rd"));
  g_assert_true (mapscope_vmflags_test (region->vmflags, "wr"));
  g_assert_true (mapscope_vmflags_test (region->vmflags, "ac"));
  g_assert_false (mapscope_vmflags_test (region->vmflags, "ex"));
}

static void
test_fields_reordered (void)
{
  static const char text[] =
    "7f0000000000-7f0000003000 rw-p 00000000 00:00 0 \n"
    "Rss:                   8 kB\n"
    "Private_Dirty:         8 kB\n"
    "Size:                 12 kB\n"
    "Swap:                  4 kB\n"
    "Pss:                   8 kB\n"
    "Anonymous:             8 kB\n"
    "7f0000003000-7f0000004000 rw-p 00000000 00:00 0 \n"
    "Anonymous:             0 kB\n"
    "Size:                  4 kB\n"
    "Pss:                   2 kB\n"
    "Swap:                  0 kB\n"
    "Rss:                   4 kB\n"
    "Private_Dirty:         0 kB\n";
  g_autoptr(MapscopeDocument) document = NULL;
  MapscopeSnapshot *snapshot = load_one (text, &document);
  const MapscopeRegion *first = mapscope_test_region_at (snapshot, 0x7f0000000000);
  const MapscopeRegion *second = mapscope_test_region_at (snapshot, 0x7f0000003000);

  mapscope_test_assert_no_warnings (document);
  g_assert_cmpint (mapscope_document_get_format (document), ==, MAPSCOPE_FORMAT_SMAPS);
  g_assert_cmpuint (mapscope_test_get_value (snapshot, first, MAPSCOPE_FIELD_SIZE), ==, 12);
  g_assert_cmpuint (mapscope_test_get_value (snapshot, first, MAPSCOPE_FIELD_RSS), ==, 8);
  g_assert_cmpuint (mapscope_test_get_value (snapshot, first, MAPSCOPE_FIELD_SWAP), ==, 4);
  g_assert_cmpuint (mapscope_test_get_value (snapshot, first, MAPSCOPE_FIELD_PRIVATE_DIRTY), ==, 8);
  g_assert_cmpuint (mapscope_test_get_value (snapshot, second, MAPSCOPE_FIELD_SIZE), ==, 4);
  g_assert_cmpuint (mapscope_test_get_value (snapshot, second, MAPSCOPE_FIELD_RSS), ==, 4);
  g_assert_cmpuint (mapscope_test_get_value (snapshot, second, MAPSCOPE_FIELD_PSS), ==, 2);
  g_assert_cmpuint (mapscope_test_get_value (snapshot, second, MAPSCOPE_FIELD_ANONYMOUS), ==, 0);
  g_assert_false (second->flags & MAPSCOPE_REGION_TRUNCATED);
}

/* smaps of an old kernel: no KernelPageSize, Pss_Dirty, THPeligible, VmFlags */
static void
test_fields_missing (void)
{
  static const char text[] =
    "08048000-0804c000 r-xp 00000000 08:01 1234       /bin/old\n"
    "Size:                 16 kB\n"
    "Rss:                  12 kB\n"
    "Pss:                  12 kB\n"
    "Shared_Clean:          0 kB\n"
    "Shared_Dirty:          0 kB\n"
    "Private_Clean:        12 kB\n"
    "Private_Dirty:         0 kB\n"
    "Swap:                  0 kB\n"
    "0804c000-0804d000 rw-p 00003000 08:01 1234       /bin/old\n"
    "Size:                  4 kB\n"
    "Rss:                   4 kB\n"
    "Pss:                   4 kB\n"
    "Shared_Clean:          0 kB\n"
    "Shared_Dirty:          0 kB\n"
    "Private_Clean:         0 kB\n"
    "Private_Dirty:         4 kB\n"
    "Swap:                  0 kB\n";
  g_autoptr(MapscopeDocument) document = NULL;
  MapscopeSnapshot *snapshot = load_one (text, &document);
  g_autoptr(MapscopeSummary) summary = mapscope_summary_new (snapshot);
  const MapscopeTotals *totals = mapscope_summary_get_totals (summary);
  guint n = 0;
  const MapscopeRegion *regions = mapscope_snapshot_get_regions (snapshot, &n);
  guint64 value = 0;

  mapscope_test_assert_no_warnings (document);
  g_assert_cmpuint (n, ==, 2);
  for (guint i = 0; i < n; i++)
    {
      g_assert_true (mapscope_region_has_field (&regions[i], MAPSCOPE_FIELD_SWAP));
      g_assert_false (mapscope_region_has_field (&regions[i], MAPSCOPE_FIELD_PSS_DIRTY));
      g_assert_false (mapscope_snapshot_get_value (snapshot, &regions[i],
                                                   MAPSCOPE_FIELD_KERNEL_PAGE_SIZE, &value));
      g_assert_cmpint (regions[i].thp_eligible, ==, -1);
      g_assert_cmpint (regions[i].protection_key, ==, -1);
      g_assert_null (regions[i].vmflags_text);
      g_assert_false (regions[i].flags & MAPSCOPE_REGION_HAS_VMFLAGS);
      g_assert_false (regions[i].flags & MAPSCOPE_REGION_TRUNCATED);
    }

  g_assert_true (totals->present[MAPSCOPE_FIELD_RSS]);
  g_assert_cmpuint (totals->values[MAPSCOPE_FIELD_RSS], ==, 16);
  g_assert_cmpuint (totals->values[MAPSCOPE_FIELD_PRIVATE_DIRTY], ==, 4);
  g_assert_false (totals->present[MAPSCOPE_FIELD_PSS_DIRTY]);
  g_assert_false (totals->present[MAPSCOPE_FIELD_ANONYMOUS]);
  g_assert_false (totals->present[MAPSCOPE_FIELD_LOCKED]);
  g_assert_false (totals->present[MAPSCOPE_FIELD_REFERENCED]);
  g_assert_false (mapscope_snapshot_has_field (snapshot, MAPSCOPE_FIELD_PSS_DIRTY));
  g_assert_true (mapscope_snapshot_has_field (snapshot, MAPSCOPE_FIELD_PSS));
}

static void
test_fields_thp_pkey (void)
{
  static const char text[] =
    "7f0000000000-7f0000001000 rw-p 00000000 00:00 0 \n"
    SMAPS_FIELDS ("4", "4")
    "ProtectionKey:         3\n"
    "VmFlags: rd wr mr mw me ac \n"
    "7f0000001000-7f0000002000 rw-p 00000000 00:00 0 \n"
    "Size:                  4 kB\n"
    "THPeligible:           1\n"
    "ProtectionKey:         0\n";
  g_autoptr(MapscopeDocument) document = NULL;
  MapscopeSnapshot *snapshot = load_one (text, &document);
  const MapscopeRegion *first = mapscope_test_region_at (snapshot, 0x7f0000000000);
  const MapscopeRegion *second = mapscope_test_region_at (snapshot, 0x7f0000001000);

  g_assert_cmpint (first->thp_eligible, ==, 0);
  g_assert_cmpint (first->protection_key, ==, 3);
  g_assert_cmpint (second->thp_eligible, ==, 1);
  g_assert_cmpint (second->protection_key, ==, 0);
}

/* Addresses -------------------------------------------------------------- */

typedef struct
{
  const char *name;
  const char *text;
  guint64     starts[4];
  guint64     ends[4];
  guint       n_regions;
} AddressCase;

static const AddressCase address_cases[] = {
  { "32-bit",
    "08048000-08049000 r-xp 00000000 08:01 1234       /bin/foo\n"
    "08049000-0804a000 rw-p 00000000 08:01 1234       /bin/foo\n"
    "bf800000-bf821000 rw-p 00000000 00:00 0          [stack]\n",
    { 0x08048000, 0x08049000, 0xbf800000 },
    { 0x08049000, 0x0804a000, 0xbf821000 }, 3 },
  { "57-bit",
    "00ff000000000000-00ff000000001000 rw-p 00000000 00:00 0 \n"
    "00ff7ffffffde000-00ff7ffffffff000 rw-p 00000000 00:00 0                  [stack]\n"
    "ffffffffff600000-ffffffffff601000 --xp 00000000 00:00 0                  [vsyscall]\n",
    { G_GUINT64_CONSTANT (0x00ff000000000000), G_GUINT64_CONSTANT (0x00ff7ffffffde000),
      G_GUINT64_CONSTANT (0xffffffffff600000) },
    { G_GUINT64_CONSTANT (0x00ff000000001000), G_GUINT64_CONSTANT (0x00ff7ffffffff000),
      G_GUINT64_CONSTANT (0xffffffffff601000) }, 3 },
  { "mixed-widths",
    "08048000-08049000 r-xp 00000000 08:01 1234       /bin/foo\n"
    "7f0000000000-7f0000001000 rw-p 00000000 00:00 0 \n"
    "00ff000000000000-00ff000000001000 rw-p 00000000 00:00 0 \n"
    "ffffffffff600000-ffffffffff601000 --xp 00000000 00:00 0                  [vsyscall]\n",
    { 0x08048000, G_GUINT64_CONSTANT (0x7f0000000000), G_GUINT64_CONSTANT (0x00ff000000000000),
      G_GUINT64_CONSTANT (0xffffffffff600000) },
    { 0x08049000, G_GUINT64_CONSTANT (0x7f0000001000), G_GUINT64_CONSTANT (0x00ff000000001000),
      G_GUINT64_CONSTANT (0xffffffffff601000) }, 4 },
};

static void
test_addresses (gconstpointer data)
{
  const AddressCase *address_case = data;
  g_autoptr(MapscopeDocument) document = NULL;
  MapscopeSnapshot *snapshot = load_one (address_case->text, &document);

  mapscope_test_assert_no_warnings (document);
  g_assert_cmpuint (mapscope_snapshot_get_n_regions (snapshot), ==, address_case->n_regions);
  for (guint i = 0; i < address_case->n_regions; i++)
    {
      const MapscopeRegion *region = mapscope_snapshot_get_region (snapshot, i);

      g_assert_cmphex (region->start, ==, address_case->starts[i]);
      g_assert_cmphex (region->end, ==, address_case->ends[i]);
      g_assert_true (mapscope_snapshot_find_region (snapshot, address_case->ends[i] - 1) == region);
    }
}

/* 32-bit pmap prints 8 hex digits */
static void
test_addresses_pmap_32 (void)
{
  static const char text[] =
    "1234:   /bin/foo\n"
    "Address   Kbytes     RSS   Dirty Mode  Mapping\n"
    "08048000       4       4       0 r-x-- foo\n"
    "bf800000     132       8       8 rw---   [ stack ]\n"
    "-------- ------- ------- ------- \n"
    "total kB     136      12       8\n";
  g_autoptr(MapscopeDocument) document = NULL;
  MapscopeSnapshot *snapshot = load_one (text, &document);

  mapscope_test_assert_no_warnings (document);
  g_assert_cmpint (mapscope_document_get_format (document), ==, MAPSCOPE_FORMAT_PMAP_x);
  g_assert_cmpuint (mapscope_snapshot_get_n_regions (snapshot), ==, 2);
  g_assert_cmphex (mapscope_snapshot_get_region (snapshot, 0)->start, ==, 0x08048000);
  g_assert_cmphex (mapscope_snapshot_get_region (snapshot, 0)->end, ==, 0x08049000);
  g_assert_cmphex (mapscope_snapshot_get_region (snapshot, 1)->start, ==, 0xbf800000);
  g_assert_cmphex (mapscope_snapshot_get_region (snapshot, 1)->end, ==, 0xbf821000);
}

/* pmap -X columns are found by their names, in any order and any number */
static void
test_pmap_columns_by_name (void)
{
  static const char text[] =
    "4242:   ./prog --flag\n"
    "         Address Perm   Offset Device Inode Rss Size Swap Locked FutureCol Mapping\n"
    "    555555554000 r--p 00000000  fe:00  1234   8   16    0      0         1 prog\n"
    "    7ffff7dd0000 rw-p 00000000  00:00     0  20   32    4      0         0 [heap]\n"
    "    7ffff7e00000 r--s 00000000  fe:00  1235   4    4    0      4         2 my  data.bin\n"
    "                                            === ==== ==== ====== ========= \n"
    "                                             32   52    4      4         3 KB \n";
  g_autoptr(MapscopeDocument) document = NULL;
  MapscopeSnapshot *snapshot = load_one (text, &document);
  const MapscopeRegion *prog = mapscope_test_region_at (snapshot, 0x555555554000);
  const MapscopeRegion *heap = mapscope_test_region_at (snapshot, 0x7ffff7dd0000);
  const MapscopeRegion *data = mapscope_test_region_at (snapshot, 0x7ffff7e00000);
  g_autoptr(MapscopeSummary) summary = mapscope_summary_new (snapshot);
  const MapscopeTotals *totals = mapscope_summary_get_totals (summary);
  gint future = mapscope_test_field_id (snapshot, "FutureCol");

  mapscope_test_assert_no_warnings (document);
  g_assert_cmpint (mapscope_document_get_format (document), ==, MAPSCOPE_FORMAT_PMAP_X);
  g_assert_cmpint (mapscope_snapshot_get_pid (snapshot), ==, 4242);
  g_assert_cmpstr (mapscope_snapshot_get_command (snapshot), ==, "./prog --flag");
  g_assert_cmpuint (mapscope_snapshot_get_n_regions (snapshot), ==, 3);

  g_assert_cmpuint (mapscope_test_get_value (snapshot, prog, MAPSCOPE_FIELD_RSS), ==, 8);
  g_assert_cmpuint (mapscope_test_get_value (snapshot, prog, MAPSCOPE_FIELD_SIZE), ==, 16);
  g_assert_cmphex (prog->end, ==, 0x555555558000);
  g_assert_cmpuint (prog->inode, ==, 1234);
  g_assert_cmpuint (mapscope_test_get_value (snapshot, heap, MAPSCOPE_FIELD_RSS), ==, 20);
  g_assert_cmpuint (mapscope_test_get_value (snapshot, heap, MAPSCOPE_FIELD_SIZE), ==, 32);
  g_assert_cmpuint (mapscope_test_get_value (snapshot, heap, MAPSCOPE_FIELD_SWAP), ==, 4);
  g_assert_cmpuint (mapscope_test_get_value (snapshot, data, MAPSCOPE_FIELD_LOCKED), ==, 4);
  g_assert_true (g_str_has_suffix (data->path, "my  data.bin"));
  g_assert_true (data->perms & MAPSCOPE_PERM_SHARED);
  g_assert_false (mapscope_region_has_field (heap, MAPSCOPE_FIELD_PSS));

  g_assert_cmpuint (totals->values[MAPSCOPE_FIELD_RSS], ==, 32);
  g_assert_cmpuint (totals->values[MAPSCOPE_FIELD_SIZE], ==, 52);
  g_assert_false (totals->present[MAPSCOPE_FIELD_PSS]);

  /* a column Mapscope does not know is kept by its name */
  g_assert_cmpint (future, >=, MAPSCOPE_N_KNOWN_FIELDS);
  g_assert_cmpuint (mapscope_test_get_value (snapshot, prog, future), ==, 1);
  g_assert_cmpuint (mapscope_test_get_value (snapshot, data, future), ==, 2);
  g_assert_true (totals->present[future]);
  g_assert_cmpuint (totals->values[future], ==, 3);
}

/* Line ends -------------------------------------------------------------- */

static void
test_crlf (void)
{
  static const char text[] =
    "7f0000000000-7f0000001000 r--p 00000000 fe:00 12                         /tmp/crlf file\r\n"
    "Size:                  4 kB\r\n"
    "Rss:                   4 kB\r\n"
    "THPeligible:           1\r\n"
    "VmFlags: rd mr mw me ac\r\n"
    "7f0000001000-7f0000002000 rw-p 00000000 00:00 0 \r\n"
    "Size:                  4 kB\r\n"
    "Rss:                   0 kB\r\n"
    "THPeligible:           0\r\n"
    "VmFlags: rd wr mr mw me ac\r\n";
  g_autoptr(MapscopeDocument) document = NULL;
  MapscopeSnapshot *snapshot = load_one (text, &document);
  const MapscopeRegion *file = mapscope_test_region_at (snapshot, 0x7f0000000000);
  const MapscopeRegion *anon = mapscope_test_region_at (snapshot, 0x7f0000001000);
  g_auto(GStrv) codes = NULL;

  mapscope_test_assert_no_warnings (document);
  g_assert_cmpuint (mapscope_snapshot_get_n_regions (snapshot), ==, 2);
  g_assert_cmpstr (file->path, ==, "/tmp/crlf file");
  g_assert_null (anon->path);
  g_assert_cmpuint (mapscope_test_get_value (snapshot, file, MAPSCOPE_FIELD_RSS), ==, 4);
  g_assert_cmpint (file->thp_eligible, ==, 1);
  g_assert_true (mapscope_vmflags_test (file->vmflags, "ac"));
  g_assert_true (mapscope_vmflags_test (anon->vmflags, "ac"));
  codes = mapscope_vmflags_split (file->vmflags_text);
  g_assert_cmpstr (codes[g_strv_length (codes) - 1], ==, "ac");
}

/* Bad input -------------------------------------------------------------- */

/* Whether a warning points into lines FIRST to LAST. */
static gboolean
has_warning_between (MapscopeDocument *document,
                     guint64           first,
                     guint64           last)
{
  guint n = mapscope_document_get_n_warnings (document);
  gboolean found = FALSE;

  for (guint i = 0; i < n; i++)
    {
      const MapscopeWarning *warning = mapscope_document_get_warning (document, i);

      g_test_message ("warning, line %" G_GUINT64_FORMAT ": %s", warning->line, warning->message);
      g_assert_nonnull (warning->message);
      if (warning->line >= first && warning->line <= last)
        found = TRUE;
    }

  return found;
}

static void
test_truncated (void)
{
  static const char text[] =
    "7f0000000000-7f0000001000 rw-p 00000000 00:00 0 \n"
    SMAPS_FIELDS ("4", "4")
    "VmFlags: rd wr mr mw me ac \n"
    /* line 26 */
    "7f0000001000-7f0000003000 rw-p 00000000 00:00 0 \n"
    "Size:                  8 kB\n"
    "KernelPageSize:        4 kB\n"
    "MMUPageSize:           4 kB\n"
    "Rss:                ";
  g_autoptr(MapscopeDocument) document = NULL;
  MapscopeSnapshot *snapshot = load_one (text, &document);
  const MapscopeRegion *first = mapscope_test_region_at (snapshot, 0x7f0000000000);
  const MapscopeRegion *cut = mapscope_test_region_at (snapshot, 0x7f0000001000);

  g_assert_cmpuint (mapscope_snapshot_get_n_regions (snapshot), ==, 2);
  g_assert_cmpuint (mapscope_document_get_n_warnings (document), >=, 1);
  g_assert_true (has_warning_between (document, 26, 30));
  g_assert_true (cut->flags & MAPSCOPE_REGION_TRUNCATED);
  g_assert_false (first->flags & MAPSCOPE_REGION_TRUNCATED);
  g_assert_cmpuint (mapscope_test_get_value (snapshot, cut, MAPSCOPE_FIELD_SIZE), ==, 8);
  g_assert_cmpuint (cut->line, ==, 26);
  g_assert_cmpuint (first->line, ==, 1);
}

typedef struct
{
  const char *name;
  const char *text;
  guint       bad_line;
  guint       n_regions;
  guint64     check_start;  /* a region after the bad line, with its Rss */
  gint64      check_rss;    /* -1: none to check */
  gint64      first_rss;    /* the Rss of the first region, -1: none to check */
} MalformedCase;

static const MalformedCase malformed_cases[] = {
  /* a line before the first mapping is no exception */
  { "leading-line",
    "$ cat /proc/1/maps\n"
    "7f0000000000-7f0000001000 r--p 00000000 fe:00 1                          /tmp/a\n"
    "7f0000001000-7f0000002000 r--p 00000000 fe:00 2                          /tmp/b\n",
    1, 2, 0x7f0000001000, -1, -1 },
  { "maps",
    "7f0000000000-7f0000001000 r--p 00000000 fe:00 1                          /tmp/a\n"
    "this is not a mapping\n"
    "7f0000001000-7f0000002000 r--p 00000000 fe:00 2                          /tmp/b\n",
    2, 2, 0x7f0000001000, -1, -1 },
  { "smaps-field",
    "7f0000000000-7f0000001000 rw-p 00000000 00:00 0 \n"
    "Size:                  4 kB\n"
    "KernelPageSize:        4 kB\n"
    "MMUPageSize:           4 kB\n"
    "Rss:  four kB\n"
    "Pss:                   4 kB\n"
    "7f0000001000-7f0000002000 rw-p 00000000 00:00 0 \n"
    "Size:                  4 kB\n"
    "KernelPageSize:        4 kB\n"
    "MMUPageSize:           4 kB\n"
    "Rss:                   4 kB\n"
    "Pss:                   4 kB\n",
    5, 2, 0x7f0000001000, 4, -1 },
  { "smaps-header",
    "7f0000000000-7f0000001000 rw-p 00000000 00:00 0 \n"
    "Size:                  4 kB\n"
    "Rss:                   4 kB\n"
    /* the fields of a region whose line is bad belong to no other region */
    "7f00zz001000-7f0000002000 rw-p 00000000 00:00 0 \n"
    "Size:                  8 kB\n"
    "Rss:                   8 kB\n"
    "7f0000002000-7f0000003000 rw-p 00000000 00:00 0 \n"
    "Size:                  4 kB\n"
    "Rss:                   2 kB\n",
    4, 2, 0x7f0000002000, 2, 4 },
  { "pmap-x-row",
    "77:   prog\n"
    "Address           Kbytes     RSS   Dirty Mode  Mapping\n"
    "0000555555554000       4       4       0 r---- prog\n"
    "0000555555555000    lots       4       0 r-x-- prog\n"
    "00007ffd00000000     132      12      12 rw---   [ stack ]\n"
    "---------------- ------- ------- ------- \n"
    "total kB             140      20      12\n",
    4, 2, 0x7ffd00000000, 12, 4 },
};

/* A malformed line is a warning with its line number; the rest is read. */
static void
test_malformed (gconstpointer data)
{
  const MalformedCase *malformed = data;
  g_autoptr(MapscopeDocument) document = NULL;
  MapscopeSnapshot *snapshot = load_one (malformed->text, &document);

  g_assert_true (has_warning_between (document, malformed->bad_line, malformed->bad_line));
  g_assert_cmpuint (mapscope_snapshot_get_n_regions (snapshot), ==, malformed->n_regions);
  for (guint i = 0; i < malformed->n_regions; i++)
    g_assert_false (mapscope_snapshot_get_region (snapshot, i)->flags &
                    MAPSCOPE_REGION_TRUNCATED);
  if (malformed->first_rss >= 0)
    g_assert_cmpuint (mapscope_test_get_value (snapshot, mapscope_snapshot_get_region (snapshot, 0),
                                               MAPSCOPE_FIELD_RSS), ==, malformed->first_rss);
  if (malformed->check_rss >= 0)
    {
      const MapscopeRegion *region = mapscope_test_region_at (snapshot, malformed->check_start);

      g_assert_cmpuint (mapscope_test_get_value (snapshot, region, MAPSCOPE_FIELD_RSS), ==,
                        malformed->check_rss);
    }
  else
    {
      mapscope_test_region_at (snapshot, malformed->check_start);
    }
}

static void
test_garbage (void)
{
  static const char text[] = "hello world\nthis is not a memory map\n42\n";
  static const char * const expected_names[] = {
    "smaps", "smaps_rollup", "maps", "pmap", "-x", "-X", "-XX",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(MapscopeDocument) document = NULL;

  document = mapscope_document_load_data (text, strlen (text), "garbage.txt", &error);
  g_assert_null (document);
  g_assert_error (error, MAPSCOPE_PARSE_ERROR, MAPSCOPE_PARSE_ERROR_UNKNOWN_FORMAT);
  for (guint i = 0; i < G_N_ELEMENTS (expected_names); i++)
    {
      if (strstr (error->message, expected_names[i]) == NULL)
        g_test_message ("\"%s\" does not name %s", error->message, expected_names[i]);
      g_assert_nonnull (strstr (error->message, expected_names[i]));
    }
}

static void
test_binary (void)
{
  char bytes[4096];
  gsize gz_length = 0;
  g_autofree char *gz = NULL;

  for (guint i = 0; i < sizeof bytes; i++)
    bytes[i] = (char) ((i * 7919) >> 3);

  mapscope_test_assert_load_error (bytes, sizeof bytes, MAPSCOPE_PARSE_ERROR_UNKNOWN_FORMAT);

  gz = mapscope_test_gzip (bytes, sizeof bytes, &gz_length);
  mapscope_test_assert_load_error (gz, gz_length, MAPSCOPE_PARSE_ERROR_UNKNOWN_FORMAT);

  /* a gzip stream cut short */
  mapscope_test_assert_load_error (gz, gz_length / 2, -1);
}

static void
test_empty (void)
{
  gsize gz_length = 0;
  g_autofree char *gz = mapscope_test_gzip ("", 0, &gz_length);

  mapscope_test_assert_load_error ("", 0, MAPSCOPE_PARSE_ERROR_EMPTY);
  mapscope_test_assert_load_error ("\n\n   \n", 6, -1);
  mapscope_test_assert_load_error (gz, gz_length, -1);
}

/* Values ----------------------------------------------------------------- */

static void
test_value_overflow (void)
{
  static const char text[] =
    "7f0000000000-7f0000001000 rw-p 00000000 00:00 0 \n"
    "Size:                  4 kB\n"
    "Rss:     99999999999999999999999 kB\n"
    "Pss:                   4 kB\n"
    "7f0000001000-7f0000002000 rw-p 00000000 00:00 0 \n"
    "Size:                  4 kB\n"
    "Rss:                   4 kB\n"
    "Pss:                   4 kB\n";
  g_autoptr(MapscopeDocument) document = NULL;
  MapscopeSnapshot *snapshot = load_one (text, &document);
  const MapscopeRegion *first = mapscope_test_region_at (snapshot, 0x7f0000000000);
  const MapscopeRegion *second = mapscope_test_region_at (snapshot, 0x7f0000001000);

  g_assert_true (has_warning_between (document, 3, 3));
  g_assert_cmpuint (mapscope_snapshot_get_n_regions (snapshot), ==, 2);
  g_assert_cmpuint (mapscope_test_get_value (snapshot, first, MAPSCOPE_FIELD_SIZE), ==, 4);
  g_assert_cmpuint (mapscope_test_get_value (snapshot, first, MAPSCOPE_FIELD_PSS), ==, 4);
  g_assert_cmpuint (mapscope_test_get_value (snapshot, second, MAPSCOPE_FIELD_RSS), ==, 4);
}

/* Values of 4 TiB and more in kB do not fit in 32 bits; the one that is
 * exactly the marker of a wide value must not be taken for one. */
static void
test_value_wide (void)
{
  static const char text[] =
    "100000000000-200000000000 rw-p 00000000 00:00 0 \n"
    "Size:        17179869184 kB\n"
    "Rss:          5000000000 kB\n"
    "Swap:                  0 kB\n"
    "200000000000-300000000000 rw-p 00000000 00:00 0 \n"
    "Size:        17179869184 kB\n"
    "Rss:          4294967295 kB\n"
    "Swap:         4294967294 kB\n"
    "300000000000-300000001000 rw-p 00000000 00:00 0 \n"
    "Size:                  4 kB\n"
    "Rss:                   4 kB\n"
    "Swap:         18446744073709551615 kB\n";
  g_autoptr(MapscopeDocument) document = NULL;
  MapscopeSnapshot *snapshot = load_one (text, &document);
  const MapscopeRegion *first = mapscope_test_region_at (snapshot, 0x100000000000);
  const MapscopeRegion *second = mapscope_test_region_at (snapshot, 0x200000000000);
  const MapscopeRegion *third = mapscope_test_region_at (snapshot, 0x300000000000);
  g_autoptr(MapscopeSummary) summary = mapscope_summary_new (snapshot);
  const MapscopeTotals *totals = mapscope_summary_get_totals (summary);

  mapscope_test_assert_no_warnings (document);
  g_assert_cmpuint (mapscope_test_get_value (snapshot, first, MAPSCOPE_FIELD_RSS), ==,
                    G_GUINT64_CONSTANT (5000000000));
  g_assert_cmpuint (mapscope_test_get_value (snapshot, first, MAPSCOPE_FIELD_SIZE), ==,
                    G_GUINT64_CONSTANT (17179869184));
  g_assert_cmpuint (mapscope_test_get_value (snapshot, second, MAPSCOPE_FIELD_RSS), ==,
                    G_GUINT64_CONSTANT (4294967295));
  g_assert_cmpuint (mapscope_test_get_value (snapshot, second, MAPSCOPE_FIELD_SWAP), ==,
                    G_GUINT64_CONSTANT (4294967294));
  g_assert_cmpuint (mapscope_test_get_value (snapshot, third, MAPSCOPE_FIELD_SWAP), ==,
                    G_MAXUINT64);
  g_assert_cmpuint (mapscope_test_get_value (snapshot, third, MAPSCOPE_FIELD_RSS), ==, 4);

  g_assert_cmpuint (totals->values[MAPSCOPE_FIELD_RSS], ==,
                    G_GUINT64_CONSTANT (5000000000) + G_GUINT64_CONSTANT (4294967295) + 4);
  g_assert_cmpuint (totals->values[MAPSCOPE_FIELD_SIZE], ==,
                    2 * G_GUINT64_CONSTANT (17179869184) + 4);
}

/* A field the snapshot has, when any one region has it: the first, one in
 * the middle or the last. */
static void
test_fields_in_one_region (void)
{
  static const char text[] =
    "7f0000000000-7f0000001000 rw-p 00000000 00:00 0 \n"
    "Size:                  4 kB\n"
    "Locked:                4 kB\n"
    "7f0000001000-7f0000002000 rw-p 00000000 00:00 0 \n"
    "Size:                  4 kB\n"
    "KSM:                   4 kB\n"
    "7f0000002000-7f0000003000 rw-p 00000000 00:00 0 \n"
    "Size:                  4 kB\n"
    "7f0000003000-7f0000004000 rw-p 00000000 00:00 0 \n"
    "Size:                  4 kB\n"
    "Swap:                  4 kB\n";
  g_autoptr(MapscopeDocument) document = NULL;
  MapscopeSnapshot *snapshot = load_one (text, &document);

  mapscope_test_assert_no_warnings (document);
  g_assert_true (mapscope_snapshot_has_field (snapshot, MAPSCOPE_FIELD_LOCKED));
  g_assert_true (mapscope_snapshot_has_field (snapshot, MAPSCOPE_FIELD_KSM));
  g_assert_true (mapscope_snapshot_has_field (snapshot, MAPSCOPE_FIELD_SWAP));
  g_assert_true (mapscope_snapshot_has_field (snapshot, MAPSCOPE_FIELD_SIZE));
  g_assert_false (mapscope_snapshot_has_field (snapshot, MAPSCOPE_FIELD_RSS));
  g_assert_false (mapscope_snapshot_has_field (snapshot, MAPSCOPE_FIELD_REFERENCED));
}

/* The fast paths ------------------------------------------------------- */

/* The field lines in the kernel's order, as in SMAPS_FIELDS. */
static const char * const kernel_keys[] = {
  "Size", "KernelPageSize", "MMUPageSize", "Rss", "Pss", "Pss_Dirty", "Shared_Clean",
  "Shared_Dirty", "Private_Clean", "Private_Dirty", "Referenced", "Anonymous", "KSM", "LazyFree",
  "AnonHugePages", "ShmemPmdMapped", "FilePmdMapped", "Shared_Hugetlb", "Private_Hugetlb", "Swap",
  "SwapPss", "Locked",
};

/* Values of every width up to the 8 columns the kernel gives them, and
 * wider ones (9 to 11 digits) that push " kB" right, the largest 32-bit
 * value among them, kept aside. */
static const guint64 narrow_values[] = {
  0, 4, 7, 42, 999, 65536, 1234567, 12345678, 99999999,
};
static const guint64 wide_values[] = {
  123456789, 4294967295, G_GUINT64_CONSTANT (17179869184),
};

/* One wide value in every fifth region, at a different line each time. */
static guint64
fast_path_value (guint region,
                 guint key)
{
  if (region % 5 == 4 && key == region % G_N_ELEMENTS (kernel_keys))
    return wide_values[(region / 5) % G_N_ELEMENTS (wide_values)];
  return narrow_values[(region * 7 + key * 3) % G_N_ELEMENTS (narrow_values)];
}

/* Many regions laid out as the kernel writes them, so that the field
 * template and the exact mapping line reader take most lines, mixed with
 * regions that must leave them part-way: a wide value, a field missing, a
 * tab, a value with a sign, THPeligible as older kernels wrote it, runs of
 * spaces in the mapping line, uppercase hex, 17 hex digits. */
static void
test_fast_path_values (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(MapscopeDocument) document = NULL;
  MapscopeSnapshot *snapshot;
  g_autoptr(GArray) sign_lines = g_array_new (FALSE, FALSE, sizeof (guint64));
  const guint n = 300;
  const MapscopeRegion *regions;
  guint n_regions = 0;
  guint64 line = 1;

  for (guint i = 0; i < n; i++)
    {
      guint64 start = G_GUINT64_CONSTANT (0x7f0000000000) + (guint64)i * 0x2000;

      if (i % 17 == 5)
        g_string_append_printf (text, "%" G_GINT64_MODIFIER "X-%" G_GINT64_MODIFIER "X rw-p "
                                "0000A000 FE:0A 77 /lib/upper.so\n", start, start + 0x1000);
      else if (i % 17 == 9)
        g_string_append_printf (text, "%" G_GINT64_MODIFIER "x-%" G_GINT64_MODIFIER "x rw-p  "
                                "00001000  fe:01  77\n", start, start + 0x1000);
      else if (i % 17 == 13)
        g_string_append_printf (text, "0%016" G_GINT64_MODIFIER "x-%" G_GINT64_MODIFIER "x r--s "
                                "00000000 00:05 1234567890123456789                  /dev/zero\n",
                                start, start + 0x1000);
      else
        g_string_append_printf (text, "%" G_GINT64_MODIFIER "x-%" G_GINT64_MODIFIER "x r--p "
                                "%08x fe:01 %u%s\n", start, start + 0x1000, i * 0x1000,
                                i % 3 == 0 ? 0 : 4242 + i,
                                i % 3 == 0 ? " " : "                        /usr/lib/fast.so");

      line++;

      for (guint k = 0; k < G_N_ELEMENTS (kernel_keys); k++)
        {
          g_autofree char *key = g_strdup_printf ("%s:", kernel_keys[k]);

          if (i % 11 == 3 && k == 4)
            continue;
          if (i % 19 == 2 && k == 8)
            g_array_append_val (sign_lines, line);
          line++;
          if (i % 13 == 7 && k == 6)
            g_string_append_printf (text, "%s\t%" G_GUINT64_FORMAT " kB\n", key,
                                    fast_path_value (i, k));
          else if (i % 19 == 2 && k == 8)
            g_string_append_printf (text, "%-16s%8s kB\n", key, "-3");
          else
            g_string_append_printf (text, "%-16s%8" G_GUINT64_FORMAT " kB\n", key,
                                    fast_path_value (i, k));
        }
      if (i % 23 == 1)
        g_string_append (text, "THPeligible:    10\n");
      else
        g_string_append_printf (text, "%-16s%8u\n", "THPeligible:", i % 2);
      g_string_append (text, i % 2 ? "VmFlags: rd mr mw me ac \n" : "VmFlags: rd wr mr mw me ac \n");
      line += 2;
    }

  document = mapscope_test_load_text (text->str);
  snapshot = mapscope_test_only_snapshot (document);
  regions = mapscope_snapshot_get_regions (snapshot, &n_regions);
  g_assert_cmpuint (n_regions, ==, n);

  for (guint i = 0; i < n; i++)
    {
      const MapscopeRegion *region = &regions[i];
      guint64 start = G_GUINT64_CONSTANT (0x7f0000000000) + (guint64)i * 0x2000;

      g_assert_cmphex (region->start, ==, start);
      g_assert_cmphex (region->end, ==, start + 0x1000);
      if (i % 17 == 5)
        {
          g_assert_cmphex (region->offset, ==, 0xa000);
          g_assert_cmpuint (mapscope_region_get_dev_major (region), ==, 0xfe);
          g_assert_cmpuint (mapscope_region_get_dev_minor (region), ==, 0x0a);
          g_assert_cmpstr (region->path, ==, "/lib/upper.so");
        }
      else if (i % 17 == 9)
        {
          g_assert_cmphex (region->offset, ==, 0x1000);
          g_assert_cmpuint (region->inode, ==, 77);
          g_assert_null (region->path);
        }
      else if (i % 17 == 13)
        {
          g_assert_cmpuint (region->perms, ==, MAPSCOPE_PERM_READ | MAPSCOPE_PERM_SHARED);
          g_assert_cmpuint (region->inode, ==, G_GUINT64_CONSTANT (1234567890123456789));
          g_assert_cmpstr (region->path, ==, "/dev/zero");
        }
      else
        {
          g_assert_cmphex (region->offset, ==, i * 0x1000);
          g_assert_cmpuint (mapscope_region_get_dev_minor (region), ==, 1);
          g_assert_cmpuint (region->inode, ==, i % 3 == 0 ? 0 : 4242 + i);
          g_assert_cmpstr (region->path, ==, i % 3 == 0 ? NULL : "/usr/lib/fast.so");
        }

      for (guint k = 0; k < G_N_ELEMENTS (kernel_keys); k++)
        {
          gint field = mapscope_test_field_id (snapshot, kernel_keys[k]);
          guint64 value = 0;
          gboolean present;

          g_assert_cmpint (field, >=, 0);
          present = mapscope_snapshot_get_value (snapshot, region, field, &value);
          if ((i % 11 == 3 && k == 4) || (i % 19 == 2 && k == 8))
            g_assert_false (present);
          else
            {
              g_assert_true (present);
              g_assert_cmpuint (value, ==, fast_path_value (i, k));
            }
        }
      g_assert_cmpint (region->thp_eligible, ==, i % 23 == 1 ? 1 : (gint)(i % 2));
      g_assert_cmpstr (region->vmflags_text, ==, i % 2 ? "rd mr mw me ac" : "rd wr mr mw me ac");
    }

  /* The only warnings: the values with a sign. */
  g_assert_cmpuint (mapscope_document_get_n_warnings (document), ==, sign_lines->len);
  for (guint i = 0; i < sign_lines->len; i++)
    g_assert_true (mapscope_test_has_warning_at (document, g_array_index (sign_lines, guint64, i)));
}

/* The model ------------------------------------------------------------- */

static void
test_model_size (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(MapscopeDocument) document = NULL;
  MapscopeSnapshot *snapshot;
  const guint n = 20000;
  gsize bytes;

  g_assert_cmpuint (sizeof (MapscopeRegion), <, 256);

  for (guint i = 0; i < n; i++)
    {
      guint64 start = G_GUINT64_CONSTANT (0x7f0000000000) + (guint64) i * 0x2000;

      g_string_append_printf (text,
                              "%" G_GINT64_MODIFIER "x-%" G_GINT64_MODIFIER "x "
                              "r--p 00000000 fe:00 %u                   /usr/lib/libm%u.so\n"
                              SMAPS_FIELDS ("4", "4")
                              "VmFlags: rd mr mw me \n",
                              start, start + 0x1000, 1000 + i % 50, i % 50);
    }

  snapshot = load_one (text->str, &document);
  mapscope_test_assert_no_warnings (document);
  g_assert_cmpuint (mapscope_snapshot_get_n_regions (snapshot), ==, n);

  bytes = mapscope_snapshot_get_memory_size (snapshot);
  g_test_message ("%" G_GSIZE_FORMAT " bytes per region", bytes / n);
  g_assert_cmpuint (bytes, >=, n * sizeof (MapscopeRegion));
  g_assert_cmpuint (bytes / n, <, 256);
}

/* Never a crash: every prefix and many damaged copies of real files */
static void
test_robust (gconstpointer data)
{
  const char *file = data;
  gsize length = 0;
  g_autofree char *text = mapscope_test_read_real (file, &length);
  g_autofree char *damaged = g_memdup2 (text, length);
  GRand *rand = g_rand_new_with_seed (20261125);

  for (gsize cut = 0; cut < length; cut += 1 + length / 300)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MapscopeDocument) document =
        mapscope_document_load_data (text, cut, "prefix", &error);

      g_assert_true ((document == NULL) != (error == NULL));
    }

  for (guint round = 0; round < 100; round++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MapscopeDocument) document = NULL;

      memcpy (damaged, text, length);
      for (guint k = 0; k < 20; k++)
        damaged[g_rand_int_range (rand, 0, length)] = (char) g_rand_int_range (rand, 0, 256);

      document = mapscope_document_load_data (damaged, length, "damaged", &error);
      g_assert_true ((document == NULL) != (error == NULL));
    }

  g_rand_free (rand);
}

/* The tests that take no data, by path. */
static const struct
{
  const char *path;
  GTestFunc   func;
} plain_tests[] = {
  { "/edge/path/spaces", test_path_spaces },
  { "/edge/path/deleted", test_path_deleted },
  { "/edge/path/anon-names", test_path_anon_names },
  { "/edge/path/escaped-newline", test_path_escaped_newline },
  { "/edge/field/unknown", test_field_unknown },
  { "/edge/field/vmflags-unknown", test_vmflags_unknown },
  { "/edge/field/reordered", test_fields_reordered },
  { "/edge/field/missing", test_fields_missing },
  { "/edge/field/thp-pkey", test_fields_thp_pkey },
  { "/edge/field/in-one-region", test_fields_in_one_region },
  { "/edge/address/pmap-32-bit", test_addresses_pmap_32 },
  { "/edge/pmap/columns-by-name", test_pmap_columns_by_name },
  { "/edge/crlf", test_crlf },
  { "/edge/bad/truncated", test_truncated },
  { "/edge/bad/garbage", test_garbage },
  { "/edge/bad/binary", test_binary },
  { "/edge/bad/empty", test_empty },
  { "/edge/value/overflow", test_value_overflow },
  { "/edge/value/wide", test_value_wide },
  { "/edge/fast-path/values", test_fast_path_values },
  { "/edge/model-size", test_model_size },
};

static void
add_case (const char    *prefix,
          const char    *name,
          gconstpointer  data,
          GTestDataFunc  func)
{
  g_autofree char *path = g_strdup_printf ("%s/%s", prefix, name);

  g_test_add_data_func (path, data, func);
}

int
main (int   argc,
      char *argv[])
{
  static const char * const robust_files[] = {
    "zoo.smaps", "zoo.pmap-XX", "zoo.pmap-x", "zoo.pmap", "zoo.maps", "zoo.smaps_rollup",
  };

  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (plain_tests); i++)
    g_test_add_func (plain_tests[i].path, plain_tests[i].func);
  for (guint i = 0; i < G_N_ELEMENTS (address_cases); i++)
    add_case ("/edge/address", address_cases[i].name, &address_cases[i], test_addresses);
  for (guint i = 0; i < G_N_ELEMENTS (malformed_cases); i++)
    add_case ("/edge/bad/malformed", malformed_cases[i].name, &malformed_cases[i], test_malformed);
  for (guint i = 0; i < G_N_ELEMENTS (robust_files); i++)
    add_case ("/edge/robust", robust_files[i], robust_files[i], test_robust);

  return g_test_run ();
}
