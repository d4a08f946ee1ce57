/* mapscope-commands-dialog.c: the Collection Commands dialog, which writes
 * shell commands for a server from the options the user picks, with the
 * same generator as `mapscope-cli commands`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mapscope-app-config.h"

#include <glib/gi18n.h>

#include "mapscope-collect-commands.h"
#include "mapscope-commands-dialog.h"

#define RESOURCE "/io/github/mapscope/Mapscope/mapscope-commands-dialog.ui"
#define CONTROLS_KEY "mapscope-commands-controls"

/* Borrowed: the dialog owns its widgets, and these controls. */
typedef struct
{
  GtkEditable   *process_row;
  GtkSwitch     *all_rollups_switch;
  GtkSpinButton *count_spin;
  GtkSpinButton *interval_spin;
  GtkWidget     *interval_row;
  GtkSwitch     *pmap_switch;
  GtkSwitch     *sudo_switch;
  GtkSwitch     *gzip_switch;
  GtkEditable   *ssh_row;
  GtkLabel      *error_label;
  GtkTextView   *commands_view;
  GtkWidget     *copy_button;
  AdwToastOverlay *toast_overlay;
} Controls;

static char *
dup_commands (Controls *controls)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (controls->commands_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* @problem is a hint (what is still missing, as when the dialog opens) or,
 * with @is_error, a real error; red text is only for the latter. */
static void
show_text (Controls   *controls,
           const char *text,
           const char *problem,
           gboolean    is_error)
{
  GtkWidget *label = GTK_WIDGET (controls->error_label);

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (controls->commands_view),
                            text != NULL ? text : "", -1);
  gtk_label_set_text (controls->error_label, problem != NULL ? problem : "");
  gtk_widget_set_visible (label, problem != NULL);
  if (is_error)
    {
      gtk_widget_remove_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "error");
    }
  else
    {
      gtk_widget_remove_css_class (label, "error");
      gtk_widget_add_css_class (label, "dim-label");
    }
  gtk_widget_set_sensitive (controls->copy_button, text != NULL);
}

/* Reads the controls into @options; the strings stay owned by the widgets. */
static gboolean
read_options (Controls               *controls,
              MapscopeCollectOptions *options,
              const char            **problem)
{
  const char *process = gtk_editable_get_text (controls->process_row);
  const char *host = gtk_editable_get_text (controls->ssh_row);
  guint64 pid = 0;

  mapscope_collect_options_init (options);
  options->all_rollups = gtk_switch_get_active (controls->all_rollups_switch);
  options->count = gtk_spin_button_get_value_as_int (controls->count_spin);
  if (options->count > 1)
    options->interval = gtk_spin_button_get_value_as_int (controls->interval_spin);
  options->pmap = gtk_switch_get_active (controls->pmap_switch) && !options->all_rollups;
  options->sudo = gtk_switch_get_active (controls->sudo_switch);
  options->gzip = gtk_switch_get_active (controls->gzip_switch);
  options->ssh_host = host[0] != '\0' ? host : NULL;

  if (options->all_rollups)
    return TRUE;
  if (process[0] == '\0')
    {
      *problem = _("Enter the ID or the name of the process to capture.");
      return FALSE;
    }
  if (g_ascii_string_to_unsigned (process, 10, 1, G_MAXINT, &pid, NULL))
    options->pid = (gint) pid;
  else
    options->name = process;

  return TRUE;
}

static void
regenerate (Controls *controls)
{
  MapscopeCollectOptions options;
  const char *problem = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gboolean all_rollups = gtk_switch_get_active (controls->all_rollups_switch);

  gtk_widget_set_sensitive (GTK_WIDGET (controls->process_row), !all_rollups);
  gtk_widget_set_sensitive (GTK_WIDGET (controls->pmap_switch), !all_rollups);
  gtk_widget_set_sensitive (controls->interval_row,
                            gtk_spin_button_get_value_as_int (controls->count_spin) > 1);

  if (!read_options (controls, &options, &problem))
    {
      show_text (controls, NULL, problem, FALSE);
      return;
    }

  text = mapscope_collect_commands_generate (&options, &error);
  show_text (controls, text, error != NULL ? error->message : NULL, error != NULL);
}

static void
copy_clicked (GtkButton *button,
              gpointer   user_data)
{
  Controls *controls = user_data;
  g_autofree char *text = dup_commands (controls);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (button)), text);
  adw_toast_overlay_add_toast (controls->toast_overlay,
                               adw_toast_new (_("Copied to the clipboard")));
}

#define GET(type, name) (controls->name = type (gtk_builder_get_object (builder, #name)))

/**
 * mapscope_commands_dialog_new:
 * @pid: the process to start with, or -1
 *
 * Returns: (transfer none): the dialog, transient for @parent
 */
GtkWindow *
mapscope_commands_dialog_new (GtkWindow *parent,
                              gint       pid)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (RESOURCE);
  GtkWindow *dialog = GTK_WINDOW (gtk_builder_get_object (builder, "dialog"));
  Controls *controls = g_new0 (Controls, 1);
  GtkWidget *switches[4];

  GET (GTK_EDITABLE, process_row);
  GET (GTK_SWITCH, all_rollups_switch);
  GET (GTK_SPIN_BUTTON, count_spin);
  GET (GTK_SPIN_BUTTON, interval_spin);
  GET (GTK_WIDGET, interval_row);
  GET (GTK_SWITCH, pmap_switch);
  GET (GTK_SWITCH, sudo_switch);
  GET (GTK_SWITCH, gzip_switch);
  GET (GTK_EDITABLE, ssh_row);
  GET (GTK_LABEL, error_label);
  GET (GTK_TEXT_VIEW, commands_view);
  GET (GTK_WIDGET, copy_button);
  GET (ADW_TOAST_OVERLAY, toast_overlay);
  g_object_set_data_full (G_OBJECT (dialog), CONTROLS_KEY, controls, g_free);

  if (pid > 0)
    {
      g_autofree char *text = g_strdup_printf ("%d", pid);

      gtk_editable_set_text (controls->process_row, text);
    }

  switches[0] = GTK_WIDGET (controls->all_rollups_switch);
  switches[1] = GTK_WIDGET (controls->pmap_switch);
  switches[2] = GTK_WIDGET (controls->sudo_switch);
  switches[3] = GTK_WIDGET (controls->gzip_switch);
  for (guint i = 0; i < G_N_ELEMENTS (switches); i++)
    g_signal_connect_swapped (switches[i], "notify::active", G_CALLBACK (regenerate), controls);
  g_signal_connect_swapped (controls->process_row, "changed", G_CALLBACK (regenerate), controls);
  g_signal_connect_swapped (controls->ssh_row, "changed", G_CALLBACK (regenerate), controls);
  g_signal_connect_swapped (controls->count_spin, "value-changed", G_CALLBACK (regenerate),
                            controls);
  g_signal_connect_swapped (controls->interval_spin, "value-changed", G_CALLBACK (regenerate),
                            controls);
  g_signal_connect (controls->copy_button, "clicked", G_CALLBACK (copy_clicked), controls);

  regenerate (controls);
  gtk_window_set_transient_for (dialog, parent);
  return dialog;
}

/**
 * mapscope_commands_dialog_dup_text:
 *
 * Returns: (transfer full): the commands the dialog shows, "" when none
 */
char *
mapscope_commands_dialog_dup_text (GtkWindow *dialog)
{
  return dup_commands (g_object_get_data (G_OBJECT (dialog), CONTROLS_KEY));
}
