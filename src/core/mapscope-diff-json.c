/* mapscope-diff-json.c: the JSON shapes of diffs and findings
 *
 * As in mapscope-json.c, addresses are hex strings and sizes are whole kB
 * under the fields' "_kb" keys; deltas may be negative.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mapscope-diff-json.h"

#include "mapscope-json.h"

/* "baseline" and "current": where each snapshot came from. */
static void
add_snapshot_description (JsonBuilder      *builder,
                          const char       *key,
                          MapscopeSnapshot *snapshot)
{
  GDateTime *timestamp = mapscope_snapshot_get_timestamp (snapshot);
  g_autofree char *time_text = timestamp != NULL ? g_date_time_format_iso8601 (timestamp) : NULL;

  json_builder_set_member_name (builder, key);
  json_builder_begin_object (builder);
  mapscope_json_set_string (builder, "source", mapscope_snapshot_get_source (snapshot));
  mapscope_json_set_int (builder, "source_line", mapscope_snapshot_get_source_line (snapshot));
  json_builder_set_member_name (builder, "pid");
  if (mapscope_snapshot_get_pid (snapshot) >= 0)
    json_builder_add_int_value (builder, mapscope_snapshot_get_pid (snapshot));
  else
    json_builder_add_null_value (builder);
  mapscope_json_set_string (builder, "command", mapscope_snapshot_get_command (snapshot));
  mapscope_json_set_string (builder, "timestamp", time_text);
  mapscope_json_set_int (builder, "region_count", mapscope_snapshot_get_n_regions (snapshot));
  json_builder_end_object (builder);
}

static void
add_totals_delta (JsonBuilder  *builder,
                  MapscopeDiff *diff)
{
  json_builder_set_member_name (builder, "totals_delta");
  json_builder_begin_object (builder);
  for (guint f = 0; f < MAPSCOPE_N_KNOWN_FIELDS; f++)
    {
      if (mapscope_field_is_additive (f) && mapscope_diff_has_field (diff, f))
        mapscope_json_set_int (builder, mapscope_field_get_json_key (f), mapscope_diff_get_total_delta (diff, f));
    }
  json_builder_end_object (builder);
}

