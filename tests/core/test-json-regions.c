/* test-json-regions.c: the `regions --json` writer against json-glib
 *
 * MapscopeJsonRegionWriter writes the JSON text itself. For every file in
 * tests/data, its output must parse to the tree json-glib builds with
 * mapscope_json_add_region(), members in the same order, so that the two
 * cannot drift apart.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "mapscope-json-regions.h"
#include "mapscope-test-util.h"

/* The object the writer used to build with json-glib, region by region. */
static JsonNode *
reference_tree (MapscopeDocument *document)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const char *source = mapscope_document_get_source (document);
  JsonArray *regions = json_array_new ();
  JsonArray *warnings = json_array_new ();
  JsonObject *root = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  for (guint s = 0; s < mapscope_document_get_n_snapshots (document); s++)
    {
      MapscopeSnapshot *snapshot = mapscope_document_get_snapshot (document, s);

      for (guint r = 0; r < mapscope_snapshot_get_n_regions (snapshot); r++)
        {
          JsonNode *region;
          JsonObject *object;

          json_builder_reset (builder);
          mapscope_json_add_region (builder, snapshot, mapscope_snapshot_get_region (snapshot, r));
          region = json_builder_get_root (builder);
          object = json_node_get_object (region);
          json_object_set_string_member (object, "source", source);
          json_object_set_int_member (object, "snapshot", s);
          json_array_add_element (regions, region);
        }
    }

  for (guint i = 0; i < mapscope_document_get_n_warnings (document); i++)
    {
      const MapscopeWarning *warning = mapscope_document_get_warning (document, i);

      json_builder_reset (builder);
      json_builder_begin_object (builder);
      mapscope_json_set_string (builder, "source", source);
      mapscope_json_set_uint (builder, "line", warning->line);
      mapscope_json_set_string (builder, "message", warning->message);
      json_builder_end_object (builder);
      json_array_add_element (warnings, json_builder_get_root (builder));
    }

  json_object_set_array_member (root, "regions", regions);
  json_object_set_array_member (root, "warnings", warnings);
  json_node_take_object (node, root);
  return node;
}

static char *
write_document (MapscopeDocument *document)
{
  GString *out = g_string_new (NULL);
  MapscopeJsonRegionWriter writer;
  const char *source = mapscope_document_get_source (document);

  mapscope_json_region_writer_init (&writer, out);
  mapscope_json_region_writer_add_warnings (&writer, document);
  for (guint s = 0; s < mapscope_document_get_n_snapshots (document); s++)
    {
      MapscopeSnapshot *snapshot = mapscope_document_get_snapshot (document, s);

      for (guint r = 0; r < mapscope_snapshot_get_n_regions (snapshot); r++)
        mapscope_json_region_writer_add_region (&writer, source, s, snapshot,
                                                mapscope_snapshot_get_region (snapshot, r));
    }
  mapscope_json_region_writer_close (&writer);
  mapscope_json_region_writer_clear (&writer);
  return g_string_free (out, FALSE);
}

static JsonNode *
parse (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

/* json_node_equal() does not look at the order of an object's members:
 * both trees printed by the same generator do. */
static char *
print_tree (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

static void
collect_files (const char *directory,
               GPtrArray  *files)
{
  g_autoptr(GDir) dir = g_dir_open (directory, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (directory, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        collect_files (path, files);
      else if (!g_str_has_suffix (name, ".md"))
        g_ptr_array_add (files, g_steal_pointer (&path));
    }
}

static void
test_every_file (void)
{
  g_autofree char *data = g_test_build_filename (G_TEST_DIST, "data", NULL);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  guint n_regions = 0;

  collect_files (data, files);
  g_assert_cmpuint (files->len, >=, 40);
  for (guint i = 0; i < files->len; i++)
    {
      const char *path = g_ptr_array_index (files, i);
      g_autoptr(MapscopeDocument) document = mapscope_test_load_path (path);
      g_autofree char *text = write_document (document);
      g_autoptr(JsonNode) written = parse (text);
      g_autoptr(JsonNode) expected = reference_tree (document);
      g_autofree char *written_text = print_tree (written);
      g_autofree char *expected_text = print_tree (expected);

      g_test_message ("%s", path);
      g_assert_true (json_node_equal (written, expected));
      g_assert_cmpstr (written_text, ==, expected_text);
      n_regions += json_array_get_length (json_object_get_array_member (json_node_get_object (written),
                                                                        "regions"));
    }
  g_assert_cmpuint (n_regions, >, 1000);
}

/* Paths with quotes, backslashes, control characters and UTF-8 read back as
 * the strings the model holds; bytes that are not UTF-8 are shown escaped by
 * the parser already. */
static void
test_escapes (void)
{
  g_autofree char *path = mapscope_test_crafted_path ("escapes.smaps");
  g_autoptr(MapscopeDocument) document = mapscope_test_load_path (path);
  MapscopeSnapshot *snapshot = mapscope_test_only_snapshot (document);
  g_autofree char *text = write_document (document);
  g_autoptr(JsonNode) root = parse (text);
  JsonArray *regions = json_object_get_array_member (json_node_get_object (root), "regions");
  static const char *const expected[] = {
    "/opt/app/lib \"quoted\" name.so",
    "/opt/app/back\\slash\\lib.so",
    "/opt/app/tab\there.so",
    "/opt/app/ctl\x01\x02\x08\x0b\x0c\x0d\x1b\x1e\x1f\x7f" "end",
    "/opt/app/caf\xc3\xa9/\xe2\x82\xac/\xf0\x9f\x98\x80.so",
    "/opt/app/bad\\xc3(\\xff\\xfe\\x80utf8.so",
    "/opt/app/slash/and/\xc2\x80\xe2\x80\xa8{}[],:.so (deleted)",
  };
  JsonObject *last;

  g_assert_cmpuint (json_array_get_length (regions), ==, G_N_ELEMENTS (expected) + 1);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      JsonObject *object = json_array_get_object_element (regions, i);
      const MapscopeRegion *region = mapscope_snapshot_get_region (snapshot, i);

      g_assert_cmpstr (region->path, ==, expected[i]);
      g_assert_cmpstr (json_object_get_string_member (object, "path"), ==, expected[i]);
      g_assert_cmpstr (json_object_get_string_member (object, "source"), ==, path);
    }
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (regions, 6),
                                                 "deleted"));

  /* fields "Path" and "Source" are members "path" and "source": where the
   * first was set, with the last value, as a JsonObject keeps them */
  last = json_array_get_object_element (regions, G_N_ELEMENTS (expected));
  g_assert_cmpint (json_object_get_int_member (last, "path"), ==, 7);
  g_assert_cmpstr (json_object_get_string_member (last, "source"), ==, path);
  g_assert_cmpint (json_object_get_int_member (last, "snapshot_kb"), ==, 6);
  g_assert_cmpint (json_object_get_int_member (last, "snapshot"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/json-regions/every-file", test_every_file);
  g_test_add_func ("/json-regions/escapes", test_escapes);
  return g_test_run ();
}
