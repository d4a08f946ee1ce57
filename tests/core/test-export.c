/* test-export.c: regions as CSV and JSON, summary/findings/diff JSON, the
 * HTML report and its anonymisation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <cairo.h>
#include <json-glib/json-glib.h>

#include "mapscope-anonymizer.h"
#include "mapscope-export.h"
#include "mapscope-report.h"
#include "mapscope-snapshot-private.h"
#include "mapscope-test-util.h"

#define HOST "alices-laptop"
/* smaps escapes a newline in a path as \012, and the parser keeps it so */
#define TRICKY_PATH "/data/a,b \"quoted\"\\012next line.so"
#define NEWLINE_PATH "/data/two\nlines, \"one\" file"
#define PLANTED_PATH "/home/alice/build/lib" HOST ".so"
#define HOSTILE_PATH "/opt/</td><script>alert(1)</script>&x.so"

/* One smaps region; @path may be NULL for anonymous memory. */
static void
append_region (GString    *text,
               guint64     start,
               guint64     kb,
               const char *perms,
               const char *path)
{
  g_string_append_printf (text, "%012" G_GINT64_MODIFIER "x-%012" G_GINT64_MODIFIER "x %s "
                          "00000000 00:00 %d", start, start + kb * 1024, perms,
                          path != NULL ? 1234 : 0);
  if (path != NULL)
    g_string_append_printf (text, "                    %s", path);
  g_string_append_printf (text, "\nSize: %" G_GUINT64_FORMAT " kB\nRss: %" G_GUINT64_FORMAT
                          " kB\nPss: %" G_GUINT64_FORMAT " kB\nPrivate_Dirty: %" G_GUINT64_FORMAT
                          " kB\nSwap: 0 kB\n", kb, kb, kb, path != NULL ? 0 : kb);
}

/* A process with a huge anonymous region (an "anon-large" finding), files
 * with awkward names and a path that names its user and host. */
static MapscopeDocument *
load_crafted (guint64 anon_kb)
{
  g_autoptr(GString) text = g_string_new ("=== mapscope snapshot pid=4321 time=2026-11-25T14:06:17Z "
                                          "command=" HOST "-tool ===\n");

  append_region (text, 0x555500000000, 64, "r-xp", "/usr/bin/tool");
  append_region (text, 0x7f0000000000, anon_kb, "rw-p", NULL);
  append_region (text, 0x7f1000000000, 128, "r--p", TRICKY_PATH);
  append_region (text, 0x7f2000000000, 256, "r-xp", PLANTED_PATH);
  append_region (text, 0x7f3000000000, 32, "r--p", HOSTILE_PATH);

  return mapscope_test_load_text (text->str);
}

/* Splits RFC 4180 text into rows of fields. */
static GPtrArray *
parse_csv (const char *text)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GPtrArray *row = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) field = g_string_new (NULL);
  gboolean quoted = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (quoted)
        {
          if (*p == '"' && p[1] == '"')
            g_string_append_c (field, *p++);
          else if (*p == '"')
            quoted = FALSE;
          else
            g_string_append_c (field, *p);
        }
      else if (*p == '"')
        quoted = TRUE;
      else if (*p == ',')
        g_ptr_array_add (row, g_strdup (field->str)), g_string_truncate (field, 0);
      else if (*p == '\r' && p[1] == '\n')
        {
          p++;
          g_ptr_array_add (row, g_strdup (field->str));
          g_string_truncate (field, 0);
          g_ptr_array_add (rows, row);
          row = g_ptr_array_new_with_free_func (g_free);
        }
      else
        g_string_append_c (field, *p);
    }
  g_assert_false (quoted);
  g_assert_cmpuint (row->len, ==, 0);
  g_assert_cmpuint (field->len, ==, 0);
  g_ptr_array_unref (row);

  return rows;
}

static const char *
cell (GPtrArray *rows,
      guint      row,
      guint      column)
{
  return g_ptr_array_index ((GPtrArray *) g_ptr_array_index (rows, row), column);
}

