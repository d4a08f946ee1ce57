/* test-oracle.c: Mapscope's totals must be the ones pmap printed
 *
 * For every capture NAME in tests/data/real, each pmap file parsed by the
 * core must give the totals line pmap printed under its rows, and as many
 * regions as it has rows; NAME.smaps must agree with NAME.pmap-XX, NAME.maps
 * with NAME.smaps, and NAME.smaps_rollup with its own text. The expected
 * numbers are read from the files here, without the core.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "mapscope-test-util.h"

static const char * const pmap_suffixes[] = { "pmap", "pmap-x", "pmap-X", "pmap-XX" };

/* Fields whose smaps total may differ from pmap's, as explained in
 * tests/data/real/README.md: pages change hands between two reads. */
static const char * const unstable_fields[] = {
  "Pss", "Pss_Dirty", "Shared_Clean", "Private_Clean", NULL,
};

static gboolean
is_unstable (const char *name)
{
  return g_strv_contains ((const char * const *) unstable_fields, name);
}

/* The core's field for a pmap column name, or -1. */
static gint
column_field (const char *name)
{
  if (strcmp (name, "Kbytes") == 0)
    return MAPSCOPE_FIELD_SIZE;
  if (strcmp (name, "RSS") == 0)
    return MAPSCOPE_FIELD_RSS;

  return mapscope_field_lookup (name, strlen (name));
}

/* Sum of a per-region value that is not one of the numeric fields. */
static guint64
sum_small_field (MapscopeSnapshot *snapshot,
                 const char       *name)
{
  guint n = 0;
  const MapscopeRegion *regions = mapscope_snapshot_get_regions (snapshot, &n);
  gboolean thp = strcmp (name, "THPeligible") == 0;
  guint64 sum = 0;

  for (guint i = 0; i < n; i++)
    {
      gint value = thp ? regions[i].thp_eligible : regions[i].protection_key;

      g_assert_cmpint (value, >=, 0);
      sum += value;
    }

  return sum;
}

/* What the core says is the total of column NAME: the summary's total for a
 * field that adds up, the sum of the regions' values for page sizes (pmap
 * adds them up too, the core does not). */
static guint64
core_total (MapscopeSnapshot *snapshot,
            MapscopeSummary  *summary,
            const char       *name)
{
  const MapscopeTotals *totals = mapscope_summary_get_totals (summary);
  gint field = column_field (name);

  if (field < 0 && (strcmp (name, "THPeligible") == 0 || strcmp (name, "ProtectionKey") == 0))
    return sum_small_field (snapshot, name);

  if (field < 0)
    field = mapscope_test_field_id (snapshot, name);
  if (field < 0)
    g_test_message ("the core knows no field %s", name);
  g_assert_cmpint (field, >=, 0);

  if (field < MAPSCOPE_N_KNOWN_FIELDS && !mapscope_field_is_additive (field))
    {
      g_assert_true (mapscope_snapshot_has_field (snapshot, field));
      return mapscope_test_sum_values (snapshot, field);
    }

  if (!totals->present[field])
    g_test_message ("the summary has no total for %s", name);
  g_assert_true (totals->present[field]);

  return totals->values[field];
}

/* Compares without stopping, so that one run lists every wrong column. */
static guint
check_total (const char *what,
             const char *name,
             guint64     expected,
             guint64     got)
{
  if (expected == got)
    return 0;

  g_test_message ("%s: total of %s is %" G_GUINT64_FORMAT " in the file, "
                  "%" G_GUINT64_FORMAT " from Mapscope",
                  what, name, expected, got);
  return 1;
}

static MapscopeTestPmap *
read_pmap (const char *file)
{
  g_autofree char *text = mapscope_test_read_real (file, NULL);

  return mapscope_test_pmap_parse (text, mapscope_test_format_for_name (file));
}

