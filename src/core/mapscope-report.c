/* mapscope-report.c: a one-page, self-contained HTML report of a snapshot
 * or of a diff between two
 *
 * The page needs no network: its images (the category chart and the map,
 * drawn by the same Cairo code as the application's) are inline PNG data:
 * URIs, its style is inline. It is written as polyglot markup (well-formed
 * XML that is also valid HTML5), and every string from the input goes
 * through g_markup_escape_text(), so a path such as `</td><script>` stays
 * text. With anonymising on, the report is built from anonymised copies of
 * the snapshots, so no name reaches it by any route.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mapscope-report.h"

#include "mapscope-anonymizer.h"
#include <string.h>

#include "mapscope-palette.h"
#include "mapscope-diff.h"
#include "mapscope-findings.h"
#include "mapscope-map-renderer.h"
#include "mapscope-units.h"

#define MAP_WIDTH 960
#define MAP_HEIGHT 240
#define CHART_WIDTH 720
#define CHART_ROW 24
#define CHART_LABEL_WIDTH 130
#define CHART_BAR_WIDTH 480
#define TOP_REGIONS 20
#define FINDING_REGIONS 5
#define ANONYMOUS "[anonymous]"

#define STYLE \
  "body{font-family:sans-serif;margin:2em auto;max-width:62em;padding:0 1em;color:#222}" \
  "h1{font-size:1.5em}h2{font-size:1.2em;margin-top:1.6em}" \
  "table{border-collapse:collapse}th,td{padding:.2em .6em;border-bottom:1px solid #ddd}" \
  "th{text-align:left}td.n{text-align:right;font-variant-numeric:tabular-nums}" \
  "td.path{word-break:break-all}img{max-width:100%;border:1px solid #ddd}" \
  ".critical{color:#c01c28}.warning{color:#9c6e03}.info{color:#1c71d8}" \
  "dt{font-weight:bold}dd{margin:0 0 .4em 1.2em}.note{color:#666}"

typedef struct
{
  GString          *out;
  GPtrArray        *snapshots;  /* all of them, anonymised if asked */
  MapscopeSnapshot *baseline;   /* the first of several, or NULL */
  MapscopeSnapshot *snapshot;   /* the last */
  gboolean          anonymized;
} Report;

/* Appends @format's output with each %s argument escaped; only %s is used. */
static void G_GNUC_PRINTF (2, 3)
append_element (GString    *out,
                const char *format,
                ...)
{
  va_list args;
  g_autofree char *text = NULL;

  va_start (args, format);
  text = g_markup_vprintf_escaped (format, args);
  va_end (args);
  g_string_append (out, text);
}

static void
append_kb_cell (GString *out,
                gboolean present,
                guint64  kb)
{
  g_autofree char *text = present ? mapscope_format_kb (kb) : g_strdup ("–");

  append_element (out, "<td class=\"n\">%s</td>", text);
}

static void
append_delta_cell (GString *out,
                   gint64   kb)
{
  g_autofree char *size = mapscope_format_kb ((guint64) ABS (kb));

  append_element (out, "<td class=\"n\">%s%s</td>", kb > 0 ? "+" : kb < 0 ? "−" : "", size);
}

