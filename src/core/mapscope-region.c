/* mapscope-region.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "mapscope-region.h"

void
mapscope_region_format_perms (const MapscopeRegion *region,
                              char                  out[5])
{
  out[0] = (region->perms & MAPSCOPE_PERM_READ) ? 'r' : '-';
  out[1] = (region->perms & MAPSCOPE_PERM_WRITE) ? 'w' : '-';
  out[2] = (region->perms & MAPSCOPE_PERM_EXEC) ? 'x' : '-';
  out[3] = (region->perms & MAPSCOPE_PERM_SHARED) ? 's' : 'p';
  out[4] = '\0';
}

guint
mapscope_region_get_dev_major (const MapscopeRegion *region)
{
  return region->device >> 20;
}

guint
mapscope_region_get_dev_minor (const MapscopeRegion *region)
{
  return region->device & 0xfffff;
}

char *
mapscope_region_format_device (const MapscopeRegion *region)
{
  return g_strdup_printf ("%02x:%02x",
                          mapscope_region_get_dev_major (region),
                          mapscope_region_get_dev_minor (region));
}

/* A path that names no file: no path at all, or a kernel name in brackets. */
gboolean
mapscope_region_is_anonymous (const MapscopeRegion *region)
{
  return region->path == NULL || region->path[0] == '[';
}

gboolean
mapscope_region_is_file_backed (const MapscopeRegion *region)
{
  return !mapscope_region_is_anonymous (region);
}

/* The last path component, without a " (deleted)" suffix. */
const char *
mapscope_region_get_basename (const MapscopeRegion *region,
                              gsize                *len)
{
  const char *path = region->path;
  const char *slash;
  gsize length;

  if (path == NULL)
    {
      *len = 0;
      return "";
    }

  slash = strrchr (path, '/');
  if (slash != NULL && path[0] != '[')
    path = slash + 1;

  length = strlen (path);
  if (region->flags & MAPSCOPE_REGION_DELETED)
    {
      static const char suffix[] = " (deleted)";

      if (length >= sizeof suffix - 1 &&
          memcmp (path + length - (sizeof suffix - 1), suffix, sizeof suffix - 1) == 0)
        length -= sizeof suffix - 1;
    }

  *len = length;
  return path;
}
