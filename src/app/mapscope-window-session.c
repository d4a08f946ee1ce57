/* mapscope-window-session.c: saving and opening sessions in the window,
 * the unsaved-changes marker, the question before closing, recent
 * sessions and notes on snapshots
 *
 * "Unsaved changes" are snapshots added or removed, the baseline, a note or
 * the filter changed since the last save or open. Saving runs in a worker
 * thread on a session taken from the workspace (the snapshots do not change
 * once loaded; the notes are copied), as a large one takes seconds.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mapscope-app-config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "mapscope-session.h"
#include "mapscope-window-private.h"

#ifdef HAVE_MAPSCOPE_VIEWS
# include "mapscope-map-view.h"
#endif

#define SESSION_MIME_TYPE "application/x-mapscope-session"
#define MAX_RECENT 8

static gboolean
has_snapshots (MapscopeWindow *self)
{
  return g_list_model_get_n_items (mapscope_workspace_get_snapshots (self->workspace)) > 0;
}

static void
update_title (MapscopeWindow *self)
{
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;

  if (self->session_file != NULL)
    name = g_file_get_basename (self->session_file);
  else if (has_snapshots (self))
    name = g_strdup (_("Unsaved Session"));

  if (name == NULL)
    title = g_strdup (_("Mapscope"));
  else if (_mapscope_window_has_unsaved_changes (self))
    /* Translators: the window title of a session with unsaved changes */
    title = g_strdup_printf (_("• %s"), name);
  else
    title = g_steal_pointer (&name);

  adw_view_switcher_title_set_title (self->switcher_title, title);
  gtk_window_set_title (GTK_WINDOW (self), title);
}

gboolean
_mapscope_window_has_unsaved_changes (MapscopeWindow *self)
{
  /* An empty window has nothing to lose. */
  return self->unsaved && (has_snapshots (self) || self->session_file != NULL);
}

static void
set_unsaved (MapscopeWindow *self,
             gboolean        unsaved)
{
  if (self->restoring_session)
    return;
  self->unsaved = unsaved;
  update_title (self);
}

static void
mark_unsaved (MapscopeWindow *self)
{
  self->change_count++;
  set_unsaved (self, TRUE);
}

static void
snapshots_changed (MapscopeWindow *self,
                   guint           position,
                   guint           removed,
                   guint           added,
                   GListModel     *model)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(MapscopeSnapshot) snapshot = g_list_model_get_item (model, i);

      /* Connected again when a closed snapshot comes back: marking twice
       * does no harm. */
      g_signal_connect_object (snapshot, "notify::note", G_CALLBACK (mark_unsaved), self,
                               G_CONNECT_SWAPPED);
    }
  mark_unsaved (self);
}

/* The map view, when the views are built. */
static GtkWidget *
find_map_view (MapscopeWindow *self)
{
#ifdef HAVE_MAPSCOPE_VIEWS
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->map_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (MAPSCOPE_IS_MAP_VIEW (child))
        return child;
    }
#endif
  return NULL;
}

static void
add_to_recent (GFile *file)
{
  g_autofree char *uri = g_file_get_uri (file);
  GtkRecentData data = {
    .display_name = NULL,
    .description = NULL,
    .mime_type = (char *)SESSION_MIME_TYPE,
    .app_name = (char *)g_get_application_name (),
    .app_exec = (char *)"mapscope %u",
  };

  gtk_recent_manager_add_full (gtk_recent_manager_get_default (), uri, &data);
}

typedef struct
{
  const char          *id;
  const char          *label;
  AdwResponseAppearance appearance;
} Response;

/* A question: the first response is the one Escape gives, the last the
 * default. Present it once its "response" handler is connected. */
static GtkWidget *
new_question (MapscopeWindow *self,
              const char     *heading,
              const char     *body,
              const Response *responses,
              guint           n_responses)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  for (guint i = 0; i < n_responses; i++)
    {
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), responses[i].id,
                                       responses[i].label);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), responses[i].id,
                                                  responses[i].appearance);
    }
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), responses[0].id);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog),
                                           responses[n_responses - 1].id);
  return dialog;
}

/* Saving */

typedef struct
{
  MapscopeSession *session;
  GFile           *file;
  guint            change_count;   /* the window's when the save started */
  gboolean         close_after;
} SaveRequest;

