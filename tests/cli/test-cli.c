/* test-cli.c: mapscope-cli, run as a program
 *
 * Expected values are worked out here from the fixtures' text, not taken
 * from the parser, so that a parser and a CLI that agree on a wrong answer
 * still fail.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "mapscope-units.h"

typedef struct
{
  int   status;
  char *out;
  char *err;
} CliResult;

static void
cli_result_free (CliResult *result)
{
  g_free (result->out);
  g_free (result->err);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CliResult, cli_result_free)

static CliResult *
run_cli_va (const char *stdin_path,
            const char *first_arg,
            va_list     args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  CliResult *result = g_new0 (CliResult, 1);

  g_ptr_array_add (argv, (char *) MAPSCOPE_CLI);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  if (stdin_path != NULL)
    g_subprocess_launcher_set_stdin_file_path (launcher, stdin_path);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &result->out, &result->err, &error);
  g_assert_no_error (error);

  g_assert_true (g_subprocess_get_if_exited (process));
  result->status = g_subprocess_get_exit_status (process);

  return result;
}

static CliResult *
run_cli (const char *first_arg,
         ...) G_GNUC_NULL_TERMINATED;

static CliResult *
run_cli (const char *first_arg,
         ...)
{
  CliResult *result;
  va_list args;

  va_start (args, first_arg);
  result = run_cli_va (NULL, first_arg, args);
  va_end (args);

  return result;
}

static CliResult *
run_cli_with_stdin (const char *stdin_path,
                    const char *first_arg,
                    ...) G_GNUC_NULL_TERMINATED;

static CliResult *
run_cli_with_stdin (const char *stdin_path,
                    const char *first_arg,
                    ...)
{
  CliResult *result;
  va_list args;

  va_start (args, first_arg);
  result = run_cli_va (stdin_path, first_arg, args);
  va_end (args);

  return result;
}

/* Fixture text ----------------------------------------------------------- */

static const char *
fixture (const char *name)
{
  return g_test_get_filename (G_TEST_DIST, "data", "real", name, NULL);
}

static char *
read_fixture (const char *name)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (fixture (name), &text, NULL, &error);
  g_assert_no_error (error);

  return text;
}

/* Reads a maps/smaps region line, "START-END PERMS ...". */
static gboolean
parse_region_line (const char *line,
                   guint64    *start,
                   guint64    *end)
{
  char *after_start;
  char *after_end;

  if (!g_ascii_isxdigit (line[0]))
    return FALSE;

  *start = g_ascii_strtoull (line, &after_start, 16);
  if (*after_start != '-')
    return FALSE;

  *end = g_ascii_strtoull (after_start + 1, &after_end, 16);
  return after_end != after_start + 1 && *after_end == ' ';
}

/* The region lines of smaps text, as (start, end) pairs. */
static GArray *
text_regions (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  GArray *regions = g_array_new (FALSE, FALSE, sizeof (guint64) * 2);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      guint64 range[2];

      if (parse_region_line (lines[i], &range[0], &range[1]))
        g_array_append_val (regions, range);
    }

  return regions;
}

static guint64
text_region_start (GArray *regions,
                   guint   index)
{
  return ((guint64 *) regions->data)[index * 2];
}

static guint64
text_region_size (GArray *regions,
                  guint   index)
{
  return ((guint64 *) regions->data)[index * 2 + 1] - text_region_start (regions, index);
}

/* Every "NAME:   123 kB" line of smaps text whose name is exactly @name. */
static GArray *
text_field_values (const char *text,
                   const char *name)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autofree char *prefix = g_strconcat (name, ":", NULL);
  GArray *values = g_array_new (FALSE, FALSE, sizeof (guint64));

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], prefix))
      {
        guint64 value = g_ascii_strtoull (lines[i] + strlen (prefix), NULL, 10);

        g_array_append_val (values, value);
      }

  return values;
}

static guint64
text_field_sum (const char *text,
                const char *name)
{
  g_autoptr(GArray) values = text_field_values (text, name);
  guint64 sum = 0;

  for (guint i = 0; i < values->len; i++)
    sum += g_array_index (values, guint64, i);

  return sum;
}

static guint64
text_field_max (const char *text,
                const char *name)
{
  g_autoptr(GArray) values = text_field_values (text, name);
  guint64 max = 0;

  for (guint i = 0; i < values->len; i++)
    max = MAX (max, g_array_index (values, guint64, i));

  return max;
}

/* Lines that start with a weekday: the `date` separators of a log. */
static guint
text_count_date_lines (const char *text)
{
  static const char * const days[] = { "Mon ", "Tue ", "Wed ", "Thu ", "Fri ", "Sat ", "Sun " };
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint count = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    for (guint d = 0; d < G_N_ELEMENTS (days); d++)
      if (g_str_has_prefix (lines[i], days[d]))
        count++;

  return count;
}

/* Output text ------------------------------------------------------------- */

static guint
count_occurrences (const char *haystack,
                   const char *needle)
{
  guint count = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    count++;

  return count;
}

/* Whether @line's first word, after any blanks, is @first. */
static gboolean
line_starts_with_word (const char *line,
                       const char *first)
{
  const char *text = line + strspn (line, " ");
  gsize length = strlen (first);

  return strncmp (text, first, length) == 0 && (text[length] == ' ' || text[length] == '\0');
}

