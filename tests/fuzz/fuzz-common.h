/* fuzz-common.h: what every Mapscope fuzz harness shares
 *
 * Each harness defines LLVMFuzzerTestOneInput(). Built with
 * -Dfuzzing=true (clang, -fsanitize=fuzzer) that is driven by libFuzzer;
 * in normal builds fuzz-replay.c supplies a main() that runs it over the
 * files and directories given on its command line, so the seed corpus and
 * the regression inputs are replayed by `meson test --suite fuzz`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "mapscope-core.h"

G_BEGIN_DECLS

int               LLVMFuzzerInitialize    (int            *argc,
                                           char         ***argv);
int               LLVMFuzzerTestOneInput  (const uint8_t  *data,
                                           size_t          size);

/* Loads PREFIX followed by DATA with mapscope_document_load_data(), checks
 * the error if there is one, and otherwise exercises the document with
 * fuzz_check_document(). */
void              fuzz_load_and_check     (const char     *prefix,
                                           const uint8_t  *data,
                                           size_t          size);

/* The invariants of a loaded document, checked with g_assert (a failure
 * aborts, which the fuzzer reports as a crash); then the summary and the
 * JSON of every snapshot and region are built and parsed back. */
void              fuzz_check_document     (MapscopeDocument *document);
void              fuzz_check_error        (const GError     *error,
                                           const char       *source);
/* NODE as text must be valid UTF-8 and read back with json-glib. */
void              fuzz_check_json         (JsonNode         *node);

G_END_DECLS
