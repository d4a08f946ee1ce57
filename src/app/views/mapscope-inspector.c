/* mapscope-inspector.c: everything known about the selected region
 *
 * Rebuilt from scratch whenever the workspace's selected region changes:
 * a region has a few dozen rows at most, so there is nothing to gain from
 * updating rows in place. The region's raw text is read back from the
 * snapshot's source file in a thread, since the region may sit near the end
 * of a file of tens of megabytes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include <adwaita.h>

#include "mapscope-category-swatch.h"
#include "mapscope-inspector.h"
#include "mapscope-units.h"
#include "mapscope-views-private.h"
#include "mapscope-vmflags.h"

/* Bounds on the raw text, so a damaged file cannot flood the label. */
#define RAW_MAX_LINES 80

typedef struct
{
  AdwPreferencesGroup *group;
  GtkWidget           *row;
} AddedRow;

struct _MapscopeInspector
{
  MapscopeView         parent_instance;

  /* template widgets */
  GtkStack            *stack;
  AdwPreferencesGroup *region_group;
  AdwPreferencesGroup *ratios_group;
  AdwPreferencesGroup *fields_group;
  AdwPreferencesGroup *vmflags_group;
  GtkLabel            *raw_label;

  /* owned */
  GArray              *added_rows;   /* of AddedRow, to remove on the next update */
  GHashTable          *texts;        /* field key → displayed value */
  char                *raw_text;     /* NULL while it is being read */
  GCancellable        *raw_cancellable;
};

G_DEFINE_FINAL_TYPE (MapscopeInspector, mapscope_inspector, MAPSCOPE_TYPE_VIEW)

/* Rows */

/* A row titled @title in @group; @text is what tests read under @key. */
static AdwActionRow *
append_row (MapscopeInspector   *self,
            AdwPreferencesGroup *group,
            const char          *key,
            const char          *title,
            const char          *text)
{
  GtkWidget *row = adw_action_row_new ();
  AddedRow added = { group, row };

  /* Paths and unknown field names may hold '&' or '<'. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_group_add (group, row);
  g_array_append_val (self->added_rows, added);
  g_hash_table_insert (self->texts, g_strdup (key), g_strdup (text));
  return ADW_ACTION_ROW (row);
}

/* A row with its value on the right. */
static AdwActionRow *
add_row (MapscopeInspector   *self,
         AdwPreferencesGroup *group,
         const char          *key,
         const char          *title,
         const char          *value,
         gboolean             monospace)
{
  AdwActionRow *row = append_row (self, group, key, title, value);

  adw_action_row_add_suffix (row, _mapscope_views_value_label (value, monospace));
  return row;
}

static void
add_row_take (MapscopeInspector   *self,
              AdwPreferencesGroup *group,
              const char          *key,
              const char          *title,
              char                *value,
              gboolean             monospace)
{
  add_row (self, group, key, title, value, monospace);
  g_free (value);
}

static void
clear_rows (MapscopeInspector *self)
{
  for (guint i = 0; i < self->added_rows->len; i++)
    {
      AddedRow *added = &g_array_index (self->added_rows, AddedRow, i);

      adw_preferences_group_remove (added->group, added->row);
    }
  g_array_set_size (self->added_rows, 0);
  g_hash_table_remove_all (self->texts);
}

/* The raw text, read in a thread */

typedef struct
{
  char    *path;
  guint64  first_line;   /* 1-based */
  guint64  end_line;     /* first line not to include; 0 when unknown */
  gboolean smaps;        /* a region spans its field lines */
} RawRequest;

static void
raw_request_free (RawRequest *request)
{
  g_free (request->path);
  g_free (request);
}

static gboolean
line_belongs_to_region (const RawRequest *request,
                        guint64           line_no,
                        const char       *line)
{
  if (line_no == request->first_line)
    return TRUE;
  if (request->end_line != 0)
    return line_no < request->end_line;
  /* The last region of a snapshot: smaps field lines are "Key: value". */
  return request->smaps && !mapscope_raw_line_starts_mapping (line) && strchr (line, ':') != NULL;
}

static void
read_raw_text_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  RawRequest *request = task_data;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *line = NULL;
  size_t line_size = 0;
  guint64 line_no = 0;
  guint n_taken = 0;
  FILE *file;

  file = fopen (request->path, "re");
  if (file == NULL)
    {
      int saved_errno = errno;

      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                               "%s", g_strerror (saved_errno));
      return;
    }

  while (getline (&line, &line_size, file) >= 0)
    {
      line_no++;
      if (line_no < request->first_line)
        {
          /* Checking every line would cost more than the reading. */
          if ((line_no & 0xffff) == 0 && g_cancellable_is_cancelled (cancellable))
            break;
          continue;
        }
      g_strchomp (line);
      if (!line_belongs_to_region (request, line_no, line) || n_taken == RAW_MAX_LINES)
        break;
      g_string_append (text, line);
      g_string_append_c (text, '\n');
      n_taken++;
    }
  fclose (file);

  if (g_task_return_error_if_cancelled (task))
    return;
  if (text->len > 0)
    g_string_truncate (text, text->len - 1);
  g_task_return_pointer (task, g_string_free (g_steal_pointer (&text), FALSE), g_free);
}

