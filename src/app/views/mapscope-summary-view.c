/* mapscope-summary-view.c: totals of the current snapshot at a glance
 *
 * The category chart is drawn by the Cairo renderer in the core
 * (mapscope-chart.c), so exports and tests paint exactly what is on
 * screen; this widget only adds the legend and the lists around it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include <adwaita.h>

#include "mapscope-category-swatch.h"
#include "mapscope-chart.h"
#include "mapscope-summary-view.h"
#include "mapscope-units.h"
#include "mapscope-views-private.h"

#define TOP_N 10

static const struct
{
  MapscopeField field;
  const char   *label;
} chart_fields[] = {
  { MAPSCOPE_FIELD_RSS, N_("RSS") },
  { MAPSCOPE_FIELD_PSS, N_("PSS") },
  { MAPSCOPE_FIELD_SIZE, N_("Size") },
  { MAPSCOPE_FIELD_PRIVATE_DIRTY, N_("Private dirty") },
  { MAPSCOPE_FIELD_SWAP, N_("Swap") },
};

typedef struct
{
  const char *path;
  guint       n_mappings;
  guint64     size;      /* bytes */
  guint64     rss_kb;
  guint64     pss_kb;
} FileTotals;

struct _MapscopeSummaryView
{
  MapscopeView       parent_instance;

  /* template widgets */
  GtkDropDown       *field_dropdown;
  GtkDrawingArea    *chart_area;
  GtkFlowBox        *legend_box;
  GtkListBox        *top_rss_list;
  GtkListBox        *top_pss_list;
  GtkListBox        *files_list;
  GtkListBox        *stats_list;

  /* borrowed: MapscopeView's, kept in step */
  MapscopeWorkspace *workspace;

  /* owned */
  MapscopeSummary   *summary;
  MapscopeSnapshot  *shown;   /* the snapshot summed up */
  GHashTable        *texts;   /* key → displayed value, for tests */

  MapscopeField      field;
};

G_DEFINE_FINAL_TYPE (MapscopeSummaryView, mapscope_summary_view, MAPSCOPE_TYPE_VIEW)

/* Rows */

static GtkWidget *
add_row (MapscopeSummaryView *self,
         GtkListBox          *list,
         const char          *key,
         const char          *title,
         const char          *subtitle,
         char                *value)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), _mapscope_views_value_label (value, FALSE));
  gtk_list_box_append (list, row);
  g_hash_table_insert (self->texts, g_strdup (key), value);
  return row;
}

static void
on_region_row_activated (MapscopeSummaryView *self,
                         GtkListBoxRow       *row)
{
  gpointer index = g_object_get_data (G_OBJECT (row), "region-index");

  /* Picking a region here selects it in the table and the inspector. */
  if (self->workspace != NULL && index != NULL)
    mapscope_workspace_set_selected_index (self->workspace, GPOINTER_TO_INT (index) - 1);
}

/* The chart and its legend */

static void
draw_chart (GtkDrawingArea *area,
            cairo_t        *cr,
            int             width,
            int             height,
            gpointer        user_data)
{
  MapscopeSummaryView *self = user_data;

  if (self->summary != NULL)
    mapscope_chart_draw_categories (cr, width, height, self->summary, self->field,
                                    _mapscope_views_is_dark ());
}

static gboolean
is_legend_key (gpointer key,
               gpointer value,
               gpointer user_data)
{
  return g_str_has_prefix (key, "legend:");
}

