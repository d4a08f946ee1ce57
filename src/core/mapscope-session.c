/* mapscope-session.c: a saved workspace, and how it is written
 *
 * A .mapscope file is gzip-compressed JSON (see README.md, "Sessions").
 * Writing streams the JSON through a small buffer into the compressor, so
 * a snapshot of 60,000 regions never exists twice in memory as text. Each
 * region is a fixed-position array rather than an object: json-glib builds
 * one hash table per object when reading, which for that many regions
 * would cost more than the snapshot itself.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <gio/gunixoutputstream.h>

#include "mapscope-session-private.h"
#include "mapscope-snapshot-private.h"

/* Flushed to the compressor at this size. */
#define WRITE_BUFFER_SIZE (256 * 1024)

G_DEFINE_QUARK (mapscope-session-error-quark, mapscope_session_error)

G_DEFINE_FINAL_TYPE (MapscopeSession, mapscope_session, G_TYPE_OBJECT)

static void
mapscope_session_finalize (GObject *object)
{
  MapscopeSession *self = (MapscopeSession *)object;

  g_clear_pointer (&self->snapshots, g_ptr_array_unref);
  g_clear_pointer (&self->notes, g_ptr_array_unref);
  g_clear_object (&self->filter);
  g_clear_pointer (&self->view.page, g_free);

  G_OBJECT_CLASS (mapscope_session_parent_class)->finalize (object);
}

static void
mapscope_session_class_init (MapscopeSessionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mapscope_session_finalize;
}

static void
mapscope_session_init (MapscopeSession *self)
{
  self->snapshots = g_ptr_array_new_with_free_func (g_object_unref);
  self->filter = mapscope_region_filter_new ();
  self->current = -1;
  self->baseline = -1;
  self->selected = -1;
}

MapscopeSession *
_mapscope_session_new (void)
{
  return g_object_new (MAPSCOPE_TYPE_SESSION, NULL);
}

static const guint filter_perms[] = {
  MAPSCOPE_PERM_READ, MAPSCOPE_PERM_WRITE, MAPSCOPE_PERM_EXEC, MAPSCOPE_PERM_SHARED,
};

/* Through the public getters and setters only, so options the filter gains
 * later need only a line here and one in the format. */
void
_mapscope_session_copy_filter (MapscopeRegionFilter *from,
                               MapscopeRegionFilter *to)
{
  guint64 min, max;

  mapscope_region_filter_set_text (to, mapscope_region_filter_get_text (from));
  for (guint c = 0; c < MAPSCOPE_N_CATEGORIES; c++)
    mapscope_region_filter_set_category_shown (to, c,
                                               mapscope_region_filter_get_category_shown (from, c));
  for (guint i = 0; i < G_N_ELEMENTS (filter_perms); i++)
    mapscope_region_filter_set_perm (to, filter_perms[i],
                                     mapscope_region_filter_get_perm (from, filter_perms[i]));
  mapscope_region_filter_get_size_range (from, &min, &max);
  mapscope_region_filter_set_size_range (to, min, max);
  mapscope_region_filter_get_rss_range (from, &min, &max);
  mapscope_region_filter_set_rss_range (to, min, max);
}

static gint
snapshot_position (GListModel       *snapshots,
                   MapscopeSnapshot *snapshot)
{
  guint n = g_list_model_get_n_items (snapshots);

  if (snapshot == NULL)
    return -1;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MapscopeSnapshot) item = g_list_model_get_item (snapshots, i);

      if (item == snapshot)
        return i;
    }
  return -1;
}

/**
 * mapscope_session_new_from_workspace:
 *
 * Takes what @workspace holds now; the snapshots are shared, not copied
 * (they do not change once loaded), their notes copied: the session can
 * then be saved in another thread.
 *
 * Returns: (transfer full): a new session
 */
MapscopeSession *
mapscope_session_new_from_workspace (MapscopeWorkspace *workspace)
{
  MapscopeSession *self = _mapscope_session_new ();
  GListModel *snapshots = mapscope_workspace_get_snapshots (workspace);
  guint n = g_list_model_get_n_items (snapshots);

  self->notes = g_ptr_array_new_full (n, g_free);
  for (guint i = 0; i < n; i++)
    {
      MapscopeSnapshot *snapshot = g_list_model_get_item (snapshots, i);

      g_ptr_array_add (self->snapshots, snapshot);
      g_ptr_array_add (self->notes, g_strdup (mapscope_snapshot_get_note (snapshot)));
    }
  self->current = snapshot_position (snapshots, mapscope_workspace_get_current (workspace));
  self->baseline = snapshot_position (snapshots, mapscope_workspace_get_baseline (workspace));
  self->selected = mapscope_workspace_get_selected_index (workspace);
  _mapscope_session_copy_filter (mapscope_workspace_get_filter (workspace), self->filter);

  return self;
}

