/* mapscope-test-util.c: helpers shared by the core tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "mapscope-test-util.h"

/* Fixtures */

char *
mapscope_test_real_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "real", name, NULL);
}

char *
mapscope_test_crafted_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "crafted", name, NULL);
}

char *
mapscope_test_read_file (const char *path,
                         gsize      *length)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize len = 0;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  if (length != NULL)
    *length = len;

  return contents;
}

char *
mapscope_test_read_real (const char *name,
                         gsize      *length)
{
  g_autofree char *path = mapscope_test_real_path (name);

  return mapscope_test_read_file (path, length);
}

static gint
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The NAMEs of tests/data/real/NAME.smaps, sorted. */
GStrv
mapscope_test_list_captures (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, "data", "real", NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, &error);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *entry;

  g_assert_no_error (error);
  while ((entry = g_dir_read_name (dir)) != NULL)
    {
      if (g_str_has_suffix (entry, ".smaps"))
        g_ptr_array_add (names, g_strndup (entry, strlen (entry) - strlen (".smaps")));
    }

  g_ptr_array_sort (names, compare_strings);
  g_ptr_array_add (names, NULL);

  return (GStrv) g_ptr_array_free (names, FALSE);
}

/* The format a fixture is in, from its suffix: only the tests may go by
 * the name. */
MapscopeFormat
mapscope_test_format_for_name (const char *file_name)
{
  static const struct
  {
    const char     *suffix;
    MapscopeFormat  format;
  } suffixes[] = {
    { ".smaps", MAPSCOPE_FORMAT_SMAPS },
    { ".smaps_rollup", MAPSCOPE_FORMAT_SMAPS_ROLLUP },
    { ".maps", MAPSCOPE_FORMAT_MAPS },
    { ".pmap", MAPSCOPE_FORMAT_PMAP },
    { ".pmap-x", MAPSCOPE_FORMAT_PMAP_x },
    { ".pmap-X", MAPSCOPE_FORMAT_PMAP_X },
    { ".pmap-XX", MAPSCOPE_FORMAT_PMAP_XX },
  };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      if (g_str_has_suffix (file_name, suffixes[i].suffix))
        return suffixes[i].format;
    }

  return MAPSCOPE_FORMAT_UNKNOWN;
}

/* Loading through the core */

MapscopeDocument *
mapscope_test_load_path (const char *path)
{
  g_autoptr(GError) error = NULL;
  MapscopeDocument *document;

  document = mapscope_document_load_path (path, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (document);

  return document;
}

MapscopeDocument *
mapscope_test_load_real (const char *name)
{
  g_autofree char *path = mapscope_test_real_path (name);

  return mapscope_test_load_path (path);
}

MapscopeDocument *
mapscope_test_load_data (const char *data,
                         gsize       length)
{
  g_autoptr(GError) error = NULL;
  MapscopeDocument *document;

  document = mapscope_document_load_data (data, length, "test input", &error);
  g_assert_no_error (error);
  g_assert_nonnull (document);

  return document;
}

MapscopeDocument *
mapscope_test_load_text (const char *text)
{
  return mapscope_test_load_data (text, strlen (text));
}

/* Asserts that loading DATA fails with CODE of MAPSCOPE_PARSE_ERROR, or with
 * any code of it when CODE is -1. */
void
mapscope_test_assert_load_error (const char *data,
                                 gsize       length,
                                 gint        code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MapscopeDocument) document = NULL;

  document = mapscope_document_load_data (data, length, "test input", &error);
  g_assert_null (document);
  g_assert_nonnull (error);
  g_assert_cmpstr (g_quark_to_string (error->domain), ==,
                   g_quark_to_string (MAPSCOPE_PARSE_ERROR));
  if (code >= 0)
    g_assert_error (error, MAPSCOPE_PARSE_ERROR, code);
  g_assert_nonnull (error->message);
  g_assert_cmpstr (error->message, !=, "");
}

MapscopeSnapshot *
mapscope_test_only_snapshot (MapscopeDocument *document)
{
  g_assert_cmpuint (mapscope_document_get_n_snapshots (document), ==, 1);
  return mapscope_document_get_snapshot (document, 0);
}

