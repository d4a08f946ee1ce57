/* mapscope-window-dialogs.c: the window's dialogs: Open, parser warnings
 * and collection commands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mapscope-app-config.h"

#include <glib/gi18n.h>

#include "mapscope-app-util.h"
#include "mapscope-commands-dialog.h"
#include "mapscope-window-private.h"

#define RESOURCE_PATH "/io/github/mapscope/Mapscope/"

static void
file_chooser_response (GtkNativeDialog *native,
                       int              response,
                       gpointer         user_data)
{
  g_autoptr(MapscopeWindow) self = user_data;
  g_autoptr(GListModel) files = NULL;
  g_autoptr(GPtrArray) array = NULL;
  guint n;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (native));
      n = g_list_model_get_n_items (files);
      array = g_ptr_array_new_full (n, g_object_unref);
      for (guint i = 0; i < n; i++)
        g_ptr_array_add (array, g_list_model_get_item (files, i));
      mapscope_window_open_files (self, (GFile **)array->pdata, array->len, MAPSCOPE_OPEN_NONE);
    }

  gtk_native_dialog_destroy (native);
  g_object_unref (native);
}

static void
add_filter (GtkFileChooser     *chooser,
            const char         *name,
            const char * const *patterns)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  for (guint i = 0; patterns[i] != NULL; i++)
    gtk_file_filter_add_pattern (filter, patterns[i]);
  gtk_file_chooser_add_filter (chooser, filter);
}

void
_mapscope_window_choose_files (MapscopeWindow *self)
{
  /* Saved memory maps have no fixed extension; these are the usual names. */
  static const char * const map_patterns[] = {
    "*smaps*", "*maps*", "*pmap*", "*.log", "*.log.gz", "*.gz", "*.txt", "*.mapscope", NULL
  };
  static const char * const all_patterns[] = { "*", NULL };
  GtkFileChooserNative *native;

  native = gtk_file_chooser_native_new (_("Open Memory Maps"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (native), TRUE);
  add_filter (GTK_FILE_CHOOSER (native), _("Memory maps and logs"), map_patterns);
  add_filter (GTK_FILE_CHOOSER (native), _("All files"), all_patterns);

  g_signal_connect (native, "response", G_CALLBACK (file_chooser_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/* Loads a dialog described in a resource; the builder keeps its objects. */
static GtkBuilder *
load_dialog (MapscopeWindow *self,
             const char     *resource_name)
{
  g_autofree char *path = g_strconcat (RESOURCE_PATH, resource_name, NULL);
  GtkBuilder *builder = gtk_builder_new_from_resource (path);
  GtkWindow *dialog = GTK_WINDOW (gtk_builder_get_object (builder, "dialog"));

  gtk_window_set_transient_for (dialog, GTK_WINDOW (self));
  return builder;
}

void
_mapscope_window_show_warnings (MapscopeWindow   *self,
                                MapscopeDocument *document)
{
  g_autoptr(GtkBuilder) builder = load_dialog (self, "mapscope-warnings-dialog.ui");
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (gtk_builder_get_object (builder, "dialog"));
  GtkTextView *text_view = GTK_TEXT_VIEW (gtk_builder_get_object (builder, "text_view"));
  g_autofree char *name = mapscope_source_display_name (mapscope_document_get_source (document));
  g_autoptr(GString) text = g_string_new (NULL);
  guint n = mapscope_document_get_n_warnings (document);

  adw_message_dialog_format_heading (dialog,
                                     /* Translators: the first %u is a count, %s a file name */
                                     ngettext ("%u Warning in %s", "%u Warnings in %s", n), n, name);
  for (guint i = 0; i < n; i++)
    {
      const MapscopeWarning *warning = mapscope_document_get_warning (document, i);

      /* Translators: a parser warning: a line number and what was wrong there */
      g_string_append_printf (text, _("line %" G_GUINT64_FORMAT ": %s"), warning->line,
                              warning->message);
      g_string_append_c (text, '\n');
    }
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (text_view), text->str, (int)text->len);

  gtk_window_present (GTK_WINDOW (dialog));
}

void
_mapscope_window_show_commands (MapscopeWindow *self)
{
  MapscopeSnapshot *current = mapscope_workspace_get_current (self->workspace);
  gint pid = current != NULL ? mapscope_snapshot_get_pid (current) : -1;

  gtk_window_present (mapscope_commands_dialog_new (GTK_WINDOW (self), pid));
}