static MapscopeDocument *
load_checked (const char     *file,
              MapscopeFormat  format)
{
  MapscopeDocument *document = mapscope_test_load_real (file);

  g_assert_cmpstr (mapscope_format_get_name (mapscope_document_get_format (document)), ==,
                   mapscope_format_get_name (format));
  g_assert_cmpuint (mapscope_document_get_n_snapshots (document), ==, 1);
  mapscope_test_assert_no_warnings (document);

  return document;
}

/* NAME.pmap*: the totals line and the row count */
static void
test_pmap (gconstpointer data)
{
  const char *file = data;
  g_autoptr(MapscopeTestPmap) pmap = read_pmap (file);
  g_autoptr(MapscopeDocument) document =
    load_checked (file, mapscope_test_format_for_name (file));
  MapscopeSnapshot *snapshot = mapscope_document_get_snapshot (document, 0);
  g_autoptr(MapscopeSummary) summary = mapscope_summary_new (snapshot);
  guint wrong = 0;

  g_assert_cmpuint (mapscope_snapshot_get_n_regions (snapshot), ==, pmap->n_rows);
  g_assert_cmpuint (mapscope_summary_get_totals (summary)->region_count, ==, pmap->n_rows);

  for (guint i = 0; i < pmap->names->len; i++)
    {
      const char *name = g_ptr_array_index (pmap->names, i);

      wrong += check_total (file, name, g_array_index (pmap->values, guint64, i),
                            core_total (snapshot, summary, name));
    }
  g_assert_cmpuint (wrong, ==, 0);
}

static guint64
pmap_total (MapscopeTestPmap *pmap,
            const char       *name)
{
  guint64 value = 0;

  g_assert_true (mapscope_test_pmap_get_total (pmap, name, &value));
  return value;
}

/* Pss may differ a little: within 5 %. */
static void
assert_pss_close (guint64 expected,
                  guint64 got)
{
  guint64 difference = expected > got ? expected - got : got - expected;

  g_test_message ("Pss: %" G_GUINT64_FORMAT " expected, %" G_GUINT64_FORMAT " from Mapscope",
                  expected, got);
  g_assert_cmpuint (difference * 20, <=, expected);
}

/* NAME.smaps against NAME.pmap-XX, and against its own text */
static void
test_smaps (gconstpointer data)
{
  const char *name = data;
  g_autofree char *file = g_strconcat (name, ".smaps", NULL);
  g_autofree char *xx_file = g_strconcat (name, ".pmap-XX", NULL);
  g_autofree char *text = mapscope_test_read_real (file, NULL);
  g_autoptr(GHashTable) sums = mapscope_test_sum_smaps_fields (text);
  g_autoptr(MapscopeTestPmap) pmap = read_pmap (xx_file);
  g_autoptr(MapscopeDocument) document = load_checked (file, MAPSCOPE_FORMAT_SMAPS);
  MapscopeSnapshot *snapshot = mapscope_document_get_snapshot (document, 0);
  g_autoptr(MapscopeSummary) summary = mapscope_summary_new (snapshot);
  const MapscopeTotals *totals = mapscope_summary_get_totals (summary);
  GHashTableIter iter;
  gpointer key, value;
  guint wrong = 0;

  g_assert_cmpuint (mapscope_snapshot_get_n_regions (snapshot), ==,
                    mapscope_test_count_ranges (text));
  g_assert_cmpuint (mapscope_snapshot_get_n_regions (snapshot), ==, pmap->n_rows);
  g_assert_cmpuint (totals->region_count, ==, pmap->n_rows);

  /* against pmap -XX, taken at the same instant */
  for (guint i = 0; i < pmap->names->len; i++)
    {
      const char *column = g_ptr_array_index (pmap->names, i);

      if (is_unstable (column))
        continue;
      wrong += check_total (xx_file, column, g_array_index (pmap->values, guint64, i),
                            core_total (snapshot, summary, column));
    }
  wrong += check_total (xx_file, "Shared_Clean + Private_Clean",
                        pmap_total (pmap, "Shared_Clean") + pmap_total (pmap, "Private_Clean"),
                        core_total (snapshot, summary, "Shared_Clean") +
                        core_total (snapshot, summary, "Private_Clean"));

  /* against the sums of its own text, every field exactly */
  g_hash_table_iter_init (&iter, sums);
  while (g_hash_table_iter_next (&iter, &key, &value))
    wrong += check_total (file, key, *(guint64 *) value, core_total (snapshot, summary, key));

  g_assert_cmpuint (wrong, ==, 0);
  assert_pss_close (pmap_total (pmap, "Pss"), core_total (snapshot, summary, "Pss"));

  /* a field the input lacks has no total, rather than a total of zero */
  for (guint f = 0; f < MAPSCOPE_N_KNOWN_FIELDS; f++)
    {
      const char *field_name = mapscope_field_get_name (f);

      if (f == MAPSCOPE_FIELD_DIRTY || g_hash_table_contains (sums, field_name))
        continue;
      if (totals->present[f])
        g_test_message ("%s has no %s, yet its summary has a total", file, field_name);
      g_assert_false (totals->present[f]);
    }
}

