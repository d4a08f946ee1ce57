/* test-badinput.c: the bad-input policy, one subtest per kind of bad input
 *
 * Each bad input goes through the core (mapscope_document_load_*) and through
 * mapscope-cli as a program, checking what the README's "Bad input" table
 * promises: whether it is an error or a warning, the "FILE:LINE:" it is
 * reported at, what is kept, and the CLI's exit status (0 loaded, maybe with
 * warnings; 1 a FILE could not be read or parsed).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "mapscope-core.h"

#if defined(__SANITIZE_ADDRESS__)
# define UNDER_ASAN 1
#elif defined(__has_feature)
# if __has_feature(address_sanitizer)
#  define UNDER_ASAN 1
# endif
#endif
#ifndef UNDER_ASAN
# define UNDER_ASAN 0
#endif

#define MIB (G_GUINT64_CONSTANT (1024) * 1024)

static char *tmp_dir;

/* Helpers ---------------------------------------------------------------- */

static char *
write_input (const char *name,
             const char *data,
             gsize       length)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (tmp_dir, name, NULL);

  g_file_set_contents (path, data, length, &error);
  g_assert_no_error (error);
  return path;
}

static char *
read_real (const char *name,
           gsize      *length)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "real", name, NULL);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, length, &error);
  g_assert_no_error (error);
  return text;
}

static MapscopeDocument *
load_ok (const char *path)
{
  g_autoptr(GError) error = NULL;
  MapscopeDocument *document = mapscope_document_load_path (path, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (document);
  return document;
}

static void
assert_load_error (const char *path,
                   gint        code,
                   const char *message_prefix)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MapscopeDocument) document = mapscope_document_load_path (path, NULL, NULL, NULL,
                                                                      &error);

  g_assert_null (document);
  g_assert_error (error, MAPSCOPE_PARSE_ERROR, code);
  if (!g_str_has_prefix (error->message, message_prefix))
    g_error ("expected an error starting with \"%s\", got \"%s\"", message_prefix, error->message);
}

/* The warning at LINE whose message contains TEXT, or NULL. */
static const MapscopeWarning *
find_warning (MapscopeDocument *document,
              guint64           line,
              const char       *text)
{
  for (guint i = 0; i < mapscope_document_get_n_warnings (document); i++)
    {
      const MapscopeWarning *warning = mapscope_document_get_warning (document, i);

      if (warning->line == line && strstr (warning->message, text) != NULL)
        return warning;
    }

  return NULL;
}

static void
assert_warning (MapscopeDocument *document,
                guint64           line,
                const char       *text)
{
  if (find_warning (document, line, text) != NULL)
    return;

  for (guint i = 0; i < mapscope_document_get_n_warnings (document); i++)
    {
      const MapscopeWarning *warning = mapscope_document_get_warning (document, i);

      g_printerr ("  warning at %" G_GUINT64_FORMAT ": %s\n", warning->line, warning->message);
    }
  g_error ("no warning at line %" G_GUINT64_FORMAT " containing \"%s\"", line, text);
}

typedef struct
{
  int   status;
  char *out;
  char *err;
} CliResult;

static void
cli_result_free (CliResult *result)
{
  g_free (result->out);
  g_free (result->err);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CliResult, cli_result_free)

static void
become_nobody (gpointer user_data)
{
  /* In the child, before exec: drop root so that permissions apply. */
  if (setgid (65534) != 0 || setuid (65534) != 0)
    _exit (125);
}

static CliResult *
run_cli_argv (const char * const *args,
              const char         *cwd,
              gboolean            as_nobody)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GBytes) err = NULL;
  CliResult *result = g_new0 (CliResult, 1);

  g_ptr_array_add (argv, (char *)MAPSCOPE_CLI);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *)args[i]);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  if (cwd != NULL)
    g_subprocess_launcher_set_cwd (launcher, cwd);
  if (as_nobody)
    g_subprocess_launcher_set_child_setup (launcher, (GSpawnChildSetupFunc)become_nobody, NULL,
                                           NULL);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *)argv->pdata, &error);
  g_assert_no_error (error);
  /* Raw bytes: the output is checked for UTF-8 here, not assumed. */
  g_subprocess_communicate (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);

  g_assert_true (g_subprocess_get_if_exited (process));
  result->status = g_subprocess_get_exit_status (process);
  /* g_strndup (NULL, 0) is NULL: empty output has no data pointer. */
  result->out = g_strdup_printf ("%.*s", (int)g_bytes_get_size (out),
                                 (const char *)g_bytes_get_data (out, NULL));
  result->err = g_strdup_printf ("%.*s", (int)g_bytes_get_size (err),
                                 (const char *)g_bytes_get_data (err, NULL));

  return result;
}

static CliResult *
run_cli (const char *command,
         const char *path)
{
  const char *args[] = { command, path, NULL };

  return run_cli_argv (args, NULL, FALSE);
}

/* stderr holds a line starting "PATH:LINE: " and containing TEXT (LINE 0:
 * "PATH: "). */
static void
assert_cli_message (const CliResult *result,
                    const char      *path,
                    guint64          line,
                    const char      *text)
{
  g_autofree char *prefix = line > 0
                            ? g_strdup_printf ("%s:%" G_GUINT64_FORMAT ": ", path, line)
                            : g_strdup_printf ("%s: ", path);
  g_auto(GStrv) lines = g_strsplit (result->err, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_has_prefix (lines[i], prefix) && strstr (lines[i], text) != NULL)
        return;
    }

  g_error ("no \"%s...%s\" on the CLI's standard error:\n%s", prefix, text, result->err);
}

static void
assert_cli_status (const CliResult *result,
                   int              status)
{
  if (result->status != status)
    g_error ("mapscope-cli exited with %d, expected %d; stderr:\n%s", result->status, status,
             result->err);
  g_assert_true (g_utf8_validate (result->out, -1, NULL));
  g_assert_true (g_utf8_validate (result->err, -1, NULL));
}

