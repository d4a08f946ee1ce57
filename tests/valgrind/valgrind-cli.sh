#!/bin/sh
# valgrind-cli.sh: mapscope-cli under valgrind over every fixture
#
#   valgrind-cli.sh CLI SANITIZE DATA_DIR...
#
# Runs `mapscope-cli summary FILE` and `mapscope-cli regions --json FILE` for
# every file of each DATA_DIR under `valgrind --leak-check=full`; any memory
# error, or any block definitely lost, fails the test. SANITIZE is the build's
# b_sanitize option: an ASan build cannot run under valgrind, so the test is
# skipped there (exit 77), as it is when valgrind is not installed.
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -u

cli="$1"
sanitize="$2"
shift 2

if [ "$sanitize" != "none" ] && [ -n "$sanitize" ]; then
  echo "skipped: built with -Db_sanitize=$sanitize: sanitizers and valgrind do not mix"
  exit 77
fi
if ! command -v valgrind >/dev/null 2>&1; then
  echo "skipped: valgrind is not installed (build-aux/setup.sh installs it)"
  exit 77
fi

# GLib's slice allocator and type system keep memory until exit on purpose:
# that is "still reachable", never "definitely lost", and is not counted.
export G_SLICE=always-malloc
export G_DEBUG=gc-friendly
export LC_ALL=C.UTF-8

log_dir="$(mktemp -d "${TMPDIR:-/tmp}/mapscope-valgrind-XXXXXX")"
trap 'rm -rf "$log_dir"' EXIT

n=0
failed=0
for dir in "$@"; do
  for file in "$dir"/*; do
    [ -f "$file" ] || continue
    case "$file" in
      */README.md) continue ;;
    esac
    for command in "summary" "regions --json"; do
      n=$((n + 1))
      log="$log_dir/$n.log"
      # shellcheck disable=SC2086 # $command is two words on purpose
      valgrind --quiet --leak-check=full --errors-for-leak-kinds=definite \
        --show-leak-kinds=definite --error-exitcode=99 --log-file="$log" \
        "$cli" $command "$file" >/dev/null 2>"$log_dir/stderr"
      status=$?
      if [ "$status" -eq 99 ] || [ -s "$log" ]; then
        echo "not ok $n - $command $(basename "$file")"
        sed 's/^/# /' "$log"
        failed=$((failed + 1))
      elif [ "$status" -ne 0 ]; then
        echo "not ok $n - $command $(basename "$file") (exit status $status)"
        sed 's/^/# /' "$log_dir/stderr"
        failed=$((failed + 1))
      else
        echo "ok $n - $command $(basename "$file")"
      fi
    done
  done
done
echo "1..$n"

if [ "$n" -eq 0 ]; then
  echo "# no fixtures found in: $*"
  exit 1
fi
[ "$failed" -eq 0 ]
