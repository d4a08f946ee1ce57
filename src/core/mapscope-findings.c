/* mapscope-findings.c: problems worth a look, found in a snapshot or a timeline
 *
 * Each check reads the regions of one snapshot (the last one of a
 * timeline) and adds at most a few findings. The wording is for people who
 * do not know the kernel's vocabulary: what was seen, why it matters, and
 * one thing to try next.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mapscope-findings.h"

#include <string.h>

#include "mapscope-summary.h"
#include "mapscope-units.h"

#define KIB_PER_MIB 1024
/* glibc's HEAP_MAX_SIZE on 64-bit: each malloc arena's heaps are reserved
 * at this size and alignment. */
#define ARENA_SIZE  (G_GUINT64_CONSTANT (64) * 1024 * 1024)

struct _MapscopeFindings
{
  GObject    parent_instance;

  GPtrArray *findings;   /* MapscopeFinding, most severe first */
};

G_DEFINE_FINAL_TYPE (MapscopeFindings, mapscope_findings, G_TYPE_OBJECT)

typedef struct
{
  MapscopeSnapshot               *snapshot;
  const MapscopeRegion           *regions;
  guint                           n_regions;
  const MapscopeFindingsSettings *settings;
  GPtrArray                      *findings;
} Checker;

static const char * const severity_names[MAPSCOPE_N_SEVERITIES] = {
  [MAPSCOPE_SEVERITY_INFO]     = "info",
  [MAPSCOPE_SEVERITY_WARNING]  = "warning",
  [MAPSCOPE_SEVERITY_CRITICAL] = "critical",
};

const char *
mapscope_severity_get_name (MapscopeSeverity severity)
{
  g_return_val_if_fail (severity < MAPSCOPE_N_SEVERITIES, NULL);
  return severity_names[severity];
}

void
mapscope_findings_settings_init (MapscopeFindingsSettings *settings)
{
  settings->anon_large_kb = 256 * KIB_PER_MIB;
  settings->anon_many_count = 1000;
  settings->heap_max_pieces = 128;
  settings->heap_small_piece_kb = 1 * KIB_PER_MIB;
  settings->heap_unresident_min_kb = 64 * KIB_PER_MIB;
  settings->heap_unresident_fraction = 0.5;
  settings->lib_layout_min_kb = 64;
  settings->private_dirty_min_kb = 16 * KIB_PER_MIB;
  settings->private_dirty_fraction = 0.9;
  settings->swap_fraction = 0.5;
  settings->swap_min_kb = 1 * KIB_PER_MIB;
  mapscope_leak_settings_init (&settings->leak);
}

static void
finding_free (gpointer data)
{
  MapscopeFinding *finding = data;

  g_free (finding->title);
  g_free (finding->explanation);
  g_free (finding->next_step);
  g_clear_object (&finding->snapshot);
  g_clear_pointer (&finding->regions, g_array_unref);
  g_clear_pointer (&finding->values, g_array_unref);
  g_free (finding);
}

/* Takes @title, @explanation and @next_step; @found (nullable) are the
 * indices of the regions involved. */
static MapscopeFinding *
add_finding (Checker          *checker,
             GArray           *found,
             const char       *id,
             MapscopeSeverity  severity,
             char             *title,
             char             *explanation,
             char             *next_step)
{
  MapscopeFinding *finding = g_new0 (MapscopeFinding, 1);

  finding->id = id;
  finding->severity = severity;
  finding->title = title;
  finding->explanation = explanation;
  finding->next_step = next_step;
  finding->snapshot = g_object_ref (checker->snapshot);
  finding->regions = g_array_new (FALSE, FALSE, sizeof (guint));
  finding->values = g_array_new (FALSE, FALSE, sizeof (MapscopeFindingValue));
  if (found != NULL)
    g_array_append_vals (finding->regions, found->data, found->len);
  g_ptr_array_add (checker->findings, finding);

  return finding;
}

static void
add_value (MapscopeFinding *finding,
           const char      *key,
           gint64           value)
{
  MapscopeFindingValue entry = { key, value };

  g_array_append_val (finding->values, entry);
}

static inline guint64
value_of (Checker              *checker,
          const MapscopeRegion *region,
          MapscopeField         field)
{
  return mapscope_snapshot_get_value_or_zero (checker->snapshot, region, field);
}

static inline guint64
size_kb (const MapscopeRegion *region)
{
  return mapscope_region_get_size (region) / 1024;
}

/* Resident anonymous memory: the Anonymous field, or RSS for inputs
 * without it (pmap -x), which for anonymous regions is the same. */
static guint64
resident_anonymous_kb (Checker              *checker,
                       const MapscopeRegion *region)
{
  if (mapscope_snapshot_has_field (checker->snapshot, MAPSCOPE_FIELD_ANONYMOUS))
    return value_of (checker, region, MAPSCOPE_FIELD_ANONYMOUS);
  return value_of (checker, region, MAPSCOPE_FIELD_RSS);
}