static void
set_raw_text (MapscopeInspector *self,
              char              *text)
{
  g_free (self->raw_text);
  self->raw_text = text;
  gtk_label_set_label (self->raw_label, text ? text : _("Reading…"));
}

static void
read_raw_text_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(MapscopeInspector) self = user_data;
  g_autoptr(GError) error = NULL;
  char *text = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error != NULL)
    /* Translators: %s is an error message from the system */
    text = g_strdup_printf (_("The raw text could not be read again: %s"), error->message);
  set_raw_text (self, text);
}

static void
start_reading_raw_text (MapscopeInspector    *self,
                        MapscopeSnapshot     *snapshot,
                        const MapscopeRegion *region)
{
  const char *source = mapscope_snapshot_get_source (snapshot);
  const char *carried = mapscope_snapshot_get_raw_text (snapshot, region);
  guint index = mapscope_snapshot_get_region_index (snapshot, region);
  const MapscopeRegion *next = NULL;
  g_autoptr(GTask) task = NULL;
  RawRequest *request;

  g_cancellable_cancel (self->raw_cancellable);
  g_clear_object (&self->raw_cancellable);

  /* A snapshot from a saved session carries its text: the source may be gone. */
  if (carried != NULL)
    {
      set_raw_text (self, g_strdup (carried));
      return;
    }

  /* Standard input, pipes and decompressed streams cannot be read again
   * at the same line numbers. */
  if (source == NULL || region->line == 0 ||
      !g_file_test (source, G_FILE_TEST_IS_REGULAR) ||
      g_str_has_suffix (source, ".gz") || g_str_has_suffix (source, ".xz") ||
      g_str_has_suffix (source, ".zst"))
    {
      set_raw_text (self, g_strdup (_("Not available: the snapshot was not read from a regular file.")));
      return;
    }

  if (index + 1 < mapscope_snapshot_get_n_regions (snapshot))
    next = mapscope_snapshot_get_region (snapshot, index + 1);

  request = g_new0 (RawRequest, 1);
  request->path = g_strdup (source);
  request->first_line = region->line;
  request->end_line = next != NULL && next->line > region->line ? next->line : 0;
  request->smaps = mapscope_snapshot_get_format (snapshot) == MAPSCOPE_FORMAT_SMAPS;

  set_raw_text (self, NULL);
  self->raw_cancellable = g_cancellable_new ();
  task = g_task_new (NULL, self->raw_cancellable, read_raw_text_cb, g_object_ref (self));
  g_task_set_source_tag (task, start_reading_raw_text);
  g_task_set_task_data (task, request, (GDestroyNotify)raw_request_free);
  g_task_run_in_thread (task, read_raw_text_thread);
}

/* Sections */

