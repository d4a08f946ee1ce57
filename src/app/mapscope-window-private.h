/* mapscope-window-private.h: the window's parts, shared by the files that
 * implement it (actions, loading, dialogs, drag and drop) and by the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mapscope-window.h"

G_BEGIN_DECLS

struct _MapscopeWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwViewSwitcherTitle *switcher_title;
  GtkWidget            *sidebar_button;
  GtkWidget            *inspector_button;
  GtkWidget            *follow_button;
  GtkRevealer          *progress_revealer;
  GtkLabel             *progress_label;
  GtkProgressBar       *progress_bar;
  GtkStack             *main_stack;
  GtkWidget            *sidebar;
  GtkListBox           *snapshot_list;
  AdwViewStack         *view_stack;
  GtkBox               *regions_box;
  GtkWidget            *regions_placeholder;
  GtkBox               *summary_box;
  GtkWidget            *summary_placeholder;
  GtkBox               *map_box;
  GtkWidget            *map_placeholder;
  AdwViewStackPage     *timeline_page;
  GtkBox               *timeline_box;
  GtkWidget            *timeline_placeholder;
  AdwViewStackPage     *findings_page;
  GtkBox               *findings_box;
  GtkWidget            *findings_placeholder;
  GtkWidget            *inspector;
  GtkWidget            *inspector_placeholder;
  GMenu                *recent_menu;

  /* Owned */
  MapscopeWorkspace    *workspace;
  MapscopeLoader       *loader;
  GSettings            *settings;        /* NULL when the schema is not installed */
  guint                 n_batches;       /* open requests still loading */
  guint                 reveal_source;   /* delays the progress bar for quick loads */
  guint                 pulse_source;
  MapscopeSnapshot     *followed;        /* the latest read of the followed process, or NULL */
  GCancellable         *follow_cancellable;
  guint                 follow_source;   /* the next read */
  gint64                follow_read_ms;  /* wall time of the last read, -1 for none */
  GFile                *session_file;    /* where the session was last saved or opened from */
  gboolean              unsaved;         /* changed since then */
  gboolean              restoring_session;
  gboolean              close_confirmed; /* the user chose to discard the changes */
  gboolean              saving;
  gboolean              exporting;       /* an export is being written in a thread */
  guint                 change_count;    /* of changes, to tell one made while saving */

  /* Borrowed: the views, when the views library is built */
  GtkWidget            *filter_bar;

  gboolean              syncing_selection;
  gboolean              disposed;        /* loads finishing later are dropped */
};

/* A toast button's handler, given the object it was registered with. */
typedef void (*MapscopeToastAction) (MapscopeWindow *self,
                                     gpointer        object,
                                     gboolean        flag);

/* mapscope-window-actions.c */
void _mapscope_window_init_actions    (MapscopeWindow   *self);
void _mapscope_window_update_actions  (MapscopeWindow   *self);

/* mapscope-window-loading.c */
void _mapscope_window_init_loading    (MapscopeWindow   *self);
void _mapscope_window_dispose_loading (MapscopeWindow   *self);
AdwToast *_mapscope_window_new_toast (const char       *plain_title);
void _mapscope_window_add_toast       (MapscopeWindow   *self,
                                       AdwToast         *toast);
void _mapscope_window_add_toast_with_button (MapscopeWindow      *self,
                                             AdwToast            *toast,
                                             const char          *button_label,
                                             MapscopeToastAction  action,
                                             gpointer             object,
                                             gboolean             flag);

/* mapscope-window-dialogs.c */
void _mapscope_window_show_warnings   (MapscopeWindow   *self,
                                       MapscopeDocument *document);
void _mapscope_window_show_commands   (MapscopeWindow   *self);
void _mapscope_window_choose_files    (MapscopeWindow   *self);

/* mapscope-window-follow.c */
void _mapscope_window_init_follow     (MapscopeWindow   *self);
void _mapscope_window_dispose_follow  (MapscopeWindow   *self);
MapscopeSnapshot *_mapscope_window_get_followed (MapscopeWindow *self);

/* mapscope-window-export.c */
void _mapscope_window_init_export     (MapscopeWindow   *self);
void _mapscope_window_set_export_target (MapscopeWindow *self,
                                         const char     *path,
                                         gboolean        anonymize);
/* mapscope-window-session.c */
void     _mapscope_window_init_session            (MapscopeWindow   *self);
void     _mapscope_window_dispose_session         (MapscopeWindow   *self);
void     _mapscope_window_update_session_actions  (MapscopeWindow   *self);
gboolean _mapscope_window_has_unsaved_changes     (MapscopeWindow   *self);
gboolean _mapscope_window_session_may_close       (MapscopeWindow   *self);
void     _mapscope_window_save_session            (MapscopeWindow   *self,
                                                   GFile            *file,
                                                   gboolean          close_after);
gboolean _mapscope_window_get_saving              (MapscopeWindow   *self);
gboolean _mapscope_window_get_exporting           (MapscopeWindow   *self);
gboolean _mapscope_window_take_session            (MapscopeWindow   *self,
                                                   MapscopeDocument *document,
                                                   GFile            *file);

/* mapscope-window-dnd.c */
void _mapscope_window_init_dnd        (MapscopeWindow   *self);

G_END_DECLS
