/* mapscope-cli-ps.c: "mapscope-cli ps", the running processes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mapscope-cli-ps.h"

#include "mapscope-cli-common.h"
#include "mapscope-cli-format.h"
#include "mapscope-cli-output.h"
#include "mapscope-cli-table.h"

#define PS_DESCRIPTION \
  "List the running processes with their memory: resident (RSS) and swapped\n" \
  "out, from /proc/PID/status. Reading it costs no more than ps does."

#define PS_NOTES \
  "--sort pss also reads each process's /proc/PID/smaps_rollup for its\n" \
  "proportional set size (PSS, shared pages divided among their users) and\n" \
  "private dirty memory, and shows them; the kernel walks the page tables of\n" \
  "every process for this, so it takes longer. Without privileges only your\n" \
  "own processes can be read so: the others show “-”.\n" \
  "\n" \
  "rss, pss and swap sort biggest first, pid and name ascending.\n" \
  "\n" \
  "With --json, print {\"processes\": […]}, each with pid, ppid, user, name,\n" \
  "command_line, state, threads, rss_kb, swap_kb and kernel_thread, and\n" \
  "pss_kb, private_dirty_kb and swap_pss_kb when they were read.\n" \
  "\n" \
  "Exit status: 0 on success, 1 if /proc cannot be read, 2 on a usage error."

typedef enum
{
  SORT_PID,
  SORT_NAME,
  SORT_RSS,
  SORT_PSS,
  SORT_SWAP,
} SortKey;

static const char *sort_names[] = { "pid", "name", "rss", "pss", "swap" };

static gboolean
parse_sort (const char *text,
            SortKey    *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (sort_names); i++)
    {
      if (g_str_equal (text, sort_names[i]))
        {
          *key = i;
          return TRUE;
        }
    }

  return FALSE;
}

/* The amount a process sorts by: unknown PSS sorts last. */
static gint64
sort_amount (const MapscopeProcess *process,
             SortKey                key)
{
  switch (key)
    {
    case SORT_RSS:
      return process->rss_kb;
    case SORT_PSS:
      return process->rollup == MAPSCOPE_ROLLUP_READ ? (gint64)process->pss_kb : -1;
    case SORT_SWAP:
      return process->swap_kb;
    case SORT_PID:
    case SORT_NAME:
    default:
      return 0;
    }
}

static gint
compare_processes (gconstpointer a,
                   gconstpointer b,
                   gpointer      data)
{
  const MapscopeProcess *pa = *(const MapscopeProcess * const *)a;
  const MapscopeProcess *pb = *(const MapscopeProcess * const *)b;
  SortKey key = GPOINTER_TO_INT (data);
  gint64 va = sort_amount (pa, key);
  gint64 vb = sort_amount (pb, key);
  gint order = key == SORT_NAME ? g_strcmp0 (pa->name, pb->name) : 0;

  /* names ascending, amounts biggest first; ties, and pid itself, by pid */
  if (order != 0)
    return order;
  if (va != vb)
    return va < vb ? 1 : -1;
  return (pa->pid > pb->pid) - (pa->pid < pb->pid);
}

static gboolean
user_matches (const MapscopeProcess *process,
              const char            *user)
{
  char *end = NULL;
  guint64 uid;

  if (user == NULL || g_str_equal (process->user, user))
    return TRUE;

  uid = g_ascii_strtoull (user, &end, 10);
  return end != user && *end == '\0' && uid == process->uid;
}

static GPtrArray *
select_processes (MapscopeProcessList *list,
                  const char          *user,
                  SortKey              key)
{
  guint n = mapscope_process_list_get_n_processes (list);
  GPtrArray *selected = g_ptr_array_sized_new (n);

  for (guint i = 0; i < n; i++)
    {
      const MapscopeProcess *process = mapscope_process_list_get_process (list, i);

      if (!user_matches (process, user))
        continue;
      if (key == SORT_PSS)
        mapscope_process_list_ensure_rollup (list, i, NULL);
      g_ptr_array_add (selected, (gpointer)process);
    }

  g_ptr_array_sort_with_data (selected, compare_processes, GINT_TO_POINTER (key));
  return selected;
}

static void
add_kb_cell (MapscopeCliTable *table,
             gboolean          present,
             guint64           kb)
{
  mapscope_cli_table_add_cell (table, mapscope_cli_format_kb_or_dash (present, kb));
}