static void
save_request_free (SaveRequest *request)
{
  g_object_unref (request->session);
  g_object_unref (request->file);
  g_free (request);
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveRequest *request = task_data;
  GError *error = NULL;

  if (mapscope_session_save (request->session, request->file, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
save_done (GObject      *source_object,
           GAsyncResult *result,
           gpointer      user_data)
{
  MapscopeWindow *self = MAPSCOPE_WINDOW (source_object);
  SaveRequest *request = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  self->saving = FALSE;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!self->disposed)
        mapscope_window_show_error (self, error->message);
      return;
    }

  g_set_object (&self->session_file, request->file);
  /* What changed while the file was written is not in it. */
  self->unsaved = self->change_count != request->change_count;
  update_title (self);
  add_to_recent (request->file);
  if (request->close_after && !self->unsaved)
    gtk_window_close (GTK_WINDOW (self));
}

/**
 * _mapscope_window_save_session:
 *
 * Saves the workspace and the view to @file in a worker thread; once saved,
 * @file becomes the window's session (and the window closes if
 * @close_after). The file choosers end here; so do the tests, which wait
 * while _mapscope_window_get_saving() says so.
 */
void
_mapscope_window_save_session (MapscopeWindow *self,
                               GFile          *file,
                               gboolean        close_after)
{
  g_autoptr(GTask) task = NULL;
  SaveRequest *request;
  GtkWidget *map_view = find_map_view (self);
  double zoom = 0;
  guint64 center = 0;

  if (self->saving)
    return;

#ifdef HAVE_MAPSCOPE_VIEWS
  if (map_view != NULL)
    {
      zoom = mapscope_map_view_get_zoom (MAPSCOPE_MAP_VIEW (map_view));
      center = mapscope_map_view_get_center (MAPSCOPE_MAP_VIEW (map_view));
    }
#endif

  request = g_new0 (SaveRequest, 1);
  request->session = mapscope_session_new_from_workspace (self->workspace);
  request->file = g_object_ref (file);
  request->change_count = self->change_count;
  request->close_after = close_after;
  mapscope_session_set_view (request->session, zoom, center,
                             adw_view_stack_get_visible_child_name (self->view_stack));

  self->saving = TRUE;
  task = g_task_new (self, NULL, save_done, NULL);
  g_task_set_source_tag (task, _mapscope_window_save_session);
  g_task_set_task_data (task, request, (GDestroyNotify)save_request_free);
  g_task_run_in_thread (task, save_thread);
}

gboolean
_mapscope_window_get_saving (MapscopeWindow *self)
{
  return self->saving;
}

static char *
suggested_name (MapscopeWindow *self)
{
  MapscopeSnapshot *current = mapscope_workspace_get_current (self->workspace);
  const char *command = current != NULL ? mapscope_snapshot_get_command (current) : NULL;

  if (self->session_file != NULL)
    return g_file_get_basename (self->session_file);
  if (command != NULL && command[0] != '\0' && strchr (command, '/') == NULL)
    return g_strconcat (command, ".mapscope", NULL);
  /* Translators: the file name a new session is offered */
  return g_strconcat (_("Session"), ".mapscope", NULL);
}

static void
save_chooser_response (GtkNativeDialog *native,
                       int              response,
                       gpointer         user_data)
{
  g_autoptr(MapscopeWindow) self = user_data;
  gboolean close_after = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (native), "close-after"));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

      if (file != NULL)
        _mapscope_window_save_session (self, file, close_after);
    }

  gtk_native_dialog_destroy (native);
  g_object_unref (native);
}

