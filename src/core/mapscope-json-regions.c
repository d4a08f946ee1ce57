/* mapscope-json-regions.c: the `regions --json` object, written a region at
 * a time, for the CLI and the application's export alike
 *
 * The text is written directly, byte for byte what json-glib 1.6's
 * JsonGenerator (not pretty) printed for the tree mapscope_json_add_region()
 * builds: test-json-regions compares the two for every test file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "mapscope-json-regions.h"

/* JSON text of values ------------------------------------------------------ */

/* A string as json-glib 1.6 escapes it: '"' and '\\', \b \t \n \f \r, other
 * bytes 0x01-0x1e and 0x7f as \u00XX; 0x1f and every byte from 0x80 up
 * (valid UTF-8 or not) are copied as they are. */
static inline gboolean
needs_escape (guchar c)
{
  return (c >= 0x01 && c < 0x1f) || c == '"' || c == '\\' || c == 0x7f;
}

static void
append_escaped (GString    *out,
                const char *text)
{
  static const char hex[] = "0123456789abcdef";
  const char *run = text;
  const char *p;

  g_string_append_c (out, '"');
  for (p = text; *p != '\0'; p++)
    {
      guchar c = (guchar)*p;
      char escape[7] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 0xf], '\0' };

      if (!needs_escape (c))
        continue;
      g_string_append_len (out, run, p - run);
      run = p + 1;
      switch (c)
        {
        case '"':  g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\t': g_string_append (out, "\\t"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\f': g_string_append (out, "\\f"); break;
        case '\r': g_string_append (out, "\\r"); break;
        default:   g_string_append_len (out, escape, 6); break;
        }
    }
  g_string_append_len (out, run, p - run);
  g_string_append_c (out, '"');
}

/* A JSON integer: json-glib's are gint64, so larger values are clamped
 * (as mapscope_json_set_uint() does). */
static void
append_uint (GString *out,
             guint64  value)
{
  char digits[24];
  guint n = sizeof digits;

  value = MIN (value, (guint64)G_MAXINT64);
  do
    {
      digits[--n] = (char)('0' + value % 10);
      value /= 10;
    }
  while (value > 0);
  g_string_append_len (out, digits + n, sizeof digits - n);
}

/* Lowercase hex digits, at least @min_digits of them. */
static void
append_hex (GString *out,
            guint64  value,
            guint    min_digits)
{
  static const char hex[] = "0123456789abcdef";
  char digits[16];
  guint n = sizeof digits;

  do
    {
      digits[--n] = hex[value & 0xf];
      value >>= 4;
    }
  while (value > 0 || sizeof digits - n < min_digits);
  g_string_append_len (out, digits + n, sizeof digits - n);
}

/* Members -------------------------------------------------------------------
 *
 * A member is written straight into the object's text, unless the writer
 * collects: a JsonObject keeps one member per name, where the name was
 * first set, with the value set last. When a snapshot's field keys repeat a
 * name (an unknown field "Path" is "path"), the region's members are
 * collected in that way and written at the end. */

typedef struct
{
  char    *key;
  GString *value;
} Member;

static void
member_free (gpointer data)
{
  Member *member = data;

  g_free (member->key);
  g_string_free (member->value, TRUE);
  g_free (member);
}

/* Starts member @key and returns where its value goes. */
static GString *
begin_member (MapscopeJsonRegionWriter *writer,
              const char               *key)
{
  Member *member;

  if (writer->members == NULL)
    {
      if (writer->n_members++ > 0)
        g_string_append_c (writer->out, ',');
      append_escaped (writer->out, key);
      g_string_append_c (writer->out, ':');
      return writer->out;
    }

  for (guint i = 0; i < writer->members->len; i++)
    {
      member = g_ptr_array_index (writer->members, i);
      if (strcmp (member->key, key) == 0)
        {
          g_string_truncate (member->value, 0);
          return member->value;
        }
    }
  member = g_new (Member, 1);
  member->key = g_strdup (key);
  member->value = g_string_new (NULL);
  g_ptr_array_add (writer->members, member);
  return member->value;
}

static void
set_string (MapscopeJsonRegionWriter *writer,
            const char               *key,
            const char               *value)
{
  GString *out = begin_member (writer, key);

  if (value != NULL)
    append_escaped (out, value);
  else
    g_string_append (out, "null");
}

