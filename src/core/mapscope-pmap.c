/* mapscope-pmap.c: the output of procps-ng's pmap, plain, -x, -X and -XX
 *
 * pmap prints a header line "PID:   command", then (except plain pmap) a
 * line of column names, the rows, and a totals line. Columns are read by
 * their names. Every column but the last two is one word; VmFlags (-XX) is
 * several words, right-aligned under its name, and Mapping is the rest of
 * the line, so those two are cut by position.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "mapscope-parser-private.h"
#include "mapscope-vmflags.h"

typedef struct
{
  const char *start;
  gsize       len;
} Word;

static gboolean
next_word (const char **p,
           const char  *end,
           Word        *word)
{
  const char *q = *p;

  while (q < end && (*q == ' ' || *q == '\t'))
    q++;
  word->start = q;
  while (q < end && *q != ' ' && *q != '\t')
    q++;
  word->len = q - word->start;
  *p = q;

  return word->len > 0;
}

static gboolean
word_is (const Word *word,
         const char *text)
{
  return word->len == strlen (text) && memcmp (word->start, text, word->len) == 0;
}

/* "6536:   ./zoo" */
gboolean
_mapscope_pmap_parse_header (MapscopeParser *self,
                             const char     *line,
                             gsize           len)
{
  const char *end = line + len;
  const char *p;
  guint64 pid;
  g_autofree char *command = NULL;

  p = _mapscope_parse_decimal (line, end, &pid);
  if (p == NULL || p >= end || *p != ':' || pid > G_MAXINT32)
    return FALSE;
  p++;
  if (p < end && *p != ' ' && *p != '\t')
    return FALSE;
  while (p < end && (*p == ' ' || *p == '\t'))
    p++;

  command = g_utf8_make_valid (p, end - p);
  _mapscope_parser_pmap_started (self, (gint)pid, command);
  return TRUE;
}

static void
describe_column (PmapColumn *column,
                 const Word *word)
{
  static const struct
  {
    const char     *name;
    PmapColumnKind  kind;
    gint            field;
  } names[] = {
    { "Address", PMAP_COLUMN_ADDRESS, -1 },
    { "Perm", PMAP_COLUMN_PERM, -1 },
    { "Mode", PMAP_COLUMN_MODE, -1 },
    { "Offset", PMAP_COLUMN_OFFSET, -1 },
    { "Device", PMAP_COLUMN_DEVICE, -1 },
    { "Inode", PMAP_COLUMN_INODE, -1 },
    { "Kbytes", PMAP_COLUMN_FIELD, MAPSCOPE_FIELD_SIZE },
    { "RSS", PMAP_COLUMN_FIELD, MAPSCOPE_FIELD_RSS },
    { "Dirty", PMAP_COLUMN_FIELD, MAPSCOPE_FIELD_DIRTY },
    { "THPeligible", PMAP_COLUMN_THP, -1 },
    { "ProtectionKey", PMAP_COLUMN_PKEY, -1 },
    { "VmFlags", PMAP_COLUMN_VMFLAGS, -1 },
    { "Mapping", PMAP_COLUMN_MAPPING, -1 },
  };

  /* It becomes a field name, shown and written to JSON: keep it UTF-8. */
  column->name = g_utf8_make_valid (word->start, word->len);
  column->kind = PMAP_COLUMN_FIELD;
  column->field = mapscope_field_lookup (word->start, word->len);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      if (word_is (word, names[i].name))
        {
          column->kind = names[i].kind;
          column->field = names[i].field;
          return;
        }
    }
}

