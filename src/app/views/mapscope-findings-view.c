/* mapscope-findings-view.c: what deserves a look in the current snapshot
 *
 * The findings engine (mapscope-findings.c) run on the current snapshot,
 * plus the leak findings of its timeline when it belongs to one, as a list
 * of rows: severity icon, title, explanation, next step and the regions
 * involved. Activating a row shows those regions: the filter keeps only them
 * (with a chip saying which finding restricts the view, see
 * mapscope-only-regions-bar.c), the first is selected, and the window goes
 * to the region table.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include <adwaita.h>

#include "mapscope-findings-settings.h"
#include "mapscope-findings-view.h"
#include "mapscope-process-timeline.h"
#include "mapscope-views-private.h"

/* Regions named in a row; the rest are counted. */
#define MAX_LISTED_REGIONS 4

struct _MapscopeFindingsView
{
  MapscopeView       parent_instance;

  /* children */
  GtkStack          *stack;
  GtkWidget         *clean_page;
  GtkListBox        *list;

  /* borrowed: MapscopeView's, kept in step */
  MapscopeWorkspace *workspace;

  /* owned */
  GSettings         *settings;          /* NULL: the engine's defaults */
  MapscopeFindings  *snapshot_findings; /* of the current snapshot, or its whole timeline */
  MapscopeFindings  *timeline_findings; /* leaks of a timeline the current one is inside of */
  GPtrArray         *shown;             /* const MapscopeFinding *, in row order */
  guint              n_warnings;
  GCancellable      *cancellable;       /* of the findings being computed, or NULL */
  MapscopeSnapshot  *shown_snapshot;    /* whose findings are shown; not a reference */
};

enum
{
  PROP_0,
  PROP_N_FINDINGS,
  PROP_N_WARNINGS,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (MapscopeFindingsView, mapscope_findings_view, MAPSCOPE_TYPE_VIEW)

static const char *
severity_icon (MapscopeSeverity severity)
{
  switch (severity)
    {
    case MAPSCOPE_SEVERITY_CRITICAL: return "dialog-error-symbolic";
    case MAPSCOPE_SEVERITY_WARNING:  return "dialog-warning-symbolic";
    case MAPSCOPE_SEVERITY_INFO:
    case MAPSCOPE_N_SEVERITIES:
    default:                         return "dialog-information-symbolic";
    }
}

/* libadwaita's semantic colors, which have dark-mode variants */
static const char *
severity_style (MapscopeSeverity severity)
{
  switch (severity)
    {
    case MAPSCOPE_SEVERITY_CRITICAL: return "error";
    case MAPSCOPE_SEVERITY_WARNING:  return "warning";
    case MAPSCOPE_SEVERITY_INFO:
    case MAPSCOPE_N_SEVERITIES:
    default:                         return "accent";
    }
}

static const char *
severity_label (MapscopeSeverity severity)
{
  switch (severity)
    {
    case MAPSCOPE_SEVERITY_CRITICAL: return _("Critical");
    case MAPSCOPE_SEVERITY_WARNING:  return _("Warning");
    case MAPSCOPE_SEVERITY_INFO:
    case MAPSCOPE_N_SEVERITIES:
    default:                         return _("Information");
    }
}

static GtkWidget *
new_label (const char *text,
           const char *style_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (style_class != NULL)
    gtk_widget_add_css_class (label, style_class);
  return label;
}

/* "0x7f…000 /usr/lib/libz.so.1" per region, the rest counted */
static char *
describe_regions (const MapscopeFinding *finding)
{
  GString *text = g_string_new (NULL);
  guint n = finding->regions->len;

  for (guint i = 0; i < MIN (n, MAX_LISTED_REGIONS); i++)
    {
      const MapscopeRegion *region =
        mapscope_snapshot_get_region (finding->snapshot, g_array_index (finding->regions, guint, i));
      g_autofree char *start = _mapscope_views_format_address (region->start);

      if (i > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, start);
      g_string_append_c (text, ' ');
      g_string_append (text, region->path ? region->path : _(mapscope_category_get_label (region->category)));
    }
  if (n > MAX_LISTED_REGIONS)
    {
      g_string_append_c (text, '\n');
      /* Translators: after a list of regions */
      g_string_append_printf (text, ngettext ("and %u more region", "and %u more regions",
                                              n - MAX_LISTED_REGIONS),
                              n - MAX_LISTED_REGIONS);
    }
  return g_string_free (text, FALSE);
}

static GtkWidget *
new_row (const MapscopeFinding *finding)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *icon = gtk_image_new_from_icon_name (severity_icon (finding->severity));
  g_autofree char *next_step = g_strdup_printf (_("Next step: %s"), finding->next_step);
  g_autofree char *regions = NULL;

