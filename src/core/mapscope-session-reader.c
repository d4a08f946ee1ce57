/* mapscope-session-reader.c: reads a .mapscope file back into a session
 *
 * Everything in the file is checked before it is used: a damaged or
 * crafted session must give an error that says where it is wrong, never a
 * snapshot that breaks what the rest of Mapscope relies on (regions in
 * address order with end >= start, valid UTF-8, enums in range).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdarg.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "mapscope-session-private.h"
#include "mapscope-snapshot-private.h"

/* The positions in a region's array (see README.md, "Sessions"). */
enum
{
  R_START, R_END, R_OFFSET, R_INODE, R_DEVICE, R_PERMS, R_FLAGS, R_LINE, R_PKEY, R_THP,
  R_CATEGORY, R_RULE, R_PATH, R_VMFLAGS_TEXT, R_VMFLAGS, R_VALUES, R_RAW,
  N_REGION_ITEMS
};

static const char *region_item_names[N_REGION_ITEMS] = {
  "start", "end", "offset", "inode", "device", "perms", "flags", "line", "protection key",
  "THP eligible", "category", "rule", "path", "VmFlags text", "VmFlags", "values", "raw text",
};

#define KNOWN_REGION_FLAGS (MAPSCOPE_REGION_DELETED | MAPSCOPE_REGION_HAS_OFFSET | \
                            MAPSCOPE_REGION_HAS_VMFLAGS | MAPSCOPE_REGION_HAS_EXTRAS | \
                            MAPSCOPE_REGION_TRUNCATED)

typedef struct
{
  const char *source;
  GString    *where;     /* "snapshots[2].regions[17]", for messages */
  GError    **error;
} Reader;

G_GNUC_PRINTF (2, 3) static gboolean
fail (Reader     *reader,
      const char *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (reader->where->len > 0)
    g_set_error (reader->error, MAPSCOPE_SESSION_ERROR, MAPSCOPE_SESSION_ERROR_DAMAGED,
                 "%s: damaged session: %s: %s", reader->source, reader->where->str, message);
  else
    g_set_error (reader->error, MAPSCOPE_SESSION_ERROR, MAPSCOPE_SESSION_ERROR_DAMAGED,
                 "%s: damaged session: %s", reader->source, message);
  return FALSE;
}

static gboolean
read_u64 (Reader     *reader,
          JsonNode   *node,
          const char *what,
          guint64    *value)
{
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
      json_node_get_value_type (node) == G_TYPE_INT64)
    {
      gint64 number = json_node_get_int (node);

      if (number < 0)
        return fail (reader, "%s is negative", what);
      *value = number;
      return TRUE;
    }
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
      json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (node);
      guint base = 10;

      if (g_str_has_prefix (text, "0x"))
        {
          text += 2;
          base = 16;
        }
      /* g_ascii_string_to_unsigned() takes a sign: we do not. */
      if (text[0] != '-' && text[0] != '+' &&
          g_ascii_string_to_unsigned (text, base, 0, G_MAXUINT64, value, NULL))
        return TRUE;
    }
  return fail (reader, "%s is not a number from 0 to 2^64-1", what);
}

static gboolean
read_int (Reader     *reader,
          JsonNode   *node,
          const char *what,
          gint64      min,
          gint64      max,
          gint64     *value)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64)
    return fail (reader, "%s is not an integer", what);
  *value = json_node_get_int (node);
  if (*value < min || *value > max)
    return fail (reader, "%s is %" G_GINT64_FORMAT ", out of range (%" G_GINT64_FORMAT
                 " to %" G_GINT64_FORMAT ")", what, *value, min, max);
  return TRUE;
}

/* A string or null; NULL node (absent) counts as null. */
static gboolean
read_nullable_string (Reader      *reader,
                      JsonNode    *node,
                      const char  *what,
                      const char **value)
{
  *value = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return fail (reader, "%s is not a string", what);
  *value = json_node_get_string (node);
  if (!g_utf8_validate (*value, -1, NULL))
    return fail (reader, "%s is not valid UTF-8", what);
  return TRUE;
}

static gboolean
read_string (Reader      *reader,
             JsonNode    *node,
             const char  *what,
             const char **value)
{
  if (!read_nullable_string (reader, node, what, value))
    return FALSE;
  if (*value == NULL)
    return fail (reader, "%s is missing", what);
  return TRUE;
}

