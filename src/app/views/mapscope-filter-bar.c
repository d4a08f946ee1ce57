/* mapscope-filter-bar.c: the controls that edit the workspace's filter
 *
 * The filter object is the truth: every control writes to it, and every
 * change of it (from here, from a "Reset filters" elsewhere, or from the
 * CLI-like search of another view) is written back to the controls, with
 * `syncing` set so that writing back does not loop.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "mapscope-category-swatch.h"
#include "mapscope-filter-bar.h"
#include "mapscope-units.h"
#include "mapscope-views-private.h"

#define N_PERM_ROWS   4
#define N_PERM_STATES 3  /* indexed by MapscopeFilterPerm */

static const struct
{
  guint       perm;
  const char *label;
  const char *yes;
  const char *no;
} perm_rows[N_PERM_ROWS] = {
  { MAPSCOPE_PERM_READ, N_("Read"), N_("Yes"), N_("No") },
  { MAPSCOPE_PERM_WRITE, N_("Write"), N_("Yes"), N_("No") },
  { MAPSCOPE_PERM_EXEC, N_("Execute"), N_("Yes"), N_("No") },
  { MAPSCOPE_PERM_SHARED, N_("Sharing"), N_("Shared"), N_("Private") },
};

struct _MapscopeFilterBar
{
  MapscopeView       parent_instance;

  /* template widgets */
  GtkSearchEntry    *search_entry;
  GtkFlowBox        *category_box;
  GtkGrid           *perm_grid;
  GtkEntry          *size_min_entry;
  GtkEntry          *size_max_entry;
  GtkEntry          *rss_min_entry;
  GtkEntry          *rss_max_entry;
  GtkToggleButton   *changed_only_button;

  /* borrowed, built in init */
  GtkToggleButton   *category_toggles[MAPSCOPE_N_CATEGORIES];
  GtkToggleButton   *perm_toggles[N_PERM_ROWS][N_PERM_STATES];
  GtkEntry          *range_entries[MAPSCOPE_FILTER_BAR_N_RANGE_ENTRIES];

  /* owned */

  gboolean           syncing;
};

G_DEFINE_FINAL_TYPE (MapscopeFilterBar, mapscope_filter_bar, MAPSCOPE_TYPE_VIEW)

static MapscopeRegionFilter *
get_filter (MapscopeFilterBar *self)
{
  MapscopeWorkspace *workspace = mapscope_view_get_workspace (MAPSCOPE_VIEW (self));

  return workspace != NULL ? mapscope_workspace_get_filter (workspace) : NULL;
}

/* Controls → filter */