/* The index of the first line whose first word is @first, or -1. */
static int
find_line (char       **lines,
           const char  *first)
{
  for (guint i = 0; lines[i] != NULL; i++)
    if (line_starts_with_word (lines[i], first))
      return i;

  return -1;
}

static guint
count_lines (const char *out,
             const char *first)
{
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  guint count = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    count += line_starts_with_word (lines[i], first);

  return count;
}

/* The cells, separated by two blanks or more, of the first row whose first
 * cell is @first. */
static char **
find_row (const char *out,
          const char *first)
{
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  int index = find_line (lines, first);

  if (index < 0)
    return NULL;

  return g_regex_split_simple ("  +", g_strstrip (lines[index]), 0, 0);
}

/* In the table whose title row starts with @first_title, the right-aligned
 * column @title ends at the same place on every row. */
static void
assert_right_aligned (const char *out,
                      const char *first_title,
                      const char *title)
{
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  int header = find_line (lines, first_title);
  const char *found;
  gsize edge;
  guint n_rows = 0;

  g_assert_cmpint (header, >=, 0);
  found = strstr (lines[header], title);
  g_assert_nonnull (found);
  edge = found - lines[header] + strlen (title);

  for (guint i = header + 1; lines[i] != NULL && *lines[i] != '\0'; i++)
    {
      g_assert_cmpuint (strlen (lines[i]), >, edge);
      g_assert_true (lines[i][edge - 1] != ' ');
      g_assert_true (lines[i][edge] == ' ');
      n_rows++;
    }
  g_assert_cmpuint (n_rows, >, 1);
}

/* JSON -------------------------------------------------------------------- */

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);

  return json_node_copy (json_parser_get_root (parser));
}

static JsonObject *
get_object_member (JsonObject *object,
                   const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_node_get_object (node);
}

static JsonArray *
get_array_member (JsonObject *object,
                  const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (node));
  return json_node_get_array (node);
}

static gint64
get_int_member (JsonObject *object,
                const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  g_assert_nonnull (node);
  g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_INT64);
  return json_node_get_int (node);
}

static const char *
get_string_member (JsonObject *object,
                   const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  g_assert_nonnull (node);
  g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_STRING);
  return json_node_get_string (node);
}

static void
assert_null_or_type (JsonObject *object,
                     const char *name,
                     GType       type)
{
  JsonNode *node = json_object_get_member (object, name);

  g_assert_nonnull (node);
  if (!JSON_NODE_HOLDS_NULL (node))
    g_assert_cmpint (json_node_get_value_type (node), ==, type);
}

/* An anonymous region's path is null: "" here, which sorts first. */
static const char *
get_path_member (JsonObject *region)
{
  JsonNode *node = json_object_get_member (region, "path");

  g_assert_nonnull (node);
  return JSON_NODE_HOLDS_NULL (node) ? "" : json_node_get_string (node);
}

static guint64
get_address_member (JsonObject *object,
                    const char *name)
{
  const char *text = get_string_member (object, name);
  char *end;
  guint64 address;

  g_assert_true (g_str_has_prefix (text, "0x"));
  address = g_ascii_strtoull (text + 2, &end, 16);
  g_assert_true (end != text + 2 && *end == '\0');

  return address;
}

/* Runs "regions --json ARGS... zoo.smaps" and returns its "regions" array,
 * a new reference. */
static JsonArray *
run_zoo_regions (const char *arg1,
                 const char *arg2)
{
  g_autoptr(CliResult) result = NULL;
  g_autoptr(JsonNode) root = NULL;

  if (arg1 != NULL)
    result = run_cli ("regions", "--json", arg1, arg2, fixture ("zoo.smaps"), NULL);
  else
    result = run_cli ("regions", "--json", fixture ("zoo.smaps"), NULL);

  g_assert_cmpstr (result->err, ==, "");
  g_assert_cmpint (result->status, ==, 0);
  root = parse_json (result->out);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));

  return json_array_ref (get_array_member (json_node_get_object (root), "regions"));
}

/* Tests ------------------------------------------------------------------- */

static void
test_help (void)
{
  g_autoptr(CliResult) help = run_cli ("--help", NULL);
  g_autoptr(CliResult) help_command = run_cli ("help", NULL);
  g_autoptr(CliResult) summary_help = run_cli ("summary", "--help", NULL);
  g_autoptr(CliResult) regions_help = run_cli ("regions", "--help", NULL);
  g_autoptr(CliResult) help_regions = run_cli ("help", "regions", NULL);
  g_autoptr(CliResult) version = run_cli ("--version", NULL);

  g_assert_cmpint (help->status, ==, 0);
  g_assert_nonnull (strstr (help->out, "summary"));
  g_assert_nonnull (strstr (help->out, "regions"));
  g_assert_cmpint (help_command->status, ==, 0);
  g_assert_cmpstr (help_command->out, ==, help->out);

  g_assert_cmpint (summary_help->status, ==, 0);
  g_assert_nonnull (strstr (summary_help->out, "mapscope-cli summary"));
  g_assert_nonnull (strstr (summary_help->out, "--json"));
  g_assert_nonnull (strstr (summary_help->out, "JSON Lines"));

  g_assert_cmpint (regions_help->status, ==, 0);
  g_assert_nonnull (strstr (regions_help->out, "--category"));
  g_assert_nonnull (strstr (regions_help->out, "--min-size"));
  g_assert_nonnull (strstr (regions_help->out, "--sort"));
  g_assert_nonnull (strstr (regions_help->out, "thread-stack"));
  g_assert_nonnull (strstr (regions_help->out, "private_dirty"));
  g_assert_cmpint (help_regions->status, ==, 0);
  g_assert_cmpstr (help_regions->out, ==, regions_help->out);

  g_assert_cmpint (version->status, ==, 0);
  g_assert_cmpstr (version->out, ==, "mapscope-cli " MAPSCOPE_VERSION "\n");
}

