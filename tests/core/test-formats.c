/* test-formats.c: every input format is recognised by its content, gzip or
 * not, and logs split into snapshots where they should
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "mapscope-test-util.h"

static const char * const suffixes[] = {
  "smaps", "smaps_rollup", "maps", "pmap", "pmap-x", "pmap-X", "pmap-XX",
};

typedef struct
{
  char *dir;
} TempDir;

static void
temp_dir_setup (TempDir       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("mapscope-test-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
temp_dir_teardown (TempDir       *fixture,
                   gconstpointer  data)
{
  mapscope_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
}

static void
assert_format (MapscopeDocument *document,
               MapscopeFormat    format)
{
  guint n = mapscope_document_get_n_snapshots (document);

  g_assert_cmpstr (mapscope_format_get_name (mapscope_document_get_format (document)), ==,
                   mapscope_format_get_name (format));
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (mapscope_snapshot_get_format (mapscope_document_get_snapshot (document, i)),
                     ==, format);
}

static guint
count_lines (const char *text)
{
  guint n = 0;
  const char *p;

  for (p = text; *p != '\0'; p++)
    {
      if (*p == '\n')
        n++;
    }

  /* a last line without its newline */
  if (p != text && p[-1] != '\n')
    n++;

  return n;
}

/* What the core read from FILE (TEXT) agrees with the text: the format,
 * one snapshot, its regions, and for pmap the process of the header. */
static void
check_fixture_document (MapscopeDocument *document,
                        const char       *file,
                        const char       *text)
{
  MapscopeFormat format = mapscope_test_format_for_name (file);
  MapscopeSnapshot *snapshot;

  assert_format (document, format);
  snapshot = mapscope_test_only_snapshot (document);
  mapscope_test_assert_no_warnings (document);
  g_assert_nonnull (mapscope_document_get_source (document));
  g_assert_cmpuint (mapscope_document_get_n_lines (document), ==, count_lines (text));

  switch (format)
    {
    case MAPSCOPE_FORMAT_SMAPS:
    case MAPSCOPE_FORMAT_MAPS:
      g_assert_cmpuint (mapscope_snapshot_get_n_regions (snapshot), ==,
                        mapscope_test_count_ranges (text));
      g_assert_null (mapscope_snapshot_get_rollup (snapshot));
      break;

    case MAPSCOPE_FORMAT_SMAPS_ROLLUP:
      g_assert_nonnull (mapscope_snapshot_get_rollup (snapshot));
      break;

    case MAPSCOPE_FORMAT_PMAP:
    case MAPSCOPE_FORMAT_PMAP_x:
    case MAPSCOPE_FORMAT_PMAP_X:
    case MAPSCOPE_FORMAT_PMAP_XX:
      {
        g_autoptr(MapscopeTestPmap) pmap = mapscope_test_pmap_parse (text, format);

        g_assert_cmpuint (mapscope_snapshot_get_n_regions (snapshot), ==, pmap->n_rows);
        g_assert_cmpint (mapscope_snapshot_get_pid (snapshot), ==, pmap->pid);
        g_assert_cmpstr (mapscope_snapshot_get_command (snapshot), ==, pmap->command);
      }
      break;

    default:
      g_assert_not_reached ();
    }
}

/* The two documents hold the same snapshots. */
static void
assert_same_documents (MapscopeDocument *a,
                       MapscopeDocument *b)
{
  guint n = mapscope_document_get_n_snapshots (a);

  g_assert_cmpint (mapscope_document_get_format (a), ==, mapscope_document_get_format (b));
  g_assert_cmpuint (n, ==, mapscope_document_get_n_snapshots (b));

  for (guint s = 0; s < n; s++)
    {
      MapscopeSnapshot *sa = mapscope_document_get_snapshot (a, s);
      MapscopeSnapshot *sb = mapscope_document_get_snapshot (b, s);
      g_autoptr(MapscopeSummary) summary_a = mapscope_summary_new (sa);
      g_autoptr(MapscopeSummary) summary_b = mapscope_summary_new (sb);
      const MapscopeTotals *ta = mapscope_summary_get_totals (summary_a);
      const MapscopeTotals *tb = mapscope_summary_get_totals (summary_b);
      guint n_regions = mapscope_snapshot_get_n_regions (sa);

      g_assert_cmpuint (n_regions, ==, mapscope_snapshot_get_n_regions (sb));
      for (guint i = 0; i < n_regions; i++)
        {
          const MapscopeRegion *ra = mapscope_snapshot_get_region (sa, i);
          const MapscopeRegion *rb = mapscope_snapshot_get_region (sb, i);

          g_assert_cmphex (ra->start, ==, rb->start);
          g_assert_cmphex (ra->end, ==, rb->end);
          g_assert_cmpstr (ra->path, ==, rb->path);
        }

      g_assert_cmpuint (mapscope_summary_get_n_fields (summary_a), ==,
                        mapscope_summary_get_n_fields (summary_b));
      for (guint f = 0; f < mapscope_summary_get_n_fields (summary_a); f++)
        {
          g_assert_cmpint (ta->present[f], ==, tb->present[f]);
          g_assert_cmpuint (ta->values[f], ==, tb->values[f]);
        }
    }
}

