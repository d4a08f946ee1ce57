/* mapscope-workspace.c: what the user has open
 *
 * One object the window, the table, the inspector and the map all follow,
 * so that a selection made in one shows in the others.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mapscope-workspace.h"

struct _MapscopeWorkspace
{
  GObject               parent_instance;

  GListStore           *snapshots;
  MapscopeSnapshot     *current;
  MapscopeSnapshot     *baseline;
  MapscopeDiff         *diff;            /* baseline against current, or NULL */
  gint                  selected_index;
  MapscopeRegionFilter *filter;
};

G_DEFINE_FINAL_TYPE (MapscopeWorkspace, mapscope_workspace, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SNAPSHOTS,
  PROP_CURRENT,
  PROP_BASELINE,
  PROP_DIFF,
  PROP_SELECTED_INDEX,
  PROP_FILTER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mapscope_workspace_dispose (GObject *object)
{
  MapscopeWorkspace *self = MAPSCOPE_WORKSPACE (object);

  g_clear_object (&self->current);
  g_clear_object (&self->baseline);
  g_clear_object (&self->diff);
  g_clear_object (&self->snapshots);
  g_clear_object (&self->filter);

  G_OBJECT_CLASS (mapscope_workspace_parent_class)->dispose (object);
}

static void
mapscope_workspace_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  MapscopeWorkspace *self = MAPSCOPE_WORKSPACE (object);

  switch (prop_id)
    {
    case PROP_SNAPSHOTS:
      g_value_set_object (value, self->snapshots);
      break;
    case PROP_CURRENT:
      g_value_set_object (value, self->current);
      break;
    case PROP_BASELINE:
      g_value_set_object (value, self->baseline);
      break;
    case PROP_DIFF:
      g_value_set_object (value, self->diff);
      break;
    case PROP_SELECTED_INDEX:
      g_value_set_int (value, self->selected_index);
      break;
    case PROP_FILTER:
      g_value_set_object (value, self->filter);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mapscope_workspace_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  MapscopeWorkspace *self = MAPSCOPE_WORKSPACE (object);

  switch (prop_id)
    {
    case PROP_CURRENT:
      mapscope_workspace_set_current (self, g_value_get_object (value));
      break;
    case PROP_BASELINE:
      mapscope_workspace_set_baseline (self, g_value_get_object (value));
      break;
    case PROP_SELECTED_INDEX:
      mapscope_workspace_set_selected_index (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mapscope_workspace_class_init (MapscopeWorkspaceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mapscope_workspace_dispose;
  object_class->get_property = mapscope_workspace_get_property;
  object_class->set_property = mapscope_workspace_set_property;

  properties[PROP_SNAPSHOTS] =
    g_param_spec_object ("snapshots", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CURRENT] =
    g_param_spec_object ("current", NULL, NULL, MAPSCOPE_TYPE_SNAPSHOT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BASELINE] =
    g_param_spec_object ("baseline", NULL, NULL, MAPSCOPE_TYPE_SNAPSHOT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DIFF] =
    g_param_spec_object ("diff", NULL, NULL, MAPSCOPE_TYPE_DIFF,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED_INDEX] =
    g_param_spec_int ("selected-index", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILTER] =
    g_param_spec_object ("filter", NULL, NULL, MAPSCOPE_TYPE_REGION_FILTER,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mapscope_workspace_init (MapscopeWorkspace *self)
{
  self->snapshots = g_list_store_new (MAPSCOPE_TYPE_SNAPSHOT);
  self->filter = mapscope_region_filter_new ();
  self->selected_index = -1;
}

MapscopeWorkspace *
mapscope_workspace_new (void)
{
  return g_object_new (MAPSCOPE_TYPE_WORKSPACE, NULL);
}

/**
 * mapscope_workspace_get_snapshots:
 *
 * Returns: (transfer none): the loaded snapshots, in the order they came
 */
GListModel *
mapscope_workspace_get_snapshots (MapscopeWorkspace *self)
{
  return G_LIST_MODEL (self->snapshots);
}

/* Adds every snapshot of @document; the first becomes current if none is. */
void
mapscope_workspace_add_document (MapscopeWorkspace *self,
                                 MapscopeDocument  *document)
{
  g_return_if_fail (MAPSCOPE_IS_WORKSPACE (self));
  g_return_if_fail (MAPSCOPE_IS_DOCUMENT (document));

  for (guint i = 0; i < mapscope_document_get_n_snapshots (document); i++)
    mapscope_workspace_add_snapshot (self, mapscope_document_get_snapshot (document, i));
}

void
mapscope_workspace_add_snapshot (MapscopeWorkspace *self,
                                 MapscopeSnapshot  *snapshot)
{
  g_return_if_fail (MAPSCOPE_IS_WORKSPACE (self));
  g_return_if_fail (MAPSCOPE_IS_SNAPSHOT (snapshot));

  g_list_store_append (self->snapshots, snapshot);
  if (self->current == NULL)
    mapscope_workspace_set_current (self, snapshot);
}

/* Puts @snapshot at @position (clamped to the end), for a snapshot that takes
 * the place of another one, such as a re-read of a followed process. */
void
mapscope_workspace_insert_snapshot (MapscopeWorkspace *self,
                                    MapscopeSnapshot  *snapshot,
                                    guint              position)
{
  guint n;

  g_return_if_fail (MAPSCOPE_IS_WORKSPACE (self));
  g_return_if_fail (MAPSCOPE_IS_SNAPSHOT (snapshot));

  n = g_list_model_get_n_items (G_LIST_MODEL (self->snapshots));
  g_list_store_insert (self->snapshots, MIN (position, n), snapshot);
  if (self->current == NULL)
    mapscope_workspace_set_current (self, snapshot);
}

void
mapscope_workspace_remove_snapshot (MapscopeWorkspace *self,
                                    MapscopeSnapshot  *snapshot)
{
  guint position;

  g_return_if_fail (MAPSCOPE_IS_WORKSPACE (self));

  if (!g_list_store_find (self->snapshots, snapshot, &position))
    return;

  /* Keep @snapshot alive while the store and the properties let go of it. */
  g_object_ref (snapshot);
  g_list_store_remove (self->snapshots, position);

  if (self->baseline == snapshot)
    mapscope_workspace_set_baseline (self, NULL);
  if (self->current == snapshot)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->snapshots));
      g_autoptr(MapscopeSnapshot) next = NULL;

      if (n > 0)
        next = g_list_model_get_item (G_LIST_MODEL (self->snapshots), MIN (position, n - 1));
      mapscope_workspace_set_current (self, next);
    }

  g_object_unref (snapshot);
}

/* The diff follows the baseline and the current snapshot. It is computed
 * here, once, because the table, the map and the findings all show it; a
 * diff of two 60,000-region snapshots takes about 20 ms. */
static void
update_diff (MapscopeWorkspace *self)
{
  g_autoptr(MapscopeDiff) diff = NULL;

  if (self->baseline != NULL && self->current != NULL && self->baseline != self->current)
    diff = mapscope_diff_new (self->baseline, self->current);

  if (diff == NULL && self->diff == NULL)
    return;

  g_set_object (&self->diff, diff);
  mapscope_region_filter_set_diff (self->filter, diff);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIFF]);
}

/**
 * mapscope_workspace_get_current:
 *
 * Returns: (transfer none) (nullable): the snapshot the views show
 */
MapscopeSnapshot *
mapscope_workspace_get_current (MapscopeWorkspace *self)
{
  return self->current;
}

void
mapscope_workspace_set_current (MapscopeWorkspace *self,
                                MapscopeSnapshot  *snapshot)
{
  g_return_if_fail (MAPSCOPE_IS_WORKSPACE (self));

  if (!g_set_object (&self->current, snapshot))
    return;

  /* A region index means nothing in another snapshot. */
  mapscope_workspace_set_selected_index (self, -1);
  update_diff (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT]);
}