static void
assert_usage_error (CliResult  *result,
                    const char *in_stderr)
{
  g_assert_cmpint (result->status, ==, 2);
  g_assert_cmpstr (result->out, ==, "");
  g_assert_nonnull (strstr (result->err, in_stderr));
}

static void
test_usage_errors (void)
{
  const char *zoo = fixture ("zoo.smaps");
  g_autoptr(CliResult) no_args = run_cli (NULL, NULL);
  g_autoptr(CliResult) bad_command = run_cli ("frobnicate", zoo, NULL);
  g_autoptr(CliResult) bad_help = run_cli ("help", "frobnicate", NULL);
  g_autoptr(CliResult) bad_option = run_cli ("summary", "--frobnicate", zoo, NULL);
  g_autoptr(CliResult) bad_top_option = run_cli ("--frobnicate", NULL);
  g_autoptr(CliResult) no_file = run_cli ("summary", "--json", NULL);
  g_autoptr(CliResult) no_file_regions = run_cli ("regions", NULL);
  g_autoptr(CliResult) bad_category = run_cli ("regions", "--category", "librar", zoo, NULL);
  g_autoptr(CliResult) bad_category_list = run_cli ("regions", "--category", "heap,nope", zoo,
                                                    NULL);
  g_autoptr(CliResult) bad_size = run_cli ("regions", "--min-size", "12Q", zoo, NULL);
  g_autoptr(CliResult) bad_sort = run_cli ("regions", "--sort", "weight", zoo, NULL);

  assert_usage_error (no_args, "COMMAND");
  assert_usage_error (bad_command, "frobnicate");
  assert_usage_error (bad_help, "frobnicate");
  assert_usage_error (bad_option, "--frobnicate");
  assert_usage_error (bad_top_option, "--frobnicate");
  assert_usage_error (no_file, "FILE");
  assert_usage_error (no_file_regions, "FILE");
  /* the message lists the valid choices */
  assert_usage_error (bad_category, "librar");
  assert_usage_error (bad_category, "thread-stack");
  assert_usage_error (bad_category_list, "nope");
  assert_usage_error (bad_size, "12Q");
  assert_usage_error (bad_sort, "weight");
  assert_usage_error (bad_sort, "private_dirty");
}

static void
test_missing_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("mapscope-cli-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "no-such-file.smaps", NULL);
  g_autofree char *prefix = g_strconcat (path, ": ", NULL);
  g_autoptr(CliResult) summary = run_cli ("summary", path, NULL);
  g_autoptr(CliResult) regions = run_cli ("regions", "--json", path, NULL);

  g_assert_cmpint (summary->status, ==, 1);
  g_assert_cmpstr (summary->out, ==, "");
  g_assert_true (g_str_has_prefix (summary->err, prefix));
  g_assert_cmpint (regions->status, ==, 1);
  g_assert_true (g_str_has_prefix (regions->err, prefix));

  g_rmdir (dir);
}

static void
test_garbage_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("mapscope-cli-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "garbage.txt", NULL);
  g_autofree char *prefix = g_strconcat (path, ":", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CliResult) alone = NULL;
  g_autoptr(CliResult) among = NULL;
  g_autoptr(CliResult) among_json = NULL;
  g_autoptr(JsonNode) last = NULL;
  g_auto(GStrv) lines = NULL;

  g_file_set_contents (path, "This is not a memory map.\nNor is this line.\n", -1, &error);
  g_assert_no_error (error);

  alone = run_cli ("summary", path, NULL);
  g_assert_cmpint (alone->status, ==, 1);
  g_assert_cmpstr (alone->out, ==, "");
  g_assert_true (g_str_has_prefix (alone->err, prefix));

  /* the files around the bad one are still summarized */
  among = run_cli ("summary", fixture ("zoo.smaps"), path, fixture ("sleep.smaps"), NULL);
  g_assert_cmpint (among->status, ==, 1);
  g_assert_nonnull (strstr (among->out, fixture ("zoo.smaps")));
  g_assert_nonnull (strstr (among->out, fixture ("sleep.smaps")));
  g_assert_true (g_str_has_prefix (among->err, prefix));

  among_json = run_cli ("summary", "--json", path, fixture ("sleep.smaps"), NULL);
  g_assert_cmpint (among_json->status, ==, 1);
  lines = g_strsplit (among_json->out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 2);
  g_assert_cmpstr (lines[1], ==, "");
  last = parse_json (lines[0]);
  g_assert_cmpstr (get_string_member (json_node_get_object (last), "source"), ==,
                   fixture ("sleep.smaps"));

  g_unlink (path);
  g_rmdir (dir);
}