static const char *
describe_node (JsonNode *node)
{
  if (node == NULL)
    return "missing";
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT: return "an object";
    case JSON_NODE_ARRAY:  return "an array";
    case JSON_NODE_NULL:   return "null";
    case JSON_NODE_VALUE:
    default:
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        return "a string";
      if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
        return "a boolean";
      return "a number";
    }
}

static JsonArray *
get_array (Reader     *reader,
           JsonNode   *node,
           const char *what)
{
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      fail (reader, "%s is %s, not an array", what, describe_node (node));
      return NULL;
    }
  return json_node_get_array (node);
}

static JsonObject *
get_object (Reader     *reader,
            JsonNode   *node,
            const char *what)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      fail (reader, "%s is %s, not an object", what, describe_node (node));
      return NULL;
    }
  return json_node_get_object (node);
}

/* Field ids of this program for the file's field table. */
static GArray *
read_fields (Reader           *reader,
             JsonObject       *object,
             MapscopeSnapshot *snapshot)
{
  JsonArray *fields = get_array (reader, json_object_get_member (object, "fields"), "\"fields\"");
  g_autoptr(GArray) ids = NULL;
  guint n;

  if (fields == NULL)
    return NULL;

  n = json_array_get_length (fields);
  ids = g_array_sized_new (FALSE, FALSE, sizeof (guint), n);
  for (guint i = 0; i < n; i++)
    {
      JsonArray *field = get_array (reader, json_array_get_element (fields, i), "a field");
      const char *name;
      gint known;
      guint id;

      if (field == NULL)
        return NULL;
      if (json_array_get_length (field) != 2 ||
          !JSON_NODE_HOLDS_VALUE (json_array_get_element (field, 1)) ||
          json_node_get_value_type (json_array_get_element (field, 1)) != G_TYPE_BOOLEAN)
        {
          fail (reader, "field %u is not [name, is-kB]", i);
          return NULL;
        }
      if (!read_string (reader, json_array_get_element (field, 0), "a field's name", &name))
        return NULL;
      if (name[0] == '\0')
        {
          fail (reader, "field %u has an empty name", i);
          return NULL;
        }

      known = mapscope_field_lookup (name, strlen (name));
      if (known >= 0)
        id = known;
      else
        id = _mapscope_snapshot_ensure_extra_field (snapshot, name,
                                                    json_array_get_boolean_element (field, 1));
      g_array_append_val (ids, id);
    }

  return g_steal_pointer (&ids);
}

static gboolean
read_values (Reader           *reader,
             JsonNode         *node,
             GArray           *field_ids,
             const char       *what,
             MapscopeSnapshot *snapshot,
             MapscopeRegion   *region)
{
  JsonArray *values = get_array (reader, node, what);
  gint64 previous_field = -1;
  guint n;

  if (values == NULL)
    return FALSE;
  n = json_array_get_length (values);
  if (n % 2 != 0)
    return fail (reader, "%s does not hold pairs of field and value", what);

  for (guint i = 0; i < n; i += 2)
    {
      gint64 field;
      guint64 value;

      if (!read_int (reader, json_array_get_element (values, i), "a field number",
                     0, (gint64)field_ids->len - 1, &field) ||
          !read_u64 (reader, json_array_get_element (values, i + 1), "a value", &value))
        return FALSE;
      /* Written in field order, each once: a value given twice would leave
       * the first one behind in the side table. */
      if (region != NULL && field <= previous_field)
        return fail (reader, "%s are not in field order", what);
      previous_field = field;

      if (region != NULL)
        _mapscope_snapshot_set_value (snapshot, region, g_array_index (field_ids, guint, field), value);
      else
        _mapscope_snapshot_set_reported_total (snapshot, g_array_index (field_ids, guint, field), value);
    }
  return TRUE;
}

typedef struct
{
  guint8 category;
  guint8 rule;
  guint8 flags;
} SavedClass;

