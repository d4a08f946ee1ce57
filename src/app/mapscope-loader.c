/* mapscope-loader.c: loads memory-map files in worker threads, with
 * progress and cancellation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each load runs in a GTask thread. The parser reports progress from that
 * thread; the worker only stores the numbers under the job's mutex, and the
 * main thread samples every running job on a short timer. So property
 * notifications (and the progress bar bound to them) only ever happen on the
 * main thread, and a fast parser cannot flood the main loop with updates.
 */
#include "mapscope-app-config.h"

#include <glib/gi18n.h>

#include "mapscope-app-util.h"
#include "mapscope-loader.h"

#define PROGRESS_INTERVAL_MS 50

typedef struct
{
  GFile        *file;
  char         *display_name;
  GCancellable *cancellable;         /* this load's own; cancel_all() uses it */
  GCancellable *caller_cancellable;  /* nullable; forwarded to ours */
  gulong        caller_handler;

  /* Written by the worker, read by the main thread. */
  GMutex        mutex;
  guint64       bytes_done;
  guint64       bytes_total;
} Job;

struct _MapscopeLoader
{
  GObject    parent_instance;

  /* Borrowed: each Job is owned by the GTask handed back to the caller,
   * which lives until the load finished. */
  GPtrArray *jobs;

  guint      progress_source;
  gboolean   busy;
  double     fraction;
  char      *text;
};

