/* mapscope-cli-findings.c: "mapscope-cli findings", problems worth a look
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mapscope-cli-findings.h"

#include "mapscope-cli-common.h"
#include "mapscope-cli-format.h"
#include "mapscope-cli-output.h"

#define FINDINGS_DESCRIPTION \
  "Check the last snapshot of each FILE for memory problems: large or very many\n" \
  "anonymous regions, a fragmented heap, a library loaded twice, memory that is\n" \
  "mostly private dirty or swapped out, writable and executable or anonymous\n" \
  "executable memory, deleted files still mapped. A FILE holding several\n" \
  "snapshots (a timeline) is also checked for memory that keeps growing."

#define FINDINGS_NOTES \
  "Each finding has an id, a severity (info, warning or critical), a title, an\n" \
  "explanation, a next step to try and the regions involved. A clean ordinary\n" \
  "process has no finding of warning level or above.\n" \
  "\n" \
  "With --timeline, the snapshots of all FILEs, in the order given, are taken as\n" \
  "one timeline of one process.\n" \
  "\n" \
  "With --json, print one JSON object {\"findings\": […], \"severity\": {…}}\n" \
  "holding the findings of every FILE, each tagged with its \"source\".\n" \
  "\n" \
  "Exit status: 0 on success, whatever was found; 1 if a FILE could not be read\n" \
  "or parsed (the others are still checked), 2 on a usage error."

#define TEXT_WIDTH 76
#define MAX_LISTED_REGIONS 8

typedef struct
{
  MapscopeFindingsSettings settings;
  gboolean                 json;
  gboolean                 timeline;
  GString                 *out;
  JsonBuilder             *builder;
  GPtrArray               *snapshots;   /* --timeline: every snapshot so far */
  char                    *source;      /* --timeline: the sources, joined */
  guint                    counts[MAPSCOPE_N_SEVERITIES];
  guint                    n_reported;
} Report;

