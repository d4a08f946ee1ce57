/* fuzz-chunks.c: the parser must not care where the reads split the input
 *
 * The streaming parser takes data in chunks of any size. Lines cut by a
 * chunk boundary go through a carry buffer, and the fast path for smaps
 * field lines only runs with 128 bytes of look-ahead, so one input fed in
 * one piece and fed in small pieces takes different paths through the
 * code. Both must give the same snapshots, regions, values and warnings.
 * So must the input fed in one piece with the fast paths turned off (the
 * field template, the fast field lines and the exact mapping lines): every
 * line then takes the general path.
 *
 * Every chunk is copied to a heap block of exactly its size, so ASan sees
 * any read past the end of the data the parser was given.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include <string.h>

#include "fuzz-common.h"
#include "mapscope-test-compare.h"
#include "mapscope-parser-private.h"

#define SOURCE "fuzz-input"

typedef struct
{
  GPtrArray *snapshots;
  GArray    *warnings;
  guint64    n_lines;
  char      *error;
} Result;

static void
result_clear (Result *result)
{
  if (result->warnings != NULL)
    {
      for (guint i = 0; i < result->warnings->len; i++)
        g_free (g_array_index (result->warnings, MapscopeWarning, i).message);
      g_array_unref (result->warnings);
    }
  g_clear_pointer (&result->snapshots, g_ptr_array_unref);
  g_clear_pointer (&result->error, g_free);
}

/* A small generator of chunk sizes, seeded by the input, so that a crash
 * replays exactly. */
static guint32
next_random (guint32 *state)
{
  *state ^= *state << 13;
  *state ^= *state >> 17;
  *state ^= *state << 5;
  return *state;
}

static void
parse (const uint8_t *data,
       size_t         size,
       gsize          max_chunk,
       guint32        seed,
       gboolean       fast_paths,
       Result        *result)
{
  MapscopeParser *parser = _mapscope_parser_new (SOURCE);
  g_autoptr(GError) error = NULL;
  gboolean ok = TRUE;
  gsize done = 0;

  _mapscope_parser_set_fast_paths (parser, fast_paths);

  while (ok && done < size)
    {
      gsize n = size - done;
      g_autofree char *chunk = NULL;

      if (max_chunk > 0)
        {
          /* Not inside MIN (), which would evaluate it twice. */
          gsize limit = 1 + next_random (&seed) % max_chunk;

          n = MIN (n, limit);
        }
      chunk = g_memdup2 (data + done, n);
      ok = _mapscope_parser_feed (parser, chunk, n, &error);
      done += n;
    }

  if (ok)
    ok = _mapscope_parser_finish (parser, &error);

  memset (result, 0, sizeof *result);
  result->n_lines = _mapscope_parser_get_n_lines (parser);
  if (ok)
    {
      result->snapshots = _mapscope_parser_steal_snapshots (parser);
      result->warnings = _mapscope_parser_steal_warnings (parser);
    }
  else
    {
      g_assert_nonnull (error);
      result->error = g_strdup (error->message);
    }

  _mapscope_parser_free (parser);
}

static void
print_warnings (const char   *label,
                const Result *result)
{
  for (guint i = 0; i < result->warnings->len; i++)
    {
      const MapscopeWarning *warning = &g_array_index (result->warnings, MapscopeWarning, i);

      g_printerr ("%s:%" G_GUINT64_FORMAT ": %s\n", label, warning->line, warning->message);
    }
}

static void
assert_same_result (const Result *a,
                    const Result *b)
{
  g_assert_cmpstr (a->error, ==, b->error);
  g_assert_cmpuint (a->n_lines, ==, b->n_lines);
  if (a->error != NULL)
    return;

  if (a->warnings->len != b->warnings->len)
    {
      print_warnings ("in one piece", a);
      print_warnings ("in chunks", b);
    }
  g_assert_cmpuint (a->warnings->len, ==, b->warnings->len);
  for (guint i = 0; i < a->warnings->len; i++)
    {
      const MapscopeWarning *wa = &g_array_index (a->warnings, MapscopeWarning, i);
      const MapscopeWarning *wb = &g_array_index (b->warnings, MapscopeWarning, i);

      g_assert_cmpuint (wa->line, ==, wb->line);
      g_assert_cmpstr (wa->message, ==, wb->message);
    }

  g_assert_cmpuint (a->snapshots->len, ==, b->snapshots->len);
  for (guint i = 0; i < a->snapshots->len; i++)
    mapscope_test_assert_snapshots_equal (g_ptr_array_index (a->snapshots, i),
                                          g_ptr_array_index (b->snapshots, i));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  Result whole, pieces, bytes, general;
  guint32 seed = 2166136261u;

  for (gsize i = 0; i < size; i++)
    seed = (seed ^ data[i]) * 16777619u;
  seed |= 1;

  parse (data, size, 0, seed, TRUE, &whole);
  parse (data, size, 200, seed, TRUE, &pieces);
  assert_same_result (&whole, &pieces);
  result_clear (&pieces);

  parse (data, size, 0, seed, FALSE, &general);
  assert_same_result (&whole, &general);
  result_clear (&general);

  /* One byte at a time: the fast path never runs. Only for small inputs,
   * to keep the fuzzer fast. */
  if (size <= 4096)
    {
      parse (data, size, 1, seed, TRUE, &bytes);
      assert_same_result (&whole, &bytes);
      result_clear (&bytes);
    }

  result_clear (&whole);
  return 0;
}
