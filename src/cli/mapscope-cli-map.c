/* mapscope-cli-map.c: "mapscope-cli map", the memory map as a PNG or SVG
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mapscope-cli-map.h"

#include "mapscope-cli-common.h"
#include "mapscope-cli-output.h"
#include "mapscope-map-export.h"

#define MAP_DESCRIPTION \
  "Draw the memory map of the last snapshot in FILE into an image: each\n" \
  "region colored by category, its resident part solid over a lighter\n" \
  "unresident part, private dirty memory as a darker band, swap hatched.\n" \
  "Unmapped gaps are collapsed into narrow breaks unless --linear is given.\n" \
  "The image format follows the name of --output: .png or .svg.\n" \
  "\n" \
  "With --baseline OLD, or --diff for a FILE holding several snapshots (its\n" \
  "first one is the baseline), changes since the baseline are drawn over the\n" \
  "map: new regions outlined in green, removed ones as dashed red ghosts where\n" \
  "they were, regions whose RSS grew or shrank tagged with the change."

#define MAP_NOTES \
  "Exit status: 0 on success, 1 if FILE could not be read or the image\n" \
  "written, 2 on a usage error."

#define MAX_SIZE 16384

typedef struct
{
  const char *output;
  gint        width;
  gint        height;
  gdouble     zoom;
  guint64     center;
  gboolean    has_center;
  gboolean    linear;
  gboolean    dark;
  gboolean    diff;
  MapscopeDocument *baseline;
  int         status;
} MapOptions;

static gboolean
parse_address (const char *text,
               guint64    *address)
{
  if (g_str_has_prefix (text, "0x") || g_str_has_prefix (text, "0X"))
    text += 2;

  return g_ascii_string_to_unsigned (text, 16, 0, G_MAXUINT64, address, NULL);
}

/* Without --center, the middle of the whole axis. */
static guint64
default_center (MapscopeSnapshot *snapshot,
                const MapOptions *options)
{
  g_autoptr(MapscopeMapLayout) whole = NULL;
  guint64 address = 0;

  whole = mapscope_map_layout_new (snapshot, options->width, options->height, 1, 0,
                                   options->linear);
  mapscope_map_layout_point_to_address (whole, options->width / 2.0,
                                        mapscope_map_layout_get_n_rows (whole) / 2, &address);
  return address;
}

/* The snapshot changes are drawn against, or NULL for none; sets an error
 * status when FILE cannot have one. */
static MapscopeSnapshot *
find_baseline (MapscopeDocument *document,
               MapOptions       *options)
{
  if (options->baseline != NULL)
    {
      if (mapscope_document_get_n_snapshots (options->baseline) == 0)
        {
          g_printerr ("%s: no snapshot to compare with\n",
                      mapscope_document_get_source (options->baseline));
          options->status = MAPSCOPE_CLI_EXIT_INPUT_ERROR;
          return NULL;
        }
      return mapscope_document_get_snapshot (options->baseline, 0);
    }

  if (!options->diff)
    return NULL;
  if (mapscope_document_get_n_snapshots (document) < 2)
    {
      g_printerr ("%s: --diff needs a file with several snapshots; it holds one\n",
                  mapscope_document_get_source (document));
      options->status = MAPSCOPE_CLI_EXIT_INPUT_ERROR;
      return NULL;
    }
  return mapscope_document_get_snapshot (document, 0);
}

static void
keep_baseline (MapscopeDocument *document,
               gboolean          first,
               gpointer          user_data)
{
  MapOptions *options = user_data;

  mapscope_cli_report_warnings (document);
  g_set_object (&options->baseline, document);
}

static void
write_document (MapscopeDocument *document,
                gboolean          first,
                gpointer          user_data)
{
  MapOptions *options = user_data;
  guint n_snapshots = mapscope_document_get_n_snapshots (document);
  MapscopeSnapshot *snapshot, *baseline;
  g_autoptr(MapscopeMapLayout) layout = NULL;
  g_autoptr(MapscopeMapOverlay) overlay = NULL;
  g_autoptr(GError) error = NULL;
  guint64 center;

  mapscope_cli_report_warnings (document);
  if (n_snapshots == 0)
    {
      g_printerr ("%s: no snapshot to draw\n", mapscope_document_get_source (document));
      options->status = MAPSCOPE_CLI_EXIT_INPUT_ERROR;
      return;
    }

  snapshot = mapscope_document_get_snapshot (document, n_snapshots - 1);
  baseline = find_baseline (document, options);
  if (options->status != MAPSCOPE_CLI_EXIT_SUCCESS)
    return;
  if (baseline != NULL)
    {
      g_autoptr(MapscopeDiff) diff = mapscope_diff_new (baseline, snapshot);

      overlay = mapscope_map_overlay_new (diff);
    }
  center = options->has_center ? options->center : default_center (snapshot, options);
  layout = mapscope_map_layout_new (snapshot, options->width, options->height, options->zoom,
                                    center, options->linear);

  if (!mapscope_map_export (options->output, layout, NULL, overlay, options->dark, &error))
    {
      g_printerr ("mapscope-cli map: %s\n", error->message);
      options->status = MAPSCOPE_CLI_EXIT_INPUT_ERROR;
    }
}

