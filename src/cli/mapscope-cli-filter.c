/* mapscope-cli-filter.c: which regions "regions" lists
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mapscope-cli-filter.h"

char *
mapscope_cli_filter_list_categories (void)
{
  g_autoptr(GString) list = g_string_new (NULL);

  for (guint c = 0; c < MAPSCOPE_N_CATEGORIES; c++)
    {
      if (c > 0)
        g_string_append (list, ", ");
      g_string_append (list, mapscope_category_get_name (c));
    }

  return g_string_free (g_steal_pointer (&list), FALSE);
}

/* @text is one --category value: a name, or several separated by commas. */
gboolean
mapscope_cli_filter_add_categories (MapscopeCliFilter  *filter,
                                    const char         *text,
                                    GError            **error)
{
  g_auto(GStrv) names = g_strsplit (text, ",", -1);
  gboolean any = FALSE;

  for (guint i = 0; names[i] != NULL; i++)
    {
      const char *name = g_strstrip (names[i]);
      MapscopeCategory category;

      if (*name == '\0')
        continue;

      if (!mapscope_category_from_name (name, &category))
        {
          g_autofree char *choices = mapscope_cli_filter_list_categories ();

          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       "unknown category “%s” (choose from %s)", name, choices);
          return FALSE;
        }

      filter->categories |= 1u << category;
      any = TRUE;
    }

  if (!any)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--category needs a category name");
      return FALSE;
    }

  return TRUE;
}

gboolean
mapscope_cli_filter_set_min_size (MapscopeCliFilter  *filter,
                                  const char         *text,
                                  GError            **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!mapscope_parse_size (text, &filter->min_size, &local_error))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--min-size: %s", local_error->message);
      return FALSE;
    }

  return TRUE;
}

gboolean
mapscope_cli_filter_matches (const MapscopeCliFilter *filter,
                             const MapscopeRegion    *region)
{
  if (filter->categories != 0 && (filter->categories & (1u << region->category)) == 0)
    return FALSE;

  return mapscope_region_get_size (region) >= filter->min_size;
}
