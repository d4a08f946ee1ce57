/* test-vmflags.c: the two-letter VmFlags codes and their meanings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "mapscope-test-util.h"

/* Codes documented in the kernel's Documentation/filesystems/proc.rst */
static const char * const documented[] = {
  "rd", "wr", "ex", "sh", "mr", "mw", "me", "ms", "gd", "pf", "lo", "io", "sr", "rr",
  "dc", "de", "ac", "nr", "ht", "sf", "ar", "wf", "dd", "sd", "mm", "hg", "nh", "mg",
  "um", "uw", "ss",
};

static void
test_table (void)
{
  guint n = mapscope_vmflags_get_n_known ();

  g_assert_cmpuint (n, >=, G_N_ELEMENTS (documented));
  g_assert_cmpuint (n, <=, 64);

  for (guint i = 0; i < n; i++)
    {
      const MapscopeVmFlagInfo *info = mapscope_vmflags_get_info (i);

      g_assert_nonnull (info);
      g_assert_cmpuint (strlen (info->code), ==, 2);
      g_assert_nonnull (info->meaning);
      g_assert_cmpuint (strlen (info->meaning), >, 3);
      g_assert_cmpint (mapscope_vmflags_lookup (info->code), ==, i);
      g_assert_cmpstr (mapscope_vmflags_describe (info->code), ==, info->meaning);
      g_assert_true (mapscope_vmflags_test (G_GUINT64_CONSTANT (1) << i, info->code));
      g_assert_false (mapscope_vmflags_test (~(G_GUINT64_CONSTANT (1) << i), info->code));
      for (guint j = 0; j < i; j++)
        g_assert_cmpstr (mapscope_vmflags_get_info (j)->code, !=, info->code);
    }

  for (guint i = 0; i < G_N_ELEMENTS (documented); i++)
    {
      if (mapscope_vmflags_lookup (documented[i]) < 0)
        g_test_message ("the documented code %s is unknown", documented[i]);
      g_assert_cmpint (mapscope_vmflags_lookup (documented[i]), >=, 0);
    }
}

static void
test_unknown (void)
{
  static const char * const unknown[] = { "zz", "qq", "r", "rdx", "", "RD" };

  for (guint i = 0; i < G_N_ELEMENTS (unknown); i++)
    {
      const char *meaning = mapscope_vmflags_describe (unknown[i]);

      g_assert_cmpint (mapscope_vmflags_lookup (unknown[i]), <, 0);
      g_assert_false (mapscope_vmflags_test (G_MAXUINT64, unknown[i]));
      g_assert_nonnull (meaning);
      g_assert_cmpstr (meaning, !=, "");
    }
}

static guint64
bit (const char *code)
{
  gint index = mapscope_vmflags_lookup (code);

  g_assert_cmpint (index, >=, 0);
  return G_GUINT64_CONSTANT (1) << index;
}

static void
test_parse (void)
{
  static const char text[] = "rd wr ex zz mr";
  static const char spaced[] = "  rd\twr   ac  ";
  gboolean has_unknown = FALSE;
  guint64 mask;

  mask = mapscope_vmflags_parse (text, strlen (text), &has_unknown);
  g_assert_cmphex (mask, ==, bit ("rd") | bit ("wr") | bit ("ex") | bit ("mr"));
  g_assert_true (has_unknown);

  mask = mapscope_vmflags_parse (spaced, strlen (spaced), &has_unknown);
  g_assert_cmphex (mask, ==, bit ("rd") | bit ("wr") | bit ("ac"));
  g_assert_false (has_unknown);

  /* only LEN bytes are read */
  mask = mapscope_vmflags_parse (text, 2, &has_unknown);
  g_assert_cmphex (mask, ==, bit ("rd"));
  g_assert_false (has_unknown);

  mask = mapscope_vmflags_parse ("", 0, &has_unknown);
  g_assert_cmphex (mask, ==, 0);
  g_assert_false (has_unknown);

  g_assert_cmphex (mapscope_vmflags_parse (text, strlen (text), NULL), ==,
                   bit ("rd") | bit ("wr") | bit ("ex") | bit ("mr"));
}

static void
test_split (void)
{
  static const char * const expected[] = { "rd", "wr", "zz", "ac", NULL };
  g_auto(GStrv) codes = mapscope_vmflags_split ("rd  wr zz\tac ");
  g_auto(GStrv) none = mapscope_vmflags_split (NULL);
  g_auto(GStrv) empty = mapscope_vmflags_split ("   ");

  g_assert_true (g_strv_equal ((const char * const *) codes, expected));
  g_assert_nonnull (none);
  g_assert_null (none[0]);
  g_assert_nonnull (empty);
  g_assert_null (empty[0]);
}

/* Each region of zoo.smaps keeps its VmFlags as the file has them and has
 * the bit of every code there, and no other. */
static void
test_real (void)
{
  g_autofree char *text = mapscope_test_read_real ("zoo.smaps", NULL);
  g_auto(GStrv) lines = mapscope_test_split_lines (text);
  g_autoptr(MapscopeDocument) document = mapscope_test_load_real ("zoo.smaps");
  MapscopeSnapshot *snapshot = mapscope_test_only_snapshot (document);
  guint n = 0;
  const MapscopeRegion *regions = mapscope_snapshot_get_regions (snapshot, &n);
  gint index = -1;
  guint locked_seen = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) codes = NULL;
      g_auto(GStrv) kept = NULL;
      const MapscopeRegion *region;
      guint64 start, end, mask = 0;
      guint k = 0;

      if (mapscope_test_parse_range (lines[i], &start, &end))
        index++;
      if (!g_str_has_prefix (lines[i], "VmFlags:"))
        continue;

      g_assert_cmpint (index, >=, 0);
      g_assert_cmpint (index, <, n);
      region = &regions[index];
      g_assert_true (region->flags & MAPSCOPE_REGION_HAS_VMFLAGS);
      g_assert_nonnull (region->vmflags_text);

      codes = g_strsplit_set (lines[i] + strlen ("VmFlags:"), " ", -1);
      kept = mapscope_vmflags_split (region->vmflags_text);
      for (guint c = 0; codes[c] != NULL; c++)
        {
          if (codes[c][0] == '\0')
            continue;
          g_assert_cmpstr (kept[k], ==, codes[c]);
          k++;
          g_assert_true (mapscope_vmflags_test (region->vmflags, codes[c]));
          mask |= bit (codes[c]);
        }
      g_assert_cmpuint (g_strv_length (kept), ==, k);
      g_assert_cmphex (region->vmflags, ==, mask);

      if (mapscope_snapshot_get_value_or_zero (snapshot, region, MAPSCOPE_FIELD_LOCKED) > 0)
        {
          g_assert_true (mapscope_vmflags_test (region->vmflags, "lo"));
          locked_seen++;
        }
    }

  g_assert_cmpint (index + 1, ==, n);
  /* zoo holds one mlock'ed mapping */
  g_assert_cmpuint (locked_seen, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/vmflags/table", test_table);
  g_test_add_func ("/vmflags/unknown", test_unknown);
  g_test_add_func ("/vmflags/parse", test_parse);
  g_test_add_func ("/vmflags/split", test_split);
  g_test_add_func ("/vmflags/real", test_real);

  return g_test_run ();
}
