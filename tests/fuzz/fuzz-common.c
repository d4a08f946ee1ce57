/* fuzz-common.c: invariants every parsed document must hold
 *
 * A fuzzer only finds what makes the program fail, so besides the
 * sanitizers this checks what the rest of Mapscope relies on: regions in
 * address order with end >= start, every string valid UTF-8 (they reach
 * Pango and JSON), warnings within the input's lines, summaries that count
 * every region, and JSON that json-glib can read back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include <stdlib.h>
#include <string.h>

#include "fuzz-common.h"

#define FUZZ_SOURCE "fuzz-input"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  /* GLib 2.74's slice allocator hides allocations from ASan. */
  g_setenv ("G_SLICE", "always-malloc", TRUE);
  g_setenv ("G_DEBUG", "gc-friendly", TRUE);
  return 0;
}

/* Names the string that is wrong, for the crash report. */
#define assert_utf8(text) assert_utf8_named ((text), #text)

static void
assert_utf8_named (const char *text,
                   const char *what)
{
  /* abort(), not g_error(): that may raise SIGTRAP, which libFuzzer
   * does not take for a crash, so it would keep no input. */
  if (text != NULL && !g_utf8_validate (text, -1, NULL))
    {
      g_printerr ("%s is not valid UTF-8\n", what);
      abort ();
    }
}

void
fuzz_check_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gsize length;

  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, &length);
  g_assert_nonnull (text);
  g_assert_true (g_utf8_validate (text, length, NULL));

  json_parser_load_from_data (parser, text, length, &error);
  g_assert_no_error (error);
}

static void
check_snapshot (MapscopeSnapshot *snapshot)
{
  g_autoptr(MapscopeSummary) summary = mapscope_summary_new (snapshot);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) regions_node = NULL;
  const MapscopeRegion *regions;
  guint n_regions;
  guint n_fields = mapscope_snapshot_get_n_fields (snapshot);
  guint n_in_categories = 0;

  assert_utf8 (mapscope_snapshot_get_command (snapshot));
  assert_utf8 (mapscope_snapshot_get_executable (snapshot));
  assert_utf8 (mapscope_format_get_name (mapscope_snapshot_get_format (snapshot)));
  for (guint field = 0; field < n_fields; field++)
    {
      const char *name = mapscope_snapshot_get_field_name (snapshot, field);

      g_assert_nonnull (name);
      assert_utf8 (name);
    }

  regions = mapscope_snapshot_get_regions (snapshot, &n_regions);
  json_builder_begin_array (builder);
  for (guint i = 0; i < n_regions; i++)
    {
      const MapscopeRegion *region = &regions[i];
      char perms[5];

      g_assert_cmpuint (region->end, >=, region->start);
      if (i > 0)
        g_assert_cmpuint (region->start, >=, regions[i - 1].start);
      g_assert_cmpuint (region->category, <, MAPSCOPE_N_CATEGORIES);
      assert_utf8 (region->path);
      assert_utf8 (region->vmflags_text);
      g_assert_true (mapscope_snapshot_get_region (snapshot, i) == region);
      g_assert_cmpuint (mapscope_snapshot_get_region_index (snapshot, region), ==, i);
      if (region->end > region->start)
        {
          const MapscopeRegion *found = mapscope_snapshot_find_region (snapshot, region->start);

          /* Overlapping regions may make the search land on a neighbour,
           * but whatever it finds must hold the address. */
          if (found != NULL)
            g_assert_true (found->start <= region->start && region->start < found->end);
        }

      mapscope_region_format_perms (region, perms);
      g_assert_cmpuint (strlen (perms), ==, 4);
      for (guint field = 0; field < n_fields; field++)
        (void)mapscope_snapshot_get_value_or_zero (snapshot, region, field);

      mapscope_json_add_region (builder, snapshot, region);
    }
  json_builder_end_array (builder);
  regions_node = json_builder_get_root (builder);
  fuzz_check_json (regions_node);

  g_assert_cmpuint (mapscope_summary_get_n_fields (summary), ==, n_fields);
  for (guint c = 0; c < MAPSCOPE_N_CATEGORIES; c++)
    n_in_categories += mapscope_summary_get_category (summary, c)->region_count;
  if (mapscope_snapshot_get_rollup (snapshot) == NULL)
    {
      g_assert_cmpuint (mapscope_summary_get_totals (summary)->region_count, ==, n_regions);
      g_assert_cmpuint (n_in_categories, ==, n_regions);
    }
}

void
fuzz_check_document (MapscopeDocument *document)
{
  g_autoptr(JsonNode) node = NULL;
  guint n_snapshots = mapscope_document_get_n_snapshots (document);
  guint64 n_lines = mapscope_document_get_n_lines (document);

  g_assert_cmpuint (n_snapshots, >, 0);
  g_assert_cmpint (mapscope_document_get_format (document), !=, MAPSCOPE_FORMAT_UNKNOWN);

  for (guint i = 0; i < mapscope_document_get_n_warnings (document); i++)
    {
      const MapscopeWarning *warning = mapscope_document_get_warning (document, i);

      g_assert_nonnull (warning->message);
      assert_utf8 (warning->message);
      g_assert_cmpuint (warning->line, <=, n_lines);
    }

  for (guint i = 0; i < n_snapshots; i++)
    check_snapshot (mapscope_document_get_snapshot (document, i));

  node = mapscope_json_summary_document (document);
  fuzz_check_json (node);
}

void
fuzz_check_error (const GError *error,
                  const char   *source)
{
  g_assert_nonnull (error);
  /* Input that starts like JSON is read as a saved session. */
  if (error->domain == MAPSCOPE_SESSION_ERROR)
    g_assert_true (error->code == MAPSCOPE_SESSION_ERROR_DAMAGED ||
                   error->code == MAPSCOPE_SESSION_ERROR_NOT_SESSION ||
                   error->code == MAPSCOPE_SESSION_ERROR_NEWER_VERSION);
  else
    g_assert_true (error->domain == MAPSCOPE_PARSE_ERROR &&
                   (error->code == MAPSCOPE_PARSE_ERROR_EMPTY ||
                    error->code == MAPSCOPE_PARSE_ERROR_FAILED ||
                    error->code == MAPSCOPE_PARSE_ERROR_UNKNOWN_FORMAT ||
                    error->code == MAPSCOPE_PARSE_ERROR_READ));
  assert_utf8 (error->message);
  /* The CLI prints it as it is: it must name the input first. */
  g_assert_true (g_str_has_prefix (error->message, source));
}

void
fuzz_load_and_check (const char    *prefix,
                     const uint8_t *data,
                     size_t         size)
{
  g_autoptr(MapscopeDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *input = NULL;
  gsize prefix_len = prefix != NULL ? strlen (prefix) : 0;

  /* A copy of exactly the input's size, so that ASan sees any read past
   * its end. */
  input = g_malloc (MAX (prefix_len + size, 1));
  if (prefix_len > 0)
    memcpy (input, prefix, prefix_len);
  if (size > 0)
    memcpy (input + prefix_len, data, size);

  document = mapscope_document_load_data (input, prefix_len + size, FUZZ_SOURCE, &error);
  if (document == NULL)
    fuzz_check_error (error, FUZZ_SOURCE);
  else
    fuzz_check_document (document);
}
