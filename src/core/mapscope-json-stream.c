/* mapscope-json-stream.c: a strict JSON tokenizer that reads a stream in
 * chunks
 *
 * json-glib's parser builds a tree of the whole document before anything
 * can look at it: for a session of 60,000 regions that is millions of nodes
 * and half a gigabyte. This reads a fixed-size buffer at a time and hands
 * out one token at a time, so the caller can fill its model as the text
 * goes by. It follows RFC 8259 to the letter: no comments, no trailing
 * commas, strings in valid UTF-8 with paired \u surrogates. Nesting and the
 * length of a string are bounded, so no input can make it recurse or
 * allocate without limit.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "mapscope-json-stream.h"

#define BUFFER_SIZE (64 * 1024)
/* Deeper than any session; json-glib's own limit is far larger, but a tree
 * that deep would only be an attack. */
#define MAX_DEPTH 64
/* A region's raw text is at most 80 lines. */
#define MAX_STRING_LENGTH (64 * 1024 * 1024)
#define MAX_NUMBER_LENGTH 64

struct _MapscopeJsonStream
{
  GInputStream *input;
  GCancellable *cancellable;
  guint8       *buffer;
  gsize         length;     /* bytes in @buffer */
  gsize         position;   /* the next byte to read */
  guint64       consumed;   /* bytes before @buffer */
  gboolean      at_end;
  guint         line;       /* 1-based, for messages */
  guint64       line_start; /* offset of the line's first byte */
  GString      *string;
  gint64        integer;
  double        number;
  GError       *error;
};

G_DEFINE_QUARK (mapscope-json-stream-error-quark, mapscope_json_stream_error)

static gsize classes_ready;
static void init_byte_classes (void);

MapscopeJsonStream *
mapscope_json_stream_new (GInputStream *input,
                          GCancellable *cancellable)
{
  MapscopeJsonStream *self = g_new0 (MapscopeJsonStream, 1);

  self->input = g_object_ref (input);
  self->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  self->buffer = g_malloc (BUFFER_SIZE);
  self->line = 1;
  self->string = g_string_sized_new (256);
  if (g_once_init_enter (&classes_ready))
    {
      init_byte_classes ();
      g_once_init_leave (&classes_ready, 1);
    }
  return self;
}

void
mapscope_json_stream_free (MapscopeJsonStream *self)
{
  g_object_unref (self->input);
  g_clear_object (&self->cancellable);
  g_free (self->buffer);
  g_string_free (self->string, TRUE);
  g_clear_error (&self->error);
  g_free (self);
}

/**
 * mapscope_json_stream_get_error:
 *
 * Returns: (nullable): why reading stopped: a read error of the input, or
 *   %MAPSCOPE_JSON_STREAM_ERROR_SYNTAX; %NULL when the caller stopped it
 */
const GError *
mapscope_json_stream_get_error (MapscopeJsonStream *self)
{
  return self->error;
}

gboolean
mapscope_json_stream_syntax_error (MapscopeJsonStream *self,
                                   const char         *what)
{
  guint64 offset = self->consumed + self->position;

  if (self->error == NULL)
    g_set_error (&self->error, MAPSCOPE_JSON_STREAM_ERROR, MAPSCOPE_JSON_STREAM_ERROR_SYNTAX,
                 "line %u, column %" G_GUINT64_FORMAT ": %s", self->line,
                 offset - self->line_start + 1, what);
  return FALSE;
}

/* FALSE at the end of the input or on a read error (then ->error is set). */
static gboolean
refill (MapscopeJsonStream *self)
{
  gssize n;

  if (self->at_end || self->error != NULL)
    return FALSE;
  self->consumed += self->length;
  self->length = 0;
  self->position = 0;
  n = g_input_stream_read (self->input, self->buffer, BUFFER_SIZE, self->cancellable, &self->error);
  if (n <= 0)
    {
      self->at_end = n == 0;
      return FALSE;
    }
  self->length = n;
  return TRUE;
}

