/* test-json-stream.c: the streaming JSON tokenizer that reads saved sessions
 *
 * Each text is read through an input stream that hands it over in pieces
 * chosen by the test (split at any byte, or one byte per read), so the
 * tokens must not depend on where the tokenizer's reads happen to end.
 * Whole values read as trees are compared with what json-glib's own parser
 * makes of the same text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "mapscope-json-stream.h"

/* An input stream that gives its bytes in pieces -------------------------- */

#define PIECE_TYPE_STREAM (piece_stream_get_type ())
G_DECLARE_FINAL_TYPE (PieceStream, piece_stream, PIECE, STREAM, GInputStream)

struct _PieceStream
{
  GInputStream parent_instance;
  GBytes      *bytes;
  gsize        position;
  gsize        split;     /* no read crosses this offset */
  gsize        max_read;  /* bytes per read at most */
  gsize        fail_at;   /* a read that starts here fails */
};

G_DEFINE_FINAL_TYPE (PieceStream, piece_stream, G_TYPE_INPUT_STREAM)

static gssize
piece_stream_read (GInputStream  *stream,
                   void          *buffer,
                   gsize          count,
                   GCancellable  *cancellable,
                   GError       **error)
{
  PieceStream *self = PIECE_STREAM (stream);
  gsize length;
  const guint8 *data = g_bytes_get_data (self->bytes, &length);
  gsize n = length - self->position;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return -1;
  if (self->position == self->fail_at)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE, "the test broke the stream");
      return -1;
    }
  if (self->position < self->split)
    n = MIN (n, self->split - self->position);
  if (self->position < self->fail_at)
    n = MIN (n, self->fail_at - self->position);
  n = MIN (n, MIN (count, self->max_read));
  /* an empty text has no data pointer at all */
  if (n > 0)
    memcpy (buffer, data + self->position, n);
  self->position += n;
  return n;
}

static void
piece_stream_finalize (GObject *object)
{
  PieceStream *self = PIECE_STREAM (object);

  g_bytes_unref (self->bytes);
  G_OBJECT_CLASS (piece_stream_parent_class)->finalize (object);
}

static void
piece_stream_class_init (PieceStreamClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = piece_stream_finalize;
  G_INPUT_STREAM_CLASS (klass)->read_fn = piece_stream_read;
}

static void
piece_stream_init (PieceStream *self)
{
  self->split = G_MAXSIZE;
  self->max_read = G_MAXSIZE;
  self->fail_at = G_MAXSIZE;
}

static GInputStream *
piece_stream_new (const char *data,
                  gsize       length)
{
  PieceStream *self = g_object_new (PIECE_TYPE_STREAM, NULL);

  self->bytes = g_bytes_new (data, length);
  return G_INPUT_STREAM (self);
}

static MapscopeJsonStream *
tokenizer_for (const char *text)
{
  g_autoptr(GInputStream) input = piece_stream_new (text, strlen (text));

  return mapscope_json_stream_new (input, NULL);
}

static MapscopeJsonStream *
tokenizer_split_at (const char *text,
                    gsize       length,
                    gsize       split)
{
  g_autoptr(GInputStream) input = piece_stream_new (text, length);

  PIECE_STREAM (input)->split = split;
  return mapscope_json_stream_new (input, NULL);
}

static MapscopeJsonStream *
tokenizer_byte_by_byte (const char *text,
                        gsize       length)
{
  g_autoptr(GInputStream) input = piece_stream_new (text, length);

  PIECE_STREAM (input)->max_read = 1;
  return mapscope_json_stream_new (input, NULL);
}

/* Tokens written out in one line ------------------------------------------ */

/* Strings in double quotes (escaped, UTF-8 kept), integers as they are,
 * doubles with a "d:" prefix, and a read error or bad JSON as
 * "ERROR(message)" in place of the token. */
