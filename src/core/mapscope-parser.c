/* mapscope-parser.c: the streaming, line-driven parser
 *
 * One parser reads every format: each line is classified on its own
 * (a mapping header, a `Key: value` field, a pmap header, row or totals
 * line, a separator carrying a time), so concatenated logs of any mix parse
 * the same way as single files. Data arrives in chunks of any size; only a
 * line cut by a chunk boundary is copied.
 *
 * The hot path is the smaps field line, about 25 per region. Fields come in
 * the same order in every region, so the parser predicts the next key from
 * the one before it and checks the prediction with one memcmp; a miss falls
 * back to a hash table.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "mapscope-error.h"
#include "mapscope-parser-private.h"
#include "mapscope-parser-template.h"
#include "mapscope-separator.h"
#include "mapscope-vmflags.h"

#define MAX_WARNINGS          1000
#define MAX_LINE_LENGTH       (16 * 1024 * 1024)
#define MAX_GARBAGE_LINES     1000
#define MAX_KEYS              64
#define MAX_KEY_LENGTH        64

typedef enum
{
  KEY_KNOWN,
  KEY_EXTRA_KB,
  KEY_EXTRA_NUMBER,
  KEY_VMFLAGS,
  KEY_THP_ELIGIBLE,
  KEY_PROTECTION_KEY,
} KeyKind;

typedef struct
{
  char    name[MAX_KEY_LENGTH];
  /* "Name:" as up to three 8-byte words with masks, for the fast path */
  guint64 head[3];
  guint64 head_mask[3];
  guint   value_end;    /* where " kB" started on the last such line, or 0 */
  gboolean fast;        /* a line parse_fields_fast() handles: a known kB field or THPeligible */
  guint    suffix_len;  /* " kB\n" or "\n" after the value */
  guint   len;
  KeyKind kind;
  guint   field;        /* the known field, for KEY_KNOWN */
  gint    next;         /* the key that followed this one last time */
} KeyEntry;

struct _MapscopeParser
{
  char             *source;
  GPtrArray        *snapshots;
  GArray           *warnings;
  guint64           n_dropped_warnings;
  MapscopeFormat    format;
  guint64           line_no;

  MapscopeSnapshot *current;
  MapscopeRegion   *region;        /* the open region, while region_open */
  gboolean          current_is_maps;
  /* The last few distinct VmFlags texts (interned) and their masks: most
   * regions repeat one of them. */
  const char       *recent_vmflags[4];
  gsize             recent_vmflags_len[4];
  guint64           recent_vmflags_mask[4];
  guint             recent_vmflags_next;
  guint64           last_start;
  gboolean          region_open;
  gboolean          skipping_region;
  guint             region_n_fields;
  guint             previous_region_n_fields;
  guint64           region_seen_keys;
  gint              previous_key;
  gint              first_key;

  KeyEntry          keys[MAX_KEYS];
  guint             n_keys;
  /* The keys from first_key along their next links, for fresh regions;
   * stale once a link changes. */
  MapscopeTemplate  template;
  gboolean          template_stale;
  gboolean          fast_paths;      /* off only for tests comparing the two */

  /* What a separator or pmap header said about the snapshot to come. */
  GDateTime        *pending_time;
  gint              pending_pid;
  char             *pending_command;
  guint64           pending_line;

  gboolean          pmap_mode;
  MapscopeFormat    pmap_format;
  GArray           *pmap_columns;

  gboolean          seen_data;
  guint             garbage_lines;
  guint64           first_skipped_line;  /* of a mapping line that was skipped */

  GString          *carry;
  gboolean          discarding_long_line;
  gboolean          failed;
  GError           *error;
  GString          *scratch;
};

static void
clear_column (gpointer data)
{
  PmapColumn *column = data;

  g_free (column->name);
}

MapscopeParser *
_mapscope_parser_new (const char *source)
{
  MapscopeParser *self = g_new0 (MapscopeParser, 1);

  self->source = g_strdup (source);
  self->snapshots = g_ptr_array_new_with_free_func (g_object_unref);
  self->warnings = g_array_new (FALSE, FALSE, sizeof (MapscopeWarning));
  self->previous_key = -1;
  self->first_key = -1;
  self->template_stale = TRUE;
  self->fast_paths = TRUE;
  self->pending_pid = -1;
  self->pmap_columns = g_array_new (FALSE, FALSE, sizeof (PmapColumn));
  g_array_set_clear_func (self->pmap_columns, clear_column);
  self->carry = g_string_new (NULL);
  self->scratch = g_string_new (NULL);

  return self;
}

static void
clear_warning (gpointer data)
{
  MapscopeWarning *warning = data;

  g_free (warning->message);
}

void
_mapscope_parser_free (MapscopeParser *self)
{
  if (self == NULL)
    return;

  g_free (self->source);
  g_clear_pointer (&self->snapshots, g_ptr_array_unref);
  if (self->warnings != NULL)
    {
      g_array_set_clear_func (self->warnings, clear_warning);
      g_array_unref (self->warnings);
    }
  g_clear_object (&self->current);
  g_clear_pointer (&self->pending_time, g_date_time_unref);
  g_free (self->pending_command);
  g_array_unref (self->pmap_columns);
  g_string_free (self->carry, TRUE);
  g_string_free (self->scratch, TRUE);
  g_clear_error (&self->error);
  g_free (self);
}

void
_mapscope_parser_warn (MapscopeParser *self,
                       const char     *format,
                       ...)
{
  MapscopeWarning warning;
  va_list args;

  if (self->warnings->len >= MAX_WARNINGS)
    {
      self->n_dropped_warnings++;
      return;
    }

  va_start (args, format);
  warning.line = self->line_no;
  warning.message = g_strdup_vprintf (format, args);
  va_end (args);

  g_array_append_val (self->warnings, warning);
}