/* The same content with "\r\n" line ends */
static void
test_crlf (gconstpointer data)
{
  const char *file = data;
  g_autofree char *text = mapscope_test_read_real (file, NULL);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autofree char *crlf = g_strjoinv ("\r\n", lines);
  g_autoptr(MapscopeDocument) plain = mapscope_test_load_real (file);
  g_autoptr(MapscopeDocument) document = mapscope_test_load_text (crlf);

  check_fixture_document (document, file, text);
  assert_same_documents (plain, document);
}

/* pmap -XX shows what smaps shows of each mapping, but the directory. */
static void
test_pmap_xx_like_smaps (gconstpointer data)
{
  const char *name = data;
  g_autofree char *smaps_file = g_strconcat (name, ".smaps", NULL);
  g_autofree char *xx_file = g_strconcat (name, ".pmap-XX", NULL);
  g_autoptr(MapscopeDocument) smaps = mapscope_test_load_real (smaps_file);
  g_autoptr(MapscopeDocument) xx = mapscope_test_load_real (xx_file);
  MapscopeSnapshot *smaps_snapshot = mapscope_test_only_snapshot (smaps);
  MapscopeSnapshot *xx_snapshot = mapscope_test_only_snapshot (xx);
  guint n = 0, n_xx = 0;
  const MapscopeRegion *regions = mapscope_snapshot_get_regions (smaps_snapshot, &n);
  const MapscopeRegion *xx_regions = mapscope_snapshot_get_regions (xx_snapshot, &n_xx);

  g_assert_cmpuint (n, ==, n_xx);
  for (guint i = 0; i < n; i++)
    {
      const MapscopeRegion *a = &regions[i];
      const MapscopeRegion *b = &xx_regions[i];
      const char *base_a, *base_b;
      gsize len_a = 0, len_b = 0;
      g_auto(GStrv) codes_a = NULL;
      g_auto(GStrv) codes_b = NULL;

      g_assert_cmphex (a->start, ==, b->start);
      g_assert_cmphex (a->end, ==, b->end);
      g_assert_cmphex (a->offset, ==, b->offset);
      g_assert_cmpuint (a->inode, ==, b->inode);
      g_assert_cmpuint (a->device, ==, b->device);
      g_assert_cmpuint (a->perms, ==, b->perms);
      g_assert_cmpuint (a->flags & MAPSCOPE_REGION_DELETED, ==, b->flags & MAPSCOPE_REGION_DELETED);
      g_assert_cmpint (a->thp_eligible, ==, b->thp_eligible);
      g_assert_cmphex (a->vmflags, ==, b->vmflags);
      codes_a = mapscope_vmflags_split (a->vmflags_text);
      codes_b = mapscope_vmflags_split (b->vmflags_text);
      g_assert_true (g_strv_equal ((const char * const *) codes_a,
                                   (const char * const *) codes_b));
      g_assert_cmpuint (g_strv_length (codes_a), >, 0);
      base_a = mapscope_region_get_basename (a, &len_a);
      base_b = mapscope_region_get_basename (b, &len_b);
      g_assert_cmpmem (base_a, len_a, base_b, len_b);
    }
}

/* Each real fixture, by path */
static void
test_detect (gconstpointer data)
{
  const char *file = data;
  g_autofree char *text = mapscope_test_read_real (file, NULL);
  g_autoptr(MapscopeDocument) document = mapscope_test_load_real (file);

  check_fixture_document (document, file, text);
}