static cairo_status_t
write_to_bytes (void                *closure,
                const unsigned char *data,
                unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* Appends the surface as an <img> with a PNG data: URI. */
static void
append_image (GString         *out,
              cairo_surface_t *surface,
              const char      *alt)
{
  g_autoptr(GByteArray) png = g_byte_array_new ();
  g_autofree char *base64 = NULL;

  if (cairo_surface_write_to_png_stream (surface, write_to_bytes, png) != CAIRO_STATUS_SUCCESS)
    return;
  base64 = g_base64_encode (png->data, png->len);
  append_element (out, "<p><img alt=\"%s\" src=\"data:image/png;base64,", alt);
  g_string_append (out, base64);
  g_string_append (out, "\"/></p>\n");
}

static const char *
describe_snapshot (MapscopeSnapshot *snapshot,
                   char            **owned)
{
  const char *command = mapscope_snapshot_get_command (snapshot);
  gint pid = mapscope_snapshot_get_pid (snapshot);

  if (pid >= 0)
    *owned = g_strdup_printf ("%s (pid %d)", command != NULL ? command : "?", pid);
  else
    *owned = g_strdup (command != NULL ? command : mapscope_snapshot_get_source (snapshot));

  return *owned;
}

static void
append_snapshot_facts (GString          *out,
                       const char       *label,
                       MapscopeSnapshot *snapshot)
{
  GDateTime *timestamp = mapscope_snapshot_get_timestamp (snapshot);
  g_autofree char *time = timestamp != NULL ? g_date_time_format_iso8601 (timestamp)
                                            : g_strdup ("unknown");
  g_autofree char *who = NULL;
  g_autofree char *regions = g_strdup_printf ("%u", mapscope_snapshot_get_n_regions (snapshot));

  append_element (out, "<dt>%s</dt><dd>%s, taken %s; %s, %s regions, from %s</dd>\n",
                  label, describe_snapshot (snapshot, &who), time,
                  mapscope_format_get_name (mapscope_snapshot_get_format (snapshot)), regions,
                  mapscope_snapshot_get_source (snapshot));
}

static void
append_header (Report *report)
{
  GString *out = report->out;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *generated = g_date_time_format_iso8601 (now);
  g_autofree char *who = NULL;
  const char *kind = report->baseline != NULL ? "Memory diff" : "Memory report";
  g_autofree char *title = g_strdup_printf ("%s of %s", kind,
                                            describe_snapshot (report->snapshot, &who));

  g_string_append (out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n");
  append_element (out, "<title>%s</title>\n", title);
  g_string_append (out, "<style>" STYLE "</style>\n</head>\n<body>\n");
  append_element (out, "<h1>%s</h1>\n<dl>\n", title);
  if (report->baseline != NULL)
    append_snapshot_facts (out, "Baseline", report->baseline);
  append_snapshot_facts (out, report->baseline != NULL ? "Current" : "Snapshot", report->snapshot);
  append_element (out, "<dt>Report</dt><dd>made by Mapscope at %s%s</dd>\n</dl>\n", generated,
                  report->anonymized
                  ? "; home directories, the user name and the host name are replaced by "
                    "USER and HOST"
                  : "");
}

static const MapscopeField summary_fields[] = {
  MAPSCOPE_FIELD_SIZE,
  MAPSCOPE_FIELD_RSS,
  MAPSCOPE_FIELD_PSS,
  MAPSCOPE_FIELD_SWAP,
  MAPSCOPE_FIELD_PRIVATE_DIRTY,
};

static void
append_summary_row (GString              *out,
                    const char           *label,
                    const MapscopeTotals *totals)
{
  g_autofree char *count = g_strdup_printf ("%u", totals->region_count);

  append_element (out, "<tr><th>%s</th><td class=\"n\">%s</td>", label, count);
  for (guint f = 0; f < G_N_ELEMENTS (summary_fields); f++)
    append_kb_cell (out, totals->present[summary_fields[f]], totals->values[summary_fields[f]]);
  g_string_append (out, "</tr>\n");
}

static void
append_summary (Report          *report,
                MapscopeSummary *summary)
{
  GString *out = report->out;

  g_string_append (out, "<h2>Summary</h2>\n<table>\n<thead><tr><th>Category</th><th>Regions</th>"
                   "<th>Size</th><th>RSS</th><th>PSS</th><th>Swap</th><th>Private dirty</th>"
                   "</tr></thead>\n<tbody>\n");
  for (guint c = 0; c < MAPSCOPE_N_CATEGORIES; c++)
    {
      const MapscopeTotals *totals = mapscope_summary_get_category (summary, c);

      if (totals->region_count > 0)
        append_summary_row (out, mapscope_category_get_label (c), totals);
    }
  append_summary_row (out, "Total", mapscope_summary_get_totals (summary));
  g_string_append (out, "</tbody>\n</table>\n");
}

static void
append_diff_summary (Report       *report,
                     MapscopeDiff *diff)
{
  GString *out = report->out;
  MapscopeSummary *before = mapscope_diff_get_old_summary (diff);
  MapscopeSummary *after = mapscope_diff_get_new_summary (diff);

  g_string_append (out, "<h2>Summary</h2>\n<table>\n<thead><tr><th>Category</th>"
                   "<th>Baseline RSS</th><th>Current RSS</th><th>Change</th>"
                   "<th>Size change</th></tr></thead>\n<tbody>\n");
  for (guint c = 0; c <= MAPSCOPE_N_CATEGORIES; c++)
    {
      gboolean total = c == MAPSCOPE_N_CATEGORIES;
      const MapscopeTotals *old_totals = total ? mapscope_summary_get_totals (before)
                                               : mapscope_summary_get_category (before, c);
      const MapscopeTotals *new_totals = total ? mapscope_summary_get_totals (after)
                                               : mapscope_summary_get_category (after, c);

      if (old_totals->region_count == 0 && new_totals->region_count == 0)
        continue;
      append_element (out, "<tr><th>%s</th>", total ? "Total" : mapscope_category_get_label (c));
      append_kb_cell (out, old_totals->present[MAPSCOPE_FIELD_RSS],
                      old_totals->values[MAPSCOPE_FIELD_RSS]);
      append_kb_cell (out, new_totals->present[MAPSCOPE_FIELD_RSS],
                      new_totals->values[MAPSCOPE_FIELD_RSS]);
      append_delta_cell (out, total ? mapscope_diff_get_total_delta (diff, MAPSCOPE_FIELD_RSS)
                              : mapscope_diff_get_category_delta (diff, c, MAPSCOPE_FIELD_RSS));
      append_delta_cell (out, total ? mapscope_diff_get_total_delta (diff, MAPSCOPE_FIELD_SIZE)
                              : mapscope_diff_get_category_delta (diff, c, MAPSCOPE_FIELD_SIZE));
      g_string_append (out, "</tr>\n");
    }
  g_string_append (out, "</tbody>\n</table>\n");
}

/* The bar chart as inline SVG: one labelled bar per category, in the
 * application's category colors. */
static void
append_chart (Report          *report,
              MapscopeSummary *summary)
{
  GString *out = report->out;
  MapscopeField field = mapscope_snapshot_has_field (report->snapshot, MAPSCOPE_FIELD_RSS)
                        ? MAPSCOPE_FIELD_RSS : MAPSCOPE_FIELD_SIZE;
  guint64 largest = 0;
  guint n_bars = 0;

  for (guint c = 0; c < MAPSCOPE_N_CATEGORIES; c++)
    {
      const MapscopeTotals *totals = mapscope_summary_get_category (summary, c);

      if (totals->region_count > 0)
        {
          largest = MAX (largest, totals->values[field]);
          n_bars++;
        }
    }
  if (n_bars == 0 || largest == 0)
    return;

  append_element (out, "<h2>Memory by category (%s)</h2>\n",
                  field == MAPSCOPE_FIELD_RSS ? "resident" : "mapped");
  g_string_append_printf (out, "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" "
                          "aria-label=\"Memory by category\" "
                          "width=\"%d\" height=\"%u\" font-family=\"sans-serif\" "
                          "font-size=\"13\">\n", CHART_WIDTH, n_bars * CHART_ROW);
  n_bars = 0;
  for (guint c = 0; c < MAPSCOPE_N_CATEGORIES; c++)
    {
      const MapscopeTotals *totals = mapscope_summary_get_category (summary, c);
      g_autofree char *color = NULL;
      g_autofree char *value = NULL;
      guint width;
      guint y;

      if (totals->region_count == 0)
        continue;
      color = mapscope_palette_category_css (c, FALSE);
      value = mapscope_format_kb (totals->values[field]);
      /* Whole pixels: a locale's decimal comma must not reach the SVG. */
      width = MAX (1, (guint) ((double) totals->values[field] / largest * CHART_BAR_WIDTH + 0.5));
      y = n_bars++ * CHART_ROW;
      g_string_append_printf (out, "<text x=\"0\" y=\"%u\">", y + 17);
      append_element (out, "%s</text>", mapscope_category_get_label (c));
      g_string_append_printf (out, "<rect x=\"%d\" y=\"%u\" width=\"%u\" height=\"%d\" "
                              "fill=\"%s\"/><text x=\"%u\" y=\"%u\">",
                              CHART_LABEL_WIDTH, y + 4, width, CHART_ROW - 8, color,
                              CHART_LABEL_WIDTH + width + 6, y + 17);
      append_element (out, "%s</text>\n", value);
    }
  g_string_append (out, "</svg>\n");
}

static void
append_map (Report *report)
{
  g_autoptr(MapscopeMapLayout) layout = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  double height;

  if (mapscope_snapshot_get_n_regions (report->snapshot) == 0)
    return;

  layout = mapscope_map_layout_new (report->snapshot, MAP_WIDTH, MAP_HEIGHT, 1, 0, FALSE);
  height = MAX (1, mapscope_map_layout_get_n_rows (layout)
                   * mapscope_map_layout_get_row_height (layout));
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, MAP_WIDTH,
                                        (int) MIN (height, 4 * MAP_HEIGHT));
  cr = cairo_create (surface);
  mapscope_map_render (cr, layout, report->snapshot, NULL, FALSE);
  cairo_destroy (cr);

  g_string_append (report->out, "<h2>Address space</h2>\n"
                   "<p class=\"note\">Each region colored by category: resident memory solid, "
                   "the rest lighter, private dirty memory darker, swap hatched; unmapped gaps "
                   "are collapsed.</p>\n");
  append_image (report->out, surface, "Map of the address space");
  cairo_surface_destroy (surface);
}

static void
append_finding (GString               *out,
                const MapscopeFinding *finding)
{
  const char *severity = mapscope_severity_get_name (finding->severity);
  guint n_regions = finding->regions != NULL ? finding->regions->len : 0;

  append_element (out, "<dt class=\"%s\">%s: %s <code>%s</code></dt>\n<dd>%s",
                  severity, severity, finding->title, finding->id, finding->explanation);
  if (finding->next_step != NULL)
    append_element (out, " <em>%s</em>", finding->next_step);
  if (n_regions > 0)
    {
      g_string_append (out, "<ul>");
      for (guint i = 0; i < MIN (n_regions, FINDING_REGIONS); i++)
        {
          guint index = g_array_index (finding->regions, guint, i);
          const MapscopeRegion *region = mapscope_snapshot_get_region (finding->snapshot, index);
          g_autofree char *start = g_strdup_printf ("%012" G_GINT64_MODIFIER "x", region->start);

          append_element (out, "<li><code>%s</code> %s</li>", start,
                          region->path != NULL ? region->path : ANONYMOUS);
        }
      if (n_regions > FINDING_REGIONS)
        {
          g_autofree char *more = g_strdup_printf ("… and %u more", n_regions - FINDING_REGIONS);

          append_element (out, "<li>%s</li>", more);
        }
      g_string_append (out, "</ul>");
    }
  g_string_append (out, "</dd>\n");
}

static void
append_findings (Report *report)
{
  MapscopeFindingsSettings settings;
  g_autoptr(MapscopeFindings) findings = NULL;
  guint n_findings;

  mapscope_findings_settings_init (&settings);
  if (report->baseline != NULL)
    {
      g_autoptr(MapscopeTimelineAnalysis) timeline =
        mapscope_timeline_analysis_new ((MapscopeSnapshot * const *) report->snapshots->pdata,
                                        report->snapshots->len);

      findings = mapscope_findings_new_for_timeline (timeline, &settings);
    }
  else
    {
      findings = mapscope_findings_new (report->snapshot, &settings);
    }

  n_findings = mapscope_findings_get_n_findings (findings);
  g_string_append (report->out, "<h2>Findings</h2>\n");
  if (n_findings == 0)
    {
      g_string_append (report->out, "<p>No findings.</p>\n");
      return;
    }
  g_string_append (report->out, "<dl>\n");
  for (guint i = 0; i < n_findings; i++)
    append_finding (report->out, mapscope_findings_get_finding (findings, i));
  g_string_append (report->out, "</dl>\n");
}

static void
append_region_cells (GString              *out,
                     MapscopeSnapshot     *snapshot,
                     const MapscopeRegion *region)
{
  g_autofree char *range = g_strdup_printf ("%012" G_GINT64_MODIFIER "x–"
                                            "%012" G_GINT64_MODIFIER "x",
                                            region->start, region->end);
  char perms[5];

  mapscope_region_format_perms (region, perms);
  append_element (out, "<td><code>%s</code></td><td><code>%s</code></td>", range, perms);
  append_kb_cell (out, TRUE, mapscope_region_get_size (region) / 1024);
  append_kb_cell (out, mapscope_snapshot_has_field (snapshot, MAPSCOPE_FIELD_RSS),
                  mapscope_snapshot_get_value_or_zero (snapshot, region, MAPSCOPE_FIELD_RSS));
  append_element (out, "<td>%s</td><td class=\"path\">%s</td>",
                  mapscope_category_get_label (region->category),
                  region->path != NULL ? region->path : ANONYMOUS);
}

/* Something listed in a "top" table, and what it is ranked by. */
typedef struct
{
  gint64        key;
  gconstpointer item;
} Ranked;

static gint
compare_ranked_descending (gconstpointer a,
                           gconstpointer b)
{
  gint64 key_a = ((const Ranked *) a)->key;
  gint64 key_b = ((const Ranked *) b)->key;

  return key_a < key_b ? 1 : key_a > key_b ? -1 : 0;
}

static void
append_top_regions (Report *report)
{
  GString *out = report->out;
  guint n_regions = 0;
  const MapscopeRegion *regions = mapscope_snapshot_get_regions (report->snapshot, &n_regions);
  g_autoptr(GArray) sorted = g_array_sized_new (FALSE, FALSE, sizeof (Ranked), n_regions);

  if (n_regions == 0)
    return;
  for (guint i = 0; i < n_regions; i++)
    {
      Ranked ranked = { mapscope_snapshot_get_value_or_zero (report->snapshot, &regions[i],
                                                             MAPSCOPE_FIELD_RSS), &regions[i] };

      g_array_append_val (sorted, ranked);
    }
  g_array_sort (sorted, compare_ranked_descending);

  g_string_append (out, "<h2>Top regions by RSS</h2>\n<table>\n<thead><tr><th>Addresses</th>"
                   "<th>Perms</th><th>Size</th><th>RSS</th><th>Category</th><th>Path</th>"
                   "</tr></thead>\n<tbody>\n");
  for (guint i = 0; i < MIN (sorted->len, TOP_REGIONS); i++)
    {
      g_string_append (out, "<tr>");
      append_region_cells (out, report->snapshot, g_array_index (sorted, Ranked, i).item);
      g_string_append (out, "</tr>\n");
    }
  g_string_append (out, "</tbody>\n</table>\n");
}

/* The regions whose RSS grew most, on the current side. */
static void
append_top_changes (Report       *report,
                    MapscopeDiff *diff)
{
  GString *out = report->out;
  guint n_entries = mapscope_diff_get_n_entries (diff);
  g_autoptr(GArray) sorted = g_array_new (FALSE, FALSE, sizeof (Ranked));

  for (guint i = 0; i < n_entries; i++)
    {
      const MapscopeDiffEntry *entry = mapscope_diff_get_entry (diff, i);
      Ranked ranked = { mapscope_diff_get_entry_delta (diff, entry, MAPSCOPE_FIELD_RSS), entry };

      if (entry->new_index >= 0 && ranked.key > 0)
        g_array_append_val (sorted, ranked);
    }
  g_array_sort (sorted, compare_ranked_descending);

  g_string_append (out, "<h2>Top regions by RSS growth</h2>\n");
  if (sorted->len == 0)
    {
      g_string_append (out, "<p>No region grew.</p>\n");
      return;
    }
  g_string_append (out, "<table>\n<thead><tr><th>Change</th><th>Status</th><th>Addresses</th>"
                   "<th>Perms</th><th>Size</th><th>RSS</th><th>Category</th><th>Path</th>"
                   "</tr></thead>\n<tbody>\n");
  for (guint i = 0; i < MIN (sorted->len, TOP_REGIONS); i++)
    {
      const Ranked *ranked = &g_array_index (sorted, Ranked, i);
      const MapscopeDiffEntry *entry = ranked->item;
      const MapscopeRegion *region = mapscope_snapshot_get_region (report->snapshot,
                                                                   entry->new_index);

      g_string_append (out, "<tr>");
      append_delta_cell (out, ranked->key);
      append_element (out, "<td>%s</td>", mapscope_diff_status_get_name (entry->status));
      append_region_cells (out, report->snapshot, region);
      g_string_append (out, "</tr>\n");
    }
  g_string_append (out, "</tbody>\n</table>\n");
}

/**
 * mapscope_report_html:
 *
 * Returns: (transfer full): the report page
 */
char *
mapscope_report_html (const MapscopeReportOptions *options)
{
  g_autoptr(MapscopeAnonymizer) anonymizer = NULL;
  g_autoptr(GPtrArray) snapshots = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(MapscopeSummary) summary = NULL;
  Report report = { g_string_new (NULL), snapshots, NULL, NULL, options->anonymize };
  MapscopeSnapshot *baseline;
  MapscopeSnapshot *snapshot;

  g_return_val_if_fail (options->n_snapshots > 0, NULL);

  if (options->anonymize)
    anonymizer = mapscope_anonymizer_new (options->user_name, options->host_name);
  for (guint i = 0; i < options->n_snapshots; i++)
    g_ptr_array_add (snapshots,
                     anonymizer != NULL
                     ? mapscope_anonymizer_copy_snapshot (anonymizer, options->snapshots[i])
                     : g_object_ref (options->snapshots[i]));

  snapshot = report.snapshot = g_ptr_array_index (snapshots, snapshots->len - 1);
  baseline = report.baseline = snapshots->len > 1 ? g_ptr_array_index (snapshots, 0) : NULL;
  summary = mapscope_summary_new (snapshot);

  append_header (&report);
  if (baseline != NULL)
    {
      g_autoptr(MapscopeDiff) diff = mapscope_diff_new (baseline, snapshot);

      append_diff_summary (&report, diff);
      append_chart (&report, summary);
      append_map (&report);
      append_findings (&report);
      append_top_changes (&report, diff);
    }
  else
    {
      append_summary (&report, summary);
      append_chart (&report, summary);
      append_map (&report);
      append_findings (&report);
      append_top_regions (&report);
    }
  g_string_append (report.out, "</body>\n</html>\n");

  return g_string_free (report.out, FALSE);
}

/* Atomic: g_file_set_contents writes a temporary file and renames it. */
gboolean
mapscope_report_save (const MapscopeReportOptions  *options,
                      const char                   *path,
                      GError                      **error)
{
  g_autofree char *html = mapscope_report_html (options);

  return g_file_set_contents (path, html, -1, error);
}
