/* mapscope-application.h: the Mapscope application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define MAPSCOPE_TYPE_APPLICATION (mapscope_application_get_type ())

G_DECLARE_FINAL_TYPE (MapscopeApplication, mapscope_application, MAPSCOPE, APPLICATION, AdwApplication)

/* The hint g_application_open() passes for `--demo`. */
#define MAPSCOPE_OPEN_HINT_DEMO "demo"

MapscopeApplication *mapscope_application_new            (const char          *application_id,
                                                          GApplicationFlags    flags);
GPtrArray           *mapscope_application_dup_demo_files (GError             **error);

G_END_DECLS
