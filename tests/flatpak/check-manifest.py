#!/usr/bin/env python3
# check-manifest.py: the Flatpak manifest against the meson project
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-manifest.py MANIFEST SOURCE_ROOT PROJECT_NAME APP_ID BUILD_DIR
#
# Nothing here can download a GNOME runtime, so the manifest is never built
# by the tests; this reads it and checks what flatpak-builder would rely on.
# TAP output, one test per check.

import json
import os
import re
import subprocess
import sys

# libadwaita 1.2 shipped with GNOME 43; the issue asks for 45 or later.
OLDEST_RUNTIME = 45
REQUIRED_FINISH_ARGS = [
    '--socket=wayland',
    '--socket=fallback-x11',
    '--device=dri',
    '--share=ipc',
    '--talk-name=org.freedesktop.Flatpak',
]
# What the app must not ask for: it reads processes through flatpak-spawn.
FORBIDDEN_FINISH_ARGS = re.compile(r'^--(filesystem=(host|home)|device=all|socket=x11$|'
                                   r'share=network)')

results = []


def check(name, ok, detail=''):
    results.append((name, bool(ok), detail))


def meson_options(build_dir):
    result = subprocess.run(['meson', 'introspect', '--buildoptions', build_dir],
                            stdout=subprocess.PIPE, text=True, check=True)
    return {option['name']: option for option in json.loads(result.stdout)}


def main():
    manifest_path, source_root, project_name, app_id, build_dir = sys.argv[1:6]

    try:
        with open(manifest_path, encoding='utf-8') as manifest_file:
            manifest = json.load(manifest_file)
        check('the manifest is valid JSON', True)
    except (OSError, ValueError) as error:
        check('the manifest is valid JSON', False, str(error))
        return report()

    check('its file is named after the app ID',
          os.path.basename(manifest_path) == app_id + '.json', manifest_path)
    check('app ID', manifest.get('id') == app_id, repr(manifest.get('id')))
    check('runtime is the GNOME platform', manifest.get('runtime') == 'org.gnome.Platform',
          repr(manifest.get('runtime')))
    check('sdk is the GNOME SDK', manifest.get('sdk') == 'org.gnome.Sdk',
          repr(manifest.get('sdk')))
    version = str(manifest.get('runtime-version', ''))
    check('runtime-version %d or later (libadwaita 1.2 or later)' % OLDEST_RUNTIME,
          version.isdigit() and int(version) >= OLDEST_RUNTIME, repr(version))
    check('command is the application, mapscope', manifest.get('command') == 'mapscope',
          repr(manifest.get('command')))

    finish_args = manifest.get('finish-args', [])
    missing = [arg for arg in REQUIRED_FINISH_ARGS if arg not in finish_args]
    check('finish-args has ' + ' '.join(REQUIRED_FINISH_ARGS), not missing,
          'missing ' + ' '.join(missing))
    extra = [arg for arg in finish_args if FORBIDDEN_FINISH_ARGS.match(arg)]
    check('finish-args asks for no file system, network or device access beyond that',
          not extra, ' '.join(extra))

    modules = manifest.get('modules', [])
    module = modules[-1] if modules else {}
    check('the last module is the meson project ' + project_name,
          module.get('name') == project_name and module.get('buildsystem') == 'meson',
          repr(module.get('name')) + ' ' + repr(module.get('buildsystem')))
    sources = module.get('sources', [])
    check('the module builds this tree (a "dir" source at "..")',
          len(sources) == 1 and sources[0].get('type') == 'dir' and
          sources[0].get('path') == '..', repr(sources))
    if sources and sources[0].get('path'):
        tree = os.path.realpath(os.path.join(os.path.dirname(manifest_path),
                                             sources[0]['path']))
        check('the "dir" source is the project root', tree == os.path.realpath(source_root) and
              os.path.isfile(os.path.join(tree, 'meson.build')), tree)

    options = meson_options(build_dir)
    for opt in module.get('config-opts', []):
        match = re.match(r'^-D([\w.-]+)=(.*)$', opt)
        name = match.group(1) if match else None
        known = name in options
        if known and options[name].get('choices'):
            known = match.group(2) in options[name]['choices']
        check('config-opt %s is an option of the meson project' % opt, known, opt)

    return report()


def report():
    print('1..%d' % len(results))
    failed = 0
    for number, (name, ok, detail) in enumerate(results, 1):
        print('%s %d %s' % ('ok' if ok else 'not ok', number, name))
        if not ok:
            failed += 1
            print('# ' + detail)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
