/* mapscope-timeline-analysis.h: series over several snapshots, and leak suspects
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mapscope-document.h"

G_BEGIN_DECLS

typedef enum
{
  MAPSCOPE_SERIES_TOTAL,
  MAPSCOPE_SERIES_CATEGORY,
  MAPSCOPE_SERIES_REGION,
} MapscopeSeriesKind;

/* The values a series follows, each in kB. */
typedef enum
{
  MAPSCOPE_SERIES_SIZE,
  MAPSCOPE_SERIES_RSS,
  MAPSCOPE_SERIES_ANONYMOUS,
  MAPSCOPE_SERIES_SWAP,
  MAPSCOPE_SERIES_PRIVATE_DIRTY,
  MAPSCOPE_SERIES_N_VALUES
} MapscopeSeriesValue;

/* A region series follows one region from snapshot to snapshot, through
 * growth, moves and splits; its values are 0 outside [first, last]. */
typedef struct
{
  MapscopeSeriesKind  kind;
  MapscopeCategory    category;      /* a region's, in its last snapshot */
  guint               first;         /* first snapshot holding the region */
  guint               last;
  guint               region_index;  /* in snapshot @last */
  guint64            *values;        /* private: use mapscope_series_get_value() */
} MapscopeSeries;

typedef struct
{
  guint64 min_growth_kb;        /* overall, from first to last snapshot */
  gdouble min_rising_fraction;  /* of the steps between snapshots */
  guint   min_snapshots;
} MapscopeLeakSettings;

typedef struct
{
  const MapscopeSeries *series;
  MapscopeSeriesValue   value;          /* anonymous memory, or RSS without it */
  guint64               first_kb;
  guint64               last_kb;
  guint                 rising_steps;
  guint                 n_steps;
  gdouble               rate;           /* kB per second, or per snapshot */
  gboolean              per_second;
} MapscopeLeakSuspect;

#define MAPSCOPE_TYPE_TIMELINE_ANALYSIS (mapscope_timeline_analysis_get_type ())

G_DECLARE_FINAL_TYPE (MapscopeTimelineAnalysis, mapscope_timeline_analysis,
                      MAPSCOPE, TIMELINE_ANALYSIS, GObject)

MapscopeTimelineAnalysis *mapscope_timeline_analysis_new          (MapscopeSnapshot * const *snapshots,
                                                                   guint                     n_snapshots);
MapscopeTimelineAnalysis *mapscope_timeline_analysis_new_for_document (MapscopeDocument *document);
guint                 mapscope_timeline_analysis_get_n_snapshots  (MapscopeTimelineAnalysis *self);
MapscopeSnapshot     *mapscope_timeline_analysis_get_snapshot     (MapscopeTimelineAnalysis *self,
                                                                   guint                     index);
gboolean              mapscope_timeline_analysis_has_timestamps   (MapscopeTimelineAnalysis *self);
gdouble               mapscope_timeline_analysis_get_elapsed      (MapscopeTimelineAnalysis *self,
                                                                   guint                     index);
guint                 mapscope_timeline_analysis_get_n_series     (MapscopeTimelineAnalysis *self);
const MapscopeSeries *mapscope_timeline_analysis_get_series       (MapscopeTimelineAnalysis *self,
                                                                   guint                     index);
const MapscopeSeries *mapscope_timeline_analysis_get_category_series (MapscopeTimelineAnalysis *self,
                                                                      MapscopeCategory          category);
const MapscopeSeries *mapscope_timeline_analysis_get_total_series (MapscopeTimelineAnalysis *self);
GArray               *mapscope_timeline_analysis_find_leaks       (MapscopeTimelineAnalysis   *self,
                                                                   const MapscopeLeakSettings *settings);

guint64               mapscope_series_get_value                   (const MapscopeSeries *series,
                                                                   guint                 snapshot,
                                                                   MapscopeSeriesValue   value);
void                  mapscope_leak_settings_init                 (MapscopeLeakSettings *settings);

G_END_DECLS
