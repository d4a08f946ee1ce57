/* mapscope-timeline-analysis.c: series over several snapshots, and leak suspects
 *
 * Regions are followed from one snapshot to the next through the pairing of
 * MapscopeDiff, so a region keeps its series when it grows, moves or
 * splits (a split region's series holds the sum of its pieces).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mapscope-timeline-analysis.h"

#include "mapscope-diff.h"

struct _MapscopeTimelineAnalysis
{
  GObject            parent_instance;

  GPtrArray         *snapshots;     /* MapscopeSnapshot */
  gdouble           *elapsed;       /* seconds since the first snapshot */
  gboolean           has_timestamps;
  GArray            *regions;       /* MapscopeSeries */
  MapscopeSeries     categories[MAPSCOPE_N_CATEGORIES];
  MapscopeSeries     total;
};

G_DEFINE_FINAL_TYPE (MapscopeTimelineAnalysis, mapscope_timeline_analysis, G_TYPE_OBJECT)

static const MapscopeField series_fields[MAPSCOPE_SERIES_N_VALUES] = {
  [MAPSCOPE_SERIES_SIZE]          = MAPSCOPE_FIELD_SIZE,
  [MAPSCOPE_SERIES_RSS]           = MAPSCOPE_FIELD_RSS,
  [MAPSCOPE_SERIES_ANONYMOUS]     = MAPSCOPE_FIELD_ANONYMOUS,
  [MAPSCOPE_SERIES_SWAP]          = MAPSCOPE_FIELD_SWAP,
  [MAPSCOPE_SERIES_PRIVATE_DIRTY] = MAPSCOPE_FIELD_PRIVATE_DIRTY,
};

void
mapscope_leak_settings_init (MapscopeLeakSettings *settings)
{
  settings->min_growth_kb = 1024;
  settings->min_rising_fraction = 0.8;
  settings->min_snapshots = 3;
}

static void
series_init (MapscopeSeries     *series,
             MapscopeSeriesKind  kind,
             MapscopeCategory    category,
             guint               first,
             guint               n_snapshots)
{
  series->kind = kind;
  series->category = category;
  series->first = first;
  series->last = first;
  series->region_index = 0;
  series->values = g_new0 (guint64, (gsize) n_snapshots * MAPSCOPE_SERIES_N_VALUES);
}

static void
series_add (MapscopeSeries *series,
            guint           snapshot,
            const guint64  *values)
{
  guint64 *slot = &series->values[snapshot * MAPSCOPE_SERIES_N_VALUES];

  for (guint v = 0; v < MAPSCOPE_SERIES_N_VALUES; v++)
    slot[v] += values[v];
}

static void
region_values (MapscopeSnapshot     *snapshot,
               const MapscopeRegion *region,
               guint64              *values)
{
  values[MAPSCOPE_SERIES_SIZE] = mapscope_region_get_size (region) / 1024;
  for (guint v = MAPSCOPE_SERIES_SIZE + 1; v < MAPSCOPE_SERIES_N_VALUES; v++)
    values[v] = mapscope_snapshot_get_value_or_zero (snapshot, region, series_fields[v]);
}

/* The series region @index of snapshot @s continues, or -1 for a region
 * that starts a series of its own. */
static gint
continued_series (MapscopeDiff *diff,
                  const guint  *previous,
                  guint         index)
{
  const MapscopeDiffEntry *entry;

  if (diff == NULL)
    return -1;
  entry = mapscope_diff_get_entry (diff, mapscope_diff_find_new_entry (diff, index));
  return entry->n_old > 0 ? (gint) previous[entry->old_index] : -1;
}