#define X 0xff
static const guint8 hex_digits[256] = {
  X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,
  X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, X, X, X, X, X, X,
  X, 10, 11, 12, 13, 14, 15, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,
  X, 10, 11, 12, 13, 14, 15, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,
  X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,
  X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,
  X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,
  X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,
};
#undef X

/* Number parsing, bounded by END and checked for overflow. Each returns the
 * position after the digits, or NULL when there are none or too many. */
const char *
_mapscope_parse_hex (const char *p,
                     const char *end,
                     guint64    *value)
{
  const char *start = p;
  guint64 v = 0;

  while (p < end)
    {
      guint digit = hex_digits[(guint8)*p];

      if (digit > 15)
        break;
      v = (v << 4) | digit;
      p++;
    }

  /* More than 16 digits fit only if the extra ones are leading zeros. */
  for (const char *q = start; q + 16 < p; q++)
    {
      if (*q != '0')
        return NULL;
    }

  if (p == start)
    return NULL;

  *value = v;
  return p;
}

const char *
_mapscope_parse_decimal (const char *p,
                         const char *end,
                         guint64    *value)
{
  const char *start = p;
  guint64 v = 0;

  /* Up to 19 digits cannot overflow; check only beyond that. */
  while (p < end && *p >= '0' && *p <= '9' && p - start < 19)
    v = v * 10 + (guint)(*p++ - '0');

  while (p < end && *p >= '0' && *p <= '9')
    {
      guint digit = *p - '0';

      if (v > (G_MAXUINT64 - digit) / 10)
        return NULL;
      v = v * 10 + digit;
      p++;
    }

  if (p == start)
    return NULL;

  *value = v;
  return p;
}

/* "r-xp" from /proc, or pmap's mode "r-x--" whose fourth letter is 's'
 * for shared mappings. */
guint8
_mapscope_parse_perms (const char *p,
                       gsize       len)
{
  guint8 perms = 0;

  if (len >= 1 && p[0] == 'r')
    perms |= MAPSCOPE_PERM_READ;
  if (len >= 2 && p[1] == 'w')
    perms |= MAPSCOPE_PERM_WRITE;
  if (len >= 3 && p[2] == 'x')
    perms |= MAPSCOPE_PERM_EXEC;
  if (len >= 4 && p[3] == 's')
    perms |= MAPSCOPE_PERM_SHARED;

  return perms;
}

static inline guint64
load_word (const char *p)
{
  guint64 word;

  memcpy (&word, p, sizeof word);
  return word;
}

static inline const char *
skip_blanks (const char *p,
             const char *end)
{
  /* smaps pads values with runs of spaces: skip them eight at a time. */
  while (end - p >= 8 && load_word (p) == G_GUINT64_CONSTANT (0x2020202020202020))
    p += 8;
  while (p < end && (*p == ' ' || *p == '\t'))
    p++;
  return p;
}

/* Snapshot lifecycle ---------------------------------------------------- */

static void
close_region (MapscopeParser *self)
{
  /* maps gives no Size line, but its addresses give the size exactly. */
  if (self->region_open && !mapscope_region_has_field (self->region, MAPSCOPE_FIELD_SIZE) &&
      mapscope_snapshot_get_rollup (self->current) == NULL)
    _mapscope_snapshot_set_value (self->current, self->region, MAPSCOPE_FIELD_SIZE,
                                  mapscope_region_get_size (self->region) / 1024);

  if (self->region_open)
    self->previous_region_n_fields = self->region_n_fields;
  self->region_open = FALSE;
  self->region = NULL;
  self->skipping_region = FALSE;
}

void
_mapscope_parser_close_snapshot (MapscopeParser *self)
{
  close_region (self);

  memset (self->recent_vmflags, 0, sizeof self->recent_vmflags);
  if (self->current == NULL)
    return;

  if (!_mapscope_snapshot_is_empty (self->current))
    {
      _mapscope_snapshot_finish (self->current);
      if (self->format == MAPSCOPE_FORMAT_UNKNOWN)
        self->format = mapscope_snapshot_get_format (self->current);
      g_ptr_array_add (self->snapshots, g_steal_pointer (&self->current));
    }

  g_clear_object (&self->current);
}

static gboolean
is_pmap_format (MapscopeFormat format)
{
  return format == MAPSCOPE_FORMAT_PMAP || format == MAPSCOPE_FORMAT_PMAP_x ||
         format == MAPSCOPE_FORMAT_PMAP_X || format == MAPSCOPE_FORMAT_PMAP_XX;
}

static void
ensure_snapshot (MapscopeParser *self,
                 MapscopeFormat  format)
{
  if (self->current != NULL)
    return;

  self->current = _mapscope_snapshot_new (self->source, format);
  _mapscope_snapshot_set_source_line (self->current,
                                      self->pending_line ? self->pending_line : self->line_no);
  _mapscope_snapshot_set_timestamp (self->current, self->pending_time);
  _mapscope_snapshot_set_pid (self->current, self->pending_pid);
  _mapscope_snapshot_set_command (self->current, self->pending_command);

  g_clear_pointer (&self->pending_time, g_date_time_unref);
  g_clear_pointer (&self->pending_command, g_free);
  self->pending_pid = -1;
  self->pending_line = 0;
  self->last_start = 0;
}

/* A region whose start is below the previous one's, or a switch between
 * the /proc and pmap families, starts a new snapshot. */
