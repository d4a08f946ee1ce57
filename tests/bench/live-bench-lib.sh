# live-bench-lib.sh: what ps-bench and capture-bench share; source it.
#
# Before sourcing, set bench_name (for messages). It sets root and builddir
# (from $1, default _build/bench), and defines die, bench_build, time_us,
# median, ratio and verdict. Each script installs its own cleanup trap.
#
# SPDX-License-Identifier: GPL-3.0-or-later

export LC_ALL=C

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
builddir=${1:-$root/_build/bench}
case $builddir in
  /*) ;;
  *) builddir=$PWD/$builddir ;;
esac

die ()
{
  echo "$bench_name: $*" >&2
  exit 1
}

[[ -n ${EPOCHREALTIME:-} ]] || die "bash 5 or later is needed (EPOCHREALTIME)"

# bench_build TARGET...: configures a release build if there is none, and
# builds the targets. Build output goes to stderr, so that stdout holds only
# the report.
bench_build ()
{
  if [[ ! -f $builddir/build.ninja ]]; then
    (cd "$root" && meson setup "$builddir" -Dbuildtype=release) >&2 \
      || die "meson setup $builddir failed"
  fi
  meson compile -C "$builddir" "$@" >&2 || die "meson compile -C $builddir failed"
}

# time_us COMMAND...: runs it with its output discarded; sets REPLY to the
# wall time in µs.
time_us ()
{
  local t0 t1

  t0=$EPOCHREALTIME
  "$@" >/dev/null || return 1
  t1=$EPOCHREALTIME
  REPLY=$(( ${t1//[!0-9]/} - ${t0//[!0-9]/} ))
}

# median VALUE...
median ()
{
  printf '%s\n' "$@" | sort -n | awk '
    { v[NR] = $1 }
    END {
      if (NR % 2) print v[(NR + 1) / 2];
      else print (v[NR / 2] + v[NR / 2 + 1]) / 2;
    }'
}

# ratio A B: A / B with two decimals
ratio ()
{
  awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f\n", a / b }'
}

# verdict VALUE LIMIT: "met" when VALUE <= LIMIT
verdict ()
{
  awk -v v="$1" -v l="$2" 'BEGIN { print (v + 0 <= l + 0) ? "met" : "MISSED" }'
}

# ms MICROSECONDS
ms ()
{
  awk -v u="$1" 'BEGIN { printf "%.2f\n", u / 1000 }'
}
