/* mapscope-read-ahead.c: reads a stream in chunks, ahead of the parser
 *
 * Reading a large file costs the kernel's copy into our buffers, about a
 * fifth of the time of parsing it. A reader thread fills a few buffers
 * while the parser works on another, so on two cores the copy is hidden.
 * Buffers go round between two queues: empty ones to the reader, filled
 * ones to the parser. Small inputs are read on the calling thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mapscope-read-ahead.h"

#define CHUNK_SIZE (256 * 1024)
#define N_CHUNKS   4

typedef struct
{
  char   *data;
  gssize  len;     /* bytes read, 0 at the end, -1 on error */
  GError *error;
} Chunk;

struct _MapscopeReadAhead
{
  GInputStream *input;
  GCancellable *cancellable;   /* ours: cancelled by the caller's, or by free() */
  GCancellable *caller_cancellable;
  gulong        caller_handler;
  Chunk         chunks[N_CHUNKS];
  Chunk        *current;       /* handed to the caller by the last next() */
  Chunk         stop;          /* put in the empty queue to end the reader */
  GAsyncQueue  *empty;
  GAsyncQueue  *filled;
  GThread      *thread;
  gboolean      reader_done;   /* the reader delivered its last chunk */
};

/* Fills the whole chunk: a read of /proc/PID/smaps returns about a page
 * whatever is asked for, and a chunk per page would cost a context switch
 * per page. */
static void
read_chunk (MapscopeReadAhead *self,
            Chunk             *chunk)
{
  gsize n = 0;

  g_clear_error (&chunk->error);
  if (g_input_stream_read_all (self->input, chunk->data, CHUNK_SIZE, &n, self->cancellable,
                               &chunk->error))
    chunk->len = n;
  else
    chunk->len = -1;
}

static gpointer
reader_thread (gpointer data)
{
  MapscopeReadAhead *self = data;

  for (;;)
    {
      Chunk *chunk = g_async_queue_pop (self->empty);

      if (chunk == &self->stop)
        break;

      read_chunk (self, chunk);
      g_async_queue_push (self->filled, chunk);
      if (chunk->len <= 0)
        break;
    }

  return NULL;
}

static void
on_caller_cancelled (GCancellable *caller,
                     GCancellable *ours)
{
  g_cancellable_cancel (ours);
}

MapscopeReadAhead *
_mapscope_read_ahead_new (GInputStream *input,
                          gboolean      threaded,
                          GCancellable *cancellable)
{
  MapscopeReadAhead *self = g_new0 (MapscopeReadAhead, 1);

  self->input = g_object_ref (input);
  self->cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    {
      self->caller_cancellable = g_object_ref (cancellable);
      self->caller_handler = g_cancellable_connect (cancellable, G_CALLBACK (on_caller_cancelled),
                                                    self->cancellable, NULL);
    }
  /* Read on this thread, one buffer is all it takes. */
  for (guint i = 0; i < (threaded ? N_CHUNKS : 1); i++)
    self->chunks[i].data = g_malloc (CHUNK_SIZE);

  if (threaded)
    {
      self->empty = g_async_queue_new ();
      self->filled = g_async_queue_new ();
      for (guint i = 0; i < N_CHUNKS; i++)
        g_async_queue_push (self->empty, &self->chunks[i]);
      self->thread = g_thread_new ("mapscope-read-ahead", reader_thread, self);
    }

  return self;
}

/**
 * _mapscope_read_ahead_next:
 * @data: (out): the bytes read, valid until the next call
 *
 * Returns: the number of bytes in @data, 0 at the end of the input, or -1
 *   with @error set
 */
gssize
_mapscope_read_ahead_next (MapscopeReadAhead  *self,
                           const char        **data,
                           GError            **error)
{
  Chunk *chunk;

  *data = NULL;

  if (self->thread == NULL)
    {
      chunk = &self->chunks[0];
      read_chunk (self, chunk);
    }
  else
    {
      if (self->current != NULL)
        g_async_queue_push (self->empty, self->current);
      self->current = NULL;
      if (self->reader_done)
        return 0;

      chunk = g_async_queue_pop (self->filled);
      self->current = chunk;
      self->reader_done = chunk->len <= 0;
    }

  if (chunk->len < 0)
    {
      g_propagate_error (error, g_steal_pointer (&chunk->error));
      return -1;
    }

  *data = chunk->data;
  return chunk->len;
}

void
_mapscope_read_ahead_free (MapscopeReadAhead *self)
{
  if (self == NULL)
    return;

  if (self->caller_cancellable != NULL)
    {
      g_cancellable_disconnect (self->caller_cancellable, self->caller_handler);
      g_clear_object (&self->caller_cancellable);
    }

  if (self->thread != NULL)
    {
      /* The reader may block reading a pipe, or on the empty queue, unless it
       * ended on its own at the end of the input: wake it either way. */
      g_cancellable_cancel (self->cancellable);
      g_async_queue_push (self->empty, &self->stop);
      g_thread_join (self->thread);
      g_async_queue_unref (self->empty);
      g_async_queue_unref (self->filled);
    }

  for (guint i = 0; i < N_CHUNKS; i++)
    {
      g_free (self->chunks[i].data);
      g_clear_error (&self->chunks[i].error);
    }
  g_clear_object (&self->cancellable);
  g_object_unref (self->input);
  g_free (self);
}