static void
update_chart (MapscopeSummaryView *self)
{
  MapscopeChartBar bars[MAPSCOPE_N_CATEGORIES];
  guint n_bars = 0;

  _mapscope_views_remove_children (GTK_WIDGET (self->legend_box));
  g_hash_table_foreach_remove (self->texts, is_legend_key, NULL);
  if (self->summary != NULL)
    n_bars = mapscope_chart_layout_categories (1, 1, self->summary, self->field, bars);

  gtk_drawing_area_set_content_height (self->chart_area,
                                       self->summary
                                       ? (int)mapscope_chart_get_natural_height (self->summary, self->field)
                                       : 0);
  gtk_widget_queue_draw (GTK_WIDGET (self->chart_area));

  /* The legend lists the bars in the chart's order, largest first. */
  for (guint i = 0; i < n_bars; i++)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      g_autofree char *value = mapscope_format_kb (bars[i].value);
      char *text;
      GtkWidget *label;

      /* Translators: a chart legend entry, "category: size" */
      text = g_strdup_printf (_("%s: %s"), _(mapscope_category_get_label (bars[i].category)), value);
      label = gtk_label_new (text);
      g_hash_table_insert (self->texts,
                           g_strconcat ("legend:", mapscope_category_get_name (bars[i].category), NULL),
                           text);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_box_append (GTK_BOX (box), mapscope_category_swatch_new (bars[i].category));
      gtk_box_append (GTK_BOX (box), label);
      gtk_flow_box_append (self->legend_box, box);
    }
}

/* Largest regions */

typedef struct
{
  guint   index;
  guint64 value;
} RankedRegion;

/* Keeps @ranked, @n_ranked long (at most TOP_N), largest first, ties by
 * address, with @candidate in its place if it belongs there. Regions come
 * in address order, so a tie never displaces an earlier region. */
static void
rank_region (RankedRegion *ranked,
             guint        *n_ranked,
             RankedRegion  candidate)
{
  guint position = *n_ranked;

  if (position == TOP_N && candidate.value <= ranked[TOP_N - 1].value)
    return;
  if (position == TOP_N)
    position--;
  for (; position > 0 && ranked[position - 1].value < candidate.value; position--)
    ranked[position] = ranked[position - 1];
  ranked[position] = candidate;
  *n_ranked = MIN (*n_ranked + 1, TOP_N);
}

static void
fill_top_regions (MapscopeSummaryView *self,
                  GtkListBox          *list,
                  MapscopeSnapshot    *snapshot,
                  MapscopeField        field,
                  const char          *key_prefix)
{
  guint n_regions = mapscope_snapshot_get_n_regions (snapshot);
  RankedRegion ranked[TOP_N];
  guint n_ranked = 0;

  /* the ten largest in one pass: sorting 60,000 regions for them took
   * longer than a frame */
  for (guint i = 0; i < n_regions; i++)
    {
      RankedRegion candidate = {
        .index = i,
        .value = mapscope_snapshot_get_value_or_zero (snapshot, mapscope_snapshot_get_region (snapshot, i),
                                                      field),
      };

      rank_region (ranked, &n_ranked, candidate);
    }

  for (guint i = 0; i < n_ranked && ranked[i].value > 0; i++)
    {
      const MapscopeRegion *region = mapscope_snapshot_get_region (snapshot, ranked[i].index);
      g_autofree char *key = g_strdup_printf ("%s:%u", key_prefix, i);
      g_autofree char *start = _mapscope_views_format_address (region->start);
      const char *title = region->path ? region->path : _(mapscope_category_get_label (region->category));
      GtkWidget *row = add_row (self, list, key, title, start, mapscope_format_kb (ranked[i].value));

      adw_action_row_add_prefix (ADW_ACTION_ROW (row), mapscope_category_swatch_new (region->category));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      /* +1 so that region 0 is not stored as NULL */
      g_object_set_data (G_OBJECT (row), "region-index", GUINT_TO_POINTER (ranked[i].index + 1));
    }
}

/* Files */

static int
compare_files (gconstpointer a,
               gconstpointer b)
{
  const FileTotals *file_a = *(FileTotals * const *)a;
  const FileTotals *file_b = *(FileTotals * const *)b;

  if (file_a->rss_kb != file_b->rss_kb)
    return file_a->rss_kb < file_b->rss_kb ? 1 : -1;
  if (file_a->size != file_b->size)
    return file_a->size < file_b->size ? 1 : -1;
  return g_strcmp0 (file_a->path, file_b->path);
}

