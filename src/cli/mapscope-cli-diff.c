/* mapscope-cli-diff.c: "mapscope-cli diff", what changed between two snapshots
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mapscope-cli-diff.h"

#include "mapscope-cli-common.h"
#include "mapscope-cli-format.h"
#include "mapscope-cli-output.h"
#include "mapscope-cli-table.h"

#define DIFF_DESCRIPTION \
  "Compare two snapshots of a process: “diff OLD NEW” compares the first\n" \
  "snapshot of OLD with the last snapshot of NEW, and “diff FILE” the first and\n" \
  "last snapshots of a FILE holding several. OLD and NEW may also come from two\n" \
  "runs of the same program: regions are paired by what they are (file, offset,\n" \
  "permissions, their neighbours), not by address alone."

#define DIFF_NOTES \
  "Each region is new, removed, grown, shrunk or unchanged, by its RSS first,\n" \
  "then its size, then its swap. Regions that split or merged are shown as one\n" \
  "row. Without --all, unchanged regions are not listed.\n" \
  "\n" \
  "With --json, print one JSON object with \"baseline\" and \"current\" (where\n" \
  "each snapshot came from), \"counts\" per status, \"totals_delta\",\n" \
  "\"categories\" (one object per category with \"<field>_delta\" members) and\n" \
  "\"regions\", every region with its \"status\", addresses, \"path\", \"category\"\n" \
  "and \"delta\" per field, in kB.\n" \
  "\n" \
  "Exit status: 0 on success, 1 if a FILE could not be read or parsed, 2 on a\n" \
  "usage error."

static const MapscopeField diff_fields[] = {
  MAPSCOPE_FIELD_SIZE,
  MAPSCOPE_FIELD_RSS,
  MAPSCOPE_FIELD_PSS,
  MAPSCOPE_FIELD_SWAP,
  MAPSCOPE_FIELD_PRIVATE_DIRTY,
};

/* "+1.5 MiB", "-4 KiB" or "0 B" */
static char *
format_delta (gint64 kb)
{
  g_autofree char *amount = mapscope_format_kb ((guint64) ABS (kb));

  return g_strdup_printf ("%s%s", kb > 0 ? "+" : kb < 0 ? "-" : "", amount);
}

static void
add_delta_cell (MapscopeCliTable *table,
                gint64            kb)
{
  g_autofree char *text = format_delta (kb);

  mapscope_cli_table_add_cell (table, text);
}

static void
append_description (GString          *out,
                    const char       *label,
                    MapscopeSnapshot *snapshot)
{
  GDateTime *timestamp = mapscope_snapshot_get_timestamp (snapshot);
  g_autofree char *time_text = timestamp != NULL ? g_date_time_format_iso8601 (timestamp) : NULL;

  g_string_append_printf (out, "%s %s:%u  pid: ", label, mapscope_snapshot_get_source (snapshot),
                          mapscope_snapshot_get_source_line (snapshot));
  if (mapscope_snapshot_get_pid (snapshot) >= 0)
    g_string_append_printf (out, "%d", mapscope_snapshot_get_pid (snapshot));
  else
    g_string_append_c (out, '-');
  g_string_append_printf (out, "  time: %s\n", time_text != NULL ? time_text : "-");
}

