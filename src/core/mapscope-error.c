/* mapscope-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mapscope-error.h"

G_DEFINE_QUARK (mapscope-parse-error-quark, mapscope_parse_error)
