/* mapscope-views-util.c: formatting and bookkeeping shared by the views
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include <adwaita.h>

#include "mapscope-units.h"
#include "mapscope-views-private.h"

/* The model keeps sizes in bytes, but every size in a smaps file is a whole
 * number of kB, so going back to kB loses nothing. */
char *
_mapscope_views_format_bytes (guint64 bytes)
{
  return mapscope_format_kb (bytes / 1024);
}

/* Addresses are never localised. */
char *
_mapscope_views_format_address (guint64 address)
{
  return g_strdup_printf ("0x%012" G_GINT64_MODIFIER "x", address);
}

char *
_mapscope_views_format_percent (guint64  part,
                                guint64  whole,
                                gboolean defined)
{
  if (!defined || whole == 0)
    return g_strdup ("—");

  /* Translators: a percentage, e.g. "42.5 %" */
  return g_strdup_printf (_("%.1f %%"), 100.0 * (double)part / (double)whole);
}

/* Replaces the workspace in @slot, dropping every handler @owner had on the
 * old one (all views connect with @owner as data).
 *
 * Returns: %TRUE if it changed */
gboolean
_mapscope_views_swap_workspace (gpointer            owner,
                                MapscopeWorkspace **slot,
                                MapscopeWorkspace  *workspace)
{
  MapscopeRegionFilter *filter;

  if (*slot == workspace)
    return FALSE;

  if (*slot != NULL)
    {
      filter = mapscope_workspace_get_filter (*slot);
      g_signal_handlers_disconnect_by_data (*slot, owner);
      g_signal_handlers_disconnect_by_data (mapscope_workspace_get_snapshots (*slot), owner);
      if (filter != NULL)
        g_signal_handlers_disconnect_by_data (filter, owner);
    }

  g_set_object (slot, workspace);
  return TRUE;
}

gboolean
_mapscope_views_is_dark (void)
{
  return adw_style_manager_get_dark (adw_style_manager_get_default ());
}

/* Empties a GtkBox, GtkFlowBox, GtkListBox or GtkGrid. */
void
_mapscope_views_remove_children (GtkWidget *container)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (container)) != NULL)
    {
      if (GTK_IS_BOX (container))
        gtk_box_remove (GTK_BOX (container), child);
      else if (GTK_IS_FLOW_BOX (container))
        gtk_flow_box_remove (GTK_FLOW_BOX (container), child);
      else if (GTK_IS_LIST_BOX (container))
        gtk_list_box_remove (GTK_LIST_BOX (container), child);
      else if (GTK_IS_GRID (container))
        gtk_grid_remove (GTK_GRID (container), child);
      else
        g_assert_not_reached ();
    }
}

GtkWidget *
_mapscope_views_value_label (const char *text,
                             gboolean    monospace)
{
  GtkWidget *label = gtk_label_new (text);

  /* Values are short (sizes, addresses, flags); long text such as paths
   * goes in a row's subtitle, which wraps. */
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (label, "dim-label");
  if (monospace)
    gtk_widget_add_css_class (label, "monospace");
  return label;
}

/* gtk_widget_dispose_template() only unparents the children bound to
 * fields; the template's other direct children go here. */
void
_mapscope_views_dispose_template (GtkWidget *widget,
                                  GType      widget_type)
{
  GtkWidget *child;

  gtk_widget_dispose_template (widget, widget_type);
  while ((child = gtk_widget_get_first_child (widget)) != NULL)
    gtk_widget_unparent (child);
}

/* A page saying that @title is under way, for views that compute in a
 * worker thread. */
GtkWidget *
_mapscope_views_busy_page (const char *title)
{
  GtkWidget *page = adw_status_page_new ();
  GtkWidget *spinner = gtk_spinner_new ();

  gtk_spinner_set_spinning (GTK_SPINNER (spinner), TRUE);
  gtk_widget_set_size_request (spinner, 32, 32);
  gtk_widget_set_halign (spinner, GTK_ALIGN_CENTER);
  adw_status_page_set_title (ADW_STATUS_PAGE (page), title);
  adw_status_page_set_child (ADW_STATUS_PAGE (page), spinner);
  return page;
}
