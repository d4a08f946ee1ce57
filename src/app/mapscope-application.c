/* mapscope-application.c: the Mapscope application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mapscope-app-config.h"

#include <glib/gi18n.h>

#include "mapscope-application.h"
#include "mapscope-window.h"

struct _MapscopeApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (MapscopeApplication, mapscope_application, ADW_TYPE_APPLICATION)

/* The bundled samples the demo opens: the timeline first, because the demo
 * compares its first and last snapshots. */
static const char * const demo_sample_names[] = {
  "python-leak-timeline.log",
  "zoo.smaps",
};

static const GOptionEntry option_entries[] = {
  { "demo", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Open the bundled sample snapshots: a leaking process’s timeline, compared first to last"),
    NULL },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version and exit"), NULL },
  { NULL }
};

/* Uninstalled runs (build-aux/run, tests) point MAPSCOPE_SAMPLES_DIR at the
 * source tree's data/samples; otherwise the installed copy is used. */
static const char *
get_samples_dir (void)
{
  const char *dir = g_getenv ("MAPSCOPE_SAMPLES_DIR");

  return (dir != NULL && dir[0] != '\0') ? dir : MAPSCOPE_SAMPLES_DIR;
}

/**
 * mapscope_application_dup_demo_files:
 *
 * Returns: (transfer full) (element-type GFile): the demo's files, or %NULL
 *   with @error set when a sample is missing
 */
GPtrArray *
mapscope_application_dup_demo_files (GError **error)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  const char *dir = get_samples_dir ();

  for (guint i = 0; i < G_N_ELEMENTS (demo_sample_names); i++)
    {
      g_autofree char *path = g_build_filename (dir, demo_sample_names[i], NULL);

      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                       /* Translators: %s is a file name */
                       _("The demo sample %s is missing"), path);
          return NULL;
        }
      g_ptr_array_add (files, g_file_new_for_path (path));
    }

  return g_steal_pointer (&files);
}

static gboolean
open_demo (GApplication  *app,
           GError       **error)
{
  g_autoptr(GPtrArray) files = mapscope_application_dup_demo_files (error);

  if (files == NULL)
    return FALSE;
  g_application_open (app, (GFile **)files->pdata, files->len, MAPSCOPE_OPEN_HINT_DEMO);
  return TRUE;
}

static MapscopeWindow *
get_window (MapscopeApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (mapscope_window_new (self));
  return MAPSCOPE_WINDOW (window);
}

static void
mapscope_application_activate (GApplication *app)
{
  gtk_window_present (GTK_WINDOW (get_window (MAPSCOPE_APPLICATION (app))));
}

static void
mapscope_application_open (GApplication  *app,
                           GFile        **files,
                           int            n_files,
                           const char    *hint)
{
  MapscopeWindow *window = get_window (MAPSCOPE_APPLICATION (app));
  MapscopeOpenFlags flags = MAPSCOPE_OPEN_NONE;

  if (g_strcmp0 (hint, MAPSCOPE_OPEN_HINT_DEMO) == 0)
    flags |= MAPSCOPE_OPEN_DEMO;

  mapscope_window_open_files (window, files, n_files, flags);
  gtk_window_present (GTK_WINDOW (window));
}

static gint
mapscope_application_handle_local_options (GApplication *app,
                                           GVariantDict *options)
{
  g_autoptr(GError) error = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("mapscope %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_contains (options, "demo"))
    {
      /* Registering here makes a second `mapscope --demo` hand the demo to
       * the running instance, which then opens it in its window. */
      if (!g_application_register (app, NULL, &error) || !open_demo (app, &error))
        {
          g_printerr ("mapscope: %s\n", error->message);
          return 1;
        }
      if (g_application_get_is_remote (app))
        return 0;
    }

  return -1;
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GApplication *app = G_APPLICATION (user_data);
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));

  /* Closing (rather than just quitting) lets each window save its size. */
  for (GList *l = windows; l != NULL;)
    {
      GtkWindow *window = l->data;

      l = l->next;
      gtk_window_close (window);
    }
  g_application_quit (app);
}

static void
demo_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GApplication *app = G_APPLICATION (user_data);
  g_autoptr(GError) error = NULL;

  if (!open_demo (app, &error))
    mapscope_window_show_error (get_window (MAPSCOPE_APPLICATION (app)), error->message);
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  MapscopeApplication *self = MAPSCOPE_APPLICATION (user_data);
  const char *developers[] = { _("The Mapscope developers"), NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                        "modal", TRUE,
                        "application-icon", APPLICATION_ID,
                        "application-name", _("Mapscope"),
                        "developer-name", _("The Mapscope developers"),
                        "developers", developers,
                        "version", PACKAGE_VERSION,
                        "comments", _("See where a Linux process’s memory is: which mappings hold it, "
                                      "of what kind, and how it changes over time."),
                        "website", "https://github.com/mapscope/mapscope",
                        "issue-url", "https://github.com/mapscope/mapscope/issues",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "copyright", _("© 2025 The Mapscope developers"),
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated },
  { "demo", demo_activated },
  { "about", about_activated },
};

/* Every accelerator of the application, in one table. */
static const struct
{
  const char *action;
  const char *accels[3];
} app_accels[] = {
  { "app.quit", { "<Control>q", NULL } },
  { "win.open", { "<Control>o", NULL } },
  { "win.save", { "<Control>s", NULL } },
  { "win.save-as", { "<Control><Shift>s", NULL } },
  { "win.find", { "<Control>f", NULL } },
  { "win.refresh", { "<Control>r", "F5", NULL } },
  { "win.close-snapshot", { "<Control>w", NULL } },
  { "win.toggle-baseline", { "<Control>b", NULL } },
  { "win.previous-snapshot", { "<Alt>Up", NULL } },
  { "win.next-snapshot", { "<Alt>Down", NULL } },
  { "win.sidebar-visible", { "F9", NULL } },
  { "win.inspector-visible", { "<Control>i", NULL } },
  { "win.view::regions", { "<Alt>1", NULL } },
  { "win.view::summary", { "<Alt>2", NULL } },
  { "win.view::map", { "<Alt>3", NULL } },
  { "win.view::timeline", { "<Alt>4", NULL } },
  { "win.view::findings", { "<Alt>5", NULL } },
};

static void
mapscope_application_startup (GApplication *app)
{
  G_APPLICATION_CLASS (mapscope_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  for (guint i = 0; i < G_N_ELEMENTS (app_accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app), app_accels[i].action,
                                           app_accels[i].accels);

  gtk_window_set_default_icon_name (APPLICATION_ID);
}

static void
mapscope_application_class_init (MapscopeApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = mapscope_application_activate;
  app_class->open = mapscope_application_open;
  app_class->startup = mapscope_application_startup;
  app_class->handle_local_options = mapscope_application_handle_local_options;
}

static void
mapscope_application_init (MapscopeApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[FILE…]"));
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Show where a Linux process’s memory is. FILE is a "
                                              "saved /proc/PID/smaps, smaps_rollup or maps, pmap "
                                              "output, a log of several snapshots, or any of them "
                                              "gzipped; a PID opens that running process."));
}

MapscopeApplication *
mapscope_application_new (const char        *application_id,
                          GApplicationFlags  flags)
{
  g_return_val_if_fail (application_id != NULL, NULL);

  return g_object_new (MAPSCOPE_TYPE_APPLICATION,
                       "application-id", application_id,
                       "flags", flags,
                       "resource-base-path", "/io/github/mapscope/Mapscope",
                       NULL);
}