static void
write_table (GString   *out,
             GPtrArray *processes,
             gboolean   with_rollup)
{
  g_autoptr(MapscopeCliTable) table = mapscope_cli_table_new ();

  mapscope_cli_table_add_column (table, "PID", MAPSCOPE_CLI_ALIGN_RIGHT);
  mapscope_cli_table_add_column (table, "PPID", MAPSCOPE_CLI_ALIGN_RIGHT);
  mapscope_cli_table_add_column (table, "USER", MAPSCOPE_CLI_ALIGN_LEFT);
  mapscope_cli_table_add_column (table, "RSS", MAPSCOPE_CLI_ALIGN_RIGHT);
  if (with_rollup)
    {
      mapscope_cli_table_add_column (table, "PSS", MAPSCOPE_CLI_ALIGN_RIGHT);
      mapscope_cli_table_add_column (table, "PRIVATE DIRTY", MAPSCOPE_CLI_ALIGN_RIGHT);
    }
  mapscope_cli_table_add_column (table, "SWAP", MAPSCOPE_CLI_ALIGN_RIGHT);
  mapscope_cli_table_add_column (table, "THREADS", MAPSCOPE_CLI_ALIGN_RIGHT);
  mapscope_cli_table_add_column (table, "NAME", MAPSCOPE_CLI_ALIGN_LEFT);
  mapscope_cli_table_add_column (table, "COMMAND", MAPSCOPE_CLI_ALIGN_LEFT);

  for (guint i = 0; i < processes->len; i++)
    {
      const MapscopeProcess *process = g_ptr_array_index (processes, i);
      gboolean has_memory = !process->kernel_thread;
      gboolean has_rollup = process->rollup == MAPSCOPE_ROLLUP_READ;

      mapscope_cli_table_add_cellf (table, "%d", process->pid);
      mapscope_cli_table_add_cellf (table, "%d", process->ppid);
      mapscope_cli_table_add_cell (table, process->user);
      add_kb_cell (table, has_memory, process->rss_kb);
      if (with_rollup)
        {
          add_kb_cell (table, has_rollup, process->pss_kb);
          add_kb_cell (table, has_rollup, process->private_dirty_kb);
        }
      add_kb_cell (table, has_memory, process->swap_kb);
      mapscope_cli_table_add_cellf (table, "%u", process->n_threads);
      mapscope_cli_table_add_cell (table, process->name);
      /* as ps does: a kernel thread has no arguments, so show its name */
      if (process->command_line[0] == '\0')
        mapscope_cli_table_add_cellf (table, "[%s]", process->name);
      else
        mapscope_cli_table_add_cell (table, process->command_line);
    }

  mapscope_cli_table_write (table, out);
}

static void
write_json (GString   *out,
            GPtrArray *processes)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "processes");
  json_builder_begin_array (builder);

  for (guint i = 0; i < processes->len; i++)
    {
      const MapscopeProcess *process = g_ptr_array_index (processes, i);
      char state[2] = { process->state, '\0' };

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "pid");
      json_builder_add_int_value (builder, process->pid);
      json_builder_set_member_name (builder, "ppid");
      json_builder_add_int_value (builder, process->ppid);
      json_builder_set_member_name (builder, "user");
      json_builder_add_string_value (builder, process->user);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, process->name);
      json_builder_set_member_name (builder, "command_line");
      json_builder_add_string_value (builder, process->command_line);
      json_builder_set_member_name (builder, "state");
      json_builder_add_string_value (builder, state);
      json_builder_set_member_name (builder, "threads");
      json_builder_add_int_value (builder, process->n_threads);
      json_builder_set_member_name (builder, "rss_kb");
      json_builder_add_int_value (builder, process->rss_kb);
      json_builder_set_member_name (builder, "swap_kb");
      json_builder_add_int_value (builder, process->swap_kb);
      json_builder_set_member_name (builder, "kernel_thread");
      json_builder_add_boolean_value (builder, process->kernel_thread);
      if (process->rollup == MAPSCOPE_ROLLUP_READ)
        {
          json_builder_set_member_name (builder, "pss_kb");
          json_builder_add_int_value (builder, process->pss_kb);
          json_builder_set_member_name (builder, "private_dirty_kb");
          json_builder_add_int_value (builder, process->private_dirty_kb);
          json_builder_set_member_name (builder, "swap_pss_kb");
          json_builder_add_int_value (builder, process->swap_pss_kb);
        }
      json_builder_end_object (builder);
    }

  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  mapscope_cli_output_append_json (out, generator, root);
  g_string_append_c (out, '\n');
}

int
mapscope_cli_ps_run (int    argc,
                     char **argv)
{
  g_autoptr(GString) out = mapscope_cli_output_new ();
  g_autoptr(MapscopeProcessList) list = mapscope_process_list_new ();
  g_autoptr(GPtrArray) processes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sort = NULL;
  g_autofree char *user = NULL;
  gboolean json = FALSE;
  SortKey key = SORT_PID;
  const GOptionEntry entries[] = {
    { "json", 'j', G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, &json,
      "Print one JSON object with every process", NULL },
    { "sort", 's', G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &sort,
      "Sort by rss, pss, swap, pid or name (default: pid)", "KEY" },
    { "user", 'u', G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &user,
      "Only the processes of this user (a name or a uid)", "NAME" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;

  context = mapscope_cli_option_context_new_full ("ps", NULL, PS_DESCRIPTION, PS_NOTES, entries);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return mapscope_cli_usage_error ("ps", "%s", error->message);
  if (argc > 1)
    return mapscope_cli_usage_error ("ps", "unexpected argument “%s”", argv[1]);
  if (sort != NULL && !parse_sort (sort, &key))
    return mapscope_cli_usage_error ("ps", "cannot sort by “%s”: use rss, pss, swap, pid or "
                                     "name", sort);

  if (!mapscope_process_list_refresh (list, &error))
    {
      g_printerr ("mapscope-cli: %s\n", error->message);
      return MAPSCOPE_CLI_EXIT_INPUT_ERROR;
    }

  processes = select_processes (list, user, key);
  if (json)
    write_json (out, processes);
  else
    write_table (out, processes, key == SORT_PSS);

  return mapscope_cli_output_finish (out) ? MAPSCOPE_CLI_EXIT_SUCCESS
                                          : MAPSCOPE_CLI_EXIT_INPUT_ERROR;
}