static void
show_region_section (MapscopeInspector    *self,
                     MapscopeSnapshot     *snapshot,
                     const MapscopeRegion *region)
{
  g_autofree char *start = _mapscope_views_format_address (region->start);
  g_autofree char *end = _mapscope_views_format_address (region->end);
  /* Translators: an address range, "start – end" */
  g_autofree char *range = g_strdup_printf (_("%s – %s"), start, end);
  AdwActionRow *row;
  char perms[5];

  /* Under the title, as the path is: as a suffix, two 64-bit addresses
   * squeezed the title to a letter per line. */
  row = add_row (self, self->region_group, "range", _("Range"), "", FALSE);
  g_hash_table_insert (self->texts, g_strdup ("range"), g_strdup (range));
  adw_action_row_set_subtitle (row, range);
  add_row_take (self, self->region_group, "size", _("Size"),
                _mapscope_views_format_bytes (mapscope_region_get_size (region)), FALSE);
  mapscope_region_format_perms (region, perms);
  add_row (self, self->region_group, "perms", _("Permissions"), perms, TRUE);
  row = add_row (self, self->region_group, "path", _("Path"), "", FALSE);
  g_hash_table_insert (self->texts, g_strdup ("path"),
                       g_strdup (region->path ? region->path : _("(anonymous)")));
  adw_action_row_set_subtitle (row, g_hash_table_lookup (self->texts, "path"));

  row = add_row (self, self->region_group, "category", _("Category"),
                 _(mapscope_category_get_label (region->category)), FALSE);
  adw_action_row_add_prefix (row, mapscope_category_swatch_new (region->category));
  /* Why the region got its category, in the row's subtitle. */
  adw_action_row_set_subtitle (row, _(mapscope_category_rule_describe (region->rule)));
  g_hash_table_insert (self->texts, g_strdup ("rule"),
                       g_strdup (_(mapscope_category_rule_describe (region->rule))));

  if (region->flags & MAPSCOPE_REGION_HAS_OFFSET)
    {
      add_row_take (self, self->region_group, "offset", _("Offset"),
                    g_strdup_printf ("0x%" G_GINT64_MODIFIER "x", region->offset), TRUE);
      add_row_take (self, self->region_group, "device", _("Device"),
                    mapscope_region_format_device (region), TRUE);
      add_row_take (self, self->region_group, "inode", _("Inode"),
                    g_strdup_printf ("%" G_GUINT64_FORMAT, region->inode), TRUE);
    }
  if (region->protection_key >= 0)
    add_row_take (self, self->region_group, "ProtectionKey", _("Protection key"),
                  g_strdup_printf ("%d", region->protection_key), FALSE);
  if (region->thp_eligible >= 0)
    add_row (self, self->region_group, "THPeligible", _("Transparent huge pages eligible"),
             region->thp_eligible ? _("Yes") : _("No"), FALSE);
}

static char *
format_field (MapscopeSnapshot     *snapshot,
              const MapscopeRegion *region,
              guint                 field_id)
{
  guint64 value;

  if (!mapscope_snapshot_get_value (snapshot, region, field_id, &value))
    return g_strdup ("—");
  if (mapscope_snapshot_field_is_kb (snapshot, field_id))
    return mapscope_format_kb (value);
  return g_strdup_printf ("%" G_GUINT64_FORMAT, value);
}

static void
show_fields_section (MapscopeInspector    *self,
                     MapscopeSnapshot     *snapshot,
                     const MapscopeRegion *region)
{
  guint n_fields = mapscope_snapshot_get_n_fields (snapshot);

  for (guint field_id = 0; field_id < n_fields; field_id++)
    {
      const char *name = mapscope_snapshot_get_field_name (snapshot, field_id);
      const char *title = name;

      if (!mapscope_snapshot_has_field (snapshot, field_id))
        continue;
      if (field_id < MAPSCOPE_N_KNOWN_FIELDS)
        title = _(mapscope_field_get_label (field_id));
      add_row_take (self, self->fields_group, name, title,
                    format_field (snapshot, region, field_id), FALSE);
    }
}