gboolean
mapscope_test_has_warning_at (MapscopeDocument *document,
                              guint64           line)
{
  guint n = mapscope_document_get_n_warnings (document);

  for (guint i = 0; i < n; i++)
    {
      const MapscopeWarning *warning = mapscope_document_get_warning (document, i);

      if (warning->line == line)
        return TRUE;
    }

  return FALSE;
}

void
mapscope_test_assert_no_warnings (MapscopeDocument *document)
{
  guint n = mapscope_document_get_n_warnings (document);

  for (guint i = 0; i < n; i++)
    {
      const MapscopeWarning *warning = mapscope_document_get_warning (document, i);

      g_test_message ("unexpected warning, line %" G_GUINT64_FORMAT ": %s",
                      warning->line, warning->message);
    }
  g_assert_cmpuint (n, ==, 0);
}

const MapscopeRegion *
mapscope_test_region_at (MapscopeSnapshot *snapshot,
                         guint64           start)
{
  guint n = 0;
  const MapscopeRegion *regions = mapscope_snapshot_get_regions (snapshot, &n);

  for (guint i = 0; i < n; i++)
    {
      if (regions[i].start == start)
        return &regions[i];
    }

  g_test_message ("no region starts at 0x%" G_GINT64_MODIFIER "x", start);
  g_assert_not_reached ();
  return NULL;
}

/* The value of a field the region must have. */
guint64
mapscope_test_get_value (MapscopeSnapshot     *snapshot,
                         const MapscopeRegion *region,
                         guint                 field_id)
{
  guint64 value = 0;
  gboolean present;

  present = mapscope_snapshot_get_value (snapshot, region, field_id, &value);
  if (!present)
    g_test_message ("field %s missing in the region at 0x%" G_GINT64_MODIFIER "x",
                    mapscope_snapshot_get_field_name (snapshot, field_id), region->start);
  g_assert_true (present);

  return value;
}

/* The id of the field called NAME in this snapshot, or -1. */
gint
mapscope_test_field_id (MapscopeSnapshot *snapshot,
                        const char       *name)
{
  guint n = mapscope_snapshot_get_n_fields (snapshot);

  for (guint i = 0; i < n; i++)
    {
      if (g_strcmp0 (mapscope_snapshot_get_field_name (snapshot, i), name) == 0)
        return i;
    }

  return -1;
}

/* The sum of a field over the regions, computed here rather than by the core. */
guint64
mapscope_test_sum_values (MapscopeSnapshot *snapshot,
                          guint             field_id)
{
  guint n = 0;
  const MapscopeRegion *regions = mapscope_snapshot_get_regions (snapshot, &n);
  guint64 sum = 0;

  for (guint i = 0; i < n; i++)
    sum += mapscope_snapshot_get_value_or_zero (snapshot, &regions[i], field_id);

  return sum;
}

static char *
format_utc (GDateTime *time)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (time);

  return g_date_time_format_iso8601 (utc);
}

void
mapscope_test_assert_timestamp (MapscopeSnapshot *snapshot,
                                GDateTime        *expected)
{
  GDateTime *timestamp = mapscope_snapshot_get_timestamp (snapshot);
  g_autofree char *got = NULL;
  g_autofree char *want = format_utc (expected);

  g_assert_nonnull (timestamp);
  got = format_utc (timestamp);
  g_assert_cmpstr (got, ==, want);
  g_assert_cmpint (g_date_time_to_unix (timestamp), ==, g_date_time_to_unix (expected));
}

/* Independent reading of the text */

/* Lines of TEXT, without their "\n" or "\r\n"; element i is line i + 1. */
GStrv
mapscope_test_split_lines (const char *text)
{
  GStrv lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      gsize len = strlen (lines[i]);

      if (len > 0 && lines[i][len - 1] == '\r')
        lines[i][len - 1] = '\0';
    }

  return lines;
}

static gboolean
parse_hex (const char  *text,
           char         terminator,
           guint64     *value,
           const char **rest)
{
  char *end = NULL;

  if (!g_ascii_isxdigit (text[0]))
    return FALSE;

  *value = g_ascii_strtoull (text, &end, 16);
  if (*end != terminator)
    return FALSE;

  *rest = end + 1;
  return TRUE;
}

