/* mapscope-snapshot.c: the memory map of one process at one instant
 *
 * Regions are plain structs in one array sorted by start address. Each
 * numeric field takes 32 bits of kB in the region; the rare value that does
 * not fit, and every field this code does not know by name, lives in a side
 * table sorted by region index, so the common case stays compact.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "mapscope-snapshot-private.h"

typedef struct
{
  guint32 region_index;
  guint32 field_id;
  guint64 value;
} WideValue;

typedef struct
{
  char     *name;
  gboolean  is_kb;
} ExtraField;

typedef struct
{
  guint   field_id;
  guint64 value;
} ReportedTotal;

struct _MapscopeSnapshot
{
  GObject         parent_instance;

  MapscopeRegion *regions;
  guint           n_regions;
  guint           capacity;
  guint           prefaulted;   /* regions[0, prefaulted) are known to be in memory */
  gboolean        is_rollup;

  GStringChunk   *strings;
  GHashTable     *interned;     /* borrowed keys in strings */
  gsize           strings_size;
  GArray         *wide;         /* WideValue, sorted by region_index */
  GArray         *extra_fields; /* ExtraField, id = MAPSCOPE_N_KNOWN_FIELDS + index */
  GArray         *reported;     /* ReportedTotal, from a pmap totals line */
  guint32         known_present;

  MapscopeFormat  format;
  gint            pid;
  char           *command;
  GDateTime      *timestamp;
  char           *source;
  guint           source_line;
  const char     *executable;

  char           *note;
  const char    **raw_texts;    /* by region index, in strings; NULL when not carried */
};