static void
fill_files (MapscopeSummaryView *self,
            MapscopeSnapshot    *snapshot)
{
  /* by_path finds a file's totals; files owns them and gets sorted */
  g_autoptr(GHashTable) by_path = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  guint n_regions;
  const MapscopeRegion *regions = mapscope_snapshot_get_regions (snapshot, &n_regions);

  for (guint i = 0; i < n_regions; i++)
    {
      FileTotals *totals;

      if (!mapscope_region_is_file_backed (&regions[i]) || regions[i].path == NULL)
        continue;
      totals = g_hash_table_lookup (by_path, regions[i].path);
      if (totals == NULL)
        {
          totals = g_new0 (FileTotals, 1);
          totals->path = regions[i].path;
          g_hash_table_insert (by_path, (gpointer)regions[i].path, totals);
          g_ptr_array_add (files, totals);
        }
      totals->n_mappings++;
      totals->size += mapscope_region_get_size (&regions[i]);
      totals->rss_kb += mapscope_snapshot_get_value_or_zero (snapshot, &regions[i], MAPSCOPE_FIELD_RSS);
      totals->pss_kb += mapscope_snapshot_get_value_or_zero (snapshot, &regions[i], MAPSCOPE_FIELD_PSS);
    }

  g_ptr_array_sort (files, compare_files);

  for (guint i = 0; i < MIN (files->len, TOP_N); i++)
    {
      const FileTotals *totals = g_ptr_array_index (files, i);
      g_autofree char *key = g_strdup_printf ("file:%u", i);
      g_autofree char *size = _mapscope_views_format_bytes (totals->size);
      g_autofree char *pss = mapscope_format_kb (totals->pss_kb);
      g_autofree char *rss = mapscope_format_kb (totals->rss_kb);
      g_autofree char *subtitle = NULL;

      /* Translators: under a file name, e.g. "5 mappings, size 2 MiB, PSS 1.2 MiB" */
      subtitle = g_strdup_printf (ngettext ("%u mapping, size %s, PSS %s",
                                            "%u mappings, size %s, PSS %s",
                                            totals->n_mappings),
                                  totals->n_mappings, size, pss);
      /* Translators: the RSS of all of one file's mappings */
      add_row (self, self->files_list, key, totals->path, subtitle,
               g_strdup_printf (_("RSS %s"), rss));
    }
}

/* Address space */

static void
fill_address_space (MapscopeSummaryView *self,
                    MapscopeSnapshot    *snapshot)
{
  guint n_regions;
  const MapscopeRegion *regions = mapscope_snapshot_get_regions (snapshot, &n_regions);
  guint64 mapped = 0, gap_total = 0, largest_gap = 0;
  guint n_gaps = 0;

  /* Regions are sorted by start and do not overlap. */
  for (guint i = 0; i < n_regions; i++)
    {
      mapped += mapscope_region_get_size (&regions[i]);
      if (i > 0 && regions[i].start > regions[i - 1].end)
        {
          guint64 gap = regions[i].start - regions[i - 1].end;

          n_gaps++;
          gap_total += gap;
          largest_gap = MAX (largest_gap, gap);
        }
    }

  add_row (self, self->stats_list, "mapped", _("Mapped"),
           _("The sum of the sizes of all regions"), _mapscope_views_format_bytes (mapped));
  add_row (self, self->stats_list, "gap-count", _("Unmapped gaps"),
           _("Holes between one region and the next"), g_strdup_printf ("%u", n_gaps));
  add_row (self, self->stats_list, "gap-total", _("Unmapped in gaps"),
           NULL, _mapscope_views_format_bytes (gap_total));
  add_row (self, self->stats_list, "largest-gap", _("Largest free gap"),
           NULL, _mapscope_views_format_bytes (largest_gap));
}

