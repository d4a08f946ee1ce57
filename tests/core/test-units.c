/* test-units.c: sizes written for people and read from them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "mapscope-test-util.h"

#define KIB G_GUINT64_CONSTANT (1024)

static void
test_format_kb (void)
{
  /* binary units, at most three significant digits, as the core documents */
  static const struct
  {
    guint64     kb;
    const char *text;
  } cases[] = {
    { 0, "0 B" },
    { 1, "1 KiB" },
    { 4, "4 KiB" },
    { 512, "512 KiB" },
    { KIB, "1 MiB" },
    { KIB + KIB / 2, "1.5 MiB" },
    { 1600, "1.56 MiB" },              /* 1.5625 MiB */
    { 15 * KIB + KIB / 2, "15.5 MiB" },
    { 512 * KIB, "512 MiB" },
    { KIB * KIB, "1 GiB" },
    { KIB * KIB * KIB, "1 TiB" },
    { G_GUINT64_CONSTANT (22870788915), "21.3 TiB" },
    { KIB * KIB * KIB * KIB, "1 PiB" },
    { KIB * KIB * KIB * KIB * KIB, "1 EiB" },
  };

  guint wrong = 0;

  /* every case is tried, so that one run lists all that are wrong */
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = mapscope_format_kb (cases[i].kb);

      if (g_strcmp0 (text, cases[i].text) != 0)
        {
          g_test_message ("%" G_GUINT64_FORMAT " kB: \"%s\", expected \"%s\"",
                          cases[i].kb, text, cases[i].text);
          wrong++;
        }
    }
  g_assert_cmpuint (wrong, ==, 0);
}

static void
test_format_kb_max (void)
{
  g_autofree char *text = mapscope_format_kb (G_MAXUINT64);

  /* 2^64 KiB is 16384 EiB */
  g_assert_cmpstr (text, ==, "16384 EiB");
}

static void
test_parse_size (void)
{
  static const struct
  {
    const char *text;
    guint64     bytes;
  } cases[] = {
    { "0", 0 },
    { "4096", 4096 },
    { "7B", 7 },
    { "64K", 64 * KIB },
    { "64k", 64 * KIB },
    { "10 kB", 10 * KIB },
    { "1.5M", 1536 * KIB },
    { "1MiB", KIB * KIB },
    { "2G", 2 * KIB * KIB * KIB },
    { "1 GiB", KIB * KIB * KIB },
    { "3T", 3 * KIB * KIB * KIB * KIB },
    { "1P", KIB * KIB * KIB * KIB * KIB },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      guint64 bytes = 1;
      gboolean ok = mapscope_parse_size (cases[i].text, &bytes, &error);

      g_test_message ("%s", cases[i].text);
      g_assert_no_error (error);
      g_assert_true (ok);
      g_assert_cmpuint (bytes, ==, cases[i].bytes);
    }
}

static void
test_parse_size_errors (void)
{
  static const char * const bad[] = {
    "", " ", "abc", "-1", "-4K", "1X", "1.5.5M", "M", "K4", "1 2", "12 KiBs", "nan", "inf",
    "99999999P", "99999999999999999999999",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      guint64 bytes = 0;

      g_test_message ("\"%s\"", bad[i]);
      g_assert_false (mapscope_parse_size (bad[i], &bytes, &error));
      g_assert_nonnull (error);
      g_assert_nonnull (strstr (error->message, bad[i]));

      /* without a GError to fill */
      g_assert_false (mapscope_parse_size (bad[i], &bytes, NULL));
    }
}

/* What format_kb writes, parse_size reads back, to the precision shown. */
static void
test_round_trip (void)
{
  static const guint64 values[] = {
    0, 1, 4, 1000, 1536, 4096, 100000, 524288, 1048576, 123456789,
    G_GUINT64_CONSTANT (5000000000), G_GUINT64_CONSTANT (987654321987),
  };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *text = mapscope_format_kb (values[i]);
      guint64 bytes = 0;
      gdouble expected = (gdouble) values[i] * 1024;

      g_test_message ("%" G_GUINT64_FORMAT " kB: %s", values[i], text);
      g_assert_true (mapscope_parse_size (text, &bytes, &error));
      g_assert_no_error (error);
      g_assert_cmpfloat (ABS ((gdouble) bytes - expected), <=, expected * 0.005);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/units/format-kb", test_format_kb);
  g_test_add_func ("/units/format-kb-max", test_format_kb_max);
  g_test_add_func ("/units/parse-size", test_parse_size);
  g_test_add_func ("/units/parse-size-errors", test_parse_size_errors);
  g_test_add_func ("/units/round-trip", test_round_trip);

  return g_test_run ();
}