/* The same content under a name that says another format: the content wins. */
static void
test_misnamed (TempDir       *fixture,
               gconstpointer  data)
{
  const char *file = data;
  gsize length = 0;
  g_autofree char *text = mapscope_test_read_real (file, &length);
  const char *name = mapscope_test_format_for_name (file) == MAPSCOPE_FORMAT_SMAPS ?
                     "capture.pmap-XX" : "capture.smaps";
  g_autofree char *path = mapscope_test_write_file (fixture->dir, name, text, length);
  g_autoptr(MapscopeDocument) document = mapscope_test_load_path (path);

  check_fixture_document (document, file, text);
}

/* The same content gzip-compressed, named with and without .gz */
static void
test_gzip (TempDir       *fixture,
           gconstpointer  data)
{
  const char *file = data;
  gsize length = 0, gz_length = 0;
  g_autofree char *text = mapscope_test_read_real (file, &length);
  g_autofree char *gz = mapscope_test_gzip (text, length, &gz_length);
  g_autofree char *gz_name = g_strconcat (file, ".gz", NULL);
  g_autofree char *named = mapscope_test_write_file (fixture->dir, gz_name, gz, gz_length);
  g_autofree char *unnamed = mapscope_test_write_file (fixture->dir, "capture", gz, gz_length);
  g_autoptr(MapscopeDocument) plain = mapscope_test_load_real (file);
  g_autoptr(MapscopeDocument) from_named = mapscope_test_load_path (named);
  g_autoptr(MapscopeDocument) from_unnamed = mapscope_test_load_path (unnamed);

  /* the compressed bytes are not the text */
  g_assert_cmpint (memcmp (gz, "\x1f\x8b", 2), ==, 0);

  check_fixture_document (from_named, file, text);
  check_fixture_document (from_unnamed, file, text);
  assert_same_documents (plain, from_named);
  assert_same_documents (plain, from_unnamed);
}

static MapscopeDocument *
load_memory_stream (const char *data,
                    gsize       length,
                    guint64     total_size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (data, length, NULL);
  MapscopeDocument *document;

  document = mapscope_document_load_stream (stream, "stream", total_size, NULL, NULL, NULL,
                                            &error);
  g_assert_no_error (error);
  g_assert_nonnull (document);

  return document;
}

/* A file that cannot be read */
static void
test_unreadable (TempDir       *fixture,
                 gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (fixture->dir, "no such file", NULL);
  const char *paths[] = { missing, fixture->dir };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MapscopeDocument) document =
        mapscope_document_load_path (paths[i], NULL, NULL, NULL, &error);

      g_test_message ("%s", paths[i]);
      g_assert_null (document);
      g_assert_error (error, MAPSCOPE_PARSE_ERROR, MAPSCOPE_PARSE_ERROR_READ);
    }
}

typedef struct
{
  guint   calls;
  guint64 last_done;
  guint64 last_total;
  gboolean backwards;
  GCancellable *cancel;  /* cancelled at the first call, if set */
} Progress;

static void
record_progress (guint64  bytes_done,
                 guint64  bytes_total,
                 gpointer user_data)
{
  Progress *progress = user_data;

  if (bytes_done < progress->last_done)
    progress->backwards = TRUE;
  progress->calls++;
  progress->last_done = bytes_done;
  progress->last_total = bytes_total;
  if (progress->cancel != NULL)
    g_cancellable_cancel (progress->cancel);
}

