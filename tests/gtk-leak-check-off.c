/* gtk-leak-check-off.c: LeakSanitizer stays off in the GTK test programs
 *
 * Fontconfig, Pango, HarfBuzz and GTK keep process-wide caches that are
 * never freed, and the allocation stacks LeakSanitizer records through
 * those libraries (built without frame pointers) cannot be told apart from
 * ours; the slow unwinder that could tell them apart makes these tests too
 * slow for CI. AddressSanitizer and UndefinedBehaviorSanitizer still check
 * every access in these programs; leaks are checked in the core, CLI and
 * live suites (LeakSanitizer) and by valgrind on the CLI.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

int __lsan_is_turned_off (void);

int
__lsan_is_turned_off (void)
{
  return 1;
}