G_DEFINE_FINAL_TYPE (MapscopeLoader, mapscope_loader, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BUSY,
  PROP_FRACTION,
  PROP_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
job_free (Job *job)
{
  g_clear_object (&job->file);
  g_clear_pointer (&job->display_name, g_free);
  g_clear_object (&job->cancellable);
  g_clear_object (&job->caller_cancellable);
  g_mutex_clear (&job->mutex);
  g_free (job);
}

/* Runs in the worker thread. */
static void
job_progress (guint64  bytes_done,
              guint64  bytes_total,
              gpointer user_data)
{
  Job *job = user_data;

  g_mutex_lock (&job->mutex);
  job->bytes_done = bytes_done;
  job->bytes_total = bytes_total;
  g_mutex_unlock (&job->mutex);
}

static void
forward_cancel (GCancellable *caller_cancellable,
                gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

static void
set_busy (MapscopeLoader *self,
          gboolean        busy)
{
  if (self->busy == busy)
    return;
  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
set_fraction (MapscopeLoader *self,
              double          fraction)
{
  if (G_APPROX_VALUE (self->fraction, fraction, 0.001))
    return;
  self->fraction = fraction;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
}

static void
set_text (MapscopeLoader *self,
          const char     *text)
{
  if (g_strcmp0 (self->text, text) == 0)
    return;
  g_free (self->text);
  self->text = g_strdup (text);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

static void
update_progress (MapscopeLoader *self)
{
  guint64 done = 0;
  guint64 total = 0;
  gboolean unknown = FALSE;
  g_autofree char *text = NULL;

  for (guint i = 0; i < self->jobs->len; i++)
    {
      Job *job = g_ptr_array_index (self->jobs, i);

      g_mutex_lock (&job->mutex);
      done += job->bytes_done;
      total += job->bytes_total;
      if (job->bytes_total == 0)
        unknown = TRUE;
      g_mutex_unlock (&job->mutex);
    }

  if (self->jobs->len == 1)
    {
      Job *job = g_ptr_array_index (self->jobs, 0);

      /* Translators: %s is a file name */
      text = g_strdup_printf (_("Loading %s…"), job->display_name);
    }
  else if (self->jobs->len > 1)
    {
      text = g_strdup_printf (ngettext ("Loading %u file…", "Loading %u files…", self->jobs->len),
                              self->jobs->len);
    }

  set_text (self, text);
  if (unknown)
    set_fraction (self, -1);
  else
    set_fraction (self, total > 0 ? (double)MIN (done, total) / (double)total : 0);
  set_busy (self, self->jobs->len > 0);
}

static gboolean
progress_tick (gpointer user_data)
{
  update_progress (MAPSCOPE_LOADER (user_data));
  return G_SOURCE_CONTINUE;
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (job->file);
  MapscopeDocument *document = NULL;

  if (path != NULL)
    {
      document = mapscope_document_load_path (path, cancellable, job_progress, job, &error);
    }
  else
    {
      /* Not a local file (a URI dropped from a remote location): stream it. */
      g_autoptr(GFileInputStream) stream = g_file_read (job->file, cancellable, &error);
      g_autoptr(GFileInfo) info = NULL;
      g_autofree char *uri = g_file_get_uri (job->file);

      if (stream != NULL)
        {
          info = g_file_input_stream_query_info (stream, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                                 cancellable, NULL);
          document = mapscope_document_load_stream (G_INPUT_STREAM (stream), uri,
                                                    info != NULL ? g_file_info_get_size (info) : 0,
                                                    cancellable, job_progress, job, &error);
        }
      else
        {
          g_prefix_error (&error, "%s: ", uri);
        }
    }

  if (document == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, document, g_object_unref);
}

/* The inner (thread) task finished: hand its result to the caller's task. */
static void
load_done (GObject      *source_object,
           GAsyncResult *result,
           gpointer      user_data)
{
  MapscopeLoader *self = MAPSCOPE_LOADER (source_object);
  g_autoptr(GTask) outer = user_data;
  Job *job = g_task_get_task_data (outer);
  GError *error = NULL;
  MapscopeDocument *document;

  document = g_task_propagate_pointer (G_TASK (result), &error);

  if (job->caller_cancellable != NULL)
    g_cancellable_disconnect (job->caller_cancellable, job->caller_handler);
  job->caller_handler = 0;

  g_ptr_array_remove (self->jobs, job);
  if (self->jobs->len == 0)
    g_clear_handle_id (&self->progress_source, g_source_remove);
  update_progress (self);

  if (document == NULL)
    g_task_return_error (outer, error);
  else
    g_task_return_pointer (outer, document, g_object_unref);
}

/**
 * mapscope_loader_load_async:
 * @file: a memory-map file (local or any GIO location)
 *
 * Parses @file in a worker thread. The result is a #MapscopeDocument, or an
 * error whose message already names the file and line.
 */
void
mapscope_loader_load_async (MapscopeLoader      *self,
                            GFile               *file,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) outer = NULL;
  g_autoptr(GTask) inner = NULL;
  Job *job;

  g_return_if_fail (MAPSCOPE_IS_LOADER (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  job = g_new0 (Job, 1);
  g_mutex_init (&job->mutex);
  job->file = g_object_ref (file);
  job->display_name = mapscope_file_display_name (file);
  job->cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    {
      job->caller_cancellable = g_object_ref (cancellable);
      job->caller_handler = g_cancellable_connect (cancellable, G_CALLBACK (forward_cancel),
                                                   job->cancellable, NULL);
    }

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, mapscope_loader_load_async);
  g_task_set_task_data (outer, job, (GDestroyNotify)job_free);
  /* The result carries its own error; a cancelled caller still gets the
   * parser's "loading was cancelled" message rather than GIO's. */
  g_task_set_check_cancellable (outer, FALSE);

  g_ptr_array_add (self->jobs, job);
  if (self->progress_source == 0)
    self->progress_source = g_timeout_add (PROGRESS_INTERVAL_MS, progress_tick, self);
  update_progress (self);

  inner = g_task_new (self, job->cancellable, load_done, g_steal_pointer (&outer));
  g_task_set_source_tag (inner, load_thread);
  g_task_set_task_data (inner, job, NULL);
  g_task_set_check_cancellable (inner, FALSE);
  g_task_run_in_thread (inner, load_thread);
}

/**
 * mapscope_loader_load_finish:
 *
 * Returns: (transfer full): the document, or %NULL with @error set
 */
MapscopeDocument *
mapscope_loader_load_finish (MapscopeLoader  *self,
                             GAsyncResult    *result,
                             GError         **error)
{
  g_return_val_if_fail (MAPSCOPE_IS_LOADER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Cancels every load still running; each finishes with a cancelled error. */
void
mapscope_loader_cancel_all (MapscopeLoader *self)
{
  g_return_if_fail (MAPSCOPE_IS_LOADER (self));

  for (guint i = 0; i < self->jobs->len; i++)
    {
      Job *job = g_ptr_array_index (self->jobs, i);

      g_cancellable_cancel (job->cancellable);
    }
}

gboolean
mapscope_loader_get_busy (MapscopeLoader *self)
{
  g_return_val_if_fail (MAPSCOPE_IS_LOADER (self), FALSE);

  return self->busy;
}

double
mapscope_loader_get_fraction (MapscopeLoader *self)
{
  g_return_val_if_fail (MAPSCOPE_IS_LOADER (self), 0);

  return self->fraction;
}

/**
 * mapscope_loader_get_text:
 *
 * Returns: (transfer none) (nullable): what is being loaded
 */
const char *
mapscope_loader_get_text (MapscopeLoader *self)
{
  g_return_val_if_fail (MAPSCOPE_IS_LOADER (self), NULL);

  return self->text;
}

MapscopeLoader *
mapscope_loader_new (void)
{
  return g_object_new (MAPSCOPE_TYPE_LOADER, NULL);
}

static void
mapscope_loader_dispose (GObject *object)
{
  MapscopeLoader *self = MAPSCOPE_LOADER (object);

  /* Running tasks hold a reference to us, so no job is left here. */
  g_clear_handle_id (&self->progress_source, g_source_remove);

  G_OBJECT_CLASS (mapscope_loader_parent_class)->dispose (object);
}

static void
mapscope_loader_finalize (GObject *object)
{
  MapscopeLoader *self = MAPSCOPE_LOADER (object);

  g_clear_pointer (&self->jobs, g_ptr_array_unref);
  g_clear_pointer (&self->text, g_free);

  G_OBJECT_CLASS (mapscope_loader_parent_class)->finalize (object);
}

static void
mapscope_loader_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  MapscopeLoader *self = MAPSCOPE_LOADER (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;

    case PROP_FRACTION:
      g_value_set_double (value, self->fraction);
      break;

    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mapscope_loader_class_init (MapscopeLoaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mapscope_loader_dispose;
  object_class->finalize = mapscope_loader_finalize;
  object_class->get_property = mapscope_loader_get_property;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL,
                         -1, 1, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mapscope_loader_init (MapscopeLoader *self)
{
  self->jobs = g_ptr_array_new ();
}
