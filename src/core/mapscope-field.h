/* mapscope-field.h: the numeric fields a region can carry
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The fields Mapscope knows by name. Every one is a size in kB except where
 * mapscope_field_is_kb() says otherwise. Fields a file carries that are not in
 * this list are kept too, as "extra" fields registered on the snapshot; their
 * ids start at MAPSCOPE_N_KNOWN_FIELDS. */
typedef enum
{
  MAPSCOPE_FIELD_SIZE,
  MAPSCOPE_FIELD_KERNEL_PAGE_SIZE,
  MAPSCOPE_FIELD_MMU_PAGE_SIZE,
  MAPSCOPE_FIELD_RSS,
  MAPSCOPE_FIELD_PSS,
  MAPSCOPE_FIELD_PSS_DIRTY,
  MAPSCOPE_FIELD_PSS_ANON,
  MAPSCOPE_FIELD_PSS_FILE,
  MAPSCOPE_FIELD_PSS_SHMEM,
  MAPSCOPE_FIELD_SHARED_CLEAN,
  MAPSCOPE_FIELD_SHARED_DIRTY,
  MAPSCOPE_FIELD_PRIVATE_CLEAN,
  MAPSCOPE_FIELD_PRIVATE_DIRTY,
  MAPSCOPE_FIELD_REFERENCED,
  MAPSCOPE_FIELD_ANONYMOUS,
  MAPSCOPE_FIELD_KSM,
  MAPSCOPE_FIELD_LAZY_FREE,
  MAPSCOPE_FIELD_ANON_HUGE_PAGES,
  MAPSCOPE_FIELD_SHMEM_PMD_MAPPED,
  MAPSCOPE_FIELD_FILE_PMD_MAPPED,
  MAPSCOPE_FIELD_SHARED_HUGETLB,
  MAPSCOPE_FIELD_PRIVATE_HUGETLB,
  MAPSCOPE_FIELD_SWAP,
  MAPSCOPE_FIELD_SWAP_PSS,
  MAPSCOPE_FIELD_LOCKED,
  /* pmap -x's "Dirty" column: Shared_Dirty + Private_Dirty */
  MAPSCOPE_FIELD_DIRTY,
  MAPSCOPE_N_KNOWN_FIELDS
} MapscopeField;

G_STATIC_ASSERT (MAPSCOPE_N_KNOWN_FIELDS <= 32);

const char *mapscope_field_get_name     (MapscopeField field);
const char *mapscope_field_get_json_key (MapscopeField field);
const char *mapscope_field_get_label    (MapscopeField field);
gboolean    mapscope_field_is_additive  (MapscopeField field);
gint        mapscope_field_lookup       (const char   *name,
                                         gsize         len);
char       *mapscope_field_json_key_for_name (const char *name);

G_END_DECLS