/* Progress goes up to the size of the file; cancelling stops the load. */
static void
test_progress (void)
{
  g_autofree char *path = mapscope_test_real_path ("python-leak-timeline.log");
  g_autofree char *text = mapscope_test_read_real ("python-leak-timeline.log", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(MapscopeDocument) document = NULL;
  g_autoptr(MapscopeDocument) cancelled = NULL;
  g_autoptr(GCancellable) midway = g_cancellable_new ();
  g_autoptr(MapscopeDocument) stopped = NULL;
  Progress progress = { 0 };
  Progress stopping = { 0 };

  document = mapscope_document_load_path (path, NULL, record_progress, &progress, &error);
  g_assert_no_error (error);
  g_assert_nonnull (document);
  g_assert_cmpuint (progress.calls, >, 0);
  g_assert_false (progress.backwards);
  g_assert_cmpuint (progress.last_done, ==, strlen (text));
  g_assert_cmpuint (progress.last_total, ==, strlen (text));

  /* cancelled while reading */
  stopping.cancel = midway;
  stopped = mapscope_document_load_path (path, midway, record_progress, &stopping, &error);
  g_assert_null (stopped);
  g_assert_error (error, MAPSCOPE_PARSE_ERROR, MAPSCOPE_PARSE_ERROR_CANCELLED);
  g_assert_cmpuint (stopping.last_done, <, strlen (text));
  g_clear_error (&error);

  /* cancelled before it starts */
  g_cancellable_cancel (cancellable);
  cancelled = mapscope_document_load_path (path, cancellable, NULL, NULL, &error);
  g_assert_null (cancelled);
  g_assert_error (error, MAPSCOPE_PARSE_ERROR, MAPSCOPE_PARSE_ERROR_CANCELLED);
}

/* A stream, plain and compressed, with and without a known size */
static void
test_stream (void)
{
  const char *file = "zoo.pmap-XX";
  gsize length = 0, gz_length = 0;
  g_autofree char *text = mapscope_test_read_real (file, &length);
  g_autofree char *gz = mapscope_test_gzip (text, length, &gz_length);
  g_autoptr(MapscopeDocument) plain = mapscope_test_load_real (file);
  g_autoptr(MapscopeDocument) sized = load_memory_stream (text, length, length);
  g_autoptr(MapscopeDocument) unsized = load_memory_stream (text, length, 0);
  g_autoptr(MapscopeDocument) compressed = load_memory_stream (gz, gz_length, 0);

  check_fixture_document (sized, file, text);
  check_fixture_document (unsized, file, text);
  check_fixture_document (compressed, file, text);
  assert_same_documents (plain, compressed);
}

/* What a log says about each of its snapshots, read here from the text:
 * a line that is neither a region line nor a field line is a `date` line. */
typedef struct
{
  GDateTime *time;
  guint      date_line;
  guint      n_regions;
  guint64    rss;
} LogChunk;

static void
log_chunk_clear (gpointer data)
{
  LogChunk *chunk = data;

  g_date_time_unref (chunk->time);
}

static GArray *
read_date_log (const char *text)
{
  g_auto(GStrv) lines = mapscope_test_split_lines (text);
  GArray *chunks = g_array_new (FALSE, TRUE, sizeof (LogChunk));
  LogChunk *current = NULL;

  g_array_set_clear_func (chunks, log_chunk_clear);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *name = NULL;
      guint64 start, end, value;

      if (lines[i][0] == '\0' || g_str_has_prefix (lines[i], "VmFlags:"))
        continue;

      if (mapscope_test_parse_range (lines[i], &start, &end))
        {
          g_assert_nonnull (current);
          current->n_regions++;
        }
      else if (mapscope_test_parse_field_line (lines[i], &name, &value))
        {
          g_assert_nonnull (current);
          if (strcmp (name, "Rss") == 0)
            current->rss += value;
        }
      else
        {
          LogChunk chunk = { mapscope_test_parse_date_output (lines[i]), i + 1, 0, 0 };

          if (chunk.time == NULL)
            g_test_message ("line %u is no date: %s", i + 1, lines[i]);
          g_assert_nonnull (chunk.time);
          g_array_append_val (chunks, chunk);
          current = &g_array_index (chunks, LogChunk, chunks->len - 1);
        }
    }

  return chunks;
}

/* python-leak-timeline.log: five `date` + smaps, a growing process */
static void
test_timeline (void)
{
  g_autofree char *text = mapscope_test_read_real ("python-leak-timeline.log", NULL);
  g_autoptr(GArray) chunks = read_date_log (text);
  g_autoptr(MapscopeDocument) document = mapscope_test_load_real ("python-leak-timeline.log");
  g_autoptr(GDateTime) first = g_date_time_new_from_iso8601 ("2026-11-25T14:06:17Z", NULL);
  guint64 previous_rss = 0;

  gsize length = 0, gz_length = 0;
  g_autofree char *gz = NULL;
  g_autoptr(MapscopeDocument) compressed = NULL;

  g_assert_cmpuint (chunks->len, ==, 5);
  g_assert_cmpuint (mapscope_document_get_n_snapshots (document), ==, chunks->len);
  assert_format (document, MAPSCOPE_FORMAT_SMAPS);
  mapscope_test_assert_no_warnings (document);

  mapscope_test_assert_timestamp (mapscope_document_get_snapshot (document, 0), first);

  for (guint i = 0; i < chunks->len; i++)
    {
      const LogChunk *chunk = &g_array_index (chunks, LogChunk, i);
      MapscopeSnapshot *snapshot = mapscope_document_get_snapshot (document, i);
      g_autoptr(MapscopeSummary) summary = mapscope_summary_new (snapshot);
      const MapscopeTotals *totals = mapscope_summary_get_totals (summary);
      guint source_line = mapscope_snapshot_get_source_line (snapshot);

      mapscope_test_assert_timestamp (snapshot, chunk->time);
      g_assert_cmpuint (mapscope_snapshot_get_n_regions (snapshot), ==, chunk->n_regions);
      g_assert_true (totals->present[MAPSCOPE_FIELD_RSS]);
      g_assert_cmpuint (totals->values[MAPSCOPE_FIELD_RSS], ==, chunk->rss);
      g_assert_cmpuint (totals->values[MAPSCOPE_FIELD_RSS], >, previous_rss);
      g_assert_true (source_line == chunk->date_line || source_line == chunk->date_line + 1);
      previous_rss = totals->values[MAPSCOPE_FIELD_RSS];
    }

  /* the same log, gzip-compressed */
  length = strlen (text);
  gz = mapscope_test_gzip (text, length, &gz_length);
  compressed = mapscope_test_load_data (gz, gz_length);
  assert_same_documents (document, compressed);
  for (guint i = 0; i < chunks->len; i++)
    mapscope_test_assert_timestamp (mapscope_document_get_snapshot (compressed, i),
                                    g_array_index (chunks, LogChunk, i).time);
}