static gboolean
is_private_anonymous (const MapscopeRegion *region)
{
  return region->category == MAPSCOPE_CATEGORY_ANONYMOUS
         || region->category == MAPSCOPE_CATEGORY_HEAP;
}

/* "512 MiB" */
static const char *
kb_text (GPtrArray *keep,
         guint64    kb)
{
  char *text = mapscope_format_kb (kb);

  g_ptr_array_add (keep, text);
  return text;
}

static void
check_anon_large (Checker *checker)
{
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  MapscopeFinding *finding;
  guint64 total = 0;

  for (guint i = 0; i < checker->n_regions; i++)
    {
      const MapscopeRegion *region = &checker->regions[i];
      guint64 resident;

      if (!is_private_anonymous (region))
        continue;
      resident = resident_anonymous_kb (checker, region);
      if (resident < checker->settings->anon_large_kb)
        continue;
      g_array_append_val (found, i);
      total += resident;
    }
  if (found->len == 0)
    return;

  finding = add_finding (
    checker, found, "anon-large", MAPSCOPE_SEVERITY_WARNING,
    found->len == 1
      ? g_strdup_printf ("One anonymous region holds %s of memory", kb_text (texts, total))
      : g_strdup_printf ("%u anonymous regions hold %s of memory", found->len, kb_text (texts, total)),
    g_strdup_printf ("Anonymous memory is memory the program asked for (with malloc, new or "
                     "mmap) and then wrote to; no file stands behind it. Here %s of it, really "
                     "in use rather than merely reserved, sits in %s of %s or more. That is a "
                     "lot for single blocks, and it belongs to this process alone.",
                     kb_text (texts, total),
                     found->len == 1 ? "one region" : "regions",
                     kb_text (texts, checker->settings->anon_large_kb)),
    g_strdup ("Find out what allocates it: compare with how much memory the program should "
              "need, and if it keeps growing, take snapshots a few seconds apart "
              "(a timeline) and profile allocations with heaptrack or valgrind --tool=massif."));
  add_value (finding, "resident_anonymous_kb", (gint64) total);
  add_value (finding, "threshold_kb", (gint64) checker->settings->anon_large_kb);
}

static void
check_anon_many (Checker *checker)
{
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (guint));
  MapscopeFinding *finding;

  for (guint i = 0; i < checker->n_regions; i++)
    {
      if (checker->regions[i].category == MAPSCOPE_CATEGORY_ANONYMOUS)
        g_array_append_val (found, i);
    }
  if (found->len <= checker->settings->anon_many_count)
    return;

  finding = add_finding (
    checker, found, "anon-many", MAPSCOPE_SEVERITY_WARNING,
    g_strdup_printf ("%u separate anonymous memory regions", found->len),
    g_strdup_printf ("The process has %u anonymous regions, more than %u. Each one is a separate "
                     "block of memory the program mapped; so many usually means an allocator "
                     "that maps many small blocks one by one, or memory that is mapped and never "
                     "unmapped. The kernel allows a limited number of mappings per process "
                     "(vm.max_map_count), and long maps make fork and page faults slower.",
                     found->len, checker->settings->anon_many_count),
    g_strdup ("Take a timeline to see whether the count keeps growing, and look for mmap calls "
              "without a matching munmap, e.g. with `strace -e trace=mmap,munmap -p PID`."));
  add_value (finding, "anonymous_regions", found->len);
  add_value (finding, "threshold", checker->settings->anon_many_count);
}

/* A heap of a malloc arena other than the main one: read-write at a 64 MiB
 * boundary, the rest of its 64 MiB reservation kept inaccessible. */
static gboolean
is_arena_heap (Checker *checker,
               guint    index)
{
  const MapscopeRegion *region = &checker->regions[index];
  const MapscopeRegion *next;

  if (region->category != MAPSCOPE_CATEGORY_ANONYMOUS
      || region->perms != (MAPSCOPE_PERM_READ | MAPSCOPE_PERM_WRITE)
      || region->start % ARENA_SIZE != 0)
    return FALSE;
  if (mapscope_region_get_size (region) == ARENA_SIZE)
    return TRUE;
  if (index + 1 >= checker->n_regions)
    return FALSE;
  next = &checker->regions[index + 1];
  return next->category == MAPSCOPE_CATEGORY_GUARD && next->start == region->end
         && next->end == region->start + ARENA_SIZE;
}