MapscopeRegion *
_mapscope_parser_begin_region (MapscopeParser *self,
                               guint64         start,
                               MapscopeFormat  format)
{
  MapscopeRegion *region;

  close_region (self);

  if (self->current != NULL)
    {
      MapscopeFormat current_format = mapscope_snapshot_get_format (self->current);

      if (start < self->last_start ||
          is_pmap_format (current_format) != is_pmap_format (format) ||
          current_format == MAPSCOPE_FORMAT_SMAPS_ROLLUP)
        _mapscope_parser_close_snapshot (self);
    }

  ensure_snapshot (self, format);
  self->last_start = start;
  self->seen_data = TRUE;

  /* Regions come sorted, so only the one before can overlap this one. Both
   * are kept, as the input has them, but the totals count the overlap twice. */
  region = _mapscope_snapshot_peek_last (self->current);
  if (G_UNLIKELY (region != NULL && start < region->end))
    _mapscope_parser_warn (self, "the mapping at 0x%" G_GINT64_MODIFIER "x overlaps the one of line %u "
                           "(0x%" G_GINT64_MODIFIER "x-0x%" G_GINT64_MODIFIER "x); both are kept",
                           start, region->line, region->start, region->end);

  region = _mapscope_snapshot_append_region (self->current);
  region->start = start;
  region->line = (guint32)MIN (self->line_no, G_MAXUINT32);
  self->region = region;
  self->current_is_maps = mapscope_snapshot_get_format (self->current) == MAPSCOPE_FORMAT_MAPS;

  return region;
}

MapscopeSnapshot *
_mapscope_parser_get_current (MapscopeParser *self)
{
  return self->current;
}

void
_mapscope_parser_pmap_started (MapscopeParser *self,
                               gint            pid,
                               const char     *command)
{
  _mapscope_parser_close_snapshot (self);

  /* A date line right before the pmap header belongs to the same snapshot. */
  if (self->pending_line == 0)
    self->pending_line = self->line_no;
  self->pending_pid = pid;
  g_free (self->pending_command);
  self->pending_command = g_strdup (command);
  self->pmap_mode = TRUE;
  self->pmap_format = MAPSCOPE_FORMAT_PMAP;
  g_array_set_size (self->pmap_columns, 0);
}

void
_mapscope_parser_set_pmap_format (MapscopeParser *self,
                                  MapscopeFormat  format)
{
  self->pmap_mode = TRUE;
  self->pmap_format = format;
  if (self->current != NULL && _mapscope_snapshot_is_empty (self->current))
    _mapscope_snapshot_set_format (self->current, format);
}

GArray *
_mapscope_parser_get_pmap_columns (MapscopeParser *self)
{
  return self->pmap_columns;
}

/* The pmap variant the last header lines announced. */
MapscopeFormat
_mapscope_parser_get_format_hint (MapscopeParser *self)
{
  return self->pmap_format;
}

/* Paths ------------------------------------------------------------------ */

static void
append_escaped (GString    *out,
                const char *text,
                gsize       len)
{
  const char *p = text;
  const char *end = text + len;

  while (p < end)
    {
      const char *valid_end;

      if (g_utf8_validate_len (p, end - p, &valid_end))
        {
          g_string_append_len (out, p, end - p);
          return;
        }

      g_string_append_len (out, p, valid_end - p);
      if (valid_end < end)
        g_string_append_printf (out, "\\x%02x", (guint8)*valid_end);
      p = valid_end + 1;
    }
}

void
_mapscope_parser_set_path (MapscopeParser *self,
                           MapscopeRegion *region,
                           const char     *text,
                           gsize           len)
{
  static const char deleted[] = " (deleted)";
  const char *valid_end;

  if (len == 0)
    {
      region->path = NULL;
      return;
    }

  g_string_truncate (self->scratch, 0);
  if (G_LIKELY (g_utf8_validate_len (text, len, &valid_end)))
    {
      g_string_append_len (self->scratch, text, len);
    }
  else
    {
      append_escaped (self->scratch, text, len);
      _mapscope_parser_warn (self, "the path holds bytes that are not UTF-8; they are shown escaped as \\xNN");
    }

  if (self->scratch->len >= sizeof deleted - 1 &&
      memcmp (self->scratch->str + self->scratch->len - (sizeof deleted - 1),
              deleted, sizeof deleted - 1) == 0)
    region->flags |= MAPSCOPE_REGION_DELETED;

  region->path = _mapscope_snapshot_intern (self->current, self->scratch->str);
}

/* /proc/PID/smaps, smaps_rollup and maps ---------------------------------- */

/* A first word of hex digits (and typos), a '-', more of them, and then a
 * permission string: "7f00zz001000-7f0000002000 rw-p ..." is a broken
 * mapping line, while "2026-11-25T14:06:17+00:00" is a date. */
static gboolean
looks_like_mapping_header (const char *line,
                           const char *end)
{
  const char *p = line;
  const char *dash = NULL;

  while (p < end && *p != ' ' && *p != '\t')
    {
      if (*p == '-' && dash == NULL)
        dash = p;
      else if (!g_ascii_isalnum (*p))
        return FALSE;
      p++;
    }

  if (dash == NULL || dash == line || dash + 1 == p)
    return FALSE;

  p = skip_blanks (p, end);
  return end - p >= 4 && (p[0] == 'r' || p[0] == '-') && (p[1] == 'w' || p[1] == '-') &&
         (p[2] == 'x' || p[2] == '-') && (p[3] == 'p' || p[3] == 's');
}

/* What a mapping line holds, up to the path. */
typedef struct
{
  guint64     start;
  guint64     stop;
  guint64     offset;
  guint64     major;
  guint64     minor;
  guint64     inode;
  const char *perms;
  const char *after_inode;
} MappingFields;

/* Hex digits at P, at most 16 and at least one, or NULL. A line is always
 * followed by a byte that is no hex digit (its '\n', '\r' or the carry's
 * NUL), so the digits end by the line's end without checking it. */
static inline const char *
read_hex_exact (const char *p,
                guint64    *value)
{
  const char *start = p;
  guint64 v = 0;
  guint digit;

  while ((digit = hex_digits[(guint8)*p]) <= 15)
    {
      v = (v << 4) | digit;
      p++;
    }

  if (p == start || p - start > 16)
    return NULL;

  *value = v;
  return p;
}

