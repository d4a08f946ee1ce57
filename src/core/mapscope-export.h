/* mapscope-export.h: regions, summaries, diffs and findings written to files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mapscope-diff.h"
#include "mapscope-findings.h"
#include "mapscope-region-filter.h"

G_BEGIN_DECLS

char     *mapscope_export_regions_csv   (MapscopeSnapshot     *snapshot,
                                         MapscopeRegionFilter *filter);
char     *mapscope_export_regions_json  (MapscopeSnapshot     *snapshot,
                                         guint                 snapshot_index,
                                         MapscopeRegionFilter *filter);
char     *mapscope_export_summary_json  (MapscopeSnapshot     *snapshot);
char     *mapscope_export_findings_json (MapscopeFindings     *findings);
char     *mapscope_export_diff_json     (MapscopeDiff         *diff);
gboolean  mapscope_export_save          (const char           *path,
                                         const char           *text,
                                         GError              **error);

G_END_DECLS
