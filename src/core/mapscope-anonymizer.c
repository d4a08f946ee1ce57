/* mapscope-anonymizer.c: takes user names, home directories and the host
 * name out of paths and commands before anything leaves the machine
 *
 * A report is built from an anonymised copy of each snapshot rather than by
 * rewriting its text afterwards, so every path that reaches it (tables,
 * findings, the labels drawn into the map image) has already been cleaned.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mapscope-anonymizer.h"

#include <string.h>

#include "mapscope-snapshot-private.h"

struct _MapscopeAnonymizer
{
  GRegex *home;    /* /home/NAME, for any NAME */
  GRegex *names;   /* the user's and the host's names, as whole words; or NULL */
  char   *user_name;
  char   *host_name;
};

/* Names too short or too common to mean anyone are left alone: replacing
 * "root" would also rewrite "/root" and "chroot". */
static gboolean
is_identifying (const char *name)
{
  return name != NULL && strlen (name) >= 2
    && !g_str_equal (name, "root") && !g_str_equal (name, "localhost");
}

/* A host name is distinctive enough to replace wherever it occurs (as in
 * "libmyhost.so"); a user name only as a word of its own, so that "al" does
 * not rewrite "malloc". */
static void
add_alternative (GString    *pattern,
                 const char *name,
                 gboolean    whole_word)
{
  g_autofree char *escaped = NULL;

  if (!is_identifying (name))
    return;
  escaped = g_regex_escape_string (name, -1);
  g_string_append_printf (pattern, whole_word ? "%s(?<![A-Za-z0-9])%s(?![A-Za-z0-9])" : "%s%s",
                          pattern->len > 0 ? "|" : "", escaped);
}

/**
 * mapscope_anonymizer_new:
 * @user_name: (nullable): the name to remove, or %NULL for this user's
 * @host_name: (nullable): the host name to remove, or %NULL for this machine's
 */
MapscopeAnonymizer *
mapscope_anonymizer_new (const char *user_name,
                         const char *host_name)
{
  MapscopeAnonymizer *self = g_new0 (MapscopeAnonymizer, 1);
  g_autoptr(GString) pattern = g_string_new (NULL);
  g_autofree char *short_host = NULL;

  self->user_name = g_strdup (user_name != NULL ? user_name : g_get_user_name ());
  self->host_name = g_strdup (host_name != NULL ? host_name : g_get_host_name ());
  short_host = g_strndup (self->host_name, strcspn (self->host_name, "."));

  self->home = g_regex_new ("/home/[^/\\s]+", G_REGEX_OPTIMIZE, 0, NULL);
  add_alternative (pattern, self->host_name, FALSE);
  if (!g_str_equal (short_host, self->host_name))
    add_alternative (pattern, short_host, FALSE);
  add_alternative (pattern, self->user_name, TRUE);
  if (pattern->len > 0)
    self->names = g_regex_new (pattern->str, G_REGEX_OPTIMIZE, 0, NULL);

  return self;
}

void
mapscope_anonymizer_free (MapscopeAnonymizer *self)
{
  if (self == NULL)
    return;
  g_regex_unref (self->home);
  g_clear_pointer (&self->names, g_regex_unref);
  g_free (self->user_name);
  g_free (self->host_name);
  g_free (self);
}

static gboolean
replace_name (const GMatchInfo *match_info,
              GString          *result,
              gpointer          user_data)
{
  MapscopeAnonymizer *self = user_data;
  g_autofree char *word = g_match_info_fetch (match_info, 0);

  g_string_append (result, g_str_equal (word, self->user_name) ? "USER" : "HOST");
  return FALSE;
}

/**
 * mapscope_anonymizer_apply:
 *
 * Returns: (transfer full) (nullable): @text with `/home/NAME` as
 *   `/home/USER`, the user's name as `USER` and the host name as `HOST`
 */
char *
mapscope_anonymizer_apply (MapscopeAnonymizer *self,
                           const char         *text)
{
  g_autofree char *homeless = NULL;

  if (text == NULL)
    return NULL;

  homeless = g_regex_replace_literal (self->home, text, -1, 0, "/home/USER", 0, NULL);
  if (homeless == NULL)
    return g_strdup (text);
  if (self->names == NULL)
    return g_steal_pointer (&homeless);

  return g_regex_replace_eval (self->names, homeless, -1, 0, 0, replace_name, self, NULL);
}

static void
copy_region (MapscopeAnonymizer   *self,
             MapscopeSnapshot     *copy,
             MapscopeSnapshot     *snapshot,
             const MapscopeRegion *region)
{
  MapscopeRegion *target = _mapscope_snapshot_append_region (copy);
  guint n_fields = mapscope_snapshot_get_n_fields (snapshot);
  g_autofree char *path = mapscope_anonymizer_apply (self, region->path);

  *target = *region;
  target->present = 0;
  target->flags &= ~MAPSCOPE_REGION_HAS_EXTRAS;
  target->path = path != NULL ? _mapscope_snapshot_intern (copy, path) : NULL;
  if (region->vmflags_text != NULL)
    target->vmflags_text = _mapscope_snapshot_intern (copy, region->vmflags_text);

  for (guint field = 0; field < n_fields; field++)
    {
      guint64 value;

      if (mapscope_snapshot_get_value (snapshot, region, field, &value))
        _mapscope_snapshot_set_value (copy, target, field, value);
    }
}

/**
 * mapscope_anonymizer_copy_snapshot:
 *
 * Returns: (transfer full): a copy of @snapshot whose source, command and
 *   region paths went through mapscope_anonymizer_apply()
 */
MapscopeSnapshot *
mapscope_anonymizer_copy_snapshot (MapscopeAnonymizer *self,
                                   MapscopeSnapshot   *snapshot)
{
  g_autofree char *source = mapscope_anonymizer_apply (self,
                                                       mapscope_snapshot_get_source (snapshot));
  g_autofree char *command = mapscope_anonymizer_apply (self,
                                                        mapscope_snapshot_get_command (snapshot));
  const MapscopeRegion *rollup = mapscope_snapshot_get_rollup (snapshot);
  guint n_fields = mapscope_snapshot_get_n_fields (snapshot);
  MapscopeSnapshot *copy = _mapscope_snapshot_new (source, mapscope_snapshot_get_format (snapshot));
  guint n_regions = 0;
  const MapscopeRegion *regions = mapscope_snapshot_get_regions (snapshot, &n_regions);

  /* Extra fields first, so they keep their ids in the copy. */
  for (guint field = MAPSCOPE_N_KNOWN_FIELDS; field < n_fields; field++)
    _mapscope_snapshot_ensure_extra_field (copy, mapscope_snapshot_get_field_name (snapshot, field),
                                           mapscope_snapshot_field_is_kb (snapshot, field));

  _mapscope_snapshot_set_pid (copy, mapscope_snapshot_get_pid (snapshot));
  _mapscope_snapshot_set_command (copy, command);
  _mapscope_snapshot_set_timestamp (copy, mapscope_snapshot_get_timestamp (snapshot));
  _mapscope_snapshot_set_source_line (copy, mapscope_snapshot_get_source_line (snapshot));

  if (rollup != NULL)
    {
      copy_region (self, copy, snapshot, rollup);
      _mapscope_snapshot_mark_rollup (copy);
    }
  for (guint i = 0; i < n_regions; i++)
    copy_region (self, copy, snapshot, &regions[i]);

  _mapscope_snapshot_finish (copy);
  return copy;
}
