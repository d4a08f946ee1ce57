/* mapscope-timeline-view.c: the current process's snapshots over time
 *
 * The snapshots of the current snapshot's process (mapscope-process-timeline.c)
 * drawn as areas stacked by category by the Cairo renderer in the core
 * (mapscope-timeline-chart.c); this widget adds the captions naming the leak
 * suspects, the legend, the values under the pointer, and a click (or Left
 * and Right) that makes a snapshot current.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include <adwaita.h>

#include "mapscope-category-swatch.h"
#include "mapscope-findings-settings.h"
#include "mapscope-process-timeline.h"
#include "mapscope-timeline-chart.h"
#include "mapscope-timeline-view.h"
#include "mapscope-units.h"
#include "mapscope-views-private.h"

#define CHART_HEIGHT 240

struct _MapscopeTimelineView
{
  MapscopeView              parent_instance;

  /* children */
  GtkStack                 *stack;
  GtkWidget                *empty_page;
  GtkLabel                 *caption_label;
  GtkLabel                 *scale_label;
  GtkDrawingArea           *chart_area;
  GtkFlowBox               *legend_box;
  GtkLabel                 *readout_label;

  /* borrowed: MapscopeView's, kept in step */
  MapscopeWorkspace        *workspace;

  /* owned */
  GSettings                *settings;   /* the leak thresholds; NULL for the defaults */
  MapscopeTimelineAnalysis *analysis;   /* NULL with fewer than two snapshots */
  GPtrArray                *members;    /* the snapshots of analysis */
  GPtrArray                *pending;    /* those being analysed, or NULL */
  GCancellable             *cancellable;
  GArray                   *suspects;   /* MapscopeLeakSuspect, into analysis */
  gint                      hovered;
};

G_DEFINE_FINAL_TYPE (MapscopeTimelineView, mapscope_timeline_view, MAPSCOPE_TYPE_VIEW)

static guint
n_snapshots (MapscopeTimelineView *self)
{
  return self->analysis ? mapscope_timeline_analysis_get_n_snapshots (self->analysis) : 0;
}

static gint
current_index (MapscopeTimelineView *self)
{
  MapscopeSnapshot *current = self->workspace ? mapscope_workspace_get_current (self->workspace) : NULL;

  for (guint i = 0; i < n_snapshots (self); i++)
    {
      if (mapscope_timeline_analysis_get_snapshot (self->analysis, i) == current)
        return (gint)i;
    }
  return -1;
}

static void
draw_chart (GtkDrawingArea *area,
            cairo_t        *cr,
            int             width,
            int             height,
            gpointer        user_data)
{
  MapscopeTimelineView *self = user_data;
  MapscopeTimelineChartStyle style;

  if (self->analysis == NULL)
    return;

  mapscope_timeline_chart_style_init (&style);
  style.current = current_index (self);
  style.hovered = self->hovered;
  style.suspects = (const MapscopeLeakSuspect *)self->suspects->data;
  style.n_suspects = self->suspects->len;
  style.dark = _mapscope_views_is_dark ();
  mapscope_timeline_chart_draw (cr, width, height, self->analysis, &style);
}

/* "14:06:21 (+4 s)", or "Snapshot 3" when the time is unknown */
static char *
describe_point (MapscopeTimelineView *self,
                guint                 index)
{
  MapscopeSnapshot *snapshot = mapscope_timeline_analysis_get_snapshot (self->analysis, index);
  GDateTime *time = mapscope_snapshot_get_timestamp (snapshot);
  g_autofree char *clock = NULL;

  if (time == NULL || !mapscope_timeline_analysis_has_timestamps (self->analysis))
    /* Translators: a point of the timeline, counted from 1 */
    return g_strdup_printf (_("Snapshot %u"), index + 1);

  clock = g_date_time_format (time, "%X");
  /* Translators: a snapshot's time and the seconds since the first one */
  return g_strdup_printf (_("%s (+%.0f s)"), clock,
                          mapscope_timeline_analysis_get_elapsed (self->analysis, index));
}

