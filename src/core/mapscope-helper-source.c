/* mapscope-helper-source.c: memory maps read as root through pkexec
 *
 * pkexec asks for an administrator's password (polkit keeps the answer for
 * a few minutes, auth_admin_keep in data/io.github.mapscope.Mapscope.policy),
 * then runs the mapscope-read-maps helper as root; its exit status says
 * what went wrong (see src/helper/mapscope-read-maps.c). The status and
 * cmdline files, and the list of processes, are readable by anyone: those
 * are read directly, so only the map itself needs the helper.
 *
 * MAPSCOPE_PKEXEC and MAPSCOPE_READ_MAPS_HELPER replace the programs run,
 * for tests; pkexec itself only runs what a polkit action allows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <unistd.h>

#include "mapscope-capture-error.h"
#include "mapscope-helper-source.h"
#include "mapscope-live-private.h"

/* The helper's exit statuses, and pkexec's own. */
#define HELPER_EXIT_USAGE 64
#define HELPER_EXIT_NO_INPUT 66
#define HELPER_EXIT_NO_PERMISSION 77
#define PKEXEC_EXIT_NOT_AUTHORIZED 126
#define PKEXEC_EXIT_FAILED 127

struct _MapscopeHelperSource
{
  MapscopeProcessSource  parent_instance;

  char                  *pkexec;
  char                  *helper;
};

G_DEFINE_FINAL_TYPE (MapscopeHelperSource, mapscope_helper_source, MAPSCOPE_TYPE_PROCESS_SOURCE)

static GBytes *
mapscope_helper_source_read_file (MapscopeProcessSource  *source,
                                  gint                    pid,
                                  const char             *name,
                                  GCancellable           *cancellable,
                                  GError                **error)
{
  MapscopeHelperSource *self = MAPSCOPE_HELPER_SOURCE (source);
  char pid_text[16];
  const char *argv[] = { self->pkexec, self->helper, pid_text, name, NULL };
  g_autofree char *err_text = NULL;
  g_autoptr(GBytes) content = NULL;
  gint exit_status;

  g_snprintf (pid_text, sizeof pid_text, "%d", pid);
  if (!_mapscope_process_source_spawn (argv, cancellable, &content, &err_text, &exit_status,
                                       error))
    return NULL;

  switch (exit_status)
    {
    case 0:
      return g_steal_pointer (&content);

    case HELPER_EXIT_NO_PERMISSION:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                   "The helper could not read /proc/%d/%s: %s", pid, name, err_text);
      break;

    case HELPER_EXIT_NO_INPUT:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   "The helper found no process %d.", pid);
      break;

    case PKEXEC_EXIT_NOT_AUTHORIZED:
      g_set_error (error, MAPSCOPE_CAPTURE_ERROR, MAPSCOPE_CAPTURE_ERROR_PERMISSION_DENIED,
                   "Cannot read process %d as administrator: the authentication was "
                   "cancelled or refused.", pid);
      break;

    case PKEXEC_EXIT_FAILED:
      g_set_error (error, MAPSCOPE_CAPTURE_ERROR, MAPSCOPE_CAPTURE_ERROR_FAILED,
                   "Cannot read process %d as administrator: pkexec could not run %s: %s",
                   pid, self->helper, err_text[0] != '\0' ? err_text : "no reason given.");
      break;

    case HELPER_EXIT_USAGE:
    default:
      g_set_error (error, MAPSCOPE_CAPTURE_ERROR, MAPSCOPE_CAPTURE_ERROR_FAILED,
                   "Cannot read process %d as administrator: %s exited with status %d: %s",
                   pid, self->helper, exit_status,
                   err_text[0] != '\0' ? err_text : "no reason given.");
      break;
    }

  return NULL;
}

static void
mapscope_helper_source_finalize (GObject *object)
{
  MapscopeHelperSource *self = MAPSCOPE_HELPER_SOURCE (object);

  g_free (self->pkexec);
  g_free (self->helper);

  G_OBJECT_CLASS (mapscope_helper_source_parent_class)->finalize (object);
}

static void
mapscope_helper_source_class_init (MapscopeHelperSourceClass *klass)
{
  MapscopeProcessSourceClass *source_class = MAPSCOPE_PROCESS_SOURCE_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = mapscope_helper_source_finalize;
  source_class->read_file = mapscope_helper_source_read_file;
  source_class->read_process = _mapscope_direct_read_process;
  source_class->list_processes = _mapscope_direct_list_processes;
}

static void
mapscope_helper_source_init (MapscopeHelperSource *self)
{
}

static const char *
choose (const char *given,
        const char *variable,
        const char *fallback)
{
  const char *value = g_getenv (variable);

  if (given != NULL)
    return given;
  return value != NULL && value[0] != '\0' ? value : fallback;
}

/**
 * mapscope_helper_source_new:
 * @pkexec: (nullable): the pkexec to run, or %NULL for $MAPSCOPE_PKEXEC,
 *   else "pkexec" from PATH
 * @helper: (nullable): the helper's absolute path, or %NULL for
 *   $MAPSCOPE_READ_MAPS_HELPER, else the installed one
 *
 * Returns: (transfer full): a source that reads memory maps as root
 */
MapscopeProcessSource *
mapscope_helper_source_new (const char *pkexec,
                            const char *helper)
{
  MapscopeHelperSource *self = g_object_new (MAPSCOPE_TYPE_HELPER_SOURCE, NULL);

  self->pkexec = g_strdup (choose (pkexec, "MAPSCOPE_PKEXEC", "pkexec"));
  self->helper = g_strdup (choose (helper, "MAPSCOPE_READ_MAPS_HELPER", MAPSCOPE_HELPER_PATH));
  return MAPSCOPE_PROCESS_SOURCE (self);
}

/**
 * mapscope_helper_source_is_available:
 *
 * Whether reading as administrator can work here: pkexec and the helper
 * are installed, and this is not a Flatpak sandbox (which has neither).
 *
 * Returns: %TRUE if mapscope_helper_source_new() is worth offering
 */
gboolean
mapscope_helper_source_is_available (void)
{
  g_autoptr(MapscopeProcessSource) source = mapscope_helper_source_new (NULL, NULL);
  MapscopeHelperSource *self = MAPSCOPE_HELPER_SOURCE (source);
  g_autofree char *pkexec = g_find_program_in_path (self->pkexec);

  return pkexec != NULL && g_file_test (self->helper, G_FILE_TEST_IS_EXECUTABLE) &&
         !g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS);
}