static void
check_heap_fragmented (Checker *checker)
{
  const MapscopeFindingsSettings *settings = checker->settings;
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  MapscopeFinding *finding;
  guint small = 0;
  guint64 total = 0;
  guint64 resident = 0;
  gboolean many;
  gboolean holes;

  for (guint i = 0; i < checker->n_regions; i++)
    {
      const MapscopeRegion *region = &checker->regions[i];

      if (region->category != MAPSCOPE_CATEGORY_HEAP && !is_arena_heap (checker, i))
        continue;
      g_array_append_val (found, i);
      total += size_kb (region);
      resident += value_of (checker, region, MAPSCOPE_FIELD_RSS)
                  + value_of (checker, region, MAPSCOPE_FIELD_SWAP);
      if (size_kb (region) < settings->heap_small_piece_kb)
        small++;
    }

  many = small >= settings->heap_max_pieces;
  holes = mapscope_snapshot_has_field (checker->snapshot, MAPSCOPE_FIELD_RSS)
          && total >= settings->heap_unresident_min_kb
          && (gdouble) (total - MIN (resident, total)) >= settings->heap_unresident_fraction * total;
  if (!many && !holes)
    return;

  finding = add_finding (
    checker, found, "heap-fragmented", MAPSCOPE_SEVERITY_WARNING,
    many
      ? g_strdup_printf ("The heap is split into %u small pieces", small)
      : g_strdup_printf ("The heap is mostly holes: %s of %s in memory",
                         kb_text (texts, resident), kb_text (texts, total)),
    g_strdup_printf ("The heap is where malloc keeps small allocations; with threads it also "
                     "uses extra areas called arenas. Here it spans %u regions and %s, of "
                     "which %s is in memory. %s Fragmented heaps waste memory: freed blocks "
                     "cannot be given back while live ones sit between them.",
                     found->len, kb_text (texts, total), kb_text (texts, resident),
                     many ? "That is many small pieces, each with its own bookkeeping."
                          : "Most of it is address space whose pages were given back or never "
                            "used, the mark of many allocations freed out of order."),
    g_strdup ("Profile allocations with heaptrack or valgrind --tool=massif; with many "
              "threads, try limiting arenas (MALLOC_ARENA_MAX=2) or another allocator "
              "(jemalloc, tcmalloc) and compare."));
  add_value (finding, "pieces", found->len);
  add_value (finding, "small_pieces", small);
  add_value (finding, "heap_size_kb", (gint64) total);
  add_value (finding, "heap_resident_kb", (gint64) resident);
}

/* One mapped library file and what identifies a copy of it. */
typedef struct
{
  const char *path;
  GArray     *regions;     /* guint */
  GString    *layout;      /* offsets, sizes and permissions of its segments */
  guint64     total_kb;
  guint       parent;      /* union-find */
  guint8      reasons;
} Image;

enum
{
  REASON_SAME_FILE   = 1 << 0,
  REASON_SAME_NAME   = 1 << 1,
  REASON_SAME_LAYOUT = 1 << 2,
};

static void
image_clear (gpointer data)
{
  Image *image = data;

  g_clear_pointer (&image->regions, g_array_unref);
  if (image->layout != NULL)
    g_string_free (image->layout, TRUE);
}

static guint
image_root (GArray *images,
            guint   index)
{
  while (g_array_index (images, Image, index).parent != index)
    index = g_array_index (images, Image, index).parent;
  return index;
}

/* Joins the images that share @key, marking them with @reason. @keys maps
 * a key (owned by the table) to the first image that had it. */
static void
join_by_key (GArray     *images,
             GHashTable *keys,
             char       *key,
             guint       index,
             guint8      reason)
{
  gpointer first;

  if (!g_hash_table_lookup_extended (keys, key, NULL, &first))
    {
      g_hash_table_insert (keys, key, GUINT_TO_POINTER (index));
      return;
    }
  g_free (key);
  g_array_index (images, Image, GPOINTER_TO_UINT (first)).reasons |= reason;
  g_array_index (images, Image, index).reasons |= reason;
  g_array_index (images, Image, image_root (images, index)).parent =
    image_root (images, GPOINTER_TO_UINT (first));
}

/* "libz.so" for ".../libz.so.1.2.13": the name without its version. */
static char *
library_stem (const char *path)
{
  const char *base = strrchr (path, '/');
  const char *so;

  base = base != NULL ? base + 1 : path;
  so = strstr (base, ".so");
  while (so != NULL && so[3] != '\0' && so[3] != '.')
    so = strstr (so + 3, ".so");
  return so != NULL ? g_strndup (base, so + 3 - base) : g_strdup (base);
}

