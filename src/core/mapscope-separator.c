/* mapscope-separator.c: the lines that separate snapshots in a log
 *
 * People write logs by hand, e.g. `while :; do date; cat /proc/PID/smaps;
 * sleep 5; done`, so a separator is whatever `date` printed (its default
 * output, -Is, +%s) or a marker line `=== ... ===` such as the collection
 * commands write: `=== mapscope snapshot pid=123 time=2026-11-25T14:06:17Z ===`.
 * Times without a zone are taken as UTC.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "mapscope-separator.h"

#define MAX_SEPARATOR_LEN 512

static const char *months[] = {
  "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
};

static const char *weekdays[] = { "mon", "tue", "wed", "thu", "fri", "sat", "sun" };

static const struct
{
  const char *name;
  gint        minutes;
} zones[] = {
  { "UTC", 0 }, { "GMT", 0 }, { "Z", 0 }, { "UCT", 0 },
  { "WET", 0 }, { "WEST", 60 }, { "BST", 60 }, { "CET", 60 }, { "CEST", 120 },
  { "EET", 120 }, { "EEST", 180 }, { "MSK", 180 }, { "IST", 330 }, { "CST", -360 },
  { "CDT", -300 }, { "EST", -300 }, { "EDT", -240 }, { "MST", -420 }, { "MDT", -360 },
  { "PST", -480 }, { "PDT", -420 }, { "AKST", -540 }, { "AKDT", -480 }, { "HST", -600 },
  { "JST", 540 }, { "KST", 540 }, { "AEST", 600 }, { "AEDT", 660 }, { "NZST", 720 },
  { "NZDT", 780 },
};

static gboolean
all_digits (const char *text,
            gsize       len)
{
  if (len == 0)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
    }
  return TRUE;
}

static gint
word_index (const char  *word,
            const char **list,
            guint        n)
{
  if (strlen (word) < 3)
    return -1;
  for (guint i = 0; i < n; i++)
    {
      if (g_ascii_strncasecmp (word, list[i], 3) == 0)
        return i;
    }
  return -1;
}

/* `date +%s` or `date +%s.%N`: seconds since 1970. Ten digits covers
 * 2001 to 2286; shorter or longer numbers are not taken as times. */
static GDateTime *
parse_epoch (const char *text)
{
  const char *dot = strchr (text, '.');
  gsize int_len = dot ? (gsize)(dot - text) : strlen (text);
  gint64 seconds;
  gdouble fraction = 0;
  g_autoptr(GDateTime) whole = NULL;

  if (int_len < 9 || int_len > 11 || !all_digits (text, int_len))
    return NULL;
  if (dot != NULL)
    {
      if (!all_digits (dot + 1, strlen (dot + 1)))
        return NULL;
      fraction = g_ascii_strtod (dot, NULL);
    }

  seconds = g_ascii_strtoll (text, NULL, 10);
  whole = g_date_time_new_from_unix_utc (seconds);
  if (whole == NULL)
    return NULL;

  return g_date_time_add (whole, (GTimeSpan)(fraction * G_TIME_SPAN_SECOND));
}

static GDateTime *
parse_iso8601 (const char *text)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autofree char *copy = NULL;
  g_autoptr(GDateTime) parsed = NULL;

  if (!(g_ascii_isdigit (text[0]) && strlen (text) >= 16 && text[4] == '-'))
    return NULL;

  /* `date '+%F %T'` writes a space where ISO 8601 wants a T. */
  copy = g_strdup (text);
  if (copy[10] == ' ')
    copy[10] = 'T';

  parsed = g_date_time_new_from_iso8601 (copy, utc);
  if (parsed == NULL)
    return NULL;

  return g_date_time_to_utc (parsed);
}

static gboolean
parse_clock (const char *word,
             gint       *hour,
             gint       *minute,
             gdouble    *seconds)
{
  char *end = NULL;

  if (!g_ascii_isdigit (word[0]) || strchr (word, ':') == NULL)
    return FALSE;

  *hour = strtol (word, &end, 10);
  if (*end != ':')
    return FALSE;
  *minute = strtol (end + 1, &end, 10);
  *seconds = 0;
  if (*end == ':')
    *seconds = g_ascii_strtod (end + 1, &end);

  return *end == '\0' && *hour < 24 && *minute < 60 && *seconds < 61;
}

static gboolean
parse_zone (const char *word,
            gint       *minutes)
{
  /* Numeric zones: +0100, -03 (what `date` prints where the zone has no
   * abbreviation), +05:30. */
  if (word[0] == '+' || word[0] == '-')
    {
      gsize len = strlen (word);
      gint hours = -1, mins = 0;

      if (len == 5 && all_digits (word + 1, 4))
        {
          hours = atoi (word + 1) / 100;
          mins = atoi (word + 1) % 100;
        }
      else if (len == 3 && all_digits (word + 1, 2))
        hours = atoi (word + 1);
      else if (len == 6 && word[3] == ':' && all_digits (word + 1, 2) && all_digits (word + 4, 2))
        {
          hours = atoi (word + 1);
          mins = atoi (word + 4);
        }

      if (hours < 0 || hours > 14 || mins > 59)
        return FALSE;
      *minutes = hours * 60 + mins;
      if (word[0] == '-')
        *minutes = -*minutes;
      return TRUE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (zones); i++)
    {
      if (strcmp (word, zones[i].name) == 0)
        {
          *minutes = zones[i].minutes;
          return TRUE;
        }
    }

  return FALSE;
}