/* The values of snapshot @index, largest category first. */
static char *
format_values (MapscopeTimelineView *self,
               guint                 index)
{
  GString *text = g_string_new (NULL);
  g_autofree char *when = describe_point (self, index);
  g_autofree char *total = NULL;
  guint64 total_kb = 0;

  g_string_append (text, when);
  for (guint c = 0; c < MAPSCOPE_N_CATEGORIES; c++)
    {
      const MapscopeSeries *series = mapscope_timeline_analysis_get_category_series (self->analysis, c);
      guint64 kb = series ? mapscope_series_get_value (series, index, MAPSCOPE_SERIES_RSS) : 0;
      g_autofree char *value = NULL;

      if (kb == 0)
        continue;
      total_kb += kb;
      value = mapscope_format_kb (kb);
      /* Translators: one line of the values under the pointer, "category: size" */
      g_string_append_c (text, '\n');
      g_string_append_printf (text, _("%s: %s"), _(mapscope_category_get_label (c)), value);
    }
  total = mapscope_format_kb (total_kb);
  g_string_append_c (text, '\n');
  /* Translators: the RSS of all categories of one snapshot */
  g_string_append_printf (text, _("Total RSS: %s"), total);
  return g_string_free (text, FALSE);
}

static void
set_hovered (MapscopeTimelineView *self,
             gint                  index)
{
  g_autofree char *values = NULL;

  if (self->hovered == index)
    return;
  self->hovered = index;

  if (index >= 0)
    values = format_values (self, index);
  /* Without a pointer over the chart, the readout shows the current snapshot. */
  else if (current_index (self) >= 0)
    values = format_values (self, current_index (self));
  gtk_label_set_text (self->readout_label, values ? values : "");
  gtk_widget_queue_draw (GTK_WIDGET (self->chart_area));
}

static void
pointer_moved (GtkEventControllerMotion *controller,
               double                    x,
               double                    y,
               MapscopeTimelineView     *self)
{
  set_hovered (self, mapscope_timeline_chart_hit_test (n_snapshots (self),
                                                       gtk_widget_get_width (GTK_WIDGET (self->chart_area)),
                                                       x));
}

static void
pointer_left (GtkEventControllerMotion *controller,
              MapscopeTimelineView     *self)
{
  set_hovered (self, -1);
}

static void
select_point (MapscopeTimelineView *self,
              gint                  index)
{
  if (self->workspace == NULL || index < 0 || (guint)index >= n_snapshots (self))
    return;
  mapscope_workspace_set_current (self->workspace,
                                  mapscope_timeline_analysis_get_snapshot (self->analysis, index));
}

static void
chart_pressed (GtkGestureClick      *gesture,
               int                   n_press,
               double                x,
               double                y,
               MapscopeTimelineView *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->chart_area));
  select_point (self, mapscope_timeline_chart_hit_test (n_snapshots (self),
                                                        gtk_widget_get_width (GTK_WIDGET (self->chart_area)),
                                                        x));
}

static gboolean
chart_key_pressed (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   MapscopeTimelineView  *self)
{
  gint current = current_index (self);

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK))
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      select_point (self, MAX (current - 1, 0));
      return TRUE;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      select_point (self, current + 1);
      return TRUE;
    case GDK_KEY_Home:
      select_point (self, 0);
      return TRUE;
    case GDK_KEY_End:
      select_point (self, (gint)n_snapshots (self) - 1);
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
chart_query_tooltip (GtkWidget            *widget,
                     int                   x,
                     int                   y,
                     gboolean              keyboard,
                     GtkTooltip           *tooltip,
                     MapscopeTimelineView *self)
{
  gint index = keyboard ? current_index (self)
                        : mapscope_timeline_chart_hit_test (n_snapshots (self),
                                                            gtk_widget_get_width (widget), x);
  g_autofree char *values = NULL;

  if (index < 0)
    return FALSE;
  values = format_values (self, index);
  gtk_tooltip_set_text (tooltip, values);
  return TRUE;
}

