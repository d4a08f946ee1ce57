/* mapscope-findings.h: problems worth a look, found in a snapshot or a timeline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mapscope-timeline-analysis.h"

G_BEGIN_DECLS

typedef enum
{
  MAPSCOPE_SEVERITY_INFO,
  MAPSCOPE_SEVERITY_WARNING,
  MAPSCOPE_SEVERITY_CRITICAL,
  MAPSCOPE_N_SEVERITIES
} MapscopeSeverity;

/* The thresholds of the checks. Sizes are in kB, fractions from 0 to 1. */
typedef struct
{
  guint64              anon_large_kb;             /* resident anonymous memory of one region */
  guint                anon_many_count;           /* anonymous regions, strictly more than */
  guint                heap_max_pieces;           /* small heap and arena pieces */
  guint64              heap_small_piece_kb;
  guint64              heap_unresident_min_kb;    /* heap size worth checking for holes */
  gdouble              heap_unresident_fraction;  /* of the heap not resident */
  guint64              lib_layout_min_kb;         /* smallest library compared by layout */
  guint64              private_dirty_min_kb;      /* region size */
  gdouble              private_dirty_fraction;
  gdouble              swap_fraction;             /* swap / (RSS + swap) */
  guint64              swap_min_kb;
  MapscopeLeakSettings leak;
} MapscopeFindingsSettings;

typedef struct
{
  const char *key;      /* static, e.g. "resident_anonymous_kb" */
  gint64      value;
} MapscopeFindingValue;

typedef struct
{
  const char       *id;             /* static, e.g. "anon-large" */
  MapscopeSeverity  severity;
  char             *title;
  char             *explanation;
  char             *next_step;
  MapscopeSnapshot *snapshot;       /* the snapshot @regions index into */
  GArray           *regions;        /* guint region indices, by address */
  GArray           *values;         /* MapscopeFindingValue */
} MapscopeFinding;

#define MAPSCOPE_TYPE_FINDINGS (mapscope_findings_get_type ())

G_DECLARE_FINAL_TYPE (MapscopeFindings, mapscope_findings, MAPSCOPE, FINDINGS, GObject)

void                   mapscope_findings_settings_init     (MapscopeFindingsSettings       *settings);
MapscopeFindings      *mapscope_findings_new               (MapscopeSnapshot               *snapshot,
                                                            const MapscopeFindingsSettings *settings);
MapscopeFindings      *mapscope_findings_new_for_timeline  (MapscopeTimelineAnalysis       *timeline,
                                                            const MapscopeFindingsSettings *settings);
guint                  mapscope_findings_get_n_findings    (MapscopeFindings               *self);
const MapscopeFinding *mapscope_findings_get_finding       (MapscopeFindings               *self,
                                                            guint                           index);
const MapscopeFinding *mapscope_findings_lookup            (MapscopeFindings               *self,
                                                            const char                     *id);
guint                  mapscope_findings_count_severity    (MapscopeFindings               *self,
                                                            MapscopeSeverity                severity);

const char            *mapscope_severity_get_name          (MapscopeSeverity                severity);

G_END_DECLS
