/* mapscope-cli-output.h: buffered standard output for the CLI
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

GString  *mapscope_cli_output_new         (void);
void      mapscope_cli_output_maybe_flush (GString       *out);
void      mapscope_cli_output_flush       (GString       *out);
gboolean  mapscope_cli_output_finish      (GString       *out);
void      mapscope_cli_output_append_json (GString       *out,
                                           JsonGenerator *generator,
                                           JsonNode      *node);

G_END_DECLS
