/* fuzz-pmap.c: the pmap parsers (plain, -x, -X, -XX), forced
 *
 * The first byte picks which pmap header goes before the rest of the
 * input: the "PID:   command" line alone (plain pmap) or followed by the
 * column line of -x, -X or -XX, as procps-ng 4 prints them. The rest is
 * then read as rows and totals of that variant.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "fuzz-common.h"

static const char *const headers[] = {
  "6536:   ./zoo\n",
  "6536:   ./zoo\n"
  "Address           Kbytes     RSS   Dirty Mode  Mapping\n",
  "6536:   ./zoo\n"
  "         Address Perm   Offset Device    Inode   Size    Rss    Pss Pss_Dirty Referenced "
  "Anonymous KSM LazyFree ShmemPmdMapped FilePmdMapped Shared_Hugetlb Private_Hugetlb Swap "
  "SwapPss Locked THPeligible Mapping\n",
  "6536:   ./zoo\n"
  "         Address Perm   Offset Device    Inode   Size KernelPageSize MMUPageSize    Rss    "
  "Pss Pss_Dirty Shared_Clean Shared_Dirty Private_Clean Private_Dirty Referenced Anonymous KSM "
  "LazyFree AnonHugePages ShmemPmdMapped FilePmdMapped Shared_Hugetlb Private_Hugetlb Swap "
  "SwapPss Locked THPeligible              VmFlags Mapping\n",
  /* no header: the fuzzer writes its own column line */
  "6536:   ./zoo\n         ",
};

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  if (size == 0)
    return 0;

  fuzz_load_and_check (headers[data[0] % G_N_ELEMENTS (headers)], data + 1, size - 1);
  return 0;
}