/* Whether a region suspect explains half or more of a category suspect's
 * growth, the rule the findings use to leave the category out. */
static gboolean
explained_by_region (GArray                    *suspects,
                     const MapscopeLeakSuspect *category)
{
  for (guint i = 0; i < suspects->len; i++)
    {
      const MapscopeLeakSuspect *other = &g_array_index (suspects, MapscopeLeakSuspect, i);

      if (other->series->kind == MAPSCOPE_SERIES_REGION &&
          other->series->category == category->series->category &&
          (other->last_kb - other->first_kb) * 2 >= category->last_kb - category->first_kb)
        return TRUE;
    }
  return FALSE;
}

/* "Leak suspect: Anonymous, +6 MiB per second (+48.1 MiB in all)", one line each */
static char *
describe_suspects (MapscopeTimelineView *self)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < self->suspects->len; i++)
    {
      const MapscopeLeakSuspect *suspect = &g_array_index (self->suspects, MapscopeLeakSuspect, i);
      const MapscopeSeries *series = suspect->series;
      g_autofree char *rate = mapscope_format_kb ((guint64)(suspect->rate + 0.5));
      g_autofree char *growth = mapscope_format_kb (suspect->last_kb - suspect->first_kb);
      g_autofree char *what = NULL;
      g_autofree char *line = NULL;

      if (series->kind == MAPSCOPE_SERIES_REGION)
        {
          const MapscopeRegion *region =
            mapscope_snapshot_get_region (mapscope_timeline_analysis_get_snapshot (self->analysis,
                                                                                   series->last),
                                          series->region_index);
          g_autofree char *start = _mapscope_views_format_address (region->start);

          /* Translators: a region named in a leak suspect, "<category> region at <address>" */
          what = g_strdup_printf (_("%s region at %s"), _(mapscope_category_get_label (series->category)),
                                  start);
        }
      else if (explained_by_region (self->suspects, suspect))
        continue;
      else
        what = g_strdup (_(mapscope_category_get_label (series->category)));

      line = suspect->per_second
        /* Translators: "Leak suspect: <what>, +<size> per second (+<size> in all)" */
        ? g_strdup_printf (_("Leak suspect: %s, +%s per second (+%s in all)"), what, rate, growth)
        : g_strdup_printf (_("Leak suspect: %s, +%s per snapshot (+%s in all)"), what, rate, growth);
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, line);
    }
  return g_string_free (text, FALSE);
}

static void
update_legend (MapscopeTimelineView *self)
{
  guint last = n_snapshots (self) - 1;

  _mapscope_views_remove_children (GTK_WIDGET (self->legend_box));
  for (guint c = 0; c < MAPSCOPE_N_CATEGORIES; c++)
    {
      const MapscopeSeries *series = mapscope_timeline_analysis_get_category_series (self->analysis, c);
      gboolean present = FALSE;
      GtkWidget *box;

      for (guint s = 0; series != NULL && s <= last; s++)
        present = present || mapscope_series_get_value (series, s, MAPSCOPE_SERIES_RSS) > 0;
      if (!present)
        continue;

      box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      gtk_box_append (GTK_BOX (box), mapscope_category_swatch_new (c));
      gtk_box_append (GTK_BOX (box), gtk_label_new (_(mapscope_category_get_label (c))));
      gtk_flow_box_append (self->legend_box, box);
    }
}