static GArray *
collect_images (Checker *checker)
{
  GArray *images = g_array_new (FALSE, TRUE, sizeof (Image));
  g_autoptr(GHashTable) by_path = g_hash_table_new (NULL, NULL);

  g_array_set_clear_func (images, image_clear);
  for (guint i = 0; i < checker->n_regions; i++)
    {
      const MapscopeRegion *region = &checker->regions[i];
      gpointer slot;
      Image *image;

      if (region->category != MAPSCOPE_CATEGORY_LIBRARY || region->path == NULL)
        continue;
      if (!g_hash_table_lookup_extended (by_path, region->path, NULL, &slot))
        {
          Image fresh = { region->path, g_array_new (FALSE, FALSE, sizeof (guint)),
                          g_string_new (NULL), 0, images->len, 0 };

          slot = GUINT_TO_POINTER (images->len);
          g_array_append_val (images, fresh);
          g_hash_table_insert (by_path, (gpointer) region->path, slot);
        }
      image = &g_array_index (images, Image, GPOINTER_TO_UINT (slot));
      g_array_append_val (image->regions, i);
      image->total_kb += size_kb (region);
      g_string_append_printf (image->layout, "%" G_GINT64_MODIFIER "x+%" G_GINT64_MODIFIER "x/%u;",
                              region->offset, mapscope_region_get_size (region), region->perms);
    }

  return images;
}

static void
join_duplicate_images (Checker *checker,
                       GArray  *images)
{
  g_autoptr(GHashTable) files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) dirs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) layouts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < images->len; i++)
    {
      Image *image = &g_array_index (images, Image, i);
      const MapscopeRegion *first = &checker->regions[g_array_index (image->regions, guint, 0)];
      const char *slash = strrchr (image->path, '/');
      g_autofree char *stem = library_stem (image->path);

      if ((first->flags & MAPSCOPE_REGION_HAS_OFFSET) && first->inode != 0)
        join_by_key (images, files,
                     g_strdup_printf ("%u:%" G_GUINT64_FORMAT, first->device, first->inode),
                     i, REASON_SAME_FILE);
      /* the same name twice in one directory is two versions side by side,
       * not a copy: only the first of a directory takes part */
      if (slash != NULL
          && g_hash_table_add (dirs, g_strdup_printf ("%.*s/%s", (int) (slash - image->path),
                                                      image->path, stem)))
        join_by_key (images, names, g_steal_pointer (&stem), i, REASON_SAME_NAME);
      if (image->regions->len >= 2 && image->total_kb >= checker->settings->lib_layout_min_kb)
        join_by_key (images, layouts, g_strdup (image->layout->str), i, REASON_SAME_LAYOUT);
    }
}

static char *
describe_reasons (guint8 reasons)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();

  if (reasons & REASON_SAME_FILE)
    g_ptr_array_add (parts, (gpointer) "they are the same file under different names");
  if (reasons & REASON_SAME_NAME)
    g_ptr_array_add (parts, (gpointer) "they have the same library name in different directories");
  if (reasons & REASON_SAME_LAYOUT)
    g_ptr_array_add (parts, (gpointer) "their segments have exactly the same offsets and sizes, "
                                       "as copies of one file do");
  g_ptr_array_add (parts, NULL);
  return g_strjoinv ("; ", (char **) parts->pdata);
}

static gint
compare_uint (gconstpointer a,
              gconstpointer b)
{
  guint x = *(const guint *) a;
  guint y = *(const guint *) b;

  return (x > y) - (x < y);
}

static void
report_duplicate_group (Checker *checker,
                        GArray  *images,
                        guint    root)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new ();
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *stem = NULL;
  g_autofree char *reasons_text = NULL;
  g_autofree char *path_list = NULL;
  MapscopeFinding *finding;
  guint8 reasons = 0;

  for (guint i = 0; i < images->len; i++)
    {
      Image *image = &g_array_index (images, Image, i);
      g_autofree char *image_stem = NULL;

      if (image_root (images, i) != root)
        continue;
      g_ptr_array_add (paths, (gpointer) image->path);
      /* the shortest name is the likeliest original: libz.so, not libz-copy.so */
      image_stem = library_stem (image->path);
      if (stem == NULL || strlen (image_stem) < strlen (stem))
        {
          g_free (stem);
          stem = g_steal_pointer (&image_stem);
        }
      g_array_append_vals (found, image->regions->data, image->regions->len);
      reasons |= image->reasons;
    }
  g_ptr_array_add (paths, NULL);
  g_array_sort (found, compare_uint);
  reasons_text = describe_reasons (reasons);
  path_list = g_strjoinv (" and ", (char **) paths->pdata);

  finding = add_finding (
    checker, found, "lib-duplicate", MAPSCOPE_SEVERITY_WARNING,
    paths->len - 1 == 2 ? g_strdup_printf ("%s is loaded twice", stem)
                        : g_strdup_printf ("%s is loaded %u times", stem, paths->len - 1),
    g_strdup_printf ("The same library seems to be loaded more than once: %s (%s). Each copy "
                     "has its own code, data and global state, so memory is spent twice, and "
                     "objects made by one copy can reach the other, a classic cause of odd "
                     "crashes.", path_list, reasons_text),
    g_strdup ("Find out who loads each copy: run the program with LD_DEBUG=libs, check "
              "LD_LIBRARY_PATH, RPATH/RUNPATH (readelf -d) and dlopen calls, and make every user "
              "load the same file."));
  add_value (finding, "copies", paths->len - 1);
}