static void
assert_totals_match_text (JsonObject *totals,
                          const char *text)
{
  g_assert_cmpint (get_int_member (totals, "size_kb"), ==, text_field_sum (text, "Size"));
  g_assert_cmpint (get_int_member (totals, "rss_kb"), ==, text_field_sum (text, "Rss"));
  g_assert_cmpint (get_int_member (totals, "pss_kb"), ==, text_field_sum (text, "Pss"));
  g_assert_cmpint (get_int_member (totals, "swap_kb"), ==, text_field_sum (text, "Swap"));
  g_assert_cmpint (get_int_member (totals, "private_dirty_kb"), ==,
                   text_field_sum (text, "Private_Dirty"));
}

static void
test_summary_json (void)
{
  g_autofree char *text = read_fixture ("zoo.smaps");
  g_autoptr(GArray) regions = text_regions (text);
  g_autoptr(CliResult) result = run_cli ("summary", "--json", fixture ("zoo.smaps"), NULL);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *document;
  JsonObject *snapshot;
  JsonArray *snapshots;
  JsonArray *categories;
  gint64 category_regions = 0;
  gint64 category_rss = 0;

  g_assert_cmpint (result->status, ==, 0);
  g_assert_cmpstr (result->err, ==, "");
  /* one file: a single object on one line */
  g_assert_true (g_str_has_suffix (result->out, "}\n"));
  g_assert_cmpuint (count_occurrences (result->out, "\n"), ==, 1);

  root = parse_json (result->out);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  document = json_node_get_object (root);
  g_assert_cmpstr (get_string_member (document, "source"), ==, fixture ("zoo.smaps"));
  g_assert_cmpstr (get_string_member (document, "format"), ==, "smaps");
  g_assert_nonnull (get_array_member (document, "warnings"));

  snapshots = get_array_member (document, "snapshots");
  g_assert_cmpuint (json_array_get_length (snapshots), ==, 1);
  snapshot = json_array_get_object_element (snapshots, 0);
  g_assert_cmpint (get_int_member (snapshot, "index"), ==, 0);
  assert_null_or_type (snapshot, "timestamp", G_TYPE_STRING);
  assert_null_or_type (snapshot, "pid", G_TYPE_INT64);
  assert_null_or_type (snapshot, "command", G_TYPE_STRING);
  g_assert_cmpint (regions->len, ==, 50);
  g_assert_cmpint (get_int_member (snapshot, "region_count"), ==, regions->len);
  assert_totals_match_text (get_object_member (snapshot, "totals"), text);

  categories = get_array_member (snapshot, "categories");
  g_assert_cmpuint (json_array_get_length (categories), >, 1);
  for (guint i = 0; i < json_array_get_length (categories); i++)
    {
      JsonObject *category = json_array_get_object_element (categories, i);

      get_string_member (category, "category");
      category_regions += get_int_member (category, "region_count");
      category_rss += get_int_member (category, "rss_kb");
      get_int_member (category, "size_kb");
      get_int_member (category, "pss_kb");
      get_int_member (category, "swap_kb");
      get_int_member (category, "private_dirty_kb");
    }
  g_assert_cmpint (category_regions, ==, regions->len);
  g_assert_cmpint (category_rss, ==, text_field_sum (text, "Rss"));
}

/* The "total kB" line ending pmap -x output: Kbytes, RSS, Dirty. */
static void
pmap_x_totals (const char *text,
               guint64     totals[3])
{
  const char *line = strstr (text, "\ntotal kB");
  g_auto(GStrv) words = NULL;

  g_assert_nonnull (line);
  words = g_strsplit_set (line + 1, " \n", -1);
  for (guint i = 2, n = 0; words[i] != NULL && n < 3; i++)
    if (*words[i] != '\0')
      totals[n++] = g_ascii_strtoull (words[i], NULL, 10);
}

static void
test_summary_json_pmap_x (void)
{
  g_autofree char *text = read_fixture ("zoo.pmap-x");
  g_autoptr(CliResult) result = run_cli ("summary", "--json", fixture ("zoo.pmap-x"), NULL);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *document;
  JsonObject *totals;
  guint64 expected[3] = { 0, 0, 0 };

  g_assert_cmpint (result->status, ==, 0);
  root = parse_json (result->out);
  document = json_node_get_object (root);
  g_assert_cmpstr (get_string_member (document, "format"), ==, "pmap-x");
  totals = get_object_member (json_array_get_object_element (get_array_member (document,
                                                                               "snapshots"),
                                                             0),
                              "totals");

  pmap_x_totals (text, expected);
  g_assert_cmpuint (expected[0], >, 0);
  g_assert_cmpint (get_int_member (totals, "size_kb"), ==, expected[0]);
  g_assert_cmpint (get_int_member (totals, "rss_kb"), ==, expected[1]);
  g_assert_cmpint (get_int_member (totals, "dirty_kb"), ==, expected[2]);
  g_assert_false (json_object_has_member (totals, "pss_kb"));
  g_assert_false (json_object_has_member (totals, "swap_kb"));
}

