/* mapscope-app-util.c: small helpers shared by the application's widgets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mapscope-app-config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "mapscope-app-util.h"
#include "mapscope-summary.h"

/* A short name for a snapshot's source: the file's basename, except under
 * /proc, where "smaps" alone would not say which process it was. */
char *
mapscope_source_display_name (const char *source)
{
  if (source == NULL || source[0] == '\0')
    return g_strdup (_("Unnamed"));
  if (strcmp (source, "-") == 0)
    return g_strdup (_("Standard input"));
  if (g_str_has_prefix (source, "/proc/"))
    return g_strdup (source);
  return g_path_get_basename (source);
}

char *
mapscope_file_display_name (GFile *file)
{
  g_autofree char *path = g_file_get_path (file);

  if (path != NULL)
    return mapscope_source_display_name (path);
  return g_file_get_basename (file);
}

char *
mapscope_format_bytes (guint64 bytes)
{
  return g_format_size_full (bytes, G_FORMAT_SIZE_IEC_UNITS);
}

/* Resident and mapped totals of @snapshot in kB. Returns FALSE when the input
 * carried no Rss (plain maps), in which case only @size_kb is meaningful. */
gboolean
mapscope_snapshot_total_kb (MapscopeSnapshot *snapshot,
                            guint64          *rss_kb,
                            guint64          *size_kb)
{
  g_autoptr(MapscopeSummary) summary = mapscope_summary_new (snapshot);
  const MapscopeTotals *totals = mapscope_summary_get_totals (summary);
  const MapscopeRegion *regions;
  guint n_regions;

  *rss_kb = totals->present[MAPSCOPE_FIELD_RSS] ? totals->values[MAPSCOPE_FIELD_RSS] : 0;

  if (totals->present[MAPSCOPE_FIELD_SIZE])
    {
      *size_kb = totals->values[MAPSCOPE_FIELD_SIZE];
    }
  else
    {
      /* maps files give no Size lines: the address ranges still do. */
      *size_kb = 0;
      regions = mapscope_snapshot_get_regions (snapshot, &n_regions);
      for (guint i = 0; i < n_regions; i++)
        *size_kb += mapscope_region_get_size (&regions[i]) / 1024;
    }

  return totals->present[MAPSCOPE_FIELD_RSS];
}

/* One line naming a snapshot for toasts and window subtitles. */
char *
mapscope_snapshot_describe (MapscopeSnapshot *snapshot)
{
  g_autofree char *name = mapscope_source_display_name (mapscope_snapshot_get_source (snapshot));
  const char *command = mapscope_snapshot_get_command (snapshot);
  gint pid = mapscope_snapshot_get_pid (snapshot);

  if (command != NULL && pid > 0)
    /* Translators: a snapshot: its file name, the process's command and its PID */
    return g_strdup_printf (_("%s — %s (PID %d)"), name, command, pid);
  if (pid > 0)
    /* Translators: a snapshot: its file name and the process's PID */
    return g_strdup_printf (_("%s — PID %d"), name, pid);
  return g_steal_pointer (&name);
}

/* The parser's messages start with the path it was given; a toast has room
 * for the basename only. */
char *
mapscope_shorten_error_message (const char *message,
                                const char *source)
{
  g_autofree char *name = NULL;

  if (source == NULL || !g_str_has_prefix (message, source) || strcmp (source, "-") == 0)
    return g_strdup (message);

  name = mapscope_source_display_name (source);
  return g_strconcat (name, message + strlen (source), NULL);
}