/* The next byte without taking it, or -1 at the end or on an error. */
static inline int
peek_byte (MapscopeJsonStream *self)
{
  if (self->position == self->length && !refill (self))
    return -1;
  return self->buffer[self->position];
}

static gboolean
skip_whitespace (MapscopeJsonStream *self)
{
  for (;;)
    {
      int c = peek_byte (self);

      if (c == '\n')
        {
          self->line++;
          self->line_start = self->consumed + self->position + 1;
        }
      else if (c != ' ' && c != '\t' && c != '\r')
        return self->error == NULL;
      self->position++;
    }
}

static gboolean
read_hex4 (MapscopeJsonStream *self,
           gunichar           *value)
{
  *value = 0;
  for (guint i = 0; i < 4; i++)
    {
      int c = peek_byte (self);
      int digit = c >= 0 ? g_ascii_xdigit_value (c) : -1;

      if (digit < 0)
        return mapscope_json_stream_syntax_error (self, "\\u is not followed by four hex digits");
      *value = *value << 4 | digit;
      self->position++;
    }
  return TRUE;
}

/* After the backslash of \uXXXX: one character, a surrogate pair taken
 * whole. */
static gboolean
read_unicode_escape (MapscopeJsonStream *self)
{
  gunichar c, low;

  if (!read_hex4 (self, &c))
    return FALSE;
  if (c >= 0xdc00 && c <= 0xdfff)
    return mapscope_json_stream_syntax_error (self, "a low surrogate without a high one");
  if (c >= 0xd800 && c <= 0xdbff)
    {
      if (peek_byte (self) != '\\')
        return mapscope_json_stream_syntax_error (self, "a high surrogate without a low one");
      self->position++;
      if (peek_byte (self) != 'u')
        return mapscope_json_stream_syntax_error (self, "a high surrogate without a low one");
      self->position++;
      if (!read_hex4 (self, &low))
        return FALSE;
      if (low < 0xdc00 || low > 0xdfff)
        return mapscope_json_stream_syntax_error (self, "a high surrogate without a low one");
      c = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
    }
  if (c == 0)
    return mapscope_json_stream_syntax_error (self, "a string holds a NUL character (\\u0000)");
  g_string_append_unichar (self->string, c);
  return TRUE;
}

static gboolean
read_escape (MapscopeJsonStream *self)
{
  static const char plain[] = "\"\\/bfnrt";
  static const char meaning[] = "\"\\/\b\f\n\r\t";
  int c = peek_byte (self);
  const char *found;

  if (c < 0)
    return mapscope_json_stream_syntax_error (self, "the input ends inside a string");
  self->position++;
  if (c == 'u')
    return read_unicode_escape (self);
  found = c != 0 ? strchr (plain, c) : NULL;
  if (found == NULL)
    return mapscope_json_stream_syntax_error (self, "an unknown escape in a string");
  g_string_append_c (self->string, meaning[found - plain]);
  return TRUE;
}

/* Bytes that end a plain run inside a string: the quote, the backslash,
 * control characters, and bytes of multi-byte characters (counted, so that
 * ASCII text need not be checked for UTF-8 at the end). */
enum
{
  PLAIN,
  STOP,
  NON_ASCII,
};

static guint8 byte_class[256];

static void
init_byte_classes (void)
{
  for (guint c = 0; c < 256; c++)
    byte_class[c] = c == '"' || c == '\\' || c < 0x20 ? STOP : c >= 0x80 ? NON_ASCII : PLAIN;
}

