/* mapscope-export.c: regions, summaries, diffs and findings written to files
 *
 * The JSON shapes are the CLI's `--json` ones, built by the same code
 * (mapscope-json.c, mapscope-json-regions.c, mapscope-diff-json.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mapscope-export.h"

#include <string.h>

#include "mapscope-diff-json.h"
#include "mapscope-json-regions.h"

/* The amounts a CSV row carries, in kB; a cell is empty when the input
 * did not give the field. */
static const struct
{
  MapscopeField field;
  const char   *title;
} csv_fields[] = {
  { MAPSCOPE_FIELD_RSS, "rss_kb" },
  { MAPSCOPE_FIELD_PSS, "pss_kb" },
  { MAPSCOPE_FIELD_PRIVATE_DIRTY, "private_dirty_kb" },
  { MAPSCOPE_FIELD_SWAP, "swap_kb" },
};

static gboolean
region_selected (MapscopeRegionFilter *filter,
                 MapscopeSnapshot     *snapshot,
                 const MapscopeRegion *region)
{
  return filter == NULL || mapscope_region_filter_matches (filter, snapshot, region);
}

/* RFC 4180: a field holding a comma, a quote or a line break is quoted,
 * its quotes doubled. */
static void
append_csv_field (GString    *out,
                  const char *text)
{
  if (text == NULL)
    return;
  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (out, text);
      return;
    }

  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/**
 * mapscope_export_regions_csv:
 * @filter: (nullable): only the regions it matches, or all
 *
 * Returns: (transfer full): a header line and one CRLF-ended row per region
 */
char *
mapscope_export_regions_csv (MapscopeSnapshot     *snapshot,
                             MapscopeRegionFilter *filter)
{
  GString *out = g_string_new ("start,end,perms,offset,size_kb");
  guint n_regions = 0;
  const MapscopeRegion *regions = mapscope_snapshot_get_regions (snapshot, &n_regions);

  for (guint f = 0; f < G_N_ELEMENTS (csv_fields); f++)
    g_string_append_printf (out, ",%s", csv_fields[f].title);
  g_string_append (out, ",category,path\r\n");

  for (guint i = 0; i < n_regions; i++)
    {
      const MapscopeRegion *region = &regions[i];
      char perms[5];
      guint64 value;

      if (!region_selected (filter, snapshot, region))
        continue;

      mapscope_region_format_perms (region, perms);
      g_string_append_printf (out, "0x%" G_GINT64_MODIFIER "x,0x%" G_GINT64_MODIFIER "x,%s,",
                              region->start, region->end, perms);
      if (region->flags & MAPSCOPE_REGION_HAS_OFFSET)
        g_string_append_printf (out, "0x%" G_GINT64_MODIFIER "x", region->offset);
      if (!mapscope_snapshot_get_value (snapshot, region, MAPSCOPE_FIELD_SIZE, &value))
        value = mapscope_region_get_size (region) / 1024;
      g_string_append_printf (out, ",%" G_GUINT64_FORMAT, value);
      for (guint f = 0; f < G_N_ELEMENTS (csv_fields); f++)
        {
          g_string_append_c (out, ',');
          if (mapscope_snapshot_get_value (snapshot, region, csv_fields[f].field, &value))
            g_string_append_printf (out, "%" G_GUINT64_FORMAT, value);
        }
      g_string_append_printf (out, ",%s,", mapscope_category_get_name (region->category));
      append_csv_field (out, region->path);
      g_string_append (out, "\r\n");
    }

  return g_string_free (out, FALSE);
}

/**
 * mapscope_export_regions_json:
 * @snapshot_index: the snapshot's place in its file, for the "snapshot" member
 * @filter: (nullable): only the regions it matches, or all
 *
 * Returns: (transfer full): the `mapscope-cli regions --json` object
 */
char *
mapscope_export_regions_json (MapscopeSnapshot     *snapshot,
                              guint                 snapshot_index,
                              MapscopeRegionFilter *filter)
{
  GString *out = g_string_new (NULL);
  MapscopeJsonRegionWriter writer;
  const char *source = mapscope_snapshot_get_source (snapshot);
  guint n_regions = 0;
  const MapscopeRegion *regions = mapscope_snapshot_get_regions (snapshot, &n_regions);

  mapscope_json_region_writer_init (&writer, out);
  mapscope_json_region_writer_open (&writer);
  for (guint i = 0; i < n_regions; i++)
    if (region_selected (filter, snapshot, &regions[i]))
      mapscope_json_region_writer_add_region (&writer, source, snapshot_index, snapshot,
                                              &regions[i]);
  mapscope_json_region_writer_close (&writer);
  mapscope_json_region_writer_clear (&writer);

  return g_string_free (out, FALSE);
}

static char *
node_to_text (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  char *text;

  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  json_node_unref (node);

  return text;
}

/**
 * mapscope_export_summary_json:
 *
 * Returns: (transfer full): the `mapscope-cli summary --json` object of a
 *   file holding only @snapshot
 */
char *
mapscope_export_summary_json (MapscopeSnapshot *snapshot)
{
  return node_to_text (mapscope_json_summary_snapshot (snapshot));
}

/**
 * mapscope_export_findings_json:
 *
 * Returns: (transfer full): the `mapscope-cli findings --json` object
 */
char *
mapscope_export_findings_json (MapscopeFindings *findings)
{
  return node_to_text (mapscope_json_findings (findings));
}

/**
 * mapscope_export_diff_json:
 *
 * Returns: (transfer full): the `mapscope-cli diff --json` object
 */
char *
mapscope_export_diff_json (MapscopeDiff *diff)
{
  return node_to_text (mapscope_json_diff (diff));
}

/* Atomic: g_file_set_contents writes a temporary file and renames it. */
gboolean
mapscope_export_save (const char  *path,
                      const char  *text,
                      GError     **error)
{
  return g_file_set_contents (path, text, -1, error);
}