static void
append_category_table (GString             *out,
                       MapscopeDiff        *diff,
                       const MapscopeField *fields,
                       guint                n_fields)
{
  g_autoptr(MapscopeCliTable) table = mapscope_cli_table_new ();

  mapscope_cli_table_add_column (table, "CATEGORY", MAPSCOPE_CLI_ALIGN_LEFT);
  mapscope_cli_table_add_column (table, "REGIONS", MAPSCOPE_CLI_ALIGN_RIGHT);
  for (guint i = 0; i < n_fields; i++)
    mapscope_cli_table_add_column (table, mapscope_cli_field_title (fields[i]), MAPSCOPE_CLI_ALIGN_RIGHT);

  for (guint c = 0; c < MAPSCOPE_N_CATEGORIES; c++)
    {
      gboolean changed = mapscope_diff_get_category_count_delta (diff, c) != 0;

      for (guint i = 0; i < n_fields && !changed; i++)
        changed = mapscope_diff_get_category_delta (diff, c, fields[i]) != 0;
      if (!changed)
        continue;
      mapscope_cli_table_add_cell (table, mapscope_category_get_name (c));
      mapscope_cli_table_add_cellf (table, "%+d", mapscope_diff_get_category_count_delta (diff, c));
      for (guint i = 0; i < n_fields; i++)
        add_delta_cell (table, mapscope_diff_get_category_delta (diff, c, fields[i]));
    }

  mapscope_cli_table_add_rule (table);
  mapscope_cli_table_add_cell (table, "total");
  mapscope_cli_table_add_cellf (table, "%+d",
                                (gint) mapscope_snapshot_get_n_regions (mapscope_diff_get_new_snapshot (diff))
                                - (gint) mapscope_snapshot_get_n_regions (mapscope_diff_get_old_snapshot (diff)));
  for (guint i = 0; i < n_fields; i++)
    add_delta_cell (table, mapscope_diff_get_total_delta (diff, fields[i]));

  mapscope_cli_table_write (table, out);
}

static void
append_region_table (GString             *out,
                     MapscopeDiff        *diff,
                     const MapscopeField *fields,
                     guint                n_fields,
                     gboolean             all)
{
  g_autoptr(MapscopeCliTable) table = mapscope_cli_table_new ();
  guint n_entries = mapscope_diff_get_n_entries (diff);

  mapscope_cli_table_add_column (table, "STATUS", MAPSCOPE_CLI_ALIGN_LEFT);
  mapscope_cli_table_add_column (table, "START", MAPSCOPE_CLI_ALIGN_RIGHT);
  mapscope_cli_table_add_column (table, "END", MAPSCOPE_CLI_ALIGN_RIGHT);
  mapscope_cli_table_add_column (table, "PERMS", MAPSCOPE_CLI_ALIGN_LEFT);
  for (guint i = 0; i < n_fields; i++)
    mapscope_cli_table_add_column (table, mapscope_cli_field_title (fields[i]), MAPSCOPE_CLI_ALIGN_RIGHT);
  mapscope_cli_table_add_column (table, "CATEGORY", MAPSCOPE_CLI_ALIGN_LEFT);
  mapscope_cli_table_add_column (table, "PATH", MAPSCOPE_CLI_ALIGN_LEFT);

  for (guint e = 0; e < n_entries; e++)
    {
      const MapscopeDiffEntry *entry = mapscope_diff_get_entry (diff, e);
      gboolean has_new = entry->n_new > 0;
      MapscopeSnapshot *snapshot = has_new ? mapscope_diff_get_new_snapshot (diff)
                                           : mapscope_diff_get_old_snapshot (diff);
      const MapscopeRegion *region = mapscope_snapshot_get_region (snapshot, has_new ? entry->new_index
                                                                                     : entry->old_index);
      char perms[5];

      if (!all && entry->status == MAPSCOPE_DIFF_UNCHANGED)
        continue;
      mapscope_region_format_perms (region, perms);
      mapscope_cli_table_add_cell (table, mapscope_diff_status_get_name (entry->status));
      mapscope_cli_table_add_cellf (table, "%" G_GINT64_MODIFIER "x", region->start);
      mapscope_cli_table_add_cellf (table, "%" G_GINT64_MODIFIER "x", region->end);
      mapscope_cli_table_add_cell (table, perms);
      for (guint i = 0; i < n_fields; i++)
        add_delta_cell (table, mapscope_diff_get_entry_delta (diff, entry, fields[i]));
      mapscope_cli_table_add_cell (table, mapscope_category_get_name (region->category));
      mapscope_cli_table_add_cell (table, region->path != NULL ? region->path : "");
    }

  if (mapscope_cli_table_get_n_rows (table) > 0)
    mapscope_cli_table_write (table, out);
  else
    g_string_append (out, "No region changed.\n");
}

