/* test-map-cli.c: "mapscope-cli map" writes the images it is asked for
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <cairo.h>
#include <glib/gstdio.h>

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
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_remove (path);
    }
  g_rmdir (fixture->dir);
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

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/map/cli/png", Fixture, NULL, fixture_set_up, test_png, fixture_tear_down);
  g_test_add ("/map/cli/svg", Fixture, NULL, fixture_set_up, test_svg, fixture_tear_down);
  g_test_add ("/map/cli/usage-errors", Fixture, NULL, fixture_set_up, test_usage_errors,
              fixture_tear_down);

  return g_test_run ();
}