static void
follow_regions (MapscopeTimelineAnalysis *self)
{
  guint n_snapshots = self->snapshots->len;
  g_autofree guint *previous = NULL;

  for (guint s = 0; s < n_snapshots; s++)
    {
      MapscopeSnapshot *snapshot = g_ptr_array_index (self->snapshots, s);
      g_autoptr(MapscopeDiff) diff = NULL;
      const MapscopeRegion *regions;
      guint n_regions;
      guint *current;

      if (s > 0)
        diff = mapscope_diff_new (g_ptr_array_index (self->snapshots, s - 1), snapshot);
      regions = mapscope_snapshot_get_regions (snapshot, &n_regions);
      current = g_new (guint, MAX (n_regions, 1));

      for (guint i = 0; i < n_regions; i++)
        {
          gint index = continued_series (diff, previous, i);
          MapscopeSeries *series;
          guint64 values[MAPSCOPE_SERIES_N_VALUES];

          if (index < 0)
            {
              MapscopeSeries fresh;

              series_init (&fresh, MAPSCOPE_SERIES_REGION, regions[i].category, s, n_snapshots);
              fresh.region_index = i;
              g_array_append_val (self->regions, fresh);
              index = self->regions->len - 1;
            }
          else if (g_array_index (self->regions, MapscopeSeries, index).last != s)
            {
              /* not a later piece of a split: those keep the first piece */
              g_array_index (self->regions, MapscopeSeries, index).region_index = i;
            }

          series = &g_array_index (self->regions, MapscopeSeries, index);
          series->last = s;
          series->category = regions[i].category;
          current[i] = index;

          region_values (snapshot, &regions[i], values);
          series_add (series, s, values);
          series_add (&self->categories[regions[i].category], s, values);
          series_add (&self->total, s, values);
        }

      g_free (previous);
      previous = current;
    }
}

static void
compute_elapsed (MapscopeTimelineAnalysis *self)
{
  GDateTime *first = NULL;

  self->elapsed = g_new0 (gdouble, MAX (self->snapshots->len, 1));
  self->has_timestamps = self->snapshots->len > 1;
  for (guint s = 0; s < self->snapshots->len; s++)
    {
      GDateTime *timestamp = mapscope_snapshot_get_timestamp (g_ptr_array_index (self->snapshots, s));

      if (timestamp == NULL)
        {
          self->has_timestamps = FALSE;
          continue;
        }
      if (first == NULL)
        first = timestamp;
      self->elapsed[s] = g_date_time_difference (timestamp, first) / (gdouble) G_TIME_SPAN_SECOND;
    }

  if (self->has_timestamps && self->elapsed[self->snapshots->len - 1] <= 0)
    self->has_timestamps = FALSE;
}

/**
 * mapscope_timeline_analysis_new:
 * @snapshots: (array length=n_snapshots): snapshots of one process, oldest first
 *
 * Returns: (transfer full): the analysis
 */
MapscopeTimelineAnalysis *
mapscope_timeline_analysis_new (MapscopeSnapshot * const *snapshots,
                                guint                     n_snapshots)
{
  MapscopeTimelineAnalysis *self;

  g_return_val_if_fail (snapshots != NULL || n_snapshots == 0, NULL);

  self = g_object_new (MAPSCOPE_TYPE_TIMELINE_ANALYSIS, NULL);
  for (guint s = 0; s < n_snapshots; s++)
    g_ptr_array_add (self->snapshots, g_object_ref (snapshots[s]));

  for (guint c = 0; c < MAPSCOPE_N_CATEGORIES; c++)
    {
      series_init (&self->categories[c], MAPSCOPE_SERIES_CATEGORY, c, 0, n_snapshots);
      self->categories[c].last = MAX (n_snapshots, 1) - 1;
    }
  series_init (&self->total, MAPSCOPE_SERIES_TOTAL, 0, 0, n_snapshots);
  self->total.last = MAX (n_snapshots, 1) - 1;

  compute_elapsed (self);
  follow_regions (self);

  return self;
}

/**
 * mapscope_timeline_analysis_new_for_document:
 *
 * Returns: (transfer full): the analysis of every snapshot of @document
 */
MapscopeTimelineAnalysis *
mapscope_timeline_analysis_new_for_document (MapscopeDocument *document)
{
  guint n_snapshots = mapscope_document_get_n_snapshots (document);
  g_autofree MapscopeSnapshot **snapshots = g_new (MapscopeSnapshot *, MAX (n_snapshots, 1));

  for (guint s = 0; s < n_snapshots; s++)
    snapshots[s] = mapscope_document_get_snapshot (document, s);

  return mapscope_timeline_analysis_new (snapshots, n_snapshots);
}

static void
series_clear (gpointer data)
{
  MapscopeSeries *series = data;

  g_clear_pointer (&series->values, g_free);
}

