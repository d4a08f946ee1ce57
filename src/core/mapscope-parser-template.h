/* mapscope-parser-template.h: a region's field block as the kernel writes it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mapscope-region.h"

G_BEGIN_DECLS

#define MAPSCOPE_TEMPLATE_MAX_STEPS 64

typedef enum
{
  MAPSCOPE_TEMPLATE_KB,     /* "Rss:" padded to 16 columns, 8 columns of value, " kB\n" */
  MAPSCOPE_TEMPLATE_PLAIN,  /* "THPeligible:" padded to 16 columns, 8 columns of value, "\n" */
} MapscopeTemplateLayout;

typedef struct
{
  guint64 head[2];           /* the key, its colon and the padding */
  guint64 seen_keys;         /* the parser's keys matched once this step matched */
  guint32 present;           /* the region's known fields, likewise */
  guint8  key;               /* the parser's key */
  guint8  field;             /* the known field, for MAPSCOPE_TEMPLATE_KB */
  guint8  layout;            /* MapscopeTemplateLayout */
} MapscopeTemplateStep;

typedef struct
{
  MapscopeTemplateStep steps[MAPSCOPE_TEMPLATE_MAX_STEPS];
  guint                n_steps;
} MapscopeTemplate;

void        _mapscope_template_clear  (MapscopeTemplate       *self);
gboolean    _mapscope_template_append (MapscopeTemplate       *self,
                                       const char             *key,
                                       gsize                   key_len,
                                       guint                   key_index,
                                       MapscopeTemplateLayout  layout,
                                       guint                   field);
const char *_mapscope_template_match  (const MapscopeTemplate *self,
                                       MapscopeRegion         *region,
                                       const char             *p,
                                       const char             *end,
                                       guint                  *n_matched);

G_END_DECLS
