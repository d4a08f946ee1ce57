/* mapscope-map-export.c: the map as a PNG or SVG file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <unistd.h>

#include <cairo-svg.h>
#include <gio/gio.h>
#include <glib/gstdio.h>

#include "mapscope-map-export.h"

typedef struct
{
  int  fd;
  int  saved_errno;   /* of the first failed write */
} Sink;

static cairo_status_t
write_to_sink (void                *closure,
               const unsigned char *data,
               unsigned int         length)
{
  Sink *sink = closure;

  while (length > 0)
    {
      ssize_t written = write (sink->fd, data, length);

      if (written < 0 && errno == EINTR)
        continue;
      if (written <= 0)
        {
          if (sink->saved_errno == 0)
            sink->saved_errno = written < 0 ? errno : ENOSPC;
          return CAIRO_STATUS_WRITE_ERROR;
        }
      data += written;
      length -= written;
    }
  return CAIRO_STATUS_SUCCESS;
}

gboolean
mapscope_map_export_is_supported (const char *path)
{
  return g_str_has_suffix (path, ".png") || g_str_has_suffix (path, ".svg");
}

static void
draw (cairo_surface_t      *surface,
      MapscopeMapLayout    *layout,
      MapscopeRegionFilter *filter,
      MapscopeMapOverlay   *overlay,
      gboolean              dark)
{
  cairo_t *cr = cairo_create (surface);

  mapscope_map_render (cr, layout, mapscope_map_layout_get_snapshot (layout), filter, dark);
  if (overlay != NULL)
    mapscope_map_overlay_render (overlay, cr, layout, dark);
  cairo_destroy (cr);
}

/* Draws into the open file of @sink; returns Cairo's verdict. */
static cairo_status_t
write_image (Sink                 *sink,
             gboolean              svg,
             MapscopeMapLayout    *layout,
             MapscopeRegionFilter *filter,
             MapscopeMapOverlay   *overlay,
             gboolean              dark)
{
  double width = mapscope_map_layout_get_width (layout);
  double height = mapscope_map_layout_get_row_height (layout) *
                  mapscope_map_layout_get_n_rows (layout);
  cairo_surface_t *surface;
  cairo_status_t status;

  if (svg)
    surface = cairo_svg_surface_create_for_stream (write_to_sink, sink, width, height);
  else
    surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (width),
                                          (int) ceil (height));

  draw (surface, layout, filter, overlay, dark);
  if (svg)
    cairo_surface_finish (surface);
  else
    cairo_surface_write_to_png_stream (surface, write_to_sink, sink);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  return status;
}

gboolean
mapscope_map_export (const char           *path,
                     MapscopeMapLayout    *layout,
                     MapscopeRegionFilter *filter,
                     MapscopeMapOverlay   *overlay,
                     gboolean              dark,
                     GError              **error)
{
  g_autofree char *temporary = NULL;
  g_autofree char *display = NULL;
  Sink sink = { -1, 0 };
  cairo_status_t status;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (layout != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  display = g_filename_display_name (path);
  if (!mapscope_map_export_is_supported (path))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME,
                   "%s: the name must end in .png or .svg", display);
      return FALSE;
    }

  temporary = g_strdup_printf ("%s.XXXXXX", path);
  sink.fd = g_mkstemp_full (temporary, O_WRONLY, 0666);
  if (sink.fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "%s: cannot create: %s", display, g_strerror (saved_errno));
      return FALSE;
    }

  status = write_image (&sink, g_str_has_suffix (path, ".svg"), layout, filter, overlay, dark);
  if (status == CAIRO_STATUS_SUCCESS && fsync (sink.fd) != 0)
    sink.saved_errno = errno;
  if (close (sink.fd) != 0 && sink.saved_errno == 0)
    sink.saved_errno = errno;

  if (status == CAIRO_STATUS_SUCCESS && sink.saved_errno == 0 && g_rename (temporary, path) != 0)
    sink.saved_errno = errno;
  if (status != CAIRO_STATUS_SUCCESS || sink.saved_errno != 0)
    {
      g_unlink (temporary);
      if (sink.saved_errno != 0)
        g_set_error (error, G_IO_ERROR, g_io_error_from_errno (sink.saved_errno),
                     "%s: cannot write: %s", display, g_strerror (sink.saved_errno));
      else
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: cannot write: %s", display,
                     cairo_status_to_string (status));
      return FALSE;
    }

  return TRUE;
}
