/* mapscope-cli-regions.c: "mapscope-cli regions", the regions one by one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mapscope-cli-regions.h"

#include "mapscope-cli-common.h"
#include "mapscope-json-regions.h"
#include "mapscope-cli-filter.h"
#include "mapscope-cli-format.h"
#include "mapscope-cli-output.h"
#include "mapscope-cli-sort.h"
#include "mapscope-cli-table.h"

#define REGIONS_DESCRIPTION \
  "List the regions of each snapshot in each FILE, with their addresses,\n" \
  "permissions, sizes, category and path. A FILE of “-” reads standard input."

#define REGIONS_NOTES \
  "%s\n" \
  "\n" \
  "SIZE is a number of bytes with an optional unit: 4096, 64K, 1.5M, 2G, 1MiB.\n" \
  "\n" \
  "%s\n" \
  "start, end, path and category sort ascending; the others are amounts of\n" \
  "memory and sort descending, biggest first. Ties stay in address order.\n" \
  "\n" \
  "With --json, print one JSON object {\"regions\": […], \"warnings\": […]}\n" \
  "holding the selected regions of every FILE, each tagged with its \"source\"\n" \
  "and \"snapshot\" index, and the parser's warnings about every FILE, which\n" \
  "are then not printed on standard error.\n" \
  "\n" \
  "Exit status: 0 on success, 1 if a FILE could not be read or parsed (the\n" \
  "others are still listed), 2 on a usage error."

#define HELP_WIDTH 78

typedef struct
{
  gboolean           json;
  MapscopeCliFilter  filter;
  MapscopeCliSortKey sort;
  MapscopeJsonRegionWriter stream;
} Listing;

static const MapscopeField region_fields[] = {
  MAPSCOPE_FIELD_SIZE,
  MAPSCOPE_FIELD_RSS,
  MAPSCOPE_FIELD_PSS,
  MAPSCOPE_FIELD_PRIVATE_DIRTY,
  MAPSCOPE_FIELD_SWAP,
};

static GPtrArray *
select_regions (MapscopeSnapshot *snapshot,
                const Listing    *listing)
{
  guint n_regions = 0;
  const MapscopeRegion *regions = mapscope_snapshot_get_regions (snapshot, &n_regions);
  GPtrArray *selected = g_ptr_array_sized_new (n_regions);

  for (guint i = 0; i < n_regions; i++)
    if (mapscope_cli_filter_matches (&listing->filter, &regions[i]))
      g_ptr_array_add (selected, (gpointer) &regions[i]);

  mapscope_cli_sort_regions (&listing->sort, snapshot, selected);

  return selected;
}

static void
append_snapshot_table (GString          *out,
                       MapscopeSnapshot *snapshot,
                       GPtrArray        *regions)
{
  g_autoptr(MapscopeCliTable) table = mapscope_cli_table_new ();
  MapscopeField fields[G_N_ELEMENTS (region_fields)];
  guint n_fields;

  n_fields = mapscope_cli_choose_columns (snapshot, region_fields,
                                          G_N_ELEMENTS (region_fields), fields);

  mapscope_cli_table_add_column (table, "START", MAPSCOPE_CLI_ALIGN_RIGHT);
  mapscope_cli_table_add_column (table, "END", MAPSCOPE_CLI_ALIGN_RIGHT);
  mapscope_cli_table_add_column (table, "PERMS", MAPSCOPE_CLI_ALIGN_LEFT);
  for (guint i = 0; i < n_fields; i++)
    mapscope_cli_table_add_column (table, mapscope_cli_field_title (fields[i]),
                                   MAPSCOPE_CLI_ALIGN_RIGHT);
  mapscope_cli_table_add_column (table, "CATEGORY", MAPSCOPE_CLI_ALIGN_LEFT);
  mapscope_cli_table_add_column (table, "PATH", MAPSCOPE_CLI_ALIGN_LEFT);

  for (guint r = 0; r < regions->len; r++)
    {
      const MapscopeRegion *region = g_ptr_array_index (regions, r);
      char perms[5];

      mapscope_region_format_perms (region, perms);
      mapscope_cli_table_add_cellf (table, "%012" G_GINT64_MODIFIER "x", region->start);
      mapscope_cli_table_add_cellf (table, "%012" G_GINT64_MODIFIER "x", region->end);
      mapscope_cli_table_add_cell (table, perms);
      for (guint i = 0; i < n_fields; i++)
        mapscope_cli_table_add_cell (table,
                                     mapscope_cli_format_region_value (snapshot, region,
                                                                       fields[i]));
      mapscope_cli_table_add_cell (table, mapscope_category_get_name (region->category));
      mapscope_cli_table_add_cell (table, region->path);
    }

  mapscope_cli_table_write (table, out);
}

static void
write_document (MapscopeDocument *document,
                gboolean          first,
                gpointer          user_data)
{
  Listing *listing = user_data;
  MapscopeJsonRegionWriter *stream = &listing->stream;
  const char *source = mapscope_document_get_source (document);
  guint n_snapshots = mapscope_document_get_n_snapshots (document);

  if (listing->json)
    {
      mapscope_json_region_writer_add_warnings (stream, document);
    }
  else
    {
      mapscope_cli_report_warnings (document);
    }

  for (guint s = 0; s < n_snapshots; s++)
    {
      MapscopeSnapshot *snapshot = mapscope_document_get_snapshot (document, s);
      g_autoptr(GPtrArray) regions = select_regions (snapshot, listing);

      if (listing->json)
        {
          for (guint r = 0; r < regions->len; r++)
            {
              mapscope_json_region_writer_add_region (stream, source, s, snapshot,
                                                      g_ptr_array_index (regions, r));
              mapscope_cli_output_maybe_flush (stream->out);
            }
        }
      else
        {
          mapscope_cli_append_snapshot_header (stream->out, document, s, first && s == 0);
          append_snapshot_table (stream->out, snapshot, regions);
        }
    }
}

/* The help's closing text, with the lists of categories and sort fields. */
static char *
build_notes (void)
{
  g_autofree char *category_names = mapscope_cli_filter_list_categories ();
  g_autofree char *sort_names = mapscope_cli_sort_list_names ();
  g_autofree char *categories = g_strdup_printf ("CATEGORY is one of: %s.", category_names);
  g_autofree char *fields = g_strdup_printf ("FIELD is one of: %s.", sort_names);
  g_autofree char *categories_wrapped = mapscope_cli_wrap_text (categories, HELP_WIDTH);
  g_autofree char *fields_wrapped = mapscope_cli_wrap_text (fields, HELP_WIDTH);

  return g_strdup_printf (REGIONS_NOTES, categories_wrapped, fields_wrapped);
}