/* A log of the regions of sleep.smaps split in two halves, each half after a
 * separator line: the addresses only go up, so only the separators split. */
typedef struct
{
  const char *name;
  const char *separators[2];  /* NULL: `date +%s` of the expected time */
  const char *expected[2];    /* the times, in UTC */
} SeparatorCase;

static const SeparatorCase separator_cases[] = {
  { "date",
    { "Wed Nov 25 14:06:17 UTC 2026", "Wed Nov 25 14:06:19 UTC 2026" },
    { "2026-11-25T14:06:17Z", "2026-11-25T14:06:19Z" } },
  { "date-padded-day",
    { "Thu Nov  5 09:00:00 UTC 2026", "Thu Nov  5 09:00:02 UTC 2026" },
    { "2026-11-05T09:00:00Z", "2026-11-05T09:00:02Z" } },
  /* TZ=Europe/Berlin and TZ=America/New_York */
  { "date-zone-name",
    { "Wed Nov 25 15:06:17 CET 2026", "Wed Nov 25 09:06:19 EST 2026" },
    { "2026-11-25T14:06:17Z", "2026-11-25T14:06:19Z" } },
  /* TZ=America/Sao_Paulo and TZ=Asia/Dubai: zones without a name */
  { "date-zone-numeric",
    { "Wed Nov 25 11:06:17 -03 2026", "Wed Nov 25 18:06:19 +04 2026" },
    { "2026-11-25T14:06:17Z", "2026-11-25T14:06:19Z" } },
  /* LANG=en_US.UTF-8 and LANG=en_GB.UTF-8 */
  { "date-en_US",
    { "Wed 25 Nov 2026 02:06:17 PM UTC", "Wed 25 Nov 2026 02:06:19 PM UTC" },
    { "2026-11-25T14:06:17Z", "2026-11-25T14:06:19Z" } },
  { "date-en_GB",
    { "Wed 25 Nov 2026 14:06:17 UTC", "Wed 25 Nov 2026 14:06:19 UTC" },
    { "2026-11-25T14:06:17Z", "2026-11-25T14:06:19Z" } },
  { "date-Is",
    { "2026-11-25T14:06:17+00:00", "2026-11-25T14:06:19+00:00" },
    { "2026-11-25T14:06:17Z", "2026-11-25T14:06:19Z" } },
  { "date-Is-offset",
    { "2026-11-25T15:06:17+01:00", "2026-11-25T09:06:19-05:00" },
    { "2026-11-25T14:06:17Z", "2026-11-25T14:06:19Z" } },
  { "date-s",
    { NULL, NULL },
    { "2026-11-25T14:06:17Z", "2026-11-25T14:06:19Z" } },
  { "marker-date",
    { "=== Wed Nov 25 14:06:17 UTC 2026 ===", "=== Wed Nov 25 14:06:19 UTC 2026 ===" },
    { "2026-11-25T14:06:17Z", "2026-11-25T14:06:19Z" } },
  { "marker-mapscope",
    { "=== mapscope snapshot pid=6573 time=2026-11-25T14:06:17Z ===",
      "=== mapscope snapshot pid=6573 time=2026-11-25T14:06:19Z ===" },
    { "2026-11-25T14:06:17Z", "2026-11-25T14:06:19Z" } },
};