/* "Address Kbytes RSS Dirty Mode Mapping" or "Address Perm Offset ..." */
gboolean
_mapscope_pmap_parse_columns (MapscopeParser *self,
                              const char     *line,
                              gsize           len)
{
  const char *end = line + len;
  const char *p = line;
  GArray *columns = _mapscope_parser_get_pmap_columns (self);
  gboolean has_perm = FALSE, has_kbytes = FALSE, has_vmflags = FALSE, has_page_size = FALSE;
  Word word;

  g_array_set_size (columns, 0);

  while (next_word (&p, end, &word))
    {
      PmapColumn column = { 0 };

      describe_column (&column, &word);
      column.end_column = (word.start - line) + word.len;
      has_perm |= column.kind == PMAP_COLUMN_PERM;
      has_kbytes |= word_is (&word, "Kbytes");
      has_vmflags |= column.kind == PMAP_COLUMN_VMFLAGS;
      has_page_size |= column.field == MAPSCOPE_FIELD_KERNEL_PAGE_SIZE;
      g_array_append_val (columns, column);
    }

  if (columns->len < 2 || g_array_index (columns, PmapColumn, 0).kind != PMAP_COLUMN_ADDRESS)
    {
      g_array_set_size (columns, 0);
      return FALSE;
    }

  if (has_perm)
    _mapscope_parser_set_pmap_format (self, (has_vmflags || has_page_size)
                                            ? MAPSCOPE_FORMAT_PMAP_XX : MAPSCOPE_FORMAT_PMAP_X);
  else if (has_kbytes)
    _mapscope_parser_set_pmap_format (self, MAPSCOPE_FORMAT_PMAP_x);
  else
    _mapscope_parser_set_pmap_format (self, MAPSCOPE_FORMAT_PMAP_X);

  return TRUE;
}

static gboolean
is_perm_word (const Word *word,
              gsize       expected_len)
{
  static const char allowed[][4] = { "r-", "w-", "x-", "ps-", "R-" };

  if (word->len != expected_len)
    return FALSE;

  for (gsize i = 0; i < word->len; i++)
    {
      if (strchr (allowed[i], word->start[i]) == NULL)
        return FALSE;
    }

  return TRUE;
}

/* pmap names anonymous memory "[ anon ]" and the stack "[ stack ]". */
static void
set_mapping (MapscopeParser *self,
             MapscopeRegion *region,
             const char     *text,
             const char     *end)
{
  gsize len;

  while (text < end && (*text == ' ' || *text == '\t'))
    text++;
  len = end - text;

  if (len == 8 && memcmp (text, "[ anon ]", 8) == 0)
    _mapscope_parser_set_path (self, region, NULL, 0);
  else if (len == 9 && memcmp (text, "[ stack ]", 9) == 0)
    _mapscope_parser_set_path (self, region, "[stack]", 7);
  else
    _mapscope_parser_set_path (self, region, text, len);
}

static gboolean
set_size (MapscopeParser *self,
          MapscopeRegion *region,
          guint64         size_kb)
{
  if (size_kb > (G_MAXUINT64 - region->start) / 1024)
    {
      _mapscope_parser_warn (self, "the size goes past the end of the address space; "
                             "the region is skipped");
      return FALSE;
    }

  region->end = region->start + size_kb * 1024;
  return TRUE;
}

static gboolean
store_column (MapscopeParser   *self,
              MapscopeRegion   *region,
              const PmapColumn *column,
              const Word       *word)
{
  MapscopeSnapshot *snapshot = _mapscope_parser_get_current (self);
  const char *end = word->start + word->len;
  guint64 value, minor;
  const char *p;

  switch (column->kind)
    {
    case PMAP_COLUMN_PERM:
      region->perms = _mapscope_parse_perms (word->start, word->len);
      return TRUE;

    case PMAP_COLUMN_MODE:
      region->perms = _mapscope_parse_perms (word->start, word->len);
      return TRUE;

    case PMAP_COLUMN_OFFSET:
      region->flags |= MAPSCOPE_REGION_HAS_OFFSET;
      return _mapscope_parse_hex (word->start, end, &region->offset) == end;

    case PMAP_COLUMN_DEVICE:
      p = _mapscope_parse_hex (word->start, end, &value);
      if (p == NULL || p >= end || *p != ':' || _mapscope_parse_hex (p + 1, end, &minor) != end)
        return FALSE;
      region->device = (guint32)(((value & 0xfff) << 20) | (minor & 0xfffff));
      return TRUE;

    case PMAP_COLUMN_INODE:
      return _mapscope_parse_decimal (word->start, end, &region->inode) == end;

    case PMAP_COLUMN_THP:
    case PMAP_COLUMN_PKEY:
    case PMAP_COLUMN_FIELD:
      if (_mapscope_parse_decimal (word->start, end, &value) != end)
        return FALSE;
      if (column->kind == PMAP_COLUMN_THP)
        region->thp_eligible = value > 0;
      else if (column->kind == PMAP_COLUMN_PKEY)
        region->protection_key = (gint16)MIN (value, G_MAXINT16);
      else if (column->field >= 0)
        _mapscope_snapshot_set_value (snapshot, region, column->field, value);
      else
        _mapscope_snapshot_set_value (snapshot, region,
                                      _mapscope_snapshot_ensure_extra_field (snapshot, column->name, TRUE),
                                      value);
      if (column->field == MAPSCOPE_FIELD_SIZE)
        return set_size (self, region, value);
      return TRUE;

    case PMAP_COLUMN_ADDRESS:
    case PMAP_COLUMN_VMFLAGS:
    case PMAP_COLUMN_MAPPING:
    default:
      g_assert_not_reached ();
    }
}

