/* test-map-cli.c: "mapscope-cli map" writes the images it is asked for
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <cairo.h>
#include <math.h>
#include <string.h>

#include "mapscope-map-overlay.h"
#include "mapscope-map-renderer.h"
#include "mapscope-test-util.h"

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("mapscope-map-cli-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  mapscope_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
}

/* Runs mapscope-cli map on zoo.smaps with @output and the NULL-terminated
 * options that follow; returns the exit status. */
static int
run_map (const char *output,
         ...) G_GNUC_NULL_TERMINATED;

static int
run_map (const char *output,
         ...)
{
  g_autofree char *input = mapscope_test_real_path ("zoo.smaps");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  va_list args;

  g_ptr_array_add (argv, (char *) MAPSCOPE_CLI);
  g_ptr_array_add (argv, (char *) "map");
  g_ptr_array_add (argv, input);
  g_ptr_array_add (argv, (char *) "-o");
  g_ptr_array_add (argv, (char *) output);
  va_start (args, output);
  for (const char *arg = va_arg (args, const char *); arg != NULL;
       arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error);
  g_assert_no_error (error);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));

  return g_subprocess_get_exit_status (process);
}

static void
test_png (Fixture       *fixture,
          gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "out.png", NULL);
  cairo_surface_t *surface;

  g_assert_cmpint (run_map (path, "--width", "640", "--height", "300", "--zoom", "3",
                            "--center", "0x7f63ba3c0000", NULL), ==, 0);

  surface = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 640);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 300);
  cairo_surface_destroy (surface);
}

static void
test_svg (Fixture       *fixture,
          gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "out.svg", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (run_map (path, "--linear", "--width", "800", "--height", "200", NULL), ==, 0);

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (text, "<?xml"));
  g_assert_nonnull (strstr (text, "<svg"));
  g_assert_nonnull (strstr (text, "width=\"800"));
  g_assert_nonnull (strstr (text, "height=\"200"));
}

static void
test_usage_errors (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *bad_type = g_build_filename (fixture->dir, "out.jpg", NULL);
  g_autofree char *png = g_build_filename (fixture->dir, "out.png", NULL);

  g_assert_cmpint (run_map (bad_type, NULL), ==, 2);
  g_assert_cmpint (run_map (png, "--zoom", "0.5", NULL), ==, 2);
  g_assert_cmpint (run_map (png, "--center", "nothex", NULL), ==, 2);
  g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));
}

/* zoo.smaps without the region at @start, written into the fixture's
 * directory as a baseline in which that region did not exist yet. */
static char *
write_baseline_without (Fixture    *fixture,
                        const char *start)
{
  g_autofree char *text = mapscope_test_read_real ("zoo.smaps", NULL);
  g_autofree char *header = g_strdup_printf ("\n%s-", start);
  g_autoptr(GString) baseline = g_string_new (NULL);
  const char *cut = strstr (text, header);
  const char *next;

  g_assert_nonnull (cut);
  /* The block ends at the next mapping header: a line that starts with a
   * hexadecimal digit (field names start with capitals). */
  for (next = strchr (cut + 1, '\n'); next != NULL; next = strchr (next + 1, '\n'))
    if (g_ascii_isdigit (next[1]) || (next[1] >= 'a' && next[1] <= 'f'))
      break;
  g_assert_nonnull (next);

  g_string_append_len (baseline, text, cut - text);
  g_string_append (baseline, next);
  return mapscope_test_write_file (fixture->dir, "baseline.smaps", baseline->str, baseline->len);
}

static void
test_baseline (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "diff.png", NULL);
  g_autofree char *baseline = write_baseline_without (fixture, "7f63ba3c0000");
  g_autoptr(MapscopeDocument) document = mapscope_test_load_real ("zoo.smaps");
  g_autoptr(MapscopeMapLayout) layout = NULL;
  cairo_surface_t *surface;
  MapscopeColor new_ink;
  const guint8 *data_bytes;
  guint32 pixel;
  double x;
  guint row;
  gint y;

  g_assert_cmpint (run_map (path, "--width", "640", "--height", "300", "--zoom", "3",
                            "--center", "0x7f63ba3c0000", "--baseline", baseline, NULL), ==, 0);

  /* The region the baseline lacks is outlined in the color of new regions. */
  layout = mapscope_map_layout_new (mapscope_test_only_snapshot (document), 640, 300, 3,
                                    G_GUINT64_CONSTANT (0x7f63ba3c0000), FALSE);
  g_assert_true (mapscope_map_layout_address_to_point (layout,
                                                       G_GUINT64_CONSTANT (0x7f63ba3c0000),
                                                       &x, &row));
  surface = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  mapscope_map_get_diff_ink (MAPSCOPE_MAP_DIFF_INK_NEW, FALSE, &new_ink);
  data_bytes = cairo_image_surface_get_data (surface);
  y = (gint) (row * mapscope_map_layout_get_row_height (layout) + MAPSCOPE_MAP_RULER_HEIGHT + 8);
  pixel = *(const guint32 *) (data_bytes + y * cairo_image_surface_get_stride (surface) +
                              4 * (gint) ceil (x));
  g_assert_cmphex (pixel & 0xffffff, ==, ((guint32) round (new_ink.red * 255) << 16) |
                                         ((guint32) round (new_ink.green * 255) << 8) |
                                         (guint32) round (new_ink.blue * 255));
  cairo_surface_destroy (surface);
}

/* --diff on a timeline draws its last snapshot against its first. */
static void
test_diff_timeline (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *input = mapscope_test_real_path ("python-leak-timeline.log");
  g_autofree char *path = g_build_filename (fixture->dir, "timeline.png", NULL);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, MAPSCOPE_CLI, "map", input,
                              "--diff", "-o", path, "--width", "800", "--height", "256", NULL);
  g_assert_no_error (error);
  g_subprocess_wait_check (process, NULL, &error);
  g_assert_no_error (error);

  surface = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 800);
  cairo_surface_destroy (surface);
}

static void
test_diff_errors (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *png = g_build_filename (fixture->dir, "out.png", NULL);
  g_autofree char *missing = g_build_filename (fixture->dir, "missing.smaps", NULL);

  /* zoo.smaps holds one snapshot: nothing to diff against */
  g_assert_cmpint (run_map (png, "--diff", NULL), ==, 1);
  g_assert_cmpint (run_map (png, "--baseline", missing, NULL), ==, 1);
  g_assert_cmpint (run_map (png, "--diff", "--baseline", missing, NULL), ==, 2);
  g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/map/cli/png", Fixture, NULL, fixture_set_up, test_png, fixture_tear_down);
  g_test_add ("/map/cli/svg", Fixture, NULL, fixture_set_up, test_svg, fixture_tear_down);
  g_test_add ("/map/cli/usage-errors", Fixture, NULL, fixture_set_up, test_usage_errors,
              fixture_tear_down);

  g_test_add ("/map/cli/baseline", Fixture, NULL, fixture_set_up, test_baseline,
              fixture_tear_down);
  g_test_add ("/map/cli/diff-timeline", Fixture, NULL, fixture_set_up, test_diff_timeline,
              fixture_tear_down);
  g_test_add ("/map/cli/diff-errors", Fixture, NULL, fixture_set_up, test_diff_errors,
              fixture_tear_down);

  return g_test_run ();
}
