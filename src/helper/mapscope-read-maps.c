/* mapscope-read-maps: copy one /proc file of one process to standard output
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Mapscope starts this through pkexec (the polkit action
 * io.github.mapscope.Mapscope.read-maps) to read the memory map of a process
 * its user may not read. It runs as root, so its arguments are the security
 * boundary, and it accepts exactly:
 *
 *   mapscope-read-maps PID FILE
 *
 * PID: decimal digits only, no sign, no blanks, no leading zero, from 1 to
 * PID_MAX_LIMIT (2^22, the kernel's highest possible pid). FILE: one of the
 * names in allowed_files[]. It never takes a path: the file is opened with
 * openat() below a descriptor of /proc/PID, itself opened below /proc with
 * O_NOFOLLOW, so no "..", "/" or symbolic link can lead anywhere else.
 *
 * It does not link GLib on purpose: what runs as root is this one file
 * and the C library, which can be read whole in a few minutes, and nothing
 * reads the environment (GLib looks at G_DEBUG, G_SLICE, GIO_MODULE_DIR...).
 *
 * Exit status: 0 copied; 64 bad arguments; 66 no such process or file;
 * 77 permission denied; 74 a read or write error; 71 anything else. pkexec
 * itself exits with 126 when authorization is refused and 127 on its errors.
 */
#define _GNU_SOURCE

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define EXIT_USAGE 64        /* EX_USAGE */
#define EXIT_NO_INPUT 66     /* EX_NOINPUT */
#define EXIT_OS_ERROR 71     /* EX_OSERR */
#define EXIT_IO_ERROR 74     /* EX_IOERR */
#define EXIT_NO_PERMISSION 77 /* EX_NOPERM */

#define PID_MAX_LIMIT 4194304
#define PID_MAX_DIGITS 7

static const char *const allowed_files[] = {
  "smaps", "smaps_rollup", "maps", "status", "cmdline",
};

static const char *program_name = "mapscope-read-maps";

static void
usage (const char *why)
{
  fprintf (stderr, "%s: %s\n"
           "Usage: %s PID FILE\n"
           "  PID   a process id: decimal digits, without sign or leading zeros\n"
           "  FILE  one of smaps, smaps_rollup, maps, status, cmdline\n",
           program_name, why, program_name);
}

/* Returns the pid, or -1 if @text is not a pid as described above. */
static long
parse_pid (const char *text)
{
  long pid = 0;
  size_t len = strlen (text);

  if (len == 0 || len > PID_MAX_DIGITS || text[0] == '0')
    return -1;
  for (size_t i = 0; i < len; i++)
    {
      if (text[i] < '0' || text[i] > '9')
        return -1;
      pid = pid * 10 + (text[i] - '0');
    }

  return pid <= PID_MAX_LIMIT ? pid : -1;
}

static int
is_allowed_file (const char *name)
{
  for (size_t i = 0; i < sizeof allowed_files / sizeof allowed_files[0]; i++)
    {
      if (strcmp (name, allowed_files[i]) == 0)
        return 1;
    }
  return 0;
}

static int
exit_status_for (int errsv)
{
  switch (errsv)
    {
    case ENOENT:
    case ESRCH:
      return EXIT_NO_INPUT;
    case EACCES:
    case EPERM:
      return EXIT_NO_PERMISSION;
    default:
      return EXIT_OS_ERROR;
    }
}

static int
fail_open (long        pid,
           const char *file)
{
  int errsv = errno;

  if (errsv == ENOENT || errsv == ESRCH)
    fprintf (stderr, "%s: there is no process %ld\n", program_name, pid);
  else
    fprintf (stderr, "%s: cannot open /proc/%ld%s%s: %s\n", program_name, pid,
             file != NULL ? "/" : "", file != NULL ? file : "", strerror (errsv));
  return exit_status_for (errsv);
}

static int
write_all (const char *data,
           size_t      len)
{
  while (len > 0)
    {
      ssize_t n = write (STDOUT_FILENO, data, len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return -1;
      data += n;
      len -= (size_t)n;
    }
  return 0;
}

static int
copy_to_stdout (int         fd,
                long        pid,
                const char *file)
{
  char buf[65536];

  for (;;)
    {
      ssize_t n = read (fd, buf, sizeof buf);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int errsv = errno;

          fprintf (stderr, "%s: cannot read /proc/%ld/%s: %s\n", program_name, pid, file,
                   strerror (errsv));
          return errsv == EACCES || errsv == EPERM ? EXIT_NO_PERMISSION : EXIT_IO_ERROR;
        }
      if (n == 0)
        return 0;
      if (write_all (buf, (size_t)n) < 0)
        {
          fprintf (stderr, "%s: cannot write to standard output: %s\n", program_name,
                   strerror (errno));
          return EXIT_IO_ERROR;
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  char pid_name[PID_MAX_DIGITS + 1];
  long pid;
  int proc_fd;
  int pid_fd;
  int fd;
  int status;

  if (argc != 3)
    {
      usage ("expected exactly two arguments, a pid and a file name");
      return EXIT_USAGE;
    }

  pid = parse_pid (argv[1]);
  if (pid < 0)
    {
      fprintf (stderr, "%s: \"%s\" is not a process id\n", program_name, argv[1]);
      usage ("the first argument must be a pid from 1 to 4194304");
      return EXIT_USAGE;
    }
  if (!is_allowed_file (argv[2]))
    {
      fprintf (stderr, "%s: \"%s\" is not a file this program reads\n", program_name, argv[2]);
      usage ("the second argument must be one of the file names below");
      return EXIT_USAGE;
    }

  proc_fd = open ("/proc", O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (proc_fd < 0)
    {
      fprintf (stderr, "%s: cannot open /proc: %s\n", program_name, strerror (errno));
      return EXIT_OS_ERROR;
    }

  /* Written back from the parsed number, so only digits reach openat(). */
  snprintf (pid_name, sizeof pid_name, "%ld", pid);
  pid_fd = openat (proc_fd, pid_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (pid_fd < 0)
    return fail_open (pid, NULL);

  fd = openat (pid_fd, argv[2], O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY);
  if (fd < 0)
    return fail_open (pid, argv[2]);

  status = copy_to_stdout (fd, pid, argv[2]);
  close (fd);
  close (pid_fd);
  close (proc_fd);
  return status;
}
