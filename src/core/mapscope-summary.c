/* mapscope-summary.c: totals of a snapshot, per field and per category
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mapscope-summary.h"

struct _MapscopeSummary
{
  MapscopeSnapshot *snapshot;
  guint             n_fields;
  MapscopeTotals    totals;
  MapscopeTotals    categories[MAPSCOPE_N_CATEGORIES];
};

static gboolean
field_is_totalled (MapscopeSnapshot *snapshot,
                   guint             field_id)
{
  if (field_id < MAPSCOPE_N_KNOWN_FIELDS)
    return mapscope_field_is_additive (field_id);

  return mapscope_snapshot_field_is_kb (snapshot, field_id);
}

static void
totals_init (MapscopeTotals *totals,
             guint           n_fields)
{
  totals->region_count = 0;
  totals->values = g_new0 (guint64, n_fields);
  totals->present = g_new0 (gboolean, n_fields);
}

static void
totals_clear (MapscopeTotals *totals)
{
  g_clear_pointer (&totals->values, g_free);
  g_clear_pointer (&totals->present, g_free);
}

static inline void
add_value (MapscopeTotals *totals,
           guint           field,
           guint64         value)
{
  totals->present[field] = TRUE;
  if (!g_uint64_checked_add (&totals->values[field], totals->values[field], value))
    totals->values[field] = G_MAXUINT64;
}



static void
totals_add (MapscopeTotals       *totals,
            MapscopeSnapshot     *snapshot,
            const MapscopeRegion *region,
            guint32               additive_mask,
            guint                 n_fields)
{
  totals->region_count++;
  totals->present_mask |= region->present & additive_mask;

  if (G_LIKELY (!(region->flags & MAPSCOPE_REGION_HAS_EXTRAS)))
    {
      /* Absent fields hold 0, so adding every slot is exact, and a loop
       * without branches is one the compiler vectorises. Sums of the
       * non-additive slots are dropped in totals_settle(). */
      for (guint field = 0; field < MAPSCOPE_N_KNOWN_FIELDS; field++)
        totals->values[field] += region->values[field];
      return;
    }

  /* Wide values and extra fields, through the snapshot's side table. */
  for (guint field = 0; field < n_fields; field++)
    {
      guint64 value;

      if (field_is_totalled (snapshot, field) &&
          mapscope_snapshot_get_value (snapshot, region, field, &value))
        add_value (totals, field, value);
    }
}

/* Adds FROM, not settled yet, into INTO. */
static void
totals_merge (MapscopeTotals       *into,
              const MapscopeTotals *from,
              guint                 n_fields)
{
  into->region_count += from->region_count;
  into->present_mask |= from->present_mask;

  for (guint field = 0; field < n_fields; field++)
    {
      if (from->present[field])
        into->present[field] = TRUE;
      if (!g_uint64_checked_add (&into->values[field], into->values[field], from->values[field]))
        into->values[field] = G_MAXUINT64;
    }
}

static void
totals_settle (MapscopeTotals *totals)
{
  for (guint field = 0; field < MAPSCOPE_N_KNOWN_FIELDS; field++)
    {
      if (totals->present_mask & (1u << field))
        totals->present[field] = TRUE;
      else if (!totals->present[field])
        totals->values[field] = 0;
    }
}

/**
 * mapscope_summary_new:
 *
 * Totals every additive field of @snapshot. A smaps_rollup snapshot has its
 * totals from the rollup and no categories.
 *
 * Returns: (transfer full): the summary
 */
MapscopeSummary *
mapscope_summary_new (MapscopeSnapshot *snapshot)
{
  MapscopeSummary *self = g_new0 (MapscopeSummary, 1);
  const MapscopeRegion *rollup;
  const MapscopeRegion *regions;
  guint32 additive_mask = 0;
  guint n_regions;

  for (guint field = 0; field < MAPSCOPE_N_KNOWN_FIELDS; field++)
    {
      if (mapscope_field_is_additive (field))
        additive_mask |= 1u << field;
    }

  self->snapshot = g_object_ref (snapshot);
  self->n_fields = mapscope_snapshot_get_n_fields (snapshot);
  totals_init (&self->totals, self->n_fields);
  for (guint c = 0; c < MAPSCOPE_N_CATEGORIES; c++)
    totals_init (&self->categories[c], self->n_fields);

  rollup = mapscope_snapshot_get_rollup (snapshot);
  if (rollup != NULL)
    {
      totals_add (&self->totals, snapshot, rollup, additive_mask, self->n_fields);
      totals_settle (&self->totals);
      self->totals.region_count = 0;
      return self;
    }

  /* Every region is in one category, so the totals are the categories'
   * sums: each region is added once. */
  regions = mapscope_snapshot_get_regions (snapshot, &n_regions);
  for (guint i = 0; i < n_regions; i++)
    totals_add (&self->categories[regions[i].category], snapshot, &regions[i], additive_mask,
                self->n_fields);

  for (guint c = 0; c < MAPSCOPE_N_CATEGORIES; c++)
    totals_merge (&self->totals, &self->categories[c], self->n_fields);

  totals_settle (&self->totals);
  for (guint c = 0; c < MAPSCOPE_N_CATEGORIES; c++)
    totals_settle (&self->categories[c]);

  return self;
}

void
mapscope_summary_free (MapscopeSummary *self)
{
  if (self == NULL)
    return;

  totals_clear (&self->totals);
  for (guint c = 0; c < MAPSCOPE_N_CATEGORIES; c++)
    totals_clear (&self->categories[c]);
  g_clear_object (&self->snapshot);
  g_free (self);
}

MapscopeSnapshot *
mapscope_summary_get_snapshot (MapscopeSummary *self)
{
  return self->snapshot;
}

const MapscopeTotals *
mapscope_summary_get_totals (MapscopeSummary *self)
{
  return &self->totals;
}

const MapscopeTotals *
mapscope_summary_get_category (MapscopeSummary  *self,
                               MapscopeCategory  category)
{
  g_return_val_if_fail (category < MAPSCOPE_N_CATEGORIES, NULL);
  return &self->categories[category];
}

/* The number of entries in each MapscopeTotals' arrays. */
guint
mapscope_summary_get_n_fields (MapscopeSummary *self)
{
  return self->n_fields;
}