/* NAME.maps has the regions of NAME.smaps */
static void
test_maps (gconstpointer data)
{
  const char *name = data;
  g_autofree char *file = g_strconcat (name, ".maps", NULL);
  g_autofree char *smaps_file = g_strconcat (name, ".smaps", NULL);
  g_autofree char *text = mapscope_test_read_real (file, NULL);
  g_autoptr(MapscopeDocument) document = load_checked (file, MAPSCOPE_FORMAT_MAPS);
  g_autoptr(MapscopeDocument) smaps = load_checked (smaps_file, MAPSCOPE_FORMAT_SMAPS);
  MapscopeSnapshot *snapshot = mapscope_document_get_snapshot (document, 0);
  MapscopeSnapshot *smaps_snapshot = mapscope_document_get_snapshot (smaps, 0);
  g_autoptr(MapscopeSummary) summary = mapscope_summary_new (snapshot);
  guint n = 0, n_smaps = 0;
  const MapscopeRegion *regions = mapscope_snapshot_get_regions (snapshot, &n);
  const MapscopeRegion *smaps_regions = mapscope_snapshot_get_regions (smaps_snapshot, &n_smaps);

  g_assert_cmpuint (n, ==, mapscope_test_count_ranges (text));
  g_assert_cmpuint (n, ==, n_smaps);
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmphex (regions[i].start, ==, smaps_regions[i].start);
      g_assert_cmphex (regions[i].end, ==, smaps_regions[i].end);
      g_assert_cmphex (regions[i].offset, ==, smaps_regions[i].offset);
      g_assert_cmpuint (regions[i].inode, ==, smaps_regions[i].inode);
      g_assert_cmpuint (regions[i].device, ==, smaps_regions[i].device);
      g_assert_cmpuint (regions[i].perms, ==, smaps_regions[i].perms);
      g_assert_cmpstr (regions[i].path, ==, smaps_regions[i].path);
      g_assert_cmpuint (regions[i].category, ==, smaps_regions[i].category);
    }

  /* maps gives no sizes in memory */
  g_assert_false (mapscope_summary_get_totals (summary)->present[MAPSCOPE_FIELD_RSS]);
  g_assert_false (mapscope_summary_get_totals (summary)->present[MAPSCOPE_FIELD_PSS]);
}

