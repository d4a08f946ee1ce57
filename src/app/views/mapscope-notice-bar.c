/* mapscope-notice-bar.c: a bar above a view that says why it looks as it does
 *
 * An icon, a sentence and a flat button that undoes what the sentence
 * explains, revealed above the table or the map while it applies and out
 * of the focus chain otherwise. The subclasses decide when and what:
 * MapscopeOnlyRegionsBar (a finding restricts the view) and
 * MapscopeBaselineBar (the baseline runs another program).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mapscope-notice-bar.h"

typedef struct
{
  GtkRevealer *revealer;
  GtkLabel    *label;
  GtkWidget   *button;
} MapscopeNoticeBarPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (MapscopeNoticeBar, mapscope_notice_bar, MAPSCOPE_TYPE_VIEW)

static void
button_clicked (MapscopeNoticeBar *self)
{
  if (MAPSCOPE_NOTICE_BAR_GET_CLASS (self)->button_clicked != NULL)
    MAPSCOPE_NOTICE_BAR_GET_CLASS (self)->button_clicked (self);
}

void
_mapscope_notice_bar_setup (MapscopeNoticeBar *self,
                            const char        *icon_name,
                            const char        *button_mnemonic)
{
  MapscopeNoticeBarPrivate *priv = mapscope_notice_bar_get_instance_private (self);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  priv->label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (priv->label, 0);
  gtk_label_set_ellipsize (priv->label, PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (GTK_WIDGET (priv->label), TRUE);

  priv->button = gtk_button_new_with_mnemonic (button_mnemonic);
  gtk_widget_add_css_class (priv->button, "flat");
  g_signal_connect_object (priv->button, "clicked", G_CALLBACK (button_clicked), self,
                           G_CONNECT_SWAPPED);

  gtk_widget_add_css_class (box, "toolbar");
  gtk_widget_set_margin_start (box, 6);
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (icon_name));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (priv->label));
  gtk_box_append (GTK_BOX (box), priv->button);

  priv->revealer = GTK_REVEALER (gtk_revealer_new ());
  gtk_revealer_set_child (priv->revealer, box);
  gtk_widget_set_parent (GTK_WIDGET (priv->revealer), GTK_WIDGET (self));
}

void
_mapscope_notice_bar_set_text (MapscopeNoticeBar *self,
                               const char        *text)
{
  MapscopeNoticeBarPrivate *priv = mapscope_notice_bar_get_instance_private (self);

  gtk_label_set_text (priv->label, text != NULL ? text : "");
  /* the sentence may be ellipsized */
  gtk_widget_set_tooltip_text (GTK_WIDGET (priv->label), text);
  gtk_revealer_set_reveal_child (priv->revealer, text != NULL);
  /* A hidden revealer still takes a row of focus chain; keep it out. */
  gtk_widget_set_visible (GTK_WIDGET (self), text != NULL);
}

const char *
mapscope_notice_bar_get_text (MapscopeNoticeBar *self)
{
  MapscopeNoticeBarPrivate *priv = mapscope_notice_bar_get_instance_private (self);

  g_return_val_if_fail (MAPSCOPE_IS_NOTICE_BAR (self), "");
  return gtk_label_get_text (priv->label);
}

/* Returns: (transfer none): the button that undoes what the notice says */
GtkWidget *
mapscope_notice_bar_get_button (MapscopeNoticeBar *self)
{
  MapscopeNoticeBarPrivate *priv = mapscope_notice_bar_get_instance_private (self);

  g_return_val_if_fail (MAPSCOPE_IS_NOTICE_BAR (self), NULL);
  return priv->button;
}

static void
mapscope_notice_bar_dispose (GObject *object)
{
  MapscopeNoticeBarPrivate *priv = mapscope_notice_bar_get_instance_private (MAPSCOPE_NOTICE_BAR (object));

  if (priv->revealer != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (priv->revealer));
      priv->revealer = NULL;
    }

  G_OBJECT_CLASS (mapscope_notice_bar_parent_class)->dispose (object);
}

static void
mapscope_notice_bar_class_init (MapscopeNoticeBarClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = mapscope_notice_bar_dispose;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
}

static void
mapscope_notice_bar_init (MapscopeNoticeBar *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}