static void
show_ratios_section (MapscopeInspector    *self,
                     MapscopeSnapshot     *snapshot,
                     const MapscopeRegion *region)
{
  guint64 size_kb = mapscope_region_get_size (region) / 1024;
  guint64 rss = 0, private_dirty = 0, swap = 0;
  gboolean has_rss = mapscope_snapshot_get_value (snapshot, region, MAPSCOPE_FIELD_RSS, &rss);
  gboolean has_private_dirty =
    mapscope_snapshot_get_value (snapshot, region, MAPSCOPE_FIELD_PRIVATE_DIRTY, &private_dirty);
  gboolean has_swap = mapscope_snapshot_get_value (snapshot, region, MAPSCOPE_FIELD_SWAP, &swap);

  add_row_take (self, self->ratios_group, "rss-ratio", _("RSS / size"),
                _mapscope_views_format_percent (rss, size_kb, has_rss), FALSE);
  add_row_take (self, self->ratios_group, "private-dirty-ratio", _("Private dirty / RSS"),
                _mapscope_views_format_percent (private_dirty, rss, has_rss && has_private_dirty),
                FALSE);
  add_row_take (self, self->ratios_group, "swap-ratio", _("Swap / size"),
                _mapscope_views_format_percent (swap, size_kb, has_swap), FALSE);
}

static void
show_vmflags_section (MapscopeInspector    *self,
                      const MapscopeRegion *region)
{
  g_auto(GStrv) codes = mapscope_vmflags_split (region->vmflags_text);

  gtk_widget_set_visible (GTK_WIDGET (self->vmflags_group), codes[0] != NULL);
  for (guint i = 0; codes[i] != NULL; i++)
    {
      g_autofree char *key = g_strconcat ("vmflag:", codes[i], NULL);
      const char *meaning = mapscope_vmflags_lookup (codes[i]) < 0
                            ? _("unknown flag")
                            : _(mapscope_vmflags_describe (codes[i]));

      /* the sentence under the code: on the right it squeezed the code
       * into a column of letters */
      AdwActionRow *row = append_row (self, self->vmflags_group, key, codes[i], meaning);

      adw_action_row_set_subtitle (row, meaning);
    }
}

static void
update (MapscopeInspector *self)
{
  MapscopeSnapshot *snapshot = NULL;
  const MapscopeRegion *region = NULL;
  MapscopeWorkspace *workspace = mapscope_view_get_workspace (MAPSCOPE_VIEW (self));

  if (workspace != NULL)
    {
      snapshot = mapscope_workspace_get_current (workspace);
      region = mapscope_workspace_get_selected_region (workspace);
    }

  clear_rows (self);
  g_cancellable_cancel (self->raw_cancellable);

  if (snapshot == NULL || region == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      set_raw_text (self, g_strdup (""));
      return;
    }

  show_region_section (self, snapshot, region);
  show_ratios_section (self, snapshot, region);
  show_fields_section (self, snapshot, region);
  show_vmflags_section (self, region);
  start_reading_raw_text (self, snapshot, region);
  gtk_stack_set_visible_child_name (self->stack, "region");
}

