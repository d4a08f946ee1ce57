/* mapscope-region.h: one mapping of a process's address space
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "mapscope-category.h"
#include "mapscope-field.h"

G_BEGIN_DECLS

typedef enum
{
  MAPSCOPE_PERM_READ    = 1 << 0,
  MAPSCOPE_PERM_WRITE   = 1 << 1,
  MAPSCOPE_PERM_EXEC    = 1 << 2,
  MAPSCOPE_PERM_SHARED  = 1 << 3,
} MapscopePerms;

typedef enum
{
  MAPSCOPE_REGION_DELETED       = 1 << 0,  /* path ends in " (deleted)" */
  MAPSCOPE_REGION_HAS_OFFSET    = 1 << 1,  /* the input gave offset, device and inode */
  MAPSCOPE_REGION_HAS_VMFLAGS   = 1 << 2,
  MAPSCOPE_REGION_HAS_EXTRAS    = 1 << 3,  /* values in the snapshot's side table */
  MAPSCOPE_REGION_TRUNCATED     = 1 << 4,  /* the input ended inside this region */
} MapscopeRegionFlags;

/* A value slot holding this is kept in the snapshot's side table, because it
 * does not fit in 32 bits of kB (4 TiB and more). */
#define MAPSCOPE_VALUE_WIDE G_MAXUINT32

/* Plain data, stored by value in the snapshot's array, so it must stay small:
 * the whole model is budgeted at 256 bytes per region. Read numeric fields
 * through mapscope_snapshot_get_value(), which resolves wide values. */
typedef struct
{
  guint64      start;
  guint64      end;
  guint64      offset;
  guint64      inode;
  const char  *path;          /* interned in the snapshot; NULL for anonymous */
  const char  *vmflags_text;  /* interned, as the file had it; NULL if absent */
  guint64      vmflags;       /* bit i set: known code i (see mapscope-vmflags.h) */
  guint32      values[MAPSCOPE_N_KNOWN_FIELDS];
  guint32      present;       /* bit f set: the input gave known field f */
  guint32      line;          /* line of the region's first line in the source */
  guint32      device;        /* major << 20 | minor, as the kernel's dev_t */
  gint16       protection_key;  /* -1 when absent */
  gint8        thp_eligible;    /* -1 when absent */
  guint8       perms;         /* MapscopePerms */
  guint8       category;      /* MapscopeCategory */
  guint8       rule;          /* MapscopeCategoryRule */
  guint8       flags;         /* MapscopeRegionFlags */
} MapscopeRegion;

static inline guint64
mapscope_region_get_size (const MapscopeRegion *region)
{
  return region->end - region->start;
}

static inline gboolean
mapscope_region_has_field (const MapscopeRegion *region,
                           MapscopeField         field)
{
  return (region->present & (1u << field)) != 0;
}

void      mapscope_region_format_perms    (const MapscopeRegion *region,
                                           char                  out[5]);
guint     mapscope_region_get_dev_major   (const MapscopeRegion *region);
guint     mapscope_region_get_dev_minor   (const MapscopeRegion *region);
char     *mapscope_region_format_device   (const MapscopeRegion *region);
gboolean  mapscope_region_is_anonymous    (const MapscopeRegion *region);
gboolean  mapscope_region_is_file_backed  (const MapscopeRegion *region);
const char *mapscope_region_get_basename  (const MapscopeRegion *region,
                                           gsize                *len);

G_END_DECLS