static gboolean
read_region (Reader           *reader,
             JsonArray        *items,
             GArray           *field_ids,
             MapscopeSnapshot *snapshot,
             const MapscopeRegion *previous,
             SavedClass       *saved,
             const char      **raw)
{
  MapscopeRegion *region;
  JsonNode *nodes[N_REGION_ITEMS];
  guint64 start, end, offset, inode, vmflags;
  gint64 device, perms, flags, line, pkey, thp, rule;
  const char *category_name, *path, *vmflags_text;
  MapscopeCategory category;

  if (json_array_get_length (items) < N_REGION_ITEMS)
    return fail (reader, "a region has %u items instead of %d", json_array_get_length (items),
                 N_REGION_ITEMS);
  for (guint i = 0; i < N_REGION_ITEMS; i++)
    nodes[i] = json_array_get_element (items, i);

#define NAME(i) region_item_names[i]
  if (!read_u64 (reader, nodes[R_START], NAME (R_START), &start) ||
      !read_u64 (reader, nodes[R_END], NAME (R_END), &end) ||
      !read_u64 (reader, nodes[R_OFFSET], NAME (R_OFFSET), &offset) ||
      !read_u64 (reader, nodes[R_INODE], NAME (R_INODE), &inode) ||
      !read_int (reader, nodes[R_DEVICE], NAME (R_DEVICE), 0, G_MAXUINT32, &device) ||
      !read_int (reader, nodes[R_PERMS], NAME (R_PERMS), 0, 0xf, &perms) ||
      !read_int (reader, nodes[R_FLAGS], NAME (R_FLAGS), 0, KNOWN_REGION_FLAGS, &flags) ||
      !read_int (reader, nodes[R_LINE], NAME (R_LINE), 0, G_MAXUINT32, &line) ||
      !read_int (reader, nodes[R_PKEY], NAME (R_PKEY), -1, G_MAXINT16, &pkey) ||
      !read_int (reader, nodes[R_THP], NAME (R_THP), -1, G_MAXINT8, &thp) ||
      !read_string (reader, nodes[R_CATEGORY], NAME (R_CATEGORY), &category_name) ||
      !read_int (reader, nodes[R_RULE], NAME (R_RULE), 0, MAPSCOPE_N_RULES - 1, &rule) ||
      !read_nullable_string (reader, nodes[R_PATH], NAME (R_PATH), &path) ||
      !read_nullable_string (reader, nodes[R_VMFLAGS_TEXT], NAME (R_VMFLAGS_TEXT), &vmflags_text) ||
      !read_u64 (reader, nodes[R_VMFLAGS], NAME (R_VMFLAGS), &vmflags) ||
      !read_nullable_string (reader, nodes[R_RAW], NAME (R_RAW), raw))
    return FALSE;
#undef NAME

  if ((flags & ~KNOWN_REGION_FLAGS) != 0)
    return fail (reader, "unknown region flags 0x%" G_GINT64_MODIFIER "x", flags);
  if (!mapscope_category_from_name (category_name, &category))
    return fail (reader, "unknown category \"%s\"", category_name);
  if (end < start)
    return fail (reader, "the end 0x%" G_GINT64_MODIFIER "x is below the start 0x%"
                 G_GINT64_MODIFIER "x", end, start);
  if (previous != NULL && start < previous->start)
    return fail (reader, "the regions are out of order: 0x%" G_GINT64_MODIFIER "x comes after 0x%"
                 G_GINT64_MODIFIER "x", start, previous->start);

  region = _mapscope_snapshot_append_region (snapshot);
  region->start = start;
  region->end = end;
  region->offset = offset;
  region->inode = inode;
  region->device = device;
  region->perms = perms;
  region->line = line;
  region->protection_key = pkey;
  region->thp_eligible = thp;
  region->path = path != NULL ? _mapscope_snapshot_intern (snapshot, path) : NULL;
  region->vmflags_text = vmflags_text != NULL ? _mapscope_snapshot_intern (snapshot, vmflags_text) : NULL;
  region->vmflags = vmflags;
  saved->category = category;
  saved->rule = rule;
  saved->flags = flags;

  return read_values (reader, nodes[R_VALUES], field_ids, "the values", snapshot, region);
}

static gboolean
parse_format (const char     *name,
              MapscopeFormat *format)
{
  for (MapscopeFormat f = MAPSCOPE_FORMAT_SMAPS; f <= MAPSCOPE_FORMAT_PMAP_XX; f++)
    {
      if (strcmp (mapscope_format_get_name (f), name) == 0)
        {
          *format = f;
          return TRUE;
        }
    }
  return FALSE;
}

