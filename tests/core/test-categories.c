/* test-categories.c: every region gets the one category it should, with the
 * rule that chose it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "mapscope-test-util.h"

typedef struct
{
  guint64              start;
  MapscopeCategory     category;
  MapscopeCategoryRule rule;
} Expected;

#define EXE MAPSCOPE_CATEGORY_EXECUTABLE, MAPSCOPE_RULE_EXECUTABLE_LOWEST_FILE
#define LIB MAPSCOPE_CATEGORY_LIBRARY, MAPSCOPE_RULE_LIBRARY_NAME
#define GUARD MAPSCOPE_CATEGORY_GUARD, MAPSCOPE_RULE_GUARD_NO_ACCESS
#define THREAD MAPSCOPE_CATEGORY_THREAD_STACK, MAPSCOPE_RULE_THREAD_STACK_ABOVE_GUARD
#define ANON MAPSCOPE_CATEGORY_ANONYMOUS, MAPSCOPE_RULE_ANONYMOUS_UNNAMED
#define KERNEL MAPSCOPE_CATEGORY_KERNEL, MAPSCOPE_RULE_KERNEL_NAME

/* zoo.smaps, region by region (see tests/data/real/README.md) */
static const Expected zoo[] = {
  { 0x565252561000, EXE },                /* /tmp/anchor/zoo */
  { 0x565252562000, EXE },
  { 0x565252563000, EXE },
  { 0x565252564000, EXE },
  { 0x565252565000, EXE },
  { 0x565276ef8000, MAPSCOPE_CATEGORY_HEAP, MAPSCOPE_RULE_HEAP_NAME },
  { 0x7f63b835a000, GUARD },
  { 0x7f63b835b000, THREAD },
  { 0x7f63b8b5b000, GUARD },
  { 0x7f63b8b5c000, THREAD },
  { 0x7f63b935c000, GUARD },
  { 0x7f63b935d000, THREAD },
  { 0x7f63b9b5d000, GUARD },
  { 0x7f63b9b5e000, THREAD },
  { 0x7f63ba35e000, LIB },                /* /tmp/libz-copy.so.1 */
  { 0x7f63ba361000, LIB },
  { 0x7f63ba374000, LIB },
  { 0x7f63ba37b000, LIB },
  { 0x7f63ba37c000, LIB },
  { 0x7f63ba37d000, LIB },                /* /usr/lib/x86_64-linux-gnu/libz.so.1.2.13 */
  { 0x7f63ba380000, LIB },
  { 0x7f63ba393000, LIB },
  { 0x7f63ba39a000, LIB },
  { 0x7f63ba39b000, LIB },
  { 0x7f63ba39c000, GUARD },              /* the no-access mapping */
  { 0x7f63ba3a0000, MAPSCOPE_CATEGORY_FILE, MAPSCOPE_RULE_FILE_MAPPING },  /* zoo data file.bin */
  { 0x7f63ba3b0000, MAPSCOPE_CATEGORY_SHARED_MEMORY, MAPSCOPE_RULE_SHARED_SYSV },
  { 0x7f63ba3c0000, ANON },               /* 512 MiB, half touched */
  { 0x7f63da400000, ANON },
  { 0x7f63da402000, MAPSCOPE_CATEGORY_SHARED_MEMORY, MAPSCOPE_RULE_SHARED_DEV_ZERO },
  { 0x7f63da422000, ANON },
  { 0x7f63da425000, LIB },                /* libc.so.6 */
  { 0x7f63da44b000, LIB },
  { 0x7f63da5a1000, LIB },
  { 0x7f63da5f4000, LIB },
  { 0x7f63da5f8000, LIB },
  { 0x7f63da5fa000, ANON },
  { 0x7f63da607000, MAPSCOPE_CATEGORY_FILE, MAPSCOPE_RULE_FILE_MAPPING },  /* deleted file */
  { 0x7f63da60b000, MAPSCOPE_CATEGORY_SHARED_MEMORY, MAPSCOPE_RULE_SHARED_MEMFD },
  { 0x7f63da613000, ANON },
  { 0x7f63da615000, KERNEL },             /* [vvar] */
  { 0x7f63da619000, KERNEL },             /* [vvar_vclock] */
  { 0x7f63da61b000, KERNEL },             /* [vdso] */
  { 0x7f63da61d000, LIB },                /* ld-linux-x86-64.so.2 */
  { 0x7f63da61e000, LIB },
  { 0x7f63da644000, LIB },
  { 0x7f63da64e000, LIB },
  { 0x7f63da650000, LIB },
  { 0x7fffae41f000, MAPSCOPE_CATEGORY_STACK, MAPSCOPE_RULE_STACK_NAME },
  { G_GUINT64_CONSTANT (0xffffffffff600000), KERNEL },  /* [vsyscall] */
};

