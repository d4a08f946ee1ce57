/* mapscope-json.c: the JSON shapes of the CLI's --json output
 *
 * Addresses and offsets are hex strings: json-glib integers are gint64 and
 * 0xffffffffff600000 ([vsyscall]) does not fit.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mapscope-json.h"
#include "mapscope-summary.h"
#include "mapscope-vmflags.h"

char *
mapscope_json_format_address (guint64 address)
{
  return g_strdup_printf ("0x%" G_GINT64_MODIFIER "x", address);
}

/* Small builders for "key": value members, shared by every JSON shape. */
void
mapscope_json_set_int (JsonBuilder *builder,
                       const char  *key,
                       gint64       value)
{
  json_builder_set_member_name (builder, key);
  json_builder_add_int_value (builder, value);
}

/* JSON integers are signed 64-bit: larger values are clamped. */
void
mapscope_json_set_uint (JsonBuilder *builder,
                        const char  *key,
                        guint64      value)
{
  mapscope_json_set_int (builder, key, (gint64)MIN (value, (guint64)G_MAXINT64));
}

/* A string member, or null for %NULL. */
void
mapscope_json_set_string (JsonBuilder *builder,
                          const char  *key,
                          const char  *value)
{
  json_builder_set_member_name (builder, key);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

void
mapscope_json_set_address (JsonBuilder *builder,
                           const char  *key,
                           guint64      address)
{
  g_autofree char *text = mapscope_json_format_address (address);

  mapscope_json_set_string (builder, key, text);
}

/* The key of a field in the JSON shapes: a newly allocated string. */
char *
mapscope_json_field_key (MapscopeSnapshot *snapshot,
                         guint             field_id)
{
  if (field_id < MAPSCOPE_N_KNOWN_FIELDS)
    return g_strdup (mapscope_field_get_json_key (field_id));
  if (mapscope_snapshot_field_is_kb (snapshot, field_id))
    return mapscope_field_json_key_for_name (mapscope_snapshot_get_field_name (snapshot, field_id));
  return g_ascii_strdown (mapscope_snapshot_get_field_name (snapshot, field_id), -1);
}

/* One key per field the totals carry; fields the input lacks are absent. */
static void
add_totals_members (JsonBuilder          *builder,
                    MapscopeSnapshot     *snapshot,
                    const MapscopeTotals *totals,
                    guint                 n_fields)
{
  for (guint field = 0; field < n_fields; field++)
    {
      g_autofree char *key = NULL;

      if (!totals->present[field])
        continue;
      key = mapscope_json_field_key (snapshot, field);
      mapscope_json_set_uint (builder, key, totals->values[field]);
    }
}

static void
add_snapshot_summary (JsonBuilder      *builder,
                      MapscopeSnapshot *snapshot,
                      guint             index)
{
  g_autoptr(MapscopeSummary) summary = mapscope_summary_new (snapshot);
  guint n_fields = mapscope_summary_get_n_fields (summary);
  GDateTime *timestamp = mapscope_snapshot_get_timestamp (snapshot);
  g_autofree char *time_text = timestamp ? g_date_time_format_iso8601 (timestamp) : NULL;

  json_builder_begin_object (builder);
  mapscope_json_set_uint (builder, "index", index);
  mapscope_json_set_string (builder, "timestamp", time_text);
  json_builder_set_member_name (builder, "pid");
  if (mapscope_snapshot_get_pid (snapshot) >= 0)
    json_builder_add_int_value (builder, mapscope_snapshot_get_pid (snapshot));
  else
    json_builder_add_null_value (builder);
  mapscope_json_set_string (builder, "command", mapscope_snapshot_get_command (snapshot));
  mapscope_json_set_string (builder, "format", mapscope_format_get_name (mapscope_snapshot_get_format (snapshot)));
  mapscope_json_set_uint (builder, "source_line", mapscope_snapshot_get_source_line (snapshot));
  mapscope_json_set_string (builder, "executable", mapscope_snapshot_get_executable (snapshot));
  mapscope_json_set_uint (builder, "region_count", mapscope_snapshot_get_n_regions (snapshot));

  json_builder_set_member_name (builder, "totals");
  json_builder_begin_object (builder);
  add_totals_members (builder, snapshot, mapscope_summary_get_totals (summary), n_fields);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "categories");
  json_builder_begin_array (builder);
  for (guint c = 0; c < MAPSCOPE_N_CATEGORIES; c++)
    {
      const MapscopeTotals *totals = mapscope_summary_get_category (summary, c);

      if (totals->region_count == 0)
        continue;
      json_builder_begin_object (builder);
      mapscope_json_set_string (builder, "category", mapscope_category_get_name (c));
      mapscope_json_set_uint (builder, "region_count", totals->region_count);
      add_totals_members (builder, snapshot, totals, n_fields);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_end_object (builder);
}

/* @document, when given, supplies the warnings. */
static JsonNode *
build_summary (const char        *source,
               MapscopeFormat     format,
               MapscopeSnapshot **snapshots,
               guint              n_snapshots,
               MapscopeDocument  *document)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  guint n_warnings = document != NULL ? mapscope_document_get_n_warnings (document) : 0;

  json_builder_begin_object (builder);
  mapscope_json_set_string (builder, "source", source);
  mapscope_json_set_string (builder, "format", mapscope_format_get_name (format));

  json_builder_set_member_name (builder, "snapshots");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n_snapshots; i++)
    add_snapshot_summary (builder, snapshots[i], i);
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "warnings");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n_warnings; i++)
    {
      const MapscopeWarning *warning = mapscope_document_get_warning (document, i);

      json_builder_begin_object (builder);
      mapscope_json_set_uint (builder, "line", warning->line);
      mapscope_json_set_string (builder, "message", warning->message);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/**
 * mapscope_json_summary_document:
 *
 * Returns: (transfer full): the `summary --json` object of @document
 */
JsonNode *
mapscope_json_summary_document (MapscopeDocument *document)
{
  guint n_snapshots = mapscope_document_get_n_snapshots (document);
  g_autofree MapscopeSnapshot **snapshots = g_new (MapscopeSnapshot *, MAX (n_snapshots, 1));

  for (guint i = 0; i < n_snapshots; i++)
    snapshots[i] = mapscope_document_get_snapshot (document, i);

  return build_summary (mapscope_document_get_source (document),
                        mapscope_document_get_format (document),
                        snapshots, n_snapshots, document);
}

/**
 * mapscope_json_summary_snapshot:
 *
 * Returns: (transfer full): the `summary --json` object of a file holding
 *   only @snapshot
 */
JsonNode *
mapscope_json_summary_snapshot (MapscopeSnapshot *snapshot)
{
  return build_summary (mapscope_snapshot_get_source (snapshot),
                        mapscope_snapshot_get_format (snapshot), &snapshot, 1, NULL);
}

/* Adds one `regions --json` object for @region. */
void
mapscope_json_add_region (JsonBuilder          *builder,
                          MapscopeSnapshot     *snapshot,
                          const MapscopeRegion *region)
{
  char perms[5];
  g_autofree char *device = mapscope_region_format_device (region);
  guint n_fields = mapscope_snapshot_get_n_fields (snapshot);

  mapscope_region_format_perms (region, perms);

  json_builder_begin_object (builder);
  mapscope_json_set_address (builder, "start", region->start);
  mapscope_json_set_address (builder, "end", region->end);
  mapscope_json_set_string (builder, "perms", perms);
  if (region->flags & MAPSCOPE_REGION_HAS_OFFSET)
    {
      mapscope_json_set_address (builder, "offset", region->offset);
      mapscope_json_set_string (builder, "device", device);
      mapscope_json_set_uint (builder, "inode", region->inode);
    }
  mapscope_json_set_string (builder, "path", region->path);
  mapscope_json_set_string (builder, "category", mapscope_category_get_name (region->category));
  mapscope_json_set_string (builder, "category_rule", mapscope_category_rule_describe (region->rule));
  mapscope_json_set_uint (builder, "line", region->line);
  if (region->flags & MAPSCOPE_REGION_DELETED)
    {
      json_builder_set_member_name (builder, "deleted");
      json_builder_add_boolean_value (builder, TRUE);
    }

  if (!mapscope_region_has_field (region, MAPSCOPE_FIELD_SIZE))
    mapscope_json_set_uint (builder, "size_kb", mapscope_region_get_size (region) / 1024);
  for (guint field = 0; field < n_fields; field++)
    {
      g_autofree char *key = NULL;
      guint64 value;

      if (!mapscope_snapshot_get_value (snapshot, region, field, &value))
        continue;
      key = mapscope_json_field_key (snapshot, field);
      mapscope_json_set_uint (builder, key, value);
    }

  if (region->thp_eligible >= 0)
    mapscope_json_set_uint (builder, "thpeligible", region->thp_eligible);
  if (region->protection_key >= 0)
    mapscope_json_set_uint (builder, "protectionkey", region->protection_key);

  if (region->flags & MAPSCOPE_REGION_HAS_VMFLAGS)
    {
      g_auto(GStrv) codes = mapscope_vmflags_split (region->vmflags_text);

      json_builder_set_member_name (builder, "vmflags");
      json_builder_begin_array (builder);
      for (guint i = 0; codes[i] != NULL; i++)
        json_builder_add_string_value (builder, codes[i]);
      json_builder_end_array (builder);
    }

  json_builder_end_object (builder);
}
