/* mapscope-many-maps.c: a process that holds many distinct mappings
 *
 * Holds N mappings (60,000 unless --count says otherwise) so that
 * /proc/PID/smaps is large (about 43 MB for 60,000): one anonymous
 * reservation whose consecutive pages alternate between read-only and
 * read-write, so the kernel cannot merge them into fewer areas, plus a few
 * file mappings.  Once set up it prints its pid on standard output and waits
 * until standard input reaches end of file, SIGTERM arrives or
 * --serve-seconds pass, then exits.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define PROGRAM "mapscope-many-maps"
#define DEFAULT_COUNT 60000
#define DEFAULT_SERVE_SECONDS 600
/* Mappings the process may create besides ours while it runs (stdio
 * buffers, the loader, the guards around the reservation). */
#define SLACK 16
/* Every TOUCH_STRIDE-th page of the reservation is written to, so that Rss,
 * Anonymous and Private_Dirty are not all zero. */
#define TOUCH_STRIDE 8

static volatile sig_atomic_t got_signal = 0;

static void
usage (FILE *out)
{
  fprintf (out,
           "Usage: " PROGRAM " [--count N] [--serve-seconds S]\n"
           "\n"
           "Holds N distinct mappings (default %d), prints its pid on\n"
           "standard output, then waits until standard input reaches end of\n"
           "file, SIGTERM arrives or S seconds pass (default %d).\n",
           DEFAULT_COUNT, DEFAULT_SERVE_SECONDS);
}

static int
parse_positive (const char *option,
                const char *text,
                long        max,
                long       *value)
{
  char *end = NULL;
  long v;

  errno = 0;
  v = strtol (text, &end, 10);
  if (errno != 0 || end == text || *end != '\0' || v <= 0 || v > max)
    {
      fprintf (stderr, PROGRAM ": %s wants a whole number from 1 to %ld, not '%s'\n",
               option, max, text);
      return -1;
    }

  *value = v;
  return 0;
}

/* Returns the number of lines of /proc/self/maps, or -1. */
static long
count_own_mappings (void)
{
  FILE *maps;
  char buf[65536];
  size_t n;
  long lines = 0;

  maps = fopen ("/proc/self/maps", "re");
  if (maps == NULL)
    {
      fprintf (stderr, PROGRAM ": cannot open /proc/self/maps: %s\n", strerror (errno));
      return -1;
    }

  while ((n = fread (buf, 1, sizeof buf, maps)) > 0)
    {
      const char *p = buf;
      const char *limit = buf + n;

      while ((p = memchr (p, '\n', (size_t) (limit - p))) != NULL)
        {
          lines++;
          p++;
        }
    }

  fclose (maps);
  return lines;
}

/* Returns vm.max_map_count, or -1 when it cannot be read. */
static long
read_max_map_count (void)
{
  FILE *f;
  long value = -1;

  f = fopen ("/proc/sys/vm/max_map_count", "re");
  if (f == NULL)
    return -1;
  if (fscanf (f, "%ld", &value) != 1)
    value = -1;
  fclose (f);
  return value;
}

/* Maps the first page of PATH read-only; returns 1 if it did, 0 if the file
 * cannot be mapped (which is not an error: the file mappings are garnish). */