static gboolean
same_members (GPtrArray *a,
              GPtrArray *b)
{
  if (a == NULL || b == NULL || a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    {
      if (g_ptr_array_index (a, i) != g_ptr_array_index (b, i))
        return FALSE;
    }
  return TRUE;
}

/* Shows the marker, the readout and the right page for the current state. */
static void
refresh (MapscopeTimelineView *self)
{
  gtk_stack_set_visible_child_name (self->stack, self->analysis ? "chart" : "empty");
  self->hovered = G_MININT;  /* forces the readout to be rewritten */
  set_hovered (self, -1);
}

static void
set_analysis (MapscopeTimelineView     *self,
              GPtrArray                *members,
              MapscopeTimelineAnalysis *analysis,
              GArray                   *suspects)
{
  g_autofree char *caption = NULL;
  g_autofree char *scale = NULL;
  g_autofree char *scale_text = NULL;

  g_clear_pointer (&self->members, g_ptr_array_unref);
  self->members = members ? g_ptr_array_ref (members) : NULL;
  g_set_object (&self->analysis, analysis);
  g_array_set_size (self->suspects, 0);
  if (analysis != NULL)
    {
      /* A region suspect outlines the band of its category. */
      g_array_append_vals (self->suspects, suspects->data, suspects->len);
      caption = describe_suspects (self);
      scale = mapscope_format_kb (mapscope_timeline_chart_get_stack_max (analysis, MAPSCOPE_SERIES_RSS));
      /* Translators: the value at the top of the timeline chart */
      scale_text = g_strdup_printf (_("RSS by category, up to %s"), scale);
      update_legend (self);
    }
  gtk_label_set_text (self->caption_label, caption ? caption : "");
  gtk_widget_set_visible (GTK_WIDGET (self->caption_label), caption != NULL && caption[0] != '\0');
  gtk_label_set_text (self->scale_label, scale_text ? scale_text : "");
  refresh (self);
}

/* What a worker thread needs, and what it computes: following every
 * region through two 60,000-region snapshots takes about 150 ms, too long
 * for the main thread. The snapshots do not change once loaded. */
typedef struct
{
  GPtrArray                *members;
  MapscopeLeakSettings      leak;
  MapscopeTimelineAnalysis *analysis;
  GArray                   *suspects;
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  g_ptr_array_unref (job->members);
  g_clear_object (&job->analysis);
  g_clear_pointer (&job->suspects, g_array_unref);
  g_free (job);
}

static void
analyse_in_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  Job *job = task_data;

  job->analysis = mapscope_timeline_analysis_new ((MapscopeSnapshot * const *)job->members->pdata,
                                                  job->members->len);
  job->suspects = mapscope_timeline_analysis_find_leaks (job->analysis, &job->leak);
  g_task_return_boolean (task, TRUE);
}

static void
cancel_job (MapscopeTimelineView *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->pending, g_ptr_array_unref);
}

static void
analysed (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  MapscopeTimelineView *self = MAPSCOPE_TIMELINE_VIEW (source);
  Job *job = g_task_get_task_data (G_TASK (result));

  /* A newer job (or dispose) cancelled this one. */
  if (!g_task_propagate_boolean (G_TASK (result), NULL))
    return;

  cancel_job (self);
  set_analysis (self, job->members, job->analysis, job->suspects);
}

/* Analyses the current snapshot's timeline anew when it changed; moving
 * along the same timeline only moves the marker. */
static void
update (MapscopeTimelineView *self)
{
  MapscopeSnapshot *current = self->workspace ? mapscope_workspace_get_current (self->workspace) : NULL;
  g_autoptr(GPtrArray) members = NULL;
  g_autoptr(GTask) task = NULL;
  MapscopeFindingsSettings thresholds;
  Job *job;

  if (current != NULL)
    members = mapscope_process_timeline_collect (mapscope_workspace_get_snapshots (self->workspace),
                                                 current);

  if (self->analysis != NULL && same_members (members, self->members))
    {
      cancel_job (self);
      refresh (self);
      return;
    }
  if (same_members (members, self->pending))
    return;

  cancel_job (self);
  if (members == NULL || members->len < 2)
    {
      set_analysis (self, NULL, NULL, NULL);
      return;
    }

  job = g_new0 (Job, 1);
  job->members = g_ptr_array_ref (members);
  _mapscope_findings_settings_load (self->settings, &thresholds);
  job->leak = thresholds.leak;

  self->pending = g_ptr_array_ref (members);
  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, analysed, NULL);
  g_task_set_source_tag (task, update);
  g_task_set_task_data (task, job, job_free);
  g_task_run_in_thread (task, analyse_in_thread);
  /* Another process's chart would mislead while this one is analysed. */
  refresh (self);
  gtk_stack_set_visible_child_name (self->stack, "busy");
}

