/* mapscope-vmflags.h: the two-letter VmFlags codes of /proc/PID/smaps
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  const char *code;
  const char *meaning;
} MapscopeVmFlagInfo;

guint                     mapscope_vmflags_get_n_known  (void);
const MapscopeVmFlagInfo *mapscope_vmflags_get_info     (guint         index);
gint                      mapscope_vmflags_lookup       (const char   *code);
const char               *mapscope_vmflags_describe     (const char   *code);
guint64                   mapscope_vmflags_parse        (const char   *text,
                                                         gsize         len,
                                                         gboolean     *has_unknown);
gboolean                  mapscope_vmflags_test         (guint64       mask,
                                                         const char   *code);
char                    **mapscope_vmflags_split        (const char   *text);

G_END_DECLS
