/* live-test-util.c: children with known mappings, and comparing snapshots
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <grp.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "live-test-util.h"

#define NOBODY 65534
#define FILE_SIZE (64 * 1024)

const char *
live_child_path (void)
{
  return LIVE_CHILD;
}

static void
read_regions (LiveChild *child)
{
  GInputStream *out = g_subprocess_get_stdout_pipe (child->process);
  g_autoptr(GDataInputStream) lines = g_data_input_stream_new (out);

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *line = g_data_input_stream_read_line (lines, NULL, NULL, &error);
      g_auto(GStrv) words = NULL;
      LiveRegion *region;

      g_assert_no_error (error);
      g_assert_nonnull (line);
      if (g_str_equal (line, "ready"))
        break;

      words = g_strsplit (line, " ", 3);
      g_assert_cmpuint (g_strv_length (words), ==, 3);
      region = g_new0 (LiveRegion, 1);
      region->address = g_ascii_strtoull (words[1], NULL, 16);
      region->size = g_ascii_strtoull (words[2], NULL, 10);
      g_hash_table_insert (child->regions, g_strdup (words[0]), region);
    }
}

/* Starts live-child with the arguments given and waits until it is ready. */
LiveChild *
live_child_spawn (const char *first_arg,
                  ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  LiveChild *child = g_new0 (LiveChild, 1);
  va_list args;

  g_ptr_array_add (argv, (gpointer)live_child_path ());
  va_start (args, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer)arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  child->process = g_subprocess_newv ((const char * const *)argv->pdata,
                                      G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                      G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  child->pid = (gint)g_ascii_strtoll (g_subprocess_get_identifier (child->process), NULL, 10);
  child->regions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  read_regions (child);

  return child;
}

/* A child with the --regions mappings; its file is made in @tmp_dir. */
LiveChild *
live_child_spawn_regions (const char *tmp_dir)
{
  g_autofree char *path = g_build_filename (tmp_dir, "mapped-data", NULL);
  g_autofree char *data = g_malloc (FILE_SIZE);
  g_autoptr(GError) error = NULL;

  memset (data, 'x', FILE_SIZE);
  g_file_set_contents (path, data, FILE_SIZE, &error);
  g_assert_no_error (error);

  return live_child_spawn ("--regions", path, NULL);
}

const LiveRegion *
live_child_get_region (LiveChild  *child,
                       const char *name)
{
  const LiveRegion *region = g_hash_table_lookup (child->regions, name);

  g_assert_nonnull (region);
  return region;
}

/* Ends the child by closing its standard input, and waits for it. */
void
live_child_stop (LiveChild *child)
{
  g_autoptr(GError) error = NULL;
  GOutputStream *in = g_subprocess_get_stdin_pipe (child->process);

  if (in != NULL)
    g_output_stream_close (in, NULL, NULL);
  g_subprocess_wait (child->process, NULL, &error);
  g_assert_no_error (error);
}

void
live_child_free (LiveChild *child)
{
  if (child == NULL)
    return;

  if (g_subprocess_get_identifier (child->process) != NULL)
    {
      g_subprocess_force_exit (child->process);
      g_subprocess_wait (child->process, NULL, NULL);
    }
  g_clear_object (&child->process);
  g_clear_pointer (&child->regions, g_hash_table_unref);
  g_free (child);
}

/* The pid of a process that has come and gone. It waits for its standard
 * input to close, so that its pid can be read before it is reaped. */
gint
live_reaped_pid (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE, &error,
                                                     "cat", NULL);
  gint pid;

  g_assert_no_error (error);
  pid = (gint)g_ascii_strtoll (g_subprocess_get_identifier (process), NULL, 10);
  g_output_stream_close (g_subprocess_get_stdin_pipe (process), NULL, NULL);
  g_subprocess_wait_check (process, NULL, &error);
  g_assert_no_error (error);

  return pid;
}

char *
live_make_tmp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("mapscope-live-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

void
live_remove_tmp_dir (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

guint64
live_sum_field (MapscopeSnapshot *snapshot,
                MapscopeField     field)
{
  guint n_regions;
  const MapscopeRegion *regions = mapscope_snapshot_get_regions (snapshot, &n_regions);
  guint64 sum = 0;

  for (guint i = 0; i < n_regions; i++)
    sum += mapscope_snapshot_get_value_or_zero (snapshot, &regions[i], field);

  return sum;
}

/* What the log says of a snapshot is what the capture said. */
void
live_assert_same_snapshot (MapscopeSnapshot *read_back,
                           MapscopeSnapshot *captured)
{
  guint n_regions = mapscope_snapshot_get_n_regions (captured);

  g_assert_cmpuint (mapscope_snapshot_get_n_regions (read_back), ==, n_regions);
  g_assert_cmpint (mapscope_snapshot_get_pid (read_back), ==, mapscope_snapshot_get_pid (captured));
  g_assert_cmpstr (mapscope_snapshot_get_command (read_back), ==,
                   mapscope_snapshot_get_command (captured));
  g_assert_true (g_date_time_equal (mapscope_snapshot_get_timestamp (read_back),
                                    mapscope_snapshot_get_timestamp (captured)));
  g_assert_cmpstr (mapscope_snapshot_get_executable (read_back), ==,
                   mapscope_snapshot_get_executable (captured));
  g_assert_cmpuint (live_sum_field (read_back, MAPSCOPE_FIELD_RSS), ==,
                    live_sum_field (captured, MAPSCOPE_FIELD_RSS));
  g_assert_cmpuint (live_sum_field (read_back, MAPSCOPE_FIELD_PSS), ==,
                    live_sum_field (captured, MAPSCOPE_FIELD_PSS));

  for (guint i = 0; i < n_regions; i++)
    {
      const MapscopeRegion *a = mapscope_snapshot_get_region (read_back, i);
      const MapscopeRegion *b = mapscope_snapshot_get_region (captured, i);

      g_assert_cmphex (a->start, ==, b->start);
      g_assert_cmphex (a->end, ==, b->end);
      g_assert_cmpuint (a->perms, ==, b->perms);
      g_assert_cmpuint (a->category, ==, b->category);
      g_assert_cmpstr (a->path, ==, b->path);
    }
}

MapscopeDocument *
live_load_log (const char *path)
{
  g_autoptr(GError) error = NULL;
  MapscopeDocument *document = mapscope_document_load_path (path, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (mapscope_document_get_n_warnings (document), ==, 0);
  return document;
}

/* For a test subprocess: become nobody, with no privileges left. */
void
live_drop_privileges (void)
{
  g_assert_cmpint (setgroups (0, NULL), ==, 0);
  g_assert_cmpint (setgid (NOBODY), ==, 0);
  g_assert_cmpint (setuid (NOBODY), ==, 0);
  g_assert_cmpint (geteuid (), ==, NOBODY);
}