/* The mapping line exactly as the kernel writes it, single spaces between
 * the fields and nothing odd, read in one pass; FALSE for anything else,
 * which read_mapping_fields() then reads or reports. */
static inline gboolean
read_mapping_fields_exact (const char    *line,
                           const char    *end,
                           MappingFields *fields)
{
  const char *p = line;
  guint n = 0;

  if ((p = read_hex_exact (p, &fields->start)) == NULL || p >= end || *p != '-' ||
      (p = read_hex_exact (p + 1, &fields->stop)) == NULL || end - p < 6 || *p != ' ')
    return FALSE;

  p++;
  if (!((p[0] == 'r' || p[0] == '-') && (p[1] == 'w' || p[1] == '-') &&
        (p[2] == 'x' || p[2] == '-') && (p[3] == 'p' || p[3] == 's') && p[4] == ' '))
    return FALSE;
  fields->perms = p;

  if ((p = read_hex_exact (p + 5, &fields->offset)) == NULL || p >= end || *p != ' ' ||
      (p = read_hex_exact (p + 1, &fields->major)) == NULL || p >= end || *p != ':' ||
      (p = read_hex_exact (p + 1, &fields->minor)) == NULL || p >= end || *p != ' ')
    return FALSE;

  p++;
  fields->inode = 0;
  while (p < end && g_ascii_isdigit (*p) && n < 19)
    {
      fields->inode = fields->inode * 10 + (guint)(*p++ - '0');
      n++;
    }
  if (n == 0 || (p < end && *p != ' '))
    return FALSE;

  fields->after_inode = p;
  return TRUE;
}

/* "start-end perms offset major:minor inode   path", with runs of blanks
 * between the fields; FALSE when the line is malformed. */
static gboolean
read_mapping_fields (const char    *line,
                     const char    *end,
                     MappingFields *fields)
{
  const char *p;

  p = _mapscope_parse_hex (line, end, &fields->start);
  if (p == NULL || p >= end || *p != '-')
    return FALSE;
  p = _mapscope_parse_hex (p + 1, end, &fields->stop);
  if (p == NULL || p >= end || *p != ' ')
    return FALSE;
  p++;
  fields->perms = p;
  if (end - p < 4 || (p + 4 < end && p[4] != ' '))
    return FALSE;
  p = skip_blanks (p + 4, end);
  if ((p = _mapscope_parse_hex (p, end, &fields->offset)) == NULL)
    return FALSE;
  p = skip_blanks (p, end);
  if ((p = _mapscope_parse_hex (p, end, &fields->major)) == NULL || p >= end || *p != ':')
    return FALSE;
  if ((p = _mapscope_parse_hex (p + 1, end, &fields->minor)) == NULL)
    return FALSE;
  p = skip_blanks (p, end);
  if ((p = _mapscope_parse_decimal (p, end, &fields->inode)) == NULL)
    return FALSE;
  if (p < end && *p != ' ' && *p != '\t')
    return FALSE;

  fields->after_inode = p;
  return TRUE;
}

static void
skip_region (MapscopeParser *self)
{
  if (self->first_skipped_line == 0)
    self->first_skipped_line = self->line_no;
  close_region (self);
  self->skipping_region = TRUE;
}

/* Opens the region a mapping line describes; END ends the line. */
static void
add_mapping (MapscopeParser      *self,
             const MappingFields *fields,
             const char          *end)
{
  MapscopeRegion *region;
  const char *p;
  gboolean rollup;

  if (fields->stop < fields->start)
    {
      _mapscope_parser_warn (self, "the mapping ends (0x%" G_GINT64_MODIFIER "x) before it starts "
                             "(0x%" G_GINT64_MODIFIER "x); the region is skipped",
                             fields->stop, fields->start);
      skip_region (self);
      return;
    }

  p = skip_blanks (fields->after_inode, end);
  rollup = (end - p == 8 && memcmp (p, "[rollup]", 8) == 0);
  if (rollup)
    _mapscope_parser_close_snapshot (self);

  region = _mapscope_parser_begin_region (self, fields->start, MAPSCOPE_FORMAT_MAPS);
  if (rollup)
    {
      _mapscope_snapshot_mark_rollup (self->current);
      self->current_is_maps = FALSE;
    }
  region->end = fields->stop;
  region->perms = _mapscope_parse_perms (fields->perms, 4);
  region->offset = fields->offset;
  region->device = (guint32)(((fields->major & 0xfff) << 20) | (fields->minor & 0xfffff));
  region->inode = fields->inode;
  region->flags |= MAPSCOPE_REGION_HAS_OFFSET;
  _mapscope_parser_set_path (self, region, p, end - p);

  self->region_open = TRUE;
  self->region_n_fields = 0;
  self->region_seen_keys = 0;
  self->previous_key = -1;
}

static gboolean
parse_mapping_header (MapscopeParser *self,
                      const char     *line,
                      gsize           len)
{
  MappingFields fields;

  if (!looks_like_mapping_header (line, line + len))
    return FALSE;

  /* From here on the line is meant as a mapping: report what is wrong. */
  if (!read_mapping_fields (line, line + len, &fields))
    {
      _mapscope_parser_warn (self, "malformed mapping line: expected "
                             "\"START-END PERMS OFFSET MAJOR:MINOR INODE [PATH]\"; the region is skipped");
      skip_region (self);
      return TRUE;
    }

  add_mapping (self, &fields, line + len);
  return TRUE;
}

