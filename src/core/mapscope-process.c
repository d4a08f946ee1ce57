/* mapscope-process.c: what the process list knows of one process
 *
 * A refresh reads two files per process, /proc/PID/status (everything but
 * the arguments, Uid and VmSwap included, which stat lacks) and
 * /proc/PID/cmdline, with openat() on a /proc descriptor and read() into a
 * stack buffer: GIO would cost more than the kernel does here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mapscope-capture-error.h"
#include "mapscope-direct-source.h"
#include "mapscope-document.h"
#include "mapscope-live-private.h"

#define STATUS_BUFFER_SIZE 8192
#define CMDLINE_BUFFER_SIZE 4096
/* Some programs have megabytes of arguments; a list needs no more than this. */
#define MAX_CMDLINE_LENGTH (256 * 1024)
#define KTHREADD_PID 2

G_DEFINE_BOXED_TYPE (MapscopeProcess, mapscope_process,
                     mapscope_process_copy, mapscope_process_free)

MapscopeProcess *
mapscope_process_copy (const MapscopeProcess *self)
{
  MapscopeProcess *copy = g_memdup2 (self, sizeof *self);

  copy->user = g_strdup (self->user);
  copy->name = g_strdup (self->name);
  copy->command_line = g_strdup (self->command_line);

  return copy;
}

void
mapscope_process_free (MapscopeProcess *self)
{
  if (self == NULL)
    return;

  g_free (self->user);
  g_free (self->name);
  g_free (self->command_line);
  g_free (self);
}

/* Reads a whole small file (at most @size - 1 bytes) and NUL-terminates it.
 * Returns: its length, or -1 with errno set */
