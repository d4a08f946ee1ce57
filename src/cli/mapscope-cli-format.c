/* mapscope-cli-format.c: how the CLI shows snapshots and values to people
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mapscope-cli-format.h"

#include <string.h>

#define ABSENT "-"

/* "zoo.smaps  format: smaps  snapshot: 0  pid: 6536  command: ./zoo  time: 2026-11-25T14:06:17Z",
 * after a blank line unless it is the @first thing printed. */
void
mapscope_cli_append_snapshot_header (GString          *out,
                                     MapscopeDocument *document,
                                     guint             index,
                                     gboolean          first)
{
  MapscopeSnapshot *snapshot = mapscope_document_get_snapshot (document, index);
  const char *command = mapscope_snapshot_get_command (snapshot);
  GDateTime *timestamp = mapscope_snapshot_get_timestamp (snapshot);
  gint pid = mapscope_snapshot_get_pid (snapshot);

  if (!first)
    g_string_append_c (out, '\n');

  g_string_append_printf (out, "%s  format: %s  snapshot: %u",
                          mapscope_document_get_source (document),
                          mapscope_format_get_name (mapscope_snapshot_get_format (snapshot)),
                          index);

  if (pid >= 0)
    g_string_append_printf (out, "  pid: %d", pid);
  else
    g_string_append (out, "  pid: " ABSENT);

  g_string_append_printf (out, "  command: %s", command != NULL ? command : ABSENT);

  if (timestamp != NULL)
    {
      g_autoptr(GDateTime) utc = g_date_time_to_utc (timestamp);
      g_autofree char *text = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");

      g_string_append_printf (out, "  time: %s", text);
    }
  else
    {
      g_string_append (out, "  time: " ABSENT);
    }

  g_string_append_c (out, '\n');
}

const char *
mapscope_cli_field_title (MapscopeField field)
{
  switch (field)
    {
    case MAPSCOPE_FIELD_SIZE:
      return "SIZE";
    case MAPSCOPE_FIELD_RSS:
      return "RSS";
    case MAPSCOPE_FIELD_PSS:
      return "PSS";
    case MAPSCOPE_FIELD_SWAP:
      return "SWAP";
    case MAPSCOPE_FIELD_PRIVATE_DIRTY:
      return "PRIV_DIRTY";
    case MAPSCOPE_FIELD_DIRTY:
      return "DIRTY";
    default:
      return mapscope_field_get_label (field);
    }
}

/* Keeps the fields of @wanted that @snapshot's input carries, in order, and
 * returns how many. The size of regions is known from their addresses even
 * when the input has no Size (maps). pmap -x has no private dirty but a
 * "Dirty" column (shared + private), shown in its place rather than leaving
 * dirty memory out. */
guint
mapscope_cli_choose_columns (MapscopeSnapshot    *snapshot,
                             const MapscopeField *wanted,
                             guint                n_wanted,
                             MapscopeField       *chosen)
{
  guint n_chosen = 0;

  for (guint i = 0; i < n_wanted; i++)
    {
      MapscopeField field = wanted[i];

      if (mapscope_snapshot_has_field (snapshot, field)
          || (field == MAPSCOPE_FIELD_SIZE && mapscope_snapshot_get_n_regions (snapshot) > 0))
        chosen[n_chosen++] = field;
      else if (field == MAPSCOPE_FIELD_PRIVATE_DIRTY
               && mapscope_snapshot_has_field (snapshot, MAPSCOPE_FIELD_DIRTY))
        chosen[n_chosen++] = MAPSCOPE_FIELD_DIRTY;
    }

  return n_chosen;
}

#define KB_CACHE_SIZE 512

/* "12 KiB" for 12, or "-" when the value is absent. The text is valid until
 * the next call: copy it. A map repeats a few sizes (0, 4 KiB, 8 KiB…) over
 * and over, and mapscope_format_kb() goes through printf's floating point,
 * so recent results are kept. */
const char *
mapscope_cli_format_kb_or_dash (gboolean present,
                                guint64  kb)
{
  static struct
  {
    guint64  kb;
    char    *text;
  } cache[KB_CACHE_SIZE];
  guint slot = kb % KB_CACHE_SIZE;

  if (!present)
    return ABSENT;

  if (cache[slot].text == NULL || cache[slot].kb != kb)
    {
      g_free (cache[slot].text);
      cache[slot].text = mapscope_format_kb (kb);
      cache[slot].kb = kb;
    }

  return cache[slot].text;
}

const char *
mapscope_cli_format_region_value (MapscopeSnapshot     *snapshot,
                                  const MapscopeRegion *region,
                                  MapscopeField         field)
{
  guint64 value = 0;
  gboolean present = mapscope_snapshot_get_value (snapshot, region, field, &value);

  if (!present && field == MAPSCOPE_FIELD_SIZE)
    {
      value = mapscope_region_get_size (region) / 1024;
      present = TRUE;
    }

  return mapscope_cli_format_kb_or_dash (present, value);
}

/* Fills the words of @text, a single paragraph, into lines of at most @width
 * bytes (a longer word gets a line of its own). */
char *
mapscope_cli_wrap_text (const char *text,
                        gsize       width)
{
  g_auto(GStrv) words = g_strsplit (text, " ", -1);
  g_autoptr(GString) wrapped = g_string_new (NULL);
  gsize line_start = 0;

  for (guint i = 0; words[i] != NULL; i++)
    {
      if (*words[i] == '\0')
        continue;

      if (wrapped->len > line_start
          && wrapped->len - line_start + 1 + strlen (words[i]) > width)
        {
          g_string_append_c (wrapped, '\n');
          line_start = wrapped->len;
        }
      else if (wrapped->len > line_start)
        {
          g_string_append_c (wrapped, ' ');
        }

      g_string_append (wrapped, words[i]);
    }

  return g_string_free (g_steal_pointer (&wrapped), FALSE);
}