static void
assert_region (const MapscopeRegion *region,
               MapscopeCategory      category,
               gint                  rule)
{
  if (region->category != category || (rule >= 0 && region->rule != rule))
    g_test_message ("region at 0x%" G_GINT64_MODIFIER "x (%s): %s by rule %u, expected %s",
                    region->start, region->path ? region->path : "anonymous",
                    mapscope_category_get_name (region->category), region->rule,
                    mapscope_category_get_name (category));
  g_assert_cmpstr (mapscope_category_get_name (region->category), ==,
                   mapscope_category_get_name (category));
  if (rule >= 0)
    g_assert_cmpuint (region->rule, ==, rule);
  g_assert_cmpuint (region->rule, !=, MAPSCOPE_RULE_NONE);
  g_assert_cmpstr (mapscope_category_rule_describe (region->rule), !=, "");
}

static void
test_zoo_smaps (void)
{
  g_autofree char *text = mapscope_test_read_real ("zoo.smaps", NULL);
  g_autoptr(MapscopeDocument) document = mapscope_test_load_real ("zoo.smaps");
  MapscopeSnapshot *snapshot = mapscope_test_only_snapshot (document);
  guint n = 0;
  const MapscopeRegion *regions = mapscope_snapshot_get_regions (snapshot, &n);
  guint thread_stacks = 0;

  g_assert_cmpuint (G_N_ELEMENTS (zoo), ==, mapscope_test_count_ranges (text));
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (zoo));
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmphex (regions[i].start, ==, zoo[i].start);
      assert_region (&regions[i], zoo[i].category, zoo[i].rule);
      if (regions[i].category == MAPSCOPE_CATEGORY_THREAD_STACK)
        thread_stacks++;
    }

  g_assert_cmpuint (thread_stacks, ==, 4);
  g_assert_cmpstr (mapscope_snapshot_get_executable (snapshot), ==, "/tmp/anchor/zoo");
}

/* pmap -X and -XX name the same mappings by their base names and know the
 * command: the categories are those of smaps, the program is found by name. */
static void
test_zoo_pmap_named (gconstpointer data)
{
  const char *file = data;
  g_autoptr(MapscopeDocument) document = mapscope_test_load_real (file);
  MapscopeSnapshot *snapshot = mapscope_test_only_snapshot (document);
  guint n = 0;
  const MapscopeRegion *regions = mapscope_snapshot_get_regions (snapshot, &n);

  g_assert_cmpuint (n, ==, G_N_ELEMENTS (zoo));
  for (guint i = 0; i < n; i++)
    {
      gint rule = zoo[i].rule;

      g_assert_cmphex (regions[i].start, ==, zoo[i].start);
      if (zoo[i].category == MAPSCOPE_CATEGORY_EXECUTABLE)
        rule = MAPSCOPE_RULE_EXECUTABLE_FROM_COMMAND;
      assert_region (&regions[i], zoo[i].category, rule);
    }
}

/* pmap and pmap -x call every mapping without a file "[ anon ]", the heap and
 * the kernel's too (only the stack is "[ stack ]"), and name SysV memory by
 * its id. */
static void
test_zoo_pmap_anon (gconstpointer data)
{
  const char *file = data;
  g_autoptr(MapscopeDocument) document = mapscope_test_load_real (file);
  MapscopeSnapshot *snapshot = mapscope_test_only_snapshot (document);
  guint n = 0;
  const MapscopeRegion *regions = mapscope_snapshot_get_regions (snapshot, &n);

  g_assert_cmpuint (n, ==, G_N_ELEMENTS (zoo));
  for (guint i = 0; i < n; i++)
    {
      MapscopeCategory category = zoo[i].category;

      g_assert_cmphex (regions[i].start, ==, zoo[i].start);
      if (category == MAPSCOPE_CATEGORY_KERNEL || category == MAPSCOPE_CATEGORY_HEAP)
        category = MAPSCOPE_CATEGORY_ANONYMOUS;
      assert_region (&regions[i], category, -1);
    }
  g_assert_cmpuint (mapscope_test_region_at (snapshot, 0x7f63ba3b0000)->rule, ==,
                    MAPSCOPE_RULE_SHARED_PMAP_SHMID);
}

/* The program of each capture: the lowest file mapping with an executable
 * segment, found here from the text. */