static void
test_separator (gconstpointer data)
{
  const SeparatorCase *separator_case = data;
  g_autofree char *text = mapscope_test_read_real ("sleep.smaps", NULL);
  g_autoptr(GPtrArray) regions = mapscope_test_split_smaps_regions (text);
  g_autoptr(GString) log = g_string_new (NULL);
  g_autoptr(MapscopeDocument) document = NULL;
  guint half = regions->len / 2;
  guint counts[2] = { half, regions->len - half };

  g_assert_cmpuint (regions->len, ==, mapscope_test_count_ranges (text));
  g_assert_cmpuint (half, >, 2);

  for (guint i = 0; i < regions->len; i++)
    {
      if (i == 0 || i == half)
        {
          guint s = i == 0 ? 0 : 1;
          g_autoptr(GDateTime) time =
            g_date_time_new_from_iso8601 (separator_case->expected[s], NULL);

          if (separator_case->separators[s] != NULL)
            g_string_append_printf (log, "%s\n", separator_case->separators[s]);
          else
            g_string_append_printf (log, "%" G_GINT64_FORMAT "\n", g_date_time_to_unix (time));
        }
      g_string_append (log, g_ptr_array_index (regions, i));
    }

  document = mapscope_test_load_text (log->str);
  mapscope_test_assert_no_warnings (document);
  g_assert_cmpuint (mapscope_document_get_n_snapshots (document), ==, 2);
  assert_format (document, MAPSCOPE_FORMAT_SMAPS);

  for (guint s = 0; s < 2; s++)
    {
      MapscopeSnapshot *snapshot = mapscope_document_get_snapshot (document, s);
      g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (separator_case->expected[s], NULL);

      g_assert_cmpuint (mapscope_snapshot_get_n_regions (snapshot), ==, counts[s]);
      mapscope_test_assert_timestamp (snapshot, time);
    }
}

/* `date; cat FILE` twice: each separator gives its time to the one snapshot
 * that follows it, whatever the format. */
static void
test_dated_copies (gconstpointer data)
{
  const char *file = data;
  MapscopeFormat format = mapscope_test_format_for_name (file);
  g_autofree char *text = mapscope_test_read_real (file, NULL);
  g_autofree char *log = g_strconcat ("Wed Nov 25 14:06:17 UTC 2026\n", text,
                                      "Wed Nov 25 14:06:19 UTC 2026\n", text, NULL);
  g_autoptr(MapscopeDocument) single = mapscope_test_load_real (file);
  g_autoptr(MapscopeDocument) document = mapscope_test_load_text (log);
  static const char * const times[] = { "2026-11-25T14:06:17Z", "2026-11-25T14:06:19Z" };

  mapscope_test_assert_no_warnings (document);
  g_assert_cmpuint (mapscope_document_get_n_snapshots (document), ==, 2);
  assert_format (document, format);

  for (guint s = 0; s < 2; s++)
    {
      MapscopeSnapshot *snapshot = mapscope_document_get_snapshot (document, s);
      MapscopeSnapshot *expected = mapscope_document_get_snapshot (single, 0);
      g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (times[s], NULL);

      mapscope_test_assert_timestamp (snapshot, time);
      g_assert_cmpuint (mapscope_snapshot_get_n_regions (snapshot), ==,
                        mapscope_snapshot_get_n_regions (expected));
      g_assert_cmpint (mapscope_snapshot_get_pid (snapshot), ==,
                       mapscope_snapshot_get_pid (expected));
      g_assert_cmpstr (mapscope_snapshot_get_command (snapshot), ==,
                       mapscope_snapshot_get_command (expected));
      g_assert_cmpint (mapscope_snapshot_get_rollup (snapshot) != NULL, ==,
                       format == MAPSCOPE_FORMAT_SMAPS_ROLLUP);
    }
}

/* tests/data/crafted/separators.maps.log: four snapshots of the same maps,
 * each after another kind of separator */
