/* mapscope-field.c: names and properties of the known fields
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <glib/gi18n.h>

#include "mapscope-field.h"

typedef struct
{
  const char *name;      /* as /proc/PID/smaps spells it */
  const char *json_key;
  const char *label;
  gboolean    additive;
} FieldInfo;

static const FieldInfo fields[MAPSCOPE_N_KNOWN_FIELDS] = {
  [MAPSCOPE_FIELD_SIZE]             = { "Size", "size_kb", N_("Size"), TRUE },
  [MAPSCOPE_FIELD_KERNEL_PAGE_SIZE] = { "KernelPageSize", "kernelpagesize_kb", N_("Kernel page size"), FALSE },
  [MAPSCOPE_FIELD_MMU_PAGE_SIZE]    = { "MMUPageSize", "mmupagesize_kb", N_("MMU page size"), FALSE },
  [MAPSCOPE_FIELD_RSS]              = { "Rss", "rss_kb", N_("RSS"), TRUE },
  [MAPSCOPE_FIELD_PSS]              = { "Pss", "pss_kb", N_("PSS"), TRUE },
  [MAPSCOPE_FIELD_PSS_DIRTY]        = { "Pss_Dirty", "pss_dirty_kb", N_("PSS dirty"), TRUE },
  [MAPSCOPE_FIELD_PSS_ANON]         = { "Pss_Anon", "pss_anon_kb", N_("PSS anonymous"), TRUE },
  [MAPSCOPE_FIELD_PSS_FILE]         = { "Pss_File", "pss_file_kb", N_("PSS file"), TRUE },
  [MAPSCOPE_FIELD_PSS_SHMEM]        = { "Pss_Shmem", "pss_shmem_kb", N_("PSS shared memory"), TRUE },
  [MAPSCOPE_FIELD_SHARED_CLEAN]     = { "Shared_Clean", "shared_clean_kb", N_("Shared clean"), TRUE },
  [MAPSCOPE_FIELD_SHARED_DIRTY]     = { "Shared_Dirty", "shared_dirty_kb", N_("Shared dirty"), TRUE },
  [MAPSCOPE_FIELD_PRIVATE_CLEAN]    = { "Private_Clean", "private_clean_kb", N_("Private clean"), TRUE },
  [MAPSCOPE_FIELD_PRIVATE_DIRTY]    = { "Private_Dirty", "private_dirty_kb", N_("Private dirty"), TRUE },
  [MAPSCOPE_FIELD_REFERENCED]       = { "Referenced", "referenced_kb", N_("Referenced"), TRUE },
  [MAPSCOPE_FIELD_ANONYMOUS]        = { "Anonymous", "anonymous_kb", N_("Anonymous"), TRUE },
  [MAPSCOPE_FIELD_KSM]              = { "KSM", "ksm_kb", N_("KSM"), TRUE },
  [MAPSCOPE_FIELD_LAZY_FREE]        = { "LazyFree", "lazyfree_kb", N_("Lazy free"), TRUE },
  [MAPSCOPE_FIELD_ANON_HUGE_PAGES]  = { "AnonHugePages", "anonhugepages_kb", N_("Anonymous huge pages"), TRUE },
  [MAPSCOPE_FIELD_SHMEM_PMD_MAPPED] = { "ShmemPmdMapped", "shmempmdmapped_kb", N_("Shmem PMD-mapped"), TRUE },
  [MAPSCOPE_FIELD_FILE_PMD_MAPPED]  = { "FilePmdMapped", "filepmdmapped_kb", N_("File PMD-mapped"), TRUE },
  [MAPSCOPE_FIELD_SHARED_HUGETLB]   = { "Shared_Hugetlb", "shared_hugetlb_kb", N_("Shared hugetlb"), TRUE },
  [MAPSCOPE_FIELD_PRIVATE_HUGETLB]  = { "Private_Hugetlb", "private_hugetlb_kb", N_("Private hugetlb"), TRUE },
  [MAPSCOPE_FIELD_SWAP]             = { "Swap", "swap_kb", N_("Swap"), TRUE },
  [MAPSCOPE_FIELD_SWAP_PSS]         = { "SwapPss", "swappss_kb", N_("Swap PSS"), TRUE },
  [MAPSCOPE_FIELD_LOCKED]           = { "Locked", "locked_kb", N_("Locked"), TRUE },
  [MAPSCOPE_FIELD_DIRTY]            = { "Dirty", "dirty_kb", N_("Dirty"), TRUE },
};

const char *
mapscope_field_get_name (MapscopeField field)
{
  g_return_val_if_fail (field < MAPSCOPE_N_KNOWN_FIELDS, NULL);
  return fields[field].name;
}

const char *
mapscope_field_get_json_key (MapscopeField field)
{
  g_return_val_if_fail (field < MAPSCOPE_N_KNOWN_FIELDS, NULL);
  return fields[field].json_key;
}

const char *
mapscope_field_get_label (MapscopeField field)
{
  g_return_val_if_fail (field < MAPSCOPE_N_KNOWN_FIELDS, NULL);
  return fields[field].label;
}

gboolean
mapscope_field_is_additive (MapscopeField field)
{
  g_return_val_if_fail (field < MAPSCOPE_N_KNOWN_FIELDS, FALSE);
  return fields[field].additive;
}

/* Returns the known field spelled exactly NAME (LEN bytes), or -1. */
gint
mapscope_field_lookup (const char *name,
                       gsize       len)
{
  for (guint i = 0; i < MAPSCOPE_N_KNOWN_FIELDS; i++)
    {
      if (strlen (fields[i].name) == len && memcmp (fields[i].name, name, len) == 0)
        return i;
    }

  return -1;
}

/* The JSON key of any field: its smaps name in lower case plus "_kb". */
char *
mapscope_field_json_key_for_name (const char *name)
{
  g_autofree char *lower = g_ascii_strdown (name, -1);

  return g_strconcat (lower, "_kb", NULL);
}