static void
append_wrapped (GString    *out,
                const char *prefix,
                const char *text)
{
  g_autofree char *wrapped = mapscope_cli_wrap_text (text, TEXT_WIDTH - 2);
  g_auto(GStrv) lines = g_strsplit (wrapped, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    g_string_append_printf (out, "%s%s\n", i == 0 ? prefix : "  ", lines[i]);
}

static void
append_finding_text (GString               *out,
                     const MapscopeFinding *finding)
{
  g_autofree char *severity = g_ascii_strup (mapscope_severity_get_name (finding->severity), -1);
  g_autofree char *next_step = g_strconcat ("Next step: ", finding->next_step, NULL);
  guint n_regions = finding->regions->len;

  g_string_append_printf (out, "\n%s  %s  %s\n", severity, finding->id, finding->title);
  append_wrapped (out, "  ", finding->explanation);
  append_wrapped (out, "  ", next_step);

  for (guint i = 0; i < MIN (n_regions, MAX_LISTED_REGIONS); i++)
    {
      const MapscopeRegion *region =
        mapscope_snapshot_get_region (finding->snapshot, g_array_index (finding->regions, guint, i));

      g_string_append_printf (out, "  %" G_GINT64_MODIFIER "x-%" G_GINT64_MODIFIER "x  %-13s  %s\n",
                              region->start, region->end,
                              mapscope_category_get_name (region->category),
                              region->path != NULL ? region->path : "");
    }
  if (n_regions > MAX_LISTED_REGIONS)
    g_string_append_printf (out, "  … and %u more regions\n", n_regions - MAX_LISTED_REGIONS);
}

static void
report_findings (Report                   *report,
                 MapscopeTimelineAnalysis *timeline,
                 const char               *source,
                 MapscopeDocument         *document)
{
  g_autoptr(MapscopeFindings) findings = mapscope_findings_new_for_timeline (timeline, &report->settings);
  guint n_findings = mapscope_findings_get_n_findings (findings);

  if (!report->json)
    {
      guint n_snapshots = mapscope_timeline_analysis_get_n_snapshots (timeline);

      if (report->n_reported++ > 0)
        g_string_append_c (report->out, '\n');
      if (document != NULL)
        mapscope_cli_append_snapshot_header (report->out, document,
                                             mapscope_document_get_n_snapshots (document) - 1, TRUE);
      else
        g_string_append_printf (report->out, "%s  timeline of %u snapshots\n", source, n_snapshots);
      if (n_findings == 0)
        g_string_append (report->out, "No findings.\n");
    }

  for (guint i = 0; i < n_findings; i++)
    {
      const MapscopeFinding *finding = mapscope_findings_get_finding (findings, i);

      report->counts[finding->severity]++;
      if (report->json)
        mapscope_json_add_finding (report->builder, finding, source);
      else
        append_finding_text (report->out, finding);
    }
}

static void
check_document (MapscopeDocument *document,
                gboolean          first,
                gpointer          user_data)
{
  Report *report = user_data;
  g_autoptr(MapscopeTimelineAnalysis) timeline = NULL;
  const char *source = mapscope_document_get_source (document);

  mapscope_cli_report_warnings (document);
  if (mapscope_document_get_n_snapshots (document) == 0)
    return;

  if (report->timeline)
    {
      char *joined = report->source != NULL ? g_strconcat (report->source, " ", source, NULL)
                                            : g_strdup (source);

      for (guint i = 0; i < mapscope_document_get_n_snapshots (document); i++)
        g_ptr_array_add (report->snapshots, g_object_ref (mapscope_document_get_snapshot (document, i)));
      g_free (report->source);
      report->source = joined;
      return;
    }

  timeline = mapscope_timeline_analysis_new_for_document (document);
  report_findings (report, timeline, source, document);
}

static gboolean
parse_percent (const char *option,
               gdouble     percent,
               gdouble    *fraction)
{
  if (percent < 0 || percent > 100)
    {
      mapscope_cli_usage_error ("findings", "%s must be between 0 and 100", option);
      return FALSE;
    }
  *fraction = percent / 100;
  return TRUE;
}

int
mapscope_cli_findings_run (int    argc,
                           char **argv)
{
  g_autoptr(GString) out = mapscope_cli_output_new ();
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GPtrArray) snapshots = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GOptionContext) context = NULL;
  g_auto(GStrv) files = NULL;
  Report report = { .out = out, .builder = builder, .snapshots = snapshots };
  gint64 anon_large_mib;
  gint64 private_dirty_min_mib;
  gint64 leak_min_growth_kb;
  gint anon_many;
  gint heap_max_pieces;
  gdouble private_dirty_percent;
  gdouble swap_percent;
  gdouble leak_rising_percent;
  int status;

  mapscope_findings_settings_init (&report.settings);
  anon_large_mib = report.settings.anon_large_kb / 1024;
  private_dirty_min_mib = report.settings.private_dirty_min_kb / 1024;
  leak_min_growth_kb = report.settings.leak.min_growth_kb;
  anon_many = report.settings.anon_many_count;
  heap_max_pieces = report.settings.heap_max_pieces;
  private_dirty_percent = report.settings.private_dirty_fraction * 100;
  swap_percent = report.settings.swap_fraction * 100;
  leak_rising_percent = report.settings.leak.min_rising_fraction * 100;

  {
    const GOptionEntry entries[] = {
      { "json", 'j', G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, &report.json,
        "Print one JSON object with the findings of every FILE", NULL },
      { "timeline", 't', G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, &report.timeline,
        "Take the snapshots of all FILEs as one timeline", NULL },
      { "anon-large-mib", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_INT64, &anon_large_mib,
        "anon-large: resident anonymous memory of one region (default 256)", "MIB" },
      { "anon-many", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_INT, &anon_many,
        "anon-many: more anonymous regions than this (default 1000)", "COUNT" },
      { "heap-max-pieces", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_INT, &heap_max_pieces,
        "heap-fragmented: small heap pieces (default 128)", "COUNT" },
      { "private-dirty-min-mib", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_INT64, &private_dirty_min_mib,
        "private-dirty-high: smallest region (default 16)", "MIB" },
      { "private-dirty-percent", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_DOUBLE, &private_dirty_percent,
        "private-dirty-high: share of the region (default 90)", "PERCENT" },
      { "swap-percent", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_DOUBLE, &swap_percent,
        "swap-high: share of memory swapped out (default 50)", "PERCENT" },
      { "leak-min-growth-kb", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_INT64, &leak_min_growth_kb,
        "leak-growth: growth from first to last snapshot (default 1024)", "KB" },
      { "leak-rising-percent", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_DOUBLE, &leak_rising_percent,
        "leak-growth: share of steps that rise (default 80)", "PERCENT" },
      MAPSCOPE_CLI_FILES_ENTRY (&files),
      G_OPTION_ENTRY_NULL
    };

    context = mapscope_cli_option_context_new ("findings", FINDINGS_DESCRIPTION, FINDINGS_NOTES,
                                               entries);
    if (!mapscope_cli_parse_options (context, "findings", &argc, &argv, &files))
      return MAPSCOPE_CLI_EXIT_USAGE_ERROR;
  }

  if (anon_large_mib < 0 || private_dirty_min_mib < 0 || leak_min_growth_kb < 0
      || anon_many < 0 || heap_max_pieces < 0)
    return mapscope_cli_usage_error ("findings", "thresholds cannot be negative");
  if (!parse_percent ("--private-dirty-percent", private_dirty_percent,
                      &report.settings.private_dirty_fraction)
      || !parse_percent ("--swap-percent", swap_percent, &report.settings.swap_fraction)
      || !parse_percent ("--leak-rising-percent", leak_rising_percent,
                         &report.settings.leak.min_rising_fraction))
    return MAPSCOPE_CLI_EXIT_USAGE_ERROR;
  report.settings.anon_large_kb = (guint64) anon_large_mib * 1024;
  report.settings.private_dirty_min_kb = (guint64) private_dirty_min_mib * 1024;
  report.settings.leak.min_growth_kb = (guint64) leak_min_growth_kb;
  report.settings.anon_many_count = anon_many;
  report.settings.heap_max_pieces = heap_max_pieces;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "findings");
  json_builder_begin_array (builder);

  status = mapscope_cli_for_each_document (files, out, check_document, &report);
  if (report.timeline && snapshots->len > 0)
    {
      g_autoptr(MapscopeTimelineAnalysis) timeline =
        mapscope_timeline_analysis_new ((MapscopeSnapshot * const *) snapshots->pdata, snapshots->len);

      report_findings (&report, timeline, report.source, NULL);
    }
  g_free (report.source);

  json_builder_end_array (builder);
  mapscope_json_add_severity_counts (builder, report.counts);
  json_builder_end_object (builder);

  if (report.json)
    {
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(JsonNode) node = json_builder_get_root (builder);

      mapscope_cli_output_append_json (out, generator, node);
      g_string_append_c (out, '\n');
    }

  if (!mapscope_cli_output_finish (out))
    status = MAPSCOPE_CLI_EXIT_INPUT_ERROR;

  return status;
}
