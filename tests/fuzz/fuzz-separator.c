/* fuzz-separator.c: the separator and time parser of snapshot logs
 *
 * The line parser (_mapscope_separator_parse) gets the input as one line,
 * exactly the size of the input; then the input is loaded as a separator
 * line followed by one mapping, so that what the separator said (time, pid,
 * command) reaches the snapshot, its summary and its JSON.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include <string.h>

#include "fuzz-common.h"
#include "mapscope-separator.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GDateTime) timestamp = NULL;
  g_autofree char *command = NULL;
  g_autofree char *line = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GString) input = NULL;
  const void *newline;
  gint pid = -2;
  gsize line_len = size;

  /* One line: what the parser ever gives the separator code. */
  newline = memchr (data, '\n', size);
  if (newline != NULL)
    line_len = (const uint8_t *)newline - data;

  line = g_malloc (MAX (line_len, 1));
  memcpy (line, data, line_len);
  if (_mapscope_separator_parse (line, line_len, &timestamp, &pid, &command))
    {
      g_assert_cmpint (pid, >=, -1);
      if (timestamp != NULL)
        g_assert_cmpint (g_date_time_get_utc_offset (timestamp), ==, 0);
    }
  else
    {
      g_assert_null (timestamp);
      g_assert_null (command);
    }

  /* The time parser takes a NUL-terminated string. */
  text = g_strndup (line, line_len);
  g_clear_pointer (&timestamp, g_date_time_unref);
  timestamp = _mapscope_parse_time (text);

  input = g_string_new_len (line, line_len);
  g_string_append (input, "\n7f0000000000-7f0000001000 rw-p 00000000 00:00 0 [heap]\n");
  fuzz_load_and_check (NULL, (const uint8_t *)input->str, input->len);
  return 0;
}