static void
test_summary_json_lines (void)
{
  const char *names[] = { "zoo.smaps", "sleep.pmap-XX", "python3.maps" };
  g_autoptr(CliResult) result = run_cli ("summary", "--json", fixture (names[0]),
                                         fixture (names[1]), fixture (names[2]), NULL);
  g_auto(GStrv) lines = g_strsplit (result->out, "\n", -1);

  g_assert_cmpint (result->status, ==, 0);
  g_assert_cmpuint (g_strv_length (lines), ==, G_N_ELEMENTS (names) + 1);
  g_assert_cmpstr (lines[G_N_ELEMENTS (names)], ==, "");

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(JsonNode) node = parse_json (lines[i]);

      g_assert_cmpstr (get_string_member (json_node_get_object (node), "source"), ==,
                       fixture (names[i]));
    }
}

static void
test_double_dash (void)
{
  g_autoptr(CliResult) result = run_cli ("summary", "--json", "--", fixture ("sleep.maps"), NULL);
  g_autoptr(JsonNode) root = NULL;

  /* "--" ends the options; it is not a FILE */
  g_assert_cmpstr (result->err, ==, "");
  g_assert_cmpint (result->status, ==, 0);
  root = parse_json (result->out);
  g_assert_cmpstr (get_string_member (json_node_get_object (root), "source"), ==,
                   fixture ("sleep.maps"));
}

static void
test_summary_stdin (void)
{
  g_autofree char *text = read_fixture ("zoo.smaps");
  g_autoptr(CliResult) result = run_cli_with_stdin (fixture ("zoo.smaps"),
                                                    "summary", "--json", "-", NULL);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *snapshot;

  g_assert_cmpint (result->status, ==, 0);
  root = parse_json (result->out);
  g_assert_cmpstr (get_string_member (json_node_get_object (root), "format"), ==, "smaps");
  snapshot = json_array_get_object_element (get_array_member (json_node_get_object (root),
                                                              "snapshots"),
                                            0);
  assert_totals_match_text (get_object_member (snapshot, "totals"), text);
}

static void
test_summary_multi_snapshot (void)
{
  g_autofree char *text = read_fixture ("python-leak-timeline.log");
  guint n_dates = text_count_date_lines (text);
  g_autoptr(CliResult) json = run_cli ("summary", "--json",
                                       fixture ("python-leak-timeline.log"), NULL);
  g_autoptr(CliResult) human = run_cli ("summary", fixture ("python-leak-timeline.log"), NULL);
  g_autoptr(JsonNode) root = NULL;
  JsonArray *snapshots;

  g_assert_cmpuint (n_dates, >, 1);
  g_assert_cmpint (json->status, ==, 0);
  root = parse_json (json->out);
  snapshots = get_array_member (json_node_get_object (root), "snapshots");
  g_assert_cmpuint (json_array_get_length (snapshots), ==, n_dates);
  for (guint i = 0; i < n_dates; i++)
    {
      JsonObject *snapshot = json_array_get_object_element (snapshots, i);

      g_assert_cmpint (get_int_member (snapshot, "index"), ==, i);
      get_string_member (snapshot, "timestamp");
    }

  /* one header line and one table per snapshot */
  g_assert_cmpint (human->status, ==, 0);
  g_assert_cmpuint (count_occurrences (human->out, "snapshot: "), ==, n_dates);
  g_assert_cmpuint (count_lines (human->out, "CATEGORY"), ==, n_dates);
  g_assert_cmpuint (count_lines (human->out, "total"), ==, n_dates);
}

static void
test_summary_human (void)
{
  g_autofree char *text = read_fixture ("zoo.smaps");
  g_autofree char *rss = mapscope_format_kb (text_field_sum (text, "Rss"));
  g_autofree char *pss = mapscope_format_kb (text_field_sum (text, "Pss"));
  g_autoptr(CliResult) result = run_cli ("summary", fixture ("zoo.smaps"), NULL);
  g_auto(GStrv) total = NULL;
  g_auto(GStrv) header = NULL;

  g_assert_cmpint (result->status, ==, 0);
  g_assert_cmpstr (result->err, ==, "");
  g_assert_true (g_str_has_prefix (result->out, fixture ("zoo.smaps")));
  g_assert_nonnull (strstr (result->out, "format: smaps"));
  g_assert_nonnull (strstr (result->out, " MiB"));
  g_assert_nonnull (strstr (result->out, " KiB"));
  assert_right_aligned (result->out, "CATEGORY", "RSS");
  assert_right_aligned (result->out, "CATEGORY", "PSS");

  header = find_row (result->out, "CATEGORY");
  total = find_row (result->out, "total");
  g_assert_nonnull (header);
  g_assert_nonnull (total);
  g_assert_cmpuint (g_strv_length (total), ==, g_strv_length (header));
  for (guint i = 0; header[i] != NULL; i++)
    {
      if (g_str_equal (header[i], "RSS"))
        g_assert_cmpstr (total[i], ==, rss);
      else if (g_str_equal (header[i], "PSS"))
        g_assert_cmpstr (total[i], ==, pss);
      else if (g_str_equal (header[i], "REGIONS"))
        g_assert_cmpstr (total[i], ==, "50");
    }
}

