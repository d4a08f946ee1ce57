/* mapscope-commands-dialog.h: the Collection Commands dialog
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

GtkWindow *mapscope_commands_dialog_new      (GtkWindow *parent,
                                              gint       pid);
char      *mapscope_commands_dialog_dup_text (GtkWindow *dialog);

G_END_DECLS