static void
mapscope_timeline_analysis_finalize (GObject *object)
{
  MapscopeTimelineAnalysis *self = MAPSCOPE_TIMELINE_ANALYSIS (object);

  g_clear_pointer (&self->snapshots, g_ptr_array_unref);
  g_clear_pointer (&self->regions, g_array_unref);
  g_clear_pointer (&self->elapsed, g_free);
  for (guint c = 0; c < MAPSCOPE_N_CATEGORIES; c++)
    series_clear (&self->categories[c]);
  series_clear (&self->total);

  G_OBJECT_CLASS (mapscope_timeline_analysis_parent_class)->finalize (object);
}

static void
mapscope_timeline_analysis_class_init (MapscopeTimelineAnalysisClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mapscope_timeline_analysis_finalize;
}

static void
mapscope_timeline_analysis_init (MapscopeTimelineAnalysis *self)
{
  self->snapshots = g_ptr_array_new_with_free_func (g_object_unref);
  self->regions = g_array_new (FALSE, FALSE, sizeof (MapscopeSeries));
  g_array_set_clear_func (self->regions, series_clear);
}

guint
mapscope_timeline_analysis_get_n_snapshots (MapscopeTimelineAnalysis *self)
{
  g_return_val_if_fail (MAPSCOPE_IS_TIMELINE_ANALYSIS (self), 0);
  return self->snapshots->len;
}

/**
 * mapscope_timeline_analysis_get_snapshot:
 *
 * Returns: (transfer none): snapshot @index
 */
MapscopeSnapshot *
mapscope_timeline_analysis_get_snapshot (MapscopeTimelineAnalysis *self,
                                         guint                     index)
{
  g_return_val_if_fail (MAPSCOPE_IS_TIMELINE_ANALYSIS (self), NULL);
  g_return_val_if_fail (index < self->snapshots->len, NULL);
  return g_ptr_array_index (self->snapshots, index);
}

/* Whether every snapshot has a time, the last one later than the first. */
gboolean
mapscope_timeline_analysis_has_timestamps (MapscopeTimelineAnalysis *self)
{
  g_return_val_if_fail (MAPSCOPE_IS_TIMELINE_ANALYSIS (self), FALSE);
  return self->has_timestamps;
}

/* Seconds from the first snapshot to snapshot @index; 0 without timestamps. */
gdouble
mapscope_timeline_analysis_get_elapsed (MapscopeTimelineAnalysis *self,
                                        guint                     index)
{
  g_return_val_if_fail (MAPSCOPE_IS_TIMELINE_ANALYSIS (self), 0);
  g_return_val_if_fail (index < self->snapshots->len, 0);
  return self->has_timestamps ? self->elapsed[index] : 0;
}

guint
mapscope_timeline_analysis_get_n_series (MapscopeTimelineAnalysis *self)
{
  g_return_val_if_fail (MAPSCOPE_IS_TIMELINE_ANALYSIS (self), 0);
  return self->regions->len;
}

/**
 * mapscope_timeline_analysis_get_series:
 *
 * Returns: (transfer none): region series @index, in order of appearance
 */
const MapscopeSeries *
mapscope_timeline_analysis_get_series (MapscopeTimelineAnalysis *self,
                                       guint                     index)
{
  g_return_val_if_fail (MAPSCOPE_IS_TIMELINE_ANALYSIS (self), NULL);
  g_return_val_if_fail (index < self->regions->len, NULL);
  return &g_array_index (self->regions, MapscopeSeries, index);
}

/**
 * mapscope_timeline_analysis_get_category_series:
 *
 * Returns: (transfer none): the sums over the regions of @category
 */
const MapscopeSeries *
mapscope_timeline_analysis_get_category_series (MapscopeTimelineAnalysis *self,
                                                MapscopeCategory          category)
{
  g_return_val_if_fail (MAPSCOPE_IS_TIMELINE_ANALYSIS (self), NULL);
  g_return_val_if_fail (category < MAPSCOPE_N_CATEGORIES, NULL);
  return &self->categories[category];
}

/**
 * mapscope_timeline_analysis_get_total_series:
 *
 * Returns: (transfer none): the sums over all regions
 */
const MapscopeSeries *
mapscope_timeline_analysis_get_total_series (MapscopeTimelineAnalysis *self)
{
  g_return_val_if_fail (MAPSCOPE_IS_TIMELINE_ANALYSIS (self), NULL);
  return &self->total;
}

guint64
mapscope_series_get_value (const MapscopeSeries *series,
                           guint                 snapshot,
                           MapscopeSeriesValue   value)
{
  g_return_val_if_fail (value < MAPSCOPE_SERIES_N_VALUES, 0);
  return series->values[snapshot * MAPSCOPE_SERIES_N_VALUES + value];
}