static void
store_vmflags (MapscopeParser *self,
               MapscopeRegion *region,
               const char     *text,
               const char     *end)
{
  g_autofree char *flags = NULL;

  while (text < end && *text == ' ')
    text++;
  while (end > text && end[-1] == ' ')
    end--;

  flags = g_utf8_make_valid (text, end - text);
  region->vmflags = mapscope_vmflags_parse (flags, strlen (flags), NULL);
  region->vmflags_text = _mapscope_snapshot_intern (_mapscope_parser_get_current (self), flags);
  region->flags |= MAPSCOPE_REGION_HAS_VMFLAGS;
}

static gboolean
parse_columned_row (MapscopeParser *self,
                    const char     *line,
                    gsize           len,
                    GArray         *columns,
                    guint64         start)
{
  MapscopeSnapshot *snapshot;
  const char *end = line + len;
  const char *p = line;
  MapscopeRegion *region;
  Word word;

  /* Check the shape before anything is stored: pmap -X's totals line is
   * numbers too, and its second word is no permission string. */
  for (guint i = 0; i < columns->len; i++)
    {
      const PmapColumn *column = &g_array_index (columns, PmapColumn, i);

      if (column->kind == PMAP_COLUMN_VMFLAGS || column->kind == PMAP_COLUMN_MAPPING)
        break;
      if (!next_word (&p, end, &word))
        return FALSE;
      if ((column->kind == PMAP_COLUMN_PERM && !is_perm_word (&word, 4)) ||
          (column->kind == PMAP_COLUMN_MODE && !is_perm_word (&word, 5)))
        return FALSE;
    }

  region = _mapscope_parser_begin_region (self, start, _mapscope_parser_get_format_hint (self));
  snapshot = _mapscope_parser_get_current (self);
  p = line;
  next_word (&p, end, &word);  /* the address */

  for (guint i = 1; i < columns->len; i++)
    {
      const PmapColumn *column = &g_array_index (columns, PmapColumn, i);

      if (column->kind == PMAP_COLUMN_MAPPING)
        {
          set_mapping (self, region, p, end);
          break;
        }
      if (column->kind == PMAP_COLUMN_VMFLAGS)
        {
          const char *flags_end = MIN (end, line + column->end_column);

          store_vmflags (self, region, p, MAX (p, flags_end));
          p = MAX (p, flags_end);
          continue;
        }

      next_word (&p, end, &word);
      if (!store_column (self, region, column, &word))
        {
          g_autofree char *shown = g_utf8_make_valid (word.start, MIN (word.len, 64));

          _mapscope_parser_warn (self, "the %s column holds \"%s\", which cannot be read; "
                                 "the row is skipped", column->name, shown);
          _mapscope_snapshot_drop_last (snapshot);
          return TRUE;
        }
    }

  /* A column line with no Size or Kbytes gives no end: keep the region
   * empty rather than ending below its start. */
  if (region->end < region->start)
    region->end = region->start;

  return TRUE;
}

/* Plain pmap: "0000565252561000      4K r---- zoo" */
static gboolean
parse_plain_row (MapscopeParser *self,
                 const char     *line,
                 gsize           len,
                 guint64         start)
{
  const char *end = line + len;
  const char *p = line;
  MapscopeRegion *region;
  Word address, size, mode;
  guint64 size_kb;

  if (!next_word (&p, end, &address) || !next_word (&p, end, &size) || !next_word (&p, end, &mode))
    return FALSE;
  if (size.len < 2 || size.start[size.len - 1] != 'K' || !is_perm_word (&mode, 5) ||
      _mapscope_parse_decimal (size.start, size.start + size.len - 1, &size_kb) !=
        size.start + size.len - 1)
    return FALSE;

  region = _mapscope_parser_begin_region (self, start, MAPSCOPE_FORMAT_PMAP);
  region->perms = _mapscope_parse_perms (mode.start, mode.len);
  _mapscope_snapshot_set_value (_mapscope_parser_get_current (self), region,
                                MAPSCOPE_FIELD_SIZE, size_kb);
  if (!set_size (self, region, size_kb))
    {
      _mapscope_snapshot_drop_last (_mapscope_parser_get_current (self));
      return TRUE;
    }
  set_mapping (self, region, p, end);
  return TRUE;
}