void
mapscope_session_set_view (MapscopeSession *self,
                           double           zoom,
                           guint64          center,
                           const char      *page)
{
  g_return_if_fail (MAPSCOPE_IS_SESSION (self));

  self->view.zoom = zoom;
  self->view.center = center;
  g_free (self->view.page);
  self->view.page = g_strdup (page);
}

/**
 * mapscope_session_get_view:
 *
 * Returns: (transfer none): the view state, zoom 0 when none was saved
 */
const MapscopeSessionView *
mapscope_session_get_view (MapscopeSession *self)
{
  g_return_val_if_fail (MAPSCOPE_IS_SESSION (self), NULL);
  return &self->view;
}

guint
mapscope_session_get_n_snapshots (MapscopeSession *self)
{
  g_return_val_if_fail (MAPSCOPE_IS_SESSION (self), 0);
  return self->snapshots->len;
}

/**
 * mapscope_session_get_snapshot:
 *
 * Returns: (transfer none): the snapshot at @index
 */
MapscopeSnapshot *
mapscope_session_get_snapshot (MapscopeSession *self,
                               guint            index)
{
  g_return_val_if_fail (MAPSCOPE_IS_SESSION (self), NULL);
  g_return_val_if_fail (index < self->snapshots->len, NULL);
  return g_ptr_array_index (self->snapshots, index);
}

gint
mapscope_session_get_current_index (MapscopeSession *self)
{
  return self->current;
}

gint
mapscope_session_get_baseline_index (MapscopeSession *self)
{
  return self->baseline;
}

gint
mapscope_session_get_selected_index (MapscopeSession *self)
{
  return self->selected;
}

/**
 * mapscope_session_get_filter:
 *
 * Returns: (transfer none): the filter as it was saved
 */
MapscopeRegionFilter *
mapscope_session_get_filter (MapscopeSession *self)
{
  return self->filter;
}

void
mapscope_session_apply (MapscopeSession   *self,
                        MapscopeWorkspace *workspace,
                        gboolean           replace)
{
  GListModel *snapshots = mapscope_workspace_get_snapshots (workspace);

  g_return_if_fail (MAPSCOPE_IS_SESSION (self));
  g_return_if_fail (MAPSCOPE_IS_WORKSPACE (workspace));

  if (replace)
    {
      while (g_list_model_get_n_items (snapshots) > 0)
        {
          g_autoptr(MapscopeSnapshot) first = g_list_model_get_item (snapshots, 0);

          mapscope_workspace_remove_snapshot (workspace, first);
        }
    }

  for (guint i = 0; i < self->snapshots->len; i++)
    mapscope_workspace_add_snapshot (workspace, g_ptr_array_index (self->snapshots, i));

  if (!replace)
    return;

  _mapscope_session_copy_filter (self->filter, mapscope_workspace_get_filter (workspace));
  mapscope_workspace_set_baseline (workspace, self->baseline >= 0
                                   ? g_ptr_array_index (self->snapshots, self->baseline) : NULL);
  if (self->current >= 0)
    mapscope_workspace_set_current (workspace, g_ptr_array_index (self->snapshots, self->current));
  mapscope_workspace_set_selected_index (workspace, self->selected);
}

/* Writing */

typedef struct
{
  GOutputStream *stream;
  GCancellable  *cancellable;
  GString       *buffer;
} Writer;

static gboolean
writer_flush (Writer  *writer,
              GError **error)
{
  gsize written;

  if (writer->buffer->len == 0)
    return TRUE;
  if (!g_output_stream_write_all (writer->stream, writer->buffer->str, writer->buffer->len,
                                  &written, writer->cancellable, error))
    return FALSE;
  g_string_truncate (writer->buffer, 0);
  return TRUE;
}

static gboolean
writer_maybe_flush (Writer  *writer,
                    GError **error)
{
  return writer->buffer->len < WRITE_BUFFER_SIZE || writer_flush (writer, error);
}

