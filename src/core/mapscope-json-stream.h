/* mapscope-json-stream.h: a strict JSON tokenizer that reads a stream in
 * chunks, for documents too large to hold as a tree
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define MAPSCOPE_JSON_STREAM_ERROR (mapscope_json_stream_error_quark ())

/* The one code: the text is not JSON. Read and I/O errors keep their own. */
#define MAPSCOPE_JSON_STREAM_ERROR_SYNTAX 0

GQuark mapscope_json_stream_error_quark (void);

typedef enum
{
  MAPSCOPE_JSON_END,           /* of the input */
  MAPSCOPE_JSON_BEGIN_OBJECT,
  MAPSCOPE_JSON_END_OBJECT,
  MAPSCOPE_JSON_BEGIN_ARRAY,
  MAPSCOPE_JSON_END_ARRAY,
  MAPSCOPE_JSON_COLON,
  MAPSCOPE_JSON_COMMA,
  MAPSCOPE_JSON_STRING,        /* in ->string */
  MAPSCOPE_JSON_INT,           /* in ->integer */
  MAPSCOPE_JSON_DOUBLE,        /* in ->number: has a fraction or exponent, or is beyond gint64 */
  MAPSCOPE_JSON_TRUE,
  MAPSCOPE_JSON_FALSE,
  MAPSCOPE_JSON_NULL,
} MapscopeJsonToken;

typedef struct _MapscopeJsonStream MapscopeJsonStream;

MapscopeJsonStream *mapscope_json_stream_new         (GInputStream        *input,
                                                      GCancellable        *cancellable);
void                mapscope_json_stream_free        (MapscopeJsonStream  *self);

gboolean            mapscope_json_stream_next        (MapscopeJsonStream  *self,
                                                      MapscopeJsonToken   *token);
const char         *mapscope_json_stream_get_string  (MapscopeJsonStream  *self,
                                                      gsize               *length);
gint64              mapscope_json_stream_get_int     (MapscopeJsonStream  *self);
double              mapscope_json_stream_get_double  (MapscopeJsonStream  *self);

gboolean            mapscope_json_stream_syntax_error (MapscopeJsonStream *self,
                                                       const char         *what);
gboolean            mapscope_json_stream_expect      (MapscopeJsonStream  *self,
                                                      MapscopeJsonToken    wanted,
                                                      const char          *what);
gboolean            mapscope_json_stream_after_item  (MapscopeJsonStream  *self,
                                                      MapscopeJsonToken    closing,
                                                      gboolean            *more);
gboolean            mapscope_json_stream_is_value    (MapscopeJsonToken    token);
gboolean            mapscope_json_stream_skip_value  (MapscopeJsonStream  *self,
                                                      MapscopeJsonToken    first);
JsonNode           *mapscope_json_stream_read_node   (MapscopeJsonStream  *self,
                                                      MapscopeJsonToken    first);
const GError       *mapscope_json_stream_get_error   (MapscopeJsonStream  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MapscopeJsonStream, mapscope_json_stream_free)

G_END_DECLS