static void
on_search_changed (MapscopeFilterBar *self)
{
  MapscopeRegionFilter *filter = get_filter (self);

  if (filter != NULL && !self->syncing)
    mapscope_region_filter_set_text (filter,
                                     gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
on_reset_clicked (MapscopeFilterBar *self)
{
  MapscopeRegionFilter *filter = get_filter (self);

  if (filter != NULL)
    mapscope_region_filter_reset (filter);
}

static void
on_changed_only_toggled (MapscopeFilterBar *self,
                         GtkToggleButton   *toggle)
{
  MapscopeRegionFilter *filter = get_filter (self);

  if (filter != NULL && !self->syncing)
    mapscope_region_filter_set_changed_only (filter, gtk_toggle_button_get_active (toggle));
}

static void
on_category_toggled (MapscopeFilterBar *self,
                     GtkToggleButton   *toggle)
{
  MapscopeRegionFilter *filter = get_filter (self);

  if (filter == NULL || self->syncing)
    return;

  for (guint category = 0; category < MAPSCOPE_N_CATEGORIES; category++)
    {
      if (self->category_toggles[category] == toggle)
        mapscope_region_filter_set_category_shown (filter, category,
                                                   gtk_toggle_button_get_active (toggle));
    }
}

static void
on_perm_toggled (MapscopeFilterBar *self,
                 GtkToggleButton   *toggle)
{
  MapscopeRegionFilter *filter = get_filter (self);

  /* Grouped toggles also emit ::toggled for the one turning off. */
  if (filter == NULL || self->syncing || !gtk_toggle_button_get_active (toggle))
    return;

  for (guint row = 0; row < N_PERM_ROWS; row++)
    for (guint state = 0; state < N_PERM_STATES; state++)
      {
        if (self->perm_toggles[row][state] == toggle)
          mapscope_region_filter_set_perm (filter, perm_rows[row].perm, state);
      }
}

/* Reads a size entry: empty is 0 ("no bound"); a bad size marks the entry
 * with the error style and leaves the filter alone. */
static gboolean
parse_range_entry (GtkEntry *entry,
                   guint64  *bytes)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  gboolean valid;

  *bytes = 0;
  valid = text[0] == '\0' || mapscope_parse_size (text, bytes, NULL);
  if (valid)
    gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
  return valid;
}

static void
on_range_entry_changed (MapscopeFilterBar *self)
{
  MapscopeRegionFilter *filter = get_filter (self);
  guint64 bytes[MAPSCOPE_FILTER_BAR_N_RANGE_ENTRIES];
  gboolean valid[MAPSCOPE_FILTER_BAR_N_RANGE_ENTRIES];
  guint64 old_min, old_max;

  if (filter == NULL || self->syncing)
    return;

  for (guint i = 0; i < MAPSCOPE_FILTER_BAR_N_RANGE_ENTRIES; i++)
    valid[i] = parse_range_entry (self->range_entries[i], &bytes[i]);

  /* A bound being typed and not yet valid keeps its previous value. */
  mapscope_region_filter_get_size_range (filter, &old_min, &old_max);
  mapscope_region_filter_set_size_range (filter,
                                         valid[MAPSCOPE_FILTER_BAR_SIZE_MIN] ? bytes[MAPSCOPE_FILTER_BAR_SIZE_MIN] : old_min,
                                         valid[MAPSCOPE_FILTER_BAR_SIZE_MAX] ? bytes[MAPSCOPE_FILTER_BAR_SIZE_MAX] : old_max);
  mapscope_region_filter_get_rss_range (filter, &old_min, &old_max);
  mapscope_region_filter_set_rss_range (filter,
                                        valid[MAPSCOPE_FILTER_BAR_RSS_MIN] ? bytes[MAPSCOPE_FILTER_BAR_RSS_MIN] : old_min,
                                        valid[MAPSCOPE_FILTER_BAR_RSS_MAX] ? bytes[MAPSCOPE_FILTER_BAR_RSS_MAX] : old_max);
}

/* Filter → controls */

static void
sync_range_entry (GtkEntry *entry,
                  guint64   bytes)
{
  guint64 shown;

  /* Keep what the user typed ("1.5M") when it already means this value. */
  if (parse_range_entry (entry, &shown) && shown == bytes)
    return;

  if (bytes == 0)
    gtk_editable_set_text (GTK_EDITABLE (entry), "");
  else
    {
      g_autofree char *text = g_strdup_printf ("%" G_GUINT64_FORMAT "K", bytes / 1024);

      gtk_editable_set_text (GTK_EDITABLE (entry), text);
    }
  gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
}

static void
sync_from_filter (MapscopeFilterBar *self)
{
  MapscopeRegionFilter *filter = get_filter (self);
  const char *text;
  guint64 range[MAPSCOPE_FILTER_BAR_N_RANGE_ENTRIES];

  if (filter == NULL)
    return;

  self->syncing = TRUE;

  text = mapscope_region_filter_get_text (filter);
  if (g_strcmp0 (text ? text : "", gtk_editable_get_text (GTK_EDITABLE (self->search_entry))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ? text : "");

  for (guint category = 0; category < MAPSCOPE_N_CATEGORIES; category++)
    gtk_toggle_button_set_active (self->category_toggles[category],
                                  mapscope_region_filter_get_category_shown (filter, category));

  for (guint row = 0; row < N_PERM_ROWS; row++)
    {
      MapscopeFilterPerm state = mapscope_region_filter_get_perm (filter, perm_rows[row].perm);

      gtk_toggle_button_set_active (self->perm_toggles[row][MIN (state, N_PERM_STATES - 1)], TRUE);
    }

  mapscope_region_filter_get_size_range (filter, &range[MAPSCOPE_FILTER_BAR_SIZE_MIN],
                                         &range[MAPSCOPE_FILTER_BAR_SIZE_MAX]);
  mapscope_region_filter_get_rss_range (filter, &range[MAPSCOPE_FILTER_BAR_RSS_MIN],
                                        &range[MAPSCOPE_FILTER_BAR_RSS_MAX]);
  for (guint i = 0; i < MAPSCOPE_FILTER_BAR_N_RANGE_ENTRIES; i++)
    sync_range_entry (self->range_entries[i], range[i]);

  gtk_toggle_button_set_active (self->changed_only_button,
                                mapscope_region_filter_get_changed_only (filter));

  self->syncing = FALSE;
}

/* Building the controls that come from tables */

static void
build_category_toggles (MapscopeFilterBar *self)
{
  for (guint category = 0; category < MAPSCOPE_N_CATEGORIES; category++)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *toggle = gtk_toggle_button_new ();
      GtkWidget *label = gtk_label_new (_(mapscope_category_get_label (category)));

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_box_append (GTK_BOX (box), mapscope_category_swatch_new (category));
      gtk_box_append (GTK_BOX (box), label);
      gtk_button_set_child (GTK_BUTTON (toggle), box);
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), TRUE);
      gtk_widget_add_css_class (toggle, "flat");
      g_signal_connect_object (toggle, "toggled", G_CALLBACK (on_category_toggled),
                               self, G_CONNECT_SWAPPED);
      gtk_flow_box_append (self->category_box, toggle);
      self->category_toggles[category] = GTK_TOGGLE_BUTTON (toggle);
    }
}