static void
test_csv (void)
{
  g_autoptr(MapscopeDocument) document = load_crafted (300 * 1024);
  MapscopeSnapshot *snapshot = mapscope_test_only_snapshot (document);
  g_autoptr(MapscopeRegionFilter) filter = mapscope_region_filter_new ();
  g_autofree char *all = mapscope_export_regions_csv (snapshot, NULL);
  g_autofree char *files = NULL;
  g_autoptr(GPtrArray) rows = parse_csv (all);
  g_autoptr(GPtrArray) file_rows = NULL;
  guint path_column = ((GPtrArray *) g_ptr_array_index (rows, 0))->len - 1;

  g_assert_cmpuint (rows->len, ==, 1 + mapscope_snapshot_get_n_regions (snapshot));
  g_assert_cmpstr (cell (rows, 0, 0), ==, "start");
  g_assert_cmpstr (cell (rows, 0, path_column), ==, "path");
  for (guint i = 0; i < rows->len; i++)
    g_assert_cmpuint (((GPtrArray *) g_ptr_array_index (rows, i))->len, ==, path_column + 1);
  g_assert_cmpstr (cell (rows, 2, path_column), ==, "");
  g_assert_cmpstr (cell (rows, 3, 0), ==, "0x7f1000000000");
  g_assert_cmpstr (cell (rows, 3, path_column), ==, TRICKY_PATH);
  g_assert_cmpstr (cell (rows, 4, path_column), ==, PLANTED_PATH);
  g_assert_cmpstr (cell (rows, 2, 4), ==, "307200");   /* size_kb */

  /* The filtered view: the anonymous region hidden */
  mapscope_region_filter_set_category_shown (filter, MAPSCOPE_CATEGORY_ANONYMOUS, FALSE);
  files = mapscope_export_regions_csv (snapshot, filter);
  file_rows = parse_csv (files);
  g_assert_cmpuint (file_rows->len, ==, rows->len - 1);
  g_assert_cmpstr (cell (file_rows, 2, path_column), ==, TRICKY_PATH);
}

/* A path with a real line break can only come from code, not from smaps. */
static void
test_csv_newline (void)
{
  g_autoptr(MapscopeSnapshot) snapshot = _mapscope_snapshot_new ("built", MAPSCOPE_FORMAT_MAPS);
  MapscopeRegion *region = _mapscope_snapshot_append_region (snapshot);
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) rows = NULL;

  region->start = 0x1000;
  region->end = 0x3000;
  region->path = _mapscope_snapshot_intern (snapshot, NEWLINE_PATH);
  _mapscope_snapshot_finish (snapshot);

  text = mapscope_export_regions_csv (snapshot, NULL);
  g_assert_nonnull (strstr (text, ",\"/data/two\nlines, \"\"one\"\" file\"\r\n"));
  rows = parse_csv (text);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpstr (cell (rows, 1, 4), ==, "8");
  g_assert_cmpstr (cell (rows, 1, ((GPtrArray *) g_ptr_array_index (rows, 1))->len - 1), ==,
                   NEWLINE_PATH);
}

static JsonObject *
parse_object (JsonParser *parser,
              const char *text)
{
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));

  return json_node_get_object (json_parser_get_root (parser));
}

static void
test_regions_json (void)
{
  g_autoptr(MapscopeDocument) document = load_crafted (300 * 1024);
  MapscopeSnapshot *snapshot = mapscope_test_only_snapshot (document);
  g_autoptr(MapscopeRegionFilter) filter = mapscope_region_filter_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *text = NULL;
  JsonObject *root;
  JsonArray *regions;
  JsonObject *tricky;

  mapscope_region_filter_set_category_shown (filter, MAPSCOPE_CATEGORY_ANONYMOUS, FALSE);
  text = mapscope_export_regions_json (snapshot, 0, filter);
  root = parse_object (parser, text);
  regions = json_object_get_array_member (root, "regions");
  g_assert_cmpuint (json_array_get_length (regions), ==,
                    mapscope_snapshot_get_n_regions (snapshot) - 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "warnings")), ==, 0);
  tricky = json_array_get_object_element (regions, 1);
  g_assert_cmpstr (json_object_get_string_member (tricky, "start"), ==, "0x7f1000000000");
  g_assert_cmpstr (json_object_get_string_member (tricky, "path"), ==, TRICKY_PATH);
  g_assert_cmpint (json_object_get_int_member (tricky, "rss_kb"), ==, 128);
  g_assert_cmpint (json_object_get_int_member (tricky, "snapshot"), ==, 0);
  g_assert_true (json_object_has_member (tricky, "source"));
}

