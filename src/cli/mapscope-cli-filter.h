/* mapscope-cli-filter.h: which regions "regions" lists
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mapscope-core.h"

G_BEGIN_DECLS

typedef struct
{
  guint32 categories;  /* bit c set: keep category c; 0 keeps every one */
  guint64 min_size;    /* in bytes, compared with end - start */
} MapscopeCliFilter;

G_STATIC_ASSERT (MAPSCOPE_N_CATEGORIES <= 32);

gboolean mapscope_cli_filter_add_categories (MapscopeCliFilter       *filter,
                                             const char              *text,
                                             GError                 **error);
gboolean mapscope_cli_filter_set_min_size   (MapscopeCliFilter       *filter,
                                             const char              *text,
                                             GError                 **error);
gboolean mapscope_cli_filter_matches        (const MapscopeCliFilter *filter,
                                             const MapscopeRegion    *region);
char    *mapscope_cli_filter_list_categories (void);

G_END_DECLS
