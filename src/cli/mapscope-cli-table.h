/* mapscope-cli-table.h: aligned text tables
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  MAPSCOPE_CLI_ALIGN_LEFT,
  MAPSCOPE_CLI_ALIGN_RIGHT,
} MapscopeCliAlign;

typedef struct _MapscopeCliTable MapscopeCliTable;

MapscopeCliTable *mapscope_cli_table_new        (void);
void              mapscope_cli_table_free       (MapscopeCliTable *self);
void              mapscope_cli_table_add_column (MapscopeCliTable *self,
                                                 const char       *title,
                                                 MapscopeCliAlign  align);
void              mapscope_cli_table_add_cell   (MapscopeCliTable *self,
                                                 const char       *text);
void              mapscope_cli_table_add_cellf  (MapscopeCliTable *self,
                                                 const char       *format,
                                                 ...) G_GNUC_PRINTF (2, 3);
void              mapscope_cli_table_add_rule   (MapscopeCliTable *self);
guint             mapscope_cli_table_get_n_rows (MapscopeCliTable *self);
void              mapscope_cli_table_write      (MapscopeCliTable *self,
                                                 GString          *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MapscopeCliTable, mapscope_cli_table_free)

G_END_DECLS