static void
thresholds_changed (MapscopeTimelineView *self,
                    const char           *key)
{
  if (!g_str_has_prefix (key, "findings-leak-"))
    return;
  g_clear_object (&self->analysis);
  g_clear_pointer (&self->members, g_ptr_array_unref);
  update (self);
}

static void
mapscope_timeline_view_workspace_changed (MapscopeView      *view,
                                          MapscopeWorkspace *old_workspace,
                                          MapscopeWorkspace *workspace)
{
  MapscopeTimelineView *self = MAPSCOPE_TIMELINE_VIEW (view);

  self->workspace = workspace;
  if (workspace != NULL)
    mapscope_view_follow_snapshots (view, workspace, G_CALLBACK (update));
  update (self);
}

/* GObject */

static void
mapscope_timeline_view_dispose (GObject *object)
{
  MapscopeTimelineView *self = MAPSCOPE_TIMELINE_VIEW (object);

  cancel_job (self);
  g_clear_pointer (&self->members, g_ptr_array_unref);
  self->workspace = NULL;
  if (self->stack != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->stack));
      self->stack = NULL;
    }
  g_clear_pointer (&self->suspects, g_array_unref);
  g_clear_object (&self->analysis);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (mapscope_timeline_view_parent_class)->dispose (object);
}

static void
mapscope_timeline_view_class_init (MapscopeTimelineViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  MapscopeViewClass *view_class = MAPSCOPE_VIEW_CLASS (klass);

  object_class->dispose = mapscope_timeline_view_dispose;
  view_class->workspace_changed = mapscope_timeline_view_workspace_changed;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "timelineview");
}

static GtkWidget *
new_label (const char *style_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  if (style_class != NULL)
    gtk_widget_add_css_class (label, style_class);
  return label;
}

static GtkWidget *
build_chart_page (MapscopeTimelineView *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkEventController *key = gtk_event_controller_key_new ();
  GtkGesture *click = gtk_gesture_click_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);

  self->caption_label = GTK_LABEL (new_label ("heading"));
  gtk_widget_add_css_class (GTK_WIDGET (self->caption_label), "warning");
  self->scale_label = GTK_LABEL (new_label ("dim-label"));
  self->chart_area = GTK_DRAWING_AREA (gtk_drawing_area_new ());
  gtk_drawing_area_set_content_height (self->chart_area, CHART_HEIGHT);
  gtk_widget_set_vexpand (GTK_WIDGET (self->chart_area), TRUE);
  gtk_widget_set_focusable (GTK_WIDGET (self->chart_area), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self->chart_area), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->chart_area),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Timeline chart; Left and Right choose the snapshot"), -1);
  gtk_drawing_area_set_draw_func (self->chart_area, draw_chart, self, NULL);

  g_signal_connect (motion, "motion", G_CALLBACK (pointer_moved), self);
  g_signal_connect (motion, "leave", G_CALLBACK (pointer_left), self);
  gtk_widget_add_controller (GTK_WIDGET (self->chart_area), motion);
  g_signal_connect (click, "pressed", G_CALLBACK (chart_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->chart_area), GTK_EVENT_CONTROLLER (click));
  g_signal_connect (key, "key-pressed", G_CALLBACK (chart_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->chart_area), key);
  g_signal_connect (self->chart_area, "query-tooltip", G_CALLBACK (chart_query_tooltip), self);

  self->legend_box = GTK_FLOW_BOX (gtk_flow_box_new ());
  gtk_flow_box_set_selection_mode (self->legend_box, GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (self->legend_box, 8);
  self->readout_label = GTK_LABEL (new_label (NULL));
  gtk_label_set_selectable (self->readout_label, TRUE);

  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->caption_label));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->scale_label));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->chart_area));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->legend_box));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->readout_label));

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), box);
  return scrolled;
}