/* NAME.smaps_rollup: its values, and NAME.smaps's totals */
static void
test_rollup (gconstpointer data)
{
  const char *name = data;
  g_autofree char *file = g_strconcat (name, ".smaps_rollup", NULL);
  g_autofree char *smaps_file = g_strconcat (name, ".smaps", NULL);
  g_autofree char *text = mapscope_test_read_real (file, NULL);
  g_autofree char *smaps_text = mapscope_test_read_real (smaps_file, NULL);
  g_autoptr(GHashTable) values = mapscope_test_sum_smaps_fields (text);
  g_autoptr(GHashTable) smaps_sums = mapscope_test_sum_smaps_fields (smaps_text);
  g_autoptr(MapscopeDocument) document = load_checked (file, MAPSCOPE_FORMAT_SMAPS_ROLLUP);
  g_autoptr(MapscopeDocument) smaps = load_checked (smaps_file, MAPSCOPE_FORMAT_SMAPS);
  MapscopeSnapshot *snapshot = mapscope_document_get_snapshot (document, 0);
  MapscopeSnapshot *smaps_snapshot = mapscope_document_get_snapshot (smaps, 0);
  g_autoptr(MapscopeSummary) smaps_summary = mapscope_summary_new (smaps_snapshot);
  const MapscopeRegion *rollup = mapscope_snapshot_get_rollup (snapshot);
  g_auto(GStrv) lines = mapscope_test_split_lines (text);
  guint64 start = 0, end = 0;
  GHashTableIter iter;
  gpointer key, value;
  guint wrong = 0;

  g_assert_nonnull (rollup);
  g_assert_true (mapscope_test_parse_range (lines[0], &start, &end));
  g_assert_cmphex (rollup->start, ==, start);
  g_assert_cmphex (rollup->end, ==, end);
  g_assert_cmpuint (g_hash_table_size (values), >=, 20);

  g_hash_table_iter_init (&iter, values);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gint field = mapscope_test_field_id (snapshot, key);
      guint64 got = 0;

      if (field < 0 || !mapscope_snapshot_get_value (snapshot, rollup, field, &got))
        {
          g_test_message ("%s: no value for %s", file, (const char *) key);
          wrong++;
          continue;
        }
      wrong += check_total (file, key, *(guint64 *) value, got);

      /* the same instant as NAME.smaps */
      if (!is_unstable (key) && g_hash_table_contains (smaps_sums, key))
        wrong += check_total (smaps_file, key, *(guint64 *) value,
                              core_total (smaps_snapshot, smaps_summary, key));
    }
  wrong += check_total (smaps_file, "Shared_Clean + Private_Clean",
                        mapscope_test_lookup_sum (values, "Shared_Clean") +
                        mapscope_test_lookup_sum (values, "Private_Clean"),
                        core_total (smaps_snapshot, smaps_summary, "Shared_Clean") +
                        core_total (smaps_snapshot, smaps_summary, "Private_Clean"));
  g_assert_cmpuint (wrong, ==, 0);
  assert_pss_close (mapscope_test_lookup_sum (values, "Pss"),
                    core_total (smaps_snapshot, smaps_summary, "Pss"));
}

static void
test_captures (gconstpointer data)
{
  const char * const *captures = data;

  /* the README promises these three */
  g_assert_true (g_strv_contains (captures, "sleep"));
  g_assert_true (g_strv_contains (captures, "python3"));
  g_assert_true (g_strv_contains (captures, "zoo"));
}

static void
add_test (GPtrArray     *owned,
          const char    *capture,
          const char    *kind,
          char          *data,
          GTestDataFunc  func)
{
  g_autofree char *path = g_strdup_printf ("/oracle/%s/%s", capture, kind);

  g_ptr_array_add (owned, data);
  g_test_add_data_func (path, data, func);
}

int
main (int   argc,
      char *argv[])
{
  g_auto(GStrv) captures = NULL;
  g_autoptr(GPtrArray) owned = g_ptr_array_new_with_free_func (g_free);

  g_test_init (&argc, &argv, NULL);

  captures = mapscope_test_list_captures ();
  g_test_add_data_func ("/oracle/captures", captures, test_captures);

  for (guint i = 0; captures[i] != NULL; i++)
    {
      const char *name = captures[i];

      for (guint j = 0; j < G_N_ELEMENTS (pmap_suffixes); j++)
        add_test (owned, name, pmap_suffixes[j],
                  g_strdup_printf ("%s.%s", name, pmap_suffixes[j]), test_pmap);
      add_test (owned, name, "smaps", g_strdup (name), test_smaps);
      add_test (owned, name, "maps", g_strdup (name), test_maps);
      add_test (owned, name, "smaps_rollup", g_strdup (name), test_rollup);
    }

  return g_test_run ();
}