  gtk_widget_add_css_class (icon, severity_style (finding->severity));
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_widget_set_tooltip_text (icon, severity_label (finding->severity));
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  severity_label (finding->severity), -1);

  gtk_box_append (GTK_BOX (text), new_label (finding->title, "heading"));
  gtk_box_append (GTK_BOX (text), new_label (finding->explanation, NULL));
  gtk_box_append (GTK_BOX (text), new_label (next_step, "dim-label"));
  if (finding->regions->len > 0)
    {
      regions = describe_regions (finding);
      gtk_box_append (GTK_BOX (text), new_label (regions, "monospace"));
    }
  gtk_widget_set_hexpand (text, TRUE);

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), text);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), finding->regions->len > 0);
  gtk_widget_set_name (row, finding->id);
  return row;
}

static void
add_shown (MapscopeFindingsView *self,
           MapscopeFindings     *findings,
           const char           *only_id)
{
  for (guint i = 0; findings != NULL && i < mapscope_findings_get_n_findings (findings); i++)
    {
      const MapscopeFinding *finding = mapscope_findings_get_finding (findings, i);

      if (only_id != NULL && !g_str_equal (finding->id, only_id))
        continue;
      g_ptr_array_add (self->shown, (gpointer)finding);
      if (finding->severity >= MAPSCOPE_SEVERITY_WARNING)
        self->n_warnings++;
    }
}

static gint
compare_shown (gconstpointer pa,
               gconstpointer pb)
{
  const MapscopeFinding *a = *(const MapscopeFinding * const *)pa;
  const MapscopeFinding *b = *(const MapscopeFinding * const *)pb;

  return (int)b->severity - (int)a->severity;
}

/* What a worker thread needs, and what it finds. The snapshots do not
 * change once loaded, so the thread can read them while the window goes on. */
typedef struct
{
  GPtrArray                *members;            /* the current snapshot's timeline */
  MapscopeSnapshot         *current;
  MapscopeFindingsSettings  thresholds;
  MapscopeFindings         *snapshot_findings;
  MapscopeFindings         *timeline_findings;
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  g_ptr_array_unref (job->members);
  g_object_unref (job->current);
  g_clear_object (&job->snapshot_findings);
  g_clear_object (&job->timeline_findings);
  g_free (job);
}

/* One snapshot of 60,000 regions takes about 12 ms, but a timeline of two
 * such snapshots about 160 ms (tests/bench/mapscope-findings-bench), too
 * long for the main thread. */
static void
compute_in_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  Job *job = task_data;

  if (job->members->len >= 2)
    {
      g_autoptr(MapscopeTimelineAnalysis) timeline =
        mapscope_timeline_analysis_new ((MapscopeSnapshot * const *)job->members->pdata,
                                        job->members->len);

      /* The timeline's findings are those of its last snapshot plus its leaks. */
      if (g_ptr_array_index (job->members, job->members->len - 1) == job->current)
        job->snapshot_findings = mapscope_findings_new_for_timeline (timeline, &job->thresholds);
      else
        {
          job->snapshot_findings = mapscope_findings_new (job->current, &job->thresholds);
          job->timeline_findings = mapscope_findings_new_for_timeline (timeline, &job->thresholds);
        }
    }
  else
    job->snapshot_findings = mapscope_findings_new (job->current, &job->thresholds);

  g_task_return_boolean (task, TRUE);
}