/* Checks the option values GOptionContext took as plain strings. */
static gboolean
parse_option_values (Listing         *listing,
                     char           **categories,
                     const char      *min_size,
                     const char      *sort,
                     GError         **error)
{
  for (guint i = 0; categories != NULL && categories[i] != NULL; i++)
    if (!mapscope_cli_filter_add_categories (&listing->filter, categories[i], error))
      return FALSE;

  if (min_size != NULL && !mapscope_cli_filter_set_min_size (&listing->filter, min_size, error))
    return FALSE;

  return mapscope_cli_sort_key_parse (sort != NULL ? sort : "start", &listing->sort, error);
}

int
mapscope_cli_regions_run (int    argc,
                          char **argv)
{
  g_autoptr(GString) out = mapscope_cli_output_new ();
  Listing listing = { 0, };
  g_auto(GStrv) categories = NULL;
  g_autofree char *min_size = NULL;
  g_autofree char *sort = NULL;
  g_auto(GStrv) files = NULL;
  gint pid = 0;
  const GOptionEntry entries[] = {
    { "json", 'j', G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, &listing.json,
      "Print one JSON object with the regions of every FILE", NULL },
    { "category", 'c', G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING_ARRAY, &categories,
      "Only regions of this category (repeat it or separate with commas)", "CATEGORY" },
    { "min-size", 'm', G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &min_size,
      "Only regions at least this big (end - start)", "SIZE" },
    { "sort", 's', G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &sort,
      "Sort by this field (default: start)", "FIELD" },
    MAPSCOPE_CLI_PID_ENTRY (&pid),
    MAPSCOPE_CLI_FILES_ENTRY (&files),
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autofree char *notes = build_notes ();
  g_autoptr(GError) error = NULL;
  int status;

  context = mapscope_cli_option_context_new ("regions", REGIONS_DESCRIPTION, notes, entries);
  if (!mapscope_cli_parse_input_options (context, "regions", &argc, &argv, &files, &pid))
    return MAPSCOPE_CLI_EXIT_USAGE_ERROR;

  if (!parse_option_values (&listing, categories, min_size, sort, &error))
    return mapscope_cli_usage_error ("regions", "%s", error->message);

  mapscope_json_region_writer_init (&listing.stream, out);
  status = mapscope_cli_for_each_input (files, pid, out, write_document, &listing);

  mapscope_json_region_writer_close (&listing.stream);
  mapscope_json_region_writer_clear (&listing.stream);
  if (!mapscope_cli_output_finish (out))
    status = MAPSCOPE_CLI_EXIT_INPUT_ERROR;

  return status;
}