static void
test_separators_crafted (void)
{
  static const struct
  {
    const char *time;
    guint       n_regions;
    guint       line;
  } expected[] = {
    { "2026-11-25T14:06:17Z", 3, 1 },
    { "2026-11-25T14:06:19Z", 4, 5 },
    { "2026-11-25T14:06:21Z", 2, 10 },
    { "2026-11-25T14:06:23Z", 3, 13 },
  };
  g_autofree char *path = mapscope_test_crafted_path ("separators.maps.log");
  g_autoptr(MapscopeDocument) document = mapscope_test_load_path (path);

  g_assert_cmpuint (mapscope_document_get_n_snapshots (document), ==, G_N_ELEMENTS (expected));
  assert_format (document, MAPSCOPE_FORMAT_MAPS);
  mapscope_test_assert_no_warnings (document);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      MapscopeSnapshot *snapshot = mapscope_document_get_snapshot (document, i);
      g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (expected[i].time, NULL);
      guint line = mapscope_snapshot_get_source_line (snapshot);

      g_assert_cmpuint (mapscope_snapshot_get_n_regions (snapshot), ==, expected[i].n_regions);
      mapscope_test_assert_timestamp (snapshot, time);
      g_assert_true (line == expected[i].line || line == expected[i].line + 1);
    }
}

/* A fixture twice in a row, with nothing between: the second copy starts
 * below where the first ended, which starts a snapshot. */
static void
test_backwards (gconstpointer data)
{
  const char *file = data;
  g_autofree char *text = mapscope_test_read_real (file, NULL);
  g_autofree char *twice = g_strconcat (text, text, NULL);
  g_autoptr(MapscopeDocument) document = mapscope_test_load_text (twice);
  guint n_regions = mapscope_test_count_ranges (text);
  guint64 first_start = 0, first_end = 0;

  g_assert_true (mapscope_test_parse_range (text, &first_start, &first_end));
  g_assert_cmpuint (mapscope_document_get_n_snapshots (document), ==, 2);
  assert_format (document, mapscope_test_format_for_name (file));
  mapscope_test_assert_no_warnings (document);

  for (guint s = 0; s < 2; s++)
    {
      MapscopeSnapshot *snapshot = mapscope_document_get_snapshot (document, s);

      g_assert_cmpuint (mapscope_snapshot_get_n_regions (snapshot), ==, n_regions);
      g_assert_cmphex (mapscope_snapshot_get_region (snapshot, 0)->start, ==, first_start);
      g_assert_null (mapscope_snapshot_get_timestamp (snapshot));
    }
}

/* pmap -x output twice in a row: two snapshots of the process in the header */
static void
test_pmap_twice (gconstpointer data)
{
  const char *file = data;
  MapscopeFormat format = mapscope_test_format_for_name (file);
  g_autofree char *text = mapscope_test_read_real (file, NULL);
  g_autofree char *twice = g_strconcat (text, text, NULL);
  g_autoptr(MapscopeTestPmap) pmap = mapscope_test_pmap_parse (text, format);
  g_autoptr(MapscopeDocument) document = mapscope_test_load_text (twice);
  const char *size_column = format == MAPSCOPE_FORMAT_PMAP_X || format == MAPSCOPE_FORMAT_PMAP_XX ?
                            "Size" : "Kbytes";

  g_assert_cmpuint (mapscope_document_get_n_snapshots (document), ==, 2);
  assert_format (document, format);
  mapscope_test_assert_no_warnings (document);

  for (guint s = 0; s < 2; s++)
    {
      MapscopeSnapshot *snapshot = mapscope_document_get_snapshot (document, s);
      g_autoptr(MapscopeSummary) summary = mapscope_summary_new (snapshot);
      guint64 size = 0;

      g_assert_cmpuint (mapscope_snapshot_get_n_regions (snapshot), ==, pmap->n_rows);
      g_assert_cmpint (mapscope_snapshot_get_pid (snapshot), ==, pmap->pid);
      g_assert_cmpstr (mapscope_snapshot_get_command (snapshot), ==, pmap->command);
      g_assert_true (mapscope_test_pmap_get_total (pmap, size_column, &size));
      g_assert_cmpuint (mapscope_summary_get_totals (summary)->values[MAPSCOPE_FIELD_SIZE], ==,
                        size);
    }
}

/* tests/data/crafted/two-pmap-x.txt: two processes; the addresses of the
 * second are above those of the first, so only its header splits. */