static void
test_summary_human_maps (void)
{
  g_autoptr(CliResult) result = run_cli ("summary", fixture ("zoo.maps"), NULL);
  g_auto(GStrv) header = NULL;

  /* maps carries no memory counts: no RSS or PSS column */
  g_assert_cmpint (result->status, ==, 0);
  header = find_row (result->out, "CATEGORY");
  g_assert_nonnull (header);
  g_assert_true (g_strv_contains ((const char * const *) header, "SIZE"));
  g_assert_false (g_strv_contains ((const char * const *) header, "RSS"));
  g_assert_false (g_strv_contains ((const char * const *) header, "PSS"));
}

static void
test_regions_json (void)
{
  g_autofree char *text = read_fixture ("zoo.smaps");
  g_autoptr(GArray) expected = text_regions (text);
  g_autoptr(JsonArray) regions = run_zoo_regions (NULL, NULL);

  g_assert_cmpuint (json_array_get_length (regions), ==, expected->len);
  g_assert_cmpuint (expected->len, ==, 50);

  for (guint i = 0; i < expected->len; i++)
    {
      JsonObject *region = json_array_get_object_element (regions, i);
      guint64 start = get_address_member (region, "start");
      guint64 end = get_address_member (region, "end");

      g_assert_cmpuint (start, ==, text_region_start (expected, i));
      g_assert_cmpuint (end - start, ==, text_region_size (expected, i));
      g_assert_cmpint (get_int_member (region, "size_kb"), ==, (end - start) / 1024);
      get_int_member (region, "rss_kb");
      get_string_member (region, "perms");
      get_string_member (region, "category");
      g_assert_cmpstr (get_string_member (region, "source"), ==, fixture ("zoo.smaps"));
      g_assert_cmpint (get_int_member (region, "snapshot"), ==, 0);
    }
}

static guint
count_category (JsonArray  *regions,
                const char *category)
{
  guint count = 0;

  for (guint i = 0; i < json_array_get_length (regions); i++)
    if (g_str_equal (get_string_member (json_array_get_object_element (regions, i), "category"),
                     category))
      count++;

  return count;
}

static void
test_regions_category (void)
{
  g_autoptr(JsonArray) all = run_zoo_regions (NULL, NULL);
  g_autoptr(JsonArray) libraries = run_zoo_regions ("--category", "library");
  g_autoptr(JsonArray) comma = run_zoo_regions ("--category", "library, heap");
  g_autoptr(CliResult) repeated = run_cli ("regions", "--json", "--category", "library",
                                           "-c", "heap", fixture ("zoo.smaps"), NULL);
  g_autoptr(JsonNode) repeated_root = NULL;
  guint n_libraries = count_category (all, "library");
  guint n_heap = count_category (all, "heap");

  g_assert_cmpuint (n_libraries, >, 0);
  g_assert_cmpuint (n_heap, >, 0);
  g_assert_cmpuint (json_array_get_length (libraries), ==, n_libraries);
  for (guint i = 0; i < json_array_get_length (libraries); i++)
    {
      JsonObject *region = json_array_get_object_element (libraries, i);

      g_assert_cmpstr (get_string_member (region, "category"), ==, "library");
      g_assert_nonnull (strstr (get_string_member (region, "path"), ".so"));
    }

  g_assert_cmpuint (json_array_get_length (comma), ==, n_libraries + n_heap);
  g_assert_cmpuint (count_category (comma, "heap"), ==, n_heap);

  g_assert_cmpint (repeated->status, ==, 0);
  repeated_root = parse_json (repeated->out);
  g_assert_cmpuint (json_array_get_length (get_array_member (json_node_get_object (repeated_root),
                                                             "regions")),
                    ==, n_libraries + n_heap);
}

/* The size in bytes of the region whose line ends with @path. */
static guint64
text_region_size_of (const char *text,
                     const char *path)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      guint64 start, end;

      if (parse_region_line (lines[i], &start, &end) && g_str_has_suffix (lines[i], path))
        return end - start;
    }

  g_assert_not_reached ();
}

static guint
text_count_regions_at_least (GArray  *regions,
                             guint64  min_size)
{
  guint count = 0;

  for (guint i = 0; i < regions->len; i++)
    count += text_region_size (regions, i) >= min_size;

  return count;
}

static void
test_regions_min_size (void)
{
  g_autofree char *text = read_fixture ("zoo.smaps");
  g_autoptr(GArray) expected = text_regions (text);
  guint64 stack_size = text_region_size_of (text, " [stack]");
  g_autofree char *stack_kib = g_strdup_printf ("%" G_GUINT64_FORMAT "K", stack_size / 1024);
  g_autoptr(JsonArray) big = run_zoo_regions ("--min-size", "1M");
  g_autoptr(JsonArray) at_stack = run_zoo_regions ("--min-size", stack_kib);
  guint n_big = text_count_regions_at_least (expected, 1024 * 1024);
  gboolean stack_listed = FALSE;

  g_assert_cmpuint (n_big, >, 0);
  g_assert_cmpuint (n_big, <, expected->len);
  g_assert_cmpuint (json_array_get_length (big), ==, n_big);
  for (guint i = 0; i < json_array_get_length (big); i++)
    {
      JsonObject *region = json_array_get_object_element (big, i);

      g_assert_cmpuint (get_address_member (region, "end") - get_address_member (region, "start"),
                        >=, 1024 * 1024);
    }

  /* a region exactly as big as the minimum is kept */
  g_assert_cmpuint (stack_size % 1024, ==, 0);
  g_assert_cmpuint (json_array_get_length (at_stack), ==,
                    text_count_regions_at_least (expected, stack_size));
  for (guint i = 0; i < json_array_get_length (at_stack); i++)
    stack_listed |= g_str_equal (get_path_member (json_array_get_object_element (at_stack, i)),
                                 "[stack]");
  g_assert_true (stack_listed);
}

