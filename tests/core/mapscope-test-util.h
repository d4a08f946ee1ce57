/* mapscope-test-util.h: helpers shared by the core tests
 *
 * Everything here reads the fixtures on its own, with simple code that does
 * not use the core, so that the tests can compare what the core says with
 * what the text says.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mapscope-core.h"

G_BEGIN_DECLS

/* Fixtures */

char             *mapscope_test_real_path          (const char *name);
char             *mapscope_test_crafted_path       (const char *name);
char             *mapscope_test_read_file          (const char *path,
                                                    gsize      *length);
char             *mapscope_test_read_real          (const char *name,
                                                    gsize      *length);
GStrv             mapscope_test_list_captures      (void);
MapscopeFormat    mapscope_test_format_for_name    (const char *file_name);

/* Loading through the core */

MapscopeDocument *mapscope_test_load_path          (const char *path);
MapscopeDocument *mapscope_test_load_real          (const char *name);
MapscopeDocument *mapscope_test_load_data          (const char *data,
                                                    gsize       length);
MapscopeDocument *mapscope_test_load_text          (const char *text);
void              mapscope_test_assert_load_error  (const char *data,
                                                    gsize       length,
                                                    gint        code);
MapscopeSnapshot *mapscope_test_only_snapshot      (MapscopeDocument *document);
gboolean          mapscope_test_has_warning_at     (MapscopeDocument *document,
                                                    guint64           line);
void              mapscope_test_assert_no_warnings (MapscopeDocument *document);
const MapscopeRegion *mapscope_test_region_at      (MapscopeSnapshot *snapshot,
                                                    guint64           start);
guint64           mapscope_test_get_value          (MapscopeSnapshot     *snapshot,
                                                    const MapscopeRegion *region,
                                                    guint                 field_id);
gint              mapscope_test_field_id           (MapscopeSnapshot *snapshot,
                                                    const char       *name);
guint64           mapscope_test_sum_values         (MapscopeSnapshot *snapshot,
                                                    guint             field_id);
void              mapscope_test_assert_timestamp   (MapscopeSnapshot *snapshot,
                                                    GDateTime        *expected);

/* Independent reading of the text */

GStrv             mapscope_test_split_lines        (const char *text);
gboolean          mapscope_test_parse_range        (const char *line,
                                                    guint64    *start,
                                                    guint64    *end);
gboolean          mapscope_test_parse_field_line   (const char  *line,
                                                    char       **name,
                                                    guint64     *value);
guint             mapscope_test_count_ranges       (const char *text);
GHashTable       *mapscope_test_sum_smaps_fields   (const char *text);
guint64           mapscope_test_lookup_sum         (GHashTable *sums,
                                                    const char *name);
GPtrArray        *mapscope_test_split_smaps_regions (const char *text);
GDateTime        *mapscope_test_parse_date_output  (const char *line);

/* pmap output, read by its own header */

typedef struct
{
  gint       pid;
  char      *command;
  guint      n_rows;
  GPtrArray *names;   /* column names of the totals line (char *) */
  GArray    *values;  /* guint64, one per name */
} MapscopeTestPmap;

MapscopeTestPmap *mapscope_test_pmap_parse         (const char     *text,
                                                    MapscopeFormat  format);
void              mapscope_test_pmap_free          (MapscopeTestPmap *pmap);
gboolean          mapscope_test_pmap_get_total     (MapscopeTestPmap *pmap,
                                                    const char       *name,
                                                    guint64          *value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MapscopeTestPmap, mapscope_test_pmap_free)

/* Temporary files */

char             *mapscope_test_gzip               (const char *data,
                                                    gsize       length,
                                                    gsize      *out_length);
char             *mapscope_test_write_file         (const char *dir,
                                                    const char *name,
                                                    const char *data,
                                                    gsize       length);
void              mapscope_test_remove_dir         (const char *dir);

G_END_DECLS
