#!/usr/bin/env python3
# Checks po/POTFILES.in against the sources: every .c, .ui, .desktop.in,
# .metainfo.xml.in and .gschema.xml with translatable strings under src/app,
# src/core and data/ must be listed, and every listed file must exist.
#
#   check-potfiles.py SOURCE_ROOT
#
# SPDX-License-Identifier: GPL-3.0-or-later

import pathlib
import re
import sys

# _("..."), N_("..."), C_("ctx", "..."), ngettext (...), g_dngettext ... in C;
# translatable="yes" in GtkBuilder files.
C_MARKERS = re.compile(r'\b(?:_|N_|C_|NC_|ngettext|g_dngettext|g_dpgettext2)\s*\(\s*"')
UI_MARKER = re.compile(r'translatable="yes"')


def wants_translation(path: pathlib.Path) -> bool:
    name = path.name
    text = path.read_text(encoding='utf-8', errors='replace')
    if name.endswith('.c'):
        return bool(C_MARKERS.search(text))
    if name.endswith('.ui'):
        return bool(UI_MARKER.search(text))
    # Desktop files, metainfo and schemas always carry user-visible text.
    return name.endswith(('.desktop.in', '.metainfo.xml.in', '.gschema.xml'))


def main() -> int:
    root = pathlib.Path(sys.argv[1]).resolve()
    potfiles = root / 'po' / 'POTFILES.in'
    listed = []
    for line in potfiles.read_text(encoding='utf-8').splitlines():
        line = line.strip()
        if line and not line.startswith('#'):
            listed.append(line)

    failures = []
    for entry in listed:
        if not (root / entry).is_file():
            failures.append(f'po/POTFILES.in lists {entry}, which does not exist')

    if listed != sorted(listed):
        failures.append('po/POTFILES.in is not sorted')

    candidates = []
    for folder, patterns in (('src/app', ('*.c', '*.ui')),
                             ('src/core', ('*.c',)),
                             ('data', ('*.desktop.in', '*.metainfo.xml.in', '*.gschema.xml'))):
        for pattern in patterns:
            candidates.extend((root / folder).rglob(pattern))

    for path in sorted(candidates):
        relative = path.relative_to(root).as_posix()
        if wants_translation(path) and relative not in listed:
            failures.append(f'{relative} has translatable strings but is not in po/POTFILES.in')

    for failure in failures:
        print(failure)
    if not failures:
        print(f'po/POTFILES.in lists all {len(listed)} files with translatable strings')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