static void
update (MapscopeSummaryView *self)
{
  MapscopeSnapshot *snapshot = self->workspace ? mapscope_workspace_get_current (self->workspace) : NULL;
  GtkListBox *lists[] = { self->top_rss_list, self->top_pss_list, self->files_list, self->stats_list };

  /* a snapshot added that is not shown changes nothing here */
  if (snapshot == self->shown)
    return;
  g_set_object (&self->shown, snapshot);
  g_clear_pointer (&self->summary, mapscope_summary_free);
  g_hash_table_remove_all (self->texts);
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    _mapscope_views_remove_children (GTK_WIDGET (lists[i]));

  if (snapshot != NULL)
    {
      self->summary = mapscope_summary_new (snapshot);
      fill_top_regions (self, self->top_rss_list, snapshot, MAPSCOPE_FIELD_RSS, "top-rss");
      fill_top_regions (self, self->top_pss_list, snapshot, MAPSCOPE_FIELD_PSS, "top-pss");
      fill_files (self, snapshot);
      fill_address_space (self, snapshot);
    }
  update_chart (self);
}

static void
on_field_selected (MapscopeSummaryView *self)
{
  guint selected = gtk_drop_down_get_selected (self->field_dropdown);

  if (selected < G_N_ELEMENTS (chart_fields))
    mapscope_summary_view_set_field (self, chart_fields[selected].field);
}

static void
mapscope_summary_view_workspace_changed (MapscopeView      *view,
                                         MapscopeWorkspace *old_workspace,
                                         MapscopeWorkspace *workspace)
{
  MapscopeSummaryView *self = MAPSCOPE_SUMMARY_VIEW (view);

  self->workspace = workspace;
  if (workspace != NULL)
    mapscope_view_follow_snapshots (view, workspace, G_CALLBACK (update));
  update (self);
}

/* GObject */

static void
mapscope_summary_view_dispose (GObject *object)
{
  MapscopeSummaryView *self = MAPSCOPE_SUMMARY_VIEW (object);

  self->workspace = NULL;
  _mapscope_views_dispose_template (GTK_WIDGET (self), MAPSCOPE_TYPE_SUMMARY_VIEW);
  g_clear_object (&self->shown);
  g_clear_pointer (&self->summary, mapscope_summary_free);

  G_OBJECT_CLASS (mapscope_summary_view_parent_class)->dispose (object);
}

static void
mapscope_summary_view_finalize (GObject *object)
{
  MapscopeSummaryView *self = MAPSCOPE_SUMMARY_VIEW (object);

  g_hash_table_unref (self->texts);

  G_OBJECT_CLASS (mapscope_summary_view_parent_class)->finalize (object);
}

static void
mapscope_summary_view_class_init (MapscopeSummaryViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  MapscopeViewClass *view_class = MAPSCOPE_VIEW_CLASS (klass);

  object_class->dispose = mapscope_summary_view_dispose;
  object_class->finalize = mapscope_summary_view_finalize;
  view_class->workspace_changed = mapscope_summary_view_workspace_changed;


  gtk_widget_class_set_template_from_resource (widget_class,
                                               MAPSCOPE_VIEWS_RESOURCE_PREFIX "mapscope-summary-view.ui");
  gtk_widget_class_bind_template_child (widget_class, MapscopeSummaryView, field_dropdown);
  gtk_widget_class_bind_template_child (widget_class, MapscopeSummaryView, chart_area);
  gtk_widget_class_bind_template_child (widget_class, MapscopeSummaryView, legend_box);
  gtk_widget_class_bind_template_child (widget_class, MapscopeSummaryView, top_rss_list);
  gtk_widget_class_bind_template_child (widget_class, MapscopeSummaryView, top_pss_list);
  gtk_widget_class_bind_template_child (widget_class, MapscopeSummaryView, files_list);
  gtk_widget_class_bind_template_child (widget_class, MapscopeSummaryView, stats_list);
  gtk_widget_class_set_css_name (widget_class, "summaryview");
}