static char *
read_trace (MapscopeJsonStream *stream)
{
  static const char *const punctuation[] = {
    [MAPSCOPE_JSON_BEGIN_OBJECT] = "{", [MAPSCOPE_JSON_END_OBJECT] = "}",
    [MAPSCOPE_JSON_BEGIN_ARRAY] = "[",  [MAPSCOPE_JSON_END_ARRAY] = "]",
    [MAPSCOPE_JSON_COLON] = ":",        [MAPSCOPE_JSON_COMMA] = ",",
    [MAPSCOPE_JSON_TRUE] = "true",      [MAPSCOPE_JSON_FALSE] = "false",
    [MAPSCOPE_JSON_NULL] = "null",
  };
  g_autoptr(GString) trace = g_string_new (NULL);
  char high_bytes[129];

  for (guint i = 0; i < 128; i++)
    high_bytes[i] = (char)(0x80 + i);
  high_bytes[128] = '\0';

  for (;;)
    {
      MapscopeJsonToken token;

      if (trace->len > 0)
        g_string_append_c (trace, ' ');
      if (!mapscope_json_stream_next (stream, &token))
        {
          const GError *error = mapscope_json_stream_get_error (stream);

          g_assert_nonnull (error);
          g_string_append_printf (trace, "ERROR(%s)", error->message);
          break;
        }
      if (token == MAPSCOPE_JSON_END)
        {
          g_string_append (trace, "END");
          break;
        }
      if (token == MAPSCOPE_JSON_STRING)
        {
          gsize length;
          const char *string = mapscope_json_stream_get_string (stream, &length);
          g_autofree char *escaped = g_strescape (string, high_bytes);

          /* no NUL can be inside, so the length is that of the C string */
          g_assert_cmpuint (length, ==, strlen (string));
          g_string_append_printf (trace, "\"%s\"", escaped);
        }
      else if (token == MAPSCOPE_JSON_INT)
        g_string_append_printf (trace, "%" G_GINT64_FORMAT, mapscope_json_stream_get_int (stream));
      else if (token == MAPSCOPE_JSON_DOUBLE)
        g_string_append_printf (trace, "d:%.17g", mapscope_json_stream_get_double (stream));
      else
        g_string_append (trace, punctuation[token]);
    }
  return g_string_free (g_steal_pointer (&trace), FALSE);
}

static char *
trace_of (const char *text)
{
  g_autoptr(MapscopeJsonStream) stream = tokenizer_for (text);

  return read_trace (stream);
}

/* Token sequences ---------------------------------------------------------- */

static const struct
{
  const char *text;
  const char *trace;
} token_cases[] = {
  { "", "END" },
  { " \t\r\n ", "END" },
  { "{}", "{ } END" },
  { "[]", "[ ] END" },
  { "true false null", "true false null END" },
  { "{\"a\": [true, false, null], \"b\": {}}",
    "{ \"a\" : [ true , false , null ] , \"b\" : { } } END" },
  { "[[1,[2,{\"k\":[3]}]],{}]",
    "[ [ 1 , [ 2 , { \"k\" : [ 3 ] } ] ] , { } ] END" },
  { "\n\n  {\r\n\t\"x\" :\n-7 }\n", "{ \"x\" : -7 } END" },
  /* the tokenizer knows tokens, not grammar: the caller checks the order */
  { "] , : [", "] , : [ END" },
  { "1 2", "1 2 END" },
};

/* Names an input in the test log; escaped, since some are not UTF-8 and
 * the raw bytes would break the TAP output. */
static void
note_input (const char *text,
            const char *how)
{
  g_autofree char *escaped = g_strescape (text, NULL);

  g_test_message ("input: \"%s\"%s%s", escaped, how != NULL ? " " : "", how != NULL ? how : "");
}

static void
test_token_sequences (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (token_cases); i++)
    {
      g_autofree char *trace = trace_of (token_cases[i].text);

      note_input (token_cases[i].text, NULL);
      g_assert_cmpstr (trace, ==, token_cases[i].trace);
    }
}

static void
test_end_repeats (void)
{
  g_autoptr(MapscopeJsonStream) stream = tokenizer_for ("null");
  MapscopeJsonToken token;

  g_assert_true (mapscope_json_stream_next (stream, &token));
  g_assert_cmpint (token, ==, MAPSCOPE_JSON_NULL);
  for (guint i = 0; i < 3; i++)
    {
      g_assert_true (mapscope_json_stream_next (stream, &token));
      g_assert_cmpint (token, ==, MAPSCOPE_JSON_END);
    }
  g_assert_null (mapscope_json_stream_get_error (stream));
}

/* Strings ------------------------------------------------------------------ */

