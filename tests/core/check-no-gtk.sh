#!/bin/sh
# check-no-gtk.sh DIR: fails if a C source under DIR includes a header of
# GTK, GDK, GSK or libadwaita, or if DIR/meson.build depends on them: the
# core must stay free of UI.
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -eu

if [ "$#" -ne 1 ] || [ ! -d "$1" ]; then
  echo "usage: $0 DIR" >&2
  exit 2
fi

dir=$1

# "#include <gtk/gtk.h>", "# include <adwaita.h>", "#include \"gdk/gdk.h\"", ...
include_pattern='^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"](gtk|gdk|gsk|adwaita|libadwaita)[-/.0-9a-z]*'
dependency_pattern="dependency[[:space:]]*\\([[:space:]]*'(gtk|gtk4|gdk|libadwaita)"

count=$(find "$dir" -type f \( -name '*.c' -o -name '*.h' \) | wc -l)
if [ "$count" -eq 0 ]; then
  echo "FAIL: no C sources under $dir" >&2
  exit 1
fi

matches=$(find "$dir" -type f \( -name '*.c' -o -name '*.h' \) \
            -exec grep -EnH "$include_pattern" {} + || true)
if [ -f "$dir/meson.build" ]; then
  matches="$matches$(grep -EnH "$dependency_pattern" "$dir/meson.build" || true)"
fi

if [ -n "$matches" ]; then
  printf '%s\n' "$matches"
  echo "FAIL: the core refers to GTK (see above)" >&2
  exit 1
fi

echo "ok: none of the $count C files under $dir includes a GTK header"