static void
mapscope_timeline_view_init (MapscopeTimelineView *self)
{
  self->suspects = g_array_new (FALSE, FALSE, sizeof (MapscopeLeakSuspect));
  self->hovered = -1;
  self->settings = _mapscope_findings_settings_new ();
  if (self->settings != NULL)
    g_signal_connect_object (self->settings, "changed", G_CALLBACK (thresholds_changed), self,
                             G_CONNECT_SWAPPED);

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_parent (GTK_WIDGET (self->stack), GTK_WIDGET (self));

  self->empty_page = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (self->empty_page), "document-open-recent-symbolic");
  /* Other processes' snapshots may well be open: say that these do not count. */
  adw_status_page_set_title (ADW_STATUS_PAGE (self->empty_page),
                             _("No Other Snapshots of This Process"));
  adw_status_page_set_description (ADW_STATUS_PAGE (self->empty_page),
                                   _("Open several snapshots of this process, a log that holds "
                                     "several of them, or record one: Pick a Running Process, "
                                     "then Record Timeline. The chart then shows how each kind "
                                     "of memory changes, and names what keeps growing."));
  gtk_stack_add_named (self->stack, self->empty_page, "empty");
  gtk_stack_add_named (self->stack,
                       _mapscope_views_busy_page (_("Following Every Region Through the Snapshots…")),
                       "busy");
  gtk_stack_add_named (self->stack, build_chart_page (self), "chart");

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (gtk_widget_queue_draw), self->chart_area, G_CONNECT_SWAPPED);

  /* The page for no workspace, until one is set. */
  update (self);
}

GtkWidget *
mapscope_timeline_view_new (MapscopeWorkspace *workspace)
{
  return g_object_new (MAPSCOPE_TYPE_TIMELINE_VIEW, "workspace", workspace, NULL);
}

/* Returns: (transfer none) (nullable): */
MapscopeWorkspace *
mapscope_timeline_view_get_workspace (MapscopeTimelineView *self)
{
  g_return_val_if_fail (MAPSCOPE_IS_TIMELINE_VIEW (self), NULL);
  return mapscope_view_get_workspace (MAPSCOPE_VIEW (self));
}

void
mapscope_timeline_view_set_workspace (MapscopeTimelineView *self,
                                      MapscopeWorkspace    *workspace)
{
  g_return_if_fail (MAPSCOPE_IS_TIMELINE_VIEW (self));
  mapscope_view_set_workspace (MAPSCOPE_VIEW (self), workspace);
}

/* Returns: (transfer none) (nullable): the timeline shown, or NULL when the
 *   current snapshot is alone */
MapscopeTimelineAnalysis *
mapscope_timeline_view_get_analysis (MapscopeTimelineView *self)
{
  g_return_val_if_fail (MAPSCOPE_IS_TIMELINE_VIEW (self), NULL);
  return self->analysis;
}

/* Whether a timeline is being analysed in a worker thread. */
gboolean
mapscope_timeline_view_get_busy (MapscopeTimelineView *self)
{
  g_return_val_if_fail (MAPSCOPE_IS_TIMELINE_VIEW (self), FALSE);
  return self->cancellable != NULL;
}

/* Returns: (transfer none): the drawing area of the chart */
GtkWidget *
mapscope_timeline_view_get_chart (MapscopeTimelineView *self)
{
  g_return_val_if_fail (MAPSCOPE_IS_TIMELINE_VIEW (self), NULL);
  return GTK_WIDGET (self->chart_area);
}

/* Returns: (transfer none) (nullable): the text shown for @key */
const char *
mapscope_timeline_view_get_text (MapscopeTimelineView *self,
                                 const char           *key)
{
  g_return_val_if_fail (MAPSCOPE_IS_TIMELINE_VIEW (self), NULL);

  if (g_str_equal (key, "caption"))
    return gtk_label_get_text (self->caption_label);
  if (g_str_equal (key, "readout"))
    return gtk_label_get_text (self->readout_label);
  if (g_str_equal (key, "scale"))
    return gtk_label_get_text (self->scale_label);
  return NULL;
}