static int
map_file (const char *path,
          int         flags)
{
  struct stat st;
  void *addr;
  int fd;

  fd = open (path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return 0;

  if (fstat (fd, &st) != 0 || st.st_size <= 0)
    {
      close (fd);
      return 0;
    }

  addr = mmap (NULL, (size_t) st.st_size < 4096 ? (size_t) st.st_size : 4096,
               PROT_READ, flags, fd, 0);
  close (fd);
  if (addr == MAP_FAILED)
    return 0;

  /* Read it, so the mapping has resident pages too. */
  (void) *(volatile const char *) addr;
  return 1;
}

/* Creates COUNT - (file mappings) anonymous areas and a few file mappings.
 * Returns 0 on success. */
static int
create_mappings (long count)
{
  static const struct
  {
    const char *path;
    int         flags;
  } files[] = {
    { "/proc/self/exe", MAP_PRIVATE },
    { "/etc/passwd",    MAP_SHARED },
    { "/etc/hostname",  MAP_PRIVATE },
    { "/etc/os-release", MAP_SHARED },
  };
  size_t page_size = (size_t) sysconf (_SC_PAGESIZE);
  long n_files = 0;
  long n_anon;
  size_t i;
  long k;
  char *base;
  char *first;

  /* A handful of file mappings, made first so that they never sit between
   * two of our anonymous areas. */
  for (i = 0; i < sizeof files / sizeof files[0] && n_files < count / 2; i++)
    n_files += map_file (files[i].path, files[i].flags);

  n_anon = count - n_files;

  /* One reservation with a no-access guard page at each end, so that the
   * first and last areas cannot merge with whatever lies next to it. */
  base = mmap (NULL, ((size_t) n_anon + 2) * page_size, PROT_NONE,
               MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (base == MAP_FAILED)
    {
      fprintf (stderr, PROGRAM ": cannot reserve %ld pages: %s\n",
               n_anon + 2, strerror (errno));
      return -1;
    }

  first = base + page_size;
  if (mprotect (first, (size_t) n_anon * page_size, PROT_READ | PROT_WRITE) != 0)
    {
      fprintf (stderr, PROGRAM ": mprotect of the reservation failed: %s\n",
               strerror (errno));
      return -1;
    }

  /* Touch some pages while every one of them is still writable. */
  for (k = 0; k < n_anon; k += TOUCH_STRIDE)
    first[(size_t) k * page_size] = (char) (k | 1);

  /* Every odd page becomes read-only: each page is now its own area. */
  for (k = 1; k < n_anon; k += 2)
    {
      if (mprotect (first + (size_t) k * page_size, page_size, PROT_READ) != 0)
        {
          fprintf (stderr,
                   PROGRAM ": mprotect failed after %ld areas: %s%s\n",
                   k, strerror (errno),
                   errno == ENOMEM ? " (vm.max_map_count reached?)" : "");
          return -1;
        }
    }

  return 0;
}

static void
on_signal (int signum)
{
  got_signal = signum;
}

static long
monotonic_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (long) ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Waits for end of file on standard input, SIGTERM, SIGINT or the deadline.
 * Returns 0, or 1 on a read error. */
static int
serve (long seconds)
{
  struct sigaction sa;
  sigset_t block, orig;
  long deadline = monotonic_ms () + seconds * 1000;
  char buf[4096];

  memset (&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  sigemptyset (&sa.sa_mask);
  sigaction (SIGTERM, &sa, NULL);
  sigaction (SIGINT, &sa, NULL);

  /* Signals stay blocked except inside ppoll, so none can slip in between
   * the check of got_signal and the wait. */
  sigemptyset (&block);
  sigaddset (&block, SIGTERM);
  sigaddset (&block, SIGINT);
  sigprocmask (SIG_BLOCK, &block, &orig);

  for (;;)
    {
      struct pollfd pfd = { .fd = STDIN_FILENO, .events = POLLIN };
      struct timespec timeout;
      long left;
      int r;

      if (got_signal != 0)
        return 0;

      left = deadline - monotonic_ms ();
      if (left <= 0)
        {
          fprintf (stderr, PROGRAM ": %ld seconds passed, exiting\n", seconds);
          return 0;
        }

      timeout.tv_sec = left / 1000;
      timeout.tv_nsec = (left % 1000) * 1000000;
      r = ppoll (&pfd, 1, &timeout, &orig);
      if (r < 0)
        {
          if (errno == EINTR)
            continue;
          fprintf (stderr, PROGRAM ": poll: %s\n", strerror (errno));
          return 1;
        }
      if (r == 0)
        continue;

      if (pfd.revents & POLLNVAL)
        return 0;

      if (pfd.revents & (POLLIN | POLLHUP | POLLERR))
        {
          ssize_t n = read (STDIN_FILENO, buf, sizeof buf);

          if (n == 0)
            return 0;
          if (n < 0 && errno != EINTR && errno != EAGAIN)
            {
              fprintf (stderr, PROGRAM ": reading standard input: %s\n",
                       strerror (errno));
              return 1;
            }
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  long count = DEFAULT_COUNT;
  long serve_seconds = DEFAULT_SERVE_SECONDS;
  long max_map_count;
  long before, after;
  int i;

  for (i = 1; i < argc; i++)
    {
      const char *arg = argv[i];
      const char *value = NULL;
      long *target = NULL;
      const char *name = NULL;

      if (strcmp (arg, "--help") == 0 || strcmp (arg, "-h") == 0)
        {
          usage (stdout);
          return 0;
        }
      else if (strncmp (arg, "--count", 7) == 0 && (arg[7] == '\0' || arg[7] == '='))
        {
          name = "--count";
          target = &count;
        }
      else if (strncmp (arg, "--serve-seconds", 15) == 0 && (arg[15] == '\0' || arg[15] == '='))
        {
          name = "--serve-seconds";
          target = &serve_seconds;
        }
      else
        {
          fprintf (stderr, PROGRAM ": unknown argument '%s'\n", arg);
          usage (stderr);
          return 2;
        }

      if (arg[strlen (name)] == '=')
        value = arg + strlen (name) + 1;
      else if (i + 1 < argc)
        value = argv[++i];
      else
        {
          fprintf (stderr, PROGRAM ": %s needs a value\n", name);
          return 2;
        }

      if (parse_positive (name, value, INT_MAX / 2, target) != 0)
        return 2;
    }

  before = count_own_mappings ();
  if (before < 0)
    return 1;

  max_map_count = read_max_map_count ();
  if (max_map_count < 0)
    fprintf (stderr, PROGRAM ": cannot read /proc/sys/vm/max_map_count; trying anyway\n");
  else if (count + before + SLACK > max_map_count)
    {
      fprintf (stderr,
               PROGRAM ": cannot hold %ld mappings: vm.max_map_count is %ld and this\n"
               "process already has %ld, so at most %ld more fit.  Use a smaller --count\n"
               "or raise the limit: sysctl -w vm.max_map_count=%ld\n",
               count, max_map_count, before,
               max_map_count - before - SLACK > 0 ? max_map_count - before - SLACK : 0,
               count + before + SLACK);
      return 1;
    }

  if (create_mappings (count) != 0)
    return 1;

  after = count_own_mappings ();
  if (after < 0)
    return 1;
  if (after - before < count)
    {
      fprintf (stderr,
               PROGRAM ": only %ld new mappings appeared in /proc/self/maps, wanted %ld\n",
               after - before, count);
      return 1;
    }

  fprintf (stderr, PROGRAM ": holding %ld mappings (%ld lines in /proc/%d/maps)\n",
           count, after, (int) getpid ());

  printf ("%d\n", (int) getpid ());
  if (fflush (stdout) != 0)
    {
      fprintf (stderr, PROGRAM ": cannot write the pid: %s\n", strerror (errno));
      return 1;
    }

  return serve (serve_seconds);
}
