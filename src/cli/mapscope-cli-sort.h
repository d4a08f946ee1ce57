/* mapscope-cli-sort.h: the orders "regions --sort" knows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mapscope-core.h"

G_BEGIN_DECLS

typedef enum
{
  MAPSCOPE_CLI_SORT_START,
  MAPSCOPE_CLI_SORT_END,
  MAPSCOPE_CLI_SORT_SIZE,
  MAPSCOPE_CLI_SORT_PATH,
  MAPSCOPE_CLI_SORT_CATEGORY,
  MAPSCOPE_CLI_SORT_FIELD,
} MapscopeCliSortKind;

typedef struct
{
  MapscopeCliSortKind kind;
  MapscopeField       field;  /* for MAPSCOPE_CLI_SORT_FIELD */
} MapscopeCliSortKey;

gboolean  mapscope_cli_sort_key_parse  (const char               *name,
                                        MapscopeCliSortKey       *key,
                                        GError                  **error);
char     *mapscope_cli_sort_list_names (void);
void      mapscope_cli_sort_regions    (const MapscopeCliSortKey *key,
                                        MapscopeSnapshot         *snapshot,
                                        GPtrArray                *regions);

G_END_DECLS