static void
choose_save_file (MapscopeWindow *self,
                  gboolean        close_after)
{
  g_autofree char *name = suggested_name (self);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *native;

  native = gtk_file_chooser_native_new (_("Save Session"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_filter_set_name (filter, _("Mapscope sessions"));
  gtk_file_filter_add_pattern (filter, "*.mapscope");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
  if (self->session_file != NULL)
    {
      g_autoptr(GFile) parent = g_file_get_parent (self->session_file);

      if (parent != NULL)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), parent, NULL);
    }
  g_object_set_data (G_OBJECT (native), "close-after", GINT_TO_POINTER (close_after));

  g_signal_connect (native, "response", G_CALLBACK (save_chooser_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
save_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  MapscopeWindow *self = MAPSCOPE_WINDOW (user_data);

  if (self->session_file != NULL)
    _mapscope_window_save_session (self, self->session_file, FALSE);
  else
    choose_save_file (self, FALSE);
}

static void
save_as_activated (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  choose_save_file (MAPSCOPE_WINDOW (user_data), FALSE);
}

/* Closing */

static gboolean
close_when_idle (gpointer user_data)
{
  g_autoptr(MapscopeWindow) self = user_data;

  gtk_window_close (GTK_WINDOW (self));
  return G_SOURCE_REMOVE;
}

/* Closing the window destroys the dialog it is a parent of: not while the
 * dialog is still emitting its response. */
static void
close_dialog_response (AdwMessageDialog *dialog,
                       const char       *response,
                       MapscopeWindow   *self)
{
  if (g_strcmp0 (response, "discard") == 0)
    {
      self->close_confirmed = TRUE;
      g_idle_add (close_when_idle, g_object_ref (self));
    }
  else if (g_strcmp0 (response, "save") == 0)
    {
      if (self->session_file == NULL)
        choose_save_file (self, TRUE);
      else
        _mapscope_window_save_session (self, self->session_file, TRUE);
    }
}

/**
 * _mapscope_window_session_may_close:
 *
 * Returns: %TRUE when the window may close now; otherwise it asks first
 *   whether to save, and closes once the user has answered
 */
gboolean
_mapscope_window_session_may_close (MapscopeWindow *self)
{
  g_autofree char *name = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (self->close_confirmed || !_mapscope_window_has_unsaved_changes (self))
    return TRUE;

  name = self->session_file != NULL ? g_file_get_basename (self->session_file) : NULL;
  if (name != NULL)
    /* Translators: %s is a file name */
    body = g_strdup_printf (_("“%s” has unsaved changes. Changes which are not saved will be lost."),
                            name);
  else
    body = g_strdup (_("The open snapshots are not saved in a session. Changes which are not "
                       "saved will be lost."));
  {
    const Response responses[] = {
      { "cancel", _("_Cancel"), ADW_RESPONSE_DEFAULT },
      { "discard", _("_Discard"), ADW_RESPONSE_DESTRUCTIVE },
      { "save", _("_Save"), ADW_RESPONSE_SUGGESTED },
    };

    dialog = new_question (self, _("Save Changes?"), body, responses, G_N_ELEMENTS (responses));
  }
  g_signal_connect_object (dialog, "response", G_CALLBACK (close_dialog_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return FALSE;
}

/* Opening */

static void
restore_session (MapscopeWindow   *self,
                 MapscopeDocument *document,
                 GFile            *file)
{
  MapscopeSession *session = mapscope_document_get_session (document);
  const MapscopeSessionView *view = mapscope_session_get_view (session);
  GtkWidget *map_view = find_map_view (self);

  self->restoring_session = TRUE;
  mapscope_session_apply (session, self->workspace, TRUE);
  if (view->page != NULL && adw_view_stack_get_child_by_name (self->view_stack, view->page) != NULL)
    adw_view_stack_set_visible_child_name (self->view_stack, view->page);
#ifdef HAVE_MAPSCOPE_VIEWS
  if (map_view != NULL && view->zoom > 0)
    mapscope_map_view_set_view (MAPSCOPE_MAP_VIEW (map_view), view->zoom, view->center);
#endif
  self->restoring_session = FALSE;

  g_set_object (&self->session_file, file);
  self->unsaved = FALSE;
  update_title (self);
  add_to_recent (file);
}

typedef struct
{
  MapscopeWindow   *window;
  MapscopeDocument *document;
  GFile            *file;
} PendingSession;

static void
pending_session_free (PendingSession *pending)
{
  g_object_unref (pending->window);
  g_object_unref (pending->document);
  g_object_unref (pending->file);
  g_free (pending);
}

static void
open_dialog_response (AdwMessageDialog *dialog,
                      const char       *response,
                      PendingSession   *pending)
{
  MapscopeWindow *self = pending->window;

  if (g_strcmp0 (response, "replace") == 0)
    {
      restore_session (self, pending->document, pending->file);
    }
  else if (g_strcmp0 (response, "add") == 0)
    {
      mapscope_session_apply (mapscope_document_get_session (pending->document), self->workspace,
                              FALSE);
      add_to_recent (pending->file);
    }
}

/**
 * _mapscope_window_take_session:
 *
 * Opens @document if it is a saved session: it replaces the workspace,
 * after asking whether to when that holds unsaved changes.
 *
 * Returns: whether @document was a session (and is taken care of)
 */
gboolean
_mapscope_window_take_session (MapscopeWindow   *self,
                               MapscopeDocument *document,
                               GFile            *file)
{
  g_autofree char *name = NULL;
  g_autofree char *body = NULL;
  PendingSession *pending;
  GtkWidget *dialog;

  if (mapscope_document_get_session (document) == NULL)
    return FALSE;

  if (!_mapscope_window_has_unsaved_changes (self) || !has_snapshots (self))
    {
      restore_session (self, document, file);
      return TRUE;
    }

  name = g_file_get_basename (file);
  /* Translators: %s is a file name */
  body = g_strdup_printf (_("The open snapshots have unsaved changes. Opening “%s” can replace "
                            "them, or add its snapshots to them."), name);
  {
    const Response responses[] = {
      { "cancel", _("_Cancel"), ADW_RESPONSE_DEFAULT },
      { "replace", _("_Discard and Replace"), ADW_RESPONSE_DESTRUCTIVE },
      { "add", _("_Add to Open Snapshots"), ADW_RESPONSE_SUGGESTED },
    };

    dialog = new_question (self, _("Replace the Open Snapshots?"), body, responses,
                           G_N_ELEMENTS (responses));
  }

  pending = g_new0 (PendingSession, 1);
  pending->window = g_object_ref (self);
  pending->document = g_object_ref (document);
  pending->file = g_object_ref (file);
  g_signal_connect_data (dialog, "response", G_CALLBACK (open_dialog_response), pending,
                         (GClosureNotify)(void (*) (void))pending_session_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

/* Recent sessions */

static void
update_recent_menu (MapscopeWindow *self)
{
  GList *items = gtk_recent_manager_get_items (gtk_recent_manager_get_default ());
  guint n_added = 0;

  g_menu_remove_all (self->recent_menu);
  for (GList *l = items; l != NULL && n_added < MAX_RECENT; l = l->next)
    {
      GtkRecentInfo *info = l->data;
      g_autoptr(GMenuItem) item = NULL;

      if (g_strcmp0 (gtk_recent_info_get_mime_type (info), SESSION_MIME_TYPE) != 0 ||
          !gtk_recent_info_exists (info))
        continue;
      item = g_menu_item_new (gtk_recent_info_get_display_name (info), NULL);
      g_menu_item_set_action_and_target (item, "win.open-recent", "s", gtk_recent_info_get_uri (info));
      g_menu_append_item (self->recent_menu, item);
      n_added++;
    }
  g_list_free_full (items, (GDestroyNotify)gtk_recent_info_unref);
}

static void
open_recent_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  MapscopeWindow *self = MAPSCOPE_WINDOW (user_data);
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));

  mapscope_window_open_files (self, &file, 1, MAPSCOPE_OPEN_NONE);
}

/* Notes */

static void
note_dialog_response (AdwMessageDialog *dialog,
                      const char       *response,
                      MapscopeSnapshot *snapshot)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));

  if (g_strcmp0 (response, "save") == 0)
    mapscope_snapshot_set_note (snapshot, gtk_editable_get_text (entry));
}