static void
set_uint (MapscopeJsonRegionWriter *writer,
          const char               *key,
          guint64                   value)
{
  append_uint (begin_member (writer, key), value);
}

static void
set_address (MapscopeJsonRegionWriter *writer,
             const char               *key,
             guint64                   address)
{
  GString *out = begin_member (writer, key);

  g_string_append (out, "\"0x");
  append_hex (out, address, 1);
  g_string_append_c (out, '"');
}

static void
begin_object (MapscopeJsonRegionWriter *writer,
              gboolean                  collect)
{
  writer->n_members = 0;
  if (collect)
    writer->members = g_ptr_array_new_with_free_func (member_free);
  else
    g_string_append_c (writer->out, '{');
}

static void
end_object (MapscopeJsonRegionWriter *writer)
{
  g_autoptr(GPtrArray) members = g_steal_pointer (&writer->members);

  if (members != NULL)
    {
      g_string_append_c (writer->out, '{');
      for (guint i = 0; i < members->len; i++)
        {
          Member *member = g_ptr_array_index (members, i);

          if (i > 0)
            g_string_append_c (writer->out, ',');
          append_escaped (writer->out, member->key);
          g_string_append_c (writer->out, ':');
          g_string_append_len (writer->out, member->value->str, member->value->len);
        }
    }
  g_string_append_c (writer->out, '}');
}

/* The keys of a snapshot's fields ------------------------------------------ */

/* Names a region object may have besides its fields' keys ("size_kb" too,
 * but only when the region has no Size field, whose key it is). */
static const char *const fixed_keys[] = {
  "start", "end", "perms", "offset", "device", "inode", "path", "category",
  "category_rule", "line", "deleted", "thpeligible", "protectionkey",
  "vmflags", "source", "snapshot",
};

/* Finds the keys of @snapshot's fields once, rather than for each region. */
static void
prepare_snapshot (MapscopeJsonRegionWriter *writer,
                  MapscopeSnapshot         *snapshot)
{
  guint n_fields = mapscope_snapshot_get_n_fields (snapshot);
  g_autoptr(GHashTable) seen = NULL;

  if (writer->snapshot == snapshot && writer->field_keys->len == n_fields)
    return;

  g_set_object (&writer->snapshot, snapshot);
  g_ptr_array_set_size (writer->field_keys, 0);
  seen = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < G_N_ELEMENTS (fixed_keys); i++)
    g_hash_table_add (seen, (gpointer)fixed_keys[i]);

  writer->keys_repeat = FALSE;
  for (guint field = 0; field < n_fields; field++)
    {
      char *key = mapscope_json_field_key (snapshot, field);

      g_ptr_array_add (writer->field_keys, key);
      if (!g_hash_table_add (seen, key))
        writer->keys_repeat = TRUE;
    }
  /* some other field is "size_kb" */
  if (g_hash_table_contains (seen, "size_kb")
      && (n_fields <= MAPSCOPE_FIELD_SIZE
          || strcmp (g_ptr_array_index (writer->field_keys, MAPSCOPE_FIELD_SIZE), "size_kb") != 0))
    writer->keys_repeat = TRUE;
}

/* The writer ---------------------------------------------------------------- */

void
mapscope_json_region_writer_init (MapscopeJsonRegionWriter *writer,
                                  GString                  *out)
{
  writer->out = out;
  writer->warnings = g_string_new (NULL);
  writer->snapshot = NULL;
  writer->field_keys = g_ptr_array_new_with_free_func (g_free);
  writer->keys_repeat = FALSE;
  writer->members = NULL;
  writer->n_members = 0;
  writer->opened = FALSE;
  writer->n_regions = 0;
}

void
mapscope_json_region_writer_clear (MapscopeJsonRegionWriter *writer)
{
  g_string_free (writer->warnings, TRUE);
  g_clear_object (&writer->snapshot);
  g_clear_pointer (&writer->field_keys, g_ptr_array_unref);
  g_clear_pointer (&writer->members, g_ptr_array_unref);
}

void
mapscope_json_region_writer_open (MapscopeJsonRegionWriter *writer)
{
  if (!writer->opened)
    g_string_append (writer->out, "{\"regions\":[");
  writer->opened = TRUE;
}