static void
test_strings (void)
{
  static const struct
  {
    const char *json;
    const char *value;
  } cases[] = {
    { "\"\"", "" },
    { "\"plain text\"", "plain text" },
    { "\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t\"", "\" \\ / \b \f \n \r \t" },
    { "\"\\u0041\\u0062\"", "Ab" },
    { "\"\\u00e9\\u00E9\"", "\xc3\xa9\xc3\xa9" },                 /* é, either case of hex */
    { "\"\\u20ac\"", "\xe2\x82\xac" },                           /* € */
    { "\"\\u001f\"", "\x1f" },                                   /* a control character, escaped */
    { "\"\\ud83d\\ude00\"", "\xf0\x9f\x98\x80" },                /* U+1F600 from a surrogate pair */
    { "\"\\uD800\\uDC00\"", "\xf0\x90\x80\x80" },                /* U+10000, the first pair */
    { "\"\\udbff\\udfff\"", "\xf4\x8f\xbf\xbf" },                /* U+10FFFF, the last pair */
    { "\"\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\"", "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80" },
    { "\"a\\u00e9b\xc3\xa9" "c\\n\"", "a\xc3\xa9" "b\xc3\xa9" "c\n" },
    { "\"/usr/lib/x86_64-linux-gnu/libc.so.6 (deleted)\"",
      "/usr/lib/x86_64-linux-gnu/libc.so.6 (deleted)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(MapscopeJsonStream) stream = tokenizer_for (cases[i].json);
      MapscopeJsonToken token;
      const char *value;
      gsize length;

      note_input (cases[i].json, NULL);
      g_assert_true (mapscope_json_stream_next (stream, &token));
      g_assert_cmpint (token, ==, MAPSCOPE_JSON_STRING);
      value = mapscope_json_stream_get_string (stream, &length);
      g_assert_cmpmem (value, length, cases[i].value, strlen (cases[i].value));
      /* NUL-terminated as well */
      g_assert_cmpint (value[length], ==, '\0');
      g_assert_true (mapscope_json_stream_next (stream, &token));
      g_assert_cmpint (token, ==, MAPSCOPE_JSON_END);
    }
}

/* A string is longer than the tokenizer's read buffer (64 KiB). */
static void
test_long_string (void)
{
  gsize n = 200 * 1024;
  g_autoptr(GString) json = g_string_new ("[\"");
  g_autoptr(MapscopeJsonStream) stream = NULL;
  MapscopeJsonToken token;
  const char *value;
  gsize length;

  for (gsize i = 0; i < n; i++)
    g_string_append_c (json, 'a' + i % 26);
  g_string_append (json, "\", 5]");
  stream = tokenizer_for (json->str);

  g_assert_true (mapscope_json_stream_next (stream, &token));
  g_assert_cmpint (token, ==, MAPSCOPE_JSON_BEGIN_ARRAY);
  g_assert_true (mapscope_json_stream_next (stream, &token));
  g_assert_cmpint (token, ==, MAPSCOPE_JSON_STRING);
  value = mapscope_json_stream_get_string (stream, &length);
  g_assert_cmpmem (value, length, json->str + 2, n);
  g_assert_true (mapscope_json_stream_next (stream, &token));
  g_assert_cmpint (token, ==, MAPSCOPE_JSON_COMMA);
  g_assert_true (mapscope_json_stream_next (stream, &token));
  g_assert_cmpint (token, ==, MAPSCOPE_JSON_INT);
  g_assert_cmpint (mapscope_json_stream_get_int (stream), ==, 5);
}

/* Numbers ------------------------------------------------------------------ */

static void
test_integers (void)
{
  static const struct
  {
    const char *json;
    gint64      value;
  } cases[] = {
    { "0", 0 },
    { "-0", 0 },
    { "7", 7 },
    { "-1", -1 },
    { "1234567890", G_GINT64_CONSTANT (1234567890) },
    { "4294967296", G_GINT64_CONSTANT (4294967296) },                 /* beyond 32 bits */
    { "-4294967297", G_GINT64_CONSTANT (-4294967297) },
    { "9223372036854775807", G_MAXINT64 },
    { "-9223372036854775808", G_MININT64 },
    { "9223372036854775806", G_MAXINT64 - 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(MapscopeJsonStream) stream = tokenizer_for (cases[i].json);
      MapscopeJsonToken token;

      note_input (cases[i].json, NULL);
      g_assert_true (mapscope_json_stream_next (stream, &token));
      g_assert_cmpint (token, ==, MAPSCOPE_JSON_INT);
      g_assert_cmpint (mapscope_json_stream_get_int (stream), ==, cases[i].value);
      g_assert_true (mapscope_json_stream_next (stream, &token));
      g_assert_cmpint (token, ==, MAPSCOPE_JSON_END);
    }
}

/* A fraction, an exponent, or too large for gint64: a double. */
static void
test_doubles (void)
{
  static const struct
  {
    const char *json;
    double      value;
  } cases[] = {
    { "1.5", 1.5 },
    { "-0.25", -0.25 },
    { "0.0", 0.0 },
    { "1e3", 1000.0 },
    { "1E3", 1000.0 },
    { "2.5e+2", 250.0 },
    { "-1e-2", -0.01 },
    { "3.0", 3.0 },
    { "9223372036854775808", 9223372036854775808.0 },            /* G_MAXINT64 + 1 */
    { "-9223372036854775809", -9223372036854775809.0 },          /* G_MININT64 - 1 */
    { "18446744073709551615", 18446744073709551615.0 },          /* G_MAXUINT64 */
    { "123456789012345678901234567890", 123456789012345678901234567890.0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(MapscopeJsonStream) stream = tokenizer_for (cases[i].json);
      MapscopeJsonToken token;

      note_input (cases[i].json, NULL);
      g_assert_true (mapscope_json_stream_next (stream, &token));
      g_assert_cmpint (token, ==, MAPSCOPE_JSON_DOUBLE);
      g_assert_cmpfloat (mapscope_json_stream_get_double (stream), ==, cases[i].value);
      g_assert_true (mapscope_json_stream_next (stream, &token));
      g_assert_cmpint (token, ==, MAPSCOPE_JSON_END);
    }
}

/* Split anywhere ----------------------------------------------------------- */

/* Every kind of token, escapes and multi-byte characters, over several
 * lines. */
static const char mixed_document[] =
  "{\n"
  "  \"name\": \"caf\xc3\xa9 \\u00e9\\ud83d\\ude00 \\\"q\\\" \\\\ \xf0\x9f\x98\x80\",\n"
  "  \"numbers\": [0, -17, 9223372036854775807, -9223372036854775808,\n"
  "              18446744073709551616, 1.25e-3, -0.5],\n"
  "  \"flags\": [true, false, null],\n"
  "  \"nested\": {\"a\": [[], {}], \"\": \"\\t\"}\n"
  "}\n";

static void
assert_same_at_every_split (const char *text,
                            gsize       length)
{
  g_autoptr(MapscopeJsonStream) whole = tokenizer_for (text);
  g_autofree char *expected = read_trace (whole);

  for (gsize split = 0; split <= length; split++)
    {
      g_autoptr(MapscopeJsonStream) stream = tokenizer_split_at (text, length, split);
      g_autofree char *trace = read_trace (stream);

      if (g_strcmp0 (trace, expected) != 0)
        g_test_message ("split at byte %" G_GSIZE_FORMAT, split);
      g_assert_cmpstr (trace, ==, expected);
    }
  {
    g_autoptr(MapscopeJsonStream) stream = tokenizer_byte_by_byte (text, length);
    g_autofree char *trace = read_trace (stream);

    g_assert_cmpstr (trace, ==, expected);
  }
}

static void
test_split_everywhere (void)
{
  g_autofree char *trace = trace_of (mixed_document);

  /* the unsplit reading is right, so equal readings are right too */
  g_assert_cmpstr (trace, ==,
                   "{ \"name\" : \"caf\xc3\xa9 \xc3\xa9\xf0\x9f\x98\x80 \\\"q\\\" \\\\ \xf0\x9f\x98\x80\" , "
                   "\"numbers\" : [ 0 , -17 , 9223372036854775807 , -9223372036854775808 , "
                   "d:1.8446744073709552e+19 , d:0.00125 , d:-0.5 ] , "
                   "\"flags\" : [ true , false , null ] , "
                   "\"nested\" : { \"a\" : [ [ ] , { } ] , \"\" : \"\\t\" } } END");
  assert_same_at_every_split (mixed_document, strlen (mixed_document));
}

/* Errors name the same place however the input was split. */
static void
test_split_everywhere_errors (void)
{
  static const char *const texts[] = {
    "[\n  \"abc\",\n  \"d\\qe\"\n]",
    "[\n  1,\n  \"\xc3\x28\"\n]",
    "[\n  1,\n  \"\\ud83d\\u0041\"\n]",
    "[\n  1,\n  12.e5\n]",
    "[\n  1,\n  nul ]",
    "[\n  1,\n  \"unterminated",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *trace = trace_of (texts[i]);

      note_input (texts[i], NULL);
      g_assert_nonnull (strstr (trace, "ERROR(line 3, column "));
      assert_same_at_every_split (texts[i], strlen (texts[i]));
    }
}

/* Bad input ---------------------------------------------------------------- */

static void
assert_syntax_error (MapscopeJsonStream *stream,
                     const char         *place,
                     const char         *what)
{
  const GError *error = mapscope_json_stream_get_error (stream);
  g_autofree char *expected = g_strdup_printf ("%s: %s", place, what);

  g_assert_error ((GError *)error, MAPSCOPE_JSON_STREAM_ERROR, MAPSCOPE_JSON_STREAM_ERROR_SYNTAX);
  g_assert_cmpstr (error->message, ==, expected);
}

/* Each text is read token by token; the error comes with the last. */
static const struct
{
  const char *text;
  const char *place;
  const char *what;
} token_errors[] = {
  /* strings */
  { "\n\n  \"abc", "line 3, column 7", "the input ends inside a string" },
  { "\"abc\\", "line 1, column 6", "the input ends inside a string" },
  { "[\n\"a\\x\"]", "line 2, column 5", "an unknown escape in a string" },
  { "\"\\u12G4\"", "line 1, column 6", "\\u is not followed by four hex digits" },
  { "\"\\u12", "line 1, column 6", "\\u is not followed by four hex digits" },
  { "\"\\udc00\"", "line 1, column 8", "a low surrogate without a high one" },
  { "\"\\ud800\"", "line 1, column 8", "a high surrogate without a low one" },
  { "\"\\ud800\\n\"", "line 1, column 9", "a high surrogate without a low one" },
  { "\"\\ud800\\u0041\"", "line 1, column 14", "a high surrogate without a low one" },
  { "\"\\u0000\"", "line 1, column 8", "a string holds a NUL character (\\u0000)" },
  { "\"two\nlines\"", "line 1, column 6", "a control character inside a string" },
  { "\"tab\there\"", "line 1, column 6", "a control character inside a string" },
  /* invalid UTF-8: a stray continuation byte, a cut sequence, an overlong
   * encoding, an encoded surrogate, a byte never used */
  { "\n\"\x80\"", "line 2, column 4", "a string is not valid UTF-8" },
  { "\"ab\xc3\"", "line 1, column 6", "a string is not valid UTF-8" },
  { "\"\xc0\x80\"", "line 1, column 5", "a string is not valid UTF-8" },
  { "\"\xed\xa0\x80\"", "line 1, column 6", "a string is not valid UTF-8" },
  { "\"\xff\"", "line 1, column 4", "a string is not valid UTF-8" },
  /* numbers */
  { "01", "line 1, column 3", "not a valid number" },
  { "1.", "line 1, column 3", "not a valid number" },
  { "-", "line 1, column 2", "not a valid number" },
  { "1e", "line 1, column 3", "not a valid number" },
  { "1e+", "line 1, column 4", "not a valid number" },
  { ".5", "line 1, column 1", "an unexpected character" },
  { "+1", "line 1, column 1", "an unexpected character" },
  { "1-2", "line 1, column 4", "not a valid number" },
  /* words */
  { "tru", "line 1, column 4", "an unknown word" },
  { "nul", "line 1, column 4", "an unknown word" },
  { "fals e", "line 1, column 5", "an unknown word" },
  { "True", "line 1, column 1", "an unexpected character" },
  { "[\n  NaN]", "line 2, column 3", "an unexpected character" },
  { "'a'", "line 1, column 1", "an unexpected character" },
  { "// comment\n1", "line 1, column 1", "an unexpected character" },
};

static void
test_token_errors (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (token_errors); i++)
    {
      g_autoptr(MapscopeJsonStream) stream = tokenizer_for (token_errors[i].text);
      MapscopeJsonToken token = MAPSCOPE_JSON_END;

      note_input (token_errors[i].text, NULL);
      while (mapscope_json_stream_next (stream, &token))
        g_assert_cmpint (token, !=, MAPSCOPE_JSON_END);
      assert_syntax_error (stream, token_errors[i].place, token_errors[i].what);
    }
}

/* The first error stays, and nothing is read after it. */
static void
test_error_is_final (void)
{
  g_autoptr(MapscopeJsonStream) stream = tokenizer_for ("[@, 1, 2]");
  MapscopeJsonToken token;
  const GError *error;

  g_assert_true (mapscope_json_stream_next (stream, &token));
  g_assert_false (mapscope_json_stream_next (stream, &token));
  error = mapscope_json_stream_get_error (stream);
  g_assert_false (mapscope_json_stream_next (stream, &token));
  g_assert_false (mapscope_json_stream_syntax_error (stream, "a second error"));
  g_assert_true (mapscope_json_stream_get_error (stream) == error);
  assert_syntax_error (stream, "line 1, column 2", "an unexpected character");
}

static void
test_read_error (void)
{
  static const char text[] = "[\"abc\", 12, true]";
  g_autoptr(GInputStream) input = piece_stream_new (text, strlen (text));
  g_autoptr(MapscopeJsonStream) stream = NULL;
  g_autofree char *trace = NULL;
  const GError *error;

  /* in the middle of the second string's number */
  PIECE_STREAM (input)->fail_at = 9;
  stream = mapscope_json_stream_new (input, NULL);
  trace = read_trace (stream);
  g_assert_cmpstr (trace, ==, "[ \"abc\" , ERROR(the test broke the stream)");
  error = mapscope_json_stream_get_error (stream);
  /* not turned into a syntax error */
  g_assert_error ((GError *)error, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE);
}

static void
test_cancelled (void)
{
  g_autoptr(GInputStream) input = piece_stream_new ("[1]", 3);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(MapscopeJsonStream) stream = mapscope_json_stream_new (input, cancellable);
  MapscopeJsonToken token;

  g_cancellable_cancel (cancellable);
  g_assert_false (mapscope_json_stream_next (stream, &token));
  g_assert_error ((GError *)mapscope_json_stream_get_error (stream),
                  G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* Whole values ------------------------------------------------------------- */

static JsonNode *
read_node_of (const char         *text,
              MapscopeJsonStream **out_stream)
{
  g_autoptr(MapscopeJsonStream) stream = tokenizer_for (text);
  MapscopeJsonToken token;
  JsonNode *node = NULL;

  if (mapscope_json_stream_next (stream, &token))
    node = mapscope_json_stream_read_node (stream, token);
  *out_stream = g_steal_pointer (&stream);
  return node;
}

static void
test_read_node_matches_json_glib (void)
{
  static const char *const texts[] = {
    "null",
    "\"text \\u00e9\"",
    "-42",
    "2.5",
    "[]",
    "{}",
    "[1, [2, [3, []]], {\"a\": {\"b\": null}}]",
    "{\"path\": \"/usr/lib/libc.so.6\", \"start\": \"0x7f0000000000\", \"rss\": 1024,"
    " \"flags\": [true, false], \"ratio\": 0.75, \"big\": 9223372036854775807}",
    /* mixed_document without the integer beyond gint64, which json-glib
     * wraps around and the tokenizer reads as a double */
    "{\n  \"name\": \"caf\xc3\xa9 \\u00e9\\ud83d\\ude00 \\\"q\\\" \\\\\",\n"
    "  \"numbers\": [0, -17, 9223372036854775807, -9223372036854775808, 1.25e-3, -0.5],\n"
    "  \"nested\": {\"a\": [[], {}], \"\": \"\\t\", \"flags\": [true, false, null]}\n}\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(MapscopeJsonStream) stream = NULL;
      g_autoptr(JsonNode) node = read_node_of (texts[i], &stream);
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) expected = json_from_string (texts[i], &error);
      MapscopeJsonToken token;

      note_input (texts[i], NULL);
      g_assert_no_error (error);
      g_assert_nonnull (node);
      g_assert_true (json_node_equal (node, expected));
      g_assert_true (mapscope_json_stream_next (stream, &token));
      g_assert_cmpint (token, ==, MAPSCOPE_JSON_END);
    }
}

static void
test_read_node_beyond_int64 (void)
{
  g_autoptr(MapscopeJsonStream) stream = NULL;
  g_autoptr(JsonNode) node = read_node_of ("[18446744073709551616, -9223372036854775809]",
                                           &stream);
  JsonArray *array = json_node_get_array (node);

  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  g_assert_cmpint (json_node_get_value_type (json_array_get_element (array, 0)), ==, G_TYPE_DOUBLE);
  g_assert_cmpfloat (json_array_get_double_element (array, 0), ==, 18446744073709551616.0);
  g_assert_cmpint (json_node_get_value_type (json_array_get_element (array, 1)), ==, G_TYPE_DOUBLE);
  g_assert_cmpfloat (json_array_get_double_element (array, 1), ==, -9223372036854775809.0);
}

/* Skipping a value leaves the tokenizer on what follows it. */
static void
test_skip_value (void)
{
  g_autoptr(MapscopeJsonStream) stream =
    tokenizer_for ("[{\"a\": [1, {\"b\": \"]}\"}], \"c\": null}, \"after\", 7]");
  MapscopeJsonToken token;

  g_assert_true (mapscope_json_stream_next (stream, &token));
  g_assert_cmpint (token, ==, MAPSCOPE_JSON_BEGIN_ARRAY);
  g_assert_true (mapscope_json_stream_next (stream, &token));
  g_assert_true (mapscope_json_stream_skip_value (stream, token));
  g_assert_true (mapscope_json_stream_next (stream, &token));
  g_assert_cmpint (token, ==, MAPSCOPE_JSON_COMMA);
  g_assert_true (mapscope_json_stream_next (stream, &token));
  g_assert_true (mapscope_json_stream_skip_value (stream, token));
  g_assert_true (mapscope_json_stream_next (stream, &token));
  g_assert_cmpint (token, ==, MAPSCOPE_JSON_COMMA);
  g_assert_true (mapscope_json_stream_next (stream, &token));
  g_assert_cmpint (token, ==, MAPSCOPE_JSON_INT);
  g_assert_cmpint (mapscope_json_stream_get_int (stream), ==, 7);
}

/* Each text is one malformed value, read as a node and skipped. These errors
 * are found once the token that breaks the rule has been read, so the column
 * is the one just after that token. */
static const struct
{
  const char *text;
  const char *place;
  const char *what;
} value_errors[] = {
  { "[\n  1,\n  ,2]", "line 3, column 4", "expected a value" },
  { "[1,]", "line 1, column 5", "expected a value" },
  { "[,1]", "line 1, column 3", "expected a value" },
  { "{\"a\": 1,\n}", "line 2, column 2", "expected a member name" },
  { "{\"a\": 1 \"b\": 2}", "line 1, column 12", "expected ',' or '}'" },
  { "[1 2]", "line 1, column 5", "expected ',' or ']'" },
  { "{\"a\" 1}", "line 1, column 7", "expected ':'" },
  { "{\"a\":}", "line 1, column 7", "expected a value" },
  { "{1: 2}", "line 1, column 3", "expected a member name" },
  { "{\n\"a\": 1", "line 2, column 7", "expected ',' or '}'" },
  { "{\n\"a\": {\"b\": [1, 2]\n", "line 3, column 1", "expected ',' or '}'" },
  { "[\n\n[1, 2", "line 3, column 6", "expected ',' or ']'" },
  { "[", "line 1, column 2", "expected a value" },
  { "{", "line 1, column 2", "expected a member name" },
  { "]", "line 1, column 2", "expected a value" },
  { "[1}", "line 1, column 4", "expected ',' or ']'" },
};

static void
test_value_errors (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (value_errors); i++)
    {
      for (guint skip = 0; skip <= 1; skip++)
        {
          g_autoptr(MapscopeJsonStream) stream = tokenizer_for (value_errors[i].text);
          MapscopeJsonToken token;

          note_input (value_errors[i].text, skip ? "(skipped)" : "(as a node)");
          g_assert_true (mapscope_json_stream_next (stream, &token));
          if (skip)
            g_assert_false (mapscope_json_stream_skip_value (stream, token));
          else
            g_assert_null (mapscope_json_stream_read_node (stream, token));
          assert_syntax_error (stream, value_errors[i].place, value_errors[i].what);
        }
    }
}

static char *
nested_arrays (guint depth)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < depth; i++)
    g_string_append_c (text, '[');
  for (guint i = 0; i < depth; i++)
    g_string_append_c (text, ']');
  return g_string_free (text, FALSE);
}

