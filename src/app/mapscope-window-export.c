/* mapscope-window-export.c: the window's Export menu: regions as CSV and
 * JSON, summary, findings and diff as JSON, and the HTML report
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mapscope-app-config.h"

#include <glib/gi18n.h>

#include "mapscope-export.h"
#include "mapscope-report.h"
#include "mapscope-window-private.h"

#define ANONYMIZE_CHOICE "anonymize"
#define TEST_TARGET_KEY "mapscope-export-test-target"

typedef enum
{
  EXPORT_REGIONS_CSV,
  EXPORT_REGIONS_JSON,
  EXPORT_SUMMARY_JSON,
  EXPORT_FINDINGS_JSON,
  EXPORT_DIFF_JSON,
  EXPORT_REPORT,
} ExportKind;

static const struct
{
  const char *action;
  const char *title;       /* of the save dialog */
  const char *extension;
} exports[] = {
  [EXPORT_REGIONS_CSV] = { "export-regions-csv", N_("Export Regions as CSV"), "csv" },
  [EXPORT_REGIONS_JSON] = { "export-regions-json", N_("Export Regions as JSON"), "json" },
  [EXPORT_SUMMARY_JSON] = { "export-summary-json", N_("Export Summary as JSON"), "json" },
  [EXPORT_FINDINGS_JSON] = { "export-findings-json", N_("Export Findings as JSON"), "json" },
  [EXPORT_DIFF_JSON] = { "export-diff-json", N_("Export Diff as JSON"), "json" },
  [EXPORT_REPORT] = { "export-report", N_("Save Report"), "html" },
};

/* Where the tests want the next export written, instead of asking. */
typedef struct
{
  char     *path;
  gboolean  anonymize;
} TestTarget;

static void
test_target_free (gpointer data)
{
  TestTarget *target = data;

  g_free (target->path);
  g_free (target);
}

/* Tests only: the export actions write to @path without showing the file
 * chooser, anonymising the report if @anonymize. */
void
_mapscope_window_set_export_target (MapscopeWindow *self,
                                    const char     *path,
                                    gboolean        anonymize)
{
  TestTarget *target = g_new0 (TestTarget, 1);

  target->path = g_strdup (path);
  target->anonymize = anonymize;
  g_object_set_data_full (G_OBJECT (self), TEST_TARGET_KEY, target, test_target_free);
}

/* What an export writes, taken from the window when it starts: a worker
 * thread writes it (regions as JSON take a second for 60,000 regions) while
 * the user goes on changing the window's filter, snapshots and baseline. */
typedef struct
{
  ExportKind            kind;
  char                 *path;
  char                 *name;
  gboolean              anonymize;
  MapscopeSnapshot     *current;
  MapscopeSnapshot     *baseline;  /* NULL, or the current snapshot's baseline */
  MapscopeRegionFilter *filter;    /* a copy of the window's */
  MapscopeDiff         *diff;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_free (job->path);
  g_free (job->name);
  g_clear_object (&job->current);
  g_clear_object (&job->baseline);
  g_clear_object (&job->filter);
  g_clear_object (&job->diff);
  g_free (job);
}

static MapscopeFindings *
compute_findings (ExportJob *job)
{
  MapscopeFindingsSettings settings;

  mapscope_findings_settings_init (&settings);
  if (job->baseline != NULL)
    {
      MapscopeSnapshot *pair[] = { job->baseline, job->current };
      g_autoptr(MapscopeTimelineAnalysis) timeline = mapscope_timeline_analysis_new (pair, 2);

      return mapscope_findings_new_for_timeline (timeline, &settings);
    }

  return mapscope_findings_new (job->current, &settings);
}

