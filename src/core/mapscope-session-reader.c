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

#include "mapscope-json-stream.h"
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
  const char         *source;
  GString            *where;     /* "snapshots[2].regions[17]", for messages */
  GError            **error;
  MapscopeJsonStream *stream;
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

/* One value as the checks see it, from a json-glib node or straight from
 * the token stream. */
typedef enum
{
  SCALAR_MISSING,
  SCALAR_NULL,
  SCALAR_INT,
  SCALAR_DOUBLE,
  SCALAR_STRING,
  SCALAR_BOOLEAN,
  SCALAR_ARRAY,
  SCALAR_OBJECT,
} ScalarKind;

typedef struct
{
  ScalarKind  kind;
  gint64      integer;
  const char *string;
} Scalar;

static Scalar
scalar_from_node (JsonNode *node)
{
  Scalar scalar = { SCALAR_MISSING, 0, NULL };

  if (node == NULL)
    return scalar;
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT: scalar.kind = SCALAR_OBJECT; break;
    case JSON_NODE_ARRAY:  scalar.kind = SCALAR_ARRAY; break;
    case JSON_NODE_NULL:   scalar.kind = SCALAR_NULL; break;
    case JSON_NODE_VALUE:
    default:
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        {
          scalar.kind = SCALAR_STRING;
          scalar.string = json_node_get_string (node);
        }
      else if (json_node_get_value_type (node) == G_TYPE_INT64)
        {
          scalar.kind = SCALAR_INT;
          scalar.integer = json_node_get_int (node);
        }
      else if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
        {
          scalar.kind = SCALAR_BOOLEAN;
        }
      else
        {
          scalar.kind = SCALAR_DOUBLE;
        }
    }
  return scalar;
}

