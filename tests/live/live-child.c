/* live-child.c: a process with known mappings, for the live capture tests
 *
 * Usage:
 *   live-child --regions FILE    maps known regions and starts a thread
 *   live-child --working-set     touches part of a region, over and over
 *   live-child --exit-after MS   exits MS milliseconds after it is ready
 *
 * It prints one line per region, "NAME 0xADDRESS SIZE", then "ready", and
 * runs until its standard input reaches end of file (or MS pass).
 *
 * --regions: "anon" 3 MiB private read-write, every page written, between a
 * read-only page and a no-access page so that the kernel merges it with
 * nothing; "file" the first 64 KiB of FILE, read-only and private; "shared"
 * 1 MiB of shared anonymous memory, written; "thread" an address on the
 * stack of a second thread, size 0.
 *
 * --working-set: "ws" 8 MiB private read-write, every page written once,
 * then the first 2 MiB written again every 10 ms. Huge pages are turned off
 * for it, so that referenced bits are per 4 KiB page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define MIB (1024 * 1024)
#define ANON_SIZE (3 * MIB)
#define FILE_SIZE (64 * 1024)
#define SHARED_SIZE (1 * MIB)
#define WS_SIZE (8 * MIB)
#define WS_TOUCHED (2 * MIB)
#define WS_PERIOD_MS 10

static pthread_barrier_t thread_ready;
static volatile char *thread_stack_address;

static void
die (const char *what)
{
  fprintf (stderr, "live-child: %s: %s\n", what, strerror (errno));
  exit (1);
}

static void
report (const char *name,
        const void *address,
        size_t      size)
{
  printf ("%s %p %zu\n", name, address, size);
}

static void
touch (volatile char *base,
       size_t         size)
{
  size_t page = (size_t)sysconf (_SC_PAGESIZE);

  for (size_t offset = 0; offset < size; offset += page)
    base[offset]++;
}

static void *
thread_main (void *data)
{
  volatile char local = 1;

  thread_stack_address = &local;
  pthread_barrier_wait (&thread_ready);
  for (;;)
    pause ();
  return NULL;
}

static void
map_regions (const char *file)
{
  size_t page = (size_t)sysconf (_SC_PAGESIZE);
  char *reservation;
  char *anon;
  char *mapped;
  pthread_t thread;
  int fd;

  reservation = mmap (NULL, ANON_SIZE + 2 * page, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (reservation == MAP_FAILED)
    die ("mmap");
  anon = reservation + page;
  if (mprotect (reservation, page, PROT_READ) != 0 ||
      mprotect (anon, ANON_SIZE, PROT_READ | PROT_WRITE) != 0)
    die ("mprotect");
  touch (anon, ANON_SIZE);
  report ("anon", anon, ANON_SIZE);

  fd = open (file, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    die (file);
  mapped = mmap (NULL, FILE_SIZE, PROT_READ, MAP_PRIVATE, fd, 0);
  if (mapped == MAP_FAILED)
    die ("mmap of the file");
  close (fd);
  report ("file", mapped, FILE_SIZE);

  mapped = mmap (NULL, SHARED_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (mapped == MAP_FAILED)
    die ("mmap shared");
  touch (mapped, SHARED_SIZE);
  report ("shared", mapped, SHARED_SIZE);

  pthread_barrier_init (&thread_ready, NULL, 2);
  if (pthread_create (&thread, NULL, thread_main, NULL) != 0)
    die ("pthread_create");
  pthread_barrier_wait (&thread_ready);
  report ("thread", (const void *)thread_stack_address, 0);
}

static char *
map_working_set (void)
{
  char *region = mmap (NULL, WS_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

  if (region == MAP_FAILED)
    die ("mmap");
  madvise (region, WS_SIZE, MADV_NOHUGEPAGE);
  touch (region, WS_SIZE);
  report ("ws", region, WS_SIZE);

  return region;
}

/* Waits until standard input ends, or @timeout_ms pass (-1: forever),
 * touching the working set every WS_PERIOD_MS if there is one. */
static void
serve (char *working_set,
       int   timeout_ms)
{
  int waited = 0;

  for (;;)
    {
      struct pollfd pfd = { .fd = STDIN_FILENO, .events = POLLIN };
      int wait = working_set != NULL ? WS_PERIOD_MS : timeout_ms;
      int r;

      if (timeout_ms >= 0 && (wait < 0 || wait > timeout_ms - waited))
        wait = timeout_ms - waited;

      r = poll (&pfd, 1, wait);
      if (r < 0 && errno != EINTR)
        die ("poll");
      if (r > 0)
        {
          char buf[256];

          if (read (STDIN_FILENO, buf, sizeof buf) <= 0)
            return;
        }

      if (working_set != NULL)
        touch (working_set, WS_TOUCHED);
      waited += wait;
      if (timeout_ms >= 0 && waited >= timeout_ms)
        return;
    }
}

int
main (int   argc,
      char *argv[])
{
  char *working_set = NULL;
  int timeout_ms = -1;

  if (argc == 3 && strcmp (argv[1], "--regions") == 0)
    map_regions (argv[2]);
  else if (argc == 2 && strcmp (argv[1], "--working-set") == 0)
    working_set = map_working_set ();
  else if (argc == 3 && strcmp (argv[1], "--exit-after") == 0)
    timeout_ms = atoi (argv[2]);
  else
    {
      fprintf (stderr, "Usage: live-child --regions FILE | --working-set | --exit-after MS\n");
      return 2;
    }

  printf ("ready\n");
  if (fflush (stdout) != 0)
    die ("stdout");

  serve (working_set, timeout_ms);
  return 0;
}