static gint
register_key (MapscopeParser *self,
              const char     *key,
              gsize           key_len,
              const char     *value,
              const char     *end)
{
  KeyEntry *entry;
  gint known;

  for (guint i = 0; i < self->n_keys; i++)
    {
      if (self->keys[i].len == key_len && memcmp (self->keys[i].name, key, key_len) == 0)
        return i;
    }

  if (self->n_keys == MAX_KEYS || key_len >= MAX_KEY_LENGTH)
    return -1;

  entry = &self->keys[self->n_keys];
  memcpy (entry->name, key, key_len);
  entry->name[key_len] = '\0';
  entry->len = key_len;
  entry->next = -1;
  entry->value_end = 0;
  memset (entry->head, 0, sizeof entry->head);
  memset (entry->head_mask, 0, sizeof entry->head_mask);
  for (guint i = 0; i < MIN (key_len + 1, 24); i++)
    {
      guint8 byte = i < key_len ? (guint8)key[i] : ':';

      /* Byte i of a word as load_word() reads it. */
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
      guint shift = 8 * (i % 8);
#else
      guint shift = 8 * (7 - i % 8);
#endif
      entry->head[i / 8] |= (guint64)byte << shift;
      entry->head_mask[i / 8] |= (guint64)0xff << shift;
    }

  known = mapscope_field_lookup (key, key_len);
  entry->fast = key_len < 24 && (known >= 0 || strcmp (entry->name, "THPeligible") == 0);
  entry->suffix_len = known >= 0 ? 4 : 1;
  if (known >= 0)
    {
      entry->kind = KEY_KNOWN;
      entry->field = known;
    }
  else if (strcmp (entry->name, "VmFlags") == 0)
    entry->kind = KEY_VMFLAGS;
  else if (strcmp (entry->name, "THPeligible") == 0)
    entry->kind = KEY_THP_ELIGIBLE;
  else if (strcmp (entry->name, "ProtectionKey") == 0)
    entry->kind = KEY_PROTECTION_KEY;
  else
    {
      /* A field this code does not know: keep it, kB or plain number. */
      guint64 number;
      const char *after = _mapscope_parse_decimal (skip_blanks (value, end), end, &number);

      if (after == NULL)
        return -1;
      after = skip_blanks (after, end);
      entry->kind = (end - after == 2 && after[0] == 'k' && after[1] == 'B')
                    ? KEY_EXTRA_KB : KEY_EXTRA_NUMBER;
    }

  return self->n_keys++;
}

static void
store_field (MapscopeParser *self,
             MapscopeRegion *region,
             const KeyEntry *entry,
             const char     *value,
             const char     *end)
{
  const char *p = skip_blanks (value, end);
  guint64 number;

  if (entry->kind == KEY_VMFLAGS)
    {
      gboolean unknown = FALSE;
      const char *flags_end = end;

      while (flags_end > p && flags_end[-1] == ' ')
        flags_end--;
      region->flags |= MAPSCOPE_REGION_HAS_VMFLAGS;

      for (guint i = 0; i < G_N_ELEMENTS (self->recent_vmflags); i++)
        {
          const char *recent = self->recent_vmflags[i];

          /* Interned texts hold no NUL, so equal bytes mean equal texts. */
          if (recent != NULL && self->recent_vmflags_len[i] == (gsize)(flags_end - p) &&
              memcmp (recent, p, flags_end - p) == 0)
            {
              region->vmflags = self->recent_vmflags_mask[i];
              region->vmflags_text = recent;
              return;
            }
        }

      region->vmflags = mapscope_vmflags_parse (p, flags_end - p, &unknown);
      g_string_truncate (self->scratch, 0);
      g_string_append_len (self->scratch, p, flags_end - p);
      if (memchr (self->scratch->str, '\0', self->scratch->len) == NULL &&
          g_utf8_validate_len (self->scratch->str, self->scratch->len, NULL))
        region->vmflags_text = _mapscope_snapshot_intern (self->current, self->scratch->str);
      self->recent_vmflags[self->recent_vmflags_next] = region->vmflags_text;
      self->recent_vmflags_len[self->recent_vmflags_next] = flags_end - p;
      self->recent_vmflags_mask[self->recent_vmflags_next] = region->vmflags;
      self->recent_vmflags_next = (self->recent_vmflags_next + 1) % G_N_ELEMENTS (self->recent_vmflags);
      return;
    }

  p = _mapscope_parse_decimal (p, end, &number);
  if (G_UNLIKELY (p == NULL))
    {
      _mapscope_parser_warn (self, "the value of %s is not a number, or too large for 64 bits; "
                             "the field is ignored", entry->name);
      return;
    }

  switch (entry->kind)
    {
    case KEY_KNOWN:
      if (G_LIKELY (number < MAPSCOPE_VALUE_WIDE && !(region->present & (1u << entry->field))))
        {
          region->values[entry->field] = (guint32)number;
          region->present |= 1u << entry->field;
        }
      else
        _mapscope_snapshot_set_value (self->current, region, entry->field, number);
      break;

    case KEY_THP_ELIGIBLE:
      region->thp_eligible = number > 0 ? 1 : 0;
      break;

    case KEY_PROTECTION_KEY:
      region->protection_key = (gint16)MIN (number, G_MAXINT16);
      break;

    case KEY_EXTRA_KB:
    case KEY_EXTRA_NUMBER:
      _mapscope_snapshot_set_value (self->current, region,
                                    _mapscope_snapshot_ensure_extra_field (self->current, entry->name,
                                                                           entry->kind == KEY_EXTRA_KB),
                                    number);
      break;

    case KEY_VMFLAGS:
    default:
      g_assert_not_reached ();
    }
}