static void
show_findings (MapscopeFindingsView *self,
               MapscopeFindings     *snapshot_findings,
               MapscopeFindings     *timeline_findings,
               gboolean              have_snapshot)
{
  guint old_n_findings = self->shown->len;
  guint old_n_warnings = self->n_warnings;

  _mapscope_views_remove_children (GTK_WIDGET (self->list));
  g_ptr_array_set_size (self->shown, 0);
  g_set_object (&self->snapshot_findings, snapshot_findings);
  g_set_object (&self->timeline_findings, timeline_findings);
  self->n_warnings = 0;

  add_shown (self, self->snapshot_findings, NULL);
  add_shown (self, self->timeline_findings, "leak-growth");
  g_ptr_array_sort (self->shown, compare_shown);
  for (guint i = 0; i < self->shown->len; i++)
    gtk_list_box_append (self->list, new_row (g_ptr_array_index (self->shown, i)));

  gtk_stack_set_visible_child_name (self->stack, self->shown->len > 0 ? "list" : "clean");
  adw_status_page_set_title (ADW_STATUS_PAGE (self->clean_page),
                             have_snapshot ? _("This Process Looks Clean") : _("No Snapshot"));
  adw_status_page_set_description (ADW_STATUS_PAGE (self->clean_page),
                                   have_snapshot
                                   ? _("None of the checks found anything: no very large or "
                                       "numerous anonymous memory, no fragmented heap, no "
                                       "library loaded twice, no heavy swapping, no writable "
                                       "and executable memory, no deleted files, and no "
                                       "steady growth over time.")
                                   : _("Open a snapshot to check it for problems."));

  if (old_n_findings != self->shown->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_FINDINGS]);
  if (old_n_warnings != self->n_warnings)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_WARNINGS]);
}

