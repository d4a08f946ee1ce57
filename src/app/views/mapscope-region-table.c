/* mapscope-region-table.c: the regions of the current snapshot as a table
 *
 * The model chain is region list → multi-selection. The list makes a small
 * item object only for rows on screen, so the table stays smooth with tens
 * of thousands of regions, and it filters and sorts itself in plain C (a
 * few milliseconds for 60,000 rows, so a keystroke in the search entry or
 * a click on a header never blocks a frame for long); the column sorters
 * only tell it which column the user clicked.
 *
 * The workspace's "selected-index" is the one selection shared with the
 * other views: picking a row sets it, and a change made elsewhere selects
 * the row and scrolls to it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "mapscope-category-swatch.h"
#include "mapscope-diff-cells.h"
#include "mapscope-region-list.h"
#include "mapscope-region-table.h"
#include "mapscope-row-reveal.h"
#include "mapscope-units.h"
#include "mapscope-views-private.h"

typedef enum
{
  CELL_ADDRESS,
  CELL_SIZE,
  CELL_TEXT,
  CELL_CATEGORY,
  CELL_PATH,
  CELL_STATUS,
  CELL_DELTA,
} CellKind;

typedef struct
{
  const char         *title;
  const char         *property;
  CellKind            kind;
  MapscopeRegionSort  sort;
  MapscopeField       field;     /* of a delta */
} ColumnInfo;

static const ColumnInfo columns[] = {
  { N_("Start"), "start", CELL_ADDRESS, MAPSCOPE_REGION_SORT_START },
  { N_("End"), "end", CELL_ADDRESS, MAPSCOPE_REGION_SORT_END },
  { N_("Size"), "size", CELL_SIZE, MAPSCOPE_REGION_SORT_SIZE },
  { N_("RSS"), "rss", CELL_SIZE, MAPSCOPE_REGION_SORT_RSS },
  { N_("PSS"), "pss", CELL_SIZE, MAPSCOPE_REGION_SORT_PSS },
  { N_("Private dirty"), "private-dirty", CELL_SIZE, MAPSCOPE_REGION_SORT_PRIVATE_DIRTY },
  { N_("Swap"), "swap", CELL_SIZE, MAPSCOPE_REGION_SORT_SWAP },
  { N_("Perms"), "perms", CELL_TEXT, MAPSCOPE_REGION_SORT_PERMS },
  { N_("Category"), "category", CELL_CATEGORY, MAPSCOPE_REGION_SORT_CATEGORY },
  { N_("Path"), "path", CELL_PATH, MAPSCOPE_REGION_SORT_PATH },
};

/* Shown while the workspace has a baseline; after the others, so that the
 * columns above keep their positions. */
static const ColumnInfo diff_columns[] = {
  { N_("Change"), NULL, CELL_STATUS, MAPSCOPE_REGION_SORT_KEY, 0 },
  { N_("ΔSize"), NULL, CELL_DELTA, MAPSCOPE_REGION_SORT_KEY, MAPSCOPE_FIELD_SIZE },
  { N_("ΔRSS"), NULL, CELL_DELTA, MAPSCOPE_REGION_SORT_KEY, MAPSCOPE_FIELD_RSS },
  { N_("ΔPSS"), NULL, CELL_DELTA, MAPSCOPE_REGION_SORT_KEY, MAPSCOPE_FIELD_PSS },
};

#define SORT_PROBE_COLUMN "mapscope-sort-column"

/* The sums shown for the selected rows, in column order; the size comes
 * from the addresses. */
static const MapscopeField sum_fields[] = {
  MAPSCOPE_FIELD_SIZE, MAPSCOPE_FIELD_RSS, MAPSCOPE_FIELD_PSS, MAPSCOPE_FIELD_PRIVATE_DIRTY, MAPSCOPE_FIELD_SWAP,
};

struct _MapscopeRegionTable
{
  MapscopeView          parent_instance;

  /* template widgets */
  GtkScrolledWindow    *scroller;
  GtkColumnView        *column_view;
  GtkLabel             *status_label;

  /* owned */
  MapscopeRegionList   *regions;
  MapscopeRowReveal    *reveal;      /* between the list and the selection */
  GtkMultiSelection    *selection;
  /* visible only while there is a diff, and made visible one a frame:
   * a column shown builds a cell in each of the ~200 rows GTK keeps */
  GtkColumnViewColumn  *diff_view_columns[G_N_ELEMENTS (diff_columns)];
  guint                 diff_columns_tick;
  char                 *status_text;
  guint                 status_idle;
  /* RSS of the rows shown and of all, until the rows change */
  guint64               shown_rss_kb;
  guint64               total_rss_kb;
  gboolean              rss_sums_valid;
  /* set while the table changes the selection itself */
  gboolean              syncing;
};

