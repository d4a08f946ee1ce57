/* mapscope-window-loading.c: opening files in the window, with progress,
 * toasts for errors and warnings, and the demo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each call of mapscope_window_open_files() is a batch. Its files load in
 * parallel worker threads, but their snapshots reach the workspace in the
 * order the files were given, so `mapscope a b` always lists a before b: a
 * result that arrives early waits in its slot until those before it are in.
 * A file that fails only costs a toast; what was already loaded stays.
 */
#include "mapscope-app-config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "mapscope-app-util.h"
#include "mapscope-error.h"
#include "mapscope-window-private.h"

/* Quick loads should not flash a progress bar. */
#define REVEAL_DELAY_MS 250
#define PULSE_INTERVAL_MS 100
#define ERROR_TOAST_SECONDS 10

typedef struct
{
  MapscopeWindow    *window;      /* owned */
  MapscopeOpenFlags  flags;
  guint              n_files;
  GFile            **files;       /* owned, as resolved */
  MapscopeDocument **documents;   /* per file: owned, NULL until loaded or on error */
  GError           **errors;      /* per file: owned */
  gboolean          *done;
  guint              next;        /* first file not handed to the workspace yet */
  gboolean           told_cancelled;
  MapscopeDocument  *first;       /* owned: the demo compares within it */
} OpenBatch;

typedef struct
{
  OpenBatch *batch;
  guint      index;
} BatchSlot;

typedef struct
{
  GWeakRef            window;
  gpointer            object;     /* owned */
  MapscopeToastAction action;
  gboolean            flag;
} ToastButton;

static void
open_batch_free (OpenBatch *batch)
{
  for (guint i = 0; i < batch->n_files; i++)
    {
      g_clear_object (&batch->files[i]);
      g_clear_object (&batch->documents[i]);
      g_clear_error (&batch->errors[i]);
    }
  g_free (batch->files);
  g_free (batch->documents);
  g_free (batch->errors);
  g_free (batch->done);
  g_clear_object (&batch->first);
  g_clear_object (&batch->window);
  g_free (batch);
}

/**
 * _mapscope_window_new_toast:
 * @plain_title: the text, not markup: file names may hold '&' or '<'
 *
 * Returns: (transfer floating): a toast
 */
AdwToast *
_mapscope_window_new_toast (const char *plain_title)
{
  g_autofree char *escaped = g_markup_escape_text (plain_title, -1);

  return adw_toast_new (escaped);
}

void
_mapscope_window_add_toast (MapscopeWindow *self,
                            AdwToast       *toast)
{
  if (self->disposed)
    {
      g_object_unref (g_object_ref_sink (toast));
      return;
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
toast_button_free (gpointer  data,
                   GClosure *closure)
{
  ToastButton *button = data;

  g_weak_ref_clear (&button->window);
  g_clear_object (&button->object);
  g_free (button);
}

static void
toast_button_clicked (AdwToast    *toast,
                      ToastButton *button)
{
  g_autoptr(MapscopeWindow) self = g_weak_ref_get (&button->window);

  if (self != NULL && !self->disposed)
    button->action (self, button->object, button->flag);
}

/* Shows @toast with a button that calls @action with @object (kept alive
 * as long as the toast) and @flag, if the window still exists by then. */
void
_mapscope_window_add_toast_with_button (MapscopeWindow      *self,
                                        AdwToast            *toast,
                                        const char          *button_label,
                                        MapscopeToastAction  action,
                                        gpointer             object,
                                        gboolean             flag)
{
  ToastButton *button = g_new0 (ToastButton, 1);

  g_weak_ref_init (&button->window, self);
  button->object = g_object_ref (object);
  button->action = action;
  button->flag = flag;

  adw_toast_set_button_label (toast, button_label);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (toast_button_clicked), button,
                         toast_button_free, 0);
  _mapscope_window_add_toast (self, toast);
}

/* Errors are shown until dismissed or for a while, in the window. */
void
mapscope_window_show_error (MapscopeWindow *self,
                            const char     *message)
{
  AdwToast *toast;

  g_return_if_fail (MAPSCOPE_IS_WINDOW (self));

  toast = _mapscope_window_new_toast (message);
  adw_toast_set_timeout (toast, ERROR_TOAST_SECONDS);
  _mapscope_window_add_toast (self, toast);
}

static void
show_warnings_clicked (MapscopeWindow *self,
                       gpointer        object,
                       gboolean        flag)
{
  _mapscope_window_show_warnings (self, MAPSCOPE_DOCUMENT (object));
}

static void
report_warnings (MapscopeWindow   *self,
                 MapscopeDocument *document)
{
  guint n = mapscope_document_get_n_warnings (document);
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;

  if (n == 0)
    return;

  name = mapscope_source_display_name (mapscope_document_get_source (document));
  /* Translators: the first %u is a count, %s a file name */
  title = g_strdup_printf (ngettext ("%u warning in %s", "%u warnings in %s", n), n, name);
  _mapscope_window_add_toast_with_button (self, _mapscope_window_new_toast (title), _("_Show"),
                                          show_warnings_clicked, document, FALSE);
}

static void
report_error (MapscopeWindow *self,
              OpenBatch      *batch,
              GFile          *file,
              const GError   *error)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *message = NULL;

  if (g_error_matches (error, MAPSCOPE_PARSE_ERROR, MAPSCOPE_PARSE_ERROR_CANCELLED) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* One toast for the whole batch: the user knows what they cancelled. */
      if (!batch->told_cancelled)
        _mapscope_window_add_toast (self, _mapscope_window_new_toast (_("Loading cancelled")));
      batch->told_cancelled = TRUE;
      return;
    }

  message = mapscope_shorten_error_message (error->message, path);
  mapscope_window_show_error (self, message);
}