/* "Key: value": returns FALSE when the line does not have that shape. */
static inline gboolean
parse_field_line (MapscopeParser *self,
                  const char     *line,
                  gsize           len)
{
  const char *end = line + len;
  MapscopeRegion *region;
  const KeyEntry *entry;
  gint predicted;
  gint index;

  predicted = self->previous_key < 0 ? self->first_key : self->keys[self->previous_key].next;
  if (G_LIKELY (predicted >= 0 && len >= 8 &&
                len > self->keys[predicted].len &&
                (load_word (line) & self->keys[predicted].head_mask[0]) == self->keys[predicted].head[0] &&
                line[self->keys[predicted].len] == ':' &&
                (self->keys[predicted].len < 8 ||
                 memcmp (line + 8, self->keys[predicted].name + 8, self->keys[predicted].len - 8) == 0)))
    {
      index = predicted;
    }
  else
    {
      const char *p = line;

      while (p < end && (g_ascii_isalnum (*p) || *p == '_'))
        p++;
      if (p == line || p >= end || *p != ':')
        return FALSE;

      index = register_key (self, line, p - line, p + 1, end);
      if (index < 0)
        {
          _mapscope_parser_warn (self, "the field \"%.*s\" has a value that is not a number; "
                                 "it is ignored", (int)MIN (p - line, 64), line);
          return TRUE;
        }

      if (self->previous_key < 0)
        self->first_key = index;
      else
        self->keys[self->previous_key].next = index;
      self->template_stale = TRUE;
    }

  self->previous_key = index;
  entry = &self->keys[index];

  if (G_UNLIKELY (self->skipping_region))
    return TRUE;

  if (G_UNLIKELY (!self->region_open))
    {
      _mapscope_parser_warn (self, "the field %s comes before any mapping line; it is ignored",
                             entry->name);
      return TRUE;
    }

  if (G_UNLIKELY (self->region_seen_keys & (G_GUINT64_CONSTANT (1) << index)))
    _mapscope_parser_warn (self, "the field %s appears twice in this region; the last value is kept",
                           entry->name);
  self->region_seen_keys |= G_GUINT64_CONSTANT (1) << index;
  self->region_n_fields++;

  region = self->region;
  if (G_UNLIKELY (self->current_is_maps))
    {
      _mapscope_snapshot_set_format (self->current, MAPSCOPE_FORMAT_SMAPS);
      self->current_is_maps = FALSE;
    }

  store_field (self, region, entry, line + entry->len + 1, end);
  return TRUE;
}

/* " kB\n" (SUFFIX_LEN 4) or "\n" (1) at P */
static inline gboolean
has_suffix_at (const char *p,
               guint       suffix_len)
{
  static const char kb[4] = { ' ', 'k', 'B', '\n' };

  if (suffix_len == 4)
    return memcmp (p, kb, 4) == 0;
  return *p == '\n';
}

/* Whether [A, B) holds only spaces, eight at a time; tabs and anything
 * else send the line to the general path. */
static inline gboolean
all_spaces (const char *a,
            const char *b)
{
  const guint64 spaces = G_GUINT64_CONSTANT (0x2020202020202020);

  if (b - a >= 8)
    {
      for (; b - a > 8; a += 8)
        {
          if (load_word (a) != spaces)
            return FALSE;
        }
      return load_word (b - 8) == spaces;
    }

  for (; a < b; a++)
    {
      if (*a != ' ')
        return FALSE;
    }
  return TRUE;
}

/* The length of the line at P when it is ENTRY's key, spaces, a number and
 * the key's suffix, with the number in VALUE; 0 otherwise. The kernel
 * right-aligns values, so the suffix mostly sits where it sat on the last
 * line with this key; otherwise find it and remember. */
static inline guint
match_learned_line (KeyEntry   *entry,
                    const char *p,
                    const char *end,
                    guint32    *value)
{
  const char *q;
  guint64 number = 0;
  guint64 scale = 1;

  if ((load_word (p) & entry->head_mask[0]) != entry->head[0] ||
      (load_word (p + 8) & entry->head_mask[1]) != entry->head[1] ||
      (load_word (p + 16) & entry->head_mask[2]) != entry->head[2])
    return 0;

  q = p + entry->value_end;
  if (entry->value_end == 0 || !has_suffix_at (q, entry->suffix_len))
    {
      const char *v = skip_blanks (p + entry->len + 1, end);

      while (*v >= '0' && *v <= '9' && v - p < 96)
        v++;
      if (v == p + entry->len + 1 || !has_suffix_at (v, entry->suffix_len))
        return 0;
      entry->value_end = v - p;
      q = v;
    }

  while (q[-1] >= '0' && q[-1] <= '9' && scale <= 100000000)
    {
      number += (guint64)(*--q - '0') * scale;
      scale *= 10;
    }
  if (q[-1] != ' ' || scale == 1 || scale > 100000000)
    return 0;
  /* Only spaces between the colon and the number: a shorter line puts
   * the remembered column in the next line, or junk may sit there. */
  if (!all_spaces (p + entry->len + 1, q))
    return 0;

  *value = (guint32)number;
  return entry->value_end + entry->suffix_len;
}

static void
rebuild_template (MapscopeParser *self)
{
  _mapscope_template_clear (&self->template);

  for (gint k = self->first_key; k >= 0; k = self->keys[k].next)
    {
      const KeyEntry *entry = &self->keys[k];
      MapscopeTemplateLayout layout;

      if (!entry->fast)
        break;
      layout = entry->kind == KEY_THP_ELIGIBLE ? MAPSCOPE_TEMPLATE_PLAIN : MAPSCOPE_TEMPLATE_KB;
      if (!_mapscope_template_append (&self->template, entry->name, entry->len, k, layout,
                                      entry->field))
        break;
    }

  self->template_stale = FALSE;
}

/* The hot path: consecutive "Key:   1234 kB" lines of the open region, read
 * straight from the chunk with no line split, each key the one predicted
 * from the key before it. State lives in locals for the loop, so the
 * compiler need not reload it after every store. Stops, having consumed
 * only whole lines, at the first line it does not handle; the general path
 * takes that one. */
