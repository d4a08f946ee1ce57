/* fuzz-replay.c: runs a fuzz harness over files, without libFuzzer
 *
 *   fuzz-replay-NAME FILE_OR_DIR…
 *
 * Every regular file (directories are walked, in sorted order) is given to
 * LLVMFuzzerTestOneInput() once. A crash, a sanitizer report or a failed
 * invariant aborts the program, so `meson test` reports the harness as
 * failed; the name of the input being run is printed first.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>

#include "fuzz-common.h"

static gint
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *)a, *(const char * const *)b);
}

static gboolean
replay_path (const char *path,
             guint      *n_inputs)
{
  g_autoptr(GError) error = NULL;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, &error);
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      const char *name;
      gboolean ok = TRUE;

      if (dir == NULL)
        {
          g_printerr ("%s\n", error->message);
          return FALSE;
        }
      while ((name = g_dir_read_name (dir)) != NULL)
        g_ptr_array_add (names, g_build_filename (path, name, NULL));
      g_ptr_array_sort (names, compare_names);

      for (guint i = 0; i < names->len; i++)
        ok &= replay_path (g_ptr_array_index (names, i), n_inputs);
      return ok;
    }
  else
    {
      g_autofree char *contents = NULL;
      g_autofree guint8 *copy = NULL;
      gsize length;

      if (!g_file_get_contents (path, &contents, &length, &error))
        {
          g_printerr ("%s\n", error->message);
          return FALSE;
        }

      printf ("# %s (%" G_GSIZE_FORMAT " bytes)\n", path, length);
      fflush (stdout);
      /* Exactly the input's size, as libFuzzer gives it. */
      copy = g_memdup2 (contents, length);
      LLVMFuzzerTestOneInput (copy, length);
      (*n_inputs)++;
      return TRUE;
    }
}

int
main (int    argc,
      char **argv)
{
  guint n_inputs = 0;
  gboolean ok = TRUE;

  if (argc < 2)
    {
      g_printerr ("usage: %s FILE_OR_DIR…\n", argv[0]);
      return 2;
    }

  LLVMFuzzerInitialize (&argc, &argv);

  for (int i = 1; i < argc; i++)
    ok &= replay_path (argv[i], &n_inputs);

  printf ("%u inputs replayed\n", n_inputs);
  return ok && n_inputs > 0 ? 0 : 1;
}