/* The words of a VmFlags text, as mapscope_vmflags_split() finds them. */
static void
append_vmflags (GString    *out,
                const char *text)
{
  gboolean first = TRUE;
  const char *p = text;

  g_string_append_c (out, '[');
  while (*p != '\0')
    {
      gsize length = strcspn (p, " \t");

      if (length > 0)
        {
          g_autofree char *word = g_strndup (p, length);

          if (!first)
            g_string_append_c (out, ',');
          append_escaped (out, word);
          first = FALSE;
        }
      p += length;
      if (*p != '\0')
        p++;
    }
  g_string_append_c (out, ']');
}

/* Adds @region, tagged with the "source" and "snapshot" index it came from:
 * the members of mapscope_json_add_region(), in its order, then those two. */
void
mapscope_json_region_writer_add_region (MapscopeJsonRegionWriter *writer,
                                        const char               *source,
                                        guint                     snapshot_index,
                                        MapscopeSnapshot         *snapshot,
                                        const MapscopeRegion     *region)
{
  char perms[5];
  guint n_fields = mapscope_snapshot_get_n_fields (snapshot);

  mapscope_json_region_writer_open (writer);
  prepare_snapshot (writer, snapshot);
  g_string_append (writer->out, writer->n_regions > 0 ? ",\n" : "\n");
  begin_object (writer, writer->keys_repeat);

  mapscope_region_format_perms (region, perms);
  set_address (writer, "start", region->start);
  set_address (writer, "end", region->end);
  set_string (writer, "perms", perms);
  if (region->flags & MAPSCOPE_REGION_HAS_OFFSET)
    {
      GString *device;

      set_address (writer, "offset", region->offset);
      device = begin_member (writer, "device");
      g_string_append_c (device, '"');
      append_hex (device, mapscope_region_get_dev_major (region), 2);
      g_string_append_c (device, ':');
      append_hex (device, mapscope_region_get_dev_minor (region), 2);
      g_string_append_c (device, '"');
      set_uint (writer, "inode", region->inode);
    }
  set_string (writer, "path", region->path);
  set_string (writer, "category", mapscope_category_get_name (region->category));
  set_string (writer, "category_rule", mapscope_category_rule_describe (region->rule));
  set_uint (writer, "line", region->line);
  if (region->flags & MAPSCOPE_REGION_DELETED)
    g_string_append (begin_member (writer, "deleted"), "true");

  if (!mapscope_region_has_field (region, MAPSCOPE_FIELD_SIZE))
    set_uint (writer, "size_kb", mapscope_region_get_size (region) / 1024);
  for (guint field = 0; field < n_fields; field++)
    {
      guint64 value;

      if (mapscope_snapshot_get_value (snapshot, region, field, &value))
        set_uint (writer, g_ptr_array_index (writer->field_keys, field), value);
    }

  if (region->thp_eligible >= 0)
    set_uint (writer, "thpeligible", region->thp_eligible);
  if (region->protection_key >= 0)
    set_uint (writer, "protectionkey", region->protection_key);
  if (region->flags & MAPSCOPE_REGION_HAS_VMFLAGS)
    append_vmflags (begin_member (writer, "vmflags"), region->vmflags_text);

  set_string (writer, "source", source);
  set_uint (writer, "snapshot", snapshot_index);
  end_object (writer);
  writer->n_regions++;
}

void
mapscope_json_region_writer_add_warnings (MapscopeJsonRegionWriter *writer,
                                          MapscopeDocument         *document)
{
  guint n_warnings = mapscope_document_get_n_warnings (document);
  GString *out = writer->out;

  mapscope_json_region_writer_open (writer);
  /* the members go to the "warnings" array, written last */
  writer->out = writer->warnings;
  for (guint i = 0; i < n_warnings; i++)
    {
      const MapscopeWarning *warning = mapscope_document_get_warning (document, i);

      if (writer->warnings->len > 0)
        g_string_append_c (writer->warnings, ',');
      begin_object (writer, FALSE);
      set_string (writer, "source", mapscope_document_get_source (document));
      set_uint (writer, "line", warning->line);
      set_string (writer, "message", warning->message);
      end_object (writer);
    }
  writer->out = out;
}

/* Ends the object; nothing at all is written if it was never opened. */
void
mapscope_json_region_writer_close (MapscopeJsonRegionWriter *writer)
{
  if (!writer->opened)
    return;

  g_string_append (writer->out, writer->n_regions > 0 ? "\n]," : "],");
  g_string_append_printf (writer->out, "\"warnings\":[%s]}\n", writer->warnings->str);
}