static gboolean
check_u64 (Reader     *reader,
           Scalar      scalar,
           const char *what,
           guint64    *value)
{
  if (scalar.kind == SCALAR_INT)
    {
      if (scalar.integer < 0)
        return fail (reader, "%s is negative", what);
      *value = scalar.integer;
      return TRUE;
    }
  if (scalar.kind == SCALAR_STRING)
    {
      const char *text = scalar.string;
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
check_int (Reader     *reader,
           Scalar      scalar,
           const char *what,
           gint64      min,
           gint64      max,
           gint64     *value)
{
  if (scalar.kind != SCALAR_INT)
    return fail (reader, "%s is not an integer", what);
  *value = scalar.integer;
  if (*value < min || *value > max)
    return fail (reader, "%s is %" G_GINT64_FORMAT ", out of range (%" G_GINT64_FORMAT
                 " to %" G_GINT64_FORMAT ")", what, *value, min, max);
  return TRUE;
}

/* A string or null; missing counts as null. */
static gboolean
check_nullable_string (Reader      *reader,
                       Scalar       scalar,
                       const char  *what,
                       const char **value)
{
  *value = NULL;
  if (scalar.kind == SCALAR_MISSING || scalar.kind == SCALAR_NULL)
    return TRUE;
  if (scalar.kind != SCALAR_STRING)
    return fail (reader, "%s is not a string", what);
  /* The tokenizer has checked that every string is valid UTF-8. */
  *value = scalar.string;
  return TRUE;
}

static gboolean
check_string (Reader      *reader,
              Scalar       scalar,
              const char  *what,
              const char **value)
{
  if (!check_nullable_string (reader, scalar, what, value))
    return FALSE;
  if (*value == NULL)
    return fail (reader, "%s is missing", what);
  return TRUE;
}

static gboolean
read_u64 (Reader     *reader,
          JsonNode   *node,
          const char *what,
          guint64    *value)
{
  return check_u64 (reader, scalar_from_node (node), what, value);
}

static gboolean
read_int (Reader     *reader,
          JsonNode   *node,
          const char *what,
          gint64      min,
          gint64      max,
          gint64     *value)
{
  return check_int (reader, scalar_from_node (node), what, min, max, value);
}

static gboolean
read_nullable_string (Reader      *reader,
                      JsonNode    *node,
                      const char  *what,
                      const char **value)
{
  return check_nullable_string (reader, scalar_from_node (node), what, value);
}

static gboolean
read_string (Reader      *reader,
             JsonNode    *node,
             const char  *what,
             const char **value)
{
  return check_string (reader, scalar_from_node (node), what, value);
}

static const char *
describe_scalar (Scalar scalar)
{
  static const char *names[] = {
    [SCALAR_MISSING] = "missing", [SCALAR_NULL] = "null", [SCALAR_INT] = "a number",
    [SCALAR_DOUBLE] = "a number", [SCALAR_STRING] = "a string", [SCALAR_BOOLEAN] = "a boolean",
    [SCALAR_ARRAY] = "an array", [SCALAR_OBJECT] = "an object",
  };

  return names[scalar.kind];
}

static const char *
describe_node (JsonNode *node)
{
  return describe_scalar (scalar_from_node (node));
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

/* One field-value pair of "reported-totals" or of a region's values. The
 * field is checked before the value is read, so that a string field's text
 * is not needed past its token. */
static gboolean
check_pair_field (Reader  *reader,
                  Scalar   field,
                  GArray  *field_ids,
                  gint64  *previous_field,
                  gboolean in_order,
                  guint   *field_id)
{
  gint64 index = 0;

  if (!check_int (reader, field, "a field number", 0, (gint64)field_ids->len - 1, &index))
    return FALSE;
  /* Written in field order, each once: a value given twice would leave
   * the first one behind in the side table. */
  if (in_order && index <= *previous_field)
    return fail (reader, "the values are not in field order");
  *previous_field = index;
  *field_id = g_array_index (field_ids, guint, index);
  return TRUE;
}

static gboolean
read_reported_totals (Reader           *reader,
                      JsonNode         *node,
                      GArray           *field_ids,
                      MapscopeSnapshot *snapshot)
{
  JsonArray *values = get_array (reader, node, "\"reported-totals\"");
  gint64 previous_field = -1;
  guint n;

  if (values == NULL)
    return FALSE;
  n = json_array_get_length (values);
  if (n % 2 != 0)
    return fail (reader, "\"reported-totals\" does not hold pairs of field and value");

  for (guint i = 0; i < n; i += 2)
    {
      guint field_id = 0;
      guint64 value;

      if (!check_pair_field (reader, scalar_from_node (json_array_get_element (values, i)),
                             field_ids, &previous_field, FALSE, &field_id) ||
          !read_u64 (reader, json_array_get_element (values, i + 1), "a value", &value))
        return FALSE;
      _mapscope_snapshot_set_reported_total (snapshot, field_id, value);
    }
  return TRUE;
}

typedef struct
{
  guint8 category;
  guint8 rule;
  guint8 flags;
} SavedClass;

static Scalar
scalar_from_token (MapscopeJsonStream *stream,
                   MapscopeJsonToken   token)
{
  Scalar scalar = { SCALAR_MISSING, 0, NULL };

  switch (token)
    {
    case MAPSCOPE_JSON_STRING:
      scalar.kind = SCALAR_STRING;
      scalar.string = mapscope_json_stream_get_string (stream, NULL);
      break;
    case MAPSCOPE_JSON_INT:
      scalar.kind = SCALAR_INT;
      scalar.integer = mapscope_json_stream_get_int (stream);
      break;
    case MAPSCOPE_JSON_DOUBLE:       scalar.kind = SCALAR_DOUBLE; break;
    case MAPSCOPE_JSON_TRUE:
    case MAPSCOPE_JSON_FALSE:        scalar.kind = SCALAR_BOOLEAN; break;
    case MAPSCOPE_JSON_NULL:         scalar.kind = SCALAR_NULL; break;
    case MAPSCOPE_JSON_BEGIN_ARRAY:  scalar.kind = SCALAR_ARRAY; break;
    case MAPSCOPE_JSON_BEGIN_OBJECT: scalar.kind = SCALAR_OBJECT; break;
    case MAPSCOPE_JSON_END:
    case MAPSCOPE_JSON_END_OBJECT:
    case MAPSCOPE_JSON_END_ARRAY:
    case MAPSCOPE_JSON_COLON:
    case MAPSCOPE_JSON_COMMA:
    default:
      break;
    }
  return scalar;
}

/* The next value's first token, which must start a value. */
static gboolean
next_value (Reader            *reader,
            MapscopeJsonToken *token)
{
  if (!mapscope_json_stream_next (reader->stream, token))
    return FALSE;
  if (!mapscope_json_stream_is_value (*token))
    return mapscope_json_stream_syntax_error (reader->stream, "expected a value");
  return TRUE;
}

/* The first token of the region's item @index; an error when the region
 * ends before it. */
static gboolean
next_region_item (Reader            *reader,
                  guint              index,
                  MapscopeJsonToken *token)
{
  gboolean more = TRUE;

  if (index == 0)
    {
      if (!mapscope_json_stream_next (reader->stream, token))
        return FALSE;
      more = *token != MAPSCOPE_JSON_END_ARRAY;
    }
  else if (!mapscope_json_stream_after_item (reader->stream, MAPSCOPE_JSON_END_ARRAY, &more) ||
           (more && !mapscope_json_stream_next (reader->stream, token)))
    {
      return FALSE;
    }
  if (!more)
    return fail (reader, "a region has %u items instead of %d", index, N_REGION_ITEMS);
  if (!mapscope_json_stream_is_value (*token))
    return mapscope_json_stream_syntax_error (reader->stream, "expected a value");
  return TRUE;
}

/* A region's values, straight from the stream into the region. */
static gboolean
read_region_values (Reader           *reader,
                    GArray           *field_ids,
                    MapscopeSnapshot *snapshot,
                    MapscopeRegion   *region)
{
  MapscopeJsonStream *stream = reader->stream;
  MapscopeJsonToken token;
  gint64 previous_field = -1;
  gboolean more = TRUE;

  if (!next_region_item (reader, R_VALUES, &token))
    return FALSE;
  if (token != MAPSCOPE_JSON_BEGIN_ARRAY)
    return fail (reader, "the values is %s, not an array",
                 describe_scalar (scalar_from_token (stream, token)));
  if (!mapscope_json_stream_next (stream, &token))
    return FALSE;
  if (token == MAPSCOPE_JSON_END_ARRAY)
    return TRUE;

  while (more)
    {
      guint field_id = 0;
      guint64 value;

      if (!mapscope_json_stream_is_value (token))
        return mapscope_json_stream_syntax_error (stream, "expected a value");
      if (!check_pair_field (reader, scalar_from_token (stream, token), field_ids,
                             &previous_field, TRUE, &field_id) ||
          !mapscope_json_stream_after_item (stream, MAPSCOPE_JSON_END_ARRAY, &more))
        return FALSE;
      if (!more)
        return fail (reader, "the values do not hold pairs of field and value");
      if (!next_value (reader, &token) ||
          !check_u64 (reader, scalar_from_token (stream, token), "a value", &value) ||
          !mapscope_json_stream_after_item (stream, MAPSCOPE_JSON_END_ARRAY, &more) ||
          (more && !mapscope_json_stream_next (stream, &token)))
        return FALSE;
      _mapscope_snapshot_set_value (snapshot, region, field_id, value);
    }
  return TRUE;
}

/* Items before the values: each checked as it is read, strings interned
 * at once since the token's text does not outlive the next token. */
typedef struct
{
  guint64           u64[N_REGION_ITEMS];
  gint64            integer[N_REGION_ITEMS];
  const char       *path;
  const char       *vmflags_text;
  MapscopeCategory  category;
} RegionItems;

static gboolean
read_region_item (Reader           *reader,
                  guint             index,
                  Scalar            scalar,
                  MapscopeSnapshot *snapshot,
                  RegionItems      *items)
{
  static const struct
  {
    gint64 min;
    gint64 max;
  } ranges[N_REGION_ITEMS] = {
    [R_DEVICE] = { 0, G_MAXUINT32 }, [R_PERMS] = { 0, 0xf },
    [R_FLAGS] = { 0, KNOWN_REGION_FLAGS }, [R_LINE] = { 0, G_MAXUINT32 },
    [R_PKEY] = { -1, G_MAXINT16 }, [R_THP] = { -1, G_MAXINT8 },
    [R_RULE] = { 0, MAPSCOPE_N_RULES - 1 },
  };
  const char *name = region_item_names[index];
  const char *text;

  switch (index)
    {
    case R_START:
    case R_END:
    case R_OFFSET:
    case R_INODE:
    case R_VMFLAGS:
      return check_u64 (reader, scalar, name, &items->u64[index]);
    case R_CATEGORY:
      if (!check_string (reader, scalar, name, &text))
        return FALSE;
      if (!mapscope_category_from_name (text, &items->category))
        return fail (reader, "unknown category \"%s\"", text);
      return TRUE;
    case R_PATH:
    case R_VMFLAGS_TEXT:
      if (!check_nullable_string (reader, scalar, name, &text))
        return FALSE;
      if (text != NULL)
        text = _mapscope_snapshot_intern (snapshot, text);
      *(index == R_PATH ? &items->path : &items->vmflags_text) = text;
      return TRUE;
    default:
      return check_int (reader, scalar, name, ranges[index].min, ranges[index].max,
                        &items->integer[index]);
    }
}

static gboolean
read_region (Reader           *reader,
             MapscopeJsonToken first,
             GArray           *field_ids,
             MapscopeSnapshot *snapshot,
             SavedClass       *saved)
{
  MapscopeJsonStream *stream = reader->stream;
  const MapscopeRegion *previous = _mapscope_snapshot_peek_last (snapshot);
  MapscopeRegion *region;
  RegionItems items;
  MapscopeJsonToken token;
  const char *raw;
  gboolean more;

  if (first != MAPSCOPE_JSON_BEGIN_ARRAY)
    return fail (reader, "the region is %s, not an array",
                 describe_scalar (scalar_from_token (stream, first)));

  for (guint i = 0; i < R_VALUES; i++)
    {
      if (!next_region_item (reader, i, &token) ||
          !read_region_item (reader, i, scalar_from_token (stream, token), snapshot, &items))
        return FALSE;
    }

  if (items.u64[R_END] < items.u64[R_START])
    return fail (reader, "the end 0x%" G_GINT64_MODIFIER "x is below the start 0x%"
                 G_GINT64_MODIFIER "x", items.u64[R_END], items.u64[R_START]);
  if (previous != NULL && items.u64[R_START] < previous->start)
    return fail (reader, "the regions are out of order: 0x%" G_GINT64_MODIFIER "x comes after 0x%"
                 G_GINT64_MODIFIER "x", items.u64[R_START], previous->start);

  region = _mapscope_snapshot_append_region (snapshot);
  region->start = items.u64[R_START];
  region->end = items.u64[R_END];
  region->offset = items.u64[R_OFFSET];
  region->inode = items.u64[R_INODE];
  region->device = items.integer[R_DEVICE];
  region->perms = items.integer[R_PERMS];
  region->line = items.integer[R_LINE];
  region->protection_key = items.integer[R_PKEY];
  region->thp_eligible = items.integer[R_THP];
  region->path = items.path;
  region->vmflags_text = items.vmflags_text;
  region->vmflags = items.u64[R_VMFLAGS];
  saved->category = items.category;
  saved->rule = items.integer[R_RULE];
  saved->flags = items.integer[R_FLAGS];

  if (!read_region_values (reader, field_ids, snapshot, region) ||
      !next_region_item (reader, R_RAW, &token) ||
      !check_nullable_string (reader, scalar_from_token (stream, token), region_item_names[R_RAW],
                              &raw))
    return FALSE;
  if (raw != NULL)
    {
      guint n_regions;

      _mapscope_snapshot_get_all_regions (snapshot, &n_regions);
      _mapscope_snapshot_set_raw_text (snapshot, n_regions - 1, raw);
    }

  /* Items a later version may add. */
  do
    {
      if (!mapscope_json_stream_after_item (stream, MAPSCOPE_JSON_END_ARRAY, &more) ||
          (more && (!mapscope_json_stream_next (stream, &token) ||
                    !mapscope_json_stream_skip_value (stream, token))))
        return FALSE;
    }
  while (more);
  return TRUE;
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

/* Everything of a snapshot but its regions, from the members before them. */
static MapscopeSnapshot *
read_snapshot_header (Reader     *reader,
                      JsonObject *object,
                      GArray    **field_ids)
{
  g_autoptr(MapscopeSnapshot) snapshot = NULL;
  const char *source, *format_name, *command, *timestamp_text, *note;
  MapscopeFormat format;
  gint64 pid, source_line;
  gboolean rollup;

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
  if (scalar_from_node (json_object_get_member (object, "rollup")).kind != SCALAR_BOOLEAN)
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

  *field_ids = read_fields (reader, object, snapshot);
  if (*field_ids == NULL ||
      !read_reported_totals (reader, json_object_get_member (object, "reported-totals"), *field_ids,
                             snapshot))
    return NULL;

  return g_steal_pointer (&snapshot);
}

/* Each element of the array that starts with @first, in order: @element
 * is called for each (index, first token of the element), and must read
 * the element. @what names the array in the message when it is not one. */
typedef gboolean (*ElementFunc) (Reader            *reader,
                                 guint              index,
                                 MapscopeJsonToken  first,
                                 gpointer           data);

static gboolean
read_elements (Reader            *reader,
               MapscopeJsonToken  first,
               const char        *what,
               ElementFunc        element,
               gpointer           data)
{
  MapscopeJsonToken token;
  gboolean more = TRUE;

  if (first != MAPSCOPE_JSON_BEGIN_ARRAY)
    return fail (reader, "%s is %s, not an array", what,
                 describe_scalar (scalar_from_token (reader->stream, first)));
  if (!mapscope_json_stream_next (reader->stream, &token))
    return FALSE;
  if (token == MAPSCOPE_JSON_END_ARRAY)
    return TRUE;

  for (guint i = 0; more; i++)
    {
      if (!mapscope_json_stream_is_value (token))
        return mapscope_json_stream_syntax_error (reader->stream, "expected a value");
      if (!element (reader, i, token, data) ||
          !mapscope_json_stream_after_item (reader->stream, MAPSCOPE_JSON_END_ARRAY, &more) ||
          (more && !mapscope_json_stream_next (reader->stream, &token)))
        return FALSE;
    }
  return TRUE;
}

typedef struct
{
  JsonObject       *object;     /* the members before "regions" */
  MapscopeSnapshot *snapshot;   /* once "regions" was read */
  GArray           *field_ids;
  GArray           *saved;      /* SavedClass */
} SnapshotMembers;

static gboolean
region_element (Reader            *reader,
                guint              index,
                MapscopeJsonToken  first,
                gpointer           data)
{
  SnapshotMembers *members = data;
  gsize where_len = reader->where->len;

  g_string_append_printf (reader->where, ".regions[%u]", index);
  g_array_set_size (members->saved, index + 1);
  if (!read_region (reader, first, members->field_ids, members->snapshot,
                    &g_array_index (members->saved, SavedClass, index)))
    return FALSE;
  g_string_truncate (reader->where, where_len);
  return TRUE;
}

/* A member's name and colon, then its value's first token. */
static gboolean
read_member_name (Reader            *reader,
                  MapscopeJsonToken  token,
                  char             **name,
                  MapscopeJsonToken *value)
{
  if (token != MAPSCOPE_JSON_STRING)
    return mapscope_json_stream_syntax_error (reader->stream, "expected a member name");
  *name = g_strdup (mapscope_json_stream_get_string (reader->stream, NULL));
  return mapscope_json_stream_expect (reader->stream, MAPSCOPE_JSON_COLON, "':'") &&
         next_value (reader, value);
}

/* Each member of the object that starts with @first, in order: @member is
 * called for each (name, first token of the value), and must read the
 * value. */
typedef gboolean (*MemberFunc) (Reader            *reader,
                                const char        *name,
                                MapscopeJsonToken  value,
                                gpointer           data);

static gboolean
read_members (Reader            *reader,
              MapscopeJsonToken  first,
              MemberFunc         member,
              gpointer           data)
{
  MapscopeJsonToken token;
  gboolean more = TRUE;

  g_assert (first == MAPSCOPE_JSON_BEGIN_OBJECT);
  if (!mapscope_json_stream_next (reader->stream, &token))
    return FALSE;
  if (token == MAPSCOPE_JSON_END_OBJECT)
    return TRUE;
  while (more)
    {
      g_autofree char *name = NULL;
      MapscopeJsonToken value;

      if (!read_member_name (reader, token, &name, &value) ||
          !member (reader, name, value, data) ||
          !mapscope_json_stream_after_item (reader->stream, MAPSCOPE_JSON_END_OBJECT, &more) ||
          (more && !mapscope_json_stream_next (reader->stream, &token)))
        return FALSE;
    }
  return TRUE;
}

/* Keeps a small member as a json-glib node in @object. */
static gboolean
keep_member (Reader            *reader,
             JsonObject        *object,
             const char        *name,
             MapscopeJsonToken  value)
{
  JsonNode *node = mapscope_json_stream_read_node (reader->stream, value);

  if (node == NULL)
    return FALSE;
  json_object_set_member (object, name, node);
  return TRUE;
}

static gboolean
snapshot_member (Reader            *reader,
                 const char        *name,
                 MapscopeJsonToken  value,
                 gpointer           data)
{
  SnapshotMembers *members = data;

  /* The regions come last as written: what they need is known by then. */
  if (members->snapshot != NULL)
    return mapscope_json_stream_skip_value (reader->stream, value);
  if (strcmp (name, "regions") != 0)
    return keep_member (reader, members->object, name, value);

  members->snapshot = read_snapshot_header (reader, members->object, &members->field_ids);
  return members->snapshot != NULL &&
         read_elements (reader, value, "\"regions\"", region_element, members);
}

static MapscopeSnapshot *
read_snapshot (Reader           *reader,
               MapscopeJsonToken first)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(GArray) saved = g_array_new (FALSE, FALSE, sizeof (SavedClass));
  g_autoptr(GArray) field_ids = NULL;
  g_autoptr(MapscopeSnapshot) snapshot = NULL;
  SnapshotMembers members = { object, NULL, NULL, saved };
  MapscopeRegion *all;
  guint n_regions;
  gboolean ok;

  if (first != MAPSCOPE_JSON_BEGIN_OBJECT)
    {
      fail (reader, "the snapshot is %s, not an object",
            describe_scalar (scalar_from_token (reader->stream, first)));
      return NULL;
    }
  ok = read_members (reader, first, snapshot_member, &members);
  snapshot = members.snapshot;
  field_ids = members.field_ids;
  if (!ok)
    return NULL;
  if (snapshot == NULL)
    {
      snapshot = read_snapshot_header (reader, object, &field_ids);
      if (snapshot != NULL)
        fail (reader, "\"regions\" is missing, not an array");
      return NULL;
    }

  if (mapscope_snapshot_get_format (snapshot) == MAPSCOPE_FORMAT_SMAPS_ROLLUP)
    {
      if (saved->len != 1)
        {
          fail (reader, "a smaps_rollup snapshot has %u regions instead of 1", saved->len);
          return NULL;
        }
      _mapscope_snapshot_mark_rollup (snapshot);
    }
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

typedef struct
{
  JsonObject      *root;       /* every member but "snapshots" */
  MapscopeSession *session;
  gboolean         has_snapshots;
} RootMembers;

static gboolean
snapshot_element (Reader            *reader,
                  guint              index,
                  MapscopeJsonToken  first,
                  gpointer           data)
{
  MapscopeSession *session = data;
  MapscopeSnapshot *snapshot;

  g_string_printf (reader->where, "snapshots[%u]", index);
  snapshot = read_snapshot (reader, first);
  if (snapshot == NULL)
    return FALSE;
  g_ptr_array_add (session->snapshots, snapshot);
  g_string_truncate (reader->where, 0);
  return TRUE;
}

static gboolean
root_member (Reader            *reader,
             const char        *name,
             MapscopeJsonToken  value,
             gpointer           data)
{
  RootMembers *members = data;

  if (strcmp (name, "snapshots") != 0)
    return keep_member (reader, members->root, name, value);
  if (members->has_snapshots)
    return mapscope_json_stream_skip_value (reader->stream, value);

  /* "format" and "version" come first as written: a newer version is
   * refused before its snapshots are read the old way. */
  members->has_snapshots = TRUE;
  return check_format (reader, members->root) &&
         read_elements (reader, value, "\"snapshots\"", snapshot_element, members->session);
}

static MapscopeSession *
read_session (Reader *reader)
{
  g_autoptr(MapscopeSession) session = _mapscope_session_new ();
  g_autoptr(JsonObject) root = json_object_new ();
  RootMembers members = { root, session, FALSE };
  MapscopeJsonToken token;
  JsonObject *object;
  gint64 current, baseline, selected;
  guint n;

  if (!mapscope_json_stream_next (reader->stream, &token))
    return NULL;
  if (token != MAPSCOPE_JSON_BEGIN_OBJECT)
    {
      /* Still checked to the end: bad JSON is reported as such. */
      if (token != MAPSCOPE_JSON_END &&
          (!mapscope_json_stream_skip_value (reader->stream, token) ||
           !mapscope_json_stream_expect (reader->stream, MAPSCOPE_JSON_END, "the end of the input")))
        return NULL;
      g_set_error (reader->error, MAPSCOPE_SESSION_ERROR, MAPSCOPE_SESSION_ERROR_NOT_SESSION,
                   "%s: not a Mapscope session (the JSON is not an object)", reader->source);
      return NULL;
    }
  if (!read_members (reader, token, root_member, &members) ||
      !mapscope_json_stream_expect (reader->stream, MAPSCOPE_JSON_END, "the end of the input"))
    return NULL;
  if (!members.has_snapshots)
    {
      if (check_format (reader, root))
        fail (reader, "\"snapshots\" is missing, not an array");
      return NULL;
    }
  n = session->snapshots->len;

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
  g_autoptr(MapscopeJsonStream) tokens = mapscope_json_stream_new (stream, cancellable);
  g_autoptr(GString) where = g_string_new (NULL);
  g_autoptr(GError) local_error = NULL;
  Reader reader = { source_name, where, &local_error, tokens };
  MapscopeSession *session;
  const GError *read_error;

  session = read_session (&reader);
  if (session != NULL)
    return session;

  read_error = mapscope_json_stream_get_error (tokens);
  if (read_error == NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  else if (g_error_matches (read_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_set_error (error, MAPSCOPE_SESSION_ERROR, MAPSCOPE_SESSION_ERROR_CANCELLED,
                 "%s: loading was cancelled", source_name);
  else if (read_error->domain == G_IO_ERROR && read_error->code == G_IO_ERROR_INVALID_DATA)
    g_set_error (error, MAPSCOPE_SESSION_ERROR, MAPSCOPE_SESSION_ERROR_DAMAGED,
                 "%s: damaged session: the compressed data is corrupt: %s",
                 source_name, read_error->message);
  else if (g_error_matches (read_error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT))
    g_set_error (error, MAPSCOPE_SESSION_ERROR, MAPSCOPE_SESSION_ERROR_DAMAGED,
                 "%s: damaged session: the compressed data is cut short", source_name);
  else if (read_error->domain == MAPSCOPE_JSON_STREAM_ERROR)
    g_set_error (error, MAPSCOPE_SESSION_ERROR, MAPSCOPE_SESSION_ERROR_DAMAGED,
                 "%s: damaged session: not valid JSON: %s", source_name, read_error->message);
  else
    g_set_error (error, MAPSCOPE_SESSION_ERROR, MAPSCOPE_SESSION_ERROR_FAILED,
                 "%s: cannot read: %s", source_name, read_error->message);
  return NULL;
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