gboolean
_mapscope_pmap_parse_row (MapscopeParser *self,
                          const char     *line,
                          gsize           len)
{
  GArray *columns = _mapscope_parser_get_pmap_columns (self);
  const char *end = line + len;
  const char *p = line;
  guint64 start;
  Word word;

  if (!next_word (&p, end, &word) ||
      _mapscope_parse_hex (word.start, word.start + word.len, &start) != word.start + word.len)
    return FALSE;

  if (columns->len == 0)
    return parse_plain_row (self, line, len, start);

  return parse_columned_row (self, line, len, columns, start);
}

static void
report_total (MapscopeParser   *self,
              const PmapColumn *column,
              const Word       *word)
{
  MapscopeSnapshot *snapshot = _mapscope_parser_get_current (self);
  const char *end = word->start + word->len;
  guint64 value;
  guint field;

  if (snapshot == NULL || column->kind != PMAP_COLUMN_FIELD)
    return;

  /* Plain pmap writes "568964K". */
  if (end > word->start && end[-1] == 'K')
    end--;
  if (_mapscope_parse_decimal (word->start, end, &value) != end)
    return;

  field = column->field >= 0 ? (guint)column->field
                             : _mapscope_snapshot_ensure_extra_field (snapshot, column->name, TRUE);
  _mapscope_snapshot_set_reported_total (snapshot, field, value);
}

static gboolean
is_rule_line (const char *p,
              const char *end,
              char        rule)
{
  gboolean seen = FALSE;

  for (; p < end; p++)
    {
      if (*p == rule)
        seen = TRUE;
      else if (*p != ' ')
        return FALSE;
    }

  return seen;
}

/* "total kB 568964 272816 271216" (-x), " total 568964K" (plain), or the
 * line of numbers ending in "KB" under a "====" rule (-X, -XX). */
gboolean
_mapscope_pmap_parse_totals (MapscopeParser *self,
                             const char     *line,
                             gsize           len)
{
  GArray *columns = _mapscope_parser_get_pmap_columns (self);
  const char *end = line + len;
  const char *p = line;
  const char *last;
  guint column_index = 0;
  Word word;

  if (is_rule_line (line, end, '=') || is_rule_line (line, end, '-'))
    return TRUE;

  last = end;
  while (last > line && last[-1] == ' ')
    last--;

  if (!next_word (&p, end, &word))
    return FALSE;

  if (word_is (&word, "total"))
    {
      static const PmapColumn plain_size = { PMAP_COLUMN_FIELD, MAPSCOPE_FIELD_SIZE, NULL, 0 };
      const char *after_kb = p;
      Word unit;

      if (next_word (&after_kb, end, &unit) && word_is (&unit, "kB"))
        p = after_kb;

      while (next_word (&p, end, &word))
        {
          const PmapColumn *column = &plain_size;

          /* The totals stand under the numeric columns, in order. */
          while (columns->len > 0 && column_index < columns->len &&
                 g_array_index (columns, PmapColumn, column_index).kind != PMAP_COLUMN_FIELD)
            column_index++;
          if (columns->len > 0)
            {
              if (column_index >= columns->len)
                break;
              column = &g_array_index (columns, PmapColumn, column_index++);
            }
          report_total (self, column, &word);
        }
    }
  else if (last - line >= 2 && last[-2] == 'K' && last[-1] == 'B' && columns->len > 0)
    {
      p = line;
      while (next_word (&p, last - 2, &word))
        {
          while (column_index < columns->len)
            {
              PmapColumnKind kind = g_array_index (columns, PmapColumn, column_index).kind;

              if (kind == PMAP_COLUMN_FIELD || kind == PMAP_COLUMN_THP || kind == PMAP_COLUMN_PKEY)
                break;
              column_index++;
            }
          if (column_index >= columns->len)
            break;
          report_total (self, &g_array_index (columns, PmapColumn, column_index++), &word);
        }
    }
  else
    {
      return FALSE;
    }

  _mapscope_parser_close_snapshot (self);
  return TRUE;
}