static void
test_executable (gconstpointer data)
{
  const char *name = data;
  g_autofree char *file = g_strconcat (name, ".smaps", NULL);
  g_autofree char *text = mapscope_test_read_real (file, NULL);
  g_auto(GStrv) lines = mapscope_test_split_lines (text);
  g_autoptr(MapscopeDocument) document = mapscope_test_load_real (file);
  MapscopeSnapshot *snapshot = mapscope_test_only_snapshot (document);
  g_autofree char *program = NULL;
  guint n = 0;
  const MapscopeRegion *regions = mapscope_snapshot_get_regions (snapshot, &n);

  for (guint i = 0; lines[i] != NULL && program == NULL; i++)
    {
      g_auto(GStrv) words = NULL;
      guint64 start, end;

      if (!mapscope_test_parse_range (lines[i], &start, &end))
        continue;
      words = g_strsplit_set (lines[i], " ", 6);
      if (words[1][2] == 'x' && words[5] != NULL && strchr (words[5], '/') != NULL)
        program = g_strdup (g_strchug (words[5]));
    }

  g_assert_nonnull (program);
  g_assert_cmpstr (mapscope_snapshot_get_executable (snapshot), ==, program);
  for (guint i = 0; i < n; i++)
    {
      if (g_strcmp0 (regions[i].path, program) == 0)
        assert_region (&regions[i], MAPSCOPE_CATEGORY_EXECUTABLE,
                       MAPSCOPE_RULE_EXECUTABLE_LOWEST_FILE);
      else
        g_assert_cmpuint (regions[i].category, !=, MAPSCOPE_CATEGORY_EXECUTABLE);
    }
}

/* Crafted mappings of the kinds the captures lack */
static const char crafted_maps[] =
  "00400000-00401000 r--p 00000000 fe:00 10                                 /tmp/data.bin\n"
  "00600000-00601000 r--p 00000000 fe:00 11                                 /usr/bin/prog\n"
  "00601000-00602000 r-xp 00001000 fe:00 11                                 /usr/bin/prog\n"
  "00700000-00701000 r-xp 00000000 fe:00 12                                 /usr/lib/libfoo.so\n"
  "00701000-00702000 ---p 00001000 fe:00 12                                 /usr/lib/libfoo.so\n"
  "7f0000000000-7f0000001000 rw-p 00000000 00:00 0                          [anon:x]\n"
  "7f0000001000-7f0000002000 rw-s 00000000 00:01 5                          [anon_shmem:x]\n"
  "7f0000002000-7f0000003000 rw-s 00000000 00:19 6                          /dev/shm/x\n"
  "7f0000003000-7f0000004000 rw-s 00000000 00:05 7                          /dev/dri/card0\n"
  "7f0000004000-7f0000005000 rw-s 00000000 00:10 8                          /dev/hugepages/buf\n"
  "7f0000005000-7f0000006000 ---p 00000000 00:00 0 \n"
  "7f0000007000-7f0000008000 rw-p 00000000 00:00 0 \n"
  "7f0000008000-7f0000009000 ---p 00000000 00:00 0 \n"
  "7f0000009000-7f000000a000 rw-p 00000000 00:00 0 \n"
  "7f000000a000-7f000000b000 r-xp 00000000 00:00 0                          [uprobes]\n"
  "7ffd00000000-7ffd00021000 rw-p 00000000 00:00 0                          [stack:123]\n";

static const Expected crafted[] = {
  /* below the program, with no executable segment */
  { 0x00400000, MAPSCOPE_CATEGORY_FILE, MAPSCOPE_RULE_FILE_MAPPING },
  { 0x00600000, EXE },
  { 0x00601000, EXE },
  { 0x00700000, LIB },
  /* no access, but a file: not a guard */
  { 0x00701000, LIB },
  { G_GUINT64_CONSTANT (0x7f0000000000), MAPSCOPE_CATEGORY_ANONYMOUS,
    MAPSCOPE_RULE_ANONYMOUS_NAMED },
  { G_GUINT64_CONSTANT (0x7f0000001000), MAPSCOPE_CATEGORY_SHARED_MEMORY,
    MAPSCOPE_RULE_SHARED_ANON_NAMED },
  { G_GUINT64_CONSTANT (0x7f0000002000), MAPSCOPE_CATEGORY_SHARED_MEMORY,
    MAPSCOPE_RULE_SHARED_DEV_SHM },
  { G_GUINT64_CONSTANT (0x7f0000003000), MAPSCOPE_CATEGORY_DEVICE, MAPSCOPE_RULE_DEVICE_FILE },
  { G_GUINT64_CONSTANT (0x7f0000004000), MAPSCOPE_CATEGORY_HUGETLB, MAPSCOPE_RULE_HUGETLB_PATH },
  { G_GUINT64_CONSTANT (0x7f0000005000), GUARD },
  /* above a guard, but not right above it */
  { G_GUINT64_CONSTANT (0x7f0000007000), ANON },
  { G_GUINT64_CONSTANT (0x7f0000008000), GUARD },
  { G_GUINT64_CONSTANT (0x7f0000009000), THREAD },
  { G_GUINT64_CONSTANT (0x7f000000a000), KERNEL },
  { G_GUINT64_CONSTANT (0x7ffd00000000), MAPSCOPE_CATEGORY_STACK, MAPSCOPE_RULE_STACK_NAME },
};

