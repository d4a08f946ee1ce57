/* mapscope-cli-leak-check.c: what LeakSanitizer may ignore in the CLI
 *
 * Drawing text with Cairo loads fontconfig's configuration (parsed with
 * expat), which fontconfig keeps for the life of the process and never
 * frees. Under the sanitizer build that would fail every `map` run; these
 * suppressions name only those two libraries, so a leak of Mapscope's own
 * memory still fails. Without LeakSanitizer this function is never called.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

const char *__lsan_default_suppressions (void);

const char *
__lsan_default_suppressions (void)
{
  return "leak:libfontconfig.so\n"
         "leak:libexpat.so\n";
}
