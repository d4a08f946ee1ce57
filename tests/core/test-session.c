/* test-session.c: saving a workspace to a .mapscope file and opening it
 *
 * Every region of every snapshot is compared field by field after a round
 * trip, on the real captures and on crafted input with unknown fields and
 * values wider than 32 bits; damaged and newer files must give errors that
 * say what is wrong; a failed save must leave the old file as it was.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <glib/gstdio.h>

#include "mapscope-test-compare.h"
#include "mapscope-test-util.h"

/* Helpers ------------------------------------------------------------------ */

static char *
session_to_json (MapscopeSession *session)
{
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  g_assert_true (mapscope_session_write (session, stream, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_write_all (stream, "", 1, NULL, NULL, &error));
  g_assert_true (g_output_stream_close (stream, NULL, &error));
  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (stream));
}

static MapscopeWorkspace *
workspace_with (MapscopeDocument *document)
{
  MapscopeWorkspace *workspace = mapscope_workspace_new ();

  mapscope_workspace_add_document (workspace, document);
  return workspace;
}

/* Saves WORKSPACE into DIR and opens the file again through the same path
 * as any input, as the app and the CLI do. */
static MapscopeDocument *
save_and_reopen (MapscopeWorkspace *workspace,
                 const char        *dir,
                 double             zoom,
                 guint64            center,
                 const char        *page)
{
  g_autoptr(MapscopeSession) session = mapscope_session_new_from_workspace (workspace);
  g_autofree char *path = g_build_filename (dir, "saved.mapscope", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  MapscopeDocument *reopened;

  mapscope_session_set_view (session, zoom, center, page);
  g_assert_true (mapscope_session_save (session, file, NULL, &error));
  g_assert_no_error (error);

  reopened = mapscope_document_load_path (path, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (mapscope_document_get_session (reopened));
  return reopened;
}

/* The raw lines of a region, read here from the fixture without the core,
 * trailing blanks dropped as the inspector shows them. */
static char *
expected_raw_text (GStrv                 lines,
                   const MapscopeRegion *region,
                   const MapscopeRegion *next)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint last = next != NULL ? next->line - 1 : region->line;

  for (guint line = region->line; line <= last && lines[line - 1] != NULL; line++)
    {
      if (line > region->line)
        g_string_append_c (text, '\n');
      g_string_append (text, lines[line - 1]);
      while (text->len > 0 && g_ascii_isspace (text->str[text->len - 1]))
        g_string_truncate (text, text->len - 1);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Round trips -------------------------------------------------------------- */

static void
assert_round_trip (const char *path,
                   const char *dir)
{
  g_autoptr(MapscopeDocument) document = mapscope_test_load_path (path);
  g_autoptr(MapscopeWorkspace) workspace = workspace_with (document);
  g_autoptr(MapscopeDocument) reopened = NULL;
  g_autoptr(MapscopeWorkspace) restored = mapscope_workspace_new ();
  g_autofree char *text = mapscope_test_read_file (path, NULL);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  MapscopeSession *session;
  MapscopeSnapshot *first = mapscope_document_get_snapshot (document, 0);
  guint n = mapscope_document_get_n_snapshots (document);
  gboolean checked_raw = FALSE;
  guint64 min, max;
  const MapscopeSessionView *view;

  /* Every kind of state, set to something that is not the default. */
  mapscope_snapshot_set_note (first, "before the leak: \"quoted\"\ttab\nsecond line é");
  mapscope_workspace_set_baseline (workspace, first);
  mapscope_workspace_set_current (workspace, mapscope_document_get_snapshot (document, n - 1));
  if (mapscope_snapshot_get_n_regions (mapscope_workspace_get_current (workspace)) > 2)
    mapscope_workspace_set_selected_index (workspace, 2);
  mapscope_region_filter_set_text (mapscope_workspace_get_filter (workspace), "lib");
  mapscope_region_filter_set_category_shown (mapscope_workspace_get_filter (workspace),
                                             MAPSCOPE_CATEGORY_HEAP, FALSE);
  mapscope_region_filter_set_perm (mapscope_workspace_get_filter (workspace), MAPSCOPE_PERM_EXEC,
                                   MAPSCOPE_FILTER_PERM_NO);
  mapscope_region_filter_set_size_range (mapscope_workspace_get_filter (workspace), 4096, G_MAXUINT64);
  mapscope_region_filter_set_rss_range (mapscope_workspace_get_filter (workspace), 8192, 0);

  reopened = save_and_reopen (workspace, dir, 3.25, 0xffffffffff600000, "map");
  session = mapscope_document_get_session (reopened);

  g_assert_cmpuint (mapscope_document_get_n_snapshots (reopened), ==, n);
  for (guint i = 0; i < n; i++)
    {
      MapscopeSnapshot *old = mapscope_document_get_snapshot (document, i);
      MapscopeSnapshot *new = mapscope_document_get_snapshot (reopened, i);
      guint n_regions = mapscope_snapshot_get_n_regions (new);

      mapscope_test_assert_snapshots_equal (old, new);

      /* The raw text travels with the session: compare it with the file. */
      for (guint r = 0; r + 1 < n_regions && mapscope_snapshot_get_format (new) == MAPSCOPE_FORMAT_SMAPS; r++)
        {
          const MapscopeRegion *region = mapscope_snapshot_get_region (new, r);
          g_autofree char *expected = expected_raw_text (lines, region,
                                                         mapscope_snapshot_get_region (new, r + 1));

          g_assert_cmpstr (mapscope_snapshot_get_raw_text (new, region), ==, expected);
          checked_raw = TRUE;
        }
      if (n_regions > 0)
        {
          const MapscopeRegion *region = mapscope_snapshot_get_region (new, 0);
          const char *raw = mapscope_snapshot_get_raw_text (new, region);

          g_assert_nonnull (raw);
          g_assert_true (g_str_has_prefix (raw, lines[region->line - 1]));
        }
    }
  if (g_str_has_suffix (path, ".smaps"))
    g_assert_true (checked_raw);

  mapscope_session_apply (session, restored, TRUE);
  g_assert_true (mapscope_workspace_get_baseline (restored) == mapscope_document_get_snapshot (reopened, 0));
  g_assert_true (mapscope_workspace_get_current (restored) ==
                 mapscope_document_get_snapshot (reopened, n - 1));
  g_assert_cmpint (mapscope_workspace_get_selected_index (restored), ==,
                   mapscope_workspace_get_selected_index (workspace));
  g_assert_cmpstr (mapscope_region_filter_get_text (mapscope_workspace_get_filter (restored)), ==, "lib");
  g_assert_false (mapscope_region_filter_get_category_shown (mapscope_workspace_get_filter (restored),
                                                             MAPSCOPE_CATEGORY_HEAP));
  g_assert_true (mapscope_region_filter_get_category_shown (mapscope_workspace_get_filter (restored),
                                                            MAPSCOPE_CATEGORY_STACK));
  g_assert_cmpint (mapscope_region_filter_get_perm (mapscope_workspace_get_filter (restored),
                                                    MAPSCOPE_PERM_EXEC), ==, MAPSCOPE_FILTER_PERM_NO);
  mapscope_region_filter_get_size_range (mapscope_workspace_get_filter (restored), &min, &max);
  g_assert_cmpuint (min, ==, 4096);
  g_assert_cmpuint (max, ==, G_MAXUINT64);
  mapscope_region_filter_get_rss_range (mapscope_workspace_get_filter (restored), &min, &max);
  g_assert_cmpuint (min, ==, 8192);
  g_assert_cmpuint (max, ==, 0);

  view = mapscope_session_get_view (session);
  g_assert_cmpfloat (view->zoom, ==, 3.25);
  g_assert_cmphex (view->center, ==, 0xffffffffff600000);
  g_assert_cmpstr (view->page, ==, "map");

  /* Saved again, with the raw text now carried by the snapshots, a session
   * writes exactly what the first save wrote. */
  {
    g_autoptr(MapscopeSession) first_save = mapscope_session_new_from_workspace (workspace);
    g_autoptr(MapscopeSession) second_save = mapscope_session_new_from_workspace (restored);
    g_autofree char *first_json = NULL;
    g_autofree char *second_json = NULL;

    mapscope_session_set_view (first_save, 3.25, 0xffffffffff600000, "map");
    mapscope_session_set_view (second_save, view->zoom, view->center, view->page);
    first_json = session_to_json (first_save);
    second_json = session_to_json (second_save);
    g_assert_cmpstr (first_json, ==, second_json);
  }
}

static void
test_round_trip_real (void)
{
  g_autofree char *dir = g_dir_make_tmp ("mapscope-session-XXXXXX", NULL);
  g_autofree char *real_dir = g_test_build_filename (G_TEST_DIST, "data", "real", NULL);
  g_autoptr(GDir) listing = g_dir_open (real_dir, 0, NULL);
  const char *name;
  guint n_files = 0;

  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = NULL;

      if (g_str_has_suffix (name, ".md"))
        continue;
      path = g_build_filename (real_dir, name, NULL);
      g_test_message ("round trip of %s", name);
      assert_round_trip (path, dir);
      n_files++;
    }
  g_assert_cmpuint (n_files, >=, 20);

  mapscope_test_remove_dir (dir);
}

/* Unknown fields, values over 32 bits of kB and over 63 bits, a field that
 * is not in kB, VmFlags with an unknown code, and a region the input cut. */
static const char crafted_smaps[] =
  "00400000-00401000 r-xp 00000000 08:01 1234567890123                      /usr/bin/prog\n"
  "Size:                  4 kB\n"
  "Rss:          5000000000 kB\n"
  "Pss:        18446744073709551615 kB\n"
  "Frobnicated:          12 kB\n"
  "WeirdCount:           77\n"
  "THPeligible:           1\n"
  "ProtectionKey:         3\n"
  "VmFlags: rd ex mr mw me zz\n"
  "7f0000000000-7f0000002000 rw-s 00000000 00:01 99                         /dev/shm/q (deleted)\n"
  "Size:                  8 kB\n"
  "Frobnicated:  9999999999999 kB\n"
  "Rss:                   4 kB\n"
  "ffffffffff600000-ffffffffff601000 --xp 00000000 00:00 0                  [vsyscall]\n"
  "Size:                  4 kB\n"
  "Rss:   ";

static void
test_round_trip_crafted (void)
{
  g_autofree char *dir = g_dir_make_tmp ("mapscope-session-XXXXXX", NULL);
  g_autofree char *path = mapscope_test_write_file (dir, "crafted.smaps", crafted_smaps,
                                                    strlen (crafted_smaps));
  g_autoptr(MapscopeDocument) document = mapscope_test_load_path (path);
  MapscopeSnapshot *snapshot = mapscope_test_only_snapshot (document);
  const MapscopeRegion *first = mapscope_snapshot_get_region (snapshot, 0);
  const MapscopeRegion *last = mapscope_snapshot_get_region (snapshot, 2);
  gint frob = mapscope_test_field_id (snapshot, "Frobnicated");

  /* The input is what this test needs it to be. */
  g_assert_cmpint (frob, >=, MAPSCOPE_N_KNOWN_FIELDS);
  g_assert_cmpint (mapscope_test_field_id (snapshot, "WeirdCount"), >=, MAPSCOPE_N_KNOWN_FIELDS);
  g_assert_cmpuint (mapscope_test_get_value (snapshot, first, MAPSCOPE_FIELD_RSS), ==, 5000000000);
  g_assert_cmpuint (mapscope_test_get_value (snapshot, first, MAPSCOPE_FIELD_PSS), ==, G_MAXUINT64);
  g_assert_true (first->flags & MAPSCOPE_REGION_HAS_EXTRAS);
  g_assert_true (last->flags & MAPSCOPE_REGION_TRUNCATED);
  g_assert_cmpuint (first->inode, ==, 1234567890123);

  assert_round_trip (path, dir);

  /* A source gone by the time the session is opened: the raw text stays. */
  {
    g_autoptr(MapscopeWorkspace) workspace = workspace_with (document);
    g_autoptr(MapscopeDocument) reopened = save_and_reopen (workspace, dir, 0, 0, NULL);
    g_autofree char *moved = g_build_filename (dir, "moved.mapscope", NULL);
    g_autofree char *saved = g_build_filename (dir, "saved.mapscope", NULL);
    g_autoptr(MapscopeDocument) again = NULL;
    g_autoptr(GError) error = NULL;
    MapscopeSnapshot *restored;

    g_assert_nonnull (reopened);

    g_assert_cmpint (g_rename (saved, moved), ==, 0);
    g_assert_cmpint (g_unlink (path), ==, 0);
    again = mapscope_document_load_path (moved, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    restored = mapscope_test_only_snapshot (again);
    mapscope_test_assert_snapshots_equal (snapshot, restored);
    g_assert_cmpstr (mapscope_snapshot_get_raw_text (restored, mapscope_snapshot_get_region (restored, 1)),
                     ==,
                     "7f0000000000-7f0000002000 rw-s 00000000 00:01 99                         /dev/shm/q (deleted)\n"
                     "Size:                  8 kB\n"
                     "Frobnicated:  9999999999999 kB\n"
                     "Rss:                   4 kB");
    g_assert_cmpfloat (mapscope_session_get_view (mapscope_document_get_session (again))->zoom, ==, 0);
  }

  mapscope_test_remove_dir (dir);
}

/* A workspace with nothing in it saves and opens as a session, but is no
 * document: everything that reads documents relies on a snapshot. */
static void
test_round_trip_empty (void)
{
  g_autofree char *dir = g_dir_make_tmp ("mapscope-session-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "empty.mapscope", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(MapscopeWorkspace) workspace = mapscope_workspace_new ();
  g_autoptr(MapscopeSession) saved = mapscope_session_new_from_workspace (workspace);
  g_autoptr(MapscopeSession) session = NULL;
  g_autoptr(MapscopeDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  mapscope_session_set_view (saved, 1.0, 0, "summary");
  g_assert_true (mapscope_session_save (saved, file, NULL, &error));
  g_assert_no_error (error);

  session = mapscope_session_load_file (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mapscope_session_get_n_snapshots (session), ==, 0);
  g_assert_cmpint (mapscope_session_get_current_index (session), ==, -1);
  g_assert_cmpint (mapscope_session_get_baseline_index (session), ==, -1);
  g_assert_cmpstr (mapscope_session_get_view (session)->page, ==, "summary");

  document = mapscope_document_load_path (path, NULL, NULL, NULL, &error);
  g_assert_null (document);
  g_assert_error (error, MAPSCOPE_PARSE_ERROR, MAPSCOPE_PARSE_ERROR_EMPTY);
  mapscope_test_remove_dir (dir);
}

static void
note_notified (GObject    *object,
               GParamSpec *pspec,
               guint      *n_notified)
{
  (*n_notified)++;
}

static void
test_note_notify (void)
{
  g_autoptr(MapscopeDocument) document = mapscope_test_load_real ("sleep.maps");
  MapscopeSnapshot *snapshot = mapscope_test_only_snapshot (document);
  guint n_notified = 0;

  g_signal_connect (snapshot, "notify::note", G_CALLBACK (note_notified), &n_notified);
  mapscope_snapshot_set_note (snapshot, "one");
  mapscope_snapshot_set_note (snapshot, "one");
  g_assert_cmpuint (n_notified, ==, 1);
  g_object_set (snapshot, "note", "", NULL);
  g_assert_null (mapscope_snapshot_get_note (snapshot));
  g_assert_cmpuint (n_notified, ==, 2);
  g_signal_handlers_disconnect_by_data (snapshot, &n_notified);
}

/* Refusals and damage ------------------------------------------------------ */

/* A small valid session as text, for the tests to damage. */
static char *
small_session_json (void)
{
  g_autoptr(MapscopeDocument) document = mapscope_test_load_real ("sleep.smaps");
  g_autoptr(MapscopeWorkspace) workspace = workspace_with (document);
  g_autoptr(MapscopeSession) session = mapscope_session_new_from_workspace (workspace);

  mapscope_session_set_view (session, 2.0, 0x400000, "map");
  return session_to_json (session);
}

static char *
replace_once (const char *text,
              const char *old,
              const char *new)
{
  const char *at = strstr (text, old);

  g_assert_nonnull (at);
  return g_strdup_printf ("%.*s%s%s", (int)(at - text), text, new, at + strlen (old));
}

static void
assert_load_error (const char *data,
                   gsize       length,
                   gint        code,
                   const char *message_part)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MapscopeDocument) document = NULL;
  g_autoptr(MapscopeSession) session = NULL;

  session = mapscope_session_load_data (data, length, "damaged.mapscope", &error);
  g_assert_null (session);
  g_assert_error (error, MAPSCOPE_SESSION_ERROR, code);
  g_assert_true (g_str_has_prefix (error->message, "damaged.mapscope: "));
  if (strstr (error->message, message_part) == NULL)
    g_error ("\"%s\" is not in the message \"%s\"", message_part, error->message);
  g_clear_error (&error);

  /* The same through format detection, as the app and the CLI open it. */
  document = mapscope_document_load_data (data, length, "damaged.mapscope", &error);
  g_assert_null (document);
  g_assert_nonnull (error);
  g_assert_true (g_str_has_prefix (error->message, "damaged.mapscope: "));
}

static void
assert_damaged_text (const char *text,
                     const char *message_part)
{
  gsize gzip_length;
  g_autofree char *gzipped = mapscope_test_gzip (text, strlen (text), &gzip_length);

  assert_load_error (gzipped, gzip_length, MAPSCOPE_SESSION_ERROR_DAMAGED, message_part);
}

static void
test_newer_version (void)
{
  g_autofree char *json = small_session_json ();
  g_autofree char *newer = replace_once (json, "\"version\":1", "\"version\":7");
  gsize gzip_length;
  g_autofree char *gzipped = mapscope_test_gzip (newer, strlen (newer), &gzip_length);

  assert_load_error (gzipped, gzip_length, MAPSCOPE_SESSION_ERROR_NEWER_VERSION, "version 7");
  assert_load_error (newer, strlen (newer), MAPSCOPE_SESSION_ERROR_NEWER_VERSION, "newer Mapscope");
}

static void
test_not_a_session (void)
{
  static const char other_json[] = "{\"format\": \"something-else\", \"version\": 1}";

  assert_load_error (other_json, strlen (other_json), MAPSCOPE_SESSION_ERROR_NOT_SESSION,
                     "not a Mapscope session");
}

static void
test_damaged_gzip (void)
{
  g_autofree char *json = small_session_json ();
  gsize length;
  g_autofree char *gzipped = mapscope_test_gzip (json, strlen (json), &length);
  g_autofree char *garbage = NULL;

  /* Cut in the middle of the compressed data. */
  assert_load_error (gzipped, length / 2, MAPSCOPE_SESSION_ERROR_DAMAGED, "cut short");

  /* The bytes after the header scrambled. */
  garbage = g_memdup2 (gzipped, length);
  for (gsize i = 10; i < length; i++)
    garbage[i] ^= 0x5a;
  assert_load_error (garbage, length, MAPSCOPE_SESSION_ERROR_DAMAGED, "corrupt");
}

static void
test_damaged_json (void)
{
  g_autofree char *json = small_session_json ();
  g_autofree char *cut = g_strndup (json, strlen (json) / 3);

  assert_damaged_text (cut, "not valid JSON");
  assert_damaged_text ("{\"format\":\"mapscope-session\",\"version\":1,", "not valid JSON");
}

static void
test_damaged_shape (void)
{
  g_autofree char *json = small_session_json ();
  struct
  {
    const char *old;
    const char *new;
    const char *message;
  } cases[] = {
    /* wrong types */
    { "\"version\":1", "\"version\":\"1\"", "\"version\" is not an integer" },
    { "\"snapshots\":[", "\"snapshots\":\"x\",\"unused\":[", "\"snapshots\" is a string, not an array" },
    { "\"rollup\":false", "\"rollup\":0", "\"rollup\" is not true or false" },
    { "\"pid\":", "\"pid\":\"x\",\"old-pid\":", "\"pid\" is not an integer" },
    { "[\"0x", "[null,\"0x", "regions[0]: start is not a number" },
    /* missing keys */
    { "\"format\":\"smaps\",", "", "\"format\" is missing" },
    { "\"regions\":", "\"regions-gone\":", "\"regions\" is missing" },
    { "\"filter\":", "\"filter-gone\":", "the filter is missing" },
    { "\"fields\":[", "\"fields\":[[\"Size\"],", "field 0 is not [name, is-kB]" },
    /* out-of-range values */
    { "\"current\":0", "\"current\":5", "\"current\" is 5, out of range" },
    { "\"baseline\":-1", "\"baseline\":-2", "\"baseline\" is -2, out of range" },
    { "\"pid\":", "\"pid\":-5,\"old-pid\":", "\"pid\" is -5" },
    { "\"format\":\"smaps\"", "\"format\":\"pmap-Q\"", "unknown format \"pmap-Q\"" },
    { ",\"rollup\":", ",\"timestamp\":\"yesterday\",\"rollup\":", "not an ISO 8601 date" },
    { "\"hidden-categories\":[", "\"hidden-categories\":[\"lemons\"", "unknown category \"lemons\"" },
    { "\"read\":\"any\"", "\"read\":\"maybe\"", "not any, yes or no" },
    { "\"zoom\":2", "\"zoom\":-2", "zoom -2 is out of range" },
    { "\"rollup\":false", "\"rollup\":true", "\"rollup\" is true but the format is smaps" },
    { "\"size\":[0,0]", "\"size\":[-1,0]", "minimum is negative" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *damaged = replace_once (json, cases[i].old, cases[i].new);

      g_test_message ("damage %u: %s", i, cases[i].message);
      assert_damaged_text (damaged, cases[i].message);
    }
}

/* Damage inside one region, which the message must locate. */
static void
test_damaged_region (void)
{
  g_autofree char *json = small_session_json ();
  g_autoptr(MapscopeDocument) document = mapscope_test_load_real ("sleep.smaps");
  MapscopeSnapshot *snapshot = mapscope_test_only_snapshot (document);
  const MapscopeRegion *second = mapscope_snapshot_get_region (snapshot, 1);
  const MapscopeRegion *third = mapscope_snapshot_get_region (snapshot, 2);
  g_autofree char *second_start = g_strdup_printf ("[\"0x%" G_GINT64_MODIFIER "x\",\"0x%"
                                                   G_GINT64_MODIFIER "x\"", second->start, second->end);
  g_autofree char *third_start = g_strdup_printf ("[\"0x%" G_GINT64_MODIFIER "x\",",
                                                  third->start);
  g_autofree char *category = g_strdup_printf (",\"%s\",", mapscope_category_get_name (second->category));
  struct
  {
    const char *old;
    const char *new;
    const char *message;
  } cases[] = {
    /* end below start */
    { second_start, "[\"0x7000\",\"0x6000\"", "regions[1]: the end 0x6000 is below the start 0x7000" },
    /* out of order */
    { third_start, "[\"0x1000\",", "regions[2]: the regions are out of order" },
    /* a region too short, an unknown category, flags and perms out of range */
    { second_start, "[\"0x1\"],[\"0x2\",\"0x3\"", "regions[1]: a region has 1 items instead of 17" },
    { category, ",\"lemons\",", "unknown category \"lemons\"" },
    { ",\"0x0\",", ",\"0x0\",\"x\",", "inode is not a number" },
    { "\"Size\",true]", "\"Size\",true],\"oops\"", "a field is a string, not an array" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *damaged = replace_once (json, cases[i].old, cases[i].new);

      g_test_message ("damage %u: %s", i, cases[i].message);
      assert_damaged_text (damaged, cases[i].message);
    }
}

/* Saving ------------------------------------------------------------------- */

static gboolean
dir_has_only (const char *dir,
              const char *name)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *entry;
  guint n = 0;

  while ((entry = g_dir_read_name (listing)) != NULL)
    {
      if (strcmp (entry, name) != 0)
        return FALSE;
      n++;
    }
  return n == 1;
}

static void
test_save_atomic (void)
{
  g_autofree char *dir = g_dir_make_tmp ("mapscope-session-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "kept.mapscope", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(MapscopeDocument) document = mapscope_test_load_real ("python-leak-timeline.log");
  g_autoptr(MapscopeWorkspace) workspace = workspace_with (document);
  g_autoptr(MapscopeSession) session = mapscope_session_new_from_workspace (workspace);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_length, after_length;

  g_assert_true (g_file_set_contents (path, "the old file", -1, NULL));

  /* A cancelled save: the old file stays, and no temporary file is left. */
  g_cancellable_cancel (cancellable);
  g_assert_false (mapscope_session_save (session, file, cancellable, &error));
  g_assert_error (error, MAPSCOPE_SESSION_ERROR, MAPSCOPE_SESSION_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_true (g_file_get_contents (path, &before, &before_length, NULL));
  g_assert_cmpstr (before, ==, "the old file");
  g_assert_true (dir_has_only (dir, "kept.mapscope"));

  /* A directory where the file should go: the rename fails, the directory
   * and what is in it stay. */
  {
    g_autofree char *blocker = g_build_filename (dir, "blocked.mapscope", NULL);
    g_autofree char *inside = g_build_filename (blocker, "inside", NULL);
    g_autoptr(GFile) blocked = g_file_new_for_path (blocker);

    g_assert_cmpint (g_mkdir (blocker, 0755), ==, 0);
    g_assert_true (g_file_set_contents (inside, "x", -1, NULL));
    g_assert_false (mapscope_session_save (session, blocked, NULL, &error));
    g_assert_error (error, MAPSCOPE_SESSION_ERROR, MAPSCOPE_SESSION_ERROR_FAILED);
    g_assert_true (strstr (error->message, "blocked.mapscope: cannot save") != NULL);
    g_clear_error (&error);
    g_assert_true (g_file_test (inside, G_FILE_TEST_IS_REGULAR));
    g_assert_cmpint (g_unlink (inside), ==, 0);
    g_assert_cmpint (g_rmdir (blocker), ==, 0);
    g_assert_true (dir_has_only (dir, "kept.mapscope"));
  }

  /* A directory no one can write into, even root. */
  {
    g_autoptr(GFile) unwritable = g_file_new_for_path ("/proc/mapscope-test.mapscope");

    g_assert_false (mapscope_session_save (session, unwritable, NULL, &error));
    g_assert_error (error, MAPSCOPE_SESSION_ERROR, MAPSCOPE_SESSION_ERROR_FAILED);
    g_assert_true (g_str_has_prefix (error->message, "/proc/mapscope-test.mapscope: cannot save"));
    g_clear_error (&error);
  }

  /* A save that works replaces the file, which is gzip. */
  g_assert_true (mapscope_session_save (session, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &after, &after_length, NULL));
  g_assert_cmpuint (after_length, >, 2);
  g_assert_cmphex ((guchar)after[0], ==, 0x1f);
  g_assert_cmphex ((guchar)after[1], ==, 0x8b);
  g_assert_true (dir_has_only (dir, "kept.mapscope"));

  mapscope_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/session/round-trip-real", test_round_trip_real);
  g_test_add_func ("/core/session/round-trip-crafted", test_round_trip_crafted);
  g_test_add_func ("/core/session/round-trip-empty", test_round_trip_empty);
  g_test_add_func ("/core/session/note-notify", test_note_notify);
  g_test_add_func ("/core/session/newer-version", test_newer_version);
  g_test_add_func ("/core/session/not-a-session", test_not_a_session);
  g_test_add_func ("/core/session/damaged-gzip", test_damaged_gzip);
  g_test_add_func ("/core/session/damaged-json", test_damaged_json);
  g_test_add_func ("/core/session/damaged-shape", test_damaged_shape);
  g_test_add_func ("/core/session/damaged-region", test_damaged_region);
  g_test_add_func ("/core/session/save-atomic", test_save_atomic);

  return g_test_run ();
}
