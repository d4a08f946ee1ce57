/* mapscope-findings-settings.c: the findings' thresholds, from GSettings
 *
 * The keys mirror the flags of `mapscope-cli findings` (--anon-large-mib is
 * findings-anon-large-mib, and so on), in the same units.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mapscope-findings-settings.h"

#define SCHEMA_ID "io.github.mapscope.Mapscope"

/* Returns: (transfer full) (nullable): the application's settings, or NULL
 *   when the schema is not installed (an uninstalled build, a test), in which
 *   case the engine's defaults apply */
GSettings *
_mapscope_findings_settings_new (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, SCHEMA_ID, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, "findings-anon-large-mib"))
    return NULL;
  return g_settings_new_full (schema, NULL, NULL);
}

/* @settings: (nullable): leaves the defaults in @thresholds when NULL */
void
_mapscope_findings_settings_load (GSettings                *settings,
                                  MapscopeFindingsSettings *thresholds)
{
  mapscope_findings_settings_init (thresholds);
  if (settings == NULL)
    return;

  thresholds->anon_large_kb = (guint64)g_settings_get_uint (settings, "findings-anon-large-mib") * 1024;
  thresholds->anon_many_count = g_settings_get_uint (settings, "findings-anon-many");
  thresholds->heap_max_pieces = g_settings_get_uint (settings, "findings-heap-max-pieces");
  thresholds->private_dirty_min_kb =
    (guint64)g_settings_get_uint (settings, "findings-private-dirty-min-mib") * 1024;
  thresholds->private_dirty_fraction =
    g_settings_get_double (settings, "findings-private-dirty-percent") / 100;
  thresholds->swap_fraction = g_settings_get_double (settings, "findings-swap-percent") / 100;
  thresholds->leak.min_growth_kb = g_settings_get_uint (settings, "findings-leak-min-growth-kb");
  thresholds->leak.min_rising_fraction =
    g_settings_get_double (settings, "findings-leak-rising-percent") / 100;
}