gssize
_mapscope_proc_read_file (int         dir_fd,
                          const char *path,
                          char       *buf,
                          gsize       size)
{
  gsize done = 0;
  int fd;
  int errsv;

  fd = openat (dir_fd, path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
  if (fd < 0)
    return -1;

  while (done < size - 1)
    {
      gssize n = read (fd, buf + done, size - 1 - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          errsv = errno;
          close (fd);
          errno = errsv;
          return -1;
        }
      if (n == 0)
        break;
      done += n;
    }

  close (fd);
  buf[done] = '\0';
  return done;
}

GHashTable *
_mapscope_user_names_new (void)
{
  return g_hash_table_new_full (NULL, NULL, NULL, g_free);
}

static const char *
lookup_user_name (GHashTable *user_names,
                  guint       uid)
{
  char *name = g_hash_table_lookup (user_names, GUINT_TO_POINTER (uid));
  struct passwd entry;
  struct passwd *result = NULL;
  char buf[1024];

  if (name != NULL)
    return name;

  if (getpwuid_r (uid, &entry, buf, sizeof buf, &result) == 0 && result != NULL)
    name = g_strdup (result->pw_name);
  else
    name = g_strdup_printf ("%u", uid);

  g_hash_table_insert (user_names, GUINT_TO_POINTER (uid), name);
  return name;
}

static gboolean
has_key (const char  *line,
         const char  *key,
         gsize        key_len,
         const char **value)
{
  if (strncmp (line, key, key_len) != 0)
    return FALSE;

  *value = line + key_len;
  while (**value == ' ' || **value == '\t')
    (*value)++;
  return TRUE;
}

static guint64
parse_number (const char *text)
{
  return g_ascii_strtoull (text, NULL, 10);
}

/* "Uid:" gives the real, effective, saved and file system uids: ps shows
 * the effective one. */
static guint
parse_effective_uid (const char *value)
{
  char *end = NULL;

  g_ascii_strtoull (value, &end, 10);
  return (guint)parse_number (end);
}

/* The keys of /proc/PID/status this reads, in the kernel's order; it stops
 * once all are found. Kthread exists since Linux 6.5. */
static void
parse_status (MapscopeProcess *self,
              char            *text,
              gboolean        *has_kthread_line)
{
  guint wanted = 8;
  char *line = text;

  while (line != NULL && *line != '\0' && wanted > 0)
    {
      char *newline = strchr (line, '\n');
      const char *value;
      gboolean found = TRUE;

      if (newline != NULL)
        *newline = '\0';

      if (has_key (line, "Name:", 5, &value))
        self->name = g_strdup (value);
      else if (has_key (line, "State:", 6, &value))
        self->state = value[0];
      else if (has_key (line, "PPid:", 5, &value))
        self->ppid = (gint)parse_number (value);
      else if (has_key (line, "Uid:", 4, &value))
        self->uid = parse_effective_uid (value);
      else if (has_key (line, "Kthread:", 8, &value))
        {
          self->kernel_thread = value[0] == '1';
          *has_kthread_line = TRUE;
        }
      else if (has_key (line, "VmRSS:", 6, &value))
        self->rss_kb = parse_number (value);
      else if (has_key (line, "VmSwap:", 7, &value))
        self->swap_kb = parse_number (value);
      else if (has_key (line, "Threads:", 8, &value))
        self->n_threads = (guint)parse_number (value);
      else
        found = FALSE;

      if (found)
        wanted--;
      line = newline != NULL ? newline + 1 : NULL;
    }
}

/* The arguments, NUL-separated in @data, joined by spaces.
 * Returns: (transfer full): the command line */
char *
_mapscope_process_join_command_line (const char *data,
                                     gsize       len)
{
  gsize kept = MIN (len, MAX_CMDLINE_LENGTH);
  char *text = g_malloc (kept + 1);

  memcpy (text, data, kept);
  text[kept] = '\0';
  for (gsize i = 0; i < kept; i++)
    {
      if (text[i] == '\0')
        text[i] = ' ';
    }
  g_strchomp (text);

  return text;
}

/* The arguments of the process, as read from @path below @proc_fd. */
static char *
read_command_line (int         proc_fd,
                   const char *path)
{
  char buf[CMDLINE_BUFFER_SIZE];
  GString *text = NULL;
  char *joined;
  gssize n;
  int fd;

  fd = openat (proc_fd, path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
  if (fd < 0)
    return g_strdup ("");

  while ((n = read (fd, buf, sizeof buf)) != 0)
    {
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        break;
      if (text == NULL)
        text = g_string_sized_new (n);
      g_string_append_len (text, buf, n);
      if (text->len >= MAX_CMDLINE_LENGTH)
        break;
    }
  close (fd);

  if (text == NULL)
    return g_strdup ("");

  joined = _mapscope_process_join_command_line (text->str, text->len);
  g_string_free (text, TRUE);
  return joined;
}

/* Fills @self's fields from the text of /proc/@pid/status (which this
 * modifies), all but the command line. */
void
_mapscope_process_fill_from_status (MapscopeProcess *self,
                                    gint             pid,
                                    char            *status,
                                    GHashTable      *user_names)
{
  gboolean has_kthread_line = FALSE;

  self->pid = pid;
  parse_status (self, status, &has_kthread_line);
  if (self->name == NULL)
    self->name = g_strdup ("");

  if (!has_kthread_line)
    self->kernel_thread = pid == KTHREADD_PID || self->ppid == KTHREADD_PID;

  self->user = g_strdup (lookup_user_name (user_names, self->uid));
}

/* Fills @self from /proc/@pid, relative to @proc_fd (a descriptor of /proc).
 * Returns: FALSE with errno set when the process cannot be read, as when it
 *   has just exited (ENOENT or ESRCH) */
gboolean
_mapscope_process_read_at (MapscopeProcess *self,
                           int              proc_fd,
                           gint             pid,
                           GHashTable      *user_names)
{
  char status[STATUS_BUFFER_SIZE];
  char path[32];
  gssize n;

  memset (self, 0, sizeof *self);
  self->pid = pid;

  g_snprintf (path, sizeof path, "%d/status", pid);
  n = _mapscope_proc_read_file (proc_fd, path, status, sizeof status);
  if (n <= 0)
    {
      if (n == 0)
        errno = ESRCH;
      return FALSE;
    }
  _mapscope_process_fill_from_status (self, pid, status, user_names);

  g_snprintf (path, sizeof path, "%d/cmdline", pid);
  self->command_line = read_command_line (proc_fd, path);

  return TRUE;
}

/**
 * mapscope_process_new_for_pid:
 *
 * Reads what a refresh of the process list would read, for one process,
 * from the default process source.
 *
 * Returns: (transfer full): the process, or %NULL with @error set
 *   (%MAPSCOPE_CAPTURE_ERROR_PROCESS_EXITED when there is no such process)
 */
MapscopeProcess *
mapscope_process_new_for_pid (gint     pid,
                              GError **error)
{
  g_return_val_if_fail (pid > 0, NULL);

  return mapscope_process_source_read_process (mapscope_process_source_get_default (), pid,
                                               error);
}

/* The text of smaps_rollup into @buf, read from @source; the direct
 * source reads it into the buffer without an allocation.
 * Returns: its length, or -1 with @error set */
static gssize
read_rollup_text (MapscopeProcess        *self,
                  MapscopeProcessSource  *source,
                  char                   *buf,
                  gsize                   size,
                  GError                **error)
{
  g_autoptr(GBytes) content = NULL;
  g_autoptr(GError) failure = NULL;
  char path[48];
  gssize n;

  if (MAPSCOPE_IS_DIRECT_SOURCE (source))
    {
      g_snprintf (path, sizeof path, "/proc/%d/smaps_rollup", self->pid);
      n = _mapscope_proc_read_file (AT_FDCWD, path, buf, size);
      /* 0: nothing mapped, as for a zombie, which the error tells apart */
      if (n <= 0)
        _mapscope_capture_set_error (error, n < 0 ? errno : 0, self->pid, self->name,
                                     MAPSCOPE_ACCESS_READ_MAP);
      return n > 0 ? n : -1;
    }

  content = mapscope_process_source_read_file (source, self->pid, "smaps_rollup", NULL,
                                               &failure);
  if (content == NULL || g_bytes_get_size (content) == 0)
    {
      _mapscope_capture_set_source_error (error, failure, self->pid, self->name,
                                          MAPSCOPE_ACCESS_READ_MAP);
      return -1;
    }

  n = MIN (g_bytes_get_size (content), size - 1);
  memcpy (buf, g_bytes_get_data (content, NULL), n);
  buf[n] = '\0';
  return n;
}

/*
 * _mapscope_process_read_rollup:
 *
 * mapscope_process_read_rollup(), reading from @source.
 */
gboolean
_mapscope_process_read_rollup (MapscopeProcess        *self,
                               MapscopeProcessSource  *source,
                               GError                **error)
{
  char buf[STATUS_BUFFER_SIZE];
  char path[48];
  g_autoptr(MapscopeDocument) document = NULL;
  MapscopeSnapshot *snapshot;
  const MapscopeRegion *rollup;
  gssize n;

  self->rollup = MAPSCOPE_ROLLUP_UNAVAILABLE;

  if (self->kernel_thread || self->state == 'Z' || self->state == 'X')
    {
      _mapscope_capture_set_error (error, 0, self->pid, self->name, MAPSCOPE_ACCESS_READ_MAP);
      return FALSE;
    }

  n = read_rollup_text (self, source, buf, sizeof buf, error);
  if (n < 0)
    return FALSE;

  g_snprintf (path, sizeof path, "/proc/%d/smaps_rollup", self->pid);
  document = mapscope_document_load_data (buf, n, path, error);
  if (document == NULL)
    return FALSE;

  snapshot = mapscope_document_get_snapshot (document, 0);
  rollup = mapscope_snapshot_get_rollup (snapshot);
  if (rollup == NULL)
    {
      g_set_error (error, MAPSCOPE_CAPTURE_ERROR, MAPSCOPE_CAPTURE_ERROR_FAILED,
                   "%s holds no totals: the kernel wrote something Mapscope does not know.",
                   path);
      return FALSE;
    }

  self->pss_kb = mapscope_snapshot_get_value_or_zero (snapshot, rollup, MAPSCOPE_FIELD_PSS);
  self->private_dirty_kb = mapscope_snapshot_get_value_or_zero (snapshot, rollup,
                                                                MAPSCOPE_FIELD_PRIVATE_DIRTY);
  self->swap_pss_kb = mapscope_snapshot_get_value_or_zero (snapshot, rollup,
                                                           MAPSCOPE_FIELD_SWAP_PSS);
  self->rollup = MAPSCOPE_ROLLUP_READ;

  return TRUE;
}

/**
 * mapscope_process_read_rollup:
 *
 * Reads /proc/PID/smaps_rollup, from the default process source, into
 * @self's pss_kb, private_dirty_kb and swap_pss_kb and sets its rollup
 * state, to READ or, on failure, UNAVAILABLE. The kernel walks the
 * process's page tables for this, so it costs about as much as the process
 * has resident memory.
 *
 * Returns: whether it could be read; if not, @error says why
 */
gboolean
mapscope_process_read_rollup (MapscopeProcess  *self,
                              GError          **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return _mapscope_process_read_rollup (self, mapscope_process_source_get_default (), error);
}