static MapscopeSnapshot *
read_snapshot (Reader     *reader,
               JsonObject *object)
{
  g_autoptr(MapscopeSnapshot) snapshot = NULL;
  g_autoptr(GArray) field_ids = NULL;
  g_autoptr(GArray) saved = NULL;
  g_autoptr(GPtrArray) raw_texts = NULL;
  const char *source, *format_name, *command, *timestamp_text, *note;
  JsonArray *regions;
  MapscopeRegion *all;
  MapscopeFormat format;
  gint64 pid, source_line;
  gboolean rollup;
  gsize where_len = reader->where->len;
  guint n_regions, n;

  if (!read_nullable_string (reader, json_object_get_member (object, "source"), "\"source\"", &source) ||
      !read_string (reader, json_object_get_member (object, "format"), "\"format\"", &format_name) ||
      !read_int (reader, json_object_get_member (object, "source-line"), "\"source-line\"",
                 0, G_MAXUINT, &source_line) ||
      !read_int (reader, json_object_get_member (object, "pid"), "\"pid\"", -1, G_MAXINT, &pid) ||
      !read_nullable_string (reader, json_object_get_member (object, "command"), "\"command\"", &command) ||
      !read_nullable_string (reader, json_object_get_member (object, "timestamp"), "\"timestamp\"",
                             &timestamp_text) ||
      !read_nullable_string (reader, json_object_get_member (object, "note"), "\"note\"", &note))
    return NULL;
  if (!parse_format (format_name, &format))
    {
      fail (reader, "unknown format \"%s\"", format_name);
      return NULL;
    }
  if (!json_object_has_member (object, "rollup") ||
      !JSON_NODE_HOLDS_VALUE (json_object_get_member (object, "rollup")) ||
      json_node_get_value_type (json_object_get_member (object, "rollup")) != G_TYPE_BOOLEAN)
    {
      fail (reader, "\"rollup\" is not true or false");
      return NULL;
    }
  rollup = json_object_get_boolean_member (object, "rollup");
  if (rollup != (format == MAPSCOPE_FORMAT_SMAPS_ROLLUP))
    {
      fail (reader, "\"rollup\" is %s but the format is %s", rollup ? "true" : "false", format_name);
      return NULL;
    }

  snapshot = _mapscope_snapshot_new (source, format);
  _mapscope_snapshot_set_source_line (snapshot, source_line);
  _mapscope_snapshot_set_pid (snapshot, pid);
  _mapscope_snapshot_set_command (snapshot, command);
  if (timestamp_text != NULL)
    {
      g_autoptr(GDateTime) timestamp = g_date_time_new_from_iso8601 (timestamp_text, NULL);

      if (timestamp == NULL)
        {
          fail (reader, "\"timestamp\" is not an ISO 8601 date: \"%s\"", timestamp_text);
          return NULL;
        }
      _mapscope_snapshot_set_timestamp (snapshot, timestamp);
    }
  mapscope_snapshot_set_note (snapshot, note);

  field_ids = read_fields (reader, object, snapshot);
  if (field_ids == NULL ||
      !read_values (reader, json_object_get_member (object, "reported-totals"), field_ids,
                    "\"reported-totals\"", snapshot, NULL))
    return NULL;

  regions = get_array (reader, json_object_get_member (object, "regions"), "\"regions\"");
  if (regions == NULL)
    return NULL;
  n = json_array_get_length (regions);
  if (rollup && n != 1)
    {
      fail (reader, "a smaps_rollup snapshot has %u regions instead of 1", n);
      return NULL;
    }

  saved = g_array_sized_new (FALSE, FALSE, sizeof (SavedClass), n);
  g_array_set_size (saved, n);
  raw_texts = g_ptr_array_new_full (n, NULL);
  for (guint i = 0; i < n; i++)
    {
      JsonArray *items;
      const char *raw = NULL;

      g_string_append_printf (reader->where, ".regions[%u]", i);
      items = get_array (reader, json_array_get_element (regions, i), "the region");
      if (items == NULL ||
          !read_region (reader, items, field_ids, snapshot, _mapscope_snapshot_peek_last (snapshot),
                        &g_array_index (saved, SavedClass, i), &raw))
        return NULL;
      g_ptr_array_add (raw_texts, (gpointer)raw);
      g_string_truncate (reader->where, where_len);
    }

  if (rollup)
    _mapscope_snapshot_mark_rollup (snapshot);
  _mapscope_snapshot_finish (snapshot);

  /* The saved classification, not a new one: the rules may have changed
   * since, and the session must show what its author saw. */
  all = _mapscope_snapshot_get_all_regions (snapshot, &n_regions);
  for (guint i = 0; i < n_regions; i++)
    {
      const SavedClass *saved_class = &g_array_index (saved, SavedClass, i);

      all[i].category = saved_class->category;
      all[i].rule = saved_class->rule;
      all[i].flags = (saved_class->flags & ~MAPSCOPE_REGION_HAS_EXTRAS) |
                     (all[i].flags & MAPSCOPE_REGION_HAS_EXTRAS);
      if (g_ptr_array_index (raw_texts, i) != NULL)
        _mapscope_snapshot_set_raw_text (snapshot, i, g_ptr_array_index (raw_texts, i));
    }

  return g_steal_pointer (&snapshot);
}