static void
add_category_deltas (JsonBuilder  *builder,
                     MapscopeDiff *diff)
{
  MapscopeSummary *old_summary = mapscope_diff_get_old_summary (diff);
  MapscopeSummary *new_summary = mapscope_diff_get_new_summary (diff);

  json_builder_set_member_name (builder, "categories");
  json_builder_begin_array (builder);
  for (guint c = 0; c < MAPSCOPE_N_CATEGORIES; c++)
    {
      if (mapscope_summary_get_category (old_summary, c)->region_count == 0
          && mapscope_summary_get_category (new_summary, c)->region_count == 0)
        continue;

      json_builder_begin_object (builder);
      mapscope_json_set_string (builder, "category", mapscope_category_get_name (c));
      mapscope_json_set_int (builder, "region_count_delta", mapscope_diff_get_category_count_delta (diff, c));
      for (guint f = 0; f < MAPSCOPE_N_KNOWN_FIELDS; f++)
        {
          g_autofree char *key = NULL;

          if (!mapscope_field_is_additive (f) || !mapscope_diff_has_field (diff, f))
            continue;
          key = g_strconcat (mapscope_field_get_json_key (f), "_delta", NULL);
          mapscope_json_set_int (builder, key, mapscope_diff_get_category_delta (diff, c, f));
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

/* The span of one side of an entry, from its first member to its last. */
static void
entry_span (MapscopeDiff            *diff,
            const MapscopeDiffEntry *entry,
            gboolean                 new_side,
            guint64                 *start,
            guint64                 *end)
{
  MapscopeSnapshot *snapshot = new_side ? mapscope_diff_get_new_snapshot (diff)
                                        : mapscope_diff_get_old_snapshot (diff);
  guint n_members;
  const guint *members = mapscope_diff_get_members (diff, entry, new_side, &n_members);

  *start = mapscope_snapshot_get_region (snapshot, members[0])->start;
  *end = mapscope_snapshot_get_region (snapshot, members[n_members - 1])->end;
}

static void
add_match (JsonBuilder *builder,
           guint8       match)
{
  static const struct
  {
    MapscopeDiffMatch  flag;
    const char        *name;
  } names[] = {
    { MAPSCOPE_DIFF_MATCH_IDENTITY, "identity" },
    { MAPSCOPE_DIFF_MATCH_OVERLAP, "overlap" },
    { MAPSCOPE_DIFF_MATCH_MOVED, "moved" },
    { MAPSCOPE_DIFF_MATCH_SPLIT, "split" },
    { MAPSCOPE_DIFF_MATCH_MERGED, "merged" },
  };

  json_builder_set_member_name (builder, "match");
  json_builder_begin_array (builder);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      if (match & names[i].flag)
        json_builder_add_string_value (builder, names[i].name);
    }
  json_builder_end_array (builder);
}

static void
add_entry (JsonBuilder             *builder,
           MapscopeDiff            *diff,
           const MapscopeDiffEntry *entry)
{
  gboolean has_new = entry->n_new > 0;
  MapscopeSnapshot *snapshot = has_new ? mapscope_diff_get_new_snapshot (diff)
                                       : mapscope_diff_get_old_snapshot (diff);
  const MapscopeRegion *region = mapscope_snapshot_get_region (snapshot, has_new ? entry->new_index
                                                                                 : entry->old_index);
  char perms[5];
  guint64 start;
  guint64 end;

  mapscope_region_format_perms (region, perms);
  entry_span (diff, entry, has_new, &start, &end);

  json_builder_begin_object (builder);
  mapscope_json_set_string (builder, "status", mapscope_diff_status_get_name (entry->status));
  mapscope_json_set_address (builder, "start", start);
  mapscope_json_set_address (builder, "end", end);
  mapscope_json_set_string (builder, "perms", perms);
  mapscope_json_set_string (builder, "path", region->path);
  mapscope_json_set_string (builder, "category", mapscope_category_get_name (region->category));
  if (has_new && entry->n_old > 0)
    {
      entry_span (diff, entry, FALSE, &start, &end);
      mapscope_json_set_address (builder, "old_start", start);
      mapscope_json_set_address (builder, "old_end", end);
    }
  mapscope_json_set_int (builder, "old_regions", entry->n_old);
  mapscope_json_set_int (builder, "new_regions", entry->n_new);
  add_match (builder, entry->match);

  json_builder_set_member_name (builder, "delta");
  json_builder_begin_object (builder);
  for (guint f = 0; f < MAPSCOPE_N_KNOWN_FIELDS; f++)
    {
      if (mapscope_field_is_additive (f) && mapscope_diff_has_field (diff, f))
        mapscope_json_set_int (builder, mapscope_field_get_json_key (f), mapscope_diff_get_entry_delta (diff, entry, f));
    }
  json_builder_end_object (builder);

  json_builder_end_object (builder);
}

/**
 * mapscope_json_diff:
 *
 * Returns: (transfer full): the `diff --json` object of @diff
 */
JsonNode *
mapscope_json_diff (MapscopeDiff *diff)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  guint n_entries = mapscope_diff_get_n_entries (diff);

  json_builder_begin_object (builder);
  add_snapshot_description (builder, "baseline", mapscope_diff_get_old_snapshot (diff));
  add_snapshot_description (builder, "current", mapscope_diff_get_new_snapshot (diff));
  json_builder_set_member_name (builder, "same_layout");
  json_builder_add_boolean_value (builder, mapscope_diff_get_same_layout (diff));
  json_builder_set_member_name (builder, "same_program");
  json_builder_add_boolean_value (builder, mapscope_diff_get_same_program (diff));

  json_builder_set_member_name (builder, "counts");
  json_builder_begin_object (builder);
  for (guint s = 0; s < MAPSCOPE_DIFF_N_STATUSES; s++)
    mapscope_json_set_int (builder, mapscope_diff_status_get_name (s), mapscope_diff_count_status (diff, s));
  json_builder_end_object (builder);

  add_totals_delta (builder, diff);
  add_category_deltas (builder, diff);

  json_builder_set_member_name (builder, "regions");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n_entries; i++)
    add_entry (builder, diff, mapscope_diff_get_entry (diff, i));
  json_builder_end_array (builder);

  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* Adds one finding object, tagged with @source unless it is %NULL. */
void
mapscope_json_add_finding (JsonBuilder           *builder,
                           const MapscopeFinding *finding,
                           const char            *source)
{
  json_builder_begin_object (builder);
  mapscope_json_set_string (builder, "id", finding->id);
  mapscope_json_set_string (builder, "severity", mapscope_severity_get_name (finding->severity));
  mapscope_json_set_string (builder, "title", finding->title);
  mapscope_json_set_string (builder, "explanation", finding->explanation);
  mapscope_json_set_string (builder, "next_step", finding->next_step);
  if (source != NULL)
    mapscope_json_set_string (builder, "source", source);

  json_builder_set_member_name (builder, "regions");
  json_builder_begin_array (builder);
  for (guint i = 0; i < finding->regions->len; i++)
    {
      const MapscopeRegion *region =
        mapscope_snapshot_get_region (finding->snapshot, g_array_index (finding->regions, guint, i));
      char perms[5];

      mapscope_region_format_perms (region, perms);
      json_builder_begin_object (builder);
      mapscope_json_set_address (builder, "start", region->start);
      mapscope_json_set_address (builder, "end", region->end);
      mapscope_json_set_string (builder, "path", region->path);
      mapscope_json_set_string (builder, "perms", perms);
      mapscope_json_set_string (builder, "category", mapscope_category_get_name (region->category));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "values");
  json_builder_begin_object (builder);
  for (guint i = 0; i < finding->values->len; i++)
    {
      const MapscopeFindingValue *value = &g_array_index (finding->values, MapscopeFindingValue, i);

      mapscope_json_set_int (builder, value->key, value->value);
    }
  json_builder_end_object (builder);

  json_builder_end_object (builder);
}

/* Adds the member "severity": {"info": N, "warning": N, "critical": N},
 * from @counts indexed by MapscopeSeverity. */
void
mapscope_json_add_severity_counts (JsonBuilder *builder,
                                   const guint *counts)
{
  json_builder_set_member_name (builder, "severity");
  json_builder_begin_object (builder);
  for (guint s = 0; s < MAPSCOPE_N_SEVERITIES; s++)
    mapscope_json_set_int (builder, mapscope_severity_get_name (s), counts[s]);
  json_builder_end_object (builder);
}

/**
 * mapscope_json_findings:
 *
 * Returns: (transfer full): `{"findings": [...], "severity": {"info": N, ...}}`
 */
JsonNode *
mapscope_json_findings (MapscopeFindings *findings)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  guint n_findings = mapscope_findings_get_n_findings (findings);
  guint counts[MAPSCOPE_N_SEVERITIES] = { 0, };

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "findings");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n_findings; i++)
    {
      const MapscopeFinding *finding = mapscope_findings_get_finding (findings, i);

      counts[finding->severity]++;
      mapscope_json_add_finding (builder, finding, NULL);
    }
  json_builder_end_array (builder);

  mapscope_json_add_severity_counts (builder, counts);

  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}
