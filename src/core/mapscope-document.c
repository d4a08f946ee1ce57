/* mapscope-document.c: loads one input into snapshots
 *
 * Reads in large chunks and streams them into the parser, so memory stays
 * bounded by the model, not by the file. gzip is recognised by its magic
 * bytes, whatever the file is called.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include <gio/gunixinputstream.h>

#include "mapscope-document.h"
#include "mapscope-error.h"
#include "mapscope-parser-private.h"
#include "mapscope-read-ahead.h"
#include "mapscope-session.h"

/* Below this, a reader thread costs more than it saves. */
#define READ_AHEAD_MIN_SIZE (4 * 1024 * 1024)

struct _MapscopeDocument
{
  GObject         parent_instance;

  char           *source;
  MapscopeFormat  format;
  GPtrArray      *snapshots;
  GArray         *warnings;
  guint64         n_lines;
  MapscopeSession *session;     /* when the input was a saved session */
};

G_DEFINE_FINAL_TYPE (MapscopeDocument, mapscope_document, G_TYPE_OBJECT)

static void
clear_warning (gpointer data)
{
  MapscopeWarning *warning = data;

  g_free (warning->message);
}

static void
mapscope_document_finalize (GObject *object)
{
  MapscopeDocument *self = (MapscopeDocument *)object;

  g_clear_pointer (&self->source, g_free);
  g_clear_pointer (&self->snapshots, g_ptr_array_unref);
  g_clear_pointer (&self->warnings, g_array_unref);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (mapscope_document_parent_class)->finalize (object);
}

static void
mapscope_document_class_init (MapscopeDocumentClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mapscope_document_finalize;
}

static void
mapscope_document_init (MapscopeDocument *self)
{
}

static MapscopeDocument *
document_from_parser (MapscopeParser *parser,
                      const char     *source)
{
  MapscopeDocument *self = g_object_new (MAPSCOPE_TYPE_DOCUMENT, NULL);

  self->source = g_strdup (source);
  self->format = _mapscope_parser_get_format (parser);
  self->snapshots = _mapscope_parser_steal_snapshots (parser);
  self->warnings = _mapscope_parser_steal_warnings (parser);
  g_array_set_clear_func (self->warnings, clear_warning);
  self->n_lines = _mapscope_parser_get_n_lines (parser);

  return self;
}

static MapscopeDocument *
document_from_session (MapscopeSession *session,
                       const char      *source)
{
  MapscopeDocument *self = g_object_new (MAPSCOPE_TYPE_DOCUMENT, NULL);
  guint n = mapscope_session_get_n_snapshots (session);

  self->source = g_strdup (source);
  self->snapshots = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (self->snapshots, g_object_ref (mapscope_session_get_snapshot (session, i)));
  self->format = n > 0 ? mapscope_snapshot_get_format (g_ptr_array_index (self->snapshots, 0))
                       : MAPSCOPE_FORMAT_UNKNOWN;
  self->warnings = g_array_new (FALSE, FALSE, sizeof (MapscopeWarning));
  g_array_set_clear_func (self->warnings, clear_warning);
  self->session = g_object_ref (session);

  return self;
}

/* Whether the start of @stream is JSON, which no memory map is: then it is
 * read as a session, which the "format" key inside must confirm. */
static gboolean
starts_like_session (GBufferedInputStream  *stream,
                     GCancellable          *cancellable,
                     GError               **error)
{
  gsize available;
  const guint8 *head;

  if (g_buffered_input_stream_fill (stream, 64, cancellable, error) < 0)
    return FALSE;
  head = g_buffered_input_stream_peek_buffer (stream, &available);
  return mapscope_session_looks_like_session (head, available);
}

static MapscopeDocument *
load_session (GInputStream  *input,
              const char    *source_name,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(MapscopeSession) session = mapscope_session_load_stream (input, source_name,
                                                                     cancellable, error);

  if (session == NULL)
    return NULL;
  /* Whatever reads a document relies on its having a snapshot. */
  if (mapscope_session_get_n_snapshots (session) == 0)
    {
      g_set_error (error, MAPSCOPE_PARSE_ERROR, MAPSCOPE_PARSE_ERROR_EMPTY,
                   "%s: the session holds no snapshots", source_name);
      return NULL;
    }
  return document_from_session (session, source_name);
}