G_DEFINE_FINAL_TYPE (MapscopeSnapshot, mapscope_snapshot, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NOTE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
clear_extra_field (gpointer data)
{
  ExtraField *field = data;

  g_free (field->name);
}

static void
mapscope_snapshot_finalize (GObject *object)
{
  MapscopeSnapshot *self = (MapscopeSnapshot *)object;

  g_free (self->regions);
  g_clear_pointer (&self->interned, g_hash_table_unref);
  g_string_chunk_free (self->strings);
  g_clear_pointer (&self->wide, g_array_unref);
  g_clear_pointer (&self->extra_fields, g_array_unref);
  g_clear_pointer (&self->reported, g_array_unref);
  g_clear_pointer (&self->command, g_free);
  g_clear_pointer (&self->timestamp, g_date_time_unref);
  g_clear_pointer (&self->source, g_free);
  g_clear_pointer (&self->note, g_free);
  g_clear_pointer (&self->raw_texts, g_free);

  G_OBJECT_CLASS (mapscope_snapshot_parent_class)->finalize (object);
}

static void
mapscope_snapshot_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  MapscopeSnapshot *self = MAPSCOPE_SNAPSHOT (object);

  switch (prop_id)
    {
    case PROP_NOTE:
      g_value_set_string (value, self->note);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mapscope_snapshot_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  MapscopeSnapshot *self = MAPSCOPE_SNAPSHOT (object);

  switch (prop_id)
    {
    case PROP_NOTE:
      mapscope_snapshot_set_note (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mapscope_snapshot_class_init (MapscopeSnapshotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mapscope_snapshot_finalize;
  object_class->get_property = mapscope_snapshot_get_property;
  object_class->set_property = mapscope_snapshot_set_property;

  /* The user's note on this snapshot; NULL for none. Saved in sessions. */
  properties[PROP_NOTE] =
    g_param_spec_string ("note", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mapscope_snapshot_init (MapscopeSnapshot *self)
{
  self->strings = g_string_chunk_new (64 * 1024);
  self->interned = g_hash_table_new (g_str_hash, g_str_equal);
  self->wide = g_array_new (FALSE, FALSE, sizeof (WideValue));
  self->extra_fields = g_array_new (FALSE, FALSE, sizeof (ExtraField));
  g_array_set_clear_func (self->extra_fields, clear_extra_field);
  self->reported = g_array_new (FALSE, FALSE, sizeof (ReportedTotal));
  self->pid = -1;
}

MapscopeSnapshot *
_mapscope_snapshot_new (const char     *source,
                        MapscopeFormat  format)
{
  MapscopeSnapshot *self = g_object_new (MAPSCOPE_TYPE_SNAPSHOT, NULL);

  self->source = g_strdup (source);
  self->format = format;

  return self;
}

/* Regions prefaulted at a time once the array is large. */
#define PREFAULT_REGIONS 4096

/* A large snapshot writes megabytes of fresh pages, and taking one page
 * fault per 4 KiB costs more than parsing what goes in them (on a virtual
 * machine above all). Ask the kernel for the next stretch of the array in
 * one call instead. Only a hint: where the kernel cannot, pages fault in
 * one by one as usual. */
static void
prefault_regions (MapscopeSnapshot *self)
{
#ifdef MADV_POPULATE_WRITE
  static gsize page_size = 0;
  guintptr start, end;
  guint upto;

  if (page_size == 0)
    page_size = (gsize)sysconf (_SC_PAGESIZE);

  upto = MIN (self->capacity, self->n_regions + PREFAULT_REGIONS);
  start = (guintptr)&self->regions[self->n_regions] & ~(guintptr)(page_size - 1);
  end = (guintptr)&self->regions[upto] & ~(guintptr)(page_size - 1);
  if (end > start)
    madvise ((void *)start, end - start, MADV_POPULATE_WRITE);
  self->prefaulted = upto;
#endif
}

MapscopeRegion *
_mapscope_snapshot_append_region (MapscopeSnapshot *self)
{
  MapscopeRegion *region;

  if (self->n_regions == self->capacity)
    {
      if (self->capacity >= G_MAXUINT32 / 2)
        g_error ("too many regions in one snapshot");
      self->capacity = MAX (64, self->capacity * 2);
      self->regions = g_renew (MapscopeRegion, self->regions, self->capacity);
      /* The block may have moved: only what was written is known to be there. */
      self->prefaulted = self->n_regions;
      /* A session sets each region's raw text as it reads the region. */
      if (self->raw_texts != NULL)
        {
          self->raw_texts = g_renew (const char *, self->raw_texts, self->capacity);
          memset (self->raw_texts + self->n_regions, 0,
                  (self->capacity - self->n_regions) * sizeof *self->raw_texts);
        }
    }

  if (self->n_regions >= self->prefaulted && self->capacity >= PREFAULT_REGIONS)
    prefault_regions (self);

  /* Only the last region is ever written to, so the one before is complete:
   * count its fields now, while it is still in the cache. */
  if (self->n_regions > 0)
    self->known_present |= self->regions[self->n_regions - 1].present;

  region = &self->regions[self->n_regions++];
  memset (region, 0, sizeof *region);
  region->protection_key = -1;
  region->thp_eligible = -1;

  return region;
}

MapscopeRegion *
_mapscope_snapshot_peek_last (MapscopeSnapshot *self)
{
  return self->n_regions > 0 ? &self->regions[self->n_regions - 1] : NULL;
}

void
_mapscope_snapshot_drop_last (MapscopeSnapshot *self)
{
  guint index;

  g_return_if_fail (self->n_regions > 0);

  index = self->n_regions - 1;
  while (self->wide->len > 0 &&
         g_array_index (self->wide, WideValue, self->wide->len - 1).region_index == index)
    g_array_set_size (self->wide, self->wide->len - 1);

  self->n_regions--;
}

const char *
_mapscope_snapshot_intern (MapscopeSnapshot *self,
                           const char       *text)
{
  char *interned = g_hash_table_lookup (self->interned, text);

  if (interned == NULL)
    {
      interned = g_string_chunk_insert (self->strings, text);
      g_hash_table_add (self->interned, interned);
      self->strings_size += strlen (text) + 1 + 3 * sizeof (gpointer);
    }

  return interned;
}

void
_mapscope_snapshot_set_value (MapscopeSnapshot *self,
                              MapscopeRegion   *region,
                              guint             field_id,
                              guint64           value)
{
  guint32 index = region - self->regions;

  if (field_id < MAPSCOPE_N_KNOWN_FIELDS)
    {
      region->present |= 1u << field_id;
      if (value < MAPSCOPE_VALUE_WIDE)
        {
          region->values[field_id] = (guint32)value;
          return;
        }
      region->values[field_id] = MAPSCOPE_VALUE_WIDE;
    }

  /* Replace a value set twice for the same field of this region. */
  for (guint i = self->wide->len; i > 0; i--)
    {
      WideValue *wide = &g_array_index (self->wide, WideValue, i - 1);

      if (wide->region_index != index)
        break;
      if (wide->field_id == field_id)
        {
          wide->value = value;
          return;
        }
    }

  region->flags |= MAPSCOPE_REGION_HAS_EXTRAS;
  g_array_append_val (self->wide, ((WideValue) { index, field_id, value }));
}

guint
_mapscope_snapshot_ensure_extra_field (MapscopeSnapshot *self,
                                       const char       *name,
                                       gboolean          is_kb)
{
  ExtraField field;

  for (guint i = 0; i < self->extra_fields->len; i++)
    {
      if (strcmp (g_array_index (self->extra_fields, ExtraField, i).name, name) == 0)
        return MAPSCOPE_N_KNOWN_FIELDS + i;
    }

  field.name = g_strdup (name);
  field.is_kb = is_kb;
  g_array_append_val (self->extra_fields, field);

  return MAPSCOPE_N_KNOWN_FIELDS + self->extra_fields->len - 1;
}

void
_mapscope_snapshot_set_format (MapscopeSnapshot *self,
                               MapscopeFormat    format)
{
  self->format = format;
}

void
_mapscope_snapshot_set_pid (MapscopeSnapshot *self,
                            gint              pid)
{
  self->pid = pid;
}

void
_mapscope_snapshot_set_command (MapscopeSnapshot *self,
                                const char       *command)
{
  g_free (self->command);
  self->command = g_strdup (command);
}

void
_mapscope_snapshot_set_timestamp (MapscopeSnapshot *self,
                                  GDateTime        *timestamp)
{
  g_clear_pointer (&self->timestamp, g_date_time_unref);
  if (timestamp != NULL)
    self->timestamp = g_date_time_ref (timestamp);
}

void
_mapscope_snapshot_set_source_line (MapscopeSnapshot *self,
                                    guint             line)
{
  self->source_line = line;
}

void
_mapscope_snapshot_set_reported_total (MapscopeSnapshot *self,
                                       guint             field_id,
                                       guint64           value)
{
  ReportedTotal total = { field_id, value };

  g_array_append_val (self->reported, total);
}

void
_mapscope_snapshot_mark_rollup (MapscopeSnapshot *self)
{
  self->is_rollup = TRUE;
  self->format = MAPSCOPE_FORMAT_SMAPS_ROLLUP;
}

gboolean
_mapscope_snapshot_is_empty (MapscopeSnapshot *self)
{
  return self->n_regions == 0;
}

void
_mapscope_snapshot_finish (MapscopeSnapshot *self)
{
  /* The regions before the last were counted as each next one came. */
  if (self->n_regions > 0)
    self->known_present |= self->regions[self->n_regions - 1].present;

  if (self->capacity > self->n_regions)
    {
      self->capacity = self->n_regions;
      self->regions = g_renew (MapscopeRegion, self->regions, MAX (1, self->capacity));
    }

  if (!self->is_rollup)
    _mapscope_categorize (self->regions, self->n_regions, self->command, &self->executable);
}

/**
 * mapscope_snapshot_get_n_regions:
 *
 * Returns: the number of regions; 0 for a smaps_rollup snapshot, whose
 *   totals are in mapscope_snapshot_get_rollup().
 */
guint
mapscope_snapshot_get_n_regions (MapscopeSnapshot *self)
{
  g_return_val_if_fail (MAPSCOPE_IS_SNAPSHOT (self), 0);
  return self->is_rollup ? 0 : self->n_regions;
}

/**
 * mapscope_snapshot_get_region:
 *
 * Returns: (transfer none): the region at @index, by start address
 */
const MapscopeRegion *
mapscope_snapshot_get_region (MapscopeSnapshot *self,
                              guint             index)
{
  g_return_val_if_fail (MAPSCOPE_IS_SNAPSHOT (self), NULL);
  g_return_val_if_fail (index < mapscope_snapshot_get_n_regions (self), NULL);
  return &self->regions[index];
}

/**
 * mapscope_snapshot_get_regions:
 *
 * Returns: (transfer none): the array of regions, sorted by start address
 */
const MapscopeRegion *
mapscope_snapshot_get_regions (MapscopeSnapshot *self,
                               guint            *n_regions)
{
  g_return_val_if_fail (MAPSCOPE_IS_SNAPSHOT (self), NULL);
  *n_regions = mapscope_snapshot_get_n_regions (self);
  return self->regions;
}

/**
 * mapscope_snapshot_find_region:
 *
 * Returns: (transfer none) (nullable): the region that contains @address
 */
const MapscopeRegion *
mapscope_snapshot_find_region (MapscopeSnapshot *self,
                               guint64           address)
{
  guint lo = 0;
  guint hi = mapscope_snapshot_get_n_regions (self);

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      const MapscopeRegion *region = &self->regions[mid];

      if (address < region->start)
        hi = mid;
      else if (address >= region->end)
        lo = mid + 1;
      else
        return region;
    }

  return NULL;
}

/**
 * mapscope_snapshot_get_rollup:
 *
 * Returns: (transfer none) (nullable): the one pseudo-region of a
 *   smaps_rollup snapshot, or %NULL for any other
 */
const MapscopeRegion *
mapscope_snapshot_get_rollup (MapscopeSnapshot *self)
{
  g_return_val_if_fail (MAPSCOPE_IS_SNAPSHOT (self), NULL);
  return self->is_rollup && self->n_regions > 0 ? &self->regions[0] : NULL;
}

guint
mapscope_snapshot_get_n_fields (MapscopeSnapshot *self)
{
  return MAPSCOPE_N_KNOWN_FIELDS + self->extra_fields->len;
}

const char *
mapscope_snapshot_get_field_name (MapscopeSnapshot *self,
                                  guint             field_id)
{
  if (field_id < MAPSCOPE_N_KNOWN_FIELDS)
    return mapscope_field_get_name (field_id);

  g_return_val_if_fail (field_id < mapscope_snapshot_get_n_fields (self), NULL);
  return g_array_index (self->extra_fields, ExtraField, field_id - MAPSCOPE_N_KNOWN_FIELDS).name;
}

gboolean
mapscope_snapshot_field_is_kb (MapscopeSnapshot *self,
                               guint             field_id)
{
  if (field_id < MAPSCOPE_N_KNOWN_FIELDS)
    return TRUE;

  g_return_val_if_fail (field_id < mapscope_snapshot_get_n_fields (self), FALSE);
  return g_array_index (self->extra_fields, ExtraField, field_id - MAPSCOPE_N_KNOWN_FIELDS).is_kb;
}

/* Whether any region of the snapshot carries the field. */
gboolean
mapscope_snapshot_has_field (MapscopeSnapshot *self,
                             guint             field_id)
{
  if (field_id < MAPSCOPE_N_KNOWN_FIELDS)
    return (self->known_present & (1u << field_id)) != 0;

  return field_id < mapscope_snapshot_get_n_fields (self);
}

static gboolean
lookup_wide (MapscopeSnapshot *self,
             guint32           index,
             guint             field_id,
             guint64          *value)
{
  guint lo = 0;
  guint hi = self->wide->len;

  /* Find the first entry of the region, then scan its few entries. */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (self->wide, WideValue, mid).region_index < index)
        lo = mid + 1;
      else
        hi = mid;
    }

  for (; lo < self->wide->len; lo++)
    {
      const WideValue *wide = &g_array_index (self->wide, WideValue, lo);

      if (wide->region_index != index)
        break;
      if (wide->field_id == field_id)
        {
          *value = wide->value;
          return TRUE;
        }
    }

  return FALSE;
}

guint
mapscope_snapshot_get_region_index (MapscopeSnapshot     *self,
                                    const MapscopeRegion *region)
{
  g_return_val_if_fail (region >= self->regions && region < self->regions + self->n_regions,
                        G_MAXUINT);
  return region - self->regions;
}

/**
 * mapscope_snapshot_get_value:
 * @value: (out): the value, in kB for kB fields
 *
 * Returns: whether @region carries the field
 */
gboolean
mapscope_snapshot_get_value (MapscopeSnapshot     *self,
                             const MapscopeRegion *region,
                             guint                 field_id,
                             guint64              *value)
{
  *value = 0;

  if (field_id < MAPSCOPE_N_KNOWN_FIELDS)
    {
      if (!mapscope_region_has_field (region, field_id))
        return FALSE;
      if (region->values[field_id] != MAPSCOPE_VALUE_WIDE)
        {
          *value = region->values[field_id];
          return TRUE;
        }
    }
  else if (!(region->flags & MAPSCOPE_REGION_HAS_EXTRAS))
    {
      return FALSE;
    }

  return lookup_wide (self, mapscope_snapshot_get_region_index (self, region), field_id, value);
}

guint64
mapscope_snapshot_get_value_or_zero (MapscopeSnapshot     *self,
                                     const MapscopeRegion *region,
                                     guint                 field_id)
{
  guint64 value;

  mapscope_snapshot_get_value (self, region, field_id, &value);
  return value;
}

MapscopeFormat
mapscope_snapshot_get_format (MapscopeSnapshot *self)
{
  return self->format;
}

/* Returns: the process id, or -1 when the input did not say */
gint
mapscope_snapshot_get_pid (MapscopeSnapshot *self)
{
  return self->pid;
}

const char *
mapscope_snapshot_get_command (MapscopeSnapshot *self)
{
  return self->command;
}

/**
 * mapscope_snapshot_get_timestamp:
 *
 * Returns: (transfer none) (nullable): when the snapshot was taken, in UTC
 */
GDateTime *
mapscope_snapshot_get_timestamp (MapscopeSnapshot *self)
{
  return self->timestamp;
}

const char *
mapscope_snapshot_get_source (MapscopeSnapshot *self)
{
  return self->source;
}

/* Returns: the line of the source where this snapshot starts (1-based) */
guint
mapscope_snapshot_get_source_line (MapscopeSnapshot *self)
{
  return self->source_line;
}

/* Returns: (nullable): the path of the program's own file, once categorised */
const char *
mapscope_snapshot_get_executable (MapscopeSnapshot *self)
{
  return self->executable;
}

/* The total pmap printed for a field in its totals line, if it printed one. */
gboolean
mapscope_snapshot_get_reported_total (MapscopeSnapshot *self,
                                      guint             field_id,
                                      guint64          *value)
{
  for (guint i = 0; i < self->reported->len; i++)
    {
      const ReportedTotal *total = &g_array_index (self->reported, ReportedTotal, i);

      if (total->field_id == field_id)
        {
          *value = total->value;
          return TRUE;
        }
    }

  return FALSE;
}

/* Bytes of heap the model of this snapshot holds. */
gsize
mapscope_snapshot_get_memory_size (MapscopeSnapshot *self)
{
  return sizeof *self
         + (gsize)self->capacity * sizeof (MapscopeRegion)
         + self->strings_size
         + self->wide->len * sizeof (WideValue)
         + self->extra_fields->len * sizeof (ExtraField)
         + self->reported->len * sizeof (ReportedTotal);
}

/**
 * mapscope_snapshot_get_note:
 *
 * Returns: (transfer none) (nullable): the user's note, or %NULL
 */
const char *
mapscope_snapshot_get_note (MapscopeSnapshot *self)
{
  g_return_val_if_fail (MAPSCOPE_IS_SNAPSHOT (self), NULL);
  return self->note;
}

/* An empty note is no note. */
void
mapscope_snapshot_set_note (MapscopeSnapshot *self,
                            const char       *note)
{
  g_return_if_fail (MAPSCOPE_IS_SNAPSHOT (self));

  if (note != NULL && note[0] == '\0')
    note = NULL;
  if (g_strcmp0 (self->note, note) == 0)
    return;

  g_free (self->note);
  self->note = g_strdup (note);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTE]);
}

/**
 * mapscope_snapshot_get_raw_text:
 *
 * The region's lines as its input had them, when the snapshot carries them
 * (a snapshot opened from a session does, since its source may be gone).
 *
 * Returns: (transfer none) (nullable): the text, or %NULL when the snapshot
 *   does not carry it and it must be read from the source
 */
const char *
mapscope_snapshot_get_raw_text (MapscopeSnapshot     *self,
                                const MapscopeRegion *region)
{
  g_return_val_if_fail (MAPSCOPE_IS_SNAPSHOT (self), NULL);

  if (self->raw_texts == NULL)
    return NULL;
  return self->raw_texts[mapscope_snapshot_get_region_index (self, region)];
}

void
_mapscope_snapshot_set_raw_text (MapscopeSnapshot *self,
                                 guint             index,
                                 const char       *text)
{
  g_return_if_fail (index < self->n_regions);

  if (self->raw_texts == NULL)
    self->raw_texts = g_new0 (const char *, MAX (self->capacity, self->n_regions));
  self->raw_texts[index] = text != NULL ? g_string_chunk_insert (self->strings, text) : NULL;
  if (text != NULL)
    self->strings_size += strlen (text) + 1;
}

gboolean
_mapscope_snapshot_has_raw_texts (MapscopeSnapshot *self)
{
  return self->raw_texts != NULL;
}

/* By index, so that the rollup's pseudo-region has one too. */
const char *
_mapscope_snapshot_get_raw_text_at (MapscopeSnapshot *self,
                                    guint             index)
{
  g_return_val_if_fail (index < self->n_regions, NULL);
  return self->raw_texts != NULL ? self->raw_texts[index] : NULL;
}

/* Every region, the rollup's pseudo-region included. */
MapscopeRegion *
_mapscope_snapshot_get_all_regions (MapscopeSnapshot *self,
                                    guint            *n_regions)
{
  *n_regions = self->n_regions;
  return self->regions;
}

gboolean
_mapscope_snapshot_is_rollup (MapscopeSnapshot *self)
{
  return self->is_rollup;
}

guint
_mapscope_snapshot_get_n_reported_totals (MapscopeSnapshot *self)
{
  return self->reported->len;
}

void
_mapscope_snapshot_get_reported_total_at (MapscopeSnapshot *self,
                                          guint             index,
                                          guint            *field_id,
                                          guint64          *value)
{
  const ReportedTotal *total = &g_array_index (self->reported, ReportedTotal, index);

  *field_id = total->field_id;
  *value = total->value;
}
