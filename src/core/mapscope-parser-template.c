/* mapscope-parser-template.c: a region's field block as the kernel writes it
 *
 * The kernel writes every field line of smaps in one layout: the key and
 * its colon padded with spaces to 16 columns, then the value right-aligned
 * in 8 columns and " kB" (THPeligible: no unit), and the fields
 * come in the same order in every region. A template holds that order, as
 * the parser learned it; a fresh region's lines are matched against it one
 * after another with word compares and no lookups. The first line that
 * differs in any way (another key, a wider value, a tab) ends the match,
 * and the parser's general path reads on from there, so the template only
 * decides how fast a line is read, never what it means.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "mapscope-parser-template.h"

#define KEY_WIDTH    16
#define VALUE_WIDTH  8

/* Lines longer than this are never matched: the caller's slack. */
#define MAX_STEP_LENGTH (KEY_WIDTH + VALUE_WIDTH + 4)

static inline guint64
load_word (const char *p)
{
  guint64 word;

  memcpy (&word, p, sizeof word);
  return word;
}

void
_mapscope_template_clear (MapscopeTemplate *self)
{
  self->n_steps = 0;
}

/* Adds KEY as the next line of the block: FALSE when it cannot be (the key
 * is too long for the layout, already in the template, or fills a field a
 * step before it fills too), and the template then ends before it. */
gboolean
_mapscope_template_append (MapscopeTemplate       *self,
                           const char             *key,
                           gsize                   key_len,
                           guint                   key_index,
                           MapscopeTemplateLayout  layout,
                           guint                   field)
{
  MapscopeTemplateStep *step;
  guint64 seen_keys = self->n_steps > 0 ? self->steps[self->n_steps - 1].seen_keys : 0;
  guint32 present = self->n_steps > 0 ? self->steps[self->n_steps - 1].present : 0;
  char head[KEY_WIDTH];

  if (self->n_steps == MAPSCOPE_TEMPLATE_MAX_STEPS || key_len + 1 > KEY_WIDTH ||
      key_index >= 64 || (seen_keys & (G_GUINT64_CONSTANT (1) << key_index)))
    return FALSE;

  if (layout == MAPSCOPE_TEMPLATE_KB)
    {
      if (field >= 32 || (present & (1u << field)))
        return FALSE;
      present |= 1u << field;
    }

  memset (head, ' ', sizeof head);
  memcpy (head, key, key_len);
  head[key_len] = ':';

  step = &self->steps[self->n_steps++];
  memcpy (step->head, head, sizeof head);
  step->seen_keys = seen_keys | (G_GUINT64_CONSTANT (1) << key_index);
  step->present = present;
  step->key = key_index;
  step->field = field;
  step->layout = layout;
  return TRUE;
}

/* The value of VALUE_WIDTH bytes at P holding spaces then one or more
 * digits, or -1. Read from the right: most values are a digit or two. */
static inline gint64
read_padded_value (const char *p)
{
  const guint64 spaces = G_GUINT64_CONSTANT (0x2020202020202020);
  guint64 word = load_word (p);
  guint32 value = 0;
  guint32 scale = 1;
  guint n = 0;

#if G_BYTE_ORDER == G_LITTLE_ENDIAN
  /* Most values are one digit ("       0"): seven spaces, then the digit. */
  if ((word & G_GUINT64_CONSTANT (0x00ffffffffffffff)) == (spaces >> 8))
    {
      guint digit = (guint)(word >> 56) - '0';

      return digit <= 9 ? (gint64)digit : -1;
    }
#endif

  while (n < VALUE_WIDTH && g_ascii_isdigit (p[VALUE_WIDTH - 1 - n]))
    {
      value += (guint32)(p[VALUE_WIDTH - 1 - n] - '0') * scale;
      scale *= 10;
      n++;
    }

  if (n == 0)
    return -1;

  /* The bytes before the digits must all be spaces. */
  if (n < VALUE_WIDTH)
    {
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
      guint64 before = G_MAXUINT64 >> (8 * n);
#else
      guint64 before = G_MAXUINT64 << (8 * n);
#endif

      if (((word ^ spaces) & before) != 0)
        return -1;
    }

  return value;
}

/* Matches the lines from P on against the steps, storing their values in
 * REGION, a region no field line has been read for yet. Stops at the first
 * line that differs; matches nothing unless the longest block the steps
 * can match fits before END with 128 bytes to spare. Returns where it
 * stopped, and the number of lines matched. */
const char *
_mapscope_template_match (const MapscopeTemplate *self,
                          MapscopeRegion         *region,
                          const char             *p,
                          const char             *end,
                          guint                  *n_matched)
{
  static const char kb[4] = { ' ', 'k', 'B', '\n' };
  guint n_steps = self->n_steps;
  guint i;

  G_STATIC_ASSERT (MAX_STEP_LENGTH <= 128);

  if (end - p < 128 + (gssize)n_steps * MAX_STEP_LENGTH)
    n_steps = 0;

  for (i = 0; i < n_steps; i++)
    {
      const MapscopeTemplateStep *step = &self->steps[i];
      gint64 value;

      if (load_word (p) != step->head[0] || load_word (p + 8) != step->head[1])
        break;

      if (step->layout == MAPSCOPE_TEMPLATE_KB)
        {
          if (memcmp (p + KEY_WIDTH + VALUE_WIDTH, kb, sizeof kb) != 0 ||
              (value = read_padded_value (p + KEY_WIDTH)) < 0)
            break;
          region->values[step->field] = (guint32)value;
          p += KEY_WIDTH + VALUE_WIDTH + sizeof kb;
        }
      else
        {
          if (p[KEY_WIDTH + VALUE_WIDTH] != '\n' || (value = read_padded_value (p + KEY_WIDTH)) < 0)
            break;
          region->thp_eligible = value > 0;
          p += KEY_WIDTH + VALUE_WIDTH + 1;
        }
    }

  *n_matched = i;
  return p;
}