static void
mapscope_summary_view_init (MapscopeSummaryView *self)
{
  g_autoptr(GtkStringList) field_names = gtk_string_list_new (NULL);
  GtkListBox *region_lists[2];

  g_type_ensure (ADW_TYPE_CLAMP);
  gtk_widget_init_template (GTK_WIDGET (self));

  self->texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->field = MAPSCOPE_FIELD_RSS;

  for (guint i = 0; i < G_N_ELEMENTS (chart_fields); i++)
    gtk_string_list_append (field_names, _(chart_fields[i].label));
  gtk_drop_down_set_model (self->field_dropdown, G_LIST_MODEL (field_names));
  g_signal_connect_object (self->field_dropdown, "notify::selected",
                           G_CALLBACK (on_field_selected), self, G_CONNECT_SWAPPED);

  region_lists[0] = self->top_rss_list;
  region_lists[1] = self->top_pss_list;
  for (guint i = 0; i < G_N_ELEMENTS (region_lists); i++)
    g_signal_connect_object (region_lists[i], "row-activated",
                             G_CALLBACK (on_region_row_activated), self, G_CONNECT_SWAPPED);

  gtk_drawing_area_set_draw_func (self->chart_area, draw_chart, self, NULL);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (gtk_widget_queue_draw), self->chart_area, G_CONNECT_SWAPPED);
}

GtkWidget *
mapscope_summary_view_new (MapscopeWorkspace *workspace)
{
  return g_object_new (MAPSCOPE_TYPE_SUMMARY_VIEW, "workspace", workspace, NULL);
}

/* Returns: (transfer none) (nullable): */
MapscopeWorkspace *
mapscope_summary_view_get_workspace (MapscopeSummaryView *self)
{
  g_return_val_if_fail (MAPSCOPE_IS_SUMMARY_VIEW (self), NULL);
  return mapscope_view_get_workspace (MAPSCOPE_VIEW (self));
}

void
mapscope_summary_view_set_workspace (MapscopeSummaryView *self,
                                     MapscopeWorkspace   *workspace)
{
  g_return_if_fail (MAPSCOPE_IS_SUMMARY_VIEW (self));
  mapscope_view_set_workspace (MAPSCOPE_VIEW (self), workspace);
}

MapscopeField
mapscope_summary_view_get_field (MapscopeSummaryView *self)
{
  g_return_val_if_fail (MAPSCOPE_IS_SUMMARY_VIEW (self), MAPSCOPE_FIELD_RSS);
  return self->field;
}

/* Chooses the field the chart compares (RSS by default). */
void
mapscope_summary_view_set_field (MapscopeSummaryView *self,
                                 MapscopeField        field)
{
  g_return_if_fail (MAPSCOPE_IS_SUMMARY_VIEW (self));
  g_return_if_fail (field < MAPSCOPE_N_KNOWN_FIELDS);

  if (self->field == field)
    return;
  self->field = field;

  for (guint i = 0; i < G_N_ELEMENTS (chart_fields); i++)
    {
      if (chart_fields[i].field == field)
        gtk_drop_down_set_selected (self->field_dropdown, i);
    }
  update_chart (self);
}

/* Returns: (transfer none) (nullable): the text shown for @key */
const char *
mapscope_summary_view_get_text (MapscopeSummaryView *self,
                                const char          *key)
{
  g_return_val_if_fail (MAPSCOPE_IS_SUMMARY_VIEW (self), NULL);
  return g_hash_table_lookup (self->texts, key);
}

/* Returns: (transfer none): the drawing area of the chart */
GtkWidget *
mapscope_summary_view_get_chart (MapscopeSummaryView *self)
{
  g_return_val_if_fail (MAPSCOPE_IS_SUMMARY_VIEW (self), NULL);
  return GTK_WIDGET (self->chart_area);
}