static void
build_perm_rows (MapscopeFilterBar *self)
{
  for (guint row = 0; row < N_PERM_ROWS; row++)
    {
      const char *state_labels[N_PERM_STATES] = {
        /* Translators: a permission filter that accepts either value */
        [MAPSCOPE_FILTER_PERM_ANY] = _("Any"),
        [MAPSCOPE_FILTER_PERM_YES] = _(perm_rows[row].yes),
        [MAPSCOPE_FILTER_PERM_NO] = _(perm_rows[row].no),
      };
      GtkWidget *label = gtk_label_new (_(perm_rows[row].label));
      GtkWidget *linked = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (linked, "linked");
      for (guint state = 0; state < N_PERM_STATES; state++)
        {
          GtkWidget *toggle = gtk_toggle_button_new_with_label (state_labels[state]);

          if (state > 0)
            gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (toggle), self->perm_toggles[row][0]);
          gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), state == MAPSCOPE_FILTER_PERM_ANY);
          g_signal_connect_object (toggle, "toggled", G_CALLBACK (on_perm_toggled),
                                   self, G_CONNECT_SWAPPED);
          gtk_box_append (GTK_BOX (linked), toggle);
          self->perm_toggles[row][state] = GTK_TOGGLE_BUTTON (toggle);
        }

      gtk_grid_attach (self->perm_grid, label, 0, row, 1, 1);
      gtk_grid_attach (self->perm_grid, linked, 1, row, 1, 1);
    }
}

/* "Changed only" needs a baseline to compare with. */
static void
update_changed_only_sensitivity (MapscopeFilterBar *self)
{
  MapscopeWorkspace *workspace = mapscope_view_get_workspace (MAPSCOPE_VIEW (self));

  gtk_widget_set_sensitive (GTK_WIDGET (self->changed_only_button),
                            workspace != NULL && mapscope_workspace_get_diff (workspace) != NULL);
}

