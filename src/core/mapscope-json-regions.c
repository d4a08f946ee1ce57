/* mapscope-json-regions.c: the `regions --json` object, written a region at
 * a time, for the CLI and the application's export alike
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mapscope-json-regions.h"

void
mapscope_json_region_writer_init (MapscopeJsonRegionWriter *writer,
                                  GString                  *out)
{
  writer->out = out;
  writer->warnings = g_string_new (NULL);
  writer->builder = json_builder_new ();
  writer->generator = json_generator_new ();
  writer->opened = FALSE;
  writer->n_regions = 0;
}

void
mapscope_json_region_writer_clear (MapscopeJsonRegionWriter *writer)
{
  g_string_free (writer->warnings, TRUE);
  g_clear_object (&writer->builder);
  g_clear_object (&writer->generator);
}

static void
append_node (GString       *out,
             JsonGenerator *generator,
             JsonNode      *node)
{
  json_generator_set_root (generator, node);
  json_generator_to_gstring (generator, out);
}

void
mapscope_json_region_writer_open (MapscopeJsonRegionWriter *writer)
{
  if (!writer->opened)
    g_string_append (writer->out, "{\"regions\":[");
  writer->opened = TRUE;
}

/* Adds @region, tagged with the "source" and "snapshot" index it came from. */
void
mapscope_json_region_writer_add_region (MapscopeJsonRegionWriter *writer,
                                        const char               *source,
                                        guint                     snapshot_index,
                                        MapscopeSnapshot         *snapshot,
                                        const MapscopeRegion     *region)
{
  g_autoptr(JsonNode) node = NULL;
  JsonObject *object;

  mapscope_json_region_writer_open (writer);
  json_builder_reset (writer->builder);
  mapscope_json_add_region (writer->builder, snapshot, region);
  node = json_builder_get_root (writer->builder);
  object = json_node_get_object (node);
  json_object_set_string_member (object, "source", source);
  json_object_set_int_member (object, "snapshot", snapshot_index);

  g_string_append (writer->out, writer->n_regions > 0 ? ",\n" : "\n");
  append_node (writer->out, writer->generator, node);
  writer->n_regions++;
}

void
mapscope_json_region_writer_add_warnings (MapscopeJsonRegionWriter *writer,
                                          MapscopeDocument         *document)
{
  guint n_warnings = mapscope_document_get_n_warnings (document);

  mapscope_json_region_writer_open (writer);
  for (guint i = 0; i < n_warnings; i++)
    {
      const MapscopeWarning *warning = mapscope_document_get_warning (document, i);
      g_autoptr(JsonNode) node = NULL;

      json_builder_reset (writer->builder);
      json_builder_begin_object (writer->builder);
      mapscope_json_set_string (writer->builder, "source",
                                mapscope_document_get_source (document));
      mapscope_json_set_uint (writer->builder, "line", warning->line);
      mapscope_json_set_string (writer->builder, "message", warning->message);
      json_builder_end_object (writer->builder);
      node = json_builder_get_root (writer->builder);

      if (writer->warnings->len > 0)
        g_string_append_c (writer->warnings, ',');
      append_node (writer->warnings, writer->generator, node);
    }
}

/* Ends the object; nothing at all is written if it was never opened. */
void
mapscope_json_region_writer_close (MapscopeJsonRegionWriter *writer)
{
  if (!writer->opened)
    return;

  g_string_append (writer->out, writer->n_regions > 0 ? "\n]," : "],");
  g_string_append_printf (writer->out, "\"warnings\":[%s]}\n", writer->warnings->str);
}
