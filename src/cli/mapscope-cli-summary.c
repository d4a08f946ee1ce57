/* mapscope-cli-summary.c: "mapscope-cli summary", totals per category
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mapscope-cli-summary.h"

#include "mapscope-cli-common.h"
#include "mapscope-cli-format.h"
#include "mapscope-cli-output.h"
#include "mapscope-cli-table.h"

#define SUMMARY_DESCRIPTION \
  "For each snapshot in each FILE, print how much memory each category of\n" \
  "region uses, and the totals. A FILE of “-” reads standard input.\n" \
  "\n" \
  "Only the columns the input carries are shown: Size, RSS, PSS, Swap and\n" \
  "private dirty memory (pmap -x's Dirty stands in for it)."

#define SUMMARY_NOTES \
  "With --json, each FILE gives one JSON object on a single line (so several\n" \
  "FILEs give JSON Lines) holding its source, format, snapshots with their\n" \
  "totals and categories, and the parser's warnings; the warnings are then not\n" \
  "printed on standard error.\n" \
  "\n" \
  "Exit status: 0 on success, 1 if a FILE could not be read or parsed (the\n" \
  "others are still summarized), 2 on a usage error."

static const MapscopeField summary_fields[] = {
  MAPSCOPE_FIELD_SIZE,
  MAPSCOPE_FIELD_RSS,
  MAPSCOPE_FIELD_PSS,
  MAPSCOPE_FIELD_SWAP,
  MAPSCOPE_FIELD_PRIVATE_DIRTY,
};

static void
add_totals_row (MapscopeCliTable     *table,
                const char           *label,
                const MapscopeTotals *totals,
                const MapscopeField  *fields,
                guint                 n_fields)
{
  mapscope_cli_table_add_cell (table, label);
  mapscope_cli_table_add_cellf (table, "%u", totals->region_count);

  for (guint i = 0; i < n_fields; i++)
    {
      MapscopeField field = fields[i];

      mapscope_cli_table_add_cell (table,
                                   mapscope_cli_format_kb_or_dash (totals->present[field],
                                                                   totals->values[field]));
    }
}

static void
append_snapshot_table (GString          *out,
                       MapscopeSnapshot *snapshot)
{
  g_autoptr(MapscopeSummary) summary = mapscope_summary_new (snapshot);
  g_autoptr(MapscopeCliTable) table = mapscope_cli_table_new ();
  MapscopeField fields[G_N_ELEMENTS (summary_fields)];
  guint n_fields;

  n_fields = mapscope_cli_choose_columns (snapshot, summary_fields,
                                          G_N_ELEMENTS (summary_fields), fields);

  mapscope_cli_table_add_column (table, "CATEGORY", MAPSCOPE_CLI_ALIGN_LEFT);
  mapscope_cli_table_add_column (table, "REGIONS", MAPSCOPE_CLI_ALIGN_RIGHT);
  for (guint i = 0; i < n_fields; i++)
    mapscope_cli_table_add_column (table, mapscope_cli_field_title (fields[i]),
                                   MAPSCOPE_CLI_ALIGN_RIGHT);

  for (guint c = 0; c < MAPSCOPE_N_CATEGORIES; c++)
    {
      const MapscopeTotals *totals = mapscope_summary_get_category (summary, c);

      if (totals->region_count > 0)
        add_totals_row (table, mapscope_category_get_name (c), totals, fields, n_fields);
    }

  mapscope_cli_table_add_rule (table);
  add_totals_row (table, "total", mapscope_summary_get_totals (summary), fields, n_fields);

  mapscope_cli_table_write (table, out);
}

typedef struct
{
  gboolean       json;
  GString       *out;
  JsonGenerator *generator;
} SummaryOutput;

static void
write_document (MapscopeDocument *document,
                gboolean          first,
                gpointer          user_data)
{
  SummaryOutput *output = user_data;
  guint n_snapshots = mapscope_document_get_n_snapshots (document);

  if (output->json)
    {
      g_autoptr(JsonNode) node = mapscope_json_summary_document (document);

      mapscope_cli_output_append_json (output->out, output->generator, node);
      g_string_append_c (output->out, '\n');
      return;
    }

  mapscope_cli_report_warnings (document);
  for (guint i = 0; i < n_snapshots; i++)
    {
      mapscope_cli_append_snapshot_header (output->out, document, i, first && i == 0);
      append_snapshot_table (output->out, mapscope_document_get_snapshot (document, i));
    }
}

int
mapscope_cli_summary_run (int    argc,
                          char **argv)
{
  g_autoptr(GString) out = mapscope_cli_output_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  SummaryOutput output = { FALSE, out, generator };
  g_auto(GStrv) files = NULL;
  gint pid = 0;
  const GOptionEntry entries[] = {
    { "json", 'j', G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, &output.json,
      "Print JSON, one object per FILE on its own line", NULL },
    MAPSCOPE_CLI_PID_ENTRY (&pid),
    MAPSCOPE_CLI_FILES_ENTRY (&files),
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  int status;

  context = mapscope_cli_option_context_new ("summary", SUMMARY_DESCRIPTION, SUMMARY_NOTES,
                                             entries);
  if (!mapscope_cli_parse_input_options (context, "summary", &argc, &argv, &files, &pid))
    return MAPSCOPE_CLI_EXIT_USAGE_ERROR;

  status = mapscope_cli_for_each_input (files, pid, out, write_document, &output);

  if (!mapscope_cli_output_finish (out))
    status = MAPSCOPE_CLI_EXIT_INPUT_ERROR;

  return status;
}