G_DEFINE_FINAL_TYPE (MapscopeRegionTable, mapscope_region_table, MAPSCOPE_TYPE_VIEW)

static void on_diff_changed (MapscopeRegionTable *self);

static MapscopeDiff *
get_diff (MapscopeRegionTable *self)
{
  MapscopeWorkspace *workspace = mapscope_view_get_workspace (MAPSCOPE_VIEW (self));

  return workspace != NULL ? mapscope_workspace_get_diff (workspace) : NULL;
}

/* Filtering */

static gboolean
region_is_shown (MapscopeRegionTable  *self,
                 MapscopeSnapshot     *snapshot,
                 const MapscopeRegion *region)
{
  MapscopeWorkspace *workspace = mapscope_view_get_workspace (MAPSCOPE_VIEW (self));
  MapscopeRegionFilter *filter = workspace ? mapscope_workspace_get_filter (workspace) : NULL;

  /* The filter ignores a text that is an address: it selects a region
   * (see on_filter_changed) rather than hiding the others. */
  return filter == NULL || mapscope_region_filter_matches (filter, snapshot, region);
}

/* Selection, both ways */

static guint64
item_get_uint64 (gpointer    item,
                 const char *property)
{
  guint64 value = 0;

  g_object_get (item, property, &value, NULL);
  return value;
}

static gint
find_position (MapscopeRegionTable *self,
               guint                region_index)
{
  return mapscope_region_list_find (self->regions, region_index);
}

static GtkWidget *
find_list_view (MapscopeRegionTable *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LIST_VIEW (child))
        return child;
    }
  return NULL;
}

/* GTK 4.8 has no gtk_column_view_scroll_to (4.12). The column view's inner
 * list view has the "list.scroll-to-item" action, which scrolls the least
 * needed; if it cannot be found, move the adjustment by the (uniform) row
 * height instead. */
static void
scroll_to_position (MapscopeRegionTable *self,
                    guint                position)
{
  GtkWidget *list_view = find_list_view (self);
  GtkAdjustment *adjustment;
  guint n_items;
  double row_height, row_top, value, page_size;

  if (list_view != NULL &&
      gtk_widget_activate_action (list_view, "list.scroll-to-item", "u", position))
    return;

  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->column_view));
  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->regions));
  if (adjustment == NULL || n_items == 0)
    return;

  row_height = gtk_adjustment_get_upper (adjustment) / n_items;
  row_top = position * row_height;
  value = gtk_adjustment_get_value (adjustment);
  page_size = gtk_adjustment_get_page_size (adjustment);
  if (row_top < value)
    gtk_adjustment_set_value (adjustment, row_top);
  else if (row_top + row_height > value + page_size)
    gtk_adjustment_set_value (adjustment, row_top + row_height - page_size);
}

static void update_status_now (MapscopeRegionTable *self);

static void
select_region (MapscopeRegionTable *self,
               gint                 region_index)
{
  GtkSelectionModel *selection = GTK_SELECTION_MODEL (self->selection);
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (selection);
  gint position = region_index < 0 ? -1 : find_position (self, region_index);

  if (position >= (gint)g_list_model_get_n_items (G_LIST_MODEL (self->selection)))
    _mapscope_row_reveal_finish (self->reveal);

  self->syncing = TRUE;
  if (position < 0)
    gtk_selection_model_unselect_all (selection);
  else if (!gtk_bitset_contains (selected, position) || gtk_bitset_get_size (selected) != 1)
    gtk_selection_model_select_item (selection, position, TRUE);
  self->syncing = FALSE;

  if (position >= 0)
    scroll_to_position (self, position);
  update_status_now (self);
}

static void
on_selected_index_changed (MapscopeRegionTable *self)
{
  MapscopeWorkspace *workspace = mapscope_view_get_workspace (MAPSCOPE_VIEW (self));

  if (!self->syncing)
    select_region (self, mapscope_workspace_get_selected_index (workspace));
}