/* JSON string syntax; the text is valid UTF-8 (snapshots only hold that). */
static void
write_string (GString    *out,
              const char *text)
{
  if (text == NULL)
    {
      g_string_append (out, "null");
      return;
    }

  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = *p;

      switch (c)
        {
        case '"':  g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\t': g_string_append (out, "\\t"); break;
        case '\r': g_string_append (out, "\\r"); break;
        default:
          if (c < 0x20 || c == 0x7f)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, c);
        }
    }
  g_string_append_c (out, '"');
}

/* json-glib reads integers as gint64: larger values go as strings. */
static void
write_u64 (GString *out,
           guint64  value)
{
  if (value <= G_MAXINT64)
    g_string_append_printf (out, "%" G_GUINT64_FORMAT, value);
  else
    g_string_append_printf (out, "\"%" G_GUINT64_FORMAT "\"", value);
}

static void
write_address (GString *out,
               guint64  value)
{
  g_string_append_printf (out, "\"0x%" G_GINT64_MODIFIER "x\"", value);
}

static void
write_filter (GString              *out,
              MapscopeRegionFilter *filter)
{
  static const char *perm_names[] = { "read", "write", "exec", "shared" };
  static const char *wanted_names[] = { "any", "yes", "no" };
  guint64 min, max;
  gboolean first = TRUE;

  g_string_append (out, "{\"text\":");
  write_string (out, mapscope_region_filter_get_text (filter));
  g_string_append (out, ",\"hidden-categories\":[");
  for (guint c = 0; c < MAPSCOPE_N_CATEGORIES; c++)
    {
      if (mapscope_region_filter_get_category_shown (filter, c))
        continue;
      if (!first)
        g_string_append_c (out, ',');
      write_string (out, mapscope_category_get_name (c));
      first = FALSE;
    }
  g_string_append (out, "],\"perms\":{");
  for (guint i = 0; i < G_N_ELEMENTS (filter_perms); i++)
    {
      MapscopeFilterPerm wanted = mapscope_region_filter_get_perm (filter, filter_perms[i]);

      g_string_append_printf (out, "%s\"%s\":\"%s\"", i > 0 ? "," : "", perm_names[i],
                              wanted_names[MIN (wanted, G_N_ELEMENTS (wanted_names) - 1)]);
    }
  mapscope_region_filter_get_size_range (filter, &min, &max);
  g_string_append (out, "},\"size\":[");
  write_u64 (out, min);
  g_string_append_c (out, ',');
  write_u64 (out, max);
  mapscope_region_filter_get_rss_range (filter, &min, &max);
  g_string_append (out, "],\"rss\":[");
  write_u64 (out, min);
  g_string_append_c (out, ',');
  write_u64 (out, max);
  g_string_append (out, "]}");
}

static void
write_region (GString              *out,
              MapscopeSnapshot     *snapshot,
              const MapscopeRegion *region,
              const char           *raw)
{
  guint n_fields = mapscope_snapshot_get_n_fields (snapshot);
  gboolean first = TRUE;

  g_string_append_c (out, '[');
  write_address (out, region->start);
  g_string_append_c (out, ',');
  write_address (out, region->end);
  g_string_append_c (out, ',');
  write_address (out, region->offset);
  g_string_append_c (out, ',');
  write_u64 (out, region->inode);
  g_string_append_printf (out, ",%u,%u,%u,%u,%d,%d,", region->device, region->perms,
                          region->flags, region->line, region->protection_key,
                          region->thp_eligible);
  write_string (out, mapscope_category_get_name (region->category));
  g_string_append_printf (out, ",%u,", region->rule);
  write_string (out, region->path);
  g_string_append_c (out, ',');
  write_string (out, region->vmflags_text);
  g_string_append_c (out, ',');
  write_u64 (out, region->vmflags);
  g_string_append (out, ",[");
  for (guint id = 0; id < n_fields; id++)
    {
      guint64 value;

      if (!mapscope_snapshot_get_value (snapshot, region, id, &value))
        continue;
      g_string_append_printf (out, "%s%u,", first ? "" : ",", id);
      write_u64 (out, value);
      first = FALSE;
    }
  g_string_append (out, "],");
  write_string (out, raw);
  g_string_append_c (out, ']');
}

