/* fuzz-document.c: format detection and every parser, from raw bytes
 *
 * The input goes to mapscope_document_load_data() as it is, so the fuzzer
 * has to find the formats on its own: the way in for mixed logs, gzip
 * magic, separators and garbage. The parsed document is then summarised
 * and turned into JSON (see fuzz-common.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "fuzz-common.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  fuzz_load_and_check (NULL, data, size);
  return 0;
}