static void
on_selection_changed (MapscopeRegionTable *self)
{
  g_autoptr(GtkBitset) selected = NULL;
  GtkBitsetIter iter;
  guint position;
  gint current, chosen = -1;
  MapscopeWorkspace *workspace = mapscope_view_get_workspace (MAPSCOPE_VIEW (self));

  update_status_now (self);
  if (self->syncing || workspace == NULL)
    return;

  /* With several rows selected, the workspace keeps its region if it is
   * one of them, otherwise it follows the first selected row. */
  current = mapscope_workspace_get_selected_index (workspace);
  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  for (gboolean valid = gtk_bitset_iter_init_first (&iter, selected, &position);
       valid;
       valid = gtk_bitset_iter_next (&iter, &position))
    {
      gint index = (gint)mapscope_region_list_get_region_index (self->regions, position);

      if (chosen < 0 || index == current)
        chosen = index;
      if (index == current)
        break;
    }

  self->syncing = TRUE;
  mapscope_workspace_set_selected_index (workspace, chosen);
  self->syncing = FALSE;
}

/* The status line */

static char *
format_selection_sums (MapscopeRegionTable *self)
{
  g_autoptr(GtkBitset) selected =
    gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  MapscopeSnapshot *snapshot = mapscope_region_list_get_snapshot (self->regions);
  char *formatted[G_N_ELEMENTS (sum_fields)] = { NULL };
  guint64 sums_kb[G_N_ELEMENTS (sum_fields)] = { 0 };
  guint64 n_selected = gtk_bitset_get_size (selected);
  GtkBitsetIter iter;
  guint position;
  char *text;

  if (n_selected < 2 || snapshot == NULL)
    return NULL;

  /* From the region structs: with every row selected, making an item
   * object for each took most of a frame. */
  for (gboolean valid = gtk_bitset_iter_init_first (&iter, selected, &position);
       valid;
       valid = gtk_bitset_iter_next (&iter, &position))
    {
      const MapscopeRegion *region =
        mapscope_snapshot_get_region (snapshot, mapscope_region_list_get_region_index (self->regions, position));

      sums_kb[0] += mapscope_region_get_size (region) / 1024;
      for (guint i = 1; i < G_N_ELEMENTS (sum_fields); i++)
        sums_kb[i] += mapscope_snapshot_get_value_or_zero (snapshot, region, sum_fields[i]);
    }

  for (guint i = 0; i < G_N_ELEMENTS (sum_fields); i++)
    formatted[i] = _mapscope_views_format_bytes (sums_kb[i] * 1024);

  /* Translators: appended to the status line when several rows are selected */
  text = g_strdup_printf (ngettext ("; %u selected: size %s, RSS %s, PSS %s, private dirty %s, swap %s",
                                    "; %u selected: size %s, RSS %s, PSS %s, private dirty %s, swap %s",
                                    (gulong)n_selected),
                          (guint)n_selected, formatted[0], formatted[1], formatted[2],
                          formatted[3], formatted[4]);
  for (guint i = 0; i < G_N_ELEMENTS (sum_fields); i++)
    g_clear_pointer (&formatted[i], g_free);
  return text;
}

static void
update_status_now (MapscopeRegionTable *self)
{
  MapscopeSnapshot *snapshot = mapscope_region_list_get_snapshot (self->regions);
  g_autofree char *shown_rss = NULL;
  g_autofree char *total_rss = NULL;
  g_autofree char *sums = NULL;
  guint n_regions = 0;
  const MapscopeRegion *regions = NULL;

  g_clear_handle_id (&self->status_idle, g_source_remove);

  if (snapshot != NULL)
    regions = mapscope_snapshot_get_regions (snapshot, &n_regions);

  /* Summed over the plain region structs with the same predicate as the
   * region list, which is much cheaper than walking item objects; and
   * only when the rows changed, not for every change of selection. */
  if (!self->rss_sums_valid)
    {
      self->shown_rss_kb = 0;
      self->total_rss_kb = 0;
      for (guint i = 0; i < n_regions; i++)
        {
          guint64 rss = mapscope_snapshot_get_value_or_zero (snapshot, &regions[i], MAPSCOPE_FIELD_RSS);

          self->total_rss_kb += rss;
          if (region_is_shown (self, snapshot, &regions[i]))
            self->shown_rss_kb += rss;
        }
      self->rss_sums_valid = TRUE;
    }

  shown_rss = mapscope_format_kb (self->shown_rss_kb);
  total_rss = mapscope_format_kb (self->total_rss_kb);
  sums = format_selection_sums (self);

  g_free (self->status_text);
  /* Translators: the status line under the region table, e.g.
   * "showing 12 of 50 regions, 3.2 MiB of 10 MiB RSS" */
  self->status_text = g_strdup_printf (ngettext ("showing %u of %u region, %s of %s RSS%s",
                                                 "showing %u of %u regions, %s of %s RSS%s",
                                                 n_regions),
                                       mapscope_region_table_get_n_shown (self), n_regions,
                                       shown_rss, total_rss, sums ? sums : "");
  gtk_label_set_label (self->status_label, self->status_text);
}