static void
assert_descending (JsonArray  *regions,
                   const char *key)
{
  for (guint i = 1; i < json_array_get_length (regions); i++)
    g_assert_cmpint (get_int_member (json_array_get_object_element (regions, i - 1), key), >=,
                     get_int_member (json_array_get_object_element (regions, i), key));
}

static void
test_regions_sort (void)
{
  g_autofree char *text = read_fixture ("zoo.smaps");
  g_autoptr(JsonArray) by_rss = run_zoo_regions ("--sort", "rss");
  g_autoptr(JsonArray) by_dirty = run_zoo_regions ("--sort", "private_dirty");
  g_autoptr(JsonArray) by_size = run_zoo_regions ("--sort", "size");
  g_autoptr(JsonArray) by_path = run_zoo_regions ("--sort", "path");
  g_autoptr(JsonArray) by_start = run_zoo_regions ("--sort", "start");

  g_assert_cmpuint (json_array_get_length (by_rss), ==, 50);
  assert_descending (by_rss, "rss_kb");
  g_assert_cmpint (get_int_member (json_array_get_object_element (by_rss, 0), "rss_kb"), ==,
                   text_field_max (text, "Rss"));
  g_assert_cmpint (get_int_member (json_array_get_object_element (by_rss, 0), "rss_kb"), >,
                   get_int_member (json_array_get_object_element (by_rss, 49), "rss_kb"));

  assert_descending (by_dirty, "private_dirty_kb");
  g_assert_cmpint (get_int_member (json_array_get_object_element (by_dirty, 0),
                                   "private_dirty_kb"),
                   ==, text_field_max (text, "Private_Dirty"));

  assert_descending (by_size, "size_kb");
  g_assert_cmpint (get_int_member (json_array_get_object_element (by_size, 0), "size_kb"), ==,
                   text_field_max (text, "Size"));

  for (guint i = 1; i < 50; i++)
    {
      JsonObject *a = json_array_get_object_element (by_path, i - 1);
      JsonObject *b = json_array_get_object_element (by_path, i);
      const char *path_a = get_path_member (a);
      const char *path_b = get_path_member (b);

      g_assert_cmpint (strcmp (path_a, path_b), <=, 0);
      g_assert_cmpuint (get_address_member (json_array_get_object_element (by_start, i - 1),
                                            "start"),
                        <, get_address_member (json_array_get_object_element (by_start, i),
                                               "start"));
    }
}

static void
test_regions_multi_snapshot (void)
{
  g_autofree char *text = read_fixture ("python-leak-timeline.log");
  g_autoptr(GArray) all_regions = text_regions (text);
  guint n_dates = text_count_date_lines (text);
  g_autoptr(CliResult) result = run_cli ("regions", "--json",
                                         fixture ("python-leak-timeline.log"), NULL);
  g_autoptr(CliResult) human = run_cli ("regions", fixture ("python-leak-timeline.log"), NULL);
  g_autoptr(JsonNode) root = NULL;
  g_autofree guint *per_snapshot = g_new0 (guint, n_dates);
  JsonArray *regions;
  gint64 previous = 0;

  g_assert_cmpint (result->status, ==, 0);
  root = parse_json (result->out);
  regions = get_array_member (json_node_get_object (root), "regions");
  g_assert_cmpuint (json_array_get_length (regions), ==, all_regions->len);

  for (guint i = 0; i < json_array_get_length (regions); i++)
    {
      gint64 index = get_int_member (json_array_get_object_element (regions, i), "snapshot");

      g_assert_cmpint (index, >=, previous);
      g_assert_cmpint (index, <, n_dates);
      per_snapshot[index]++;
      previous = index;
    }
  for (guint s = 0; s < n_dates; s++)
    g_assert_cmpuint (per_snapshot[s], >, 0);

  g_assert_cmpint (human->status, ==, 0);
  g_assert_cmpuint (count_occurrences (human->out, "snapshot: "), ==, n_dates);
  g_assert_cmpuint (count_lines (human->out, "START"), ==, n_dates);
}