static void
append_diff_text (GString      *out,
                  MapscopeDiff *diff,
                  gboolean      all)
{
  MapscopeField fields[G_N_ELEMENTS (diff_fields)];
  guint n_fields = 0;

  for (guint i = 0; i < G_N_ELEMENTS (diff_fields); i++)
    {
      if (mapscope_diff_has_field (diff, diff_fields[i]))
        fields[n_fields++] = diff_fields[i];
    }

  append_description (out, "baseline:", mapscope_diff_get_old_snapshot (diff));
  append_description (out, "current: ", mapscope_diff_get_new_snapshot (diff));
  if (!mapscope_diff_get_same_program (diff))
    g_string_append (out, "note: the two snapshots run different programs (their executables differ), "
                          "so most regions compare as new or removed\n");
  g_string_append_printf (out, "new: %u  removed: %u  grown: %u  shrunk: %u  unchanged: %u\n\n",
                          mapscope_diff_count_status (diff, MAPSCOPE_DIFF_NEW),
                          mapscope_diff_count_status (diff, MAPSCOPE_DIFF_REMOVED),
                          mapscope_diff_count_status (diff, MAPSCOPE_DIFF_GROWN),
                          mapscope_diff_count_status (diff, MAPSCOPE_DIFF_SHRUNK),
                          mapscope_diff_count_status (diff, MAPSCOPE_DIFF_UNCHANGED));
  append_category_table (out, diff, fields, n_fields);
  g_string_append_c (out, '\n');
  append_region_table (out, diff, fields, n_fields, all);
}

static void
keep_document (MapscopeDocument *document,
               gboolean          first,
               gpointer          user_data)
{
  GPtrArray *documents = user_data;

  mapscope_cli_report_warnings (document);
  g_ptr_array_add (documents, g_object_ref (document));
}

int
mapscope_cli_diff_run (int    argc,
                       char **argv)
{
  g_autoptr(GString) out = mapscope_cli_output_new ();
  g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(MapscopeDiff) diff = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_auto(GStrv) files = NULL;
  MapscopeDocument *first;
  MapscopeDocument *last;
  gboolean json = FALSE;
  gboolean all = FALSE;
  const GOptionEntry entries[] = {
    { "json", 'j', G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, &json,
      "Print one JSON object", NULL },
    { "all", 'a', G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, &all,
      "List unchanged regions too", NULL },
    MAPSCOPE_CLI_FILES_ENTRY (&files),
    G_OPTION_ENTRY_NULL
  };
  int status;

  context = mapscope_cli_option_context_new ("diff", DIFF_DESCRIPTION, DIFF_NOTES, entries);
  if (!mapscope_cli_parse_options (context, "diff", &argc, &argv, &files))
    return MAPSCOPE_CLI_EXIT_USAGE_ERROR;
  if (g_strv_length (files) > 2)
    return mapscope_cli_usage_error ("diff", "give OLD and NEW, or one FILE with several snapshots");

  status = mapscope_cli_for_each_document (files, out, keep_document, documents);
  if (status != MAPSCOPE_CLI_EXIT_SUCCESS)
    return status;

  first = g_ptr_array_index (documents, 0);
  last = g_ptr_array_index (documents, documents->len - 1);
  if (documents->len == 1 && mapscope_document_get_n_snapshots (first) < 2)
    {
      g_printerr ("mapscope-cli diff: %s holds one snapshot; give OLD and NEW\n",
                  mapscope_document_get_source (first));
      return MAPSCOPE_CLI_EXIT_INPUT_ERROR;
    }

  diff = mapscope_diff_new (mapscope_document_get_snapshot (first, 0),
                            mapscope_document_get_snapshot (last, mapscope_document_get_n_snapshots (last) - 1));
  if (json)
    {
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(JsonNode) node = mapscope_json_diff (diff);

      mapscope_cli_output_append_json (out, generator, node);
      g_string_append_c (out, '\n');
    }
  else
    {
      append_diff_text (out, diff, all);
    }

  if (!mapscope_cli_output_finish (out))
    status = MAPSCOPE_CLI_EXIT_INPUT_ERROR;

  return status;
}
