/* mapscope-category.h: what kind of memory a region is, and why we think so
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  MAPSCOPE_CATEGORY_EXECUTABLE,
  MAPSCOPE_CATEGORY_LIBRARY,
  MAPSCOPE_CATEGORY_FILE,
  MAPSCOPE_CATEGORY_HEAP,
  MAPSCOPE_CATEGORY_STACK,
  MAPSCOPE_CATEGORY_THREAD_STACK,
  MAPSCOPE_CATEGORY_ANONYMOUS,
  MAPSCOPE_CATEGORY_SHARED_MEMORY,
  MAPSCOPE_CATEGORY_GUARD,
  MAPSCOPE_CATEGORY_KERNEL,
  MAPSCOPE_CATEGORY_DEVICE,
  MAPSCOPE_CATEGORY_HUGETLB,
  MAPSCOPE_N_CATEGORIES
} MapscopeCategory;

/* The rule that chose a region's category, kept so the UI can explain it. */
typedef enum
{
  MAPSCOPE_RULE_NONE,
  MAPSCOPE_RULE_EXECUTABLE_FROM_COMMAND,
  MAPSCOPE_RULE_EXECUTABLE_LOWEST_FILE,
  MAPSCOPE_RULE_LIBRARY_NAME,
  MAPSCOPE_RULE_FILE_MAPPING,
  MAPSCOPE_RULE_HEAP_NAME,
  MAPSCOPE_RULE_STACK_NAME,
  MAPSCOPE_RULE_THREAD_STACK_ABOVE_GUARD,
  MAPSCOPE_RULE_ANONYMOUS_UNNAMED,
  MAPSCOPE_RULE_ANONYMOUS_NAMED,
  MAPSCOPE_RULE_SHARED_ANON_NAMED,
  MAPSCOPE_RULE_SHARED_DEV_ZERO,
  MAPSCOPE_RULE_SHARED_SYSV,
  MAPSCOPE_RULE_SHARED_MEMFD,
  MAPSCOPE_RULE_SHARED_DEV_SHM,
  MAPSCOPE_RULE_SHARED_PMAP_SHMID,
  MAPSCOPE_RULE_GUARD_NO_ACCESS,
  MAPSCOPE_RULE_KERNEL_NAME,
  MAPSCOPE_RULE_DEVICE_FILE,
  MAPSCOPE_RULE_HUGETLB_FLAG,
  MAPSCOPE_RULE_HUGETLB_PAGE_SIZE,
  MAPSCOPE_RULE_HUGETLB_PATH,
  MAPSCOPE_N_RULES
} MapscopeCategoryRule;

const char *mapscope_category_get_name        (MapscopeCategory      category);
const char *mapscope_category_get_label       (MapscopeCategory      category);
gboolean    mapscope_category_from_name       (const char           *name,
                                               MapscopeCategory     *category);
const char *mapscope_category_rule_describe   (MapscopeCategoryRule  rule);

G_END_DECLS