static void
check_lib_duplicate (Checker *checker)
{
  g_autoptr(GArray) images = collect_images (checker);

  join_duplicate_images (checker, images);
  for (guint i = 0; i < images->len; i++)
    {
      if (image_root (images, i) == i && g_array_index (images, Image, i).reasons != 0)
        report_duplicate_group (checker, images, i);
    }
}

static void
check_private_dirty (Checker *checker)
{
  const MapscopeFindingsSettings *settings = checker->settings;
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  MapscopeFinding *finding;
  guint64 dirty = 0;

  if (!mapscope_snapshot_has_field (checker->snapshot, MAPSCOPE_FIELD_PRIVATE_DIRTY))
    return;
  for (guint i = 0; i < checker->n_regions; i++)
    {
      const MapscopeRegion *region = &checker->regions[i];
      guint64 value = value_of (checker, region, MAPSCOPE_FIELD_PRIVATE_DIRTY);

      if (size_kb (region) < settings->private_dirty_min_kb
          || value < settings->private_dirty_fraction * size_kb (region))
        continue;
      g_array_append_val (found, i);
      dirty += value;
    }
  if (found->len == 0)
    return;

  finding = add_finding (
    checker, found, "private-dirty-high", MAPSCOPE_SEVERITY_INFO,
    g_strdup_printf ("%s of memory only this process wrote", kb_text (texts, dirty)),
    g_strdup_printf ("%u region%s of %s or more %s almost entirely private dirty memory: pages "
                     "this process changed and shares with no one. The system cannot simply "
                     "drop them when memory runs short, only move them to swap. That is normal "
                     "for a busy heap, and worth knowing when the process uses more memory than "
                     "expected.",
                     found->len, found->len == 1 ? "" : "s",
                     kb_text (texts, settings->private_dirty_min_kb),
                     found->len == 1 ? "is" : "are"),
    g_strdup ("If that much memory is not expected, find what fills these regions: compare "
              "their addresses with your allocator's or runtime's statistics, or profile with "
              "heaptrack."));
  add_value (finding, "private_dirty_kb", (gint64) dirty);
}

static gboolean
mostly_swapped (const MapscopeFindingsSettings *settings,
                guint64                         rss,
                guint64                         swap)
{
  return swap >= settings->swap_min_kb && swap >= settings->swap_fraction * (rss + swap);
}

static void
check_swap (Checker *checker)
{
  g_autoptr(MapscopeSummary) summary = NULL;
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  const MapscopeTotals *totals;
  MapscopeFinding *finding;
  gboolean process;
  guint64 swapped = 0;

  if (!mapscope_snapshot_has_field (checker->snapshot, MAPSCOPE_FIELD_SWAP))
    return;
  summary = mapscope_summary_new (checker->snapshot);
  totals = mapscope_summary_get_totals (summary);
  process = mostly_swapped (checker->settings, totals->values[MAPSCOPE_FIELD_RSS],
                            totals->values[MAPSCOPE_FIELD_SWAP]);

  for (guint i = 0; i < checker->n_regions; i++)
    {
      const MapscopeRegion *region = &checker->regions[i];
      guint64 swap = value_of (checker, region, MAPSCOPE_FIELD_SWAP);

      if (!mostly_swapped (checker->settings, value_of (checker, region, MAPSCOPE_FIELD_RSS), swap))
        continue;
      g_array_append_val (found, i);
      swapped += swap;
    }
  if (!process && found->len == 0)
    return;

  finding = add_finding (
    checker, found, "swap-high", MAPSCOPE_SEVERITY_WARNING,
    process
      ? g_strdup_printf ("Half or more of the process is in swap (%s)",
                         kb_text (texts, totals->values[MAPSCOPE_FIELD_SWAP]))
      : g_strdup_printf ("%s of memory is mostly in swap", kb_text (texts, swapped)),
    g_strdup_printf ("Swapped memory was written out to disk because the system ran short of "
                     "memory. %s Touching it again means waiting for the disk, so the program "
                     "can stall for a moment each time.",
                     process ? "Half or more of this process's memory is out there."
                             : "Some regions of this process are mostly out there."),
    g_strdup ("Check the machine's memory pressure (free -h, vmstat 1, "
              "/proc/pressure/memory). If this memory is just idle, it may be fine; otherwise "
              "give the system more memory or make the program use less."));
  add_value (finding, "swap_kb", (gint64) totals->values[MAPSCOPE_FIELD_SWAP]);
  add_value (finding, "rss_kb", (gint64) totals->values[MAPSCOPE_FIELD_RSS]);
}

typedef gboolean (*RegionTest) (const MapscopeRegion *region);

static gboolean
is_writable_executable (const MapscopeRegion *region)
{
  return (region->perms & MAPSCOPE_PERM_WRITE) && (region->perms & MAPSCOPE_PERM_EXEC)
         && region->category != MAPSCOPE_CATEGORY_KERNEL;
}