static void
set_read_error (GError       **error,
                const GError  *read_error,
                const char    *source_name,
                guint64        line)
{
  if (g_error_matches (read_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_set_error (error, MAPSCOPE_PARSE_ERROR, MAPSCOPE_PARSE_ERROR_CANCELLED,
                 "%s: loading was cancelled", source_name);
  else
    g_set_error (error, MAPSCOPE_PARSE_ERROR, MAPSCOPE_PARSE_ERROR_READ,
                 "%s:%" G_GUINT64_FORMAT ": cannot read further: %s", source_name,
                 line, read_error->message);
}

static gboolean
is_gzip (GBufferedInputStream  *stream,
         GCancellable          *cancellable,
         GError               **error)
{
  gsize available;
  const guint8 *head;

  if (g_buffered_input_stream_fill (stream, 2, cancellable, error) < 0)
    return FALSE;

  head = g_buffered_input_stream_peek_buffer (stream, &available);
  return available >= 2 && head[0] == 0x1f && head[1] == 0x8b;
}

/**
 * mapscope_document_load_stream:
 * @total_size: the size of @stream in bytes, for progress, or 0
 *
 * Returns: (transfer full): the document, or %NULL with @error set
 */
MapscopeDocument *
mapscope_document_load_stream (GInputStream          *stream,
                               const char            *source_name,
                               guint64                total_size,
                               GCancellable          *cancellable,
                               MapscopeProgressFunc   progress,
                               gpointer               progress_data,
                               GError               **error)
{
  g_autoptr(GInputStream) buffered = NULL;
  g_autoptr(GInputStream) input = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(MapscopeReadAhead) reader = NULL;
  MapscopeParser *parser;
  MapscopeDocument *document = NULL;
  guint64 done = 0;
  gboolean ok = TRUE;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);

  buffered = g_buffered_input_stream_new_sized (stream, 64 * 1024);
  if (is_gzip (G_BUFFERED_INPUT_STREAM (buffered), cancellable, &local_error))
    {
      g_autoptr(GZlibDecompressor) decompressor =
        g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);

      g_autoptr(GInputStream) decompressed =
        g_converter_input_stream_new (buffered, G_CONVERTER (decompressor));

      input = g_buffered_input_stream_new_sized (decompressed, 64 * 1024);
    }
  else if (local_error != NULL)
    {
      set_read_error (error, local_error, source_name, 1);
      return NULL;
    }
  else
    {
      input = g_object_ref (buffered);
    }

  if (starts_like_session (G_BUFFERED_INPUT_STREAM (input), cancellable, &local_error))
    return load_session (input, source_name, cancellable, error);
  if (local_error != NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA))
        g_set_error (error, MAPSCOPE_PARSE_ERROR, MAPSCOPE_PARSE_ERROR_READ,
                     "%s: the compressed data is corrupt: %s", source_name, local_error->message);
      else
        set_read_error (error, local_error, source_name, 1);
      return NULL;
    }

  parser = _mapscope_parser_new (source_name);
  reader = _mapscope_read_ahead_new (input, total_size == 0 || total_size >= READ_AHEAD_MIN_SIZE,
                                     cancellable);

  while (ok)
    {
      const char *chunk;
      gssize n = _mapscope_read_ahead_next (reader, &chunk, &local_error);

      if (n < 0)
        {
          set_read_error (error, local_error, source_name, _mapscope_parser_get_n_lines (parser) + 1);
          ok = FALSE;
          break;
        }
      if (n == 0)
        break;

      ok = _mapscope_parser_feed (parser, chunk, n, error);
      done += n;
      if (progress != NULL)
        progress (done, total_size, progress_data);
    }

  if (ok && _mapscope_parser_finish (parser, error))
    document = document_from_parser (parser, source_name);

  _mapscope_parser_free (parser);
  return document;
}

/* GIO's messages repeat the path; ours put it first, once. */
static const char *
describe_open_error (const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    return "cannot open: no such file or directory";
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
    return "cannot open: permission denied";
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY))
    return "cannot open: it is a directory, not a file";
  return error->message;
}

/* Files opened without GFile get the same words as those opened with it. */
static void
set_open_error (GError     **error,
                const char  *path,
                GIOErrorEnum code,
                const char  *message)
{
  g_autoptr(GError) open_error = g_error_new_literal (G_IO_ERROR, code, message);

  g_set_error (error, MAPSCOPE_PARSE_ERROR, MAPSCOPE_PARSE_ERROR_READ, "%s: %s", path,
               describe_open_error (open_error));
}