static void
mapscope_inspector_workspace_changed (MapscopeView      *view,
                                      MapscopeWorkspace *old_workspace,
                                      MapscopeWorkspace *workspace)
{
  MapscopeInspector *self = MAPSCOPE_INSPECTOR (view);

  if (workspace != NULL)
    {
      g_signal_connect_object (workspace, "notify::current",
                               G_CALLBACK (update), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (workspace, "notify::selected-index",
                               G_CALLBACK (update), self, G_CONNECT_SWAPPED);
    }
  update (self);
}

/* GObject */

static void
mapscope_inspector_dispose (GObject *object)
{
  MapscopeInspector *self = MAPSCOPE_INSPECTOR (object);

  g_cancellable_cancel (self->raw_cancellable);
  g_clear_object (&self->raw_cancellable);
  _mapscope_views_dispose_template (GTK_WIDGET (self), MAPSCOPE_TYPE_INSPECTOR);

  G_OBJECT_CLASS (mapscope_inspector_parent_class)->dispose (object);
}

static void
mapscope_inspector_finalize (GObject *object)
{
  MapscopeInspector *self = MAPSCOPE_INSPECTOR (object);

  g_array_unref (self->added_rows);
  g_hash_table_unref (self->texts);
  g_free (self->raw_text);

  G_OBJECT_CLASS (mapscope_inspector_parent_class)->finalize (object);
}

static void
mapscope_inspector_class_init (MapscopeInspectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  MapscopeViewClass *view_class = MAPSCOPE_VIEW_CLASS (klass);

  object_class->dispose = mapscope_inspector_dispose;
  view_class->workspace_changed = mapscope_inspector_workspace_changed;
  object_class->finalize = mapscope_inspector_finalize;


  gtk_widget_class_set_template_from_resource (widget_class,
                                               MAPSCOPE_VIEWS_RESOURCE_PREFIX "mapscope-inspector.ui");
  gtk_widget_class_bind_template_child (widget_class, MapscopeInspector, stack);
  gtk_widget_class_bind_template_child (widget_class, MapscopeInspector, region_group);
  gtk_widget_class_bind_template_child (widget_class, MapscopeInspector, ratios_group);
  gtk_widget_class_bind_template_child (widget_class, MapscopeInspector, fields_group);
  gtk_widget_class_bind_template_child (widget_class, MapscopeInspector, vmflags_group);
  gtk_widget_class_bind_template_child (widget_class, MapscopeInspector, raw_label);
  gtk_widget_class_set_css_name (widget_class, "inspector");
}

static void
mapscope_inspector_init (MapscopeInspector *self)
{
  g_type_ensure (ADW_TYPE_STATUS_PAGE);
  g_type_ensure (ADW_TYPE_PREFERENCES_GROUP);
  g_type_ensure (ADW_TYPE_CLAMP);
  gtk_widget_init_template (GTK_WIDGET (self));

  self->added_rows = g_array_new (FALSE, FALSE, sizeof (AddedRow));
  self->texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->raw_text = g_strdup ("");
}

GtkWidget *
mapscope_inspector_new (MapscopeWorkspace *workspace)
{
  return g_object_new (MAPSCOPE_TYPE_INSPECTOR, "workspace", workspace, NULL);
}

/* Returns: (transfer none) (nullable): */
MapscopeWorkspace *
mapscope_inspector_get_workspace (MapscopeInspector *self)
{
  g_return_val_if_fail (MAPSCOPE_IS_INSPECTOR (self), NULL);
  return mapscope_view_get_workspace (MAPSCOPE_VIEW (self));
}

void
mapscope_inspector_set_workspace (MapscopeInspector *self,
                                  MapscopeWorkspace *workspace)
{
  g_return_if_fail (MAPSCOPE_IS_INSPECTOR (self));
  mapscope_view_set_workspace (MAPSCOPE_VIEW (self), workspace);
}

gboolean
mapscope_inspector_has_region (MapscopeInspector *self)
{
  g_return_val_if_fail (MAPSCOPE_IS_INSPECTOR (self), FALSE);
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "region") == 0;
}

/* Returns: (transfer none) (nullable): the text shown for @field_name, or
 * %NULL if no row shows it */
const char *
mapscope_inspector_get_field_text (MapscopeInspector *self,
                                   const char        *field_name)
{
  g_return_val_if_fail (MAPSCOPE_IS_INSPECTOR (self), NULL);
  g_return_val_if_fail (field_name != NULL, NULL);
  return g_hash_table_lookup (self->texts, field_name);
}

/* Returns: (transfer none) (nullable): the raw text shown, or %NULL while
 * it is still being read */
const char *
mapscope_inspector_get_raw_text (MapscopeInspector *self)
{
  g_return_val_if_fail (MAPSCOPE_IS_INSPECTOR (self), NULL);
  return self->raw_text;
}
