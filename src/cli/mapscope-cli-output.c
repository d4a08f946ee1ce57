/* mapscope-cli-output.c: buffered standard output for the CLI
 *
 * Everything the CLI prints on standard output is appended to one GString
 * and written in large chunks, so listing a huge map costs a few write(2)
 * calls rather than one per line.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mapscope-cli-output.h"

#include <errno.h>
#include <stdio.h>

#define CHUNK_SIZE (64 * 1024)

/* errno of the first failed write, 0 while all went well */
static int write_errno;

GString *
mapscope_cli_output_new (void)
{
  return g_string_sized_new (CHUNK_SIZE + 4096);
}

static void
write_out (GString *out)
{
  if (out->len > 0 && write_errno == 0
      && fwrite (out->str, 1, out->len, stdout) != out->len)
    write_errno = errno != 0 ? errno : EIO;

  g_string_truncate (out, 0);
}

void
mapscope_cli_output_maybe_flush (GString *out)
{
  if (out->len >= CHUNK_SIZE)
    write_out (out);
}

void
mapscope_cli_output_flush (GString *out)
{
  write_out (out);

  if (write_errno == 0 && fflush (stdout) != 0)
    write_errno = errno != 0 ? errno : EIO;
}

/* Returns FALSE, after saying so on standard error, when standard output
 * could not be written (a full disk, a closed pipe with SIGPIPE ignored). */
gboolean
mapscope_cli_output_finish (GString *out)
{
  mapscope_cli_output_flush (out);

  if (write_errno != 0)
    {
      g_printerr ("mapscope-cli: cannot write to standard output: %s\n",
                  g_strerror (write_errno));
      return FALSE;
    }

  return TRUE;
}

void
mapscope_cli_output_append_json (GString       *out,
                                 JsonGenerator *generator,
                                 JsonNode      *node)
{
  json_generator_set_root (generator, node);
  json_generator_to_gstring (generator, out);
}
