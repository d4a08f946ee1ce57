/* mapscope-parser-private.h: the streaming, line-driven parser
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mapscope-document.h"
#include "mapscope-snapshot-private.h"

G_BEGIN_DECLS

typedef struct _MapscopeParser MapscopeParser;

/* What a pmap -x/-X/-XX column holds, read from its header name. */
typedef enum
{
  PMAP_COLUMN_ADDRESS,
  PMAP_COLUMN_PERM,        /* "Perm": r-xp */
  PMAP_COLUMN_MODE,        /* "Mode": r-x-- */
  PMAP_COLUMN_OFFSET,
  PMAP_COLUMN_DEVICE,
  PMAP_COLUMN_INODE,
  PMAP_COLUMN_FIELD,       /* a numeric field, known or extra */
  PMAP_COLUMN_THP,
  PMAP_COLUMN_PKEY,
  PMAP_COLUMN_VMFLAGS,
  PMAP_COLUMN_MAPPING,
} PmapColumnKind;

typedef struct
{
  PmapColumnKind  kind;
  gint            field;      /* known field id, or -1 for an extra field */
  char           *name;
  gsize           end_column; /* where the header name ends: pmap right-aligns */
} PmapColumn;

MapscopeParser   *_mapscope_parser_new             (const char      *source);
void              _mapscope_parser_free            (MapscopeParser  *self);
gboolean          _mapscope_parser_feed            (MapscopeParser  *self,
                                                    const char      *data,
                                                    gsize            len,
                                                    GError         **error);
gboolean          _mapscope_parser_finish          (MapscopeParser  *self,
                                                    GError         **error);
MapscopeFormat    _mapscope_parser_get_format      (MapscopeParser  *self);
GPtrArray        *_mapscope_parser_steal_snapshots (MapscopeParser  *self);
GArray           *_mapscope_parser_steal_warnings  (MapscopeParser  *self);
guint64           _mapscope_parser_get_n_lines     (MapscopeParser  *self);
void              _mapscope_parser_set_fast_paths  (MapscopeParser  *self,
                                                    gboolean         enabled);

/* Used by the pmap part of the parser (mapscope-pmap.c). */
void              _mapscope_parser_warn            (MapscopeParser  *self,
                                                    const char      *format,
                                                    ...) G_GNUC_PRINTF (2, 3);
MapscopeRegion   *_mapscope_parser_begin_region    (MapscopeParser  *self,
                                                    guint64          start,
                                                    MapscopeFormat   format);
MapscopeSnapshot *_mapscope_parser_get_current     (MapscopeParser  *self);
void              _mapscope_parser_close_snapshot  (MapscopeParser  *self);
void              _mapscope_parser_set_path        (MapscopeParser  *self,
                                                    MapscopeRegion  *region,
                                                    const char      *text,
                                                    gsize            len);
void              _mapscope_parser_pmap_started    (MapscopeParser  *self,
                                                    gint             pid,
                                                    const char      *command);
void              _mapscope_parser_set_pmap_format (MapscopeParser  *self,
                                                    MapscopeFormat   format);
GArray           *_mapscope_parser_get_pmap_columns (MapscopeParser *self);
MapscopeFormat    _mapscope_parser_get_format_hint (MapscopeParser *self);

const char       *_mapscope_parse_hex              (const char      *p,
                                                    const char      *end,
                                                    guint64         *value);
const char       *_mapscope_parse_decimal          (const char      *p,
                                                    const char      *end,
                                                    guint64         *value);
guint8            _mapscope_parse_perms            (const char      *p,
                                                    gsize            len);

/* mapscope-pmap.c */
gboolean          _mapscope_pmap_parse_header      (MapscopeParser  *self,
                                                    const char      *line,
                                                    gsize            len);
gboolean          _mapscope_pmap_parse_columns     (MapscopeParser  *self,
                                                    const char      *line,
                                                    gsize            len);
gboolean          _mapscope_pmap_parse_row         (MapscopeParser  *self,
                                                    const char      *line,
                                                    gsize            len);
gboolean          _mapscope_pmap_parse_totals      (MapscopeParser  *self,
                                                    const char      *line,
                                                    gsize            len);

G_END_DECLS