/* The snapshot's summary has the shape of its file's `summary --json`. */
static void
test_summary_json (void)
{
  g_autoptr(MapscopeDocument) document = load_crafted (300 * 1024);
  g_autoptr(JsonNode) node = mapscope_json_summary_document (document);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *expected = NULL;
  g_autofree char *text = mapscope_export_summary_json (mapscope_test_only_snapshot (document));
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root = parse_object (parser, text);
  JsonObject *first;

  json_generator_set_root (generator, node);
  expected = json_generator_to_data (generator, NULL);
  g_assert_cmpstr (text, ==, expected);

  first = json_array_get_object_element (json_object_get_array_member (root, "snapshots"), 0);
  g_assert_cmpint (json_object_get_int_member (first, "region_count"), ==, 5);
  g_assert_cmpint (json_object_get_int_member (first, "pid"), ==, 4321);
}

static void
test_findings_and_diff_json (void)
{
  g_autoptr(MapscopeDocument) before = load_crafted (1024);
  g_autoptr(MapscopeDocument) after = load_crafted (300 * 1024);
  MapscopeSnapshot *snapshot = mapscope_test_only_snapshot (after);
  MapscopeFindingsSettings settings;
  g_autoptr(MapscopeFindings) findings = NULL;
  g_autoptr(MapscopeDiff) diff = mapscope_diff_new (mapscope_test_only_snapshot (before), snapshot);
  g_autofree char *findings_text = NULL;
  g_autofree char *diff_text = mapscope_export_diff_json (diff);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;
  JsonArray *list;
  gboolean found = FALSE;

  mapscope_findings_settings_init (&settings);
  findings = mapscope_findings_new (snapshot, &settings);
  findings_text = mapscope_export_findings_json (findings);
  root = parse_object (parser, findings_text);
  list = json_object_get_array_member (root, "findings");
  g_assert_cmpuint (json_array_get_length (list), ==, mapscope_findings_get_n_findings (findings));
  for (guint i = 0; i < json_array_get_length (list); i++)
    found |= g_str_equal (json_object_get_string_member (json_array_get_object_element (list, i),
                                                         "id"), "anon-large");
  g_assert_true (found);
  g_assert_true (json_object_has_member (root, "severity"));

  root = parse_object (parser, diff_text);
  g_assert_true (json_object_has_member (root, "baseline"));
  g_assert_true (json_object_has_member (root, "current"));
}

