/* fuzz-diff.c: the diff and findings engines, given two parsed inputs
 *
 * The first two bytes say where the rest splits into an old and a new
 * input. Each is parsed; when both load, the old document's first snapshot
 * is diffed with the new one's last (and every snapshot with the next one of
 * its document, as a timeline is), findings are made for each snapshot, and
 * the JSON of the diff and of the findings must read back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include <string.h>

#include "fuzz-common.h"

static MapscopeDocument *
load_part (const uint8_t *data,
           size_t         size)
{
  /* Exactly the part's size, so ASan sees reads past its end. */
  g_autofree char *copy = g_malloc (MAX (size, 1));

  if (size > 0)
    memcpy (copy, data, size);

  return mapscope_document_load_data (copy, size, "fuzz-input", NULL);
}

static void
check_diff (MapscopeSnapshot *old_snapshot,
            MapscopeSnapshot *new_snapshot)
{
  g_autoptr(MapscopeDiff) diff = mapscope_diff_new (old_snapshot, new_snapshot);
  g_autoptr(JsonNode) node = NULL;
  guint n_entries = mapscope_diff_get_n_entries (diff);

  for (guint i = 0; i < n_entries; i++)
    g_assert_nonnull (mapscope_diff_get_entry (diff, i));
  for (guint i = 0; i < mapscope_snapshot_get_n_regions (new_snapshot); i++)
    g_assert_cmpint (mapscope_diff_find_new_entry (diff, i), <, (gint)n_entries);

  node = mapscope_json_diff (diff);
  fuzz_check_json (node);
}

static void
check_findings (MapscopeSnapshot *snapshot)
{
  MapscopeFindingsSettings settings;
  g_autoptr(MapscopeFindings) findings = NULL;
  g_autoptr(JsonNode) node = NULL;
  mapscope_findings_settings_init (&settings);
  findings = mapscope_findings_new (snapshot, &settings);

  for (guint i = 0; i < mapscope_findings_get_n_findings (findings); i++)
    {
      const MapscopeFinding *finding = mapscope_findings_get_finding (findings, i);

      g_assert_true (g_utf8_validate (finding->title, -1, NULL));
      g_assert_true (g_utf8_validate (finding->explanation, -1, NULL));
      for (guint r = 0; finding->regions != NULL && r < finding->regions->len; r++)
        g_assert_cmpuint (g_array_index (finding->regions, guint, r), <,
                          mapscope_snapshot_get_n_regions (finding->snapshot));
    }

  node = mapscope_json_findings (findings);
  fuzz_check_json (node);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(MapscopeDocument) old_document = NULL;
  g_autoptr(MapscopeDocument) new_document = NULL;
  size_t split;

  if (size < 2)
    return 0;

  split = data[0] | (data[1] << 8);
  data += 2;
  size -= 2;
  split %= size + 1;

  old_document = load_part (data, split);
  new_document = load_part (data + split, size - split);
  if (old_document == NULL || new_document == NULL)
    return 0;

  check_diff (mapscope_document_get_snapshot (old_document, 0),
              mapscope_document_get_snapshot (new_document,
                                              mapscope_document_get_n_snapshots (new_document) - 1));

  for (guint d = 0; d < 2; d++)
    {
      MapscopeDocument *document = d == 0 ? old_document : new_document;
      guint n = mapscope_document_get_n_snapshots (document);

      for (guint i = 0; i < n; i++)
        {
          check_findings (mapscope_document_get_snapshot (document, i));
          if (i + 1 < n)
            check_diff (mapscope_document_get_snapshot (document, i),
                        mapscope_document_get_snapshot (document, i + 1));
        }
    }

  return 0;
}