static void
status_idle_cb (gpointer data)
{
  MapscopeRegionTable *self = data;

  self->status_idle = 0;
  update_status_now (self);
}

static void
queue_status_update (MapscopeRegionTable *self)
{
  /* The sums walk every region: once per main loop turn is enough. */
  if (self->status_idle == 0)
    self->status_idle = g_idle_add_once (status_idle_cb, self);
}

/* Workspace changes */

static void
on_filter_changed (MapscopeRegionTable  *self,
                   int                   hint,
                   MapscopeRegionFilter *filter)
{
  MapscopeWorkspace *workspace = mapscope_view_get_workspace (MAPSCOPE_VIEW (self));
  MapscopeSnapshot *snapshot = mapscope_workspace_get_current (workspace);
  guint64 address = 0;

  self->syncing = TRUE;
  _mapscope_row_reveal_begin (self->reveal);
  mapscope_region_list_resort (self->regions);
  self->rss_sums_valid = FALSE;
  self->syncing = FALSE;

  if (snapshot != NULL && mapscope_region_filter_get_address (filter, &address))
    {
      const MapscopeRegion *region = mapscope_snapshot_find_region (snapshot, address);

      if (region != NULL)
        mapscope_workspace_set_selected_index (workspace,
                                               (gint)mapscope_snapshot_get_region_index (snapshot, region));
    }
  else
    {
      /* The rows were rebuilt: show the workspace's region again. */
      select_region (self, mapscope_workspace_get_selected_index (workspace));
    }
  queue_status_update (self);
}

static void
on_current_changed (MapscopeRegionTable *self)
{
  MapscopeWorkspace *workspace = mapscope_view_get_workspace (MAPSCOPE_VIEW (self));
  MapscopeSnapshot *snapshot = NULL;

  if (workspace != NULL)
    snapshot = mapscope_workspace_get_current (workspace);

  self->syncing = TRUE;
  _mapscope_row_reveal_begin (self->reveal);
  mapscope_region_list_set_snapshot (self->regions, snapshot);
  self->rss_sums_valid = FALSE;
  self->syncing = FALSE;

  if (workspace != NULL)
    select_region (self, mapscope_workspace_get_selected_index (workspace));
  update_status_now (self);
}

