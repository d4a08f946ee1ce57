/* fuzz-session.c: the session loader, from raw bytes
 *
 * The input is read with mapscope_session_load_data() (gzip or plain JSON;
 * the seeds in tests/data/sessions are plain JSON so that the fuzzer can
 * mutate them). A session that loads must hold snapshots every other part
 * relies on (see fuzz-common.c), must apply to a workspace, and written
 * back and read again it must write the very same text: nothing is lost
 * or invented on the way through. The same bytes then go through format
 * detection as a document, as the app and the CLI open them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include <stdlib.h>
#include <string.h>

#include "fuzz-common.h"

#define FUZZ_SOURCE "fuzz-input"

static char *
session_to_text (MapscopeSession *session,
                 gsize           *length)
{
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  g_assert_true (mapscope_session_write (session, stream, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (stream, NULL, NULL));
  *length = g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (stream));
  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (stream));
}

static void
check_session (MapscopeSession *session)
{
  g_autoptr(MapscopeWorkspace) workspace = mapscope_workspace_new ();
  g_autoptr(MapscopeSession) again = NULL;
  g_autoptr(MapscopeSession) from_workspace = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *text_again = NULL;
  gsize length, length_again;
  guint n = mapscope_session_get_n_snapshots (session);

  g_assert_cmpint (mapscope_session_get_current_index (session), <, (gint)n);
  g_assert_cmpint (mapscope_session_get_baseline_index (session), <, (gint)n);

  text = session_to_text (session, &length);
  g_assert_true (g_utf8_validate (text, length, NULL));
  again = mapscope_session_load_data (text, length, FUZZ_SOURCE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (again);
  text_again = session_to_text (again, &length_again);
  g_assert_cmpmem (text, length, text_again, length_again);

  mapscope_session_apply (session, workspace, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (mapscope_workspace_get_snapshots (workspace)), ==, n);
  from_workspace = mapscope_session_new_from_workspace (workspace);
  g_assert_cmpuint (mapscope_session_get_n_snapshots (from_workspace), ==, n);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(MapscopeSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *input = g_memdup2 (data, MAX (size, 1));

  session = mapscope_session_load_data (input, size, FUZZ_SOURCE, &error);
  if (session == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == MAPSCOPE_SESSION_ERROR);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      g_assert_true (g_str_has_prefix (error->message, FUZZ_SOURCE ": "));
    }
  else
    {
      check_session (session);
    }

  fuzz_load_and_check (NULL, data, size);
  return 0;
}