/* Executable with no file on disk behind it; the kernel's own [vdso] and
 * [vsyscall] are not. */
static gboolean
is_executable_anonymous (const MapscopeRegion *region)
{
  return (region->perms & MAPSCOPE_PERM_EXEC) && region->category != MAPSCOPE_CATEGORY_KERNEL
         && (mapscope_region_is_anonymous (region)
             || region->category == MAPSCOPE_CATEGORY_SHARED_MEMORY);
}

/* Shared memory always reads "(deleted)": /dev/zero, SysV and memfd. */
static gboolean
is_deleted_file (const MapscopeRegion *region)
{
  return (region->flags & MAPSCOPE_REGION_DELETED)
         && region->category != MAPSCOPE_CATEGORY_SHARED_MEMORY;
}

static gboolean
is_code (const MapscopeRegion *region)
{
  return (region->perms & MAPSCOPE_PERM_EXEC)
         || region->category == MAPSCOPE_CATEGORY_EXECUTABLE
         || region->category == MAPSCOPE_CATEGORY_LIBRARY;
}

static gboolean
is_deleted_code (const MapscopeRegion *region)
{
  return is_deleted_file (region) && is_code (region);
}

static gboolean
is_deleted_data (const MapscopeRegion *region)
{
  return is_deleted_file (region) && !is_code (region);
}

/* The checks that only list the regions passing a test. */
typedef struct
{
  const char       *id;
  MapscopeSeverity  severity;
  RegionTest        test;
  const char       *title;        /* with %u, the number of regions */
  const char       *explanation;
  const char       *next_step;
} RegionRule;

static const RegionRule region_rules[] = {
  { "wx-mapping", MAPSCOPE_SEVERITY_WARNING, is_writable_executable,
    "Writable and executable memory (regions: %u)",
    "Memory that can be written and run at the same time lets any bug that writes memory turn "
    "into running an attacker's code. Modern systems keep code read-only; some JIT compilers "
    "and old libraries still ask for such memory.",
    "Find which library or runtime maps it (look at the neighbouring regions); update it, or "
    "switch its JIT to a W^X mode if it has one. Tools like `scanelf -qT` find libraries that "
    "need writable code." },
  { "exec-anonymous", MAPSCOPE_SEVERITY_INFO, is_executable_anonymous,
    "Executable memory with no file behind it (regions: %u)",
    "Code normally comes from the program's and libraries' files. These regions run code that "
    "was generated in memory: expected from a JIT compiler (Java, JavaScript, .NET, LuaJIT, "
    "PyPy), unexpected in an ordinary C program, where it can mean injected code.",
    "If the program has no JIT, find what created the regions (their neighbours, "
    "`strace -e trace=mmap,mprotect`) and check the machine for tampering." },
  { "deleted-file", MAPSCOPE_SEVERITY_WARNING, is_deleted_code,
    "The process runs code from a file that was deleted or replaced (regions: %u)",
    "A program or library file this process uses was deleted or replaced on disk after it was "
    "loaded, typically by a package update. The process keeps running the old code, so it "
    "misses the update (security fixes included), and the old file keeps using disk space "
    "until the process ends.",
    "Restart the process to pick up the new files; `needrestart` or `lsof +L1` lists the "
    "processes in the same state." },
  { "deleted-file", MAPSCOPE_SEVERITY_INFO, is_deleted_data,
    "A deleted file is still mapped (regions: %u)",
    "The process maps a data file that was deleted or replaced on disk. It still sees the old "
    "contents, and the disk space is not freed until the mapping is gone or the process ends.",
    "If the disk space matters, restart the process or have it reopen the file; `lsof +L1` "
    "shows such files." },
};

static void
check_region_rules (Checker *checker)
{
  for (guint r = 0; r < G_N_ELEMENTS (region_rules); r++)
    {
      const RegionRule *rule = &region_rules[r];
      g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (guint));

      for (guint i = 0; i < checker->n_regions; i++)
        {
          if (rule->test (&checker->regions[i]))
            g_array_append_val (found, i);
        }
      if (found->len > 0)
        add_finding (checker, found, rule->id, rule->severity,
                     g_strdup_printf (rule->title, found->len),
                     g_strdup (rule->explanation), g_strdup (rule->next_step));
    }
}

typedef void (*Check) (Checker *checker);

static const Check snapshot_checks[] = {
  check_anon_large,
  check_anon_many,
  check_heap_fragmented,
  check_lib_duplicate,
  check_private_dirty,
  check_swap,
  check_region_rules,
};

static char *
rate_text (const MapscopeLeakSuspect *suspect)
{
  g_autofree char *amount = mapscope_format_kb ((guint64) (suspect->rate + 0.5));

  return g_strdup_printf ("%s %s", amount, suspect->per_second ? "per second" : "per snapshot");
}