static void
mapscope_region_table_workspace_changed (MapscopeView      *view,
                                         MapscopeWorkspace *old_workspace,
                                         MapscopeWorkspace *workspace)
{
  MapscopeRegionTable *self = MAPSCOPE_REGION_TABLE (view);

  if (workspace != NULL)
    {
      MapscopeRegionFilter *filter = mapscope_workspace_get_filter (workspace);

      mapscope_region_list_set_filter (self->regions, filter);
      g_signal_connect_object (workspace, "notify::current",
                               G_CALLBACK (on_current_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (workspace, "notify::selected-index",
                               G_CALLBACK (on_selected_index_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (filter, "changed",
                               G_CALLBACK (on_filter_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (workspace, "notify::diff",
                               G_CALLBACK (on_diff_changed), self, G_CONNECT_SWAPPED);
      on_filter_changed (self, 0, filter);
    }
  else
    {
      mapscope_region_list_set_filter (self->regions, NULL);
    }
  on_current_changed (self);
  on_diff_changed (self);
}

/* Cells
 *
 * Every column's factory carries its ColumnInfo; setup copies it, and the
 * table, onto the list item, so that a cell can refill itself when its
 * item notifies "index": the region list reuses items for their positions
 * when the order changes (see mapscope-region-list.c). */
#define FACTORY_COLUMN "mapscope-column"
#define CELL_TABLE     "mapscope-table"

/* The whole path of an ellipsized cell. Asked for when the pointer rests
 * on the cell: setting a tooltip on every refill would cost a round trip
 * to the X server per row. */
static gboolean
query_path_tooltip (GtkInscription *inscription,
                    int             x,
                    int             y,
                    gboolean        keyboard_mode,
                    GtkTooltip     *tooltip)
{
  const char *text = gtk_inscription_get_text (inscription);

  if (text == NULL || text[0] == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
create_cell_child (GtkListItem      *list_item,
                   const ColumnInfo *column)
{
  GtkWidget *inscription = gtk_inscription_new (NULL);
  GtkWidget *box;

  switch (column->kind)
    {
    case CELL_ADDRESS:
      /* Addresses and sizes never shrink below their text: a clipped
       * number is a wrong number. The table scrolls sideways instead. */
      gtk_widget_add_css_class (inscription, "monospace");
      gtk_inscription_set_min_chars (GTK_INSCRIPTION (inscription), 14);
      gtk_inscription_set_nat_chars (GTK_INSCRIPTION (inscription), 14);
      break;
    case CELL_SIZE:
      gtk_widget_add_css_class (inscription, "numeric");
      gtk_inscription_set_xalign (GTK_INSCRIPTION (inscription), 1);
      gtk_inscription_set_min_chars (GTK_INSCRIPTION (inscription), 8);
      gtk_inscription_set_nat_chars (GTK_INSCRIPTION (inscription), 9);
      break;
    case CELL_TEXT:
      gtk_widget_add_css_class (inscription, "monospace");
      gtk_inscription_set_min_chars (GTK_INSCRIPTION (inscription), 4);
      gtk_inscription_set_nat_chars (GTK_INSCRIPTION (inscription), 4);
      break;
    case CELL_CATEGORY:
      gtk_inscription_set_min_chars (GTK_INSCRIPTION (inscription), 12);
      gtk_inscription_set_nat_chars (GTK_INSCRIPTION (inscription), 14);
      box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      gtk_box_append (GTK_BOX (box), mapscope_category_swatch_new (0));
      gtk_box_append (GTK_BOX (box), inscription);
      gtk_list_item_set_child (list_item, box);
      return;
    case CELL_PATH:
      gtk_inscription_set_min_chars (GTK_INSCRIPTION (inscription), 24);
      gtk_inscription_set_nat_chars (GTK_INSCRIPTION (inscription), 40);
      gtk_inscription_set_text_overflow (GTK_INSCRIPTION (inscription),
                                         GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_START);
      gtk_widget_set_has_tooltip (inscription, TRUE);
      g_signal_connect (inscription, "query-tooltip", G_CALLBACK (query_path_tooltip), NULL);
      break;
    case CELL_STATUS:
      gtk_widget_add_css_class (inscription, "caption-heading");
      gtk_inscription_set_min_chars (GTK_INSCRIPTION (inscription), 6);
      gtk_inscription_set_nat_chars (GTK_INSCRIPTION (inscription), 7);
      break;
    case CELL_DELTA:
      gtk_widget_add_css_class (inscription, "numeric");
      gtk_inscription_set_xalign (GTK_INSCRIPTION (inscription), 1);
      gtk_inscription_set_min_chars (GTK_INSCRIPTION (inscription), 9);
      gtk_inscription_set_nat_chars (GTK_INSCRIPTION (inscription), 10);
      break;
    default:
      g_assert_not_reached ();
    }

  gtk_list_item_set_child (list_item, inscription);
}

static void
fill_region_cell (GtkListItem      *list_item,
                  const ColumnInfo *column)
{
  MapscopeRegionItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *child = gtk_list_item_get_child (list_item);
  g_autofree char *text = NULL;

  switch (column->kind)
    {
    case CELL_ADDRESS:
      text = _mapscope_views_format_address (item_get_uint64 (item, column->property));
      break;
    case CELL_SIZE:
      text = _mapscope_views_format_bytes (item_get_uint64 (item, column->property));
      break;
    case CELL_CATEGORY:
      {
        MapscopeCategory category = mapscope_region_item_get_region (item)->category;

        mapscope_category_swatch_set_category (MAPSCOPE_CATEGORY_SWATCH (gtk_widget_get_first_child (child)),
                                               category);
        child = gtk_widget_get_last_child (child);
        text = g_strdup (_(mapscope_category_get_label (category)));
      }
      break;
    case CELL_TEXT:
    case CELL_PATH:
      g_object_get (item, column->property, &text, NULL);
      break;
    default:
      g_assert_not_reached ();
    }

  gtk_inscription_set_text (GTK_INSCRIPTION (child), text);
}

/* Sorting
 *
 * GTK 4.8 cannot tell which column the column view sorts by
 * (gtk_column_view_sorter_get_primary_sort_column is 4.10), but its sorter
 * asks the primary column's sorter first and reverses the answer for a
 * descending sort. So every column's sorter answers "smaller" and marks
 * the first probe object with its column; one comparison of two probes
 * gives the column and the direction. */

static int
probe_compare (gconstpointer a,
               gconstpointer b,
               gpointer      column)
{
  g_object_set_data ((GObject *)a, SORT_PROBE_COLUMN, column);
  return GTK_ORDERING_SMALLER;
}

static void
on_sorter_changed (MapscopeRegionTable *self)
{
  g_autoptr(GObject) first = g_object_new (G_TYPE_OBJECT, NULL);
  g_autoptr(GObject) second = g_object_new (G_TYPE_OBJECT, NULL);
  MapscopeWorkspace *workspace = mapscope_view_get_workspace (MAPSCOPE_VIEW (self));
  GtkOrdering ordering;
  const ColumnInfo *column;

  ordering = gtk_sorter_compare (gtk_column_view_get_sorter (self->column_view), first, second);
  column = g_object_get_data (first, SORT_PROBE_COLUMN);

  self->syncing = TRUE;
  if (column == NULL || ordering == GTK_ORDERING_EQUAL ||
      (column->sort == MAPSCOPE_REGION_SORT_KEY && get_diff (self) == NULL))
    mapscope_region_list_sort (self->regions, MAPSCOPE_REGION_SORT_NONE, FALSE);
  else if (column->kind == CELL_STATUS)
    _mapscope_diff_cells_sort_by_status (self->regions, get_diff (self),
                                         ordering == GTK_ORDERING_LARGER);
  else if (column->kind == CELL_DELTA)
    _mapscope_diff_cells_sort_by_delta (self->regions, get_diff (self), column->field,
                                        ordering == GTK_ORDERING_LARGER);
  else
    mapscope_region_list_sort (self->regions, column->sort, ordering == GTK_ORDERING_LARGER);
  self->syncing = FALSE;

  /* Reordering dropped the selection; show the workspace's region again. */
  if (workspace != NULL)
    select_region (self, mapscope_workspace_get_selected_index (workspace));
  queue_status_update (self);
}

/* The cells of the diff columns need the workspace's diff. */
static void
fill_diff_cell (MapscopeRegionTable *self,
                GtkListItem         *list_item,
                const ColumnInfo    *column)
{
  MapscopeRegionItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *child = gtk_list_item_get_child (list_item);
  MapscopeDiff *diff = get_diff (self);
  const MapscopeDiffEntry *entry;
  g_autofree char *text = NULL;

  entry = _mapscope_diff_cells_find_entry (diff, mapscope_region_item_get_snapshot (item),
                                           mapscope_region_item_get_index (item));
  if (column->kind == CELL_STATUS)
    {
      const char *style_class = _mapscope_diff_cells_status_class (entry);

      gtk_widget_set_css_classes (child, (const char *[]) { "caption-heading", style_class, NULL });
      text = g_strdup (_mapscope_diff_cells_status_text (entry));
    }
  else
    {
      text = _mapscope_diff_cells_format_delta (diff, entry, column->field);
    }
  gtk_inscription_set_text (GTK_INSCRIPTION (child), text);
}

static void
fill_cell (GtkListItem *list_item)
{
  const ColumnInfo *column = g_object_get_data (G_OBJECT (list_item), FACTORY_COLUMN);

  if (column->kind == CELL_STATUS || column->kind == CELL_DELTA)
    fill_diff_cell (g_object_get_data (G_OBJECT (list_item), CELL_TABLE), list_item, column);
  else
    fill_region_cell (list_item, column);
}

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            MapscopeRegionTable      *self)
{
  const ColumnInfo *column = g_object_get_data (G_OBJECT (factory), FACTORY_COLUMN);

  g_object_set_data (G_OBJECT (list_item), FACTORY_COLUMN, (gpointer)column);
  g_object_set_data (G_OBJECT (list_item), CELL_TABLE, self);
  create_cell_child (list_item, column);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item)
{
  g_signal_connect_swapped (gtk_list_item_get_item (list_item), "notify::index",
                            G_CALLBACK (fill_cell), list_item);
  fill_cell (list_item);
}

static void
unbind_cell (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item)
{
  g_signal_handlers_disconnect_by_func (gtk_list_item_get_item (list_item), fill_cell, list_item);
}

static GtkSorter *
create_sorter (const ColumnInfo *column)
{
  return GTK_SORTER (gtk_custom_sorter_new (probe_compare, (gpointer)column, NULL));
}

static GtkColumnViewColumn *
create_column (MapscopeRegionTable *self,
               const ColumnInfo    *info)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkSorter) sorter = create_sorter (info);
  GtkColumnViewColumn *column;

  g_object_set_data (G_OBJECT (factory), FACTORY_COLUMN, (gpointer)info);
  g_signal_connect_object (factory, "setup", G_CALLBACK (setup_cell), self, 0);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell), NULL);
  column = gtk_column_view_column_new (_(info->title), factory);
  gtk_column_view_column_set_sorter (column, sorter);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_column_set_expand (column, info->kind == CELL_PATH);
  return column;
}

static void
add_columns (MapscopeRegionTable *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = create_column (self, &columns[i]);

      gtk_column_view_append_column (self->column_view, column);
    }

  for (guint i = 0; i < G_N_ELEMENTS (diff_columns); i++)
    {
      self->diff_view_columns[i] = create_column (self, &diff_columns[i]);
      gtk_column_view_column_set_visible (self->diff_view_columns[i], FALSE);
      gtk_column_view_append_column (self->column_view, self->diff_view_columns[i]);
    }
}

static gboolean
show_next_diff_column (GtkWidget     *widget,
                       GdkFrameClock *clock,
                       gpointer       data)
{
  MapscopeRegionTable *self = MAPSCOPE_REGION_TABLE (widget);

  for (guint i = 0; i < G_N_ELEMENTS (diff_columns); i++)
    {
      if (!gtk_column_view_column_get_visible (self->diff_view_columns[i]))
        {
          gtk_column_view_column_set_visible (self->diff_view_columns[i], TRUE);
          if (i + 1 < G_N_ELEMENTS (diff_columns))
            return G_SOURCE_CONTINUE;
        }
    }
  self->diff_columns_tick = 0;
  return G_SOURCE_REMOVE;
}

/* A baseline was picked or dropped, or the current snapshot changed. */
static void
on_diff_changed (MapscopeRegionTable *self)
{
  gboolean has_diff = get_diff (self) != NULL;

  if (has_diff && self->diff_columns_tick == 0)
    self->diff_columns_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), show_next_diff_column,
                                                            NULL, NULL);
  if (!has_diff)
    {
      if (self->diff_columns_tick != 0)
        gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->diff_columns_tick);
      self->diff_columns_tick = 0;
      for (guint i = 0; i < G_N_ELEMENTS (diff_columns); i++)
        gtk_column_view_column_set_visible (self->diff_view_columns[i], FALSE);
    }
  /* "Changed only" may let other rows through now. */
  self->rss_sums_valid = FALSE;
  /* Sorts by the new diff if a diff column is the sort column, and
   * refills the rows either way. */
  on_sorter_changed (self);
}