static void
test_crafted (void)
{
  g_autoptr(MapscopeDocument) document = mapscope_test_load_text (crafted_maps);
  MapscopeSnapshot *snapshot = mapscope_test_only_snapshot (document);

  mapscope_test_assert_no_warnings (document);
  g_assert_cmpuint (mapscope_snapshot_get_n_regions (snapshot), ==, G_N_ELEMENTS (crafted));
  for (guint i = 0; i < G_N_ELEMENTS (crafted); i++)
    assert_region (mapscope_test_region_at (snapshot, crafted[i].start),
                   crafted[i].category, crafted[i].rule);
  g_assert_cmpstr (mapscope_snapshot_get_executable (snapshot), ==, "/usr/bin/prog");
}

/* hugetlbfs memory shows the ht flag in smaps, whatever its name */
static void
test_hugetlb_flag (void)
{
  static const char text[] =
    "7f0000000000-7f0000200000 rw-s 00000000 00:01 21                       /memfd:huge (deleted)\n"
    "Size:               2048 kB\n"
    "KernelPageSize:     2048 kB\n"
    "MMUPageSize:        2048 kB\n"
    "Rss:                   0 kB\n"
    "Shared_Hugetlb:     2048 kB\n"
    "Private_Hugetlb:       0 kB\n"
    "VmFlags: rd wr sh mr mw me ms de ht \n"
    "7f0000200000-7f0000400000 rw-p 00000000 00:00 0 \n"
    "Size:               2048 kB\n"
    "KernelPageSize:        4 kB\n"
    "MMUPageSize:           4 kB\n"
    "Rss:                   0 kB\n"
    "Shared_Hugetlb:        0 kB\n"
    "Private_Hugetlb:       0 kB\n"
    "VmFlags: rd wr mr mw me de ht \n"
    "7f0000400000-7f0000401000 rw-s 00000000 00:01 22                      /memfd:plain (deleted)\n"
    "Size:                  4 kB\n"
    "KernelPageSize:        4 kB\n"
    "MMUPageSize:           4 kB\n"
    "Rss:                   4 kB\n"
    "Shared_Hugetlb:        0 kB\n"
    "Private_Hugetlb:       0 kB\n"
    "VmFlags: rd wr sh mr mw me ms \n";
  g_autoptr(MapscopeDocument) document = mapscope_test_load_text (text);
  MapscopeSnapshot *snapshot = mapscope_test_only_snapshot (document);

  mapscope_test_assert_no_warnings (document);
  assert_region (mapscope_test_region_at (snapshot, 0x7f0000000000),
                 MAPSCOPE_CATEGORY_HUGETLB, -1);
  assert_region (mapscope_test_region_at (snapshot, 0x7f0000200000),
                 MAPSCOPE_CATEGORY_HUGETLB, MAPSCOPE_RULE_HUGETLB_FLAG);
  assert_region (mapscope_test_region_at (snapshot, 0x7f0000400000),
                 MAPSCOPE_CATEGORY_SHARED_MEMORY, MAPSCOPE_RULE_SHARED_MEMFD);
}

/* The summary adds up each category on its own, and the categories add up
 * to the whole. */
