/* mapscope-cli-sort.c: the orders "regions --sort" knows
 *
 * Addresses, paths and categories sort ascending; amounts of memory sort
 * descending, biggest first. Ties keep address order, since the regions come
 * sorted by start and the sort is stable.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mapscope-cli-sort.h"

#include <string.h>

static const struct
{
  const char          *name;
  MapscopeCliSortKind  kind;
} named_keys[] = {
  { "start", MAPSCOPE_CLI_SORT_START },
  { "end", MAPSCOPE_CLI_SORT_END },
  { "size", MAPSCOPE_CLI_SORT_SIZE },
  { "path", MAPSCOPE_CLI_SORT_PATH },
  { "category", MAPSCOPE_CLI_SORT_CATEGORY },
};

/* A field's sort name is its JSON key without the "_kb" suffix:
 * "private_dirty_kb" sorts as "private_dirty". */
static char *
field_sort_name (MapscopeField field)
{
  const char *key = mapscope_field_get_json_key (field);

  if (g_str_has_suffix (key, "_kb"))
    return g_strndup (key, strlen (key) - strlen ("_kb"));

  return g_strdup (key);
}

static gboolean
is_named_key (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (named_keys); i++)
    if (g_str_equal (name, named_keys[i].name))
      return TRUE;

  return FALSE;
}

char *
mapscope_cli_sort_list_names (void)
{
  g_autoptr(GString) list = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (named_keys); i++)
    g_string_append_printf (list, "%s%s", i > 0 ? ", " : "", named_keys[i].name);

  for (guint f = 0; f < MAPSCOPE_N_KNOWN_FIELDS; f++)
    {
      g_autofree char *name = field_sort_name (f);

      /* "size" is already there, as the size from the addresses */
      if (!is_named_key (name))
        g_string_append_printf (list, ", %s", name);
    }

  return g_string_free (g_steal_pointer (&list), FALSE);
}

gboolean
mapscope_cli_sort_key_parse (const char          *name,
                             MapscopeCliSortKey  *key,
                             GError             **error)
{
  g_autofree char *choices = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (named_keys); i++)
    if (g_str_equal (name, named_keys[i].name))
      {
        key->kind = named_keys[i].kind;
        return TRUE;
      }

  for (guint f = 0; f < MAPSCOPE_N_KNOWN_FIELDS; f++)
    {
      g_autofree char *field_name = field_sort_name (f);

      if (g_str_equal (name, field_name))
        {
          key->kind = MAPSCOPE_CLI_SORT_FIELD;
          key->field = f;
          return TRUE;
        }
    }

  choices = mapscope_cli_sort_list_names ();
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               "unknown sort field “%s” (choose from %s)", name, choices);
  return FALSE;
}

typedef struct
{
  const MapscopeCliSortKey *key;
  MapscopeSnapshot         *snapshot;
} SortContext;

static int
compare_u64 (guint64 a,
             guint64 b)
{
  return (a > b) - (a < b);
}

static int
compare_regions (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  const MapscopeRegion *region_a = *(const MapscopeRegion * const *) a;
  const MapscopeRegion *region_b = *(const MapscopeRegion * const *) b;
  const SortContext *context = user_data;

  switch (context->key->kind)
    {
    case MAPSCOPE_CLI_SORT_START:
      return compare_u64 (region_a->start, region_b->start);

    case MAPSCOPE_CLI_SORT_END:
      return compare_u64 (region_a->end, region_b->end);

    case MAPSCOPE_CLI_SORT_SIZE:
      return compare_u64 (mapscope_region_get_size (region_b),
                          mapscope_region_get_size (region_a));

    case MAPSCOPE_CLI_SORT_PATH:
      return g_strcmp0 (region_a->path, region_b->path);

    case MAPSCOPE_CLI_SORT_CATEGORY:
      return g_strcmp0 (mapscope_category_get_name (region_a->category),
                        mapscope_category_get_name (region_b->category));

    case MAPSCOPE_CLI_SORT_FIELD:
      return compare_u64 (mapscope_snapshot_get_value_or_zero (context->snapshot, region_b,
                                                               context->key->field),
                          mapscope_snapshot_get_value_or_zero (context->snapshot, region_a,
                                                               context->key->field));

    default:
      g_assert_not_reached ();
    }
}

/* @regions holds const MapscopeRegion pointers of @snapshot, in address
 * order; it is sorted in place. */
void
mapscope_cli_sort_regions (const MapscopeCliSortKey *key,
                           MapscopeSnapshot         *snapshot,
                           GPtrArray                *regions)
{
  SortContext context = { key, snapshot };

  if (key->kind == MAPSCOPE_CLI_SORT_START)
    return;

  g_ptr_array_sort_with_data (regions, compare_regions, &context);
}