/* Indices of @snapshot and of the baseline among the snapshots read from
 * @source, in workspace order; G_MAXUINT for "not from there". */
static GPtrArray *
snapshots_from_source (MapscopeWindow *self,
                       const char     *source,
                       guint          *current_index,
                       guint          *baseline_index)
{
  GListModel *snapshots = mapscope_workspace_get_snapshots (self->workspace);
  MapscopeSnapshot *current = mapscope_workspace_get_current (self->workspace);
  MapscopeSnapshot *baseline = mapscope_workspace_get_baseline (self->workspace);
  GPtrArray *found = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = g_list_model_get_n_items (snapshots);

  *current_index = G_MAXUINT;
  *baseline_index = G_MAXUINT;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MapscopeSnapshot) item = g_list_model_get_item (snapshots, i);

      if (g_strcmp0 (mapscope_snapshot_get_source (item), source) != 0)
        continue;
      if (item == current)
        *current_index = found->len;
      if (item == baseline)
        *baseline_index = found->len;
      g_ptr_array_add (found, g_steal_pointer (&item));
    }
  return found;
}

static MapscopeSnapshot *
nth_snapshot_clamped (MapscopeDocument *document,
                      guint             index)
{
  guint n = mapscope_document_get_n_snapshots (document);

  return mapscope_document_get_snapshot (document, MIN (index, n - 1));
}

/* A refresh: the re-read snapshots take the place of the old ones, and
 * current and baseline stay at the same positions within the file (a log
 * that grew keeps its first entries where they were). */
static void
replace_source (MapscopeWindow   *self,
                MapscopeDocument *document)
{
  guint current_index;
  guint baseline_index;
  gboolean had_current = mapscope_workspace_get_current (self->workspace) != NULL;
  g_autoptr(GPtrArray) old = snapshots_from_source (self, mapscope_document_get_source (document),
                                                    &current_index, &baseline_index);

  for (guint i = 0; i < old->len; i++)
    mapscope_workspace_remove_snapshot (self->workspace, g_ptr_array_index (old, i));
  mapscope_workspace_add_document (self->workspace, document);

  /* With no current one before, the last snapshot becomes current. */
  if (current_index != G_MAXUINT || !had_current)
    mapscope_workspace_set_current (self->workspace, nth_snapshot_clamped (document, current_index));
  if (baseline_index != G_MAXUINT)
    mapscope_workspace_set_baseline (self->workspace, nth_snapshot_clamped (document, baseline_index));
}

static void
add_document (MapscopeWindow    *self,
              MapscopeDocument  *document,
              MapscopeOpenFlags  flags)
{
  guint n = mapscope_document_get_n_snapshots (document);

  if (n == 0)
    return;

  if (flags & MAPSCOPE_OPEN_REPLACE)
    {
      replace_source (self, document);
    }
  else
    {
      mapscope_workspace_add_document (self->workspace, document);
      /* The latest state of the process is what one opened a file for. */
      mapscope_workspace_set_current (self->workspace,
                                      mapscope_document_get_snapshot (document, n - 1));
    }
  report_warnings (self, document);
}

/* The demo: a leaking process, its first snapshot against its last. */
static void
compare_first_and_last (MapscopeWindow   *self,
                        MapscopeDocument *document)
{
  guint n = mapscope_document_get_n_snapshots (document);

  if (n == 0)
    return;
  mapscope_workspace_set_baseline (self->workspace, mapscope_document_get_snapshot (document, 0));
  mapscope_workspace_set_current (self->workspace, mapscope_document_get_snapshot (document, n - 1));
  adw_view_stack_set_visible_child_name (self->view_stack, "summary");
}

/* Hands every result that is next in line to the workspace. */
static void
batch_flush (OpenBatch *batch)
{
  MapscopeWindow *self = batch->window;

  while (batch->next < batch->n_files && batch->done[batch->next])
    {
      guint i = batch->next++;

      if (self->disposed)
        continue;
      if (batch->documents[i] != NULL)
        {
          if (!_mapscope_window_take_session (self, batch->documents[i], batch->files[i]))
            add_document (self, batch->documents[i], batch->flags);
        }
      else
        report_error (self, batch, batch->files[i], batch->errors[i]);
      g_clear_object (&batch->documents[i]);
      g_clear_error (&batch->errors[i]);
    }
}