static gboolean
write_snapshot (Writer            *writer,
                MapscopeSnapshot  *snapshot,
                const char        *note,
                GError           **error)
{
  GString *out = writer->buffer;
  GDateTime *timestamp = mapscope_snapshot_get_timestamp (snapshot);
  g_autoptr(GPtrArray) raw_texts = NULL;
  guint n_regions;
  const MapscopeRegion *regions = _mapscope_snapshot_get_all_regions (snapshot, &n_regions);
  guint n_fields = mapscope_snapshot_get_n_fields (snapshot);

  g_string_append (out, "{\"source\":");
  write_string (out, mapscope_snapshot_get_source (snapshot));
  g_string_append_printf (out, ",\"source-line\":%u,\"format\":",
                          mapscope_snapshot_get_source_line (snapshot));
  write_string (out, mapscope_format_get_name (mapscope_snapshot_get_format (snapshot)));
  g_string_append_printf (out, ",\"pid\":%d,\"command\":", mapscope_snapshot_get_pid (snapshot));
  write_string (out, mapscope_snapshot_get_command (snapshot));
  g_string_append (out, ",\"timestamp\":");
  if (timestamp != NULL)
    {
      g_autofree char *iso = g_date_time_format_iso8601 (timestamp);

      write_string (out, iso);
    }
  else
    {
      g_string_append (out, "null");
    }
  g_string_append (out, ",\"note\":");
  write_string (out, note);
  g_string_append_printf (out, ",\"rollup\":%s,\"fields\":[",
                          _mapscope_snapshot_is_rollup (snapshot) ? "true" : "false");
  for (guint id = 0; id < n_fields; id++)
    {
      g_string_append (out, id > 0 ? ",[" : "[");
      write_string (out, mapscope_snapshot_get_field_name (snapshot, id));
      g_string_append (out, mapscope_snapshot_field_is_kb (snapshot, id) ? ",true]" : ",false]");
    }
  g_string_append (out, "],\"reported-totals\":[");
  for (guint i = 0; i < _mapscope_snapshot_get_n_reported_totals (snapshot); i++)
    {
      guint field_id;
      guint64 value;

      _mapscope_snapshot_get_reported_total_at (snapshot, i, &field_id, &value);
      g_string_append_printf (out, "%s%u,", i > 0 ? "," : "", field_id);
      write_u64 (out, value);
    }
  g_string_append (out, "],\"regions\":[");

  if (!_mapscope_snapshot_has_raw_texts (snapshot))
    raw_texts = _mapscope_session_collect_raw_texts (snapshot);

  for (guint i = 0; i < n_regions; i++)
    {
      const char *raw = raw_texts != NULL
                        ? g_ptr_array_index (raw_texts, i)
                        : _mapscope_snapshot_get_raw_text_at (snapshot, i);

      if (i > 0)
        g_string_append (out, ",\n");
      write_region (out, snapshot, &regions[i], raw);
      if (!writer_maybe_flush (writer, error))
        return FALSE;
    }
  g_string_append (out, "]}");

  return TRUE;
}

/**
 * mapscope_session_write:
 *
 * Writes the session as uncompressed JSON to @stream (mapscope_session_save()
 * compresses it).
 */
gboolean
mapscope_session_write (MapscopeSession  *self,
                        GOutputStream    *stream,
                        GCancellable     *cancellable,
                        GError          **error)
{
  g_autoptr(GString) buffer = g_string_sized_new (WRITE_BUFFER_SIZE + 4096);
  Writer writer = { stream, cancellable, buffer };

  g_return_val_if_fail (MAPSCOPE_IS_SESSION (self), FALSE);

  g_string_append_printf (buffer, "{\"format\":\"%s\",\"version\":%d,"
                          "\"current\":%d,\"baseline\":%d,\"selected-region\":%d,\"view\":{",
                          MAPSCOPE_SESSION_FORMAT, MAPSCOPE_SESSION_VERSION,
                          self->current, self->baseline, self->selected);
  if (self->view.zoom > 0)
    {
      char zoom[G_ASCII_DTOSTR_BUF_SIZE];

      g_string_append_printf (buffer, "\"zoom\":%s,\"center\":",
                              g_ascii_dtostr (zoom, sizeof zoom, self->view.zoom));
      write_address (buffer, self->view.center);
      g_string_append_c (buffer, ',');
    }
  g_string_append (buffer, "\"page\":");
  write_string (buffer, self->view.page);
  g_string_append (buffer, "},\"filter\":");
  write_filter (buffer, self->filter);
  g_string_append (buffer, ",\"snapshots\":[\n");

  for (guint i = 0; i < self->snapshots->len; i++)
    {
      MapscopeSnapshot *snapshot = g_ptr_array_index (self->snapshots, i);
      const char *note = self->notes != NULL ? g_ptr_array_index (self->notes, i)
                                             : mapscope_snapshot_get_note (snapshot);

      if (i > 0)
        g_string_append (buffer, ",\n");
      if (!write_snapshot (&writer, snapshot, note, error))
        return FALSE;
    }
  g_string_append (buffer, "]}\n");

  return writer_flush (&writer, error);
}

