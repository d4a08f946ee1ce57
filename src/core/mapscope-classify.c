/* mapscope-classify.c: gives every region of a snapshot its category
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "mapscope-snapshot-private.h"
#include "mapscope-vmflags.h"

static gboolean
has_prefix_len (const char *text,
                gsize       len,
                const char *prefix)
{
  gsize prefix_len = strlen (prefix);

  return len >= prefix_len && memcmp (text, prefix, prefix_len) == 0;
}

/* A shared object: "libc.so.6", "ld-linux-x86-64.so.2", "plugin.so". */
static gboolean
is_shared_object_name (const char *name,
                       gsize       len)
{
  for (gsize i = 0; i + 3 <= len; i++)
    {
      if (name[i] == '.' && name[i + 1] == 's' && name[i + 2] == 'o' &&
          (i + 3 == len || name[i + 3] == '.'))
        return TRUE;
    }

  return FALSE;
}

static gboolean
is_kernel_name (const char *path)
{
  static const char *names[] = {
    "[vdso]", "[vvar]", "[vvar_vclock]", "[vsyscall]", "[uprobes]", "[vectors]", "[sigpage]",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      if (strcmp (path, names[i]) == 0)
        return TRUE;
    }

  return FALSE;
}

static void
set_category (MapscopeRegion       *region,
              MapscopeCategory      category,
              MapscopeCategoryRule  rule)
{
  region->category = category;
  region->rule = rule;
}

static gboolean
classify_bracketed (MapscopeRegion *region)
{
  const char *path = region->path;
  gsize len = strlen (path);

  if (strcmp (path, "[heap]") == 0)
    set_category (region, MAPSCOPE_CATEGORY_HEAP, MAPSCOPE_RULE_HEAP_NAME);
  else if (strcmp (path, "[stack]") == 0 || has_prefix_len (path, len, "[stack:"))
    set_category (region, MAPSCOPE_CATEGORY_STACK, MAPSCOPE_RULE_STACK_NAME);
  else if (has_prefix_len (path, len, "[anon_shmem:"))
    set_category (region, MAPSCOPE_CATEGORY_SHARED_MEMORY, MAPSCOPE_RULE_SHARED_ANON_NAMED);
  else if (has_prefix_len (path, len, "[anon:"))
    set_category (region, MAPSCOPE_CATEGORY_ANONYMOUS, MAPSCOPE_RULE_ANONYMOUS_NAMED);
  else if (has_prefix_len (path, len, "[ shmid="))
    set_category (region, MAPSCOPE_CATEGORY_SHARED_MEMORY, MAPSCOPE_RULE_SHARED_PMAP_SHMID);
  else if (is_kernel_name (path))
    set_category (region, MAPSCOPE_CATEGORY_KERNEL, MAPSCOPE_RULE_KERNEL_NAME);
  else
    return FALSE;

  return TRUE;
}

static gboolean
classify_hugetlb (MapscopeRegion *region)
{
  if (mapscope_vmflags_test (region->vmflags, "ht"))
    set_category (region, MAPSCOPE_CATEGORY_HUGETLB, MAPSCOPE_RULE_HUGETLB_FLAG);
  else if ((mapscope_region_has_field (region, MAPSCOPE_FIELD_KERNEL_PAGE_SIZE) &&
            region->values[MAPSCOPE_FIELD_KERNEL_PAGE_SIZE] >= 2048) ||
           region->values[MAPSCOPE_FIELD_SHARED_HUGETLB] > 0 ||
           region->values[MAPSCOPE_FIELD_PRIVATE_HUGETLB] > 0)
    set_category (region, MAPSCOPE_CATEGORY_HUGETLB, MAPSCOPE_RULE_HUGETLB_PAGE_SIZE);
  else if (region->path != NULL &&
           (g_str_has_prefix (region->path, "/dev/hugepages") ||
            g_str_has_prefix (region->path, "/anon_hugepage")))
    set_category (region, MAPSCOPE_CATEGORY_HUGETLB, MAPSCOPE_RULE_HUGETLB_PATH);
  else
    return FALSE;

  return TRUE;
}

/* pmap -X and -XX print only the base name of the file: "zero (deleted)"
 * for /dev/zero, "SYSV00000000 (deleted)", "memfd:name (deleted)". */
static gboolean
classify_shared (MapscopeRegion *region)
{
  const char *path = region->path;
  gsize len = strlen (path);
  gboolean shared = (region->perms & MAPSCOPE_PERM_SHARED) != 0;

  if (has_prefix_len (path, len, "/dev/zero") ||
      (shared && has_prefix_len (path, len, "zero (deleted)")))
    set_category (region, MAPSCOPE_CATEGORY_SHARED_MEMORY, MAPSCOPE_RULE_SHARED_DEV_ZERO);
  else if (has_prefix_len (path, len, "/SYSV") || (shared && has_prefix_len (path, len, "SYSV")))
    set_category (region, MAPSCOPE_CATEGORY_SHARED_MEMORY, MAPSCOPE_RULE_SHARED_SYSV);
  else if (has_prefix_len (path, len, "/memfd:") || has_prefix_len (path, len, "memfd:"))
    set_category (region, MAPSCOPE_CATEGORY_SHARED_MEMORY, MAPSCOPE_RULE_SHARED_MEMFD);
  else if (has_prefix_len (path, len, "/dev/shm/"))
    set_category (region, MAPSCOPE_CATEGORY_SHARED_MEMORY, MAPSCOPE_RULE_SHARED_DEV_SHM);
  else
    return FALSE;

  return TRUE;
}