/* The regions of @category that are larger at the end than at their start. */
static void
add_growing_regions (MapscopeFinding          *finding,
                     MapscopeTimelineAnalysis *timeline,
                     MapscopeCategory          category,
                     MapscopeSeriesValue       value)
{
  guint last = mapscope_timeline_analysis_get_n_snapshots (timeline) - 1;

  for (guint i = 0; i < mapscope_timeline_analysis_get_n_series (timeline); i++)
    {
      const MapscopeSeries *series = mapscope_timeline_analysis_get_series (timeline, i);

      if (series->last == last && series->category == category
          && mapscope_series_get_value (series, last, value)
             > mapscope_series_get_value (series, series->first, value))
        g_array_append_val (finding->regions, series->region_index);
    }
}

static void
add_leak_finding (Checker                   *checker,
                  MapscopeTimelineAnalysis  *timeline,
                  const MapscopeLeakSuspect *suspect)
{
  const MapscopeSeries *series = suspect->series;
  gboolean is_region = series->kind == MAPSCOPE_SERIES_REGION;
  g_autofree char *growth = mapscope_format_kb (suspect->last_kb - suspect->first_kb);
  g_autofree char *from = mapscope_format_kb (suspect->first_kb);
  g_autofree char *to = mapscope_format_kb (suspect->last_kb);
  g_autofree char *rate = rate_text (suspect);
  const MapscopeRegion *region = mapscope_snapshot_get_region (checker->snapshot, series->region_index);
  g_autofree char *what = is_region
    ? g_strdup_printf ("The %s region at 0x%" G_GINT64_MODIFIER "x",
                       mapscope_category_get_name (series->category), region->start)
    : g_strdup_printf ("All %s memory", mapscope_category_get_name (series->category));
  const char *memory = suspect->value == MAPSCOPE_SERIES_ANONYMOUS ? "anonymous memory" : "RSS";
  MapscopeFinding *finding;

  finding = add_finding (
    checker, NULL, "leak-growth",
    suspect->rising_steps == suspect->n_steps ? MAPSCOPE_SEVERITY_CRITICAL : MAPSCOPE_SEVERITY_WARNING,
    g_strdup_printf ("%s keeps growing: +%s (%s)", what, growth, rate),
    g_strdup_printf ("Across %u snapshots, its %s rose in %u of %u steps, from %s to %s, about "
                     "%s. Memory that only ever grows is the typical sign of a leak: something "
                     "allocates and never frees, and the process will keep growing until it "
                     "is restarted or runs out of memory.",
                     suspect->n_steps + 1, memory, suspect->rising_steps, suspect->n_steps,
                     from, to, rate),
    g_strdup ("Look for allocations that are never freed: run the program under heaptrack or "
              "valgrind --tool=massif (or the runtime's own tool, such as Python's "
              "tracemalloc), and compare heap profiles taken a while apart."));

  if (is_region)
    g_array_append_val (finding->regions, series->region_index);
  else
    add_growing_regions (finding, timeline, series->category, suspect->value);
  add_value (finding, "growth_kb", (gint64) (suspect->last_kb - suspect->first_kb));
  add_value (finding, suspect->per_second ? "kb_per_second" : "kb_per_snapshot",
             (gint64) (suspect->rate + 0.5));
  add_value (finding, "rising_steps", suspect->rising_steps);
  add_value (finding, "steps", suspect->n_steps);
}

/* A category suspect tells nothing new when one region suspect explains
 * half or more of its growth. */
static gboolean
explained_by_region (GArray                    *suspects,
                     const MapscopeLeakSuspect *category)
{
  guint64 growth = category->last_kb - category->first_kb;

  for (guint i = 0; i < suspects->len; i++)
    {
      const MapscopeLeakSuspect *other = &g_array_index (suspects, MapscopeLeakSuspect, i);

      if (other->series->kind == MAPSCOPE_SERIES_REGION
          && other->series->category == category->series->category
          && (other->last_kb - other->first_kb) * 2 >= growth)
        return TRUE;
    }
  return FALSE;
}

static void
check_leaks (Checker                  *checker,
             MapscopeTimelineAnalysis *timeline)
{
  g_autoptr(GArray) suspects = mapscope_timeline_analysis_find_leaks (timeline,
                                                                      &checker->settings->leak);

  for (guint i = 0; i < suspects->len; i++)
    {
      const MapscopeLeakSuspect *suspect = &g_array_index (suspects, MapscopeLeakSuspect, i);

      if (suspect->series->kind == MAPSCOPE_SERIES_REGION || !explained_by_region (suspects, suspect))
        add_leak_finding (checker, timeline, suspect);
    }
}

