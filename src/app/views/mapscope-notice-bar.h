/* mapscope-notice-bar.h: a bar above a view that says why it looks as it does
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "mapscope-view.h"

G_BEGIN_DECLS

#define MAPSCOPE_TYPE_NOTICE_BAR (mapscope_notice_bar_get_type ())

G_DECLARE_DERIVABLE_TYPE (MapscopeNoticeBar, mapscope_notice_bar, MAPSCOPE, NOTICE_BAR, MapscopeView)

struct _MapscopeNoticeBarClass
{
  MapscopeViewClass parent_class;

  /* The bar's button: undoes what the notice explains. */
  void (*button_clicked) (MapscopeNoticeBar *self);

  /*< private >*/
  gpointer padding[4];
};

/* Returns: (transfer none): the text shown, "" while hidden */
const char *mapscope_notice_bar_get_text   (MapscopeNoticeBar *self);
GtkWidget  *mapscope_notice_bar_get_button (MapscopeNoticeBar *self);

/* For subclasses: once, from their init */
void        _mapscope_notice_bar_setup     (MapscopeNoticeBar *self,
                                            const char        *icon_name,
                                            const char        *button_mnemonic);
/* Shows the bar with @text, or hides it when @text is NULL. */
void        _mapscope_notice_bar_set_text  (MapscopeNoticeBar *self,
                                            const char        *text);

G_END_DECLS
