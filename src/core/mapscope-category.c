/* mapscope-category.c: names of categories and of the rules that pick them
 *
 * Labels and rule descriptions are marked N_() for xgettext: the core does
 * not translate, the application does when it shows them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <glib/gi18n.h>

#include "mapscope-category.h"

static const struct
{
  const char *name;
  const char *label;
} categories[MAPSCOPE_N_CATEGORIES] = {
  [MAPSCOPE_CATEGORY_EXECUTABLE]    = { "executable", N_("Executable") },
  [MAPSCOPE_CATEGORY_LIBRARY]       = { "library", N_("Library") },
  [MAPSCOPE_CATEGORY_FILE]          = { "file", N_("Mapped file") },
  [MAPSCOPE_CATEGORY_HEAP]          = { "heap", N_("Heap") },
  [MAPSCOPE_CATEGORY_STACK]         = { "stack", N_("Stack") },
  [MAPSCOPE_CATEGORY_THREAD_STACK]  = { "thread-stack", N_("Thread stack") },
  [MAPSCOPE_CATEGORY_ANONYMOUS]     = { "anonymous", N_("Anonymous") },
  [MAPSCOPE_CATEGORY_SHARED_MEMORY] = { "shared-memory", N_("Shared memory") },
  [MAPSCOPE_CATEGORY_GUARD]         = { "guard", N_("Guard") },
  [MAPSCOPE_CATEGORY_KERNEL]        = { "kernel", N_("Kernel") },
  [MAPSCOPE_CATEGORY_DEVICE]        = { "device", N_("Device") },
  [MAPSCOPE_CATEGORY_HUGETLB]       = { "hugetlb", N_("Huge pages") },
};

static const char *rules[MAPSCOPE_N_RULES] = {
  [MAPSCOPE_RULE_NONE] = N_("not categorised"),
  [MAPSCOPE_RULE_EXECUTABLE_FROM_COMMAND] = N_("the file has the name of the process's command"),
  [MAPSCOPE_RULE_EXECUTABLE_LOWEST_FILE] =
    N_("the lowest-addressed mapped file with an executable segment is the program itself"),
  [MAPSCOPE_RULE_LIBRARY_NAME] = N_("the file name is that of a shared object (.so)"),
  [MAPSCOPE_RULE_FILE_MAPPING] =
    N_("a mapped file that is neither the program nor a shared object"),
  [MAPSCOPE_RULE_HEAP_NAME] = N_("the kernel names it [heap]: the brk heap used by malloc"),
  [MAPSCOPE_RULE_STACK_NAME] = N_("the kernel names it [stack]: the main thread's stack"),
  [MAPSCOPE_RULE_THREAD_STACK_ABOVE_GUARD] =
    N_("anonymous read-write memory directly above a no-access guard: "
       "a thread stack as glibc lays it out"),
  [MAPSCOPE_RULE_ANONYMOUS_UNNAMED] = N_("private memory with no file behind it"),
  [MAPSCOPE_RULE_ANONYMOUS_NAMED] =
    N_("anonymous memory the program named with PR_SET_VMA_ANON_NAME"),
  [MAPSCOPE_RULE_SHARED_ANON_NAMED] = N_("named shared anonymous memory ([anon_shmem:...])"),
  [MAPSCOPE_RULE_SHARED_DEV_ZERO] = N_("shared anonymous memory (a shared mapping of /dev/zero)"),
  [MAPSCOPE_RULE_SHARED_SYSV] = N_("a System V shared memory segment (shmget)"),
  [MAPSCOPE_RULE_SHARED_MEMFD] =
    N_("a memfd: anonymous memory with a file descriptor (memfd_create)"),
  [MAPSCOPE_RULE_SHARED_DEV_SHM] = N_("POSIX shared memory under /dev/shm (shm_open)"),
  [MAPSCOPE_RULE_SHARED_PMAP_SHMID] = N_("pmap names it by its System V shared memory id"),
  [MAPSCOPE_RULE_GUARD_NO_ACCESS] =
    N_("no access allowed and no file: a guard area or a reservation"),
  [MAPSCOPE_RULE_KERNEL_NAME] =
    N_("a mapping the kernel provides ([vdso], [vvar], [vsyscall], ...)"),
  [MAPSCOPE_RULE_DEVICE_FILE] = N_("a mapping of a device file under /dev"),
  [MAPSCOPE_RULE_HUGETLB_FLAG] = N_("its VmFlags include ht: backed by hugetlbfs huge pages"),
  [MAPSCOPE_RULE_HUGETLB_PAGE_SIZE] =
    N_("its kernel page size or hugetlb counters show hugetlbfs pages"),
  [MAPSCOPE_RULE_HUGETLB_PATH] = N_("a file on hugetlbfs"),
};

const char *
mapscope_category_get_name (MapscopeCategory category)
{
  g_return_val_if_fail (category < MAPSCOPE_N_CATEGORIES, "unknown");
  return categories[category].name;
}

const char *
mapscope_category_get_label (MapscopeCategory category)
{
  g_return_val_if_fail (category < MAPSCOPE_N_CATEGORIES, N_("Unknown"));
  return categories[category].label;
}

gboolean
mapscope_category_from_name (const char       *name,
                             MapscopeCategory *category)
{
  for (guint i = 0; i < MAPSCOPE_N_CATEGORIES; i++)
    {
      if (g_strcmp0 (categories[i].name, name) == 0)
        {
          if (category != NULL)
            *category = i;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
mapscope_category_rule_describe (MapscopeCategoryRule rule)
{
  g_return_val_if_fail (rule < MAPSCOPE_N_RULES, rules[MAPSCOPE_RULE_NONE]);
  return rules[rule];
}