static void
set_busy (MapscopeFindingsView *self,
          GCancellable         *cancellable)
{
  gboolean was_busy = self->cancellable != NULL;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_set_object (&self->cancellable, cancellable);
  if (was_busy != (cancellable != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
computed (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  MapscopeFindingsView *self = MAPSCOPE_FINDINGS_VIEW (source);
  Job *job = g_task_get_task_data (G_TASK (result));

  /* A newer job (or dispose) cancelled this one; its result is stale. */
  if (!g_task_propagate_boolean (G_TASK (result), NULL))
    return;

  set_busy (self, NULL);
  self->shown_snapshot = job->current;
  show_findings (self, job->snapshot_findings, job->timeline_findings, TRUE);
}

static void
update (MapscopeFindingsView *self)
{
  MapscopeSnapshot *current = self->workspace ? mapscope_workspace_get_current (self->workspace) : NULL;
  g_autoptr(GCancellable) cancellable = NULL;
  g_autoptr(GTask) task = NULL;
  Job *job;

  if (current == NULL)
    {
      set_busy (self, NULL);
      self->shown_snapshot = NULL;
      show_findings (self, NULL, NULL, FALSE);
      return;
    }

  {
    MapscopeRegionFilter *filter = mapscope_workspace_get_filter (self->workspace);

    /* A restriction to another snapshot's regions means nothing here. */
    if (mapscope_region_filter_get_only_snapshot (filter) != NULL &&
        mapscope_region_filter_get_only_snapshot (filter) != current)
      mapscope_region_filter_clear_only_regions (filter);
  }

  /* The list model is read here, on the main thread; the rest in a worker.
   * The old rows stay until the new ones are ready, so the list does not
   * blink on every change of snapshot. */
  job = g_new0 (Job, 1);
  job->members = mapscope_process_timeline_collect (mapscope_workspace_get_snapshots (self->workspace),
                                                    current);
  job->current = g_object_ref (current);
  _mapscope_findings_settings_load (self->settings, &job->thresholds);

  cancellable = g_cancellable_new ();
  set_busy (self, cancellable);
  /* Rows of another snapshot would mislead; a recheck of this one keeps them. */
  if (self->snapshot_findings == NULL || self->shown_snapshot != current)
    gtk_stack_set_visible_child_name (self->stack, "busy");
  task = g_task_new (self, cancellable, computed, NULL);
  g_task_set_source_tag (task, update);
  g_task_set_task_data (task, job, job_free);
  g_task_run_in_thread (task, compute_in_thread);
}

static void
row_activated (MapscopeFindingsView *self,
               GtkListBoxRow        *row)
{
  gint index = gtk_list_box_row_get_index (row);
  const MapscopeFinding *finding;
  g_autoptr(MapscopeSnapshot) snapshot = NULL;
  g_autoptr(GArray) regions = NULL;
  g_autofree char *label = NULL;
  MapscopeRegionFilter *filter;

  if (self->workspace == NULL || index < 0 || (guint)index >= self->shown->len)
    return;

  /* Making the finding's snapshot current rebuilds this list, so keep what
   * is needed first. */
  finding = g_ptr_array_index (self->shown, index);
  if (finding->regions->len == 0)
    return;
  snapshot = g_object_ref (finding->snapshot);
  regions = g_array_ref (finding->regions);
  label = g_strdup (finding->title);

  mapscope_workspace_set_current (self->workspace, snapshot);
  filter = mapscope_workspace_get_filter (self->workspace);
  if (regions->len > 1)
    mapscope_region_filter_set_only_regions (filter, snapshot, (const guint *)regions->data,
                                             regions->len, label);
  else
    mapscope_region_filter_clear_only_regions (filter);
  mapscope_workspace_set_selected_index (self->workspace, g_array_index (regions, guint, 0));

  /* In the window, show the regions in the table. */
  gtk_widget_activate_action (GTK_WIDGET (self), "win.view", "s", "regions");
}

static void
thresholds_changed (MapscopeFindingsView *self,
                    const char           *key)
{
  if (g_str_has_prefix (key, "findings-"))
    update (self);
}

static void
mapscope_findings_view_workspace_changed (MapscopeView      *view,
                                          MapscopeWorkspace *old_workspace,
                                          MapscopeWorkspace *workspace)
{
  MapscopeFindingsView *self = MAPSCOPE_FINDINGS_VIEW (view);

  self->workspace = workspace;
  if (workspace != NULL)
    mapscope_view_follow_snapshots (view, workspace, G_CALLBACK (update));
  update (self);
}

/* GObject */

static void
mapscope_findings_view_dispose (GObject *object)
{
  MapscopeFindingsView *self = MAPSCOPE_FINDINGS_VIEW (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->workspace = NULL;
  if (self->stack != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->stack));
      self->stack = NULL;
    }
  if (self->shown != NULL)
    g_ptr_array_set_size (self->shown, 0);
  g_clear_object (&self->snapshot_findings);
  g_clear_object (&self->timeline_findings);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (mapscope_findings_view_parent_class)->dispose (object);
}

static void
mapscope_findings_view_finalize (GObject *object)
{
  MapscopeFindingsView *self = MAPSCOPE_FINDINGS_VIEW (object);

  g_ptr_array_unref (self->shown);

  G_OBJECT_CLASS (mapscope_findings_view_parent_class)->finalize (object);
}

static void
mapscope_findings_view_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  MapscopeFindingsView *self = MAPSCOPE_FINDINGS_VIEW (object);

  switch (prop_id)
    {
    case PROP_N_FINDINGS:
      g_value_set_uint (value, self->shown->len);
      break;
    case PROP_N_WARNINGS:
      g_value_set_uint (value, self->n_warnings);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->cancellable != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mapscope_findings_view_class_init (MapscopeFindingsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  MapscopeViewClass *view_class = MAPSCOPE_VIEW_CLASS (klass);

  object_class->dispose = mapscope_findings_view_dispose;
  object_class->finalize = mapscope_findings_view_finalize;
  object_class->get_property = mapscope_findings_view_get_property;
  view_class->workspace_changed = mapscope_findings_view_workspace_changed;
  properties[PROP_N_FINDINGS] =
    g_param_spec_uint ("n-findings", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_WARNINGS] =
    g_param_spec_uint ("n-warnings", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "findingsview");
}

static void
mapscope_findings_view_init (MapscopeFindingsView *self)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();

  self->shown = g_ptr_array_new ();
  self->settings = _mapscope_findings_settings_new ();
  if (self->settings != NULL)
    g_signal_connect_object (self->settings, "changed", G_CALLBACK (thresholds_changed), self,
                             G_CONNECT_SWAPPED);

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_parent (GTK_WIDGET (self->stack), GTK_WIDGET (self));

  self->clean_page = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (self->clean_page), "emblem-ok-symbolic");
  gtk_stack_add_named (self->stack, self->clean_page, "clean");
  gtk_stack_add_named (self->stack, _mapscope_views_busy_page (_("Checking the Snapshot…")), "busy");

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_widget_set_valign (GTK_WIDGET (self->list), GTK_ALIGN_START);
  gtk_widget_set_margin_top (GTK_WIDGET (self->list), 18);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->list), 18);
  gtk_widget_set_margin_start (GTK_WIDGET (self->list), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->list), 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Findings"), -1);
  g_signal_connect_object (self->list, "row-activated", G_CALLBACK (row_activated), self,
                           G_CONNECT_SWAPPED);

  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 900);
  adw_clamp_set_child (ADW_CLAMP (clamp), GTK_WIDGET (self->list));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_stack_add_named (self->stack, scrolled, "list");

  /* The page for no workspace, until one is set. */
  update (self);
}