static void
load_done (GObject      *source_object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autofree BatchSlot *slot = user_data;
  OpenBatch *batch = slot->batch;
  MapscopeDocument *document;
  GError *error = NULL;

  document = mapscope_loader_load_finish (MAPSCOPE_LOADER (source_object), result, &error);
  batch->documents[slot->index] = document;
  batch->errors[slot->index] = error;
  batch->done[slot->index] = TRUE;
  if (slot->index == 0 && document != NULL)
    batch->first = g_object_ref (document);

  batch_flush (batch);

  if (batch->next < batch->n_files)
    return;

  if (!batch->window->disposed)
    {
      if ((batch->flags & MAPSCOPE_OPEN_DEMO) && batch->first != NULL)
        compare_first_and_last (batch->window, batch->first);
      batch->window->n_batches--;
    }
  open_batch_free (batch);
}

/* `mapscope 1234` opens the running process 1234: a bare number that is not
 * a file is taken as a PID. */
static GFile *
resolve_file (GFile *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *base = NULL;

  if (path == NULL || g_file_test (path, G_FILE_TEST_EXISTS))
    return g_object_ref (file);

  base = g_path_get_basename (path);
  if (base[0] != '\0' && strspn (base, "0123456789") == strlen (base))
    return g_file_new_build_filename ("/proc", base, "smaps", NULL);
  return g_object_ref (file);
}

/**
 * mapscope_window_open_files:
 * @files: (array length=n_files): the files to read
 *
 * Reads @files in worker threads and adds their snapshots to the workspace,
 * in this order, as they arrive. This is what the Open dialog, drag and drop,
 * the command line and the demo all go through.
 */
void
mapscope_window_open_files (MapscopeWindow     *self,
                            GFile             **files,
                            guint               n_files,
                            MapscopeOpenFlags   flags)
{
  OpenBatch *batch;

  g_return_if_fail (MAPSCOPE_IS_WINDOW (self));
  g_return_if_fail (files != NULL || n_files == 0);

  if (n_files == 0 || self->disposed)
    return;

  batch = g_new0 (OpenBatch, 1);
  batch->window = g_object_ref (self);
  batch->flags = flags;
  batch->n_files = n_files;
  batch->files = g_new0 (GFile *, n_files);
  batch->documents = g_new0 (MapscopeDocument *, n_files);
  batch->errors = g_new0 (GError *, n_files);
  batch->done = g_new0 (gboolean, n_files);
  self->n_batches++;

  for (guint i = 0; i < n_files; i++)
    {
      BatchSlot *slot = g_new0 (BatchSlot, 1);

      batch->files[i] = resolve_file (files[i]);
      slot->batch = batch;
      slot->index = i;
      mapscope_loader_load_async (self->loader, batch->files[i], NULL, load_done, slot);
    }
}

static gboolean
pulse_tick (gpointer user_data)
{
  MapscopeWindow *self = MAPSCOPE_WINDOW (user_data);

  gtk_progress_bar_pulse (self->progress_bar);
  return G_SOURCE_CONTINUE;
}

static void
loader_fraction_changed (MapscopeWindow *self)
{
  double fraction = mapscope_loader_get_fraction (self->loader);

  if (fraction < 0)
    {
      if (self->pulse_source == 0)
        self->pulse_source = g_timeout_add (PULSE_INTERVAL_MS, pulse_tick, self);
      return;
    }
  g_clear_handle_id (&self->pulse_source, g_source_remove);
  gtk_progress_bar_set_fraction (self->progress_bar, fraction);
}

static void
reveal_progress (gpointer user_data)
{
  MapscopeWindow *self = MAPSCOPE_WINDOW (user_data);

  self->reveal_source = 0;
  gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);
}

static void
loader_busy_changed (MapscopeWindow *self)
{
  if (mapscope_loader_get_busy (self->loader))
    {
      if (self->reveal_source == 0 && !gtk_revealer_get_reveal_child (self->progress_revealer))
        self->reveal_source = g_timeout_add_once (REVEAL_DELAY_MS, reveal_progress, self);
      return;
    }
  g_clear_handle_id (&self->reveal_source, g_source_remove);
  g_clear_handle_id (&self->pulse_source, g_source_remove);
  gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
}

void
_mapscope_window_init_loading (MapscopeWindow *self)
{
  g_object_bind_property (self->loader, "text", self->progress_label, "label", G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->loader, "notify::fraction",
                           G_CALLBACK (loader_fraction_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->loader, "notify::busy",
                           G_CALLBACK (loader_busy_changed), self, G_CONNECT_SWAPPED);
}

void
_mapscope_window_dispose_loading (MapscopeWindow *self)
{
  self->disposed = TRUE;
  g_clear_handle_id (&self->reveal_source, g_source_remove);
  g_clear_handle_id (&self->pulse_source, g_source_remove);
  if (self->loader != NULL)
    mapscope_loader_cancel_all (self->loader);
}