/* Nesting is bounded, so no input makes the reader recurse without end. */
static void
test_nesting_limit (void)
{
  g_autofree char *deepest = nested_arrays (64);
  g_autofree char *too_deep = nested_arrays (65);

  for (guint skip = 0; skip <= 1; skip++)
    {
      g_autoptr(MapscopeJsonStream) ok = tokenizer_for (deepest);
      g_autoptr(MapscopeJsonStream) bad = tokenizer_for (too_deep);
      MapscopeJsonToken token;

      g_assert_true (mapscope_json_stream_next (ok, &token));
      if (skip)
        {
          g_assert_true (mapscope_json_stream_skip_value (ok, token));
        }
      else
        {
          g_autoptr(JsonNode) node = mapscope_json_stream_read_node (ok, token);

          g_assert_nonnull (node);
        }
      g_assert_true (mapscope_json_stream_next (ok, &token));
      g_assert_cmpint (token, ==, MAPSCOPE_JSON_END);

      g_assert_true (mapscope_json_stream_next (bad, &token));
      if (skip)
        g_assert_false (mapscope_json_stream_skip_value (bad, token));
      else
        g_assert_null (mapscope_json_stream_read_node (bad, token));
      /* just after the 65th '[' */
      assert_syntax_error (bad, "line 1, column 66", "nested too deeply");
    }
}

