/* mapscope-cli-table.c: aligned text tables
 *
 * Cells are stored back to back in one string, each followed by a NUL, and
 * located by their offsets: a table of a hundred thousand regions then costs
 * two allocations that grow, not a million small strings.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mapscope-cli-table.h"

#include <stdarg.h>
#include <string.h>

#include "mapscope-cli-output.h"

#define COLUMN_GAP "  "

typedef struct
{
  char             *title;
  MapscopeCliAlign  align;
  gsize             width;
} Column;

struct _MapscopeCliTable
{
  GArray  *columns;  /* of Column */
  GString *text;     /* every cell, each followed by a NUL */
  GArray  *offsets;  /* of gsize: where each cell starts in text, row by row */
  GArray  *rules;    /* of guint: rows a rule is drawn above, ascending */
};

static void
column_clear (gpointer data)
{
  Column *column = data;

  g_free (column->title);
}

MapscopeCliTable *
mapscope_cli_table_new (void)
{
  MapscopeCliTable *self = g_new0 (MapscopeCliTable, 1);

  self->columns = g_array_new (FALSE, FALSE, sizeof (Column));
  g_array_set_clear_func (self->columns, column_clear);
  self->text = g_string_new (NULL);
  self->offsets = g_array_new (FALSE, FALSE, sizeof (gsize));
  self->rules = g_array_new (FALSE, FALSE, sizeof (guint));

  return self;
}

void
mapscope_cli_table_free (MapscopeCliTable *self)
{
  if (self == NULL)
    return;

  g_array_unref (self->columns);
  g_string_free (self->text, TRUE);
  g_array_unref (self->offsets);
  g_array_unref (self->rules);
  g_free (self);
}

/* Columns on a terminal, counted as UTF-8 characters. Paths need not be valid
 * UTF-8, so this counts lead bytes instead of trusting g_utf8_strlen(). */
static gsize
text_width (const char *text,
            gsize       length)
{
  gsize width = 0;

  for (gsize i = 0; i < length; i++)
    if (((guchar) text[i] & 0xc0) != 0x80)
      width++;

  return width;
}

void
mapscope_cli_table_add_column (MapscopeCliTable *self,
                               const char       *title,
                               MapscopeCliAlign  align)
{
  Column column = { g_strdup (title), align, text_width (title, strlen (title)) };

  g_return_if_fail (self->offsets->len == 0);

  g_array_append_val (self->columns, column);
}

/* Called once the cell's text, starting at @start, is in self->text. */
static void
finish_cell (MapscopeCliTable *self,
             gsize             start)
{
  Column *column = &g_array_index (self->columns, Column,
                                   self->offsets->len % self->columns->len);
  gsize width = text_width (self->text->str + start, self->text->len - start);

  column->width = MAX (column->width, width);
  g_string_append_c (self->text, '\0');
  g_array_append_val (self->offsets, start);
}

void
mapscope_cli_table_add_cell (MapscopeCliTable *self,
                             const char       *text)
{
  gsize start = self->text->len;

  g_return_if_fail (self->columns->len > 0);

  if (text != NULL)
    g_string_append (self->text, text);
  finish_cell (self, start);
}

void
mapscope_cli_table_add_cellf (MapscopeCliTable *self,
                              const char       *format,
                              ...)
{
  gsize start = self->text->len;
  va_list args;

  g_return_if_fail (self->columns->len > 0);

  va_start (args, format);
  g_string_append_vprintf (self->text, format, args);
  va_end (args);
  finish_cell (self, start);
}

void
mapscope_cli_table_add_rule (MapscopeCliTable *self)
{
  guint row = mapscope_cli_table_get_n_rows (self);

  g_array_append_val (self->rules, row);
}

guint
mapscope_cli_table_get_n_rows (MapscopeCliTable *self)
{
  return self->offsets->len / self->columns->len;
}

static void
append_padding (GString *out,
                gsize    count)
{
  static const char spaces[] = "                                ";

  for (; count > sizeof spaces - 1; count -= sizeof spaces - 1)
    g_string_append_len (out, spaces, sizeof spaces - 1);
  g_string_append_len (out, spaces, count);
}

static void
append_cell (GString      *out,
             const Column *column,
             const char   *text,
             gsize         length,
             gboolean      last)
{
  gsize padding = column->width - text_width (text, length);

  if (column->align == MAPSCOPE_CLI_ALIGN_RIGHT)
    append_padding (out, padding);
  g_string_append_len (out, text, length);
  if (column->align == MAPSCOPE_CLI_ALIGN_LEFT && !last)
    append_padding (out, padding);
}

static void
append_rule (MapscopeCliTable *self,
             GString          *out)
{
  for (guint c = 0; c < self->columns->len; c++)
    {
      const Column *column = &g_array_index (self->columns, Column, c);

      if (c > 0)
        g_string_append (out, COLUMN_GAP);
      for (gsize i = 0; i < column->width; i++)
        g_string_append_c (out, '-');
    }
  g_string_append_c (out, '\n');
}

static const char *
get_cell (MapscopeCliTable *self,
          gsize             index,
          gsize            *length)
{
  gsize start = g_array_index (self->offsets, gsize, index);
  /* the cell ends at its NUL, just before the next cell starts */
  gsize end = index + 1 < self->offsets->len
              ? g_array_index (self->offsets, gsize, index + 1) - 1
              : self->text->len - 1;

  *length = end - start;
  return self->text->str + start;
}

/* With @titles, the column titles; otherwise the cells of @row. */
static void
append_row (MapscopeCliTable *self,
            GString          *out,
            gboolean          titles,
            guint             row)
{
  guint n_columns = self->columns->len;
  gsize line_start = out->len;

  for (guint c = 0; c < n_columns; c++)
    {
      const Column *column = &g_array_index (self->columns, Column, c);
      const char *text;
      gsize length;

      if (titles)
        {
          text = column->title;
          length = strlen (text);
        }
      else
        {
          text = get_cell (self, (gsize) row * n_columns + c, &length);
        }

      if (c > 0)
        g_string_append (out, COLUMN_GAP);
      append_cell (out, column, text, length, c + 1 == n_columns);
    }

  /* an empty last cell (an anonymous region's path) leaves padding behind */
  while (out->len > line_start && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);
  g_string_append_c (out, '\n');
}

void
mapscope_cli_table_write (MapscopeCliTable *self,
                          GString          *out)
{
  guint n_rows = mapscope_cli_table_get_n_rows (self);
  guint next_rule = 0;

  g_return_if_fail (self->offsets->len % self->columns->len == 0);

  append_row (self, out, TRUE, 0);
  for (guint row = 0; row <= n_rows; row++)
    {
      while (next_rule < self->rules->len
             && g_array_index (self->rules, guint, next_rule) == row)
        {
          append_rule (self, out);
          next_rule++;
        }
      if (row == n_rows)
        break;

      append_row (self, out, FALSE, row);
      mapscope_cli_output_maybe_flush (out);
    }
}
