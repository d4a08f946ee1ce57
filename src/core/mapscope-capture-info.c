/* mapscope-capture-info.c: what a live capture knew of its process and host
 *
 * Kept beside the snapshot as object data, so that the snapshot, which also
 * comes from files that carry none of this, needs no fields for it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mapscope-capture-info.h"

#define CAPTURE_INFO_KEY "mapscope-capture-info"

G_DEFINE_BOXED_TYPE (MapscopeCaptureInfo, mapscope_capture_info,
                     mapscope_capture_info_copy, mapscope_capture_info_free)

MapscopeCaptureInfo *
mapscope_capture_info_copy (const MapscopeCaptureInfo *self)
{
  MapscopeCaptureInfo *copy = g_memdup2 (self, sizeof *self);

  copy->command = g_strdup (self->command);
  copy->command_line = g_strdup (self->command_line);
  copy->executable = g_strdup (self->executable);
  copy->timestamp = self->timestamp != NULL ? g_date_time_ref (self->timestamp) : NULL;
  copy->kernel_release = g_strdup (self->kernel_release);
  copy->host_name = g_strdup (self->host_name);

  return copy;
}

void
mapscope_capture_info_free (MapscopeCaptureInfo *self)
{
  if (self == NULL)
    return;

  g_free (self->command);
  g_free (self->command_line);
  g_free (self->executable);
  g_clear_pointer (&self->timestamp, g_date_time_unref);
  g_free (self->kernel_release);
  g_free (self->host_name);
  g_free (self);
}

/**
 * mapscope_capture_info_get:
 *
 * Returns: (transfer none) (nullable): what the capture of @snapshot knew,
 *   or %NULL when @snapshot was loaded from a file
 */
const MapscopeCaptureInfo *
mapscope_capture_info_get (MapscopeSnapshot *snapshot)
{
  g_return_val_if_fail (MAPSCOPE_IS_SNAPSHOT (snapshot), NULL);
  return g_object_get_data (G_OBJECT (snapshot), CAPTURE_INFO_KEY);
}

/**
 * mapscope_capture_info_attach:
 * @info: (transfer full): replaces what @snapshot had
 */
void
mapscope_capture_info_attach (MapscopeSnapshot    *snapshot,
                              MapscopeCaptureInfo *info)
{
  g_return_if_fail (MAPSCOPE_IS_SNAPSHOT (snapshot));
  g_object_set_data_full (G_OBJECT (snapshot), CAPTURE_INFO_KEY, info,
                          (GDestroyNotify)mapscope_capture_info_free);
}
