/* mapscope-session-raw.c: the regions' raw text, read back from the source
 * when a session is saved
 *
 * The inspector shows each region's lines as the input had them, read
 * again from the source file. A session must carry them, since the source
 * may be gone when it is opened. The file is read once, front to back:
 * regions of a snapshot come in the order of their lines.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <string.h>

#include "mapscope-session-private.h"
#include "mapscope-snapshot-private.h"

/* As many as the inspector shows. */
#define RAW_MAX_LINES 80

typedef struct
{
  FILE    *file;
  char    *line;
  size_t   line_size;
  guint64  line_no;     /* of the line in @line */
  gboolean pending;     /* @line was read but not taken yet */
} LineReader;

static gboolean
reader_next (LineReader *reader)
{
  if (reader->pending)
    {
      reader->pending = FALSE;
      return TRUE;
    }
  if (getline (&reader->line, &reader->line_size, reader->file) < 0)
    return FALSE;
  reader->line_no++;
  g_strchomp (reader->line);
  return TRUE;
}

/**
 * mapscope_raw_line_starts_mapping:
 *
 * Whether a line of smaps or maps text starts a mapping ("START-END ..."),
 * rather than carrying one of its fields.
 */
gboolean
mapscope_raw_line_starts_mapping (const char *line)
{
  const char *p = line;

  while (g_ascii_isxdigit (*p))
    p++;
  return p != line && *p == '-';
}

static gboolean
is_gzip (FILE *file)
{
  int a = getc (file);
  int b = getc (file);

  rewind (file);
  return a == 0x1f && b == 0x8b;
}

static char *
read_region (LineReader *reader,
             guint64     first_line,
             guint64     end_line,
             gboolean    smaps)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint n_taken = 0;

  while (reader_next (reader))
    {
      if (reader->line_no < first_line)
        continue;
      if (reader->line_no != first_line &&
          (end_line != 0 ? reader->line_no >= end_line
                         : !smaps || mapscope_raw_line_starts_mapping (reader->line) ||
                           strchr (reader->line, ':') == NULL))
        {
          reader->pending = TRUE;
          break;
        }
      if (n_taken == RAW_MAX_LINES)
        continue;
      if (n_taken > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, reader->line);
      n_taken++;
    }

  if (n_taken == 0)
    return NULL;
  return g_utf8_make_valid (text->str, text->len);
}

/**
 * _mapscope_session_collect_raw_texts:
 *
 * Returns: (transfer full) (nullable): the raw text of each region (NULL
 *   items where there is none), or %NULL when the source cannot be read
 *   again at the same line numbers (standard input, compressed data, gone)
 */
GPtrArray *
_mapscope_session_collect_raw_texts (MapscopeSnapshot *snapshot)
{
  const char *source = mapscope_snapshot_get_source (snapshot);
  gboolean smaps = mapscope_snapshot_get_format (snapshot) == MAPSCOPE_FORMAT_SMAPS ||
                   mapscope_snapshot_get_format (snapshot) == MAPSCOPE_FORMAT_SMAPS_ROLLUP;
  LineReader reader = { NULL, };
  GPtrArray *texts;
  guint n_regions;
  const MapscopeRegion *regions = _mapscope_snapshot_get_all_regions (snapshot, &n_regions);

  if (source == NULL || !g_file_test (source, G_FILE_TEST_IS_REGULAR))
    return NULL;
  reader.file = fopen (source, "re");
  if (reader.file == NULL)
    return NULL;
  if (is_gzip (reader.file))
    {
      fclose (reader.file);
      return NULL;
    }

  texts = g_ptr_array_new_full (n_regions, g_free);
  for (guint i = 0; i < n_regions; i++)
    {
      const MapscopeRegion *region = &regions[i];
      guint64 end_line = 0;

      if (i + 1 < n_regions && regions[i + 1].line > region->line)
        end_line = regions[i + 1].line;
      /* A region whose line is behind the reader cannot be found again. */
      if (region->line == 0 ||
          region->line < reader.line_no ||
          (region->line == reader.line_no && !reader.pending))
        g_ptr_array_add (texts, NULL);
      else
        g_ptr_array_add (texts, read_region (&reader, region->line, end_line, smaps));
    }

  free (reader.line);
  fclose (reader.file);
  return texts;
}