static void
test_summary_categories (void)
{
  g_autoptr(MapscopeDocument) document = mapscope_test_load_real ("zoo.smaps");
  MapscopeSnapshot *snapshot = mapscope_test_only_snapshot (document);
  g_autoptr(MapscopeSummary) summary = mapscope_summary_new (snapshot);
  const MapscopeTotals *totals = mapscope_summary_get_totals (summary);
  guint n_fields = mapscope_summary_get_n_fields (summary);
  guint n = 0;
  const MapscopeRegion *regions = mapscope_snapshot_get_regions (snapshot, &n);
  guint region_sum = 0;
  const MapscopeRegion *heap;

  g_assert_true (mapscope_summary_get_snapshot (summary) == snapshot);
  g_assert_cmpuint (totals->region_count, ==, n);

  for (guint c = 0; c < MAPSCOPE_N_CATEGORIES; c++)
    {
      const MapscopeTotals *category = mapscope_summary_get_category (summary, c);
      guint count = 0;
      guint64 rss = 0, size = 0;

      for (guint i = 0; i < n; i++)
        {
          if (regions[i].category != c)
            continue;
          count++;
          rss += mapscope_test_get_value (snapshot, &regions[i], MAPSCOPE_FIELD_RSS);
          size += mapscope_test_get_value (snapshot, &regions[i], MAPSCOPE_FIELD_SIZE);
        }

      g_assert_cmpuint (category->region_count, ==, count);
      g_assert_cmpuint (category->values[MAPSCOPE_FIELD_RSS], ==, rss);
      g_assert_cmpuint (category->values[MAPSCOPE_FIELD_SIZE], ==, size);
      region_sum += category->region_count;
    }
  g_assert_cmpuint (region_sum, ==, n);

  for (guint f = 0; f < n_fields; f++)
    {
      guint64 sum = 0;

      if (f < MAPSCOPE_N_KNOWN_FIELDS && !mapscope_field_is_additive (f))
        continue;
      for (guint c = 0; c < MAPSCOPE_N_CATEGORIES; c++)
        sum += mapscope_summary_get_category (summary, c)->values[f];
      g_assert_cmpuint (sum, ==, totals->values[f]);
    }

  /* zoo has memory of each of these kinds */
  g_assert_cmpuint (mapscope_summary_get_category (summary, MAPSCOPE_CATEGORY_THREAD_STACK)
                      ->region_count, ==, 4);
  heap = mapscope_test_region_at (snapshot, 0x565276ef8000);
  g_assert_cmpuint (mapscope_summary_get_category (summary, MAPSCOPE_CATEGORY_HEAP)
                      ->values[MAPSCOPE_FIELD_RSS], ==,
                    mapscope_test_get_value (snapshot, heap, MAPSCOPE_FIELD_RSS));
}

static void
test_names (void)
{
  for (guint c = 0; c < MAPSCOPE_N_CATEGORIES; c++)
    {
      const char *name = mapscope_category_get_name (c);
      MapscopeCategory back = MAPSCOPE_N_CATEGORIES;

      g_assert_cmpstr (name, !=, "");
      g_assert_cmpstr (mapscope_category_get_label (c), !=, "");
      g_assert_true (mapscope_category_from_name (name, &back));
      g_assert_cmpuint (back, ==, c);
      for (guint d = 0; d < c; d++)
        g_assert_cmpstr (mapscope_category_get_name (d), !=, name);
    }
  g_assert_false (mapscope_category_from_name ("no-such-category", NULL));

  /* the names the issue gives */
  g_assert_cmpstr (mapscope_category_get_name (MAPSCOPE_CATEGORY_THREAD_STACK), ==,
                   "thread-stack");
  g_assert_cmpstr (mapscope_category_get_name (MAPSCOPE_CATEGORY_SHARED_MEMORY), ==,
                   "shared-memory");

  for (guint r = 0; r < MAPSCOPE_N_RULES; r++)
    {
      g_assert_nonnull (mapscope_category_rule_describe (r));
      g_assert_cmpuint (strlen (mapscope_category_rule_describe (r)), >, 10);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/categories/zoo/smaps", test_zoo_smaps);
  g_test_add_data_func ("/categories/zoo/pmap-X", "zoo.pmap-X", test_zoo_pmap_named);
  g_test_add_data_func ("/categories/zoo/pmap-XX", "zoo.pmap-XX", test_zoo_pmap_named);
  g_test_add_data_func ("/categories/zoo/pmap-x", "zoo.pmap-x", test_zoo_pmap_anon);
  g_test_add_data_func ("/categories/zoo/pmap", "zoo.pmap", test_zoo_pmap_anon);
  g_test_add_data_func ("/categories/executable/sleep", "sleep", test_executable);
  g_test_add_data_func ("/categories/executable/python3", "python3", test_executable);
  g_test_add_data_func ("/categories/executable/zoo", "zoo", test_executable);
  g_test_add_func ("/categories/crafted", test_crafted);
  g_test_add_func ("/categories/hugetlb-flag", test_hugetlb_flag);
  g_test_add_func ("/categories/summary", test_summary_categories);
  g_test_add_func ("/categories/names", test_names);

  return g_test_run ();
}
