/* fuzz-smaps.c: the /proc parsers (smaps, smaps_rollup, maps), forced
 *
 * The first byte picks a context that is put before the rest of the input,
 * so every input is read inside an open region and the fuzzer spends its
 * time on field lines, mapping lines and their corner cases rather than on
 * finding the format.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "fuzz-common.h"

static const char *const contexts[] = {
  /* smaps: an open region with its first field */
  "7f0000000000-7f0000021000 rw-p 00000000 00:00 0                          [heap]\n"
  "Size:                132 kB\n",
  /* smaps with a whole region first, so the field order is learned */
  "55d4a0a00000-55d4a0a02000 r--p 00000000 fe:00 131090                     /usr/bin/sleep\n"
  "Size:                  8 kB\n"
  "KernelPageSize:        4 kB\n"
  "MMUPageSize:           4 kB\n"
  "Rss:                   8 kB\n"
  "Pss:                   8 kB\n"
  "Pss_Dirty:             0 kB\n"
  "Shared_Clean:          0 kB\n"
  "Shared_Dirty:          0 kB\n"
  "Private_Clean:         8 kB\n"
  "Private_Dirty:         0 kB\n"
  "Referenced:            8 kB\n"
  "Anonymous:             0 kB\n"
  "Swap:                  0 kB\n"
  "SwapPss:               0 kB\n"
  "Locked:                0 kB\n"
  "THPeligible:           0\n"
  "VmFlags: rd mr mw me sd \n"
  "55d4a0a02000-55d4a0a06000 r-xp 00002000 fe:00 131090                     /usr/bin/sleep\n",
  /* maps */
  "55d4a0a00000-55d4a0a02000 r--p 00000000 fe:00 131090                     /usr/bin/sleep\n",
  /* smaps_rollup */
  "565252561000-7fffae440000 ---p 00000000 00:00 0                          [rollup]\n"
  "Rss:              272816 kB\n",
};

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  if (size == 0)
    return 0;

  fuzz_load_and_check (contexts[data[0] % G_N_ELEMENTS (contexts)], data + 1, size - 1);
  return 0;
}