static void
classify_one (MapscopeRegion *region)
{
  gsize base_len;
  const char *base;

  if (classify_hugetlb (region))
    return;

  if (region->path == NULL)
    {
      if ((region->perms & (MAPSCOPE_PERM_READ | MAPSCOPE_PERM_WRITE | MAPSCOPE_PERM_EXEC)) == 0)
        set_category (region, MAPSCOPE_CATEGORY_GUARD, MAPSCOPE_RULE_GUARD_NO_ACCESS);
      else
        set_category (region, MAPSCOPE_CATEGORY_ANONYMOUS, MAPSCOPE_RULE_ANONYMOUS_UNNAMED);
      return;
    }

  if (region->path[0] == '[')
    {
      if (!classify_bracketed (region))
        set_category (region, MAPSCOPE_CATEGORY_KERNEL, MAPSCOPE_RULE_KERNEL_NAME);
      return;
    }

  if (classify_shared (region))
    return;

  if (g_str_has_prefix (region->path, "/dev/"))
    {
      set_category (region, MAPSCOPE_CATEGORY_DEVICE, MAPSCOPE_RULE_DEVICE_FILE);
      return;
    }

  base = mapscope_region_get_basename (region, &base_len);
  if (is_shared_object_name (base, base_len))
    set_category (region, MAPSCOPE_CATEGORY_LIBRARY, MAPSCOPE_RULE_LIBRARY_NAME);
  else
    set_category (region, MAPSCOPE_CATEGORY_FILE, MAPSCOPE_RULE_FILE_MAPPING);
}

static gboolean
is_plain_file (const MapscopeRegion *region)
{
  return region->category == MAPSCOPE_CATEGORY_FILE ||
         region->category == MAPSCOPE_CATEGORY_LIBRARY;
}

static const char *
find_executable_by_command (MapscopeRegion *regions,
                            guint           n_regions,
                            const char     *command)
{
  const char *program;
  const char *slash;
  gsize program_len;

  if (command == NULL || command[0] == '\0')
    return NULL;

  /* The first word of "./zoo --flag" or "/usr/bin/sleep 1000". */
  program_len = strcspn (command, " \t");
  program = command;
  slash = g_strrstr_len (command, program_len, "/");
  if (slash != NULL)
    {
      program_len -= (slash + 1) - program;
      program = slash + 1;
    }
  if (program_len == 0)
    return NULL;

  for (guint i = 0; i < n_regions; i++)
    {
      gsize base_len;
      const char *base;

      if (!is_plain_file (&regions[i]))
        continue;
      base = mapscope_region_get_basename (&regions[i], &base_len);
      if (base_len == program_len && memcmp (base, program, program_len) == 0)
        return regions[i].path;
    }

  return NULL;
}

static const char *
find_lowest_executable_file (MapscopeRegion *regions,
                             guint           n_regions)
{
  /* Regions are sorted, so the first executable segment's file is the
   * lowest-addressed such file, unless another mapping of the same file
   * starts lower, which does not change the answer. */
  for (guint i = 0; i < n_regions; i++)
    {
      if (is_plain_file (&regions[i]) && (regions[i].perms & MAPSCOPE_PERM_EXEC))
        return regions[i].path;
    }

  return NULL;
}

static void
mark_executable (MapscopeRegion       *regions,
                 guint                 n_regions,
                 const char           *path,
                 MapscopeCategoryRule  rule)
{
  /* Paths are interned per snapshot, so equal paths are equal pointers. */
  for (guint i = 0; i < n_regions; i++)
    {
      if (regions[i].path == path && is_plain_file (&regions[i]))
        set_category (&regions[i], MAPSCOPE_CATEGORY_EXECUTABLE, rule);
    }
}

static void
mark_thread_stacks (MapscopeRegion *regions,
                    guint           n_regions)
{
  for (guint i = 1; i < n_regions; i++)
    {
      MapscopeRegion *below = &regions[i - 1];
      MapscopeRegion *region = &regions[i];

      if (region->rule == MAPSCOPE_RULE_ANONYMOUS_UNNAMED &&
          (region->perms & (MAPSCOPE_PERM_READ | MAPSCOPE_PERM_WRITE | MAPSCOPE_PERM_SHARED)) ==
            (MAPSCOPE_PERM_READ | MAPSCOPE_PERM_WRITE) &&
          below->category == MAPSCOPE_CATEGORY_GUARD &&
          below->end == region->start)
        set_category (region, MAPSCOPE_CATEGORY_THREAD_STACK,
                      MAPSCOPE_RULE_THREAD_STACK_ABOVE_GUARD);
    }
}

void
_mapscope_categorize (MapscopeRegion  *regions,
                      guint            n_regions,
                      const char      *command,
                      const char     **executable)
{
  const char *path;

  for (guint i = 0; i < n_regions; i++)
    classify_one (&regions[i]);

  mark_thread_stacks (regions, n_regions);

  path = find_executable_by_command (regions, n_regions, command);
  if (path != NULL)
    {
      mark_executable (regions, n_regions, path, MAPSCOPE_RULE_EXECUTABLE_FROM_COMMAND);
    }
  else
    {
      path = find_lowest_executable_file (regions, n_regions);
      if (path != NULL)
        mark_executable (regions, n_regions, path, MAPSCOPE_RULE_EXECUTABLE_LOWEST_FILE);
    }

  *executable = path;
}
