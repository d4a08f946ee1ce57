/* mapscope-vmflags.c: the VmFlags codes, as documented in the kernel's
 * Documentation/filesystems/proc.rst
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <glib/gi18n.h>

#include "mapscope-vmflags.h"

static const MapscopeVmFlagInfo known_flags[] = {
  { "rd", N_("readable") },
  { "wr", N_("writable") },
  { "ex", N_("executable") },
  { "sh", N_("shared") },
  { "mr", N_("may be made readable") },
  { "mw", N_("may be made writable") },
  { "me", N_("may be made executable") },
  { "ms", N_("may be shared") },
  { "gd", N_("stack segment that grows down") },
  { "pf", N_("pure PFN range (no struct page behind it)") },
  { "dw", N_("writes to the mapped file are disabled") },
  { "lo", N_("pages are locked in memory (mlock)") },
  { "io", N_("memory-mapped I/O area") },
  { "sr", N_("sequential read advice given (madvise)") },
  { "rr", N_("random read advice given (madvise)") },
  { "dc", N_("not copied to the child on fork") },
  { "de", N_("not expanded when remapped") },
  { "ac", N_("accounted against the commit limit") },
  { "nr", N_("no swap space reserved for it") },
  { "ht", N_("uses huge TLB pages (hugetlbfs)") },
  { "sf", N_("synchronous page faults") },
  { "ar", N_("architecture-specific flag") },
  { "wf", N_("wiped (zeroed) in the child on fork") },
  { "dd", N_("left out of core dumps") },
  { "sd", N_("soft-dirty") },
  { "mm", N_("mixed map area") },
  { "hg", N_("transparent huge pages advised (madvise)") },
  { "nh", N_("transparent huge pages refused (madvise)") },
  { "mg", N_("mergeable by KSM (madvise)") },
  { "bt", N_("arm64 BTI guarded page") },
  { "mt", N_("arm64 MTE allocation tags enabled") },
  { "um", N_("userfaultfd missing-page tracking") },
  { "uw", N_("userfaultfd write-protect tracking") },
  { "ui", N_("userfaultfd minor-fault tracking") },
  { "ss", N_("shadow stack") },
  { "sl", N_("sealed (mseal)") },
  { "lf", N_("locked on fault (mlock2 MLOCK_ONFAULT)") },
  { "dp", N_("always lazily freeable") },
  { "gu", N_("holds guard regions (madvise guard)") },
};

G_STATIC_ASSERT (G_N_ELEMENTS (known_flags) <= 64);

guint
mapscope_vmflags_get_n_known (void)
{
  return G_N_ELEMENTS (known_flags);
}

const MapscopeVmFlagInfo *
mapscope_vmflags_get_info (guint index)
{
  g_return_val_if_fail (index < G_N_ELEMENTS (known_flags), NULL);
  return &known_flags[index];
}

/* Index + 1 of each known code, by its two letters; 0 for unknown. */
static guint8 code_table[26][26];

static void
ensure_code_table (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      for (guint i = 0; i < G_N_ELEMENTS (known_flags); i++)
        code_table[known_flags[i].code[0] - 'a'][known_flags[i].code[1] - 'a'] = i + 1;
      g_once_init_leave (&initialized, 1);
    }
}

static gint
lookup_len (const char *code,
            gsize       len)
{
  if (len != 2 || code[0] < 'a' || code[0] > 'z' || code[1] < 'a' || code[1] > 'z')
    return -1;

  ensure_code_table ();
  return (gint)code_table[code[0] - 'a'][code[1] - 'a'] - 1;
}

/* Returns the index of a known code, or -1 for a code this version does not know. */
gint
mapscope_vmflags_lookup (const char *code)
{
  g_return_val_if_fail (code != NULL, -1);
  return lookup_len (code, strlen (code));
}

const char *
mapscope_vmflags_describe (const char *code)
{
  gint index = mapscope_vmflags_lookup (code);

  return index < 0 ? N_("unknown flag") : known_flags[index].meaning;
}

/* Decodes a space-separated VmFlags value into a bit mask of known codes. */
guint64
mapscope_vmflags_parse (const char *text,
                        gsize       len,
                        gboolean   *has_unknown)
{
  const char *p = text;
  const char *end = text + len;
  guint64 mask = 0;
  gboolean unknown = FALSE;

  while (p < end)
    {
      const char *word;
      gint index;

      while (p < end && (*p == ' ' || *p == '\t'))
        p++;
      word = p;
      while (p < end && *p != ' ' && *p != '\t')
        p++;
      if (p == word)
        break;

      index = lookup_len (word, p - word);
      if (index >= 0)
        mask |= G_GUINT64_CONSTANT (1) << index;
      else
        unknown = TRUE;
    }

  if (has_unknown != NULL)
    *has_unknown = unknown;

  return mask;
}

gboolean
mapscope_vmflags_test (guint64     mask,
                       const char *code)
{
  gint index;

  g_return_val_if_fail (code != NULL, FALSE);

  /* Classifying tests every region: no strlen () for a two-letter code. */
  index = code[0] != '\0' && code[1] != '\0' && code[2] == '\0' ? lookup_len (code, 2) : -1;

  return index >= 0 && (mask & (G_GUINT64_CONSTANT (1) << index)) != 0;
}

/* Splits a VmFlags text into its codes, unknown ones included. */
char **
mapscope_vmflags_split (const char *text)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) words = NULL;

  if (text == NULL)
    return g_strv_builder_end (builder);

  words = g_strsplit_set (text, " \t", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      if (words[i][0] != '\0')
        g_strv_builder_add (builder, words[i]);
    }

  return g_strv_builder_end (builder);
}
