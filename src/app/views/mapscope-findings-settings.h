/* mapscope-findings-settings.h: the findings' thresholds, from GSettings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mapscope-findings.h"

G_BEGIN_DECLS

GSettings *_mapscope_findings_settings_new  (void);
void       _mapscope_findings_settings_load (GSettings                *settings,
                                             MapscopeFindingsSettings *thresholds);

G_END_DECLS