static gboolean
read_filter (Reader               *reader,
             JsonObject           *object,
             MapscopeRegionFilter *filter)
{
  static const guint perms[] = {
    MAPSCOPE_PERM_READ, MAPSCOPE_PERM_WRITE, MAPSCOPE_PERM_EXEC, MAPSCOPE_PERM_SHARED,
  };
  static const char *perm_names[] = { "read", "write", "exec", "shared" };
  const char *text;
  JsonArray *hidden;
  JsonObject *perm_object;
  const char *range_names[] = { "size", "rss" };

  if (!read_nullable_string (reader, json_object_get_member (object, "text"), "the filter's text", &text))
    return FALSE;
  mapscope_region_filter_set_text (filter, text);

  hidden = get_array (reader, json_object_get_member (object, "hidden-categories"),
                      "the filter's \"hidden-categories\"");
  if (hidden == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (hidden); i++)
    {
      const char *name;
      MapscopeCategory category;

      if (!read_string (reader, json_array_get_element (hidden, i), "a hidden category", &name))
        return FALSE;
      if (!mapscope_category_from_name (name, &category))
        return fail (reader, "unknown category \"%s\" in the filter", name);
      mapscope_region_filter_set_category_shown (filter, category, FALSE);
    }

  perm_object = get_object (reader, json_object_get_member (object, "perms"), "the filter's \"perms\"");
  if (perm_object == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (perms); i++)
    {
      const char *wanted;

      if (!read_nullable_string (reader, json_object_get_member (perm_object, perm_names[i]),
                                 "a permission filter", &wanted))
        return FALSE;
      if (wanted == NULL || strcmp (wanted, "any") == 0)
        mapscope_region_filter_set_perm (filter, perms[i], MAPSCOPE_FILTER_PERM_ANY);
      else if (strcmp (wanted, "yes") == 0)
        mapscope_region_filter_set_perm (filter, perms[i], MAPSCOPE_FILTER_PERM_YES);
      else if (strcmp (wanted, "no") == 0)
        mapscope_region_filter_set_perm (filter, perms[i], MAPSCOPE_FILTER_PERM_NO);
      else
        return fail (reader, "the permission filter \"%s\" is \"%s\", not any, yes or no",
                     perm_names[i], wanted);
    }

  for (guint i = 0; i < G_N_ELEMENTS (range_names); i++)
    {
      JsonArray *range = get_array (reader, json_object_get_member (object, range_names[i]),
                                    "a filter range");
      guint64 min, max;

      if (range == NULL)
        return FALSE;
      if (json_array_get_length (range) != 2)
        return fail (reader, "the filter's \"%s\" is not [min, max]", range_names[i]);
      if (!read_u64 (reader, json_array_get_element (range, 0), "a range's minimum", &min) ||
          !read_u64 (reader, json_array_get_element (range, 1), "a range's maximum", &max))
        return FALSE;
      if (i == 0)
        mapscope_region_filter_set_size_range (filter, min, max);
      else
        mapscope_region_filter_set_rss_range (filter, min, max);
    }

  return TRUE;
}

static gboolean
read_view (Reader              *reader,
           JsonObject          *object,
           MapscopeSessionView *view)
{
  const char *page;

  if (!read_nullable_string (reader, json_object_get_member (object, "page"), "the view's page", &page))
    return FALSE;
  view->page = g_strdup (page);

  if (!json_object_has_member (object, "zoom"))
    return TRUE;
  {
    JsonNode *zoom = json_object_get_member (object, "zoom");

    if (!JSON_NODE_HOLDS_VALUE (zoom) ||
        (json_node_get_value_type (zoom) != G_TYPE_DOUBLE &&
         json_node_get_value_type (zoom) != G_TYPE_INT64))
      return fail (reader, "the view's zoom is not a number");
    view->zoom = json_node_get_double (zoom);
    if (!(view->zoom > 0 && view->zoom < 1e300))
      return fail (reader, "the view's zoom %g is out of range", view->zoom);
  }
  return read_u64 (reader, json_object_get_member (object, "center"), "the view's centre", &view->center);
}