int
mapscope_cli_map_run (int    argc,
                      char **argv)
{
  g_autoptr(GString) out = mapscope_cli_output_new ();
  MapOptions options = { NULL, 1920, 1080, 1, 0, FALSE, FALSE, FALSE, FALSE, NULL, 0 };
  g_autofree char *output = NULL;
  g_autofree char *baseline = NULL;
  g_autofree char *center = NULL;
  g_auto(GStrv) files = NULL;
  const GOptionEntry entries[] = {
    { "output", 'o', G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, &output,
      "Write the image to FILE (.png or .svg); required", "FILE" },
    { "width", 'W', G_OPTION_FLAG_NONE, G_OPTION_ARG_INT, &options.width,
      "Width of the image in pixels (default 1920)", "W" },
    { "height", 'H', G_OPTION_FLAG_NONE, G_OPTION_ARG_INT, &options.height,
      "Height of the image in pixels (default 1080)", "H" },
    { "zoom", 'z', G_OPTION_FLAG_NONE, G_OPTION_ARG_DOUBLE, &options.zoom,
      "Magnify by Z; 1, the default, shows the whole address space", "Z" },
    { "center", 'c', G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &center,
      "Show the hexadecimal ADDRESS in the middle", "ADDRESS" },
    { "linear", 'l', G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, &options.linear,
      "Draw unmapped gaps at their real size", NULL },
    { "dark", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, &options.dark,
      "Use the dark color scheme", NULL },
    { "baseline", 'b', G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, &baseline,
      "Draw what changed since the first snapshot in OLD", "OLD" },
    { "diff", 'd', G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, &options.diff,
      "Draw what changed since the first snapshot in FILE", NULL },
    MAPSCOPE_CLI_FILES_ENTRY (&files),
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  int status;

  context = mapscope_cli_option_context_new_full ("map", "FILE", MAP_DESCRIPTION, MAP_NOTES,
                                                  entries);
  if (!mapscope_cli_parse_options (context, "map", &argc, &argv, &files))
    return MAPSCOPE_CLI_EXIT_USAGE_ERROR;

  if (g_strv_length (files) != 1)
    return mapscope_cli_usage_error ("map", "give exactly one FILE");
  if (output == NULL)
    return mapscope_cli_usage_error ("map", "--output is required");
  if (!mapscope_map_export_is_supported (output))
    return mapscope_cli_usage_error ("map", "--output must end in .png or .svg");
  if (options.width < 1 || options.width > MAX_SIZE ||
      options.height < 1 || options.height > MAX_SIZE)
    return mapscope_cli_usage_error ("map", "--width and --height must be from 1 to %d",
                                     MAX_SIZE);
  if (!(options.zoom >= 1))
    return mapscope_cli_usage_error ("map", "--zoom must be 1 or more");
  if (center != NULL)
    {
      if (!parse_address (center, &options.center))
        return mapscope_cli_usage_error ("map", "“%s” is not a hexadecimal address", center);
      options.has_center = TRUE;
    }
  if (baseline != NULL && options.diff)
    return mapscope_cli_usage_error ("map", "give --baseline or --diff, not both");
  options.output = output;

  status = MAPSCOPE_CLI_EXIT_SUCCESS;
  if (baseline != NULL)
    {
      char *baseline_files[] = { baseline, NULL };

      status = mapscope_cli_for_each_document (baseline_files, out, keep_baseline, &options);
    }
  if (status == MAPSCOPE_CLI_EXIT_SUCCESS)
    status = mapscope_cli_for_each_document (files, out, write_document, &options);
  g_clear_object (&options.baseline);
  if (status == MAPSCOPE_CLI_EXIT_SUCCESS)
    status = options.status;

  if (!mapscope_cli_output_finish (out))
    status = MAPSCOPE_CLI_EXIT_INPUT_ERROR;

  /* Cairo caches the font faces it made for labels until told otherwise. */
  cairo_debug_reset_static_data ();

  return status;
}
