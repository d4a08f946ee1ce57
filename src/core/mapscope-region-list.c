/* mapscope-region-list.c: a snapshot's regions as a GListModel
 *
 * The regions stay plain structs in the snapshot; list widgets get a small
 * MapscopeRegionItem made on demand for the rows they show.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mapscope-region-list.h"

struct _MapscopeRegionItem
{
  GObject           parent_instance;

  MapscopeSnapshot *snapshot;
  guint             index;
};

G_DEFINE_FINAL_TYPE (MapscopeRegionItem, mapscope_region_item, G_TYPE_OBJECT)

enum {
  ITEM_PROP_0,
  ITEM_PROP_INDEX,
  ITEM_PROP_START,
  ITEM_PROP_END,
  ITEM_PROP_SIZE,
  ITEM_PROP_RSS,
  ITEM_PROP_PSS,
  ITEM_PROP_PRIVATE_DIRTY,
  ITEM_PROP_SWAP,
  ITEM_PROP_PERMS,
  ITEM_PROP_CATEGORY,
  ITEM_PROP_CATEGORY_ID,
  ITEM_PROP_PATH,
  N_ITEM_PROPS
};

static GParamSpec *item_properties[N_ITEM_PROPS];

static guint64
field_bytes (MapscopeRegionItem *self,
             MapscopeField       field)
{
  const MapscopeRegion *region = mapscope_region_item_get_region (self);

  return mapscope_snapshot_get_value_or_zero (self->snapshot, region, field) * 1024;
}

static void
mapscope_region_item_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  MapscopeRegionItem *self = MAPSCOPE_REGION_ITEM (object);
  const MapscopeRegion *region = mapscope_region_item_get_region (self);
  char perms[5];

  switch (prop_id)
    {
    case ITEM_PROP_INDEX:
      g_value_set_uint (value, self->index);
      break;
    case ITEM_PROP_START:
      g_value_set_uint64 (value, region->start);
      break;
    case ITEM_PROP_END:
      g_value_set_uint64 (value, region->end);
      break;
    case ITEM_PROP_SIZE:
      g_value_set_uint64 (value, mapscope_region_get_size (region));
      break;
    case ITEM_PROP_RSS:
      g_value_set_uint64 (value, field_bytes (self, MAPSCOPE_FIELD_RSS));
      break;
    case ITEM_PROP_PSS:
      g_value_set_uint64 (value, field_bytes (self, MAPSCOPE_FIELD_PSS));
      break;
    case ITEM_PROP_PRIVATE_DIRTY:
      g_value_set_uint64 (value, field_bytes (self, MAPSCOPE_FIELD_PRIVATE_DIRTY));
      break;
    case ITEM_PROP_SWAP:
      g_value_set_uint64 (value, field_bytes (self, MAPSCOPE_FIELD_SWAP));
      break;
    case ITEM_PROP_PERMS:
      mapscope_region_format_perms (region, perms);
      g_value_set_string (value, perms);
      break;
    case ITEM_PROP_CATEGORY:
      g_value_set_string (value, mapscope_category_get_name (region->category));
      break;
    case ITEM_PROP_CATEGORY_ID:
      g_value_set_uint (value, region->category);
      break;
    case ITEM_PROP_PATH:
      g_value_set_string (value, region->path ? region->path : "");
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mapscope_region_item_finalize (GObject *object)
{
  MapscopeRegionItem *self = MAPSCOPE_REGION_ITEM (object);

  g_clear_object (&self->snapshot);

  G_OBJECT_CLASS (mapscope_region_item_parent_class)->finalize (object);
}

static GParamSpec *
uint64_property (const char *name)
{
  return g_param_spec_uint64 (name, NULL, NULL, 0, G_MAXUINT64, 0,
                              G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
}

static GParamSpec *
string_property (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
}

static void
mapscope_region_item_class_init (MapscopeRegionItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = mapscope_region_item_get_property;
  object_class->finalize = mapscope_region_item_finalize;

  item_properties[ITEM_PROP_INDEX] =
    g_param_spec_uint ("index", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  item_properties[ITEM_PROP_START] = uint64_property ("start");
  item_properties[ITEM_PROP_END] = uint64_property ("end");
  item_properties[ITEM_PROP_SIZE] = uint64_property ("size");
  item_properties[ITEM_PROP_RSS] = uint64_property ("rss");
  item_properties[ITEM_PROP_PSS] = uint64_property ("pss");
  item_properties[ITEM_PROP_PRIVATE_DIRTY] = uint64_property ("private-dirty");
  item_properties[ITEM_PROP_SWAP] = uint64_property ("swap");
  item_properties[ITEM_PROP_PERMS] = string_property ("perms");
  item_properties[ITEM_PROP_CATEGORY] = string_property ("category");
  item_properties[ITEM_PROP_CATEGORY_ID] =
    g_param_spec_uint ("category-id", NULL, NULL, 0, MAPSCOPE_N_CATEGORIES, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  item_properties[ITEM_PROP_PATH] = string_property ("path");

  g_object_class_install_properties (object_class, N_ITEM_PROPS, item_properties);
}

static void
mapscope_region_item_init (MapscopeRegionItem *self)
{
}

/**
 * mapscope_region_item_get_snapshot:
 *
 * Returns: (transfer none): the snapshot the region belongs to
 */