/* The helpers a reader of a known layout uses ------------------------------- */

static void
test_expect (void)
{
  g_autoptr(MapscopeJsonStream) stream = tokenizer_for ("{ : ,");

  g_assert_true (mapscope_json_stream_expect (stream, MAPSCOPE_JSON_BEGIN_OBJECT, "'{'"));
  g_assert_true (mapscope_json_stream_expect (stream, MAPSCOPE_JSON_COLON, "':'"));
  g_assert_false (mapscope_json_stream_expect (stream, MAPSCOPE_JSON_END_OBJECT, "the end"));
  assert_syntax_error (stream, "line 1, column 6", "expected the end");
}

static void
test_after_item (void)
{
  g_autoptr(MapscopeJsonStream) stream = tokenizer_for (", ] , } ]");
  gboolean more = FALSE;

  g_assert_true (mapscope_json_stream_after_item (stream, MAPSCOPE_JSON_END_ARRAY, &more));
  g_assert_true (more);
  g_assert_true (mapscope_json_stream_after_item (stream, MAPSCOPE_JSON_END_ARRAY, &more));
  g_assert_false (more);
  g_assert_true (mapscope_json_stream_after_item (stream, MAPSCOPE_JSON_END_OBJECT, &more));
  g_assert_true (more);
  g_assert_true (mapscope_json_stream_after_item (stream, MAPSCOPE_JSON_END_OBJECT, &more));
  g_assert_false (more);
  g_assert_false (mapscope_json_stream_after_item (stream, MAPSCOPE_JSON_END_OBJECT, &more));
  assert_syntax_error (stream, "line 1, column 10", "expected ',' or '}'");
}