/* Writes the export of @job; with a baseline, the report is a diff. */
static gboolean
write_export (ExportJob  *job,
              GError    **error)
{
  g_autofree char *text = NULL;

  switch (job->kind)
    {
    case EXPORT_REGIONS_CSV:
      text = mapscope_export_regions_csv (job->current, job->filter);
      break;
    case EXPORT_REGIONS_JSON:
      text = mapscope_export_regions_json (job->current, 0, job->filter);
      break;
    case EXPORT_SUMMARY_JSON:
      text = mapscope_export_summary_json (job->current);
      break;
    case EXPORT_FINDINGS_JSON:
      {
        g_autoptr(MapscopeFindings) findings = compute_findings (job);

        text = mapscope_export_findings_json (findings);
      }
      break;
    case EXPORT_DIFF_JSON:
      text = mapscope_export_diff_json (job->diff);
      break;
    case EXPORT_REPORT:
      {
        MapscopeSnapshot *pair[] = { job->baseline, job->current };
        gboolean diff = job->baseline != NULL;
        MapscopeReportOptions options = { diff ? pair : pair + 1, diff ? 2 : 1, job->anonymize,
                                          NULL, NULL };

        return mapscope_report_save (&options, job->path, error);
      }
    default:
      g_assert_not_reached ();
    }

  return mapscope_export_save (job->path, text, error);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;

  if (write_export (task_data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
show_export_result (MapscopeWindow *self,
                    const char     *name,
                    const GError   *error)
{
  g_autofree char *title = NULL;
  AdwToast *toast;

  if (error == NULL)
    /* Translators: %s is a file name */
    title = g_strdup_printf (_("Saved “%s”"), name);
  else
    /* Translators: the first %s is a file name, the second what went wrong */
    title = g_strdup_printf (_("Could not save “%s”: %s"), name, error->message);

  toast = _mapscope_window_new_toast (title);
  /* The answer to what the user just did: shown now, not after older toasts. */
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  _mapscope_window_add_toast (self, toast);
}

static void update_export_actions (MapscopeWindow *self);

static void
export_done (GObject      *source_object,
             GAsyncResult *result,
             gpointer      user_data)
{
  MapscopeWindow *self = MAPSCOPE_WINDOW (source_object);
  ExportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  self->exporting = FALSE;
  g_task_propagate_boolean (G_TASK (result), &error);
  if (self->disposed)
    return;
  show_export_result (self, job->name, error);
  update_export_actions (self);
}

static void
export_to (MapscopeWindow *self,
           ExportKind      kind,
           GFile          *file,
           gboolean        anonymize)
{
  MapscopeSnapshot *current = mapscope_workspace_get_current (self->workspace);
  MapscopeSnapshot *baseline = mapscope_workspace_get_baseline (self->workspace);
  MapscopeDiff *diff = mapscope_workspace_get_diff (self->workspace);
  g_autoptr(GTask) task = NULL;
  ExportJob *job;

  if (current == NULL || self->exporting)
    return;

  job = g_new0 (ExportJob, 1);
  job->kind = kind;
  job->path = g_file_get_path (file);
  job->name = g_file_get_basename (file);
  if (job->path == NULL)
    {
      g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                                                     _("Only local files can be written"));

      show_export_result (self, job->name, error);
      export_job_free (job);
      return;
    }
  job->anonymize = anonymize;
  job->current = g_object_ref (current);
  if (baseline != NULL && baseline != current)
    job->baseline = g_object_ref (baseline);
  job->filter = mapscope_region_filter_copy (mapscope_workspace_get_filter (self->workspace));
  job->diff = diff != NULL ? g_object_ref (diff) : NULL;
  /* The diff makes its summaries on demand; made here, the thread only
   * reads the diff it shares with the views. */
  if (diff != NULL)
    {
      mapscope_diff_get_old_summary (diff);
      mapscope_diff_get_new_summary (diff);
    }

  self->exporting = TRUE;
  update_export_actions (self);
  task = g_task_new (self, NULL, export_done, NULL);
  g_task_set_source_tag (task, export_to);
  g_task_set_task_data (task, job, (GDestroyNotify)export_job_free);
  g_task_run_in_thread (task, export_thread);
}

/* Whether an export is being written; the tests wait while it is. */
gboolean
_mapscope_window_get_exporting (MapscopeWindow *self)
{
  return self->exporting;
}

typedef struct
{
  MapscopeWindow *window;
  ExportKind      kind;
} ExportRequest;

static void
save_response (GtkNativeDialog *native,
               int              response,
               gpointer         user_data)
{
  g_autofree ExportRequest *request = user_data;
  g_autoptr(MapscopeWindow) self = request->window;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      GtkFileChooser *chooser = GTK_FILE_CHOOSER (native);
      g_autoptr(GFile) file = gtk_file_chooser_get_file (chooser);
      const char *choice = request->kind == EXPORT_REPORT
                           ? gtk_file_chooser_get_choice (chooser, ANONYMIZE_CHOICE) : NULL;

      if (file != NULL)
        export_to (self, request->kind, file, g_strcmp0 (choice, "true") == 0);
    }

  gtk_native_dialog_destroy (native);
  g_object_unref (native);
}

/* A name that says what the file holds: mapscope-python3-1234-regions.csv */
static char *
suggest_name (MapscopeSnapshot *snapshot,
              ExportKind        kind)
{
  static const char * const what[] = {
    [EXPORT_REGIONS_CSV] = "regions", [EXPORT_REGIONS_JSON] = "regions",
    [EXPORT_SUMMARY_JSON] = "summary", [EXPORT_FINDINGS_JSON] = "findings",
    [EXPORT_DIFF_JSON] = "diff", [EXPORT_REPORT] = "report",
  };
  const char *command = mapscope_snapshot_get_command (snapshot);
  g_autofree char *subject = NULL;
  char *name;

  if (command != NULL && mapscope_snapshot_get_pid (snapshot) >= 0)
    subject = g_strdup_printf ("%s-%d", command, mapscope_snapshot_get_pid (snapshot));
  else
    subject = g_strdup (command != NULL ? command : "snapshot");

  name = g_strdup_printf ("mapscope-%s-%s.%s", subject, what[kind], exports[kind].extension);
  g_strdelimit (name, "/\\:", '_');
  return name;
}

static void
start_export (MapscopeWindow *self,
              ExportKind      kind)
{
  MapscopeSnapshot *current = mapscope_workspace_get_current (self->workspace);
  TestTarget *target = g_object_get_data (G_OBJECT (self), TEST_TARGET_KEY);
  g_autofree char *name = NULL;
  GtkFileChooserNative *native;
  ExportRequest *request;

  if (current == NULL)
    return;

  if (target != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (target->path);

      export_to (self, kind, file, target->anonymize);
      return;
    }

  native = gtk_file_chooser_native_new (_(exports[kind].title), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  name = suggest_name (current, kind);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
  if (kind == EXPORT_REPORT)
    gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (native), ANONYMIZE_CHOICE,
                                 _("Anonymise paths (home folders, user and host names)"),
                                 NULL, NULL);

  request = g_new0 (ExportRequest, 1);
  request->window = g_object_ref (self);
  request->kind = kind;
  g_signal_connect (native, "response", G_CALLBACK (save_response), request);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
export_activated (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  const char *name = g_action_get_name (G_ACTION (action));

  for (guint kind = 0; kind < G_N_ELEMENTS (exports); kind++)
    if (g_str_equal (name, exports[kind].action))
      start_export (MAPSCOPE_WINDOW (user_data), kind);
}

static void
update_export_actions (MapscopeWindow *self)
{
  MapscopeSnapshot *current = mapscope_workspace_get_current (self->workspace);
  gboolean has_regions = current != NULL && mapscope_snapshot_get_n_regions (current) > 0;

  for (guint kind = 0; kind < G_N_ELEMENTS (exports); kind++)
    {
      GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), exports[kind].action);
      gboolean enabled = current != NULL;

      if (kind == EXPORT_REGIONS_CSV || kind == EXPORT_REGIONS_JSON)
        enabled = has_regions;
      else if (kind == EXPORT_DIFF_JSON)
        enabled = mapscope_workspace_get_diff (self->workspace) != NULL;
      /* one export at a time */
      g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled && !self->exporting);
    }
}

void
_mapscope_window_init_export (MapscopeWindow *self)
{
  for (guint kind = 0; kind < G_N_ELEMENTS (exports); kind++)
    {
      g_autoptr(GSimpleAction) action = g_simple_action_new (exports[kind].action, NULL);

      g_signal_connect_object (action, "activate", G_CALLBACK (export_activated), self, 0);
      g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (action));
    }

  g_signal_connect_object (self->workspace, "notify::current",
                           G_CALLBACK (update_export_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->workspace, "notify::diff",
                           G_CALLBACK (update_export_actions), self, G_CONNECT_SWAPPED);
  update_export_actions (self);
}