/* After the opening quote. */
static gboolean
read_string (MapscopeJsonStream *self)
{
  gboolean ascii = TRUE;

  g_string_truncate (self->string, 0);
  for (;;)
    {
      const guint8 *start, *p, *end;

      if (peek_byte (self) < 0)
        return self->error != NULL ? FALSE
               : mapscope_json_stream_syntax_error (self, "the input ends inside a string");

      /* The plain run up to a quote, a backslash or a control character,
       * copied at once. */
      start = p = self->buffer + self->position;
      end = self->buffer + self->length;
      for (;;)
        {
          guint8 class;

          while (p + 4 <= end && byte_class[p[0]] == PLAIN && byte_class[p[1]] == PLAIN &&
                 byte_class[p[2]] == PLAIN && byte_class[p[3]] == PLAIN)
            p += 4;
          if (p == end)
            break;
          class = byte_class[*p];
          if (class == STOP)
            break;
          ascii &= class == PLAIN;
          p++;
        }
      g_string_append_len (self->string, (const char *)start, p - start);
      self->position += p - start;
      if (self->string->len > MAX_STRING_LENGTH)
        return mapscope_json_stream_syntax_error (self, "a string is longer than 64 MiB");
      if (p == end)
        continue;

      self->position++;
      if (*p == '"')
        break;
      if (*p != '\\')
        return mapscope_json_stream_syntax_error (self, "a control character inside a string");
      /* What an escape adds is valid UTF-8 already. */
      if (!read_escape (self))
        return FALSE;
    }

  if (!ascii && !g_utf8_validate_len (self->string->str, self->string->len, NULL))
    return mapscope_json_stream_syntax_error (self, "a string is not valid UTF-8");
  return TRUE;
}

static gboolean
is_digit (const char *p)
{
  return *p >= '0' && *p <= '9';
}

/* -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? and nothing else. */
static gboolean
number_is_valid (const char *text,
                 gboolean   *integral)
{
  const char *p = text;

  if (*p == '-')
    p++;
  if (*p == '0')
    p++;
  else if (is_digit (p))
    while (is_digit (p))
      p++;
  else
    return FALSE;

  *integral = *p == '\0';
  if (*p == '.')
    {
      p++;
      if (!is_digit (p))
        return FALSE;
      while (is_digit (p))
        p++;
    }
  if (*p == 'e' || *p == 'E')
    {
      p++;
      if (*p == '+' || *p == '-')
        p++;
      if (!is_digit (p))
        return FALSE;
      while (is_digit (p))
        p++;
    }
  return *p == '\0';
}

/* A valid integral number's value, FALSE when it does not fit in gint64. */
static gboolean
parse_integer (const char *text,
               gint64     *value)
{
  gboolean negative = *text == '-';
  guint64 limit = negative ? (guint64)G_MAXINT64 + 1 : G_MAXINT64;
  guint64 magnitude = 0;

  for (const char *p = text + negative; *p != '\0'; p++)
    {
      guint digit = *p - '0';

      if (magnitude > (limit - digit) / 10)
        return FALSE;
      magnitude = magnitude * 10 + digit;
    }
  *value = negative ? (gint64)(0 - magnitude) : (gint64)magnitude;
  return TRUE;
}