static void
test_pmap_header_split (void)
{
  static const struct
  {
    gint        pid;
    const char *command;
    guint       n_regions;
    guint64     size;
    guint64     rss;
    guint64     dirty;
  } expected[] = {
    { 100, "/usr/bin/alpha --serve", 3, 156, 32, 12 },
    { 200, "beta", 2, 136, 12, 12 },
  };
  g_autofree char *path = mapscope_test_crafted_path ("two-pmap-x.txt");
  g_autoptr(MapscopeDocument) document = mapscope_test_load_path (path);

  g_assert_cmpuint (mapscope_document_get_n_snapshots (document), ==, G_N_ELEMENTS (expected));
  assert_format (document, MAPSCOPE_FORMAT_PMAP_x);
  mapscope_test_assert_no_warnings (document);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      MapscopeSnapshot *snapshot = mapscope_document_get_snapshot (document, i);
      g_autoptr(MapscopeSummary) summary = mapscope_summary_new (snapshot);
      const MapscopeTotals *totals = mapscope_summary_get_totals (summary);

      g_assert_cmpint (mapscope_snapshot_get_pid (snapshot), ==, expected[i].pid);
      g_assert_cmpstr (mapscope_snapshot_get_command (snapshot), ==, expected[i].command);
      g_assert_cmpuint (mapscope_snapshot_get_n_regions (snapshot), ==, expected[i].n_regions);
      g_assert_cmpuint (totals->values[MAPSCOPE_FIELD_SIZE], ==, expected[i].size);
      g_assert_cmpuint (totals->values[MAPSCOPE_FIELD_RSS], ==, expected[i].rss);
      g_assert_cmpuint (totals->values[MAPSCOPE_FIELD_DIRTY], ==, expected[i].dirty);
    }
}

static void
add_fixture_tests (GPtrArray  *owned,
                   const char *capture)
{
  char *name = g_strdup (capture);
  g_autofree char *like = g_strdup_printf ("/formats/pmap-XX-like-smaps/%s", capture);

  g_ptr_array_add (owned, name);
  g_test_add_data_func (like, name, test_pmap_xx_like_smaps);

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      char *file = g_strdup_printf ("%s.%s", capture, suffixes[i]);
      g_autofree char *detect = g_strdup_printf ("/formats/detect/%s", file);
      g_autofree char *misnamed = g_strdup_printf ("/formats/misnamed/%s", file);
      g_autofree char *gzip = g_strdup_printf ("/formats/gzip/%s", file);
      g_autofree char *crlf = g_strdup_printf ("/formats/crlf/%s", file);

      g_ptr_array_add (owned, file);
      g_test_add_data_func (detect, file, test_detect);
      g_test_add (misnamed, TempDir, file, temp_dir_setup, test_misnamed, temp_dir_teardown);
      g_test_add (gzip, TempDir, file, temp_dir_setup, test_gzip, temp_dir_teardown);
      g_test_add_data_func (crlf, file, test_crlf);
      if (strcmp (capture, "sleep") == 0)
        {
          g_autofree char *dated = g_strdup_printf ("/formats/dated-copies/%s", file);

          g_test_add_data_func (dated, file, test_dated_copies);
        }
    }

}

int
main (int   argc,
      char *argv[])
{
  g_auto(GStrv) captures = NULL;
  g_autoptr(GPtrArray) owned = g_ptr_array_new_with_free_func (g_free);

  g_test_init (&argc, &argv, NULL);

  captures = mapscope_test_list_captures ();
  for (guint i = 0; captures[i] != NULL; i++)
    add_fixture_tests (owned, captures[i]);

  g_test_add ("/formats/unreadable", TempDir, NULL, temp_dir_setup, test_unreadable,
              temp_dir_teardown);
  g_test_add_func ("/formats/stream", test_stream);
  g_test_add_func ("/formats/progress", test_progress);
  g_test_add_func ("/formats/timeline", test_timeline);
  for (guint i = 0; i < G_N_ELEMENTS (separator_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/formats/separator/%s", separator_cases[i].name);

      g_test_add_data_func (path, &separator_cases[i], test_separator);
    }
  g_test_add_func ("/formats/separator/crafted", test_separators_crafted);
  g_test_add_data_func ("/formats/backwards/smaps", "sleep.smaps", test_backwards);
  g_test_add_data_func ("/formats/backwards/maps", "zoo.maps", test_backwards);
  g_test_add_data_func ("/formats/pmap-twice/pmap-x", "sleep.pmap-x", test_pmap_twice);
  g_test_add_data_func ("/formats/pmap-twice/pmap-XX", "zoo.pmap-XX", test_pmap_twice);
  g_test_add_func ("/formats/pmap-header-split", test_pmap_header_split);

  return g_test_run ();
}