static void
test_save_atomic (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("mapscope-export-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "out.csv", NULL);
  g_autofree char *missing = g_build_filename (dir, "no-such-dir", "out.csv", NULL);
  g_autofree char *contents = NULL;

  g_assert_no_error (error);
  g_assert_true (mapscope_export_save (path, "old", &error));
  g_assert_true (mapscope_export_save (path, "a,b\r\n", &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "a,b\r\n");

  g_assert_false (mapscope_export_save (missing, "x", &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "no-such-dir"));

  mapscope_test_remove_dir (dir);
}

static void
test_anonymizer (void)
{
  g_autoptr(MapscopeAnonymizer) anonymizer = mapscope_anonymizer_new ("alice", HOST);
  g_autofree char *home = mapscope_anonymizer_apply (anonymizer, "/home/bob/.cache/x.so");
  g_autofree char *planted = mapscope_anonymizer_apply (anonymizer, PLANTED_PATH);
  g_autofree char *named = mapscope_anonymizer_apply (anonymizer, "[anon:alice pool] on " HOST);
  g_autofree char *innocent = mapscope_anonymizer_apply (anonymizer, "/usr/lib/malice.so");

  g_assert_cmpstr (home, ==, "/home/USER/.cache/x.so");
  g_assert_cmpstr (planted, ==, "/home/USER/build/libHOST.so");
  g_assert_cmpstr (named, ==, "[anon:USER pool] on HOST");
  g_assert_cmpstr (innocent, ==, "/usr/lib/malice.so");
}

/* Element names, checking on the way that the page is well-formed. */
static void
collect_element (GMarkupParseContext  *context,
                 const char           *name,
                 const char          **attribute_names,
                 const char          **attribute_values,
                 gpointer              user_data,
                 GError              **error)
{
  g_hash_table_add (user_data, g_strdup (name));
}

static GHashTable *
parse_page (const char *html)
{
  static const GMarkupParser parser = { collect_element, NULL, NULL, NULL, NULL };
  GHashTable *elements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_str_has_prefix (html, "<!DOCTYPE html>\n<html lang=\"en\">"));
  context = g_markup_parse_context_new (&parser, 0, elements, NULL);
  g_markup_parse_context_parse (context, html, -1, &error);
  g_assert_no_error (error);
  g_markup_parse_context_end_parse (context, &error);
  g_assert_no_error (error);

  return elements;
}

static char *
make_report (MapscopeSnapshot **snapshots,
             guint              n_snapshots,
             gboolean           anonymize)
{
  MapscopeReportOptions options = { snapshots, n_snapshots, anonymize, "alice", HOST };

  return mapscope_report_html (&options);
}

static void
test_report (void)
{
  g_autoptr(MapscopeDocument) document = load_crafted (300 * 1024);
  MapscopeSnapshot *snapshot = mapscope_test_only_snapshot (document);
  g_autofree char *html = make_report (&snapshot, 1, FALSE);
  g_autofree char *anonymous = make_report (&snapshot, 1, TRUE);
  g_autoptr(GHashTable) elements = parse_page (html);
  g_autoptr(GHashTable) anonymous_elements = parse_page (anonymous);

  g_assert_true (g_hash_table_contains (elements, "img"));
  g_assert_true (g_hash_table_contains (elements, "svg"));
  g_assert_false (g_hash_table_contains (elements, "script"));
  /* Anonymising changes text, not the page's structure. */
  g_assert_true (g_hash_table_contains (anonymous_elements, "img"));
  g_assert_true (g_hash_table_contains (anonymous_elements, "svg"));
  g_assert_nonnull (strstr (html, "<code>anon-large</code>"));
  g_assert_nonnull (strstr (html, "src=\"data:image/png;base64,iVBORw0KGgo"));
  g_assert_null (strstr (html, "src=\"http"));
  g_assert_null (strstr (html, "href="));
  g_assert_nonnull (strstr (html, "&lt;script&gt;alert(1)&lt;/script&gt;&amp;x.so"));

  /* The names are there to remove, and anonymising removes them */
  g_assert_nonnull (strstr (html, "/home/alice"));
  g_assert_nonnull (strstr (html, HOST));
  g_assert_null (strstr (anonymous, "/home/alice"));
  g_assert_null (strstr (anonymous, "alice"));
  g_assert_null (strstr (anonymous, HOST));
  g_assert_nonnull (strstr (anonymous, "/home/USER/build/libHOST.so"));
  g_assert_nonnull (strstr (anonymous, "HOST-tool"));
  g_assert_nonnull (strstr (anonymous, "<code>anon-large</code>"));

  cairo_debug_reset_static_data ();
}

static void
test_report_diff (void)
{
  g_autoptr(MapscopeDocument) before = load_crafted (1024);
  g_autoptr(MapscopeDocument) after = load_crafted (300 * 1024);
  MapscopeSnapshot *pair[] = { mapscope_test_only_snapshot (before),
                               mapscope_test_only_snapshot (after) };
  g_autofree char *html = make_report (pair, 2, TRUE);
  g_autoptr(GHashTable) elements = parse_page (html);

  g_assert_true (g_hash_table_contains (elements, "svg"));
  g_assert_true (g_hash_table_contains (elements, "img"));
  g_assert_nonnull (strstr (html, "<h1>Memory diff of HOST-tool (pid 4321)</h1>"));
  g_assert_nonnull (strstr (html, "Top regions by RSS growth"));
  g_assert_nonnull (strstr (html, "<td class=\"n\">+299 MiB</td><td>grown</td>"));
  g_assert_null (strstr (html, "alice"));

  cairo_debug_reset_static_data ();
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/export/regions-csv", test_csv);
  g_test_add_func ("/export/regions-csv-newline", test_csv_newline);
  g_test_add_func ("/export/regions-json", test_regions_json);
  g_test_add_func ("/export/summary-json", test_summary_json);
  g_test_add_func ("/export/findings-diff-json", test_findings_and_diff_json);
  g_test_add_func ("/export/save-atomic", test_save_atomic);
  g_test_add_func ("/export/anonymizer", test_anonymizer);
  g_test_add_func ("/export/report", test_report);
  g_test_add_func ("/export/report-diff", test_report_diff);

  return g_test_run ();
}