/* Whether LINE starts like a maps/smaps region line, "START-END ". */
gboolean
mapscope_test_parse_range (const char *line,
                           guint64    *start,
                           guint64    *end)
{
  const char *rest = NULL;

  return parse_hex (line, '-', start, &rest) && parse_hex (rest, ' ', end, &rest);
}

/* Reads "Name:   123 kB" or "Name: 123" (smaps fields, not VmFlags). */
gboolean
mapscope_test_parse_field_line (const char  *line,
                                char       **name,
                                guint64     *value)
{
  const char *p = line;
  const char *digits;
  char *end = NULL;

  while (g_ascii_isalnum (*p) || *p == '_')
    p++;
  if (p == line || *p != ':')
    return FALSE;

  digits = p + 1;
  while (*digits == ' ' || *digits == '\t')
    digits++;
  if (!g_ascii_isdigit (*digits))
    return FALSE;

  *value = g_ascii_strtoull (digits, &end, 10);
  if (g_str_has_prefix (end, " kB"))
    end += strlen (" kB");
  while (*end == ' ' || *end == '\r')
    end++;
  if (*end != '\0')
    return FALSE;

  *name = g_strndup (line, p - line);
  return TRUE;
}

guint
mapscope_test_count_ranges (const char *text)
{
  g_auto(GStrv) lines = mapscope_test_split_lines (text);
  guint count = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      guint64 start, end;

      if (mapscope_test_parse_range (lines[i], &start, &end))
        count++;
    }

  return count;
}

/* Sums of every numeric smaps field of TEXT, by name (char * -> guint64 *). */
GHashTable *
mapscope_test_sum_smaps_fields (const char *text)
{
  g_auto(GStrv) lines = mapscope_test_split_lines (text);
  GHashTable *sums = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *name = NULL;
      guint64 value = 0;
      guint64 *sum;

      if (!mapscope_test_parse_field_line (lines[i], &name, &value))
        continue;

      sum = g_hash_table_lookup (sums, name);
      if (sum == NULL)
        {
          sum = g_new0 (guint64, 1);
          g_hash_table_insert (sums, name, sum);
        }
      else
        {
          g_free (name);
        }
      *sum += value;
    }

  return sums;
}

guint64
mapscope_test_lookup_sum (GHashTable *sums,
                          const char *name)
{
  guint64 *sum = g_hash_table_lookup (sums, name);

  if (sum == NULL)
    g_test_message ("the text has no field %s", name);
  g_assert_nonnull (sum);

  return *sum;
}

/* The text of each region of a smaps (or maps) TEXT, from its range line to
 * the next one; whatever comes before the first range line is dropped. */
GPtrArray *
mapscope_test_split_smaps_regions (const char *text)
{
  g_auto(GStrv) lines = mapscope_test_split_lines (text);
  GPtrArray *regions = g_ptr_array_new_with_free_func (g_free);
  GString *current = NULL;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      guint64 start, end;

      if (mapscope_test_parse_range (lines[i], &start, &end))
        {
          if (current != NULL)
            g_ptr_array_add (regions, g_string_free (current, FALSE));
          current = g_string_new (NULL);
        }
      if (current != NULL && lines[i][0] != '\0')
        g_string_append_printf (current, "%s\n", lines[i]);
    }
  if (current != NULL)
    g_ptr_array_add (regions, g_string_free (current, FALSE));

  return regions;
}

/* Reads the output of date(1) in the C locale and UTC, e.g.
 * "Wed Nov 25 14:06:17 UTC 2026"; NULL if LINE is not that. */
GDateTime *
mapscope_test_parse_date_output (const char *line)
{
  static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
  g_auto(GStrv) words = g_strsplit (line, " ", -1);
  const char *fields[6];
  guint n = 0;
  const char *month;
  int hour, minute, second;
  char tail;

  for (guint i = 0; words[i] != NULL; i++)
    {
      if (words[i][0] == '\0')
        continue;
      if (n == G_N_ELEMENTS (fields))
        return NULL;
      fields[n++] = words[i];
    }
  if (n != G_N_ELEMENTS (fields) || strlen (fields[1]) != 3 ||
      strcmp (fields[4], "UTC") != 0)
    return NULL;

  month = strstr (months, fields[1]);
  if (month == NULL || (month - months) % 3 != 0)
    return NULL;
  if (sscanf (fields[3], "%d:%d:%d%c", &hour, &minute, &second, &tail) != 3)
    return NULL;

  return g_date_time_new_utc (atoi (fields[5]), (month - months) / 3 + 1, atoi (fields[2]),
                              hour, minute, second);
}