static const char *
parse_fields_fast (MapscopeParser *self,
                   const char     *p,
                   const char     *end)
{
  MapscopeRegion *region = self->region;
  KeyEntry *keys = self->keys;
  gint previous = self->previous_key;
  guint64 seen = self->region_seen_keys;
  guint32 present;
  guint n_lines = 0;

  if (!self->region_open || self->current_is_maps || region == NULL || !self->fast_paths)
    return p;

  present = region->present;

  /* A region with no field read yet: match its block against the template
   * first, then go on line by line from wherever that stopped. */
  if (previous < 0 && seen == 0 && present == 0)
    {
      if (self->template_stale)
        rebuild_template (self);
      p = _mapscope_template_match (&self->template, region, p, end, &n_lines);
      if (n_lines > 0)
        {
          const MapscopeTemplateStep *last = &self->template.steps[n_lines - 1];

          previous = last->key;
          seen = last->seen_keys;
          present = last->present;
        }
    }

  /* 128 bytes of slack: every load below stays inside the chunk. */
  while (end - p >= 128)
    {
      gint predicted = previous < 0 ? self->first_key : keys[previous].next;
      KeyEntry *entry;
      guint32 number;
      guint32 field_bit;
      guint line_length;

      if (predicted < 0)
        break;
      entry = &keys[predicted];
      if (seen & (G_GUINT64_CONSTANT (1) << predicted))
        break;

      if (entry->kind == KEY_VMFLAGS)
        {
          const char *newline;

          if ((load_word (p) & entry->head_mask[0]) != entry->head[0] ||
              (newline = memchr (p, '\n', end - p)) == NULL || newline[-1] == '\r')
            break;

          /* Counted first, as process_line () would, for any warning. */
          self->line_no += n_lines + 1;
          self->region_n_fields += n_lines + 1;
          n_lines = 0;
          store_field (self, region, entry, p + entry->len + 1, newline);
          seen |= G_GUINT64_CONSTANT (1) << predicted;
          previous = predicted;
          p = newline + 1;
          continue;
        }

      if (!entry->fast)
        break;

      line_length = match_learned_line (entry, p, end, &number);
      if (line_length == 0)
        break;

      if (entry->kind == KEY_THP_ELIGIBLE)
        {
          region->thp_eligible = number > 0;
        }
      else
        {
          field_bit = 1u << entry->field;
          if (present & field_bit)
            break;
          region->values[entry->field] = (guint32)number;
          present |= field_bit;
        }
      seen |= G_GUINT64_CONSTANT (1) << predicted;
      previous = predicted;
      n_lines++;
      p += line_length;
    }

  region->present = present;
  self->previous_key = previous;
  self->region_seen_keys = seen;
  self->region_n_fields += n_lines;
  self->line_no += n_lines;

  return p;
}

/* Separators ------------------------------------------------------------- */

static gboolean
parse_separator (MapscopeParser *self,
                 const char     *line,
                 gsize           len)
{
  g_autoptr(GDateTime) timestamp = NULL;
  g_autofree char *command = NULL;
  gint pid;

  if (!_mapscope_separator_parse (line, len, &timestamp, &pid, &command))
    return FALSE;

  _mapscope_parser_close_snapshot (self);
  self->pmap_mode = FALSE;
  self->pending_line = self->line_no;
  g_clear_pointer (&self->pending_time, g_date_time_unref);
  self->pending_time = g_steal_pointer (&timestamp);
  if (pid >= 0)
    self->pending_pid = pid;
  if (command != NULL)
    {
      g_free (self->pending_command);
      self->pending_command = g_steal_pointer (&command);
    }

  return TRUE;
}

/* Lines ------------------------------------------------------------------ */

static gboolean
parse_other_line (MapscopeParser *self,
                  const char     *line,
                  gsize           len)
{
  const char *p = skip_blanks (line, line + len);
  gsize rest = line + len - p;

  if (g_ascii_isxdigit (line[0]) && parse_mapping_header (self, line, len))
    return TRUE;

  if (g_ascii_isdigit (line[0]) && _mapscope_pmap_parse_header (self, line, len))
    return TRUE;

  if (rest >= 7 && memcmp (p, "Address", 7) == 0 && _mapscope_pmap_parse_columns (self, line, len))
    return TRUE;

  if (self->pmap_mode)
    {
      if (_mapscope_pmap_parse_row (self, line, len))
        return TRUE;
      if (_mapscope_pmap_parse_totals (self, line, len))
        return TRUE;
    }

  if (parse_separator (self, line, len))
    return TRUE;

  /* A field line with no region open, or a "Key: value" we could not read. */
  if (g_ascii_isalpha (line[0]) && parse_field_line (self, line, len))
    return TRUE;

  return FALSE;
}

static void
process_line (MapscopeParser *self,
              const char     *line,
              gsize           len)
{
  self->line_no++;

  if (len > 0 && line[len - 1] == '\r')
    len--;
  if (len == 0)
    return;

  /* A mapping line as the kernel writes it can be nothing else. */
  if (hex_digits[(guint8)line[0]] <= 15 && self->fast_paths)
    {
      MappingFields fields;

      if (read_mapping_fields_exact (line, line + len, &fields))
        {
          add_mapping (self, &fields, line + len);
          return;
        }
    }

  if ((self->region_open || self->skipping_region) && g_ascii_isalpha (line[0]) &&
      parse_field_line (self, line, len))
    return;

  if (parse_other_line (self, line, len))
    return;

  if (!self->seen_data)
    {
      self->garbage_lines++;
      _mapscope_parser_warn (self, "unrecognised line before the first mapping; it is ignored");
      if (self->garbage_lines >= MAX_GARBAGE_LINES && !self->failed)
        {
          self->failed = TRUE;
          g_set_error (&self->error, MAPSCOPE_PARSE_ERROR, MAPSCOPE_PARSE_ERROR_UNKNOWN_FORMAT,
                       "%s:%" G_GUINT64_FORMAT ": not a memory map: the first %u lines are "
                       "in no known format; expected " MAPSCOPE_FORMATS_EXPECTED,
                       self->source, self->line_no, MAX_GARBAGE_LINES);
        }
      return;
    }

  if (memchr (line, '\0', len) != NULL)
    _mapscope_parser_warn (self, "unrecognised line with binary data (NUL bytes); it is ignored");
  else
    _mapscope_parser_warn (self, "unrecognised line; it is ignored");
}