/* Anonymous memory is what a leak grows; inputs without it (pmap -x) fall
 * back to RSS. */
static MapscopeSeriesValue
leak_value (MapscopeTimelineAnalysis *self)
{
  for (guint s = 0; s < self->snapshots->len; s++)
    {
      if (!mapscope_snapshot_has_field (g_ptr_array_index (self->snapshots, s),
                                        MAPSCOPE_FIELD_ANONYMOUS))
        return MAPSCOPE_SERIES_RSS;
    }
  return MAPSCOPE_SERIES_ANONYMOUS;
}

static gboolean
evaluate_suspect (MapscopeTimelineAnalysis   *self,
                  const MapscopeSeries       *series,
                  MapscopeSeriesValue         value,
                  const MapscopeLeakSettings *settings,
                  MapscopeLeakSuspect        *suspect)
{
  guint n_points = series->last - series->first + 1;
  guint rising = 0;
  gdouble seconds;

  if (n_points < MAX (settings->min_snapshots, 2))
    return FALSE;
  for (guint s = series->first; s < series->last; s++)
    {
      if (mapscope_series_get_value (series, s + 1, value) > mapscope_series_get_value (series, s, value))
        rising++;
    }

  suspect->series = series;
  suspect->value = value;
  suspect->first_kb = mapscope_series_get_value (series, series->first, value);
  suspect->last_kb = mapscope_series_get_value (series, series->last, value);
  suspect->rising_steps = rising;
  suspect->n_steps = n_points - 1;

  if (suspect->last_kb <= suspect->first_kb
      || suspect->last_kb - suspect->first_kb < settings->min_growth_kb
      || rising < settings->min_rising_fraction * suspect->n_steps - 1e-9)
    return FALSE;

  seconds = self->has_timestamps ? self->elapsed[series->last] - self->elapsed[series->first] : 0;
  suspect->per_second = seconds > 0;
  suspect->rate = (gdouble) (suspect->last_kb - suspect->first_kb)
                  / (suspect->per_second ? seconds : suspect->n_steps);
  return TRUE;
}

static gint
compare_suspects (gconstpointer pa,
                  gconstpointer pb)
{
  const MapscopeLeakSuspect *a = pa;
  const MapscopeLeakSuspect *b = pb;

  return (a->rate < b->rate) - (a->rate > b->rate);
}

/**
 * mapscope_timeline_analysis_find_leaks:
 * @settings: (nullable): the thresholds, or %NULL for the defaults
 *
 * Finds the categories and regions whose anonymous memory (RSS when the
 * input lacks it) rose in most steps and by enough overall. A region
 * counts only while it still exists in the last snapshot.
 *
 * Returns: (transfer full) (element-type MapscopeLeakSuspect): the suspects,
 *   fastest growth first
 */
GArray *
mapscope_timeline_analysis_find_leaks (MapscopeTimelineAnalysis   *self,
                                       const MapscopeLeakSettings *settings)
{
  MapscopeLeakSettings defaults;
  MapscopeSeriesValue value;
  GArray *suspects;
  guint last;

  g_return_val_if_fail (MAPSCOPE_IS_TIMELINE_ANALYSIS (self), NULL);

  suspects = g_array_new (FALSE, FALSE, sizeof (MapscopeLeakSuspect));
  if (self->snapshots->len == 0)
    return suspects;
  if (settings == NULL)
    {
      mapscope_leak_settings_init (&defaults);
      settings = &defaults;
    }

  value = leak_value (self);
  last = self->snapshots->len - 1;
  for (guint c = 0; c < MAPSCOPE_N_CATEGORIES; c++)
    {
      MapscopeLeakSuspect suspect;

      if (evaluate_suspect (self, &self->categories[c], value, settings, &suspect))
        g_array_append_val (suspects, suspect);
    }
  for (guint i = 0; i < self->regions->len; i++)
    {
      const MapscopeSeries *series = &g_array_index (self->regions, MapscopeSeries, i);
      MapscopeLeakSuspect suspect;

      if (series->last == last && evaluate_suspect (self, series, value, settings, &suspect))
        g_array_append_val (suspects, suspect);
    }

  g_array_sort (suspects, compare_suspects);
  return suspects;
}