GtkWidget *
mapscope_findings_view_new (MapscopeWorkspace *workspace)
{
  return g_object_new (MAPSCOPE_TYPE_FINDINGS_VIEW, "workspace", workspace, NULL);
}

/* Returns: (transfer none) (nullable): */
MapscopeWorkspace *
mapscope_findings_view_get_workspace (MapscopeFindingsView *self)
{
  g_return_val_if_fail (MAPSCOPE_IS_FINDINGS_VIEW (self), NULL);
  return mapscope_view_get_workspace (MAPSCOPE_VIEW (self));
}

void
mapscope_findings_view_set_workspace (MapscopeFindingsView *self,
                                      MapscopeWorkspace    *workspace)
{
  g_return_if_fail (MAPSCOPE_IS_FINDINGS_VIEW (self));
  mapscope_view_set_workspace (MAPSCOPE_VIEW (self), workspace);
}

guint
mapscope_findings_view_get_n_findings (MapscopeFindingsView *self)
{
  g_return_val_if_fail (MAPSCOPE_IS_FINDINGS_VIEW (self), 0);
  return self->shown->len;
}

/* Returns: (transfer none): the finding of row @index */
const MapscopeFinding *
mapscope_findings_view_get_finding (MapscopeFindingsView *self,
                                    guint                 index)
{
  g_return_val_if_fail (MAPSCOPE_IS_FINDINGS_VIEW (self), NULL);
  g_return_val_if_fail (index < self->shown->len, NULL);
  return g_ptr_array_index (self->shown, index);
}

guint
mapscope_findings_view_get_n_warnings (MapscopeFindingsView *self)
{
  g_return_val_if_fail (MAPSCOPE_IS_FINDINGS_VIEW (self), 0);
  return self->n_warnings;
}

/* Whether findings are being computed; the list shows the previous ones
 * until they are ready. */
gboolean
mapscope_findings_view_get_busy (MapscopeFindingsView *self)
{
  g_return_val_if_fail (MAPSCOPE_IS_FINDINGS_VIEW (self), FALSE);
  return self->cancellable != NULL;
}

/* Returns: (transfer none): the list of findings, one row each, named by id */
GtkListBox *
mapscope_findings_view_get_list (MapscopeFindingsView *self)
{
  g_return_val_if_fail (MAPSCOPE_IS_FINDINGS_VIEW (self), NULL);
  return self->list;
}