/* GObject */

static void
mapscope_region_table_dispose (GObject *object)
{
  MapscopeRegionTable *self = MAPSCOPE_REGION_TABLE (object);

  g_clear_handle_id (&self->status_idle, g_source_remove);
  if (self->diff_columns_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->diff_columns_tick);
  self->diff_columns_tick = 0;
  /* Tearing down the column view changes the models. */
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  if (self->regions != NULL)
    g_signal_handlers_disconnect_by_data (self->regions, self);
  if (self->column_view != NULL)
    g_signal_handlers_disconnect_by_data (gtk_column_view_get_sorter (self->column_view), self);
  _mapscope_views_dispose_template (GTK_WIDGET (self), MAPSCOPE_TYPE_REGION_TABLE);
  for (guint i = 0; i < G_N_ELEMENTS (diff_columns); i++)
    g_clear_object (&self->diff_view_columns[i]);
  g_clear_object (&self->selection);
  g_clear_pointer (&self->reveal, _mapscope_row_reveal_free);

  G_OBJECT_CLASS (mapscope_region_table_parent_class)->dispose (object);
}

static void
mapscope_region_table_finalize (GObject *object)
{
  MapscopeRegionTable *self = MAPSCOPE_REGION_TABLE (object);

  g_free (self->status_text);

  G_OBJECT_CLASS (mapscope_region_table_parent_class)->finalize (object);
}