static void
test_regions_human (void)
{
  g_autoptr(CliResult) result = run_cli ("regions", fixture ("zoo.smaps"), NULL);
  g_autoptr(CliResult) pmap = run_cli ("regions", fixture ("zoo.pmap-x"), NULL);
  g_auto(GStrv) header = NULL;
  g_auto(GStrv) pmap_header = NULL;

  g_assert_cmpint (result->status, ==, 0);
  g_assert_nonnull (strstr (result->out, " MiB"));
  g_assert_nonnull (strstr (result->out, " KiB"));
  g_assert_nonnull (strstr (result->out, "/usr/lib/x86_64-linux-gnu/libc.so.6\n"));
  assert_right_aligned (result->out, "START", "RSS");
  assert_right_aligned (result->out, "START", "END");

  header = find_row (result->out, "START");
  g_assert_nonnull (header);
  g_assert_true (g_strv_contains ((const char * const *) header, "PRIV_DIRTY"));

  /* pmap -x has a Dirty column and no PSS */
  g_assert_cmpint (pmap->status, ==, 0);
  pmap_header = find_row (pmap->out, "START");
  g_assert_nonnull (pmap_header);
  g_assert_true (g_strv_contains ((const char * const *) pmap_header, "DIRTY"));
  g_assert_false (g_strv_contains ((const char * const *) pmap_header, "PSS"));
}

/* zoo.smaps with its first "Rss:" line written twice, which the parser warns
 * about but accepts; returns the number of the repeated line. */
static guint
write_smaps_with_warning (const char *path)
{
  g_autofree char *text = read_fixture ("zoo.smaps");
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autoptr(GString) changed = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  guint repeated = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (changed, '\n');
      g_string_append (changed, lines[i]);
      if (repeated == 0 && g_str_has_prefix (lines[i], "Rss:"))
        {
          g_string_append_printf (changed, "\n%s", lines[i]);
          repeated = i + 2;
        }
    }
  g_assert_cmpuint (repeated, >, 0);

  g_file_set_contents (path, changed->str, changed->len, &error);
  g_assert_no_error (error);

  return repeated;
}

static void
test_warnings (void)
{
  g_autofree char *dir = g_dir_make_tmp ("mapscope-cli-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "warned.smaps", NULL);
  guint line = write_smaps_with_warning (path);
  g_autofree char *expected = g_strdup_printf ("%s:%u: warning: ", path, line);
  g_autoptr(CliResult) summary = run_cli ("summary", path, NULL);
  g_autoptr(CliResult) regions = run_cli ("regions", path, NULL);
  g_autoptr(CliResult) summary_json = run_cli ("summary", "--json", path, NULL);
  g_autoptr(CliResult) regions_json = run_cli ("regions", "--json", path, NULL);
  g_autoptr(JsonNode) summary_root = NULL;
  g_autoptr(JsonNode) regions_root = NULL;
  JsonArray *warnings;

  g_assert_cmpint (summary->status, ==, 0);
  g_assert_true (g_str_has_prefix (summary->err, expected));
  g_assert_nonnull (strstr (summary->out, "total"));
  g_assert_cmpint (regions->status, ==, 0);
  g_assert_true (g_str_has_prefix (regions->err, expected));

  /* with --json the warnings are in the output, not on standard error */
  g_assert_cmpint (summary_json->status, ==, 0);
  g_assert_cmpstr (summary_json->err, ==, "");
  summary_root = parse_json (summary_json->out);
  warnings = get_array_member (json_node_get_object (summary_root), "warnings");
  g_assert_cmpuint (json_array_get_length (warnings), ==, 1);
  g_assert_cmpint (get_int_member (json_array_get_object_element (warnings, 0), "line"), ==,
                   line);
  get_string_member (json_array_get_object_element (warnings, 0), "message");

  g_assert_cmpint (regions_json->status, ==, 0);
  g_assert_cmpstr (regions_json->err, ==, "");
  regions_root = parse_json (regions_json->out);
  warnings = get_array_member (json_node_get_object (regions_root), "warnings");
  g_assert_cmpuint (json_array_get_length (warnings), ==, 1);
  g_assert_cmpint (get_int_member (json_array_get_object_element (warnings, 0), "line"), ==,
                   line);
  g_assert_cmpstr (get_string_member (json_array_get_object_element (warnings, 0), "source"), ==,
                   path);

  g_unlink (path);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/help", test_help);
  g_test_add_func ("/cli/usage-errors", test_usage_errors);
  g_test_add_func ("/cli/missing-file", test_missing_file);
  g_test_add_func ("/cli/garbage-file", test_garbage_file);
  g_test_add_func ("/cli/warnings", test_warnings);
  g_test_add_func ("/cli/double-dash", test_double_dash);
  g_test_add_func ("/cli/summary/json", test_summary_json);
  g_test_add_func ("/cli/summary/json-pmap-x", test_summary_json_pmap_x);
  g_test_add_func ("/cli/summary/json-lines", test_summary_json_lines);
  g_test_add_func ("/cli/summary/stdin", test_summary_stdin);
  g_test_add_func ("/cli/summary/multi-snapshot", test_summary_multi_snapshot);
  g_test_add_func ("/cli/summary/human", test_summary_human);
  g_test_add_func ("/cli/summary/human-maps", test_summary_human_maps);
  g_test_add_func ("/cli/regions/json", test_regions_json);
  g_test_add_func ("/cli/regions/category", test_regions_category);
  g_test_add_func ("/cli/regions/min-size", test_regions_min_size);
  g_test_add_func ("/cli/regions/sort", test_regions_sort);
  g_test_add_func ("/cli/regions/multi-snapshot", test_regions_multi_snapshot);
  g_test_add_func ("/cli/regions/human", test_regions_human);

  return g_test_run ();
}