static MapscopeDocument *
load_local_path (const char            *path,
                 GCancellable          *cancellable,
                 MapscopeProgressFunc   progress,
                 gpointer               progress_data,
                 GError               **error)
{
  g_autoptr(GInputStream) stream = NULL;
  struct stat info = { 0 };
  int fd;

  if (g_cancellable_is_cancelled (cancellable))
    {
      g_set_error (error, MAPSCOPE_PARSE_ERROR, MAPSCOPE_PARSE_ERROR_CANCELLED,
                   "%s: loading was cancelled", path);
      return NULL;
    }

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved_errno = errno;

      set_open_error (error, path, g_io_error_from_errno (saved_errno), g_strerror (saved_errno));
      return NULL;
    }

  if (fstat (fd, &info) == 0 && S_ISDIR (info.st_mode))
    {
      close (fd);
      set_open_error (error, path, G_IO_ERROR_IS_DIRECTORY, g_strerror (EISDIR));
      return NULL;
    }

  /* /proc files report a size of 0; that just means "unknown". */
  stream = g_unix_input_stream_new (fd, TRUE);
  return mapscope_document_load_stream (stream, path,
                                        S_ISREG (info.st_mode) ? (guint64)info.st_size : 0,
                                        cancellable, progress, progress_data, error);
}

/**
 * mapscope_document_load_path:
 * @path: a file name, or "-" for standard input
 *
 * Returns: (transfer full): the document, or %NULL with @error set
 */
MapscopeDocument *
mapscope_document_load_path (const char            *path,
                             GCancellable          *cancellable,
                             MapscopeProgressFunc   progress,
                             gpointer               progress_data,
                             GError               **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  guint64 size = 0;

  g_return_val_if_fail (path != NULL, NULL);

  if (strcmp (path, "-") == 0)
    {
      g_autoptr(GInputStream) stdin_stream = g_unix_input_stream_new (0, FALSE);

      return mapscope_document_load_stream (stdin_stream, "-", 0, cancellable,
                                            progress, progress_data, error);
    }

  /* A plain path is opened directly: GFile would first load GIO's modules
   * (gvfs and the like), a cost that shows on every CLI run. */
  if (strstr (path, "://") == NULL)
    return load_local_path (path, cancellable, progress, progress_data, error);

  file = g_file_new_for_commandline_arg (path);
  stream = g_file_read (file, cancellable, &local_error);
  if (stream == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_read_error (error, local_error, path, 0);
      else
        g_set_error (error, MAPSCOPE_PARSE_ERROR, MAPSCOPE_PARSE_ERROR_READ,
                     "%s: %s", path, describe_open_error (local_error));
      return NULL;
    }

  /* /proc files report a size of 0; that just means "unknown". */
  info = g_file_input_stream_query_info (stream, G_FILE_ATTRIBUTE_STANDARD_SIZE, cancellable, NULL);
  if (info != NULL)
    size = g_file_info_get_size (info);

  return mapscope_document_load_stream (G_INPUT_STREAM (stream), path, size, cancellable,
                                        progress, progress_data, error);
}

/**
 * mapscope_document_load_data:
 *
 * Parses @data, which need not be NUL-terminated.
 *
 * Returns: (transfer full): the document, or %NULL with @error set
 */
MapscopeDocument *
mapscope_document_load_data (const char  *data,
                             gsize        length,
                             const char  *source_name,
                             GError     **error)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (data, length, NULL);

  return mapscope_document_load_stream (stream, source_name, length, NULL, NULL, NULL, error);
}

const char *
mapscope_document_get_source (MapscopeDocument *self)
{
  return self->source;
}

/* Returns: the format of the first snapshot */
MapscopeFormat
mapscope_document_get_format (MapscopeDocument *self)
{
  return self->format;
}

guint
mapscope_document_get_n_snapshots (MapscopeDocument *self)
{
  return self->snapshots->len;
}

/**
 * mapscope_document_get_snapshot:
 *
 * Returns: (transfer none): the snapshot at @index, in the order of the input
 */
MapscopeSnapshot *
mapscope_document_get_snapshot (MapscopeDocument *self,
                                guint             index)
{
  g_return_val_if_fail (index < self->snapshots->len, NULL);
  return g_ptr_array_index (self->snapshots, index);
}

guint
mapscope_document_get_n_warnings (MapscopeDocument *self)
{
  return self->warnings->len;
}

const MapscopeWarning *
mapscope_document_get_warning (MapscopeDocument *self,
                               guint             index)
{
  g_return_val_if_fail (index < self->warnings->len, NULL);
  return &g_array_index (self->warnings, MapscopeWarning, index);
}

guint64
mapscope_document_get_n_lines (MapscopeDocument *self)
{
  return self->n_lines;
}

/**
 * mapscope_document_get_session:
 *
 * Returns: (transfer none) (nullable): the session, when the input was a
 *   saved session: its snapshots are the document's
 */
MapscopeSession *
mapscope_document_get_session (MapscopeDocument *self)
{
  g_return_val_if_fail (MAPSCOPE_IS_DOCUMENT (self), NULL);
  return self->session;
}