static void
mapscope_region_table_class_init (MapscopeRegionTableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  MapscopeViewClass *view_class = MAPSCOPE_VIEW_CLASS (klass);

  object_class->dispose = mapscope_region_table_dispose;
  view_class->workspace_changed = mapscope_region_table_workspace_changed;
  object_class->finalize = mapscope_region_table_finalize;


  gtk_widget_class_set_template_from_resource (widget_class,
                                               MAPSCOPE_VIEWS_RESOURCE_PREFIX "mapscope-region-table.ui");
  gtk_widget_class_bind_template_child (widget_class, MapscopeRegionTable, scroller);
  gtk_widget_class_bind_template_child (widget_class, MapscopeRegionTable, column_view);
  gtk_widget_class_bind_template_child (widget_class, MapscopeRegionTable, status_label);
  gtk_widget_class_set_css_name (widget_class, "regiontable");
}

static void
mapscope_region_table_init (MapscopeRegionTable *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->regions = mapscope_region_list_new (NULL);

  /* The reveal takes ownership of the list, the selection of the reveal's
   * model. */
  self->reveal = _mapscope_row_reveal_new (GTK_WIDGET (self), G_LIST_MODEL (self->regions));
  self->selection = gtk_multi_selection_new (g_object_ref (_mapscope_row_reveal_get_model (self->reveal)));

  add_columns (self);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_object (self->selection, "selection-changed",
                           G_CALLBACK (on_selection_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->regions, "items-changed",
                           G_CALLBACK (queue_status_update), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (on_sorter_changed), self, G_CONNECT_SWAPPED);
  update_status_now (self);
}

/**
 * mapscope_region_table_new:
 * @workspace: (nullable): the workspace to show
 */
GtkWidget *
mapscope_region_table_new (MapscopeWorkspace *workspace)
{
  return g_object_new (MAPSCOPE_TYPE_REGION_TABLE, "workspace", workspace, NULL);
}

/* Returns: (transfer none) (nullable): */
MapscopeWorkspace *
mapscope_region_table_get_workspace (MapscopeRegionTable *self)
{
  g_return_val_if_fail (MAPSCOPE_IS_REGION_TABLE (self), NULL);
  return mapscope_view_get_workspace (MAPSCOPE_VIEW (self));
}

void
mapscope_region_table_set_workspace (MapscopeRegionTable *self,
                                     MapscopeWorkspace   *workspace)
{
  g_return_if_fail (MAPSCOPE_IS_REGION_TABLE (self));
  mapscope_view_set_workspace (MAPSCOPE_VIEW (self), workspace);
}

/* Returns: the number of rows the filter lets through */
guint
mapscope_region_table_get_n_shown (MapscopeRegionTable *self)
{
  g_return_val_if_fail (MAPSCOPE_IS_REGION_TABLE (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->regions));
}

/* Returns: (transfer none): the status line's text */
const char *
mapscope_region_table_get_status_text (MapscopeRegionTable *self)
{
  g_return_val_if_fail (MAPSCOPE_IS_REGION_TABLE (self), NULL);
  return self->status_text;
}

/* Returns: (transfer none): the column view, for keyboard focus and tests */
GtkColumnView *
mapscope_region_table_get_column_view (MapscopeRegionTable *self)
{
  g_return_val_if_fail (MAPSCOPE_IS_REGION_TABLE (self), NULL);
  return self->column_view;
}

static const MapscopeDiffEntry *
entry_at (MapscopeRegionTable *self,
          guint                position)
{
  g_autoptr(MapscopeRegionItem) item = g_list_model_get_item (G_LIST_MODEL (self->regions), position);

  if (item == NULL)
    return NULL;
  return _mapscope_diff_cells_find_entry (get_diff (self), mapscope_region_item_get_snapshot (item),
                                          mapscope_region_item_get_index (item));
}

/* Returns: (transfer full): the "Change" badge of the row at @position, as
 * shown ("" without a baseline or for an unchanged region) */
char *
mapscope_region_table_dup_status_text (MapscopeRegionTable *self,
                                       guint                position)
{
  g_return_val_if_fail (MAPSCOPE_IS_REGION_TABLE (self), NULL);
  return g_strdup (_mapscope_diff_cells_status_text (entry_at (self, position)));
}

/* Returns: (transfer full): the delta of @field (size, RSS or PSS) of the
 * row at @position, as shown */
char *
mapscope_region_table_dup_delta_text (MapscopeRegionTable *self,
                                      guint                position,
                                      MapscopeField        field)
{
  g_return_val_if_fail (MAPSCOPE_IS_REGION_TABLE (self), NULL);
  return _mapscope_diff_cells_format_delta (get_diff (self), entry_at (self, position), field);
}

/* Returns: whether the change and delta columns are all shown (they
 * appear one a frame after a baseline is picked) */
gboolean
mapscope_region_table_get_diff_shown (MapscopeRegionTable *self)
{
  g_return_val_if_fail (MAPSCOPE_IS_REGION_TABLE (self), FALSE);
  return gtk_column_view_column_get_visible (self->diff_view_columns[G_N_ELEMENTS (diff_columns) - 1]);
}