/* pmap output */

void
mapscope_test_pmap_free (MapscopeTestPmap *pmap)
{
  g_free (pmap->command);
  g_ptr_array_unref (pmap->names);
  g_array_unref (pmap->values);
  g_free (pmap);
}

static void
pmap_add_total (MapscopeTestPmap *pmap,
                const char       *name,
                guint64           value)
{
  g_ptr_array_add (pmap->names, g_strdup (name));
  g_array_append_val (pmap->values, value);
}

/* "PID:   command" */
static void
pmap_parse_header (MapscopeTestPmap *pmap,
                   const char       *line)
{
  const char *colon = strchr (line, ':');

  g_assert_nonnull (colon);
  pmap->pid = atoi (line);
  g_assert_cmpint (pmap->pid, >, 0);

  pmap->command = g_strstrip (g_strdup (colon + 1));
}

/* Splits LINE into words, recording the column just past each word. */
static GStrv
split_words (const char *line,
             GArray     *ends)
{
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);
  const char *p = line;

  while (*p != '\0')
    {
      const char *word;
      guint end;

      while (*p == ' ')
        p++;
      if (*p == '\0')
        break;

      word = p;
      while (*p != ' ' && *p != '\0')
        p++;
      g_ptr_array_add (words, g_strndup (word, p - word));
      end = p - line;
      g_array_append_val (ends, end);
    }
  g_ptr_array_add (words, NULL);

  return (GStrv) g_ptr_array_free (words, FALSE);
}

/* pmap -X and -XX right-align each total under its column's name: the number
 * that ends where a header name ends is that column's total. */
static void
pmap_parse_aligned_totals (MapscopeTestPmap *pmap,
                           const char       *header,
                           const char       *totals)
{
  g_autoptr(GArray) header_ends = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) total_ends = g_array_new (FALSE, FALSE, sizeof (guint));
  g_auto(GStrv) names = split_words (header, header_ends);
  g_auto(GStrv) numbers = split_words (totals, total_ends);

  for (guint i = 0; numbers[i] != NULL; i++)
    {
      guint end = g_array_index (total_ends, guint, i);
      gboolean matched = FALSE;

      if (!g_ascii_isdigit (numbers[i][0]))
        {
          /* the unit at the end of the line */
          g_assert_cmpstr (numbers[i], ==, "KB");
          g_assert_null (numbers[i + 1]);
          break;
        }

      for (guint j = 0; names[j] != NULL && !matched; j++)
        {
          if (g_array_index (header_ends, guint, j) == end)
            {
              pmap_add_total (pmap, names[j], g_ascii_strtoull (numbers[i], NULL, 10));
              matched = TRUE;
            }
        }
      if (!matched)
        g_test_message ("total %s at column %u is under no header name", numbers[i], end);
      g_assert_true (matched);
    }
}

/* pmap -x: "total kB   N   N   N", under the header's numeric columns. */
static void
pmap_parse_x_totals (MapscopeTestPmap *pmap,
                     const char       *header,
                     const char       *totals)
{
  g_autoptr(GArray) ends = g_array_new (FALSE, FALSE, sizeof (guint));
  g_auto(GStrv) names = split_words (header, ends);
  g_auto(GStrv) numbers = split_words (totals, ends);
  guint n_numbers;

  g_assert_cmpstr (numbers[0], ==, "total");
  g_assert_cmpstr (numbers[1], ==, "kB");
  g_assert_cmpstr (names[0], ==, "Address");

  n_numbers = g_strv_length (numbers) - 2;
  g_assert_cmpuint (g_strv_length (names), ==, n_numbers + 3);  /* Address ... Mode Mapping */
  for (guint i = 0; i < n_numbers; i++)
    pmap_add_total (pmap, names[i + 1], g_ascii_strtoull (numbers[i + 2], NULL, 10));
}