/**
 * mapscope_workspace_get_baseline:
 *
 * Returns: (transfer none) (nullable): the snapshot the current one is compared with
 */
MapscopeSnapshot *
mapscope_workspace_get_baseline (MapscopeWorkspace *self)
{
  return self->baseline;
}

void
mapscope_workspace_set_baseline (MapscopeWorkspace *self,
                                 MapscopeSnapshot  *snapshot)
{
  g_return_if_fail (MAPSCOPE_IS_WORKSPACE (self));

  if (!g_set_object (&self->baseline, snapshot))
    return;

  update_diff (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASELINE]);
}

/**
 * mapscope_workspace_get_diff:
 *
 * Returns: (transfer none) (nullable): the baseline compared with the current
 *   snapshot; NULL without a baseline, or when the baseline is the current one
 */
MapscopeDiff *
mapscope_workspace_get_diff (MapscopeWorkspace *self)
{
  return self->diff;
}

gint
mapscope_workspace_get_selected_index (MapscopeWorkspace *self)
{
  return self->selected_index;
}

/* @index: a region index in the current snapshot, or -1 */
void
mapscope_workspace_set_selected_index (MapscopeWorkspace *self,
                                       gint               index)
{
  g_return_if_fail (MAPSCOPE_IS_WORKSPACE (self));

  if (index < 0 || self->current == NULL ||
      (guint)index >= mapscope_snapshot_get_n_regions (self->current))
    index = -1;

  if (self->selected_index == index)
    return;

  self->selected_index = index;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_INDEX]);
}

/**
 * mapscope_workspace_get_selected_region:
 *
 * Returns: (transfer none) (nullable): the selected region of the current snapshot
 */
const MapscopeRegion *
mapscope_workspace_get_selected_region (MapscopeWorkspace *self)
{
  if (self->current == NULL || self->selected_index < 0)
    return NULL;

  return mapscope_snapshot_get_region (self->current, self->selected_index);
}

/**
 * mapscope_workspace_get_filter:
 *
 * Returns: (transfer none): the filter the table and the map apply
 */
MapscopeRegionFilter *
mapscope_workspace_get_filter (MapscopeWorkspace *self)
{
  return self->filter;
}
