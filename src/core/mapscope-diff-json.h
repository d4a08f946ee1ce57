/* mapscope-diff-json.h: the JSON shapes of diffs and findings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "mapscope-diff.h"
#include "mapscope-findings.h"

G_BEGIN_DECLS

JsonNode *mapscope_json_diff           (MapscopeDiff          *diff);
void      mapscope_json_add_finding    (JsonBuilder           *builder,
                                        const MapscopeFinding *finding,
                                        const char            *source);
void      mapscope_json_add_severity_counts (JsonBuilder *builder,
                                             const guint *counts);
JsonNode *mapscope_json_findings       (MapscopeFindings      *findings);

G_END_DECLS
