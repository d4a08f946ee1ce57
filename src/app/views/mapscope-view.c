/* mapscope-view.c: the base of the views that show a workspace
 *
 * It owns the "workspace" property. A view subclasses it and reacts in
 * workspace_changed; connecting with itself as the data (as every view
 * does, with g_signal_connect_object) means the base class can drop those
 * handlers when the workspace is replaced.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mapscope-view.h"
#include "mapscope-views-private.h"

typedef struct
{
  MapscopeWorkspace *workspace;
  GCallback          snapshots_update;  /* see mapscope_view_follow_snapshots() */
  guint              snapshots_idle;
} MapscopeViewPrivate;

enum
{
  PROP_0,
  PROP_WORKSPACE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (MapscopeView, mapscope_view, GTK_TYPE_WIDGET)

static void
mapscope_view_dispose (GObject *object)
{
  MapscopeView *self = MAPSCOPE_VIEW (object);
  MapscopeViewPrivate *priv = mapscope_view_get_instance_private (self);

  /* The subclass has torn its widgets down already: nothing to react with. */
  g_clear_handle_id (&priv->snapshots_idle, g_source_remove);
  _mapscope_views_swap_workspace (self, &priv->workspace, NULL);

  G_OBJECT_CLASS (mapscope_view_parent_class)->dispose (object);
}

static void
mapscope_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  MapscopeView *self = MAPSCOPE_VIEW (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE:
      g_value_set_object (value, mapscope_view_get_workspace (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mapscope_view_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  MapscopeView *self = MAPSCOPE_VIEW (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE:
      mapscope_view_set_workspace (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mapscope_view_class_init (MapscopeViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mapscope_view_dispose;
  object_class->get_property = mapscope_view_get_property;
  object_class->set_property = mapscope_view_set_property;

  properties[PROP_WORKSPACE] =
    g_param_spec_object ("workspace", NULL, NULL, MAPSCOPE_TYPE_WORKSPACE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mapscope_view_init (MapscopeView *self)
{
}

/* Returns: (transfer none) (nullable): */
MapscopeWorkspace *
mapscope_view_get_workspace (MapscopeView *self)
{
  MapscopeViewPrivate *priv;

  g_return_val_if_fail (MAPSCOPE_IS_VIEW (self), NULL);

  priv = mapscope_view_get_instance_private (self);
  return priv->workspace;
}

void
mapscope_view_set_workspace (MapscopeView      *self,
                             MapscopeWorkspace *workspace)
{
  MapscopeViewPrivate *priv;
  g_autoptr(MapscopeWorkspace) old_workspace = NULL;

  g_return_if_fail (MAPSCOPE_IS_VIEW (self));
  g_return_if_fail (workspace == NULL || MAPSCOPE_IS_WORKSPACE (workspace));

  priv = mapscope_view_get_instance_private (self);
  if (priv->workspace == workspace)
    return;

  /* Kept alive for the subclass to compare with. */
  g_set_object (&old_workspace, priv->workspace);
  _mapscope_views_swap_workspace (self, &priv->workspace, workspace);

  if (MAPSCOPE_VIEW_GET_CLASS (self)->workspace_changed != NULL)
    MAPSCOPE_VIEW_GET_CLASS (self)->workspace_changed (self, old_workspace, workspace);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKSPACE]);
}

static void
snapshots_idle (gpointer data)
{
  MapscopeView *self = data;
  MapscopeViewPrivate *priv = mapscope_view_get_instance_private (self);

  priv->snapshots_idle = 0;
  ((void (*) (MapscopeView *)) priv->snapshots_update) (self);
}

static void
snapshots_changed (MapscopeView *self)
{
  MapscopeViewPrivate *priv = mapscope_view_get_instance_private (self);

  if (priv->snapshots_idle == 0)
    priv->snapshots_idle = g_idle_add_once (snapshots_idle, self);
}

void
mapscope_view_follow_snapshots (MapscopeView      *self,
                                MapscopeWorkspace *workspace,
                                GCallback          update)
{
  MapscopeViewPrivate *priv;

  g_return_if_fail (MAPSCOPE_IS_VIEW (self));
  g_return_if_fail (MAPSCOPE_IS_WORKSPACE (workspace));

  priv = mapscope_view_get_instance_private (self);
  priv->snapshots_update = update;
  /* With the view as data, so that replacing the workspace drops both. */
  g_signal_connect_object (workspace, "notify::current", G_CALLBACK (snapshots_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (mapscope_workspace_get_snapshots (workspace), "items-changed",
                           G_CALLBACK (snapshots_changed), self, G_CONNECT_SWAPPED);
}
