/* mapscope-summary.h: totals of a snapshot, per field and per category
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mapscope-snapshot.h"

G_BEGIN_DECLS

typedef struct
{
  guint    region_count;
  /* indexed by field id, as in the snapshot; n_fields entries */
  guint64 *values;
  gboolean *present;
  guint32  present_mask;  /* known fields seen, folded into present[] at the end */
} MapscopeTotals;

typedef struct _MapscopeSummary MapscopeSummary;

MapscopeSummary      *mapscope_summary_new            (MapscopeSnapshot *snapshot);
void                  mapscope_summary_free           (MapscopeSummary  *self);
MapscopeSnapshot     *mapscope_summary_get_snapshot   (MapscopeSummary  *self);
const MapscopeTotals *mapscope_summary_get_totals     (MapscopeSummary  *self);
const MapscopeTotals *mapscope_summary_get_category   (MapscopeSummary  *self,
                                                       MapscopeCategory  category);
guint                 mapscope_summary_get_n_fields   (MapscopeSummary  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MapscopeSummary, mapscope_summary_free)

G_END_DECLS