static gboolean
check_format (Reader     *reader,
              JsonObject *root)
{
  JsonNode *format = json_object_get_member (root, "format");
  gint64 version;

  if (format == NULL || !JSON_NODE_HOLDS_VALUE (format) ||
      json_node_get_value_type (format) != G_TYPE_STRING ||
      strcmp (json_node_get_string (format), MAPSCOPE_SESSION_FORMAT) != 0)
    {
      g_set_error (reader->error, MAPSCOPE_SESSION_ERROR, MAPSCOPE_SESSION_ERROR_NOT_SESSION,
                   "%s: not a Mapscope session (no \"format\": \"%s\")", reader->source,
                   MAPSCOPE_SESSION_FORMAT);
      return FALSE;
    }
  if (!read_int (reader, json_object_get_member (root, "version"), "\"version\"", 1, G_MAXINT, &version))
    return FALSE;
  if (version > MAPSCOPE_SESSION_VERSION)
    {
      g_set_error (reader->error, MAPSCOPE_SESSION_ERROR, MAPSCOPE_SESSION_ERROR_NEWER_VERSION,
                   "%s: this session was saved by a newer Mapscope (session format version %"
                   G_GINT64_FORMAT "; this version reads up to %d)",
                   reader->source, version, MAPSCOPE_SESSION_VERSION);
      return FALSE;
    }
  return TRUE;
}

static MapscopeSession *
read_session (Reader   *reader,
              JsonNode *root_node)
{
  g_autoptr(MapscopeSession) session = _mapscope_session_new ();
  JsonObject *root;
  JsonObject *object;
  JsonArray *snapshots;
  gint64 current, baseline, selected;
  guint n;

  if (root_node == NULL || !JSON_NODE_HOLDS_OBJECT (root_node))
    {
      g_set_error (reader->error, MAPSCOPE_SESSION_ERROR, MAPSCOPE_SESSION_ERROR_NOT_SESSION,
                   "%s: not a Mapscope session (the JSON is not an object)", reader->source);
      return NULL;
    }
  root = json_node_get_object (root_node);
  if (!check_format (reader, root))
    return NULL;

  snapshots = get_array (reader, json_object_get_member (root, "snapshots"), "\"snapshots\"");
  if (snapshots == NULL)
    return NULL;
  n = json_array_get_length (snapshots);
  for (guint i = 0; i < n; i++)
    {
      MapscopeSnapshot *snapshot;

      g_string_printf (reader->where, "snapshots[%u]", i);
      object = get_object (reader, json_array_get_element (snapshots, i), "the snapshot");
      if (object == NULL)
        return NULL;
      snapshot = read_snapshot (reader, object);
      if (snapshot == NULL)
        return NULL;
      g_ptr_array_add (session->snapshots, snapshot);
    }
  g_string_truncate (reader->where, 0);

  if (!read_int (reader, json_object_get_member (root, "current"), "\"current\"", -1, (gint64)n - 1, &current) ||
      !read_int (reader, json_object_get_member (root, "baseline"), "\"baseline\"", -1, (gint64)n - 1, &baseline) ||
      !read_int (reader, json_object_get_member (root, "selected-region"), "\"selected-region\"",
                 -1, current >= 0 ? (gint64)mapscope_snapshot_get_n_regions (
                   g_ptr_array_index (session->snapshots, current)) - 1 : -1, &selected))
    return NULL;
  session->current = current;
  session->baseline = baseline;
  session->selected = selected;

  g_string_assign (reader->where, "\"filter\"");
  object = get_object (reader, json_object_get_member (root, "filter"), "the filter");
  if (object == NULL || !read_filter (reader, object, session->filter))
    return NULL;
  g_string_assign (reader->where, "\"view\"");
  object = get_object (reader, json_object_get_member (root, "view"), "the view");
  if (object == NULL || !read_view (reader, object, &session->view))
    return NULL;

  return g_steal_pointer (&session);
}