static void
test_is_value (void)
{
  static const MapscopeJsonToken values[] = {
    MAPSCOPE_JSON_BEGIN_OBJECT, MAPSCOPE_JSON_BEGIN_ARRAY, MAPSCOPE_JSON_STRING,
    MAPSCOPE_JSON_INT, MAPSCOPE_JSON_DOUBLE, MAPSCOPE_JSON_TRUE, MAPSCOPE_JSON_FALSE,
    MAPSCOPE_JSON_NULL,
  };
  static const MapscopeJsonToken others[] = {
    MAPSCOPE_JSON_END, MAPSCOPE_JSON_END_OBJECT, MAPSCOPE_JSON_END_ARRAY,
    MAPSCOPE_JSON_COLON, MAPSCOPE_JSON_COMMA,
  };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    g_assert_true (mapscope_json_stream_is_value (values[i]));
  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    g_assert_false (mapscope_json_stream_is_value (others[i]));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/json-stream/tokens", test_token_sequences);
  g_test_add_func ("/core/json-stream/end-repeats", test_end_repeats);
  g_test_add_func ("/core/json-stream/strings", test_strings);
  g_test_add_func ("/core/json-stream/long-string", test_long_string);
  g_test_add_func ("/core/json-stream/integers", test_integers);
  g_test_add_func ("/core/json-stream/doubles", test_doubles);
  g_test_add_func ("/core/json-stream/split-everywhere", test_split_everywhere);
  g_test_add_func ("/core/json-stream/split-everywhere-errors", test_split_everywhere_errors);
  g_test_add_func ("/core/json-stream/token-errors", test_token_errors);
  g_test_add_func ("/core/json-stream/error-is-final", test_error_is_final);
  g_test_add_func ("/core/json-stream/read-error", test_read_error);
  g_test_add_func ("/core/json-stream/cancelled", test_cancelled);
  g_test_add_func ("/core/json-stream/read-node", test_read_node_matches_json_glib);
  g_test_add_func ("/core/json-stream/read-node-beyond-int64", test_read_node_beyond_int64);
  g_test_add_func ("/core/json-stream/skip-value", test_skip_value);
  g_test_add_func ("/core/json-stream/value-errors", test_value_errors);
  g_test_add_func ("/core/json-stream/nesting-limit", test_nesting_limit);
  g_test_add_func ("/core/json-stream/expect", test_expect);
  g_test_add_func ("/core/json-stream/after-item", test_after_item);
  g_test_add_func ("/core/json-stream/is-value", test_is_value);

  return g_test_run ();
}