static void
append_to_carry (MapscopeParser *self,
                 const char     *data,
                 gsize           len)
{
  if (self->discarding_long_line)
    return;

  if (self->carry->len + len > MAX_LINE_LENGTH)
    {
      self->discarding_long_line = TRUE;
      g_string_truncate (self->carry, 0);
      return;
    }

  g_string_append_len (self->carry, data, len);
}

static void
finish_carry_line (MapscopeParser *self)
{
  if (self->discarding_long_line)
    {
      self->line_no++;
      if (!self->seen_data)
        self->garbage_lines++;
      _mapscope_parser_warn (self, "the line is longer than %d MiB; it is skipped",
                             MAX_LINE_LENGTH / (1024 * 1024));
      self->discarding_long_line = FALSE;
    }
  else
    {
      process_line (self, self->carry->str, self->carry->len);
    }

  g_string_truncate (self->carry, 0);
}

gboolean
_mapscope_parser_feed (MapscopeParser  *self,
                       const char      *data,
                       gsize            len,
                       GError         **error)
{
  const char *p = data;
  const char *end = data + len;

  if (self->failed)
    goto failed;

  if (self->carry->len > 0 || self->discarding_long_line)
    {
      const char *newline = memchr (p, '\n', end - p);

      if (newline == NULL)
        {
          append_to_carry (self, p, end - p);
          return TRUE;
        }

      append_to_carry (self, p, newline - p);
      finish_carry_line (self);
      p = newline + 1;
    }

  while (p < end && !self->failed)
    {
      const char *newline;

      p = parse_fields_fast (self, p, end);
      if (p >= end)
        break;

      newline = memchr (p, '\n', end - p);

      if (newline == NULL)
        {
          append_to_carry (self, p, end - p);
          break;
        }

      process_line (self, p, newline - p);
      p = newline + 1;
    }

  if (!self->failed)
    return TRUE;

failed:
  if (error != NULL)
    *error = g_error_copy (self->error);
  return FALSE;
}

gboolean
_mapscope_parser_finish (MapscopeParser  *self,
                         GError         **error)
{
  if (self->failed)
    {
      if (error != NULL)
        *error = g_error_copy (self->error);
      return FALSE;
    }

  if (self->carry->len > 0 || self->discarding_long_line)
    {
      finish_carry_line (self);
      _mapscope_parser_warn (self, "the input ends in the middle of a line");
    }

  /* The last region of a smaps file cut short has fewer fields than the one
   * before it; keep it, and say so. */
  if (self->region_open && self->current != NULL &&
      mapscope_snapshot_get_format (self->current) == MAPSCOPE_FORMAT_SMAPS &&
      self->region_n_fields < self->previous_region_n_fields)
    {
      MapscopeRegion *region = _mapscope_snapshot_peek_last (self->current);

      region->flags |= MAPSCOPE_REGION_TRUNCATED;
      _mapscope_parser_warn (self, "the input ends inside the region that starts at line %u "
                             "(%u of %u fields); the region is kept as it is",
                             region->line, self->region_n_fields,
                             self->previous_region_n_fields);
    }

  _mapscope_parser_close_snapshot (self);

  if (self->n_dropped_warnings > 0)
    {
      guint64 dropped = self->n_dropped_warnings;

      self->n_dropped_warnings = 0;
      g_array_set_size (self->warnings, self->warnings->len - 1);
      _mapscope_parser_warn (self, "%" G_GUINT64_FORMAT " more warnings are not shown", dropped + 1);
    }

  if (self->snapshots->len == 0)
    {
      const char *reason = NULL;

      /* Say why the mapping lines the input has could not be read. */
      for (guint i = 0; self->first_skipped_line > 0 && i < self->warnings->len; i++)
        {
          const MapscopeWarning *warning = &g_array_index (self->warnings, MapscopeWarning, i);

          if (warning->line == self->first_skipped_line)
            {
              reason = warning->message;
              break;
            }
        }

      if (self->line_no == 0)
        g_set_error (error, MAPSCOPE_PARSE_ERROR, MAPSCOPE_PARSE_ERROR_EMPTY,
                     "%s: the input is empty; expected " MAPSCOPE_FORMATS_EXPECTED,
                     self->source);
      else if (reason != NULL)
        g_set_error (error, MAPSCOPE_PARSE_ERROR, MAPSCOPE_PARSE_ERROR_FAILED,
                     "%s:%" G_GUINT64_FORMAT ": no region could be read: %s",
                     self->source, self->first_skipped_line, reason);
      else
        g_set_error (error, MAPSCOPE_PARSE_ERROR, MAPSCOPE_PARSE_ERROR_UNKNOWN_FORMAT,
                     "%s:1: not a memory map: no line is in a known format; expected "
                     MAPSCOPE_FORMATS_EXPECTED, self->source);
      return FALSE;
    }

  return TRUE;
}

/* With FALSE, every line takes the general path: the fast paths must give
 * the same results, and tests compare the two. */
void
_mapscope_parser_set_fast_paths (MapscopeParser *self,
                                 gboolean        enabled)
{
  self->fast_paths = enabled;
}

MapscopeFormat
_mapscope_parser_get_format (MapscopeParser *self)
{
  return self->format;
}

GPtrArray *
_mapscope_parser_steal_snapshots (MapscopeParser *self)
{
  return g_steal_pointer (&self->snapshots);
}

GArray *
_mapscope_parser_steal_warnings (MapscopeParser *self)
{
  return g_steal_pointer (&self->warnings);
}

guint64
_mapscope_parser_get_n_lines (MapscopeParser *self)
{
  return self->line_no;
}
