/* mapscope-report.h: a one-page, self-contained HTML report of a snapshot
 * or of a diff between two
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mapscope-snapshot.h"

G_BEGIN_DECLS

/* One snapshot gives a report of it; two or more a diff of the first against
 * the last, with findings (leak suspects too) from all of them. */
typedef struct
{
  MapscopeSnapshot * const *snapshots;
  guint                     n_snapshots;
  gboolean                  anonymize;
  const char               *user_name;  /* what anonymising removes; NULL for this */
  const char               *host_name;  /* user's and this machine's names */
} MapscopeReportOptions;

char     *mapscope_report_html (const MapscopeReportOptions  *options);
gboolean  mapscope_report_save (const MapscopeReportOptions  *options,
                                const char                   *path,
                                GError                      **error);

G_END_DECLS