static gboolean
read_number (MapscopeJsonStream *self,
             MapscopeJsonToken  *token)
{
  char text[MAX_NUMBER_LENGTH + 1];
  gsize n = 0;
  gboolean integral;
  int c;

  while ((c = peek_byte (self)) >= 0 &&
         (g_ascii_isdigit (c) || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E'))
    {
      if (n == MAX_NUMBER_LENGTH)
        return mapscope_json_stream_syntax_error (self, "a number is too long");
      text[n++] = c;
      self->position++;
    }
  text[n] = '\0';
  if (self->error != NULL)
    return FALSE;
  if (!number_is_valid (text, &integral))
    return mapscope_json_stream_syntax_error (self, "not a valid number");

  if (integral && parse_integer (text, &self->integer))
    {
      *token = MAPSCOPE_JSON_INT;
      return TRUE;
    }
  self->number = g_ascii_strtod (text, NULL);
  *token = MAPSCOPE_JSON_DOUBLE;
  return TRUE;
}

static gboolean
read_word (MapscopeJsonStream *self,
           const char         *word)
{
  for (const char *p = word; *p != '\0'; p++)
    {
      if (peek_byte (self) != *p)
        return self->error != NULL ? FALSE
               : mapscope_json_stream_syntax_error (self, "an unknown word");
      self->position++;
    }
  return TRUE;
}

/**
 * mapscope_json_stream_next:
 *
 * Reads the next token. A string's text stays valid until the next call.
 *
 * Returns: %FALSE on bad JSON or a read error (see
 *   mapscope_json_stream_get_error())
 */
gboolean
mapscope_json_stream_next (MapscopeJsonStream *self,
                           MapscopeJsonToken  *token)
{
  static const struct
  {
    char              c;
    MapscopeJsonToken token;
  } punctuation[] = {
    { '{', MAPSCOPE_JSON_BEGIN_OBJECT }, { '}', MAPSCOPE_JSON_END_OBJECT },
    { '[', MAPSCOPE_JSON_BEGIN_ARRAY }, { ']', MAPSCOPE_JSON_END_ARRAY },
    { ':', MAPSCOPE_JSON_COLON }, { ',', MAPSCOPE_JSON_COMMA },
  };
  int c;

  if (self->error != NULL || !skip_whitespace (self))
    return FALSE;
  c = peek_byte (self);
  if (c < 0)
    {
      *token = MAPSCOPE_JSON_END;
      return self->error == NULL;
    }

  for (guint i = 0; i < G_N_ELEMENTS (punctuation); i++)
    {
      if (c == punctuation[i].c)
        {
          self->position++;
          *token = punctuation[i].token;
          return TRUE;
        }
    }

  switch (c)
    {
    case '"':
      self->position++;
      *token = MAPSCOPE_JSON_STRING;
      return read_string (self);
    case 't':
      *token = MAPSCOPE_JSON_TRUE;
      return read_word (self, "true");
    case 'f':
      *token = MAPSCOPE_JSON_FALSE;
      return read_word (self, "false");
    case 'n':
      *token = MAPSCOPE_JSON_NULL;
      return read_word (self, "null");
    default:
      if (c == '-' || g_ascii_isdigit (c))
        return read_number (self, token);
      return mapscope_json_stream_syntax_error (self, "an unexpected character");
    }
}

const char *
mapscope_json_stream_get_string (MapscopeJsonStream *self,
                                 gsize              *length)
{
  if (length != NULL)
    *length = self->string->len;
  return self->string->str;
}

gint64
mapscope_json_stream_get_int (MapscopeJsonStream *self)
{
  return self->integer;
}

double
mapscope_json_stream_get_double (MapscopeJsonStream *self)
{
  return self->number;
}

/* Whether @token starts a value. */
gboolean
mapscope_json_stream_is_value (MapscopeJsonToken token)
{
  return token != MAPSCOPE_JSON_END && token != MAPSCOPE_JSON_END_OBJECT &&
         token != MAPSCOPE_JSON_END_ARRAY && token != MAPSCOPE_JSON_COLON &&
         token != MAPSCOPE_JSON_COMMA;
}

/* Reads a token that must be @wanted; @what names it in the message. */
gboolean
mapscope_json_stream_expect (MapscopeJsonStream *self,
                             MapscopeJsonToken   wanted,
                             const char         *what)
{
  MapscopeJsonToken token;

  if (!mapscope_json_stream_next (self, &token))
    return FALSE;
  if (token != wanted)
    {
      g_autofree char *message = g_strdup_printf ("expected %s", what);

      return mapscope_json_stream_syntax_error (self, message);
    }
  return TRUE;
}

/**
 * mapscope_json_stream_after_item:
 * @closing: %MAPSCOPE_JSON_END_ARRAY or %MAPSCOPE_JSON_END_OBJECT
 *
 * Reads what follows an item of an array or object: a comma (@more set)
 * or the closing bracket (@more cleared).
 */
gboolean
mapscope_json_stream_after_item (MapscopeJsonStream *self,
                                 MapscopeJsonToken   closing,
                                 gboolean           *more)
{
  MapscopeJsonToken token;

  if (!mapscope_json_stream_next (self, &token))
    return FALSE;
  *more = token == MAPSCOPE_JSON_COMMA;
  if (!*more && token != closing)
    return mapscope_json_stream_syntax_error (self, closing == MAPSCOPE_JSON_END_ARRAY
                                                    ? "expected ',' or ']'"
                                                    : "expected ',' or '}'");
  return TRUE;
}

/* The value that starts with @first, built as a node (@skip FALSE) or only
 * checked; NULL on an error, or for a skipped value a dummy non-NULL. */
static JsonNode *
read_value (MapscopeJsonStream *self,
            MapscopeJsonToken   first,
            guint               depth,
            gboolean            skip)
{
  static JsonNode *const skipped = (JsonNode *)&skipped;
  MapscopeJsonToken closing = first == MAPSCOPE_JSON_BEGIN_OBJECT ? MAPSCOPE_JSON_END_OBJECT
                                                                  : MAPSCOPE_JSON_END_ARRAY;
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(JsonArray) array = NULL;
  MapscopeJsonToken token;
  JsonNode *node;

  if (!mapscope_json_stream_is_value (first))
    {
      mapscope_json_stream_syntax_error (self, "expected a value");
      return NULL;
    }
  if (first != MAPSCOPE_JSON_BEGIN_OBJECT && first != MAPSCOPE_JSON_BEGIN_ARRAY)
    {
      if (skip)
        return skipped;
      node = json_node_alloc ();
      switch (first)
        {
        case MAPSCOPE_JSON_STRING: return json_node_init_string (node, self->string->str);
        case MAPSCOPE_JSON_INT:    return json_node_init_int (node, self->integer);
        case MAPSCOPE_JSON_DOUBLE: return json_node_init_double (node, self->number);
        case MAPSCOPE_JSON_TRUE:   return json_node_init_boolean (node, TRUE);
        case MAPSCOPE_JSON_FALSE:  return json_node_init_boolean (node, FALSE);
        case MAPSCOPE_JSON_NULL:
        default:                   return json_node_init_null (node);
        }
    }

  if (depth >= MAX_DEPTH)
    {
      mapscope_json_stream_syntax_error (self, "nested too deeply");
      return NULL;
    }
  if (!skip && first == MAPSCOPE_JSON_BEGIN_OBJECT)
    object = json_object_new ();
  else if (!skip)
    array = json_array_new ();

  if (!mapscope_json_stream_next (self, &token))
    return NULL;
  if (token != closing)
    {
      gboolean more = TRUE;

      while (more)
        {
          g_autofree char *key = NULL;
          JsonNode *item;

          if (first == MAPSCOPE_JSON_BEGIN_OBJECT)
            {
              if (token != MAPSCOPE_JSON_STRING)
                {
                  mapscope_json_stream_syntax_error (self, "expected a member name");
                  return NULL;
                }
              if (!skip)
                key = g_strdup (self->string->str);
              if (!mapscope_json_stream_expect (self, MAPSCOPE_JSON_COLON, "':'") ||
                  !mapscope_json_stream_next (self, &token))
                return NULL;
            }
          item = read_value (self, token, depth + 1, skip);
          if (item == NULL)
            return NULL;
          if (object != NULL)
            json_object_set_member (object, key, item);
          else if (array != NULL)
            json_array_add_element (array, item);
          if (!mapscope_json_stream_after_item (self, closing, &more) ||
              (more && !mapscope_json_stream_next (self, &token)))
            return NULL;
        }
    }

  if (skip)
    return skipped;
  node = json_node_alloc ();
  if (object != NULL)
    return json_node_init_object (node, object);
  return json_node_init_array (node, array);
}

/**
 * mapscope_json_stream_read_node:
 * @first: the value's first token, already read
 *
 * Reads a whole value as a json-glib tree: for the small parts of a
 * document.
 *
 * Returns: (transfer full) (nullable): the node, or %NULL on an error
 */
JsonNode *
mapscope_json_stream_read_node (MapscopeJsonStream *self,
                                MapscopeJsonToken   first)
{
  return read_value (self, first, 0, FALSE);
}

/* Reads past the value that starts with @first, checking its syntax. */
gboolean
mapscope_json_stream_skip_value (MapscopeJsonStream *self,
                                 MapscopeJsonToken   first)
{
  return read_value (self, first, 0, TRUE) != NULL;
}
