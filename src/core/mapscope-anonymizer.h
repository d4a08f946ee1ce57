/* mapscope-anonymizer.h: takes user names, home directories and the host
 * name out of paths and commands before anything leaves the machine
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mapscope-snapshot.h"

G_BEGIN_DECLS

typedef struct _MapscopeAnonymizer MapscopeAnonymizer;

MapscopeAnonymizer *mapscope_anonymizer_new           (const char         *user_name,
                                                       const char         *host_name);
void                mapscope_anonymizer_free          (MapscopeAnonymizer *self);
char               *mapscope_anonymizer_apply         (MapscopeAnonymizer *self,
                                                       const char         *text);
MapscopeSnapshot   *mapscope_anonymizer_copy_snapshot (MapscopeAnonymizer *self,
                                                       MapscopeSnapshot   *snapshot);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MapscopeAnonymizer, mapscope_anonymizer_free)

G_END_DECLS