MapscopeSnapshot *
mapscope_region_item_get_snapshot (MapscopeRegionItem *self)
{
  return self->snapshot;
}

guint
mapscope_region_item_get_index (MapscopeRegionItem *self)
{
  return self->index;
}

/**
 * mapscope_region_item_get_region:
 *
 * Returns: (transfer none): the region, valid while the snapshot lives
 */
const MapscopeRegion *
mapscope_region_item_get_region (MapscopeRegionItem *self)
{
  return mapscope_snapshot_get_region (self->snapshot, self->index);
}

struct _MapscopeRegionList
{
  GObject           parent_instance;

  MapscopeSnapshot *snapshot;
};

static GType
mapscope_region_list_get_item_type (GListModel *model)
{
  return MAPSCOPE_TYPE_REGION_ITEM;
}

static guint
mapscope_region_list_get_n_items (GListModel *model)
{
  MapscopeRegionList *self = MAPSCOPE_REGION_LIST (model);

  return self->snapshot ? mapscope_snapshot_get_n_regions (self->snapshot) : 0;
}

static gpointer
mapscope_region_list_get_item (GListModel *model,
                               guint       position)
{
  MapscopeRegionList *self = MAPSCOPE_REGION_LIST (model);
  MapscopeRegionItem *item;

  if (position >= mapscope_region_list_get_n_items (model))
    return NULL;

  item = g_object_new (MAPSCOPE_TYPE_REGION_ITEM, NULL);
  item->snapshot = g_object_ref (self->snapshot);
  item->index = position;

  return item;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = mapscope_region_list_get_item_type;
  iface->get_n_items = mapscope_region_list_get_n_items;
  iface->get_item = mapscope_region_list_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (MapscopeRegionList, mapscope_region_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  LIST_PROP_0,
  LIST_PROP_SNAPSHOT,
  N_LIST_PROPS
};

static GParamSpec *list_properties[N_LIST_PROPS];

static void
mapscope_region_list_dispose (GObject *object)
{
  MapscopeRegionList *self = MAPSCOPE_REGION_LIST (object);

  g_clear_object (&self->snapshot);

  G_OBJECT_CLASS (mapscope_region_list_parent_class)->dispose (object);
}

static void
mapscope_region_list_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  MapscopeRegionList *self = MAPSCOPE_REGION_LIST (object);

  switch (prop_id)
    {
    case LIST_PROP_SNAPSHOT:
      g_value_set_object (value, self->snapshot);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mapscope_region_list_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  MapscopeRegionList *self = MAPSCOPE_REGION_LIST (object);

  switch (prop_id)
    {
    case LIST_PROP_SNAPSHOT:
      mapscope_region_list_set_snapshot (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mapscope_region_list_class_init (MapscopeRegionListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mapscope_region_list_dispose;
  object_class->get_property = mapscope_region_list_get_property;
  object_class->set_property = mapscope_region_list_set_property;

  list_properties[LIST_PROP_SNAPSHOT] =
    g_param_spec_object ("snapshot", NULL, NULL, MAPSCOPE_TYPE_SNAPSHOT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_LIST_PROPS, list_properties);
}

static void
mapscope_region_list_init (MapscopeRegionList *self)
{
}

MapscopeRegionList *
mapscope_region_list_new (MapscopeSnapshot *snapshot)
{
  return g_object_new (MAPSCOPE_TYPE_REGION_LIST, "snapshot", snapshot, NULL);
}

/**
 * mapscope_region_list_get_snapshot:
 *
 * Returns: (transfer none) (nullable): the snapshot listed
 */
MapscopeSnapshot *
mapscope_region_list_get_snapshot (MapscopeRegionList *self)
{
  return self->snapshot;
}

void
mapscope_region_list_set_snapshot (MapscopeRegionList *self,
                                   MapscopeSnapshot   *snapshot)
{
  guint removed;

  g_return_if_fail (MAPSCOPE_IS_REGION_LIST (self));

  if (self->snapshot == snapshot)
    return;

  removed = mapscope_region_list_get_n_items (G_LIST_MODEL (self));
  g_set_object (&self->snapshot, snapshot);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed,
                              mapscope_region_list_get_n_items (G_LIST_MODEL (self)));
  g_object_notify_by_pspec (G_OBJECT (self), list_properties[LIST_PROP_SNAPSHOT]);
}