static JsonNode *
cli_json (const char *command,
          const char *path)
{
  const char *args[] = { command, "--json", path, NULL };
  g_autoptr(CliResult) result = run_cli_argv (args, NULL, FALSE);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  assert_cli_status (result, 0);
  json_parser_load_from_data (parser, result->out, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

/* A region of a 6.x kernel's smaps, addresses and path left to fill. */
#define SMAPS_FIELDS \
  "Size:                  4 kB\n" \
  "KernelPageSize:        4 kB\n" \
  "MMUPageSize:           4 kB\n" \
  "Rss:                   4 kB\n" \
  "Pss:                   4 kB\n" \
  "Pss_Dirty:             4 kB\n" \
  "Shared_Clean:          0 kB\n" \
  "Shared_Dirty:          0 kB\n" \
  "Private_Clean:         0 kB\n" \
  "Private_Dirty:         4 kB\n" \
  "Referenced:            4 kB\n" \
  "Anonymous:             4 kB\n" \
  "KSM:                   0 kB\n" \
  "LazyFree:              0 kB\n" \
  "AnonHugePages:         0 kB\n" \
  "ShmemPmdMapped:        0 kB\n" \
  "FilePmdMapped:         0 kB\n" \
  "Shared_Hugetlb:        0 kB\n" \
  "Private_Hugetlb:       0 kB\n" \
  "Swap:                  0 kB\n" \
  "SwapPss:               0 kB\n" \
  "Locked:                0 kB\n" \
  "THPeligible:           0\n" \
  "VmFlags: rd wr mr mw me ac sd \n"

/* Empty file -------------------------------------------------------------- */

static void
test_empty (void)
{
  g_autofree char *path = write_input ("empty", "", 0);
  g_autoptr(CliResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MapscopeDocument) document = NULL;

  assert_load_error (path, MAPSCOPE_PARSE_ERROR_EMPTY, path);
  document = mapscope_document_load_data ("", 0, "data", &error);
  g_assert_error (error, MAPSCOPE_PARSE_ERROR, MAPSCOPE_PARSE_ERROR_EMPTY);
  g_assert_null (document);

  result = run_cli ("summary", path);
  assert_cli_status (result, 1);
  assert_cli_message (result, path, 0, "the input is empty");
  g_assert_cmpstr (result->out, ==, "");
}

/* Binary data ------------------------------------------------------------- */

/* Bytes no text format has: 0x80-0xff and NUL, with a newline now and then. */
static char *
make_binary (gsize length)
{
  char *data = g_malloc (length);
  guint32 state = 2463534242u;

  for (gsize i = 0; i < length; i++)
    {
      state ^= state << 13;
      state ^= state >> 17;
      state ^= state << 5;
      if (state % 97 == 0)
        data[i] = '\n';
      else if (state % 13 == 0)
        data[i] = '\0';
      else
        data[i] = (char)(0x80 | (state & 0x7f));
    }

  return data;
}

static void
test_binary (void)
{
  g_autofree char *binary = make_binary (64 * 1024);
  g_autofree char *path = write_input ("binary", binary, 64 * 1024);
  g_autofree char *maps = NULL;
  g_autofree char *mixed_path = NULL;
  g_autoptr(GString) mixed = NULL;
  g_autoptr(MapscopeDocument) reference = NULL;
  g_autoptr(MapscopeDocument) document = NULL;
  g_autoptr(CliResult) result = NULL;
  g_autoptr(CliResult) mixed_result = NULL;
  gsize maps_length;
  guint n_lines = 0;

  /* Binary data alone: an error at line 1, nothing is kept. */
  assert_load_error (path, MAPSCOPE_PARSE_ERROR_UNKNOWN_FORMAT, path);
  result = run_cli ("summary", path);
  assert_cli_status (result, 1);
  assert_cli_message (result, path, 1, "not a memory map");

  /* Binary data after a map: the map is kept, each binary line is a warning. */
  maps = read_real ("sleep.maps", &maps_length);
  for (gsize i = 0; i < maps_length; i++)
    n_lines += maps[i] == '\n';
  mixed = g_string_new_len (maps, maps_length);
  g_string_append_len (mixed, binary, 4096);
  g_string_append_c (mixed, '\n');
  mixed_path = write_input ("maps-then-binary", mixed->str, mixed->len);

  reference = load_ok (g_test_get_filename (G_TEST_DIST, "data", "real", "sleep.maps", NULL));
  document = load_ok (mixed_path);
  g_assert_cmpuint (mapscope_document_get_n_snapshots (document), ==, 1);
  g_assert_cmpuint (mapscope_snapshot_get_n_regions (mapscope_document_get_snapshot (document, 0)), ==,
                    mapscope_snapshot_get_n_regions (mapscope_document_get_snapshot (reference, 0)));
  assert_warning (document, n_lines + 1, "unrecognised line");

  mixed_result = run_cli ("summary", mixed_path);
  assert_cli_status (mixed_result, 0);
  assert_cli_message (mixed_result, mixed_path, n_lines + 1, "warning: unrecognised line");
}

/* NUL bytes --------------------------------------------------------------- */

static void
test_nul_bytes (void)
{
  static const char text[] =
    "7f0000000000-7f0000001000 r--p 00000000 fe:00 12 /lib/a\0b.so\n"   /* 1 */
    "Size:                  4 kB\n"                                     /* 2 */
    "Rss:   \0              4 kB\n"                                     /* 3 */
    "\0\0\0\0\n"                                                        /* 4 */
    "7f0000001000-7f0000002000 rw-p 00000000 00:00 0 \n"                /* 5 */
    "Size:                  4 kB\n";                                    /* 6 */
  g_autofree char *path = write_input ("nul", text, sizeof text - 1);
  g_autoptr(MapscopeDocument) document = load_ok (path);
  MapscopeSnapshot *snapshot = mapscope_document_get_snapshot (document, 0);
  const MapscopeRegion *first;
  g_autoptr(CliResult) result = NULL;

  g_assert_cmpuint (mapscope_snapshot_get_n_regions (snapshot), ==, 2);
  first = mapscope_snapshot_get_region (snapshot, 0);
  /* Shown escaped, never cut at the NUL. */
  g_assert_cmpstr (first->path, ==, "/lib/a\\x00b.so");
  g_assert_false (mapscope_region_has_field (first, MAPSCOPE_FIELD_RSS));
  assert_warning (document, 1, "not UTF-8");
  assert_warning (document, 3, "Rss");
  assert_warning (document, 4, "binary data");

  result = run_cli ("regions", path);
  assert_cli_status (result, 0);
  g_assert_nonnull (strstr (result->out, "/lib/a\\x00b.so"));
  assert_cli_message (result, path, 1, "warning:");
  assert_cli_message (result, path, 3, "warning:");
  assert_cli_message (result, path, 4, "warning: unrecognised line with binary data");
}

/* Cut short --------------------------------------------------------------- */

/* The first LINES lines of TEXT, plus EXTRA bytes of the next line. */
static char *
cut_text (const char *text,
          guint       lines,
          gsize       extra,
          gsize      *length)
{
  const char *p = text;

  for (guint i = 0; i < lines; i++)
    p = strchr (p, '\n') + 1;
  *length = (p - text) + extra;
  return g_strndup (text, *length);
}

static void
test_cut_in_region (void)
{
  g_autofree char *smaps = read_real ("zoo.smaps", NULL);
  g_autofree char *cut = NULL;
  g_autofree char *path = NULL;
  g_autoptr(MapscopeDocument) document = NULL;
  g_autoptr(CliResult) result = NULL;
  MapscopeSnapshot *snapshot;
  const MapscopeRegion *last;
  gsize length;
  guint region_lines = 0;

  /* Lines per region in this capture: the header and its fields. */
  for (const char *p = strchr (smaps, '\n') + 1; !g_ascii_isxdigit (*p) || strchr (p, '-') == NULL ||
       strchr (p, '-') > strchr (p, ' '); p = strchr (p, '\n') + 1)
    region_lines++;
  region_lines++;

  /* Two whole regions, then the header and five fields of the third. */
  cut = cut_text (smaps, 2 * region_lines + 6, 0, &length);
  path = write_input ("cut-in-region.smaps", cut, length);
  document = load_ok (path);
  snapshot = mapscope_document_get_snapshot (document, 0);

  g_assert_cmpuint (mapscope_snapshot_get_n_regions (snapshot), ==, 3);
  last = mapscope_snapshot_get_region (snapshot, 2);
  g_assert_true (last->flags & MAPSCOPE_REGION_TRUNCATED);
  g_assert_true (mapscope_region_has_field (last, MAPSCOPE_FIELD_SIZE));
  assert_warning (document, 2 * region_lines + 6, "ends inside the region");

  result = run_cli ("summary", path);
  assert_cli_status (result, 0);
  assert_cli_message (result, path, 2 * region_lines + 6, "warning: the input ends inside the region");
}

static void
test_cut_in_line (void)
{
  g_autofree char *smaps = read_real ("zoo.smaps", NULL);
  g_autofree char *cut = NULL;
  g_autofree char *path = NULL;
  g_autofree char *header_cut = NULL;
  g_autofree char *header_path = NULL;
  g_autoptr(MapscopeDocument) document = NULL;
  g_autoptr(MapscopeDocument) header_document = NULL;
  g_autoptr(CliResult) result = NULL;
  gsize length;

  /* Line 5 is "Rss:   ... kB": cut it after "Rss:" and a few spaces. */
  cut = cut_text (smaps, 4, 8, &length);
  g_assert_true (g_str_has_prefix (cut + length - 8, "Rss:"));
  path = write_input ("cut-in-line.smaps", cut, length);
  document = load_ok (path);
  g_assert_cmpuint (mapscope_snapshot_get_n_regions (mapscope_document_get_snapshot (document, 0)), ==, 1);
  assert_warning (document, 5, "ends in the middle of a line");

  result = run_cli ("summary", path);
  assert_cli_status (result, 0);
  assert_cli_message (result, path, 5, "warning: the input ends in the middle of a line");

  /* Cut inside a mapping line: the regions before it are kept. */
  header_cut = cut_text (smaps, 25 + 24, 20, &length);
  header_path = write_input ("cut-in-header.smaps", header_cut, length);
  header_document = load_ok (header_path);
  assert_warning (header_document, 50, "ends in the middle of a line");
}

/* CRLF -------------------------------------------------------------------- */

static void
test_crlf (void)
{
  static const char *names[] = {
    "zoo.smaps", "zoo.smaps_rollup", "zoo.maps", "zoo.pmap", "zoo.pmap-x", "zoo.pmap-X",
    "zoo.pmap-XX", "python-leak-timeline.log",
  };

  for (guint n = 0; n < G_N_ELEMENTS (names); n++)
    {
      g_autofree char *text = read_real (names[n], NULL);
      g_autofree char *crlf_dir = g_build_filename (tmp_dir, "crlf", NULL);
      g_autofree char *lf_dir = g_build_filename (tmp_dir, "lf", NULL);
      g_autofree char *crlf_path = g_build_filename (crlf_dir, "input", NULL);
      g_autofree char *lf_path = g_build_filename (lf_dir, "input", NULL);
      g_autoptr(GString) crlf = g_string_new (NULL);
      g_autoptr(MapscopeDocument) document = NULL;
      g_autoptr(MapscopeDocument) reference = NULL;
      g_autoptr(CliResult) crlf_result = NULL;
      g_autoptr(CliResult) lf_result = NULL;
      const char *args[] = { "regions", "--json", "input", NULL };

      for (const char *p = text; *p != '\0'; p++)
        {
          if (*p == '\n')
            g_string_append_c (crlf, '\r');
          g_string_append_c (crlf, *p);
        }
      g_assert_cmpint (g_mkdir_with_parents (crlf_dir, 0700), ==, 0);
      g_assert_cmpint (g_mkdir_with_parents (lf_dir, 0700), ==, 0);
      g_assert_true (g_file_set_contents (crlf_path, crlf->str, crlf->len, NULL));
      g_assert_true (g_file_set_contents (lf_path, text, -1, NULL));

      /* The same model and warnings as with LF line ends... */
      document = load_ok (crlf_path);
      reference = load_ok (lf_path);
      g_assert_cmpint (mapscope_document_get_format (document), ==,
                       mapscope_document_get_format (reference));
      g_assert_cmpuint (mapscope_document_get_n_warnings (document), ==,
                        mapscope_document_get_n_warnings (reference));
      g_assert_cmpuint (mapscope_document_get_n_snapshots (document), ==,
                        mapscope_document_get_n_snapshots (reference));

      /* ... and, from the CLI, the same output to the byte. */
      crlf_result = run_cli_argv (args, crlf_dir, FALSE);
      lf_result = run_cli_argv (args, lf_dir, FALSE);
      assert_cli_status (crlf_result, 0);
      g_assert_cmpstr (crlf_result->out, ==, lf_result->out);
      g_assert_cmpstr (crlf_result->err, ==, lf_result->err);
    }
}

/* A line of several megabytes --------------------------------------------- */

static void
test_long_line (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *path = NULL;
  g_autoptr(MapscopeDocument) document = NULL;
  g_autoptr(CliResult) result = NULL;
  MapscopeSnapshot *snapshot;
  const gsize path_len = 5 * MIB;
  const gsize junk_len = 20 * MIB;

  /* A mapping line of 5 MiB (its path) is read; a line over 16 MiB is not. */
  g_string_append (text, "7f0000000000-7f0000001000 r--p 00000000 fe:00 12 /");
  for (gsize i = 1; i < path_len; i++)
    g_string_append_c (text, "abcdefgh/"[i % 9]);
  g_string_append (text, "\nSize:                  4 kB\n");                          /* 2 */
  g_string_append (text, "7f0000001000-7f0000002000 rw-p 00000000 00:00 0 \n");      /* 3 */
  g_string_append (text, "Size:                  4 kB\n");                            /* 4 */
  for (gsize i = 0; i < junk_len; i++)                                                /* 5 */
    g_string_append_c (text, 'x');
  g_string_append (text, "\n7f0000002000-7f0000003000 rw-p 00000000 00:00 0 \n");    /* 6 */
  g_string_append (text, "Size:                  4 kB\n");                            /* 7 */
  path = write_input ("long-line", text->str, text->len);

  document = load_ok (path);
  snapshot = mapscope_document_get_snapshot (document, 0);
  g_assert_cmpuint (mapscope_snapshot_get_n_regions (snapshot), ==, 3);
  g_assert_cmpuint (strlen (mapscope_snapshot_get_region (snapshot, 0)->path), ==, path_len);
  assert_warning (document, 5, "longer than 16 MiB");
  g_assert_cmpuint (mapscope_document_get_n_warnings (document), ==, 1);

  result = run_cli ("summary", path);
  assert_cli_status (result, 0);
  assert_cli_message (result, path, 5, "warning: the line is longer than 16 MiB; it is skipped");
}

/* Numbers that overflow 64 bits ------------------------------------------- */

static void
test_overflow (void)
{
  static const char text[] =
    "7f0000000000-7f0000001000 rw-p 00000000 00:00 0 \n"                /* 1 */
    "Size:   99999999999999999999 kB\n"                                 /* 2: > 2^64 */
    "Rss:    18446744073709551615 kB\n"                                 /* 3: 2^64 - 1 */
    "Swap:             4294967296 kB\n"                                 /* 4: 2^32 */
    "1ffffffffffff0000-1ffffffffffff1000 rw-p 00000000 00:00 0 \n"      /* 5 */
    "7f0000002000-7f0000003000 rw-p 00000000000000000000 00:00 0 \n"    /* 6: zeros fit */
    "7f0000003000-7f0000004000 rw-p 00000000 00:00 99999999999999999999 \n"; /* 7 */
  static const char pmap[] =
    "6536:   ./zoo\n"
    "Address           Kbytes     RSS   Dirty Mode  Mapping\n"
    "0000565252561000       4       4       4 r---- zoo\n"
    "ffffffffff600000 18014398509481980       0       0 --x--   [ anon ]\n" /* 4 */
    "total kB            8       4       4\n";
  g_autofree char *path = write_input ("overflow.smaps", text, sizeof text - 1);
  g_autofree char *pmap_path = write_input ("overflow.pmap-x", pmap, sizeof pmap - 1);
  g_autoptr(MapscopeDocument) document = load_ok (path);
  g_autoptr(MapscopeDocument) pmap_document = load_ok (pmap_path);
  g_autoptr(CliResult) result = NULL;
  g_autoptr(CliResult) pmap_result = NULL;
  MapscopeSnapshot *snapshot = mapscope_document_get_snapshot (document, 0);
  const MapscopeRegion *first = mapscope_snapshot_get_region (snapshot, 0);
  guint64 value;

  /* The field that overflows is dropped (Size then comes from the
   * addresses); values that fit in 64 bits are kept exactly. */
  assert_warning (document, 2, "too large for 64 bits");
  g_assert_true (mapscope_snapshot_get_value (snapshot, first, MAPSCOPE_FIELD_SIZE, &value));
  g_assert_cmpuint (value, ==, 4);
  g_assert_true (mapscope_snapshot_get_value (snapshot, first, MAPSCOPE_FIELD_RSS, &value));
  g_assert_cmpuint (value, ==, G_MAXUINT64);
  g_assert_true (mapscope_snapshot_get_value (snapshot, first, MAPSCOPE_FIELD_SWAP, &value));
  g_assert_cmpuint (value, ==, G_GUINT64_CONSTANT (4294967296));
  /* An address of more than 64 bits: the region is skipped; so is an inode
   * that does not fit. */
  assert_warning (document, 5, "malformed mapping line");
  assert_warning (document, 7, "malformed mapping line");
  g_assert_cmpuint (mapscope_snapshot_get_n_regions (snapshot), ==, 2);

  result = run_cli ("summary", path);
  assert_cli_status (result, 0);
  assert_cli_message (result, path, 2, "warning: the value of Size is not a number, or too large");
  assert_cli_message (result, path, 5, "warning: malformed mapping line");

  /* pmap: a size past the end of the address space. */
  assert_warning (pmap_document, 4, "past the end of the address space");
  g_assert_cmpuint (mapscope_snapshot_get_n_regions (mapscope_document_get_snapshot (pmap_document, 0)),
                    ==, 1);
  pmap_result = run_cli ("regions", pmap_path);
  assert_cli_status (pmap_result, 0);
  assert_cli_message (pmap_result, pmap_path, 4, "warning: the size goes past the end");
}

/* End below start --------------------------------------------------------- */

static void
test_end_below_start (void)
{
  static const char alone[] =
    "7f0000002000-7f0000001000 r--p 00000000 00:00 0 /lib/a.so\n"
    "Size:                  4 kB\n";
  static const char mixed[] =
    "7f0000000000-7f0000001000 r--p 00000000 00:00 0 /lib/a.so\n"       /* 1 */
    "Size:                  4 kB\n"                                     /* 2 */
    "7f0000003000-7f0000002000 r--p 00000000 00:00 0 /lib/b.so\n"       /* 3 */
    "Size:                  4 kB\n"                                     /* 4 */
    "7f0000004000-7f0000005000 r--p 00000000 00:00 0 /lib/c.so\n"       /* 5 */
    "Size:                  4 kB\n";
  g_autofree char *alone_path = write_input ("backwards-alone", alone, sizeof alone - 1);
  g_autofree char *mixed_path = write_input ("backwards", mixed, sizeof mixed - 1);
  g_autofree char *expected = g_strdup_printf ("%s:1: no region could be read: the mapping ends",
                                               alone_path);
  g_autoptr(MapscopeDocument) document = NULL;
  g_autoptr(CliResult) alone_result = NULL;
  g_autoptr(CliResult) mixed_result = NULL;
  MapscopeSnapshot *snapshot;

  /* The only region: an error that says why, at its line. */
  assert_load_error (alone_path, MAPSCOPE_PARSE_ERROR_FAILED, expected);
  alone_result = run_cli ("summary", alone_path);
  assert_cli_status (alone_result, 1);
  assert_cli_message (alone_result, alone_path, 1, "no region could be read: the mapping ends");

  /* Among others: that region and its fields are skipped, the rest kept. */
  document = load_ok (mixed_path);
  snapshot = mapscope_document_get_snapshot (document, 0);
  g_assert_cmpuint (mapscope_snapshot_get_n_regions (snapshot), ==, 2);
  g_assert_cmpstr (mapscope_snapshot_get_region (snapshot, 1)->path, ==, "/lib/c.so");
  assert_warning (document, 3, "ends (0x7f0000002000) before it starts (0x7f0000003000)");
  g_assert_cmpuint (mapscope_document_get_n_warnings (document), ==, 1);

  mixed_result = run_cli ("regions", mixed_path);
  assert_cli_status (mixed_result, 0);
  assert_cli_message (mixed_result, mixed_path, 3, "warning: the mapping ends");
}

/* Overlapping or duplicate regions ---------------------------------------- */

static void
test_overlap (void)
{
  static const char text[] =
    "7f0000000000-7f0000002000 r--p 00000000 00:00 0 /lib/a.so\n"       /* 1 */
    "7f0000001000-7f0000003000 r--p 00000000 00:00 0 /lib/b.so\n"       /* 2: overlaps 1 */
    "7f0000001000-7f0000003000 r--p 00000000 00:00 0 /lib/b.so\n"       /* 3: duplicate of 2 */
    "7f0000003000-7f0000004000 r--p 00000000 00:00 0 /lib/c.so\n";      /* 4: touches, fine */
  g_autofree char *path = write_input ("overlap.maps", text, sizeof text - 1);
  g_autoptr(MapscopeDocument) document = load_ok (path);
  g_autoptr(MapscopeSummary) summary = NULL;
  g_autoptr(CliResult) result = NULL;
  MapscopeSnapshot *snapshot = mapscope_document_get_snapshot (document, 0);

  /* Everything is kept as the input has it; each overlap is a warning. */
  g_assert_cmpuint (mapscope_document_get_n_snapshots (document), ==, 1);
  g_assert_cmpuint (mapscope_snapshot_get_n_regions (snapshot), ==, 4);
  assert_warning (document, 2, "overlaps the one of line 1");
  assert_warning (document, 3, "overlaps the one of line 2");
  g_assert_cmpuint (mapscope_document_get_n_warnings (document), ==, 2);
  summary = mapscope_summary_new (snapshot);
  g_assert_cmpuint (mapscope_summary_get_totals (summary)->values[MAPSCOPE_FIELD_SIZE], ==, 8 + 8 + 8 + 4);

  result = run_cli ("regions", path);
  assert_cli_status (result, 0);
  assert_cli_message (result, path, 2, "warning: the mapping at 0x7f0000001000 overlaps");
  assert_cli_message (result, path, 3, "warning: the mapping at 0x7f0000001000 overlaps");
}

/* A field twice ----------------------------------------------------------- */

static void
test_field_twice (void)
{
  static const char text[] =
    "7f0000000000-7f0000002000 rw-p 00000000 00:00 0 \n"                /* 1 */
    "Size:                  8 kB\n"                                     /* 2 */
    "Rss:                   4 kB\n"                                     /* 3 */
    "Rss:                   8 kB\n";                                    /* 4 */
  g_autofree char *path = write_input ("field-twice", text, sizeof text - 1);
  g_autoptr(MapscopeDocument) document = load_ok (path);
  g_autoptr(CliResult) result = NULL;
  MapscopeSnapshot *snapshot = mapscope_document_get_snapshot (document, 0);
  guint64 value;

  assert_warning (document, 4, "appears twice in this region; the last value is kept");
  g_assert_true (mapscope_snapshot_get_value (snapshot, mapscope_snapshot_get_region (snapshot, 0),
                                              MAPSCOPE_FIELD_RSS, &value));
  g_assert_cmpuint (value, ==, 8);

  result = run_cli ("summary", path);
  assert_cli_status (result, 0);
  assert_cli_message (result, path, 4, "warning: the field Rss appears twice");
}

/* Unknown fields ---------------------------------------------------------- */

static void
test_unknown_fields (void)
{
  static const char text[] =
    "7f0000000000-7f0000002000 rw-p 00000000 00:00 0 \n"                /* 1 */
    "Size:                  8 kB\n"                                     /* 2 */
    "FutureKernelField:     3 kB\n"                                     /* 3: kept, kB */
    "FutureCounter:         7\n"                                        /* 4: kept, number */
    "FutureText:        hello\n";                                       /* 5: not a number */
  g_autofree char *path = write_input ("unknown-fields", text, sizeof text - 1);
  g_autoptr(MapscopeDocument) document = load_ok (path);
  g_autoptr(JsonNode) json = NULL;
  g_autoptr(CliResult) result = NULL;
  MapscopeSnapshot *snapshot = mapscope_document_get_snapshot (document, 0);
  const MapscopeRegion *region = mapscope_snapshot_get_region (snapshot, 0);
  JsonObject *object;
  guint n_fields = mapscope_snapshot_get_n_fields (snapshot);
  guint64 value;

  g_assert_cmpuint (n_fields, ==, MAPSCOPE_N_KNOWN_FIELDS + 2);
  g_assert_cmpstr (mapscope_snapshot_get_field_name (snapshot, MAPSCOPE_N_KNOWN_FIELDS), ==,
                   "FutureKernelField");
  g_assert_true (mapscope_snapshot_field_is_kb (snapshot, MAPSCOPE_N_KNOWN_FIELDS));
  g_assert_true (mapscope_snapshot_get_value (snapshot, region, MAPSCOPE_N_KNOWN_FIELDS, &value));
  g_assert_cmpuint (value, ==, 3);
  g_assert_false (mapscope_snapshot_field_is_kb (snapshot, MAPSCOPE_N_KNOWN_FIELDS + 1));
  g_assert_true (mapscope_snapshot_get_value (snapshot, region, MAPSCOPE_N_KNOWN_FIELDS + 1, &value));
  g_assert_cmpuint (value, ==, 7);
  assert_warning (document, 5, "not a number");
  g_assert_cmpuint (mapscope_document_get_n_warnings (document), ==, 1);

  /* The CLI's JSON carries the unknown fields too. */
  json = cli_json ("regions", path);
  object = json_array_get_object_element (
    json_object_get_array_member (json_node_get_object (json), "regions"), 0);
  g_assert_cmpint (json_object_get_int_member (object, "futurekernelfield_kb"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (object, "futurecounter"), ==, 7);

  result = run_cli ("summary", path);
  assert_cli_status (result, 0);
  assert_cli_message (result, path, 5, "warning: the field \"FutureText\" has a value that is not a number");
}

/* Non-UTF-8 bytes in paths ------------------------------------------------- */

static void
test_non_utf8_path (void)
{
  static const char text[] =
    "7f0000000000-7f0000001000 r--p 00000000 fe:00 12 /lib/caf\xe9-\xff\xfe.so\n"
    "7f0000001000-7f0000002000 r--p 00000000 fe:00 13 /lib/ok-\xc3\xa9.so\n";
  static const char pmap[] =
    "6536:   ./zoo-\xff\n"
    "0000565252561000      4K r---- zoo-\xfe\n"
    " total            4K\n";
  g_autofree char *path = write_input ("non-utf8.maps", text, sizeof text - 1);
  g_autofree char *pmap_path = write_input ("non-utf8.pmap", pmap, sizeof pmap - 1);
  g_autoptr(MapscopeDocument) document = load_ok (path);
  g_autoptr(MapscopeDocument) pmap_document = load_ok (pmap_path);
  g_autoptr(CliResult) result = NULL;
  g_autoptr(JsonNode) json = NULL;
  MapscopeSnapshot *snapshot = mapscope_document_get_snapshot (document, 0);
  MapscopeSnapshot *pmap_snapshot = mapscope_document_get_snapshot (pmap_document, 0);

  /* Invalid bytes are escaped as \xNN; valid UTF-8 is left alone. */
  g_assert_cmpstr (mapscope_snapshot_get_region (snapshot, 0)->path, ==, "/lib/caf\\xe9-\\xff\\xfe.so");
  g_assert_cmpstr (mapscope_snapshot_get_region (snapshot, 1)->path, ==, "/lib/ok-\xc3\xa9.so");
  assert_warning (document, 1, "not UTF-8; they are shown escaped");
  g_assert_cmpuint (mapscope_document_get_n_warnings (document), ==, 1);
  g_assert_cmpstr (mapscope_snapshot_get_region (pmap_snapshot, 0)->path, ==, "zoo-\\xfe");
  g_assert_true (g_utf8_validate (mapscope_snapshot_get_command (pmap_snapshot), -1, NULL));

  /* The CLI only ever prints UTF-8 (assert_cli_status checks it). */
  result = run_cli ("regions", path);
  assert_cli_status (result, 0);
  g_assert_nonnull (strstr (result->out, "/lib/caf\\xe9-\\xff\\xfe.so"));
  assert_cli_message (result, path, 1, "warning: the path holds bytes that are not UTF-8");
  json = cli_json ("regions", pmap_path);
  g_assert_nonnull (json);
}

/* A multi-gigabyte input --------------------------------------------------- */

/* A GInputStream that produces TOTAL bytes of smaps: one region over and
 * over, each at the next address, made as it is read. */
#define REPEAT_TYPE_STREAM (repeat_stream_get_type ())
G_DECLARE_FINAL_TYPE (RepeatStream, repeat_stream, REPEAT, STREAM, GInputStream)

struct _RepeatStream
{
  GInputStream  parent_instance;
  char         *unit;
  gsize         unit_len;
  guint64       total;
  guint64       produced;
  guint64       index;
  gsize         pos;
};

G_DEFINE_FINAL_TYPE (RepeatStream, repeat_stream, G_TYPE_INPUT_STREAM)

static void
write_hex12 (char    *out,
             guint64  value)
{
  for (int i = 11; i >= 0; i--, value >>= 4)
    out[i] = "0123456789abcdef"[value & 0xf];
}

static gssize
repeat_stream_read (GInputStream  *stream,
                    void          *buffer,
                    gsize          count,
                    GCancellable  *cancellable,
                    GError       **error)
{
  RepeatStream *self = REPEAT_STREAM (stream);
  char *out = buffer;
  gsize n = 0;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return -1;

  while (n < count && self->produced < self->total)
    {
      gsize len;

      if (self->pos == 0)
        {
          guint64 start = G_GUINT64_CONSTANT (0x100000000000) + self->index * 0x1000;

          write_hex12 (self->unit, start);
          write_hex12 (self->unit + 13, start + 0x1000);
        }
      len = MIN (self->unit_len - self->pos, count - n);
      len = MIN (len, self->total - self->produced);
      memcpy (out + n, self->unit + self->pos, len);
      n += len;
      self->produced += len;
      self->pos += len;
      if (self->pos == self->unit_len)
        {
          self->pos = 0;
          self->index++;
        }
    }

  return n;
}

static void
repeat_stream_finalize (GObject *object)
{
  g_free (REPEAT_STREAM (object)->unit);
  G_OBJECT_CLASS (repeat_stream_parent_class)->finalize (object);
}

static void
repeat_stream_class_init (RepeatStreamClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = repeat_stream_finalize;
  G_INPUT_STREAM_CLASS (klass)->read_fn = repeat_stream_read;
}

static void
repeat_stream_init (RepeatStream *self)
{
}

/* The region is a real one with a long path (a deep library path of 3 KiB,
 * within PATH_MAX): the model keeps about 200 bytes per region whatever the
 * text, so a long region lets a few GiB of input stay a model of tens of
 * MiB, and the memory the load costs shows whether the input is streamed. */
static RepeatStream *
repeat_stream_new (guint64  total,
                   gsize   *unit_len)
{
  RepeatStream *self = g_object_new (REPEAT_TYPE_STREAM, NULL);
  g_autoptr(GString) unit = g_string_new ("000000000000-000000000000 r-xp 00000000 fe:00 1234 /opt");

  while (unit->len < 3072)
    g_string_append (unit, "/a-rather-deep-directory");
  g_string_append (unit, "/libexample.so.1\n" SMAPS_FIELDS);

  self->unit_len = unit->len;
  self->unit = g_string_free (g_steal_pointer (&unit), FALSE);
  /* Whole regions only. */
  self->total = total - total % self->unit_len;
  *unit_len = self->unit_len;

  return self;
}

static guint64
read_status_kb (const char *key)
{
  g_autofree char *status = NULL;
  const char *p;

  g_assert_true (g_file_get_contents ("/proc/self/status", &status, NULL, NULL));
  p = strstr (status, key);
  g_assert_nonnull (p);
  return g_ascii_strtoull (p + strlen (key), NULL, 10);
}

/* Resets VmHWM to the current RSS (Linux 4.0 and later); returns whether
 * it could. */
static gboolean
reset_peak_rss (void)
{
  /* Written in place: g_file_set_contents() would write a new file and
   * rename it, which /proc does not allow. */
  int fd = g_open ("/proc/self/clear_refs", O_WRONLY, 0);
  gboolean ok;

  if (fd < 0)
    return FALSE;
  ok = write (fd, "5", 1) == 1;
  close (fd);
  return ok;
}

typedef struct
{
  guint    n_calls;
  guint64  last_done;
  guint64  total;
  guint64  cancel_at;
  guint64  done_at_cancel;
  guint    calls_after_cancel;
  GCancellable *cancellable;
} Progress;

static void
on_progress (guint64  bytes_done,
             guint64  bytes_total,
             gpointer user_data)
{
  Progress *progress = user_data;

  g_assert_cmpuint (bytes_done, >, progress->last_done);
  g_assert_cmpuint (bytes_total, ==, progress->total);
  g_assert_cmpuint (bytes_done, <=, bytes_total);
  progress->n_calls++;
  progress->last_done = bytes_done;

  if (progress->cancellable != NULL && g_cancellable_is_cancelled (progress->cancellable))
    progress->calls_after_cancel++;
  else if (progress->cancellable != NULL && bytes_done >= progress->cancel_at)
    {
      progress->done_at_cancel = bytes_done;
      g_cancellable_cancel (progress->cancellable);
    }
}

static void
test_huge_stream (void)
{
  /* 2.5 GB; 1 GB when ASan slows everything down. */
  const guint64 size = UNDER_ASAN ? 1024 * MIB : 2560 * MIB;
  g_autoptr(RepeatStream) stream = NULL;
  g_autoptr(MapscopeDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  Progress progress = { 0 };
  MapscopeSnapshot *snapshot;
  gsize unit_len;
  guint64 n_expected, rss_before, peak, growth, model;
  gboolean have_peak;
  gint64 start_time;

  stream = repeat_stream_new (size, &unit_len);
  n_expected = stream->total / unit_len;
  progress.total = stream->total;

  have_peak = reset_peak_rss ();
  rss_before = read_status_kb ("VmRSS:") * 1024;
  start_time = g_get_monotonic_time ();

  document = mapscope_document_load_stream (G_INPUT_STREAM (stream), "huge.smaps", stream->total,
                                            NULL, on_progress, &progress, &error);
  g_assert_no_error (error);

  peak = read_status_kb ("VmHWM:") * 1024;
  growth = peak > rss_before ? peak - rss_before : 0;
  snapshot = mapscope_document_get_snapshot (document, 0);
  model = mapscope_snapshot_get_memory_size (snapshot);
  g_test_message ("%" G_GUINT64_FORMAT " MiB in %.1f s, %" G_GUINT64_FORMAT " regions; model %"
                  G_GUINT64_FORMAT " MiB, peak RSS growth %" G_GUINT64_FORMAT " MiB%s; %u progress calls",
                  stream->total / MIB, (g_get_monotonic_time () - start_time) / 1e6, n_expected,
                  model / MIB, growth / MIB, have_peak ? "" : " (VmHWM not reset)", progress.n_calls);

  /* Everything was read and kept... */
  g_assert_cmpuint (mapscope_document_get_n_snapshots (document), ==, 1);
  g_assert_cmpuint (mapscope_snapshot_get_n_regions (snapshot), ==, n_expected);
  g_assert_cmpuint (mapscope_document_get_n_warnings (document), ==, 0);
  /* ... with progress all along ... */
  g_assert_cmpuint (progress.last_done, ==, stream->total);
  g_assert_cmpuint (progress.n_calls, >=, stream->total / (4 * MIB));
  /* ... in memory bounded by the model, not by the input: the model stays
   * within its budget of 256 bytes a region, and the load costs at most a
   * few times the model (the region array grows by doubling; ASan keeps
   * freed blocks in quarantine) plus a constant for buffers. */
  g_assert_cmpuint (model, <=, n_expected * 256 + 64 * 1024);
  if (have_peak)
    {
      guint64 bound = UNDER_ASAN ? 4 * model + 384 * MIB : 3 * model + 128 * MIB;

      g_assert_cmpuint (growth, <=, bound);
      g_assert_cmpuint (growth, <, stream->total / 4);
    }
}

static void
test_huge_stream_cancel (void)
{
  g_autoptr(RepeatStream) stream = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(MapscopeDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  Progress progress = { 0 };
  gsize unit_len;

  stream = repeat_stream_new (2560 * MIB, &unit_len);
  progress.total = stream->total;
  progress.cancellable = cancellable;
  progress.cancel_at = 64 * MIB;

  document = mapscope_document_load_stream (G_INPUT_STREAM (stream), "huge.smaps", stream->total,
                                            cancellable, on_progress, &progress, &error);

  g_assert_null (document);
  g_assert_error (error, MAPSCOPE_PARSE_ERROR, MAPSCOPE_PARSE_ERROR_CANCELLED);
  g_assert_cmpstr (error->message, ==, "huge.smaps: loading was cancelled");
  /* It stops soon after: within a few chunks of reading ahead. */
  g_assert_cmpuint (progress.done_at_cancel, >=, 64 * MIB);
  g_assert_cmpuint (stream->produced, <, progress.done_at_cancel + 32 * MIB);
  g_assert_cmpuint (progress.calls_after_cancel, <=, 16);
}

/* The CLI reads a big input from standard input with bounded memory. */
static void
test_huge_stream_cli (void)
{
  const guint64 size = UNDER_ASAN ? 512 * MIB : 1024 * MIB;
  g_autoptr(RepeatStream) stream = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out_path = g_build_filename (tmp_dir, "huge-out", NULL);
  g_autofree char *err_path = g_build_filename (tmp_dir, "huge-err", NULL);
  g_autofree char *rss_path = g_build_filename (tmp_dir, "huge-rss", NULL);
  g_autofree char *out = NULL;
  g_autofree char *rss_text = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *snapshot;
  gboolean timed = g_file_test ("/usr/bin/time", G_FILE_TEST_IS_EXECUTABLE);
  gsize unit_len;
  gssize written;

  stream = repeat_stream_new (size, &unit_len);

  if (timed)
    {
      /* GNU time gives the maximum RSS of the CLI, in KiB. */
      g_ptr_array_add (argv, (char *)"/usr/bin/time");
      g_ptr_array_add (argv, (char *)"-f");
      g_ptr_array_add (argv, (char *)"%M");
      g_ptr_array_add (argv, (char *)"-o");
      g_ptr_array_add (argv, rss_path);
    }
  g_ptr_array_add (argv, (char *)MAPSCOPE_CLI);
  g_ptr_array_add (argv, (char *)"summary");
  g_ptr_array_add (argv, (char *)"--json");
  g_ptr_array_add (argv, (char *)"-");
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE);
  g_subprocess_launcher_set_stdout_file_path (launcher, out_path);
  g_subprocess_launcher_set_stderr_file_path (launcher, err_path);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *)argv->pdata, &error);
  g_assert_no_error (error);

  written = g_output_stream_splice (g_subprocess_get_stdin_pipe (process), G_INPUT_STREAM (stream),
                                    G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (written, ==, stream->total);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);

  g_assert_true (g_file_get_contents (out_path, &out, NULL, NULL));
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  snapshot = json_array_get_object_element (
    json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "snapshots"),
    0);
  g_assert_cmpint (json_object_get_int_member (snapshot, "region_count"), ==,
                   stream->total / unit_len);

  if (timed && g_file_get_contents (rss_path, &rss_text, NULL, NULL))
    {
      guint64 max_rss = g_ascii_strtoull (rss_text, NULL, 10) * 1024;
      guint64 n_regions = stream->total / unit_len;

      g_test_message ("mapscope-cli summary read %" G_GUINT64_FORMAT " MiB from standard input "
                      "in at most %" G_GUINT64_FORMAT " MiB", stream->total / MIB, max_rss / MIB);

      /* The model's budget, a few times over, plus what the program
       * needs anyway (ASan's shadow memory and quarantine are large). */
      g_assert_cmpuint (max_rss, <, 3 * 256 * n_regions + (UNDER_ASAN ? 192 : 64) * MIB);
      g_assert_cmpuint (max_rss, <, stream->total / 2);
    }
}

/* A directory or an unreadable file --------------------------------------- */

static void
test_directory (void)
{
  g_autofree char *dir = g_build_filename (tmp_dir, "a-directory", NULL);
  g_autofree char *expected = NULL;
  g_autofree char *good = g_test_build_filename (G_TEST_DIST, "data", "real", "zoo.maps", NULL);
  g_autoptr(CliResult) result = NULL;
  g_autoptr(CliResult) both = NULL;
  const char *args[] = { "summary", dir, good, NULL };

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  expected = g_strdup_printf ("%s: cannot open: it is a directory", dir);
  assert_load_error (dir, MAPSCOPE_PARSE_ERROR_READ, expected);

  result = run_cli ("summary", dir);
  assert_cli_status (result, 1);
  assert_cli_message (result, dir, 0, "cannot open: it is a directory, not a file");

  /* The other FILEs are still done; the status says one failed. */
  both = run_cli_argv (args, NULL, FALSE);
  assert_cli_status (both, 1);
  g_assert_nonnull (strstr (both->out, "zoo.maps"));
}

static void
test_unreadable (void)
{
  g_autofree char *text = read_real ("zoo.maps", NULL);
  g_autofree char *path = write_input ("unreadable.maps", text, strlen (text));
  g_autoptr(CliResult) result = NULL;
  g_autoptr(CliResult) mem_result = NULL;
  const char *args[] = { "summary", path, NULL };
  const char *mem_args[] = { "summary", "/proc/self/mem", NULL };

  g_assert_cmpint (g_chmod (path, 0), ==, 0);

  if (geteuid () != 0)
    {
      g_autofree char *expected = g_strdup_printf ("%s: cannot open: permission denied", path);

      assert_load_error (path, MAPSCOPE_PARSE_ERROR_READ, expected);
      result = run_cli_argv (args, NULL, FALSE);
    }
  else
    {
      /* Root reads anything: run the CLI as nobody, which also cannot
       * enter the test's private directory. */
      result = run_cli_argv (args, NULL, TRUE);
    }
  assert_cli_status (result, 1);
  assert_cli_message (result, path, 0, "cannot open: permission denied");

  /* A file that opens but cannot be read: /proc/self/mem fails at its
   * first read (nothing is mapped at address 0). */
  assert_load_error ("/proc/self/mem", MAPSCOPE_PARSE_ERROR_READ, "/proc/self/mem:1: cannot read");
  mem_result = run_cli_argv (mem_args, NULL, FALSE);
  assert_cli_status (mem_result, 1);
  assert_cli_message (mem_result, "/proc/self/mem", 1, "cannot read further");
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  tmp_dir = g_dir_make_tmp ("mapscope-badinput-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/badinput/empty", test_empty);
  g_test_add_func ("/badinput/binary", test_binary);
  g_test_add_func ("/badinput/nul-bytes", test_nul_bytes);
  g_test_add_func ("/badinput/cut-in-region", test_cut_in_region);
  g_test_add_func ("/badinput/cut-in-line", test_cut_in_line);
  g_test_add_func ("/badinput/crlf", test_crlf);
  g_test_add_func ("/badinput/long-line", test_long_line);
  g_test_add_func ("/badinput/overflow", test_overflow);
  g_test_add_func ("/badinput/end-below-start", test_end_below_start);
  g_test_add_func ("/badinput/overlap", test_overlap);
  g_test_add_func ("/badinput/field-twice", test_field_twice);
  g_test_add_func ("/badinput/unknown-fields", test_unknown_fields);
  g_test_add_func ("/badinput/non-utf8-path", test_non_utf8_path);
  g_test_add_func ("/badinput/huge-stream", test_huge_stream);
  g_test_add_func ("/badinput/huge-stream-cancel", test_huge_stream_cancel);
  g_test_add_func ("/badinput/huge-stream-cli", test_huge_stream_cli);
  g_test_add_func ("/badinput/directory", test_directory);
  g_test_add_func ("/badinput/unreadable", test_unreadable);

  status = g_test_run ();

  /* Remove the temporary files, even those a failed test left behind. */
  {
    g_autoptr(GFile) dir = g_file_new_for_path (tmp_dir);
    g_autoptr(GFileEnumerator) children = NULL;
    GFileInfo *info;
    GFile *child;

    children = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                          G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
    while (children != NULL && g_file_enumerator_iterate (children, &info, &child, NULL, NULL) &&
           info != NULL)
      {
        g_autoptr(GFileEnumerator) grandchildren =
          g_file_enumerate_children (child, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                     G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
        GFileInfo *inner_info;
        GFile *inner;

        while (grandchildren != NULL &&
               g_file_enumerator_iterate (grandchildren, &inner_info, &inner, NULL, NULL) &&
               inner_info != NULL)
          g_file_delete (inner, NULL, NULL);
        g_file_delete (child, NULL, NULL);
      }
    g_file_delete (dir, NULL, NULL);
  }
  g_free (tmp_dir);

  return status;
}