/* `date` in the C and common English locales: "Wed Nov 25 14:06:17 UTC 2026",
 * "Wed 25 Nov 2026 14:06:17 UTC", "Wed Nov 25 02:06:17 PM UTC 2026". */
static GDateTime *
parse_date_output (const char *text)
{
  g_auto(GStrv) words = g_strsplit (text, " ", -1);
  gint year = -1, month = -1, day = -1, hour = -1, minute = 0, zone_minutes = 0;
  gdouble seconds = 0;
  gboolean pm = FALSE, am = FALSE;
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GDateTime) local = NULL;

  for (guint i = 0; words[i] != NULL; i++)
    {
      const char *word = words[i];
      gsize len = strlen (word);
      gint index;

      if (len == 0 || strcmp (word, "at") == 0)
        continue;
      if (word[len - 1] == ',')
        len--;

      if (len == 4 && all_digits (word, 4))
        year = atoi (word);
      else if (len <= 2 && all_digits (word, len))
        day = atoi (word);
      else if (parse_clock (word, &hour, &minute, &seconds))
        continue;
      else if (g_ascii_strcasecmp (word, "PM") == 0)
        pm = TRUE;
      else if (g_ascii_strcasecmp (word, "AM") == 0)
        am = TRUE;
      else if (parse_zone (word, &zone_minutes))
        continue;
      else if ((index = word_index (word, months, G_N_ELEMENTS (months))) >= 0 && month < 0)
        month = index + 1;
      else if (word_index (word, weekdays, G_N_ELEMENTS (weekdays)) >= 0)
        continue;
      else
        return NULL;
    }

  if (year < 0 || month < 0 || day < 1 || hour < 0)
    return NULL;
  if (pm && hour < 12)
    hour += 12;
  if (am && hour == 12)
    hour = 0;

  zone = g_time_zone_new_offset (zone_minutes * 60);
  local = g_date_time_new (zone, year, month, day, hour, minute, seconds);
  if (local == NULL)
    return NULL;

  return g_date_time_to_utc (local);
}

/**
 * _mapscope_parse_time:
 *
 * Returns: (transfer full) (nullable): the time @text gives, in UTC
 */
GDateTime *
_mapscope_parse_time (const char *text)
{
  GDateTime *time;

  if ((time = parse_epoch (text)) != NULL)
    return time;
  if ((time = parse_iso8601 (text)) != NULL)
    return time;
  if (g_ascii_isalpha (text[0]) || g_ascii_isdigit (text[0]))
    return parse_date_output (text);

  return NULL;
}

static void
parse_marker_words (const char  *inner,
                    GDateTime  **timestamp,
                    gint        *pid,
                    char       **command)
{
  g_auto(GStrv) words = g_strsplit (inner, " ", -1);

  for (guint i = 0; words[i] != NULL; i++)
    {
      const char *word = words[i];

      if (g_str_has_prefix (word, "pid=") && all_digits (word + 4, strlen (word + 4)))
        *pid = atoi (word + 4);
      else if (g_str_has_prefix (word, "time=") && *timestamp == NULL)
        *timestamp = _mapscope_parse_time (word + 5);
      else if (g_str_has_prefix (word, "command=") && *command == NULL)
        *command = g_utf8_make_valid (word + 8, -1);  /* shown, and written to JSON */
      else if (*timestamp == NULL && (*timestamp = parse_epoch (word)) == NULL)
        *timestamp = parse_iso8601 (word);
    }
}

/**
 * _mapscope_separator_parse:
 * @timestamp: (out) (transfer full) (nullable): when the next snapshot was taken
 * @pid: (out): its process id, or -1
 * @command: (out) (transfer full) (nullable): its command
 *
 * Returns: whether the line separates two snapshots
 */
gboolean
_mapscope_separator_parse (const char  *line,
                           gsize        len,
                           GDateTime  **timestamp,
                           gint        *pid,
                           char       **command)
{
  g_autofree char *text = NULL;

  *timestamp = NULL;
  *pid = -1;
  *command = NULL;

  if (len == 0 || len > MAX_SEPARATOR_LEN || memchr (line, '\0', len) != NULL)
    return FALSE;

  text = g_strstrip (g_strndup (line, len));

  if (g_str_has_prefix (text, "===") && g_str_has_suffix (text, "===") && strlen (text) >= 6)
    {
      g_autofree char *inner = g_strstrip (g_strndup (text + 3, strlen (text) - 6));

      *timestamp = _mapscope_parse_time (inner);
      if (*timestamp == NULL)
        parse_marker_words (inner, timestamp, pid, command);
      return TRUE;
    }

  *timestamp = _mapscope_parse_time (text);
  return *timestamp != NULL;
}