static gboolean
write_compressed (MapscopeSession  *self,
                  GOutputStream    *base,
                  GCancellable     *cancellable,
                  GError          **error)
{
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 6);
  g_autoptr(GOutputStream) stream = g_converter_output_stream_new (base, G_CONVERTER (compressor));

  /* The converter must not close @base: the caller decides what happens to
   * the file when writing failed. */
  g_filter_output_stream_set_close_base_stream (G_FILTER_OUTPUT_STREAM (stream), FALSE);
  return mapscope_session_write (self, stream, cancellable, error) &&
         g_output_stream_close (stream, cancellable, error);
}

static gboolean
set_errno_error (GError **error)
{
  int saved_errno = errno;

  g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       g_strerror (saved_errno));
  return FALSE;
}

/* A temporary file beside the target, renamed over it once complete: the
 * target is never seen half-written, and a failure leaves nothing behind. */
static gboolean
save_to_path (MapscopeSession  *self,
              const char       *path,
              GCancellable     *cancellable,
              GError          **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *tmp_path = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);
  g_autoptr(GOutputStream) stream = NULL;
  struct stat info;
  gboolean ok;
  int fd;

  fd = g_mkstemp_full (tmp_path, O_WRONLY | O_CLOEXEC, 0644);
  if (fd < 0)
    return set_errno_error (error);
  /* A file saved again keeps its permissions. */
  fchmod (fd, g_stat (path, &info) == 0 ? (info.st_mode & 07777) : 0644);

  stream = g_unix_output_stream_new (fd, TRUE);
  ok = write_compressed (self, stream, cancellable, error);
  if (ok && fsync (fd) != 0)
    ok = set_errno_error (error);
  ok = g_output_stream_close (stream, NULL, ok ? error : NULL) && ok;
  if (ok && g_rename (tmp_path, path) != 0)
    ok = set_errno_error (error);
  if (!ok)
    g_unlink (tmp_path);

  return ok;
}

/* For locations without a local path; GIO writes to a temporary file too. */
static gboolean
save_to_file (MapscopeSession  *self,
              GFile            *file,
              GCancellable     *cancellable,
              GError          **error)
{
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GCancellable) abandon = NULL;

  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, cancellable, error);
  if (stream == NULL)
    return FALSE;
  if (write_compressed (self, G_OUTPUT_STREAM (stream), cancellable, error))
    return g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, error);

  /* Closed cancelled, the stream leaves the old file in place. */
  abandon = g_cancellable_new ();
  g_cancellable_cancel (abandon);
  g_output_stream_close (G_OUTPUT_STREAM (stream), abandon, NULL);
  return FALSE;
}

/**
 * mapscope_session_save:
 *
 * Writes the session to @file, compressed. The file is replaced only once
 * everything is written: a failure or a cancellation leaves it as it was.
 */
gboolean
mapscope_session_save (MapscopeSession  *self,
                       GFile            *file,
                       GCancellable     *cancellable,
                       GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  gboolean ok;

  g_return_val_if_fail (MAPSCOPE_IS_SESSION (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  name = g_file_get_parse_name (file);
  path = g_file_get_path (file);
  if (path != NULL)
    ok = save_to_path (self, path, cancellable, &local_error);
  else
    ok = save_to_file (self, file, cancellable, &local_error);
  if (ok)
    return TRUE;

  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_set_error (error, MAPSCOPE_SESSION_ERROR, MAPSCOPE_SESSION_ERROR_CANCELLED,
                 "%s: saving was cancelled", name);
  else
    g_set_error (error, MAPSCOPE_SESSION_ERROR, MAPSCOPE_SESSION_ERROR_FAILED,
                 "%s: cannot save: %s", name, local_error->message);
  return FALSE;
}