static void
mapscope_filter_bar_workspace_changed (MapscopeView      *view,
                                       MapscopeWorkspace *old_workspace,
                                       MapscopeWorkspace *workspace)
{
  MapscopeFilterBar *self = MAPSCOPE_FILTER_BAR (view);

  if (workspace != NULL)
    {
      g_signal_connect_object (mapscope_workspace_get_filter (workspace), "changed",
                               G_CALLBACK (sync_from_filter), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (workspace, "notify::diff",
                               G_CALLBACK (update_changed_only_sensitivity), self, G_CONNECT_SWAPPED);
      sync_from_filter (self);
    }
  update_changed_only_sensitivity (self);
}

/* GObject */

static void
mapscope_filter_bar_dispose (GObject *object)
{
  MapscopeFilterBar *self = MAPSCOPE_FILTER_BAR (object);

  _mapscope_views_dispose_template (GTK_WIDGET (self), MAPSCOPE_TYPE_FILTER_BAR);

  G_OBJECT_CLASS (mapscope_filter_bar_parent_class)->dispose (object);
}

static void
mapscope_filter_bar_class_init (MapscopeFilterBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  MapscopeViewClass *view_class = MAPSCOPE_VIEW_CLASS (klass);

  object_class->dispose = mapscope_filter_bar_dispose;
  view_class->workspace_changed = mapscope_filter_bar_workspace_changed;


  gtk_widget_class_set_template_from_resource (widget_class,
                                               MAPSCOPE_VIEWS_RESOURCE_PREFIX "mapscope-filter-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, MapscopeFilterBar, search_entry);
  gtk_widget_class_bind_template_child (widget_class, MapscopeFilterBar, category_box);
  gtk_widget_class_bind_template_child (widget_class, MapscopeFilterBar, perm_grid);
  gtk_widget_class_bind_template_child (widget_class, MapscopeFilterBar, size_min_entry);
  gtk_widget_class_bind_template_child (widget_class, MapscopeFilterBar, size_max_entry);
  gtk_widget_class_bind_template_child (widget_class, MapscopeFilterBar, rss_min_entry);
  gtk_widget_class_bind_template_child (widget_class, MapscopeFilterBar, rss_max_entry);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_child (widget_class, MapscopeFilterBar, changed_only_button);
  gtk_widget_class_bind_template_callback (widget_class, on_reset_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_changed_only_toggled);
  gtk_widget_class_set_css_name (widget_class, "filterbar");
}

static void
mapscope_filter_bar_init (MapscopeFilterBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->range_entries[MAPSCOPE_FILTER_BAR_SIZE_MIN] = self->size_min_entry;
  self->range_entries[MAPSCOPE_FILTER_BAR_SIZE_MAX] = self->size_max_entry;
  self->range_entries[MAPSCOPE_FILTER_BAR_RSS_MIN] = self->rss_min_entry;
  self->range_entries[MAPSCOPE_FILTER_BAR_RSS_MAX] = self->rss_max_entry;
  for (guint i = 0; i < MAPSCOPE_FILTER_BAR_N_RANGE_ENTRIES; i++)
    g_signal_connect_object (self->range_entries[i], "changed",
                             G_CALLBACK (on_range_entry_changed), self, G_CONNECT_SWAPPED);

  build_category_toggles (self);
  build_perm_rows (self);
}

GtkWidget *
mapscope_filter_bar_new (MapscopeWorkspace *workspace)
{
  return g_object_new (MAPSCOPE_TYPE_FILTER_BAR, "workspace", workspace, NULL);
}

/* Returns: (transfer none) (nullable): */
MapscopeWorkspace *
mapscope_filter_bar_get_workspace (MapscopeFilterBar *self)
{
  g_return_val_if_fail (MAPSCOPE_IS_FILTER_BAR (self), NULL);
  return mapscope_view_get_workspace (MAPSCOPE_VIEW (self));
}

void
mapscope_filter_bar_set_workspace (MapscopeFilterBar *self,
                                   MapscopeWorkspace *workspace)
{
  g_return_if_fail (MAPSCOPE_IS_FILTER_BAR (self));
  mapscope_view_set_workspace (MAPSCOPE_VIEW (self), workspace);
}

/* Puts the keyboard focus in the search entry (for Ctrl+F). */
void
mapscope_filter_bar_focus_search (MapscopeFilterBar *self)
{
  g_return_if_fail (MAPSCOPE_IS_FILTER_BAR (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* Returns: (transfer none): */
GtkEditable *
mapscope_filter_bar_get_search_entry (MapscopeFilterBar *self)
{
  g_return_val_if_fail (MAPSCOPE_IS_FILTER_BAR (self), NULL);
  return GTK_EDITABLE (self->search_entry);
}

/* Returns: (transfer none): */
GtkEditable *
mapscope_filter_bar_get_range_entry (MapscopeFilterBar           *self,
                                     MapscopeFilterBarRangeEntry  entry)
{
  g_return_val_if_fail (MAPSCOPE_IS_FILTER_BAR (self), NULL);
  g_return_val_if_fail (entry < MAPSCOPE_FILTER_BAR_N_RANGE_ENTRIES, NULL);
  return GTK_EDITABLE (self->range_entries[entry]);
}

/* Returns: (transfer none): */
GtkToggleButton *
mapscope_filter_bar_get_category_toggle (MapscopeFilterBar *self,
                                         MapscopeCategory   category)
{
  g_return_val_if_fail (MAPSCOPE_IS_FILTER_BAR (self), NULL);
  g_return_val_if_fail (category < MAPSCOPE_N_CATEGORIES, NULL);
  return self->category_toggles[category];
}

/* Returns: (transfer none): */
GtkToggleButton *
mapscope_filter_bar_get_changed_only_toggle (MapscopeFilterBar *self)
{
  g_return_val_if_fail (MAPSCOPE_IS_FILTER_BAR (self), NULL);
  return self->changed_only_button;
}