static gint
compare_severity (gconstpointer pa,
                  gconstpointer pb)
{
  const MapscopeFinding *a = *(const MapscopeFinding * const *) pa;
  const MapscopeFinding *b = *(const MapscopeFinding * const *) pb;

  return (int) b->severity - (int) a->severity;
}

static MapscopeFindings *
run_checks (MapscopeSnapshot               *snapshot,
            MapscopeTimelineAnalysis       *timeline,
            const MapscopeFindingsSettings *settings)
{
  MapscopeFindings *self = g_object_new (MAPSCOPE_TYPE_FINDINGS, NULL);
  MapscopeFindingsSettings defaults;
  Checker checker;

  if (settings == NULL)
    {
      mapscope_findings_settings_init (&defaults);
      settings = &defaults;
    }

  checker.snapshot = snapshot;
  checker.regions = mapscope_snapshot_get_regions (snapshot, &checker.n_regions);
  checker.settings = settings;
  checker.findings = self->findings;

  if (timeline != NULL)
    check_leaks (&checker, timeline);
  for (guint i = 0; i < G_N_ELEMENTS (snapshot_checks); i++)
    snapshot_checks[i] (&checker);

  /* a stable sort: checks keep their order within a severity */
  g_ptr_array_sort (self->findings, compare_severity);
  return self;
}

/**
 * mapscope_findings_new:
 * @settings: (nullable): the thresholds, or %NULL for the defaults
 *
 * Returns: (transfer full): the findings of @snapshot
 */
MapscopeFindings *
mapscope_findings_new (MapscopeSnapshot               *snapshot,
                       const MapscopeFindingsSettings *settings)
{
  g_return_val_if_fail (MAPSCOPE_IS_SNAPSHOT (snapshot), NULL);
  return run_checks (snapshot, NULL, settings);
}

/**
 * mapscope_findings_new_for_timeline:
 * @settings: (nullable): the thresholds, or %NULL for the defaults
 *
 * The findings of the last snapshot of @timeline, and its leak suspects.
 *
 * Returns: (transfer full): the findings
 */
MapscopeFindings *
mapscope_findings_new_for_timeline (MapscopeTimelineAnalysis       *timeline,
                                    const MapscopeFindingsSettings *settings)
{
  guint n_snapshots;

  g_return_val_if_fail (MAPSCOPE_IS_TIMELINE_ANALYSIS (timeline), NULL);
  n_snapshots = mapscope_timeline_analysis_get_n_snapshots (timeline);
  g_return_val_if_fail (n_snapshots > 0, NULL);

  return run_checks (mapscope_timeline_analysis_get_snapshot (timeline, n_snapshots - 1),
                     n_snapshots > 1 ? timeline : NULL, settings);
}

static void
mapscope_findings_finalize (GObject *object)
{
  MapscopeFindings *self = MAPSCOPE_FINDINGS (object);

  g_clear_pointer (&self->findings, g_ptr_array_unref);

  G_OBJECT_CLASS (mapscope_findings_parent_class)->finalize (object);
}

static void
mapscope_findings_class_init (MapscopeFindingsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mapscope_findings_finalize;
}

static void
mapscope_findings_init (MapscopeFindings *self)
{
  self->findings = g_ptr_array_new_with_free_func (finding_free);
}

guint
mapscope_findings_get_n_findings (MapscopeFindings *self)
{
  g_return_val_if_fail (MAPSCOPE_IS_FINDINGS (self), 0);
  return self->findings->len;
}

/**
 * mapscope_findings_get_finding:
 *
 * Returns: (transfer none): finding @index; the most severe come first
 */
const MapscopeFinding *
mapscope_findings_get_finding (MapscopeFindings *self,
                               guint             index)
{
  g_return_val_if_fail (MAPSCOPE_IS_FINDINGS (self), NULL);
  g_return_val_if_fail (index < self->findings->len, NULL);
  return g_ptr_array_index (self->findings, index);
}

/**
 * mapscope_findings_lookup:
 *
 * Returns: (transfer none) (nullable): the first finding with @id
 */
const MapscopeFinding *
mapscope_findings_lookup (MapscopeFindings *self,
                          const char       *id)
{
  g_return_val_if_fail (MAPSCOPE_IS_FINDINGS (self), NULL);

  for (guint i = 0; i < self->findings->len; i++)
    {
      const MapscopeFinding *finding = g_ptr_array_index (self->findings, i);

      if (g_str_equal (finding->id, id))
        return finding;
    }
  return NULL;
}

/* The number of findings of @severity or above. */
guint
mapscope_findings_count_severity (MapscopeFindings *self,
                                  MapscopeSeverity  severity)
{
  guint count = 0;

  g_return_val_if_fail (MAPSCOPE_IS_FINDINGS (self), 0);

  for (guint i = 0; i < self->findings->len; i++)
    {
      const MapscopeFinding *finding = g_ptr_array_index (self->findings, i);

      if (finding->severity >= severity)
        count++;
    }
  return count;
}