/* Reads the header, counts the rows and reads the totals line of pmap output
 * in FORMAT. Plain pmap's " total NNNK" is given the name "Kbytes", as pmap -x
 * calls that column. */
MapscopeTestPmap *
mapscope_test_pmap_parse (const char     *text,
                          MapscopeFormat  format)
{
  g_auto(GStrv) lines = mapscope_test_split_lines (text);
  MapscopeTestPmap *pmap = g_new0 (MapscopeTestPmap, 1);
  guint n_lines = g_strv_length (lines);
  guint first_row = format == MAPSCOPE_FORMAT_PMAP ? 1 : 2;
  guint i;
  const char *last = NULL;

  pmap->names = g_ptr_array_new_with_free_func (g_free);
  pmap->values = g_array_new (FALSE, FALSE, sizeof (guint64));

  g_assert_cmpuint (n_lines, >, first_row);
  pmap_parse_header (pmap, lines[0]);

  for (i = first_row; i < n_lines; i++)
    {
      const char *line = lines[i];
      const char *trimmed = line + strspn (line, " ");

      if ((format == MAPSCOPE_FORMAT_PMAP && g_str_has_prefix (line, " total")) ||
          (format == MAPSCOPE_FORMAT_PMAP_x && g_str_has_prefix (line, "----")) ||
          ((format == MAPSCOPE_FORMAT_PMAP_X || format == MAPSCOPE_FORMAT_PMAP_XX) &&
           trimmed[0] == '='))
        break;
      if (line[0] != '\0')
        pmap->n_rows++;
    }
  g_assert_cmpuint (i, <, n_lines);

  for (guint j = 0; j < n_lines; j++)
    {
      if (lines[j][0] != '\0')
        last = lines[j];
    }

  switch (format)
    {
    case MAPSCOPE_FORMAT_PMAP:
      {
        guint64 total = 0;
        char unit = 0;

        g_assert_true (last == lines[i]);
        g_assert_cmpint (sscanf (last, " total %" G_GUINT64_FORMAT "%c", &total, &unit), ==, 2);
        g_assert_cmpint (unit, ==, 'K');
        pmap_add_total (pmap, "Kbytes", total);
      }
      break;

    case MAPSCOPE_FORMAT_PMAP_x:
      g_assert_true (g_str_has_prefix (last, "total kB"));
      pmap_parse_x_totals (pmap, lines[1], last);
      break;

    case MAPSCOPE_FORMAT_PMAP_X:
    case MAPSCOPE_FORMAT_PMAP_XX:
      pmap_parse_aligned_totals (pmap, lines[1], last);
      break;

    default:
      g_assert_not_reached ();
    }

  g_assert_cmpuint (pmap->names->len, >, 0);
  return pmap;
}

gboolean
mapscope_test_pmap_get_total (MapscopeTestPmap *pmap,
                              const char       *name,
                              guint64          *value)
{
  for (guint i = 0; i < pmap->names->len; i++)
    {
      if (g_strcmp0 (g_ptr_array_index (pmap->names, i), name) == 0)
        {
          *value = g_array_index (pmap->values, guint64, i);
          return TRUE;
        }
    }

  return FALSE;
}

/* Temporary files */

char *
mapscope_test_gzip (const char *data,
                    gsize       length,
                    gsize      *out_length)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, -1);
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) stream = NULL;

  stream = g_converter_output_stream_new (memory, G_CONVERTER (compressor));
  g_output_stream_write_all (stream, data, length, NULL, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (stream, NULL, &error);
  g_assert_no_error (error);

  *out_length = g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (memory));
  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (memory));
}

char *
mapscope_test_write_file (const char *dir,
                          const char *name,
                          const char *data,
                          gsize       length)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, data, length, &error);
  g_assert_no_error (error);

  return path;
}

/* Removes DIR and the files in it. */
void
mapscope_test_remove_dir (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *entry;

  if (handle == NULL)
    return;

  while ((entry = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, entry, NULL);

      g_assert_cmpint (g_unlink (path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}
