/* mapscope-error.h: the error domain of the parsers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MAPSCOPE_PARSE_ERROR (mapscope_parse_error_quark ())

typedef enum
{
  MAPSCOPE_PARSE_ERROR_FAILED,
  MAPSCOPE_PARSE_ERROR_UNKNOWN_FORMAT,  /* nothing in the input looks like a memory map */
  MAPSCOPE_PARSE_ERROR_EMPTY,           /* the input holds no data at all */
  MAPSCOPE_PARSE_ERROR_READ,            /* the input could not be read */
  MAPSCOPE_PARSE_ERROR_CANCELLED,
} MapscopeParseError;

GQuark mapscope_parse_error_quark (void);

G_END_DECLS
