/* mapscope-units.c: reading and writing sizes for people
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "mapscope-error.h"
#include "mapscope-units.h"

/* "0 B", "4 KiB", "1.5 MiB", "512 MiB", "21.3 TiB": three significant
 * digits at most, in binary units, as memory tools print them. */
char *
mapscope_format_kb (guint64 kb)
{
  static const char *units[] = { "KiB", "MiB", "GiB", "TiB", "PiB", "EiB" };
  gdouble value = (gdouble)kb;
  guint unit = 0;

  if (kb == 0)
    return g_strdup ("0 B");

  while (value >= 1024 && unit + 1 < G_N_ELEMENTS (units))
    {
      value /= 1024;
      unit++;
    }

  if (value >= 100 || value == floor (value))
    return g_strdup_printf ("%.0f %s", value, units[unit]);
  else
    {
      g_autofree char *number = g_strdup_printf ("%.*f", value >= 10 ? 1 : 2, value);
      gsize len = strlen (number);

      /* "1.50" reads better as "1.5"; the decimal mark depends on the locale. */
      while (len > 0 && number[len - 1] == '0')
        number[--len] = '\0';
      if (len > 0 && !g_ascii_isdigit (number[len - 1]))
        number[--len] = '\0';

      return g_strdup_printf ("%s %s", number, units[unit]);
    }
}

/* "4096", "64K", "1.5M", "2G", "1MiB", "10 kB": bytes, with binary units. */
gboolean
mapscope_parse_size (const char  *text,
                     guint64     *bytes,
                     GError     **error)
{
  static const struct
  {
    const char *suffix;
    guint       shift;
  } units[] = {
    { "", 0 }, { "b", 0 },
    { "k", 10 }, { "kb", 10 }, { "kib", 10 },
    { "m", 20 }, { "mb", 20 }, { "mib", 20 },
    { "g", 30 }, { "gb", 30 }, { "gib", 30 },
    { "t", 40 }, { "tb", 40 }, { "tib", 40 },
    { "p", 50 }, { "pb", 50 }, { "pib", 50 },
  };
  g_autofree char *suffix = NULL;
  g_autofree char *unit = NULL;
  char *end = NULL;
  gdouble value;

  if (text == NULL || *text == '\0' || !(g_ascii_isdigit (text[0]) || text[0] == '.'))
    goto invalid;

  value = g_ascii_strtod (text, &end);
  if (end == text || !isfinite (value) || value < 0)
    goto invalid;

  unit = g_strstrip (g_strdup (end));
  suffix = g_ascii_strdown (unit, -1);
  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    {
      if (strcmp (suffix, units[i].suffix) == 0)
        {
          gdouble scaled = ldexp (value, units[i].shift);

          if (scaled >= 18446744073709551615.0)
            goto invalid;
          *bytes = (guint64)scaled;
          return TRUE;
        }
    }

invalid:
  g_set_error (error, MAPSCOPE_PARSE_ERROR, MAPSCOPE_PARSE_ERROR_FAILED,
               "“%s” is not a size: write a number with an optional unit, "
               "e.g. 4096, 64K, 1.5M, 2G or 1MiB", text ? text : "");
  return FALSE;
}
