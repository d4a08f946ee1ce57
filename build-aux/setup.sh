#!/usr/bin/env bash
# Shared helper for build-aux/run and build-aux/test.
#
# Sourced:   defines MAPSCOPE_ROOT, mapscope_ensure_deps and mapscope_build.
# Executed:  `build-aux/setup.sh` just installs the missing build dependencies.
#
# Environment:
#   MAPSCOPE_SKIP_DEPS=1  do not check or install Debian packages (for machines
#                         where the dependencies come from somewhere else).

set -euo pipefail

# Repository root, from this file's location, so every script works from any cwd.
MAPSCOPE_ROOT="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)"

# Debian/Ubuntu packages needed to build, test and run Mapscope.
# One list, one package per line: add new ones here.
MAPSCOPE_DEB_PACKAGES=(
  meson
  ninja-build
  pkg-config
  gcc
  libc6-dev
  libglib2.0-dev
  libjson-glib-dev
  zlib1g-dev
  libgtk-4-dev
  libadwaita-1-dev
  xvfb
  xauth
  procps
  time
  gettext
  desktop-file-utils
  appstream
  valgrind
  libxml2-utils
  polkitd
)

mapscope_log() {
  printf 'mapscope: %s\n' "$*" >&2
}

# Install whichever of MAPSCOPE_DEB_PACKAGES are missing. Does nothing (no
# apt-get update, no sudo prompt) when everything is already installed.
mapscope_ensure_deps() {
  if [[ ${MAPSCOPE_SKIP_DEPS:-0} == 1 ]]; then
    return 0
  fi

  if ! command -v dpkg-query >/dev/null 2>&1; then
    mapscope_log "dpkg-query not found (not Debian/Ubuntu?); not installing anything."
    mapscope_log "Make sure the equivalents of these are installed: ${MAPSCOPE_DEB_PACKAGES[*]}"
    return 0
  fi

  local pkg status
  local missing=()
  for pkg in "${MAPSCOPE_DEB_PACKAGES[@]}"; do
    # Status is e.g. "install ok installed"; a removed package can still be
    # known to dpkg ("deinstall ok config-files"), and an unknown one makes
    # dpkg-query fail, so only the " ok installed" suffix counts.
    status="$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)"
    if [[ $status != *" ok installed" ]]; then
      missing+=("$pkg")
    fi
  done

  if ((${#missing[@]} == 0)); then
    return 0
  fi

  local sudo=()
  if [[ $(id -u) -ne 0 ]]; then
    if command -v sudo >/dev/null 2>&1; then
      sudo=(sudo)
    else
      mapscope_log "These packages are missing: ${missing[*]}"
      mapscope_log "You are not root and sudo is not available; install them as root with:"
      mapscope_log "  apt-get update && apt-get install --no-install-recommends ${missing[*]}"
      exit 1
    fi
  fi

  mapscope_log "Installing missing packages: ${missing[*]}"
  # `env` because sudo drops most of the caller's environment, which would
  # lose DEBIAN_FRONTEND and let debconf ask questions.
  if ! "${sudo[@]}" apt-get update ||
    ! "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
      apt-get install -y --no-install-recommends "${missing[@]}"; then
    mapscope_log "Installing packages failed; missing: ${missing[*]}"
    exit 1
  fi
}

# mapscope_build DIR [meson setup args...]
#
# Configure DIR (if needed) with the given arguments, then build it.
#   - no DIR/build.ninja yet:      meson setup DIR ARGS
#   - same ARGS as last time:      reuse; `meson compile` itself re-runs meson
#                                  when a meson.build changed
#   - different ARGS:              meson setup --reconfigure DIR ARGS
# The arguments of the last setup are remembered in DIR/.mapscope-setup-args.
# Note that --reconfigure only changes the options that are given: an option
# dropped from ARGS keeps its old value (delete DIR to start from scratch).
#
# Returns non-zero if configuring or building fails. Every step has an explicit
# `|| return` because callers use it in `if`, where `set -e` is not in effect.
mapscope_build() {
  if (($# < 1)); then
    mapscope_log "usage: mapscope_build DIR [meson args...]"
    return 2
  fi
  local dir="$1"
  shift

  local stamp="$dir/.mapscope-setup-args"
  local wanted
  # One shell-quoted argument per line: a faithful and diffable record.
  wanted="$(if (($# > 0)); then printf '%q\n' "$@"; fi)"

  if [[ ! -f $dir/build.ninja ]]; then
    local setup_args=()
    # A configure that failed half-way can leave meson's state behind without
    # a build.ninja; plain `meson setup` then refuses to touch the directory.
    if [[ -e $dir/meson-private/coredata.dat ]]; then
      setup_args+=(--wipe)
    fi
    meson setup "${setup_args[@]}" "$dir" "$MAPSCOPE_ROOT" "$@" || return
  elif [[ ! -f $stamp || $(<"$stamp") != "$wanted" ]]; then
    mapscope_log "Build options of $dir changed; reconfiguring."
    meson setup --reconfigure "$dir" "$MAPSCOPE_ROOT" "$@" || return
  fi
  printf '%s\n' "$wanted" >"$stamp" || return

  meson compile -C "$dir" || return
}

# Executed directly rather than sourced: only install the dependencies.
if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
  mapscope_ensure_deps
  mapscope_log "All build dependencies are installed."
fi