/**
 * mapscope_session_looks_like_session:
 *
 * Whether the first bytes of a (decompressed) input could be a session:
 * JSON, whose first character no memory map has. The "format" key decides.
 */
gboolean
mapscope_session_looks_like_session (const guint8 *head,
                                     gsize         length)
{
  gsize i = 0;

  if (length >= 3 && head[0] == 0xef && head[1] == 0xbb && head[2] == 0xbf)
    i = 3;
  while (i < length && g_ascii_isspace (head[i]))
    i++;
  return i < length && head[i] == '{';
}

/**
 * mapscope_session_load_stream:
 * @stream: the session's JSON, already decompressed
 *
 * Returns: (transfer full): the session, or %NULL with @error set
 */
MapscopeSession *
mapscope_session_load_stream (GInputStream  *stream,
                              const char    *source_name,
                              GCancellable  *cancellable,
                              GError       **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GString) where = g_string_new (NULL);
  Reader reader = { source_name, where, error };

  if (!json_parser_load_from_stream (parser, stream, cancellable, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_set_error (error, MAPSCOPE_SESSION_ERROR, MAPSCOPE_SESSION_ERROR_CANCELLED,
                     "%s: loading was cancelled", source_name);
      else if (local_error->domain == G_IO_ERROR && local_error->code == G_IO_ERROR_INVALID_DATA)
        g_set_error (error, MAPSCOPE_SESSION_ERROR, MAPSCOPE_SESSION_ERROR_DAMAGED,
                     "%s: damaged session: the compressed data is corrupt: %s",
                     source_name, local_error->message);
      else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT))
        g_set_error (error, MAPSCOPE_SESSION_ERROR, MAPSCOPE_SESSION_ERROR_DAMAGED,
                     "%s: damaged session: the compressed data is cut short", source_name);
      else if (local_error->domain == JSON_PARSER_ERROR)
        g_set_error (error, MAPSCOPE_SESSION_ERROR, MAPSCOPE_SESSION_ERROR_DAMAGED,
                     "%s: damaged session: not valid JSON: %s", source_name, local_error->message);
      else
        g_set_error (error, MAPSCOPE_SESSION_ERROR, MAPSCOPE_SESSION_ERROR_FAILED,
                     "%s: cannot read: %s", source_name, local_error->message);
      return NULL;
    }

  return read_session (&reader, json_parser_get_root (parser));
}

static MapscopeSession *
load_maybe_compressed (GInputStream  *stream,
                       const char    *source_name,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(GInputStream) buffered = g_buffered_input_stream_new (stream);
  g_autoptr(GInputStream) input = NULL;
  const guint8 *head;
  gsize available;

  if (g_buffered_input_stream_fill (G_BUFFERED_INPUT_STREAM (buffered), 2, cancellable, error) < 0)
    return NULL;
  head = g_buffered_input_stream_peek_buffer (G_BUFFERED_INPUT_STREAM (buffered), &available);
  if (available >= 2 && head[0] == 0x1f && head[1] == 0x8b)
    {
      g_autoptr(GZlibDecompressor) decompressor =
        g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);

      input = g_converter_input_stream_new (buffered, G_CONVERTER (decompressor));
    }
  else
    {
      input = g_object_ref (buffered);
    }

  return mapscope_session_load_stream (input, source_name, cancellable, error);
}

/**
 * mapscope_session_load_data:
 *
 * Reads a session, compressed or not, from memory.
 *
 * Returns: (transfer full): the session, or %NULL with @error set
 */
MapscopeSession *
mapscope_session_load_data (const char  *data,
                            gsize        length,
                            const char  *source_name,
                            GError     **error)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (data, length, NULL);

  return load_maybe_compressed (stream, source_name, NULL, error);
}

/**
 * mapscope_session_load_file:
 *
 * Returns: (transfer full): the session, or %NULL with @error set
 */
MapscopeSession *
mapscope_session_load_file (GFile         *file,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autofree char *name = g_file_get_parse_name (file);
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;

  stream = g_file_read (file, cancellable, &local_error);
  if (stream == NULL)
    {
      g_set_error (error, MAPSCOPE_SESSION_ERROR, MAPSCOPE_SESSION_ERROR_FAILED,
                   "%s: cannot open: %s", name, local_error->message);
      return NULL;
    }
  return load_maybe_compressed (G_INPUT_STREAM (stream), name, cancellable, error);
}