static void
edit_note_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  MapscopeWindow *self = MAPSCOPE_WINDOW (user_data);
  MapscopeSnapshot *snapshot = mapscope_workspace_get_current (self->workspace);
  GtkWidget *dialog;
  GtkWidget *entry;

  if (snapshot == NULL)
    return;

  {
    const Response responses[] = {
      { "cancel", _("_Cancel"), ADW_RESPONSE_DEFAULT },
      { "save", _("_Save Note"), ADW_RESPONSE_SUGGESTED },
    };

    dialog = new_question (self, _("Note"),
                           _("A note on this snapshot, kept in the saved session."),
                           responses, G_N_ELEMENTS (responses));
  }
  entry = gtk_entry_new ();
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (entry), mapscope_snapshot_get_note (snapshot) ?: "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Note"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  g_signal_connect_object (dialog, "response", G_CALLBACK (note_dialog_response), snapshot, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static const GActionEntry session_actions[] = {
  { "save", save_activated },
  { "save-as", save_as_activated },
  { "open-recent", open_recent_activated, "s" },
  { "edit-note", edit_note_activated },
};

void
_mapscope_window_update_session_actions (MapscopeWindow *self)
{
  gboolean current = mapscope_workspace_get_current (self->workspace) != NULL;
  GAction *action;

  action = g_action_map_lookup_action (G_ACTION_MAP (self), "save");
  if (action != NULL)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (action), has_snapshots (self));
  action = g_action_map_lookup_action (G_ACTION_MAP (self), "save-as");
  if (action != NULL)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (action), has_snapshots (self));
  action = g_action_map_lookup_action (G_ACTION_MAP (self), "edit-note");
  if (action != NULL)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (action), current);
}

void
_mapscope_window_init_session (MapscopeWindow *self)
{
  GListModel *snapshots = mapscope_workspace_get_snapshots (self->workspace);

  g_action_map_add_action_entries (G_ACTION_MAP (self), session_actions,
                                   G_N_ELEMENTS (session_actions), self);

  g_signal_connect_object (snapshots, "items-changed", G_CALLBACK (snapshots_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->workspace, "notify::baseline", G_CALLBACK (mark_unsaved), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (mapscope_workspace_get_filter (self->workspace), "changed",
                           G_CALLBACK (mark_unsaved), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_recent_manager_get_default (), "changed",
                           G_CALLBACK (update_recent_menu), self, G_CONNECT_SWAPPED);
  update_recent_menu (self);

  self->unsaved = FALSE;
  update_title (self);
  _mapscope_window_update_session_actions (self);
}

void
_mapscope_window_dispose_session (MapscopeWindow *self)
{
  g_clear_object (&self->session_file);
}
